"""The progress callback of a batch run in this process (CLI progress bar, tests).

A ``ContextVar`` rather than a flow parameter: parameters travel with the run context to every
Dask worker, and a callback holding a lock (a progress bar) cannot be pickled. Kept in its own
module so nothing that is pickled for the workers refers to it.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

ProgressCallback = Callable[[Any, int, int], None]
"""Called with (document outcome, documents finished, documents in the batch)."""

progress_callback: ContextVar[ProgressCallback | None] = ContextVar(
    "digitize_progress_callback", default=None
)
