"""Tests for discovering and loading packs into a catalogue."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator, Mapping
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from innovationsresan.errors import PackError
from innovationsresan.hookspecs import hookimpl
from innovationsresan.model import Problem
from innovationsresan.packs.datapack import DataPack
from innovationsresan.packs.entrypoints import installed_entry_points
from innovationsresan.packs.loader import (
    allow_list_from_env,
    load_catalog,
    make_plugin_manager,
    normalize,
    pack_id_for,
    primary_from_env,
)
from tests.fakesite import FIXTURES, FakeSite, fake_site
from tests.strategies import fuzz_values

ALPHA = FIXTURES / "alpha" / "src" / "innovationsresan_alpha"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeSite]:
    yield from fake_site(tmp_path, monkeypatch)


def statuses(catalog: Any) -> dict[str, str]:
    return {s.id: s.status for s in catalog.packs}


def codes(problems: tuple[Problem, ...]) -> list[tuple[str, str]]:
    return [(p.code, p.location) for p in problems]


class CodePack:
    """A pack made by code: every data hook returns tables shaped like the files."""

    def __init__(self, pack_id: str = "code", **overrides: Any) -> None:
        self.pack_id = pack_id
        self.overrides = overrides

    def _get(self, name: str, default: Any) -> Any:
        value = self.overrides.get(name, default)
        if isinstance(value, Exception):
            raise value
        return value

    @hookimpl
    def innovationsresan_pack_info(self) -> Mapping[str, Any]:
        return self._get(
            "pack_info",
            {"id": self.pack_id, "name": {"sv": "Kod", "en": "Code"}, "version": "2.0"},
        )

    @hookimpl
    def innovationsresan_statements(self) -> list[Mapping[str, Any]]:
        return self._get(
            "statements",
            [
                {
                    "id": "s1",
                    "level": "innovative",
                    "perspective": "organisation",
                    "principle": "ownership",
                    "text": {"sv": "Vi tar ansvar.", "en": "We take ownership."},
                }
            ],
        )

    @hookimpl
    def innovationsresan_cards(self) -> list[Mapping[str, Any]]:
        return self._get(
            "cards",
            [
                {
                    "id": "shared",
                    "title": {"sv": "Kodkort", "en": "Code card"},
                    "summary": {"sv": "S", "en": "S"},
                    "principles": dict.fromkeys(_ALL, 0.5),
                }
            ],
        )

    @hookimpl
    def innovationsresan_links(self) -> list[Mapping[str, Any]]:
        return self._get("links", [])

    @hookimpl
    def innovationsresan_support(self) -> list[Mapping[str, Any]]:
        return self._get("support", [])

    @hookimpl
    def innovationsresan_plan_rules(self) -> list[Any]:
        return self._get("plan_rules", [])

    @hookimpl
    def innovationsresan_level_descriptions(self) -> list[Mapping[str, Any]]:
        return self._get("level_descriptions", [])

    @hookimpl
    def innovationsresan_principle_descriptions(self) -> list[Mapping[str, Any]]:
        return self._get("principle_descriptions", [])


_ALL = (
    "uncertainty-tolerance",
    "ownership",
    "collaboration",
    "problem-understanding",
    "willingness-to-learn",
    "curiosity",
    "learning-from-failure",
    "experimenting",
    "multiple-perspectives",
)


class TestNames:
    @pytest.mark.parametrize(
        ("distribution", "expected"),
        [
            ("innovationsresan-kiruna", "kiruna"),
            ("Innovationsresan_Kiruna", "kiruna"),
            ("innovationsresan.lulea-kommun", "lulea-kommun"),
            ("kiruna-extra", "kiruna-extra"),
        ],
    )
    def test_pack_id_from_distribution(self, distribution: str, expected: str) -> None:
        """The pack id is the normalised distribution name without innovationsresan-."""
        assert expected == pack_id_for(distribution)

    def test_normalize(self) -> None:
        """Runs of -, _ and . become one - and letters lower case (PEP 503)."""
        assert "a-b-c" == normalize("A_.b--C")


class TestInProcess:
    def test_data_pack_object(self) -> None:
        """A DataPack registered in-process loads its TOML with status ok."""
        catalog = load_catalog(entry_points=False, plugins=[DataPack(ALPHA)])

        assert {"alpha": "ok"} == statuses(catalog)
        assert ["alpha:broad", "alpha:shared"] == sorted(f"{c.pack}:{c.id}" for c in catalog.cards)
        assert 2 == len(catalog.statements)
        assert "1.2.0" == catalog.pack("alpha").version
        assert "" == catalog.pack("alpha").distribution

    def test_code_pack(self) -> None:
        """A pack made of hooks is checked like files and counted."""
        catalog = load_catalog(entry_points=False, plugins=[CodePack()])

        status = catalog.pack("code")
        assert "ok" == status.status
        assert {
            "statements": 1,
            "cards": 1,
            "stories": 0,
            "links": 0,
            "plan_rules": 0,
            "support": 0,
            "level_descriptions": 0,
            "principle_descriptions": 0,
        } == dict(status.counts)
        assert "2.0" == status.version

    def test_support_from_a_hook(self) -> None:
        """Support functions a hook returns are checked like support.toml and kept qualified."""
        support = [
            {"id": "it", "name": {"sv": "IT", "en": "IT"}},
            {"id": "hr", "name": {"sv": "HR", "en": "HR"}, "description": {"sv": "Stöd"}},
        ]

        catalog = load_catalog(entry_points=False, plugins=[CodePack(support=support)])

        assert ["code:hr", "code:it"] == sorted(f"{f.pack}:{f.id}" for f in catalog.support)
        assert "IT" == catalog.support_function("code:it").name.get("en")
        assert [
            ("missing-translation", "code/innovationsresan_support:support[1].description.en")
        ] == [(p.code, p.location) for p in catalog.problems]

    def test_bad_support_leaves_the_pack_out(self) -> None:
        """A support function without a name, or a duplicate id, makes the pack invalid."""
        support = [
            {"id": "it"},
            {"id": "hr", "name": {"sv": "HR", "en": "HR"}},
            {"id": "hr", "name": {"sv": "HR", "en": "HR"}},
        ]

        catalog = load_catalog(entry_points=False, plugins=[CodePack(support=support)])

        status = catalog.pack("code")
        assert "error" == status.status
        assert [
            ("missing-key", "code/innovationsresan_support:support[0].name"),
            ("duplicate-id", "code/innovationsresan_support:support[2].id"),
        ] == [(p.code, p.location) for p in status.problems]
        assert () == catalog.support

    def test_no_plugins(self) -> None:
        """Without packs the catalogue is empty and has no problems."""
        catalog = load_catalog(packs=[], entry_points=False)

        assert ((), (), ()) == (catalog.packs, catalog.cards, catalog.problems)

    def test_each_catalogue_its_own_manager(self) -> None:
        """A plugin registered for one catalogue is not in the next one."""
        load_catalog(entry_points=False, plugins=[CodePack()])

        assert () == load_catalog(entry_points=False).packs

    def test_hook_data_problem_names_pack_and_hook(self) -> None:
        """A problem in hook data is located by pack id, hook and key path."""
        bad = CodePack(cards=[{"id": "x", "title": "T", "summary": "S", "principles": {}}])

        catalog = load_catalog(entry_points=False, plugins=[bad])

        assert {"code": "error"} == statuses(catalog)
        errors = tuple(p for p in catalog.pack("code").problems if p.is_error)
        assert [("empty-principles", "code/innovationsresan_cards:cards[0].principles")] == codes(
            errors
        )

    def test_raising_hook(self) -> None:
        """A hook that raises leaves its pack out with hook-failed; the others load."""
        catalog = load_catalog(
            entry_points=False,
            plugins=[CodePack(cards=ValueError("no cards today")), DataPack(ALPHA)],
        )

        failed = catalog.pack("code")
        assert "error" == failed.status
        assert [("hook-failed", "code/innovationsresan_cards")] == codes(failed.problems)
        assert "ValueError: no cards today" in failed.problems[0].message.get("en")
        assert "ok" == catalog.pack("alpha").status

    def test_plan_rules_collected(self) -> None:
        """Plan rules from the hook reach the catalogue, tagged with the pack id."""

        def rule(plan: object, catalog: object, today: object) -> list[Problem]:
            return []

        catalog = load_catalog(entry_points=False, plugins=[CodePack(plan_rules=[rule])])

        assert (("code", rule),) == catalog.plan_rules

    def test_unknown_hook(self) -> None:
        """A marked hook with a misspelled name leaves the pack out with unknown-hook."""

        class Misspelled:
            @hookimpl
            def innovationsresan_card(self) -> list[Any]:
                return []

            @hookimpl
            def innovationsresan_content_dir(self) -> Path:
                return ALPHA / "content"

        catalog = load_catalog(entry_points=False, plugins=[Misspelled(), CodePack()])

        assert {"Misspelled": "error", "code": "ok"} == statuses(catalog)
        problem = catalog.pack("Misspelled").problems[0]
        assert "unknown-hook" == problem.code
        assert "innovationsresan_card" in problem.message.get("en")

    def test_misspelled_hooks_of_every_plugin(self) -> None:
        """Every plugin with a marked hook the host does not know fails, not only the first."""

        class One:
            @hookimpl
            def cards(self) -> list[Any]:
                return []

            @hookimpl
            def innovationsresan_content_dir(self) -> Path:
                return ALPHA / "content"

        class Two:
            @hookimpl
            def stories(self) -> list[Any]:
                return []

        catalog = load_catalog(entry_points=False, plugins=[One(), Two(), CodePack()])

        assert {"One": "error", "Two": "error", "code": "ok"} == statuses(catalog)
        assert [("unknown-hook", "One"), ("unknown-hook", "Two")] == [
            (p.code, p.location) for p in catalog.problems if p.is_error
        ]
        assert "'stories'" in catalog.pack("Two").problems[0].message.get("en")

    def test_plugin_whose_name_raises(self) -> None:
        """An in-process plugin whose __name__ raises is named by its type."""

        class Nameless(CodePack):
            @property
            def __name__(self) -> str:
                raise RuntimeError("no name")

        catalog = load_catalog(entry_points=False, plugins=[Nameless(), object()])

        assert {"code": "ok", "object": "error"} == statuses(catalog)

    def test_unmarked_hooks(self) -> None:
        """A plugin whose hook functions lack @hookimpl is told so."""

        class Unmarked:
            def innovationsresan_content_dir(self) -> Path:
                return ALPHA / "content"

        catalog = load_catalog(entry_points=False, plugins=[Unmarked()])

        problem = catalog.pack("Unmarked").problems[0]
        assert "no-hooks" == problem.code
        assert "@hookimpl" in problem.message.get("en")

    def test_hook_with_arguments(self) -> None:
        """A hook implementation asking for arguments the spec lacks cannot register."""

        class Greedy:
            @hookimpl
            def innovationsresan_cards(self, catalog: object) -> list[Any]:
                return []

        catalog = load_catalog(entry_points=False, plugins=[Greedy()])

        assert ["invalid-plugin"] == [p.code for p in catalog.pack("Greedy").problems]

    def test_content_dir_of_wrong_type(self) -> None:
        """A content_dir hook returning something that is no folder is a problem."""

        class Wrong:
            @hookimpl
            def innovationsresan_content_dir(self) -> int:
                return 42

        catalog = load_catalog(entry_points=False, plugins=[Wrong()])

        assert ["wrong-type"] == [p.code for p in catalog.pack("Wrong").problems]

    def test_traversable_folder(self) -> None:
        """A content folder given as an importlib Traversable is read."""

        class Resource:
            @hookimpl
            def innovationsresan_content_dir(self) -> Any:
                return files("tests") / "fixtures" / "packs" / "beta" / "src"

        catalog = load_catalog(entry_points=False, plugins=[Resource(), DataPack(ALPHA)])

        # the folder lacks pack.toml: the pack is reported, alpha still loads
        assert {"Resource": "error", "alpha": "ok"} == statuses(catalog)


class TestConflicts:
    def test_same_id_twice(self) -> None:
        """Two plugins claiming one pack id: neither loads, both are reported."""
        catalog = load_catalog(entry_points=False, plugins=[CodePack(), CodePack()])

        assert ["error", "error"] == [s.status for s in catalog.packs]
        assert {"duplicate-pack"} == {p.code for s in catalog.packs for p in s.problems}
        assert () == catalog.cards

    def test_links_merge_across_packs(self) -> None:
        """Links from another pack raise weights to the larger value and name the linking pack."""
        links = [
            {"card": "alpha:shared", "principle": "collaboration", "weight": 0.75},
            {"card": "alpha:shared", "principle": "curiosity", "weight": 0.5},
        ]
        catalog = load_catalog(entry_points=False, plugins=[DataPack(ALPHA), CodePack(links=links)])

        card = catalog.card("alpha:shared")
        assert {"collaboration": 0.75, "problem-understanding": 0.5, "curiosity": 1.0} == dict(
            card.principles
        )
        assert ("code",) == card.linked_by

    def test_link_to_missing_card_is_a_warning(self) -> None:
        """A link to a card no loaded pack has is a warning listed under the linking pack."""
        links = [{"card": "gamma:nothing", "principle": "ownership", "weight": 1}]

        catalog = load_catalog(entry_points=False, plugins=[CodePack(links=links)])

        status = catalog.pack("code")
        assert "ok" == status.status
        assert ["link-target-missing"] == [p.code for p in status.problems]
        assert ["link-target-missing"] == [p.code for p in catalog.problems]

    def test_link_locations_follow_the_pack_id(self) -> None:
        """An in-process pack's links are located under its id, once its metadata is read."""
        links = [{"card": "gamma:nothing", "principle": "ownership", "weight": 1}]

        catalog = load_catalog(entry_points=False, plugins=[CodePack(links=links)])

        assert [("link-target-missing", "code/innovationsresan_links:links[0].card")] == codes(
            catalog.problems
        )

    def test_ambiguous_bare_id(self) -> None:
        """A bare id two packs have cannot be resolved; the error names both candidates."""
        catalog = load_catalog(entry_points=False, plugins=[DataPack(ALPHA), CodePack()])

        qualified, problem = catalog.try_resolve("card", "shared")

        assert qualified is None
        assert problem is not None
        assert "ambiguous-id" == problem.code
        assert "alpha:shared, code:shared" in problem.message.get("en")


