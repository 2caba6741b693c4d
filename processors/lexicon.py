"""Thai and Lao runs put right against a word list where one slip per word explains them.

The Lao model in particular confuses letters that differ by a stroke ("ລະງົບ" for "ລະບົບ",
"ກາຕຟ" for "ກາເຟ"). These scripts write a phrase without spaces, so a run of text is checked by
cutting it into dictionary words. A run that cuts cleanly stays as read. A run that does not is
rewritten only when dictionary words, each within one edit of what was read (a letter or mark
changed, added or dropped) and at least three characters long, spell a text within a small total
of edits, and no other text is as close: names and words outside the list stay as read.
Among equally close texts, the one the model's usual misreads explain wins
(``data/confusions.json``). A run that cuts into no words but does with the run before it
was cut from it by a false space, which goes.

The word lists are Debian's Hunspell dictionaries (``hunspell-th``, ``hunspell-lo``): plain
lists of words, no affixes, installed by the project's setup. Khmer has no Hunspell dictionary
in Debian: its list (``data/words/km.txt``) is the one Tesseract's Khmer model was built with,
unpacked by ``scripts/khmer_word_list.py``.

Vietnamese is written in syllables with spaces between them; Debian's ``hunspell-vi`` lists
them (6,631). A syllable of a Vietnamese text that is in no list and is one letter from exactly
one listed syllable is that syllable (``correct_syllables``): "SẲẢN" (one capital read twice)
is "SẢN". "SẲN" is one letter from 36 syllables and stays as read.
"""

from __future__ import annotations

import json
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path

from processors.types import can_part_between, compose_vowels, script_country

# Hunspell dictionaries of the unspaced scripts this pipeline reads, by the script's country.
HUNSPELL_DIR = Path("/usr/share/hunspell")
DICTIONARIES = {"TH": "th_TH.dic", "LA": "lo_LA.dic"}
VIETNAMESE_DICTIONARY = "vi_VN.dic"
# Letters only Vietnamese writes among the Latin scripts these offices use (the tone marks are
# told by decomposing: a letter whose NFD form carries a combining mark).
_VIETNAMESE_LETTERS = frozenset("ăâêôơưđ")
_SYLLABLE_EDGE = ".,;:!?()[]\"'“”‘’"
# Lists whose runs that spell are also tried with a confused letter swapped
# (``Lexicon.respelled``). Of 8,000 random entries of Tesseract's own Thai word list (web text)
# that changes 4 more (0.05%); of its Lao list 141 more (1.8%), names and place names among
# them: Debian's Lao list holds so many syllables that a swapped letter often "saves" a word.
RESPELL_PAIRS = frozenset({"TH"})
# What a letter read where none is printed costs, against 1 for one misread, in the lists
# where that breaks ties the right way. Aligned with the printed text of 13 evaluation sets
# (seeds 2097-2109), the Thai model misread a letter 185 times and added one 74 times:
# "แบบพกฬา" is "แบบพกพา" (a misread), not "แบบพกา". The Lao and Khmer models add letters
# as rarely, but there the cost picked wrong syllables in abstracts (160 -> 178 edits).
ADDED_LETTER_COST = {"TH": 1.25}
# Word lists shipped with the package (``data/words``), one word a line, by the same key.
PACKAGED_WORD_LISTS = {"KH": "km.txt"}

_SHORTEST_EDITED = 3  # characters of a dictionary word that may differ from what was read
# Thai and Lao tone marks: small strokes over a letter that OCR adds from a speck or loses.
TONE_MARKS = "\u0e48\u0e49\u0e4a\u0e4b\u0ec8\u0ec9\u0eca\u0ecb"
_LONGEST_WORD = 30  # characters: no dictionary word of these lists is longer
NO_CUT = 10**6  # ``fewest_words`` of a run that cuts into no words
_MOST_TIED = 8  # equally close spellings kept for a letter model to choose among
# Natural log: how much likelier than every other equally close spelling the one a letter
# model picks must be (e^5, about 150 times).
TIE_MARGIN = 5.0


