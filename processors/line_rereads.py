"""Lines of Thai, Lao and Khmer pages that are worth reading again, one line at a time.

Failures of a whole-page read repaired from a single-line read of a band of the page:

* Split marks. With tight line spacing Tesseract's layout analysis can cut the vowels and tone
  marks above a line into a separate "line": it reads them as debris ("a ° ' ะ aA ๐7 6") and
  the line itself without them ("เครองสำอาง" for "เครื่องสำอาง"). Read again in a band that holds
  its marks, the line comes back whole, and the debris line is dropped.
* Latin slips. With "tha+eng" (or lao, khm) the English half of the model sometimes wins a
  local word and reads it as Latin letters ("dana" for "จำกัด", "NOVA" for "ทองดี"). Such words
  are much less sure than the real Latin words of those pages (below 85 against 91-97 on the
  evaluation set); the line is read again with the local language alone and only those words
  are replaced, by the local words found in their place.

* Class symbols. An IPC symbol on such a page is Latin letters and digits beside local text,
  and the local half often wins its letters ("1104 84/18" or "บง 84/18" for "H04W 84/18",
  "8010" for "B01D"). A word before a "group/subgroup" number that is not shaped like an IPC
  subclass is replaced by what English alone reads there, when that has the subclass shape.

* Latin values read as local letters. A Latin mark on a Thai page ("SAOMAI") can come out of
  the Thai model as a few unsure Thai letters ("หเม", at 28). A value after a label that holds
  local letters read that unsurely is read again in English, and replaced when English reads
  Latin letters there surely.
* Unsure local words. A word read unsurely as part of the page ("ហូដ" at 52 for "ហ្វូដ") often
  reads right and surely when its line is read alone; such a reading replaces it.
* Lost lines. Tesseract's layout analysis now and then drops a whole line of a clean page,
  reading a few of its marks as debris. A band of ink one line tall that no sure word covers
  is read as one line, and that reading, when sure, takes the debris's place.
* Cut rows. A row read as several small lines of one block side by side (one-letter
  "lines" of a label, a number lost) is read again whole, in place of all of them.
* Lost spaces. The Thai, Lao and Khmer models now and then run two words into one
  ("สมชายศรีสุข" for "สมชาย ศรีสุข", a given name and a surname). The image still shows the
  space: a gap between ink columns far wider than any other inside the word (for Khmer,
  inside the line's words). The part before the gap is read again, and when that reading is
  how the word starts, the word is split there.

And one is repaired from the image alone: false spaces. Where the Thai or Khmer model spaced a
word ("ម៉ាស៊ីន សម្ងួតស្រូវ") and the ink between the two shows no gap wider than inside the
line's words, they are joined.

This module finds the lines, cuts their bands and puts the re-read words back; it does no OCR
itself: ``processors.page`` runs one Tesseract process per kind for all lines of a page.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import pairwise
from statistics import median

import numpy as np

from processors.fields.classes import parse_ipc, read_subclass
from processors.fields.parties import ST3_CODES
from processors.lexicon import default_lexicons, lexicon_for, split_signs
from processors.types import (
    SCRIPT_COUNTRIES,
    BBox,
    Line,
    PageText,
    Word,
    can_part_between,
    has_unspaced_script,
    merge_clusters,
    script_country,
    union_bbox,
)

# A line of marks is much lower than the letters it belongs to.
_MARKS_HEIGHT_SHARE = 0.6
# Below this confidence a Latin word on a local-script line is taken for a misread local word.
SLIP_CONFIDENCE = 88.0
# On a line with no local letters at all (a short local title or heading read wholly as Latin:
# "MUDANM" at 47 for a Khmer title) only far less sure words are slips; English words on
# these pages read at 90 or more. Such a slip is replaced only by a sure local reading.
LONE_SLIP_CONFIDENCE = 60.0
LONE_SLIP_MIN_REREAD = 75.0
_LATIN_WORD = re.compile(r"[\[{|]?[A-Za-z]+[.,;:!?]?")
# On a line with no local letters, any word of Latin letters, digits and signs with two ASCII
# letters: a local word read as Latin keeps the digits, signs and accented letters its strokes
# looked like ("20auiui" for ຂວດນ້ຳປາ, "Simuw:damw" for ວິທີການຜະລິດກາເຟ, with sara a read as a
# colon, "iagthératuy" for ເຄື່ອງທໍຜ້າໄໝ). Only a sure local reading replaces one.
_LONE_LATIN_WORD = re.compile(r"(?=(?:[^A-Za-z]*[A-Za-z]){2})[!-~\u00c0-\u024f]+")
# A colon, semicolon or mark of a sentence's end between two letters: no Latin word has one.
_INNER_SIGN = re.compile(r"[A-Za-z][:;!?][A-Za-z]")
# Letters and digits read very unsurely on a local line: a local word read as Latin that kept the
# digits its strokes looked like ("Hie9dud9" at 6 opening the Lao title "ເຄື່ອງອົບເຂົ້າ ...", seed
# 2134). The class symbols these lines hold came back at 38 or more in the stored readings of
# 1,680 documents ("GO6T" at 38, "B65D" at 51), mixed slips at 0-6.
_MIXED_WORD = re.compile(r"(?=(?:[^A-Za-z]*[A-Za-z]){2})(?=[^0-9]*[0-9])[A-Za-z0-9]+[.,;:]?")
MIXED_SLIP_BELOW = 25.0
# ASCII with a letter and a sign no word, number or address holds, on a local line: "89)$u12"
# at 49 for the Lao "ເຄື່ອງອົບເຂົ້າ" opening a title (seed 2132), "GA%a" for "ບໍລິສັດ".
_ASCII_DEBRIS = re.compile(r"(?=[!-~]*[A-Za-z])(?=[!-~]*[$%^*{}~`=+<>\\])[!-~]{3,}")


@dataclass(frozen=True, slots=True)
class LineBand:
    """A line to read again (index into ``page.lines``), lines to drop with it, and its band."""

    line: int
    drops: tuple[int, ...]
    band: BBox


def _word_height(line: Line) -> float:
    return median(w.bbox[3] - w.bbox[1] for w in line.words)


def _band(box: BBox, line: Line, *, width: int, height: int) -> BBox:
    """``box`` with a margin of a third of the line's height (a single-line read needs some)."""
    margin = round(_word_height(line) / 3)
    return (
        max(0, box[0] - margin),
        max(0, box[1] - margin),
        min(width, box[2] + margin),
        min(height, box[3] + margin),
    )


def cut_bands(image: np.ndarray, bands: list[LineBand]) -> list[np.ndarray]:
    """The image of each band, for a single-line read."""
    return [image[y0:y1, x0:x1] for x0, y0, x1, y1 in (b.band for b in bands)]


def _page_words(band: LineBand, reread: PageText) -> list[Word]:
    """The re-read words of a band, moved back into page pixels."""
    x0, y0 = band.band[0], band.band[1]
    return [w.moved(x0, y0) for line in reread.lines for w in line.words]


def _lines_with(
    page: PageText, targets: Callable[[Line], list[int]], *, width: int, height: int
) -> list[LineBand]:
    """A band for every line of ``page`` that has target words."""
    return [
        LineBand(i, (), _band(line.bbox, line, width=width, height=height))
        for i, line in enumerate(page.lines)
        if targets(line)
    ]


def _replace_targets(
    page: PageText,
    bands: list[LineBand],
    rereads: list[PageText],
    *,
    targets: Callable[[Line], list[int]],
    usable: Callable[[Word], bool],
    pick: Callable[[Line, int, list[Word]], Word | None],
    absorb_previous: bool = False,
    debris: Callable[[list[Word], int], set[int]] | None = None,
) -> tuple[PageText, int]:
    """Replace each target word of the banded lines by what ``pick`` makes of its re-read.

    ``pick`` sees the line as read, the target's index and the usable re-read words of its
    band, in page pixels;
    the line's words are then merged into clusters again. ``debris`` names the other words read
    from the new word's ink, dropped with it (default ``_latin_debris_under``). With
    ``absorb_previous``, a target ``pick`` finds nothing for may be read, with the local word
    before it, as one re-read word (``_over_target_and_previous``). Returns the page and the
    count.
    """
    lines = list(page.lines)
    replaced = 0
    debris = debris or _latin_debris_under
    for band, reread in zip(bands, rereads, strict=True):
        candidates = [w for w in _page_words(band, reread) if usable(w)]
        line = lines[band.line]
        words = list(line.words)
        absorbed: set[int] = set()
        left: list[int] = []  # targets nothing replaced
        for i in targets(line):
            if i in absorbed:
                continue  # debris under a word already put in its place ("EM" under a title)
            new = pick(line, i, candidates)
            if new is None and absorb_previous and i > 0 and i - 1 not in absorbed:
                new = _over_target_and_previous(words[i - 1], words[i], candidates)
                if new is not None:
                    absorbed.add(i - 1)
            if new is not None:
                words[i] = new
                replaced += 1
                absorbed |= debris(words, i)
            else:
                left.append(i)
        if absorb_previous:
            for run in _runs(left):
                whole = _one_sure_word_over(words, run, candidates)
                if whole is not None:
                    words[run[0]] = whole
                    absorbed.update(run[1:])
                    replaced += 1
        words = [w for k, w in enumerate(words) if k not in absorbed]
        lines[band.line] = Line(tuple(merge_clusters(words)), line.block)
    return PageText(page.page_index, tuple(lines), page.width, page.height), replaced


def _latin_debris_under(words: list[Word], i: int) -> set[int]:
    """Latin words of the line that a local reading put at ``i`` lies over more than half of.

    They were read from the same ink ("MULAN M" for a Khmer title, seed 2117): left beside the
    local word, the lone "M" at 0 would make the value look unsure again.
    """
    if not has_unspaced_script(words[i].text):
        return set()
    return {
        j
        for j, other in enumerate(words)
        if j != i
        and not has_unspaced_script(other.text)
        and _share_inside(other.bbox, words[i].bbox) > 0.5
    }


# Khmer names read again in Khmer alone -------------------------------------------------------

# Scripts whose names are read again so: Khmer, where the page's reading with English beside it
# drops a subscript or vowel under a name's letter that Khmer alone reads ("ហូដ" at 91 and "ហ្វដ"
# at 92 for "ហ្វូដ", on most seeds). Thai and Lao have their own ink checks for lost marks.
NAME_REREAD_SCRIPTS = frozenset({"KH"})
# A fuller reading replaces a name's word when read at least this surely (0-100).
FULLER_NAME_CONFIDENCE = 60.0
_COENG = "\u17d2"


def _name_words(line: Line) -> list[int]:
    """Indices of the local words of a line that closes a name with its script's country code."""
    codes = {m[1] for w in line.words if (m := _COUNTRY_CODE.fullmatch(w.text)) is not None}
    scripts = codes & NAME_REREAD_SCRIPTS
    return [
        i
        for i, w in enumerate(line.words)
        if scripts and has_unspaced_script(w.text) and script_country(w.text[0]) in scripts
    ]


def _fuller_targets(line: Line) -> list[int]:
    """Indices of the Khmer words of a name closed by "(KH)", or of a value after a label.

    A title loses subscripts as a name does: "ចង្កៀងលម្អ" read "ចងៀងលម្អ" at 60 on the one-bit
    page, "ចង្កៀងលម្អ" at 90 on the grey one (seed 2132).
    """
    values = {
        i
        for i in _value_after_label(line)
        if has_unspaced_script(w := line.words[i].text)
        and script_country(w[0]) in NAME_REREAD_SCRIPTS
    }
    return sorted(values | set(_name_words(line)))


def find_local_names(page: PageText, *, width: int, height: int) -> list[LineBand]:
    """Lines with Khmer names or values (``_fuller_targets``), to read again in Khmer alone."""
    return _lines_with(page, _fuller_targets, width=width, height=height)