class TestStrict:
    def test_strict_raises_naming_every_failed_pack(self) -> None:
        """In strict mode one PackError names every pack that failed, with their problems."""
        with pytest.raises(PackError) as caught:
            load_catalog(
                entry_points=False,
                strict=True,
                plugins=[CodePack("one", cards=RuntimeError("x")), CodePack("two", statements=7)],
            )

        assert ("one", "two") == caught.value.packs
        assert "one, two" in str(caught.value)
        assert {"hook-failed", "wrong-type"} == {p.code for p in caught.value.problems}

    def test_strict_names_pack_with_ambiguous_link(self) -> None:
        """A pack refused while the packs are merged (an ambiguous link) also fails strictly."""
        links = [{"card": "shared", "principle": "ownership", "weight": 1}]

        with pytest.raises(PackError) as caught:
            load_catalog(
                entry_points=False,
                strict=True,
                plugins=[DataPack(ALPHA), CodePack(), CodePack("linker", links=links, cards=[])],
            )

        assert ("linker",) == caught.value.packs
        assert [("ambiguous-id", "linker/innovationsresan_links:links[0].card")] == codes(
            caught.value.problems
        )

    def test_strict_passes_with_warnings(self) -> None:
        """Warnings do not make strict loading fail."""
        links = [{"card": "gamma:nothing", "principle": "ownership", "weight": 1}]

        catalog = load_catalog(entry_points=False, strict=True, plugins=[CodePack(links=links)])

        assert "ok" == catalog.pack("code").status


