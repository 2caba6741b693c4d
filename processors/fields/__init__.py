"""Bibliographic fields of patent, trademark and design documents, from OCR lines.

Pure functions: text and words in, an ``Extraction`` out. The document type is decided first
(``classify_document``), then fields are read by INID code (ST.9, ST.60, ST.80) and by label
in English, Vietnamese, Thai, Khmer, Lao and Filipino (``processors/data/labels/*.json``),
normalized (``normalize``) and scored. ``review_reasons`` says why a person should look.

Values (``ExtractedField.value``), all JSON-ready:

- dates: "YYYY-MM-DD" (``normalized_from`` says e.g. "buddhist_era", "dd/mm/yyyy");
- application, publication, registration numbers: ``{"printed", "normalized"}`` (see
  ``normalize``); a kind code printed after a publication number is field ``kind`` ("B2");
- ipc: canonical symbols ["G06F 17/30"]; locarno_classes: ["06-01"]; nice_classes: [9, 35];
- applicants, inventors: one string per entry as printed ("Joseph L. Jones, Acton, MA (US)");
  (71) and (73) both feed applicants, (72), (75) and (76) inventors;
- priority: [{"country": ST.3 code, "number": as printed, "date": ISO}], parts may be None;
- title, abstract, mark, agent, goods_services: one cleaned string; colours: list of strings.
"""

from __future__ import annotations

from collections.abc import Sequence

from processors.fields.classify import classify_document
from processors.fields.extract import fields_from_pages
from processors.fields.labels import LabelTables, default_label_tables, load_label_tables
from processors.fields.layout import text_to_page
from processors.fields.review import MANDATORY_FIELDS, review_reasons
from processors.types import Extraction, PageText

__all__ = [
    "MANDATORY_FIELDS",
    "LabelTables",
    "classify_document",
    "extract_fields",
    "load_label_tables",
    "review_reasons",
    "text_to_page",
]

DOCUMENT_TYPES = ("patent", "utility_model", "trademark", "industrial_design", "other")


def extract_fields(
    pages: Sequence[PageText],
    *,
    document_type: str | None = None,
    label_tables: LabelTables | None = None,
    max_pages: int = 3,
) -> Extraction:
    """Classify the document (unless ``document_type`` is given) and read its fields.

    Args:
        pages: OCR (or text-layer) lines of the document, in page order.
        document_type: skip classification and read the fields of this type.
        label_tables: labels to recognize; the packaged ones by default
            (``load_label_tables(extra=...)`` adds an office's own).
        max_pages: read only the first pages, where bibliographic data is printed.
    """
    tables = label_tables or default_label_tables()
    front = list(pages[:max_pages])
    if document_type is None:
        document_type, type_confidence = classify_document(front, label_tables=tables)
    elif document_type in DOCUMENT_TYPES:
        type_confidence = 1.0
    else:
        raise ValueError(f"unknown document type {document_type!r}; one of {DOCUMENT_TYPES}")
    fields = fields_from_pages(front, tables, document_type=document_type)
    return Extraction(document_type=document_type, type_confidence=type_confidence, fields=fields)
