"""Accuracy measures: character error rate of text, and per-field scores against ground truth.

Pure functions used by ``digitize eval`` and the benchmarks. Field values are compared the way
a person checking a record would: numbers by their letters and digits, dates exactly, classes
as sets, names and titles without regard to spacing and letter case.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

_SPACE = re.compile(r"\s+")
_NOT_ALNUM = re.compile(r"[\W_]+", re.UNICODE)


# Khmer subscript DA and subscript TA are one glyph (coeng + ដ and coeng + ត print alike), so
# no reader of the page can tell "ផ្ដៅ" from "ផ្តៅ"; scores compare them as one.
_COENG_DA, _COENG_TA = "\u17d2\u178a", "\u17d2\u178f"


def normalize_text(text: str) -> str:
    """NFC, every run of whitespace as one space, and Khmer subscript DA as subscript TA."""
    text = unicodedata.normalize("NFC", text).replace(_COENG_DA, _COENG_TA)
    return _SPACE.sub(" ", text).strip()


def levenshtein(a: str, b: str) -> int:
    """Edit distance between ``a`` and ``b`` (insertions, deletions, substitutions cost 1).

    One numpy pass per character of the longer string: within a row, insertions chain, and
    ``min_k(cand[k] + (j - k))`` is a running minimum of ``cand - index`` shifted back.
    """
    if len(a) < len(b):
        a, b = b, a
    if not b:
        return len(a)
    codes_a = np.frombuffer(a.encode("utf-32-le"), dtype=np.uint32)
    codes_b = np.frombuffer(b.encode("utf-32-le"), dtype=np.uint32)
    index = np.arange(len(b) + 1, dtype=np.int64)
    row = index.copy()
    for i, code in enumerate(codes_a):
        cand = np.empty_like(row)
        cand[0] = i + 1
        # Substitution (or match) from the diagonal, deletion from above.
        cand[1:] = np.minimum(row[:-1] + (codes_b != code), row[1:] + 1)
        row = np.minimum.accumulate(cand - index) + index
    return int(row[-1])


def cer(truth: str, text: str) -> float:
    """Character error rate of ``text`` against ``truth``, both whitespace-normalized."""
    reference, hypothesis = normalize_text(truth), normalize_text(text)
    if not reference:
        return 0.0 if not hypothesis else 1.0
    return levenshtein(reference, hypothesis) / len(reference)


# A front page's units: its lines, and within a line each INID-coded field ("(21) ...").
_FIELD_START = re.compile(r"\s+(?=[(\[]\d{2,3}[)\]])")


def _segments(text: str) -> list[str]:
    return [
        normalize_text(part)
        for line in text.splitlines()
        for part in _FIELD_START.split(line)
        if part.strip()
    ]


def cer_unordered(truth: str, text: str) -> float:
    """Character error rate that does not charge the order of lines and coded fields.

    Tesseract may read a two-column front page across its columns ("(12) Trademark
    Registration (111) Reg. No.: 4,732,375" as one line), which costs ``cer`` 30% on a page
    whose every word is right. Here both texts are cut into lines and INID-coded fields, each
    truth segment is paired with the OCR segment nearest to it (greedily, closest pairs
    first), and unpaired segments count in full. Words out of order inside one segment, such
    as two columns of running text read across, still count.
    """
    reference, hypothesis = _segments(truth), _segments(text)
    total = sum(len(r) for r in reference)
    if not total:
        return 0.0 if not hypothesis else 1.0
    distances = [
        (levenshtein(r, h), i, j) for i, r in enumerate(reference) for j, h in enumerate(hypothesis)
    ]
    pairs = sorted((d / max(1, len(reference[i])), d, i, j) for d, i, j in distances)
    errors, used_truth, used_text = 0, set(), set()
    for _, distance, i, j in pairs:
        if i in used_truth or j in used_text or distance >= len(reference[i]):
            continue
        used_truth.add(i)
        used_text.add(j)
        errors += distance
    errors += sum(len(r) for i, r in enumerate(reference) if i not in used_truth)
    errors += sum(len(h) for j, h in enumerate(hypothesis) if j not in used_text)
    return errors / total


def _alnum(value: Any) -> str:
    if isinstance(value, Mapping):
        value = value.get("normalized") or value.get("printed") or ""
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFC", str(value))).upper()


def _loose(value: Any) -> str:
    return normalize_text(str(value)).casefold().strip(" .,;:")


NUMBER_FIELDS = frozenset({"application_number", "publication_number", "registration_number"})
SET_FIELDS = frozenset({"ipc", "nice_classes", "locarno_classes"})
LIST_FIELDS = frozenset({"applicants", "inventors"})


def field_matches(name: str, predicted: Any, truth: Any) -> bool:
    """True when ``predicted`` is the same value as ``truth`` for field ``name``."""
    if predicted is None or truth is None:
        return predicted is None and truth is None
    if name in NUMBER_FIELDS:
        return _alnum(predicted) == _alnum(truth)
    if name in SET_FIELDS:
        return set(_items(predicted)) == set(_items(truth))
    if name in LIST_FIELDS:
        return sorted(_items(predicted)) == sorted(_items(truth))
    if name == "priority":
        return sorted(map(_claim, predicted)) == sorted(map(_claim, truth))
    return _loose(predicted) == _loose(truth)


def _items(value: Any) -> list[str]:
    return [_loose(x) for x in (value if isinstance(value, list) else [value])]


def _claim(claim: Mapping[str, Any]) -> tuple[str, str, str]:
    return (str(claim.get("country")), _alnum(claim.get("number") or ""), str(claim.get("date")))


@dataclass(slots=True)
class FieldScore:
    """Counts for one field over a dataset."""

    truth: int = 0  # documents whose truth has the field
    predicted: int = 0  # documents where the pipeline gave the field
    both: int = 0  # documents where both have it, right or wrong
    correct: int = 0  # predicted and equal to the truth

    @property
    def precision(self) -> float:
        """Share of predicted values that are right."""
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Share of true values that were found and right."""
        return self.correct / self.truth if self.truth else 0.0

    @property
    def exact_match(self) -> float:
        """Right values over documents where either side has the field, each counted once.

        A wrong value is one error, whether the truth has the field or not; a missing one too.
        """
        union = self.truth + self.predicted - self.both
        return self.correct / union if union else 1.0


@dataclass(slots=True)
class FieldScores:
    """Per-field scores, accumulated document by document."""

    by_field: dict[str, FieldScore] = field(default_factory=dict)

    def add(
        self,
        predicted: Mapping[str, Any],
        truth: Mapping[str, Any],
        *,
        fields: Iterable[str] | None = None,
    ) -> None:
        """Score one document: ``predicted`` and ``truth`` map field names to values."""
        names = set(fields) if fields is not None else set(truth) | set(predicted)
        for name in names:
            score = self.by_field.setdefault(name, FieldScore())
            p, t = predicted.get(name), truth.get(name)
            score.truth += t is not None
            score.predicted += p is not None
            score.both += p is not None and t is not None
            score.correct += p is not None and t is not None and field_matches(name, p, t)

    @property
    def overall(self) -> FieldScore:
        """All fields pooled."""
        total = FieldScore()
        for score in self.by_field.values():
            total.truth += score.truth
            total.predicted += score.predicted
            total.both += score.both
            total.correct += score.correct
        return total
