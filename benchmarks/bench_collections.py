"""Benchmark: reading response collections, and the ``score`` command on large ones.

Rows (each a ratio against a baseline measured in the same run):

* ``read_responses`` on a ``.jsonl`` file against ``json.loads`` on every line, and on a ``.csv``
  file against ``csv.DictReader`` (target ≤ 2×; in one process, best of several runs);
* the whole ``innovationsresan score`` command on 100 000 respondents against a plain script that
  reads the same file with ``json.loads`` and sums each principle's ratings in a loop (target
  ≤ 2×), and its peak memory (the process's own high-water mark, ``VmHWM`` on Linux, else
  ``ru_maxrss``; target ≤ 60 MB);
* the command on 1 000 000 respondents in one ``.jsonl`` and one ``.csv`` file: its time, and its
  peak memory against that on 100 000 (memory is flat when the ratio stays near 1; target ≤ 1.2×).

Commands run in fresh processes; the files are made once per run in a temporary folder.
Run it alone with ``python benchmarks/bench_collections.py [--quick]``.
"""

from __future__ import annotations

import csv
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from _timing import best_in_turn  # run.py puts this folder on sys.path

from innovationsresan.files.responses import read_responses
from innovationsresan.ladder import PRINCIPLE_IDS

READ_LIMIT = 2.0
COMMAND_LIMIT = 2.0
COMMAND_MEGABYTES = 60.0
FLAT_LIMIT = 1.2

# The command, run in-process by a small wrapper that prints its own peak memory afterwards.
_PEAK = """
def peak_megabytes():
    # VmHWM: this process's own high-water mark (ru_maxrss would carry the parent's over fork)
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource
    value = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return value / (1024 * 1024) if sys.platform == "darwin" else value / 1024
"""

_MEASURED = (
    _PEAK
    + """
import contextlib, os, sys, time
from innovationsresan.cli import main
started = time.perf_counter()
with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
    code = main(sys.argv[1:])
seconds = time.perf_counter() - started
if code != 0:
    raise SystemExit(f"exit {code}")
print(seconds, peak_megabytes())
"""
)

# The baseline: the same file read line by line, each principle's ratings normalised and averaged.
_PLAIN = (
    _PEAK
    + """
import json, math, sys, time
started = time.perf_counter()
sums = {}
with open(sys.argv[1], "rb") as handle:
    for line in handle:
        document = json.loads(line)
        scale = document.get("scale", 5)
        for kind in ("current", "desired"):
            for perspective, cells in document.get(kind, {}).items():
                for principle, rating in cells.items():
                    key = (kind, perspective, principle)
                    sums.setdefault(key, []).append((rating - 1) / (scale - 1))
means = {key: math.fsum(values) / len(values) for key, values in sums.items()}
seconds = time.perf_counter() - started
print(seconds, peak_megabytes())
"""
)


def _document(rng: random.Random, i: int) -> dict[str, Any]:
    current = {
        q: {p: rng.randint(1, 5) for p in rng.sample(PRINCIPLE_IDS, 4)}
        for q in ("organisation", "individual")
    }
    return {
        "schema": "innovationsresan.response/1",
        "respondent": f"r{i}",
        "scale": 5,
        "current": current,
        "desired": {"organisation": {p: rng.randint(3, 5) for p in PRINCIPLE_IDS[:3]}},
    }


def write_jsonl(path: Path, people: int, seed: int = 15) -> Path:
    """*people* responses, one JSON object a line."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(people):
            out.write(json.dumps(_document(rng, i), separators=(",", ":")) + "\n")
    return path


def write_csv(path: Path, people: int, seed: int = 15) -> Path:
    """*people* responses as CSV rows, every current rating of both perspectives a column."""
    rng = random.Random(seed)
    columns = [f"current.{q}.{p}" for q in ("organisation", "individual") for p in PRINCIPLE_IDS]
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["respondent", "scale", *columns])
        for i in range(people):
            answered = set(rng.sample(columns, 8))
            writer.writerow(
                [f"r{i}", 5, *(rng.randint(1, 5) if c in answered else "" for c in columns)]
            )
    return path


def _row(
    name: str, seconds: float, baseline: float, limit: float | None, note: str
) -> dict[str, Any]:
    return {
        "name": name,
        "seconds": seconds,
        "baseline_seconds": baseline,
        "ratio": seconds / baseline,
        "limit": limit,
        "note": note,
    }


def _megabytes(
    name: str, value: float, baseline: float, limit: float | None, note: str
) -> dict[str, Any]:
    row = _row(name, value, baseline, limit, note)
    row["unit"] = "MB"
    return row


def _environment(folder: Path) -> dict[str, str]:
    """Fresh processes as an installed copy runs: byte code cached (here in *folder*)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    env["XDG_CACHE_HOME"] = str(folder / "cache")
    return env


