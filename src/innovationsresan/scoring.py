"""Scoring: from ratings to scores, positions, placements and group figures (docs/scoring.md).

Every rating is normalised to [0, 1]; a statement under ``limited`` counts reversed.
For one person, a principle's score from one perspective is the mean of its items (the
current ladder rating and the answered statements); with no items it is undefined (``None``),
never 0. A group gets, per principle and perspective, the count, mean, median, extremes,
population standard deviation and the Tastle–Wierman consensus of the individual scores,
the desired mean and the gap, and per principle a priority for choosing cards.

Pure: the catalogue comes in as an argument, nothing is read from files or the clock.
Sums use :func:`math.fsum`, so the order of respondents and items never changes a result.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

import attrs

from innovationsresan.catalog import Catalog
from innovationsresan.errors import (
    InputError,
    bad_value,
    expect_choice,
    expect_list,
    expect_number,
    expect_optional,
    expect_type,
)
from innovationsresan.ladder import (
    PERSPECTIVE_NAMES,
    PERSPECTIVES,
    PRINCIPLE_IDS,
    expect_principle,
    principle,
)
from innovationsresan.model import Level, LocalizedText, Placement, Problem
from innovationsresan.responses import MAX_SCALE, MIN_SCALE, Rating, Response

_INFINITY: Final = math.inf

#: Positions closer than this to a band's edge count as on the edge (docs/scoring.md).
EDGE: Final = 1e-12

#: A consensus below this is marked as low wherever results are shown: the group's answers lie
#: far apart, so that is the principle to talk about. A presentation choice, not part of §7.
LOW_CONSENSUS: Final = 0.6

#: Below this many respondents, individual answers can be read from a group result.
FEW_RESPONDENTS: Final = 3

PERSPECTIVE_IDS: tuple[str, ...] = tuple(q.value for q in PERSPECTIVES)
_N_PRINCIPLES = len(PRINCIPLE_IDS)
_N_CELLS = len(PERSPECTIVE_IDS) * _N_PRINCIPLES
# A cell is one (perspective, principle): index = perspective * 9 + principle, ladder order.
_CELL: dict[str, dict[str, int]] = {
    q: {p: qi * _N_PRINCIPLES + pi for pi, p in enumerate(PRINCIPLE_IDS)}
    for qi, q in enumerate(PERSPECTIVE_IDS)
}


def normalise(rating: int, scale: int) -> float:
    """A rating 1..*scale* as a number in [0, 1]: ``(rating - 1) / (scale - 1)``."""
    return (rating - 1) / (scale - 1)


# Every normalised rating, and its reverse (for ``limited`` statements), made once: the scores
# of a large group then share a few float objects, which keeps sorting and summing them fast.
# A rating that is not an integer (``"n/a"``) has no entry, so it counts as unanswered.
_NORMALISED: dict[int, dict[Rating, float]] = {
    k: {r: normalise(r, k) for r in range(1, k + 1)} for k in range(MIN_SCALE, MAX_SCALE + 1)
}
_REVERSED: dict[int, dict[Rating, float]] = {
    k: {r: 1.0 - v for r, v in table.items()} for k, table in _NORMALISED.items()
}


# -- bands and placement -------------------------------------------------------------------------


def _check_bands(instance: Bands, _attribute: object, _value: object) -> None:
    lo, hi = instance.lo, instance.hi
    numbers = all(
        isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)
        for x in (lo, hi)
    )
    if not numbers or not 0.0 <= lo < hi <= 1.0:
        raise InputError(
            LocalizedText.of("Ogiltiga gränser för nivåerna.", "Invalid band limits."),
            problems=(
                Problem.error(
                    "invalid-bands",
                    "bands",
                    f"gränserna ska uppfylla 0 ≤ lo < hi ≤ 1, men lo={lo!r} och hi={hi!r}",
                    f"the limits must satisfy 0 ≤ lo < hi ≤ 1, but lo={lo!r} and hi={hi!r}",
                ),
            ),
        )


@attrs.frozen
class Bands:
    """The limits that split [0, 1] into ``limited`` (below ``lo``), ``both`` and ``innovative``.

    Raises :class:`InputError` (a :class:`ValueError`) unless 0 ≤ lo < hi ≤ 1.
    """

    lo: float = attrs.field(default=0.4, validator=_check_bands)
    hi: float = attrs.field(default=0.6, validator=_check_bands)

    def place(self, x: float | None) -> Placement | None:
        """The band of position *x*; within 1e-12 of a limit counts as ``both``.

        *x* is a finite number or ``None``: :class:`TypeError` naming it for another type,
        :class:`InputError` for NaN or an infinity.
        """
        if x is None:
            return None
        if type(x) is not float or not -_INFINITY < x < _INFINITY:
            expect_number("x", x)  # an int passes; anything else raises, naming x
        if x < self.lo - EDGE:
            return Placement.LIMITED
        if x > self.hi + EDGE:
            return Placement.INNOVATIVE
        return Placement.BOTH


def overall_placement(
    organisation: Placement | None, individual: Placement | None
) -> Placement | None:
    """The common band of both perspectives, ``both`` when they differ, else the defined one."""
    if organisation is None:
        return individual
    if individual is None or organisation == individual:
        return organisation
    return Placement.BOTH


def _placements(position: Mapping[str, float | None], bands: Bands) -> dict[str, Placement | None]:
    org = bands.place(position.get("organisation"))
    ind = bands.place(position.get("individual"))
    return {"organisation": org, "individual": ind, "overall": overall_placement(org, ind)}


# -- statistics ----------------------------------------------------------------------------------


def mean(values: Sequence[float]) -> float | None:
    """The mean (exactly rounded sum over count); ``None`` for no values."""
    return math.fsum(values) / len(values) if values else None


def consensus(values: Sequence[float]) -> float | None:
    """Tastle and Wierman's consensus of scores in [0, 1] with equal weights and width 1.

    ``1 + Σ (1/n) log2(1 - |x - μ|)``, clamped to [0, 1]: 1 when all agree, 0 for an even split
    between 0 and 1; ``None`` for no values.
    """
    if not values:
        return None
    low, high = min(values), max(values)
    if low == high:
        return 1.0
    return _consensus(values, math.fsum(values) / len(values))


def _consensus(values: Sequence[float], mu: float) -> float:
    log2 = math.log2
    terms = []
    for x in values:
        share = 1.0 - abs(x - mu)
        if share <= 0.0:
            return 0.0
        terms.append(log2(share))
    return min(1.0, max(0.0, 1.0 + math.fsum(terms) / len(values)))


@attrs.frozen
class Stats:
    """Group figures for one principle from one perspective; undefined figures are ``None``.

    ``n`` counts the respondents with a defined score; ``sd`` is the population standard
    deviation; ``desired`` is the mean desired score of those who gave one; ``gap`` is
    ``desired - mean``.
    """

    n: int
    mean: float | None
    median: float | None
    min: float | None
    max: float | None
    sd: float | None
    consensus: float | None
    desired: float | None
    gap: float | None

    @property
    def low_consensus(self) -> bool:
        """Whether at least two scores agree so little that consensus is below LOW_CONSENSUS."""
        return self.consensus is not None and self.n >= 2 and self.consensus < LOW_CONSENSUS - EDGE

    @classmethod
    def of(cls, scores: Iterable[float], desired: Iterable[float] = ()) -> Stats:
        """The figures of individual *scores* and *desired* scores, each a number in [0, 1].

        :class:`TypeError` naming ``scores[i]`` or ``desired[i]`` for an item that is no number,
        :class:`InputError` for one outside [0, 1] (or NaN).
        """
        values = _scores("scores", scores)
        wanted = _scores("desired", desired)
        return _stats(values, wanted)


def _scores(name: str, scores: Iterable[float]) -> list[float]:
    """The scores of :meth:`Stats.of`'s argument *name*, checked to be numbers in [0, 1]."""
    values = expect_list(name, scores, (int, float), "scores (numbers in [0, 1])")
    for index, value in enumerate(values):  # numbers, not bools, as checked
        if not 0.0 <= value <= 1.0:
            raise bad_value(f"{name}[{index}]", value, "ett tal i [0, 1]", "a number in [0, 1]")
    return [float(value) for value in values]


