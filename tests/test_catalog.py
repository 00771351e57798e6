"""Tests for the catalogue: merging packs, resolving ids, queries."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from innovationsresan.catalog import Catalog, PackContent, PackStatus
from innovationsresan.errors import UnknownIdError
from innovationsresan.ladder import LEVEL_DESCRIPTIONS, LEVEL_NAMES, principle
from innovationsresan.model import (
    Card,
    Level,
    LevelDescription,
    Link,
    LocalizedText,
    PackInfo,
    Perspective,
    PrincipleDescription,
    Problem,
    ShownDescription,
    Statement,
    Story,
    SupportFunction,
)
from tests import strategies
from tests.budget import capped

T = LocalizedText.of


def card(pack: str, ident: str, **weights: float) -> Card:
    return Card(
        id=ident,
        pack=pack,
        title=T(ident),
        summary=T("s"),
        principles=tuple((p.replace("_", "-"), w) for p, w in weights.items()),
    )


def content(
    pack: str, *, cards: tuple[Card, ...] = (), links: tuple[Link, ...] = ()
) -> PackContent:
    return PackContent(
        info=PackInfo(
            id=pack, name=T(pack.title()), version="1", distribution=f"innovationsresan-{pack}"
        ),
        cards=cards,
        links=links,
        statements=(
            Statement("s1", pack, Level.LIMITED, Perspective.ORGANISATION, "curiosity", T("x")),
            Statement("s2", pack, Level.INNOVATIVE, Perspective.INDIVIDUAL, "ownership", T("y")),
        ),
        stories=(
            Story("st", pack, T("t"), T("x"), ("curiosity", "ownership")),
            Story("one", pack, T("t"), T("x"), ("ownership",)),
        ),
    )


@pytest.fixture
def catalog() -> Catalog:
    return Catalog.build(
        [
            content(
                "kiruna",
                cards=(
                    card("kiruna", "five-whys", curiosity=1.0),
                    card("kiruna", "shared", ownership=1.0),
                ),
            ),
            content(
                "lulea",
                cards=(card("lulea", "shared", curiosity=0.5),),
                links=(
                    Link("lulea", "kiruna:five-whys", "curiosity", 0.5),
                    Link("lulea", "kiruna:five-whys", "problem-understanding", 0.75),
                    Link("lulea", "five-whys", "experimenting", 0.25),
                    Link("lulea", "gone:card", "ownership", 1.0),
                ),
            ),
        ]
    )


class TestBuild:
    def test_links_take_the_larger_weight(self, catalog: Catalog) -> None:
        """A link raises a card's weight to the larger value and never lowers it."""
        assert {"problem-understanding": 0.75, "curiosity": 1.0, "experimenting": 0.25} == dict(
            catalog.card("kiruna:five-whys").principles
        )

    def test_linked_by(self, catalog: Catalog) -> None:
        """A card names the packs whose links changed it."""
        assert ("lulea",) == catalog.card("kiruna:five-whys").linked_by
        assert () == catalog.card("kiruna:shared").linked_by

    def test_weights_in_ladder_order(self, catalog: Catalog) -> None:
        """Merged weights are listed in ladder order."""
        assert ["problem-understanding", "curiosity", "experimenting"] == [
            p for p, _ in catalog.card("kiruna:five-whys").principles
        ]

    def test_missing_link_target(self, catalog: Catalog) -> None:
        """A link to a card no pack has is a warning, also listed under the linking pack."""
        expected = [("warning", "link-target-missing")]
        assert expected == [(p.severity.value, p.code) for p in catalog.problems]
        assert expected == [(p.severity.value, p.code) for p in catalog.pack("lulea").problems]
        assert () == catalog.pack("kiruna").problems

    def test_missing_link_target_names_its_pack(self, catalog: Catalog) -> None:
        """The warning for a link to a missing card names the linking pack and its
        distribution, as the pack's own problems do."""
        (warning,) = catalog.pack("lulea").problems
        assert ("lulea", "innovationsresan-lulea") == (warning.pack, warning.distribution)

    def test_links_after_a_missing_target_still_count(self) -> None:
        """A link to a missing card does not stop the pack's later links from counting."""
        links = (
            Link("lulea", "gone:card", "ownership", 1.0),
            Link("lulea", "kiruna:five-whys", "experimenting", 0.25),
            Link("lulea", "gone:other", "ownership", 1.0),
        )
        catalog = Catalog.build(
            [
                content("kiruna", cards=(card("kiruna", "five-whys", curiosity=1.0),)),
                content("lulea", links=links),
            ]
        )
        assert {"curiosity": 1.0, "experimenting": 0.25} == dict(
            catalog.card("kiruna:five-whys").principles
        )
        assert ["gone:card", "gone:other"] == [
            p.message.get("en").split("'")[1] for p in catalog.pack("lulea").problems
        ]

    def test_missing_link_target_names_file_and_key(self) -> None:
        """The warning for a link to a card that is not loaded names where the link was written."""
        link = Link(
            "lulea", "gone:card", "ownership", 1.0, location="lulea/links.toml:links[3].card"
        )

        catalog = Catalog.build([content("lulea", links=(link,))])

        assert [("link-target-missing", "lulea/links.toml:links[3].card")] == [
            (p.code, p.location) for p in catalog.problems
        ]

    def test_missing_own_card_reported_once(self) -> None:
        """A link the pack itself already reported as missing is not reported again."""
        where = "lulea/links.toml:links[0].card"
        own = Problem.warning("link-target-missing", where, "saknas", "missing")
        pack = attrs.evolve(
            content(
                "lulea", links=(Link("lulea", "lulea:gone", "ownership", 1.0, location=where),)
            ),
            problems=(own,),
        )

        catalog = Catalog.build([pack])

        assert (own,) == catalog.problems

    def test_ambiguous_link_leaves_its_pack_out(self) -> None:
        """A link by an unqualified id two packs have is an error naming both; its pack fails."""
        where = "umea/links.toml:links[0].card"
        catalog = Catalog.build(
            [
                content("kiruna", cards=(card("kiruna", "shared", ownership=1.0),)),
                content("lulea", cards=(card("lulea", "shared", curiosity=0.5),)),
                content("umea", links=(Link("umea", "shared", "curiosity", 1.0, location=where),)),
            ]
        )

        assert [("kiruna", "ok"), ("lulea", "ok"), ("umea", "error")] == [
            (s.id, s.status) for s in catalog.packs
        ]
        (problem,) = catalog.pack("umea").problems
        assert ("error", "ambiguous-id", where) == (
            problem.severity.value,
            problem.code,
            problem.location,
        )
        assert "kiruna:shared, lulea:shared" in problem.message.get("en")
        assert (problem,) == catalog.problems
        assert {"kiruna": "1", "lulea": "1"} == catalog.pack_versions()
        assert 2 == len(catalog.statements_for("curiosity"))
        assert () == catalog.card("lulea:shared").linked_by

    def test_two_contents_one_id(self) -> None:
        """Two packs given with one id are both refused, whatever their order."""
        one = content("kiruna", cards=(card("kiruna", "a", curiosity=1.0),))
        two = content("kiruna", cards=(card("kiruna", "b", ownership=1.0),))

        for packs in ([one, two], [two, one]):
            catalog = Catalog.build([content("lulea"), *packs])

            assert [("kiruna", "error"), ("kiruna", "error"), ("lulea", "ok")] == [
                (s.id, s.status) for s in catalog.packs
            ]
            assert ((), 2) == (catalog.cards, len(catalog.statements))
            assert {"duplicate-pack"} == {p.code for p in catalog.problems}

    def test_statuses(self, catalog: Catalog) -> None:
        """Every loaded pack is listed as ok with its counts, sorted by id."""
        assert [("kiruna", "ok", 2), ("lulea", "ok", 1)] == [
            (s.id, s.status, s.counts["cards"]) for s in catalog.packs
        ]
        assert {"kiruna": "1", "lulea": "1"} == catalog.pack_versions()

    def test_failed_packs_listed(self) -> None:
        """A failed pack is listed and its problems reach the catalogue, its content does not."""
        problem = Problem.error("import-failed", "innovationsresan-x", "fel", "error")
        failed = PackStatus("x", T("x"), "0.1", "innovationsresan-x", "error", problems=(problem,))

        catalog = Catalog.build([content("kiruna")], failed=[failed])

        assert ["kiruna", "x"] == [s.id for s in catalog.packs]
        assert (problem,) == catalog.problems
        assert {"kiruna": "1"} == catalog.pack_versions()

    def test_unknown_pack(self, catalog: Catalog) -> None:
        """Asking for a pack that is not listed is a KeyError."""
        with pytest.raises(KeyError):
            catalog.pack("nowhere")

    @pytest.mark.parametrize(
        ("contents", "expected"),
        [
            ([3], "contents[0] must be PackContent (a pack's content), not int: 3"),
            (3, "contents must be a collection of PackContent (a pack's content), not int: 3"),
        ],
    )
    def test_contents_of_a_wrong_type(self, contents: Any, expected: str) -> None:
        """Building from something that is no pack's content names it and what is taken."""
        with pytest.raises(TypeError) as caught:
            Catalog.build(contents)
        assert expected == str(caught.value)


