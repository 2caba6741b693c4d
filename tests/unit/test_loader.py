"""Decoding files into pages: type by content, DPI handling, multi-page, PDF paths, limits."""

from __future__ import annotations

import io

import img2pdf
import numpy as np
import pikepdf
import pytest
from PIL import Image

from processors.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedPdfError,
    TooLargeError,
    TruncatedFileError,
    UnsupportedTypeError,
)
from processors.loader import ImagePage, Limits, TextLayerPage, open_document, sniff_media_type
from tests.conftest import encode


def pages_of(data: bytes, **kwargs) -> tuple:
    info, pages = open_document(data, limits=kwargs.pop("limits", Limits()), **kwargs)
    return info, list(pages)


def born_digital_pdf(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


class TestTypeByContent:
    def test_png_named_pdf_is_still_png(self, text_page):
        assert sniff_media_type(encode(text_page, "PNG")) == "image/png"

    @pytest.mark.parametrize(
        "fmt,media", [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("TIFF", "image/tiff")]
    )
    def test_image_formats(self, text_page, fmt, media):
        assert sniff_media_type(encode(text_page, fmt)) == media

    def test_empty_file(self):
        with pytest.raises(EmptyFileError):
            sniff_media_type(b"")

    def test_random_bytes(self):
        with pytest.raises(UnsupportedTypeError, match="not a PNG, JPEG, TIFF or PDF"):
            sniff_media_type(b"\x00\x01GIF89a nonsense")


class TestImages:
    def test_png_with_dpi(self, text_page):
        info, pages = pages_of(encode(text_page, "PNG", dpi=200))
        assert info.media_type == "image/png" and info.page_count == 1
        assert pages[0].dpi == 200 and pages[0].dpi_source == "file"
        assert pages[0].image.shape == text_page.shape

    def test_missing_dpi_is_assumed_300_and_said(self, text_page):
        _, pages = pages_of(encode(text_page, "PNG", dpi=None))
        assert (pages[0].dpi, pages[0].dpi_source) == (300, "assumed")

    def test_multipage_tiff(self, text_page):
        frames = [
            Image.fromarray(text_page),
            Image.fromarray(255 - text_page),
            Image.fromarray(text_page),
        ]
        out = io.BytesIO()
        frames[0].save(out, format="TIFF", save_all=True, append_images=frames[1:], dpi=(300, 300))
        info, pages = pages_of(out.getvalue())
        assert info.page_count == 3 and [p.index for p in pages] == [0, 1, 2]
        assert pages[1].image.mean() < pages[0].image.mean()

    def test_colour_kept_as_bgr(self):
        rgb = np.zeros((50, 60, 3), np.uint8)
        rgb[..., 0] = 255  # pure red
        out = io.BytesIO()
        Image.fromarray(rgb).save(out, format="PNG")
        _, pages = pages_of(out.getvalue())
        assert pages[0].image.shape == (50, 60, 3)
        assert pages[0].image[0, 0].tolist() == [0, 0, 255]

    def test_truncated_png(self, text_page):
        data = encode(text_page, "PNG")
        with pytest.raises((TruncatedFileError, CorruptFileError)):
            pages_of(data[: len(data) // 2])

    def test_tiff_frame_without_dimensions_is_corrupt(self):
        """Found by the fuzz test: Pillow raises TypeError for a TIFF frame whose directory has
        no width; that is a damaged file, said as such, not a crash."""
        import struct

        frames = [Image.new("L", (40, 30), 255), Image.new("L", (40, 30), 0)]
        buffer = io.BytesIO()
        frames[0].save(buffer, format="TIFF", save_all=True, append_images=frames[1:])
        data = bytearray(buffer.getvalue())
        first = struct.unpack_from("<I", data, 4)[0]
        count = struct.unpack_from("<H", data, first)[0]
        second = struct.unpack_from("<I", data, first + 2 + 12 * count)[0]
        for entry in range(struct.unpack_from("<H", data, second)[0]):
            at = second + 2 + 12 * entry
            if struct.unpack_from("<H", data, at)[0] == 256:  # ImageWidth
                struct.pack_into("<H", data, at, 0xFFF0)
        with pytest.raises(CorruptFileError, match="cannot be decoded"):
            pages_of(bytes(data))

    def test_pixel_limit(self, text_page):
        with pytest.raises(TooLargeError, match="pixels"):
            pages_of(encode(text_page, "PNG"), limits=Limits(max_pixels=1000))

    def test_page_limit(self, text_page):
        frames = [Image.fromarray(text_page)] * 3
        out = io.BytesIO()
        frames[0].save(out, format="TIFF", save_all=True, append_images=frames[1:])
        with pytest.raises(TooLargeError, match="3 pages"):
            pages_of(out.getvalue(), limits=Limits(max_pages=2))


class TestPdf:
    def test_born_digital_page_reads_text_layer(self):
        _, pages = pages_of(born_digital_pdf("Application No. 1-2019-000123 filed 30/04/2019"))
        assert isinstance(pages[0], TextLayerPage)
        assert "1-2019-000123" in pages[0].text.text
        assert all(w.confidence == 100.0 for w in pages[0].text.words)

    def test_scanned_page_gives_embedded_image_at_native_dpi(self, text_page):
        scanned = img2pdf.convert(encode(text_page, "PNG", dpi=300))
        _, pages = pages_of(scanned)
        assert isinstance(pages[0], ImagePage)
        assert pages[0].dpi_source == "pdf_image" and abs(pages[0].dpi - 300) <= 1
        assert pages[0].image.shape[:2] == text_page.shape

    def test_real_scan_with_noisy_text_layer_is_ocred(self, real_samples):
        data = (real_samples / "US3858232.pdf").read_bytes()
        info, pages = open_document(data, limits=Limits())
        first = next(pages)
        assert info.page_count == 19
        assert isinstance(first, ImagePage) and first.dpi == 300
        assert "not trusted" in first.note

    def test_encrypted_without_password(self):
        pdf = pikepdf.open(io.BytesIO(born_digital_pdf("secret application number 1-2020-00042")))
        out = io.BytesIO()
        pdf.save(out, encryption=pikepdf.Encryption(user="pw", owner="owner"))
        with pytest.raises(EncryptedPdfError, match="password required"):
            pages_of(out.getvalue())
        _, pages = pages_of(out.getvalue(), password="pw")
        assert "secret" in pages[0].text.text

    def test_damaged_xref_is_repaired_and_noted(self):
        data = born_digital_pdf("Repair me please, this is page text")
        broken = data.replace(b"xref", b"xxxx")
        info, pages = pages_of(broken)
        assert "Repair me" in pages[0].text.text
        assert any("repaired" in n for n in info.notes)

    def test_truncated_pdf_is_bad_input(self):
        data = born_digital_pdf("x" * 200)
        with pytest.raises((TruncatedFileError, CorruptFileError)):
            _info, pages = open_document(data[:200], limits=Limits())
            list(pages)
