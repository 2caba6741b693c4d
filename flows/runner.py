"""Turn settings and command-line choices into one batch run on the right task runner.

Settings are read here, once; the flow receives a frozen ``PipelineConfig`` and plain strings.
Workers: a local process pool (one Tesseract thread per process), or an existing Dask cluster
through prefect-dask when an address is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

from flows.batch import (
    BatchSummary,
    ProgressCallback,
    digitize_batch,
    limit_ocr_threads,
    new_batch_id,
)
from flows.settings import PipelineConfig, Settings


@dataclass(frozen=True, slots=True)
class RunRequest:
    """One batch to run: what, where to, with which options and on how many workers."""

    sources: tuple[str, ...]
    store: str
    config: PipelineConfig
    workers: int
    dask_address: str | None = None
    batch_id: str = ""

    @classmethod
    def from_settings(
        cls,
        sources: list[str],
        *,
        force: bool = False,
        dask_address: str | None = None,
        settings: Settings | None = None,
        passwords: dict[str, str] | None = None,
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
        )


def _absolute(location: str) -> str:
    """Local paths become absolute so that worker processes agree on them."""
    if "://" in location:
        return location
    return str(Path(location).resolve())


def task_runner_for(request: RunRequest) -> TaskRunner[Any]:
    """Dask when an address is given; a process pool for several workers; else threads."""
    if request.dask_address:
        from prefect_dask import DaskTaskRunner  # optional extra: ip-digitizer[dask]

        return DaskTaskRunner(address=request.dask_address)
    if request.workers > 1:
        return ProcessPoolTaskRunner(max_workers=request.workers, initializer=limit_ocr_threads)
    return ThreadPoolTaskRunner(max_workers=1)


def run_batch(request: RunRequest, *, on_progress: ProgressCallback | None = None) -> BatchSummary:
    """Run the batch flow for ``request`` and return its summary."""
    flow = digitize_batch.with_options(task_runner=task_runner_for(request))
    return flow(
        sources=list(request.sources),
        store=request.store,
        config=request.config,
        batch_id=request.batch_id,
        on_progress=on_progress,
    )
