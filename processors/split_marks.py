"""Thai, Lao and Khmer lines whose marks Tesseract read as a line of their own.

With tight line spacing Tesseract's layout analysis can cut the vowels and tone marks above a
line into a separate "line": it reads them as debris ("a ° ' ะ aA ๐7 6") and the line itself
without them ("เครองสำอาง" for "เครื่องสำอาง"). Read again as a single line, in a band that
holds its marks, Tesseract gets them right. This module finds such lines, cuts their bands and
puts the re-read words back; ``processors.page`` runs the re-read (one Tesseract process for
all the lines of a page).
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

import numpy as np

from processors.types import BBox, Line, PageText, has_unspaced_script, union_bbox

# A line of marks is much lower than the letters it belongs to.
_MARKS_HEIGHT_SHARE = 0.6


@dataclass(frozen=True, slots=True)
class SplitLine:
    """A text line (index into ``page.lines``), its mark lines, and the band to read again."""

    line: int
    marks: tuple[int, ...]
    band: BBox


def _word_height(line: Line) -> float:
    return median(w.bbox[3] - w.bbox[1] for w in line.words)


def _belongs_to(marks: Line, line: Line) -> bool:
    """Whether ``marks`` looks like the marks of ``line`` cut off by layout analysis."""
    if not marks.words or not line.words or not has_unspaced_script(line.text):
        return False
    if _word_height(marks) >= _MARKS_HEIGHT_SHARE * _word_height(line):
        return False
    (mx0, my0, mx1, my1), (lx0, ly0, lx1, ly1) = marks.bbox, line.bbox
    slack = _word_height(line)
    # Inside the line's height (its box reaches up to its own marks) and within its width.
    return my0 < ly1 and my1 > ly0 and mx0 >= lx0 - slack and mx1 <= lx1 + slack


def find_split_lines(page: PageText, *, width: int, height: int) -> list[SplitLine]:
    """Lines of ``page`` that lost their marks to a line of their own, with bands to re-read.

    ``width`` and ``height`` are the image's, to keep the bands on it. A band is the line with
    its marks and a margin of a third of the line's height (a single-line read needs some).
    """
    lines = page.lines
    owner: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        for j in (i + 1, i - 1):
            if 0 <= j < len(lines) and _belongs_to(line, lines[j]):
                owner.setdefault(j, []).append(i)
                break
    splits = []
    for j, marks in sorted(owner.items()):
        box = union_bbox([lines[j].bbox, *(lines[i].bbox for i in marks)])
        assert box is not None
        margin = round(_word_height(lines[j]) / 3)
        band = (
            max(0, box[0] - margin),
            max(0, box[1] - margin),
            min(width, box[2] + margin),
            min(height, box[3] + margin),
        )
        splits.append(SplitLine(j, tuple(marks), band))
    return splits


def cut_bands(image: np.ndarray, splits: list[SplitLine]) -> list[np.ndarray]:
    """The image of each split line's band, for a single-line read."""
    return [image[y0:y1, x0:x1] for x0, y0, x1, y1 in (s.band for s in splits)]


def put_back(
    page: PageText, splits: list[SplitLine], rereads: list[PageText]
) -> tuple[PageText, int]:
    """``page`` with each split line replaced by its re-read and its mark lines dropped.

    A re-read is kept when it has at least as many letters and marks as the line had (it found
    the marks and lost nothing) and is not much less confident; the mark lines go either way,
    since what Tesseract read there is debris. Returns the page and how many lines were kept.
    """
    replaced: dict[int, Line] = {}
    dropped: set[int] = set()
    kept = 0
    for split, reread in zip(splits, rereads, strict=True):
        dropped.update(split.marks)
        line = page.lines[split.line]
        x0, y0 = split.band[0], split.band[1]
        words = tuple(w.moved(x0, y0) for reread_line in reread.lines for w in reread_line.words)
        if words and _better(Line(words), line):
            replaced[split.line] = Line(words=words, block=line.block)
            kept += 1
    lines = tuple(replaced.get(i, line) for i, line in enumerate(page.lines) if i not in dropped)
    return PageText(page.page_index, lines, page.width, page.height), kept


def _better(reread: Line, line: Line) -> bool:
    def letters(of: Line) -> int:
        return sum(len(w.text) for w in of.words)

    return letters(reread) >= letters(line) and reread.confidence >= line.confidence - 10
