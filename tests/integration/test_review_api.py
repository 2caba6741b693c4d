"""The review web app over a real local store, route by route, through an HTTP test client."""

from __future__ import annotations

import json
import re
import warnings
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from processors.errors import StorageUnavailableError
from review import create_app
from review.record import reviewed_key, reviews_prefix
from review.sample import write_sample
from storage.layout import record_key
from storage.local import LocalStore

with warnings.catch_warnings():  # starlette's note about httpx2 is not ours to act on
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

pytestmark = pytest.mark.integration

HOSTILE = "<script>alert(1)</script>"
HOSTILE_NAME = '<img src=x onerror="alert(2)">.png'
TOKEN = "s3cret-token-for-tests-0123456789"
T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> LocalStore:
    return LocalStore(tmp_path / "store", durable=False)


@pytest.fixture
def sha(store: LocalStore) -> str:
    return write_sample(store, processed_at=T0)


@pytest.fixture
def client(store: LocalStore) -> TestClient:
    return TestClient(create_app(store, token=None), base_url="http://127.0.0.1")


def save(client: TestClient, sha: str, version: int, *changes: dict[str, Any], **extra: Any):
    body = {"base_version": version, "reviewer": "ana", "changes": list(changes), **extra}
    return client.post(f"/api/records/{sha}/reviews", json=body)


def test_queue_page(client: TestClient, store: LocalStore, sha: str) -> None:
    write_sample(store, salt="2", processed_at=T0 + timedelta(hours=1), source_name=HOSTILE_NAME)
    response = client.get("/")
    assert response.status_code == 200
    html = response.text
    assert "VN-1-2018-01234.png" in html
    assert html.index("VN-1-2018-01234.png") < html.index("&lt;img src=x")  # oldest first
    assert HOSTILE_NAME not in html and "&lt;img src=x onerror=&#34;alert(2)&#34;&gt;" in html
    assert re.search(r'class="count">2</span> low field confidence', html)
    assert re.search(r'class="count">2</span> missing mandatory field', html)


def test_record_page_shows_fields_and_embeds_data_safely(client: TestClient, store) -> None:
    sha = write_sample(
        store,
        source_name=HOSTILE_NAME,
        overrides={"title": {"value": HOSTILE, "raw": HOSTILE + "</script><b>"}},
    )
    response = client.get(f"/records/{sha}")
    assert response.status_code == 200
    html = response.text
    assert HOSTILE not in html and HOSTILE_NAME not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # Every script is either a file from this server or inert JSON; no inline code.
    for tag in re.findall(r"<script[^>]*>", html):
        assert 'src="/static/' in tag or 'type="application/json"' in tag
    data = re.search(r'<script type="application/json" id="doc-data">(.*?)</script>', html, re.S)
    assert data is not None
    doc = json.loads(data.group(1))
    title = next(f for f in doc["fields"] if f["name"] == "title")
    assert title["display"] == HOSTILE and title["low"] is True and title["inid"] == "54"
    assert [f["name"] for f in doc["fields"] if f["missing"]] == ["filing_date"]
    assert doc["version"] == 0 and doc["pages"] == [{"width": 1240, "height": 1754}]
    assert "(54)" in html and "41%" in html and "low confidence" in html
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"


def test_page_image(client: TestClient, sha: str) -> None:
    response = client.get(f"/records/{sha}/pages/1.png")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.content.startswith(b"\x89PNG")
    assert client.get(f"/records/{sha}/pages/2.png").status_code == 404
    assert client.get(f"/records/{sha}/pages/0.png").status_code == 404
    assert client.get(f"/records/{sha}/pages/x.png").status_code == 404


def test_record_json(client: TestClient, sha: str) -> None:
    response = client.get(f"/api/records/{sha}")
    assert response.status_code == 200
    body = response.json()
    assert body["document"]["status"] == "to_review"
    assert body["reviewed_record"]["fields"]["title"]["source"] == "machine"


