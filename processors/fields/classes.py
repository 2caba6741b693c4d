"""Classification symbols: IPC (patents), Locarno (designs) and Nice (trademarks).

IPC symbols come out in the canonical "G06F 17/30" form: section, two-digit class and
subclass letter, one space, main group without leading zeros, "/", subgroup. A version date
such as "(2006.01)" is dropped from the value (it stays in the field's ``raw``). Locarno
classes come out as "CC-SS" strings ("06-01"), Nice classes as sorted unique ints (1..45).
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from processors.fields._text import Parsed, ascii_digits, nfc

# OCR look-alikes per position of an IPC symbol (text is upper-cased first, so "l" is "L").
_AS_DIGIT = {
    "O": "0",
    "D": "0",
    "Q": "0",
    "I": "1",
    "L": "1",
    "|": "1",
    "S": "5",
    "B": "8",
    "Z": "2",
    "G": "6",  # only ever in a class ("GOGF": G06F in a sans-serif face)
}
# IPC subclass letters never use I or O, so a digit there was a misread letter.
_AS_LETTER = {"0": "D", "1": "L", "2": "Z", "5": "S", "6": "G", "8": "B", "4": "A"}
_D = "[0-9OIDQLSBZ|]"
# The class is two digits right after the section letter: an "A" there was a 4 ("HOAW"), a
# "G" a 6 ("GOGF").
_CLASS_D = "[0-9OIDQLSBZ|AG]"
_IPC = re.compile(
    rf"(?<![A-Z0-9])(?P<sec>[A-H])\s?(?P<cls>{_CLASS_D}\s?{_CLASS_D})\s?"
    # One character too many before the subclass letter ("CO5SF 9/04"), only if need be.
    rf"(?P<extra>[A-Z0-9])??(?P<sub>[A-Z0-9])"
    rf"\s*(?P<grp>{_D}{{1,4}})\s*/\s*(?P<subgrp>{_D}{{1,6}})(?![0-9])"
)
_VERSION = re.compile(r"\s*\(\s*\d{4}\s*[.,]\s*\d{2}\s*\)")


# Characters OCR takes for one another in a symbol's section, class and subclass: what a
# subclass that does not exist was most likely printed as. Pairs, either way round.
_LOOK_ALIKES = frozenset(
    frozenset(pair)
    for pair in (
        "EF", "FP", "CG", "BR", "HN", "MN", "MW", "KX", "KR", "PR", "UV", "VY", "TY",
        "JL", "QD", "08", "06", "09", "38", "56", "68", "89", "17", "35", "58", "23", "27",
    )
)  # fmt: skip


@cache
def ipc_subclasses() -> frozenset[str]:
    """The subclasses of the IPC scheme ("A01B" ... "H99Z"), packaged in ``data/``."""
    path = resources.files("processors").joinpath("data").joinpath("ipc_subclasses.json")
    return frozenset(json.loads(path.read_text(encoding="utf-8"))["subclasses"])


def known_subclass(read: str) -> str | None:
    """The IPC subclass ``read`` stands for, or None when that cannot be told.

    Itself when it exists, else the one existing subclass a single look-alike character away
    ("A01E" -> "A01F", "G05T" -> "G06T"); None when none, or more than one, is that close.
    """
    known = ipc_subclasses()
    if read in known:
        return read
    near = {
        read[:i] + other + read[i + 1 :]
        for i, char in enumerate(read)
        for pair in _LOOK_ALIKES
        if char in pair
        for other in pair - {char}
    } & known
    return near.pop() if len(near) == 1 else None


# A single word read where a subclass is printed: what each character may have been.
_SECTION_AS = {"8": "B", "6": "G", "4": "A", "\\": "A"}  # "\\23L": the A of A23L, blurred
_CLASS_AS = {**_AS_DIGIT, "A": "4", "E": "6"}  # "BESD": B65D in a blurred sans-serif face


def read_subclass(word: str) -> str | None:
    """The IPC subclass one OCR word stands for ("HOAW" -> "H04W", "CO5SF" -> "C05F"), or None.

    Look-alikes are read as the characters a subclass has in each place, and the result must
    be a subclass of the scheme (or one look-alike from exactly one). A five-character word
    with one character too many inside counts when dropping it leaves one subclass.
    """
    token = word.upper().rstrip(";,.")
    if len(token) == 4:
        section = _SECTION_AS.get(token[0], token[0])
        cls = "".join(_CLASS_AS.get(c, c) for c in token[1:3])
        letter = _AS_LETTER.get(token[3], token[3])
        read = f"{section}{cls}{letter}"
        if re.fullmatch(r"[A-H]\d\d[A-Z]", read) is None:
            return None
        return known_subclass(read)
    if len(token) == 5:
        # The extra character is inside: the section and the subclass letter frame the word.
        # Of several subclasses, the one read with the fewest look-alikes: "C05EF" is C05F
        # as printed, and C06F only with its E read as a 6.
        # Then the one whose extra character repeats its neighbour's look ("CO2ZF": the 2
        # read twice, as "2Z", so C02F rather than C22F; seed 2065).
        found: dict[str, tuple[int, int]] = {}
        for i in range(1, 4):
            shorter = token[:i] + token[i + 1 :]
            if (read := read_subclass(shorter)) is not None:
                changed = sum(a != b for a, b in zip(read, shorter, strict=True))
                cost = (changed, 0 if _read_twice(token, i) else 1)
                found[read] = min(cost, found.get(read, cost))
        fewest = [read for read, cost in found.items() if cost == min(found.values())]
        return fewest[0] if len(fewest) == 1 else None
    return None


def _read_twice(token: str, i: int) -> bool:
    """Whether ``token[i]`` looks like a character beside it (one character read twice)."""
    look = _AS_DIGIT.get(token[i], token[i])
    return any(
        0 <= j < len(token) and _AS_DIGIT.get(token[j], token[j]) == look for j in (i - 1, i + 1)
    )


def _digits(text: str) -> tuple[str, int]:
    out = "".join(_AS_DIGIT.get(c, c) for c in text.replace(" ", ""))
    return out, sum(1 for c in text if c in _AS_DIGIT)


def parse_ipc(text: str) -> Parsed | None:
    """Find every IPC symbol in ``text``; value is a list of canonical symbols, or None.

    ``fit`` is lower when look-alike characters had to be read as digits or letters
    ("HO11 11/14" -> "H01L 11/14").
    """
    if not text:
        return None
    base = ascii_digits(nfc(text))
    # Upper-case ASCII only, so offsets stay those of the input.
    upper = "".join(c.upper() if c.isascii() else c for c in base)
    symbols: list[str] = []
    spans: list[tuple[int, int]] = []
    repairs = 0
    for m in _IPC.finditer(upper):
        cls, r1 = _digits(m["cls"].replace("A", "4"))
        r1 += m["cls"].count("A")
        grp, r2 = _digits(m["grp"])
        subgrp, r3 = _digits(m["subgrp"])
        gap = upper[m.end("cls") : m.start("sub")]
        if m["sub"].isdigit() and gap.isspace() and m.start("grp") == m.end("sub"):
            # A digit apart from the class and glued to the group is the group's: "BSD 65/46"
            # (B65D read by the Thai half, seed 2131) is no "B50G 65/46" made "B60G 5/46".
            continue
        sec, sub = m["sec"], _AS_LETTER.get(m["sub"], m["sub"])
        if m["extra"]:
            # Only when dropping a character leaves one subclass of the scheme.
            read = read_subclass(m["sec"] + m["cls"].replace(" ", "") + m["extra"] + m["sub"])
            if read is None:
                continue
            sec, cls, sub, r1 = read[0], read[1:3], read[3], r1 + 1
        if not sub.isalpha() or sub in "IO":
            continue
        lowercase_sub = base[m.start("sub")].islower()  # "H01l": old national style, kept in raw
        repairs += r1 + r2 + r3 + (sub != m["sub"]) + lowercase_sub
        subclass = f"{sec}{cls}{sub}"
        known = known_subclass(subclass)
        # A subclass the scheme lacks was misread, or is newer than our copy: both are doubtful.
        repairs += (known != subclass) + (known is None)
        symbol = f"{known or subclass} {int(grp)}/{subgrp}"
        end = m.end()
        version = _VERSION.match(upper, end)
        if version:
            end = version.end()
        spans.append((m.start(), end))
        if symbol not in symbols:
            symbols.append(symbol)
    if not symbols:
        return None
    fit = 1.0 if repairs == 0 else max(0.5, 1.0 - 0.1 * repairs)
    return Parsed(symbols, fit, tuple(spans), repaired=repairs > 0)


def normalize_ipc(text: str) -> list[str] | None:
    """Return the canonical IPC symbols found in ``text`` ("G 06 F 17/30" -> ["G06F 17/30"])."""
    parsed = parse_ipc(text)
    return parsed.value if parsed else None


_LOCARNO = re.compile(r"(?<![\d.\-])(?P<cls>\d{1,2})\s*[-–.:]\s*(?P<sub>\d{2})(?![\d.\-])")
_LOC_EDITION = re.compile(r"\(\s*\d{1,2}\s*\)")  # "LOC (12)": the edition, not a class


def parse_locarno(text: str) -> Parsed | None:
    """Find Locarno class-subclass pairs ("Cl. 06-01" -> ["06-01"]); classes 1..32 only."""
    if not text:
        return None
    base = _LOC_EDITION.sub(lambda m: " " * len(m.group()), ascii_digits(nfc(text)))
    values: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in _LOCARNO.finditer(base):
        cls = int(m["cls"])
        if not 1 <= cls <= 32 and cls != 99:  # 99: "miscellaneous"
            continue
        value = f"{cls:02d}-{m['sub']}"
        spans.append(m.span())
        if value not in values:
            values.append(value)
    if not values:
        return None
    return Parsed(values, 1.0, tuple(spans))


def normalize_locarno(text: str) -> list[str] | None:
    """Return the Locarno classes in ``text`` as "CC-SS" strings, or None."""
    parsed = parse_locarno(text)
    return parsed.value if parsed else None


_CLASS_WORD = r"(?:class(?:es)?|cl|nhóm|klase|จำพวก(?:ที่)?|ថ្នាក់(?:ទី)?|ຈຳພວກ|ໝວດ)"
_NICE_LIST = re.compile(
    r"^\s*[(:]?\s*(?:\d{1,2}\s*(?:[,;/&]|and|và|\s)\s*)*\d{1,2}(?!\d)(?!\s*[-/.]\d)"
)
_NICE_MARKED = re.compile(
    rf"(?<![^\W\d_]){_CLASS_WORD}\s*[.:]?\s*(?:no\.?\s*)?"
    r"(?P<n>\d{1,2}(?:\s*(?:[,;&]|and|và)\s*\d{1,2}(?![\d/.\-]))*)(?![\d/.\-])",
    re.IGNORECASE,
)
_NICE_ENTRY = re.compile(r"(?:^|[;.]\s)\s*(?P<n>\d{1,2})\s*[:.)]\s+\D")
_INT = re.compile(r"\d{1,2}(?!\d)")


def parse_nice(text: str) -> Parsed | None:
    """Find Nice classes: a leading list ("09, 35, 42"), "Class 9", or entries "09: goods".

    Numbers inside the goods text ("version 2") are not taken. Value: sorted unique ints.
    """
    if not text:
        return None
    base = ascii_digits(nfc(text))
    found: dict[int, tuple[int, int]] = {}
    lead = _NICE_LIST.match(base)
    if lead:
        for m in _INT.finditer(lead.group()):
            found.setdefault(int(m.group()), (m.start(), m.end()))
    for pattern in (_NICE_MARKED, _NICE_ENTRY):
        for m in pattern.finditer(base):
            for n in _INT.finditer(m["n"]):
                start = m.start("n") + n.start()
                found.setdefault(int(n.group()), (start, start + len(n.group())))
    valid = {n: span for n, span in found.items() if 1 <= n <= 45}
    if not valid:
        return None
    fit = 1.0 if len(valid) == len(found) else 0.7
    return Parsed(sorted(valid), fit, tuple(valid[n] for n in sorted(valid)))


def normalize_nice(text: str) -> list[int] | None:
    """Return the Nice classes in ``text`` as sorted ints ("09, 35, 42" -> [9, 35, 42])."""
    parsed = parse_nice(text)
    return parsed.value if parsed else None
