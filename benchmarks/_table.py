"""The table the standalone benchmark scripts print (run.py prints its own)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def print_rows(rows: Iterable[Mapping[str, Any]]) -> int:
    """Print name, times, ratio, limit and note per row; 1 when a ratio is over its limit."""
    print(f"{'benchmark':52} {'ms':>9} {'base ms':>9} {'ratio':>7} {'limit':>6}  note")
    failed = False
    for row in rows:
        limit = row["limit"]
        mark = ""
        if limit is not None and row["ratio"] > limit:
            mark, failed = "  OVER", True
        limit_text = "" if limit is None else f"{limit:.2f}"
        print(
            f"{row['name']:52} {row['seconds'] * 1000:9.2f} {row['baseline_seconds'] * 1000:9.2f} "
            f"{row['ratio']:7.2f} {limit_text:>6}  {row['note']}{mark}"
        )
    return 1 if failed else 0
