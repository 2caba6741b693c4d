"""Lao runs put right by how likely their letters are in running Lao text.

Debian's Lao list holds syllables as well as words, so nearly every misread still cuts into
"words": "ວິທິການ" (ວິ + ທິ + ການ), "ໂຄມໄຟປະດັນ", "ລາວອາໂຄຣ". What gives them away is that such
letter sequences are rare in Lao text. A model of letter sequences (counts of the 1- to
5-letter sequences of the half million chunks of web text Tesseract's own Lao model was
built with) scores each run as read and the runs one or two of the model's usual misreads
away (``data/confusions.json``, a tone mark dropped or added, another mark dropped); a run is
rewritten only when the likelier one gains at least ``COST_PER_EDIT`` (natural log) for each
letter changed, and only in words Tesseract read with confidence under ``SURE``: words of the
printed text read at median 91, misread ones at 80 or less nine times in ten. Cost 10 was
chosen on the names and titles of 900 generated Lao, Thai and Khmer front pages: 19 fields
put right ("ເສງດາວ" -> "ແສງດາວ", "ພູມມະຄາ" -> "ພູມມະລາ"), none made wrong. Cost 8 put
right 26 there, but the correct title "ເຄື່ອງທໍຜ້າໄໝ", read unsure, gains 8.5 as
"ເຄື່ອງຫໍຜ້າໄໝ" and would be rewritten. On 600 held-out
chunks of the web text, where every word counts as unsure, cost 10 changes 31: most are
the web text's own typos put right ("ຜູ່ກວດສອບ" -> "ຜູ້ກວດສອບ"), about 8 correct but rare
spellings made wrong (place names, "ຜືນດິນ"), which is why sure words are never touched.

Tesseract also says which other letters its LSTM weighed at each symbol, and how well
(``lstm_choice_mode``): "ລະງົບ" was read with ງ at 80.8 and ບ at 79.0. An unsure word still
as the pass read it is read again from those choices (``likeliest_reading``: the LSTM's
scores and the letter model together) and then checked for usual misreads as above; that
reading replaces the word only where it beats the run as read, or put right, by more than
its choices cost. On the 71 Lao pages of seeds 2086, 2088, 2094 and 2095, as they reach
this step, the words of their titles and names found on the page went 267 (as read) -> 294
(misreads put right) -> 307 of 373 with the choices, and the error rate of their Lao letters
9.7% -> 7.7% -> 6.6%. ``CHOICE_WEIGHT`` 3 read as well as 1 or 2 there and a little better
than 4 or 6; asking the reading to win by a margin of 3 or 6 lost words.

The counts (``data/letters/lo.tsv.gz``) are written by ``scripts/lao_letter_model.py``.

Thai runs are checked the same way, with a model of the letter sequences of the Thai National
Corpus's words, each counted as often as the corpus uses it (``data/letters/th.tsv.gz``, CC0,
written by ``scripts/thai_letter_model.py``), and with a confused letter swapped only (no mark
dropped or tone added): on the 160 Thai pages of seeds 2120-2127 that put 6 unsure words right
("ทองตี" -> "ทองดี", "จำคัด" -> "จำกัด", "เชียงใหม่ฟู้ต" -> "เชียงใหม่ฟู้ด") and made none wrong; on
the 21 of the fresh seed 2128 it put one right and made one worse ("สุขสวัสด์", already a letter
short, -> "สุขสวัสต์"), and in a run of goods printed without spaces took "หมวก" for "หมาก" as it
put "น้าปลา" right.
"""

from __future__ import annotations

import gzip
import math
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from functools import cache
from importlib import resources

from processors.lexicon import default_confusions, split_signs
from processors.types import (
    PageText,
    SymbolChoices,
    Word,
    WordChoices,
    normalize_ocr_text,
    script_country,
)

