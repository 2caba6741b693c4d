"""Thai and Lao sara am under a tone mark, put back from the image where OCR lost half the stack.

Written over a consonant with a tone mark, sara am (Thai ำ, Lao ຳ) stacks its ring (the
nikhahit) under the tone: "น้ำ" (water). In the fonts of the evaluation set the Thai and Lao
models drop one of the two, even on a clean crop of the line read alone, at any scale, while
both are plain in the image. A word whose image holds one mark above its letters more than its
text has, two of them stacked where the text stacks none (or run together into one piece as
tall as two), gets back what was dropped:
- the ring, when it was read with tone + sara aa ("น้า" for "น้ำ");
- the tone, when it was read with a bare sara am ("นำ" for "น้ำ"); which tone the shape of the
  upper mark tells: mai ek (่) is a narrow tick, mai tho (้) a wide curl.

Over an upper vowel it swaps mai ek and mai tho ("เนื่อ" for "เนื้อ"); the highest mark's shape
says which. Below the letters the Thai model swaps sara u (ุ) and sara uu (ู) ("ฟุ้ด" for "ฟู้ด"); the one
mark below a word with one of them says by its shape which it is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from statistics import median

import cv2
import numpy as np

from processors.types import BBox, PageText, Word, script_country

# Consonant, tone mark, sara aa: the reading of consonant + tone + sara am without its ring.
_TONE_AA = re.compile(
    "([\u0e01-\u0e2e])([\u0e48-\u0e4b])\u0e32|([\u0e81-\u0eae])([\u0ec8-\u0ecb])\u0eb2"
)
_SARA_AM = {"\u0e32": "\u0e33", "\u0eb2": "\u0eb3"}
# Consonant and sara am with no tone between: where a lost tone mark goes back.
_BARE_AM = re.compile("[\u0e01-\u0e2e]\u0e33|[\u0e81-\u0eae]\u0eb3")
# Mai ek and mai tho of each script, and the width-to-height ratios that tell them apart in
# every font the generator prints (mai ek 0.33-0.62, mai tho 1.30-1.89; mai tri and chattawa,
# hardly ever written over sara am, fall at 1.04-2.12 and are never guessed).
_MAI_EK = {"\u0e33": "\u0e48", "\u0eb3": "\u0ec8"}
_MAI_THO = {"\u0e33": "\u0e49", "\u0eb3": "\u0ec9"}
_MAI_EK_AT_MOST = 0.8
_MAI_THO_AT_LEAST = 1.25
_MAI_EK_WIDTH_AT_MOST = 0.3
_MAI_THO_WIDTH_AT_LEAST = 0.4
# Marks drawn above the letters, one piece each: Thai mai han-akat, sara i, ii, ue, maitaikhu,
# the tone marks, thanthakhat, nikhahit and sara am's ring; the Lao ones likewise.
_ONE_PIECE_ABOVE = frozenset(
    "\u0e31\u0e34\u0e35\u0e36\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e33"
    "\u0eb1\u0eb4\u0eb5\u0eb6\u0ebb\u0ec8\u0ec9\u0eca\u0ecb\u0ecc\u0ecd\u0eb3"
)
# Sara uee (Thai ื, Lao ື): one piece in every font the generator prints, but its top can
# come apart from the body on a scan. Counting marks (a ring or tone lost over sara am) leaves
# its words alone. The column match takes a Lao ື's second piece for a tone only when it stands
# wholly above the vowel and well higher than a tick would (a Lao ື cut across falls apart
# side by side); a Thai ื cut across in Kinnari or Garuda leaves a top as wide as mai tho.
_PIECES_VARY = frozenset("\u0e37\u0eb7")
_LAO_UEE = "\u0eb7"
_TONE_OVER_UEE_AT_LEAST = 0.3  # tone's top above the vowel's, in letter heights (0.36-0.5)


Piece = tuple[int, int, int, int]  # x, y, width, height of a piece of ink
# One mark stands at most half as tall as the letters (0.25-0.50 in the generator's fonts);
# a piece taller than this is two stacked marks that blur or thresholding ran together (0.78
# for the tone and ring of "น้ำ" on a blurred page of seed 2047).
_FUSED_STACK = 0.62


@dataclass(frozen=True, slots=True)
class _Ink:
    """The pieces of ink of a word's box, and where its letters stand (box pixels)."""

    pieces: list[Piece]
    letter_top: float
    baseline: float

    @property
    def x_height(self) -> float:
        return self.baseline - self.letter_top


