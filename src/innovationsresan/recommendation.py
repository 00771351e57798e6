"""Choosing method cards for the gaps a team wants to close (docs/recommend.md, normative).

A card ``c`` strengthens principle ``p`` with weight ``w_cp`` in [0, 1]; with priorities
``g_p ≥ 0`` the chosen set ``S`` should cover as much priority as possible:

    F(S) = Σ_p g_p · (1 − Π_{c ∈ S} (1 − w_cp))

F is monotone and submodular, so the greedy choice is within (1 − 1/e) of the best k-subset.
Ties are broken by total weight, then by the smallest qualified id, so the result never depends
on the order of the deck.

Speed: cards that strengthen the same principles form a group with a bound of their gains:
the sum of the group's principles' remaining priorities (weights are at most 1), and never more
than the highest gain of its cards when they were last computed (gains only fall). At each step
the bounds of all groups are computed together, and only the groups whose bound reaches the
best gain found are computed, all their cards in one pass from scratch with the same arithmetic
as the rule, so no rounding drifts. The result is exactly that of recomputing every card at
every step (the tests check it against the rule written out literally, gain for gain).

Pure: no I/O, no clock.
"""

from __future__ import annotations

import math
import operator
import types
from collections.abc import Iterable, Mapping
from functools import reduce
from typing import Protocol, runtime_checkable

import attrs

from innovationsresan.catalog import Catalog
from innovationsresan.errors import (
    InputError,
    UnknownIdError,
    expect_items,
    expect_number,
    expect_optional,
    expect_type,
)
from innovationsresan.ladder import PRINCIPLE_IDS, is_principle
from innovationsresan.model import Card, LocalizedText, Problem, any_value, location

#: Gains at or below this are nothing: the greedy choice stops (docs/recommend.md).
EPSILON = 1e-9

__all__ = ["EPSILON", "Suggestion", "coverage", "priorities_of", "recommend"]


@runtime_checkable
class HasPriorities(Protocol):
    """Anything that knows each principle's priority, such as a scoring ``GroupResult``."""

    def priorities(self) -> Mapping[str, float]:
        """Principle id → priority (undefined as 0)."""


Priorities = HasPriorities | Mapping[str, float | None]


def _read_only(serves: Mapping[str, float]) -> Mapping[str, float]:
    return types.MappingProxyType(dict(serves))


@attrs.frozen
class Suggestion:
    """One chosen card and why.

    ``gain`` is what the card added to F when it was chosen;
    ``serves`` maps each principle the card strengthens that has positive priority to that
    priority, in ladder order.
    """

    card: Card
    gain: float
    serves: Mapping[str, float] = attrs.field(converter=_read_only, hash=False)

    @property
    def id(self) -> str:
        """The card's qualified id, ``pack:id``."""
        return f"{self.card.pack}:{self.card.id}"


def priorities_of(source: Priorities) -> dict[str, float]:
    """Every principle's priority as a number ≥ 0, in ladder order.

    *source* is a scoring result (anything with ``priorities()``) or a mapping of principle id
    to priority. Negative and undefined (``None``) priorities count as 0; a key that is not a
    principle, and a priority that is not a finite number (NaN, infinity, text), are an
    :class:`InputError`; a *source* of another type is a :class:`TypeError`.
    """
    raw = source.priorities() if isinstance(source, HasPriorities) else source
    if not isinstance(raw, Mapping):
        raise TypeError(
            "result_or_priorities must be a group result or a mapping of principle id to "
            f"priority, not {type(source).__name__}"
        )
    problems = [
        Problem.error(
            "unknown-principle",
            location("priorities", str(key)),
            f"{any_value(key)} är ingen princip",
            f"{any_value(key)} is not a principle",
        )
        for key in raw
        if not is_principle(key)
    ]
    for key, value in raw.items():
        if not is_principle(key) or value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            problems.append(_bad_priority(key, value, "ett tal", "a number"))
        elif not math.isfinite(value):
            problems.append(_bad_priority(key, value, "ett ändligt tal", "a finite number"))
    if problems:
        raise InputError(
            LocalizedText.of("Prioriteterna kan inte användas.", "The priorities cannot be used."),
            problems=problems,
        )
    result: dict[str, float] = {}
    for pid in PRINCIPLE_IDS:
        value = raw.get(pid)
        number = 0.0 if value is None else float(value)
        result[pid] = number if number > 0 else 0.0
    return result


