"""Flows for Prefect deployments: plain parameters, settings read in the worker (the edge).

``digitize`` runs a batch over folders or S3 prefixes on request; ``digitize_inbox`` is meant
for a schedule: it processes only files it has not seen before, so an inbox folder or prefix
can keep receiving scans without anyone moving files by hand. Secrets are never parameters:
workers read ``DIGITIZE_S3_*`` from their environment.
"""

from __future__ import annotations

from typing import Any

from prefect import flow

from flows.batch import digitize_batch, new_batch_id
from flows.settings import PipelineConfig, Settings


def _config(lang: str | None, force: bool) -> tuple[Settings, PipelineConfig]:
    settings = Settings()
    if lang:
        settings.ocr.lang = lang
    return settings, PipelineConfig.from_settings(settings, force=force)


@flow(name="digitize", log_prints=True)
def digitize(
    sources: list[str], store: str | None = None, lang: str | None = None, force: bool = False
) -> dict[str, Any]:
    """Digitize every scan under ``sources`` into ``store`` (default: DIGITIZE_STORE)."""
    settings, config = _config(lang, force)
    summary = digitize_batch(
        sources=sources, store=store or settings.store, config=config, batch_id=new_batch_id()
    )
    return summary.to_json()["totals"]


@flow(name="digitize-inbox", log_prints=True)
def digitize_inbox(inbox: str, store: str | None = None, lang: str | None = None) -> dict[str, Any]:
    """Digitize the files of ``inbox`` not seen by an earlier run (for a schedule)."""
    settings, config = _config(lang, force=False)
    summary = digitize_batch(
        sources=[inbox],
        store=store or settings.store,
        config=config,
        batch_id=new_batch_id(),
        only_new=True,
    )
    return summary.to_json()["totals"]
