"""Seeded ground truth: office front pages with known fields and text, and scanner damage.

Used by the tests, ``make demo`` samples, ``digitize eval --generate`` and the benchmarks.
Everything is fictitious and deterministic for a given seed::

    from processors import groundtruth as gt

    for page in gt.generate(20, seed=1, dpi=200):  # Page: image, dpi, truth, degradations
        png = gt.to_png(page)
        expected = page.truth.fields  # normalized values, as the extractor should return them
    gt.write_dataset(folder, gt.generate(50, seed=7))  # <name>.png + truth.json for eval
"""

from __future__ import annotations

from processors.groundtruth.damage import DEGRADATIONS, degrade
from processors.groundtruth.documents import (
    KINDS,
    LANGUAGE_OF_OFFICE,
    MANDATORY,
    OFFICES,
    make_document,
)
from processors.groundtruth.model import Page, Truth
from processors.groundtruth.render import LAYOUTS, render_front_page, render_text_page
from processors.groundtruth.stream import generate, make_page
from processors.groundtruth.writers import (
    load_truth,
    to_born_digital_pdf,
    to_jpeg,
    to_png,
    to_scanned_pdf,
    to_tiff,
    truth_entry,
    write_dataset,
)

__all__ = [
    "DEGRADATIONS",
    "KINDS",
    "LANGUAGE_OF_OFFICE",
    "LAYOUTS",
    "MANDATORY",
    "OFFICES",
    "Page",
    "Truth",
    "degrade",
    "generate",
    "load_truth",
    "make_document",
    "make_page",
    "render_front_page",
    "render_text_page",
    "to_born_digital_pdf",
    "to_jpeg",
    "to_png",
    "to_scanned_pdf",
    "to_tiff",
    "truth_entry",
    "write_dataset",
]
