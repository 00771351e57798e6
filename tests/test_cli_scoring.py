"""Tests for the ``score`` and ``reflect`` commands, run in-process."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import attrs
import pytest

from innovationsresan.catalog import Catalog, PackContent
from innovationsresan.cli import main
from innovationsresan.cli._common import Context
from innovationsresan.files.responses import read_response, write_response
from innovationsresan.ladder import PRINCIPLE_IDS
from innovationsresan.model import (
    Level,
    LevelDescription,
    LocalizedText,
    PackInfo,
    Perspective,
    PrincipleDescription,
    Statement,
)
from innovationsresan.responses import NA, Response

#: A small catalogue: one statement under curiosity from the organisation's perspective.
CATALOG = Catalog.build(
    [
        PackContent(
            info=PackInfo(id="t", name=LocalizedText.of("Test"), version="2.1"),
            statements=(
                Statement(
                    id="asks-why",
                    pack="t",
                    level=Level.INNOVATIVE,
                    perspective=Perspective.ORGANISATION,
                    principle="curiosity",
                    text=LocalizedText.of("Vi frågar varför.", "We ask why."),
                ),
            ),
        )
    ]
)


def run(*argv: str | Path, stdin: str | None = None) -> tuple[int, str, str]:
    """Run the command line on the small catalogue; exit code, stdout, stderr."""
    ctx = Context(out=StringIO(), err=StringIO())
    ctx.use_catalog(CATALOG)
    saved = sys.stdin
    if stdin is not None:
        sys.stdin = StringIO(stdin)
    try:
        code = main([str(a) for a in argv], context=ctx)
    finally:
        sys.stdin = saved
    assert isinstance(ctx.out, StringIO)
    assert isinstance(ctx.err, StringIO)
    return code, ctx.out.getvalue(), ctx.err.getvalue()


def team(folder: Path, *ratings: tuple[int, int], desired: int | None = None) -> Path:
    """One response per (organisation, individual) pair, every principle rated the same."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, (org, ind) in enumerate(ratings):
        write_response(
            Response(
                respondent=f"r{i}",
                current={
                    "organisation": dict.fromkeys(PRINCIPLE_IDS, org),
                    "individual": dict.fromkeys(PRINCIPLE_IDS, ind),
                },
                desired={"organisation": {"experimenting": desired}} if desired else {},
            ),
            folder / f"r{i}.toml",
        )
    return folder