ORDER = 5  # letters of the longest sequence counted
COST_PER_EDIT = 10.0  # log-likelihood a run must gain for each letter changed
SURE = 90.0  # OCR confidence (0-100) of a word left as read
_DISCOUNT = 0.75  # absolute discounting of seen sequences, the usual value
_SHORTEST_RUN = 3  # letters: shorter runs are too short to judge
_BEAM = 8  # one-edit candidates a second edit is tried on, likeliest first
_LAO_TONES = "\u0ec8\u0ec9"  # the tone marks OCR adds from a speck (mai ek, mai tho)
# Reading a word again from its symbols' LSTM choices (``likeliest_reading``):
CHOICE_WEIGHT = 3.0  # weight of the LSTM's log-scores against the letter model's
MIN_CHOICE = 10.0  # LSTM score (0-100) under which another reading of a symbol is not weighed
_UNLISTED_SCORE = 50.0  # LSTM score given to a symbol's own reading its list leaves out
_SCORE_FLOOR = 0.1  # LSTM score a listed reading of score 0 counts as (log of 0 is -inf)
_CHOICE_BEAM = 16  # readings kept after each symbol, likeliest first
_MOST_REMEMBERED = 100_000  # letter sequences whose log-probability a model keeps (~14 MB)


def padded(run: str, order: int = ORDER) -> str:
    """``run`` as the counts see it: ``order - 1`` "^" before it (its start) and "$" after."""
    return "^" * (order - 1) + run + "$"


def _lao_consonant(char: str) -> bool:
    return "\u0e81" <= char <= "\u0eae" or char in "\u0edc\u0edd"


# Packaged letter-sequence counts by the country of their script.
PACKAGED_COUNTS = {"LA": "lo.tsv.gz", "TH": "th.tsv.gz"}
# Scripts whose runs are also tried with a mark dropped or a tone mark added: the Lao model
# loses and adds them; in Thai those edits put right nothing on the stored pages of the
# evaluation sets and made words wrong ("อุปกรณ์นี้มี" -> "อุปกรณ์น้ม"), so Thai runs are tried
# with a confused letter swapped only.
MARK_EDITS = frozenset({"LA"})
# Scripts whose model also settles ties between dictionary spellings of a run and between two
# readings of one name (``processors.fields.extract``). The Thai model counts words one by
# one, not running text, so across word ends it misjudges: settling Thai ties too changed 233
# fields of 2,900 stored documents, many for the worse ("จากปลากะตัก" -> "ปากปลากะตัก").
TIE_BREAKING_SCRIPTS = frozenset({"LA"})
# Tesseract languages whose page passes report the LSTM's choices: Lao's for this model,
# Khmer's to settle ties between dictionary spellings (``processors.tied_spellings``).
MODELLED_LANGUAGES = frozenset({"lao", "khm"})


class LetterModel:
    """Letter-sequence counts of a script's text, scored with interpolated absolute discounting.

    ``counts`` maps each sequence of 1 to ``order`` letters (runs padded with ``^`` before
    and ``$`` after) to how many times it occurs.
    """

    def __init__(self, counts: Mapping[str, int], order: int = ORDER) -> None:
        self.order = order
        self._counts = counts
        self._followed: dict[str, int] = {}  # history -> count of its continuations
        self._kinds: dict[str, int] = {}  # history -> distinct letters seen after it
        for sequence, count in counts.items():
            if len(sequence) > 1:
                history = sequence[:-1]
                self._followed[history] = self._followed.get(history, 0) + count
                self._kinds[history] = self._kinds.get(history, 0) + 1
        letters = [count for sequence, count in counts.items() if len(sequence) == 1]
        self._letters_total = sum(letters)
        self._alphabet = len(letters)
        # Log-probabilities already worked out: the runs a page's words are checked against
        # differ by a letter or two, so most letters are scored again in the same context.
        self._logs: dict[str, float] = {}

    def _log_probability(self, sequence: str) -> float:
        """``log(_probability(sequence[:-1], sequence[-1]))``, worked out once for each.

        Bounded: the table starts afresh past ``_MOST_REMEMBERED`` sequences, so a worker's
        memory does not grow with the batch.
        """
        value = self._logs.get(sequence)
        if value is None:
            if len(self._logs) >= _MOST_REMEMBERED:
                self._logs.clear()
            value = self._logs[sequence] = math.log(self._probability(sequence[:-1], sequence[-1]))
        return value

    def _probability(self, history: str, letter: str) -> float:
        # Add-one for the letter alone, then each longer history seen mixes in its own counts.
        p = (self._counts.get(letter, 0) + 1) / (self._letters_total + self._alphabet + 1)
        for k in range(1, min(len(history), self.order - 1) + 1):
            context = history[-k:]
            followed = self._followed.get(context)
            if not followed:
                break
            seen = self._counts.get(context + letter, 0)
            p = (
                max(seen - _DISCOUNT, 0) / followed
                + _DISCOUNT * self._kinds[context] / followed * p
            )
        return p

    def log_likelihood(self, run: str) -> float:
        """Natural log of the probability of ``run`` as a whole run (start and end included)."""
        text = padded(run, self.order)
        return sum(
            self._log_probability(text[i - self.order + 1 : i + 1])
            for i in range(self.order - 1, len(text))
        )

    def running_log_likelihood(
        self, run: str, known: str = "", known_scores: Sequence[float] = (0.0,)
    ) -> tuple[float, ...]:
        """Log-likelihood of each start of ``run`` (0 letters, 1, ...) as the start of a run.

        ``known_scores`` are those of another run ``known``; the letters ``run`` shares
        with it at the start are not scored again (a beam search grows runs a letter at
        a time).
        """
        shared = next(
            (i for i, (a, b) in enumerate(zip(known, run, strict=False)) if a != b),
            min(len(known), len(run)),
        )
        shared = min(shared, len(known_scores) - 1)
        scores = list(known_scores[: shared + 1])
        text = "^" * (self.order - 1) + run
        for i in range(self.order - 1 + shared, len(text)):
            scores.append(scores[-1] + self._log_probability(text[i - self.order + 1 : i + 1]))
        return tuple(scores)

    def end_log_likelihood(self, run: str) -> float:
        """Log of the probability that a run ends after ``run``."""
        history = ("^" * (self.order - 1) + run)[-(self.order - 1) :]
        return self._log_probability(history + "$")


