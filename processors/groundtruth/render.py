"""Render front pages and description pages as clean grey images, with their exact text."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PIL import Image, ImageDraw

from processors.groundtruth import conventions as cv
from processors.groundtruth import fonts as ft
from processors.groundtruth import vocab as v
from processors.groundtruth.documents import LANGUAGE_OF_OFFICE
from processors.groundtruth.model import Page, Truth
from processors.groundtruth.text import Fonts, wrap

LAYOUTS = (
    "inid-round-1col",
    "inid-square-1col",
    "inid-round-2col",
    "inid-square-2col",
    "labels-only",
)
A4_MM = (210.0, 297.0)
_OFFICE_OF_LANGUAGE = {"vie": "VN", "eng": "PH", "fil": "PH", "tha": "TH", "khm": "KH", "lao": "LA"}


def page_size(dpi: int) -> tuple[int, int]:
    """A4 in pixels at ``dpi`` (2480 x 3508 at 300 dpi)."""
    return round(A4_MM[0] / 25.4 * dpi), round(A4_MM[1] / 25.4 * dpi)


@dataclass
class _Style:
    """Drawn-once choices for a page: faces, size, margins, ink; scaled on overflow."""

    dpi: int
    script: str
    regular: tuple[str, str]  # (latin path, local path)
    bold: tuple[str, str]
    points: float
    ink: int
    paper: int
    margin: float  # fraction of the page width
    scale: float = 1.0

    @property
    def size(self) -> int:
        return max(8, round(self.points * self.scale * self.dpi / 72))

    def fonts(self, *, bold: bool = False, factor: float = 1.0) -> Fonts:
        latin, local = self.bold if bold else self.regular
        px = max(8, round(self.size * factor))
        return Fonts(ft.load(latin, px), ft.load(local, px))

    @property
    def line_height(self) -> float:
        return self.size * (1.75 if self.script != "latin" else 1.45)


@dataclass
class _Sheet:
    """Lines placed so far, in reading order: (x, baseline, text, fonts)."""

    width: int
    height: int
    lines: list[tuple[float, float, str, Fonts]] = field(default_factory=list)

    def add(self, x: float, y: float, text: str, fonts: Fonts, style: _Style) -> float:
        """Place one line with its top at ``y``; return the next line's top."""
        if text:
            self.lines.append(
                (x, y + style.size * (1.25 if style.script != "latin" else 1.0), text, fonts)
            )
        return y + style.line_height


def _style(rng: random.Random, language: str, dpi: int, font: str | None) -> _Style:
    script = ft.SCRIPT_OF_LANGUAGE[language]
    latin = ft.pick_face("latin", rng, ft.NEEDS.get(language, ""))
    local = ft.pick_face(script, rng) if script != "latin" else latin
    if font:
        if script == "latin":
            latin = (font, font)
        else:
            local = (font, font)
    return _Style(
        dpi=dpi,
        script=script,
        regular=(latin[0], local[0]),
        bold=(latin[1], local[1]),
        points=rng.choice((11.0, 11.5, 12.0)),
        ink=rng.randint(0, 40),
        paper=rng.randint(244, 255),
        margin=rng.uniform(0.08, 0.11),
    )


def _prefix(code: str | None, layout: str) -> str:
    if layout == "labels-only" or code is None:
        return ""
    return f"[{code}] " if "square" in layout else f"({code}) "


def _entries(
    printed: dict[str, str], kind: str, office: str, layout: str
) -> list[tuple[str, str, str, str]]:
    """(field, prefix, head, rest) per printed field: head is "label: " text, rest the value."""
    out = []
    for name, code, label in cv.LABELS[office][kind]:
        if name not in printed:
            continue
        prefix = _prefix(code, layout)
        if name == "inventors" and office == "US" and ";" not in printed[name]:
            label = "Inventor"
        if label is None:
            out.append((name, prefix, "", printed[name]))
        elif name in cv.BLOCKS:
            out.append((name, prefix, label if office == "US" else f"{label}:", printed[name]))
        else:
            out.append((name, prefix, f"{label}: ", printed[name]))
    return out


_NBSP = "\u00a0"
_FREE_TEXT = frozenset({"title", "applicants", "inventors", "agent", "mark", *cv.BLOCKS})


