"""Assemble the searchable PDF: each page image with Tesseract's invisible text layer under it.

Born-digital pages are copied from the source PDF as they are. Scanned pages are stored
losslessly and small: bilevel pages as CCITT G4 (img2pdf passes the TIFF through untouched),
grey and colour pages as JPEG. Pages are written to the work folder one at a time and joined at
the end, so a long document never holds all its page images in memory.
"""

from __future__ import annotations

import io
from pathlib import Path

import cv2
import img2pdf
import numpy as np
import pikepdf
from PIL import Image

from processors.errors import CorruptFileError

JPEG_QUALITY = 80


def encode_page_image(image: np.ndarray) -> bytes:
    """Encode a page for the PDF: CCITT G4 TIFF when bilevel, JPEG otherwise."""
    if image.ndim == 2 and not np.any((image > 0) & (image < 255)):
        out = io.BytesIO()
        Image.fromarray(image).convert("1").save(out, format="TIFF", compression="group4")
        return out.getvalue()
    ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
    if not ok:
        raise CorruptFileError("The page image could not be encoded for the PDF.")
    return encoded.tobytes()


class SearchablePdfBuilder:
    """Collect pages in order, then write one PDF/A-like searchable document."""

    def __init__(
        self, workdir: Path, *, source_pdf: bytes | None = None, password: str | None = None
    ) -> None:
        self._workdir = workdir
        self._source_pdf = source_pdf
        self._password = password
        self._parts: list[tuple[str, Path | int]] = []

    def add_scanned_page(self, image: np.ndarray, *, dpi: int, text_layer_pdf: bytes) -> None:
        """Add a page showing ``image`` at ``dpi``, with the invisible text layer beneath it."""
        page_pdf = img2pdf.convert(
            encode_page_image(image), layout_fun=img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))
        )
        path = self._workdir / f"page-{len(self._parts):05d}.pdf"
        with pikepdf.open(io.BytesIO(page_pdf)) as pdf:
            page = pikepdf.Page(pdf.pages[0])
            if text_layer_pdf:
                with pikepdf.open(io.BytesIO(text_layer_pdf)) as text_pdf:
                    form = pdf.copy_foreign(pikepdf.Page(text_pdf.pages[0]).as_form_xobject())
                    page.add_underlay(form, pikepdf.Rectangle(*page.mediabox))
            pdf.save(path)
        self._parts.append(("file", path))

    def add_source_page(self, index: int) -> None:
        """Add page ``index`` of the source PDF unchanged (a born-digital page)."""
        if self._source_pdf is None:
            raise ValueError("no source PDF to copy a page from")
        self._parts.append(("source", index))

    def write(self, path: Path) -> None:
        """Join the pages in the order they were added and save to ``path``."""
        opened: list[pikepdf.Pdf] = []
        try:
            output = pikepdf.new()
            source = None
            for kind, ref in self._parts:
                if kind == "source":
                    if source is None:
                        source = pikepdf.open(
                            io.BytesIO(self._source_pdf or b""), password=self._password or ""
                        )
                        opened.append(source)
                    output.pages.append(source.pages[int(ref)])  # type: ignore[arg-type]
                else:
                    part = pikepdf.open(ref)  # type: ignore[arg-type]
                    opened.append(part)
                    output.pages.append(part.pages[0])
            output.docinfo["/Producer"] = "ip-digitizer"
            output.save(path, compress_streams=True)
        finally:
            for pdf in opened:
                pdf.close()
