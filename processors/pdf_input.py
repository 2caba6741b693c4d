"""PDF input: open (passwords, repair), and decide per page between text layer and OCR.

pypdfium2 opens the file and gives scanned pages' embedded images as stored (no re-render);
pdfplumber reads the words of born-digital pages. A page is treated as scanned when one image
covers most of it: its text, if any, is someone else's OCR, which the pipeline does not trust.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pdfplumber
import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.layout import LTChar, LTContainer
from pdfminer.pdfexceptions import PDFException
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import PdfminerException

from processors.errors import (
    CorruptFileError,
    EncryptedPdfError,
    NoPagesError,
    TooLargeError,
    TruncatedFileError,
)
from processors.types import Line, PageText, Word

log = logging.getLogger("ip_digitizer.pdf")

SCANNED_COVERAGE = 0.5  # an image over half the page makes it a scan
EMBEDDED_COVERAGE = 0.98  # the image must fill the page to stand in for it exactly
_CID = re.compile(r"\(cid:\d+\)")


@dataclass(slots=True)
class OpenPdf:
    """An opened PDF and what it took to open it."""

    pdf: pdfium.PdfDocument
    data: bytes
    password: str | None
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class PdfPage:
    """One PDF page: either ``text`` (born-digital) or ``image`` (to OCR), never both."""

    index: int
    width_pt: float
    height_pt: float
    text: PageText | None = None
    image: np.ndarray | None = None
    dpi: int = 0
    dpi_source: str = ""
    note: str = ""


def open_pdf(data: bytes, *, password: str | None) -> OpenPdf:
    """Open ``data`` with pdfium; when pdfium cannot, let qpdf (pikepdf) say why and repair.

    pdfium's error code is process-global and can be left over from an earlier document, so
    its message is not trusted to tell an encrypted file from a damaged one: qpdf decides.
    """
    try:
        return OpenPdf(pdfium.PdfDocument(data, password=password), data, password)
    except pdfium.PdfiumError as e:
        first_error = e
    repaired = _repair(data, password=password, cause=first_error)
    try:
        document = pdfium.PdfDocument(repaired, password=password)
    except pdfium.PdfiumError as e:
        if _page_count(repaired, password=password) == 0:
            raise NoPagesError("The PDF contains no page.") from e
        raise CorruptFileError(f"The PDF is damaged beyond repair: {e}") from e
    note = "repaired: the PDF's structure was damaged and was rebuilt with qpdf before reading"
    return OpenPdf(document, repaired, password, [note])


def _page_count(data: bytes, *, password: str | None) -> int | None:
    """Page count as qpdf sees it (pdfium refuses a PDF with an empty page tree)."""
    try:
        with pikepdf.open(io.BytesIO(data), password=password or "") as pdf:
            return len(pdf.pages)
    except (pikepdf.PdfError, ValueError, OSError):
        return None


def _repair(data: bytes, *, password: str | None, cause: Exception) -> bytes:
    """Rebuild a damaged PDF's cross-reference table with qpdf and return the new bytes."""
    try:
        with pikepdf.open(io.BytesIO(data), password=password or "") as pdf:
            out = io.BytesIO()
            pdf.save(out)
            return out.getvalue()
    except pikepdf.PasswordError as e:
        if password:
            raise EncryptedPdfError(
                "The PDF is encrypted and the password supplied for it is wrong."
            ) from e
        raise EncryptedPdfError(
            "The PDF is encrypted: password required (supply it with --password or a "
            "password file)."
        ) from e
    except (pikepdf.PdfError, ValueError, OSError) as e:
        if b"%%EOF" not in data[-2048:]:
            raise TruncatedFileError(
                "The PDF ends early (truncated file) and cannot be repaired."
            ) from cause
        raise CorruptFileError(f"The PDF is damaged and cannot be repaired: {e}") from cause


