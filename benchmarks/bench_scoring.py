"""Benchmark: ``score`` on 10 000 and 20 000 respondents against a plain Python loop.

DESIGN.md §12 asks that ``score`` on 10 000 respondents cost at most 1.5 times a plain Python
loop computing the same figures from the same answers, and that it grow linearly to 20 000.
Both sides run in the same process on the same deterministic data; the plain loop reads the
answers as nested dicts (the shape of a response file) and computes per-person scores, then
per principle and perspective the count, mean, median, min, max, population standard
deviation, consensus, desired mean and gap, and the positions, with :func:`math.fsum` as the
contract requires. The benchmark checks that both give the same numbers before timing them.

Run it alone with ``python benchmarks/bench_scoring.py [--quick]``; ``benchmarks/run.py``
imports :func:`run`.
"""

from __future__ import annotations

import csv
import io
import math
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from innovationsresan.catalog import Catalog, PackContent
from innovationsresan.ladder import PERSPECTIVES, PRINCIPLE_IDS
from innovationsresan.model import Level, LocalizedText, PackInfo, Perspective, Statement
from innovationsresan.responses import NA, Response
from innovationsresan.scoring import GroupResult, score

PERSPECTIVE_IDS = [q.value for q in PERSPECTIVES]
LIMIT_RATIO = 1.5
#: Twice the respondents should cost about twice the time; a quarter more allows for noise.
GROWTH_LIMIT = 2.5

# -- data ----------------------------------------------------------------------------------------


def bench_catalog() -> Catalog:
    """A pack with one statement per principle, perspective and level."""
    statements = tuple(
        Statement(
            id=f"{level.value}-{q.value}-{p}",
            pack="bench",
            level=level,
            perspective=q,
            principle=p,
            text=LocalizedText.of("påstående", "statement"),
        )
        for p in PRINCIPLE_IDS
        for q in Perspective
        for level in Level
    )
    info = PackInfo(id="bench", name=LocalizedText.of("Prov", "Bench"), version="1")
    return Catalog.build([PackContent(info=info, statements=statements)])


