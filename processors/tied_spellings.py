"""Khmer words one slip from two dictionary spellings at once, settled by the LSTM's choices.

The Khmer model's misreads often lie one letter from two words of its own list: "សម្លួត" is one
edit from "សម្ងួត" (to dry, the printed word) and from "សម្លុត" (seeds 2098-2112, six titles),
"ចង្កេង" from "ចង្កៀង" (lamp) and "ចង្កេះ". The word-list correction (``processors.lexicon``)
leaves such ties as read, and no letter model of running Khmer text is at hand to choose. But
Tesseract says which other readings its LSTM weighed at each symbol: at "្ល" it weighed "្ង"
at 65, at "ួ" only "ូ" and "័", never "ុ". Among the tied spellings, the one (and only one) that
taking other choices at one or two symbols spells replaces the word. An unsure word that
spells, but in more words than a close second choice at one symbol makes it, takes that choice
("ដបទឹកត្រឹ", "ដបទឹកត្រី"). Only unsure words (below ``SURE``) are weighed, as the Lao letter
model weighs only those.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from itertools import combinations

from processors.letter_model import MIN_CHOICE, SURE, symbols_of
from processors.lexicon import Lexicon, lexicon_for, split_signs
from processors.types import (
    PageText,
    SymbolChoices,
    Word,
    WordChoices,
    normalize_ocr_text,
    script_country,
)

# Scripts whose ties are settled so: Khmer, which has no letter model. Lao ties go to the
# letter model (``processors.lexicon.correct_runs``); Thai pages do not report choices.
TIE_SCRIPTS = frozenset({"KH"})
_MOST_CHANGED = 2  # symbols read as another of their choices
# A choice weighed this high (0-100) at a symbol is a close second reading of it.
CLOSE_CHOICE = 50.0


def settle_tied_words(
    page: PageText, lexicons: Mapping[str, Lexicon], choices: Sequence[WordChoices]
) -> tuple[PageText, int]:
    """The page with each unsure word whose list ties put right where the choices tell which.

    Returns the page and how many words changed.
    """
    by_country = dict(lexicons)

    def settle(word: Word) -> Word | None:
        if word.confidence >= SURE:
            return None
        head, run, tail = split_signs(word.text)
        lexicon = lexicon_for(run, by_country) if run else None
        if lexicon is None or script_country(run[0]) not in TIE_SCRIPTS:
            return None
        symbols = symbols_of(word, choices)
        if lexicon.spells(run):
            return _in_fewer_words(word, run, symbols, lexicon) if symbols else None
        tied = lexicon.closest(run)
        if len(tied) < 2 or symbols is None:
            return None
        reachable = _other_readings(symbols)
        found = [text for text in tied if normalize_ocr_text(head + text + tail) in reachable]
        if len(found) != 1:
            return None
        return replace(word, text=normalize_ocr_text(head + found[0] + tail))

    return page.with_words_replaced(settle)


def _in_fewer_words(
    word: Word, run: str, symbols: Sequence[SymbolChoices], lexicon: Lexicon
) -> Word | None:
    """``word`` as the one close choice at one symbol that cuts it into fewer words, or None.

    A misread that lands on the model's own list, which holds fragments, still spells: "ដបទឹក
    ត្រឹ" (bottle + water + a fragment, seed 2117) where the LSTM weighed "ី" at 80 against
    "ឹ" at 84 at its last symbol, and "ដបទឹកត្រី" is two words (bottle, fish sauce). A choice
    scored ``CLOSE_CHOICE`` or more that makes the word fewer words replaces it, when it is
    the only one.
    """
    read = [symbol.text for symbol in symbols]  # they spell the word (``symbols_of``)
    head, _, tail = split_signs(word.text)
    fewest = lexicon.fewest_words(run)
    better: set[str] = set()
    for i, symbol in enumerate(symbols):
        for text, score in symbol.choices:
            if text == symbol.text or score < CLOSE_CHOICE:
                continue
            changed = "".join([*read[:i], text, *read[i + 1 :]])
            _, other, _ = split_signs(normalize_ocr_text(changed))
            if other and lexicon.fewest_words(other) < fewest:
                better.add(other)
    if len(better) != 1:
        return None
    return replace(word, text=normalize_ocr_text(head + better.pop() + tail))


def _other_readings(symbols: Sequence[SymbolChoices]) -> set[str]:
    """Texts spelled by taking another choice (scored ``MIN_CHOICE`` or more) at 1-2 symbols."""
    others = [
        [text for text, score in symbol.choices if score >= MIN_CHOICE and text != symbol.text]
        for symbol in symbols
    ]
    read = [symbol.text for symbol in symbols]
    found: set[str] = set()
    changeable = [i for i, texts in enumerate(others) if texts]
    for count in range(1, _MOST_CHANGED + 1):
        for positions in combinations(changeable, count):
            texts = [read]
            for i in positions:
                texts = [[*t[:i], other, *t[i + 1 :]] for t in texts for other in others[i]]
            found.update(normalize_ocr_text("".join(t)) for t in texts)
    return found
