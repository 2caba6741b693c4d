"""Count and write the letter sequences a ``processors.letter_model`` is read from.

Shared by the scripts that build the packaged counts (``lao_letter_model.py``,
``thai_letter_model.py``): every sequence of 1 to ``ORDER`` letters of each run, padded as the
model scores a run, and the file of those seen more than ``KEEP_ABOVE`` times (and every
sequence of one or two letters).
"""

from __future__ import annotations

import gzip
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from processors.letter_model import ORDER, padded

KEEP_ABOVE = 2  # occurrences: rarer sequences of three or more letters are dropped
LETTERS = Path(__file__).resolve().parent.parent / "processors" / "data" / "letters"


def count_sequences(runs: Iterable[tuple[str, int]]) -> Counter[str]:
    """Each letter sequence of the ``(run, times)`` pairs, counted ``times`` for each run."""
    counts: Counter[str] = Counter()
    for run, times in runs:
        text = padded(run)
        for end in range(ORDER - 1, len(text)):
            for length in range(1, ORDER + 1):
                counts[text[end - length + 1 : end + 1]] += times
    return counts


def write_counts(counts: Counter[str], target: Path) -> int:
    """Write the sequences worth keeping as ``sequence<TAB>count`` lines, gzipped; how many."""
    kept = sorted(s for s, n in counts.items() if n > KEEP_ABOVE or len(s) <= 2)
    target.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same counts give the same bytes, so a rebuild shows no change in git.
    with gzip.GzipFile(target, "wb", mtime=0) as out:
        out.write("".join(f"{s}\t{counts[s]}\n" for s in kept).encode("utf-8"))
    return len(kept)
