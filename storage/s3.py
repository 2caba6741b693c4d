"""A ``Store`` on any S3 server (MinIO in production, SeaweedFS in the tests), via ``minio``.

Uploads are verified. Before an upload the content is hashed once locally: its sha256 (sent as
``x-amz-meta-sha256``) and the ETag an S3 server computes for it, which is the hex MD5 of the
content for a single PUT and ``md5(part MD5s concatenated)-N`` for an N-part multipart upload
(parts are ``S3Config.part_size`` bytes, uploaded one at a time so memory stays at one part).
The ETag the server returns must equal that value. Only when the server says the object is
encrypted (an ``x-amz-server-side-encryption*`` response header: SSE-C and SSE-KMS ETags are
not MD5s) is a different ETag accepted, and then only after a stat shows the expected size and
``x-amz-meta-sha256``; the bytes themselves then rest on the transport (the payload sha256 is
signed over HTTP, TLS protects it over HTTPS). An upload that does not verify is deleted and
``StorageUnavailableError`` raised, so a retry uploads it again.

The client fails fast: urllib3 is given short timeouts and no retries of its own, because the
Prefect tasks above retry with backoff. Exceptions are translated at this boundary (see
``translate_errors``); messages name the settings to check and never contain the secret key.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import math
import re
import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, cast
from urllib.parse import quote, unquote

import certifi
import urllib3
from minio import Minio
from minio.error import InvalidResponseError, S3Error, ServerError
from pydantic import SecretStr

from processors.errors import ConfigError, StorageUnavailableError, StoreAccessError
from storage.base import ObjectInfo
from storage.keys import (
    CONTENT_TYPE_METADATA,
    MAX_METADATA_BYTES,
    SHA256_METADATA,
    normalize_metadata,
    validate_key,
    validate_prefix,
)

MiB = 1024 * 1024
MIN_PART_SIZE = 5 * MiB
"""The smallest multipart part S3 accepts (every part but the last)."""
MAX_PART_SIZE = 5 * 1024 * MiB
MAX_PARTS = 10_000

CREDENTIAL_SETTINGS = "DIGITIZE_S3_ACCESS_KEY and DIGITIZE_S3_SECRET_KEY"
ENDPOINT_SETTING = "DIGITIZE_S3_ENDPOINT"

_BUCKET_NAME = re.compile(r"(?=.{3,63}$)[a-z0-9][a-z0-9.-]*[a-z0-9]")
_ENDPOINT = re.compile(r"[A-Za-z0-9.-]+(:[0-9]{1,5})?|\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?")
_META_HEADER = "x-amz-meta-"
# Printable ASCII that may stand in an HTTP header value as is; "%" is the escape character.
_SAFE_IN_HEADER = "".join(sorted(set(string.punctuation + " ") - {"%"}))
_EDGE_SPACES = re.compile(r"^ +| +$")  # HTTP strips them: they are percent-encoded too

_ENCRYPTION_HEADERS = (
    "x-amz-server-side-encryption",
    "x-amz-server-side-encryption-customer-algorithm",
)
_CREDENTIAL_CODES = frozenset(
    {
        "InvalidAccessKeyId",
        "SignatureDoesNotMatch",
        "InvalidToken",
        "ExpiredToken",
        "TokenRefreshRequired",
        "InvalidSecurity",
        "AccountProblem",
        "NotSignedUp",
    }
)
_PERMISSION_CODES = frozenset({"AccessDenied", "AllAccessDisabled"})
_REGION_CODES = frozenset(
    {"AuthorizationHeaderMalformed", "PermanentRedirect", "Redirect", "IllegalLocationConstraint"}
)


@dataclass(frozen=True, slots=True)
class S3Config:
    """Where and how to reach one S3 bucket prefix. Built by the settings layer, not read here.

    Attributes:
        endpoint: ``host:port`` of the server, without ``http://``.
        access_key: The access key id (shown in error messages; it is not a secret).
        secret_key: The secret key; a ``SecretStr`` (a plain ``str`` is converted) so that it
            stays masked in ``repr``, logs and serialized task parameters.
        bucket: The bucket; may be empty only for a config used as a template.
        prefix: Key prefix inside the bucket (no leading or trailing ``/``).
        secure: Use HTTPS.
        region: The bucket's region; None lets the client ask the server once per bucket.
        create_bucket: ``check()`` creates a missing bucket instead of failing.
        part_size: Multipart part size in bytes (5 MiB to 5 GiB); larger files go multipart.
        connect_timeout: Seconds to wait for a TCP (and TLS) connection.
        read_timeout: Seconds to wait for any single read from the server.
        ca_file: PEM bundle of trusted certificate authorities; None uses certifi's.
    """

    endpoint: str
    access_key: str
    secret_key: SecretStr = field(repr=False)
    bucket: str = ""
    prefix: str = ""
    secure: bool = True
    region: str | None = None
    create_bucket: bool = True
    part_size: int = 16 * MiB
    connect_timeout: float = 5.0
    read_timeout: float = 60.0
    ca_file: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.secret_key, str):
            object.__setattr__(self, "secret_key", SecretStr(self.secret_key))
        if "://" in self.endpoint or not _ENDPOINT.fullmatch(self.endpoint):
            raise ConfigError(
                f"S3 endpoint must be host[:port] without http:// or https://, got "
                f"{self.endpoint!r}; fix {ENDPOINT_SETTING} (TLS is chosen by the secure setting)"
            )
        if self.bucket and not _BUCKET_NAME.fullmatch(self.bucket):
            raise ConfigError(
                f"{self.bucket!r} is not a valid S3 bucket name: 3-63 lower-case letters, "
                "digits, dots or hyphens, starting and ending with a letter or digit"
            )
        prefix = self.prefix.strip("/")
        try:
            validate_prefix(prefix)
        except ValueError as exc:
            raise ConfigError(f"invalid S3 key prefix {self.prefix!r}: {exc}") from exc
        object.__setattr__(self, "prefix", prefix)
        if not MIN_PART_SIZE <= self.part_size <= MAX_PART_SIZE:
            raise ConfigError(
                f"S3 part size must be between 5 MiB and 5 GiB, got {self.part_size} bytes"
            )
        if bool(self.access_key) != bool(self.secret_key.get_secret_value()):
            raise ConfigError(
                f"give both S3 keys or neither (anonymous access): set {CREDENTIAL_SETTINGS}"
            )
        if self.connect_timeout <= 0 or self.read_timeout <= 0:
            raise ConfigError("S3 timeouts must be positive numbers of seconds")

    def at(self, bucket: str, prefix: str = "") -> S3Config:
        """Return this config pointed at another bucket and prefix (same server, same keys)."""
        return dataclasses.replace(self, bucket=bucket, prefix=prefix)

    @property
    def url(self) -> str:
        """``s3://bucket/prefix``, safe to print."""
        return f"s3://{self.bucket}/{self.prefix}".rstrip("/")


