"""MkDocs hooks: pages fill their generated parts from the library itself.

A page asks for a generated part with an HTML comment on a line of its own,
``<!-- generate: NAME LANG -->``, where NAME is one of :data:`GENERATORS` and LANG is ``sv`` or
``en``. The command-line reference comes from the argument parser's ``--help``, the principles and
levels from :mod:`innovationsresan.ladder`, so the documentation cannot drift from the code.
The same functions are used by the tests (tests/test_docs_generated.py).
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterator
from typing import Any

#: Width of the help texts in the command-line reference (independent of the terminal).
HELP_WIDTH = 88

MARKER = re.compile(r"^<!-- generate: (?P<name>[a-z-]+) (?P<lang>sv|en) -->$", re.MULTILINE)


def commands(lang: str) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """Every command line's program name and parser, the top level first, in help order."""
    from innovationsresan.cli import build_parser  # noqa: PLC0415 - only when pages are built

    parser, _ = build_parser(lang)
    yield from _walk(parser)


def _walk(parser: argparse.ArgumentParser) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    yield parser.prog, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            seen: set[int] = set()
            for sub in action.choices.values():
                if id(sub) not in seen:  # an alias names the same parser twice
                    seen.add(id(sub))
                    yield from _walk(sub)


def help_text(parser: argparse.ArgumentParser) -> str:
    """``--help`` of *parser* at a fixed width, as ``innovationsresan … --help`` prints it."""
    original = parser.formatter_class
    formatter: Any = original  # stdlib formatters take a width; typeshed's protocol omits it

    def fixed_width(prog: str) -> argparse.HelpFormatter:
        made: argparse.HelpFormatter = formatter(prog, width=HELP_WIDTH)
        return made

    parser.formatter_class = fixed_width
    try:
        if hasattr(parser, "color"):  # Python 3.14 colours help for terminals; a page is not one
            parser.color = False
        return parser.format_help().rstrip() + "\n"
    finally:
        parser.formatter_class = original


def cli_reference(lang: str) -> str:
    """One section per command with its ``--help``, the main command first."""
    sections = []
    for prog, parser in commands(lang):
        depth = prog.count(" ")
        heading = "#" * min(2 + max(depth - 1, 0), 4)
        sections.append(f"{heading} `{prog}`\n\n```text\n{help_text(parser)}```\n")
    return "\n".join(sections)


def principles_table(lang: str) -> str:
    """The nine principles in ladder order: rung, id, name and description."""
    from innovationsresan.ladder import PRINCIPLES  # noqa: PLC0415 - only when pages are built

    head = {
        "sv": "| steg | id | namn | beskrivning |\n|---|---|---|---|",
        "en": "| rung | id | name | description |\n|---|---|---|---|",
    }[lang]
    rows = [
        f"| {p.rung + 1} | `{p.id}` | {p.name.get(lang)} | {p.description.get(lang)} |"
        for p in PRINCIPLES
    ]
    return "\n".join([head, *rows]) + "\n"


def levels_table(lang: str) -> str:
    """The two levels and the placement between them, with their names and descriptions."""
    from innovationsresan.ladder import LEVEL_DESCRIPTIONS, LEVEL_NAMES  # noqa: PLC0415

    head = {
        "sv": "| id | namn | beskrivning |\n|---|---|---|",
        "en": "| id | name | description |\n|---|---|---|",
    }[lang]
    rows = [
        f"| `{key}` | {LEVEL_NAMES[key].get(lang)} | {LEVEL_DESCRIPTIONS[key].get(lang)} |"
        for key in ("limited", "both", "innovative")
    ]
    return "\n".join([head, *rows]) + "\n"


def perspectives_table(lang: str) -> str:
    """The two perspectives with their names."""
    from innovationsresan.ladder import PERSPECTIVE_NAMES  # noqa: PLC0415

    head = {"sv": "| id | namn |\n|---|---|", "en": "| id | name |\n|---|---|"}[lang]
    rows = [f"| `{key}` | {text.get(lang)} |" for key, text in PERSPECTIVE_NAMES.items()]
    return "\n".join([head, *rows]) + "\n"


GENERATORS: dict[str, Callable[[str], str]] = {
    "cli": cli_reference,
    "principles": principles_table,
    "levels": levels_table,
    "perspectives": perspectives_table,
}


def render(markdown: str) -> str:
    """*markdown* with every generate marker replaced by its generated text."""

    def replace(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in GENERATORS:
            raise ValueError(f"unknown generated part {name!r}; known: {sorted(GENERATORS)}")
        return GENERATORS[name](match["lang"]).rstrip("\n")

    return MARKER.sub(replace, markdown)


def on_page_markdown(markdown: str, **_: Any) -> str:
    """MkDocs event: fill the generated parts of a page before it becomes HTML."""
    return render(markdown)


#: A Sphinx cross-reference role left in front of the code it names once a docstring is HTML:
#: ``:class:<code>~innovationsresan.model.Problem</code>``.
ROLE = re.compile(
    r":(?:class|func|meth|attr|data|mod|exc|obj):<code>(?P<tilde>~?)(?P<name>[^<]*)</code>"
)


def plain_roles(html: str) -> str:
    """*html* with the Sphinx roles of the docstrings dropped, their names kept as code.

    The docstrings name other objects the Sphinx way (``:class:`~a.b.C```); the API reference
    renders them as Markdown, so the role would show as text. A leading ``~`` keeps only the
    last part of the name, as in Sphinx.
    """

    def replace(match: re.Match[str]) -> str:
        name = match["name"]
        shown = name.rsplit(".", 1)[-1] if match["tilde"] else name
        return f"<code>{shown}</code>"

    return ROLE.sub(replace, html)


def on_page_content(html: str, **_: Any) -> str:
    """MkDocs event: the API reference shows object names as code, without Sphinx roles."""
    return plain_roles(html)
