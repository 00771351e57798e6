"""Following up: what moved between two reflections, and the journey of a team over time.

:func:`compare` sets two group results side by side (docs/scoring.md, last paragraph).
:class:`Journey` holds the rounds of reflection of one team with the external factors beside
them, and :meth:`Journey.timeline` reads them as a sequence (docs/formats.md, Journey).

Both directions are normal: staffing and political priorities push a team down as well as up,
so nothing here treats a move down as a failure.
Pure: no files, no clock (``today`` is a field the caller fills in).
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from innovationsresan.errors import expect_choice, expect_number, expect_type
from innovationsresan.ladder import PERSPECTIVES, PRINCIPLE_IDS, expect_principle
from innovationsresan.model import Perspective, Placement, Problem

_PERSPECTIVE_IDS: tuple[str, ...] = tuple(q.value for q in PERSPECTIVES)

if TYPE_CHECKING:
    from innovationsresan.catalog import Catalog
    from innovationsresan.plans import ActionPlan
    from innovationsresan.responses import Response
    from innovationsresan.scoring import GroupResult

#: The smallest change of a group mean that counts as a move (docs/scoring.md).
TAU = 0.1

#: Slack for rounding when a change lies exactly on ±τ.
EPSILON = 1e-12

#: A plan's follow-up counts as held on time when a later round comes this many days after it.
FOLLOW_UP_GRACE = dt.timedelta(days=14)

#: The keys of a group's placements: each perspective, then both together.
PLACEMENT_KEYS = ("organisation", "individual", "overall")

#: The keys of a group's positions.
POSITION_KEYS = ("organisation", "individual")


class Direction(enum.StrEnum):
    """Which way a figure moved between two rounds."""

    UP = "up"
    DOWN = "down"
    STEADY = "steady"


class FactorKind(enum.StrEnum):
    """The kinds of external factor that push a team's journey (docs/formats.md)."""

    STAFFING = "staffing"
    POLITICS = "politics"
    OTHER = "other"


#: The Swedish and English names people write for a factor's kind, read as the kind.
FACTOR_KIND_NAMES: dict[str, str] = {
    "bemanning": "staffing",
    "personal": "staffing",
    "personalresurser": "staffing",
    "personalförändring": "staffing",
    "politik": "politics",
    "politiska prioriteringar": "politics",
    "political priorities": "politics",
    "annat": "other",
    "övrigt": "other",
}


def direction(delta: float | None, tau: float = TAU) -> Direction | None:
    """``up`` when *delta* ≥ τ, ``down`` when ≤ −τ (both within 1e-12), else ``steady``.

    An undefined change (``None``) has no direction.
    """
    if delta is None:
        return None
    if delta >= tau - EPSILON:
        return Direction.UP
    if delta <= -tau + EPSILON:
        return Direction.DOWN
    return Direction.STEADY


def placement_direction(before: Placement | None, after: Placement | None) -> Direction | None:
    """How a placement moved on the order limited < both < innovative; None if one is unknown."""
    if before is None or after is None:
        return None
    if after.rank > before.rank:
        return Direction.UP
    if after.rank < before.rank:
        return Direction.DOWN
    return Direction.STEADY


def _placements(value: Mapping[str, Placement | None]) -> dict[str, Placement | None]:
    return {str(key): (None if p is None else Placement(p)) for key, p in value.items()}


def _positions(value: Mapping[str, float | None]) -> dict[str, float | None]:
    return {str(key): x for key, x in value.items()}


@attrs.frozen
class Change:
    """One group mean before and after, its change and the direction of that change."""

    before: float | None
    after: float | None
    delta: float | None
    direction: Direction | None

    @classmethod
    def between(cls, before: float | None, after: float | None, *, tau: float = TAU) -> Change:
        """The change from *before* to *after*; undefined when either is.

        *before* and *after* are finite numbers or ``None`` and *tau* a positive one: another
        type is a :class:`TypeError` naming the argument, NaN or an infinity an ``InputError``.
        """
        if before is not None:
            expect_number("before", before)
        if after is not None:
            expect_number("after", after)
        expect_number("tau", tau, positive=True)
        delta = None if before is None or after is None else after - before
        return cls(before, after, delta, direction(delta, tau))