class TestResolve:
    def test_qualified(self, catalog: Catalog) -> None:
        """A qualified id resolves to itself."""
        assert "lulea:shared" == catalog.resolve("card", "lulea:shared")

    def test_unique_bare(self, catalog: Catalog) -> None:
        """A bare id only one pack has resolves to that pack's."""
        assert "kiruna:five-whys" == catalog.resolve("card", "five-whys")

    def test_ambiguous_names_candidates(self, catalog: Catalog) -> None:
        """A bare id several packs have is an error naming every candidate."""
        with pytest.raises(UnknownIdError) as caught:
            catalog.resolve("card", "shared")

        assert ("kiruna:shared", "lulea:shared") == caught.value.candidates
        assert "ambiguous-id" == caught.value.problems[0].code
        assert "kiruna:shared, lulea:shared" in caught.value.message.get("en")
        assert "kiruna:shared, lulea:shared" in caught.value.message.get("sv")

    def test_unknown(self, catalog: Catalog) -> None:
        """An id no pack has is unknown-card; it is also a LookupError."""
        with pytest.raises(LookupError):
            catalog.card("kiruna:nothing")
        _, problem = catalog.try_resolve("card", "nothing", "actions[0].cards[1]")
        assert problem is not None
        assert ("unknown-card", "actions[0].cards[1]") == (problem.code, problem.location)

    @pytest.mark.parametrize("ident", ["nothing", "lulea:five-whys"])
    def test_unknown_names_no_candidates(self, catalog: Catalog, ident: str) -> None:
        """An id no pack has, bare or qualified with a pack that lacks it (though another pack
        has it), is an UnknownIdError with no candidates to choose from."""
        with pytest.raises(UnknownIdError) as caught:
            catalog.resolve("card", ident)
        assert () == tuple(caught.value.candidates)
        assert ["unknown-card"] == [p.code for p in caught.value.problems]

    def test_kinds_apart(self, catalog: Catalog) -> None:
        """Statements, cards and stories are resolved in separate namespaces."""
        assert "kiruna:st" == catalog.resolve("story", "kiruna:st")
        assert (None, "unknown-card") == (
            catalog.try_resolve("card", "st")[0],
            catalog.try_resolve("card", "st")[1].code,  # type: ignore[union-attr]
        )


