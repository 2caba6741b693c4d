"""The pipeline against a real S3 server (SeaweedFS's gateway): every output round-trips,
re-runs change nothing, interrupted batches finish, and storage faults are clear."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from flows import batch
from flows.runner import RunRequest, run_batch
from flows.settings import Settings
from processors.record import validate_record
from tests.conftest import encode, render_lines

pytestmark = pytest.mark.integration

LINES = [
    "(21) Application No.: 1-2019-0{n}",
    "(22) Filing date: 1{n}/05/2019",
    "(54) Title: CONVEYOR FOR RICE SACKS NUMBER {n}",
]


@pytest.fixture(scope="module")
def scans(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("s3scans")
    for n in range(3):
        lines = [line.format(n=n) for line in LINES]
        (folder / f"doc-{n}.png").write_bytes(encode(render_lines(lines, height_in=2), "PNG"))
    return folder


@pytest.fixture
def s3_env(s3_server, monkeypatch) -> Iterator[dict[str, str]]:
    """Point this process (the workers of an in-process run) at the test server."""
    env = {
        "DIGITIZE_S3_ENDPOINT": s3_server.endpoint,
        "DIGITIZE_S3_ACCESS_KEY": s3_server.access_key,
        "DIGITIZE_S3_SECRET_KEY": s3_server.secret_key,
        "DIGITIZE_S3_SECURE": "false",
        "DIGITIZE_S3_REGION": s3_server.config().region or "",
        "DIGITIZE_RETRIES": "2",
        "DIGITIZE_RETRY_BACKOFF_S": "0.2",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    batch._s3_template.cache_clear()
    batch._store.cache_clear()
    yield env
    batch._s3_template.cache_clear()
    batch._store.cache_clear()


def run(sources: list[Path], store: str, on_progress=None):
    request = RunRequest.from_settings(
        [str(s) for s in sources], settings=Settings(), store=store, workers=1, in_process=True
    )
    return run_batch(request, on_progress=on_progress)


def objects(client, bucket: str) -> dict[str, str]:
    return {o.object_name: o.etag for o in client.list_objects(bucket, recursive=True)}


class TestS3Store:
    def test_round_trip_rerun_and_resume(self, scans, s3_server, s3_bucket, s3_env, prefect_api):
        store = f"s3://{s3_bucket.name}/office-vn"
        first = run([scans], store)
        assert first.count("done") == 3
        client = s3_server.client()
        stored = objects(client, s3_bucket.name)
        for kind in ("originals", "records", "text", "ocr", "pdf", "batches", "index"):
            assert any(k.startswith(f"office-vn/{kind}/") for k in stored), kind
        record_key = next(k for k in stored if k.startswith("office-vn/records/"))
        record = json.loads(client.get_object(s3_bucket.name, record_key).read())
        validate_record(record)
        stat = client.stat_object(s3_bucket.name, record_key)
        assert stat.metadata["x-amz-meta-pipeline-version"]
        assert stat.content_type == "application/json"

        # Re-run: nothing processed, nothing stored twice, document objects untouched.
        second = run([scans], store)
        assert second.count("skipped") == 3 and second.count("done") == 0
        after = objects(client, s3_bucket.name)
        documents = {k: v for k, v in stored.items() if "/batches/" not in k}
        assert {k: after[k] for k in documents} == documents
        assert len([k for k in after if "/batches/" in k]) == 2

        # A batch killed before one record was written: the re-run redoes only that one.
        client.remove_object(s3_bucket.name, record_key)
        third = run([scans], store)
        assert third.count("done") == 1 and third.count("skipped") == 2
        assert record_key in objects(client, s3_bucket.name)

    def test_server_stopped_mid_batch_then_finished(
        self, scans, s3_server, s3_bucket, s3_env, prefect_api
    ):
        store = f"s3://{s3_bucket.name}"

        def stop_after_first(outcome, done, total):
            if done == 1:
                s3_server.stop()

        summary = run([scans], store, on_progress=stop_after_first)
        assert summary.count("done") == 1 and summary.count("failed") == 2
        failed = [o for o in summary.outcomes if o.status == "failed"]
        assert {o.category for o in failed} == {"storage_unavailable"}
        assert summary.manifest_error  # the manifest could not be stored either: it says so

        s3_server.start()
        batch._store.cache_clear()
        again = run([scans], store)
        assert again.count("done") == 2 and again.count("skipped") == 1
        records = [k for k in objects(s3_server.client(), s3_bucket.name) if "records/" in k]
        assert len(records) == 3


class TestFailFast:
    """Store problems stop the run before any document is touched: exit code 2."""

    def digitize(self, scans: Path, store: str, env: dict[str, str], api: str):
        return subprocess.run(
            [sys.executable, "-m", "flows.cli", "run", str(scans), "--store", store],
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, **env, "PREFECT_API_URL": api},
        )

    def test_wrong_credentials(self, scans, s3_bucket, s3_env, prefect_api_url):
        env = {**s3_env, "DIGITIZE_S3_SECRET_KEY": "not-the-secret-123"}
        result = self.digitize(scans, f"s3://{s3_bucket.name}", env, prefect_api_url)
        assert result.returncode == 2, result.stderr
        assert "DIGITIZE_S3_" in result.stderr
        assert "not-the-secret-123" not in result.stderr + result.stdout
        assert "Traceback" not in result.stderr

    def test_missing_bucket_not_created_when_forbidden(
        self, scans, s3_bucket, s3_env, prefect_api_url
    ):
        env = {**s3_env, "DIGITIZE_S3_CREATE_BUCKET": "false"}
        result = self.digitize(scans, f"s3://{s3_bucket.name}", env, prefect_api_url)
        assert result.returncode == 2
        assert s3_bucket.name in result.stderr and "does not exist" in result.stderr

    def test_server_down_at_start(self, scans, s3_bucket, s3_env, prefect_api_url):
        env = {**s3_env, "DIGITIZE_S3_ENDPOINT": "127.0.0.1:9"}
        result = self.digitize(scans, f"s3://{s3_bucket.name}", env, prefect_api_url)
        assert result.returncode == 2
        assert "127.0.0.1:9" in result.stderr
