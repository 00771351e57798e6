"""Tests for responses: building, checking and reading back one person's answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from innovationsresan.errors import InputError
from innovationsresan.responses import (
    NA,
    SCHEMA,
    Response,
    _plain,
    check_response,
    check_response_kept,
    parse_response,
)
from tests.strategies import mutated_documents, responses

STATEMENT_IDS = ("t:a", "t:b", "u:c", "plain")


def doc(**keys: Any) -> dict[str, Any]:
    """A response document with the schema and the given keys."""
    return {"schema": SCHEMA, **keys}


def problems_of(mapping: object, **kwargs: Any) -> list[tuple[str, str]]:
    """The (code, location) of every problem parsing *mapping* reports."""
    with pytest.raises(InputError) as caught:
        parse_response(mapping, **kwargs)  # type: ignore[arg-type]
    return [(p.code, p.location) for p in caught.value.problems]


class TestParseResponse:
    def test_full_document(self) -> None:
        """Every key of the file format is read into the response."""
        response = parse_response(
            doc(
                respondent="r07",
                date="2026-11-20",
                scale=7,
                current={"organisation": {"curiosity": 2}, "individual": {"ownership": 7}},
                desired={"organisation": {"curiosity": 6}},
                statements={"kiruna:limited-org-uncertainty-1": 5},
            )
        )
        expected = Response(
            respondent="r07",
            date=dt.date(2026, 11, 20),
            scale=7,
            current=(("organisation", "curiosity", 2), ("individual", "ownership", 7)),
            desired=(("organisation", "curiosity", 6),),
            statements=(("kiruna:limited-org-uncertainty-1", 5),),
        )
        assert expected == response

    def test_defaults(self) -> None:
        """Only the schema is required; the scale defaults to 5 and nothing is answered."""
        assert Response() == parse_response(doc())
        assert 5 == parse_response(doc()).scale

    def test_not_applicable_is_kept(self) -> None:
        """An ``n/a`` rating stays in the response, distinguishable from an unanswered one."""
        response = parse_response(doc(current={"organisation": {"curiosity": "n/a"}}))
        assert NA == response.rating("current", "organisation", "curiosity")
        assert response.rating("current", "organisation", "ownership") is None
        assert NA == response.rating("current", "organisation", "Nyfikenhet")

    def test_null_is_unanswered(self) -> None:
        """A JSON null rating counts as unanswered and is dropped."""
        response = parse_response(
            doc(current={"organisation": {"curiosity": None}}, statements={"t:a": None})
        )
        assert Response() == response

    def test_location_with_file(self) -> None:
        """Problems name the file and the key path."""
        mapping = doc(current={"organisation": {"curiosity": 9}})
        assert [("invalid-rating", "team/r01.toml:current.organisation.curiosity")] == problems_of(
            mapping, file="team/r01.toml"
        )

    def test_location_in_collection(self) -> None:
        """Inside a collection the response's index comes first in brackets."""
        mapping = doc(current={"organisation": {"curiosity": 9}})
        assert [("invalid-rating", "team.jsonl:[6].current.organisation.curiosity")] == problems_of(
            mapping, file="team.jsonl", index=6
        )

    def test_every_problem_is_reported(self) -> None:
        """All problems come in one error, each with its own location."""
        mapping = {
            "schema": SCHEMA,
            "curent": {},
            "scale": 5,
            "respondent": "x" * 201,
            "date": "2026-13-01",
            "current": {
                "organisaton": {"curiosity": 3},
                "individual": {
                    "curiosty": 3,
                    "ownership": True,
                    "collaboration": 7,
                    "experimenting": float("nan"),
                    "curiosity": "many",
                    "testing": 2,
                },
            },
            "desired": {"organisation": {"ownership": 2.0}},
            "statements": {"Bad Id": 2, "kiruna:ok": 0},
        }
        expected = [
            ("unknown-key", "curent"),
            ("too-long", "respondent"),
            ("invalid-date", "date"),
            ("unknown-perspective", "current.organisaton"),
            ("unknown-principle", "current.individual.curiosty"),
            ("invalid-rating", "current.individual.ownership"),
            ("invalid-rating", "current.individual.collaboration"),
            ("invalid-rating", "current.individual.experimenting"),
            ("invalid-rating", "current.individual.curiosity"),
            ("unknown-principle", "current.individual.testing"),
            ("invalid-rating", "desired.organisation.ownership"),
            ("invalid-id", "statements.Bad Id"),
            ("invalid-rating", "statements.kiruna:ok"),
        ]
        assert expected == problems_of(mapping)

    def test_typo_suggests_the_key(self) -> None:
        """An unknown key names the key it was probably meant to be."""
        with pytest.raises(InputError) as caught:
            parse_response(doc(curent={}))
        assert "did you mean 'current'?" in caught.value.problems[0].message.get("en")

    def test_typo_suggests_the_principle(self) -> None:
        """A misspelled principle id names the principle it was probably meant to be."""
        with pytest.raises(InputError) as caught:
            parse_response(doc(current={"organisation": {"curiosty": 3}}))
        problem = caught.value.problems[0]
        assert "okänd princip 'curiosty' (menade du 'curiosity'?)" == problem.message.get("sv")

    def test_rating_messages(self) -> None:
        """A rating's message says what is allowed, in Swedish and English."""
        with pytest.raises(InputError) as caught:
            parse_response(doc(scale=4, current={"organisation": {"curiosity": 3.5}}))
        message = caught.value.problems[0].message
        assert 'a rating must be a whole number 1..4 or "n/a", not 3.5' == message.get("en")
        assert 'ett betyg ska vara ett heltal 1..4 eller "n/a", inte 3.5' == message.get("sv")

    @pytest.mark.parametrize(
        ("schema", "code"),
        [
            ("innovationsresan.response/2", "schema-mismatch"),
            ("innovationsresan.plan/1", "schema-mismatch"),
            (None, "missing-key"),
        ],
    )
    def test_schema(self, schema: str | None, code: str) -> None:
        """Another kind or major version, or no schema, is an error at ``schema``."""
        mapping: dict[str, Any] = {"current": {}}
        if schema is not None:
            mapping["schema"] = schema
        assert [(code, "schema")] == problems_of(mapping)

    def test_other_schema_hides_its_keys(self) -> None:
        """A document of another major version is not picked apart key by key."""
        mapping = {"schema": "innovationsresan.response/2", "ratings": {}, "people": []}
        assert [("schema-mismatch", "a.toml:schema")] == problems_of(mapping, file="a.toml")

    @pytest.mark.parametrize(
        ("scale", "code"), [(1, "out-of-range"), (12, "out-of-range"), ("5", "wrong-type")]
    )
    def test_scale(self, scale: object, code: str) -> None:
        """The scale is an integer 2..11."""
        assert [(code, "scale")] == problems_of(doc(scale=scale))

    def test_invalid_scale_still_checks_ratings(self) -> None:
        """With an unusable scale, ratings are still checked against the widest scale."""
        mapping = doc(scale=20, current={"organisation": {"curiosity": 12, "ownership": 11}})
        expected = [
            ("out-of-range", "scale"),
            ("invalid-rating", "current.organisation.curiosity"),
        ]
        assert expected == problems_of(mapping)

    def test_rating_out_of_scale(self) -> None:
        """A rating above the response's own scale is out of range."""
        assert [("invalid-rating", "current.organisation.curiosity")] == problems_of(
            doc(scale=3, current={"organisation": {"curiosity": 4}})
        )

    @pytest.mark.parametrize("rating", [0, -1, "N/A?", "", "3", 3.0, False])
    def test_bad_ratings(self, rating: object) -> None:
        """Zero, negatives, other strings, floats and booleans are not ratings."""
        assert [("invalid-rating", "statements.t:a")] == problems_of(
            doc(statements={"t:a": rating})
        )

    def test_respondent_type(self) -> None:
        """The respondent is a string."""
        assert [("wrong-type", "respondent")] == problems_of(doc(respondent=7))

    def test_date_time_is_not_a_date(self) -> None:
        """A date-time where a date belongs is the wrong type."""
        assert [("wrong-type", "date")] == problems_of(doc(date=dt.datetime(2026, 1, 1, 9, 0)))

    def test_tables_must_be_tables(self) -> None:
        """current, its perspectives and statements must be tables."""
        mapping = doc(current={"organisation": [1, 2]}, desired=3, statements="x")
        expected = [
            ("wrong-type", "current.organisation"),
            ("wrong-type", "desired"),
            ("wrong-type", "statements"),
        ]
        assert expected == problems_of(mapping)

    def test_document_must_be_a_table(self) -> None:
        """A document that is not a table is one problem at the file."""
        assert [("wrong-type", "a.json")] == problems_of([1, 2], file="a.json")

    def test_check_response_never_raises(self) -> None:
        """check_response returns the problems instead of raising."""
        response, problems = check_response(doc(scale=1))
        assert response is None
        assert ["out-of-range"] == [p.code for p in problems]

    def test_source_is_remembered(self) -> None:
        """The file and index a response came from are kept for later problems."""
        response = parse_response(doc(), file="team.csv", index=3)
        assert "team.csv:[3].statements.x" == response.location("statements", "x")