@dataclass(frozen=True, slots=True)
class _Path:
    """The best ways found to spell the run up to a position: edits, words, texts.

    ``cost`` counts a misread between letters the model confuses (``confusions``) as half an
    edit: among spellings with as few edits and words, the likeliest misread wins. ``texts``
    holds every spelling that close (tied when more than one), up to ``_MOST_TIED``;
    ``overflow`` says more were left out.
    """

    edits: int
    words: int
    texts: tuple[str, ...]
    cost: float = 0.0
    overflow: bool = False


class Lexicon:
    """A word list of one script, sorted, for cutting runs of text into words.

    A sorted list answers "is this a word" and "does any word start so" by binary search: a
    tenth of the memory of a trie of dicts (8 MB against 86 MB for both lists), which every
    worker process would hold.
    """

    def __init__(
        self,
        words: Iterable[str],
        confusions: Iterable[str] = (),
        *,
        respell_pairs: bool = False,
        added_letter_cost: float = 1.0,
    ) -> None:
        self._words = sorted(set(words))
        self._set = frozenset(self._words)
        self._alphabet = "".join(sorted({c for word in self._words for c in word}))
        self._tones = "".join(c for c in TONE_MARKS if c in self._alphabet)
        # Pairs of characters the model reads one for the other, either way ("ຜຝ").
        self._confused = frozenset(
            (a, b) for pair in confusions for a, b in (tuple(pair), tuple(reversed(pair)))
        )
        # Whether ``respelled`` also tries those pairs, not only tone marks.
        self._respell_pairs = respell_pairs
        # The cost of a letter read where none is printed (a misread costs 1, or 0.5).
        self._added_letter_cost = added_letter_cost

    def __contains__(self, word: str) -> bool:
        return word in self._set

    def _starts(self, prefix: str) -> bool:
        """Whether some word starts with ``prefix``."""
        i = bisect_left(self._words, prefix)
        return i < len(self._words) and self._words[i].startswith(prefix)

    def spells(self, run: str) -> bool:
        """Whether ``run`` cuts into dictionary words exactly."""
        return self.fewest_words(run) != NO_CUT

    def fewest_words(self, run: str) -> int:
        """The fewest dictionary words ``run`` cuts into (a large number when it cuts into none)."""
        fewest = [NO_CUT] * (len(run) + 1)
        fewest[0] = 0
        for start in range(len(run)):
            if fewest[start] == NO_CUT:
                continue
            for end in range(start + 1, min(len(run), start + _LONGEST_WORD) + 1):
                piece = run[start:end]
                if piece in self._set:
                    fewest[end] = min(fewest[end], fewest[start] + 1)
                elif not self._starts(piece):
                    break
        return fewest[-1]

    def corrected(self, run: str, *, max_edits: int = 2) -> str | None:
        """``run`` spelled in dictionary words within ``max_edits`` edits, or None.

        None when the run is spelled right already, when no spelling is close enough, and
        when two different texts are equally close (fewest edits, then fewest words).
        """
        closest = self.closest(run, max_edits=max_edits)
        return closest[0] if len(closest) == 1 else None

    def closest(self, run: str, *, max_edits: int = 2) -> tuple[str, ...]:
        """Every spelling of ``run`` in dictionary words equally close to it, within ``max_edits``.

        Empty when the run is spelled right already, when no spelling is close enough, and
        when more than ``_MOST_TIED`` tie (too many to choose among).
        """
        if not run or self.spells(run):
            return ()
        best: list[_Path | None] = [None] * (len(run) + 1)
        best[0] = _Path(0, 0, ("",))
        for start in range(len(run)):
            here = best[start]
            if here is None:
                continue
            for end, edits, word, cost in self._near_words(run, start):
                total = here.edits + edits
                if total > max_edits:
                    continue
                texts = tuple(text + word for text in here.texts)
                candidate = _Path(total, here.words + 1, texts, here.cost + cost, here.overflow)
                best[end] = _better(best[end], candidate)
        found = best[-1]
        if found is None or found.overflow or found.edits == 0:
            return ()
        return found.texts

    def respelled(self, run: str) -> str | None:
        """``run`` with one tone mark added or dropped where that spells it in fewer words.

        These lists hold syllables, so a misread tone often still spells: "ກະເປົ່າສານ" cuts
        into "ກະ" + "ເປົ່າ" + "ສານ", where the printed "ກະເປົາສານ" (a woven bag) is two words;
        "เสือผ้า" (tiger, cloth) for "เสื้อผ้า" (clothes). With ``respell_pairs``, one letter
        of a pair the model confuses is tried in the other's place too ("เค้าอี้" for "เก้าอี้",
        a chair; "เส้นไย" for "เส้นใย", fibre). None when the run cuts into one word or none,
        when no such change saves a word, or when two changes tie.
        """
        words = self.fewest_words(run)
        if words == NO_CUT or words < 2:
            return None
        best: dict[int, list[str]] = {}
        for variant in self._variants(run):
            fewer = self.fewest_words(variant)
            if fewer < words:
                best.setdefault(fewer, []).append(variant)
        if not best:
            return None
        closest = best[min(best)]
        return closest[0] if len(closest) == 1 else None

    def respelled_by_likelihood(self, run: str, likelihood: Callable[[str], float]) -> str | None:
        """``run`` with one consonant changed where that cuts it into fewer words, if far likelier.

        For a list of syllables, where a misread still spells ("ລະຕົບ" is "ລະ" + "ຕົບ"), judged
        by a letter model (``likelihood``, a run's log-likelihood): the change must make the
        run ``TIE_MARGIN`` likelier than as read and than every other such change
        ("ລະຕົບກັ່ນຕອງນ້ຳ" is "ລະບົບກັ່ນຕອງນ້ຳ", a filter system). None otherwise.
        """
        words = self.fewest_words(run)
        if words == NO_CUT or words < 2:
            return None
        consonants = [c for c in self._alphabet if _consonant(c)]
        fewer = {
            run[:i] + other + run[i + 1 :]
            for i, char in enumerate(run)
            if _consonant(char)
            for other in consonants
            if other != char
        }
        scored = sorted(
            ((likelihood(v), v) for v in fewer if self.fewest_words(v) < words), reverse=True
        )
        if not scored or scored[0][0] - likelihood(run) < TIE_MARGIN:
            return None
        if len(scored) > 1 and scored[0][0] - scored[1][0] < TIE_MARGIN:
            return None
        return scored[0][1]

    def _variants(self, run: str) -> set[str]:
        """``run`` with one tone mark dropped or added, or one confused letter swapped."""
        variants = {run[:i] + run[i + 1 :] for i, c in enumerate(run) if c in self._tones}
        variants |= {run[:i] + t + run[i:] for i in range(1, len(run) + 1) for t in self._tones}
        if self._respell_pairs:
            variants |= {
                run[:i] + b + run[i + 1 :]
                for i, c in enumerate(run)
                for a, b in self._confused
                if a == c
            }
        variants.discard(run)
        return variants

    def _near_words(self, run: str, start: int) -> Iterator[tuple[int, int, str, float]]:
        """Dictionary words read from ``start`` with at most one edit.

        As (end, edits, word, cost): a misread of a confused pair costs half an edit.
        """
        limit = min(len(run), start + _LONGEST_WORD)

        def exact(pos: int, built: str, cost: float) -> Iterator[tuple[int, int, str, float]]:
            while True:
                if built in self._set and (cost == 0 or len(built) >= _SHORTEST_EDITED):
                    yield pos, 1 if cost else 0, built, cost
                if pos >= limit or not self._starts(built + run[pos]):
                    return
                built, pos = built + run[pos], pos + 1

        pos, built = start, ""
        while True:
            if built and built in self._set:
                yield pos, 0, built, 0.0
            for char in self._alphabet:
                if not self._starts(built + char):
                    continue
                yield from exact(pos, built + char, 1.0)  # a character lost
                if pos < limit and char != run[pos]:
                    misread = 0.5 if (char, run[pos]) in self._confused else 1.0
                    yield from exact(pos + 1, built + char, misread)
            if pos < limit:
                yield from exact(pos + 1, built, self._added_letter_cost)  # a character too many
            if pos >= limit or not self._starts(built + run[pos]):
                return
            built, pos = built + run[pos], pos + 1


