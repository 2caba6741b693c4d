"""Accuracy measures: the edit distance is right, CER ignores layout whitespace, and field
comparison treats values the way a person checking a record would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from processors.metrics import FieldScores, cer, field_matches, levenshtein


def reference_levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcđế ", max_size=30), st.text(alphabet="abcđế ", max_size=30))
def test_levenshtein_matches_the_textbook_definition(a, b):
    assert levenshtein(a, b) == reference_levenshtein(a, b)


def test_cer():
    assert cer("Số đơn 1-2018-01234", "Số  đơn\n1-2018-01234") == 0.0
    assert cer("abcd", "abxd") == 0.25
    assert cer("", "") == 0.0 and cer("", "x") == 1.0


class TestFieldMatches:
    def test_numbers_by_letters_and_digits(self):
        assert field_matches(
            "application_number", {"printed": "09/768,773", "normalized": "09768773"}, "09/768,773"
        )
        assert not field_matches("application_number", {"printed": "09/768,778"}, "09/768,773")

    def test_dates_exact(self):
        assert field_matches("filing_date", "2018-04-30", "2018-04-30")
        assert not field_matches("filing_date", "2018-04-03", "2018-04-30")

    def test_classes_as_sets_and_names_as_lists(self):
        assert field_matches("ipc", ["H04L 9/32", "G06F 17/30"], ["G06F 17/30", "H04L 9/32"])
        assert not field_matches("ipc", ["G06F 17/30"], ["G06F 17/30", "H04L 9/32"])
        assert field_matches("applicants", ["Công ty  ABC"], ["công ty ABC"])

    def test_priority_claims(self):
        claim = {"country": "JP", "number": "2017-123456", "date": "2017-05-01"}
        assert field_matches("priority", [dict(claim, number="2017 123456")], [claim])
        assert not field_matches("priority", [dict(claim, country="US")], [claim])


def test_scores():
    scores = FieldScores()
    scores.add(
        {"title": "A", "filing_date": "2018-01-01"}, {"title": "A", "filing_date": "2019-01-01"}
    )
    scores.add({}, {"title": "B"})
    title, date = scores.by_field["title"], scores.by_field["filing_date"]
    assert (title.truth, title.predicted, title.correct) == (2, 1, 1)
    assert title.precision == 1.0 and title.recall == 0.5
    assert date.exact_match == 0.0
    assert scores.overall.correct == 1


def test_exact_match_counts_each_document_once():
    """A wrong value is one error: 3 right and 1 wrong of 4 documents is 0.75, not 3/5."""
    scores = FieldScores()
    for truth, predicted in (("A", "A"), ("B", "B"), ("C", "C"), ("D", "X")):
        scores.add({"title": predicted}, {"title": truth})
    scores.add({"title": "stray"}, {})  # a value where the truth has none: one more error
    scores.add({}, {"title": "E"})  # and one missed
    title = scores.by_field["title"]
    assert title.exact_match == 3 / 6
    assert title.precision == 3 / 5 and title.recall == 3 / 5


def test_khmer_subscript_da_and_ta_compare_alike() -> None:
    """Coeng DA and coeng TA print as one glyph; the full letters still differ."""
    from processors.metrics import cer, field_matches

    assert field_matches("title", "កៅអីផ្តៅ", "កៅអីផ្ដៅ")
    assert cer("កៅអីផ្ដៅ", "កៅអីផ្តៅ") == 0.0
    assert not field_matches("title", "កៅអីតៅ", "កៅអីដៅ")
