"""Tests for follow-up: changes and directions, comparisons, and the journey timeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from innovationsresan.catalog import Catalog, PackContent
from innovationsresan.errors import InputError
from innovationsresan.followup import (
    Change,
    Direction,
    Factor,
    FactorKind,
    Journey,
    Moves,
    PlanOutcome,
    Round,
    Stop,
    answered_statements,
    compare,
    content_warnings,
    direction,
    followed_up_on_time,
    placement_direction,
    rated_content_warnings,
    timeline,
)
from innovationsresan.ladder import PRINCIPLE_IDS
from innovationsresan.model import (
    Level,
    LocalizedText,
    PackInfo,
    Perspective,
    Placement,
    Problem,
    Statement,
)
from innovationsresan.plans import Action, ActionPlan, FollowUp
from innovationsresan.responses import Response, parse_response
from innovationsresan.scoring import GroupResult, score
from tests.strategies import factors, follow_up_deltas, journey_dates

UTC = dt.UTC
CATALOG = Catalog()


def group(*people: Mapping[str, Mapping[str, int]], scale: int = 5) -> GroupResult:
    """Score respondents given as ``{perspective: {principle: rating}}`` (no statements)."""
    responses = [
        parse_response(
            {"schema": "innovationsresan.response/1", "scale": scale, "current": dict(person)}
        )
        for person in people
    ]
    return score(responses, CATALOG)


def everywhere(rating: int) -> dict[str, dict[str, int]]:
    """One respondent giving *rating* to every principle from both perspectives."""
    return {q: dict.fromkeys(PRINCIPLE_IDS, rating) for q in ("organisation", "individual")}


def plan(
    created: dt.date,
    follow_up: dt.date | None,
    principles: tuple[str, ...] = (),
    title: str = "Plan",
) -> ActionPlan:
    """A plan whose one action names *principles*, with a follow-up at 09:00 UTC on that day."""
    meeting = (
        None
        if follow_up is None
        else FollowUp(dt.datetime.combine(follow_up, dt.time(9), tzinfo=UTC))
    )
    return ActionPlan(
        created=created,
        title=title,
        follow_up=meeting,
        actions=(Action(what="x", principles=principles),),
    )


def outcome(stop: Stop) -> PlanOutcome:
    """The plan outcome of a round that has a plan."""
    assert stop.plan is not None
    return stop.plan


D = dt.date


class TestDirection:
    def test_up_down_steady(self) -> None:
        """A change of at least τ is up, of at most −τ down, anything between steady."""
        assert Direction.UP == direction(0.25)
        assert Direction.DOWN == direction(-0.25)
        assert Direction.STEADY == direction(0.05)
        assert Direction.STEADY == direction(0.0)

    def test_exactly_tau_moves(self) -> None:
        """A change of exactly ±τ counts as a move both ways."""
        assert Direction.UP == direction(0.1)
        assert Direction.DOWN == direction(-0.1)

    def test_rounding_below_tau_still_moves(self) -> None:
        """0.6 − 0.5 is 0.0999…98 in floating point; the 1e-12 slack counts it as up."""
        assert 0.6 - 0.5 < 0.1
        assert Direction.UP == direction(0.6 - 0.5)
        assert Direction.DOWN == direction(0.5 - 0.6)

    def test_just_inside_slack_is_steady(self) -> None:
        """A change further below τ than the slack is steady."""
        assert Direction.STEADY == direction(0.1 - 2e-12)
        assert Direction.STEADY == direction(-0.1 + 2e-12)

    def test_undefined_has_no_direction(self) -> None:
        """An undefined change has no direction."""
        assert direction(None) is None

    def test_other_tau(self) -> None:
        """τ is a parameter."""
        assert Direction.STEADY == direction(0.15, tau=0.2)
        assert Direction.UP == direction(0.2, tau=0.2)

    @given(follow_up_deltas)
    def test_mirrored(self, delta: float) -> None:
        """Negating a change swaps up and down and keeps steady."""
        swap = {Direction.UP: Direction.DOWN, Direction.DOWN: Direction.UP}
        forward = direction(delta)
        assert forward is not None
        assert swap.get(forward, forward) == direction(-delta)


class TestChange:
    def test_between(self) -> None:
        """delta is after − before, with its direction."""
        assert Change(0.5, 0.75, 0.25, Direction.UP) == Change.between(0.5, 0.75)

    def test_undefined_side(self) -> None:
        """When either mean is undefined the change and its direction are too."""
        assert Change(None, 0.75, None, None) == Change.between(None, 0.75)
        assert Change(0.5, None, None, None) == Change.between(0.5, None)


class TestPlacementDirection:
    def test_order(self) -> None:
        """Placements compare on limited < both < innovative."""
        assert Direction.UP == placement_direction(Placement.LIMITED, Placement.BOTH)
        assert Direction.UP == placement_direction(Placement.LIMITED, Placement.INNOVATIVE)
        assert Direction.DOWN == placement_direction(Placement.INNOVATIVE, Placement.BOTH)
        assert Direction.STEADY == placement_direction(Placement.BOTH, Placement.BOTH)

    def test_unknown(self) -> None:
        """An unknown placement on either side gives no direction."""
        assert placement_direction(None, Placement.BOTH) is None
        assert placement_direction(Placement.BOTH, None) is None


class TestCompare:
    def test_hand_computed_deltas(self) -> None:
        """Means and deltas per perspective match the arithmetic on the normalised ratings.

        Scale 5: rating r is (r − 1) / 4. Curiosity, organisation: mean of 2 and 4 → 0.5;
        after, 4 and 4 → 0.75; delta 0.25, up. Individual: 3 → 0.5, then 3 → 0.5, steady.
        """
        before = group(
            {"organisation": {"curiosity": 2}, "individual": {"curiosity": 3}},
            {"organisation": {"curiosity": 4}},
        )
        after = group(
            {"organisation": {"curiosity": 4}, "individual": {"curiosity": 3}},
            {"organisation": {"curiosity": 4}},
        )
        change = compare(before, after).principle("curiosity")
        assert change == compare(before, after).principle("nyfikenhet")
        assert Change(0.5, 0.75, 0.25, Direction.UP) == change.organisation
        assert Change(0.5, 0.5, 0.0, Direction.STEADY) == change.individual

    def test_exactly_tau_on_eleven_point_scale(self) -> None:
        """On an 11-point scale one step is exactly τ = 0.1 and counts as a move either way."""
        low, high = group(everywhere(6), scale=11), group(everywhere(7), scale=11)
        assert PRINCIPLE_IDS == compare(low, high).moved_up()
        assert PRINCIPLE_IDS == compare(high, low).moved_down()

    def test_half_step_is_steady(self) -> None:
        """A change of 0.05 (half a step on 11 points) is steady."""
        before = group(everywhere(6), scale=11)
        after = group(everywhere(6), everywhere(7), scale=11)
        comparison = compare(before, after)
        assert PRINCIPLE_IDS == comparison.steady()
        assert 0.05 == pytest.approx(comparison.principle("ownership").organisation.delta)

    def test_different_scales(self) -> None:
        """Rounds answered on different scales compare on the normalised 0–1 values."""
        before = group(everywhere(3), scale=5)  # 0.5
        after = group(everywhere(6), scale=7)  # 5/6
        change = compare(before, after).principle("experimenting").individual
        assert 5 / 6 - 0.5 == pytest.approx(change.delta, abs=1e-12)
        assert Direction.UP == change.direction

    def test_either_perspective_moves(self) -> None:
        """A principle moves up (or down) when either perspective does; it may do both."""
        before = group({"organisation": {"curiosity": 2}, "individual": {"curiosity": 4}})
        after = group({"organisation": {"curiosity": 4}, "individual": {"curiosity": 2}})
        comparison = compare(before, after)
        assert ("curiosity",) == comparison.moved_up()
        assert ("curiosity",) == comparison.moved_down()
        assert () == comparison.steady()

    def test_not_comparable(self) -> None:
        """Principles answered in only one round have no direction."""
        before = group({"organisation": {"curiosity": 2}})
        after = group({"organisation": {"ownership": 2}})
        comparison = compare(before, after)
        assert set(PRINCIPLE_IDS) == set(comparison.not_comparable())
        assert Change(0.25, None, None, None) == comparison.principle("curiosity").organisation

    def test_placements(self) -> None:
        """Placements before and after are kept, and their move is read on the band order."""
        comparison = compare(group(everywhere(1)), group(everywhere(5)))
        assert Placement.LIMITED == comparison.placement_before["overall"]
        assert Placement.INNOVATIVE == comparison.placement_after["overall"]
        assert Direction.UP == comparison.placement_direction("overall")

    def test_ladder_order(self) -> None:
        """Every principle is compared, in ladder order."""
        comparison = compare(group(everywhere(3)), group(everywhere(3)))
        assert PRINCIPLE_IDS == tuple(c.id for c in comparison.principles)

    def test_bad_tau(self) -> None:
        """τ must be positive."""
        with pytest.raises(ValueError, match="tau"):
            compare(group(everywhere(3)), group(everywhere(3)), tau=0)


class TestFollowedUp:
    def test_later_round_within_grace(self) -> None:
        """A later round on or before the follow-up plus 14 days: held on time."""
        assert followed_up_on_time(D(2026, 4, 14), [D(2026, 4, 28)], today=None) is True
        assert followed_up_on_time(D(2026, 4, 14), [D(2026, 4, 14)], today=None) is True

    def test_later_round_early(self) -> None:
        """A round before the booked day still counts: the team met again in time."""
        assert followed_up_on_time(D(2026, 4, 14), [D(2026, 3, 1)], today=None) is True

    def test_next_round_too_late(self) -> None:
        """The next round 15 days after the follow-up: not on time."""
        assert followed_up_on_time(D(2026, 4, 14), [D(2026, 4, 29)], today=None) is False

    def test_no_round_yet(self) -> None:
        """Without a later round it is open until the grace period has passed."""
        follow_up = D(2026, 4, 14)
        assert followed_up_on_time(follow_up, [], today=D(2026, 4, 1)) is None
        assert followed_up_on_time(follow_up, [], today=D(2026, 4, 28)) is None
        assert followed_up_on_time(follow_up, [], today=D(2026, 4, 29)) is False
        assert followed_up_on_time(follow_up, [], today=None) is None

    def test_today_as_a_datetime(self) -> None:
        """A datetime as today counts as its date instead of failing to compare."""
        follow_up = D(2026, 4, 14)
        assert followed_up_on_time(follow_up, [], today=dt.datetime(2026, 4, 29, 7)) is False


class TestTimeline:
    def rounds(self) -> list[Round]:
        """Three rounds: up everywhere, then down everywhere."""
        return [
            Round(
                D(2026, 1, 22),
                group(everywhere(2)),
                plan(D(2026, 1, 22), D(2026, 4, 14), ("curiosity",)),
            ),
            Round(
                D(2026, 4, 16),
                group(everywhere(4)),
                plan(D(2026, 4, 16), D(2026, 6, 11), ("ownership", "curiosity")),
            ),
            Round(D(2026, 9, 10), group(everywhere(3)), plan(D(2026, 9, 10), D(2026, 11, 26))),
        ]

    def test_moves(self) -> None:
        """Each round lists what moved since the round before; the first lists nothing."""
        stops = timeline(self.rounds(), today=D(2026, 10, 1))
        assert Moves() == stops[0].moves
        assert Moves(PRINCIPLE_IDS, ()) == stops[1].moves
        assert Moves((), PRINCIPLE_IDS) == stops[2].moves
        assert [None, D(2026, 1, 22), D(2026, 4, 16)] == [s.since for s in stops]

    def test_figures(self) -> None:
        """Each round shows its respondents, positions and placements."""
        stops = timeline(self.rounds(), today=None)
        assert 1 == stops[0].respondents
        assert {"organisation": 0.25, "individual": 0.25} == dict(stops[0].position)
        assert Placement.INNOVATIVE == stops[1].placement["overall"]

    def test_plan_outcomes(self) -> None:
        """Follow-ups: on time, too late, still ahead; targets follow the next round."""
        stops = timeline(self.rounds(), today=D(2026, 10, 1))
        first, second, third = (outcome(s) for s in stops)
        assert (True, False, None) == (first.followed_up, second.followed_up, third.followed_up)
        assert (("curiosity", Direction.UP),) == first.targets
        assert (("ownership", Direction.DOWN), ("curiosity", Direction.DOWN)) == second.targets
        assert () == third.targets

    def test_targets_in_ladder_order(self) -> None:
        """Targets are listed in ladder order, whatever order the plan named them in."""
        rounds = self.rounds()
        rounds[1] = Round(
            D(2026, 4, 16),
            group(everywhere(4)),
            plan(D(2026, 4, 16), D(2026, 6, 11), ("curiosity", "ownership", "curiosity")),
        )
        second = timeline(rounds, today=None)[1].plan
        assert second is not None
        assert ("ownership", "curiosity") == tuple(pid for pid, _ in second.targets)

    def test_overdue_with_today(self) -> None:
        """The last plan's follow-up is false once today is past it plus 14 days."""
        late = outcome(timeline(self.rounds(), today=D(2026, 12, 11))[2])
        open_ = outcome(timeline(self.rounds(), today=D(2026, 12, 10))[2])
        assert late.followed_up is False
        assert open_.followed_up is None

    def test_no_follow_up_booked(self) -> None:
        """A plan without a follow-up has none to hold: followed_up is None."""
        rounds = [Round(D(2026, 1, 22), group(everywhere(2)), plan(D(2026, 1, 22), None))]
        outcome = timeline(rounds, today=D(2030, 1, 1))[0].plan
        assert outcome is not None
        assert (None, None) == (outcome.follow_up, outcome.followed_up)

    def test_unreadable_round_is_skipped_for_moves(self) -> None:
        """A round without a result shows no moves; the next one compares with the last read one.

        The unreadable round still counts as the team meeting again for the follow-up.
        """
        rounds = self.rounds()
        rounds[1] = Round(D(2026, 4, 16), None, None, path="j/2026-04-16")
        stops = timeline(rounds, today=None)
        assert (Moves(), None) == (stops[1].moves, stops[1].respondents)
        assert D(2026, 1, 22) == stops[2].since
        assert Moves(PRINCIPLE_IDS, ()) == stops[2].moves
        first = stops[0].plan
        assert first is not None
        assert first.followed_up is True
        assert (("curiosity", Direction.UP),) == first.targets
        assert D(2026, 9, 10) == first.next_round

    def test_factors_between_rounds(self) -> None:
        """A factor belongs to the first round on or after its date; later ones to none."""
        factors = [
            Factor(D(2026, 1, 1), "politics", "before"),
            Factor(D(2026, 5, 4), "staffing", "loss"),
            Factor(D(2026, 9, 10), "other", "same day"),
            Factor(D(2026, 12, 1), "staffing", "after"),
        ]
        stops = timeline(self.rounds(), factors, today=None)
        assert [["before"], [], ["loss", "same day"]] == [
            [f.note for f in s.factors] for s in stops
        ]

    def test_rounds_in_date_order(self) -> None:
        """Rounds given in any order are read by date."""
        stops = timeline(list(reversed(self.rounds())), today=None)
        assert [D(2026, 1, 22), D(2026, 4, 16), D(2026, 9, 10)] == [s.date for s in stops]


