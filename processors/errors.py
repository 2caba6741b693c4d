"""Every error the pipeline raises on purpose, and whether it is worth retrying.

Three families decide what happens to a document:

* ``BadInputError``: the file itself is the problem (corrupt, encrypted, too large...). Never
  retried; the original is kept and a ``failed/`` entry records ``category`` and the message.
* ``TransientError``: infrastructure hiccups (storage timeouts, 5xx, dropped connections).
  Retried with backoff, then reported; nothing half-written is left looking finished.
* ``ConfigError``: the installation or configuration is wrong (no tesseract, missing language,
  bad credentials). Raised at start, before any document is touched; the CLI exits with 2.

Adapters translate third-party exceptions into these at the boundary (``raise X(...) from e``);
``is_retryable`` is the single place that says what is retried.
"""

from __future__ import annotations

from typing import ClassVar


class PipelineError(Exception):
    """Base of every error ip-digitizer raises on purpose."""

    retryable: ClassVar[bool] = False
    category: ClassVar[str] = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class BadInputError(PipelineError):
    """The input file cannot be processed as given; retrying will not help."""

    category = "corrupt"


class EmptyFileError(BadInputError):
    """The file has zero bytes."""

    category = "empty"


class TruncatedFileError(BadInputError):
    """The file ends before its format says it should (an interrupted copy or scan)."""

    category = "truncated"


class CorruptFileError(BadInputError):
    """The file's type is recognized but its content cannot be decoded."""

    category = "corrupt"


class EncryptedPdfError(BadInputError):
    """The PDF needs a password that was not supplied, or the one supplied is wrong."""

    category = "encrypted"


class UnsupportedTypeError(BadInputError):
    """The content is not a PNG, JPEG, TIFF or PDF, whatever its name says."""

    category = "unsupported_type"


class TooLargeError(BadInputError):
    """The file, a page or the page count exceeds a configured limit."""

    category = "too_large"


class NoPagesError(BadInputError):
    """The document decodes but contains no page."""

    category = "no_pages"


class OcrEngineError(PipelineError):
    """Tesseract failed on a page in a way that is not a timeout or an empty page."""

    category = "ocr_failed"


class TransientError(PipelineError):
    """A passing infrastructure fault; the operation is retried with backoff."""

    retryable = True
    category = "transient"


class StorageUnavailableError(TransientError):
    """Object storage did not answer, timed out or returned a server error."""

    category = "storage_unavailable"


class ConfigError(PipelineError):
    """Installation or configuration is wrong; fail at start with the fix in the message."""

    category = "config"


class MissingDependencyError(ConfigError):
    """A required program or language pack is not installed."""

    category = "missing_dependency"


class StoreAccessError(ConfigError):
    """The store refuses the credentials, or the bucket is missing and cannot be created."""

    category = "store_access"


def is_retryable(exc: BaseException) -> bool:
    """Return True when ``exc`` is a fault worth retrying (the one place that decides)."""
    return isinstance(exc, PipelineError) and exc.retryable
