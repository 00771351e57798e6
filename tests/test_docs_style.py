"""Tests of the documentation's house rules that a machine can check."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.test_docs_examples import DOCS, pages

#: The end of one sentence followed by the start of another on the same line.
_TWO_SENTENCES = re.compile(r"[a-zåäö0-9)\]*`][.!?] +[A-ZÅÄÖ]")
_LIST_ITEM = re.compile(r"^\s*(\d+\.|[-*]) ")


def prose_lines(path: Path) -> list[tuple[int, str]]:
    """The lines of running text: not code, not tables, inline code blanked out."""
    lines: list[tuple[int, str]] = []
    in_code = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("```"):
            in_code = not in_code
            continue
        if in_code or line.startswith("|"):
            continue
        text = _LIST_ITEM.sub("", re.sub(r"`[^`]*`", "``", line))
        lines.append((number, text))
    return lines


def two_sentences(path: Path) -> list[str]:
    """``page:line`` for every line of *path* that holds more than one sentence."""
    return [f"{path.name}:{n}" for n, text in prose_lines(path) if _TWO_SENTENCES.search(text)]


class TestOneSentencePerLine:
    @pytest.mark.parametrize("path", pages(), ids=lambda p: p.relative_to(DOCS).as_posix())
    def test_page(self, path: Path) -> None:
        """Every line of running text holds at most one sentence, so diffs show what changed."""
        assert [] == two_sentences(path)

    def test_detects_two_sentences(self, tmp_path: Path) -> None:
        """Two sentences on a line are found; list numbers and code are not sentences."""
        page = tmp_path / "p.md"
        page.write_text(
            "One. Two.\n1. Item one.\nUse `a. B` here.\n```text\nx. Y\n```\n", encoding="utf-8"
        )
        assert ["p.md:1"] == two_sentences(page)


#: The repository's root, where README.md and CONTRIBUTING.md are.
ROOT = DOCS.parent

#: Pages a reader of the repository meets first, besides the documentation site.
_ROOT_PAGES = ("README.md", "CONTRIBUTING.md", "CHANGELOG.md")

#: A Markdown file named in running text: ``DESIGN.md``, ``docs/packs.md``, ``sv/modellen.md``.
_MARKDOWN_NAME = re.compile(r"(?<![\w/.:-])([\w./-]*[\w-]\.md)\b")


def reader_pages() -> list[Path]:
    """The documentation pages and the Markdown files at the repository's root."""
    return [ROOT / name for name in _ROOT_PAGES] + pages()


def missing_files(path: Path) -> list[str]:
    """``page:line: name`` for each Markdown file that the prose of *path* names but that the
    repository does not hold (looked up beside the page, in docs/ and at the root)."""
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        without_addresses = re.sub(r"\S+://\S+", "", line)
        for name in _MARKDOWN_NAME.findall(without_addresses):
            places = (path.parent / name, DOCS / name, ROOT / name)
            if not any(place.is_file() for place in places):
                found.append(f"{path.name}:{number}: {name}")
    return found


def pack_folders_installed_by_name(path: Path) -> list[str]:
    """``page: command`` for each ``pip install NAME`` (without ``-e``) where NAME is a folder
    that ``pack new`` writes on the same page: pip takes a bare name for a published package."""
    text = path.read_text(encoding="utf-8")
    folders = set(re.findall(r"pack new .*?-o ([\w./-]+)", text))
    return [
        f"{path.name}: {command.group(0)}"
        for command in re.finditer(r"pip install (?!-e )([\w./-]+)", text)
        if command.group(1) in folders
    ]


class TestReferences:
    @pytest.mark.parametrize("path", reader_pages(), ids=lambda p: p.relative_to(ROOT).as_posix())
    def test_named_files_exist(self, path: Path) -> None:
        """Every Markdown file a page names is in the repository, so a reader can open it."""
        assert [] == missing_files(path)

    def test_detects_a_missing_file(self, tmp_path: Path) -> None:
        """A page naming a file the repository lacks is found; web addresses are not files."""
        page = tmp_path / "p.md"
        page.write_text(
            "See DESIGN.md §7 and [packs](packs.md).\nhttps://example.org/x.md\n",
            encoding="utf-8",
        )
        assert ["p.md:1: DESIGN.md"] == missing_files(page)


