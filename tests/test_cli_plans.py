"""Tests for the ``plan new``, ``plan check`` and ``plan ics`` commands."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
import zoneinfo
from io import StringIO
from pathlib import Path

import icalendar
import openpyxl
import pytest

from innovationsresan.catalog import Catalog
from innovationsresan.cli import main
from innovationsresan.cli._common import Context
from innovationsresan.files.plans import read_plan
from innovationsresan.plans import Action

ROOT = Path(__file__).parent.parent
KIRUNA = ROOT / "contentpacks" / "kiruna" / "src" / "innovationsresan_kiruna"
EXAMPLE = ROOT / "src" / "innovationsresan" / "examples" / "plan.toml"


@pytest.fixture(scope="module")
def kiruna() -> Catalog:
    """The Kiruna deck of this repository (read from its folder, installed or not)."""
    from innovationsresan.packs.datapack import DataPack
    from innovationsresan.packs.loader import load_catalog

    return load_catalog(packs=[], entry_points=False, plugins=[DataPack(KIRUNA)])


def run(argv: list[str], catalog: Catalog) -> tuple[int, str, str]:
    ctx = Context(out=StringIO(), err=StringIO())
    ctx.use_catalog(catalog)
    code = main(argv, context=ctx)
    return code, ctx.out.getvalue(), ctx.err.getvalue()  # type: ignore[attr-defined]


BROKEN = """\
schema = "innovationsresan.plan/1"
created = 2026-11-26

