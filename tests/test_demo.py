"""Tests for the ``demo`` command: the whole workshop on the bundled example data."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest

from innovationsresan.catalog import Catalog
from innovationsresan.cli import main
from innovationsresan.cli._common import Context
from innovationsresan.packs.loader import load_catalog
from tests.test_report import parse


@pytest.fixture(scope="module")
def kiruna() -> Catalog:
    """The installed packs, loaded once for the module (the demo needs the Kiruna pack)."""
    catalog = load_catalog()
    if "kiruna" not in catalog.pack_versions():
        pytest.fail("the Kiruna pack is not installed: pip install -e contentpacks/kiruna")
    return catalog


def run(*argv: str | Path, catalog: Catalog) -> tuple[int, str, str]:
    """Run the command line in-process; exit code, stdout, stderr."""
    ctx = Context(out=StringIO(), err=StringIO())
    ctx.use_catalog(catalog)
    code = main([str(a) for a in argv], context=ctx)
    assert isinstance(ctx.out, StringIO)
    assert isinstance(ctx.err, StringIO)
    return code, ctx.out.getvalue(), ctx.err.getvalue()


class TestDemo:
    def test_writes_report_and_calendar(self, kiruna: Catalog, tmp_path: Path) -> None:
        """The demo exits 0 and writes report.html and plan.ics into the folder."""
        code, stdout, stderr = run("demo", "-o", tmp_path / "out", catalog=kiruna)
        report = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
        calendar = (tmp_path / "out" / "plan.ics").read_bytes()
        assert (0, "") == (code, stderr)
        assert report.startswith("<!DOCTYPE html>")
        assert calendar.startswith(b"BEGIN:VCALENDAR")
        assert f"{tmp_path / 'out' / 'report.html'}" in stdout

    def test_calendar_names_support_functions(self, kiruna: Catalog, tmp_path: Path) -> None:
        """The demo's calendar names a support function as its pack does, as plan ics does."""
        run("demo", "-o", tmp_path, catalog=kiruna)
        unfolded = (tmp_path / "plan.ics").read_bytes().replace(b"\r\n ", b"").decode("utf-8")

        assert "Stöd: Lokaler (kiruna:premises)" in unfolded

    def test_summary(self, kiruna: Catalog, tmp_path: Path) -> None:
        """The terminal summary shows placement, priorities, cards and the plan check."""
        _, stdout, _ = run("demo", "-o", tmp_path, "--lang", "en", catalog=kiruna)
        for heading in (
            "Date: 2026-12-03 (the plan's date)",
            "Where does the group stand?",
            "Principles to strengthen (priority):",
            "Suggested cards:",
            "Action plan check:",
        ):
            assert heading in stdout
        assert "1. " in stdout.split("Suggested cards:")[1]

    def test_fixed_date(self, kiruna: Catalog, tmp_path: Path) -> None:
        """The demo uses its plan's date, so two runs give the very same report."""
        run("demo", "-o", tmp_path / "a", catalog=kiruna)
        run("demo", "-o", tmp_path / "b", catalog=kiruna)
        first = (tmp_path / "a" / "report.html").read_bytes()
        assert first == (tmp_path / "b" / "report.html").read_bytes()
        assert (tmp_path / "a" / "plan.ics").read_bytes() == (
            tmp_path / "b" / "plan.ics"
        ).read_bytes()

    def test_report_content(self, kiruna: Catalog, tmp_path: Path) -> None:
        """The demo's report has the ladder, the suggested cards and the plan with its check."""
        run("demo", "-o", tmp_path, catalog=kiruna)
        page = parse((tmp_path / "report.html").read_text(encoding="utf-8"))
        rungs = [g for g in page.iter() if "rung" in g.classes()]
        cards = [a for a in page.find_all("article") if "card" in a.classes()]
        assert (9, 3) == (len(rungs), len(cards))
        assert page.find("table", **{"class": "actions"}).find("tbody").find_all("tr")
        facts = page.find("dl", **{"class": "facts"}).text()
        assert "Medborgarservice, enhet Norr (påhittat exempel)" in facts

    def test_english(self, kiruna: Catalog, tmp_path: Path) -> None:
        """--lang en writes the report in English."""
        run("demo", "-o", tmp_path, "--lang", "en", catalog=kiruna)
        page = parse((tmp_path / "report.html").read_text(encoding="utf-8"))
        assert "en" == page.find("html").attrs["lang"]

    def test_json(self, kiruna: Catalog, tmp_path: Path) -> None:
        """--json prints one summary object and nothing else on stdout."""
        code, stdout, _ = run("demo", "-o", tmp_path, "--json", catalog=kiruna)
        data = json.loads(stdout)
        assert 0 == code
        assert {
            "today",
            "respondents",
            "packs",
            "position",
            "placement",
            "priorities",
            "cards",
            "plan",
            "files",
        } == set(data)
        assert ("2026-12-03", str(tmp_path / "report.html"), str(tmp_path / "plan.ics")) == (
            data["today"],
            data["files"]["report"],
            data["files"]["ics"],
        )
        priorities = [p["priority"] for p in data["priorities"]]
        assert sorted(priorities, reverse=True) == priorities
        assert {"ok", "problems"} == set(data["plan"])

    def test_default_folder(
        self, kiruna: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without -o the files go to ./innovationsresan-demo."""
        monkeypatch.chdir(tmp_path)
        code, _, _ = run("demo", catalog=kiruna)
        assert (0, True, True) == (
            code,
            (tmp_path / "innovationsresan-demo" / "report.html").exists(),
            (tmp_path / "innovationsresan-demo" / "plan.ics").exists(),
        )

    def test_needs_the_kiruna_pack(self, tmp_path: Path) -> None:
        """Without the Kiruna pack the demo says what is missing (exit 2, no traceback)."""
        code, _, stderr = run("demo", "-o", tmp_path, "--lang", "en", catalog=Catalog())
        assert (2, False) == (code, (tmp_path / "report.html").exists())
        assert "innovationsresan-kiruna" in stderr
        assert "Traceback" not in stderr
