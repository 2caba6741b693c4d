"""Process one document end to end: bytes in, every output stored, record written last.

This is the body of the per-document Prefect task, kept free of Prefect so that it can be
tested directly and run on any executor. Bad input never raises out of here: it ends in a
``failed/`` entry (the original is stored first), and the outcome says why. Transient storage
faults do raise, so that the task around this retries them.
"""

from __future__ import annotations

import hashlib
import json
import logging
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import cv2
import pdfplumber

from flows.settings import PipelineConfig
from processors import __version__, render
from processors.errors import BadInputError, PipelineError, TooLargeError, TransientError
from processors.fields import extract_fields, review_reasons
from processors.fields.layout import reading_order
from processors.languages import AUTO, languages_for_text
from processors.loader import (
    EXTENSIONS,
    ImagePage,
    LoadedPage,
    TextLayerPage,
    open_document,
    sniff_media_type,
)
from processors.page import read_image_pages
from processors.pdf_output import SearchablePdfBuilder
from processors.record import PageSummary, build_record, page_review_reasons, validate_record
from processors.st96 import st96_xml
from processors.types import PageText
from storage.base import Store
from storage.layout import DocumentKeys

log = logging.getLogger("ip_digitizer.document")


@dataclass(frozen=True, slots=True)
class DocumentOutcome:
    """What happened to one input: ``done``, ``skipped`` (already done) or ``failed``."""

    name: str
    sha256: str
    status: str
    pages: int = 0
    ocr_pages: int = 0
    text_layer_pages: int = 0
    document_type: str = ""
    mean_confidence: float = 0.0
    review_needed: bool = False
    review_reasons: list[str] = field(default_factory=list)
    category: str = ""
    message: str = ""
    seconds: dict[str, float] = field(default_factory=dict)
    record_key: str = ""
    key_fields: dict[str, str] = field(default_factory=dict)  # for the batch index

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-ready dict (for the batch manifest)."""
        return asdict(self)


class _Timer:
    """Adds up wall-clock seconds per stage."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start


def software_versions(tesseract_version: str) -> dict[str, str]:
    """Versions that shaped a record, for reproducibility."""
    return {
        "ip_digitizer": __version__,
        "tesseract": tesseract_version,
        "opencv": cv2.__version__,
        "pdfplumber": pdfplumber.__version__,
    }


def already_done(store: Store, sha256: str) -> dict[str, Any] | None:
    """The record of this content when one exists from this pipeline version, else None."""
    try:
        record = json.loads(store.get_bytes(f"records/{sha256}.json"))
    except KeyError:
        return None
    except ValueError:
        return None  # an unreadable record is redone, not trusted
    if record.get("document", {}).get("software", {}).get("ip_digitizer") != __version__:
        return None
    return record


def skipped(name: str, sha256: str, record: dict[str, Any]) -> DocumentOutcome:
    """The outcome of content already done, with what the batch index needs from its record.

    A document can also meet its own record within one batch: when a worker dies after
    finishing it, Dask computes the lost result again. The index must list it either way.
    """
    document = record.get("document", {})
    review = record.get("review", {})
    return DocumentOutcome(
        name=name,
        sha256=sha256,
        status="skipped",
        pages=int(document.get("page_count") or 0),
        document_type=str(document.get("document_type") or ""),
        review_needed=bool(review.get("needed")),
        review_reasons=list(review.get("reasons") or []),
        record_key=f"records/{sha256}.json",
        key_fields=index_fields(record.get("fields", {})),
    )


def process_document(
    data: bytes,
    *,
    name: str,
    store: Store,
    config: PipelineConfig,
    tesseract_version: str,
    password: str | None = None,
) -> DocumentOutcome:
    """Run the whole pipeline on one file's bytes and store every output under its hash."""
    sha256 = hashlib.sha256(data).hexdigest()
    if not config.force and (record := already_done(store, sha256)) is not None:
        return skipped(name, sha256, record)
    try:
        extension = EXTENSIONS[sniff_media_type(data)]
    except BadInputError:
        extension = "bin"
    keys = DocumentKeys(sha256, extension)
    metadata = _metadata(name)
    if store.stat(keys.original) is None:
        store.put_bytes(
            keys.original, data, content_type=_content_type(extension), metadata=metadata
        )
    try:
        return _process(
            data,
            name=name,
            keys=keys,
            store=store,
            config=config,
            tesseract_version=tesseract_version,
            password=password,
            metadata=metadata,
        )
    except (TransientError, KeyboardInterrupt):
        raise
    except PipelineError as e:
        return _fail(store, keys, name, e.category, e.message)
    except Exception as e:  # an unexpected bug: keep the file, report it, let the batch go on
        log.error("unexpected error on %s (%s):\n%s", name, sha256, traceback.format_exc())
        return _fail(
            store,
            keys,
            name,
            "internal_error",
            f"Unexpected internal error ({type(e).__name__}: {e}); please report it.",
        )