class TestQueries:
    def test_cards_for(self, catalog: Catalog) -> None:
        """Cards for a principle come strongest first, then by qualified id."""
        assert ["kiruna:five-whys", "lulea:shared"] == [
            f"{c.pack}:{c.id}" for c in catalog.cards_for("curiosity")
        ]

    def test_statements_for(self, catalog: Catalog) -> None:
        """Statements filter by principle, level and perspective."""
        assert 2 == len(catalog.statements_for("curiosity"))
        assert 2 == len(catalog.statements_for(level="innovative"))
        assert 0 == len(catalog.statements_for("curiosity", perspective="individual"))

    def test_stories_for(self, catalog: Catalog) -> None:
        """Stories showing more of the principles come first."""
        assert ["kiruna:st", "lulea:st", "kiruna:one", "lulea:one"] == [
            f"{s.pack}:{s.id}" for s in catalog.stories_for(["curiosity", "ownership"])
        ]

    def test_languages(self) -> None:
        """The languages of every statement, card, story and description, and no others
        (a card's summary or a story's text alone does not count: titles are what is listed)."""
        finnish = Card("k", "p", T("k", fi="k-fi"), T("s", de="s-de"), (("curiosity", 1.0),))
        told = Story("st", "p", T("t", se="t-se"), T("x", nb="x-nb"), ("curiosity",))
        said = Statement(
            "s1", "p", Level.LIMITED, Perspective.ORGANISATION, "curiosity", T("x", et="x-et")
        )
        described = describing("p", Level.LIMITED)
        pack = attrs.evolve(described, cards=(finnish,), stories=(told,), statements=(said,))
        assert {"sv", "fi", "se", "et"} == Catalog.build([pack]).languages()
        assert frozenset() == Catalog().languages()

    def test_queries_take_principle_names(self, catalog: Catalog) -> None:
        """A principle's Swedish or English name asks the same as its id."""
        assert catalog.cards_for("curiosity") == catalog.cards_for("Nyfikenhet")
        assert catalog.statements_for("curiosity") == catalog.statements_for("nyfikenhet")
        assert catalog.stories_for(["curiosity", "ownership"]) == catalog.stories_for(
            ["Curiosity", "eget ansvar"]
        )
        assert catalog.principle_description("curiosity") == catalog.principle_description(
            "nyfikenhet"
        )


class TestLaws:
    @given(st.lists(strategies.pack_links("lulea"), max_size=6), strategies.pack_cards("kiruna"))
    def test_links_never_lower_a_weight(self, links: list[Link], base: Card) -> None:
        """Whatever the links say, no merged weight is below the card's own."""
        catalog = Catalog.build(
            [
                PackContent(info=PackInfo("kiruna", T("K")), cards=(base,)),
                PackContent(
                    info=PackInfo("lulea", T("L")),
                    links=tuple(
                        Link(link.pack, f"kiruna:{base.id}", link.principle, link.weight)
                        for link in links
                    ),
                ),
            ]
        )

        merged = catalog.card(f"kiruna:{base.id}")
        assert all(merged.weight(p) >= w for p, w in base.principles)
        for link in links:
            assert merged.weight(link.principle) >= link.weight

    @capped(150, "each example draws two whole packs")
    @given(strategies.pack_contents(), strategies.pack_contents())
    def test_order_of_packs_does_not_matter(
        self, first: dict[str, Any], second: dict[str, Any]
    ) -> None:
        """Building from the same packs in another order gives the same cards."""
        assume(first["info"].id != second["info"].id)
        packs = [
            PackContent(info=d["info"], cards=tuple(d["cards"]), links=tuple(d["links"]))
            for d in (first, second)
        ]

        one = Catalog.build(packs)
        other = Catalog.build(list(reversed(packs)))

        key = lambda c: (c.pack, c.id)  # noqa: E731 - a sort key used twice
        assert sorted(one.cards, key=key) == sorted(other.cards, key=key)


def describing(pack: str, *levels: Level, principles: tuple[str, ...] = ()) -> PackContent:
    """A pack describing *levels* and *principles* in words that name the pack."""
    return PackContent(
        info=PackInfo(pack, T(pack.title())),
        level_descriptions=tuple(
            LevelDescription(level, pack, T(f"{pack} {level.value}")) for level in levels
        ),
        principle_descriptions=tuple(
            PrincipleDescription(pid, pack, T(f"{pack} {pid}"), T(f"{pack}-namn"))
            for pid in principles
        ),
    )