@attrs.frozen
class PrincipleChange:
    """How one principle's group means moved, from each perspective."""

    id: str
    organisation: Change
    individual: Change

    def change(self, perspective: Perspective | str) -> Change:
        """The change seen from *perspective*; another value is an ``InputError`` naming it."""
        expect_choice("perspective", perspective, _PERSPECTIVE_IDS, "a perspective (str)")
        return (
            self.organisation
            if Perspective(perspective) is Perspective.ORGANISATION
            else self.individual
        )

    @property
    def directions(self) -> tuple[Direction | None, Direction | None]:
        """The directions from the organisation's and the individual's perspective."""
        return (self.organisation.direction, self.individual.direction)

    @property
    def moved_up(self) -> bool:
        """Whether either perspective moved up."""
        return Direction.UP in self.directions

    @property
    def moved_down(self) -> bool:
        """Whether either perspective moved down."""
        return Direction.DOWN in self.directions

    @property
    def steady(self) -> bool:
        """Whether the principle could be compared and moved neither up nor down."""
        return Direction.STEADY in self.directions and not (self.moved_up or self.moved_down)

    def mean_delta(self) -> float | None:
        """The mean over perspectives of the defined changes; ``None`` when neither is defined."""
        deltas = [c.delta for c in (self.organisation, self.individual) if c.delta is not None]
        return math.fsum(deltas) / len(deltas) if deltas else None


@attrs.frozen
class Comparison:
    """What moved between two reflections: every principle in ladder order, and the placements.

    ``placement_before`` and ``placement_after`` are keyed ``organisation``, ``individual`` and
    ``overall``.
    """

    principles: tuple[PrincipleChange, ...]
    placement_before: Mapping[str, Placement | None] = attrs.field(
        converter=_placements, hash=False
    )
    placement_after: Mapping[str, Placement | None] = attrs.field(converter=_placements, hash=False)
    tau: float = TAU

    def principle(self, pid: str) -> PrincipleChange:
        """The change of principle *pid*; :class:`~innovationsresan.errors.UnknownIdError` (also a
        ``KeyError``) if it is no principle."""
        pid = expect_principle("pid", pid)
        for change in self.principles:
            if change.id == pid:
                return change
        raise KeyError(pid)

    def moved_up(self) -> tuple[str, ...]:
        """Ids of the principles that moved up from either perspective, in ladder order."""
        return tuple(c.id for c in self.principles if c.moved_up)

    def moved_down(self) -> tuple[str, ...]:
        """Ids of the principles that moved down from either perspective, in ladder order."""
        return tuple(c.id for c in self.principles if c.moved_down)

    def steady(self) -> tuple[str, ...]:
        """Ids of the principles that could be compared and moved neither way."""
        return tuple(c.id for c in self.principles if c.steady)

    def not_comparable(self) -> tuple[str, ...]:
        """Ids of the principles with no defined change from either perspective."""
        return tuple(c.id for c in self.principles if c.directions == (None, None))

    def placement_direction(self, key: str) -> Direction | None:
        """How the placement *key* (``organisation``, ``individual``, ``overall``) moved; another
        key is an ``InputError`` naming it."""
        expect_choice("key", key, ("overall", *_PERSPECTIVE_IDS), "a perspective or 'overall'")
        return placement_direction(self.placement_before.get(key), self.placement_after.get(key))


