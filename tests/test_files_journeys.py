"""Tests for reading journey folders and for the follow-up and journey JSON shapes."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from importlib.resources import as_file, files
from pathlib import Path

import pytest

from innovationsresan.catalog import Catalog
from innovationsresan.errors import InputError
from innovationsresan.files.journeys import read_journey
from innovationsresan.files.jsonable import to_jsonable
from innovationsresan.followup import Direction, FactorKind, Journey, compare
from innovationsresan.ladder import PRINCIPLE_IDS
from innovationsresan.model import LocalizedText, Problem
from innovationsresan.packs.loader import load_catalog

CATALOG = Catalog()
D = dt.date


def response(rating: int, *, scale: int = 5, who: str = "r1") -> str:
    """A response giving *rating* to every principle from both perspectives."""
    lines = ['schema = "innovationsresan.response/1"', f'respondent = "{who}"', f"scale = {scale}"]
    for q in ("organisation", "individual"):
        lines.append(f"[current.{q}]")
        lines.extend(f"{pid} = {rating}" for pid in PRINCIPLE_IDS)
    return "\n".join(lines) + "\n"


PLAN = """\
schema = "innovationsresan.plan/1"
title = "Vi testar mer"
created = {created}

[follow_up]
at = {at}T09:00:00+01:00

[[actions]]
what = "Pröva en ny mötesform"
how = "På nästa arbetsplatsträff"
when = {created}
who = ["Anna"]
principles = ["experimenting", "curiosity"]
"""

JOURNEY = """\
schema = "innovationsresan.journey/1"
team = "Enhet Norr"

[[factors]]
date = 2026-05-04
kind = "staffing"
note = "Två handläggare slutade"

[[factors]]
date = 2026-02-01
kind = "politics"
"""


def write(path: Path, text: str) -> Path:
    """Write *text* to *path*, making its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def journey(tmp_path: Path) -> Path:
    """A journey that goes up, then down: three rounds, plans in the first two, two factors."""
    root = tmp_path / "norr"
    write(root / "journey.toml", JOURNEY)
    write(root / "2026-01-22" / "r1.toml", response(2))
    write(root / "2026-01-22" / "r2.toml", response(2, who="r2"))
    write(root / "2026-01-22" / "plan.toml", PLAN.format(created="2026-01-22", at="2026-04-14"))
    write(root / "2026-04-16" / "r1.toml", response(4))
    write(root / "2026-04-16" / "plan.toml", PLAN.format(created="2026-04-16", at="2026-06-11"))
    write(root / "2026-09-10" / "r1.toml", response(4, scale=7))
    write(root / "2026-09-10" / "r3.toml", response(2, scale=7, who="r3"))
    return root


def codes(problems: Iterable[Problem]) -> list[tuple[str, str]]:
    """(code, location) of every problem."""
    return [(p.code, p.location) for p in problems]


