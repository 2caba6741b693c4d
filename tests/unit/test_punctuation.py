"""Commas and full stops that a word's ink shows and its page reading lost are put back."""

from __future__ import annotations

import itertools

import numpy as np

from processors import groundtruth as gt
from processors.cleanup import CleanupOptions
from processors.page import read_image_page
from processors.punctuation import (
    LostPunctuation,
    cut_lost_punctuation,
    find_lost_punctuation,
    put_back_punctuation,
)
from processors.types import Line, PageText, Word

# Letters 40 px high with their foot at y=140; a word of three letters at x 100-190.
_TOP, _FOOT = 100, 140


def _word_ink(image: np.ndarray, left: int) -> None:
    for x in (left, left + 35, left + 70):
        image[_TOP:_FOOT, x : x + 20] = 0


def _page(*words: tuple[str, tuple[int, int, int, int]]) -> PageText:
    return PageText(0, (Line(tuple(Word(t, 85, box) for t, box in words)),), 600, 300)


def _blank() -> np.ndarray:
    return np.full((300, 600), 255, np.uint8)


def test_a_comma_inside_the_box_that_the_reading_lost_is_found() -> None:
    """Seed 2085: "Miller" read for "Miller," with the comma inside the word's box."""
    image = _blank()
    _word_ink(image, 100)
    image[132:150, 198:204] = 0  # a comma: from the letters' foot to below it
    _word_ink(image, 240)
    page = _page(("Miller", (100, _TOP, 205, 150)), ("Johnson", (240, _TOP, 330, _FOOT)))
    found = find_lost_punctuation(page, image)
    assert [(f.word, f.shape) for f in found] == [(0, ",")]
    cut = cut_lost_punctuation(image, found)[0]
    assert cut.shape[0] > 50 and (cut < 128).sum() == (image[:, 100:240] < 128).sum()


def test_a_full_stop_in_the_gap_after_the_box_is_found() -> None:
    image = _blank()
    _word_ink(image, 100)
    image[133:140, 200:207] = 0  # a full stop on the foot, outside the word's box
    page = _page(
        ("Inc", (100, _TOP, 190, _FOOT)),
    )
    assert [(f.word, f.shape) for f in find_lost_punctuation(page, image)] == [(0, ".")]


def test_an_abbreviation_can_lose_only_the_comma_after_its_full_stop() -> None:
    """Seed 2127: "Co." read for "Co.," at the end of the line "Assignee: Siam Agritech Co.,"."""
    image = _blank()
    _word_ink(image, 100)
    image[133:140, 195:202] = 0  # the abbreviation's full stop, read
    image[132:150, 210:216] = 0  # a comma after it, at the end of the line
    with_comma = _page(("Co.", (100, _TOP, 202, _FOOT)))
    found = find_lost_punctuation(with_comma, image)
    assert [(f.word, f.shape) for f in found] == [(0, ",")]
    fixed, count = put_back_punctuation(with_comma, found, [_page(("Co.,", (0, 0, 1, 1)))])
    assert (fixed.text, count) == ("Co.,", 1)
    # Read alone as a second full stop, it is no comma and nothing is added.
    unchanged, count = put_back_punctuation(with_comma, found, [_page(("Co..", (0, 0, 1, 1)))])
    assert (unchanged, count) == (with_comma, 0)
    # Its full stop alone is no lost mark.
    image[132:150, 210:216] = 255
    assert find_lost_punctuation(with_comma, image) == []


def test_letters_marks_above_and_ink_of_other_lines_are_no_lost_punctuation() -> None:
    image = _blank()
    _word_ink(image, 100)
    image[100:106, 198:204] = 0  # an apostrophe's height: not at the foot
    _word_ink(image, 300)
    image[150:160, 398:404] = 0  # wholly below the letters: the next line's mark
    _word_ink(image, 450)
    image[132:140, 548:562] = 0  # runs on into the next word's box
    page = _page(
        ("abc", (100, _TOP, 205, _FOOT)),
        ("def", (300, _TOP, 405, 160)),
        ("ghi", (450, _TOP, 530, _FOOT)),
        ("jkl", (560, _TOP, 590, _FOOT)),
    )
    assert find_lost_punctuation(page, image) == []
    # A word whose reading has its mark already is not looked at.
    image2 = _blank()
    _word_ink(image2, 100)
    image2[132:150, 198:204] = 0
    assert find_lost_punctuation(_page(("Miller,", (100, _TOP, 205, 150))), image2) == []


