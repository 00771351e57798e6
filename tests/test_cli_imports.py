"""Each command line imports what it needs and nothing more (docs/performance.md).

Every case runs the command line in a fresh interpreter, as the console script does, and looks
at ``sys.modules`` afterwards: a module imported at the top of the wrong file fails here, long
before anyone measures the start-up time. No time is measured.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from innovationsresan import cli

# Runs one command line and writes the names of the loaded modules to the file in argv[1].
_PROBE = """
import sys
from innovationsresan.cli import main
code = main(sys.argv[2:])
with open(sys.argv[1], "w", encoding="utf-8") as out:
    out.write("\\n".join(sorted(sys.modules)))
raise SystemExit(code)
"""

COMMAND_MODULES = {f"innovationsresan.cli.{m}" for m in cli.COMMAND_MODULES}
# Heavy parts only some commands need.
REPORT = {"jinja2", "markupsafe", "innovationsresan.report.render"}
CALENDAR = {"icalendar", "innovationsresan.ical"}
CATALOGUE = {"importlib.metadata", "pluggy", "innovationsresan.packs.loader"}
# Command modules that build texts of the model when imported (their --help loads attrs).
MODEL_AT_IMPORT = {"workshop", "serve"}
# Reading and checking a pack's files, which the cache of checked packs spares.
READING_PACKS = {
    "innovationsresan.packs.content",
    "innovationsresan.packs.schema",
    "innovationsresan.checks",
    "innovationsresan.files.documents",
    "innovationsresan.files.parsecache",
}
# What argparse pulls in when a help formatter asks shutil for the terminal's width.
HELP_FORMATTER = {"shutil", "bz2", "lzma"}


def loaded(tmp_path: Path, *argv: str) -> set[str]:
    """The modules loaded after running ``innovationsresan *argv*`` in a fresh interpreter."""
    listing = tmp_path / "modules.txt"
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(listing), *argv],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode in (0, 1, 2), done.stderr
    return set(listing.read_text(encoding="utf-8").split("\n"))


def others(command: str) -> set[str]:
    """The command modules other than the one that registers *command*."""
    own = next(module for name, module, *_ in cli.COMMANDS if name == command)
    return COMMAND_MODULES - {f"innovationsresan.cli.{own}"}


class TestStartUp:
    def test_version_imports_nothing_of_the_library(self, tmp_path: Path) -> None:
        """--version answers before argparse, attrs, typing or any command module is loaded."""
        modules = loaded(tmp_path, "--version")
        heavy = {"argparse", "attrs", "typing", "json", "datetime", "pathlib", "csv", "re"}
        assert set() == modules & (heavy | COMMAND_MODULES | HELP_FORMATTER)
        assert {"innovationsresan", "innovationsresan.cli"} == {
            m for m in modules if m.startswith("innovationsresan")
        }

    @pytest.mark.parametrize("argv", [["--help"], ["--lang", "en", "-h"], []])
    def test_help_lists_commands_from_the_table(self, tmp_path: Path, argv: list[str]) -> None:
        """The command list needs argparse alone: no command module, attrs or the model."""
        modules = loaded(tmp_path, *argv)
        heavy = {"attrs", "innovationsresan.model", "json", "datetime", "csv", "pathlib"}
        assert set() == modules & (heavy | COMMAND_MODULES | HELP_FORMATTER | CATALOGUE)

    @pytest.mark.parametrize("command", [name for name, *_ in cli.COMMANDS])
    def test_command_help_imports_its_own_module_only(self, tmp_path: Path, command: str) -> None:
        """`innovationsresan COMMAND --help` loads that command's module and no other."""
        modules = loaded(tmp_path, command, "--help")
        assert f"innovationsresan.cli.{_module(command)}" in modules
        assert set() == modules & (others(command) | REPORT | CALENDAR | CATALOGUE)
        assert set() == modules & HELP_FORMATTER

    @pytest.mark.parametrize(
        "command",
        [name for name, module, *_ in cli.COMMANDS if module not in MODEL_AT_IMPORT],
    )
    def test_command_help_needs_no_model(self, tmp_path: Path, command: str) -> None:
        """`innovationsresan COMMAND --help` shows argparse's text alone: attrs and the model
        stay unloaded (a command module imports them where its commands run)."""
        modules = loaded(tmp_path, command, "--help")
        assert set() == modules & {"attrs", "innovationsresan.model"}