class TestJourney:
    def test_sorted_and_timeline(self) -> None:
        """A journey keeps rounds and factors in date order and builds its timeline with today."""
        first = Round(D(2026, 1, 22), group(everywhere(2)), plan(D(2026, 1, 22), D(2026, 2, 1)))
        second = Round(D(2026, 4, 16), group(everywhere(4)))
        journey = Journey(
            "Team",
            factors=(Factor(D(2026, 3, 1), "staffing"), Factor(D(2026, 2, 1), "politics")),
            rounds=(second, first),
            today=D(2026, 3, 1),
        )
        assert (first, second) == journey.rounds
        assert [FactorKind.POLITICS, FactorKind.STAFFING] == [f.kind for f in journey.factors]
        outcome = journey.timeline()[0].plan
        assert outcome is not None
        assert outcome.followed_up is False

    def test_bad_factor_kind(self) -> None:
        """A factor's kind is staffing, politics or other."""
        with pytest.raises(ValueError, match="weather"):
            Factor(D(2026, 1, 1), "weather")


@given(st.lists(st.integers(min_value=1, max_value=5), min_size=2, max_size=4))
def test_directions_are_antisymmetric(ratings: list[int]) -> None:
    """Comparing after with before mirrors every direction."""
    swap = {Direction.UP: Direction.DOWN, Direction.DOWN: Direction.UP}
    before = group(everywhere(ratings[0]))
    after = group(*(everywhere(r) for r in ratings[1:]))
    forward, backward = compare(before, after), compare(after, before)
    assert forward.moved_up() == backward.moved_down()
    for f, b in zip(forward.principles, backward.principles, strict=True):
        d = f.organisation.direction
        assert d is not None
        assert swap.get(d, d) == b.organisation.direction


