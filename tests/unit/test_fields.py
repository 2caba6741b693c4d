from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from processors.fields import (
    MANDATORY_FIELDS,
    classify_document,
    extract_fields,
    load_label_tables,
    review_reasons,
    text_to_page,
)
from processors.fields.extract import _letter_likelihood
from processors.fields.labels import default_label_tables, match_label
from processors.fields.layout import find_gutter, page_rows, reading_order
from processors.fields.parties import reconcile_repeated_names
from processors.types import ExtractedField, Extraction, Line, PageText, Word

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ocr"
SAMPLES = {"US6594844B2": "US6594844B2.pdf", "US3858232": "US3858232.pdf"}


def load_page(name: str) -> PageText:
    """Read a PageText saved by tests/fixtures/ocr/build.py."""
    data = json.loads((FIXTURES / f"{name}_p1.json").read_text(encoding="utf-8"))
    lines = tuple(
        Line(tuple(Word(t, c, tuple(b)) for t, c, b in line["words"]), line["block"])  # type: ignore[arg-type]
        for line in data["lines"]
    )
    return PageText(data["page_index"], lines, data["width"], data["height"])


def extract(text: str, **kwargs: Any) -> Extraction:
    return extract_fields([text_to_page(text)], **kwargs)


def values(extraction: Extraction) -> dict[str, Any]:
    return {name: f.value for name, f in extraction.fields.items()}


