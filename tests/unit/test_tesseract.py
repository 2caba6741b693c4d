"""The Tesseract wrapper: one pass gives words, boxes, confidences and a PDF text layer;
failures are classified (timeout and empty page degrade, the rest raise our own errors)."""

from __future__ import annotations

import io

import numpy as np
import pikepdf
import pytest
from PIL import Image, ImageDraw, ImageFont
from pytesseract import TesseractError, TesseractNotFoundError

from processors import _tesseract
from processors.errors import MissingDependencyError, OcrEngineError
from processors.letter_model import symbols_of
from processors.types import SymbolChoices


class TestRecognize:
    def test_words_come_back_with_boxes_and_confidence(self, text_page):
        result = _tesseract.recognize(text_page, lang="eng", dpi=300, page_index=2)
        text = result.page.text
        assert "ROBOT OBSTACLE DETECTION SYSTEM" in text
        assert "09/768,773" in text
        assert result.mean_confidence > 80
        assert result.page.page_index == 2
        word = next(w for w in result.page.words if w.text == "ROBOT")
        x0, y0, x1, y1 = word.bbox
        assert 0 < x0 < x1 <= text_page.shape[1] and 0 < y0 < y1 <= text_page.shape[0]
        assert result.text_layer_pdf.startswith(b"%PDF")

    def test_blank_page_is_empty_not_an_error(self, text_page):
        blank = text_page * 0 + 255
        result = _tesseract.recognize(blank, lang="eng", dpi=300)
        assert result.word_count == 0 and not result.timed_out

    def test_two_level_page_goes_to_tesseract_as_one_bit(self, text_page, tmp_path):
        one_bit = np.where(text_page < 128, 0, 255).astype(np.uint8)
        written = _tesseract._write_input(one_bit, tmp_path)
        assert written.read_bytes().startswith(b"P4")  # Tesseract skips its thresholding
        assert _tesseract._write_input(text_page, tmp_path).read_bytes()[:2] in (b"P5", b"P6")
        result = _tesseract.recognize(one_bit, lang="eng", dpi=300)
        assert "ROBOT OBSTACLE DETECTION SYSTEM" in result.page.text
        assert "09/768,773" in result.page.text

    def test_bad_language_list_rejected_before_running(self, text_page):
        with pytest.raises(ValueError):
            _tesseract.recognize(text_page, lang="eng; rm -rf /", dpi=300)