def make_client(config: S3Config) -> Minio:
    """Return a ``Minio`` client that fails in seconds and never retries on its own."""
    http = urllib3.PoolManager(
        timeout=urllib3.Timeout(connect=config.connect_timeout, read=config.read_timeout),
        retries=False,
        maxsize=10,
        cert_reqs="CERT_REQUIRED",
        ca_certs=config.ca_file or certifi.where(),
    )
    return Minio(
        config.endpoint,
        access_key=config.access_key or None,
        secret_key=config.secret_key.get_secret_value() or None,
        secure=config.secure,
        region=config.region,
        http_client=http,
    )


@contextlib.contextmanager
def translate_errors(
    config: S3Config, operation: str, key: str | None = None, *, missing: str | None = None
) -> Iterator[None]:
    """Translate ``minio`` and ``urllib3`` exceptions into ``processors.errors`` classes.

    Args:
        config: The config in use; endpoint, bucket and access key id appear in messages.
        operation: What was being done, in words ("read", "upload", ...).
        key: The object name concerned, if any.
        missing: Raise ``KeyError(missing)`` for ``NoSuchKey`` (without it, a missing object
            is an unexpected ``StorageUnavailableError``).
    """
    try:
        yield
    except S3Error as exc:
        if missing is not None and exc.code == "NoSuchKey":
            raise KeyError(missing) from exc
        raise _s3_error(config, operation, key, exc) from exc
    except ServerError as exc:
        raise StorageUnavailableError(
            f"S3 at {config.endpoint} failed to {operation} {_what(config, key)}: "
            f"HTTP {exc.status_code}"
        ) from exc
    except InvalidResponseError as exc:
        raise StorageUnavailableError(
            f"S3 at {config.endpoint} gave a response that is not S3's to {operation} "
            f"{_what(config, key)}: {exc}; check that {ENDPOINT_SETTING} points at the S3 API"
        ) from exc
    except urllib3.exceptions.HTTPError as exc:
        reason = exc.reason if isinstance(exc, urllib3.exceptions.MaxRetryError) else exc
        if isinstance(reason, urllib3.exceptions.SSLError):
            raise StoreAccessError(
                f"TLS with S3 at {config.endpoint} failed: {reason}; check {ENDPOINT_SETTING}, "
                "whether the server speaks HTTPS (the secure setting) and the CA bundle"
            ) from exc
        raise StorageUnavailableError(
            f"S3 at {config.endpoint} did not answer while trying to {operation} "
            f"{_what(config, key)}: {_short(reason)}"
        ) from exc


