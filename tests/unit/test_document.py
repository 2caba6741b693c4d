"""How a document's pages are grouped for reading: image pages a few at a time, in order."""

from __future__ import annotations

import numpy as np

from flows.document import _in_batches
from processors.loader import ImagePage, TextLayerPage
from processors.types import PageText


def image(index: int) -> ImagePage:
    return ImagePage(index, np.zeros((4, 4), np.uint8), 300, "file")


def text(index: int) -> TextLayerPage:
    return TextLayerPage(index, PageText(page_index=index, lines=()), 612.0, 792.0)


def indexes(batches) -> list[list[int] | int]:
    return [[p.index for p in b] if isinstance(b, list) else b.index for b in batches]


def test_image_pages_go_in_lists_of_the_size_asked_text_pages_alone_in_order():
    pages = [image(0), image(1), image(2), text(3), image(4), image(5), image(6), image(7)]
    assert indexes(_in_batches(iter(pages), lambda: 3)) == [[0, 1, 2], 3, [4, 5, 6], [7]]


def test_the_size_may_change_with_what_earlier_lists_showed():
    # lang=auto: the first page is read alone; once its script is found, four at a time
    found: list[str] = []
    seen = []
    for batch in _in_batches(iter([image(n) for n in range(6)]), lambda: 4 if found else 1):
        seen.append([p.index for p in batch])
        found.append("tha+eng")
    assert seen == [[0], [1, 2, 3, 4], [5]]


def test_pages_are_pulled_only_as_each_list_is_needed():
    pulled = []

    def source():
        for n in range(5):
            pulled.append(n)
            yield image(n)

    batches = _in_batches(source(), lambda: 2)
    assert indexes([next(batches)]) == [[0, 1]]
    assert pulled == [0, 1]  # a 500-page file never holds more than one list of bitmaps
