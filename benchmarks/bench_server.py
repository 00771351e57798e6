"""Benchmark: 200 participants answering at once against one workshop server (issue 13).

One ``innovationsresan serve`` process on 127.0.0.1 with its default SQLite store, and beside
it, in the same run, a trivial Starlette endpoint served by uvicorn the same way: it reads the
same form and answers with the same redirect, but saves nothing. The same simulated
participants run against both, interleaved:

* *in the room*: every participant joins, then sends the nine screens of four answers each,
  reading each screen for a moment first (1–4 s: a real person reads the post-its and answers
  in half a minute or more, so the room is ten times busier than a real one); the figure is
  the 95th percentile of the time to save a screen. Targets: under 100 ms, and at most 5×
  the trivial endpoint's;
* *all at once*: the same with no pause, so the server runs flat out; the figure is answers
  saved per second (no target, shown beside the trivial endpoint's screens per second × 4).
* *the disk*: before the servers start, commits of four answers to a SQLite file in the same
  folder, set up as the store sets it up (WAL, ``synchronous=FULL``); the 95th percentile of
  one commit against the trivial endpoint's shows how much of the 5× the disk alone takes (no
  target: a save waits for one such commit, and for the one under way when it arrives).

The client is a small HTTP/1.1 client on asyncio streams (one keep-alive connection per
participant) in this process, so it costs little beside the servers. Before a figure is
reported, every save must have been acknowledged with a redirect and the store must hold
exactly the answers sent: a faster wrong answer cannot pass.

Run it alone with ``python benchmarks/bench_server.py [--quick]``; ``benchmarks/run.py``
imports :func:`run`.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from innovationsresan.ladder import PRINCIPLE_IDS
from innovationsresan.store import Store

#: The save's 95th percentile may be this many times the trivial endpoint's.
LIMIT_RATIO = 5.0
#: And at most this long, in seconds.
LIMIT_SECONDS = 0.100
FORM_CHECK = "benchmark-form-check-0123456789abcdef"

TRIVIAL = """
import socket, sys
import uvicorn
from starlette.applications import Starlette
from starlette.responses import RedirectResponse
from starlette.routing import Route

async def post(request):
    await request.form()
    return RedirectResponse("/next", status_code=303)

app = Starlette(routes=[
    Route("/j/{code}", post, methods=["POST"]),
    Route("/j/{code}/{step}", post, methods=["POST"]),
])
sock = socket.socket()
sock.bind(("127.0.0.1", 0))
sock.listen(2048)
print("http://127.0.0.1:%d" % sock.getsockname()[1], flush=True)
config = uvicorn.Config(app, log_level="warning", server_header=False, proxy_headers=True)
uvicorn.Server(config).run(sockets=[sock])
"""

_ADDRESS = re.compile(r"http://127\.0\.0\.1:(\d+)")


@contextmanager
def process(argv: list[str]) -> Iterator[int]:
    """A server process; the port it printed."""
    child = subprocess.Popen(
        argv,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        if child.stdout is None:
            raise RuntimeError("no output from the server")
        port = None
        for _ in range(20):
            found = _ADDRESS.search(child.stdout.readline())
            if found:
                port = int(found.group(1))
                break
        if port is None:
            raise RuntimeError(f"{' '.join(argv[:4])} printed no address")
        yield port
    finally:
        child.terminate()
        try:
            child.wait(10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        if child.stdout is not None:
            child.stdout.close()


# -- a small HTTP/1.1 client ---------------------------------------------------------------------


class Browser:
    """One participant's keep-alive connection and cookies.

    Each participant is a phone with an address of its own, given as a reverse proxy gives it
    (``X-Forwarded-For``, trusted from 127.0.0.1): the server limits requests per address,
    and 200 phones in a room are 200 addresses.
    """

    def __init__(self, port: int, address: str = "10.0.0.1") -> None:
        self.port = port
        self.address = address
        self.cookies = {"ir_csrf": FORM_CHECK}
        self._streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def post(self, path: str, form: dict[str, str]) -> int:
        """POST *form* to *path*; the status code (cookies set by the answer are kept)."""
        body = urlencode({"csrf": FORM_CHECK, **form}).encode()
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        head = (
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\nCookie: {cookie}\r\n"
            f"X-Forwarded-For: {self.address}\r\n\r\n"
        ).encode()
        if self._streams is None:
            self._streams = await asyncio.open_connection("127.0.0.1", self.port)
        reader, writer = self._streams
        writer.write(head + body)
        await writer.drain()
        status, headers = await self._read(reader)
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status

    async def _read(self, reader: asyncio.StreamReader) -> tuple[int, dict[str, str]]:
        raw = await reader.readuntil(b"\r\n\r\n")
        lines = raw.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers: dict[str, str] = {}
        for line in lines[1:]:
            if ":" not in line:
                continue
            name, value = line.split(":", 1)
            name, value = name.strip().lower(), value.strip()
            headers[name] = value
            if name == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, cookie = pair.partition("=")
                self.cookies[key] = cookie
        if "content-length" in headers:
            await reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            while True:
                size = int((await reader.readuntil(b"\r\n")).strip(), 16)
                await reader.readexactly(size + 2)
                if size == 0:
                    break
        return status, headers

    async def close(self) -> None:
        """Close the connection."""
        if self._streams is not None:
            self._streams[1].close()
            self._streams = None


def screen(principle: str, rng: random.Random) -> dict[str, str]:
    """One screen's four answers for *principle*."""
    return {
        f"{kind}.{q}.{principle}": str(rng.randint(1, 5))
        for kind in ("current", "desired")
        for q in ("organisation", "individual")
    }


