"""The Prefect flow: one task run per document, tasks pass keys and small outcomes, not pixels.

The flow checks the installation and the store before touching any document (fail fast),
lists the sources, fans documents out to the task runner (threads, a process pool, or a Dask
cluster), and writes the batch manifest and the records index when every document is accounted
for. Secrets never travel as parameters: workers read S3 credentials from their environment.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.futures import as_completed
from prefect.tasks import exponential_backoff

from flows.document import (
    INDEX_FIELDS,
    DocumentOutcome,
    process_document,
    process_oversized,
)
from flows.progress import progress_callback
from flows.settings import PipelineConfig, S3Settings
from processors import _tesseract
from processors.errors import ConfigError, TooLargeError, TransientError, is_retryable
from processors.languages import required_languages
from storage import open_store
from storage.base import Store
from storage.layout import INDEX_CSV_KEY, INDEX_KEY, batch_key
from storage.s3 import S3Config
from storage.sources import SourceFile, iter_sources, local_copy, read_source


@cache
def _s3_template() -> S3Config | None:
    """This process's S3 connection, from ``DIGITIZE_S3_*`` (read once per process, the edge)."""
    return S3Settings().template()


def s3_config_for(bucket: str) -> S3Config:
    """The S3 connection for ``bucket``; a clear configuration error when none is set."""
    template = _s3_template()
    if template is None:
        raise ConfigError(
            f"s3://{bucket} needs an S3 server: set DIGITIZE_S3_ENDPOINT, "
            "DIGITIZE_S3_ACCESS_KEY and DIGITIZE_S3_SECRET_KEY"
        )
    return template.at(bucket)


@cache
def _store(url: str) -> Store:
    """One store client per process and URL (clients hold connection pools)."""
    return open_store(url, s3=_s3_template())


def retry_if_transient(task: Any, task_run: Any, state: Any) -> bool:
    """Prefect retry condition: retry only the faults ``processors.errors`` calls retryable."""
    return is_retryable(state.result(raise_on_failure=False))


def read_and_digitize(
    source: SourceFile, store_url: str, config: PipelineConfig, tesseract_version: str
) -> DocumentOutcome:
    """Read one source file and run the pipeline on it; outputs go to the store by hash."""
    store = _store(store_url)
    try:
        data = read_source(
            source.locator, s3_config_factory=s3_config_for, max_bytes=config.max_file_bytes
        )
    except TooLargeError as e:
        with tempfile.TemporaryDirectory(prefix="ipd-large-") as folder:
            path = local_copy(source.locator, Path(folder), s3_config_factory=s3_config_for)
            return process_oversized(path, name=source.name, store=store, reason=e)
    except FileNotFoundError:
        return DocumentOutcome(
            name=source.name,
            sha256="",
            status="failed",
            category="missing",
            message="The file disappeared between listing and reading.",
        )
    return process_document(
        data,
        name=source.name,
        store=store,
        config=config,
        tesseract_version=tesseract_version,
        password=config.password_for(source.name),
    )


# The task wraps a function importable under its own name, so that Dask workers unpickle it
# by reference (pickling the decorated name would find the Task object instead).
digitize_document = task(
    read_and_digitize,
    name="digitize-document",
    task_run_name="{source.name}",
    retries=3,
    retry_delay_seconds=exponential_backoff(backoff_factor=2),
    retry_jitter_factor=0.5,
    retry_condition_fn=retry_if_transient,
    persist_result=False,
)


@dataclass(slots=True)
class BatchSummary:
    """What one run saw, did, skipped and failed; also the manifest written to the store."""

    batch_id: str
    store: str
    started_at: str
    finished_at: str = ""
    seconds: float = 0.0
    outcomes: list[DocumentOutcome] = field(default_factory=list)
    manifest_error: str = ""

    def count(self, status: str) -> int:
        """Number of documents that ended with ``status``."""
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def totals(self) -> dict[str, Any]:
        """Batch totals for the summary table, the manifest and the Prefect artifact."""
        done = [o for o in self.outcomes if o.status == "done"]
        pages = sum(o.pages for o in done)
        stage_seconds: dict[str, float] = {}
        for outcome in done:
            for stage, seconds in outcome.seconds.items():
                stage_seconds[stage] = round(stage_seconds.get(stage, 0.0) + seconds, 3)
        return {
            "documents": len(self.outcomes),
            "done": len(done),
            "skipped": self.count("skipped"),
            "failed": self.count("failed"),
            "pages": pages,
            "ocr_pages": sum(o.ocr_pages for o in done),
            "text_layer_pages": sum(o.text_layer_pages for o in done),
            "needs_review": sum(1 for o in done if o.review_needed),
            "pages_per_minute": round(pages / self.seconds * 60, 1) if self.seconds else 0.0,
            "stage_seconds": stage_seconds,
        }

    def to_json(self) -> dict[str, Any]:
        """Return the manifest document."""
        return {
            "batch_id": self.batch_id,
            "store": self.store,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "seconds": round(self.seconds, 3),
            "totals": self.totals,
            "manifest_error": self.manifest_error,
            "documents": [o.to_json() for o in self.outcomes],
        }


