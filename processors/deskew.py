"""Skew measurement and page rotation (pure functions on numpy images).

The skew is measured on ink pixel coordinates of a downscaled page: for each candidate angle the
points are sheared onto the vertical axis and binned; text lines give the sharpest profile (the
largest sum of squared bin counts) at the angle they make with the horizontal. Shearing points
instead of rotating the image makes each candidate cost one ``bincount``, so a coarse-to-fine
search reaches 0.02 degrees in a few tens of milliseconds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

# Deterministic subsampling keeps the search cost bounded on dense pages.
_MAX_POINTS = 40_000


@dataclass(frozen=True, slots=True)
class SkewEstimate:
    """Measured text-line angle and how clearly the profile peaks there.

    ``degrees`` is the angle of the text lines above the horizontal, counter-clockwise positive
    (a line rising to the right); rotating the page by ``-degrees`` levels it. ``sharpness`` is
    the profile score at the best angle over the score of an unsheared, structureless spread of
    the same points: about 1 for noise, several for clean text lines.
    """

    degrees: float
    sharpness: float


def ink_points(ink: np.ndarray, *, max_points: int = _MAX_POINTS) -> np.ndarray:
    """Return up to ``max_points`` (x, y) coordinates of the non-zero pixels of ``ink``."""
    ys, xs = np.nonzero(ink)
    step = max(1, math.ceil(len(xs) / max_points))
    return np.stack([xs[::step], ys[::step]], axis=1).astype(np.float32)


def profile_score(points: np.ndarray, degrees: float) -> float:
    """Sharpness of the horizontal-line profile of ``points`` sheared by ``degrees``.

    Normalized so that points spread evenly over their extent score 1.0.
    """
    if len(points) == 0:
        return 0.0
    offsets = points[:, 1] + points[:, 0] * math.tan(math.radians(degrees))
    bins = np.floor(offsets - offsets.min()).astype(np.int64)
    counts = np.bincount(bins).astype(np.float64)
    n = float(len(points))
    return float(np.dot(counts, counts) * len(counts) / (n * n))


def _search(points: np.ndarray, angles: np.ndarray) -> tuple[float, float]:
    scores = [profile_score(points, float(a)) for a in angles]
    best = int(np.argmax(scores))
    return float(angles[best]), float(scores[best])


def estimate_skew(
    points: np.ndarray,
    *,
    max_degrees: float = 15.0,
    coarse_step: float = 0.5,
    fine_step: float = 0.02,
) -> SkewEstimate:
    """Measure the angle of horizontal text lines from ink ``points`` (x, y), coarse to fine.

    Args:
        points: ink coordinates of the page (``ink_points``), at any resolution.
        max_degrees: widest skew searched either way.
        coarse_step: first grid step; must be finer than the profile's peak is wide
            (half a degree is safe for lines of a few hundred pixels).
        fine_step: last refinement step, the precision of the result.
    """
    if len(points) < 50:
        return SkewEstimate(degrees=0.0, sharpness=0.0)
    angles = np.arange(-max_degrees, max_degrees + 1e-9, coarse_step)
    best, score = _search(points, angles)
    step = coarse_step
    while step > fine_step + 1e-9:
        new_step = max(fine_step, step / 5)
        angles = np.arange(best - step, best + step + 1e-9, new_step)
        best, score = _search(points, angles)
        step = new_step
    return SkewEstimate(degrees=round(best, 3), sharpness=score)


def line_sharpness(points: np.ndarray, *, max_degrees: float, step: float = 0.5) -> float:
    """Best profile score over a coarse angle grid: how strongly points form horizontal lines."""
    if len(points) < 50:
        return 0.0
    angles = np.arange(-max_degrees, max_degrees + 1e-9, step)
    return _search(points, angles)[1]


def quarter_turn(image: np.ndarray, rotate: int) -> np.ndarray:
    """Turn ``image`` clockwise by ``rotate`` degrees (0, 90, 180 or 270), losslessly."""
    rotate %= 360
    if rotate == 0:
        return image
    codes = {
        90: cv2.ROTATE_90_CLOCKWISE,
        180: cv2.ROTATE_180,
        270: cv2.ROTATE_90_COUNTERCLOCKWISE,
    }
    if rotate not in codes:
        raise ValueError(f"not a quarter turn: {rotate}")
    return cv2.rotate(image, codes[rotate])


def rotate_by(
    image: np.ndarray, degrees: float, *, fill: int = 255, interpolation: int = cv2.INTER_LINEAR
) -> np.ndarray:
    """Rotate ``image`` counter-clockwise by ``degrees`` about its centre, keeping its size.

    Uncovered corners are filled with ``fill`` (white paper by default, every channel).
    """
    if degrees == 0:
        return image
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    border = (fill, fill, fill) if image.ndim == 3 else fill
    return cv2.warpAffine(
        image,
        matrix,
        (width, height),
        flags=interpolation,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=border,
    )
