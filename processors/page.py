"""Read scanned pages: clean each, OCR it, and keep the better of at most two attempts.

This is the composition the pipeline runs per image page. It stays pure (image in, words out):
the caller passes every tunable, and nothing here touches storage or settings.

Cost model: a page with clear text lines costs the cheap measurements, the cleanup chain and
one OCR pass, whichever way it was turned. Tesseract's OSD (a fixed ~1 s, a third to a half of
an OCR pass) runs only when the cheap orientation guess cannot tell the line direction, or
cannot tell 90 from 270, or, once, when the first pass reads poorly and orientation was never
checked (an upside-down page whose script gave no clear up/down evidence lands there).

A second OCR pass runs only on pages whose first pass is below ``retry_below_confidence``: on
the page turned as OSD says when OSD finds it turned, on the page a half turn further when
neither the ink measure nor OSD could tell its way up, else on the other cleanup candidate
(binarized or grey); the better is kept.

A document's pages may be read together (``read_image_pages``): each is cleaned alone, their
first passes share one Tesseract process (one model load), and the rest is page by page.

With ``lang="auto"`` a page whose reading looks like another script read as Latin is read
again with each local script (``processors.languages``): up to three more passes, paid by the
first page of a document only (Khmer, Lao and Thai ones, and Latin ones badly enough scanned
to look foreign); the document's later pages are read with the script found there. A
Vietnamese page read with "vie+eng" is read once more with "vie" alone (see
``processors.languages.vietnamese_only``).
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

import numpy as np

from processors import _tesseract
from processors.capital_marks import strip_unseen_capital_marks
from processors.cleanup import (
    CleanedPage,
    CleanupOptions,
    PageAnalysis,
    analyze_page,
    clean_page,
    decide_rotation,
    plan_orientation,
)
from processors.languages import (
    AUTO,
    choose_languages,
    is_latin_reading,
    languages_for_script,
    local_pack,
    needs_other_script,
    next_local_language,
    reads_its_script,
    script_word_confidence,
    vietnamese_only,
)
from processors.letter_model import (
    default_letter_models,
    default_partners,
    modelled_script,
    relettered_page,
    wants_choices,
)
from processors.lexicon import default_lexicons
from processors.line_rereads import (
    cut_bands,
    cut_lost_lines,
    cut_lost_spaces,
    find_cut_rows,
    find_latin_slips,
    find_local_country_codes,
    find_local_names,
    find_lost_heads,
    find_lost_lines,
    find_lost_spaces,
    find_odd_symbols,
    find_odd_words_in_latin_names,
    find_split_lines,
    find_unsure_local_values,
    find_unsure_local_words,
    join_false_spaces,
    put_back,
    put_back_cut_rows,
    put_back_heads,
    put_back_lost_lines,
    replace_country_codes,
    replace_fuller_names,
    replace_odd_name_words,
    replace_slips,
    replace_symbols,
    replace_unsure_values,
    replace_unsure_words,
    split_lost_spaces,
)
from processors.loader import ImagePage
from processors.orientation import up_down_sign
from processors.punctuation import (
    cut_lost_punctuation,
    find_lost_punctuation,
    put_back_punctuation,
)
from processors.stacked_marks import restore_marks
from processors.thai_spelling import repair_thai_page
from processors.tied_spellings import TIE_SCRIPTS, settle_tied_words
from processors.types import BBox, PageText, Word, has_unspaced_script, script_country

# OSD reads a sample of the page; it never needs as long as a full recognition.
_OSD_MAX_TIMEOUT_S = 60.0
# What each page of a list read together adds to the list's time limit (a front page: ~1 s).
_LIST_SECONDS_PER_PAGE = 10.0


@dataclass(frozen=True, slots=True)
class PageReading:
    """The outcome of reading one image page.

    ``languages`` are the Tesseract languages the kept reading used.
    ``display`` is the page as a person should see it in the searchable PDF (upright,
    deskewed, not binarized) at ``display_dpi``; the OCR boxes in ``ocr`` are in pixels of the
    image that was recognized, whose resolution is ``ocr_dpi``. Both images cover the same page
    area. ``cleanup`` says what was detected and applied, JSON-ready, with the seconds spent in
    cleanup, OSD and OCR under ``timing_s``.
    """

    ocr: _tesseract.OcrResult
    languages: str
    display: np.ndarray
    display_dpi: int
    ocr_dpi: int
    cleanup: dict[str, Any] = field(default_factory=dict)
    passes: int = 1


class _Stopwatch:
    """Seconds spent per kind of work on one page."""

    def __init__(self) -> None:
        self.seconds = {"cleanup": 0.0, "osd": 0.0, "ocr": 0.0}

    @contextmanager
    def __call__(self, kind: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[kind] += time.perf_counter() - start

    def to_json(self) -> dict[str, float]:
        return {key: round(value, 3) for key, value in self.seconds.items()}


def better(first: _tesseract.OcrResult, second: _tesseract.OcrResult) -> bool:
    """Whether ``second`` is the better reading of a page than ``first``.

    Higher mean word confidence wins, unless it comes with less than half the words: a
    reading that dropped most of the page can be confidently wrong.
    """
    if second.word_count == 0:
        return False
    if first.word_count == 0:
        return True
    return (
        second.mean_confidence > first.mean_confidence
        and second.word_count >= 0.5 * first.word_count
    )


def _osd_json(osd: _tesseract.Orientation | None) -> dict[str, Any]:
    if osd is None:
        return {"rotate": None}
    return {"rotate": osd.rotate, "confidence": round(osd.confidence, 2), "script": osd.script}


@dataclass(slots=True)
class _PreparedPage:
    """A page cleaned and turned, waiting for its first OCR pass (``read_image_pages``)."""

    image: np.ndarray  # as scanned: a retry may clean it again, turned further
    dpi: int  # the scan's resolution
    page_index: int
    lang: str  # what the first pass reads with
    auto: bool
    auto_settled: bool
    analysis: PageAnalysis
    cleaned: CleanedPage
    osd_report: dict[str, Any] | None
    watch: _Stopwatch


def read_image_page(
    image: np.ndarray,
    *,
    dpi: int,
    lang: str,
    page_index: int,
    cleanup: CleanupOptions,
    timeout_s: float,
    retry_below_confidence: float = 70.0,
    auto_first: str = "vie+eng",
    auto_settled: bool = False,
) -> PageReading:
    """Clean and recognize ``image``; retry once with another candidate when confidence is low.

    Args:
        image: the page as scanned, uint8, grey or BGR.
        dpi: its resolution (300 when the file did not say).
        lang: Tesseract languages, e.g. "eng" or "vie+eng", or "auto" to find the script.
        page_index: the page's index in its document.
        cleanup: the cleanup chain's tunables.
        timeout_s: wall-clock limit of each Tesseract call.
        retry_below_confidence: a first pass with a lower mean word confidence gets a second.
        auto_first: with ``lang="auto"``, the languages to read with first (the Latin choice,
            or what the document's previous page turned out to be written in).
        auto_settled: with ``lang="auto"``, ``auto_first`` was found on an earlier page of the
            document: read with it and try no other script.
    """
    prepared = _prepare(
        image, dpi=dpi, lang=lang, page_index=page_index, cleanup=cleanup, timeout_s=timeout_s,
        auto_first=auto_first, auto_settled=auto_settled,
    )  # fmt: skip
    with prepared.watch("ocr"):
        first = _first_pass(prepared, timeout_s=timeout_s)
    return _finish(
        prepared, first, cleanup=cleanup, timeout_s=timeout_s,
        retry_below_confidence=retry_below_confidence,
    )  # fmt: skip


def read_image_pages(
    pages: Sequence[ImagePage],
    *,
    lang: str,
    cleanup: CleanupOptions,
    timeout_s: float,
    retry_below_confidence: float = 70.0,
    auto_first: str = "vie+eng",
    auto_settled: bool = False,
) -> list[PageReading]:
    """``read_image_page`` for several pages of a document, their first passes in one process.

    Each page is cleaned and turned on its own; then the pages that read with the same
    languages at the same resolution go to Tesseract together, which loads its models once
    for all of them (a fifth of a front page's recognition). Retries, other scripts and line
    re-reads follow page by page, exactly as ``read_image_page`` does them, so the readings
    are the same. Each page's ``timing_s["ocr"]`` holds its share of the common pass.
    Holds every page's images until all are read: the caller bounds how many it passes.
    """
    prepared = [
        _prepare(
            page.image,
            dpi=page.dpi,
            lang=lang,
            page_index=page.index,
            cleanup=cleanup,
            timeout_s=timeout_s,
            auto_first=auto_first,
            auto_settled=auto_settled,
        )
        for page in pages
    ]
    firsts: dict[int, _tesseract.OcrResult] = {}
    groups: dict[tuple[str, int], list[int]] = {}
    for n, page in enumerate(prepared):
        groups.setdefault((page.lang, page.cleaned.dpi), []).append(n)
    for (group_lang, dpi), members in groups.items():
        started = time.perf_counter()
        together = None
        if len(members) > 1:
            together = _tesseract.recognize_pages(
                [ocr_image(prepared[n].cleaned, group_lang) for n in members],
                lang=group_lang,
                dpi=dpi,
                page_indexes=[prepared[n].page_index for n in members],
                symbol_choices=wants_choices(group_lang),
                # One page's limit and a little more: a page that hangs costs that once
                # before the pages are read one by one, not once per page of the list.
                timeout_s=timeout_s + _LIST_SECONDS_PER_PAGE * len(members),
            )
        share = (time.perf_counter() - started) / len(members)
        for n in members:
            prepared[n].watch.seconds["ocr"] += share
        for k, n in enumerate(members):
            if together is not None:
                firsts[n] = together[k]
            else:
                with prepared[n].watch("ocr"):
                    firsts[n] = _first_pass(prepared[n], timeout_s=timeout_s)
    return [
        _finish(
            page,
            firsts[n],
            cleanup=cleanup,
            timeout_s=timeout_s,
            retry_below_confidence=retry_below_confidence,
        )
        for n, page in enumerate(prepared)
    ]


def _prepare(
    image: np.ndarray,
    *,
    dpi: int,
    lang: str,
    page_index: int,
    cleanup: CleanupOptions,
    timeout_s: float,
    auto_first: str,
    auto_settled: bool,
) -> _PreparedPage:
    """Measure, orient (asking OSD only when the cheap measures cannot tell) and clean a page."""
    watch = _Stopwatch()
    osd_timeout = min(timeout_s, _OSD_MAX_TIMEOUT_S)
    auto = lang == AUTO
    if auto:
        lang = auto_first
    # Until the script is known the up/down measure cannot be trusted: on Khmer and Lao pages
    # it points the wrong way as often as not. OSD (or a poor first pass) decides instead.
    sign = 0.0 if auto and not auto_settled else up_down_sign(lang)
    with watch("cleanup"):
        analysis = analyze_page(image, dpi=dpi, options=cleanup, up_down_sign=sign)

    osd_report: dict[str, Any] | None = None
    rotate, ask_osd = plan_orientation(analysis.orientation, options=cleanup)
    if ask_osd:
        with watch("osd"):
            osd = _tesseract.detect_orientation(analysis.grey, dpi=dpi, timeout_s=osd_timeout)
        osd_report = _osd_json(osd)
        if auto and not auto_settled:
            lang = _thai_if_osd_says(lang, osd)
        rotate = decide_rotation(
            rotate,
            osd.rotate if osd else None,
            osd.confidence if osd else 0.0,
            min_osd_confidence=cleanup.osd_min_confidence,
        )

    with watch("cleanup"):
        cleaned = clean_page(image, dpi=dpi, options=cleanup, rotate=rotate, analysis=analysis)
    return _PreparedPage(
        image=image, dpi=dpi, page_index=page_index, lang=lang, auto=auto,
        auto_settled=auto_settled, analysis=analysis, cleaned=cleaned, osd_report=osd_report,
        watch=watch,
    )  # fmt: skip


def _first_pass(page: _PreparedPage, *, timeout_s: float) -> _tesseract.OcrResult:
    """The first OCR pass of one prepared page, read on its own."""
    return _read_page(page.cleaned, page.lang, page_index=page.page_index, timeout_s=timeout_s)


def _read_page(
    page: CleanedPage, lang: str, *, page_index: int, timeout_s: float
) -> _tesseract.OcrResult:
    """One full OCR pass over a cleaned page, with the LSTM's choices where a model uses them."""
    return _tesseract.recognize(
        ocr_image(page, lang), lang=lang, dpi=page.dpi, page_index=page_index,
        timeout_s=timeout_s, symbol_choices=wants_choices(lang),
    )  # fmt: skip


def _finish(
    prepared: _PreparedPage,
    result: _tesseract.OcrResult,
    *,
    cleanup: CleanupOptions,
    timeout_s: float,
    retry_below_confidence: float,
) -> PageReading:
    """From the first pass on: retry a doubtful page, find its script, re-read lines."""
    image, dpi, page_index = prepared.image, prepared.dpi, prepared.page_index
    lang = prepared.lang
    auto, auto_settled, analysis = prepared.auto, prepared.auto_settled, prepared.analysis
    cleaned, osd_report, watch = prepared.cleaned, prepared.osd_report, prepared.watch
    osd_timeout = min(timeout_s, _OSD_MAX_TIMEOUT_S)
    steps = dict(cleaned.steps)
    chosen, kept, passes = cleaned, cleaned.steps["candidates"][0], 1
    result_lang = lang
    steps["first_confidence"] = round(result.mean_confidence, 1)

    # A blank page reads as nothing with zero confidence: no second pass will change that.
    doubtful = result.mean_confidence < retry_below_confidence and analysis.orientation.has_text
    if doubtful and not result.timed_out:
        if cleanup.orientation and osd_report is None:
            # Never checked: a page that reads this poorly may be turned after all.
            with watch("osd"):
                osd = _tesseract.detect_orientation(
                    cleaned.image, dpi=cleaned.dpi, timeout_s=osd_timeout
                )
            osd_report = _osd_json(osd)
            if auto and not auto_settled:
                lang = _thai_if_osd_says(lang, osd)  # read the retry in Thai
            if turn := _osd_turn(osd, cleanup):
                with watch("cleanup"):
                    candidate = _turned(image, dpi, cleanup, analysis, cleaned, turn)
                name = "reoriented"
            elif lang != result_lang:
                # The script explains the poor pass: read the same image in that script. (The
                # Sauvola candidate, read in Thai, lost whole lines of clean pages.)
                candidate, name = cleaned, kept
            else:
                with watch("cleanup"):
                    candidate, name = _other_candidate(cleaned)
        elif cleanup.orientation and _way_up_unknown(analysis, osd_report, cleanup):
            # OSD was asked and could not tell either (it knows neither Khmer nor Lao): the
            # page may well be upside down from the turn that was guessed (seed 2057: a Khmer
            # page turned 90 instead of 270 read at 39.7).
            with watch("cleanup"):
                candidate = _turned(image, dpi, cleanup, analysis, cleaned, 180)
            name = "reoriented"
        else:
            with watch("cleanup"):
                candidate, name = _other_candidate(cleaned)
        if candidate is not None:
            with watch("ocr"):
                second = _read_page(candidate, lang, page_index=page_index, timeout_s=timeout_s)
            passes = 2
            steps["second_candidate"] = name
            steps["second_confidence"] = round(second.mean_confidence, 1)
            if better(result, second):
                result, chosen, kept, result_lang = second, candidate, name, lang
                if name == "reoriented":
                    steps.update(candidate.steps)

    other_script = (
        auto and not auto_settled and analysis.orientation.has_text and not result.timed_out
    )
    if (
        other_script
        and cleanup.orientation
        and osd_report is None
        and _looks_foreign(result, chosen, result_lang, watch)
    ):
        # An upside-down Latin page can read confidently enough (73.5) to skip the retry, and
        # then looks like another script: one OSD call is cheaper than the local scripts.
        with watch("osd"):
            osd = _tesseract.detect_orientation(chosen.image, dpi=chosen.dpi, timeout_s=osd_timeout)
        osd_report = _osd_json(osd)
        if turn := _osd_turn(osd, cleanup):
            with watch("cleanup"):
                turned = _turned(image, dpi, cleanup, analysis, chosen, turn)
            with watch("ocr"):
                reread = _read_page(turned, result_lang, page_index=page_index, timeout_s=timeout_s)
            passes += 1
            steps["reoriented_confidence"] = round(reread.mean_confidence, 1)
            if better(result, reread):
                result, chosen, kept = reread, turned, "reoriented"
                steps.update(turned.steps)
    if other_script and _looks_foreign(result, chosen, result_lang, watch):
        result, result_lang, confidences = _read_local_scripts(
            chosen, result, result_lang, page_index=page_index, timeout_s=timeout_s, watch=watch
        )
        passes += len(confidences) - 1
        steps["script_candidates"] = {k: round(v, 1) for k, v in confidences.items()}

    if other_script and (vietnamese := vietnamese_only(result_lang, result.page.text)):
        with watch("ocr"):
            reread = _read_page(chosen, vietnamese, page_index=page_index, timeout_s=timeout_s)
        passes += 1
        if reread.word_count and not reread.timed_out:
            result, result_lang = _keep_confident_ascii(reread, result), vietnamese
            steps["reread_as"] = vietnamese

    bare, dropped = strip_unseen_capital_marks(result.page)
    if dropped:
        result = _with_page(result, bare)
        steps["capital_marks_dropped"] = dropped

    if not result.timed_out:
        result = _reread_lost_punctuation(
            result, ocr_image(chosen, result_lang), lang=result_lang, dpi=chosen.dpi,
            timeout_s=timeout_s, watch=watch, steps=steps,
        )  # fmt: skip

    if not result.timed_out and has_unspaced_script(result.page.text):
        read_image = ocr_image(chosen, result_lang)
        result = _reread_lines(
            result, read_image, lang=result_lang, dpi=chosen.dpi,
            timeout_s=timeout_s, watch=watch, steps=steps, grey=chosen.image,
        )  # fmt: skip
        with watch("cleanup"):
            page_with_marks, restored = restore_marks(result.page, read_image)
            spelled, respelled = repair_thai_page(page_with_marks)
            relettered = settled = 0
            if modelled_script(spelled.text):
                spelled, relettered = relettered_page(
                    spelled, default_letter_models(), default_partners(), result.choices
                )
            if result.choices and any(script_country(c) in TIE_SCRIPTS for c in spelled.text):
                spelled, settled = settle_tied_words(spelled, default_lexicons(), result.choices)
        if restored or respelled or relettered or settled:
            result = replace(result, page=spelled)
        if restored:
            steps["marks_restored"] = restored
        if respelled:
            steps["thai_spelling_repaired"] = respelled
        if relettered:
            steps["likelier_letters"] = relettered
        if settled:
            steps["tied_spellings_settled"] = settled

    steps["osd"] = osd_report
    steps["kept_candidate"] = kept
    steps["read_one_bit"] = chosen.thresholded is not None and (
        ocr_image(chosen, result_lang) is chosen.thresholded
    )
    steps["timing_s"] = watch.to_json()
    return PageReading(
        ocr=result,
        languages=result_lang,
        display=chosen.display,
        display_dpi=chosen.display_dpi,
        ocr_dpi=chosen.dpi,
        cleanup=steps,
        passes=passes,
    )


def _looks_foreign(
    result: _tesseract.OcrResult, read: CleanedPage, lang: str, watch: _Stopwatch
) -> bool:
    """Whether ``result``, read from ``read`` with ``lang``, should be read in the local scripts.

    A Latin reading's lost lines (bands of ink it has no words for) count as suspect words.
    """
    lost = 0
    if is_latin_reading(lang):
        with watch("cleanup"):
            lost = len(find_lost_lines(result.page, ocr_image(read, lang)))
    return needs_other_script(lang, result.page.words, result.mean_confidence, lost_lines=lost)


def _way_up_unknown(
    analysis: PageAnalysis, osd_report: dict[str, Any], cleanup: CleanupOptions
) -> bool:
    """Whether lines run down the scan and neither the ink measure nor OSD knew the way up.

    90 or 270 was then a guess. Pages whose lines run no clear way, drawings mostly, keep the
    other cleanup candidate as their retry.
    """
    guess = analysis.orientation
    osd_sure = (osd_report.get("confidence") or 0.0) >= cleanup.osd_min_confidence
    return (
        guess.has_text
        and guess.direction_sure
        and guess.vertical
        and not guess.up_down_sure
        and not osd_sure
    )


def _osd_turn(osd: _tesseract.Orientation | None, cleanup: CleanupOptions) -> int:
    """The quarter turn OSD says, confidently enough, the page still needs (0: none)."""
    if osd is None or osd.confidence < cleanup.osd_min_confidence:
        return 0
    return osd.rotate


def _turned(
    image: np.ndarray,
    dpi: int,
    cleanup: CleanupOptions,
    analysis: PageAnalysis,
    cleaned: CleanedPage,
    turn: int,
) -> CleanedPage:
    """``image`` cleaned again, turned ``turn`` degrees further than ``cleaned`` was."""
    rotate = (cleaned.steps["rotation"] + turn) % 360
    return clean_page(image, dpi=dpi, options=cleanup, rotate=rotate, analysis=analysis)


def _reread_lines(
    result: _tesseract.OcrResult,
    image: np.ndarray,
    *,
    lang: str,
    dpi: int,
    timeout_s: float,
    watch: _Stopwatch,
    steps: dict[str, Any],
    grey: np.ndarray,
) -> _tesseract.OcrResult:
    """Read again, one line at a time, the lines of a local-script page that need it.

    With ``lang``: bands of ink the page read lost whole, rows it cut into pieces side by side,
    lines whose marks Tesseract cut into a line of their own, lines whose first letters it
    dropped, and lines with unsure Thai or Khmer words (replaced where the line alone reads
    them surer). With the local language alone: lines with Latin slips, lines with Khmer names
    or values after a label (a sign the page's reading lost put back; read from the ``grey``
    page, whose one-bit copy loses the small subscripts under a name's letters), and the first
    part of words that ran over a space. With English alone: lines with misread IPC
    subclasses, country codes read as local letters, Latin names with a word read as local
    letters or a number, and values after a label read unsurely in local letters or over too
    little of their ink (``processors.line_rereads``). Each kind costs one Tesseract process
    for all its lines. Reported in ``steps["lost_lines"]``,
    ``["cut_rows"]``, ``["split_marks"]``, ``["lost_heads"]``, ``["latin_slips"]``,
    ``["name_rereads"]``, ``["unsure_words"]``, ``["class_symbols"]``, ``["country_codes"]``,
    ``["latin_names"]``, ``["latin_values"]``, ``["lost_spaces"]``;
    Thai and Khmer words the model spaced where the ink shows none are joined
    (``["false_spaces"]``).
    """
    height, width = image.shape[:2]

    def read(images: list[np.ndarray], language: str) -> list[PageText]:
        with watch("ocr"):
            return _tesseract.recognize_lines(images, lang=language, dpi=dpi, timeout_s=timeout_s)

    page = result.page
    lost_lines = find_lost_lines(page, image)
    if lost_lines:
        page, kept = put_back_lost_lines(
            page, lost_lines, read(cut_lost_lines(image, lost_lines), lang)
        )
        steps["lost_lines"] = {"lines": len(lost_lines), "reread_kept": kept}
    cut_rows = find_cut_rows(page, width=width, height=height)
    if cut_rows:
        page, kept = put_back_cut_rows(page, cut_rows, read(cut_lost_lines(image, cut_rows), lang))
        steps["cut_rows"] = {"rows": len(cut_rows), "reread_kept": kept}
    splits = find_split_lines(page, width=width, height=height)
    if splits:
        page, kept = put_back(page, splits, read(cut_bands(image, splits), lang))
        steps["split_marks"] = {"lines": len(splits), "reread_kept": kept}
    heads = find_lost_heads(page, image) if _sure_readings(lang) else []
    if heads:
        page, kept = put_back_heads(page, heads, read(cut_bands(image, heads), lang))
        steps["lost_heads"] = {"lines": len(heads), "reread_kept": kept}
    local = local_pack(lang)
    if local is None:
        return result if page is result.page else _with_page(result, page)
    slips = find_latin_slips(page, width=width, height=height, after_latin_label=local == "lao")
    if slips:
        page, replaced = replace_slips(page, slips, read(cut_bands(image, slips), local))
        steps["latin_slips"] = {"lines": len(slips), "words_replaced": replaced}
    names = find_local_names(page, width=width, height=height)
    if names:
        page, replaced = replace_fuller_names(page, names, read(cut_bands(grey, names), local))
        steps["name_rereads"] = {"lines": len(names), "words_replaced": replaced}
    if _sure_readings(lang):
        unsure_words = find_unsure_local_words(page, width=width, height=height)
        if unsure_words:
            rereads = read(cut_bands(image, unsure_words), lang)
            page, replaced = replace_unsure_words(page, unsure_words, rereads)
            steps["unsure_words"] = {"lines": len(unsure_words), "words_replaced": replaced}
    symbols = find_odd_symbols(page, width=width, height=height)
    if symbols:
        page, replaced = replace_symbols(page, symbols, read(cut_bands(image, symbols), "eng"))
        steps["class_symbols"] = {"lines": len(symbols), "words_replaced": replaced}
    codes = find_local_country_codes(page, width=width, height=height)
    if codes:
        page, replaced = replace_country_codes(page, codes, read(cut_bands(image, codes), "eng"))
        steps["country_codes"] = {"lines": len(codes), "codes_replaced": replaced}
    latin_names = find_odd_words_in_latin_names(page, width=width, height=height)
    if latin_names:
        rereads = read(cut_bands(image, latin_names), "eng")
        page, replaced = replace_odd_name_words(page, latin_names, rereads)
        steps["latin_names"] = {"names": len(latin_names), "words_replaced": replaced}
    unsure = find_unsure_local_values(page, image)
    if unsure:
        page, replaced = replace_unsure_values(page, unsure, read(cut_bands(image, unsure), "eng"))
        steps["latin_values"] = {"lines": len(unsure), "values_replaced": replaced}
    lost_spaces = find_lost_spaces(page, image)
    if lost_spaces:
        rereads = read(cut_lost_spaces(image, lost_spaces), local)
        page, split = split_lost_spaces(page, lost_spaces, rereads)
        steps["lost_spaces"] = {"words": len(lost_spaces), "split": split}
    page, joined = join_false_spaces(page, image)
    if joined:
        steps["false_spaces"] = {"joined": joined}
    return result if page is result.page else _with_page(result, page)


def _sure_readings(lang: str) -> bool:
    """Whether a line read alone in ``lang`` can be sure enough to replace what a page read.

    Not Lao: its model reads its own words at 0-30, sure or not, so a reread that waits for
    80 only costs a Tesseract process.
    """
    return not lang.startswith("lao")


def _reread_lost_punctuation(
    result: _tesseract.OcrResult,
    image: np.ndarray,
    *,
    lang: str,
    dpi: int,
    timeout_s: float,
    watch: _Stopwatch,
    steps: dict[str, Any],
) -> _tesseract.OcrResult:
    """Read alone the words whose ink ends in a comma or full stop their reading lost.

    One Tesseract process for all of a page's such words (``processors.punctuation``), none
    when there are none; reported in ``steps["lost_punctuation"]``.
    """
    with watch("cleanup"):
        found = find_lost_punctuation(result.page, image)
    if not found:
        return result
    with watch("ocr"):
        rereads = _tesseract.recognize_lines(
            cut_lost_punctuation(image, found), lang=lang, dpi=dpi, timeout_s=timeout_s
        )
    page, restored = put_back_punctuation(result.page, found, rereads)
    steps["lost_punctuation"] = {"words": len(found), "restored": restored}
    return result if not restored else _with_page(result, page)


def _with_page(result: _tesseract.OcrResult, page: PageText) -> _tesseract.OcrResult:
    """``result`` with ``page`` in place of its page, and the mean confidence of its words."""
    return replace(result, page=page, mean_confidence=page.confidence)


def _thai_if_osd_says(lang: str, osd: _tesseract.Orientation | None) -> str:
    """Thai languages when OSD saw Thai script (the one office script it knows), else ``lang``."""
    if osd is not None and osd.script == "Thai":
        return languages_for_script(osd.script, latin=lang)
    return lang


def _read_local_scripts(
    page: CleanedPage,
    first: _tesseract.OcrResult,
    first_lang: str,
    *,
    page_index: int,
    timeout_s: float,
    watch: _Stopwatch,
) -> tuple[_tesseract.OcrResult, str, dict[str, float]]:
    """Read ``page`` with local scripts until one settles it; the kept reading and its languages.

    Returns the chosen reading, its languages and every languages tried with its confidence.
    """
    readings = {first_lang: first}
    confidences = {first_lang: first.mean_confidence}
    eligible = (
        dict(confidences)
        if reads_its_script(first_lang, first.page.text, first.mean_confidence)
        else {}
    )
    # How sure each eligible local reading is of its own script's words: what settles it.
    sure = {lang: script_word_confidence(lang, first.page.words) for lang in eligible}
    while (lang := next_local_language(list(readings), sure, eligible)) is not None:
        with watch("ocr"):
            readings[lang] = _read_page(page, lang, page_index=page_index, timeout_s=timeout_s)
        confidences[lang] = readings[lang].mean_confidence
        if reads_its_script(lang, readings[lang].page.text, confidences[lang]):
            eligible[lang] = confidences[lang]
            sure[lang] = script_word_confidence(lang, readings[lang].page.words)
    chosen = choose_languages(eligible or {first_lang: first.mean_confidence})
    return readings[chosen], chosen, confidences


def _keep_confident_ascii(
    reading: _tesseract.OcrResult, other: _tesseract.OcrResult
) -> _tesseract.OcrResult:
    """``reading`` with its plain-ASCII words taken from ``other`` where that read them surer.

    The Vietnamese-only model restores diacritics but reads some codes worse than vie+eng
    ("A01E" at 81.6 where vie+eng read "AO1F" at 88.4, an IPC symbol). A word is swapped only
    when both readings of the same box (overlap over half) are plain ASCII, so no diacritic
    is ever lost. The PDF text layer stays ``reading``'s.
    """
    others = [w for w in other.page.words if w.text.isascii()]
    lines = []
    for line in reading.page.lines:
        words = []
        for word in line.words:
            if word.text.isascii():
                rival = max(
                    (w for w in others if _overlap(word.bbox, w.bbox) > 0.5),
                    key=lambda w: w.confidence,
                    default=None,
                )
                if rival is not None and rival.confidence > word.confidence:
                    word = Word(rival.text, rival.confidence, word.bbox)
            words.append(word)
        lines.append(replace(line, words=tuple(words)))
    page = replace(reading.page, lines=tuple(lines))
    return replace(reading, page=page, mean_confidence=page.confidence)


def _overlap(a: BBox, b: BBox) -> float:
    """Intersection over union of two boxes."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    if width <= 0 or height <= 0:
        return 0.0
    inter = width * height
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union else 0.0


def ocr_image(page: CleanedPage, lang: str) -> np.ndarray:
    """What Tesseract reads of ``page`` in ``lang``: its thresholded copy where it has one.

    One bit a pixel spares Tesseract its own thresholding (a sixth of its time a page) and
    read Khmer better on seed 2039 (CER 1.3% against 3.9%), but Lao worse (5.4% against 3.6%:
    its small tone marks fare better in grey), so Lao is read from the grey page.
    """
    if page.thresholded is None or "lao" in lang.split("+"):
        return page.image
    return page.thresholded


def _other_candidate(cleaned: CleanedPage) -> tuple[CleanedPage | None, str]:
    """The same cleaned page with its fallback candidate to read, and that candidate's name."""
    if cleaned.fallback is None:
        return None, ""
    swapped = replace(
        cleaned,
        image=cleaned.fallback(),
        fallback=partial(np.asarray, cleaned.image),
        thresholded=None,
    )
    return swapped, cleaned.steps["candidates"][1]
