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

import io
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

from letter_counts import LETTERS, count_sequences, write_counts

from processors.types import compose_vowels, script_country

FREQUENCIES = "pythainlp/corpus/tnc_freq.txt"
TARGET = LETTERS / "th.tsv.gz"


def _thai(word: str) -> bool:
    return bool(word) and all(script_country(char) == "TH" for char in word)


def _words(wheel: Path) -> Iterator[tuple[str, int]]:
    """The corpus's Thai words with how often it uses each."""
    with zipfile.ZipFile(wheel) as archive, archive.open(FREQUENCIES) as raw:
        for line in io.TextIOWrapper(raw, encoding="utf-8"):
            word, _, frequency = line.rstrip("\r\n").partition("\t")
            word = compose_vowels(word)
            if _thai(word) and frequency.isdigit():
                yield word, int(frequency)


def main(wheel: Path) -> int:
    """Count the letter sequences of the corpus's Thai words, each as often as it is used."""
    kept = write_counts(count_sequences(_words(wheel)), TARGET)
    print(f"{kept} Thai letter sequences written to {TARGET}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(Path(sys.argv[1])))
