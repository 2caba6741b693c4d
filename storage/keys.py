"""Rules every backend applies to object keys and user metadata, so all behave alike.

A key valid for one store is valid for every store: relative, ``/``-separated, no empty, ``.``
or ``..`` segment, no segment starting with a dot (dot names are reserved for the stores'
own bookkeeping, such as temporary files), no backslash and no control character.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

MAX_KEY_BYTES = 1024
"""S3's limit on the length of an object key, applied everywhere."""

MAX_METADATA_BYTES = 2048
"""S3's limit on the total size of user metadata (names plus values)."""

SHA256_METADATA = "sha256"
"""Metadata name every store sets to the hex sha256 of the content; callers cannot set it."""

CONTENT_TYPE_METADATA = "content-type"
"""Metadata name under which ``stat`` reports the content type; callers cannot set it."""

RESERVED_METADATA = frozenset({SHA256_METADATA, CONTENT_TYPE_METADATA})

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_METADATA_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


def validate_key(key: str) -> str:
    """Return ``key`` unchanged when it is a safe relative key; raise ``ValueError`` otherwise."""
    if not isinstance(key, str) or not key:
        raise ValueError(f"object key must be a non-empty string, got {key!r}")
    if len(key.encode("utf-8", errors="surrogatepass")) > MAX_KEY_BYTES:
        raise ValueError(f"object key is longer than {MAX_KEY_BYTES} bytes: {key[:60]!r}...")
    if key.startswith("/"):
        raise ValueError(f"object key must be relative, not absolute: {key!r}")
    if "\\" in key:
        raise ValueError(f"object key must not contain a backslash: {key!r}")
    if _CONTROL.search(key):
        raise ValueError(f"object key must not contain control characters: {key!r}")
    for segment in key.split("/"):
        if not segment:
            raise ValueError(f"object key must not contain an empty segment: {key!r}")
        if segment in {".", ".."}:
            raise ValueError(f"object key must not contain '.' or '..' segments: {key!r}")
        if segment.startswith("."):
            raise ValueError(f"object key segments must not start with a dot: {key!r}")
    return key


def validate_prefix(prefix: str) -> str:
    """Return a listing prefix when it could start a valid key; raise ``ValueError`` otherwise.

    A prefix may be empty or end with ``/`` (a "folder"), unlike a key.
    """
    if prefix == "":
        return prefix
    validate_key(prefix.removesuffix("/") or "/")
    return prefix


def normalize_metadata(metadata: Mapping[str, str] | None) -> dict[str, str]:
    """Return ``metadata`` with lower-case names, checked against what S3 can carry.

    Names are lower-cased because S3 headers are case-insensitive and servers differ in the
    case they return. Names are letters, digits and hyphens (underscores are dropped by some
    proxies). ``sha256`` and ``content-type`` are reserved: the store reports the content hash
    and the content type under them.
    """
    result: dict[str, str] = {}
    for name, value in (metadata or {}).items():
        lowered = name.lower()
        if not _METADATA_NAME.fullmatch(lowered):
            raise ValueError(
                f"metadata name {name!r} must be 1-64 letters, digits or hyphens, "
                "starting with a letter or digit"
            )
        if lowered in RESERVED_METADATA:
            raise ValueError(f"metadata name {name!r} is reserved: the store sets it itself")
        if lowered in result:
            raise ValueError(f"metadata name {name!r} given twice (names ignore case)")
        if not isinstance(value, str):
            raise ValueError(f"metadata value of {name!r} must be a string, got {value!r}")
        result[lowered] = value
    size = sum(len(k) + len(v.encode("utf-8", errors="surrogatepass")) for k, v in result.items())
    if size > MAX_METADATA_BYTES:
        raise ValueError(f"metadata takes {size} bytes, over the {MAX_METADATA_BYTES} S3 allows")
    return result