def likeliest_reading(
    symbols: Sequence[SymbolChoices], model: LetterModel, country: str
) -> tuple[str, float]:
    """The word the symbols spell, each read as the likeliest of its LSTM choices in context.

    Tesseract keeps the letter its LSTM scored best at each step, even where the other
    reading is nearly as good and far likelier in the language ("ລະງົບ" with ງ at 80.8 and
    ບ at 79.0: ລະບົບ, "system"). Each reading of the word scores ``CHOICE_WEIGHT`` times
    the log of its symbols' LSTM scores plus the letter model's log-likelihood of its
    letters of ``country``'s script, and a beam search keeps the best. Only symbols read
    in that script are read again, and only as letters of it scored ``MIN_CHOICE`` or more.
    Returns the reading and how much less its LSTM scores are than those of the word as
    read (``CHOICE_WEIGHT`` times the log of their ratio; 0 when it is the word as read).
    """
    as_read = 0.0
    beams: dict[str, tuple[float, str, tuple[float, ...]]] = {"": (0.0, "", (0.0,))}
    for symbol in symbols:
        if not any(script_country(c) == country for c in symbol.text):
            listed = [(symbol.text, 100.0)]  # another script's symbol: kept as read
        else:
            listed = [
                (text, score)
                for text, score in symbol.choices
                if text == symbol.text or (score >= MIN_CHOICE and _same_kind(text, symbol.text))
            ]
            if all(text != symbol.text for text, _ in listed):
                # Not this symbol's list (Tesseract's lists can sit one symbol off: "ສ" listed
                # as ິ 98.9 or ີ 35.4): the symbol keeps its reading.
                listed = [(symbol.text, _UNLISTED_SCORE)]
        own = max(score for text, score in listed if text == symbol.text)
        as_read += CHOICE_WEIGHT * math.log(max(own, _SCORE_FLOOR) / 100)
        grown: dict[str, tuple[float, str, tuple[float, ...]]] = {}
        for raw, (lstm, run, letters) in beams.items():
            for text, score in listed:
                longer = raw + text
                next_lstm = lstm + CHOICE_WEIGHT * math.log(max(score, _SCORE_FLOOR) / 100)
                next_run = _letters_of(normalize_ocr_text(longer), country)
                next_letters = model.running_log_likelihood(next_run, run, letters)
                if longer not in grown or grown[longer][0] < next_lstm:
                    grown[longer] = (next_lstm, next_run, next_letters)
        best = sorted(grown.items(), key=lambda item: item[1][0] + item[1][2][-1], reverse=True)
        beams = dict(best[:_CHOICE_BEAM])
    raw, (lstm, _, _) = max(
        beams.items(),
        key=lambda item: item[1][0] + item[1][2][-1] + model.end_log_likelihood(item[1][1]),
    )
    return normalize_ocr_text(raw), max(0.0, as_read - lstm)


