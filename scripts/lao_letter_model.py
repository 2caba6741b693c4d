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

import gzip
import sys
from collections import Counter
from pathlib import Path

from khmer_word_list import TESSDATA, model_words

from processors.letter_model import ORDER, padded
from processors.types import compose_vowels, script_country

KEEP_ABOVE = 2  # occurrences: rarer sequences of three or more letters are dropped
TARGET = Path(__file__).resolve().parent.parent / "processors" / "data" / "letters" / "lo.tsv.gz"


def _lao(chunk: str) -> bool:
    return bool(chunk) and all(script_country(char) == "LA" for char in chunk)


def main(tessdata: Path = TESSDATA) -> int:
    """Count the letter sequences of the Lao model's chunks and write the common ones."""
    counts: Counter[str] = Counter()
    for chunk in map(compose_vowels, model_words(tessdata, "lao")):
        if not _lao(chunk):
            continue
        text = padded(chunk)
        for end in range(ORDER - 1, len(text)):
            for length in range(1, ORDER + 1):
                counts[text[end - length + 1 : end + 1]] += 1
    kept = sorted(s for s, n in counts.items() if n > KEEP_ABOVE or len(s) <= 2)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same counts give the same bytes, so a rebuild shows no change in git.
    with gzip.GzipFile(TARGET, "wb", mtime=0) as raw:
        raw.write("".join(f"{s}\t{counts[s]}\n" for s in kept).encode("utf-8"))
    print(f"{len(kept)} Lao letter sequences written to {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else TESSDATA))
