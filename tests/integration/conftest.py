"""Integration fixtures: a real S3 server (SeaweedFS, see ``tests/seaweed.py``) per session
and a fresh bucket name per test."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from minio.error import S3Error

from storage.s3 import S3Config
from tests.seaweed import SeaweedServer, launch


@dataclass(frozen=True)
class S3Bucket:
    """A bucket name no other test uses, and a config for it (the bucket is not created)."""

    name: str
    config: S3Config


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SeaweedServer]:
    try:
        server = launch(tmp_path_factory.mktemp("seaweedfs"))
    except RuntimeError as e:
        pytest.fail(str(e))
    try:
        yield server
    finally:
        server.cleanup()


@pytest.fixture
def s3_bucket(s3_server: SeaweedServer) -> Iterator[S3Bucket]:
    name = f"t-{uuid.uuid4().hex[:16]}"
    yield S3Bucket(name, s3_server.config(name))
    if not s3_server.running:  # a test stopped it: bring it back for the next one
        s3_server.start()
    client = s3_server.client()
    try:
        if client.bucket_exists(name):
            client.remove_bucket(name)  # SeaweedFS deletes non-empty buckets by default
    except S3Error as exc:
        if exc.code != "NoSuchBucket":
            raise
