"""Tests of group commit (store.writer): writes waiting together are committed together."""

from __future__ import annotations

import asyncio
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


class TestSubmitted:
    def test_submitted_screens_are_committed_by_the_writers_thread(self, tmp_path: Path) -> None:
        """A submitted write is done by the writer's own thread; its future is done only once
        the commit has returned, and a second store sees it then."""
        key = "current.organisation.curiosity"
        path = str(tmp_path / "w.db")
        with Store.open(path) as store:
            workshop, _ = store.create_workshop("Enhet Norr")
            respondent = store.new_participant(workshop.id)
            threads: list[str] = []

            def group(conn: Connection, payloads: list[object]) -> list[BaseException | None]:
                threads.append(threading.current_thread().name)
                return store._save_many(conn, payloads)  # type: ignore[arg-type]

            screen = store._screen(workshop.id, respondent, {key: "4"})
            assert screen is not None
            future = store._writer.submit_grouped(group, screen)
            assert future.result(10) is None
            with Store.open(path, create=False) as other:
                assert {key: "4"} == other.answers(workshop.id, respondent)
            assert ["innovationsresan-writer"] == threads

    def test_a_submitted_error_reaches_its_future_only(self, tmp_path: Path) -> None:
        """A refused screen's future carries the error; the writer goes on with the next."""
        from innovationsresan.store import UnknownParticipantError

        key = "current.organisation.curiosity"
        with Store.open(str(tmp_path / "w.db")) as store:
            workshop, _ = store.create_workshop("Enhet Norr")
            respondent = store.new_participant(workshop.id)
            forged = store._screen(workshop.id, "forged", {key: "1"})
            mine = store._screen(workshop.id, respondent, {key: "2"})
            refused = store._writer.submit_grouped(store._save_many, forged)
            kept = store._writer.submit_grouped(store._save_many, mine)
            assert isinstance(refused.exception(10), UnknownParticipantError)
            assert kept.result(10) is None
            assert {key: "2"} == store.answers(workshop.id, respondent)

    def test_closing_the_store_stops_the_writers_thread(self, tmp_path: Path) -> None:
        """After close() no writer thread is left running."""
        store = Store.open(str(tmp_path / "w.db"))
        workshop, _ = store.create_workshop("Enhet Norr")
        respondent = store.new_participant(workshop.id)
        screen = store._screen(workshop.id, respondent, {"desired.individual.ownership": "5"})
        store._writer.submit_grouped(store._save_many, screen).result(10)
        store.close()
        assert not [t for t in threading.enumerate() if t.name == "innovationsresan-writer"]


class TestSaveAnswersAsync:
    def test_saves_like_save_answers(self, tmp_path: Path) -> None:
        """The first save (nothing cached) and later ones are committed, last answer winning."""
        key = "current.organisation.curiosity"
        with Store.open(str(tmp_path / "w.db")) as store:
            workshop, _ = store.create_workshop("Enhet Norr")
            respondent = store.new_participant(workshop.id)
            asyncio.run(store.save_answers_async(workshop.id, respondent, {key: "1"}))
            asyncio.run(store.save_answers_async(workshop.id, respondent, {key: "3"}))
            assert {key: "3"} == store.answers(workshop.id, respondent)
            assert 2 == store.revision(workshop.id)

    def test_refusals_are_those_of_save_answers(self, tmp_path: Path) -> None:
        """An invalid rating, a forged participant and a workshop closed elsewhere are refused
        with the errors save_answers raises; nothing of them is saved."""
        from innovationsresan.errors import InputError
        from innovationsresan.store import UnknownParticipantError, WorkshopClosedError

        key = "current.organisation.curiosity"
        path = str(tmp_path / "w.db")
        with Store.open(path) as store:
            workshop, _ = store.create_workshop("Enhet Norr")
            respondent = store.new_participant(workshop.id)
            asyncio.run(store.save_answers_async(workshop.id, respondent, {key: "2"}))
            with pytest.raises(InputError):
                asyncio.run(store.save_answers_async(workshop.id, respondent, {key: "9"}))
            with pytest.raises(UnknownParticipantError):
                asyncio.run(store.save_answers_async(workshop.id, "forged", {key: "1"}))
            with Store.open(path) as elsewhere:
                elsewhere.close(workshop.id)
            with pytest.raises(WorkshopClosedError):
                asyncio.run(store.save_answers_async(workshop.id, respondent, {key: "5"}))
            assert {key: "2"} == store.answers(workshop.id, respondent)


class TestJoinAsync:
    def test_a_participant_joins_through_the_writers_thread(self, tmp_path: Path) -> None:
        """new_participant_async makes a participant numbered in join order, committed."""
        with Store.open(str(tmp_path / "w.db")) as store:
            workshop, _ = store.create_workshop("Enhet Norr")
            first = store.new_participant(workshop.id)
            second = asyncio.run(store.new_participant_async(workshop.id))
            assert first != second
            assert store.is_participant(workshop.id, second)
            asyncio.run(
                store.save_answers_async(
                    workshop.id, second, {"current.organisation.curiosity": "2"}
                )
            )
            assert ["r02"] == [r.respondent for r in store.responses(workshop.id)]

    def test_a_closed_workshop_takes_no_one(self, tmp_path: Path) -> None:
        """Joining a closed workshop raises WorkshopClosedError; nobody is added."""
        from innovationsresan.store import WorkshopClosedError

        with Store.open(str(tmp_path / "w.db")) as store:
            workshop, _ = store.create_workshop("Enhet Norr")
            store.close(workshop.id)
            with pytest.raises(WorkshopClosedError):
                asyncio.run(store.new_participant_async(workshop.id))
            assert not store._members