class TestDescriptions:
    def test_library_text_without_packs(self) -> None:
        """With no pack describing a level, the library's own name and text show, from no pack."""
        catalog = Catalog.build([content("kiruna")])

        assert ShownDescription(
            "limited", LEVEL_NAMES["limited"], LEVEL_DESCRIPTIONS["limited"], None
        ) == catalog.level_description("limited")
        assert catalog.level_description(Level.LIMITED).from_library

    def test_first_pack_by_id(self) -> None:
        """Of several packs describing a level, the first by pack id wins, given in any order."""
        packs = [describing("lulea", Level.LIMITED), describing("kiruna", Level.LIMITED)]

        chosen = Catalog.build(packs).level_description("limited")

        assert ("kiruna", T("kiruna limited")) == (chosen.pack, chosen.description)

    def test_primary_pack_first(self) -> None:
        """The primary pack's text comes first, given to the method or to the catalogue."""
        packs = [describing("kiruna", Level.LIMITED), describing("lulea", Level.LIMITED)]

        assert "lulea" == Catalog.build(packs).level_description("limited", "lulea").pack
        assert "lulea" == Catalog.build(packs, primary="lulea").level_description("limited").pack
        assert (
            "kiruna"
            == Catalog.build(packs, primary="lulea").level_description("limited", "kiruna").pack
        )

    def test_primary_without_that_level(self) -> None:
        """A primary pack that does not describe a level leaves that level to the next rule."""
        packs = [describing("kiruna", Level.LIMITED), describing("lulea", Level.INNOVATIVE)]
        catalog = Catalog.build(packs, primary="lulea")

        assert [("limited", "kiruna"), ("innovative", "lulea")] == [
            (shown.id, shown.pack) for shown in catalog.levels()
        ]

    def test_name_from_the_same_pack_or_the_library(self) -> None:
        """A pack's description without a name shows the library's name beside it."""
        catalog = Catalog.build([describing("kiruna", Level.INNOVATIVE)])

        shown = catalog.level_description("innovative")

        assert (LEVEL_NAMES["innovative"], T("kiruna innovative")) == (
            shown.name,
            shown.description,
        )

    def test_principles(self) -> None:
        """Principles follow the same rule; the ones no pack describes keep the library's text."""
        catalog = Catalog.build([describing("kiruna", principles=("curiosity",))])

        shown = catalog.principles()

        assert 9 == len(shown)
        assert ShownDescription(
            "curiosity", T("kiruna-namn"), T("kiruna curiosity"), "kiruna"
        ) == catalog.principle_description("curiosity")
        assert (
            ShownDescription(
                "ownership", principle("ownership").name, principle("ownership").description
            )
            == shown[1]
        )

    def test_unknown_ids(self) -> None:
        """'both' is a placement, not a level; an unknown principle is not described either."""
        catalog = Catalog.build([])

        with pytest.raises(KeyError):
            catalog.level_description("both")
        with pytest.raises(KeyError):
            catalog.principle_description("speed")

    def test_kept_per_pack(self) -> None:
        """The catalogue keeps every pack's descriptions, in pack-id order."""
        packs = [describing("lulea", Level.LIMITED), describing("kiruna", Level.LIMITED)]

        catalog = Catalog.build(packs)

        assert ["kiruna", "lulea"] == [d.pack for d in catalog.level_descriptions]

    @given(
        st.lists(
            st.tuples(
                st.sampled_from(["a", "b", "c", "d"]),
                st.lists(strategies.level_descriptions(), max_size=2),
            ),
            max_size=4,
            unique_by=lambda item: item[0],
        ),
        st.none() | st.sampled_from(["a", "b", "z"]),
        st.randoms(),
    )
    def test_choice_ignores_pack_order(
        self, packs: list[tuple[str, list[LevelDescription]]], primary: str | None, rnd: Any
    ) -> None:
        """The text shown depends on the packs and the primary pack, never on their order; it is
        always the primary pack's when that pack describes the level."""
        contents = [
            PackContent(
                info=PackInfo(pid, T(pid)),
                level_descriptions=tuple(
                    attrs.evolve(d, pack=pid) for d in {d.level: d for d in found}.values()
                ),
            )
            for pid, found in packs
        ]
        shuffled = list(contents)
        rnd.shuffle(shuffled)

        one = Catalog.build(contents, primary=primary).levels()
        other = Catalog.build(shuffled, primary=primary).levels()

        assert one == other
        for shown in one:
            describers = sorted(
                c.info.id for c in contents for d in c.level_descriptions if d.level == shown.id
            )
            expected = primary if primary in describers else (describers or [None])[0]
            assert expected == shown.pack


