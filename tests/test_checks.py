"""Tests for the structural checks shared by every reader."""

from __future__ import annotations

import datetime as dt
import functools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from innovationsresan.checks import (
    HINTED_LENGTH,
    HINTED_PROBLEMS,
    Checker,
    _distance,
    _nearest,
    capped,
    more_problems,
    type_name,
)
from innovationsresan.model import Problem, Severity


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


def found(checker: Checker) -> list[tuple[str, str, str, str, str]]:
    """Every problem in full: severity, code, location and both messages."""
    return [
        (p.severity.value, p.code, p.location, p.message.get("sv"), p.message.get("en"))
        for p in checker.problems
    ]


class TestMessages:
    """The exact problems people read, in Swedish and English, for each kind of check."""

    def test_wrong_type_names_expected_and_found(self) -> None:
        """A wrong type names what was expected, what came and the value."""
        checker = Checker("r.toml")
        assert checker.list_of("abc", ("cards",)) is None
        assert checker.integer("3", ("scale",)) is None
        assert [
            (
                "error",
                "wrong-type",
                "r.toml:cards",
                "ska vara en lista, men är en text: 'abc'",
                "must be a list, got a string: 'abc'",
            ),
            (
                "error",
                "wrong-type",
                "r.toml:scale",
                "ska vara ett heltal, men är en text: '3'",
                "must be an integer, got a string: '3'",
            ),
        ] == found(checker)

    @pytest.mark.parametrize(
        ("value", "sv", "en"),
        [
            (True, "sant eller falskt", "true or false"),
            (3, "ett heltal", "an integer"),
            (2.5, "ett tal", "a number"),
            ("x", "en text", "a string"),
            ({"a": 1}, "en tabell", "a table"),
            ([1], "en lista", "a list"),
            ((1,), "en lista", "a list"),
            (dt.datetime(2026, 1, 2, 3, 4), "en tidpunkt med klockslag", "a date-time"),
            (dt.date(2026, 1, 2), "ett datum (ÅÅÅÅ-MM-DD)", "a date (YYYY-MM-DD)"),
            (None, "ett okänt värde", "an unknown value"),
            (object, "ett okänt värde", "an unknown value"),
        ],
    )
    def test_type_names(self, value: object, sv: str, en: str) -> None:
        """Each kind of value is named in both languages (a bool is not an integer)."""
        assert (sv, en) == type_name(value)

    def test_out_of_range_shows_both_limits(self) -> None:
        """A value outside a closed range names the value and both limits."""
        checker = Checker()
        assert checker.integer(0, ("scale",), minimum=2, maximum=11) is None
        assert [
            (
                "error",
                "out-of-range",
                "scale",
                "0 ligger utanför det tillåtna intervallet 2..11",
                "0 is outside the allowed range 2..11",
            )
        ] == found(checker)

    def test_out_of_range_with_one_limit(self) -> None:
        """A range open at one end leaves that end empty, on either side."""
        checker = Checker()
        assert checker.integer(-1, ("a",), minimum=0) is None
        assert checker.number(7.5, ("b",), maximum=5) is None
        assert [
            "-1 is outside the allowed range 0..",
            "7.5 is outside the allowed range ..5",
        ] == [p.message.get("en") for p in checker.problems]
        assert [
            "-1 ligger utanför det tillåtna intervallet 0..",
            "7.5 ligger utanför det tillåtna intervallet ..5",
        ] == [p.message.get("sv") for p in checker.problems]

    def test_in_range_limits_are_inclusive(self) -> None:
        """Both limits of a closed range are allowed values."""
        checker = Checker()
        assert 2 == checker.integer(2, ("a",), minimum=2, maximum=11)
        assert 11 == checker.integer(11, ("b",), minimum=2, maximum=11)
        assert 0.0 == checker.number(0, ("c",), minimum=0, maximum=1)
        assert 1.0 == checker.number(1.0, ("d",), minimum=0, maximum=1)
        assert [] == found(checker)

    def test_number_not_finite(self) -> None:
        """NaN is refused with a message that names it."""
        checker = Checker()
        assert checker.number(math.nan, ("w",)) is None
        assert [
            (
                "error",
                "out-of-range",
                "w",
                "talet måste vara ändligt, inte nan",
                "the number must be finite, not nan",
            )
        ] == found(checker)

    def test_number_exclusive_minimum(self) -> None:
        """With an exclusive minimum the limit itself is refused; just above it is kept."""
        checker = Checker()
        assert checker.number(0.0, ("w",), minimum=0, exclusive_minimum=True) is None
        assert 1e-9 == checker.number(1e-9, ("v",), minimum=0, exclusive_minimum=True)
        assert checker.number(2, ("u",), minimum=0, maximum=1, exclusive_minimum=True) is None
        assert [
            (
                "error",
                "out-of-range",
                "w",
                "0.0 ska vara större än 0",
                "0.0 must be greater than 0",
            ),
            (
                "error",
                "out-of-range",
                "u",
                "2 ligger utanför det tillåtna intervallet ..1",
                "2 is outside the allowed range ..1",
            ),
        ] == found(checker)

    def test_number_bounds_are_inclusive_by_default(self) -> None:
        """Without exclusive_minimum the minimum itself is a valid number."""
        checker = Checker()
        assert 0.0 == checker.number(0, ("w",), minimum=0)
        assert [] == found(checker)

    def test_number_rejects_bool_and_text(self) -> None:
        """Booleans and strings are not numbers."""
        checker = Checker()
        assert checker.number(False, ("a",)) is None
        assert checker.number("0.5", ("b",)) is None
        assert [
            ("wrong-type", "a", "must be a number, got true or false: False"),
            ("wrong-type", "b", "must be a number, got a string: '0.5'"),
        ] == [(p.code, p.location, p.message.get("en")) for p in checker.problems]

    def test_string_length_limit_is_inclusive(self) -> None:
        """A text of exactly max_length characters is kept; one more is too long."""
        checker = Checker()
        assert "abc" == checker.string("abc", ("a",), max_length=3)
        assert checker.string("abcd", ("b",), max_length=3) is None
        assert [
            (
                "error",
                "too-long",
                "b",
                "texten är 4 tecken lång, högst 3 är tillåtet",
                "the text is 4 characters long, at most 3 are allowed",
            )
        ] == found(checker)

    def test_string_wrong_type(self) -> None:
        """A number where a text is expected is a wrong-type error naming both."""
        checker = Checker()
        assert checker.string(5, ("who",)) is None
        assert [
            (
                "error",
                "wrong-type",
                "who",
                "ska vara en text, men är ett heltal: 5",
                "must be a string, got an integer: 5",
            )
        ] == found(checker)

    def test_date_messages(self) -> None:
        """A date-time where a date is expected, and text that is no date, say what came."""
        checker = Checker("x.toml")
        assert checker.date(dt.datetime(2026, 1, 1, 9), ("d",)) is None
        assert checker.date("20 nov", ("e",)) is None
        assert checker.date(20261120, ("f",)) is None
        assert [
            (
                "error",
                "wrong-type",
                "x.toml:d",
                "ska vara ett datum (ÅÅÅÅ-MM-DD), men är en tidpunkt med klockslag: "
                "datetime.datetime(2026, 1, 1, 9, 0)",
                "must be a date (YYYY-MM-DD), got a date-time: datetime.datetime(2026, 1, 1, 9, 0)",
            ),
            (
                "error",
                "invalid-date",
                "x.toml:e",
                "ska vara ett datum ÅÅÅÅ-MM-DD, inte '20 nov'",
                "must be a date YYYY-MM-DD, not '20 nov'",
            ),
            (
                "error",
                "invalid-date",
                "x.toml:f",
                "ska vara ett datum ÅÅÅÅ-MM-DD, inte 20261120",
                "must be a date YYYY-MM-DD, not 20261120",
            ),
        ] == found(checker)

    def test_datetime_messages_and_forms(self) -> None:
        """A date-time may use a space instead of T; a bare date or other text is refused."""
        checker = Checker()
        assert dt.datetime(2027, 2, 15, 9, 30) == checker.datetime("2027-02-15 09:30", ("a",))
        assert checker.datetime("2027-02-15", ("b",)) is None
        assert checker.datetime("Tomorrow", ("c",)) is None
        assert [
            (
                "error",
                "invalid-datetime",
                "b",
                "ska vara en tidpunkt med klockslag (t.ex. 2027-02-15T09:00:00+01:00), "
                "inte '2027-02-15'",
                "must be a date-time (e.g. 2027-02-15T09:00:00+01:00), not '2027-02-15'",
            ),
            (
                "error",
                "invalid-datetime",
                "c",
                "ska vara en tidpunkt med klockslag (t.ex. 2027-02-15T09:00:00+01:00), "
                "inte 'Tomorrow'",
                "must be a date-time (e.g. 2027-02-15T09:00:00+01:00), not 'Tomorrow'",
            ),
        ] == found(checker)

    def test_choice_messages(self) -> None:
        """An unknown choice lists the allowed ones sorted; a non-string is a wrong type."""
        checker = Checker()
        assert "limited" == checker.choice("limited", ("a",), {"limited", "innovative"})
        assert checker.choice("middle", ("b",), {"limited", "innovative"}) is None
        assert checker.choice(1, ("c",), {"limited"}) is None
        assert [
            (
                "error",
                "invalid-value",
                "b",
                "'middle' är inte ett tillåtet värde; tillåtna: innovative, limited",
                "'middle' is not an allowed value; allowed: innovative, limited",
            ),
            (
                "error",
                "wrong-type",
                "c",
                "ska vara en text, men är ett heltal: 1",
                "must be a string, got an integer: 1",
            ),
        ] == found(checker)

    def test_slug_messages(self) -> None:
        """An id that is no slug says which characters are allowed; a number is a wrong type."""
        checker = Checker()
        assert checker.slug("Five Whys", ("id",)) is None
        assert checker.slug(7, ("id2",)) is None
        assert [
            (
                "error",
                "invalid-id",
                "id",
                "'Five Whys' är inget giltigt id: små bokstäver a-z, siffror och bindestreck",
                "'Five Whys' is not a valid id: lower-case letters a-z, digits and hyphens",
            ),
            (
                "error",
                "wrong-type",
                "id2",
                "ska vara en text, men är ett heltal: 7",
                "must be a string, got an integer: 7",
            ),
        ] == found(checker)

    def test_missing_key_and_unknown_key_messages(self) -> None:
        """Missing and unknown keys are named; an unknown key far from any gets no guess."""
        checker = Checker()
        checker.table({"zzz": 1}, ("plan",), required=("created",))
        assert [
            (
                "error",
                "missing-key",
                "plan.created",
                "nyckeln 'created' saknas",
                "the key 'created' is missing",
            ),
            ("error", "unknown-key", "plan.zzz", "okänd nyckel 'zzz'", "unknown key 'zzz'"),
        ] == found(checker)

    def test_open_table_allows_any_key(self) -> None:
        """With open_keys, keys beyond the known ones are left to the caller."""
        checker = Checker()
        value = {"created": 1, "anything": 2}
        assert value == checker.table(value, (), required=("created",), open_keys=True)
        assert [] == found(checker)

    def test_schema_messages(self) -> None:
        """The schema problems say which schema is expected."""
        checker = Checker("p.toml")
        checker.schema({}, "plan")
        checker.schema({"schema": "innovationsresan.plan/2"}, "plan", major=1)
        assert [
            (
                "error",
                "missing-key",
                "p.toml:schema",
                "nyckeln 'schema' saknas; den ska vara \"innovationsresan.plan/1\"",
                "the key 'schema' is missing; it must be \"innovationsresan.plan/1\"",
            ),
            (
                "error",
                "schema-mismatch",
                "p.toml:schema",
                "schemat 'innovationsresan.plan/2' kan inte läsas; "
                'det ska vara "innovationsresan.plan/1"',
                "the schema 'innovationsresan.plan/2' cannot be read; "
                'it must be "innovationsresan.plan/1"',
            ),
        ] == found(checker)

    def test_a_document_without_file_or_path_is_located(self) -> None:
        """A problem about the whole document is never located at an empty string."""
        assert "(document)" == Checker().at()
        assert "r.toml" == Checker("r.toml").at()
        assert "r.toml:a[2]" == Checker("r.toml").at("a", 2)

    def test_extend_and_ok(self) -> None:
        """Problems found elsewhere are added; warnings alone leave the document ok."""
        other = Checker()
        other.warning("w", ("a",), "sv", "en")
        checker = Checker()
        checker.extend(other.problems)
        assert checker.ok
        assert [("warning", "w", "a", "sv", "en")] == found(checker)
        checker.error("e", ("b",), "fel", "wrong")
        assert not checker.ok


