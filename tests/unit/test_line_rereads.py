"""Lines of local-script pages read again one at a time: lines whose tone marks and upper vowels
Tesseract cut into a line of their own (the debris line is dropped), and Latin slips (a Thai
word read as unsure Latin letters); other lines are left alone."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from PIL import Image, ImageDraw

from processors import _tesseract, line_rereads
from processors import groundtruth as gt
from processors.cleanup import CleanupOptions
from processors.fields.classes import normalize_ipc
from processors.fields.labels import default_label_tables, match_label
from processors.lexicon import Lexicon
from processors.line_rereads import (
    LostLine,
    _slips,
    adds_only_signs,
    cut_bands,
    cut_lost_lines,
    find_cut_rows,
    find_latin_slips,
    find_local_country_codes,
    find_local_names,
    find_lost_heads,
    find_lost_lines,
    find_odd_symbols,
    find_odd_words_in_latin_names,
    find_split_lines,
    find_unsure_local_values,
    find_unsure_local_words,
    put_back,
    put_back_cut_rows,
    put_back_heads,
    put_back_lost_lines,
    replace_country_codes,
    replace_fuller_names,
    replace_odd_name_words,
    replace_slips,
    replace_symbols,
    replace_unsure_values,
    replace_unsure_words,
)
from processors.page import read_image_page
from processors.types import Line, PageText, Word
from tests.conftest import render_lines

# "เครื่องสำอาง สบู่" read without its marks, and the marks read above it as debris.
DEBRIS = Line((Word("a", 94, (300, 835, 319, 859)), Word("°", 86, (386, 851, 395, 858))))
MARKLESS = Line(
    (Word("เครองสำอาง", 94, (265, 847, 476, 906)), Word("สบู", 93, (499, 847, 557, 906)))
)
NEXT = Line((Word("ตัวแทน:", 95, (264, 958, 405, 1010)),))


BLANK_PAGE = np.full((3508, 2480), 255, np.uint8)


def _page(*lines: Line) -> PageText:
    return PageText(0, lines, 2480, 3508)


def test_a_line_of_marks_is_found_with_the_line_it_belongs_to() -> None:
    splits = find_split_lines(_page(DEBRIS, MARKLESS, NEXT), width=2480, height=3508)
    assert [(s.line, s.drops) for s in splits] == [(1, (0,))]
    x0, y0, x1, y1 = splits[0].band
    assert x0 < 265 and y0 < 835 and x1 > 557 and 906 < y1 < 958  # marks and line, not the next


def test_a_stack_of_debris_lines_all_go_with_the_line_they_were_read_from() -> None:
    """Seed 2122 read the tops of a title line as three lines of debris over it; the two
    that no line next to them owned were left, and the title took them in."""
    label = Line((Word("(51)", 93, (259, 688, 350, 731)), Word("Cl.", 85, (1193, 688, 1247, 725))))
    tick = Line((Word("'", 64, (385, 775, 388, 785)),))
    tops = Line((Word("Ai", 40, (372, 788, 393, 801)), Word("๕๐", 60, (884, 782, 902, 810))))
    more = Line((Word("ง", 50, (447, 775, 451, 785)), Word("Xf", 45, (1002, 770, 1031, 806))))
    title = Line(
        (
            Word("(54)", 93, (259, 797, 350, 840)),
            Word("ชื่อที่แสดงถึงแบบผลิตภัณฑ์:", 95, (370, 783, 910, 845)),
            Word("เก้าอิหวาย", 93, (929, 783, 1126, 845)),
        )
    )
    page = _page(label, tick, tops, more, title, NEXT)
    splits = find_split_lines(page, width=2480, height=3508)
    assert [(s.line, s.drops) for s in splits] == [(4, (1, 2, 3))]  # one re-read, not two
    fixed, _kept = put_back(page, splits, [PageText(0, (), 0, 0)])
    assert fixed.text == "(51) Cl.\n(54) ชื่อที่แสดงถึงแบบผลิตภัณฑ์: เก้าอิหวาย\nตัวแทน:"


def test_marks_over_a_local_word_beside_a_latin_label_are_measured_against_that_word() -> None:
    """Seed 2131: "30" (28 px high) read from the marks over the end of a Khmer title 69 px
    high, beside "[54] Title:" 39-43 px high: as tall as the line's median word, it was kept
    as a line and ended the title ("វិធីសាស្ត្រផលិតទឹកត្រី 30")."""
    debris = Line((Word("30", 56, (842, 910, 869, 938)),))
    title = Line(
        (
            Word("[54]", 97, (235, 925, 317, 968)),
            Word("Title:", 93, (334, 922, 444, 961)),
            Word("វិធីសាស្ត្រផលិតទឹកត្រី", 65, (459, 908, 869, 977)),
        )
    )
    page = _page(debris, title, NEXT)
    splits = find_split_lines(page, width=2480, height=3508)
    assert [(s.line, s.drops) for s in splits] == [(1, (0,))]
    fixed, _kept = put_back(page, splits, [PageText(0, (), 0, 0)])
    assert fixed.lines[0].text == "[54] Title: វិធីសាស្ត្រផលិតទឹកត្រី"


def test_small_words_beside_latin_lines_are_not_marks() -> None:
    latin = Line((Word("Filed:", 95, (265, 847, 400, 906)), Word("2020", 95, (420, 847, 520, 906))))
    assert find_split_lines(_page(DEBRIS, latin), width=2480, height=3508) == []


def test_the_reread_replaces_the_line_and_the_debris_goes() -> None:
    page = _page(DEBRIS, MARKLESS, NEXT)
    splits = find_split_lines(page, width=2480, height=3508)
    x0, y0 = splits[0].band[:2]
    full = Line((Word("เครื่องสำอาง", 93, (265 - x0, 835 - y0, 476 - x0, 906 - y0)),
                 Word("สบู่", 93, (499 - x0, 840 - y0, 557 - x0, 906 - y0))))  # fmt: skip
    fixed, kept = put_back(page, splits, [PageText(0, (full,), 0, 0)])
    assert kept == 1
    assert fixed.text == "เครื่องสำอาง สบู่\nตัวแทน:"
    assert fixed.lines[0].words[0].bbox == (265, 835, 476, 906)  # back in page pixels


def test_a_reread_that_loses_letters_is_not_kept_but_the_debris_still_goes() -> None:
    page = _page(DEBRIS, MARKLESS, NEXT)
    splits = find_split_lines(page, width=2480, height=3508)
    worse = Line((Word("เครอง", 93, (0, 0, 100, 60)),))
    fixed, kept = put_back(page, splits, [PageText(0, (worse,), 0, 0)])
    assert kept == 0
    assert fixed.text == "เครองสำอาง สบู\nตัวแทน:"


def test_lines_are_read_one_per_image_in_one_process() -> None:
    page = render_lines(["FIRST LINE 123", "SECOND LINE 456"], height_in=1.0)
    first, second = page[100:200], page[200:300]
    texts = _tesseract.recognize_lines([second, first, second], lang="eng", dpi=300)
    assert [t.text for t in texts] == ["SECOND LINE 456", "FIRST LINE 123", "SECOND LINE 456"]
    assert cut_bands(page, []) == []


def test_a_thai_page_with_split_marks_reads_every_line(monkeypatch) -> None:
    """A generated Thai trademark page: every printed line comes back exactly; without the
    re-read one line loses its marks (so this test can fail)."""
    page = gt.make_page(3, kind="trademark", office="TH", dpi=300)
    printed = page.truth.text.split("\n")

    def read() -> tuple[str, dict]:
        reading = read_image_page(
            page.image, dpi=300, lang="tha+eng", page_index=0, cleanup=CleanupOptions(),
            timeout_s=120,
        )  # fmt: skip
        return reading.ocr.page.text, reading.cleanup

    text, steps = read()
    assert steps["split_marks"] == {"lines": 1, "reread_kept": 1}
    assert [line for line in printed if line not in text] == []
    monkeypatch.setattr("processors.page.find_split_lines", lambda *a, **k: [])
    without, _ = read()
    assert [line for line in printed if line not in without] != []


# "บริษัท สยามเทคโนโลยี จำกัด (TH)" with "จำกัด" read by the English half of tha+eng.
SLIPPED = Line(
    (
        Word("บริษัท", 95, (100, 500, 240, 560)),
        Word("สยามเทคโนโลยี", 95, (262, 500, 560, 560)),
        Word("dana", 72, (582, 510, 690, 550)),
        Word("(TH)", 96, (712, 510, 800, 550)),
    )
)


def test_unsure_latin_words_on_thai_lines_are_slips_and_sure_ones_are_not() -> None:
    sure = Line(
        (Word("ผู้ขอ:", 95, (100, 700, 240, 760)), Word("VINATECH", 93, (262, 710, 500, 750)))
    )
    latin = Line(
        (Word("Applicant:", 60, (100, 800, 300, 850)), Word("Acme", 60, (320, 800, 420, 850)))
    )
    bands = find_latin_slips(_page(SLIPPED, sure, latin), width=2480, height=3508)
    assert [b.line for b in bands] == [0]


def test_latin_words_inside_a_local_name_are_slips_however_sure() -> None:
    """Seed 2047's Khmer pages: "{ABUTS" (68) for ក្រុមហ៊ុន, "AIM" (94) between a Khmer word
    and the country code, "Au" (94) after the label; a Latin name after a local label, and a
    Latin word closing a local title, stay."""

    def line(y: int, *words: tuple[str, float]) -> Line:
        return Line(
            tuple(
                Word(t, c, (100 + 200 * i, y, 280 + 200 * i, y + 50))
                for i, (t, c) in enumerate(words)
            )
        )

    page = _page(
        line(100, ("Applicant:", 96), ("{ABUTS", 68), ("មេគង្គ", 93), ("(KH)", 92)),
        line(200, ("Inventor:", 96), ("សុខ", 95), ("AIM", 94), ("(KH)", 95)),
        line(300, ("Designer:", 96), ("Au", 94), ("សុវណ្ណ", 96), ("(KH)", 96)),
        line(400, ("ผู้ขอ:", 95), ("VINATECH", 93), ("(VN)", 95)),
        line(500, ("ชื่อ:", 95), ("ระบบนำทาง", 95), ("GPS", 93)),
        line(600, ("ผู้ขอ:", 95), ("Siam", 93), ("Agritech", 93), ("Co.,", 92), ("Ltd.", 93),
             ("(TH)", 95)),
    )  # fmt: skip
    bands = find_latin_slips(page, width=2480, height=3508)
    assert [b.line for b in bands] == [0, 1, 2]


def test_ascii_debris_on_a_local_line_is_a_slip() -> None:
    """Seed 2132: a Lao title's first word read "89)$u12" at 49, no Latin word; on a local line
    such debris is read again in Lao. Codes, names and numbers with common signs are not."""
    title = Line(
        (
            Word("(54)", 97, (272, 1112, 353, 1154)),
            Word("Title:", 93, (369, 1112, 481, 1148)),
            Word("89)$u12", 49, (501, 1095, 702, 1156)),
            Word("ໃຊ້ພະລັງງານແສງຕາເວັນ", 60, (716, 1107, 1111, 1156)),
        )
    )
    assert _slips(title) == [2]
    name = Line(
        (
            Word("ผู้ขอ:", 95, (100, 700, 240, 760)),
            Word("A&B", 80, (262, 710, 340, 750)),
            Word("Co.,", 80, (360, 710, 420, 750)),
            Word("60/837,068", 80, (440, 710, 640, 750)),
            Word("บริษัท", 95, (660, 700, 800, 760)),
        )
    )
    assert _slips(name) == []
    sure = Line((*title.words[:2], replace(title.words[2], confidence=90), title.words[3]))
    assert _slips(sure) == []


@pytest.mark.parametrize(
    ("text", "confidence", "slip"),
    [
        ("Hie9dud9", 6, True),  # seed 2134: "ເຄື່ອງອົບເຂົ້າ" opening a Lao title
        ("WU2a", 5, True),
        ("GO6T", 38, False),  # a class symbol read unsurely, alone on its line's end
        ("B65D", 20, False),  # however unsure, before its group
        ("Hie9dud9", 30, False),
    ],
)
def test_letters_and_digits_read_hopelessly_on_a_local_line_are_a_slip(
    text: str, confidence: float, slip: bool
) -> None:
    line = Line(
        (
            Word("(54)", 97, (272, 1112, 353, 1154)),
            Word("ชื่อ:", 93, (369, 1112, 481, 1148)),
            Word(text, confidence, (501, 1095, 702, 1156)),
            Word("65/46" if text == "B65D" else "ໃຊ້ພະລັງງານ", 60, (716, 1107, 1111, 1156)),
        )
    )
    assert _slips(line) == ([2] if slip else [])


def test_a_slip_after_a_latin_label_is_read_again_without_the_label_on_lao_pages() -> None:
    """Seed 2129: the Lao model read "(71) Applicant: uu ພົມມະຈັນ (LA)" whole as one run-on
    word; from after the label it read "ບຸນມີ" at 86. A local label stays in the band, and on
    Khmer pages any label does (seed 2131: a Khmer title lost without "Title:" beside it)."""
    lao = Line(
        (
            Word("(71)", 96, (250, 1222, 329, 1267)),
            Word("Applicant:", 96, (343, 1222, 549, 1267)),
            Word("uu", 58, (571, 1215, 653, 1271)),
            Word("ພົມມະຈັນ", 85, (672, 1219, 833, 1258)),
            Word("(LA)", 97, (852, 1222, 936, 1267)),
        )
    )
    thai = Line(
        (
            Word("ผู้ขอรับสิทธิบัตร:", 95, (100, 1400, 400, 1460)),
            Word("บริษัท", 95, (420, 1400, 560, 1460)),
            Word("dana", 72, (582, 1410, 690, 1450)),
            Word("(TH)", 96, (712, 1410, 800, 1450)),
        )
    )
    page = _page(lao, thai)
    bands = find_latin_slips(page, width=2480, height=3508, after_latin_label=True)
    assert [b.line for b in bands] == [0, 1]
    assert bands[0].band[0] == 550 and bands[0].band[2] > 936
    assert bands[1].band[0] < 100
    khmer_page = find_latin_slips(page, width=2480, height=3508)
    assert khmer_page[0].band[0] < 250
    x0, y0 = bands[0].band[:2]
    reread = Line(
        (
            Word("ບຸນມີ", 86, (571 - x0, 1215 - y0, 653 - x0, 1271 - y0)),
            Word("ພົມມະຈັນ", 81, (672 - x0, 1219 - y0, 833 - x0, 1258 - y0)),
        )
    )
    fixed, replaced = replace_slips(_page(lao), bands[:1], [PageText(0, (reread,), 0, 0)])
    assert replaced == 1
    assert fixed.lines[0].text == "(71) Applicant: ບຸນມີ ພົມມະຈັນ (LA)"


def test_latin_words_in_a_name_after_another_name_are_slips() -> None:
    """Seed 2063: "ស៊ិន ស្រីពៅ (KH); ms inn (KH); Au សុវណ្ណ (KH)" for three Khmer names (the
    English model read two at 88-93), and "sauw9 ສີສຸວັນ (LA)". Latin names of other countries
    and capitalized ones of the line's own stay."""
    line = _row(("Inventor:", 96), ("ស៊ិន", 84), ("ស្រីពៅ", 95), ("(KH);", 96), ("ms", 88),
                ("inn", 92), ("(KH);", 96), ("Au", 93), ("សុវណ្ណ", 96), ("(KH);", 97),
                ("Kyoto", 95), ("Precision", 95), ("(JP);", 96), ("Chan", 95), ("Dara", 95),
                ("(KH)", 96))  # fmt: skip
    assert _slips(line) == [4, 5, 7]
    assert _slips(_row(("Inventor:", 96), ("sauw9", 40), ("ສີສຸວັນ", 60), ("(LA)", 96))) == [1]
    # Seed 2066: "[AUU)S" for ក្រុមហ៊ុន, brackets and all.
    assert _slips(_row(("Applicant:", 96), ("[AUU)S", 90), ("មេគង្គ", 93), ("(KH)", 96))) == [1]
    # A name carried over from the line before counts when it starts with a local word.
    assert _slips(_row(("ສົມພອນ", 90), ("AUWSU", 95), ("(LA)", 96))) == [1]
    assert _slips(_row(("Kyoto", 95), ("(LA)", 96), ("ສີສຸວັນ", 90))) == []


