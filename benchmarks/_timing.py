"""Timing code inside one process: the best of several runs, and of several actions in turn."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence


def best_in_turn(actions: Sequence[Callable[[], object]], repeats: int) -> list[float]:
    """The best time of each of *actions*, run in turn *repeats* times.

    Taking turns matters for ratios: a spell when the machine is busier slows every action alike
    instead of one of a pair (a growth ratio measured one size after the other moved between
    4.4 and 6.3 from run to run on the same machine).
    """
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(repeats):
        for action, taken in zip(actions, times, strict=True):
            started = time.perf_counter()
            action()
            taken.append(time.perf_counter() - started)
    return [min(taken) for taken in times]


def best(action: Callable[[], object], repeats: int) -> float:
    """The best time of *repeats* runs of *action*."""
    return best_in_turn([action], repeats)[0]
