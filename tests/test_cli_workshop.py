"""Tests of the ``workshop`` commands (cli.workshop), run in-process on a SQLite file."""

from __future__ import annotations

import datetime as dt
import io
import json
import secrets
from pathlib import Path

import pytest

import innovationsresan as ir
from innovationsresan.cli import main
from innovationsresan.cli._common import Context
from innovationsresan.files.plans import plan_toml
from innovationsresan.files.responses import read_responses
from innovationsresan.store import LADDER_KEYS, Store


def run(*argv: str) -> tuple[int, str, str]:
    """Run a command line; its exit code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), context=Context(out=out, err=err))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A new SQLite database file's path, the database made (as serve would) but empty."""
    path = str(tmp_path / "workshops.sqlite3")
    Store.open(path).close()
    return path


class TestWorkshopNew:
    def test_json_gives_id_code_and_addresses(self, db: str) -> None:
        """``--json`` prints the id, code and the join and facilitator addresses."""
        code, out, _ = run("workshop", "new", "Enhet Norr", "--db", db, "--json")
        assert 0 == code
        made = json.loads(out)
        assert ["code", "facilitator_url", "id", "join_url"] == sorted(made)
        assert f"http://127.0.0.1:8000/j/{made['code']}" == made["join_url"]
        prefix = f"http://127.0.0.1:8000/f/{made['id']}?key="
        assert made["facilitator_url"].startswith(prefix)
        with Store.open(db) as store:
            workshop = store.workshop(made["id"])
            assert workshop is not None
            assert ("Enhet Norr", "sv", made["code"]) == (
                workshop.name,
                workshop.lang,
                workshop.code,
            )
            assert store.check_secret(workshop.id, made["facilitator_url"].removeprefix(prefix))

    def test_settings_and_base_url(self, db: str) -> None:
        """Language, scale, packs, statements and the base address are taken from the options."""
        code, out, _ = run(
            "workshop", "new", "Team", "--db", db, "--lang", "en", "--scale", "7",
            "--packs", "kiruna", "--statements", "--base-url", "https://ws.kiruna.se/", "--json",
        )  # fmt: skip
        assert 0 == code
        made = json.loads(out)
        assert made["join_url"].startswith("https://ws.kiruna.se/j/")
        with Store.open(db) as store:
            workshop = store.workshop(made["id"])
        assert workshop is not None
        assert ("en", 7, ("kiruna",), True) == (
            workshop.lang,
            workshop.scale,
            workshop.packs,
            workshop.rate_statements,
        )

    def test_text_output_names_both_addresses(self, db: str) -> None:
        """Without --json the addresses are printed with a warning about the secret, in Swedish."""
        code, out, _ = run("workshop", "new", "Enhet Norr", "--db", db)
        assert 0 == code
        assert "Skapade workshoppen Enhet Norr." in out
        assert "/j/" in out
        assert "/f/" in out
        assert "hemlig nyckel" in out

    def test_unknown_pack_is_usage_error(self, db: str) -> None:
        """A pack that is not installed is refused with exit 2 and nothing is created."""
        code, _, err = run("workshop", "new", "Team", "--db", db, "--packs", "no-such-pack")
        assert 2 == code
        assert "[unknown-pack]" in err
        with Store.open(db) as store:
            assert () == store.workshops()

    def test_id_never_reads_as_an_option(self, db: str, monkeypatch: pytest.MonkeyPatch) -> None:
        """An id drawn with a leading - is drawn again, so ``workshop close ID`` reads it."""
        real = secrets.token_urlsafe
        drawn = iter(["-" + "a" * 15, "b" * 16])
        monkeypatch.setattr(
            secrets, "token_urlsafe", lambda n=None: next(drawn) if n == 12 else real(n)
        )
        with Store.open(db) as store:
            workshop, _ = store.create_workshop("Enhet Norr")
        assert "b" * 16 == workshop.id
        assert 0 == run("workshop", "close", workshop.id, "--db", db)[0]