class TestLocalizedDetails:
    def test_plain_string_is_swedish(self) -> None:
        """A plain string is the Swedish text; English is then a missing translation."""
        checker = Checker()
        text = checker.localized("Fem varför", ("title",))
        assert text is not None
        assert {"sv": "Fem varför"} == text.as_dict()
        assert [
            (
                "warning",
                "missing-translation",
                "title.en",
                "texten saknas på språket 'en'",
                "the text is missing in language 'en'",
            )
        ] == found(checker)

    def test_not_a_table(self) -> None:
        """A number where a text table is expected is a wrong type at its path."""
        checker = Checker()
        assert checker.localized(5, ("title",)) is None
        assert [
            (
                "error",
                "wrong-type",
                "title",
                "ska vara en tabell, men är ett heltal: 5",
                "must be a table, got an integer: 5",
            )
        ] == found(checker)

    def test_missing_swedish_message(self) -> None:
        """Blank Swedish text is an error with its own message."""
        checker = Checker()
        checker.localized({"sv": "  ", "en": "x"}, ("t",))
        assert [
            (
                "error",
                "missing-translation",
                "t.sv",
                "svensk text krävs",
                "a Swedish text is required",
            ),
        ] == found(checker)

    def test_every_bad_language_and_text_is_reported(self) -> None:
        """A bad language code does not stop the check: later entries are still read."""
        checker = Checker()
        text = checker.localized(
            {"1 2": "c", "sv": "a", "EN": "b", "fi": 3, "sv-FI": "d"}, ("t",), languages=("sv",)
        )
        assert text is not None
        assert {"sv": "a", "EN": "b", "sv-FI": "d"} == text.as_dict()
        assert [
            (
                "error",
                "invalid-language",
                "t.1 2",
                "'1 2' är ingen språkkod (BCP 47, t.ex. sv, en, fi, se, fit)",
                "'1 2' is not a language code (BCP 47, e.g. sv, en, fi, se, fit)",
            ),
            (
                "error",
                "wrong-type",
                "t.fi",
                "ska vara en text, men är ett heltal: 3",
                "must be a string, got an integer: 3",
            ),
        ] == found(checker)

    def test_each_expected_language_is_checked(self) -> None:
        """Every expected language other than Swedish is a warning when missing or blank."""
        checker = Checker()
        checker.localized({"sv": "a", "en": " "}, ("t",), languages=("sv", "en", "fi"))
        assert [
            ("warning", "missing-translation", "t.en"),
            ("warning", "missing-translation", "t.fi"),
        ] == [(p.severity.value, p.code, p.location) for p in checker.problems]


