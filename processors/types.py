"""Plain data that flows between processors: words, lines, page text and extracted fields.

Boxes are ``(x0, y0, x1, y1)`` in pixels of the page as it was read (after cleanup for OCR pages;
in PDF points, i.e. 72 dpi, for pages read from a PDF text layer). ``Page.dpi`` in the record
says which, so a box can always be mapped back onto the page.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

BBox = tuple[int, int, int, int]

# Thai, Lao and Khmer write words without spaces between them; OCR engines still report each
# cluster as a word of its own, so joining those words with spaces would split every word.
_NO_SPACE_SCRIPTS = ((0x0E00, 0x0EFF), (0x1780, 0x17FF), (0x19E0, 0x19FF))


# Thai and Lao vowels written after their consonant never start a word (ะ า ำ, ະ າ ຳ); those
# written before it never end one (เ แ โ ใ ไ, ເ ແ ໂ ໃ ໄ).
_NEVER_STARTS = frozenset("\u0e30\u0e32\u0e33\u0e45\u0eb0\u0eb2\u0eb3")
_CLOSING = frozenset({":", ")", "]", ",", ";", "."})
_NEVER_ENDS = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44\u0ec0\u0ec1\u0ec2\u0ec3\u0ec4")
# Nor does mai han-akat (ั, Lao ັ), with or without a tone over it: a final consonant follows
# ("พลั งงาน" is "พลังงาน"; 5 such runs on the stored Thai pages of 26 sets, none spaced in print).
_OPEN_SYLLABLE_END = re.compile("[\u0e31\u0eb1][\u0e48-\u0e4b\u0ec8-\u0ecb]?$")
# A Thai consonant alone is no word ("ก นกวรรณ" is "กนกวรรณ" read with a wide gap), except
# ณ ("at", as in "ณ อยุธยา"); it joins the word after it when that is at most this many letter
# heights away (a column further along the line is not its word).
_WORD_ALONE = "\u0e13"
_LONE_CONSONANT_GAP = 1.5
# A leading vowel stands before its word's first consonant, so a word never starts with a
# consonant and then a leading vowel: in "จา กแกลบ" the ก is the last letter of "จาก", split
# off by a wide gap and then joined to the next word as a lone consonant. Such a word joins the
# one before (within the same distance). Over the Thai pages of 26 evaluation sets, each of 35
# such joins was right ("มหาวิทยาลั ยเกษตรศาสตร์", "โป รแกรม"); none had the space in print.
_FINAL_BEFORE_LEADING = re.compile(
    "[\u0e01-\u0e12\u0e14-\u0e2e][\u0e40-\u0e44]|[\u0e81-\u0eae][\u0ec0-\u0ec4]"
)


def _unspaced(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _NO_SPACE_SCRIPTS)


# OCR writes Thai sara am and Lao am as nikhahit + sara aa, often as two "words"; NFC does not
# compose them, so the joined text would never equal the printed word.
_COMPOSE = (("\u0e4d\u0e32", "\u0e33"), ("\u0ecd\u0eb2", "\u0eb3"),
            # Sara ae is drawn as two sara e and read as them ("ເເກ້ວ" for "ແກ້ວ", "เเ" for "แ");
            # two sara e in a row spell nothing else.
            ("\u0e40\u0e40", "\u0e41"), ("\u0ec0\u0ec0", "\u0ec1"),
            # Lao ho no and ho mo (ໜ, ໝ) are one letter each in today's spelling and in the Lao
            # word list (706 words with ໝ, 37 with ຫມ); the Lao model has neither in its
            # character set and reads them as ho sung + no/mo. Ho is never a final consonant,
            # so ຫນ and ຫມ are always the cluster these letters write.
            ("\u0eab\u0e99", "\u0edc"), ("\u0eab\u0ea1", "\u0edd"))  # fmt: skip

# A tone mark over sara am is also written (and read) nikhahit, tone, sara aa ("นํ้า"), and
# OCR reads the nikhahit under a tone mark as a second tone mark ("น้้า"): a consonant bears
# one tone mark, so both spell tone + sara am ("น้ำ"). Thai tones 0E48-0E4B, Lao 0EC8-0ECB.
_TONE_OVER_AM = (
    (re.compile("\u0e4d([\u0e48-\u0e4b])\u0e32|([\u0e48-\u0e4b])\\2\u0e32"), "\u0e33"),
    (re.compile("\u0ecd([\u0ec8-\u0ecb])\u0eb2|([\u0ec8-\u0ecb])\\2\u0eb2"), "\u0eb3"),
)


# The country whose own script each unspaced script is (its letters name it in ST.3 codes).
_SCRIPT_COUNTRIES = (
    ((0x0E00, 0x0E7F), "TH"),
    ((0x0E80, 0x0EFF), "LA"),
    ((0x1780, 0x17FF), "KH"),
    ((0x19E0, 0x19FF), "KH"),
)


SCRIPT_COUNTRIES = frozenset(country for _range, country in _SCRIPT_COUNTRIES)


def script_country(char: str) -> str | None:
    """The ST.3 code of the country ``char``'s script belongs to: Thai TH, Lao LA, Khmer KH."""
    code = ord(char)
    return next((c for (low, high), c in _SCRIPT_COUNTRIES if low <= code <= high), None)