def replace_fuller_names(
    page: PageText, bands: list[LineBand], rereads: list[PageText]
) -> tuple[PageText, int]:
    """``page`` with each name word the Khmer-alone reading shows with a lost sign put back.

    Only a reading over the word that is the word with signs added (a vowel sign, a mark or a
    subscript consonant: ``adds_only_signs``), read at ``FULLER_NAME_CONFIDENCE`` or more,
    replaces it: a lost sign is the usual misread, a made-up one is not. Returns the page and
    how many words changed.
    """
    return _replace_targets(
        page, bands, rereads, targets=_fuller_targets,
        usable=lambda w: has_unspaced_script(w.text), pick=_fuller_name_word,
    )  # fmt: skip


def _fuller_name_word(line: Line, i: int, local: list[Word]) -> Word | None:
    word = line.words[i]
    found = _local_words_over(word, local)
    if found is None or found.confidence < FULLER_NAME_CONFIDENCE:
        return None
    if _covers_another(line, i, found, local_only=True):
        return None
    _lead, read, _trail = split_signs(word.text)
    _lead, fuller, _trail = split_signs(found.text)
    if not adds_only_signs(read, fuller):
        return None
    return replace(word, text=word.text.replace(read, fuller, 1), confidence=found.confidence)


def adds_only_signs(read: str, fuller: str) -> bool:
    """Whether ``fuller`` is ``read`` with signs added: marks, or a coeng and its consonant."""
    if not read or len(fuller) <= len(read):
        return False
    added: list[int] = []
    j = 0
    for k, char in enumerate(fuller):
        if j < len(read) and char == read[j]:
            j += 1
        else:
            added.append(k)
    if j < len(read):
        return False
    for k in added:
        char = fuller[k]
        if unicodedata.category(char) in ("Mn", "Mc"):
            continue
        if k > 0 and fuller[k - 1] == _COENG and k - 1 in added:
            continue  # the consonant of an added subscript
        return False
    return True


# Split marks ---------------------------------------------------------------------------------


def _marks_of(marks: Line, line: Line) -> bool:
    """Whether ``marks`` looks like the marks of ``line`` cut off by layout analysis."""
    if not marks.words or not line.words or not has_unspaced_script(line.text):
        return False
    # Measured on the line's local words: beside "[54] Title:" a Khmer title's box is half as
    # tall again, and "30" read from the marks over its end (28 px beside words of 43 and 69,
    # seed 2131) was as tall as the line's median word.
    local = Line(tuple(w for w in line.words if has_unspaced_script(w.text)))
    if _word_height(marks) >= _MARKS_HEIGHT_SHARE * _word_height(local):
        return False
    (mx0, my0, mx1, my1), (lx0, ly0, lx1, ly1) = marks.bbox, line.bbox
    slack = _word_height(line)
    # Inside the line's height (its box reaches up to its own marks) and within its width.
    return my0 < ly1 and my1 > ly0 and mx0 >= lx0 - slack and mx1 <= lx1 + slack


# Debris can come as a stack of "lines" over the line it was read from: seed 2122 read the
# marks and letter tops of "(54) ชื่อที่แสดงถึงแบบผลิตภัณฑ์: เก้าอี้หวาย" as three ("'", "Ai a ๕๐
# vy", "ง <= a Qs Xf"), and the title took the two its line did not own.
_DEBRIS_STACK = 3


def _owner_of_marks(lines: tuple[Line, ...], i: int) -> int | None:
    """The line that ``lines[i]`` holds the cut-off marks of, nearest first; None if none.

    A line further than the next one owns it only when every line in between is its marks too.
    """
    for step in range(1, _DEBRIS_STACK + 1):
        for j in (i + step, i - step):
            if not 0 <= j < len(lines) or not _marks_of(lines[i], lines[j]):
                continue
            if all(_marks_of(lines[k], lines[j]) for k in range(min(i, j) + 1, max(i, j))):
                return j
    return None


def find_split_lines(page: PageText, *, width: int, height: int) -> list[LineBand]:
    """Lines of ``page`` that lost their marks to a line of their own, with bands to re-read.

    ``width`` and ``height`` are the image's, to keep the bands on it.
    """
    lines = page.lines
    first = {i: j for i in range(len(lines)) if (j := _owner_of_marks(lines, i)) is not None}
    owner: dict[int, list[int]] = {}
    for i, j in first.items():
        while j in first:  # marks of a line of marks: they came from the line those came from
            j = first[j]  # (a line's marks are lower than it: no loop)
        owner.setdefault(j, []).append(i)
    bands = []
    for j, marks in sorted(owner.items()):
        box = union_bbox([lines[j].bbox, *(lines[i].bbox for i in marks)])
        assert box is not None
        bands.append(LineBand(j, tuple(marks), _band(box, lines[j], width=width, height=height)))
    return bands


def put_back(
    page: PageText, bands: list[LineBand], rereads: list[PageText]
) -> tuple[PageText, int]:
    """``page`` with each split line replaced by its re-read and its mark lines dropped.

    A re-read is kept when it has at least as many letters and marks as the line had (it found
    the marks and lost nothing) and is not much less confident; the mark lines go either way,
    since what Tesseract read there is debris. Returns the page and how many lines were kept.
    """
    replaced: dict[int, Line] = {}
    dropped: set[int] = set()
    for band, reread in zip(bands, rereads, strict=True):
        dropped.update(band.drops)
        line = page.lines[band.line]
        words = tuple(_page_words(band, reread))
        if words and _better(Line(words), line):
            replaced[band.line] = Line(words=words, block=line.block)
    lines = tuple(replaced.get(i, line) for i, line in enumerate(page.lines) if i not in dropped)
    return PageText(page.page_index, lines, page.width, page.height), len(replaced)


def _better(reread: Line, line: Line) -> bool:
    def letters(of: Line) -> int:
        return sum(len(w.text) for w in of.words)

    return letters(reread) >= letters(line) and reread.confidence >= line.confidence - 10


# Latin slips ---------------------------------------------------------------------------------


def _slips(line: Line) -> list[int]:
    """Indices of the words of a line of a local-script page that look like Latin misreads.

    On a line with local letters, Latin words below ``SLIP_CONFIDENCE``; on a line without,
    only those below ``LONE_SLIP_CONFIDENCE``, digits and signs among their letters allowed
    (``_LONE_LATIN_WORD``), with the words below ``SLIP_CONFIDENCE`` beside them or with a
    sign between two letters (``_INNER_SIGN``), and never a class symbol before its group
    ("GOIN 33/24" is G01N, re-read in English elsewhere). Whatever its confidence, a Latin
    word inside a local name is one (``_local_name_slips``), and so is a lone one far taller
    than the plain Latin words of its line. On a line with local letters, ASCII debris with a
    sign no word holds ("89)$u12", ``_ASCII_DEBRIS``) below ``SLIP_CONFIDENCE`` is one too, and
    so are letters and digits read below ``MIXED_SLIP_BELOW`` ("Hie9dud9"), but before a group.
    """
    words = line.words
    local = has_unspaced_script(line.text)
    limit = SLIP_CONFIDENCE if local else LONE_SLIP_CONFIDENCE
    latin = _LATIN_WORD if local else _LONE_LATIN_WORD
    in_names = _local_name_slips(words)

    def latin_word(i: int, below: float) -> bool:
        w = words[i]
        return (
            latin.fullmatch(w.text) is not None
            and w.confidence < below
            and not (i + 1 < len(words) and _GROUP.fullmatch(words[i + 1].text))
        )

    found = {i for i in range(len(words)) if i in in_names or latin_word(i, limit)}
    found |= _digits_opening_local_value(words)
    if local:
        found |= {
            i
            for i, w in enumerate(words)
            if (_ASCII_DEBRIS.fullmatch(w.text) and w.confidence < SLIP_CONFIDENCE)
            or (
                _MIXED_WORD.fullmatch(w.text)
                and w.confidence < MIXED_SLIP_BELOW
                and not (i + 1 < len(words) and _GROUP.fullmatch(words[i + 1].text))
            )
        }
    else:
        # Lone Latin words unsure enough for a local line are slips too where they stand
        # beside a slip ("Hu" at 58, "ATA" at 65: one Khmer title) or hold a sign between
        # letters no Latin word has ("Simuw:samw" at 63 for a Lao title).
        found |= {
            i
            for i in range(len(words))
            if latin_word(i, SLIP_CONFIDENCE) and _INNER_SIGN.search(words[i].text)
        }
        # However sure, a Latin word far taller than the line's plain Latin words holds the
        # marks below a local word ("MULANM" at 70-78, 52 px high beside "Title:" at 39, for
        # the Khmer title "កាបូបត្បាញ", seeds 2116 and 2117).
        found |= {
            i
            for i in range(len(words))
            if _LONE_LATIN_WORD.fullmatch(words[i].text)
            and _taller_than_its_letters(line, i, than_plain_words=True)
        }
        grown = True
        while grown:
            more = {
                k
                for i in found
                for k in (i - 1, i + 1)
                if 0 <= k < len(words) and k not in found and latin_word(k, SLIP_CONFIDENCE)
            }
            found |= more
            grown = bool(more)
    return sorted(found)


_COUNTRY_CODE = re.compile(r"\(([A-Z]{2})\)[.,;:]?")
# A Latin-looking word inside a name: letters, maybe closed by digits the English model read
# into a local word ("sauw9" for ຄຳແພງ, "waign10" for ແສງດາວ), or any ASCII with two letters
# ("[AUU)S" for ក្រុមហ៊ុន, seed 2066).
_LATIN_IN_NAME = re.compile(
    r"[\[{|(]?[A-Za-z]{2,}\d*[.,;:']?|[A-Za-z]|(?=(?:[^A-Za-z]*[A-Za-z]){2})[!-~]+"
)
# A Thai or Lao vowel or tone mark over an ASCII letter or digit: the local word's first
# consonant was read as one ("1ົ້ມມະຈັນ" for "ພົມມະຈັນ").
_MARK_ON_ASCII = re.compile(
    "[0-9A-Za-z][\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ecd]"
)


# Digits, or a symbol, among at most two letters, in place of a local word of a name ("118",
# "M8", "€3S" for ចាន់ and ស៊ុន, seeds 2071-2072). A firm's real "3M" is a candidate too, but
# only a local reading over it replaces it, and the local models read digits as digits.
_DIGITS_IN_NAME = re.compile(
    r"(?=.*[\d€£¥$@#%&])(?!(?:.*[A-Za-z]){3})[^\s\u0e00-\u0eff\u1780-\u17ff]{1,4}"
)


def _digits_opening_local_value(words: tuple[Word, ...]) -> set[int]:
    """The index of a value's first word that is digits where a local word stands.

    Right after its label and before a Thai, Lao or Khmer word: "(54) Title: 76
    សាស្ត្រផលិតទឹកត្រី" for "វិធីសាស្ត្រផលិតទឹកត្រី" (seed 2098). Like a name's digits, only
    a sure local reading over it replaces it, and the local models read real digits as digits.
    """
    return {
        i
        for i in range(1, len(words) - 1)
        if words[i - 1].text.endswith(":")
        and _DIGITS_IN_NAME.fullmatch(words[i].text)
        and has_unspaced_script(words[i + 1].text)
    }


def _line_countries(words: tuple[Word, ...]) -> set[str]:
    """Countries of the unspaced scripts the line holds letters of or closes a name with.

    Thai TH, Lao LA, Khmer KH: "#8 mn (KH)" (seed 2076) has no Khmer letter left, only its code.
    """
    letters = {c for w in words for char in w.text if (c := script_country(char)) is not None}
    codes = {m[1] for w in words if (m := _COUNTRY_CODE.fullmatch(w.text)) is not None}
    return letters | (codes & SCRIPT_COUNTRIES)


def _name_runs(words: tuple[Word, ...]) -> list[tuple[range, re.Match[str] | None]]:
    """The names of a line: each run of word indices with the country code that closes it.

    A name runs from a label ("Inventor:"), the code closing the name before it ("(KH);") or a
    garbled one ("(โ);") to its own country code. The last run (maybe empty) runs to the line's
    end without a code.
    """
    runs: list[tuple[range, re.Match[str] | None]] = []
    start = -1  # index of the boundary word before the current run
    for j, word in enumerate(words):
        code = _COUNTRY_CODE.fullmatch(word.text)
        if code is None:
            if word.text.endswith((":", ";")):  # a label, or a garbled code ending a name
                start = j
            continue
        runs.append((range(start + 1, j), code))
        start = j
    runs.append((range(start + 1, len(words)), None))
    return runs