def _same_kind(text: str, other: str) -> bool:
    """Whether ``text`` can stand for ``other``: both of one script, both marks or both not.

    A mark read in a letter's place would drop the letter, and the other way round.
    """
    if not text or not other:
        return False
    marks = {unicodedata.category(c) == "Mn" for c in text + other}
    scripts = {script_country(c) for c in text + other}
    return len(marks) == 1 and len(scripts) == 1


def _letters_of(text: str, country: str) -> str:
    return "".join(c for c in text if script_country(c) == country)


def _one_edit(run: str, partners: Mapping[str, str], *, marks: bool = True) -> set[str]:
    """Runs one usual misread away: a confused letter swapped, and a mark dropped or a tone added.

    Without ``marks`` only the swaps (``MARK_EDITS``).
    """
    found: set[str] = set()
    for i, char in enumerate(run):
        for other in partners.get(char, ""):
            found.add(run[:i] + other + run[i + 1 :])
        if marks and unicodedata.category(char) == "Mn":
            found.add(run[:i] + run[i + 1 :])
    if marks:
        found.update(_with_a_tone_added(run))
    found.discard(run)
    return found


def _with_a_tone_added(run: str) -> Iterator[str]:
    """``run`` with a Lao tone mark added after a letter or vowel that can carry one."""
    for i in range(1, len(run) + 1):
        before, after = run[i - 1], run[i : i + 1]
        carries_tone = _lao_consonant(before) or (
            unicodedata.category(before) == "Mn" and before not in _LAO_TONES
        )
        if carries_tone and after not in _LAO_TONES:
            yield from (run[:i] + tone + run[i:] for tone in _LAO_TONES)


def likelier_run(
    run: str,
    model: LetterModel,
    partners: Mapping[str, str],
    *,
    cost_per_edit: float = COST_PER_EDIT,
) -> str | None:
    """The run one or two misreads away that is much likelier than ``run``; None if none is.

    ``partners`` maps each letter to the letters the OCR model reads it for. A candidate
    scores its log-likelihood less ``cost_per_edit`` for each edit; the best wins only if
    it beats the run as read.
    """
    best, _ = best_run(run, model, partners, cost_per_edit=cost_per_edit)
    return best if best != run else None


def best_run(
    run: str,
    model: LetterModel,
    partners: Mapping[str, str],
    *,
    cost_per_edit: float = COST_PER_EDIT,
    marks: bool = True,
) -> tuple[str, float]:
    """``run`` or the run one or two misreads away that scores best, and that score.

    The score is the log-likelihood less ``cost_per_edit`` for each edit (``likelier_run``);
    ``marks`` as for ``_one_edit``.
    """
    best, best_score = run, model.log_likelihood(run)
    scored = [(model.log_likelihood(c), c) for c in _one_edit(run, partners, marks=marks)]
    scored.sort(reverse=True)
    for score, candidate in scored:
        if score - cost_per_edit > best_score:
            best, best_score = candidate, score - cost_per_edit
    for _, candidate in scored[:_BEAM]:
        for twice in _one_edit(candidate, partners, marks=marks) - {run}:
            score = model.log_likelihood(twice) - 2 * cost_per_edit
            if score > best_score:
                best, best_score = twice, score
    return best, best_score


def relettered_page(
    page: PageText,
    models: Mapping[str, LetterModel],
    partners: Mapping[str, Mapping[str, str]],
    choices: Sequence[WordChoices] = (),
) -> tuple[PageText, int]:
    """The page with its unsure words of a modelled script put right, and how many changed.

    A word the OCR model is sure of (confidence ``SURE`` or more) stays as read: half the Lao
    words of the evaluation sets that are printed so are read at 91 or more, and 90% of the
    misread ones below 80. An unsure word still as the pass read it is first read again from
    its symbols' LSTM ``choices`` (``likeliest_reading``), then its run is checked for a
    likelier one a usual misread or two away (``likelier_run``). Signs around a run ("ໄໝ.",
    "(ລາວ") stay and do not keep it from its model; a run shorter than three letters, or of
    two scripts, is too short or mixed to judge.
    """

    def reletter(word: Word) -> Word | None:
        if word.confidence >= SURE:
            return None
        head, run, tail = split_signs(word.text)
        countries = {script_country(c) for c in run}
        country = next(iter(countries)) if len(countries) == 1 else None
        model = models.get(country) if country else None
        if model is None or country is None or len(run) < _SHORTEST_RUN:
            return None
        letter_partners = partners.get(country, {})
        marks = country in MARK_EDITS
        run, score = best_run(run, model, letter_partners, marks=marks)
        if symbols := symbols_of(word, choices):
            # The symbols read again may start from a likelier run, but it must beat the
            # run as read (or put right) by more than what its other choices cost.
            reread, cost = likeliest_reading(symbols, model, country)
            other_head, other_run, other_tail = split_signs(reread)
            other_run, other_score = best_run(other_run, model, letter_partners, marks=marks)
            if other_score - cost > score:
                head, run, tail = other_head, other_run, other_tail
        text = head + run + tail
        return replace(word, text=text) if text != word.text else None

    return page.with_words_replaced(reletter)