def test_the_mark_goes_back_only_where_the_word_alone_reads_the_same_letters() -> None:
    page = _page(
        ("Miller", (100, _TOP, 205, 150)),
        ("Johnson", (240, _TOP, 330, _FOOT)),
        ("Inc", (400, _TOP, 480, _FOOT)),
    )
    found = [
        LostPunctuation(0, 0, (100, _TOP, 239, 150), ","),
        LostPunctuation(0, 2, (400, _TOP, 490, _FOOT), "."),
    ]
    rereads = [_page(("Miller,", (10, 10, 100, 50))), _page(("lnc.", (10, 10, 90, 50)))]
    fixed, restored = put_back_punctuation(page, found, rereads)
    assert restored == 1
    assert fixed.lines[0].text == "Miller, Johnson Inc"


def test_an_initial_gets_the_full_stop_its_ink_shows() -> None:
    """Read alone, "P." comes back "P" from Tesseract whatever the margin or context."""
    page = _page(("Roberto", (100, _TOP, 300, _FOOT)), ("P", (320, _TOP, 350, _FOOT)))
    image = _blank()
    image[_TOP:_FOOT, 320:340] = 0  # the P
    image[133:140, 345:352] = 0  # its full stop on the foot
    found = find_lost_punctuation(page, image)
    assert [(f.word, f.shape, f.settled) for f in found] == [(1, ".", True)]
    assert cut_lost_punctuation(image, found) == []  # nothing to read again
    fixed, restored = put_back_punctuation(page, found, [])
    assert (fixed.lines[0].text, restored) == ("Roberto P.", 1)
    comma = [LostPunctuation(0, 1, (320, _TOP, 370, _FOOT), ",")]
    assert put_back_punctuation(page, comma, [_page(("P", (10, 10, 40, 50)))])[1] == 0


def test_an_initial_boxed_from_inside_its_letter_still_gets_its_full_stop() -> None:
    """Seed 2097: the LSTM boxed the "P" of "Teresa P. Ramos" from its bowl on, leaving its
    stem outside; the bowl's foot then put the full stop below the letters."""
    image = _blank()
    image[_TOP:_FOOT, 320:326] = 0  # the P's stem, left of the box
    image[_TOP:120, 326:340] = 0  # its bowl, where the box starts
    image[133:140, 345:352] = 0  # its full stop on the foot
    page = _page(("Teresa", (100, _TOP, 300, _FOOT)), ("P", (327, _TOP, 342, _FOOT)))
    found = find_lost_punctuation(page, image)
    assert [(f.word, f.shape, f.settled) for f in found] == [(1, ".", True)]
    assert put_back_punctuation(page, found, [])[0].lines[0].text == "Teresa P."
    assert found[0].cut[0] == 307  # half a box height before the box
    # Never into the word before: the look back stops where its box ends.
    page = _page(("Teresa", (100, _TOP, 318, _FOOT)), ("P", (327, _TOP, 342, _FOOT)))
    assert [f.cut[0] for f in find_lost_punctuation(page, image)] == [319]


def test_a_page_read_gets_back_the_comma_tesseract_dropped() -> None:
    """Seed 2085, page 9: the agent "Miller, Johnson & Tanaka LLP" was read without its comma."""
    page = next(itertools.islice(gt.generate(10, seed=2085), 9, None))
    assert page.truth.fields["agent"] == "Miller, Johnson & Tanaka LLP"
    reading = read_image_page(
        page.image, dpi=page.dpi, lang="auto", page_index=0, cleanup=CleanupOptions(),
        timeout_s=120,
    )  # fmt: skip
    assert "Miller, Johnson & Tanaka LLP" in reading.ocr.page.text
    assert reading.cleanup["lost_punctuation"]["restored"] >= 1
