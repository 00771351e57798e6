"""Statements compiled once and run with the driver's parameters (store/prepared.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

pytest.importorskip("sqlalchemy")

from sqlalchemy import bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite

from innovationsresan.store import Store
from innovationsresan.store import tables as t
from innovationsresan.store.prepared import Prepared

WHEN = dt.datetime(2026, 12, 1, 19, 30, 5, 123456, tzinfo=dt.UTC)


def bump() -> object:
    return (
        update(t.workshops)
        .where(t.workshops.c.id == bindparam("wid"))
        .values(revision=t.workshops.c.revision + bindparam("by"))
    )


class TestParameters:
    def test_positional_for_sqlite(self) -> None:
        """On SQLite the values go in the order the statement names them."""
        prepared = Prepared.of(bump(), sqlite.dialect())  # type: ignore[arg-type]
        assert ("by", "wid") == prepared.order
        assert (2, "w1") == prepared.parameters({"wid": "w1", "by": 2})

    def test_by_name_for_postgresql(self) -> None:
        """psycopg takes the values by name, in the statement's own placeholders."""
        prepared = Prepared.of(bump(), postgresql.psycopg.dialect())  # type: ignore[arg-type]
        assert prepared.order is None
        assert "%(wid)s" in prepared.sql
        assert {"wid": "w1", "by": 2} == prepared.parameters({"wid": "w1", "by": 2})

    def test_a_date_time_is_converted_as_core_converts_it(self) -> None:
        """SQLite keeps date-times as text: a prepared statement writes the same text."""
        statement = t.answers.insert()
        prepared = Prepared.of(statement, sqlite.dialect())
        values = {"workshop_id": "w", "respondent": "r", "key": "k", "value": "3", "updated": WHEN}
        processor = t.answers.c.updated.type.dialect_impl(sqlite.dialect()).bind_processor(
            sqlite.dialect()
        )
        assert processor is not None
        assert ("w", "r", "k", "3", processor(WHEN)) == prepared.parameters(values)


class TestRunning:
    def test_rows_written_read_back_through_core(self, tmp_path: Path) -> None:
        """Rows written by a prepared statement read back through Core unchanged, and a
        prepared update counts the rows it changed."""
        with Store.open(str(tmp_path / "w.db")) as store:
            workshop, _ = store.create_workshop("Enhet Norr")
            respondent = store.new_participant(workshop.id)
            rows = [
                {
                    "workshop_id": workshop.id,
                    "respondent": respondent,
                    "key": f"current.organisation.{p}",
                    "value": str(i + 1),
                    "updated": WHEN,
                }
                for i, p in enumerate(("curiosity", "ownership"))
            ]
            dialect = store.engine.dialect
            with store.engine.begin() as conn:
                Prepared.of(t.answers.insert(), dialect).run_many(conn, rows)
                changed = Prepared.of(bump(), dialect).run(conn, {"wid": workshop.id, "by": 5})
                assert 1 == changed.rowcount
            with store.engine.connect() as conn:
                read = conn.execute(select(t.answers.c.key, t.answers.c.updated)).all()
            assert {(r["key"], WHEN.replace(tzinfo=None)) for r in rows} == {
                (row.key, row.updated.replace(tzinfo=None)) for row in read
            }
            assert 5 == store.revision(workshop.id)
