"""Write ``processors/data/letters/lo.tsv.gz``: letter-sequence counts of Lao web text.

Tesseract's ``lao.traineddata`` (the ``tesseract-ocr-lao`` package, Apache-2.0) carries the
word list its recognizer was built with: about half a million chunks of Lao web text. This
counts every sequence of 1 to 5 letters in them, spelled as OCR text is (NFC, composed
vowels), each chunk padded with ``^`` before and ``$`` after as ``processors.letter_model``
scores a run, and keeps the sequences seen more than twice and every sequence of one or two
letters: about 390,000 lines, 1.5 MB gzipped.
Run again after a model upgrade:

    .venv/bin/python scripts/lao_letter_model.py [/usr/share/tesseract-ocr/5/tessdata]
"""

from __future__ import annotations

import sys
from pathlib import Path

from khmer_word_list import TESSDATA, model_words
from letter_counts import LETTERS, count_sequences, write_counts

from processors.types import compose_vowels, script_country

TARGET = LETTERS / "lo.tsv.gz"


def _lao(chunk: str) -> bool:
    return bool(chunk) and all(script_country(char) == "LA" for char in chunk)


def main(tessdata: Path = TESSDATA) -> int:
    """Count the letter sequences of the Lao model's chunks and write the common ones."""
    chunks = (c for c in map(compose_vowels, model_words(tessdata, "lao")) if _lao(c))
    kept = write_counts(count_sequences((chunk, 1) for chunk in chunks), TARGET)
    print(f"{kept} Lao letter sequences written to {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else TESSDATA))
