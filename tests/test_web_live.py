"""Live updates: the hub wakes listeners from any thread; the stream sends changes and ends."""

from __future__ import annotations

import asyncio
import threading

import pytest

from innovationsresan.web.live import Hub, event, stream


class TestHub:
    def test_a_notification_from_another_thread_wakes_the_listener(self) -> None:
        """A save in a worker thread wakes the event loop waiting on that workshop."""
        hub = Hub()

        async def wait() -> bool:
            with hub.listen("w1") as changed:
                threading.Timer(0.01, hub.notify, args=("w1",)).start()
                await asyncio.wait_for(changed.wait(), timeout=5)
                return changed.is_set()

        assert asyncio.run(wait())
        assert 0 == hub.listening("w1")

    def test_other_workshops_do_not_wake_it(self) -> None:
        """A notification for another workshop leaves the listener waiting."""
        hub = Hub()

        async def wait() -> bool:
            with hub.listen("w1") as changed:
                hub.notify("w2")
                await asyncio.sleep(0.01)
                return changed.is_set()

        assert not asyncio.run(wait())


class TestStream:
    def test_one_event_per_change_then_the_end_when_closed(self) -> None:
        """Each new revision sends a live event; a closed workshop's event is the last."""
        hub = Hub()
        revisions = iter([1, 1, 2])
        states = iter([{"respondents": 1}, {"respondents": 2, "closed": True}])

        async def revision() -> int:
            return next(revisions)

        async def payload() -> dict[str, object]:
            return next(states)

        async def collect() -> list[str]:
            found = []
            async for part in stream(hub, "w", revision=revision, payload=payload, lifetime=5):
                found.append(part)
                hub.notify("w")
            return found

        parts = asyncio.run(collect())
        assert [
            "retry: 2000\n\n",
            event("live", {"respondents": 1}),
            event("live", {"respondents": 2, "closed": True}),
        ] == parts

    @pytest.mark.parametrize("lifetime", [0.0, 0.02])
    def test_the_stream_ends_after_its_lifetime(self, lifetime: float) -> None:
        """A stream without changes ends when its lifetime is over (the browser reconnects)."""

        async def revision() -> int:
            return 7

        async def payload() -> dict[str, object]:
            return {"respondents": 0}

        async def collect() -> int:
            n = 0
            async for _ in stream(
                Hub(), "w", revision=revision, payload=payload, lifetime=lifetime
            ):
                n += 1
            return n

        assert 2 == asyncio.run(collect())
