"""Which database, and one engine for it: a SQLite file by default, PostgreSQL by URL.

SQLite is set up on every new connection so that an answer acknowledged to a phone survives
``kill -9`` of the server and a power cut:

* ``journal_mode=WAL``: readers (the live views) never wait for the writer, and a commit is
  one append to the write-ahead log;
* ``synchronous=FULL``: every commit is synced to the disk before it returns. With WAL,
  ``NORMAL`` would already survive a killed process (the log is in the operating system's
  cache) but could lose the last commits in a power cut; answers are few and small, so the
  store pays one sync per commit for the stronger promise;
* ``foreign_keys=ON``: SQLite checks references only when asked;
* write transactions start with ``BEGIN IMMEDIATE``, so two writers queue at the start
  (waiting up to ``busy_timeout``) instead of one failing halfway; a read of one statement
  needs no transaction of its own.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from innovationsresan.errors import InputError
from innovationsresan.model import LocalizedText, Problem
from innovationsresan.store.errors import StoreUnavailableError

#: The SQLite file's name inside the user data folder.
DATABASE_NAME = "workshops.sqlite3"
#: How long a writer waits for another one to finish, in seconds.
BUSY_TIMEOUT = 30.0

#: The execution option that makes a transaction on SQLite start as a writer.
IMMEDIATE = "innovationsresan_immediate"
#: The execution option for a connection that only reads, one statement at a time: on SQLite
#: each statement is then its own transaction, saving a BEGIN and a COMMIT per read.
SINGLE_READ = "innovationsresan_single_read"


def data_folder(
    *,
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
    home: Path | None = None,
) -> Path:
    """The platform's folder for this user's application data, with ``innovationsresan`` added.

    ``$XDG_DATA_HOME`` (else ``~/.local/share``) on Linux and other Unix systems,
    ``~/Library/Application Support`` on macOS, ``%LOCALAPPDATA%`` (else ``%APPDATA%``) on
    Windows.
    """
    env = os.environ if environ is None else environ
    system = sys.platform if platform is None else platform
    user = Path.home() if home is None else home
    if system.startswith("win"):
        root = env.get("LOCALAPPDATA") or env.get("APPDATA")
        base = Path(root) if root else user / "AppData" / "Local"
    elif system == "darwin":
        base = user / "Library" / "Application Support"
    else:
        xdg = env.get("XDG_DATA_HOME", "")
        # the XDG rule: a relative path is invalid and is ignored
        base = Path(xdg) if xdg and Path(xdg).is_absolute() else user / ".local" / "share"
    return base / "innovationsresan"


def default_database_url(
    *,
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
    home: Path | None = None,
) -> str:
    """``sqlite:///`` and the file ``workshops.sqlite3`` in :func:`data_folder`."""
    path = data_folder(environ=environ, platform=platform, home=home) / DATABASE_NAME
    return f"sqlite:///{path}"


def _unusable(given: str, sv: str, en: str) -> InputError:
    return InputError(
        LocalizedText.of(
            f"Databasadressen '{given}' kan inte användas.",
            f"The database address '{given}' cannot be used.",
        ),
        problems=[Problem.error("invalid-database", "db", sv, en)],
    )


