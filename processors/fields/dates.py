"""Dates as printed on IP documents in the region, to ISO 8601.

Day-first numerals ("30/04/2018", "30.04.2018"), ISO, English month names ("Apr. 30, 2018",
"30 April 2018"), Vietnamese ("ngày 30 tháng 04 năm 2018"), Thai, Lao, Khmer and Filipino
month names, Buddhist-era years (2561 -> 2018) and native digits. An impossible date is never
turned into a possible one: it is skipped, and None comes back when nothing valid is left.
"""

from __future__ import annotations

import datetime as dt
import re

from processors.fields._text import Parsed, ascii_digits, nfc, repair_digits

# Month names per month: English, Filipino, Thai (full and abbreviated, dots dropped before
# lookup), Khmer, Lao. Extend a line to teach the parser another spelling.
_MONTH_NAMES = {
    1: "january jan enero ene มกราคม มค មករា ມັງກອນ",
    2: "february feb febr pebrero peb กุมภาพันธ์ กพ កុម្ភៈ កុម្ភះ ກຸມພາ",
    3: "march mar marso มีนาคม มีค មីនា ມີນາ",
    4: "april apr abril abr เมษายน เมย មេសា ເມສາ",
    5: "may mayo พฤษภาคม พค ឧសភា ພຶດສະພາ",
    6: "june jun hunyo มิถุนายน มิย មិថុនា ມິຖຸນາ",
    7: "july jul hulyo กรกฎาคม กค កក្កដា ກໍລະກົດ",
    8: "august aug agosto ago สิงหาคม สค សីហា ສິງຫາ",
    9: "september sep sept setyembre set กันยายน กย កញ្ញា ກັນຍາ",
    10: "october oct oktubre okt ตุลาคม ตค តុលា ຕຸລາ",
    11: "november nov nobyembre พฤศจิกายน พย វិច្ឆិកា ພະຈິກ",
    12: "december dec disyembre dis ธันวาคม ธค ធ្នូ ທັນວາ",
}
# How much a date whose month name was read one letter off is trusted ("fan." for Jan.).
_MISREAD_MONTH_FIT = 0.8
_MONTHS = {nfc(name): number for number, names in _MONTH_NAMES.items() for name in names.split()}

# A month word in any script: starts with a letter, then anything but space, digit or comma
# (Thai/Lao/Khmer vowel signs are marks, not letters, so \w would stop at them).
_WORD = r"[^\W\d_][^\s\d,]*?"
_SEP = r"\s*[/.\-]\s*"
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # ISO and year-first numerals: 2018-04-30, 2018.04.30
    (
        re.compile(rf"(?<!\d)(?P<y>\d{{4}}){_SEP}(?P<m>\d{{1,2}}){_SEP}(?P<d>\d{{1,2}})(?!\d)"),
        "ymd",
    ),
    # Vietnamese: ngày 30 tháng 04 năm 2018
    (
        re.compile(
            r"(?:ngày\s*)?(?P<d>\d{1,2})\s*tháng\s*(?P<m>\d{1,2})\s*(?:,\s*)?năm\s*(?P<y>\d{4})",
            re.IGNORECASE,
        ),
        "vi",
    ),
    # day-first numerals: 30/04/2018, 30.04.2018, 30-04-18
    (
        re.compile(
            rf"(?<![\d/.])(?P<d>\d{{1,2}}){_SEP}(?P<m>\d{{1,2}}){_SEP}(?P<y>\d{{4}}|\d{{2}})(?![\d/])"
        ),
        "dmy",
    ),
    # Month name first: April 30, 2018 / Apr. 30 2018 / Jul. 22,2003
    (
        re.compile(
            rf"(?P<mn>{_WORD})\.?\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*[,.]?\s*(?P<y>\d{{4}})(?!\d)"
        ),
        "mdy_name",
    ),
    # Day first with month name: 30 April 2018 / 30 เมษายน พ.ศ. 2561 / 30 ខែ មេសា ឆ្នាំ 2018
    (
        re.compile(
            rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:ខែ|ເດືອນ|เดือน|de|ng)?\s*(?P<mn>{_WORD})\.?\s*,?\s*"
            r"(?:พ\.?\s*ศ\.?|ព\.?\s*ស\.?|ພ\.?\s*ສ\.?|ឆ្នាំ|ປີ|ค\.?\s*ศ\.?)?\s*(?P<y>\d{4})(?!\d)"
        ),
        "dmy_name",
    ),
)


def _year(y: int, digits: int) -> tuple[int, str | None]:
    if digits == 2:  # two-digit years: a guess, reported as such
        return (2000 + y if y < 50 else 1900 + y), "two_digit_year"
    if 2400 <= y <= 2700:  # Buddhist era as used in Thailand and Lao PDR
        return y - 543, "buddhist_era"
    return y, None


def _month(name: str) -> int | None:
    key = nfc(name).casefold().replace(".", "").strip()
    if key in _MONTHS:
        return _MONTHS[key]
    # Short or OCR-trimmed Latin names ("Sept", "Augu"): no two months share 3 first letters.
    if key.isascii() and 3 <= len(key) <= 5:
        for name, number in _MONTHS.items():
            if name.isascii() and name.startswith(key[:3]):
                return number
    return None


