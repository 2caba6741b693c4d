"""The seeded ground-truth generator: determinism, degradations, truth, writers, one OCR check."""

from __future__ import annotations

import io
import json
import random
import shutil

import numpy as np
import pdfplumber
import pytest
from PIL import Image, ImageFont

from processors import groundtruth as gt
from processors.groundtruth import damage as dg
from processors.groundtruth import fonts as ft
from processors.groundtruth.text import Fonts, is_local, wrap
from processors.metrics import cer

DPI = 150
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


@pytest.fixture(scope="module")
def stream() -> list[gt.Page]:
    return list(gt.generate(len(gt.DEGRADATIONS), seed=7, dpi=DPI))


@pytest.fixture(scope="module")
def clean_page() -> gt.Page:
    return gt.make_page(11, kind="patent", office="PH", dpi=DPI, layout="inid-round-1col")


def test_generate_is_deterministic_by_seed(stream: list[gt.Page]) -> None:
    again = list(gt.generate(4, seed=7, dpi=DPI))
    for a, b in zip(stream[:4], again, strict=True):
        assert a.truth == b.truth
        assert a.degradations == b.degradations
        assert a.dpi == b.dpi
        assert np.array_equal(a.image, b.image)
    other = next(gt.generate(1, seed=8, dpi=DPI))
    assert other.truth != stream[0].truth


def test_every_degradation_is_applied(stream: list[gt.Page]) -> None:
    applied = {d for page in stream for d in page.degradations}
    assert applied == set(gt.DEGRADATIONS)
    assert all(1 <= len(page.degradations) <= 2 for page in stream)


def test_no_degradation_when_probability_zero() -> None:
    pages = list(gt.generate(3, seed=1, dpi=DPI, degrade_probability=0.0))
    assert all(not p.degradations for p in pages)


def test_rotate90_swaps_width_and_height(clean_page: gt.Page) -> None:
    turned = gt.degrade(clean_page, ["rotate90"], random.Random(0))
    h, w = clean_page.image.shape
    assert turned.image.shape == (w, h)
    assert turned.degradations == ("rotate90",)
    assert turned.truth == clean_page.truth
    assert gt.degrade(clean_page, ["rotate180"], random.Random(0)).image.shape == (h, w)


def test_low_resolution_lowers_dpi() -> None:
    page = gt.make_page(3, kind="trademark", office="VN", dpi=300)
    low = gt.degrade(page, ["low_resolution"], random.Random(0))
    assert 150 <= low.dpi < 300
    assert low.image.shape[1] == pytest.approx(page.image.shape[1] * low.dpi / 300, abs=1)


def test_skew_grows_the_canvas_with_white(clean_page: gt.Page) -> None:
    out = dg.skew(clean_page.image, 3.0)
    assert out.shape[0] > clean_page.image.shape[0] and out.shape[1] > clean_page.image.shape[1]
    assert out[0, 0] == 255


@pytest.mark.parametrize("name", gt.DEGRADATIONS)
def test_degradations_keep_the_page_readable(clean_page: gt.Page, name: str) -> None:
    out = gt.degrade(clean_page, [name], random.Random(5))
    assert out.image.dtype == np.uint8 and out.image.ndim == 2
    assert out.degradations == (name,)
    dark = np.mean(out.image < 128)
    assert 0.002 < dark < 0.35  # text still there, page not swallowed


def test_degradation_parameters() -> None:
    flat = np.full((200, 300), 255, np.uint8)
    assert dg.low_contrast(np.zeros((2, 2), np.uint8), 100, 210).max() == 100
    assert dg.low_contrast(flat, 100, 210).min() == 210
    bordered = dg.dark_border(flat, {"left": 30}, 20)
    assert bordered[:, :30].max() == 20 and bordered[:, 30:].min() == 255
    shaded = dg.shadow(flat, "top", 50, 0.5)
    assert shaded[0].mean() < shaded[49].mean() <= shaded[100].mean() == 255
    assert np.mean(dg.speckle(flat, 0.002, 1) == 0) == pytest.approx(0.001, abs=2e-4)
    with pytest.raises(ValueError, match="unknown degradation"):
        gt.degrade(gt.make_page(1, kind="patent", office="VN", dpi=72), ["smudge"], random.Random())