def _consonant(char: str) -> bool:
    """Whether ``char`` is a Thai, Lao or Khmer consonant (Lao ho no and ho mo included)."""
    return (
        "\u0e01" <= char <= "\u0e2e"
        or "\u0e81" <= char <= "\u0eae"
        or char in "\u0edc\u0edd"
        or "\u1780" <= char <= "\u17a2"
    )


def _better(current: _Path | None, candidate: _Path) -> _Path:
    """The closer of two spellings up to one position; both texts kept when they tie.

    Fewest edits, then fewest words, then the likeliest misreads (lowest cost).
    """
    if current is None:
        return candidate
    key = (candidate.edits, candidate.words, candidate.cost)
    other = (current.edits, current.words, current.cost)
    if key < other:
        return candidate
    if key > other:
        return current
    texts = tuple(dict.fromkeys(current.texts + candidate.texts))
    overflow = current.overflow or candidate.overflow or len(texts) > _MOST_TIED
    return replace(current, texts=texts[:_MOST_TIED], overflow=overflow)


def correct_runs(
    text: str,
    lexicons: dict[str, Lexicon],
    likelihood_of: Callable[[str], Callable[[str], float] | None] | None = None,
) -> str:
    """``text`` with each space-separated Thai, Lao or Khmer run put right where its lexicon can.

    A space read inside a word goes first (``space_inside_word``), judged on the runs as read
    and as corrected: "ដោ យប្រើផ្យូង" is "ដោយប្រើធ្យូង" only once "ផ្យូង" is put right. Signs
    around a run ("ដី។", "ໄໝ.") stay as read and do not keep it from its lexicon. ``lexicons``
    are keyed by the country of their script (``processors.types.script_country``). A run
    that spells may still have one tone mark too many or too few (``Lexicon.respelled``).
    Where equally close spellings tie, the letter model ``likelihood_of`` gives for the
    script's country (a run's log-likelihood; None where it has none) picks the one far
    likelier than the rest (``_likeliest_of``): "ຄື່ອງອົບເຂົ້າ" is "ເຄື່ອງອົບເຂົ້າ" (a
    machine), not "ຄ່ອງອົບເຂົ້າ". The same model judges a run that spells in syllables but
    would in fewer words with one consonant changed (``Lexicon.respelled_by_likelihood``).
    """
    out: list[tuple[str, str, str]] = []  # (signs before, run, signs after)
    for token in text.split(" "):
        out.append(split_signs(token))
        # A run joined to the one before may in turn join the one before that: in "វិធី
        # សាស្ត្រផ លិតទឹកត្រី" (seed 2098) "សាស្ត្រផ" alone spells nothing beside "វិធី", but
        # once "លិតទឹកត្រី" is back on it, "វិធីសាស្ត្រ" runs across the first space too.
        while len(out) >= 2 and (joined := _joined(out[-2], out[-1], lexicons)) is not None:
            out[-2:] = [joined]
    spelled = []
    for head, run, tail in out:
        lexicon = lexicon_for(run, lexicons) if run else None
        fixed = None
        if lexicon is not None:
            likelihood = likelihood_of(script_country(run[0])) if likelihood_of else None
            closest = lexicon.closest(run)
            if len(closest) == 1:
                fixed = closest[0]
            elif closest and likelihood is not None:
                fixed = _likeliest_of(closest, likelihood)
            fixed = fixed or lexicon.respelled(run)
            # Put right or not, a run may still spell in syllables where one word was printed
            # ("ລະຕົບກັ່ນຕອງໆນ້ຳ": its "ໆ" goes, then "ລະຕົບ" is "ລະບົບ", seed 2113).
            if likelihood is not None:
                fixed = lexicon.respelled_by_likelihood(fixed or run, likelihood) or fixed
        spelled.append(head + (fixed if fixed is not None else run) + tail)
    return " ".join(spelled)