def _glue(name: str, value: str) -> str:
    """Glue what must not be broken across lines: a number, a date, each class or code."""
    if name in _FREE_TEXT:
        return value
    if name in ("ipc", "nice_classes", "locarno_classes", "priority"):
        sep = "; " if "; " in value else ", "
        return sep.join(item.replace(" ", _NBSP) for item in value.split(sep))
    return value.replace(" ", _NBSP)


def _place_entry(
    sheet: _Sheet,
    style: _Style,
    entry: tuple[str, str, str, str],
    printed: dict[str, str],
    x: float,
    y: float,
    width: float,
    *,
    centered_heading: bool,
) -> float:
    name, prefix, head, value = entry
    regular = style.fonts()
    indent = regular.width(prefix) if prefix else 0.0
    if name in cv.BLOCKS:
        heading = f"{prefix}{head}"
        hx = x + (width - regular.width(heading)) / 2 if centered_heading else x
        y = sheet.add(hx, y, heading, style.fonts(bold=centered_heading), style)
        for line in wrap(value, regular, width, width):
            y = sheet.add(x, y, line, regular, style)
        return y
    fonts = style.fonts(bold=name == "title" and not head)
    value = _glue(name, value)
    lines = [
        line.replace(_NBSP, " ")
        for line in wrap(f"{prefix}{head}{value}", fonts, width, width - indent)
    ]
    for i, line in enumerate(lines):
        y = sheet.add(x if i == 0 else x + indent, y, line, fonts, style)
    if name == "nice_classes" and "goods_services" in printed:
        for line in wrap(printed["goods_services"], regular, width - indent, width - indent):
            y = sheet.add(x + indent, y, line, regular, style)
    return y


def _layout_front(
    sheet: _Sheet, style: _Style, printed: dict[str, str], kind: str, office: str, layout: str
) -> float:
    """Place the whole front page; return the bottom of the lowest column."""
    w = sheet.width
    margin = style.margin * w
    y = 0.06 * sheet.height
    header = style.fonts(bold=True, factor=1.25)
    for text in cv.HEADERS[office][kind]:
        y = sheet.add((w - header.width(text)) / 2, y, text, header, style)
        y += 0.15 * style.line_height
    y += 0.5 * style.line_height  # the rule goes here
    rule_y = y - 0.25 * style.line_height
    entries = _entries(printed, kind, office, layout)
    spacing = 0.3 * style.line_height
    if layout.endswith("2col"):
        gap = 0.09 * w
        col = (w - 2 * margin - gap) / 2
        left = [e for e in entries if e[0] not in cv.RIGHT_COLUMN]
        right = [e for e in entries if e[0] in cv.RIGHT_COLUMN]
        ly = y
        if office == "US":
            kind_line = f"{_prefix('12', layout)}{cv.US_KIND_LINE[kind]}"
            ly = sheet.add(margin, ly, kind_line, style.fonts(bold=True, factor=1.15), style)
            ly += spacing
        for entry in left:
            ly = _place_entry(sheet, style, entry, printed, margin, ly, col, centered_heading=False)
            ly += spacing
        ry = y
        for entry in right:
            ry = _place_entry(
                sheet, style, entry, printed, margin + col + gap, ry, col, centered_heading=True
            )
            ry += spacing
        bottom = max(ly, ry)
    else:
        for entry in entries:
            y = _place_entry(
                sheet, style, entry, printed, margin, y, w - 2 * margin, centered_heading=False
            )
            y += spacing
        bottom = y
    sheet.rule_y = rule_y  # type: ignore[attr-defined]
    return bottom


def _paint(sheet: _Sheet, style: _Style, rules: list[float]) -> np.ndarray:
    image = Image.new("L", (sheet.width, sheet.height), style.paper)
    draw = ImageDraw.Draw(image)
    margin = style.margin * sheet.width
    thick = max(1, round(style.dpi / 150))
    for ry in rules:
        draw.line([(margin, ry), (sheet.width - margin, ry)], fill=style.ink, width=thick)
    for x, baseline, text, fonts in sheet.lines:
        fonts.draw(draw, x, baseline, text, style.ink)
    return np.asarray(image, dtype=np.uint8).copy()


