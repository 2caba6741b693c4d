"""Outputs a downstream system reads: hOCR and ALTO (well-formed, escaped), plain text, and
the searchable PDF (opens, shows the page, and gives its text back when extracted)."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import img2pdf
import pdfplumber
import pytest

from processors import _tesseract, render
from processors.pdf_output import SearchablePdfBuilder, encode_page_image
from processors.types import Line, PageText, Word
from tests.conftest import encode

HOSTILE = '<script>alert("x")</script> & \x0c\x01 ]]>'


def hostile_page() -> render.RenderedPage:
    words = (Word(HOSTILE, 55.0, (10, 10, 200, 40)), Word("Số đơn", 90.0, (210, 10, 300, 40)))
    text = PageText(page_index=0, lines=(Line(words, block=0),), width=400, height=300)
    return render.RenderedPage(text, 400, 300, 300, "vie+eng")


class TestXml:
    def test_hocr_is_well_formed_and_escapes_scan_text(self):
        document = render.hocr([hostile_page()], title="../../etc/passwd <b>")
        root = ET.fromstring(document.encode("utf-8"))
        words = [el for el in root.iter() if el.get("class") == "ocrx_word"]
        assert words[0].text == '<script>alert("x")</script> &  ]]>'
        assert words[1].text == "Số đơn"
        assert "x_wconf 55" in words[0].get("title")
        assert "<script>" not in document

    def test_alto_is_well_formed_with_coordinates(self):
        document = render.alto([hostile_page()], source_name="a&b.png")
        root = ET.fromstring(document.encode("utf-8"))
        ns = {"a": "http://www.loc.gov/standards/alto/ns-v4#"}
        strings = root.findall(".//a:String", ns)
        assert [s.get("CONTENT") for s in strings][1] == "Số đơn"
        assert strings[0].get("HPOS") == "10" and strings[0].get("WIDTH") == "190"
        assert root.find(".//a:Page", ns).get("WIDTH") == "400"

    def test_plain_text_separates_pages_with_form_feed(self):
        page = hostile_page().text
        assert render.plain_text([page, page]).count("\f") == 1


class TestSearchablePdf:
    def test_text_can_be_extracted_back(self, tmp_path, text_page):
        ocr = _tesseract.recognize(text_page, lang="eng", dpi=300)
        builder = SearchablePdfBuilder(tmp_path)
        builder.add_scanned_page(text_page, dpi=300, text_layer_pdf=ocr.text_layer_pdf)
        builder.add_scanned_page(text_page, dpi=300, text_layer_pdf=ocr.text_layer_pdf)
        out = tmp_path / "out.pdf"
        builder.write(out)
        with pdfplumber.open(out) as pdf:
            assert len(pdf.pages) == 2
            page = pdf.pages[0]
            assert page.width == pytest.approx(text_page.shape[1] / 300 * 72, rel=0.01)
            assert "OBSTACLE" in page.extract_text()
            assert len(page.images) == 1  # the scan is shown, the text is invisible under it
            word = next(w for w in page.extract_words() if w["text"] == "OBSTACLE")
            assert word["x0"] > 30  # placed where the word is printed, not at the origin

    def test_source_pages_copied_unchanged(self, tmp_path, text_page):
        source = img2pdf.convert(encode(text_page, "PNG"))
        builder = SearchablePdfBuilder(tmp_path, source_pdf=source)
        builder.add_source_page(0)
        builder.write(tmp_path / "copy.pdf")
        with pdfplumber.open(tmp_path / "copy.pdf") as pdf:
            assert len(pdf.pages) == 1

    def test_bilevel_pages_are_stored_as_g4(self, text_page):
        bilevel = (text_page > 128).astype("uint8") * 255
        assert encode_page_image(bilevel)[:2] in (b"II", b"MM")
        assert encode_page_image(text_page)[:3] == b"\xff\xd8\xff"
        with pdfplumber.open(io.BytesIO(img2pdf.convert(encode_page_image(bilevel)))) as pdf:
            assert pdf.pages[0].images[0]["bits"] == 1
