"""Document type (patent, utility model, trademark, industrial design, other) from evidence.

Evidence adds up per type: three-digit ST.60 codes point to a trademark, (51) followed by an
IPC symbol to a patent and by a Locarno class to a design, (57)/(72)/(75) to a patent, and
keywords in any of the label tables' languages to their type. The confidence is the winner's
share of the evidence, damped when there is little evidence at all.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from processors.fields._text import folded, nfc
from processors.fields.classes import parse_ipc, parse_locarno
from processors.fields.inid import ST60, read_code
from processors.fields.labels import LabelTables, default_label_tables, match_label
from processors.types import PageText

_CODE_WEIGHTS: dict[str, dict[str, float]] = {
    "patent": {"57": 1.0, "72": 0.5, "75": 1.0, "76": 1.0, "43": 0.5, "86": 1.0, "87": 1.0},
    "industrial_design": {"15": 1.0, "28": 1.0, "55": 1.0},
}
_SHARED = {"21", "22", "54", "71", "73", "74", "11", "30", "45"}  # patents and designs alike
# Labels printed without codes are evidence too: some fields exist for one family only.
_LABEL_WEIGHTS: dict[str, dict[str, float]] = {
    "ipc": {"patent": 1.5},
    "abstract": {"patent": 0.7},
    "inventors": {"patent": 0.7},
    "title": {"patent": 0.3, "industrial_design": 0.2},
    "application_number": {"patent": 0.3, "trademark": 0.2, "industrial_design": 0.2},
    "filing_date": {"patent": 0.3, "trademark": 0.2, "industrial_design": 0.2},
    "mark": {"trademark": 1.5},
    "nice_classes": {"trademark": 1.5},
    "goods_services": {"trademark": 1.5},
    "colours": {"trademark": 1.0},
    "locarno_classes": {"industrial_design": 2.0},
}
_CODE_TOKEN = re.compile(r"[(\[{][0-9OolIiSsBZz|]{2,3}[)\]}]")
_CODE_PREFIX = re.compile(r"^\s*(?:[(\[{]?[0-9OolIiSsBZz|]{2,3}[)\]}]?|[(\[{]\S{1,4}[)\]}])\s+")
_BARE_START = re.compile(r"^\s*(\d{2,3})[.:]?\s+(?=[^\W\d_])")
_LOCARNO_HINT = re.compile(r"\b(?:LOC\s*\(\s*\d{1,2}\s*\)|Locarno)", re.IGNORECASE)


def _codes(lines: Sequence[str]) -> list[tuple[str, str]]:
    """(code, text after it up to the next code) for every bracketed code on the lines.

    A bare code ("21 Application number") counts only at the start of a line.
    """
    out: list[tuple[str, str]] = []
    for line in lines:
        bare = _BARE_START.match(line)
        if bare:
            out.append((bare[1], line[bare.end() :]))
        marks = list(_CODE_TOKEN.finditer(line))
        for i, m in enumerate(marks):
            code = read_code(m.group())
            if code is None:
                continue
            end = marks[i + 1].start() if i + 1 < len(marks) else len(line)
            out.append((code.code, line[m.end() : end]))
    return out


def _keyword_hits(text: str, tables: LabelTables) -> dict[str, int]:
    """Count keyword hits per type, longest keywords first, never two on the same text."""
    taken = [False] * len(text)
    hits: dict[str, int] = {}
    words = sorted(
        ((kw, kind) for kind, kws in tables.keywords.items() for kw in kws),
        key=lambda item: -len(item[0]),
    )
    for keyword, kind in words:
        latin = keyword.isascii()
        pattern = rf"(?<![a-z0-9]){re.escape(keyword)}(?![a-z0-9])" if latin else re.escape(keyword)
        for m in re.finditer(pattern, text):
            if any(taken[m.start() : m.end()]):
                continue
            taken[m.start() : m.end()] = [True] * (m.end() - m.start())
            hits[kind] = hits.get(kind, 0) + 1
    return hits


def classify_document(
    pages: Sequence[PageText],
    *,
    label_tables: LabelTables | None = None,
    max_pages: int = 3,
) -> tuple[str, float]:
    """Return (document type, confidence 0..1) for the first ``max_pages`` pages."""
    tables = label_tables or default_label_tables()
    lines = [nfc(line.text) for page in pages[:max_pages] for line in page.lines]
    scores = {"patent": 0.0, "utility_model": 0.0, "trademark": 0.0, "industrial_design": 0.0}
    seen: set[str] = set()
    locarno = False
    for code, after in _codes(lines):
        if code in seen:
            continue
        seen.add(code)
        if (
            code not in ST60
            and code not in _SHARED
            and not any(code in w for w in _CODE_WEIGHTS.values())
            and code != "51"
        ):
            continue
        if code in ST60 and len(code) == 3:
            scores["trademark"] += 1.5 if ST60[code] else 0.5
        elif code == "51":
            if parse_ipc(after):
                scores["patent"] += 3.0
            elif parse_locarno(after):
                scores["industrial_design"] += 3.0
                locarno = True
        elif code in _SHARED:
            scores["patent"] += 0.4
            scores["industrial_design"] += 0.3
        for kind, weights in _CODE_WEIGHTS.items():
            scores[kind] += weights.get(code, 0.0)
    labelled: set[str] = set()
    for line in lines:
        found = match_label(_CODE_PREFIX.sub("", line), tables)
        if found is not None and found.field in _LABEL_WEIGHTS and found.field not in labelled:
            labelled.add(found.field)
            for kind, weight in _LABEL_WEIGHTS[found.field].items():
                scores[kind] += weight
    text = "\n".join(lines)
    locarno = locarno or _LOCARNO_HINT.search(text) is not None
    if _LOCARNO_HINT.search(text):
        scores["industrial_design"] += 2.0
    hits = _keyword_hits(folded(text), tables)
    design_hits = hits.get("industrial_design", 0)
    if design_hits >= 2 or (locarno and design_hits):
        # A design patent ("United States Design Patent", Thai "สิทธิบัตรการออกแบบผลิตภัณฑ์")
        # says "patent" all over its front page ("Date of Patent", "เลขที่สิทธิบัตร"); with a
        # Locarno class, or design words in more than one place, those words are its.
        hits.pop("patent", None)
    for kind, count in hits.items():
        scores[kind] += 2.0 * min(count, 3)
    if scores["utility_model"] > 0:
        # A utility model front page carries patent codes too: they count for it.
        scores["utility_model"] += scores["patent"]
        scores["patent"] = 0.0
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    (best, top), (_, second) = ranked[0], ranked[1]
    strength = 1.0 - math.exp(-top / 3.0)
    if top < 1.5:
        return "other", round(1.0 - strength, 3)
    margin = (top - second) / top
    return best, round(strength * (0.5 + 0.5 * margin), 3)