def levenshtein(a: str, b: str) -> int:
    """Edit distance by its definition (insert, delete, substitute), for small strings."""

    @functools.cache
    def d(i: int, j: int) -> int:
        if i == 0 or j == 0:
            return i + j
        return min(d(i - 1, j) + 1, d(i, j - 1) + 1, d(i - 1, j - 1) + (a[i - 1] != b[j - 1]))

    return d(len(a), len(b))


class TestTypoSuggestion:
    @given(st.text("abc", max_size=6), st.text("abc", max_size=6))
    def test_distance_is_the_edit_distance(self, a: str, b: str) -> None:
        """The distance used for suggestions is the Levenshtein distance."""
        assert levenshtein(a, b) == _distance(a, b)

    @pytest.mark.parametrize(
        ("a", "b", "expected"),
        [("", "", 0), ("", "ab", 2), ("ab", "", 2), ("kitten", "sitting", 3), ("ab", "ba", 2)],
    )
    def test_distance_examples(self, a: str, b: str, expected: int) -> None:
        """Known distances, including the empty string on either side."""
        assert expected == _distance(a, b)

    def test_hyphen_and_case_variants_match_exactly(self) -> None:
        """A key that differs only in hyphens for underscores, or case, names the right key."""
        assert "follow_up" == _nearest("Follow-Up", ["created", "follow_up"])
        assert "due-date" == _nearest("DUE_DATE", ["due-date", "due"])

    def test_many_hyphens_for_underscores_still_match(self) -> None:
        """A key written with hyphens (or capitals) for every underscore names the key, however
        many edits that would take."""
        assert "a_b_c_d" == _nearest("A-B-C-D", ["a_b_c_d", "abcd"])
        assert "a-b-c-d" == _nearest("A_B_C_D", ["a-b-c-d", "abcd"])

    def test_case_does_not_count_as_a_typo(self) -> None:
        """Upper-case letters are compared as lower-case ones."""
        assert "schema" == _nearest("SCHEMAX", ["schema", "title"])

    def test_one_edit_is_always_allowed_more_for_long_keys(self) -> None:
        """Short keys allow one edit; a key allows a quarter of its length in edits."""
        assert "who" == _nearest("whp", ["who"])
        assert _nearest("wpp", ["who"]) is None
        assert "statements" == _nearest("statemnts", ["statements"])
        assert "statements" == _nearest("stetemnts", ["statements"])
        assert _nearest("stxtxmnts", ["statements"]) is None
        assert "abcdefgh" == _nearest("abcdefxx", ["abcdefgh"])
        assert _nearest("abcdexxx", ["abcdefgh"]) is None
        assert "abcdefg" == _nearest("abcdefx", ["abcdefg"])
        assert _nearest("abcdexx", ["abcdefg"]) is None

    def test_the_closest_candidate_wins_first_in_order_on_ties(self) -> None:
        """Among plausible keys the nearest is named; on a tie, the first in sorted order."""
        assert "abcdefgh" == _nearest("abcdefgx", ["abcdefxx", "abcdefgh"])
        assert "abcdefgh" == _nearest("abcdefgx", ["abcdefgh", "abcdefxx"])
        assert "abcd" == _nearest("abcx", ["abcy", "abcd"])

    def test_no_candidates(self) -> None:
        """Nothing to suggest from an empty list."""
        assert _nearest("anything", []) is None


