"""A batch of archive reality: broken, hostile and odd files mixed with good ones. Every input
ends as a record or a failed/ entry with the right category, nothing raises, counts add up."""

from __future__ import annotations

import io
import json

import img2pdf
import pikepdf
import pytest

from flows.runner import RunRequest, run_batch
from flows.settings import Settings
from tests.conftest import encode, render_lines

pytestmark = pytest.mark.integration

GOOD = render_lines(
    ["(21) Application No.: 1-2021-00077", "(54) Title: SOLAR RICE DRYER"], height_in=1.6
)


def born_digital(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def encrypted(text: str, password: str) -> bytes:
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(born_digital(text))) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user=password, owner=password + "-owner"))
    return out.getvalue()


# name -> (bytes, expected status, expected failure category or "")
def corpus() -> dict[str, tuple[bytes, str, str]]:
    png, jpg, tif = encode(GOOD, "PNG"), encode(GOOD, "JPEG"), encode(GOOD, "TIFF")
    pdf = img2pdf.convert(png)
    no_pages = io.BytesIO()
    pikepdf.new().save(no_pages)
    # 60 x 5 inches at 150 dpi: 6.75 million pixels, over the 4 million limit set below
    big = render_lines(["a panorama far over the pixel limit"], width_in=60, height_in=5, dpi=150)
    return {
        "good.png": (png, "done", ""),
        "good-scan.pdf": (pdf, "done", ""),
        "blank.png": (encode(GOOD * 0 + 255, "PNG"), "done", ""),
        "zero-bytes.png": (b"", "failed", "empty"),
        "truncated.png": (png[: len(png) // 2], "failed", "truncated"),
        "truncated.jpg": (jpg[: len(jpg) // 2], "failed", "truncated"),
        "truncated.tif": (tif[: len(tif) // 2], "failed", "truncated"),
        "truncated.pdf": (pdf[: len(pdf) // 2], "failed", "truncated"),
        "cat-photo.tif": (b"GIF89a" + bytes(range(256)) * 8, "failed", "unsupported_type"),
        "random.jpg": (bytes((i * 7919) % 251 for i in range(5000)), "failed", "unsupported_type"),
        "locked.pdf": (
            encrypted("Application 1-2021-00078 for a locked file", "pw"),
            "failed",
            "encrypted",
        ),
        "unlocked-with-password.pdf": (
            encrypted("Application No. 1-2021-00079 filed 02/03/2021 for a tea press", "tea"),
            "done",
            "",
        ),
        "no-pages.pdf": (no_pages.getvalue(), "failed", "no_pages"),
        "panorama.png": (encode(big, "PNG"), "failed", "too_large"),
        "<img src=x onerror=alert(1)>.png": (encode(GOOD[:, ::-1].copy(), "PNG"), "done", ""),
        "name with\ttab and ünïcode 名前.png": (encode(GOOD[::-1].copy(), "PNG"), "done", ""),
    }


@pytest.fixture(scope="module")
def batch_result(tmp_path_factory, prefect_api):
    folder = tmp_path_factory.mktemp("bad")
    cases = corpus()
    for name, (data, _, _) in cases.items():
        (folder / name).write_bytes(data)
    store = tmp_path_factory.mktemp("bad-store")
    settings = Settings()
    settings.limits.max_pixels = 4_000_000
    request = RunRequest.from_settings(
        [str(folder)],
        settings=settings,
        store=str(store),
        workers=1,
        in_process=True,
        passwords={"unlocked-with-password.pdf": "tea"},
    )
    return run_batch(request), store, cases


class TestEveryFileAccountedFor:
    def test_each_file_has_its_expected_outcome(self, batch_result):
        summary, _, cases = batch_result
        got = {o.name: (o.status, o.category) for o in summary.outcomes}
        expected = {name: (status, category) for name, (_, status, category) in cases.items()}
        assert got == expected

    def test_counts_add_up(self, batch_result):
        summary, store, cases = batch_result
        totals = summary.totals
        assert totals["documents"] == len(cases)
        assert totals["done"] + totals["failed"] + totals["skipped"] == len(cases)
        manifest = json.loads((store / "batches" / f"{summary.batch_id}.json").read_text())
        assert len(manifest["documents"]) == len(cases)
        assert all(d["sha256"] for d in manifest["documents"])

    def test_failed_files_are_kept_and_explained(self, batch_result):
        summary, store, _ = batch_result
        for outcome in summary.outcomes:
            if outcome.status != "failed":
                continue
            entry = json.loads((store / "failed" / f"{outcome.sha256}.json").read_text())
            assert entry["category"] == outcome.category
            assert entry["source_name"] == outcome.name
            assert len(entry["message"]) > 20 and "Traceback" not in entry["message"]
            assert (store / entry["original"]).is_file()

    def test_password_message_says_what_to_do(self, batch_result):
        summary, _, _ = batch_result
        locked = next(o for o in summary.outcomes if o.name == "locked.pdf")
        assert "password required" in locked.message

    def test_blank_page_is_flagged_not_failed(self, batch_result):
        summary, store, _ = batch_result
        blank = next(o for o in summary.outcomes if o.name == "blank.png")
        record = json.loads((store / blank.record_key).read_text())
        assert record["pages"][0]["blank"] is True and record["pages"][0]["text"] == ""
        assert record["review"]["needed"] is True

    def test_hostile_names_stay_data(self, batch_result):
        summary, store, _ = batch_result
        keys = [p.relative_to(store).as_posix() for p in store.rglob("*") if p.is_file()]
        assert not any("onerror" in k or "名前" in k for k in keys)
        hostile = next(o for o in summary.outcomes if o.name.startswith("<img"))
        hocr = (store / "ocr" / f"{hostile.sha256}.hocr").read_text()
        assert "<img" not in hocr and "&lt;img src=x onerror=alert(1)&gt;" in hocr