class TestScoreText:
    def test_table(self, tmp_path: Path) -> None:
        """The table names the principles in ladder order with both perspectives' figures."""
        folder = team(tmp_path / "t", (2, 4), (2, 4), (3, 5), desired=5)
        code, out, err = run("score", folder)
        assert (0, "") == (code, err)
        lines = out.splitlines()
        assert "Gruppens resultat: 3 svarande (innehållspaket: t 2.1)" == lines[0]
        rows = [line for line in lines if line.startswith(("Osäkerhetstolerans", "Testa"))]
        # organisation: (0.25 + 0.25 + 0.5)/3 = 0.33; sd = 0.1179; individual: 0.83, sd 0.1179
        assert "Osäkerhetstolerans 0,33 0,12 – – 0,83 0,12 – – –" == " ".join(rows[0].split())
        # experimenting: desired 1.0, gap 1 − 1/3 = +0.67, priority 0.67 (the only gap)
        assert "Testa 0,33 0,12 1,00 +0,67 0,83 0,12 – – 0,67" == " ".join(rows[1].split())
        order = [line.split("  ")[0] for line in lines if line.split("  ")[0] in NAMES_SV]
        assert NAMES_SV == order

    def test_placements_in_words(self, tmp_path: Path) -> None:
        """Positions and placements are given with the levels' names."""
        folder = team(tmp_path / "t", (2, 4), (2, 4), (3, 5))
        out = run("score", folder)[1]
        assert "  Organisationen   0,33  Byråkrati med begränsad innovation" in out
        assert "  Individen        0,83  Innovativ byråkrati" in out
        assert "  Sammantaget            Både och" in out

    def test_placements_in_the_packs_words(self, tmp_path: Path) -> None:
        """A level a pack names is given by that name; "Både och" stays the library's."""
        folder = team(tmp_path / "t", (2, 4), (2, 4), (3, 5))
        renamed = LevelDescription(
            Level.INNOVATIVE,
            "t",
            LocalizedText.of("Vi prövar nytt.", "We try new things."),
            name=LocalizedText.of("Utvecklingsfokus", "Focus on development"),
        )
        ctx = Context(out=StringIO(), err=StringIO())
        ctx.use_catalog(attrs.evolve(CATALOG, level_descriptions=(renamed,)))

        code = main(["score", str(folder)], context=ctx)

        out = ctx.out.getvalue()  # type: ignore[attr-defined]
        assert 0 == code
        assert "  Individen        0,83  Utvecklingsfokus" in out
        assert "  Organisationen   0,33  Byråkrati med begränsad innovation" in out
        assert "  Sammantaget            Både och" in out

    def test_principles_in_the_packs_words(self, tmp_path: Path) -> None:
        """A principle a pack names in a further language is named so with --lang fi; the
        headings stay Swedish."""
        folder = team(tmp_path / "t", (2, 4), (2, 4), (3, 5))
        named = PrincipleDescription(
            "curiosity",
            "t",
            LocalizedText({"sv": "Att fråga varför.", "fi": "Kysyä miksi."}),
            name=LocalizedText({"sv": "Nyfikenhet", "fi": "Uteliaisuus"}),
        )
        ctx = Context(out=StringIO(), err=StringIO())
        ctx.use_catalog(attrs.evolve(CATALOG, principle_descriptions=(named,)))

        code = main(["score", str(folder), "--lang", "fi"], context=ctx)

        out = ctx.out.getvalue()  # type: ignore[attr-defined]
        assert 0 == code
        assert "\nUteliaisuus " in out
        assert "\nTesta " in out
        assert "Gruppens resultat" in out

    def test_how_the_placement_was_reached(self, tmp_path: Path) -> None:
        """The text says how "both" was reached: here the perspectives stand on different levels."""
        folder = team(tmp_path / "t", (2, 4), (2, 4), (3, 5))
        out = run("score", folder, "--lang", "en")[1]
        tail = out[out.index("How the placement was reached:") :]
        assert "  The organisation stands at the limited level." in tail
        assert "  The individual stands at the innovative level." in tail
        assert (
            "  Overall: Traits of both levels at once: the organisation and the individual stand"
            in tail
        )

    def test_english(self, tmp_path: Path) -> None:
        """--lang en gives English names and a decimal point."""
        folder = team(tmp_path / "t", (2, 4), (2, 4), (3, 5))
        out = run("score", folder, "--lang", "en")[1]
        assert "Tolerance of uncertainty" in out
        assert "  The individual     0.83  Innovative bureaucracy" in out

    def test_low_consensus_is_marked(self, tmp_path: Path) -> None:
        """A split group gets a ! after the mean and the legend explains it."""
        folder = team(tmp_path / "t", (1, 3), (5, 3))
        out = run("score", folder)[1]
        row = next(line for line in out.splitlines() if line.startswith("Nyfikenhet"))
        assert "0,50!" == row.split()[1]
        assert "! = låg samstämmighet (konsensus under 0,60)" in out

    def test_agreeing_group_is_not_marked(self, tmp_path: Path) -> None:
        """No mark where the group agrees."""
        folder = team(tmp_path / "t", (3, 3), (3, 3), (4, 3))
        out = run("score", folder)[1]
        assert not any("!" in line for line in out.splitlines() if line.startswith("Nyfikenhet"))

    def test_few_respondents_warning(self, tmp_path: Path) -> None:
        """With fewer than three respondents the output says individual answers can be read."""
        out = run("score", team(tmp_path / "t", (2, 4), (3, 3)), "--lang", "en")[1]
        assert "fewer than three respondents" in out

    def test_no_warning_for_three(self, tmp_path: Path) -> None:
        """Three respondents give no such warning."""
        out = run("score", team(tmp_path / "t", (2, 4), (3, 3), (3, 3)))[1]
        assert "Färre än tre" not in out

    def test_fewer_answers_are_listed(self, tmp_path: Path) -> None:
        """Cells some respondents left unanswered are named with their count."""
        folder = team(tmp_path / "t", (2, 4), (3, 3), (3, 3))
        write_response(Response(current={"individual": {"curiosity": NA}}), folder / "r9.toml")
        out = " ".join(run("score", folder)[1].split())
        assert "Färre svar på: Osäkerhetstolerans (organisationen) 3/4;" in out
        assert "Nyfikenhet (individen) 3/4;" in out

    def test_cells_without_answers_are_not_listed(self, tmp_path: Path) -> None:
        """A cell nobody answered shows "–" and is left out of the fewer-answers note."""
        folder = tmp_path / "t"
        folder.mkdir()
        for i in range(3):
            write_response(
                Response(
                    respondent=f"r{i}",
                    current={"organisation": dict.fromkeys(PRINCIPLE_IDS, 3)},
                ),
                folder / f"r{i}.toml",
            )
        write_response(
            Response(respondent="r9", current={"individual": {"curiosity": 3}}),
            folder / "r9.toml",
        )
        out = " ".join(run("score", folder, "--lang", "en")[1].split())
        assert "Fewer answers on: Tolerance of uncertainty (the organisation) 3/4;" in out
        assert "Curiosity (the individual) 1/4" in out
        assert "0/4" not in out

    def test_bands(self, tmp_path: Path) -> None:
        """--bands moves the limits of the placement."""
        folder = team(tmp_path / "t", (2, 4), (2, 4), (3, 5))
        out = run("score", folder, "--bands", "0.2,0.9")[1]
        assert "  Organisationen   0,33  Både och" in out
        assert "under 0,20 begränsad innovation, över 0,90 innovativ" in out

    def test_position_near_a_limit_shows_its_side(self, tmp_path: Path) -> None:
        """A position that would round onto a limit is shown with three decimals."""
        folder = tmp_path / "t"
        folder.mkdir()
        # eight principles at 3 on a 6-point scale (0.4), one at 4 on a 9-point scale (0.375):
        # position (8 · 0.4 + 0.375)/9 = 0.3972, which two decimals would show as 0,40
        write_response(
            Response(scale=6, current={"organisation": dict.fromkeys(PRINCIPLE_IDS[:8], 3)}),
            folder / "a.toml",
        )
        write_response(
            Response(scale=9, current={"organisation": {PRINCIPLE_IDS[8]: 4}}), folder / "b.toml"
        )
        out = run("score", folder)[1]
        assert "  Organisationen  0,397  Byråkrati med begränsad innovation" in out


