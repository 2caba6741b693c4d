"""Which Tesseract languages to read a page with, for ``--lang auto``.

Scanned pages: Tesseract OSD names the page's script (Latin, Thai, Khmer, Lao...); the local
language pack is paired with English, since front pages mix both. OSD cannot tell Vietnamese
from English (both Latin), so Latin pages get the configured Latin choice ("vie+eng" by
default: the Vietnamese model reads English too, the English one drops Vietnamese diacritics).
Text-layer pages: the script is counted from the characters themselves.
"""

from __future__ import annotations

import unicodedata

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


def script_of_text(text: str) -> str | None:
    """The dominant office script of ``text``: Thai, Lao, Khmer, Vietnamese, Latin or None."""
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
