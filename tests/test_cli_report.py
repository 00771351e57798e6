"""Tests for the ``report`` command, run in-process."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest

from innovationsresan.catalog import Catalog
from innovationsresan.cli import main
from innovationsresan.cli._common import Context
from innovationsresan.ladder import PRINCIPLE_IDS
from tests.test_report import make_catalog, parse


def run(*argv: str | Path, catalog: Catalog | None = None) -> tuple[int, str, str]:
    """Run the command line on the hand-built catalogue; exit code, stdout, stderr."""
    ctx = Context(out=StringIO(), err=StringIO())
    ctx.use_catalog(catalog or make_catalog())
    code = main([str(a) for a in argv], context=ctx)
    assert isinstance(ctx.out, StringIO)
    assert isinstance(ctx.err, StringIO)
    return code, ctx.out.getvalue(), ctx.err.getvalue()


def write_response(path: Path, organisation: int, individual: int, desired: int = 5) -> Path:
    """A response rating every principle the same, wanting *desired* on experimenting."""
    lines = ['schema = "innovationsresan.response/1"', "scale = 5"]
    for q, rating in (("organisation", organisation), ("individual", individual)):
        lines.append(f"[current.{q}]")
        lines.extend(f"{pid} = {rating}" for pid in PRINCIPLE_IDS)
    lines += ["[desired.organisation]", f"experimenting = {desired}"]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


PLAN = """\
schema = "innovationsresan.plan/1"
title = "Vi testar mer"
team = "Enhet Norr"
created = 2026-11-26

[follow_up]
at = 2027-01-15T09:00:00+01:00
where = "Aurora"

