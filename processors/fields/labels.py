"""Field labels in the region's languages, loaded from JSON, and tolerant label matching.

The tables live in ``processors/data/labels/<language>.json``: ``fields`` (field name ->
labels), ``stop`` (headings that end a field but hold none, e.g. "Primary Examiner") and
``document_types`` (type -> keywords). An office extends them by passing more tables of the
same shape to ``load_label_tables``. Matching folds case, diacritics and punctuation and
allows a few OCR errors in long labels.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from processors.fields._text import fold, folded

FIELD_NAMES = frozenset(
    {
        "publication_number",
        "kind",
        "application_number",
        "filing_date",
        "publication_date",
        "grant_date",
        "registration_number",
        "registration_date",
        "priority",
        "ipc",
        "locarno_classes",
        "title",
        "abstract",
        "applicants",
        "inventors",
        "agent",
        "mark",
        "nice_classes",
        "goods_services",
        "colours",
    }
)
DOCUMENT_TYPES = ("patent", "utility_model", "trademark", "industrial_design")
LANGUAGES = ("en", "vi", "th", "km", "lo", "fil")


@dataclass(frozen=True, slots=True)
class Label:
    """One folded label; ``field`` is None for a stop heading."""

    field: str | None
    text: str
    language: str


@dataclass(frozen=True, slots=True)
class LabelMatch:
    """A label found at the start of a text: which field, and where the label ends."""

    field: str | None
    end: int
    distance: int
    label: Label


@dataclass(frozen=True, slots=True)
class LabelTables:
    """All labels, indexed by their first and second folded characters for fast matching."""

    labels: tuple[Label, ...]
    keywords: Mapping[str, tuple[str, ...]]
    index: Mapping[str, tuple[Label, ...]]
    second_index: Mapping[str, tuple[Label, ...]] = field(default_factory=dict)
    long_labels: tuple[Label, ...] = ()  # those allowed the most edits (``LONG_LABEL``)

    def by_first(self, char: str) -> tuple[Label, ...]:
        """Labels whose folded text starts with ``char``."""
        return self.index.get(char, ())

    def candidates(self, text: str) -> tuple[Label, ...]:
        """Labels ``text`` may start with, for the edit distance to decide.

        Those starting with its first character, and the ones long enough to allow an edit
        whose first character OCR misread, lost or doubled ("จันยื่นคำขอ" for "วันยื่นคำขอ").
        """
        first = self.by_first(text[:1])
        if len(text) < 2:
            return first
        others = (
            self.second_index.get(text[1], ())  # first character misread
            + self.second_index.get(text[0], ())  # first character lost
            + self.by_first(text[1])  # a character too many in front
        )
        editable = (label for label in others if _budget(len(label.text)) > 0)
        # A long label may have its first letter misread and its second lost at once
        # ("ฑู ญลักษณ์จำแนก…" for "สัญลักษณ์จำแนก…", seed 2060). Cut in one piece more than
        # the edits it may have, one piece is intact: only a label with a piece in the
        # text's start is worth the edit distance.
        long = (label for label in self.long_labels if _a_piece_in(label.text, text))
        return tuple(dict.fromkeys((*first, *editable, *long)))


def _a_piece_in(label: str, text: str) -> bool:
    """Whether one of ``label``'s ``budget + 1`` equal pieces occurs in ``text``'s start."""
    budget = _budget(len(label))
    window = text[: len(label) + budget]
    size = len(label) // (budget + 1)
    return any(label[i * size : (i + 1) * size] in window for i in range(budget + 1))


def _index(labels: Iterable[Label], position: int = 0) -> dict[str, tuple[Label, ...]]:
    out: dict[str, list[Label]] = {}
    for label in labels:
        if len(label.text) > position:
            out.setdefault(label.text[position], []).append(label)
    return {k: tuple(v) for k, v in out.items()}


def _read_table(table: Mapping[str, Any]) -> tuple[list[Label], dict[str, list[str]]]:
    language = str(table.get("language", "?"))
    labels: list[Label] = []
    for name, texts in dict(table.get("fields", {})).items():
        if name not in FIELD_NAMES:
            raise ValueError(f"label table {language!r}: unknown field {name!r}")
        labels += [Label(name, folded(t), language) for t in texts if folded(t)]
    labels += [Label(None, folded(t), language) for t in table.get("stop", []) if folded(t)]
    keywords: dict[str, list[str]] = {}
    for kind, words in dict(table.get("document_types", {})).items():
        if kind not in DOCUMENT_TYPES:
            raise ValueError(f"label table {language!r}: unknown document type {kind!r}")
        keywords.setdefault(kind, []).extend(folded(w) for w in words if folded(w))
    return labels, keywords


def load_label_tables(
    extra: Iterable[Mapping[str, Any]] = (), *, include_defaults: bool = True
) -> LabelTables:
    """Build label tables from the packaged files plus ``extra`` tables of the same shape."""
    tables: list[Mapping[str, Any]] = list(_packaged()) if include_defaults else []
    tables += list(extra)
    labels: list[Label] = []
    keywords: dict[str, list[str]] = {}
    for table in tables:
        more, words = _read_table(table)
        labels += more
        for kind, ws in words.items():
            keywords.setdefault(kind, []).extend(ws)
    unique = tuple(dict.fromkeys(labels))
    words = {k: tuple(dict.fromkeys(v)) for k, v in keywords.items()}
    long_labels = tuple(label for label in unique if len(label.text) > LONG_LABEL)
    return LabelTables(unique, words, _index(unique), _index(unique, position=1), long_labels)


@lru_cache(maxsize=1)
def _packaged() -> tuple[Mapping[str, Any], ...]:
    folder = resources.files("processors").joinpath("data").joinpath("labels")
    return tuple(
        json.loads(folder.joinpath(f"{lang}.json").read_text(encoding="utf-8"))
        for lang in LANGUAGES
    )


@lru_cache(maxsize=1)
def default_label_tables() -> LabelTables:
    """The packaged tables (en, vi, th, km, lo, fil), read once."""
    return load_label_tables()


_LONGEST = 96  # characters of a row worth folding: no label is longer


# Labels longer than this many folded letters may be three edits off: on a 20-letter label two
# misread letters and a lost one are still far from any other words a row starts with.
LONG_LABEL = 20


def _budget(length: int) -> int:
    return 0 if length <= 4 else 1 if length <= 10 else 2 if length <= LONG_LABEL else 3


def prefix_matches(label: str, text: str, budget: int) -> list[tuple[int, int]]:
    """Prefixes of ``text`` within ``budget`` edits of ``label`` as ``(distance, end)``.

    A banded edit distance: only cells within ``budget`` of the diagonal can stay in budget.
    """
    if budget == 0:
        return [(0, len(label))] if text.startswith(label) else []
    text = text[: len(label) + budget]
    width, over = len(text), budget + 1
    previous = [j if j <= budget else over for j in range(width + 1)]
    for i, lc in enumerate(label, start=1):
        lo, hi = max(0, i - budget), min(width, i + budget)
        if lo > hi:
            return []  # the text ends before the label could
        current = [over] * (width + 1)
        if lo == 0:
            current[0] = min(i, over)
        for j in range(max(1, lo), hi + 1):
            cost = previous[j - 1] + (lc != text[j - 1])
            current[j] = min(previous[j] + 1, current[j - 1] + 1, cost, over)
        if min(current[lo : hi + 1]) > budget:
            return []
        previous = current
    ends = [(d, j) for j, d in enumerate(previous) if d <= budget and j > 0]
    return sorted(ends, key=lambda e: (e[0], abs(e[1] - len(label))))


def _bounded_end(
    label: str, text: str, breaks_after: Callable[[int], bool] | None = None
) -> tuple[int, int] | None:
    """Best prefix match of ``label``; a Latin label must end at a word boundary.

    Of the closest matches, one after which the row breaks (``breaks_after(end)``: a space,
    punctuation or its end in the text as read) wins: "ผู้ประดิษฐย์:" (a letter read too many)
    is one edit from "ผู้ประดิษฐ์" both whole and cut before its last letters, and the cut one
    would leave "ย์:" in the value.
    """
    matches = [
        (distance, end)
        for distance, end in prefix_matches(label, text, _budget(len(label)))
        # "Class" must not match the start of "Classes".
        if not (
            text[end : end + 1].isalnum() and text[end : end + 1].isascii() and label[-1].isascii()
        )
    ]
    if not matches:
        return None
    if breaks_after is not None:
        nearest = matches[0][0]
        for distance, end in matches:
            if distance == nearest and breaks_after(end):
                return distance, end
    return matches[0]


def match_label(text: str, tables: LabelTables) -> LabelMatch | None:
    """Return the label that ``text`` starts with (longest, fewest errors), or None.

    ``end`` is an offset into ``text`` just after the label's last character.
    """
    folded_text, index = fold(text[:_LONGEST])
    if not folded_text:
        return None

    def breaks_after(end: int) -> bool:
        """Whether the row breaks after the folded text's ``end``, as ``fold`` breaks it.

        A mark after it is no break: it belongs to the letter before (the "์" of "ษฐย์").
        """
        after = text[index[end - 1] + 1 : index[end - 1] + 2]
        return not after or after.isspace() or unicodedata.category(after)[0] in "PSZ"

    best: tuple[int, LabelMatch] | None = None
    for label in tables.candidates(folded_text):
        found = _bounded_end(label.text, folded_text, breaks_after)
        if found is None:
            continue
        distance, end = found
        score = len(label.text) - 3 * distance
        if best is None or score > best[0]:
            best = (score, LabelMatch(label.field, index[end - 1] + 1, distance, label))
    return best[1] if best else _before_the_colon(text, tables)


# The last characters of a long label that must be read right to find it by its end, and how
# many more characters than the label's lost head its garbled head may take.
_TAIL = 16
_GARBLED_HEAD_EXTRA = 8


def _before_the_colon(text: str, tables: LabelTables) -> LabelMatch | None:
    """A label misread beyond its edit budget, found from the row's colon that ends it."""
    colon = text.find(":", 0, _LONGEST)
    if colon < 0:
        return None
    head = folded(text[:colon])
    return _by_its_tail(head, colon, tables) or _by_its_colon(head, colon, tables)