def _key(factor: Factor) -> tuple[dt.date, str, str]:
    return (factor.date, factor.kind.value, factor.note)


@given(st.lists(journey_dates, unique=True, max_size=5), st.lists(factors, max_size=6))
def test_each_factor_beside_one_round(dates: list[dt.date], given_factors: list[Factor]) -> None:
    """A factor up to the last round shows beside exactly one round: the first on or after it."""
    stops = timeline([Round(d) for d in dates], given_factors, today=None)
    last = max(dates, default=None)
    expected = [f for f in given_factors if last is not None and f.date <= last]
    assert sorted(expected, key=_key) == sorted((f for s in stops for f in s.factors), key=_key)
    for previous, stop in zip((None, *stops), stops, strict=False):
        for factor in stop.factors:
            assert factor.date <= stop.date
            assert previous is None or previous.date < factor.date


@given(
    st.lists(journey_dates, unique=True, min_size=1, max_size=4),
    journey_dates,
    st.none() | journey_dates,
)
def test_followed_up_rule(dates: list[dt.date], follow_up: dt.date, today: dt.date | None) -> None:
    """followed_up follows DESIGN.md §6 for the plan of the first round, whatever the dates."""
    first, *later = sorted(dates)
    rounds = [Round(first, plan=plan(first, follow_up)), *(Round(d) for d in later)]
    deadline = follow_up + dt.timedelta(days=14)
    if any(d <= deadline for d in later):
        expected: bool | None = True
    elif later or (today is not None and today > deadline):
        expected = False
    else:
        expected = None
    assert expected == outcome(timeline(rounds, today=today)[0]).followed_up