def _local_name_slips(words: tuple[Word, ...]) -> set[int]:
    """Indices of the Latin words inside the local-script names of a line (``_name_runs``).

    A person's or firm's name is written in one
    script, so a Latin word in a name that also holds local words is a misread ("សុខ AIM (KH)",
    read at 94; "AUWSU ແກ້ວມະນີ (LA)"), and so are the words of a name of the line's own country
    whose Latin words are all in lower case ("(KH); ms inn (KH)", read at 88-92: "ចាន់ ដារ៉ា"):
    names in Latin letters are capitalized ("Siam Agritech Co., Ltd. (TH)", "Institute of
    Technology" stay). A run at the start of a line (a name carried over) counts only when it
    starts with a local word; a Latin name of another country ("Kyoto Precision Co., Ltd.
    (JP)") is left alone. Digits or symbols in a name with local words are slips too ("118
    ដារ៉ា (KH)"). A name running to the line's end without a code is one when its Latin words
    are all in lower case.
    """
    countries = _line_countries(words)
    if not countries:
        return set()
    found: set[int] = set()
    for run, code in _name_runs(words):
        opened = run.start > 0 or (len(run) > 0 and has_unspaced_script(words[run[0]].text))
        latin = [k for k in run if _LATIN_IN_NAME.fullmatch(words[k].text)]
        local = any(has_unspaced_script(words[k].text) for k in run)
        lower = _all_lower_case(words, latin)
        if code is not None and opened and (local or (code[1] in countries and lower)):
            found.update(latin)
            found.update(k for k in run if _MARK_ON_ASCII.search(words[k].text))
            found.update(k for k in run if _DIGITS_IN_NAME.fullmatch(words[k].text))
        # A name running to the line's end without a code (an agent's: "ตัวแทน: นายวิชัย nasa",
        # seed 2077, read at 91): its Latin words are slips when they are all in lower case.
        if code is None and opened and local and lower:
            found.update(latin)
    return found


def _all_lower_case(words: tuple[Word, ...], latin: list[int]) -> bool:
    """Whether there are Latin words at ``latin`` and each starts in lower case ("ms inn")."""
    return bool(latin) and all(words[k].text.lstrip("[{|(")[:1].islower() for k in latin)


def find_latin_slips(
    page: PageText, *, width: int, height: int, after_latin_label: bool = False
) -> list[LineBand]:
    """Local-script lines with unsure Latin words, with bands to re-read in the local language.

    With ``after_latin_label`` (Lao pages) a band starts after the line's label when the label
    is in Latin letters and the slips all follow it: the Lao model read "(71) Applicant: uu
    ພົມມະຈັນ (LA)" as one word "“00າລດໄບຸນມີພົມມະຈັນ" at 57, the label's letters run into the
    name; read from after the label, "ບຸນມີ" at 86 and "ພົມມະຈັນ" at 81 (seed 2129). Not for
    Khmer: with the label beside it the Khmer model read titles and names better ("កៅអីផ្ដៅ"
    came back "il fig" without it, seed 2131).
    """
    bands = []
    for n, line in enumerate(page.lines):
        slips = _slips(line)
        if not slips:
            continue
        x0, y0, x1, y1 = _band(line.bbox, line, width=width, height=height)
        label = _label_end(line.words) if after_latin_label else None
        if (
            label is not None
            and slips[0] > label
            and not any(has_unspaced_script(w.text) for w in line.words[: label + 1])
        ):
            x0 = line.words[label].bbox[2] + 1
        bands.append(LineBand(n, (), (x0, y0, x1, y1)))
    return bands


def replace_slips(
    page: PageText, bands: list[LineBand], rereads: list[PageText]
) -> tuple[PageText, int]:
    """``page`` with each Latin slip replaced by the local words read in its place.

    A local word takes a slip's place when at least 60% of its width lies over the slip (so a
    word that runs on into a neighbour is not copied twice); slips with no such word stay.
    Returns the page and how many words were replaced.
    """
    return _replace_targets(
        page, bands, rereads, targets=_slips, usable=lambda w: has_unspaced_script(w.text),
        pick=_local_words_for_slip, absorb_previous=True,
    )  # fmt: skip


def _local_words_for_slip(line: Line, i: int, local: list[Word]) -> Word | None:
    """The local words over slip ``line.words[i]``; for some slips only a sure reading.

    A sure slip (the Latin model was sure of it; it was taken for one by its place in a local
    name) takes only a sure reading: it may be a real Latin word, unless its box is far taller
    than its letters could be (``_taller_than_its_letters``). So does an unsure one that
    does not stand between parts of a local name (as unsure as a lone one, or on a line with no
    local letters: a neighbour of a lone slip, ``_slips``): a real Latin word
    that read poorly (a mark, a blurred name) reads worse still with the local model alone.
    An unsure Latin word between local words of a name is a misread whatever the re-read's
    confidence: the Lao model reads its own words at 0-30 ("ແສງດາວ" at 0 for "waign10" at 23,
    seed 2063).
    """
    slip = line.words[i]
    found = _local_words_over(slip, local)
    if found is not None and _covers_another(line, i, found, local_only=True):
        found = None  # it would write that word twice ("ບຸນມີບຸນມີາມມະຈັນ", seed 2090)
    found = found or _head_before_next(line, i, local)
    if found is None or _sure_local(found):
        return found
    if slip.confidence >= SLIP_CONFIDENCE and not _taller_than_its_letters(line, i):
        return None
    lone = not has_unspaced_script(line.text)
    if lone and _lao_value_read_as_latin(line, i, found):
        return found
    if (slip.confidence < LONE_SLIP_CONFIDENCE or lone) and not _between_local(line.words, i):
        return None
    return found


# A lone slip read this unsurely, all letters, after a label: no Latin word reads so poorly with
# English beside the local model ("Stinaveszdionww" at 13 for the Lao title "ວິທີການຜະລິດກາເຟ",
# "asUunuagyin" at 12 for "ລະບົບກັ່ນຕອງນ້ຳ"), while Latin values after a label on these pages
# came back at 16-59 in the stored readings of 1,680 documents: marks ("SSAMORA" at 38) and
# class symbols ("GO1N" at 16, which a slip never is before its group).
LAO_VALUE_AS_LATIN_BELOW = 25.0
_LETTERS_ONLY = re.compile(r"[\[{(]?[A-Za-z]+[.,;:]?")


def _lao_value_read_as_latin(line: Line, i: int, found: Word) -> bool:
    """Whether lone slip ``line.words[i]`` is a Lao value that the Lao re-read ``found`` reads.

    The Lao model's confidence says nothing here ("ລະຜົບກັນຕອງນ້ໍ" at 31, "ວິທການຜະລິດກາເຟ" at 0):
    what says the slip is no Latin word is how poorly it read, all letters, straight after a
    label. Four Lao signs or more then replace it, for the Lao steps after to put right.
    """
    slip = line.words[i]
    _, letters, _ = split_signs(found.text)
    return (
        i > 0
        and line.words[i - 1].text.endswith(":")
        and slip.confidence < LAO_VALUE_AS_LATIN_BELOW
        and _LETTERS_ONLY.fullmatch(slip.text) is not None
        and len(letters) >= _SPELLED_AT_LEAST
        and all(script_country(c) == "LA" for c in letters if c.isalpha())
    )


# Latin letters with no descender stand no taller than the line's sure Latin words with
# brackets or descenders: a "sure" slip whose box is this much taller holds the marks below
# a local word ("Wii" at 89, 72 px high, for "ហ្វូដ" beside "(KH)" 44 px high, seed 2105).
_TALLER_THAN_LATIN = 1.3
_DESCENDERS = frozenset("gjpqyQ[{|(")  # and signs that stand as tall


def _taller_than_its_letters(line: Line, i: int, *, than_plain_words: bool = False) -> bool:
    """Whether slip ``line.words[i]`` is far taller than the line's sure Latin words.

    Latin letters without descenders cannot be: its ink is not the letters read. With
    ``than_plain_words`` only sure words without descenders or brackets measure the line.
    """
    slip = line.words[i]
    if _DESCENDERS & set(slip.text):
        return False
    heights = [
        w.bbox[3] - w.bbox[1]
        for k, w in enumerate(line.words)
        if k != i
        and w.confidence >= SLIP_CONFIDENCE
        and w.text.isascii()
        and _has_alnum(w.text)
        and not (than_plain_words and _DESCENDERS & set(w.text))
    ]
    return bool(heights) and slip.bbox[3] - slip.bbox[1] > _TALLER_THAN_LATIN * max(heights)


def _has_alnum(text: str) -> bool:
    return any(c.isalnum() for c in text)


def _between_local(words: tuple[Word, ...], i: int) -> bool:
    """Whether ``words[i]`` stands between parts of one local name.

    After a local word or a label, before a local word or a country code, with a local word on
    one side at least ("ສົມພອນ wioust (LA)", "Applicant: waign10 ອິນທະວົງ"). Not a Latin word
    among other Latin words of a mixed name ("ក្រុមហ៊ុន Smart Axiata ខូអិលធីឌី").
    """
    if not 0 < i < len(words) - 1:
        return False
    before, after = words[i - 1].text, words[i + 1].text
    label_before = before.endswith(":")
    local_before = has_unspaced_script(before) and not label_before
    local_after = has_unspaced_script(after)
    return (
        (local_before or label_before)
        and (local_after or _COUNTRY_CODE.fullmatch(after) is not None)
        and (local_before or local_after)
    )


def _over_target_and_previous(previous: Word, slip: Word, local: list[Word]) -> Word | None:
    """One sure local word that the re-read found over ``slip`` and the local word before it.

    Tesseract cut a local word and read its tail as Latin ("ผู้ประดิษ vs:" for "ผู้ประดิษฐ์:",
    seed 2057; "ហ្វូ ti" for "ហ្វូដ"): the local model alone reads the whole word over both.
    The re-read word must cover both (the slip 80%, the word before it 90%) and lie over them
    (80% of its width), so that no word around them is lost or copied twice.
    """
    if not has_unspaced_script(previous.text):
        return None
    both = union_bbox([previous.bbox, slip.bbox])
    assert both is not None
    for word in local:
        if (
            word.confidence >= LONE_SLIP_MIN_REREAD
            and _share_inside(slip.bbox, word.bbox) >= 0.8
            and _share_inside(previous.bbox, word.bbox) >= 0.9
            and _share_inside(word.bbox, both) >= 0.8  # and no more than the two words
        ):
            return Word(word.text, word.confidence, both)
    return None


def _sure_local(word: Word) -> bool:
    """Whether a local reading is sure enough to replace a sure or lone slip.

    Read at ``LONE_SLIP_MIN_REREAD`` or more, or (the Lao model's confidence says little: it
    read "ວິທີການຜະລິດກາຕຟ" at 61 for a title read as "Sinaueszdioanw", seed 2073) four letters
    or more of one script that its word list spells, or spells within its edits.
    """
    if word.confidence >= LONE_SLIP_MIN_REREAD:
        return True
    _, letters, _ = split_signs(word.text)
    lexicon = lexicon_for(letters, default_lexicons())
    if lexicon is None or len(letters) < _SPELLED_AT_LEAST:
        return False
    return lexicon.spells(letters) or lexicon.corrected(letters) is not None


_SPELLED_AT_LEAST = 4


def _runs(indices: list[int]) -> list[list[int]]:
    """Runs of two or more consecutive indices."""
    runs: list[list[int]] = []
    for i in indices:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return [run for run in runs if len(run) > 1]


def _one_sure_word_over(words: list[Word], run: list[int], local: list[Word]) -> Word | None:
    """One sure local word the re-read found over a run of slips, in place of them all.

    A Khmer title read as two Latin words ("AUG ATA" at 0 for "ដបទឹកត្រី", read alone at 90):
    the local word covers neither slip on its own. It must cover the run (80% of the run's
    width) and lie in the room between the words around it (90% of its width): the local
    model's box may take in the gap before the run ("កាបូបត្បាញ" read "MULAN MT", seed 2085, its
    reading 52 pixels wider than the two slips), not a word beside it.
    """
    box = union_bbox(words[k].bbox for k in run)
    assert box is not None
    left = words[run[0] - 1].bbox[2] if run[0] > 0 else 0
    right = words[run[-1] + 1].bbox[0] if run[-1] + 1 < len(words) else 1 << 30
    room = (left, box[1], right, box[3])
    for word in local:
        if (
            _sure_local(word)
            and _share_inside(word.bbox, room) >= 0.9
            and _share_inside(box, word.bbox) >= 0.8
        ):
            return Word(word.text, word.confidence, box)
    return None


