"""--lang auto: the script of a page decides its language packs, local language plus English."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from processors import _tesseract
from processors.languages import (
    languages_for_script,
    languages_for_text,
    required_languages,
    script_of_text,
)


class TestScriptOfText:
    def test_office_scripts(self):
        assert script_of_text("คำขอรับสิทธิบัตร เลขที่ 1801001234") == "Thai"
        assert script_of_text("ពាក្យស្នើសុំប៉ាតង់ លេខ 123") == "Khmer"
        assert script_of_text("ຄຳຮ້ອງຂໍສິດທິບັດ ເລກທີ 55") == "Lao"
        assert script_of_text("Số đơn: 1-2018-01234 Ngày nộp đơn: 30/04/2018") == "Vietnamese"
        assert script_of_text("Application No.: 1-2019-000123 Filing date") == "Latin"
        assert script_of_text("12345 ...") is None

    def test_mixed_thai_and_english_page_is_thai(self):
        text = "(21) เลขที่คำขอ 1801001234 (22) วันยื่นคำขอ 30/04/2561 Int. Cl. G06F 17/30"
        assert script_of_text(text) == "Thai"


class TestLanguageChoice:
    def test_script_verdicts(self):
        assert languages_for_script("Thai", latin="vie+eng") == "tha+eng"
        assert languages_for_script("Khmer", latin="vie+eng") == "khm+eng"
        assert languages_for_script("Latin", latin="eng") == "eng"
        assert languages_for_script(None, latin="vie+eng") == "eng"

    def test_text_layer_pages(self):
        assert languages_for_text("Tên sáng chế: Máy sấy lúa", latin="eng") == "vie+eng"
        assert languages_for_text("ชื่อที่แสดงถึงการประดิษฐ์", latin="eng") == "tha+eng"

    def test_auto_needs_every_pack_at_start(self):
        assert set(required_languages("auto", latin="vie+eng").split("+")) == {
            "osd",
            "eng",
            "vie",
            "tha",
            "khm",
            "lao",
        }
        assert required_languages("fil", latin="vie+eng") == "fil"


def test_osd_sees_a_thai_page():
    font = ImageFont.truetype("/usr/share/fonts/truetype/tlwg/Garuda.ttf", 50)
    image = Image.new("L", (2480, 1400), 255)
    draw = ImageDraw.Draw(image)
    lines = [
        "คำขอรับสิทธิบัตรการประดิษฐ์ เลขที่คำขอ 1801001234",
        "วันยื่นคำขอ 30 เมษายน 2561 ผู้ขอรับสิทธิบัตร บริษัท สยามโรบอติกส์ จำกัด",
        "ชื่อที่แสดงถึงการประดิษฐ์ เครื่องอบแห้งข้าวพลังงานแสงอาทิตย์",
        "ผู้ประดิษฐ์ นายสมชาย ใจดี ตัวแทน นางสาวสมหญิง รักเรียน",
    ] * 3
    for i, line in enumerate(lines):
        draw.text((150, 100 + i * 100), line, font=font, fill=0)
    verdict = _tesseract.detect_orientation(np.asarray(image), dpi=300)
    assert verdict is not None and verdict.script == "Thai"
    assert languages_for_script(verdict.script, latin="vie+eng") == "tha+eng"


class TestUnspacedScripts:
    """Tesseract reports each Thai/Lao/Khmer cluster as a word; the text must not split words."""

    def test_clusters_join_without_spaces_but_numbers_stay_apart(self):
        from processors.types import Line, Word

        words = (
            Word("ก", 90, (0, 0, 10, 20)),
            Word("ร", 90, (11, 0, 20, 20)),
            Word("ม", 90, (21, 0, 30, 20)),
            Word("1801036681", 90, (40, 0, 140, 20)),
            Word("Filed", 90, (150, 0, 200, 20)),
            Word("date", 90, (203, 0, 240, 20)),
        )
        assert Line(words).text == "กรม 1801036681 Filed date"

    def test_sara_am_is_composed(self):
        assert _tesseract.normalize_ocr_text("ค\u0e4d\u0e32ขอ") == "คำขอ"


def test_thai_page_reads_as_words(text_page):
    font = ImageFont.truetype("/usr/share/fonts/truetype/tlwg/Garuda.ttf", 50)
    image = Image.new("L", (1800, 300), 255)
    ImageDraw.Draw(image).text((60, 100), "วันยื่นคำขอ 30/04/2561", font=font, fill=0)
    result = _tesseract.recognize(np.asarray(image), lang="tha+eng", dpi=300)
    assert "วันยื่นคำขอ" in result.page.text
