"""Tests for action plans: reading (DESIGN.md §6), validation codes (§9), pack rules, skeletons."""

from __future__ import annotations

import datetime as dt
import itertools
import threading
import time
import zoneinfo
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import attrs
import pytest
from hypothesis import given

from innovationsresan.catalog import Catalog, PackContent
from innovationsresan.errors import InputError, UnknownIdError
from innovationsresan.guard import TIME_LIMIT_VAR
from innovationsresan.ladder import PRINCIPLE_IDS
from innovationsresan.model import (
    Card,
    LocalizedText,
    PackInfo,
    Problem,
    Severity,
    SupportFunction,
)
from innovationsresan.plans import (
    Action,
    ActionPlan,
    DateRange,
    FollowUp,
    PlanReport,
    SupportNeed,
    describe_support,
    parse_plan,
    plan_skeleton,
    validate_plan,
)
from tests.budget import capped
from tests.strategies import plan_documents, plans, valid_plans

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
CREATED = dt.date(2026, 11, 26)
TODAY = dt.date(2026, 11, 26)

ERRORS = {
    "no-actions",
    "missing-what",
    "missing-how",
    "missing-when",
    "missing-who",
    "missing-follow-up",
    "follow-up-before-created",
    "when-before-created",
    "unknown-card",
    "unknown-principle",
    "unknown-support",
    "ambiguous-id",
}
WARNINGS = {
    "follow-up-in-past",
    "follow-up-before-actions",
    "follow-up-far",
    "card-principle-mismatch",
    "too-many-actions",
    "duplicate-action",
    "support-without-owner",
    "plan-rule-failed",
}


def card(pack: str, ident: str, weights: Mapping[str, float], title: str = "Kort") -> Card:
    return Card(
        id=ident,
        pack=pack,
        title=LocalizedText.of(title, f"{title} (en)"),
        summary=LocalizedText.of("Kort om kortet", "About the card"),
        principles=tuple((p, weights[p]) for p in PRINCIPLE_IDS if p in weights),
    )


DECK = (
    card("p", "a", {"curiosity": 1.0}, "Nyfiken"),
    card("q", "a", {"ownership": 1.0}, "Ansvar"),
    card("p", "b", {"curiosity": 0.5, "experimenting": 1.0}, "Testa"),
    card("q", "c", {"collaboration": 1.0, "experimenting": 1.0, "ownership": 0.5}, "Samverka"),
)


def function(pack: str, ident: str, sv: str, en: str) -> SupportFunction:
    return SupportFunction(id=ident, pack=pack, name=LocalizedText.of(sv, en))


#: Support functions of the packs p and q: "it" is in both, "Ekonomi" is p's finance.
SUPPORT = (
    function("p", "it", "IT", "IT"),
    function("p", "finance", "Ekonomi", "Finance"),
    function("q", "it", "IT-stöd", "IT support"),
    function("q", "hr", "HR", "HR"),
)


def catalog_with(
    *rules: Callable[..., Any],
    deck: Iterable[Card] = DECK,
    support: Iterable[SupportFunction] = SUPPORT,
) -> Catalog:
    by_pack: dict[str, list[Card]] = {}
    for c in deck:
        by_pack.setdefault(c.pack, []).append(c)
    functions: dict[str, list[SupportFunction]] = {}
    for f in support:
        by_pack.setdefault(f.pack, [])
        functions.setdefault(f.pack, []).append(f)
    contents = [
        PackContent(
            info=PackInfo(id=pack, name=LocalizedText.of(pack)),
            cards=tuple(cards),
            support=tuple(functions.get(pack, ())),
        )
        for pack, cards in sorted(by_pack.items())
    ]
    if rules:
        contents.append(
            PackContent(info=PackInfo(id="kiruna", name=LocalizedText.of("K")), plan_rules=rules)
        )
    return Catalog.build(contents)


CATALOG = catalog_with()


def follow_up(day: dt.date = dt.date(2027, 1, 14), hour: int = 9) -> FollowUp:
    return FollowUp(at=dt.datetime.combine(day, dt.time(hour), tzinfo=STOCKHOLM))


def action(**changes: Any) -> Action:
    values: dict[str, Any] = {
        "what": "Pröva en ny mötesform",
        "how": "Kortet på nästa arbetsplatsträff",
        "when": dt.date(2026, 12, 10),
        "who": ("Anna", "Enhetschef"),
        "cards": ("p:b",),
        "principles": ("experimenting",),
    }
    values.update(changes)
    return Action(**values)


def plan(*actions: Action, **changes: Any) -> ActionPlan:
    values: dict[str, Any] = {
        "created": CREATED,
        "title": "Vi testar mer",
        "team": "Enhet Norr",
        "follow_up": follow_up(),
        "actions": actions or (action(),),
    }
    values.update(changes)
    return ActionPlan(**values)


def found(report: PlanReport) -> list[tuple[str, str, str]]:
    return [(p.severity.value, p.code, p.location) for p in report.problems]


def check(p: ActionPlan, *, today: dt.date = TODAY, catalog: Catalog = CATALOG) -> PlanReport:
    return validate_plan(p, catalog, today=today)


def _hand_built(**fields: object) -> Problem:
    """A Problem whose fields were set past its checks (Problem() itself refuses a bad field),
    as a rule might hand one over."""
    problem = Problem.warning("x", "title", "m", "m")
    for name, value in fields.items():
        object.__setattr__(problem, name, value)
    return problem


DOCUMENT: dict[str, Any] = {
    "schema": "innovationsresan.plan/1",
    "title": "Vi testar mer",
    "team": "Enhet Norr",
    "created": dt.date(2026, 11, 26),
    "timezone": "Europe/Stockholm",
    "follow_up": {
        "at": dt.datetime(2027, 2, 15, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        "duration_minutes": 60,
        "where": "Aurora, rum 2",
    },
    "actions": [
        {
            "what": "Pröva en ny mötesform",
            "how": "Kortet 'Pre-mortem' på nästa APT",
            "when": dt.date(2026, 12, 10),
            "who": ["Anna", "Enhetschef"],
            "cards": ["kiruna:pre-mortem"],
            "principles": ["experimenting"],
            "status": "planned",
        }
    ],
}


class NoOffset(dt.tzinfo):
    """A time zone that knows no offset: a date-time with it is naive, as Python defines it."""

    def utcoffset(self, when: dt.datetime | None) -> dt.timedelta | None:
        return None

    def dst(self, when: dt.datetime | None) -> dt.timedelta | None:
        return None

    def tzname(self, when: dt.datetime | None) -> str | None:
        return None


def document(**changes: Any) -> dict[str, Any]:
    result = dict(DOCUMENT)
    result.update(changes)
    return {k: v for k, v in result.items() if v is not None}


def errors_of(doc: Mapping[str, Any], file: str | None = None) -> list[tuple[str, str]]:
    with pytest.raises(InputError) as info:
        parse_plan(doc, file=file)
    return [(p.code, p.location) for p in info.value.problems]


class TestParsePlan:
    def test_design_example(self) -> None:
        """The example of DESIGN.md §6 reads into the plan it describes."""
        expected = ActionPlan(
            created=dt.date(2026, 11, 26),
            title="Vi testar mer",
            team="Enhet Norr",
            timezone="Europe/Stockholm",
            follow_up=FollowUp(
                at=dt.datetime(2027, 2, 15, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))),
                duration_minutes=60,
                where="Aurora, rum 2",
            ),
            actions=(
                Action(
                    what="Pröva en ny mötesform",
                    how="Kortet 'Pre-mortem' på nästa APT",
                    when=dt.date(2026, 12, 10),
                    who=("Anna", "Enhetschef"),
                    cards=("kiruna:pre-mortem",),
                    principles=("experimenting",),
                    status="planned",
                ),
            ),
        )
        assert expected == parse_plan(DOCUMENT)

    def test_json_strings_read_like_toml_values(self) -> None:
        """Dates and date-times written as ISO 8601 strings (JSON) read the same."""
        doc = document(created="2026-11-26")
        doc["follow_up"] = {**DOCUMENT["follow_up"], "at": "2027-02-15T09:00:00+01:00"}
        doc["actions"] = [{**DOCUMENT["actions"][0], "when": "2026-12-10"}]
        assert parse_plan(DOCUMENT) == parse_plan(doc)

    def test_missing_created_and_schema(self) -> None:
        """Without schema and created the plan cannot be read; both are named."""
        assert [("missing-key", "schema"), ("missing-key", "created")] == errors_of(
            document(schema=None, created=None)
        )

    def test_other_major_version(self) -> None:
        """A plan of another major version is refused."""
        assert [("schema-mismatch", "schema")] == errors_of(
            document(schema="innovationsresan.plan/2")
        )

    def test_typo_in_key_is_unknown(self) -> None:
        """`follow-up` instead of `follow_up` is an unknown key with a suggestion."""
        doc = document(follow_up=None)
        doc["follow-up"] = DOCUMENT["follow_up"]
        with pytest.raises(InputError) as info:
            parse_plan(doc, file="plan.toml")
        assert [("unknown-key", "plan.toml:follow-up")] == [
            (p.code, p.location) for p in info.value.problems
        ]
        assert "follow_up" in info.value.problems[0].message.get("en")

    def test_every_problem_at_once(self) -> None:
        """Wrong types anywhere are collected into one error, each with its key path."""
        doc = document(title=3)
        doc["follow_up"] = {"at": dt.date(2027, 2, 15), "duration_minutes": 0, "room": "x"}
        doc["actions"] = [
            {"what": ["x"], "who": 3, "cards": "kiruna:x", "status": "finished", "whom": 1},
            "not a table",
        ]
        assert [
            ("wrong-type", "title"),
            ("unknown-key", "follow_up.room"),
            ("invalid-datetime", "follow_up.at"),
            ("out-of-range", "follow_up.duration_minutes"),
            ("unknown-key", "actions[0].whom"),
            ("wrong-type", "actions[0].what"),
            ("wrong-type", "actions[0].who"),
            ("wrong-type", "actions[0].cards"),
            ("invalid-value", "actions[0].status"),
            ("wrong-type", "actions[1]"),
        ] == errors_of(doc)

    def test_follow_up_needs_at(self) -> None:
        """A follow_up table without `at` cannot be read."""
        assert [("missing-key", "follow_up.at")] == errors_of(
            document(follow_up={"duration_minutes": 30})
        )

    def test_local_time_is_read_in_the_plan_timezone(self) -> None:
        """A local date-time is read in `timezone` (Stockholm by default), summer time included."""
        winter = parse_plan(document(timezone=None, follow_up={"at": dt.datetime(2027, 2, 15, 9)}))
        summer = parse_plan(
            document(timezone="Europe/Helsinki", follow_up={"at": dt.datetime(2027, 6, 15, 9)})
        )
        assert winter.follow_up is not None
        assert summer.follow_up is not None
        assert dt.timedelta(hours=1) == winter.follow_up.at.utcoffset()
        assert dt.timedelta(hours=3) == summer.follow_up.at.utcoffset()
        assert "Europe/Stockholm" == winter.timezone

    def test_defaults(self) -> None:
        """duration_minutes is 60, status planned, cards and principles empty by default."""
        doc = document(follow_up={"at": dt.datetime(2027, 2, 15, 9)}, actions=[{"what": "Något"}])
        got = parse_plan(doc)
        assert FollowUp(dt.datetime(2027, 2, 15, 9, tzinfo=STOCKHOLM), 60, "") == got.follow_up
        assert (Action(what="Något"),) == got.actions

    def test_unknown_timezone(self) -> None:
        """A time zone the database does not know is an error at `timezone`."""
        assert [("unknown-timezone", "timezone")] == errors_of(
            document(timezone="Europe/Kiruna", follow_up={"at": dt.datetime(2027, 2, 15, 9)})
        )

    def test_date_range(self) -> None:
        """`when` may be a range; an end before its start is an error."""
        good = parse_plan(
            document(actions=[{"when": {"start": "2026-12-01", "end": dt.date(2026, 12, 3)}}])
        )
        assert DateRange(dt.date(2026, 12, 1), dt.date(2026, 12, 3)) == good.actions[0].when
        assert [("invalid-range", "actions[0].when.end")] == errors_of(
            document(actions=[{"when": {"start": "2026-12-03", "end": "2026-12-01"}}])
        )
        assert [("missing-key", "actions[0].when.end")] == errors_of(
            document(actions=[{"when": {"start": "2026-12-03"}}])
        )

    def test_single_name_counts_as_one(self) -> None:
        """`who` given as one string is one name."""
        got = parse_plan(document(actions=[{"who": "Anna"}]))
        assert ("Anna",) == got.actions[0].who

    def test_absent_fields_are_left_to_validation(self) -> None:
        """Missing what, how, when, who, actions and follow_up do not stop reading."""
        got = parse_plan({"schema": "innovationsresan.plan/1", "created": "2026-11-26"})
        assert ActionPlan(created=CREATED) == got
        assert (Action(),) == parse_plan(document(actions=[{}])).actions

    def test_file_prefixes_locations(self) -> None:
        """With a file name every location starts with it."""
        assert [("missing-key", "team/plan.json:created")] == errors_of(
            document(created=None), file="team/plan.json"
        )

    def test_follow_up_beyond_the_calendar(self) -> None:
        """A follow-up whose end would pass year 9999 is out of range, not a crash."""
        late = {"at": dt.datetime(9999, 12, 31, 23, 30), "duration_minutes": 60}
        assert [("out-of-range", "follow_up.at")] == errors_of(document(follow_up=late))

    def test_not_a_table(self) -> None:
        """A document that is not a table is a wrong-type error, not a crash."""
        assert [("wrong-type", "(document)")] == errors_of([1, 2])  # type: ignore[arg-type]

    def test_not_a_table_names_the_file(self) -> None:
        """A file whose document is not a table is named in the error's heading."""
        with pytest.raises(InputError) as info:
            parse_plan([1, 2], file="plan.toml")  # type: ignore[arg-type]
        assert "The action plan plan.toml cannot be read." == info.value.message.get("en")

    def test_offset_free_time_zone_counts_as_local(self) -> None:
        """A follow-up whose time zone gives no offset is a local time, read in the plan's
        time zone like one without a zone."""
        at = dt.datetime(2027, 2, 15, 9, 0, tzinfo=NoOffset())
        got = parse_plan(document(follow_up={"at": at}))
        assert FollowUp(at=dt.datetime(2027, 2, 15, 9, 0, tzinfo=STOCKHOLM)) == got.follow_up


