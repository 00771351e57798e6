"""Shared test set-up: Hypothesis profiles (quick locally, thorough in CI), the workshop server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, Phase, settings

if TYPE_CHECKING:
    from tests.web import Room

settings.register_profile("quick", max_examples=40, deadline=None)
settings.register_profile(
    "ci", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# Before a release or after changing a strategy: every property at 1000 examples, and the caps
# of the costly ones (tests/budget.py) lifted. Hours on two cores; never the default.
settings.register_profile(
    "thorough", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# Mutation testing runs every test many times: a small, derandomised profile keeps each run
# quick and makes a mutant's verdict the same on every run. mutmut runs a test class's methods
# again in the same process on new instances, which Hypothesis would flag as differing executors.
# A mutant's verdict needs only whether a test fails, not the smallest failing example: no shrink.
settings.register_profile(
    "mutate",
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.differing_executors, HealthCheck.too_slow],
)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "quick")
)


@pytest.fixture
def room(tmp_path: Path) -> Iterator[Room]:
    """A workshop server on a fresh store (tests/web.py), with no workshop yet."""
    from tests.web import Room, kiruna_catalog

    made = Room(tmp_path, kiruna_catalog())
    yield made
    made.close()


@pytest.fixture
def opened(room: Room) -> Room:
    """A workshop server with a Swedish workshop on a 5-point scale made through the form."""
    room.create()
    return room


# Compiled report templates are cached under $XDG_CACHE_HOME (docs/performance.md); the tests and
# the commands they start keep theirs in a temporary folder, never in the user's home.
if "INNOVATIONSRESAN_TEST_CACHE" not in os.environ:
    import tempfile

    os.environ["INNOVATIONSRESAN_TEST_CACHE"] = tempfile.mkdtemp(prefix="innovationsresan-cache-")
    os.environ["XDG_CACHE_HOME"] = os.environ["INNOVATIONSRESAN_TEST_CACHE"]


@pytest.fixture(autouse=True)
def _no_checked_packs_under_mutation(monkeypatch: pytest.MonkeyPatch) -> None:
    """Under mutmut (make mutate) the cache of checked packs is off.

    mutmut puts every mutant of a module in the same file and picks one at run time by
    ``MUTANT_UNDER_TEST``, so the library's files, which an entry of that cache is checked
    against, are the same for every mutant: one mutant's checked packs would be handed to the
    next, and a mutant of the checks would go untested. The cache of parsed files stays on
    (tomllib is never mutated).
    """
    if "MUTANT_UNDER_TEST" in os.environ:
        from innovationsresan.packs import checkedcache

        monkeypatch.setattr(checkedcache, "folder", lambda: None)