class TestErrorCount:
    def test_counts_errors_not_warnings(self) -> None:
        """error_count and ok follow the errors as they are recorded; warnings do not count."""
        check = Checker("f.toml")
        check.warning("w", ("a",), "sv", "en")
        assert (0, True) == (check.error_count, check.ok)
        check.error("e", ("b",), "sv", "en")
        check.error("e", ("c",), "sv", "en")
        assert (2, False) == (check.error_count, check.ok)

    def test_problems_added_or_replaced_directly(self) -> None:
        """Problems appended to, or a list put in place of, .problems are counted too."""
        check = Checker()
        check.error("e", ("a",), "sv", "en")
        assert 1 == check.error_count
        other = Checker()
        other.error("e", ("b",), "sv", "en")
        check.extend(other.problems)
        assert 2 == check.error_count
        check.problems = [p for p in check.problems if p.location != "a"]
        assert 1 == check.error_count


class TestChoiceNames:
    def test_a_name_people_type_is_read_as_the_choice(self) -> None:
        """choice() reads a Swedish name (any case) as the choice it names, and says nothing."""
        from innovationsresan.followup import FACTOR_KIND_NAMES

        check = Checker("journey.toml")
        value = check.choice(" Bemanning", ("kind",), ["staffing", "politics"], FACTOR_KIND_NAMES)
        assert ("staffing", []) == (value, check.problems)


