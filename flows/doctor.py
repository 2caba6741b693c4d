"""Installation checks for ``digitize doctor``: each says what is wrong and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from flows.settings import Settings
from processors import _tesseract
from processors.errors import ConfigError
from processors.lexicon import DICTIONARIES, HUNSPELL_DIR, VIETNAMESE_DICTIONARY
from storage import open_store

OFFICE_LANGUAGES = "eng+osd+vie+tha+khm+lao+fil"


@dataclass(frozen=True, slots=True)
class Check:
    """One check's verdict; ``detail`` carries the fix when it failed."""

    name: str
    ok: bool
    detail: str


def run_checks(*, store: str | None, lang: str | None) -> list[Check]:
    """Run every check; none raises, each failure becomes a ``Check`` with the fix."""
    settings = Settings()
    languages = lang or settings.ocr.lang
    checks = [
        _tesseract_check("tesseract + languages", languages),
        _tesseract_check("office language packs", OFFICE_LANGUAGES),
        _word_lists_check(),
        _store_check(store or settings.store, settings),
        _prefect_check(),
    ]
    return checks


def _tesseract_check(name: str, languages: str) -> Check:
    try:
        version = _tesseract.probe(languages)
    except ConfigError as e:
        return Check(name, False, str(e))
    return Check(name, True, f"Tesseract {version} with {languages}")


def _word_lists_check() -> Check:
    """The Thai, Lao and Vietnamese word lists titles are spelled against (without: as read)."""
    names = [*DICTIONARIES.values(), VIETNAMESE_DICTIONARY]
    missing = [name for name in names if not (HUNSPELL_DIR / name).is_file()]
    if missing:
        return Check(
            "word lists",
            False,
            f"{', '.join(missing)} missing from {HUNSPELL_DIR}: Thai, Lao and Vietnamese titles"
            " stay as read; install with: apt-get install hunspell-th hunspell-lo hunspell-vi",
        )
    return Check("word lists", True, f"Thai, Lao and Vietnamese word lists in {HUNSPELL_DIR}")


def _store_check(url: str, settings: Settings) -> Check:
    try:
        target = open_store(url, s3=settings.s3.template())
        target.check()
    except ConfigError as e:
        return Check("store", False, str(e))
    return Check("store", True, f"{target.url} is reachable and writable")


def _prefect_check() -> Check:
    from prefect.settings import PREFECT_API_URL

    url = PREFECT_API_URL.value()
    if not url:
        return Check(
            "prefect api",
            True,
            "no PREFECT_API_URL: runs use a temporary local API (start `prefect server start` "
            "and set PREFECT_API_URL=http://127.0.0.1:4200/api to keep run history)",
        )
    try:
        response = httpx.get(f"{url.rstrip('/')}/health", timeout=5)
        response.raise_for_status()
    except httpx.HTTPError as e:
        return Check(
            "prefect api",
            False,
            f"{url} does not answer ({e}); start the server or fix PREFECT_API_URL",
        )
    return Check("prefect api", True, f"{url} is healthy")