@pytest.fixture(scope="module")
def truth() -> dict[str, Any]:
    return json.loads((FIXTURES / "truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=sorted(SAMPLES))
def real(
    request: pytest.FixtureRequest, truth: dict[str, Any]
) -> tuple[Extraction, dict[str, Any], PageText]:
    page = load_page(request.param)
    return extract_fields([page]), truth[SAMPLES[request.param]]["inid"], page


def _name_part(entry: str) -> str:
    return entry.split(",")[0].strip()


class TestRealSamples:
    """The two USPTO front pages, OCR'd once into fixtures, against truth.json."""

    def test_is_a_patent(self, real: tuple[Extraction, dict[str, Any], PageText]) -> None:
        extraction, _, _ = real
        assert extraction.document_type == "patent" and extraction.type_confidence > 0.6

    def test_title(self, real: tuple[Extraction, dict[str, Any], PageText]) -> None:
        extraction, expected, _ = real
        assert extraction.fields["title"].value == expected["54"]
        assert extraction.fields["title"].inid == "54"

    def test_numbers_as_printed(self, real: tuple[Extraction, dict[str, Any], PageText]) -> None:
        extraction, expected, _ = real
        assert extraction.fields["application_number"].value["printed"] == expected["21"]
        publication = expected.get("10") or expected["11"]
        assert extraction.fields["publication_number"].value["printed"] == publication
        normalized = extraction.fields["publication_number"].value["normalized"]
        assert normalized == "".join(c for c in publication if c.isalnum())

    def test_dates(self, real: tuple[Extraction, dict[str, Any], PageText]) -> None:
        extraction, expected, _ = real
        assert extraction.fields["filing_date"].value == expected["22"]
        assert extraction.fields["grant_date"].value == expected["45"]

    def test_first_ipc(self, real: tuple[Extraction, dict[str, Any], PageText]) -> None:
        extraction, expected, _ = real
        first = expected.get("51_first") or expected["51"]
        # "H01l 11/14" is printed in the old national style; the value is canonical.
        assert extraction.fields["ipc"].value[0] == first.upper()

    def test_assignee_is_an_applicant(
        self, real: tuple[Extraction, dict[str, Any], PageText]
    ) -> None:
        extraction, expected, _ = real
        applicants = extraction.fields["applicants"]
        assert applicants.inid == "73" and len(applicants.value) == 1
        assert applicants.value[0].startswith(expected["73"])

    def test_inventors(self, real: tuple[Extraction, dict[str, Any], PageText]) -> None:
        extraction, expected, _ = real
        got = extraction.fields["inventors"].value
        assert [_name_part(n) for n in got] == [_name_part(n) for n in expected["75"]]
        assert all(g.startswith(e) for g, e in zip(got, expected["75"], strict=True))

    def test_every_field_is_located_and_scored(
        self, real: tuple[Extraction, dict[str, Any], PageText]
    ) -> None:
        extraction, _, page = real
        for name, found in extraction.fields.items():
            assert 0.0 < found.confidence <= 1.0, name
            assert found.page == 0 and found.bbox is not None, name
            x0, y0, x1, y1 = found.bbox
            assert 0 <= x0 < x1 <= page.width and 0 <= y0 < y1 <= page.height, name
            assert found.raw, name

    def test_field_boxes_lie_where_the_values_are_printed(
        self, real: tuple[Extraction, dict[str, Any], PageText]
    ) -> None:
        extraction, _, page = real
        middle = page.width // 2
        # Title and application data are in the left column, the abstract in the right one.
        assert extraction.fields["title"].bbox[2] < middle  # type: ignore[index]
        assert extraction.fields["application_number"].bbox[2] < middle  # type: ignore[index]
        assert extraction.fields["abstract"].bbox[0] > middle  # type: ignore[index]

    def test_abstract_is_whole_and_clean(
        self, real: tuple[Extraction, dict[str, Any], PageText]
    ) -> None:
        extraction, _, _ = real
        abstract = extraction.fields["abstract"].value
        assert len(abstract.split()) > 80
        assert not abstract.upper().startswith("ABSTRACT")
        assert "Claims" not in abstract and "References" not in abstract

    def test_json_shape(self, real: tuple[Extraction, dict[str, Any], PageText]) -> None:
        extraction, _, _ = real
        record = {k: f.to_json() for k, f in extraction.fields.items()}
        assert json.loads(json.dumps(record)) == record


def test_real_sample_specifics() -> None:
    new, old = extract_fields([load_page("US6594844B2")]), extract_fields([load_page("US3858232")])
    assert new.fields["kind"].value == "B2"
    assert new.fields["ipc"].value == ["A47L 5/00", "A47L 9/28", "A47L 11/00"]
    assert new.fields["agent"].value.endswith("& Teska")
    assert old.fields["agent"].value == "P. V. D. Wilde" and old.fields["agent"].inid is None
    # The 1974 IPC was read from a misread code ("[ST]") by its label, with a weak OCR score.
    assert old.fields["ipc"].raw == "HO11 11/14" and old.fields["ipc"].confidence < 0.8


FRONT_PAGE = """\
(12) PATENT SPECIFICATION
(21) 1-2018-01234
(22) 30/04/2018
(30) 2017-123456 01.05.2017 JP
(43) 25/07/2019
(51) G06F 17/30 (2006.01)
     H04L 29/06 (2006.01)
(54) METHOD AND APPARATUS FOR
     READING DOCUMENTS
(71) ACME Corp., Tokyo (JP)
(72) Nguyen Van A; Tran Thi B
(74) Cong ty Luat ABC
(57) A method for reading documents
comprises scanning a page (10) and
(12) recognizing the text."""

EXPECTED_FRONT = {
    "application_number": {"printed": "1-2018-01234", "normalized": "1201801234"},
    "filing_date": "2018-04-30",
    "publication_date": "2019-07-25",
    "priority": [{"country": "JP", "number": "2017-123456", "date": "2017-05-01"}],
    "ipc": ["G06F 17/30", "H04L 29/06"],
    "title": "METHOD AND APPARATUS FOR READING DOCUMENTS",
    "applicants": ["ACME Corp., Tokyo (JP)"],
    "inventors": ["Nguyen Van A", "Tran Thi B"],
    "agent": "Cong ty Luat ABC",
    "abstract": (
        "A method for reading documents comprises scanning a page (10) and (12) "
        "recognizing the text."
    ),
}


class TestInidPages:
    def test_round_brackets(self) -> None:
        extraction = extract(FRONT_PAGE)
        assert extraction.document_type == "patent"
        assert values(extraction) == EXPECTED_FRONT
        assert extraction.fields["ipc"].raw.endswith("(2006.01)")

    @pytest.mark.parametrize(("opening", "closing"), [("[", "]"), ("", ")"), ("{", "}"), ("(", "")])
    def test_other_brackets(self, opening: str, closing: str) -> None:
        text = FRONT_PAGE.replace("(10)", "<10>").replace("(12) recog", "<12> recog")
        for code in ("12", "21", "22", "30", "43", "51", "54", "71", "72", "74", "57"):
            text = text.replace(f"({code})", f"{opening}{code}{closing}")
        abstract = EXPECTED_FRONT["abstract"].replace("(10)", "<10>").replace("(12)", "<12>")
        assert values(extract(text)) == dict(EXPECTED_FRONT, abstract=abstract)

    def test_bare_codes_with_labels(self) -> None:
        text = (
            "21 Application number: 1-2019-00001\n22 Filing date: 01/02/2019\n"
            "54 Title: Water filter\n71 Applicant: Cong ty ABC (VN)\n72 Inventor: Le Van C"
        )
        extraction = extract(text)
        assert values(extraction) == {
            "application_number": {"printed": "1-2019-00001", "normalized": "1201900001"},
            "filing_date": "2019-02-01",
            "title": "Water filter",
            "applicants": ["Cong ty ABC (VN)"],
            "inventors": ["Le Van C"],
        }
        assert extraction.fields["title"].inid == "54"

    def test_filed_printed_before_application_number(self) -> None:
        extraction = extract("[22] Filed: Nov. 9, 1971\n[21] Appl. No.: 196,933\n[54] STORAGE")
        assert extraction.fields["filing_date"].value == "1971-11-09"
        assert extraction.fields["application_number"].value["printed"] == "196,933"

    def test_two_columns_merged_on_one_line(self) -> None:
        text = (
            "(54) ROBOT OBSTACLE DETECTION          (57) ABSTRACT\n"
            "(21) Appl. No.: 09/768,773            A robot detects obstacles\n"
            "(22) Filed: Jan. 24, 2001             with a sensor and turns away."
        )
        extraction = extract(text)
        assert extraction.fields["title"].value == "ROBOT OBSTACLE DETECTION"
        assert extraction.fields["application_number"].value["printed"] == "09/768,773"
        assert extraction.fields["filing_date"].value == "2001-01-24"
        assert (
            extraction.fields["abstract"].value
            == "A robot detects obstacles with a sensor and turns away."
        )

    def test_code_glued_to_its_label(self) -> None:
        extraction = extract("(21)Appl. No.: 196,933\n[22]Filed: Nov. 9, 1971\n(54)LAMP")
        assert values(extraction) == {
            "application_number": {"printed": "196,933", "normalized": "196933"},
            "filing_date": "1971-11-09",
            "title": "LAMP",
        }

    def test_second_code_on_a_line_without_gap(self) -> None:
        extraction = extract("(210) 4-2018-12345 (220) 30/04/2018\n(540) SUNNY")
        assert extraction.fields["application_number"].value["printed"] == "4-2018-12345"
        assert extraction.fields["filing_date"].value == "2018-04-30"

    def test_blank_line_ends_a_value(self) -> None:
        extraction = extract("(54) TITLE ON ONE LINE\n\nUnrelated footer text")
        assert extraction.fields["title"].value == "TITLE ON ONE LINE"

    def test_ocr_noise(self) -> None:
        text = (
            "(2l) Appl. No.: O9/768,773\n(22) Filed: Jan. 24, 2OO1\n"
            "[5l] Int. Cl.7 ......... GO6F 17/3O\n(54) ROBOT"
        )
        noisy = extract(text)
        clean = extract(
            "(21) Appl. No.: 09/768,773\n(22) Filed: Jan. 24, 2001\n"
            "[51] Int. Cl.7 ......... G06F 17/30\n(54) ROBOT"
        )
        assert values(noisy) == values(clean)
        for name in ("application_number", "filing_date", "ipc"):
            assert noisy.fields[name].confidence < clean.fields[name].confidence, name

    def test_impossible_date_is_left_out_not_guessed(self) -> None:
        extraction = extract(
            "(21) 1-2018-01234\n(22) 31/02/2018\n(54) Thing", document_type="patent"
        )
        assert "filing_date" not in extraction.fields
        reasons = review_reasons(extraction, min_field_confidence=0.5)
        assert "missing filing date (mandatory for a patent)" in reasons

    def test_confidence_follows_ocr_confidence(self) -> None:
        sure = extract_fields([text_to_page("(54) Water filter", confidence=95)])
        unsure = extract_fields([text_to_page("(54) Water filter", confidence=40)])
        assert unsure.fields["title"].confidence < 0.5 < sure.fields["title"].confidence

    def test_value_box_excludes_code_and_label(self) -> None:
        page = text_to_page("(21) Appl. No.: 09/768,773", char_width=10)
        found = extract_fields([page]).fields["application_number"]
        assert found.bbox == (160, 0, 260, 28)
        assert found.raw == "09/768,773"


class TestOtherTypes:
    def test_trademark(self) -> None:
        text = (
            "(111) 123456\n(151) 15/08/2019\n(210) 4-2018-12345\n(220) 30/04/2018\n"
            "(300) 2018/0001 01/03/2018 SG\n(540) SUNNY\n"
            "(511) 09: Computer software; 35: Advertising services.\n"
            "(591) Red, white and blue\n(731) Công ty TNHH Sunny (VN)\n(740) Công ty Luật XYZ"
        )
        extraction = extract(text)
        assert extraction.document_type == "trademark"
        assert values(extraction) == {
            "registration_number": {"printed": "123456", "normalized": "123456"},
            "registration_date": "2019-08-15",
            "application_number": {"printed": "4-2018-12345", "normalized": "4201812345"},
            "filing_date": "2018-04-30",
            "priority": [{"country": "SG", "number": "2018/0001", "date": "2018-03-01"}],
            "mark": "SUNNY",
            "nice_classes": [9, 35],
            "goods_services": "Computer software; 35: Advertising services.",
            "colours": ["Red", "white", "blue"],
            "applicants": ["Công ty TNHH Sunny (VN)"],
            "agent": "Công ty Luật XYZ",
        }

    def test_trademark_class_list_without_goods(self) -> None:
        extraction = extract("(210) 4-2018-12345\n(511) 09, 35, 42\n(540) ABC")
        assert extraction.fields["nice_classes"].value == [9, 35, 42]
        assert "goods_services" not in extraction.fields

    def test_industrial_design(self) -> None:
        text = (
            "(11) 12345\n(15) 12/03/2019\n(21) 3-2018-00321\n(22) 01/06/2018\n"
            "(51) LOC (12) Cl. 06-01\n(54) Chair\n(71) Furniture Co. (VN)\n(72) Pham Van D"
        )
        extraction = extract(text)
        assert extraction.document_type == "industrial_design"
        assert values(extraction) == {
            "registration_number": {"printed": "12345", "normalized": "12345"},
            "registration_date": "2019-03-12",
            "application_number": {"printed": "3-2018-00321", "normalized": "3201800321"},
            "filing_date": "2018-06-01",
            "locarno_classes": ["06-01"],
            "title": "Chair",
            "applicants": ["Furniture Co. (VN)"],
            "inventors": ["Pham Van D"],
        }

    def test_separate_priority_codes(self) -> None:
        text = "(21) 2018-1\n(31) 2017-123456\n(32) 01.05.2017\n(33) JP\n(54) Thing"
        extraction = extract(text, document_type="patent")
        assert extraction.fields["priority"].value == [
            {"country": "JP", "number": "2017-123456", "date": "2017-05-01"}
        ]


class TestLabelPages:
    def test_vietnamese_patent(self) -> None:
        text = (
            "CỤC SỞ HỮU TRÍ TUỆ\nBẰNG ĐỘC QUYỀN SÁNG CHẾ\nSố bằng: 12345\n"
            "Số đơn: 1-2018-01234\nNgày nộp đơn: ngày 30 tháng 04 năm 2018\n"
            "Chủ đơn: Công ty Cổ phần ABC (VN)\n"
            "Tác giả sáng chế: Nguyễn Văn An; Trần Thị Bình\n"
            "Người đại diện: Công ty Luật XYZ\n"
            "Tên sáng chế: Phương pháp sản xuất\nphân bón hữu cơ\nPhân loại IPC: C05F 11/00"
        )
        extraction = extract(text)
        assert extraction.document_type == "patent"
        assert values(extraction) == {
            "publication_number": {"printed": "12345", "normalized": "12345"},
            "application_number": {"printed": "1-2018-01234", "normalized": "1201801234"},
            "filing_date": "2018-04-30",
            "applicants": ["Công ty Cổ phần ABC (VN)"],
            "inventors": ["Nguyễn Văn An", "Trần Thị Bình"],
            "agent": "Công ty Luật XYZ",
            "title": "Phương pháp sản xuất phân bón hữu cơ",
            "ipc": ["C05F 11/00"],
        }
        assert all(f.inid is None for f in extraction.fields.values())

    def test_vietnamese_labels_tolerate_case_and_missing_diacritics(self) -> None:
        extraction = extract("SO DON: 4-2019-00002\nngay nop don: 02/01/2019\nNHAN HIEU: ABC")
        assert extraction.fields["application_number"].value["printed"] == "4-2019-00002"
        assert extraction.fields["filing_date"].value == "2019-01-02"
        assert extraction.fields["mark"].value == "ABC"

    def test_vietnamese_trademark_number_is_a_registration_number(self) -> None:
        text = (
            "GIẤY CHỨNG NHẬN ĐĂNG KÝ NHÃN HIỆU\n"
            "Số bằng: 301234\nNgày cấp: 05/06/2019\nNhãn hiệu: ABC"
        )
        extraction = extract(text)
        assert extraction.document_type == "trademark"
        assert extraction.fields["registration_number"].value["printed"] == "301234"
        assert extraction.fields["registration_date"].value == "2019-06-05"

    def test_thai_patent_with_buddhist_era(self) -> None:
        text = (
            "สิทธิบัตรการประดิษฐ์\nเลขที่คำขอ: 1801001234\nวันยื่นคำขอ: 30 เมษายน 2561\n"
            "ชื่อที่แสดงถึงการประดิษฐ์: เครื่องกรองน้ำ\nผู้ขอรับสิทธิบัตร: บริษัท เอบีซี จำกัด\n"
            "ผู้ประดิษฐ์: นายสมชาย ใจดี\nสัญลักษณ์จำแนกการประดิษฐ์ระหว่างประเทศ: C02F 1/00"
        )
        extraction = extract(text)
        assert extraction.document_type == "patent"
        assert values(extraction) == {
            "application_number": {"printed": "1801001234", "normalized": "1801001234"},
            "filing_date": "2018-04-30",
            "title": "เครื่องกรองน้ำ",
            "applicants": ["บริษัท เอบีซี จำกัด"],
            "inventors": ["นายสมชาย ใจดี"],
            "ipc": ["C02F 1/00"],
        }
        assert extraction.fields["filing_date"].normalized_from == "buddhist_era"
        assert extraction.fields["title"].confidence > 0.8

    def test_khmer_lao_filipino_labels(self) -> None:
        assert extract("លេខពាក្យស្នើសុំ: KH/P/2019/00001").fields["application_number"].value == {
            "printed": "KH/P/2019/00001",
            "normalized": "KHP201900001",
        }
        assert extract("ວັນທີຍື່ນຄຳຮ້ອງ: ໓໐ ເມສາ ໒໐໑໘").fields["filing_date"].value == "2018-04-30"
        assert (
            extract("Petsa ng Pag-file: 30 Abril 2018").fields["filing_date"].value == "2018-04-30"
        )

    def test_label_without_separator_is_plain_text(self) -> None:
        extraction = extract("(57) ABSTRACT\nThe title of the invention is long")
        assert "title" not in extraction.fields

    def test_label_and_value_across_a_form_gutter(self) -> None:
        rows = [
            "Application No.:                      1-2020-00011",
            "Filing Date:                          05/03/2020",
            "Applicant:                            ABC Co. (VN)",
            "Title:                                Solar lamp with a very long name here",
        ]
        extraction = extract("\n".join(rows * 2))
        assert extraction.fields["application_number"].value["printed"] == "1-2020-00011"
        assert extraction.fields["applicants"].value == ["ABC Co. (VN)"]

    def test_office_can_add_labels(self) -> None:
        extra = {"language": "en", "fields": {"application_number": ["Docket Ref"]}}
        text = "Docket Ref: 1-2020-00099"
        assert "application_number" not in extract(text).fields
        tables = load_label_tables([extra])
        extraction = extract(text, label_tables=tables)
        assert extraction.fields["application_number"].value["printed"] == "1-2020-00099"

    def test_unknown_field_in_label_table_is_refused(self) -> None:
        with pytest.raises(ValueError, match="unknown field"):
            load_label_tables([{"language": "xx", "fields": {"colour_of_sky": ["Sky"]}}])


def test_a_label_with_its_first_letter_misread_is_found() -> None:
    text = "เลขที่คำขอ: 0701837352\nจันยื่นคำขอ: 25/06/2550\nชื่อที่แสดงถึงการประดิษฐ์: สูตรปุ๋ย"
    extraction = extract(text, document_type="patent")
    assert extraction.fields["filing_date"].value == "2007-06-25"
    # Short labels allow no edit: "Xo." is no "No.".
    assert "application_number" not in extract("Xo.: 12345", document_type="patent").fields


@pytest.mark.parametrize(
    ("printed", "title"),
    [
        ("កាបូបត្បាញ M", "កាបូបត្បាញ"),
        ("เก้าอี้หวาย น 1 vw", "เก้าอี้หวาย"),
        ("វិធីសាស្ត្រផលិតទឹកត្រី el", "វិធីសាស្ត្រផលិតទឹកត្រី"),
        ("สูตรปุ๋ยอินทรีย์ ด้วยถ่านกัมมันต์จากแกลบ ew 6", "สูตรปุ๋ยอินทรีย์ ด้วยถ่านกัมมันต์จากแกลบ"),
        ("เครื่องอบแห้ง รุ่น 2", "เครื่องอบแห้ง รุ่น 2"),  # a model number stays
        ("กระเป๋าสาน 1 1", "กระเป๋าสาน"),  # two lone digits are specks (seed 2056)
        ("สูตรปุ๋ยอินทรีย์ จากปลากะตัก [ว", "สูตรปุ๋ยอินทรีย์ จากปลากะตัก"),  # seed 2074
        ("ระบบนำทาง GPS", "ระบบนำทาง GPS"),
        ("เก้าอี้หวาย %7", "เก้าอี้หวาย"),  # a sign and a digit (seed 2087)
        ("ระบบนำทาง 5G", "ระบบนำทาง 5G"),  # letters and digits without a sign stay
        ("LID FOR A CAN, TYPE B", "LID FOR A CAN, TYPE B"),  # Latin titles are left alone
    ],
)
def test_debris_after_a_local_script_title_goes(printed: str, title: str) -> None:
    extraction = extract(f"(54) Title: {printed}", document_type="patent")
    assert extraction.fields["title"].value == title


class TestUnreadLabels:
    def test_a_garbled_label_before_a_title_goes(self) -> None:
        # The Lao model's reading of "(54) Title: ວິທີການຜະລິດກາເຟ".
        text = "(21) Application No.: 2013-34999\n(54) 11ຝ້ເ: ວິທີການຜະລິດກາເຟ"
        extraction = extract(text, document_type="patent")
        assert extraction.fields["title"].value == "ວິທີການຜະລິດກາເຟ"
        # Seed 2073: "Title:" read as digits alone.
        extraction = extract("(54) 11: ວິທີການຜະລິດກາເຟ", document_type="patent")
        assert extraction.fields["title"].value == "ວິທີການຜະລິດກາເຟ"
        text = "(21) Application No.: 2013-34999\n(71) /00|1ແອກໄ: ບໍລິສັດ ກາເຟປາກຊ່ອງ ຈຳກັດ (LA)"
        extraction = extract(text, document_type="patent")
        assert extraction.fields["applicants"].value == ["ບໍລິສັດ ກາເຟປາກຊ່ອງ ຈຳກັດ (LA)"]
        text = "(21) Appl. No.: 1-2020-00099\n(71) Apphcant: Manila Agro Technologies, Inc. (PH)"
        extraction = extract(text, document_type="patent")
        assert extraction.fields["applicants"].value == ["Manila Agro Technologies, Inc. (PH)"]

    def test_a_garbled_label_before_classes_goes(self) -> None:
        # Seed 2057: "จำพวกสินค้า" read "จาพากสินค้า", too far off to be found as a label.
        text = "(540) เครื่องหมายการค้า: SIAMORA\n(511) จาพากสินค้า: 03, 09, 43\nสบู่ แชมพู"
        extraction = extract(text, document_type="trademark")
        assert extraction.fields["nice_classes"].value == [3, 9, 43]
        assert extraction.fields["goods_services"].value == "สบู่ แชมพู"

    def test_a_label_with_sara_am_read_as_sara_aa_is_found_without_its_code(self) -> None:
        # Seed 2058: "(511)" lost, "จำพวกสินค้า" read "จาพากสินค้า" (sara am as sara aa, and
        # one more letter): the label alone must start the classes, not continue the mark.
        text = "(540) เครื่องหมายการค้า: KALIBO\nจาพากสินค้า: 03, 09, 43\nสบู่ แชมพู"
        extraction = extract(text, document_type="trademark")
        assert extraction.fields["mark"].value == "KALIBO"
        assert extraction.fields["nice_classes"].value == [3, 9, 43]

    def test_a_long_label_garbled_at_its_start_goes(self) -> None:
        # Seed 2059: "ชื่อที่แสดงถึงการประดิษฐ์" read "อกี่แสดบถึงการประดิ ษฐ์", no colon.
        text = "[21] เลขที่คำขอ: 0301549888\n[54] อกี่แสดบถึงการประดิ ษฐ์ เครื่องอบแห้งข้าวเปลือก สำหรับครัวเรือน"
        extraction = extract(text, document_type="patent")
        assert extraction.fields["title"].value == "เครื่องอบแห้งข้าวเปลือก สำหรับครัวเรือน"
        # A title that starts like the label's end keeps its words; so do Latin titles a
        # few edits from a label ("Máy sàng chè", "Tên sáng chế").
        text = "[21] เลขที่คำขอ: 0301549888\n[54] การประดิษฐ์ เครื่องอบแห้งข้าวเปลือก"
        extraction = extract(text, document_type="patent")
        assert extraction.fields["title"].value == "การประดิษฐ์ เครื่องอบแห้งข้าวเปลือก"
        for title, kind in (
            ("Máy sàng chè và phương pháp vận hành máy này", "patent"),
            ("Máy sàng chè", "patent"),
            ("Giải pháp hữu ích xử lý nước thải", "patent"),
            ("Kiểu dáng công nghiệp của chai nước", "industrial_design"),
        ):
            extraction = extract(f"(21) Số đơn: 1-2018-01234\n(54) {title}", document_type=kind)
            assert extraction.fields["title"].value == title

    def test_a_long_label_garbled_at_its_end_goes_where_its_colon_follows(self) -> None:
        # Seed 2117: "ชื่อที่แสดงถึงการประดิษฐ์:" read "ชื่อที่แสตงถึงการประดิท,ธิ์:", four edits
        # off with its second half garbled; the colon after it says where it ends.
        row = "(54) ชื่อที่แสตงถึงการประดิท,ธิ์: กรรมวิธีการผลิตน้ำปลา จากเส้นใยกล้วย"
        extraction = extract(f"(21) เลขที่คำขอ: 0201681685\n{row}", document_type="patent")
        assert extraction.fields["title"].value == "กรรมวิธีการผลิตน้ำปลา จากเส้นใยกล้วย"
        # Without the colon the garbled end is no evidence: the words stay.
        row = "(54) ชื่อที่แสตงถึงการประดิท,ธิ์ กรรมวิธีการผลิตน้ำปลา"
        extraction = extract(f"(21) เลขที่คำขอ: 0201681685\n{row}", document_type="patent")
        assert extraction.fields["title"].value.startswith("ชื่อที่แสตง")

    def test_a_long_label_with_its_first_letter_misread_and_second_lost_is_found(self) -> None:
        # Seed 2060: "สัญลักษณ์จำแนกการประดิษฐ์ระหว่างประเทศ:" read "ฑู ญลักษณ์…", no code.
        text = (
            "เลขที่คำขอ: 0301549888\n"
            "ฑู ญลักษณ์จำแนกการประดิษฐ์ระหว่างประเทศ: G06F 17/30; BO1D 39/20; A01F 25/12"
        )
        extraction = extract(text, document_type="patent")
        assert extraction.fields["ipc"].value == ["G06F 17/30", "B01D 39/20", "A01F 25/12"]

    def test_values_that_start_like_a_garbled_label_keep_their_words(self) -> None:
        cases = (
            ("(21) Appl. No.: 1\n(73) 1-800 CONTACTS, INC., Draper, UT (US)", "patent",
             "applicants", ["1-800 CONTACTS, INC., Draper, UT (US)"]),
            ("(21) Appl. No.: 1\n(71) 99 Cents Only Stores LLC (US)", "patent",
             "applicants", ["99 Cents Only Stores LLC (US)"]),
            ("(210) 4-2018-1\n(540) RE: BORN", "trademark", "mark", "RE: BORN"),
            ("(210) 4-2018-1\n(30) KR: 10-2018-0012345 12/03/2018", "trademark", "priority",
             [{"country": "KR", "number": "10-2018-0012345", "date": "2018-03-12"}]),
        )  # fmt: skip
        for text, kind, name, value in cases:
            assert extract(text, document_type=kind).fields[name].value == value

    def test_a_latin_label_that_lost_its_colon_before_a_local_value_is_a_label(self) -> None:
        # Seed 2062: every colon of a Khmer design lost; the change of script ends the label.
        text = (
            "(21) Application No.: KH/D/2004/57395\n(54) Title ចង្កៀងលម្អ\n"
            "(71) Applicant ក្រុមហ៊ុន មេគង្គ ហ្វូដ (KH)"
        )
        fields = extract(text, document_type="industrial_design").fields
        assert fields["title"].value == "ចង្កៀងលម្អ"
        assert fields["applicants"].value == ["ក្រុមហ៊ុន មេគង្គ ហ្វូដ (KH)"]
        # Same script after it: the mark's own words stay.
        assert extract("(540) MARK & Co", document_type="trademark").fields["mark"].value == (
            "MARK & Co"
        )

    def test_a_label_read_as_digits_before_a_name_goes(self) -> None:
        # The Khmer model's reading of "(71) Applicant: ក្រុមហ៊ុន អង្គរ អគ្រីធិច (KH)" (seed
        # 2055): no name starts with a number, so the digits are the label.
        text = "(54) Title: កៅអីផ្តៅ\n(71) ០1០8២ ក្រុមហ៊ុន អង្គរ អគ្រីធិច (KH)"
        extraction = extract(text, document_type="industrial_design")
        assert extraction.fields["applicants"].value == ["ក្រុមហ៊ុន អង្គរ អគ្រីធិច (KH)"]
        # A title may start with a number: it keeps it.
        extraction = extract("(54) 3 IN 1 COFFEE MIX", document_type="patent")
        assert extraction.fields["title"].value == "3 IN 1 COFFEE MIX"

    @pytest.mark.parametrize(
        "title", ["HINGED LID: FOR A CAN", "Method for drying rice", "Lid: hinged"]
    )
    def test_a_title_keeps_its_words(self, title: str) -> None:
        extraction = extract(f"(54) Title: {title}", document_type="patent")
        assert extraction.fields["title"].value == title


def test_an_agents_legal_form_is_repaired_like_an_applicants() -> None:
    extraction = extract("(74) ตัวแทน: บริษัท ไทยสิทธิบัตร จำคัด", document_type="patent")
    assert extraction.fields["agent"].value == "บริษัท ไทยสิทธิบัตร จำกัด"
    english = extract("(74) Agent: Reyes & Bautista Law Offices", document_type="patent")
    assert english.fields["agent"].value == "Reyes & Bautista Law Offices"


@pytest.mark.parametrize(
    ("printed", "read"),
    [
        ("Garcia Patent Group, P.C.", "Garcia Patent Group, PC."),  # seeds 2045 and 2046
        ("Garcia Patent Group, P.C.", "Garcia Patent Group, P.C"),
        ("Garcia Patent Group, P.C.", "Garcia Patent Group, P.C."),
        ("Garcia Patent Group, PC", "Garcia Patent Group, PC"),  # printed without periods
    ],
)
def test_a_professional_corporation_that_lost_a_period(printed: str, read: str) -> None:
    extraction = extract(f"(740) Attorney: {read}", document_type="trademark")
    assert extraction.fields["agent"].value == printed


class TestLayout:
    def test_two_column_gutter_found_on_real_pages(self) -> None:
        for name in SAMPLES:
            page = load_page(name)
            gutter = find_gutter(page)
            assert gutter is not None and 0.4 * page.width < gutter < 0.6 * page.width

    def test_one_column_has_no_gutter(self) -> None:
        page = text_to_page("\n".join(["a long line of prose that runs across the page"] * 30))
        assert find_gutter(page) is None

    def test_one_long_line_past_the_middle_makes_no_column(self) -> None:
        """Seed 2047: a one-column design page whose inventors' line alone ran on to the right
        edge was cut at the space after "Văn", and "Quang" and the next name were lost."""

        def line(y: int, words: list[tuple[str, int, int]]) -> Line:
            return Line(tuple(Word(t, 95.0, (a, y, b, y + 45)) for t, a, b in words))

        short = [line(200 + 60 * i, [("Label:", 200, 400), ("value", 420, 900)]) for i in range(12)]
        long_line = line(
            1000,
            [("Lan", 1197, 1273), ("(VN);", 1292, 1398), ("Phan", 1419, 1531), ("Văn", 1548, 1632),
             ("Quang", 1651, 1804), ("(VN);", 1823, 1929), ("Ngô", 1951, 2042), ("Hữu", 2063, 2155),
             ("Yến", 2172, 2253)],
        )  # fmt: skip
        page = PageText(0, (*short, long_line), 2480, 3508)
        assert find_gutter(page) is None

    def test_long_lines_parting_at_one_word_space_make_no_column(self) -> None:
        """Seed 2066 (the page's words as read, in the fixtures): on a one-column Vietnamese
        design page the heading, the designers' line and the agent's line parted at x 1690-1712;
        the strip beyond them held three rows, and the second designer was lost with that
        "column". Every one of those rows runs on from a word a space before it."""
        page = load_page("vn_design_seed2066")
        assert find_gutter(page) is None
        assert extract_fields([page]).fields["inventors"].value == [
            "Phan Thanh Hạnh (VN)",
            "Nguyễn Văn Hà (VN)",
        ]

    def test_a_line_running_on_over_the_gutter_a_word_space_away_stays_whole(self) -> None:
        """Seed 2078 (the page's words as stored, in the fixtures): a one-column Vietnamese
        design page on which a gutter was found; the designers' line went on over it 16 px
        after "(VN);" (letters 40 px tall), and "Võ Ngọc An (VN); Đỗ" was lost with the
        "right column". A word space is no gutter: the line is one."""
        page = load_page("vn_design_seed2078")
        assert extract_fields([page]).fields["inventors"].value == [
            "Nguyễn Quốc Tuân (VN)",
            "Võ Ngọc An (VN)",
            "Đỗ Ngọc Bình (VN)",
        ]

    def test_a_short_second_column_is_still_a_column(self) -> None:
        """Five rows of four words right of a wide gap are a column, however few."""

        def line(y: int, x: int, count: int) -> Line:
            return Line(tuple(Word("word", 95.0, (x + 110 * i, y, x + 110 * i + 90, y + 45))
                              for i in range(count)))  # fmt: skip

        left = [line(200 + 60 * i, 100, 7) for i in range(24)]
        right = [line(200 + 60 * i, 1300, 4) for i in range(5)]
        assert find_gutter(PageText(0, (*left, *right), 2480, 3508)) is not None

    def test_pieces_of_one_printed_row_are_joined(self) -> None:
        page = PageText(
            0,
            (
                Line((Word("Bell", 90, (500, 100, 560, 130)),), block=1),
                Line(
                    (
                        Word("{73]", 90, (200, 102, 260, 130)),
                        Word("Assignee:", 90, (280, 102, 400, 130)),
                    ),
                    2,
                ),
            ),
            width=1000,
            height=1000,
        )
        rows = page_rows(page)
        assert [r.text for r in rows] == ["{73] Assignee: Bell"]

    def test_a_line_cut_with_a_sliver_of_overlap_is_one_row(self) -> None:
        """Tesseract cut a Thai IPC line after a stray mark that reaches 12 px into the rest
        of the label; the rest sorted first, above its own code."""
        page = PageText(
            0,
            (
                Line(
                    (
                        Word("(51)", 90, (216, 1016, 307, 1059)),
                        Word("สัญลักษณ์เ", 90, (328, 1002, 533, 1067)),
                    ),
                    1,
                ),
                Line(
                    (
                        Word("จำแนกการประดิษฐ์ระหว่างประเทศ:", 90, (521, 1001, 1196, 1069)),
                        Word("COSF", 90, (1220, 1016, 1336, 1053)),
                        Word("9/04", 90, (1357, 1016, 1459, 1056)),
                    ),
                    2,
                ),
            ),
            width=2480,
            height=3508,
        )
        rows = page_rows(page, columns=False)
        assert len(rows) == 1 and rows[0].text.startswith("(51) สัญลักษณ์เ จำแนก")
        extraction = extract_fields([page], document_type="patent")
        assert extraction.fields["ipc"].value == ["C05F 9/04"]


class TestApiAndReview:
    def test_document_type_can_be_given(self) -> None:
        extraction = extract("(11) 12345\n(51) Cl. 06-01", document_type="industrial_design")
        assert extraction.document_type == "industrial_design" and extraction.type_confidence == 1.0
        assert extraction.fields["locarno_classes"].value == ["06-01"]

    def test_unknown_document_type_is_refused(self) -> None:
        with pytest.raises(ValueError, match="unknown document type"):
            extract("(54) X", document_type="novel")

    def test_empty_input(self) -> None:
        extraction = extract_fields([])
        assert extraction.document_type == "other" and extraction.fields == {}
        assert extract_fields([PageText(0, ())]).fields == {}

    def test_reference_numerals_on_description_pages_are_not_codes(self) -> None:
        front = text_to_page("(21) 1-2018-01234\n(22) 30/04/2018\n(54) Lamp")
        description = text_to_page(
            "The lamp has a base\n(10) carrying a bulb 123456 and a switch\nthat turns it on",
            page_index=1,
        )
        extraction = extract_fields([front, description], document_type="patent")
        assert "publication_number" not in extraction.fields
        assert extraction.fields["title"].value == "Lamp"

    def test_mandatory_fields_cover_every_type(self) -> None:
        assert set(MANDATORY_FIELDS) == {
            "patent",
            "utility_model",
            "trademark",
            "industrial_design",
            "other",
        }

    def test_complete_confident_record_needs_no_review(self) -> None:
        assert review_reasons(extract(FRONT_PAGE), min_field_confidence=0.6) == []

    def test_missing_and_weak_fields_are_explained(self) -> None:
        weak = ExtractedField(value="Thing", raw="Th1ng", confidence=0.3, inid="54", page=0)
        extraction = Extraction("trademark", 0.9, {"title": weak})
        reasons = review_reasons(extraction, min_field_confidence=0.6)
        assert (
            "missing application number or registration number (mandatory for a trademark)"
            in reasons
        )
        assert "missing nice classes (mandatory for a trademark)" in reasons
        assert any(r.startswith("title read with low confidence (0.30 < 0.60)") for r in reasons)

    def test_uncertain_type_is_a_reason(self) -> None:
        reasons = review_reasons(Extraction("other", 0.2, {}), min_field_confidence=0.6)
        assert reasons == ["document type uncertain: read as other with confidence 0.20"]


_ROWS = st.lists(
    st.one_of(
        st.text(max_size=40),
        st.builds(
            "{} {}".format,
            st.sampled_from(["(21)", "[22]", "(5l)", "(511)", "Số đơn:", "Title:", "{73]", "(*)"]),
            st.text(alphabet="0123456789OlS/.-, ABCabc()\nàế", max_size=30),
        ),
    ),
    max_size=12,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_ROWS, st.sampled_from([None, "patent", "trademark", "industrial_design", "other"]))
def test_extraction_never_raises(rows: list[str], document_type: str | None) -> None:
    extraction = extract_fields([text_to_page("\n".join(rows))], document_type=document_type)
    for found in extraction.fields.values():
        assert 0.0 <= found.confidence <= 1.0
        json.dumps(found.to_json())
    review_reasons(extraction, min_field_confidence=0.5)


class TestOcrBracketArtifacts:
    """Tesseract often reads a left-aligned run of "(21)" codes as a column of lone "("
    followed by a column of "21) ..." lines; the codes must still be read."""

    def page(self) -> PageText:
        from processors.types import Line, Word

        rows = [
            ("21)", "Application No.: 1-2018-01234"),
            ("22)", "Filing date: 30/04/2018"),
            ("72)", "Inventor: Nguyen Van An"),
        ]
        lines, brackets = [], []
        for n, (code, rest) in enumerate(rows):
            y = 300 + n * 90
            words = [Word(code, 95, (204, y, 250, y + 45))]
            x = 262
            for token in rest.split():
                words.append(Word(token, 95, (x, y, x + 20 * len(token), y + 45)))
                x += 20 * len(token) + 12
            lines.append(Line(tuple(words), block=1))
            brackets.append(Line((Word("(", 95, (184, y, 195, y + 45)),), block=2))
        stray = Line((Word(")", 60, (230, 570, 241, 615)),), block=1)  # a duplicated ")"
        return PageText(page_index=0, lines=(*lines, stray, *brackets), width=2480, height=3508)

    def test_codes_split_from_their_opening_bracket_are_read(self):
        fields = extract_fields([self.page()], document_type="patent").fields
        assert fields["application_number"].inid == "21"
        assert fields["filing_date"].value == "2018-04-30"
        assert fields["inventors"].value == ["Nguyen Van An"]


def _word(text: str, x: int, y: int) -> Word:
    """A word of 30 px letters at (x, y), as wide as its text."""
    return Word(text, 95.0, (x, y, x + 18 * len(text), y + 30))


def test_reading_order_puts_each_column_together() -> None:
    """Rows Tesseract read across a two-column page come back column by column."""
    from processors.fields.layout import reading_order

    rows = [
        [_word("UNITED", 620, 40), _word("STATES", 750, 40), _word("PATENT", 880, 40),
         _word("OFFICE", 1010, 40)],  # a centred heading: word spaces only
    ] + [
        [_word(f"[{20 + i}]", 100, 100 + 50 * i), _word(f"left{i}", 200, 100 + 50 * i),
         _word(f"text{i}", 320, 100 + 50 * i), _word(f"[{40 + i}]", 1300, 100 + 50 * i),
         _word(f"right{i}", 1400, 100 + 50 * i), _word(f"text{i}", 1520, 100 + 50 * i)]
        for i in range(6)
    ]  # fmt: skip
    page = PageText(0, tuple(Line(tuple(r)) for r in rows), 2480, 800)
    ordered = reading_order(page).text.split("\n")
    assert ordered[0] == "UNITED STATES PATENT OFFICE"
    assert ordered[1:7] == [f"[{20 + i}] left{i} text{i}" for i in range(6)]
    assert ordered[-6:] == [f"[{40 + i}] right{i} text{i}" for i in range(6)]
    one_column = PageText(0, tuple(Line((_word("only", 100, 50 * i),)) for i in range(30)), 2480)
    assert reading_order(one_column) is one_column


def test_noise_down_the_page_edge_neither_joins_rows_nor_runs_on_from_a_value() -> None:
    """Seed 2081: a shadowed scan's edge read as "aia ite canis El" (12-24), one piece 155
    pixels tall beside lines of 42. It sorted between the mark and the classes, took both rows
    of the classes and the goods into one, and ran on from the mark. Left out, the fields
    read as printed; a tall piece with a sure word stays a row of its own."""

    def word(text: str, x: int, y: int, confidence: float = 95.0, height: int = 42) -> Word:
        return Word(text, confidence, (x, y, x + 20 * len(text), y + height))

    lines = [
        Line((word("(540)", 256, 418), word("Mark:", 395, 418), word("VINATECH", 546, 418))),
        Line((word("aia", 0, 444, 24, 155), word("El", 17, 597, 12, 3))),
        Line((word("(511)", 256, 505), word("Int.", 395, 506), word("Cl.:", 490, 505),
              word("03,", 585, 505), word("29", 672, 505))),
        Line((word("Cosmetics;", 394, 572), word("soaps.", 664, 572))),
        Line((word("(731)", 256, 650), word("Owner:", 394, 650), word("Saigon", 560, 650),
              word("Robotics", 700, 650), word("Inc.", 880, 650), word("(VN)", 980, 650))),
    ]  # fmt: skip
    page = PageText(0, tuple(lines), 2480, 3508)
    fields = extract_fields([page], document_type="trademark").fields
    assert fields["mark"].value == "VINATECH"
    assert fields["nice_classes"].value == [3, 29]
    assert fields["goods_services"].value == "Cosmetics; soaps."
    sure = [*lines[:1], Line((word("Logo", 0, 444, 90, 155),)), *lines[2:]]
    rows = page_rows(PageText(0, tuple(sure), 2480, 3508), columns=False)
    assert [r.text for r in rows][1:4] == ["Logo", "(511) Int. Cl.: 03, 29", "Cosmetics; soaps."]


def test_reading_order_rejoins_a_column_of_opening_brackets() -> None:
    """A one-column page whose "(" Tesseract read as a block of its own reads "(21) ..." again."""
    from processors.fields.layout import reading_order

    codes = [(f"{20 + i})", f"label{i}:", f"value{i}") for i in range(6)]
    rest = tuple(
        Line((_word(c, 122, 60 * i), _word(lab, 180, 60 * i), _word(v, 400, 60 * i)), block=0)
        for i, (c, lab, v) in enumerate(codes)
    )
    brackets = tuple(Line((_word("(", 100, 60 * i),), block=1) for i in range(6))
    page = PageText(0, rest + brackets, 2480, 800)
    assert reading_order(page).text.split("\n") == [f"({c} {lab} {v}" for c, lab, v in codes]


def test_reading_order_keeps_a_label_with_its_value_only_on_one_baseline() -> None:
    """A stray "label:" from the row below is not glued to a right-column line across the gutter."""
    from processors.fields.layout import reading_order

    lines = [
        Line((_word(f"[{20 + i}]", 100, 100 + 50 * i), _word(f"left{i}", 200, 100 + 50 * i),
              _word(f"right{i}", 1400, 100 + 50 * i), _word(f"text{i}", 1520, 100 + 50 * i)))
        for i in range(6)
    ]  # fmt: skip
    # Debris of the next row's "Filed:" that Tesseract put on a right-column line above it.
    lines[2] = Line((_word("led:", 240, 160), *lines[2].words[2:]))
    ordered = reading_order(PageText(0, tuple(lines), 2480, 800)).text.split("\n")
    assert "right2 text2" in ordered
    assert not any("led:" in row and "right" in row for row in ordered)


class TestBadlyScannedThaiPages:
    """Text as Tesseract gave it for degraded Thai front pages of the evaluation set (seed
    2031): codes misread or turned to debris, spaces inside labels, brackets lost."""

    DESIGN = "\n".join([
        "“ก รมทรัพย์สินทางปัญญา",
        "สิทธิบัตรการออกแบบผลิตภัณฑ์",
        "' (uy เลขที่สิทธิบัตร: 96303",
        "(21) เลขที่คำขอ: 0703662967",
        "(22) วันยื่นคำขอ: 25/03/2550",
        "| (61) การจำแนกแบบผลิตภัณฑ์ระหว่างประเทศ: Cl. 03- 01",
        "| 4) ชื่อที่แสดงถึงแบบผลิตภัณฑ์: แจกันเซรามิก",
        "ก my ผู้ขอรับสิทธิบัตร: บริษัท เชียงใหม่ฟู้ด จำกัด (TH).",
        "(72) ผู้ออกแบบผลิตภัณฑ์: อรุณี ใจดี (TH): อรุณี แก้วมณี TH)",
    ])  # fmt: skip

    def test_a_thai_design_patent_is_a_design(self):
        kind, _ = classify_document([text_to_page(self.DESIGN)])
        assert kind == "industrial_design"

    def test_labels_behind_code_debris_still_start_their_fields(self):
        fields = extract_fields([text_to_page(self.DESIGN)]).fields
        assert fields["registration_number"].value["normalized"] == "96303"
        assert fields["locarno_classes"].value == ["03-01"]
        assert fields["title"].value == "แจกันเซรามิก"
        assert fields["applicants"].value == ["บริษัท เชียงใหม่ฟู้ด จำกัด (TH)"]
        assert fields["inventors"].value == ["อรุณี ใจดี (TH)", "อรุณี แก้วมณี (TH)"]

    def test_a_code_that_lost_its_closing_bracket_to_a_digit_does_not_hide_its_label(self):
        # Seed 2071: "(54)" read as "(529" before a Thai design title.
        text = "(51) การจำแนกแบบผลิตภัณฑ์ระหว่างประเทศ: CL. 06-01\n(529 ชื่อที่แสดงถึงแบบ ผลิตภัณฑ์: เก้าอี้หวาย"
        fields = extract_fields([text_to_page(text)], document_type="industrial_design").fields
        assert fields["title"].value == "เก้าอี้หวาย"

    def test_a_code_read_twice_yields_to_the_label_that_disagrees(self):
        # Seed 2105: the agent's "(74)" read as "(72)", the inventors' code just above: the
        # agent went into the inventors' list. A page prints each code once, so the label
        # says which field the repeat opens. A code seen once still wins over its label.
        text = "\n".join([
            "(72) ผู้ออกแบบผลิตภัณฑ์: พรทิพย์ ทองดี (TH)",
            "(72) ตัวแทน: บริษัท ไทยสิทธิบัตร จำกัด",
        ])  # fmt: skip
        fields = extract_fields([text_to_page(text)], document_type="industrial_design").fields
        assert fields["inventors"].value == ["พรทิพย์ ทองดี (TH)"]
        assert fields["agent"].value == "บริษัท ไทยสิทธิบัตร จำกัด"
        once = extract_fields(
            [text_to_page("(72) ตัวแทน: พรทิพย์ ทองดี (TH)")], document_type="industrial_design"
        ).fields
        assert "agent" not in once and once["inventors"].value == ["พรทิพย์ ทองดี (TH)"]

    def test_a_label_cut_over_two_lines_is_not_part_of_the_title(self):
        text = "(54) ชื่อที่แสดงถึงการประด\nดิษฐ์: เครื่องอบแห้งข้าวเปลือก สำหรับครัวเรือน"
        fields = extract_fields([text_to_page(text)], document_type="patent").fields
        assert fields["title"].value == "เครื่องอบแห้งข้าวเปลือก สำหรับครัวเรือน"

    def test_a_thai_label_with_spaces_inside_is_read(self):
        text = '. "เลขที่ คำ ขอ : 1491889804 .\nผู้ขอจดทะเบียน: มหาวิทยาลัยเกษตรศาสตร์ TH)'
        fields = extract_fields([text_to_page(text)], document_type="trademark").fields
        assert fields["application_number"].value["normalized"] == "1491889804"
        assert fields["applicants"].value == ["มหาวิทยาลัยเกษตรศาสตร์ (TH)"]


def test_reading_order_does_not_glue_an_empty_label_to_the_next_field_across_the_gutter() -> None:
    """ "(21) Application No.:" with its value below, beside "(11) Registration No.: 318403"."""
    from processors.fields.layout import reading_order

    rows = [
        [_word("(21)", 100, 100), _word("Application", 180, 100), _word("No.:", 400, 100),
         _word("(11)", 1300, 100), _word("Registration", 1380, 100), _word("No.:", 1620, 100),
         _word("318403", 1720, 100)],
    ] + [
        [_word(f"left{i}", 100, 150 + 50 * i), _word(f"x{i}", 300, 150 + 50 * i),
         _word(f"right{i}", 1300, 150 + 50 * i), _word(f"y{i}", 1500, 150 + 50 * i)]
        for i in range(8)
    ]  # fmt: skip
    page = PageText(0, tuple(Line(tuple(r)) for r in rows), 2480, 800)
    ordered = reading_order(page).text.split("\n")
    assert ordered[0] == "(21) Application No.:"
    assert "(11) Registration No.: 318403" in ordered


def test_a_value_under_its_label_in_the_right_column_stays_there() -> None:
    """Seed 2049, a PH design: "May 11, 2019" under "(45) Registration Date:" sits on the row
    of "(22) Filing Date:" (whose date is below it): each label keeps its own date."""
    rows = [
        [_word("(21)", 100, 100), _word("Application", 180, 100), _word("No.:", 400, 100),
         _word("(11)", 1300, 100), _word("Registration", 1380, 100), _word("No.:", 1620, 100),
         _word("155890", 1720, 100)],
        [_word("3-2017-393564", 180, 150), _word("(45)", 1300, 160),
         _word("Registration", 1380, 160), _word("Date:", 1620, 160)],
        [_word("(22)", 100, 210), _word("Filing", 180, 210), _word("Date:", 300, 210),
         _word("May", 1380, 210), _word("11,", 1480, 210), _word("2019", 1540, 210)],
        [_word("December", 180, 260), _word("14,", 330, 260), _word("2017", 400, 260)],
    ] + [
        [_word(f"(7{i})", 100, 320 + 50 * i), _word("Name:", 180, 320 + 50 * i),
         _word(f"Person{i}", 300, 320 + 50 * i), _word("(PH)", 500, 320 + 50 * i)]
        for i in range(4)
    ]  # fmt: skip
    page = PageText(0, tuple(Line(tuple(r)) for r in rows), 2480, 800)
    fields = extract_fields([page], document_type="industrial_design").fields
    assert fields["filing_date"].value == "2017-12-14"
    assert fields["registration_date"].value == "2019-05-11"


def test_a_column_of_codes_read_twice_is_read_once() -> None:
    """Seed 2049, a PH trademark: Tesseract read "(511)" in a block of its own over the
    "511)" that starts the row; the goods below the classes stay the goods."""
    rows = [
        [_word("210)", 246, 100), _word("Application", 364, 100), _word("No.:", 639, 100),
         _word("4-2002-047637", 743, 100)],
        [_word("511)", 246, 160), _word("Classes:", 366, 160), _word("09,", 569, 160),
         _word("42", 656, 160)],
        [_word("Computer", 366, 220), _word("software;", 608, 220), _word("mobile", 838, 220)],
        [_word("phones.", 366, 280)],
        [_word("(731)", 229, 340), _word("Applicant:", 364, 340), _word("Manila", 613, 340),
         _word("Agro", 776, 340), _word("(PH)", 900, 340)],
        [_word("(210)", 229, 100)],
        [_word("(511)", 229, 160)],
    ]  # fmt: skip
    page = PageText(0, tuple(Line(tuple(r)) for r in rows), 2480, 800)
    fields = extract_fields([page], document_type="trademark").fields
    assert fields["nice_classes"].value == [9, 42]
    assert fields["goods_services"].value == "Computer software; mobile phones."
    assert fields["application_number"].inid == "210"


def test_a_code_and_a_label_word_read_as_blocks_of_their_own_rejoin_their_row() -> None:
    """Seed 2092, a Vietnamese design turned 180°: Tesseract read "(11) Số bằng: 3-0056783" as
    "11 ng: 3-0056783" in one block, "Số" in a second and "(11)" in a third, and the same for
    (21): no label, no code, and the numbers were lost. The code read over "11" folds into
    the row, and "Số", in the gap between its words, joins it; a stray ")" of a column of
    codes stays out of a row."""

    def word(text: str, left: int, right: int, top: int) -> Word:
        return Word(text, 95, (left, top, right, top + 40))

    lines = [
        Line((word("11", 270, 319, 408), word("ng:", 490, 554, 408),
              word("3-0056783", 577, 821, 408)), 3),
        Line((word("21", 268, 319, 495), word("đơn:", 431, 525, 495),
              word("3-2016-63760", 548, 867, 495)), 3),
        Line((word("(22)", 268, 340, 580), word("Ngày", 360, 450, 580), word("nộp", 465, 540, 580),
              word("đơn:", 555, 640, 580), word("11/03/2016", 660, 969, 580)), 3),
        Line((word("Số", 359, 412, 404),), 6),
        Line((word("Số", 359, 412, 491),), 6),
        Line((word("(11)", 251, 338, 408),), 7),
        Line((word("21", 251, 338, 495),), 7),
    ]  # fmt: skip
    page = PageText(0, tuple(lines), 2480, 3508)
    assert reading_order(page).text.splitlines()[:2] == [
        "(11) Số ng: 3-0056783",
        "21 Số đơn: 3-2016-63760",
    ]
    fields = extract_fields([page], document_type="industrial_design").fields
    assert fields["application_number"].value["printed"] == "3-2016-63760"
    assert fields["registration_number"].value["printed"] == "3-0056783"
    stray = PageText(0, (lines[2], Line((word(")", 343, 355, 585),), 7)), 2480, 3508)
    rows = [row for row in reading_order(stray).text.splitlines() if row]
    assert rows == ["(22) Ngày nộp đơn: 11/03/2016", ")"]


def test_a_speck_between_the_parts_of_a_row_does_not_cut_it() -> None:
    """Seed 2101: a speck read as "'" (8 px tall, its top between those of the row's parts)
    stood between "(11) เลขที่สิทธิ์" and "บัตร: 51012", read as two blocks: the number lost
    its code. The speck is a row of its own, and the row stays whole."""
    lines = [
        Line((Word("(11)", 97, (234, 460, 310, 503)),
              Word("เลขที่สิทธิ์", 85, (328, 436, 511, 507))), 6),
        Line((Word("'", 61, (408, 440, 411, 448)),), 5),
        Line((Word("บัตร:", 94, (499, 450, 597, 503)), Word("51012", 92, (601, 461, 725, 493))), 8),
        Line((Word("(21)", 93, (234, 565, 310, 608)), Word("เลขที่คำขอ:", 90, (328, 541, 536, 613)),
              Word("2001588136", 97, (539, 566, 790, 598))), 8),
    ]  # fmt: skip
    page = PageText(0, tuple(lines), 2480, 3508)
    rows = [row for row in reading_order(page).text.splitlines() if row]
    assert rows[0] == "(11) เลขที่สิทธิ์บัตร: 51012"
    assert "'" in rows
    fields = extract_fields([page], document_type="patent").fields
    assert fields["publication_number"].value["printed"] == "51012"
    assert fields["application_number"].value["printed"] == "2001588136"


def test_a_code_read_twice_whole_is_read_once() -> None:
    """Seed 2058, a VN trademark: "(511)" read a second time, whole, as a line of its own just
    under its row's top; it must not open an empty field that takes the goods."""
    rows = [
        [_word("(540)", 229, 100), _word("Nhãn", 356, 100), _word("hiệu:", 480, 100),
         _word("SUNNY", 600, 100)],
        [_word("(511)", 210, 170)],
        [_word("(511)", 229, 165), _word("Nhóm", 356, 165), _word("sản", 510, 165),
         _word("phẩm/dịch", 612, 165), _word("vụ:", 880, 165), _word("35", 972, 165)],
        [_word("Dịch", 356, 235), _word("vụ", 475, 235), _word("quảng", 550, 235),
         _word("cáo.", 717, 235)],
        [_word("(731)", 229, 300), _word("Chủ", 356, 300), _word("đơn:", 450, 300),
         _word("Sunny", 560, 300), _word("(VN)", 700, 300)],
    ]  # fmt: skip
    page = PageText(0, tuple(Line(tuple(r)) for r in rows), 2480, 800)
    fields = extract_fields([page], document_type="trademark").fields
    assert fields["nice_classes"].value == [35]
    assert fields["goods_services"].value == "Dịch vụ quảng cáo."


def test_a_word_of_a_value_that_looks_like_its_label_stays_in_the_value() -> None:
    """Seed 2052: "(740) Agent: Santos Patent" over "Attorneys" lost its last word to the
    label "Attorney"; a label of the next field on its own row still starts that field."""
    text = "(740) Agent: Santos Patent\nAttorneys\n(731) Applicant: Davao Coconut Co. (PH)"
    fields = extract_fields([text_to_page(text)], document_type="trademark").fields
    assert fields["agent"].value == "Santos Patent Attorneys"
    assert fields["applicants"].value == ["Davao Coconut Co. (PH)"]
    text = "(731) Applicant: Davao Coconut Co. (PH)\nAttorney:\nSantos Patent Attorneys"
    fields = extract_fields([text_to_page(text)], document_type="trademark").fields
    assert fields["agent"].value == "Santos Patent Attorneys"


def test_brackets_left_of_a_value_are_not_part_of_it() -> None:
    """A goods line that met its code's bracket, and empty brackets before a mark."""
    text = (
        "(511) Classes: 09, 43\n) Computer software; mobile phones.\n(540) Nhãn hiệu: ( ) SAO MAI"
    )
    fields = extract_fields([text_to_page(text)], document_type="trademark").fields
    assert fields["goods_services"].value == "Computer software; mobile phones."
    assert fields["mark"].value == "SAO MAI"


def test_int_cl_on_a_trademark_is_its_nice_classes() -> None:
    """A US registration prints its Nice classes as "Int. Cl."; here its code [511] misread."""
    text = "[B11] Int. CI.: 03, 05\nCosmetics; soaps."
    fields = extract_fields([text_to_page(text)], document_type="trademark").fields
    assert fields["nice_classes"].value == [3, 5]
    assert fields["goods_services"].value == "Cosmetics; soaps."
    assert "ipc" not in fields


def test_a_closing_bracket_read_as_1_still_ends_a_code() -> None:
    """ "[721" is "[72]": the designers' row starts a field of its own."""
    text = "[71] Chủ đơn: Công ty Sao Mai (VN)\n[721 Tác giả kiểu dáng: Lý Thị Hải (VN)"
    fields = extract_fields([text_to_page(text)], document_type="industrial_design").fields
    assert fields["applicants"].value == ["Công ty Sao Mai (VN)"]
    assert fields["inventors"].value == ["Lý Thị Hải (VN)"]


def test_a_three_digit_code_with_its_closing_bracket_read_as_1() -> None:
    """ "[7311" is "[731]" (seed 2043): the applicant's row is not part of the goods."""
    text = (
        "[210] Số đơn: 4-2023-03189\n[511] Nhóm sản phẩm/dịch vụ: 03\nMỹ phẩm; xà phòng.\n"
        "[7311 Chủ đơn: Viện Khoa học Vật liệu (VN)"
    )
    fields = extract_fields([text_to_page(text)], document_type="trademark").fields
    assert fields["applicants"].value == ["Viện Khoa học Vật liệu (VN)"]
    assert fields["goods_services"].value == "Mỹ phẩm; xà phòng."


def test_a_code_with_one_digit_misread_still_starts_its_field() -> None:
    """ "(34)" is no code; after (51) it can only be (54) (seed 2133: the title was lost)."""
    text = (
        "(51) Locarno Classification: Cl. 09-01\n(34) ឬទ: ចង្កៀងលម្អ\n"
        "(71) Applicant: ក្រុមហ៊ុន អង្គរ អគ្រីធិច (KH)"
    )
    fields = extract_fields([text_to_page(text)], document_type="industrial_design").fields
    assert fields["title"].value == "ចង្កៀងលម្អ"
    assert fields["locarno_classes"].value == ["09-01"]


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # (54) is already on the page: "(34)" stands for no field, and stays in the abstract.
        (
            "(54) Title: Lamp\n(57) Abstract: A lamp.\n(34) Shade\n(71) Applicant: A (KH)",
            "title",
            "Lamp",
        ),
        # Inside an abstract a bracketed number is the abstract's own text, never (76).
        (
            "(57) Abstract: A lamp with parts\n(16) and a shade\n(71) Applicant: A (KH)",
            "abstract",
            "A lamp with parts (16) and a shade",
        ),
    ],
)
def test_a_bracketed_number_that_fits_no_missing_code_opens_no_field(
    text: str, field: str, value: str
) -> None:
    fields = extract_fields([text_to_page(text)], document_type="industrial_design").fields
    assert fields["applicants"].value == ["A (KH)"]
    assert "inventors" not in fields
    assert fields[field].value == value