class TestWorkshopListAndClose:
    def test_list_shows_counts_and_state(self, db: str) -> None:
        """``workshop list --json`` lists every workshop with its respondents and closing."""
        with Store.open(db) as store:
            first, _ = store.create_workshop("Enhet Norr")
            second, _ = store.create_workshop("Enhet Syd")
            respondent = store.new_participant(first.id)
            store.save_answers(first.id, respondent, {"current.organisation.curiosity": "3"})
        assert 0 == run("workshop", "close", second.id, "--db", db)[0]
        code, out, _ = run("workshop", "list", "--db", db, "--json")
        assert 0 == code
        listed = json.loads(out)
        assert [(first.id, 1, None), (second.id, 0, True)] == [
            (w["id"], w["respondents"], w["closed"] and True) for w in listed
        ]

    def test_list_text(self, db: str) -> None:
        """The text listing names each workshop, its code and whether it is open."""
        with Store.open(db) as store:
            workshop, _ = store.create_workshop("Enhet Norr")
        code, out, _ = run("workshop", "list", "--db", db, "--lang", "en")
        assert 0 == code
        assert f"{workshop.id}  {workshop.code}" in out
        assert "(0 answered, open)" in out

    def test_close_unknown_id(self, db: str) -> None:
        """Closing an unknown workshop exits 2 with a message in the chosen language."""
        code, _, err = run("workshop", "close", "nope", "--db", db, "--lang", "en")
        assert 2 == code
        assert "There is no workshop with the id 'nope'." == err.strip()

    def test_unreachable_database(self) -> None:
        """A database that cannot be reached exits 2 with a clear message, no traceback."""
        code, _, err = run("workshop", "list", "--db", "postgresql://u:pw@127.0.0.1:1/db")
        assert 2 == code
        assert err.startswith("Databasen postgresql+psycopg://u:***@127.0.0.1:1/db kan inte")
        assert "Traceback" not in err


class TestMissingDatabase:
    @pytest.mark.parametrize(
        "command",
        [("list",), ("close", "abc"), ("delete", "abc", "--yes"), ("export", "abc", "-o", "out")],
    )
    def test_commands_that_read_refuse_a_missing_database(
        self, tmp_path: Path, command: tuple[str, ...]
    ) -> None:
        """list, close, delete and export refuse a database that is not there (exit 2, a code)
        and make neither its folder nor a file."""
        db = tmp_path / "no" / "such" / "dir" / "x.db"
        args = [a if a != "out" else str(tmp_path / "out") for a in command]
        code, out, err = run("workshop", *args, "--db", str(db))
        assert 2 == code
        assert "" == out
        assert "fel: db: filen finns inte" in err
        assert "[missing-database]" in err
        assert not (tmp_path / "no").exists()
        assert not (tmp_path / "out").exists()

    def test_the_refusal_in_english(self, tmp_path: Path) -> None:
        """With --lang en the refusal is English and says what creates a database."""
        db = tmp_path / "x.db"
        code, _, err = run("workshop", "list", "--db", str(db), "--lang", "en")
        assert 2 == code
        assert (
            f"The database sqlite:///{db} cannot be used.\n"
            "  error: db: the file does not exist; 'workshop new' and 'serve' create a database "
            "[missing-database]"
        ) == err.strip()

    def test_new_creates_the_database_and_its_folder(self, tmp_path: Path) -> None:
        """workshop new makes the folders and the database; list then reads it."""
        db = tmp_path / "new" / "dir" / "x.db"
        assert 0 == run("workshop", "new", "Enhet Norr", "--db", str(db))[0]
        code, out, _ = run("workshop", "list", "--db", str(db), "--json")
        assert 0 == code
        assert ["Enhet Norr"] == [w["name"] for w in json.loads(out)]

    @pytest.mark.parametrize("lang", ["sv", "en"])
    def test_a_file_that_is_no_database(self, tmp_path: Path, lang: str) -> None:
        """A --db that is some other file gets a clear message with a code, in sv and en, and
        not SQLite's own English words or a traceback."""
        notes = tmp_path / "notes.txt"
        notes.write_text("not a database\n", encoding="utf-8")
        for command in (("list",), ("new", "Team")):
            code, _, err = run("workshop", *command, "--db", str(notes), "--lang", lang)
            assert 2 == code
            assert "[not-a-database]" in err
            expected = {
                "sv": "filen är ingen SQLite-databas",
                "en": "the file is not a SQLite database",
            }[lang]
            assert expected in err
            assert "file is not a database" not in err
            assert "Traceback" not in err
        assert "not a database\n" == notes.read_text(encoding="utf-8")


