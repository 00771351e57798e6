"""Tests for card recommendation (DESIGN.md §8)."""

from __future__ import annotations

import functools
import itertools
import math
import operator
import random
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import currently_in_test_context, given, reject
from hypothesis import strategies as st

from innovationsresan.catalog import Catalog, PackContent
from innovationsresan.errors import InputError, UnknownIdError
from innovationsresan.ladder import PRINCIPLE_IDS
from innovationsresan.model import Card, LocalizedText, PackInfo
from innovationsresan.recommendation import Suggestion, coverage, priorities_of, recommend
from tests.strategies import decks, priority_maps

KIRUNA = (
    Path(__file__).parent.parent / "contentpacks" / "kiruna" / "src" / "innovationsresan_kiruna"
)


def card(
    ident: str,
    weights: Mapping[str, float],
    *,
    pack: str = "p",
    minutes: int | None = 30,
    group_size: tuple[int, int] | None = None,
    title: LocalizedText | None = None,
) -> Card:
    return Card(
        id=ident,
        pack=pack,
        title=title or LocalizedText.of(f"Kort {ident}", f"Card {ident}"),
        summary=LocalizedText.of("Sammanfattning", "Summary"),
        principles=tuple((p, weights[p]) for p in PRINCIPLE_IDS if p in weights),
        minutes=minutes,
        group_size=group_size,
    )


def catalog_of(cards: Iterable[Card]) -> Catalog:
    by_pack: dict[str, list[Card]] = {}
    for c in cards:
        by_pack.setdefault(c.pack, []).append(c)
    return Catalog.build(
        PackContent(info=PackInfo(id=pack, name=LocalizedText.of(pack)), cards=tuple(items))
        for pack, items in sorted(by_pack.items())
    )


def ids(suggestions: Iterable[Suggestion]) -> list[str]:
    return [s.id for s in suggestions]


def reference(
    priorities: Mapping[str, float | None], deck: Sequence[Card], k: int
) -> list[tuple[str, float]]:
    """DESIGN.md §8 transcribed literally: every remaining card's gain at every step."""
    g = priorities_of(priorities)
    chosen: list[Card] = []
    result: list[tuple[str, float]] = []
    remaining = list(deck)
    while remaining and len(chosen) < k:
        base = coverage(chosen, g)
        gains = {f"{c.pack}:{c.id}": coverage([*chosen, c], g) - base for c in remaining}
        best = max(gains.values())
        # a difference of two coverages carries rounding: a gain within it of the cut-off (a
        # priority of 1e-9, say) is not decided by this transcription, so no example rests on it
        if abs(best - 1e-9) <= 1e-12 and currently_in_test_context():
            reject()
        if best <= 1e-9:
            break
        candidates = [c for c in remaining if gains[f"{c.pack}:{c.id}"] >= best - 1e-9]
        heaviest = max(c.total_weight for c in candidates)
        qualified = [c for c in candidates if c.total_weight >= heaviest - 1e-9]
        pick = min(qualified, key=lambda c: f"{c.pack}:{c.id}")
        chosen.append(pick)
        remaining.remove(pick)
        result.append((f"{pick.pack}:{pick.id}", gains[f"{pick.pack}:{pick.id}"]))
    return result


def added(terms: Iterable[float]) -> float:
    """The terms added from left to right, as recommend adds them (``sum()`` of floats adds
    differently from Python 3.12 on, so it would not compare bit for bit)."""
    return functools.reduce(operator.add, terms, 0.0)


def literal(priorities: Mapping[str, float | None], deck: Sequence[Card], k: int) -> list[Card]:
    """DESIGN.md §8 written out with each gain as Σ_p g_p · Π(1 − w) · w_cp, summed in the
    order of the card's weights (the arithmetic recommend uses, so gains compare exactly)."""
    g = priorities_of(priorities)
    remaining = dict.fromkeys(PRINCIPLE_IDS, 1.0)
    left = list(deck)
    chosen: list[Card] = []
    while left and len(chosen) < k:
        gains = [added(g[p] * remaining[p] * w for p, w in c.principles) for c in left]
        best = max(gains)
        if best <= 1e-9:
            break
        candidates = [c for c, gain in zip(left, gains, strict=True) if gain >= best - 1e-9]
        heaviest = max(c.total_weight for c in candidates)
        pick = min(
            (c for c in candidates if c.total_weight >= heaviest - 1e-9),
            key=lambda c: f"{c.pack}:{c.id}",
        )
        left.remove(pick)
        for p, w in pick.principles:
            remaining[p] *= 1.0 - w
        chosen.append(pick)
    return chosen


