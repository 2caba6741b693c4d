"""Cut a page's rows into field segments: a code or label, then its value's words.

A segment starts at an INID code, at a known label, or at a stop heading (which holds no
field), and runs over the following rows of the same column until the next start, a wide
vertical gap, or the row limit of its kind of field. A row holding a second code after a
wide gap (two columns merged by the OCR engine) is cut there first.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace

from processors.fields._text import fold, nfc
from processors.fields.inid import (
    CodeToken,
    code_one_digit_off,
    code_table,
    field_for,
    is_code_like,
    read_code,
)
from processors.fields.labels import LabelMatch, LabelTables, match_label, prefix_matches
from processors.fields.layout import Row, page_rows
from processors.types import PageText, Word, has_unspaced_script

# How many rows a field may run over: single values stop early, prose runs long.
ROW_LIMITS = {
    "kind": 1, "application_number": 2, "publication_number": 2, "registration_number": 2,
    "filing_date": 2, "publication_date": 2, "grant_date": 2, "registration_date": 2,
    "priority_number": 2, "priority_date": 2, "priority_country": 2, "mark": 3, "colours": 3,
    "agent": 4, "locarno_classes": 4, "ipc": 6, "title": 6, "priority": 8, "applicants": 10,
    "inventors": 10, "nice_classes": 40, "goods_services": 40, "abstract": 60,
}  # fmt: skip
FREE_TEXT = frozenset({"abstract", "goods_services", "nice_classes", "title"})
_SEPARATORS = ":;：—–-|.,=*"
# Dot leaders ("........") and what OCR makes of them ("eee", "veces", "0.0.0.0...").
_LEADER = re.compile(r"^(?:[.·…_,:;'’`\-]+|[ceosv.,·]{3,}|[ceosvaun0.,:;·'\-]{6,})$")


@dataclass
class Segment:
    """The words of one field's value, and how the field was recognized."""

    field: str | None
    code: str | None
    page: int
    column: int
    via: str  # "code", "label", "code+label" or "stop"
    lines: list[list[Word]] = field(default_factory=list)
    code_repaired: bool = False
    label_distance: int = 0
    label_agrees: bool = True
    bottom: int = 0
    height: int = 0

    @property
    def text(self) -> str:
        """The value's lines joined by newlines."""
        return "\n".join(" ".join(w.text for w in line) for line in self.lines if line)

    def word_spans(self) -> list[tuple[int, int, Word]]:
        """Character span of every word in ``text``."""
        out: list[tuple[int, int, Word]] = []
        pos = 0
        for line in (ln for ln in self.lines if ln):
            for i, w in enumerate(line):
                out.append((pos, pos + len(w.text), w))
                pos += len(w.text) + (1 if i < len(line) - 1 else 0)
            pos += 1  # newline
        return out


def _cut_word(word: Word, chars: int) -> Word | None:
    """The part of ``word`` after its first ``chars`` characters, box trimmed to match."""
    rest = word.text[chars:].lstrip(_SEPARATORS)
    if not rest:
        return None
    x0, y0, x1, y1 = word.bbox
    shift = (x1 - x0) * (len(word.text) - len(rest)) // max(1, len(word.text))
    return Word(rest, word.confidence, (x0 + shift, y0, x1, y1))


def _after(words: Sequence[Word], chars: int, *, leaders: bool) -> list[Word]:
    """Words after the first ``chars`` characters of their joined text, separators dropped."""
    out: list[Word] = []
    pos = 0
    for w in words:
        end = pos + len(w.text)
        if end <= chars:
            pos = end + 1
            continue
        part = _cut_word(w, max(0, chars - pos)) if pos < chars or not out else w
        pos = end + 1
        if part is not None:
            out.append(part)
    while leaders and out and _LEADER.match(out[0].text):
        out.pop(0)
    if out and out[0].text.strip(_SEPARATORS) == "":
        out.pop(0)
    return out


def _label(words: Sequence[Word], tables: LabelTables) -> LabelMatch | None:
    return match_label(" ".join(w.text for w in words), tables) if words else None


