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
