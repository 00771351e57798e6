"""Tests of the workshop store (store), run against SQLite and a real PostgreSQL server."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import itertools
import os
import random
import secrets
import signal
import string
import subprocess
import sys
import threading
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import innovationsresan as ir
from innovationsresan.errors import InputError
from innovationsresan.files.plans import plan_toml, read_plan
from innovationsresan.files.responses import read_responses
from innovationsresan.store import (
    CODE_ALPHABET,
    LADDER_KEYS,
    LimitError,
    Store,
    StoreUnavailableError,
    UnknownParticipantError,
    UnknownWorkshopError,
    WorkshopClosedError,
    data_folder,
    database_url,
    default_database_url,
    facilitator_url,
    join_url,
)
from innovationsresan.store import workshops as workshops_module
from innovationsresan.store.engine import shown
from tests.pgserver import postgresql_server, postgresql_url  # noqa: F401 - fixtures

CURIOSITY = "current.organisation.curiosity"
WANTED = "desired.individual.ownership"
KIRUNA_STATEMENT = "statements.kiruna:limited-org-uncertainty-1"


@pytest.fixture(scope="module")
def catalog() -> ir.Catalog:
    """The installed packs."""
    return ir.load_catalog()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty database: a SQLite file, or a database on the session's PostgreSQL server."""
    if request.param == "sqlite":
        return str(tmp_path / "workshops.sqlite3")
    url: str = request.getfixturevalue("postgresql_url")
    return url


@pytest.fixture
def store(db: str, catalog: ir.Catalog) -> Iterator[Store]:
    """A store on the new database, checking statements against the installed packs."""
    with Store.open(db, catalog=catalog) as opened:
        yield opened


def full_answers(seed: int, scale: int = 5) -> dict[str, str]:
    """All 36 ladder answers, drawn from *seed*, with an n/a now and then."""
    rng = random.Random(seed)
    return {
        key: "n/a" if rng.random() < 0.05 else str(rng.randint(1, scale))
        for key in sorted(LADDER_KEYS)
    }


class TestWorkshops:
    def test_created_workshop_reads_back(self, store: Store) -> None:
        """A created workshop is found by its id with every setting it was given."""
        first, _ = store.create_workshop("Enhet Norr")
        workshop, _ = store.create_workshop(
            "Enhet Syd",
            lang="en",
            scale=7,
            packs=("kiruna",),
            rate_statements=True,
            previous=first.id,
        )
        assert workshop == store.workshop(workshop.id)
        assert ("Enhet Syd", "en", 7, ("kiruna",), True, first.id) == (
            workshop.name,
            workshop.lang,
            workshop.scale,
            workshop.packs,
            workshop.rate_statements,
            workshop.previous,
        )
        assert workshop.is_open

    def test_code_has_six_unambiguous_characters(self, store: Store) -> None:
        """A join code is six characters from an alphabet without 0/O, 1/I/L."""
        codes = {store.create_workshop(f"Team {i}")[0].code for i in range(20)}
        assert 20 == len(codes)
        assert all(6 == len(code) and set(code) <= set(CODE_ALPHABET) for code in codes)
        assert not set("01OIL") & set(CODE_ALPHABET)

    def test_code_finds_workshop_in_any_case(self, store: Store) -> None:
        """A code typed in lower case, with spaces or a hyphen, finds its workshop."""
        workshop, _ = store.create_workshop("Enhet Norr")
        code = workshop.code
        typed = f" {code[:3].lower()}-{code[3:].lower()} "
        assert workshop == store.by_code(typed)
        assert store.by_code("ZZZZZZ" if code != "ZZZZZZ" else "YYYYYY") is None

    def test_closed_workshop_code_joins_no_more(self, store: Store) -> None:
        """Closing a workshop makes its code stop working; the workshop itself stays."""
        workshop, _ = store.create_workshop("Enhet Norr")
        closed = store.close(workshop.id)
        assert closed is not None
        assert closed.closed is not None
        assert store.by_code(workshop.code) is None
        assert closed == store.workshop(workshop.id)

    def test_closed_workshop_found_by_code_when_asked(self, store: Store) -> None:
        """With include_closed a closed workshop's code still names it (to say it has closed)."""
        workshop, _ = store.create_workshop("Enhet Norr")
        assert workshop == store.by_code(workshop.code, include_closed=True)
        closed = store.close(workshop.id)
        assert closed == store.by_code(workshop.code.lower(), include_closed=True)
        other = "ZZZZZZ" if workshop.code != "ZZZZZZ" else "YYYYYY"
        assert store.by_code(other, include_closed=True) is None

    def test_closing_again_changes_nothing(self, store: Store) -> None:
        """A second close keeps the first closing time."""
        workshop, _ = store.create_workshop("Enhet Norr")
        first = store.close_workshop(workshop.id)
        assert first == store.close_workshop(workshop.id)

    def test_secret_checks(self, store: Store) -> None:
        """Only the secret given at creation passes, and only for its own workshop."""
        workshop, secret = store.create_workshop("Enhet Norr")
        other, other_secret = store.create_workshop("Enhet Syd")
        assert store.check_secret(workshop.id, secret)
        assert not store.check_secret(workshop.id, other_secret)
        assert not store.check_secret(workshop.id, secret[:-1])
        assert not store.check_secret(workshop.id, "")
        assert not store.check_secret("no-such-workshop", secret)
        assert store.check_secret(other.id, other_secret)

    def test_secret_is_not_stored_in_clear(self, store: Store) -> None:
        """The database holds the secret's hash, never the secret."""
        from sqlalchemy import select

        from innovationsresan.store.tables import workshops

        workshop, secret = store.create_workshop("Enhet Norr")
        with store.engine.connect() as conn:
            row = conn.execute(select(workshops).where(workshops.c.id == workshop.id)).one()
        assert secret not in [str(value) for value in row]

    def test_invalid_settings_list_every_problem(self, store: Store) -> None:
        """A blank name, an unknown language, scale and pack are all reported at once."""
        with pytest.raises(InputError) as caught:
            store.create_workshop(
                "  ", lang="fi", scale=12, packs=("Kiruna!", "no-such-pack"), previous="nope"
            )
        expected = [
            "invalid-name",
            "invalid-language",
            "invalid-scale",
            "invalid-id",
            "unknown-pack",
            "unknown-workshop",
        ]
        assert expected == [p.code for p in caught.value.problems]
        assert "Workshoppen kan inte skapas." == caught.value.message.get("sv")
        assert "The workshop cannot be created." == caught.value.message.get("en")
        assert () == store.workshops()

    def test_workshops_listed_oldest_first(self, db: str) -> None:
        """``workshops()`` gives every workshop in the order they were created."""
        times = iter(dt.datetime(2026, 11, d, 9, tzinfo=dt.UTC) for d in range(1, 10))
        with Store.open(db, clock=lambda: next(times)) as store:
            made = [store.create_workshop(name)[0] for name in ("A", "B", "C")]
            assert made == list(store.workshops())

    def test_unknown_workshop(self, store: Store) -> None:
        """An unknown id is ``None`` when looked up and an UnknownWorkshopError when acted on."""
        assert store.workshop("nope") is None
        for act in (
            lambda: store.close("nope"),
            lambda: store.new_participant("nope"),
            lambda: store.revision("nope"),
            lambda: store.responses("nope"),
            lambda: store.save_plan("nope", ""),
            lambda: store.save_answers("nope", "r", {CURIOSITY: "3"}),
        ):
            with pytest.raises(UnknownWorkshopError) as caught:
                act()
            assert isinstance(caught.value, LookupError)
            assert "nope" == caught.value.workshop_id

    def test_delete_removes_everything(self, store: Store) -> None:
        """Deleting a workshop removes its answers and plan; a later one loses its link only."""
        from sqlalchemy import func, select

        from innovationsresan.store.tables import answers, participants, plans

        workshop, _ = store.create_workshop("Enhet Norr")
        later, _ = store.create_workshop("Enhet Norr igen", previous=workshop.id)
        kept, _ = store.create_workshop("Enhet Syd")
        for team in (workshop, kept):
            respondent = store.new_participant(team.id)
            store.save_answers(team.id, respondent, {CURIOSITY: "3"})
            store.save_plan(team.id, plan_text("Plan"))
        assert workshop == store.delete(workshop.id)
        assert store.workshop(workshop.id) is None
        later_now = store.workshop(later.id)
        assert later_now is not None
        assert later_now.previous is None
        with store.engine.connect() as conn:
            counts = [
                conn.execute(select(func.count()).select_from(table)).scalar()
                for table in (participants, answers, plans)
            ]
        assert [1, 1, 1] == counts
        assert 1 == store.respondent_count(kept.id)
        with pytest.raises(UnknownWorkshopError):
            store.delete(workshop.id)

    def test_store_reopens_with_its_workshops(self, db: str) -> None:
        """Closing and reopening the store finds the same workshops and answers."""
        with Store.open(db) as store:
            workshop, secret = store.create_workshop("Enhet Norr")
            respondent = store.new_participant(workshop.id)
            store.save_answers(workshop.id, respondent, {CURIOSITY: "4"})
        with Store.open(db) as again:
            assert (workshop,) == again.workshops()
            assert again.check_secret(workshop.id, secret)
            assert {CURIOSITY: "4"} == again.answers(workshop.id, respondent)


