"""Bounded fuzzing of the loaders: whatever the bytes, the only error is our own bad-input
error (never a crash of the decoder or an unexplained exception)."""

from __future__ import annotations

import img2pdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from processors.errors import BadInputError
from processors.loader import Limits, open_document
from tests.conftest import encode, render_lines

PAGE = render_lines(["(21) 1-2018-01234"], width_in=2, height_in=0.6, dpi=100)
SEEDS = [
    encode(PAGE, "PNG"),
    encode(PAGE, "JPEG"),
    encode(PAGE, "TIFF"),
    img2pdf.convert(encode(PAGE, "PNG")),
]
LIMITS = Limits(max_pixels=2_000_000, max_pages=5)


def load_all(data: bytes) -> None:
    try:
        _, pages = open_document(data, limits=LIMITS)
        for _ in pages:
            pass
    except BadInputError:
        pass


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.sampled_from(SEEDS),
    cut=st.floats(0, 1),
    flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=8),
)
def test_mutated_files_raise_only_bad_input(seed: bytes, cut: float, flips):
    data = bytearray(seed[: max(1, int(len(seed) * cut))] if cut < 0.98 else seed)
    for where, value in flips:
        data[int(where * (len(data) - 1))] = value
    load_all(bytes(data))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2048))
def test_random_bytes_raise_only_bad_input(data: bytes):
    load_all(data)
