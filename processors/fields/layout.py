"""Reading order of a front page: columns found from word boxes, rows rebuilt per column.

Tesseract sometimes merges the two columns of a front page into one line and sometimes splits
one printed row into several blocks ("[73] Assignee:" and the name beside it). Rows are rebuilt
from the boxes: lines are cut at the page's gutter, pieces on the same baseline in the same
column are joined, and the page is read column by column, top to bottom.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from statistics import median

from processors.fields.inid import read_code
from processors.types import BBox, Line, PageText, Word, union_bbox


@dataclass(frozen=True, slots=True)
class Row:
    """One printed row of one column: words left to right, on page ``page``."""

    words: tuple[Word, ...]
    page: int
    column: int = 0

    @property
    def text(self) -> str:
        """The row's words joined by single spaces."""
        return " ".join(w.text for w in self.words)

    @property
    def bbox(self) -> BBox:
        """The box around the row's words."""
        return union_bbox(w.bbox for w in self.words) or (0, 0, 0, 0)

    @property
    def height(self) -> int:
        """Median word height (robust against one tall bracket or a stray mark)."""
        return int(median(w.bbox[3] - w.bbox[1] for w in self.words)) if self.words else 0


def _texty(word: Word) -> bool:
    return word.confidence >= 50 and sum(c.isalnum() for c in word.text) >= 2


# Rows of words right of a gutter for the page to have a second column.
_MIN_COLUMN_ROWS = 3
_RUN_ON_GAP = 1.5


