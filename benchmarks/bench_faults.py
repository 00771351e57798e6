"""Benchmark: reading broken response files, against reading the same rows when they are valid.

Past the first 100 problems of a file the rest are only counted (no messages, locations or
hints built), so a file of many thousand broken rows reads in a small multiple of the time the
same rows take when every cell is valid, and the time grows linearly with the rows. The rows:

* a CSV of N rows, every row with nine ratings out of the scale and nine that are no number,
  against the same N rows with valid ratings (target ≤ 20×);
* the same broken CSV at N and at N / 4 rows (linear reading gives a ratio near 4; target ≤ 5);
* a response with 16 000 unknown keys against one with 4 000 (linear: near 4; target ≤ 5).

Run it alone with ``python benchmarks/bench_faults.py [--quick]``.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from _timing import best_in_turn  # run.py puts this folder on sys.path

from innovationsresan.errors import InputError
from innovationsresan.files.responses import MAX_PROBLEMS_PER_FILE, read_responses
from innovationsresan.ladder import PRINCIPLE_IDS

LIMIT_RATIO = 20.0
#: Four times the rows (or keys) should cost about four times the time; this allows for noise.
GROWTH_LIMIT = 5.0

_HEADER = ",".join(
    [
        "respondent",
        "scale",
        *(f"current.organisation.{p}" for p in PRINCIPLE_IDS),
        *(f"current.individual.{p}" for p in PRINCIPLE_IDS),
    ]
)


def write_csv(path: Path, rows: int, *, broken: bool) -> Path:
    """*rows* rows of 18 ratings each: all valid, or half out of the scale and half not numbers."""
    cells = ",".join(["9"] * 9 + ["x"] * 9) if broken else ",".join(["3"] * 18)
    body = "".join(f"r{i},5,{cells}\n" for i in range(rows))
    path.write_text(f"{_HEADER}\n{body}", encoding="utf-8")
    return path


def write_wide(path: Path, keys: int) -> Path:
    """A response whose organisation table has *keys* unknown principle names."""
    table = {f"p{i}": 3 for i in range(keys)}
    document = {"schema": "innovationsresan.response/1", "current": {"organisation": table}}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _read(path: Path, expected_problems: int | None) -> None:
    """Read *path*; check that the broken ones give the capped problems and an exact count."""
    try:
        read_responses(path)
    except InputError as error:
        if expected_problems is None:
            raise
        more = error.problems[-1].message.get("en")
        shown = len(error.problems) - 1
        if shown != MAX_PROBLEMS_PER_FILE or not more.startswith(
            f"and {expected_problems - shown} more problems"
        ):
            raise AssertionError(f"unexpected problems: {shown}, {more}") from None
        return
    if expected_problems is not None:
        raise AssertionError(f"{path.name} read without problems")


def run(quick: bool = False) -> list[dict[str, Any]]:
    """Broken against valid rows, and the growth of broken rows and of unknown keys."""
    rows = 4_000 if quick else 20_000
    keys = 16_000
    repeats = 2 if quick else 4
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        broken = write_csv(folder / "broken.csv", rows, broken=True)
        quarter = write_csv(folder / "quarter.csv", rows // 4, broken=True)
        valid = write_csv(folder / "valid.csv", rows, broken=False)
        wide = write_wide(folder / "wide.json", keys)
        narrow = write_wide(folder / "narrow.json", keys // 4)
        _read(valid, None)
        bad, good, small = best_in_turn(
            [
                lambda: _read(broken, 18 * rows),
                lambda: _read(valid, None),
                lambda: _read(quarter, 18 * (rows // 4)),
            ],
            repeats,
        )
        many, few = best_in_turn(
            [lambda: _read(wide, keys), lambda: _read(narrow, keys // 4)], repeats
        )
    return [
        {
            "name": f"CSV of {rows} broken rows, read",
            "seconds": bad,
            "baseline_seconds": good,
            "ratio": bad / good,
            "limit": LIMIT_RATIO,
            "note": "18 bad cells a row, problems past 100 counted; baseline: the rows valid",
        },
        {
            "name": f"broken CSV growth {rows} / {rows // 4} rows",
            "seconds": bad,
            "baseline_seconds": small,
            "ratio": bad / small,
            "limit": GROWTH_LIMIT,
            "note": "linear reading gives a ratio near 4",
        },
        {
            "name": f"unknown keys growth {keys} / {keys // 4}",
            "seconds": many,
            "baseline_seconds": few,
            "ratio": many / few,
            "limit": GROWTH_LIMIT,
            "note": "one response; hints for the first problems only; linear gives near 4",
        },
    ]


def main() -> int:
    """Print the rows as a table; exit 1 when a ratio is over its limit."""
    from _table import print_rows  # run as a script: this folder is on sys.path

    return print_rows(run(quick="--quick" in sys.argv))


if __name__ == "__main__":
    sys.exit(main())