def _month_one_letter_off(name: str, *, abbreviated: bool) -> int | None:
    """The one month whose Latin name ``name`` spells with one letter misread ("fan." for Jan.).

    A whole name of four letters or more against names as long ("Jnne"); three letters only
    where a full stop follows (``abbreviated``), as printed abbreviations have it: "Day 5" and
    "Act 5" are no months. None where two months are one letter off ("jui." for jun, jul).
    """
    key = nfc(name).casefold().strip()
    if (
        not key.isascii()
        or not key.isalpha()
        or len(key) < 3
        or (len(key) == 3 and not abbreviated)
    ):
        return None
    near = {
        number
        for month, number in _MONTHS.items()
        if month.isascii()
        and len(month) == len(key)
        and sum(a != b for a, b in zip(month, key, strict=True)) == 1
    }
    return near.pop() if len(near) == 1 else None


def _build(y: int, m: int, d: int) -> str | None:
    if not 1000 <= y <= 2999:
        return None
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


# Last resort: a day-first date whose one slash OCR read as a "1" or "7" ("21708/2564").
_SLASH_READ_AS_DIGIT = (
    re.compile(r"(?<![\d/.])(?P<d>\d{2})[17](?P<m>\d{2})/(?P<y>\d{4})(?!\d)"),
    re.compile(r"(?<![\d/.])(?P<d>\d{2})/(?P<m>\d{2})[17](?P<y>\d{4})(?!\d)"),
)


def parse_date(text: str, *, min_year: int = 1800, max_year: int = 2200) -> Parsed | None:
    """Find the first valid date in ``text`` and return it as ISO 8601, or None.

    ``fit`` is 1.0 for a clean four-digit date, lower when digits were repaired from OCR
    look-alikes, the month's name was read one letter off, the year had two digits, or only
    month-first reading was possible.
    """
    if not text:
        return None
    base = ascii_digits(nfc(text))
    repaired, changes = repair_digits(base)
    best: tuple[int, Parsed] | None = None
    for pattern, kind in _PATTERNS:
        for m in pattern.finditer(repaired):
            found = _from_match(m, kind, min_year=min_year, max_year=max_year)
            if found is None:
                continue
            start = m.start()
            was_repaired = (
                changes > 0 and repaired[m.start() : m.end()] != base[m.start() : m.end()]
            )
            fit = found.fit * (0.8 if was_repaired else 1.0)
            candidate = Parsed(
                found.value, fit, ((m.start(), m.end()),), found.method,
                was_repaired or found.repaired,
            )  # fmt: skip
            if best is None or start < best[0]:
                best = (start, candidate)
            break  # first valid match of this pattern; earlier patterns compete by position
    if best is None:
        return _date_with_lost_slash(repaired, min_year=min_year, max_year=max_year)
    return best[1]


def _date_with_lost_slash(text: str, *, min_year: int, max_year: int) -> Parsed | None:
    """A day-first date with one slash read as a digit, trusted less (it may go to review)."""
    for pattern in _SLASH_READ_AS_DIGIT:
        m = pattern.search(text)
        if m is None:
            continue
        found = _from_match(m, "dmy", min_year=min_year, max_year=max_year)
        if found is not None and found.method != "mm/dd/yyyy":  # no guess upon a guess
            return Parsed(found.value, 0.6, ((m.start(), m.end()),), found.method, True)
    return None


def _from_match(m: re.Match[str], kind: str, *, min_year: int, max_year: int) -> Parsed | None:
    groups = m.groupdict()
    misread_month = False
    if groups.get("mn"):
        month = _month(groups["mn"])
        if month is None:
            abbreviated = m.string[m.end("mn") : m.end("mn") + 1] == "."
            month = _month_one_letter_off(groups["mn"], abbreviated=abbreviated)
            misread_month = True
        if month is None:
            return None
    else:
        month = int(groups["m"])
    day, year_text = int(groups["d"]), groups["y"]
    year, method = _year(int(year_text), len(year_text))
    fit = 0.6 if method == "two_digit_year" else 1.0
    if not min_year <= year <= max_year:
        return None
    iso = _build(year, month, day)
    if iso is None and kind == "dmy" and day <= 12 < month:
        # Only a month-first reading is possible (US "04/30/2018"): take it, trust it less.
        iso, method, fit = _build(year, day, month), "mm/dd/yyyy", 0.7
    if iso is None:
        return None
    if method is None and kind == "dmy":
        method = "dd/mm/yyyy"
    if misread_month:
        return Parsed(iso, fit * _MISREAD_MONTH_FIT, method=method, repaired=True)
    return Parsed(iso, fit, method=method)


def normalize_date(text: str) -> str | None:
    """Return the first valid date in ``text`` as "YYYY-MM-DD", or None."""
    parsed = parse_date(text)
    return parsed.value if parsed else None


def find_dates(text: str) -> list[Parsed]:
    """Return every valid date in ``text`` in reading order, none overlapping another."""
    out: list[Parsed] = []
    offset = 0
    while offset < len(text):
        found = parse_date(text[offset:])
        if found is None:
            break
        start, end = found.spans[0]
        out.append(
            Parsed(
                found.value,
                found.fit,
                ((start + offset, end + offset),),
                found.method,
                found.repaired,
            )
        )
        offset += end
    return out