def _head_before_next(line: Line, i: int, local: list[Word]) -> Word | None:
    """The head of one re-read word that runs over slip ``i`` and the local words after it.

    The local model alone may lose the space it read around the slip: "aga ใจดี" came back as
    one "อรุณีใจดี" (seed 2082), which lies over neither word enough to replace one. When such
    a word ends with the next words as the page read them, what comes before is the slip's
    reading: "7f សាស្ត្រផ លិតទឹកត្រី" (a Khmer title, seed 2130) came back as one
    "វិធីសាស្ត្រផលិតទឹកត្រី" at 78, so the slip is "វិធី".
    """
    slip = line.words[i]
    after: list[Word] = []
    for word in line.words[i + 1 :]:
        if not has_unspaced_script(word.text):
            break
        after.append(word)
    for n in range(1, len(after) + 1):
        tail = after[:n]
        covered = union_bbox([slip.bbox, *(w.bbox for w in tail)])
        assert covered is not None
        suffix = "".join(w.text for w in tail)
        for word in local:
            head = word.text.removesuffix(suffix)
            if (
                head != word.text
                and has_unspaced_script(head)
                and _share_inside(slip.bbox, word.bbox) >= 0.8
                and all(_share_inside(w.bbox, word.bbox) >= 0.8 for w in tail)
                and _share_inside(word.bbox, covered) >= 0.8  # and no more than those words
            ):
                return Word(head, word.confidence, slip.bbox)
    return None


def _covers_another(line: Line, i: int, found: Word, *, local_only: bool = False) -> bool:
    """Whether ``found``, read over word ``i``, lies over more than half of another word.

    With ``local_only``, of another local word: Latin debris beside a slip ("MULAN M" for a
    Khmer title) may lie under a reading without being written twice.
    """
    return any(
        _share_inside(other.bbox, found.bbox) > 0.5
        for j, other in enumerate(line.words)
        if j != i and (has_unspaced_script(other.text) or not local_only)
    )


def _local_words_over(slip: Word, local: list[Word]) -> Word | None:
    inside = sorted(
        (w for w in local if _share_inside(w.bbox, slip.bbox) >= 0.6), key=lambda w: w.bbox[0]
    )
    box = union_bbox(w.bbox for w in inside)
    if box is None:
        return None
    return Word("".join(w.text for w in inside), min(w.confidence for w in inside), box)


def _share_inside(word: BBox, slip: BBox) -> float:
    """Share of ``word``'s width that lies over ``slip``."""
    overlap = min(word[2], slip[2]) - max(word[0], slip[0])
    return max(0, overlap) / max(1, word[2] - word[0])


# Class symbols -------------------------------------------------------------------------------

# A group and the separator after it, which OCR may read as a colon ("6067'9/00:" for
# "G06T 9/00;", seed 2111).
_GROUP = re.compile(r"\d{1,4}/\d{1,6}[;,.:]?")
# A subclass and its group read as one word, the space lost ("@067'9/00" for "G06T 9/00").
# No slash before the group: "18/08/2544" is a date. A subclass is four characters: that cut
# is tried first, so "G0679/00" (T read as 7) is "G067" + "9/00", not "G06" + "79/00".
_GLUED_CUTS = tuple(
    re.compile(rf"([^\s/]{{{n}}})(\d{{1,4}}/\d{{1,6}}[;,.:]?)") for n in (4, 3, 5, 6)
)


def _glued(text: str) -> re.Match[str] | None:
    """``text`` cut into a subclass-like part (group 1) and its group number (group 2)."""
    for cut in _GLUED_CUTS:
        if (m := cut.fullmatch(text)) is not None:
            return m
    return None


def _odd_subclasses(line: Line) -> list[int]:
    """Indices of the words that should be IPC subclasses and are not.

    A word before a group number ("1104 84/18"), or glued to it ("@067'9/00").
    No subclass is what the IPC normalizer cannot read as one with its group ("HOAW 84/18" it
    reads as H04W). Any line of a local-script page counts, its label in English ("Int. Cl.")
    or not: the Lao and Khmer models read the letters of a symbol as digits ("8010" for B01D).
    """
    words = line.words
    before_group = [
        i
        for i in range(len(words) - 1)
        if _GROUP.fullmatch(words[i + 1].text)
        and parse_ipc(f"{words[i].text} {words[i + 1].text}") is None
    ]
    glued = [
        i
        for i, word in enumerate(words)
        if (m := _glued(word.text)) is not None
        and parse_ipc(f"{m[1]} {m[2]}") is None
        and i not in before_group
    ]
    return sorted(before_group + glued)


def _subclass_of(text: str) -> str | None:
    """The subclass a word stands for, alone ("CO5SF") or glued to its group ("G06T9/00")."""
    glued = _glued(text)
    return read_subclass(glued[1] if glued else text)


# A piece of a symbol cut off by a false space ("601 ผ 33/24" for G01N): a few letters or
# digits, no sign (a label ends in a colon, a group before it in a semicolon) but an opening
# bracket, which a G's curve reads as ("(๐ 061 9/00" for G06T, seed 2106).
_SYMBOL_PIECE = re.compile(r"[(\[]?[A-Za-z0-9\u0e00-\u0eff\u1780-\u17ff]{1,4}")
# A G may fall into two pieces ("0 ๐ 061'9/00" for G06T 9/00, seed 2129): English read the
# band from the second piece on as "(O6T", from the first as "GO6T". A second piece must touch
# the first, or nearly: a letter's halves lie closer than half a letter apart.
_MAX_PIECES = 2


def _pieces_before(line: Line, i: int) -> int:
    """Index of the first of up to ``_MAX_PIECES`` symbol pieces just before word ``i``."""
    words = line.words
    if i == 0 or not _SYMBOL_PIECE.fullmatch(words[i - 1].text):
        return i
    start = i - 1
    while (
        start > 0
        and i - start < _MAX_PIECES
        and _SYMBOL_PIECE.fullmatch(words[start - 1].text)
        and words[start].bbox[0] - words[start - 1].bbox[2] <= _word_height(line) / 2
    ):
        start -= 1
    return start


def find_odd_symbols(page: PageText, *, width: int, height: int) -> list[LineBand]:
    """Misread IPC subclasses of local-script lines, each with a band to re-read in English.

    The band holds the symbol alone (with a piece of it cut off before, and its group): read
    with the local label beside it, English read G01N as "GON" at 24 (seed 2088); alone,
    "GO1N" at 78. A line with two odd symbols has two bands.
    """
    bands = []
    for n, line in enumerate(page.lines):
        words = line.words
        for i in _odd_subclasses(line):
            start = _pieces_before(line, i)
            end = i + 1 if i + 1 < len(words) and _GROUP.fullmatch(words[i + 1].text) else i
            box = union_bbox(w.bbox for w in words[start : end + 1])
            assert box is not None
            bands.append(LineBand(n, (), _band(box, line, width=width, height=height)))
    return bands


def replace_symbols(
    page: PageText, bands: list[LineBand], rereads: list[PageText]
) -> tuple[PageText, int]:
    """``page`` with each odd subclass replaced by an English reading shaped like a subclass.

    The English word must overlap the odd word by half the narrower one's width. Returns the
    page and how many words were replaced.
    """
    return _replace_targets(
        page, bands, rereads, targets=_odd_subclasses,
        usable=lambda w: _subclass_of(w.text) is not None,
        pick=lambda line, i, symbols: _one_symbol_over(line.words[i], symbols),
        debris=_pieces_under,
    )  # fmt: skip


def _pieces_under(words: list[Word], i: int) -> set[int]:
    """The symbol pieces before ``i`` that its English reading lies over ("0 ๐" of a G)."""
    return {
        j
        for j in range(max(0, i - _MAX_PIECES), i)
        if _SYMBOL_PIECE.fullmatch(words[j].text)
        and _share_inside(words[j].bbox, words[i].bbox) > 0.5
    }


def _one_symbol_over(odd: Word, symbols: list[Word]) -> Word | None:
    """The subclass English read over ``odd``, as the subclass it stands for ("CO5SF": C05F).

    An odd word glued to its group keeps the group ("@067'9/00": "G06T 9/00").
    """
    found = [w for w in symbols if _overlap_share(w.bbox, odd.bbox) >= 0.5]
    if len(found) != 1:
        return None
    subclass = _subclass_of(found[0].text)
    if subclass is None:
        return None
    # English's own group when it read one glued on, else the odd word's.
    glued = _glued(found[0].text) or _glued(odd.text)
    text = f"{subclass} {glued[2]}" if glued else subclass
    box = union_bbox((found[0].bbox, odd.bbox))
    assert box is not None
    return Word(text, found[0].confidence, box)


def _overlap_share(a: BBox, b: BBox) -> float:
    """Horizontal overlap of two boxes as a share of the narrower one's width."""
    overlap = min(a[2], b[2]) - max(a[0], b[0])
    return max(0, overlap) / max(1, min(a[2] - a[0], b[2] - b[0]))


# Latin values read as local letters ----------------------------------------------------------

# A value after a label whose words average below this confidence, holding local letters, is
# no sure local reading: a Latin mark the local model took for its own script ("หเม" at 28
# for SAOMAI on seed 2051, "1 โง ง [1" at 58 for HANAMI on seed 2050) ...
UNSURE_VALUE_CONFIDENCE = 60.0
# ... and English's reading of the same place replaces it when it is plain Latin read this
# surely: SAOMAI came back at 71, the Thai label beside it as "lnSovKUIEMsAI:" at 0.
SURE_LATIN_REREAD = 70.0
LONE_LETTERS_LATIN_REREAD = 50.0
_PLAIN_LATIN = re.compile(r"[A-Za-z0-9&.,'\-]+")
_NUMBER_READING = re.compile(r"\d+(?:[/.\-]\d+)*")


def _label_end(words: tuple[Word, ...]) -> int | None:
    """Index of the first word that ends a label (with a colon), if a value follows it."""
    for i, word in enumerate(words[:-1]):
        if word.text.endswith(":"):
            return i
    return None


def _unsure_local_value(line: Line) -> list[int]:
    """Indices of the words after a line's label, when they hold local letters read unsurely.

    Unsure as a whole: their mean confidence is below ``UNSURE_VALUE_CONFIDENCE``; or the
    whole value is one or two local letters, which no value is: "เครื่องหมายการค้า: ห" at 75
    for the Latin marks SIAMORA and SAOMAI (seeds 2079-2080).
    """
    label = _label_end(line.words)
    if label is None:
        return []
    value = line.words[label + 1 :]
    local = any(has_unspaced_script(w.text) for w in value)
    mean = sum(w.confidence for w in value) / len(value)
    lone_letters = len(value) == 1 and len(value[0].text) <= _LONE_LETTERS
    unsure = local and (
        mean < UNSURE_VALUE_CONFIDENCE or lone_letters or _separators_read_as_letters(value)
    )
    return list(range(label + 1, len(line.words))) if unsure else []


_LONE_LETTERS = 2


def _separators_read_as_letters(value: tuple[Word, ...]) -> bool:
    """Whether ``value`` is digits parted by lone local letters.

    A date's or number's slashes or dashes read as letters: "2 ป 1 ป 2544" for "21/11/2544"
    (seed 2085, a Thai filing date lost).
    """
    texts = [w.text for w in value]
    return (
        len(texts) >= 3
        and all(t.isdigit() for t in texts[::2])
        and all(len(t) == 1 and has_unspaced_script(t) for t in texts[1::2])
    )