class TestReadJourney:
    def test_reads_rounds_factors_team(self, journey: Path) -> None:
        """Rounds come from the dated folders, team and factors from journey.toml."""
        read = read_journey(journey, CATALOG, today=D(2026, 10, 1))
        assert "Enhet Norr" == read.team
        assert [D(2026, 1, 22), D(2026, 4, 16), D(2026, 9, 10)] == [r.date for r in read.rounds]
        assert [FactorKind.POLITICS, FactorKind.STAFFING] == [f.kind for f in read.factors]
        assert ["", "Två handläggare slutade"] == [f.note for f in read.factors]
        assert [] == codes(read.all_problems())

    def test_different_respondents_and_scales(self, journey: Path) -> None:
        """Each round is scored on its own: its respondents, its scales normalised.

        Last round on 7 points: ratings 4 and 2 → 0.5 and 1/6, mean 1/3.
        """
        read = read_journey(journey, CATALOG, today=None)
        results = [r.result for r in read.rounds]
        assert [2, 1, 2] == [r.respondents if r else None for r in results]
        last = results[2]
        assert last is not None
        assert 1 / 3 == pytest.approx(last.position["organisation"], abs=1e-12)

    def test_timeline_up_then_down(self, journey: Path) -> None:
        """The timeline shows the team going up, then down, with the factor between."""
        stops = read_journey(journey, CATALOG, today=D(2026, 10, 1)).timeline()
        assert [(), PRINCIPLE_IDS, ()] == [s.moves.up for s in stops]
        assert [(), (), PRINCIPLE_IDS] == [s.moves.down for s in stops]
        assert [[FactorKind.POLITICS], [FactorKind.STAFFING]] == [
            [f.kind for f in s.factors] for s in stops[1:]
        ]

    def test_plans_followed_up_and_targets(self, journey: Path) -> None:
        """The first follow-up was held two days later, the second not until September."""
        stops = read_journey(journey, CATALOG, today=D(2026, 10, 1)).timeline()
        first, second, third = (s.plan for s in stops)
        assert first is not None
        assert second is not None
        assert third is None
        assert (True, False) == (first.followed_up, second.followed_up)
        assert dt.datetime(2026, 4, 14, 9, tzinfo=dt.timezone(dt.timedelta(hours=1))) == (
            first.follow_up
        )
        assert {"curiosity": Direction.UP, "experimenting": Direction.UP} == dict(first.targets)
        assert {"curiosity": Direction.DOWN, "experimenting": Direction.DOWN} == dict(
            second.targets
        )

    def test_today_decides_open_follow_up(self, journey: Path) -> None:
        """A last plan's follow-up is open until 14 days after it, then not held."""
        write(
            journey / "2026-09-10" / "plan.toml",
            PLAN.format(created="2026-09-10", at="2026-11-26"),
        )
        before = read_journey(journey, CATALOG, today=D(2026, 12, 10)).timeline()[-1].plan
        after = read_journey(journey, CATALOG, today=D(2026, 12, 11)).timeline()[-1].plan
        assert before is not None
        assert after is not None
        assert (None, False) == (before.followed_up, after.followed_up)

    def test_without_journey_file(self, journey: Path) -> None:
        """journey.toml is optional: the team is then the folder's name, with no factors."""
        (journey / "journey.toml").unlink()
        read = read_journey(journey, CATALOG, today=None)
        assert ("norr", ()) == (read.team, read.factors)
        assert [] == codes(read.problems)

    def test_journey_file_in_json(self, journey: Path) -> None:
        """journey.json is read like journey.toml."""
        (journey / "journey.toml").unlink()
        write(
            journey / "journey.json",
            json.dumps({"schema": "innovationsresan.journey/1", "team": "JSON-laget"}),
        )
        assert "JSON-laget" == read_journey(journey, CATALOG, today=None).team

    def test_path_as_string(self, journey: Path) -> None:
        """The folder may be given as a string."""
        assert 3 == len(read_journey(str(journey), CATALOG, today=None).rounds)

    def test_collections_in_a_round(self, journey: Path) -> None:
        """A round may hold .jsonl and .csv collections besides single responses."""
        folder = journey / "2026-04-16"
        doc = {
            "schema": "innovationsresan.response/1",
            "current": {"organisation": {"curiosity": 5}},
        }
        write(folder / "more.jsonl", json.dumps(doc) + "\n" + json.dumps(doc) + "\n")
        write(folder / "survey.csv", "respondent,current.individual.curiosity\nx,1\n")
        read = read_journey(journey, CATALOG, today=None)
        result = read.rounds[1].result
        assert result is not None
        assert 4 == result.respondents

    def test_plan_in_json(self, journey: Path) -> None:
        """A round's plan may be plan.json."""
        (journey / "2026-01-22" / "plan.toml").unlink()
        plan = {
            "schema": "innovationsresan.plan/1",
            "title": "JSON-plan",
            "created": "2026-01-22",
        }
        write(journey / "2026-01-22" / "plan.json", json.dumps(plan))
        read = read_journey(journey, CATALOG, today=None)
        first = read.rounds[0]
        assert first.plan is not None
        assert first.result is not None
        assert ("JSON-plan", 2) == (first.plan.title, first.result.respondents)


