"""Object storage behind one small interface: a local directory or any S3 server (MinIO)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from processors.errors import ConfigError
from storage.base import ObjectInfo, Store
from storage.layout import DocumentKeys
from storage.local import LocalStore
from storage.s3 import S3Config, S3Store

__all__ = [
    "DocumentKeys",
    "LocalStore",
    "ObjectInfo",
    "S3Config",
    "S3Store",
    "Store",
    "open_store",
]


def open_store(url: str, *, s3: S3Config | None = None) -> Store:
    """Return the store ``url`` names: a folder path, ``file:///abs`` or ``s3://bucket/prefix``.

    For ``s3://`` the server, credentials and options come from ``s3``; the URL's bucket and
    prefix replace the config's own. Nothing is contacted here: call ``check()`` for that.

    Raises:
        ConfigError: An unsupported scheme, a malformed URL, or ``s3://`` without ``s3``.
    """
    text = url.strip()
    if not text:
        raise ConfigError("the output location is empty; give a folder or s3://bucket/prefix")
    if "://" not in text:
        return LocalStore(Path(text))
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme == "file":
        if parts.netloc not in {"", "localhost"} or not parts.path.startswith("/"):
            raise ConfigError(f"a file URL must be file:///absolute/path, got {url!r}")
        return LocalStore(Path(unquote(parts.path)))
    if scheme == "s3":
        bucket, _, prefix = text[len("s3://") :].partition("/")
        if not bucket:
            raise ConfigError(f"S3 location {url!r} has no bucket; write s3://bucket/prefix")
        if s3 is None:
            raise ConfigError(
                f"{url} is on S3 but no S3 server is configured; set DIGITIZE_S3_ENDPOINT, "
                "DIGITIZE_S3_ACCESS_KEY and DIGITIZE_S3_SECRET_KEY"
            )
        return S3Store(s3.at(bucket, prefix))
    raise ConfigError(
        f"unsupported storage location {url!r}: use a folder, file:///path or s3://bucket/prefix"
    )
