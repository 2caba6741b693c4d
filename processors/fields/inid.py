"""WIPO INID codes: which field each code holds, per document family, and how to read them.

ST.9 (patents, utility models), ST.60 (trademarks) and ST.80 (industrial designs). A code is
read from OCR tokens such as "(21)", "[21]", "21)", "{22}", "(2l)" (look-alikes repaired);
codes that hold no field here ("(52)", "(56)") still end the field before them.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from processors.fields._text import OCR_DIGIT

# Pseudo-fields assembled into ``priority`` claims.
PRIORITY_PARTS = {
    "priority_number": "number",
    "priority_date": "date",
    "priority_country": "country",
}

ST9: dict[str, str | None] = {
    "10": "publication_number", "11": "publication_number", "12": None, "13": "kind",
    "15": None, "19": None, "21": "application_number", "22": "filing_date", "23": None,
    "24": None, "30": "priority", "31": "priority_number", "32": "priority_date",
    "33": "priority_country", "41": "publication_date", "43": "publication_date",
    "44": "publication_date", "45": "grant_date", "47": "grant_date", "51": "ipc", "52": None,
    "54": "title", "56": None, "57": "abstract", "58": None, "60": None, "62": None,
    "63": None, "64": None, "65": None, "66": None, "71": "applicants", "72": "inventors",
    "73": "applicants", "74": "agent", "75": "inventors", "76": "inventors", "81": None,
    "83": None, "84": None, "85": None, "86": None, "87": None, "88": None,
}  # fmt: skip
ST80: dict[str, str | None] = {
    **ST9,
    "11": "registration_number", "15": "registration_date", "17": None, "18": None,
    "28": None, "43": "publication_date", "45": "registration_date", "46": None,
    "51": "locarno_classes", "53": None, "55": None, "57": "abstract", "72": "inventors",
}  # fmt: skip
ST60: dict[str, str | None] = {
    "111": "registration_number", "116": None, "141": None, "151": "registration_date",
    "156": None, "171": None, "176": None, "180": None, "181": None, "186": None,
    "210": "application_number", "220": "filing_date", "230": None, "300": "priority",
    "310": "priority_number", "320": "priority_date", "330": "priority_country",
    "340": None, "350": None, "441": "publication_date", "450": "publication_date",
    "511": "nice_classes", "521": None, "526": None, "531": None, "539": None, "540": "mark",
    "541": "mark", "546": "mark", "550": None, "551": None, "554": None, "555": None,
    "556": None, "571": None, "591": "colours", "600": None, "641": None, "646": None,
    "730": "applicants", "731": "applicants", "732": "applicants", "740": "agent",
    "750": None, "770": None, "771": None, "791": None, "793": None, "800": None,
}  # fmt: skip

# ST.80 gives (45) to the publication of a registration; the offices served here print their
# grant or registration date there ("(45) Registration Date", "(45) Ngày cấp"), so it is read
# as the registration date, and (43) as the publication date.
#
# The same concept is named differently per family ("Số bằng" is a patent's number but a
# design's registration number): labels are mapped through these before use.
ALIASES: dict[str, dict[str, str]] = {
    "patent": {"registration_number": "publication_number", "registration_date": "grant_date"},
    # A trademark's "Int. Cl." or "International Classification" is its Nice classes.
    "trademark": {
        "publication_number": "registration_number",
        "grant_date": "registration_date",
        "ipc": "nice_classes",
    },
    "industrial_design": {
        "publication_number": "registration_number",
        "grant_date": "registration_date",
        "ipc": "locarno_classes",
    },
}
ALIASES["utility_model"] = ALIASES["patent"]


def code_table(document_type: str) -> dict[str, str | None]:
    """Code -> field for a document type (three-digit ST.60 codes are always known)."""
    two_digit = ST80 if document_type == "industrial_design" else ST9
    return {**two_digit, **ST60}


def field_for(name: str | None, document_type: str) -> str | None:
    """Map a label's field name onto the name used for ``document_type``."""
    if name is None:
        return None
    return ALIASES.get(document_type, {}).get(name, name)