def symbols_of(word: Word, choices: Sequence[WordChoices]) -> list[SymbolChoices] | None:
    """The symbols of the engine's words inside ``word``, if they still spell it; else None.

    A page's word may be several of the engine's words merged (the clusters of a Lao word),
    or a word that a later step changed: then its symbols no longer spell it and the LSTM's
    choices say nothing about it.
    """
    x0, y0, x1, y1 = word.bbox
    parts = sorted(
        (
            part
            for part in choices
            if part.bbox[0] >= x0 and part.bbox[1] >= y0 and part.bbox[2] <= x1
            and part.bbox[3] <= y1
        ),
        key=lambda part: part.bbox[0],
    )  # fmt: skip
    symbols = [symbol for part in parts for symbol in part.symbols]
    if not symbols or normalize_ocr_text("".join(s.text for s in symbols)) != word.text:
        return None
    return symbols


def modelled_script(text: str) -> bool:
    """Whether ``text`` holds a letter of a script that has a packaged letter model."""
    return any(script_country(c) in PACKAGED_COUNTS for c in text)


def wants_choices(lang: str) -> bool:
    """Whether a pass in ``lang`` ("lao+eng", "khm+eng") should report the LSTM's choices."""
    return any(part in MODELLED_LANGUAGES for part in lang.split("+"))


def partners_of(pairs: Iterable[str]) -> dict[str, str]:
    """Each letter and the letters it is confused with, from two-letter pairs ("ນບ")."""
    partners: dict[str, str] = {}
    for pair in pairs:
        first, second = pair[0], pair[1:]
        if len(second) != 1:
            continue
        partners[first] = partners.get(first, "") + second
        partners[second] = partners.get(second, "") + first
    return partners


def read_counts(lines: Iterable[str]) -> dict[str, int]:
    """Counts from ``sequence<TAB>count`` lines (spelled as OCR text is: NFC, composed)."""
    counts: dict[str, int] = {}
    for line in lines:
        sequence, _, count = line.rstrip("\n").partition("\t")
        if sequence and count:
            counts[sequence] = int(count)
    return counts


def read_packaged_counts(name: str) -> dict[str, int]:
    """The counts of a gzip file shipped in ``processors/data/letters``."""
    path = resources.files("processors").joinpath("data").joinpath("letters").joinpath(name)
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as text:
        return read_counts(text)


class PackagedModels(Mapping[str, LetterModel]):
    """The packaged models by country of their script (LA, TH), each read when first asked for.

    A Lao model takes about 75 MB and a Thai one about 40 MB of a worker: a Thai page reads
    only the Thai counts, a page of neither script none.
    """

    def __getitem__(self, country: str) -> LetterModel:
        if country not in PACKAGED_COUNTS:
            raise KeyError(country)
        with _LOADING:  # two threads meeting a page of one script read its counts once
            return _packaged_model(country)

    def __contains__(self, country: object) -> bool:
        return country in PACKAGED_COUNTS

    def __iter__(self) -> Iterator[str]:
        return iter(PACKAGED_COUNTS)

    def __len__(self) -> int:
        return len(PACKAGED_COUNTS)


_LOADING = threading.Lock()


@cache
def _packaged_model(country: str) -> LetterModel:
    return LetterModel(read_packaged_counts(PACKAGED_COUNTS[country]))


@cache
def default_letter_models() -> PackagedModels:
    """The packaged models by country of their script, each read once a worker needs it."""
    return PackagedModels()


@cache
def default_partners() -> dict[str, dict[str, str]]:
    """The packaged confusions (``data/confusions.json``) as each letter's partners."""
    return {script: partners_of(pairs) for script, pairs in default_confusions().items()}
