"""Running a content pack's code so that nothing it does can stop the program.

A pack is code someone else wrote. Importing it, calling its hooks and its plan rules goes
through a :class:`Guard`, which runs each call in a worker thread and waits at most until the
pack's time is up:

* whatever the call raises — also ``KeyboardInterrupt``, ``SystemExit`` and ``GeneratorExit``,
  which ordinary ``except Exception`` lets through — comes back as the call's error;
* ``os._exit()`` called by the pack raises :class:`ExitRefused` in the pack instead of ending
  the process (while a guard is open);
* a call that has not returned when the pack's time is up is abandoned: the guard stops
  waiting, the caller marks the pack ``error`` and goes on without it.

The honest limit: Python cannot stop a thread. An abandoned call keeps running in the
background (it may still use processor time and memory) until the program ends; it can no
longer change the catalogue, which has been built without it. A pack that ends the process
in a way Python cannot intercept (``os.kill`` of itself, a crash in C code) still ends it.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any, Final, NoReturn

import attrs

#: Seconds a pack may spend in its import and its hooks together (and a plan rule in one
#: call) before it is given up and marked ``error``.
TIME_LIMIT: Final = 10.0

#: The environment variable that sets another time limit in seconds (a positive number).
TIME_LIMIT_VAR: Final = "INNOVATIONSRESAN_PACK_TIME_LIMIT"

#: The most items one hook may return (or yield); a pack returning more is marked ``error``.
MAX_ITEMS: Final = 100_000


def time_limit() -> float:
    """The time limit in seconds: :data:`TIME_LIMIT_VAR` when it holds a positive number."""
    value = os.environ.get(TIME_LIMIT_VAR, "")
    try:
        seconds = float(value)
    except ValueError:
        return TIME_LIMIT
    return seconds if 0 < seconds < float("inf") else TIME_LIMIT


class ExitRefused(BaseException):
    """Raised in a pack's code where it called ``os._exit()``: the process goes on."""

    def __init__(self, code: object) -> None:
        self.code = code
        super().__init__(f"os._exit({code!r}) is not allowed in a content pack")


class TooManyItemsError(ValueError):
    """A hook returned or yielded more than :data:`MAX_ITEMS` items."""


@attrs.frozen
class Outcome:
    """What one guarded call gave: its value, or the exception it raised, or that it timed out."""

    value: Any = None
    error: BaseException | None = None
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        """Whether the call returned normally in time."""
        return self.error is None and not self.timed_out


def bounded_list(value: Any, limit: int = MAX_ITEMS) -> list[Any]:
    """The items of the iterable *value*, refusing more than *limit* (an endless generator too)."""
    items: list[Any] = []
    for item in value:
        if len(items) >= limit:
            raise TooManyItemsError(f"more than {limit} items")
        items.append(item)
    return items


_Job = tuple[Callable[[], Any], list[Outcome], threading.Event]

_exit_lock = threading.Lock()
_open_guards = 0
_real_exit = os._exit


def _refuse_exit(status: int) -> NoReturn:
    raise ExitRefused(status)


class Guard:
    """Runs calls into pack code in a worker thread, each waited for at most until a deadline.

    Use it as a context manager around everything that calls a pack; the worker thread is
    started on the first call and ends when the guard is closed (unless a call it is running
    never returns: then it is left behind, see the module's description).
    """

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[_Job | None] | None = None
        self._worker: threading.Thread | None = None

    def __enter__(self) -> Guard:
        global _open_guards  # noqa: PLW0603 - one patch of os._exit for all open guards
        with _exit_lock:
            if _open_guards == 0:
                os._exit = _refuse_exit
            _open_guards += 1
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        global _open_guards  # noqa: PLW0603
        if self._jobs is not None:
            self._jobs.put(None)
            self._jobs = None
        if self._worker is not None:
            # idle, it ends at once: afterwards a live thread of the command is pack code
            self._worker.join(timeout=1.0)
            self._worker = None
        with _exit_lock:
            _open_guards -= 1
            if _open_guards == 0:
                os._exit = _real_exit

    def call(self, function: Callable[[], Any], *, timeout: float) -> Outcome:
        """Run *function* in the worker; its outcome, or ``timed_out`` after *timeout* seconds."""
        if timeout <= 0:
            return Outcome(timed_out=True)
        if self._jobs is None:
            self._jobs = queue.SimpleQueue()
            worker = threading.Thread(
                target=_work, args=(self._jobs,), name="innovationsresan-pack", daemon=True
            )
            worker.start()
            self._worker = worker
        box: list[Outcome] = []
        done = threading.Event()
        self._jobs.put((function, box, done))
        if not done.wait(timeout):
            # the worker is stuck in the pack's code: leave it, and start a new one next time
            self._jobs.put(None)
            self._jobs = None
            self._worker = None
            return Outcome(timed_out=True)
        return box[0]


def _work(jobs: queue.SimpleQueue[_Job | None]) -> None:
    while (job := jobs.get()) is not None:
        function, box, done = job
        try:
            box.append(Outcome(value=function()))
        except BaseException as exc:  # everything a pack raises is its failure
            box.append(Outcome(error=exc))
        finally:
            done.set()


class Budget:
    """The time one pack has left, spent by the calls made for it."""

    def __init__(self, seconds: float) -> None:
        self.left = seconds

    def spend(self, guard: Guard, function: Callable[[], Any]) -> Outcome:
        """Run *function* under *guard* within the time left, and take the time it took."""
        started = time.monotonic()
        outcome = guard.call(function, timeout=self.left)
        self.left -= time.monotonic() - started
        return outcome


def describe(error: BaseException) -> str:
    """``Type: message`` of an exception a pack raised (the type alone without a message)."""
    try:
        text = str(error).strip()
    except Exception:  # a pack's exception may fail to print itself
        text = ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
