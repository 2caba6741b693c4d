"""Value normalizers: small pure functions from OCR text to the record's values.

Each ``parse_*`` returns a ``Parsed`` (value, pattern fit 0..1, spans in the input) or None;
each ``normalize_*`` returns only the value or None. None means "not readable here", never an
exception and never a guessed value: impossible dates are rejected, not repaired.

Numbers (application, publication and registration numbers) are dicts::

    {"printed": "09/768,773", "normalized": "09768773"}

``printed`` is the number as printed, with OCR look-alikes inside the digits repaired
("2O18" -> "2018") and label text removed; ``normalized`` keeps only upper-case letters and
digits, for matching against an office database. A kind code printed after a publication
number ("B2") is returned separately (``Parsed.extra["kind"]``) and stored as field ``kind``.
"""

from __future__ import annotations

import re
import unicodedata

from processors.fields._text import (
    Parsed,
    ascii_digits,
    clean,
    fold,
    folded,
    join_lines,
    nfc,
    repair_digits,
)
from processors.fields.classes import (
    normalize_ipc,
    normalize_locarno,
    normalize_nice,
    parse_ipc,
    parse_locarno,
    parse_nice,
)
from processors.fields.dates import find_dates, normalize_date, parse_date
from processors.fields.parties import (
    ST3_CODES,
    normalize_names,
    normalize_priority,
    parse_priority,
    split_names,
)

__all__ = [
    "ST3_CODES",
    "Parsed",
    "ascii_digits",
    "clean",
    "find_dates",
    "fold",
    "folded",
    "join_lines",
    "nfc",
    "normalize_date",
    "normalize_ipc",
    "normalize_locarno",
    "normalize_names",
    "normalize_nice",
    "normalize_number",
    "normalize_priority",
    "normalize_text",
    "parse_date",
    "parse_ipc",
    "parse_locarno",
    "parse_names_list",
    "parse_nice",
    "parse_number",
    "parse_priority",
    "parse_text",
    "repair_digits",
    "split_names",
]

# Shapes of numbers printed by the offices this project serves (and the USPTO samples).
# A number that fits one scores higher; one that fits none is still returned.
OFFICE_NUMBER_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        r"^[1-4]-\d{4}-\d{5}$",  # VN application: 1-2018-01234
        r"^\d{1,2}[-/]\d{4}[-/]\d{5,7}$",  # PH application: 1/2018/000123, 4-2018-012345
        r"^\d{10}$",  # TH application: 1801001234
        r"^KH/[A-Z]{1,2}/\d{4}/\d{3,6}$",  # KH: KH/P/2019/00001
        r"^\d{2}/\d{3},\d{3}$",  # US application: 09/768,773
        r"^\d{1,3}(,\d{3})+$",  # US patent or serial: 3,858,232 / 196,933
        r"^[A-Z]{2} ?\d{1,3}(,\d{3})+$",  # US 6,594,844
        r"^US D\d{3},\d{3}$",  # US design patent: US D483,421
        r"^([A-Z]{2})? ?\d{4}[/-]?\d{4,7}$",  # publication: 2002/0016649, VN 2018-12345
        r"^\d{3,9}$",  # plain registration numbers: 123456
    )
)
_KIND = re.compile(r"^[A-Z][0-9]?$")
# A US design patent number (kind S) starts with D, which OCR often reads as 0 or O.
_US_DESIGN_MISREAD = re.compile(r"^[0O]\d{3},\d{3}$")
_GLUED = re.compile(r"^(?P<cc>[A-Z]{2})?(?P<body>\d[\d,./\-]*\d)(?P<kind>[A-Z]\d?)?$")
_EDGE = "()[]{},.;:*"


def _digits(text: str) -> int:
    return sum(c.isdigit() for c in text)


# What follows the first digits of a number whose thousands separator became a space.
_THOUSANDS_ON = re.compile(r"\d{3}(?:[,.]\d{3})*")


