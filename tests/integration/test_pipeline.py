"""End to end on a local store, under a real temporary Prefect server: a folder of mixed
scans in, one valid record per document out, with text, hOCR, ALTO and a searchable PDF."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import img2pdf
import pdfplumber
import pikepdf
import pytest
from PIL import Image

from flows.runner import RunRequest, run_batch
from flows.settings import Settings
from processors.record import validate_record
from tests.conftest import encode, render_lines

pytestmark = pytest.mark.integration

FRONT_PAGE = [
    "VIETNAM INTELLECTUAL PROPERTY OFFICE",
    "(12) PATENT FOR INVENTION",
    "(21) Application No.: 1-2018-01234",
    "(22) Filing date: 30/04/2018",
    "(51) Int. Cl.: G06F 17/30",
    "(54) Title: METHOD FOR SORTING POSTAL PARCELS",
    "(71) Applicant: Saigon Robotics Joint Stock Company",
    "(72) Inventor: Nguyen Van An",
    "(74) Agent: Pham & Associates",
]


def born_digital(lines: list[str]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("dejavu", fname="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.set_font("dejavu", size=11)
    for line in lines:
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def scans(tmp_path_factory) -> Path:
    """A folder of mixed scans: PNG, multi-page TIFF, scanned PDF, born-digital PDF."""
    folder = tmp_path_factory.mktemp("scans")
    page = render_lines(FRONT_PAGE, height_in=4.5)
    (folder / "front.png").write_bytes(encode(page, "PNG", dpi=300))
    body = render_lines(["DESCRIPTION", "The parcels are sorted by weight and size."], height_in=2)
    frames = [Image.fromarray(page), Image.fromarray(body)]
    tiff = io.BytesIO()
    frames[0].save(
        tiff,
        format="TIFF",
        save_all=True,
        append_images=frames[1:],
        dpi=(300, 300),
        compression="tiff_lzw",
    )
    (folder / "two-pages.tif").write_bytes(tiff.getvalue())
    (folder / "sub").mkdir()
    (folder / "sub" / "scanned.pdf").write_bytes(img2pdf.convert(encode(page, "PNG", dpi=300)))
    (folder / "digital.pdf").write_bytes(born_digital(FRONT_PAGE))
    return folder


def run(sources: list[Path], store: Path, *, workers: int = 1, in_process: bool = True):
    request = RunRequest.from_settings(
        [str(s) for s in sources],
        settings=Settings(),
        store=str(store),
        workers=workers,
        in_process=in_process,
    )
    return run_batch(request)


class TestMixedFolder:
    @pytest.fixture(scope="class")
    @classmethod
    def result(cls, scans, tmp_path_factory, prefect_api):
        store = tmp_path_factory.mktemp("store")
        return run([scans], store), store

    def test_every_document_has_a_valid_record(self, result):
        summary, store = result
        assert summary.count("done") == 4 and summary.count("failed") == 0
        records = sorted((store / "records").glob("*.json"))
        assert len(records) == 4
        for path in records:
            record = json.loads(path.read_text())
            validate_record(record)
            for output in record["outputs"].values():
                assert (store / output).is_file(), output

    def record_of(self, store: Path, name: str) -> dict:
        for path in (store / "records").glob("*.json"):
            record = json.loads(path.read_text())
            if record["document"]["source_name"] == name:
                return record
        raise AssertionError(f"no record for {name}")

    def test_paths_per_page(self, result):
        _, store = result
        tiff = self.record_of(store, "two-pages.tif")
        assert [p["path"] for p in tiff["pages"]] == ["ocr", "ocr"]
        assert "sorted by weight" in tiff["pages"][1]["text"]
        digital = self.record_of(store, "digital.pdf")
        assert [p["path"] for p in digital["pages"]] == ["text_layer"]
        scanned = self.record_of(store, "sub/scanned.pdf")
        assert scanned["pages"][0]["dpi_source"] == "pdf_image"

    def test_text_is_ocred(self, result):
        _, store = result
        record = self.record_of(store, "front.png")
        text = (store / record["outputs"]["text"]).read_text()
        assert "METHOD FOR SORTING POSTAL PARCELS" in text
        assert record["pages"][0]["mean_confidence"] > 80

    def test_front_page_fields(self, result):
        _, store = result
        for name in ("front.png", "digital.pdf"):
            fields = self.record_of(store, name)["fields"]
            assert fields["filing_date"]["value"] == "2018-04-30", name
            assert "1-2018-01234" in json.dumps(fields["application_number"]["value"]), name
            assert fields["title"]["value"] == "METHOD FOR SORTING POSTAL PARCELS", name
            assert fields["filing_date"]["inid"] == "22"

    def test_searchable_pdf_gives_text_back(self, result):
        _, store = result
        record = self.record_of(store, "two-pages.tif")
        with pdfplumber.open(store / record["outputs"]["pdf"]) as pdf:
            assert len(pdf.pages) == 2
            assert "POSTAL PARCELS" in pdf.pages[0].extract_text()

    def test_manifest_and_index_account_for_every_document(self, result):
        summary, store = result
        manifest = json.loads((store / "batches" / f"{summary.batch_id}.json").read_text())
        assert manifest["totals"]["documents"] == 4
        assert manifest["totals"]["pages"] == 5
        names = sorted(d["name"] for d in manifest["documents"])
        assert names == ["digital.pdf", "front.png", "sub/scanned.pdf", "two-pages.tif"]
        index = [json.loads(line) for line in (store / "index" / "records.jsonl").open()]
        assert len(index) == 4
        front = next(e for e in index if e["source_name"] == "front.png")
        assert front["filing_date"] == "2018-04-30" and front["application_number"]
        with (store / "index" / "records.csv").open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
        assert sorted(r["source_name"] for r in rows) == names
        assert next(r for r in rows if r["source_name"] == "front.png")["title"] == (
            "METHOD FOR SORTING POSTAL PARCELS"
        )

    def test_st96_export(self, result):
        _, store = result
        record = self.record_of(store, "front.png")
        root = ET.fromstring((store / record["outputs"]["st96"]).read_bytes())
        pat = "{http://www.wipo.int/standards/XMLSchema/ST96/Patent}"
        assert root.tag == f"{pat}PatentBibliographicData"
        assert root.findtext(f"{pat}InventionTitle") == "METHOD FOR SORTING POSTAL PARCELS"

    def test_batch_artifacts_in_prefect(self, result):
        from prefect.client.orchestration import get_client
        from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

        summary, _ = result
        key = "batch-" + summary.batch_id.lower()

        async def read():
            async with get_client() as client:
                return await client.read_artifacts(
                    artifact_filter=ArtifactFilter(key=ArtifactFilterKey(like_=key))
                )

        import asyncio

        artifacts = {a.key: a for a in asyncio.run(read())}
        table = json.loads(artifacts[key].data)
        assert sorted(row["document"] for row in table) == sorted(o.name for o in summary.outcomes)
        assert "pages_per_minute" in artifacts[key + "-totals"].data

    def test_rerun_skips_everything(self, result, scans):
        _summary, store = result
        again = run([scans], store)
        assert again.count("skipped") == 4 and again.count("done") == 0
        first = {o.name: o for o in _summary.outcomes}
        for outcome in again.outcomes:  # what the index needs, read back from the record
            assert outcome.pages == first[outcome.name].pages
            assert outcome.key_fields == first[outcome.name].key_fields


class TestCommandLine:
    """The ``digitize`` command as a user runs it: exit codes and the summary."""

    def digitize(self, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "flows.cli", *args],
            capture_output=True,
            text=True,
            timeout=600,
            env={**os.environ, **(env or {})},
        )

    def test_bad_file_gives_exit_3_and_is_listed(self, tmp_path, prefect_api_url):
        folder = tmp_path / "in"
        folder.mkdir()
        (folder / "good.png").write_bytes(encode(render_lines(FRONT_PAGE[:3], height_in=2), "PNG"))
        (folder / "cat.tif").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
        result = self.digitize(
            "run",
            str(folder),
            "--store",
            str(tmp_path / "out"),
            "--json",
            env={"PREFECT_API_URL": prefect_api_url},
        )
        assert result.returncode == 3, result.stderr
        summary = json.loads(result.stdout)
        assert summary["totals"]["done"] == 1 and summary["totals"]["failed"] == 1
        failed = next(d for d in summary["documents"] if d["status"] == "failed")
        assert failed["name"] == "cat.tif" and failed["category"] in ("corrupt", "truncated")
        assert "Traceback" not in result.stderr

    def test_missing_source_is_usage_error(self, tmp_path):
        result = self.digitize("run", str(tmp_path / "nope"), "--store", str(tmp_path / "o"))
        assert result.returncode == 2
        assert "source not found" in result.stderr

    def test_unreachable_prefect_api_is_a_clear_configuration_error(self, tmp_path):
        result = self.digitize(
            "run",
            str(tmp_path),
            "--store",
            str(tmp_path / "o"),
            env={"PREFECT_API_URL": "http://127.0.0.1:9/api"},
        )
        assert result.returncode == 2
        assert "Prefect API" in result.stderr and "Traceback" not in result.stderr

    def test_version(self):
        result = self.digitize("--version")
        assert result.returncode == 0 and result.stdout.startswith("ip-digitizer ")


def test_real_patent_front_page(real_samples, tmp_path, prefect_api):
    """The first page of a real 1974 USPTO scan (noisy third-party text layer) is re-OCRed."""
    with pikepdf.open(real_samples / "US3858232.pdf") as pdf:
        del pdf.pages[1:]
        pdf.save(tmp_path / "US3858232-p1.pdf")
    summary = run([tmp_path / "US3858232-p1.pdf"], tmp_path / "store")
    assert summary.count("done") == 1
    record = json.loads((tmp_path / "store" / summary.outcomes[0].record_key).read_text())
    assert record["pages"][0]["path"] == "ocr"
    assert "INFORMATION STORAGE DEVICES" in record["pages"][0]["text"]
    assert record["fields"]["title"]["value"] == "INFORMATION STORAGE DEVICES"
    assert record["fields"]["filing_date"]["value"] == "1971-11-09"
