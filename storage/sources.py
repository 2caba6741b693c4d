"""Where input files come from: local folders and files, or an S3 bucket prefix.

Listings are streamed (a bucket prefix is never copied to disk) and come out in plain string
order of their names, folder by folder as S3 would list them. Names starting with a dot are
skipped below the location given (``.DS_Store``, ``.git/``, partial uploads), as are S3 folder
markers. Links to files are followed; links to folders are not (they could loop).

S3 access is configured by the caller: ``s3_config_factory`` maps a bucket name to the
``S3Config`` to use for it (typically ``base_config.at``). Nothing here reads settings.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from minio import Minio
from minio.error import S3Error

from processors.errors import ConfigError, TooLargeError
from storage.s3 import CREDENTIAL_SETTINGS, ENDPOINT_SETTING, S3Config, make_client
from storage.s3 import translate_errors as _translate_errors

S3ConfigFactory = Callable[[str], S3Config]
"""Returns the config for a bucket name (server, credentials, timeouts; prefix unused)."""

_S3 = "s3://"
_FILE = "file://"


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One input file as listed, before anything is read from it.

    Attributes:
        name: What people see: the path relative to the folder given, or the S3 key.
        size: Size in bytes at listing time.
        locator: Where to read it: an absolute path or ``s3://bucket/key`` (not
            percent-encoded; pass it to ``read_source``).
    """

    name: str
    size: int
    locator: str


def iter_sources(
    locations: Sequence[str], *, s3_config_factory: S3ConfigFactory | None = None
) -> Iterator[SourceFile]:
    """Yield the input files at each location in turn: folder, file or ``s3://`` prefix.

    An ``s3://bucket/path`` without a trailing ``/`` is the object ``path`` when it exists,
    else the folder ``path/``.

    Raises:
        ConfigError: A location does not exist, or is on S3 with no ``s3_config_factory``.
        StoreAccessError: S3 refused the credentials, or the bucket does not exist.
        StorageUnavailableError: S3 did not answer.
    """
    for location in locations:
        if location.startswith(_S3):
            yield from _iter_s3(location, s3_config_factory)
        else:
            yield from _iter_local(location)