class TestResponse:
    def test_order_of_items_does_not_matter(self) -> None:
        """Responses with the same answers given in another order are equal."""
        a = Response(
            current={
                "individual": {"ownership": 2},
                "organisation": {"curiosity": 3, "ownership": 1},
            },
            statements={"t:b": 1, "t:a": 2},
        )
        b = Response(
            current={
                "organisation": {"ownership": 1, "curiosity": 3},
                "individual": {"ownership": 2},
            },
            statements={"t:a": 2, "t:b": 1},
        )
        assert a == b
        assert hash(a) == hash(b)

    def test_items_in_ladder_order(self) -> None:
        """Ladder ratings are kept organisation first, then in the order of the ladder."""
        response = Response(
            current={
                "individual": {"curiosity": 1},
                "organisation": {"curiosity": 2, "ownership": 3},
            }
        )
        expected = (
            ("organisation", "ownership", 3),
            ("organisation", "curiosity", 2),
            ("individual", "curiosity", 1),
        )
        assert expected == response.current

    def test_source_takes_no_part_in_equality(self) -> None:
        """Two responses with the same answers are equal wherever they were read."""
        assert Response(source="a.toml") == Response(source="b.toml", index=2)

    def test_invalid_values_raise(self) -> None:
        """Building a response with an out-of-range rating raises InputError with the location."""
        with pytest.raises(InputError) as caught:
            Response(scale=5, current={"organisation": {"curiosity": 6}})
        assert [("invalid-rating", "current.organisation.curiosity")] == [
            (p.code, p.location) for p in caught.value.problems
        ]

    def test_duplicate_item_raises(self) -> None:
        """A cell or statement given twice (possible only as pairs or triples) is a problem."""
        with pytest.raises(InputError) as caught:
            Response(
                current=[("organisation", "curiosity", 3), ("organisation", "curiosity", 2)],
                statements=[("t:a", 1), ("t:a", 2)],
            )
        expected = [
            ("duplicate-rating", "current.organisation.curiosity"),
            ("duplicate-rating", "statements.t:a"),
        ]
        assert expected == [(p.code, p.location) for p in caught.value.problems]

    def test_date_must_be_a_date(self) -> None:
        """Built directly, a response needs a date object, not its text."""
        with pytest.raises(InputError) as caught:
            Response(date="2026-11-20")  # type: ignore[arg-type]
        assert [("wrong-type", "date")] == [(p.code, p.location) for p in caught.value.problems]

    def test_ratings_as_tables(self) -> None:
        """ratings() gives back the nested tables of the file format."""
        response = Response(
            current={"organisation": {"curiosity": 3}, "individual": {"ownership": NA}}
        )
        assert {
            "organisation": {"curiosity": 3},
            "individual": {"ownership": NA},
        } == response.ratings("current")
        assert {} == response.ratings("desired")

    def test_unknown_kind(self) -> None:
        """Only current and desired are kinds of ladder rating."""
        with pytest.raises(ValueError, match="kind"):
            Response().ratings("wished")

    def test_to_mapping_leaves_out_empty_tables(self) -> None:
        """The mapping holds the schema and scale, and only the tables that have answers."""
        expected = {"schema": SCHEMA, "scale": 5, "statements": {"t:a": NA}}
        assert expected == Response(statements={"t:a": NA}).to_mapping()

    @given(responses(STATEMENT_IDS))
    def test_mapping_round_trip(self, response: Response) -> None:
        """parse_response reads to_mapping back into an equal response."""
        assert response == parse_response(response.to_mapping())


