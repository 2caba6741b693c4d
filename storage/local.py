"""A ``Store`` in a local directory: the embedded default when no S3 server is configured.

On disk, an object is the plain file ``<root>/<key>``, so the output folder reads like the
bucket layout. Its content type, user metadata, size, sha256 and MD5 live in a sidecar
``<root>/.meta/<key>.json`` outside the visible tree. Writes go to a hidden temporary file in
the target's own folder, are fsynced, re-read and checked against the sha256 and size of what
was meant to be written, then renamed over the target with ``os.replace`` (atomic on POSIX);
the sidecar follows the same way. Because the object and its sidecar are two files, the sidecar
records the object's inode, size and modification time: a sidecar that does not match (a crash
between the two renames, or a file edited by hand) is ignored and the object's hashes are
recomputed from its content, so a reader never sees another version's metadata.

Keys are checked by ``storage.keys.validate_key``: nothing can escape the root, and names
starting with a dot are never keys, which keeps temporary files and ``.meta`` out of listings.
Symbolic links already inside the root (put there by an operator) are followed.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import secrets
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from stat import S_ISREG
from typing import Any, BinaryIO

from processors.errors import StorageUnavailableError, StoreAccessError
from storage.base import ObjectInfo
from storage.keys import (
    CONTENT_TYPE_METADATA,
    SHA256_METADATA,
    normalize_metadata,
    validate_key,
    validate_prefix,
)

_META_DIR = ".meta"
_CHUNK = 1024 * 1024
_SIDECAR_VERSION = 1


@dataclass(frozen=True, slots=True)
class _Written:
    """What was written to a file: its size and content hashes (hex)."""

    size: int
    sha256: str
    md5: str


@dataclass(frozen=True, slots=True)
class _Identity:
    """Inode, size and modification time: which file a sidecar describes."""

    ino: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, st: os.stat_result) -> _Identity:
        """Return the identity of the file ``st`` describes."""
        return cls(st.st_ino, st.st_size, st.st_mtime_ns)


class LocalStore:
    """A flat key space kept as plain files under one root directory."""

    def __init__(self, root: str | os.PathLike[str], *, durable: bool = True) -> None:
        """Point the store at ``root`` (made absolute); ``durable`` fsyncs every write."""
        self._root = Path(root).expanduser().absolute()
        self._durable = durable

    def __repr__(self) -> str:
        return f"LocalStore({str(self._root)!r})"

    @property
    def root(self) -> Path:
        """The absolute directory holding the objects."""
        return self._root

    @property
    def url(self) -> str:
        """``file://`` URI of the root."""
        return self._root.as_uri()

    def put_bytes(
        self,
        key: str,
        data: bytes,
        *,
        content_type: str = "application/octet-stream",
        metadata: Mapping[str, str] | None = None,
    ) -> ObjectInfo:
        """Write ``data`` under ``key`` atomically, verified by re-reading it."""
        validate_key(key)
        meta = normalize_metadata(metadata)
        return self._put(key, (data,), content_type, meta)

    def put_file(
        self,
        key: str,
        path: str | os.PathLike[str],
        *,
        content_type: str = "application/octet-stream",
        metadata: Mapping[str, str] | None = None,
    ) -> ObjectInfo:
        """Copy the file at ``path`` under ``key`` in chunks, atomically and verified."""
        validate_key(key)
        meta = normalize_metadata(metadata)
        with Path(path).open("rb") as source:  # a missing source raises FileNotFoundError as is
            return self._put(key, iter(partial(source.read, _CHUNK), b""), content_type, meta)

    def get_bytes(self, key: str) -> bytes:
        """Return the object's content; ``KeyError`` when it does not exist."""
        path = self._object_path(key)
        with _translate(self._root, key, missing=KeyError):
            return path.read_bytes()

    def open_stream(self, key: str) -> BinaryIO:
        """Return the object opened for binary reading; ``KeyError`` when it does not exist."""
        path = self._object_path(key)
        with _translate(self._root, key, missing=KeyError):
            return path.open("rb")

    def stat(self, key: str) -> ObjectInfo | None:
        """Return the object's info with its metadata, or None when it does not exist."""
        path = self._object_path(key)
        with _translate(self._root, key):
            st = _regular_file_stat(path)
            if st is None:
                return None
            sidecar = self._read_sidecar(key, st)
            if sidecar is None:
                written = _hash_file(path)
                return ObjectInfo(key, written.size, written.md5, {SHA256_METADATA: written.sha256})
            metadata = dict(sidecar["metadata"])
            metadata[SHA256_METADATA] = sidecar["sha256"]
            metadata[CONTENT_TYPE_METADATA] = sidecar["content_type"]
            return ObjectInfo(key, st.st_size, sidecar["md5"], metadata)

    def list(self, prefix: str = "") -> Iterator[ObjectInfo]:
        """Yield the objects whose key starts with ``prefix`` in key order (no metadata)."""
        validate_prefix(prefix)
        folder, _, _ = prefix.rpartition("/")
        start = self._root / folder if folder else self._root
        yield from self._walk(start, f"{folder}/" if folder else "", prefix)

    def delete(self, key: str) -> None:
        """Remove the object and its sidecar; nothing happens when it does not exist.

        Emptied folders are left in place: removing them could race a concurrent write into
        the same folder.
        """
        path = self._object_path(key)
        with _translate(self._root, key):
            if _regular_file_stat(path) is not None:
                path.unlink(missing_ok=True)
            self._sidecar_path(key).unlink(missing_ok=True)

    def check(self) -> None:
        """Create the root when missing and prove it is writable; ``StoreAccessError`` if not."""
        try:
            self._root.mkdir(parents=True, exist_ok=True)
            probe = self._root / f".check.{secrets.token_hex(8)}.tmp"
            probe.write_bytes(b"")
            probe.unlink()
        except FileExistsError as exc:
            raise StoreAccessError(
                f"output location {self._root} exists but is not a folder; "
                "choose another output location"
            ) from exc
        except OSError as exc:
            raise StoreAccessError(
                f"cannot write to output folder {self._root}: {exc.strerror or exc}; check the "
                "folder's owner and permissions, or choose another output location"
            ) from exc

    # -- internals ---------------------------------------------------------------------------

    def _object_path(self, key: str) -> Path:
        return self._root / validate_key(key)

    def _sidecar_path(self, key: str) -> Path:
        return self._root / _META_DIR / f"{key}.json"

    def _put(
        self,
        key: str,
        chunks: Iterable[bytes],
        content_type: str,
        metadata: dict[str, str],
    ) -> ObjectInfo:
        target = self._object_path(key)
        with _translate(self._root, key, conflict=True):
            written, identity = self._write_atomic(target, chunks)
            sidecar = {
                "version": _SIDECAR_VERSION,
                "size": written.size,
                "sha256": written.sha256,
                "md5": written.md5,
                "content_type": content_type,
                "metadata": metadata,
                "ino": identity.ino,
                "mtime_ns": identity.mtime_ns,
            }
            encoded = json.dumps(sidecar, ensure_ascii=False, sort_keys=True).encode("utf-8")
            self._write_atomic(self._sidecar_path(key), (encoded,))
        return ObjectInfo(
            key,
            written.size,
            written.md5,
            {**metadata, SHA256_METADATA: written.sha256, CONTENT_TYPE_METADATA: content_type},
        )

    def _write_atomic(self, target: Path, chunks: Iterable[bytes]) -> tuple[_Written, _Identity]:
        """Write ``chunks`` to a hidden temporary file, verify it, then rename it to ``target``.

        The identity is taken from the temporary file before the rename (a rename keeps inode
        and mtime), so a concurrent writer's file is never mistaken for this one.
        """
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(8)}.tmp")
        try:
            sha256, md5, size = hashlib.sha256(), hashlib.md5(usedforsecurity=False), 0
            with temporary.open("xb") as out:
                for chunk in chunks:
                    out.write(chunk)
                    sha256.update(chunk)
                    md5.update(chunk)
                    size += len(chunk)
                out.flush()
                if self._durable:
                    os.fsync(out.fileno())
                identity = _Identity.of(os.fstat(out.fileno()))
            expected = _Written(size, sha256.hexdigest(), md5.hexdigest())
            actual = _hash_file(temporary)
            if actual != expected:
                raise StorageUnavailableError(
                    f"write to {target} did not verify: wrote {actual.size} bytes with sha256 "
                    f"{actual.sha256}, expected {expected.size} bytes with sha256 "
                    f"{expected.sha256}"
                )
            temporary.replace(target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        if self._durable:
            _fsync_dir(target.parent)
        return expected, identity

    def _read_sidecar(self, key: str, st: os.stat_result) -> dict[str, Any] | None:
        """Return the sidecar of ``key`` when it describes the file ``st``; else None."""
        try:
            sidecar = json.loads(self._sidecar_path(key).read_bytes())
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            return None
        except ValueError:  # a torn or hand-edited sidecar: fall back to the content itself
            return None
        if (
            not isinstance(sidecar, dict)
            or sidecar.get("version") != _SIDECAR_VERSION
            or sidecar.get("size") != st.st_size
            or sidecar.get("ino") != st.st_ino
            or sidecar.get("mtime_ns") != st.st_mtime_ns
        ):
            return None
        return sidecar

    def _walk(self, folder: Path, relative: str, prefix: str) -> Iterator[ObjectInfo]:
        """Yield the objects under ``folder`` (whose key prefix is ``relative``) in key order."""
        try:
            with os.scandir(folder) as scan:
                entries = [entry for entry in scan if not entry.name.startswith(".")]
        except (FileNotFoundError, NotADirectoryError):
            return  # nothing stored under this prefix
        except OSError as exc:
            raise _os_error(self._root, relative or ".", exc) from exc
        # A folder sorts as "name/" so that the walk yields keys in plain string order, like
        # an S3 listing ("a.txt" before "a/b.txt").
        decorated = []
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            decorated.append((entry.name + "/" if is_dir else entry.name, is_dir, entry))
        decorated.sort(key=lambda item: item[0])
        for name, is_dir, entry in decorated:
            key = relative + name
            if is_dir:
                if key.startswith(prefix) or prefix.startswith(key):
                    yield from self._walk(Path(entry.path), key, prefix)
                continue
            if not key.startswith(prefix):
                continue
            info = self._list_entry(key, Path(entry.path))
            if info is not None:
                yield info

    def _list_entry(self, key: str, path: Path) -> ObjectInfo | None:
        try:
            validate_key(key)
        except ValueError:
            return None  # a file someone put there by hand, under a name no key can have
        with _translate(self._root, key):
            st = _regular_file_stat(path)
            if st is None:
                return None
            sidecar = self._read_sidecar(key, st)
            etag = sidecar["md5"] if sidecar is not None else _hash_file(path).md5
        return ObjectInfo(key, st.st_size, etag)


def _regular_file_stat(path: Path) -> os.stat_result | None:
    """Return the stat of ``path`` when it is a regular file (links followed), else None."""
    try:
        st = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    return st if S_ISREG(st.st_mode) else None


def _hash_file(path: Path) -> _Written:
    sha256, md5, size = hashlib.sha256(), hashlib.md5(usedforsecurity=False), 0
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            sha256.update(chunk)
            md5.update(chunk)
            size += len(chunk)
    return _Written(size, sha256.hexdigest(), md5.hexdigest())


def _fsync_dir(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _os_error(root: Path, key: str, exc: OSError) -> Exception:
    """Translate an ``OSError`` met under ``root`` into the pipeline's error classes."""
    reason = exc.strerror or str(exc)
    if isinstance(exc, PermissionError) or exc.errno == errno.EROFS:
        return StoreAccessError(
            f"local store {root} refused access to {key!r}: {reason}; check the folder's owner "
            "and permissions, or choose another output location"
        )
    return StorageUnavailableError(f"local store {root} failed on {key!r}: {reason}")


@contextlib.contextmanager
def _translate(
    root: Path,
    key: str,
    *,
    missing: type[KeyError] | None = None,
    conflict: bool = False,
) -> Iterator[None]:
    """Translate ``OSError`` at the store boundary.

    Args:
        root: The store's root, named in messages.
        key: The key being handled, named in messages.
        missing: Raise this (``KeyError``) when the object does not exist.
        conflict: A write: a file in the way of a folder (or the reverse) is a ``ValueError``.
    """
    try:
        yield
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, FileExistsError) as exc:
        if conflict:
            raise ValueError(
                f"key {key!r} clashes with an existing object or folder in local store {root} "
                "(a local store cannot hold both 'a' and 'a/b')"
            ) from exc
        if missing is not None:
            raise missing(key) from exc
        raise _os_error(root, key, exc) from exc
    except OSError as exc:
        raise _os_error(root, key, exc) from exc
