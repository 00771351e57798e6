"""Tests for the ``recommend`` command."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest

from innovationsresan.catalog import Catalog
from innovationsresan.cli import main
from innovationsresan.cli._common import Context
from innovationsresan.files.responses import read_responses
from innovationsresan.recommendation import recommend
from innovationsresan.scoring import score

KIRUNA = (
    Path(__file__).parent.parent / "contentpacks" / "kiruna" / "src" / "innovationsresan_kiruna"
)


@pytest.fixture(scope="module")
def kiruna() -> Catalog:
    """The Kiruna deck of this repository (read from its folder, installed or not)."""
    from innovationsresan.packs.datapack import DataPack
    from innovationsresan.packs.loader import load_catalog

    return load_catalog(packs=[], entry_points=False, plugins=[DataPack(KIRUNA)])


def response(name: str, current: dict[str, int], desired: dict[str, int]) -> str:
    lines = ['schema = "innovationsresan.response/1"', f'respondent = "{name}"', "scale = 5"]
    lines.append("[current.organisation]")
    lines.extend(f"{p} = {r}" for p, r in current.items())
    lines.append("[desired.organisation]")
    lines.extend(f"{p} = {r}" for p, r in desired.items())
    return "\n".join(lines) + "\n"


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """Two people who want to try more and learn more from failure."""
    folder = tmp_path / "team"
    folder.mkdir()
    wants = {"experimenting": 5, "learning-from-failure": 4}
    (folder / "r1.toml").write_text(
        response("r1", {"experimenting": 2, "learning-from-failure": 2}, wants), encoding="utf-8"
    )
    (folder / "r2.toml").write_text(
        response("r2", {"experimenting": 1, "learning-from-failure": 3}, wants), encoding="utf-8"
    )
    return folder


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A team that already stands where it wants to be."""
    path = tmp_path / "content.toml"
    path.write_text(response("r1", {"curiosity": 4}, {"curiosity": 4}), encoding="utf-8")
    return path


def run(argv: list[str], catalog: Catalog) -> tuple[int, str, str]:
    ctx = Context(out=StringIO(), err=StringIO())
    ctx.use_catalog(catalog)
    code = main(argv, context=ctx)
    return code, ctx.out.getvalue(), ctx.err.getvalue()  # type: ignore[attr-defined]