def literal_gains(
    priorities: Mapping[str, float | None], suggestions: Sequence[Suggestion]
) -> list[float]:
    """Each suggestion's gain as Σ_p g_p · Π(1 − w) · w_cp over the cards chosen before it,
    in the arithmetic of :func:`literal` (so it equals recommend's gain bit for bit)."""
    g = priorities_of(priorities)
    before = dict.fromkeys(PRINCIPLE_IDS, 1.0)
    gains = []
    for s in suggestions:
        gains.append(added(g[p] * before[p] * w for p, w in s.card.principles))
        for p, w in s.card.principles:
            before[p] *= 1.0 - w
    return gains


def assert_follows_the_rule(
    priorities: Mapping[str, float | None], deck: Sequence[Card], k: int
) -> None:
    """recommend gives the cards of the rule written out, in its order, with bit-equal gains."""
    got = recommend(priorities, catalog_of(deck), k)
    assert literal(priorities, deck, k) == [s.card for s in got]
    assert literal_gains(priorities, got) == [s.gain for s in got]


# Decks where many cards tie (weights 1 and 0.5, as packs write them) or none do.
_TIED_WEIGHTS = st.sampled_from([1.0, 0.5])
_ANY_WEIGHTS = st.floats(min_value=0.01, max_value=1.0)


#: Up to four principles of a card (built once: big decks draw it for each of their cards).
_card_principles = st.lists(st.sampled_from(PRINCIPLE_IDS), min_size=0, max_size=4, unique=True)


@st.composite
def big_decks(draw: st.DrawFn) -> list[Card]:
    weights = draw(st.sampled_from([_TIED_WEIGHTS, _ANY_WEIGHTS]))
    size = draw(st.integers(0, 60))
    deck = []
    for i in range(size):
        chosen = draw(_card_principles)
        deck.append(card(f"c{i:02d}", {p: draw(weights) for p in chosen}, pack="pq"[i % 2]))
    return deck


class FakeResult:
    """Anything with ``priorities()`` stands in for a scoring result."""

    def __init__(self, priorities: Mapping[str, float]) -> None:
        self._priorities = dict(priorities)

    def priorities(self) -> dict[str, float]:
        return dict(self._priorities)


class TestPriorities:
    def test_negative_and_undefined_count_as_zero(self) -> None:
        """Negative and None priorities become 0; every principle is listed."""
        got = priorities_of({"curiosity": -0.3, "ownership": None})
        assert dict.fromkeys(PRINCIPLE_IDS, 0.0) == got

    @pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, "0.5", True])
    def test_not_a_finite_number_is_input_error(self, value: object) -> None:
        """NaN, infinity and values that are no number are refused, naming the principle."""
        with pytest.raises(InputError) as info:
            priorities_of({"curiosity": value})  # type: ignore[dict-item] # wrong on purpose
        assert [("invalid-priority", "priorities.curiosity")] == [
            (p.code, p.location) for p in info.value.problems
        ]

    def test_wrong_type_is_type_error(self) -> None:
        """A source that is neither a result nor a mapping is a TypeError naming the argument."""
        with pytest.raises(TypeError, match="result_or_priorities must be"):
            priorities_of([0.5])  # type: ignore[arg-type] # wrong on purpose

    def test_result_object(self) -> None:
        """A scoring result's priorities() is used."""
        assert 0.4 == priorities_of(FakeResult({"curiosity": 0.4}))["curiosity"]

    def test_unknown_principle_is_input_error(self) -> None:
        """A key that is not a principle is an InputError naming it."""
        with pytest.raises(InputError) as info:
            priorities_of({"speed": 1.0})
        assert [("unknown-principle", "priorities.speed")] == [
            (p.code, p.location) for p in info.value.problems
        ]