class TestValidatePlanCodes:
    def test_valid_plan_has_no_problems(self) -> None:
        """The base plan used below is clean."""
        assert [] == found(check(plan()))

    def test_no_actions(self) -> None:
        """A plan without actions is the no-actions error at `actions`."""
        assert [("error", "no-actions", "actions")] == found(
            check(attrs.evolve(plan(), actions=()))
        )

    @pytest.mark.parametrize(
        ("changes", "code", "where"),
        [
            ({"what": "  "}, "missing-what", "actions[0].what"),
            ({"how": ""}, "missing-how", "actions[0].how"),
            ({"when": None}, "missing-when", "actions[0].when"),
            ({"who": ("", " ")}, "missing-who", "actions[0].who"),
            ({"who": ()}, "missing-who", "actions[0].who"),
        ],
    )
    def test_missing_fields(self, changes: dict[str, Any], code: str, where: str) -> None:
        """A blank or absent what, how, when or who is an error at that key."""
        assert [("error", code, where)] == found(check(plan(action(**changes))))

    def test_missing_who_location(self) -> None:
        """The third action's missing who is reported at actions[2].who."""
        p = plan(action(what="A"), action(what="B"), action(what="C", who=()))
        assert [("error", "missing-who", "actions[2].who")] == found(check(p))

    def test_missing_follow_up(self) -> None:
        """A plan without a booked follow-up is the missing-follow-up error at `follow_up`."""
        assert [("error", "missing-follow-up", "follow_up")] == found(check(plan(follow_up=None)))

    def test_follow_up_before_created(self) -> None:
        """A follow-up dated before the plan was created is an error (and in the past)."""
        p = plan(follow_up=follow_up(dt.date(2026, 11, 20)))
        assert [
            ("error", "follow-up-before-created", "follow_up.at"),
            ("warning", "follow-up-in-past", "follow_up.at"),
            ("warning", "follow-up-before-actions", "follow_up.at"),
        ] == found(check(p))

    def test_follow_up_date_is_taken_in_its_own_zone(self) -> None:
        """Just after midnight in Stockholm is that day, though UTC is still on the day before."""
        p = plan(follow_up=follow_up(CREATED, hour=0), actions=(action(when=CREATED),))
        assert [] == found(check(p))

    def test_when_before_created(self) -> None:
        """An action starting before the plan was created is an error at its `when`."""
        p = plan(action(when=DateRange(dt.date(2026, 11, 20), dt.date(2026, 12, 1))))
        assert [("error", "when-before-created", "actions[0].when")] == found(check(p))

    def test_unknown_card(self) -> None:
        """A card no pack has is an error at its place in the list."""
        p = plan(action(cards=("p:b", "p:zz")))
        assert [("error", "unknown-card", "actions[0].cards[1]")] == found(check(p))

    def test_ambiguous_card(self) -> None:
        """A bare id two packs have is ambiguous; the message names both candidates."""
        report = check(plan(action(cards=("a",), principles=())))
        assert [("error", "ambiguous-id", "actions[0].cards[0]")] == found(report)
        assert "p:a, q:a" in report.problems[0].message.get("en")

    def test_bare_unique_card_is_accepted(self) -> None:
        """A bare id exactly one pack has resolves."""
        assert [] == found(check(plan(action(cards=("b",)))))

    def test_unknown_principle(self) -> None:
        """A principle that is not one of the nine is an error at its place."""
        p = plan(action(principles=("experimenting", "speed")))
        assert [("error", "unknown-principle", "actions[0].principles[1]")] == found(check(p))

    def test_follow_up_in_past(self) -> None:
        """A follow-up before today is a warning: the plan is a record now."""
        assert [("warning", "follow-up-in-past", "follow_up.at")] == found(
            check(plan(), today=dt.date(2027, 1, 15))
        )

    def test_today_as_a_datetime_counts_as_its_date(self) -> None:
        """A datetime given as today validates like its date instead of failing to compare."""
        p = plan(follow_up=follow_up(dt.date(2026, 12, 1)))
        late = dt.datetime(2026, 12, 2, 8, 30)
        assert found(check(p, today=late.date())) == found(check(p, today=late))

    def test_follow_up_today_is_not_past(self) -> None:
        """A follow-up today is not in the past."""
        assert [] == found(check(plan(), today=dt.date(2027, 1, 14)))

    def test_follow_up_before_actions(self) -> None:
        """No action due by the follow-up's date is a warning; a range is due on its end."""
        late = action(when=DateRange(dt.date(2027, 1, 10), dt.date(2027, 1, 20)))
        assert [("warning", "follow-up-before-actions", "follow_up.at")] == found(check(plan(late)))
        on_time = action(what="B", when=DateRange(dt.date(2027, 1, 10), dt.date(2027, 1, 14)))
        assert [] == found(check(plan(late, on_time)))

    def test_follow_up_far(self) -> None:
        """More than 183 days after created is far; exactly 183 is not."""
        limit = CREATED + dt.timedelta(days=183)
        assert [] == found(check(plan(follow_up=follow_up(limit))))
        assert [("warning", "follow-up-far", "follow_up.at")] == found(
            check(plan(follow_up=follow_up(limit + dt.timedelta(days=1))))
        )

    def test_card_principle_mismatch(self) -> None:
        """A principle none of the action's cards strengthens is a warning at its place."""
        p = plan(action(cards=("p:b", "q:a"), principles=("ownership", "collaboration")))
        assert [("warning", "card-principle-mismatch", "actions[0].principles[1]")] == found(
            check(p)
        )

    def test_principles_without_cards_are_fine(self) -> None:
        """An action without cards may name any principle."""
        assert [] == found(check(plan(action(cards=(), principles=("ownership",)))))

    def test_too_many_actions(self) -> None:
        """More than seven actions is a warning at `actions`; seven is fine."""
        seven = [action(what=f"Åtgärd {i}") for i in range(7)]
        assert [] == found(check(plan(*seven)))
        eight = [*seven, action(what="Åtgärd 8")]
        assert [("warning", "too-many-actions", "actions")] == found(check(plan(*eight)))

    def test_duplicate_action(self) -> None:
        """Two actions with the same `what` once case and white space are folded are a warning."""
        p = plan(action(what="Pröva en ny mötesform"), action(what="  pröva en NY\tmötesform "))
        report = check(p)
        assert [("warning", "duplicate-action", "actions[1].what")] == found(report)
        assert "samma åtgärd som åtgärd 1:" in report.problems[0].message.get("sv")

    def test_every_code_has_its_severity(self) -> None:
        """Errors block the plan, warnings do not."""
        messy = plan(
            action(what="", how="", when=None, who=(), cards=("zz", "a"), principles=("x",)),
            action(what="a", when=dt.date(2026, 1, 1)),
            action(what="A ", cards=("p:a",), principles=("ownership",)),
            action(what="b", support=(SupportNeed(function="zz"),)),
            *[action(what=f"{i}") for i in range(6)],
            follow_up=follow_up(dt.date(2020, 1, 1)),
        )
        report = check(messy)
        codes = {p.code: p.severity for p in report.problems}
        assert ERRORS - {"no-actions", "missing-follow-up"} == {
            c for c, s in codes.items() if s is Severity.ERROR
        }
        assert WARNINGS - {"plan-rule-failed", "follow-up-far"} == {
            c for c, s in codes.items() if s is Severity.WARNING
        }
        assert not report.ok
        assert len(report.errors) + len(report.warnings) == len(report.problems)

    def test_messages_in_both_languages(self) -> None:
        """Every problem has a Swedish and an English message, and they differ."""
        messy = plan(
            action(what="", how="", when=None, who=(), cards=("zz", "a"), principles=("x",)),
            action(what="a", when=dt.date(2026, 1, 1)),
            action(what="A", cards=("p:a",), principles=("ownership",)),
            action(what="b", support=(SupportNeed(function="zz"), SupportNeed(function="it"))),
            follow_up=follow_up(dt.date(2030, 1, 1)),
        )
        for p in [*check(messy).problems, *check(plan(actions=(), follow_up=None)).problems]:
            assert {"sv", "en"} <= p.message.languages()
            assert p.message.get("sv") != p.message.get("en")


