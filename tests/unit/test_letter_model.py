"""Lao words put right by the likelihood of their letters (processors.letter_model)."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from processors import _tesseract
from processors.cleanup import CleanupOptions
from processors.letter_model import (
    LetterModel,
    default_letter_models,
    default_partners,
    likelier_run,
    partners_of,
    relettered_page,
)
from processors.page import read_image_page
from processors.types import Line, PageText, Word


def _model_of(texts: list[str], order: int = 3) -> LetterModel:
    """A model counted from ``texts`` the way scripts/lao_letter_model.py counts its chunks."""
    counts: Counter[str] = Counter()
    for text in texts:
        padded = "^" * (order - 1) + text + "$"
        for end in range(order - 1, len(padded)):
            for length in range(1, order + 1):
                counts[padded[end - length + 1 : end + 1]] += 1
    return LetterModel(counts, order=order)


def _page(*words: tuple[str, float]) -> PageText:
    line = Line(
        words=tuple(Word(t, c, (40 * n, 0, 40 * n + 30, 20)) for n, (t, c) in enumerate(words))
    )
    return PageText(page_index=0, lines=(line,))


class TestLetterModel:
    def test_text_like_what_was_counted_is_likelier(self) -> None:
        model = _model_of(["ລະບົບ", "ລະບົບນ້ຳ", "ບົບ"] * 20)
        assert model.log_likelihood("ລະບົບ") > model.log_likelihood("ລະຕົບ")
        assert model.log_likelihood("ລະບົບ") > model.log_likelihood("ບົລະບ")

    def test_a_confused_letter_is_put_right_only_when_much_likelier(self) -> None:
        model = _model_of(["ປະດັບ", "ດັບໄຟ", "ປະດັບໄຟ"] * 50)
        partners = partners_of(["ນບ"])
        assert likelier_run("ປະດັນ", model, partners) == "ປະດັບ"
        assert likelier_run("ປະດັບ", model, partners) is None  # as likely as anything near
        # The same misread with no partner to explain it stays as read.
        assert likelier_run("ປະດັນ", model, {}) is None
        # A high price for each edit keeps every reading.
        assert likelier_run("ປະດັນ", model, partners, cost_per_edit=1000.0) is None

    def test_pairs_give_each_letter_its_partners(self) -> None:
        assert partners_of(["ນບ", "ບຜ"]) == {"ນ": "ບ", "ບ": "ນຜ", "ຜ": "ບ"}


needs_model = pytest.mark.skipif(
    "LA" not in default_letter_models(), reason="the Lao counts ship with the package"
)


@needs_model
class TestPackagedLaoModel:
    def test_unsure_misreads_of_the_evaluation_sets_are_put_right(self) -> None:
        # Names of the stored sets 2085-2093 (an applicant and two inventors), read below 90.
        page = _page(("ພູມມະຄາ", 61.0), ("ເສງດາວ", 70.0), ("ລາວອາໄກຣ", 80.0))
        fixed, changed = relettered_page(page, default_letter_models(), default_partners())
        assert [w.text for w in fixed.words] == ["ພູມມະລາ", "ແສງດາວ", "ລາວອາໂກຣ"]
        assert changed == 3
        assert [w.confidence for w in fixed.words] == [61.0, 70.0, 80.0]

    def test_right_and_sure_words_and_signs_stay(self) -> None:
        page = _page(
            ("ເຄື່ອງທໍຜ້າໄໝ", 45.0),  # printed so: ທໍ (weave) is rarer in web text than ຫໍ
            ("ກະເປົາສານ", 50.0),
            ("ພູມມະຄາ", 95.0),  # the OCR model is sure: no letter model overrules it
            ("(ລາວອາໄກຣ)", 80.0),  # brackets kept around the run put right
            ("ສະບາຍດີ", 30.0),
            ("Lao", 20.0),
        )
        fixed, changed = relettered_page(page, default_letter_models(), default_partners())
        assert [w.text for w in fixed.words] == [
            "ເຄື່ອງທໍຜ້າໄໝ",
            "ກະເປົາສານ",
            "ພູມມະຄາ",
            "(ລາວອາໂກຣ)",
            "ສະບາຍດີ",
            "Lao",
        ]
        assert changed == 1

    def test_the_page_reading_puts_unsure_lao_words_right(self, monkeypatch) -> None:
        # Confident enough for no line to be read again (60), unsure enough to be judged (90).
        reading = _read_page_of(monkeypatch, [("ຊື່", 95.0), ("ສຶມພອນ", 85.0)], lang="lao")
        assert reading.ocr.page.text == "ຊື່ ສົມພອນ"
        assert reading.cleanup["likelier_letters"] == 1


def test_a_page_without_lao_never_reads_the_counts(monkeypatch) -> None:
    """The counts take about 75 MB a worker: only a page with a Lao letter reads them."""

    def refuse() -> None:
        raise AssertionError("the Lao letter counts were read")

    from processors import page as page_module

    monkeypatch.setattr(page_module, "default_letter_models", refuse)
    reading = _read_page_of(monkeypatch, [("บริษัท", 70.0), ("สยามฟู้ด", 60.0)], lang="tha")
    assert "likelier_letters" not in reading.cleanup


def _read_page_of(monkeypatch, words: list[tuple[str, float]], *, lang: str):
    """Read a blank page whose OCR pass is stubbed to give one line of ``words``."""
    line = Line(
        words=tuple(Word(t, c, (200 * n, 0, 200 * n + 150, 40)) for n, (t, c) in enumerate(words))
    )
    page = PageText(page_index=0, lines=(line,), width=800, height=200)
    result = _tesseract.OcrResult(page=page, mean_confidence=90.0, text_layer_pdf=b"")
    monkeypatch.setattr(_tesseract, "recognize", lambda image, **kwargs: result)
    image = np.full((200, 800), 255, np.uint8)
    return read_image_page(
        image, dpi=300, lang=lang, page_index=0, cleanup=CleanupOptions(), timeout_s=60
    )
