"""Tests for the ``followup`` and ``journey`` commands, run in-process."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest

from innovationsresan.catalog import Catalog
from innovationsresan.cli import main
from innovationsresan.cli._common import Context
from innovationsresan.hookspecs import hookimpl
from innovationsresan.ladder import PRINCIPLE_IDS
from innovationsresan.packs.datapack import DataPack
from innovationsresan.packs.loader import load_catalog
from tests.fakesite import FIXTURES


def run(*argv: str | Path, catalog: Catalog | None = None) -> tuple[int, str, str]:
    """Run the command line on *catalog* (default empty); exit code, stdout, stderr."""
    ctx = Context(out=StringIO(), err=StringIO())
    ctx.use_catalog(catalog if catalog is not None else Catalog())
    code = main([str(a) for a in argv], context=ctx)
    assert isinstance(ctx.out, StringIO)
    assert isinstance(ctx.err, StringIO)
    return code, ctx.out.getvalue(), ctx.err.getvalue()


def flat(text: str) -> str:
    """*text* with every run of white space as one space (wrapped lines joined)."""
    return " ".join(text.split())


def response(path: Path, ratings: dict[str, tuple[int, int]], *, scale: int = 5) -> Path:
    """Write a response rating each principle ``(organisation, individual)``."""
    lines = ['schema = "innovationsresan.response/1"', f"scale = {scale}"]
    for index, q in enumerate(("organisation", "individual")):
        lines.append(f"[current.{q}]")
        lines.extend(f"{pid} = {pair[index]}" for pid, pair in ratings.items())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def before_after(tmp_path: Path) -> tuple[Path, Path]:
    """One respondent before and after: curiosity up, experimenting down, ownership steady."""
    before = response(
        tmp_path / "before.toml",
        {"curiosity": (2, 3), "experimenting": (4, 4), "ownership": (3, 3)},
    )
    after = response(
        tmp_path / "after.toml",
        {"curiosity": (4, 3), "experimenting": (2, 4), "ownership": (3, 3)},
    )
    return before, after


class TestFollowup:
    def test_text(self, before_after: tuple[Path, Path]) -> None:
        """Up, down and steady are listed with both perspectives, before → after and delta."""
        before, after = before_after
        code, out, err = run("followup", before, "--after", after)
        assert (0, "") == (code, err)
        expected = """\
Före: 1 svarande. Efter: 1 svarande.
En princip har rört sig när gruppens medelvärde ändrats med minst 0,10 (skala 0–1) från något av
perspektiven. Båda riktningarna hör till resan.

Uppåt
  Nyfikenhet
    Organisationen  0,25 → 0,75  (+0,50 ↑)
    Individen       0,50 → 0,50  (+0,00 →)

Nedåt
  Testa
    Organisationen  0,75 → 0,25  (-0,50 ↓)
    Individen       0,75 → 0,75  (+0,00 →)

Oförändrat
  Eget ansvar
    Organisationen  0,50 → 0,50  (+0,00 →)
    Individen       0,50 → 0,50  (+0,00 →)
