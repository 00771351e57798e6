"""Tests for scoring: the formulas and laws of DESIGN.md §7."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from typing import Any

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from innovationsresan.catalog import Catalog, PackContent
from innovationsresan.errors import InputError, UnknownIdError
from innovationsresan.ladder import PRINCIPLE_IDS
from innovationsresan.model import Level, LocalizedText, PackInfo, Perspective, Placement, Statement
from innovationsresan.responses import NA, Response
from innovationsresan.scoring import (
    EDGE,
    Bands,
    GroupResult,
    PlacementReason,
    Stats,
    consensus,
    explain_placement,
    normalise,
    overall_placement,
    score,
    score_person,
)
from innovationsresan.scoring import _stats_of_counts as stats_of_counts
from tests.strategies import response_groups, responses

EPS = 1e-12
PERSPECTIVES = ("organisation", "individual")


def pack(pack_id: str, statements: Iterable[tuple[str, Level, str, str]]) -> PackContent:
    """A pack holding statements given as (id, level, perspective, principle)."""
    return PackContent(
        info=PackInfo(id=pack_id, name=LocalizedText.of(pack_id), version="1.0"),
        statements=tuple(
            Statement(
                id=sid,
                pack=pack_id,
                level=level,
                perspective=Perspective(q),
                principle=p,
                text=LocalizedText.of("påstående", "statement"),
            )
            for sid, level, q, p in statements
        ),
    )


#: One statement per principle, perspective and level in pack ``t``; ``shared`` in two packs.
CATALOG = Catalog.build(
    [
        pack(
            "t",
            [
                (f"{level.value}-{q}-{p}", level, q, p)
                for p in PRINCIPLE_IDS
                for q in PERSPECTIVES
                for level in Level
            ]
            + [("shared", Level.INNOVATIVE, "organisation", "curiosity")],
        ),
        pack("u", [("shared", Level.LIMITED, "individual", "ownership")]),
    ]
)
STATEMENT_IDS = tuple(
    f"t:{level.value}-{q}-{p}" for p in PRINCIPLE_IDS for q in PERSPECTIVES for level in Level
)
LEVEL_OF = {sid: Level.LIMITED if "limited" in sid else Level.INNOVATIVE for sid in STATEMENT_IDS}

groups = response_groups(STATEMENT_IDS, max_size=6)
nonempty_groups = response_groups(STATEMENT_IDS, min_size=1, max_size=6)


def close(a: float | None, b: float | None) -> bool:
    """Both undefined, or both defined and within 1e-12."""
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= EPS


def all_stats(result: GroupResult) -> Iterator[tuple[str, str, Stats]]:
    for principle in result.principles:
        for q in PERSPECTIVES:
            yield principle.id, q, principle.stats(q)


def person_scores(response: Response) -> Iterator[float | None]:
    person = score_person(response, CATALOG)
    for q in PERSPECTIVES:
        yield from person.scores[q].values()
        yield from person.desired[q].values()


def rescaled(response: Response, factor: int) -> Response:
    """The same normalised answers on a scale *factor* times as fine."""

    def move(r: object) -> object:
        return r if r == NA else factor * (int(r) - 1) + 1  # type: ignore[call-overload]

    return Response(
        scale=factor * (response.scale - 1) + 1,
        current=[(q, p, move(r)) for q, p, r in response.current],
        desired=[(q, p, move(r)) for q, p, r in response.desired],
        statements=[(s, move(r)) for s, r in response.statements],
    )


def mirrored(response: Response) -> Response:
    """Every rating r turned into K + 1 - r."""
    k = response.scale

    def flip(r: object) -> object:
        return r if r == NA else k + 1 - int(r)  # type: ignore[call-overload]

    return Response(
        scale=k,
        current=[(q, p, flip(r)) for q, p, r in response.current],
        desired=[(q, p, flip(r)) for q, p, r in response.desired],
        statements=[(s, flip(r)) for s, r in response.statements],
    )


class TestNormalise:
    def test_ends_and_middle(self) -> None:
        """1 maps to 0, K to 1, the middle of an odd scale to 0.5."""
        assert (0.0, 1.0, 0.5) == (normalise(1, 5), normalise(5, 5), normalise(3, 5))

    def test_two_point_scale(self) -> None:
        """On a 2-point scale the ratings are 0 and 1."""
        assert (0.0, 1.0) == (normalise(1, 2), normalise(2, 2))


class TestBands:
    def test_defaults(self) -> None:
        """The default limits are 0.4 and 0.6."""
        assert (0.4, 0.6) == (Bands().lo, Bands().hi)

    @pytest.mark.parametrize(
        ("x", "expected"),
        [
            (0.0, Placement.LIMITED),
            (0.4 - 2e-12, Placement.LIMITED),
            (0.4 - 0.5e-12, Placement.BOTH),
            (0.4, Placement.BOTH),
            (0.5, Placement.BOTH),
            (0.6, Placement.BOTH),
            (0.6 + 0.5e-12, Placement.BOTH),
            (0.6 + 2e-12, Placement.INNOVATIVE),
            (1.0, Placement.INNOVATIVE),
            (None, None),
        ],
    )
    def test_place(self, x: float | None, expected: Placement | None) -> None:
        """Below lo − 1e-12 is limited, above hi + 1e-12 innovative, else both."""
        assert expected == Bands().place(x)

    @pytest.mark.parametrize(
        ("lo", "hi"), [(0.6, 0.4), (0.5, 0.5), (-0.1, 0.5), (0.5, 1.1), (math.nan, 0.6)]
    )
    def test_invalid(self, lo: float, hi: float) -> None:
        """lo < hi within [0, 1] is required; anything else is an InputError (a ValueError)."""
        with pytest.raises(ValueError, match="lo < hi") as caught:
            Bands(lo, hi)
        assert isinstance(caught.value, InputError)
        assert ["invalid-bands"] == [p.code for p in caught.value.problems]

    @given(
        st.floats(0, 1),
        st.floats(0, 1),
        st.floats(0, 0.5),
        st.floats(0.5, 1).filter(lambda h: h > 0.5),
    )
    def test_law_8_band_is_monotone(self, x: float, y: float, lo: float, hi: float) -> None:
        """Law 8: the band never goes down as the position goes up."""
        bands = Bands(lo, hi)
        low, high = sorted((x, y))
        assert bands.place(low).rank <= bands.place(high).rank  # type: ignore[union-attr]


class TestOverallPlacement:
    @pytest.mark.parametrize(
        ("org", "ind", "expected"),
        [
            (Placement.LIMITED, Placement.LIMITED, Placement.LIMITED),
            (Placement.INNOVATIVE, Placement.INNOVATIVE, Placement.INNOVATIVE),
            (Placement.LIMITED, Placement.INNOVATIVE, Placement.BOTH),
            (Placement.BOTH, Placement.INNOVATIVE, Placement.BOTH),
            (None, Placement.INNOVATIVE, Placement.INNOVATIVE),
            (Placement.LIMITED, None, Placement.LIMITED),
            (None, None, None),
        ],
    )
    def test_rule(
        self, org: Placement | None, ind: Placement | None, expected: Placement | None
    ) -> None:
        """Agreeing perspectives give their band, differing ones both, one alone its own."""
        assert expected == overall_placement(org, ind)


class TestConsensus:
    def test_published_value(self) -> None:
        """The frequency vector (30, 40, 210, 130, 530, 50, 10) on categories 1..7 has consensus
        0.7256876, the value the documentation of the R package agrmt gives for
        ``consensus(c(30,40,210,130,530,50,10))`` (agrmt reference manual, function
        ``consensus``). The frequency form 1 + Σ p_i log2(1 − |X_i − μ|/d) with d = 6 gives the
        same, and so does this library's form on the ratings normalised to [0, 1] with d = 1."""
        frequencies = (30, 40, 210, 130, 530, 50, 10)
        total = sum(frequencies)
        mu = sum((i + 1) * f for i, f in enumerate(frequencies)) / total
        by_frequency = 1 + sum(
            f / total * math.log2(1 - abs((i + 1) - mu) / 6) for i, f in enumerate(frequencies)
        )
        values = [normalise(i + 1, 7) for i, f in enumerate(frequencies) for _ in range(f)]
        assert 0.7256876 == pytest.approx(by_frequency, abs=5e-8)
        assert by_frequency == pytest.approx(consensus(values), abs=EPS)

    def test_by_hand(self) -> None:
        """Scores 0.25 and 0.75: μ = 0.5, each distance 0.25, so 1 + log2(0.75) ≈ 0.5850."""
        assert 1 + math.log2(0.75) == pytest.approx(consensus([0.25, 0.75]), abs=EPS)

    def test_one_value(self) -> None:
        """One respondent agrees with themself: consensus 1."""
        assert 1.0 == consensus([0.3])

    def test_no_values(self) -> None:
        """Consensus of nobody is undefined."""
        assert consensus([]) is None

    @given(
        st.lists(st.integers(1, 11), min_size=1, max_size=20)
        | st.tuples(st.integers(1, 11), st.integers(1, 20)).map(lambda t: [t[0]] * t[1])
    )
    def test_law_7_equal_scores(self, ratings: list[int]) -> None:
        """Law 7: consensus is 1 exactly when all scores are equal."""
        values = [normalise(r, 11) for r in ratings]
        if len(set(values)) == 1:
            assert 1.0 == consensus(values)
        else:
            assert consensus(values) < 1.0 - EPS  # type: ignore[operator]

    @given(st.integers(1, 50))
    def test_law_7_even_split(self, half: int) -> None:
        """Law 7: an even split between 0 and 1 has consensus 0."""
        assert 0.0 == consensus([0.0] * half + [1.0] * half)


