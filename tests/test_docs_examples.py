"""Tests that run the code examples of the documentation (docs/*.md, docs/sv/*.md).

Every ```python block runs; the blocks of one page share one namespace, in page order.
Every ```console block runs its ``$ innovationsresan …`` lines through :func:`cli.main` and
checks the exit code (0 unless the block says otherwise).
An HTML comment on the line before a block changes that:

* ``<!-- console: compare -->`` also compares what the command prints with the lines shown;
* ``<!-- console: exit=1 -->`` expects that exit code;
* ``<!-- python: skip -->`` / ``<!-- console: skip -->`` does not run the block (it needs a
  terminal, a network or another machine).

The examples run in a temporary copy of ``docs/examples``, the folder the pages tell readers to
work in, so they may write files freely.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import attrs
import pytest

from innovationsresan import cli
from innovationsresan.cli._common import Context
from innovationsresan.files.journeys import read_journey
from innovationsresan.files.plans import read_plan
from innovationsresan.files.responses import read_responses
from innovationsresan.packs.loader import load_catalog
from innovationsresan.plans import validate_plan
from innovationsresan.recommendation import recommend
from innovationsresan.scoring import score

DOCS = Path(__file__).resolve().parent.parent / "docs"
EXAMPLES = DOCS / "examples"

_FENCE = re.compile(r"^```(?P<lang>[a-z]*)\s*$")
_OPTIONS = re.compile(r"^<!-- (?P<kind>python|console): (?P<options>[^>]*) -->$")


@attrs.frozen
class Block:
    """One fenced code block of a page, with the options of the comment before it."""

    page: str
    line: int
    lang: str
    text: str
    options: tuple[str, ...] = ()

    @property
    def skipped(self) -> bool:
        """Whether the page asks not to run this block."""
        return "skip" in self.options

    @property
    def exit_code(self) -> int:
        """The exit code every command of the block must end with."""
        for option in self.options:
            if option.startswith("exit="):
                return int(option.removeprefix("exit="))
        return 0

    @property
    def where(self) -> str:
        """``page:line`` for messages."""
        return f"{self.page}:{self.line}"


def pages() -> list[Path]:
    """Every Markdown page of the documentation."""
    return sorted(DOCS.glob("*.md")) + sorted(DOCS.glob("sv/*.md"))


def blocks(path: Path, root: Path = DOCS) -> list[Block]:
    """The fenced code blocks of *path* in page order, the page named relative to *root*."""
    page = path.relative_to(root).as_posix()
    found: list[Block] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        opening = _FENCE.match(lines[i])
        if not opening or not opening["lang"]:
            i += 1
            continue
        start = i
        i += 1
        body: list[str] = []
        while i < len(lines) and lines[i].rstrip() != "```":
            body.append(lines[i])
            i += 1
        previous = next((lines[j] for j in range(start - 1, -1, -1) if lines[j].strip()), "")
        marked = _OPTIONS.match(previous.strip())
        options: tuple[str, ...] = ()
        if marked and marked["kind"] == opening["lang"]:
            options = tuple(marked["options"].split())
        found.append(Block(page, start + 1, opening["lang"], "\n".join(body) + "\n", options))
        i += 1
    return found


def all_blocks(lang: str) -> list[Block]:
    """Every block in *lang* over the whole documentation."""
    return [b for path in pages() for b in blocks(path) if b.lang == lang]


@attrs.frozen
class Command:
    """One ``$ innovationsresan …`` line of a console block and the output shown after it."""

    argv: tuple[str, ...]
    shown: str


def commands(block: Block) -> list[Command]:
    """The commands of a console block; any other ``$`` line is an error in the page."""
    result: list[Command] = []
    argv: list[str] | None = None
    shown: list[str] = []
    for line in block.text.splitlines():
        if line.startswith("$ "):
            if argv is not None:
                result.append(Command(tuple(argv), _joined(shown)))
            words = shlex.split(line[2:])
            if not words or words[0] != "innovationsresan":
                raise AssertionError(f"{block.where}: only innovationsresan runs here: {line!r}")
            argv, shown = words[1:], []
        elif argv is not None:
            shown.append(line)
    if argv is not None:
        result.append(Command(tuple(argv), _joined(shown)))
    return result


def _joined(lines: list[str]) -> str:
    return "".join(f"{line}\n" for line in lines)


@contextlib.contextmanager
def working_copy(tmp_path: Path) -> Iterator[Path]:
    """A copy of docs/examples as the current folder, for one page's examples."""
    here = tmp_path / "examples"
    shutil.copytree(EXAMPLES, here)
    old = Path.cwd()
    os.chdir(here)
    try:
        yield here
    finally:
        os.chdir(old)


def run_cli(argv: tuple[str, ...]) -> tuple[int, str, str]:
    """Run one command line in-process; exit code, stdout and stderr."""
    out, err = StringIO(), StringIO()
    code = cli.main(list(argv), context=Context(out=out, err=err))
    return code, out.getvalue(), err.getvalue()


def _page_id(path: Path) -> str:
    return path.relative_to(DOCS).as_posix()


PAGES_WITH_PYTHON = [p for p in pages() if any(b.lang == "python" for b in blocks(p))]
CONSOLE_BLOCKS = [b for b in all_blocks("console") if not b.skipped]