def _likeliest_of(texts: Iterable[str], likelihood: Callable[[str], float]) -> str | None:
    """The text ``likelihood`` scores at least ``TIE_MARGIN`` above every other; else None."""
    scored = sorted(((likelihood(text), text) for text in texts), reverse=True)
    if len(scored) < 2 or scored[0][0] - scored[1][0] < TIE_MARGIN:
        return None
    return scored[0][1]


def _joined(
    previous: tuple[str, str, str], current: tuple[str, str, str], lexicons: dict[str, Lexicon]
) -> tuple[str, str, str] | None:
    """Two neighbouring runs as one where the space between them lies inside a word, or None.

    Judged on the runs as read, then as corrected; never across a sign.
    """
    head, run, tail = current
    lexicon = lexicon_for(run, lexicons) if run else None
    if lexicon is None or head or previous[2] or lexicon_for(previous[1], lexicons) is not lexicon:
        return None
    if space_inside_word(previous[1], run, lexicon):
        return previous[0], previous[1] + run, tail
    fixed_previous = lexicon.corrected(previous[1]) or previous[1]
    fixed_run = lexicon.corrected(run) or run
    if (fixed_previous, fixed_run) != (previous[1], run) and space_inside_word(
        fixed_previous, fixed_run, lexicon
    ):
        return previous[0], fixed_previous + fixed_run, tail
    return None