"""
        assert out.startswith(expected)
        assert (
            "\nKan inte jämföras (svar saknas)\n"
            "  Osäkerhetstolerans, Samverkan, Problemförståelse, Vilja att lära nytt, Acceptera och"
            " lära av\n  misslyckanden, Lyssna in flera perspektiv\n\nPlacering\n"
        ) in out
        assert "– → –" not in out
        assert out.endswith(
            "Placering\n"
            "  Organisationen: Både och → Både och  →\n"
            "  Individen: Både och → Både och  →\n"
            "  Sammantaget: Både och → Både och  →\n"
        )

    def test_english(self, before_after: tuple[Path, Path]) -> None:
        """--lang en gives English headings and principle names."""
        before, after = before_after
        code, out, _ = run("followup", before, "--after", after, "--lang", "en")
        assert 0 == code
        assert "Moved up\n  Curiosity\n    The organisation  0.25 → 0.75  (+0.50 ↑)\n" in out
        assert "Moved down\n  Trying things out\n" in out
        assert "  The individual: Both → Both  →\n" in out

    def test_nothing_moved(self, before_after: tuple[Path, Path]) -> None:
        """With nothing moving, the sections say so rather than staying silent."""
        before, _ = before_after
        code, out, _ = run("followup", before, "--after", before)
        assert 0 == code
        assert "Uppåt\n  (ingen)\n\nNedåt\n  (ingen)\n" in out

    def test_json(self, before_after: tuple[Path, Path]) -> None:
        """--json prints the followup shape of DESIGN.md §10 and nothing else on stdout."""
        before, after = before_after
        code, out, err = run("followup", before, "--after", after, "--json")
        assert (0, "") == (code, err)
        data = json.loads(out)
        assert {"principles", "placement", "tau", "respondents", "warnings"} == set(data)
        assert [] == data["warnings"]
        assert list(PRINCIPLE_IDS) == [p["id"] for p in data["principles"]]
        curiosity = data["principles"][PRINCIPLE_IDS.index("curiosity")]
        assert {
            "id": "curiosity",
            "organisation": {"before": 0.25, "after": 0.75, "delta": 0.5, "direction": "up"},
            "individual": {"before": 0.5, "after": 0.5, "delta": 0.0, "direction": "steady"},
        } == curiosity
        assert {"before": None, "after": None, "delta": None, "direction": None} == (
            data["principles"][0]["organisation"]
        )
        assert {"organisation": "both", "individual": "both", "overall": "both"} == (
            data["placement"]["after"]
        )
        assert {"before": 1, "after": 1} == data["respondents"]

    def test_several_collections(self, before_after: tuple[Path, Path], tmp_path: Path) -> None:
        """BEFORE and AFTER may each be several files or folders."""
        before, after = before_after
        extra = response(tmp_path / "extra" / "x.toml", {"curiosity": (4, 4)})
        code, out, _ = run("followup", before, extra, "--after", after, extra.parent, "--json")
        assert 0 == code
        assert {"before": 2, "after": 2} == json.loads(out)["respondents"]

    def test_bad_input(self, before_after: tuple[Path, Path], tmp_path: Path) -> None:
        """An unreadable file exits 2 with its problem on stderr, no traceback, empty stdout."""
        before, _ = before_after
        bad = tmp_path / "bad.toml"
        bad.write_text('schema = "innovationsresan.response/1"\nscale = 1\n', encoding="utf-8")
        code, out, err = run("followup", before, "--after", bad, "--json")
        assert (2, "") == (code, out)
        assert f"{bad}:scale" in err
        assert "Traceback" not in err

    def test_after_is_required(self, before_after: tuple[Path, Path]) -> None:
        """Without --after the command line is a usage error."""
        before, _ = before_after
        code, _, err = run("followup", before)
        assert 2 == code
        assert "--after" in err


def write(path: Path, text: str) -> Path:
    """Write *text*, making the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


EVERY = dict.fromkeys(PRINCIPLE_IDS, (2, 2))
HIGH = dict.fromkeys(PRINCIPLE_IDS, (4, 4))

PLAN = """\
schema = "innovationsresan.plan/1"
title = "Vi testar mer"
created = {created}

[follow_up]
at = {at}T09:00:00+01:00

[[actions]]
what = "Pröva något nytt"
how = "Liten skala"
when = {created}
who = ["Anna"]
principles = ["experimenting"]
"""


