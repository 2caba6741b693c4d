"""Which Tesseract languages to read a page with, for ``--lang auto``.

Scanned pages are read first with the configured Latin choice ("vie+eng" by default: the
Vietnamese model reads English too, the English one drops Vietnamese diacritics), or with the
script of the document's previous page. Tesseract OSD is no help beyond that: it calls Khmer
pages "Latin" and Lao pages "Latin" or "Arabic". What does tell is the Latin reading itself: a
Khmer or Lao page read as Latin comes out with words no Latin-script office writes ("[ñfuaầm",
"ñUSU8UU1)"), while Latin pages, however degraded, gave none in the evaluation set. Such a page
is read again with each local script paired with English, and the most confident reading wins
(``choose_languages``). Local readings are compared by confidence, with one correction: the
Thai model reads Lao text almost as confidently as the Lao model does, while the Lao model
reads Thai text poorly, so Lao wins over Thai within ``LAO_OVER_THAI_MARGIN``.

Text-layer pages: the script is counted from the characters themselves.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

from processors.types import Word

AUTO = "auto"
# Tesseract OSD script name -> languages to read it with.
SCRIPT_LANGUAGES: dict[str, str] = {
    "Thai": "tha+eng",
    "Khmer": "khm+eng",
    "Lao": "lao+eng",
}
# Unicode blocks of the offices' scripts.
_BLOCKS: dict[str, tuple[int, int]] = {
    "Thai": (0x0E00, 0x0E7F),
    "Lao": (0x0E80, 0x0EFF),
    "Khmer": (0x1780, 0x17FF),
}
_VIETNAMESE_LETTERS = frozenset("ăâđêôơưĂÂĐÊÔƠƯ")
# Every letter a Latin-script office of the region writes: ASCII, Vietnamese, Filipino's ñ.
_LATIN_OFFICE_LETTERS = frozenset(
    "aăâbcdđeêghiklmnoôơpqrstuưvxyfjwzñáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
)
# Local scripts to try, in order, on a page whose Latin reading looks like another script.
LOCAL_LANGUAGES: tuple[str, ...] = tuple(SCRIPT_LANGUAGES[s] for s in ("Khmer", "Lao", "Thai"))
# Local pack ("khm") -> the script it reads ("Khmer").
_PACK_SCRIPT: dict[str, str] = {lang.split("+")[0]: s for s, lang in SCRIPT_LANGUAGES.items()}
# A Khmer or Lao reading whose words in that script are at least this confident is taken
# without trying the others; Thai is tried last, after Lao, since the Thai model reads Lao text
# confidently. The page's mean would not do: on a trademark page of English words and one Lao
# name, the Khmer model read the page at 88.5-88.7 and the Lao name at 0-50 (seed 2056).
SURE_LOCAL_CONFIDENCE = 88.0
# A Khmer reading is sure at less: read with the Khmer model, 99 Thai and Lao pages of seeds
# 2115-2120 and 2125 gave Khmer words at 0-76 (37 at most where the reading found Khmer), while
# 55 of 69 Khmer pages gave 71-94 (22 of them 80-88, which went on to two more passes); the
# other 14 read poorly as a whole (30-42). On 59 Khmer pages read with all three local
# scripts the Khmer reading had won every time.
SURE_KHMER_CONFIDENCE = 80.0
LAO_OVER_THAI_MARGIN = 10.0
LAO_READS_LAO = 70.0
# A local reading "found its script" with at least this many of its letters and marks, or
# with the smaller count when it reads the page at least as confidently as the second figure:
# a Khmer trademark page held only 35 Khmer letters (read at 89), while turned pages read in a
# local script gave 21-59 letters of junk at 38-52.
MIN_SCRIPT_LETTERS = 40
MIN_SCRIPT_LETTERS_CONFIDENT = 15
CONFIDENT_LOCAL_READING = 80.0
# Words below the first confidence are suspect; below the second, when their letters are odd.
_UNSURE_BELOW_CONFIDENCE = 60.0
_MISREAD_BELOW_CONFIDENCE = 85.0
_LETTER_DIGIT = re.compile(r"[^\W\d_]\d|\d[^\W\d_]")
# A Latin reading with at least this share of suspect words is read again in local scripts.
# Latin pages of every degradation scored at most 0.03; a Khmer trademark whose labels, mark
# and goods are English and only its heading and applicant Khmer, 0.059 (seed 2056).
MISREAD_SHARE = 0.045
_VIETNAMESE_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")  # grave acute tilde hook dot


def required_languages(lang: str, *, latin: str) -> str:
    """Every language pack a run with ``lang`` may use (what to check at start)."""
    if lang != AUTO:
        return lang
    packs = ["osd", "eng", *latin.split("+"), *(v.split("+")[0] for v in SCRIPT_LANGUAGES.values())]
    return "+".join(dict.fromkeys(p for p in packs if p))


def languages_for_script(script: str | None, *, latin: str, fallback: str = "eng") -> str:
    """Languages for an OSD script verdict; ``fallback`` when OSD could not tell."""
    if not script:
        return fallback
    if script in SCRIPT_LANGUAGES:
        return SCRIPT_LANGUAGES[script]
    if script == "Latin":
        return latin
    return fallback


def is_latin_reading(lang: str) -> bool:
    """Whether ``lang`` ("vie+eng") reads Latin script only."""
    return not any(part in _PACK_SCRIPT for part in lang.split("+"))


def misread_share(words: Sequence[Word], *, lost_lines: int = 0) -> float:
    """Share of a Latin reading's words that look like another script read as Latin.

    Counted over words with a letter: those read with confidence below 60, and those below 85
    that carry a letter no Latin-script office of the region writes (ø, ä, £, §, ï) or run
    letters and digits together ("2901J2U1"). In the evaluation set Latin pages of every
    degradation scored at most 0.03, Khmer and Lao pages read as Latin at least 0.059.
    Each of ``lost_lines``, bands of ink one line tall the reading has no words for, counts
    as one more suspect word: Tesseract's layout analysis now and then drops a whole line of a
    script its Latin models cannot read (seed 2094: the Khmer applicant line of a trademark
    page otherwise English, 0.033 without it, 0.065 with it; no Latin page of that set had one).
    """
    lettered = [w for w in words if any(c.isalpha() for c in w.text)]
    counted = len(lettered) + lost_lines
    if not counted:
        return 0.0
    return (sum(1 for w in lettered if _looks_misread(w)) + lost_lines) / counted


def _looks_misread(word: Word) -> bool:
    if word.confidence < _UNSURE_BELOW_CONFIDENCE:
        return True
    if word.confidence >= _MISREAD_BELOW_CONFIDENCE:
        return False
    text = word.text
    foreign = any(not c.isascii() and c.lower() not in _LATIN_OFFICE_LETTERS for c in text)
    return foreign or _LETTER_DIGIT.search(text) is not None


def needs_other_script(
    lang: str, words: Sequence[Word], mean_confidence: float, *, lost_lines: int = 0
) -> bool:
    """Whether a page read with ``lang`` should be read again with the local scripts.

    A Thai reading always is (against Lao: the Thai model reads Lao text confidently).
    ``lost_lines``: lines of ink a Latin reading has no words for (``misread_share``).
    """
    if is_latin_reading(lang):
        return misread_share(words, lost_lines=lost_lines) >= MISREAD_SHARE
    return mean_confidence < SURE_LOCAL_CONFIDENCE or lang.startswith("tha")


def vietnamese_only(lang: str, text: str) -> str | None:
    """Return "vie" for a page read with "vie" and other packs whose text is Vietnamese.

    Multi-pack readings let the English model win words, and it drops the diacritics of
    capitals ("HOP ĐỰNG BANH" for "HỘP ĐỰNG BÁNH"); on the evaluation's Vietnamese pages the
    Vietnamese model alone had a lower or equal error rate on every page (its confidence is
    not higher, so confidence cannot choose). The English words of such pages it reads well.
    None for every other page.
    """
    packs = lang.split("+")
    if "vie" in packs and len(packs) > 1 and script_of_text(text) == "Vietnamese":
        return "vie"
    return None


def next_local_language(
    tried: Sequence[str],
    confidences: Mapping[str, float],
    eligible: Mapping[str, float] | None = None,
) -> str | None:
    """The next local language to try, or None once the readings so far settle it.

    ``confidences`` holds, for the readings that found their script, the mean confidence of
    their words in that script (``script_word_confidence``). A Thai reading (OSD's
    verdict, or the last candidate) is only ever checked against Lao: OSD calls Lao pages
    Thai, and never a Khmer page. Nor is Thai tried once a Lao reading settles the choice
    (``lao_settles``, given the mean confidences of the ``eligible`` readings).
    """
    if any(
        lang in LOCAL_LANGUAGES
        and not lang.startswith("tha")
        and confidences.get(lang, 0.0)
        >= (SURE_KHMER_CONFIDENCE if lang.startswith("khm") else SURE_LOCAL_CONFIDENCE)
        for lang in tried
    ):
        return None
    if any(lang.startswith("tha") for lang in tried):
        return None if any(lang.startswith("lao") for lang in tried) else "lao+eng"
    for lang in LOCAL_LANGUAGES:
        if lang not in tried:
            if lang.startswith("tha") and lao_settles(eligible or {}):
                return None
            return lang
    return None


def lao_settles(eligible: Mapping[str, float]) -> bool:
    """Whether a Thai reading could no longer change ``choose_languages(eligible)``.

    So when a Lao reading is the most confident of ``eligible`` and reaches ``LAO_READS_LAO``:
    a Thai reading either reads below it or wins and gives way to it. Each Lao page of the
    evaluation sets was read with the Thai model only to be set aside like this.
    """
    lao = next((lang for lang in eligible if lang.startswith("lao")), None)
    return (
        lao is not None
        and eligible[lao] >= LAO_READS_LAO
        and eligible[lao] >= max(eligible.values())
    )


def local_pack(lang: str) -> str | None:
    """The Thai, Lao or Khmer pack of a language list ("tha+eng" -> "tha"), if it has one."""
    packs = [part for part in lang.split("+") if part in _PACK_SCRIPT]
    return packs[0] if len(packs) == 1 else None


def script_word_confidence(lang: str, words: Sequence[Word]) -> float:
    """Mean confidence of the words of a local reading ("khm+eng") that hold its script.

    0 when there are none, and for a Latin reading.
    """
    if is_latin_reading(lang):
        return 0.0
    block = _BLOCKS[_PACK_SCRIPT[lang.split("+")[0]]]
    own = [w for w in words if any(block[0] <= ord(c) <= block[1] for c in w.text)]
    return sum(w.confidence for w in own) / len(own) if own else 0.0


def reads_its_script(lang: str, text: str, confidence: float = 0.0) -> bool:
    """Whether a local-script reading ("khm+eng") found that script on the page.

    The "+eng" half reads Latin text about as confidently as a Latin model does, so on a Latin
    page a local reading can come close in confidence; it only counts if its script is there.
    ``confidence`` is the reading's mean word confidence: a confident reading needs fewer
    letters of its script (a trademark page may hold just a name in it).
    """
    if is_latin_reading(lang):
        return True
    script = _PACK_SCRIPT[lang.split("+")[0]]
    counts, latin, vietnamese = _letter_counts(text)
    found = counts[script]
    # Dominant among the local scripts, and more than stray misreads: a bilingual page
    # (Lao labels, English values) has far more Latin letters than Lao ones.
    return (
        found == max(counts.values())
        and (
            found >= MIN_SCRIPT_LETTERS
            or (found >= MIN_SCRIPT_LETTERS_CONFIDENT and confidence >= CONFIDENT_LOCAL_READING)
        )
        and found >= 0.05 * (latin + vietnamese)
    )


def choose_languages(confidences: Mapping[str, float]) -> str:
    """The reading to keep from ``{languages: mean word confidence}`` (at least one).

    The most confident wins, except that Lao beats Thai within ``LAO_OVER_THAI_MARGIN`` or
    whenever the Lao reading reaches ``LAO_READS_LAO``: the Thai model reads Lao text
    confidently, the Lao model Thai text poorly (38-60 on the Thai pages of four evaluation
    sets, 80-95 on the Lao ones).
    """
    best = max(confidences, key=lambda lang: confidences[lang])
    lao = next((lang for lang in confidences if lang.startswith("lao")), None)
    if (
        best.startswith("tha")
        and lao is not None
        and (
            confidences[lao] >= LAO_READS_LAO
            or confidences[lao] + LAO_OVER_THAI_MARGIN >= confidences[best]
        )
    ):
        return lao
    return best


def _letter_counts(text: str) -> tuple[dict[str, int], int, int]:
    """Letters (and marks) of ``text`` per local script, and its Latin and Vietnamese ones."""
    counts = dict.fromkeys(_BLOCKS, 0)
    latin = vietnamese = 0
    for char in unicodedata.normalize("NFD", text):
        code = ord(char)
        for script, (low, high) in _BLOCKS.items():
            if low <= code <= high:
                counts[script] += 1
                break
        else:
            if char in _VIETNAMESE_TONES or char in _VIETNAMESE_LETTERS:
                vietnamese += 1
            elif char.isascii() and char.isalpha():
                latin += 1
    return counts, latin, vietnamese


def script_of_text(text: str) -> str | None:
    """The dominant office script of ``text``: Thai, Lao, Khmer, Vietnamese, Latin or None."""
    counts, latin, vietnamese = _letter_counts(text)
    best = max(counts, key=lambda s: counts[s])
    if counts[best] and counts[best] >= 0.2 * (latin + vietnamese):
        return best
    if latin + vietnamese == 0:
        return None
    # Vietnamese text carries a mark on roughly every third letter; English on none.
    return "Vietnamese" if vietnamese >= 0.05 * latin else "Latin"


def languages_for_text(text: str, *, latin: str, fallback: str = "eng") -> str:
    """Languages a text-layer page is written in, by the same names as for OCR pages."""
    script = script_of_text(text)
    if script == "Vietnamese":
        return "vie+eng"
    return languages_for_script(script, latin="eng", fallback=fallback) if script else fallback
