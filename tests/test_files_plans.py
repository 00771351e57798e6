"""Tests for plan files: reading TOML and JSON, atomic writing, round trips, JSON output."""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from innovationsresan.errors import InputError
from innovationsresan.files.documents import MAX_BYTES
from innovationsresan.files.jsonable import to_jsonable
from innovationsresan.files.plans import plan_json, plan_toml, read_plan, write_plan
from innovationsresan.model import Card, LocalizedText, Problem
from innovationsresan.plans import (
    Action,
    ActionPlan,
    DateRange,
    FollowUp,
    PlanReport,
    SupportNeed,
)
from innovationsresan.recommendation import Suggestion
from tests.budget import capped
from tests.strategies import plans

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
EXAMPLE = Path(__file__).parent.parent / "src" / "innovationsresan" / "examples" / "plan.toml"

PLAN_TOML = """\
schema = "innovationsresan.plan/1"
title = "Vi testar mer"
team = "Enhet Norr"
created = 2026-11-26

[follow_up]
at = 2027-02-15T09:00:00
where = "Aurora, rum 2"

[[actions]]
what = "Pröva en ny mötesform"
how = "Kortet 'Pre-mortem' på nästa APT"
when = { start = 2026-12-01, end = 2026-12-10 }
who = "Anna"
cards = ["kiruna:pre-mortem"]
principles = ["experimenting"]
"""

PLAN_JSON = {
    "schema": "innovationsresan.plan/1",
    "title": "Vi testar mer",
    "team": "Enhet Norr",
    "created": "2026-11-26",
    "follow_up": {"at": "2027-02-15T09:00:00", "where": "Aurora, rum 2"},
    "actions": [
        {
            "what": "Pröva en ny mötesform",
            "how": "Kortet 'Pre-mortem' på nästa APT",
            "when": {"start": "2026-12-01", "end": "2026-12-10"},
            "who": ["Anna"],
            "cards": ["kiruna:pre-mortem"],
            "principles": ["experimenting"],
        }
    ],
}

EXPECTED = ActionPlan(
    created=dt.date(2026, 11, 26),
    title="Vi testar mer",
    team="Enhet Norr",
    follow_up=FollowUp(
        at=dt.datetime(2027, 2, 15, 9, 0, tzinfo=STOCKHOLM),
        duration_minutes=60,
        where="Aurora, rum 2",
    ),
    actions=(
        Action(
            what="Pröva en ny mötesform",
            how="Kortet 'Pre-mortem' på nästa APT",
            when=DateRange(dt.date(2026, 12, 1), dt.date(2026, 12, 10)),
            who=("Anna",),
            cards=("kiruna:pre-mortem",),
            principles=("experimenting",),
        ),
    ),
)


def problems_of(path: Path) -> list[tuple[str, str]]:
    with pytest.raises(InputError) as info:
        read_plan(path)
    return [(p.code, p.location) for p in info.value.problems]


