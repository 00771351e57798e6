"""Live updates for the facilitator's screen: Server-Sent Events when a workshop changes.

A save in this process wakes the workshop's listeners at once (:meth:`Hub.notify`); the
store's revision is also checked every few seconds, so changes made by another server
process (several workers on one PostgreSQL database) arrive too. The browser keeps one
connection open; nothing polls from the browser.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

#: Seconds between checks of the store's revision when nothing in this process woke us.
FALLBACK_CHECK = 2.0


class Hub:
    """Who waits for which workshop; notified from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiters: dict[str, set[tuple[asyncio.AbstractEventLoop, asyncio.Event]]] = {}

    def notify(self, workshop_id: str) -> None:
        """Wake everyone listening to *workshop_id* (safe from worker threads)."""
        with self._lock:
            waiters = list(self._waiters.get(workshop_id, ()))
        for loop, event in waiters:
            with contextlib.suppress(RuntimeError):  # the loop has ended meanwhile
                loop.call_soon_threadsafe(event.set)

    @contextlib.contextmanager
    def listen(self, workshop_id: str) -> Iterator[asyncio.Event]:
        """An event set whenever *workshop_id* is notified, for as long as the block runs."""
        entry = (asyncio.get_running_loop(), asyncio.Event())
        with self._lock:
            self._waiters.setdefault(workshop_id, set()).add(entry)
        try:
            yield entry[1]
        finally:
            with self._lock:
                waiting = self._waiters.get(workshop_id, set())
                waiting.discard(entry)
                if not waiting:
                    self._waiters.pop(workshop_id, None)

    def listening(self, workshop_id: str) -> int:
        """How many listen to *workshop_id* now."""
        with self._lock:
            return len(self._waiters.get(workshop_id, ()))


def event(name: str, data: Any) -> str:
    """One Server-Sent Event carrying *data* as JSON."""
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


async def stream(
    hub: Hub,
    workshop_id: str,
    *,
    revision: Callable[[], Awaitable[int]],
    payload: Callable[[], Awaitable[dict[str, Any]]],
    lifetime: float,
) -> AsyncIterator[str]:
    """Events for one facilitator's screen: a ``live`` event each time the workshop changed.

    The stream ends after *lifetime* seconds (the browser reconnects by itself, so a
    forgotten tab does not hold a connection for ever) and once the workshop is closed.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + lifetime
    last: int | None = None
    yield "retry: 2000\n\n"
    with hub.listen(workshop_id) as changed:
        while True:
            changed.clear()
            current = await revision()
            if current != last:
                last = current
                data = await payload()
                yield event("live", data)
                if data.get("closed"):
                    return
            remaining = deadline - loop.time()
            if remaining <= 0:
                return
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(changed.wait(), timeout=min(FALLBACK_CHECK, remaining))