class TestReadBack:
    """Values that are not the defaults are carried through, not dropped."""

    def test_change_seen_from_each_perspective(self) -> None:
        """change() picks the organisation's or the individual's change, by enum or by id."""
        before = group({"organisation": {"curiosity": 1}, "individual": {"curiosity": 3}})
        after = group({"organisation": {"curiosity": 2}, "individual": {"curiosity": 5}})
        principle = compare(before, after).principle("curiosity")
        assert Change(0.0, 0.25, 0.25, Direction.UP) == principle.change("organisation")
        assert Change(0.5, 1.0, 0.5, Direction.UP) == principle.change("individual")
        assert principle.change(Perspective.INDIVIDUAL) is principle.individual
        assert principle.change(Perspective.ORGANISATION) is principle.organisation

    def test_mean_delta(self) -> None:
        """The mean over perspectives of the defined changes; one side alone is its own mean."""
        before = group(
            {"organisation": {"curiosity": 1, "ownership": 2}, "individual": {"curiosity": 3}}
        )
        after = group(
            {"organisation": {"curiosity": 2, "ownership": 1}, "individual": {"curiosity": 5}}
        )
        comparison = compare(before, after)
        assert 0.375 == comparison.principle("curiosity").mean_delta()
        assert -0.25 == comparison.principle("ownership").mean_delta()
        assert comparison.principle("experimenting").mean_delta() is None

    def test_compare_keeps_a_non_default_tau(self) -> None:
        """A larger τ makes a quarter step steady, and the comparison says which τ it used."""
        before, after = group(everywhere(1)), group(everywhere(2))
        comparison = compare(before, after, tau=0.3)
        assert 0.3 == comparison.tau
        assert () == comparison.moved_up()
        assert PRINCIPLE_IDS == comparison.steady()
        assert PRINCIPLE_IDS == compare(before, after, tau=0.25).moved_up()

    def test_timeline_keeps_a_non_default_tau(self) -> None:
        """Journey.timeline compares rounds with the journey's own τ, and so do plan targets."""
        rounds = (
            Round(
                dt.date(2026, 11, 26),
                group(everywhere(1)),
                plan(dt.date(2026, 11, 26), dt.date(2027, 2, 15), ("curiosity",)),
            ),
            Round(dt.date(2027, 2, 15), group(everywhere(2))),
        )
        strict = Journey("Norr", rounds=rounds, tau=0.3).timeline()
        assert Moves() == strict[1].moves
        assert strict[1].comparison is not None
        assert 0.3 == strict[1].comparison.tau
        assert {"curiosity": Direction.STEADY} == outcome(strict[0]).target_directions()
        default = Journey("Norr", rounds=rounds).timeline()
        assert PRINCIPLE_IDS == default[1].moves.up
        assert {"curiosity": Direction.UP} == outcome(default[0]).target_directions()

    def test_target_directions_is_a_new_dict(self) -> None:
        """target_directions() gives every target, and changing it changes nothing inside."""
        found = PlanOutcome("P", None, None, (("ownership", Direction.DOWN), ("curiosity", None)))
        directions = found.target_directions()
        assert {"ownership": Direction.DOWN, "curiosity": None} == directions
        directions.clear()
        assert {"ownership": Direction.DOWN, "curiosity": None} == found.target_directions()


