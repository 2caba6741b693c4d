"""Write ``processors/data/letters/th.tsv.gz``: letter-sequence counts of Thai words in use.

The counts come from the word frequencies of the Thai National Corpus as PyThaiNLP ships them
(``pythainlp/corpus/tnc_freq.txt``, CC0-1.0): each word, spelled as OCR text is (composed
vowels: sara am one letter) and padded as ``processors.letter_model`` scores a run, adds its
1- to 5-letter sequences as many times as the corpus counts the word. Sequences seen more than
twice, and every sequence of one or two letters, are kept: about 200,000 lines, 0.85 MB gzipped.
PyThaiNLP is not a dependency of the pipeline; the file is read from its wheel:

    .venv/bin/pip download pythainlp --no-deps -d /tmp/pythainlp
    .venv/bin/python scripts/thai_letter_model.py /tmp/pythainlp/pythainlp-*.whl
"""

from __future__ import annotations

import gzip
import io
import sys
import zipfile
from collections import Counter
from pathlib import Path

from processors.letter_model import ORDER, padded
from processors.types import compose_vowels, script_country

FREQUENCIES = "pythainlp/corpus/tnc_freq.txt"
KEEP_ABOVE = 2  # occurrences: rarer sequences of three or more letters are dropped
TARGET = Path(__file__).resolve().parent.parent / "processors" / "data" / "letters" / "th.tsv.gz"


def _thai(word: str) -> bool:
    return bool(word) and all(script_country(char) == "TH" for char in word)


def main(wheel: Path) -> int:
    """Count the letter sequences of the corpus's Thai words, each as often as it is used."""
    counts: Counter[str] = Counter()
    with zipfile.ZipFile(wheel) as archive, archive.open(FREQUENCIES) as raw:
        for line in io.TextIOWrapper(raw, encoding="utf-8"):
            word, _, frequency = line.rstrip("\r\n").partition("\t")
            word = compose_vowels(word)
            if not _thai(word) or not frequency.isdigit():
                continue
            text = padded(word)
            for end in range(ORDER - 1, len(text)):
                for length in range(1, ORDER + 1):
                    counts[text[end - length + 1 : end + 1]] += int(frequency)
    kept = sorted(s for s, n in counts.items() if n > KEEP_ABOVE or len(s) <= 2)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same counts give the same bytes, so a rebuild shows no change in git.
    with gzip.GzipFile(TARGET, "wb", mtime=0) as out:
        out.write("".join(f"{s}\t{counts[s]}\n" for s in kept).encode("utf-8"))
    print(f"{len(kept)} Thai letter sequences written to {TARGET}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(Path(sys.argv[1])))
