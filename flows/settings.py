"""Configuration, read once at the edge (CLI, flow entry, worker start) with pydantic-settings.

One settings class per concern, each with its own environment prefix; ``Settings`` composes
them. Processors never read these: the edge turns them into frozen option objects
(``PipelineConfig``) that carry no secrets, so they are safe as Prefect parameters.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from processors.cleanup import CleanupOptions
from processors.loader import Limits
from storage.s3 import S3Config


def _config(prefix: str) -> SettingsConfigDict:
    return SettingsConfigDict(env_prefix=prefix, env_file=".env", extra="ignore")


class S3Settings(BaseSettings):
    """Where the S3 server is and how to sign in (MinIO or any S3 service)."""

    model_config = _config("DIGITIZE_S3_")

    endpoint: str = Field("127.0.0.1:9000", description="host:port of the S3 API")
    access_key: SecretStr | None = Field(None, description="S3 access key")
    secret_key: SecretStr | None = Field(None, description="S3 secret key")
    secure: bool = Field(True, description="use HTTPS")
    region: str | None = Field(None, description="S3 region, when the service needs one")
    create_bucket: bool = Field(True, description="create the bucket when it is missing")

    def template(self) -> S3Config | None:
        """The connection without bucket, or None when no credentials are configured."""
        if self.access_key is None or self.secret_key is None:
            return None
        return S3Config(
            endpoint=self.endpoint,
            access_key=self.access_key.get_secret_value(),
            secret_key=self.secret_key,
            secure=self.secure,
            region=self.region,
            create_bucket=self.create_bucket,
        )


class OcrSettings(BaseSettings):
    """How pages are cleaned and recognized."""

    model_config = _config("DIGITIZE_OCR_")

    lang: str = Field(
        "eng", description="Tesseract languages, e.g. 'vie+eng', or 'auto' (by script, per page)"
    )
    auto_latin: str = Field(
        "vie+eng", description="with lang=auto: languages for pages in Latin script"
    )
    timeout_s: float = Field(180.0, gt=0, le=3600, description="seconds of OCR per page at most")
    retry_below_confidence: float = Field(
        70.0, ge=0, le=100, description="second OCR pass on another candidate below this"
    )
    deskew: bool = Field(True, description="measure and correct skew")
    render_dpi: int = Field(300, ge=72, le=600, description="resolution for rasterized PDF pages")
    pages_per_pass: int = Field(
        4, ge=1, le=32, description="a document's pages read by one Tesseract process at most"
    )


class LimitSettings(BaseSettings):
    """Resource limits against hostile or broken files."""

    model_config = _config("DIGITIZE_LIMIT_")

    max_file_mb: float = Field(500.0, gt=0, description="largest input file accepted, in MB")
    max_pixels: int = Field(150_000_000, gt=0, description="largest page, in pixels")
    max_pages: int = Field(2000, gt=0, description="most pages per document")


class ReviewSettings(BaseSettings):
    """When a record is flagged for a person to check."""

    model_config = _config("DIGITIZE_REVIEW_")

    min_field_confidence: float = Field(0.6, ge=0, le=1, description="field confidence floor")
    min_page_confidence: float = Field(60.0, ge=0, le=100, description="page OCR confidence floor")


class Settings(BaseSettings):
    """All settings of a run; only entry points construct it."""

    model_config = _config("DIGITIZE_")

    store: str = Field("./out", description="where results go: a folder or s3://bucket/prefix")
    workers: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1, le=256)
    retries: int = Field(3, ge=0, le=20, description="retries of a document on transient faults")
    retry_backoff_s: float = Field(
        2.0, ge=0, le=600, description="first retry delay; doubles each time"
    )
    stall_timeout_s: float = Field(
        1800.0, gt=0, description="fail the rest of a batch when no document finished this long"
    )
    s3: S3Settings = Field(default_factory=S3Settings)
    ocr: OcrSettings = Field(default_factory=OcrSettings)
    limits: LimitSettings = Field(default_factory=LimitSettings)
    review: ReviewSettings = Field(default_factory=ReviewSettings)


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    """Everything a document task needs, without secrets (safe to show as a parameter)."""

    lang: str = "eng"
    auto_latin_lang: str = "vie+eng"
    ocr_timeout_s: float = 180.0
    retry_below_confidence: float = 70.0
    render_dpi: int = 300
    pages_per_pass: int = 4
    max_file_bytes: int = 500_000_000
    min_field_confidence: float = 0.6
    min_page_confidence: float = 60.0
    force: bool = False
    retries: int = 3
    retry_backoff_s: float = 2.0
    stall_timeout_s: float = 1800.0
    cleanup: CleanupOptions = field(default_factory=CleanupOptions)
    limits: Limits = field(default_factory=Limits)
    # PDF passwords by source name ("*": any file). SecretStr: masked wherever Prefect or a
    # log serializes the config, readable only where a PDF is opened.
    passwords: tuple[tuple[str, SecretStr], ...] = ()

    def password_for(self, name: str) -> str | None:
        """The password supplied for source ``name``, else the one for every file, else None."""
        table = dict(self.passwords)
        secret = table.get(name) or table.get("*")
        return secret.get_secret_value() if secret is not None else None

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        *,
        force: bool = False,
        passwords: dict[str, str] | None = None,
    ) -> PipelineConfig:
        """Freeze the settings a task needs (``passwords``: source name or "*" -> password)."""
        return cls(
            passwords=tuple((k, SecretStr(v)) for k, v in sorted((passwords or {}).items())),
            lang=settings.ocr.lang,
            auto_latin_lang=settings.ocr.auto_latin,
            ocr_timeout_s=settings.ocr.timeout_s,
            retry_below_confidence=settings.ocr.retry_below_confidence,
            render_dpi=settings.ocr.render_dpi,
            pages_per_pass=settings.ocr.pages_per_pass,
            max_file_bytes=int(settings.limits.max_file_mb * 1_000_000),
            min_field_confidence=settings.review.min_field_confidence,
            min_page_confidence=settings.review.min_page_confidence,
            force=force,
            retries=settings.retries,
            retry_backoff_s=settings.retry_backoff_s,
            stall_timeout_s=settings.stall_timeout_s,
            cleanup=CleanupOptions(deskew=settings.ocr.deskew),
            limits=Limits(
                max_pixels=settings.limits.max_pixels, max_pages=settings.limits.max_pages
            ),
        )
