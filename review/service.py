"""Field-level review: the queue of flagged documents, and saving what a person changed.

Versions: the machine record alone is version 0; every accepted save adds one. A save names the
version it was based on and is refused (``Conflict``, HTTP 409) unless that is still the latest,
so two people reviewing the same document cannot silently undo each other. Saves are
serialized in this process, which makes this exact for one review server per store (the
supported setup). A save is also checked after it is written (the review objects form a chain
in key order, each based on the one before), so when two servers share a store the later
writer usually withdraws its object and gets a conflict too; the store has no compare-and-swap,
so across servers this narrows the window rather than closing it.

What is stored where, and the reviewed record's format: ``review.record``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import logging
import re
import secrets
import threading
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from processors.fields.labels import FIELD_NAMES
from review.pages import PageImages
from review.record import (
    REVIEW_FORMAT,
    REVIEWED_KEY,
    REVIEWED_PREFIX,
    SHA256,
    NotFound,
    build_reviewed,
    check_sha256,
    reviewed_key,
    reviews_prefix,
)
from review.values import MAX_VALUE_CHARS, InvalidEdit, check_field_name, parse_edit
from storage.base import Store
from storage.keys import validate_key
from storage.layout import INDEX_KEY, record_key

log = logging.getLogger(__name__)

ACTIONS = ("correct", "confirm", "add", "remove", "unreadable", "approve")
DONE = frozenset({"approved", "unreadable"})
MAX_CHANGES = 200
MAX_REVIEWER_CHARS = 80
MAX_NOTE_CHARS = 1000
_RECORD_KEY = re.compile(r"^records/([0-9a-f]{64})\.json$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class Conflict(Exception):
    """Someone else saved a review of this document after the version the save was based on."""

    def __init__(self, version: int, latest: Mapping[str, Any] | None) -> None:
        self.version = version
        self.latest_by = str(latest.get("reviewer", "")) if latest else ""
        self.latest_at = str(latest.get("at", "")) if latest else ""
        who = f"{self.latest_by} at {self.latest_at}" if latest else "another reviewer"
        super().__init__(
            f"someone else saved this document first ({who}; it is now at version {version}); "
            "your change was not saved: reload to see their changes, then try again"
        )


def reason_kind(reason: str) -> str:
    """Group one of the machine's reasons (free text with details) under a short heading."""
    text = reason.lower()
    if "read with low confidence" in text:
        return "low field confidence"
    if text.startswith("missing "):
        return "missing mandatory field"
    if text.startswith("document type uncertain"):
        return "document type uncertain"
    if "low ocr confidence" in text:
        return "low page OCR confidence"
    if "blank page" in text:
        return "blank page"
    if "time limit" in text:
        return "OCR time limit"
    return "other"


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """One line of the review queue."""

    sha256: str
    source_name: str
    document_type: str
    page_count: int
    processed_at: str
    reasons: tuple[str, ...]
    review_needed: bool
    status: str = "to_review"  # to_review | in_review | approved | unreadable
    version: int = 0
    updated_by: str = ""
    updated_at: str = ""

    @property
    def sort_key(self) -> tuple[float, str]:
        """Oldest first by processing time, then by hash (stable)."""
        return (_timestamp(self.processed_at), self.sha256)


@dataclass(frozen=True, slots=True)
class Queue:
    """What is left to review (oldest first), what is done (latest first), and why flagged."""

    pending: list[DocumentSummary]
    done: list[DocumentSummary]
    reason_counts: list[tuple[str, int]]


@dataclass(slots=True)
class DocumentState:
    """One document as the review page shows it: machine record, reviews, reviewed record."""

    sha256: str
    machine: dict[str, Any]
    reviewed: dict[str, Any]
    version: int
    chain: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    @property
    def status(self) -> str:
        """``to_review`` before any save, else the reviewed record's status."""
        return self.reviewed["reviewed"]["status"] if self.version else "to_review"

    @property
    def latest(self) -> dict[str, Any] | None:
        """The latest accepted review object, if any."""
        return self.chain[-1][1] if self.chain else None