def _free_label(words: Sequence[Word], found: LabelMatch) -> bool:
    """A label with no code must look like one: followed by ":" or "—", a gap, or nothing.

    A quote read before the colon is no letter of the value: "(540) Mark’: MEKONG STAR"
    (seed 2080) is the label "Mark".
    """
    text = " ".join(w.text for w in words)
    rest = text[found.end :]
    if not rest.strip() or len(found.label.text) >= 12 or found.field is None:
        return True
    if rest.lstrip().lstrip("’'`")[:1] in ":：—–-.=" or _LEADER.match(rest.split()[0]):
        return True
    # A Latin label before a Thai, Lao or Khmer value, its colon lost ("(54) Title ចង្កៀងលម្អ",
    # seed 2062): the change of script ends the label as a colon would.
    if found.label.text.isascii() and has_unspaced_script(rest.split()[0]):
        return True
    # A wide gap after the label (a form with labels and values in two columns).
    pos, height = 0, max(1, words[0].bbox[3] - words[0].bbox[1])
    for a, b in itertools.pairwise(words):
        pos += len(a.text) + 1
        if pos > found.end:
            return b.bbox[0] - a.bbox[2] > 1.5 * height
    return False


@dataclass(frozen=True, slots=True)
class Start:
    """How a row starts: a code, a label, both, or a stop heading."""

    code: CodeToken | None
    label: LabelMatch | None
    value: list[Word]


def row_start(
    words: Sequence[Word], tables: LabelTables, *, bare_codes: bool = False
) -> Start | None:
    """Recognize a code and/or label at the start of ``words``; None for a continuation row."""
    # Scanner debris before a row ("|", "'", "“") says nothing: it never hides a code.
    while words and not any(c.isalnum() for c in words[0].text):
        words = words[1:]
    if not words:
        return None
    code = read_code(words[0].text)
    if code is not None and (code.bracketed or bare_codes):
        rest = list(words[1:])
        found = _label(rest, tables)
        if found is not None and not _free_label(rest, found):
            found = None  # "(540) MARK & Co": the mark's first word, not a label
        value = _after(rest, found.end, leaders=True) if found else _after(rest, 0, leaders=False)
        return Start(code, found, value)
    skip = 1 if (code is not None or is_code_like(words[0].text)) else 0
    found = _label(words[skip:], tables)
    if found is None and skip == 0 and len(words) > 1 and words[0].text.isdigit():
        found = _label(words[1:], tables)  # "20 Claims, 19 Drawing Sheets"
        if found is not None and found.field is not None:
            found = None
        skip = 1
    if found is None:
        found, skip = _label_after_debris(words, tables)
    if found is None or not _free_label(words[skip:], found):
        return None
    value = _after(words[skip:], found.end, leaders=True)
    return Start(code if skip else None, found, value)


def _start_with_misread_code(
    words: Sequence[Word],
    table: dict[str, str | None],
    tables: LabelTables,
    *,
    after: str | None,
    seen: Collection[str],
) -> Start | None:
    """The start of a row whose code came out as a number that is no code ("(34)" for "(54)").

    The code is the one field's code a single look-alike digit away (``code_one_digit_off``).
    """
    lead = next((i for i, w in enumerate(words) if any(c.isalnum() for c in w.text)), None)
    if lead is None:
        return None
    code = code_one_digit_off(words[lead].text, table, after=after, seen=seen)
    if code is None:
        return None
    read_as_code = replace(words[lead], text=f"({code.code})")
    start = row_start([read_as_code, *words[lead + 1 :]], tables)
    return None if start is None else replace(start, code=code)


def _label_after_debris(
    words: Sequence[Word], tables: LabelTables, *, most: int = 2
) -> tuple[LabelMatch | None, int]:
    """A label with a colon behind one or two scraps of a misread code ("| 4)", "' (uy").

    On a badly scanned page the INID code before a label comes out as short debris; the
    label, followed by its colon, still says which field the row starts.
    """
    for skip in range(1, min(most, len(words) - 1) + 1):
        if not all(_debris_of_a_code(w.text) for w in words[:skip]):
            break
        found = _label(words[skip:], tables)
        if found is None or found.field is None:
            continue
        rest = " ".join(w.text for w in words[skip:])[found.end :].lstrip()
        if rest[:1] in ":：":
            return found, skip
    return None, 0