def split_signs(token: str) -> tuple[str, str, str]:
    """``token`` as the punctuation and symbols before it, its run, and those after it."""
    start, end = 0, len(token)
    while start < end and unicodedata.category(token[start])[0] in "PS":
        start += 1
    while end > start and unicodedata.category(token[end - 1])[0] in "PS":
        end -= 1
    return token[:start], token[start:end], token[end:]


def space_inside_word(previous: str, run: str, lexicon: Lexicon) -> bool:
    """Whether the space read between two runs of one script lies inside a word.

    The runs together cut into words, and either one alone does not ("กา แฟ", "พลั งงาน",
    "វិធីសាស្ត្រផ លិត"); or the space cut a word's last letter off: the run after it starts
    with a lone letter that ends the run before as a word ("ដោ យប្រើ" for "ដោយប្រើ": the gap
    after a vowel's right half looks like a space to the Khmer model); or, both runs being
    words, together they cut into fewer words than apart, so every closest cut has a word
    across the space ("กระ เป๋าสาน": "กระเป๋า" + "สาน", not "กระ" + "เป๋า" + "สาน"). Words
    printed apart ("กาแฟ ชา ข้าว", "ថ្មី សម្រាប់") cut into no fewer together.
    """
    joined = lexicon.fewest_words(previous + run)
    if joined == NO_CUT:
        return False
    before, after = lexicon.fewest_words(previous), lexicon.fewest_words(run)
    if NO_CUT in (before, after):
        return True
    if _lone_first_letter(run) and previous + run[0] in lexicon:
        return True
    return joined < before + after


def _lone_first_letter(run: str) -> bool:
    """Whether ``run`` starts with a letter that stands alone (no vowel or mark on it)."""
    if unicodedata.category(run[0]) != "Lo":
        return False
    rest = run[1:]
    return not rest or (
        unicodedata.category(rest[0]) not in ("Mn", "Mc") and can_part_between(run[0], rest)
    )


def lexicon_for(run: str, lexicons: dict[str, Lexicon]) -> Lexicon | None:
    """The lexicon of the one script ``run`` is written in; None for mixed or other text."""
    countries = {script_country(c) for c in run}
    country = next(iter(countries)) if len(countries) == 1 else None
    return lexicons.get(country) if country else None


def read_word_list(path: Path) -> list[str]:
    """The words of a Hunspell ``.dic`` file (first line a count; flags after a slash dropped).

    Spelled as OCR text is (NFC, composed vowels and Lao ໜ ໝ), so both compare equal.
    """
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return [
        compose_vowels(unicodedata.normalize("NFC", line.split("/")[0].strip()))
        for line in lines
        if line
    ]


