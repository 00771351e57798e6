"""The ``serve`` command: a real server, clear errors for a taken port or a missing extra."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest

from innovationsresan.cli import main, serve
from innovationsresan.cli._common import Context


def run(*argv: str) -> tuple[int, str, str]:
    ctx = Context(out=StringIO(), err=StringIO())
    code = main(list(argv), context=ctx)
    return code, ctx.out.getvalue(), ctx.err.getvalue()  # type: ignore[attr-defined]


@pytest.fixture
def taken() -> Iterator[int]:
    """A port another program listens on."""
    with socket.create_server(("127.0.0.1", 0)) as sock:
        yield int(sock.getsockname()[1])


class TestErrors:
    def test_a_taken_port_is_a_clear_error(self, taken: int, tmp_path: Path) -> None:
        """A port in use exits 2 naming it, in Swedish and in English."""
        db = str(tmp_path / "db.sqlite3")
        code, _, err = run("serve", "--port", str(taken), "--db", db)
        assert 2 == code
        assert f"Porten {taken} på 127.0.0.1 används redan" in err
        code, _, err = run("serve", "--port", str(taken), "--db", db, "--lang", "en")
        assert 2 == code
        assert f"Port {taken} on 127.0.0.1 is already in use" in err
        assert "Traceback" not in err

    def test_a_missing_extra_is_a_clear_error(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without the serve extra the command says what to install (exit 2)."""
        monkeypatch.setattr(serve, "missing_modules", lambda: ["starlette", "uvicorn"])
        code, _, err = run("serve", "--lang", "en")
        assert 2 == code
        assert "missing: starlette, uvicorn" in err
        assert "pip install 'innovationsresan[serve]'" in err

    def test_a_port_out_of_range_is_a_usage_error(self) -> None:
        """--port takes 0 to 65535."""
        code, _, err = run("serve", "--port", "70000")
        assert 2 == code
        assert "ingen port: 70000" in err

    def test_missing_modules_names_distributions(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A module that cannot be found is reported by its distribution's name."""
        monkeypatch.setitem(serve.NEEDED, "no_such_module_here", "no-such-dist")
        assert ["no-such-dist"] == serve.missing_modules()


class TestAddresses:
    @pytest.mark.parametrize(
        ("host", "port", "given", "expected"),
        [
            ("127.0.0.1", 8000, None, "http://127.0.0.1:8000"),
            ("::1", 8000, None, "http://[::1]:8000"),
            ("0.0.0.0", 80, "https://workshop.example/", "https://workshop.example"),  # noqa: S104
        ],
    )
    def test_base_url(self, host: str, port: int, given: str | None, expected: str) -> None:
        """Participants are shown --base-url, else the address the server listens on."""
        assert expected == serve.base_url(host, port, given)

    def test_the_wildcard_address_shows_a_reachable_one(self) -> None:
        """Listening on every address shows this machine's address, never 0.0.0.0."""
        assert "0.0.0.0" not in serve.base_url("0.0.0.0", 8000, None)  # noqa: S104


class TestServing:
    def test_the_server_answers_its_printed_address(self, tmp_path: Path) -> None:
        """``serve --port 0`` prints the admin address with its key; that address answers."""
        command = [
            sys.executable,
            "-m",
            "innovationsresan",
            "serve",
            "--port",
            "0",
            "--lang",
            "en",
            "--db",
            str(tmp_path / "db.sqlite3"),
        ]
        with subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        ) as process:
            try:
                assert process.stdout is not None
                admin = None
                for line in process.stdout:
                    found = re.search(r"(http://127\.0\.0\.1:\d+/admin\?key=\S+)", line)
                    if found:
                        admin = found.group(1)
                        break
                assert admin
                browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
                with browser.open(admin, timeout=30) as reply:
                    page = reply.read().decode("utf-8")
                assert '<form method="post" action="/admin" class="create">' in page
            finally:
                process.terminate()
                process.wait(timeout=30)

    def test_the_server_collects_garbage_as_usual(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        """A server goes on running: it gives the garbage collector its usual thresholds back
        before it starts serving (the console command starts with fewer collections)."""
        import uvicorn

        calls: list[str] = []
        monkeypatch.setattr(serve, "long_running", lambda: calls.append("usual"))
        monkeypatch.setattr(uvicorn.Server, "run", lambda *_, **__: calls.append("serve"))
        code, _, _ = run("serve", "--port", "0", "--db", str(tmp_path / "db.sqlite3"))
        assert (0, ["usual", "serve"]) == (code, calls)

    def test_other_commands_never_import_the_web_stack(self) -> None:
        """Running a command other than serve loads neither Starlette nor the web package."""
        code = (
            "import sys, io\n"
            "from innovationsresan.cli import main\n"
            "main(['principles', '--json'])\n"
            "loaded = [m for m in ('starlette', 'uvicorn', 'innovationsresan.web', 'segno', "
            "'babel') if m in sys.modules]\n"
            "print(loaded)\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert "[]" == done.stdout.strip().splitlines()[-1]
