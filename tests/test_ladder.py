"""Tests for the model's constants."""

from __future__ import annotations

import pytest

from innovationsresan import ladder
from innovationsresan.model import Phase, Principle

EXPECTED_ORDER = [
    "uncertainty-tolerance",
    "ownership",
    "collaboration",
    "problem-understanding",
    "willingness-to-learn",
    "curiosity",
    "learning-from-failure",
    "experimenting",
    "multiple-perspectives",
]


class TestPrinciples:
    def test_nine_in_ladder_order(self) -> None:
        """The nine principle ids come in the ladder order of DESIGN.md §3."""
        assert EXPECTED_ORDER == list(ladder.PRINCIPLE_IDS)
        assert list(range(9)) == [p.rung for p in ladder.PRINCIPLES]

    def test_swedish_names_are_the_models(self) -> None:
        """The Swedish names are the model's own."""
        assert "Acceptera och lära av misslyckanden" == ladder.principle(
            "learning-from-failure"
        ).name.get("sv")
        assert "Lyssna in flera perspektiv" == ladder.principle("multiple-perspectives").name.get(
            "sv"
        )

    @pytest.mark.parametrize("principle", ladder.PRINCIPLES, ids=lambda p: p.id)
    def test_bilingual(self, principle: Principle) -> None:
        """Every principle has a Swedish and an English name and description."""
        for text in (principle.name, principle.description):
            assert {"sv", "en"} <= text.languages()

    def test_unknown_principle(self) -> None:
        """An unknown id is a KeyError and is_principle says no."""
        with pytest.raises(KeyError):
            ladder.principle("courage")
        assert not ladder.is_principle("courage")
        assert ladder.is_principle("curiosity")

    def test_level_names(self) -> None:
        """Level and placement names exist in both languages."""
        assert "Innovativ byråkrati" == ladder.LEVEL_NAMES["innovative"].get("sv")
        for key in ("limited", "both", "innovative"):
            assert {"sv", "en"} <= ladder.LEVEL_NAMES[key].languages()
            assert {"sv", "en"} <= ladder.LEVEL_DESCRIPTIONS[key].languages()

    def test_phase_names(self) -> None:
        """Every method phase has a name in both languages, shared by cards and the report."""
        assert set(Phase) == set(ladder.PHASE_NAMES)
        for name in ladder.PHASE_NAMES.values():
            assert {"sv", "en"} <= name.languages()


class TestPrincipleNames:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("curiosity", "curiosity"),
            ("nyfikenhet", "curiosity"),
            ("Nyfikenhet", "curiosity"),
            ("Curiosity", "curiosity"),
            ("learning from failure", "learning-from-failure"),
            ("kanske", None),
        ],
    )
    def test_id_or_name(self, text: str, expected: str | None) -> None:
        """A principle is found by its id or by its Swedish or English name, in any case."""
        from innovationsresan.ladder import principle_id

        assert expected == principle_id(text)
