"""Run the benchmarks of DESIGN.md §12 and print one table of ratios.

Every figure is a ratio against a baseline measured in the same run on the same machine, so the
table means the same on a laptop and in CI:

* ``import``: ``import innovationsresan`` in a fresh interpreter against importing attrs, cattrs
  and pluggy in one (target ≤ 1.3×; medians over many fresh processes);
* ``catalog``: ``load_catalog()`` in a fresh process that has already imported the library and its
  dependencies, against parsing the same packs' TOML files with tomllib (target ≤ 2×), once with
  the packs' TOML from the cache of parsed files and once parsing it;
* ``scoring``: :mod:`bench_scoring` (``score`` on 10 000 respondents against a plain loop, and the
  growth to 20 000);
* ``recommend``: :mod:`bench_recommend` (recommending from a deck of 5 000 cards);
* ``cli``: ``innovationsresan recommend`` on a small team against ``innovationsresan cards``, both
  whole commands in fresh processes (both load the catalogue);
* ``server``: :mod:`bench_server` (200 participants answering at once against one
  ``innovationsresan serve``, against a trivial Starlette endpoint);
* ``start``: the command line's start-up, ``--version``, ``--help``, ``principles`` and ``packs``
  against ``python -c pass`` (targets ≤ 2×, 3×, 4×, 5×), and the whole ``demo`` (≤ 0.4 s);
* ``collections``: :mod:`bench_collections` (``read_responses`` against ``json.loads`` and
  ``csv.DictReader``, the ``score`` command on 100 000 and 1 000 000 respondents, time and peak
  memory);
* ``packs``: :mod:`bench_packs` (checking a pack of 10 000 cards against parsing its TOML).

Fresh processes run as an installed copy does: byte code is cached (in a temporary folder, so
``PYTHONDONTWRITEBYTECODE`` in the caller's environment does not make every start compile the
library), and so are compiled report templates. A figure is ``over`` when it misses its target
by more than :data:`NOISE_MARGIN` (a busy machine moves ratios by about that much), ``near``
when it misses by less; the script exits 1 when any figure is over.

Usage::

    python benchmarks/run.py                      # everything, full length
    python benchmarks/run.py --quick              # a short run
    python benchmarks/run.py --only import,cli    # some of them
    python benchmarks/run.py --markdown docs/performance.md   # the results section of the page

Every row is a dict with ``name``, ``seconds``, ``baseline_seconds``, ``ratio``, ``limit``
(the target ratio, or ``None`` when there is none) and ``note``, optionally ``unit`` (``"MB"``
when the two figures are megabytes, not seconds) and ``max_value`` (a target for the figure
itself); the modules ``bench_*.py`` in this folder return the same from ``run(quick)``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

Row = dict[str, Any]

# -- fresh processes ---------------------------------------------------------------------------

_TIMED = """
import time
{setup}
started = time.perf_counter()
{body}
print(repr(time.perf_counter() - started))
"""


def _python(code: str, *args: str, env: dict[str, str] | None = None) -> float:
    """Run *code* in a fresh interpreter (with *env* added to the environment); it prints the
    seconds it measured."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        check=False,
        env=None if env is None else {**os.environ, **env},
    )
    if done.returncode != 0:
        raise RuntimeError(f"benchmark process failed:\n{done.stderr}")
    return float(done.stdout.strip().splitlines()[-1])


def _command() -> list[str]:
    """The ``innovationsresan`` command as a user runs it: the console script installed beside
    this interpreter, else ``python -m innovationsresan`` (which also imports runpy)."""
    folder = Path(sys.executable).parent
    for name in ("innovationsresan", "innovationsresan.exe"):
        script = folder / name
        if script.is_file():
            return [str(script)]
    return [sys.executable, "-m", "innovationsresan"]


