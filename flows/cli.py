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


@app.command(
    name="eval",
    epilog="Examples:\n\n  digitize eval .eval/set1 --generate 120 --seed 11\n\n"
    "  digitize eval my-office-scans/ --lang vie+eng\n\n"
    "  digitize eval --reviewed-store s3://ip-records/vn",
)
def evaluate(
    dataset: Annotated[
        Path | None,
        typer.Argument(
            help="Folder of scans with truth.json (file name -> document_type, language, fields, "
            "text)."
        ),
    ] = None,
    generate: Annotated[
        int,
        typer.Option(
            min=0, help="First write this many generated, degraded front pages into DATASET."
        ),
    ] = 0,
    seed: Annotated[int, typer.Option(help="Seed of the generated set.")] = 2026,
    store: Annotated[
        str | None, typer.Option(help="Where the run's results go (default: DATASET/.eval-store).")
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            help="Tesseract languages (default: the one language truth.json names, with eng, "
            "or auto for several)."
        ),
    ] = None,
    workers: Annotated[int | None, typer.Option(min=1, help="Worker processes.")] = None,
    reviewed_store: Annotated[
        str | None,
        typer.Option(
            help="Instead of a dataset: score the machine records of this store against the "
            "reviews people approved there."
        ),
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Measure field accuracy and character error rate on labelled scans."""
    _quiet_prefect(verbose=False)
    from flows import evaluate as ev

    try:
        if reviewed_store:
            from flows.settings import Settings
            from storage import open_store

            settings = Settings()
            target = open_store(reviewed_store, s3=settings.s3.template())
            target.check()
            report = ev.score_reviewed(target)
        elif dataset is not None:
            report = _evaluate_dataset(
                dataset, generate=generate, seed=seed, store=store, lang=lang, workers=workers
            )
        else:
            raise ConfigError("give a DATASET folder or --reviewed-store")
    except (ValueError, ConfigError) as e:
        console.print(f"[red]Cannot evaluate:[/red] {e}")
        raise typer.Exit(EXIT_USAGE) from None
    if json_output:
        typer.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
    else:
        _print_report(report.to_json())


def _evaluate_dataset(
    dataset: Path,
    *,
    generate: int,
    seed: int,
    store: str | None,
    lang: str | None,
    workers: int | None,
) -> object:
    from flows import evaluate as ev
    from flows.runner import RunRequest, run_batch
    from flows.settings import Settings
    from storage import open_store

    if generate:
        from processors import groundtruth

        if (dataset / "truth.json").exists():
            raise ConfigError(f"{dataset} already holds a dataset; choose an empty folder")
        dataset.mkdir(parents=True, exist_ok=True)
        groundtruth.write_dataset(dataset, groundtruth.generate(generate, seed=seed))
    truth = ev.load_truth(dataset)
    if lang is None and (lang := ev.languages_of(truth)) is not None:
        typer.echo(f"reading with --lang {lang}, the languages of {dataset}/truth.json", err=True)
    files = [str(dataset / name) for name in sorted(truth)]
    missing = [f for f in files if not Path(f).is_file()]
    if missing:
        raise ConfigError(f"truth.json names files that are not there: {missing[:3]}")
    request = RunRequest.from_settings(
        files, store=store or str(dataset / ".eval-store"), lang=lang, workers=workers
    )
    summary = run_batch(request)
    target = open_store(request.store, s3=Settings().s3.template())
    records = ev.records_by_name(target, ((o.name, o.record_key) for o in summary.outcomes))
    return ev.score(truth, records)


def _print_report(report: dict) -> None:
    """Tables a person reads: fields, then error rates by language and by degradation."""
    out = Console()
    table = Table(
        title=f"Fields ({report['documents']} documents; document type right: "
        f"{report['document_type_accuracy']:.1%})"
    )
    for column in ("field", "in truth", "precision", "recall", "exact match"):
        table.add_column(column, justify="right" if column != "field" else "left")
    for name, s in report["fields"].items():
        table.add_row(
            name,
            str(s["truth"]),
            f"{s['precision']:.3f}",
            f"{s['recall']:.3f}",
            f"{s['exact_match']:.3f}",
        )
    table.add_row(
        "[bold]all fields[/bold]",
        "",
        "",
        "",
        f"[bold]{report['fields_overall_exact_match']:.3f}[/bold]",
    )
    out.print(table)
    out.print(_fields_by_language_table(report))
    for title, key in (
        ("Character error rate by language", "cer_by_language"),
        ("Character error rate by degradation", "cer_by_degradation"),
    ):
        cers = Table(title=title)
        for column in ("", "pages", "mean CER", "median CER", "pages > 5%"):
            cers.add_column(column, justify="right" if column else "left")
        for name, s in report[key].items():
            cers.add_row(
                name,
                str(s["pages"]),
                f"{s['mean']:.2%}",
                f"{s['median']:.2%}",
                str(s["above_5pct"]),
            )
        out.print(cers)
    if report["failed"]:
        out.print(
            f"[red]No record for {len(report['failed'])} documents:[/red] "
            + ", ".join(report["failed"][:10])
        )


# The fields the bibliographic-fields target names, shown per language.
_KEY_FIELDS = ("application_number", "filing_date", "publication_number", "title", "applicants",
               "ipc")  # fmt: skip


def _fields_by_language_table(report: dict) -> Table:
    """Exact match per language: the key fields, then all fields ("-": not in that truth)."""
    table = Table(title="Fields by language (exact match)")
    table.add_column("", justify="left")
    for name in (*_KEY_FIELDS, "all fields"):
        table.add_column(name.replace("_", " "), justify="right")
    for language, scores in report["fields_by_language"].items():
        cells = [
            f"{scores[name]['exact_match']:.2f}" if scores.get(name, {}).get("truth") else "-"
            for name in _KEY_FIELDS
        ]
        overall = report["fields_overall_exact_match_by_language"][language]
        table.add_row(language, *cells, f"[bold]{overall:.2f}[/bold]")
    return table


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
