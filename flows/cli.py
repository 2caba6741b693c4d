"""The ``digitize`` command line: run a batch, check the installation, evaluate accuracy.

Exit codes are decided here and nowhere else: 0 every document succeeded (or was already
done), 3 some documents failed (each is listed), 2 a usage or configuration error (nothing was
processed).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from processors import __version__
from processors.errors import ConfigError, PipelineError

EXIT_OK, EXIT_USAGE, EXIT_FAILED = 0, 2, 3

app = typer.Typer(
    name="digitize",
    help="Digitize scanned patent, trademark and design files: cleaned OCR, searchable PDFs "
    "and INID-coded bibliographic records.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
console = Console(stderr=True)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"ip-digitizer {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version_callback,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """Digitize IP office scans into records, text, hOCR/ALTO and searchable PDFs."""


def _quiet_prefect(verbose: bool) -> None:
    """Keep Prefect's own console logging out of the way unless asked for."""
    level = "INFO" if verbose else "WARNING"
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", level)
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    logging.getLogger("prefect").setLevel(level)


@app.command(
    epilog="Examples:\n\n"
    "  digitize run samples/scans --store ./out\n\n"
    "  digitize run scans/ --store s3://ip-records/vn --lang vie+eng --workers 4\n\n"
    "  digitize run s3://inbox/2026-11/ --store s3://ip-records/ --json"
)
def run(
    sources: Annotated[list[str], typer.Argument(help="Folders, files or s3://bucket/prefix/.")],
    store: Annotated[
        str | None,
        typer.Option(
            help="Where results go: a folder or s3://bucket/prefix. [env: DIGITIZE_STORE]"
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(help="Tesseract languages, e.g. eng or vie+eng. [env: DIGITIZE_OCR_LANG]"),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1, help="Worker processes (default: number of cores). [env: DIGITIZE_WORKERS]"
        ),
    ] = None,
    dask_address: Annotated[
        str | None, typer.Option(help="Run documents on this Dask cluster, e.g. tcp://host:8786.")
    ] = None,
    force: Annotated[bool, typer.Option(help="Reprocess documents already done.")] = False,
    in_process: Annotated[
        bool,
        typer.Option(
            help="Run documents in this process (threads) instead of worker processes: "
            "for debugging."
        ),
    ] = False,
    password: Annotated[
        str | None,
        typer.Option(
            help="Password for encrypted PDFs (every file). [env: DIGITIZE_PDF_PASSWORD]",
            envvar="DIGITIZE_PDF_PASSWORD",
            show_envvar=False,
        ),
    ] = None,
    password_file: Annotated[
        Path | None,
        typer.Option(
            help='JSON of passwords by source name: {"scans/a.pdf": "secret", "*": "any"}.',
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or table.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect logs.")] = False,
) -> None:
    """Process every scan under SOURCES and store records, text, hOCR, ALTO and PDFs."""
    _quiet_prefect(verbose)
    from flows.runner import RunRequest, run_batch  # Prefect import is slow: only when running

    overrides = {"store": store, "lang": lang, "workers": workers}
    try:
        passwords = _passwords(password, password_file)
        request = RunRequest.from_settings(
            sources,
            force=force,
            dask_address=dask_address,
            passwords=passwords,
            in_process=in_process,
            **overrides,
        )
    except (ValueError, ConfigError) as e:
        console.print(f"[red]Configuration error:[/red] {e}")
        raise typer.Exit(EXIT_USAGE) from None
    show_progress = not quiet and not json_output and sys.stderr.isatty()
    try:
        with Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            disable=not show_progress,
        ) as progress:
            bar = progress.add_task("documents", total=None)

            def on_progress(outcome: object, done: int, total: int) -> None:
                progress.update(bar, completed=done, total=total)

            summary = run_batch(request, on_progress=on_progress)
    except ConfigError as e:
        console.print(f"[red]Cannot start:[/red] {e}")
        raise typer.Exit(EXIT_USAGE) from None
    except PipelineError as e:
        console.print(f"[red]Batch stopped:[/red] {e}")
        raise typer.Exit(EXIT_USAGE) from None
    if json_output:
        typer.echo(json.dumps(summary.to_json(), ensure_ascii=False, indent=1))
    elif not quiet:
        _print_summary(summary)
    failed = summary.count("failed") or summary.manifest_error
    raise typer.Exit(EXIT_FAILED if failed else EXIT_OK)


@app.command(
    epilog="Examples:\n\n  digitize doctor\n\n"
    "  digitize doctor --store s3://ip-records/ --lang tha+eng"
)
def doctor(
    store: Annotated[str | None, typer.Option(help="Store to check. [env: DIGITIZE_STORE]")] = None,
    lang: Annotated[
        str | None, typer.Option(help="Languages to check. [env: DIGITIZE_OCR_LANG]")
    ] = None,
) -> None:
    """Check Tesseract, its language packs, the store and the Prefect API; say what to fix."""
    from flows.doctor import run_checks

    checks = run_checks(store=store, lang=lang)
    table = Table(title="ip-digitizer doctor")
    for column in ("check", "status", "detail"):
        table.add_column(column)
    for check in checks:
        status = "[green]ok[/green]" if check.ok else "[red]FAIL[/red]"
        table.add_row(check.name, status, check.detail)
    Console().print(table)
    raise typer.Exit(EXIT_OK if all(c.ok for c in checks) else EXIT_USAGE)


@app.command(
    epilog="Examples:\n\n  digitize review --store ./out\n\n"
    "  DIGITIZE_REVIEW_TOKEN=... digitize review --store s3://ip-records/ --host 0.0.0.0"
)
def review(
    store: Annotated[
        str | None, typer.Option(help="Store whose records to review. [env: DIGITIZE_STORE]")
    ] = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on; other than loopback needs --token.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8765,
    token: Annotated[
        str | None,
        typer.Option(
            help="Access token (at least 16 characters) required by every page.",
            envvar="DIGITIZE_REVIEW_TOKEN",
            show_envvar=False,
        ),
    ] = None,
    reviewer: Annotated[str, typer.Option(help="Default reviewer name.")] = "operator",
) -> None:
    """Serve the review page: check and correct the fields the machine was unsure of."""
    import review as review_app
    from flows.settings import Settings
    from storage import open_store

    settings = Settings()
    try:
        target = open_store(store or settings.store, s3=settings.s3.template())
        target.check()
        review_app.serve(
            target,
            host=host,
            port=port,
            token=token,
            reviewer_default=reviewer,
            min_confidence=settings.review.min_field_confidence,
        )
    except ConfigError as e:
        console.print(f"[red]Cannot start the review page:[/red] {e}")
        raise typer.Exit(EXIT_USAGE) from None


def _passwords(password: str | None, password_file: Path | None) -> dict[str, str]:
    """Passwords by source name from the options; the file's entries win over --password."""
    table: dict[str, str] = {"*": password} if password else {}
    if password_file is not None:
        try:
            entries = json.loads(password_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise ConfigError(f"cannot read the password file {password_file}: {e}") from e
        if not isinstance(entries, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in entries.items()
        ):
            raise ConfigError(f"{password_file} must hold a JSON object of name -> password")
        table.update(entries)
    return table


def _print_summary(summary: object) -> None:
    """A table a person reads at the end of a run, and the failures one by one."""
    totals = summary.totals  # type: ignore[attr-defined]
    table = Table(title=f"Batch {summary.batch_id}", show_header=True)  # type: ignore[attr-defined]
    for column in (
        "documents",
        "done",
        "skipped",
        "failed",
        "pages",
        "OCR pages",
        "text-layer pages",
        "needs review",
        "pages/min",
    ):
        table.add_column(column, justify="right")
    table.add_row(
        *(
            str(totals[k])
            for k in (
                "documents",
                "done",
                "skipped",
                "failed",
                "pages",
                "ocr_pages",
                "text_layer_pages",
                "needs_review",
                "pages_per_minute",
            )
        )
    )
    out = Console()
    out.print(table)
    for outcome in summary.outcomes:  # type: ignore[attr-defined]
        if outcome.status == "failed":
            out.print(f"[red]FAILED[/red] {outcome.name}: [{outcome.category}] {outcome.message}")
        elif outcome.review_needed:
            out.print(
                f"[yellow]review[/yellow] {outcome.name}: " + "; ".join(outcome.review_reasons[:3])
            )
    if summary.manifest_error:  # type: ignore[attr-defined]
        out.print(f"[red]{summary.manifest_error}[/red]")  # type: ignore[attr-defined]
    out.print(f"Results in {summary.store} (manifest batches/{summary.batch_id}.json)")  # type: ignore[attr-defined]


if __name__ == "__main__":  # pragma: no cover
    app()