def test_a_long_label_whose_head_was_garbled_is_found_by_its_tail() -> None:
    """Seed 2092: "(51) สัญลักษณ์จำแนก..." read "De 5 ๐ De กษณ์จำแนกการประดิษฐ์ระหว่างประเทศ:";
    the label's intact end before the colon finds it. Debris far longer than the lost head, or
    a tail two fields' labels share, finds nothing."""
    text = "(21) เลขที่คำขอ: 1201346670\nDe 5 ๐ De กษณ์จำแนกการประดิษฐ์ระหว่างประเทศ: COSF 9/04"
    fields = extract_fields([text_to_page(text)], document_type="patent").fields
    assert fields["ipc"].value == ["C05F 9/04"]
    tables = default_label_tables()
    long_debris = "x" * 40 + " กษณ์จำแนกการประดิษฐ์ระหว่างประเทศ: COSF 9/04"
    assert match_label(long_debris, tables) is None
    assert match_label("zzzz zz kiểu dáng công nghiệp: GHẾ", tables) is None  # title or designer


def test_a_thai_label_with_two_letters_misread_is_found_by_its_colon() -> None:
    """Seed 2127: "ผู้ประดิษฐ์:" read "ผู้ประดิพธ์:", two misreads where its 9 folded letters allow
    one; the row's colon ends it, so the inventor is no second applicant."""
    text = (
        "ผู้ขอรับสิทธิบัตร: บริษัท เชียงใหม่ฟู้ด จำกัด (TH)\n"
        "ผู้ประดิพธ์: วิชัย วงศ์ไทย (TH)\nตัวแทน: บริษัท ไทยสิทธิบัตร จำกัด"
    )
    fields = extract_fields([text_to_page(text)], document_type="patent").fields
    assert fields["applicants"].value == ["บริษัท เชียงใหม่ฟู้ด จำกัด (TH)"]
    assert fields["inventors"].value == ["วิชัย วงศ์ไทย (TH)"]
    tables = default_label_tables()
    assert match_label("ผู้ประดิพธ์ วิชัย วงศ์ไทย", tables) is None  # no colon: a name
    assert match_label("ผู้ปรพดิพธ์: วิชัย", tables) is None  # three misreads
    assert match_label("Invemtar: Jose", tables) is None  # Latin labels keep their budget