@pytest.mark.parametrize("office", gt.OFFICES)
@pytest.mark.parametrize("kind", gt.KINDS)
def test_truth_has_mandatory_fields(kind: str, office: str) -> None:
    fields, printed = gt.make_document(random.Random(f"{kind}{office}"), kind=kind, office=office)
    assert set(gt.MANDATORY[kind]) <= set(fields)
    assert set(printed) >= set(fields) - {"kind"}
    assert all(isinstance(x, str) for x in fields["applicants"])
    assert len(fields["filing_date"]) == 10 and fields["filing_date"][4] == "-"
    if kind == "trademark":
        assert fields["nice_classes"] == sorted(fields["nice_classes"])
    if kind == "industrial_design":
        assert all(len(c) == 5 and c[2] == "-" for c in fields["locarno_classes"])
    json.dumps(fields)  # JSON-ready


@pytest.mark.parametrize("office", gt.OFFICES)
def test_front_page_text_holds_the_printed_values(office: str) -> None:
    page = gt.make_page(21, kind="patent", office=office, dpi=DPI)
    truth = page.truth
    assert truth.language == gt.LANGUAGE_OF_OFFICE[office]
    assert truth.fields["application_number"] in truth.text
    one_line = " ".join(truth.text.split("\n"))
    assert truth.fields["title"] in one_line
    assert all(line and line == line.strip() for line in truth.text.split("\n"))
    assert page.image.shape == (round(297 / 25.4 * DPI), round(210 / 25.4 * DPI))


def test_office_conventions() -> None:
    vn = gt.make_page(1, kind="patent", office="VN", dpi=DPI, layout="inid-round-1col").truth
    assert vn.text.startswith("CỤC SỞ HỮU TRÍ TUỆ\nBẰNG ĐỘC QUYỀN SÁNG CHẾ\n")
    assert "(21) Số đơn: 1-" in vn.text
    th = gt.make_page(1, kind="patent", office="TH", dpi=DPI, layout="inid-round-1col").truth
    day, month, year = th.text.split("วันยื่นคำขอ: ")[1].split("\n")[0].split("/")
    assert th.fields["filing_date"] == f"{int(year) - 543}-{month}-{day}"
    us = gt.make_page(1, kind="patent", office="US", dpi=DPI, layout="inid-square-2col").truth
    lines = us.text.split("\n")
    assert lines[1] == "[12] United States Patent"
    assert lines.index("[57] ABSTRACT") > lines.index(next(x for x in lines if "[10]" in x))
    assert us.fields["publication_number"].startswith("US ")


def test_a4_at_300_dpi(clean_page: gt.Page) -> None:
    page = gt.render_front_page(
        *gt.make_document(random.Random(1), kind="trademark", office="PH"),
        kind="trademark",
        office="PH",
        layout="labels-only",
        rng=random.Random(1),
    )
    assert page.image.shape == (3508, 2480) and page.dpi == 300
    assert "(2" not in page.truth.text  # labels only: no INID codes


@pytest.mark.parametrize("language", ["eng", "vie", "tha", "khm", "lao", "fil"])
def test_text_page(language: str) -> None:
    page = gt.render_text_page(random.Random(3), dpi=DPI, language=language)
    assert page.truth.fields == {} and page.truth.language == language
    assert page.truth.text.count("\n") >= 8


def test_wrap_never_splits_a_cluster() -> None:
    font = ImageFont.truetype("/usr/share/fonts/truetype/tlwg/Garuda.ttf", 20)
    word = "ก" * 5 + "ที่" + "ก" * 40
    lines = wrap(word, Fonts(font, font), 120, 120)
    assert len(lines) > 1 and "".join(lines) == word
    assert not any(line[0] in "ี่" or line[-1] in "เแโใไ" for line in lines)
    assert wrap("a bb ccc", Fonts(font, font), 1000, 1000) == ["a bb ccc"]


