"""Tests for running hostile and broken packs' code without being stopped by it (guard)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from innovationsresan.guard import (
    MAX_ITEMS,
    TIME_LIMIT,
    TIME_LIMIT_VAR,
    ExitRefused,
    Guard,
    TooManyItemsError,
    bounded_list,
    time_limit,
)
from innovationsresan.hookspecs import hookimpl
from innovationsresan.packs.datapack import DataPack
from innovationsresan.packs.loader import load_catalog
from innovationsresan.plans import parse_plan, validate_plan
from tests.fakesite import FIXTURES, FakeSite, fake_site

ALPHA = FIXTURES / "alpha" / "src" / "innovationsresan_alpha"

#: The time limit the tests set, in seconds: long enough for a quick pack on a busy machine.
LIMIT = "1.5"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeSite]:
    monkeypatch.setenv(TIME_LIMIT_VAR, LIMIT)
    yield from fake_site(tmp_path, monkeypatch)


def hostile(tmp_path: Path, name: str, code: str) -> Path:
    """A pack folder ``innovationsresan-<name>`` whose module runs *code*."""
    folder = tmp_path / "packs" / name
    package = folder / "src" / f"innovationsresan_{name}"
    package.mkdir(parents=True)
    (folder / "pyproject.toml").write_text(
        f'[project]\nname = "innovationsresan-{name}"\nversion = "1.0"\n\n'
        "[project.entry-points.innovationsresan]\n"
        f'innovationsresan-{name} = "innovationsresan_{name}"\n',
        encoding="utf-8",
    )
    (package / "__init__.py").write_text(
        "from innovationsresan import hookimpl\n\n" + textwrap.dedent(code), encoding="utf-8"
    )
    return folder


INFO = """
@hookimpl
def innovationsresan_pack_info():
    return {{"id": "{name}", "name": {{"sv": "X", "en": "X"}}, "version": "1.0"}}