class TestEntryPoints:
    def test_installed_packs_load(self, site: FakeSite) -> None:
        """Installed packs are found by entry point; id and version come from the distribution."""
        site.install("alpha")
        site.install("beta")

        catalog = load_catalog(packs=["alpha", "beta"])

        assert {"alpha": "ok", "beta": "ok"} == statuses(catalog)
        assert "innovationsresan-alpha" == catalog.pack("alpha").distribution
        assert ("beta",) == catalog.card("alpha:shared").linked_by
        assert [("link-target-missing", "beta/links.toml:links[2].card")] == [
            (p.code, p.location) for p in catalog.pack("beta").problems if p.code.startswith("link")
        ]
        assert ("missing-translation", "beta/cards.toml:cards[0].summary.fi") in codes(
            catalog.pack("beta").problems
        )

    def test_pack_that_fails_on_import(self, site: FakeSite) -> None:
        """A pack raising on import is listed with status error, distribution and version."""
        site.install("alpha")
        site.install("exploding")

        catalog = load_catalog(packs=["alpha", "exploding"])

        broken = catalog.pack("exploding")
        assert ("error", "innovationsresan-exploding", "6.6.6") == (
            broken.status,
            broken.distribution,
            broken.version,
        )
        assert [("import-failed", "innovationsresan-exploding")] == codes(broken.problems)
        assert "explodes on import" in broken.problems[0].message.get("en")
        assert "ok" == catalog.pack("alpha").status

    def test_problems_name_pack_and_distribution(self, site: FakeSite) -> None:
        """Every problem of an installed pack names its pack id and distribution."""
        site.install("beta")
        site.install("exploding")

        catalog = load_catalog(packs=["beta", "exploding"])

        assert {
            ("beta", "innovationsresan-beta", "missing-translation"),
            ("beta", "innovationsresan-beta", "link-target-missing"),
            ("exploding", "innovationsresan-exploding", "import-failed"),
        } == {(p.pack, p.distribution, p.code) for p in catalog.problems}
        assert all(p.location for p in catalog.problems)

    def test_allow_list_applies_before_import(self, site: FakeSite) -> None:
        """A pack left out by the allow-list is neither imported nor listed."""
        site.install("alpha")
        site.install("exploding")

        catalog = load_catalog(packs=["innovationsresan-alpha"])

        assert {"alpha": "ok"} == statuses(catalog)
        assert "innovationsresan_exploding" not in sys.modules

    def test_env_allow_list(self, site: FakeSite, monkeypatch: pytest.MonkeyPatch) -> None:
        """INNOVATIONSRESAN_PACKS chooses the packs when no allow-list is given."""
        site.install("alpha")
        site.install("beta")
        monkeypatch.setenv("INNOVATIONSRESAN_PACKS", " beta , ")

        assert {"beta": "ok"} == statuses(load_catalog())

    def test_empty_env_loads_none(self, site: FakeSite, monkeypatch: pytest.MonkeyPatch) -> None:
        """An empty INNOVATIONSRESAN_PACKS loads no installed pack."""
        site.install("alpha")
        monkeypatch.setenv("INNOVATIONSRESAN_PACKS", "")

        assert () == load_catalog().packs

    def test_allow_list_as_one_string(self, site: FakeSite) -> None:
        """packs="alpha" allows the pack alpha (split at commas), not the letters a, l, p …"""
        site.install("alpha")
        site.install("beta")

        catalog = load_catalog(packs="alpha")

        assert ({"alpha": "ok"}, ()) == (statuses(catalog), catalog.problems)
        assert {"alpha": "ok", "beta": "ok"} == statuses(load_catalog(packs="beta, alpha"))

    def test_allow_list_names_missing_pack(self, site: FakeSite) -> None:
        """A name in the allow-list that matches no pack is a warning."""
        site.install("alpha")

        catalog = load_catalog(packs=["alpha", "nowhere"])

        assert [("pack-not-installed", "packs")] == codes(catalog.problems)

    def test_misspelled_hook_module(self, site: FakeSite) -> None:
        """A pack module with a misspelled hook is reported, not silently empty."""
        site.install("misspelled")

        catalog = load_catalog(packs=["misspelled"])

        assert ["unknown-hook"] == [p.code for p in catalog.pack("misspelled").problems]

    def test_id_must_match_distribution(self, site: FakeSite) -> None:
        """A pack whose metadata id differs from its distribution's is invalid."""
        site.install(
            "alpha",
            distribution="innovationsresan-gamma",
            entry_points={"innovationsresan-gamma": "innovationsresan_alpha:plugin"},
        )

        catalog = load_catalog(packs=["gamma"])

        assert [("id-mismatch", "gamma/pack.toml:pack.id")] == codes(catalog.pack("gamma").problems)

    def test_id_mismatch_claims_nothing(self, site: FakeSite) -> None:
        """A pack whose metadata id is not its distribution's claims no id: gamma still loads."""
        site.install(
            "alpha",
            distribution="innovationsresan-gamma",
            entry_points={"innovationsresan-gamma": "innovationsresan_alpha:plugin"},
        )

        catalog = load_catalog(packs=["gamma"], plugins=[CodePack("gamma")])

        assert [("gamma", "", "ok"), ("gamma", "innovationsresan-gamma", "error")] == [
            (s.id, s.distribution, s.status) for s in catalog.packs
        ]
        assert ["id-mismatch"] == [p.code for p in catalog.packs[1].problems]

    def test_two_distributions_one_id(self, site: FakeSite) -> None:
        """Two distributions claiming one pack id: neither loads, whatever their order."""
        site.install("alpha")
        site.install(
            "alpha",
            distribution="alpha",
            entry_points={"alpha": "innovationsresan_alpha:plugin"},
        )

        catalog = load_catalog(packs=["alpha"])

        assert [("alpha", "error"), ("alpha", "error")] == [(s.id, s.status) for s in catalog.packs]
        assert {"duplicate-pack"} == {p.code for s in catalog.packs for p in s.problems}

    def test_broken_distribution_keeps_its_claim(self, site: FakeSite) -> None:
        """A distribution that fails still claims its id: the other one does not load either."""
        site.install("alpha")
        site.install(
            "exploding",
            distribution="alpha",
            entry_points={"alpha": "innovationsresan_exploding"},
        )

        catalog = load_catalog(packs=["alpha"])

        assert [
            ("alpha", "alpha", ["import-failed", "duplicate-pack"]),
            ("alpha", "innovationsresan-alpha", ["duplicate-pack"]),
        ] == [(s.id, s.distribution, [p.code for p in s.problems]) for s in catalog.packs]
        assert () == catalog.cards

    def test_entry_point_named_otherwise(self, site: FakeSite) -> None:
        """An entry point not named after its distribution still loads, with a warning."""
        site.install("alpha", entry_points={"alpha": "innovationsresan_alpha:plugin"})

        catalog = load_catalog(packs=["alpha"])

        assert "ok" == catalog.pack("alpha").status
        assert ["entry-point-name"] == [p.code for p in catalog.pack("alpha").problems]

    def test_scan_agrees_with_importlib_metadata(self, site: FakeSite) -> None:
        """The quick scan finds what importlib.metadata finds, names and versions included."""
        from importlib.metadata import entry_points

        site.install("alpha")
        site.install("beta")

        expected = sorted(
            (ep.name, ep.value, ep.dist.name if ep.dist else "", ep.dist.version if ep.dist else "")
            for ep in entry_points(group="innovationsresan")
        )
        actual = sorted(
            (ep.name, ep.value, ep.distribution, ep.version)
            for ep in installed_entry_points("innovationsresan")
        )
        assert expected == actual