class TestChoice:
    def test_largest_gain_first(self) -> None:
        """The card covering most priority is chosen first."""
        deck = [
            card("a", {"curiosity": 0.5}),
            card("b", {"curiosity": 1.0}),
            card("c", {"ownership": 1.0}),
        ]
        got = recommend({"curiosity": 0.8, "ownership": 0.2}, catalog_of(deck), k=1)
        assert ["p:b"] == ids(got)
        assert 0.8 == got[0].gain

    def test_equal_gain_prefers_heavier_card(self) -> None:
        """Among equal gains the card with the larger total weight wins."""
        deck = [card("a", {"curiosity": 1.0}), card("b", {"curiosity": 1.0, "ownership": 0.5})]
        assert ["p:b"] == ids(recommend({"curiosity": 1.0}, catalog_of(deck), k=1))

    def test_full_tie_takes_smallest_id(self) -> None:
        """Among equal gains and totals the smallest qualified id wins."""
        deck = [card("b", {"curiosity": 1.0}), card("a", {"curiosity": 1.0}, pack="q")]
        assert ["p:b"] == ids(recommend({"curiosity": 1.0}, catalog_of(deck), k=1))

    def test_gain_within_tolerance_is_a_tie(self) -> None:
        """Gains within 1e-9 of the best count as equal, so total weight decides."""
        deck = [
            card("a", {"curiosity": 1.0}),
            card("b", {"curiosity": 1.0 - 5e-10, "experimenting": 0.5}),
        ]
        assert ["p:b"] == ids(recommend({"curiosity": 1.0}, catalog_of(deck), k=1))

    def test_diminishing_returns(self) -> None:
        """A second card for an already covered principle gains only what is left."""
        deck = [
            card("a", {"curiosity": 1.0}),
            card("b", {"curiosity": 0.5, "ownership": 0.5}),
            card("c", {"ownership": 0.4}),
        ]
        got = recommend({"curiosity": 1.0, "ownership": 0.5}, catalog_of(deck), k=3)
        assert ["p:a", "p:b", "p:c"] == ids(got)
        assert [1.0, 0.25, 0.1] == pytest.approx([s.gain for s in got], abs=1e-12)

    def test_stops_when_nothing_is_gained(self) -> None:
        """Fewer than k cards come back when no further card adds anything."""
        deck = [card("a", {"curiosity": 1.0}), card("b", {"curiosity": 0.5}), card("c", {})]
        assert ["p:a"] == ids(recommend({"curiosity": 1.0}, catalog_of(deck), k=3))

    def test_all_priorities_zero_gives_nothing(self) -> None:
        """No card is returned when every priority is 0."""
        deck = [card("a", {"curiosity": 1.0})]
        assert () == recommend({"curiosity": 0.0, "ownership": -1.0}, catalog_of(deck), k=3)

    def test_k_zero(self) -> None:
        """k = 0 asks for nothing."""
        assert () == recommend({"curiosity": 1.0}, catalog_of([card("a", {"curiosity": 1})]), k=0)

    def test_negative_k_is_input_error(self) -> None:
        """k must be a whole number ≥ 0."""
        with pytest.raises(InputError):
            recommend({"curiosity": 1.0}, Catalog(), k=-1)

    @pytest.mark.parametrize("k", [1.5, True, "3"])
    def test_k_of_another_type_is_type_error(self, k: object) -> None:
        """k that is no int is a TypeError naming k."""
        with pytest.raises(TypeError, match="k must be an int"):
            recommend({"curiosity": 1.0}, Catalog(), k=k)  # type: ignore[arg-type] # wrong on purpose

    def test_catalog_of_another_type_is_type_error(self) -> None:
        """A catalog that is no Catalog is a TypeError naming it, not an AttributeError."""
        with pytest.raises(TypeError, match="catalog must be a Catalog"):
            recommend({"curiosity": 1.0}, None)  # type: ignore[arg-type] # wrong on purpose

    def test_serves_lists_positive_priorities_in_ladder_order(self) -> None:
        """serves maps each strengthened principle with positive priority to that priority."""
        deck = [card("a", {"experimenting": 0.5, "curiosity": 1.0, "ownership": 0.5})]
        got = recommend({"experimenting": 0.3, "curiosity": 0.6}, catalog_of(deck))
        assert [("curiosity", 0.6), ("experimenting", 0.3)] == list(got[0].serves.items())

    def test_accepts_a_result_object(self) -> None:
        """A scoring result's priorities drive the choice."""
        deck = [card("a", {"curiosity": 1.0}), card("b", {"ownership": 1.0})]
        assert ["p:b"] == ids(recommend(FakeResult({"ownership": 0.5}), catalog_of(deck)))

    def test_gains_add_up_to_coverage(self) -> None:
        """The gains of the chosen cards add up to F of the chosen set."""
        deck = [card("a", {"curiosity": 0.5, "ownership": 1}), card("b", {"curiosity": 0.5})]
        g = {"curiosity": 0.7, "ownership": 0.2}
        got = recommend(g, catalog_of(deck), k=2)
        assert coverage(got, g) == pytest.approx(math.fsum(s.gain for s in got), abs=1e-12)