def iter_pdf_pages(
    document: OpenPdf, *, max_pixels: int, min_text_chars: int, render_dpi: int
) -> Iterator[PdfPage]:
    """Yield each page as text (born-digital) or as an image to OCR, one page at a time."""
    plumber: Any = None
    try:
        for index in range(len(document.pdf)):
            try:
                page = document.pdf[index]
            except pdfium.PdfiumError as e:
                raise CorruptFileError(f"Page {index + 1} of the PDF cannot be read: {e}") from e
            try:
                width_pt, height_pt = page.get_size()
                image_obj, coverage = _largest_image(page, width_pt * height_pt)
                char_count = _char_count(page)
                if coverage < SCANNED_COVERAGE and char_count >= min_text_chars:
                    if plumber is None:
                        plumber = _open_plumber(document)
                    text = _text_layer(plumber, index)
                    if text is not None:
                        yield PdfPage(
                            index, width_pt, height_pt, text=text, dpi=72, dpi_source="pdf_text"
                        )
                        continue
                    note = "text layer unreadable (no font mapping); page OCRed instead"
                elif char_count and coverage >= SCANNED_COVERAGE:
                    note = "scanned page with an existing text layer; the layer was not trusted"
                else:
                    note = ""
                image, dpi, source = _page_image(
                    page,
                    image_obj,
                    coverage,
                    width_pt,
                    height_pt,
                    max_pixels=max_pixels,
                    render_dpi=render_dpi,
                    index=index,
                )
                yield PdfPage(
                    index, width_pt, height_pt, image=image, dpi=dpi, dpi_source=source, note=note
                )
            finally:
                page.close()
    finally:
        if plumber is not None:
            plumber.close()


def _open_plumber(document: OpenPdf) -> Any:
    """Open the text-layer reader; pdfminer is stricter than pdfium, so repair when it balks."""
    try:
        return pdfplumber.open(io.BytesIO(document.data), password=document.password or "")
    except PdfminerException as e:
        repaired = _repair(document.data, password=document.password, cause=e)
        document.notes.append(
            "repaired: the PDF's structure was damaged and was rebuilt with qpdf before reading"
        )
        try:
            return pdfplumber.open(io.BytesIO(repaired), password=document.password or "")
        except PdfminerException as again:
            raise CorruptFileError(f"The PDF's text layer cannot be read: {again}") from again


def _char_count(page: pdfium.PdfPage) -> int:
    textpage = page.get_textpage()
    try:
        return textpage.count_chars()
    finally:
        textpage.close()


def _largest_image(page: pdfium.PdfPage, page_area: float) -> tuple[Any, float]:
    """Return the page's largest image object and the share of the page it covers."""
    best, best_area = None, 0.0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        area = max(0.0, right - left) * max(0.0, top - bottom)
        if area > best_area:
            best, best_area = obj, area
    return best, (best_area / page_area if page_area > 0 else 0.0)


def _page_image(
    page: pdfium.PdfPage,
    image_obj: Any,
    coverage: float,
    width_pt: float,
    height_pt: float,
    *,
    max_pixels: int,
    render_dpi: int,
    index: int,
) -> tuple[np.ndarray, int, str]:
    """Take the embedded scan as stored when it is the whole page; otherwise render the page."""
    if image_obj is not None and coverage >= EMBEDDED_COVERAGE and page.get_rotation() == 0:
        embedded = _embedded_image(image_obj, width_pt, max_pixels=max_pixels)
        if embedded is not None:
            return embedded[0], embedded[1], "pdf_image"
    scale = render_dpi / 72
    pixels = round(width_pt * scale) * round(height_pt * scale)
    if pixels > max_pixels:
        raise TooLargeError(
            f"Page {index + 1} would be {pixels:,} pixels at {render_dpi} dpi, more than the "
            f"limit of {max_pixels:,}."
        )
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        array = np.array(bitmap.to_numpy(), copy=True)
    finally:
        bitmap.close()
    if array.ndim == 3:
        array = array[..., 0]
    return array, render_dpi, "pdf_render"