def parse_number(
    text: str, *, with_kind: bool = False, max_tokens: int = 6, min_digits: int = 3
) -> Parsed | None:
    """Read the first number in ``text`` ("Appl. No.: 09/768,773" -> "09/768,773").

    Args:
        text: text holding the number, label words allowed before it.
        with_kind: also read a country prefix and a trailing kind code (publication numbers:
            "US 6,594,844 B2" -> printed "US 6,594,844 B2", extra kind "B2").
        max_tokens: the number must start within this many words (a number deep inside
            a sentence is not the field's value).
        min_digits: fewer digits than this is not an office number.
    """
    if not text:
        return None
    base = ascii_digits(nfc(text))
    tokens = [(m.start(), m.group()) for m in re.finditer(r"\S+", base)]
    for i, (start, token) in enumerate(tokens[:max_tokens]):
        stripped = token.strip(_EDGE)
        lead = token.find(stripped) if stripped else 0
        repaired, changes = repair_digits(stripped)
        following = tokens[i + 1][1] if i + 1 < len(tokens) else ""
        # "6 594", or "7 743,519": a thousands separator read as a space.
        grouped = repaired.isdigit() and _THOUSANDS_ON.fullmatch(following) is not None
        if _digits(repaired) < 2 and not grouped:
            continue
        # "KH/TM/201 7/95943" (seed 2086): the head of a split number can hold more letters
        # than digits; it counts when the rest makes it an office's number.
        lettered = _digits(repaired) * 2 < sum(c.isalnum() for c in repaired)
        if lettered and not _split_inside(repaired, following.strip(_EDGE)):
            continue
        found = _assemble(base, tokens, i, start + lead, repaired, changes, with_kind=with_kind)
        if _digits(found.value["normalized"]) >= min_digits:
            return found
    return None


def _assemble(
    base: str,
    tokens: list[tuple[int, str]],
    i: int,
    start: int,
    body: str,
    changes: int,
    *,
    with_kind: bool,
) -> Parsed:
    end = start + len(body)
    prefix = kind = ""
    as_printed = None
    glued = _GLUED.match(body)
    if with_kind and glued and (glued["cc"] in ST3_CODES or glued["kind"]):
        as_printed = body  # "US6594844B2" stays printed that way
        if glued["cc"] in ST3_CODES:
            prefix = glued["cc"]
        kind = glued["kind"] or ""
        body = glued["body"]
    # Thousands printed with spaces ("6 594 844") or a number broken after a separator.
    j = i + 1
    while j < len(tokens):
        nxt = tokens[j][1].strip(_EDGE)
        if (_THOUSANDS_ON.fullmatch(nxt) and body[-1].isdigit()) or (
            body[-1] in "-/" and nxt[:1].isdigit()
        ):
            body = f"{body} {nxt}" if body[-1].isdigit() else body + nxt
            end = tokens[j][0] + len(tokens[j][1].rstrip(_EDGE))
            j += 1
            continue
        same_line = "\n" not in base[end : tokens[j][0]]
        apart = same_line and _last_digits_apart(body, nxt, last=j == len(tokens) - 1)
        if apart or _split_inside(body, nxt):
            body += nxt
            end = tokens[j][0] + len(tokens[j][1].rstrip(_EDGE))
            changes += apart  # a guess, though a good one: the field scores lower
            j += 1
            continue
        break
    if with_kind:
        before = tokens[i - 1][1].strip(_EDGE) if i > 0 else ""
        if not prefix and before in ST3_CODES:
            prefix, start = before, tokens[i - 1][0]
        after = tokens[j][1].strip(_EDGE) if j < len(tokens) else ""
        if not kind and _KIND.match(after):
            kind, end = after, tokens[j][0] + len(after)
    if prefix == "US" and kind == "S" and _US_DESIGN_MISREAD.match(body):
        body, changes = "D" + body[1:], changes + 1  # "US 0483,421 S": the D read as a zero
    printed = as_printed or " ".join(p for p in (prefix, body, kind) if p)
    normalized = re.sub(r"[^0-9A-Z]", "", printed.upper())
    shape = f"{prefix} {body}".strip()
    fits = _fits_office(shape) or _fits_office(body)
    fit = (1.0 if fits else 0.85) * (0.8 if changes else 1.0)
    return Parsed(
        {"printed": printed, "normalized": normalized},
        fit,
        ((start, end),),
        repaired=changes > 0,
        extra={"kind": kind} if kind else {},
    )