async def participant(
    port: int, code: str, seed: int, screens: int, pause: tuple[float, float] | None
) -> tuple[list[float], dict[str, str], str]:
    """Join and answer *screens* screens; the save times, the answers and the cookie."""
    rng = random.Random(seed)
    browser = Browser(port, f"10.{seed >> 16 & 255}.{seed >> 8 & 255}.{seed & 255}")
    if pause is not None:
        await asyncio.sleep(rng.uniform(0, pause[1]))
    try:
        joined = await browser.post(f"/j/{code}", {})
        if joined != 303:
            raise RuntimeError(f"joining answered {joined}")
        times: list[float] = []
        sent: dict[str, str] = {}
        for step in range(1, screens + 1):
            if pause is not None:
                await asyncio.sleep(rng.uniform(*pause))
            form = screen(PRINCIPLE_IDS[step - 1], rng)
            started = time.perf_counter()
            status = await browser.post(f"/j/{code}/{step}", {**form, "go": "next"})
            times.append(time.perf_counter() - started)
            if status != 303:
                raise RuntimeError(f"saving a screen answered {status}")
            sent.update(form)
        respondent = next((v for k, v in browser.cookies.items() if k.startswith("ir_p_")), "")
        return times, sent, respondent
    finally:
        await browser.close()


async def crowd(
    port: int,
    code: str,
    people: int,
    screens: int,
    pause: tuple[float, float] | None,
    *,
    seed: int,
) -> tuple[list[float], float, list[tuple[dict[str, str], str]]]:
    """*people* participants at once; every save time, the wall time, and what each sent."""
    started = time.perf_counter()
    results = await asyncio.gather(
        *(participant(port, code, seed + i, screens, pause) for i in range(people))
    )
    wall = time.perf_counter() - started
    times = [t for result in results for t in result[0]]
    return times, wall, [(sent, respondent) for _, sent, respondent in results]


def p95(times: list[float]) -> float:
    """The 95th percentile."""
    return statistics.quantiles(times, n=20, method="inclusive")[-1]


def synced_commits(folder: Path, count: int) -> list[float]:
    """The time of *count* commits of four answers to a SQLite file in *folder*, set up as the
    store sets it up (WAL, ``synchronous=FULL``): each waits for the disk as a save must."""
    connection = sqlite3.connect(folder / "probe.sqlite3", isolation_level=None)
    try:
        for pragma in ("journal_mode=WAL", "synchronous=FULL"):
            connection.execute(f"PRAGMA {pragma}")
        connection.execute("CREATE TABLE answers (key TEXT PRIMARY KEY, value TEXT)")
        times = []
        for i in range(count):
            started = time.perf_counter()
            connection.execute("BEGIN IMMEDIATE")
            connection.executemany(
                "INSERT OR REPLACE INTO answers VALUES (?, ?)",
                [(f"{i % 50}.{j}", str(j)) for j in range(4)],
            )
            connection.execute("COMMIT")
            times.append(time.perf_counter() - started)
        return times
    finally:
        connection.close()