class TestDescriptionsPrimary:
    def test_principle_from_the_primary_pack(self) -> None:
        """A principle's name and text come from the primary pack, given to the method or the
        catalogue; the method's choice wins."""
        packs = [
            describing("kiruna", principles=("curiosity",)),
            describing("lulea", principles=("curiosity",)),
        ]

        chosen = Catalog.build(packs, primary="lulea").principle_description("curiosity")
        asked = Catalog.build(packs).principle_description("curiosity", "lulea")
        overruled = Catalog.build(packs, primary="lulea").principle_description(
            "curiosity", "kiruna"
        )

        assert (
            ShownDescription("curiosity", T("lulea-namn"), T("lulea curiosity"), "lulea") == chosen
        )
        assert chosen == asked
        assert "kiruna" == overruled.pack

    def test_all_levels_and_principles_follow_the_primary_pack(self) -> None:
        """levels() and principles() given a primary pack show that pack's texts."""
        packs = [
            describing("kiruna", Level.LIMITED, Level.INNOVATIVE, principles=("ownership",)),
            describing("lulea", Level.INNOVATIVE, principles=("ownership",)),
        ]
        catalog = Catalog.build(packs)

        assert ["kiruna", "lulea"] == [shown.pack for shown in catalog.levels("lulea")]
        assert ("kiruna", "lulea") == (
            catalog.principles()[1].pack,
            catalog.principles("lulea")[1].pack,
        )

    def test_primary_pack_not_loaded(self) -> None:
        """A primary pack that is not loaded changes nothing: the first pack by id shows."""
        packs = [describing("lulea", Level.LIMITED), describing("kiruna", Level.LIMITED)]

        catalog = Catalog.build(packs, primary="umea")

        assert "kiruna" == catalog.level_description("limited").pack
        assert "kiruna" == catalog.level_description("limited", "umea").pack

    def test_unknown_ids_named_in_the_error(self) -> None:
        """The error for an unknown level, principle or pack (an UnknownIdError, also a
        KeyError) names the argument and what was asked for, in Swedish and English."""
        catalog = Catalog.build([])

        for act, argument, asked in (
            (lambda: catalog.level_description("both"), "level", "both"),
            (lambda: catalog.principle_description("speed"), "pid", "speed"),
            (lambda: catalog.pack("nowhere"), "pack_id", "nowhere"),
        ):
            with pytest.raises(KeyError) as caught:
                act()
            assert isinstance(caught.value, UnknownIdError)
            for lang in ("sv", "en"):
                assert caught.value.message.get(lang).startswith(f"{argument} ")
                assert f"'{asked}'" in caught.value.message.get(lang)
            assert str(caught.value).startswith(f"{argument} must be")


def supporting(pack: str, *functions: tuple[str, str, str]) -> PackContent:
    """A pack listing support functions given as (id, Swedish name, English name)."""
    return PackContent(
        info=PackInfo(pack, T(pack.title())),
        support=tuple(SupportFunction(i, pack, T(sv, en)) for i, sv, en in functions),
    )


@pytest.fixture
def helpers() -> Catalog:
    """Two packs' support functions: one id ("it") and one Swedish name ("Personal") shared."""
    return Catalog.build(
        [
            supporting("kiruna", ("hr", "Personal", "Human resources"), ("it", "IT", "IT")),
            supporting(
                "lulea",
                ("it", "IT-stöd", "IT support"),
                ("ekonomi", "Ekonomi", "Finance"),
                ("staff", "Personal", "Staff"),
            ),
        ]
    )


class TestSupportFunctions:
    def test_by_id(self, helpers: Catalog) -> None:
        """An id resolves, qualified, or bare when one pack has it."""
        assert ("kiruna:hr", None) == helpers.try_resolve_support("hr")
        assert ("lulea:it", None) == helpers.try_resolve_support("lulea:it")
        assert SupportFunction("ekonomi", "lulea", T("Ekonomi", "Finance")) == (
            helpers.support_function("ekonomi")
        )

    def test_by_name_in_any_language_case_and_spacing(self, helpers: Catalog) -> None:
        """A name as people type it resolves, whatever its language, case and spacing."""
        assert ("lulea:ekonomi", None) == helpers.try_resolve_support("  EKONOMI ")
        assert ("kiruna:hr", None) == helpers.try_resolve_support("human   Resources")
        assert ("lulea:it", None) == helpers.try_resolve_support("It-Stöd")

    def test_ambiguous_id_is_not_read_as_a_name(self, helpers: Catalog) -> None:
        """A bare id two packs have stays ambiguous, even though one function is named so."""
        qualified, problem = helpers.try_resolve_support("it", "actions[0].support[0]")

        assert problem is not None
        assert (None, "ambiguous-id", "actions[0].support[0]") == (
            qualified,
            problem.code,
            problem.location,
        )
        assert "kiruna:it, lulea:it" in problem.message.get("en")

    def test_a_name_two_functions_have_is_ambiguous(self, helpers: Catalog) -> None:
        """A name several support functions have names them all, where it was written."""
        for where, expected_where in (
            (("actions[2].support[1]",), "actions[2].support[1]"),
            (("",), "support"),
            ((), "support"),
        ):
            qualified, problem = helpers.try_resolve_support("personal", *where)

            assert (
                None,
                Problem.error(
                    "ambiguous-id",
                    expected_where,
                    "'personal' är namnet på flera stödfunktioner; skriv ett av: "
                    "kiruna:hr, lulea:staff",
                    "'personal' names several support functions; write one of: "
                    "kiruna:hr, lulea:staff",
                ),
            ) == (qualified, problem)

    def test_unknown_names_and_blanks_resolve_to_nothing(self, helpers: Catalog) -> None:
        """A name no function has, or a blank, is unknown-support where it was written."""
        for typed in ("juridik", "  "):
            qualified, problem = helpers.try_resolve_support(typed, "actions[1].support[0]")

            assert problem is not None
            assert (None, "unknown-support", "actions[1].support[0]") == (
                qualified,
                problem.code,
                problem.location,
            )
            assert f"the support function '{typed}' is not in any loaded pack" == (
                problem.message.get("en")
            )


