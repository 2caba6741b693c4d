"""Image cleanup before OCR: the chain of steps and what it reports for each page.

Each step is a pure function of its own module (``orientation``, ``deskew``, ``enhance``,
``resolution``) with keyword-only tunables; this module measures the page once on a small copy
(``analyze_page``) and then runs the chain on the full page (``clean_page``):

orientation (quarter turns) and deskew in one resampling -> border removal -> background
flattening (uneven light, shadows) -> denoising (when noise is measured) -> contrast
normalization -> upscaling of low-resolution scans -> speckle removal -> Sauvola binarization.

It yields two OCR candidates, the normalized grey page and the binarized page (grey is read
first by default; the second candidate is only made when a retry asks for it, since most
pages never need one), plus the page for people (``display``: upright, deskewed, original
resolution and colours). Tesseract's OSD is not
called here: ``processors.page`` asks it when ``plan_orientation`` says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import cv2
import numpy as np

from processors import deskew, enhance, orientation, resolution


@dataclass(frozen=True, slots=True)
class CleanupOptions:
    """Tunables of the cleanup chain (filled from settings by the caller).

    Attributes:
        orientation: detect and undo quarter turns (cheap measure, OSD when doubtful).
        osd_min_confidence: OSD's orientation confidence from which its verdict is applied.
        min_line_ratio: line-direction clarity for the cheap orientation guess to be sure.
        min_asymmetry: up/down clarity for the cheap orientation guess to be sure.
        deskew: measure and undo the skew.
        min_skew_degrees: smaller skews are left alone (a resampling costs sharpness).
        max_skew_degrees: widest skew searched.
        remove_border: paint dark scanner borders white in the OCR image.
        flatten_background: divide out uneven lighting and shadows.
        denoise: median-filter pixel noise when it is measured above ``noise_threshold``.
        noise_threshold: estimated noise sigma (grey levels) from which to denoise.
        normalize_contrast: stretch levels so ink is black and paper white.
        upscale: enlarge low-resolution scans to ``target_dpi``.
        target_dpi: resolution Tesseract reads best.
        upscale_below_dpi: scans below this resolution are enlarged.
        upscale_text_below_dpi: pages whose letters are as small as those of a scan below
            this resolution are enlarged too, whatever resolution the file claims.
        max_upscale: largest enlargement factor.
        threshold_for_ocr: also give the grey candidate thresholded at one Otsu level (free:
            the specks are found on it), for OCR to read as a one-bit image: Tesseract then
            skips its own thresholding, about a sixth of its time on a front page.
        binarize: make a binarized OCR candidate (Sauvola) besides the normalized grey one.
        prefer_binarized: OCR the binarized candidate first and keep grey for a retry
            (the default reads grey first: Tesseract's own thresholding of the flattened,
            normalized page loses fewer letters on blurred scans).
        sauvola_k: Sauvola's sensitivity (higher: thinner text, less noise).
        despeckle: remove isolated specks (from both candidates).
        analysis_dpi: resolution of the small copy the page is measured on.
    """

    orientation: bool = True
    osd_min_confidence: float = 2.0
    min_line_ratio: float = 1.3
    min_asymmetry: float = 0.15
    deskew: bool = True
    min_skew_degrees: float = 0.2
    max_skew_degrees: float = 15.0
    remove_border: bool = True
    flatten_background: bool = True
    denoise: bool = True
    noise_threshold: float = 4.0
    normalize_contrast: bool = True
    upscale: bool = True
    target_dpi: int = 300
    upscale_below_dpi: int = 250
    upscale_text_below_dpi: int = 200
    max_upscale: float = 2.5
    threshold_for_ocr: bool = True
    binarize: bool = True
    prefer_binarized: bool = False
    sauvola_k: float = 0.2
    despeckle: bool = True
    analysis_dpi: int = 150


@dataclass(frozen=True, slots=True)
class PageAnalysis:
    """Cheap measurements of a page as scanned, on a copy shrunk to about ``analysis_dpi``.

    ``scale`` maps full-page pixels to the small copy; ``ink`` is its ink mask with the border
    removed; ``char_px`` the median letter height on it as scanned (0 when too little text);
    ``orientation`` is the cheap guess of how the page is turned.
    """

    grey: np.ndarray
    scale: float
    border: enhance.Border
    ink: np.ndarray
    char_px: float
    orientation: orientation.OrientationGuess


@dataclass(frozen=True, slots=True)
class CleanedPage:
    """A cleaned page: ``image`` for OCR, ``display`` for people, ``fallback`` for a retry.

    ``image`` and the fallback are at ``dpi`` (enlarged for low-resolution scans), ``display``
    at ``display_dpi`` (as scanned); all three cover the same page area. ``fallback`` makes
    the other OCR candidate when called: it costs a binarization that most pages never need.
    ``thresholded`` is ``image`` cut at one global Otsu level (specks removed), the rule
    Tesseract applies itself: handed over as one bit a pixel, it spares Tesseract that work.
    """

    image: np.ndarray
    dpi: int
    display: np.ndarray
    display_dpi: int
    fallback: Callable[[], np.ndarray] | None = None
    steps: dict[str, Any] = field(default_factory=dict)
    thresholded: np.ndarray | None = None


def to_grayscale(image: np.ndarray) -> np.ndarray:
    """Return a single-channel uint8 copy of ``image`` (BGR, BGRA or already grey)."""
    if image.ndim == 2:
        return image
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2GRAY)
    return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def _drop_alpha(image: np.ndarray) -> np.ndarray:
    if image.ndim == 3 and image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    return image


def analyze_page(
    image: np.ndarray, *, dpi: int, options: CleanupOptions, up_down_sign: float = 1.0
) -> PageAnalysis:
    """Measure the page on a small copy: border, ink, text size, orientation guess and skew.

    Costs tens of milliseconds; its results steer both the decision to ask OSD and the chain.
    ``up_down_sign`` is ``orientation.up_down_sign(lang)`` for the page's languages.
    """
    grey = to_grayscale(image)
    scale = min(1.0, options.analysis_dpi / max(dpi, 1))
    small = grey
    if scale < 1.0:
        small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    if options.remove_border:
        border = enhance.find_border(small)
    else:
        border = enhance.Border(mask=np.zeros_like(small), fraction=0.0)
    # 10 pt text is ~20 px high at 300 dpi; a first guess good enough to size the filter.
    text_px = 20.0 * dpi * scale / 300
    flat = enhance.flatten_background(
        small, background=enhance.estimate_background(small, text_px=text_px)
    )
    ink = enhance.ink_mask(flat)
    ink[border.mask > 0] = 0
    char_small = resolution.char_height(ink)
    guess = orientation.guess_orientation(
        ink,
        char_px=char_small,
        max_skew_degrees=options.max_skew_degrees,
        sign=up_down_sign,
        min_line_ratio=options.min_line_ratio,
        min_asymmetry=options.min_asymmetry,
    )
    return PageAnalysis(
        grey=grey, scale=scale, border=border, ink=ink, char_px=char_small, orientation=guess
    )


def plan_orientation(
    guess: orientation.OrientationGuess, *, options: CleanupOptions
) -> tuple[int, bool]:
    """Decide from the cheap guess alone: the quarter turn to apply, and whether to ask OSD.

    - lines clear and way up clear: apply the guess, no OSD (the common upright page);
    - lines clearly horizontal, way up unclear: leave the page as it is, no OSD; upright is
      by far the likeliest, and a poor first OCR pass asks OSD after all;
    - lines clearly vertical, way up unclear: ask OSD whether 90 or 270 (best guess kept);
    - lines unclear (drawings, tables, little text): ask OSD;
    - no letters at all (blank page): nothing to turn, no OSD.
    """
    if not options.orientation or not guess.has_text:
        return 0, False
    if not guess.direction_sure:
        return 0, True
    if guess.up_down_sure:
        return guess.rotate, False
    if guess.vertical:
        return guess.rotate, True
    return 0, False


def decide_rotation(
    fallback: int, osd_rotate: int | None, osd_confidence: float, *, min_osd_confidence: float
) -> int:
    """The quarter turn to apply once OSD was asked.

    OSD's verdict when it is confident (it reads the letters, in any script), else
    ``fallback``, ``plan_orientation``'s choice.
    """
    if osd_rotate is not None and osd_confidence >= min_osd_confidence:
        return osd_rotate % 360
    return fallback % 360


def _transform_mask(
    mask: np.ndarray, *, rotate: int, skew: float, size: tuple[int, int]
) -> np.ndarray:
    """Carry the small border ``mask`` through the page's rotation onto the full page size."""
    turned = deskew.quarter_turn(mask, rotate)
    turned = deskew.rotate_by(turned, -skew, fill=0, interpolation=cv2.INTER_NEAREST)
    return cv2.resize(turned, size, interpolation=cv2.INTER_NEAREST)