def test_a_label_with_a_letter_read_too_many_ends_at_its_colon() -> None:
    """Seed 2126: "(72) ผู้ประดิษฐย์:" is one edit from the label whole and cut before its last
    letters alike; cut, it left "ย์:" before the first inventor and was kept in the value."""
    text = "(21) เลขที่คำขอ: 1201346670\n(72) ผู้ประดิษฐย์: กนกวรรณ ใจดี (TH); สุดารัตน์ แก้วมณี (TH)"
    fields = extract_fields([text_to_page(text)], document_type="patent").fields
    assert fields["inventors"].value == ["กนกวรรณ ใจดี (TH)", "สุดารัตน์ แก้วมณี (TH)"]
    found = match_label("ผู้ประดิษฐย์: กนกวรรณ", default_label_tables())
    assert found is not None and found.end == len("ผู้ประดิษฐย์")


def test_a_patent_title_whose_closing_bracket_read_as_1_is_no_mark() -> None:
    """ "[541" on a Thai patent (seed 2046) is "[54]": the title label says so; a trademark's
    [541] stays its mark."""
    text = "[21] เลขที่คำขอ: 1901607584\n[541 ชื่อที่แสดงถึงการประดิษฐ์: ระบบกรองน้ำ"
    extraction = extract_fields([text_to_page(text)], document_type="patent")
    assert "mark" not in extraction.fields
    assert extraction.fields["title"].value == "ระบบกรองน้ำ"
    assert extraction.fields["title"].inid == "54"
    fields = extract_fields([text_to_page("[541] SIAMORA")], document_type="trademark").fields
    assert fields["mark"].value == "SIAMORA"


