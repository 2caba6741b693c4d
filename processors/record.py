"""The JSON record of one document (the contract with downstream systems) and its schema.

``SCHEMA_VERSION`` follows the schema file: a minor bump adds optional content, a major bump
(a new schema file) changes or removes something a reader may rely on. 1.1 added the optional
``reviewed`` block of corrected records (``records-reviewed/``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import Any

import jsonschema

from processors.types import Extraction

SCHEMA_VERSION = "1.2"  # 1.2: ocr_passes up to 6 (script candidates, Vietnamese re-read)
SCHEMA_RESOURCE = "record-v1.schema.json"


@dataclass(frozen=True, slots=True)
class PageSummary:
    """How one page was read, as the record reports it."""

    index: int
    path: str  # "ocr" | "text_layer"
    width: int
    height: int
    dpi: int
    dpi_source: str
    languages: str
    mean_confidence: float
    word_count: int
    text: str
    ocr_passes: int = 0
    timed_out: bool = False
    cleanup: dict[str, Any] = field(default_factory=dict)
    note: str = ""

    @property
    def blank(self) -> bool:
        """A page with no words at all that did not time out."""
        return self.word_count == 0 and not self.timed_out

    def to_json(self) -> dict[str, Any]:
        """Return the record's representation of this page."""
        return {
            "index": self.index,
            "path": self.path,
            "width": self.width,
            "height": self.height,
            "dpi": self.dpi,
            "dpi_source": self.dpi_source,
            "languages": self.languages,
            "mean_confidence": round(self.mean_confidence, 2),
            "word_count": self.word_count,
            "ocr_passes": self.ocr_passes,
            "blank": self.blank,
            "timed_out": self.timed_out,
            "cleanup": self.cleanup,
            "note": self.note,
            "text": self.text,
        }


def page_review_reasons(
    pages: list[PageSummary], *, min_page_confidence: float, min_words: int = 25
) -> list[str]:
    """Reasons, in plain words, why the pages themselves need a person's eye.

    Low confidence only counts on pages with real text (``min_words``): a patent's drawing
    sheets carry a few labels that OCR reads poorly, and that is no reason for a review.
    """
    reasons: list[str] = []
    for page in pages:
        number = page.index + 1
        if page.timed_out:
            reasons.append(f"page {number}: OCR hit its time limit; the page text may be missing")
        elif page.blank:
            reasons.append(f"page {number}: blank page (no text found)")
        elif (
            page.path == "ocr"
            and page.word_count >= min_words
            and page.mean_confidence < min_page_confidence
        ):
            reasons.append(
                f"page {number}: low OCR confidence ({page.mean_confidence:.1f} < "
                f"{min_page_confidence:.1f})"
            )
    return reasons


def build_record(
    *,
    sha256: str,
    source_name: str,
    media_type: str,
    size_bytes: int,
    pages: list[PageSummary],
    extraction: Extraction,
    review_reasons: list[str],
    outputs: dict[str, str],
    processing_seconds: dict[str, float],
    software: dict[str, str],
    notes: list[str],
    processed_at: datetime | None = None,
) -> dict[str, Any]:
    """Assemble the record; the result validates against the published schema."""
    languages = sorted({lang for p in pages for lang in p.languages.split("+") if lang})
    return {
        "schema_version": SCHEMA_VERSION,
        "document": {
            "sha256": sha256,
            "source_name": source_name,
            "media_type": media_type,
            "size_bytes": size_bytes,
            "page_count": len(pages),
            "document_type": extraction.document_type,
            "document_type_confidence": round(extraction.type_confidence, 3),
            "languages": languages,
            "processed_at": (processed_at or datetime.now(UTC)).isoformat(timespec="seconds"),
            "processing_seconds": {k: round(v, 3) for k, v in processing_seconds.items()},
            "software": software,
            "notes": notes,
        },
        "pages": [p.to_json() for p in pages],
        "fields": {name: f.to_json() for name, f in sorted(extraction.fields.items())},
        "review": {"needed": bool(review_reasons), "reasons": review_reasons},
        "outputs": outputs,
    }


@cache
def record_schema() -> dict[str, Any]:
    """Return the published JSON Schema of the record."""
    text = resources.files("processors.schema").joinpath(SCHEMA_RESOURCE).read_text("utf-8")
    return json.loads(text)


@cache
def _record_validator() -> jsonschema.protocols.Validator:
    """The schema's validator, built once: checking the schema itself cost 57 ms a document."""
    schema = record_schema()
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema, format_checker=jsonschema.FormatChecker())


def validate_record(record: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` when ``record`` breaks the published schema."""
    error = jsonschema.exceptions.best_match(_record_validator().iter_errors(record))
    if error is not None:
        raise error
