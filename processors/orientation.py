"""Cheap page-orientation measures, so Tesseract's OSD runs only on pages that need it.

Two image measures, both on the small ink mask used for deskewing (milliseconds, no OCR):

- line direction: text lines give a much sharper projection profile along them than across
  them, so comparing the best horizontal and vertical profile sharpness tells a page turned a
  quarter (lines vertical) from one that is not;
- up/down asymmetry: in Latin-script and Thai lines, ink above the x-height band (ascenders,
  capitals, digits, diacritics) outweighs ink below it (descenders), so the sign of the
  imbalance tells an upright line from an upside-down one. Measured on the page turned so
  its lines are horizontal, it also tells 90 from 270.

``guess_orientation`` turns them into a rotation with a verdict on how sure each half of it
is; ``processors.cleanup.plan_orientation`` decides from it whether OSD is worth its cost.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from processors import deskew, enhance

# Sign of the up/down measure on upright text, by Tesseract language. Latin script (with or
# without Vietnamese diacritics) and Thai carry more ink above the x-height band than below in
# every font tried; Khmer's subscript consonants and Lao's below-vowels make the balance depend
# on the font, so for them the measure says nothing and OSD (or the first pass) decides.
_UNTRUSTED_UP_DOWN = frozenset({"khm", "lao"})


def up_down_sign(lang: str) -> float:
    """Sign of the up/down measure on upright pages in ``lang`` ("vie+eng"); 0 when unknown."""
    languages = {part for part in lang.split("+") if part}
    return 0.0 if languages & _UNTRUSTED_UP_DOWN else 1.0


@dataclass(frozen=True, slots=True)
class OrientationGuess:
    """What the cheap measures say about how the page is turned.

    ``rotate`` follows OSD's convention: turn the page clockwise by it to read it.
    ``line_ratio`` is the horizontal over the vertical profile sharpness of the page as
    scanned (above 1: lines run horizontally); ``asymmetry`` is the up/down measure for the
    chosen way up (0..1; higher is clearer); ``lines`` is how many text lines it rests on.
    ``direction_sure`` says the lines clearly run one way, ``up_down_sure`` that the way up is
    clear. ``skew_degrees`` is the lines' skew once turned by ``rotate`` (a half turn does not
    change it), so the chain need not measure it again. ``has_text`` is False for a page with
    no letter-like ink at all (blank, or a solid picture): nothing to orient, nothing to read.
    """

    rotate: int
    line_ratio: float
    asymmetry: float
    lines: int
    direction_sure: bool
    up_down_sure: bool
    skew_degrees: float = 0.0
    has_text: bool = True

    @property
    def sure(self) -> bool:
        """Whether the whole guess is clear enough to apply without asking OSD."""
        return self.direction_sure and self.up_down_sure

    @property
    def vertical(self) -> bool:
        """Whether the text lines run vertically on the page as scanned."""
        return self.rotate in (90, 270)

    def to_json(self) -> dict[str, float | int | bool]:
        """The guess as the page report shows it."""
        return {
            "rotate": self.rotate,
            "line_ratio": round(self.line_ratio, 2),
            "asymmetry": round(self.asymmetry, 3),
            "lines": self.lines,
            "sure": self.sure,
            "has_text": self.has_text,
        }


def line_ratio(points: np.ndarray, *, max_degrees: float) -> float:
    """Horizontal over vertical line sharpness of ink ``points`` (x, y); ~2 upright, ~0.5 turned."""
    horizontal = deskew.line_sharpness(points, max_degrees=max_degrees)
    vertical = deskew.line_sharpness(points[:, ::-1].copy(), max_degrees=max_degrees)
    if horizontal <= 0 or vertical <= 0:
        return 1.0  # too little ink to tell
    return horizontal / vertical


def up_down_asymmetry(
    ink: np.ndarray, *, char_px: float, core_level: float = 0.5, min_line_aspect: float = 4.0
) -> tuple[float, int]:
    """Measure ascender-over-descender ink on horizontal text lines of ``ink`` (255 = ink).

    Letters are smeared into line blobs; in each line's row profile the dense x-height band is
    found (rows at ``core_level`` of the peak or more), and the ink above it is compared with
    the ink below it. Returns ``(A - D) / (A + D)`` over all lines (positive when upright
    Latin text) and the number of lines measured.

    Args:
        ink: binary ink mask of the page with its lines (nearly) horizontal.
        char_px: typical character height in pixels, sizes the smearing.
        core_level: fraction of a line's peak density that marks its x-height band.
        min_line_aspect: blobs less elongated than this are not text lines.
    """
    gap = max(3, round(char_px * 1.2))
    smeared = cv2.morphologyEx(
        ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 1))
    )
    count, labels, stats = enhance.components(smeared)
    above = below = 0.0
    lines = 0
    for i in range(1, count):
        x, y, w, h, _ = (int(v) for v in stats[i])
        # A line is several characters long and one character (with its extenders) tall.
        if w < min_line_aspect * h or h < 0.6 * char_px or h > 3.0 * char_px:
            continue
        region = (labels[y : y + h, x : x + w] == i) & (ink[y : y + h, x : x + w] > 0)
        profile = region.sum(axis=1).astype(np.float64)
        if profile.sum() == 0:
            continue
        core = np.nonzero(profile >= core_level * profile.max())[0]
        top, bottom = int(core[0]), int(core[-1])
        # Mixed-case text has its x-height band near half the line's height. A band filling
        # the line is capitals or digits, a thin one a rule or dashes: neither tells up from down.
        if not 0.3 * h <= bottom - top + 1 <= 0.75 * h:
            continue
        above += float(profile[:top].sum())
        below += float(profile[bottom + 1 :].sum())
        lines += 1
    total = above + below
    return ((above - below) / total if total > 0 else 0.0), lines


def guess_orientation(
    ink: np.ndarray,
    *,
    char_px: float,
    max_skew_degrees: float,
    sign: float = 1.0,
    min_line_ratio: float = 1.3,
    min_asymmetry: float = 0.15,
    min_lines: int = 5,
) -> OrientationGuess:
    """Guess the page's quarter-turn from its ink mask, and say how sure each half of it is.

    Args:
        ink: binary ink mask (255 = ink) of the page as scanned, borders removed.
        char_px: typical character height in pixels; 0 when no letters were found, which
            makes the guess "upright, no text".
        max_skew_degrees: widest skew the line measure allows for.
        sign: ``up_down_sign`` of the page's languages; 0 makes the way up never sure.
        min_line_ratio: the line direction is clear when the sharper direction beats the other
            by this factor.
        min_asymmetry: the way up is clear when the up/down measure exceeds this.
        min_lines: fewer measured lines than this is too little evidence.
    """
    if char_px <= 0:
        return OrientationGuess(
            rotate=0,
            line_ratio=1.0,
            asymmetry=0.0,
            lines=0,
            direction_sure=False,
            up_down_sure=False,
            has_text=False,
        )
    points = deskew.ink_points(ink)
    ratio = line_ratio(points, max_degrees=max_skew_degrees)
    vertical = ratio < 1.0
    # Make the lines horizontal (any way up), then level them so line blobs form cleanly.
    lying = deskew.quarter_turn(ink, 90) if vertical else ink
    skew = deskew.estimate_skew(deskew.ink_points(lying), max_degrees=max_skew_degrees)
    level = deskew.rotate_by(lying, -skew.degrees, fill=0, interpolation=cv2.INTER_NEAREST)
    asymmetry, lines = up_down_asymmetry(level, char_px=char_px)
    # With no trusted sign, a weak prior: the page is the way up that reads more often.
    upside_down = sign * asymmetry < 0
    rotate = (90 if vertical else 0) + (180 if upside_down else 0)
    return OrientationGuess(
        rotate=rotate % 360,
        line_ratio=ratio,
        asymmetry=abs(asymmetry) if sign else 0.0,
        lines=lines,
        direction_sure=max(ratio, 1.0 / max(ratio, 1e-6)) >= min_line_ratio,
        up_down_sure=sign != 0 and abs(asymmetry) >= min_asymmetry and lines >= min_lines,
        skew_degrees=skew.degrees,
    )
