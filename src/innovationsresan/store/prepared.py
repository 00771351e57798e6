"""Statements compiled once and run with the driver's own parameters.

The statements of the most frequent write (a group of saved screens, see
:meth:`innovationsresan.store.Store._save_many`) are built with SQLAlchemy Core like every
other, compiled once for the database in use and then handed to the driver as they are, so a
save does not pay for building, caching and compiling them again: on SQLite that was most of
the writer's time, and the writer shares Python's lock with the server's event loop. Values
pass through the columns' own conversions (a date-time becomes SQLite's text), so what is
written is what a Core statement would write.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs
from sqlalchemy import Connection, CursorResult
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler


@attrs.frozen
class Prepared:
    """One statement compiled for one database (see :meth:`of`)."""

    sql: str
    #: The parameters' names in the order the driver takes them, or ``None`` when the driver
    #: takes them by name.
    order: tuple[str, ...] | None
    #: The conversion of each parameter that has one.
    convert: Mapping[str, Callable[[Any], Any]]

    @classmethod
    def of(cls, statement: ClauseElement, dialect: Dialect) -> Prepared:
        """*statement* compiled for *dialect*."""
        compiled = statement.compile(dialect=dialect)
        if not isinstance(compiled, SQLCompiler):  # pragma: no cover - DDL is not prepared
            raise TypeError("only SQL statements are prepared")
        convert = {}
        for bind, name in compiled.bind_names.items():
            processor = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if processor is not None:
                convert[name] = processor
        order = compiled.positiontup
        return cls(compiled.string, None if order is None else tuple(order), convert)

    def parameters(self, values: Mapping[str, Any]) -> tuple[Any, ...] | dict[str, Any]:
        """*values* (by parameter name) as the driver takes them."""
        convert = self.convert
        if self.order is None:
            return {k: convert[k](v) if k in convert else v for k, v in values.items()}
        return tuple(convert[k](values[k]) if k in convert else values[k] for k in self.order)

    def run(self, conn: Connection, values: Mapping[str, Any]) -> CursorResult[Any]:
        """Run the statement once, in *conn*'s transaction."""
        return conn.exec_driver_sql(self.sql, self.parameters(values))

    def run_many(self, conn: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
        """Run the statement for each of *rows*, in one call of the driver."""
        conn.exec_driver_sql(self.sql, [self.parameters(row) for row in rows])