def compare(before: GroupResult, after: GroupResult, *, tau: float = TAU) -> Comparison:
    """Compare two group results principle by principle and perspective by perspective.

    The change of a group mean is after − before, undefined when either mean is; its direction
    is ``up`` from +τ, ``down`` from −τ, else ``steady`` (docs/scoring.md).
    """
    from innovationsresan.scoring import GroupResult  # noqa: PLC0415 - only for the check

    expect_type("before", before, GroupResult, "a GroupResult (score gives one)")
    expect_type("after", after, GroupResult, "a GroupResult (score gives one)")
    expect_number("tau", tau, positive=True)
    changes = []
    for pid in PRINCIPLE_IDS:
        old, new = before.principle(pid), after.principle(pid)
        org, ind = (
            Change.between(old.stats(q).mean, new.stats(q).mean, tau=tau) for q in PERSPECTIVES
        )
        changes.append(PrincipleChange(pid, org, ind))
    return Comparison(
        tuple(changes),
        {key: before.placement.get(key) for key in PLACEMENT_KEYS},
        {key: after.placement.get(key) for key in PLACEMENT_KEYS},
        tau,
    )


# -- the journey -------------------------------------------------------------------------------


@attrs.frozen
class Factor:
    """An external factor that pushed the team: a staffing change, a political priority, other."""

    date: dt.date
    kind: FactorKind = attrs.field(converter=FactorKind)
    note: str = ""


@attrs.frozen
class Round:
    """One round of reflection, dated by its folder name.

    ``result`` is ``None`` when the round's responses could not be read or scored, and
    ``problems`` then says why; ``plan`` is the action plan the team wrote in that round.
    ``path`` names the round's folder for messages.
    """

    date: dt.date
    result: GroupResult | None = None
    plan: ActionPlan | None = None
    problems: tuple[Problem, ...] = ()
    path: str = ""
    #: The qualified ids of the statements the round's responses rated (see
    #: :func:`answered_statements`): consecutive rounds are checked for the same content.
    statements: frozenset[str] = frozenset()


@attrs.frozen
class Moves:
    """The principles that moved up and down since an earlier round (one may be in both)."""

    up: tuple[str, ...] = ()
    down: tuple[str, ...] = ()


@attrs.frozen
class PlanOutcome:
    """What became of a round's plan: was the follow-up held on time, did its targets move.

    ``followed_up`` is ``True`` when a later round came on or before the follow-up date plus
    14 days, ``False`` when the next round came later (or none came and that day has passed),
    ``None`` while the follow-up is still ahead or when none was booked.
    ``targets`` maps every principle the plan names, in ladder order, to the direction of its
    change to the next round (the mean over perspectives), ``None`` when that cannot be told.
    """

    title: str
    follow_up: dt.datetime | None
    followed_up: bool | None
    targets: tuple[tuple[str, Direction | None], ...]
    next_round: dt.date | None = None

    def target_directions(self) -> dict[str, Direction | None]:
        """``targets`` as a new dict."""
        return dict(self.targets)


@attrs.frozen
class Stop:
    """One round as the timeline shows it.

    ``since`` is the date of the round it is compared with: the latest earlier round that could
    be read (``None`` when there is none). ``factors`` are the external factors dated after the
    round just before (read or not; any date for the first round) and on or before this one.
    """

    date: dt.date
    respondents: int | None
    position: Mapping[str, float | None] = attrs.field(converter=_positions, hash=False)
    placement: Mapping[str, Placement | None] = attrs.field(converter=_placements, hash=False)
    since: dt.date | None
    comparison: Comparison | None
    moves: Moves
    plan: PlanOutcome | None
    factors: tuple[Factor, ...]
    problems: tuple[Problem, ...]
    path: str = ""


def _sorted_rounds(rounds: Iterable[Round]) -> tuple[Round, ...]:
    return tuple(sorted(rounds, key=lambda r: r.date))


def _sorted_factors(factors: Iterable[Factor]) -> tuple[Factor, ...]:
    return tuple(sorted(factors, key=lambda f: f.date))


