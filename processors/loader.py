"""Decode a file's bytes into pages, one at a time, deciding per page how it will be read.

The type is decided by content (magic bytes), never by the file name. Pages stream out of a
generator so a 500-page PDF never holds 500 bitmaps. A PDF page is read from its text layer
only when that layer is the page's real content (born-digital); a scanned page that carries a
hidden third-party OCR layer is OCRed again from its embedded image, which is taken as it is
stored instead of being re-rendered.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from processors import pdf_input
from processors.errors import (
    BadInputError,
    CorruptFileError,
    EmptyFileError,
    NoPagesError,
    TooLargeError,
    TruncatedFileError,
    UnsupportedTypeError,
)
from processors.types import PageText

MediaType = Literal["application/pdf", "image/png", "image/jpeg", "image/tiff"]
EXTENSIONS: dict[str, str] = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/tiff": "tif",
}
DEFAULT_DPI = 300
# Scanners write 72 or 96 dpi by default when they know nothing; below this a value is noise.
_MIN_PLAUSIBLE_DPI = 100
_MAX_PLAUSIBLE_DPI = 1200


@dataclass(frozen=True, slots=True)
class Limits:
    """Resource limits that keep one hostile file from exhausting the worker."""

    max_pixels: int = 150_000_000
    max_pages: int = 2000


@dataclass(frozen=True, slots=True)
class ImagePage:
    """A page to OCR: pixels (grey or BGR) and their resolution."""

    index: int
    image: np.ndarray
    dpi: int
    dpi_source: str  # "file", "assumed", "pdf_image", "pdf_render"
    note: str = ""


@dataclass(frozen=True, slots=True)
class TextLayerPage:
    """A born-digital PDF page read from its text layer (boxes in PDF points)."""

    index: int
    text: PageText
    width_pt: float
    height_pt: float


LoadedPage = ImagePage | TextLayerPage


@dataclass(slots=True)
class DocumentInfo:
    """What the loader learned about a document before reading its pages."""

    media_type: MediaType
    page_count: int
    notes: list[str] = field(default_factory=list)


def sniff_media_type(data: bytes) -> MediaType:
    """Return the media type from the file's magic bytes; raise a ``BadInputError`` otherwise."""
    if not data:
        raise EmptyFileError("The file is empty (0 bytes).")
    head = data[:1024]
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return "image/tiff"
    if b"%PDF-" in head:
        return "application/pdf"
    raise UnsupportedTypeError(
        "The content is not a PNG, JPEG, TIFF or PDF (whatever its name says); "
        f"it starts with {data[:8]!r}."
    )


def open_document(
    data: bytes,
    *,
    limits: Limits,
    password: str | None = None,
    min_text_chars: int = 20,
    render_dpi: int = DEFAULT_DPI,
) -> tuple[DocumentInfo, Iterator[LoadedPage]]:
    """Inspect ``data`` and return its info and a generator of its pages.

    Raises a ``BadInputError`` subclass for anything that cannot be read; the generator may
    also raise one for a page that turns out to be broken.
    """
    media_type = sniff_media_type(data)
    if media_type == "application/pdf":
        document = pdf_input.open_pdf(data, password=password)
        info = DocumentInfo(media_type, len(document.pdf), document.notes)
        _check_page_count(info.page_count, limits)
        pages = pdf_input.iter_pdf_pages(
            document,
            max_pixels=limits.max_pixels,
            min_text_chars=min_text_chars,
            render_dpi=render_dpi,
        )
        return info, _pdf_pages(pages)
    image = _open_image(data)
    try:
        count = getattr(image, "n_frames", 1)  # seeks through every frame
    except _DECODE_ERRORS as e:
        raise _decode_error(e) from e
    info = DocumentInfo(media_type, count)
    _check_page_count(count, limits)
    return info, _image_pages(image, limits)


def _check_page_count(count: int, limits: Limits) -> None:
    if count == 0:
        raise NoPagesError("The document contains no page.")
    if count > limits.max_pages:
        raise TooLargeError(
            f"The document has {count} pages, more than the limit of {limits.max_pages}."
        )


def _pdf_pages(pages: Iterator[pdf_input.PdfPage]) -> Iterator[LoadedPage]:
    for page in pages:
        if page.text is not None:
            yield TextLayerPage(page.index, page.text, page.width_pt, page.height_pt)
        else:
            assert page.image is not None
            yield ImagePage(page.index, page.image, page.dpi, page.dpi_source, page.note)


def _open_image(data: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        raise TooLargeError(f"The image is too large to decode safely: {e}") from e
    except UnidentifiedImageError as e:
        raise CorruptFileError("The image header is damaged; it cannot be decoded.") from e
    except _DECODE_ERRORS as e:
        raise _decode_error(e) from e


# What Pillow raises for damaged image data: also TypeError ("Missing dimensions"), for a TIFF
# frame whose directory lacks its width or height (found by the loaders' fuzz test).
_DECODE_ERRORS = (OSError, ValueError, SyntaxError, TypeError)


def _decode_error(error: Exception) -> BadInputError:
    text = str(error)
    if "truncated" in text.lower() or "premature end" in text.lower():
        return TruncatedFileError(f"The image ends early (truncated file): {text}")
    return CorruptFileError(f"The image cannot be decoded: {text}")


def _image_pages(image: Image.Image, limits: Limits) -> Iterator[ImagePage]:
    with image:
        for index, frame in _frames(image):
            width, height = frame.size
            if width * height > limits.max_pixels:
                raise TooLargeError(
                    f"Page {index + 1} is {width}x{height} pixels, more than the limit of "
                    f"{limits.max_pixels:,} pixels per page."
                )
            dpi, source = _image_dpi(frame)
            try:
                pixels = _to_array(frame)
            except _DECODE_ERRORS as e:
                raise _decode_error(e) from e
            yield ImagePage(index, pixels, dpi, source)


def _frames(image: Image.Image) -> Iterator[tuple[int, Image.Image]]:
    """The image's frames in order (the image itself, moved to each), damage as bad input."""
    index = 0
    while True:
        try:
            image.seek(index)
        except EOFError:  # past the last frame (EOFError is an OSError: caught first)
            return
        except _DECODE_ERRORS as e:
            raise _decode_error(e) from e
        yield index, image
        index += 1


def _image_dpi(frame: Image.Image) -> tuple[int, str]:
    """Return the frame's resolution and where it came from; 300 assumed when missing or absurd."""
    raw = frame.info.get("dpi")
    with suppress(TypeError, ValueError, IndexError):
        dpi = round(float(raw[0]))  # type: ignore[index]
        if _MIN_PLAUSIBLE_DPI <= dpi <= _MAX_PLAUSIBLE_DPI:
            return dpi, "file"
    return DEFAULT_DPI, "assumed"


def _to_array(frame: Image.Image) -> np.ndarray:
    """Decode a frame to uint8 grey, or BGR when it carries colour, EXIF orientation applied."""
    frame = ImageOps.exif_transpose(frame) or frame
    if frame.mode in ("1", "L", "I;16", "I", "F", "LA", "P") and not _palette_has_colour(frame):
        return np.asarray(frame.convert("L"))
    rgb = np.asarray(frame.convert("RGB"))
    return np.ascontiguousarray(rgb[..., ::-1])


def _palette_has_colour(frame: Image.Image) -> bool:
    if frame.mode != "P":
        return False
    palette = frame.getpalette() or []
    triples = zip(palette[0::3], palette[1::3], palette[2::3], strict=False)
    return any(not (r == g == b) for r, g, b in triples)