class TestChoiceInWords:
    def test_an_unknown_name_is_quoted_as_written(self) -> None:
        """A value that is neither a choice nor a name for one is quoted as it was written."""
        check = Checker("journey.toml")
        assert check.choice("Okänd", ("kind",), ["staffing"], {"bemanning": "staffing"}) is None
        assert [
            (
                "error",
                "invalid-value",
                "journey.toml:kind",
                "'Okänd' är inte ett tillåtet värde; tillåtna: staffing",
                "'Okänd' is not an allowed value; allowed: staffing",
            )
        ] == found(check)


class TestTableInWords:
    def test_a_value_that_is_no_table(self) -> None:
        """A value where a table belongs is shown with its type."""
        check = Checker("f.toml")
        assert check.table(3, ("follow_up",)) is None
        assert [
            (
                "error",
                "wrong-type",
                "f.toml:follow_up",
                "ska vara en tabell, men är ett heltal: 3",
                "must be a table, got an integer: 3",
            )
        ] == found(check)


class TestNumberMinimum:
    def test_below_an_inclusive_minimum(self) -> None:
        """A number below its (inclusive) minimum is out of range and shows the lower limit."""
        checker = Checker()
        assert checker.number(-0.5, ("weight",), minimum=0, maximum=1) is None
        assert [
            (
                "error",
                "out-of-range",
                "weight",
                "-0.5 ligger utanför det tillåtna intervallet 0..1",
                "-0.5 is outside the allowed range 0..1",
            )
        ] == found(checker)


