"""Field values as a person reads and types them, and back into the record's JSON shapes.

The record holds normalized values (``processors.fields``): ISO dates, ``{"printed",
"normalized"}`` numbers, lists of names and classes, ``[{country, number, date}]`` priority.
A reviewer sees one line of text per value and edits plain text; ``parse_edit`` turns that text
back into the shape the field has, so a reviewed record reads like a machine one.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any, Literal

from processors.fields.inid import ST9, ST60, ST80
from processors.fields.labels import FIELD_NAMES
from processors.fields.normalize import normalize_number

EditKind = Literal["text", "lines", "number", "json"]

MAX_VALUE_CHARS = 20_000
"""Longest text a reviewer may submit for one value (an abstract fits many times over)."""

NUMBER_FIELDS = frozenset({"publication_number", "application_number", "registration_number"})
LIST_FIELDS = frozenset(
    {"applicants", "inventors", "ipc", "nice_classes", "locarno_classes", "colours"}
)
INTEGER_LIST_FIELDS = frozenset({"nice_classes"})
JSON_FIELDS = frozenset({"priority"})

_FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_INID_TABLES = {"trademark": ST60, "industrial_design": ST80}


class InvalidEdit(ValueError):
    """A reviewer's text cannot become a value of the field; the message says how to fix it."""


def check_field_name(name: object) -> str:
    """Return ``name`` when it is a plain field name (lower-case letters, digits, ``_``)."""
    if not isinstance(name, str) or not _FIELD_NAME.match(name):
        raise InvalidEdit(f"not a field name: {str(name)[:70]!r}")
    return name


def addable_fields(present: set[str]) -> list[str]:
    """Field names a reviewer may add: the known names the record does not have yet."""
    return sorted(FIELD_NAMES - present)


def inid_for(name: str, document_type: str) -> str | None:
    """The INID code that holds ``name`` in the document's family, for an added field."""
    table = _INID_TABLES.get(document_type, ST9)
    return next((code for code, field in table.items() if field == name), None)


def edit_kind(name: str, value: Any) -> EditKind:
    """How the value is edited: one text, one item per line, a number, or JSON."""
    if value is None:
        if name in NUMBER_FIELDS:
            return "number"
        if name in LIST_FIELDS:
            return "lines"
        return "json" if name in JSON_FIELDS else "text"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict) and isinstance(value.get("printed"), str):
        return "number"
    if isinstance(value, list) and all(isinstance(v, str | int) for v in value):
        return "lines"
    return "json"


def display_text(value: Any) -> str:
    """One line a person reads: lists joined by ``;``, numbers as printed, priority spelled out."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("printed"), str):
        return value["printed"]
    if isinstance(value, list) and all(isinstance(v, str | int) for v in value):
        return "; ".join(str(v) for v in value)
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):
        claims = []
        for claim in value:
            parts = [claim.get("country"), claim.get("number"), claim.get("date")]
            claims.append(" ".join(str(p) for p in parts if p))
        return "; ".join(claims)
    return json.dumps(value, ensure_ascii=False)


def edit_text(value: Any) -> str:
    """The text put in the editor: what ``parse_edit`` turns back into the same value."""
    kind = edit_kind("", value)
    if value is None:
        return ""
    if kind == "text":
        return value
    if kind == "number":
        return value["printed"]
    if kind == "lines":
        return "\n".join(str(v) for v in value)
    return json.dumps(value, ensure_ascii=False, indent=1)


def parse_edit(name: str, text: object, old: Any) -> Any:
    """Turn a reviewer's ``text`` into a value shaped like ``old`` (or like ``name`` expects).

    Raises:
        InvalidEdit: Empty text, text too long, or text that does not fit the field (a date
            not written YYYY-MM-DD, a Nice class that is not 1-45, JSON that does not parse).
    """
    if not isinstance(text, str):
        raise InvalidEdit(f"the new value of {name} must be text")
    if len(text) > MAX_VALUE_CHARS:
        raise InvalidEdit(f"the value of {name} is longer than {MAX_VALUE_CHARS} characters")
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise InvalidEdit(f"the value of {name} is empty; remove the field instead")
    kind = edit_kind(name, old)
    if kind == "number":
        found = normalize_number(text)
        normalized = found["normalized"] if found else re.sub(r"[^0-9A-Za-z]", "", text).upper()
        value: dict[str, Any] = dict(old) if isinstance(old, dict) else {}
        value.update(printed=text, normalized=normalized or text)
        return value
    if kind == "lines":
        items = [line.strip() for line in text.split("\n") if line.strip()]
        integers = name in INTEGER_LIST_FIELDS or (
            isinstance(old, list) and old and all(isinstance(v, int) for v in old)
        )
        return [_class_number(name, item) for item in items] if integers else items
    if kind == "json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidEdit(
                f"the value of {name} must be JSON (as shown in the editor): {exc.msg} at "
                f"line {exc.lineno}"
            ) from exc
    if name.endswith("_date"):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError as exc:
            raise InvalidEdit(
                f"write {name.replace('_', ' ')} as YYYY-MM-DD, e.g. 2018-04-30"
            ) from exc
    return text


def _class_number(name: str, item: str) -> int:
    """One Nice class (1-45) from a line of text."""
    if not item.isdigit() or not 1 <= int(item) <= 45:
        raise InvalidEdit(f"{name.replace('_', ' ')}: {item[:20]!r} is not a class from 1 to 45")
    return int(item)
