"""Documents on worker processes: a local Dask cluster of two workers, an existing cluster by
address, and a worker killed in the middle of a document (the batch still completes)."""

from __future__ import annotations

import io
import json
import os
import time
from pathlib import Path

import psutil
import pytest
from distributed import LocalCluster
from PIL import Image
from prefect.task_runners import ThreadPoolTaskRunner
from prefect_dask import DaskTaskRunner

from flows.runner import RunRequest, run_batch, task_runner_for
from flows.settings import Settings
from storage.layout import INDEX_KEY
from tests.conftest import render_lines

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def scans(tmp_path_factory) -> Path:
    """Four two-page TIFFs, long enough that a worker can be caught mid-document."""
    folder = tmp_path_factory.mktemp("worker-scans")
    for n in range(4):
        pages = [
            Image.fromarray(
                render_lines(
                    [
                        f"(21) Application No.: 1-2022-0000{n}",
                        f"(54) Title: BAMBOO BICYCLE FRAME {n}",
                    ]
                    * 6,
                    height_in=5,
                )
            )
            for _ in range(2)
        ]
        out = io.BytesIO()
        pages[0].save(out, format="TIFF", save_all=True, append_images=pages[1:], dpi=(300, 300))
        (folder / f"doc-{n}.tif").write_bytes(out.getvalue())
    return folder


def request(scans: Path, store: Path, **kwargs) -> RunRequest:
    return RunRequest.from_settings([str(scans)], settings=Settings(), store=str(store), **kwargs)


def worker_processes() -> list[psutil.Process]:
    """Dask worker processes started by this test process; children that exit while we look
    (a finished Tesseract not yet reaped is a zombie whose command line cannot be read) are
    not workers and are skipped."""
    workers = []
    for process in psutil.Process().children(recursive=True):
        try:
            if "spawn_main" in " ".join(process.cmdline()):
                workers.append(process)
        except psutil.NoSuchProcess:  # ZombieProcess is one
            continue
    return workers


def runs_tesseract(worker: psutil.Process) -> bool:
    """Whether a Tesseract process runs under the worker now (children may exit meanwhile)."""
    try:
        children = worker.children(recursive=True)
    except psutil.NoSuchProcess:
        return False
    for child in children:
        try:
            if "tesseract" in child.name():
                return True
        except psutil.NoSuchProcess:  # ZombieProcess is one
            continue
    return False


def test_local_cluster_of_two_workers(scans, tmp_path, prefect_api):
    """Given a batch on its own cluster, every document is done on worker processes that
    started with the malloc settings that keep page buffers in their heaps for reuse."""
    environments: list[dict[str, str]] = []

    def look_at_workers(outcome, done, total):
        if not environments:
            environments.extend(p.environ() for p in worker_processes())

    summary = run_batch(request(scans, tmp_path / "store", workers=2), on_progress=look_at_workers)
    assert summary.count("done") == 4
    assert summary.totals["pages"] == 8
    assert len(environments) == 2
    for environment in environments:
        assert environment["MALLOC_MMAP_THRESHOLD_"] == str(64 << 20)
        assert environment["MALLOC_TRIM_THRESHOLD_"] == str(256 << 20)  # not Dask's 64 KiB


def test_a_one_document_batch_starts_no_cluster(scans, tmp_path, prefect_api):
    """One file is read in the flow's own process: no workers to start, import and stop."""
    one = request(scans / "doc-0.tif", tmp_path / "store", workers=2)
    assert isinstance(task_runner_for(one), ThreadPoolTaskRunner)
    workers_seen: list[int] = []

    def count_workers(outcome, done, total):
        workers_seen.append(len(worker_processes()))

    summary = run_batch(one, on_progress=count_workers)
    assert summary.count("done") == 1
    assert summary.totals["pages"] == 2
    assert workers_seen == [0]
    # Two files or more get the cluster.
    several = request(scans, tmp_path / "store", workers=2)
    assert isinstance(task_runner_for(several), DaskTaskRunner)


def test_existing_dask_cluster_by_address(scans, tmp_path, prefect_api):
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        summary = run_batch(
            request(scans, tmp_path / "store", workers=2, dask_address=cluster.scheduler_address)
        )
    assert summary.count("done") == 4


def test_killed_worker_costs_nothing_but_a_retry(scans, tmp_path, prefect_api):
    """Given two workers, when one is killed while it runs Tesseract on a document,
    then that document is retried on a worker and the whole batch still completes."""
    killed: list[int] = []

    def kill_a_busy_worker(outcome, done, total):
        if killed:
            return
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            for worker in worker_processes():
                if runs_tesseract(worker):
                    worker.kill()
                    killed.append(worker.pid)
                    return
            time.sleep(0.05)

    summary = run_batch(
        request(scans, tmp_path / "store", workers=2), on_progress=kill_a_busy_worker
    )
    assert killed, "no worker was caught running Tesseract"
    # A document the dead worker had finished, but whose result the flow had not collected,
    # is computed again by Dask and then meets its own record: skipped, not lost.
    states = [(o.name, o.status, o.message) for o in summary.outcomes]
    assert summary.count("done") + summary.count("skipped") == 4, states
    assert summary.count("done") >= 3, states
    index = (tmp_path / "store" / INDEX_KEY).read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(line)["source_name"] for line in index) == [
        f"doc-{n}.tif" for n in range(4)
    ]


def test_a_stalled_batch_reports_instead_of_hanging(prefect_api):
    """Given one document that finishes and one that never does (a dead worker), the batch
    loop hands back the first, then reports the second once nothing finished for a while."""
    from prefect import flow, task

    from flows.batch import _as_completed

    @task
    def work(seconds: float) -> float:
        time.sleep(seconds)
        return seconds

    @flow
    def two_documents() -> list[tuple[bool, str]]:
        futures = work.map([0.1, 8.0])
        names = {id(f): name for f, name in zip(futures, ["quick", "stuck"], strict=True)}
        return [
            (f is not None, name) for f, name in _as_completed(list(futures), names, stall_s=2.0)
        ]

    # The stuck one is reported after the 2 s stall, long before it would have finished
    # (the flow itself still lets the running thread end before it returns).
    assert two_documents() == [(True, "quick"), (False, "stuck")]


def test_worker_threads_are_set_in_the_workers_environment_only(scans, tmp_path, monkeypatch):
    """One Tesseract thread per worker and OpenCV's threads shared out, never in os.environ."""
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    runner = task_runner_for(request(scans, tmp_path / "store", workers=2))
    env = runner.cluster_kwargs["env"]
    assert env == {"OMP_THREAD_LIMIT": "1", "OPENCV_FOR_THREADS_NUM": "2"}
    assert runner.cluster_kwargs["n_workers"] == 2
    assert "OPENCV_FOR_THREADS_NUM" not in os.environ
