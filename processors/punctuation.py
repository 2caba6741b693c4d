"""Commas and full stops the page's ink shows after a word and its reading lost.

Reading a whole page, Tesseract now and then drops the punctuation after a Latin word while
its box still holds it: "Miller" for "Miller," (seed 2085, an agent "Miller, Johnson & Tanaka
LLP" and an inventor "Paolo W. Miller, Raleigh"), "P" for "P." in "Roberto P. Cruz". The same
word read alone comes back with its mark. So a word ending in a letter or digit whose last
blob of ink, inside its box or in the gap before the next word, is a small blob at the foot
of the line is cut out and read again (one Tesseract process for a page's words), and the
mark is added where that reading is the word plus one mark. A word ending in a full stop can
lose only a comma after it: "Co." for "Co.," at a line's end (seeds 2120 and 2127, "Siam
Agritech Co., Ltd." split over two lines), so there the last blob must be a mark after the
word's own full stop, and is taken for a comma.

This module finds the words and puts the marks back; ``processors.page`` runs the OCR.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import cv2
import numpy as np

from processors.types import BBox, PageText

# A word that could have lost a mark: it ends in a Latin letter or a digit; or an abbreviation,
# a Latin letter and its full stop, that could have lost the comma after it.
_ENDS_LATIN = re.compile(r"[A-Za-z0-9]$")
_ENDS_ABBREVIATION = re.compile(r"[A-Za-z]\.$")
# The mark's blob against the word box's height: a comma or a full stop is small
# (52 pixels by 12 high in a box 44 high), starts low, and reaches the letters' foot.
_MAX_AREA = 0.08
_MAX_HEIGHT = 0.45
_MIN_TOP = 0.6
_FOOT_TOLERANCE = 0.08
# How far after the word's last letter a mark may sit (punctuation is set tight).
_MAX_GAP = 0.5
# At the end of a line, how far past the word's box to look.
_LINE_END_REACH = 0.5
# How far before the word's box its first letter may start, in box heights.
_LEAD_REACH = 0.5
# White margin around a word read alone, in box heights.
_MARGIN = 0.3
_MARKS = ".,"
_INITIAL = re.compile("[A-Z]")


@dataclass(frozen=True, slots=True)
class LostPunctuation:
    """A word whose ink ends in a mark its reading lacks: where it is and what to cut."""

    line: int
    word: int
    cut: BBox  # the word with its mark, in page pixels
    shape: str  # "," when the mark reaches below the letters' foot (or follows a full stop)
    settled: bool = False  # the ink alone says the mark: no reading needed (an initial's stop)


def find_lost_punctuation(page: PageText, image: np.ndarray) -> list[LostPunctuation]:
    """Words of ``page`` whose last ink in ``image`` (the page as read) is an unread mark."""
    width = image.shape[1]
    found: list[LostPunctuation] = []
    for li, line in enumerate(page.lines):
        for wi, word in enumerate(line.words):
            abbreviation = _ENDS_ABBREVIATION.search(word.text) is not None
            if not abbreviation and not _ENDS_LATIN.search(word.text):
                continue
            x0, y0, x1, y1 = word.bbox
            box_height = y1 - y0
            if box_height < 8:
                continue
            if wi + 1 < len(line.words):
                right = line.words[wi + 1].bbox[0] - 1
            else:
                right = x1 + round(_LINE_END_REACH * box_height)
            right = min(right, width - 1)
            if right <= x0:
                continue
            # The LSTM's box of a one-letter word can start inside the letter (the "P" of
            # "Teresa P. Ramos" boxed from its bowl on, seed 2097): its stem then falls outside,
            # and the bowl's foot, taken for the letters', puts the full stop below the line.
            # The gap back to the word before belongs to this word.
            left = x0 - round(_LEAD_REACH * box_height)
            if wi > 0:
                left = max(left, line.words[wi - 1].bbox[2] + 1)
            left = max(0, min(left, x0))
            shape = _mark_at_end(
                image[y0 : y1 + 1, left : right + 1] < 128, box_height, after_stop=abbreviation
            )
            if shape is not None:
                # Read alone, "P." comes back "P" whatever its ink: an initial's full stop is
                # taken from the ink.
                settled = shape == "." and _INITIAL.fullmatch(word.text) is not None
                found.append(LostPunctuation(li, wi, (left, y0, right, y1), shape, settled))
    return found


def _mark_at_end(region: np.ndarray, box_height: int, *, after_stop: bool = False) -> str | None:
    """The mark the rightmost blob of ``region`` (a word's box and what follows) looks like.

    None when that blob is no comma or full stop: a letter, or too big, high or far. With
    ``after_stop`` (an abbreviation read with its full stop) the blob before it must be that
    full stop, and the mark is then a comma whatever its depth: the word's box ends at the
    letters' foot, which cuts off a comma's tail.
    """
    _, _, stats, _ = cv2.connectedComponentsWithStats(region.astype(np.uint8), connectivity=8)
    blobs = stats[1:]
    blobs = blobs[np.argsort(blobs[:, cv2.CC_STAT_LEFT] + blobs[:, cv2.CC_STAT_WIDTH])]
    shape = _last_blob_shape(blobs, region.shape[1], box_height)
    if shape is None or not after_stop:
        return shape
    return "," if _last_blob_shape(blobs[:-1], region.shape[1], box_height) == "." else None


def _last_blob_shape(blobs: np.ndarray, width: int, box_height: int) -> str | None:
    """The mark the last of ``blobs`` (sorted by right edge) is after the others, if any."""
    if len(blobs) < 2:
        return None
    left, top, blob_width, blob_height, area = (int(v) for v in blobs[-1])
    others = blobs[:-1]
    letters_right = int((others[:, cv2.CC_STAT_LEFT] + others[:, cv2.CC_STAT_WIDTH]).max())
    if left + blob_width <= letters_right or left - letters_right > _MAX_GAP * box_height:
        return None
    if left + blob_width >= width:
        return None  # it runs on into the next word: a piece of that word's first letter
    tall = others[others[:, cv2.CC_STAT_HEIGHT] > box_height / 2]
    if not len(tall):
        return None
    foot = float(np.median(tall[:, cv2.CC_STAT_TOP] + tall[:, cv2.CC_STAT_HEIGHT]))
    bottom = top + blob_height
    if (
        area > _MAX_AREA * box_height**2
        or blob_height > _MAX_HEIGHT * box_height
        or top < _MIN_TOP * box_height
        or bottom < foot - _FOOT_TOLERANCE * box_height
        or top >= foot  # wholly below the letters: a piece of the line below
    ):
        return None
    return "," if bottom > foot + _FOOT_TOLERANCE * box_height else "."


def cut_lost_punctuation(image: np.ndarray, found: list[LostPunctuation]) -> list[np.ndarray]:
    """Each found word that needs reading, with its mark, on a white margin, as one line."""
    cuts = []
    for mark in found:
        if mark.settled:
            continue
        x0, y0, x1, y1 = mark.cut
        margin = max(4, round(_MARGIN * (y1 - y0)))
        piece = image[y0 : y1 + 1, x0 : x1 + 1]
        white = (margin, margin, margin, margin)
        cuts.append(cv2.copyMakeBorder(piece, *white, cv2.BORDER_CONSTANT, value=255))
    return cuts


def put_back_punctuation(
    page: PageText, found: list[LostPunctuation], rereads: list[PageText]
) -> tuple[PageText, int]:
    """``page`` with a mark added to each found word whose reading alone is it plus the mark.

    ``rereads`` are the readings of ``cut_lost_punctuation``'s cuts, one per unsettled word.
    The reading must agree with the page on every letter: only the mark is taken from it (after
    an abbreviation's full stop, only a comma). A settled word (an initial) takes the full stop
    its ink shows.
    Returns the page and how many words got their mark back.
    """
    fixes: dict[tuple[int, int], str] = {}
    readings = iter(rereads)
    for mark in found:
        word = page.lines[mark.line].words[mark.word]
        if mark.settled:
            fixes[(mark.line, mark.word)] = word.text + mark.shape
            continue
        read = "".join(w.text for w in next(readings).words)
        # After an abbreviation's full stop only a comma can have been lost.
        marks = "," if _ENDS_ABBREVIATION.search(word.text) else _MARKS
        if len(read) == len(word.text) + 1 and read.startswith(word.text) and read[-1] in marks:
            fixes[(mark.line, mark.word)] = read
    if next(readings, None) is not None:
        raise ValueError("more readings than words to read")
    if not fixes:
        return page, 0
    lines = []
    for li, line in enumerate(page.lines):
        words = tuple(
            replace(w, text=fixes[(li, wi)]) if (li, wi) in fixes else w
            for wi, w in enumerate(line.words)
        )
        lines.append(line if words == line.words else replace(line, words=words))
    return replace(page, lines=tuple(lines)), len(fixes)