class TestByHand:
    def test_worked_example(self) -> None:
        """Two respondents on a 5-point scale, worked out by hand.

        A: current organisation curiosity 4 → 0.75; agrees 5 with the innovative statement
        → 1.0, and 4 with the limited one → 1 − 0.75 = 0.25; s_A = (0.75 + 1 + 0.25)/3 = 2/3.
        A desires 5 → 1.0. B: current 2 → 0.25, no statements, so s_B = 0.25.
        Group: mean = (2/3 + 1/4)/2 = 11/24, median the same (two values), min 0.25, max 2/3,
        sd = (2/3 − 1/4)/2 = 5/24, consensus = 1 + log2(1 − 5/24) = 1 + log2(19/24),
        desired 1.0, gap = 1 − 11/24 = 13/24, priority = 13/24 (the only defined gap).
        """
        a = Response(
            scale=5,
            current={"organisation": {"curiosity": 4}},
            desired={"organisation": {"curiosity": 5}},
            statements={
                "t:innovative-organisation-curiosity": 5,
                "t:limited-organisation-curiosity": 4,
            },
        )
        b = Response(scale=5, current={"organisation": {"curiosity": 2}})
        result = score([a, b], CATALOG)
        curiosity = result.principle("curiosity")
        expected = Stats(
            n=2,
            mean=11 / 24,
            median=11 / 24,
            min=0.25,
            max=2 / 3,
            sd=5 / 24,
            consensus=1 + math.log2(19 / 24),
            desired=1.0,
            gap=13 / 24,
        )
        for field in attrs.fields(Stats):
            assert getattr(expected, field.name) == pytest.approx(
                getattr(curiosity.organisation, field.name), abs=EPS
            ), field.name
        assert 13 / 24 == pytest.approx(curiosity.priority, abs=EPS)
        assert 2 / 3 == pytest.approx(score_person(a, CATALOG).score("curiosity", "organisation"))

    def test_median_of_odd_count(self) -> None:
        """Three scores 0, 0.25, 1: the median is the middle one, 0.25; the mean 1.25/3."""
        group = [Response(current={"individual": {"ownership": r}}) for r in (1, 2, 5)]
        stats = score(group, CATALOG).principle("ownership").individual
        assert (0.25, 1.25 / 3, 0.0, 1.0) == (stats.median, stats.mean, stats.min, stats.max)

    def test_population_sd(self) -> None:
        """Scores 0 and 1: population sd is 0.5 (not the sample sd, 0.707)."""
        group = [Response(scale=2, current={"individual": {"ownership": r}}) for r in (1, 2)]
        assert 0.5 == score(group, CATALOG).principle("ownership").individual.sd

    def test_priority_without_any_desired_rating(self) -> None:
        """No desired rating at all: priority = 1 − mean of the perspective means.

        Organisation mean 0.25, individual 0.75 → 1 − 0.5 = 0.5. A principle nobody rated
        has no priority.
        """
        group = [
            Response(current={"organisation": {"curiosity": 2}, "individual": {"curiosity": 4}})
        ]
        result = score(group, CATALOG)
        assert 0.5 == result.principle("curiosity").priority
        assert result.principle("ownership").priority is None
        assert result.principle("curiosity") is result.principle("Nyfikenhet")
        person = score_person(group[0], CATALOG)
        assert 0.25 == person.score("Nyfikenhet", "organisation")
        assert 0.0 == result.priorities()["ownership"]

    def test_priority_undefined_when_others_have_desired(self) -> None:
        """Desired ratings exist, but none for this principle: its priority is undefined."""
        group = [
            Response(
                current={"organisation": {"curiosity": 2, "ownership": 1}},
                desired={"organisation": {"ownership": 3}},
            )
        ]
        result = score(group, CATALOG)
        assert result.principle("curiosity").priority is None
        assert 0.5 == result.principle("ownership").priority

    def test_priority_never_negative(self) -> None:
        """A group past where it wants to be has priority 0, not a negative one."""
        group = [
            Response(
                current={"organisation": {"curiosity": 5}},
                desired={"organisation": {"curiosity": 3}},
            )
        ]
        result = score(group, CATALOG)
        assert -0.5 == result.principle("curiosity").organisation.gap
        assert 0.0 == result.principle("curiosity").priority

    def test_priority_means_both_gaps(self) -> None:
        """Gaps 0.5 (organisation) and 0.25 (individual): priority (0.5 + 0.25)/2 = 0.375."""
        group = [
            Response(
                current={"organisation": {"curiosity": 1}, "individual": {"curiosity": 2}},
                desired={"organisation": {"curiosity": 3}, "individual": {"curiosity": 3}},
            )
        ]
        assert 0.375 == score(group, CATALOG).principle("curiosity").priority

    def test_position_and_placement(self) -> None:
        """Position = mean of defined group means: organisation (0 + 0.5)/2 = 0.25 → limited,
        individual 1.0 → innovative, overall both."""
        group = [
            Response(
                current={
                    "organisation": {"curiosity": 1, "ownership": 3},
                    "individual": {"curiosity": 5},
                }
            )
        ]
        result = score(group, CATALOG)
        assert {"organisation": 0.25, "individual": 1.0} == dict(result.position)
        expected = {
            "organisation": Placement.LIMITED,
            "individual": Placement.INNOVATIVE,
            "overall": Placement.BOTH,
        }
        assert expected == dict(result.placement)

    def test_scales_may_differ(self) -> None:
        """A 3 on a 5-point scale and a 2 on a 3-point scale are both 0.5."""
        group = [
            Response(scale=5, current={"organisation": {"curiosity": 3}}),
            Response(scale=3, current={"organisation": {"curiosity": 2}}),
        ]
        stats = score(group, CATALOG).principle("curiosity").organisation
        assert (0.5, 0.0, 1.0) == (stats.mean, stats.sd, stats.consensus)

    def test_no_respondents(self) -> None:
        """An empty group has every figure undefined, and no placement."""
        result = score([], CATALOG)
        assert 0 == result.respondents
        assert (
            Stats(0, None, None, None, None, None, None, None, None)
            == result.principles[0].organisation
        )
        assert {"organisation": None, "individual": None, "overall": None} == dict(result.placement)

    def test_packs_are_listed(self) -> None:
        """The result names the packs and versions the statements came from."""
        assert (("t", "1.0"), ("u", "1.0")) == score([], CATALOG).packs

    def test_bands_are_used(self) -> None:
        """Other band limits move the placement."""
        group = [Response(current={"organisation": {"curiosity": 2}})]
        assert Placement.LIMITED == score(group, CATALOG).placement["organisation"]
        assert (
            Placement.BOTH == score(group, CATALOG, bands=Bands(0.2, 0.8)).placement["organisation"]
        )

    def test_principles_in_ladder_order(self) -> None:
        """The result lists the nine principles in ladder order."""
        assert PRINCIPLE_IDS == tuple(p.id for p in score([], CATALOG).principles)

    def test_unknown_principle_lookup(self) -> None:
        """principle() of an id that is not a principle is a KeyError."""
        with pytest.raises(KeyError):
            score([], CATALOG).principle("speed")