def _by_its_tail(head: str, colon: int, tables: LabelTables) -> LabelMatch | None:
    """A long label whose head OCR garbled, found by its intact end before the row's colon.

    "De 5 ๐ De กษณ์จำแนกการประดิษฐ์ระหว่างประเทศ: COSF 9/04" (seed 2092) is "(51)
    สัญลักษณ์จำแนกการประดิษฐ์ระหว่างประเทศ:" with its code and first letters read as debris.
    The debris may be no longer than what it stands for and a little more; the match counts
    as the label's full edit budget off. Labels of two fields that end alike find nothing.
    ``head`` is the row before its colon, folded.
    """
    found = [
        label
        for label in tables.long_labels
        if head.endswith(label.text[-_TAIL:])
        and len(head) - _TAIL <= len(label.text) - _TAIL + _GARBLED_HEAD_EXTRA
    ]
    if not found or len({label.field for label in found}) > 1:
        return None  # none, or labels of two fields ending alike ("... kiểu dáng công nghiệp")
    label = max(found, key=lambda candidate: len(candidate.text))
    return LabelMatch(label.field, colon, _budget(len(label.text)), label)


# Languages whose labels may be found one edit further off when a colon ends them: unspaced
# scripts, whose long labels the OCR misreads a letter or two at a time; and the shortest such
# label (folded letters) that may.
_COLON_LANGUAGES = frozenset({"th", "lo", "km"})
_COLON_SHORTEST = 8


def _by_its_colon(head: str, colon: int, tables: LabelTables) -> LabelMatch | None:
    """A Thai, Lao or Khmer label with one misread more than it may have, ended by the colon.

    "ผู้ประดิพธ์: วิชัย" (seed 2127) is "ผู้ประดิษฐ์:" with two letters misread, one more than a
    label of 9 folded letters may have anywhere in a row; followed by the row's colon and
    nothing else before it, it is still the label. Labels of two fields as close find nothing.
    ``head`` is the row before its colon, folded.
    """
    found: list[tuple[int, Label]] = []
    for label in tables.labels:
        if label.language not in _COLON_LANGUAGES or len(label.text) < _COLON_SHORTEST:
            continue
        budget = _budget(len(label.text)) + 1
        if abs(len(head) - len(label.text)) > budget:
            continue
        whole = [d for d, end in prefix_matches(label.text, head, budget) if end == len(head)]
        if whole:
            found.append((min(whole), label))
    if not found:
        return None
    nearest = min(distance for distance, _ in found)
    labels = [label for distance, label in found if distance == nearest]
    if len({label.field for label in labels}) > 1:
        return None
    return LabelMatch(labels[0].field, colon, nearest, labels[0])
