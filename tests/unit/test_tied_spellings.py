from __future__ import annotations

from processors.lexicon import Lexicon
from processors.tied_spellings import settle_tied_words
from processors.types import Line, PageText, SymbolChoices, Word, WordChoices

# Khmer words of a made-up list: "machine", "to dry" (the printed word), a look-alike one
# letter from what was read, and "rice".
LEXICONS = {"KH": Lexicon(["ម៉ាស៊ីន", "សម្ងួត", "សម្លុត", "ស្រូវ"])}
BOX = (100, 100, 600, 150)


def _symbols(read: str, weighed: dict[int, tuple[tuple[str, float], ...]]) -> list[SymbolChoices]:
    """One symbol per cluster of ``read`` split on spaces, with other choices at some."""
    clusters = read.split(" ")
    return [
        SymbolChoices(text, ((text, 90.0), *weighed.get(i, ()))) for i, text in enumerate(clusters)
    ]


# "សម្លួត" as the Khmer model reads it, cluster by cluster (seed 2110): at "្ល" it also
# weighed "្ង" (65) and "្អ", at "ួ" only "ូ", never "ុ".
READ = "ស ម ្ល ួ ត"
SEEN = {2: (("្ង", 64.7), ("្អ", 50.1)), 3: (("ូ", 54.9),)}


def _page(word: Word) -> PageText:
    return PageText(0, (Line((word,)),), 600, 200)


def test_the_tied_spelling_the_lstm_weighed_replaces_the_word() -> None:
    """ "សម្លួត" is one letter from "សម្ងួត" and from "សម្លុត": the list alone cannot tell, the
    LSTM's choices can."""
    word = Word("សម្លួត", 80.0, BOX)
    choices = [WordChoices(BOX, tuple(_symbols(READ, SEEN)))]
    page, settled = settle_tied_words(_page(word), LEXICONS, choices)
    assert settled == 1
    assert page.lines[0].words[0].text == "សម្ងួត"


def test_a_tie_the_choices_cannot_settle_stays_as_read() -> None:
    word = Word("សម្លួត", 80.0, BOX)
    both = {2: (("្ង", 64.7),), 3: (("ុ", 40.0),)}  # each spelling reachable
    unseen = {2: (("្ង", 5.0),)}  # weighed too faintly (under MIN_CHOICE)
    for weighed in (both, unseen, {}):
        choices = [WordChoices(BOX, tuple(_symbols(READ, weighed)))]
        assert settle_tied_words(_page(word), LEXICONS, choices) == (_page(word), 0)


def test_sure_words_and_words_without_choices_stay_as_read() -> None:
    choices = [WordChoices(BOX, tuple(_symbols(READ, SEEN)))]
    sure = Word("សម្លួត", 95.0, BOX)
    assert settle_tied_words(_page(sure), LEXICONS, choices)[1] == 0
    elsewhere = Word("សម្លួត", 80.0, (700, 100, 900, 150))  # no engine word inside its box
    assert settle_tied_words(_page(elsewhere), LEXICONS, choices)[1] == 0


# "ដបទឹកត្រី" (a bottle of fish sauce) read "ដបទឹកត្រឹ" (seed 2117): the model's own list holds
# the fragment "ត្រឹ", so the misread spells, in three words; at the last symbol the LSTM
# weighed "ី" at 80 against "ឹ" at 84.
FRAGMENTS = {"KH": Lexicon(["ដប", "ទឹក", "ត្រឹ", "ត្រី", "ទឹកត្រី", "ត្រឺ"])}
READ_BOTTLE = "ដ ប ទ ឹ ក ត ្រ ឹ"


def test_a_spelled_word_takes_a_close_choice_that_makes_it_fewer_words() -> None:
    word = Word("ដបទឹកត្រឹ", 46.0, BOX)
    weighed = {7: (("ី", 80.0), ("ឺ", 57.0))}  # "ត្រឺ" spells too, but in three words
    choices = [WordChoices(BOX, tuple(_symbols(READ_BOTTLE, weighed)))]
    page, settled = settle_tied_words(_page(word), FRAGMENTS, choices)
    assert settled == 1
    assert page.lines[0].words[0].text == "ដបទឹកត្រី"


def test_a_spelled_word_stays_without_one_close_choice_that_makes_it_fewer_words() -> None:
    word = Word("ដបទឹកត្រឹ", 46.0, BOX)
    for weighed in (
        {7: (("ី", 30.0),)},  # weighed, but not closely
        {7: (("ឺ", 80.0),)},  # close, but no fewer words
        {},
    ):
        choices = [WordChoices(BOX, tuple(_symbols(READ_BOTTLE, weighed)))]
        assert settle_tied_words(_page(word), FRAGMENTS, choices) == (_page(word), 0)
    sure = Word("ដបទឹកត្រឹ", 92.0, BOX)
    choices = [WordChoices(BOX, tuple(_symbols(READ_BOTTLE, {7: (("ី", 80.0),)})))]
    assert settle_tied_words(_page(sure), FRAGMENTS, choices)[1] == 0