class TestStatsOf:
    def test_figures(self) -> None:
        """Stats.of works on plain numbers: 0, 0.5, 1 → mean 0.5, sd √(1/6), desired 0.75."""
        stats = Stats.of([1.0, 0.0, 0.5], [0.5, 1.0])
        assert (3, 0.5, 0.5, 0.0, 1.0) == (stats.n, stats.mean, stats.median, stats.min, stats.max)
        assert math.sqrt(1 / 6) == pytest.approx(stats.sd, abs=EPS)
        assert (0.75, 0.25) == (stats.desired, stats.gap)

    def test_person_result(self) -> None:
        """score_person lists every principle, undefined ones as None, with position and
        placement: organisation (1 + 0.5)/2 = 0.75 → innovative; individual undefined."""
        person = score_person(
            Response(respondent="r1", current={"organisation": {"curiosity": 5, "ownership": 3}}),
            CATALOG,
        )
        assert "r1" == person.respondent
        assert 1.0 == person.score("curiosity", "organisation")
        assert person.score("curiosity", "individual") is None
        assert PRINCIPLE_IDS == tuple(person.scores["individual"])
        assert {"organisation": 0.75, "individual": None} == dict(person.position)
        assert Placement.INNOVATIVE == person.placement["overall"]


def counted(values: Iterable[float]) -> dict[float, int]:
    counts: dict[float, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return counts


# Scores as they occur: normalised ratings of every scale, and means of a few of them, plus any
# number in [0, 1] (the equality must not depend on the values being "nice").
_RATING_SCORES = st.builds(lambda k, r: (r % k) / (k - 1), st.integers(2, 11), st.integers(0, 10))
_ITEM_MEANS = st.lists(_RATING_SCORES, min_size=1, max_size=4).map(
    lambda items: math.fsum(items) / len(items)
)
_SCORES = st.one_of(_RATING_SCORES, _ITEM_MEANS, st.floats(0.0, 1.0))


class TestCountedScores:
    """A group is kept as counts of distinct scores; its figures equal those of the plain list."""

    @given(st.lists(_SCORES, max_size=60), st.lists(_SCORES, max_size=20))
    def test_equal_to_the_list_of_scores(self, scores: list[float], desired: list[float]) -> None:
        """Every figure from the counts equals Stats.of on the list, bit for bit."""
        assert Stats.of(scores, desired) == stats_of_counts(counted(scores), counted(desired))

    @given(response_groups())
    def test_a_stream_scores_like_a_list(self, group: list[Response]) -> None:
        """score consumes a one-pass iterator and finds what it finds for the list."""
        assert score(group, CATALOG) == score(iter(group), CATALOG)


class TestMarks:
    def test_low_consensus_needs_two_scores_far_apart(self) -> None:
        """Consensus below 0.6 is low; one score, or scores close together, are not."""
        assert Stats.of([0.0, 1.0]).low_consensus
        assert not Stats.of([0.5, 0.75]).low_consensus
        assert not Stats.of([0.0]).low_consensus
        assert not Stats.of([]).low_consensus

    def test_few_respondents(self) -> None:
        """Two respondents are few (answers can be read out); three are not."""
        two = [
            Response(respondent=f"r{i}", current={"organisation": {"curiosity": 3}})
            for i in range(2)
        ]
        three = [*two, Response(respondent="r3", current={"organisation": {"curiosity": 4}})]
        assert score(two, CATALOG).few_respondents
        assert not score(three, CATALOG).few_respondents


class TestStatementIds:
    def test_unqualified_id_resolves(self) -> None:
        """An unqualified id that one pack has counts like its qualified form."""
        bare = Response(statements={"innovative-organisation-curiosity": 5})
        qualified = Response(statements={"t:innovative-organisation-curiosity": 5})
        assert score([bare], CATALOG) == score([qualified], CATALOG)

    def test_unknown_and_ambiguous_ids(self) -> None:
        """Unknown and ambiguous ids are an InputError naming the file and the id, never skipped."""
        group = [
            Response(statements={"t:nope": 3}, source="team/r01.toml"),
            Response(
                statements={"shared": 3, "t:limited-individual-ownership": 2},
                source="team.csv",
                index=4,
            ),
            Response(statements={"ghost": 1}),
        ]
        with pytest.raises(InputError) as caught:
            score(group, CATALOG)
        expected = [
            ("unknown-statement", "team/r01.toml:statements.t:nope"),
            ("ambiguous-id", "team.csv:[4].statements.shared"),
            ("unknown-statement", "[2].statements.ghost"),
        ]
        assert expected == [(p.code, p.location) for p in caught.value.problems]
        assert "t:shared, u:shared" in caught.value.problems[1].message.get("en")

    def test_same_statement_twice(self) -> None:
        """One respondent answering a statement under two spellings is a problem."""
        group = [
            Response(
                statements={
                    "t:shared": 3,
                    "u:shared": 3,
                    "t:limited-organisation-curiosity": 2,
                    "limited-organisation-curiosity": 2,
                }
            )
        ]
        with pytest.raises(InputError) as caught:
            score(group, CATALOG)
        assert [("duplicate-statement", "[0].statements.t:limited-organisation-curiosity")] == [
            (p.code, p.location) for p in caught.value.problems
        ]

    def test_score_person_checks_ids(self) -> None:
        """score_person also refuses an unknown statement."""
        with pytest.raises(InputError):
            score_person(Response(statements={"t:nope": 3}), CATALOG)


class TestLaws:
    @given(groups)
    def test_law_1_ranges(self, group: list[Response]) -> None:
        """Law 1: scores, means, medians, positions and consensus lie in [0, 1], sd in [0, 0.5]."""
        result = score(group, CATALOG)
        for _, _, s in all_stats(result):
            for value in (s.mean, s.median, s.min, s.max, s.consensus, s.desired):
                assert value is None or -EPS <= value <= 1 + EPS
            assert s.sd is None or -EPS <= s.sd <= 0.5 + EPS
            assert (s.n == 0) == (s.mean is None)
        for value in result.position.values():
            assert value is None or -EPS <= value <= 1 + EPS
        for response in group:
            for value in person_scores(response):
                assert value is None or -EPS <= value <= 1 + EPS

    @given(nonempty_groups, st.data())
    def test_law_2_monotone(self, group: list[Response], data: st.DataObject) -> None:
        """Law 2: raising a current rating or agreement with an innovative statement, or lowering
        agreement with a limited one, never lowers a score nor moves a placement down."""
        i = data.draw(st.integers(0, len(group) - 1))
        response = group[i]
        moves = [
            ("current", (q, p), r + 1)
            for q, p, r in response.current
            if isinstance(r, int) and r < response.scale
        ]
        for sid, r in response.statements:
            if isinstance(r, int):
                if LEVEL_OF[sid] is Level.INNOVATIVE and r < response.scale:
                    moves.append(("statements", sid, r + 1))
                elif LEVEL_OF[sid] is Level.LIMITED and r > 1:
                    moves.append(("statements", sid, r - 1))
        assume(moves)
        kind, key, new = data.draw(st.sampled_from(moves))
        if kind == "current":
            changed = attrs.evolve(
                response,
                current=[(q, p, new if (q, p) == key else r) for q, p, r in response.current],
            )
        else:
            changed = attrs.evolve(
                response, statements=[(s, new if s == key else r) for s, r in response.statements]
            )
        before_person = score_person(response, CATALOG)
        after_person = score_person(changed, CATALOG)
        for q in PERSPECTIVES:
            for p in PRINCIPLE_IDS:
                b, a = before_person.scores[q][p], after_person.scores[q][p]
                assert (b is None) == (a is None)
                assert b is None or a >= b  # type: ignore[operator]
        for key2, placement in before_person.placement.items():
            assert placement is None or after_person.placement[key2].rank >= placement.rank  # type: ignore[union-attr]
        before = score(group, CATALOG)
        after = score([*group[:i], changed, *group[i + 1 :]], CATALOG)
        for (_, _, b), (_, _, a) in zip(all_stats(before), all_stats(after), strict=True):
            for field in ("mean", "median", "min", "max"):
                x, y = getattr(b, field), getattr(a, field)
                assert x is None or y >= x, field
        for q in PERSPECTIVES:
            x, y = before.position[q], after.position[q]
            assert x is None or y >= x  # type: ignore[operator]
        for key2, placement in before.placement.items():
            assert placement is None or after.placement[key2].rank >= placement.rank  # type: ignore[union-attr]

    @given(
        responses(STATEMENT_IDS, scale=2)
        | responses(STATEMENT_IDS, scale=3)
        | responses(STATEMENT_IDS, scale=4)
        | responses(STATEMENT_IDS, scale=6),
        st.integers(1, 10),
    )
    def test_law_3_scale_free(self, response: Response, factor: int) -> None:
        """Law 3: the same normalised answers on another scale give the same scores."""
        assume(factor * (response.scale - 1) + 1 <= 11)
        other = rescaled(response, factor)
        for a, b in zip(person_scores(response), person_scores(other), strict=True):
            assert close(a, b)
        assert score([response], CATALOG) == score([other], CATALOG)

    @given(groups, st.randoms(use_true_random=False))
    def test_law_4_order(self, group: list[Response], random: object) -> None:
        """Law 4: the order of respondents and of items changes nothing."""
        shuffled = list(group)
        random.shuffle(shuffled)  # type: ignore[attr-defined]
        reordered = [
            Response(
                scale=r.scale,
                current=list(reversed(r.current)),
                desired=list(reversed(r.desired)),
                statements=list(reversed(r.statements)),
            )
            for r in shuffled
        ]
        assert score(group, CATALOG) == score(reordered, CATALOG)

    @given(groups, st.data())
    def test_law_5_unanswered_changes_nothing(
        self, group: list[Response], data: st.DataObject
    ) -> None:
        """Law 5: adding n/a items changes nothing, and undefined stays undefined."""
        padded = []
        for response in group:
            answered = {(q, p) for q, p, _ in response.current}
            extra = data.draw(
                st.lists(
                    st.tuples(st.sampled_from(PERSPECTIVES), st.sampled_from(PRINCIPLE_IDS)),
                    max_size=4,
                    unique=True,
                ).map(lambda cells, answered=answered: [c for c in cells if c not in answered])
            )
            given_ids = {s for s, _ in response.statements}
            more = [
                s
                for s in data.draw(
                    st.lists(st.sampled_from(STATEMENT_IDS), max_size=3, unique=True)
                )
                if s not in given_ids
            ]
            padded.append(
                attrs.evolve(
                    response,
                    current=[*response.current, *((q, p, NA) for q, p in extra)],
                    statements=[*response.statements, *((s, NA) for s in more)],
                )
            )
        assert score(group, CATALOG) == score(padded, CATALOG)
        for before, after in zip(group, padded, strict=True):
            assert list(person_scores(before)) == list(person_scores(after))

    @given(groups)
    def test_law_6_duplicates(self, group: list[Response]) -> None:
        """Law 6: duplicating every respondent changes no mean, median, sd or consensus."""
        once = score(group, CATALOG)
        twice = score(group + group, CATALOG)
        for (_, _, a), (_, _, b) in zip(all_stats(once), all_stats(twice), strict=True):
            assert 2 * a.n == b.n
            for field in ("mean", "median", "sd", "consensus", "min", "max", "desired", "gap"):
                assert close(getattr(a, field), getattr(b, field)), field
        for q in PERSPECTIVES:
            assert close(once.position[q], twice.position[q])

    @given(groups)
    def test_law_7_consensus_of_groups(self, group: list[Response]) -> None:
        """Law 7 in a group: consensus is 1 exactly when every defined score is equal (both
        within 1e-12: a score reached by different sums may differ in its last bit)."""
        result = score(group, CATALOG)
        for _, _, s in all_stats(result):
            if s.n:
                all_equal = s.max - s.min <= EPS  # type: ignore[operator]
                assert all_equal == (s.consensus >= 1.0 - EPS)  # type: ignore[operator]

    @given(groups)
    def test_law_9_mirror(self, group: list[Response]) -> None:
        """Law 9: mirroring every rating maps every score s to 1 − s."""
        flipped = [mirrored(r) for r in group]
        for response, mirror in zip(group, flipped, strict=True):
            for a, b in zip(person_scores(response), person_scores(mirror), strict=True):
                assert close(a, None if b is None else 1 - b)
        before, after = score(group, CATALOG), score(flipped, CATALOG)
        for (_, _, a), (_, _, b) in zip(all_stats(before), all_stats(after), strict=True):
            for field, other in (
                ("mean", "mean"),
                ("median", "median"),
                ("min", "max"),
                ("desired", "desired"),
            ):
                x, y = getattr(a, field), getattr(b, other)
                assert close(x, None if y is None else 1 - y), field
            assert close(a.sd, b.sd)
            assert close(a.consensus, b.consensus)
        for q in PERSPECTIVES:
            y = after.position[q]
            assert close(before.position[q], None if y is None else 1 - y)


# -- how a placement was reached ---------------------------------------------------------------


def ladder_response(
    organisation: dict[str, int], individual: dict[str, int], scale: int = 5
) -> Response:
    """A response rating only the ladder (current), on *scale*."""
    return Response(
        respondent=None,
        date=None,
        scale=scale,
        current={"organisation": organisation, "individual": individual},
        desired={},
        statements={},
    )


def everywhere(rating: int) -> dict[str, int]:
    return dict.fromkeys(PRINCIPLE_IDS, rating)


class TestExplanation:
    def test_principles_on_different_levels_are_named(self) -> None:
        """Both perspectives split over the levels: "both" names each level's principles."""
        ratings = everywhere(3) | {"curiosity": 5, "experimenting": 5, "collaboration": 1}
        ratings = {pid: ratings[pid] for pid in PRINCIPLE_IDS}
        spread = {pid: 5 if i % 2 else 1 for i, pid in enumerate(PRINCIPLE_IDS)}
        result = score([ladder_response(ratings, spread)], CATALOG)
        explanation = result.explanation
        assert ("curiosity", "experimenting") == explanation.at("organisation", "innovative")
        assert ("collaboration",) == explanation.at("organisation", Placement.LIMITED)
        assert (PlacementReason.PRINCIPLES_DIFFER, PlacementReason.MIDDLE_BAND) == (
            explanation.reasons["organisation"]
        )
        assert (PlacementReason.PRINCIPLES_DIFFER,) == explanation.reasons["individual"]
        text = explanation.describe("organisation").get("sv")
        assert text.startswith(
            "Organisationen har drag av båda nivåerna: Nyfikenhet och Testa på den innovativa "
            "nivån, Samverkan på den begränsade;"
        )
        assert text.endswith(
            "; Osäkerhetstolerans, Eget ansvar, Problemförståelse, Vilja att lära nytt, "
            "Acceptera och lära av misslyckanden och Lyssna in flera perspektiv ligger i "
            "mellanbandet."
        )

    def test_other_bands_explain_their_own_placements(self) -> None:
        """Explained with other bands than the result was placed with, the placements are
        those the other bands give, and the words agree with them (no "in the middle band"
        beside principles that are all innovative)."""
        result = score([ladder_response(everywhere(3), everywhere(3))], CATALOG)
        assert Placement.BOTH == result.placement["overall"]
        explanation = explain_placement(result, Bands(0.2, 0.45))
        assert dict.fromkeys(("organisation", "individual", "overall"), Placement.INNOVATIVE) == (
            dict(explanation.placement)
        )
        assert PRINCIPLE_IDS == explanation.at("organisation", "innovative")
        assert {"organisation": (), "individual": (), "overall": ()} == dict(explanation.reasons)
        assert (
            explanation.describe("organisation")
            .get("en")
            .startswith("The organisation stands at the innovative level")
        )
        person = score_person(ladder_response(everywhere(3), everywhere(3)), CATALOG)
        assert Placement.INNOVATIVE == person.explanation(Bands(0.2, 0.45)).placement["overall"]
        assert person.placement == person.explanation().placement

    def test_perspectives_on_different_levels(self) -> None:
        """Organisation limited and individual innovative: "both" because they differ."""
        result = score([ladder_response(everywhere(1), everywhere(5))], CATALOG)
        explanation = explain_placement(result)
        assert {"organisation": (), "individual": (), "overall": ("perspectives-differ",)} == {
            key: tuple(r.value for r in found) for key, found in explanation.reasons.items()
        }
        assert (
            "The organisation and the individual stand on different levels: the organisation at "
            "the limited level, the individual at the innovative level."
        ) == explanation.describe().get("en")

    def test_answers_in_the_middle_band(self) -> None:
        """Every answer in the middle: "both" because of the middle band, not traits of both."""
        result = score([ladder_response(everywhere(3), everywhere(3))], CATALOG)
        explanation = result.explanation
        assert (PlacementReason.MIDDLE_BAND,) == explanation.reasons["overall"]
        assert PRINCIPLE_IDS == explanation.at("individual", "both")
        assert (
            explanation.describe("individual")
            .get("sv")
            .startswith("Individen står mitt emellan nivåerna: svaren ligger i mellanbandet")
        )
        assert (
            "Drag av båda nivåerna på en gång: svar ligger i mellanbandet mellan nivåerna."
            == explanation.describe(brief=True).get("sv")
        )

    def test_one_level_with_exceptions(self) -> None:
        """A perspective on one level still names the principles on the other one."""
        ratings = everywhere(1) | {"curiosity": 5}
        result = score([ladder_response(ratings, everywhere(1))], CATALOG)
        explanation = result.explanation
        assert Placement.LIMITED == explanation.placement["overall"]
        assert {"organisation": (), "individual": (), "overall": ()} == dict(explanation.reasons)
        assert (
            "The organisation stands at the limited level, but Curiosity lies at the innovative "
            "level." == explanation.describe("organisation").get("en")
        )
        assert (
            "Både organisationen och individen står på den begränsade nivån."
            == explanation.describe().get("sv")
        )

    def test_no_answers(self) -> None:
        """Without answers no principle is placed and the words say so."""
        explanation = score([], CATALOG).explanation
        assert all(ids == () for table in explanation.principles.values() for ids in table.values())
        assert "There are no answers to go on." == explanation.describe().get("en")
        assert "Det finns inga svar att räkna på." == explanation.describe().get("sv")
        assert "Individen: inga svar att räkna på." == explanation.describe("individual").get("sv")

    def test_one_person(self) -> None:
        """A person's result is explained by the person's own scores and the bands given."""
        response = ladder_response(everywhere(2), everywhere(4))
        person = score_person(response, CATALOG)
        assert PRINCIPLE_IDS == person.explanation().at("organisation", "limited")
        wide = person.explanation(Bands(0.2, 0.8))
        assert PRINCIPLE_IDS == wide.at("organisation", "both")

    def test_unknown_perspective(self) -> None:
        """Describing something that is neither a perspective nor overall is an InputError (a
        ValueError) naming the argument and its choices."""
        with pytest.raises(InputError, match="key must be one of overall, organisation, indiv"):
            score([], CATALOG).explanation.describe("team")

    @given(groups, st.sampled_from([(0.4, 0.6), (0.3, 0.7), (0.5, 0.5 + 1e-9)]))
    def test_laws(self, group: list[Response], limits: tuple[float, float]) -> None:
        """Each principle with a score is on exactly one band per perspective, none without;
        a placement has reasons exactly when it is both, and they are the true ones."""
        result = score(group, CATALOG, bands=Bands(*limits))
        explanation = result.explanation
        for q in PERSPECTIVES:
            table = explanation.principles[q]
            placed = [pid for ids in table.values() for pid in ids]
            scored = [pr.id for pr in result.principles if pr.stats(q).mean is not None]
            assert sorted(scored) == sorted(placed)
            for placement, ids in table.items():
                for pid in ids:
                    assert placement == result.bands.place(result.principle(pid).stats(q).mean)
            both = result.placement[q] is Placement.BOTH
            reasons = explanation.reasons[q]
            assert both == bool(reasons)
            split = bool(table[Placement.LIMITED]) and bool(table[Placement.INNOVATIVE])
            assert (both and split) == (PlacementReason.PRINCIPLES_DIFFER in reasons)
        org, ind = result.placement["organisation"], result.placement["individual"]
        overall = explanation.reasons["overall"]
        assert (result.placement["overall"] is Placement.BOTH) == bool(overall)
        differ = org is not None and ind is not None and org != ind
        assert differ == (PlacementReason.PERSPECTIVES_DIFFER in overall)
        for key in (*PERSPECTIVES, "overall"):
            for lang in ("sv", "en"):
                assert explanation.describe(key).get(lang)
                assert explanation.describe(key, brief=True).get(lang)


def _ratings(**by_principle: int) -> dict[str, int]:
    """Ratings keyed by principle id, written with underscores for hyphens."""
    return {pid.replace("_", "-"): rating for pid, rating in by_principle.items()}


class TestExplanationInWords:
    """The sentences a team reads under its placement, in Swedish and English, for every way a
    placement comes about (docs/concepts.md)."""

    @pytest.mark.parametrize(
        ("organisation", "individual", "sv", "en"),
        [
            pytest.param(
                everywhere(1) | {"curiosity": 5, "experimenting": 5},
                {},
                "Organisationen står på den begränsade nivån, men Nyfikenhet och Testa ligger på "
                "den innovativa nivån. Individen: inga svar att räkna på.",
                "The organisation stands at the limited level, but Curiosity and Trying things "
                "out lie at the innovative level. The individual: no answers to go on.",
                id="organisation-only",
            ),
            pytest.param(
                {},
                everywhere(5) | {"collaboration": 1},
                "Individen står på den innovativa nivån, men Samverkan ligger på den begränsade "
                "nivån. Organisationen: inga svar att räkna på.",
                "The individual stands at the innovative level, but Collaboration lies at the "
                "limited level. The organisation: no answers to go on.",
                id="individual-only",
            ),
            pytest.param(
                everywhere(3),
                {},
                "Organisationen står mitt emellan nivåerna: svaren ligger i mellanbandet (alla "
                "principerna).",
                "The organisation stands between the levels: the answers lie in the middle band "
                "(every principle).",
                id="middle-band-everywhere",
            ),
            pytest.param(
                _ratings(ownership=3, willingness_to_learn=3, curiosity=3)
                | _ratings(collaboration=4, experimenting=4),
                {},
                "Organisationen står mitt emellan nivåerna: svaren ligger i mellanbandet (Eget "
                "ansvar, Vilja att lära nytt och Nyfikenhet); Samverkan och Testa ligger på den "
                "innovativa nivån.",
                "The organisation stands between the levels: the answers lie in the middle band "
                "(Taking ownership, Willingness to learn and Curiosity); Collaboration and "
                "Trying things out lie at the innovative level.",
                id="middle-band-and-two-innovative",
            ),
            pytest.param(
                {},
                _ratings(ownership=3, curiosity=3, collaboration=2),
                "Individen står mitt emellan nivåerna: svaren ligger i mellanbandet (Eget ansvar "
                "och Nyfikenhet); Samverkan ligger på den begränsade nivån.",
                "The individual stands between the levels: the answers lie in the middle band "
                "(Taking ownership and Curiosity); Collaboration lies at the limited level.",
                id="middle-band-and-one-limited",
            ),
            pytest.param(
                _ratings(ownership=3, curiosity=5, experimenting=5)
                | _ratings(uncertainty_tolerance=1, collaboration=1),
                {},
                "Organisationen har drag av båda nivåerna: Nyfikenhet och Testa på den "
                "innovativa nivån, Osäkerhetstolerans och Samverkan på den begränsade; Eget "
                "ansvar ligger i mellanbandet.",
                "The organisation has traits of both levels: Curiosity and Trying things out at "
                "the innovative level, Tolerance of uncertainty and Collaboration at the limited "
                "one; Taking ownership in the middle band.",
                id="principles-differ",
            ),
            pytest.param(
                everywhere(1),
                everywhere(5),
                "Organisationen och individen står på olika nivåer: organisationen på den "
                "begränsade nivån, individen på den innovativa nivån.",
                "The organisation and the individual stand on different levels: the "
                "organisation at the limited level, the individual at the innovative level.",
                id="perspectives-differ",
            ),
            pytest.param(
                everywhere(3),
                everywhere(5) | {"curiosity": 1, "ownership": 1},
                "Organisationen och individen står på olika nivåer: organisationen mitt emellan, "
                "individen på den innovativa nivån. Organisationen står mitt emellan nivåerna: "
                "svaren ligger i mellanbandet (alla principerna).",
                "The organisation and the individual stand on different levels: the "
                "organisation in between, the individual at the innovative level. The "
                "organisation stands between the levels: the answers lie in the middle band "
                "(every principle).",
                id="perspectives-differ-one-in-between",
            ),
        ],
    )
    def test_overall(
        self, organisation: dict[str, int], individual: dict[str, int], sv: str, en: str
    ) -> None:
        """The overall placement in words: where each perspective stands, the principles on
        the other level by name, and a perspective without answers said to have none."""
        explanation = score([ladder_response(organisation, individual)], CATALOG).explanation
        assert (sv, en) == (explanation.describe().get("sv"), explanation.describe().get("en"))

    def test_a_perspective_without_answers_in_english(self) -> None:
        """A perspective without answers says so in English too."""
        explanation = score([ladder_response(everywhere(1), {})], CATALOG).explanation
        assert "The individual: no answers to go on." == explanation.describe("individual").get(
            "en"
        )


class TestArgumentsInWords:
    """A wrong type given to score, score_person or explain_placement is a TypeError saying
    which argument, what it takes and what it got."""

    RESPONSE = Response(current={"organisation": {"curiosity": 2}})

    @pytest.mark.parametrize(
        ("call", "expected"),
        [
            (lambda r: score([r, 42], CATALOG), "responses[1] must be a Response, not int: 42"),
            (
                lambda r: score(r, CATALOG),
                "responses must be an iterable of Response, not Response",
            ),
            (
                lambda r: score("r.toml", CATALOG),
                "responses must be an iterable of Response, not str",
            ),
            (lambda r: score([r], "kiruna"), "catalog must be a Catalog, not str: 'kiruna'"),
            (
                lambda r: score([r], CATALOG, bands=(0.3, 0.7)),
                "bands must be Bands or None, not tuple: (0.3, 0.7)",
            ),
            (lambda r: score_person([r], CATALOG), "response must be a Response, not list: ["),
            (lambda r: score_person(r, None), "catalog must be a Catalog, not NoneType: None"),
            (
                lambda r: score_person(r, CATALOG, bands=0.5),
                "bands must be Bands or None, not float: 0.5",
            ),
            (
                lambda r: explain_placement(42),
                "result must be a GroupResult or PersonResult, not int: 42",
            ),
            (
                lambda r: explain_placement(score([r], CATALOG), bands="wide"),
                "bands must be Bands or None, not str: 'wide'",
            ),
        ],
        ids=[
            "score-responses-item",
            "score-one-response",
            "score-a-path",
            "score-catalog",
            "score-bands",
            "person-response",
            "person-catalog",
            "person-bands",
            "explain-result",
            "explain-bands",
        ],
    )
    def test_wrong_type(self, call: Any, expected: str) -> None:
        """The message names the argument, what it must be and what was given."""
        with pytest.raises(TypeError) as info:
            call(self.RESPONSE)
        assert str(info.value).startswith(expected)


class TestPersonDesired:
    def test_desired_scores_are_read_back(self) -> None:
        """A person's desired ratings are normalised per cell; unanswered and n/a stay None."""
        response = Response(
            scale=5,
            current=[("organisation", "curiosity", 2)],
            desired=[
                ("organisation", "curiosity", 4),
                ("individual", "ownership", 5),
                ("individual", "curiosity", NA),
            ],
        )
        person = score_person(response, CATALOG)
        assert 0.75 == person.desired["organisation"]["curiosity"]
        assert 1.0 == person.desired["individual"]["ownership"]
        assert person.desired["individual"]["curiosity"] is None
        assert person.desired["organisation"]["ownership"] is None
        assert 0.25 == person.score("curiosity", "organisation")
        assert set(PRINCIPLE_IDS) == set(person.desired["organisation"])
        assert set(PRINCIPLE_IDS) == set(person.desired["individual"])

    def test_desired_does_not_count_as_a_score(self) -> None:
        """Where someone wants to be moves neither their score nor their position."""
        response = Response(scale=5, desired=[("organisation", "curiosity", 5)])
        person = score_person(response, CATALOG)
        assert person.score("curiosity", "organisation") is None
        assert person.position["organisation"] is None
        assert person.placement["organisation"] is None

    def test_group_desired_and_gap(self) -> None:
        """The group's desired mean and gap come from the desired ratings of those who gave one."""
        result = score(
            [
                Response(
                    scale=5,
                    current=[("organisation", "curiosity", 1)],
                    desired=[("organisation", "curiosity", 5)],
                ),
                Response(scale=5, current=[("organisation", "curiosity", 3)]),
            ],
            CATALOG,
        )
        stats = result.principle("curiosity").stats("organisation")
        assert 1.0 == stats.desired
        assert 0.75 == stats.gap
        assert 0.75 == result.priorities()["curiosity"]


class TestStatementProblems:
    def test_every_response_is_checked(self) -> None:
        """Unknown ids are reported for every response, also after one without statements."""
        responses_ = [
            Response(statements=[("nope", 3)], respondent="a"),
            Response(current=[("organisation", "curiosity", 2)], respondent="b"),
            Response(statements=[("t:limited-individual-curiosity", 2), ("gone", 1)]),
        ]
        with pytest.raises(InputError) as info:
            score(responses_, CATALOG)
        assert [
            ("unknown-statement", "[0].statements.nope"),
            ("unknown-statement", "[2].statements.gone"),
        ] == [(p.code, p.location) for p in info.value.problems]

    def test_the_same_statement_twice(self) -> None:
        """One response answering a statement twice, by its short and long id, is an error."""
        response = Response(
            statements=[
                ("t:innovative-organisation-curiosity", 3),
                ("innovative-organisation-curiosity", 4),
            ]
        )
        with pytest.raises(InputError) as info:
            score([response], CATALOG)
        assert [("duplicate-statement", "[0].statements.t:innovative-organisation-curiosity")] == [
            (p.code, p.location) for p in info.value.problems
        ]


class TestStatementsInDetail:
    def test_two_unknown_ids_of_one_response(self) -> None:
        """Every unknown id of a response is reported, not only the first, under one heading in
        both languages."""
        with pytest.raises(InputError) as info:
            score([Response(statements=[("nope", 3), ("t:gone", 1)])], CATALOG)
        assert ["[0].statements.nope", "[0].statements.t:gone"] == [
            p.location for p in info.value.problems
        ]
        assert (
            "Några påståenden i svaren finns inte i de laddade innehållspaketen.",
            "Some statements in the responses are not in the loaded content packs.",
        ) == (info.value.message.get("sv"), info.value.message.get("en"))

    def test_a_statement_twice_in_words(self) -> None:
        """Answering a statement twice names it and the spelling answered first, in both
        languages."""
        response = Response(
            statements=[
                ("limited-organisation-curiosity", 2),
                ("t:limited-individual-curiosity", 3),
                ("t:limited-organisation-curiosity", 4),
            ]
        )
        with pytest.raises(InputError) as info:
            score([response], CATALOG)
        (problem,) = info.value.problems
        assert (
            "påståendet 't:limited-organisation-curiosity' är redan besvarat som "
            "'limited-organisation-curiosity'"
        ) == problem.message.get("sv")
        assert (
            "the statement 't:limited-organisation-curiosity' is already answered as "
            "'limited-organisation-curiosity'"
        ) == problem.message.get("en")

    def test_a_person_with_an_unknown_statement_is_told_where(self) -> None:
        """score_person names the unknown statement of a response read from no file by its
        place, as score does."""
        with pytest.raises(InputError) as info:
            score_person(Response(statements={"t:nope": 3}), CATALOG)
        assert ["[0].statements.t:nope"] == [p.location for p in info.value.problems]

    def test_items_of_one_principle_are_averaged(self) -> None:
        """A person's statements on one principle and perspective count as their mean, a
        limited-level statement reversed: 5 on the innovative one (1.0) and 4 on the limited
        one (0.25) give 0.625."""
        response = Response(
            scale=5,
            statements={
                "t:innovative-organisation-curiosity": 5,
                "t:limited-organisation-curiosity": 4,
            },
        )
        assert 0.625 == score_person(response, CATALOG).score("curiosity", "organisation")
        group = score([response], CATALOG).principle("curiosity").stats("organisation")
        assert (1, 0.625) == (group.n, group.mean)


class TestMethodArgumentsInWords:
    """The results' lookups and Stats.of given a wrong argument say which one, what it takes
    and what they got."""

    PERSON = score_person(ladder_response(everywhere(2), everywhere(4)), CATALOG)

    @pytest.mark.parametrize(
        ("call", "expected"),
        [
            (
                lambda p: p.score("curiosity", 1),
                "perspective must be a perspective (str), not int: 1",
            ),
            (
                lambda p: p.explanation().at(1, "both"),
                "perspective must be a perspective (str), not int: 1",
            ),
            (
                lambda p: p.explanation().at("organisation", 1),
                "placement must be a placement (str), not int: 1",
            ),
            (
                lambda p: p.explanation().describe(1),
                "key must be a perspective or 'overall', not int: 1",
            ),
            (
                lambda p: p.explanation().describe("overall", brief="yes"),
                "brief must be True or False, not str: 'yes'",
            ),
            (
                lambda p: score([], CATALOG).principle("curiosity").stats(1),
                "perspective must be a perspective (str), not int: 1",
            ),
            (
                lambda p: Stats.of("abc"),
                "scores must be a collection of scores (numbers in [0, 1]), not str: 'abc'",
            ),
        ],
        ids=[
            "score",
            "at-perspective",
            "at-placement",
            "describe-key",
            "describe-brief",
            "stats",
            "of",
        ],
    )
    def test_wrong_type(self, call: Any, expected: str) -> None:
        """A TypeError names the argument, what it must be and what was given."""
        with pytest.raises(TypeError) as caught:
            call(self.PERSON)
        assert expected == str(caught.value)

    def test_an_infinite_position_is_refused(self) -> None:
        """Bands place no infinite position, at either end: it is an InputError naming x."""
        for x in (-math.inf, math.inf):
            with pytest.raises(InputError, match=r"^x "):
                Bands().place(x)

    def test_a_principle_missing_from_a_result_built_by_hand(self) -> None:
        """A result built without some principle says which one it lacks."""
        result = attrs.evolve(score([], CATALOG), principles=())
        with pytest.raises(KeyError) as caught:
            result.principle("curiosity")
        assert ("curiosity",) == caught.value.args

    def test_a_score_outside_the_scale_in_both_languages(self) -> None:
        """A score outside [0, 1] given to Stats.of is named by its place, in both languages."""
        with pytest.raises(InputError) as caught:
            Stats.of([0.5, 2.0])
        assert (
            "scores[1] ska vara ett tal i [0, 1], inte 2.0",
            "scores[1] must be a number in [0, 1], not 2.0",
        ) == (caught.value.message.get("sv"), caught.value.message.get("en"))


class TestDesiredOfAGroup:
    def test_repeated_desired_ratings_all_count(self) -> None:
        """Where a group wants to be is the mean of every desired rating, the same rating given
        by several counting each time: 5, 5 and 1 on a five-point scale give (1 + 1 + 0) / 3."""
        group = [
            Response(scale=5, desired=[("organisation", "curiosity", rating)])
            for rating in (5, 5, 1)
        ]
        stats = score(group, CATALOG).principle("curiosity").stats("organisation")
        assert 2 / 3 == pytest.approx(stats.desired, abs=EPS)


class TestLookupsInWords:
    def test_an_unknown_principle_is_named(self) -> None:
        """GroupResult.principle of an id that is no principle names the argument and the id in
        an UnknownIdError, still a KeyError."""
        with pytest.raises(KeyError) as info:
            score([], CATALOG).principle("speed")
        assert isinstance(info.value, UnknownIdError)
        assert str(info.value).startswith(
            "pid must be a principle id or name, not 'speed'; there are: "
        )

    def test_an_unknown_perspective_is_named(self) -> None:
        """PrincipleResult.stats of something that is no perspective says what it got, in an
        InputError (still a ValueError)."""
        with pytest.raises(
            ValueError, match=r"^perspective must be one of organisation, individual, not 'team'$"
        ):
            score([], CATALOG).principle("curiosity").stats("team")

    def test_the_bands_used_are_kept(self) -> None:
        """A group's result carries the bands it was placed with, for its explanation."""
        wide = Bands(0.2, 0.8)
        result = score([Response(current={"organisation": {"curiosity": 2}})], CATALOG, bands=wide)
        assert wide == result.bands
        assert ("curiosity",) == result.explanation.at("organisation", "both")

    def test_desired_without_scores(self) -> None:
        """Stats.of keeps the desired mean when no current score is given."""
        stats = Stats.of([], [0.5, 1.0])
        assert (0, None, 0.75, None) == (stats.n, stats.mean, stats.desired, stats.gap)


class TestBandArguments:
    @pytest.mark.parametrize(
        ("lo", "hi"),
        [
            (False, True),
            ("0.3", 0.6),
            (0.3, "0.6"),
            (0.5, 0.5),
            (0.6, 0.4),
            (-0.1, 0.6),
            (0.4, 1.1),
            (math.nan, 0.6),
            (0.4, math.inf),
            (None, 0.6),
        ],
    )
    def test_refused(self, lo: object, hi: object) -> None:
        """Limits that are not two finite numbers with 0 ≤ lo < hi ≤ 1 are refused."""
        with pytest.raises((InputError, TypeError)):
            Bands(lo, hi)  # type: ignore[arg-type]

    @pytest.mark.parametrize(("lo", "hi"), [(0, 1), (0.0, 0.5), (0.5, 1.0), (0.3, 0.7)])
    def test_accepted(self, lo: float, hi: float) -> None:
        """Both ends of [0, 1] may be limits, integers too."""
        bands = Bands(lo, hi)
        assert (lo, hi) == (bands.lo, bands.hi)

    def test_limits_in_the_wrong_order_in_words(self) -> None:
        """Limits in the wrong order are refused saying which rule they break, with both
        values, in Swedish and English."""
        with pytest.raises(InputError) as caught:
            Bands(0.6, 0.4)
        assert ("Ogiltiga gränser för nivåerna.", "Invalid band limits.") == (
            caught.value.message.get("sv"),
            caught.value.message.get("en"),
        )
        assert [
            (
                "invalid-bands",
                "bands",
                "gränserna ska uppfylla 0 ≤ lo < hi ≤ 1, men lo=0.6 och hi=0.4",
                "the limits must satisfy 0 ≤ lo < hi ≤ 1, but lo=0.6 and hi=0.4",
            )
        ] == [
            (p.code, p.location, p.message.get("sv"), p.message.get("en"))
            for p in caught.value.problems
        ]

    def test_exactly_the_slack_outside_a_limit_is_both(self) -> None:
        """A position exactly 1e-12 (EDGE) outside a limit still counts as the middle band."""
        bands = Bands(0.3, 0.7)
        assert (Placement.BOTH, Placement.BOTH) == (
            bands.place(0.3 - EDGE),
            bands.place(0.7 + EDGE),
        )

    def test_limits_belong_to_the_middle_band(self) -> None:
        """A position exactly on a limit is `both`; a hair outside the slack is not."""
        bands = Bands(0.3, 0.7)
        assert Placement.BOTH == bands.place(0.3)
        assert Placement.BOTH == bands.place(0.7)
        assert Placement.LIMITED == bands.place(0.3 - 1e-9)
        assert Placement.INNOVATIVE == bands.place(0.7 + 1e-9)
        assert bands.place(None) is None


class TestDesiredWithoutCurrent:
    def test_desired_alone_is_kept(self) -> None:
        """Where the group wants to be is kept even when nobody said where it stands now."""
        result = score([Response(scale=5, desired=[("individual", "curiosity", 4)])], CATALOG)
        stats = result.principle("curiosity").stats("individual")
        assert (0, None, 0.75, None) == (stats.n, stats.mean, stats.desired, stats.gap)


class TestAnswered:
    @pytest.mark.parametrize(
        ("responses", "expected"),
        [
            ([], False),
            ([Response(scale=5)], False),
            ([Response(scale=5, current=[("organisation", p, NA) for p in PRINCIPLE_IDS])], False),
            ([Response(scale=5, desired=[("individual", "curiosity", 4)])], False),
            ([Response(scale=5, current=[("individual", "curiosity", 1)])], True),
        ],
        ids=["nobody", "blank", "all-na", "desired-only", "one-rating"],
    )
    def test_answered(self, responses: list[Response], expected: bool) -> None:
        """A result is answered when at least one current rating counts (not n/a, not blank)."""
        assert expected == score(responses, CATALOG).answered


def _one(org: dict[str, int], ind: dict[str, int]) -> Response:
    """One respondent's current ratings per principle from each perspective."""
    return Response(
        scale=5,
        current=[("organisation", p, v) for p, v in org.items()]
        + [("individual", p, v) for p, v in ind.items()],
    )


_ALL = {
    "persp": (dict.fromkeys(PRINCIPLE_IDS, 5), dict.fromkeys(PRINCIPLE_IDS, 1)),
    "split_org": (
        {p: 5 if i < 4 else 1 for i, p in enumerate(PRINCIPLE_IDS)},
        dict.fromkeys(PRINCIPLE_IDS, 3),
    ),
    "split_both": (
        {p: 5 if i < 4 else 1 for i, p in enumerate(PRINCIPLE_IDS)},
        {p: 5 if i < 4 else 1 for i, p in enumerate(PRINCIPLE_IDS)},
    ),
    "middle": (dict.fromkeys(PRINCIPLE_IDS, 3), dict.fromkeys(PRINCIPLE_IDS, 3)),
    "innov": (dict.fromkeys(PRINCIPLE_IDS, 5), dict.fromkeys(PRINCIPLE_IDS, 5)),
    "split_ind": (
        dict.fromkeys(PRINCIPLE_IDS, 3),
        {p: 5 if i < 4 else 1 for i, p in enumerate(PRINCIPLE_IDS)},
    ),
    "split_org_persp": (
        {p: 5 if i < 4 else 1 for i, p in enumerate(PRINCIPLE_IDS)},
        dict.fromkeys(PRINCIPLE_IDS, 1),
    ),
}


SV_PHRASES = {
    "persp": "organisationen och individen står på olika nivåer",
    "org": "organisationens principer ligger på olika nivåer",
    "ind": "individens principer ligger på olika nivåer",
    "both": "både organisationens och individens principer ligger på olika nivåer",
    "middle": "svar ligger i mellanbandet mellan nivåerna",
}
EN_PHRASES = {
    "persp": "the organisation and the individual stand on different levels",
    "org": "the organisation's principles lie on different levels",
    "ind": "the individual's principles lie on different levels",
    "both": "both the organisation's and the individual's principles lie on different levels",
    "middle": "answers lie in the middle band between the levels",
}


class TestBriefExplanation:
    @pytest.mark.parametrize(
        ("case", "phrases"),
        [
            ("persp", ["persp"]),
            ("split_org", ["org", "middle"]),
            ("split_both", ["both"]),
            ("middle", ["middle"]),
            ("split_ind", ["ind", "middle"]),
            ("split_org_persp", ["persp", "org"]),
        ],
    )
    def test_both_names_every_way_it_was_reached(self, case: str, phrases: list[str]) -> None:
        """The short explanation of `both` names each way the team got there, in sv and en."""
        org, ind = _ALL[case]
        described = score([_one(org, ind)], CATALOG).explanation.describe("overall", brief=True)
        sv = "Drag av båda nivåerna på en gång: " + "; ".join(SV_PHRASES[k] for k in phrases) + "."
        en = "Traits of both levels at once: " + "; ".join(EN_PHRASES[k] for k in phrases) + "."
        assert (sv, en) == (described.get("sv"), described.get("en"))

    def test_one_level_is_named_plainly(self) -> None:
        """When both perspectives stand on one level the sentence simply says which."""
        org, ind = _ALL["innov"]
        described = score([_one(org, ind)], CATALOG).explanation.describe("overall", brief=True)
        assert (
            "Både organisationen och individen står på den innovativa nivån.",
            "The organisation and the individual both stand at the innovative level.",
        ) == (described.get("sv"), described.get("en"))