@pytest.mark.parametrize("office", gt.OFFICES)
def test_fonts_cover_every_character(office: str) -> None:
    """No tofu: every face the page may be drawn with has a glyph for its characters."""
    language = gt.LANGUAGE_OF_OFFICE[office]
    text = "".join(
        gt.make_page(s, kind=k, office=office, dpi=72).truth.text
        for s in range(3)
        for k in gt.KINDS
    )
    local = "".join(sorted({c for c in text if is_local(c)}))
    latin = "".join(sorted({c for c in text if not is_local(c) and not c.isspace()}))
    for regular, bold in ft.faces("latin", ft.NEEDS.get(language, "")):
        assert ft.covers(regular, latin) and ft.covers(bold, latin), regular
    if local:
        for regular, bold in ft.faces(ft.SCRIPT_OF_LANGUAGE[language]):
            assert ft.covers(regular, local) and ft.covers(bold, local), regular


def test_png_and_jpeg_decode(clean_page: gt.Page) -> None:
    png = Image.open(io.BytesIO(gt.to_png(clean_page)))
    assert png.mode == "L" and png.size == clean_page.image.shape[::-1]
    assert round(png.info["dpi"][0]) == DPI
    assert np.array_equal(np.asarray(png), clean_page.image)
    jpg = Image.open(io.BytesIO(gt.to_jpeg(clean_page, quality=60)))
    assert jpg.format == "JPEG" and jpg.size == png.size


def test_multipage_tiff(stream: list[gt.Page]) -> None:
    pages = stream[:3]
    tif = Image.open(io.BytesIO(gt.to_tiff(pages)))
    assert tif.n_frames == 3
    for i, page in enumerate(pages):
        tif.seek(i)
        assert tif.size == page.image.shape[::-1]
        assert round(tif.info["dpi"][0]) == page.dpi


def test_scanned_pdf(stream: list[gt.Page]) -> None:
    data = gt.to_scanned_pdf(stream[:2])
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 2
        assert len(pdf.pages[0].images) == 1
        width_in = pdf.pages[0].width / 72
        assert width_in == pytest.approx(stream[0].image.shape[1] / stream[0].dpi, rel=0.01)


def test_born_digital_pdf_has_a_text_layer(clean_page: gt.Page) -> None:
    body = gt.render_text_page(random.Random(1), dpi=DPI, language="vie")
    data = gt.to_born_digital_pdf([clean_page.truth.text, body.truth.text], font_path=FONT)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) >= 2
        text = "\n".join(p.extract_text() for p in pdf.pages)
    title = clean_page.truth.fields["title"]
    assert " ".join(title.split()) in " ".join(text.split())
    assert cer(clean_page.truth.text + "\n" + body.truth.text, text) == 0.0


@pytest.mark.parametrize("office", ["TH", "KH", "LA"])
def test_born_digital_pdf_complex_scripts(office: str) -> None:
    """Local script from the fallback fonts, and a Latin line after it is not lost."""
    page = gt.make_page(3, kind="patent", office=office, dpi=72)
    data = gt.to_born_digital_pdf([page.truth.text], font_path=FONT)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "\n".join(p.extract_text() for p in pdf.pages)
    assert cer(page.truth.text, text) == 0.0


def test_write_and_load_dataset(tmp_path, stream: list[gt.Page]) -> None:
    gt.write_dataset(tmp_path, stream[:3])
    truth = gt.load_truth(tmp_path)
    assert len(truth) == 3
    for name, entry in truth.items():
        assert (tmp_path / name).is_file()
        assert {"document_type", "language", "fields", "text", "degradations"} <= set(entry)
    first = truth[sorted(truth)[0]]
    assert first["text"] == stream[0].truth.text
    assert first["degradations"] == list(stream[0].degradations)


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")
def test_tesseract_reads_the_title() -> None:
    import pytesseract

    page = gt.make_page(5, kind="patent", office="PH", dpi=300, layout="inid-round-1col")
    text = pytesseract.image_to_string(Image.fromarray(page.image), lang="eng")
    words = {w.strip(".,;:()").lower() for w in text.split()}
    title_words = [w.lower() for w in page.truth.fields["title"].split() if len(w) > 3]
    found = sum(w in words for w in title_words)
    assert found >= len(title_words) - 1, (title_words, text)
