"""The two records of a generated page: its ground truth and its image."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Truth:
    """What a perfect reader of the page would return: type, fields and text."""

    document_type: str
    office: str
    language: str
    fields: dict[str, Any]
    text: str
    layout: str
    seed: int

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (lists and dicts copied, nothing shared with the page)."""
        return {
            "document_type": self.document_type,
            "office": self.office,
            "language": self.language,
            "fields": _copy(self.fields),
            "text": self.text,
            "layout": self.layout,
            "seed": self.seed,
        }


@dataclass(frozen=True)
class Page:
    """A rendered page: grey image (0 ink .. 255 paper), resolution, truth, what degraded it."""

    image: np.ndarray
    dpi: int
    truth: Truth
    degradations: tuple[str, ...] = field(default=())

    @property
    def name(self) -> str:
        """A short stable name: office, type, seed ("vn-patent-123456")."""
        kind = self.truth.document_type.replace("_", "-")
        return f"{self.truth.office.lower()}-{kind}-{self.truth.seed}"


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_copy(v) for v in value]
    return value