def read_packaged_word_list(name: str) -> list[str]:
    """The words of a word list shipped in ``processors/data/words``, one a line."""
    path = resources.files("processors").joinpath("data").joinpath("words").joinpath(name)
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line]


@cache
def default_lexicons() -> dict[str, Lexicon]:
    """The word lists by country of their script (TH, LA installed, KH packaged), read once.

    A script whose Hunspell list is not installed is left out: its runs stay as read
    (``digitize doctor`` says so).
    """
    confusions = default_confusions()
    lexicons = {
        script: Lexicon(
            read_word_list(HUNSPELL_DIR / name),
            confusions.get(script, ()),
            respell_pairs=script in RESPELL_PAIRS,
            added_letter_cost=ADDED_LETTER_COST.get(script, 1.0),
        )
        for script, name in DICTIONARIES.items()
        if (HUNSPELL_DIR / name).is_file()
    }
    for script, name in PACKAGED_WORD_LISTS.items():
        lexicons[script] = Lexicon(read_packaged_word_list(name), confusions.get(script, ()))
    return lexicons


def default_confusions() -> dict[str, list[str]]:
    """The packaged pairs of characters each script's model confuses (``data/confusions.json``)."""
    path = resources.files("processors").joinpath("data").joinpath("confusions.json")
    table = json.loads(path.read_text(encoding="utf-8"))
    return {
        script: [compose_vowels(unicodedata.normalize("NFC", pair)) for pair in pairs]
        for script, pairs in table.items()
        if script != "_about"
    }


@cache
def default_vietnamese_syllables() -> frozenset[str]:
    """The syllables of Debian's Vietnamese list (lower case, NFC); empty when not installed."""
    path = HUNSPELL_DIR / VIETNAMESE_DICTIONARY
    if not path.is_file():
        return frozenset()
    return frozenset(word.lower() for word in read_word_list(path))


def correct_syllables(text: str, syllables: frozenset[str]) -> str:
    """``text`` with each unlisted Vietnamese syllable one letter from a single listed one made it.

    Only a text most of whose words are listed syllables is Vietnamese; a word with no
    Vietnamese letter or mark (an English word, an acronym, a number) is never touched, nor is
    a syllable near two or more listed ones. Case follows the word as read.
    """
    tokens = text.split(" ")
    words = [token.strip(_SYLLABLE_EDGE) for token in tokens]
    lettered = [word for word in words if word.isalpha()]
    listed = sum(word.lower() in syllables for word in lettered)
    if not lettered or 2 * listed < len(lettered):
        return text
    out = []
    for token, word in zip(tokens, words, strict=True):
        lower = word.lower()
        if word.isalpha() and _vietnamese(lower) and lower not in syllables:
            near = _one_letter_away(lower, _letters_of(syllables)) & syllables
            if len(near) == 1:
                token = token.replace(word, same_case(word, next(iter(near))), 1)
        out.append(token)
    return " ".join(out)


@cache
def _letters_of(syllables: frozenset[str]) -> str:
    """Every letter the syllables are written with."""
    return "".join(sorted({char for syllable in syllables for char in syllable}))


def _vietnamese(word: str) -> bool:
    """Whether ``word`` has a letter only Vietnamese writes or a letter with a mark."""
    return any(c in _VIETNAMESE_LETTERS or unicodedata.normalize("NFD", c) != c for c in word)


def _one_letter_away(word: str, letters: str) -> set[str]:
    """Every string one letter of ``letters`` (changed, added or dropped) from ``word``."""
    near = {word[:i] + word[i + 1 :] for i in range(len(word))}
    for i in range(len(word) + 1):
        near.update(word[:i] + c + word[i:] for c in letters)
        if i < len(word):
            near.update(word[:i] + c + word[i + 1 :] for c in letters)
    near.discard(word)
    return near


def same_case(read: str, syllable: str) -> str:
    """``syllable`` in the case of the word as read: all capitals, a capital first, or none."""
    if read.isupper():
        return syllable.upper()
    if read[:1].isupper():
        return syllable[:1].upper() + syllable[1:]
    return syllable
