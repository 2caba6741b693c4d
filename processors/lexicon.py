"""Thai and Lao runs put right against a word list where one slip per word explains them.

The Lao model in particular confuses letters that differ by a stroke ("ລະງົບ" for "ລະບົບ",
"ກາຕຟ" for "ກາເຟ"). These scripts write a phrase without spaces, so a run of text is checked by
cutting it into dictionary words. A run that cuts cleanly stays as read. A run that does not is
rewritten only when dictionary words, each within one edit of what was read (a letter or mark
changed, added or dropped) and at least three characters long, spell a text within a small total
of edits, and no other text is as close: names and words outside the list stay as read.

The word lists are Debian's Hunspell dictionaries (``hunspell-th``, ``hunspell-lo``): plain
lists of words, no affixes, installed by the project's setup.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from processors.types import script_country

_END = ""  # key of a trie node that ends a word
_Trie = dict[str, "_Trie"]

# Hunspell dictionaries of the unspaced scripts this pipeline reads, by the script's country.
HUNSPELL_DIR = Path("/usr/share/hunspell")
DICTIONARIES = {"TH": "th_TH.dic", "LA": "lo_LA.dic"}

_SHORTEST_EDITED = 3  # characters of a dictionary word that may differ from what was read
_LONGEST_WORD = 30  # characters: no dictionary word of these lists is longer


@dataclass(frozen=True, slots=True)
class _Path:
    """The best way found to spell the run up to a position: edits, words, text, tied."""

    edits: int
    words: int
    text: str
    tied: bool


class Lexicon:
    """A word list of one script held as a trie, for cutting runs of text into words."""

    def __init__(self, words: Iterable[str]) -> None:
        self._root: _Trie = {}
        for word in words:
            node = self._root
            for char in word:
                node = node.setdefault(char, {})
            node[_END] = {}

    def __contains__(self, word: str) -> bool:
        node: _Trie | None = self._root
        for char in word:
            node = node.get(char) if node is not None else None
        return node is not None and _END in node

    def spells(self, run: str) -> bool:
        """Whether ``run`` cuts into dictionary words exactly."""
        reachable = [False] * (len(run) + 1)
        reachable[0] = True
        for start in range(len(run)):
            if not reachable[start]:
                continue
            node = self._root
            for end in range(start, min(len(run), start + _LONGEST_WORD)):
                node = node.get(run[end], {})
                if not node:
                    break
                if _END in node:
                    reachable[end + 1] = True
        return reachable[-1]

    def corrected(self, run: str, *, max_edits: int = 2) -> str | None:
        """``run`` spelled in dictionary words within ``max_edits`` edits, or None.

        None when the run is spelled right already, when no spelling is close enough, and
        when two different texts are equally close (fewest edits, then fewest words).
        """
        if not run or self.spells(run):
            return None
        best: list[_Path | None] = [None] * (len(run) + 1)
        best[0] = _Path(0, 0, "", False)
        for start in range(len(run)):
            here = best[start]
            if here is None:
                continue
            for end, edits, word in self._near_words(run, start):
                total = here.edits + edits
                if total > max_edits:
                    continue
                candidate = _Path(total, here.words + 1, here.text + word, here.tied)
                best[end] = _better(best[end], candidate)
        found = best[-1]
        if found is None or found.tied or found.edits == 0:
            return None
        return found.text

    def _near_words(self, run: str, start: int) -> Iterator[tuple[int, int, str]]:
        """Dictionary words read from ``start`` with at most one edit: (end, edits, word)."""
        limit = min(len(run), start + _LONGEST_WORD)

        def exact(node: _Trie, pos: int, built: str, edits: int) -> Iterator[tuple[int, int, str]]:
            while True:
                if _END in node and (edits == 0 or len(built) >= _SHORTEST_EDITED):
                    yield pos, edits, built
                if pos >= limit or run[pos] not in node:
                    return
                node, built, pos = node[run[pos]], built + run[pos], pos + 1

        def walk(node: _Trie, pos: int, built: str) -> Iterator[tuple[int, int, str]]:
            while True:
                if _END in node:
                    yield pos, 0, built
                for char, child in node.items():
                    if char == _END:
                        continue
                    yield from exact(child, pos, built + char, 1)  # a character lost
                    if pos < limit and char != run[pos]:
                        yield from exact(child, pos + 1, built + char, 1)  # one misread
                if pos < limit:
                    yield from exact(node, pos + 1, built, 1)  # a character too many
                if pos >= limit or run[pos] not in node:
                    return
                node, built, pos = node[run[pos]], built + run[pos], pos + 1

        yield from walk(self._root, start, "")


def _better(current: _Path | None, candidate: _Path) -> _Path:
    """The closer of two spellings up to one position; tied when only their texts differ."""
    if current is None:
        return candidate
    key, other = (candidate.edits, candidate.words), (current.edits, current.words)
    if key < other:
        return candidate
    if key == other and candidate.text != current.text:
        return _Path(current.edits, current.words, current.text, True)
    return current


def correct_runs(text: str, lexicons: dict[str, Lexicon]) -> str:
    """``text`` with each space-separated Thai or Lao run put right where its lexicon can.

    ``lexicons`` are keyed by the country of their script (``processors.types.script_country``).
    """
    out: list[str] = []
    for token in text.split(" "):
        countries = {script_country(c) for c in token}
        country = next(iter(countries)) if len(countries) == 1 else None
        lexicon = lexicons.get(country) if country else None
        fixed = lexicon.corrected(token) if lexicon is not None else None
        out.append(fixed if fixed is not None else token)
    return " ".join(out)


def read_word_list(path: Path) -> list[str]:
    """The words of a Hunspell ``.dic`` file (first line a count; flags after a slash dropped)."""
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return [unicodedata.normalize("NFC", line.split("/")[0].strip()) for line in lines if line]


@cache
def default_lexicons() -> dict[str, Lexicon]:
    """The installed Hunspell word lists by country of their script (TH, LA), read once.

    A script without one is left out: its runs stay as read (``digitize doctor`` says so).
    """
    return {
        script: Lexicon(read_word_list(HUNSPELL_DIR / name))
        for script, name in DICTIONARIES.items()
        if (HUNSPELL_DIR / name).is_file()
    }
