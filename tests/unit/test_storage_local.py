"""LocalStore, key rules, local sources and open_store: no server needed."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from processors.errors import (
    ConfigError,
    StorageUnavailableError,
    StoreAccessError,
    TooLargeError,
)
from storage import LocalStore, S3Config, S3Store, Store, open_store
from storage.keys import normalize_metadata, validate_key
from storage.sources import SourceFile, iter_sources, read_source

SHA = "cd" * 32
HOSTILE_KEYS = [
    "",
    "/etc/passwd",
    "../escape",
    "a/../../escape",
    "a/..",
    "./a",
    "a/./b",
    "a//b",
    "a/",
    "a\\..\\b",
    "a\x00b",
    "a\nb",
    "a\x7fb",
    ".hidden",
    "a/.meta/b",
    "x" * 1025,
]


@pytest.fixture
def store(tmp_path) -> LocalStore:
    store = LocalStore(tmp_path / "out")
    store.check()
    return store


def files_under(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


class TestRoundTrip:
    def test_bytes_with_metadata_and_content_type(self, store):
        info = store.put_bytes(
            f"records/{SHA}.json",
            b'{"a": 1}',
            content_type="application/json",
            metadata={"Source-Name": "Überweisung 100%.pdf"},
        )
        assert info.size == 8
        assert info.etag == hashlib.md5(b'{"a": 1}').hexdigest()
        assert store.get_bytes(f"records/{SHA}.json") == b'{"a": 1}'
        stat = store.stat(f"records/{SHA}.json")
        assert stat == info
        assert stat.metadata == {
            "source-name": "Überweisung 100%.pdf",
            "content-type": "application/json",
            "sha256": hashlib.sha256(b'{"a": 1}').hexdigest(),
        }

    def test_file_is_streamed_in(self, store, tmp_path):
        source = tmp_path / "scan.tif"
        source.write_bytes(os.urandom(3 * 1024 * 1024 + 5))
        info = store.put_file("originals/x.tif", str(source), content_type="image/tiff")
        assert store.get_bytes("originals/x.tif") == source.read_bytes()
        assert info.metadata["sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
        assert (store.root / "originals" / "x.tif").read_bytes() == source.read_bytes()

    def test_missing_source_file(self, store, tmp_path):
        with pytest.raises(FileNotFoundError):
            store.put_file("k", tmp_path / "nope")

    def test_open_stream(self, store):
        store.put_bytes("a/b", b"hello")
        with store.open_stream("a/b") as stream:
            assert stream.read() == b"hello"

    def test_url_and_protocol(self, store, tmp_path):
        assert isinstance(store, Store)
        assert store.url == (tmp_path / "out").as_uri()
        assert store.url.startswith("file:///")

    def test_empty_object(self, store):
        assert store.put_bytes("e", b"").size == 0
        assert store.get_bytes("e") == b""


class TestAtomicWrites:
    def test_nothing_but_objects_in_the_visible_tree(self, store):
        store.put_bytes("records/a.json", b"1")
        store.put_bytes("records/a.json", b"2")
        visible = [p for p in files_under(store.root) if not p.startswith(".meta")]
        assert visible == ["records/a.json"]

    def test_failed_write_leaves_previous_version_and_no_temp(self, store, monkeypatch):
        store.put_bytes("k", b"old")

        def chunks():
            yield b"partial"
            raise OSError(28, "No space left on device")

        with pytest.raises(StorageUnavailableError, match="No space left"):
            store._put("k", chunks(), "application/octet-stream", {})
        assert store.get_bytes("k") == b"old"
        assert files_under(store.root) == [".meta/k.json", "k"]

    def test_stale_sidecar_is_ignored(self, store):
        store.put_bytes("k", b"one", metadata={"x": "1"})
        (store.root / "k").write_bytes(b"changed by hand")  # a new inode or mtime
        stat = store.stat("k")
        assert stat.size == len(b"changed by hand")
        assert stat.etag == hashlib.md5(b"changed by hand").hexdigest()
        assert "x" not in stat.metadata
        assert [o.etag for o in store.list()] == [stat.etag]

    def test_torn_sidecar_is_ignored(self, store):
        store.put_bytes("k", b"one")
        (store.root / ".meta" / "k.json").write_text("{not json")
        assert store.stat("k").etag == hashlib.md5(b"one").hexdigest()

    def test_sidecar_records_identity(self, store):
        store.put_bytes("k", b"one")
        sidecar = json.loads((store.root / ".meta" / "k.json").read_text())
        assert sidecar["ino"] == (store.root / "k").stat().st_ino


class TestListing:
    def test_prefix_in_key_order(self, store):
        for key in ["records/b.json", "records/a/x.json", "records/a.json", "text/a.txt"]:
            store.put_bytes(key, key.encode())
        listed = list(store.list("records/"))
        # plain string order, as S3 defines it: "a.json" < "a/x.json" because "." < "/"
        assert [o.key for o in listed] == ["records/a.json", "records/a/x.json", "records/b.json"]
        assert listed[0].etag == hashlib.md5(b"records/a.json").hexdigest()
        assert listed[0].size == len(b"records/a.json")
        assert listed[0].metadata == {}
        assert [o.key for o in store.list("records/a")] == ["records/a.json", "records/a/x.json"]
        assert [o.key for o in store.list("rec")] == [o.key for o in listed]
        assert len(list(store.list())) == 4
        assert list(store.list("none/")) == []

    def test_hidden_and_foreign_files_are_not_listed(self, store):
        store.put_bytes("a", b"1")
        (store.root / ".DS_Store").write_bytes(b"x")
        (store.root / "b\\c").write_bytes(b"x")
        assert [o.key for o in store.list()] == ["a"]

    def test_listing_a_missing_root(self, tmp_path):
        assert list(LocalStore(tmp_path / "never").list()) == []


class TestMissingAndDelete:
    def test_stat_none(self, store):
        assert store.stat("records/x.json") is None

    def test_get_bytes_key_error(self, store):
        with pytest.raises(KeyError):
            store.get_bytes("records/x.json")

    def test_open_stream_key_error(self, store):
        with pytest.raises(KeyError):
            store.open_stream("records/x.json")

    def test_a_folder_is_not_an_object(self, store):
        store.put_bytes("records/x.json", b"1")
        assert store.stat("records") is None
        with pytest.raises(KeyError):
            store.get_bytes("records")

    def test_delete(self, store):
        store.put_bytes("a/b", b"1")
        store.delete("a/b")
        assert store.stat("a/b") is None
        assert not (store.root / ".meta" / "a" / "b.json").exists()
        store.delete("a/b")


class TestIdempotence:
    def test_overwrite_with_same_content_keeps_etag(self, store):
        first = store.put_bytes(f"records/{SHA}.json", b"same")
        second = store.put_bytes(f"records/{SHA}.json", b"same")
        assert first.etag == second.etag == store.stat(f"records/{SHA}.json").etag
        assert [o.key for o in store.list()] == [f"records/{SHA}.json"]

    def test_overwrite_with_other_content(self, store):
        store.put_bytes("k", b"one", metadata={"v": "1"})
        store.put_bytes("k", b"two", metadata={"v": "2"})
        assert store.get_bytes("k") == b"two"
        assert store.stat("k").metadata["v"] == "2"


class TestHostileKeys:
    @pytest.mark.parametrize("key", HOSTILE_KEYS)
    def test_rejected_everywhere(self, store, key):
        for call in (
            lambda: store.put_bytes(key, b"x"),
            lambda: store.get_bytes(key),
            lambda: store.stat(key),
            lambda: store.delete(key),
            lambda: store.open_stream(key),
        ):
            with pytest.raises(ValueError):
                call()
        assert files_under(store.root) == []

    @pytest.mark.parametrize("prefix", ["/", "../", "a//", ".meta/", "a\\"])
    def test_hostile_prefix(self, store, prefix):
        with pytest.raises(ValueError):
            list(store.list(prefix))

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=st.sampled_from("ab./\\\x00 "), max_size=12))
    def test_accepted_keys_stay_under_the_root(self, key):
        try:
            validate_key(key)
        except ValueError:
            return
        assert os.path.normpath(os.path.join("/root/store", key)).startswith("/root/store/")

    def test_key_folder_clash(self, store):
        store.put_bytes("a", b"1")
        with pytest.raises(ValueError, match="clashes"):
            store.put_bytes("a/b", b"2")
        store.put_bytes("c/d", b"1")
        with pytest.raises(ValueError, match="clashes"):
            store.put_bytes("c", b"2")


class TestMetadataRules:
    def test_names_lowercased(self):
        assert normalize_metadata({"Source-Name": "x"}) == {"source-name": "x"}

    @pytest.mark.parametrize("name", ["sha256", "Content-Type", "with_underscore", "a b", ""])
    def test_bad_or_reserved_names(self, name):
        with pytest.raises(ValueError):
            normalize_metadata({name: "x"})

    def test_duplicate_by_case(self):
        with pytest.raises(ValueError, match="twice"):
            normalize_metadata({"a": "1", "A": "2"})

    def test_too_big(self):
        with pytest.raises(ValueError, match="bytes"):
            normalize_metadata({"a": "x" * 3000})


class TestCheck:
    def test_creates_missing_root(self, tmp_path):
        store = LocalStore(tmp_path / "a" / "b")
        store.check()
        assert (tmp_path / "a" / "b").is_dir()
        assert files_under(tmp_path) == []

    def test_root_is_a_file(self, tmp_path):
        (tmp_path / "f").write_text("x")
        with pytest.raises(StoreAccessError, match="not a folder"):
            LocalStore(tmp_path / "f").check()

    @pytest.mark.skipif(os.geteuid() == 0, reason="root ignores permissions")
    def test_read_only_root(self, tmp_path):
        (tmp_path / "ro").mkdir(mode=0o500)
        with pytest.raises(StoreAccessError, match="permissions"):
            LocalStore(tmp_path / "ro").check()


class TestLocalSources:
    @pytest.fixture
    def scans(self, tmp_path) -> Path:
        root = tmp_path / "scans"
        for name in ["b.tif", "a/2.pdf", "a/1.png", "a.jpg", ".DS_Store", ".git/x.tif", "a/.x"]:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(name.encode())
        (root / "link.tif").symlink_to(root / "b.tif")
        (root / "broken.tif").symlink_to(root / "missing")
        (root / "loop").symlink_to(root, target_is_directory=True)
        return root

    def test_folder_recursive_sorted_without_hidden(self, scans):
        found = list(iter_sources([str(scans)]))
        assert [f.name for f in found] == ["a.jpg", "a/1.png", "a/2.pdf", "b.tif", "link.tif"]
        assert found[1] == SourceFile("a/1.png", len(b"a/1.png"), str(scans / "a" / "1.png"))
        assert all(Path(f.locator).is_absolute() for f in found)

    def test_single_file_and_several_locations(self, scans):
        found = list(iter_sources([str(scans / "b.tif"), f"file://{scans / 'a'}"]))
        assert [f.name for f in found] == ["b.tif", "1.png", "2.pdf"]

    def test_missing_location(self, tmp_path):
        with pytest.raises(ConfigError, match="neither a file nor a folder"):
            list(iter_sources([str(tmp_path / "nope")]))

    def test_read_source_with_limit(self, scans):
        locator = str(scans / "b.tif")
        assert read_source(locator, max_bytes=5) == b"b.tif"
        with pytest.raises(TooLargeError, match="5 bytes, over the 4 bytes limit"):
            read_source(locator, max_bytes=4)
        with pytest.raises(FileNotFoundError):
            read_source(str(scans / "gone.tif"), max_bytes=4)

    def test_s3_location_needs_config(self):
        with pytest.raises(ConfigError, match="DIGITIZE_S3_ENDPOINT"):
            list(iter_sources(["s3://bucket/prefix/"]))
        with pytest.raises(ConfigError, match="DIGITIZE_S3_ENDPOINT"):
            read_source("s3://bucket/key", max_bytes=1)


class TestOpenStore:
    def test_paths_and_file_urls(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        assert isinstance(open_store("./out"), LocalStore)
        assert open_store("./out").url == (tmp_path / "out").as_uri()
        assert open_store(str(tmp_path / "abs")).url == (tmp_path / "abs").as_uri()
        assert open_store((tmp_path / "with space").as_uri()).root == tmp_path / "with space"

    def test_s3_url(self):
        base = S3Config("minio:9000", "ak", "the-secret", secure=False)
        store = open_store("s3://my-bucket/runs/2024/", s3=base)
        assert isinstance(store, S3Store)
        assert store.url == "s3://my-bucket/runs/2024"
        assert "the-secret" not in store.url + repr(store) + repr(store.config)

    @pytest.mark.parametrize(
        ("url", "message"),
        [
            ("s3://bucket/x", "no S3 server is configured"),
            ("s3:///x", "no bucket"),
            ("gs://bucket/x", "unsupported"),
            ("file://host/x", "file:///absolute"),
            ("  ", "empty"),
        ],
    )
    def test_bad_urls(self, url, message):
        with pytest.raises(ConfigError, match=message):
            open_store(url)

    @pytest.mark.parametrize(
        "changes",
        [
            {"endpoint": "http://minio:9000"},
            {"bucket": "Bad_Bucket"},
            {"part_size": 1024},
            {"prefix": "../x"},
        ],
    )
    def test_s3_config_validation(self, changes):
        values = {"endpoint": "minio:9000", "access_key": "a", "secret_key": "s"} | changes
        with pytest.raises(ConfigError):
            S3Config(**values)
