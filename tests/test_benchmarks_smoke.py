"""Smoke test of benchmarks/run.py: it runs and writes its table (no timing is asserted)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

RUN = Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"


class TestBenchmarkRunner:
    def test_quick_import_run(self, tmp_path: Path) -> None:
        """`run.py --quick --only import` prints the table and writes Markdown and JSON."""
        markdown, rows = tmp_path / "table.md", tmp_path / "rows.json"
        argv = ["--quick", "--only", "import", "--markdown", str(markdown), "--json", str(rows)]
        done = subprocess.run(
            [sys.executable, str(RUN), *argv],
            capture_output=True,
            text=True,
            check=False,
        )
        assert 0 == done.returncode, done.stderr
        assert "import innovationsresan" in done.stdout
        assert "| import innovationsresan |" in markdown.read_text(encoding="utf-8")
        names = [row["name"] for row in json.loads(rows.read_text(encoding="utf-8"))]
        assert ["import innovationsresan", "import + the core API"] == names

    def test_unknown_benchmark_is_a_usage_error(self) -> None:
        """Asking for a benchmark that does not exist exits 2 and names it."""
        done = subprocess.run(
            [sys.executable, str(RUN), "--only", "nosuch"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert 2 == done.returncode
        assert "nosuch" in done.stderr


def load_runner() -> ModuleType:
    """benchmarks/run.py as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("benchmarks_run", RUN)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestMarkdownOutput:
    def test_replaces_only_the_results_section(self, tmp_path: Path) -> None:
        """A page with the result markers keeps its text; only the part between them changes."""
        runner = load_runner()
        page = tmp_path / "performance.md"
        page.write_text(f"# P\n\nbefore\n\n{runner.BEGIN}\nold\n{runner.END}\n\nafter\n", "utf-8")
        runner.write_markdown(page, "| new |\n")
        expected = f"# P\n\nbefore\n\n{runner.BEGIN}\n\n| new |\n\n{runner.END}\n\nafter\n"
        assert expected == page.read_text(encoding="utf-8")

    def test_writes_a_new_file_whole(self, tmp_path: Path) -> None:
        """Without markers the file is just the table."""
        runner = load_runner()
        runner.write_markdown(tmp_path / "table.md", "| t |\n")
        assert "| t |\n" == (tmp_path / "table.md").read_text(encoding="utf-8")

    def test_the_performance_page_has_the_markers(self) -> None:
        """docs/performance.md can be updated by --markdown."""
        runner = load_runner()
        page = (RUN.parent.parent / "docs" / "performance.md").read_text(encoding="utf-8")
        assert runner.BEGIN in page
        assert runner.END in page


class TestStandaloneTable:
    def test_over_limit_fails(self) -> None:
        """The scripts' shared table marks a ratio over its limit and returns 1; within, 0."""
        spec = importlib.util.spec_from_file_location("_table", RUN.parent / "_table.py")
        assert spec is not None
        assert spec.loader is not None
        table = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(table)
        row = {"name": "x", "seconds": 0.002, "baseline_seconds": 0.001, "ratio": 2.0, "note": ""}
        assert 1 == table.print_rows([{**row, "limit": 1.5}])
        assert 0 == table.print_rows([{**row, "limit": 2.5}, {**row, "limit": None}])


class TestVerdict:
    def test_noise_margin(self) -> None:
        """Within the target ok, past it by less than the margin near, beyond it over."""
        runner = load_runner()
        row = {"name": "x", "seconds": 1.0, "baseline_seconds": 1.0, "limit": 2.0, "note": ""}
        inside = 2.0 * (1 + runner.NOISE_MARGIN / 2)
        beyond = 2.0 * (1 + runner.NOISE_MARGIN * 2)
        assert ["ok", "near", "over"] == [
            runner.verdict({**row, "ratio": ratio}) for ratio in (1.9, inside, beyond)
        ]
        assert "" == runner.verdict({**row, "ratio": 1.0, "limit": None})

    def test_a_figure_with_its_own_target(self) -> None:
        """max_value checks the figure itself: megabytes or seconds, printed in its unit."""
        runner = load_runner()
        row = {
            "name": "memory",
            "seconds": 75.0,
            "baseline_seconds": 30.0,
            "ratio": 2.5,
            "limit": None,
            "max_value": 60.0,
            "unit": "MB",
            "note": "",
        }
        assert "over" == runner.verdict(row)
        cells = runner.cells(row)
        assert ("75.0 MB", "30.0 MB", "≤ 60.0 MB") == (cells[1], cells[2], cells[4])

    def test_every_benchmark_is_listed(self) -> None:
        """--only knows the start-up, collection and pack benchmarks."""
        runner = load_runner()
        assert {"start", "collections", "packs"} <= set(runner.BENCHMARKS)