[[actions]]
what = "Pröva"
how = "Med kortet"
when = 2026-12-01
who = []
cards = ["kiruna:nope"]
"""


class TestPlanNew:
    def test_skeleton_from_cards(self, kiruna: Catalog, tmp_path: Path) -> None:
        """The skeleton has one action per card and a follow-up six weeks ahead."""
        path = tmp_path / "plan.toml"
        argv = ["plan", "new", "-o", str(path), "--cards", "pre-mortem", "kiruna:crazy-8"]
        code, out, err = run([*argv, "--today", "2026-11-26", "--title", "Vi testar"], kiruna)
        assert (0, "") == (code, err)
        assert f"Skrev planmallen {path}." in out
        plan = read_plan(path)
        assert (
            Action(
                how="Pre-mortem",
                cards=("kiruna:pre-mortem",),
                principles=("uncertainty-tolerance",),
            ),
            Action(how="Crazy 8", cards=("kiruna:crazy-8",), principles=("curiosity",)),
        ) == plan.actions
        assert "Vi testar" == plan.title
        assert dt.date(2026, 11, 26) == plan.created
        assert plan.follow_up is not None
        assert (
            dt.datetime(2027, 1, 7, 9, tzinfo=zoneinfo.ZoneInfo("Europe/Stockholm"))
            == plan.follow_up.at
        )
        assert path.read_text(encoding="utf-8").startswith("# Handlingsplan")

    def test_refuses_to_overwrite(self, kiruna: Catalog, tmp_path: Path) -> None:
        """An existing file is kept unless --force is given."""
        path = tmp_path / "plan.toml"
        path.write_text("mitt arbete", encoding="utf-8")
        code, _, err = run(["plan", "new", "-o", str(path)], kiruna)
        assert 2 == code
        assert "--force" in err
        assert "mitt arbete" == path.read_text(encoding="utf-8")
        assert 0 == run(["plan", "new", "-o", str(path), "--force"], kiruna)[0]
        assert (Action(),) == read_plan(path).actions

    def test_unknown_card_writes_nothing(self, kiruna: Catalog, tmp_path: Path) -> None:
        """An unknown card exits 2 and no file is written."""
        path = tmp_path / "plan.toml"
        code, _, err = run(["plan", "new", "-o", str(path), "--cards", "nope"], kiruna)
        assert 2 == code
        assert "unknown-card" in err
        assert not path.exists()

    def test_json_output(self, kiruna: Catalog, tmp_path: Path) -> None:
        """--json prints the file and the plan written."""
        path = tmp_path / "plan.json"
        code, out, _ = run(
            ["plan", "new", "-o", str(path), "--json", "--today", "2026-11-26"], kiruna
        )
        data = json.loads(out)
        assert 0 == code
        assert str(path) == data["file"]
        assert "2026-11-26" == data["plan"]["created"]
        assert read_plan(path).created == dt.date(2026, 11, 26)


class TestPlanCheck:
    def test_clean_plan_exits_0(self, kiruna: Catalog) -> None:
        """The example plan checks clean on its day."""
        code, out, _ = run(["plan", "check", str(EXAMPLE), "--today", "2026-12-03"], kiruna)
        assert 0 == code
        assert "Planen är klar: inga fel, inga varningar." in out

    def test_warnings_still_exit_0(self, kiruna: Catalog) -> None:
        """Warnings are printed but do not fail the check."""
        argv = ["plan", "check", str(EXAMPLE), "--today", "2027-03-01", "--lang", "en"]
        code, out, _ = run(argv, kiruna)
        assert 0 == code
        assert "follow_up.at: the follow-up on 2027-02-18 has passed" in out
        assert "[follow-up-in-past]" in out
        assert "No errors but 1 warning" in out

    def test_support_is_listed(self, kiruna: Catalog) -> None:
        """The check lists the support each action needs, named as the pack names it."""
        argv = ["plan", "check", str(EXAMPLE), "--today", "2026-12-03", "--lang", "en"]
        code, out, _ = run(argv, kiruna)
        assert 0 == code
        assert (
            "Support the actions need:\n"
            "  Utvärdera försöket med drop-in-tider för e-legitimation: Follow-up and statistics "
            "(kiruna:follow-up): Besöksstatistik för e-tjänsten under försöket – ask kommunens "
            "statistiker (Aino tar kontakten)\n"
        ) in out

    def test_support_without_owner(self, kiruna: Catalog, tmp_path: Path) -> None:
        """Support nobody is named to ask for is a warning with its location; exit stays 0."""
        text = EXAMPLE.read_text(encoding="utf-8").replace(', ask = "Enhetschef"', "")
        path = tmp_path / "plan.toml"
        path.write_text(text, encoding="utf-8")
        code, out, _ = run(["plan", "check", str(path), "--today", "2026-12-03", "--json"], kiruna)
        assert 0 == code
        assert [("support-without-owner", "actions[1].support[0].ask")] == [
            (p["code"], p["location"]) for p in json.loads(out)["problems"]
        ]

    def test_errors_exit_1(self, kiruna: Catalog, tmp_path: Path) -> None:
        """Errors are listed with locations and codes; the exit code is 1."""
        path = tmp_path / "plan.toml"
        path.write_text(BROKEN, encoding="utf-8")
        code, out, _ = run(["plan", "check", str(path), "--today", "2026-11-26"], kiruna)
        assert 1 == code
        for line in (
            "fel      actions[0].who (åtgärd 1):",
            "[missing-who]",
            "fel      actions[0].cards[0] (åtgärd 1): kort 'kiruna:nope' finns inte",
            "fel      follow_up:",
            "3 fel och 0 varningar",
        ):
            assert line in out

    @pytest.mark.parametrize(
        ("lang", "summary"),
        [
            ("sv", "99 fel och 1 varning visas och fler problem räknades bara: rätta felen"),
            ("en", "99 errors and 1 warning shown, and more problems only counted: fix the"),
        ],
    )
    def test_summary_past_the_first_hundred(
        self, kiruna: Catalog, tmp_path: Path, lang: str, summary: str
    ) -> None:
        """With more problems than are shown, the summary counts those shown and says more
        were counted (it said "100 fel" for 500 problems, the more-problems line as one)."""
        actions = "".join(
            f'[[actions]]\nwhat = "a{i}"\nhow = "h"\nwho = ["A"]\ncards = ["kiruna:x{i}"]\n'
            for i in range(250)
        )
        path = tmp_path / "plan.toml"
        path.write_text(
            'schema = "innovationsresan.plan/1"\ntitle = "T"\nteam = "L"\n'
            "created = 2026-11-20\n" + actions,
            encoding="utf-8",
        )
        argv = ["plan", "check", str(path), "--today", "2026-11-26", "--lang", lang]
        code, out, _ = run(argv, kiruna)
        assert 1 == code
        assert "[more-problems]" in out
        assert out.rstrip("\n").splitlines()[-1].startswith(summary)

    def test_json(self, kiruna: Catalog, tmp_path: Path) -> None:
        """--json prints {"ok", "problems"} and nothing else on stdout."""
        path = tmp_path / "plan.toml"
        path.write_text(BROKEN, encoding="utf-8")
        code, out, _ = run(["plan", "check", str(path), "--json", "--today", "2026-11-26"], kiruna)
        data = json.loads(out)
        assert 1 == code
        assert False is data["ok"]
        assert [
            ("error", "missing-who", "actions[0].who"),
            ("error", "unknown-card", "actions[0].cards[0]"),
            ("error", "missing-follow-up", "follow_up"),
        ] == [(p["severity"], p["code"], p["location"]) for p in data["problems"]]

    def test_unreadable_exits_2(self, kiruna: Catalog, tmp_path: Path) -> None:
        """A plan that cannot be read exits 2 with its problems, also as JSON."""
        path = tmp_path / "plan.toml"
        path.write_text(BROKEN.replace("created", "follow-up"), encoding="utf-8")
        code, out, err = run(["plan", "check", str(path)], kiruna)
        assert (2, "") == (code, out)
        assert "unknown-key" in err
        assert "Traceback" not in err
        code, out, _ = run(["plan", "check", str(path), "--json"], kiruna)
        data = json.loads(out)
        assert (2, False) == (code, data["ok"])
        assert {"missing-key", "unknown-key"} == {p["code"] for p in data["problems"]}

    def test_missing_plan_exits_2(self, kiruna: Catalog, tmp_path: Path) -> None:
        """A missing plan file exits 2."""
        code, _, err = run(["plan", "check", str(tmp_path / "nope.toml")], kiruna)
        assert 2 == code
        assert "missing-file" in err

    def test_plan_without_subcommand(self, kiruna: Catalog) -> None:
        """`plan` alone shows its help and exits 2."""
        code, out, _ = run(["plan"], kiruna)
        assert 2 == code
        assert "check" in out


class TestPlanIcs:
    def test_writes_calendar(self, kiruna: Catalog, tmp_path: Path) -> None:
        """The calendar file holds the follow-up and every dated action."""
        path = tmp_path / "out" / "plan.ics"
        code, out, _ = run(["plan", "ics", str(EXAMPLE), "-o", str(path)], kiruna)
        assert 0 == code
        assert "Uppföljning: 2027-02-18 09:00 (90 min)." in out
        assert "Åtgärder med datum: 3 av 3." in out
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        assert 4 == len(list(calendar.walk("VEVENT")))

    def test_re_export_is_identical(self, kiruna: Catalog, tmp_path: Path) -> None:
        """Exporting again writes the same bytes."""
        first, second = tmp_path / "a.ics", tmp_path / "b.ics"
        run(["plan", "ics", str(EXAMPLE), "-o", str(first)], kiruna)
        run(["plan", "ics", str(EXAMPLE), "-o", str(second)], kiruna)
        assert first.read_bytes() == second.read_bytes()

    def test_json(self, kiruna: Catalog, tmp_path: Path) -> None:
        """--json names the file, the follow-up and how many actions have dates."""
        path = tmp_path / "plan.ics"
        code, out, _ = run(["plan", "ics", str(EXAMPLE), "-o", str(path), "--json"], kiruna)
        assert 0 == code
        assert {
            "file": str(path),
            "follow_up": "2027-02-18T09:00:00+01:00",
            "actions": 3,
        } == json.loads(out)

    def test_unreadable_plan_writes_nothing(self, kiruna: Catalog, tmp_path: Path) -> None:
        """A plan that cannot be read exits 2 and no calendar is written."""
        plan, path = tmp_path / "plan.toml", tmp_path / "plan.ics"
        plan.write_text("not = [toml", encoding="utf-8")
        code, _, err = run(["plan", "ics", str(plan), "-o", str(path)], kiruna)
        assert 2 == code
        assert "syntax-error" in err
        assert not path.exists()


WORKSHOP = ROOT / "docs" / "examples" / "workshop"


class TestPlanExport:
    def test_xlsx_with_positions(self, kiruna: Catalog, tmp_path: Path) -> None:
        """The workbook holds a row per action and the positions of the responses."""
        path = tmp_path / "vp.xlsx"
        argv = ["plan", "export", str(EXAMPLE), "--responses", str(WORKSHOP), "-o", str(path)]
        code, out, err = run([*argv, "--lang", "en"], kiruna)
        assert (0, "") == (code, err)
        assert f"Wrote {path}." in out
        book = openpyxl.load_workbook(path)
        assert ["Action plan", "Current and desired"] == book.sheetnames
        rows = [[c.value for c in row] for row in book["Action plan"].iter_rows()]
        assert ["What", "How", "When", "Who", "Support"] == rows[0][:5]
        assert 4 == len(rows)
        assert (
            "Premises (kiruna:premises): Ett rum där båda grupperna får plats – ask Enhetschef"
            == rows[2][4]
        )
        assert "Brainwriting (kiruna:brainwriting)" == rows[2][6]
        assert 19 == book["Current and desired"].max_row

    def test_csv_files(self, kiruna: Catalog, tmp_path: Path) -> None:
        """CSV writes the plan and, beside it, FILE-positions.csv; --json names both."""
        path = tmp_path / "vp.csv"
        argv = ["plan", "export", str(EXAMPLE), "--responses", str(WORKSHOP), "-o", str(path)]
        code, out, _ = run([*argv, "--json"], kiruna)
        positions = tmp_path / "vp-positions.csv"
        assert 0 == code
        assert {
            "files": [str(path), str(positions)],
            "format": "csv",
            "actions": 3,
            "respondents": 3,
        } == json.loads(out)
        text = path.read_bytes().decode("utf-8")
        assert text.startswith("\ufeffVad;Hur;När;Vem;Stöd;Principer;Kort;Uppföljning;Status\r\n")
        rows = list(
            csv.reader(io.StringIO(positions.read_text(encoding="utf-8-sig")), delimiter=";")
        )
        assert ["Princip", "Perspektiv", "Nuläge", "Önskat läge", "Glapp", "Antal svar"] == rows[0]
        assert any("," in cell for row in rows[1:] for cell in row[2:5])

    def test_without_responses_one_file(self, kiruna: Catalog, tmp_path: Path) -> None:
        """Without responses only the plan is written."""
        path = tmp_path / "vp.csv"
        assert 0 == run(["plan", "export", str(EXAMPLE), "-o", str(path)], kiruna)[0]
        assert ["vp.csv"] == sorted(p.name for p in tmp_path.iterdir())

    def test_refuses_existing_unless_force(self, kiruna: Catalog, tmp_path: Path) -> None:
        """An existing output (the positions file too) is kept unless --force is given."""
        path, positions = tmp_path / "vp.csv", tmp_path / "vp-positions.csv"
        positions.write_text("mitt", encoding="utf-8")
        argv = ["plan", "export", str(EXAMPLE), "--responses", str(WORKSHOP), "-o", str(path)]
        code, _, err = run(argv, kiruna)
        assert 2 == code
        assert "vp-positions.csv finns redan" in err
        assert "--force" in err
        assert ("mitt", False) == (positions.read_text(encoding="utf-8"), path.exists())
        assert 0 == run([*argv, "--force"], kiruna)[0]
        assert positions.read_text(encoding="utf-8-sig").startswith("Princip;")

    @pytest.mark.parametrize("link", ["same", "symlink", "hardlink"])
    def test_never_writes_over_an_input(self, kiruna: Catalog, tmp_path: Path, link: str) -> None:
        """The responses file, or a link to it, is never the output, even with --force."""
        source = tmp_path / "answers.csv"
        source.write_text("respondent,current.organisation.curiosity\nr1,3\n", encoding="utf-8")
        output = {
            "same": source,
            "symlink": tmp_path / "out.csv",
            "hardlink": tmp_path / "out.csv",
        }[link]
        if link == "symlink":
            output.symlink_to(source)
        elif link == "hardlink":
            output.hardlink_to(source)
        argv = ["plan", "export", str(EXAMPLE), "--responses", str(source), "-o", str(output)]
        code, _, err = run([*argv, "--force", "--lang", "en"], kiruna)
        assert 2 == code
        assert "is one of the command's inputs" in err
        assert "r1,3" in source.read_text(encoding="utf-8")

    def test_never_writes_over_the_plan(self, kiruna: Catalog, tmp_path: Path) -> None:
        """A plan file that happens to end in .csv is not the output either."""
        plan = tmp_path / "plan.csv"
        plan.write_bytes(EXAMPLE.read_bytes())
        code, _, err = run(["plan", "export", str(plan), "-o", str(plan), "--force"], kiruna)
        assert 2 == code
        assert "är en av kommandots indata" in err

    @pytest.mark.parametrize("name", ["vp.ods", "vp", "vp.xlsx.txt"])
    def test_unknown_ending_exit_2(self, kiruna: Catalog, tmp_path: Path, name: str) -> None:
        """An output that is neither .xlsx nor .csv is a usage error; nothing is written."""
        code, out, err = run(["plan", "export", str(EXAMPLE), "-o", str(tmp_path / name)], kiruna)
        assert (2, "") == (code, out)
        assert "FIL.xlsx eller FIL.csv" in err
        assert [] == list(tmp_path.iterdir())

    def test_unreadable_plan_exit_2(self, kiruna: Catalog, tmp_path: Path) -> None:
        """A plan that cannot be read exits 2 naming its problem; nothing is written."""
        plan, path = tmp_path / "plan.toml", tmp_path / "vp.xlsx"
        plan.write_text("not = [toml", encoding="utf-8")
        code, _, err = run(["plan", "export", str(plan), "-o", str(path)], kiruna)
        assert 2 == code
        assert "syntax-error" in err
        assert not path.exists()

    def test_missing_plan_exit_2(self, kiruna: Catalog, tmp_path: Path) -> None:
        """A plan that does not exist exits 2."""
        code, _, err = run(["plan", "export", str(tmp_path / "nope.toml"), "-o", "x.csv"], kiruna)
        assert 2 == code
        assert "nope.toml" in err

    def test_unreadable_responses_exit_2(self, kiruna: Catalog, tmp_path: Path) -> None:
        """Responses that cannot be read exit 2 and nothing is written."""
        bad, path = tmp_path / "bad.toml", tmp_path / "vp.xlsx"
        bad.write_text('schema = "innovationsresan.response/1"\nscale = 99\n', encoding="utf-8")
        argv = ["plan", "export", str(EXAMPLE), "--responses", str(bad), "-o", str(path)]
        code, _, err = run(argv, kiruna)
        assert 2 == code
        assert "bad.toml" in err
        assert not path.exists()

    def test_cannot_be_written_exit_2(self, kiruna: Catalog, tmp_path: Path) -> None:
        """A file under a plain file cannot be written: exit 2 naming it."""
        blocker = tmp_path / "blocker"
        blocker.write_text("", encoding="utf-8")
        path = blocker / "vp.xlsx"
        code, out, err = run(
            ["plan", "export", str(EXAMPLE), "-o", str(path), "--lang", "en"], kiruna
        )
        assert (2, "") == (code, out)
        assert f"{path} cannot be written: a file stands where a folder is needed.\n" == err

    def test_without_openpyxl_exit_2(
        self, kiruna: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without openpyxl, .xlsx is a clear error in the chosen language; CSV still works."""
        monkeypatch.setitem(sys.modules, "openpyxl", None)
        path = tmp_path / "vp.xlsx"
        code, _, err = run(
            ["plan", "export", str(EXAMPLE), "-o", str(path), "--lang", "en"], kiruna
        )
        assert 2 == code
        assert "Export to .xlsx needs the openpyxl package" in err
        assert not path.exists()
        assert 0 == run(["plan", "export", str(EXAMPLE), "-o", str(tmp_path / "vp.csv")], kiruna)[0]


class TestOutputThatCannotBeWritten:
    @pytest.mark.parametrize("command", [["plan", "new"], ["plan", "ics", str(EXAMPLE)]])
    def test_exit_2_naming_the_file(
        self, kiruna: Catalog, tmp_path: Path, command: list[str]
    ) -> None:
        """A file under a plain file cannot be written: exit 2 naming it, nothing written."""
        blocker = tmp_path / "blocker"
        blocker.write_text("", encoding="utf-8")
        path = blocker / "out.toml"
        code, out, err = run([*command, "-o", str(path), "--lang", "en"], kiruna)
        assert (2, "") == (code, out)
        assert f"{path} cannot be written: a file stands where a folder is needed.\n" == err


class TestGroupOptions:
    def test_options_given_to_the_plan_group_count(self, kiruna: Catalog, tmp_path: Path) -> None:
        """`plan --lang en --json check` is the same as `plan check --lang en --json`."""
        path = tmp_path / "plan.toml"
        path.write_text(BROKEN, encoding="utf-8")
        after = run(["plan", "check", str(path), "--lang", "en", "--json"], kiruna)
        before = run(["plan", "--lang", "en", "--json", "check", str(path)], kiruna)
        assert after == before
        assert "the action lacks 'who'" in before[1]
