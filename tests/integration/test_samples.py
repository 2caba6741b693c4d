"""The demo scans shipped with the repo give the fields samples/truth.json says they hold,
read with --lang auto (Vietnamese and English pages in one batch)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flows.runner import RunRequest, run_batch
from flows.settings import Settings
from processors.metrics import field_matches

pytestmark = pytest.mark.integration
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_demo_samples_give_their_fields(tmp_path, prefect_api):
    truth = json.loads((SAMPLES / "truth.json").read_text(encoding="utf-8"))
    request = RunRequest.from_settings(
        [str(SAMPLES / "scans")],
        settings=Settings(),
        store=str(tmp_path / "store"),
        lang="auto",
        workers=1,
        in_process=True,
    )
    summary = run_batch(request)
    assert summary.count("done") == len(truth)
    wrong = []
    for outcome in summary.outcomes:
        record = json.loads((tmp_path / "store" / outcome.record_key).read_text())
        for name, expected in truth[outcome.name]["fields"].items():
            got = record["fields"].get(name, {}).get("value")
            if got is None or not field_matches(name, got, expected):
                wrong.append((outcome.name, name, got, expected))
        if outcome.name.startswith("vn-"):
            assert all("vie" in p["languages"] for p in record["pages"])
    assert wrong == []