def _debris_of_a_code(token: str) -> bool:
    """Up to three characters, or four after an opening bracket ("(529" for "(54)")."""
    return len(token) <= 3 or (len(token) == 4 and token[0] in "([")


def _split_row(row: Row, table: dict[str, str | None], tables: LabelTables) -> list[list[Word]]:
    """Cut a row before a second code that follows a wide gap or continues the sequence.

    Outside running text (title, abstract) a known code some way past a word space cuts too,
    and so does one followed by its own field's label.
    """
    words = list(row.words)
    parts: list[list[Word]] = [[]]
    first = read_code(words[0].text) if words else None
    height = max(1, row.height)
    for i, w in enumerate(words):
        code = read_code(w.text) if i > 0 else None
        if code is not None and code.bracketed and words[i - 1].text.upper() != "LOC":
            gap = w.bbox[0] - words[i - 1].bbox[2]
            field_now = table.get(first.code) if first else None
            # Continuing the sequence in the same numbering: "(111)" after "(71)" is a country
            # code "(TH)" that OCR read as digits (seed 2065), not a trademark code.
            ascending = (
                first is not None
                and int(code.code) > int(first.code)
                and len(code.code) == len(first.code)
            )
            # A known code well past a word space ends a field that is not running text, as
            # "[12] United States Design Patent [10] Patent No.: ..." does, whose long heading
            # leaves less than the wide gap of two columns.
            known_code_apart = code.code in table and gap > 0.8 * height
            if gap > 1.5 * height or (
                (ascending or known_code_apart or _labelled_code(words[i:], table, tables))
                and field_now not in FREE_TEXT
            ):
                parts.append([])
        parts[-1].append(w)
    return [p for p in parts if p]


def _labelled_code(
    words: Sequence[Word], table: dict[str, str | None], tables: LabelTables
) -> bool:
    """Whether ``words`` start with a known code and its own field's label: "[10] Patent No.:".

    Such a code starts a field however close it follows the words before it: the long heading
    of "[12] United States Design Patent [10] Patent No.: ..." leaves a word space only.
    """
    code = read_code(words[0].text)
    field = table.get(code.code) if code is not None else None
    if field is None:
        return False
    start = row_start(words, tables)
    return start is not None and start.label is not None and start.label.field == field


def segment_page(page: PageText, tables: LabelTables, *, document_type: str) -> list[Segment]:
    """Cut one page into segments in reading order (stop segments included)."""
    table = code_table(document_type)

    def keep_together(left: Sequence[Word], right: Sequence[Word]) -> bool:
        # "Số đơn:  |  1-2018-01234": a label alone on the left, its value across the gutter.
        start = row_start(left, tables)
        if start is None or start.value or start.label is None or start.label.field is None:
            return False
        return row_start(right, tables) is None

    rows = page_rows(
        page,
        keep_together=keep_together,
        starts_field=lambda words: row_start(words, tables) is not None,
    )
    bare = sum(1 for r in rows if r.words and _bare_code(r.words[0].text)) >= 4
    segments: list[Segment] = []
    codes: set[str] = set()  # codes of the segments opened so far
    last_code: str | None = None
    current: Segment | None = None
    for row in rows:
        words = [
            part for w in row.words for part in _unglue(Word(nfc(w.text), w.confidence, w.bbox))
        ]
        for part in _split_row(Row(tuple(words), row.page, row.column), table, tables):
            start = row_start(part, tables, bare_codes=bare)
            in_running_text = current is not None and current.field in _RUNNING_TEXT
            if start is None and not in_running_text:
                start = _start_with_misread_code(part, table, tables, after=last_code, seen=codes)
            if (
                start is not None
                and current is not None
                and (
                    _is_text_numeral(start, current)
                    or _is_word_of_value(start, part, current, document_type)
                )
            ):
                start = None
            top = min(w.bbox[1] for w in part)
            height = max(1, max(w.bbox[3] - w.bbox[1] for w in part))
            if start is None:
                if current is not None and _continues(current, row, top, height):
                    current.lines.append(part)
                    current.bottom = max(current.bottom, max(w.bbox[3] for w in part))
                    continue
                current = None
                continue
            current = _open(start, table, row, document_type, seen=codes)
            if current.code is not None:
                codes.add(current.code)
                last_code = current.code
            current.bottom = max(w.bbox[3] for w in part)
            current.height = height
            segments.append(current)
    for segment in segments:
        _drop_split_label(segment, tables, document_type)
        _drop_garbled_long_label(segment, tables, document_type)
        _drop_unread_label(segment)
        _drop_latin_label_left_in_value(segment, tables, document_type)
    return segments


