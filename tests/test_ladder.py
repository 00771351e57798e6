"""Tests for the model's constants."""

from __future__ import annotations

import pytest

from innovationsresan import ladder
from innovationsresan.model import Level, LocalizedText, Phase, Principle

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

    @pytest.mark.parametrize(
        ("text", "expected"),
        [("curiosity", "curiosity"), ("Nyfikenhet", "curiosity"), ("Eget ansvar", "ownership")],
    )
    def test_expected_as_id_or_name(self, text: str, expected: str) -> None:
        """Where the API asks for a principle, its id or its Swedish or English name is taken."""
        assert expected == ladder.expect_principle("principle", text)

    def test_expected_unknown_named(self) -> None:
        """A text naming no principle is an UnknownIdError (a KeyError) naming the argument."""
        from innovationsresan.errors import UnknownIdError

        with pytest.raises(UnknownIdError, match=r"^pid must be a principle id or name, not 'x'"):
            ladder.expect_principle("pid", "x")
        assert issubclass(UnknownIdError, KeyError)


class TestStoryPath:
    def test_from_one_level_to_the_other(self) -> None:
        """A story from the lower to the upper level reads "A → B"."""
        path = ladder.story_path(Level.LIMITED, Level.INNOVATIVE)

        assert path is not None
        assert "Byråkrati med begränsad innovation → Innovativ byråkrati" == path.get("sv")

    def test_same_level_above_went_down_and_back(self) -> None:
        """Beginning and ending on the upper level means going down a little and back."""
        path = ladder.story_path(Level.INNOVATIVE, Level.INNOVATIVE)

        assert path is not None
        assert "Innovative bureaucracy → down a little → back in Innovative bureaucracy" == (
            path.get("en")
        )

    def test_same_level_below_went_up_and_back(self) -> None:
        """Beginning and ending on the lower level means going up a little and back."""
        path = ladder.story_path(Level.LIMITED, Level.LIMITED)

        assert path is not None
        assert "en bit upp" in path.get("sv")

    def test_names_given(self) -> None:
        """The level names given (a pack's own) are used; a missing one is the library's."""
        names = {"limited": LocalizedText.of("Förvaltning", "Administration")}

        path = ladder.story_path(Level.LIMITED, Level.INNOVATIVE, names)

        assert path is not None
        assert "Administration → Innovative bureaucracy" == path.get("en")

    def test_unknown_ends(self) -> None:
        """An end not given is a question mark; nothing given is no path."""
        path = ladder.story_path(None, Level.INNOVATIVE)

        assert path is not None
        assert "? → Innovativ byråkrati" == path.get("sv")
        assert ladder.story_path(None, None) is None
