"""Text primitives shared by the normalizers: NFC, native digits, OCR digit repair, folding.

Every function here keeps string length and character positions (except ``fold``, which
returns an index map), so a value found in cleaned text can be traced back to the OCR words it
came from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from processors.types import has_unspaced_script as _unspaced

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Parsed:
    """A normalized value, how well the text fitted its pattern (0..1) and where it was read.

    ``spans`` are ``(start, end)`` offsets into the text given to the parser. ``method`` says
    how the value was normalized (e.g. "buddhist_era", "dd/mm/yyyy"); None when as printed.
    """

    value: Any
    fit: float
    spans: tuple[Span, ...] = ()
    method: str | None = None
    repaired: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC (what every stored string is)."""
    return unicodedata.normalize("NFC", text)


def _digit_table() -> dict[int, str]:
    # Thai, Lao, Khmer, Myanmar, Arabic-Indic, fullwidth...: every Unicode decimal digit.
    table: dict[int, str] = {}
    for start in (0x0660, 0x06F0, 0x0966, 0x0E50, 0x0ED0, 0x1040, 0x17E0, 0xFF10):
        for offset in range(10):
            table[start + offset] = str(offset)
    return table


_DIGITS = _digit_table()


def ascii_digits(text: str) -> str:
    """Replace Thai/Lao/Khmer (and other native) decimal digits by ASCII ones, 1:1."""
    return text.translate(_DIGITS)


# Characters Tesseract reads instead of digits, and the digit each one most likely was.
OCR_DIGIT = {
    "O": "0", "o": "0", "D": "0", "Q": "0",
    "l": "1", "I": "1", "i": "1", "|": "1", "!": "1",
    "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2",
}  # fmt: skip
_CONF = re.escape("".join(OCR_DIGIT))
_PART = re.compile(r"[^/.,\-]+")
_GROUP = re.compile(rf"[0-9{_CONF}](?:[0-9{_CONF}]|[/.,\-](?=[0-9{_CONF}]))*")


def repair_digits(text: str) -> tuple[str, int]:
    """Fix OCR letter-for-digit confusions inside digit runs ("2O01" -> "2001").

    A run of digits and look-alikes (joined by ``/.,-``) is repaired only when it holds at
    least one real digit and no more look-alikes than digits, so words ("SOS", "Is") stay;
    within it, a part between separators without any real digit stays too ("KH/D/2019").
    Returns the text (same length) and the number of characters changed.
    """
    out = list(text)
    changed = 0
    for m in _GROUP.finditer(text):
        chunk = m.group()
        digits = sum(c.isdigit() for c in chunk)
        looks = sum(c in OCR_DIGIT for c in chunk)
        if looks == 0 or digits == 0 or looks > digits:
            continue
        # A letter glued to a word ("Nos1") is not a digit: require run boundaries.
        before = text[m.start() - 1] if m.start() > 0 else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if before.isalpha() or after.isalpha():
            continue
        # A part between separators with no real digit is a letter code ("KH/D/2003/56864").
        for part in _PART.finditer(chunk):
            if not any(c.isdigit() for c in part.group()):
                continue
            for i, c in enumerate(part.group(), start=m.start() + part.start()):
                if c in OCR_DIGIT:
                    out[i] = OCR_DIGIT[c]
                    changed += 1
    return "".join(out), changed


def clean(text: str) -> str:
    """NFC, native digits to ASCII, whitespace collapsed; the base form of every value."""
    return " ".join(ascii_digits(nfc(text)).split())


# Sara am read as sara aa, its small ring lost ("จาพวกสินค้า" for "จำพวกสินค้า", seed 2058):
# one of the commonest Thai and Lao misreads, folded away like a diacritic.
_SARA_AM = {"\u0e33": "\u0e32", "\u0eb3": "\u0eb2"}


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    if ch in _SARA_AM:
        return _SARA_AM[ch]
    decomposed = unicodedata.normalize("NFD", ch.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` for tolerant matching: casefold, no diacritics, no punctuation.

    Letters, digits and single spaces remain. Returns the folded string and, for each of its
    characters, the index of the source character, so a match maps back onto ``text``.
    Combining marks are dropped in every script, and Thai and Lao sara am is sara aa, which
    makes Thai/Lao/Khmer matching looser but still unambiguous for labels; so are spaces
    between letters of those scripts, which put spaces only between phrases and which OCR
    sometimes splits inside a word.
    """
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(ascii_digits(nfc(text))):
        if ch.isspace() or unicodedata.category(ch)[0] in "PSZ":
            if out and out[-1] != " ":
                out.append(" ")
                index.append(i)
            continue
        for f in _fold_char(ch):
            if len(out) > 1 and out[-1] == " " and _unspaced(out[-2]) and _unspaced(f):
                out.pop()  # OCR's space inside a Thai, Lao or Khmer label ("เลขที่ คำ ขอ")
                index.pop()
            out.append(f)
            index.append(i)
    while out and out[-1] == " ":
        out.pop()
        index.pop()
    return "".join(out), index


def folded(text: str) -> str:
    """Return only the folded form of ``text`` (see ``fold``)."""
    return fold(text)[0]


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines into one text, undoing end-of-line hyphenation ("semi-" + "conductor")."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line[0].islower():
            out = out[:-1] + line
        else:
            out = f"{out} {line}" if out else line
    return out
