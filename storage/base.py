"""The storage interface every backend implements, and nothing more.

Keys are relative, ``/``-separated and built by ``storage.layout`` from content hashes, never
from file names. Writes are all-or-nothing: a reader sees either the previous object or the
whole new one, never a partial write. Backends translate their own exceptions into
``processors.errors`` (``StorageUnavailableError`` for transient faults, ``StoreAccessError``
for credentials or a missing bucket).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import BinaryIO, Protocol, runtime_checkable


@dataclass(frozen=True, slots=True)
class ObjectInfo:
    """What a listing or a stat says about one stored object.

    ``etag`` is opaque: equal for equal content within one backend (S3: the server's ETag;
    local: the hex MD5). ``metadata`` holds the user metadata with lower-case names, plus
    ``sha256`` (hex of the content) and ``content-type`` set by the store; it is filled by
    ``stat`` and the ``put_*`` calls, and empty in listings (S3 lists no metadata).
    """

    key: str
    size: int
    etag: str = ""
    metadata: Mapping[str, str] = field(default_factory=dict)


@runtime_checkable
class Store(Protocol):
    """A flat key space of immutable-looking objects (a bucket prefix or a directory)."""

    @property
    def url(self) -> str:
        """Where this store points, safe to print (never carries credentials)."""
        ...

    def put_bytes(
        self,
        key: str,
        data: bytes,
        *,
        content_type: str = "application/octet-stream",
        metadata: Mapping[str, str] | None = None,
    ) -> ObjectInfo:
        """Store ``data`` under ``key`` atomically and verify what arrived; return its info."""
        ...

    def put_file(
        self,
        key: str,
        path: str,
        *,
        content_type: str = "application/octet-stream",
        metadata: Mapping[str, str] | None = None,
    ) -> ObjectInfo:
        """Store the file at ``path`` (streamed, multipart when large) under ``key``."""
        ...

    def get_bytes(self, key: str) -> bytes:
        """Return the whole object; raise ``KeyError`` when it does not exist."""
        ...

    def open_stream(self, key: str) -> BinaryIO:
        """Return a readable stream of the object; the caller closes it."""
        ...

    def stat(self, key: str) -> ObjectInfo | None:
        """Return the object's info, or None when it does not exist."""
        ...

    def list(self, prefix: str = "") -> Iterator[ObjectInfo]:
        """Yield every object whose key starts with ``prefix``, in key order, without metadata."""
        ...

    def delete(self, key: str) -> None:
        """Remove the object if it exists."""
        ...

    def check(self) -> None:
        """Fail fast with a ``ConfigError`` subclass when the store cannot be used."""
        ...