# Names and titles never start with a short word and a colon; their labels do.
_NAMED_FIELDS = frozenset({"title", "applicants", "inventors", "agent"})
_PARTY_FIELDS = _NAMED_FIELDS - {"title"}
_RUNNING_TEXT = frozenset({"abstract", "goods_services"})
_UNREAD_LABEL_CHARS = 12


def _drop_unread_label(segment: Segment) -> None:
    """Take out of a coded value a label OCR garbled beyond recognition.

    The Lao model read the English label of "(54) Title: ວິທີການຜະລິດກາເຟ" as "11ຝ້ເ:" and of
    "(71) Applicant:" as "/00|1ແອກໄ:"; in a name or title a short first word ending in a colon,
    with the value after it, is that label. In other fields only one in Thai, Lao or Khmer
    letters ("(511) จาพากสินค้า: 03, 09, 43", seed 2057, for จำพวกสินค้า): a Latin one may be
    the value's own ("(30) KR: 10-2018-0012345", "(540) RE: BORN"). A name's first word with no
    letter and a character outside ASCII is a label too: the Khmer model read "Applicant:" as
    "០1០8២" (seed 2055); plain digits start real firm names ("99 Cents Only Stores", "1-800
    CONTACTS"). Never in running text (an abstract, the goods).
    """
    if segment.via != "code" or segment.field in _RUNNING_TEXT or not segment.lines:
        return
    first = segment.lines[0]
    if len(first) < 2 or len(first[0].text) > _UNREAD_LABEL_CHARS:
        return
    word = first[0].text
    letterless = not any(c.isalpha() for c in word) and not word.isascii()
    # "09: Computer software" is a class and its goods: a label has letters. A name or title
    # starts with no number and colon: there, "11:" is "Title:" read as digits (seed 2073).
    label_like = word[-1:] in ":：" and any(c.isalpha() for c in word)
    if segment.field in _NAMED_FIELDS:
        label_like = label_like or (word[-1:] in ":：" and len(word) >= 2)
    else:
        label_like = label_like and has_unspaced_script(word)
    if label_like or (letterless and segment.field in _PARTY_FIELDS):
        segment.lines[0] = first[1:]


_LABEL_TAIL = ":：’'`.,;"


def _drop_latin_label_left_in_value(
    segment: Segment, tables: LabelTables, document_type: str
) -> None:
    """Take out of a coded name or title its English label, left in the value.

    "(54) Tite’ កាបូបត្បាញ" (seed 2065), "(54) Title’ ប្រព័ន្ធ..." (seed 2063): the colon read as
    a quote, so the row start kept the label in the value. A first word of Latin letters that
    is the field's own label (an edit or so off) before a value in Thai, Lao or Khmer is that
    label; before a Latin value it may be the value's own word ("Title Insurance System"),
    but no name starts with its own field's label spelled out: "(74) Agent Mendoza
    Intellectual Property Law" (seed 2077) loses "Agent".
    """
    if segment.via != "code" or segment.field not in _NAMED_FIELDS or not segment.lines:
        return
    first = segment.lines[0]
    if len(first) < 2:
        return
    word = first[0].text.rstrip(_LABEL_TAIL)
    if len(word) < 4 or not word.isascii() or not word.isalpha():
        return
    found = match_label(word, tables)
    if found is None or found.field is None or found.end != len(word):
        return
    if field_for(found.field, document_type) != segment.field:
        return
    before_local = has_unspaced_script(first[1].text)
    bare_party_label = (
        segment.field in _PARTY_FIELDS and not found.distance and first[0].text == word
    )
    if before_local or bare_party_label:
        segment.lines[0] = first[1:]


