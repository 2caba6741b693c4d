"""Thai and Lao sara am whose ring Tesseract lost under a tone mark, put back from the image.

Written over a consonant with a tone mark, sara am (Thai ำ, Lao ຳ) stacks its ring (the
nikhahit) under the tone: "น้ำ" (water). In the fonts of the evaluation set the Thai and Lao
models drop the ring and read "น้า" even on a clean crop of the line read alone, at any scale;
the ring itself is plain in the image. A word read with tone + sara aa whose image holds one
mark above its letters more than its text has, two of them stacked, gets its sara am back.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from statistics import median

import cv2
import numpy as np

from processors.types import BBox, Line, PageText, Word

# Consonant, tone mark, sara aa: the reading of consonant + tone + sara am without its ring.
_TONE_AA = re.compile(
    "([\u0e01-\u0e2e])([\u0e48-\u0e4b])\u0e32|([\u0e81-\u0eae])([\u0ec8-\u0ecb])\u0eb2"
)
_SARA_AM = {"\u0e32": "\u0e33", "\u0eb2": "\u0eb3"}
# Marks drawn above the letters, one piece each: Thai mai han-akat, sara i, ii, ue, maitaikhu,
# the tone marks, thanthakhat, nikhahit and sara am's ring; the Lao ones likewise.
_ONE_PIECE_ABOVE = frozenset(
    "\u0e31\u0e34\u0e35\u0e36\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e33"
    "\u0eb1\u0eb4\u0eb5\u0eb6\u0ebb\u0ec8\u0ec9\u0eca\u0ecb\u0ecc\u0ecd\u0eb3"
)
# Sara uee (Thai ื, Lao ື) is drawn in one or several pieces depending on the font: its
# words are left alone.
_PIECES_VARY = frozenset("\u0e37\u0eb7")


Piece = tuple[int, int, int, int]  # x, y, width, height of a piece of ink


def _marks_above(image: np.ndarray, box: BBox) -> list[Piece]:
    """Boxes (x, y, w, h) of the pieces of ink wholly above the letters of the word in ``box``."""
    left, top, right, bottom = box
    crop = image[max(0, top) : bottom, max(0, left) : right]
    if crop.size == 0:
        return []
    ink = (crop < 128).astype(np.uint8)
    count, _labels, stats, _centroids = cv2.connectedComponentsWithStats(ink, connectivity=8)
    pieces: list[Piece] = [(int(s[0]), int(s[1]), int(s[2]), int(s[3])) for s in stats[1:count]]
    if not pieces:
        return []
    largest = max(w * h for _x, _y, w, h in pieces)
    letters = [p for p in pieces if p[2] * p[3] >= 0.3 * largest]
    baseline = median(y + h for _x, y, _w, h in letters)
    on_baseline = [p for p in letters if abs(p[1] + p[3] - baseline) <= 0.1 * crop.shape[0]]
    letter_top = median(y for _x, y, _w, _h in on_baseline)
    x_height = baseline - letter_top
    if x_height <= 0:
        return []
    return [
        (x, y, w, h)
        for x, y, w, h in pieces
        if y + h <= letter_top + 0.1 * x_height and h >= 0.15 * x_height
    ]


def _image_stacks(marks: list[Piece]) -> int:
    """How many marks stand on another one: a column of k overlapping marks holds k - 1."""
    columns: list[tuple[int, int, int]] = []  # left, right, marks in the column
    for x, _y, w, _h in sorted(marks):
        if columns and x < columns[-1][1] and min(x + w, columns[-1][1]) - x >= 0.5 * w:
            left, right, k = columns[-1]
            columns[-1] = (left, max(right, x + w), k + 1)
        else:
            columns.append((x, x + w, 1))
    return sum(k - 1 for _left, _right, k in columns)


def _text_stacks(text: str) -> int:
    """How many marks the text stacks on another over one letter ("ที่", "น้ำ": one each)."""
    stacks, above = 0, 0
    for char in text:
        if unicodedata.category(char) != "Mn" and char not in _SARA_AM.values():
            stacks += max(0, above - 1)
            above = 0
        if char in _ONE_PIECE_ABOVE:  # sara am's ring stands over the letter before it
            above += 1
    return stacks + max(0, above - 1)


def _restored(word: Word, image: np.ndarray) -> Word | None:
    """``word`` with its sara am back, when its image shows the lost ring; else None."""
    found = list(_TONE_AA.finditer(word.text))
    if len(found) != 1 or any(c in _PIECES_VARY for c in word.text):
        return None
    marks = _marks_above(image, word.bbox)
    expected = sum(1 for c in word.text if c in _ONE_PIECE_ABOVE)
    # One mark more than read, and it stands on another where the text stacks none.
    if len(marks) != expected + 1 or _image_stacks(marks) != _text_stacks(word.text) + 1:
        return None
    match = found[0]
    aa = word.text[match.end() - 1]
    text = word.text[: match.end() - 1] + _SARA_AM[aa] + word.text[match.end() :]
    return replace(word, text=text)


def restore_sara_am(page: PageText, image: np.ndarray) -> tuple[PageText, int]:
    """Put back sara am where the ring under a tone mark was lost; returns the page and count.

    ``image`` is the page that was read (same pixels as the word boxes), ink dark on light.
    """
    restored = 0
    lines: list[Line] = []
    for line in page.lines:
        words = []
        for word in line.words:
            fixed = _restored(word, image) if _TONE_AA.search(word.text) else None
            if fixed is not None:
                restored += 1
            words.append(fixed or word)
        lines.append(replace(line, words=tuple(words)) if restored else line)
    if not restored:
        return page, 0
    return replace(page, lines=tuple(lines)), restored
