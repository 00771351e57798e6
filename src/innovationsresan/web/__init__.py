"""The workshop in the room: ``innovationsresan serve`` (optional extra ``serve``).

A Starlette application on the workshop store: participants answer on their phones, the
facilitator's screen shows the ladder filling in live, and the group writes its action plan
together. See ``docs/workshop.md``.
"""

from __future__ import annotations

from innovationsresan.web.app import create_app
from innovationsresan.web.site import Limits

__all__ = ["Limits", "create_app"]