class TestBadFolders:
    def test_unreadable_round(self, journey: Path) -> None:
        """A round whose responses cannot be read keeps its problems; the others still show."""
        bad = write(journey / "2026-04-16" / "r2.toml", "schema = [unclosed\n")
        read = read_journey(journey, CATALOG, today=None)
        second = read.rounds[1]
        assert second.result is None
        assert [("syntax-error", str(bad))] == codes(second.problems)
        assert [True, False, True] == [r.result is not None for r in read.rounds]
        stops = read.timeline()
        comparison = stops[2].comparison
        assert D(2026, 1, 22) == stops[2].since
        assert comparison is not None
        assert PRINCIPLE_IDS == comparison.steady()  # 0.25 → 1/3 is less than τ

    def test_invalid_response(self, journey: Path) -> None:
        """A response with a bad rating is reported with its key path."""
        write(
            journey / "2026-04-16" / "r2.toml",
            'schema = "innovationsresan.response/1"\n[current.organisation]\ncuriosity = 9\n',
        )
        second = read_journey(journey, CATALOG, today=None).rounds[1]
        assert second.result is None
        assert [
            ("invalid-rating", f"{journey}/2026-04-16/r2.toml:current.organisation.curiosity")
        ] == codes(second.problems)

    def test_empty_round(self, journey: Path) -> None:
        """A round folder with no responses is a problem of that round."""
        (journey / "2027-01-10").mkdir()
        read = read_journey(journey, CATALOG, today=None)
        assert [("no-responses", f"{journey}/2027-01-10")] == codes(read.rounds[-1].problems)

    def test_round_without_response_files(self, journey: Path) -> None:
        """A round whose only responses sit in a subfolder has none: no-responses."""
        write(journey / "2027-01-10" / "old" / "r1.toml", response(3))
        read = read_journey(journey, CATALOG, today=None)
        assert [("no-responses", f"{journey}/2027-01-10")] == codes(read.rounds[-1].problems)
        assert read.rounds[-1].result is None

    def test_malformed_plan(self, journey: Path) -> None:
        """A plan that cannot be read is reported with its path; the round's result stays."""
        plan = journey / "2026-01-22" / "plan.toml"
        plan.write_text(plan.read_text(encoding="utf-8").replace("follow_up", "follow-up"))
        first = read_journey(journey, CATALOG, today=None).rounds[0]
        assert first.plan is None
        assert first.result is not None
        assert ("unknown-key", f"{plan}:follow-up") in codes(first.problems)

    def test_plan_checked_as_written(self, journey: Path) -> None:
        """A readable plan is checked as of its own date: its errors show, its past does not."""
        plan = journey / "2026-01-22" / "plan.toml"
        plan.write_text(plan.read_text(encoding="utf-8").replace('who = ["Anna"]\n', ""))
        first = read_journey(journey, CATALOG, today=D(2030, 1, 1)).rounds[0]
        assert first.plan is not None
        assert [("missing-who", f"{plan}:actions[0].who")] == codes(first.problems)

    def test_folder_with_other_name(self, journey: Path) -> None:
        """Sub-folders not named by a date are skipped with a warning naming them."""
        (journey / "notes").mkdir()
        (journey / "2026-13-01").mkdir()
        (journey / ".git").mkdir()
        write(journey / "README.md", "hej")
        read = read_journey(journey, CATALOG, today=None)
        assert [("not-a-round", f"{journey}/2026-13-01"), ("not-a-round", f"{journey}/notes")] == (
            codes(read.problems)
        )
        assert all(p.severity.value == "warning" for p in read.problems)
        assert 3 == len(read.rounds)

    def test_broken_journey_file(self, journey: Path) -> None:
        """A journey.toml that cannot be parsed is an InputError naming it (§6)."""
        write(journey / "journey.toml", "team = \n")
        with pytest.raises(InputError) as raised:
            read_journey(journey, CATALOG, today=None)
        assert [("syntax-error", f"{journey}/journey.toml")] == codes(raised.value.problems)

    def test_other_schema(self, journey: Path) -> None:
        """A journey.toml of another major version is an InputError at its schema key."""
        write(journey / "journey.toml", JOURNEY.replace("journey/1", "journey/2"))
        with pytest.raises(InputError) as raised:
            read_journey(journey, CATALOG, today=None)
        assert [("schema-mismatch", f"{journey}/journey.toml:schema")] == codes(
            raised.value.problems
        )

    def test_bad_factors_and_keys(self, journey: Path) -> None:
        """Bad factors and unknown keys are an InputError listing every one with its key."""
        text = JOURNEY.replace('kind = "politics"', 'kind = "weather"')
        text = text.replace('team = "Enhet Norr"', "team = 'Enhet Norr'\nteem = 'x'")
        text += '\n[[factors]]\ndate = "soon"\nkind = "other"\n'
        write(journey / "journey.toml", text)
        with pytest.raises(InputError) as raised:
            read_journey(journey, CATALOG, today=None)
        where = f"{journey}/journey.toml"
        assert [
            ("unknown-key", f"{where}:teem"),
            ("invalid-value", f"{where}:factors[1].kind"),
            ("invalid-date", f"{where}:factors[2].date"),
        ] == codes(raised.value.problems)

    def test_problems_are_capped(self, journey: Path) -> None:
        """A journey.toml of 150 bad factors keeps the first 100 problems and counts the rest."""
        text = 'schema = "innovationsresan.journey/1"\n'
        text += '[[factors]]\ndate = "soon"\nkind = "politics"\n' * 150
        write(journey / "journey.toml", text)
        with pytest.raises(InputError) as raised:
            read_journey(journey, CATALOG, today=None)
        where = f"{journey}/journey.toml"
        problems = raised.value.problems
        assert 101 == len(problems)
        assert ("invalid-date", f"{where}:factors[0].date") == codes(problems)[0]
        assert ("more-problems", where) == codes(problems)[-1]
        assert problems[-1].message.get("en").startswith("and 50 more problems in the file")

    def test_wrong_types(self, journey: Path) -> None:
        """A team that is not a string and factors that are not a list are errors by key."""
        write(
            journey / "journey.toml",
            'schema = "innovationsresan.journey/1"\nteam = 5\nfactors = "x"\n',
        )
        with pytest.raises(InputError) as raised:
            read_journey(journey, CATALOG, today=None)
        where = f"{journey}/journey.toml"
        assert [("wrong-type", f"{where}:team"), ("wrong-type", f"{where}:factors")] == codes(
            raised.value.problems
        )

    def test_two_journey_files_warn(self, journey: Path) -> None:
        """Beside journey.toml a journey.json is not used; a warning says so."""
        write(journey / "journey.json", '{"schema": "innovationsresan.journey/1"}')
        read = read_journey(journey, CATALOG, today=None)
        assert [("two-journey-files", f"{journey}/journey.json")] == codes(read.problems)
        assert ("Enhet Norr", 3) == (read.team, len(read.rounds))

    def test_not_a_folder(self, tmp_path: Path) -> None:
        """A path that is not a folder is an InputError naming it."""
        path = write(tmp_path / "file.toml", "")
        with pytest.raises(InputError) as raised:
            read_journey(path, CATALOG, today=None)
        assert [("not-a-folder", str(path))] == codes(raised.value.problems)
        with pytest.raises(InputError):
            read_journey(tmp_path / "missing", CATALOG, today=None)

    def test_nothing_usable(self, tmp_path: Path) -> None:
        """An empty folder, or one with only a broken round, is an InputError with every problem."""
        with pytest.raises(InputError) as raised:
            read_journey(tmp_path, CATALOG, today=None)
        assert [("no-rounds", str(tmp_path))] == codes(raised.value.problems)
        bad = write(tmp_path / "2026-01-01" / "r.toml", "[")
        with pytest.raises(InputError) as raised:
            read_journey(tmp_path, CATALOG, today=None)
        assert [("syntax-error", str(bad))] == codes(raised.value.problems)

    def test_journey_file_alone_is_usable(self, tmp_path: Path) -> None:
        """A journey.toml with no rounds yet is a journey that has not started."""
        write(tmp_path / "journey.toml", JOURNEY)
        read = read_journey(tmp_path, CATALOG, today=None)
        assert ((), 2) == (read.rounds, len(read.factors))