class TestPackInstall:
    @pytest.mark.parametrize("path", reader_pages(), ids=lambda p: p.relative_to(ROOT).as_posix())
    def test_new_pack_installed_as_a_path(self, path: Path) -> None:
        """A pack folder made with ``pack new`` is installed as a path (``./NAME``) or with
        ``-e``, never by its bare name, which pip would look for in a package index."""
        assert [] == pack_folders_installed_by_name(path)

    def test_detects_a_bare_name(self, tmp_path: Path) -> None:
        """``pip install NAME`` of a folder made on the same page is found; ``./NAME`` and
        ``-e NAME`` are fine."""
        page = tmp_path / "p.md"
        page.write_text(
            "Run `innovationsresan pack new X -o innovationsresan-x`, then:\n"
            "pip install innovationsresan-x\npip install ./innovationsresan-x\n"
            "pip install -e innovationsresan-x\n",
            encoding="utf-8",
        )
        assert ["p.md: pip install innovationsresan-x"] == pack_folders_installed_by_name(page)


def nav_titles(nav: object, found: dict[str, set[str]] | None = None) -> dict[str, set[str]]:
    """Page file → the titles the MkDocs navigation gives it."""
    found = {} if found is None else found
    items = nav if isinstance(nav, list) else [nav]
    for item in items:
        if isinstance(item, dict):
            for title, target in item.items():
                if isinstance(target, str):
                    found.setdefault(target, set()).add(title)
                else:
                    nav_titles(target, found)
    return found


class TestNavigation:
    def test_a_page_listed_twice_has_one_title(self) -> None:
        """A page in both the Swedish and the English menu has the same title in both, because
        MkDocs shows one title for a page wherever it is listed."""
        yaml = pytest.importorskip("yaml")
        config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
        titles = nav_titles(config["nav"])
        assert {} == {page: names for page, names in titles.items() if len(names) > 1}


#: Commands that need an optional part of the library, and the extras that bring it.
_EXTRAS_NEEDED = {
    "report": {"report", "all"},
    "demo": {"report", "all"},
    "plan ics": {"calendar", "all"},
}


def missing_extras(path: Path) -> list[str]:
    """``page: command`` for each command a page runs (``$ innovationsresan …``) whose extra
    the page's install line leaves out."""
    text = path.read_text(encoding="utf-8")
    installs = re.findall(r"pip install .*?\binnovationsresan(?:\[([\w,]+)\])?[\"']?(?:\s|$)", text)
    if not installs:
        return []
    extras = {extra for found in installs for extra in found.split(",") if extra}
    return [
        f"{path.name}: {command}"
        for command, wanted in _EXTRAS_NEEDED.items()
        if re.search(rf"^\$ innovationsresan {command}\b", text, re.MULTILINE)
        and not wanted & extras
    ]


class TestInstallExtras:
    @pytest.mark.parametrize("path", reader_pages(), ids=lambda p: p.relative_to(ROOT).as_posix())
    def test_install_brings_what_the_page_runs(self, path: Path) -> None:
        """A page that installs the library and then runs the report, the demo or the calendar
        export installs the extra those need."""
        assert [] == missing_extras(path)

    def test_detects_a_missing_extra(self, tmp_path: Path) -> None:
        """An install without extras before ``plan ics`` and ``report`` is found."""
        page = tmp_path / "p.md"
        page.write_text(
            "$ pip install innovationsresan innovationsresan-kiruna\n"
            "$ innovationsresan plan ics p.toml -o f.ics\n$ innovationsresan report t/ -o r.html\n",
            encoding="utf-8",
        )
        assert ["p.md: report", "p.md: plan ics"] == missing_extras(page)
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace("innovationsresan inn", '"innovationsresan[all]" inn'))
        assert [] == missing_extras(page)