class TestKeep:
    def test_past_keep_problems_are_only_counted(self) -> None:
        """With keep=2 the first two problems are kept and the rest counted by code."""
        checker = Checker("f.toml", keep=2)
        checker.table({"a": 1, "b": 2, "c": 3}, (), required=("x",))
        assert [("missing-key", "f.toml:x"), ("unknown-key", "f.toml:a")] == codes(checker)
        assert {"unknown-key": 2} == checker.dropped
        assert 2 == checker.dropped_count

    def test_counted_errors_count_for_ok(self) -> None:
        """An error only counted still makes the document not ok (and counts as an error)."""
        checker = Checker(keep=0)
        checker.string(3, ("respondent",))
        assert ([], False, 1) == (checker.problems, checker.ok, checker.error_count)

    def test_counted_warnings_are_not_errors(self) -> None:
        """A warning past keep is counted but leaves the document ok."""
        checker = Checker(keep=0)
        checker.warning("w", ("x",), "v", "w")
        assert (True, {"w": 1}) == (checker.ok, checker.dropped)

    def test_extend_past_keep_counts(self) -> None:
        """Problems added from elsewhere past keep are counted, not kept."""
        other = Checker()
        other.error("e", ("a",), "x", "x")
        other.error("e", ("b",), "x", "x")
        checker = Checker(keep=1)
        checker.extend(other.problems)
        assert (1, {"e": 1}, 2) == (len(checker.problems), checker.dropped, checker.error_count)

    def test_hints_only_for_the_first_problems(self) -> None:
        """Unknown keys get a "did you mean" hint among the first problems only."""
        checker = Checker()
        keys = {f"k{i}": 1 for i in range(HINTED_PROBLEMS)} | {"titl": 1}
        checker.table(keys, (), optional=("title",))
        assert "did you mean" not in checker.problems[-1].message.get("en")
        early = Checker()
        early.table({"titl": 1}, (), optional=("title",))
        assert "did you mean 'title'" in early.problems[0].message.get("en")

    def test_hint_up_to_the_longest_hinted_name(self) -> None:
        """A name of exactly HINTED_LENGTH characters still gets its hint; one more does not."""
        key = "k" * (HINTED_LENGTH - 1)
        checker = Checker()
        checker.table({key + "x": 1, key + "xy": 1}, (), optional=(key + "y",))
        hinted = ["did you mean" in p.message.get("en") for p in checker.problems]
        assert [True, False] == hinted

    def test_counted_problems_by_code(self) -> None:
        """count() past keep counts a problem by its code, an error unless told otherwise."""
        checker = Checker(keep=0)
        checker.count("invalid-rating")
        checker.count("invalid-rating")
        checker.count("odd-value", error=False)
        assert ({"invalid-rating": 2, "odd-value": 1}, 2, False) == (
            checker.dropped,
            checker.error_count,
            checker.ok,
        )

    def test_only_counted_warnings_leave_the_document_ok(self) -> None:
        """Problems counted as warnings alone keep the document ok."""
        checker = Checker(keep=0)
        checker.count("odd-value", error=False)
        assert (0, True) == (checker.error_count, checker.ok)

    def test_no_hint_for_a_very_long_name(self) -> None:
        """A name longer than any id gets no hint (its distance would cost its length squared)."""
        checker = Checker()
        checker.table({"title" + "e" * 100: 1}, (), optional=("title",))
        assert "did you mean" not in checker.problems[0].message.get("en")


