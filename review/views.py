"""What the review page shows of one document: fields in reading order, each ready to display.

Display and edit strings are computed here, once, for both the server-rendered page and the
JSON the page's script reads after a save, so the two never disagree.
"""

from __future__ import annotations

from typing import Any

from processors.fields import MANDATORY_FIELDS
from review.service import DocumentState
from review.values import addable_fields, display_text, edit_kind, edit_text

STATUS_LABELS = {
    "to_review": "To review",
    "in_review": "In review",
    "approved": "Approved",
    "unreadable": "Unreadable",
}


_LABELS = {"ipc": "IPC", "kind": "Kind code"}


def label(name: str) -> str:
    """A field name as a person reads it: ``filing_date`` -> ``Filing date``, ``ipc`` -> ``IPC``."""
    return _LABELS.get(name) or name.replace("_", " ").capitalize()


def field_view(name: str, field: dict[str, Any], *, min_confidence: float) -> dict[str, Any]:
    """One field as the page shows it."""
    value = field.get("value")
    confidence = field.get("confidence")
    source = field.get("source", "machine")
    reviewed = field.get("reviewed") or {}
    machine = field.get("machine") or {}
    bbox = field.get("bbox")
    page = field.get("page")
    shown = isinstance(confidence, int | float) and source == "machine"
    low = shown and confidence < min_confidence  # a person's value has no machine confidence
    if source == "reviewed":
        state = f"{reviewed.get('action', 'reviewed')} by {reviewed.get('by', '?')}"
    else:
        state = "low confidence" if low else ""
    return {
        "name": name,
        "label": label(name),
        "inid": field.get("inid"),
        "display": display_text(value),
        "edit": edit_text(value),
        "kind": edit_kind(name, value),
        "raw": str(field.get("raw") or ""),
        "confidence": confidence if shown else None,
        "percent": round(confidence * 100) if shown else None,
        "low": low,
        "state": state,
        "page": page if isinstance(page, int) else None,
        "bbox": bbox if isinstance(bbox, list) and len(bbox) == 4 else None,
        "source": source,
        "action": reviewed.get("action", ""),
        "by": reviewed.get("by", ""),
        "machine_display": display_text(machine.get("value")) if machine else "",
        "missing": False,
    }


def missing_view(name: str, alternatives: tuple[str, ...]) -> dict[str, Any]:
    """A placeholder row for a mandatory field the record lacks (Enter adds it)."""
    either = " or ".join(label(n).lower() for n in alternatives)
    return {
        "name": name,
        "label": label(name),
        "inid": None,
        "display": "",
        "edit": "",
        "kind": edit_kind(name, None),
        "raw": f"one of {either} is mandatory" if len(alternatives) > 1 else "",
        "confidence": None,
        "percent": None,
        "low": True,
        "state": "missing",
        "page": None,
        "bbox": None,
        "source": "missing",
        "action": "",
        "by": "",
        "machine_display": "",
        "missing": True,
    }


def document_view(state: DocumentState, *, min_confidence: float) -> dict[str, Any]:
    """The whole page's data: document facts, pages, fields in reading order, version."""
    record = state.reviewed
    document = record.get("document", {})
    fields: dict[str, dict[str, Any]] = record.get("fields", {})
    views = [field_view(n, f, min_confidence=min_confidence) for n, f in fields.items()]
    views.sort(key=_reading_order)
    groups = MANDATORY_FIELDS.get(str(document.get("document_type", "")), ())
    missing = [missing_view(g[0], g) for g in groups if not any(n in fields for n in g)]
    block = record.get("reviewed", {})
    return {
        "sha256": state.sha256,
        "version": state.version,
        "status": state.status,
        "status_label": STATUS_LABELS.get(state.status, state.status),
        "source_name": str(document.get("source_name", "")),
        "document_type": str(document.get("document_type", "")).replace("_", " "),
        "processed_at": str(document.get("processed_at", "")),
        "page_count": len(record.get("pages", [])),
        "pages": [
            {"width": int(p.get("width") or 0), "height": int(p.get("height") or 0)}
            for p in record.get("pages", [])
        ],
        "reasons": list(state.machine.get("review", {}).get("reasons", [])),
        "fields": views + missing,
        "addable": addable_fields(set(fields)),
        "min_confidence": min_confidence,
        "updated_by": block.get("updated_by") or "",
        "updated_at": block.get("updated_at") or "",
        "unreadable_note": block.get("unreadable_note") or "",
    }


def _reading_order(view: dict[str, Any]) -> tuple[float, float, float, str]:
    """Page, then top, then left: the order a person reads the fields on the page."""
    bbox = view["bbox"]
    page = view["page"] if view["page"] is not None else float("inf")
    if bbox is None:
        return (page, float("inf"), float("inf"), view["name"])
    return (page, bbox[1], bbox[0], view["name"])
