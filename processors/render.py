"""Render recognized pages as plain text, hOCR and ALTO (pure: pages in, strings out).

Both XML formats are written from the same ``PageText`` whatever path a page took (OCR or
text layer). All text from scans is escaped, and characters XML 1.0 forbids are dropped, so a
hostile scan or file name cannot break or inject into a downstream parser.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from processors.types import PageText

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class RenderedPage:
    """A page's words plus the geometry and language needed to place them."""

    text: PageText
    width: int
    height: int
    dpi: int
    languages: str


def xml_clean(value: str) -> str:
    """Drop the characters XML 1.0 forbids (for serializers that escape by themselves)."""
    return _XML_FORBIDDEN.sub("", value)


def xml_text(value: str) -> str:
    """Escape ``value`` for XML element content after dropping forbidden characters."""
    return escape(_XML_FORBIDDEN.sub("", value))


def xml_attr(value: str) -> str:
    """Quote ``value`` as an XML attribute after dropping forbidden characters."""
    return quoteattr(_XML_FORBIDDEN.sub("", value))


def plain_text(pages: Sequence[PageText]) -> str:
    """Plain text of a document, pages separated by form feeds (as pdftotext does).

    Control characters read from a page are dropped so that a form feed always means a page.
    """
    return "\f".join(_CONTROL.sub("", page.text) for page in pages) + "\n"


def hocr(pages: Sequence[RenderedPage], *, title: str) -> str:
    """Return an hOCR 1.2 document with pages, blocks, lines and words with confidences."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"',
        '    "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
        '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">',
        "<head>",
        f"<title>{xml_text(title)}</title>",
        '<meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>',
        '<meta name="ocr-system" content="ip-digitizer"/>',
        '<meta name="ocr-capabilities" content="ocr_page ocr_carea ocr_line ocrx_word"/>',
        "</head>",
        "<body>",
    ]
    for page in pages:
        n = page.text.page_index + 1
        out.append(
            f"<div class='ocr_page' id='page_{n}' title='image \"page_{n}\"; "
            f"bbox 0 0 {page.width} {page.height}; ppageno {n - 1}; scan_res {page.dpi} "
            f"{page.dpi}'>"
        )
        block = None
        for line_no, line in enumerate(page.text.lines, start=1):
            if line.block != block:
                if block is not None:
                    out.append("</div>")
                block = line.block
                out.append(f"<div class='ocr_carea' id='block_{n}_{block}'>")
            x0, y0, x1, y1 = line.bbox
            out.append(
                f"<span class='ocr_line' id='line_{n}_{line_no}' title='bbox {x0} {y0} {x1} {y1}'>"
            )
            for word_no, word in enumerate(line.words, start=1):
                a, b, c, d = word.bbox
                out.append(
                    f"<span class='ocrx_word' id='word_{n}_{line_no}_{word_no}' "
                    f"title='bbox {a} {b} {c} {d}; x_wconf {round(word.confidence)}' "
                    f"lang={xml_attr(page.languages)}>{xml_text(word.text)}</span>"
                )
            out.append("</span>")
        if block is not None:
            out.append("</div>")
        out.append("</div>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def alto(pages: Sequence[RenderedPage], *, source_name: str) -> str:
    """Return an ALTO v4 document; coordinates are in pixels of each page as read."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://www.loc.gov/standards/alto/ns-v4# '
        'http://www.loc.gov/standards/alto/v4/alto-4-2.xsd">',
        "<Description><MeasurementUnit>pixel</MeasurementUnit>",
        f"<sourceImageInformation><fileName>{xml_text(source_name)}</fileName>"
        "</sourceImageInformation>",
        "<OCRProcessing ID='ocr_0'><ocrProcessingStep><processingSoftware>"
        "<softwareName>ip-digitizer</softwareName></processingSoftware>"
        "</ocrProcessingStep></OCRProcessing>",
        "</Description>",
        "<Layout>",
    ]
    for page in pages:
        n = page.text.page_index + 1
        out.append(
            f'<Page ID="page_{n}" PHYSICAL_IMG_NR="{n}" WIDTH="{page.width}" '
            f'HEIGHT="{page.height}">'
        )
        out.append(f'<PrintSpace HPOS="0" VPOS="0" WIDTH="{page.width}" HEIGHT="{page.height}">')
        blocks: dict[int, list[int]] = {}
        for i, line in enumerate(page.text.lines):
            blocks.setdefault(line.block, []).append(i)
        for block, indexes in blocks.items():
            bx0 = min(page.text.lines[i].bbox[0] for i in indexes)
            by0 = min(page.text.lines[i].bbox[1] for i in indexes)
            bx1 = max(page.text.lines[i].bbox[2] for i in indexes)
            by1 = max(page.text.lines[i].bbox[3] for i in indexes)
            out.append(
                f'<TextBlock ID="block_{n}_{block}" HPOS="{bx0}" VPOS="{by0}" '
                f'WIDTH="{bx1 - bx0}" HEIGHT="{by1 - by0}" LANG={xml_attr(page.languages)}>'
            )
            for i in indexes:
                line = page.text.lines[i]
                x0, y0, x1, y1 = line.bbox
                out.append(
                    f'<TextLine ID="line_{n}_{i + 1}" HPOS="{x0}" VPOS="{y0}" '
                    f'WIDTH="{x1 - x0}" HEIGHT="{y1 - y0}">'
                )
                for j, word in enumerate(line.words):
                    if j:
                        out.append("<SP/>")
                    a, b, c, d = word.bbox
                    out.append(
                        f'<String ID="string_{n}_{i + 1}_{j + 1}" HPOS="{a}" VPOS="{b}" '
                        f'WIDTH="{c - a}" HEIGHT="{d - b}" WC="{word.confidence / 100:.2f}" '
                        f"CONTENT={xml_attr(word.text)}/>"
                    )
                out.append("</TextLine>")
            out.append("</TextBlock>")
        out += ["</PrintSpace>", "</Page>"]
    out += ["</Layout>", "</alto>", ""]
    return "\n".join(out)