def _stats(values: list[float], wanted: list[float]) -> Stats:
    """Figures of *values* (sorted in place) and the mean of *wanted*."""
    want = math.fsum(wanted) / len(wanted) if wanted else None
    n = len(values)
    if n == 0:
        return Stats(0, None, None, None, None, None, None, want, None)
    values.sort()
    low, high = values[0], values[-1]
    if low == high:
        gap = None if want is None else want - low
        return Stats(n, low, low, low, high, 0.0, 1.0, want, gap)
    mu = min(high, max(low, math.fsum(values) / n))
    half = n // 2
    median = values[half] if n % 2 else (values[half - 1] + values[half]) / 2
    sd = min(0.5, math.sqrt(math.fsum([(x - mu) * (x - mu) for x in values]) / n))
    gap = None if want is None else want - mu
    return Stats(n, mu, median, low, high, sd, _consensus(values, mu), want, gap)


# -- results -------------------------------------------------------------------------------------


@attrs.frozen
class PrincipleResult:
    """A principle's group figures from both perspectives and its priority (``None``: undefined)."""

    id: str
    organisation: Stats
    individual: Stats
    priority: float | None

    def stats(self, perspective: str) -> Stats:
        """The figures from *perspective* (``organisation`` or ``individual``); another value is
        an :class:`InputError` (a ``ValueError``)."""
        expect_choice("perspective", perspective, PERSPECTIVE_IDS, "a perspective (str)")
        return self.organisation if perspective == "organisation" else self.individual