def _measure(code: str, args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds and peak megabytes that *code* reports for itself in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False, env=env
    )
    if done.returncode != 0:
        raise RuntimeError(f"benchmark process failed:\n{done.stderr}")
    seconds, megabytes = done.stdout.split()[-2:]
    return float(seconds), float(megabytes)


def run(quick: bool = False) -> list[dict[str, Any]]:
    """Reading ratios, the score command on 100 000 and on 1 000 000 respondents."""
    rows: list[dict[str, Any]] = []
    read_people = 2_000 if quick else 10_000
    command_people = 20_000 if quick else 100_000
    million = 100_000 if quick else 1_000_000
    repeats = 3 if quick else 7
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        env = _environment(folder)

        small_jsonl = write_jsonl(folder / "small.jsonl", read_people)
        small_csv = write_csv(folder / "small.csv", read_people)
        if len(read_responses(small_jsonl)) != read_people:
            raise AssertionError("read_responses lost responses")

        def plain_jsonl() -> list[Any]:
            with small_jsonl.open("rb") as handle:
                return [json.loads(line) for line in handle]

        def plain_csv() -> list[Any]:
            with small_csv.open(encoding="utf-8", newline="") as handle:
                return list(csv.DictReader(handle))

        for path, plain, what in (
            (small_jsonl, plain_jsonl, "json.loads on every line"),
            (small_csv, plain_csv, "csv.DictReader"),
        ):
            mine, base = best_in_turn([lambda: read_responses(path), plain], repeats)  # noqa: B023
            rows.append(
                _row(
                    f"read_responses, {read_people} rows {path.suffix}",
                    mine,
                    base,
                    READ_LIMIT,
                    f"baseline: {what}, nothing checked",
                )
            )

        team = write_jsonl(folder / "team.jsonl", command_people)
        command_args = ["score", str(team), "--json"]
        _measure(_MEASURED, command_args, env)  # warm: byte code and caches written once
        # in turn, the best of each: a spell when the machine is slower (the plain script, which
        # holds every rating in lists, is the one a busy memory slows most) slows both alike
        runs = [
            (_measure(_MEASURED, command_args, env), _measure(_PLAIN, [str(team)], env))
            for _ in range(1 if quick else 3)
        ]
        mine_s, mine_mb = min(mine for mine, _ in runs)
        base_s, base_mb = min(base for _, base in runs)
        rows.append(
            _row(
                f"score command, {command_people} respondents",
                mine_s,
                base_s,
                COMMAND_LIMIT,
                "baseline: a plain script, json.loads and a loop per rating; in-process times",
            )
        )
        rows.append(
            _megabytes(
                f"score command, {command_people} respondents, peak memory",
                mine_mb,
                base_mb,
                None,
                f"target ≤ {COMMAND_MEGABYTES:g} MB; baseline: the plain script's peak memory",
            )
        )
        rows[-1]["max_value"] = COMMAND_MEGABYTES

        for suffix, writer in ((".jsonl", write_jsonl), (".csv", write_csv)):
            big = writer(folder / f"million{suffix}", million)
            seconds, megabytes = _measure(_MEASURED, ["score", str(big), "--json"], env)
            big.unlink()
            rows.append(
                _row(
                    f"score command, {million} respondents {suffix}",
                    seconds,
                    mine_s * million / command_people,
                    None,
                    f"baseline: the {command_people}-respondent time scaled by "
                    f"{million // command_people} (1× is linear)",
                )
            )
            rows.append(
                _megabytes(
                    f"score command, {million} respondents {suffix}, peak memory",
                    megabytes,
                    mine_mb,
                    FLAT_LIMIT,
                    f"baseline: peak memory on {command_people} (flat memory: near 1×)",
                )
            )
    return rows


def main() -> int:
    """Print the rows as a table; exit 1 when a ratio is over its limit."""
    from _table import print_rows  # run as a script: this folder is on sys.path

    return print_rows(run(quick="--quick" in sys.argv))


if __name__ == "__main__":
    sys.exit(main())
