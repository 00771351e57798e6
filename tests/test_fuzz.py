"""Fuzzing every reader: any bytes, any damage to a valid file, never a stray exception.

A reader given garbage either succeeds or raises one of the library's own errors
(:class:`~innovationsresan.errors.InnovationsresanError`) whose problems all name where they
are. Pack readers never raise at all: they return their problems. What a reader accepts must
also go through the next step (scoring, JSON output) without a stray exception.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import shutil
import tempfile
import tomllib
from collections.abc import Callable, Iterator
from io import StringIO
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from innovationsresan import cli
from innovationsresan.catalog import Catalog
from innovationsresan.cli._common import Context
from innovationsresan.errors import InnovationsresanError
from innovationsresan.files import tomlwriter
from innovationsresan.files.journeys import read_journey
from innovationsresan.files.jsonable import to_jsonable
from innovationsresan.files.plans import read_plan
from innovationsresan.files.responses import read_response, read_responses
from innovationsresan.model import Problem
from innovationsresan.packs.check import check_pack_folder
from innovationsresan.packs.content import read_pack_folder
from innovationsresan.packs.loader import load_catalog
from innovationsresan.plans import validate_plan
from innovationsresan.scoring import score
from tests.budget import capped
from tests.strategies import fuzz_values, mutated_bytes, mutated_documents

ROOT = Path(__file__).resolve().parent.parent
RESPONSE = ROOT / "docs" / "examples" / "workshop" / "r1.toml"
PLAN = ROOT / "src" / "innovationsresan" / "examples" / "plan.toml"
JOURNEY = ROOT / "src" / "innovationsresan" / "examples" / "journey"
KIRUNA = ROOT / "contentpacks" / "kiruna"
PACK_FILES = {
    p.name: p
    for p in sorted((KIRUNA / "src" / "innovationsresan_kiruna" / "content").glob("*.toml"))
}

CSV = (
    "respondent,scale,date,current.organisation.curiosity,desired.organisation.curiosity,"
    "current.individual.experimenting,statements.kiruna:limited-org-curiosity-1\n"
    "r1,5,2026-11-26,2,4,3,4\n"
    "r2,5,,3,5,n/a,2\n"
    "r3,7,2026-11-27,,6,1,\n"
)

TODAY = dt.date(2026, 12, 1)

#: Files are written, so Hypothesis should not complain about slow examples.
fuzz = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: Whole packs are read twice per example, so fewer examples keep the CI profile short.
heavy = capped(
    80,
    "whole packs are read twice per example",
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: A whole command or a journey of several files per example; the readers under them are
#: fuzzed at the profile's full count in the classes above.
command = capped(
    100,
    "a whole command, or a journey of several files, is run per example",
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@functools.cache
def catalog() -> Catalog:
    """The installed packs, loaded once for every example."""
    return load_catalog()


@contextlib.contextmanager
def scratch() -> Iterator[Path]:
    """A fresh folder for one example (Hypothesis runs many examples per test)."""
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


def assert_own_error(error: InnovationsresanError) -> None:
    """The error carries problems, each with a location and a message in both languages."""
    assert error.problems, error
    for problem in error.problems:
        assert isinstance(problem, Problem)
        assert problem.location, problem
        assert problem.code, problem
        assert problem.message.get("sv"), problem
        assert problem.message.get("en"), problem
    assert error.render("sv")
    assert error.render("en")


def survives(read: Callable[[], Any], then: Callable[[Any], object] = to_jsonable) -> None:
    """*read* succeeds (and *then* works on its result) or raises the library's own error."""
    try:
        result = read()
    except InnovationsresanError as error:
        assert_own_error(error)
        return
    try:
        then(result)
    except InnovationsresanError as error:
        assert_own_error(error)


def score_all(responses: Any) -> object:
    """Scoring is the next step after reading responses; JSON output the one after that."""
    return to_jsonable(score(responses, catalog()))


def encode(document: dict[str, object], fmt: str) -> bytes:
    """*document* as TOML or JSON bytes; documents TOML cannot hold are rejected."""
    if fmt == "json":
        return json.dumps(document, default=str, ensure_ascii=False).encode("utf-8")
    try:
        return tomlwriter.dumps(document).encode("utf-8")
    except (TypeError, ValueError):
        assume(False)
        raise  # unreachable: assume(False) ends the example