class TestValidationMessagesInWords:
    """The messages a team reads for each finding of its plan, in Swedish and English."""

    @staticmethod
    def messages(report: PlanReport, code: str) -> list[tuple[str, str]]:
        return [
            (p.message.get("sv"), p.message.get("en")) for p in report.problems if p.code == code
        ]

    def test_no_actions(self) -> None:
        """A plan without actions asks for one with its four parts."""
        report = check(attrs.evolve(plan(), actions=()))
        assert [
            (
                "planen har inga åtgärder; skriv minst en: vad, hur, när och vem",
                "the plan has no actions; write at least one: what, how, when and who",
            )
        ] == self.messages(report, "no-actions")

    def test_missing_fields(self) -> None:
        """Each missing part of an action is named by its key and said in words."""
        report = check(plan(action(what="", how="", when=None, who=())))
        assert [
            (
                "åtgärden saknar 'what': skriv vad som ska göras",
                "the action lacks 'what': write what is to be done",
            ),
            (
                "åtgärden saknar 'how': skriv hur det ska göras",
                "the action lacks 'how': write how it is to be done",
            ),
            (
                "åtgärden saknar 'when': skriv när det ska göras (ett datum eller { start, end })",
                "the action lacks 'when': write when it is to be done (a date or { start, end })",
            ),
            (
                "åtgärden saknar 'who': skriv vem som gör det",
                "the action lacks 'who': write who does it",
            ),
        ] == [(p.message.get("sv"), p.message.get("en")) for p in report.problems]

    def test_too_many_actions(self) -> None:
        """Eight actions are counted in the warning, with the limit of seven."""
        report = check(plan(*[action(what=f"Åtgärd {i}") for i in range(8)]))
        assert [
            (
                "planen har 8 åtgärder; fler än 7 blir svårt att hinna med och följa upp "
                "— välj de viktigaste",
                "the plan has 8 actions; more than 7 are hard to carry out and follow up "
                "— pick the most important ones",
            )
        ] == self.messages(report, "too-many-actions")

    def test_duplicate_action(self) -> None:
        """A repeated action names the first one as people count (from 1) and quotes itself."""
        report = check(plan(action(what="Skriv"), action(what="Pröva"), action(what=" pröva ")))
        assert [
            (
                "samma åtgärd som åtgärd 2: ' pröva '; slå ihop dem",
                "the same action as action 2: ' pröva '; merge them",
            )
        ] == self.messages(report, "duplicate-action")

    def test_unknown_principle(self) -> None:
        """A principle that is none of the nine is quoted, with the nine ids to choose from."""
        report = check(plan(action(principles=("experimenting", "speed"))))
        nine = ", ".join(PRINCIPLE_IDS)
        assert [
            (
                f"'speed' är ingen princip; välj en av: {nine}",
                f"'speed' is not a principle; choose one of: {nine}",
            )
        ] == self.messages(report, "unknown-principle")

    def test_card_principle_mismatch(self) -> None:
        """The principle no card strengthens is named in each language, with its id."""
        p = plan(action(cards=("p:b", "q:a"), principles=("ownership", "collaboration")))
        assert [
            (
                "inget av åtgärdens kort stärker principen Samverkan (collaboration)",
                "none of the action's cards strengthens the principle Collaboration "
                "(collaboration)",
            )
        ] == self.messages(check(p), "card-principle-mismatch")

    def test_an_unknown_card_makes_no_mismatch(self) -> None:
        """With a card that names nothing, what the cards strengthen is unknown: only the
        unknown card is reported, not the principle."""
        p = plan(action(cards=("p:b", "p:zz"), principles=("ownership",)))
        assert [("error", "unknown-card", "actions[0].cards[1]")] == found(check(p))

    def test_action_before_the_plan(self) -> None:
        """An action starting before the plan gives both dates."""
        report = check(plan(action(when=dt.date(2026, 11, 20))))
        assert [
            (
                "åtgärden börjar 2026-11-20, före planens datum 2026-11-26",
                "the action starts on 2026-11-20, before the plan was created on 2026-11-26",
            )
        ] == self.messages(report, "when-before-created")

    def test_missing_follow_up(self) -> None:
        """A plan without a follow-up says which table and key to add."""
        assert [
            (
                "ingen uppföljning är bokad; lägg till [follow_up] med en tidpunkt 'at'",
                "no follow-up is booked; add [follow_up] with a date-time 'at'",
            )
        ] == self.messages(check(plan(follow_up=None)), "missing-follow-up")

    def test_follow_up_before_the_plan(self) -> None:
        """A follow-up before the plan was created gives both dates."""
        report = check(plan(follow_up=follow_up(dt.date(2026, 11, 20))))
        assert [
            (
                "uppföljningen 2026-11-20 ligger före planens datum 2026-11-26",
                "the follow-up on 2026-11-20 is before the plan was created on 2026-11-26",
            )
        ] == self.messages(report, "follow-up-before-created")

    def test_follow_up_in_the_past(self) -> None:
        """A follow-up that has passed is dated, and a new one is asked for."""
        report = check(plan(), today=dt.date(2027, 1, 15))
        assert [
            (
                "uppföljningen 2027-01-14 har passerat; planen är nu en dokumentation "
                "— boka en ny uppföljning",
                "the follow-up on 2027-01-14 has passed; the plan is a record now "
                "— book a new follow-up",
            )
        ] == self.messages(report, "follow-up-in-past")

    def test_follow_up_far(self) -> None:
        """A far follow-up counts its days after the plan, with the limit of 183."""
        report = check(plan(follow_up=follow_up(CREATED + dt.timedelta(days=200))))
        assert [
            (
                "uppföljningen ligger 200 dagar efter planens datum, mer än 183; "
                "följ upp tidigare så att ni minns vad ni gjorde",
                "the follow-up is 200 days after the plan was created, more than 183; "
                "follow up sooner, while you remember what you did",
            )
        ] == self.messages(report, "follow-up-far")

    def test_follow_up_before_actions(self) -> None:
        """A follow-up before every action is due is dated, and moving one or the other is
        suggested."""
        report = check(plan(action(when=dt.date(2027, 1, 20))))
        assert [
            (
                "ingen åtgärd ska vara klar senast vid uppföljningen 2027-01-14; "
                "flytta uppföljningen eller åtgärderna",
                "no action is due on or before the follow-up on 2027-01-14; "
                "move the follow-up or the actions",
            )
        ] == self.messages(report, "follow-up-before-actions")