class TestScoreMachineOutput:
    def test_json_shape(self, tmp_path: Path) -> None:
        """--json prints the §10 shape with full precision and null for undefined figures."""
        folder = team(tmp_path / "t", (2, 4), (2, 4), (3, 5), desired=5)
        code, out, err = run("score", folder, "--json")
        assert (0, "") == (code, err)
        data = json.loads(out)
        assert {
            "respondents",
            "packs",
            "principles",
            "position",
            "placement",
            "bands",
            "explanation",
        } == set(data)
        assert 3 == data["respondents"]
        assert {"t": "2.1"} == data["packs"]
        assert PRINCIPLE_IDS == tuple(p["id"] for p in data["principles"])
        first = data["principles"][0]
        assert {"id", "organisation", "individual", "priority"} == set(first)
        stats = first["organisation"]
        assert ["n", "mean", "median", "min", "max", "sd", "consensus", "desired", "gap"] == list(
            stats
        )
        assert 1 / 3 == stats["mean"]
        assert stats["desired"] is None
        assert first["priority"] is None
        assert {"organisation": 1 / 3, "individual": 5 / 6} == data["position"]
        expected = {"organisation": "limited", "individual": "innovative", "overall": "both"}
        assert expected == data["placement"]
        reasons = {"organisation": [], "individual": [], "overall": ["perspectives-differ"]}
        assert reasons == data["explanation"]["reasons"]
        assert {"limited", "both", "innovative"} == set(
            data["explanation"]["principles"]["individual"]
        )

    def test_csv(self, tmp_path: Path) -> None:
        """--csv gives one row per principle and perspective, then the positions."""
        folder = team(tmp_path / "t", (2, 4), (2, 4), (3, 5), desired=5)
        code, out, _ = run("score", folder, "--csv", "--lang", "en")
        assert 0 == code
        rows = list(csv.DictReader(io.StringIO(out)))
        assert 18 + 3 == len(rows)
        first = rows[0]
        assert ("uncertainty-tolerance", "Tolerance of uncertainty", "organisation") == (
            first["principle"],
            first["name"],
            first["perspective"],
        )
        assert 1 / 3 == float(first["mean"])
        assert "" == first["desired"]
        experimenting = next(
            r
            for r in rows
            if (r["principle"], r["perspective"]) == ("experimenting", "organisation")
        )
        assert 1 - 1 / 3 == float(experimenting["gap"])
        positions = [(r["perspective"], r["mean"], r["placement"]) for r in rows[18:]]
        expected = [
            ("organisation", repr(1 / 3), "limited"),
            ("individual", repr(5 / 6), "innovative"),
            ("overall", "", "both"),
        ]
        assert expected == positions

    def test_csv_and_json_exclude_each_other(self, tmp_path: Path) -> None:
        """Asking for both --csv and --json is a usage error."""
        code, out, err = run("score", team(tmp_path / "t", (2, 4)), "--csv", "--json")
        assert (2, "") == (code, out)
        assert "--csv" in err


