"""Tests for the structural checks shared by every reader."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from innovationsresan.checks import Checker
from innovationsresan.model import Severity


def codes(checker: Checker) -> list[tuple[str, str]]:
    return [(p.code, p.location) for p in checker.problems]


class TestTable:
    def test_missing_and_unknown_keys(self) -> None:
        """Every missing required key and every unknown key is reported with its path."""
        checker = Checker("plan.toml")
        checker.table(
            {"follow-up": 1, "title": "x"},
            (),
            required=("created",),
            optional=("title", "follow_up"),
        )
        assert [
            ("missing-key", "plan.toml:created"),
            ("unknown-key", "plan.toml:follow-up"),
        ] == codes(checker)

    def test_typo_gets_a_suggestion(self) -> None:
        """An unknown key close to an allowed one names the allowed one."""
        checker = Checker()
        checker.table({"follow-up": 1}, ("plan",), optional=("follow_up",))
        assert "did you mean 'follow_up'" in checker.problems[0].message.get("en")
        assert "menade du 'follow_up'" in checker.problems[0].message.get("sv")

    def test_not_a_table(self) -> None:
        """A value that is not a table is a wrong-type error."""
        checker = Checker()
        assert checker.table([1], ("current",)) is None
        assert [("wrong-type", "current")] == codes(checker)


class TestScalars:
    def test_integer_rejects_bool_and_float(self) -> None:
        """Booleans and floats are not integers."""
        checker = Checker()
        assert checker.integer(True, ("a",)) is None
        assert checker.integer(2.0, ("b",)) is None
        assert 3 == checker.integer(3, ("c",), minimum=1, maximum=5)
        assert [("wrong-type", "a"), ("wrong-type", "b")] == codes(checker)

    def test_integer_range(self) -> None:
        """An integer outside its range is out-of-range."""
        checker = Checker()
        assert checker.integer(6, ("x",), minimum=1, maximum=5) is None
        assert [("out-of-range", "x")] == codes(checker)

    @pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
    def test_number_must_be_finite(self, value: float) -> None:
        """NaN and infinities are refused."""
        checker = Checker()
        assert checker.number(value, ("w",)) is None
        assert [("out-of-range", "w")] == codes(checker)

    def test_weight_exclusive_minimum(self) -> None:
        """A weight of 0 is outside (0, 1]; 1 is inside."""
        checker = Checker()
        assert checker.number(0, ("w",), minimum=0, maximum=1, exclusive_minimum=True) is None
        assert 1.0 == checker.number(1, ("v",), minimum=0, maximum=1, exclusive_minimum=True)
        assert [("out-of-range", "w")] == codes(checker)

    def test_dates(self) -> None:
        """Dates come as TOML dates or ISO strings; a date-time is not a date."""
        checker = Checker()
        assert dt.date(2026, 11, 20) == checker.date("2026-11-20", ("d",))
        assert checker.date(dt.datetime(2026, 1, 1, 9), ("e",)) is None
        assert checker.date("20 nov", ("f",)) is None
        assert [("wrong-type", "e"), ("invalid-date", "f")] == codes(checker)

    def test_datetime_is_not_a_bare_date(self) -> None:
        """A date-time must carry a time of day."""
        checker = Checker()
        assert checker.datetime("2027-02-15", ("at",)) is None
        moment = checker.datetime("2027-02-15T09:00:00+01:00", ("at2",))
        assert moment is not None
        assert 9 == moment.hour
        assert [("invalid-datetime", "at")] == codes(checker)

    def test_slug(self) -> None:
        """Ids are lower-case slugs."""
        checker = Checker()
        assert "five-whys" == checker.slug("five-whys", ("id",))
        assert checker.slug("Five Whys", ("id2",)) is None
        assert [("invalid-id", "id2")] == codes(checker)

    def test_choice(self) -> None:
        """A value outside its choices lists the allowed ones."""
        checker = Checker()
        assert checker.choice("middle", ("level",), {"limited", "innovative"}) is None
        assert "innovative, limited" in checker.problems[0].message.get("en")


class TestLocalized:
    def test_swedish_required_english_expected(self) -> None:
        """Swedish missing is an error; a declared language missing is a warning."""
        checker = Checker("cards.toml")
        checker.localized({"en": "Five whys"}, ("cards", 0, "title"))
        assert [
            ("missing-translation", "cards.toml:cards[0].title.sv"),
        ] == codes(checker)
        checker = Checker("cards.toml")
        checker.localized({"sv": "Fem varför"}, ("cards", 0, "title"))
        assert [(Severity.WARNING, "cards.toml:cards[0].title.en")] == [
            (p.severity, p.location) for p in checker.problems
        ]

    def test_bad_language_code(self) -> None:
        """A key that is no language code is an error."""
        checker = Checker()
        text = checker.localized({"sv": "a", "en": "b", "1 2": "c"}, ("t",))
        assert text is not None
        assert ("invalid-language", "t.1 2") in codes(checker)


class TestSchema:
    def test_missing_and_other_major(self) -> None:
        """A missing schema and another major version are both errors."""
        checker = Checker()
        assert not checker.schema({}, "response")
        assert not checker.schema({"schema": "innovationsresan.response/2"}, "response")
        assert checker.schema({"schema": "innovationsresan.response/1"}, "response")
        assert ["missing-key", "schema-mismatch"] == [p.code for p in checker.problems]
