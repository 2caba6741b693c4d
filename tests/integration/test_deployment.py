"""The operator path as it is used: a real ``prefect server`` (SQLite) and a real process
worker on loopback, the deployments of prefect.yaml registered with ``prefect deploy``, and a
deployment run that leaves its records in the store."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import encode, render_lines

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
PREFECT = str(Path(sys.executable).with_name("prefect"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server_env(tmp_path_factory) -> Iterator[dict[str, str]]:
    """Start ``prefect server start`` on a free loopback port with its own SQLite database."""
    home = tmp_path_factory.mktemp("prefect-home")
    port = free_port()
    env = {
        **os.environ,
        "PREFECT_HOME": str(home),
        "PREFECT_API_URL": f"http://127.0.0.1:{port}/api",
        "PREFECT_API_DATABASE_CONNECTION_URL": f"sqlite+aiosqlite:///{home}/prefect.db",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_WORKER_QUERY_SECONDS": "1",
        "PREFECT_LOGGING_LEVEL": "WARNING",
    }
    log = (home / "server.log").open("wb")
    server = subprocess.Popen(
        [PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).is_success:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    "prefect server did not start:\n" + (home / "server.log").read_text()[-3000:]
                )
            time.sleep(0.5)
        yield env
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def prefect(*args: str, env: dict[str, str], timeout: int = 300) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [PREFECT, *args], env=env, cwd=REPO, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"prefect {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result


def test_inbox_deployment_runs_on_a_worker(server_env, tmp_path):
    """Given the deployments registered and a worker polling the pool,
    when the inbox deployment runs, then every inbox scan has its record in the store,
    and a second run finds nothing new to do."""
    inbox, store = tmp_path / "inbox", tmp_path / "store"
    inbox.mkdir()
    for n in range(2):
        lines = [f"(21) Application No.: 1-2020-0000{n}", f"(54) Title: WATER FILTER {n}"]
        (inbox / f"scan-{n}.png").write_bytes(encode(render_lines(lines, height_in=1.5), "PNG"))
    env = {
        **server_env,
        "DIGITIZE_APP_DIR": str(REPO),
        "DIGITIZE_INBOX": str(inbox),
        "DIGITIZE_STORE": str(store),
        "DIGITIZE_WORKERS": "1",
    }
    prefect("work-pool", "create", "digitize", "--type", "process", env=env)
    prefect("--no-prompt", "deploy", "--all", env=env)
    worker_log = (tmp_path / "worker.log").open("wb")
    worker = subprocess.Popen(
        [PREFECT, "worker", "start", "--pool", "digitize"],
        env=env,
        cwd=tmp_path,
        stdout=worker_log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        run = prefect(
            "deployment",
            "run",
            "digitize-inbox/inbox",
            "--watch",
            "--watch-timeout",
            "240",
            env=env,
            timeout=300,
        )
        assert "Completed" in run.stdout, run.stdout + (tmp_path / "worker.log").read_text()
        records = list((store / "records").glob("*.json"))
        assert len(records) == 2
        names = {json.loads(p.read_text())["document"]["source_name"] for p in records}
        assert names == {"scan-0.png", "scan-1.png"}

        again = prefect(
            "deployment",
            "run",
            "digitize-inbox/inbox",
            "--watch",
            "--watch-timeout",
            "240",
            env=env,
            timeout=300,
        )
        assert "Completed" in again.stdout
        manifests = sorted((store / "batches").glob("*.json"))
        assert json.loads(manifests[-1].read_text())["totals"]["documents"] == 0
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
        worker_log.close()
        shutil.rmtree(store, ignore_errors=True)