class TestScoreErrors:
    def test_bad_files(self, tmp_path: Path) -> None:
        """Unusable files exit 2 listing every problem, with no traceback."""
        folder = tmp_path / "t"
        folder.mkdir()
        (folder / "a.toml").write_text(
            'schema = "innovationsresan.response/1"\ncurent = 1\n', encoding="utf-8"
        )
        (folder / "b.toml").write_text(
            'schema = "innovationsresan.response/1"\n[current.organisation]\ncuriosity = 9\n',
            encoding="utf-8",
        )
        code, out, err = run("score", folder, "--lang", "en")
        assert (2, "") == (code, out)
        assert "a.toml:curent: unknown key 'curent'" in err
        assert (
            "b.toml:current.organisation.curiosity: the rating 9 is outside the scale 1..5" in err
        )
        assert "Traceback" not in err

    def test_unknown_statement(self, tmp_path: Path) -> None:
        """A statement the catalogue lacks exits 2 naming the file and the id."""
        write_response(Response(statements={"t:nope": 3}), tmp_path / "r.toml")
        code, _, err = run("score", tmp_path / "r.toml")
        assert 2 == code
        assert "r.toml:statements.t:nope" in err
        assert "[unknown-statement]" in err

    def test_missing_path(self, tmp_path: Path) -> None:
        """A path that is not there exits 2."""
        code, _, err = run("score", tmp_path / "nothing")
        assert 2 == code
        assert "[missing-file]" in err

    @pytest.mark.parametrize("bands", ["0.6,0.4", "0.5", "a,b", "0.1,1.5"])
    def test_bad_bands(self, tmp_path: Path, bands: str) -> None:
        """Band limits that are not 0 ≤ LO < HI ≤ 1 are a usage error."""
        code, _, err = run(
            "score", team(tmp_path / "t", (2, 4)), f"--bands={bands}", "--lang", "en"
        )
        assert 2 == code
        assert "LO,HI" in err


NAMES_SV = [
    "Osäkerhetstolerans",
    "Eget ansvar",
    "Samverkan",
    "Problemförståelse",
    "Vilja att lära nytt",
    "Nyfikenhet",
    "Acceptera och lära av misslyckanden",
    "Testa",
    "Lyssna in flera perspektiv",
]