class S3Store:
    """Objects under one prefix of one S3 bucket."""

    def __init__(self, config: S3Config, *, client: Minio | None = None) -> None:
        """Use ``config`` (bucket required); ``client`` replaces the one ``make_client`` builds."""
        if not config.bucket:
            raise ConfigError("an S3 store needs a bucket: use s3://bucket/prefix")
        self._config = config
        self._client = client or make_client(config)
        self._base = f"{config.prefix}/" if config.prefix else ""

    def __repr__(self) -> str:
        return f"S3Store({self.url!r} at {self._config.endpoint})"

    @property
    def config(self) -> S3Config:
        """The configuration this store was built from."""
        return self._config

    @property
    def url(self) -> str:
        """``s3://bucket/prefix``; never carries credentials."""
        return self._config.url

    def put_bytes(
        self,
        key: str,
        data: bytes,
        *,
        content_type: str = "application/octet-stream",
        metadata: Mapping[str, str] | None = None,
    ) -> ObjectInfo:
        """Upload ``data`` under ``key`` (multipart above the part size) and verify it."""
        validate_key(key)
        meta = normalize_metadata(metadata)
        part_size = self._part_size(len(data))
        digest = _digest(io.BytesIO(data), part_size)
        return self._upload(key, io.BytesIO(data), digest, part_size, content_type, meta)

    def put_file(
        self,
        key: str,
        path: str | Path,
        *,
        content_type: str = "application/octet-stream",
        metadata: Mapping[str, str] | None = None,
    ) -> ObjectInfo:
        """Upload the file at ``path`` in parts of ``part_size`` and verify it.

        The file is read twice (hashing, then upload) from one open handle; a file that
        changes in between fails verification rather than storing a mix.
        """
        validate_key(key)
        meta = normalize_metadata(metadata)
        with Path(path).open("rb") as source:  # a missing source raises FileNotFoundError as is
            size = source.seek(0, io.SEEK_END)
            source.seek(0)
            part_size = self._part_size(size)
            digest = _digest(source, part_size)
            source.seek(0)
            return self._upload(key, source, digest, part_size, content_type, meta)

    def get_bytes(self, key: str) -> bytes:
        """Return the whole object; ``KeyError`` when it does not exist."""
        name = self._name(key)
        with translate_errors(self._config, "read", name, missing=key):
            response = self._client.get_object(self._config.bucket, name)
            try:
                return response.read()
            finally:
                response.close()
                response.release_conn()

    def open_stream(self, key: str) -> BinaryIO:
        """Return a buffered stream of the object (errors translated); the caller closes it."""
        name = self._name(key)
        with translate_errors(self._config, "read", name, missing=key):
            response = self._client.get_object(self._config.bucket, name)
        raw = _ResponseStream(response, self._config, name)
        return cast(BinaryIO, io.BufferedReader(raw, buffer_size=256 * 1024))

    def stat(self, key: str) -> ObjectInfo | None:
        """Return the object's info with its metadata, or None when it does not exist."""
        name = self._name(key)
        with translate_errors(self._config, "stat", name):
            try:
                found = self._client.stat_object(self._config.bucket, name)
            except S3Error as exc:
                if exc.code in {"NoSuchKey", "NoSuchObject"}:
                    return None
                raise
        metadata = _read_metadata(found.metadata or {})
        metadata[CONTENT_TYPE_METADATA] = found.content_type or "application/octet-stream"
        return ObjectInfo(key, found.size or 0, found.etag or "", metadata)

    def list(self, prefix: str = "") -> Iterator[ObjectInfo]:
        """Yield the objects whose key starts with ``prefix`` in key order (no metadata).

        The order is the server's: S3 and MinIO list in plain key order, SeaweedFS lists a
        folder's keys before a sibling that sorts first (``a/x`` before ``a.json``). Names
        under the prefix that no key can have (written by other tools) are skipped.
        """
        validate_prefix(prefix)
        with translate_errors(self._config, "list", self._base + prefix):
            objects = self._client.list_objects(
                self._config.bucket, prefix=self._base + prefix, recursive=True
            )
        while True:
            with translate_errors(self._config, "list", self._base + prefix):
                found = next(objects, None)
            if found is None:
                return
            key = (found.object_name or "")[len(self._base) :]
            if found.is_dir or not _is_key(key):
                continue
            yield ObjectInfo(key, found.size or 0, found.etag or "")

    def delete(self, key: str) -> None:
        """Remove the object; nothing happens when it does not exist."""
        name = self._name(key)
        with translate_errors(self._config, "delete", name):
            self._client.remove_object(self._config.bucket, name)

    def check(self) -> None:
        """Prove the server answers, accepts the credentials and has (or gets) the bucket.

        Raises ``StoreAccessError`` (a ``ConfigError``) for every failure, an unreachable
        server included, with the settings to check in the message. Permission to list the
        prefix is checked; permission to write shows at the first write.
        """
        config = self._config
        try:
            if not self._list_one():
                if not config.create_bucket:
                    raise StoreAccessError(
                        f"bucket {config.bucket!r} does not exist at {config.endpoint}; create "
                        "it, or allow the pipeline to create it"
                    )
                self._make_bucket()
        except StorageUnavailableError as exc:
            raise StoreAccessError(
                f"cannot use {self.url}: {exc}; check that {ENDPOINT_SETTING}="
                f"{config.endpoint} is right and the server is running"
            ) from exc

    # -- internals ---------------------------------------------------------------------------

    def _name(self, key: str) -> str:
        return self._base + validate_key(key)

    def _part_size(self, size: int) -> int:
        """The configured part size, grown (in MiB steps) when the file needs > 10,000 parts."""
        needed = math.ceil(math.ceil(size / MAX_PARTS) / MiB) * MiB
        return max(self._config.part_size, needed)

    def _list_one(self) -> bool:
        """List at most one key under the prefix; False when the bucket does not exist.

        A GET, unlike HEAD, carries an error body, so a refusal names its precise cause.
        """
        with translate_errors(self._config, "list", self._base or None):
            try:
                objects = self._client.list_objects(
                    self._config.bucket, prefix=self._base, extra_query_params={"max-keys": "1"}
                )
                next(iter(objects), None)
            except S3Error as exc:
                if exc.code == "NoSuchBucket":
                    return False
                raise
        return True

    def _make_bucket(self) -> None:
        config = self._config
        with translate_errors(config, "create"):
            try:
                self._client.make_bucket(config.bucket, location=config.region)
            except S3Error as exc:
                if exc.code != "BucketAlreadyOwnedByYou":  # created meanwhile by us: fine
                    raise

    def _upload(
        self,
        key: str,
        source: BinaryIO,
        digest: _Digest,
        part_size: int,
        content_type: str,
        metadata: dict[str, str],
    ) -> ObjectInfo:
        name = self._name(key)
        headers = _metadata_headers({**metadata, SHA256_METADATA: digest.sha256})
        with translate_errors(self._config, "upload", name):
            result = self._client.put_object(
                self._config.bucket,
                name,
                source,
                digest.size,
                content_type=content_type,
                metadata=headers,
                part_size=part_size,
                num_parallel_uploads=1,
            )
        etag = (result.etag or "").strip('"').lower()
        if etag != digest.etag:
            encrypted = any(result.http_headers.get(h) for h in _ENCRYPTION_HEADERS)
            self._verify_by_stat(key, name, digest, etag, encrypted=encrypted)
        info_metadata = {
            **metadata,
            SHA256_METADATA: digest.sha256,
            CONTENT_TYPE_METADATA: content_type,
        }
        return ObjectInfo(key, digest.size, etag, info_metadata)

    def _verify_by_stat(
        self, key: str, name: str, digest: _Digest, etag: str, *, encrypted: bool
    ) -> None:
        """Accept an encrypted object's non-MD5 ETag when size and sha256 metadata match.

        Anything else is deleted and raised as ``StorageUnavailableError``.
        """
        if encrypted:
            found = self.stat(key)
            if (
                found is not None
                and found.size == digest.size
                and found.metadata.get(SHA256_METADATA) == digest.sha256
            ):
                return
        error = StorageUnavailableError(
            f"upload of {self._config.bucket}/{name} did not verify: sent {digest.size} bytes "
            f"with ETag {digest.etag}, the server answered ETag {etag or '(none)'}"
        )
        try:
            self.delete(key)
        except StorageUnavailableError as cleanup:
            error.add_note(f"removing the unverified object failed too: {cleanup}")
        raise error


