"""Text comparison for the benchmarks: whitespace normalization and character error rate."""

from __future__ import annotations

import re

import numpy as np

_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Collapse every run of whitespace (line breaks, blank lines, tabs) into one space."""
    return _SPACE.sub(" ", text).strip()


def levenshtein(a: str, b: str) -> int:
    """Edit distance between ``a`` and ``b`` (insertions, deletions, substitutions cost 1).

    One numpy pass per character of the shorter string: within a row, insertions chain, and
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
    reference, hypothesis = normalize(truth), normalize(text)
    if not reference:
        return 0.0 if not hypothesis else 1.0
    return levenshtein(reference, hypothesis) / len(reference)