def test_correct(client: TestClient, store: LocalStore, sha: str) -> None:
    change = {"action": "correct", "field": "title", "text": "ROBOT OBSTACLE DETECTION SYSTEM"}
    response = save(client, sha, 0, change)
    assert response.status_code == 200, response.text
    doc = response.json()["document"]
    assert doc["version"] == 1 and doc["status"] == "in_review"
    title = next(f for f in doc["fields"] if f["name"] == "title")
    assert title["source"] == "reviewed" and title["state"] == "corrected by ana"
    record = json.loads(store.get_bytes(reviewed_key(sha)))
    assert record["fields"]["title"]["value"] == "ROBOT OBSTACLE DETECTION SYSTEM"
    machine = json.loads(store.get_bytes(record_key(sha)))
    assert machine["fields"]["title"]["value"] == "R0BOT 0BSTACLE DETECTI0N SYSTEM"


def test_confirm(client: TestClient, store: LocalStore, sha: str) -> None:
    assert save(client, sha, 0, {"action": "confirm", "field": "ipc"}).status_code == 200
    field = json.loads(store.get_bytes(reviewed_key(sha)))["fields"]["ipc"]
    assert field["reviewed"]["action"] == "confirmed" and field["value"] == ["G06F 17/30"]


def test_add(client: TestClient, store: LocalStore, sha: str) -> None:
    change = {"action": "add", "field": "filing_date", "text": "2018-04-30"}
    assert save(client, sha, 0, change).status_code == 200
    field = json.loads(store.get_bytes(reviewed_key(sha)))["fields"]["filing_date"]
    assert field["value"] == "2018-04-30" and field["reviewed"]["action"] == "added"


def test_remove(client: TestClient, store: LocalStore, sha: str) -> None:
    assert save(client, sha, 0, {"action": "remove", "field": "agent"}).status_code == 200
    assert "agent" not in json.loads(store.get_bytes(reviewed_key(sha)))["fields"]


def test_unreadable(client: TestClient, store: LocalStore, sha: str) -> None:
    response = save(client, sha, 0, {"action": "unreadable", "note": "half the page is black"})
    assert response.status_code == 200
    assert response.json()["document"]["status"] == "unreadable"
    record = json.loads(store.get_bytes(reviewed_key(sha)))
    assert record["reviewed"]["unreadable_note"] == "half the page is black"
    assert "Unreadable" in client.get("/").text


def test_approve(client: TestClient, store: LocalStore, sha: str) -> None:
    response = save(client, sha, 0, {"action": "approve"}, reviewer="")  # default reviewer
    assert response.status_code == 200
    record = json.loads(store.get_bytes(reviewed_key(sha)))
    assert record["reviewed"]["status"] == "approved"
    assert record["reviewed"]["approved_by"] == "operator"
    assert record["review"] == {"needed": False, "reasons": []}


def test_stale_version_gets_409(client: TestClient, store: LocalStore, sha: str) -> None:
    assert save(client, sha, 0, {"action": "confirm", "field": "title"}).status_code == 200
    response = save(client, sha, 0, {"action": "correct", "field": "title", "text": "LOST?"})
    assert response.status_code == 409
    body = response.json()
    assert body["error"] == "conflict" and body["version"] == 1 and body["latest_by"] == "ana"
    assert "someone else saved this document first" in body["message"]
    assert len(list(store.list(reviews_prefix(sha)))) == 1


def test_bad_requests(client: TestClient, sha: str) -> None:
    invalid = save(client, sha, 0, {"action": "add", "field": "grant_date", "text": "1/2/3"})
    assert invalid.status_code == 422 and "YYYY-MM-DD" in invalid.json()["message"]
    url = f"/api/records/{sha}/reviews"
    as_form = client.post(url, data={"base_version": "0"})
    assert as_form.status_code == 415
    broken = client.post(url, content=b"[1, 2", headers={"Content-Type": "application/json"})
    assert broken.status_code == 400
    foreign = client.post(
        url,
        json={"base_version": 0, "changes": [{"action": "approve"}]},
        headers={"Origin": "http://evil.example"},
    )
    assert foreign.status_code == 403