@pytest.mark.parametrize(
    "row",
    [
        [  # seed 2045: a gap of 58 px, over the 0.8 letter heights a known code needs
            ("[12]", 249, 369), ("United", 398, 610), ("States", 635, 828),
            ("Design", 853, 1069), ("Patent", 1093, 1298), ("[10]", 1356, 1450),
            ("Patent", 1473, 1633), ("No.:", 1651, 1750), ("US", 1773, 1844),
            ("D522,747", 1866, 2106), ("S", 2130, 2157),
        ],
        [  # seed 2055: a gap of 22 px, a word space; "Patent No.:" says what [10] starts
            ("[12]", 276, 398), ("United", 427, 631), ("States", 659, 859),
            ("Design", 887, 1098), ("Patent", 1127, 1334), ("[10]", 1356, 1450),
            ("Patent", 1475, 1629), ("No.:", 1651, 1740), ("US", 1766, 1828),
            ("D522,747", 1851, 2088), ("S", 2110, 2136),
        ],
    ],
)  # fmt: skip
def test_a_code_after_a_long_heading_on_one_row_starts_its_own_field(row) -> None:
    """Given a US design page whose "[12] United States Design Patent" heading leaves only a
    narrow gap before "[10] Patent No.:" on the same row, the patent number is still read as
    the publication number."""
    first = Line(tuple(Word(t, 95.0, (x0, 337, x1, 387)) for t, x0, x1 in row))
    title = Line(
        (Word("[54]", 95.0, (248, 436, 354, 481)), Word("LANTERN", 95.0, (379, 437, 755, 475)))
    )
    page = PageText(0, (first, title), 2480, 3508)
    fields = values(extract_fields([page], document_type="industrial_design"))
    assert fields["publication_number"]["printed"] == "US D522,747 S"
    assert fields["kind"] == "S"
    assert fields["title"] == "LANTERN"