@dataclass(frozen=True, slots=True)
class _Digest:
    """Size, sha256 and the S3 ETag to expect, computed locally before an upload."""

    size: int
    sha256: str
    etag: str


def _digest(source: BinaryIO, part_size: int) -> _Digest:
    """Hash ``source`` in ``part_size`` parts: sha256 and the ETag an S3 server computes."""
    sha256 = hashlib.sha256()
    part_digests: list[bytes] = []
    size = 0
    while True:
        part = hashlib.md5(usedforsecurity=False)
        remaining = part_size
        while remaining and (chunk := source.read(min(remaining, MiB))):
            part.update(chunk)
            sha256.update(chunk)
            remaining -= len(chunk)
            size += len(chunk)
        if remaining == part_size and part_digests:
            break  # end of data on a part boundary
        part_digests.append(part.digest())
        if remaining:
            break  # a short part is the last one
    if len(part_digests) == 1:
        etag = part_digests[0].hex()
    else:
        joined = hashlib.md5(b"".join(part_digests), usedforsecurity=False).hexdigest()
        etag = f"{joined}-{len(part_digests)}"
    return _Digest(size, sha256.hexdigest(), etag)


def _metadata_headers(metadata: Mapping[str, str]) -> dict[str, str]:
    """Return ``x-amz-meta-*`` headers; values percent-encoded where HTTP cannot carry them.

    Printable ASCII stays readable; ``%``, other characters and leading or trailing spaces
    are percent-encoded (UTF-8), and ``_read_metadata`` decodes them.
    """
    headers = {}
    for name, value in metadata.items():
        encoded = quote(value, safe=_SAFE_IN_HEADER)
        encoded = _EDGE_SPACES.sub(lambda spaces: "%20" * len(spaces.group()), encoded)
        headers[_META_HEADER + name] = encoded
    size = sum(len(name) - len(_META_HEADER) + len(value) for name, value in headers.items())
    if size > MAX_METADATA_BYTES:
        raise ValueError(f"metadata takes {size} bytes encoded, over the {MAX_METADATA_BYTES}")
    return headers