class TestUnknownMessages:
    def test_nearest_id_suggested(self, catalog: Catalog) -> None:
        """An unknown id suggests the nearest there is: qualified for a qualified id, bare for
        a bare one."""
        _, qualified = catalog.try_resolve("card", "kiruna:five-why")
        _, bare = catalog.try_resolve("card", "five-why", "actions[0].cards[0]")

        assert (
            Problem.error(
                "unknown-card",
                "card",
                "kort 'kiruna:five-why' finns inte i något laddat paket "
                "(menade du 'kiruna:five-whys'?)",
                "card 'kiruna:five-why' is not in any loaded pack "
                "(did you mean 'kiruna:five-whys'?)",
            )
            == qualified
        )
        assert (
            Problem.error(
                "unknown-card",
                "actions[0].cards[0]",
                "kort 'five-why' finns inte i något laddat paket (menade du 'five-whys'?)",
                "card 'five-why' is not in any loaded pack (did you mean 'five-whys'?)",
            )
            == bare
        )

    def test_qualified_id_compared_whole(self, catalog: Catalog) -> None:
        """A qualified id is compared with the qualified ids there are, pack and all, so a
        slip in a short id still finds its card."""
        _, problem = catalog.try_resolve("card", "kiruna:sharer")

        assert problem is not None
        assert (
            "card 'kiruna:sharer' is not in any loaded pack (did you mean 'kiruna:shared'?)"
            == problem.message.get("en")
        )

    def test_nothing_near_says_only_that_it_is_missing(self, catalog: Catalog) -> None:
        """An id nothing resembles is only said to be missing, in each kind's own words."""
        expected = {
            "statement": ("påstående", "statement"),
            "card": ("kort", "card"),
            "story": ("berättelse", "story"),
            "support": ("stödfunktionen", "the support function"),
        }
        for kind, (sv, en) in expected.items():
            for ident in ("kiruna:zzzzzzzz", "zzzzzzzz"):
                _, problem = catalog.try_resolve(kind, ident)  # type: ignore[arg-type]

                assert (
                    Problem.error(
                        f"unknown-{kind}",
                        kind,
                        f"{sv} '{ident}' finns inte i något laddat paket",
                        f"{en} '{ident}' is not in any loaded pack",
                    )
                    == problem
                )

    def test_failed_packs_named(self) -> None:
        """An id of a pack that failed says so; a bare id nothing resembles names every pack
        that failed."""
        failed = [
            PackStatus(pid, T(pid), "1", f"innovationsresan-{pid}", "error")
            for pid in ("umea", "boden")
        ]
        catalog = Catalog.build([content("kiruna")], failed=failed)

        _, of_failed = catalog.try_resolve("statement", "umea:s1")
        _, bare = catalog.try_resolve("statement", "zzzzzzzz")
        _, near = catalog.try_resolve("statement", "s11")

        assert (
            "påstående 'umea:s1' finns inte i något laddat paket; paketet 'umea' kunde inte "
            "laddas (se innovationsresan packs)",
            "statement 'umea:s1' is not in any loaded pack; the pack 'umea' could not be loaded "
            "(see innovationsresan packs)",
        ) == (of_failed.message.get("sv"), of_failed.message.get("en"))  # type: ignore[union-attr]
        assert (
            "påstående 'zzzzzzzz' finns inte i något laddat paket; paket som inte kunde laddas: "
            "boden, umea",
            "statement 'zzzzzzzz' is not in any loaded pack; packs that could not be loaded: "
            "boden, umea",
        ) == (bare.message.get("sv"), bare.message.get("en"))  # type: ignore[union-attr]
        assert "statement 's11' is not in any loaded pack (did you mean 's1'?)" == (
            near.message.get("en")  # type: ignore[union-attr]
        )


class TestLookups:
    def test_each_kind_by_id(self, catalog: Catalog) -> None:
        """statement(), card() and story() give the item itself, by qualified or unique id."""
        assert ("kiruna", "s1", "x") == (
            catalog.statement("kiruna:s1").pack,
            catalog.statement("kiruna:s1").id,
            catalog.statement("kiruna:s1").text.get("en"),
        )
        assert ("lulea", "one", ("ownership",)) == (
            catalog.story("lulea:one").pack,
            catalog.story("lulea:one").id,
            catalog.story("lulea:one").principles,
        )
        assert "kiruna:five-whys" == "{0.pack}:{0.id}".format(catalog.card("five-whys"))

    def test_ambiguous_story_names_its_candidates(self, catalog: Catalog) -> None:
        """A story id two packs have is refused with both qualified ids."""
        with pytest.raises(UnknownIdError) as caught:
            catalog.story("one")

        assert ("kiruna:one", "lulea:one") == caught.value.candidates

    def test_counts_of_a_pack(self) -> None:
        """A pack's listing counts every kind of item it holds."""
        pack = attrs.evolve(
            content(
                "kiruna",
                cards=(card("kiruna", "a", curiosity=1.0),),
                links=(
                    Link("kiruna", "kiruna:a", "ownership", 0.5),
                    Link("kiruna", "kiruna:a", "experimenting", 0.5),
                    Link("kiruna", "kiruna:a", "collaboration", 0.5),
                ),
            ),
            plan_rules=(lambda plan, catalog, today: (),) * 4,
            support=tuple(SupportFunction(f"f{i}", "kiruna", T("f")) for i in range(5)),
            level_descriptions=(LevelDescription(Level.LIMITED, "kiruna", T("l")),) * 6,
            principle_descriptions=(PrincipleDescription("curiosity", "kiruna", T("p")),) * 7,
        )

        assert {
            "statements": 2,
            "cards": 1,
            "stories": 2,
            "links": 3,
            "plan_rules": 4,
            "support": 5,
            "level_descriptions": 6,
            "principle_descriptions": 7,
        } == Catalog.build([pack]).pack("kiruna").counts