@attrs.frozen
class Journey:
    """A team's journey: its rounds of reflection in date order and the external factors.

    ``problems`` are about the journey as a whole (its ``journey.toml``, folders that are not
    rounds); each round keeps its own. ``today`` decides whether a follow-up is overdue.
    """

    team: str
    factors: tuple[Factor, ...] = attrs.field(converter=_sorted_factors, default=())
    rounds: tuple[Round, ...] = attrs.field(converter=_sorted_rounds, default=())
    problems: tuple[Problem, ...] = ()
    today: dt.date | None = None
    tau: float = TAU

    def timeline(self) -> tuple[Stop, ...]:
        """The rounds in date order, each with its moves, plan outcome and factors."""
        return timeline(self.rounds, self.factors, today=self.today, tau=self.tau)

    def all_problems(self) -> tuple[Problem, ...]:
        """The journey's own problems followed by every round's."""
        return self.problems + tuple(p for r in self.rounds for p in r.problems)


def timeline(
    rounds: Sequence[Round],
    factors: Iterable[Factor] = (),
    *,
    today: dt.date | None,
    tau: float = TAU,
) -> tuple[Stop, ...]:
    """Read *rounds* as a sequence (docs/formats.md): moves, plan outcomes, factors between rounds.

    A round is compared with the latest earlier round whose result could be read; a plan's
    targets with the next such round. Whether a follow-up was held looks at every later round,
    read or not: the team met, even if its answers could not be used.
    Without *today* a follow-up with no later round stays ``None``.
    """
    ordered = _sorted_rounds(rounds)
    all_factors = _sorted_factors(factors)
    stops = []
    previous: Round | None = None
    previous_date: dt.date | None = None
    for index, current in enumerate(ordered):
        comparison = None
        if previous is not None and previous.result is not None and current.result is not None:
            comparison = compare(previous.result, current.result, tau=tau)
        moves = Moves(comparison.moved_up(), comparison.moved_down()) if comparison else Moves()
        warnings: tuple[Problem, ...] = ()
        if comparison is not None and previous is not None:
            warnings = tuple(
                p.in_file(current.path)
                for p in rated_content_warnings(previous.statements, current.statements)
            )
        between = tuple(
            f
            for f in all_factors
            if (previous_date is None or f.date > previous_date) and f.date <= current.date
        )
        later = ordered[index + 1 :]
        result = current.result
        stops.append(
            Stop(
                date=current.date,
                respondents=None if result is None else result.respondents,
                position={
                    k: None if result is None else result.position.get(k) for k in POSITION_KEYS
                },
                placement={
                    k: None if result is None else result.placement.get(k) for k in PLACEMENT_KEYS
                },
                since=previous.date if comparison is not None and previous is not None else None,
                comparison=comparison,
                moves=moves,
                plan=None
                if current.plan is None
                else plan_outcome(current, later, today=today, tau=tau),
                factors=between,
                problems=(*current.problems, *warnings),
                path=current.path,
            )
        )
        if current.result is not None:
            previous = current
        previous_date = current.date
    return tuple(stops)


def plan_outcome(
    current: Round, later: Sequence[Round], *, today: dt.date | None, tau: float = TAU
) -> PlanOutcome | None:
    """What became of *current*'s plan, given the rounds that came after it (in date order)."""
    plan = current.plan
    if plan is None:
        return None
    follow_up = plan.follow_up
    at = None if follow_up is None else follow_up.at
    followed_up = None
    if follow_up is not None:
        followed_up = followed_up_on_time(follow_up.date, [r.date for r in later], today=today)
    following = next((r for r in later if r.result is not None), None)
    comparison = None
    if current.result is not None and following is not None and following.result is not None:
        comparison = compare(current.result, following.result, tau=tau)
    named = set(_named_principles(plan))
    targets = tuple(
        (
            pid,
            None if comparison is None else direction(comparison.principle(pid).mean_delta(), tau),
        )
        for pid in PRINCIPLE_IDS
        if pid in named
    )
    return PlanOutcome(
        title=plan.title,
        follow_up=at,
        followed_up=followed_up,
        targets=targets,
        next_round=following.date if following is not None else None,
    )