def _read_metadata(headers: Mapping[str, str]) -> dict[str, str]:
    """Return the user metadata in response ``headers``: lower-case names, decoded values."""
    return {
        name[len(_META_HEADER) :].lower(): unquote(value)
        for name, value in headers.items()
        if name.lower().startswith(_META_HEADER)
    }


def _is_key(key: str) -> bool:
    try:
        validate_key(key)
    except ValueError:
        return False
    return True


def _what(config: S3Config, key: str | None) -> str:
    return f"{config.bucket}/{key}" if key else f"bucket {config.bucket!r}"


def _short(exc: BaseException) -> str:
    """A one-line reason for a connection failure, without urllib3's object reprs."""
    text = str(exc)
    marker = "Failed to establish a new connection: "
    if marker in text:
        return text.split(marker, 1)[1].rstrip(")'\"")
    return text


def _s3_error(config: S3Config, operation: str, key: str | None, exc: S3Error) -> Exception:
    """Map one S3 error code to the pipeline's error classes, with what to check."""
    code = exc.code or "unknown"
    where = f"S3 at {config.endpoint}"
    if code in _CREDENTIAL_CODES:
        return StoreAccessError(
            f"{where} rejected access key {config.access_key!r} ({code}); check "
            f"{CREDENTIAL_SETTINGS}, and that {ENDPOINT_SETTING} points at the intended server"
        )
    if code in _PERMISSION_CODES:  # also what a HEAD request with bad credentials gets
        return StoreAccessError(
            f"{where} denied access key {config.access_key!r} to {operation} "
            f"{_what(config, key)} ({code}); check {CREDENTIAL_SETTINGS} and that "
            f"{ENDPOINT_SETTING} points at the intended server, or grant this key read/write "
            f"on bucket {config.bucket!r}"
        )
    if code == "NoSuchBucket":
        return StoreAccessError(
            f"bucket {config.bucket!r} does not exist at {config.endpoint}; create it, or "
            "allow the pipeline to create it"
        )
    if code == "BucketAlreadyExists":
        return StoreAccessError(
            f"bucket name {config.bucket!r} is taken by another account at {config.endpoint}; "
            "choose another bucket"
        )
    if code in _REGION_CODES:
        return StoreAccessError(
            f"{where} says bucket {config.bucket!r} is elsewhere ({code}: {exc.message}); "
            f"check the region setting and {ENDPOINT_SETTING}"
        )
    if code == "RequestTimeTooSkewed":
        return StoreAccessError(
            f"{where} rejected the request because this machine's clock differs too much from "
            "the server's; synchronize the clock (NTP)"
        )
    return StorageUnavailableError(
        f"{where} failed to {operation} {_what(config, key)}: {code}: {exc.message}"
    )


class _ResponseStream(io.RawIOBase):
    """A raw stream over a ``minio`` GET response that translates errors while reading."""

    def __init__(self, response: urllib3.BaseHTTPResponse, config: S3Config, name: str) -> None:
        self._response = response
        self._config = config
        self._name = name

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        with translate_errors(self._config, "read", self._name):
            return self._response.readinto(buffer)

    def close(self) -> None:
        if not self.closed:
            self._response.close()
            self._response.release_conn()
        super().close()
