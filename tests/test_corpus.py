"""Tests that every malformed input in tests/corpus/ gives exactly its expected problem codes.

The corpus holds one folder per kind of input: ``responses/`` and ``plans/`` (single files),
``journeys/`` and ``packs/`` (one folder per case: a journey folder, a pack's content folder).
``tests/corpus/expected.toml`` lists, per kind and case, the codes of every problem the
library reports, from reading and from the next step (scoring a response collection,
validating a plan). A case is added by adding its file and its line in expected.toml.
"""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from pathlib import Path

import pytest

from innovationsresan.catalog import Catalog
from innovationsresan.errors import InnovationsresanError
from innovationsresan.files.documents import display_name
from innovationsresan.files.journeys import read_journey
from innovationsresan.files.plans import read_plan
from innovationsresan.files.responses import read_responses
from innovationsresan.model import Problem
from innovationsresan.packs.content import read_pack_folder
from innovationsresan.packs.loader import load_catalog
from innovationsresan.plans import validate_plan
from innovationsresan.scoring import score

CORPUS = Path(__file__).resolve().parent / "corpus"
KINDS = ("responses", "plans", "journeys", "packs")

#: The files of a pack's content folder that pack problems are located in (notes.toml: the
#: corpus's file that no pack should have).
PACK_FILES = (
    "pack.toml",
    "statements.toml",
    "cards.toml",
    "stories.toml",
    "links.toml",
    "notes.toml",
)

#: The date plans and journeys are checked on (the corpus's dates are chosen around it).
TODAY = dt.date(2026, 12, 1)


@functools.cache
def catalog() -> Catalog:
    """The installed packs (the corpus names Kiruna's statements and cards)."""
    return load_catalog()


def expected() -> dict[str, dict[str, list[str]]]:
    """expected.toml: kind → case → problem codes."""
    with (CORPUS / "expected.toml").open("rb") as handle:
        data: dict[str, dict[str, list[str]]] = tomllib.load(handle)
    return data


def cases() -> list[tuple[str, str]]:
    """Every (kind, case name) in the corpus folders."""
    return [
        (kind, entry.name)
        for kind in KINDS
        for entry in sorted((CORPUS / kind).iterdir())
        if not entry.name.startswith(".")
    ]


def problems_of(kind: str, path: Path) -> tuple[Problem, ...]:
    """What the library reports for one case: read it, then take the next step."""
    try:
        if kind == "responses":
            score(read_responses(path), catalog())
            return ()
        if kind == "plans":
            return validate_plan(read_plan(path), catalog(), today=TODAY).problems
        if kind == "journeys":
            return read_journey(path, catalog(), today=TODAY).all_problems()
        _, found = read_pack_folder(path)
    except InnovationsresanError as error:
        return error.problems
    return found


class TestCorpus:
    @pytest.mark.parametrize(("kind", "name"), cases(), ids="/".join)
    def test_codes(self, kind: str, name: str) -> None:
        """The case gives exactly the problem codes expected.toml lists for it."""
        found = problems_of(kind, CORPUS / kind / name)
        assert sorted(expected()[kind][name]) == sorted(p.code for p in found)

    @pytest.mark.parametrize(("kind", "name"), cases(), ids="/".join)
    def test_locations(self, kind: str, name: str) -> None:
        """Every problem has a location; those of the readers name the file they are about."""
        path = CORPUS / kind / name
        for problem in problems_of(kind, path):
            assert problem.location, problem
            if kind in ("responses", "journeys") or ":" in problem.location:
                assert problem.location.startswith((display_name(path), *PACK_FILES)), problem

    def test_every_case_is_listed(self) -> None:
        """expected.toml lists exactly the cases in the corpus folders, none twice or stale."""
        listed = {(kind, name) for kind, names in expected().items() for name in names}
        assert set(cases()) == listed

    def test_every_case_is_malformed(self) -> None:
        """Every case expects at least one problem: the corpus holds only broken inputs."""
        empty = [(kind, n) for kind, names in expected().items() for n, c in names.items() if not c]
        assert [] == empty

    def test_the_corpus_covers_every_kind(self) -> None:
        """Responses, plans, journeys and packs all have cases."""
        assert set(KINDS) == {kind for kind, _ in cases()}
