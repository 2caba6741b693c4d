"""From segments to scored fields: parse each value, trace it to its words, score it.

Confidence = mean OCR confidence of the words the value was read from (0..1) x the value's
pattern fit (1.0 for a clean date, IPC symbol or office-shaped number, less for values
repaired from OCR look-alikes) x how the field was found (code and label agreeing score
highest; a label alone, a fuzzy label or a repaired code a little lower).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from processors.fields import normalize as nz
from processors.fields.echo import ReadWord, title_from_echo, unspaced_title_from_echo
from processors.fields.inid import PRIORITY_PARTS
from processors.fields.labels import LabelTables
from processors.fields.parties import name_words, reconcile_repeated_names, repair_name_words
from processors.fields.segments import Segment, segment_page
from processors.letter_model import TIE_BREAKING_SCRIPTS, default_letter_models
from processors.lexicon import (
    correct_runs,
    correct_syllables,
    default_lexicons,
    default_vietnamese_syllables,
    lexicon_for,
    split_signs,
)
from processors.types import (
    ExtractedField,
    PageText,
    Word,
    has_unspaced_script,
    union_bbox,
)


def _number(seg_text: str) -> nz.Parsed | None:
    return nz.parse_number(seg_text)


def _publication(seg_text: str) -> nz.Parsed | None:
    parsed = nz.parse_number(seg_text, with_kind=True)
    if parsed is None:
        return None
    return _us_design_number(parsed) or parsed


# A US design patent number with its D read as 0 and its kind S read as 5 or lost ("US
# 0581,9195" for "US D581,919 S", seeds 2058 and 2061): four digits before the comma are no
# thousands group, so the first is the D, and four after it put the S on the end.
_US_DESIGN_MISREAD = re.compile(r"^US ?0(\d{3}),(\d{3})(?: ?[5S])?$")


def _us_design_number(parsed: nz.Parsed) -> nz.Parsed | None:
    """``parsed`` read as the US design patent number it must be, or None if it is not one."""
    m = _US_DESIGN_MISREAD.match(parsed.value["printed"])
    if m is None:
        return None
    value = {"printed": f"US D{m[1]},{m[2]} S", "normalized": f"USD{m[1]}{m[2]}S"}
    return replace(parsed, value=value, fit=parsed.fit * 0.9, repaired=True, extra={"kind": "S"})


def _kind(seg_text: str) -> nz.Parsed | None:
    m = re.search(r"(?<![A-Za-z0-9])([A-Z][0-9]?)(?![A-Za-z0-9])", seg_text)
    return nz.Parsed(m[1], 1.0, (m.span(1),)) if m else None


def _applicants(seg_text: str) -> nz.Parsed | None:
    return nz.split_names(seg_text, persons=False)


def _inventors(seg_text: str) -> nz.Parsed | None:
    return nz.split_names(seg_text, persons=True)


def _agent(seg_text: str) -> nz.Parsed | None:
    # One name, kept whole (a firm's "A, B and C" is not a list), its legal forms repaired.
    parsed = nz.parse_text(seg_text)
    if parsed is None:
        return None
    repaired = repair_name_words(parsed.value, name_words())
    return replace(parsed, value=repaired, repaired=parsed.repaired or repaired != parsed.value)


def _title(seg_text: str) -> nz.Parsed | None:
    # A Thai, Lao or Khmer title ends with a word of its script; one or two Latin letters, a
    # lone local letter (and single digits among or after them) after it are specks or a
    # drawing read as text ("កាបូបត្បាញ M", "เก้าอี้หวาย น 1 vw", "... จากแกลบ ew 6", "กระเป๋าสาน
    # 1 1", "เก้าอี้หวาย %7"). One digit alone stays: it is a model number ("รุ่น 2").
    parsed = nz.parse_text(seg_text)
    if parsed is None or not has_unspaced_script(parsed.value):
        return _spelled(parsed) if parsed is not None else None
    words = parsed.value.split(" ")
    end = len(words)
    while end > 1 and _title_debris(words[end - 1]):
        end -= 1
    if end < len(words) and not (end == len(words) - 1 and words[-1].isdigit()):
        parsed = replace(parsed, value=" ".join(words[:end]), repaired=True)
    return _spelled(parsed)


def _prose(seg_text: str) -> nz.Parsed | None:
    """Goods or an abstract: free text of common words, its local runs spelled."""
    parsed = nz.parse_text(seg_text)
    return _spelled(parsed) if parsed is not None else None


def _spelled(parsed: nz.Parsed) -> nz.Parsed:
    """A title, goods or abstract with its Thai, Lao, Khmer and Vietnamese words put right.

    Against the word lists (``processors.lexicon``). Only common words: names keep their
    spelling (a firm's coined word is no dictionary word and would be "corrected" into one).
    """
    spelled = correct_syllables(parsed.value, default_vietnamese_syllables())
    if has_unspaced_script(spelled):
        spelled = correct_runs(spelled, default_lexicons(), _letter_likelihood)
    if spelled == parsed.value:
        return parsed
    return replace(parsed, value=spelled, fit=parsed.fit * 0.9, repaired=True)


def _letter_likelihood(country: str) -> Callable[[str], float] | None:
    """The log-likelihood of runs of ``country``'s script where its letter model settles ties.

    Lao only (``TIE_BREAKING_SCRIPTS``).

    Asked only for runs of a script with a word list, so a page of another script never
    loads the model.
    """
    if country not in TIE_BREAKING_SCRIPTS:
        return None
    return default_letter_models()[country].log_likelihood


def _title_debris(word: str) -> bool:
    if word.isascii() and word.isalpha() and len(word) <= 2:
        return True
    if word.isascii() and len(word) <= 2 and not word.isalnum():
        return True  # a sign, alone or with a letter or digit ("%7", seed 2087)
    letters = word.strip("[](){}|.,:;'\"`")
    if len(letters) == 1 and has_unspaced_script(letters):
        return True  # a lone local letter, maybe with a bracket ("[ว")
    return word.isdigit() and len(word) == 1


def _country(seg_text: str) -> nz.Parsed | None:
    m = re.search(r"\b([A-Z]{2})\b", seg_text)
    return nz.Parsed(m[1], 1.0, (m.span(1),)) if m and m[1] in nz.ST3_CODES else None


def _goods_of_classes(seg_text: str) -> nz.Parsed | None:
    # What is left of a (511) text once the leading class list is gone: the goods.
    rest = re.sub(r"^\s*(?:\d{1,2}\s*[,;.]?\s*)+(?=\D|$)", "", seg_text)
    if sum(c.isalpha() for c in rest) < 3:
        return None
    parsed = _prose(rest)
    return replace(parsed, spans=((0, len(seg_text)),)) if parsed else None


PARSERS: dict[str, Callable[[str], nz.Parsed | None]] = {
    "publication_number": _publication,
    "application_number": _number,
    "registration_number": _number,
    "filing_date": nz.parse_date,
    "publication_date": nz.parse_date,
    "grant_date": nz.parse_date,
    "registration_date": nz.parse_date,
    "priority": nz.parse_priority,
    "priority_number": _number,
    "priority_date": nz.parse_date,
    "priority_country": _country,
    "ipc": nz.parse_ipc,
    "locarno_classes": nz.parse_locarno,
    "nice_classes": nz.parse_nice,
    "goods_services": _prose,
    "title": _title,
    "abstract": _prose,
    "mark": nz.parse_text,
    "agent": _agent,
    "applicants": _applicants,
    "inventors": _inventors,
    "colours": nz.parse_names_list,
    "kind": _kind,
}
MIN_CODES_LATER_PAGES = 3
LIST_FIELDS = frozenset({"applicants", "inventors", "ipc", "nice_classes", "locarno_classes"})


def _source_factor(seg: Segment) -> float:
    factor = {"code+label": 1.0, "code": 0.97, "label": 0.93}.get(seg.via, 0.9)
    if seg.code_repaired:
        factor *= 0.9
    if not seg.label_agrees:
        factor *= 0.85
    return factor * (1.0 - 0.08 * seg.label_distance)


def _used_words(seg: Segment, parsed: nz.Parsed) -> list[Word]:
    """The words of ``seg`` the value was read from (all of them when none is marked)."""
    spans = seg.word_spans()
    used = [w for s, e, w in spans if any(s < pe and e > ps for ps, pe in parsed.spans)]
    return used or [w for _, _, w in spans]


def _field(seg: Segment, parsed: nz.Parsed, *, value: Any = None) -> ExtractedField:
    used = _used_words(seg, parsed)
    ocr = sum(w.confidence for w in used) / len(used) / 100 if used else 0.0
    confidence = max(0.0, min(1.0, ocr * parsed.fit * _source_factor(seg)))
    return ExtractedField(
        value=parsed.value if value is None else value,
        raw=" ".join(w.text for w in used),
        confidence=confidence,
        inid=seg.code,
        page=seg.page,
        bbox=union_bbox(w.bbox for w in used),
        normalized_from=parsed.method,
    )


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A field's value as one segment gives it, with the words it was read from."""

    field: ExtractedField
    words: list[Word]


def _candidate(seg: Segment, parsed: nz.Parsed) -> _Candidate:
    return _Candidate(_field(seg, parsed), _used_words(seg, parsed))


def _candidates(segments: Sequence[Segment]) -> dict[str, list[_Candidate]]:
    """Every field's values, best-founded first: by a code before by a label, then in order."""
    found: dict[str, list[tuple[int, int, _Candidate]]] = {}
    for order, seg in enumerate(segments):
        if seg.field is None or not seg.text:
            continue
        parser = PARSERS.get(seg.field)
        parsed = parser(seg.text) if parser else None
        rank = 0 if seg.code is not None else 1
        if parsed is not None:
            found.setdefault(seg.field, []).append((rank, order, _candidate(seg, parsed)))
            kind = parsed.extra.get("kind")
            if kind:
                kind_field = _candidate(seg, nz.Parsed(kind, parsed.fit, parsed.spans))
                found.setdefault("kind", []).append((rank + 1, order, kind_field))
        if seg.field == "nice_classes" and parsed is not None:
            goods = _goods_of_classes(seg.text)
            if goods is not None:
                found.setdefault("goods_services", []).append((rank, order, _candidate(seg, goods)))
    return {k: [c for *_, c in sorted(v, key=lambda t: (t[0], t[1]))] for k, v in found.items()}


def _merge_lists(fields: list[ExtractedField]) -> ExtractedField:
    """(71) and (73), or (72) and (75), printed separately: one list, weakest confidence."""
    first = fields[0]
    same_source = [f for f in fields if (f.inid is None) == (first.inid is None)]
    if len(same_source) == 1:
        return first
    values: list[Any] = []
    for f in same_source:
        values += [v for v in f.value if v not in values]
    boxes = [f.bbox for f in same_source if f.page == first.page and f.bbox is not None]
    return ExtractedField(
        value=values,
        raw=" ; ".join(f.raw for f in same_source),
        confidence=min(f.confidence for f in same_source),
        inid=first.inid,
        page=first.page,
        bbox=union_bbox(boxes),
        normalized_from=first.normalized_from,
    )


def _priority_from_parts(cands: dict[str, list[ExtractedField]]) -> ExtractedField | None:
    """Build one claim from separate (31) number, (32) date and (33) country fields."""
    parts = {name: cands[name][0] for name in PRIORITY_PARTS if name in cands}
    if not parts:
        return None
    claim: dict[str, Any] = {"country": None, "number": None, "date": None}
    for name, f in parts.items():
        value = f.value["printed"] if isinstance(f.value, dict) else f.value
        claim[PRIORITY_PARTS[name]] = value
    fields = list(parts.values())
    boxes = [f.bbox for f in fields if f.bbox is not None and f.page == fields[0].page]
    return ExtractedField(
        value=[claim],
        raw=" ".join(f.raw for f in fields),
        confidence=min(f.confidence for f in fields) * (1.0 if len(parts) == 3 else 0.8),
        inid=fields[0].inid,
        page=fields[0].page,
        bbox=union_bbox(boxes),
    )


def fields_from_pages(
    pages: Sequence[PageText], tables: LabelTables, *, document_type: str
) -> dict[str, ExtractedField]:
    """Segment every page and keep, per field, the best-founded value."""
    segments: list[Segment] = []
    for position, page in enumerate(pages):
        # After the front page, "(10)" at a line start is mostly a reference numeral in the
        # description: codes count there only on a page that holds several.
        found = segment_page(page, tables, document_type=document_type)
        codes = {s.code for s in found if s.code is not None}
        if position > 0 and len(codes) < MIN_CODES_LATER_PAGES:
            found = [s for s in found if s.code is None]
        segments += found
    found = _candidates(segments)
    cands = {name: [c.field for c in found_for] for name, found_for in found.items()}
    out: dict[str, ExtractedField] = {}
    for name, fields in cands.items():
        if name in PRIORITY_PARTS:
            continue
        out[name] = _merge_lists(fields) if name in LIST_FIELDS - {"ipc"} else fields[0]
    if "priority" not in out:
        claim = _priority_from_parts(cands)
        if claim is not None:
            out["priority"] = claim
    if "applicants" in out and "inventors" in out:
        _reconcile_parties(out)
    if "title" in out and "abstract" in out:
        _title_from_abstract(out, found["title"][0], found["abstract"][0])
    return out


def _title_from_abstract(
    fields: dict[str, ExtractedField], title: _Candidate, abstract: _Candidate
) -> None:
    """The title with the slips its echo in the abstract shows put right (in place)."""
    if has_unspaced_script(title.field.value):
        echo = unspaced_title_from_echo(title.field.value, abstract.field.value, _spells)
        if echo is not None:
            fields["title"] = replace(fields["title"], value=echo)
        return
    words = title_from_echo(
        _read_words(title.field.value, title.words),
        _read_words(abstract.field.value, abstract.words),
        default_vietnamese_syllables(),
    )
    if words is not None:
        fields["title"] = replace(fields["title"], value=" ".join(words))


def _spells(run: str) -> bool:
    """Whether a Thai, Lao or Khmer run, signs around it aside, cuts into its list's words."""
    _, letters, _ = split_signs(run)
    lexicon = lexicon_for(letters, default_lexicons()) if letters else None
    return lexicon is not None and lexicon.spells(letters)


def _read_words(value: str, words: Sequence[Word]) -> list[ReadWord]:
    """The words of a cleaned ``value``, each with the confidence of the OCR word it is.

    A word the cleaning changed (two halves of a hyphenated word joined, a slip put right
    against a word list) has no OCR word of its own: its confidence is unknown.
    """
    texts = [nz.nfc(w.text) for w in words]
    out: list[ReadWord] = []
    next_word = 0
    for token in value.split(" "):
        found = next((i for i in range(next_word, len(texts)) if texts[i] == token), None)
        if found is None:
            out.append(ReadWord(token, None))
            continue
        out.append(ReadWord(token, words[found].confidence))
        next_word = found + 1
    return out


def _reconcile_parties(fields: dict[str, ExtractedField]) -> None:
    """Applicants and inventors with each name printed in both read one way (in place)."""
    applicants, inventors = fields["applicants"], fields["inventors"]
    new_applicants, new_inventors = reconcile_repeated_names(
        applicants.value, inventors.value, _letter_likelihood
    )
    if new_applicants != applicants.value:
        fields["applicants"] = replace(applicants, value=new_applicants)
    if new_inventors != inventors.value:
        fields["inventors"] = replace(inventors, value=new_inventors)