class ReviewService:
    """Reads the queue and documents from one store and saves reviews into it."""

    def __init__(self, store: Store, *, pages: PageImages | None = None) -> None:
        """Serve the records of ``store``; ``pages`` renders page images (a default cache)."""
        self.store = store
        self.pages = pages if pages is not None else PageImages()
        self._save_lock = threading.Lock()
        self._cache_lock = threading.Lock()
        self._summaries: dict[tuple[str, str], DocumentSummary] = {}
        self._review_objects: dict[str, dict[str, Any] | None] = {}

    # -- reading --------------------------------------------------------------------------

    def queue(self, *, limit: int | None = None) -> Queue:
        """Flagged documents not yet done (oldest first), and reviewed ones (latest first).

        Flagged means ``review.needed`` in the machine record; the batch index
        ``index/records.jsonl`` says which those are when present, so unflagged records are
        not read. Summaries are cached by the object's etag.
        """
        records = _etags(self.store.list("records/"), _RECORD_KEY)
        reviewed = _etags(self.store.list(REVIEWED_PREFIX), REVIEWED_KEY)
        flagged = self._flagged_from_index()
        candidates = (set(records) if flagged is None else flagged & set(records)) | (
            set(reviewed) & set(records)
        )
        pending: list[DocumentSummary] = []
        done: list[DocumentSummary] = []
        for sha in candidates:
            summary = self._summary(sha, records[sha], reviewed.get(sha))
            if summary is None:
                continue
            if summary.status in DONE:
                done.append(summary)
            elif summary.review_needed or summary.status == "in_review":
                pending.append(summary)
        pending.sort(key=lambda s: s.sort_key)
        done.sort(key=lambda s: (s.updated_at, s.sha256), reverse=True)
        counts = Counter(kind for s in pending for kind in {reason_kind(r) for r in s.reasons})
        reason_counts = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        if limit is not None:
            pending, done = pending[:limit], done[:limit]
        return Queue(pending, done, reason_counts)

    def next_pending(self, after: str | None = None) -> str | None:
        """The pending document after ``after`` in queue order (wrapping), or None if none."""
        pending = self.queue().pending
        others = [s for s in pending if s.sha256 != after]
        if not others:
            return None
        if after is None:
            return others[0].sha256
        try:
            state = self.state(after)
            key = (_timestamp(state.machine["document"].get("processed_at", "")), after)
        except NotFound:
            return others[0].sha256
        later = [s for s in others if s.sort_key > key]
        return (later or others)[0].sha256

    def state(self, sha256: str) -> DocumentState:
        """The machine record, the accepted reviews and the reviewed record built from them."""
        machine, machine_sha = self._machine(sha256)
        chain = self._chain(sha256)
        reviewed = build_reviewed(machine, chain, machine_sha256=machine_sha)
        return DocumentState(sha256, machine, reviewed, len(chain), chain)

    def page_png(self, sha256: str, page_number: int) -> bytes:
        """PNG of page ``page_number`` (1-based) rendered from the document's searchable PDF."""
        index = page_number - 1
        cached = self.pages.get(sha256, index)
        if cached is not None:
            return cached
        machine, _ = self._machine(sha256)
        if not 0 <= index < len(machine.get("pages", [])):
            raise NotFound(f"document {sha256} has no page {page_number}")
        pdf_key = str(machine.get("outputs", {}).get("pdf") or f"pdf/{sha256}.pdf")
        try:
            pdf = self.store.get_bytes(validate_key(pdf_key))
        except (KeyError, ValueError) as exc:
            raise NotFound(f"the searchable PDF of {sha256} is not in the store") from exc
        try:
            return self.pages.render(sha256, index, pdf)
        except (IndexError, ValueError) as exc:
            raise NotFound(str(exc)) from exc

    # -- saving ---------------------------------------------------------------------------

    def submit(
        self,
        sha256: str,
        *,
        base_version: int,
        reviewer: str,
        changes: list[Mapping[str, Any]],
    ) -> DocumentState:
        """Validate ``changes`` against the latest version, store them, rebuild the record.

        Raises:
            NotFound: No machine record for ``sha256``.
            Conflict: ``base_version`` is not the latest version any more.
            InvalidEdit: A change that cannot apply (unknown action or field, bad value).
        """
        reviewer = _clean_reviewer(reviewer)
        if not isinstance(changes, list) or not changes:
            raise InvalidEdit("a review needs at least one change")
        if len(changes) > MAX_CHANGES:
            raise InvalidEdit(f"at most {MAX_CHANGES} changes per save")
        if not isinstance(base_version, int) or isinstance(base_version, bool):
            raise InvalidEdit("base_version must be the integer version the page was based on")
        with self._save_lock:
            state = self.state(sha256)
            if base_version != state.version:
                raise Conflict(state.version, state.latest)
            resolved = _resolve(state, changes)
            now = datetime.now(UTC)
            review_id = f"{now:%Y%m%dT%H%M%S.%fZ}-{secrets.token_hex(4)}"
            key = f"{reviews_prefix(sha256)}{review_id}.json"
            review = {
                "format": REVIEW_FORMAT,
                "id": review_id,
                "sha256": sha256,
                "reviewer": reviewer,
                "at": now.isoformat(timespec="seconds"),
                "base_version": state.version,
                "version": state.version + 1,
                "record_sha256": state.reviewed["reviewed"]["machine_record"]["sha256"],
                "changes": resolved,
            }
            self._put_json(key, review)
            chain = self._chain(sha256)
            if not any(chain_key == key for chain_key, _ in chain):
                # Another server saved on the same version first: withdraw this one.
                self.store.delete(key)
                with self._cache_lock:
                    self._review_objects.pop(key, None)
                raise Conflict(len(chain), chain[-1][1] if chain else None)
            new_state = self.state(sha256)
            self._put_json(reviewed_key(sha256), new_state.reviewed)
            return new_state

    # -- internals ------------------------------------------------------------------------

    def _machine(self, sha256: str) -> tuple[dict[str, Any], str]:
        try:
            data = self.store.get_bytes(record_key(check_sha256(sha256)))
        except KeyError as exc:
            raise NotFound(f"no record for document {sha256}") from exc
        try:
            record = json.loads(data)
        except ValueError as exc:
            raise NotFound(f"the record of {sha256} is not JSON") from exc
        if not (
            isinstance(record, dict)
            and isinstance(record.get("document"), dict)
            and isinstance(record.get("fields"), dict)
            and isinstance(record.get("pages"), list)
        ):
            raise NotFound(f"the record of {sha256} is not a document record")
        return record, hashlib.sha256(data).hexdigest()

    def _chain(self, sha256: str) -> list[tuple[str, dict[str, Any]]]:
        """The accepted reviews in order: each based on the version the one before made."""
        chain: list[tuple[str, dict[str, Any]]] = []
        for info in self.store.list(reviews_prefix(sha256)):
            review = self._review_object(info.key)
            if review is not None and review.get("base_version") == len(chain):
                chain.append((info.key, review))
        return chain

    def _review_object(self, key: str) -> dict[str, Any] | None:
        """A review object (immutable, so cached by key); None when unreadable."""
        with self._cache_lock:
            if key in self._review_objects:
                return self._review_objects[key]
        try:
            review = json.loads(self.store.get_bytes(key))
        except KeyError:
            return None
        except ValueError:
            log.warning("ignoring review object %s: not JSON", key)
            review = None
        if review is not None and (
            not isinstance(review, dict)
            or review.get("format") != REVIEW_FORMAT
            or not isinstance(review.get("changes"), list)
        ):
            log.warning("ignoring review object %s: not a %s object", key, REVIEW_FORMAT)
            review = None
        with self._cache_lock:
            if len(self._review_objects) > 50_000:
                self._review_objects.clear()
            self._review_objects[key] = review
        return review

    def _flagged_from_index(self) -> set[str] | None:
        """Hashes the batch index marks ``review_needed``; None when there is no index."""
        try:
            body = self.store.get_bytes(INDEX_KEY)
        except KeyError:
            return None
        flagged: set[str] = set()
        for line in body.decode("utf-8", errors="replace").splitlines():
            with contextlib.suppress(ValueError, AttributeError):
                entry = json.loads(line)
                sha = entry.get("sha256")
                if entry.get("review_needed") and isinstance(sha, str) and SHA256.match(sha):
                    flagged.add(sha)
        return flagged

    def _summary(
        self, sha256: str, record_etag: str, reviewed_etag: str | None
    ) -> DocumentSummary | None:
        cache_key = (sha256, f"{record_etag}/{reviewed_etag or ''}")
        with self._cache_lock:
            cached = self._summaries.get(cache_key)
        if cached is not None:
            return cached
        try:
            machine, _ = self._machine(sha256)
            document = machine["document"]
            base = DocumentSummary(
                sha256=sha256,
                source_name=str(document.get("source_name", "")),
                document_type=str(document.get("document_type", "")),
                page_count=int(document.get("page_count", len(machine.get("pages", [])))),
                processed_at=str(document.get("processed_at", "")),
                reasons=tuple(str(r) for r in machine.get("review", {}).get("reasons", [])),
                review_needed=bool(machine.get("review", {}).get("needed")),
            )
        except (NotFound, ValueError, KeyError, TypeError, AttributeError):
            log.warning("skipping record of %s: not a readable record", sha256)
            return None
        summary = base
        if reviewed_etag is not None:
            with contextlib.suppress(KeyError, ValueError, TypeError, AttributeError):
                block = json.loads(self.store.get_bytes(reviewed_key(sha256)))["reviewed"]
                summary = dataclasses.replace(
                    base,
                    status=str(block["status"]),
                    version=int(block["version"]),
                    updated_by=str(block.get("updated_by") or ""),
                    updated_at=str(block.get("updated_at") or ""),
                )
        with self._cache_lock:
            if len(self._summaries) > 50_000:
                self._summaries.clear()
            self._summaries[cache_key] = summary
        return summary

    def _put_json(self, key: str, value: Mapping[str, Any]) -> None:
        body = json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8")
        self.store.put_bytes(key, body, content_type="application/json")