def parsed(path: Path) -> dict[str, object]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


formats = st.sampled_from(["toml", "json"])


class TestResponseReaders:
    @fuzz
    @given(st.binary(max_size=2000), st.sampled_from([".toml", ".json", ".jsonl", ".csv"]))
    def test_arbitrary_bytes(self, data: bytes, suffix: str) -> None:
        """Any bytes in any kind of response file end in success or an InputError."""
        with scratch() as folder:
            path = folder / f"team{suffix}"
            path.write_bytes(data)
            survives(lambda: read_responses(path), score_all)
            if suffix in (".toml", ".json"):
                survives(lambda: read_response(path))

    @fuzz
    @given(st.data())
    def test_damaged_bytes(self, data: st.DataObject) -> None:
        """A valid response, JSONL or CSV file with damaged bytes never crashes the reader."""
        seeds = {
            ".toml": RESPONSE.read_bytes(),
            ".json": json.dumps(parsed(RESPONSE), default=str).encode(),
            ".jsonl": b"\n".join(json.dumps(parsed(RESPONSE), default=str).encode() for _ in "ab"),
            ".csv": CSV.encode(),
        }
        suffix = data.draw(st.sampled_from(sorted(seeds)))
        damaged = data.draw(mutated_bytes(seeds[suffix]))
        with scratch() as folder:
            path = folder / f"team{suffix}"
            path.write_bytes(damaged)
            survives(lambda: read_responses(path), score_all)

    @fuzz
    @given(mutated_documents(parsed(RESPONSE)), formats)
    def test_damaged_structure(self, document: dict[str, object], fmt: str) -> None:
        """Keys dropped or added and values of the wrong type end in success or an InputError."""
        with scratch() as folder:
            path = folder / f"r.{fmt}"
            path.write_bytes(encode(document, fmt))
            survives(lambda: read_response(path), lambda r: score_all([r]))

    @fuzz
    @given(st.lists(mutated_documents(parsed(RESPONSE)) | fuzz_values, min_size=1, max_size=4))
    def test_damaged_lines(self, lines: list[object]) -> None:
        """A JSONL file whose lines are damaged responses or any values never crashes."""
        with scratch() as folder:
            path = folder / "team.jsonl"
            text = "\n".join(json.dumps(line, default=str, ensure_ascii=False) for line in lines)
            path.write_text(text, encoding="utf-8")
            survives(lambda: read_responses(path), score_all)

    @fuzz
    @given(
        st.lists(
            st.lists(
                st.text(max_size=12) | st.sampled_from(["n/a", "", "5", "0", "x"]), max_size=8
            ),
            min_size=0,
            max_size=5,
        ),
        st.sampled_from([",", ";", "\t"]),
    )
    def test_csv_rows(self, rows: list[list[str]], separator: str) -> None:
        """The valid header over rows of any cells gives success or an InputError."""
        header = CSV.splitlines()[0].replace(",", separator)
        body = "\n".join(separator.join(row) for row in rows)
        with scratch() as folder:
            path = folder / "team.csv"
            path.write_text(f"{header}\n{body}\n", encoding="utf-8")
            survives(lambda: read_responses(path), score_all)


class TestPlanReader:
    @fuzz
    @given(st.binary(max_size=2000), st.sampled_from([".toml", ".json"]))
    def test_arbitrary_bytes(self, data: bytes, suffix: str) -> None:
        """Any bytes in a plan file end in success or an InputError."""
        with scratch() as folder:
            path = folder / f"plan{suffix}"
            path.write_bytes(data)
            survives(lambda: read_plan(path), self.validated)

    @fuzz
    @given(mutated_bytes(PLAN.read_bytes()))
    def test_damaged_bytes(self, damaged: bytes) -> None:
        """The example plan with damaged bytes never crashes the reader or the check."""
        with scratch() as folder:
            path = folder / "plan.toml"
            path.write_bytes(damaged)
            survives(lambda: read_plan(path), self.validated)

    @fuzz
    @given(mutated_documents(parsed(PLAN)), formats)
    def test_damaged_structure(self, document: dict[str, object], fmt: str) -> None:
        """A plan with keys dropped, added or of the wrong type never crashes the reader."""
        with scratch() as folder:
            path = folder / f"plan.{fmt}"
            path.write_bytes(encode(document, fmt))
            survives(lambda: read_plan(path), self.validated)

    @staticmethod
    def validated(plan: Any) -> object:
        """A plan that could be read is checked (which never raises) and printed as JSON."""
        report = validate_plan(plan, catalog(), today=TODAY)
        return to_jsonable(report)