class TestRecognizePages:
    def test_pages_read_together_read_as_each_alone(self, text_page):
        blank = text_page * 0 + 255
        top = text_page[: text_page.shape[0] // 2].copy()
        images = [text_page, blank, top]
        together = _tesseract.recognize_pages(images, lang="eng", dpi=300, page_indexes=[4, 5, 6])
        assert together is not None and len(together) == 3
        for n, (image, result) in enumerate(zip(images, together, strict=True)):
            alone = _tesseract.recognize(image, lang="eng", dpi=300, page_index=4 + n)
            assert result.page == alone.page  # same words, boxes, confidences, index, size
            assert result.mean_confidence == alone.mean_confidence
            with pikepdf.open(io.BytesIO(result.text_layer_pdf)) as layer:
                assert len(layer.pages) == 1  # each page gets its own text layer
        assert "ROBOT OBSTACLE DETECTION SYSTEM" in together[0].page.text
        assert together[1].word_count == 0
        assert together[2].page.height == top.shape[0]

    def test_an_unreadable_page_fails_the_list_as_a_whole(self, text_page):
        # Leptonica cannot read a 2x2 one-bit image: Tesseract stops at it, and the caller
        # must read the pages one by one to tell which page is at fault.
        tiny = np.zeros((2, 2), np.uint8)
        pages = _tesseract.recognize_pages(
            [text_page, tiny], lang="eng", dpi=300, page_indexes=[0, 1]
        )
        assert pages is None


LAO_FONT = "/usr/share/fonts/truetype/lao/Phetsarath_OT.ttf"

HOCR_WITH_CHOICES = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><body>
 <div class='ocr_page' id='page_1' title='bbox 0 0 800 200'>
  <span class='ocr_line' id='line_1_1' title="bbox 10 20 300 60">
   <span class='ocrx_word' id='word_1_1' title='bbox 10 20 120 60; x_wconf 70'>
    <span class='ocrx_cinfo' title='x_bboxes 10 20 40 60; x_conf 99.1'>ລ</span>
     <span class='ocrx_cinfo' id='lstm_choices_1_1_1'>
      <span class='ocrx_cinfo' id='choice_1_1_1' title='x_confs 93.8'>ລ</span>
      <span class='ocrx_cinfo' id='choice_1_1_2' title='x_confs 0'>ສ</span>
     </span>
    <span class='ocrx_cinfo' title='x_bboxes 40 20 80 60; x_conf 80.8'>ງ</span>
     <span class='ocrx_cinfo' id='lstm_choices_1_1_2'>
      <span class='ocrx_cinfo' id='choice_1_1_3' title='x_confs 80.8'>ງ</span>
      <span class='ocrx_cinfo' id='choice_1_1_4' title='x_confs 79.0'>ບ</span>
     </span>
   </span>
   <span class='ocrx_word' id='word_1_2' title='bbox 150 20 300 60; x_wconf 96'>
    <span class='ocrx_cinfo' title='x_bboxes 150 20 200 60; x_conf 99.5'>&amp;</span>
   </span>
  </span>
 </div>
 <div class='ocr_page' id='page_2' title='bbox 0 0 800 200'></div>
</body></html>"""


class TestSymbolChoices:
    def test_hocr_gives_each_word_its_symbols_and_their_choices(self):
        first, second = _tesseract.parse_hocr_choices(HOCR_WITH_CHOICES)
        assert second == ()  # an empty page
        assert [w.bbox for w in first] == [(10, 20, 120, 60), (150, 20, 300, 60)]
        la, ngo = first[0].symbols
        assert la == SymbolChoices("ລ", (("ລ", 93.8), ("ສ", 0.0)))
        assert ngo == SymbolChoices("ງ", (("ງ", 80.8), ("ບ", 79.0)))
        # A symbol without a list (Latin ones) keeps its own reading and score.
        assert first[1].symbols == (SymbolChoices("&", (("&", 99.5),)),)

    def test_hocr_that_does_not_parse_is_an_engine_error(self, tmp_path):
        for broken in ("<html", HOCR_WITH_CHOICES.replace("x_confs 79.0", "x_confs ?")):
            (tmp_path / "out.hocr").write_text(broken, encoding="utf-8")
            with pytest.raises(OcrEngineError, match="does not parse"):
                _tesseract._read_choices(tmp_path / "out", 2)
        (tmp_path / "out.hocr").write_text(HOCR_WITH_CHOICES, encoding="utf-8")
        with pytest.raises(OcrEngineError, match="2 pages, not 1"):
            _tesseract._read_choices(tmp_path / "out", 1)

    def test_a_pass_with_choices_reads_as_a_plain_pass(self):
        font = ImageFont.truetype(LAO_FONT, 60)
        image = Image.new("L", (1800, 300), 255)
        ImageDraw.Draw(image).text((60, 100), "ລະບົບ ໂຄມໄຟປະດັບ (LA) 2024", font=font, fill=0)
        page = np.asarray(image)
        plain = _tesseract.recognize(page, lang="lao+eng", dpi=300)
        with_choices = _tesseract.recognize(page, lang="lao+eng", dpi=300, symbol_choices=True)
        assert plain.choices == ()
        assert with_choices.page == plain.page  # same words, boxes and confidences
        assert "ໂຄມໄຟປະດັບ" in with_choices.page.text
        for word in with_choices.page.words:  # the engine's words spell every merged word
            assert symbols_of(word, with_choices.choices) is not None, word
        lao = [s for w in with_choices.choices for s in w.symbols if "\u0e80" <= s.text <= "\u0eff"]
        assert lao and all(any(c == s.text for c, _ in s.choices) for s in lao)
        together = _tesseract.recognize_pages(
            [page, page], lang="lao+eng", dpi=300, page_indexes=[0, 1], symbol_choices=True
        )
        assert together is not None
        assert [r.choices for r in together] == [with_choices.choices] * 2


class TestFailures:
    def _raise(self, exc):
        def fake(*args, **kwargs):
            raise exc

        return fake

    def test_timeout_degrades_to_flagged_empty_page(self, monkeypatch, text_page):
        monkeypatch.setattr(
            _tesseract.pytesseract.pytesseract,
            "run_tesseract",
            self._raise(RuntimeError("Tesseract process timeout")),
        )
        result = _tesseract.recognize(text_page, lang="eng", dpi=300)
        assert result.timed_out and result.word_count == 0

    def test_empty_page_message_is_benign(self, monkeypatch, text_page):
        monkeypatch.setattr(
            _tesseract.pytesseract.pytesseract,
            "run_tesseract",
            self._raise(TesseractError(1, "Empty page!!")),
        )
        result = _tesseract.recognize(text_page, lang="eng", dpi=300)
        assert result.engine_note == "empty page" and not result.timed_out

    def test_crash_becomes_ocr_engine_error(self, monkeypatch, text_page):
        monkeypatch.setattr(
            _tesseract.pytesseract.pytesseract,
            "run_tesseract",
            self._raise(TesseractError(-6, "SIGABRT")),
        )
        with pytest.raises(OcrEngineError, match="SIGABRT"):
            _tesseract.recognize(text_page, lang="eng", dpi=300)

    def test_missing_binary(self, monkeypatch, text_page):
        monkeypatch.setattr(
            _tesseract.pytesseract.pytesseract,
            "run_tesseract",
            self._raise(TesseractNotFoundError()),
        )
        with pytest.raises(MissingDependencyError, match="apt-get install"):
            _tesseract.recognize(text_page, lang="eng", dpi=300)


class TestProbe:
    def test_installed_languages_pass(self):
        assert _tesseract.probe("vie+eng").startswith("5")

    def test_missing_language_names_the_package(self):
        with pytest.raises(MissingDependencyError, match="tesseract-ocr-xyz"):
            _tesseract.probe("eng+xyz")


class TestOrientation:
    def test_upside_down_page_is_detected(self, text_page):
        import numpy as np

        from tests.conftest import render_lines

        page = render_lines(
            [
                "Patent applications filed with the office are examined in the order",
                "of their filing date. The applicant may request accelerated examination",
                "when the invention relates to environmental technology or public health.",
                "Each claim must be supported by the description and the drawings.",
            ]
            * 3,
            height_in=6,
        )
        verdict = _tesseract.detect_orientation(np.rot90(page, 2), dpi=300)
        assert verdict is not None and verdict.rotate == 180

    def test_osd_reads_a_grey_page_as_tesseract_would_threshold_it(self, monkeypatch):
        """OSD is handed one bit a pixel (Otsu, as Tesseract would make it): same verdict."""
        import numpy as np

        from processors.enhance import global_threshold
        from tests.conftest import render_lines

        page = render_lines(["The applicant may request accelerated examination."] * 8)
        grey = np.rot90(np.clip(page.astype(np.int16) // 2 + 100, 0, 255).astype(np.uint8), 2)
        written: list[np.ndarray] = []
        write = _tesseract._write_input
        monkeypatch.setattr(
            _tesseract,
            "_write_input",
            lambda image, folder: written.append(image) or write(image, folder),
        )
        from_grey = _tesseract.detect_orientation(grey, dpi=300)
        from_one_bit = _tesseract.detect_orientation(global_threshold(grey), dpi=300)
        assert _tesseract.is_two_level(written[0])  # what OSD got from the grey page
        assert from_grey is not None and from_grey == from_one_bit
        assert from_grey.rotate == 180