def problems_in(file: str, n: int, *, error: bool = True) -> list[Problem]:
    make = Problem.error if error else Problem.warning
    return [make("x", f"{file}:k[{i}]", "fel", "wrong") for i in range(n)]


class TestCapped:
    def test_first_kept_per_file_the_rest_counted(self) -> None:
        """Each file keeps its first problems in order; a more-problems per file counts the rest."""
        a, b = problems_in("a.toml", 5), problems_in("b.toml", 2)
        result = capped([*a[:2], *b, *a[2:]], keep=3)
        assert [*a[:2], *b, a[2]] == result[:-1]
        more = result[-1]
        assert ("error", "more-problems", "a.toml") == (more.severity, more.code, more.location)
        assert more.message.get("en").startswith("and 2 more problems in the file (the first 3")
        assert more.message.get("sv").startswith("och 2 problem till i filen (de första 3")

    def test_nothing_added_within_the_limit(self) -> None:
        """A file with at most keep problems is returned as it came."""
        within = problems_in("a.toml", 100)
        assert within == capped(within)

    def test_warnings_left_out_make_a_warning(self) -> None:
        """Left-out warnings alone give a warning, so the document stays usable."""
        result = capped(problems_in("a.toml", 3, error=False), keep=1)
        assert (Severity.WARNING, "more-problems") == (result[-1].severity, result[-1].code)

    def test_keep_one_keeps_each_files_first(self) -> None:
        """With keep=1 each file keeps its first problem."""
        a, b = problems_in("a.toml", 2), problems_in("b.toml", 2)
        result = capped([*a, *b], keep=1)
        assert [a[0], b[0]] == result[:2]

    def test_the_file_ends_at_the_first_colon(self) -> None:
        """A location's file is what comes before its first colon, even if another follows."""
        problems = [
            Problem.error("x", "a.toml:k:1", "fel", "wrong"),
            Problem.error("x", "a.toml:k:2", "fel", "wrong"),
            Problem.error("x", "a.toml:j", "fel", "wrong"),
        ]
        result = capped(problems, keep=1)
        assert [problems[0], "a.toml"] == [result[0], result[1].location]
        assert 2 == len(result)

    def test_one_error_left_out_among_warnings_makes_an_error(self) -> None:
        """The note is an error when any problem left out was one, first or last."""
        kept = Problem.warning("x", "a.toml:k", "varning", "warning")
        error = Problem.error("x", "a.toml:e", "fel", "wrong")
        later = Problem.warning("x", "a.toml:w", "varning", "warning")
        assert Severity.ERROR == capped([kept, error, later], keep=1)[-1].severity

    def test_without_where_the_note_is_at_the_document(self) -> None:
        """Without *where*, the note for problems without a file has an empty location."""
        plain = [Problem.error("x", f"k[{i}]", "fel", "wrong") for i in range(2)]
        assert ("more-problems", "") == (
            capped(plain, keep=1)[-1].code,
            capped(plain, keep=1)[-1].location,
        )

    def test_problems_without_a_file_go_where_told(self) -> None:
        """Locations without a file count as one document, whose note is at *where*."""
        plain = [Problem.error("x", f"actions[{i}].who", "s", "e") for i in range(3)]
        result = capped(plain, keep=2, where="actions", sv_in="i planen", en_in="in the plan")
        assert ("more-problems", "actions") == (result[-1].code, result[-1].location)
        assert result[-1].message.get("en").startswith("and 1 more problems in the plan")