class TestSupport:
    def test_reads_functions_and_needs(self) -> None:
        """`support` holds tables with a function, a need in words or both, and whom to ask."""
        doc = document()
        doc["actions"] = [
            {
                **DOCUMENT["actions"][0],
                "support": [
                    {"function": "kiruna:it", "ask": "Maria på IT"},
                    {"need": "en lokal för workshoppen"},
                    {"function": "hr", "need": "tid för hela gruppen", "ask": "Enhetschef"},
                ],
            }
        ]
        expected = (
            SupportNeed(function="kiruna:it", ask="Maria på IT"),
            SupportNeed(need="en lokal för workshoppen"),
            SupportNeed(function="hr", need="tid för hela gruppen", ask="Enhetschef"),
        )

        assert expected == parse_plan(doc).actions[0].support

    def test_absent_support_is_empty(self) -> None:
        """An action without `support` needs none."""
        assert () == parse_plan(DOCUMENT).actions[0].support

    @pytest.mark.parametrize(
        ("entry", "code", "where"),
        [
            ({"ask": "Maria"}, "missing-key", "actions[0].support[0].need"),
            ({"need": "  ", "ask": "Maria"}, "blank-support", "actions[0].support[0].need"),
            ({"function": ""}, "blank-support", "actions[0].support[0].function"),
            ({"function": 5}, "wrong-type", "actions[0].support[0].function"),
            ({"need": "x", "asks": "Maria"}, "unknown-key", "actions[0].support[0].asks"),
            ("kiruna:it", "wrong-type", "actions[0].support[0]"),
        ],
    )
    def test_unreadable_entries(self, entry: object, code: str, where: str) -> None:
        """An entry that names no support, a wrong type or a typo makes the plan unreadable."""
        doc = document()
        doc["actions"] = [{**DOCUMENT["actions"][0], "support": [entry]}]

        assert [(code, f"plan.toml:{where}")] == errors_of(doc, "plan.toml")

    def test_support_not_a_list(self) -> None:
        """`support` is a list of tables, not one table."""
        doc = document()
        doc["actions"] = [{**DOCUMENT["actions"][0], "support": {"need": "x"}}]

        assert [("wrong-type", "actions[0].support")] == errors_of(doc)

    def test_support_without_owner(self) -> None:
        """Support that nobody is named to ask for is a warning at that entry's `ask`."""
        p = plan(action(support=(SupportNeed(need="en lokal", ask="Bo"), SupportNeed(need="tid"))))

        report = check(p)

        assert [("warning", "support-without-owner", "actions[0].support[1].ask")] == found(report)
        assert "(tid)" in report.problems[0].message.get("sv")
        assert report.ok

    def test_blank_ask_is_nobody(self) -> None:
        """An `ask` of only white space names nobody."""
        p = plan(action(support=(SupportNeed(function="q:hr", ask="  "),)))

        report = check(p)

        assert [("warning", "support-without-owner", "actions[0].support[0].ask")] == found(report)
        assert "(HR)" in report.problems[0].message.get("en")

    def test_owner_message_names_the_function(self) -> None:
        """The warning names the support function in the message's language."""
        p = plan(action(support=(SupportNeed(function="p:finance"),)))

        message = check(p).problems[0].message

        assert ("Ekonomi", "Finance") == (
            message.get("sv").split("(")[1].split(")")[0],
            message.get("en").split("(")[1].split(")")[0],
        )

    @pytest.mark.parametrize("ident", ["p:it", "q:hr", "hr", "finance", "Ekonomi", " it-STÖD "])
    def test_known_functions(self, ident: str) -> None:
        """A qualified id, a bare id one pack has, or a name as typed resolves."""
        p = plan(action(support=(SupportNeed(function=ident, ask="Maria"),)))

        assert [] == found(check(p))

    def test_unknown_support(self) -> None:
        """A support function no loaded pack lists is an error naming the known ones."""
        p = plan(action(support=(SupportNeed(function="kiruna:it", ask="Maria"),)))

        report = check(p)

        assert [("error", "unknown-support", "actions[0].support[0].function")] == found(report)
        message = report.problems[0].message
        assert "p:finance, p:it, q:hr, q:it" in message.get("sv")
        assert 'need = "…"' in message.get("en")

    def test_unknown_support_without_any_functions(self) -> None:
        """Without support functions in any pack the message says so."""
        p = plan(action(support=(SupportNeed(function="it", ask="Maria"),)))

        report = check(p, catalog=catalog_with(support=()))

        assert [("error", "unknown-support", "actions[0].support[0].function")] == found(report)
        assert "no loaded pack lists support functions" in report.problems[0].message.get("en")

    def test_ambiguous_support(self) -> None:
        """A bare id that two packs have is `ambiguous-id` naming both."""
        p = plan(action(support=(SupportNeed(function="it", ask="Maria"),)))

        report = check(p)

        assert [("error", "ambiguous-id", "actions[0].support[0].function")] == found(report)
        assert "p:it, q:it" in report.problems[0].message.get("sv")

    def test_ambiguous_name(self) -> None:
        """A name two support functions share is `ambiguous-id` too."""
        twice = (function("p", "a", "Stöd", "Help"), function("q", "b", "stöd", "Aid"))
        p = plan(action(support=(SupportNeed(function="Stöd", ask="Maria"),)))

        report = check(p, catalog=catalog_with(support=twice))

        assert [("error", "ambiguous-id", "actions[0].support[0].function")] == found(report)
        assert "p:a, q:b" in report.problems[0].message.get("en")

    def test_need_needs_no_catalogue(self) -> None:
        """A need in words with someone to ask is fine whatever the packs list."""
        p = plan(action(support=(SupportNeed(need="en lokal", ask="Bo"),)))

        assert [] == found(check(p, catalog=catalog_with(support=())))

    def test_support_need_must_name_something(self) -> None:
        """A support need without function and need cannot be made."""
        with pytest.raises(ValueError, match="support function"):
            SupportNeed(ask="Maria")


