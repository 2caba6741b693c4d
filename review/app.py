"""The review web app: a queue page, a record page with the page image, and a small JSON API.

Security, because every string on these pages comes from a scan or a file name:

- templates autoescape and record data reaches the page's script only as escaped JSON in a
  ``<script type="application/json">`` block; the script writes text with ``textContent``;
- a strict Content-Security-Policy allows scripts, styles and images from this server only,
  with no inline script or style;
- document hashes in paths must match ``^[0-9a-f]{64}$`` (404 otherwise), and keys are built
  from them, so no request reaches an object outside the configured store's layout;
- without a token the app answers only requests addressed to a loopback name (a page elsewhere
  cannot reach it by DNS rebinding); with one, every route needs it: ``Authorization: Bearer``,
  or ``?token=`` once, which sets an HttpOnly SameSite=Strict cookie;
- saves must be JSON from this origin (a form on another site cannot post one).
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import secrets
import sys
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.staticfiles import StaticFiles

from processors.errors import ConfigError, StorageUnavailableError
from review.record import SHA256, NotFound
from review.service import Conflict, ReviewService
from review.values import InvalidEdit
from review.views import STATUS_LABELS, document_view, label
from storage.base import Store

PACKAGE_DIR = Path(__file__).resolve().parent
STATIC_DIR = PACKAGE_DIR / "static"
COOKIE_NAME = "ipd_review"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
MAX_BODY_BYTES = 1024 * 1024
MIN_TOKEN_CHARS = 16
QUEUE_LIMIT = 500

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def create_app(
    store: Store,
    *,
    token: str | None,
    reviewer_default: str = "operator",
    min_confidence: float = 0.6,
    allowed_hosts: Iterable[str] | None = None,
) -> FastAPI:
    """Build the review app over ``store``.

    Args:
        store: Where the records are; reviews and reviewed records are written there too.
        token: The access token every request must carry; None for a loopback-only server.
        reviewer_default: The name a save is made under until the reviewer types theirs.
        min_confidence: Fields below this confidence are marked low (the pipeline's floor).
        allowed_hosts: Host names the app answers to; default: loopback names without a
            token, any with one.
    """
    service = ReviewService(store)
    hosts = frozenset(allowed_hosts) if allowed_hosts is not None else None
    if hosts is None and not token:
        hosts = LOOPBACK_HOSTS
    templates = _environment()
    session = _session_value(token) if token else ""

    app = FastAPI(title="ip-digitizer review", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.service = service

    def render(name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        context.setdefault("token_required", bool(token))
        html = templates.get_template(name).render(**context)
        return HTMLResponse(html, status_code=status_code, headers={"Cache-Control": "no-store"})

    def not_found(request: Request, message: str = "No such document in this store.") -> Response:
        if _wants_json(request):
            return JSONResponse({"error": "not_found", "message": message}, status_code=404)
        return render("error.html", 404, title="Not found", message=message)

    def unauthorized(request: Request) -> Response:
        headers = {
            "WWW-Authenticate": 'Bearer realm="ip-digitizer review"',
            "Cache-Control": "no-store",
        }
        message = (
            "This review server requires an access token. Open the link printed by "
            "`digitize review` (it ends in ?token=...), or send the header "
            "Authorization: Bearer <token>."
        )
        if _wants_json(request):
            body = {"error": "unauthorized", "message": message}
            return JSONResponse(body, status_code=401, headers=headers)
        response = render("error.html", 401, title="Access token required", message=message)
        response.headers.update(headers)
        return response

    @app.middleware("http")
    async def guard(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await _guarded(request, call_next)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    async def _guarded(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if hosts is not None and _host_name(request.headers.get("host", "")) not in hosts:
            return Response("Unknown host name.\n", status_code=400, media_type="text/plain")
        if token:
            offered = request.query_params.get("token")
            if offered is not None:
                if request.method != "GET" or not _same(offered, token):
                    return unauthorized(request)
                rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
                target = request.url.path + (
                    "?" + "&".join(f"{quote(k)}={quote(v)}" for k, v in rest) if rest else ""
                )
                redirect = RedirectResponse(target, status_code=303)
                redirect.set_cookie(
                    COOKIE_NAME, session, httponly=True, samesite="strict", path="/"
                )
                redirect.headers["Cache-Control"] = "no-store"
                return redirect
            scheme, _, bearer = request.headers.get("authorization", "").partition(" ")
            by_header = scheme.lower() == "bearer" and _same(bearer.strip(), token)
            by_cookie = _same(request.cookies.get(COOKIE_NAME, ""), session)
            if not (by_header or by_cookie):
                return unauthorized(request)
        if request.method not in ("GET", "HEAD") and not _same_origin(request):
            return JSONResponse(
                {"error": "forbidden", "message": "cross-site request refused"}, status_code=403
            )
        return await call_next(request)

    @app.get("/", response_class=HTMLResponse)
    def queue_page(request: Request) -> Response:
        queue = service.queue(limit=QUEUE_LIMIT)
        return render(
            "queue.html",
            queue=queue,
            status_labels=STATUS_LABELS,
            limit=QUEUE_LIMIT,
            store_url=store.url,
        )

    @app.get("/records/{sha}", response_class=HTMLResponse)
    def record_page(request: Request, sha: str) -> Response:
        if not SHA256.match(sha):
            return not_found(request)
        try:
            view = document_view(service.state(sha), min_confidence=min_confidence)
        except NotFound:
            return not_found(request)
        return render(
            "record.html",
            doc=view,
            reviewer_default=reviewer_default,
            label=label,
        )

    @app.get("/records/{sha}/pages/{number}.png")
    def page_image(request: Request, sha: str, number: str) -> Response:
        if not SHA256.match(sha) or not number.isdigit() or not 1 <= int(number) <= 100_000:
            return not_found(request)
        try:
            png = service.page_png(sha, int(number))
        except NotFound as exc:
            return not_found(request, str(exc.args[0]) if exc.args else "No such page.")
        headers = {"Cache-Control": "private, max-age=3600"}
        return Response(png, media_type="image/png", headers=headers)

    @app.get("/records/{sha}/next")
    def next_record(request: Request, sha: str) -> Response:
        if not SHA256.match(sha):
            return not_found(request)
        following = service.next_pending(sha)
        target = f"/records/{following}" if following else "/"
        return RedirectResponse(target, status_code=303)

    @app.get("/api/records/{sha}")
    def record_json(request: Request, sha: str) -> Response:
        if not SHA256.match(sha):
            return not_found(request)
        try:
            state = service.state(sha)
        except NotFound:
            return not_found(request)
        view = document_view(state, min_confidence=min_confidence)
        return JSONResponse(
            {"document": view, "reviewed_record": state.reviewed},
            headers={"Cache-Control": "no-store"},
        )

    @app.post("/api/records/{sha}/reviews")
    async def save_review(request: Request, sha: str) -> Response:
        if not SHA256.match(sha):
            return not_found(request)
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type != "application/json":
            return _error(415, "unsupported_media_type", "send the review as application/json")
        declared = request.headers.get("content-length", "0")
        if not declared.isdigit() or int(declared) > MAX_BODY_BYTES:
            return _error(413, "too_large", f"a review is at most {MAX_BODY_BYTES} bytes")
        body = await request.body()
        if len(body) > MAX_BODY_BYTES:
            return _error(413, "too_large", f"a review is at most {MAX_BODY_BYTES} bytes")
        try:
            payload = _json(body)
        except ValueError:
            return _error(400, "bad_json", "the review is not a JSON object")
        reviewer = payload.get("reviewer")
        if reviewer in (None, ""):
            reviewer = reviewer_default
        try:
            state = await run_in_threadpool(
                service.submit,
                sha,
                base_version=payload.get("base_version"),
                reviewer=reviewer,
                changes=payload.get("changes"),
            )
        except NotFound:
            return not_found(request)
        except Conflict as exc:
            return JSONResponse(
                {
                    "error": "conflict",
                    "message": str(exc),
                    "version": exc.version,
                    "latest_by": exc.latest_by,
                    "latest_at": exc.latest_at,
                },
                status_code=409,
            )
        except InvalidEdit as exc:
            return _error(422, "invalid", str(exc))
        view = document_view(state, min_confidence=min_confidence)
        return JSONResponse({"document": view}, headers={"Cache-Control": "no-store"})

    @app.exception_handler(StorageUnavailableError)
    async def storage_down(request: Request, exc: StorageUnavailableError) -> Response:
        message = f"The store did not answer: {exc.message}. Try again in a moment."
        if _wants_json(request):
            return _error(503, "storage_unavailable", message)
        return render("error.html", 503, title="Storage unavailable", message=message)

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


def serve(
    store: Store,
    *,
    host: str = "127.0.0.1",
    port: int = 8765,
    token: str | None = None,
    reviewer_default: str = "operator",
    min_confidence: float = 0.6,
) -> None:
    """Run the review app until interrupted; bound to loopback unless a token is given.

    Raises:
        ConfigError: A non-loopback ``host`` without a token, or a token that is too short.
    """
    if token is not None and len(token) < MIN_TOKEN_CHARS:
        raise ConfigError(
            f"the review access token must be at least {MIN_TOKEN_CHARS} characters; make one "
            "with: python -c 'import secrets; print(secrets.token_urlsafe(24))'"
        )
    if not is_loopback(host) and not token:
        raise ConfigError(
            f"serving reviews on {host} (not this machine only) requires an access token: "
            "pass --token (make one with: python -c 'import secrets; "
            "print(secrets.token_urlsafe(24))'), or bind to 127.0.0.1"
        )
    import uvicorn

    store.check()
    app = create_app(
        store, token=token, reviewer_default=reviewer_default, min_confidence=min_confidence
    )
    shown = f"[{host}]" if ":" in host else host
    link = f"http://{shown}:{port}/" + (f"?token={quote(token)}" if token else "")
    print(f"Review {store.url} at {link}  (Ctrl+C to stop)", file=sys.stderr, flush=True)
    uvicorn.run(
        app, host=host, port=port, server_header=False, proxy_headers=False, log_level="warning"
    )


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only (``localhost``, 127.0.0.0/8, ``::1``)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def new_token() -> str:
    """A fresh random access token (for the CLI to offer when none is given)."""
    return secrets.token_urlsafe(24)


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(PACKAGE_DIR / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    versions = {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()[:10]
        for path in STATIC_DIR.iterdir()
        if path.is_file()
    }
    environment.globals["static"] = lambda name: f"/static/{name}?v={versions.get(name, '0')}"
    return environment


def _session_value(token: str) -> str:
    """The cookie value: derived from the token, so the cookie never holds the token itself."""
    return hashlib.sha256(b"ip-digitizer review session\0" + token.encode("utf-8")).hexdigest()


def _same(offered: str, expected: str) -> bool:
    """Constant-time comparison of two strings (any characters)."""
    if not offered or not expected:
        return False
    return secrets.compare_digest(offered.encode("utf-8"), expected.encode("utf-8"))


def _host_name(host_header: str) -> str:
    """The name in a Host header without its port: ``[::1]:8765`` -> ``::1``."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _same_origin(request: Request) -> bool:
    """Refuse writes a page on another site could make: a foreign Origin or fetch site."""
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    if origin is None:
        return True
    # Host and port must match; the scheme may differ behind a proxy that terminates TLS.
    return urlsplit(origin).netloc.lower() == request.headers.get("host", "").lower()


def _wants_json(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return request.url.path.startswith("/api/") or (
        "application/json" in accept and "text/html" not in accept
    )


def _json(body: bytes) -> dict[str, Any]:
    payload = json.loads(body)
    if not isinstance(payload, dict):
        raise ValueError("not an object")
    return payload


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": code, "message": message}, status_code=status)
