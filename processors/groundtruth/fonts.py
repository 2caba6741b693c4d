"""Fonts per script: at least one serif and one sans face each, found on this machine."""

from __future__ import annotations

import random
from functools import cache, lru_cache
from pathlib import Path

from PIL import ImageFont

_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/truetype/noto",
    "/usr/share/fonts/truetype/tlwg",
    "/usr/share/fonts/truetype/khmeros",
    "/usr/share/fonts/truetype/lao",
)

# (regular, bold) file names per script, serif faces first. Vietnamese needs full
# Latin Extended Additional coverage: DejaVu, Noto and Liberation all have it.
FACES: dict[str, tuple[tuple[str, str], ...]] = {
    "latin": (
        ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
        ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"),
        ("NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf"),
        ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
        ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
        ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    ),
    "thai": (
        ("Norasi.ttf", "Norasi-Bold.ttf"),
        ("Kinnari.ttf", "Kinnari-Bold.ttf"),
        ("NotoSerifThai-Regular.ttf", "NotoSerifThai-Bold.ttf"),
        ("Garuda.ttf", "Garuda-Bold.ttf"),
        ("Loma.ttf", "Loma-Bold.ttf"),
        ("NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf"),
    ),
    "khmer": (
        ("NotoSerifKhmer-Regular.ttf", "NotoSerifKhmer-Bold.ttf"),
        ("KhmerOS.ttf", "KhmerOSbattambang.ttf"),
        ("NotoSansKhmer-Regular.ttf", "NotoSansKhmer-Bold.ttf"),
    ),
    "lao": (
        ("NotoSerifLao-Regular.ttf", "NotoSerifLao-Bold.ttf"),
        ("NotoSansLao-Regular.ttf", "NotoSansLao-Bold.ttf"),
        ("Phetsarath_OT.ttf", "Phetsarath_OT.ttf"),
    ),
}

SCRIPT_OF_LANGUAGE = {
    "eng": "latin",
    "vie": "latin",
    "fil": "latin",
    "tha": "thai",
    "khm": "khmer",
    "lao": "lao",
}


@cache
def find_font(name: str) -> str | None:
    """The full path of font file ``name``, or None when it is not installed."""
    for folder in _DIRS:
        path = Path(folder) / name
        if path.is_file():
            return str(path)
    return None


# Letters a face must have to print a language (Vietnamese: Latin Extended Additional).
NEEDS = {"vie": "".join(map(chr, range(0x1EA0, 0x1EFA))) + "ĐđƠơƯư"}


def faces(script: str, needs: str = "") -> list[tuple[str, str]]:
    """Installed (regular, bold) paths for ``script`` with every letter of ``needs``."""
    out = []
    for regular, bold in FACES[script]:
        r, b = find_font(regular), find_font(bold)
        if r and covers(r, needs) and (not b or covers(b, needs)):
            out.append((r, b or r))
    if not out:
        raise RuntimeError(f"no font installed for script {script!r} covering {needs[:10]!r}")
    return out


def pick_face(script: str, rng: random.Random, needs: str = "") -> tuple[str, str]:
    """A random installed (regular, bold) pair for ``script`` covering ``needs``."""
    return rng.choice(faces(script, needs))


def covers(path: str, chars: str) -> bool:
    """True when the font at ``path`` has a glyph for every character of ``chars``."""
    if not chars:
        return True
    cmap = _cmap(path)
    return all(ord(c) in cmap for c in chars if not c.isspace())


@lru_cache(maxsize=64)
def _cmap(path: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True, fontNumber=0) as font:
        return frozenset(font.getBestCmap() or {})


@lru_cache(maxsize=256)
def load(path: str, size: int) -> ImageFont.FreeTypeFont:
    """A FreeType font with complex-script shaping (raqm) when Pillow has it."""
    engine = ImageFont.Layout.RAQM if _has_raqm() else ImageFont.Layout.BASIC
    return ImageFont.truetype(path, size=size, layout_engine=engine)


@lru_cache(maxsize=1)
def _has_raqm() -> bool:
    from PIL import features

    return bool(features.check("raqm"))
