"""Tests for ``packs``, ``pack check`` and ``pack new`` on the command line."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest

from innovationsresan.cli import main
from innovationsresan.cli._common import Context
from innovationsresan.packs.datapack import DataPack
from innovationsresan.packs.loader import load_catalog
from tests.fakesite import FIXTURES, FakeSite, fake_site

ALPHA = FIXTURES / "alpha" / "src" / "innovationsresan_alpha"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeSite]:
    yield from fake_site(tmp_path, monkeypatch)


def run(*argv: str, ctx: Context | None = None) -> tuple[int, str, str]:
    context = ctx or Context(out=StringIO(), err=StringIO())
    code = main(list(argv), context=context)
    return code, context.out.getvalue(), context.err.getvalue()  # type: ignore[attr-defined]


def with_catalog(*plugins: object) -> Context:
    ctx = Context(out=StringIO(), err=StringIO())
    ctx.use_catalog(load_catalog(entry_points=False, plugins=list(plugins)))
    return ctx


class TestPacks:
    def test_json_shape(self) -> None:
        """--json lists each pack with id, name, version, distribution, status, counts, problems."""
        code, out, _ = run("packs", "--json", ctx=with_catalog(DataPack(ALPHA)))

        assert 0 == code
        assert [
            {
                "id": "alpha",
                "name": "Alfa",
                "version": "1.2.0",
                "distribution": "",
                "status": "ok",
                "counts": {
                    "statements": 2,
                    "cards": 2,
                    "stories": 1,
                    "links": 1,
                    "plan_rules": 0,
                    "support": 0,
                    "level_descriptions": 0,
                    "principle_descriptions": 0,
                },
                "problems": [],
            }
        ] == json.loads(out)

    def test_text_table(self) -> None:
        """The text listing is a table with a header in the chosen language."""
        code, out, _ = run("packs", "--lang", "en", ctx=with_catalog(DataPack(ALPHA)))

        assert 0 == code
        header, row = out.splitlines()[:2]
        assert header.split() == [
            "id",
            "name",
            "version",
            "distribution",
            "status",
            "statements",
            "cards",
            "stories",
            "links",
        ]
        assert ["alpha", "Alpha", "1.2.0", "-", "ok", "2", "2", "1", "1"] == row.split()

    def test_none_loaded(self) -> None:
        """Without packs the command says how to get one, and exits 0."""
        code, out, _ = run("packs", ctx=with_catalog())

        assert 0 == code
        assert "Inga innehållspaket" in out

    def test_broken_pack_listed_exit_0(
        self, site: FakeSite, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A pack that fails on import is listed with status error; the others load; exit 0."""
        site.install("alpha")
        site.install("exploding")
        monkeypatch.setenv("INNOVATIONSRESAN_PACKS", "alpha,exploding")

        code, out, _ = run("packs", "--json")

        assert 0 == code
        listed = {p["id"]: p for p in json.loads(out)}
        assert ("ok", "error") == (listed["alpha"]["status"], listed["exploding"]["status"])
        assert "innovationsresan-exploding" == listed["exploding"]["distribution"]
        assert "6.6.6" == listed["exploding"]["version"]
        assert ["import-failed"] == [p["code"] for p in listed["exploding"]["problems"]]
        assert {"severity", "code", "location", "message"} == set(
            listed["exploding"]["problems"][0]
        )

    def test_strict_exit_1_naming_it(self, site: FakeSite, monkeypatch: pytest.MonkeyPatch) -> None:
        """With --strict a failed pack makes the exit code 1 and is named on stderr."""
        site.install("alpha")
        site.install("exploding")
        monkeypatch.setenv("INNOVATIONSRESAN_PACKS", "alpha,exploding")

        code, out, err = run("packs", "--strict", "--lang", "en")

        assert 1 == code
        assert "exploding" in err
        assert "import-failed" in out

    def test_strict_clean_exit_0(self) -> None:
        """With --strict and every pack loaded the exit code is 0."""
        code, _, _ = run("packs", "--strict", ctx=with_catalog(DataPack(ALPHA)))

        assert 0 == code

    def test_problems_under_their_pack(
        self, site: FakeSite, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A pack's warnings are printed under it with location and code."""
        site.install("alpha")
        site.install("beta")
        monkeypatch.setenv("INNOVATIONSRESAN_PACKS", "alpha,beta")

        code, out, _ = run("packs", "--lang", "en")

        assert 0 == code
        assert "beta:" in out.splitlines()
        assert any(
            "beta/cards.toml:cards[0].summary.fi" in line and "[missing-translation]" in line
            for line in out.splitlines()
        )

    def test_allow_list_warning_shown(
        self, site: FakeSite, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A name in INNOVATIONSRESAN_PACKS that matches no pack is shown after the table."""
        site.install("alpha")
        monkeypatch.setenv("INNOVATIONSRESAN_PACKS", "alpha,nowhere")

        code, out, _ = run("packs", "--lang", "en")

        assert 0 == code
        last = out.rstrip().splitlines()[-1]
        assert last.startswith("warning  INNOVATIONSRESAN_PACKS: the pack 'nowhere'")


class TestPackCheck:
    def test_clean_exit_0(self) -> None:
        """A clean pack exits 0 and says so."""
        code, out, _ = run("pack", "check", str(FIXTURES / "alpha"), "--lang", "en")

        assert 0 == code
        assert "Pack alpha: no problems." == out.strip()

    def test_warnings_exit_0(self) -> None:
        """Warnings alone exit 0."""
        code, out, _ = run("pack", "check", str(FIXTURES / "beta"), "--json")

        assert 0 == code
        assert True is json.loads(out)["ok"]

    def test_errors_exit_1_json(self) -> None:
        """Errors exit 1; --json prints ok false and every problem."""
        code, out, _ = run("pack", "check", str(FIXTURES / "syntax"), "--json", "--lang", "en")

        assert 1 == code
        data = json.loads(out)
        assert False is data["ok"]
        assert [
            {
                "severity": "error",
                "code": "not-utf8",
                "location": "content/statements.toml",
                "message": "the text is not UTF-8 (byte 113)",
            },
            {
                "severity": "error",
                "code": "syntax-error",
                "location": "content/cards.toml",
                "message": "syntax error: the text is never closed with a quote on its line "
                "(line 2, column 19)",
            },
        ] == data["problems"]

    def test_errors_text(self) -> None:
        """The text output has one line per problem and a count."""
        code, out, _ = run("pack", "check", str(FIXTURES / "mismatch"))

        assert 1 == code
        lines = out.strip().splitlines()
        assert lines[0].startswith("fel      pyproject.toml:project.entry-points.innovationsresan:")
        assert "Paketet mismatch: 2 fel och 0 varningar." == lines[-1]

    def test_summary_counts_in_singular(self, tmp_path: Path) -> None:
        """One error and one warning are counted in the singular, in both languages."""
        shutil.copytree(FIXTURES / "beta", tmp_path / "beta")
        (tmp_path / "beta" / "src" / "innovationsresan_beta" / "content" / "links.toml").write_text(
            "links = 5\n", "utf-8"
        )

        _, out_en, _ = run("pack", "check", str(tmp_path / "beta"), "--lang", "en")
        _, out_sv, _ = run("pack", "check", str(tmp_path / "beta"))

        assert "Pack beta: 1 error and 1 warning." == out_en.splitlines()[-1]
        assert "Paketet beta: 1 fel och 1 varning." == out_sv.splitlines()[-1]

    def test_not_a_pack_exit_2(self, tmp_path: Path) -> None:
        """A PATH that is no pack at all exits 2."""
        code, out, err = run("pack", "check", str(tmp_path / "nothing"))

        assert 2 == code
        assert "" == out
        assert "ingen paketmapp" in err

    def test_installed_pack_id_exit_2(
        self, site: FakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The id of an installed pack is no PATH: exit 2, nothing checked, nothing imported."""
        site.install("exploding")
        monkeypatch.chdir(tmp_path)

        code, out, err = run("pack", "check", "exploding", "--lang", "en")

        assert (2, "") == (code, out)
        assert "exploding is not a pack folder" in err
        assert "innovationsresan_exploding" not in sys.modules

    def test_pack_without_command(self) -> None:
        """``pack`` alone shows its commands and exits 2."""
        code, _, err = run("pack")

        assert 2 == code
        assert "check" in err


class TestPackNew:
    def test_install_hint_is_a_path(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """The pip hint names a bare folder as ./folder, so pip does not look it up in the index."""
        monkeypatch.chdir(tmp_path)

        _, out, _ = run("pack", "new", "Z", "-o", "innovationsresan-z")
        assert "  python -m pip install ./innovationsresan-z\n" in out

        _, out, _ = run("pack", "new", "Y", "-o", f"{tmp_path}/y")
        assert f"  python -m pip install {tmp_path}/y\n" in out

    def test_writes_and_checks(self, tmp_path: Path) -> None:
        """pack new writes a skeleton that pack check accepts (exit 0)."""
        target = tmp_path / "lulea"

        code, out, _ = run("pack", "new", "Luleå kommun", "-o", str(target))

        assert 0 == code
        assert "innovationsresan-lulea" in out
        assert (target / "src" / "innovationsresan_lulea" / "content" / "pack.toml").is_file()
        assert 0 == run("pack", "check", str(target))[0]

    def test_json(self, tmp_path: Path) -> None:
        """--json names the pack, distribution, folder and files."""
        code, out, _ = run("pack", "new", "lulea", "-o", str(tmp_path / "p"), "--json")

        assert 0 == code
        data = json.loads(out)
        assert ("lulea", "innovationsresan-lulea") == (data["pack"], data["distribution"])
        assert "pyproject.toml" in data["files"]

    def test_refuses_non_empty_exit_2(self, tmp_path: Path) -> None:
        """A folder with content is refused with exit 2, and nothing is written."""
        (tmp_path / "keep").write_text("x", "utf-8")

        code, _, err = run("pack", "new", "lulea", "-o", str(tmp_path), "--lang", "en")

        assert 2 == code
        assert "not an empty folder" in err
        assert ["keep"] == [p.name for p in tmp_path.iterdir()]

    def test_output_required(self) -> None:
        """-o is required."""
        code, _, err = run("pack", "new", "lulea")

        assert 2 == code
        assert "-o" in err