def has_unspaced_script(text: str) -> bool:
    """Whether ``text`` has Thai, Lao or Khmer letters (scripts without spaces between words)."""
    return any(_unspaced(c) for c in text)


# The same Thai or Lao mark twice over one letter is never spelled ("น้้ำ"): OCR saw it twice.
# Collapsed after the rule above, which reads a doubled tone before sara aa as tone + sara am.
_DOUBLED_MARK = re.compile(
    "([\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ecd])\\1+"
)


def compose_vowels(text: str) -> str:
    """Put back together the Thai and Lao vowels OCR emits decomposed, and undo doubled marks."""
    for pattern, am in _TONE_OVER_AM:
        text = pattern.sub(lambda m, am=am: (m[1] or m[2]) + am, text)
    for decomposed, composed in _COMPOSE:
        text = text.replace(decomposed, composed)
    return _DOUBLED_MARK.sub(r"\1", text)


# In OCR text, a Lao ring after a tone with no sara aa after it is sara am's ring that lost its
# aa ("ນ້ໍ" for "ນ້ຳ", the Lao model reading a title alone, seed 2134): the vowel o that the ring
# also writes stands before a tone ("ບໍ່"). Not in ``compose_vowels``: word lists and the
# confusion pairs ("້ໍ", tone for ring) go through that, and a pair is no spelling.
_RING_AFTER_TONE = re.compile("([\u0ec8-\u0ecb])\u0ecd(?!\u0eb2)")


def normalize_ocr_text(text: str) -> str:
    """NFC, with the Thai and Lao vowels Tesseract emits decomposed put back together."""
    return _RING_AFTER_TONE.sub("\\1\u0eb3", compose_vowels(unicodedata.normalize("NFC", text)))


def merge_clusters(words: Iterable[Word]) -> list[Word]:
    """Merge adjacent Thai/Lao/Khmer clusters of a line into the words they spell.

    Tesseract reports each cluster (often each letter or mark) as a word of its own. These
    scripts put spaces only between words or phrases; such a space is about half a letter's
    height wide, the gaps inside a word far less. The letter height is measured on the line's
    lone consonants (clusters with marks stand taller), so one tall cluster does not merge a
    line's words; a cluster that starts with a combining mark or a following vowel always
    joins the one before, and one that ends with a leading vowel the one after.
    The merged word's box covers its parts and its confidence is the parts' mean, weighted by
    their length.
    """
    words = list(words)
    letter = _letter_height(words)
    merged: list[Word] = []
    weights: list[int] = []
    for last, word in zip([None, *words], words, strict=False):
        if merged and last is not None and word.text and merged[-1].text:
            previous = merged[-1]
            gap = word.bbox[0] - previous.bbox[2]
            # Two bare letters (no marks above or below in either box) part a word more
            # widely than a cluster with marks; Tesseract's pieces beside a real space stand
            # taller. Measured on Thai pages: in-word splits left 53 -> 10, spaces lost 2 -> 2.
            bare = max(_height(last), _height(word)) <= 1.3 * letter
            joined = (
                gap < (0.7 if bare else 0.5) * letter
                or unicodedata.category(word.text[0]) == "Mn"  # a lone mark
                or word.text[0] in _NEVER_STARTS
                or previous.text[-1] in _NEVER_ENDS
                or _OPEN_SYLLABLE_END.search(previous.text) is not None
                or (_lone_thai_consonant(previous.text) and gap < _LONE_CONSONANT_GAP * letter)
            )
            # A colon or closing bracket sits right after its word, as in English, where
            # Tesseract's Latin model keeps it in the word; after Thai it comes apart.
            closing = word.text in _CLOSING and gap < 0.7 * letter
            joined = (joined and _unspaced(word.text[0])) or closing
            if joined and _unspaced(previous.text[-1]):
                merged[-1], weights[-1] = _joined(previous, weights[-1], word, len(word.text))
                continue
        merged.append(word)
        weights.append(max(1, len(word.text)))
    return _final_letters_joined(merged, weights, letter)