class TestBoundaries:
    def test_factor_on_a_rounds_own_date_belongs_to_that_round(self) -> None:
        """A factor dated on a round's day is shown with that round, not with the next."""
        first, second = dt.date(2026, 11, 26), dt.date(2027, 2, 15)
        on_first = Factor(first, FactorKind.STAFFING, "ny chef")
        on_second = Factor(second, FactorKind.POLITICS, "budget")
        day_after = Factor(first + dt.timedelta(days=1), FactorKind.OTHER, "flytt")
        stops = timeline(
            [Round(first, group(everywhere(2))), Round(second, group(everywhere(3)))],
            [on_second, day_after, on_first],
            today=None,
        )
        assert (on_first,) == stops[0].factors
        assert (day_after, on_second) == stops[1].factors

    def test_factor_after_the_last_round_is_not_shown(self) -> None:
        """A factor later than every round belongs to no round yet."""
        day = dt.date(2026, 11, 26)
        stops = timeline(
            [Round(day, group(everywhere(2)))],
            [Factor(day + dt.timedelta(days=1), FactorKind.OTHER, "sen")],
            today=None,
        )
        assert () == stops[0].factors

    def test_follow_up_on_the_last_day_of_grace(self) -> None:
        """A round exactly 14 days after the follow-up holds it; 15 days does not."""
        booked = dt.date(2027, 2, 15)
        assert followed_up_on_time(booked, [booked + dt.timedelta(days=14)], today=None)
        assert not followed_up_on_time(booked, [booked + dt.timedelta(days=15)], today=None)
        assert followed_up_on_time(booked, [booked], today=None)

    def test_today_on_the_last_day_of_grace_is_still_open(self) -> None:
        """On the last day of grace with no round yet the follow-up is still open."""
        booked = dt.date(2027, 2, 15)
        assert followed_up_on_time(booked, [], today=booked + dt.timedelta(days=14)) is None
        assert followed_up_on_time(booked, [], today=booked + dt.timedelta(days=15)) is False

    def test_earliest_later_round_decides(self) -> None:
        """Of several later rounds, the earliest one decides, whatever their order."""
        booked = dt.date(2027, 2, 15)
        late, early = booked + dt.timedelta(days=40), booked + dt.timedelta(days=3)
        assert followed_up_on_time(booked, [late, early], today=None)

    def test_comparison_placements(self) -> None:
        """A comparison keeps both rounds' placements and tells the direction between them."""
        comparison = compare(group(everywhere(1)), group(everywhere(5)))
        assert Placement.LIMITED == comparison.placement_before["overall"]
        assert Placement.INNOVATIVE == comparison.placement_after["overall"]
        assert Direction.UP == comparison.placement_direction("organisation")
        assert Direction.DOWN == compare(
            group(everywhere(5)), group(everywhere(3))
        ).placement_direction("individual")


