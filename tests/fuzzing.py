"""What the fuzz tests share: the seed files, scratch folders, and what "survives" means.

A reader given garbage either succeeds or raises one of the library's own errors
(:class:`~innovationsresan.errors.InnovationsresanError`) whose problems all name where they
are. Pack readers never raise at all: they return their problems. What a reader accepts must
also go through the next step (scoring, JSON output) without a stray exception.

The fuzz tests are split over ``test_fuzz_files.py``, ``test_fuzz_packs.py`` and
``test_fuzz_commands.py`` so that the test workers share them out.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import tempfile
import tomllib
from collections.abc import Callable, Iterator
from io import StringIO
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, settings
from hypothesis import strategies as st

from innovationsresan import cli
from innovationsresan.catalog import Catalog
from innovationsresan.cli._common import Context
from innovationsresan.errors import InnovationsresanError
from innovationsresan.files import tomlwriter
from innovationsresan.files.jsonable import to_jsonable
from innovationsresan.model import Problem
from innovationsresan.packs.loader import load_catalog
from innovationsresan.scoring import score
from tests.budget import capped

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


def assert_survives(read: Callable[[], Any], then: Callable[[Any], object] = to_jsonable) -> None:
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


def run_cli(*argv: str) -> tuple[int, str]:
    """Run one command line in-process; its exit code and what it wrote to stderr."""
    out, err = StringIO(), StringIO()
    code = cli.main(list(argv), context=Context(out=out, err=err))
    return code, err.getvalue()
