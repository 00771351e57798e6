"""A throw-away PostgreSQL server for the tests, started from the test session.

``postgresql_server`` (session scope) runs ``initdb`` into a fresh temporary folder and starts
the server on a free loopback port; ``postgresql_url`` (per test) creates an empty database
in it, gives its URL and drops the database again after the test. The folder is in memory
(``/dev/shm``) where the system has it: the server runs with ``fsync=off`` anyway, and on disk
every database left behind was written back and deleted at the session's end (minutes).
Each pytest-xdist worker starts a server of its own, on its own port and in its own folder.
Outside CI the tests are skipped when PostgreSQL is not installed; in CI (``CI=true``) they
fail instead, so a missing server is never mistaken for a pass. PostgreSQL refuses to run as
root: then the server runs as the ``postgres`` user if the system has one, else as ``nobody``.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest


def binaries() -> Path | None:
    """The folder with ``initdb`` and ``pg_ctl``: on PATH, else the newest Debian install."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).parent
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: (
            int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0
        ),
    )
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _server_user() -> pwd.struct_passwd | None:
    """The unprivileged user to run the server as, when the tests run as root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    pytest.fail("running as root and neither a 'postgres' nor a 'nobody' user exists")


@attrs.define
class PostgresServer:
    """A running server: ``port`` on 127.0.0.1, databases made on demand."""

    bin: Path
    folder: Path
    port: int
    user: pwd.struct_passwd | None
    made: int = 0

    def _run(self, *argv: str) -> subprocess.CompletedProcess[str]:
        kwargs: dict[str, object] = {}
        if self.user is not None:
            kwargs = {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []}
        env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
        return subprocess.run(  # type: ignore[call-overload, no-any-return]
            argv,
            check=False,
            capture_output=True,
            text=True,
            env=env,
            cwd=self.folder,
            timeout=120,
            **kwargs,
        )

    def start(self) -> None:
        data = self.folder / "data"
        done = self._run(
            str(self.bin / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        if done.returncode != 0:
            pytest.fail(f"initdb failed:\n{done.stdout}\n{done.stderr}")
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off"
        done = self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(self.folder / "server.log"),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
        )
        if done.returncode != 0:
            log = (self.folder / "server.log").read_text(errors="replace")
            pytest.fail(f"pg_ctl start failed:\n{done.stdout}\n{done.stderr}\n{log}")

    def stop(self) -> None:
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "stop"
        )

    def url(self, database: str = "postgres") -> str:
        """The ``postgresql://`` URL of *database* (the form a person gives ``--db``)."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def _admin(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True
        ) as conn:
            conn.execute(statement)  # type: ignore[arg-type]

    def new_database(self) -> str:
        """A new, empty database; its name."""
        self.made += 1
        name = f"test_{self.made}"
        self._admin(f"CREATE DATABASE {name}")
        return name

    def drop_database(self, name: str) -> None:
        """Drop *name*, closing whatever connections a test left open to it."""
        self._admin(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def postgresql_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server for the whole session (skipped outside CI when not installed)."""
    folder = binaries()
    if folder is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed (apt-get install postgresql); CI needs it")
        pytest.skip("PostgreSQL is not installed")
    user = _server_user()
    # not under pytest's tmp_path: its folders are private to root, the server user must enter
    memory = "/dev/shm" if os.access("/dev/shm", os.W_OK | os.X_OK) else None
    home = Path(tempfile.mkdtemp(prefix="innovationsresan-pg-", dir=memory))
    home.chmod(0o755)
    if user is not None:
        os.chown(home, user.pw_uid, user.pw_gid)
    server = PostgresServer(bin=folder, folder=home, port=_free_port(), user=user)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def postgresql_url(postgresql_server: PostgresServer) -> Iterator[str]:
    """The URL of a new, empty database on the session's server, dropped after the test."""
    name = postgresql_server.new_database()
    yield postgresql_server.url(name)
    postgresql_server.drop_database(name)