class TestContentWarnings:
    @pytest.fixture
    def catalog(self) -> Catalog:
        def pack(pid: str, ids: tuple[str, ...]) -> PackContent:
            statements = tuple(
                Statement(
                    sid,
                    pid,
                    Level.LIMITED,
                    Perspective.ORGANISATION,
                    "curiosity",
                    LocalizedText.of(sid),
                )
                for sid in ids
            )
            return PackContent(info=PackInfo(pid, LocalizedText.of(pid)), statements=statements)

        return Catalog.build([pack("a", ("s1", "s2")), pack("b", ("t1",))])

    def rated(self, *ids: str) -> list[Response]:
        return [
            parse_response(
                {"schema": "innovationsresan.response/1", "statements": dict.fromkeys(ids, 3)}
            )
        ]

    def test_answered_statements_are_qualified(self, catalog: Catalog) -> None:
        """Unqualified ids are resolved; an unknown id is left to scoring to report."""
        assert frozenset({"a:s1", "b:t1"}) == answered_statements(
            self.rated("s1", "b:t1", "nowhere"), catalog
        )

    def test_same_content_no_warning(self, catalog: Catalog) -> None:
        """Rounds that rated the same statements give no warning."""
        assert () == content_warnings(self.rated("s1"), self.rated("a:s1"), catalog)

    def test_ladder_only_rounds_no_warning(self, catalog: Catalog) -> None:
        """Two rounds without statement ratings compare without a warning."""
        assert () == content_warnings(self.rated(), self.rated(), catalog)

    def test_codes(self, catalog: Catalog) -> None:
        """Another pack gives rounds-packs-differ; another statement of a shared pack gives
        rounds-statements-differ; both are warnings located at the statements."""
        problems = content_warnings(self.rated("s1", "t1"), self.rated("s2"), catalog)

        assert [
            ("warning", "rounds-packs-differ", "statements"),
            ("warning", "rounds-statements-differ", "statements"),
        ] == [(p.severity.value, p.code, p.location) for p in problems]


class TestCalendarEnd:
    def test_follow_up_in_the_last_days_of_9999(self) -> None:
        """A follow-up near the calendar's end gives an answer, never an OverflowError."""
        end = dt.date(9999, 12, 25)
        assert followed_up_on_time(end, [], today=dt.date(9999, 12, 31)) is None
        assert followed_up_on_time(end, [dt.date(9999, 12, 31)], today=None) is True


