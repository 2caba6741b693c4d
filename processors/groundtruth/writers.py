"""Pages to files: PNG, JPEG, multi-page TIFF, scanned and born-digital PDF, a labelled folder."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import img2pdf
from PIL import Image

from processors.groundtruth import fonts as ft
from processors.groundtruth.model import Page


def _pil(page: Page) -> Image.Image:
    return Image.fromarray(page.image)


def to_png(page: Page) -> bytes:
    """The page as a grey PNG with its resolution recorded."""
    out = io.BytesIO()
    _pil(page).save(out, format="PNG", dpi=(page.dpi, page.dpi), optimize=False)
    return out.getvalue()


def to_jpeg(page: Page, quality: int = 85) -> bytes:
    """The page as a grey JPEG at ``quality`` with its resolution recorded."""
    out = io.BytesIO()
    _pil(page).save(out, format="JPEG", quality=quality, dpi=(page.dpi, page.dpi))
    return out.getvalue()


def to_tiff(pages: Sequence[Page]) -> bytes:
    """The pages as one multi-page TIFF (deflate-compressed grey, each page's own dpi)."""
    from PIL import TiffImagePlugin

    if not pages:
        raise ValueError("no pages to write")
    out = io.BytesIO()
    with TiffImagePlugin.AppendingTiffWriter(out, new=True) as tiff:
        for page in pages:
            _pil(page).save(
                tiff, format="TIFF", compression="tiff_adobe_deflate", dpi=(page.dpi, page.dpi)
            )
            tiff.newFrame()
    return out.getvalue()


def to_scanned_pdf(pages: Sequence[Page]) -> bytes:
    """An image-only PDF (one PNG per page, page size from the dpi), like a scanner makes.

    No dates are written, so the same pages give the same bytes.
    """
    if not pages:
        raise ValueError("no pages to write")
    return img2pdf.convert([to_png(p) for p in pages], nodate=True, engine=img2pdf.Engine.internal)


_FIXED_DATE = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
# Fonts tried, in order, for characters the main font lacks.
_FALLBACKS = (
    "DejaVuSans.ttf",
    "NotoSansThai-Regular.ttf",
    "NotoSansKhmer-Regular.ttf",
    "NotoSansLao-Regular.ttf",
)


def to_born_digital_pdf(pages_text: Sequence[str], *, font_path: str, shape: bool = False) -> bytes:
    """A PDF with a real text layer: each text a page of lines, ``font_path`` embedded.

    Thai, Khmer and Lao characters the font lacks come from embedded fallback fonts.
    ``shape`` turns on HarfBuzz shaping (needs ``uharfbuzz``): right for the eye in
    complex scripts, but extractors then lose some of their characters, so it is off.
    """
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_creation_date(_FIXED_DATE)  # same text, same bytes
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(20, 18, 20)
    pdf.add_font("main", "", font_path)
    fallbacks = []
    for i, name in enumerate(_FALLBACKS):
        path = ft.find_font(name)
        if path and path != font_path:
            pdf.add_font(f"fallback{i}", "", path)
            fallbacks.append(f"fallback{i}")
    pdf.set_fallback_fonts(fallbacks, exact_match=False)
    if shape:
        pdf.set_text_shaping(True)
    for text in pages_text or [""]:
        pdf.add_page()
        for line in text.split("\n"):
            # After a line set wholly in a fallback font, fpdf2 keeps drawing in it (a Latin
            # line after a Khmer one vanished); switching font away and back resets that.
            pdf.set_font("helvetica", size=11)
            pdf.set_font("main", size=11)
            pdf.multi_cell(0, 6, line or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def write_dataset(folder: Path, pages: Iterable[Page]) -> None:
    """Write ``<name>.png`` per page and ``truth.json`` {file name: truth} into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    truth: dict[str, dict[str, Any]] = {}
    for i, page in enumerate(pages):
        name = f"{i:04d}-{page.name}.png"
        (folder / name).write_bytes(to_png(page))
        truth[name] = truth_entry(page)
    (folder / "truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


def truth_entry(page: Page) -> dict[str, Any]:
    """``truth.to_json()`` plus what the page went through: degradations and dpi."""
    return {**page.truth.to_json(), "degradations": list(page.degradations), "dpi": page.dpi}


def load_truth(folder: Path) -> dict[str, dict[str, Any]]:
    """Read ``<folder>/truth.json`` ({file name: truth})."""
    return json.loads((Path(folder) / "truth.json").read_text(encoding="utf-8"))