def _bad_priority(key: str, value: object, sv: str, en: str) -> Problem:
    """A priority that is not a finite number (NaN and infinity would make every gain NaN)."""
    return Problem.error(
        "invalid-priority",
        location("priorities", key),
        f"prioriteten ska vara {sv} (eller None), inte {any_value(value)}",
        f"the priority must be {en} (or None), not {any_value(value)}",
    )


def coverage(selected: Iterable[Card | Suggestion], priorities: Priorities) -> float:
    """F(S): the priority covered by the cards *selected* (docs/recommend.md)."""
    g = priorities_of(priorities)
    remaining = dict.fromkeys(PRINCIPLE_IDS, 1.0)
    for item in selected:
        card = item.card if isinstance(item, Suggestion) else item
        for pid, weight in card.principles:
            if pid in remaining:
                remaining[pid] *= 1.0 - weight
    return math.fsum(g[pid] * (1.0 - remaining[pid]) for pid in PRINCIPLE_IDS)


def _fits(
    card: Card, max_minutes: int | float | None, group_size: int | None, lang: str | None
) -> bool:
    """Whether *card* passes the filters that were given.

    A card that states no time never passes a time limit (it cannot be promised to fit);
    a card that states no group size suits any group.
    """
    if max_minutes is not None and (card.minutes is None or card.minutes > max_minutes):
        return False
    if group_size is not None and card.group_size is not None:
        low, high = card.group_size
        if not low <= group_size <= high:
            return False
    return lang is None or lang in card.title.languages()


def _excluded(catalog: Catalog, exclude: Iterable[str]) -> set[str]:
    """The qualified ids of *exclude*; every unknown or ambiguous id is reported at once."""
    chosen: set[str] = set()
    problems: list[Problem] = []
    for i, ident in enumerate(exclude):
        qualified, problem = catalog.try_resolve("card", ident, location("exclude", i))
        if qualified is not None:
            chosen.add(qualified)
        elif problem is not None:
            problems.append(problem)
    if problems:
        raise UnknownIdError(
            LocalizedText.of(
                "Korten att utesluta kan inte hittas.", "The cards to exclude cannot be found."
            ),
            problems=problems,
        )
    return chosen


