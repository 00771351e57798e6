"""Benchmark: recommending cards from a generated deck of 5 000 cards (DESIGN.md §12).

The target is "milliseconds". Two baselines run in the same process on the same deck:

* one pass that computes every card's weighted sum Σ_p g_p · w_cp once — the least any
  recommender must do, since every card has to be looked at;
* the greedy rule of DESIGN.md §8 written literally: every remaining card's gain recomputed at
  every step (what ``recommend`` would cost without its lazy bounds).

Two decks: weights of 1 and 0.5 only (as packs write them, so many cards tie), and weights drawn
from (0, 1]. Before timing, ``recommend`` is checked against the literal rule.

Run it alone with ``python benchmarks/bench_recommend.py [--quick]``; ``benchmarks/run.py``
imports :func:`run`.
"""

from __future__ import annotations

import random
import sys
from typing import Any

from _timing import best_in_turn  # run.py puts this folder on sys.path

from innovationsresan.catalog import Catalog, PackContent
from innovationsresan.ladder import PRINCIPLE_IDS
from innovationsresan.model import Card, LocalizedText, PackInfo
from innovationsresan.recommendation import priorities_of, recommend

DECK_SIZE = 5_000
K = 5
#: recommend may cost this many times one pass over a deck whose weights are 1 or 0.5.
LIMIT_RATIO = 5.0
#: Weights drawn at random, where no two cards are alike (the worst case): three cards, and 20.
LIMIT_DISTINCT_K3 = 2.0
LIMIT_DISTINCT_K20 = 4.0


def make_deck(n: int, *, ties: bool, seed: int = 2026) -> Catalog:
    """*n* cards in two packs, each strengthening one to four principles."""
    rng = random.Random(seed)
    cards: dict[str, list[Card]] = {"bench": [], "other": []}
    title = LocalizedText.of("Kort", "Card")
    for i in range(n):
        chosen = rng.sample(PRINCIPLE_IDS, rng.randint(1, 4))
        weights = {
            p: (1.0 if j == 0 else 0.5) if ties else round(rng.uniform(0.05, 1.0), 3)
            for j, p in enumerate(chosen)
        }
        pack = "bench" if i % 3 else "other"
        cards[pack].append(
            Card(
                id=f"card-{i:05d}",
                pack=pack,
                title=title,
                summary=title,
                principles=tuple((p, weights[p]) for p in PRINCIPLE_IDS if p in weights),
                minutes=rng.choice([15, 30, 45, 60, None]),
                group_size=(2, rng.randint(4, 20)),
            )
        )
    return Catalog.build(
        PackContent(info=PackInfo(id=pack, name=title), cards=tuple(items))
        for pack, items in cards.items()
    )


def make_priorities(seed: int = 7) -> dict[str, float]:
    """A team's priorities: most principles matter a little, some a lot, one not at all."""
    rng = random.Random(seed)
    priorities = {p: round(rng.uniform(0.0, 0.6), 3) for p in PRINCIPLE_IDS}
    priorities[PRINCIPLE_IDS[0]] = 0.0
    return priorities


def one_pass(catalog: Catalog, priorities: dict[str, float]) -> list[float]:
    """The baseline: every card's weighted sum, once."""
    return [sum(priorities[p] * w for p, w in card.principles) for card in catalog.cards]


def literal_greedy(catalog: Catalog, priorities: dict[str, float], k: int) -> list[str]:
    """DESIGN.md §8 as written: all gains at every step, then the tie rules."""
    g = priorities_of(priorities)
    remaining = dict.fromkeys(PRINCIPLE_IDS, 1.0)
    left = {f"{c.pack}:{c.id}": c for c in catalog.cards}
    chosen: list[str] = []
    while left and len(chosen) < k:
        gains = {
            qid: sum(g[p] * remaining[p] * w for p, w in card.principles)
            for qid, card in left.items()
        }
        best = max(gains.values())
        if best <= 1e-9:
            break
        candidates = [qid for qid, gain in gains.items() if gain >= best - 1e-9]
        heaviest = max(left[q].total_weight for q in candidates)
        pick = min(q for q in candidates if left[q].total_weight >= heaviest - 1e-9)
        for p, w in left.pop(pick).principles:
            remaining[p] *= 1.0 - w
        chosen.append(pick)
    return chosen


def _row(
    name: str, seconds: float, baseline: float, limit: float | None, note: str
) -> dict[str, Any]:
    return {
        "name": name,
        "seconds": seconds,
        "baseline_seconds": baseline,
        "baseline": baseline,
        "ratio": seconds / baseline,
        "limit": limit,
        "note": note,
    }


def run(quick: bool = False) -> list[dict[str, Any]]:
    """Time ``recommend`` on two 5 000-card decks against one pass and the literal greedy."""
    repeats = 5 if quick else 25
    priorities = make_priorities()
    rows = []
    cases = (
        (True, K, LIMIT_RATIO, "weights 1 / 0.5"),
        (False, 3, LIMIT_DISTINCT_K3, "distinct weights"),
        (False, 20, LIMIT_DISTINCT_K20, "distinct weights"),
    )
    for ties, k, limit, label in cases:
        catalog = make_deck(DECK_SIZE, ties=ties)
        got = [s.id for s in recommend(priorities, catalog, k)]
        if got != literal_greedy(catalog, priorities, k):
            raise AssertionError("recommend and the literal greedy rule disagree")
        mine, passed = best_in_turn(
            [
                lambda: recommend(priorities, catalog, k),  # noqa: B023
                lambda: one_pass(catalog, priorities),  # noqa: B023
            ],
            repeats,
        )
        (literal,) = best_in_turn(
            [lambda: literal_greedy(catalog, priorities, k)],  # noqa: B023
            max(1, repeats // 5),
        )
        rows.append(
            _row(
                f"recommend k={k}, {DECK_SIZE} cards, {label}",
                mine,
                passed,
                limit,
                "baseline: one pass computing every card's weighted sum once",
            )
        )
        rows.append(
            _row(
                f"literal greedy k={k}, {DECK_SIZE} cards, {label}",
                literal,
                mine,
                None,
                "the §8 rule recomputing every gain each step, against recommend (its speed-up)",
            )
        )
    filtered = make_deck(DECK_SIZE, ties=True)
    mine, passed = best_in_turn(
        [
            lambda: recommend(priorities, filtered, K, max_minutes=30, group_size=8, lang="en"),
            lambda: one_pass(filtered, priorities),
        ],
        repeats,
    )
    rows.append(
        _row(
            f"recommend k={K}, {DECK_SIZE} cards, with filters",
            mine,
            passed,
            LIMIT_RATIO,
            "max_minutes, group_size and lang given; baseline: one pass",
        )
    )
    return rows


def main() -> int:
    """Print the rows as a table; exit 1 when a ratio is over its limit."""
    from _table import print_rows  # run as a script: this folder is on sys.path

    return print_rows(run(quick="--quick" in sys.argv))


if __name__ == "__main__":
    sys.exit(main())