class TestFilters:
    def test_max_minutes(self) -> None:
        """Only cards stating a time within the limit pass; a card without a time does not."""
        deck = [
            card("long", {"curiosity": 1.0}, minutes=90),
            card("unknown", {"curiosity": 1.0}, minutes=None),
            card("short", {"curiosity": 0.5}, minutes=20),
        ]
        got = recommend({"curiosity": 1.0}, catalog_of(deck), k=3, max_minutes=30)
        assert ["p:short"] == ids(got)

    def test_group_size(self) -> None:
        """A card whose range excludes the group is left out; one without a range suits all."""
        deck = [
            card("pairs", {"curiosity": 1.0}, group_size=(2, 2)),
            card("any", {"curiosity": 0.5}, group_size=None),
            card("big", {"curiosity": 0.5, "ownership": 0.1}, group_size=(4, 20)),
        ]
        got = recommend({"curiosity": 1.0}, catalog_of(deck), k=3, group_size=6)
        assert ["p:big", "p:any"] == ids(got)

    def test_lang(self) -> None:
        """With lang, only cards whose title exists in that language pass."""
        deck = [
            card("sv-only", {"curiosity": 1.0}, title=LocalizedText.of("Bara svenska")),
            card("both", {"curiosity": 0.5}),
        ]
        assert ["p:both"] == ids(recommend({"curiosity": 1}, catalog_of(deck), k=3, lang="en"))

    def test_exclude_by_qualified_and_bare_id(self) -> None:
        """Excluded cards are never suggested, named qualified or (unambiguously) bare."""
        deck = [
            card("a", {"curiosity": 1.0}),
            card("b", {"curiosity": 0.9}),
            card("c", {"curiosity": 0.8}),
        ]
        got = recommend({"curiosity": 1}, catalog_of(deck), k=1, exclude=["p:a", "b"])
        assert ["p:c"] == ids(got)

    def test_exclude_unknown_or_ambiguous_reports_every_id(self) -> None:
        """Unknown and ambiguous ids to exclude are one UnknownIdError listing each."""
        deck = [card("a", {"curiosity": 1.0}), card("a", {"curiosity": 1.0}, pack="q")]
        with pytest.raises(UnknownIdError) as info:
            recommend({"curiosity": 1}, catalog_of(deck), exclude=["nope", "a"])
        assert [("unknown-card", "exclude[0]"), ("ambiguous-id", "exclude[1]")] == [
            (p.code, p.location) for p in info.value.problems
        ]