class TestQueryOrder:
    def test_cards_strongest_first_whatever_their_ids(self) -> None:
        """Cards for a principle come strongest first even when a weaker card's id sorts
        first; equal weights go by qualified id."""
        catalog = Catalog.build(
            [
                content(
                    "kiruna",
                    cards=(
                        card("kiruna", "a", curiosity=0.25),
                        card("kiruna", "b", curiosity=1.0),
                        card("kiruna", "c", curiosity=0.25, ownership=1.0),
                    ),
                )
            ]
        )

        assert ["kiruna:b", "kiruna:a", "kiruna:c"] == [
            f"{c.pack}:{c.id}" for c in catalog.cards_for("curiosity")
        ]

    def test_statements_of_a_level(self, catalog: Catalog) -> None:
        """Statements asked for by level are those of that level only."""
        assert [("kiruna", "s2"), ("lulea", "s2")] == [
            (s.pack, s.id) for s in catalog.statements_for(level="innovative")
        ]
        assert [("kiruna", "s1"), ("lulea", "s1")] == [
            (s.pack, s.id) for s in catalog.statements_for(level=Level.LIMITED)
        ]

    def test_refused_pack_listed_with_its_name_version_and_distribution(self) -> None:
        """A pack refused while the catalogue is built is listed as it described itself."""
        one = content("kiruna", cards=(card("kiruna", "a", curiosity=1.0),))
        two = attrs.evolve(
            content("kiruna"),
            info=PackInfo("kiruna", T("Kiruna två", "Kiruna two"), "2.1", distribution="k-two"),
        )

        catalog = Catalog.build([one, two])

        assert [
            ("kiruna", T("Kiruna"), "1", "innovationsresan-kiruna", "error"),
            ("kiruna", T("Kiruna två", "Kiruna two"), "2.1", "k-two", "error"),
        ] == sorted(
            ((s.id, s.name, s.version, s.distribution, s.status) for s in catalog.packs),
            key=lambda item: item[3],
        )


class TestRefusalMessages:
    def test_packs_sharing_an_id_each_named_with_every_claimant(self) -> None:
        """Each pack of an id several packs claim gets the error at its distribution (its id
        when it has none), naming every claimant, in Swedish and English."""
        one = content("kiruna")
        two = attrs.evolve(content("kiruna"), info=PackInfo("kiruna", T("Kiruna två")))

        catalog = Catalog.build([one, two])

        names = "innovationsresan-kiruna, kiruna"
        assert [
            (
                "duplicate-pack",
                location,
                f"flera paket gör anspråk på id 'kiruna' ({names}); inget av dem laddas",
                f"several packs claim the id 'kiruna' ({names}); none of them is loaded",
                "kiruna",
                distribution,
            )
            for location, distribution in (
                ("innovationsresan-kiruna", "innovationsresan-kiruna"),
                ("kiruna", ""),
            )
        ] == [
            (p.code, p.location, p.message.get("sv"), p.message.get("en"), p.pack, p.distribution)
            for p in catalog.problems
        ]

    def test_ambiguous_link_charged_to_the_linking_pack(self) -> None:
        """The error for an ambiguous link names the pack that wrote the link and its
        distribution."""
        catalog = Catalog.build(
            [
                content("kiruna", cards=(card("kiruna", "shared", ownership=1.0),)),
                content("lulea", cards=(card("lulea", "shared", curiosity=0.5),)),
                content("umea", links=(Link("umea", "shared", "curiosity", 1.0),)),
            ]
        )

        (problem,) = catalog.problems
        assert ("umea", "innovationsresan-umea") == (problem.pack, problem.distribution)

    def test_missing_link_target_says_why_in_both_languages(self) -> None:
        """The warning for a link to a card that is not loaded says which card and why."""
        catalog = Catalog.build(
            [content("lulea", links=(Link("lulea", "gone:card", "ownership", 1.0),))]
        )

        assert [
            (
                "link-target-missing",
                "lulea",
                "länken till kortet 'gone:card' används inte: "
                "kort 'gone:card' finns inte i något laddat paket",
                "the link to card 'gone:card' is not used: "
                "card 'gone:card' is not in any loaded pack",
            )
        ] == [
            (p.code, p.location, p.message.get("sv"), p.message.get("en")) for p in catalog.problems
        ]


PRINCIPLE_LIST = (
    "uncertainty-tolerance, ownership, collaboration, problem-understanding, willingness-to-learn, "
    "curiosity, learning-from-failure, experimenting, multiple-perspectives"
)


