"""Turn settings and command-line choices into one batch run on the right task runner.

Settings are read here, once; the flow receives a frozen ``PipelineConfig`` and plain strings.
Documents run on Dask through prefect-dask: a local cluster of ``workers`` processes (one
Tesseract thread each), or an existing cluster when an address is given. Dask rather than a
plain process pool because a worker that dies (killed, out of memory) then costs only the
document it held: the nanny restarts the worker and the scheduler retries that document once
(``allowed-failures``) before reporting it, while a process pool fails every pending document.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import dask
import httpx
from prefect.settings import PREFECT_API_URL
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner
from prefect_dask import DaskTaskRunner

from flows.batch import BatchSummary, digitize_batch, new_batch_id
from flows.progress import ProgressCallback, progress_callback
from flows.settings import PipelineConfig, Settings
from processors import _tesseract
from processors.errors import ConfigError
from processors.languages import required_languages
from storage import open_store
from storage.s3 import S3Config
from storage.sources import iter_sources


@dataclass(frozen=True, slots=True)
class RunRequest:
    """One batch to run: what, where to, with which options and on how many workers."""

    sources: tuple[str, ...]
    store: str
    config: PipelineConfig
    workers: int
    dask_address: str | None = None
    batch_id: str = ""
    in_process: bool = False  # threads in this process (tests, debugging; one-file batches)
    s3: S3Config | None = field(default=None, repr=False)  # for the preflight checks only

    @classmethod
    def from_settings(
        cls,
        sources: list[str],
        *,
        force: bool = False,
        dask_address: str | None = None,
        settings: Settings | None = None,
        passwords: dict[str, str] | None = None,
        in_process: bool = False,
        **overrides: Any,
    ) -> RunRequest:
        """Read settings (environment, .env) once and apply command-line overrides."""
        settings = settings or Settings()
        if overrides.get("lang"):
            settings.ocr.lang = overrides["lang"]
        store = overrides.get("store") or settings.store
        workers = overrides.get("workers") or settings.workers
        if not sources:
            raise ValueError("give at least one source folder, file or s3:// prefix")
        for source in sources:
            if not source.startswith("s3://") and not Path(source).exists():
                raise ValueError(f"source not found: {source}")
        return cls(
            sources=tuple(_absolute(s) for s in sources),
            store=_absolute(store),
            config=PipelineConfig.from_settings(settings, force=force, passwords=passwords),
            workers=int(workers),
            dask_address=dask_address,
            batch_id=new_batch_id(),
            in_process=in_process,
            s3=settings.s3.template(),
        )


def _absolute(location: str) -> str:
    """Local paths become absolute so that worker processes agree on them."""
    if "://" in location:
        return location
    return str(Path(location).resolve())


def worker_environment(workers: int) -> dict[str, str]:
    """The environment of each of ``workers`` worker processes on this machine.

    One OpenMP thread per Tesseract process, and OpenCV's threads shared out, so that N
    workers do not run N x cores threads.
    """
    cores = os.cpu_count() or 1
    return {"OMP_THREAD_LIMIT": "1", "OPENCV_FOR_THREADS_NUM": str(max(1, cores // workers))}


# Dask settings of the batch's own cluster (the nanny hands its configuration to the workers).
# - The workers' statistical profiler samples the running task's stack 100 times a second and
#   keeps each second's call tree for the last 1,000 seconds: over a long batch of this
#   pipeline's deep stacks that grew each worker by about 100 MB (found with tracemalloc in the
#   workers) and takes CPU from the documents. Nothing here reads it (no dashboard).
# - glibc reads its malloc settings when a process starts, so they go in the environment the
#   nanny spawns workers with (``pre-spawn-environ``), not in ``env``. Dask's own default there
#   (a trim threshold of 64 KiB) gives every freed page buffer back to the system at once, and
#   a small mmap threshold makes each new one a fresh mapping: either way the next page's
#   buffers are faulted in and zeroed again by the kernel, 30% of the cleanup's time
#   (145-150 ms a page without, 195-210 with either). Page buffers (a 300 dpi A4 page is
#   8.7 MB) are instead kept in the heap and reused: its size follows the most pages a worker
#   holds at once, which does not grow with the batch.
# A cluster given by address is configured by whoever started it: the README says how
# (docker/dask-worker.yaml holds the same settings).
WORKER_MALLOC_ENVIRONMENT = {
    "MALLOC_MMAP_THRESHOLD_": str(64 << 20),
    "MALLOC_TRIM_THRESHOLD_": str(256 << 20),
}
DASK_SETTINGS: dict[str, object] = {
    "distributed.scheduler.allowed-failures": 1,  # a document whose worker dies: once more
    "distributed.worker.profile.enabled": False,
    **{
        f"distributed.nanny.pre-spawn-environ.{name}": value
        for name, value in WORKER_MALLOC_ENVIRONMENT.items()
    },
}


def task_runner_for(request: RunRequest) -> TaskRunner[Any]:
    """An existing Dask cluster, a local one of ``workers`` processes, or threads in-process.

    A batch of one document runs in this process: a cluster of its own would only add its
    start, the workers importing the pipeline and its stop (about 4 s) to a document that one
    worker would read alone anyway (a 200-page text-layer PDF takes under 2 s). What it gives
    up is a worker's isolation: a native crash or an out-of-memory kill while reading that
    document ends the command (Prefect marks the run crashed) instead of failing the document,
    and Tesseract runs with this process's environment. A running cluster
    (``--dask-address``) keeps the isolation for single files.
    """
    if request.dask_address:
        return DaskTaskRunner(address=request.dask_address)
    if request.in_process or _at_most_one_document(request):
        return ThreadPoolTaskRunner(max_workers=request.workers)
    return DaskTaskRunner(
        cluster_class="distributed.LocalCluster",
        cluster_kwargs={
            "n_workers": request.workers,
            "threads_per_worker": 1,
            "processes": True,
            "dashboard_address": None,
            "env": worker_environment(request.workers),
        },
    )


def _at_most_one_document(request: RunRequest) -> bool:
    """Whether the sources hold fewer than two files (listing stops at the second)."""
    s3_config_factory = request.s3.at if request.s3 is not None else None
    listed = iter_sources(list(request.sources), s3_config_factory=s3_config_factory)
    return len(list(islice(listed, 2))) < 2


def preflight(request: RunRequest) -> None:
    """Fail fast, before any flow run, with the fix: Tesseract, languages, store, sources.

    The flow checks again (deployments start there), but a configuration error caught here
    never becomes a failed flow run with a traceback on the operator's console.
    """
    _check_prefect_api()
    _tesseract.probe(required_languages(request.config.lang, latin=request.config.auto_latin_lang))
    open_store(request.store, s3=request.s3).check()
    for source in request.sources:
        if source.startswith("s3://"):
            if request.s3 is None:
                raise ConfigError(
                    f"{source} is on S3: set DIGITIZE_S3_ENDPOINT, DIGITIZE_S3_ACCESS_KEY and "
                    "DIGITIZE_S3_SECRET_KEY"
                )
            template = request.s3
            next(iter_sources([source], s3_config_factory=template.at), None)


def _check_prefect_api() -> None:
    """When a Prefect server is configured, it must answer (no URL: a temporary local API)."""
    url = PREFECT_API_URL.value()
    if not url:
        return
    try:
        httpx.get(f"{url.rstrip('/')}/health", timeout=5).raise_for_status()
    except httpx.HTTPError as e:
        raise ConfigError(
            f"the Prefect API at {url} does not answer ({type(e).__name__}); start it with "
            "`prefect server start`, fix PREFECT_API_URL, or unset it to run with a "
            "temporary local API"
        ) from e


def run_batch(request: RunRequest, *, on_progress: ProgressCallback | None = None) -> BatchSummary:
    """Check the installation, then run the batch flow for ``request`` and return its summary."""
    preflight(request)
    flow = digitize_batch.with_options(task_runner=task_runner_for(request))
    token = progress_callback.set(on_progress)
    try:
        with dask.config.set(DASK_SETTINGS):
            return flow(
                sources=list(request.sources),
                store=request.store,
                config=request.config,
                batch_id=request.batch_id,
            )
    finally:
        progress_callback.reset(token)
