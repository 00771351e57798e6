"""Tests that the worked example in docs/scoring.md shows what ``score --json`` computes.

The page's tables are read back and every cell is compared with the command's JSON for the
example's response files, at the page's precision (four decimals, a dash for ``null``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.test_docs_examples import DOCS, EXAMPLES, run_cli

PAGE = DOCS / "scoring.md"
STATS = ("n", "mean", "median", "min", "max", "sd", "consensus", "desired", "gap")


def tables(path: Path) -> dict[tuple[str, ...], list[list[str]]]:
    """The page's Markdown tables: header cells → body rows of cells."""
    found: dict[tuple[str, ...], list[list[str]]] = {}
    header: tuple[str, ...] | None = None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if header is None:
                header = tuple(cells)
                found[header] = []
            elif not all(set(c) <= set("-:") for c in cells):
                found[header].append(cells)
        else:
            header = None
    return found


def shown(value: Any) -> str:
    """A JSON value as the page writes it."""
    if value is None:
        return "–"
    if isinstance(value, int | str):
        return str(value)
    return f"{value:.4f}"


@pytest.fixture(scope="module")
def scored() -> dict[str, Any]:
    """``innovationsresan score workshop/ --json`` for the example's files."""
    code, out, err = run_cli(("score", str(EXAMPLES / "workshop"), "--json"))
    assert 0 == code, err
    data: dict[str, Any] = json.loads(out)
    return data


class TestWorkedExample:
    def test_group_figures(self, scored: dict[str, Any]) -> None:
        """Every cell of the group table equals the command's figure."""
        rows = tables(PAGE)[("principle", "perspective", *STATS)]
        by_id = {p["id"]: p for p in scored["principles"]}
        expected = [
            [pid, perspective, *(shown(by_id[pid][perspective][key]) for key in STATS)]
            for pid, perspective, *_ in rows
        ]
        assert expected == rows
        assert 5 == len(rows)

    def test_priorities(self, scored: dict[str, Any]) -> None:
        """The priority table equals the command's priorities."""
        rows = tables(PAGE)[("principle", "priority")]
        by_id = {p["id"]: p for p in scored["principles"]}
        assert [[pid, shown(by_id[pid]["priority"])] for pid, _ in rows] == rows

    def test_positions_and_placements(self, scored: dict[str, Any]) -> None:
        """The position table equals the command's positions and placements."""
        rows = tables(PAGE)[("perspective", "position", "placement")]
        expected = [
            [q, shown(scored["position"].get(q)), shown(scored["placement"][q])]
            for q in ("organisation", "individual", "overall")
        ]
        assert expected == rows

    def test_respondents(self, scored: dict[str, Any]) -> None:
        """The example is the three respondents the page describes."""
        assert 3 == scored["respondents"]

    def test_other_principles_are_undefined(self, scored: dict[str, Any]) -> None:
        """As the page says, the seven principles nobody answered have no figures at all."""
        empty = [
            p["id"]
            for p in scored["principles"]
            if p["priority"] is None and all(p[q]["n"] == 0 for q in ("organisation", "individual"))
        ]
        assert 7 == len(empty)


class TestTableReader:
    def test_reads_header_and_rows(self, tmp_path: Path) -> None:
        """A table becomes its header and rows; the separator row is left out."""
        page = tmp_path / "p.md"
        page.write_text("x\n\n| a | b |\n|---|---|\n| 1 | – |\n\ntext\n", encoding="utf-8")
        assert {("a", "b"): [["1", "–"]]} == tables(page)

    def test_shown_rounds_to_four_decimals(self) -> None:
        """Floats are shown with four decimals, integers as they are, null as a dash."""
        assert ["0.3472", "3", "–", "both"] == [shown(v) for v in (25 / 72, 3, None, "both")]