class TestLaws:
    @given(decks(), priority_maps, st.integers(0, 6))
    def test_matches_the_literal_rule(
        self, deck: list[Card], priorities: dict[str, float | None], k: int
    ) -> None:
        """The fast greedy choice equals recomputing every card's gain at every step."""
        got = recommend(priorities, catalog_of(deck), k)
        expected = reference(priorities, deck, k)
        assert [i for i, _ in expected] == ids(got)
        for (_, want), suggestion in zip(expected, got, strict=True):
            assert want == pytest.approx(suggestion.gain, abs=1e-12)

    @given(big_decks(), priority_maps, st.integers(0, 25))
    def test_exactly_the_rule_written_out(
        self, deck: list[Card], priorities: dict[str, float | None], k: int
    ) -> None:
        """Same cards, same order and bit-equal gains as the rule with every gain recomputed."""
        assert_follows_the_rule(priorities, deck, k)

    @given(decks(), priority_maps, st.integers(1, 5), st.randoms(use_true_random=False))
    def test_deterministic_and_independent_of_deck_order(
        self, deck: list[Card], priorities: dict[str, float | None], k: int, rnd: random.Random
    ) -> None:
        """The same deck in any order gives the same cards, every time."""
        first = recommend(priorities, catalog_of(deck), k)
        shuffled = list(deck)
        rnd.shuffle(shuffled)
        assert first == recommend(priorities, catalog_of(deck), k)
        assert ids(first) == ids(recommend(priorities, catalog_of(shuffled), k))

    @given(decks(), priority_maps, st.integers(1, 6))
    def test_coverage_never_decreases(
        self, deck: list[Card], priorities: dict[str, float | None], k: int
    ) -> None:
        """F grows (or stays) with every card added, and every gain is positive."""
        got = recommend(priorities, catalog_of(deck), k)
        values = [coverage(got[:n], priorities) for n in range(len(got) + 1)]
        assert all(a <= b for a, b in itertools.pairwise(values))
        assert all(s.gain > 1e-9 for s in got)

    @given(decks(max_size=7), priority_maps, st.integers(1, 3))
    def test_within_one_minus_one_over_e_of_best(
        self, deck: list[Card], priorities: dict[str, float | None], k: int
    ) -> None:
        """Greedy covers at least (1 − 1/e) of the best k-subset found by brute force.

        Gains within 1e-9 count as equal and gains up to 1e-9 as nothing, which may cost up to
        about 1e-9 per step; that much slack is allowed.
        """
        got = recommend(priorities, catalog_of(deck), k)
        best = max(
            (
                coverage(subset, priorities)
                for n in range(k + 1)
                for subset in itertools.combinations(deck, n)
            ),
        )
        assert coverage(got, priorities) >= (1 - 1 / math.e) * best - 2 * k * 1e-9

    @given(decks(), priority_maps, st.integers(1, 6))
    def test_only_cards_serving_a_positive_priority(
        self, deck: list[Card], priorities: dict[str, float | None], k: int
    ) -> None:
        """A card with no weight on a principle of positive priority is never picked."""
        g = priorities_of(priorities)
        for suggestion in recommend(priorities, catalog_of(deck), k):
            assert any(g[p] > 0 and w > 0 for p, w in suggestion.card.principles)
            assert suggestion.serves
            assert {p: g[p] for p, w in suggestion.card.principles if w > 0 and g[p] > 0} == dict(
                suggestion.serves
            )

    @given(
        decks(),
        priority_maps,
        st.none() | st.integers(5, 120),
        st.none() | st.integers(1, 15),
        st.none() | st.sampled_from(["sv", "en"]),
    )
    def test_filters_are_honoured(
        self,
        deck: list[Card],
        priorities: dict[str, float | None],
        max_minutes: int | None,
        group_size: int | None,
        lang: str | None,
    ) -> None:
        """Every suggested card passes every filter that was given."""
        got = recommend(
            priorities,
            catalog_of(deck),
            5,
            max_minutes=max_minutes,
            group_size=group_size,
            lang=lang,
        )
        for s in got:
            if max_minutes is not None:
                assert s.card.minutes is not None
                assert s.card.minutes <= max_minutes
            if group_size is not None and s.card.group_size is not None:
                assert s.card.group_size[0] <= group_size <= s.card.group_size[1]
            if lang is not None:
                assert lang in s.card.title.languages()


class TestLargeDeck:
    def test_five_thousand_cards(self) -> None:
        """On a 5 000-card deck the choice equals the literal rule (its speed is benchmarked)."""
        rnd = random.Random(7)
        deck = [
            card(
                f"c{i:05d}",
                {p: rnd.choice([0.5, 1.0, rnd.random()]) for p in rnd.sample(PRINCIPLE_IDS, 3)},
            )
            for i in range(5000)
        ]
        catalog = catalog_of(deck)
        g = {p: rnd.random() for p in PRINCIPLE_IDS}
        got = recommend(g, catalog, k=5)
        assert [i for i, _ in reference(g, deck, 5)] == ids(got)