class TestJourneyReader:
    @command
    @given(
        journey=mutated_documents(parsed(JOURNEY / "journey.toml")),
        response=mutated_documents(parsed(RESPONSE)),
        plan=mutated_documents(parsed(PLAN)),
        round_name=st.sampled_from(["2026-11-26", "2026-02-30", "runda-1", "2026-1-1"]),
    )
    def test_damaged_files(
        self,
        journey: dict[str, object],
        response: dict[str, object],
        plan: dict[str, object],
        round_name: str,
    ) -> None:
        """A journey with damaged journey.toml, responses and plans never crashes the reader."""
        with scratch() as folder:
            (folder / "journey.toml").write_bytes(encode(journey, "toml"))
            first = folder / "2026-01-22"
            shutil.copytree(JOURNEY / "2026-01-22", first)
            second = folder / round_name
            second.mkdir(exist_ok=True)
            (second / "r99.json").write_bytes(encode(response, "json"))
            (second / "plan.toml").write_bytes(encode(plan, "toml"))
            survives(
                lambda: read_journey(folder, catalog(), today=TODAY),
                lambda j: to_jsonable(j, lang="en"),
            )

    @fuzz
    @given(st.binary(max_size=600), st.binary(max_size=600))
    def test_arbitrary_bytes(self, settings_bytes: bytes, response_bytes: bytes) -> None:
        """Any bytes in journey.toml and in a round's response give a journey or an InputError."""
        with scratch() as folder:
            (folder / "journey.toml").write_bytes(settings_bytes)
            (folder / "2026-11-26").mkdir()
            (folder / "2026-11-26" / "r1.toml").write_bytes(response_bytes)
            survives(lambda: read_journey(folder, catalog(), today=TODAY), to_jsonable)


class TestPackReaders:
    @heavy
    @given(st.data())
    def test_damaged_bytes(self, data: st.DataObject) -> None:
        """A pack file with damaged bytes gives problems with locations, never an exception."""
        name = data.draw(st.sampled_from(sorted(PACK_FILES)))
        damaged = data.draw(mutated_bytes(PACK_FILES[name].read_bytes()))
        self.check_folder_with(name, damaged)

    @heavy
    @given(st.data(), formats)
    def test_damaged_structure(self, data: st.DataObject, fmt: str) -> None:
        """A pack file with keys dropped, added or of the wrong type never raises."""
        name = data.draw(st.sampled_from(sorted(PACK_FILES)))
        document = data.draw(mutated_documents(parsed(PACK_FILES[name])))
        self.check_folder_with(name, encode(document, "toml"))

    @heavy
    @given(st.sampled_from(sorted(PACK_FILES)), st.binary(max_size=1000))
    def test_arbitrary_bytes(self, name: str, data: bytes) -> None:
        """Any bytes in place of a pack file give problems, never an exception."""
        self.check_folder_with(name, data)

    @staticmethod
    def check_folder_with(name: str, data: bytes) -> None:
        """Copy the Kiruna pack, replace one content file, read and check it two ways."""
        with scratch() as folder:
            pack = folder / "innovationsresan-kiruna"
            shutil.copytree(
                KIRUNA, pack, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
            )
            content = pack / "src" / "innovationsresan_kiruna" / "content"
            (content / name).write_bytes(data)
            loaded, problems = read_pack_folder(content)
            assert all(p.location for p in problems)
            if loaded is not None:
                to_jsonable(loaded.info)
            pack_id, checked = check_pack_folder(pack)
            assert isinstance(pack_id, str)
            assert all(isinstance(p, Problem) and p.location for p in checked)