class TestEnvironment:
    def test_unset(self) -> None:
        """Without the variable there is no allow-list."""
        assert allow_list_from_env({}) is None

    def test_list(self) -> None:
        """The value is split at commas, blanks dropped."""
        assert ("kiruna", "lulea") == allow_list_from_env(
            {"INNOVATIONSRESAN_PACKS": "kiruna, lulea,"}
        )


class TestPrimaryPack:
    def test_from_env(self) -> None:
        """INNOVATIONSRESAN_PRIMARY_PACK names a pack by id or distribution; blank is none."""
        assert ("kiruna", "kiruna", None, None) == (
            primary_from_env({"INNOVATIONSRESAN_PRIMARY_PACK": " kiruna "}),
            primary_from_env({"INNOVATIONSRESAN_PRIMARY_PACK": "innovationsresan-kiruna"}),
            primary_from_env({"INNOVATIONSRESAN_PRIMARY_PACK": " "}),
            primary_from_env({}),
        )

    def test_chooses_the_shown_text(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The variable, or primary=, picks whose description a code pack's level shows."""
        said = {"sv": "Vi", "en": "We"}
        packs = [
            CodePack(pid, level_descriptions=[{"level": "limited", "description": said}])
            for pid in ("code", "more")
        ]
        monkeypatch.setenv("INNOVATIONSRESAN_PRIMARY_PACK", "more")

        by_env = load_catalog(entry_points=False, plugins=packs)
        by_argument = load_catalog(entry_points=False, plugins=packs, primary="")

        assert ("more", "more") == (by_env.primary, by_env.level_description("limited").pack)
        assert (None, "code") == (
            by_argument.primary,
            by_argument.level_description("limited").pack,
        )

    def test_pack_not_loaded_is_a_warning(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A primary pack that is not loaded is a warning, named where it was set."""
        monkeypatch.setenv("INNOVATIONSRESAN_PRIMARY_PACK", "lulea")

        by_env = load_catalog(entry_points=False, plugins=[CodePack()])
        by_argument = load_catalog(entry_points=False, plugins=[CodePack()], primary="umea")

        assert [("primary-pack-not-loaded", "INNOVATIONSRESAN_PRIMARY_PACK")] == codes(
            by_env.problems
        )
        assert [("primary-pack-not-loaded", "primary")] == codes(by_argument.problems)


class TestThreads:
    def test_many_readers(self) -> None:
        """Many threads reading one catalogue all see the same answers."""
        catalog = load_catalog(entry_points=False, plugins=[DataPack(ALPHA), CodePack()])
        expected = (
            catalog.card("alpha:shared"),
            catalog.cards_for("curiosity"),
            catalog.statements_for("ownership"),
            catalog.resolve("card", "broad"),
        )
        results: list[object] = []
        lock = threading.Lock()

        def read() -> None:
            for _ in range(200):
                got = (
                    catalog.card("alpha:shared"),
                    catalog.cards_for("curiosity"),
                    catalog.statements_for("ownership"),
                    catalog.resolve("card", "broad"),
                )
                with lock:
                    results.append(got)

        threads = [threading.Thread(target=read) for _ in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert 16 * 200 == len(results)
        assert all(expected == got for got in results)


class TestManager:
    def test_knows_every_hook(self) -> None:
        """A fresh manager knows the ten hook specifications."""
        manager = make_plugin_manager()

        names = sorted(n for n in vars(manager.hook) if n.startswith("innovationsresan_"))
        assert [
            "innovationsresan_cards",
            "innovationsresan_content_dir",
            "innovationsresan_level_descriptions",
            "innovationsresan_links",
            "innovationsresan_pack_info",
            "innovationsresan_plan_rules",
            "innovationsresan_principle_descriptions",
            "innovationsresan_statements",
            "innovationsresan_stories",
            "innovationsresan_support",
        ] == names


class TestCost:
    def test_loading_imports_little(self) -> None:
        """Loading data packs imports neither importlib.metadata nor importlib.resources.

        Both cost more to import than parsing a pack's TOML (DESIGN.md §12). The parse cache is
        off here: a cold cache writes its entries once, which is a writer's cost.
        """
        import os
        import subprocess

        code = (
            "import sys\n"
            "from pathlib import Path\n"
            "from innovationsresan.packs.datapack import DataPack\n"
            "from innovationsresan.packs.loader import load_catalog\n"
            f"catalog = load_catalog(packs=[], plugins=[DataPack(Path({str(ALPHA)!r}))])\n"
            "assert catalog.packs[0].ok, catalog.packs\n"
            "print(sorted(m for m in ('importlib.metadata', 'importlib.resources', 'tempfile')"
            " if m in sys.modules))\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "INNOVATIONSRESAN_NO_CACHE": "1"},
        )

        assert (0, "[]") == (result.returncode, result.stdout.strip()), result.stderr


class TestOddPlugins:
    def test_generator_that_raises(self) -> None:
        """A hook returning a generator that raises midway is a hook-failed problem."""

        def cards() -> Iterator[dict[str, Any]]:
            yield {"id": "a", "title": "A", "summary": "S", "principles": {"curiosity": 1}}
            raise OSError("disk gone")

        catalog = load_catalog(entry_points=False, plugins=[CodePack(cards=cards())])

        assert [("hook-failed", "code/innovationsresan_cards")] == codes(
            catalog.pack("code").problems
        )

    def test_generator_is_read(self) -> None:
        """A hook may return any iterable of tables, a generator included."""
        statements = (
            {
                "id": f"s{i}",
                "level": "limited",
                "perspective": "individual",
                "principle": "curiosity",
                "text": {"sv": "x", "en": "x"},
            }
            for i in range(3)
        )

        catalog = load_catalog(entry_points=False, plugins=[CodePack(statements=statements)])

        assert 3 == len(catalog.statements)

    @given(
        st.sampled_from(["pack_info", "statements", "cards", "links", "support", "plan_rules"]),
        fuzz_values | st.lists(fuzz_values, max_size=4),
    )
    def test_any_hook_data(self, hook: str, value: object) -> None:
        """Whatever a data hook returns, loading never raises and every problem is located."""
        catalog = load_catalog(entry_points=False, plugins=[CodePack(**{hook: value})])

        (status,) = catalog.packs
        assert status.ok == (not any(p.is_error for p in status.problems))
        assert all(p.location for p in catalog.problems)

    def test_table_that_raises(self) -> None:
        """A table object whose methods raise is a problem of its pack, not a traceback."""

        class Hostile(dict):  # type: ignore[type-arg]
            def items(self) -> Any:
                raise RuntimeError("hostile")

        catalog = load_catalog(entry_points=False, plugins=[CodePack(cards=[Hostile(id="x")])])

        (status,) = catalog.packs
        assert ("error", ["invalid-pack"]) == (status.status, [p.code for p in status.problems])


class TestInstalledEntryPoint:
    def test_a_frozen_value(self) -> None:
        """An entry point equals and hashes as its five fields, shows them, and cannot change."""
        from innovationsresan.packs.entrypoints import InstalledEntryPoint

        fields = ("innovationsresan-x", "innovationsresan_x:plugin", "innovationsresan", "d", "1")
        point = InstalledEntryPoint(*fields)
        assert InstalledEntryPoint(*fields) == point
        assert hash(InstalledEntryPoint(*fields)) == hash(point)
        assert InstalledEntryPoint(*fields[:4], "2") != point
        assert fields == point.fields()
        assert ("innovationsresan_x", "plugin") == (point.module, point.attribute)
        assert repr(point) == (
            "InstalledEntryPoint(name='innovationsresan-x', value='innovationsresan_x:plugin', "
            "group='innovationsresan', distribution='d', version='1')"
        )
        with pytest.raises(AttributeError, match="frozen"):
            point.version = "3"
        assert point != fields