class TestCommandsAtWork:
    @pytest.mark.parametrize("command", ["principles", "levels"])
    def test_principles_and_levels(self, tmp_path: Path, command: str) -> None:
        """principles and levels need the ladder and the packs' words (packs may describe the
        principles and levels), not reading, scoring or the report."""
        modules = loaded(tmp_path, command)
        unneeded = {"innovationsresan.scoring", "innovationsresan.files.responses", "csv"}
        assert set() == modules & (others(command) | REPORT | CALENDAR | unneeded)

    def test_packs(self, tmp_path: Path) -> None:
        """packs loads the catalogue but nothing of scoring, recommending or the report."""
        modules = loaded(tmp_path, "packs")
        unneeded = {"innovationsresan.scoring", "innovationsresan.recommendation", "csv"}
        assert set() == modules & (others("packs") | REPORT | CALENDAR | unneeded)

    @pytest.mark.parametrize("command", ["principles", "packs"])
    def test_packs_parsed_once(self, tmp_path: Path, command: str) -> None:
        """Once the packs' TOML is in the cache of parsed files, tomllib is not imported; nor
        are the parts only errors need (difflib's hints) or only dates need (datetime)."""
        loaded(tmp_path, command)  # fills the cache (in the tests' own cache folder)
        modules = loaded(tmp_path, command)
        assert set() == modules & {"tomllib", "difflib", "datetime"}

    @pytest.mark.parametrize(
        "argv", [["principles"], ["packs"], ["levels"], ["principles", "--json"]]
    )
    def test_installed_packs_listed_from_the_index(self, tmp_path: Path, argv: list[str]) -> None:
        """Once the catalogue has loaded, packs, principles and levels answer from the index of
        installed packs: attrs, typing, pathlib, pluggy, the model, the catalogue and the packs'
        own code all stay unloaded."""
        loaded(tmp_path, *argv)  # writes the index (in the tests' own cache folder)
        modules = loaded(tmp_path, *argv)
        assert "innovationsresan.packs.index" in modules
        unneeded = {
            "attrs",
            "typing",
            "pathlib",
            "pluggy",
            "innovationsresan.model",
            "innovationsresan.catalog",
            "innovationsresan.packs.loader",
            "innovationsresan_kiruna",
        }
        assert set() == modules & (unneeded | READING_PACKS | CATALOGUE)

    def test_packs_checked_once(self, tmp_path: Path) -> None:
        """Once the packs are in the cache of checked packs, a command loading the catalogue
        (here cards) neither parses their files nor checks their content: the reader, its
        checks and the document readers stay unloaded."""
        loaded(tmp_path, "cards")  # fills the cache (in the tests' own cache folder)
        modules = loaded(tmp_path, "cards")
        assert "innovationsresan.packs.checkedcache" in modules
        assert set() == modules & READING_PACKS

    def test_score(self, tmp_path: Path) -> None:
        """score reads and scores; the report, calendar and recommending stay unloaded."""
        (tmp_path / "team.jsonl").write_text(
            '{"schema": "innovationsresan.response/1", "scale": 5}\n',
            encoding="utf-8",
        )
        modules = loaded(tmp_path, "score", "team.jsonl")
        assert "innovationsresan.scoring" in modules
        unneeded = {"innovationsresan.recommendation", "innovationsresan.plans"}
        assert set() == modules & (others("score") | REPORT | CALENDAR | unneeded)

    def test_plan_check_without_calendar(self, tmp_path: Path) -> None:
        """Checking a plan writes no calendar, so icalendar is not imported."""
        modules = loaded(tmp_path, "plan", "check", "missing.toml")
        assert set() == modules & (others("plan") | REPORT | CALENDAR)


class TestTable:
    @pytest.mark.parametrize("lang", ["sv", "en"])
    def test_table_is_what_the_modules_register(self, lang: str) -> None:
        """COMMANDS names every registered command in help order, with the modules' own help."""
        parser, _ = cli.build_parser(lang)
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        registered = [(c.dest, c.help) for c in sub._choices_actions]
        expected = [(name, en if lang == "en" else sv) for name, _, sv, en in cli.COMMANDS]
        assert expected == registered

    @pytest.mark.parametrize(("name", "module"), [(n, m) for n, m, *_ in cli.COMMANDS])
    def test_each_command_comes_from_its_module(self, name: str, module: str) -> None:
        """Building the parser for one command registers that command from the named module."""
        parser, _ = cli.build_parser("en", name)
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        assert sub.choices[name].get_default("run") is not None, module

    def test_a_named_command_builds_its_module_alone(self) -> None:
        """The parser for one command holds that command's module alone: a command line naming
        a command never shows the list, so the others are not built at all."""
        parser, _ = cli.build_parser("en", "demo")
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        assert {"report", "demo"} == set(sub.choices)

    def test_top_level_help_is_the_same_either_way(self) -> None:
        """The command list from the table reads exactly like the one the modules build."""
        for lang in ("sv", "en"):
            full, _ = cli.build_parser(lang)
            listed, _ = cli.build_parser(lang, "")
            assert full.format_help() == listed.format_help()


def _module(command: str) -> str:
    return next(module for name, module, *_ in cli.COMMANDS if name == command)
