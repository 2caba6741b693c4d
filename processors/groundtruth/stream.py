"""A seeded stream of labelled pages: front pages of every kind and office, degraded."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence

from processors.groundtruth.damage import DEGRADATIONS, ROTATIONS, degrade
from processors.groundtruth.documents import KINDS, OFFICES, make_document
from processors.groundtruth.model import Page
from processors.groundtruth.render import render_front_page


def page_seed(seed: int, index: int) -> int:
    """The seed of page ``index`` of a stream: pages do not depend on the pages before them."""
    return random.Random(f"groundtruth:{seed}:{index}").randrange(2**31)


def pick_layout(office: str, rng: random.Random) -> str:
    """A layout as ``office`` would use it: USPTO two columns, most others one column."""
    brackets = "square" if rng.random() < (0.5 if office == "US" else 0.2) else "round"
    if office == "US" or (office == "PH" and rng.random() < 0.2):
        return f"inid-{brackets}-2col"
    if office in ("VN", "PH", "TH") and rng.random() < 0.15:
        return "labels-only"
    return f"inid-{brackets}-1col"


def make_page(
    seed: int, *, kind: str, office: str, dpi: int = 300, layout: str | None = None
) -> Page:
    """One clean front page, fully determined by ``seed`` (and the arguments)."""
    rng = random.Random(seed)
    fields, printed = make_document(rng, kind=kind, office=office)
    layout = layout or pick_layout(office, rng)
    return render_front_page(
        fields, printed, kind=kind, office=office, layout=layout, rng=rng, dpi=dpi, seed=seed
    )


def generate(
    n: int,
    *,
    seed: int,
    kinds: Sequence[str] = KINDS,
    offices: Sequence[str] = OFFICES,
    degradations: Sequence[str] = DEGRADATIONS,
    dpi: int = 300,
    degrade_probability: float = 1.0,
) -> Iterator[Page]:
    """Yield ``n`` labelled pages, the same for the same arguments.

    Offices and kinds are cycled (every pair appears in ``len(offices) * len(kinds)``
    pages); a degraded page gets 1-2 degradations, the first cycling through
    ``degradations`` in a seeded order, so with ``degrade_probability=1`` every one is
    represented once ``n >= len(degradations)``.
    """
    if not kinds or not offices:
        raise ValueError("kinds and offices must not be empty")
    order = list(degradations)
    random.Random(f"groundtruth-order:{seed}").shuffle(order)
    pairs = [(k, o) for o in offices for k in kinds]
    random.Random(f"groundtruth-pairs:{seed}").shuffle(pairs)
    for i in range(n):
        s = page_seed(seed, i)
        kind, office = pairs[i % len(pairs)]
        page = make_page(s, kind=kind, office=office, dpi=dpi)
        rng = random.Random(s ^ 0x5EED)
        if order and rng.random() < degrade_probability:
            chosen = [order[i % len(order)]]
            if rng.random() < 0.5:
                others = [
                    d
                    for d in order
                    if d != chosen[0] and not (d in ROTATIONS and chosen[0] in ROTATIONS)
                ]
                if others:
                    chosen.append(rng.choice(others))
            page = degrade(page, chosen, rng)
        yield page