def database_url(url_or_path: str | None = None) -> URL:
    """The SQLAlchemy URL for what a person gives as ``--db``.

    ``None`` is :func:`default_database_url`; ``postgresql://…`` and ``postgres://…`` use the
    psycopg 3 driver; ``sqlite:///…`` is taken as it is; anything without ``://`` is the path
    of a SQLite file. Other databases and in-memory SQLite (which would forget every answer)
    raise :class:`InputError`.
    """
    if url_or_path is None:
        url_or_path = default_database_url()
    given = url_or_path.strip()
    if "://" not in given:
        if not given:
            raise _unusable(given, "sökvägen är tom", "the path is empty")
        path = Path(given).expanduser().absolute()
        return URL.create("sqlite", database=str(path))
    scheme, rest = given.split("://", 1)
    if scheme.lower() in ("postgresql", "postgres", "postgresql+psycopg"):
        given = f"postgresql+psycopg://{rest}"
    try:
        url = make_url(given)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        raise _unusable(
            _hide(given), "adressen går inte att tolka", "the address cannot be parsed"
        ) from None
    if url.get_backend_name() == "sqlite":
        if url.drivername != "sqlite":
            raise _unusable(_hide(given), "använd sqlite:///SÖKVÄG", "use sqlite:///PATH")
        if not url.database or url.database == ":memory:" or url.database.startswith("file:"):
            raise _unusable(
                _hide(given),
                "en databas i minnet glömmer alla svar; ange en fil",
                "a database in memory forgets every answer; give a file",
            )
        return url
    if url.drivername != "postgresql+psycopg":
        raise _unusable(
            _hide(given),
            "bara SQLite (en fil) och PostgreSQL (postgresql://…) stöds",
            "only SQLite (a file) and PostgreSQL (postgresql://…) are supported",
        )
    if url.host and "@" in url.host:  # the password held an "@": part of it was read as host
        raise _unusable(
            _hide(given), "skriv @ i lösenordet som %40", "write an @ in the password as %40"
        )
    return url


def _hide(given: str) -> str:
    """*given* with any password replaced by ``***``: all from the ``:`` after the user name
    to the last ``@``, since a password may hold an ``@`` or a ``/``."""
    scheme, _, rest = given.partition("://")
    userinfo, _, host = rest.rpartition("@")
    if ":" not in userinfo:  # no user information, or no password in it
        return given
    return f"{scheme}://{userinfo.partition(':')[0]}:***@{host}"


def shown(url: URL) -> str:
    """The URL as it may be printed: without its password."""
    return url.render_as_string(hide_password=True)


#: The first bytes of every SQLite database file.
SQLITE_HEADER = b"SQLite format 3\x00"


def prepare_sqlite_file(url: URL, *, create: bool) -> None:
    """Check the SQLite file of *url* before it is opened; with *create*, make its folder.

    A missing file is refused unless *create* (SQLite would quietly make an empty one, and
    its folders are made only here); a folder, or a file that does not start like a SQLite
    database, is refused rather than handed to SQLite, whose message would be English only.
    An empty file is a new database. Raises :class:`StoreUnavailableError` with a code.
    """
    if not url.database:  # pragma: no cover - database_url() refused it
        raise ValueError("a SQLite URL needs a file")
    path = Path(url.database)
    where = shown(url)
    if path.is_dir():
        raise StoreUnavailableError(
            where,
            LocalizedText.of(
                "det är en mapp; ange en databasfil i den, till exempel workshops.sqlite3",
                "it is a folder; give a database file in it, such as workshops.sqlite3",
            ),
            code="not-a-database",
        )
    if not path.exists():
        if not create:
            raise StoreUnavailableError(
                where,
                LocalizedText.of(
                    "filen finns inte; en databas skapas av 'workshop new' och 'serve'",
                    "the file does not exist; 'workshop new' and 'serve' create a database",
                ),
                code="missing-database",
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreUnavailableError(where, exc.strerror or str(exc)) from exc
        return
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StoreUnavailableError(where, exc.strerror or str(exc)) from exc
    if head and head != SQLITE_HEADER:
        raise StoreUnavailableError(
            where,
            LocalizedText.of(
                "filen är ingen SQLite-databas; ange workshoppens databasfil",
                "the file is not a SQLite database; give the workshops' database file",
            ),
            code="not-a-database",
        )


def make_engine(url: URL) -> Engine:
    """An engine for *url*, with SQLite's pragmas and transaction start set on connect."""
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def _sqlite_engine(url: URL) -> Engine:
    if not url.database:  # pragma: no cover - database_url() refused it
        raise ValueError("a SQLite URL needs a file")
    engine = create_engine(
        url,
        connect_args={"timeout": BUSY_TIMEOUT, "check_same_thread": False},
        pool_size=10,
        max_overflow=20,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, connection_record: Any) -> None:
        # The driver's own transaction handling is off; the "begin" hook below starts them.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT * 1000)}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        options = connection.get_execution_options()
        if options.get(IMMEDIATE, False):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        elif not options.get(SINGLE_READ, False):
            connection.exec_driver_sql("BEGIN")

    return engine