# Sizes of specks against the letters' height. A period is about a quarter of a letter high;
# the smallest marks of text are smaller still: the grave beside the hat of a Vietnamese "ầ"
# was 18 pixels over letters 34 high on a shadowed page of seed 2071 (0.12 of a letter high
# squared is 17: it went as a speck, and "Trần" was read "Trân"). Specks between the tiny
# size and 0.12 go when they stand alone, but do not keep each other as a colon's dots do:
# counted as company, the noise down a shadowed page's edge stayed and read as Thai letters.
TINY_SPECK = 0.09
COMPANY_SPECK = 0.12
SMALL_SPECK = 0.25
SPECK_REACH = 0.4
# Punctuation sits further along its line from the letter's ink than a dot or mark sits above
# it: after the open lower right of an "r" in a sans font the comma of "Miller," was 16 pixels
# from any ink over letters 35 high (0.46 of a letter), and went as a speck on speckled pages.
SPECK_REACH_ALONG = 0.75


def speck_sizes(char_px: float) -> dict[str, int]:
    """``enhance.despeckle``'s sizes for letters ``char_px`` high.

    Specks up to ``tiny_area`` pixels go anywhere; up to ``max_area`` only when no ink lies
    within ``reach`` pixels above or below or ``reach_along`` to the side, and no speck above
    ``company_area`` keeps them company.
    """
    return {
        "tiny_area": max(1, round((TINY_SPECK * char_px) ** 2)),
        "max_area": max(2, round((SMALL_SPECK * char_px) ** 2)),
        "company_area": max(1, round((COMPANY_SPECK * char_px) ** 2)),
        "reach": max(2, round(SPECK_REACH * char_px)),
        "reach_along": max(2, round(SPECK_REACH_ALONG * char_px)),
    }


