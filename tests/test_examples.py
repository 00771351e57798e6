"""Tests for the example data shipped in ``innovationsresan.examples``: what its comments say."""

from __future__ import annotations

from innovationsresan import examples
from innovationsresan.files.plans import read_plan
from innovationsresan.files.responses import read_responses
from innovationsresan.packs.loader import load_catalog
from innovationsresan.recommendation import recommend
from innovationsresan.scoring import score


class TestExamplePlan:
    def test_cards_follow_the_suggestions(self) -> None:
        """The plan holds the first card suggested for the team with both repository packs and
        with the Kiruna pack alone, as its opening comment says."""
        team = read_responses(examples.path("team"))
        plan = read_plan(examples.path("plan.toml"))
        cards = {card for action in plan.actions for card in action.cards}
        first = []
        for packs in (["kiruna", "metodbank"], ["kiruna"]):
            catalog = load_catalog(packs=packs)
            (suggestion, *_) = recommend(score(team, catalog), catalog, k=3)
            first.append(f"{suggestion.card.pack}:{suggestion.card.id}")

        assert ["kiruna:simple-prototype", "kiruna:stop-retest-pilot"] == first
        assert set(first) <= cards
        text = examples.path("plan.toml").read_text(encoding="utf-8")
        assert "Simple prototype with both packs" in text
        assert "Stop, retest or go ahead with the Kiruna" in text