class TestReadPlan:
    def test_toml(self, tmp_path: Path) -> None:
        """A TOML plan reads into its values."""
        path = tmp_path / "plan.toml"
        path.write_text(PLAN_TOML, encoding="utf-8")
        assert EXPECTED == read_plan(path)

    def test_json(self, tmp_path: Path) -> None:
        """A JSON plan with the same structure reads the same."""
        path = tmp_path / "plan.json"
        path.write_text(json.dumps(PLAN_JSON), encoding="utf-8")
        assert EXPECTED == read_plan(path)

    def test_example_plan(self) -> None:
        """The bundled example plan reads."""
        plan = read_plan(EXAMPLE)
        assert "Medborgarservice, enhet Norr (påhittat exempel)" == plan.team
        assert 3 == len(plan.actions)

    def test_problems_name_the_file(self, tmp_path: Path) -> None:
        """Problems inside the file carry its name."""
        path = tmp_path / "plan.toml"
        path.write_text(PLAN_TOML.replace("[follow_up]", "[follow-up]"), encoding="utf-8")
        assert [(f"{path.as_posix()}:follow-up", "unknown-key")] == [
            (where, code) for code, where in problems_of(path)
        ]

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file is an InputError, not a traceback."""
        path = tmp_path / "nope.toml"
        assert [("missing-file", path.as_posix())] == problems_of(path)

    def test_syntax_error(self, tmp_path: Path) -> None:
        """Broken TOML is a syntax-error problem naming the file."""
        path = tmp_path / "plan.toml"
        path.write_text('schema = "innovationsresan.plan/1\n', encoding="utf-8")
        assert [("syntax-error", path.as_posix())] == problems_of(path)

    def test_not_utf8(self, tmp_path: Path) -> None:
        """Bytes that are not UTF-8 are reported, not decoded wrongly."""
        path = tmp_path / "plan.toml"
        path.write_bytes(PLAN_TOML.replace("ö", "X").encode() + b"# \xff\n")
        assert [("not-utf8", path.as_posix())] == problems_of(path)

    def test_huge_file(self, tmp_path: Path) -> None:
        """A file over the size limit is refused without being parsed."""
        path = tmp_path / "plan.toml"
        path.write_bytes(b"#" * (MAX_BYTES + 1))
        assert [("file-too-large", path.as_posix())] == problems_of(path)


class TestWritePlan:
    @pytest.mark.parametrize("name", ["plan.toml", "plan.json"])
    def test_round_trip(self, tmp_path: Path, name: str) -> None:
        """What is written reads back equal, in TOML and in JSON."""
        path = tmp_path / name
        write_plan(EXPECTED, path)
        assert EXPECTED == read_plan(path)

    def test_support_is_written_inline(self, tmp_path: Path) -> None:
        """Support needs are written as inline tables with only the keys they have."""
        support = (
            SupportNeed(function="kiruna:it", ask="Maria på IT"),
            SupportNeed(need='en "lokal"'),
        )
        plan = attrs.evolve(EXPECTED, actions=(attrs.evolve(EXPECTED.actions[0], support=support),))
        path = tmp_path / "plan.toml"

        write_plan(plan, path)

        assert (
            'support = [{ function = "kiruna:it", ask = "Maria på IT" }, '
            '{ need = "en \\"lokal\\"" }]\n'
        ) in path.read_text(encoding="utf-8")
        assert plan == read_plan(path)
        assert [{"function": "kiruna:it", "ask": "Maria på IT"}, {"need": 'en "lokal"'}] == (
            to_jsonable(plan)["actions"][0]["support"]
        )

    def test_local_time_is_written_local(self) -> None:
        """A follow-up in the plan's own zone is written as a local date-time."""
        assert "at = 2027-02-15T09:00:00\n" in plan_toml(EXPECTED)
        assert '"at": "2027-02-15T09:00:00"' in plan_json(EXPECTED)

    def test_repeated_hour_keeps_its_offset(self, tmp_path: Path) -> None:
        """The second 02:30 of the autumn night is written with its offset and reads back equal."""
        second = dt.datetime(2026, 10, 25, 2, 30, tzinfo=STOCKHOLM, fold=1)
        plan = ActionPlan(created=dt.date(2026, 10, 1), follow_up=FollowUp(at=second))
        path = tmp_path / "plan.toml"
        write_plan(plan, path)
        got = read_plan(path).follow_up
        assert got is not None
        assert second.astimezone(dt.UTC) == got.at.astimezone(dt.UTC)
        assert "+01:00" in path.read_text(encoding="utf-8")

    def test_hints_are_comments(self, tmp_path: Path) -> None:
        """With hints the file starts with comments and still reads back equal."""
        path = tmp_path / "plan.toml"
        write_plan(EXPECTED, path, hints=True, lang="en")
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# Action plan")
        assert EXPECTED == read_plan(path)

    def test_replaces_atomically(self, tmp_path: Path) -> None:
        """Writing over a plan replaces it whole and leaves no temporary file."""
        path = tmp_path / "plan.toml"
        path.write_text("old", encoding="utf-8")
        write_plan(EXPECTED, path)
        assert ["plan.toml"] == sorted(p.name for p in tmp_path.iterdir())
        assert EXPECTED == read_plan(path)

    @capped(
        150,
        "each example writes a plan of up to ten actions to a file and reads it back",
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(plans(), st.sampled_from(["p.toml", "p.json"]))
    def test_any_plan_round_trips(self, tmp_path: Path, plan: ActionPlan, name: str) -> None:
        """Every plan, whatever its texts, zones and dates, reads back equal."""
        path = tmp_path / name
        write_plan(plan, path)
        got = read_plan(path)
        assert plan == got
        if plan.follow_up is not None:
            assert got.follow_up is not None
            assert plan.follow_up.date == got.follow_up.date


class TestJsonOutput:
    def test_plan_report(self) -> None:
        """A report is {"ok", "problems"} with messages in the chosen language."""
        report = PlanReport(
            (Problem.warning("follow-up-far", "follow_up.at", "långt bort", "far away"),)
        )
        assert {
            "ok": True,
            "problems": [
                {
                    "severity": "warning",
                    "code": "follow-up-far",
                    "location": "follow_up.at",
                    "message": "far away",
                }
            ],
        } == to_jsonable(report, lang="en")

    def test_suggestion(self) -> None:
        """A suggestion has id, gain and serves, plus the card's facts."""
        card = Card(
            id="pre-mortem",
            pack="kiruna",
            title=LocalizedText.of("Pre-mortem", "Pre-mortem"),
            summary=LocalizedText.of("S", "S"),
            principles=(("learning-from-failure", 1.0), ("experimenting", 0.5)),
            minutes=30,
            group_size=(2, 10),
        )
        got = to_jsonable([Suggestion(card, 0.4, {"experimenting": 0.4})])
        assert {
            "id": "kiruna:pre-mortem",
            "gain": 0.4,
            "serves": {"experimenting": 0.4},
            "title": {"sv": "Pre-mortem", "en": "Pre-mortem"},
            "summary": {"sv": "S", "en": "S"},
            "minutes": 30,
            "group_size": [2, 10],
            "principles": {"learning-from-failure": 1.0, "experimenting": 0.5},
        } == got[0]

    def test_plan(self) -> None:
        """A plan is its file structure with ISO 8601 dates."""
        got = to_jsonable(EXPECTED)
        assert "2026-11-26" == got["created"]
        assert {"start": "2026-12-01", "end": "2026-12-10"} == got["actions"][0]["when"]
        assert "2027-02-15T09:00:00" == got["follow_up"]["at"]
        json.dumps(got)