ALL_CODES = frozenset(ST9) | frozenset(ST80) | frozenset(ST60)
_LOOK = re.escape("".join(OCR_DIGIT))
_OPEN, _CLOSE = r"[(\[{<]", r"[)\]}>]"
_BODY = rf"[0-9{_LOOK}]{{2,3}}"
_BOTH = re.compile(rf"^{_OPEN}\s?({_BODY})\s?{_CLOSE}[.:]?$")
# One character longer: the closing bracket may have been read as a digit ("[7311").
_OPEN_ONLY = re.compile(rf"^{_OPEN}([0-9{_LOOK}]{{2,4}})[.:]?$")
_CLOSE_ONLY = re.compile(rf"^({_BODY}){_CLOSE}[.:]?$")
_BARE = re.compile(r"^(\d{2,3})[.:]?$")
_GARBLED = re.compile(rf"^{_OPEN}[^\s]{{1,4}}{_CLOSE}$")


@dataclass(frozen=True, slots=True)
class CodeToken:
    """An INID code read from one token; ``bracketed`` False for a bare number."""

    code: str
    repaired: bool
    bracketed: bool


def _digits(body: str) -> tuple[str, bool]:
    code = "".join(OCR_DIGIT.get(c, c) for c in body)
    return code, code != body


def read_code(token: str) -> CodeToken | None:
    """Read an INID code from one OCR token ("(2l)" -> 21); None when it is not one."""
    token = token.strip()
    for pattern, bracketed in ((_BOTH, True), (_OPEN_ONLY, True), (_CLOSE_ONLY, True)):
        m = pattern.match(token)
        if m:
            code, repaired = _digits(m[1])
            if code.isdigit() and code in ALL_CODES:
                return CodeToken(code, repaired, bracketed)
            # "[721", "[7311": the closing bracket of "[72]", "[731]" read as a 1 (or l, |, I).
            lost_bracket = pattern is _OPEN_ONLY and len(code) >= 3 and code[-1] == "1"
            if lost_bracket and code[:-1].isdigit() and code[:-1] in ALL_CODES:
                return CodeToken(code[:-1], True, bracketed)
            return None
    m = _BARE.match(token)
    if m and m[1] in ALL_CODES:
        return CodeToken(m[1], False, False)
    return None


# Digits OCR reads one for another inside a code's brackets, either way.
_DIGIT_LOOKALIKES = {"0": "8", "1": "7", "3": "58", "5": "36", "6": "58", "7": "1", "8": "036"}
_NUMBER_IN_BRACKETS = re.compile(rf"^{_OPEN}\s?(\d{{2,3}})\s?{_CLOSE}[.:]?$")


def code_one_digit_off(
    token: str, table: dict[str, str | None], *, after: str | None, seen: Collection[str]
) -> CodeToken | None:
    """The code that a bracketed number which is no code stands for, when just one fits.

    Noise can turn one digit of a code into another: "(34)" for "(54)" on a noisy Khmer design
    (seed 2133), whose title was then lost. A fitting code holds a field in ``table``, is one
    look-alike digit away, is not yet on the page (``seen``: a front page prints each code
    once) and comes after ``after``, the last code read (front pages print them in order).
    """
    m = _NUMBER_IN_BRACKETS.match(token.strip())
    if m is None or m[1] in ALL_CODES:
        return None
    read = m[1]
    fitting = {
        code
        for i, digit in enumerate(read)
        for other in _DIGIT_LOOKALIKES.get(digit, "")
        if table.get(code := read[:i] + other + read[i + 1 :]) is not None
        and code not in seen
        and (after is None or len(after) != len(code) or int(code) > int(after))
    }
    return CodeToken(fitting.pop(), True, True) if len(fitting) == 1 else None


def is_code_like(token: str) -> bool:
    """True for a bracketed token that may be a misread code ("[ST]", "(*)")."""
    return bool(_GARBLED.match(token.strip())) and len(token.strip()) <= 6