@attrs.frozen
class GroupResult:
    """What :func:`score` finds for a group.

    ``principles`` are in ladder order; ``position`` and ``placement`` are keyed by
    ``organisation`` and ``individual`` (``placement`` also by ``overall``); ``packs`` lists the
    ``(pack id, version)`` of the catalogue the statements were resolved in.
    """

    respondents: int
    packs: tuple[tuple[str, str], ...]
    principles: tuple[PrincipleResult, ...]
    position: Mapping[str, float | None]
    placement: Mapping[str, Placement | None]
    bands: Bands = attrs.field(factory=Bands)

    @property
    def few_respondents(self) -> bool:
        """Whether so few responded that individual answers can be read from the result."""
        return self.respondents < FEW_RESPONDENTS

    @property
    def answered(self) -> bool:
        """Whether any rating counts: ``False`` when every answer is unanswered or ``n/a`` (or
        nobody responded), so the result says nothing about where the group stands and every
        priority is 0 for want of answers, not because the group is where it wants to be."""
        return any(p.stats(q).n for p in self.principles for q in ("organisation", "individual"))

    def principle(self, pid: str) -> PrincipleResult:
        """The result for principle *pid*; :class:`~innovationsresan.errors.UnknownIdError` (also
        a ``KeyError``) when it is not a principle."""
        pid = expect_principle("pid", pid)
        for result in self.principles:
            if result.id == pid:
                return result
        raise KeyError(pid)  # a result built by hand may lack a principle

    def priorities(self) -> dict[str, float]:
        """Every principle id → priority, an undefined one as 0."""
        return {r.id: (r.priority if r.priority is not None else 0.0) for r in self.principles}

    @property
    def explanation(self) -> PlacementExplanation:
        """How the placements were reached: see :func:`explain_placement`."""
        return explain_placement(self)


@attrs.frozen
class PersonResult:
    """One respondent's scores: ``scores`` and ``desired`` map perspective → principle → score.

    Every principle is listed; an undefined score is ``None``.
    """

    respondent: str | None
    scores: Mapping[str, Mapping[str, float | None]]
    desired: Mapping[str, Mapping[str, float | None]]
    position: Mapping[str, float | None]
    placement: Mapping[str, Placement | None]

    def score(self, principle: str, perspective: str) -> float | None:
        """The score of *principle* from *perspective*; an id that is neither is an
        :class:`~innovationsresan.errors.InputError` naming the argument."""
        try:
            return self.scores[perspective][principle]
        except (KeyError, TypeError):
            pid = expect_principle("principle", principle)
            expect_choice("perspective", perspective, PERSPECTIVE_IDS, "a perspective (str)")
            if pid != principle:  # a principle's name
                return self.score(pid, perspective)
            raise

    def explanation(self, bands: Bands | None = None) -> PlacementExplanation:
        """How the placements were reached with *bands* (the default ones when not given)."""
        return explain_placement(self, bands)


# -- resolving statements ------------------------------------------------------------------------

# For a statement id: its qualified id, its cell and whether it counts reversed (``limited``);
# or the problem when it does not resolve.
_Resolved = tuple[str, int, bool] | Problem


def _resolve(catalog: Catalog, ident: str, cache: dict[str, _Resolved]) -> _Resolved:
    """Resolve a statement id once per distinct id."""
    found = cache.get(ident)
    if found is None:
        qualified, problem = catalog.try_resolve("statement", ident)
        if qualified is None:
            assert problem is not None  # noqa: S101 - try_resolve gives one or the other
            found = problem
        else:
            statement = catalog.statement(qualified)
            found = (
                qualified,
                _CELL[statement.perspective.value][statement.principle],
                statement.level is Level.LIMITED,
            )
        cache[ident] = found
    return found


def _statement_problems(
    responses: Sequence[Response], catalog: Catalog, cache: dict[str, _Resolved]
) -> list[Problem]:
    """Every statement id that does not resolve, or that one response answers twice."""
    problems: list[Problem] = []
    for i, response in enumerate(responses):
        if response.statements:
            problems.extend(_problems_of(response, i, catalog, cache))
    return problems


