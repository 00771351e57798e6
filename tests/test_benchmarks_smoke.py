"""Smoke test of benchmarks/run.py: it runs and writes its table (no timing is asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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
