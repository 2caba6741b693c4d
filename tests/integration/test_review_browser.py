"""A person reviewing with the keyboard only, in headless Chromium against the served app.

Uses Debian's chromium (``/usr/bin/chromium``), never a downloaded browser. Set
``REVIEW_SCREENSHOT=docs/review.png`` to refresh the README's screenshot.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, expect, sync_playwright

from review import create_app
from review.record import reviewed_key, reviews_prefix
from review.sample import PAGE_SIZE, write_sample
from storage.layout import record_key
from storage.local import LocalStore

pytestmark = pytest.mark.integration

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def store(tmp_path: Path) -> LocalStore:
    return LocalStore(tmp_path / "store", durable=False)


@pytest.fixture
def base_url(store: LocalStore) -> Iterator[str]:
    """The app served by uvicorn in a background thread on a free loopback port."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(store, token=None), log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the review server did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    yield page
    context.close()
    assert errors == []


def assert_highlight_on(page: Page, bbox: list[int]) -> None:
    """The current box sits on ``bbox`` scaled from page units to the displayed image."""
    image = page.locator("#page-image").bounding_box()
    box = page.locator(".box.current").bounding_box()
    assert image and box
    scale_x, scale_y = image["width"] / PAGE_SIZE[0], image["height"] / PAGE_SIZE[1]
    x0, y0, x1, y1 = bbox
    assert box["x"] - image["x"] == pytest.approx(x0 * scale_x, abs=1.5)
    assert box["y"] - image["y"] == pytest.approx(y0 * scale_y, abs=1.5)
    assert box["width"] == pytest.approx((x1 - x0) * scale_x, abs=1.5)
    assert box["height"] == pytest.approx((y1 - y0) * scale_y, abs=1.5)


def test_review_a_flagged_record_with_the_keyboard(
    page: Page, base_url: str, store: LocalStore
) -> None:
    sha = write_sample(store, processed_at=T0)
    later = write_sample(store, processed_at=T0 + timedelta(hours=1), salt="later")
    machine = json.loads(store.get_bytes(record_key(sha)))
    machine_bytes = store.get_bytes(record_key(sha))

    page.goto(base_url + "/")
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/records/{sha}")

    # The page opens on the first weak field, its box highlighted where it was read.
    current = page.locator("li.field.current")
    expect(current).to_have_attribute("data-name", "ipc")
    expect(page.locator(".box.current")).to_have_attribute("data-field", "ipc")
    assert_highlight_on(page, machine["fields"]["ipc"]["bbox"])

    page.keyboard.press("j")
    expect(current).to_have_attribute("data-name", "title")
    assert_highlight_on(page, machine["fields"]["title"]["bbox"])

    page.keyboard.press("Enter")
    editor = page.locator("li.field.current textarea.editor")
    expect(editor).to_be_focused()
    expect(editor).to_have_value("R0BOT 0BSTACLE DETECTI0N SYSTEM")
    page.keyboard.press("Control+A")
    page.keyboard.type("ROBOT OBSTACLE DETECTION SYSTEM")
    page.keyboard.press("Enter")
    title = page.locator('li.field[data-name="title"]')
    expect(title.locator(".field-state")).to_have_text("corrected by operator")
    expect(title.locator(".field-value")).to_have_text("ROBOT OBSTACLE DETECTION SYSTEM")
    expect(current).to_have_attribute("data-name", "applicants")

    page.keyboard.press("k")
    page.keyboard.press("k")
    expect(current).to_have_attribute("data-name", "ipc")
    if target := os.environ.get("REVIEW_SCREENSHOT"):
        page.screenshot(path=target)

    page.keyboard.press("a")
    ipc = page.locator('li.field[data-name="ipc"]')
    expect(ipc.locator(".field-state")).to_have_text("confirmed by operator")
    page.keyboard.press("Shift+A")
    expect(page.locator("#status-badge")).to_have_text("Approved")
    expect(page.locator("#banner")).to_contain_text("Approved")

    page.keyboard.press("n")
    page.wait_for_url(f"**/records/{later}")

    # What the store holds: three review objects, the machine record untouched.
    assert store.get_bytes(record_key(sha)) == machine_bytes
    reviews = [json.loads(store.get_bytes(i.key)) for i in store.list(reviews_prefix(sha))]
    assert [r["changes"][0]["action"] for r in reviews] == ["correct", "confirm", "approve"]
    assert [r["base_version"] for r in reviews] == [0, 1, 2]
    assert {r["reviewer"] for r in reviews} == {"operator"}
    assert reviews[0]["changes"][0] == {
        "action": "correct",
        "field": "title",
        "old": "R0BOT 0BSTACLE DETECTI0N SYSTEM",
        "new": "ROBOT OBSTACLE DETECTION SYSTEM",
    }
    reviewed = json.loads(store.get_bytes(reviewed_key(sha)))
    assert reviewed["reviewed"]["status"] == "approved"
    assert reviewed["reviewed"]["approved_by"] == "operator"
    assert reviewed["fields"]["title"]["value"] == "ROBOT OBSTACLE DETECTION SYSTEM"
    assert reviewed["fields"]["title"]["source"] == "reviewed"
    assert reviewed["fields"]["ipc"]["reviewed"]["action"] == "confirmed"
    assert reviewed["fields"]["agent"]["source"] == "machine"


def test_a_stale_page_is_told_someone_else_saved_first(
    browser: Browser, page: Page, base_url: str, store: LocalStore
) -> None:
    hostile = "<img src=x onerror=alert(1)>.png"
    sha = write_sample(store, source_name=hostile, overrides={"title": {"value": "<b>x</b>"}})
    other = browser.new_context(viewport={"width": 1200, "height": 800}).new_page()
    page.goto(f"{base_url}/records/{sha}")
    other.goto(f"{base_url}/records/{sha}")
    expect(page.locator(".doc-head h1")).to_have_text(hostile)
    expect(page.locator('li.field[data-name="title"] .field-value')).to_have_text("<b>x</b>")

    other.keyboard.press("a")  # the other reviewer confirms the weak field first
    expect(other.locator("li.field.source-reviewed")).to_have_count(1)
    page.keyboard.press("a")
    banner = page.locator("#banner")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("someone else (operator")
    expect(banner).to_contain_text("saved this document first")
    assert len(list(store.list(reviews_prefix(sha)))) == 1
    other.context.close()
