"""Group commit: one thread runs the store's frequent writes in shared transactions.

A commit that survives a power cut waits for the disk (``fsync``), some milliseconds each.
When 200 phones save at once, one commit per answer would queue them all behind the disk.
The writer thread instead takes every write waiting at that moment, runs each one inside its
own savepoint of one transaction, and commits them together: one wait for the disk
acknowledges them all. A write that fails (a closed workshop, a limit) is rolled back to its
savepoint alone and its caller gets the error; the others are kept. Callers wait until the
commit has returned, so "saved" still means "on the disk".
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import AbstractContextManager
from typing import Any, TypeVar

from sqlalchemy import Connection

T = TypeVar("T")

#: Writes committed together at most; a bound on how long one batch holds the database.
MAX_BATCH = 200

_Job = tuple[Callable[[Connection], Any], "Future[Any]"]


class GroupWriter:
    """Runs write jobs on one thread; ``transaction()`` gives the shared transaction."""

    def __init__(self, transaction: Callable[[], AbstractContextManager[Connection]]) -> None:
        self._transaction = transaction
        self._queue: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def run(self, job: Callable[[Connection], T]) -> T:
        """Run *job* in the next shared transaction; its value once committed, or its error."""
        future: Future[T] = Future()
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._loop, name="innovationsresan-store-writer", daemon=True
                )
                self._thread.start()
            self._queue.put((job, future))
        return future.result()

    def stop(self) -> None:
        """Finish the waiting writes and end the thread (a later ``run`` starts a new one)."""
        with self._lock:
            if self._thread is not None:
                self._queue.put(None)
                self._thread.join()
                self._thread = None

    def _loop(self) -> None:
        stopping = False
        while not stopping:
            first = self._queue.get()
            if first is None:
                stopping = True
                batch = list(self._waiting())
            else:
                batch = [first]
                for job in self._waiting():
                    batch.append(job)
                    if len(batch) >= MAX_BATCH:
                        break
            if batch:
                self._commit(batch)

    def _waiting(self) -> Iterator[_Job]:
        """The jobs queued now, without waiting (a stop marker among them is passed over)."""
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            if item is not None:
                yield item

    def _commit(self, batch: list[_Job]) -> None:
        outcomes: list[tuple[Future[Any], BaseException | None, Any]] = []
        try:
            with self._transaction() as conn:
                for job, future in batch:
                    savepoint = conn.begin_nested()
                    try:
                        value = job(conn)
                    except Exception as exc:  # the caller's error; the others go on
                        savepoint.rollback()
                        outcomes.append((future, exc, None))
                    else:
                        savepoint.commit()
                        outcomes.append((future, None, value))
        except BaseException as exc:  # the commit failed: nothing of the batch is saved
            for _, future in batch:
                future.set_exception(exc)
            return
        for future, error, value in outcomes:
            if error is None:
                future.set_result(value)
            else:
                future.set_exception(error)