def find_unsure_local_values(page: PageText, image: np.ndarray) -> list[LineBand]:
    """Lines whose value after a label may be Latin read as local letters, to read in English.

    Unsure by its words (``_unsure_local_value``), or by its ink: local letters whose boxes
    span under ``_EXPLAINED_INK`` of the ink after the label. Each band reaches on over the
    ink right of the line's last word: a Latin mark read as one Thai letter ("ห" for SIAMORA)
    is wider than that letter's box.
    """
    height, width = image.shape[:2]
    return [
        LineBand(
            n, (), _with_ink_run_on(image, _band(line.bbox, line, width=width, height=height), line)
        )
        for n, line in enumerate(page.lines)
        if _unsure_local_value(line) or _ink_unexplained(line, image)
    ]


# A local reading of a value whose boxes span under this share of the ink after its label
# explains too little of it: SIAMORA read "บงห" at 74 over a third of the mark's width, and
# "แพิค" at 66 over two thirds (seed 2130); a local value's boxes span all of its ink.
_EXPLAINED_INK = 0.75


def _ink_unexplained(line: Line, image: np.ndarray) -> bool:
    """Whether the local value after ``line``'s label spans too little of the ink there."""
    label = _label_end(line.words)
    if label is None:
        return False
    value = line.words[label + 1 :]
    if not any(has_unspaced_script(w.text) for w in value):
        return False
    ink = _ink_run(image, line, line.words[label].bbox[2] + 1)
    if ink is None:
        return False
    spanned = union_bbox(w.bbox for w in value)
    assert spanned is not None
    return spanned[2] - spanned[0] < _EXPLAINED_INK * (ink[1] - ink[0])


def _value_after_label(line: Line) -> list[int]:
    """Indices of the words after the line's label (none without one)."""
    label = _label_end(line.words)
    return [] if label is None else list(range(label + 1, len(line.words)))


# Ink a line runs on with is no further from the last ink than this many letter heights.
_RUN_ON_GAP = 1.5


def _with_ink_run_on(image: np.ndarray, band: BBox, line: Line) -> BBox:
    """``band`` widened to the ink right of ``line``'s last word, within its rows."""
    x0, y0, x1, y1 = band
    right = line.bbox[2]
    ink = _ink_run(image, line, right)
    if ink is None or ink[0] - right > _RUN_ON_GAP * _word_height(line):
        return band  # nothing close to the line's end
    margin = round(_word_height(line) / 3)
    return (x0, y0, max(x1, min(image.shape[1], ink[1] + margin)), y1)


def _ink_run(image: np.ndarray, line: Line, start: int) -> tuple[int, int] | None:
    """The columns ``[first, end)`` of the ink from column ``start`` on, within ``line``'s rows.

    The run ends before a gap wider than ``_RUN_ON_GAP`` letter heights (the next column).
    """
    _lx0, top, _lx1, bottom = line.bbox
    inked = np.flatnonzero((image[top:bottom, start:] < 128).any(axis=0))
    if inked.size == 0:
        return None
    gaps = np.diff(inked)
    too_far = np.flatnonzero(gaps > _RUN_ON_GAP * _word_height(line))
    end = inked[too_far[0]] if too_far.size else inked[-1]
    return start + int(inked[0]), start + int(end) + 1


def replace_unsure_values(
    page: PageText, bands: list[LineBand], rereads: list[PageText]
) -> tuple[PageText, int]:
    """``page`` with each unsure local value replaced by English's reading of its place.

    Only when English read plain Latin words there (letters, digits, "&.,'-"), with a mean
    confidence of ``SURE_LATIN_REREAD`` or more. Returns the page and how many values were replaced.
    """

    def latin_value(line: Line, span: list[int], english: list[Word]) -> list[Word] | None:
        value_left = line.words[span[0] - 1].bbox[2]
        latin = [w for w in english if w.bbox[0] >= value_left]
        if _separators_read_as_letters(line.words[span[0] : span[-1] + 1]):
            # A date or number: English must read digits and separators, and surely.
            numbers = all(_NUMBER_READING.fullmatch(w.text) for w in latin)
            mean = sum(w.confidence for w in latin) / len(latin) if latin else 0.0
            return latin if latin and numbers and mean >= SURE_LATIN_REREAD else None
        # Over one or two local letters, which no value is, a Latin word of three letters or
        # more read at 50 will do (SIAMORA came back at 55 in a decorative face, seed 2080).
        lone = len(span) == 1 and len(line.words[span[0]].text) <= _LONE_LETTERS
        letters = sum(c.isalpha() for w in latin for c in w.text)
        sure = LONE_LETTERS_LATIN_REREAD if lone and letters >= 3 else SURE_LATIN_REREAD
        if (
            not latin
            or not all(_PLAIN_LATIN.fullmatch(w.text) for w in latin)
            or not letters
            or sum(w.confidence for w in latin) / len(latin) < sure
        ):
            return None
        return latin

    return _replace_spans(page, bands, rereads, span=_value_after_label, choose=latin_value)


def _replace_spans(
    page: PageText,
    bands: list[LineBand],
    rereads: list[PageText],
    *,
    span: Callable[[Line], list[int]],
    choose: Callable[[Line, list[int], list[Word]], list[Word] | None],
) -> tuple[PageText, int]:
    """Replace the run of words ``span`` finds in each banded line by what ``choose`` takes.

    ``choose`` sees the line as read, the run's indices and the band's re-read words in page
    pixels; None keeps the line. Returns the page and how many runs were replaced.
    """
    lines = list(page.lines)
    replaced = 0
    for band, reread in zip(bands, rereads, strict=True):
        line = lines[band.line]
        run = span(line)
        new = choose(line, run, _page_words(band, reread)) if run else None
        if new is None:
            continue
        words = line.words
        lines[band.line] = Line((*words[: run[0]], *new, *words[run[-1] + 1 :]), line.block)
        replaced += 1
    if not replaced:
        return page, 0
    return PageText(page.page_index, tuple(lines), page.width, page.height), replaced


# A priority claim's country read as local letters -----------------------------------------

# "(30) วันยื่นคำขอในต่างประเทศ: ปร 60/837,068 23/12/2549": the Thai model read "US" as Thai
# letters ("ปร", "ป 5", "ง" for JP; seeds 2073, 2076). After a label, one or two short tokens
# of local letters (or a lone digit beside them) before a number of three digits or more
# stand where a claim's country code does; English reads the code there again.
_CLAIM_NUMBER = re.compile(r"\d[\d/,.\-]*\d.*")
_SHORT_TOKEN = 3
_CODE_READING = re.compile(r"([A-Z]{2})")  # grouped as _COUNTRY_CODE is


def _local_country_slot(line: Line) -> list[int]:
    """Indices of the local tokens standing where a claim's country code goes, if any."""
    label = _label_end(line.words)
    if label is None:
        return []
    value = line.words[label + 1 :]
    number = next((i for i, w in enumerate(value) if _CLAIM_NUMBER.fullmatch(w.text)), None)
    if number is None or not 1 <= number <= 2 or sum(map(str.isdigit, value[number].text)) < 3:
        return []
    head = value[:number]
    short = all(len(w.text) <= _SHORT_TOKEN and not _LATIN_WORD.fullmatch(w.text) for w in head)
    local = any(has_unspaced_script(w.text) for w in head)
    return list(range(label + 1, label + 1 + number)) if short and local else []


# A name's country code in brackets read as local letters: "Acme Semiconductor, Inc. (ปร)" on a
# Thai page (seed 2125: "(US)", alone on the name's second line, read at 90). Two or three
# local letters in brackets stand nowhere else in these fields.
_SHORT_BRACKET = re.compile(r"\((\S{2,3})\)[.,;:]?")


def _local_code_in_brackets(line: Line) -> list[int]:
    """The index of the line's first bracket of local letters where a country code stands."""
    for i, word in enumerate(line.words):
        inside = _SHORT_BRACKET.fullmatch(word.text)
        if inside is not None and all(script_country(c) is not None for c in inside[1]):
            return [i]
    return []


def _local_country_slots(line: Line) -> list[int]:
    """A claim's country or a name's bracketed code read as local letters (indices)."""
    return _local_country_slot(line) or _local_code_in_brackets(line)


def find_local_country_codes(page: PageText, *, width: int, height: int) -> list[LineBand]:
    """Lines whose claim's or name's country code may have been read as local letters.

    To read again in English.
    """
    return _lines_with(page, _local_country_slots, width=width, height=height)


def replace_country_codes(
    page: PageText, bands: list[LineBand], rereads: list[PageText]
) -> tuple[PageText, int]:
    """``page`` with each such code put back where English read an ST.3 code over it.

    Only one English word over the place, two capitals that are a country code (in brackets
    where the code was bracketed), read at ``SURE_LATIN_REREAD`` or more. Returns the page and
    how many codes were put back.
    """

    def country_code(line: Line, span: list[int], english: list[Word]) -> list[Word] | None:
        bracketed = not _local_country_slot(line)  # so the span is the bracket
        if bracketed:
            left, right = line.words[span[0]].bbox[0], line.words[span[0]].bbox[2]
        else:
            # Between the label and the number: the local tokens' boxes may be narrower than
            # the code ("ง" for "JP", seed 2073).
            left, right = line.words[span[0] - 1].bbox[2], line.words[span[-1] + 1].bbox[0]
        over = [w for w in english if left < (w.bbox[0] + w.bbox[2]) / 2 < right]
        if len(over) != 1 or over[0].confidence < SURE_LATIN_REREAD:
            return None
        code = over[0]
        found = (_COUNTRY_CODE if bracketed else _CODE_READING).fullmatch(code.text)
        if found is None or found[1] not in ST3_CODES:
            return None
        return [replace(code, bbox=line.words[span[0]].bbox) if bracketed else code]

    return _replace_spans(page, bands, rereads, span=_local_country_slots, choose=country_code)


# Words of a Latin name read as local letters or as a number ------------------------------------

# A name is written in one script: a word of a Latin name on a local page read as local letters
# ("ทา Semiconductor, Inc. (US)" at 73 for "Acme", seed 2129) or as a number with a word's full
# stop ("Siam Agritech 60., Ltd. (TH)" at 88 for "Co.,", on a Lao page of seed 2129) is a
# misread. English reads the name again alone, from its first word to its code: the two lines
# came back "Acme Semiconductor, Inc. (US)" and "Siam Agritech Co., Ltd. (TH)" (the words
# alone, "“Me" and "Co.,"; the local models beside English, as on the page).
_ASCII_WORD = re.compile(r"[A-Za-z][A-Za-z&'\-]*[.,]*")
_NUMBER_AS_WORD = re.compile(r"\d{1,3}[.,]+")
# The name's Latin words, at least two of them capitalized, outnumber its odd ones this many
# times: "บริษัท ABC Trading จำกัด" (half Thai) is a Thai name, its Latin words slips.
_LATIN_MAJORITY = 2


def _latin_names_with_odd_words(words: tuple[Word, ...]) -> list[tuple[range, list[int]]]:
    """Each Latin name of the line that has local or number words, with those words' indices."""
    found: list[tuple[range, list[int]]] = []
    for run, code in _name_runs(words):
        if code is None:
            continue
        latin = [k for k in run if _ASCII_WORD.fullmatch(words[k].text)]
        odd = [
            k
            for k in run
            if has_unspaced_script(words[k].text) or _NUMBER_AS_WORD.fullmatch(words[k].text)
        ]
        capitalized = sum(words[k].text[0].isupper() for k in latin)
        if (
            odd
            and capitalized >= 2
            and len(latin) >= _LATIN_MAJORITY * len(odd)
            and len(latin) + len(odd) == len(run)
        ):
            found.append((run, odd))
    return found


def _odd_words_in_latin_name(line: Line) -> list[int]:
    """Indices of the local or number words of the line's Latin names."""
    return [k for _run, odd in _latin_names_with_odd_words(line.words) for k in odd]


def find_odd_words_in_latin_names(page: PageText, *, width: int, height: int) -> list[LineBand]:
    """Latin names of local-script lines with a word read as local letters or a number.

    A band a name, to read again in English: from the word before it (a label, the code of
    the name before) to its own code. A misread word's box may be narrower than its ink: "ทา"
    began 20 px right of the "A" of "Acme", and a band from "ทา" on read "“me" at 9.
    """
    bands = []
    for n, line in enumerate(page.lines):
        for run, _odd in _latin_names_with_odd_words(line.words):
            box = union_bbox(w.bbox for w in line.words[run.start : run.stop + 1])
            assert box is not None
            x0, y0, x1, y1 = _band(box, line, width=width, height=height)
            if run.start > 0:
                x0 = line.words[run.start - 1].bbox[2] + 1
            bands.append(LineBand(n, (), (x0, y0, x1, y1)))
    return bands