class TestJourneyReadBack:
    ROUND_DATE = dt.date(2026, 11, 26)

    def test_plan_outcome_names_the_plan_and_its_meeting(self) -> None:
        """The outcome carries the plan's title and the booked follow-up's date-time."""
        p = plan(self.ROUND_DATE, dt.date(2027, 2, 15), ("curiosity",), title="Vi testar mer")
        stop = timeline([Round(self.ROUND_DATE, group(everywhere(2)), p)], today=None)[0]
        assert "Vi testar mer" == outcome(stop).title
        assert dt.datetime(2027, 2, 15, 9, tzinfo=UTC) == outcome(stop).follow_up
        assert outcome(stop).next_round is None

    def test_targets_of_the_last_round_are_unknown(self) -> None:
        """With no later round to compare with, each target's direction is None."""
        p = plan(self.ROUND_DATE, dt.date(2027, 2, 15), ("ownership", "curiosity"))
        stop = timeline([Round(self.ROUND_DATE, group(everywhere(2)), p)], today=None)[0]
        assert {"ownership": None, "curiosity": None} == outcome(stop).target_directions()

    def test_targets_when_the_next_round_cannot_be_read(self) -> None:
        """A later round without a result leaves the targets unknown, but holds the follow-up."""
        p = plan(self.ROUND_DATE, dt.date(2027, 2, 15), ("curiosity",))
        stops = timeline(
            [Round(self.ROUND_DATE, group(everywhere(2)), p), Round(dt.date(2027, 2, 16))],
            today=None,
        )
        assert {"curiosity": None} == outcome(stops[0]).target_directions()
        assert outcome(stops[0]).followed_up is True

    def test_journey_passes_today_and_factors_on(self) -> None:
        """Journey.timeline uses the journey's today (overdue follow-ups) and its factors."""
        p = plan(self.ROUND_DATE, dt.date(2027, 2, 15), ("curiosity",))
        factor = Factor(self.ROUND_DATE, FactorKind.STAFFING, "två slutade")
        journey = Journey(
            "Norr",
            factors=(factor,),
            rounds=(Round(self.ROUND_DATE, group(everywhere(2)), p),),
            today=dt.date(2027, 6, 1),
        )
        stop = journey.timeline()[0]
        assert outcome(stop).followed_up is False
        assert (factor,) == stop.factors

    def test_all_problems_lists_the_journeys_then_each_rounds(self) -> None:
        """all_problems() gives the journey's own problems first, then every round's in order."""
        own = Problem.warning("a", "journey.toml", "a", "a")
        first = Problem.error("b", "2026-11-26", "b", "b")
        second = Problem.error("c", "2027-02-15", "c", "c")
        journey = Journey(
            "Norr",
            rounds=(
                Round(dt.date(2027, 2, 15), problems=(second,)),
                Round(self.ROUND_DATE, problems=(first,)),
            ),
            problems=(own,),
        )
        assert (own, first, second) == journey.all_problems()

    def test_unknown_principle_in_a_comparison(self) -> None:
        """Asking a comparison for a principle that is not on the ladder names it."""
        comparison = compare(group(everywhere(2)), group(everywhere(3)))
        with pytest.raises(KeyError, match="snabbhet"):
            comparison.principle("snabbhet")


class TestWrongArguments:
    """A wrong argument to compare is named, with what it should be, never a deep traceback."""

    @pytest.mark.parametrize("side", ["before", "after"])
    def test_a_result_that_is_not_one(self, side: str) -> None:
        """A dict where a group result belongs names the side and says score gives one."""
        given: dict[str, Any] = {"before": group(everywhere(2)), "after": group(everywhere(3))}
        given[side] = {}
        with pytest.raises(TypeError) as info:
            compare(given["before"], given["after"])
        assert f"{side} must be a GroupResult (score gives one), not dict: {{}}" == str(info.value)

    @pytest.mark.parametrize("tau", [True, "0.2", None])
    def test_tau_that_is_not_a_number(self, tau: object) -> None:
        """τ given as True, as text or as None is refused by name, not read as 1 or 0.2."""
        with pytest.raises(TypeError) as info:
            compare(group(everywhere(2)), group(everywhere(3)), tau=tau)  # type: ignore[arg-type]
        assert str(info.value).startswith(f"tau must be a number, not {type(tau).__name__}")

    @pytest.mark.parametrize("tau", [-0.1, float("nan"), float("inf")])
    def test_tau_that_is_no_positive_number(self, tau: float) -> None:
        """A negative, NaN or infinite τ is an InputError (a ValueError) with the value given."""
        with pytest.raises(InputError) as info:
            compare(group(everywhere(2)), group(everywhere(3)), tau=tau)
        assert f"tau must be a positive finite number, not {tau!r}" == str(info.value)
        assert f"tau ska vara ett positivt, ändligt tal, inte {tau!r}" == info.value.message.get(
            "sv"
        )


class TestSlack:
    def test_slack_is_inclusive(self) -> None:
        """A change short of τ by exactly the 1e-12 slack still moves, both ways."""
        assert Direction.UP == direction(0.1 - 1e-12)
        assert Direction.DOWN == direction(-0.1 + 1e-12)