def _joined(first: Word, first_weight: int, second: Word, second_weight: int) -> tuple[Word, int]:
    """Two pieces of one word as one, confidence weighted by length, and the total weight."""
    total = first_weight + second_weight
    confidence = (first.confidence * first_weight + second.confidence * second_weight) / total
    box = union_bbox((first.bbox, second.bbox))
    word = Word(
        compose_vowels(first.text + second.text),
        round(confidence, 2),
        box if box is not None else first.bbox,
    )
    return word, total


def _final_letters_joined(words: list[Word], weights: list[int], letter: float) -> list[Word]:
    """Join each word that starts with a consonant and a leading vowel to the one before it.

    The consonant is the last letter of that word (see ``_FINAL_BEFORE_LEADING``).
    """
    out: list[Word] = []
    out_weights: list[int] = []
    for word, weight in zip(words, weights, strict=True):
        if (
            out
            and letter
            and _FINAL_BEFORE_LEADING.match(word.text)
            and _unspaced(out[-1].text[-1])
            and word.bbox[0] - out[-1].bbox[2] < _LONE_CONSONANT_GAP * letter
        ):
            out[-1], out_weights[-1] = _joined(out[-1], out_weights[-1], word, weight)
            continue
        out.append(word)
        out_weights.append(weight)
    return out


def can_part_between(head: str, tail: str) -> bool:
    """Whether a Thai or Lao word may end with ``head`` and the next begin with ``tail``.

    Not before a combining mark or a following vowel, nor after a leading vowel or mai
    han-akat.
    """
    return bool(
        head
        and tail
        and unicodedata.category(tail[0]) != "Mn"
        and tail[0] not in _NEVER_STARTS
        and head[-1] not in _NEVER_ENDS
        and _OPEN_SYLLABLE_END.search(head) is None
    )


def _lone_thai_consonant(text: str) -> bool:
    return len(text) == 1 and "\u0e01" <= text <= "\u0e2e" and text not in _WORD_ALONE


def _height(word: Word) -> int:
    return word.bbox[3] - word.bbox[1]


