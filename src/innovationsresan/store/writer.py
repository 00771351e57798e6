"""Group commit: writes that arrive together are committed together.

A commit that survives a power cut waits for the disk (``fsync``), some milliseconds each.
When 200 phones save at once, one commit per answer would queue them all behind the disk.
Instead, a caller that finds no commit under way becomes the *leader*: it takes every write
waiting at that moment (its own and those queued behind the previous commit), runs them in
one transaction and commits once; the others find their writes done when they get their
turn. One wait for the disk acknowledges them all, and no extra thread is needed: the
callers' own threads do the work, so nothing waits for a writer thread to be scheduled.

A write that fails (a closed workshop, a limit) is rolled back alone (its own savepoint, or
a group that writes nothing for it) and its caller gets the error; the others are kept.
Callers return only once the commit has returned, so "saved" still means "on the disk".

A caller on an event loop has no thread to lend: it *submits* its write and awaits the
future. A submitted write wakes the writer's own thread, which leads a commit like any caller
would; the event loop never waits for the disk, and no thread pool is needed per request.
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
P = TypeVar("P")

#: Writes committed together at most; a bound on how long one batch holds the database.
MAX_BATCH = 200

#: Writes of one kind done together: payloads in, one outcome (an error or ``None``) each out.
#: It must leave no trace of a payload whose outcome is an error.
Group = Callable[[Connection, list[Any]], list[BaseException | None]]

# a job: a function of the connection (run in its own savepoint), or a group and its payload
_Job = tuple[Callable[[Connection], Any] | None, Group | None, Any, "Future[Any]"]


class GroupWriter:
    """Commits write jobs in groups; ``transaction()`` gives the shared transaction."""

    def __init__(self, transaction: Callable[[], AbstractContextManager[Connection]]) -> None:
        self._transaction = transaction
        self._queue: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        self._leader = threading.Lock()
        # the thread that leads commits of submitted writes (started on the first submit)
        self._wake: queue.SimpleQueue[bool] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._starting = threading.Lock()

    def run(self, job: Callable[[Connection], T]) -> T:
        """Run *job* in the next shared transaction; its value once committed, or its error."""
        future: Future[T] = Future()
        self._wait_for(future, (job, None, None, future))
        return future.result()

    def run_grouped(self, group: Group, payload: object) -> None:
        """Do *payload* with others of its *group* in one go; its error, if any, is raised.

        A group does many writes in a few statements; the few statements are what lets a
        busy server keep up (each statement waits its turn for Python's lock).
        """
        future: Future[None] = Future()
        self._wait_for(future, (None, group, payload, future))
        future.result()

    def submit(self, job: Callable[[Connection], T]) -> Future[T]:
        """Like :meth:`run`, without waiting: the writer's thread commits *job* (see
        :meth:`submit_grouped`); the future holds its value or its error."""
        future: Future[T] = Future()
        self._queue.put((job, None, None, future))
        self._ensure_thread()
        self._wake.put(True)
        return future

    def submit_grouped(self, group: Group, payload: object) -> Future[None]:
        """Like :meth:`run_grouped`, without waiting: the future is done once committed.

        The writer's thread commits it (with whatever else waits), so the caller, an event
        loop, never blocks; the future carries the payload's error, if any.
        """
        future: Future[None] = Future()
        self._queue.put((None, group, payload, future))
        self._ensure_thread()
        self._wake.put(True)
        return future

    def close(self) -> None:
        """Stop the writer's thread once what was submitted is committed."""
        with self._starting:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._wake.put(False)
            thread.join()

    def _ensure_thread(self) -> None:
        if self._thread is not None:
            return
        with self._starting:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._lead_submitted, name="innovationsresan-writer", daemon=True
                )
                self._thread.start()

    def _lead_submitted(self) -> None:
        """The writer's thread: commit what is queued each time a write is submitted."""
        while True:
            running = self._wake.get()
            while True:  # one wake-up serves every submit that came meanwhile
                try:
                    running = self._wake.get_nowait() and running
                except queue.Empty:
                    break
            with self._leader:
                while batch := list(self._waiting()):
                    self._commit(batch)
            if not running:
                return

    def _wait_for(self, future: Future[Any], item: _Job) -> None:
        self._queue.put(item)
        while not future.done():
            with self._leader:  # one commit at a time; the next leader takes what queued
                if not future.done():
                    self._commit(list(self._waiting()))

    def _waiting(self) -> Iterator[_Job]:
        """The jobs queued now, at most :data:`MAX_BATCH`, without waiting."""
        for _ in range(MAX_BATCH):
            try:
                yield self._queue.get_nowait()
            except queue.Empty:
                return

    def _commit(self, batch: list[_Job]) -> None:
        if not batch:
            return
        outcomes: list[tuple[Future[Any], BaseException | None, Any]] = []
        alone = len(batch) == 1  # a failing job may then roll back the whole transaction
        try:
            with self._transaction() as conn:
                i = 0
                while i < len(batch):
                    job, group, _, future = batch[i]
                    if group is not None:
                        j = i
                        while (
                            j < len(batch) and batch[j][1] == group
                        ):  # bound methods are equal, not identical
                            j += 1
                        results = group(conn, [item[2] for item in batch[i:j]])
                        outcomes.extend(
                            (item[3], error, None)
                            for item, error in zip(batch[i:j], results, strict=True)
                        )
                        i = j
                        continue
                    if job is None:  # pragma: no cover - _put is given one or the other
                        raise TypeError("a job needs a function or a group")
                    outcomes.append(_one(conn, job, future, alone))
                    i += 1
                if alone and outcomes[0][1] is not None:
                    raise outcomes[0][1]
        except BaseException as exc:  # nothing of the batch is saved
            for item in batch:
                item[3].set_exception(exc)
            return
        for future, error, value in outcomes:
            if error is None:
                future.set_result(value)
            else:
                future.set_exception(error)


def _one(
    conn: Connection, job: Callable[[Connection], Any], future: Future[Any], alone: bool
) -> tuple[Future[Any], BaseException | None, Any]:
    """Run one job, in a savepoint of its own unless it is alone in the transaction."""
    savepoint = None if alone else conn.begin_nested()
    try:
        value = job(conn)
    except Exception as exc:  # the caller's error; the others go on
        if savepoint is not None:
            savepoint.rollback()
        return future, exc, None
    if savepoint is not None:
        savepoint.commit()
    return future, None, value
