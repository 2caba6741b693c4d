"""Shared fixtures: generated page images with known text, and paths to the real samples."""

from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

# The temporary Prefect server tries to phone home; there is no network here, so say no.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

# Two real USPTO scans (public domain), copied from ../shared/samples/real so a clone is whole.
REAL_SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "real"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def render_lines(
    lines: list[str],
    *,
    dpi: int = 300,
    width_in: float = 8.27,
    height_in: float = 5.0,
    font_pt: float = 12,
) -> np.ndarray:
    """Render ``lines`` black on white at ``dpi`` and return a uint8 grey page."""
    width, height = round(width_in * dpi), round(height_in * dpi)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, round(font_pt * dpi / 72))
    y = round(0.5 * dpi)
    for line in lines:
        draw.text((round(0.6 * dpi), y), line, font=font, fill=0)
        y += round(font_pt * 1.8 * dpi / 72)
    return np.asarray(image)


def encode(image: np.ndarray, fmt: str, *, dpi: int | None = 300) -> bytes:
    """Encode a grey page as PNG, JPEG or TIFF bytes, with or without a resolution."""
    out = io.BytesIO()
    kwargs = {"dpi": (dpi, dpi)} if dpi else {}
    Image.fromarray(image).save(out, format=fmt, **kwargs)
    return out.getvalue()


SAMPLE_LINES = [
    "(54) Title: ROBOT OBSTACLE DETECTION SYSTEM",
    "(21) Appl. No.: 09/768,773",
    "(22) Filed: Jan. 24, 2001",
    "(73) Assignee: Example Corporation, Hanoi",
]


@pytest.fixture(scope="session")
def text_page() -> np.ndarray:
    """A clean 300 dpi page with four INID-coded lines."""
    return render_lines(SAMPLE_LINES)


@pytest.fixture(scope="session")
def real_samples() -> Path:
    """The folder of real USPTO scans shipped beside the repository."""
    if not REAL_SAMPLES.is_dir():
        pytest.fail(f"real samples missing at {REAL_SAMPLES}")
    return REAL_SAMPLES


@pytest.fixture(scope="session")
def prefect_api():
    """A real temporary Prefect server (SQLite) for flows run in this test process."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def prefect_api_url(prefect_api) -> str:
    """The URL of the temporary server, for ``digitize`` run as a subprocess."""
    from prefect.settings import PREFECT_API_URL

    return str(PREFECT_API_URL.value())