def find_gutter(
    page: PageText, *, min_words: int = 20, band: tuple[float, float] = (0.3, 0.7)
) -> int | None:
    """Return the x of the gap between two text columns, or None for a one-column page.

    The gutter is the widest vertical strip in the middle of the page that (almost) no text
    word crosses; low-confidence specks (drawings, stains) are ignored, and a couple of words
    may cross it (a full-width heading, OCR debris bridging the columns of a skewed scan).
    """
    words = [w for w in page.words if _texty(w)]
    if len(words) < min_words:
        return None
    width = page.width or max(w.bbox[2] for w in words)
    lo, hi = int(width * band[0]), int(width * band[1])
    if hi - lo < 2:
        return None
    coverage = [0] * (hi - lo)
    for w in words:
        for x in range(max(lo, w.bbox[0]), min(hi, w.bbox[2])):
            coverage[x - lo] += 1
    allowed = max(2, len(words) // 100)
    best: tuple[int, int] | None = None
    start = None
    for x, c in enumerate([*coverage, allowed + 1]):
        if c <= allowed and start is None:
            start = x
        elif c > allowed and start is not None:
            if best is None or x - start > best[1] - best[0]:
                best = (start, x)
            start = None
    if best is None:
        return None
    heights = sorted(w.bbox[3] - w.bbox[1] for w in words)
    if best[1] - best[0] < heights[len(heights) // 2]:  # narrower than a letter: a word gap
        return None
    gutter = lo + (best[0] + best[1]) // 2
    left = [w for w in words if w.bbox[2] <= gutter]
    right = [w for w in words if w.bbox[0] >= gutter]
    if min(len(left), len(right)) < min_words // 4:
        return None
    # A column has rows: the end of one long line past a space is no column (seed 2047: a
    # one-column page whose inventors' line alone ran past the middle was cut at a space).
    letter = max(1, heights[len(heights) // 2])
    rows = {round((w.bbox[1] + w.bbox[3]) / 2 / letter) for w in right}
    if len(rows) < _MIN_COLUMN_ROWS:
        return None
    # Nor are the ends of a few long lines that happen to part at one x: every row right of the
    # strip goes on from a word just left of it, a word space away (seed 2066: the second
    # designer of a one-column page was lost with the right "column").
    return None if _all_run_on(words, right, letter) else gutter


def _all_run_on(words: list[Word], right: list[Word], letter: int) -> bool:
    """Whether every row of ``right`` runs on from a word before it on its row.

    Its first word starts less than ``_RUN_ON_GAP`` letter heights after the end of the last
    word of ``words`` before it (one crossing the strip included).
    """
    firsts: dict[int, Word] = {}
    for w in right:
        row = round((w.bbox[1] + w.bbox[3]) / 2 / letter)
        if row not in firsts or w.bbox[0] < firsts[row].bbox[0]:
            firsts[row] = w
    for row, first in firsts.items():
        ends = [
            w.bbox[2]
            for w in words
            if round((w.bbox[1] + w.bbox[3]) / 2 / letter) == row and w.bbox[2] <= first.bbox[0]
        ]
        if not ends or first.bbox[0] - max(ends) >= _RUN_ON_GAP * letter:
            return False
    return True


def _split(line: Line, gutter: int | None) -> list[tuple[tuple[Word, ...], int]]:
    """Cut one OCR line at the gutter into (words, column) pieces."""
    words = tuple(sorted(line.words, key=lambda w: w.bbox[0]))
    if gutter is None:
        return [(words, 0)]
    crossing = [w for w in words if w.bbox[0] < gutter < w.bbox[2]]
    if any(any(c.isalnum() for c in w.text) for w in crossing):
        return [(words, 0)]  # a real word spans the gutter: a full-width line
    # Rules and specks ("|") on the gutter are dropped; they would glue the columns.
    left = tuple(w for w in words if w.bbox[2] <= gutter)
    right = tuple(w for w in words if w.bbox[0] >= gutter)
    if left and right and right[0].bbox[0] - left[-1].bbox[2] < _WORD_SPACE * _height(words):
        # The line runs on over the gutter a word space away: one line of a one-column
        # page read as two columns (seed 2078: "...Tuân (VN); | Võ Ngọc An (VN); Đỗ", 16 px
        # apart in letters 40 px tall, lost two inventors to the "right column").
        return [(words, 0)]
    return [(part, col) for part, col in ((left, 0), (right, 1)) if part]


# A gap narrower than this many letter heights between two words is a word space.
_WORD_SPACE = 0.8


def _height(words: Sequence[Word]) -> float:
    """The median height of ``words``' boxes."""
    return median(w.bbox[3] - w.bbox[1] for w in words)


def _same_row(a: tuple[Word, ...], b: tuple[Word, ...]) -> bool:
    box_a, box_b = union_bbox(w.bbox for w in a), union_bbox(w.bbox for w in b)
    if box_a is None or box_b is None:
        return False
    h = min(box_a[3] - box_a[1], box_b[3] - box_b[1])
    overlap = min(box_a[3], box_b[3]) - max(box_a[1], box_b[1])
    # Side by side, or touching by a sliver: Tesseract cut "(51) สัญลักษณ์เ" off the rest of
    # its label with a stray mark 12 px into it, and the value sorted above its code.
    x_overlap = min(box_a[2], box_b[2]) - max(box_a[0], box_b[0])
    if overlap < 0.5 * h:
        return False
    if x_overlap <= 0.25 * h:
        return True
    # Or words in a gap between the other's words: "Số" of "(11) Số bằng: 3-0056783" read as a
    # block of its own between "11" and "ng:" (seed 2092, a page turned 180°). Both must hold
    # a word of letters: a stray ")" or "1)" of a column of codes stays out of the row.
    return (
        _has_a_word(a)
        and _has_a_word(b)
        and all(
            min(u.bbox[2], v.bbox[2]) - max(u.bbox[0], v.bbox[0]) <= 0.25 * h for u in a for v in b
        )
    )


def _has_a_word(words: Sequence[Word]) -> bool:
    """Whether ``words`` hold a word of two letters or more."""
    return any(sum(c.isalpha() for c in w.text) >= 2 for w in words)


def page_rows(
    page: PageText,
    *,
    keep_together: Callable[[Sequence[Word], Sequence[Word]], bool] | None = None,
    starts_field: Callable[[Sequence[Word]], bool] | None = None,
    columns: bool = True,
) -> list[Row]:
    """Rebuild the rows of ``page`` in reading order (left column, then right column).

    Args:
        page: OCR words of one page.
        keep_together: called with the left and right parts of a line cut at the gutter;
            True keeps the line whole (a label on the left, its value across the gutter).
        starts_field: whether a piece starts a field (a code or a label, with or without its
            colon); without it, a piece ending in a colon or starting with a code does.
        columns: look for a gutter at all (False: one column, rows only).
    """
    gutter = find_gutter(page) if columns else None
    split_lines = [(line, _split(line, gutter)) for line in page.lines if line.words]
    right_column = [part for _line, parts in split_lines for part, col in parts if col == 1]
    left_column = [part for _line, parts in split_lines for part, col in parts if col == 0]
    pieces: list[tuple[tuple[Word, ...], int]] = []
    for line, parts in split_lines:
        if (
            len(parts) == 2
            and keep_together is not None
            and keep_together(parts[0][0], parts[1][0])
            and not _answers_label_above(parts[1][0], right_column)
            and not _value_below(parts[0][0], left_column, starts_field)
        ):
            parts = [(tuple(sorted(line.words, key=lambda w: w.bbox[0])), 0)]
        pieces += parts
    pieces = _without_second_readings(pieces)
    pieces.sort(key=lambda p: (p[1], min(w.bbox[1] for w in p[0])))
    too_tall = _too_tall_for_a_row(pieces)
    pieces = [(words, col) for words, col in pieces if not (too_tall(words) and _unsure(words))]
    rows: list[list[Word]] = []
    row_columns: list[int] = []
    anchors: list[tuple[Word, ...]] = []
    for words, col in pieces:
        same = next(
            (
                k
                for k in _open_rows(anchors)
                if row_columns[k] == col
                and not too_tall(words)
                and not too_tall(anchors[k])
                and _same_row(anchors[k], words)
            ),
            None,
        )
        if same is not None:
            rows[same] += words
            continue
        rows.append(list(words))
        row_columns.append(col)
        anchors.append(words)
    return [
        Row(_join_split_brackets(sorted(r, key=lambda w: w.bbox[0])), page.page_index, c)
        for r, c in zip(rows, row_columns, strict=True)
    ]


def _open_rows(anchors: Sequence[tuple[Word, ...]]) -> list[int]:
    """The rows a piece may still join: the last, and the one before when the last is a speck.

    A speck read as punctuation between a row's parts is a row of its own and must not cut the
    row: "'" (a row at 440-448 px) stood between "(11) เลขที่สิทธิ์" and "บัตร: 51012" (seed
    2101), and the number lost its code.
    """
    last = len(anchors) - 1
    if last < 0:
        return []
    if last > 0 and not any(c.isalnum() for w in anchors[last] for c in w.text):
        return [last, last - 1]
    return [last]


# A piece this many times taller than the page's usual line spans several printed rows: noise
# down the page's edge ("aia ite canis El", 155 pixels tall beside lines of 42, seed 2081).
_TALLEST_ROW = 2.5
# Below this confidence every word of such a piece, it is noise read as letters, and left out.
_NOISE_CONFIDENCE = 50.0


def _unsure(words: Sequence[Word]) -> bool:
    return all(w.confidence < _NOISE_CONFIDENCE for w in words)


def _too_tall_for_a_row(
    pieces: Sequence[tuple[tuple[Word, ...], int]],
) -> Callable[[Sequence[Word]], bool]:
    """A test of whether a piece is too tall to be one row of the page's text.

    Such a piece is a row of its own: as the anchor of a row it would take in every printed
    row beside it ("(511) Int. Cl.: 03, 29" and "Cosmetics; soaps;" below it became one).
    When none of its words is sure it is noise, and no row at all (it ran on from the mark
    above it: "VINATECH aia ite canis El").
    """
    heights = [
        box[3] - box[1] for words, _col in pieces if (box := union_bbox(w.bbox for w in words))
    ]
    usual = median(heights) if heights else 0.0

    def too_tall(words: Sequence[Word]) -> bool:
        box = union_bbox(w.bbox for w in words)
        return box is not None and usual > 0 and box[3] - box[1] > _TALLEST_ROW * usual

    return too_tall


_CODE = re.compile(r"[(\[]\d{2,3}[)\]]")


def _answers_label_above(part: Sequence[Word], column: list[tuple[Word, ...]]) -> bool:
    """Whether ``part`` is the value of the label that ends the piece right above it.

    "(45) Registration Date:" over "May 11, 2019" in the right column (seed 2049): the date is
    that label's, not the value of "(22) Filing Date:" beside it across the gutter.
    """
    nearest = _next_piece(part, column, below=False)
    return nearest is not None and nearest[-1].text.endswith(":")


def _value_below(
    label: Sequence[Word],
    column: list[tuple[Word, ...]],
    starts_field: Callable[[Sequence[Word]], bool] | None = None,
) -> bool:
    """Whether the label ``label`` ends with has its value on the row below it, not beside it.

    "(74) Attorney, Agent, or Firm:" over "Miller, Johnson & Tanaka LLP" (seed 2055): the
    right column's running text that happens to share the label's row ("view thereof.") is
    not its value. A row below that starts a field of its own ("Ngày nộp đơn:", with or without
    its colon, or a code) leaves the value beside the label, where label-and-value layouts put
    it.
    """
    if not label or not label[-1].text.endswith((":", "：")):
        return False
    nearest = _next_piece(label, column, below=True)
    if nearest is None:
        return False
    if starts_field is not None:
        return not starts_field(nearest)
    code = read_code(nearest[0].text)
    return not nearest[-1].text.endswith((":", "：")) and not (code is not None and code.bracketed)


def _next_piece(
    part: Sequence[Word], column: list[tuple[Word, ...]], *, below: bool
) -> tuple[Word, ...] | None:
    """The piece of ``column`` right above (or below) ``part``, within 1.5 of its heights."""
    box = union_bbox(w.bbox for w in part)
    if box is None:
        return None
    height = box[3] - box[1]
    near = []
    for piece in column:
        b = union_bbox(w.bbox for w in piece)
        if b is None:
            continue
        gap = b[1] - box[3] if below else box[1] - b[3]
        if -0.2 * height <= gap <= 1.5 * height:
            near.append((gap, piece))
    return min(near, key=lambda item: item[0])[1] if near else None


def _one_line_across(left: Sequence[Word], right: Sequence[Word]) -> bool:
    """Whether a line cut at the gutter is one line after all.

    A label ("Số đơn:") with its value across the gutter, or a full-width heading whose words
    merely leave a space there.
    """
    left_box, right_box = union_bbox(w.bbox for w in left), union_bbox(w.bbox for w in right)
    if left_box is None or right_box is None:
        return False
    overlap = min(left_box[3], right_box[3]) - max(left_box[1], right_box[1])
    if overlap < 0.5 * min(left_box[3] - left_box[1], right_box[3] - right_box[1]):
        return False  # not on one baseline: Tesseract joined pieces of two printed rows
    if 0 < len(left) <= 5 and left[-1].text.endswith(":") and not _CODE.match(right[0].text):
        return True  # not when the right part starts a field of its own: "(11) ..."
    gap = min(w.bbox[0] for w in right) - max(w.bbox[2] for w in left)
    height = median(w.bbox[3] - w.bbox[1] for w in (*left, *right))
    return gap < height


def reading_order(page: PageText) -> PageText:
    """``page`` with its lines in reading order: left column top to bottom, then the right.

    Tesseract reads a two-column front page across its columns when the rows line up ("(12)
    United States Patent (10) Patent No.: ..."); people and search need each column's text
    together. Each column becomes a block of its own; a one-column page keeps Tesseract's lines
    unless it split one printed row over several blocks. Word boxes are unchanged.
    """
    rows = page_rows(page, keep_together=_one_line_across)
    # One column: Tesseract's own lines are the reading order, unless it put pieces of one
    # printed row in different blocks (a run of "(" before "21) ..." read as a column).
    if not any(r.column for r in rows) and len(rows) == sum(1 for ln in page.lines if ln.words):
        return page
    lines = tuple(Line(words=r.words, block=r.column) for r in rows)
    return PageText(page.page_index, lines, page.width, page.height)


_OPENING = frozenset("([{<")


def _read_twice(code: Word, word: Word) -> bool:
    """Whether ``word`` is ``code`` read a second time, over it, whole or without its brackets.

    "(511)" alone and "(511) Nhóm sản phẩm/dịch vụ: 35" (seed 2058): the lone one, sorted
    under its row, took the goods that follow as the value of an empty second field.
    """
    narrower = min(code.bbox[2] - code.bbox[0], word.bbox[2] - word.bbox[0])
    across = min(code.bbox[2], word.bbox[2]) - max(code.bbox[0], word.bbox[0])
    height = min(code.bbox[3] - code.bbox[1], word.bbox[3] - word.bbox[1])
    down = min(code.bbox[3], word.bbox[3]) - max(code.bbox[1], word.bbox[1])
    inside = code.text[1:-1] if code.text[:1] in _OPENING and code.text[-1:] in ")]}>" else None
    return (
        (
            word.text == code.text
            or (code.text[:1] in _OPENING and word.text == code.text[1:])
            or word.text == inside  # "11" read over "(11)" (seed 2092)
        )
        and across >= 0.5 * max(1, narrower)
        and down >= 0.5 * max(1, height)
    )


def _without_second_readings(
    pieces: list[tuple[tuple[Word, ...], int]],
) -> list[tuple[tuple[Word, ...], int]]:
    """The pieces with a second reading of an INID code folded into its row.

    Tesseract can read a column of codes twice: "(210)" as a block of its own over the "210)"
    that starts its row (seed 2049). The row keeps the whole code; the lone one goes.
    """
    lone = [(i, p[0][0]) for i, p in enumerate(pieces) if len(p[0]) == 1]
    dropped: set[int] = set()
    out = list(pieces)
    for i, code in lone:
        for j, (words, col) in enumerate(out):
            if j != i and j not in dropped and _read_twice(code, words[0]):
                out[j] = ((code, *words[1:]), col)
                dropped.add(i)
                break
    return [piece for k, piece in enumerate(out) if k not in dropped]


def _join_split_brackets(words: list[Word]) -> tuple[Word, ...]:
    """Rejoin "(" and "21)" when layout analysis put the bracket in a column of its own.

    Tesseract often reads a left-aligned run of INID codes as two columns: the opening
    brackets, then the rest. A lone bracket directly left of the next word belongs to it.
    """
    out: list[Word] = []
    for word in words:
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.text in _OPENING
            and 0 <= word.bbox[0] - previous.bbox[2] <= max(4, previous.bbox[3] - previous.bbox[1])
        ):
            box = union_bbox((previous.bbox, word.bbox))
            assert box is not None
            confidence = min(previous.confidence, word.confidence)
            out[-1] = Word(previous.text + word.text, confidence, box)
            continue
        out.append(word)
    return tuple(out)


def text_to_page(
    text: str,
    *,
    page_index: int = 0,
    confidence: float = 90.0,
    char_width: int = 20,
    line_height: int = 40,
) -> PageText:
    """Lay plain text out as OCR words: one word per token, boxes from character columns.

    For tests and for text without boxes. Runs of spaces become wide gaps, so a row typed
    as "(21) 123      (57) ABSTRACT" reads as two columns; a blank line starts a new block.
    """
    lines: list[Line] = []
    block = 0
    width = 0
    for row, raw in enumerate(text.split("\n")):
        if not raw.strip():
            block += 1
            continue
        words: list[Word] = []
        col = 0
        for token in raw.split(" "):
            if token:
                x0, y0 = col * char_width, row * line_height
                box = (x0, y0, x0 + len(token) * char_width, y0 + int(line_height * 0.7))
                words.append(Word(token, confidence, box))
                width = max(width, box[2])
            col += len(token) + 1
        lines.append(Line(tuple(words), block))
    height = (text.count("\n") + 1) * line_height
    return PageText(page_index, tuple(lines), width=width, height=height)