[[actions]]
what = "Pröva ett litet test"
how = "Kortet Litet test"
when = 2026-12-10
who = ["Anna"]
cards = ["small-test"]
principles = ["experimenting"]
"""


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """A folder of three responses."""
    folder = tmp_path / "team"
    for i, (org, ind) in enumerate([(2, 3), (3, 4), (2, 2)]):
        write_response(folder / f"r{i}.toml", org, ind)
    return folder


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """A plan with one action and a follow-up."""
    path = tmp_path / "plan.toml"
    path.write_text(PLAN, encoding="utf-8")
    return path


class TestReport:
    def test_pack_must_be_loaded(self, team: Path, tmp_path: Path) -> None:
        """--pack naming a pack that is not loaded is a usage error, and nothing is written."""
        out = tmp_path / "report.html"

        code, _, err = run("report", team, "-o", out, "--pack", "nowhere", "--lang", "en")

        assert (2, False) == (code, out.exists())
        assert "the pack 'nowhere' is not loaded" in err

    def test_writes_the_report(self, team: Path, plan: Path, tmp_path: Path) -> None:
        """The report is written, with the plan, and the command says where."""
        out = tmp_path / "out" / "report.html"
        code, stdout, stderr = run(
            "report", team, "--plan", plan, "--today", "2026-11-26", "-o", out
        )
        page = parse(out.read_text(encoding="utf-8"))
        assert (0, f"Rapporten är skriven: {out}\n", "") == (code, stdout, stderr)
        assert ("sv", "Pröva ett litet test") == (
            page.find("html").attrs["lang"],
            page.find("table", **{"class": "actions"}).find_all("td")[0].text(),
        )
        assert "3" == page.find("dd", data_value="3").text()

    def test_english(self, team: Path, tmp_path: Path) -> None:
        """--lang en writes the report and the message in English."""
        out = tmp_path / "report.html"
        code, stdout, _ = run("report", team, "--lang", "en", "-o", out)
        assert (0, f"The report is written: {out}\n") == (code, stdout)
        assert 'lang="en"' in out.read_text(encoding="utf-8")

    def test_several_collections(self, team: Path, tmp_path: Path) -> None:
        """Responses from several collections are scored together."""
        extra = write_response(tmp_path / "extra.toml", 5, 5)
        out = tmp_path / "report.html"
        code, _, _ = run("report", team, extra, "-o", out, "--json")
        assert 0 == code
        assert "4" == parse(out.read_text(encoding="utf-8")).find("dd", data_value="4").text()

    def test_k(self, team: Path, tmp_path: Path) -> None:
        """-k sets how many cards are suggested."""
        out = tmp_path / "report.html"
        code, stdout, _ = run("report", team, "-k", "1", "-o", out, "--json")
        page = parse(out.read_text(encoding="utf-8"))
        cards = [a for a in page.find_all("article") if "card" in a.classes()]
        assert (0, 1, 1) == (code, len(cards), len(json.loads(stdout)["cards"]))

    def test_title(self, team: Path, tmp_path: Path) -> None:
        """--title sets the report's heading."""
        out = tmp_path / "report.html"
        run("report", team, "--title", "Vår workshop", "-o", out)
        assert "Vår workshop" == parse(out.read_text(encoding="utf-8")).find("h1").text()

    def test_json(self, team: Path, plan: Path, tmp_path: Path) -> None:
        """--json prints the file, respondents, placement, cards and the plan check."""
        out = tmp_path / "report.html"
        code, stdout, stderr = run(
            "report", team, "--plan", plan, "--today", "2026-11-26", "-o", out, "--json"
        )
        data = json.loads(stdout)
        assert (0, "") == (code, stderr)
        assert {"output", "respondents", "placement", "cards", "plan"} == set(data)
        assert (str(out), 3, {"ok": True, "problems": []}) == (
            data["output"],
            data["respondents"],
            data["plan"],
        )
        assert {"organisation", "individual", "overall"} == set(data["placement"])
        assert ["testpack:small-test"] == [c["id"] for c in data["cards"]][:1]

    def test_plan_problems_exit_0(self, team: Path, tmp_path: Path) -> None:
        """A plan with errors still gives a report (exit 0) that lists them."""
        bad = tmp_path / "bad.toml"
        bad.write_text(
            'schema = "innovationsresan.plan/1"\ncreated = 2026-11-26\n', encoding="utf-8"
        )
        out = tmp_path / "report.html"
        code, stdout, _ = run("report", team, "--plan", bad, "--today", "2026-11-26", "-o", out)
        codes = [
            li.attrs["data-code"]
            for li in parse(out.read_text(encoding="utf-8")).find_all(
                "li", **{"class": "problem error"}
            )
        ]
        assert (0, ["no-actions", "missing-follow-up"]) == (code, sorted(codes, reverse=True))
        assert "2 fel och 0 varningar" in stdout

    def test_few_respondents_note(self, tmp_path: Path) -> None:
        """With fewer than three respondents the command and the report say so."""
        one = write_response(tmp_path / "one.toml", 3, 3)
        out = tmp_path / "report.html"
        _, stdout, _ = run("report", one, "-o", out, "--lang", "en")
        assert "fewer than three responses" in stdout
        assert 'role="note"' in out.read_text(encoding="utf-8")

    def test_unreadable_responses(self, tmp_path: Path) -> None:
        """Responses that cannot be read are exit 2, and an existing report is left alone."""
        broken = tmp_path / "broken.toml"
        broken.write_text("schema = [", encoding="utf-8")
        out = tmp_path / "report.html"
        out.write_text("the old report", encoding="utf-8")
        code, stdout, stderr = run("report", broken, "-o", out, "--force")
        assert (2, "", "the old report") == (code, stdout, out.read_text(encoding="utf-8"))
        assert "syntax-error" in stderr
        assert "Traceback" not in stderr

    def test_unreadable_plan(self, team: Path, tmp_path: Path) -> None:
        """A plan file that cannot be read is exit 2 naming the file; nothing is written."""
        out = tmp_path / "report.html"
        code, _, stderr = run("report", team, "--plan", tmp_path / "missing.toml", "-o", out)
        assert (2, False) == (code, out.exists())
        assert "missing.toml" in stderr

    def test_unknown_statement(self, tmp_path: Path) -> None:
        """A response naming a statement no pack has is exit 2 naming the id."""
        path = tmp_path / "r.toml"
        path.write_text(
            'schema = "innovationsresan.response/1"\n[statements]\n"nope:none" = 3\n',
            encoding="utf-8",
        )
        code, _, stderr = run("report", path, "-o", tmp_path / "report.html")
        assert 2 == code
        assert "nope:none" in stderr

    @pytest.mark.parametrize(
        "argv",
        [
            ("report", "-o", "x.html"),
            ("report", "team"),
            ("report", "team", "-o", "x.html", "-k", "0"),
            ("report", "team", "-o", "x.html", "--today", "tomorrow"),
        ],
    )
    def test_usage_errors(self, argv: tuple[str, ...], tmp_path: Path) -> None:
        """Missing collections or output, a bad -k or --today are usage errors (exit 2)."""
        code, stdout, _ = run(*argv)
        assert (2, "") == (code, stdout)

    def test_help(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--help describes the command and exits 0."""
        code, _, _ = run("report", "--help", "--lang", "en")
        assert 0 == code
        assert "self-contained HTML" in " ".join(capsys.readouterr().out.split())


class TestOutputThatCannotBeWritten:
    def test_report_under_a_file(self, team: Path, tmp_path: Path) -> None:
        """An output path the system refuses exits 2 naming it, in the chosen language."""
        blocker = tmp_path / "blocker"
        blocker.write_text("", encoding="utf-8")
        out = blocker / "report.html"
        code, stdout, err = run("report", team, "-o", out, "--lang", "en")
        assert (2, "") == (code, stdout)
        expected = f"{out} cannot be written: a file stands where a folder is needed.\n"
        assert expected == err

    def test_report_onto_a_folder(self, team: Path, tmp_path: Path) -> None:
        """A folder as the output file exits 2 with a Swedish message, no internal error."""
        code, _, err = run("report", team, "-o", tmp_path)
        assert 2 == code
        assert f"{tmp_path} kan inte skrivas: det är en mapp.\n" == err

    def test_demo_under_a_file(self, tmp_path: Path) -> None:
        """demo into a folder that cannot be made exits 2 naming the file it wanted to write."""
        blocker = tmp_path / "blocker"
        blocker.write_text("", encoding="utf-8")
        from innovationsresan.packs.datapack import DataPack
        from innovationsresan.packs.loader import load_catalog
        from tests.test_cli_recommend import KIRUNA

        kiruna = load_catalog(packs=[], entry_points=False, plugins=[DataPack(KIRUNA)])
        code, _, err = run("demo", "-o", blocker / "demo", "--lang", "en", catalog=kiruna)
        assert 2 == code
        assert f"{blocker / 'demo' / 'report.html'} cannot be written:" in err
        assert "Internal error" not in err


class TestNothingToGoOn:
    @pytest.mark.parametrize(
        ("lang", "said"),
        [
            ("sv", "Inga: svaren säger inget om var gruppen står"),
            ("en", "None: the answers say nothing about where the group stands"),
        ],
    )
    def test_demo_on_all_na_answers(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, said: str
    ) -> None:
        """demo on answers that are all n/a says there is nothing to go on, not "already there"."""
        import contextlib
        import shutil

        from innovationsresan.cli import report as report_module
        from innovationsresan.packs.datapack import DataPack
        from innovationsresan.packs.loader import load_catalog
        from tests.test_cli_recommend import KIRUNA

        examples = tmp_path / "examples"
        with report_module._examples() as bundled:
            shutil.copy(bundled / report_module.EXAMPLE_PLAN, tmp_path / "plan.toml")
        team = examples / report_module.EXAMPLE_TEAM
        team.mkdir(parents=True)
        shutil.copy(tmp_path / "plan.toml", examples / report_module.EXAMPLE_PLAN)
        for i in range(3):
            lines = ['schema = "innovationsresan.response/1"', "[current.organisation]"]
            lines.extend(f'{pid} = "n/a"' for pid in PRINCIPLE_IDS)
            (team / f"r{i}.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        monkeypatch.setattr(report_module, "_examples", lambda: contextlib.nullcontext(examples))
        kiruna = load_catalog(packs=[], entry_points=False, plugins=[DataPack(KIRUNA)])
        code, out, _ = run("demo", "-o", tmp_path / "demo", "--lang", lang, catalog=kiruna)
        assert 0 == code
        assert said in out
        assert "already stands" not in out
        assert "står redan" not in out