def new_batch_id() -> str:
    """A sortable, unique batch id: UTC time plus a short random suffix."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.uuid4().hex[:6]


def run_digitize_batch(
    sources: list[str],
    store: str,
    config: PipelineConfig,
    batch_id: str,
    only_new: bool = False,
) -> BatchSummary:
    """Digitize every document under ``sources`` into ``store`` and write the batch manifest.

    With ``only_new`` (the inbox mode), files listed with the same size by an earlier run of
    the same sources are not even read; bad files are remembered too, so they fail only once.
    """
    logger = get_run_logger()
    on_progress = progress_callback.get()
    started = time.perf_counter()
    summary = BatchSummary(
        batch_id=batch_id, store=store, started_at=datetime.now(UTC).isoformat(timespec="seconds")
    )
    tesseract_version = _tesseract.probe(
        required_languages(config.lang, latin=config.auto_latin_lang)
    )
    target = _store(store)
    target.check()
    files = list(iter_sources(sources, s3_config_factory=s3_config_for))
    ledger_key = _ledger_key(sources)
    ledger = _read_ledger(target, ledger_key) if only_new else {}
    if only_new:
        files = [f for f in files if ledger.get(f.locator) != f.size]
    logger.info("batch %s: %d documents from %s into %s", batch_id, len(files), sources, store)
    document_task = digitize_document.with_options(
        retries=config.retries,
        retry_delay_seconds=exponential_backoff(backoff_factor=config.retry_backoff_s),
    )
    futures = document_task.map(
        files, store_url=store, config=config, tesseract_version=tesseract_version
    )
    by_future = {id(f): source for f, source in zip(futures, files, strict=True)}
    for future, source in _as_completed(list(futures), by_future, stall_s=config.stall_timeout_s):
        outcome = (
            _outcome_of(future, source)
            if future is not None
            else DocumentOutcome(
                name=source.name,
                sha256="",
                status="failed",
                category="stalled",
                message=f"No document finished for {config.stall_timeout_s:.0f} s; the workers may "
                "be down or unable to import ip-digitizer. Re-run to process it.",
            )
        )
        summary.outcomes.append(outcome)
        if outcome.category not in _RETRY_NEXT_TIME:
            ledger[source.locator] = source.size
        if outcome.status == "failed":
            logger.warning("%s failed (%s): %s", source.name, outcome.category, outcome.message)
        if on_progress is not None:
            on_progress(outcome, len(summary.outcomes), len(files))
    order = {source.name: i for i, source in enumerate(files)}
    summary.outcomes.sort(key=lambda o: order.get(o.name, 0))
    summary.seconds = time.perf_counter() - started
    summary.finished_at = datetime.now(UTC).isoformat(timespec="seconds")
    try:
        _write_manifest(target, summary)
        if only_new:
            body = json.dumps(ledger, ensure_ascii=False, sort_keys=True).encode("utf-8")
            target.put_bytes(ledger_key, body, content_type="application/json")
    except TransientError as e:  # the documents are accounted for; say so instead of crashing
        summary.manifest_error = f"the batch manifest could not be stored: {e}"
        logger.error(summary.manifest_error)
    _publish_artifacts(summary)
    return summary


# As for the task: the flow wraps a function importable under its own name, because the flow
# run context (with the flow's function) is pickled for every Dask worker, and a function
# found under another name is pickled by value with the module's globals.
digitize_batch = flow(
    run_digitize_batch,
    name="digitize-batch",
    flow_run_name="batch {batch_id}",
    validate_parameters=False,
)


# Failures worth another try on the next inbox run (infrastructure, not the file itself).
_RETRY_NEXT_TIME = frozenset(
    {"storage_unavailable", "transient", "worker_error", "internal_error", "stalled"}
)


def _ledger_key(sources: list[str]) -> str:
    """The inbox ledger of one set of sources: which files (locator, size) were handled."""
    digest = hashlib.sha256("\n".join(sorted(sources)).encode("utf-8")).hexdigest()[:20]
    return f"inbox/{digest}.json"


def _read_ledger(store: Store, key: str) -> dict[str, int]:
    try:
        return json.loads(store.get_bytes(key))
    except KeyError:
        return {}


def _as_completed(
    futures: list[Any], sources: dict[int, SourceFile], *, stall_s: float
) -> Iterator[tuple[Any, SourceFile]]:
    """Yield (future, source) as documents finish, and (None, source) for the rest on a stall.

    A stall is ``stall_s`` seconds in which no document at all finished: dead workers must not
    hang a batch.
    """
    pending = {id(f): f for f in futures}
    while pending:
        progressed = False
        try:
            for future in as_completed(list(pending.values()), timeout=stall_s):
                progressed = True
                del pending[id(future)]
                yield future, sources[id(future)]
        except TimeoutError:
            if not progressed:
                for key in list(pending):
                    yield None, sources[key]
                return


def _outcome_of(future: Any, source: SourceFile) -> DocumentOutcome:
    """The task's outcome; a task that failed after its retries becomes a failed outcome."""
    try:
        return future.result()
    except Exception as e:  # retries exhausted, or the worker process died
        category = getattr(e, "category", "worker_error")
        return DocumentOutcome(
            name=source.name,
            sha256="",
            status="failed",
            category=category,
            message=f"{type(e).__name__}: {e}",
        )


