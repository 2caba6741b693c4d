"""Write the Khmer word list of ``processors/data/words/km.txt`` from Tesseract's Khmer model.

Debian has no Khmer Hunspell dictionary. Tesseract's ``khm.traineddata`` (the
``tesseract-ocr-khm`` package, Apache-2.0) carries the word list its recognizer was built with,
as a DAWG; ``combine_tessdata`` unpacks it and ``dawg2wordlist`` writes it out. Only words made
of Khmer letters are kept, in NFC, sorted. Run again after a model upgrade:

    .venv/bin/python scripts/khmer_word_list.py [/usr/share/tesseract-ocr/5/tessdata]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

TESSDATA = Path("/usr/share/tesseract-ocr/5/tessdata")
TARGET = Path(__file__).resolve().parent.parent / "processors" / "data" / "words" / "km.txt"


def _khmer_word(word: str) -> bool:
    return bool(word) and all("\u1780" <= char <= "\u17ff" for char in word)


def model_words(tessdata: Path, language: str) -> set[str]:
    """The words of ``<language>.traineddata``'s word DAWG, in NFC (unpacked in a temp folder)."""
    with tempfile.TemporaryDirectory() as folder:
        prefix = Path(folder) / f"{language}."
        subprocess.run(
            ["combine_tessdata", "-u", str(tessdata / f"{language}.traineddata"), str(prefix)],
            check=True,
            capture_output=True,
        )
        listing = Path(folder) / "words.txt"
        subprocess.run(
            [
                "dawg2wordlist",
                f"{prefix}lstm-unicharset",
                f"{prefix}lstm-word-dawg",
                str(listing),
            ],
            check=True,
            capture_output=True,
        )
        return {
            unicodedata.normalize("NFC", line.strip())
            for line in listing.read_text(encoding="utf-8").splitlines()
        }


def main(tessdata: Path = TESSDATA) -> int:
    """Write the Khmer words of the Khmer model's word list."""
    words = model_words(tessdata, "khm")
    kept = sorted(word for word in words if _khmer_word(word))
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text("\n".join(kept) + "\n", encoding="utf-8")
    print(f"{len(kept)} Khmer words written to {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else TESSDATA))