def read_source(
    locator: str, *, s3_config_factory: S3ConfigFactory | None = None, max_bytes: int
) -> bytes:
    """Return the content of one listed file, refusing files over ``max_bytes``.

    The size is checked before reading, and the read stops one byte past the limit, so a
    file that grows meanwhile is still refused without being read whole.

    Raises:
        TooLargeError: The file is larger than ``max_bytes``.
        FileNotFoundError: The file or object no longer exists.
        ConfigError: An ``s3://`` locator with no ``s3_config_factory``.
        StoreAccessError: S3 refused the credentials, or the bucket does not exist.
        StorageUnavailableError: S3 did not answer.
    """
    if locator.startswith(_S3):
        bucket, key = _split_s3(locator)
        config = _config_for(locator, bucket, s3_config_factory)
        return _read_s3(make_client(config), config, key, locator, max_bytes)
    path = _local_path(locator)
    with path.open("rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        if size > max_bytes:
            raise _too_large(locator, size, max_bytes)
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_large(locator, len(data), max_bytes)
    return data


def _iter_local(location: str) -> Iterator[SourceFile]:
    path = _local_path(location).absolute()
    if path.is_file():
        yield SourceFile(path.name, path.stat().st_size, str(path))
    elif path.is_dir():
        yield from _walk(path, "")
    else:
        raise ConfigError(f"source {location!r} is neither a file nor a folder ({path})")


def _walk(folder: Path, relative: str) -> Iterator[SourceFile]:
    """Yield the files under ``folder`` in the string order of their relative names."""
    with os.scandir(folder) as scan:
        entries = [entry for entry in scan if not entry.name.startswith(".")]
    # A folder sorts as "name/", so "a.tif" comes before "a/b.tif", as in an S3 listing.
    decorated = []
    for entry in entries:
        is_dir = entry.is_dir(follow_symlinks=False)
        decorated.append((entry.name + "/" if is_dir else entry.name, is_dir, entry))
    decorated.sort(key=lambda item: item[0])
    for name, is_dir, entry in decorated:
        if is_dir:
            yield from _walk(Path(entry.path), relative + name)
        elif entry.is_file():  # follows links; skips broken links, sockets, fifos
            yield SourceFile(relative + name, entry.stat().st_size, entry.path)


def _iter_s3(location: str, factory: S3ConfigFactory | None) -> Iterator[SourceFile]:
    bucket, path = _split_s3(location)
    config = _config_for(location, bucket, factory)
    client = make_client(config)
    if path and not path.endswith("/"):
        with _translate_errors(config, "stat", path):
            try:
                found = client.stat_object(bucket, path)
            except S3Error as exc:
                if exc.code not in {"NoSuchKey", "NoSuchObject"}:
                    raise
                found = None
        if found is not None:
            yield SourceFile(path, found.size or 0, f"{_S3}{bucket}/{path}")
            return
        path += "/"
    with _translate_errors(config, "list", path):
        objects = client.list_objects(bucket, prefix=path, recursive=True)
    while True:
        with _translate_errors(config, "list", path):
            found = next(objects, None)
        if found is None:
            return
        key = found.object_name or ""
        below = key[len(path) :]
        if found.is_dir or key.endswith("/") or any(s.startswith(".") for s in below.split("/")):
            continue
        yield SourceFile(key, found.size or 0, f"{_S3}{bucket}/{key}")


def _read_s3(client: Minio, config: S3Config, key: str, locator: str, max_bytes: int) -> bytes:
    with _translate_errors(config, "read", key):
        try:
            found = client.stat_object(config.bucket, key)
        except S3Error as exc:
            if exc.code in {"NoSuchKey", "NoSuchObject"}:
                raise FileNotFoundError(f"no such object: {locator}") from exc
            raise
        if (found.size or 0) > max_bytes:
            raise _too_large(locator, found.size or 0, max_bytes)
        response = client.get_object(config.bucket, key)
        try:
            data = response.read(max_bytes + 1)
        finally:
            response.close()
            response.release_conn()
    if len(data) > max_bytes:
        raise _too_large(locator, len(data), max_bytes)
    return data


def local_copy(
    locator: str, folder: Path, *, s3_config_factory: S3ConfigFactory | None = None
) -> Path:
    """Return a local path holding the source: the file itself, or a streamed copy in ``folder``.

    For files too large to read into memory (they are still stored as originals).
    """
    if not locator.startswith(_S3):
        return _local_path(locator)
    bucket, key = _split_s3(locator)
    config = _config_for(locator, bucket, s3_config_factory)
    target = folder / "source.bin"
    with _translate_errors(config, "read", key):
        make_client(config).fget_object(config.bucket, key, str(target))
    return target


def _split_s3(url: str) -> tuple[str, str]:
    """Split ``s3://bucket/key`` into bucket and key (the key may be empty)."""
    bucket, _, key = url.removeprefix(_S3).partition("/")
    if not bucket:
        raise ConfigError(f"S3 location {url!r} has no bucket; write s3://bucket/prefix/")
    return bucket, key


def _config_for(location: str, bucket: str, factory: S3ConfigFactory | None) -> S3Config:
    if factory is None:
        raise ConfigError(
            f"{location} is on S3 but no S3 server is configured; set {ENDPOINT_SETTING}, "
            f"{CREDENTIAL_SETTINGS}"
        )
    return factory(bucket)


def _local_path(location: str) -> Path:
    if location.startswith(_FILE):
        parts = urlsplit(location)
        if parts.netloc not in {"", "localhost"}:
            raise ConfigError(f"only local file:// locations are supported, got {location!r}")
        return Path(unquote(parts.path))
    return Path(location).expanduser()


def _too_large(name: str, size: int, limit: int) -> TooLargeError:
    return TooLargeError(
        f"{name} is {_human(size)}, over the {_human(limit)} limit for one input file"
    )


def _human(size: int) -> str:
    """Return ``size`` in bytes as people read it (``12.3 MB``)."""
    if size < 1000:
        return f"{size} bytes"
    exponent = min(int(math.log(size, 1000)), 4)
    return f"{size / 1000**exponent:.1f} {('kB', 'MB', 'GB', 'TB')[exponent - 1]}"