def _process(
    data: bytes,
    *,
    name: str,
    keys: DocumentKeys,
    store: Store,
    config: PipelineConfig,
    tesseract_version: str,
    password: str | None,
    metadata: dict[str, str],
) -> DocumentOutcome:
    timer = _Timer()
    with timer.stage("load"):
        info, pages = open_document(
            data, limits=config.limits, password=password, render_dpi=config.render_dpi
        )
    texts: list[PageText] = []
    ordered_texts: list[PageText] = []
    summaries: list[PageSummary] = []
    rendered: list[render.RenderedPage] = []
    script_found: str | None = None

    def collect(text: PageText, ordered: PageText, summary: PageSummary) -> None:
        """Keep a page's outputs, in page order: its lines as read and in reading order."""
        texts.append(text)
        ordered_texts.append(ordered)
        summaries.append(summary)
        rendered.append(
            render.RenderedPage(
                ordered, summary.width, summary.height, summary.dpi, summary.languages
            )
        )

    with tempfile.TemporaryDirectory(prefix="ipd-doc-") as folder:
        work = Path(folder)
        builder = SearchablePdfBuilder(
            work,
            source_pdf=data if info.media_type == "application/pdf" else None,
            password=password,
        )
        # Image pages are read a few at a time, in one Tesseract process (one model load);
        # with lang=auto the first page is read alone, as its script settles the others.
        batches = _in_batches(
            pages,
            lambda: config.pages_per_pass if script_found or config.lang != AUTO else 1,
        )
        while True:
            with timer.stage("load"):
                batch = next(batches, None)
            if batch is None:
                break
            if isinstance(batch, list):
                with timer.stage("ocr"):
                    readings = read_image_pages(
                        batch,
                        lang=config.lang,
                        cleanup=config.cleanup,
                        timeout_s=config.ocr_timeout_s,
                        retry_below_confidence=config.retry_below_confidence,
                        # a document's pages are mostly in one script: start from the last found
                        auto_first=script_found or config.auto_latin_lang,
                        auto_settled=script_found is not None,
                    )
                for page, reading in zip(batch, readings, strict=True):
                    if reading.ocr.word_count:
                        script_found = reading.languages
                    with timer.stage("render"):
                        builder.add_scanned_page(
                            reading.display,
                            dpi=reading.display_dpi,
                            text_layer_pdf=reading.ocr.text_layer_pdf,
                        )
                    # Fields are read from Tesseract's lines (the extractor finds columns
                    # itself); every text output gets the page in reading order.
                    text = reading.ocr.page
                    ordered = reading_order(text)
                    summary = PageSummary(
                        index=page.index,
                        path="ocr",
                        width=text.width,
                        height=text.height,
                        dpi=reading.ocr_dpi,
                        dpi_source=page.dpi_source,
                        languages=reading.languages,
                        mean_confidence=reading.ocr.mean_confidence,
                        word_count=len(text.words),
                        text=ordered.text,
                        ocr_passes=reading.passes,
                        timed_out=reading.ocr.timed_out,
                        cleanup=reading.cleanup,
                        note=page.note,
                    )
                    collect(text, ordered, summary)
                # Let the batch's bitmaps go before the next batch is decoded: otherwise two
                # batches of pages would be held while the next one loads.
                del batch, readings, page, reading
            else:
                page = batch
                builder.add_source_page(page.index)
                text = page.text
                summary = PageSummary(
                    index=page.index,
                    path="text_layer",
                    width=round(page.width_pt),
                    height=round(page.height_pt),
                    dpi=72,
                    dpi_source="pdf_text",
                    languages=(
                        languages_for_text(text.text, latin=config.auto_latin_lang)
                        if config.lang == AUTO
                        else config.lang
                    ),
                    mean_confidence=100.0,
                    word_count=len(text.words),
                    text=text.text,
                )
                collect(text, text, summary)
        with timer.stage("extract"):
            extraction = extract_fields(texts)
            reasons = page_review_reasons(summaries, min_page_confidence=config.min_page_confidence)
            reasons += review_reasons(extraction, min_field_confidence=config.min_field_confidence)
        with timer.stage("render"):
            pdf_path = work / "searchable.pdf"
            builder.write(pdf_path)
            text_out = render.plain_text(ordered_texts)
            hocr_out = render.hocr(rendered, title=name)
            alto_out = render.alto(rendered, source_name=name)
        with timer.stage("store"):
            store.put_bytes(
                keys.text,
                text_out.encode("utf-8"),
                content_type="text/plain; charset=utf-8",
                metadata=metadata,
            )
            store.put_bytes(
                keys.hocr,
                hocr_out.encode("utf-8"),
                content_type="application/xhtml+xml",
                metadata=metadata,
            )
            store.put_bytes(
                keys.alto,
                alto_out.encode("utf-8"),
                content_type="application/alto+xml",
                metadata=metadata,
            )
            store.put_file(
                keys.pdf, str(pdf_path), content_type="application/pdf", metadata=metadata
            )
    ocr_pages = [s for s in summaries if s.path == "ocr"]
    record = build_record(
        sha256=keys.sha256,
        source_name=name,
        media_type=info.media_type,
        size_bytes=len(data),
        pages=summaries,
        extraction=extraction,
        review_reasons=reasons,
        outputs={
            "original": keys.original,
            "text": keys.text,
            "hocr": keys.hocr,
            "alto": keys.alto,
            "pdf": keys.pdf,
            "st96": keys.st96,
        },
        processing_seconds=timer.seconds,
        software=software_versions(tesseract_version),
        notes=info.notes + sorted({s.note for s in summaries if s.note}),
    )
    validate_record(record)
    st96 = st96_xml(extraction.document_type, record["fields"], sha256=keys.sha256)
    store.put_bytes(
        keys.st96, st96.encode("utf-8"), content_type="application/xml", metadata=metadata
    )
    # The record goes last: its presence means every other part is in the store.
    store.put_bytes(
        keys.record,
        json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8"),
        content_type="application/json",
        metadata=metadata,
    )
    if store.stat(keys.failed) is not None:
        store.delete(keys.failed)  # an earlier failure of this content is now superseded
    confidences = [s.mean_confidence for s in ocr_pages]
    return DocumentOutcome(
        name=name,
        sha256=keys.sha256,
        status="done",
        pages=len(summaries),
        ocr_pages=len(ocr_pages),
        text_layer_pages=len(summaries) - len(ocr_pages),
        document_type=extraction.document_type,
        mean_confidence=sum(confidences) / len(confidences) if confidences else 100.0,
        review_needed=bool(reasons),
        review_reasons=reasons,
        key_fields=index_fields(record["fields"]),
        seconds=timer.seconds,
        record_key=keys.record,
    )