def render_front_page(
    fields: dict[str, Any],
    printed: dict[str, str],
    *,
    kind: str,
    office: str,
    layout: str,
    rng: random.Random,
    dpi: int = 300,
    font: str | None = None,
    seed: int = 0,
) -> Page:
    """Render a clean front page of ``fields`` as ``office`` prints them.

    Args:
        fields: normalized values (become ``truth.fields``).
        printed: the strings printed for the same fields (from ``make_document``).
        kind: "patent", "trademark" or "industrial_design".
        office: "VN", "PH", "TH", "KH", "LA" or "US".
        layout: one of ``LAYOUTS``.
        rng: source of the typographic choices (faces, size, margins, ink).
        dpi: resolution of the page.
        font: a font file to use instead of the drawn face of the page's script.
        seed: recorded in the truth (the seed that produced the document).
    """
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; one of {LAYOUTS}")
    language = LANGUAGE_OF_OFFICE[office]
    style = _style(rng, language, dpi, font)
    width, height = page_size(dpi)
    for scale in (1.0, 0.92, 0.85, 0.78, 0.7, 0.62):
        style.scale = scale
        sheet = _Sheet(width, height)
        bottom = _layout_front(sheet, style, printed, kind, office, layout)
        if bottom < 0.95 * height:
            break
    rules = [sheet.rule_y]  # type: ignore[attr-defined]
    truth = Truth(
        document_type=kind,
        office=office,
        language=language,
        fields=dict(fields),
        text="\n".join(line[2] for line in sheet.lines),
        layout=layout,
        seed=seed,
    )
    return Page(image=_paint(sheet, style, rules), dpi=dpi, truth=truth)


def _sections(language: str, rng: random.Random) -> list[tuple[str | None, list[str]]]:
    """(heading, sentences) sections of a description in ``language``."""
    pools = {"eng": v.EN_BODY, "vie": v.VI_BODY, "tha": v.TH_BODY}
    if language in pools:
        return [(head, list(sentences)) for head, sentences in pools[language]]
    if language == "fil":
        return [(None, list(v.FIL_BODY))]
    titles, sentences = {
        "khm": (v.KM_TITLES, v.KM_ABSTRACT),
        "lao": (v.LO_TITLES, v.LO_ABSTRACT),
    }[language]
    return [(None, [s.format(title=rng.choice(titles)) for s in sentences])]


def render_text_page(
    rng: random.Random,
    *,
    dpi: int = 300,
    language: str = "eng",
    office: str | None = None,
    seed: int = 0,
) -> Page:
    """Render a description page: a heading and paragraphs; ``truth.fields`` is empty."""
    if language not in ft.SCRIPT_OF_LANGUAGE:
        raise ValueError(f"unknown language {language!r}")
    style = _style(rng, language, dpi, None)
    width, height = page_size(dpi)
    sheet = _Sheet(width, height)
    margin = style.margin * width
    col = width - 2 * margin
    heading = cv.TEXT_PAGE_HEADINGS[language]
    bold, regular = style.fonts(bold=True, factor=1.1), style.fonts()
    y = sheet.add((width - bold.width(heading)) / 2, 0.07 * height, heading, bold, style)
    y += style.line_height * 0.6
    target = rng.uniform(0.65, 0.9) * height
    indent = 2.5 * style.size
    sections = _sections(language, rng)
    section = rng.randrange(len(sections))
    while y < target:
        head, sentences = sections[section % len(sections)]
        section += 1
        if head:
            y = sheet.add(margin, y + 0.3 * style.line_height, head, style.fonts(bold=True), style)
        for _ in range(rng.randint(1, 2)):
            chosen = rng.sample(sentences, min(len(sentences), rng.randint(2, 4)))
            for i, line in enumerate(wrap(" ".join(chosen), regular, col - indent, col)):
                y = sheet.add(margin + (indent if i == 0 else 0), y, line, regular, style)
            y += style.line_height * 0.4
    truth = Truth(
        document_type="patent",
        office=office or _OFFICE_OF_LANGUAGE[language],
        language=language,
        fields={},
        text="\n".join(line[2] for line in sheet.lines),
        layout="text-1col",
        seed=seed,
    )
    return Page(image=_paint(sheet, style, []), dpi=dpi, truth=truth)
