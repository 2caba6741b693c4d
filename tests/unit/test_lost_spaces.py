"""Words the Thai model ran over a space ("สมชายศรีสุข"), split where the image shows the space."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from processors.groundtruth import fonts
from processors.line_rereads import cut_lost_spaces, find_lost_spaces, split_lost_spaces
from processors.types import Line, PageText, Word

THAI_FACES = [regular for regular, _bold in fonts.faces("thai")]


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


def test_khmer_words_are_left_to_the_khmer_model() -> None:
    """Seed 2048: "ចាន់" has a gap as wide as a space between its letters; it is not cut."""
    khmer = next(regular for regular, _bold in fonts.faces("khmer"))
    image, box = rendered("ចាន់ ដារ៉ា", khmer)
    assert find_lost_spaces(one_word("ចាន់ដារ៉ា", box), image) == []


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