class TestNotApplicable:
    @pytest.mark.parametrize("written", ["n/a", "N/A", "N/a", " n/a "])
    def test_any_case_in_a_mapping(self, written: str) -> None:
        """n/a is read in any case and with spaces around it, as in CSV and reflect."""
        response = parse_response(
            {"schema": SCHEMA, "current": {"organisation": {"curiosity": written}}}
        )
        assert NA == response.rating("current", "organisation", "curiosity")


class TestQuickPath:
    """Plain dicts (what JSON and CSV give) are checked in one quick pass."""

    @given(responses())
    def test_equal_to_the_constructor(self, response: Response) -> None:
        """The quick pass builds exactly the response the constructor builds, JSON dates too."""
        document = response.to_mapping()
        assert response == _plain(document, None, None)
        if "date" in document:
            document["date"] = document["date"].isoformat()
        assert response == _plain(document, "f.json", 3)

    @given(responses(), st.randoms(use_true_random=False))
    def test_any_order_and_unanswered_cells(self, response: Response, rng: Any) -> None:
        """Tables written in any order, with unanswered cells (None) among them, give the
        response the constructor builds, in ladder order, with the items shared."""
        document = response.to_mapping()
        for kind in ("current", "desired"):
            for perspective, cells in document.get(kind, {}).items():
                shuffled = list(cells.items())
                if "multiple-perspectives" not in cells:
                    shuffled.append(("multiple-perspectives", None))
                rng.shuffle(shuffled)
                document[kind][perspective] = dict(shuffled)
        first = _plain(document, None, None)
        assert response == first
        again = _plain(document, None, None)
        assert again is not None
        assert all(a is b for a, b in zip(first.current, again.current, strict=True))

    @pytest.mark.parametrize(
        "change",
        [
            {"current": {"organisation": {"no-such-principle": 3}}},
            {"current": {"organisation": {"curiosity": 0}}},
            {"current": {"organisation": {"curiosity": None, "no-such-principle": 3}}},
            {"desired": {"individual": {"curiosity": "n/a", "testing": 2}}},
            {"current": {"organisation": {"curiosity": 3, "ownership": 9}}},
            {"respondent": None},
            {"date": None},
            {"scale": True},
            {"current": {"organisation": {"curiosity": True}}},
            {"current": {"organisation": {"curiosity": 1.0}}},
            {"current": {"organisation": {"curiosity": 6}}},
            {"current": {"organisation": {"curiosity": "maybe"}}},
            {"current": {"organisation": {"curiosity": [1]}}},
            {"current": {"organisation": None}},
            {"statements": {"Bad Id": 3}},
            {"statements": {"kiruna:x": {"nested": 1}}},
            {"extra": 1},
        ],
    )
    def test_anything_odd_goes_to_the_detailed_check(self, change: dict[str, Any]) -> None:
        """A value the quick pass is not sure of is left to the detailed check, which names it."""
        document = {"schema": SCHEMA, "scale": 5, **change}
        assert _plain(document, None, None) is None
        response, problems = check_response(document)
        assert response is None
        assert problems


