"""What keeps the workshop's pages safe: secrets, CSRF tokens, cookies, headers, size limits.

* Secrets are compared in constant time (:func:`same_secret`).
* Every form carries a CSRF token that must equal the browser's ``ir_csrf`` cookie
  (a double-submitted random token: another site can neither read nor set it).
* Cookies are ``HttpOnly`` and ``SameSite=Lax``, and ``Secure`` when the page came over HTTPS.
* Every response carries a Content-Security-Policy without any outside source, forbids framing
  and sends no referrer (a join address or key must not leak to another site).
* A request body larger than the limit is refused with 413 before it is read into memory.
* Joining and saving are limited per client address (:class:`RateLimiter`), in bounded memory.
"""

from __future__ import annotations

import hmac
import ipaddress
import math
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: The cookie holding the browser's CSRF token.
CSRF_COOKIE = "ir_csrf"
#: The form field (and header, for scripts) carrying the token back.
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"

#: Headers sent with every response.
SECURITY_HEADERS: Mapping[str, str] = {
    "content-security-policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "cross-origin-opener-policy": "same-origin",
}


def new_secret() -> str:
    """A fresh random secret for a URL or a cookie."""
    return secrets.token_urlsafe(24)


def same_secret(given: str | None, expected: str) -> bool:
    """Whether *given* equals *expected*, compared in constant time."""
    if given is None:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def is_https(request: Request) -> bool:
    """Whether the page was asked for over HTTPS (then cookies are ``Secure``)."""
    return request.url.scheme == "https"


def set_cookie(
    response: Response, request: Request, name: str, value: str, *, max_age: int | None = None
) -> None:
    """Set an ``HttpOnly``, ``SameSite=Lax`` cookie for the whole site."""
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="lax",
        secure=is_https(request),
    )


def csrf_token(request: Request) -> tuple[str, bool]:
    """The browser's CSRF token, and whether it is new (then the cookie must be set)."""
    known = request.cookies.get(CSRF_COOKIE)
    if known and 20 <= len(known) <= 100:
        return known, False
    return new_secret(), True


def csrf_ok(request: Request, given: str | None) -> bool:
    """Whether the token sent with a form (or header) matches the browser's cookie."""
    known = request.cookies.get(CSRF_COOKIE)
    if not known or given is None:
        return False
    return same_secret(given, known)


class SecurityHeaders:
    """ASGI middleware adding :data:`SECURITY_HEADERS` (and ``no-store`` on pages).

    A header the response sets itself is kept. The headers are encoded once, since every
    response gets them.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._static = _encoded(SECURITY_HEADERS)
        # answers and results are personal data: no cache keeps a copy
        self._pages = _encoded({**SECURITY_HEADERS, "cache-control": "no-store"})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        added = self._static if str(scope.get("path", "")).startswith("/static/") else self._pages

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                present = {name.lower() for name, _ in headers.raw}
                headers.raw.extend(pair for pair in added if pair[0] not in present)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _encoded(headers: Mapping[str, str]) -> tuple[tuple[bytes, bytes], ...]:
    return tuple(
        (name.encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()
    )


class BodyLimit:
    """ASGI middleware refusing request bodies over *limit* bytes with 413.

    A declared ``Content-Length`` over the limit is refused before anything is read; a body
    sent without one is counted as it arrives and cut off at the limit.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = next((v for k, v in scope.get("headers", ()) if k == b"content-length"), None)
        if declared is not None:
            try:
                too_large = int(declared) > self.limit
            except ValueError:
                too_large = True
            if too_large:
                await _too_large(send)
                return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLargeError
            return message

        try:
            await self.app(scope, counted, send)
        except BodyTooLargeError:
            await _too_large(send)


class BodyTooLargeError(Exception):
    """A request body grew past the limit while it was read."""


async def _too_large(send: Send) -> None:
    body = b"Request body too large / F\xc3\xb6r stor f\xc3\xb6rfr\xc3\xa5gan"
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class RateLimiter:
    """How many requests each client address may send: *per_minute* at once, then
    *per_minute* a minute (a token bucket per address).

    At most *addresses* addresses are remembered; past that the one seen longest ago is
    forgotten (it starts again with a full allowance), so a client that sends from ever new
    addresses cannot grow the server's memory. An IPv6 address counts by its /64 network, the
    part one client usually has to itself.
    """

    def __init__(
        self,
        per_minute: int,
        *,
        addresses: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if per_minute < 1 or addresses < 1:
            raise ValueError("a rate limit needs at least one request a minute and one address")
        self.per_minute = per_minute
        self.addresses = addresses
        self._rate = per_minute / 60.0
        self._clock = clock
        self._lock = threading.Lock()
        # address -> (tokens left, when they were counted), least recently seen first
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def allow(self, address: str) -> float:
        """Take one request of *address*'s allowance: ``0.0`` when it may go on, otherwise
        the seconds until it may send again (nothing is taken then)."""
        key = client_key(address)
        now = self._clock()
        with self._lock:
            tokens, then = self._buckets.pop(key, (float(self.per_minute), now))
            tokens = min(float(self.per_minute), tokens + (now - then) * self._rate)
            wait = 0.0 if tokens >= 1.0 else (1.0 - tokens) / self._rate
            self._buckets[key] = (tokens - 1.0 if wait == 0.0 else tokens, now)
            while len(self._buckets) > self.addresses:
                self._buckets.popitem(last=False)
        return wait

    def __len__(self) -> int:
        """How many addresses are remembered now."""
        return len(self._buckets)


def client_key(address: str) -> str:
    """The key an address is counted under: an IPv6 address's /64 network, else itself."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address[:100]
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:  # ::ffff:a.b.c.d is that IPv4 address
            return str(parsed.ipv4_mapped)
        return str(ipaddress.IPv6Network((parsed, 64), strict=False))
    return str(parsed)


def retry_after(seconds: float) -> str:
    """A ``Retry-After`` value: whole seconds, at least one."""
    return str(max(1, math.ceil(seconds)))
