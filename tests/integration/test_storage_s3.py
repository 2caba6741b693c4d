"""S3Store and S3 sources against a real S3 server (SeaweedFS, see conftest.py)."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import socket
import time
import traceback

import pytest
from minio import Minio
from urllib3 import HTTPHeaderDict

from processors.errors import (
    ConfigError,
    StorageUnavailableError,
    StoreAccessError,
    TooLargeError,
)
from storage import Store, open_store
from storage.s3 import MiB, S3Config, S3Store
from storage.sources import SourceFile, iter_sources, read_source

pytestmark = pytest.mark.integration

SHA = "ab" * 32


def multipart_etag(data: bytes, part_size: int) -> str:
    parts = [hashlib.md5(data[i : i + part_size]).digest() for i in range(0, len(data), part_size)]
    return f"{hashlib.md5(b''.join(parts)).hexdigest()}-{len(parts)}"


def all_text(exc: BaseException) -> str:
    """Everything a log would show of ``exc``: messages and reprs of the whole chain."""
    return "".join(traceback.format_exception(exc)) + repr(exc)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def store(s3_bucket) -> S3Store:
    store = S3Store(s3_bucket.config)
    store.check()
    return store


class TestRoundTrip:
    def test_bytes_with_content_type_and_metadata(self, store):
        info = store.put_bytes(
            "records/a.json",
            b'{"x": 1}',
            content_type="application/json",
            metadata={"Source-Name": "Überweisung 100% final.pdf", "pages": "3"},
        )
        assert info.key == "records/a.json"
        assert info.size == 8
        assert info.etag == hashlib.md5(b'{"x": 1}').hexdigest()
        assert store.get_bytes("records/a.json") == b'{"x": 1}'

        stat = store.stat("records/a.json")
        assert stat is not None
        assert stat.size == 8
        assert stat.etag == info.etag
        assert stat.metadata["source-name"] == "Überweisung 100% final.pdf"
        assert stat.metadata["pages"] == "3"
        assert stat.metadata["content-type"] == "application/json"
        assert stat.metadata["sha256"] == hashlib.sha256(b'{"x": 1}').hexdigest()

    def test_metadata_with_edge_spaces_round_trips(self, store):
        store.put_bytes("a", b"x", metadata={"note": "  padded  "})
        assert store.stat("a").metadata["note"] == "  padded  "

    def test_file(self, store, tmp_path):
        path = tmp_path / "scan.tif"
        path.write_bytes(b"II*\x00" + os.urandom(1000))
        info = store.put_file("originals/x.tif", str(path), content_type="image/tiff")
        assert store.get_bytes("originals/x.tif") == path.read_bytes()
        assert info.metadata["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert store.stat("originals/x.tif").metadata["content-type"] == "image/tiff"

    def test_empty_object(self, store):
        info = store.put_bytes("empty", b"")
        assert info.etag == hashlib.md5(b"").hexdigest()
        assert store.get_bytes("empty") == b""

    def test_open_stream(self, store):
        data = os.urandom(300_000)
        store.put_bytes("blob", data)
        with store.open_stream("blob") as stream:
            assert stream.read(10) == data[:10]
            assert stream.read() == data[10:]

    def test_is_a_store_and_url_has_no_credentials(self, store, s3_bucket, s3_server):
        assert isinstance(store, Store)
        assert store.url == f"s3://{s3_bucket.name}"
        assert s3_server.secret_key not in repr(store.config)
        assert s3_server.secret_key not in repr(store)

    def test_prefix_isolates_stores(self, s3_bucket):
        one = S3Store(dataclasses.replace(s3_bucket.config, prefix="runs/one"))
        two = S3Store(dataclasses.replace(s3_bucket.config, prefix="/runs/two/"))
        one.check()
        one.put_bytes("k", b"1")
        two.put_bytes("k", b"2")
        assert one.url == f"s3://{s3_bucket.name}/runs/one"
        assert (one.get_bytes("k"), two.get_bytes("k")) == (b"1", b"2")
        assert [o.key for o in one.list()] == ["k"]

    def test_open_store_builds_s3_store(self, s3_bucket, s3_server):
        store = open_store(f"s3://{s3_bucket.name}/out", s3=s3_server.config("placeholder"))
        store.check()
        store.put_bytes("x", b"y")
        assert store.url == f"s3://{s3_bucket.name}/out"
        assert store.get_bytes("x") == b"y"


class TestMultipart:
    def test_file_over_part_size_is_multipart_and_verified(self, store, tmp_path):
        data = os.urandom(11 * MiB + 123)  # 3 parts of 5 MiB
        path = tmp_path / "big.pdf"
        path.write_bytes(data)
        info = store.put_file("pdf/big.pdf", path, content_type="application/pdf")
        assert info.etag == multipart_etag(data, 5 * MiB)
        assert info.etag.endswith("-3")
        stat = store.stat("pdf/big.pdf")
        assert stat.size == len(data)
        assert stat.etag == info.etag
        assert stat.metadata["sha256"] == hashlib.sha256(data).hexdigest()
        assert store.get_bytes("pdf/big.pdf") == data

    def test_exact_part_size_is_single_part(self, store):
        data = os.urandom(5 * MiB)
        assert store.put_bytes("exact", data).etag == hashlib.md5(data).hexdigest()

    def test_bytes_over_part_size(self, store):
        data = os.urandom(10 * MiB)  # exactly two parts
        info = store.put_bytes("two", data)
        assert info.etag == multipart_etag(data, 5 * MiB)
        assert info.etag.endswith("-2")


class TestListing:
    def test_lists_prefix_in_key_order(self, store):
        # Not "a.json" beside "a/x.json": SeaweedFS lists a folder before a sibling file that
        # sorts first (S3 itself lists in plain key order).
        for key in ["records/b.json", "records/a.json", "text/a.txt", "records/c/x.json"]:
            store.put_bytes(key, key.encode())
        listed = list(store.list("records/"))
        assert [o.key for o in listed] == ["records/a.json", "records/b.json", "records/c/x.json"]
        assert listed[0].size == len(b"records/a.json")
        assert listed[0].etag == hashlib.md5(b"records/a.json").hexdigest()
        assert [o.key for o in store.list("rec")] == [o.key for o in listed]
        assert len(list(store.list())) == 4
        assert list(store.list("nothing/")) == []

    def test_delete(self, store):
        store.put_bytes("failed/x.json", b"{}")
        store.delete("failed/x.json")
        assert store.stat("failed/x.json") is None
        store.delete("failed/x.json")  # deleting what is gone is fine


class TestMissing:
    def test_stat_is_none(self, store):
        assert store.stat("records/none.json") is None

    def test_get_bytes_raises_key_error(self, store):
        with pytest.raises(KeyError):
            store.get_bytes("records/none.json")

    def test_open_stream_raises_key_error(self, store):
        with pytest.raises(KeyError):
            store.open_stream("records/none.json")


class TestIdempotence:
    def test_same_content_same_etag(self, store):
        first = store.put_bytes(f"records/{SHA}.json", b"same")
        second = store.put_bytes(f"records/{SHA}.json", b"same")
        assert first.etag == second.etag == store.stat(f"records/{SHA}.json").etag
        assert [o.key for o in store.list()] == [f"records/{SHA}.json"]

    def test_other_content_other_etag(self, store):
        first = store.put_bytes("k", b"one")
        assert store.put_bytes("k", b"two").etag != first.etag
        assert store.get_bytes("k") == b"two"


class _KmsLikeMinio(Minio):
    """A real client whose uploads answer like SSE-KMS: encrypted, with a non-MD5 ETag."""

    def put_object(self, *args, **kwargs):
        result = super().put_object(*args, **kwargs)
        headers = HTTPHeaderDict(result.http_headers)
        headers["x-amz-server-side-encryption"] = "aws:kms"
        return dataclasses.replace(result, etag="0" * 32, http_headers=headers)


class _EtagLyingMinio(Minio):
    """A real client whose uploads answer a wrong ETag for a plain (unencrypted) object."""

    def put_object(self, *args, **kwargs):
        return dataclasses.replace(super().put_object(*args, **kwargs), etag="0" * 32)


class _CorruptingMinio(Minio):
    """A real client that uploads other bytes than it is given (a corrupting path)."""

    def put_object(self, bucket_name, object_name, data, length, **kwargs):
        content = bytearray(data.read(length))
        content[0] ^= 0xFF
        return super().put_object(bucket_name, object_name, io.BytesIO(content), length, **kwargs)


def client_of(cls: type[Minio], config: S3Config) -> Minio:
    return cls(
        config.endpoint,
        access_key=config.access_key,
        secret_key=config.secret_key.get_secret_value(),
        secure=config.secure,
        region=config.region,
    )


class TestVerification:
    def test_encrypted_object_falls_back_to_size_and_sha256(self, s3_bucket, store):
        kms = S3Store(s3_bucket.config, client=client_of(_KmsLikeMinio, s3_bucket.config))
        info = kms.put_bytes("k", b"payload")
        assert info.size == 7
        assert store.get_bytes("k") == b"payload"

    def test_wrong_etag_on_plain_object_is_refused(self, s3_bucket, store):
        lying = S3Store(s3_bucket.config, client=client_of(_EtagLyingMinio, s3_bucket.config))
        with pytest.raises(StorageUnavailableError, match="did not verify"):
            lying.put_bytes("k", b"payload")
        assert store.stat("k") is None

    def test_corrupted_upload_is_refused_and_removed(self, s3_bucket, store):
        corrupting = S3Store(s3_bucket.config, client=client_of(_CorruptingMinio, s3_bucket.config))
        with pytest.raises(StorageUnavailableError, match="did not verify"):
            corrupting.put_bytes("k", b"payload")
        assert store.stat("k") is None


class TestCredentials:
    def test_wrong_secret(self, s3_bucket, s3_server):
        secret = "Wrong-Secret-Value-123"
        store = S3Store(dataclasses.replace(s3_bucket.config, secret_key=secret))
        with pytest.raises(StoreAccessError) as caught:
            store.check()
        text = all_text(caught.value)
        assert "DIGITIZE_S3_SECRET_KEY" in str(caught.value)
        assert "DIGITIZE_S3_ENDPOINT" in str(caught.value)
        assert secret not in text
        assert s3_server.secret_key not in text

    def test_wrong_secret_on_write(self, s3_bucket, store):
        bad = S3Store(dataclasses.replace(s3_bucket.config, secret_key="nope-nope"))
        with pytest.raises(StoreAccessError) as caught:
            bad.put_bytes("k", b"x")
        assert "nope-nope" not in all_text(caught.value)

    def test_unknown_access_key(self, s3_bucket):
        store = S3Store(dataclasses.replace(s3_bucket.config, access_key="nobody"))
        with pytest.raises(StoreAccessError, match="access key 'nobody'") as caught:
            store.check()
        assert "DIGITIZE_S3_ACCESS_KEY" in str(caught.value)

    def test_secret_is_masked_in_config(self, s3_server):
        config = s3_server.config("some-bucket")
        assert s3_server.secret_key not in repr(config)
        assert s3_server.secret_key not in str(dataclasses.asdict(config))


class TestBucket:
    def test_missing_bucket_is_created(self, s3_bucket, s3_server):
        S3Store(s3_bucket.config).check()
        assert s3_server.client().bucket_exists(s3_bucket.name)
        S3Store(s3_bucket.config).check()  # and a second check is fine

    def test_missing_bucket_without_create(self, s3_bucket, s3_server):
        config = dataclasses.replace(s3_bucket.config, create_bucket=False)
        with pytest.raises(StoreAccessError, match=f"bucket '{s3_bucket.name}' does not exist"):
            S3Store(config).check()
        assert not s3_server.client().bucket_exists(s3_bucket.name)

    def test_write_to_missing_bucket(self, s3_bucket):
        with pytest.raises(StoreAccessError, match="does not exist"):
            S3Store(s3_bucket.config).put_bytes("k", b"x")

    def test_invalid_bucket_name(self, s3_server):
        with pytest.raises(ConfigError, match="bucket name"):
            s3_server.config("Not_A_Bucket")


class TestServerDown:
    def test_nothing_listening_fails_fast(self, s3_bucket):
        config = dataclasses.replace(s3_bucket.config, endpoint=f"127.0.0.1:{closed_port()}")
        store = S3Store(config)
        started = time.monotonic()
        with pytest.raises(StorageUnavailableError) as caught:
            store.put_bytes("k", b"x")
        assert time.monotonic() - started < 3
        assert caught.value.retryable
        with pytest.raises(StorageUnavailableError):
            store.get_bytes("k")
        with pytest.raises(StoreAccessError, match="DIGITIZE_S3_ENDPOINT"):
            store.check()

    def test_unroutable_endpoint_times_out_fast(self, s3_bucket):
        # 192.0.2.0/24 is TEST-NET-1: never routed, so the connection attempt hangs.
        config = dataclasses.replace(
            s3_bucket.config, endpoint="192.0.2.1:9000", connect_timeout=0.5
        )
        started = time.monotonic()
        with pytest.raises(StorageUnavailableError):
            S3Store(config).stat("k")
        assert time.monotonic() - started < 3

    def test_server_stopped_mid_batch_then_back(self, s3_server, s3_bucket, store):
        store.put_bytes("before", b"kept")
        s3_server.stop()
        try:
            started = time.monotonic()
            with pytest.raises(StorageUnavailableError):
                store.put_bytes("during", b"lost")
            with pytest.raises(StorageUnavailableError):
                list(store.list())
            assert time.monotonic() - started < 3
        finally:
            s3_server.start()
        assert store.get_bytes("before") == b"kept"
        assert store.stat("during") is None
        store.put_bytes("after", b"ok")  # the same store object works again


class TestHostileKeys:
    @pytest.mark.parametrize("key", ["/abs", "../up", "a/../b", "a//b", "a\\b", "a\x00b", ""])
    def test_rejected_before_any_request(self, key):
        config = S3Config("127.0.0.1:1", "k", "s", bucket="never-contacted", secure=False)
        store = S3Store(config)
        with pytest.raises(ValueError):
            store.put_bytes(key, b"x")
        with pytest.raises(ValueError):
            store.stat(key)


class TestS3Sources:
    @pytest.fixture
    def scans(self, store, s3_bucket, s3_server):
        client = s3_server.client()  # the store itself refuses dot names
        for key in [
            "inbox/2024/b.tif",
            "inbox/2024/a.pdf",
            "inbox/2024/.partial",
            "inbox/.hidden/x.tif",
            "inbox/a.png",
            "elsewhere/z.tif",
        ]:
            client.put_object(s3_bucket.name, key, io.BytesIO(key.encode()), len(key))
        client.put_object(s3_bucket.name, "inbox/folder-marker/", io.BytesIO(b""), 0)
        return s3_bucket.name

    def factory(self, s3_server):
        return lambda bucket: s3_server.config(bucket)

    def test_lists_prefix_streamed_sorted_without_hidden(self, scans, s3_server):
        found = list(
            iter_sources([f"s3://{scans}/inbox/"], s3_config_factory=self.factory(s3_server))
        )
        assert [f.name for f in found] == ["inbox/2024/a.pdf", "inbox/2024/b.tif", "inbox/a.png"]
        assert found[0] == SourceFile(
            "inbox/2024/a.pdf", len(b"inbox/2024/a.pdf"), f"s3://{scans}/inbox/2024/a.pdf"
        )

    def test_prefix_without_slash_is_a_folder_or_an_object(self, scans, s3_server):
        factory = self.factory(s3_server)
        folder = list(iter_sources([f"s3://{scans}/inbox/2024"], s3_config_factory=factory))
        assert [f.name for f in folder] == ["inbox/2024/a.pdf", "inbox/2024/b.tif"]
        single = list(iter_sources([f"s3://{scans}/inbox/a.png"], s3_config_factory=factory))
        assert [f.name for f in single] == ["inbox/a.png"]

    def test_read_source(self, scans, s3_server):
        factory = self.factory(s3_server)
        locator = f"s3://{scans}/inbox/a.png"
        assert read_source(locator, s3_config_factory=factory, max_bytes=100) == b"inbox/a.png"
        with pytest.raises(TooLargeError, match="limit"):
            read_source(locator, s3_config_factory=factory, max_bytes=5)
        with pytest.raises(FileNotFoundError):
            read_source(f"s3://{scans}/inbox/none", s3_config_factory=factory, max_bytes=5)

    def test_missing_bucket(self, s3_server):
        with pytest.raises(StoreAccessError, match="does not exist"):
            list(
                iter_sources(
                    ["s3://no-such-bucket-here/x/"], s3_config_factory=self.factory(s3_server)
                )
            )

    def test_s3_without_config(self):
        with pytest.raises(ConfigError, match="DIGITIZE_S3_ENDPOINT"):
            list(iter_sources(["s3://bucket/x/"]))