class TestWorkshopDelete:
    def test_delete_needs_yes(self, db: str) -> None:
        """Without --yes nothing is deleted (exit 2); with it the workshop is gone."""
        with Store.open(db) as store:
            workshop, _ = store.create_workshop("Enhet Norr")
        code, _, err = run("workshop", "delete", workshop.id, "--db", db, "--lang", "en")
        assert 2 == code
        assert "--yes" in err
        code, out, _ = run("workshop", "delete", workshop.id, "--db", db, "--yes", "--json")
        assert 0 == code
        assert workshop.id == json.loads(out)["id"]
        with Store.open(db) as store:
            assert () == store.workshops()


class TestWorkshopExport:
    def test_export_writes_what_score_reads(self, db: str, tmp_path: Path) -> None:
        """``workshop export`` writes responses.jsonl that reads as the store's responses."""
        with Store.open(db) as store:
            workshop, _ = store.create_workshop("Enhet Norr")
            for value in "123":
                respondent = store.new_participant(workshop.id)
                store.save_answers(workshop.id, respondent, dict.fromkeys(LADDER_KEYS, value))
            expected = store.responses(workshop.id)
        out_dir = tmp_path / "export"
        code, out, _ = run(
            "workshop", "export", workshop.id, "-o", str(out_dir), "--db", db, "--json"
        )
        assert 0 == code
        assert {"files": [str(out_dir / "responses.jsonl")], "respondents": 3} == json.loads(out)
        assert expected == read_responses(out_dir / "responses.jsonl")
        assert 0 == run("score", str(out_dir / "responses.jsonl"))[0]

    def test_export_refuses_existing_files_without_force(self, db: str, tmp_path: Path) -> None:
        """A second export needs --force; without it the file stays and the exit code is 2."""
        with Store.open(db) as store:
            workshop, _ = store.create_workshop("Enhet Norr")
        assert 0 == run("workshop", "export", workshop.id, "-o", str(tmp_path), "--db", db)[0]
        code, _, err = run("workshop", "export", workshop.id, "-o", str(tmp_path), "--db", db)
        assert 2 == code
        assert "--force" in err
        assert (
            0
            == run("workshop", "export", workshop.id, "-o", str(tmp_path), "--db", db, "--force")[0]
        )

    def test_export_names_the_plan_only_when_there_is_one(self, db: str, tmp_path: Path) -> None:
        """The summary says the plan was written when there is one, and no plan count without."""
        with Store.open(db) as store:
            workshop, _ = store.create_workshop("Enhet Norr")
        code, out, _ = run("workshop", "export", workshop.id, "-o", str(tmp_path / "a"), "--db", db)
        assert (0, f"Skrev 0 svar till {tmp_path / 'a'}:") == (code, out.splitlines()[0])
        with Store.open(db) as store:
            plan = ir.ActionPlan(title="Plan", team="Enhet Norr", created=dt.date(2026, 11, 26))
            store.save_plan(workshop.id, plan_toml(plan))
        code, out, _ = run(
            "workshop", "export", workshop.id, "-o", str(tmp_path / "b"), "--db", db, "--lang", "en"
        )
        assert (0, f"Wrote 0 responses and the plan to {tmp_path / 'b'}:") == (
            code,
            out.splitlines()[0],
        )

    def test_export_unknown_id(self, db: str, tmp_path: Path) -> None:
        """Exporting an unknown workshop exits 2 and writes nothing."""
        code, _, err = run("workshop", "export", "nope", "-o", str(tmp_path / "x"), "--db", db)
        assert 2 == code
        assert "nope" in err
        assert not (tmp_path / "x").exists()