# "7446", "7,006" of a US number ("11/91 7,006"), or "1-759397" of a Philippine one
# ("3-201 1-759397", seed 2084).
_DIGIT_RUN = re.compile(r"\d[\d,/\-]*")


def _split_inside(body: str, following: str) -> bool:
    """Whether OCR put a space inside an office's number ("KH/P/2017/1 7446", "11/91 7,006").

    So when ``body`` fits no office's shape and ``body`` + ``following`` does. Only numbers
    with separators: two plain runs of digits may be two numbers.
    """
    if _DIGIT_RUN.fullmatch(following) is None or body.isdigit():
        return False
    return not _fits_office(body) and _fits_office(body + following)


# A digit or two after a whole number, ending the field: the number's last digits parted from it
# by a false space ("KH/TM/2009/6561 1" for "KH/TM/2009/65611", seed 2098). Nothing else an
# office prints after an application number is a lone digit.
_LAST_DIGITS = re.compile(r"\d{1,2}")


def _last_digits_apart(body: str, following: str, *, last: bool) -> bool:
    """Whether ``following``, the field's last word, is ``body``'s last digits parted off.

    Only a number with separators that fits an office's shape, with those digits and without
    them (on the same line: the caller checks).
    """
    return (
        last
        and _LAST_DIGITS.fullmatch(following) is not None
        and not body.isdigit()
        and body[-1:].isdigit()
        and _fits_office(body)
        and _fits_office(body + following)
    )


def _fits_office(shape: str) -> bool:
    return any(p.match(shape) for p in OFFICE_NUMBER_PATTERNS)


def normalize_number(text: str, *, with_kind: bool = False) -> dict[str, str] | None:
    """Return ``{"printed", "normalized"}`` for the first number in ``text``, or None."""
    parsed = parse_number(text, with_kind=with_kind)
    return parsed.value if parsed else None


def _letter(ch: str) -> bool:
    # Thai, Lao and Khmer vowel signs and tone marks are marks, not letters, but are text.
    return ch.isalpha() or unicodedata.category(ch)[0] == "M"


def _has_alnum(text: str) -> bool:
    return any(c.isalnum() for c in text)


def parse_text(text: str) -> Parsed | None:
    """Clean free text (title, abstract, mark): NFC, lines joined, hyphenation undone."""
    if not text:
        return None
    # A line with no letter or digit is debris wherever it is: a code's ")" read as a line of
    # its own ran into a title ("PORTABLE DEVICE FOR ) MEASURING", seed 2082).
    lines = [line for line in (clean(ln) for ln in nfc(text).split("\n")) if _has_alnum(line)]
    value = join_lines(lines).strip(" :;,-—–|")
    # OCR debris at either end (". . “", stray brackets, quotes and rules; ") Computer
    # software" where a goods line met the bracket of its code): words without letter or digit.
    words = value.split(" ")
    while words and not _has_alnum(words[-1]):
        words.pop()
    while words and not _has_alnum(words[0]):
        words.pop(0)
    value = " ".join(words).strip(" :;,-—–|")
    if not value:
        return None
    letters = sum(_letter(c) for c in value)
    odd = sum(
        not (_letter(c) or c.isalnum() or c.isspace() or c in ".,;:'\"()-/&%+") for c in value
    )
    fit = max(0.3, min(1.0, letters / max(1, letters + 4 * odd) + 0.05))
    return Parsed(value, round(fit, 3), ((0, len(text)),))


def normalize_text(text: str) -> str | None:
    """Return cleaned free text, or None when nothing is left."""
    parsed = parse_text(text)
    return parsed.value if parsed else None


def parse_names_list(text: str) -> Parsed | None:
    """Split a list of plain items ("Red, white and blue" -> ["Red", "white", "blue"])."""
    value = normalize_text(text)
    if value is None:
        return None
    items = [p.strip(" .") for p in re.split(r"\s*(?:[,;]|\band\b|\bvà\b|&)\s*", value)]
    items = [p for p in items if p]
    return Parsed(items, 1.0, ((0, len(text)),)) if items else None
