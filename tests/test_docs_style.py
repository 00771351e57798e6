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