def clean_page(
    image: np.ndarray,
    *,
    dpi: int,
    options: CleanupOptions,
    rotate: int | None = None,
    analysis: PageAnalysis | None = None,
) -> CleanedPage:
    """Run the cleanup chain on one page and report what was detected and applied.

    Args:
        image: the page as scanned, uint8, grey or BGR(A).
        dpi: its resolution.
        options: the chain's tunables.
        rotate: quarter turn (clockwise degrees) to apply; None follows
            ``plan_orientation`` (callers that ask OSD pass their decision here).
        analysis: ``analyze_page``'s result for this image, to avoid measuring twice.
    """
    analysis = analysis or analyze_page(image, dpi=dpi, options=options)
    guess = analysis.orientation
    if rotate is None:
        rotate, _ = plan_orientation(guess, options=options)
    rotate %= 360
    steps: dict[str, Any] = {"orientation_guess": guess.to_json(), "rotation": rotate}

    skew = 0.0
    if options.deskew:
        if guess.vertical == (rotate in (90, 270)):
            # Lines lie the way the guess measured them (a half turn keeps their angle).
            degrees = guess.skew_degrees
        else:
            upright_ink = deskew.quarter_turn(analysis.ink, rotate)
            degrees = deskew.estimate_skew(
                deskew.ink_points(upright_ink), max_degrees=options.max_skew_degrees
            ).degrees
        steps["skew_degrees"] = round(degrees, 2)
        if abs(degrees) >= options.min_skew_degrees:
            skew = degrees
    steps["deskewed"] = skew != 0.0

    # One resampling for people and OCR alike: both then cover exactly the same page area.
    display = deskew.rotate_by(deskew.quarter_turn(_drop_alpha(image), rotate), -skew)
    grey = to_grayscale(display)
    height, width = grey.shape

    # Letters turned a quarter measure their widths: measure them again upright.
    char_small = analysis.char_px
    if rotate in (90, 270):
        char_small = resolution.char_height(deskew.quarter_turn(analysis.ink, rotate))
    char_px = char_small / analysis.scale if char_small else 20.0 * dpi / 300
    steps["char_height_px"] = round(char_px, 1)
    steps["estimated_dpi"] = resolution.estimate_dpi(char_px) if char_small else None

    border_mask = None
    if analysis.border.found:
        border_mask = _transform_mask(
            analysis.border.mask, rotate=rotate, skew=skew, size=(width, height)
        )
    steps["border_removed"] = round(analysis.border.fraction, 4) if border_mask is not None else 0.0

    work = grey
    if options.flatten_background:
        work = enhance.flatten_background(
            work, background=enhance.estimate_background(work, text_px=char_px)
        )
    steps["background_flattened"] = options.flatten_background
    if border_mask is not None:
        work = work.copy()
        work[border_mask > 0] = 255

    noise = enhance.estimate_noise(work)
    steps["noise_sigma"] = round(noise, 1)
    denoised = options.denoise and noise >= options.noise_threshold
    if denoised:
        work = enhance.denoise(work, noise_sigma=noise)
    steps["denoised"] = denoised

    if options.normalize_contrast:
        work, (low, high) = enhance.normalize_contrast(work)
        steps["contrast_range"] = [low, high]

    factor = 1.0
    if options.upscale:
        factor = resolution.upscale_factor(
            dpi,
            target_dpi=options.target_dpi,
            below_dpi=options.upscale_below_dpi,
            max_factor=options.max_upscale,
            text_dpi=steps["estimated_dpi"] or 0,
            text_below_dpi=options.upscale_text_below_dpi,
        )
    work = resolution.upscale(work, factor)
    ocr_dpi = round(dpi * factor)
    steps["upscale_factor"] = round(factor, 3)

    ocr_char_px = char_px * factor
    thresholded = None
    if options.despeckle:
        # Specks are found on a global threshold: the page is flat and normalized by now, so
        # it separates ink from paper as well as Sauvola does here, at a tenth of the cost.
        thresholded, specks, count = enhance.despeckle(
            enhance.global_threshold(work), **speck_sizes(ocr_char_px)
        )
        steps["specks_removed"] = count
        if count:
            work = work.copy()
            work[specks > 0] = 255  # painted paper-white, so neither candidate has them

    grey = work
    if not options.threshold_for_ocr:
        thresholded = None
    elif thresholded is None:
        thresholded = enhance.global_threshold(grey)
    binarize: Callable[[], np.ndarray] | None = None
    steps["binarization"] = None
    if options.binarize:
        window = min(151, enhance.odd(3 * ocr_char_px, minimum=15))
        steps["binarization"] = f"sauvola(window={window}, k={options.sauvola_k})"
        binarize = partial(enhance.sauvola, grey, window=window, k=options.sauvola_k)

    first, second = grey, binarize
    names = ["grey", "binarized"] if binarize is not None else ["grey"]
    if options.prefer_binarized and binarize is not None:
        first, second = binarize(), partial(np.asarray, grey)
        names.reverse()
    steps["candidates"] = names
    return CleanedPage(
        image=first,
        dpi=ocr_dpi,
        display=display,
        display_dpi=dpi,
        fallback=second,
        steps=steps,
        thresholded=thresholded if first is grey else None,
    )