class TestNotes:
    def test_what_each_folder_passes_over_is_noted(self, journey: Path) -> None:
        """Subfolders, broken links and other files, in the journey and in its rounds, are
        listed in a note per folder with the respondents of each source, in sv and en."""
        write(journey / "2026-01-22" / "old" / "r9.toml", response(3))
        (journey / "2026-04-16" / "gone.toml").symlink_to(journey / "nowhere.toml")
        write(journey / "2026-09-10" / "readme.md", "x")
        write(journey / "notes.txt", "x")
        (journey / "link").symlink_to(journey / "nowhere")
        write(journey / ".hidden", "x")
        notes: list[LocalizedText] = []
        read = read_journey(journey, CATALOG, today=None, notes=notes)
        assert [2, 1, 2] == [r.result.respondents for r in read.rounds if r.result is not None]
        assert [
            f"{journey}/2026-01-22: 2 respondents from 2 files (r1.toml 1, r2.toml 1); "
            "passed over 1: old (folder).",
            f"{journey}/2026-04-16: 1 respondent from 1 file (r1.toml 1); "
            "passed over 1: gone.toml (broken link).",
            f"{journey}/2026-09-10: 2 respondents from 2 files (r1.toml 1, r3.toml 1); "
            "passed over 1: readme.md (other kind of file).",
            f"{journey}: 5 respondents from 3 rounds (2026-01-22 2, 2026-04-16 1, "
            "2026-09-10 2); passed over 2: link (broken link), notes.txt (other kind of file).",
        ] == [n.get("en") for n in notes]
        assert (
            f"{journey}: 5 svarande ur 3 omgångar (2026-01-22 2, 2026-04-16 1, 2026-09-10 2); "
            "hoppade över 2: link (trasig länk), notes.txt (annan filtyp)."
        ) == notes[-1].get("sv")

    def test_a_clean_journey_gives_no_note(self, journey: Path) -> None:
        """Only journey.toml, rounds, responses and plans: nothing to note."""
        notes: list[LocalizedText] = []
        read_journey(journey, CATALOG, today=None, notes=notes)
        assert [] == notes

    def test_every_kind_of_response_file_in_a_round(self, journey: Path) -> None:
        """A round reads .jsonl and .csv files too, as every folder reader does."""
        write(journey / "2026-04-16" / "more.jsonl", json.dumps(_jsonl_response()) + "\n")
        read = read_journey(journey, CATALOG, today=None)
        assert 2 == read.rounds[1].result.respondents  # type: ignore[union-attr]