def _resolve(state: DocumentState, changes: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Check each requested change against the current record; return what will be stored."""
    fields = {name: dict(v) for name, v in state.reviewed["fields"].items()}
    resolved: list[dict[str, Any]] = []
    for change in changes:
        if not isinstance(change, Mapping):
            raise InvalidEdit("each change must be an object with an action")
        action = change.get("action")
        if action not in ACTIONS:
            raise InvalidEdit(f"unknown action {str(action)[:30]!r}; use one of {ACTIONS}")
        if action in ("approve", "unreadable"):
            entry: dict[str, Any] = {"action": action, "field": None}
            if action == "unreadable":
                entry["note"] = _clean_note(change.get("note", ""))
            resolved.append(entry)
            continue
        name = check_field_name(change.get("field"))
        current = fields.get(name)
        if action == "add":
            if current is not None:
                raise InvalidEdit(f"{name} is already there; correct it instead")
            if name not in FIELD_NAMES:
                raise InvalidEdit(f"{name} is not a field the record knows")
        elif current is None:
            raise InvalidEdit(f"the record has no field {name}; add it instead")
        old = current["value"] if current is not None else None
        if action == "confirm":
            new = old
        elif action == "remove":
            new = None
        else:
            new = _new_value(name, change, old)
        resolved.append({"action": action, "field": name, "old": old, "new": new})
        if action == "remove":
            fields.pop(name, None)
        else:
            fields[name] = {"value": new}
    return resolved


def _new_value(name: str, change: Mapping[str, Any], old: Any) -> Any:
    """The value a correct/add sets: ``text`` parsed like the field, or a JSON ``value``."""
    if "text" in change:
        return parse_edit(name, change["text"], old)
    if "value" not in change or change["value"] in (None, "", []):
        raise InvalidEdit(f"give the new value of {name} as text")
    value = change["value"]
    if len(json.dumps(value, ensure_ascii=False)) > MAX_VALUE_CHARS:
        raise InvalidEdit(f"the value of {name} is longer than {MAX_VALUE_CHARS} characters")
    return value


def _clean_reviewer(reviewer: object) -> str:
    if not isinstance(reviewer, str):
        raise InvalidEdit("say who reviews: a name of 1 to 80 characters")
    cleaned = " ".join(_CONTROL.sub(" ", reviewer).split())
    if not cleaned or len(cleaned) > MAX_REVIEWER_CHARS:
        raise InvalidEdit(f"say who reviews: a name of 1 to {MAX_REVIEWER_CHARS} characters")
    return cleaned


def _clean_note(note: object) -> str:
    if not isinstance(note, str):
        raise InvalidEdit("the note must be text")
    cleaned = note.strip()
    if len(cleaned) > MAX_NOTE_CHARS:
        raise InvalidEdit(f"the note is longer than {MAX_NOTE_CHARS} characters")
    return cleaned


def _etags(infos: Iterable[Any], pattern: re.Pattern[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for info in infos:
        match = pattern.match(info.key)
        if match:
            found[match.group(1)] = info.etag or str(info.size)
    return found


def _timestamp(text: str) -> float:
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return float("inf")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()
