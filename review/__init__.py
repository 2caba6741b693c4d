"""Field-level review: a web page where a person checks and corrects what the machine was unsure of.

``serve`` runs it (``digitize review``); ``create_app`` builds the ASGI app; ``ReviewService``
holds the logic; ``reviewed_ground_truth`` feeds approved reviews to ``digitize eval``. See
``review.service`` for the review objects and the reviewed record format. The web parts
(FastAPI, Jinja2, uvicorn) load only when ``create_app`` or ``serve`` is first used, so readers
of reviews such as ``digitize eval`` do not pay for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from review.record import (
    NotFound,
    build_reviewed,
    reviewed_ground_truth,
    reviewed_key,
    reviews_prefix,
)
from review.service import Conflict, DocumentState, Queue, ReviewService
from review.values import InvalidEdit

if TYPE_CHECKING:
    from review.app import create_app, is_loopback, new_token, serve

__all__ = [
    "Conflict",
    "DocumentState",
    "InvalidEdit",
    "NotFound",
    "Queue",
    "ReviewService",
    "build_reviewed",
    "create_app",
    "is_loopback",
    "new_token",
    "reviewed_ground_truth",
    "reviewed_key",
    "reviews_prefix",
    "serve",
]

_WEB = frozenset({"create_app", "is_loopback", "new_token", "serve"})


def __getattr__(name: str) -> Any:
    """Load the web app's names on first use (PEP 562)."""
    if name in _WEB:
        from review import app

        return getattr(app, name)
    raise AttributeError(f"module 'review' has no attribute {name!r}")
