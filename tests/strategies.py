"""Every Hypothesis strategy of the test suite, one per model type, in one place."""

from __future__ import annotations

from hypothesis import strategies as st

from innovationsresan.ladder import PRINCIPLE_IDS
from innovationsresan.model import Level, LocalizedText, Perspective

slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{0,15}", fullmatch=True)
principle_ids = st.sampled_from(PRINCIPLE_IDS)
levels = st.sampled_from(list(Level))
perspectives = st.sampled_from(list(Perspective))
texts = st.text(min_size=1, max_size=40).filter(str.strip)
localized_texts = st.builds(lambda sv, en: LocalizedText.of(sv, en), texts, texts)

# -- follow-up -------------------------------------------------------------------------------
#: Changes of a group mean between two rounds (means lie in [0, 1]).
follow_up_deltas = st.floats(min_value=-1.0, max_value=1.0, allow_nan=False)