class TestPlanRules:
    def test_problems_from_a_rule_are_qualified(self) -> None:
        """A rule's Problem and mapping results get codes qualified with its pack's id."""

        def rule(plan: ActionPlan, catalog: Catalog, today: dt.date) -> Iterator[object]:
            yield Problem.warning("short-title", "title", "kort rubrik", "short title")
            yield {
                "severity": "error",
                "code": "kiruna:needs-manager",
                "location": "actions[0].who",
                "message": {"sv": "chefen saknas", "en": "the manager is missing"},
            }

        report = check(plan(), catalog=catalog_with(rule))
        assert [
            ("warning", "kiruna:short-title", "title"),
            ("error", "kiruna:needs-manager", "actions[0].who"),
        ] == found(report)
        assert "the manager is missing" == report.problems[1].message.get("en")

    def test_rule_gets_plan_catalog_and_today(self) -> None:
        """A rule is called with the plan, the catalogue and today."""
        seen: list[tuple[object, ...]] = []

        def rule(*args: object) -> list[object]:
            seen.append(args)
            return []

        catalog = catalog_with(rule)
        p = plan()
        check(p, catalog=catalog, today=dt.date(2026, 12, 1))
        assert [(p, catalog, dt.date(2026, 12, 1))] == seen

    def test_rule_that_raises(self) -> None:
        """A rule that raises is a warning naming the pack; the other rules still run."""

        def broken(plan: ActionPlan, catalog: Catalog, today: dt.date) -> list[object]:
            raise ZeroDivisionError("boom")

        def fine(plan: ActionPlan, catalog: Catalog, today: dt.date) -> list[object]:
            return [Problem.warning("ok", "actions", "ok", "ok")]

        report = check(plan(), catalog=catalog_with(broken, fine))
        assert [
            ("warning", "plan-rule-failed", "kiruna"),
            ("warning", "kiruna:ok", "actions"),
        ] == found(report)
        assert "ZeroDivisionError: boom" in report.problems[0].message.get("en")
        assert "'kiruna'" in report.problems[0].message.get("sv")

    def test_rule_that_exits(self) -> None:
        """A rule calling sys.exit() is a failed rule too: it cannot end validation."""

        def leaving(plan: ActionPlan, catalog: Catalog, today: dt.date) -> list[object]:
            raise SystemExit(0)

        report = check(plan(), catalog=catalog_with(leaving))
        assert [("warning", "plan-rule-failed", "kiruna")] == found(report)
        assert "SystemExit: 0" in report.problems[0].message.get("en")

    @pytest.mark.parametrize(
        "result",
        [
            42,
            "problem",
            [7],
            [{"code": "x", "location": "title", "message": "m", "severity": "fatal"}],
            [{"code": "", "location": "title", "message": "m"}],
            [{"code": "x", "location": "", "message": "m"}],
            [{"code": "x", "location": "title", "message": 3}],
            [{"code": "Not A Slug", "location": "title", "message": "m"}],
            [{"code": "other:x", "location": "title", "message": "m"}],
            itertools.repeat(Problem.warning("x", "title", "m", "m")),
            [_hand_built(severity="fatal")],
        ],
    )
    def test_garbage_from_a_rule(self, result: object) -> None:
        """Anything that is not a list of well-formed problems becomes plan-rule-failed."""
        report = check(plan(), catalog=catalog_with(lambda *args: result))
        assert [("warning", "plan-rule-failed", "kiruna")] == found(report)

    def test_rule_past_the_time_limit(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A rule that does not return in time is skipped, and the warning gives the limit."""
        monkeypatch.setenv(TIME_LIMIT_VAR, "0.2")
        release = threading.Event()

        def waiting(plan: ActionPlan, catalog: Catalog, today: dt.date) -> list[object]:
            release.wait()
            return []

        try:
            report = check(plan(), catalog=catalog_with(waiting))
        finally:
            release.set()
        assert [
            (
                "en planregel i paketet 'kiruna' fungerade inte och hoppades över "
                "(den blev inte klar inom tidsgränsen 0.2 s)",
                "a plan rule of the pack 'kiruna' failed and was skipped "
                "(it did not finish within the time limit of 0.2 s)",
            )
        ] == [(p.message.get("sv"), p.message.get("en")) for p in report.problems]

    def test_rule_returning_none(self) -> None:
        """A rule that returns nothing found nothing."""
        assert [] == found(check(plan(), catalog=catalog_with(lambda *args: None)))


class TestProperties:
    @given(plan_documents)
    def test_any_document_reads_or_is_an_input_error(self, doc: dict[str, Any]) -> None:
        """Whatever a document holds, reading gives a plan or an InputError with its problems."""
        outcome: ActionPlan | InputError
        try:
            outcome = parse_plan(doc, file="plan.toml")
        except InputError as exc:
            outcome = exc
        if isinstance(outcome, InputError):
            assert outcome.problems
            assert all(p.is_error and p.location.startswith("plan.toml") for p in outcome.problems)
        else:
            check(outcome)

    @capped(150, "each example draws a plan of up to seven actions with texts, dates and cards")
    @given(valid_plans(DECK))
    def test_valid_plans_have_no_problems(self, p: ActionPlan) -> None:
        """A plan with every field filled in sensibly has nothing to report on its day."""
        assert [] == found(check(p, today=p.created))

    @capped(150, "each example draws a plan of up to ten actions with texts, dates and support")
    @given(plans())
    def test_never_raises_and_reports_well_formed_problems(self, p: ActionPlan) -> None:
        """Any readable plan validates without raising; every problem is known and located."""
        report = check(p, today=TODAY)
        for problem in report.problems:
            assert problem.code in ERRORS | WARNINGS
            assert problem.location
            assert (problem.code in ERRORS) == problem.is_error
            assert problem.message.get("sv")
            assert problem.message.get("en")


class TestSkeleton:
    def test_one_action_per_card(self) -> None:
        """Each chosen card becomes an action with its title as `how` and its main principles."""
        got = plan_skeleton(CATALOG, ["b", "q:c"], today=CREATED)
        assert (
            Action(how="Testa", cards=("p:b",), principles=("experimenting",)),
            Action(how="Samverka", cards=("q:c",), principles=("collaboration", "experimenting")),
        ) == got.actions
        assert (
            "Testa (en)" == plan_skeleton(CATALOG, ["b"], today=CREATED, lang="en").actions[0].how
        )

    def test_a_card_strengthening_nothing_gives_no_principles(self) -> None:
        """A card built by hand with no principle, or with weights of 0 only, becomes an action
        without principles (the team names them), not an error."""
        nothing = Card(
            id="none",
            pack="z",
            title=LocalizedText.of("Inget", "Nothing"),
            summary=LocalizedText.of("Kort om kortet", "About the card"),
            principles=(),
        )
        zero = card("z", "zero", {"curiosity": 0.0, "ownership": 0.0}, "Noll")
        catalog = catalog_with(deck=(*DECK, nothing, zero))
        got = plan_skeleton(catalog, ["z:none", "z:zero"], today=CREATED)
        assert (
            Action(how="Inget", cards=("z:none",)),
            Action(how="Noll", cards=("z:zero",)),
        ) == got.actions

    def test_follow_up_six_weeks_ahead(self) -> None:
        """The follow-up is booked 42 days after today at 09:00 in Stockholm."""
        got = plan_skeleton(CATALOG, [], today=CREATED)
        expected = FollowUp(at=dt.datetime(2027, 1, 7, 9, 0, tzinfo=STOCKHOLM))
        assert expected == got.follow_up
        assert CREATED == got.created

    def test_weekend_moves_to_monday(self) -> None:
        """A follow-up that would fall on a weekend moves to the Monday after."""
        saturday = dt.date(2026, 11, 28)
        got = plan_skeleton(CATALOG, [], today=saturday)
        assert got.follow_up is not None
        assert dt.date(2027, 1, 11) == got.follow_up.date

    def test_without_cards_one_empty_action(self) -> None:
        """Without cards the skeleton holds one empty action to fill in."""
        assert (Action(),) == plan_skeleton(Catalog(), [], today=CREATED).actions

    def test_no_room_for_a_follow_up(self) -> None:
        """A day too close to the end of the calendar is an InputError, not a crash."""
        with pytest.raises(InputError):
            plan_skeleton(CATALOG, [], today=dt.date(9999, 12, 1))

    def test_unknown_cards(self) -> None:
        """Unknown and ambiguous cards are one UnknownIdError listing each."""
        with pytest.raises(UnknownIdError) as info:
            plan_skeleton(CATALOG, ["zz", "a", "b"], today=CREATED)
        assert [("unknown-card", "cards[0]"), ("ambiguous-id", "cards[1]")] == [
            (p.code, p.location) for p in info.value.problems
        ]

    def test_skeleton_asks_for_what_is_left(self) -> None:
        """Checking a fresh skeleton asks for what, when and who, nothing else."""
        got = check(plan_skeleton(CATALOG, ["b"], today=CREATED))
        assert [
            ("error", "missing-what", "actions[0].what"),
            ("error", "missing-when", "actions[0].when"),
            ("error", "missing-who", "actions[0].who"),
        ] == found(got)


class TestValues:
    def test_follow_up_must_be_aware(self) -> None:
        """A follow-up needs a time zone."""
        with pytest.raises(ValueError, match="aware"):
            FollowUp(at=dt.datetime(2027, 1, 1, 9))

    def test_follow_up_must_end_within_the_calendar(self) -> None:
        """A follow-up cannot end after year 9999."""
        with pytest.raises(ValueError, match="out of range"):
            FollowUp(at=dt.datetime(9999, 12, 31, 23, 30, tzinfo=dt.UTC))

    def test_range_must_be_ordered(self) -> None:
        """A range cannot end before it starts."""
        with pytest.raises(ValueError, match="before"):
            DateRange(dt.date(2027, 1, 2), dt.date(2027, 1, 1))

    def test_status_must_be_known(self) -> None:
        """An action's status is one of the four."""
        with pytest.raises(ValueError, match="status"):
            Action(status="finished")

    def test_due_and_days(self) -> None:
        """A dated action is due on its date; a range on its end, and spans its days."""
        span = DateRange(dt.date(2027, 1, 1), dt.date(2027, 1, 3))
        assert dt.date(2027, 1, 3) == Action(when=span).due
        assert 3 == span.days
        assert dt.date(2027, 1, 5) == Action(when=dt.date(2027, 1, 5)).due
        assert Action().due is None


class TestValuesInWords:
    """A plan built in code with a wrong value is refused with a message naming the field,
    what it takes and what came (a TypeError for a wrong type, an InputError for a value)."""

    @pytest.mark.parametrize(
        ("build", "expected"),
        [
            (
                lambda: ActionPlan(created="2026-11-26"),  # type: ignore[arg-type]
                "created must be a datetime.date, not str: '2026-11-26'",
            ),
            (
                lambda: ActionPlan(created=CREATED, title=3),  # type: ignore[arg-type]
                "title must be a text (str), not int: 3",
            ),
            (
                lambda: ActionPlan(created=CREATED, timezone=1),  # type: ignore[arg-type]
                "timezone must be a time zone name (str), not int: 1",
            ),
            (
                lambda: ActionPlan(created=CREATED, follow_up="2027-01-14"),  # type: ignore[arg-type]
                "follow_up must be a FollowUp or None, not str: '2027-01-14'",
            ),
            (
                lambda: ActionPlan(created=CREATED, actions=[Action(), "x"]),  # type: ignore[list-item]
                "actions[1] must be Action values, not str: 'x'",
            ),
            (
                lambda: FollowUp(at=dt.date(2027, 1, 14)),  # type: ignore[arg-type]
                "at must be a datetime.datetime with a time zone, not date: "
                "datetime.date(2027, 1, 14)",
            ),
            (
                lambda: FollowUp(at=follow_up().at, duration_minutes=1.5),  # type: ignore[arg-type]
                "duration_minutes must be a whole number of minutes (int), not float: 1.5",
            ),
            (
                lambda: FollowUp(at=follow_up().at, where=None),  # type: ignore[arg-type]
                "where must be a text (str), not NoneType: None",
            ),
            (
                lambda: DateRange("2027-01-01", dt.date(2027, 1, 2)),  # type: ignore[arg-type]
                "start must be a datetime.date, not str: '2027-01-01'",
            ),
            (
                lambda: DateRange(dt.date(2027, 1, 1), "2027-01-02"),  # type: ignore[arg-type]
                "end must be a datetime.date, not str: '2027-01-02'",
            ),
            (
                lambda: Action(when="2027-01-14"),  # type: ignore[arg-type]
                "when must be a datetime.date, a DateRange or None, not str: '2027-01-14'",
            ),
            (lambda: Action(who=["Anna", 3]), "who[1] must be names (str), not int: 3"),  # type: ignore[list-item]
            (lambda: Action(cards=[None]), "cards[0] must be card ids (str), not NoneType: None"),  # type: ignore[list-item]
            (
                lambda: Action(principles=[1.0]),  # type: ignore[list-item]
                "principles[0] must be principle ids (str), not float: 1.0",
            ),
            (lambda: Action(status=2), "status must be a status (str), not int: 2"),  # type: ignore[arg-type]
            (
                lambda: Action(support=[SupportNeed(need="lokal"), "IT"]),  # type: ignore[list-item]
                "support[1] must be SupportNeed values, not str: 'IT'",
            ),
            (lambda: SupportNeed(function="it", need=4), "need must be a text (str), not int: 4"),  # type: ignore[arg-type]
        ],
    )
    def test_wrong_type(self, build: Callable[[], object], expected: str) -> None:
        """A value of the wrong type is a TypeError naming the field and what it takes."""
        with pytest.raises(TypeError) as info:
            build()
        assert expected == str(info.value)

    @pytest.mark.parametrize(
        ("build", "sv", "en"),
        [
            (
                lambda: FollowUp(at=dt.datetime(2027, 1, 14, 9)),
                "at ska vara en tidpunkt med tidszon (aware), "
                "inte datetime.datetime(2027, 1, 14, 9, 0)",
                "at must be an aware date-time (with a time zone), "
                "not datetime.datetime(2027, 1, 14, 9, 0)",
            ),
            (
                lambda: FollowUp(at=follow_up().at, duration_minutes=0),
                "duration_minutes ska vara ett positivt heltal, inte 0",
                "duration_minutes must be a positive integer, not 0",
            ),
            (
                lambda: FollowUp(
                    at=dt.datetime(9999, 12, 31, 23, 30, tzinfo=dt.UTC), duration_minutes=31
                ),
                "duration_minutes ska vara en längd som slutar före år 9999 "
                "(mötet 9999-12-31 23:30:00+00:00 hamnar utanför kalendern), inte 31",
                "duration_minutes must be a length that ends before year 9999 "
                "(a follow-up at 9999-12-31 23:30:00+00:00 is out of range), not 31",
            ),
            (
                lambda: DateRange(dt.date(2027, 1, 2), dt.date(2027, 1, 1)),
                "end ska vara en dag från och med start 2027-01-02, inte före, "
                "inte datetime.date(2027, 1, 1)",
                "end must be a day on or after start 2027-01-02, not before, "
                "not datetime.date(2027, 1, 1)",
            ),
            (
                lambda: ActionPlan(created=CREATED, timezone=" "),
                "timezone ska vara ett tidszonsnamn, inte tomt, inte ' '",
                "timezone must be a time zone, not blank, not ' '",
            ),
            (
                lambda: SupportNeed(function=" ", need="", ask="Eva"),
                "ett stödbehov anger en stödfunktion, ett behov i ord eller båda",
                "a support need names a support function, a need in words, or both",
            ),
        ],
    )
    def test_unusable_value(self, build: Callable[[], object], sv: str, en: str) -> None:
        """A value of the right type that cannot be used is an InputError saying why in Swedish
        and English."""
        with pytest.raises(InputError) as info:
            build()
        assert (sv, en) == (info.value.message.get("sv"), info.value.message.get("en"))

    def test_an_offset_free_time_zone_is_no_time_zone(self) -> None:
        """A follow-up whose time zone gives no offset is refused like one without a zone."""
        with pytest.raises(InputError, match="aware"):
            FollowUp(at=dt.datetime(2027, 2, 15, 9, 0, tzinfo=NoOffset()))

    @pytest.mark.parametrize(
        ("arguments", "expected"),
        [
            (
                ("plan.toml", CATALOG, TODAY),
                "plan must be an ActionPlan (read_plan or parse_plan gives one), "
                "not str: 'plan.toml'",
            ),
            ((plan(), None, TODAY), "catalog must be a Catalog, not NoneType: None"),
            (
                (plan(), CATALOG, "2026-11-26"),
                "today must be a datetime.date, not str: '2026-11-26'",
            ),
        ],
    )
    def test_validate_plan_arguments(self, arguments: tuple[Any, ...], expected: str) -> None:
        """validate_plan given a wrong type names the argument and what it takes."""
        plan_, catalog, today = arguments
        with pytest.raises(TypeError) as info:
            validate_plan(plan_, catalog, today=today)
        assert expected == str(info.value)

    def test_a_meeting_ending_at_the_calendar_end_is_refused(self) -> None:
        """A meeting that starts in the calendar but would end past year 9999 is refused;
        one ending within it is kept."""
        at = dt.datetime(9999, 12, 31, 23, 0, tzinfo=dt.UTC)
        assert at + dt.timedelta(minutes=59) == FollowUp(at=at, duration_minutes=59).end
        with pytest.raises(InputError):
            FollowUp(at=at, duration_minutes=60)

    @pytest.mark.skipif(not hasattr(time, "tzset"), reason="time.tzset is Unix-only")
    def test_the_calendar_end_is_the_same_on_every_machine(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Whether a meeting fits the calendar does not depend on the machine's own time zone:
        a late meeting on the last day, in UTC, is kept on a machine set to Tokyo."""
        monkeypatch.setenv("TZ", "Asia/Tokyo")
        time.tzset()
        try:
            at = dt.datetime(9999, 12, 31, 20, 0, tzinfo=dt.UTC)
            assert at + dt.timedelta(hours=1) == FollowUp(at=at, duration_minutes=60).end
        finally:
            monkeypatch.undo()
            time.tzset()


class TestReadBack:
    """Values that are not the defaults come back as written."""

    def test_timezone_status_and_meeting(self) -> None:
        """A plan's time zone, an action's status and the meeting's length and place are kept."""
        doc = document(
            timezone="Europe/Helsinki",
            follow_up={
                "at": dt.datetime(2027, 2, 15, 9, 0),
                "duration_minutes": 90,
                "where": "Stadshuset",
            },
            actions=[{"what": "Pröva", "status": "started"}, {"what": "Avsluta", "status": "done"}],
        )
        got = parse_plan(doc)
        helsinki = zoneinfo.ZoneInfo("Europe/Helsinki")
        assert "Europe/Helsinki" == got.timezone
        assert (
            FollowUp(
                at=dt.datetime(2027, 2, 15, 9, 0, tzinfo=helsinki),
                duration_minutes=90,
                where="Stadshuset",
            )
            == got.follow_up
        )
        assert ["started", "done"] == [a.status for a in got.actions]

    @pytest.mark.parametrize("status", ["planned", "started", "done", "dropped"])
    def test_every_status(self, status: str) -> None:
        """Each of the four statuses is read back as written."""
        got = parse_plan(document(actions=[{"what": "x", "status": status}]))
        assert status == got.actions[0].status

    def test_unknown_status_is_located(self) -> None:
        """A status outside the four is an error at its action."""
        assert [("invalid-value", "plan.toml:actions[0].status")] == errors_of(
            document(actions=[{"what": "x", "status": "finished"}]), file="plan.toml"
        )

    def test_skeleton_in_another_timezone(self) -> None:
        """plan_skeleton(timezone=…) books the follow-up at 09:00 in that zone and names it."""
        got = plan_skeleton(CATALOG, [], today=CREATED, timezone="Europe/Helsinki")
        assert "Europe/Helsinki" == got.timezone
        assert (
            FollowUp(at=dt.datetime(2027, 1, 7, 9, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Helsinki")))
            == got.follow_up
        )

    def test_single_card_or_principle_is_one_id(self) -> None:
        """A single string for cards, principles or who is one entry, not its letters."""
        one = Action(what="x", who="Anna", cards="p:b", principles="curiosity")
        assert ("Anna",) == one.who
        assert ("p:b",) == one.cards
        assert ("curiosity",) == one.principles


class TestBoundaries:
    @pytest.mark.parametrize("minutes", [1, 60, 1440])
    def test_meeting_length_within_a_day(self, minutes: int) -> None:
        """A follow-up lasts from 1 minute up to a whole day (1440 minutes)."""
        doc = document(
            follow_up={"at": dt.datetime(2027, 2, 15, 9, 0), "duration_minutes": minutes}
        )
        got = parse_plan(doc)
        assert got.follow_up is not None
        assert minutes == got.follow_up.duration_minutes
        assert got.follow_up.at + dt.timedelta(minutes=minutes) == got.follow_up.end

    @pytest.mark.parametrize("minutes", [0, -5, 1441])
    def test_meeting_length_outside_a_day(self, minutes: int) -> None:
        """0 minutes or more than a day is out of range, located at duration_minutes."""
        doc = document(
            follow_up={"at": dt.datetime(2027, 2, 15, 9, 0), "duration_minutes": minutes}
        )
        assert [("out-of-range", "plan.toml:follow_up.duration_minutes")] == errors_of(
            doc, file="plan.toml"
        )

    def test_one_day_range(self) -> None:
        """A `when` range that starts and ends on one day covers that day."""
        day = dt.date(2026, 12, 10)
        got = parse_plan(document(actions=[{"what": "x", "when": {"start": day, "end": day}}]))
        assert DateRange(day, day) == got.actions[0].when
        assert 1 == DateRange(day, day).days
        assert day == got.actions[0].due == got.actions[0].starts

    def test_range_ending_before_it_starts(self) -> None:
        """A range whose end comes before its start is an error at the range."""
        doc = document(
            actions=[
                {
                    "what": "x",
                    "when": {"start": dt.date(2026, 12, 10), "end": dt.date(2026, 12, 9)},
                }
            ]
        )
        assert [("invalid-range", "plan.toml:actions[0].when.end")] == errors_of(doc, "plan.toml")

    def test_range_due_on_its_end(self) -> None:
        """An action with a range is due on its last day and starts on its first."""
        action_ = Action(when=DateRange(dt.date(2026, 12, 1), dt.date(2026, 12, 31)))
        assert dt.date(2026, 12, 31) == action_.due
        assert dt.date(2026, 12, 1) == action_.starts
        assert 31 == DateRange(dt.date(2026, 12, 1), dt.date(2026, 12, 31)).days

    def test_follow_up_on_the_day_an_action_is_due(self) -> None:
        """An action due on the follow-up's own day counts as due before it."""
        p = plan(action(when=dt.date(2027, 1, 14)))
        assert "follow-up-before-actions" not in [p_.code for p_ in check(p).problems]
        later = plan(action(when=dt.date(2027, 1, 15)))
        assert "follow-up-before-actions" in [p_.code for p_ in check(later).problems]

    def test_exactly_the_most_findings_a_rule_may_give(self) -> None:
        """A rule may report 1000 findings; the 1001st makes it a failed rule."""

        def many(n: int) -> Callable[..., list[Problem]]:
            return lambda *args: [Problem.warning("x", "title", "m", "m")] * n

        at_limit = check(plan(), catalog=catalog_with(many(1000)))
        # the report keeps the first 100 and counts the other 900 (docs/formats.md)
        assert {"kiruna:x"} == {p.code for p in at_limit.problems[:-1]}
        more = at_limit.problems[-1]
        assert ("warning", "more-problems") == (more.severity.value, more.code)
        assert "900 more problems in the plan" in more.message.get("en")
        over = check(plan(), catalog=catalog_with(many(1001)))
        assert [("warning", "plan-rule-failed", "kiruna")] == found(over)


class TestProblemsCapped:
    """A plan keeps its first 100 problems and counts the rest, like a response file."""

    def test_reading_keeps_the_first_100(self) -> None:
        """A plan of 300 actions with an unknown key each gives 100 errors and more-problems."""
        actions = [dict(DOCUMENT["actions"][0], colour="blå") for _ in range(300)]
        found_ = errors_of(document(actions=actions), file="plan.toml")
        assert 101 == len(found_)
        assert ("unknown-key", "plan.toml:actions[0].colour") == found_[0]
        assert ("more-problems", "plan.toml") == found_[-1]

    def test_reading_counts_exactly(self) -> None:
        """The count names exactly the problems left out."""
        actions = [dict(DOCUMENT["actions"][0], colour="blå") for _ in range(300)]
        with pytest.raises(InputError) as caught:
            parse_plan(document(actions=actions))
        more = caught.value.problems[-1]
        assert more.message.get("en").startswith("and 200 more problems in the file")
        assert more.message.get("sv").startswith("och 200 problem till i filen")

    def test_checking_keeps_the_first_100(self) -> None:
        """A plan of 150 actions each without 'who' reports 100 and counts the other 50."""
        report = check(plan(*[action(who=(), what=f"Sak {i}") for i in range(150)]))
        assert 101 == len(report.problems)
        more = report.problems[-1]
        assert ("error", "more-problems", "actions") == (
            more.severity.value,
            more.code,
            more.location,
        )
        assert more.message.get("en").startswith("and 51 more problems in the plan")
        assert more.message.get("sv").startswith("och 51 problem till i planen")

    def test_left_out_warnings_keep_the_plan_usable(self) -> None:
        """Past 100 warnings the note is a warning, and the plan stays ok."""
        actions = [
            action(what=f"Sak {i}", support=(SupportNeed(need="Hjälp"),)) for i in range(120)
        ]
        report = check(plan(*actions))
        assert report.ok
        assert ("warning", "more-problems") == (
            report.problems[-1].severity.value,
            report.problems[-1].code,
        )


#: A plan that names no card, so that a catalogue of rules alone finds nothing else in it.
PLAIN = plan(action(cards=(), principles=()))


class TestRulesOfSeveralPacks:
    def rules_of(self, **rules: Callable[..., Any]) -> Catalog:
        return Catalog.build(
            PackContent(info=PackInfo(id=pack, name=LocalizedText.of(pack)), plan_rules=(rule,))
            for pack, rule in rules.items()
        )

    def test_a_rule_returning_none_does_not_skip_later_packs(self) -> None:
        """A first pack's rule that returns None leaves the next pack's rule to run."""
        catalog = self.rules_of(
            aaa=lambda *args: None,
            bbb=lambda *args: [Problem.warning("late", "title", "sen", "late")],
        )
        assert [("warning", "bbb:late", "title")] == found(check(PLAIN, catalog=catalog))

    def test_a_finding_without_severity_is_an_error(self) -> None:
        """A finding given as a mapping without severity counts as an error."""
        catalog = self.rules_of(
            aaa=lambda *args: [{"code": "needs-x", "location": "actions[0]", "message": "m"}]
        )
        report = check(PLAIN, catalog=catalog)
        assert [("error", "aaa:needs-x", "actions[0]")] == found(report)
        assert not report.ok

    def test_codes_are_qualified_by_their_own_pack(self) -> None:
        """Each pack's finding carries that pack's id, already qualified or not."""
        catalog = self.rules_of(
            aaa=lambda *args: [
                {"code": "aaa:one", "location": "title", "message": "m", "severity": "warning"}
            ],
            bbb=lambda *args: [Problem.error("two", "title", "m", "m")],
        )
        assert [("warning", "aaa:one", "title"), ("error", "bbb:two", "title")] == found(
            check(PLAIN, catalog=catalog)
        )


class TestDescribeSupport:
    def test_function_by_its_pack_name_need_and_whom_to_ask(self) -> None:
        """A known function is named as its pack names it, with its id, the need and the person."""
        need = SupportNeed(function="finance", need="  en budgetrad  ", ask="Maria")
        assert "Ekonomi (p:finance): en budgetrad – fråga Maria" == describe_support(need, CATALOG)
        assert "Finance (p:finance): en budgetrad – ask Maria" == describe_support(
            need, CATALOG, lang="en"
        )

    def test_nobody_to_ask_is_said_plainly(self) -> None:
        """Without anyone to ask the text says so, in either language."""
        need = SupportNeed(function="q:hr", ask="  ")
        assert "HR (q:hr) – ingen utsedd att fråga" == describe_support(need, CATALOG)
        assert "HR (q:hr) – nobody named to ask" == describe_support(need, CATALOG, lang="en")

    def test_unknown_or_ambiguous_function_is_shown_as_written(self) -> None:
        """A function the catalogue cannot name, or no catalogue at all, shows as written."""
        assert "it – fråga Per" == describe_support(SupportNeed(function="it", ask="Per"), CATALOG)
        assert "x:nope – fråga Per" == describe_support(
            SupportNeed(function="x:nope", ask="Per"), CATALOG
        )
        assert "p:it – fråga Per" == describe_support(SupportNeed(function="p:it", ask="Per"))

    def test_need_in_words_alone(self) -> None:
        """A need without a function is just the words and whom to ask."""
        assert "en lokal – ask Eva" == describe_support(
            SupportNeed(need="en lokal", ask="Eva"), CATALOG, lang="en"
        )


class TestMessagesPeopleRead:
    def test_rule_message_as_plain_text_serves_both_languages(self) -> None:
        """A rule's message given as one string is shown in Swedish and English alike."""
        catalog = catalog_with(
            lambda *args: [{"code": "x", "location": "title", "message": "kort rubrik"}]
        )
        problem = check(PLAIN, catalog=catalog).problems[0]
        assert ("kort rubrik", "kort rubrik") == (
            problem.message.get("sv"),
            problem.message.get("en"),
        )

    def test_rule_message_by_language(self) -> None:
        """A rule's message given per language keeps each language's text."""
        catalog = catalog_with(
            lambda *args: [
                {"code": "x", "location": "title", "message": {"sv": "kort", "en": "short"}}
            ]
        )
        problem = check(PLAIN, catalog=catalog).problems[0]
        assert ("kort", "short") == (problem.message.get("sv"), problem.message.get("en"))

    @pytest.mark.parametrize("message", [{"sv": 3}, {3: "tre"}, ["sv", "kort"], None])
    def test_rule_message_that_is_no_text(self, message: object) -> None:
        """A message that is not text, or not text per language, makes the rule a failed one."""
        catalog = catalog_with(
            lambda *args: [{"code": "x", "location": "title", "message": message}]
        )
        report = check(PLAIN, catalog=catalog)
        assert [("warning", "plan-rule-failed", "kiruna")] == found(report)
        assert "a problem without a message" in report.problems[0].message.get("en")

    def test_every_bad_support_entry_is_reported(self) -> None:
        """A wrong entry does not hide the entries after it: each is reported at its place."""
        doc = document(
            actions=[
                {
                    "what": "x",
                    "support": [{"function": 3}, {"ask": "Eva"}, {"need": " "}, {"need": "lokal"}],
                }
            ]
        )
        with pytest.raises(InputError) as info:
            parse_plan(doc, file="plan.toml")
        assert [
            (
                "wrong-type",
                "plan.toml:actions[0].support[0].function",
                "must be a string, got an integer: 3",
            ),
            (
                "missing-key",
                "plan.toml:actions[0].support[1].need",
                "the support lacks both 'function' and 'need': write which support function "
                'is needed (function = "kiruna:it") or in words what is needed (need = "…")',
            ),
            (
                "blank-support",
                "plan.toml:actions[0].support[2].need",
                "the support is blank: write which support function or what is needed, "
                "or remove the entry",
            ),
        ] == [(p.code, p.location, p.message.get("en")) for p in info.value.problems]
        assert [
            "stödet saknar både 'function' och 'need': skriv vilken stödfunktion som "
            'behövs (function = "kiruna:it") eller med egna ord vad som behövs (need = "…")',
            "stödet är tomt: skriv vilken stödfunktion eller vad som behövs, eller ta bort raden",
        ] == [p.message.get("sv") for p in info.value.problems[1:]]

    def test_support_entry_that_is_no_table_hides_nothing(self) -> None:
        """An entry written as plain text is reported, and so is the bad entry after it."""
        doc = document(actions=[{"what": "x", "support": ["kiruna:it", {"ask": "Eva"}]}])
        assert [
            ("wrong-type", "actions[0].support[0]"),
            ("missing-key", "actions[0].support[1].need"),
        ] == errors_of(doc)

    def test_skeleton_with_unknown_cards(self) -> None:
        """Every unknown card is named at once, under one message in both languages."""
        with pytest.raises(UnknownIdError) as info:
            plan_skeleton(CATALOG, ["nope", "b", "p:gone"], today=CREATED)
        assert ("Korten kan inte hittas.", "The cards cannot be found.") == (
            info.value.message.get("sv"),
            info.value.message.get("en"),
        )
        assert ["cards[0]", "cards[2]"] == [p.location for p in info.value.problems]

    def test_skeleton_at_the_end_of_the_calendar(self) -> None:
        """A follow-up that would fall after year 9999 is an input error saying so."""
        with pytest.raises(InputError) as info:
            plan_skeleton(CATALOG, [], today=dt.date(9999, 12, 1))
        assert (
            "Ingen uppföljning kan bokas efter 9999-12-01.",
            "No follow-up can be booked after 9999-12-01.",
        ) == (info.value.message.get("sv"), info.value.message.get("en"))

    def test_skeleton_primary_principles(self) -> None:
        """An action from a card names the card's strongest principles, all of them on a tie."""
        got = plan_skeleton(CATALOG, ["q:c", "p:a"], today=CREATED)
        assert [("collaboration", "experimenting"), ("curiosity",)] == [
            a.principles for a in got.actions
        ]


class TestWhenIsLocated:
    """A bad `when` is reported where it was written, and never ends in a traceback."""

    @pytest.mark.parametrize(
        ("when", "where"),
        [
            ({"start": "snart", "end": "2026-12-10"}, "actions[0].when.start"),
            ({"start": "2026-12-10", "end": "snart"}, "actions[0].when.end"),
            ("snart", "actions[0].when"),
            ({"start": "2026-12-10"}, "actions[0].when.end"),
            ({"end": "2026-12-10"}, "actions[0].when.start"),
        ],
    )
    def test_bad_date_is_located(self, when: object, where: str) -> None:
        """A start, an end or a single date that is no date is an error at that key."""
        doc = document(actions=[{**DOCUMENT["actions"][0], "when": when}])
        assert [where] == [location for _, location in errors_of(doc)]

    def test_range_ending_before_it_starts_in_words(self) -> None:
        """The error names both dates, in Swedish and English."""
        when = {"start": "2026-12-10", "end": "2026-12-01"}
        doc = document(actions=[{**DOCUMENT["actions"][0], "when": when}])
        with pytest.raises(InputError) as info:
            parse_plan(doc)
        (problem,) = info.value.problems
        assert ("invalid-range", "actions[0].when.end") == (problem.code, problem.location)
        assert "slutdatumet 2026-12-01 ligger före startdatumet 2026-12-10" == problem.message.get(
            "sv"
        )
        assert "the end 2026-12-01 is before the start 2026-12-10" == problem.message.get("en")


class TestSupportInMessages:
    """How a support need and the known support functions are quoted in a message."""

    def owner_warning(self, need: str) -> tuple[str, str]:
        p = plan(action(support=(SupportNeed(need=need),)))
        message = check(p).problems[0].message
        return message.get("sv"), message.get("en")

    def test_a_need_of_sixty_characters_is_quoted_whole(self) -> None:
        """A need of exactly 60 characters is quoted as written."""
        need = "x" * 60
        sv, en = self.owner_warning(need)
        assert f"åtgärden behöver stöd ({need}) men ingen är utsedd att fråga; " in sv
        assert f"the action needs support ({need}) but nobody is named to ask; " in en

    def test_a_longer_need_is_shortened_to_sixty(self) -> None:
        """One character more is cut to 59 and an ellipsis, 60 characters in all."""
        sv, en = self.owner_warning("y" * 61)
        assert f"({'y' * 59}…)" in sv
        assert f"({'y' * 59}…)" in en

    def test_a_need_over_several_lines_is_quoted_on_one(self) -> None:
        """Line breaks and runs of spaces in the need become single spaces."""
        _, en = self.owner_warning("en lokal\n  med   projektor")
        assert "(en lokal med projektor)" in en

    def support(self, count: int) -> list[SupportFunction]:
        return [function("p", f"f{n:02d}", f"F{n}", f"F{n}") for n in range(count)]

    def unknown_message(self, count: int) -> tuple[str, str]:
        p = plan(action(support=(SupportNeed(function="kiruna:it", ask="Maria"),)))
        catalog = catalog_with(support=self.support(count))
        message = check(p, catalog=catalog).problems[0].message
        return message.get("sv"), message.get("en")

    def test_twelve_known_functions_are_all_listed(self) -> None:
        """Up to twelve known functions are listed in full, without an ellipsis."""
        sv, en = self.unknown_message(12)
        listed = ", ".join(f"p:f{n:02d}" for n in range(12))
        assert f"(kända stödfunktioner: {listed}); skriv annars med egna ord" in sv
        assert f"(known support functions: {listed}); otherwise write in words" in en

    def test_more_than_twelve_end_in_an_ellipsis(self) -> None:
        """From the thirteenth on, the first twelve are listed and an ellipsis says there are
        more."""
        _, en = self.unknown_message(13)
        listed = ", ".join(f"p:f{n:02d}" for n in range(12))
        assert f"(known support functions: {listed}, …); otherwise" in en

    def test_no_functions_at_all_in_swedish(self) -> None:
        """Without any support functions the Swedish message says no pack lists them."""
        sv, _ = self.unknown_message(0)
        assert "(inget laddat paket listar stödfunktioner); skriv annars med egna ord" in sv

    def test_unknown_function_in_full(self) -> None:
        """The whole unknown-support message: what is unknown, which functions exist and that a
        need in words works too, in Swedish and English."""
        sv, en = self.unknown_message(2)
        assert sv.startswith("stödfunktionen ")
        assert sv.endswith(
            "(kända stödfunktioner: p:f00, p:f01); skriv annars med egna ord vad som behövs: "
            'need = "…"'
        )
        assert en.endswith(
            "(known support functions: p:f00, p:f01); otherwise write in words what is needed: "
            'need = "…"'
        )
        assert "kiruna:it" in sv
        assert "kiruna:it" in en
        assert not en.startswith("stödfunktionen")

    def test_no_functions_at_all_in_english(self) -> None:
        """Without any support functions the English message says no pack lists them."""
        _, en = self.unknown_message(0)
        assert "(no loaded pack lists support functions); otherwise write in words" in en

    def test_nobody_to_ask_in_full(self) -> None:
        """The whole support-without-owner warning, naming an unknown function's need in words."""
        p = plan(action(support=(SupportNeed(function="kiruna:x", need=" tid "),)))
        warning = check(p).problems[-1]
        assert "support-without-owner" == warning.code
        assert (
            "åtgärden behöver stöd (tid) men ingen är utsedd att fråga; "
            'skriv vem ni vänder er till, t.ex. ask = "namn eller roll"'
        ) == warning.message.get("sv")
        assert (
            "the action needs support (tid) but nobody is named to ask; "
            'write whom you will turn to, e.g. ask = "name or role"'
        ) == warning.message.get("en")


class TestRuleFindingsThatAreNoProblems:
    """Why a rule's finding was refused is said in the plan-rule-failed warning."""

    @pytest.mark.parametrize(
        ("finding", "detail"),
        [
            (7, "it yielded 7, not a problem"),
            (
                {"code": "x", "location": "title", "message": "m", "severity": "fatal"},
                "unknown severity 'fatal'",
            ),
            (
                {"code": "x", "location": "title", "message": "m", "severity": 2},
                "unknown severity 2",
            ),
            ({"location": "title", "message": "m"}, "a problem without a code: None"),
            ({"code": " ", "location": "title", "message": "m"}, "a problem without a code: ' '"),
            ({"code": "x", "message": "m"}, "a problem without a location: None"),
            (
                {"code": "x", "location": "  ", "message": "m"},
                "a problem without a location: '  '",
            ),
            ({"code": "x", "location": "title"}, "a problem without a message: None"),
            (
                {"code": "x", "location": "title", "message": {}},
                "a problem without a message: LocalizedText(items=())",
            ),
            (
                {"code": "Not A Slug", "location": "title", "message": "m"},
                "the code 'Not A Slug' is not a slug",
            ),
        ],
    )
    def test_the_reason_is_given(self, finding: object, detail: str) -> None:
        """The warning names the pack and says what was wrong with the finding."""
        report = check(plan(), catalog=catalog_with(lambda *args: [finding]))
        (problem,) = report.problems
        assert ("plan-rule-failed", "kiruna") == (problem.code, problem.location)
        assert (
            f"a plan rule of the pack 'kiruna' failed and was skipped ({detail})"
            == problem.message.get("en")
        )
        assert (
            f"en planregel i paketet 'kiruna' fungerade inte och hoppades över ({detail})"
            == problem.message.get("sv")
        )


class TestReadingErrorsInWords:
    """What a person reads when a plan cannot be read, and where each problem is."""

    def test_the_heading_names_the_file(self) -> None:
        """The error names the plan's file in both languages and keeps it as its path."""
        with pytest.raises(InputError) as info:
            parse_plan({}, file="plan.toml")
        assert "Handlingsplanen plan.toml kan inte läsas." == info.value.message.get("sv")
        assert "The action plan plan.toml cannot be read." == info.value.message.get("en")
        assert "plan.toml" == info.value.path

    def test_the_heading_without_a_file(self) -> None:
        """Without a file the heading says just the plan."""
        with pytest.raises(InputError) as info:
            parse_plan({})
        assert "Handlingsplanen kan inte läsas." == info.value.message.get("sv")
        assert "The action plan cannot be read." == info.value.message.get("en")

    def test_unknown_timezone_in_words(self) -> None:
        """An unknown time zone is named, with an example of one that exists."""
        with pytest.raises(InputError) as info:
            parse_plan(document(timezone="Europe/Kiruna"))
        (problem,) = info.value.problems
        assert ("unknown-timezone", "timezone") == (problem.code, problem.location)
        assert (
            "tidszonen 'Europe/Kiruna' finns inte; skriv t.ex. \"Europe/Stockholm\""
            == problem.message.get("sv")
        )
        assert (
            "the time zone 'Europe/Kiruna' does not exist; write e.g. \"Europe/Stockholm\""
            == problem.message.get("en")
        )

    def test_timezone_of_another_type(self) -> None:
        """A time zone that is no text is a wrong type at `timezone`."""
        assert [("wrong-type", "timezone")] == errors_of(document(timezone=1))

    @pytest.mark.parametrize(
        ("key", "value", "where"),
        [
            ("who", ["Anna", 3], "actions[0].who[1]"),
            ("cards", ["p:a", 5], "actions[0].cards[1]"),
            ("principles", [True], "actions[0].principles[0]"),
        ],
    )
    def test_a_bad_item_of_a_list_is_located(self, key: str, value: object, where: str) -> None:
        """An item of who, cards or principles that is no text is reported at its index."""
        doc = document(actions=[{**DOCUMENT["actions"][0], key: value}])
        assert [("wrong-type", where)] == errors_of(doc)

    def test_principles_by_their_swedish_names(self) -> None:
        """A principle written by its Swedish name is kept as its id."""
        doc = document(actions=[{**DOCUMENT["actions"][0], "principles": ["Nyfikenhet"]}])
        assert ("curiosity",) == parse_plan(doc).actions[0].principles

    @pytest.mark.parametrize(
        ("result", "detail"),
        [
            ("problem", "it returned one value instead of a list of problems"),
            (42, "it returned 42, not a list of problems"),
            (
                itertools.repeat(Problem.warning("x", "title", "m", "m")),
                "it yielded more than 1000 problems",
            ),
        ],
    )
    def test_a_rule_result_that_is_no_list(self, result: object, detail: str) -> None:
        """The warning says what was wrong with what the rule returned."""
        report = check(plan(), catalog=catalog_with(lambda *args: result))
        (problem,) = report.problems
        assert problem.message.get("en").endswith(f"failed and was skipped ({detail})")

    def test_an_explicit_offset_is_kept(self) -> None:
        """A follow-up written with its own offset keeps it; the plan's zone is for local times."""
        at = dt.datetime(2027, 2, 15, 9, 0, tzinfo=dt.UTC)
        follow = parse_plan(document(follow_up={"at": at})).follow_up
        assert follow is not None
        assert dt.timedelta(0) == follow.at.utcoffset()

    def test_a_follow_up_beyond_the_calendar_in_words(self) -> None:
        """The out-of-range error gives the date-time, in both languages."""
        late = {"at": dt.datetime(9999, 12, 31, 23, 30), "duration_minutes": 60}
        with pytest.raises(InputError) as info:
            parse_plan(document(follow_up=late))
        (problem,) = info.value.problems
        assert "ligger utanför kalenderns gränser" in problem.message.get("sv")
        assert problem.message.get("en").startswith("the date-time 9999-12-31T23:30:00")

    @pytest.mark.parametrize(
        ("changes", "where"),
        [({"actions": {"what": "x"}}, "actions"), ({"created": "i morgon"}, "created")],
    )
    def test_plan_level_errors_are_located(self, changes: dict[str, Any], where: str) -> None:
        """Actions that are no list and a created date that is no date are reported there."""
        assert [where] == [location for _, location in errors_of(document(**changes))]

    def test_a_support_need_naming_nothing_says_what_it_needs(self) -> None:
        """Built by hand, a support need without function and need says what it must have."""
        with pytest.raises(
            ValueError, match="a support need names a support function, a need in words, or both"
        ):
            SupportNeed(ask="Eva")

    def test_checks_in_swedish(self) -> None:
        """A missing field and an action starting before the plan are said in Swedish too."""
        report = check(plan(action(what="", when=dt.date(2026, 11, 1))))
        messages = {p.code: p.message.get("sv") for p in report.errors}
        assert messages["missing-what"].startswith("åtgärden saknar 'what': skriv ")
        assert (
            "åtgärden börjar 2026-11-01, före planens datum 2026-11-26"
            == messages["when-before-created"]
        )
