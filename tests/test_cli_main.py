"""Tests for the command-line frame: exit codes, languages, no tracebacks."""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest

from innovationsresan import __version__, cli
from innovationsresan.cli._common import Context
from innovationsresan.errors import InputError
from innovationsresan.hookspecs import hookimpl
from innovationsresan.model import LocalizedText
from innovationsresan.packs import loader


def run(argv: list[str]) -> tuple[int, str, str]:
    ctx = Context(out=StringIO(), err=StringIO())
    code = cli.main(argv, context=ctx)
    return code, ctx.out.getvalue(), ctx.err.getvalue()  # type: ignore[attr-defined]


class TestMain:
    def test_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--version prints the version and exits 0."""
        assert 0 == cli.main(["--version"])
        assert f"innovationsresan {__version__}" in capsys.readouterr().out

    def test_no_command_shows_help(self) -> None:
        """Without a command the help is shown and the exit code is 2."""
        code, out, _ = run([])
        assert 2 == code
        assert "innovationsresan" in out

    def test_unknown_command_is_usage_error(self) -> None:
        """An unknown command exits 2 with a message in the chosen language."""
        code, _, err = run(["fly"])
        assert 2 == code
        assert "fel i kommandoraden" in err
        code, _, err = run(["fly", "--lang", "en"])
        assert 2 == code
        assert "error:" in err

    def test_input_error_exits_2_without_traceback(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """An InputError from a command exits 2 and shows its message, not a traceback."""

        def failing(args: argparse.Namespace, ctx: Context) -> int:
            raise InputError("Filen kan inte läsas.")

        _patch_command(monkeypatch, failing)
        code, _, err = run(["boom"])
        assert 2 == code
        assert "Filen kan inte läsas." in err
        assert "Traceback" not in err

    def test_internal_error_is_caught_unless_debug(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """An unexpected exception exits 3 with a short message; --debug adds the traceback."""

        def failing(args: argparse.Namespace, ctx: Context) -> int:
            raise ZeroDivisionError("oops")

        _patch_command(monkeypatch, failing)
        code, _, err = run(["boom", "--lang", "en"])
        assert 3 == code
        assert "Internal error: ZeroDivisionError: oops" in err
        assert "Traceback" not in err
        code, _, err = run(["boom", "--debug"])
        assert 3 == code
        assert "Traceback" in err

    def test_not_a_language_code(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A --lang that is no BCP 47 code is a usage error naming it."""
        _patch_command(monkeypatch, lambda args, ctx: 0)
        code, _, err = run(["boom", "--lang", "x1!"])
        assert 2 == code
        assert "'x1!' är ingen språkkod" in err

    @pytest.mark.parametrize(
        ("given", "expected"), [("fi", "fi"), ("fi-FI", "fi"), ("EN", "en"), ("sv_SE", "sv")]
    )
    def test_any_language_code(
        self, monkeypatch: pytest.MonkeyPatch, given: str, expected: str
    ) -> None:
        """Any BCP 47 code is taken for content, by its language part in lower case."""
        seen: list[str] = []
        _patch_command(monkeypatch, lambda args, ctx: seen.append(ctx.lang) or 0)
        code, _, _ = run(["boom", "--lang", given])
        assert (0, [expected]) == (code, seen)


def _patch_command(monkeypatch: pytest.MonkeyPatch, func: object) -> None:
    original = cli.build_parser

    def build(
        lang: str = "sv", command: str | None = None
    ) -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
        parser, common = original(lang, command)
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        boom = sub.add_parser("boom", parents=[common])
        boom.set_defaults(run=func)
        return parser, common

    monkeypatch.setattr(cli, "build_parser", build)


