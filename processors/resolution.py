"""Text size and resolution: how big the letters are, and how much to enlarge a page for OCR.

Tesseract reads best when body text is about 10 pt at 300 dpi (an x-height of ~20 pixels);
accuracy falls off quickly below 8 pt at 300 dpi. Low-resolution scans (150-200 dpi) are
enlarged to the target resolution before binarization, so that the letter shapes Tesseract
sees are smooth rather than blocky.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from processors.enhance import components

# Median height of letter-sized ink blobs in 10 pt body text, in points: a mix of x-height
# letters (~0.45 em) and ascender/capital letters (~0.7 em). Measured on serif and sans fonts.
BODY_CHAR_HEIGHT_PT = 5.5


def char_height(ink: np.ndarray, *, max_fraction: float = 0.05) -> float:
    """Median height in pixels of letter-like blobs of ``ink`` (255 = ink); 0 when there are none.

    Blobs taller than ``max_fraction`` of the page, or far wider than tall (rules, merged
    words), or of one or two pixels (noise), are not letters.
    """
    count, _, stats = components(ink)
    if count <= 1:
        return 0.0
    widths = stats[1:, cv2.CC_STAT_WIDTH]
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    limit = max_fraction * max(ink.shape)
    letters = (heights >= 3) & (heights <= limit) & (widths <= 3 * heights)
    if np.count_nonzero(letters) < 20:
        return 0.0
    return float(np.median(heights[letters]))


def estimate_dpi(char_px: float, *, body_char_pt: float = BODY_CHAR_HEIGHT_PT) -> int:
    """Resolution at which ``char_px`` tall letters would be 10 pt body text (0 if unknown)."""
    if char_px <= 0:
        return 0
    return round(char_px / body_char_pt * 72)


def upscale_factor(
    dpi: float,
    *,
    target_dpi: int = 300,
    below_dpi: int = 250,
    max_factor: float = 2.5,
    text_dpi: float = 0.0,
    text_below_dpi: int = 200,
) -> float:
    """How much to enlarge a ``dpi`` page for OCR; 1.0 to leave it as it is.

    Enlarges to ``target_dpi`` when the page's resolution is below ``below_dpi``, or when its
    letters are as small as those of a scan below ``text_below_dpi`` (``text_dpi``, from
    ``estimate_dpi``: a file that claims 300 dpi, or said nothing and was assumed to, but was
    scanned at 150). Capped at ``max_factor``, and rounded so the enlarged resolution is a
    whole number of dpi.
    """
    if dpi <= 0:
        return 1.0
    factor = 1.0
    if dpi < below_dpi:
        factor = target_dpi / dpi
    if 0 < text_dpi < text_below_dpi:
        factor = max(factor, target_dpi / text_dpi)
    factor = min(max_factor, factor)
    if factor <= 1.0:
        return 1.0
    return round(dpi * factor) / dpi


def scaled_size(width: int, height: int, factor: float) -> tuple[int, int]:
    """Size of a ``width`` x ``height`` image enlarged by ``factor`` (at least 1 x 1)."""
    return max(1, math.floor(width * factor + 0.5)), max(1, math.floor(height * factor + 0.5))


def upscale(image: np.ndarray, factor: float) -> np.ndarray:
    """Enlarge ``image`` by ``factor`` with bicubic interpolation (identity for 1.0)."""
    if factor == 1.0:
        return image
    height, width = image.shape[:2]
    return cv2.resize(image, scaled_size(width, height, factor), interpolation=cv2.INTER_CUBIC)
