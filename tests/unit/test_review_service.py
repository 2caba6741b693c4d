"""Review logic: the queue, saving reviews, conflicts, the reviewed record, page images."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from processors.errors import ConfigError
from processors.record import validate_record
from review import serve
from review.pages import PageImages
from review.record import NotFound, reviewed_ground_truth, reviewed_key, reviews_prefix
from review.sample import PAGE_SIZE, write_sample
from review.service import Conflict, ReviewService, reason_kind
from review.values import InvalidEdit, display_text, edit_text, inid_for, parse_edit
from storage.layout import INDEX_KEY, record_key
from storage.local import LocalStore

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> LocalStore:
    return LocalStore(tmp_path / "store", durable=False)


@pytest.fixture
def sha(store: LocalStore) -> str:
    return write_sample(store, processed_at=T0)


def objects(store: LocalStore, prefix: str) -> list[str]:
    return [info.key for info in store.list(prefix)]


def reviewed(store: LocalStore, sha: str) -> dict[str, Any]:
    return json.loads(store.get_bytes(reviewed_key(sha)))


def correct(service: ReviewService, sha: str, version: int, field: str, text: str, who="ana"):
    change = {"action": "correct", "field": field, "text": text}
    return service.submit(sha, base_version=version, reviewer=who, changes=[change])


# -- queue -------------------------------------------------------------------------------


def test_queue_lists_flagged_records_oldest_first_with_reason_counts(store: LocalStore) -> None:
    newer = write_sample(store, processed_at=T0 + timedelta(hours=2), salt="newer")
    older = write_sample(store, processed_at=T0, salt="older", drop=())
    fine = write_sample(
        store,
        processed_at=T0 - timedelta(days=1),
        salt="fine",
        drop=(),
        overrides={"title": {"confidence": 0.9}, "ipc": {"confidence": 0.9}},
    )
    queue = ReviewService(store).queue()
    assert [s.sha256 for s in queue.pending] == [older, newer]
    assert fine not in {s.sha256 for s in queue.pending + queue.done}
    assert dict(queue.reason_counts) == {"low field confidence": 2, "missing mandatory field": 1}
    assert queue.pending[0].status == "to_review"
    assert queue.done == []


def test_queue_uses_the_batch_index_when_present(store: LocalStore, sha: str) -> None:
    other = write_sample(store, salt="other")
    index = [
        {"sha256": sha, "record": record_key(sha), "review_needed": False},
        {"sha256": other, "record": record_key(other), "review_needed": True},
    ]
    body = "".join(json.dumps(e) + "\n" for e in index) + "not json\n"
    store.put_bytes(INDEX_KEY, body.encode())
    assert [s.sha256 for s in ReviewService(store).queue().pending] == [other]


def test_reviewed_documents_are_shown_as_done(store: LocalStore, sha: str) -> None:
    service = ReviewService(store)
    other = write_sample(store, salt="other", processed_at=T0 + timedelta(minutes=1))
    service.submit(sha, base_version=0, reviewer="ana", changes=[{"action": "approve"}])
    correct(service, other, 0, "title", "ROBOT")
    queue = service.queue()
    assert [(s.sha256, s.status) for s in queue.done] == [(sha, "approved")]
    assert [(s.sha256, s.status, s.updated_by) for s in queue.pending] == [
        (other, "in_review", "ana")
    ]


def test_next_pending_follows_queue_order_and_wraps(store: LocalStore, sha: str) -> None:
    second = write_sample(store, salt="2", processed_at=T0 + timedelta(hours=1))
    third = write_sample(store, salt="3", processed_at=T0 + timedelta(hours=2))
    service = ReviewService(store)
    assert service.next_pending(sha) == second
    assert service.next_pending(third) == sha
    service.submit(second, base_version=0, reviewer="ana", changes=[{"action": "approve"}])
    assert service.next_pending(second) == third  # approved: still placed by its age
    assert service.next_pending(None) == sha


def test_reason_kinds() -> None:
    assert reason_kind("title read with low confidence (0.41 < 0.60): 'X'") == (
        "low field confidence"
    )
    assert reason_kind("missing filing date (mandatory for a patent)") == (
        "missing mandatory field"
    )
    assert reason_kind("page 3: low OCR confidence (48.0 < 60.0)") == "low page OCR confidence"
    assert reason_kind("page 2: blank page (no text found)") == "blank page"
    assert reason_kind("document type uncertain: read as patent") == "document type uncertain"
    assert reason_kind("something new") == "other"


# -- saving ------------------------------------------------------------------------------


def test_correct_stores_a_review_object_and_leaves_the_machine_record(
    store: LocalStore, sha: str
) -> None:
    machine_before = store.get_bytes(record_key(sha))
    state = correct(ReviewService(store), sha, 0, "title", "  ROBOT OBSTACLE DETECTION SYSTEM ")
    assert state.version == 1
    assert store.get_bytes(record_key(sha)) == machine_before
    [key] = objects(store, reviews_prefix(sha))
    assert key.startswith(f"reviews/{sha}/") and key.endswith(".json")
    review = json.loads(store.get_bytes(key))
    assert review["reviewer"] == "ana"
    assert review["base_version"] == 0 and review["version"] == 1
    assert datetime.fromisoformat(review["at"]).tzinfo is not None
    assert review["changes"] == [
        {
            "action": "correct",
            "field": "title",
            "old": "R0BOT 0BSTACLE DETECTI0N SYSTEM",
            "new": "ROBOT OBSTACLE DETECTION SYSTEM",
        }
    ]
    record = reviewed(store, sha)
    title = record["fields"]["title"]
    assert title["value"] == "ROBOT OBSTACLE DETECTION SYSTEM"
    assert title["source"] == "reviewed" and title["confidence"] == 1.0
    assert title["reviewed"]["action"] == "corrected" and title["reviewed"]["by"] == "ana"
    assert title["machine"] == {"value": "R0BOT 0BSTACLE DETECTI0N SYSTEM", "confidence": 0.41}
    assert title["bbox"] == json.loads(machine_before)["fields"]["title"]["bbox"]
    assert record["fields"]["agent"]["source"] == "machine"
    assert record["reviewed"]["status"] == "in_review"
    assert record["reviewed"]["version"] == 1
    assert record["reviewed"]["reviews"] == [key]
    assert record["review"]["needed"] is True


def test_reviewed_record_keeps_the_record_schema(store: LocalStore, sha: str) -> None:
    service = ReviewService(store)
    correct(service, sha, 0, "title", "ROBOT")
    changes = [
        {"action": "add", "field": "filing_date", "text": "2018-04-30"},
        {"action": "remove", "field": "agent"},
        {"action": "approve"},
    ]
    service.submit(sha, base_version=1, reviewer="ana", changes=changes)
    record = reviewed(store, sha)
    validate_record(record)  # schema 1.1: the reviewed block and field provenance are part of it
    assert record["fields"]["title"]["source"] == "reviewed"


def test_confirm_add_remove(store: LocalStore, sha: str) -> None:
    service = ReviewService(store)
    changes = [
        {"action": "confirm", "field": "ipc"},
        {"action": "add", "field": "filing_date", "text": "2018-04-30"},
        {"action": "remove", "field": "agent"},
    ]
    state = service.submit(sha, base_version=0, reviewer="ana", changes=changes)
    fields = state.reviewed["fields"]
    assert fields["ipc"]["value"] == ["G06F 17/30"] and fields["ipc"]["confidence"] == 1.0
    assert fields["ipc"]["reviewed"]["action"] == "confirmed"
    assert fields["filing_date"]["value"] == "2018-04-30"
    assert fields["filing_date"]["inid"] == "22" and fields["filing_date"]["machine"] is None
    assert fields["filing_date"]["bbox"] is None
    assert "agent" not in fields
    removed = state.reviewed["reviewed"]["removed"]["agent"]
    assert removed["by"] == "ana" and removed["machine"]["value"] == "Pham & Associates"
    stored = json.loads(store.get_bytes(objects(store, reviews_prefix(sha))[0]))["changes"]
    assert stored[1] == {"action": "add", "field": "filing_date", "old": None, "new": "2018-04-30"}
    assert stored[2] == {
        "action": "remove",
        "field": "agent",
        "old": "Pham & Associates",
        "new": None,
    }


def test_correcting_twice_keeps_the_machine_value(store: LocalStore, sha: str) -> None:
    service = ReviewService(store)
    correct(service, sha, 0, "title", "ROBOT 1")
    state = correct(service, sha, 1, "title", "ROBOT 2", who="bo")
    title = state.reviewed["fields"]["title"]
    assert title["value"] == "ROBOT 2" and title["reviewed"]["by"] == "bo"
    assert title["machine"]["value"] == "R0BOT 0BSTACLE DETECTI0N SYSTEM"
    assert state.reviewed["reviewed"]["reviewers"] == ["ana", "bo"]


def test_unreadable_then_approve(store: LocalStore, sha: str) -> None:
    service = ReviewService(store)
    change = {"action": "unreadable", "note": "page cut off"}
    state = service.submit(sha, base_version=0, reviewer="ana", changes=[change])
    assert state.status == "unreadable"
    assert state.reviewed["review"] == {
        "needed": True,
        "reasons": ["marked unreadable by ana: page cut off"],
    }
    assert list(reviewed_ground_truth(store)) == []
    state = service.submit(sha, base_version=1, reviewer="bo", changes=[{"action": "approve"}])
    assert state.status == "approved"
    assert state.reviewed["review"] == {"needed": False, "reasons": []}
    assert state.reviewed["reviewed"]["approved_by"] == "bo"


def test_ground_truth_comes_from_approved_records_only(store: LocalStore, sha: str) -> None:
    service = ReviewService(store)
    other = write_sample(store, salt="other")
    correct(service, sha, 0, "title", "ROBOT OBSTACLE DETECTION SYSTEM")
    service.submit(sha, base_version=1, reviewer="ana", changes=[{"action": "approve"}])
    correct(service, other, 0, "title", "not approved yet")
    truth = dict(reviewed_ground_truth(store))
    assert list(truth) == [sha]
    assert truth[sha]["title"] == "ROBOT OBSTACLE DETECTION SYSTEM"
    assert truth[sha]["application_number"]["normalized"] == "1201801234"
    correct(service, sha, 2, "title", "changed after approval")  # back in review
    assert dict(reviewed_ground_truth(store)) == {}


def test_stale_version_is_a_conflict_and_writes_nothing(store: LocalStore, sha: str) -> None:
    service = ReviewService(store)
    correct(service, sha, 0, "title", "ROBOT", who="ana")
    before = objects(store, "reviews/")
    with pytest.raises(Conflict) as caught:
        correct(service, sha, 0, "title", "ROBOTS", who="bo")
    assert caught.value.version == 1 and caught.value.latest_by == "ana"
    assert "someone else saved" in str(caught.value)
    assert objects(store, "reviews/") == before
    assert reviewed(store, sha)["fields"]["title"]["value"] == "ROBOT"


class RacingStore(LocalStore):
    """A store where another server saves a review on the same version just before us."""

    def put_bytes(self, key: str, data: bytes, **kwargs: Any) -> Any:
        if key.startswith("reviews/") and not getattr(self, "raced", False):
            self.raced = True
            rival = json.loads(data)
            rival.update(reviewer="rival", id="0-rival")
            rival_key = key.rsplit("/", 1)[0] + "/00000000T000000.000000Z-rival.json"
            super().put_bytes(rival_key, json.dumps(rival).encode())
        return super().put_bytes(key, data, **kwargs)


def test_a_race_between_two_servers_makes_the_later_writer_withdraw(tmp_path: Path) -> None:
    store = RacingStore(tmp_path / "store", durable=False)
    sha = write_sample(store)
    with pytest.raises(Conflict) as caught:
        correct(ReviewService(store), sha, 0, "title", "ROBOT")
    assert caught.value.latest_by == "rival"
    [left] = objects(store, reviews_prefix(sha))
    assert left.endswith("-rival.json")
    assert ReviewService(store).state(sha).version == 1


def test_replay_skips_a_review_that_lost_a_race(store: LocalStore, sha: str) -> None:
    service = ReviewService(store)
    correct(service, sha, 0, "title", "FIRST")
    [first] = objects(store, reviews_prefix(sha))
    loser = json.loads(store.get_bytes(first))
    loser["changes"][0]["new"] = "LOSER"
    later = f"{reviews_prefix(sha)}99991231T000000.000000Z-loser.json"
    store.put_bytes(later, json.dumps(loser).encode())
    state = service.state(sha)
    assert state.version == 1
    assert state.reviewed["fields"]["title"]["value"] == "FIRST"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ([], "at least one change"),
        ([{"action": "delete-everything"}], "unknown action"),
        ([{"action": "correct", "field": "../etc", "text": "x"}], "not a field name"),
        ([{"action": "correct", "field": "grant_date", "text": "x"}], "add it instead"),
        ([{"action": "add", "field": "title", "text": "x"}], "already there"),
        ([{"action": "add", "field": "favourite_colour", "text": "x"}], "not a field"),
        ([{"action": "correct", "field": "title", "text": "   "}], "empty"),
        ([{"action": "add", "field": "grant_date", "text": "31/12/1974"}], "YYYY-MM-DD"),
        ([{"action": "correct", "field": "title"}], "as text"),
        (["approve"], "must be an object"),
    ],
)
def test_invalid_changes_are_refused(
    store: LocalStore, sha: str, changes: list[Any], message: str
) -> None:
    with pytest.raises(InvalidEdit, match=message):
        ReviewService(store).submit(sha, base_version=0, reviewer="ana", changes=changes)
    assert objects(store, "reviews/") == []


@pytest.mark.parametrize("reviewer", ["", "   ", "x" * 81, None, 7])
def test_reviewer_must_be_named(store: LocalStore, sha: str, reviewer: Any) -> None:
    with pytest.raises(InvalidEdit, match="who reviews"):
        ReviewService(store).submit(
            sha, base_version=0, reviewer=reviewer, changes=[{"action": "approve"}]
        )


def test_unknown_document_is_not_found(store: LocalStore) -> None:
    service = ReviewService(store)
    with pytest.raises(NotFound):
        service.state("0" * 64)
    with pytest.raises(NotFound):
        service.state("../records/x")


# -- values ------------------------------------------------------------------------------


def test_values_round_trip_through_the_editor() -> None:
    number = {"printed": "1-2018-01234", "normalized": "1201801234"}
    priority = [{"country": "US", "number": "09/768,773", "date": "2001-01-24"}]
    for name, value in [
        ("title", "ROBOT"),
        ("applicants", ["A Co.", "B Ltd."]),
        ("nice_classes", [9, 35]),
        ("application_number", number),
        ("priority", priority),
    ]:
        assert parse_edit(name, edit_text(value), value) == value
    assert display_text(["A Co.", "B Ltd."]) == "A Co.; B Ltd."
    assert display_text(number) == "1-2018-01234"
    assert display_text(priority) == "US 09/768,773 2001-01-24"


def test_parse_edit_shapes_new_values_by_field() -> None:
    assert parse_edit("filing_date", "2018-04-30", None) == "2018-04-30"
    assert parse_edit("inventors", "A\n\n B \n", None) == ["A", "B"]
    assert parse_edit("nice_classes", "9\n35", None) == [9, 35]
    assert parse_edit("application_number", "1-2019-0777", None)["printed"] == "1-2019-0777"
    with pytest.raises(InvalidEdit, match="1 to 45"):
        parse_edit("nice_classes", "99", [9])
    with pytest.raises(InvalidEdit, match="JSON"):
        parse_edit("priority", "[{", None)
    with pytest.raises(InvalidEdit, match="longer"):
        parse_edit("abstract", "x" * 20_001, "y")


def test_added_fields_get_the_inid_code_of_their_family() -> None:
    assert inid_for("filing_date", "patent") == "22"
    assert inid_for("filing_date", "trademark") == "220"
    assert inid_for("nice_classes", "trademark") == "511"
    assert inid_for("title", "other") == "54"


# -- page images -------------------------------------------------------------------------


def test_page_image_is_rendered_from_the_searchable_pdf_and_cached(
    store: LocalStore, sha: str
) -> None:
    service = ReviewService(store, pages=PageImages(target_width=620))
    png = service.page_png(sha, 1)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert abs(image.width - 620) <= 2
    assert abs(image.height / image.width - PAGE_SIZE[1] / PAGE_SIZE[0]) < 0.01
    store.delete(f"pdf/{sha}.pdf")
    assert service.page_png(sha, 1) == png  # from the cache
    with pytest.raises(NotFound):
        service.page_png(sha, 2)
    with pytest.raises(NotFound):
        ReviewService(store).page_png(sha, 1)  # no cache, no PDF


def test_page_cache_is_bounded() -> None:
    pages = PageImages(max_entries=2, max_bytes=10)
    pages._remember(("a", 0), b"12345")
    pages._remember(("b", 0), b"12345")
    pages._remember(("c", 0), b"1")
    assert pages.get("a", 0) is None
    assert len(pages) == 2
    pages._remember(("d", 0), b"x" * 11)  # larger than the whole cache: not kept
    assert pages.get("d", 0) is None


# -- serve -------------------------------------------------------------------------------


def test_serve_refuses_a_public_address_without_a_token(store: LocalStore) -> None:
    with pytest.raises(ConfigError, match="requires an access token"):
        serve(store, host="0.0.0.0")
    with pytest.raises(ConfigError, match="at least 16"):
        serve(store, host="0.0.0.0", token="short")