class TestModuleEntry:
    def test_python_dash_m(self) -> None:
        """python -m innovationsresan runs the command line."""
        done = subprocess.run(
            [sys.executable, "-m", "innovationsresan", "--version"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert 0 == done.returncode
        assert __version__ in done.stdout


class TestErrorRendering:
    def test_severity_in_the_chosen_language(self) -> None:
        """An error's problems name their severity in Swedish or English."""
        from innovationsresan.model import Problem

        error = InputError(
            "Svaren kan inte läsas.",
            problems=[Problem.error("invalid-rating", "r.toml:current", "för högt", "too high")],
        )
        assert "  fel: r.toml:current: för högt [invalid-rating]" in error.render("sv")
        assert "  error: r.toml:current: too high [invalid-rating]" in error.render("en")


class TestLanguageOption:
    def test_abbreviated_lang_is_honoured(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """argparse accepts --lan for --lang, and the messages then follow it."""

        def failing(args: argparse.Namespace, ctx: Context) -> int:
            raise InputError(LocalizedText.of("på svenska", "in English"))

        _patch_command(monkeypatch, failing)
        code, _, err = run(["boom", "--lan", "en"])
        assert (2, "in English\n") == (code, err)

    def test_last_lang_wins(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Given twice, the last --lang counts, as for every other option."""

        def failing(args: argparse.Namespace, ctx: Context) -> int:
            raise InputError(LocalizedText.of("på svenska", "in English"))

        _patch_command(monkeypatch, failing)
        code, _, err = run(["boom", "--lang", "sv", "--lang=en"])
        assert (2, "in English\n") == (code, err)

    def test_abbreviated_debug_shows_the_traceback(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """--deb, which argparse reads as --debug, shows the traceback too."""

        def failing(args: argparse.Namespace, ctx: Context) -> int:
            raise ZeroDivisionError("oops")

        _patch_command(monkeypatch, failing)
        code, _, err = run(["boom", "--deb"])
        assert 3 == code
        assert "Traceback" in err


class TestUsageMessages:
    @pytest.mark.parametrize(
        ("argv", "swedish"),
        [
            (["followup", "a.toml"], "följande argument saknas: --after"),
            (["score", "a.toml", "--today", "x"], "okända argument: --today x"),
            (["plan", "bogus"], "argumentet COMMAND: ogiltigt val: 'bogus' (välj bland"),
            (["followup", "a.toml", "--after"], "argumentet --after: minst ett värde behövs"),
            (["plan", "check", "p.toml", "--today"], "argumentet --today: ett värde behövs"),
        ],
    )
    def test_argparse_messages_in_swedish(self, argv: list[str], swedish: str) -> None:
        """argparse's own complaints come in Swedish by default."""
        code, out, err = run(argv)
        assert (2, "") == (code, out)
        assert swedish in err

    def test_argparse_messages_in_english(self) -> None:
        """With --lang en, argparse's complaints stay as argparse wrote them."""
        code, _, err = run(["followup", "a.toml", "--lang", "en"])
        assert 2 == code
        expected = "innovationsresan followup: error: the following arguments are required: --after"
        assert f"{expected}\n" == err


class TestSystemErrors:
    def test_os_error_exits_2_naming_the_file(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A file the system refuses is not a bug: exit 2 with the file and why, no traceback."""

        def failing(args: argparse.Namespace, ctx: Context) -> int:
            raise PermissionError(13, "Permission denied", "/srv/out.html")

        _patch_command(monkeypatch, failing)
        assert (2, "", "/srv/out.html kan inte användas: behörighet saknas.\n") == run(["boom"])
        code, _, err = run(["boom", "--lang", "en"])
        assert (2, "/srv/out.html cannot be used: permission denied.\n") == (code, err)


class TestHelp:
    def test_swedish_help_has_swedish_headings(self, capsys: pytest.CaptureFixture[str]) -> None:
        """In Swedish, argparse's own words in --help are Swedish too."""
        assert 0 == cli.main(["score", "--help"])
        out = capsys.readouterr().out
        assert out.startswith("användning: innovationsresan score ")
        assert "\nargument:\n" in out
        assert "\nflaggor:\n  -h, --help     visa den här hjälpen och avsluta\n" in out

    def test_english_help_is_argparse_s(self, capsys: pytest.CaptureFixture[str]) -> None:
        """In English the help keeps argparse's headings."""
        assert 0 == cli.main(["score", "--help", "--lang", "en"])
        out = capsys.readouterr().out
        assert out.startswith("usage: innovationsresan score ")
        assert "\noptions:\n  -h, --help     show this help message and exit\n" in out


class Chatty:
    """A pack that prints from its metadata hook, as a careless pack might."""

    @hookimpl
    def innovationsresan_pack_info(self) -> dict[str, Any]:
        print("hello from a pack")
        return {"id": "chatty", "name": {"sv": "Pratig", "en": "Chatty"}, "version": "1"}


class TestJsonStdout:
    def test_pack_prints_go_to_stderr(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """In --json mode, what a pack prints while loading lands on stderr, not in the JSON."""
        monkeypatch.setenv("INNOVATIONSRESAN_NO_CACHE", "1")  # no index: the packs load
        real = loader.load_catalog
        monkeypatch.setattr(
            loader,
            "load_catalog",
            lambda **kwargs: real(entry_points=False, plugins=[Chatty()]),
        )
        code, out, err = run(["packs", "--json"])

        assert 0 == code
        assert ["chatty"] == [pack["id"] for pack in json.loads(out)]
        assert "hello from a pack" in err


class TestOptionsBeforeTheCommand:
    @pytest.mark.parametrize("argv", [["--lang", "en", "--help"], ["--lang=en", "--help"]])
    def test_top_level_help_in_english(
        self, argv: list[str], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--lang before --help at the top is accepted, and the help comes out in English."""
        assert 0 == cli.main(argv)
        out = capsys.readouterr().out
        assert out.startswith("usage: innovationsresan ")
        assert "Innovationsresan: reflect, see where you stand" in out

    @pytest.mark.parametrize("group", ["pack", "plan"])
    def test_group_help_in_english(self, group: str, capsys: pytest.CaptureFixture[str]) -> None:
        """The pack and plan groups take --lang before their sub-command, with English help."""
        assert 0 == cli.main([group, "--lang", "en", "--help"])
        out = capsys.readouterr().out
        assert out.startswith(f"usage: innovationsresan {group} ")
        assert "\noptions:\n" in out

    def test_pack_group_passes_lang_on(self) -> None:
        """pack --lang en check reports in English."""
        code, _, err = run(["pack", "--lang", "en", "check", "/nonexistent/folder"])
        assert 2 == code
        assert "/nonexistent/folder is not a pack folder" in err

    def test_options_before_the_command(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """--lang, --json and --debug are accepted before the command name."""
        seen: list[tuple[str, bool, bool]] = []

        def record(args: argparse.Namespace, ctx: Context) -> int:
            seen.append((ctx.lang, ctx.json, ctx.debug))
            return 0

        _patch_command(monkeypatch, record)
        assert 0 == run(["--lang", "en", "--json", "--debug", "boom"])[0]
        assert [("en", True, True)] == seen

    def test_the_value_after_the_command_wins(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A --lang after the command name wins over one before it, and only the one given."""

        def failing(args: argparse.Namespace, ctx: Context) -> int:
            raise InputError(LocalizedText.of("på svenska", "in English"))

        _patch_command(monkeypatch, failing)
        assert (2, "på svenska\n") == run(["--lang", "en", "boom", "--lang", "sv"])[::2]
        assert (2, "in English\n") == run(["--lang", "en", "boom", "--json"])[::2]


class TestTextArguments:
    @pytest.mark.parametrize(
        "argv",
        [
            ["plan", "new", "-o", "{dir}/p.toml", "--title", "T\udcff"],
            ["report", "{dir}", "-o", "{dir}/r.html", "--title", "T\udcff"],
            ["plan", "new", "-o", "{dir}/p.toml", "--team", "T\udcff"],
        ],
    )
    def test_text_that_is_not_utf8(self, tmp_path: Path, argv: list[str]) -> None:
        """A text argument holding bytes that are not UTF-8 is exit 2, never an internal error."""
        from innovationsresan.catalog import Catalog

        ctx = Context(out=StringIO(), err=StringIO())
        ctx.use_catalog(Catalog())
        code = cli.main([a.format(dir=tmp_path) for a in argv], context=ctx)
        assert 2 == code
        assert "är inte giltig UTF-8-text" in ctx.err.getvalue()  # type: ignore[attr-defined]
        assert [] == list(tmp_path.iterdir())


class TestGarbageCollector:
    def test_the_command_collects_rarely_and_skips_the_last_collection(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The console command runs with COMMAND_LINE_GC and freezes what it made before it
        ends, keeping the thresholds it started with for long_running."""
        calls: list[object] = []
        monkeypatch.setattr(cli, "_usual_gc", None)
        monkeypatch.setattr(gc, "set_threshold", lambda *limits: calls.append(limits))
        monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
        monkeypatch.setattr(cli, "main", lambda: calls.append("main") or 3)
        with pytest.raises(SystemExit) as stopped:
            cli.entry()
        assert (3, [cli.COMMAND_LINE_GC, "main", "freeze"]) == (stopped.value.code, calls)
        assert gc.get_threshold() == cli._usual_gc

    def test_a_long_running_command_gets_the_usual_thresholds(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """long_running() gives back the thresholds the command started with, and changes
        nothing when main() was called by a program rather than the console command."""
        calls: list[object] = []
        monkeypatch.setattr(gc, "set_threshold", lambda *limits: calls.append(limits))
        monkeypatch.setattr(cli, "_usual_gc", None)
        cli.long_running()
        monkeypatch.setattr(cli, "_usual_gc", (700, 10, 10))
        cli.long_running()
        assert [(700, 10, 10)] == calls
