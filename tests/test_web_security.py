"""Secrets, CSRF tokens and the two middlewares: security headers and the body limit."""

from __future__ import annotations

import pytest

pytest.importorskip("starlette")

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from innovationsresan.web import security


async def echo(request: Request) -> Response:
    body = await request.body()
    return PlainTextResponse(f"{len(body)} bytes")


def app(limit: int = 100) -> Starlette:
    return Starlette(
        routes=[Route("/", echo, methods=["GET", "POST"])],
        middleware=[
            Middleware(security.SecurityHeaders),
            Middleware(security.BodyLimit, limit=limit),
        ],
    )


class TestSecrets:
    def test_new_secrets_differ_and_are_long(self) -> None:
        """Two secrets are never the same and carry at least 192 bits."""
        first, second = security.new_secret(), security.new_secret()
        assert first != second
        assert len(first) >= 32

    @pytest.mark.parametrize(
        ("given", "expected"), [("abc", True), ("abd", False), ("", False), (None, False)]
    )
    def test_same_secret(self, given: str | None, expected: bool) -> None:
        """Only the exact secret matches."""
        assert expected == security.same_secret(given, "abc")


class TestBodyLimit:
    def test_a_body_within_the_limit_passes(self) -> None:
        """A small body reaches the endpoint."""
        assert "10 bytes" == TestClient(app()).post("/", content=b"x" * 10).text

    def test_a_declared_length_over_the_limit_is_413(self) -> None:
        """A Content-Length over the limit is refused before reading."""
        reply = TestClient(app()).post("/", content=b"x" * 101)
        assert 413 == reply.status_code

    def test_a_streamed_body_is_cut_at_the_limit(self) -> None:
        """A body sent in chunks without a length is counted and refused past the limit."""

        def chunks() -> object:
            for _ in range(10):
                yield b"x" * 30

        reply = TestClient(app()).post("/", content=chunks())  # type: ignore[arg-type]
        assert 413 == reply.status_code


class TestHeaders:
    def test_security_headers_on_every_response(self) -> None:
        """CSP without outside sources, no framing, no referrer, no caching of pages."""
        reply = TestClient(app()).get("/")
        assert (
            security.SECURITY_HEADERS["content-security-policy"]
            == reply.headers["content-security-policy"]
        )
        assert "DENY" == reply.headers["x-frame-options"]
        assert "no-referrer" == reply.headers["referrer-policy"]
        assert "nosniff" == reply.headers["x-content-type-options"]
        assert "no-store" == reply.headers["cache-control"]

    def test_the_policy_allows_only_this_server(self) -> None:
        """Every source the policy names is the server itself (or inline data images)."""
        policy = security.SECURITY_HEADERS["content-security-policy"]
        sources = {word for part in policy.split(";") for word in part.split()[1:]}
        assert {"'self'", "'none'", "data:"} == sources


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class TestRateLimiter:
    def test_the_allowance_at_once_then_refused_with_the_wait(self) -> None:
        """per_minute requests go at once; the next is refused with the seconds to wait."""
        limiter = security.RateLimiter(3, clock=Clock())
        assert [0.0, 0.0, 0.0] == [limiter.allow("10.0.0.1") for _ in range(3)]
        assert 20.0 == pytest.approx(limiter.allow("10.0.0.1"))

    def test_the_allowance_comes_back_with_time(self) -> None:
        """After a third of a minute one more of three a minute may go; a refusal takes none."""
        clock = Clock()
        limiter = security.RateLimiter(3, clock=clock)
        for _ in range(3):
            limiter.allow("10.0.0.1")
        clock.now += 10
        assert 10.0 == pytest.approx(limiter.allow("10.0.0.1"))
        clock.now += 10
        assert 0.0 == limiter.allow("10.0.0.1")
        assert limiter.allow("10.0.0.1") > 0

    def test_addresses_are_counted_apart(self) -> None:
        """One address over its limit leaves another's untouched."""
        limiter = security.RateLimiter(1, clock=Clock())
        assert 0.0 == limiter.allow("10.0.0.1")
        assert limiter.allow("10.0.0.1") > 0
        assert 0.0 == limiter.allow("10.0.0.2")

    def test_memory_is_bounded_by_the_addresses_remembered(self) -> None:
        """A flood from ever new addresses keeps at most `addresses` entries; the one seen
        longest ago is forgotten first."""
        limiter = security.RateLimiter(1, addresses=100, clock=Clock())
        limiter.allow("10.0.0.1")
        for i in range(5000):
            limiter.allow(f"10.1.{i // 256}.{i % 256}")
        assert 100 == len(limiter)
        assert 0.0 == limiter.allow("10.0.0.1")  # forgotten: a full allowance again

    def test_an_ipv6_client_counts_by_its_64_network(self) -> None:
        """Addresses in one IPv6 /64 share an allowance; IPv4-mapped ones are their IPv4."""
        limiter = security.RateLimiter(1, clock=Clock())
        assert 0.0 == limiter.allow("2001:db8:1:2::1")
        assert limiter.allow("2001:db8:1:2:ffff::9") > 0
        assert 0.0 == limiter.allow("2001:db8:1:3::1")
        assert "192.0.2.7" == security.client_key("::ffff:192.0.2.7")
        assert "testclient" == security.client_key("testclient")

    def test_a_limit_below_one_is_refused(self) -> None:
        """A limiter that would let nothing through is a programming error."""
        with pytest.raises(ValueError, match="at least one"):
            security.RateLimiter(0)

    @pytest.mark.parametrize(("seconds", "expected"), [(0.2, "1"), (1.0, "1"), (19.01, "20")])
    def test_retry_after_is_whole_seconds(self, seconds: float, expected: str) -> None:
        """Retry-After rounds up to whole seconds, at least one."""
        assert expected == security.retry_after(seconds)