@pytest.fixture(scope="module")
def kiruna() -> Catalog:
    """The Kiruna deck of this repository (read from its folder, installed or not)."""
    from innovationsresan.packs.datapack import DataPack
    from innovationsresan.packs.loader import load_catalog

    catalog = load_catalog(packs=[], entry_points=False, plugins=[DataPack(KIRUNA)])
    assert [("kiruna", "ok")] == [(p.id, p.status) for p in catalog.packs]
    return catalog


class TestKirunaDeck:
    def test_one_priority(self, kiruna: Catalog) -> None:
        """Three cards strengthen experimenting fully with equal totals; the smallest id wins,
        alone, because a second card would add nothing."""
        got = recommend({"experimenting": 1.0}, kiruna, k=3)
        assert ["kiruna:simple-prototype"] == ids(got)
        assert {"experimenting": 1.0} == dict(got[0].serves)

    def test_two_priorities(self, kiruna: Catalog) -> None:
        """A card serving both gaps comes first (Pre-mortem: 0.4 + 0.6 · 0.5), then the best card
        for what is left of learning from failure (0.6 · 0.5; of three equal ones the smallest
        id)."""
        got = recommend({"learning-from-failure": 0.6, "uncertainty-tolerance": 0.4}, kiruna, k=3)
        assert ["kiruna:pre-mortem", "kiruna:blameless-review"] == ids(got)
        assert [0.7, 0.3] == pytest.approx([s.gain for s in got], abs=1e-12)

    def test_short_methods_only(self, kiruna: Catalog) -> None:
        """With a 15-minute limit only quick cards come back."""
        got = recommend(dict.fromkeys(PRINCIPLE_IDS, 0.5), kiruna, k=4, max_minutes=15)
        assert got
        assert all(s.card.minutes is not None and s.card.minutes <= 15 for s in got)


class TestFilterBoundaries:
    # weights of 0.5 leave something to gain after each pick, so every card that fits is chosen
    DECK = (
        card("short", {"curiosity": 0.5}, minutes=30, group_size=(3, 8)),
        card("long", {"curiosity": 0.5}, minutes=31, group_size=(3, 8)),
        card("open", {"curiosity": 0.5}, minutes=None, group_size=None),
    )

    def chosen(self, **filters: Any) -> list[str]:
        return sorted(ids(recommend({"curiosity": 1.0}, catalog_of(self.DECK), k=3, **filters)))

    def test_card_exactly_at_the_time_limit_fits(self) -> None:
        """A card of exactly max_minutes fits; one minute more does not; no time never fits."""
        assert ["p:short"] == self.chosen(max_minutes=30)
        assert ["p:long", "p:short"] == self.chosen(max_minutes=31)
        assert [] == self.chosen(max_minutes=29)

    @pytest.mark.parametrize("size", [3, 8])
    def test_both_ends_of_the_group_size(self, size: int) -> None:
        """A group as small or as large as a card allows is within its range."""
        assert ["p:long", "p:open", "p:short"] == self.chosen(group_size=size)

    @pytest.mark.parametrize("size", [2, 9])
    def test_just_outside_the_group_size(self, size: int) -> None:
        """One person fewer or more than the range leaves only cards that state no size."""
        assert ["p:open"] == self.chosen(group_size=size)

    def test_filters_combine(self) -> None:
        """Time and group size are both applied when both are given."""
        assert ["p:short"] == self.chosen(max_minutes=30, group_size=8)
        assert [] == self.chosen(max_minutes=30, group_size=9)