def _write_manifest(store: Store, summary: BatchSummary) -> None:
    """Write ``batches/<id>.json`` and merge this batch's records into the JSON Lines index."""
    manifest = json.dumps(summary.to_json(), ensure_ascii=False, indent=1).encode("utf-8")
    store.put_bytes(batch_key(summary.batch_id), manifest, content_type="application/json")
    index: dict[str, dict[str, Any]] = {}
    try:
        for line in store.get_bytes(INDEX_KEY).decode("utf-8").splitlines():
            if line.strip():
                entry = json.loads(line)
                index[entry["sha256"]] = entry
    except KeyError:
        pass
    for outcome in summary.outcomes:
        # A skipped document keeps the entry of the batch that made its record; one without
        # an entry (its first run's result was lost with a worker) gets one now.
        if outcome.status == "done" or (
            outcome.status == "skipped" and outcome.sha256 not in index
        ):
            index[outcome.sha256] = {
                "sha256": outcome.sha256,
                "source_name": outcome.name,
                "record": outcome.record_key,
                "document_type": outcome.document_type,
                "pages": outcome.pages,
                "review_needed": outcome.review_needed,
                "batch_id": summary.batch_id,
                **outcome.key_fields,
            }
    body = "".join(json.dumps(entry, ensure_ascii=False) + "\n" for entry in index.values())
    store.put_bytes(INDEX_KEY, body.encode("utf-8"), content_type="application/x-ndjson")
    store.put_bytes(
        INDEX_CSV_KEY,
        _csv(list(index.values())).encode("utf-8"),
        content_type="text/csv; charset=utf-8",
    )


def _csv(entries: list[dict[str, Any]]) -> str:
    """The index as CSV for spreadsheets (UTF-8 with BOM so Excel reads Vietnamese right)."""
    columns = [
        "sha256",
        "source_name",
        "document_type",
        "pages",
        "review_needed",
        *INDEX_FIELDS,
        "record",
        "batch_id",
    ]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for entry in entries:
        writer.writerow({c: _spreadsheet_safe(entry.get(c, "")) for c in columns})
    return "\ufeff" + out.getvalue()


def _spreadsheet_safe(value: Any) -> Any:
    """Neutralize text a spreadsheet would run as a formula (OCR text is untrusted)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def _publish_artifacts(summary: BatchSummary) -> None:
    """Show the batch in the Prefect UI: a table of documents and the totals."""
    rows = [
        {
            "document": o.name,
            "status": o.status,
            "pages": o.pages,
            "path": f"{o.ocr_pages} OCR / {o.text_layer_pages} text layer",
            "mean confidence": round(o.mean_confidence, 1),
            "review": "; ".join(o.review_reasons) if o.review_needed else "",
            "failure": f"{o.category}: {o.message}" if o.status == "failed" else "",
        }
        for o in summary.outcomes
    ]
    key = "batch-" + summary.batch_id.lower().replace("_", "-").replace(".", "-")
    create_table_artifact(rows, key=key[:100], description=f"Documents of batch {summary.batch_id}")
    totals = summary.totals
    lines = [f"# Batch {summary.batch_id}", "", "| total | value |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in totals.items() if k != "stage_seconds"]
    lines += ["", "Seconds per stage: " + json.dumps(totals["stage_seconds"])]
    create_markdown_artifact(
        "\n".join(lines), key=(key + "-totals")[:100], description="Batch totals"
    )


__all__ = ["BatchSummary", "DocumentOutcome", "digitize_batch", "new_batch_id"]