def _in_batches(
    pages: Iterator[LoadedPage], size: Callable[[], int]
) -> Iterator[list[ImagePage] | TextLayerPage]:
    """Consecutive image pages in lists of at most ``size()``, text-layer pages one by one.

    ``size`` is asked as each list grows, so it may change with what earlier pages showed.
    Pages keep their order; only one list of pages is held at a time.
    """
    batch: list[ImagePage] = []
    for page in pages:
        if isinstance(page, ImagePage):
            batch.append(page)
            del page  # the batch holds it: no name keeps it alive once the batch is read
            if len(batch) >= size():
                yield batch
                batch = []
            continue
        if batch:
            yield batch
            batch = []
        yield page
    if batch:
        yield batch


def process_oversized(
    path: Path, *, name: str, store: Store, reason: TooLargeError
) -> DocumentOutcome:
    """Keep a file too large to process: hash and store it by streaming, then fail it."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    keys = DocumentKeys(digest.hexdigest(), "bin")
    if store.stat(keys.original) is None:
        store.put_file(keys.original, str(path), metadata=_metadata(name))
    return _fail(store, keys, name, reason.category, reason.message)


def _fail(
    store: Store, keys: DocumentKeys, name: str, category: str, message: str
) -> DocumentOutcome:
    """Write the ``failed/`` entry that says, in words, why this file was not processed."""
    entry = {
        "sha256": keys.sha256,
        "source_name": name,
        "category": category,
        "message": message,
        "original": keys.original,
        "pipeline_version": __version__,
        "failed_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    store.put_bytes(
        keys.failed,
        json.dumps(entry, ensure_ascii=False, indent=1).encode("utf-8"),
        content_type="application/json",
    )
    return DocumentOutcome(
        name=name, sha256=keys.sha256, status="failed", category=category, message=message
    )


INDEX_FIELDS = (
    "application_number",
    "filing_date",
    "publication_number",
    "registration_number",
    "title",
    "mark",
    "applicants",
    "ipc",
    "nice_classes",
    "locarno_classes",
)


def index_fields(fields: dict[str, Any]) -> dict[str, str]:
    """The key fields as flat strings, for the JSON Lines and CSV indexes."""
    flat: dict[str, str] = {}
    for name in INDEX_FIELDS:
        value = fields.get(name, {}).get("value")
        if isinstance(value, dict):
            value = value.get("printed", "")
        if isinstance(value, list):
            value = "; ".join(str(v) for v in value)
        flat[name] = "" if value is None else str(value)
    return flat


def _metadata(name: str) -> dict[str, str]:
    """User metadata every stored object of a document carries."""
    return {"source-name": _ascii_header(name), "pipeline-version": __version__}


def _content_type(extension: str) -> str:
    return {
        "pdf": "application/pdf",
        "png": "image/png",
        "jpg": "image/jpeg",
        "tif": "image/tiff",
    }.get(extension, "application/octet-stream")


def _ascii_header(value: str) -> str:
    """S3 user metadata must be printable ASCII: keep a readable, escaped form of the name."""
    return value.encode("ascii", "backslashreplace").decode("ascii").replace("\n", " ")[:512]
