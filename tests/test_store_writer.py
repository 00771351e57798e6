"""Tests of group commit (store.writer): writes waiting together are committed together."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import Connection, func, insert, select

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
            writer.stop()
            assert "a" == results["a"]
            assert "b" == results["b"]
            assert isinstance(results["bad"], ValueError)
            with store.engine.connect() as conn:
                keys = conn.execute(select(store_info.c.key).order_by(store_info.c.key)).scalars()
                assert ["a", "b", "schema_version"] == list(keys)

    def test_stop_then_run_again(self, tmp_path: Path) -> None:
        """After stop, the next write starts a new writer thread."""
        with Store.open(str(tmp_path / "w.db")) as store:
            writer = GroupWriter(lambda: store._transaction(write=True))
            assert "a" == writer.run(insert_key("a"))
            writer.stop()
            writer.stop()
            assert "b" == writer.run(insert_key("b"))
            writer.stop()
            with store.engine.connect() as conn:
                count = conn.execute(select(func.count()).select_from(store_info)).scalar()
            assert 3 == count

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
        writer.stop()