def check_saved(db: Path, workshop_id: str, sent: list[tuple[dict[str, str], str]]) -> None:
    """The store holds exactly what every participant sent."""
    with Store.open(str(db)) as store:
        for answers, respondent in sent:
            if store.answers(workshop_id, respondent) != answers:
                raise RuntimeError("the store does not hold the answers that were acknowledged")


def run(quick: bool) -> list[dict[str, Any]]:
    """The benchmark's rows (see the module's docstring)."""
    people = 50 if quick else 200
    screens = 3 if quick else len(PRINCIPLE_IDS)
    pause = (0.5, 1.5) if quick else (1.0, 4.0)
    rounds = 1 if quick else 2
    with tempfile.TemporaryDirectory() as folder:
        commits = synced_commits(Path(folder), 100 if quick else 300)
        db = Path(folder) / "workshops.sqlite3"
        with Store.open(str(db)) as store:
            codes = [store.create_workshop(f"Bench {i}") for i in range(2 * rounds)]
        serve = [sys.executable, "-m", "innovationsresan", "serve", "--port", "0"]
        trivial = [sys.executable, "-c", TRIVIAL]
        with process([*serve, "--db", str(db), "--lang", "en"]) as port, process(trivial) as base:
            room: list[float] = []
            room_base: list[float] = []
            burst: list[float] = []
            burst_base: list[float] = []
            for i in range(rounds):
                workshop, _ = codes[2 * i]
                room_base.append(
                    p95(asyncio.run(crowd(base, "x", people, screens, pause, seed=i))[0])
                )
                times, _, sent = asyncio.run(
                    crowd(port, workshop.code, people, screens, pause, seed=i)
                )
                check_saved(db, workshop.id, sent)
                room.append(p95(times))
                workshop, _ = codes[2 * i + 1]
                burst_base.append(asyncio.run(crowd(base, "x", people, screens, None, seed=i))[1])
                _, wall, sent = asyncio.run(
                    crowd(port, workshop.code, people, screens, None, seed=i)
                )
                check_saved(db, workshop.id, sent)
                burst.append(wall)
    saved, base_p95 = min(room), min(room_base)
    answers = people * screens * 4
    wall, base_wall = min(burst), min(burst_base)
    crowd_text = f"{people} participants × {screens} screens of 4 answers"
    return [
        _row(
            "serve: save a screen, p95, in the room",
            saved,
            base_p95,
            LIMIT_RATIO,
            f"{crowd_text}, {pause[0]}–{pause[1]} s between screens; "
            "baseline: a trivial Starlette endpoint",
        ),
        _row(
            "serve: save a screen, p95, against 100 ms",
            saved,
            LIMIT_SECONDS,
            1.0,
            "the same p95 against the absolute target",
        ),
        _row(
            "disk: one synced commit, p95",
            p95(commits),
            base_p95,
            None,
            f"SQLite WAL, synchronous=FULL, on the server's disk, median "
            f"{statistics.median(commits) * 1e3:.1f} ms; a save waits for one such commit, "
            "often also for the one under way; baseline: the trivial endpoint's p95",
        ),
        _row(
            "serve: all at once, no pause",
            wall,
            base_wall,
            None,
            f"{answers / wall:.0f} answers/s saved "
            f"(trivial endpoint: {answers / base_wall:.0f}); {crowd_text}",
        ),
    ]


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


def main() -> int:
    """Print the rows as a table; exit 1 when a ratio is over its limit."""
    from _table import print_rows  # run as a script: this folder is on sys.path

    return print_rows(run(quick="--quick" in sys.argv))


if __name__ == "__main__":
    sys.exit(main())
