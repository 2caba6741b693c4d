"""Thai letter sequences that the spelling rules forbid, put right where one OCR slip explains them.

The Thai model reads wo waen (ว) as sara aa (า) in the loopless fonts offices print with, and
now and then doubles a vowel. Only sequences that no Thai text can hold are touched, so text
that is spelled right never changes. Words run together unspaced, so a sequence must be
forbidden across a word's end too ("ารร" is not: "บริการร้าน" is "บริการ" + "ร้าน"):
- sara aa never follows sara aa: "หาาย" is "หวาย", "สาาว" (an extra one before a ว) is "สาว";
- sara ae (แ) never closes with sara aa, only with a final consonant, most often ว:
  "แก้ามณี" is "แก้วมณี";
- one letter carries one vowel above it: "ศรีิ" is "ศรี" (the first reading is kept);
- mai tri (๊) goes only over a middle-class consonant (ก จ ฎ ฏ ด ต บ ป อ): over any other it
  is mai tho misread (the pair the Thai model confuses most after the vowels): "ฟู๊ด" is
  "ฟู้ด" (24 applicants of the stored evaluation sets).

One Lao rule of the same kind: the Lao model reads sara e (ເ) as to (ຕ), which is neither a
final nor the first of a cluster, so ຕ before another consonant (not ລ ວ ຣ, nor ອ ຍ ຢ, which
follow a consonant as vowels) is ເ: "ກາຕຟ" is "ກາເຟ". Over the Lao pages of 26 evaluation
sets, 36 such runs were ເ in print and none ຕ.
"""

from __future__ import annotations

import re
from dataclasses import replace

from processors.types import PageText, Word, compose_vowels

_CONSONANT = "[\u0e01-\u0e2e]"
_TONE = "[\u0e48-\u0e4b]"
_ABOVE_VOWEL = "[\u0e31\u0e34-\u0e37\u0e47]"  # mai han-akat, sara i, ii, ue, uee, maitaikhu
# Consonants of the low and high classes: all but ก จ ฎ ฏ ด ต บ ป อ. A cluster takes its first
# consonant's class, and the mark sits on the second ("เปร๊ยะ"): not after a middle one.
_NOT_IN_CLUSTER = "(?<![\u0e01\u0e08\u0e0e\u0e0f\u0e14\u0e15\u0e1a\u0e1b\u0e2d])"
_NOT_MIDDLE_CLASS = "[\u0e02-\u0e07\u0e09-\u0e0d\u0e10-\u0e13\u0e16-\u0e19\u0e1c-\u0e2c\u0e2e]"

_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile("\u0e32\u0e32(?=\u0e27)"), "\u0e32"),  # าาว -> าว
    (re.compile("\u0e32\u0e32"), "\u0e27\u0e32"),  # าา -> วา
    (re.compile(f"(\u0e41{_CONSONANT}{_TONE}?)\u0e32"), "\\1\u0e27"),  # แกา -> แกว
    (re.compile(f"({_ABOVE_VOWEL}){_ABOVE_VOWEL}"), "\\1"),  # ีิ -> ี
    (
        re.compile(f"{_NOT_IN_CLUSTER}({_NOT_MIDDLE_CLASS}[\u0e31\u0e34-\u0e3a\u0e47]?)\u0e4a"),
        "\\1\u0e49",
    ),  # ฟู๊ -> ฟู้
    (re.compile("\u0e95(?=[\u0e81-\u0eae])(?![\u0ea5\u0ea7\u0ea3\u0ead\u0e8d\u0ea2])"), "\u0ec0"),
)


def repair_thai_spelling(text: str) -> str:
    """``text`` with the forbidden Thai sequences above put right; other text unchanged."""
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return compose_vowels(text)  # "ເຕນ" -> "ເເນ" is "ແນ"


def _repaired_word(word: Word) -> Word | None:
    text = repair_thai_spelling(word.text)
    return replace(word, text=text) if text != word.text else None


def repair_thai_page(page: PageText) -> tuple[PageText, int]:
    """The page with the forbidden Thai sequences of its words put right, and how many words."""
    return page.with_words_replaced(_repaired_word)