def _letter_height(words: list[Word]) -> float:
    """Typical height of a lone Thai/Lao/Khmer letter on a line (0 when it has none)."""
    lone = sorted(
        w.bbox[3] - w.bbox[1]
        for w in words
        if len(w.text) == 1 and _unspaced(w.text) and unicodedata.category(w.text) == "Lo"
    )
    # The lower quartile: letters with ascenders or descenders stand taller. A line without
    # lone letters was read as whole words (Tesseract's Khmer model does that): 0, no merging.
    return float(lone[len(lone) // 4]) if lone else 0.0


def join_words(words: Iterable[Word]) -> str:
    """Join a line's words with spaces, except between adjacent Thai/Lao/Khmer clusters."""
    return " ".join(w.text for w in merge_clusters(words))


def union_bbox(boxes: Iterable[BBox]) -> BBox | None:
    """Return the smallest box holding all ``boxes``, or None when there are none."""
    boxes = list(boxes)
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


@dataclass(frozen=True, slots=True)
class Word:
    """One recognized word with its box and confidence (0-100; 100 for a text layer)."""

    text: str
    confidence: float
    bbox: BBox

    def moved(self, dx: int, dy: int) -> Word:
        """The same word with its box shifted (from a cut-out's pixels to the page's)."""
        x0, y0, x1, y1 = self.bbox
        return Word(self.text, self.confidence, (x0 + dx, y0 + dy, x1 + dx, y1 + dy))


@dataclass(frozen=True, slots=True)
class SymbolChoices:
    """One symbol as the OCR model read it, and the readings it weighed with their scores.

    ``choices`` holds (text, score 0-100) pairs, likeliest first; the symbol's own ``text``
    is usually among them.
    """

    text: str
    choices: tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class WordChoices:
    """The symbols of one word as the OCR engine reported it (before clusters are merged)."""

    bbox: BBox
    symbols: tuple[SymbolChoices, ...]


@dataclass(frozen=True, slots=True)
class Line:
    """A line of words in reading order, as the OCR engine (or the text layer) grouped them."""

    words: tuple[Word, ...]
    block: int = 0

    @property
    def text(self) -> str:
        """The line's words joined by spaces (none inside Thai, Lao or Khmer runs)."""
        return join_words(self.words)

    @property
    def bbox(self) -> BBox:
        """The box around all the line's words."""
        box = union_bbox(w.bbox for w in self.words)
        return box if box is not None else (0, 0, 0, 0)

    @property
    def confidence(self) -> float:
        """Mean word confidence of the line (0 for an empty line)."""
        if not self.words:
            return 0.0
        return sum(w.confidence for w in self.words) / len(self.words)


@dataclass(frozen=True, slots=True)
class PageText:
    """The text of one page as lines of words; what the field extractor reads."""

    page_index: int
    lines: tuple[Line, ...]
    width: int = 0
    height: int = 0

    @property
    def text(self) -> str:
        """Plain text of the page, one line per line, blocks separated by a blank line."""
        out: list[str] = []
        previous_block: int | None = None
        for line in self.lines:
            if previous_block is not None and line.block != previous_block:
                out.append("")
            out.append(line.text)
            previous_block = line.block
        return "\n".join(out)

    @property
    def words(self) -> list[Word]:
        """All words of the page in reading order."""
        return [w for line in self.lines for w in line.words]

    @property
    def confidence(self) -> float:
        """Mean word confidence of the page (0 for a page without words)."""
        words = self.words
        return sum(w.confidence for w in words) / len(words) if words else 0.0

    def with_words_replaced(self, repair: Callable[[Word], Word | None]) -> tuple[PageText, int]:
        """The page with each word that ``repair`` returns a new one for replaced, and how many."""
        changed = 0
        lines: list[Line] = []
        for line in self.lines:
            words = []
            for word in line.words:
                repaired = repair(word)
                changed += repaired is not None
                words.append(repaired or word)
            lines.append(replace(line, words=tuple(words)))
        return (replace(self, lines=tuple(lines)), changed) if changed else (self, 0)


@dataclass(frozen=True, slots=True)
class ExtractedField:
    """One bibliographic field: normalized value, the text as printed, and where it came from.

    ``value`` is JSON-ready: a string (ISO 8601 for dates), an int, a list of strings or ints,
    or a list of ``{"country", "number", "date"}`` dicts for priority claims. ``confidence`` is
    0..1 and combines OCR word confidence with how well the value fits the field's pattern.
    """

    value: Any
    raw: str
    confidence: float
    inid: str | None = None
    page: int | None = None
    bbox: BBox | None = None
    normalized_from: str | None = None  # e.g. "buddhist_era", "dd/mm/yyyy"; None when as printed

    def to_json(self) -> dict[str, Any]:
        """Return the record's representation of this field."""
        return {
            "value": self.value,
            "raw": self.raw,
            "confidence": round(self.confidence, 3),
            "inid": self.inid,
            "page": self.page,
            "bbox": list(self.bbox) if self.bbox is not None else None,
        }


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the field extractor found in a document."""

    document_type: str  # "patent" | "utility_model" | "trademark" | "industrial_design" | "other"
    type_confidence: float
    fields: dict[str, ExtractedField] = field(default_factory=dict)
