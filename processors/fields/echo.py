"""A title put right by its echo in the abstract, word by word, where the abstract read surer.

Patent abstracts open by restating the title ("Sáng chế đề cập đến phương pháp xử lý nước
thải ...", "The invention relates to a biodegradable packaging film ..."). The title is
printed in capitals, often bold, where Tesseract misreads what the body text's small letters
show plainly: a Vietnamese tone mark cramped over a capital ("THÁI" for "THẢI", "SẲN" for
"SẢN"), or a letter of a long word in a line the model reads in context ("BBODEGRADABLE").
Where most of the title's words come back in one run of the abstract, a title word that
differs from its echo by one slip takes the echo's spelling, in the title's case, when the
abstract's word was read at least as surely. An echo that only lacks something the title
shows (a mark, a letter) is believed only against an unsure title word: a faint mark lost on a
worn page is a common misread, one made up from noise is not ("TRỒNG", sure, against an echo
read "trông", stays), unless the word list of its language says the title word is none
("SẲN", read at 90, for "sản"). Words that differ by an ending ("SYSTEMS",
"system") are a restatement, not a misread, and stay; so do numbers. A Thai, Lao or Khmer
title, a phrase run together, is matched letter by letter, and its echo taken only where the
word list says the echo spells and the title does not (``unspaced_title_from_echo``).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from processors.lexicon import same_case, split_signs
from processors.metrics import levenshtein

# Share of the title's words, and fewest words, that must come back unchanged in one run of
# the abstract before its other words are trusted as the same phrase.
MIN_ECHOED_SHARE = 0.6
MIN_ECHOED_WORDS = 2
# Slips a word may differ by: one, or two in a word of this many letters or more.
LONG_WORD = 8
# Letters the echo of a Thai, Lao or Khmer title may differ from it by (and a fifth of them).
MAX_UNSPACED_EDITS = 2
# The restatement opens an abstract: the letters searched for it (the search costs ~30 ms a
# thousand letters of a Khmer abstract).
ECHO_WITHIN_LETTERS = 1000
# A title word read this surely (0-100) keeps what its echo lacks.
SURE_TITLE_WORD = 90.0


@dataclass(frozen=True, slots=True)
class ReadWord:
    """A word as read, with Tesseract's confidence (0-100), or None where it is not known."""

    text: str
    confidence: float | None


def _key(token: str) -> str:
    return split_signs(token)[1].casefold()


def _one_slip(title_key: str, echo_key: str) -> bool:
    """Whether two differing words are one misread apart, not two forms of one word."""
    if not title_key or not echo_key:
        return False
    if title_key.startswith(echo_key) or echo_key.startswith(title_key):
        return False  # another form of the word ("SYSTEMS", "system")
    if any(c.isdigit() for c in title_key + echo_key):
        return False
    limit = 2 if min(len(title_key), len(echo_key)) >= LONG_WORD else 1
    return levenshtein(title_key, echo_key) <= limit


def _only_lacks(echo_key: str, title_key: str) -> bool:
    """Whether the echo is the title word with a mark or letter left out, nothing else."""
    echo, title = (unicodedata.normalize("NFD", k) for k in (echo_key, title_key))
    rest = iter(title)
    return all(ch in rest for ch in echo)


def _best_echo(title: Sequence[ReadWord], abstract: Sequence[ReadWord]) -> int | None:
    """Where in the abstract the title comes back, as the index of its first word."""
    size = len(title)
    keys = [_key(w.text) for w in title]
    best, best_start = 0, None
    for start in range(len(abstract) - size + 1):
        same = sum(keys[i] == _key(abstract[start + i].text) for i in range(size))
        if same > best:
            best, best_start = same, start
    needed = max(MIN_ECHOED_WORDS, math.ceil(MIN_ECHOED_SHARE * size))
    return best_start if best >= needed and best < size else None


def title_from_echo(
    title: Sequence[ReadWord],
    abstract: Sequence[ReadWord],
    known_words: frozenset[str] = frozenset(),
) -> list[str] | None:
    """The title's words with its slips put right from the abstract's echo, or None if none.

    ``known_words`` (lower case), where the title's language has a list: a title word not in
    it whose echo is was misread, however surely.
    """
    start = _best_echo(title, abstract)
    if start is None:
        return None
    words = [w.text for w in title]
    changed = False
    for i, word in enumerate(title):
        echo = abstract[start + i]
        title_key, echo_key = _key(word.text), _key(echo.text)
        if title_key == echo_key or not _one_slip(title_key, echo_key):
            continue
        if word.confidence is None or echo.confidence is None:
            continue
        if echo.confidence < word.confidence:
            continue
        unknown = echo_key in known_words and title_key not in known_words
        if word.confidence >= SURE_TITLE_WORD and _only_lacks(echo_key, title_key) and not unknown:
            continue
        lead, letters, trail = split_signs(word.text)
        words[i] = lead + same_case(letters, split_signs(echo.text)[1]) + trail
        changed = True
    return words if changed else None


def _closest_run(text: str, within: str) -> tuple[int, int, int]:
    """The run of ``within`` closest to ``text`` by edits: (start, end, edits); the first best.

    Sellers' algorithm: an edit distance where the match may start and end anywhere in
    ``within``, each cell keeping where its match started.
    """
    previous = [(0, j) for j in range(len(within) + 1)]  # (edits, start) for text[:0]
    for i, char in enumerate(text, start=1):
        current = [(i, 0)]
        for j, other in enumerate(within, start=1):
            diagonal, diagonal_start = previous[j - 1]
            options = (
                (diagonal + (char != other), diagonal_start),
                (previous[j][0] + 1, previous[j][1]),  # a letter of the title not in the run
                (current[j - 1][0] + 1, current[j - 1][1]),  # a letter of the run not in it
            )
            current.append(min(options, key=lambda option: option[0]))
        previous = current
    edits, end = min((cell[0], j) for j, cell in enumerate(previous))
    return previous[end][1], end, edits


def _marks(text: str) -> int:
    return sum(unicodedata.category(char) in ("Mn", "Mc") for char in text)


def unspaced_title_from_echo(
    title: str, abstract: str, spells: Callable[[str], bool]
) -> str | None:
    """A Thai, Lao or Khmer title as its echo in the abstract reads it, where that spells.

    These scripts run a phrase together, so the echo is found letter by letter (spaces left
    out on both sides): the abstract's run closest to the title, within ``MAX_UNSPACED_EDITS``
    letters and a fifth of the title, starting and ending with the title's letters and holding
    no fewer vowel signs and marks (a lost mark is the usual misread). It replaces the title
    only where each of its space-separated runs ``spells`` (cuts into words of its script's
    list) and one of the title's does not: the word list, not the two readings' confidences,
    decides.
    """
    letters = title.replace(" ", "")
    positions = [i for i, char in enumerate(abstract) if char != " "][:ECHO_WITHIN_LETTERS]
    start, end, edits = _closest_run(letters, "".join(abstract[i] for i in positions))
    if end == start or edits == 0 or edits > min(MAX_UNSPACED_EDITS, len(letters) // 5):
        return None
    echo = abstract[positions[start] : positions[end - 1] + 1]
    if echo[0] != letters[0] or echo[-1] != letters[-1]:
        return None  # not anchored at both ends: maybe a longer phrase, or debris read
    if _marks(echo) < _marks(letters):
        return None  # the echo lost a mark the title shows: the usual misread
    if all(spells(run) for run in echo.split(" ")) and not all(
        spells(run) for run in title.split(" ")
    ):
        return echo
    return None
