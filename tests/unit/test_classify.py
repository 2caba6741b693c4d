from __future__ import annotations

import json
from pathlib import Path

import pytest

from processors.fields import classify_document, load_label_tables, text_to_page
from processors.types import Line, PageText, Word

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ocr"


def load_page(name: str) -> PageText:
    data = json.loads((FIXTURES / f"{name}_p1.json").read_text(encoding="utf-8"))
    lines = tuple(
        Line(tuple(Word(t, c, tuple(b)) for t, c, b in line["words"]), line["block"])  # type: ignore[arg-type]
        for line in data["lines"]
    )
    return PageText(data["page_index"], lines, data["width"], data["height"])


def classify(text: str) -> tuple[str, float]:
    return classify_document([text_to_page(text)])


@pytest.mark.parametrize("name", ["US6594844B2", "US3858232"])
def test_real_us_patents(name: str) -> None:
    kind, confidence = classify_document([load_page(name)])
    assert kind == "patent" and confidence > 0.7


def test_us_design_patent_is_a_design_though_it_says_patent_everywhere() -> None:
    text = (
        "UNITED STATES PATENT AND TRADEMARK OFFICE\n"
        "[12] United States Design Patent [10] Patent No.: US D467,990 S\n"
        "[54] WOVEN HANDBAG [45] Date of Patent: Jul. 10, 2005\n"
        "[75] Inventors: Teresa H. Villanueva [57] CLAIM\n"
        "[21] Appl. No.: 29/660,655\n[51] LOC (9) Cl.: 09-01\n"
        "[74] Attorney, Agent, or Firm: Garcia Patent Group, P.C."
    )
    assert classify(text)[0] == "industrial_design"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "(21) 1-2018-01234\n(22) 30/04/2018\n(51) G06F 17/30\n(54) Method\n(57) A method",
            "patent",
        ),
        ("(210) 4-2018-12345\n(511) 09, 35\n(540) SUNNY\n(731) ABC Co.", "trademark"),
        ("(11) 123\n(15) 12/03/2019\n(51) LOC (12) Cl. 06-01\n(54) Chair", "industrial_design"),
        ("(21) 2-2019-00012\n(54) Nắp chai\nBẰNG ĐỘC QUYỀN GIẢI PHÁP HỮU ÍCH", "utility_model"),
        ("อนุสิทธิบัตร\nเลขที่คำขอ 1903001234\nชื่อที่แสดงถึงการประดิษฐ์: ฝาขวด", "utility_model"),
        (
            "สิทธิบัตรการออกแบบผลิตภัณฑ์\nเลขที่คำขอ 1802001234\nชื่อที่แสดงถึงแบบผลิตภัณฑ์: ขวด",
            "industrial_design",
        ),
        (
            "GIẤY CHỨNG NHẬN ĐĂNG KÝ NHÃN HIỆU\nNhãn hiệu: ABC\nNhóm sản phẩm/dịch vụ: 09",
            "trademark",
        ),
        ("Kiểu dáng công nghiệp\nSố đơn: 3-2019-00001\nTên kiểu dáng: Ghế", "industrial_design"),
        ("Số đơn: 1-2018-01234\nTên sáng chế: Phương pháp\nPhân loại IPC: C05F 11/00", "patent"),
        ("ម៉ាកសញ្ញា\nលេខពាក្យស្នើសុំ: KH/M/2019/00001\nថ្នាក់ 9", "trademark"),
        ("ເຄື່ອງໝາຍການຄ້າ\nເລກທີຄຳຮ້ອງ: 12345\nຈຳພວກ 9", "trademark"),
        ("Application No.: 1-2020-00011\nMark: SUNNY\nClasses: 9, 35", "trademark"),
    ],
)
def test_types(text: str, expected: str) -> None:
    kind, confidence = classify(text)
    assert kind == expected and 0.0 < confidence <= 1.0


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Dear Sir, we acknowledge receipt of your letter of 3 May.",
        "Invoice 2019-04\nTotal amount due: 1,200,000 VND",
    ],
)
def test_other(text: str) -> None:
    kind, confidence = classify(text)
    assert kind == "other" and confidence > 0.5


def test_no_pages() -> None:
    assert classify_document([])[0] == "other"


def test_more_evidence_more_confidence() -> None:
    sparse = classify("(21) 1-2018-01234\n(51) G06F 17/30")
    rich = classify(
        "PATENT\n(21) 1-2018-01234\n(22) 30/04/2018\n(51) G06F 17/30\n(54) Method\n"
        "(57) A method\n(72) Le Van A"
    )
    assert sparse[0] == rich[0] == "patent" and sparse[1] < rich[1]


def test_conflicting_evidence_lowers_confidence() -> None:
    clear = classify("(210) 4-2018-12345\n(511) 09\n(540) SUNNY\n(731) ABC")
    mixed = classify("(210) 4-2018-12345\n(511) 09\n(540) SUNNY\n(731) ABC\n(51) G06F 17/30")
    assert clear[0] == mixed[0] == "trademark" and mixed[1] < clear[1]


def test_noisy_codes_still_count() -> None:
    assert classify("(2l) 1-2018-01234\n[5l] GO6F 17/30\n(S7) A method")[0] == "patent"


def test_office_keywords_extend_classification() -> None:
    text = "GEOGRAPHICAL BRAND CERTIFICATE\nRef: 123"
    assert classify(text)[0] == "other"
    tables = load_label_tables(
        [{"language": "en", "document_types": {"trademark": ["brand certificate"]}}]
    )
    assert classify_document([text_to_page(text)], label_tables=tables)[0] == "trademark"


def test_only_the_first_pages_are_read() -> None:
    letter = text_to_page("Dear Sir, please find attached.")
    trademark = text_to_page("(210) 4-2018-12345\n(511) 09\n(540) SUNNY\n(731) ABC", page_index=3)
    assert classify_document([letter, letter, letter, trademark])[0] == "other"
    assert classify_document([letter, trademark])[0] == "trademark"
