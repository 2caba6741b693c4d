"""Marks over capitals that the word's box shows no ink for are taken off."""

from __future__ import annotations

from processors.capital_marks import strip_unseen_capital_marks
from processors.types import Line, PageText, Word


def _page(*words: tuple[str, int, int, int]) -> PageText:
    """One line of words given as (text, left, top, right); capitals 36 pixels high."""
    line = Line(tuple(Word(text, 90, (left, top, right, 726)) for text, left, top, right in words))
    return PageText(0, (line,), 2480, 3508)


def test_a_mark_read_over_a_capital_whose_box_rises_no_higher_goes() -> None:
    """Seed 2079: "HỘP ĐỰNG BÁNH TRUNG THỦ" for "... THU". BÁNH's acute lifts its box 10
    pixels over TRUNG; THỦ's box starts where TRUNG's does: no hook was printed."""
    page = _page(
        ("Title:", 100, 680, 220),
        ("HỘP", 240, 680, 340),
        ("ĐỰNG", 360, 690, 500),
        ("BÁNH", 520, 680, 650),
        ("TRUNG", 670, 690, 830),
        ("THỦ", 850, 690, 950),
    )
    fixed, changed = strip_unseen_capital_marks(page)
    assert changed == 1
    assert fixed.lines[0].text == "Title: HỘP ĐỰNG BÁNH TRUNG THU"


def test_only_the_marks_above_go_and_a_risen_box_keeps_them() -> None:
    """ĐỨNG read over a box no higher than the plain capitals keeps its horn (beside the letter)
    and any mark below; a box that rises (marks printed) keeps every mark."""
    page = _page(("CHAI", 100, 690, 200), ("ĐỨNG,", 220, 690, 360), ("NƯỚC", 380, 679, 520))
    fixed, changed = strip_unseen_capital_marks(page)
    assert changed == 1
    assert fixed.lines[0].text == "CHAI ĐƯNG, NƯỚC"
    tone_below = _page(("TRUNG", 100, 690, 200), ("TỰA", 220, 690, 320))
    assert strip_unseen_capital_marks(tone_below) == (tone_below, 0)


def test_without_a_plain_capital_word_on_the_line_nothing_changes() -> None:
    """ "CỤC SỞ HỮU TRÍ TUỆ": every word has a mark, so the line gives no height to compare
    with; and lower-case words are never touched (their ascenders rise as high as marks)."""
    marked = _page(("CỤC", 100, 690, 200), ("SỞ", 220, 690, 300), ("TRÍ", 320, 690, 400))
    assert strip_unseen_capital_marks(marked) == (marked, 0)
    lower = _page(("TRUNG", 100, 690, 200), ("thủ", 220, 690, 300))
    assert strip_unseen_capital_marks(lower) == (lower, 0)