def _drop_split_label(segment: Segment, tables: LabelTables, document_type: str) -> None:
    """Take out of a coded value its own label, cut over two lines by the layout analysis.

    "(54) ชื่อที่แสดงถึงการประด" / "ดิษฐ์: เครื่องอบแห้ง…": neither line holds the whole
    label, so the row start found only the code. When the joined value starts with a label of
    the segment's field followed by a colon, the label goes.
    """
    if segment.via != "code" or segment.field is None:
        return
    words = [w for line in segment.lines for w in line]
    found = _label(words, tables)
    if found is None or found.field is None:
        return
    if field_for(found.field, document_type) != segment.field:
        return
    if " ".join(w.text for w in words)[found.end :].lstrip()[:1] not in ":：":
        return
    _drop_label_through(segment, words, found.end, found.distance)


def _drop_label_through(segment: Segment, words: list[Word], end: int, distance: int) -> None:
    """Keep of ``segment`` what follows character ``end`` of its joined words: its label went.

    The segment then counts as found by code and label, ``distance`` edits off the label.
    """
    rest = _after(words, end, leaders=True)  # a suffix of ``words``, its first maybe cut
    first_kept = len(words) - len(rest)
    lines: list[list[Word]] = []
    line_end = 0
    for line in segment.lines:
        start, line_end = line_end, line_end + len(line)
        lines.append([rest[i - first_kept] for i in range(max(start, first_kept), line_end)])
    segment.lines = [line for line in lines if line] or [[]]
    segment.via = "code+label"
    segment.label_distance = distance


# A long label garbled at its start may be this far off (a third of its folded letters), when
# its second half is read right.
_GARBLED_LABEL_SHARE = 1 / 3
_GARBLED_LABEL_MIN = 12
_GARBLED_LABEL_LENGTH = 0.8


def _drop_garbled_long_label(segment: Segment, tables: LabelTables, document_type: str) -> None:
    """Take out of a coded name or title its own long label, garbled at its start.

    "[54] อกี่แสดบถึงการประดิ ษฐ์ เครื่องอบแห้ง…" (seed 2059): the title's label
    "ชื่อที่แสดงถึงการประดิษฐ์" lost its colon and its first letters, so neither the row start
    nor ``_drop_split_label`` found it. A Thai, Lao or Khmer label of the segment's field of 12
    folded letters or more, within a third of its letters of the value's start, about as long
    (80%) and with its second half read exactly or its colon after it, goes: "(54)
    ชื่อที่แสตงถึงการประดิท,ธิ์: กรรมวิธี…" (seed 2117, four edits off, its end garbled). A
    title that merely starts like the label's end ("การประดิษฐ์…" and "ชื่อการประดิษฐ์") is too
    short a match to count. Never a Latin label: "Máy sàng chè" is three edits from "Tên sáng
    chế", and Latin words are no evidence the way a long unspaced run of a label's letters is.
    """
    if segment.via != "code" or segment.field not in _NAMED_FIELDS:
        return
    words = [w for line in segment.lines for w in line]
    text = " ".join(w.text for w in words)
    folded, index = fold(text[:96])
    best: tuple[int, int] | None = None  # (distance, end in ``text``)
    for label in tables.labels:
        if label.field is None or len(label.text) < _GARBLED_LABEL_MIN:
            continue
        if not has_unspaced_script(label.text):
            continue
        if field_for(label.field, document_type) != segment.field:
            continue
        budget = int(len(label.text) * _GARBLED_LABEL_SHARE)
        for distance, end in prefix_matches(label.text, folded, budget):
            # As long as the label, give or take: its start misread, not missing.
            if end < _GARBLED_LABEL_LENGTH * len(label.text):
                continue
            half = len(label.text) // 2
            tail_read = end >= half and folded[end - half : end] == label.text[-half:]
            if tail_read or _colon_at(text, index[end - 1] + 1):
                if best is None or distance < best[0]:
                    best = (distance, index[end - 1] + 1)
                break
    if best is not None:
        _drop_label_through(segment, words, best[1], best[0])


