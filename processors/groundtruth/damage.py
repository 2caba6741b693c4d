"""Scanner degradations: pure functions of a grey image and explicit parameters.

``degrade`` draws the parameters from a random source; the functions themselves are
deterministic, so a test can call any of them directly.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Sequence

import cv2
import numpy as np

from processors.groundtruth.model import Page

DEGRADATIONS: tuple[str, ...] = (
    "skew", "rotate90", "rotate180", "rotate270", "dark_border", "shadow", "blur", "noise",
    "speckle", "low_contrast", "low_resolution", "jpeg",
)  # fmt: skip
ROTATIONS = frozenset({"rotate90", "rotate180", "rotate270"})
# Applied in this order whatever order they are asked in: the page is placed on the glass
# (skew, rotation), the scanner sees it (borders, shadow, optics), then the file is written.
_ORDER = {name: i for i, name in enumerate(
    ("skew", "rotate90", "rotate180", "rotate270", "dark_border", "shadow", "blur",
     "low_resolution", "low_contrast", "noise", "speckle", "jpeg")
)}  # fmt: skip


def skew(image: np.ndarray, angle: float) -> np.ndarray:
    """Rotate by ``angle`` degrees (counter-clockwise), canvas grown, corners filled white."""
    h, w = image.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    nw, nh = int(np.ceil(h * sin + w * cos)), int(np.ceil(h * cos + w * sin))
    matrix[0, 2] += (nw - w) / 2
    matrix[1, 2] += (nh - h) / 2
    return cv2.warpAffine(image, matrix, (nw, nh), flags=cv2.INTER_LINEAR, borderValue=255)


def rotate(image: np.ndarray, quarter_turns: int) -> np.ndarray:
    """Rotate by ``quarter_turns`` x 90 degrees counter-clockwise (lossless)."""
    return np.ascontiguousarray(np.rot90(image, quarter_turns))


def dark_border(image: np.ndarray, widths: dict[str, int], level: int) -> np.ndarray:
    """Dark bands of ``level`` grey, ``widths[side]`` px wide on "top"/"bottom"/"left"/"right"."""
    out = image.copy()
    h, w = out.shape
    for side, width in widths.items():
        width = max(0, min(width, (h if side in ("top", "bottom") else w) // 4))
        if not width:
            continue
        region = {
            "top": (slice(0, width), slice(None)),
            "bottom": (slice(h - width, h), slice(None)),
            "left": (slice(None), slice(0, width)),
            "right": (slice(None), slice(w - width, w)),
        }[side]
        out[region] = np.minimum(out[region], level)
    return out


def shadow(image: np.ndarray, edge: str, width: int, depth: float) -> np.ndarray:
    """Darken ``width`` px along ``edge``, smoothly, by up to ``depth`` (0..1) at the edge."""
    h, w = image.shape
    length = h if edge in ("top", "bottom") else w
    width = max(1, min(width, length))
    ramp = np.ones(length, dtype=np.float32)
    t = np.linspace(0.0, 1.0, width, dtype=np.float32)
    ramp[:width] = 1.0 - depth * (1.0 - t) ** 2
    if edge in ("bottom", "right"):
        ramp = ramp[::-1]
    factor = ramp[:, None] if edge in ("top", "bottom") else ramp[None, :]
    return np.clip(image.astype(np.float32) * factor, 0, 255).astype(np.uint8)


def blur(image: np.ndarray, sigma: float) -> np.ndarray:
    """Gaussian blur of standard deviation ``sigma`` px."""
    return cv2.GaussianBlur(image, (0, 0), sigmaX=sigma, sigmaY=sigma)


def noise(image: np.ndarray, sigma: float, seed: int) -> np.ndarray:
    """Additive gaussian noise of standard deviation ``sigma`` grey levels."""
    gen = np.random.default_rng(seed)
    noisy = image.astype(np.float32) + gen.normal(0.0, sigma, image.shape).astype(np.float32)
    return np.clip(noisy, 0, 255).astype(np.uint8)


def speckle(image: np.ndarray, fraction: float, seed: int) -> np.ndarray:
    """Salt-and-pepper: ``fraction`` of the pixels set to black or white, half each."""
    gen = np.random.default_rng(seed)
    out = image.copy()
    count = int(out.size * fraction)
    flat = out.reshape(-1)
    idx = gen.choice(flat.size, size=count, replace=False)
    flat[idx[: count // 2]] = 0
    flat[idx[count // 2 :]] = 255
    return out


def low_contrast(image: np.ndarray, ink: int, paper: int) -> np.ndarray:
    """Map black to ``ink`` and white to ``paper`` grey (a faded print, a grey scan)."""
    scaled = ink + image.astype(np.float32) * ((paper - ink) / 255.0)
    return np.clip(np.round(scaled), 0, 255).astype(np.uint8)


def low_resolution(image: np.ndarray, dpi: int, target_dpi: int) -> np.ndarray:
    """Resample from ``dpi`` to ``target_dpi`` (area averaging when shrinking)."""
    h, w = image.shape
    factor = target_dpi / dpi
    size = (max(1, round(w * factor)), max(1, round(h * factor)))
    method = cv2.INTER_AREA if factor < 1 else cv2.INTER_CUBIC
    return cv2.resize(image, size, interpolation=method)


def jpeg(image: np.ndarray, quality: int) -> np.ndarray:
    """Encode as JPEG at ``quality`` and decode again."""
    ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, int(quality)])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    return cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)


def _apply(name: str, image: np.ndarray, dpi: int, rng: random.Random) -> tuple[np.ndarray, int]:
    """One degradation with parameters drawn from ``rng``: (image, dpi)."""
    sides = ("top", "bottom", "left", "right")
    if name == "skew":
        angle = rng.uniform(1.0, 5.0) * rng.choice((-1, 1))
        return skew(image, angle), dpi
    if name in ROTATIONS:
        return rotate(image, {"rotate90": 1, "rotate180": 2, "rotate270": 3}[name]), dpi
    scale = dpi / 300
    if name == "dark_border":
        chosen = rng.sample(sides, rng.randint(1, 3))
        widths = {s: round(rng.randint(20, 80) * scale) for s in chosen}
        return dark_border(image, widths, rng.randint(0, 70)), dpi
    if name == "shadow":
        length = image.shape[1]
        width = round(rng.uniform(0.06, 0.15) * length)
        return shadow(image, rng.choice(sides), width, rng.uniform(0.35, 0.6)), dpi
    if name == "blur":
        return blur(image, rng.uniform(0.6, 1.0) * max(scale, 0.5)), dpi
    if name == "noise":
        return noise(image, rng.uniform(8, 15), rng.randrange(2**32)), dpi
    if name == "speckle":
        return speckle(image, rng.uniform(0.001, 0.003), rng.randrange(2**32)), dpi
    if name == "low_contrast":
        return low_contrast(image, rng.randint(90, 120), rng.randint(200, 225)), dpi
    if name == "low_resolution":
        target = min(dpi - 1, rng.randint(150, 200)) if dpi > 150 else max(72, dpi * 2 // 3)
        return low_resolution(image, dpi, target), target
    if name == "jpeg":
        return jpeg(image, rng.randint(25, 45)), dpi
    raise ValueError(f"unknown degradation {name!r}; one of {DEGRADATIONS}")


def degrade(page: Page, kinds: Sequence[str], rng: random.Random) -> Page:
    """A new page with each of ``kinds`` applied (parameters drawn from ``rng``), in scan order.

    ``page.degradations`` grows by ``kinds`` in that order; ``dpi`` follows
    ``low_resolution``; the truth is unchanged (the text is still all there).
    """
    unknown = [k for k in kinds if k not in _ORDER]
    if unknown:
        raise ValueError(f"unknown degradation(s) {unknown}; one of {DEGRADATIONS}")
    image, dpi = page.image, page.dpi
    for name in sorted(kinds, key=_ORDER.__getitem__):
        image, dpi = _apply(name, image, dpi, rng)
    return dataclasses.replace(
        page, image=image, dpi=dpi, degradations=(*page.degradations, *kinds)
    )