class TestMessagesPeopleRead:
    """The words a person reads when priorities or excluded cards cannot be used."""

    def test_bad_priorities_in_both_languages(self) -> None:
        """Every bad priority is listed under one heading, each saying what was given and what
        it must be, in Swedish and English."""
        with pytest.raises(InputError) as info:
            priorities_of({"speed": 1.0, "curiosity": "0.5", "ownership": math.nan})  # type: ignore[dict-item] # wrong on purpose
        assert (
            "Prioriteterna kan inte användas.\n"
            "  fel: priorities.speed: 'speed' är ingen princip [unknown-principle]\n"
            "  fel: priorities.curiosity: prioriteten ska vara ett tal (eller None), "
            "inte '0.5' [invalid-priority]\n"
            "  fel: priorities.ownership: prioriteten ska vara ett ändligt tal (eller None), "
            "inte nan [invalid-priority]"
        ) == info.value.render("sv")
        assert (
            "The priorities cannot be used.\n"
            "  error: priorities.speed: 'speed' is not a principle [unknown-principle]\n"
            "  error: priorities.curiosity: the priority must be a number (or None), "
            "not '0.5' [invalid-priority]\n"
            "  error: priorities.ownership: the priority must be a finite number (or None), "
            "not nan [invalid-priority]"
        ) == info.value.render("en")

    def test_priorities_of_another_type(self) -> None:
        """A list where priorities belong says what is accepted and what was given."""
        with pytest.raises(TypeError) as info:
            priorities_of([0.5])  # type: ignore[arg-type] # wrong on purpose
        assert (
            "result_or_priorities must be a group result or a mapping of principle id to "
            "priority, not list"
        ) == str(info.value)

    @pytest.mark.parametrize(
        ("argument", "value", "expected"),
        [
            ("max_minutes", "30", "max_minutes must be a number, not str: '30'"),
            ("group_size", 4.0, "group_size must be a whole number or None, not float: 4.0"),
            ("lang", 1, "lang must be a language code (str) or None, not int: 1"),
            ("exclude", "p:a", "exclude must be a collection of card ids (str), not str: 'p:a'"),
            ("exclude", ["p:a", 7], "exclude[1] must be card ids (str), not int: 7"),
        ],
    )
    def test_filters_of_another_type(self, argument: str, value: object, expected: str) -> None:
        """A filter of the wrong type is named, with what it takes and what was given."""
        deck = catalog_of([card("a", {"curiosity": 1.0})])
        with pytest.raises(TypeError) as info:
            recommend({"curiosity": 1.0}, deck, **{argument: value})
        assert expected == str(info.value)

    def test_cards_to_exclude_that_cannot_be_found(self) -> None:
        """The heading over unknown cards to exclude is in both languages."""
        with pytest.raises(UnknownIdError) as info:
            recommend({"curiosity": 1}, catalog_of([card("a", {"curiosity": 1.0})]), exclude=["b"])
        assert "Korten att utesluta kan inte hittas." == info.value.message.get("sv")
        assert "The cards to exclude cannot be found." == info.value.message.get("en")