def followed_up_on_time(
    follow_up: dt.date, later_rounds: Iterable[dt.date], *, today: dt.date | None
) -> bool | None:
    """Whether a follow-up booked for *follow_up* was held (docs/formats.md).

    ``True`` when a later round is dated on or before the follow-up plus 14 days; ``False`` when
    the next round came after that, or none came and *today* is past it; ``None`` otherwise.
    """
    try:
        deadline = follow_up + FOLLOW_UP_GRACE
    except OverflowError:
        # a follow-up in the last days of year 9999: its grace runs past the calendar's end
        deadline = dt.date.max
    if isinstance(today, dt.datetime):
        # a datetime is a date to the type checker, but comparing one with a date raises
        today = today.date()
    dates = sorted(later_rounds)
    if dates:
        return dates[0] <= deadline
    if today is not None and today > deadline:
        return False
    return None


def _named_principles(plan: ActionPlan) -> list[str]:
    """The principle ids the plan's actions name."""
    return [pid for action in plan.actions for pid in action.principles]


# -- comparing like with like --------------------------------------------------------------------


def answered_statements(responses: Iterable[Response], catalog: Catalog) -> frozenset[str]:
    """The qualified ids of the statements any of *responses* rated (``n/a`` included).

    An id the catalogue cannot resolve is left out: scoring reports it.
    """
    found: set[str] = set()
    for response in responses:
        for sid, _ in response.statements:
            qualified, _problem = catalog.try_resolve("statement", sid)
            if qualified is not None:
                found.add(qualified)
    return frozenset(found)


def content_warnings(
    before: Iterable[Response], after: Iterable[Response], catalog: Catalog
) -> tuple[Problem, ...]:
    """Warnings when two rounds were not answered with the same content (docs/packs.md).

    A follow-up compares like with like only when both rounds used the same packs in the same
    versions. A response does not record the packs it was answered with, and both rounds are
    scored now with the packs loaded now, so the rule reads what the answers show: the packs
    whose statements each round rated (``rounds-packs-differ``), and, for a pack both rounds
    rated, statements rated in one round and by nobody in the other (``rounds-statements-differ``:
    a statement added, removed or renamed between versions, or a round that skipped some).
    A changed text under the same id cannot be seen; that is why the docs ask for the same
    packs and versions.
    """
    return rated_content_warnings(
        answered_statements(before, catalog), answered_statements(after, catalog)
    )


def rated_content_warnings(
    rated_before: Iterable[str], rated_after: Iterable[str]
) -> tuple[Problem, ...]:
    """:func:`content_warnings` from the qualified ids of the statements each round rated
    (:func:`answered_statements`); ``journey`` applies it between consecutive rounds."""
    rated_before, rated_after = frozenset(rated_before), frozenset(rated_after)
    packs_before = {sid.partition(":")[0] for sid in rated_before}
    packs_after = {sid.partition(":")[0] for sid in rated_after}
    problems: list[Problem] = []
    if packs_before != packs_after:
        listed_before = ", ".join(sorted(packs_before)) or "–"
        listed_after = ", ".join(sorted(packs_after)) or "–"
        problems.append(
            Problem.warning(
                "rounds-packs-differ",
                "statements",
                f"omgångarna har svarat på påståenden ur olika paket (före: {listed_before}; "
                f"efter: {listed_after}); jämför bara omgångar med samma paket och versioner",
                f"the rounds rated statements from different packs (before: {listed_before}; "
                f"after: {listed_after}); compare only rounds with the same packs and versions",
            )
        )
    shared = packs_before & packs_after
    only_before = sorted(s for s in rated_before - rated_after if s.partition(":")[0] in shared)
    only_after = sorted(s for s in rated_after - rated_before if s.partition(":")[0] in shared)
    if only_before or only_after:
        example = (only_before or only_after)[0]
        problems.append(
            Problem.warning(
                "rounds-statements-differ",
                "statements",
                f"{len(only_before)} påståenden besvarades bara före och {len(only_after)} bara "
                f"efter (t.ex. {example}); har paketen bytt version mellan omgångarna?",
                f"{len(only_before)} statements were rated only before and {len(only_after)} "
                f"only after (e.g. {example}); did the packs change version between the rounds?",
            )
        )
    return tuple(problems)