def test_next_document(client: TestClient, store: LocalStore, sha: str) -> None:
    other = write_sample(store, salt="2", processed_at=T0 + timedelta(hours=1))
    response = client.get(f"/records/{sha}/next", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == f"/records/{other}"
    save(client, other, 0, {"action": "approve"})
    save(client, sha, 0, {"action": "approve"})
    response = client.get(f"/records/{sha}/next", follow_redirects=False)
    assert response.headers["location"] == "/"


@pytest.mark.parametrize(
    "path",
    [
        "/records/..%2F..%2Fetc%2Fpasswd",
        "/records/..%2F..%2Fetc%2Fpasswd/pages/1.png",
        "/api/records/..%2Frecords%2Fx",
        "/records/" + "A" * 64,
        "/records/" + "0" * 63 + "g",
        "/records/" + "0" * 64,  # well formed, not in the store
        "/records/../../etc/passwd",
        "/static/../app.py",
        "/static/..%2Fapp.py",
    ],
)
def test_traversal_and_unknown_documents_are_404(client: TestClient, sha: str, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "root:" not in response.text and "create_app" not in response.text


def test_post_with_bad_hash_is_404(client: TestClient) -> None:
    response = client.post(
        "/api/records/..%2F..%2Fx/reviews", json={"base_version": 0, "changes": []}
    )
    assert response.status_code == 404


def test_without_a_token_only_loopback_host_names_are_served(store: LocalStore, sha) -> None:
    app = create_app(store, token=None)
    assert TestClient(app, base_url="http://localhost:8765").get("/").status_code == 200
    rebinding = TestClient(app, base_url="http://attacker.example:8765")
    assert rebinding.get("/").status_code == 400


def test_token_is_required_on_every_route(store: LocalStore, sha: str) -> None:
    client = TestClient(create_app(store, token=TOKEN), base_url="http://review.example")
    for path in ["/", f"/records/{sha}", f"/records/{sha}/pages/1.png", "/static/review.js"]:
        assert client.get(path).status_code == 401, path
    denied = client.get("/", headers={"Accept": "text/html"})
    assert "requires an access token" in denied.text
    assert denied.headers["www-authenticate"].startswith("Bearer")
    assert save(client, sha, 0, {"action": "approve"}).status_code == 401
    assert client.get("/?token=wrong").status_code == 401
    assert client.get("/", headers={"Authorization": "Bearer wrong"}).status_code == 401

    bearer = {"Authorization": f"Bearer {TOKEN}"}
    assert client.get(f"/records/{sha}", headers=bearer).status_code == 200

    first = client.get(f"/records/{sha}?token={TOKEN}", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == f"/records/{sha}"
    cookie = first.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    assert TOKEN not in cookie
    assert client.get(f"/records/{sha}/pages/1.png").status_code == 200  # by the cookie now
    assert save(client, sha, 0, {"action": "approve"}).status_code == 200


def test_a_broken_record_is_404_not_a_crash(client: TestClient, store: LocalStore) -> None:
    sha = "ab" * 32
    store.put_bytes(record_key(sha), b'["not", "a", "record"]')
    assert client.get(f"/records/{sha}").status_code == 404
    assert client.get("/").status_code == 200


class DownStore(LocalStore):
    def list(self, prefix: str = ""):
        raise StorageUnavailableError("connection refused")


def test_storage_outage_is_503_with_the_reason(tmp_path: Path) -> None:
    client = TestClient(create_app(DownStore(tmp_path), token=None), base_url="http://127.0.0.1")
    response = client.get("/")
    assert response.status_code == 503 and "connection refused" in response.text