class TestRecommendCommand:
    def test_text_a_group_can_decide_from(self, kiruna: Catalog, team: Path) -> None:
        """Each suggestion shows title, id, summary, time, group size and why."""
        code, out, err = run(["recommend", str(team)], kiruna)
        assert (0, "") == (code, err)
        assert "Störst glapp: Testa (0,88), Acceptera och lära av misslyckanden (0,38)." in out
        assert "1. Enkel prototyp  [kiruna:simple-prototype]" in out
        assert "2. Genomgång utan skuld  [kiruna:blameless-review]" in out
        assert "Tid: 60 min · Gruppstorlek: 1–6 personer" in out
        assert (
            "Varför: stärker Acceptera och lära av misslyckanden (prioritet 0,38), "
            "Testa (prioritet 0,88)"
        ) in out
        cards = "--cards kiruna:simple-prototype kiruna:blameless-review"
        assert f"plan new -o plan.toml {cards}" in out

    def test_english(self, kiruna: Catalog, team: Path) -> None:
        """--lang en gives the texts and card titles in English."""
        code, out, _ = run(["recommend", str(team), "--lang", "en"], kiruna)
        assert 0 == code
        assert "1. Simple prototype  [kiruna:simple-prototype]" in out
        assert "Why: strengthens Accepting and learning from failure (priority 0.38)" in out

    def test_json_matches_the_library(self, kiruna: Catalog, team: Path) -> None:
        """--json prints {"cards": [...]} in the order the library chooses, nothing else."""
        code, out, err = run(["recommend", str(team), "--json", "-k", "4"], kiruna)
        assert (0, "") == (code, err)
        data = json.loads(out)
        expected = recommend(score(read_responses(team), kiruna), kiruna, 4, lang="sv")
        assert [s.id for s in expected] == [c["id"] for c in data["cards"]]
        assert [s.gain for s in expected] == [c["gain"] for c in data["cards"]]
        serves = data["cards"][0]["serves"]
        assert {"learning-from-failure": 0.375, "experimenting": 0.875} == serves

    def test_k(self, kiruna: Catalog, team: Path) -> None:
        """-k limits the number of cards."""
        _, out, _ = run(["recommend", str(team), "--json", "-k", "1"], kiruna)
        assert 1 == len(json.loads(out)["cards"])

    def test_filters(self, kiruna: Catalog, team: Path) -> None:
        """--max-minutes, --group-size and --exclude are honoured."""
        argv = ["recommend", str(team), "--json", "-k", "5", "--max-minutes", "15"]
        _, out, _ = run([*argv, "--group-size", "9", "--exclude", "kiruna:crazy-8"], kiruna)
        cards = json.loads(out)["cards"]
        assert cards
        for c in cards:
            assert c["minutes"] <= 15
            assert c["group_size"][0] <= 9 <= c["group_size"][1]
            assert "kiruna:crazy-8" != c["id"]

    def test_unknown_exclude_exits_2(self, kiruna: Catalog, team: Path) -> None:
        """An unknown card to exclude is unusable input: exit 2 naming it."""
        code, out, err = run(["recommend", str(team), "--exclude", "nope"], kiruna)
        assert (2, "") == (code, out)
        assert "unknown-card" in err
        assert "'nope'" in err

    def test_nothing_to_improve(self, kiruna: Catalog, content: Path) -> None:
        """When every priority is 0 the command says so and exits 0."""
        code, out, _ = run(["recommend", str(content)], kiruna)
        assert 0 == code
        assert "Teamet står redan där det vill vara" in out
        code, out, _ = run(["recommend", str(content), "--json"], kiruna)
        assert (0, {"cards": []}) == (code, json.loads(out))

    def test_no_card_passes_the_filters(self, kiruna: Catalog, team: Path) -> None:
        """Filters that leave nothing say so."""
        code, out, _ = run(["recommend", str(team), "--max-minutes", "1"], kiruna)
        assert 0 == code
        assert "Inget kort passar filtren" in out

    def test_unreadable_responses_exit_2(self, kiruna: Catalog, tmp_path: Path) -> None:
        """A collection that cannot be read exits 2 without a traceback."""
        code, _, err = run(["recommend", str(tmp_path / "missing.toml")], kiruna)
        assert 2 == code
        assert "Traceback" not in err

    @pytest.mark.parametrize("k", ["0", "-1", "x"])
    def test_bad_k_is_usage_error(self, kiruna: Catalog, team: Path, k: str) -> None:
        """-k must be a whole number of at least 1."""
        code, _, err = run(["recommend", str(team), "-k", k], kiruna)
        assert 2 == code
        assert "-k" in err


def swedish_only_deck() -> Catalog:
    """A deck whose one card has a title in Swedish only (English is optional in packs)."""
    from innovationsresan.catalog import PackContent
    from innovationsresan.model import Card, LocalizedText, PackInfo

    card = Card(
        id="fika",
        pack="lokal",
        title=LocalizedText.of("Fika med grannenheten"),
        summary=LocalizedText.of("Prata om hur ni arbetar."),
        principles=(("experimenting", 1.0),),
    )
    info = PackInfo(id="lokal", name=LocalizedText.of("Lokal"), languages=("sv",))
    return Catalog.build([PackContent(info=info, cards=(card,))])


class TestRecommendLanguage:
    def test_lang_is_not_a_filter(self, team: Path) -> None:
        """--lang chooses the language of the output only: a card without English is suggested."""
        deck = swedish_only_deck()
        _, sv, _ = run(["recommend", str(team), "--json"], deck)
        code, en, err = run(["recommend", str(team), "--json", "--lang", "en"], deck)
        assert (0, "") == (code, err)
        assert ["lokal:fika"] == [c["id"] for c in json.loads(en)["cards"]]
        assert json.loads(sv) == json.loads(en)

    def test_json_says_on_stderr_when_nothing_to_improve(
        self, kiruna: Catalog, content: Path
    ) -> None:
        """With --json and every priority 0, stdout holds no cards and stderr says why."""
        code, out, err = run(["recommend", str(content), "--json", "--lang", "en"], kiruna)
        assert (0, {"cards": []}) == (code, json.loads(out))
        assert "The team already stands where it wants to be" in err


class TestNothingAnswered:
    def test_all_na_is_not_already_there(self, kiruna: Catalog, tmp_path: Path) -> None:
        """Answers that are all n/a say that nothing is known, not that the team is there."""
        path = tmp_path / "na.toml"
        path.write_text(
            'schema = "innovationsresan.response/1"\n'
            '[current.organisation]\ncuriosity = "N/A"\n'
            '[desired.organisation]\ncuriosity = "n/a"\n',
            encoding="utf-8",
        )
        code, out, _ = run(["recommend", str(path), "--lang", "en"], kiruna)
        assert 0 == code
        assert "every question is unanswered or n/a" in out
        assert "already stands" not in out