def make_answers(n: int, seed: int = 2026) -> list[dict[str, Any]]:
    """*n* respondents as nested dicts: most answer every ladder cell, some add statements."""
    rng = random.Random(seed)
    statement_ids = [
        f"bench:{level.value}-{q}-{p}"
        for p in PRINCIPLE_IDS
        for q in PERSPECTIVE_IDS
        for level in Level
    ]
    people: list[dict[str, Any]] = []
    for i in range(n):
        scale = 5 if i % 10 else 7
        current: dict[str, dict[str, Any]] = {}
        desired: dict[str, dict[str, Any]] = {}
        for q in PERSPECTIVE_IDS:
            lean = rng.random()
            for p in PRINCIPLE_IDS:
                roll = rng.random()
                if roll < 0.04:
                    continue
                value: Any = (
                    NA
                    if roll < 0.06
                    else 1 + min(scale - 1, int(rng.random() * scale * (0.5 + lean)))
                )
                current.setdefault(q, {})[p] = value
                if rng.random() < 0.6:
                    desired.setdefault(q, {})[p] = rng.randint(max(1, scale // 2), scale)
        statements = (
            {sid: rng.randint(1, scale) for sid in rng.sample(statement_ids, 4)}
            if rng.random() < 0.3
            else {}
        )
        people.append(
            {"scale": scale, "current": current, "desired": desired, "statements": statements}
        )
    return people


def to_responses(people: list[dict[str, Any]]) -> list[Response]:
    return [
        Response(
            respondent=f"r{i}",
            scale=person["scale"],
            current=person["current"],
            desired=person["desired"],
            statements=person["statements"],
        )
        for i, person in enumerate(people)
    ]


# -- the plain loop ------------------------------------------------------------------------------


def plain_loop(
    people: list[dict[str, Any]], info: dict[str, tuple[str, str, bool]]
) -> dict[str, Any]:
    """The same figures computed by hand from nested dicts: the baseline."""
    fsum, log2, sqrt = math.fsum, math.log2, math.sqrt
    scores: dict[tuple[str, str], list[float]] = {
        (q, p): [] for q in PERSPECTIVE_IDS for p in PRINCIPLE_IDS
    }
    wants: dict[tuple[str, str], list[float]] = {key: [] for key in scores}
    for person in people:
        denom = person["scale"] - 1
        items: dict[tuple[str, str], list[float]] = {}
        for q, row in person["current"].items():
            for p, r in row.items():
                if r != NA:
                    items.setdefault((q, p), []).append((r - 1) / denom)
        for sid, r in person["statements"].items():
            if r != NA:
                q, p, reverse = info[sid]
                v = (r - 1) / denom
                items.setdefault((q, p), []).append(1.0 - v if reverse else v)
        for key, values in items.items():
            scores[key].append(fsum(values) / len(values))
        for q, row in person["desired"].items():
            for p, r in row.items():
                if r != NA:
                    wants[(q, p)].append((r - 1) / denom)
    figures: dict[tuple[str, str], tuple[Any, ...]] = {}
    for key, xs in scores.items():
        n = len(xs)
        want = fsum(wants[key]) / len(wants[key]) if wants[key] else None
        if not n:
            figures[key] = (0, None, None, None, None, None, None, want, None)
            continue
        xs.sort()
        mu = fsum(xs) / n
        median = xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2
        sd = sqrt(fsum([(x - mu) * (x - mu) for x in xs]) / n)
        cns = 1.0 + fsum([log2(1.0 - abs(x - mu)) for x in xs]) / n
        gap = None if want is None else want - mu
        figures[key] = (n, mu, median, xs[0], xs[-1], sd, cns, want, gap)
    position = {}
    for q in PERSPECTIVE_IDS:
        means = [figures[(q, p)][1] for p in PRINCIPLE_IDS if figures[(q, p)][1] is not None]
        position[q] = fsum(means) / len(means) if means else None
    return {"figures": figures, "position": position}


def _same(result: GroupResult, plain: dict[str, Any]) -> bool:
    for principle in result.principles:
        for q in PERSPECTIVE_IDS:
            stats = principle.stats(q)
            mine = (stats.n, stats.mean, stats.median, stats.min, stats.max, stats.sd,
                    stats.consensus, stats.desired, stats.gap)  # fmt: skip
            theirs = plain["figures"][(q, principle.id)]
            for a, b in zip(mine, theirs, strict=True):
                if (a is None) != (b is None) or (a is not None and abs(a - b) > 1e-12):
                    return False
    return all(
        abs(result.position[q] - plain["position"][q]) <= 1e-12  # type: ignore[operator]
        for q in PERSPECTIVE_IDS
    )


# -- timing --------------------------------------------------------------------------------------


def _race(fns: list[Callable[[], object]], repeats: int) -> list[float]:
    """The best time of each function, run in turns so that load on the machine hits all alike."""
    best = [math.inf] * len(fns)
    for _ in range(repeats):
        for i, fn in enumerate(fns):
            start = time.perf_counter()
            fn()
            best[i] = min(best[i], time.perf_counter() - start)
    return best


def _csv_text(people: list[dict[str, Any]]) -> str:
    ladder = [
        f"{kind}.{q}.{p}"
        for kind in ("current", "desired")
        for q in PERSPECTIVE_IDS
        for p in PRINCIPLE_IDS
    ]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["respondent", "scale", *ladder])
    for i, person in enumerate(people):
        cells = []
        for column in ladder:
            kind, q, p = column.split(".")
            cells.append(person[kind].get(q, {}).get(p, ""))
        writer.writerow([f"r{i}", person["scale"], *cells])
    return out.getvalue()


def _plain_csv(path: Path) -> list[dict[str, Any]]:
    """The baseline for reading: the csv module and int() on every cell, no checks."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    people = []
    for row in rows[1:]:
        person: dict[str, Any] = {"current": {}, "desired": {}}
        for title, cell in zip(header, row, strict=False):
            if not cell:
                continue
            if title == "scale":
                person["scale"] = int(cell)
            elif title != "respondent":
                kind, q, p = title.split(".")
                person[kind].setdefault(q, {})[p] = cell if cell == NA else int(cell)
        people.append(person)
    return people


def run(quick: bool = False) -> list[dict[str, Any]]:
    """Time ``score`` and reading a CSV against plain loops; one row per measurement."""
    from innovationsresan.files.responses import read_responses

    repeats = 3 if quick else 7
    catalog = bench_catalog()
    info = {
        f"bench:{s.id}": (s.perspective.value, s.principle, s.level is Level.LIMITED)
        for s in catalog.statements
    }
    rows: list[dict[str, Any]] = []
    data = {}
    for n in (10_000, 20_000):
        people = make_answers(n)
        responses = to_responses(people)
        if not _same(score(responses, catalog), plain_loop(people, info)):
            raise AssertionError("score and the plain loop disagree")
        data[n] = (people, responses)
    small, large = data[10_000], data[20_000]
    times = _race(
        [
            lambda: score(small[1], catalog),
            lambda: plain_loop(small[0], info),
            lambda: score(large[1], catalog),
            lambda: plain_loop(large[0], info),
        ],
        repeats,
    )
    for n, mine, plain in ((10_000, times[0], times[1]), (20_000, times[2], times[3])):
        rows.append(
            {
                "name": f"score, {n} respondents",
                "seconds": mine,
                "baseline_seconds": plain,
                "ratio": mine / plain,
                "limit": LIMIT_RATIO,
                "note": "baseline: plain loop over nested dicts, same figures",
            }
        )
    rows.append(
        {
            "name": "score, growth 20000 / 10000",
            "seconds": times[2],
            "baseline_seconds": times[0],
            "ratio": times[2] / times[0],
            "limit": GROWTH_LIMIT,
            "note": "linear growth gives a ratio near 2",
        }
    )
    people = make_answers(10_000)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "team.csv"
        path.write_text(_csv_text(people), encoding="utf-8")
        mine, plain = _race(
            [lambda: read_responses(path), lambda: _plain_csv(path)], max(1, repeats // 2)
        )
    rows.append(
        {
            "name": "read_responses, 10000-row CSV",
            "seconds": mine,
            "baseline_seconds": plain,
            "ratio": mine / plain,
            "limit": None,
            "note": "baseline: csv module and int() without any checking",
        }
    )
    return rows


def main() -> int:
    """Print the rows as a table; exit 1 when a ratio is over its limit."""
    from _table import print_rows  # run as a script: this folder is on sys.path

    return print_rows(run(quick="--quick" in sys.argv))


if __name__ == "__main__":
    sys.exit(main())
