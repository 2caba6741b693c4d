"""Where reviews live and the reviewed record built from them.

Nothing is overwritten. The machine's ``records/<sha256>.json`` stays as the pipeline wrote it.
Each save is its own immutable object ``reviews/<sha256>/<UTC time>-<random>.json``::

    {"format": "ip-digitizer/review-v1", "id": "20260101T101500.123456Z-1f2e3d4c",
     "sha256": "...", "reviewer": "alice", "at": "2026-01-01T10:15:00+00:00",
     "base_version": 2, "version": 3, "record_sha256": "<sha256 of the machine record JSON>",
     "changes": [{"action": "correct", "field": "title", "old": "R0BOT", "new": "ROBOT"}]}

``action`` is one of ``correct``, ``confirm``, ``add``, ``remove`` (a field the machine invented),
``unreadable`` (the whole document; ``field`` is null, ``note`` says why) and ``approve``.

The reviewed record, ``records-reviewed/<sha256>.json``, is rebuilt on every save from the
machine record and the accepted review objects (in key order, each based on the version the
one before made; see ``review.service``), so it can always be recomputed. It is the machine
record with:

- every field carrying ``"source": "machine"`` (as the pipeline read it) or ``"source":
  "reviewed"`` (a person set or confirmed it; then ``confidence`` is 1.0, ``"reviewed": {action:
  corrected | confirmed | added, by, at}`` says who and when, and ``"machine": {value,
  confidence}`` keeps what the machine had, or null for an added field). Removed fields are
  gone from ``fields`` and listed in ``reviewed.removed``;
- ``review`` set to what is still needed: ``{needed: false, reasons: []}`` once approved;
  ``needed: true`` with the reviewer's words while unreadable or in review;
- a top-level ``reviewed`` block: ``status`` (``in_review``, ``approved``, ``unreadable``),
  ``version``, ``reviewers``, ``updated_by``/``updated_at``, ``approved_by``/``approved_at``,
  ``unreadable_note``, ``removed``, ``machine_review`` (the machine's own review block),
  ``machine_record`` ({key, sha256}) and ``reviews`` (the keys of the chain).

Apart from the top-level ``reviewed`` key, the reviewed record validates against record-v1, so
readers of machine records can read reviewed ones (record-v1 should list ``reviewed`` as an
optional property: an additive, minor schema change).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from review.values import inid_for
from storage.base import Store
from storage.layout import record_key

REVIEW_FORMAT = "ip-digitizer/review-v1"
REVIEWS_PREFIX = "reviews/"
REVIEWED_PREFIX = "records-reviewed/"
SHA256 = re.compile(r"^[0-9a-f]{64}$")
REVIEWED_KEY = re.compile(r"^records-reviewed/([0-9a-f]{64})\.json$")
_PAST_TENSE = {"correct": "corrected", "confirm": "confirmed", "add": "added"}


class NotFound(KeyError):
    """No machine record (or no such page) for this document in the store."""


def reviews_prefix(sha256: str) -> str:
    """Where the review objects of one document live."""
    return f"{REVIEWS_PREFIX}{check_sha256(sha256)}/"


def reviewed_key(sha256: str) -> str:
    """Where the reviewed record of one document lives."""
    return f"{REVIEWED_PREFIX}{check_sha256(sha256)}.json"


def build_reviewed(
    machine: Mapping[str, Any],
    chain: Iterable[tuple[str, Mapping[str, Any]]],
    *,
    machine_sha256: str,
) -> dict[str, Any]:
    """The reviewed record: ``machine`` with the changes of ``chain`` applied in order."""
    record: dict[str, Any] = copy.deepcopy(dict(machine))
    fields: dict[str, dict[str, Any]] = record.setdefault("fields", {})
    for value in fields.values():
        value["source"] = "machine"
    block: dict[str, Any] = {
        "status": "in_review",
        "version": 0,
        "reviewers": [],
        "updated_by": None,
        "updated_at": None,
        "approved_by": None,
        "approved_at": None,
        "unreadable_note": None,
        "removed": {},
        "machine_review": copy.deepcopy(machine.get("review", {"needed": False, "reasons": []})),
        "machine_record": {"key": record_key(str(machine["document"].get("sha256", ""))),
                           "sha256": machine_sha256},
        "reviews": [],
    }  # fmt: skip
    for key, review in chain:
        by, at = str(review.get("reviewer", "")), str(review.get("at", ""))
        for change in review.get("changes", []):
            _apply(record, block, change, by=by, at=at)
        block["version"] += 1
        block["reviews"].append(key)
        block["updated_by"], block["updated_at"] = by, at
        if by not in block["reviewers"]:
            block["reviewers"].append(by)
    record["fields"] = dict(sorted(fields.items()))
    if block["status"] == "approved":
        record["review"] = {"needed": False, "reasons": []}
    elif block["status"] == "unreadable":
        note = block["unreadable_note"] or "no note"
        record["review"] = {
            "needed": True,
            "reasons": [f"marked unreadable by {block['updated_by']}: {note}"],
        }
    else:
        reasons = list(block["machine_review"].get("reasons", [])) or ["review not finished"]
        record["review"] = {"needed": True, "reasons": reasons}
    record["reviewed"] = block
    return record


def _apply(
    record: dict[str, Any], block: dict[str, Any], change: Mapping[str, Any], *, by: str, at: str
) -> None:
    """Apply one stored change to the record being rebuilt (tolerant: replays never fail)."""
    action, name = change.get("action"), change.get("field")
    fields: dict[str, dict[str, Any]] = record["fields"]
    if action == "approve":
        block.update(status="approved", approved_by=by, approved_at=at, unreadable_note=None)
        return
    if action == "unreadable":
        block.update(status="unreadable", unreadable_note=change.get("note") or None)
        block.update(approved_by=None, approved_at=None)
        return
    if not isinstance(name, str):
        return
    block.update(status="in_review", approved_by=None, approved_at=None)
    if action == "remove":
        old = fields.pop(name, None)
        if old is not None:
            machine = old.get("machine") if old.get("source") == "reviewed" else _machine_part(old)
            block["removed"][name] = {"by": by, "at": at, "machine": machine}
        return
    if action not in _PAST_TENSE:
        return
    current = fields.get(name)
    if current is None:  # an added field (or a removed one added back)
        removed = block["removed"].pop(name, None)
        document_type = str(record.get("document", {}).get("document_type", ""))
        current = {
            "value": None,
            "raw": "",
            "confidence": 0.0,
            "inid": inid_for(name, document_type),
            "page": None,
            "bbox": None,
            "machine": removed["machine"] if removed else None,
        }
        fields[name] = current
    elif current.get("source") == "machine":
        current["machine"] = _machine_part(current)
    current["value"] = change.get("new") if action != "confirm" else current["value"]
    current["confidence"] = 1.0
    current["source"] = "reviewed"
    current["reviewed"] = {"action": _PAST_TENSE[action], "by": by, "at": at}


def _machine_part(field_value: Mapping[str, Any]) -> dict[str, Any]:
    return {"value": field_value.get("value"), "confidence": field_value.get("confidence")}


def reviewed_ground_truth(store: Store) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ``(sha256, {field: value})`` of every approved reviewed record in ``store``.

    What a person approved is the best truth an office has about its own documents:
    ``digitize eval`` compares the pipeline's fields against it.
    """
    for info in store.list(REVIEWED_PREFIX):
        match = REVIEWED_KEY.match(info.key)
        if not match:
            continue
        try:
            record = json.loads(store.get_bytes(info.key))
        except (KeyError, ValueError):
            continue
        if not isinstance(record, dict):
            continue
        if record.get("reviewed", {}).get("status") != "approved":
            continue
        fields = record.get("fields", {})
        yield match.group(1), {name: value.get("value") for name, value in fields.items()}


def check_sha256(sha256: str) -> str:
    """Return ``sha256`` when it is a lowercase hex SHA-256; ``NotFound`` otherwise."""
    if not isinstance(sha256, str) or not SHA256.match(sha256):
        raise NotFound(f"not a document hash: {str(sha256)[:80]!r}")
    return sha256