def run_cli(*argv: str) -> tuple[int, str]:
    """Run one command line in-process; its exit code and what it wrote to stderr."""
    out, err = StringIO(), StringIO()
    code = cli.main(list(argv), context=Context(out=out, err=err))
    return code, err.getvalue()


class TestCommandLine:
    """The commands built on the readers end with their documented exit codes, never 3."""

    @command
    @given(mutated_bytes(RESPONSE.read_bytes()), st.sampled_from([".toml", ".json", ".csv"]))
    def test_score(self, damaged: bytes, suffix: str) -> None:
        """`score` on a damaged file exits 0 or 2, without a traceback."""
        with scratch() as folder:
            path = folder / f"r{suffix}"
            path.write_bytes(damaged)
            code, err = run_cli("score", str(path), "--json")
        assert code in (0, 2), err
        assert "Traceback" not in err

    @command
    @given(mutated_bytes(PLAN.read_bytes()))
    def test_plan_check(self, damaged: bytes) -> None:
        """`plan check` on a damaged plan exits 0, 1 or 2, without a traceback."""
        with scratch() as folder:
            path = folder / "plan.toml"
            path.write_bytes(damaged)
            code, err = run_cli("plan", "check", str(path), "--today", "2026-12-01")
        assert code in (0, 1, 2), err
        assert "Traceback" not in err

    @heavy
    @given(st.data())
    def test_pack_check(self, data: st.DataObject) -> None:
        """`pack check` on a pack with a damaged file exits 0 or 1: problems, not failures."""
        name = data.draw(st.sampled_from(sorted(PACK_FILES)))
        damaged = data.draw(mutated_bytes(PACK_FILES[name].read_bytes()))
        with scratch() as folder:
            pack = folder / "innovationsresan-kiruna"
            shutil.copytree(
                KIRUNA, pack, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
            )
            (pack / "src" / "innovationsresan_kiruna" / "content" / name).write_bytes(damaged)
            code, err = run_cli("pack", "check", str(pack))
        assert code in (0, 1), err
        assert "Traceback" not in err


#: Every command that reads a file, with where the file goes: ``{f}`` is the file, ``{d}`` the
#: scratch folder (outputs are written there). The suffix decides how the file is read.
COMMANDS_READING_A_FILE = (
    ("score", "{f}"),
    ("score", "{f}", "--json"),
    ("score", "{f}", "--csv"),
    ("recommend", "{f}"),
    ("report", "{f}", "-o", "{d}/out.html"),
    ("followup", "{f}", "--after", "{f}"),
    ("plan", "check", "{f}", "--today", "2026-12-01"),
    ("plan", "ics", "{f}", "-o", "{d}/out.ics"),
    ("plan", "export", "{f}", "-o", "{d}/out.csv"),
    ("report", str(RESPONSE), "--plan", "{f}", "-o", "{d}/out.html"),
    ("journey", "{d}/journey"),
)

class TestAnyBytesAnyCommand:
    """Any byte string given as any input file to any command ends with exit 0, 1 or 2."""

    @command
    @given(
        st.sampled_from(COMMANDS_READING_A_FILE),
        st.sampled_from([".toml", ".json", ".jsonl", ".csv"]),
        st.binary(max_size=2048)
        | st.text(alphabet='0123456789,;"\n\r\t =[]{}abcn/A.:-', max_size=400).map(str.encode),
    )
    def test_exit_code(self, command: tuple[str, ...], suffix: str, data: bytes) -> None:
        """Never 3, never a traceback (cliffs are measured in benchmarks/bench_faults.py)."""
        with scratch() as folder:
            path = folder / f"input{suffix}"
            path.write_bytes(data)
            journey = folder / "journey" / "2026-11-26"
            journey.mkdir(parents=True)
            (journey / f"answers{suffix}").write_bytes(data)
            (folder / "journey" / "journey.toml").write_bytes(data)
            argv = [a.format(f=path, d=folder) for a in command]
            code, err = run_cli(*argv, "--lang", "en")
        assert code in (0, 1, 2), err
        assert "Traceback" not in err