class TestLookupArgumentsInWords:
    """The catalogue's lookups given a wrong argument say which one, what it takes and what they
    got; an id that names nothing lists what there is, in both languages."""

    @pytest.mark.parametrize(
        ("call", "expected"),
        [
            (lambda c: c.statements_for(level=1), "level must be a level or None, not int: 1"),
            (
                lambda c: c.statements_for(perspective=1),
                "perspective must be a perspective or None, not int: 1",
            ),
            (
                lambda c: c.stories_for("curiosity"),
                "principles must be a collection of principle ids (str), not str: 'curiosity'",
            ),
            (lambda c: c.level_description(1), "level must be a level (str), not int: 1"),
            (
                lambda c: c.level_description("limited", primary=1),
                "primary must be a pack id (str) or None, not int: 1",
            ),
            (
                lambda c: c.principle_description("curiosity", primary=1),
                "primary must be a pack id (str) or None, not int: 1",
            ),
            (lambda c: c.levels(primary=1), "primary must be a pack id (str) or None, not int: 1"),
            (
                lambda c: c.principles(primary=1),
                "primary must be a pack id (str) or None, not int: 1",
            ),
            (lambda c: c.pack(1), "pack_id must be a pack id (str), not int: 1"),
            (lambda c: c.resolve(3, "a"), "kind must be a kind of item (str), not int: 3"),
            (lambda c: c.resolve("card", 3), "ident must be an id (str), not int: 3"),
            (
                lambda c: c.try_resolve("card", "a", 3),
                "where must be a location (str), not int: 3",
            ),
        ],
        ids=[
            "statements_for-level",
            "statements_for-perspective",
            "stories_for",
            "level_description",
            "level_description-primary",
            "principle_description-primary",
            "levels-primary",
            "principles-primary",
            "pack",
            "resolve-kind",
            "resolve-ident",
            "try_resolve-where",
        ],
    )
    def test_wrong_type(self, call: Any, expected: str) -> None:
        """A TypeError names the argument, what it must be and what was given."""
        with pytest.raises(TypeError) as caught:
            call(Catalog())
        assert expected == str(caught.value)

    @pytest.mark.parametrize(
        ("call", "sv", "en"),
        [
            (
                lambda c: c.level_description("middle"),
                "level ska vara en nivå, inte 'middle'; det finns: limited, innovative",
                "level must be a level, not 'middle'; there are: limited, innovative",
            ),
            (
                lambda c: c.pack("nope"),
                "pack_id ska vara ett listat pakets id, inte 'nope'; det finns: -",
                "pack_id must be a listed pack's id, not 'nope'; there are: -",
            ),
            (
                lambda c: c.stories_for(["speed"]),
                "principles ska vara ett princip-id eller en princips namn, inte 'speed'; "
                f"det finns: {PRINCIPLE_LIST}",
                "principles must be a principle id or name, not 'speed'; "
                f"there are: {PRINCIPLE_LIST}",
            ),
        ],
        ids=["level", "pack", "principle"],
    )
    def test_names_nothing(self, call: Any, sv: str, en: str) -> None:
        """An id that names nothing is an UnknownIdError listing what there is."""
        with pytest.raises(UnknownIdError) as caught:
            call(Catalog())
        assert (sv, en) == (caught.value.message.get("sv"), caught.value.message.get("en"))

    @pytest.mark.parametrize(
        ("changes", "expected"),
        [
            ({"id": 1}, "id must be a text (str), not int: 1"),
            ({"version": 1.0}, "version must be a text (str), not float: 1.0"),
            ({"distribution": None}, "distribution must be a text (str), not NoneType: None"),
            ({"name": "x"}, "name must be a LocalizedText, not str: 'x'"),
            ({"status": 1}, "status must be 'ok' or 'error', not int: 1"),
            (
                {"counts": [("cards", 1)]},
                "counts must be a mapping of kind to count, not list: [('cards', 1)]",
            ),
        ],
        ids=["id", "version", "distribution", "name", "status", "counts"],
    )
    def test_pack_status_field_of_a_wrong_type(
        self, changes: dict[str, object], expected: str
    ) -> None:
        """A pack's listing built by hand names the field of a wrong type and what it takes."""
        fields: dict[str, object] = {
            "id": "x",
            "name": T("x"),
            "version": "0.1",
            "distribution": "innovationsresan-x",
            "status": "ok",
        }
        with pytest.raises(TypeError) as caught:
            PackStatus(**{**fields, **changes})  # type: ignore[arg-type]
        assert expected == str(caught.value)

    @pytest.mark.parametrize(
        ("build", "expected"),
        [
            (
                lambda: PackContent(info=3),
                "info must be PackInfo (the pack's metadata), not int: 3",
            ),
            (
                lambda: PackContent(info=PackInfo(id="x", name=T("X")), cards=[3]),
                "cards[0] must be Card values, not int: 3",
            ),
            (
                lambda: PackContent(info=PackInfo(id="x", name=T("X")), plan_rules=3),
                "plan_rules must be a collection of plan rules (functions), not int: 3",
            ),
            (
                lambda: PackContent(info=PackInfo(id="x", name=T("X")), plan_rules=[print, 3]),
                "plan_rules[1] must be a plan rule (a function), not int: 3",
            ),
            (
                lambda: PackStatus("x", T("x"), "1", "d", "ok", problems=["p"]),
                "problems[0] must be Problem values, not str: 'p'",
            ),
            (
                lambda: Catalog.build([], failed=[3]),
                "failed[0] must be PackStatus (a pack listed as failed), not int: 3",
            ),
            (lambda: Catalog.build([], problems=[3]), "problems[0] must be Problem, not int: 3"),
            (
                lambda: Catalog.build([], primary=3),
                "primary must be a pack id (str) or None, not int: 3",
            ),
        ],
        ids=[
            "content-info",
            "content-cards",
            "content-rules",
            "content-rule",
            "status-problems",
            "build-failed",
            "build-problems",
            "build-primary",
        ],
    )
    def test_built_by_hand_of_a_wrong_type(self, build: Any, expected: str) -> None:
        """A pack's content, its listing or a catalogue built by hand from a value of the wrong
        type names the field or argument, what it takes and what it got."""
        with pytest.raises(TypeError) as caught:
            build()
        assert expected == str(caught.value)

    def test_a_level_as_given(self) -> None:
        """A level is taken as a Level or as its id."""
        catalog = Catalog()
        assert catalog.level_description(Level.LIMITED) == catalog.level_description("limited")
