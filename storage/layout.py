"""Object keys of one document, derived from its content hash (never from its file name).

A re-run of the same content therefore overwrites nothing new and duplicates nothing, and a
hostile file name cannot escape the store's prefix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_EXTENSION = re.compile(r"^[a-z0-9]{1,5}$")


@dataclass(frozen=True, slots=True)
class DocumentKeys:
    """All keys of one document in the bucket layout of docs/ARCHITECTURE.md."""

    sha256: str
    extension: str

    def __post_init__(self) -> None:
        if not _SHA256.match(self.sha256):
            raise ValueError(f"not a lowercase hex sha256: {self.sha256!r}")
        if not _EXTENSION.match(self.extension):
            raise ValueError(f"not a plain file extension: {self.extension!r}")

    @property
    def original(self) -> str:
        """The file as received."""
        return f"originals/{self.sha256}.{self.extension}"

    @property
    def record(self) -> str:
        """The JSON record; written last, so its presence means every part is there."""
        return f"records/{self.sha256}.json"

    @property
    def text(self) -> str:
        """Plain text, pages separated by form feeds."""
        return f"text/{self.sha256}.txt"

    @property
    def hocr(self) -> str:
        """HOCR word boxes."""
        return f"ocr/{self.sha256}.hocr"

    @property
    def alto(self) -> str:
        """ALTO XML word boxes."""
        return f"ocr/{self.sha256}.alto.xml"

    @property
    def pdf(self) -> str:
        """The searchable PDF."""
        return f"pdf/{self.sha256}.pdf"

    @property
    def st96(self) -> str:
        """The bibliographic fields as XML with WIPO ST.96 element names."""
        return f"export/{self.sha256}.st96.xml"

    @property
    def failed(self) -> str:
        """Why the document could not be processed."""
        return f"failed/{self.sha256}.json"


def record_key(sha256: str) -> str:
    """Return the record key of a document known only by its hash."""
    return f"records/{sha256}.json"


def failed_key(sha256: str) -> str:
    """Return the failure key of a document known only by its hash."""
    return f"failed/{sha256}.json"


def batch_key(batch_id: str) -> str:
    """Return the manifest key of one batch run."""
    if not re.fullmatch(r"[0-9A-Za-z_.-]{1,100}", batch_id):
        raise ValueError(f"not a safe batch id: {batch_id!r}")
    return f"batches/{batch_id}.json"


INDEX_KEY = "index/records.jsonl"
INDEX_CSV_KEY = "index/records.csv"