def replace_odd_name_words(
    page: PageText, bands: list[LineBand], rereads: list[PageText]
) -> tuple[PageText, int]:
    """``page`` with each odd word of a Latin name replaced by the English word read over it.

    One English word over half the narrower box or more, plain Latin with a letter, read at
    ``SURE_LATIN_REREAD`` or more. Returns the page and how many words were replaced.
    """

    def english_word(line: Line, i: int, english: list[Word]) -> Word | None:
        over = [w for w in english if _overlap_share(w.bbox, line.words[i].bbox) >= 0.5]
        if len(over) != 1 or not any(c.isalpha() for c in over[0].text):
            return None
        return replace(over[0], bbox=line.words[i].bbox)

    return _replace_targets(
        page, bands, rereads, targets=_odd_words_in_latin_name,
        usable=lambda w: (
            _PLAIN_LATIN.fullmatch(w.text) is not None and w.confidence >= SURE_LATIN_REREAD
        ),
        pick=english_word,
    )  # fmt: skip


# Lost spaces ---------------------------------------------------------------------------------

# A gap inside a word is a space when it is this many times wider than every other gap in the
# word and at least this share of the word's height. Seed 2047: spaces of 20 and 30 px in
# words 62-65 px tall, other gaps 8 px at most. In the generator's Thai fonts a space is
# 2.4-3.8 times the widest other gap and 0.4-0.6 of the height; words without one have
# gaps within 1.4 times of each other, the widest 0.22 of the height at most.
_SPACE_GAP_RATIO = 2.0
_SPACE_GAP_HEIGHT = 0.25
_SPACE_MIN_CHARS = 4
_THAI_OR_LAO = re.compile("[\u0e00-\u0eff]")
# Khmer letters of one word can stand as far apart as a space ("ចាន់" was cut into "ចា ន់" on
# seed 2048 by the rule above), so a Khmer word's gap is measured against the line: a space
# when it is this many times wider than every other gap inside the line's Khmer words. Seed
# 2100: the space of "មេគង្គ ហ្វូដ" 20 and 18 px beside inner gaps of 10 at most; the widest
# gap of a word without a space 1.5 times the line's others at most (14 beside 10).
_KHMER = re.compile("[\u1780-\u17ff]")
_KHMER_SPACE_RATIO = 1.6
# The part after a Khmer word's gap is a word only with this many letters (marks not counted):
# a lone consonant there is the final of the syllable before ("ន់" of "ចាន់").
_KHMER_TAIL_LETTERS = 2
# Where two Khmer words may be one: a letter ends the first (no sign of a sentence's end) and a
# consonant or independent vowel starts the second.
_KHMER_WORD_END = re.compile("[\u1780-\u17d3]$")
_KHMER_WORD_START = re.compile("[\u1780-\u17b3]")
_COENG = "\u17d2"  # the Khmer sign that puts the next consonant under the one before


@dataclass(frozen=True, slots=True)
class LostSpace:
    """A word with a gap as wide as a space, and the band of its part before the gap.

    The word is ``page.lines[line].words[word]``; the gap runs from column ``gap[0]`` to
    ``gap[1]`` in page pixels.
    """

    line: int
    word: int
    gap: tuple[int, int]
    band: BBox


def _inner_gaps(image: np.ndarray, box: BBox) -> tuple[np.ndarray, np.ndarray]:
    """The blank runs between the ink columns of ``box``: their widths and first columns."""
    x0, y0, x1, y1 = box
    inked = (image[max(0, y0) : y1, max(0, x0) : x1] < 128).any(axis=0)
    columns = np.flatnonzero(inked)
    if columns.size < 2:
        return np.zeros(0, dtype=int), np.zeros(0, dtype=int)
    return np.diff(columns) - 1, max(0, x0) + columns[:-1] + 1


def _space_gap(image: np.ndarray, box: BBox) -> tuple[int, int] | None:
    """The gap inside a Thai or Lao word's ``box`` that is a space: first blank, first inked."""
    widths, starts = _inner_gaps(image, box)
    if widths.size == 0:
        return None
    order = np.argsort(widths)[::-1]
    widest = int(widths[order[0]])
    second = int(widths[order[1]]) if widths.size > 1 else 0
    if widest < _SPACE_GAP_HEIGHT * (box[3] - box[1]) or widest < _SPACE_GAP_RATIO * max(1, second):
        return None
    start = int(starts[order[0]])
    return start, start + widest


def _khmer_space_gaps(image: np.ndarray, line: Line) -> dict[int, tuple[int, int]]:
    """The Khmer words of ``line`` (by index) whose widest inner gap is a space, and that gap.

    A gap is a space beside the other gaps of the line's Khmer words, the word's own included;
    a line with no other Khmer word to measure against has none.
    """
    gaps = {
        j: _inner_gaps(image, word.bbox)
        for j, word in enumerate(line.words)
        if _KHMER.search(word.text)
    }
    widest = {j: int(widths.max()) if widths.size else 0 for j, (widths, _s) in gaps.items()}
    found = {}
    for j, (widths, starts) in gaps.items():
        if len(line.words[j].text) < _SPACE_MIN_CHARS or widths.size < 2:
            continue
        others = [w for k, w in widest.items() if k != j]
        if not others or max(others) == 0:
            continue
        order = np.argsort(widths)[::-1]
        gap, second = int(widths[order[0]]), int(widths[order[1]])
        if gap >= _KHMER_SPACE_RATIO * max(second, *others):
            start = int(starts[order[0]])
            found[j] = (start, start + gap)
    return found


def find_lost_spaces(page: PageText, image: np.ndarray) -> list[LostSpace]:
    """Thai, Lao and Khmer words whose image shows a space inside them."""
    height, width = image.shape[:2]
    found = []
    for i, line in enumerate(page.lines):
        khmer = _khmer_space_gaps(image, line)
        for j, word in enumerate(line.words):
            if j in khmer:
                gap: tuple[int, int] | None = khmer[j]
            elif len(word.text) >= _SPACE_MIN_CHARS and _THAI_OR_LAO.search(word.text):
                gap = _space_gap(image, word.bbox)
            else:
                gap = None
            if gap is None:
                continue
            x0, y0, _x1, y1 = word.bbox
            left, top, _right, bottom = _band(
                (x0, y0, gap[0], y1), line, width=width, height=height
            )
            middle = (gap[0] + gap[1]) // 2  # no margin into the word after the gap
            found.append(LostSpace(i, j, gap, (left, top, middle, bottom)))
    return found


def cut_lost_spaces(image: np.ndarray, found: list[LostSpace]) -> list[np.ndarray]:
    """The image of the part before the gap of each word, for a single-line read."""
    return [image[y0:y1, x0:x1] for x0, y0, x1, y1 in (f.band for f in found)]


# The re-read of the part before the gap must be at least this sure ...
_SPACE_REREAD_CONFIDENCE = 70.0
# ... and its share of the word's letters (marks not counted) near the gap's place in the box.
_SPACE_SHARE_TOLERANCE = 0.2


def _spacing_letters(text: str) -> int:
    return sum(1 for c in text if unicodedata.category(c) != "Mn")


def _head_words(reread: PageText) -> list[Word]:
    """The words of the re-read part before a gap, without specks read as punctuation.

    The band reaches a little over the word before: seed 2077 read "'" (36) and "สบู่" (91).
    """
    return [w for w in reread.words if any(c.isalpha() for c in w.text)]


def _skeleton(text: str) -> str:
    """``text``'s spacing letters, sara am as the aa it ends with: what a lone re-read keeps.

    A part re-read alone loses or gains marks the page read ("ระบบกรองน้า" for the page's
    "ระบบกรองนำ", seed 2100): the letters that take up room are what must agree.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def _split_point(word: str, head: str) -> int | None:
    """Where ``word`` parts after the letters of ``head``, with the marks over its last one.

    None where ``head``'s letters do not start ``word``'s, or are all of them.
    """
    letters = _skeleton(head)
    if not letters or not _skeleton(word).startswith(letters):
        return None
    taken = 0
    for end, char in enumerate(word):
        if taken == len(letters) and unicodedata.category(char) != "Mn":
            return end if end < len(word) else None
        taken += len(_skeleton(char))
        if taken > len(letters):
            return None  # the head ends inside sara am
    return None


def _splits_at_gap(word: Word, cut: int, gap: tuple[int, int], words: list[Word]) -> bool:
    """Whether ``word`` parts in two at ``cut``, its head re-read before the gap as ``words``."""
    head, tail = word.text[:cut], word.text[cut:]
    if not can_part_between(head, tail):
        return False  # "ที" + "่ดิน": a cut through a cluster
    if _KHMER.match(tail) and (
        not _KHMER_WORD_START.match(tail) or head.endswith(_COENG)
    ):  # "សម្" + "ងួត", "ម៉" + "ាស៊ីន": a cut through a cluster
        return False
    if _KHMER.match(tail) and _spacing_letters(tail) < _KHMER_TAIL_LETTERS:
        return False  # "ចា" + "ន់": a final consonant, no word of its own
    if sum(w.confidence for w in words) / len(words) < _SPACE_REREAD_CONFIDENCE:
        return False
    x0, _y0, x1, _y1 = word.bbox
    at = (gap[0] - x0) / max(1, x1 - x0)
    share = _spacing_letters(head) / max(1, _spacing_letters(word.text))
    return abs(share - at) <= _SPACE_SHARE_TOLERANCE


def split_lost_spaces(
    page: PageText, found: list[LostSpace], rereads: list[PageText]
) -> tuple[PageText, int]:
    """``page`` with each word split at its gap where the re-read part is how the word starts.

    The re-read only says where to cut: both parts keep the page's reading, marks the lone
    read lost or gained included ("สบู" for "สบู่", seed 2078). Anything else (a reading that
    differs, or that is the whole word) leaves the word as it was. Returns the page and how
    many words were split.
    """
    lines = [list(line.words) for line in page.lines]
    split = 0
    for lost, reread in sorted(
        zip(found, rereads, strict=True), key=lambda pair: -pair[0].word
    ):  # right to left, so the indices of a line's other words hold
        word = lines[lost.line][lost.word]
        head_words = _head_words(reread)
        cut = _split_point(word.text, "".join(w.text for w in head_words).replace(" ", ""))
        if cut is None or not _splits_at_gap(word, cut, lost.gap, head_words):
            continue
        x0, y0, x1, y1 = word.bbox
        lines[lost.line][lost.word : lost.word + 1] = [
            Word(word.text[:cut], word.confidence, (x0, y0, lost.gap[0], y1)),
            Word(word.text[cut:], word.confidence, (lost.gap[1], y0, x1, y1)),
        ]
        split += 1
    if not split:
        return page, 0
    new_lines = tuple(
        Line(tuple(words), line.block) for words, line in zip(lines, page.lines, strict=True)
    )
    return PageText(page.page_index, new_lines, page.width, page.height), split


def _word_script(text: str) -> str | None:
    """The country of the one unspaced script of ``text``'s letters, or None."""
    countries = {script_country(c) for c in text if c.isalpha()} - {None}
    return countries.pop() if len(countries) == 1 else None


def _widest_inner_gap(image: np.ndarray, line: Line, script: str) -> int:
    """The widest gap inside a word of ``script`` on ``line``, spaces the model ran over not.

    A space run over is the word's own gap that ``find_lost_spaces`` would cut at. A Thai
    gap as wide as a space (``_SPACE_GAP_HEIGHT`` of the word's height) never counts: a word
    that ran over two spaces has no one widest gap to cut at, and its spaces would make every
    real space of the line look like one inside a word.
    """
    khmer_spaces = _khmer_space_gaps(image, line) if script == "KH" else {}
    widest = 0
    for j, word in enumerate(line.words):
        if _word_script(word.text) != script:
            continue
        space = khmer_spaces.get(j) or (
            _space_gap(image, word.bbox)
            if script == "TH" and len(word.text) >= _SPACE_MIN_CHARS
            else None
        )
        counted = np.sort(_gaps_well_inside(image, word.bbox, space=space))[::-1]
        if script == "TH":
            counted = counted[counted < _SPACE_GAP_HEIGHT * (word.bbox[3] - word.bbox[1])]
        widest = max(widest, int(counted[0]) if counted.size else 0)
    return widest


