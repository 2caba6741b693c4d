"""Thai sequences no word can hold, put right where one OCR slip explains them."""

from __future__ import annotations

import pytest

from processors.thai_spelling import repair_thai_page, repair_thai_spelling
from processors.types import Line, PageText, Word


@pytest.mark.parametrize(
    ("read", "printed"),
    [
        ("เก้าอี้หาาย", "เก้าอี้หวาย"),  # wo waen read as sara aa before sara aa (seed 2046)
        ("แก้ามณี", "แก้วมณี"),  # ... closing sara ae
        ("แมา", "แมว"),
        ("นางสาาวพรทิพย์", "นางสาวพรทิพย์"),  # a doubled sara aa before wo waen
        ("ศรีิสุข", "ศรีสุข"),  # two vowels over one letter: the first reading stays
        ("ກາຕຟປາກຊ່ອງ", "ກາເຟປາກຊ່ອງ"),  # Lao sara e read as to (seeds 2071, 2074)
        ("ຄຳເຕນງ", "ຄຳແນງ"),  # ... after another sara e: sara ae
        ("เชียงใหม่ฟู๊ด", "เชียงใหม่ฟู้ด"),  # mai tri over a low consonant is mai tho (24 names)
        ("ซ๊อ", "ซ้อ"),
    ],
)
def test_forbidden_sequences_are_put_right(read: str, printed: str) -> None:
    assert repair_thai_spelling(read) == printed


@pytest.mark.parametrize(
    "word",
    [
        "หวาย",
        "กนกวรรณ",
        "บริการร้านอาหาร",
        "การรณรงค์",
        "แก้วมณี",
        "เก้าอี้",
        "นางสาว",
        "ศรีสุข",
        "สวรรค์",
        "แสดง",
        "เขา",
        "ຫວາຍ",
        "ລະບົບກັ່ນຕອງນ້ຳ",  # to before o
        "ຕວງ",
        "ຕລາດ",
        "ຕົ້ນ",
        "ก๊าซ",  # mai tri over middle-class consonants
        "โต๊ะ",
        "จ๊ะ",
        "เปร๊ยะ",  # over the second letter of a cluster whose first is middle-class
    ],
)
def test_words_spelled_right_stay(word: str) -> None:
    assert repair_thai_spelling(word) == word


def test_the_page_counts_the_words_it_changed() -> None:
    words = (Word("หาาย", 80.0, (0, 0, 40, 20)), Word("ไทย", 90.0, (50, 0, 90, 20)))
    page = PageText(0, (Line(words),), 100, 20)
    repaired, count = repair_thai_page(page)
    assert ([w.text for w in repaired.words], count) == (["หวาย", "ไทย"], 1)
    assert repaired.words[0].bbox == (0, 0, 40, 20)
    assert repair_thai_page(PageText(0, (Line(words[1:]),), 100, 20))[1] == 0