def _measured_ink(image: np.ndarray, box: BBox) -> _Ink | None:
    """The word's pieces of ink and its letters' band; None when no letters were found.

    Pieces are whole even where the box cuts them: a mark the model did not read may stand
    partly above the box it drew ("นำ" boxed under the tone of "น้ำ", seed 2077). Ink wholly
    above the box (the line before) is left out. Coordinates are the box's (y < 0 above it).
    """
    left, top, right, bottom = box
    top, left = max(0, top), max(0, left)
    above = min(top, (bottom - top) // 2)
    crop = image[top - above : bottom, left:right]
    if crop.size == 0 or bottom <= top:
        return None
    ink = (crop < 128).astype(np.uint8)
    count, _labels, stats, _centroids = cv2.connectedComponentsWithStats(ink, connectivity=8)
    pieces: list[Piece] = [
        (int(s[0]), int(s[1]) - above, int(s[2]), int(s[3]))
        for s in stats[1:count]
        if s[1] + s[3] > above
    ]
    if not pieces:
        return None
    largest = max(w * h for _x, _y, w, h in pieces)
    letters = [p for p in pieces if p[2] * p[3] >= 0.3 * largest]
    baseline = median(y + h for _x, y, _w, h in letters)
    on_baseline = [p for p in letters if abs(p[1] + p[3] - baseline) <= 0.1 * (bottom - top)]
    if not on_baseline:  # a letter and a mark as large as it ("นี้"): no line to go by
        return None
    letter_top = median(y for _x, y, _w, _h in on_baseline)
    if baseline - letter_top <= 0:
        return None
    return _Ink(pieces, float(letter_top), float(baseline))


# How far below the baseline a descending letter reaches, in letter heights at most.
_DESCENT_AT_MOST = 0.8


def _standing_letters(ink: _Ink) -> list[Piece]:
    """The pieces standing on the word's baseline as letters do, not marks or specks.

    A letter's foot is on the baseline and it is half a letter height tall at least; or it
    reaches from the letters' top to below the baseline, as Lao ຊ and ງ do in some of the
    generator's fonts ("ກາເຟປາກຊອງ", seed 2134: with them left out, its letters and pieces did
    not pair, and the tone over ຊ the image shows stayed lost).
    """
    slack = 0.12 * ink.x_height
    deepest = ink.baseline + _DESCENT_AT_MOST * ink.x_height
    return [
        (x, y, w, h)
        for x, y, w, h in ink.pieces
        if h >= 0.5 * ink.x_height
        and (
            abs(y + h - ink.baseline) <= slack
            or (y <= ink.letter_top + slack and ink.baseline + slack < y + h <= deepest)
        )
    ]


class _PageImage:
    """The page that was read, each word box's ink measured once however many steps ask."""

    def __init__(self, pixels: np.ndarray) -> None:
        self._pixels = pixels
        self._measured: dict[BBox, _Ink | None] = {}

    def ink(self, box: BBox) -> _Ink | None:
        """The pieces of ink of ``box`` and where its letters stand (see ``_measured_ink``)."""
        if box not in self._measured:
            self._measured[box] = _measured_ink(self._pixels, box)
        return self._measured[box]


def _marks_above(image: _PageImage, box: BBox) -> tuple[list[Piece], float]:
    """The pieces of ink wholly above the letters of the word in ``box``, and letter height.

    Pieces are (x, y, w, h) within the word's box; the height is 0 when no letters were found.
    """
    ink = image.ink(box)
    if ink is None:
        return [], 0.0
    marks = [
        (x, y, w, h)
        for x, y, w, h in ink.pieces
        if y + h <= ink.letter_top + 0.1 * ink.x_height
        and y >= ink.letter_top - _HIGHEST_MARK * ink.x_height
        and _large_enough(w, h, ink.x_height)
    ]
    return marks, ink.x_height


# The highest mark (a tone over sara ii, over a letter with an ascender, or thanthakhat over
# sara i) tops the letters by at most 1.17 letter heights in the generator's fonts; ink
# higher up just over the box is the line before's (its sara u, 1.7 letter heights up).
_HIGHEST_MARK = 1.4


def _large_enough(width: int, height: int, x_height: float) -> bool:
    """Whether a piece is large enough to be a mark, not a speck: tall, or long and flat.

    Sara i (ิ) is a flat arc 0.14 letter heights tall in a bold sans at 300 dpi (seed 2077).
    """
    return height >= 0.15 * x_height or width >= 0.5 * x_height


def _marks_below(image: _PageImage, box: BBox) -> list[Piece]:
    """The pieces of ink wholly below the letters of the word in ``box``."""
    ink = image.ink(box)
    if ink is None:
        return []
    return [
        (x, y, w, h)
        for x, y, w, h in ink.pieces
        if y >= ink.baseline - 0.1 * ink.x_height and h >= 0.15 * ink.x_height
    ]


def _columns(marks: list[Piece]) -> list[list[Piece]]:
    """The marks grouped into columns of overlapping ones, left to right."""
    columns: list[list[Piece]] = []
    right = 0
    for piece in sorted(marks):
        x, _y, w, _h = piece
        if columns and x < right and min(x + w, right) - x >= 0.5 * w:
            columns[-1].append(piece)
            right = max(right, x + w)
        else:
            columns.append([piece])
            right = x + w
    return columns


def _image_stacks(marks: list[Piece]) -> int:
    """How many marks stand on another one: a column of k overlapping marks holds k - 1."""
    return sum(len(column) - 1 for column in _columns(marks))


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


def _one_mark_lost(word: Word, image: _PageImage) -> tuple[list[Piece], float] | None:
    """The marks above ``word`` and letter height when the image shows one its text lacks."""
    # One mark more than the text has, standing on another where the text stacks none.
    if any(c in _PIECES_VARY for c in word.text):
        return None
    marks, x_height = _marks_above(image, word.bbox)
    fused = sum(1 for _x, _y, _w, h in marks if h >= _FUSED_STACK * x_height)
    on_letters = _stacks_on_letters(word, image)
    expected = sum(1 for c in word.text if c in _ONE_PIECE_ABOVE)
    stacks = _image_stacks(marks) + fused + on_letters
    if len(marks) + fused + 2 * on_letters != expected + 1 or stacks != _text_stacks(word.text) + 1:
        return None
    return marks, x_height


# Two marks run together and into their letter ("น้ำ" on a blurred page, seed 2073) make one
# piece that rises 0.89 letter heights above the letters; one mark on its letter rises about
# half that, an ascender (ป ฝ ฟ ฬ) 0.3-0.45. Not measured: a word with a mark over an
# ascender, which may run into it and rise as high, and one with sara o, ai maimuan or ai
# maimalai (โ ใ ไ, ໂ ໃ ໄ), whose tails rise as high (two in "และใช้งานได้ง่าย", seed 2072).
_STACK_ON_LETTER_RISE = 0.75
_ASCENDERS = "\u0e1b\u0e1d\u0e1f\u0e2c\u0e9b\u0e9d\u0e9f"  # ป ฝ ฟ ฬ, ປ ຝ ຟ
_TALL_LETTERS = re.compile(
    f"[{_ASCENDERS}][\u0e31\u0e34-\u0e37\u0e47-\u0e4e\u0eb1\u0eb4-\u0eb7\u0ebb\u0ec8-\u0ecd]"
    "|[\u0e42-\u0e44\u0ec2-\u0ec4]"
)


def _stacks_on_letters(word: Word, image: _PageImage) -> int:
    """How many letters of ``word`` carry a stack of two marks fused into them."""
    if _TALL_LETTERS.search(word.text):
        return 0
    ink = image.ink(word.bbox)
    if ink is None:
        return 0
    top = ink.letter_top - _STACK_ON_LETTER_RISE * ink.x_height
    return sum(1 for _x, y, _w, h in ink.pieces if y < top and y + h > ink.letter_top)


def _ring_restored(word: Word, image: _PageImage) -> Word | None:
    """``word`` read with tone + sara aa, with its sara am back when the image shows the ring."""
    found = list(_TONE_AA.finditer(word.text))
    if len(found) != 1 or _one_mark_lost(word, image) is None:
        return None
    end = found[0].end()
    aa = word.text[end - 1]
    return replace(word, text=word.text[: end - 1] + _SARA_AM[aa] + word.text[end:])


def _is_mai_ek(width: int, height: int, x_height: float | None) -> bool | None:
    """True for mai ek (a narrow tick), False for mai tho (a wide curl), None if unclear.

    By its width to height, else (blur or a low resolution thicken a mark) by its width
    against the letters' height ``x_height``: mai ek 0.10-0.2, mai tho 0.45-0.93 in the
    generator's fonts (a whole mai tho read at 12 x 10 px over letters 26 px high, seed
    2076). Without ``x_height`` (the mark may be another: thanthakhat), by the ratio only.
    """
    ratio = width / height
    if ratio <= _MAI_EK_AT_MOST:
        return True
    if ratio >= _MAI_THO_AT_LEAST:
        return False
    if x_height is None:
        return None
    if width <= _MAI_EK_WIDTH_AT_MOST * x_height:
        return True
    if width >= _MAI_THO_WIDTH_AT_LEAST * x_height:
        return False
    return None


def _tone_restored(word: Word, image: _PageImage) -> Word | None:
    """``word`` read with a bare sara am, with the tone back that the image shows over it."""
    found = list(_BARE_AM.finditer(word.text))
    lost = _one_mark_lost(word, image) if len(found) == 1 else None
    if lost is None:
        return None
    marks, x_height = lost
    stacks = [column for column in _columns(marks) if len(column) > 1]
    # One stack only, so it is the one over sara am ("ที่นำ" has another); none when tone and
    # ring ran together, whose tone's shape cannot be measured.
    if len(stacks) != 1:
        return None
    stacked = stacks[0]
    matched = _matched_columns(word, image)
    if matched is not None and not any(
        column == stacked and text[-1] in _AM_RINGS for column, (_i, text) in matched[0]
    ):
        # Columns paired one to one, and the stack stands over another letter: the tone
        # lost there ("เลขทีคำขอ" for "เลขที่คำขอ", seed 2077) is the next step's to put back.
        return None
    _x, _y, width, height = min(stacked, key=lambda piece: piece[1])  # the upper one
    am = word.text[found[0].end() - 1]
    mai_ek = _is_mai_ek(width, height, x_height)
    if mai_ek is None:
        return None
    tone = _MAI_EK[am] if mai_ek else _MAI_THO[am]
    cut = found[0].end() - 1
    return replace(word, text=word.text[:cut] + tone + word.text[cut:])


# A tone mark on an upper vowel stands highest of all marks: mai ek and mai tho, which the
# model swaps there ("เนื่อสัตว์" for "เนื้อสัตว์", seeds 2052-2053), are told by its shape.
_TONE_SWAP = {
    **{ek: _MAI_THO[am] for am, ek in _MAI_EK.items()},
    **{tho: _MAI_EK[am] for am, tho in _MAI_THO.items()},
}
_MAI_EK_CHARS = frozenset(_MAI_EK.values())
_OTHER_TONES = frozenset("\u0e4a\u0e4b\u0eca\u0ecb")
_UPPER_VOWELS = frozenset(
    "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47\u0eb1\u0eb4\u0eb5\u0eb6\u0eb7\u0ebb"
)


def _stacked_tone_set(word: Word, image: _PageImage) -> Word | None:
    """``word`` with the mai ek or mai tho over its upper vowel set by the tone's shape."""
    tones = [i for i, c in enumerate(word.text) if c in _TONE_SWAP]
    if any(c in _OTHER_TONES for c in word.text):
        return None
    if len(tones) > 1:
        return _stacked_tones_set_by_column(word, image)
    if len(tones) != 1:
        return None
    i = tones[0]
    if i == 0 or word.text[i - 1] not in _UPPER_VOWELS:
        return None
    marks, x_height = _marks_above(image, word.bbox)
    if len(marks) < 2:
        return None
    highest, second = sorted(marks, key=lambda piece: piece[1])[:2]
    _x, top, width, height = highest
    # Clearly the highest (a tone stands over its vowel), and one mark, not two run together.
    if second[1] - top < 0.2 * x_height or height >= _FUSED_STACK * x_height:
        return None
    mai_ek = _is_mai_ek(width, height, x_height)
    if mai_ek is None or mai_ek == (word.text[i] in _MAI_EK_CHARS):
        return None
    return replace(word, text=word.text[:i] + _TONE_SWAP[word.text[i]] + word.text[i + 1 :])


def _stacked_tones_set_by_column(word: Word, image: _PageImage) -> Word | None:
    """``word`` with each tone over an upper vowel set by the highest mark of its own column.

    A word with several tones ("ເຄື່ອງອົບເຂົ່າ" for "ເຄື່ອງອົບເຂົ້າ", a Lao title run together,
    seed 2135) has no one highest mark: the image's columns must match the text's one to one,
    with a piece for each mark, as for lone tones.
    """
    matched = _matched_columns(word, image)
    if matched is None:
        return None
    pairs, x_height = matched
    text = word.text
    for column, (i, marks_text) in pairs:
        stacked = len(marks_text) == 2 and marks_text[0] in _UPPER_VOWELS
        if not stacked or marks_text[1] not in _TONE_SWAP or len(column) != 2:
            continue
        highest, lower = sorted(column, key=lambda piece: piece[1])
        _x, top, width, height = highest
        if lower[1] - top < 0.2 * x_height or height >= _FUSED_STACK * x_height:
            continue
        mai_ek = _is_mai_ek(width, height, x_height)
        if mai_ek is not None and mai_ek != (text[i] in _MAI_EK_CHARS):
            text = text[:i] + _TONE_SWAP[text[i]] + text[i + 1 :]
    return replace(word, text=text) if text != word.text else None


def _tone_over_uee(upper: Piece, lower: Piece, x_height: float) -> bool:
    """Whether ``upper`` stands as a tone does over sara uee ``lower``, not as a lone tick."""
    _x, top, _w, height = upper
    return top + height <= lower[1] + 0.05 * x_height and (
        lower[1] - top >= _TONE_OVER_UEE_AT_LEAST * x_height
    )


def _lone_tones_set(word: Word, image: _PageImage) -> Word | None:
    """``word`` with each mai ek or mai tho standing alone over its letter set by its shape.

    The models swap the two over a bare letter too ("ແຫ້ງຊາດ" for "ແຫ່ງຊາດ" in four Lao names
    of seeds 2071-2074). The image's columns of marks must match the text's one to one, piece
    for mark, so the column of each lone tone is known.
    """
    if not any(c in _TONE_SWAP for c in word.text):
        return None
    matched = _matched_columns(word, image)
    if matched is None:
        return None
    pairs, x_height = matched
    if any(len(column) != len(text) for column, (_i, text) in pairs):
        return None
    text = word.text
    for column, (i, marks_text) in pairs:
        if marks_text not in _TONE_SWAP:
            continue
        _x, _y, width, height = column[0]
        mai_ek = None if height >= _FUSED_STACK * x_height else _is_mai_ek(width, height, x_height)
        if mai_ek is not None and mai_ek != (marks_text in _MAI_EK_CHARS):
            text = text[:i] + _TONE_SWAP[marks_text] + text[i + 1 :]
    return replace(word, text=text) if text != word.text else None


def _matched_columns(
    word: Word, image: _PageImage
) -> tuple[list[tuple[list[Piece], tuple[int, str]]], float] | None:
    """The image's columns of marks over ``word`` paired with its text's, and letter height.

    None when the image holds no marks, or not as many columns as the text.
    """
    marks, x_height = _marks_above(image, word.bbox)
    seen, printed = _columns(marks), _text_columns(word.text)
    if not marks or len(seen) != len(printed):
        return None
    return list(zip(seen, printed, strict=True)), x_height


def _text_columns(text: str) -> list[tuple[int, str]]:
    """The marks over each letter of ``text`` that has any: (index of the last one, marks).

    Sara am's ring stands over the letter before it, like the marks written after that letter.
    """
    columns: list[tuple[int, str]] = []
    above, last = "", -1
    for i, char in enumerate(text):
        if unicodedata.category(char) != "Mn" and char not in _SARA_AM.values():
            if above:
                columns.append((last, above))
            above = ""
        if char in _ONE_PIECE_ABOVE or char in _PIECES_VARY:
            above, last = above + char, i
    if above:
        columns.append((last, above))
    return columns


_AM_RINGS = frozenset(_SARA_AM.values())
_SARA_I = frozenset("\u0e34\u0eb4")
_THAI_SARA_I = "\u0e34"
_THANTHAKHAT = "\u0e4c"


def _lost_tone_restored(word: Word, image: _PageImage) -> Word | None:
    """``word`` with the tones back that the image shows over its upper vowels.

    The Lao and Thai models drop mai ek or mai tho over a vowel above the letter ("ກັນ" for
    "ກັ່ນ" in seven titles of seeds 2062-2063, "เกียว" for "เกี่ยว"). The image's columns of
    marks and the text's then match one to one, but for columns holding one piece more over a
    lone upper vowel (or sara am's ring: "ນຳ" for "ນ້ຳ" beside them); the shape of that
    column's upper piece says which tone it is. Over a Thai sara i ending the run it is the
    thanthakhat that was lost.
    """
    if not any(c in _UPPER_VOWELS or c in _AM_RINGS for c in word.text):
        return None  # no vowel or ring a tone could stand on (and no image to measure)
    matched = _matched_columns(word, image)
    if matched is None:
        return None
    pairs, x_height = matched
    if any(h >= _FUSED_STACK * x_height for column, _ in pairs for _x, _y, _w, h in column):
        return None  # two marks run together: their shapes cannot be measured
    tones: list[tuple[int, str]] = []
    for column, (i, text) in pairs:
        if len(column) == len(text):
            if text in _AM_RINGS and (tone := _tone_over_fused_ring(word, i, column, image)):
                tones.append((i - 1, tone))
            continue
        if len(column) == 2 and text in _TONE_SWAP and word.text[i + 1 : i + 2] in _SARA_AM:
            continue  # the ring of sara am lost under its tone: that step puts it back
        if len(column) != 2 or len(text) != 1 or text not in _UPPER_VOWELS | _AM_RINGS:
            return None
        upper, lower = sorted(column, key=lambda piece: piece[1])
        _x, top, width, height = upper
        if text == _THAI_SARA_I and i == len(word.text) - 1:
            # Over a Thai sara i ending the run stands the thanthakhat of a silent end
            # ("สุขสวัสดิ" for "สุขสวัสดิ์", four names of seeds 2070-2075), not a tone.
            tones.append((i, _THANTHAKHAT))
            continue
        # Over sara i a thanthakhat stands as often as a tone: shape by ratio only.
        mai_ek = _is_mai_ek(width, height, None if text in _SARA_I else x_height)
        if mai_ek is None or lower[1] - top < 0.2 * x_height:  # no clear tone over the vowel
            return None
        if text in _PIECES_VARY and not (
            text == _LAO_UEE and _tone_over_uee(upper, lower, x_height)
        ):
            return None  # may be the top of the vowel broken off
        tone = _tone_mark(text, mai_ek=mai_ek)
        # A tone goes after an upper vowel, and before sara am (its ring stands over it).
        tones.append((i - 1 if text in _AM_RINGS else i, tone))
    if not tones:
        return None
    text = word.text
    for i, tone in reversed(tones):
        text = text[: i + 1] + tone + text[i + 1 :]
    return replace(word, text=text)


# Sara am's ring fused to its letter (blur; seed 2121's "ระบบกรองน้ำ" read "ระบบกรองนำ"): the
# one piece over the letter is then the tone, not the ring. A ring's foot stands 0-0.18 letter
# heights over the letters in the generator's fonts, a tone's over a ring 0.47-0.70; the letter
# with the ring on it rises over the others by the ring's height (0.43 on that page).
_TONE_OVER_RING_FOOT = (0.35, 0.9)
_FUSED_RING_RISE = 0.2


def _tone_over_fused_ring(word: Word, i: int, column: list[Piece], image: _PageImage) -> str | None:
    """The tone ``column``'s one piece is, over the ring of sara am ``word.text[i]`` fused below.

    None unless the piece stands where a tone over a ring stands, over the letter before
    sara am, and that letter's ink rises as its ring would (not an ascender: ป, ฝ, ฟ, ฬ and
    their Lao kin rise too). Heights are measured on the word's other letters: in "น้ำ" the
    raised letter is one of two, and would lift the median letter top halfway to its ring.
    """
    ink = image.ink(word.bbox)
    if ink is None or i == 0 or word.text[i - 1] in _ASCENDERS:
        return None
    ((x, y, width, height),) = column
    middle = x + width / 2
    letters = _standing_letters(ink)
    under = [p for p in letters if p[0] <= middle < p[0] + p[2]]
    others = [p[1] for p in letters if p not in under]
    if len(under) != 1 or not others:
        return None
    letter_top = median(others)
    x_height = ink.baseline - letter_top
    if x_height <= 0 or under[0][1] > letter_top - _FUSED_RING_RISE * x_height:
        return None  # no letter under the piece with its ring on it
    foot = (letter_top - (y + height)) / x_height
    if not _TONE_OVER_RING_FOOT[0] <= foot <= _TONE_OVER_RING_FOOT[1]:
        return None
    mai_ek = _is_mai_ek(width, height, x_height)
    return None if mai_ek is None else _tone_mark(word.text[i], mai_ek=mai_ek)


def _tone_mark(char: str, *, mai_ek: bool) -> str:
    """Mai ek or mai tho of the script ``char`` is written in (Lao or Thai)."""
    if script_country(char) == "LA":
        return "\u0ec8" if mai_ek else "\u0ec9"
    return "\u0e48" if mai_ek else "\u0e49"


def _thanthakhat_beside_restored(word: Word, image: _PageImage) -> Word | None:
    """``word`` ending in Thai sara i with the thanthakhat back that the image shows beside it.

    In Noto Serif Thai, Garuda and Loma the thanthakhat of "สวัสดิ์" stands to the right of
    sara i, a column of its own: the image holds one column more than the text, the last,
    and the others pair one to one (stacked on sara i it is ``_lost_tone_restored``'s).
    """
    if not word.text.endswith(_THAI_SARA_I):
        return None
    marks, _x_height = _marks_above(image, word.bbox)
    seen, printed = _columns(marks), _text_columns(word.text)
    if len(seen) != len(printed) + 1 or not printed or printed[-1][0] != len(word.text) - 1:
        return None
    if any(len(column) != len(text) for column, (_i, text) in zip(seen, printed, strict=False)):
        return None
    return replace(word, text=word.text + _THANTHAKHAT)


# Thai sara u (ุ) and sara uu (ู) below a letter: the model swaps them ("ฟุ้ด" for "ฟู้ด"), and
# their shapes tell them apart: sara u is a short hook (width/height 0.57-0.83 in the
# generator's fonts), sara uu a hook with a tail (1.15-1.50). Between: no guess. Words with
# letters whose own ink reaches below the line (ญ ฐ ฎ ฏ ฤ ฦ) or with phinthu are left alone.
_SARA_U, _SARA_UU = "\u0e38", "\u0e39"
_SARA_U_AT_MOST = 0.95
_SARA_UU_AT_LEAST = 1.05
_INK_BELOW = frozenset("\u0e0d\u0e10\u0e0e\u0e0f\u0e24\u0e26\u0e3a")


def _below_vowel_shape(width: int, height: int) -> str | None:
    """Thai sara u for a short hook, sara uu for one with a tail; None between."""
    ratio = width / height
    return _SARA_U if ratio <= _SARA_U_AT_MOST else _SARA_UU if ratio >= _SARA_UU_AT_LEAST else None


def _below_vowel_restored(word: Word, image: _PageImage) -> Word | None:
    """``word`` with sara u and sara uu put right by the shape of the one mark below it."""
    below = [i for i, c in enumerate(word.text) if c in (_SARA_U, _SARA_UU)]
    if len(below) != 1 or any(c in _INK_BELOW for c in word.text):
        return None
    marks = _marks_below(image, word.bbox)
    if len(marks) != 1:
        return None
    _x, _y, width, height = marks[0]
    shape = _below_vowel_shape(width, height)
    i = below[0]
    if shape is None or shape == word.text[i]:
        return None
    return replace(word, text=word.text[:i] + shape + word.text[i + 1 :])


# Sara u or uu lost: the Lao model drops the one under "ສຸ" of "ສີສຸວັນ" (16 names of seeds
# 2074-2077, at 75-88). The image then holds one mark below the word that its text lacks; it
# goes under the letter whose ink stands over it, once each letter of the text is one piece of
# ink on the line (so the k-th piece is the k-th letter). Its shape says which vowel it is, as
# for Thai, with the same bounds (Lao sara u 0.69-0.91 in the generator's fonts but 1.0 in
# Noto Serif Lao Bold, sara uu 1.21-1.54 but 1.0 in Phetsarath: those are not guessed). A
# speck is not a vowel: the piece is 0.25-0.6 letter heights tall and hangs from the line.
_LOST_BELOW = {"ุ": "ุ", "ู": "ู"}
_BELOW_VOWELS = frozenset("\u0e38\u0e39\u0e3a\u0eb8\u0eb9\u0ebc")
_LAO_BELOW = {_SARA_U: "\u0eb8", _SARA_UU: "\u0eb9"}
_NOT_A_LETTER_PIECE = frozenset("\u0e30\u0eb0")  # sara a: two dots
_CONSONANT = re.compile("[\u0e01-\u0e2e\u0e81-\u0eae\u0edc\u0edd]")


# Sara ae (Thai แ, Lao ແ) is printed as two pieces side by side, as two sara e.
_TWO_PIECES = frozenset("\u0e41\u0ec1")


def _letter_pieces(text: str, ink: _Ink) -> list[tuple[int, Piece]] | None:
    """Each letter of ``text`` on the line (its index) with its piece of ink, left to right.

    None unless the letters and the pieces standing on the line are as many (then the k-th
    piece is the k-th letter; sara ae counts twice).
    """
    letters = sorted(_standing_letters(ink))
    spacing = [
        i for i, c in enumerate(text)
        if unicodedata.category(c) in ("Lo", "Lm") and c not in _NOT_A_LETTER_PIECE
        for _piece in range(2 if c in _TWO_PIECES else 1)
    ]  # fmt: skip
    if len(letters) != len(spacing):
        return None
    return list(zip(spacing, letters, strict=True))


def _lost_below_vowel_restored(word: Word, image: _PageImage) -> Word | None:
    """``word`` with the sara u or uu back that the image shows under one of its letters."""
    text = word.text
    if any(c in _BELOW_VOWELS or c in _INK_BELOW for c in text):
        return None
    ink = image.ink(word.bbox)
    if ink is None:
        return None
    x_height = ink.x_height
    below = [
        (x, y, w, h)
        for x, y, w, h in ink.pieces
        if y >= ink.baseline - 0.1 * x_height and 0.25 * x_height <= h <= 0.6 * x_height
    ]
    if len(below) != 1 or below[0][1] > ink.baseline + 0.25 * x_height:
        return None
    x, _y, width, height = below[0]
    vowel = _below_vowel_shape(width, height)
    letters = _letter_pieces(text, ink)
    if vowel is None or letters is None:
        return None
    middle = x + width / 2
    over = [i for i, (lx, _ly, lw, _lh) in letters if lx <= middle < lx + lw]
    if len(over) != 1 or not _CONSONANT.fullmatch(text[over[0]]):
        return None
    (i,) = over
    if script_country(text[i]) == "LA":
        vowel = _LAO_BELOW[vowel]
    return replace(word, text=unicodedata.normalize("NFC", text[: i + 1] + vowel + text[i + 1 :]))


# A tone over a bare letter lost: the Thai model drops mai tho over "ฟู" of "ฟู้ด" (Food: 6 of
# the 39 firm names of seeds 2109-2119, read at 93; 2 come back, where the tone stands apart
# from the ascender, and no other word of those seeds' 100 Thai and Lao pages changed). The
# image then holds one column of marks more than the text, over a letter bare in the text. A
# tone rests just over its letter (its foot at most a quarter of a letter height above the
# letters; the line before's hanging vowels stand higher) and is 0.25-0.6 letter heights tall.
# Mai ek, a tick (width/height 0.27-0.57 in the generator's fonts), is like no other mark; mai
# tho (Thai 1.27-1.50, Lao 1.64-1.89) is shaped as maitaikhu, thanthakhat and sara ii are
# (1.05-1.55, 0.88-1.50, 1.47-2.75), so it is guessed only over a letter with sara u or uu
# below, where none of those can stand.
_LONE_TONE_HEIGHT = (0.25, 0.6)
_LONE_TONE_FOOT_AT_MOST = 0.25
# A mark broken in two by the scan leaves pieces 0.17-0.19 letter heights apart (seed 2117's
# "ตัวแทน"); a tone over the letter after a marked one stands 0.36-1.5 from its marks.
_LONE_TONE_APART_AT_LEAST = 0.3
_MAI_THO_RATIO_AT_MOST = {"\u0e49": 1.6, "\u0ec9": 2.0}  # Thai, Lao; mai tri: Thai 1.64-2.11
_SARA_U_UU = frozenset("\u0e38\u0e39\u0eb8\u0eb9")


def _letter_under(column: list[Piece], letters: list[tuple[int, Piece]]) -> int | None:
    """The index of the letter whose ink overlaps ``column`` most; None when none or a tie."""
    left = min(x for x, _y, _w, _h in column)
    right = max(x + w for x, _y, w, _h in column)
    overlaps = sorted(
        ((min(right, x + w) - max(left, x), i) for i, (x, _y, w, _h) in letters), reverse=True
    )
    if overlaps[0][0] <= 0 or (len(overlaps) > 1 and overlaps[1][0] == overlaps[0][0]):
        return None
    return overlaps[0][1]


def _lost_lone_tone_restored(word: Word, image: _PageImage) -> Word | None:
    """``word`` with the tone back that the image shows over a letter bare in its text.

    Every other column of marks must stand over the letter the text puts it on, with as many
    pieces as the text has marks there.
    """
    text = word.text
    if not _CONSONANT.search(text):
        return None  # no Thai or Lao letter a tone could stand on (and no image to measure)
    if any(c in _PIECES_VARY for c in text):
        return None  # sara uee may come apart into two pieces
    ink = image.ink(word.bbox)
    if ink is None:
        return None
    marks, x_height = _marks_above(image, word.bbox)
    seen, printed = _columns(marks), _text_columns(text)
    if len(seen) != len(printed) + 1:
        return None
    letters = _letter_pieces(text, ink)
    if letters is None:
        return None
    carrying = {_base_letter(text, i): marks_text for i, marks_text in printed}
    carried = set(carrying)
    lost: list[tuple[int, Piece]] = []
    for column in seen:
        letter = _letter_under(column, letters)
        if letter is None:
            return None
        if letter in carrying:
            if len(column) != len(carrying.pop(letter)):
                return None
        elif letter in carried:
            return None  # a second column over one letter: its mark broken in two, no tone
        elif len(column) == 1:
            lost.append((letter, column[0]))
        else:
            return None
    if carrying or len(lost) != 1:
        return None
    letter, (x, y, width, height) = lost[0]
    low, high = _LONE_TONE_HEIGHT
    others = [piece for column in seen for piece in column if piece != lost[0][1]]
    nearest = min((max(o[0] - (x + width), x - (o[0] + o[2])) for o in others), default=x_height)
    if not (
        _CONSONANT.fullmatch(text[letter])
        and low * x_height <= height <= high * x_height
        and y + height >= ink.letter_top - _LONE_TONE_FOOT_AT_MOST * x_height
        and nearest >= _LONE_TONE_APART_AT_LEAST * x_height
    ):
        return None
    end = letter + 1  # after the letter's vowels below, where a tone is written
    while end < len(text) and text[end] in _BELOW_VOWELS:
        end += 1
    mai_ek = _is_mai_ek(width, height, None)  # by its shape alone: mai tri is wide too
    if mai_ek is None:
        return None
    if mai_ek and text[letter] in _ASCENDERS:
        return None  # beside an ascender a tick may be its top broken off
    tone = _tone_mark(text[letter], mai_ek=mai_ek)
    if not mai_ek and not (
        width / height <= _MAI_THO_RATIO_AT_MOST[tone]
        and width >= _MAI_THO_WIDTH_AT_LEAST * x_height
        and _SARA_U_UU & set(text[letter + 1 : end])
    ):
        return None
    return replace(word, text=text[:end] + tone + text[end:])


def _base_letter(text: str, i: int) -> int:
    """The index of the letter the mark at ``i`` stands over (for sara am, the one before)."""
    j = i - 1 if text[i] in _AM_RINGS else i
    while j > 0 and (unicodedata.category(text[j]) == "Mn" or text[j] in _AM_RINGS):
        j -= 1
    return j


def _restored(word: Word, image: _PageImage) -> Word | None:
    """``word`` with the marks the image shows put right; else None.

    In order: the lost half of a tone + sara am stack put back (or the tone over a vowel set
    by shape), a tone lost over an upper vowel put back (then the stack again, when both were
    lost), lone tones set by shape, a thanthakhat beside a final sara i, sara u and sara uu
    set by shape, and one lost put back.
    """
    stacked = _am_stack_restored(word, image)
    toned = _lost_tone_restored(stacked or word, image)
    if toned is not None and stacked is None:
        # Both halves lost in one word ("ກັນຕອງນ້າ" for "ກັ່ນຕອງນ້ຳ"): the marks counted for
        # sara am add up only once the tone over the vowel is back.
        stacked = _am_stack_restored(toned, image) or toned
    else:
        stacked = toned or stacked
    stacked = _lost_lone_tone_restored(stacked or word, image) or stacked
    stacked = _lone_tones_set(stacked or word, image) or stacked
    stacked = _thanthakhat_beside_restored(stacked or word, image) or stacked
    below = _below_vowel_restored(stacked or word, image)
    below = _lost_below_vowel_restored(below or stacked or word, image) or below
    return below or stacked


def _am_stack_restored(word: Word, image: _PageImage) -> Word | None:
    """``word`` with the lost half of a tone + sara am stack back, or its tone set by shape."""
    if _TONE_AA.search(word.text):
        return _ring_restored(word, image)
    if _BARE_AM.search(word.text):
        return _tone_restored(word, image)
    return _stacked_tone_set(word, image)


def restore_marks(page: PageText, image: np.ndarray) -> tuple[PageText, int]:
    """Put back the ring or tone of a sara am stack, set sara u/uu; returns page and count.

    ``image`` is the page that was read (same pixels as the word boxes), ink dark on light.
    """
    measured = _PageImage(image)
    return page.with_words_replaced(lambda word: _restored(word, measured))