def _jsonl_response() -> dict[str, object]:
    return {
        "schema": "innovationsresan.response/1",
        "current": {"organisation": dict.fromkeys(PRINCIPLE_IDS, 3)},
    }


class TestJson:
    def test_journey_shape(self, journey: Path) -> None:
        """journey --json has the keys of DESIGN.md §10, dates in ISO 8601."""
        data = to_jsonable(read_journey(journey, CATALOG, today=D(2026, 10, 1)), lang="en")
        assert {"team", "factors", "rounds", "problems", "today"} == set(data)
        assert [
            {"date": "2026-02-01", "kind": "politics", "note": ""},
            {"date": "2026-05-04", "kind": "staffing", "note": "Två handläggare slutade"},
        ] == data["factors"]
        first, second, _ = data["rounds"]
        assert {
            "date",
            "respondents",
            "position",
            "placement",
            "moves",
            "plan",
            "problems",
            "since",
            "factors",
            "path",
        } == set(first)
        assert "2026-01-22" == first["date"]
        assert 2 == first["respondents"]
        assert {"organisation": 0.25, "individual": 0.25} == first["position"]
        assert {"organisation": "limited", "individual": "limited", "overall": "limited"} == (
            first["placement"]
        )
        assert {"up": list(PRINCIPLE_IDS), "down": []} == second["moves"]
        assert {
            "title": "Vi testar mer",
            "follow_up": "2026-04-14T09:00:00+01:00",
            "followed_up": True,
            "targets": {"curiosity": "up", "experimenting": "up"},
            "next_round": "2026-04-16",
        } == first["plan"]
        json.dumps(data, allow_nan=False)

    def test_round_problems_in_json(self, journey: Path) -> None:
        """An unreadable round has null figures and its problems in the problem shape."""
        write(journey / "2026-04-16" / "r2.toml", "[")
        data = to_jsonable(read_journey(journey, CATALOG, today=None), lang="en")
        second = data["rounds"][1]
        assert None is second["respondents"]
        assert {"organisation": None, "individual": None} == second["position"]
        assert ["severity", "code", "location", "message"] == list(second["problems"][0])
        assert "syntax-error" == second["problems"][0]["code"]

    def test_comparison_shape(self, journey: Path) -> None:
        """followup --json: every principle with before, after, delta, direction; placements."""
        read = read_journey(journey, CATALOG, today=None)
        first, second = (r.result for r in read.rounds[:2])
        assert first is not None
        assert second is not None
        data = to_jsonable(compare(first, second))
        assert {"principles", "placement", "tau"} == set(data)
        assert list(PRINCIPLE_IDS) == [p["id"] for p in data["principles"]]
        assert {"before": 0.25, "after": 0.75, "delta": 0.5, "direction": "up"} == (
            data["principles"][0]["organisation"]
        )
        assert {
            "before": {"organisation": "limited", "individual": "limited", "overall": "limited"},
            "after": {
                "organisation": "innovative",
                "individual": "innovative",
                "overall": "innovative",
            },
        } == data["placement"]