def _wall(argv: Sequence[str]) -> float:
    """Seconds a whole command takes, from start to exit."""
    started = time.perf_counter()
    done = subprocess.run(list(argv), capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {done.returncode}:\n{done.stderr}")
    return seconds


def _medians(
    first: Callable[[], float], second: Callable[[], float], runs: int
) -> tuple[float, float]:
    """Medians of *runs* measurements of each, interleaved so drift hits both alike."""
    a: list[float] = []
    b: list[float] = []
    for _ in range(runs):
        a.append(first())
        b.append(second())
    return statistics.median(a), statistics.median(b)


def _row(name: str, seconds: float, baseline: float, limit: float | None, note: str) -> Row:
    return {
        "name": name,
        "seconds": seconds,
        "baseline_seconds": baseline,
        "ratio": seconds / baseline,
        "limit": limit,
        "note": note,
    }


# -- import ------------------------------------------------------------------------------------


def bench_import(quick: bool) -> list[Row]:
    """``import innovationsresan`` against importing its three dependencies."""
    runs = 7 if quick else 41
    ours = _TIMED.format(setup="", body="import innovationsresan")
    deps = _TIMED.format(setup="", body="import attrs, cattrs, pluggy")
    used = _TIMED.format(
        setup="",
        body=(
            "import innovationsresan as ir\n"
            "ir.load_catalog, ir.read_responses, ir.score, ir.recommend, ir.read_plan"
        ),
    )
    mine, base = _medians(lambda: _python(ours), lambda: _python(deps), runs)
    api, base2 = _medians(lambda: _python(used), lambda: _python(deps), runs)
    return [
        _row(
            "import innovationsresan",
            mine,
            base,
            1.3,
            f"baseline: import attrs, cattrs, pluggy; medians of {runs} fresh processes",
        ),
        _row(
            "import + the core API",
            api,
            base2,
            None,
            "loads catalogue, reading, scoring, recommending and plans; no target",
        ),
    ]


# -- catalogue ---------------------------------------------------------------------------------


def pack_toml_files() -> list[str]:
    """The TOML files of the packs ``load_catalog()`` would load (the same allow-list)."""
    from importlib.metadata import entry_points

    from innovationsresan.packs.loader import GROUP, allow_list_from_env, pack_id_for

    allowed = allow_list_from_env()
    files: list[str] = []
    for entry in entry_points(group=GROUP):
        pack_id = pack_id_for(entry.name)
        if allowed is not None and pack_id not in allowed and entry.name not in allowed:
            continue
        plugin = entry.load()
        folder = getattr(plugin, "innovationsresan_content_dir", lambda: None)()
        if folder is not None:
            files.extend(sorted(str(p) for p in Path(str(folder)).rglob("*.toml")))
    return files


def bench_catalog(quick: bool) -> list[Row]:
    """A cold ``load_catalog()`` against tomllib parsing the same files."""
    runs = 7 if quick else 31
    files = pack_toml_files()
    if not files:
        return [_missing("load_catalog(), cold", "no content pack is installed")]
    ours = _TIMED.format(
        setup=(
            "import importlib.metadata, tomllib, attrs, cattrs, pluggy, innovationsresan\n"
            "from innovationsresan.packs.loader import load_catalog"
        ),
        body="catalog = load_catalog()",
    )
    plain = _TIMED.format(
        setup="import json, sys, tomllib\nfiles = json.loads(sys.argv[1])",
        body=(
            "for name in files:\n    with open(name, 'rb') as handle:\n        tomllib.load(handle)"
        ),
    )
    listed = json.dumps(files)
    _python(ours)  # the first run fills the cache of parsed pack files, as an installed copy's
    mine, base = _medians(lambda: _python(ours), lambda: _python(plain, listed), runs)
    off = {"INNOVATIONSRESAN_NO_CACHE": "1"}
    parsed, base2 = _medians(lambda: _python(ours, env=off), lambda: _python(plain, listed), runs)
    size = sum(Path(f).stat().st_size for f in files)
    note = f"baseline: tomllib on the same {len(files)} files ({size // 1024} KiB)"
    return [
        _row(
            "load_catalog(), cold",
            mine,
            base,
            2.0,
            f"{note}; the packs' TOML from the cache of parsed files; "
            f"medians of {runs} fresh processes",
        ),
        _row(
            "load_catalog(), cold, TOML parsed",
            parsed,
            base2,
            2.0,
            f"{note}; INNOVATIONSRESAN_NO_CACHE=1; medians of {runs} fresh processes",
        ),
    ]


# -- modules written beside this one -----------------------------------------------------------


def _module_rows(module_name: str, quick: bool) -> list[Row]:
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        return [_missing(module_name, f"not available: {exc}")]
    rows: list[Row] = module.run(quick)
    return rows


def bench_scoring(quick: bool) -> list[Row]:
    """``score`` against a plain loop (benchmarks/bench_scoring.py)."""
    return _module_rows("bench_scoring", quick)


def bench_recommend(quick: bool) -> list[Row]:
    """Recommending from a large deck (benchmarks/bench_recommend.py)."""
    return _module_rows("bench_recommend", quick)


def bench_server(quick: bool) -> list[Row]:
    """200 participants answering at once against one server (benchmarks/bench_server.py)."""
    return _module_rows("bench_server", quick)


# -- whole commands ----------------------------------------------------------------------------

_RESPONSE = """schema = "innovationsresan.response/1"
respondent = "p{i}"
scale = 5

[current.organisation]
curiosity = {a}
experimenting = {b}
collaboration = {c}

[current.individual]
curiosity = {c}
experimenting = {a}

[desired.organisation]
curiosity = 5
experimenting = 4
"""


def write_small_team(folder: Path, people: int = 8) -> Path:
    """A team of *people* response files (ladder ratings only, so any installed pack will do)."""
    team = folder / "team"
    team.mkdir()
    for i in range(people):
        text = _RESPONSE.format(i=i, a=1 + i % 5, b=1 + (i * 2) % 5, c=1 + (i * 3) % 5)
        (team / f"p{i}.toml").write_text(text, encoding="utf-8")
    return team


def bench_cli(quick: bool) -> list[Row]:
    """``recommend`` on a small team against ``cards``, whole commands in fresh processes."""
    runs = 5 if quick else 21
    command = _command()
    with tempfile.TemporaryDirectory() as folder:
        team = write_small_team(Path(folder))
        recommend = [*command, "recommend", str(team), "-k", "3"]
        cards = [*command, "cards"]
        mine, base = _medians(lambda: _wall(recommend), lambda: _wall(cards), runs)
    return [
        _row(
            "recommend on 8 people (command)",
            mine,
            base,
            None,
            f"baseline: the cards command; both load the catalogue; medians of {runs} runs",
        )
    ]


#: Start-up targets: the command line against ``python -c pass`` in the same run.
START_TARGETS = (
    (["--version"], 2.0),
    (["--help"], 3.0),
    (["principles"], 4.0),
    (["packs"], 5.0),
)
#: Imports measured beside the start-up rows, with what they stand for: the libraries every
#: command that loads the packs needs (a pack's code imports pluggy, the model is attrs classes,
#: the command line is argparse, a pack's folder a pathlib path), and those of the demo's report
#: and calendar.
START_FLOORS = (
    ("attrs,pluggy,argparse,pathlib", "what any command loading the packs needs"),
    ("jinja2,icalendar", "the report's and the calendar's libraries, which the demo needs"),
)
#: The whole demo, in seconds (it loads the packs, scores, recommends, writes HTML and iCalendar).
DEMO_SECONDS = 0.4


def bench_start(quick: bool) -> list[Row]:
    """Each command line's start against a bare interpreter, and the whole demo."""
    runs = 7 if quick else 31
    command = _command()
    bare = [sys.executable, "-c", "pass"]
    rows = []
    for argv, limit in START_TARGETS:
        _wall([*command, *argv])  # warm: byte code written once
        mine, base = _medians(lambda: _wall([*command, *argv]), lambda: _wall(bare), runs)  # noqa: B023
        rows.append(
            _row(
                f"innovationsresan {' '.join(argv)} (start)",
                mine,
                base,
                limit,
                f"baseline: python -c pass; medians of {runs} interleaved runs",
            )
        )
    # What the design imports before any code of the library runs: no target, for reading the
    # targets above (docs/performance.md, "Reading the results").
    for modules, what in START_FLOORS:
        floor = [sys.executable, "-c", f"import {modules}"]
        mine, base = _medians(lambda: _wall(floor), lambda: _wall(bare), runs)  # noqa: B023
        rows.append(
            _row(
                f"import {modules.replace(',', ', ')}",
                mine,
                base,
                None,
                f"{what}; baseline: python -c pass; no target",
            )
        )
    with tempfile.TemporaryDirectory() as folder:
        demo = [*command, "demo", "--output", folder, "--force"]
        _wall(demo)
        demo_runs = max(3, runs // 2)
        mine, base = _medians(lambda: _wall(demo), lambda: _wall(bare), demo_runs)
    row = _row(
        "innovationsresan demo (whole command)",
        mine,
        base,
        None,
        f"target ≤ {DEMO_SECONDS:g} s; baseline: python -c pass; medians of {demo_runs} "
        "interleaved runs",
    )
    row["max_value"] = DEMO_SECONDS
    rows.append(row)
    return rows


def bench_collections(quick: bool) -> list[Row]:
    """Reading collections and the score command on large ones (bench_collections.py)."""
    return _module_rows("bench_collections", quick)


def bench_packs(quick: bool) -> list[Row]:
    """Checking a pack of 10 000 cards (bench_packs.py)."""
    return _module_rows("bench_packs", quick)


def bench_faults(quick: bool) -> list[Row]:
    """Reading broken response files: counted past the problem cap (bench_faults.py)."""
    return _module_rows("bench_faults", quick)


def installed_like_environment(folder: Path) -> None:
    """Let fresh processes cache byte code and templates in *folder*, as an installed copy does."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    os.environ["XDG_CACHE_HOME"] = str(folder / "cache")


def _missing(name: str, note: str) -> Row:
    return {
        "name": name,
        "seconds": None,
        "baseline_seconds": None,
        "ratio": None,
        "limit": None,
        "note": note,
    }


BENCHMARKS: dict[str, Callable[[bool], list[Row]]] = {
    "import": bench_import,
    "catalog": bench_catalog,
    "scoring": bench_scoring,
    "recommend": bench_recommend,
    "cli": bench_cli,
    "server": bench_server,
    "start": bench_start,
    "collections": bench_collections,
    "packs": bench_packs,
    "faults": bench_faults,
}

# -- output ------------------------------------------------------------------------------------

HEADER = ("benchmark", "time", "baseline", "ratio", "target", "", "how")


#: How far past its target a figure may be before it counts as missed: a busy machine moves
#: the ratio of two interleaved measurements by about this much (docs/performance.md).
NOISE_MARGIN = 0.15


def verdict(row: Row) -> str:
    """``ok``, ``near`` (past the target by less than the noise margin) or ``over``.

    Nothing when the row has no target. Both the ratio's target (``limit``) and the figure's own
    (``max_value``) count.
    """
    checks = []
    if row.get("ratio") is not None and row.get("limit") is not None:
        checks.append((row["ratio"], row["limit"]))
    if row.get("seconds") is not None and row.get("max_value") is not None:
        checks.append((row["seconds"], row["max_value"]))
    if not checks:
        return ""
    if any(value > target * (1 + NOISE_MARGIN) for value, target in checks):
        return "over"
    if any(value > target for value, target in checks):
        return "near"
    return "ok"


def _time(seconds: float | None, unit: str = "s") -> str:
    if seconds is None:
        return "–"
    if unit == "MB":
        return f"{seconds:.1f} MB"
    if seconds < 0.01:
        return f"{seconds * 1000:.2f} ms"
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s"


def cells(row: Row) -> tuple[str, ...]:
    """The table cells of one row."""
    ratio, limit = row.get("ratio"), row.get("limit")
    unit = row.get("unit", "s")
    target = "–" if limit is None else f"≤ {limit:g}×"
    if row.get("max_value") is not None:
        bound = f"≤ {_time(row['max_value'], unit)}"
        target = bound if limit is None else f"{target}, {bound}"
    return (
        str(row["name"]),
        _time(row.get("seconds"), unit),
        _time(row.get("baseline_seconds"), unit),
        "–" if ratio is None else f"{ratio:.2f}×",
        target,
        verdict(row),
        str(row.get("note", "")),
    )


def text_table(rows: Iterable[Row]) -> str:
    """An aligned plain-text table for the terminal."""
    table = [HEADER, *(cells(r) for r in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(HEADER) - 1)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(line[:-1], widths, strict=True))
        + "  "
        + line[-1]
        for line in table
    ]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def markdown_table(rows: Iterable[Row], *, quick: bool) -> str:
    """A Markdown table with a line naming the machine, for docs/performance.md."""
    lines = [
        "| " + " | ".join(HEADER[:-1]) + " | how measured |",
        "|---|---:|---:|---:|---:|---|---|",
    ]
    lines.extend("| " + " | ".join(cells(r)) + " |" for r in rows)
    lines.append("")
    lines.append(
        f"Measured {dt.date.today().isoformat()} with Python {platform.python_version()} "
        f"on {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs"
        + (" (quick run)" if quick else "")
        + "."
    )
    return "\n".join(lines) + "\n"


#: The part of a page that ``--markdown`` replaces when the page has these lines.
BEGIN, END = "<!-- benchmark results: begin -->", "<!-- benchmark results: end -->"


def write_markdown(path: Path, table: str) -> None:
    """Write *table* to *path*, or between the BEGIN and END lines of a page that has them."""
    try:
        page = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        page = ""
    if BEGIN in page and END in page:
        head, rest = page.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        table = f"{head}{BEGIN}\n\n{table}\n{END}{tail}"
    path.write_text(table, encoding="utf-8")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line of this script."""
    parser = argparse.ArgumentParser(description="Benchmarks of innovationsresan, as ratios.")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions: a short run")
    parser.add_argument(
        "--only",
        default=",".join(BENCHMARKS),
        help=f"comma-separated benchmarks to run, of: {', '.join(BENCHMARKS)}",
    )
    parser.add_argument(
        "--markdown",
        type=Path,
        help="also write the table as Markdown to this file (between its result markers, if any)",
    )
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit 1 when a figure is over its target (the default; kept for old scripts)",
    )
    parser.add_argument(
        "--no-fail", action="store_true", help="exit 0 even when a figure is over its target"
    )
    args = parser.parse_args(argv)
    args.only = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = sorted(set(args.only) - set(BENCHMARKS))
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the chosen benchmarks, print the table, write the files asked for."""
    args = parse_args(argv)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as caches:
        installed_like_environment(Path(caches))
        for name in args.only:
            print(f"running {name} …", file=sys.stderr, flush=True)
            rows.extend(BENCHMARKS[name](args.quick))
    print(text_table(rows), end="")
    if args.markdown:
        write_markdown(args.markdown, markdown_table(rows, quick=args.quick))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    over = [r["name"] for r in rows if verdict(r) == "over"]
    if over:
        print(
            f"over target by more than {NOISE_MARGIN:.0%}: {', '.join(over)}",
            file=sys.stderr,
        )
    return 1 if over and not args.no_fail else 0


if __name__ == "__main__":
    sys.exit(main())