class TestContentWarningMessages:
    """What a person reads when two rounds were not answered with the same content."""

    def test_packs_listed_before_and_after(self) -> None:
        """Both rounds' packs are listed, sorted, in Swedish and English."""
        (problem,) = rated_content_warnings({"b:t1", "a:s1"}, {"d:v1", "c:u1"})
        assert (
            "omgångarna har svarat på påståenden ur olika paket (före: a, b; efter: c, d); "
            "jämför bara omgångar med samma paket och versioner"
        ) == problem.message.get("sv")
        assert (
            "the rounds rated statements from different packs (before: a, b; after: c, d); "
            "compare only rounds with the same packs and versions"
        ) == problem.message.get("en")

    def test_a_round_without_statements_shows_a_dash(self) -> None:
        """A round that rated no statements is shown as a dash, on either side."""
        (first,) = rated_content_warnings(set(), {"a:s1"})
        (second,) = rated_content_warnings({"a:s1"}, set())
        assert "(before: –; after: a)" in first.message.get("en")
        assert "(före: a; efter: –)" in second.message.get("sv")

    def test_statements_counted_within_shared_packs(self) -> None:
        """Statements of a pack both rounds rated are counted per side with an example; those of
        a pack only one round rated are left to the pack warning."""
        problems = rated_content_warnings({"a:s1", "a:s2", "b:t1"}, {"a:s3", "a:s2", "c:u1"})
        assert ["rounds-packs-differ", "rounds-statements-differ"] == [p.code for p in problems]
        assert (
            "1 påståenden besvarades bara före och 1 bara efter (t.ex. a:s1); "
            "har paketen bytt version mellan omgångarna?"
        ) == problems[1].message.get("sv")
        assert (
            "1 statements were rated only before and 1 only after (e.g. a:s1); "
            "did the packs change version between the rounds?"
        ) == problems[1].message.get("en")

    def test_statements_only_added(self) -> None:
        """Statements rated only in the later round are counted too, with one of them named."""
        (problem,) = rated_content_warnings({"a:s1"}, {"a:s1", "a:s3", "a:s2"})
        assert (
            "0 statements were rated only before and 2 only after (e.g. a:s2); "
            "did the packs change version between the rounds?"
        ) == problem.message.get("en")

    def test_statements_only_dropped(self) -> None:
        """Statements rated only in the earlier round are reported alone as well."""
        (problem,) = rated_content_warnings({"a:s1", "a:s2"}, {"a:s1"})
        assert "rounds-statements-differ" == problem.code
        assert problem.message.get("en").startswith("1 statements were rated only before and 0")


class TestTimelineProblems:
    """What a round's stop says beyond its figures: its problems and its folder."""

    def test_content_warning_is_located_in_the_later_rounds_folder(self) -> None:
        """Rounds that rated different statements warn at the later round, in its folder, after
        that round's own problems."""
        own = Problem.warning("own", "x", "x", "x")
        rounds = [
            Round(D(2026, 1, 22), group(everywhere(2)), path="r1", statements=frozenset({"a:s1"})),
            Round(
                D(2026, 4, 16),
                group(everywhere(3)),
                problems=(own,),
                path="r2",
                statements=frozenset({"a:s2"}),
            ),
        ]
        stops = timeline(rounds, today=None)
        assert ["r1", "r2"] == [s.path for s in stops]
        assert () == stops[0].problems
        assert [("own", "x"), ("rounds-statements-differ", "r2:statements")] == [
            (p.code, p.location) for p in stops[1].problems
        ]

    def test_unreadable_round_is_not_compared(self) -> None:
        """A round that could not be read after one that could: no comparison, no since, no
        content warning, only its own problems."""
        own = Problem.error("unreadable", "r2", "x", "x")
        rounds = [
            Round(D(2026, 1, 22), group(everywhere(2)), statements=frozenset({"a:s1"})),
            Round(D(2026, 4, 16), problems=(own,), path="r2"),
        ]
        last = timeline(rounds, today=None)[1]
        assert (None, None, Moves(), (own,)) == (
            last.comparison,
            last.since,
            last.moves,
            last.problems,
        )
        assert last.respondents is None
        assert {"organisation": None, "individual": None} == dict(last.position)


class TestLookupsOfAComparisonInWords:
    """A comparison's lookups given something of the wrong type say which argument and what it
    takes."""

    @pytest.mark.parametrize(
        ("lookup", "expected"),
        [
            (
                lambda c: c.principle("curiosity").change(1),
                "perspective must be a perspective (str), not int: 1",
            ),
            (
                lambda c: c.placement_direction(None),
                "key must be a perspective or 'overall', not NoneType: None",
            ),
        ],
        ids=["change", "placement_direction"],
    )
    def test_wrong_type(self, lookup: Any, expected: str) -> None:
        """The TypeError names the argument, what it must be and what was given."""
        comparison = compare(group(everywhere(2)), group(everywhere(4)))
        with pytest.raises(TypeError) as caught:
            lookup(comparison)
        assert expected == str(caught.value)

    def test_a_principle_missing_from_a_comparison_built_by_hand(self) -> None:
        """A comparison built by hand without a principle gives a KeyError naming it."""
        whole = compare(group(everywhere(2)), group(everywhere(4)))
        partial = attrs.evolve(whole, principles=whole.principles[1:])
        missing = whole.principles[0].id
        with pytest.raises(KeyError) as caught:
            partial.principle(missing)
        assert (missing,) == caught.value.args
