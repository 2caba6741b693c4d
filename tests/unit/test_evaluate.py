"""``digitize eval`` scoring: stored records against ground truth, overall and per language."""

from __future__ import annotations

from typing import Any

from flows.cli import _print_report
from flows.evaluate import score


def _record(fields: dict[str, Any], *, text: str, document_type: str = "patent") -> dict:
    return {
        "document": {"document_type": document_type},
        "fields": {name: {"value": value} for name, value in fields.items()},
        "pages": [{"text": text}],
    }


TRUTH = {
    "vn.png": {
        "document_type": "patent",
        "language": "vie",
        "fields": {"application_number": "1-2018-01234", "title": "HỘP ĐỰNG BÁNH"},
        "text": "Số đơn: 1-2018-01234\nHỘP ĐỰNG BÁNH",
        "degradations": ["blur"],
    },
    "th.png": {
        "document_type": "patent",
        "language": "tha",
        "fields": {"application_number": "0201252567", "title": "ระบบกรองน้ำ แบบพกพา"},
        "text": "เลขที่คำขอ: 0201252567\nระบบกรองน้ำ แบบพกพา",
        "degradations": [],
    },
}
RECORDS = {
    "vn.png": _record(
        {"application_number": {"printed": "1-2018-01234"}, "title": "HỘP ĐỰNG BÁNH"},
        text="Số đơn: 1-2018-01234\nHỘP ĐỰNG BÁNH",
    ),
    "th.png": _record(
        {"application_number": {"printed": "0201252567"}, "title": "ระบบกรองน้า แบบพกพา"},
        text="เลขที่คำขอ: 0201252567\nระบบกรองน้า แบบพกพา",
    ),
}


def test_scores_overall_and_per_language() -> None:
    report = score(TRUTH, RECORDS).to_json()
    assert report["documents"] == 2 and report["document_type_accuracy"] == 1.0
    assert report["fields"]["application_number"]["exact_match"] == 1.0
    assert report["fields"]["title"]["exact_match"] == 0.5  # one tone mark wrong in Thai
    assert report["fields_overall_exact_match_by_language"] == {"tha": 0.5, "vie": 1.0}
    assert report["cer_by_language"]["vie"]["mean"] == 0.0
    assert 0 < report["cer_by_language"]["tha"]["mean"] < 0.05
    assert set(report["cer_by_degradation"]) == {"blur", "none"}


def test_a_document_without_a_record_counts_as_failed_and_wrong() -> None:
    report = score(TRUTH, {"vn.png": RECORDS["vn.png"]}).to_json()
    assert report["failed"] == ["th.png"]
    assert report["fields_overall_exact_match_by_language"]["tha"] == 0.0


def test_the_printed_report_has_a_row_per_language(capsys) -> None:
    _print_report(score(TRUTH, RECORDS).to_json())
    out = capsys.readouterr().out
    assert "Fields by language (exact match)" in out
    row = next(line for line in out.splitlines() if " tha " in f" {line} " and "0.50" in line)
    assert "1.00" in row  # its application number, beside the title's 0.00


def test_a_dataset_is_read_in_the_languages_its_truth_names() -> None:
    """Without ``--lang``, a generated set of five languages is read with "auto", not English."""
    from flows.evaluate import languages_of

    def truth(*languages: str) -> dict[str, dict[str, str]]:
        return {f"{i}.png": {"language": code} for i, code in enumerate(languages)}

    assert languages_of(truth("eng", "tha", "khm")) == "auto"
    assert languages_of(truth("vie", "vie")) == "vie+eng"
    assert languages_of(truth("eng")) == "eng"
    assert languages_of({"a.png": {}}) is None  # nothing named: the settings decide
    assert languages_of(truth("Thai")) is None  # no Tesseract code