@pytest.fixture
def journey(tmp_path: Path) -> Path:
    """Two rounds, up; a staffing factor between; plans in both."""
    root = tmp_path / "norr"
    write(
        root / "journey.toml",
        'schema = "innovationsresan.journey/1"\nteam = "Enhet Norr"\n\n'
        '[[factors]]\ndate = 2026-03-01\nkind = "staffing"\nnote = "Två slutade"\n\n'
        '[[factors]]\ndate = 2026-06-01\nkind = "politics"\nnote = "Ny budget"\n',
    )
    response(root / "2026-01-22" / "a.toml", EVERY)
    response(root / "2026-01-22" / "b.toml", EVERY)
    write(root / "2026-01-22" / "plan.toml", PLAN.format(created="2026-01-22", at="2026-04-14"))
    response(root / "2026-04-16" / "a.toml", HIGH, scale=5)
    write(root / "2026-04-16" / "plan.toml", PLAN.format(created="2026-04-16", at="2026-06-11"))
    return root


class TestJourney:
    def test_text(self, journey: Path) -> None:
        """The timeline shows rounds, moves, the factors in words and what became of the plans."""
        code, out, err = run("journey", journey, "--today", "2026-05-01")
        assert (0, "") == (code, err)
        assert out.startswith(
            "Innovationsresan för Enhet Norr\n2 omgångar, 2 externa faktorer (i dag 2026-05-01)\n"
        )
        assert (
            "== 2026-01-22 ==\n"
            "  2 svarande\n"
            "  Organisationen: 0,25 (Byråkrati med begränsad innovation)\n"
            "  Individen: 0,25 (Byråkrati med begränsad innovation)\n"
            "  Sammantaget: Byråkrati med begränsad innovation\n"
            '  Handlingsplan "Vi testar mer"\n'
            "    Uppföljning 2026-04-14 09:00: hölls i tid (omgången 2026-04-16)\n"
            "    Planens principer till nästa omgång: Testa ↑\n"
        ) in out
        assert (
            "Externa faktorer mellan 2026-01-22 och 2026-04-16:\n"
            "  2026-03-01  personalresurser: Två slutade\n"
        ) in out
        assert "== 2026-04-16 (jämfört med 2026-01-22) ==\n" in out
        assert "  ↑ Osäkerhetstolerans, Eget ansvar," in out
        assert "  ↓ inget\n" in out
        assert "    Uppföljning 2026-06-11 09:00: ligger framför (senast 2026-06-25)\n" in out
        assert "    Planens principer till nästa omgång: Testa (inte jämfört än)\n" in out
        assert (
            "Externa faktorer efter 2026-04-16:\n"
            "  2026-06-01  politiska prioriteringar: Ny budget\n"
        ) in out

    def test_position_near_a_limit_shows_its_side(self, tmp_path: Path) -> None:
        """A position that two decimals would round onto a limit gets three, as in score."""
        root = tmp_path / "syd"
        write(root / "journey.toml", 'schema = "innovationsresan.journey/1"\nteam = "Syd"\n')
        # position (8 · 0.4 + 0.375)/9 = 0.3972: below 0.4, which "0,40" would hide
        response(root / "2026-01-22" / "a.toml", dict.fromkeys(PRINCIPLE_IDS[:8], (3, 3)), scale=6)
        response(root / "2026-01-22" / "b.toml", {PRINCIPLE_IDS[8]: (4, 4)}, scale=9)

        out = run("journey", root, "--today", "2026-02-01")[1]

        assert "  Organisationen: 0,397 (Byråkrati med begränsad innovation)\n" in out

    @pytest.mark.parametrize(
        ("lang", "expected"),
        [
            ("sv", "hoppade över 1: old (mapp)."),
            ("en", "passed over 1: old (folder)."),
        ],
    )
    def test_passed_over_is_noted_on_stderr(self, journey: Path, lang: str, expected: str) -> None:
        """A subfolder in a round is named in a note on stderr; --json stdout stays JSON."""
        response(journey / "2026-01-22" / "old" / "c.toml", EVERY)
        code, out, err = run("journey", journey, "--lang", lang, "--json")
        assert 0 == code
        assert isinstance(json.loads(out), dict)
        assert err.startswith(f"{journey}/2026-01-22: 2 ")
        assert err.rstrip().endswith(expected)

    def test_overdue_follow_up(self, journey: Path) -> None:
        """Once today is more than 14 days past the last follow-up, it says none came."""
        code, out, _ = run("journey", journey, "--today", "2026-06-26", "--lang", "en")
        assert 0 == code
        assert (
            "Follow-up 2026-06-11 09:00: no new round yet, though the latest was 2026-06-25" in out
        )
        assert "  2026-03-01  staffing: Två slutade\n" in out

    def test_late_follow_up(self, journey: Path) -> None:
        """A round more than 14 days after the follow-up: not held on time, with both dates."""
        response(journey / "2026-09-10" / "a.toml", EVERY)
        code, out, _ = run("journey", journey, "--lang", "en")
        assert 0 == code
        assert (
            "Follow-up 2026-06-11 09:00: not held on time: the next round came on 2026-09-10, "
            "the latest was 2026-06-25"
        ) in flat(out)
        assert "The plan's principles by the next round: Trying things out ↓" in out

    def test_problems_per_round(self, journey: Path) -> None:
        """A broken round shows its problem with the file; the other rounds still show; exit 0."""
        bad = write(journey / "2026-04-16" / "b.toml", "[")
        (journey / "misc").mkdir()
        code, out, err = run("journey", journey)
        assert (0, "") == (code, err)
        assert "== 2026-04-16 ==\n  Svaren kunde inte läsas.\n" in out
        assert "  Problem i omgången:\n    fel      " in out
        assert f"{bad}: syntaxfel" in out
        assert f"Problem med resemappen:\n  varning  {journey}/misc: mappen är ingen omgång" in out
        assert "== 2026-01-22 ==\n  2 svarande\n" in out

    def test_targets_name_the_round_when_the_next_cannot_be_read(self, journey: Path) -> None:
        """When the next round is unreadable, the targets name the later round they compare with."""
        write(journey / "2026-04-16" / "b.toml", "[")
        response(journey / "2026-09-10" / "a.toml", HIGH, scale=5)
        code, out, _ = run("journey", journey, "--lang", "en")
        assert 0 == code
        assert "The plan's principles by the round of 2026-09-10: Trying things out ↑" in out
        assert "held on time (the round of 2026-04-16)" in out

    def test_json(self, journey: Path) -> None:
        """--json prints the journey shape of DESIGN.md §10."""
        code, out, err = run("journey", journey, "--json", "--today", "2026-05-01")
        assert (0, "") == (code, err)
        data = json.loads(out)
        assert "Enhet Norr" == data["team"]
        assert [
            {"date": "2026-03-01", "kind": "staffing", "note": "Två slutade"},
            {"date": "2026-06-01", "kind": "politics", "note": "Ny budget"},
        ] == data["factors"]
        first, second = data["rounds"]
        assert {"up": [], "down": []} == first["moves"]
        assert {"up": list(PRINCIPLE_IDS), "down": []} == second["moves"]
        assert {
            "title": "Vi testar mer",
            "follow_up": "2026-06-11T09:00:00+01:00",
            "followed_up": None,
            "targets": {"experimenting": None},
            "next_round": None,
        } == second["plan"]
        assert "2026-05-01" == data["today"]

    def test_not_a_folder(self, tmp_path: Path) -> None:
        """A path that is not a journey folder exits 2 with the problem on stderr."""
        code, out, err = run("journey", tmp_path / "nowhere")
        assert (2, "") == (code, out)
        assert "not-a-folder" in err

    def test_nothing_usable(self, tmp_path: Path) -> None:
        """An empty folder exits 2, saying it holds no round."""
        code, _, err = run("journey", tmp_path, "--lang", "en")
        assert 2 == code
        assert f"Nothing in {tmp_path} can be used as a journey." in err
        assert "no-rounds" in err

    def test_bad_today(self, journey: Path) -> None:
        """--today must be a date."""
        code, _, _ = run("journey", journey, "--today", "soon")
        assert 2 == code

    def test_bundled_example(self) -> None:
        """The example journey shipped in the package runs, with the Kiruna pack's cards."""
        from importlib.resources import as_file, files

        ctx = Context(out=StringIO(), err=StringIO())
        with as_file(files("innovationsresan.examples") / "journey") as folder:
            code = main(["journey", str(folder), "--today", "2027-01-15"], context=ctx)
        assert isinstance(ctx.out, StringIO)
        out = ctx.out.getvalue()
        assert 0 == code
        assert "Innovationsresan för Medborgarservice, enhet Norr (påhittat exempel)" in out
        assert "Problem i omgången" not in out
        assert "Problem med resemappen" not in out