"""


def status(catalog: Any, pack: str) -> tuple[str, list[str]]:
    found = catalog.pack(pack)
    return found.status, [p.code for p in found.problems]


class TestBaseExceptionsAreContained:
    @pytest.mark.parametrize(
        "raised", ["KeyboardInterrupt", "SystemExit(3)", "GeneratorExit", "BaseException('x')"]
    )
    def test_at_import(self, site: FakeSite, tmp_path: Path, raised: str) -> None:
        """A pack raising any BaseException at import is an error; the other packs load."""
        site.install("alpha")
        site.install(hostile(tmp_path, "rude", f"raise {raised}\n"))
        catalog = load_catalog(packs=["alpha", "rude"])
        assert ("error", ["import-failed"]) == status(catalog, "rude")
        assert "ok" == catalog.pack("alpha").status

    @pytest.mark.parametrize("raised", ["KeyboardInterrupt", "SystemExit(0)", "GeneratorExit"])
    def test_in_a_hook(self, site: FakeSite, tmp_path: Path, raised: str) -> None:
        """A hook raising KeyboardInterrupt, SystemExit or GeneratorExit is hook-failed."""
        code = INFO.format(name="rude") + (
            f"\n@hookimpl\ndef innovationsresan_cards():\n    raise {raised}\n"
        )
        site.install(hostile(tmp_path, "rude", code))
        catalog = load_catalog(packs=["rude"])
        assert ("error", ["hook-failed"]) == status(catalog, "rude")

    def test_os_exit_in_a_hook(self, site: FakeSite, tmp_path: Path) -> None:
        """A hook calling os._exit() fails as a hook; the process goes on."""
        code = INFO.format(name="quitter") + (
            "\nimport os\n@hookimpl\ndef innovationsresan_cards():\n    os._exit(0)\n"
        )
        site.install(hostile(tmp_path, "quitter", code))
        catalog = load_catalog(packs=["quitter"])
        assert ("error", ["hook-failed"]) == status(catalog, "quitter")
        assert "os._exit(0) is not allowed" in catalog.pack("quitter").problems[0].message.get("en")
        assert "_exit" == os._exit.__name__

    @pytest.mark.parametrize("raised", [KeyboardInterrupt, SystemExit, GeneratorExit])
    def test_in_a_plan_rule(self, raised: type[BaseException]) -> None:
        """A plan rule raising a BaseException is the plan-rule-failed warning, not a crash."""

        def rule(plan: object, catalog: object, today: dt.date) -> list[object]:
            raise raised

        catalog = load_catalog(entry_points=False, plugins=[DataPack(ALPHA), RulePack(rule)])
        report = validate_plan(PLAN, catalog, today=dt.date(2026, 12, 1))
        assert ["plan-rule-failed"] == [p.code for p in report.problems]


class RulePack:
    """An in-process code pack with one plan rule."""

    def __init__(self, rule: Any) -> None:
        self.rule = rule

    @hookimpl
    def innovationsresan_pack_info(self) -> dict[str, Any]:
        return {"id": "rules", "name": {"sv": "R", "en": "R"}, "version": "1"}

    @hookimpl
    def innovationsresan_plan_rules(self) -> list[Any]:
        return [self.rule]


PLAN = parse_plan(
    {
        "schema": "innovationsresan.plan/1",
        "created": dt.date(2026, 12, 1),
        "follow_up": {"at": dt.datetime(2027, 1, 12, 9, 0, tzinfo=dt.UTC)},
        "actions": [
            {"what": "Testa", "how": "Så här", "when": dt.date(2026, 12, 20), "who": ["Anna"]}
        ],
    }
)


@pytest.fixture
def released(tmp_path: Path) -> Iterator[Path]:
    """A file whose appearance, after the test, ends a pack's endless loop.

    Python cannot stop the thread an abandoned pack call runs in (docs/packs.md): a pack that
    really looped forever would take processor time from every later test of this process.
    The packs below loop until this file exists, which is only after the test has ended.
    """
    stop = tmp_path / "released"
    yield stop
    stop.touch()


class TestPacksThatNeverReturn:
    def test_loop_at_import(self, site: FakeSite, tmp_path: Path, released: Path) -> None:
        """A pack looping forever at import is marked error after the time limit; others load."""
        site.install("alpha")
        loop = f"import os\nwhile not os.path.exists({str(released)!r}):\n    pass\n"
        site.install(hostile(tmp_path, "stuck", loop))
        started = time.monotonic()
        catalog = load_catalog(packs=["alpha", "stuck"])
        assert time.monotonic() - started < 30  # a generous deadline, not a measurement
        assert ("error", ["pack-timeout"]) == status(catalog, "stuck")
        assert "ok" == catalog.pack("alpha").status

    def test_hook_that_never_returns(self, site: FakeSite, tmp_path: Path, released: Path) -> None:
        """A hook that sleeps forever is marked error after the time limit."""
        code = INFO.format(name="sleeper") + (
            "\nimport os, time\n@hookimpl\ndef innovationsresan_cards():\n"
            f"    while not os.path.exists({str(released)!r}):\n        time.sleep(0.05)\n"
        )
        site.install(hostile(tmp_path, "sleeper", code))
        catalog = load_catalog(packs=["sleeper"])
        assert ("error", ["pack-timeout"]) == status(catalog, "sleeper")

    def test_hook_yielding_forever(self, site: FakeSite, tmp_path: Path) -> None:
        """A hook whose generator never ends is stopped at the item cap, not memory's end."""
        code = INFO.format(name="endless") + (
            "\nimport itertools\n@hookimpl\ndef innovationsresan_cards():\n"
            "    for i in itertools.count():\n        yield {'id': f'c{i}'}\n"
        )
        site.install(hostile(tmp_path, "endless", code))
        catalog = load_catalog(packs=["endless"])
        assert ("error", ["too-many-items"]) == status(catalog, "endless")

    def test_plan_rule_that_never_returns(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A plan rule that never returns is plan-rule-failed after the time limit."""
        monkeypatch.setenv(TIME_LIMIT_VAR, "0.3")
        stop = threading.Event()

        def rule(plan: object, catalog: object, today: dt.date) -> list[object]:
            stop.wait()
            return []

        catalog = load_catalog(entry_points=False, plugins=[DataPack(ALPHA), RulePack(rule)])
        try:
            report = validate_plan(PLAN, catalog, today=dt.date(2026, 12, 1))
        finally:
            stop.set()
        assert ["plan-rule-failed"] == [p.code for p in report.problems]
        assert "time limit of 0.3 s" in report.problems[0].message.get("en")


class TestGuard:
    def test_value_comes_back(self) -> None:
        """A call that returns gives its value."""
        with Guard() as guard:
            outcome = guard.call(lambda: 42, timeout=5)
        assert (True, 42) == (outcome.ok, outcome.value)

    def test_no_thread_left_after_calls_that_returned(self) -> None:
        """A guard whose calls all returned leaves no thread behind when it closes."""
        before = set(threading.enumerate())
        with Guard() as guard:
            guard.call(lambda: 1, timeout=5)
        assert set() == set(threading.enumerate()) - before

    def test_a_timed_out_call_is_left_running(self) -> None:
        """A call past its time is abandoned, and its thread is what is left after the guard."""
        before = set(threading.enumerate())
        release = threading.Event()
        with Guard() as guard:
            outcome = guard.call(release.wait, timeout=0.05)
        left = set(threading.enumerate()) - before
        release.set()
        assert (True, ["innovationsresan-pack"]) == (outcome.timed_out, [t.name for t in left])

    def test_os_exit_restored_after(self) -> None:
        """os._exit is refused only while a guard is open."""
        real = os._exit
        with Guard() as guard:
            outcome = guard.call(lambda: os._exit(1), timeout=5)
            assert isinstance(outcome.error, ExitRefused)
        assert real is os._exit

    def test_bounded_list(self) -> None:
        """More items than the cap raise TooManyItemsError; up to it they are all kept."""
        assert list(range(3)) == bounded_list(iter(range(3)), limit=3)
        with pytest.raises(TooManyItemsError):
            bounded_list(iter(range(4)), limit=3)
        assert 100_000 == MAX_ITEMS

    @pytest.mark.parametrize(
        ("value", "expected"),
        [("2.5", 2.5), ("", TIME_LIMIT), ("x", TIME_LIMIT), ("-1", TIME_LIMIT), ("inf", 10.0)],
    )
    def test_time_limit_from_environment(
        self, monkeypatch: pytest.MonkeyPatch, value: str, expected: float
    ) -> None:
        """The variable sets the limit when it is a positive finite number."""
        monkeypatch.setenv(TIME_LIMIT_VAR, value)
        assert expected == time_limit()


def run_cli(site: FakeSite, *argv: str) -> subprocess.CompletedProcess[str]:
    """The real command in a child process, with the fake site first on its path."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(site.root), *sys.path]),
        TIME_LIMIT_VAR: LIMIT,
    }
    env.pop("INNOVATIONSRESAN_PACKS", None)
    return subprocess.run(
        [sys.executable, "-m", "innovationsresan", *argv],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )


class TestJsonStdout:
    def test_pack_writing_to_descriptor_1(self, site: FakeSite, tmp_path: Path) -> None:
        """A pack writing to fd 1 at import and in a hook leaves --json stdout pure JSON."""
        code = 'import os\nos.write(1, b"import noise\\n")\nprint("print noise")\n' + INFO.format(
            name="noisy"
        ).replace("    return", '    os.write(1, b"hook noise\\n")\n    return')
        site.install(hostile(tmp_path, "noisy", code))
        result = run_cli(site, "cards", "--json")
        assert 0 == result.returncode, result.stderr
        assert isinstance(json.loads(result.stdout), list)
        assert "import noise" in result.stderr
        assert "hook noise" in result.stderr

    def test_hook_writing_after_its_time_is_up(self, site: FakeSite, tmp_path: Path) -> None:
        """A hook that times out and goes on writing to fd 1 (also while the process ends, kept
        alive by an atexit handler) never adds a byte after the JSON on stdout."""
        code = (
            "import atexit, os, time\n"
            "atexit.register(time.sleep, 0.5)\n"
            + INFO.format(name="late")
            + "\n@hookimpl\ndef innovationsresan_cards():\n"
            "    while True:\n"
            '        os.write(1, b"late noise\\n")\n'
            "        time.sleep(0.005)\n"
        )
        site.install(hostile(tmp_path, "late", code))
        result = run_cli(site, "cards", "--json")
        assert 0 == result.returncode, result.stderr
        assert isinstance(json.loads(result.stdout), list)
        assert "late noise" not in result.stdout
        assert "late noise" in result.stderr

    def test_pack_calling_os_exit(self, site: FakeSite, tmp_path: Path) -> None:
        """A pack calling os._exit at import is an error pack; the command still prints JSON."""
        site.install(hostile(tmp_path, "quitter", "import os\nos._exit(7)\n"))
        result = run_cli(site, "packs", "--json")
        assert 0 == result.returncode, result.stderr
        (pack,) = [p for p in json.loads(result.stdout) if p["id"] == "quitter"]
        assert "error" == pack["status"]

    def test_failed_pack_is_warned_about(self, site: FakeSite, tmp_path: Path) -> None:
        """Every command warns on stderr when an installed pack failed to load."""
        site.install(hostile(tmp_path, "rude", "raise KeyboardInterrupt\n"))
        result = run_cli(site, "cards", "--lang", "en")
        assert 0 == result.returncode
        assert "rude" in result.stderr
        assert "could not be loaded" in result.stderr


class TestUnknownCards:
    def test_card_of_a_failed_pack(self, site: FakeSite, tmp_path: Path) -> None:
        """unknown-card says that the card's pack could not be loaded."""
        site.install("alpha")
        site.install(hostile(tmp_path, "rude", "raise KeyboardInterrupt\n"))
        catalog = load_catalog(packs=["alpha", "rude"])
        _, problem = catalog.try_resolve("card", "rude:pre-mortem", "actions[0].cards[0]")
        assert problem is not None
        assert (
            "card 'rude:pre-mortem' is not in any loaded pack; the pack 'rude' could not be "
            "loaded (see innovationsresan packs)"
        ) == problem.message.get("en")

    def test_misspelt_card_gets_a_suggestion(self) -> None:
        """A misspelt card id gets "menade du …?" with the nearest id there is."""
        catalog = load_catalog(entry_points=False, plugins=[DataPack(ALPHA)])
        _, problem = catalog.try_resolve("card", "alpha:braod")
        assert problem is not None
        assert problem.message.get("sv").endswith("(menade du 'alpha:broad'?)")
        _, problem = catalog.try_resolve("card", "shard")
        assert problem is not None
        assert problem.message.get("en").endswith("(did you mean 'shared'?)")