# How far past the boxes' facing edges a blank run still counts as the gap between two words,
# in the words' height: Tesseract's boxes can be a letter off (seed 2121 put the box of
# "สูตรปุ๋ยอินทรีย์" 3 px into the "จ" after the space, and started "จากปลากะตัก" at its "า",
# so the blank between the boxes was the 8 px inside "จา" and the printed space was joined).
_BOX_SLACK = 0.3


def _gaps_well_inside(
    image: np.ndarray, box: BBox, *, space: tuple[int, int] | None = None
) -> np.ndarray:
    """The widths of ``box``'s inner gaps that stand over ``_BOX_SLACK`` from its sides.

    One nearer a side may be the space before a letter of the next word that the box took in.
    ``space`` (first blank, first inked column), a space the model ran over, is left out too.
    """
    x0, y0, x1, y1 = box
    slack = _BOX_SLACK * (y1 - y0)
    widths, starts = _inner_gaps(image, box)
    kept = (starts > x0 + slack) & (starts + widths < x1 - slack)
    if space is not None:
        kept &= starts != space[0]
    return widths[kept]


def _gap_between(image: np.ndarray, before: BBox, after: BBox) -> int:
    """The blank columns between two words on a row: the widest run reaching between them.

    Ink a box left out narrows it, as in "จาก เส้นใย": 14 px between the boxes, 8 of blank.
    A run a little past the facing edges counts too (``_BOX_SLACK``): a box a letter off
    must not hide the space. Such a run inside a word is left out of the widest gap inside
    the line's words (``_gaps_well_inside``), so it can only keep two words apart, never join
    them.
    """
    top, bottom = min(before[1], after[1]), max(before[3], after[3])
    left, right = before[0], after[2]
    slack = round(_BOX_SLACK * (bottom - top))
    near, far = min(after[0], before[2]) - slack, max(after[0], before[2]) + slack
    widths, starts = _inner_gaps(image, (left, top, right, bottom))
    reach = [int(w) for w, x in zip(widths, starts, strict=True) if x <= far and x + w >= near]
    return max(reach, default=0)


# Where two words of one script may be one: Khmer after a letter (no sign of a sentence's end)
# and before a consonant or independent vowel; Thai where a word may end and the next begin.
def _may_join(before: str, after: str, script: str) -> bool:
    if script == "KH":
        return bool(_KHMER_WORD_END.search(before) and _KHMER_WORD_START.match(after))
    return can_part_between(before, after)


# A gap is inside a word when no wider than this share of the widest inside a word of the
# line. Thai spaces are 2.4 times that at least (above), and in some Thai fonts the letters
# before a leading vowel stand apart (10-11 px beside 9 in "จากเส้นใย"); Khmer spaces can be
# as narrow as 1.4 times it (Noto Serif Khmer, 14 px beside 10).
_JOINED_SCRIPTS = {"KH": 1.0, "TH": 1.3}


def join_false_spaces(page: PageText, image: np.ndarray) -> tuple[PageText, int]:
    """``page`` with two Khmer or Thai words joined where the ink between them shows no space.

    The models now and then space a word where its letters stand apart ("ម៉ាស៊ីន សម្ងួតស្រូវ"
    for "ម៉ាស៊ីនសម្ងួតស្រូវ", seed 2100: 15 px of blank beside real spaces of 25 and gaps of 15
    inside the line's words; "จาก เส้นใยกล้วย", seed 2103: 8 px beside spaces of 17 and gaps
    of 8). A gap no wider than the widest inside a word of the same script on the line (not
    one that is itself a space; 1.3 times it for Thai, ``_JOINED_SCRIPTS``) is taken for one
    inside a word. Lao is left to its word list.
    Returns the page and how many spaces went.
    """
    lines = []
    joined = 0
    for line in page.lines:
        line, count = _line_without_false_spaces(line, image)
        lines.append(line)
        joined += count
    if not joined:
        return page, 0
    return PageText(page.page_index, tuple(lines), page.width, page.height), joined


def _line_without_false_spaces(line: Line, image: np.ndarray) -> tuple[Line, int]:
    """``line`` with its false spaces gone (``join_false_spaces``), and how many went.

    The widest gap inside the line's words of a script is measured only once two words of it
    may join: most lines have no such pair.
    """
    widest: dict[str, int] = {}
    words = list(line.words[:1])
    joined = 0
    for word in line.words[1:]:
        before = words[-1]
        script = _word_script(word.text)
        if (
            script in _JOINED_SCRIPTS
            and _word_script(before.text) == script
            and _may_join(before.text, word.text, script)
        ):
            if script not in widest:
                widest[script] = _widest_inner_gap(image, line, script)
            if (
                _gap_between(image, before.bbox, word.bbox)
                <= _JOINED_SCRIPTS[script] * widest[script]
            ):
                box = union_bbox([before.bbox, word.bbox])
                assert box is not None
                confidence = min(before.confidence, word.confidence)
                words[-1] = Word(before.text + word.text, confidence, box)
                joined += 1
                continue
        words.append(word)
    if not joined:
        return line, 0
    return Line(tuple(words), line.block), joined


# Unsure local words --------------------------------------------------------------------------

# A local word the page read below this confidence is read again with its line alone ...
UNSURE_LOCAL_WORD = 60.0
# ... and replaced where the line's reading of its place is this sure, and surer by this much.
SURE_LINE_REREAD = 80.0
_SURER_BY = 20.0


def _unsure_local_words(line: Line) -> list[int]:
    """Indices of the Thai or Khmer words of a line read below ``UNSURE_LOCAL_WORD``."""
    return [
        i
        for i, w in enumerate(line.words)
        if w.confidence < UNSURE_LOCAL_WORD and has_unspaced_script(w.text)
    ]


def find_unsure_local_words(page: PageText, *, width: int, height: int) -> list[LineBand]:
    """Lines with unsure local words, with bands to read again as one line each."""
    return _lines_with(page, _unsure_local_words, width=width, height=height)


def replace_unsure_words(
    page: PageText, bands: list[LineBand], rereads: list[PageText]
) -> tuple[PageText, int]:
    """``page`` with each unsure local word replaced by a sure reading of its line alone.

    Read as part of the page, "ហ្វូដ" came back "ហូដ" at 52 (its subscript vo lost: eight
    Khmer firm names on seeds 2058-2064); its line read alone, at 92. The words read over the
    unsure one (60% of their width over it) replace it when they average ``SURE_LINE_REREAD``
    and ``_SURER_BY`` more than it. Returns the page and how many words were replaced.
    """
    return _replace_targets(
        page, bands, rereads, targets=_unsure_local_words,
        usable=lambda w: has_unspaced_script(w.text), pick=_surer_local_words,
        absorb_previous=True,
    )  # fmt: skip


def _surer_local_words(line: Line, i: int, local: list[Word]) -> Word | None:
    """The surer reading over unsure word ``i``, unless it runs over a neighbour too.

    A reading that also covers the word before ("សាកលវិទ្យាល័យភូមិន្ទភ្នំពេញ" over "សាកលរ" and an
    unsure "ទ្យាលយភូមន្ទភ្នពេញ", seed 2087) would write that word twice: it may replace both
    instead (``_replace_targets``' ``absorb_previous``).
    """
    word = line.words[i]
    found = _local_words_over(word, local)
    if (
        found is None
        or found.confidence < SURE_LINE_REREAD
        or found.confidence < word.confidence + _SURER_BY
        or found.text == word.text
        or _covers_another(line, i, found)
    ):
        return None
    return found


# Lost lines ----------------------------------------------------------------------------------

# A row of the page belongs to a line of text when it holds ink; rows of marks above or below
# a line stand apart from it by a gap of a few pixels, lines from each other by far more.
_MARK_GAP_SHARE = 0.3  # of the page's letter height: a gap this small is inside one line
_LINE_HEIGHT_RANGE = (0.6, 2.5)  # a band of one line, in letter heights
# A row's ink parts into pieces at gaps this many letter heights wide (two columns; a word
# space is half a letter height); pieces narrower than the other are no line of text.
_PIECE_GAP = 3.0
_PIECE_MIN_WIDTH = 2.0
# A piece is read when Tesseract's words cover this share of its ink's width ...
_READ_COVER = 0.3
_SURE_WORD = 60.0
# ... and a lost one's single-line reading replaces the debris there when it is this sure and
# holds this many letters or digits.
_LOST_LINE_CONFIDENCE = 70.0
_LOST_LINE_LETTERS = 4


@dataclass(frozen=True, slots=True)
class LostLine:
    """A band of the page with a line of ink that the page read has no words for."""

    band: BBox


def _letter_height(page: PageText) -> float | None:
    heights = [w.bbox[3] - w.bbox[1] for w in page.words if w.confidence >= _SURE_WORD]
    return float(median(heights)) if len(heights) >= 3 else None


def _ink_bands(ink_rows: np.ndarray, gap: int) -> list[tuple[int, int]]:
    """Runs of rows with ink, runs less than ``gap`` rows apart merged: (top, bottom)."""
    rows = np.flatnonzero(ink_rows)
    if rows.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(rows) > gap)
    starts = np.concatenate(([rows[0]], rows[breaks + 1]))
    ends = np.concatenate((rows[breaks], [rows[-1]])) + 1
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


def find_lost_lines(page: PageText, image: np.ndarray) -> list[LostLine]:
    """Pieces of ``image`` shaped like one line of text where the page read has no words.

    Tesseract's layout analysis now and then drops whole lines of a clean Thai page, reading
    a few marks of them as debris ("๕", "ฯ49" for "เลขที่คำขอ: 1301890308", seed 2064): the
    mandatory fields on them are lost. Rows with ink are grouped into bands (marks joined to
    their letters), a band one line tall is cut into pieces at gaps wider than a column's
    (``_PIECE_GAP`` letter heights: two columns' lines on one row are two pieces), and a piece
    whose ink the page's words (not debris: ``_read_word``) cover less than ``_READ_COVER`` of
    is lost. ``image`` is the page that was read, ink dark on light.
    """
    height = _letter_height(page)
    if height is None:
        return []
    ink = image < 128
    bands = _ink_bands(ink.sum(axis=1) >= 2, round(_MARK_GAP_SHARE * height))
    low, high = (share * height for share in _LINE_HEIGHT_RANGE)
    read = [w for w in page.words if _read_word(w)]
    margin = round(height / 3)
    lost: list[LostLine] = []
    for top, bottom in bands:
        if not low <= bottom - top <= high:
            continue
        on_row = [w.bbox for w in read if top <= (w.bbox[1] + w.bbox[3]) / 2 < bottom]
        columns = ink[top:bottom].any(axis=0)
        for left, right in _ink_bands(columns, round(_PIECE_GAP * height)):
            if right - left < _PIECE_MIN_WIDTH * height:
                continue  # a speck, a mark, a short stroke
            if _covered_width(on_row, left, right) < _READ_COVER * (right - left):
                lost.append(
                    LostLine(
                        (
                            max(0, left - margin),
                            max(0, top - margin),
                            min(image.shape[1], right + margin),
                            min(image.shape[0], bottom + margin),
                        )
                    )
                )
    return lost


def _letters(text: str) -> int:
    return sum(c.isalnum() for c in text)


def _sure(word: Word) -> bool:
    return word.confidence >= _SURE_WORD and _letters(word.text) >= 2


def _read_word(word: Word) -> bool:
    """Whether ``word`` is text read there, not debris.

    Three letters or digits, or two sure ones (the Lao model reads its own words at any
    confidence, 0 included).
    """
    letters = _letters(word.text)
    return letters >= 3 or (letters >= 2 and word.confidence >= _SURE_WORD)


