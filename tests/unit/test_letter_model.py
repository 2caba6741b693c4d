"""Lao words put right by the likelihood of their letters (processors.letter_model)."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest

from processors import _tesseract, letter_model
from processors.cleanup import CleanupOptions
from processors.letter_model import (
    CHOICE_WEIGHT,
    MIN_CHOICE,
    LetterModel,
    default_letter_models,
    default_partners,
    likelier_run,
    likeliest_reading,
    partners_of,
    relettered_page,
    symbols_of,
)
from processors.page import read_image_page
from processors.types import Line, PageText, SymbolChoices, Word, WordChoices


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

    def test_remembered_scores_are_the_model_s_own_and_the_table_stays_bounded(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        model = _model_of(["ລະບົບ", "ລະບົບນ້ຳ", "ບົບ"] * 20)
        runs = ["ລະບົບ", "ລະຕົບ", "ບົລະບ", "ລະບົບ", "ນ້ຳລະບົບ"]
        fresh = [
            sum(math.log(model._probability(text[i - 2 : i], text[i])) for i in range(2, len(text)))
            for text in ("^^" + run + "$" for run in runs)
        ]
        assert [model.log_likelihood(run) for run in runs] == fresh  # exactly, not nearly
        assert model.running_log_likelihood("ລະບົບ")[-1] + model.end_log_likelihood(
            "ລະບົບ"
        ) == pytest.approx(fresh[0])
        monkeypatch.setattr(letter_model, "_MOST_REMEMBERED", 4)
        small = _model_of(["ລະບົບ", "ລະບົບນ້ຳ", "ບົບ"] * 20)
        for run in runs:
            small.log_likelihood(run)
            assert 0 < len(small._logs) <= 4
        assert [small.log_likelihood(run) for run in runs] == fresh

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


def _sure(text: str) -> SymbolChoices:
    return SymbolChoices(text, ((text, 95.0),))


class TestLikeliestReading:
    model = _model_of(["ລະບົບ", "ລະບົບນ້ຳ", "ບົບ", "ລະງັບ"] * 20)

    def test_a_near_tie_goes_to_the_likelier_letters(self) -> None:
        # Seed 2094: "ລະງົບ" with ງ at 80.8 and ບ at 79.0; ລະບົບ is the word.
        tie = SymbolChoices("ງ", (("ງ", 80.8), ("ບ", 79.0)))
        symbols = [_sure("ລ"), _sure("ະ"), tie, _sure("ົ"), _sure("ບ")]
        reading, cost = likeliest_reading(symbols, self.model, "LA")
        assert reading == "ລະບົບ"
        assert cost == pytest.approx(CHOICE_WEIGHT * math.log(80.8 / 79.0))

    def test_a_reading_the_lstm_hardly_weighed_is_not_taken(self) -> None:
        unlikely = SymbolChoices("ງ", (("ງ", 95.0), ("ບ", MIN_CHOICE - 1)))
        symbols = [_sure("ລ"), _sure("ະ"), unlikely, _sure("ົ"), _sure("ບ")]
        assert likeliest_reading(symbols, self.model, "LA") == ("ລະງົບ", 0.0)

    def test_a_letter_is_never_read_as_a_mark_nor_from_a_list_not_its_own(self) -> None:
        # Seed 2094: the second ສ of "ສີສວັນ" came with the vowel's list (ິ 98.9, ີ 35.4);
        # taking it dropped the letter ("ສີວັນ").
        off = SymbolChoices("ສ", (("ິ", 98.9), ("ີ", 35.4)))
        vowel = SymbolChoices("ີ", (("ິ", 94.5), ("ີ", 74.7)))
        symbols = [_sure("ສ"), vowel, off, _sure("ວ"), _sure("ັ"), _sure("ນ")]
        assert likeliest_reading(symbols, self.model, "LA")[0] in ("ສີສວັນ", "ສິສວັນ")
        mark_for_letter = SymbolChoices("ບ", (("ບ", 60.0), ("ົ", 59.0)))
        symbols = [_sure("ລ"), _sure("ະ"), _sure("ບ"), _sure("ົ"), mark_for_letter]
        assert likeliest_reading(symbols, self.model, "LA")[0] == "ລະບົບ"

    def test_only_letters_of_the_script_are_read_again(self) -> None:
        bracket = SymbolChoices("(", (("(", 60.0), ("ລ", 59.0)))
        latin = SymbolChoices("8", (("8", 60.0), ("ບ", 59.0)))
        symbols = [bracket, _sure("ລ"), _sure("ະ"), latin, _sure("ົ"), _sure("ບ")]
        assert likeliest_reading(symbols, self.model, "LA")[0] == "(ລະ8ົບ"


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

    def test_ho_no_read_for_ho_mo_is_put_right(self) -> None:
        """Silk, "ໄໝ" (ho mo), read "ໄໜ" (ho no, "where") in a title: 15 times over the Lao
        pages of 11 stored sets (2097-2107), three titles of seed 2107. "ໜ້າ" (page) stays."""
        page = _page(("ເຄື່ອງທໍຜ້າໄໜ", 60.0), ("ໜ້າ", 60.0), ("ໝາກໄມ້", 60.0))
        fixed, changed = relettered_page(page, default_letter_models(), default_partners())
        assert [w.text for w in fixed.words] == ["ເຄື່ອງທໍຜ້າໄໝ", "ໜ້າ", "ໝາກໄມ້"]
        assert changed == 1

    def test_ho_no_and_ho_mo_that_lost_half_are_put_back(self) -> None:
        """Each is ຫ with ນ or ມ: OCR keeps one half ("ຂະຫາດ" for "ຂະໜາດ", size; "ເນາະສົມ" for
        "ເໝາະສົມ", suitable: abstracts of seeds 2104 and 2107). "ມະຫາວິທະຍາໄລ" stays."""
        page = _page(("ຂະຫາດນ້ອຍ", 60.0), ("ເນາະສົມ", 60.0), ("ມະຫາວິທະຍາໄລ", 60.0))
        fixed, changed = relettered_page(page, default_letter_models(), default_partners())
        assert [w.text for w in fixed.words] == ["ຂະໜາດນ້ອຍ", "ເໝາະສົມ", "ມະຫາວິທະຍາໄລ"]
        assert changed == 2

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

    def test_lstm_choices_read_an_unsure_word_again(self) -> None:
        page = _page(("ລະງົບ", 70.0), ("ລະງົບ", 95.0))
        choices = [
            WordChoices(word.bbox, (*map(_sure, "ລະ"), tie, *map(_sure, "ົບ")))
            for word, tie in zip(
                page.words, [SymbolChoices("ງ", (("ງ", 80.8), ("ບ", 79.0)))] * 2, strict=True
            )
        ]
        fixed, changed = relettered_page(page, *self._models(), choices)
        assert [w.text for w in fixed.words] == ["ລະບົບ", "ລະງົບ"]  # the sure one stays
        assert changed == 1

    def test_a_usual_misread_beats_an_unlikely_lstm_choice(self) -> None:
        # Seed 2094, an inventor: "ອິນທະວົງ" read "ອິນທະວໍງ" at 67.8. The LSTM never weighed
        # ົ; its choices give "ອິນທະວຳ" (ງ read as າ at 27), rare at a word's end. The
        # confusion ໍ/ົ gives the name.
        symbols = (
            SymbolChoices("ອ", (("ອ", 94.6), ("ສ", 19.1))),
            SymbolChoices("ິ", (("ິ", 94.7), ("ີ", 33.8), ("ຶ", 9.3))),
            _sure("ນ"),
            SymbolChoices("ທ", (("ທ", 94.7), ("ຫ", 13.3), ("ະ", 1.6))),
            _sure("ະ"),
            SymbolChoices("ວ", (("ວ", 96.1), ("ລ", 0.0), ("ງ", 0.0))),
            SymbolChoices("ໍ", (("ໍ", 91.5), ("໋", 76.1))),
            SymbolChoices("ງ", (("ງ", 93.2), ("ໆ", 45.5), ("າ", 27.1))),
        )
        page = _page(("ອິນທະວໍງ", 67.8))
        choices = [WordChoices(page.words[0].bbox, symbols)]
        fixed, _ = relettered_page(page, *self._models(), choices)
        assert fixed.words[0].text == "ອິນທະວົງ"

    @staticmethod
    def _models():
        return default_letter_models(), default_partners()

    def test_the_page_reading_puts_unsure_lao_words_right(self, monkeypatch) -> None:
        # Confident enough for no line to be read again (60), unsure enough to be judged (90).
        reading = _read_page_of(monkeypatch, [("ຊື່", 95.0), ("ສຶມພອນ", 85.0)], lang="lao")
        assert reading.ocr.page.text == "ຊື່ ສົມພອນ"
        assert reading.cleanup["likelier_letters"] == 1

    def test_a_lao_pass_reports_its_choices_and_the_page_uses_them(self, monkeypatch) -> None:
        tie = SymbolChoices("ງ", (("ງ", 80.8), ("ບ", 79.0)))
        choices = (WordChoices((200, 0, 350, 40), (*map(_sure, "ລະ"), tie, *map(_sure, "ົບ"))),)
        asked: list[dict] = []
        reading = _read_page_of(
            monkeypatch, [("ຊື່", 95.0), ("ລະງົບ", 85.0)], lang="lao", choices=choices, asked=asked
        )
        assert reading.ocr.page.text == "ຊື່ ລະບົບ"
        assert [kwargs["symbol_choices"] for kwargs in asked] == [True]
        asked.clear()
        _read_page_of(monkeypatch, [("บริษัท", 95.0)], lang="tha+eng", asked=asked)
        assert [kwargs["symbol_choices"] for kwargs in asked] == [False]


class TestSymbolsOf:
    def test_the_engine_words_inside_a_merged_word_spell_it(self) -> None:
        word = Word("ລະບົບ", 70.0, (0, 0, 100, 30))
        parts = [
            WordChoices((52, 2, 100, 30), tuple(map(_sure, "ບົບ"))),
            WordChoices((0, 0, 50, 28), tuple(map(_sure, "ລະ"))),
            WordChoices((120, 0, 160, 30), tuple(map(_sure, "ກ"))),  # the next word
        ]
        assert [s.text for s in symbols_of(word, parts)] == list("ລະບົບ")

    def test_a_word_changed_since_the_pass_has_no_symbols(self) -> None:
        parts = [WordChoices((0, 0, 100, 30), tuple(map(_sure, "ລະງົບ")))]
        assert symbols_of(Word("ລະບົບ", 70.0, (0, 0, 100, 30)), parts) is None
        assert symbols_of(Word("ລະບົບ", 70.0, (0, 0, 100, 30)), []) is None


class TestPackagedThaiModel:
    def test_unsure_slips_between_confused_letters_are_put_right(self) -> None:
        """Names of the stored sets 2120-2126, read below 90 ("ด" read "ต", "ก" read "ค")."""
        page = _page(("ทองตี", 82.0), ("จำคัด", 86.0), ("เชียงใหม่ฟู้ต", 89.0))
        fixed, changed = relettered_page(page, default_letter_models(), default_partners())
        assert [w.text for w in fixed.words] == ["ทองดี", "จำกัด", "เชียงใหม่ฟู้ด"]
        assert changed == 3

    def test_marks_are_never_dropped_and_sure_words_stay(self) -> None:
        """Dropping a mark, as Lao runs may, made "อุปกรณ์นี้มี" "อุปกรณ์น้ม" (seed 2124)."""
        page = _page(("อุปกรณ์นี้มีต้นทุนต่ำ", 86.0), ("ทองตี", 95.0), ("เก้าอี๋หวาย", 81.0))
        fixed, changed = relettered_page(page, default_letter_models(), default_partners())
        assert (fixed, changed) == (page, 0)


def test_a_page_reads_only_the_counts_of_its_own_script(monkeypatch) -> None:
    """The Lao counts take about 75 MB a worker, the Thai ones 40: each is read only for a page
    with a letter of its script."""
    from processors import letter_model

    read: list[str] = []
    real = letter_model.read_packaged_counts
    monkeypatch.setattr(
        letter_model, "read_packaged_counts", lambda name: read.append(name) or real(name)
    )
    letter_model._packaged_model.cache_clear()
    try:
        assert (
            "TH" in letter_model.default_letter_models()
            and "KH" not in letter_model.default_letter_models()
        )
        _read_page_of(monkeypatch, [("Siam", 70.0), ("Agritech", 60.0)], lang="eng")
        assert read == []
        reading = _read_page_of(monkeypatch, [("บริษัท", 70.0), ("ทองตี", 60.0)], lang="tha")
        assert read == ["th.tsv.gz"]
        assert reading.cleanup["likelier_letters"] == 1  # ด read ต: "ทองดี"
    finally:
        letter_model._packaged_model.cache_clear()


def _read_page_of(
    monkeypatch,
    words: list[tuple[str, float]],
    *,
    lang: str,
    choices: tuple[WordChoices, ...] = (),
    asked: list[dict] | None = None,
):
    """Read a blank page whose OCR pass is stubbed to give one line of ``words``.

    The pass reports ``choices``; each call's keyword arguments go to ``asked``.
    """
    line = Line(
        words=tuple(Word(t, c, (200 * n, 0, 200 * n + 150, 40)) for n, (t, c) in enumerate(words))
    )
    page = PageText(page_index=0, lines=(line,), width=800, height=200)
    result = _tesseract.OcrResult(
        page=page, mean_confidence=90.0, text_layer_pdf=b"", choices=choices
    )

    def recognize(image, **kwargs):
        if asked is not None:
            asked.append(kwargs)
        return result

    monkeypatch.setattr(_tesseract, "recognize", recognize)
    image = np.full((200, 800), 255, np.uint8)
    return read_image_page(
        image, dpi=300, lang=lang, page_index=0, cleanup=CleanupOptions(), timeout_s=60
    )
