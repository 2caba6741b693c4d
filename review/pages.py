"""Page images for the review page, rendered from the searchable PDF and kept in a small cache.

The searchable PDF holds the cleaned page images the field boxes were measured on, so a page
rendered from it lines up with ``bbox`` once scaled from the record's page width and height.
PDFium is not thread-safe: every call into it holds one process-wide lock.
"""

from __future__ import annotations

import io
import threading
from collections import OrderedDict

import pypdfium2 as pdfium

_PDFIUM_LOCK = threading.Lock()


class PageImages:
    """PNG renderings of document pages, cached per (sha256, page) within a size bound."""

    def __init__(
        self,
        *,
        target_width: int = 1400,
        max_scale: float = 3.0,
        max_entries: int = 48,
        max_bytes: int = 64 * 1024 * 1024,
    ) -> None:
        """Render pages about ``target_width`` pixels wide; keep at most the given count/bytes."""
        self._target_width = target_width
        self._max_scale = max_scale
        self._max_entries = max_entries
        self._max_bytes = max_bytes
        self._cache: OrderedDict[tuple[str, int], bytes] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, sha256: str, index: int) -> bytes | None:
        """Return the cached PNG of page ``index`` (0-based), or None."""
        with self._lock:
            png = self._cache.get((sha256, index))
            if png is not None:
                self._cache.move_to_end((sha256, index))
            return png

    def render(self, sha256: str, index: int, pdf: bytes) -> bytes:
        """Render page ``index`` of ``pdf`` to PNG, remember it and return it.

        Raises:
            IndexError: The PDF has no such page.
            ValueError: The bytes are not a PDF PDFium can open.
        """
        with _PDFIUM_LOCK:
            try:
                document = pdfium.PdfDocument(pdf)
            except pdfium.PdfiumError as exc:
                raise ValueError(f"cannot open the searchable PDF: {exc}") from exc
            try:
                if not 0 <= index < len(document):
                    raise IndexError(f"the PDF has {len(document)} pages, no page {index + 1}")
                page = document[index]
                try:
                    width = page.get_width() or 1.0
                    scale = max(0.1, min(self._max_scale, self._target_width / width))
                    image = page.render(scale=scale).to_pil()
                finally:
                    page.close()
            finally:
                document.close()
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=False, compress_level=6)
        png = out.getvalue()
        self._remember((sha256, index), png)
        return png

    def _remember(self, key: tuple[str, int], png: bytes) -> None:
        if len(png) > self._max_bytes:
            return
        with self._lock:
            old = self._cache.pop(key, None)
            if old is not None:
                self._bytes -= len(old)
            self._cache[key] = png
            self._bytes += len(png)
            while len(self._cache) > self._max_entries or self._bytes > self._max_bytes:
                _, dropped = self._cache.popitem(last=False)
                self._bytes -= len(dropped)

    def __len__(self) -> int:
        return len(self._cache)