class TestPythonExamples:
    @pytest.mark.parametrize("path", PAGES_WITH_PYTHON, ids=_page_id)
    def test_page_runs(self, path: Path, tmp_path: Path) -> None:
        """The page's Python examples run in order without an error."""
        namespace: dict[str, object] = {"__name__": "__docs__"}
        with working_copy(tmp_path):
            for block in blocks(path):
                if block.lang == "python" and not block.skipped:
                    code = compile(block.text, block.where, "exec")
                    exec(code, namespace)  # noqa: S102 - running the documentation is the test

    def test_recommend_stays_a_function(self) -> None:
        """``ir.recommend`` is the function even when its module was imported first (the pages
        call it after other code has loaded the module)."""
        code = (
            "import innovationsresan as ir, innovationsresan.recommendation\n"
            "assert callable(ir.recommend), ir.recommend\n"
        )
        argv = [sys.executable, "-c", code]
        done = subprocess.run(argv, check=False, capture_output=True, text=True)
        assert 0 == done.returncode, done.stderr


class TestConsoleExamples:
    @pytest.mark.parametrize("block", CONSOLE_BLOCKS, ids=lambda b: b.where)
    def test_block_runs(self, block: Block, tmp_path: Path) -> None:
        """Each command of the block ends with the expected exit code (and output if compared)."""
        with working_copy(tmp_path):
            for command in commands(block):
                code, out, err = run_cli(command.argv)
                assert block.exit_code == code, f"{block.where}: {shlex.join(command.argv)}\n{err}"
                if "compare" in block.options:
                    assert command.shown == out, f"{block.where}: {shlex.join(command.argv)}"


def toml_examples(kind: str) -> list[Block]:
    """The complete TOML examples of one kind of file (those with their schema line)."""
    schema = f'schema = "innovationsresan.{kind}/1"'
    return [b for b in all_blocks("toml") if schema in b.text.splitlines()]


class TestFileExamples:
    @pytest.mark.parametrize("block", toml_examples("response"), ids=lambda b: b.where)
    def test_response(self, block: Block, tmp_path: Path) -> None:
        """A response shown in the documentation reads and scores without a problem."""
        path = tmp_path / "r.toml"
        path.write_text(block.text, encoding="utf-8")
        score(read_responses(path), load_catalog())

    @pytest.mark.parametrize("block", toml_examples("plan"), ids=lambda b: b.where)
    def test_plan(self, block: Block, tmp_path: Path) -> None:
        """A plan shown in the documentation reads, and its only findings are about the date."""
        path = tmp_path / "plan.toml"
        path.write_text(block.text, encoding="utf-8")
        plan = read_plan(path)
        report = validate_plan(plan, load_catalog(), today=plan.created)
        assert [] == [p.code for p in report.problems]

    @pytest.mark.parametrize("block", toml_examples("journey"), ids=lambda b: b.where)
    def test_journey(self, block: Block, tmp_path: Path) -> None:
        """A journey.toml shown in the documentation reads without a problem."""
        (tmp_path / "journey.toml").write_text(block.text, encoding="utf-8")
        shutil.copytree(EXAMPLES / "workshop", tmp_path / "2026-11-26")
        journey = read_journey(tmp_path, load_catalog(), today=None)
        assert [] == list(journey.all_problems())

    def test_csv(self, tmp_path: Path) -> None:
        """The CSV example of the file formats reads and scores."""
        (block,) = [b for b in blocks(DOCS / "formats.md") if b.text.startswith("respondent,")]
        path = tmp_path / "team.csv"
        path.write_text(block.text, encoding="utf-8")
        assert 3 == score(read_responses(path), load_catalog()).respondents

    def test_every_kind_has_an_example(self) -> None:
        """The file formats page shows a response, a plan and a journey."""
        assert all(toml_examples(kind) for kind in ("response", "plan", "journey"))


class TestBlockParser:
    def test_options_come_from_the_comment_before(self, tmp_path: Path) -> None:
        """A marker comment before a block sets its options; blocks without one have none."""
        page = tmp_path / "page.md"
        page.write_text(
            "Text\n\n<!-- console: compare exit=1 -->\n```console\n$ innovationsresan x\nout\n```\n"
            "\n```python\nprint(1)\n```\n",
            encoding="utf-8",
        )
        found = blocks(page, tmp_path)
        assert [("console", ("compare", "exit=1")), ("python", ())] == [
            (b.lang, b.options) for b in found
        ]
        assert 1 == found[0].exit_code
        assert [Command(("x",), "out\n")] == commands(found[0])

    def test_other_commands_are_refused(self, tmp_path: Path) -> None:
        """A ``$`` line that is not innovationsresan must be marked skip, so it fails here."""
        block = Block("p.md", 1, "console", "$ pip install x\n")
        with pytest.raises(AssertionError, match="only innovationsresan"):
            commands(block)

    def test_every_page_has_been_parsed(self) -> None:
        """The documentation has Python and console examples for this suite to run."""
        assert PAGES_WITH_PYTHON
        assert CONSOLE_BLOCKS


class TestStatedResults:
    def test_two_cards_cover_the_example_team(self) -> None:
        """With the repository's two packs, two cards cover every gap of the example team, so
        ``recommend -k 3`` stops at two (docs/recommend.md and the quickstarts say so)."""
        catalog = load_catalog(packs=["kiruna", "metodbank"])
        result = score(read_responses(EXAMPLES / "workshop"), catalog)

        chosen = recommend(result, catalog, k=3)

        assert ["kiruna:simple-prototype", "kiruna:interview"] == [
            f"{s.card.pack}:{s.card.id}" for s in chosen
        ]
        page = (DOCS / "recommend.md").read_text(encoding="utf-8")
        assert "two cards are enough here" in page