def _colon_at(text: str, position: int) -> bool:
    """Whether a colon (after spaces, maybe) follows ``position`` of ``text``."""
    return text[position:].lstrip()[:1] in (":", "：")


_GLUED_CODE = re.compile(r"^([(\[{]\S{2,3}?[)\]}])(\S+)$")


def _unglue(word: Word) -> list[Word]:
    """Split a code glued to the next word ("(21)Appl.") into two words."""
    m = _GLUED_CODE.match(word.text)
    if m is None or read_code(m[1]) is None:
        return [word]
    x0, y0, x1, y1 = word.bbox
    cut = x0 + (x1 - x0) * len(m[1]) // len(word.text)
    return [
        Word(m[1], word.confidence, (x0, y0, cut, y1)),
        Word(m[2], word.confidence, (cut, y0, x1, y1)),
    ]


def _bare_code(token: str) -> bool:
    code = read_code(token)
    return code is not None and not code.bracketed


def _is_text_numeral(start: Start, current: Segment) -> bool:
    """A "(12)" starting a row inside an abstract is a reference numeral, not a code."""
    if start.code is None or start.label is not None or current.field not in FREE_TEXT:
        return False
    return current.code is not None and int(start.code.code) < int(current.code)


def _is_word_of_value(
    start: Start, part: Sequence[Word], current: Segment, document_type: str
) -> bool:
    """A lone word like a label of the field being read is a word of its value.

    "(740) Agent: Santos Patent" over "Attorneys" (seed 2052): no code, no colon, nothing
    after it, and the same field as the one it follows; a label for the next field says so.
    """
    if start.code is not None or start.label is None or start.value or len(part) != 1:
        return False
    if part[0].text.rstrip().endswith((":", "：")):
        return False
    field = field_for(start.label.field, document_type)
    return field is not None and field == current.field


def _continues(seg: Segment, row: Row, top: int, height: int) -> bool:
    if seg.field is None and seg.via == "stop":
        return False
    if row.page != seg.page or row.column != seg.column:
        return False
    limit = ROW_LIMITS.get(seg.field or "", 6)
    if len(seg.lines) >= limit and any(seg.lines):
        return False
    gap = top - seg.bottom
    factor = 1.5 if any(seg.lines) else 4.0
    return gap <= factor * max(height, seg.height)


def _open(
    start: Start,
    table: dict[str, str | None],
    row: Row,
    document_type: str,
    *,
    seen: Collection[str] = (),
) -> Segment:
    """The segment a row start opens: its field by code, or by label where the code was misread."""
    label_field = field_for(start.label.field, document_type) if start.label else None
    distance = start.label.distance if start.label else 0
    if start.code is not None:
        code = start.code.code
        code_field = table.get(code)
        agrees = start.label is None or label_field == code_field
        chosen = code_field
        if start.label is not None and start.label.field is not None and not agrees:
            # A repaired code that disagrees with its label was probably misread, and so was
            # one this kind of document does not use ("(61)" for "(51)" on a design, "[541"
            # for "[54]" on a patent: a trademark's code with the bracket read as a 1), and so
            # was a code the page already had ("(72) ตัวแทน" under the inventors, for "(74)"
            # the agent, seed 2105): a front page prints each code once.
            foreign = len(code) == 3 and document_type != "trademark"
            misread = start.code.repaired or code_field is None or foreign or code in seen
            chosen = label_field if misread else code_field
            if misread and code.endswith("1") and table.get(code[:-1]) == label_field:
                code = code[:-1]
        via = "code+label" if start.label is not None else "code"
        return Segment(
            chosen, code, row.page, row.column, via, [start.value],
            code_repaired=start.code.repaired, label_distance=distance, label_agrees=agrees,
        )  # fmt: skip
    via = "label" if label_field is not None else "stop"
    return Segment(
        label_field, None, row.page, row.column, via, [start.value], label_distance=distance
    )
