"""A title put right by its echo in the abstract (``processors.fields.echo``)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from processors.fields import extract_fields, text_to_page
from processors.fields.echo import ReadWord, title_from_echo, unspaced_title_from_echo
from processors.types import Line, PageText


def read(text: str, **confidences: float) -> list[ReadWord]:
    """Words read at 96, but those named (by their text) at the confidence given."""
    return [ReadWord(word, confidences.get(word, 96.0)) for word in text.split(" ")]


ABSTRACT_VI = "Sáng chế đề cập đến phương pháp xử lý nước thải sử dụng cảm biến không dây. Nhờ đó"
ABSTRACT_EN = "The invention relates to a biodegradable packaging film made from banana fiber."


@pytest.mark.parametrize(
    ("title", "abstract", "expected"),
    [
        # Seed 2110: three tone marks over capitals, each read surer in the body text.
        (
            read(
                "PHƯƠNG PHÁP XỬ LÝ NƯỚC THÁI SỬ DỤNG CẢM BIỂN KHÔNG DẦY", THÁI=54, BIỂN=76, DẦY=61
            ),
            ABSTRACT_VI,
            "PHƯƠNG PHÁP XỬ LÝ NƯỚC THẢI SỬ DỤNG CẢM BIẾN KHÔNG DÂY",
        ),
        # Seed 2112: a lost circumflex; as sure as the echo, which shows it.
        (
            read("PHƯƠNG PHÁP XỬ LÝ NƯỚC THẢI SỬ DỤNG CẢM BIẾN KHÔNG DAY", DAY=96),
            ABSTRACT_VI,
            "PHƯƠNG PHÁP XỬ LÝ NƯỚC THẢI SỬ DỤNG CẢM BIẾN KHÔNG DÂY",
        ),
        # Seed 2109: an English letter misread in context.
        (
            read("BBODEGRADABLE PACKAGING FILM MADE FROM BANANA FIBER", BBODEGRADABLE=73),
            ABSTRACT_EN,
            "BIODEGRADABLE PACKAGING FILM MADE FROM BANANA FIBER",
        ),
        # A title in title case keeps it.
        (
            read("Biodegradable Packaging Film Made From Banana Fibcr", Fibcr=60),
            ABSTRACT_EN,
            "Biodegradable Packaging Film Made From Banana Fiber",
        ),
    ],
)
def test_a_title_slip_takes_the_surer_echo(
    title: list[ReadWord], abstract: str, expected: str
) -> None:
    assert title_from_echo(title, read(abstract)) == expected.split(" ")


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        # Seed 2097: a sure title word keeps the mark its echo lost.
        (
            read("HỆ THỐNG LỌC NƯỚC CHO NUÔI TRỒNG THỦY SẢN", TRỒNG=91),
            "Sáng chế đề cập đến hệ thống lọc nước cho nuôi trông thủy sản. Sáng chế",
        ),
        # The echo read less surely than the title.
        (
            read("BBODEGRADABLE PACKAGING FILM MADE FROM BANANA FIBER", BBODEGRADABLE=97),
            ABSTRACT_EN,
        ),
        # Another form of the word is a restatement, not a misread.
        (
            read("SOLAR DRYING SYSTEMS FOR PADDY RICE", SYSTEMS=70),
            "The invention relates to solar drying system for paddy rice.",
        ),
        # Numbers are not spelled from prose.
        (read("DRYER MODEL 3 FOR PADDY", **{"3": 50}), "a dryer model 2 for paddy rice"),
        # Too few of the title's words come back: another phrase.
        (
            read("PORTABLE RICE DRYER WITH FAN", DRYER=50),
            "The invention relates to a stationary grain drier with fan control.",
        ),
        # A confidence not known (a word the cleaning joined) is no comparison.
        (
            [ReadWord("BBODEGRADABLE", None), *read("PACKAGING FILM MADE FROM BANANA FIBER")],
            ABSTRACT_EN,
        ),
        # The title read right: nothing to do.
        (read("BIODEGRADABLE PACKAGING FILM MADE FROM BANANA FIBER"), ABSTRACT_EN),
    ],
)
def test_a_title_word_stays_without_a_surer_echo_of_one_slip(
    title: list[ReadWord], abstract: str
) -> None:
    assert title_from_echo(title, read(abstract)) is None


def test_a_sure_title_word_that_is_no_word_takes_its_echo() -> None:
    """Seed 2111: "SẲN" read at 90; "sản" has no breve, but "sẳn" is no Vietnamese syllable."""
    title = read("HỆ THỐNG LỌC NƯỚC CHO NUÔI TRỒNG THỦY SẲN", SẲN=90)
    abstract = read("Sáng chế đề cập đến hệ thống lọc nước cho nuôi trồng thủy sản.", sản=97)
    assert title_from_echo(title, abstract) is None  # no list: the sure word stays
    syllables = frozenset({"hệ", "thống", "lọc", "nước", "cho", "nuôi", "trồng", "thủy", "sản"})
    assert title_from_echo(title, abstract, syllables) == [
        "HỆ", "THỐNG", "LỌC", "NƯỚC", "CHO", "NUÔI", "TRỒNG", "THỦY", "SẢN"
    ]  # fmt: skip


def _with_confidence(page: PageText, word: str, confidence: float) -> PageText:
    lines = tuple(
        Line(
            tuple(replace(w, confidence=confidence) if w.text == word else w for w in line.words),
            line.block,
        )
        for line in page.lines
    )
    return replace(page, lines=lines)


def test_the_records_title_is_put_right_and_its_raw_text_stays_as_read() -> None:
    text = "\n".join([
        "(21) Số đơn: 1-2004-42640",
        "(54) Tên sáng chế: PHƯƠNG PHÁP XỬ LÝ NƯỚC THÁI SỬ DỤNG CẢM BIẾN",
        "KHÔNG DÂY",
        "(57) Tóm tắt:",
        "Sáng chế đề cập đến phương pháp xử lý nước thải sử dụng cảm biến không",
        "dây. Nhờ đó, năng suất lao động tăng.",
    ])  # fmt: skip
    page = _with_confidence(text_to_page(text, confidence=96.0), "THÁI", 54.0)
    title = extract_fields([page], document_type="patent").fields["title"]
    assert title.value == "PHƯƠNG PHÁP XỬ LÝ NƯỚC THẢI SỬ DỤNG CẢM BIẾN KHÔNG DÂY"
    assert "THÁI" in title.raw


# Thai, Lao and Khmer titles: letter by letter, the word list decides -----------------------

WORDS = frozenset({"ฟิล์ม", "ย่อยสลาย", "ได้", "จาก", "เส้นใย", "กล้วย", "ตั่ง", "หวาย"})


def spells(run: str) -> bool:
    """Whether ``run`` cuts into WORDS (a small stand-in for the Thai list)."""
    ends = {0}
    for end in range(1, len(run) + 1):
        if any(start in ends and run[start:end] in WORDS for start in range(end)):
            ends.add(end)
    return len(run) in ends


THAI_ABSTRACT = "การประดิษฐ์นี้เกี่ยวข้องกับฟิล์มย่อยสลายได้ จากเส้นใยกล้วย ซึ่งประกอบด้วยห้องอบ"


def test_a_thai_title_takes_its_echo_where_only_the_echo_spells() -> None:
    """Seed 2116: "เสินไย" (no word) for "เส้นใย", read plainly in the abstract."""
    title = "ฟิล์มย่อยสลายได้ จากเสินไยกล้วย"
    assert unspaced_title_from_echo(title, THAI_ABSTRACT, spells) == "ฟิล์มย่อยสลายได้ จากเส้นใยกล้วย"


@pytest.mark.parametrize(
    "title",
    [
        "ฟิล์มย่อยสลายได้ จากเส้นใยกล้วย",  # as printed
        "ฟิล์มย่อยสลายได้จากเส้นใยกล้วย",  # spaced otherwise: the list cannot tell which is right
        "ฟิล์มย่อยสลายได้ จากเส้นใยกล้้วย",  # the echo lacks a mark the title shows
        "76 ย่อยสลายได้ จากเส้นใยกล้วย",  # debris for the first word: the echo is not anchored
        "ตั่งหวาย",  # no echo
    ],
)
def test_a_thai_title_stays_without_an_echo_the_list_prefers(title: str) -> None:
    assert unspaced_title_from_echo(title, THAI_ABSTRACT, spells) is None


def test_a_thai_title_in_the_record_is_put_right_by_the_real_word_list() -> None:
    text = "\n".join([
        "(54) ชื่อที่แสดงถึงการประดิษฐ์: ฟิล์มบรรจุภัณฑ์ย่อยสลายได้ จากเสินไยกล้วย",
        "(57) บทสรุปการประดิษฐ์:",
        "การประดิษฐ์นี้เกี่ยวข้องกับฟิล์มบรรจุภัณฑ์ย่อยสลายได้ จากเส้นใยกล้วย ซึ่งประกอบด้วยห้องอบ",
    ])  # fmt: skip
    title = extract_fields([text_to_page(text)], document_type="patent").fields["title"]
    assert title.value == "ฟิล์มบรรจุภัณฑ์ย่อยสลายได้ จากเส้นใยกล้วย"
    assert title.raw.endswith("จากเสินไยกล้วย")