def test_digits_or_symbols_in_place_of_a_word_of_a_local_name_are_slips() -> None:
    """Seeds 2071-2072: "118 ដារ៉ា (KH)", "M8 ដារ៉ា (KH)", "€3S ស្រីពៅ (KH)" for ចាន់ and ស៊ុន
    (the Khmer model alone reads them at 95-97). Not in a name without local words."""
    for misread, confidence in (("118", 63), ("M8", 57), ("€3S", 13)):
        line = _row(("Applicant:", 96), (misread, confidence), ("ដារ៉ា", 96), ("(KH)", 96))
        assert _slips(line) == [1], misread
    assert _slips(_row(("Applicant:", 96), ("Studio", 95), ("54", 90), ("(KH)", 96))) == []
    # Seed 2076: "#8 mn (KH)" for "ចាន់ ដារ៉ា", a name of the line's own country in lower case.
    assert _slips(_row(("Applicant:", 96), ("#8", 40), ("mn", 60), ("(KH)", 96))) == [1, 2]


def test_digits_opening_a_local_value_are_read_again_in_the_local_script() -> None:
    """Seed 2098: "(54) Title: 76 សាស្ត្រផលិតទឹកត្រី" for "វិធីសាស្ត្រផលិតទឹកត្រី". The digits
    right after the label and before a local word are a slip; the line read in Khmer alone runs
    them into the next word, whose head before it takes their place. Where the local model reads
    digits there, they stay; digits after a label before a Latin word, or inside a value, are
    no slips."""
    line = _row(("(54)", 96), ("Title:", 95), ("76", 80), ("សាស្ត្រផលិតទឹកត្រី", 90))
    assert _slips(line) == [2]
    assert _slips(_row(("Title:", 95), ("3D", 90), ("Printer", 95))) == []
    assert _slips(_row(("Title:", 95), ("ម៉ាស៊ីន", 90), ("2", 90), ("ជាន់", 90))) == []
    page = _page(line)
    bands = find_latin_slips(page, width=2480, height=3508)
    x0, y0 = bands[0].band[:2]

    def reading(text: str, left: int) -> PageText:
        word = Word(text, 92, (left - x0, 500 - y0, 570 - x0, 560 - y0))
        return PageText(0, (Line((word,)),), 0, 0)

    fixed, replaced = replace_slips(page, bands, [reading("វិធីសាស្ត្រផលិតទឹកត្រី", 340)])
    assert replaced == 1
    # The two words keep the gap between their boxes; the title's word list joins them.
    assert fixed.lines[0].text == "(54) Title: វិធី សាស្ត្រផលិតទឹកត្រី"
    assert replace_slips(page, bands, [reading("76", 340)]) == (page, 0)


def test_latin_words_in_lower_case_in_a_name_without_a_code_are_slips() -> None:
    """Seed 2077: "ตัวแทน: นายวิชัย nasa" for an agent "นายวิชัย ทองดี" (no country code; the
    English half read "nasa" at 91). A capitalized Latin word, or a run without local words
    or not opened by a label or a local word, stays."""
    assert _slips(_row(("ตัวแทน:", 94), ("นายวิชัย", 95), ("nasa", 91))) == [2]
    assert _slips(_row(("ตัวแทน:", 94), ("นายวิชัย", 95), ("Wongsa", 91))) == []
    assert _slips(_row(("ชื่อ:", 95), ("ระบบนำทาง", 95), ("GPS", 93))) == []
    assert _slips(_row(("ตัวแทน:", 94), ("nasa", 91), ("lab", 91))) == []
    assert _slips(_row(("nasa", 91), ("ทองดี", 95))) == []


def _row(*words: tuple[str, float]) -> Line:
    """A line of words 110 px wide, 10 px apart."""
    return Line(
        tuple(
            Word(text, confidence, (100 + 120 * i, 500, 210 + 120 * i, 560))
            for i, (text, confidence) in enumerate(words)
        )
    )


