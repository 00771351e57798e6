"""Tests for the data model: texts, problems, locations, ids."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from innovationsresan.errors import InputError
from innovationsresan.model import (
    Card,
    LocalizedText,
    Placement,
    Problem,
    Severity,
    any_value,
    location,
    qualify,
    split_id,
)
from tests.strategies import localized_texts


class TestLocalizedText:
    def test_requested_language_first(self) -> None:
        """The requested language wins when the text has it."""
        text = LocalizedText.of("hej", "hello", fi="hei")
        assert "hei" == text.get("fi")

    def test_fallback_chain(self) -> None:
        """Missing languages fall back to Swedish, then English, then any."""
        assert "hej" == LocalizedText.of("hej", "hello").get("se")
        assert "hello" == LocalizedText({"en": "hello", "fi": "hei"}).get("fit")
        assert "hei" == LocalizedText({"fi": "hei"}).get("sv")
        assert "" == LocalizedText().get("sv")

    def test_order_of_languages_does_not_matter(self) -> None:
        """Two texts with the same translations are equal whatever order they were given in."""
        assert LocalizedText({"sv": "a", "en": "b"}) == LocalizedText({"en": "b", "sv": "a"})

    def test_blank_text_is_false(self) -> None:
        """A text of only white space counts as empty."""
        assert not LocalizedText({"sv": "  "})
        assert LocalizedText({"sv": "x"})

    def test_format_fills_every_language(self) -> None:
        """Placeholders are filled in each language."""
        text = LocalizedText.of("{n} kort", "{n} cards").format(n=3)
        assert {"sv": "3 kort", "en": "3 cards"} == text.as_dict()

    @given(localized_texts)
    def test_round_trip_through_dict(self, text: LocalizedText) -> None:
        """as_dict and the constructor are inverses."""
        assert text == LocalizedText(text.as_dict())

    @pytest.mark.parametrize(
        ("items", "named"),
        [
            ({"sv": 1}, "items['sv'] must be a text (str), not int: 1"),
            ({"sv": None}, "items['sv'] must be a text (str), not NoneType"),
            ({1: "x"}, "items (a language) must be a language code (str), not int: 1"),
            ([("sv", b"x")], "items['sv'] must be a text (str), not bytes"),
        ],
    )
    def test_texts_and_languages_are_strings(self, items: object, named: str) -> None:
        """A number, None or bytes is refused, naming the language, instead of becoming the
        text "1" or "None" that a reader would take for content."""
        with pytest.raises(TypeError, match=re.escape(named)):
            LocalizedText(items)  # type: ignore[arg-type]

    def test_a_str_subclass_is_a_text(self) -> None:
        """A subclass of str (a marked-up text, say) is taken, as the plain text it holds."""

        class Marked(str):
            pass

        text = LocalizedText({"sv": Marked("hej")})
        assert "hej" == text.get("sv")
        assert str is type(text.get("sv"))


class TestLocation:
    def test_grammar(self) -> None:
        """Keys join with dots, indexes go in brackets, the file is a prefix."""
        assert "actions[2].who" == location("actions", 2, "who")
        assert "content/cards.toml:cards[3].principles.curiosity" == location(
            "cards", 3, "principles", "curiosity", file="content/cards.toml"
        )
        assert "plan.toml" == location(file="plan.toml")

    def test_problem_in_file_prefixes_once(self) -> None:
        """A problem gets its file prefix once, never twice."""
        problem = Problem.error("missing-who", "actions[0].who", "sv", "en")
        once = problem.in_file("plan.toml")
        assert "plan.toml:actions[0].who" == once.location
        assert once == once.in_file("plan.toml")

    def test_problem_severity(self) -> None:
        """Named constructors set the severity."""
        assert Problem.warning("x", "y", "a", "b").severity is Severity.WARNING
        assert Problem.error("x", "y", "a", "b").is_error


class TestAnyValue:
    def test_short(self) -> None:
        """A value is shown by its repr, cut to 60 characters."""
        assert ("'abc'", 60) == (any_value("abc"), len(any_value("x" * 100)))

    def test_integer_too_long_to_print(self) -> None:
        """An integer Python refuses to print is described by its size, not a crash."""
        assert "<an integer of about 5001 digits>" == any_value(10**5000)

    def test_hostile_repr(self) -> None:
        """A value whose repr raises is named by its type."""

        class Hostile:
            def __repr__(self) -> str:
                raise RuntimeError("no")

        assert "<Hostile>" == any_value(Hostile())


class TestIds:
    @given(st.from_regex(r"[a-z0-9][a-z0-9-]{0,10}", fullmatch=True))
    def test_qualify_then_split(self, bare: str) -> None:
        """Qualifying and splitting are inverses; qualifying twice changes nothing."""
        qualified = qualify("kiruna", bare)
        assert ("kiruna", bare) == split_id(qualified)
        assert qualified == qualify("other", qualified)

    def test_unqualified_has_no_pack(self) -> None:
        """An id without a colon has no pack."""
        assert (None, "five-whys") == split_id("five-whys")


class TestCard:
    def test_weights(self) -> None:
        """A card reports its weight per principle and 0 for others."""
        card = Card(
            id="c",
            pack="p",
            title=LocalizedText.of("t"),
            summary=LocalizedText.of("s"),
            principles=(("curiosity", 1.0), ("experimenting", 0.5)),
        )
        assert 0.5 == card.weight("experimenting")
        assert 0.0 == card.weight("ownership")
        assert 1.5 == card.total_weight

    @pytest.mark.parametrize("weight", [1.5, -0.1, float("nan"), float("inf")])
    def test_weight_outside_zero_to_one_refused(self, weight: float) -> None:
        """A weight outside [0, 1] is an InputError naming the pair: recommending relies on it."""
        with pytest.raises(InputError, match=r"principles\[1\]\[1\] must be a weight from 0 to 1"):
            self.card((("curiosity", 1.0), ("testing", weight)))

    @pytest.mark.parametrize(
        ("pair", "named"),
        [
            (("curiosity", True), r"principles\[0\]\[1\]"),
            ((7, 0.5), r"principles\[0\]\[0\]"),
            (("curiosity", 0.5, 1.0), r"principles\[0\] "),
        ],
    )
    def test_malformed_pair_refused(self, pair: tuple[object, ...], named: str) -> None:
        """A pair that is no (principle id, weight) is a TypeError naming where it is."""
        with pytest.raises(TypeError, match=named):
            self.card((pair,))

    def test_weights_at_both_ends_and_whole_numbers_kept(self) -> None:
        """0, 1 and a whole number 1 are weights the pack format allows."""
        card = self.card((("curiosity", 0.0), ("testing", 1)))
        assert {"curiosity": 0.0, "testing": 1} == card.weights()

    @staticmethod
    def card(principles: tuple[tuple[object, ...], ...]) -> Card:
        return Card(
            id="c",
            pack="p",
            title=LocalizedText.of("t"),
            summary=LocalizedText.of("s"),
            principles=principles,  # type: ignore[arg-type]  # wrong on purpose
        )


class TestPlacement:
    def test_rank_orders_limited_both_innovative(self) -> None:
        """Placements compare on limited < both < innovative."""
        ranks = [p.rank for p in (Placement.LIMITED, Placement.BOTH, Placement.INNOVATIVE)]
        assert [0, 1, 2] == ranks