def test_a_known_code_a_word_space_on_without_its_label_does_not_cut_the_row() -> None:
    """Only a code followed by its own field's label starts a field a word space on: "[10]"
    inside an agent's name without "Patent No." after it is kept as read."""
    row = [
        ("[74]", 249, 350), ("Agent:", 380, 520), ("Smith", 545, 680), ("[10]", 702, 780),
        ("Partners", 802, 1000),
    ]  # fmt: skip
    first = Line(tuple(Word(t, 95.0, (x0, 337, x1, 387)) for t, x0, x1 in row))
    page = PageText(0, (first,), 2480, 3508)
    fields = values(extract_fields([page], document_type="patent"))
    assert "publication_number" not in fields
    assert fields["agent"].startswith("Smith")


def _row(y: int, *pieces: tuple[int, str]) -> Line:
    """One line of words at height ``y``; each piece starts at its x, words 20 px apart."""
    words = []
    for x, text in pieces:
        for token in text.split():
            width = 22 * len(token)
            words.append(Word(token, 95.0, (x, y, x + width, y + 40)))
            x += width + 20
    return Line(tuple(words))


def test_running_text_on_a_labels_row_across_the_gutter_is_not_its_value() -> None:
    """Given a US design page where the right column's description line sits on the row of
    "[74] Attorney, Agent, or Firm:" (seed 2055) and the agent's name is on the row below
    the label, the agent is that name, not the description's words."""
    page = PageText(
        0,
        (
            _row(300, (100, "[21] Appl. No.: 29/374,744"), (1300, "[45] Date of Patent:")),
            _row(400, (100, "[22] Filed: Oct. 30, 2009"), (1300, "FIG. 5 is a top plan")),
            _row(500, (100, "[51] LOC (9) Cl.: 14-03"), (1300, "view of the armchair;")),
            _row(600, (100, "[74] Attorney, Agent, or Firm:"), (1300, "view thereof.")),
            _row(700, (100, "Smith Intellectual Property Law")),
        ),
        2480,
        3508,
    )
    fields = values(extract_fields([page], document_type="industrial_design"))
    assert fields["agent"] == "Smith Intellectual Property Law"