def _problems_of(
    response: Response, i: int, catalog: Catalog, cache: dict[str, _Resolved]
) -> list[Problem]:
    """The statement ids of one response (the *i*-th) that do not resolve or are answered twice."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for sid, _ in response.statements:
        found = _resolve(catalog, sid, cache)
        if isinstance(found, Problem):
            problems.append(attrs.evolve(found, location=_where(response, i, sid)))
            continue
        qualified = found[0]
        if qualified in seen:
            problems.append(
                Problem.error(
                    "duplicate-statement",
                    _where(response, i, sid),
                    f"påståendet '{qualified}' är redan besvarat som '{seen[qualified]}'",
                    f"the statement '{qualified}' is already answered as '{seen[qualified]}'",
                )
            )
        seen[qualified] = sid
    return problems


def _where(response: Response, i: int, sid: str) -> str:
    if response.source is None and response.index is None:
        return f"[{i}].statements.{sid}"
    return response.location("statements", sid)


def _raise_statements(problems: list[Problem]) -> None:
    if problems:
        raise InputError(
            LocalizedText.of(
                "Några påståenden i svaren finns inte i de laddade innehållspaketen.",
                "Some statements in the responses are not in the loaded content packs.",
            ),
            problems=problems,
        )


# -- scoring -------------------------------------------------------------------------------------


def _person_scores(
    response: Response, catalog: Catalog, cache: dict[str, _Resolved]
) -> dict[int, float]:
    """One respondent's score per cell that has items; statement ids already checked."""
    norm = _NORMALISED[response.scale]
    items: dict[int, list[float]] = {}
    for q, p, r in response.current:
        v = norm.get(r)
        if v is not None:
            items.setdefault(_CELL[q][p], []).append(v)
    for sid, r in response.statements:
        v = norm.get(r)
        if v is not None:
            found = _resolve(catalog, sid, cache)
            if isinstance(found, Problem):  # pragma: no cover - checked before scoring
                continue
            _, cell, reverse = found
            items.setdefault(cell, []).append(_REVERSED[response.scale][r] if reverse else v)
    return {
        cell: values[0] if len(values) == 1 else math.fsum(values) / len(values)
        for cell, values in items.items()
    }


def _person_desired(response: Response) -> dict[int, float]:
    norm = _NORMALISED[response.scale]
    desired: dict[int, float] = {}
    for q, p, r in response.desired:
        v = norm.get(r)
        if v is not None:
            desired[_CELL[q][p]] = v
    return desired


def score_person(
    response: Response, catalog: Catalog, *, bands: Bands | None = None
) -> PersonResult:
    """One respondent's scores, position and placement per perspective.

    Raises :class:`InputError` when a statement id does not resolve in *catalog*.
    """
    expect_type("response", response, Response, "a Response")
    expect_type("catalog", catalog, Catalog, "a Catalog")
    if bands is not None:
        expect_type("bands", bands, Bands, "Bands or None")
    bands = bands or Bands()
    cache: dict[str, _Resolved] = {}
    _raise_statements(_statement_problems((response,), catalog, cache))
    cells = _person_scores(response, catalog, cache)
    wanted = _person_desired(response)
    scores: dict[str, dict[str, float | None]] = {}
    desired: dict[str, dict[str, float | None]] = {}
    position: dict[str, float | None] = {}
    for q in PERSPECTIVE_IDS:
        index = _CELL[q]
        scores[q] = {p: cells.get(index[p]) for p in PRINCIPLE_IDS}
        desired[q] = {p: wanted.get(index[p]) for p in PRINCIPLE_IDS}
        position[q] = mean([s for s in scores[q].values() if s is not None])
    return PersonResult(
        respondent=response.respondent,
        scores=scores,
        desired=desired,
        position=position,
        placement=_placements(position, bands),
    )


