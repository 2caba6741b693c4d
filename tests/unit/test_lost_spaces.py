"""Words the Thai model ran over a space ("สมชายศรีสุข"), split where the image shows the space."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from processors.groundtruth import fonts
from processors.line_rereads import (
    cut_lost_spaces,
    find_lost_spaces,
    join_false_spaces,
    split_lost_spaces,
)
from processors.types import Line, PageText, Word

THAI_FACES = [regular for regular, _bold in fonts.faces("thai")]
KHMER_FACES = [face for pair in fonts.faces("khmer") for face in pair]


def rendered(text: str, face: str) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """``text`` in black on white at 12 pt and 300 dpi, and the box of its ink."""
    image = Image.new("L", (1400, 200), 255)
    ImageDraw.Draw(image).text((40, 50), text, font=fonts.load(face, 50), fill=0)
    pixels = np.asarray(image).copy()
    ys, xs = np.nonzero(pixels < 128)
    return pixels, (int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1)


def one_word(text: str, box: tuple[int, int, int, int]) -> PageText:
    label = Word("ผู้ประดิษฐ์:", 93.0, (0, box[1], 30, box[3]))
    return PageText(0, (Line((label, Word(text, 94.0, box))),), 1400, 200)


def test_a_name_read_without_its_space_is_split_at_the_space() -> None:
    """Given "สมชาย ศรีสุข" printed and read as one word, in each font the generator prints
    Thai in, the gap is found, and a re-read "สมชาย" of the part before it splits the word."""
    for face in THAI_FACES:
        image, box = rendered("สมชาย ศรีสุข", face)
        page = one_word("สมชายศรีสุข", box)
        found = find_lost_spaces(page, image)
        assert [(f.line, f.word) for f in found] == [(0, 1)], face
        crop = cut_lost_spaces(image, found)[0]
        right_of_crop = found[0].band[2]
        assert not (image[:, right_of_crop - 1] < 128).any(), face  # no ink of "ศรีสุข"
        assert (crop < 128).sum() > 0, face
        head = PageText(0, (Line((Word("สมชาย", 90.0, (0, 0, 10, 10)),)),), 0, 0)
        fixed, split = split_lost_spaces(page, found, [head])
        assert (fixed.lines[0].text, split) == ("ผู้ประดิษฐ์: สมชาย ศรีสุข", 1), face
        assert fixed.lines[0].words[1].bbox[2] <= fixed.lines[0].words[2].bbox[0]


def test_a_word_without_a_space_has_no_gap() -> None:
    for face in THAI_FACES:
        for text in ("มหาวิทยาลัยเกษตรศาสตร์", "เชียงใหม่ฟู้ด", "ผู้ขอรับสิทธิบัตร"):
            image, box = rendered(text, face)
            assert find_lost_spaces(one_word(text, box), image) == [], (face, text)


def test_a_reread_that_is_not_how_the_word_starts_changes_nothing() -> None:
    image, box = rendered("สมชาย ศรีสุข", THAI_FACES[0])
    page = one_word("สมชายศรีสุข", box)
    found = find_lost_spaces(page, image)
    for head in ("สมซาย", "สมชายศรีสุข", ""):
        words = (Word(head, 90.0, (0, 0, 10, 10)),) if head else ()
        reread = PageText(0, (Line(words),), 0, 0)
        assert split_lost_spaces(page, found, [reread]) == (page, 0)


def test_a_khmer_word_alone_on_its_line_is_left_to_the_khmer_model() -> None:
    """Seed 2048: "ចាន់" has a gap as wide as a space between its letters; with no other Khmer
    word on the line to measure the gap against, nothing is cut."""
    khmer = next(regular for regular, _bold in fonts.faces("khmer"))
    image, box = rendered("ចាន់ ដារ៉ា", khmer)
    assert find_lost_spaces(one_word("ចាន់ដារ៉ា", box), image) == []


def read_as(printed: str, read: str, face: str) -> tuple[np.ndarray, PageText]:
    """``printed`` rendered, and a page of one line holding it as the words of ``read`` (the
    same letters, spaced otherwise), each boxed around its ink."""
    font = fonts.load(face, 50)
    image = Image.new("L", (2400, 200), 255)
    draw = ImageDraw.Draw(image)
    draw.text((40, 50), printed, font=font, fill=0)
    pixels = np.asarray(image).copy()
    words, end = [], 0
    for text in read.split(" "):
        while printed[end] == " ":
            end += 1
        start, taken = end, 0
        while taken < len(text):
            taken += printed[end] != " "
            end += 1
        left = 40 + int(draw.textlength(printed[:start], font=font)) - 2
        right = 40 + int(draw.textlength(printed[:end], font=font)) + 2
        ys, xs = np.nonzero(pixels[:, left:right] < 128)
        box = (left + int(xs.min()), int(ys.min()), left + int(xs.max()) + 1, int(ys.max()) + 1)
        words.append(Word(text, 90.0, box))
    return pixels, PageText(0, (Line(tuple(words)),), 2400, 200)


def test_a_khmer_space_the_model_ran_over_is_found_against_the_line() -> None:
    """Seed 2100 read "ក្រុមហ៊ុន មេគង្គ ហ្វូដ" as "ក្រុមហ៊ុន មេគង្គហ្វូដ": the space inside the
    second word is far wider than any gap inside the line's Khmer words, in every Khmer font;
    the re-read "មេគង្គ" splits it there."""
    for face in KHMER_FACES:
        image, page = read_as("ក្រុមហ៊ុន មេគង្គ ហ្វូដ", "ក្រុមហ៊ុន មេគង្គហ្វូដ", face)
        found = find_lost_spaces(page, image)
        assert [(f.line, f.word) for f in found] == [(0, 1)], face
        head = PageText(0, (Line((Word("មេគង្គ", 96.0, (0, 0, 10, 10)),)),), 0, 0)
        fixed, split = split_lost_spaces(page, found, [head])
        assert (fixed.lines[0].text, split) == ("ក្រុមហ៊ុន មេគង្គ ហ្វូដ", 1), face


def test_khmer_words_without_a_space_are_not_cut() -> None:
    for face in KHMER_FACES:
        for printed in ("ក្រុមហ៊ុន អង្គរ អគ្រីធិច", "ក្រសួងឧស្សាហកម្ម វិទ្យាសាស្ត្រ"):
            image, page = read_as(printed, printed, face)
            assert find_lost_spaces(page, image) == [], (face, printed)


def test_a_khmer_final_consonant_apart_from_its_syllable_is_not_cut_off() -> None:
    """In some fonts the final "ន់" of "ចាន់" stands a space's width from "ចា"; a re-read
    "ចា" of the part before that gap leaves the word whole."""
    for face in KHMER_FACES:
        image, page = read_as("ចាន់ ដារ៉ា", "ចាន់ ដារ៉ា", face)
        found = find_lost_spaces(page, image)
        head = PageText(0, (Line((Word("ចា", 95.0, (0, 0, 10, 10)),)),), 0, 0)
        assert split_lost_spaces(page, found, [head] * len(found)) == (page, 0), face


def test_a_khmer_space_where_the_ink_shows_none_goes() -> None:
    """Seed 2100 read "ម៉ាស៊ីនសម្ងួតស្រូវ ប្រើថាមពល" with a space after "ម៉ាស៊ីន", where the
    gap is no wider than gaps inside the line's words: the two words are joined, in one box;
    the printed space stays."""
    for face in KHMER_FACES:
        printed = "ម៉ាស៊ីនសម្ងួតស្រូវ ប្រើថាមពល"
        image, page = read_as(printed, "ម៉ាស៊ីន សម្ងួតស្រូវ ប្រើថាមពល", face)
        fixed, joined = join_false_spaces(page, image)
        assert (fixed.lines[0].text, joined) == (printed, 1), face
        first, second, _third = page.lines[0].words
        assert fixed.lines[0].words[0].bbox == (
            first.bbox[0],
            min(first.bbox[1], second.bbox[1]),
            second.bbox[2],
            max(first.bbox[3], second.bbox[3]),
        )


def test_printed_khmer_spaces_stay() -> None:
    """Names and words spaced as printed, and a space the model ran over that is not yet
    split, do not make a join."""
    for face in KHMER_FACES:
        for printed in (
            "ក្រុមហ៊ុន អង្គរ អគ្រីធិច",
            "លី ម៉េងហុង",
            "ក្រសួងឧស្សាហកម្ម វិទ្យាសាស្ត្រ បច្ចេកវិទ្យា",
        ):
            image, page = read_as(printed, printed, face)
            assert join_false_spaces(page, image) == (page, 0), (face, printed)
        image, page = read_as("ក្រុមហ៊ុន មេគង្គ ហ្វូដ", "ក្រុមហ៊ុន មេគង្គហ្វូដ", face)
        assert join_false_spaces(page, image) == (page, 0), face


def test_a_split_needs_a_sure_reading_at_the_gap_between_two_clusters() -> None:
    """The part before the gap, read unsurely, or too short for where the gap stands, or
    ending inside a cluster ("ที" of "ที่ดิน"), splits nothing."""
    image, box = rendered("สมชาย ศรีสุข", THAI_FACES[0])
    page = one_word("สมชายศรีสุข", box)
    found = find_lost_spaces(page, image)
    for head, confidence in (("สมชาย", 40.0), ("สม", 90.0)):
        reread = PageText(0, (Line((Word(head, confidence, (0, 0, 10, 10)),)),), 0, 0)
        assert split_lost_spaces(page, found, [reread]) == (page, 0), head
    image, box = rendered("ที่ดิน สวย", THAI_FACES[0])
    page = one_word("ที่ดินสวย", box)
    found = find_lost_spaces(page, image)
    assert len(found) == 1
    for head in ("ที", "ท"):
        reread = PageText(0, (Line((Word(head, 90.0, (0, 0, 10, 10)),)),), 0, 0)
        assert split_lost_spaces(page, found, [reread]) == (page, 0), head


def test_a_speck_read_as_punctuation_before_the_part_does_not_spoil_it() -> None:
    """Seed 2077 re-read the part before the gap of "สบู่แชมพู" as "'" (36), the band's edge
    over the word before, and "สบู่" (91): the word is split after "สบู่"; a letter read
    there still counts."""
    for face in THAI_FACES:
        image, box = rendered("สบู่ แชมพู", face)
        page = one_word("สบู่แชมพู", box)
        found = find_lost_spaces(page, image)
        assert len(found) == 1, face
        speck, head = Word("'", 36.0, (0, 0, 5, 10)), Word("สบู่", 91.0, (8, 0, 40, 10))
        reread = PageText(0, (Line((speck, head)),), 0, 0)
        fixed, split = split_lost_spaces(page, found, [reread])
        assert (fixed.lines[0].text, split) == ("ผู้ประดิษฐ์: สบู่ แชมพู", 1), face
        letter = Word("ก", 36.0, (0, 0, 5, 10))
        reread = PageText(0, (Line((letter, head)),), 0, 0)
        assert split_lost_spaces(page, found, [reread]) == (page, 0), face


def test_a_mark_the_reread_part_lost_stays_with_its_letter() -> None:
    """Seed 2078 re-read the part before the gap of "สบู่แชมพู" as "สบู" (88), its tone lost:
    the word is split after the tone the page read, not through the cluster."""
    for face in THAI_FACES:
        image, box = rendered("สบู่ แชมพู", face)
        page = one_word("สบู่แชมพู", box)
        found = find_lost_spaces(page, image)
        assert len(found) == 1, face
        reread = PageText(0, (Line((Word("สบู", 88.0, (8, 0, 40, 10)),)),), 0, 0)
        fixed, split = split_lost_spaces(page, found, [reread])
        assert (fixed.lines[0].text, split) == ("ผู้ประดิษฐ์: สบู่ แชมพู", 1), face


def test_a_reread_that_differs_from_the_page_only_in_marks_cuts_the_page_reading() -> None:
    """Seed 2100 read "ระบบกรองน้ำ แบบพกพา" as one word "ระบบกรองนำแบบพกพา" (its tone lost)
    and the part before the gap alone as "ระบบกรองน้า" (sara am as tone and aa): the letters
    agree, so the page's word is cut there and each part keeps the page's reading."""
    for face in THAI_FACES:
        image, box = rendered("ระบบกรองน้ำ แบบพกพา", face)
        page = one_word("ระบบกรองนำแบบพกพา", box)
        found = find_lost_spaces(page, image)
        assert len(found) == 1, face
        reread = PageText(0, (Line((Word("ระบบกรองน้า", 89.0, (8, 0, 40, 10)),)),), 0, 0)
        fixed, split = split_lost_spaces(page, found, [reread])
        assert (fixed.lines[0].text, split) == ("ผู้ประดิษฐ์: ระบบกรองนำ แบบพกพา", 1), face
        other = PageText(0, (Line((Word("ระบบกรองนา", 89.0, (8, 0, 40, 10)),)),), 0, 0)
        assert split_lost_spaces(page, found, [other])[1] == 1, face
        wrong = PageText(0, (Line((Word("ระบบกรองมา", 89.0, (8, 0, 40, 10)),)),), 0, 0)
        assert split_lost_spaces(page, found, [wrong]) == (page, 0), face


def test_a_thai_space_where_the_ink_shows_none_goes() -> None:
    """Seed 2103 read "กรรมวิธีการผลิตน้ำปลา จากเส้นใยกล้วย" with a space after "จาก", where the
    ink leaves no wider gap than inside the line's words: the two are joined. Printed spaces
    between Thai words, and a name run together that is not yet split, make no join."""
    for face in THAI_FACES:
        printed = "กรรมวิธีการผลิตน้ำปลา จากเส้นใยกล้วย"
        image, page = read_as(printed, "กรรมวิธีการผลิตน้ำปลา จาก เส้นใยกล้วย", face)
        fixed, joined = join_false_spaces(page, image)
        assert (fixed.lines[0].text, joined) == (printed, 1), face
        for spaced in ("บริษัท ไทยอะโกร อินดัสตรี จำกัด", "ผู้ประดิษฐ์: สมชาย ศรีสุข (TH)"):
            image, page = read_as(spaced, spaced, face)
            assert join_false_spaces(page, image) == (page, 0), (face, spaced)
        image, page = read_as("สมชาย ศรีสุข ใจดี", "สมชายศรีสุข ใจดี", face)
        assert join_false_spaces(page, image) == (page, 0), face
        # A word that ran over two spaces has no one widest gap: its spaces still do not
        # make the line's printed spaces look like gaps inside a word (review, 2026-12-05).
        printed = "บริษัท ไทย จำกัด ผลิต อาหาร แปรรูป"
        image, page = read_as(printed, "บริษัทไทยจำกัด ผลิต อาหาร แปรรูป", face)
        assert join_false_spaces(page, image) == (page, 0), face


def test_a_printed_space_stays_when_the_boxes_are_a_letter_off() -> None:
    """Seed 2121 boxed "สูตรปุ๋ยอินทรีย์" 3 px into the "จ" after the space and started
    "จากปลากะตัก" at its "า": the blank between the boxes is the gap inside "จา", no wider
    than others inside words. The space beside the boxes' edges still keeps the words apart;
    boxed right, a false space there is still joined."""
    for face in THAI_FACES:
        printed = "สูตรปุ๋ยอินทรีย์ จากปลากะตัก"
        image, page = read_as(printed, printed, face)
        before, after = page.lines[0].words
        inked = (image[after.bbox[1] : after.bbox[3]] < 128).any(axis=0)
        end_of_first_letter = after.bbox[0] + int(np.argmin(inked[after.bbox[0] :]))
        second_letter = end_of_first_letter + int(np.argmax(inked[end_of_first_letter:]))
        shifted = PageText(
            0,
            (
                Line(
                    (
                        Word(
                            before.text, 94.0, (*before.bbox[:2], after.bbox[0] + 3, before.bbox[3])
                        ),
                        Word(after.text, 94.0, (second_letter, *after.bbox[1:])),
                    )
                ),
            ),
            2400,
            200,
        )
        assert join_false_spaces(shifted, image) == (shifted, 0), face
        image, page = read_as("สูตรปุ๋ยอินทรีย์จากปลากะตัก", printed, face)
        assert join_false_spaces(page, image)[1] == 1, face


def test_a_khmer_word_is_never_split_inside_a_cluster() -> None:
    """Review, 2026-12-05: a re-read head "សម" or "ម" could have cut "សម្ងួតស្រូវ" after its
    coeng or "ម៉ាស៊ីន" before a vowel sign (a spacing mark, not Mn). Only a cut before a
    consonant or an independent vowel, after no coeng, parts two Khmer words."""
    from processors.line_rereads import _spacing_letters, _split_point, _splits_at_gap

    for word, head, parts in (("សម្ងួតស្រូវ", "សម", False), ("ម៉ាស៊ីន", "ម", False),
                              ("មេគង្គហ្វូដ", "មេគង្គ", True)):  # fmt: skip
        cut = _split_point(word, head)
        assert cut is not None
        at = round(100 * _spacing_letters(word[:cut]) / _spacing_letters(word))  # the gap's place
        page_word = Word(word, 90.0, (0, 0, 100, 50))
        head_word = Word(head, 90.0, (0, 0, at, 50))
        assert _splits_at_gap(page_word, cut, (at, at + 5), [head_word]) is parts, word