@pytest.mark.parametrize("colon", [":", ""])
def test_a_label_with_its_value_across_the_gutter_keeps_it(colon: str) -> None:
    """Given labels on the left and their values across the gutter, each label over the next
    one ("Số đơn:" over "Ngày nộp đơn:"), each value stays its label's, also when OCR lost the
    colon of the label below."""
    page = PageText(
        0,
        (
            _row(300, (100, "Số đơn:"), (1300, "1-2018-01234")),
            _row(400, (100, f"Ngày nộp đơn{colon}"), (1300, "15/03/2018")),
            _row(500, (100, "Chủ đơn:"), (1300, "Công ty TNHH Minh Long")),
            _row(600, (100, f"Người đại diện{colon}"), (1300, "Công ty Luật Phạm và Liên danh")),
        ),
        2480,
        3508,
    )
    fields = values(extract_fields([page], document_type="patent"))
    assert fields["application_number"]["printed"] == "1-2018-01234"
    assert fields["filing_date"] == "2018-03-15"
    assert fields["applicants"] == ["Công ty TNHH Minh Long"]


@pytest.mark.parametrize("printed", ["US 0581,9195", "US 0581,919", "US 0581,919 5"])
def test_a_us_design_number_with_its_d_read_as_0_is_put_right(printed: str) -> None:
    """Seeds 2058 and 2061: "US D581,919 S" read with D as 0 and S as 5 or lost. Four digits
    before the comma are no thousands group; a utility number keeps its digits."""
    text = f"[54] LANTERN\n[10] Patent No.: {printed}\n[21] Appl. No.: 29/374,744"
    fields = values(extract_fields([text_to_page(text)], document_type="industrial_design"))
    assert fields["publication_number"]["printed"] == "US D581,919 S"
    assert fields["kind"] == "S"
    utility = values(extract_fields([text_to_page("(10) Patent No.: US 6,594,844 B2")]))
    assert utility["publication_number"]["printed"] == "US 6,594,844 B2"