def score(
    responses: Iterable[Response], catalog: Catalog, *, bands: Bands | None = None
) -> GroupResult:
    """The group's figures per principle and perspective, its priorities, positions and placements.

    Statement ids are resolved in *catalog*; any that is unknown or ambiguous, or answered twice
    by one respondent, raises :class:`InputError` naming every one (file and id when known).
    Respondents may use different scales. No responses give a result with every figure undefined.

    *responses* are consumed once, as a stream (:func:`innovationsresan.iter_responses` reads a
    collection of a million without holding it): a group is kept as counts of each distinct
    score per principle and perspective, which gives exactly the figures the scores themselves
    would (see :func:`_stats_of_counts`), in memory that does not grow with the group.
    """
    expect_type("catalog", catalog, Catalog, "a Catalog")
    if bands is not None:
        expect_type("bands", bands, Bands, "Bands or None")
    if isinstance(responses, Response | str | bytes) or not isinstance(responses, Iterable):
        raise TypeError(
            f"responses must be an iterable of Response, not {type(responses).__name__}"
        )
    bands = bands or Bands()
    cache: dict[str, _Resolved] = {}
    problems: list[Problem] = []
    columns: list[dict[float, int]] = [{} for _ in range(_N_CELLS)]
    wanted: list[dict[float, int]] = [{} for _ in range(_N_CELLS)]
    cell_of = _CELL
    respondents = 0
    for response in responses:
        if type(response) is not Response:
            expect_type(f"responses[{respondents}]", response, Response, "a Response")
        respondents += 1
        norm = _NORMALISED[response.scale]
        if response.statements:
            trouble = _problems_of(response, respondents - 1, catalog, cache)
            if trouble:
                problems.extend(trouble)
                continue
            for c, s in _person_scores(response, catalog, cache).items():
                column = columns[c]
                column[s] = column.get(s, 0) + 1
        else:
            # The common case, kept tight: one item per cell, so the score is the item itself.
            for q, p, r in response.current:
                v = norm.get(r)
                if v is not None:
                    column = columns[cell_of[q][p]]
                    column[v] = column.get(v, 0) + 1
        for q, p, r in response.desired:
            v = norm.get(r)
            if v is not None:
                column = wanted[cell_of[q][p]]
                column[v] = column.get(v, 0) + 1
    _raise_statements(problems)
    stats = [_stats_of_counts(columns[c], wanted[c]) for c in range(_N_CELLS)]
    return _group_result(respondents, catalog, stats, bands)