def _embedded_image(
    image_obj: Any, width_pt: float, *, max_pixels: int
) -> tuple[np.ndarray, int] | None:
    """Decode an upright embedded image at its native resolution, or None to render instead."""
    matrix = image_obj.get_matrix()
    if abs(matrix.b) > 1e-6 or abs(matrix.c) > 1e-6 or matrix.a <= 0 or matrix.d <= 0:
        return None  # rotated, mirrored or sheared placement: let pdfium compose the page
    px_width, px_height = image_obj.get_px_size()
    if px_width * px_height > max_pixels or px_width == 0:
        return None
    try:
        bitmap = image_obj.get_bitmap(render=False)
    except pdfium.PdfiumError:
        return None
    # pdfium owns this bitmap's buffer ("foreign"): copy it out and let pypdfium2 free it.
    array = np.array(bitmap.to_numpy(), copy=True)
    if array.ndim == 3:
        array = np.ascontiguousarray(array[..., :3])
    dpi = round(px_width / (width_pt / 72))
    return array, dpi


def _text_layer(plumber: Any, index: int) -> PageText | None:
    """Read a born-digital page's words as lines; None when the layer is unreadable."""
    try:
        page = plumber.pages[index]
        try:
            words = pdfplumber.utils.extract_words(
                _lean_chars(page), use_text_flow=True, keep_blank_chars=False
            )
        finally:
            page.close()
    except (PDFException, PSException, PdfminerException, KeyError, TypeError) as e:
        # pdfminer is strict and its errors are many; pdfium could read the page, so OCR it.
        log.warning("text layer of page %d unreadable (%s); the page is OCRed", index + 1, e)
        return None
    joined = "".join(w["text"] for w in words)
    if not joined or len(_CID.findall(joined)) * 6 > len(joined) * 0.2 or "\ufffd" in joined:
        return None
    return PageText(
        page_index=index,
        lines=tuple(_group_lines(words)),
        width=round(float(page.width)),
        height=round(float(page.height)),
    )


def _lean_chars(page: Any) -> list[dict[str, Any]]:
    """The page's characters with just what pdfplumber's word extractor reads.

    ``page.chars`` gives every character some twenty resolved attributes (colours, fonts,
    matrices): three quarters of pdfplumber's time on a text page, none of it used here. The
    same characters, in content-stream order and in pdfplumber's coordinates (top-down, offset
    by the MediaBox), from the page's pdfminer layout.
    """
    height = float(page.height)
    mb_x0, mb_top = (float(v) for v in page.mediabox[:2])
    doctop = float(page.initial_doctop)
    chars: list[dict[str, Any]] = []

    def walk(objects: Iterable[Any]) -> None:
        for obj in objects:
            if isinstance(obj, LTChar):
                top = height - obj.y1 + mb_top
                chars.append(
                    {
                        "text": obj.get_text(),
                        "x0": obj.x0 + mb_x0,
                        "x1": obj.x1 + mb_x0,
                        "top": top,
                        "bottom": height - obj.y0 + mb_top,
                        "doctop": doctop + top,
                        "upright": obj.upright,
                        "size": obj.size,
                    }
                )
            elif isinstance(obj, LTContainer):
                walk(obj)

    walk(page.layout)
    return chars


def _group_lines(words: list[dict[str, Any]]) -> Iterator[Line]:
    """Group pdfplumber words (in text-flow order) into lines and blocks."""
    current: list[Word] = []
    block = 0
    last_top = last_bottom = last_x1 = None
    for w in words:
        box = (round(w["x0"]), round(w["top"]), round(w["x1"]), round(w["bottom"]))
        height = max(1.0, w["bottom"] - w["top"])
        new_line = (
            last_top is None
            or abs(w["top"] - last_top) > height * 0.5
            or (last_x1 is not None and w["x0"] < last_x1 - height)
        )
        if new_line and current:
            yield Line(words=tuple(current), block=block)
            current = []
            if last_bottom is not None and (
                w["top"] - last_bottom > height * 1.2 or w["top"] < last_top - height
            ):
                block += 1
        current.append(Word(text=w["text"], confidence=100.0, bbox=box))
        last_top, last_bottom, last_x1 = w["top"], w["bottom"], w["x1"]
    if current:
        yield Line(words=tuple(current), block=block)
