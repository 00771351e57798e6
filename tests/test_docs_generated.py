"""Tests for the generated parts of the documentation (docs/hooks.py).

The command-line reference must be what the parser prints now, for every command, in both
languages; the principle tables must be the ladder's names and descriptions.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

from innovationsresan import cli
from innovationsresan.ladder import PRINCIPLES
from tests.test_docs_examples import DOCS, pages


def load_hooks() -> ModuleType:
    """docs/hooks.py as a module (it is not part of the package)."""
    spec = importlib.util.spec_from_file_location("docs_hooks", DOCS / "hooks.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hooks = load_hooks()


def every_parser(lang: str) -> list[tuple[str, argparse.ArgumentParser]]:
    """Every parser of the command line, each followed by its sub-commands (the page's order).

    Found independently of the hook's own walk.
    """
    parser, _ = cli.build_parser(lang)
    found: list[tuple[str, argparse.ArgumentParser]] = []

    def visit(current: argparse.ArgumentParser) -> None:
        found.append((current.prog, current))
        for action in current._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub in dict.fromkeys(action.choices.values()):
                    visit(sub)

    visit(parser)
    return found


class TestCliReference:
    @pytest.mark.parametrize(("page", "lang"), [("cli.md", "en"), ("sv/kommandon.md", "sv")])
    def test_page_holds_every_commands_help(self, page: str, lang: str) -> None:
        """The rendered page has one section per command with exactly its current --help."""
        rendered = hooks.render((DOCS / page).read_text(encoding="utf-8"))
        for prog, parser in every_parser(lang):
            section = f"`{prog}`\n\n```text\n{hooks.help_text(parser)}```\n"
            assert section in rendered, prog
        sections = re.findall(r"^#{2,4} `(innovationsresan[^`]*)`$", rendered, re.MULTILINE)
        assert [prog for prog, _ in every_parser(lang)] == sections

    def test_help_is_what_the_program_prints(self) -> None:
        """The help on the page is the same text `innovationsresan --help` prints."""
        parser, _ = cli.build_parser("en")
        assert parser.format_help().split()[:3] == hooks.help_text(parser).split()[:3]
        assert "".join(parser.format_help().split()) == "".join(hooks.help_text(parser).split())

    def test_width_does_not_depend_on_the_terminal(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The generated page is the same whatever width the terminal has."""
        monkeypatch.setenv("COLUMNS", "40")
        narrow = hooks.cli_reference("en")
        monkeypatch.setenv("COLUMNS", "200")
        assert narrow == hooks.cli_reference("en")

    def test_every_command_is_listed(self) -> None:
        """The commands of DESIGN.md §10 that exist appear in the reference."""
        reference = hooks.cli_reference("en")
        for command in ("recommend", "plan check", "plan ics", "followup", "journey", "demo"):
            assert f"`innovationsresan {command}`" in reference


class TestPrincipleTables:
    @pytest.mark.parametrize("lang", ["sv", "en"])
    def test_rows_come_from_the_ladder(self, lang: str) -> None:
        """The principles table lists the nine principles in ladder order with their texts."""
        rows = hooks.principles_table(lang).splitlines()[2:]
        expected = [
            f"| {p.rung + 1} | `{p.id}` | {p.name.get(lang)} | {p.description.get(lang)} |"
            for p in PRINCIPLES
        ]
        assert expected == rows

    def test_levels_include_both(self) -> None:
        """The levels table has the two levels and the placement between them."""
        table = hooks.levels_table("sv")
        assert ["`limited`", "`both`", "`innovative`"] == re.findall(r"`[a-z]+`", table)


class TestMarkers:
    def test_every_marker_names_a_generator(self) -> None:
        """No page asks for a generated part that does not exist, and none is left unfilled."""
        for path in pages():
            text = path.read_text(encoding="utf-8")
            for match in hooks.MARKER.finditer(text):
                assert match["name"] in hooks.GENERATORS, f"{path}: {match[0]}"
            assert "<!-- generate:" not in hooks.render(text), path

    def test_unknown_marker_is_an_error(self) -> None:
        """A misspelled marker stops the build instead of vanishing silently."""
        with pytest.raises(ValueError, match="unknown generated part"):
            hooks.render("<!-- generate: principals en -->\n")

    def test_pages_use_the_generated_principles(self) -> None:
        """The model pages in both languages take the principles from the ladder."""
        assert "<!-- generate: principles en -->" in (DOCS / "concepts.md").read_text("utf-8")
        assert "<!-- generate: principles sv -->" in (DOCS / "sv/modellen.md").read_text("utf-8")


def test_hooks_module_is_the_docs_one() -> None:
    """The hooks under test are the file MkDocs is configured with."""
    config = (DOCS.parent / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks:\n  - docs/hooks.py" in config
    assert Path(hooks.__file__) == DOCS / "hooks.py"


class TestApiReference:
    def test_roles_become_code(self) -> None:
        """A Sphinx role before rendered code is dropped; ``~`` keeps the last part of the name."""
        html = (
            "a :class:<code>~innovationsresan.model.Problem</code> from "
            ":func:<code>innovationsresan.load_catalog</code>, <code>x</code>"
        )
        expected = (
            "a <code>Problem</code> from <code>innovationsresan.load_catalog</code>, <code>x</code>"
        )
        assert expected == hooks.plain_roles(html)

    def test_the_page_event_uses_it(self) -> None:
        """MkDocs' page-content event removes the roles, so the API page shows none."""
        assert "<code>Catalog</code>" == hooks.on_page_content(":class:<code>Catalog</code>")