class TestExample:
    def test_bundled_example(self) -> None:
        """The shipped example journey reads without problems (its plans use Kiruna cards).

        It goes up, then down after a staffing loss, then up again.
        """
        catalog = load_catalog(packs=["kiruna"], entry_points=True)
        with as_file(files("innovationsresan.examples") / "journey") as folder:
            read = read_journey(folder, catalog, today=D(2027, 1, 15))
        assert isinstance(read, Journey)
        assert [] == codes(read.all_problems())
        stops = read.timeline()
        assert 4 == len(stops)
        ups = [bool(s.moves.up) for s in stops]
        downs = [bool(s.moves.down) for s in stops]
        assert [False, True, False, True] == ups
        assert [False, False, True, False] == downs
        assert [True, False, True, None] == [s.plan.followed_up for s in stops if s.plan]
        assert {FactorKind.STAFFING, FactorKind.POLITICS, FactorKind.OTHER} == {
            f.kind for f in read.factors
        }


class TestSameContent:
    def test_rounds_rating_other_statements_warn(self, tmp_path: Path) -> None:
        """A round that rated statements the round before it did not gets the warning that
        followup gives (rounds-statements-differ), at that round's statements."""
        catalog = load_catalog(packs=["kiruna"], entry_points=True)
        first = "limited-org-testing-1 = 2\nlimited-org-testing-2 = 3\n"
        second = "limited-org-testing-1 = 2\n"
        for day, ratings in (("2026-01-22", first), ("2026-04-16", second)):
            write(tmp_path / day / "r1.toml", response(3) + "[statements]\n" + ratings)

        read = read_journey(tmp_path, catalog, today=None)
        stops = read.timeline()

        assert [] == codes(stops[0].problems)
        assert ["rounds-statements-differ"] == [p.code for p in stops[1].problems]
        assert stops[1].problems[0].location.endswith("2026-04-16:statements")
        assert frozenset({"kiruna:limited-org-testing-1"}) == read.rounds[1].statements

    def test_rounds_with_the_same_statements_do_not_warn(self, tmp_path: Path) -> None:
        """Rounds that rated the same statements, or none, are compared without a warning."""
        catalog = load_catalog(packs=["kiruna"], entry_points=True)
        ratings = "[statements]\nlimited-org-testing-1 = 2\n"
        write(tmp_path / "2026-01-22" / "r1.toml", response(3) + ratings)
        write(tmp_path / "2026-04-16" / "r1.toml", response(4) + ratings)
        write(tmp_path / "2026-09-10" / "r1.toml", response(4, who="r2") + ratings)

        stops = read_journey(tmp_path, catalog, today=None).timeline()

        assert [[], [], []] == [codes(s.problems) for s in stops]