class TestMoreProblems:
    def test_in_words(self) -> None:
        """The note says how many were left out, how many are shown and what to do, in Swedish
        and English; it is an error unless told otherwise."""
        more = more_problems("f.toml", 3)
        assert (
            Severity.ERROR,
            "more-problems",
            "f.toml",
            "och 3 problem till i filen (de första 100 visas); rätta dem och läs filen igen",
            "and 3 more problems in the file (the first 100 are shown); "
            "fix them and read the file again",
        ) == (
            more.severity,
            more.code,
            more.location,
            more.message.get("sv"),
            more.message.get("en"),
        )


class TestAllProblems:
    def test_more_problems_after_the_kept(self) -> None:
        """A checker that only counted some problems ends its list with more-problems."""
        checker = Checker("f.toml", keep=1)
        checker.table({"a": 1, "b": 2, "c": 3}, ())
        problems = checker.all_problems()
        assert ["unknown-key", "more-problems"] == [p.code for p in problems]
        assert "f.toml" == problems[-1].location
        assert problems[-1].message.get("en").startswith("and 2 more problems in the file")

    def test_the_note_counts_what_was_kept(self) -> None:
        """The note says how many problems are shown: as many as were kept."""
        checker = Checker("f.toml", keep=2)
        for key in "abcde":
            checker.error("e", (key,), "fel", "wrong")
        assert (
            "and 3 more problems in the file (the first 2 are shown); "
            "fix them and read the file again"
        ) == checker.all_problems()[-1].message.get("en")

    @pytest.mark.parametrize(
        ("dropped", "severity"),
        [(["warning", "warning"], Severity.WARNING), (["error", "warning"], Severity.ERROR)],
    )
    def test_the_note_is_an_error_when_an_error_was_left_out(
        self, dropped: list[str], severity: Severity
    ) -> None:
        """Only warnings left out make the note a warning; one error among them, an error."""
        checker = Checker("f.toml", keep=1)
        checker.warning("w", ("a",), "varning", "warning")
        for i, kind in enumerate(dropped):
            checker.report(Severity(kind), "x", (f"k{i}",), "fel", "wrong")
        assert (severity, "more-problems") == (
            checker.all_problems()[-1].severity,
            checker.all_problems()[-1].code,
        )

    def test_nothing_counted_nothing_added(self) -> None:
        """A checker within its limit gives its problems as they are."""
        checker = Checker("f.toml", keep=5)
        checker.table({"a": 1}, ())
        assert checker.problems == checker.all_problems()