def _exact_sum(counts: Mapping[float, int]) -> float:
    """The sum of every value repeated its count of times, exactly rounded as :func:`math.fsum`.

    Both give the float nearest the exact sum (ties to even), so they are equal: every float is
    an integer over a power of two, so the sum is taken exactly in integers over the largest
    denominator, and Python's integer division rounds it once, correctly.
    """
    ratios = [(v.as_integer_ratio(), c) for v, c in counts.items()]
    if not ratios:
        return 0.0
    denominator = max(d for (_, d), _ in ratios)
    return sum(n * (denominator // d) * c for (n, d), c in ratios) / denominator


def _stats_of_counts(counts: Mapping[float, int], wanted: Mapping[float, int]) -> Stats:
    """The figures :func:`_stats` gives for the scores *counts* holds (distinct score → count).

    Every sum is exact before its one rounding, so the figures equal those of the list of scores
    to the last bit; the tests check it against :func:`_stats`.
    """
    n_wanted = sum(wanted.values())
    want = _exact_sum(wanted) / n_wanted if n_wanted else None
    n = sum(counts.values())
    if n == 0:
        return Stats(0, None, None, None, None, None, None, want, None)
    values = sorted(counts)
    low, high = values[0], values[-1]
    if low == high:
        gap = None if want is None else want - low
        return Stats(n, low, low, low, high, 0.0, 1.0, want, gap)
    mu = min(high, max(low, _exact_sum(counts) / n))
    half = n // 2
    below = _nth(values, counts, half - 1)
    median = _nth(values, counts, half) if n % 2 else (below + _nth(values, counts, half)) / 2
    squares: dict[float, int] = {}
    for x in values:
        square = (x - mu) * (x - mu)
        squares[square] = squares.get(square, 0) + counts[x]
    sd = min(0.5, math.sqrt(_exact_sum(squares) / n))
    gap = None if want is None else want - mu
    return Stats(
        n, mu, median, low, high, sd, _consensus_of_counts(values, counts, mu, n), want, gap
    )


def _nth(values: Sequence[float], counts: Mapping[float, int], k: int) -> float:
    """The *k*-th (0-based) score in sorted order."""
    for x in values:
        k -= counts[x]
        if k < 0:
            return x
    return values[-1]  # pragma: no cover - k is always below the count


def _consensus_of_counts(
    values: Sequence[float], counts: Mapping[float, int], mu: float, n: int
) -> float:
    """:func:`_consensus` of the scores *counts* holds, with the same exact sum."""
    log2 = math.log2
    terms: dict[float, int] = {}
    for x in values:
        share = 1.0 - abs(x - mu)
        if share <= 0.0:
            return 0.0
        term = log2(share)
        terms[term] = terms.get(term, 0) + counts[x]
    return min(1.0, max(0.0, 1.0 + _exact_sum(terms) / n))


def _group_result(
    respondents: int, catalog: Catalog, stats: list[Stats], bands: Bands
) -> GroupResult:
    any_desired = any(s.desired is not None for s in stats)
    principles = []
    for pi, pid in enumerate(PRINCIPLE_IDS):
        org = stats[pi]
        ind = stats[_N_PRINCIPLES + pi]
        gaps = [s.gap for s in (org, ind) if s.gap is not None]
        priority: float | None
        if gaps:
            priority = max(0.0, math.fsum(gaps) / len(gaps))
        elif not any_desired:
            means = [s.mean for s in (org, ind) if s.mean is not None]
            priority = 1.0 - math.fsum(means) / len(means) if means else None
        else:
            priority = None
        principles.append(PrincipleResult(pid, org, ind, priority))
    position: dict[str, float | None] = {}
    for qi, q in enumerate(PERSPECTIVE_IDS):
        means = [
            s.mean
            for s in stats[qi * _N_PRINCIPLES : (qi + 1) * _N_PRINCIPLES]
            if s.mean is not None
        ]
        position[q] = mean(means)
    return GroupResult(
        respondents=respondents,
        packs=tuple(sorted(catalog.pack_versions().items())),
        principles=tuple(principles),
        position=position,
        placement=_placements(position, bands),
        bands=bands,
    )


# -- how a placement was reached -----------------------------------------------------------------


class PlacementReason(enum.StrEnum):
    """Why a placement is ``both`` ("både och": traits of both levels at once).

    ``perspectives-differ``: the organisation and the individual stand on different levels;
    ``principles-differ``: a perspective's principles lie on both levels (some limited, some
    innovative); ``middle-band``: answers lie in the middle band between the levels.
    """

    PERSPECTIVES_DIFFER = "perspectives-differ"
    PRINCIPLES_DIFFER = "principles-differ"
    MIDDLE_BAND = "middle-band"


#: The placements in the order limited < both < innovative.
_PLACEMENT_ORDER: Final = (Placement.LIMITED, Placement.BOTH, Placement.INNOVATIVE)


@attrs.frozen
class PlacementExplanation:
    """How the placements of a result were reached (see the concepts page, docs/concepts.md).

    ``placement`` is where the bands explained with place the result's positions
    (``organisation``, ``individual``, ``overall``): the result's own placements when they are
    the bands it was placed with.
    ``principles`` maps each perspective to each placement (``limited``, ``both``,
    ``innovative``) and the principles there in ladder order, by the band of each principle's
    score (a group's mean); a principle without a score is in none.
    ``reasons`` maps ``organisation``, ``individual`` and ``overall`` to the reasons a ``both``
    placement has; a placement that is not ``both`` has none.
    """

    placement: Mapping[str, Placement | None]
    principles: Mapping[str, Mapping[Placement, tuple[str, ...]]]
    reasons: Mapping[str, tuple[PlacementReason, ...]]

    def at(self, perspective: str, placement: Placement | str) -> tuple[str, ...]:
        """The principles of *perspective* whose score lies in *placement*'s band; a value that
        is neither is an :class:`~innovationsresan.errors.InputError` naming the argument."""
        expect_choice("perspective", perspective, PERSPECTIVE_IDS, "a perspective (str)")
        placements = tuple(p.value for p in _PLACEMENT_ORDER)
        expect_choice("placement", placement, placements, "a placement (str)")
        return self.principles[perspective][Placement(placement)]

    def describe(self, key: str = "overall", *, brief: bool = False) -> LocalizedText:
        """The placement of *key* (a perspective or ``overall``) in words, with how it came about.

        A ``both`` placement names its reasons: the perspectives on different levels, the
        principles on each level by name, answers in the middle band. *brief* (for ``overall``)
        names the reasons without repeating each perspective's principles, for a page that
        shows the perspectives' own descriptions beside it.
        """
        expect_choice("key", key, ("overall", *PERSPECTIVE_IDS), "a perspective or 'overall'")
        expect_type("brief", brief, bool, "True or False")
        if key == "overall":
            if brief:
                return _describe_reasons(self)
            return _describe_overall(self)
        return _describe_perspective(self, key)


def explain_placement(
    result: GroupResult | PersonResult, bands: Bands | None = None
) -> PlacementExplanation:
    """How *result*'s placements were reached: the principles on each level and the reasons.

    A group's principles are placed by their mean score, a person's by their own score, and
    both perspectives by their positions, all with *bands* (a group result's own bands when not
    given, else the default ones), so an explanation with other bands than the result was
    placed with explains the placements those bands give, never a mixture. Pure.
    """
    expect_type("result", result, (GroupResult, PersonResult), "a GroupResult or PersonResult")
    expect_optional("bands", bands, Bands, "Bands or None")
    if isinstance(result, GroupResult):
        bands = bands or result.bands
        scores = {q: {pr.id: pr.stats(q).mean for pr in result.principles} for q in PERSPECTIVE_IDS}
    else:
        bands = bands or Bands()
        scores = {q: dict(result.scores[q]) for q in PERSPECTIVE_IDS}
    principles: dict[str, dict[Placement, tuple[str, ...]]] = {}
    for q in PERSPECTIVE_IDS:
        placed: dict[Placement, list[str]] = {p: [] for p in _PLACEMENT_ORDER}
        for pid in PRINCIPLE_IDS:
            band = bands.place(scores[q].get(pid))
            if band is not None:
                placed[band].append(pid)
        principles[q] = {p: tuple(ids) for p, ids in placed.items()}
    placement = _placements(result.position, bands)
    reasons: dict[str, tuple[PlacementReason, ...]] = {}
    for q in PERSPECTIVE_IDS:
        found: list[PlacementReason] = []
        if placement.get(q) is Placement.BOTH:
            if principles[q][Placement.LIMITED] and principles[q][Placement.INNOVATIVE]:
                found.append(PlacementReason.PRINCIPLES_DIFFER)
            if principles[q][Placement.BOTH] or not found:
                found.append(PlacementReason.MIDDLE_BAND)
        reasons[q] = tuple(found)
    overall: list[PlacementReason] = []
    if placement.get("overall") is Placement.BOTH:
        org, ind = placement.get("organisation"), placement.get("individual")
        if org is not None and ind is not None and org != ind:
            overall.append(PlacementReason.PERSPECTIVES_DIFFER)
        overall.extend(
            reason
            for reason in (PlacementReason.PRINCIPLES_DIFFER, PlacementReason.MIDDLE_BAND)
            if any(reason in reasons[q] for q in PERSPECTIVE_IDS)
        )
    reasons["overall"] = tuple(overall)
    return PlacementExplanation(placement=placement, principles=principles, reasons=reasons)


# Words for the descriptions: (sv, en) per placement, as "on <level>" phrases.
_AT_LEVEL: Final = {
    Placement.LIMITED: ("på den begränsade nivån", "at the limited level"),
    Placement.INNOVATIVE: ("på den innovativa nivån", "at the innovative level"),
    Placement.BOTH: ("i mellanbandet", "in the middle band"),
}
# Where a perspective stands, for the sentence that compares the two perspectives.
_STANDS: Final = {
    Placement.LIMITED: _AT_LEVEL[Placement.LIMITED],
    Placement.INNOVATIVE: _AT_LEVEL[Placement.INNOVATIVE],
    Placement.BOTH: ("mitt emellan", "in between"),
}
_AT_LEVEL_SHORT: Final = {
    Placement.LIMITED: ("på den begränsade", "at the limited one"),
    Placement.INNOVATIVE: ("på den innovativa", "at the innovative one"),
    Placement.BOTH: ("i mellanbandet", "in the middle band"),
}


def _names(ids: Sequence[str], lang: str) -> str:
    names = [principle(pid).name.get(lang) for pid in ids]
    if len(names) <= 1:
        return "".join(names)
    word = " och " if lang == "sv" else " and "
    return ", ".join(names[:-1]) + word + names[-1]


def _subject(perspective: str, lang: str) -> str:
    return PERSPECTIVE_NAMES[perspective].get(lang)


def _describe_perspective(explanation: PlacementExplanation, q: str) -> LocalizedText:
    placement = explanation.placement.get(q)
    if q not in PERSPECTIVE_IDS:
        raise ValueError(f"unknown perspective {q!r}")
    texts = {}
    for lang in ("sv", "en"):
        texts[lang] = _perspective_sentence(explanation, q, placement, lang)
    return LocalizedText.of(texts["sv"], texts["en"])


def _perspective_sentence(
    explanation: PlacementExplanation, q: str, placement: Placement | None, lang: str
) -> str:
    sv = lang == "sv"
    who = _subject(q, lang)
    at = explanation.principles[q]
    if placement is None:
        return f"{who}: inga svar att räkna på." if sv else f"{who}: no answers to go on."
    if placement is Placement.BOTH:
        reasons = explanation.reasons[q]
        if PlacementReason.PRINCIPLES_DIFFER in reasons:
            parts = [
                f"{_names(at[Placement.INNOVATIVE], lang)} "
                + _AT_LEVEL[Placement.INNOVATIVE][0 if sv else 1],
                f"{_names(at[Placement.LIMITED], lang)} "
                + _AT_LEVEL_SHORT[Placement.LIMITED][0 if sv else 1],
            ]
            text = (
                f"{who} har drag av båda nivåerna: " if sv else f"{who} has traits of both levels: "
            ) + ", ".join(parts)
            if at[Placement.BOTH]:
                text += (
                    f"; {_names(at[Placement.BOTH], lang)} ligger i mellanbandet"
                    if sv
                    else f"; {_names(at[Placement.BOTH], lang)} in the middle band"
                )
            return text + "."
        middle = _names(at[Placement.BOTH], lang)
        if len(at[Placement.BOTH]) == len(PRINCIPLE_IDS):
            middle = "alla principerna" if sv else "every principle"
        if sv:
            text = f"{who} står mitt emellan nivåerna: svaren ligger i mellanbandet"
        else:
            text = f"{who} stands between the levels: the answers lie in the middle band"
        text += f" ({middle})" if middle else ""
        # the few principles that do stand on a level (all on the same one, or they would differ)
        for band in (Placement.LIMITED, Placement.INNOVATIVE):
            if at[band]:
                names = _names(at[band], lang)
                if sv:
                    text += f"; {names} ligger {_AT_LEVEL[band][0]}"
                else:
                    verb = "lies" if len(at[band]) == 1 else "lie"
                    text += f"; {names} {verb} {_AT_LEVEL[band][1]}"
        return text + "."
    level = _AT_LEVEL[placement][0 if sv else 1]
    text = f"{who} står {level}" if sv else f"{who} stands {level}"
    other = Placement.INNOVATIVE if placement is Placement.LIMITED else Placement.LIMITED
    if at[other]:
        names = _names(at[other], lang)
        if sv:
            text += f", men {names} ligger {_AT_LEVEL[other][0]}"
        else:
            verb = "lies" if len(at[other]) == 1 else "lie"
            text += f", but {names} {verb} {_AT_LEVEL[other][1]}"
    return text + "."


def _describe_reasons(explanation: PlacementExplanation) -> LocalizedText:
    if explanation.placement.get("overall") is not Placement.BOTH:
        return _describe_overall(explanation)
    reasons = explanation.reasons["overall"]
    texts = {}
    for lang in ("sv", "en"):
        sv = lang == "sv"
        phrases = []
        if PlacementReason.PERSPECTIVES_DIFFER in reasons:
            phrases.append(
                "organisationen och individen står på olika nivåer"
                if sv
                else "the organisation and the individual stand on different levels"
            )
        split = [
            q
            for q in PERSPECTIVE_IDS
            if PlacementReason.PRINCIPLES_DIFFER in explanation.reasons[q]
        ]
        if split:
            owners = {
                ("organisation",): ("organisationens", "the organisation's"),
                ("individual",): ("individens", "the individual's"),
                ("organisation", "individual"): (
                    "både organisationens och individens",
                    "both the organisation's and the individual's",
                ),
            }[tuple(split)]
            phrases.append(
                f"{owners[0]} principer ligger på olika nivåer"
                if sv
                else f"{owners[1]} principles lie on different levels"
            )
        if PlacementReason.MIDDLE_BAND in reasons:
            phrases.append(
                "svar ligger i mellanbandet mellan nivåerna"
                if sv
                else "answers lie in the middle band between the levels"
            )
        lead = "Drag av båda nivåerna på en gång: " if sv else "Traits of both levels at once: "
        texts[lang] = lead + "; ".join(phrases) + "."
    return LocalizedText.of(texts["sv"], texts["en"])


def _describe_overall(explanation: PlacementExplanation) -> LocalizedText:
    texts = {}
    for lang in ("sv", "en"):
        texts[lang] = _overall_sentence(explanation, lang)
    return LocalizedText.of(texts["sv"], texts["en"])


def _overall_sentence(explanation: PlacementExplanation, lang: str) -> str:
    sv = lang == "sv"
    placement = explanation.placement.get("overall")
    org, ind = (explanation.placement.get(q) for q in PERSPECTIVE_IDS)
    sentences: list[str] = []
    if placement is None:
        return "Det finns inga svar att räkna på." if sv else "There are no answers to go on."
    if placement is not Placement.BOTH:
        level = _AT_LEVEL[placement][0 if sv else 1]
        if org is not None and ind is not None:
            sentences.append(
                f"Både organisationen och individen står {level}."
                if sv
                else f"The organisation and the individual both stand {level}."
            )
        else:
            sentences.append(
                _perspective_sentence(
                    explanation, "organisation" if ind is None else "individual", placement, lang
                )
            )
        sentences.extend(
            _perspective_sentence(explanation, q, None, lang)
            for q in PERSPECTIVE_IDS
            if explanation.placement.get(q) is None
        )
        return " ".join(sentences)
    reasons = explanation.reasons["overall"]
    if PlacementReason.PERSPECTIVES_DIFFER in reasons:
        assert org is not None  # noqa: S101 - the reason needs both perspectives placed
        assert ind is not None  # noqa: S101
        sentences.append(
            f"Organisationen och individen står på olika nivåer: organisationen "
            f"{_STANDS[org][0]}, individen {_STANDS[ind][0]}."
            if sv
            else f"The organisation and the individual stand on different levels: the "
            f"organisation {_STANDS[org][1]}, the individual {_STANDS[ind][1]}."
        )
    sentences.extend(
        _perspective_sentence(explanation, q, Placement.BOTH, lang)
        for q in PERSPECTIVE_IDS
        if explanation.placement.get(q) is Placement.BOTH
    )
    return " ".join(sentences)
