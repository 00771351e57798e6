"""Tests of group commit (store.writer): writes waiting together are committed together."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import Connection, insert, select

from innovationsresan.store import Store
from innovationsresan.store.tables import store_info
from innovationsresan.store.writer import GroupWriter


def insert_key(key: str) -> object:
    """A job that inserts one row into store_info and returns its key."""

    def job(conn: Connection) -> str:
        conn.execute(insert(store_info).values(key=key, value="x"))
        return key

    return job


def fail(conn: Connection) -> None:
    """A job that writes and then fails."""
    conn.execute(insert(store_info).values(key="failed", value="x"))
    raise ValueError("no")


class TestGroupWriter:
    def test_failing_job_is_rolled_back_alone(self, tmp_path: Path) -> None:
        """In one batch, a failing job's writes are undone and the others are committed."""
        with Store.open(str(tmp_path / "w.db")) as store:
            writer = GroupWriter(lambda: store._transaction(write=True))
            gate = threading.Event()
            results: dict[str, object] = {}

            def blocked(conn: Connection) -> None:
                gate.wait(10)

            def submit(name: str, job: object) -> None:
                try:
                    results[name] = writer.run(job)  # type: ignore[arg-type]
                except ValueError as exc:
                    results[name] = exc

            first = threading.Thread(target=submit, args=("blocked", blocked))
            first.start()
            time.sleep(0.1)  # the writer is now inside the first batch
            jobs = [("a", insert_key("a")), ("bad", fail), ("b", insert_key("b"))]
            threads = [threading.Thread(target=submit, args=job) for job in jobs]
            for thread in threads:
                thread.start()
                time.sleep(0.05)  # queued in this order behind the blocked batch
            gate.set()
            for thread in [first, *threads]:
                thread.join()
            assert "a" == results["a"]
            assert "b" == results["b"]
            assert isinstance(results["bad"], ValueError)
            with store.engine.connect() as conn:
                keys = conn.execute(select(store_info.c.key).order_by(store_info.c.key)).scalars()
                assert ["a", "b", "schema_version"] == list(keys)

    def test_alone_a_job_runs_on_its_callers_thread(self, tmp_path: Path) -> None:
        """With nothing else waiting, the caller commits its own job: no thread in between."""
        with Store.open(str(tmp_path / "w.db")) as store:
            writer = GroupWriter(lambda: store._transaction(write=True))
            assert threading.get_ident() == writer.run(lambda conn: threading.get_ident())
            assert "b" == writer.run(insert_key("b"))

    def test_failed_commit_reaches_every_caller(self, tmp_path: Path) -> None:
        """When the transaction itself fails, every job of the batch gets the error."""

        class Broken:
            def __enter__(self) -> Connection:
                raise OSError("disk gone")

            def __exit__(self, *exc: object) -> None:
                return None

        writer = GroupWriter(Broken)  # type: ignore[arg-type]
        with pytest.raises(OSError, match="disk gone"):
            writer.run(insert_key("a"))


class TestSavesTogether:
    def test_batch_of_screens_keeps_each_outcome(self, tmp_path: Path) -> None:
        """Screens saved in one batch each get their own outcome; refused ones write nothing."""
        from innovationsresan.store import UnknownParticipantError, WorkshopClosedError

        key, other = "current.organisation.curiosity", "current.individual.curiosity"
        with Store.open(str(tmp_path / "w.db")) as store:
            open_one, _ = store.create_workshop("Open")
            closed, _ = store.create_workshop("Closed")
            first = store.new_participant(open_one.id)
            second = store.new_participant(open_one.id)
            late = store.new_participant(closed.id)
            store.save_answers(closed.id, late, {key: "1"})  # caches the workshop as open
            with Store.open(str(tmp_path / "w.db")) as elsewhere:  # this store does not know
                elsewhere.close(closed.id)
            gate = threading.Event()
            results: dict[str, object] = {}

            def submit(name: str, call: object) -> None:
                try:
                    results[name] = call()  # type: ignore[operator]
                except Exception as exc:
                    results[name] = exc

            blocker = threading.Thread(
                target=submit, args=("blocked", lambda: store._writer.run(lambda c: gate.wait(10)))
            )
            blocker.start()
            time.sleep(0.1)
            calls = [
                ("a", lambda: store.save_answers(open_one.id, first, {key: "2"})),
                ("b", lambda: store.save_answers(open_one.id, "forged", {key: "3"})),
                ("c", lambda: store.save_answers(closed.id, late, {key: "4"})),
                ("d", lambda: store.save_answers(open_one.id, second, {key: "5"})),
                ("e", lambda: store.save_answers(open_one.id, first, {key: "3", other: "1"})),
            ]
            threads = [threading.Thread(target=submit, args=call) for call in calls]
            for thread in threads:
                thread.start()
                time.sleep(0.05)
            gate.set()
            for thread in [blocker, *threads]:
                thread.join()
            assert [None, None, None] == [results[n] for n in "ade"]
            assert isinstance(results["b"], UnknownParticipantError)
            assert isinstance(results["c"], WorkshopClosedError)
            assert {key: "3", other: "1"} == store.answers(open_one.id, first)
            assert {key: "5"} == store.answers(open_one.id, second)
            assert {key: "1"} == store.answers(closed.id, late)
            assert 3 == store.revision(open_one.id)