class _Group:
    """Cards that strengthen the same principles, in the same order, while :func:`recommend` runs.

    The gains of all of them are computed in one pass: ``s0 * a + s1 * b + …`` adds the same
    products in the same order as adding ``scale[pid] * w`` for each of ``card.principles`` from
    left to right, so every gain is bit for bit the one the rule written out computes. Sums of
    floats are always left folds here, never ``sum()``, whose float algorithm changed in Python
    3.12: the cards chosen do not depend on the Python version.

    The group's bound, Σ scale_p, is at least the gain of each of its cards, in floating point
    too, as a card's weights are at most 1 (docs/recommend.md): each term is at least the card's
    and is added in the same order, and rounding is monotone. A gain computed at an earlier step
    is still a bound of the card's gain now, since each scale_p only falls (in floating point
    too); so the bound is also at most the highest gain of its cards when they were last
    computed.
    """

    __slots__ = ("cards", "high", "pids")

    def __init__(self, pids: tuple[str, ...], cards: list[Card]) -> None:
        self.pids = pids
        self.cards = cards
        #: the highest gain of a card when they were last computed (a bound ever after)
        self.high = math.inf

    def bound(self, scale: dict[str, float]) -> float:
        """At least the gain of each card now."""
        bound: float = reduce(operator.add, map(scale.__getitem__, self.pids), 0.0)
        return min(bound, self.high)

    def row(self) -> _Row:
        """What :func:`_bounds` computes the bound from; a group of more than four principles
        has its bound computed by :meth:`bound` instead, and gives the row of no group."""
        padding = _WIDTH - len(self.pids)
        if padding < 0:
            return _NO_GROUP
        p = self.pids + (_PAD,) * padding
        return (p[0], p[1], p[2], p[3], self.high)

    def gains(self, scale: dict[str, float]) -> list[float]:
        """Every card's gain now."""
        factors = [scale[pid] for pid in self.pids]
        rows = map(_PRINCIPLES, self.cards)
        if len(factors) == 1:
            (s0,) = factors
            return [s0 * a for ((_, a),) in rows]
        if len(factors) == 2:
            s0, s1 = factors
            return [s0 * a + s1 * b for (_, a), (_, b) in rows]
        if len(factors) == 3:
            s0, s1, s2 = factors
            return [s0 * a + s1 * b + s2 * c for (_, a), (_, b), (_, c) in rows]
        if len(factors) == 4:
            s0, s1, s2, s3 = factors
            return [s0 * a + s1 * b + s2 * c + s3 * d for (_, a), (_, b), (_, c), (_, d) in rows]
        return [reduce(operator.add, map(operator.mul, factors, map(_WEIGHT, row))) for row in rows]

    def remove(self, card: Card) -> None:
        """Take *card* out (the bounds stay bounds of the rest)."""
        index = next(i for i, c in enumerate(self.cards) if c is card)
        del self.cards[index]


_WEIGHT = operator.itemgetter(1)
_PRINCIPLES = operator.attrgetter("principles")

#: The bounds of all groups are computed at once from rows of four principles and the highest
#: gain (see :func:`_bounds`); a group of fewer principles is padded with _PAD, whose scale is 0:
#: it adds exact zeros at the end of the sum, which leave it as it was.
_WIDTH = 4
_PAD = ""
_Row = tuple[str, str, str, str, float]
#: The row of no group: its bound is below every gain.
_NO_GROUP: _Row = (_PAD, _PAD, _PAD, _PAD, -math.inf)


def _bounds(table: list[_Row], scale: dict[str, float]) -> list[float]:
    """The bound of each group of *table* now, as :meth:`_Group.bound` computes it."""
    return [
        bound if (bound := scale[a] + scale[b] + scale[c] + scale[d]) < high else high
        for a, b, c, d, high in table
    ]


def _qualified(candidate: tuple[float, Card, int]) -> str:
    """The qualified id of a candidate's card, which breaks the last ties."""
    card = candidate[1]
    return f"{card.pack}:{card.id}"