def test_an_unsure_slip_in_a_local_name_takes_any_local_reading(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The Lao model reads its own words at 0-30 ("ແສງດາວ" at 0 over "waign10" at 23, seed
    2063): inside a local name that reading replaces the slip; outside one it needs 75 (no
    word list here: see the next test)."""
    monkeypatch.setattr(line_rereads, "default_lexicons", dict)
    in_name = Line((Word("Applicant:", 93, (100, 500, 300, 560)),
                    Word("waign10", 23, (320, 500, 470, 560)),
                    Word("ອິນທະວົງ", 28, (490, 500, 650, 560)),
                    Word("(LA)", 96, (670, 500, 760, 560))))  # fmt: skip
    lone = Line(
        (Word("Title:", 93, (100, 700, 220, 760)), Word("ayuoig", 30, (240, 700, 400, 760)))
    )
    page = _page(in_name, lone)
    bands = find_latin_slips(page, width=2480, height=3508)
    assert [b.line for b in bands] == [0, 1]
    rereads = []
    for band, y, text in zip(bands, (500, 700), ("ແສງດາວ", "ຂວດນ້ຳປາ"), strict=True):
        x0, y0 = band.band[:2]
        left, right = (320, 470) if y == 500 else (240, 400)
        word = Word(text, 0, (left - x0, y - y0, right - x0, y + 60 - y0))
        rereads.append(PageText(0, (Line((word,)),), 0, 0))
    fixed, replaced = replace_slips(page, bands, rereads)
    assert replaced == 1
    assert fixed.lines[0].text == "Applicant: ແສງດາວ ອິນທະວົງ (LA)"
    assert fixed.lines[1].text == "Title: ayuoig"


def test_a_sure_slip_far_taller_than_its_letters_takes_an_unsure_local_reading(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Seed 2105: "ហ្វូដ" (Food, two marks stacked under it) read "Wii" at 89 in a Khmer
    firm's name, its box 72 px high beside "(KH)" 44 px high; the Khmer model alone read
    "ហ្វូដ" at 48. Three Latin letters without descenders stand no taller than "(KH)": the
    unsure local reading replaces the slip. A sure slip as high as its line's Latin words
    ("Smart" in "ក្រុមហ៊ុន Smart (KH)") waits for a sure reading."""
    monkeypatch.setattr(line_rereads, "default_lexicons", dict)

    def name(slip: str, top: int) -> Line:
        return Line((Word("Applicant:", 96, (206, 1258, 446, 1308)),
                     Word("មេគង្គ", 95, (735, 1267, 838, 1314)),
                     Word(slip, 89, (857, top, 929, 1332)),
                     Word("(KH)", 97, (949, 1263, 1052, 1307))))  # fmt: skip

    # A bracket stands taller than capitals: "[Wii" as tall as its line's words is no sign.
    bracketed = Line(
        (Word("[Wii", 89, (100, 500, 200, 552)), Word("2020", 95, (220, 505, 300, 544)))
    )
    assert not line_rereads._taller_than_its_letters(bracketed, 0)
    for slip, top, expected in (("Wii", 1260, "ហ្វូដ"), ("Smart", 1290, "Smart")):
        page = _page(name(slip, top))
        bands = find_latin_slips(page, width=2480, height=3508)
        assert [b.line for b in bands] == [0]
        x0, y0 = bands[0].band[:2]
        word = Word("ហ្វូដ", 48, (857 - x0, 1262 - y0, 929 - x0, 1330 - y0))
        fixed, _ = replace_slips(page, bands, [PageText(0, (Line((word,)),), 0, 0)])
        assert fixed.lines[0].words[2].text == expected


def test_a_lone_slip_takes_an_unsure_local_reading_its_word_list_spells(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Seed 2073: a Lao title read "Sinaueszdioanw" at 24 (here 40, a slip not hopeless as
    Latin); the Lao model alone read "ວິທີການຜະລິດກາຕຟ" at 61, one letter from dictionary words.
    A reading the list does not spell ("ຂວດນ້ຳປາ" with "ຂວດ" unknown to it) still needs 75.
    Signs around the letters are left out of the spelling ("ວິທີການຜະລິດກາເນ|" at 26, seed
    2131)."""
    lexicon = Lexicon(["ວິທີການ", "ຜະລິດ", "ກາເຟ", "ກາ", "ເນ", "ນ້ຳ", "ປາ"])
    monkeypatch.setattr(line_rereads, "default_lexicons", lambda: {"LA": lexicon})
    for reread, expected in (
        ("ວິທີການຜະລິດກາຕຟ", "Title: ວິທີການຜະລິດກາຕຟ"),
        ("ຂວດນ້ຳປາ", "Title: Sinaueszdioanw"),
        # Seed 2131: a stroke after the word read as a sign; the letters still spell.
        ("ວິທີການຜະລິດກາເນ|", "Title: ວິທີການຜະລິດກາເນ|"),
        ("ຂວດນ້ຳປາ|", "Title: Sinaueszdioanw"),
    ):
        line = Line(
            (Word("Title:", 93, (100, 700, 220, 760)),
             Word("Sinaueszdioanw", 40, (240, 700, 600, 760)))
        )  # fmt: skip
        assert _slip_replaced_by(line, Word(reread, 61, (240, 700, 600, 760))) == expected


@pytest.mark.parametrize(
    ("read", "confidence", "reread", "expected"),
    [
        # Seed 2134: "ລະບົບກັ່ນຕອງນ້ຳ" read "asUunuagyin" at 12; the Lao model alone read it
        # at 31 with letters the steps after put right, and the list spells none of it.
        ("asUunuagyin", 12, "ລະຜົບກັນຕອງນ້ໍ", "(54) Title: ລະຜົບກັນຕອງນ້ໍ"),
        # Seed 2131: "Stinaveszdionww" at 13; the Lao model read "ວິທການຜະລິດກາເຟ" at 0.
        ("Stinaveszdionww", 13, "ວິທການຜະລິດກາເຟ", "(54) Title: ວິທການຜະລິດກາເຟ"),
        # Read as Latin less poorly: it may be a Latin title, and stays.
        ("Sinaueszdioanw", 30, "ວິທການຜະລິດກາເຟ", "(54) Title: Sinaueszdioanw"),
        # Fewer than four Lao signs, or Khmer letters: no Lao value read.
        ("asUunuagyin", 12, "ລະບ", "(54) Title: asUunuagyin"),
        ("asUunuagyin", 12, "ចង្កៀងលម្អ", "(54) Title: asUunuagyin"),
    ],
)
def test_a_lao_value_read_hopelessly_as_latin_takes_any_lao_reading(
    monkeypatch: pytest.MonkeyPatch, read: str, confidence: float, reread: str, expected: str
) -> None:
    monkeypatch.setattr(line_rereads, "default_lexicons", lambda: {"LA": Lexicon(["ກາ"])})
    line = Line(
        (Word("(54)", 96, (100, 700, 170, 760)), Word("Title:", 93, (190, 700, 300, 760)),
         Word(read, confidence, (320, 700, 600, 760)))
    )  # fmt: skip
    assert _slip_replaced_by(line, Word(reread, 31, (320, 700, 600, 760))) == expected


def test_a_hopeless_latin_slip_not_after_a_label_needs_a_sure_reading(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Only a value straight after its label is known to be read as Latin wholly."""
    monkeypatch.setattr(line_rereads, "default_lexicons", lambda: {"LA": Lexicon(["ກາ"])})
    line = Line(
        (Word("Title", 93, (190, 700, 300, 760)), Word("asUunuagyin", 12, (320, 700, 600, 760)))
    )
    reread = Word("ລະຜົບກັນຕອງນ້ໍ", 31, (320, 700, 600, 760))
    assert _slip_replaced_by(line, reread) == "Title asUunuagyin"


def _slip_replaced_by(line: Line, reread: Word) -> str:
    """The text of ``line`` after ``replace_slips`` with ``reread`` (in page pixels) the only
    word its band's re-read found."""
    page = _page(line)
    bands = find_latin_slips(page, width=2480, height=3508)
    x0, y0 = bands[0].band[:2]
    left, top, right, bottom = reread.bbox
    word = Word(reread.text, reread.confidence, (left - x0, top - y0, right - x0, bottom - y0))
    fixed, _replaced = replace_slips(page, bands, [PageText(0, (Line((word,)),), 0, 0)])
    return fixed.lines[0].text


def test_a_lone_slip_may_hold_the_digits_and_signs_its_strokes_looked_like(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Lao titles read wholly as Latin keep digits, signs and accented letters: "20auiui"
    (ຂວດນ້ຳປາ, seeds 2077 and 2079), "Simuw:damw" (sara a read as a colon, seed 2078). Each is
    a slip, and takes a local reading its word list spells; a number read unsurely on such a
    line is a candidate too, but a local reading with digits in it never replaces it."""
    lexicon = Lexicon(["ວິທີການ", "ຜະລິດ", "ກາເຟ", "ຂວດ", "ນ້ຳ", "ປາ"])
    monkeypatch.setattr(line_rereads, "default_lexicons", lambda: {"LA": lexicon})
    for read, reread, expected in (
        ("20auiui", "ຂວດນ້ຳປາ", "(54) Title: ຂວດນ້ຳປາ"),
        ("Simuw:damw", "ວິທີການຜະລິດກາເຟ", "(54) Title: ວິທີການຜະລິດກາເຟ"),
        ("Baginhéatuu", "ວິທີການຜະລິດກາເຟ", "(54) Title: ວິທີການຜະລິດກາເຟ"),  # seed 2081
        ("KH/P/2017/1", "!។(/២/2017/1", "(54) Title: KH/P/2017/1"),
    ):
        line = Line(
            (Word("(54)", 96, (100, 700, 170, 760)), Word("Title:", 93, (190, 700, 300, 760)),
             Word(read, 20, (320, 700, 600, 760)))
        )  # fmt: skip
        assert _slips(line) == [2]
        assert _slip_replaced_by(line, Word(reread, 30, (320, 700, 600, 760))) == expected


def test_a_sure_slip_needs_a_sure_local_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sure: read at 75 or more, or spelled by the script's word list (here none)."""
    monkeypatch.setattr(line_rereads, "default_lexicons", lambda: {})
    page = _page(
        Line(
            (
                Word("សុខ", 95, (100, 500, 200, 560)),
                Word("AIM", 94, (220, 500, 320, 560)),
                Word("(KH)", 95, (340, 500, 420, 560)),
            )
        )
    )
    bands = find_latin_slips(page, width=2480, height=3508)
    x0, y0 = bands[0].band[:2]
    for confidence, expected in ((90.0, "សុខ សុភា (KH)"), (70.0, "សុខ AIM (KH)")):
        local = Word("សុភា", confidence, (220 - x0, 500 - y0, 320 - x0, 560 - y0))
        fixed, _replaced = replace_slips(page, bands, [PageText(0, (Line((local,)),), 0, 0)])
        assert fixed.lines[0].text == expected


def test_a_title_read_as_two_latin_slips_comes_back_once_not_lost() -> None:
    """Seed 2124 read the Khmer design title "កាបូបត្បាញ" as "MUYVFAN EM"; the Khmer-alone band
    read it whole over both. The first slip took it and the second went as debris under it;
    the second was then still tried as a slip and took the title and the word before it
    away with it, leaving "(54) Title:" empty."""
    title = Line(
        (
            Word("(54)", 97, (222, 1112, 313, 1155)),
            Word("Title:", 96, (332, 1112, 446, 1149)),
            Word("MUYVFAN", 33, (471, 1111, 659, 1170)),
            Word("EM", 62, (673, 1111, 713, 1170)),
        )
    )
    page = _page(title, NEXT)
    bands = find_latin_slips(page, width=2480, height=3508)
    assert [b.line for b in bands] == [0]
    x0, y0 = bands[0].band[:2]
    reread = Line(
        (
            Word("(54)", 95, (222 - x0, 1112 - y0, 313 - x0, 1155 - y0)),
            Word("178:", 63, (332 - x0, 1112 - y0, 446 - x0, 1149 - y0)),
            Word("កាបូបត្បាញ", 81, (471 - x0, 1115 - y0, 713 - x0, 1166 - y0)),
        )
    )
    fixed, replaced = replace_slips(page, bands, [PageText(0, (reread,), 0, 0)])
    assert fixed.lines[0].text == "(54) Title: កាបូបត្បាញ"
    assert replaced == 1


def test_a_slip_is_replaced_by_the_local_word_read_in_its_place() -> None:
    page = _page(SLIPPED, NEXT)
    bands = find_latin_slips(page, width=2480, height=3508)
    x0, y0 = bands[0].band[:2]

    def at(text: str, left: int, right: int) -> Word:
        return Word(text, 91, (left - x0, 500 - y0, right - x0, 560 - y0))

    # The Thai-only read: the company word where "dana" was, and a word running over two
    # places (not copied into the slip).
    reread = PageText(0, (Line((at("บริษัทสยาม", 100, 400), at("จำกัด", 585, 690))),), 0, 0)
    fixed, replaced = replace_slips(page, bands, [reread])
    assert replaced == 1
    assert fixed.lines[0].text == "บริษัท สยามเทคโนโลยี จำกัด (TH)"
    assert fixed.lines[1] == NEXT


def test_a_slip_that_is_the_tail_of_the_local_word_before_it_goes_with_it() -> None:
    """Seed 2057: "ผู้ประดิษ vs:" for the label "ผู้ประดิษฐ์:"; the Thai-only re-read reads the
    whole word over both, so both are replaced by it; an unsure re-read changes nothing."""
    page = _page(
        Line(
            (
                Word("ผู้ประดิษ", 94, (100, 500, 300, 560)),
                Word("vs:", 60, (305, 500, 360, 560)),
                Word("สุดารัตน์", 93, (390, 500, 560, 560)),
                Word("(TH)", 95, (580, 500, 660, 560)),
            )
        )
    )
    bands = find_latin_slips(page, width=2480, height=3508)
    x0, y0 = bands[0].band[:2]
    for confidence, expected in ((93.0, "ผู้ประดิษฐ์: สุดารัตน์ (TH)"), (60.0, "ผู้ประดิษ vs: สุดารัตน์ (TH)")):
        whole = Word("ผู้ประดิษฐ์:", confidence, (100 - x0, 500 - y0, 362 - x0, 560 - y0))
        fixed, _replaced = replace_slips(page, bands, [PageText(0, (Line((whole,)),), 0, 0)])
        assert fixed.lines[0].text == expected
    assert fixed.lines[0].words[0].bbox == (100, 500, 300, 560)
    # A re-read word running on over the next word, or over only part of the word before,
    # replaces nothing: no word may be copied twice or lost.
    for left, right in ((100, 560), (150, 362)):
        over = Word("ผู้ประดิษฐ์:สุดารัตน์", 93.0, (left - x0, 500 - y0, right - x0, 560 - y0))
        fixed, _replaced = replace_slips(page, bands, [PageText(0, (Line((over,)),), 0, 0)])
        assert fixed.lines[0].text == "ผู้ประดิษ vs: สุดารัตน์ (TH)"


def test_a_reading_over_a_slip_and_the_word_before_it_does_not_copy_that_word() -> None:
    """Seed 2090: "ບຸນມີ uuu (LA)" came back as one unsure "ບຸນມີາມມະຈັນ" over both words, 62%
    of it over the slip: put in the slip's place it wrote "ບຸນມີ" twice. It replaces nothing."""
    line = Line(
        (
            Word("Applicant:", 96, (305, 1182, 495, 1224)),
            Word("ບຸນມີ", 93, (512, 1172, 598, 1233)),
            Word("uuu", 10, (609, 1176, 771, 1214)),
            Word("(LA)", 94, (788, 1182, 876, 1224)),
        )
    )
    page = _page(line)
    bands = find_latin_slips(page, width=2480, height=3508)
    x0, y0 = bands[0].band[:2]
    both = Word("ບຸນມີາມມະຈັນ", 39, (512 - x0, 1172 - y0, 771 - x0, 1233 - y0))
    fixed, replaced = replace_slips(page, bands, [PageText(0, (Line((both,)),), 0, 0)])
    assert (fixed.lines[0].text, replaced) == ("Applicant: ບຸນມີ uuu (LA)", 0)


def test_a_misread_ipc_subclass_is_replaced_by_the_english_reading() -> None:
    label = Word("สัญลักษณ์จำแนกการประดิษฐ์ระหว่างประเทศ:", 94, (100, 900, 900, 960))
    ipc = Line(
        (
            label,
            Word("1104", 90, (930, 910, 1040, 950)),  # H04W read by the Thai half
            Word("84/18;", 93, (1060, 910, 1190, 955)),
            Word("A01F", 91, (1210, 910, 1320, 950)),  # a right one stays
            Word("25/12", 93, (1340, 910, 1460, 950)),
        )
    )
    dates = Line(
        (
            Word("วันยื่นคำขอ:", 94, (100, 1000, 400, 1060)),
            Word("18/08/2544", 95, (420, 1010, 700, 1050)),
        )
    )
    page = _page(ipc, dates)
    bands = find_odd_symbols(page, width=2480, height=3508)
    assert [b.line for b in bands] == [0]  # a date is no group number after a subclass
    x0, y0 = bands[0].band[:2]
    english = Line(
        tuple(
            Word(text, 88, (a - x0, 910 - y0, b - x0, 950 - y0))
            for text, a, b in (("H04W", 928, 1042), ("84/18;", 1060, 1190), ("AO1F", 1210, 1320))
        )
    )
    fixed, replaced = replace_symbols(page, bands, [PageText(0, (english,), 0, 0)])
    assert replaced == 1
    assert [w.text for w in fixed.lines[0].words[1:]] == ["H04W", "84/18;", "A01F", "25/12"]


def test_each_odd_symbol_is_read_again_alone_with_the_piece_cut_off_before_it() -> None:
    """G01N read "601 ผ" by the Thai half (seed 2088): the band holds "601", "ผ" and the group,
    not the Thai label, which made English read "GON" at 24; alone it read "GO1N". Two odd
    symbols on a line are two bands."""
    label = Word("สัญลักษณ์จำแนกการประดิษฐ์ระหว่างประเทศ:", 94, (100, 900, 900, 960))
    ipc = Line(
        (
            label,
            Word("601", 86, (930, 910, 1000, 950)),
            Word("ผ", 79, (1010, 910, 1040, 950)),
            Word("33/24;", 90, (1060, 910, 1190, 955)),
            Word("1104", 90, (1210, 910, 1320, 950)),
            Word("84/18", 93, (1340, 910, 1460, 950)),
        )
    )
    page = _page(ipc)
    bands = find_odd_symbols(page, width=2480, height=3508)
    assert [b.line for b in bands] == [0, 0]
    first, second = (b.band for b in bands)
    assert 900 < first[0] < 930 and 1190 < first[2] < 1210  # no label, no H04W
    assert 1190 < second[0] < 1210 and second[2] > 1460
    x0, y0 = first[:2]
    english = Line((Word("GO1N", 78, (930 - x0, 910 - y0, 1040 - x0, 950 - y0)),))
    fixed, replaced = replace_symbols(page, bands[:1], [PageText(0, (english,), 0, 0)])
    assert replaced == 1
    assert normalize_ipc(fixed.lines[0].text) == ["G01N 33/24"]  # "1104" not yet read again


def test_a_piece_cut_off_before_a_symbol_may_open_with_a_bracket() -> None:
    """Seed 2106: G06T read "(๐" "061" by the Thai half, its G a bracket and a Thai zero. The
    band holds both, so English reads "G06T" whole; without the piece the symbol was lost."""
    label = Word("สัญลักษณ์จำแนกการประดิษฐ์ระหว่างประเทศ:", 94, (223, 897, 1070, 957))
    piece = Word("(๐", 66, (1100, 897, 1127, 957))
    odd, group = Word("061", 67, (1131, 906, 1221, 943)), Word("9/00;", 89, (1240, 906, 1355, 949))
    ipc = Line((label, piece, odd, group))
    page = _page(ipc)
    bands = find_odd_symbols(page, width=2480, height=3508)
    assert len(bands) == 1 and 1070 < bands[0].band[0] < 1100 and bands[0].band[2] > 1355
    x0, y0 = bands[0].band[:2]
    english = Line((Word("G06T", 91, (1100 - x0, 906 - y0, 1221 - x0, 943 - y0)),))
    fixed, replaced = replace_symbols(page, bands, [PageText(0, (english,), 0, 0)])
    assert replaced == 1
    assert normalize_ipc(fixed.lines[0].text) == ["G06T 9/00"]


def test_a_g_fallen_into_two_pieces_is_read_again_with_both() -> None:
    """Seed 2129: G06T read "0" "๐" "061'9/00" by the Thai half. A band from the second piece
    on read "(O6T 9/00" in English; from the first, "GO6T 9/00". A word further off stays out."""
    label = Word("สัญลักษณ์จำแนกการประดิษฐ์ระหว่างประเทศ:", 94, (360, 926, 1322, 990))
    far = Word("A", 80, (1250, 940, 1290, 973))  # a piece-like word one letter's width away
    first, second = Word("0", 89, (1352, 940, 1364, 973)), Word("๐", 55, (1364, 926, 1372, 990))
    odd = Word("061'9/00", 61, (1376, 940, 1553, 973))
    page = _page(Line((label, first, second, odd)))
    bands = find_odd_symbols(page, width=2480, height=3508)
    # The margin (a third of a word's height) reaches back past the first piece, not just into it.
    assert len(bands) == 1 and 1322 < bands[0].band[0] <= 1352 - 12 and bands[0].band[2] > 1553
    x0, y0 = bands[0].band[:2]
    english = Line((Word("GO6T", 88, (1352 - x0, 940 - y0, 1460 - x0, 973 - y0)),))
    fixed, replaced = replace_symbols(page, bands, [PageText(0, (english,), 0, 0)])
    assert replaced == 1
    # The pieces were read from the G's ink: the line's text keeps only the symbol.
    assert fixed.lines[0].text.endswith(": G06T 9/00")
    assert fixed.lines[0].words[-1].bbox[0] == 1352
    apart = find_odd_symbols(_page(Line((label, far, first, odd))), width=2480, height=3508)
    assert len(apart) == 1 and apart[0].band[0] > 1290


def test_a_latin_names_word_read_as_thai_letters_is_read_again_in_english() -> None:
    """Seed 2129: "Acme" read "ทา" at 73 by the Thai half, its box 20 px right of the "A". The
    band runs from the code before the name to its own code; English's word takes the place."""
    words = (
        Word("(71)", 93, (254, 1279, 337, 1323)),
        Word("ผู้ขอรับสิทธิบัตร:", 95, (347, 1265, 668, 1333)),
        Word("มหาวิทยาลัยเกษตรศาสตร์", 95, (687, 1260, 1182, 1327)),
        Word("(TH);", 96, (1207, 1279, 1310, 1322)),
        Word("ทา", 73, (1386, 1260, 1437, 1327)),
        Word("Semiconductor,", 96, (1473, 1276, 1828, 1320)),
        Word("Inc.", 96, (1846, 1279, 1926, 1315)),
        Word("(US)", 96, (1944, 1278, 2034, 1322)),
    )
    page = _page(Line(words))
    bands = find_odd_words_in_latin_names(page, width=2480, height=3508)
    assert len(bands) == 1
    x0, y0, x1, _ = bands[0].band
    assert 1310 <= x0 < 1360 and x1 > 2034  # not the Thai name before, the whole Latin one
    english = Line(
        tuple(
            Word(text, conf, (a - x0, 1276 - y0, b - x0, 1320 - y0))
            for text, conf, a, b in (
                ("Acme", 81, 1362, 1462), ("Semiconductor,", 96, 1473, 1828),
                ("Inc.", 96, 1846, 1926), ("(US)", 96, 1944, 2034),
            )
        )
    )  # fmt: skip
    fixed, replaced = replace_odd_name_words(page, bands, [PageText(0, (english,), 0, 0)])
    assert replaced == 1
    assert fixed.lines[0].text.endswith("(TH); Acme Semiconductor, Inc. (US)")


def test_a_latin_names_word_read_as_a_number_is_read_again_but_not_a_thai_name() -> None:
    """Seed 2129, a Lao page: "Co.," read "60.," at 88. A Thai firm's name with Latin words in
    it is no Latin name, nor is a Latin name without an odd word."""
    label = Word("Applicant:", 93, (325, 1377, 570, 1425))
    latin = Line(
        (
            label,
            Word("Siam", 92, (1073, 1377, 1190, 1416)),
            Word("Agritech", 92, (1211, 1377, 1416, 1425)),
            Word("60.,", 88, (1439, 1378, 1528, 1421)),
            Word("Ltd.", 96, (1553, 1377, 1638, 1416)),
            Word("(TH)", 97, (1663, 1377, 1763, 1422)),
        )
    )
    thai = Line(
        (
            Word("ผู้ขอรับสิทธิบัตร:", 95, (347, 1565, 668, 1633)),
            *(
                Word(text, 90, (a, 1565, a + 200, 1633))
                for text, a in (("บริษัท", 700), ("ABC", 920), ("Trading", 1140), ("จำกัด", 1360))
            ),
            Word("(TH)", 96, (1580, 1579, 1680, 1622)),
        )
    )
    kyoto = Line(
        (
            label,
            *(
                Word(text, 90, (a, 1777, a + 200, 1822))
                for text, a in (("Kyoto", 700), ("Precision", 920), ("Co.,", 1140), ("Ltd.", 1360))
            ),
            Word("(JP)", 96, (1580, 1777, 1680, 1822)),
        )
    )
    page = _page(latin, thai, kyoto)
    bands = find_odd_words_in_latin_names(page, width=2480, height=3508)
    assert [b.line for b in bands] == [0]
    x0, y0 = bands[0].band[:2]
    english = Line((Word("Co.,", 90, (1437 - x0, 1377 - y0, 1530 - x0, 1421 - y0)),))
    fixed, replaced = replace_odd_name_words(page, bands, [PageText(0, (english,), 0, 0)])
    assert replaced == 1
    assert fixed.lines[0].text == "Applicant: Siam Agritech Co., Ltd. (TH)"
    unsure = Line((Word("Co.,", 55, (1437 - x0, 1377 - y0, 1530 - x0, 1421 - y0)),))
    _, replaced = replace_odd_name_words(page, bands, [PageText(0, (unsure,), 0, 0)])
    assert replaced == 0  # English must be sure of it


def test_a_sans_serif_g06f_read_in_english_as_gogf_is_taken() -> None:
    """The Thai half read G06F as "606"; English reads "GOGF", which the IPC normalizer
    takes as G06F (a G in the class is a 6 of a sans-serif face)."""
    ipc = Line(
        (
            Word("สัญลักษณ์จำแนกการประดิษฐ์ระหว่างประเทศ:", 94, (100, 900, 900, 960)),
            Word("606", 90, (930, 910, 1040, 950)),
            Word("17/30", 93, (1060, 910, 1190, 955)),
        )
    )
    page = _page(ipc)
    bands = find_odd_symbols(page, width=2480, height=3508)
    x0, y0 = bands[0].band[:2]
    english = Line((Word("GOGF", 51, (928 - x0, 910 - y0, 1042 - x0, 950 - y0)),))
    fixed, replaced = replace_symbols(page, bands, [PageText(0, (english,), 0, 0)])
    assert replaced == 1
    assert normalize_ipc(fixed.lines[0].text) == ["G06F 17/30"]


def test_a_subclass_glued_to_its_group_is_replaced_and_keeps_the_group() -> None:
    """The Thai half read "G06T 9/00" as one word "@067'9/00" (seed 2047); English reads the
    symbol, glued or not, and the line reads G06T 9/00 again."""
    ipc = Line(
        (
            Word("สัญลักษณ์จำแนกการประดิษฐ์ระหว่างประเทศ:", 94, (100, 900, 900, 960)),
            Word("@067'9/00", 90, (930, 910, 1150, 950)),
        )
    )
    page = _page(ipc)
    assert normalize_ipc(page.lines[0].text) is None
    bands = find_odd_symbols(page, width=2480, height=3508)
    assert [b.line for b in bands] == [0]
    x0, y0 = bands[0].band[:2]
    for english_words in (
        (Word("G06T9/00", 80, (930 - x0, 910 - y0, 1150 - x0, 950 - y0)),),
        (
            Word("G06T", 80, (930 - x0, 910 - y0, 1040 - x0, 950 - y0)),
            Word("9/00", 80, (1060 - x0, 910 - y0, 1150 - x0, 950 - y0)),
        ),
    ):
        english = PageText(0, (Line(english_words),), 0, 0)
        fixed, replaced = replace_symbols(page, bands, [english])
        assert replaced == 1
        assert normalize_ipc(fixed.lines[0].text) == ["G06T 9/00"]
    # The subclass's last letter read as a digit ("G0679/00"): the group stays 9/00.
    seven = _page(Line((ipc.words[0], Word("G0679/00", 90, (930, 910, 1150, 950)))))
    bands = find_odd_symbols(seven, width=2480, height=3508)
    english = PageText(
        0, (Line((Word("G06T9/00", 80, (930 - x0, 910 - y0, 1150 - x0, 950 - y0)),)),), 0, 0
    )
    fixed, replaced = replace_symbols(seven, bands, [english])
    assert normalize_ipc(fixed.lines[0].text) == ["G06T 9/00"]


def test_a_glued_subclass_whose_separator_was_read_as_a_colon_is_replaced() -> None:
    """ "6067'9/00:" for "G06T 9/00;" before two more symbols (seed 2111): the group may end
    in a colon as in a semicolon, and the symbol is read again like any glued one."""
    ipc = Line(
        (
            Word("สัญลักษณ์จำแนกการประดิษฐ์ระหว่างประเทศ:", 94, (100, 900, 900, 960)),
            Word("6067'9/00:", 90, (930, 910, 1150, 950)),
            Word("B01D", 93, (1170, 910, 1270, 950)),
            Word("39/20", 93, (1290, 910, 1400, 950)),
        )
    )
    page = _page(ipc)
    bands = find_odd_symbols(page, width=2480, height=3508)
    assert [b.line for b in bands] == [0]
    x0, y0 = bands[0].band[:2]
    english = PageText(
        0, (Line((Word("G06T9/00:", 80, (930 - x0, 910 - y0, 1150 - x0, 950 - y0)),)),), 0, 0
    )
    fixed, replaced = replace_symbols(page, bands, [english])
    assert replaced == 1
    assert normalize_ipc(fixed.lines[0].text) == ["G06T 9/00", "B01D 39/20"]


def test_an_ipc_line_labelled_in_english_on_a_lao_page_is_reread() -> None:
    """The Lao model read B01D as "8010" on a line whose label is "Int. Cl.": no Lao letters
    on the line, and the symbol must still be read again in English."""
    ipc = Line(
        (
            Word("(51)", 95, (100, 900, 180, 960)),
            Word("Int.", 94, (200, 900, 280, 960)),
            Word("Cl.:", 94, (300, 900, 380, 960)),
            Word("8010", 89, (400, 905, 500, 955)),
            Word("39/20;", 92, (520, 905, 650, 960)),
            Word("GO6T", 90, (670, 905, 780, 955)),
            Word("9/00", 93, (800, 905, 890, 955)),
        )
    )
    page = _page(Line((Word("ສິດທິບັດ", 93, (100, 500, 400, 560)),)), ipc)
    bands = find_odd_symbols(page, width=2480, height=3508)
    assert [b.line for b in bands] == [1]
    x0, y0 = bands[0].band[:2]
    english = Line((Word("B01D", 90, (400 - x0, 905 - y0, 500 - x0, 955 - y0)),))
    fixed, replaced = replace_symbols(page, bands, [PageText(0, (english,), 0, 0)])
    assert replaced == 1
    assert [w.text for w in fixed.lines[1].words[3:]] == ["B01D", "39/20;", "GO6T", "9/00"]


def test_a_local_title_read_wholly_as_latin_is_reread_and_a_real_mark_is_kept() -> None:
    """A Khmer title read as "MUDANM" (47) on a line with no Khmer letters is a slip; a Latin
    mark read at 55 stays when the local model reads it worse; a class symbol is no slip."""
    title = Line(
        (
            Word("[54]", 95, (100, 500, 180, 560)),
            Word("Title:", 92, (200, 500, 320, 560)),
            Word("MUDANM", 47, (340, 500, 640, 560)),
        )
    )
    mark = Line(
        (Word("Mark:", 96, (100, 700, 220, 760)), Word("SIAMORA", 55, (240, 700, 520, 760)))
    )
    ipc = Line((Word("GOIN", 51, (100, 900, 200, 960)), Word("33/24", 90, (220, 900, 330, 960))))
    page = _page(title, mark, ipc)
    bands = find_latin_slips(page, width=2480, height=3508)
    assert [b.line for b in bands] == [0, 1]

    def reread(band, text: str, confidence: float, left: int, right: int) -> PageText:
        x0 = band.band[0]  # band pixels: the line sits a few pixels below the band's top
        word = Word(text, confidence, (left - x0, 10, right - x0, 70))
        return PageText(0, (Line((word,)),), 0, 0)

    rereads = [reread(bands[0], "កាបូបត្បាញ", 88, 345, 640), reread(bands[1], "ສຽມ", 41, 245, 515)]
    fixed, replaced = replace_slips(page, bands, rereads)
    assert replaced == 1
    assert fixed.lines[0].text == "[54] Title: កាបូបត្បាញ"
    assert fixed.lines[1].text == "Mark: SIAMORA"


def test_a_latin_mark_read_as_unsure_thai_is_replaced_by_a_sure_english_reading() -> None:
    """Seed 2051: the mark SAOMAI came out of the Thai model as "หเม" at 28; English reads
    SAOMAI there at 71. A sure Thai value, and English junk, change nothing."""

    def mark_line(value: str, confidence: float) -> Line:
        return Line(
            (
                Word("(540)", 93, (224, 680, 330, 730)),
                Word("เครื่องหมายการค้า:", 94, (350, 670, 700, 740)),
                Word(value, confidence, (720, 680, 900, 730)),
            )
        )

    page = _page(mark_line("หเม", 28), NEXT)
    sure = _page(mark_line("ขวดน้ำ", 91), NEXT)
    assert find_unsure_local_values(sure, BLANK_PAGE) == []
    bands = find_unsure_local_values(page, BLANK_PAGE)
    assert [b.line for b in bands] == [0]
    x0, y0 = bands[0].band[:2]

    def english(*words: tuple[str, float, int, int]) -> PageText:
        return PageText(
            0,
            (
                Line(
                    tuple(Word(t, c, (a - x0, 680 - y0, b - x0, 730 - y0)) for t, c, a, b in words)
                ),
            ),
            0,
            0,
        )

    read = english(
        ("(540)", 93, 224, 330), ("lnSovKUIEMsAI:", 0, 350, 700), ("SAOMAI", 71, 720, 900)
    )
    fixed, replaced = replace_unsure_values(page, bands, [read])
    assert (fixed.lines[0].text, replaced) == ("(540) เครื่องหมายการค้า: SAOMAI", 1)
    assert fixed.lines[1] == NEXT
    for junk in (("SAOMAI", 40, 720, 900), ("S@O~", 90, 720, 900)):
        assert replace_unsure_values(page, bands, [english(junk)]) == (page, 0)


def test_a_date_whose_slashes_were_read_as_thai_letters_takes_the_english_reading() -> None:
    """Seed 2085: "(22) วันยื่นคำขอ: 2 ป 1 ป 2544" for "21/11/2544", each group read at 90 or
    more; the filing date was lost. English reads "21/11/2544" there at 96. Digits with
    words between them, or an English reading with letters, change nothing."""
    label = (Word("(22)", 93, (224, 680, 300, 730)), Word("วันยื่นคำขอ:", 94, (320, 670, 560, 740)))
    value = (
        Word("2", 92, (580, 680, 600, 730)),
        Word("ป", 90, (602, 680, 622, 730)),
        Word("1", 93, (624, 680, 640, 730)),
        Word("ป", 90, (642, 680, 662, 730)),
        Word("2544", 95, (664, 680, 760, 730)),
    )
    page = _page(Line((*label, *value)), NEXT)
    spelled = (
        Word("12", 95, (580, 680, 620, 730)),
        Word("ธันวาคม", 95, (630, 670, 760, 740)),
        Word("2544", 95, (770, 680, 860, 730)),
    )
    words = _page(Line((*label, *spelled)))
    assert find_unsure_local_values(words, BLANK_PAGE) == []
    bands = find_unsure_local_values(page, BLANK_PAGE)
    assert [b.line for b in bands] == [0]
    x0, y0 = bands[0].band[:2]

    def english(text: str, confidence: float) -> PageText:
        word = Word(text, confidence, (580 - x0, 680 - y0, 760 - x0, 730 - y0))
        return PageText(0, (Line((word,)),), 0, 0)

    fixed, replaced = replace_unsure_values(page, bands, [english("21/11/2544", 96)])
    assert (fixed.lines[0].text, replaced) == ("(22) วันยื่นคำขอ: 21/11/2544", 1)
    for text, confidence in (("21/11/2544", 50), ("2U11/2544", 96)):
        assert replace_unsure_values(page, bands, [english(text, confidence)]) == (page, 0)


def test_a_latin_mark_read_as_one_thai_letter_is_read_again_over_all_its_ink() -> None:
    """Seeds 2079-2080: "เครื่องหมายการค้า: ห" at 75 for the marks SAOMAI and SIAMORA, the
    letter's box a fifth of the mark's width. One or two local letters are no value: the
    line is read in English over the ink that runs on right of the letter (a word space
    apart at most, not the next column), and a Latin word of three letters or more read at 50
    replaces them (SIAMORA came back at 55)."""
    line = Line(
        (
            Word("เครื่องหมายการค้า:", 94, (301, 897, 643, 971)),
            Word("ห", 75, (754, 897, 780, 966)),
        )
    )
    page = _page(line, NEXT)
    image = BLANK_PAGE.copy()
    image[922:956, 661:873] = 0  # the mark's ink, wider than "ห"
    image[922:956, 1600:1700] = 0  # the next column, far to the right
    (band,) = find_unsure_local_values(page, image)
    assert 873 < band.band[2] < 1000
    assert find_unsure_local_values(_page(NEXT), image) == []
    x0 = band.band[0]
    read = PageText(0, (Line((Word("SIAMORA", 55, (661 - x0, 0, 873 - x0, 34)),)),), 0, 0)
    fixed, replaced = replace_unsure_values(page, [band], [read])
    assert (fixed.lines[0].text, replaced) == ("เครื่องหมายการค้า: SIAMORA", 1)
    short = PageText(0, (Line((Word("SI", 55, (661 - x0, 0, 700 - x0, 34)),)),), 0, 0)
    assert replace_unsure_values(page, [band], [short]) == (page, 0)


def test_a_latin_mark_read_as_thai_letters_over_part_of_its_ink_is_read_again() -> None:
    """Seed 2130: SIAMORA read "บงห" at 74, three letters and sure enough, but its box spans a
    third of the ink after the label (and "แพิค" at 66 two thirds, the ink before its box). A
    Thai value whose boxes span its ink is left alone."""
    label = Word("เครื่องหมายการค้า:", 94, (366, 693, 736, 760))
    mark = Line((label, Word("บงห", 74, (797, 681, 876, 760))))
    page = _page(mark)
    image = BLANK_PAGE.copy()
    image[710:750, 760:980] = 0  # SIAMORA's ink
    (band,) = find_unsure_local_values(page, image)
    assert band.band[2] > 980  # over all the mark's ink
    x0 = band.band[0]
    read = PageText(0, (Line((Word("SIAMORA", 91, (760 - x0, 0, 980 - x0, 40)),)),), 0, 0)
    fixed, replaced = replace_unsure_values(page, [band], [read])
    assert (fixed.lines[0].text, replaced) == ("เครื่องหมายการค้า: SIAMORA", 1)
    thai = Line((label, Word("สยามโอรา", 90, (762, 681, 975, 760))))
    assert find_unsure_local_values(_page(thai), image) == []


def test_a_claims_country_read_as_thai_letters_is_read_again_in_english() -> None:
    """Seeds 2073, 2076: "(30) วันยื่นคำขอในต่างประเทศ: ปร 60/837,068 23/12/2549" and "... ป 5
    61/721 ,824 ..." for US. English's "US" over the local tokens replaces them; a reading that
    is no country code, unsure, or two words, changes nothing; a Latin code is left alone."""

    def claim(*value: str) -> Line:
        words = [
            Word("(30)", 95, (224, 680, 300, 730)),
            Word("วันยื่นคำขอ:", 94, (320, 670, 600, 740)),
        ]
        for i, text in enumerate(value):
            words.append(Word(text, 90, (620 + 140 * i, 680, 740 + 140 * i, 730)))
        return Line(tuple(words))

    page = _page(claim("ปร", "60/837,068", "23/12/2549"), claim("ป", "5", "61/721", ",824"), NEXT)
    bands = find_local_country_codes(page, width=2480, height=3508)
    assert [b.line for b in bands] == [0, 1]
    for text in (("US", "60/837,068"), ("เลขที่", "ใหม่", "ก", "12/2549"), ("ปร", "12")):
        assert find_local_country_codes(_page(claim(*text)), width=2480, height=3508) == []

    def english(band: int, *words: tuple[str, float, int, int]) -> PageText:
        x0, y0 = bands[band].band[:2]
        line = tuple(Word(t, c, (a - x0, 680 - y0, b - x0, 730 - y0)) for t, c, a, b in words)
        return PageText(0, (Line(line),), 0, 0)

    reads = [english(0, ("US", 88, 622, 735)), english(1, ("US", 85, 625, 870))]
    fixed, replaced = replace_country_codes(page, bands, reads)
    assert replaced == 2
    assert fixed.lines[0].text == "(30) วันยื่นคำขอ: US 60/837,068 23/12/2549"
    assert fixed.lines[1].text == "(30) วันยื่นคำขอ: US 61/721 ,824"
    for junk in (("XQ", 90, 622, 735), ("US", 50, 622, 735), ("Us", 90, 622, 735)):
        assert replace_country_codes(page, bands[:1], [english(0, junk)]) == (page, 0)
    two = english(0, ("U", 90, 622, 670), ("S", 90, 680, 735))
    assert replace_country_codes(page, bands[:1], [two]) == (page, 0)


def test_a_names_bracketed_code_read_as_thai_letters_is_read_again_in_english() -> None:
    """Seed 2125: "(US)" after a Latin firm, alone on the name's second line, read "(ปร)" at 90.
    English's "(US)" over it replaces it; no code, an unsure or unbracketed one, changes
    nothing; a bracket of Latin capitals or a longer Thai word in brackets is no target."""
    first = Line(
        (
            Word("(71)", 93, (236, 1162, 332, 1208)),
            Word("ผู้ขอรับสิทธิบัตร:", 95, (339, 1144, 669, 1219)),
            Word("Acme", 92, (1502, 1164, 1640, 1201)),
            Word("Inc.", 97, (2072, 1164, 2160, 1201)),
        )
    )
    second = Line((Word("(ปร)", 90, (355, 1246, 468, 1308)),))
    page = _page(first, second, NEXT)
    (band,) = find_local_country_codes(page, width=2480, height=3508)
    assert band.line == 1
    for text in ("(US)", "(บริษัท)", "ปร"):
        lone = _page(Line((Word(text, 90, (355, 1246, 468, 1308)),)))
        assert find_local_country_codes(lone, width=2480, height=3508) == []

    def english(text: str, confidence: float) -> PageText:
        x0, y0 = band.band[:2]
        word = Word(text, confidence, (357 - x0, 1250 - y0, 470 - x0, 1305 - y0))
        return PageText(0, (Line((word,)),), 0, 0)

    fixed, replaced = replace_country_codes(page, [band], [english("(US)", 96)])
    assert (fixed.lines[1].text, replaced) == ("(US)", 1)
    assert fixed.lines[1].words[0].bbox == second.words[0].bbox
    for text, confidence in (("(XQ)", 96), ("(US)", 50), ("US", 96), ("(Us)", 96)):
        assert replace_country_codes(page, [band], [english(text, confidence)]) == (page, 0)


def _drawn_thai_lines(
    texts: list[str], *, height: int
) -> tuple[Image.Image, ImageDraw.ImageDraw, Any, list[Line]]:
    """A 2000 px wide page with ``texts`` drawn 180 px apart in a Thai face, size 50.

    Returns the image, its drawing, the face, and one sure line per text.
    """
    font = gt.fonts.load(gt.fonts.faces("thai")[0][0], 50)
    image = Image.new("L", (2000, height), 255)
    draw = ImageDraw.Draw(image)
    lines = []
    for i, text in enumerate(texts):
        draw.text((150, 120 + 180 * i), text, font=font, fill=0)
        box = draw.textbbox((150, 120 + 180 * i), text, font=font)
        lines.append(Line((Word(text, 93, box),), i))
    return image, draw, font, lines


def test_a_line_the_page_read_lost_is_read_alone_and_put_back_in_its_place() -> None:
    """Seed 2064: Tesseract dropped "เลขที่คำขอ: 1301890308" from a clean Thai page and read
    debris ("ฯ49") there. The band of ink without read words is found, read as one line, and
    put back between the lines above and below it; the debris goes. A page that read every
    line, with a rule under its heading, has no lost lines."""
    texts = ["กรมทรัพย์สินทางปัญญา", "เลขที่คำขอ: 1301890308", "วันยื่นคำขอ: 14/03/2556",
             "ผู้ประดิษฐ์: วิชัย ใจดี (TH)"]  # fmt: skip
    image, draw, _font, lines = _drawn_thai_lines(texts, height=900)
    draw.line((150, 100, 1800, 100), fill=0, width=3)
    pixels = np.asarray(image)
    assert find_lost_lines(PageText(0, tuple(lines), 2000, 900), pixels) == []

    x0, y0, _x1, y1 = lines[1].bbox
    debris = Line((Word("ฯ49", 31, (x0 + 40, y0, x0 + 90, y0 + 30)),), 1)
    lost_page = PageText(0, (lines[0], debris, *lines[2:]), 2000, 900)
    found = find_lost_lines(lost_page, pixels)
    assert len(found) == 1
    band = found[0].band
    assert band[1] < y0 and band[3] > y1 and band[0] <= x0
    rereads = _tesseract.recognize_lines(cut_lost_lines(pixels, found), lang="tha+eng", dpi=300)
    fixed, kept = put_back_lost_lines(lost_page, found, rereads)
    assert kept == 1
    assert [line.text for line in fixed.lines] == [texts[0], rereads[0].text, *texts[2:]]
    assert "1301890308" in fixed.lines[1].text


def test_a_row_read_as_pieces_side_by_side_is_read_again_whole() -> None:
    """Seed 2102: on a speckled Thai page Tesseract read the label of "ผู้ขอรับสิทธิบัตร: พรทิพย์
    สุขสวัสดิ์ (TH)" as one-letter lines of one block side by side ("Ce", "เย]", "Cc", "oul",
    ...) and the rest as a line of its own without its first letters: the applicant had no
    label. The row is found, read again whole, and takes the place of every line on it; where
    the page read a word surer ("(TH)" at 96) that word stays. Lines stacked in a block, and
    lines of two blocks on one row, are no cut row."""
    texts = ["ชื่อที่แสดงถึงการประดิษฐ์: ฟิล์มบรรจุภัณฑ์", "ผู้ขอรับสิทธิบัตร: พรทิพย์ สุขสวัสดิ์ (TH)",
             "ผู้ประดิษฐ์: วิชัย ใจดี (TH)"]  # fmt: skip
    image, draw, font, lines = _drawn_thai_lines(texts, height=700)
    pixels = np.asarray(image)
    whole = PageText(0, tuple(lines), 2000, 700)
    assert find_cut_rows(whole, width=2000, height=700) == []
    x0, y0, x1, y1 = lines[1].bbox
    left, right = draw.textbbox((150, 300), "ผู้ขอรับสิทธิบัตร: พ", font=font)[::2]
    step = (right - left) // 6
    pieces = [
        Line((Word(text, 40, (left + k * step, y0 + 20, left + (k + 1) * step - 4, y1 - 10)),), 7)
        for k, text in enumerate(["Ce", "เย]", "Cc", "oul", "D>", "เจล"])
    ]
    code_left = draw.textbbox((150, 300), "ผู้ขอรับสิทธิบัตร: พรทิพย์ สุขสวัสดิ์ ", font=font)[2]
    rest = Line((Word("รทิพย์", 94, (right, y0, right + 100, y1)),
                 Word("(TH)", 99, (code_left, y0 + 10, x1, y1 - 5))), 6)  # fmt: skip
    cut = PageText(0, (lines[0], rest, *pieces, lines[2]), 2000, 700)
    found = find_cut_rows(cut, width=2000, height=700)
    assert len(found) == 1
    band = found[0].band
    assert band[0] <= x0 and band[2] >= x1 and band[1] < y0 and band[3] > y1
    rereads = _tesseract.recognize_lines(cut_lost_lines(pixels, found), lang="tha+eng", dpi=300)
    fixed, kept = put_back_cut_rows(cut, found, rereads)
    assert kept == 1
    assert [line.text for line in fixed.lines] == texts
    two_blocks = PageText(
        0, tuple(Line((Word(t, 93, (150 + 400 * k, y0, 500 + 400 * k, y1)),), k)
                 for k, t in enumerate(["ก", "ข", "ค"])), 2000, 700,
    )  # fmt: skip
    assert find_cut_rows(two_blocks, width=2000, height=700) == []


def test_pieces_of_a_cut_row_may_reach_well_over_each_other() -> None:
    """Seed 2105: "เลขที่คำขอ: 1203457204" under a rule was read as 17 one-letter lines of
    one block ("๑๓", "๐", "=0.", ...), the application number lost. Letters with their marks
    overlap: a piece reached 9 px over the next, 22 px wide. Two readings of one place are
    still no row."""
    boxes = [(222, 479, 243, 506), (249, 479, 271, 506), (276, 455, 302, 506),
             (310, 466, 334, 506), (337, 479, 355, 506), (351, 479, 393, 510),
             (391, 479, 411, 506), (444, 475, 461, 506), (466, 475, 485, 506),
             (478, 470, 520, 506), (514, 475, 534, 506), (537, 475, 559, 506),
             (550, 470, 592, 506), (587, 475, 607, 506), (610, 475, 629, 506)]  # fmt: skip
    pieces = tuple(Line((Word("๐", 80, box),), 6) for box in boxes)
    found = find_cut_rows(PageText(0, pieces, 2480, 3508), width=2480, height=3508)
    assert len(found) == 1
    band = found[0].band
    assert band[0] <= 222 and band[2] >= 629 and band[1] < 455 and band[3] > 510
    one_place = tuple(
        Line((Word("๐", 80, (300 + k, 479, 340 + k, 506)),), 6) for k in range(0, 30, 10)
    )
    assert find_cut_rows(PageText(0, one_place, 2480, 3508), width=2480, height=3508) == []


def test_letters_the_page_read_dropped_from_a_line_start_are_read_back() -> None:
    """Seed 2097: both lines starting "วันยื่นคำขอ" were read "นยื่นคำขอ" (no label, no filing
    date). The ink before the first word that no word covers is found, the line is read alone
    from there, and the first word takes the letters it lacked; nothing else changes. Lines
    read whole, and ink before a line that another word was read from, are left alone."""
    from PIL import Image, ImageDraw

    font = gt.fonts.load(gt.fonts.faces("thai")[0][0], 50)
    image = Image.new("L", (2000, 600), 255)
    draw = ImageDraw.Draw(image)
    texts = ["เลขที่คำขอ: 1901741877", "วันยื่นคำขอ: 09/08/2562", "ชื่อ: ฟิล์มบรรจุภัณฑ์"]
    lines = []
    for i, text in enumerate(texts):
        label, value = text.split(" ")
        at = (150, 100 + 150 * i)
        draw.text(at, text, font=font, fill=0)
        box = draw.textbbox(at, label, font=font)
        value_box = draw.textbbox((box[2] + 20, at[1]), value, font=font)
        lines.append(Line((Word(label, 93, box), Word(value, 95, value_box)), i))
    pixels = np.asarray(image)
    page = PageText(0, tuple(lines), 2000, 600)
    assert find_lost_heads(page, pixels) == []

    # "วั" dropped: the first word starts at "น" (the right edge of "วั" in this font).
    cut = draw.textbbox((150, 250), "วั", font=font)[2]
    first = lines[1].words[0]
    dropped = Word("นยื่นคำขอ:", 89, (cut, first.bbox[1], first.bbox[2], first.bbox[3]))
    lost_page = PageText(0, (lines[0], Line((dropped, lines[1].words[1]), 1), lines[2]), 2000, 600)
    found = find_lost_heads(lost_page, pixels)
    assert [band.line for band in found] == [1]
    assert found[0].band[0] < 150 and found[0].band[2] >= lines[1].bbox[2]
    rereads = _tesseract.recognize_lines(cut_bands(pixels, found), lang="tha+eng", dpi=300)
    fixed, kept = put_back_heads(lost_page, found, rereads)
    assert kept == 1
    assert fixed.lines[0] == lines[0] and fixed.lines[2] == lines[2]
    assert fixed.lines[1].text.endswith("นยื่นคำขอ: 09/08/2562")
    assert fixed.lines[1].words[0].bbox[0] < cut
    # What it is for: the filing date's label is read whole again ("จันยื่นคำขอ" in this font).
    # Two letters short, it was found only by the colon after it, at the most edits allowed.
    tables = default_label_tables()
    lost_label = match_label(lost_page.lines[1].text, tables)
    assert lost_label is not None and lost_label.distance == 2
    found_label = match_label(fixed.lines[1].text, tables)
    assert found_label is not None and found_label.field == "filing_date"
    assert found_label.distance < lost_label.distance
    # A reading that is not the word with letters of its script before it, or that holds a
    # word of its own before it, or is unsure, changes nothing.
    x0, y0 = found[0].band[:2]
    word_box = (150 - x0, first.bbox[1] - y0, first.bbox[2] - x0, first.bbox[3] - y0)
    for words in (
        [Word("ผู้ขอ:", 95, word_box)],
        [Word("Oนยื่นคำขอ:", 95, word_box)],
        [Word("วันยื่นคำขอ:", 60, word_box)],
        [Word("ที่", 95, (word_box[0], *word_box[1:3], word_box[3])), Word("นยื่นคำขอ:", 95, word_box)],
    ):
        reading = PageText(0, (Line(tuple(words)),), 0, 0)
        assert put_back_heads(lost_page, found, [reading]) == (lost_page, 0), words
    # Ink a word of the row was read from is no lost head: "วั" read as a word of its own.
    head = Word("วั", 70, (150, first.bbox[1], cut, first.bbox[3]))
    read_apart = PageText(
        0, (lines[0], Line((dropped, lines[1].words[1]), 1), Line((head,), 3), lines[2]), 2000, 600
    )
    assert find_lost_heads(read_apart, pixels) == []


def test_an_unsure_reading_of_a_lost_band_changes_nothing() -> None:
    """A drawing's band reads as unsure letters: the page stays as it was."""
    page = _page(_row(("กรมทรัพย์สินทางปัญญา", 95), ("ทดสอบ", 95), ("ทดสอบ", 95), ("ทดสอบ", 95)))
    lost = [LostLine((100, 700, 900, 800))]
    unsure = PageText(0, (Line((Word("ฟฟฟฟฟ", 35, (10, 10, 300, 60)),)),), 0, 0)
    assert put_back_lost_lines(page, lost, [unsure]) == (page, 0)


def test_a_lost_heading_over_a_block_to_its_left_goes_first() -> None:
    """Seed 2063: the heading lines were lost; the number lines below them stand to the left
    of the heading's columns, so none is above it in its column: it goes before the first line
    below it, not after the block."""
    numbers = [_row_at(200, 460 + 115 * i, f"เลขที่คำขอ: {i}") for i in range(3)]
    wide = _row_at(200, 925, "สัญลักษณ์จำแนกการประดิษฐ์ระหว่างประเทศ: C05F 9/04 " + "ก" * 20)
    page = PageText(0, (*numbers, wide), 2480, 3508)
    heading = PageText(0, (Line((Word("กรมทรัพย์สินทางปัญญา", 94, (10, 10, 640, 90)),)),), 0, 0)
    fixed, kept = put_back_lost_lines(page, [LostLine((914, 202, 1566, 302))], [heading])
    assert kept == 1
    assert fixed.lines[0].text == "กรมทรัพย์สินทางปัญญา"
    assert fixed.lines[0].bbox == (924, 212, 1554, 292)


def _row_at(x: int, y: int, text: str) -> Line:
    """One line at (x, y), its words 22 px a character and 20 px apart."""
    words = []
    for token in text.split():
        words.append(Word(token, 95, (x, y, x + 22 * len(token), y + 60)))
        x += 22 * len(token) + 20
    return Line(tuple(words))


def test_an_unsure_local_word_takes_its_line_alone_reading_when_that_is_sure() -> None:
    """Seed 2063: "ហ្វូដ" read "ហូដ" at 52 in the page, "ហ្វូដ" at 92 with its line alone."""
    line = _row(("Applicant:", 96), ("ក្រុមហ៊ុន", 87), ("មេគង្គ", 93), ("ហូដ", 52), ("(KH)", 95))
    page = _page(line)
    bands = find_unsure_local_words(page, width=2480, height=3508)
    assert [b.line for b in bands] == [0]
    x0, y0 = bands[0].band[:2]
    left, right = line.words[3].bbox[0], line.words[3].bbox[2]
    for confidence, expected in ((92.0, "ហ្វូដ"), (70.0, "ហូដ")):
        word = Word("ហ្វូដ", confidence, (left - x0, 500 - y0, right - x0, 560 - y0))
        fixed, _ = replace_unsure_words(page, bands, [PageText(0, (Line((word,)),), 0, 0)])
        assert fixed.lines[0].words[3].text == expected


def test_a_surer_reading_over_an_unsure_word_and_the_one_before_replaces_both() -> None:
    """Seed 2087: "សាកលរ ទ្យាលយភូមន្ទភ្នពេញ" (88, 56) read alone as one word at 88 over both;
    put in the unsure word's place it wrote "សាកល" twice. It takes the place of both."""
    line = Line(
        (
            Word("Applicant:", 96, (378, 1262, 568, 1304)),
            Word("សាកលរ", 88, (591, 1258, 754, 1294)),
            Word("ទ្យាលយភូមន្ទភ្នពេញ", 56, (765, 1262, 1169, 1311)),
            Word("(KH)", 70, (1191, 1262, 1284, 1304)),
        )
    )
    page = _page(line)
    bands = find_unsure_local_words(page, width=2480, height=3508)
    assert [b.line for b in bands] == [0]
    x0, y0 = bands[0].band[:2]
    word = Word("សាកលវិទ្យាល័យភូមិន្ទភ្នំពេញ", 88, (591 - x0, 1261 - y0, 1169 - x0, 1325 - y0))
    fixed, replaced = replace_unsure_words(page, bands, [PageText(0, (Line((word,)),), 0, 0)])
    assert (fixed.lines[0].text, replaced) == ("Applicant: សាកលវិទ្យាល័យភូមិន្ទភ្នំពេញ (KH)", 1)


def test_a_sure_lone_latin_word_far_taller_than_the_label_is_a_slip_and_its_debris_goes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Seeds 2116 and 2117: the Khmer title "កាបូបត្បាញ" read "MULAN M" (and "MULANM" at 70-78),
    52 px high beside "Title:" at 39: capitals stand no taller than the label's letters, so the
    word holds marks below a local word, however sure. Read alone in Khmer at 90 it replaces
    the slip, and the "M" read from the same ink goes with it (left, at 0, it made the value
    look unsure again and an English re-read put "MULANM" back). A real Latin mark as tall as
    its label stays a word."""
    monkeypatch.setattr(line_rereads, "default_lexicons", lambda: {})
    title = Line(
        (
            Word("(54)", 97, (204, 1152, 287, 1195)),
            Word("Title:", 96, (302, 1149, 412, 1188)),
            Word("MULAN", 78, (434, 1153, 640, 1205)),
            Word("M", 0, (645, 1155, 687, 1203)),
        )
    )
    mark = Line(
        (Word("Mark:", 96, (204, 700, 330, 740)), Word("SIAMORA", 78, (350, 698, 620, 740)))
    )
    page = _page(title, mark)
    bands = find_latin_slips(page, width=2480, height=3508)
    assert [b.line for b in bands] == [0]
    x0, y0 = bands[0].band[:2]
    word = Word("កាបូបត្បាញ", 90, (434 - x0, 1153 - y0, 687 - x0, 1205 - y0))
    fixed, replaced = replace_slips(page, bands, [PageText(0, (Line((word,)),), 0, 0)])
    assert replaced == 1
    assert fixed.lines[0].text == "(54) Title: កាបូបត្បាញ"
    assert fixed.lines[1].text == "Mark: SIAMORA"


def test_a_local_word_over_a_run_of_slips_replaces_them_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Seed 2067: a Khmer title read "AUG ATA" (both at 0), read alone "ដបទឹកត្រី" at 90. The
    word covers neither slip on its own; over the two it replaces both. Unsure (and with no
    word list to spell it), it changes nothing."""
    monkeypatch.setattr(line_rereads, "default_lexicons", lambda: {})
    page = _page(_row(("Title:", 95), ("AUG", 0), ("ATA", 0)))
    bands = find_latin_slips(page, width=2480, height=3508)
    assert [b.line for b in bands] == [0]
    x0, y0 = bands[0].band[:2]
    left, right = page.lines[0].words[1].bbox[0] - 5, page.lines[0].words[2].bbox[2] + 5
    for confidence, expected in ((90.0, "Title: ដបទឹកត្រី"), (40.0, "Title: AUG ATA")):
        word = Word("ដបទឹកត្រី", confidence, (left - x0, 500 - y0, right - x0, 560 - y0))
        fixed, _ = replace_slips(page, bands, [PageText(0, (Line((word,)),), 0, 0)])
        assert fixed.lines[0].text == expected


def test_a_slip_may_end_in_an_exclamation_mark(monkeypatch: pytest.MonkeyPatch) -> None:
    """Seed 2105: the first word of a Khmer title, "ម៉ាស៊ីនសម្ងួតស្រូវ", read "WAYS" at 53 and
    "MUYALY!" at 0 before the rest read right. Both are slips, replaced as a run by the
    local word read alone over them."""
    monkeypatch.setattr(line_rereads, "default_lexicons", lambda: {})
    page = _page(_row(("Title:", 96), ("WAYS", 53), ("MUYALY!", 0), ("ប្រើថាមពល", 82)))
    assert line_rereads._slips(page.lines[0]) == [1, 2]
    bands = find_latin_slips(page, width=2480, height=3508)
    x0, y0 = bands[0].band[:2]
    left, right = page.lines[0].words[1].bbox[0] - 4, page.lines[0].words[2].bbox[2]
    word = Word("ម៉ាស៊ីនសម្ងួតស្រូវ", 80, (left - x0, 500 - y0, right - x0, 560 - y0))
    fixed, _ = replace_slips(page, bands, [PageText(0, (Line((word,)),), 0, 0)])
    assert fixed.lines[0].text == "Title: ម៉ាស៊ីនសម្ងួតស្រូវ ប្រើថាមពល"


def test_an_unsure_latin_neighbour_of_a_lone_slip_is_part_of_the_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Seed 2088: a Khmer title read "Hu" at 58 and "ATA" at 65, read alone "ដបទឹកត្រី" at
    92. "ATA" alone is sure enough for a line without local letters, but beside a slip it is
    one too, and the two are replaced as a run; an unsure reading over "ATA" alone replaces
    nothing. A sure Latin word beside a slip ("Offices" at 96) stays out of the run."""
    monkeypatch.setattr(line_rereads, "default_lexicons", lambda: {})
    page = _page(_row(("Title:", 95), ("Hu", 58), ("ATA", 65)))
    assert [b.line for b in find_latin_slips(page, width=2480, height=3508)] == [0]
    bands = find_latin_slips(page, width=2480, height=3508)
    x0, y0 = bands[0].band[:2]
    left, right = page.lines[0].words[1].bbox[0] - 5, page.lines[0].words[2].bbox[2] + 5
    word = Word("ដបទឹកត្រី", 92, (left - x0, 500 - y0, right - x0, 560 - y0))
    fixed, _ = replace_slips(page, bands, [PageText(0, (Line((word,)),), 0, 0)])
    assert fixed.lines[0].text == "Title: ដបទឹកត្រី"
    ata = page.lines[0].words[2].bbox
    unsure = Word("ត្រី", 30, (ata[0] - x0, 500 - y0, ata[2] - x0, 560 - y0))
    fixed, _ = replace_slips(page, bands, [PageText(0, (Line((unsure,)),), 0, 0)])
    assert fixed.lines[0].text == "Title: Hu ATA"
    sure = _page(_row(("Agent:", 95), ("Law", 55), ("Offices", 96)))
    assert [b.line for b in find_latin_slips(sure, width=2480, height=3508)] == [0]
    assert line_rereads._slips(sure.lines[0]) == [1]


def test_a_lone_word_with_a_sign_between_letters_is_a_slip() -> None:
    """ "Simuw:samw" at 63 for a Lao title (seed 2088; its sara a read as a colon): no Latin
    word has a colon between letters. "Cl.:" and "No.:" end in theirs."""
    page = _page(_row(("Title:", 93), ("Simuw:samw", 63)), _row(("Int.", 90), ("Cl.:", 70)))
    assert [b.line for b in find_latin_slips(page, width=2480, height=3508)] == [0]


def test_a_local_word_over_a_run_of_slips_may_take_in_the_gap_before_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Seed 2085: a Khmer title "កាបូបត្បាញ" read "MULAN MT" at 37, read alone at 87 in a box
    that began in the gap after "Title:" (a fifth of its width outside the slips). A reading
    that runs over the label too replaces nothing."""
    monkeypatch.setattr(line_rereads, "default_lexicons", lambda: {})
    line = Line(
        (
            Word("Title:", 93, (295, 868, 388, 900)),
            Word("MULAN", 37, (459, 869, 588, 917)),
            Word("MT", 37, (602, 869, 641, 913)),
        )
    )
    page = _page(line)
    bands = find_latin_slips(page, width=2480, height=3508)
    x0, y0 = bands[0].band[:2]
    for left, expected in ((407, "Title: កាបូបត្បាញ"), (330, "Title: MULAN MT")):
        word = Word("កាបូបត្បាញ", 87, (left - x0, 870 - y0, 646 - x0, 918 - y0))
        fixed, _ = replace_slips(page, bands, [PageText(0, (Line((word,)),), 0, 0)])
        assert fixed.lines[0].text == expected


def test_an_unsure_latin_word_among_latin_words_of_a_mixed_name_needs_a_sure_reading() -> None:
    """A review of the change: "ក្រុមហ៊ុន Smart Axiata ខូអិលធីឌី (KH)", Axiata read at 55, took
    the Khmer model's "អកៀ" at 20. Only a Latin word between local parts of a name takes an
    unsure local reading; one beside other Latin words keeps its own."""
    line = _row(("ម្ចាស់:", 95), ("ក្រុមហ៊ុន", 93), ("Smart", 92), ("Axiata", 55), ("ខូអិលធីឌី", 90),
                ("(KH)", 96))  # fmt: skip
    page = _page(line)
    bands = find_latin_slips(page, width=2480, height=3508)
    x0, y0 = bands[0].band[:2]
    left, right = line.words[3].bbox[0], line.words[3].bbox[2]
    garbage = Word("អកៀ", 20, (left - x0, 500 - y0, right - x0, 560 - y0))
    fixed, _ = replace_slips(page, bands, [PageText(0, (Line((garbage,)),), 0, 0)])
    assert fixed.lines[0].text == line.text
    # Nor does a name of the line's own country with capitalized Latin words run as a slip.
    assert _slips(_row(("ผู้ขอ:", 95), ("Institute", 93), ("of", 92), ("Technology", 93),
                       ("(TH)", 96))) == []  # fmt: skip


def test_a_row_of_two_columns_is_looked_at_piece_by_piece() -> None:
    """A review of the change: two short pieces of one row in two columns, both read, made a
    band the words covered only 23% of; it was "lost" and rebuilt across both columns. Each
    piece is measured on its own now, and only the unread one is lost."""
    from PIL import Image, ImageDraw

    font = gt.fonts.load(gt.fonts.faces("thai")[0][0], 50)
    image = Image.new("L", (2000, 700), 255)
    draw = ImageDraw.Draw(image)
    placed = [((150, 100), "ผู้ประดิษฐ์: สมชาย ใจดี (TH);"), ((1300, 100), "(22) 1/2/2020"),
              ((150, 300), "วิชัย ศรีสุข (TH)"), ((1300, 300), "(45) 1/2/2021"),
              ((150, 500), "(54) ชื่อ: ระบบกรองน้ำ"), ((1300, 500), "(21) 1234")]  # fmt: skip
    lines = []
    for i, (at, text) in enumerate(placed):
        draw.text(at, text, font=font, fill=0)
        lines.append(Line((Word(text, 92, draw.textbbox(at, text, font=font)),), i))
    pixels = np.asarray(image)
    assert find_lost_lines(PageText(0, tuple(lines), 2000, 700), pixels) == []
    without_left = PageText(0, (*lines[:2], *lines[3:]), 2000, 700)
    found = find_lost_lines(without_left, pixels)
    assert len(found) == 1
    assert found[0].band[2] < 1300  # the left piece only


def test_a_slip_read_alone_run_into_the_next_word_takes_the_head_of_that_reading() -> None:
    """Seed 2082: "ผู้ขอ: aga ใจดี (TH)"; the Thai model alone read "อรุณีใจดี", one word over
    the slip and the surname. It ends with the surname as the page read it, so the slip is
    "อรุณี". A reading that does not end with the next word replaces nothing."""
    page = _page(_row(("(71)", 93), ("ผู้ขอ:", 95), ("aga", 68), ("ใจดี", 95), ("(TH)", 94)))
    bands = find_latin_slips(page, width=2480, height=3508)
    x0, y0 = bands[0].band[:2]
    for reread, expected in (
        ("อรุณีใจดี", "(71) ผู้ขอ: อรุณี ใจดี (TH)"),
        ("อรุณีใจดา", "(71) ผู้ขอ: aga ใจดี (TH)"),
    ):
        word = Word(reread, 95, (335 - x0, 500 - y0, 575 - x0, 560 - y0))
        fixed, _replaced = replace_slips(page, bands, [PageText(0, (Line((word,)),), 0, 0)])
        assert fixed.lines[0].text == expected


def test_a_slip_read_alone_run_into_the_next_two_words_takes_the_head_of_that_reading() -> None:
    """Seed 2130: the Khmer title "វិធីសាស្ត្រផលិតទឹកត្រី" read "7f" (19) "សាស្ត្រផ" (44)
    "លិតទឹកត្រី" (91); read from after its label, one word at 78 over all three, ending with
    the two words as the page read them: the slip is "វិធី". Ending otherwise, nothing."""
    words = (
        Word("(54)", 97, (241, 1225, 317, 1266)),
        Word("Title:", 93, (331, 1224, 428, 1257)),
        Word("7f", 19, (442, 1207, 494, 1257)),
        Word("សាស្ត្រផ", 44, (506, 1203, 674, 1288)),
        Word("លិតទឹកត្រី", 91, (688, 1207, 894, 1271)),
    )
    page = _page(Line(words))
    bands = find_latin_slips(page, width=2480, height=3508)
    assert len(bands) == 1
    x0, y0 = bands[0].band[:2]
    for reread, expected in (
        ("វិធីសាស្ត្រផលិតទឹកត្រី", "(54) Title: វិធី សាស្ត្រផ លិតទឹកត្រី"),
        ("វិធីសាស្ត្រផលិតទឹកត្រ", "(54) Title: 7f សាស្ត្រផ លិតទឹកត្រី"),
    ):
        word = Word(reread, 78, (441 - x0, 1207 - y0, 893 - x0, 1290 - y0))
        fixed, _replaced = replace_slips(page, bands, [PageText(0, (Line((word,)),), 0, 0)])
        assert fixed.lines[0].text == expected


# Khmer names read again in Khmer alone --------------------------------------------------------


def test_adds_only_signs_allows_marks_and_subscripts_added_and_nothing_else() -> None:
    assert adds_only_signs("ហូដ", "ហ្វូដ")  # a coeng and its consonant
    assert adds_only_signs("ហ្វដ", "ហ្វូដ")  # a vowel sign below
    assert adds_only_signs("ម៉េងហង", "ម៉េងហុង")
    assert not adds_only_signs("ហ្វូដ", "ហូដ")  # a sign taken away
    assert not adds_only_signs("ហូដ", "ហូដក")  # a letter of its own added
    assert not adds_only_signs("ហូដ", "កូដ")  # a letter changed
    assert not adds_only_signs("ហូដ", "ហូដ")


def test_a_khmer_name_word_takes_the_sign_the_khmer_alone_reading_shows() -> None:
    """Seed 2118: "ហ្វូដ" (Food) read "ហូដ" at 91 on the page read with English beside Khmer;
    the line read in Khmer alone has "ហ្វូដ" at 68. A reading that takes a sign away, or is
    unsure, changes nothing; a line with neither a label nor a Khmer name's code is not read."""
    line = Line(
        (
            Word("Applicant:", 93, (206, 1258, 446, 1308)),
            Word("មេគង្គ", 93, (735, 1267, 838, 1314)),
            Word("ហូដ", 91, (857, 1262, 929, 1330)),
            Word("(KH)", 95, (949, 1263, 1052, 1307)),
        )
    )
    page = _page(line)
    bands = find_local_names(page, width=2480, height=3508)
    assert [b.line for b in bands] == [0]
    x0, y0 = bands[0].band[:2]

    def reread(text: str, confidence: float) -> list[PageText]:
        words = (
            Word("មេគង្គ", 95, (735 - x0, 1267 - y0, 838 - x0, 1314 - y0)),
            Word(text, confidence, (857 - x0, 1262 - y0, 929 - x0, 1330 - y0)),
        )
        return [PageText(0, (Line(words),), 0, 0)]

    fixed, replaced = replace_fuller_names(page, bands, reread("ហ្វូដ", 68))
    assert replaced == 1
    assert fixed.lines[0].text == "Applicant: មេគង្គ ហ្វូដ (KH)"
    for text, confidence in (("ហ្វូដ", 40), ("ហដ", 95), ("កូដ", 95)):
        assert replace_fuller_names(page, bands, reread(text, confidence))[1] == 0
    unlabelled = Line((*line.words[1:3], Word("(TH)", 95, (949, 1263, 1052, 1307))))
    assert find_local_names(_page(unlabelled), width=2480, height=3508) == []


def test_a_khmer_title_takes_the_subscript_the_khmer_alone_reading_shows() -> None:
    """Seed 2132: "ចង្កៀងលម្អ" read "ចងៀងលម្អ" at 60 on the one-bit page; its line read alone
    on the grey page, "ចង្កៀងលម្អ" at 90. A value after a label is read again as names are."""
    line = Line(
        (
            Word("(54)", 96, (314, 946, 394, 991)),
            Word("Title:", 96, (410, 946, 507, 981)),
            Word("ចងៀងលម្អ", 60, (526, 933, 715, 1001)),
        )
    )
    page = _page(line)
    bands = find_local_names(page, width=2480, height=3508)
    assert [b.line for b in bands] == [0]
    x0, y0 = bands[0].band[:2]
    word = Word("ចង្កៀងលម្អ", 90, (526 - x0, 933 - y0, 715 - x0, 1001 - y0))
    fixed, replaced = replace_fuller_names(page, bands, [PageText(0, (Line((word,)),), 0, 0)])
    assert (fixed.lines[0].text, replaced) == ("(54) Title: ចង្កៀងលម្អ", 1)