class TestTheRuleAtItsEdges:
    """recommend follows the written rule (docs/recommendation.md) also where gains are tiny, and
    its plain arguments are read as documented."""

    def test_a_gain_of_exactly_the_tolerance_is_nothing(self) -> None:
        """A card that would gain exactly 1e-9 is not suggested: nothing is gained."""
        deck = [card("a", {"curiosity": 1.0})]
        assert () == recommend({"curiosity": 1e-9}, catalog_of(deck), k=3)

    def test_a_gain_within_the_tolerance_of_a_tiny_best_ties(self) -> None:
        """A card gaining 1e-9 ties with a best gain of 1.5e-9 and wins by its weight, as the
        rule written out says; then the other card follows."""
        deck = [card("a", {"curiosity": 1.0}), card("b", {"ownership": 1.0, "experimenting": 1.0})]
        priorities = {"curiosity": 1.5e-9, "ownership": 1e-9}
        got = recommend(priorities, catalog_of(deck), k=2)
        assert [c.id for c in literal(priorities, deck, 2)] == [s.card.id for s in got]
        assert ["p:b", "p:a"] == ids(got)

    def test_a_gain_exactly_the_tolerance_below_the_best_ties(self) -> None:
        """A gain exactly 1e-9 below the best one is a tie, so the heavier card wins."""
        deck = [
            card("a", {"curiosity": 0.5}),
            card("b", {"curiosity": 0.5 - 1e-9, "experimenting": 0.5}),
        ]
        assert ["p:b"] == ids(recommend({"curiosity": 1.0}, catalog_of(deck), k=1))

    def test_a_total_weight_exactly_the_tolerance_below_the_heaviest_ties(self) -> None:
        """Equal gains and total weights 1e-9 apart are a full tie: the smaller id wins."""
        deck = [card("b", {"curiosity": 1.0}), card("a", {"curiosity": 1.0 - 1e-9})]
        assert ["p:a"] == ids(recommend({"curiosity": 1.0}, catalog_of(deck), k=1))

    def test_another_group_exactly_the_tolerance_below_the_best_ties(self) -> None:
        """A card of other principles whose gain is exactly 1e-9 below the best one ties with
        it, though no card of its principles can gain more: the smaller id wins."""
        deck = [card("b", {"curiosity": 1.0}), card("a", {"ownership": 1.0})]
        priorities = {"curiosity": 1.0, "ownership": 1.0 - 1e-9}
        assert ["p:a"] == ids(recommend(priorities, catalog_of(deck), k=1))

    def test_a_principle_at_weight_zero_is_not_served(self) -> None:
        """A card built by hand that lists a principle at weight 0 does not strengthen it: it is
        suggested for what it does strengthen, and serves only that."""
        deck = [card("a", {"curiosity": 0.0, "ownership": 1.0})]
        got = recommend({"curiosity": 1.0, "ownership": 0.5}, catalog_of(deck), k=2)
        assert [("p:a", 0.5, {"ownership": 0.5})] == [(s.id, s.gain, dict(s.serves)) for s in got]

    def test_three_cards_unless_told(self) -> None:
        """Without k, at most three cards are suggested."""
        deck = [card(p, {p: 1.0}) for p in PRINCIPLE_IDS[:5]]
        priorities = dict.fromkeys(PRINCIPLE_IDS[:5], 1.0)
        assert 3 == len(recommend(priorities, catalog_of(deck)))

    def test_k_in_words(self) -> None:
        """A k of another type and a negative k say what was given, in both languages."""
        with pytest.raises(TypeError) as wrong:
            recommend({"curiosity": 1.0}, Catalog(), k="3")  # type: ignore[arg-type] # wrong on purpose
        assert "k must be an int, not str" == str(wrong.value)
        with pytest.raises(InputError) as negative:
            recommend({"curiosity": 1.0}, Catalog(), k=-2)
        assert "Antalet kort ska vara ett heltal ≥ 0, inte -2." == negative.value.message.get("sv")
        assert "The number of cards must be an integer ≥ 0, not -2." == negative.value.message.get(
            "en"
        )

    def test_cards_strengthening_many_principles(self) -> None:
        """Cards naming one to six principles each gain Σ priority · weight at first, and every
        later gain only what their principles have left."""
        weights = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4]
        deck = [
            card(f"c{n}", dict(zip(PRINCIPLE_IDS[:n], weights, strict=False))) for n in range(1, 7)
        ]
        priorities = dict(
            zip(PRINCIPLE_IDS[:6], [1.0, 0.5, 0.25, 0.125, 0.0625, 0.03125], strict=True)
        )
        got = recommend(priorities, catalog_of(deck), k=6)
        assert [c.id for c in literal(priorities, deck, 6)] == [s.card.id for s in got]
        first = sum(p * w for p, w in zip(priorities.values(), weights, strict=True))
        assert "c6" == got[0].card.id
        assert first == pytest.approx(got[0].gain, abs=1e-12)
        left = {p: priorities[p] * (1 - w) for p, w in zip(PRINCIPLE_IDS[:6], weights, strict=True)}
        second = got[1].card
        assert sum(left[pid] * w for pid, w in second.principles) == pytest.approx(
            got[1].gain, abs=1e-12
        )
        assert literal_gains(priorities, got) == [s.gain for s in got]


#: Cards naming one to all nine principles: groups of more than four have their bounds and gains
#: computed apart from the rest.
_wide_principles = st.lists(st.sampled_from(PRINCIPLE_IDS), min_size=1, max_size=9, unique=True)


@st.composite
def wide_decks(draw: st.DrawFn) -> list[Card]:
    weights = draw(st.sampled_from([_TIED_WEIGHTS, _ANY_WEIGHTS]))
    return [
        card(f"c{i:02d}", {p: draw(weights) for p in draw(_wide_principles)}, pack="pq"[i % 2])
        for i in range(draw(st.integers(0, 40)))
    ]


class TestWideCards:
    @given(wide_decks(), priority_maps, st.integers(0, 12))
    def test_exactly_the_rule_written_out(
        self, deck: list[Card], priorities: dict[str, float | None], k: int
    ) -> None:
        """With cards naming up to nine principles: the cards and gains of the rule written out."""
        assert_follows_the_rule(priorities, deck, k)
