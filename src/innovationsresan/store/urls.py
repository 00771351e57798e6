"""The addresses of a workshop's pages, shared by ``workshop new`` and ``serve``.

Participants join at ``BASE/j/CODE``; the facilitator's page is ``BASE/f/ID?key=SECRET``.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

#: Where ``serve`` listens unless told otherwise.
DEFAULT_BASE_URL = "http://127.0.0.1:8000"


def _base(base_url: str) -> str:
    return base_url.rstrip("/")


def join_url(code: str, base_url: str = DEFAULT_BASE_URL) -> str:
    """The participants' address for a join *code*: ``BASE/j/CODE``."""
    return f"{_base(base_url)}/j/{quote(code, safe='')}"


def facilitator_url(workshop_id: str, secret: str, base_url: str = DEFAULT_BASE_URL) -> str:
    """The facilitator's address, carrying the *secret*: ``BASE/f/ID?key=SECRET``."""
    query = urlencode({"key": secret})
    return f"{_base(base_url)}/f/{quote(workshop_id, safe='')}?{query}"
