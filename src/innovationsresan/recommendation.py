"""Choosing method cards for the gaps a team wants to close (DESIGN.md §8, normative).

A card ``c`` strengthens principle ``p`` with weight ``w_cp`` in [0, 1]; with priorities
``g_p ≥ 0`` the chosen set ``S`` should cover as much priority as possible:

    F(S) = Σ_p g_p · (1 − Π_{c ∈ S} (1 − w_cp))

F is monotone and submodular, so the greedy choice is within (1 − 1/e) of the best k-subset.
Ties are broken by total weight, then by the smallest qualified id, so the result never depends
on the order of the deck.

Speed: the product Π(1 − w) is kept per principle, and a gain is computed from a card's
nonzero weights only. Cards with equal weights on the principles that matter share one gain,
computed once; after each choice only those sharing a principle with the chosen card are
recomputed, each from scratch so no rounding drifts. The result is exactly that of recomputing
every card at every step.

Pure: no I/O, no clock.
"""

from __future__ import annotations

import math
import types
from collections.abc import Iterable, Mapping
from typing import Protocol, runtime_checkable

import attrs

from innovationsresan.catalog import Catalog
from innovationsresan.errors import InputError, UnknownIdError
from innovationsresan.ladder import PRINCIPLE_IDS, is_principle
from innovationsresan.model import Card, LocalizedText, Problem, any_value, location

#: Gains at or below this are nothing: the greedy choice stops (DESIGN.md §8).
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
    to priority. Negative, undefined (``None``) and non-finite priorities count as 0;
    a key that is not a principle is an :class:`InputError`.
    """
    raw = source.priorities() if isinstance(source, HasPriorities) else source
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
    if problems:
        raise InputError(
            LocalizedText.of("Prioriteterna kan inte användas.", "The priorities cannot be used."),
            problems=problems,
        )
    result: dict[str, float] = {}
    for pid in PRINCIPLE_IDS:
        value = raw.get(pid)
        is_number = isinstance(value, int | float) and not isinstance(value, bool)
        number = float(value) if is_number and value is not None else 0.0
        result[pid] = number if math.isfinite(number) and number > 0 else 0.0
    return result


def coverage(selected: Iterable[Card | Suggestion], priorities: Priorities) -> float:
    """F(S): the priority covered by the cards *selected* (DESIGN.md §8)."""
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
    if isinstance(k, bool) or not isinstance(k, int) or k < 0:
        raise InputError(
            LocalizedText.of(
                f"Antalet kort ska vara ett heltal ≥ 0, inte {any_value(k)}.",
                f"The number of cards must be an integer ≥ 0, not {any_value(k)}.",
            )
        )
    g = priorities_of(result_or_priorities)
    excluded = _excluded(catalog, exclude)
    if k == 0 or not any(g.values()):
        return ()
    index = {pid: i for i, pid in enumerate(PRINCIPLE_IDS)}
    goal = [g[pid] for pid in PRINCIPLE_IDS]
    filtering = max_minutes is not None or group_size is not None or lang is not None

    # Cards with the same weights on the principles of positive priority always have the same
    # gain, so gains are computed once per such group ("kind"). Packs write weights from a
    # small set (1, 0.5 …), so a deck of thousands has a few hundred kinds. Cards without
    # weight on a principle of positive priority can never gain anything and are left out.
    kinds: dict[tuple[tuple[int, float], ...], list[Card]] = {}
    for card in catalog.cards:
        if excluded and f"{card.pack}:{card.id}" in excluded:
            continue
        if filtering and not _fits(card, max_minutes, group_size, lang):
            continue
        useful = []
        for pid, w in card.principles:
            p = index.get(pid)
            if p is not None and w > 0 and goal[p] > 0:
                useful.append((p, w))
        if useful:
            kinds.setdefault(tuple(useful), []).append(card)
    terms = list(kinds)
    members = list(kinds.values())
    holders: list[list[int]] = [[] for _ in goal]
    for i, signature in enumerate(terms):
        for p, _ in signature:
            holders[p].append(i)

    # remaining[p] = Π(1 − w) over the chosen cards; scale[p] = g_p · remaining[p], so a kind's
    # gain is Σ scale[p] · w over its weights (the loops below are inlined: this is the hot path).
    remaining = [1.0] * len(goal)
    scale = list(goal)

    # Each kind's exact gain; a kind whose cards are all chosen gets −1.
    gains = []
    for signature in terms:
        total = 0.0
        for p, w in signature:
            total += scale[p] * w
        gains.append(total)
    chosen: list[Suggestion] = []
    while gains and len(chosen) < k:
        best = max(gains)
        if best <= EPSILON:
            break
        threshold = best - EPSILON
        candidates = [
            (value, i, card)
            for i, value in enumerate(gains)
            if value >= threshold
            for card in members[i]
        ]
        heaviest = max(card.total_weight for _, _, card in candidates)
        value, kind, card = min(
            (c for c in candidates if c[2].total_weight >= heaviest - EPSILON),
            key=lambda c: f"{c[2].pack}:{c[2].id}",
        )
        members[kind].remove(card)
        if not members[kind]:
            gains[kind] = -1.0
        # Only kinds sharing a principle with the chosen card change; recompute exactly those.
        affected: set[int] = set()
        for p, w in terms[kind]:
            remaining[p] *= 1.0 - w
            scale[p] = goal[p] * remaining[p]
            affected.update(holders[p])
        for i in affected:
            if members[i]:
                total = 0.0
                for p, w in terms[i]:
                    total += scale[p] * w
                gains[i] = total
        serves = {pid: g[pid] for pid, w in card.principles if w > 0 and g.get(pid, 0.0) > 0}
        chosen.append(Suggestion(card=card, gain=value, serves=serves))
    return tuple(chosen)