def answers(
    org: str = "3", ind: str = "4", wish: str = "5", *, statements: bool = False
) -> Iterator[str]:
    """Answers for every question: per principle the organisation today and wanted, then the
    individual today and wanted (36 answers); with *statements* also the one statement, under
    curiosity after those four (37 in all)."""
    for p in PRINCIPLE_IDS:
        for q in ("organisation", "individual"):
            yield org if q == "organisation" else ind
            yield wish if p == "experimenting" else ""
        if statements and p == "curiosity":
            yield "n/a"


#: Enough answers "3" for every question, however many there are.
ENDLESS = "3\n" * 2000


class TestReflect:
    def test_happy_path(self, tmp_path: Path) -> None:
        """Every answer ends up in the file, skipped ones left out, n/a kept."""
        path = tmp_path / "me.toml"
        code, out, err = run(
            "reflect", "-o", path, "--respondent", "r01", "--today", "2026-12-03",
            stdin="\n".join(answers()) + "\n",
        )  # fmt: skip
        assert (0, "") == (code, err)
        expected = Response(
            respondent="r01",
            date=__import__("datetime").date(2026, 12, 3),
            scale=5,
            current={
                "organisation": dict.fromkeys(PRINCIPLE_IDS, 3),
                "individual": dict.fromkeys(PRINCIPLE_IDS, 4),
            },
            desired={q: {"experimenting": 5} for q in ("organisation", "individual")},
        )
        assert expected == read_response(path)
        assert "Princip 6 av 9: Nyfikenhet" in out
        assert "«Vi frågar varför.»" in out
        assert f"Tack! 20 svar sparade i {path}." in out

    def test_short_form_asks_36_questions(self, tmp_path: Path) -> None:
        """By default four questions per principle, 36 in all, each principle numbered, and the
        post-its of the principle shown before its questions, not rated."""
        path = tmp_path / "me.toml"
        code, out, _ = run("reflect", "-o", path, "--lang", "en", stdin="\n".join(answers()) + "\n")
        curiosity = out.index("Principle 6 of 9: Curiosity")
        assert 0 == code
        assert 36 == out.count("[1–5, n/a, empty = skip]")
        assert [f"Principle {n} of 9" for n in range(1, 10)] == [
            line.split(":")[0] for line in out.splitlines() if line.startswith("Principle ")
        ]
        assert 9 == out.count("  Where does the organisation stand?")
        assert 9 == out.count("  Where do you yourself stand?")
        assert (
            curiosity
            < out.index("  Innovative bureaucracy:", curiosity)
            < out.index("«We ask why.»")
            < out.index("  Where does the organisation stand?", curiosity)
        )
        assert "Does it fit?" not in out
        assert {} == dict(read_response(path).statements)

    def test_statements_option_rates_every_post_it(self, tmp_path: Path) -> None:
        """--statements also asks how well each post-it fits, after the principle's questions;
        the ratings are saved with the rest."""
        path = tmp_path / "me.toml"
        code, out, _ = run(
            "reflect", "-o", path, "--statements", "--lang", "en",
            stdin="\n".join(answers(statements=True)) + "\n",
        )  # fmt: skip
        assert 0 == code
        assert 37 == out.count("[1–5, n/a, empty = skip]")
        assert 1 == out.count("Does it fit?")
        assert {"t:asks-why": NA} == dict(read_response(path).statements)
        assert 3 == read_response(path).rating("current", "organisation", "curiosity")

    def test_pack_checked_before_any_question(self, tmp_path: Path) -> None:
        """--pack naming a pack that is not loaded exits 2 before the first question."""
        code, out, err = run("reflect", "-o", tmp_path / "me.toml", "--pack", "x", stdin="3\n")

        assert (2, "") == (code, out)
        assert "--pack: paketet 'x' är inte laddat; laddade paket: t" in err

    def test_no_post_its_said_so(self, tmp_path: Path) -> None:
        """A principle without post-its in the loaded packs says so instead of showing none."""
        path = tmp_path / "me.toml"
        _, out, _ = run("reflect", "-o", path, "--lang", "en", stdin="\n".join(answers()) + "\n")

        assert 8 == out.count("(The loaded packs have no post-it notes for this principle.)")

    def test_invalid_answers_are_asked_again(self, tmp_path: Path) -> None:
        """A wrong answer gets a message in the chosen language and the same question again."""
        path = tmp_path / "me.json"
        given = ["9", "three", "2", *list(answers(ind="1", wish="3"))[1:]]
        code, out, _ = run(
            "reflect", "-o", path, "--scale", "3", "--lang", "en", stdin="\n".join(given) + "\n"
        )
        assert 0 == code
        message = "Answer with a whole number from 1 to 3, n/a if the question does not apply"
        assert 2 == out.count(message)
        assert 2 == read_response(path).rating("current", "organisation", "uncertainty-tolerance")
        assert 3 == read_response(path).scale

    def test_end_of_input_leaves_no_file(self, tmp_path: Path) -> None:
        """Input that ends before the last question writes nothing and exits 2 (unusable input)."""
        path = tmp_path / "me.toml"
        code, _, err = run("reflect", "-o", path, stdin="3\n4\n")
        assert 2 == code
        assert "Svaren tog slut före sista frågan: ingen fil skrevs." in err
        assert [] == list(tmp_path.iterdir())

    def test_unwritable_output_is_refused_before_the_first_question(self, tmp_path: Path) -> None:
        """A file the system cannot write exits 2 naming it before any question is asked."""
        blocker = tmp_path / "blocker"
        blocker.write_text("", encoding="utf-8")
        path = blocker / "me.toml"
        code, out, err = run("reflect", "-o", path, "--lang", "en", stdin=ENDLESS)
        assert (2, "") == (code, out)
        assert f"{path} cannot be written: a file stands where a folder is needed.\n" == err

    def test_respondent_not_utf8_is_refused_before_the_first_question(self, tmp_path: Path) -> None:
        """A --respondent holding bytes that are not UTF-8 exits 2 before any question."""
        name = b"r\xff".decode("utf-8", "surrogateescape")
        code, out, err = run(
            "reflect", "-o", tmp_path / "me.toml", "--respondent", name, "--lang", "en",
            stdin=ENDLESS,
        )  # fmt: skip
        assert (2, "") == (code, out)
        assert "--respondent 'r\\udcff' is not valid UTF-8 text; type the text again.\n" == err
        assert [] == list(tmp_path.iterdir())

    def test_answers_are_saved_elsewhere_when_the_write_fails(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A write failing after the questions keeps the answers in a file whose path is shown."""
        import errno

        from innovationsresan.files import responses

        def full_disk(*_: object, **__: object) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        home = tmp_path / "home"
        home.mkdir()
        monkeypatch.setenv("HOME", str(home))
        monkeypatch.setattr(responses, "write_response", full_disk)
        path = tmp_path / "me.toml"
        code, _, err = run("reflect", "-o", path, "--lang", "en", stdin=ENDLESS)
        saved = list(home.iterdir())
        assert (2, 1, False) == (code, len(saved), path.exists())
        assert (
            f"{path} cannot be written: the disk is full. The answers are saved in {saved[0]}; "
            "move the file where it belongs.\n"
        ) == err
        assert 3 == read_response(saved[0]).rating("current", "organisation", "curiosity")

    def test_a_file_that_appears_meanwhile_is_kept(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A file made while the questions are asked is not overwritten; the answers are saved."""
        home = tmp_path / "home"
        home.mkdir()
        monkeypatch.setenv("HOME", str(home))
        path = tmp_path / "me.toml"

        class Meanwhile(StringIO):
            def readline(self, *_: object) -> str:  # type: ignore[override]
                path.write_text("someone else's", encoding="utf-8")
                return "3\n"

        monkeypatch.setattr(sys, "stdin", Meanwhile())
        ctx = Context(out=StringIO(), err=StringIO())
        ctx.use_catalog(CATALOG)
        code = main(["reflect", "-o", str(path), "--lang", "en"], context=ctx)
        saved = list(home.iterdir())
        assert (2, "someone else's", 1) == (code, path.read_text(encoding="utf-8"), len(saved))
        assert "already exists (the file appeared while the questions were asked)" in str(
            ctx.err.getvalue()  # type: ignore[attr-defined]
        )
        assert 3 == read_response(saved[0]).rating("current", "individual", "curiosity")

    def test_a_number_of_thousands_of_digits_is_asked_again(self, tmp_path: Path) -> None:
        """An answer of 5000 digits is out of range, asked again, never an internal error."""
        path = tmp_path / "me.toml"
        code, out, _ = run("reflect", "-o", path, "--lang", "en", stdin="9" * 5000 + "\n" + ENDLESS)
        assert 0 == code
        assert 1 == out.count("Answer with a whole number from 1 to 5")

    def test_ctrl_c_leaves_no_file(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Ctrl-C in the middle of the questions writes nothing."""
        path = tmp_path / "me.toml"
        given = iter(["3\n", "4\n", "2\n"])

        class Keyboard(StringIO):
            def readline(self, *_: object) -> str:  # type: ignore[override]
                try:
                    return next(given)
                except StopIteration:
                    raise KeyboardInterrupt from None

        monkeypatch.setattr(sys, "stdin", Keyboard())
        ctx = Context(out=StringIO(), err=StringIO())
        ctx.use_catalog(CATALOG)
        code = main(["reflect", "-o", str(path), "--lang", "en"], context=ctx)
        assert 130 == code
        assert "Cancelled: no file was written." in ctx.err.getvalue()  # type: ignore[attr-defined]
        assert [] == list(tmp_path.iterdir())

    def test_existing_file_is_kept(self, tmp_path: Path) -> None:
        """Without --force an existing file is neither asked about nor overwritten."""
        path = tmp_path / "me.toml"
        path.write_text("mine", encoding="utf-8")
        code, out, err = run("reflect", "-o", path, "--lang", "en", stdin="3\n")
        assert (2, "") == (code, out)
        assert "already exists" in err
        assert "mine" == path.read_text(encoding="utf-8")

    def test_force_overwrites(self, tmp_path: Path) -> None:
        """With --force the old file is replaced by the new response."""
        path = tmp_path / "me.toml"
        path.write_text("mine", encoding="utf-8")
        code, _, _ = run("reflect", "-o", path, "--force", stdin="\n".join(answers()) + "\n")
        assert 0 == code
        assert 3 == read_response(path).rating("current", "organisation", "curiosity")

    def test_suffix_must_be_known(self, tmp_path: Path) -> None:
        """Only .toml and .json files can be written."""
        code, _, err = run("reflect", "-o", tmp_path / "me.txt", stdin="")
        assert 2 == code
        assert ".toml" in err

    @pytest.mark.parametrize("scale", ["1", "12", "x"])
    def test_bad_scale(self, tmp_path: Path, scale: str) -> None:
        """The scale is a whole number 2–11."""
        code, _, _ = run("reflect", "-o", tmp_path / "me.toml", "--scale", scale, stdin="")
        assert 2 == code

    def test_respondent_too_long(self, tmp_path: Path) -> None:
        """A respondent name over 200 characters is refused before any question."""
        code, out, err = run(
            "reflect", "-o", tmp_path / "me.toml", "--respondent", "x" * 201, stdin=""
        )
        assert 2 == code
        assert "[too-long]" in err
        assert "" == out

    def test_json_mode(self, tmp_path: Path) -> None:
        """With --json the questions go to stderr and stdout holds only the response as JSON."""
        path = tmp_path / "me.toml"
        code, out, err = run("reflect", "-o", path, "--json", stdin="\n".join(answers()) + "\n")
        assert 0 == code
        data = json.loads(out)
        assert 3 == data["current"]["organisation"]["curiosity"]
        assert "Nyfikenhet" in err