def test_help_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    """journey --help describes the command in the chosen language."""
    assert 0 == main(["journey", "--help", "--lang", "en"])
    out = capsys.readouterr().out
    assert "--today YYYY-MM-DD" in out
    assert "Shows a journey folder as a timeline" in out


class Gamma:
    """A pack in-process with two statements of its own."""

    @hookimpl
    def innovationsresan_pack_info(self) -> dict[str, object]:
        return {"id": "gamma", "name": {"sv": "Gamma", "en": "Gamma"}, "version": "2.0.0"}

    @hookimpl
    def innovationsresan_statements(self) -> list[dict[str, object]]:
        return [
            {
                "id": f"g-{n}",
                "level": "limited",
                "perspective": "organisation",
                "principle": "curiosity",
                "text": {"sv": f"Lapp {n}.", "en": f"Note {n}."},
            }
            for n in (1, 2)
        ]


def rated(path: Path, statements: dict[str, int]) -> Path:
    """A response that rates these statements and one ladder cell."""
    lines = [
        'schema = "innovationsresan.response/1"',
        "[current.organisation]",
        "curiosity = 3",
        "[statements]",
        *(f'"{sid}" = {rating}' for sid, rating in statements.items()),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class TestFollowupSameContent:
    @pytest.fixture
    def catalog(self) -> Catalog:
        alpha = FIXTURES / "alpha" / "src" / "innovationsresan_alpha"
        return load_catalog(entry_points=False, plugins=[DataPack(alpha), Gamma()])

    def test_same_statements_no_warning(self, catalog: Catalog, tmp_path: Path) -> None:
        """Rounds that rated the same statements of the same packs give no warning."""
        before = rated(tmp_path / "b.toml", {"alpha:lim-org-1": 2, "gamma:g-1": 3})
        after = rated(tmp_path / "a.toml", {"lim-org-1": 4, "gamma:g-1": 1})

        code, out, err = run("followup", before, "--after", after, "--json", catalog=catalog)

        assert (0, "", []) == (code, err, json.loads(out)["warnings"])

    def test_different_packs(self, catalog: Catalog, tmp_path: Path) -> None:
        """A round that rated another pack's statements is named, as a JSON key on stdout."""
        before = rated(tmp_path / "b.toml", {"alpha:lim-org-1": 2, "gamma:g-1": 3})
        after = rated(tmp_path / "a.toml", {"alpha:lim-org-1": 4})

        _, out, err = run("followup", before, "--after", after, "--json", catalog=catalog)

        (warning,) = json.loads(out)["warnings"]
        assert ("", "warning", "rounds-packs-differ") == (err, warning["severity"], warning["code"])
        assert "före: alpha, gamma; efter: alpha" in warning["message"]

    def test_different_statements(self, catalog: Catalog, tmp_path: Path) -> None:
        """Statements of a shared pack rated in only one round are counted, in the text too."""
        before = rated(tmp_path / "b.toml", {"gamma:g-1": 2})
        after = rated(tmp_path / "a.toml", {"gamma:g-2": 4})

        _, out, _ = run("followup", before, "--after", after, "--lang", "en", catalog=catalog)

        first = out.splitlines()[0]
        assert first.startswith("warning  statements: 1 statements were rated only before")
        assert "(e.g. gamma:g-1)" in first
        assert first.endswith("[rounds-statements-differ]")