class TestAnswers:
    def test_saved_answers_read_back(self, store: Store) -> None:
        """A participant's saved answers come back as given."""
        workshop, _ = store.create_workshop("Enhet Norr")
        respondent = store.new_participant(workshop.id)
        store.save_answers(workshop.id, respondent, {CURIOSITY: "3", WANTED: "n/a"})
        assert {CURIOSITY: "3", WANTED: "n/a"} == store.answers(workshop.id, respondent)

    def test_second_submission_replaces_first(self, store: Store) -> None:
        """Answering the same question again replaces the answer; it never counts twice."""
        workshop, _ = store.create_workshop("Enhet Norr")
        respondent = store.new_participant(workshop.id)
        store.save_answers(workshop.id, respondent, {CURIOSITY: "3", WANTED: "2"})
        store.save_answers(workshop.id, respondent, {CURIOSITY: "5"})
        assert {CURIOSITY: "5", WANTED: "2"} == store.answers(workshop.id, respondent)
        assert 1 == store.respondent_count(workshop.id)
        (response,) = store.responses(workshop.id)
        assert 5 == response.rating("current", "organisation", "curiosity")

    def test_empty_value_withdraws_answer(self, store: Store) -> None:
        """An empty value removes an earlier answer to that question."""
        workshop, _ = store.create_workshop("Enhet Norr")
        respondent = store.new_participant(workshop.id)
        store.save_answers(workshop.id, respondent, {CURIOSITY: "3", WANTED: "2"})
        store.save_answers(workshop.id, respondent, {CURIOSITY: ""})
        assert {WANTED: "2"} == store.answers(workshop.id, respondent)

    def test_participants_do_not_see_each_other(self, store: Store) -> None:
        """Each participant's answers are their own."""
        workshop, _ = store.create_workshop("Enhet Norr")
        first, second = store.new_participant(workshop.id), store.new_participant(workshop.id)
        assert first != second
        store.save_answers(workshop.id, first, {CURIOSITY: "1"})
        store.save_answers(workshop.id, second, {CURIOSITY: "5"})
        assert {CURIOSITY: "1"} == store.answers(workshop.id, first)
        assert {CURIOSITY: "5"} == store.answers(workshop.id, second)

    def test_invalid_answers_save_nothing(self, store: Store) -> None:
        """Bad keys and values are all reported, and none of the answers is saved."""
        workshop, _ = store.create_workshop("Enhet Norr", scale=5)
        respondent = store.new_participant(workshop.id)
        with pytest.raises(InputError) as caught:
            store.save_answers(
                workshop.id,
                respondent,
                {
                    CURIOSITY: "3",
                    "current.organisation.curiosty": "3",
                    WANTED: "6",
                    "desired.organisation.curiosity": "0",
                    "current.individual.curiosity": " 3",
                    "respondent": "x",
                },
            )
        expected = [
            ("unknown-key", "current.organisation.curiosty"),
            ("invalid-rating", WANTED),
            ("invalid-rating", "desired.organisation.curiosity"),
            ("invalid-rating", "current.individual.curiosity"),
            ("unknown-key", "respondent"),
        ]
        assert expected == [(p.code, p.location) for p in caught.value.problems]
        assert {} == store.answers(workshop.id, respondent)
        assert 0 == store.revision(workshop.id)

    def test_rating_message_names_scale_in_both_languages(self, store: Store) -> None:
        """An out-of-scale rating says which values are allowed, in Swedish and English."""
        workshop, _ = store.create_workshop("Enhet Norr", scale=4)
        respondent = store.new_participant(workshop.id)
        with pytest.raises(InputError) as caught:
            store.save_answers(workshop.id, respondent, {CURIOSITY: "5"})
        (problem,) = caught.value.problems
        assert "ett svar ska vara 1..4 eller \"n/a\", inte '5'" == problem.message.get("sv")
        assert "an answer must be 1..4 or \"n/a\", not '5'" == problem.message.get("en")

    def test_statements_refused_unless_rated(self, store: Store) -> None:
        """A workshop that does not rate statements refuses statement answers."""
        workshop, _ = store.create_workshop("Enhet Norr")
        respondent = store.new_participant(workshop.id)
        with pytest.raises(InputError) as caught:
            store.save_answers(workshop.id, respondent, {KIRUNA_STATEMENT: "4"})
        assert ["statements-off"] == [p.code for p in caught.value.problems]

    def test_statements_must_be_in_the_workshops_packs(self, store: Store) -> None:
        """Statement answers must name a statement of the workshop's packs."""
        workshop, _ = store.create_workshop("Enhet Norr", packs=("kiruna",), rate_statements=True)
        respondent = store.new_participant(workshop.id)
        store.save_answers(workshop.id, respondent, {KIRUNA_STATEMENT: "4"})
        with pytest.raises(InputError) as caught:
            store.save_answers(
                workshop.id,
                respondent,
                {"statements.kiruna:no-such-statement": "4", "statements.other:x": "2"},
            )
        assert ["unknown-statement"] * 2 == [p.code for p in caught.value.problems]
        assert {KIRUNA_STATEMENT: "4"} == store.answers(workshop.id, respondent)

    def test_closed_workshop_refuses_answers(self, store: Store) -> None:
        """A closed workshop takes neither new participants nor answers; old answers stay."""
        workshop, _ = store.create_workshop("Enhet Norr")
        respondent = store.new_participant(workshop.id)
        store.save_answers(workshop.id, respondent, {CURIOSITY: "2"})
        store.close(workshop.id)
        with pytest.raises(WorkshopClosedError):
            store.save_answers(workshop.id, respondent, {CURIOSITY: "5"})
        with pytest.raises(WorkshopClosedError):
            store.new_participant(workshop.id)
        assert {CURIOSITY: "2"} == store.answers(workshop.id, respondent)

    def test_unknown_participant_refused(self, store: Store) -> None:
        """A respondent id that did not join this workshop cannot answer in it."""
        workshop, _ = store.create_workshop("Enhet Norr")
        other, _ = store.create_workshop("Enhet Syd")
        stranger = store.new_participant(other.id)
        for respondent in (stranger, "forged"):
            with pytest.raises(UnknownParticipantError):
                store.save_answers(workshop.id, respondent, {CURIOSITY: "2"})
            with pytest.raises(UnknownParticipantError):
                store.save_answers(workshop.id, respondent, {})
        assert 0 == store.respondent_count(workshop.id)

    def test_revision_grows_with_each_save(self, store: Store) -> None:
        """The revision moves with every saved answer and with closing."""
        workshop, _ = store.create_workshop("Enhet Norr")
        respondent = store.new_participant(workshop.id)
        seen = [store.revision(workshop.id)]
        for value in "1234":
            store.save_answers(workshop.id, respondent, {CURIOSITY: value})
            seen.append(store.revision(workshop.id))
        store.close(workshop.id)
        seen.append(store.revision(workshop.id))
        assert seen == sorted(set(seen))

    def test_participants_are_limited(self, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
        """Past the participant limit, a new participant is refused with LimitError."""
        monkeypatch.setattr(workshops_module, "MAX_PARTICIPANTS", 3)
        workshop, _ = store.create_workshop("Enhet Norr")
        for _ in range(3):
            store.new_participant(workshop.id)
        with pytest.raises(LimitError) as caught:
            store.new_participant(workshop.id)
        assert "participants" == caught.value.limit

    def test_answers_are_limited(
        self, store: Store, catalog: ir.Catalog, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Past the answer limit, a save is refused whole and earlier answers stay."""
        monkeypatch.setattr(workshops_module, "MAX_ANSWERS", len(LADDER_KEYS) + 2)
        workshop, _ = store.create_workshop("Enhet Norr", rate_statements=True)
        respondent = store.new_participant(workshop.id)
        ids = sorted(f"statements.{s.pack}:{s.id}" for s in catalog.statements)[:4]
        store.save_answers(workshop.id, respondent, full_answers(1))
        store.save_answers(workshop.id, respondent, dict.fromkeys(ids[:2], "3"))
        with pytest.raises(LimitError) as caught:
            store.save_answers(workshop.id, respondent, dict.fromkeys(ids[2:4], "3"))
        assert "answers" == caught.value.limit
        expected = {**full_answers(1), **dict.fromkeys(ids[:2], "3")}
        assert expected == store.answers(workshop.id, respondent)
        with pytest.raises(LimitError):
            store.save_answers(workshop.id, respondent, dict.fromkeys(ids, "3"))
        # replacing answers already given stays within the limit
        store.save_answers(workshop.id, respondent, dict.fromkeys(ids[:2], "4"))
        store.save_answers(workshop.id, respondent, full_answers(2))
        assert len(LADDER_KEYS) + 2 == len(store.answers(workshop.id, respondent))

    def test_closed_elsewhere_is_noticed(self, db: str) -> None:
        """A workshop closed by another process refuses answers though this store saw it open."""
        with Store.open(db) as server, Store.open(db) as other:
            workshop, _ = server.create_workshop("Enhet Norr")
            respondent = server.new_participant(workshop.id)
            server.save_answers(workshop.id, respondent, {CURIOSITY: "2"})
            other.close(workshop.id)
            with pytest.raises(WorkshopClosedError):
                server.save_answers(workshop.id, respondent, {CURIOSITY: "5"})
            other.delete(workshop.id)
            with pytest.raises(UnknownWorkshopError):
                server.save_answers(workshop.id, respondent, {CURIOSITY: "5"})

    def test_responses_use_pseudonyms_in_join_order(self, store: Store) -> None:
        """Responses name respondents r01, r02… and leave out those without answers."""
        workshop, _ = store.create_workshop("Enhet Norr", scale=7)
        people = [store.new_participant(workshop.id) for _ in range(3)]
        store.save_answers(workshop.id, people[2], {CURIOSITY: "7"})
        store.save_answers(workshop.id, people[0], {WANTED: "n/a"})
        responses = store.responses(workshop.id)
        assert ["r01", "r03"] == [r.respondent for r in responses]
        assert [7, 7] == [r.scale for r in responses]
        assert "n/a" == responses[0].rating("desired", "individual", "ownership")
        assert 2 == store.respondent_count(workshop.id)
        assert not any(person in repr(responses) for person in people)

    def test_concurrent_saves_all_count(self, store: Store) -> None:
        """Eight threads saving at once through one store lose nothing."""
        workshop, _ = store.create_workshop("Enhet Norr")
        people = [store.new_participant(workshop.id) for _ in range(8)]
        errors: list[BaseException] = []

        def answer(respondent: str, seed: int) -> None:
            try:
                for key, value in full_answers(seed).items():
                    store.save_answers(workshop.id, respondent, {key: value})
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [
            threading.Thread(target=answer, args=(person, i)) for i, person in enumerate(people)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert [] == errors
        assert [full_answers(i) for i in range(8)] == [
            store.answers(workshop.id, person) for person in people
        ]
        assert 8 * 36 == store.revision(workshop.id)


_KEYS = st.sampled_from(sorted(LADDER_KEYS)[:6])
_VALUES = st.sampled_from(["1", "2", "3", "4", "5", "n/a", ""])


class TestSaveSemantics:
    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=25)
    @given(saves=st.lists(st.dictionaries(_KEYS, _VALUES, max_size=4), max_size=6))
    def test_answers_are_the_last_value_given(
        self, store: Store, saves: list[dict[str, str]]
    ) -> None:
        """After any saves, each key holds the last value given; an empty one removes it."""
        workshop = store.workshops()[0] if store.workshops() else store.create_workshop("T")[0]
        respondent = store.new_participant(workshop.id)
        expected: dict[str, str] = {}
        for save in saves:
            store.save_answers(workshop.id, respondent, save)
            for key, value in save.items():
                if value:
                    expected[key] = value
                else:
                    expected.pop(key, None)
        assert expected == store.answers(workshop.id, respondent)
        responses = {r.respondent: r for r in store.responses(workshop.id)}
        mine = [r for r in responses.values() if r.respondent is not None]
        assert len(mine) == store.respondent_count(workshop.id)


class TestPlans:
    def test_plan_reads_back(self, store: Store) -> None:
        """A saved plan is given back as written, and saving again replaces it."""
        workshop, _ = store.create_workshop("Enhet Norr")
        assert store.plan(workshop.id) is None
        first = plan_text("Vi testar mer")
        store.save_plan(workshop.id, first)
        assert first == store.plan(workshop.id)
        second = plan_text("Vi testar ännu mer")
        store.save_plan(workshop.id, second)
        assert second == store.plan(workshop.id)

    def test_closed_workshop_keeps_plans(self, store: Store) -> None:
        """The plan is written after answering closed, so a closed workshop takes it."""
        workshop, _ = store.create_workshop("Enhet Norr")
        store.close(workshop.id)
        before = store.revision(workshop.id)
        store.save_plan(workshop.id, plan_text("Efteråt"))
        assert before < store.revision(workshop.id)

    def test_unreadable_plan_refused(self, store: Store) -> None:
        """A plan that does not read as a plan is refused with its problems."""
        workshop, _ = store.create_workshop("Enhet Norr")
        with pytest.raises(InputError) as caught:
            store.save_plan(workshop.id, 'schema = "innovationsresan.plan/1"\ntitle = 3\n')
        assert {"missing-key", "wrong-type"} <= {p.code for p in caught.value.problems}
        with pytest.raises(InputError):
            store.save_plan(workshop.id, "not = [toml")
        assert store.plan(workshop.id) is None


def plan_text(title: str) -> str:
    """A small valid plan as TOML."""
    plan = ir.ActionPlan(title=title, team="Enhet Norr", created=dt.date(2026, 11, 26))
    return plan_toml(plan)


class TestExport:
    def test_export_scores_like_the_store(
        self, store: Store, catalog: ir.Catalog, tmp_path: Path
    ) -> None:
        """``score`` on the exported files equals scoring the store's responses."""
        workshop, _ = store.create_workshop("Enhet Norr")
        for seed in range(5):
            respondent = store.new_participant(workshop.id)
            store.save_answers(workshop.id, respondent, full_answers(seed))
        store.save_plan(workshop.id, plan_text("Vi testar mer"))
        written = store.export(workshop.id, tmp_path / "out")
        assert [tmp_path / "out" / "responses.jsonl", tmp_path / "out" / "plan.toml"] == list(
            written
        )
        exported = read_responses(tmp_path / "out" / "responses.jsonl")
        assert store.responses(workshop.id) == exported
        assert ir.score(store.responses(workshop.id), catalog) == ir.score(exported, catalog)
        assert "Vi testar mer" == read_plan(tmp_path / "out" / "plan.toml").title

    def test_score_command_reads_export(
        self, store: Store, catalog: ir.Catalog, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The ``score`` command on the export prints the store's group result."""
        import json

        from innovationsresan.cli import main
        from innovationsresan.files.responses import group_result_json

        workshop, _ = store.create_workshop("Enhet Norr")
        for seed in range(4):
            respondent = store.new_participant(workshop.id)
            store.save_answers(workshop.id, respondent, full_answers(seed))
        store.export(workshop.id, tmp_path)
        assert 0 == main(["score", str(tmp_path / "responses.jsonl"), "--json"])
        printed = json.loads(capsys.readouterr().out)
        expected = group_result_json(ir.score(store.responses(workshop.id), catalog))
        assert json.loads(json.dumps(expected)) == printed

    def test_export_keeps_existing_files_without_force(self, store: Store, tmp_path: Path) -> None:
        """An existing responses.jsonl is kept unless force; with force it is replaced."""
        workshop, _ = store.create_workshop("Enhet Norr")
        respondent = store.new_participant(workshop.id)
        store.save_answers(workshop.id, respondent, {CURIOSITY: "3"})
        target = tmp_path / "responses.jsonl"
        target.write_text("old\n", encoding="utf-8")
        with pytest.raises(InputError) as caught:
            store.export(workshop.id, tmp_path)
        assert ["file-exists"] == [p.code for p in caught.value.problems]
        assert "old\n" == target.read_text(encoding="utf-8")
        store.export(workshop.id, tmp_path, force=True)
        assert 1 == len(read_responses(target))

    def test_export_without_plan_writes_responses_only(self, store: Store, tmp_path: Path) -> None:
        """Without a plan the export is responses.jsonl alone."""
        workshop, _ = store.create_workshop("Enhet Norr")
        out = tmp_path / "out"
        assert (out / "responses.jsonl",) == store.export(workshop.id, out)
        assert ["responses.jsonl"] == sorted(p.name for p in out.iterdir())


class TestDatabaseAddress:
    def test_path_is_sqlite_file(self, tmp_path: Path) -> None:
        """A path becomes a SQLite URL of the absolute path."""
        url = database_url(str(tmp_path / "w.db"))
        assert ("sqlite", str(tmp_path / "w.db")) == (url.drivername, url.database)

    def test_postgresql_uses_psycopg(self) -> None:
        """``postgresql://`` and ``postgres://`` use the psycopg 3 driver."""
        for address in ("postgresql://u:pw@db.example/ws", "postgres://u:pw@db.example/ws"):
            url = database_url(address)
            assert "postgresql+psycopg" == url.drivername
            assert "postgresql+psycopg://u:***@db.example/ws" == shown(url)

    def test_unusable_addresses_refused(self) -> None:
        """Memory databases and other database systems are refused with a clear problem."""
        for address in ("sqlite://", "sqlite:///:memory:", "mysql://u@h/db", "  "):
            with pytest.raises(InputError) as caught:
                database_url(address)
            assert ["invalid-database"] == [p.code for p in caught.value.problems]

    @pytest.mark.parametrize(
        "address", ["sqlite:///:memory:", "sqlite:///file:ws?mode=memory&uri=true"]
    )
    def test_memory_database_in_words(self, address: str) -> None:
        """A database in memory, also written as a file: URI, is refused saying why."""
        with pytest.raises(InputError) as caught:
            database_url(address)
        assert [
            (
                "invalid-database",
                "en databas i minnet glömmer alla svar; ange en fil",
                "a database in memory forgets every answer; give a file",
            )
        ] == [(p.code, p.message.get("sv"), p.message.get("en")) for p in caught.value.problems]
        assert f"The database address '{address}' cannot be used." == caught.value.message.get("en")

    def test_password_never_shown_in_errors(self) -> None:
        """A refused address is named without its password."""
        with pytest.raises(InputError) as caught:
            database_url("mysql://user:hunter2@host/db")
        assert "hunter2" not in caught.value.render("en")

    def test_default_follows_platform(self, tmp_path: Path) -> None:
        """The default file is in XDG_DATA_HOME, ~/.local/share, Application Support or AppData."""
        home = tmp_path / "home"
        cases = [
            ({"XDG_DATA_HOME": str(tmp_path / "xdg")}, "linux", tmp_path / "xdg"),
            ({"XDG_DATA_HOME": "relative"}, "linux", home / ".local" / "share"),
            ({}, "linux", home / ".local" / "share"),
            ({}, "darwin", home / "Library" / "Application Support"),
            ({"LOCALAPPDATA": str(tmp_path / "local")}, "win32", tmp_path / "local"),
        ]
        for environ, platform, base in cases:
            assert base / "innovationsresan" == data_folder(
                environ=environ, platform=platform, home=home
            )
        url = default_database_url(environ={}, platform="linux", home=home)
        assert f"sqlite:///{home}/.local/share/innovationsresan/workshops.sqlite3" == url

    def test_unreachable_database(self) -> None:
        """A PostgreSQL server nobody answers at raises StoreUnavailableError, no password."""
        with pytest.raises(StoreUnavailableError) as caught:
            Store.open("postgresql://u:secret@127.0.0.1:1/db")
        assert isinstance(caught.value, ConnectionError)
        assert "secret" not in caught.value.render("sv")
        assert "127.0.0.1:1" in caught.value.render("en")

    def test_sqlite_file_that_cannot_be_made(self, tmp_path: Path) -> None:
        """A SQLite path under a file raises StoreUnavailableError naming the database."""
        (tmp_path / "file").write_text("x", encoding="utf-8")
        with pytest.raises(StoreUnavailableError) as caught:
            Store.open(str(tmp_path / "file" / "w.db"))
        assert "w.db" in caught.value.render("en")

    def test_missing_file_refused_without_create(self, tmp_path: Path) -> None:
        """Without create a missing SQLite file is refused (missing-database); nothing is made."""
        path = tmp_path / "no" / "such" / "w.db"
        with pytest.raises(StoreUnavailableError) as caught:
            Store.open(str(path), create=False)
        assert "missing-database" == caught.value.code
        assert ["missing-database"] == [p.code for p in caught.value.problems]
        assert "filen finns inte" in caught.value.render("sv")
        assert "the file does not exist" in caught.value.render("en")
        assert not (tmp_path / "no").exists()

    def test_create_makes_the_folders(self, tmp_path: Path) -> None:
        """With create (the default) a new SQLite file gets its folders."""
        path = tmp_path / "new" / "folder" / "w.db"
        with Store.open(str(path)) as store:
            store.create_workshop("Enhet Norr")
        with Store.open(str(path), create=False) as store:
            assert ["Enhet Norr"] == [w.name for w in store.workshops()]

    @pytest.mark.parametrize("create", [True, False])
    def test_a_file_that_is_no_database_is_refused(self, tmp_path: Path, create: bool) -> None:
        """A text file given as the database is refused in Swedish and English and kept."""
        path = tmp_path / "notes.txt"
        path.write_text("these are notes, not answers\n", encoding="utf-8")
        with pytest.raises(StoreUnavailableError) as caught:
            Store.open(str(path), create=create)
        assert "not-a-database" == caught.value.code
        assert "filen är ingen SQLite-databas" in caught.value.render("sv")
        assert "the file is not a SQLite database" in caught.value.render("en")
        assert "these are notes, not answers\n" == path.read_text(encoding="utf-8")

    def test_a_folder_is_no_database(self, tmp_path: Path) -> None:
        """A folder given as the database is refused, naming what to give instead."""
        with pytest.raises(StoreUnavailableError) as caught:
            Store.open(str(tmp_path))
        assert "not-a-database" == caught.value.code
        assert "it is a folder" in caught.value.render("en")

    @pytest.mark.parametrize("create", [True, False])
    def test_another_programs_database_is_left_alone(self, tmp_path: Path, create: bool) -> None:
        """A SQLite database of other tables is refused (not-a-workshop-database), unchanged."""
        import sqlite3

        path = tmp_path / "other.sqlite3"
        with contextlib.closing(sqlite3.connect(path)) as other, other:
            other.execute("CREATE TABLE things (id INTEGER)")
        with pytest.raises(StoreUnavailableError) as caught:
            Store.open(str(path), create=create)
        assert "not-a-workshop-database" == caught.value.code
        with contextlib.closing(sqlite3.connect(path)) as other:
            tables = other.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
        assert [("things",)] == tables

    def test_an_empty_file_is_a_new_database_only_with_create(self, tmp_path: Path) -> None:
        """An empty file holds no workshops: refused without create, made a database with it."""
        path = tmp_path / "empty.db"
        path.touch()
        with pytest.raises(StoreUnavailableError) as caught:
            Store.open(str(path), create=False)
        assert "not-a-workshop-database" == caught.value.code
        with Store.open(str(path)) as store:
            assert () == store.workshops()

    def test_newer_schema_refused(self, tmp_path: Path) -> None:
        """A database written by a newer version of the library is refused, not changed."""
        from sqlalchemy import update

        from innovationsresan.store.tables import store_info

        path = str(tmp_path / "w.db")
        with Store.open(path) as store, store.engine.begin() as conn:
            conn.execute(update(store_info).values(value="99"))
        with pytest.raises(StoreUnavailableError) as caught:
            Store.open(path)
        assert "99" in caught.value.render("en")
        assert f"sqlite:///{path}" == caught.value.url

    def test_sqlite_is_set_up_for_durability(self, tmp_path: Path) -> None:
        """Every SQLite connection runs in WAL mode, syncs fully and checks foreign keys."""
        with Store.open(str(tmp_path / "w.db")) as store, store.engine.connect() as conn:
            pragmas = [
                conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("journal_mode", "synchronous", "foreign_keys")
            ]
        assert ["wal", 2, 1] == pragmas


class TestAddresses:
    def test_join_and_facilitator_urls(self) -> None:
        """Participants join at BASE/j/CODE; the facilitator's page is BASE/f/ID?key=SECRET."""
        assert "http://127.0.0.1:8000/j/ABC234" == join_url("ABC234")
        assert "https://ws.kiruna.se/j/ABC234" == join_url("ABC234", "https://ws.kiruna.se/")
        assert "http://127.0.0.1:8000/f/w-1_x?key=s-2_y" == facilitator_url("w-1_x", "s-2_y")


# -- durability ----------------------------------------------------------------------------------

WRITER = """
import sys
from innovationsresan.store import Store, LADDER_KEYS

store = Store.open(sys.argv[1])
workshop = store.workshops()[0]
keys = sorted(LADDER_KEYS)
n = 0
while True:
    respondent = store.new_participant(workshop.id)
    for i, key in enumerate(keys):
        store.save_answers(workshop.id, respondent, {key: str(1 + (n + i) % 5)})
        print(f"{respondent} {key} {1 + (n + i) % 5}", flush=True)
    n += 1
"""


@pytest.mark.subprocess
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
class TestDurability:
    def test_acknowledged_answers_survive_kill(self, db: str) -> None:
        """Every answer a killed writer had acknowledged is in the reopened store."""
        with Store.open(db) as store:
            workshop, _ = store.create_workshop("Enhet Norr")
        rng = random.Random(20261201)
        acknowledged: list[tuple[str, str, str]] = []
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        for _ in range(3):
            with subprocess.Popen(
                [sys.executable, "-c", WRITER, db], stdout=subprocess.PIPE, text=True, env=env
            ) as writer:
                assert writer.stdout is not None
                first = writer.stdout.readline()
                deadline = time.monotonic() + rng.uniform(0.2, 1.0)
                lines = [first]
                while time.monotonic() < deadline:
                    lines.append(writer.stdout.readline())
                os.kill(writer.pid, signal.SIGKILL)
                # what was printed before the kill is acknowledged, even if not read yet
                lines.extend(writer.stdout.readlines())
                writer.wait()
            assert -signal.SIGKILL == writer.returncode
            for line in lines:
                if line.endswith("\n"):  # a line cut by the kill was not acknowledged
                    respondent, key, value = line.split()
                    acknowledged.append((respondent, key, value))
        assert len(acknowledged) > 10
        with Store.open(db) as store:
            for respondent, key, value in acknowledged:
                assert value == store.answers(workshop.id, respondent).get(key)


# -- what a user relies on, at the edges (found by make mutate MODULE=store.workshops) -----------


class TestSecretsAndListing:
    def test_no_key_is_never_the_secret(self, store: Store) -> None:
        """Without a key, or with a key that is no valid text, the facilitator is refused."""
        workshop, secret = store.create_workshop("Enhet Norr")
        assert not store.check_secret(workshop.id, None)
        assert not store.check_secret(workshop.id, secret[:5] + "\ud800")
        assert store.check_secret(workshop.id, secret)

    def test_workshop_json_has_every_setting(self, db: str) -> None:
        """``workshop list --json`` shows every setting and the times in ISO 8601, UTC."""
        times = iter(dt.datetime(2026, 11, d, 8, tzinfo=dt.UTC) for d in (29, 30))
        with Store.open(db, clock=lambda: next(times)) as store:
            workshop, _ = store.create_workshop("Enhet Norr", lang="en", scale=7, packs=("kiruna",))
            closed = store.close_workshop(workshop.id)
        expected = {
            "id": workshop.id,
            "code": workshop.code,
            "name": "Enhet Norr",
            "lang": "en",
            "scale": 7,
            "packs": ["kiruna"],
            "rate_statements": False,
            "created": "2026-11-29T08:00:00+00:00",
            "closed": "2026-11-30T08:00:00+00:00",
            "previous": None,
        }
        assert expected == workshops_module.workshop_json(closed)
        assert workshops_module.workshop_json(workshop)["closed"] is None

    def test_workshops_made_at_one_moment_listed_by_id(self, db: str) -> None:
        """Workshops created at the same instant are listed in id order, every time."""
        moment = dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC)
        with Store.open(db, clock=lambda: moment) as store:
            made = [store.create_workshop(f"Team {i}")[0] for i in range(6)]
            assert sorted(made, key=lambda w: w.id) == list(store.workshops())

    def test_closing_time_is_the_clock(self, db: str) -> None:
        """A workshop closes at the store clock's time and keeps it when closed again."""
        times = iter(dt.datetime(2026, 11, d, 9, tzinfo=dt.UTC) for d in range(1, 10))
        with Store.open(db, clock=lambda: next(times)) as store:
            workshop, _ = store.create_workshop("Enhet Norr")
            closed = store.close_workshop(workshop.id)
            assert dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC) == closed.closed
            assert closed == store.close_workshop(workshop.id)


def problems_of(act: Any) -> list[tuple[str, str, str, str]]:
    """Code, location and the Swedish and English message of each problem *act* raises."""
    with pytest.raises(InputError) as caught:
        act()
    return [
        (p.code, p.location, p.message.get("sv"), p.message.get("en"))
        for p in caught.value.problems
    ]


class TestSettingsEdges:
    def test_name_length_at_its_limit(self, store: Store) -> None:
        """A name of 200 characters (spaces around it not counted) is taken; 201 is not."""
        longest = "Å" * 200
        workshop, _ = store.create_workshop(f"  {longest}  ")
        assert longest == workshop.name
        assert [
            (
                "invalid-name",
                "name",
                "namnet ska vara en text med 1 till 200 tecken",
                "the name must be a text of 1 to 200 characters",
            )
        ] == problems_of(lambda: store.create_workshop(longest + "Ä"))

    def test_control_characters_in_name_refused(self, store: Store) -> None:
        """A name holding a control character (below space, or DEL) is refused."""
        refusal = [
            (
                "invalid-name",
                "name",
                "namnet får inte innehålla styrtecken",
                "the name must not hold control characters",
            )
        ]
        for bad in ("Enhet\x1fNorr", "Enhet\x7fNorr", "Enhet\x00Norr", "Enhet\nNorr"):
            assert refusal == problems_of(lambda bad=bad: store.create_workshop(bad))
        assert "Enhet ~Norr" == store.create_workshop("Enhet ~Norr")[0].name

    def test_scale_at_its_ends(self, store: Store) -> None:
        """Scales 2 and 11 are taken; 1, 12, true and "5" are refused, saying which they got."""
        for scale in (2, 11):
            assert scale == store.create_workshop("Enhet Norr", scale=scale)[0].scale
        for scale in (1, 12, True, "5"):
            assert [
                (
                    "invalid-scale",
                    "scale",
                    f"skalan ska vara ett heltal 2–11, inte {scale!r}",
                    f"the scale must be a whole number 2–11, not {scale!r}",
                )
            ] == problems_of(lambda scale=scale: store.create_workshop("T", scale=scale))

    def test_language_and_statement_setting_checked(self, store: Store) -> None:
        """An unknown language and a rate_statements that is not true or false are refused."""
        assert [
            (
                "invalid-language",
                "lang",
                "okänt språk 'fi': välj sv eller en",
                "unknown language 'fi': choose sv or en",
            ),
            (
                "wrong-type",
                "rate_statements",
                "ska vara sant eller falskt",
                "must be true or false",
            ),
        ] == problems_of(lambda: store.create_workshop("T", lang="fi", rate_statements=1))  # type: ignore[arg-type]
        assert "en" == store.create_workshop("T", lang="en")[0].lang

    def test_packs_limited_and_checked(self, db: str) -> None:
        """50 packs are taken, 51 are too many; a bad id, an unknown pack and a repeat are named."""
        packs = tuple(f"pack-{i}" for i in range(51))
        with Store.open(db) as store:
            assert packs[:50] == store.create_workshop("T", packs=packs[:50])[0].packs
            assert [
                ("too-many-packs", "packs", "högst 50 paket", "at most 50 packs")
            ] == problems_of(lambda: store.create_workshop("T", packs=packs))
        with Store.open(db, catalog=ir.load_catalog()) as store:
            assert [
                (
                    "invalid-id",
                    "packs[1]",
                    "'Kiruna' är inget paket-id (små bokstäver a-z, siffror, bindestreck)",
                    "'Kiruna' is no pack id (lower-case letters a-z, digits, hyphens)",
                ),
                (
                    "unknown-pack",
                    "packs[2]",
                    "paketet 'lulea' är inte installerat",
                    "the pack 'lulea' is not installed",
                ),
                ("duplicate-pack", "packs", "ett paket står två gånger", "a pack appears twice"),
            ] == problems_of(
                lambda: store.create_workshop("T", packs=("kiruna", "Kiruna", "lulea", "kiruna"))
            )

    def test_unknown_previous_named(self, store: Store) -> None:
        """A previous workshop that does not exist is named in both languages."""
        assert [
            (
                "unknown-workshop",
                "previous",
                "det finns ingen tidigare workshop med id 'nope'",
                "there is no earlier workshop with the id 'nope'",
            )
        ] == problems_of(lambda: store.create_workshop("T", previous="nope"))


class TestAnswerEdges:
    def test_forged_participant_refused_where_others_joined(self, store: Store) -> None:
        """A respondent id nobody was given is refused even when the workshop has participants."""
        workshop, _ = store.create_workshop("Enhet Norr")
        joined = store.new_participant(workshop.id)
        store.save_answers(workshop.id, joined, {CURIOSITY: "3"})
        assert store.is_participant(workshop.id, joined)
        assert not store.is_participant(workshop.id, "forged")
        for answers in ({CURIOSITY: "2"}, {CURIOSITY: ""}, {}):
            with pytest.raises(UnknownParticipantError):
                store.save_answers(workshop.id, "forged", answers)
        assert {CURIOSITY: "3"} == store.answers(workshop.id, joined)
        assert 1 == store.respondent_count(workshop.id)

    def test_participant_joined_elsewhere_saves(self, db: str, catalog: ir.Catalog) -> None:
        """A participant who joined through another server on the same database (unknown to
        this store's caches) saves; a closed workshop is refused before a forged id is."""
        with Store.open(db, catalog=catalog) as here, Store.open(db, catalog=catalog) as there:
            workshop, _ = here.create_workshop("Enhet Norr")
            other, _ = here.create_workshop("Enhet Syd")
            joined = there.new_participant(workshop.id)
            assert not here.knows_participant(workshop.id, joined)
            here.save_answers(workshop.id, joined, {CURIOSITY: "4"})
            assert {CURIOSITY: "4"} == there.answers(workshop.id, joined)
            assert 1 == here.revision(workshop.id)
            here.save_answers(other.id, here.new_participant(other.id), {CURIOSITY: "1"})
            there.close(other.id)
            with pytest.raises(WorkshopClosedError):
                here.save_answers(other.id, "forged", {CURIOSITY: "2"})

    def test_empty_save_by_a_participant_changes_nothing(self, store: Store) -> None:
        """Saving no answers is accepted for a participant and keeps the revision."""
        workshop, _ = store.create_workshop("Enhet Norr")
        respondent = store.new_participant(workshop.id)
        store.save_answers(workshop.id, respondent, {})
        assert 0 == store.revision(workshop.id)
        assert {} == store.answers(workshop.id, respondent)

    def test_save_of_exactly_the_limit_is_taken(
        self, store: Store, catalog: ir.Catalog, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A save with as many answers as the limit is taken; one more is refused unread."""
        monkeypatch.setattr(workshops_module, "MAX_ANSWERS", len(LADDER_KEYS) + 2)
        workshop, _ = store.create_workshop("Enhet Norr", rate_statements=True)
        respondent = store.new_participant(workshop.id)
        ids = sorted(f"statements.{s.pack}:{s.id}" for s in catalog.statements)[:3]
        at_limit = {**full_answers(3), **dict.fromkeys(ids[:2], "2")}
        store.save_answers(workshop.id, respondent, at_limit)
        assert at_limit == store.answers(workshop.id, respondent)
        with pytest.raises(LimitError) as caught:
            store.save_answers(workshop.id, respondent, {**at_limit, ids[2]: "2", "bad": "x"})
        assert "En deltagare kan spara högst 38 svar." == caught.value.message.get("sv")
        assert "A participant can save at most 38 answers." == caught.value.message.get("en")
        assert at_limit == store.answers(workshop.id, respondent)

    def test_participant_limit_message(self, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
        """The participant refused past the limit is told the limit in Swedish and English."""
        monkeypatch.setattr(workshops_module, "MAX_PARTICIPANTS", 2)
        workshop, _ = store.create_workshop("Enhet Norr")
        first, second = store.new_participant(workshop.id), store.new_participant(workshop.id)
        with pytest.raises(LimitError) as caught:
            store.new_participant(workshop.id)
        assert "Workshoppen har redan 2 deltagare." == caught.value.message.get("sv")
        assert "The workshop already has 2 participants." == caught.value.message.get("en")
        assert [first, second] == [
            p for p in (first, second) if store.is_participant(workshop.id, p)
        ]

    def test_odd_keys_and_values_reported_shortened(self, store: Store) -> None:
        """A long unknown key is named by its first 300 characters, a bad value by 40."""
        workshop, _ = store.create_workshop("Enhet Norr")
        respondent = store.new_participant(workshop.id)
        key = "x" * 1000
        value = "7" * 100
        found = problems_of(
            lambda: store.save_answers(workshop.id, respondent, {key: "3", CURIOSITY: value})
        )
        shown_value = repr(value)[:40]
        assert [
            (
                "unknown-key",
                "x" * 300,
                f"okänd fråga '{'x' * 300}'",
                f"unknown question '{'x' * 300}'",
            ),
            (
                "invalid-rating",
                CURIOSITY,
                f'ett svar ska vara 1..5 eller "n/a", inte {shown_value}',
                f'an answer must be 1..5 or "n/a", not {shown_value}',
            ),
        ] == found
        assert (
            "invalid-rating"
            == problems_of(
                lambda: store.save_answers(workshop.id, respondent, {CURIOSITY: 3})  # type: ignore[dict-item]
            )[0][0]
        )

    def test_statement_refusals_in_both_languages(self, store: Store) -> None:
        """Statement answers refused say why in Swedish and English, at the answer's key."""
        off, _ = store.create_workshop("Enhet Norr")
        on, _ = store.create_workshop("Enhet Syd", packs=("kiruna",), rate_statements=True)
        assert [
            (
                "statements-off",
                KIRUNA_STATEMENT,
                "den här workshoppen betygsätter inte påståenden",
                "this workshop does not rate statements",
            )
        ] == problems_of(
            lambda: store.save_answers(
                off.id, store.new_participant(off.id), {KIRUNA_STATEMENT: "4"}
            )
        )
        other = "statements.metodbank:x"
        assert [
            (
                "unknown-statement",
                other,
                "påståendet 'metodbank:x' hör inte till workshoppens paket",
                "the statement 'metodbank:x' is not in the workshop's packs",
            )
        ] == problems_of(
            lambda: store.save_answers(on.id, store.new_participant(on.id), {other: "4"})
        )

    def test_exported_response_carries_the_workshops_date_and_statements(
        self, db: str, catalog: ir.Catalog
    ) -> None:
        """A participant's response is dated the workshop's day and holds its statement ratings."""
        moment = dt.datetime(2026, 11, 12, 23, 30, tzinfo=dt.UTC)
        with Store.open(db, catalog=catalog, clock=lambda: moment) as store:
            workshop, _ = store.create_workshop("Enhet Norr", rate_statements=True)
            respondent = store.new_participant(workshop.id)
            store.save_answers(workshop.id, respondent, {KIRUNA_STATEMENT: "n/a", WANTED: "4"})
            (response,) = store.responses(workshop.id)
        assert dt.date(2026, 11, 12) == response.date
        assert 4 == response.rating("desired", "individual", "ownership")
        assert {"kiruna:limited-org-uncertainty-1": "n/a"} == dict(response.statements)


class TestPlanEdges:
    def test_plan_size_at_its_limit(self, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
        """A plan of exactly the limit is kept; one character more is refused, in both languages."""
        monkeypatch.setattr(workshops_module, "MAX_PLAN", 400)
        workshop, _ = store.create_workshop("Enhet Norr")
        text = plan_text("Plan")
        text += "#" * (399 - len(text)) + "\n"
        assert 400 == len(text)
        store.save_plan(workshop.id, text)
        assert text == store.plan(workshop.id)
        refusal = [
            (
                "too-large",
                "plan.toml",
                "planen ska vara en text på högst 400 tecken",
                "the plan must be a text of at most 400 characters",
            )
        ]
        assert refusal == problems_of(lambda: store.save_plan(workshop.id, text + " "))
        assert refusal == problems_of(lambda: store.save_plan(workshop.id, None))  # type: ignore[arg-type]
        assert text == store.plan(workshop.id)

    def test_plan_problems_located_in_plan_toml(self, store: Store) -> None:
        """A refused plan's problems name plan.toml and its keys, in Swedish and English."""
        workshop, _ = store.create_workshop("Enhet Norr")
        with pytest.raises(InputError) as caught:
            store.save_plan(workshop.id, 'schema = "innovationsresan.plan/1"\ntitle = 3\n')
        assert ["plan.toml:created", "plan.toml:title"] == sorted(
            p.location for p in caught.value.problems
        )
        assert "The action plan plan.toml cannot be read." == caught.value.message.get("en")
        with pytest.raises(InputError) as caught:
            store.save_plan(workshop.id, "not = [toml")
        assert [("syntax-error", "plan.toml")] == [
            (p.code, p.location) for p in caught.value.problems
        ]
        assert "Planen kan inte sparas." == caught.value.message.get("sv")


class TestExportEdges:
    def test_refusal_names_every_file_and_force(self, store: Store, tmp_path: Path) -> None:
        """An export onto earlier files names each one and tells how to overwrite, in sv and en."""
        workshop, _ = store.create_workshop("Enhet Norr")
        store.save_plan(workshop.id, plan_text("Ny plan"))
        (tmp_path / "plan.toml").write_text("old\n", encoding="utf-8")
        with pytest.raises(InputError) as caught:
            store.export(workshop.id, tmp_path)
        assert [
            (
                "file-exists",
                str(tmp_path / "plan.toml"),
                "filen finns redan",
                "the file already exists",
            )
        ] == [
            (p.code, p.location, p.message.get("sv"), p.message.get("en"))
            for p in caught.value.problems
        ]
        assert (
            "Exporten skulle skriva över filer; lägg till --force för att göra det.",
            "The export would overwrite files; add --force to do so.",
        ) == (caught.value.message.get("sv"), caught.value.message.get("en"))
        assert not (tmp_path / "responses.jsonl").exists()
        store.export(workshop.id, tmp_path, force=True)
        assert "Ny plan" == read_plan(tmp_path / "plan.toml").title


class TestOpeningEdges:
    def test_unreadable_schema_version_refused(self, tmp_path: Path) -> None:
        """A database whose schema version is not a number is refused, naming what it holds."""
        from sqlalchemy import update

        from innovationsresan.store.tables import store_info

        path = str(tmp_path / "w.db")
        with Store.open(path) as store, store.engine.begin() as conn:
            conn.execute(update(store_info).values(value="2b"))
        with pytest.raises(StoreUnavailableError) as caught:
            Store.open(path)
        assert "schema 2b > 1 (innovationsresan is too old)" == caught.value.reason

    def test_missing_driver_says_what_to_install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without the PostgreSQL driver, opening names it and the extra to install."""

        def no_driver(url: object) -> None:
            raise ImportError("No module named 'psycopg'", name="psycopg")

        monkeypatch.setattr(workshops_module, "make_engine", no_driver)
        with pytest.raises(StoreUnavailableError) as caught:
            Store.open("postgresql://u:secret@db.example/ws")
        assert "psycopg: pip install 'innovationsresan[postgresql]'" == caught.value.reason
        assert "postgresql+psycopg://u:***@db.example/ws" == caught.value.url

    @pytest.mark.parametrize(
        ("error", "reason"),
        [
            (OSError(13, "Permission denied"), "Permission denied"),
            (OSError("the disk went away"), "the disk went away"),
        ],
    )
    @pytest.mark.parametrize("step", ["mkdir", "open"])
    def test_a_file_system_error_is_given_in_its_own_words(
        self,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        step: str,
        error: OSError,
        reason: str,
    ) -> None:
        """When the database's folder cannot be made or its file not read, the system's own
        words (or the error's text, when it has none) are the reason, for that database."""
        path = tmp_path / "new" / "w.db"
        if step == "open":
            path.parent.mkdir()
            path.write_bytes(b"")

        def fail(*args: object, **kwargs: object) -> None:
            raise error

        monkeypatch.setattr(Path, step, fail)
        with pytest.raises(StoreUnavailableError) as caught:
            Store.open(str(path))
        assert (f"sqlite:///{path}", reason) == (caught.value.url, caught.value.reason)

    def test_a_store_answers_in_another_thread(self, tmp_path: Path) -> None:
        """A store opened in one thread answers in another, as the server's workers use it."""
        with Store.open(str(tmp_path / "w.db")) as store:
            store.create_workshop("Enhet Norr")
            seen: list[list[str]] = []
            worker = threading.Thread(
                target=lambda: seen.append([w.name for w in store.workshops()])
            )
            worker.start()
            worker.join()
        assert [["Enhet Norr"]] == seen

    def test_code_of_another_length_finds_nothing(self, store: Store) -> None:
        """A code one character short or long finds no workshop."""
        workshop, _ = store.create_workshop("Enhet Norr")
        assert store.by_code(workshop.code[:-1]) is None
        assert store.by_code(workshop.code + "A") is None
        assert workshop == store.by_code(workshop.code)


class TestAddressEdges:
    def test_base_keeps_its_path(self) -> None:
        """A base address with a path keeps it; only its trailing slashes are dropped."""
        assert "https://ws.example/XX/j/ABC234" == join_url("ABC234", "https://ws.example/XX//")
        assert "https://ws.example/XX/f/w1?key=s1" == facilitator_url(
            "w1", "s1", "https://ws.example/XX/"
        )

    def test_slashes_and_odd_characters_stay_in_their_part(self) -> None:
        """A code, id or secret holding '/', '?' or '&' is escaped, so the address stays one
        page with one key."""
        assert "http://127.0.0.1:8000/j/A%2FB%3FC" == join_url("A/B?C")
        assert "http://127.0.0.1:8000/f/w%2F1?key=s%2F1%26x%3D2" == facilitator_url(
            "w/1", "s/1&x=2"
        )


class TestDatabaseAddressEdges:
    def test_defaults_are_this_machines(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without arguments the data folder follows this process's environment, platform and
        home folder."""
        for name in ("XDG_DATA_HOME", "LOCALAPPDATA", "APPDATA"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("HOME", str(tmp_path))
        monkeypatch.setenv("USERPROFILE", str(tmp_path))
        expected = data_folder(environ=dict(os.environ), platform=sys.platform, home=tmp_path)
        assert expected == data_folder()
        assert f"sqlite:///{expected / 'workshops.sqlite3'}" == default_database_url()
        assert database_url(default_database_url()) == database_url()

    def test_windows_folders(self, tmp_path: Path) -> None:
        """On Windows the folder is LOCALAPPDATA, else APPDATA, else AppData\\Local at home."""
        home = tmp_path / "home"
        local, roaming = str(tmp_path / "local"), str(tmp_path / "roaming")
        cases = [
            ({"LOCALAPPDATA": local, "APPDATA": roaming}, tmp_path / "local"),
            ({"APPDATA": roaming}, tmp_path / "roaming"),
            ({"LOCALAPPDATA": "", "APPDATA": ""}, home / "AppData" / "Local"),
        ]
        for environ, base in cases:
            assert base / "innovationsresan" == data_folder(
                environ=environ, platform="win32", home=home
            )

    def test_default_file_on_each_platform(self, tmp_path: Path) -> None:
        """The default database file follows the platform and environment it is given."""
        home = tmp_path / "home"
        assert (
            f"sqlite:///{home}/Library/Application Support/innovationsresan/workshops.sqlite3"
            == default_database_url(environ={}, platform="darwin", home=home)
        )
        local = tmp_path / "local"
        assert f"sqlite:///{local / 'innovationsresan' / 'workshops.sqlite3'}" == (
            default_database_url(environ={"LOCALAPPDATA": str(local)}, platform="win32", home=home)
        )

    def test_refusal_in_both_languages(self) -> None:
        """A refused address is named in both languages, with the problem located at db."""
        with pytest.raises(InputError) as caught:
            database_url("mysql://u@h/db")
        assert (
            "Databasadressen 'mysql://u@h/db' kan inte användas.",
            "The database address 'mysql://u@h/db' cannot be used.",
        ) == (caught.value.message.get("sv"), caught.value.message.get("en"))
        assert [
            (
                "invalid-database",
                "db",
                "bara SQLite (en fil) och PostgreSQL (postgresql://…) stöds",
                "only SQLite (a file) and PostgreSQL (postgresql://…) are supported",
            )
        ] == [
            (p.code, p.location, p.message.get("sv"), p.message.get("en"))
            for p in caught.value.problems
        ]

    def test_unparsable_addresses_refused_without_password(self) -> None:
        """An address that cannot be parsed (a port that is no number, a space in the scheme)
        is refused, not a traceback, and named without its password, even one holding '@'."""
        for address, named in (
            ("postgresql://u:se@cret@host:port/db", "postgresql+psycopg://u:***@host:port/db"),
            ("post gres://u:se/cret@host/db", "post gres://u:***@host/db"),
            ("post gres://u:se://cret@host/db", "post gres://u:***@host/db"),
            ("post gres://u:se:cret@host/db", "post gres://u:***@host/db"),
        ):
            with pytest.raises(InputError) as caught:
                database_url(address)
            assert f"The database address '{named}' cannot be used." == (
                caught.value.message.get("en")
            )
            assert ["the address cannot be parsed"] == [
                p.message.get("en") for p in caught.value.problems
            ]

    def test_at_sign_in_password_must_be_escaped(self) -> None:
        """A bare '@' in a password would make part of it the host: refused, saying to write
        %40; written so, the password is read whole."""
        with pytest.raises(InputError) as caught:
            database_url("postgresql://u:top@secret@db.example/ws")
        assert (
            "The database address 'postgresql+psycopg://u:***@db.example/ws' cannot be used."
            == (caught.value.message.get("en"))
        )
        assert [
            (
                "invalid-database",
                "skriv @ i lösenordet som %40",
                "write an @ in the password as %40",
            )
        ] == [(p.code, p.message.get("sv"), p.message.get("en")) for p in caught.value.problems]
        url = database_url("postgresql://u:top%40secret@db.example/ws")
        assert ("top@secret", "db.example") == (url.password, url.host)


class TestLookupsKeptAMoment:
    def test_code_answers_from_memory_for_its_moment_only(
        self, db: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A code looked up is answered from memory for CODE_CACHE_SECONDS, then read again: a
        workshop closed by another process stops taking joins by its code after that moment."""
        clock = [1000.0]
        monkeypatch.setattr(workshops_module, "time", SimpleNamespace(monotonic=lambda: clock[0]))
        with Store.open(db) as server, Store.open(db) as other:
            workshop, _ = server.create_workshop("Enhet Norr")
            assert workshop == server.by_code(workshop.code)
            other.close(workshop.id)
            clock[0] += workshops_module.CODE_CACHE_SECONDS - 0.25
            assert workshop == server.by_code(workshop.code.lower())
            clock[0] += 0.25
            assert server.by_code(workshop.code) is None

    def test_closed_or_deleted_here_is_forgotten_at_once(self, store: Store) -> None:
        """A workshop this store closes or deletes stops answering to its code and its
        participants at once; other workshops' are kept."""
        closing, _ = store.create_workshop("Enhet Norr")
        deleting, _ = store.create_workshop("Enhet Syd")
        staying, _ = store.create_workshop("Enhet Väst")
        people = {w.id: store.new_participant(w.id) for w in (closing, deleting, staying)}
        for w in (closing, deleting, staying):
            assert w == store.by_code(w.code)
            assert store.is_participant(w.id, people[w.id])
        store.close(closing.id)
        store.delete(deleting.id)
        assert (None, None, staying) == tuple(
            store.by_code(w.code) for w in (closing, deleting, staying)
        )
        assert [True, False, True] == [
            store.is_participant(w.id, people[w.id]) for w in (closing, deleting, staying)
        ]

    def test_answers_refused_once_closed_here(self, store: Store) -> None:
        """Answers after this store closed the workshop are refused, also the usual screen."""
        workshop, _ = store.create_workshop("Enhet Norr")
        respondent = store.new_participant(workshop.id)
        store.save_answers(workshop.id, respondent, {CURIOSITY: "2"})
        store.close(workshop.id)
        for answers in ({CURIOSITY: "3"}, {CURIOSITY: ""}, {}):
            with pytest.raises(WorkshopClosedError):
                store.save_answers(workshop.id, respondent, answers)
        assert {CURIOSITY: "2"} == store.answers(workshop.id, respondent)


class TestPlanMessages:
    def test_refusals_say_the_plan_cannot_be_saved(
        self, store: Store, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A plan too large or not TOML is refused with one message in both languages."""
        monkeypatch.setattr(workshops_module, "MAX_PLAN", 10)
        workshop, _ = store.create_workshop("Enhet Norr")
        for text in ("x" * 11, "= [\n"):
            with pytest.raises(InputError) as caught:
                store.save_plan(workshop.id, text)
            assert ("Planen kan inte sparas.", "The plan cannot be saved.") == (
                caught.value.message.get("sv"),
                caught.value.message.get("en"),
            )
        assert store.plan(workshop.id) is None


class TestRacingAClose:
    def test_answers_racing_a_close_elsewhere_are_refused(self, db: str) -> None:
        """Answers arriving while another process closes the workshop wait for it and are then
        refused; none is saved into the closed workshop."""
        from sqlalchemy import update

        from innovationsresan.store.tables import workshops as table

        with Store.open(db) as server, Store.open(db) as other:
            workshop, _ = server.create_workshop("Enhet Norr")
            respondent = server.new_participant(workshop.id)
            server.save_answers(workshop.id, respondent, {CURIOSITY: "2"})
            outcome: list[BaseException | None] = []

            def answer() -> None:
                try:
                    server.save_answers(workshop.id, respondent, {CURIOSITY: "5", WANTED: "4"})
                    outcome.append(None)
                except BaseException as exc:  # checked below
                    outcome.append(exc)

            with other.engine.begin() as conn:
                conn.execute(
                    update(table)
                    .where(table.c.id == workshop.id)
                    .values(closed=dt.datetime.now(dt.UTC))
                )
                thread = threading.Thread(target=answer)
                thread.start()
                thread.join(0.5)  # the answers reach the database while the close is pending
            thread.join()
            assert [WorkshopClosedError] == [type(exc) for exc in outcome]
            assert {CURIOSITY: "2"} == server.answers(workshop.id, respondent)

    def test_close_racing_a_close_elsewhere_keeps_the_first_time(self, db: str) -> None:
        """A workshop closed by another process while this one closes it keeps the other's
        closing time, and its revision grows once."""
        from sqlalchemy import update

        from innovationsresan.store.tables import workshops as table

        first = dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC)
        later = dt.datetime(2026, 11, 1, 10, tzinfo=dt.UTC)
        with Store.open(db, clock=lambda: later) as server, Store.open(db) as other:
            workshop, _ = server.create_workshop("Enhet Norr")
            outcome: list[Any] = []
            with other.engine.begin() as conn:
                conn.execute(
                    update(table)
                    .where(table.c.id == workshop.id)
                    .values(closed=first, revision=table.c.revision + 1)
                )
                thread = threading.Thread(
                    target=lambda: outcome.append(server.close_workshop(workshop.id))
                )
                thread.start()
                thread.join(0.5)  # this close reaches the database while the other is pending
            thread.join()
            assert [first] == [w.closed for w in outcome]
            assert (first, 1) == (server.workshop(workshop.id).closed, server.revision(workshop.id))  # type: ignore[union-attr]


def refusing(path: str, statement: str) -> None:
    """Make the SQLite database at *path* fail every *statement* (``UPDATE ON workshops``…),
    as a full disk or a lost connection would fail it part-way through a change."""
    import sqlite3

    with sqlite3.connect(path) as conn:
        conn.execute(
            f"CREATE TRIGGER refuse BEFORE {statement} BEGIN SELECT RAISE(ABORT, 'refused'); END"
        )
    conn.close()


class TestAllOrNothing:
    def test_a_delete_failing_part_way_deletes_nothing(self, tmp_path: Path) -> None:
        """A delete that fails at its last step leaves the workshop whole: answers,
        participants and plan."""
        path = str(tmp_path / "w.db")
        with Store.open(path) as store:
            workshop, _ = store.create_workshop("Enhet Norr")
            respondent = store.new_participant(workshop.id)
            store.save_answers(workshop.id, respondent, {CURIOSITY: "4"})
            store.save_plan(workshop.id, plan_text("Plan"))
        refusing(path, "DELETE ON workshops")
        with Store.open(path) as store:
            with pytest.raises(Exception, match="refused"):
                store.delete(workshop.id)
            assert {CURIOSITY: "4"} == store.answers(workshop.id, respondent)
            assert store.is_participant(workshop.id, respondent)
            assert "Plan" == read_plan_text(store.plan(workshop.id))

    def test_a_plan_failing_part_way_keeps_the_earlier_one(self, tmp_path: Path) -> None:
        """A plan whose saving fails at its last step leaves the earlier plan in place."""
        path = str(tmp_path / "w.db")
        with Store.open(path) as store:
            workshop, _ = store.create_workshop("Enhet Norr")
            store.save_plan(workshop.id, plan_text("Första"))
        refusing(path, "UPDATE ON workshops")
        with Store.open(path) as store:
            with pytest.raises(Exception, match="refused"):
                store.save_plan(workshop.id, plan_text("Andra"))
            assert "Första" == read_plan_text(store.plan(workshop.id))


def read_plan_text(text: str | None) -> str:
    """The title of a plan kept as TOML text."""
    assert text is not None
    return str(tomllib.loads(text)["title"])


class TestParticipantsElsewhere:
    def test_participants_known_to_another_store(self, db: str) -> None:
        """A participant who joined through one server is known to another on the same
        database, for its own workshop only."""
        with Store.open(db) as server, Store.open(db) as other:
            workshop, _ = server.create_workshop("Enhet Norr")
            second, _ = server.create_workshop("Enhet Syd")
            respondent = server.new_participant(workshop.id)
            assert [True, True, False, False] == [
                other.is_participant(workshop.id, respondent),
                other.is_participant(workshop.id, respondent),
                other.is_participant(second.id, respondent),
                other.is_participant(workshop.id, respondent[::-1]),
            ]


class TestRandomIds:
    def test_ids_and_secrets_carry_their_random_bits(self, store: Store) -> None:
        """An id is 16 url-safe characters (96 random bits), a facilitator secret 32 (192
        bits), a participant's id 24 (144 bits)."""
        workshop, secret = store.create_workshop("Enhet Norr")
        respondent = store.new_participant(workshop.id)
        urlsafe = set(string.ascii_letters + string.digits + "-_")
        assert [16, 32, 24] == [len(workshop.id), len(secret), len(respondent)]
        assert set(workshop.id + secret + respondent) <= urlsafe

    def test_workshop_id_never_begins_with_a_hyphen(
        self, store: Store, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A drawn id beginning with '-' (a command line would read it as an option) is drawn
        again."""
        draws = iter(["-aaaaaaaaaaaaaaa", "-bbbbbbbbbbbbbbb", "c-ccccccccccccc-"])
        drawn = workshops_module.secrets.token_urlsafe

        def token(nbytes: int | None = None) -> str:
            return next(draws) if nbytes == 12 else drawn(nbytes)

        monkeypatch.setattr(workshops_module.secrets, "token_urlsafe", token)
        workshop, _ = store.create_workshop("Enhet Norr")
        assert "c-ccccccccccccc-" == workshop.id


class TestNoticedElsewhere:
    def test_refused_screens_name_the_workshop_and_its_code_stops_at_once(
        self, db: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Answers refused because another process closed or deleted the workshop name it, and
        from then on its join code finds nothing here, without waiting for the code's moment."""
        monkeypatch.setattr(workshops_module, "time", SimpleNamespace(monotonic=lambda: 5.0))
        with Store.open(db) as server, Store.open(db) as other:
            closing, _ = server.create_workshop("Enhet Norr")
            deleting, _ = server.create_workshop("Enhet Syd")
            people = {w.id: server.new_participant(w.id) for w in (closing, deleting)}
            for w in (closing, deleting):
                server.save_answers(w.id, people[w.id], {CURIOSITY: "2"})
                assert w == server.by_code(w.code)
            other.close(closing.id)
            other.delete(deleting.id)
            with pytest.raises(WorkshopClosedError) as closed:
                server.save_answers(closing.id, people[closing.id], {CURIOSITY: "3"})
            with pytest.raises(UnknownWorkshopError) as gone:
                server.save_answers(deleting.id, people[deleting.id], {CURIOSITY: "3"})
            assert [closing.id, deleting.id] == [closed.value.workshop_id, gone.value.workshop_id]
            assert (None, None) == (server.by_code(closing.code), server.by_code(deleting.code))

    def test_forged_participant_refused_naming_the_workshop(self, store: Store) -> None:
        """A screen of answers from a participant the workshop does not know names the
        workshop it was sent to."""
        workshop, _ = store.create_workshop("Enhet Norr")
        store.new_participant(workshop.id)
        with pytest.raises(UnknownParticipantError) as caught:
            store.save_answers(workshop.id, "forged-cookie", {CURIOSITY: "3"})
        assert workshop.id == caught.value.workshop_id


@pytest.mark.postgresql
class TestLostConnections:
    def test_connections_cut_by_the_server_are_replaced(
        self, request: pytest.FixtureRequest
    ) -> None:
        """Connections the database server dropped (a restart, an idle timeout) are replaced
        before use: the next request is answered, not refused."""
        url: str = request.getfixturevalue("postgresql_url")
        with Store.open(url) as store, Store.open(url) as other:
            workshop, _ = store.create_workshop("Enhet Norr")
            with other.engine.connect() as conn:
                conn.exec_driver_sql(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            assert workshop == store.workshop(workshop.id)


class TestAddressForms:
    def test_sqlite_and_postgresql_addresses_as_written(self, tmp_path: Path) -> None:
        """A sqlite:/// address is taken as it is; a PostgreSQL scheme in any case, and a
        password holding '://', read right."""
        assert f"sqlite:///{tmp_path}/w.db" == str(database_url(f"sqlite:///{tmp_path}/w.db"))
        url = database_url("PostgreSQL+Psycopg://u:pa://ss@db.example/ws")
        assert ("postgresql+psycopg", "u", "pa://ss", "db.example", "ws") == (
            url.drivername,
            url.username,
            url.password,
            url.host,
            url.database,
        )

    def test_refusals_say_why_in_both_languages(self) -> None:
        """An empty path, another SQLite driver and an address that cannot be parsed are each
        refused with their reason in Swedish and English."""
        for address, sv, en in (
            ("  ", "sökvägen är tom", "the path is empty"),
            ("sqlite+pysqlite:///w.db", "använd sqlite:///SÖKVÄG", "use sqlite:///PATH"),
            ("post gres://h/db", "adressen går inte att tolka", "the address cannot be parsed"),
        ):
            with pytest.raises(InputError) as caught:
                database_url(address)
            named = address.strip()
            assert [("invalid-database", "db", sv, en)] == [
                (p.code, p.location, p.message.get("sv"), p.message.get("en"))
                for p in caught.value.problems
            ]
            assert f"The database address '{named}' cannot be used." == (
                caught.value.message.get("en")
            )


class TestSqliteFileRefusals:
    def test_each_refusal_names_the_file_and_says_why_in_both_languages(
        self, tmp_path: Path
    ) -> None:
        """A folder, a missing file (without create) and a file that is no SQLite database are
        refused naming the database, with their code and reason in Swedish and English."""
        folder = tmp_path / "folder"
        folder.mkdir()
        junk = tmp_path / "junk.db"
        junk.write_bytes(b"not a database, only text")
        cases = [
            (
                folder,
                True,
                "not-a-database",
                "det är en mapp; ange en databasfil i den, till exempel workshops.sqlite3",
                "it is a folder; give a database file in it, such as workshops.sqlite3",
            ),
            (
                tmp_path / "missing.db",
                False,
                "missing-database",
                "filen finns inte; en databas skapas av 'workshop new' och 'serve'",
                "the file does not exist; 'workshop new' and 'serve' create a database",
            ),
            (
                junk,
                True,
                "not-a-database",
                "filen är ingen SQLite-databas; ange workshoppens databasfil",
                "the file is not a SQLite database; give the workshops' database file",
            ),
        ]
        for path, create, code, sv, en in cases:
            with pytest.raises(StoreUnavailableError) as caught:
                Store.open(str(path), create=create)
            assert (f"sqlite:///{path}", code) == (caught.value.url, caught.value.code)
            assert [(code, "db", sv, en)] == [
                (p.code, p.location, p.message.get("sv"), p.message.get("en"))
                for p in caught.value.problems
            ]


class TestJoinCodes:
    def test_a_taken_code_is_drawn_again(
        self, store: Store, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A new workshop whose first drawn join code is taken gets the next code drawn."""
        first, _ = store.create_workshop("Enhet Norr")
        other = "".join(c for c in CODE_ALPHABET if c not in first.code)[:6]
        draws = iter(first.code + other)
        fake = SimpleNamespace(choice=lambda _: next(draws), token_urlsafe=secrets.token_urlsafe)
        monkeypatch.setattr(workshops_module, "secrets", fake)
        second, _ = store.create_workshop("Enhet Syd")
        assert other == second.code
        assert [first.code, other] == [w.code for w in store.workshops()]

    def test_no_free_code_is_said(self, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
        """When every code drawn is taken the store says it found no free join code."""
        first, _ = store.create_workshop("Enhet Norr")
        draws = itertools.cycle(first.code)
        fake = SimpleNamespace(choice=lambda _: next(draws), token_urlsafe=secrets.token_urlsafe)
        monkeypatch.setattr(workshops_module, "secrets", fake)
        with pytest.raises(StoreUnavailableError) as caught:
            store.create_workshop("Enhet Syd")
        assert (store.url, "no free join code found") == (caught.value.url, caught.value.reason)
        assert [first.code] == [w.code for w in store.workshops()]

    def test_several_packs_read_back(self, db: str) -> None:
        """A workshop's packs are read back as they were given, by another store too."""
        with Store.open(db) as store:
            workshop, _ = store.create_workshop("T", packs=("pack-a", "pack-b", "pack-c"))
        with Store.open(db) as again:
            assert [("pack-a", "pack-b", "pack-c")] == [w.packs for w in again.workshops()]
            assert workshop == again.by_code(workshop.code)


class TestOneWorkshopAmongOthers:
    """What happens to one workshop leaves the others on the same database as they were."""

    def test_closing_one_leaves_the_others_open(self, store: Store) -> None:
        """Closing a workshop closes that one only."""
        closing, _ = store.create_workshop("Enhet Norr")
        staying, _ = store.create_workshop("Enhet Syd")
        store.close(closing.id)
        assert {closing.id: True, staying.id: False} == {
            w.id: w.closed is not None for w in store.workshops()
        }
        assert staying == store.by_code(staying.code)

    def test_participants_numbered_per_workshop(self, store: Store) -> None:
        """Participants joining two workshops by turns are numbered in each workshop's own
        join order, and each workshop's limit counts its own."""
        first, _ = store.create_workshop("Enhet Norr")
        second, _ = store.create_workshop("Enhet Syd")
        people = [store.new_participant(w.id) for w in (first, second, first, second, first)]
        for i, respondent in enumerate(people):
            workshop = (first, second)[i % 2]
            store.save_answers(workshop.id, respondent, {CURIOSITY: str(i + 1)})
        assert [("r01", 1), ("r02", 3), ("r03", 5)] == [
            (r.respondent, r.current[0][2]) for r in store.responses(first.id)
        ]
        assert [("r01", 2), ("r02", 4)] == [
            (r.respondent, r.current[0][2]) for r in store.responses(second.id)
        ]

    def test_a_workshop_closed_elsewhere_is_forgotten_alone(self, db: str) -> None:
        """When a store notices that another process closed a workshop, it forgets that
        workshop's participants only: those of the others are still known at hand."""
        with Store.open(db) as server, Store.open(db) as other:
            closing, _ = server.create_workshop("Enhet Norr")
            staying, _ = server.create_workshop("Enhet Syd")
            leaving, remaining = (
                server.new_participant(closing.id),
                server.new_participant(staying.id),
            )
            server.save_answers(closing.id, leaving, {CURIOSITY: "2"})
            other.close(closing.id)
            with pytest.raises(WorkshopClosedError):
                server.save_answers(closing.id, leaving, {CURIOSITY: "3"})
            assert (False, True) == (
                server.knows_participant(closing.id, leaving),
                server.knows_participant(staying.id, remaining),
            )


class TestStatementsAmongOthers:
    def test_a_statement_answer_raises_its_own_workshops_revision(self, store: Store) -> None:
        """A statement answer or a withdrawal raises the revision of its own workshop only."""
        rating, _ = store.create_workshop("Enhet Norr", rate_statements=True)
        other, _ = store.create_workshop("Enhet Syd")
        respondent = store.new_participant(rating.id)
        store.save_answers(rating.id, respondent, {KIRUNA_STATEMENT: "2"})
        store.save_answers(rating.id, respondent, {KIRUNA_STATEMENT: ""})
        assert (2, 0) == (store.revision(rating.id), store.revision(other.id))

    def test_a_refused_screen_leaves_the_revision(self, store: Store) -> None:
        """A screen refused for a participant the workshop does not know changes nothing, not
        even the revision."""
        workshop, _ = store.create_workshop("Enhet Norr")
        respondent = store.new_participant(workshop.id)
        store.save_answers(workshop.id, respondent, {CURIOSITY: "2"})
        with pytest.raises(UnknownParticipantError):
            store.save_answers(workshop.id, "forged-cookie", {CURIOSITY: "3"})
        assert 1 == store.revision(workshop.id)

    def test_a_statement_answer_after_a_close_elsewhere(
        self, db: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A statement answer to a workshop whose settings and code this store has at hand,
        closed meanwhile by another process, is refused naming it, saves nothing, and the code
        finds nothing here from then on."""
        monkeypatch.setattr(workshops_module, "time", SimpleNamespace(monotonic=lambda: 5.0))
        with Store.open(db) as server, Store.open(db) as other:
            workshop, _ = server.create_workshop("Enhet Norr", rate_statements=True)
            respondent = server.new_participant(workshop.id)
            server.save_answers(workshop.id, respondent, {CURIOSITY: "2"})
            assert workshop == server.by_code(workshop.code)
            other.close(workshop.id)
            with pytest.raises(WorkshopClosedError) as caught:
                server.save_answers(workshop.id, respondent, {KIRUNA_STATEMENT: "3"})
            assert workshop.id == caught.value.workshop_id
            assert {CURIOSITY: "2"} == server.answers(workshop.id, respondent)
            assert server.by_code(workshop.code) is None

    def test_statements_off_and_a_bad_rating_both_reported(self, store: Store) -> None:
        """A statement sent to a workshop that rates none is reported together with the other
        answers' problems."""
        workshop, _ = store.create_workshop("Enhet Norr")
        respondent = store.new_participant(workshop.id)
        with pytest.raises(InputError) as caught:
            store.save_answers(workshop.id, respondent, {KIRUNA_STATEMENT: "3", CURIOSITY: "9"})
        assert [("statements-off", KIRUNA_STATEMENT), ("invalid-rating", CURIOSITY)] == [
            (p.code, p.location) for p in caught.value.problems
        ]


class TestAnotherProgramsDatabase:
    @pytest.mark.parametrize("create", [True, False])
    def test_refused_naming_it_in_both_languages(self, tmp_path: Path, create: bool) -> None:
        """A SQLite database holding other tables is refused, naming the database and saying
        which commands make a workshop database, in Swedish and English."""
        import sqlite3

        path = tmp_path / "other.sqlite3"
        with contextlib.closing(sqlite3.connect(path)) as other, other:
            other.execute("CREATE TABLE things (id INTEGER)")
        with pytest.raises(StoreUnavailableError) as caught:
            Store.open(str(path), create=create)
        url = f"sqlite:///{path}"
        assert url == caught.value.url
        assert (
            f"Databasen {url} kan inte användas.",
            f"The database {url} cannot be used.",
        ) == (caught.value.message.get("sv"), caught.value.message.get("en"))
        assert [
            (
                "not-a-workshop-database",
                "databasen har inga workshoppar; en databas skapas av 'workshop new' och 'serve'",
                "the database holds no workshops; 'workshop new' and 'serve' create one",
            )
        ] == [(p.code, p.message.get("sv"), p.message.get("en")) for p in caught.value.problems]


class TestStatementsAndWithdrawals:
    def test_withdrawing_removes_only_ones_own_answer(self, store: Store) -> None:
        """An empty value withdraws the participant's own answer; others' answers to the same
        question stay."""
        workshop, _ = store.create_workshop("Enhet Norr")
        one, two = (store.new_participant(workshop.id) for _ in range(2))
        store.save_answers(workshop.id, one, {CURIOSITY: "2", WANTED: "4"})
        store.save_answers(workshop.id, two, {CURIOSITY: "5"})
        store.save_answers(workshop.id, one, {CURIOSITY: ""})
        assert ({WANTED: "4"}, {CURIOSITY: "5"}) == (
            store.answers(workshop.id, one),
            store.answers(workshop.id, two),
        )

    def test_statement_limit_counts_each_participant_apart(
        self, store: Store, catalog: ir.Catalog, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The answer limit is each participant's own: others' statements do not count."""
        monkeypatch.setattr(workshops_module, "MAX_ANSWERS", len(LADDER_KEYS) + 2)
        workshop, _ = store.create_workshop("Enhet Norr", rate_statements=True)
        one, two = (store.new_participant(workshop.id) for _ in range(2))
        ids = sorted(f"statements.{s.pack}:{s.id}" for s in catalog.statements)[:2]
        store.save_answers(workshop.id, one, dict.fromkeys(ids, "3"))
        store.save_answers(workshop.id, two, dict.fromkeys(ids, "4"))
        assert dict.fromkeys(ids, "4") == store.answers(workshop.id, two)

    def test_statements_and_withdrawals_refused_once_closed_elsewhere(self, db: str) -> None:
        """Statement answers and withdrawals to a workshop another process closed are refused,
        naming it; each saved one made the revision grow by one."""
        with Store.open(db) as server, Store.open(db) as other:
            workshop, _ = server.create_workshop("Enhet Norr", rate_statements=True)
            respondent = server.new_participant(workshop.id)
            server.save_answers(workshop.id, respondent, {KIRUNA_STATEMENT: "2"})
            server.save_answers(workshop.id, respondent, {KIRUNA_STATEMENT: ""})
            assert 2 == server.revision(workshop.id)
            other.close(workshop.id)
            for answers in ({KIRUNA_STATEMENT: "3"}, {CURIOSITY: ""}):
                with pytest.raises(WorkshopClosedError) as caught:
                    server.save_answers(workshop.id, respondent, answers)
                assert workshop.id == caught.value.workshop_id
            assert {} == server.answers(workshop.id, respondent)

    def test_unknown_participants_withdrawal_refused_naming_the_workshop(
        self, store: Store
    ) -> None:
        """A withdrawal or a statement from a participant the workshop does not know is
        refused, naming the workshop."""
        workshop, _ = store.create_workshop("Enhet Norr", rate_statements=True)
        store.new_participant(workshop.id)
        for answers in ({CURIOSITY: ""}, {KIRUNA_STATEMENT: "3"}):
            with pytest.raises(UnknownParticipantError) as caught:
                store.save_answers(workshop.id, "forged-cookie", answers)
            assert workshop.id == caught.value.workshop_id


class TestOnAnEventLoop:
    """The web server's calls, save_answers_async and new_participant_async, do what the plain
    ones do: the same answers saved, the same refusals, each committed when they return."""

    def test_screens_saved_from_the_loop_read_back(self, store: Store) -> None:
        """A participant who joined on the loop saves screen after screen there: each is read
        back, later values replace earlier ones, and each save raises the revision by one."""
        workshop, _ = store.create_workshop("Enhet Norr")
        respondent = asyncio.run(store.new_participant_async(workshop.id))
        assert store.is_participant(workshop.id, respondent)
        revisions = []
        for answers in ({CURIOSITY: "2"}, {CURIOSITY: "4", WANTED: "5"}, {WANTED: "n/a"}):
            asyncio.run(store.save_answers_async(workshop.id, respondent, answers))
            revisions.append(store.revision(workshop.id))
        assert {CURIOSITY: "4", WANTED: "n/a"} == store.answers(workshop.id, respondent)
        assert [1, 2, 3] == revisions

    def test_statements_and_withdrawals_from_the_loop(self, store: Store) -> None:
        """Statement answers and withdrawals sent from the loop are saved as the plain call
        saves them."""
        workshop, _ = store.create_workshop("Enhet Norr", rate_statements=True)
        respondent = asyncio.run(store.new_participant_async(workshop.id))
        asyncio.run(store.save_answers_async(workshop.id, respondent, {CURIOSITY: "3"}))
        save = {KIRUNA_STATEMENT: "2", WANTED: "1"}
        asyncio.run(store.save_answers_async(workshop.id, respondent, save))
        asyncio.run(store.save_answers_async(workshop.id, respondent, {CURIOSITY: ""}))
        assert {KIRUNA_STATEMENT: "2", WANTED: "1"} == store.answers(workshop.id, respondent)

    def test_participants_answers_kept_apart(self, store: Store) -> None:
        """Two participants saving from the loop each keep their own answers."""
        workshop, _ = store.create_workshop("Enhet Norr")

        async def both() -> tuple[str, str]:
            one = await store.new_participant_async(workshop.id)
            two = await store.new_participant_async(workshop.id)
            await asyncio.gather(  # one group of screens for the writer
                store.save_answers_async(workshop.id, one, {CURIOSITY: "1"}),
                store.save_answers_async(workshop.id, two, {CURIOSITY: "5"}),
            )
            return one, two

        one, two = asyncio.run(both())
        assert ({CURIOSITY: "1"}, {CURIOSITY: "5"}) == (
            store.answers(workshop.id, one),
            store.answers(workshop.id, two),
        )
        assert [("r01", 1), ("r02", 5)] == [
            (r.respondent, r.current[0][2]) for r in store.responses(workshop.id)
        ]

    def test_invalid_answers_refused_from_the_loop(self, store: Store) -> None:
        """Answers that cannot be used are refused from the loop with every problem, whether
        the workshop is at hand or not, and nothing is saved."""
        workshop, _ = store.create_workshop("Enhet Norr")
        respondent = store.new_participant(workshop.id)
        for _ in range(2):  # the second time the workshop's settings are at hand
            with pytest.raises(InputError) as caught:
                asyncio.run(
                    store.save_answers_async(
                        workshop.id, respondent, {"current.nowhere": "2", CURIOSITY: "9"}
                    )
                )
            assert ("Svaren kan inte sparas.", "The answers cannot be saved.") == (
                caught.value.message.get("sv"),
                caught.value.message.get("en"),
            )
            assert [("unknown-key", "current.nowhere"), ("invalid-rating", CURIOSITY)] == [
                (p.code, p.location) for p in caught.value.problems
            ]
        assert {} == store.answers(workshop.id, respondent)

    def test_refusals_from_the_loop_name_the_workshop(self, db: str) -> None:
        """From the loop, a forged participant, a workshop closed elsewhere and a deleted one
        are refused as from the plain call, each naming the workshop."""
        with Store.open(db) as server, Store.open(db) as other:
            workshop, _ = server.create_workshop("Enhet Norr")
            respondent = asyncio.run(server.new_participant_async(workshop.id))
            asyncio.run(server.save_answers_async(workshop.id, respondent, {CURIOSITY: "2"}))
            for forged in ({CURIOSITY: "3"}, {}):
                with pytest.raises(UnknownParticipantError) as unknown:
                    asyncio.run(server.save_answers_async(workshop.id, "forged-cookie", forged))
                assert workshop.id == unknown.value.workshop_id
            other.close(workshop.id)
            with pytest.raises(WorkshopClosedError) as closed:
                asyncio.run(server.save_answers_async(workshop.id, respondent, {CURIOSITY: "3"}))
            with pytest.raises(WorkshopClosedError) as joining:
                asyncio.run(server.new_participant_async(workshop.id))
            other.delete(workshop.id)
            with pytest.raises(UnknownWorkshopError) as gone:
                asyncio.run(server.save_answers_async(workshop.id, respondent, {CURIOSITY: "3"}))
            assert [workshop.id] * 3 == [e.value.workshop_id for e in (closed, joining, gone)]

    def test_an_empty_screen_from_the_loop_changes_nothing(self, store: Store) -> None:
        """A participant's empty screen sent from the loop saves nothing and keeps the
        revision."""
        workshop, _ = store.create_workshop("Enhet Norr")
        respondent = store.new_participant(workshop.id)
        store.save_answers(workshop.id, respondent, {CURIOSITY: "2"})
        asyncio.run(store.save_answers_async(workshop.id, respondent, {}))
        assert (1, {CURIOSITY: "2"}) == (
            store.revision(workshop.id),
            store.answers(workshop.id, respondent),
        )

    def test_joining_from_the_loop_is_limited(
        self, store: Store, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Past the participant limit a join from the loop is refused as a plain one is."""
        monkeypatch.setattr(workshops_module, "MAX_PARTICIPANTS", 1)
        workshop, _ = store.create_workshop("Enhet Norr")
        asyncio.run(store.new_participant_async(workshop.id))
        with pytest.raises(LimitError) as caught:
            asyncio.run(store.new_participant_async(workshop.id))
        assert "The workshop already has 1 participants." == caught.value.message.get("en")