def test_a_country_code_read_as_a_code_of_another_numbering_does_not_cut_the_name() -> None:
    """Seed 2065: on a Thai design page "(TH)" was read "(111)" and "(111))"; (111) follows (71)
    in number but is a trademark code, so it opened a field of its own and the applicant lost
    its country, and two designers were lost. The names keep their country (the others', or
    the script's when no other name has one)."""
    designers = "สมชาย สุขสวัสดิ์ (111)) สมชาย ใจดี (TH); อรุณี สุขสวัสดิ์ (TH)"
    lines = (
        _row(300, (200, "(54) ชื่อที่แสดงถึงแบบผลิตภัณฑ์: เก้าอี้หวาย")),
        _row(400, (200, "(71) ผู้ขอรับสิทธิบัตร: อรุณี ใจดี (111)")),
        _row(500, (200, "(72) ผู้ออกแบบผลิตภัณฑ์: " + designers)),
    )
    page = PageText(0, lines, 2480, 3508)
    fields = values(extract_fields([page], document_type="industrial_design"))
    assert fields["applicants"] == ["อรุณี ใจดี (TH)"]
    assert fields["inventors"] == ["สมชาย สุขสวัสดิ์ (TH)", "สมชาย ใจดี (TH)", "อรุณี สุขสวัสดิ์ (TH)"]
    assert fields["title"] == "เก้าอี้หวาย"


def test_an_english_label_read_without_its_colon_leaves_a_local_title() -> None:
    """Seed 2065: "(54) Tite’ កាបូបត្បាញ", the colon read as a quote; the label goes before a
    Khmer value, and stays a word of a Latin one."""
    khmer = PageText(0, (_row(300, (200, "(54) Tite’ កាបូបត្បាញ")),), 2480, 3508)
    assert values(extract_fields([khmer], document_type="industrial_design"))["title"] == (
        "កាបូបត្បាញ"
    )
    latin = PageText(0, (_row(300, (200, "(54) Title Insurance System")),), 2480, 3508)
    assert values(extract_fields([latin], document_type="patent"))["title"] == (
        "Title Insurance System"
    )


def test_a_party_field_label_without_its_colon_leaves_a_latin_name() -> None:
    """Seed 2077: "(74) Agent Mendoza Intellectual Property Law", the colon lost; no name
    starts with the word "Agent". A word merely like the label stays ("Agents Lab")."""
    page = PageText(
        0, (_row(300, (200, "(74) Agent Mendoza Intellectual Property Law")),), 2480, 3508
    )
    assert values(extract_fields([page], document_type="patent"))["agent"] == (
        "Mendoza Intellectual Property Law"
    )
    page = PageText(0, (_row(300, (200, "(74) Agentur Weber GmbH")),), 2480, 3508)
    assert values(extract_fields([page], document_type="patent"))["agent"] == "Agentur Weber GmbH"


def test_a_fields_own_label_with_a_quote_before_its_colon_goes() -> None:
    """Seed 2080: "(540) Mark’: MEKONG STAR", a quote read before the colon; the mark is
    "MEKONG STAR". A mark that merely starts like the label stays ("(540) Marks & Co")."""
    page = PageText(0, (_row(300, (200, "(540) Mark’: MEKONG STAR")),), 2480, 3508)
    assert values(extract_fields([page], document_type="trademark"))["mark"] == "MEKONG STAR"
    page = PageText(0, (_row(300, (200, "(540) Marks & Co")),), 2480, 3508)
    assert values(extract_fields([page], document_type="trademark"))["mark"] == "Marks & Co"


# A name printed as applicant and as inventor, read two ways -----------------------------------


def test_a_name_printed_twice_takes_the_reading_without_a_digit_in_it() -> None:
    """Seed 2109: the applicant read "ວັນນະສອນ 1ູມມະຄາ", the same person as inventor
    "ວັນນະສອນ ພູມມະລາ"; a digit inside a Lao word is no reading of a name."""
    text = "\n".join([
        "(54) ຊື່ສິ່ງປະດິດ: ຕັ່ງຫວາຍ",
        "(71) ຜູ້ຂໍ: ວັນນະສອນ 1ູມມະຄາ (LA)",
        "(72) ຜູ້ປະດິດ: ວັນນະສອນ ພູມມະລາ (LA)",
    ])  # fmt: skip
    fields = extract_fields([text_to_page(text)], document_type="patent").fields
    assert fields["applicants"].value == ["ວັນນະສອນ ພູມມະລາ (LA)"]
    assert fields["inventors"].value == ["ວັນນະສອນ ພູມມະລາ (LA)"]
    assert "1ູມມະຄາ" in fields["applicants"].raw  # as read, for review


@pytest.mark.parametrize(
    ("applicants", "inventors", "expected"),
    [
        # The Lao letter model finds "ພົມມະຈັນ" far likelier than "ມື້ມມະຈັນ" (seed 2110).
        (["ບຸນມີ ມື້ມມະຈັນ (LA)"], ["ບຸນມີ ພົມມະຈັນ (LA)"], ["ບຸນມີ ພົມມະຈັນ (LA)"]),
        # Two names, both plausible: two people, or no way to tell.
        (["Nguyễn Văn An (VN)"], ["Nguyễn Văn Anh (VN)"], ["Nguyễn Văn An (VN)"]),
        # Another country: another person.
        (["ວັນນະສອນ 1ູມມະຄາ (LA)"], ["ວັນນະສອນ ພູມມະລາ (TH)"], ["ວັນນະສອນ 1ູມມະຄາ (LA)"]),
        # Too far apart to be one name.
        (["ບຸນມີ 1ົມມະຈັນ (LA)"], ["ສົມພອນ ແກ້ວມະນີ (LA)"], ["ບຸນມີ 1ົມມະຈັນ (LA)"]),
    ],
)
def test_only_close_readings_of_one_name_are_made_one(
    applicants: list[str], inventors: list[str], expected: list[str]
) -> None:
    assert reconcile_repeated_names(applicants, inventors, _letter_likelihood)[0] == expected
