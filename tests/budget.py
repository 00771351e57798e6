"""How many examples a costly property test runs: a cap below the profile's count, with a reason.

The profiles live in tests/conftest.py: 40 examples locally, 300 in CI, 25 under mutation
testing. The laws of scoring and recommending (docs/scoring.md, docs/recommend.md) are
cheap to check and always run the profile's full count. A few properties build whole files,
packs or calendars for every example, or run a command in-process; 300 of those cost minutes
of CI on two cores while the strategies' distinct shapes are long exhausted. Such a test says
so with ``@capped(n, reason)``: it runs ``min(profile, n)`` examples, so the quick and the
mutation profiles are never raised, and ``HYPOTHESIS_PROFILE=thorough`` (every property at
1000 examples, no cap) still runs them all in full.
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import settings

#: The profile that ignores every cap (CONTRIBUTING.md, "Hypothesis profiles").
UNCAPPED = "thorough"


def capped(examples: int, reason: str, **options: Any) -> settings:
    """Settings that run at most *examples* examples; *reason* says why fewer are enough."""
    if not reason.strip():
        raise ValueError("a cap on a property test needs its reason")
    if os.environ.get("HYPOTHESIS_PROFILE") == UNCAPPED:
        return settings(**options)
    profile = settings.default  # the profile loaded by tests/conftest.py
    limit = examples if profile is None else min(profile.max_examples, examples)
    return settings(max_examples=limit, **options)