def recommend(
    result_or_priorities: Priorities,
    catalog: Catalog,
    k: int = 3,
    *,
    max_minutes: int | float | None = None,
    group_size: int | None = None,
    lang: str | None = None,
    exclude: Iterable[str] = (),
) -> tuple[Suggestion, ...]:
    """At most *k* cards that together best cover the team's priorities, in the order chosen.

    Filters apply only when given: *max_minutes* keeps cards that state a time of at most
    that many minutes, *group_size* keeps cards whose group-size range holds it (or that state
    none), *lang* keeps cards whose title exists in that language, *exclude* drops cards by id
    (qualified, or unqualified when unambiguous; an unknown id is an :class:`UnknownIdError`).
    Nothing is returned when every priority is 0.
    """
    expect_type("catalog", catalog, Catalog, "a Catalog")
    if isinstance(k, bool) or not isinstance(k, int):
        raise TypeError(f"k must be an int, not {type(k).__name__}")
    if k < 0:
        raise InputError(
            LocalizedText.of(
                f"Antalet kort ska vara ett heltal ≥ 0, inte {any_value(k)}.",
                f"The number of cards must be an integer ≥ 0, not {any_value(k)}.",
            )
        )
    if max_minutes is not None:
        expect_number("max_minutes", max_minutes)
    expect_optional("group_size", group_size, int, "a whole number or None")
    expect_optional("lang", lang, str, "a language code (str) or None")
    expect_items("exclude", exclude, str, "card ids (str)")
    g = priorities_of(result_or_priorities)
    excluded = _excluded(catalog, exclude)
    if k == 0 or not any(g.values()):
        return ()
    filtering = max_minutes is not None or group_size is not None or lang is not None
    # Cards are grouped by the principles they strengthen, in their order (a few hundred groups
    # at most); see _Group for their bounds.
    members: dict[tuple[str, ...], list[Card]] = {}
    for card in catalog.cards:
        if not card.principles:
            continue
        if excluded and f"{card.pack}:{card.id}" in excluded:
            continue
        if filtering and not _fits(card, max_minutes, group_size, lang):
            continue
        # zip's strict= would cost more than the rest of this loop (it takes keywords slowly);
        # only the first of the tuples it makes is taken
        pids = next(zip(*card.principles))  # noqa: B905
        found = members.get(pids)
        if found is None:
            members[pids] = [card]
        else:
            found.append(card)
    scale = dict(g)  # g_p · Π(1 − w) over the chosen cards, per principle
    scale[_PAD] = 0.0
    remaining = dict.fromkeys(g, 1.0)
    groups = [_Group(pids, cards) for pids, cards in members.items()]
    table = [group.row() for group in groups]
    wide = [i for i, group in enumerate(groups) if len(group.pids) > _WIDTH]

    def bounds_now() -> list[float]:
        """Each group's bound under the current scale (below every gain for a group left out)."""
        bounds = _bounds(table, scale)
        for i in wide:
            bounds[i] = groups[i].bound(scale)
        return bounds

    def leave_out(i: int) -> None:
        """Leave group *i* out of every step from now on."""
        table[i] = _NO_GROUP
        if i in wide:
            wide.remove(i)

    bounds = bounds_now()
    # bounds never grow: a group at 0 can never gain anything (one whose bound is at most ε can
    # still tie with a best gain under 2ε, so it stays)
    for i, bound in enumerate(bounds):
        if bound <= 0.0:
            leave_out(i)
            bounds[i] = -math.inf
    chosen: list[Suggestion] = []
    while len(chosen) < k:
        # The gains of every card of each group whose bound reaches the best gain found less ε,
        # from the highest bound down; no card of a group whose bound stays below can be a
        # candidate, so those are never computed.
        best = -1.0
        reached: list[tuple[int, list[float]]] = []
        for i in sorted(range(len(groups)), key=bounds.__getitem__, reverse=True):
            if bounds[i] < best - EPSILON:
                break
            group = groups[i]
            gains = group.gains(scale)
            group.high = max(gains)
            table[i] = group.row()
            best = max(best, group.high)
            reached.append((i, gains))
        if best <= EPSILON:
            break
        threshold = best - EPSILON
        candidates = [
            (gain, card, i)
            for i, gains in reached
            if groups[i].high >= threshold
            for gain, card in zip(gains, groups[i].cards, strict=True)
            if gain >= threshold
        ]
        if len(candidates) > 1:  # the heaviest, then the smallest qualified id
            totals = [card.total_weight for _, card, _ in candidates]
            heaviest = max(totals)
            candidates = [
                c
                for c, total in zip(candidates, totals, strict=True)
                if total >= heaviest - EPSILON
            ]
        gain, card, own = min(candidates, key=_qualified)
        groups[own].remove(card)
        if not groups[own].cards:
            leave_out(own)
        for pid, w in card.principles:
            remaining[pid] *= 1.0 - w
            scale[pid] = g[pid] * remaining[pid]
        bounds = bounds_now()
        serves = {pid: g[pid] for pid, w in card.principles if w > 0 and g.get(pid, 0.0) > 0}
        chosen.append(Suggestion(card=card, gain=gain, serves=serves))
    return tuple(chosen)
