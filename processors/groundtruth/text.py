"""Lines of mixed-script text: split into font runs, measure, wrap, draw on a baseline."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from PIL import ImageDraw, ImageFont

_LOCAL_RANGES = ((0x0E00, 0x0EFF), (0x1780, 0x17FF), (0x19E0, 0x19FF))  # Thai, Lao, Khmer
_PREPOSED = frozenset("เแโใไເແໂໃໄ")  # vowels written before their consonant
_COENG = "\u17d2"  # Khmer subscript marker: never break after it


def is_local(ch: str) -> bool:
    """True for a Thai, Lao or Khmer character (drawn with the page's local font)."""
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _LOCAL_RANGES)


@dataclass(frozen=True)
class Fonts:
    """The faces of one text style: Latin and local script (the same font for Latin pages)."""

    latin: ImageFont.FreeTypeFont
    local: ImageFont.FreeTypeFont

    def runs(self, text: str) -> list[tuple[str, ImageFont.FreeTypeFont]]:
        """``text`` cut into runs of one font: local script, or Latin (punctuation too).

        Spaces stay with the run they follow; brackets and digits are Latin, since some
        Thai, Khmer and Lao faces have no Latin glyphs at all.
        """
        out: list[tuple[str, ImageFont.FreeTypeFont]] = []
        current: list[str] = []
        font = None
        for ch in text:
            if is_local(ch):
                want = self.local
            elif ch.isspace():
                want = font or self.latin
            else:
                want = self.latin
            if font is not None and want is not font and current:
                out.append(("".join(current), font))
                current = []
            font = want
            current.append(ch)
        if current and font is not None:
            out.append(("".join(current), font))
        return out

    def width(self, text: str) -> float:
        """Advance width of ``text`` in pixels."""
        return sum(font.getlength(run) for run, font in self.runs(text))

    def draw(
        self, draw: ImageDraw.ImageDraw, x: float, baseline: float, text: str, ink: int
    ) -> None:
        """Draw ``text`` with its left end at ``x`` on ``baseline``."""
        for run, font in self.runs(text):
            draw.text((x, baseline), run, font=font, fill=ink, anchor="ls")
            x += font.getlength(run)


def wrap(text: str, fonts: Fonts, first: float, rest: float) -> list[str]:
    """Greedy word wrap: the first line ``first`` px wide, the others ``rest`` px.

    Breaks at spaces; a word wider than a whole line is cut between characters, never
    before a combining mark or after a preposed vowel or Khmer coeng.
    """
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        limit = first if not lines else rest
        candidate = f"{current} {word}" if current else word
        if fonts.width(candidate) <= limit:
            current = candidate
            continue
        if current:
            lines.append(current)
            limit = rest
        current = word
        while fonts.width(current) > limit:
            cut = _cut(current, fonts, limit)
            lines.append(current[:cut])
            current = current[cut:]
            limit = rest
    if current or not lines:
        lines.append(current)
    return lines


def _cut(word: str, fonts: Fonts, limit: float) -> int:
    """The longest prefix of ``word`` within ``limit`` that ends at a legal break."""
    best = 1
    for i in range(1, len(word)):
        if fonts.width(word[:i]) > limit:
            break
        if _can_break(word, i):
            best = i
    return best


def _can_break(word: str, i: int) -> bool:
    nxt, prev = word[i], word[i - 1]
    if unicodedata.category(nxt) in ("Mn", "Mc") or nxt in "\u0e33\u0eb3\u0e45":
        return False
    return prev not in _PREPOSED and prev != _COENG