#: A response whose every part can be broken by the mutations.
_BROAD = {
    "schema": SCHEMA,
    "respondent": "r1",
    "date": "2026-11-20",
    "scale": 5,
    "current": {
        "organisation": {"curiosity": 3, "collaboration": NA},
        "individual": {"curiosity": 2},
    },
    "desired": {"organisation": {"curiosity": 5}},
    "statements": {"t:a": 4, "plain": 1},
}


class TestKeptProblems:
    @given(mutated_documents(_BROAD), st.integers(0, 4))
    def test_kept_and_counted_add_up(self, document: dict[str, Any], keep: int) -> None:
        """Keeping *keep* problems gives the first ones of the full check and counts the rest."""
        response, problems = check_response(document, file="f.json", index=2)
        kept_response, kept, more = check_response_kept(document, file="f.json", index=2, keep=keep)
        assert (response, problems[:keep], len(problems)) == (
            kept_response,
            kept,
            len(kept) + more,
        )

    def test_thousands_of_faults_are_counted(self) -> None:
        """A document of 16 000 unknown names and bad ratings is counted exactly, none built."""
        table = {f"p{i}": 3 for i in range(8000)} | {"curiosity": 99}
        document = doc(current={"organisation": table}, k=1, statements={"t:a": "x"})
        _, problems = check_response(document)
        response, kept, more = check_response_kept(document, keep=0)
        assert (None, (), 8003) == (response, kept, more)
        assert 8003 == len(problems)

    def test_other_schema_hides_counted_keys_too(self) -> None:
        """A document of another kind says nothing of its keys, whether kept or counted."""
        document = {"schema": "innovationsresan.plan/1", "a": 1, "b": 2}
        assert 1 == len(check_response(document)[1])
        assert (None, (), 1) == check_response_kept(document, keep=0)