def _covered_width(boxes: list[BBox], left: int, right: int) -> int:
    """Width of ``left..right`` that the boxes cover, overlaps counted once."""
    covered, reach = 0, left
    for x0, _y0, x1, _y1 in sorted(boxes):
        x0, x1 = max(x0, reach), min(x1, right)
        if x1 > x0:
            covered += x1 - x0
            reach = x1
    return covered


def cut_lost_lines(image: np.ndarray, found: list[LostLine]) -> list[np.ndarray]:
    """The image of each lost line's band, for a single-line read."""
    return [image[y0:y1, x0:x1] for x0, y0, x1, y1 in (f.band for f in found)]


def put_back_lost_lines(
    page: PageText, found: list[LostLine], rereads: list[PageText]
) -> tuple[PageText, int]:
    """``page`` with each lost line's sure reading in place of the debris read in its band.

    The reading is kept when it averages ``_LOST_LINE_CONFIDENCE`` or more and holds at least
    ``_LOST_LINE_LETTERS`` letters or digits; lines of debris lying within its band go (never
    a line with a sure word), and it takes its place in reading order (after the last line
    above it) as a block of its own.
    Returns the page and how many lines were put back.
    """
    lines = list(page.lines)
    block = max((line.block for line in lines), default=0)
    kept = 0
    for lost, reread in zip(found, rereads, strict=True):
        x0, y0 = lost.band[0], lost.band[1]
        words = tuple(w.moved(x0, y0) for line in reread.lines for w in line.words)
        line = Line(words)
        if (
            not words
            or line.confidence < _LOST_LINE_CONFIDENCE
            or _letters(line.text) < _LOST_LINE_LETTERS
        ):
            continue
        lines = [
            old
            for old in lines
            if not (_inside(old.bbox, lost.band) and not any(_sure(w) for w in old.words))
        ]
        block += 1
        lines.insert(_reading_place(lines, lost.band), Line(words, block))
        kept += 1
    return _page_with_lines(page, lines, kept)


def _page_with_lines(page: PageText, lines: list[Line], kept: int) -> tuple[PageText, int]:
    """``page`` with ``lines`` where ``kept`` lines were put back, and that count."""
    if not kept:
        return page, 0
    return PageText(page.page_index, tuple(lines), page.width, page.height), kept


def _reading_place(lines: list[Line], band: BBox) -> int:
    """Where a line in ``band`` goes in reading order.

    After the last line above it in its column (lines overlapping it across); with none, before
    the first line below it (a heading over a block that stands to its left: seed 2063).
    """
    middle = (band[1] + band[3]) / 2

    def below(line: Line) -> bool:
        return (line.bbox[1] + line.bbox[3]) / 2 > middle

    above = [
        k
        for k, line in enumerate(lines)
        if line.bbox[0] < band[2] and line.bbox[2] > band[0] and not below(line)
    ]
    if above:
        return above[-1] + 1
    return next((k for k, line in enumerate(lines) if below(line)), len(lines))


def _inside(box: BBox, band: BBox) -> bool:
    """Whether ``box`` lies within ``band`` (its vertical middle and its whole width)."""
    middle = (box[1] + box[3]) / 2
    return band[1] <= middle <= band[3] and box[0] >= band[0] and box[2] <= band[2]


# Rows cut into pieces -------------------------------------------------------------------------

# Tesseract's layout analysis now and then takes a row of a speckled page for vertical text and
# reads it as a column of one-letter "lines" side by side in one block: "ผู้ขอรับสิทธิบัตร: พ"
# came out as "6 2 ะ๒", "Ce", "เย]", "Cc", "oul", "D>", "เจล" (seed 2102), the applicant lost
# with its label. That many lines of one block beside each other on one row is the sign.
_CUT_ROW_PIECES = 3
_CUT_PIECE_WORDS = 2  # words of a piece at most
_ROW_OVERLAP = 0.5  # of the lower line's height: two lines on one row
_PIECE_OVERLAP = 0.5  # of the narrower piece's width: two pieces side by side


def _on_one_row(a: BBox, b: BBox) -> bool:
    overlap = min(a[3], b[3]) - max(a[1], b[1])
    return overlap >= _ROW_OVERLAP * min(a[3] - a[1], b[3] - b[1])


def _side_by_side(boxes: list[BBox]) -> bool:
    """Whether ``boxes`` stand one after another across the page.

    Each may reach over the next by half the narrower one's width: letters with their marks
    overlap ("เจล |" and "Cc" shared 2 px; a Thai piece of seed 2105 reached 9 px over the
    next, 22 px wide). Boxes that overlap more are readings of one place.
    """
    ordered = sorted(boxes)
    return all(
        left[2] - right[0] <= _PIECE_OVERLAP * min(left[2] - left[0], right[2] - right[0])
        for left, right in pairwise(ordered)
    )


def find_cut_rows(page: PageText, *, width: int, height: int) -> list[LostLine]:
    """Rows that the page read as several small lines of one block side by side.

    The band of each reaches over every line whose middle lies on the row, so the row is read
    again whole, words the page did read included.
    """
    by_block: dict[int, list[Line]] = {}
    for line in page.lines:
        if line.words and len(line.words) <= _CUT_PIECE_WORDS:
            by_block.setdefault(line.block, []).append(line)
    found: list[LostLine] = []
    for pieces in by_block.values():
        used: set[int] = set()
        for k, first in enumerate(pieces):
            if k in used:
                continue
            row = [j for j, other in enumerate(pieces) if _on_one_row(first.bbox, other.bbox)]
            boxes = [pieces[j].bbox for j in row]
            if len(row) < _CUT_ROW_PIECES or not _side_by_side(boxes):
                continue
            used.update(row)
            top, bottom = min(b[1] for b in boxes), max(b[3] for b in boxes)
            on_row = [
                line.bbox
                for line in page.lines
                if line.words and top <= (line.bbox[1] + line.bbox[3]) / 2 <= bottom
            ]
            margin = round((bottom - top) / 4)
            found.append(
                LostLine(
                    (
                        max(0, min(b[0] for b in on_row) - margin),
                        max(0, min(b[1] for b in on_row) - margin),
                        min(width, max(b[2] for b in on_row) + margin),
                        min(height, max(b[3] for b in on_row) + margin),
                    )
                )
            )
    return found


def _surer_in_place(word: Word, before: list[Word]) -> Word:
    """The page's word in ``word``'s place where it read surer: "(TH)" at 96, not "(117)" at 60."""
    for old in before:
        if (
            old.confidence > word.confidence
            and _share_inside(old.bbox, word.bbox) >= _SAME_PLACE
            and _share_inside(word.bbox, old.bbox) >= _SAME_PLACE
        ):
            return old
    return word


_SAME_PLACE = 0.8  # of each word's box: two readings of one word


def put_back_cut_rows(
    page: PageText, found: list[LostLine], rereads: list[PageText]
) -> tuple[PageText, int]:
    """``page`` with each cut row's sure reading in place of every line read in its band.

    Kept when it averages ``_LOST_LINE_CONFIDENCE`` or more and holds every letter and digit of
    the sure words it replaces, so nothing read well is lost. Returns the page and how many
    rows were put back.
    """
    lines = list(page.lines)
    block = max((line.block for line in lines), default=0)
    kept = 0
    for cut, reread in zip(found, rereads, strict=True):
        x0, y0 = cut.band[0], cut.band[1]
        replaced = [line for line in lines if _inside(line.bbox, cut.band)]
        read_before = [w for line in replaced for w in line.words]
        words = tuple(
            _surer_in_place(w.moved(x0, y0), read_before)
            for line in reread.lines
            for w in line.words
        )
        sure_letters = sum(_letters(w.text) for line in replaced for w in line.words if _sure(w))
        line = Line(words)
        if (
            not words
            or line.confidence < _LOST_LINE_CONFIDENCE
            or _letters(line.text) < max(sure_letters, _LOST_LINE_LETTERS)
        ):
            continue
        lines = [old for old in lines if old not in replaced]
        block += 1
        lines.insert(_reading_place(lines, cut.band), Line(words, block))
        kept += 1
    return _page_with_lines(page, lines, kept)


# Lost heads ----------------------------------------------------------------------------------

# Tesseract now and then drops a line's first letters while reading the rest: both lines of a
# Thai page of seed 2097 that start "วันยื่นคำขอ" were read "นยื่นคำขอ", so the filing date had
# no label to find. The dropped letters are ink just before the line's first word that no word
# covers. Looked for up to ``_HEAD_REACH`` letter heights before the word; the ink must be at
# least ``_HEAD_MIN_INK`` letter heights wide (a letter, not a speck) and end within
# ``_HEAD_GAP`` of the word (inside the word: a word space is half a letter height). The
# letter height is measured on word boxes, marks included: once split marks are read back
# with their lines it is up to twice the letters' (73 pixels over letters 37 high, seed 2097),
# hence the low share for a letter's width ("ว" was 28 pixels wide there).
_HEAD_REACH = 2.0
_HEAD_MIN_INK = 0.25
_HEAD_GAP = 0.3


def find_lost_heads(page: PageText, image: np.ndarray) -> list[LineBand]:
    """Lines of a local-script page whose first letters Tesseract dropped, with bands to read.

    ``image`` is the page that was read, ink dark on light. A band runs from the lost ink to
    the line's end.
    """
    height = _letter_height(page)
    if height is None:
        return []
    boxes = [w.bbox for w in page.words]
    reach, gap = round(_HEAD_REACH * height), round(_HEAD_GAP * height)
    found: list[LineBand] = []
    for i, line in enumerate(page.lines):
        if not line.words or not has_unspaced_script(line.words[0].text):
            continue
        x0, y0, _, y1 = line.words[0].bbox
        start = max(0, x0 - reach)
        if x0 - start < _HEAD_MIN_INK * height:
            continue
        columns = (image[y0:y1, start:x0] < 128).any(axis=0)
        for bx0, by0, bx1, by1 in boxes:  # ink a word of this row was read from is not lost
            if y0 <= (by0 + by1) / 2 < y1 and bx0 < x0 and bx1 > start:
                columns[max(0, bx0 - start) : max(0, bx1 - start)] = False
        runs = _ink_bands(columns, gap)
        if not runs:
            continue
        left, right = runs[-1]
        if right < len(columns) - gap or right - left < _HEAD_MIN_INK * height:
            continue
        box = (start + left, line.bbox[1], line.bbox[2], line.bbox[3])
        found.append(LineBand(i, (), _band(box, line, width=image.shape[1], height=image.shape[0])))
    return found


def _in_script_of(added: str, word: str) -> bool:
    """Whether ``added`` is letters and marks of ``word``'s own unspaced script, nothing else."""
    countries = {script_country(c) for c in word} - {None}
    return len(countries) == 1 and all(
        script_country(c) in countries and (c.isalpha() or unicodedata.category(c)[0] == "M")
        for c in added
    )


def put_back_heads(
    page: PageText, bands: list[LineBand], rereads: list[PageText]
) -> tuple[PageText, int]:
    """``page`` with each line's first word replaced by its reading with the lost letters.

    The line alone must read one word before the first word's end, at ``SURE_LINE_REREAD``
    or more, that is the first word with letters of its own script before it: nothing the page
    read is changed, only what it dropped is added (a word of its own before it, or a Latin
    scrap, is not). Returns the page and the count.
    """
    lines = list(page.lines)
    kept = 0
    for band, reread in zip(bands, rereads, strict=True):
        line = lines[band.line]
        first = line.words[0]
        head = [w for w in _page_words(band, reread) if (w.bbox[0] + w.bbox[2]) / 2 < first.bbox[2]]
        if len(head) != 1:
            continue  # a word of its own before the first one, or nothing: not a lost head
        (reading,) = head
        added = reading.text[: len(reading.text) - len(first.text)]
        if (
            reading.confidence < SURE_LINE_REREAD
            or not reading.text.endswith(first.text)
            or not added
            or not _in_script_of(added, first.text)
        ):
            continue
        box = union_bbox([first.bbox, reading.bbox])
        assert box is not None
        word = Word(reading.text, reading.confidence, box)
        lines[band.line] = Line((word, *line.words[1:]), line.block)
        kept += 1
    if not kept:
        return page, 0
    return PageText(page.page_index, tuple(lines), page.width, page.height), kept
