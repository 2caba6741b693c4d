"""Marks read over capitals where the page shows none.

The Vietnamese model now and then reads a mark over a capital that has none: "THỦ" for "THU"
(five titles of seeds 2071-2079, read at 27-93, on pages with specks, shadow or turned). A
mark over a capital stands clear above the capitals' tops, and Tesseract's word box holds all
of a word's ink: "BÁNH" rises 10 pixels over "TRUNG" beside it, "THỦ" not at all. So a word of
capitals whose box rises no higher than the unmarked capital words of its line has no mark
over any letter, whatever was read; the marks above go, those below ("Ự"'s dot) and the horn
(beside the letter) stay. Lower-case words are left alone: their ascenders rise as high.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from statistics import median

from processors.types import Line, PageText, Word

# Combining marks set over a letter: grave, acute, circumflex, tilde, breve, hook above.
_ABOVE = frozenset("\u0300\u0301\u0302\u0303\u0306\u0309")
# A mark over a capital rises a quarter of the capitals' height or more above them (BÁNH: 10
# pixels over capitals 36 high); a box a tenth of that height above theirs holds one.
_MARK_RISE = 0.1
_EDGE_PUNCTUATION = ".,;:!?\"'’”)"


def strip_unseen_capital_marks(page: PageText) -> tuple[PageText, int]:
    """``page`` with the marks above capitals taken off words whose box shows none.

    Returns the page and how many words changed.
    """
    changed = 0
    lines = []
    for line in page.lines:
        new_line, count = _strip_line(line)
        lines.append(new_line)
        changed += count
    if not changed:
        return page, 0
    return replace(page, lines=tuple(lines)), changed


def _strip_line(line: Line) -> tuple[Line, int]:
    plain = [w for w in line.words if _capitals(w.text) and _letters(w.text).isascii()]
    if not plain:
        return line, 0
    cap_top = median(w.bbox[1] for w in plain)
    cap_height = median(w.bbox[3] - w.bbox[1] for w in plain)
    words = []
    changed = 0
    for word in line.words:
        if (
            _capitals(word.text)
            and _marked(word.text)
            and word.bbox[1] > cap_top - _MARK_RISE * cap_height
        ):
            word = Word(_without_marks_above(word.text), word.confidence, word.bbox)
            changed += 1
        words.append(word)
    return (replace(line, words=tuple(words)) if changed else line), changed


def _letters(text: str) -> str:
    return unicodedata.normalize("NFD", text.rstrip(_EDGE_PUNCTUATION))


def _capitals(text: str) -> bool:
    """Whether ``text`` is two or more Latin capitals (marks allowed), ending punctuation aside."""
    bases = [c for c in _letters(text) if not unicodedata.combining(c)]
    return len(bases) >= 2 and all("A" <= c <= "Z" or c == "Đ" for c in bases)


def _marked(text: str) -> bool:
    """Whether a letter of ``text`` carries a mark above it."""
    return any(c in _ABOVE for c in _letters(text))


def _without_marks_above(text: str) -> str:
    kept = "".join(c for c in unicodedata.normalize("NFD", text) if c not in _ABOVE)
    return unicodedata.normalize("NFC", kept)
