"""Tests for the browsing commands: principles, statements, cards, stories."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest

from innovationsresan.cli import main
from innovationsresan.cli._common import Context
from innovationsresan.hookspecs import hookimpl
from innovationsresan.ladder import PRINCIPLE_IDS
from innovationsresan.packs.datapack import DataPack
from innovationsresan.packs.loader import load_catalog
from tests.fakesite import FIXTURES

ALPHA = FIXTURES / "alpha" / "src" / "innovationsresan_alpha"
BETA = FIXTURES / "beta" / "src" / "innovationsresan_beta"


class Failing:
    """A pack whose metadata hook raises."""

    @hookimpl
    def innovationsresan_pack_info(self) -> dict[str, Any]:
        raise RuntimeError("no")


def run(
    *argv: str, plugins: tuple[object, ...] = (DataPack(ALPHA), DataPack(BETA))
) -> tuple[int, str, str]:
    ctx = Context(out=StringIO(), err=StringIO())
    ctx.use_catalog(load_catalog(entry_points=False, plugins=list(plugins)))
    code = main(list(argv), context=ctx)
    return code, ctx.out.getvalue(), ctx.err.getvalue()  # type: ignore[attr-defined]


def ids(out: str) -> list[str]:
    return [item["id"] for item in json.loads(out)]


class TestPrinciples:
    def test_json(self) -> None:
        """The nine principles in ladder order, with names and descriptions in both languages."""
        code, out, _ = run("principles", "--json")

        assert 0 == code
        data = json.loads(out)
        assert list(PRINCIPLE_IDS) == [p["id"] for p in data]
        assert {"id", "name", "description"} <= set(data[0])
        assert {"sv": "Osäkerhetstolerans", "en": "Tolerance of uncertainty"} == data[0]["name"]

    def test_text_language(self) -> None:
        """The text output is in the language asked for."""
        _, sv, _ = run("principles")
        _, en, _ = run("principles", "--lang", "en")

        assert sv.startswith("1. Osäkerhetstolerans  [uncertainty-tolerance]")
        assert en.startswith("1. Tolerance of uncertainty  [uncertainty-tolerance]")

    def test_pack_words_named(self) -> None:
        """A principle a pack describes shows the pack's words and names the pack; JSON adds the
        pack and every pack's own words, the keys of before kept."""
        packs = (Describing("north"), Describing("south"))
        _, text, _ = run("principles", "--lang", "en", plugins=packs)
        _, out, _ = run("principles", "--json", "--pack", "south", plugins=packs)

        first = json.loads(out)[5]
        assert "   north: curiosity\n   (Text: north)" in text
        assert {"id", "name", "description", "pack", "descriptions"} == set(first)
        assert ("curiosity", "south", {"sv": "south: curiosity"}) == (
            first["id"],
            first["pack"],
            first["description"],
        )
        assert ["north", "south"] == [d["pack"] for d in first["descriptions"]]
        assert None is json.loads(out)[0]["pack"]


class Describing:
    """A code pack describing the upper level and the principle curiosity in words naming it."""

    def __init__(self, pack_id: str) -> None:
        self.pack_id = pack_id

    @hookimpl
    def innovationsresan_pack_info(self) -> dict[str, Any]:
        return {"id": self.pack_id, "name": self.pack_id, "version": "1", "languages": ["sv"]}

    @hookimpl
    def innovationsresan_level_descriptions(self) -> list[dict[str, Any]]:
        return [{"level": "innovative", "description": f"{self.pack_id}: innovative"}]

    @hookimpl
    def innovationsresan_principle_descriptions(self) -> list[dict[str, Any]]:
        return [{"principle": "curiosity", "description": f"{self.pack_id}: curiosity"}]


class TestLevels:
    def test_json(self) -> None:
        """Both levels, lower first, with the texts shown and the pack of each (null: library)."""
        code, out, _ = run("levels", "--json", plugins=(Describing("north"),))

        data = json.loads(out)
        assert 0 == code
        assert [("limited", None), ("innovative", "north")] == [(d["id"], d["pack"]) for d in data]
        assert {"id", "name", "description", "pack", "descriptions"} == set(data[0])
        assert {"sv": "north: innovative"} == data[1]["description"]
        assert "Innovativ byråkrati" == data[1]["name"]["sv"]

    def test_text_names_the_source(self) -> None:
        """The text names the pack of each level's text, and the other packs that describe it."""
        code, out, _ = run("levels", "--lang", "en", plugins=(Describing("b"), Describing("a")))

        assert 0 == code
        assert [
            "Bureaucracy with limited innovation  [limited]",
            "Innovative bureaucracy  [innovative]",
        ] == [line for line in out.splitlines() if line and not line.startswith(" ")]
        assert "   (Text: the library)" in out
        assert "   a: innovative\n   (Text: a)\n   Also described by: b (choose with --pack)" in out

    def test_pack_option_chooses(self) -> None:
        """--pack shows that pack's text; it accepts the distribution's name too."""
        packs = (Describing("a"), Describing("b"))

        _, by_id, _ = run("levels", "--json", "--pack", "b", plugins=packs)
        _, by_name, _ = run("levels", "--json", "--pack", "innovationsresan-b", plugins=packs)

        assert "b" == json.loads(by_id)[1]["pack"] == json.loads(by_name)[1]["pack"]

    def test_pack_not_loaded(self) -> None:
        """--pack naming a pack that is not loaded is a usage error listing the loaded ones."""
        code, out, err = run("levels", "--pack", "c", "--lang", "en", plugins=(Describing("a"),))

        assert (2, "") == (code, out)
        assert "--pack: the pack 'c' is not loaded; loaded packs: a" in err

    def test_env_pack_not_loaded_noted(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """INNOVATIONSRESAN_PRIMARY_PACK naming a pack that is not loaded is a note on stderr."""
        monkeypatch.setenv("INNOVATIONSRESAN_PRIMARY_PACK", "c")

        code, _, err = run("levels", "--lang", "en", plugins=(Describing("a"),))

        assert 0 == code
        assert "Note: INNOVATIONSRESAN_PRIMARY_PACK: the pack 'c'" in err


class TestStatements:
    def test_json_shape(self) -> None:
        """Each statement has id (qualified), pack, level, perspective, principle and text."""
        code, out, _ = run("statements", "--json", "--principle", "curiosity")

        assert 0 == code
        assert [
            {
                "id": "alpha:lim-org-1",
                "pack": "alpha",
                "level": "limited",
                "perspective": "organisation",
                "principle": "curiosity",
                "text": {
                    "sv": "Frågor om varför besvaras med att det alltid varit så.",
                    "en": "Questions about why are answered with: it has always been so.",
                },
            }
        ] == json.loads(out)

    @pytest.mark.parametrize(
        ("option", "expected"),
        [
            (("--level", "innovative"), ["alpha:inn-ind-1"]),
            (("--perspective", "organisation"), ["alpha:lim-org-1"]),
            (("--principle", "ownership"), []),
        ],
    )
    def test_filters(self, option: tuple[str, str], expected: list[str]) -> None:
        """Level, perspective and principle filter the statements."""
        code, out, _ = run("statements", "--json", *option)

        assert (0, expected) == (code, ids(out))

    def test_text_grouped(self) -> None:
        """Text groups statements under principle, then level and perspective."""
        _, out, _ = run("statements", "--lang", "en")

        lines = out.splitlines()
        assert "Trying things out [experimenting]" in lines
        assert "  Innovative bureaucracy · The individual" in lines
        assert "2 statements." == lines[-1]

    def test_unknown_principle_exit_2(self) -> None:
        """An unknown principle is a usage error naming the known ones."""
        code, _, err = run("statements", "--principle", "speed", "--lang", "en")

        assert 2 == code
        assert "unknown principle 'speed'" in err
        assert "curiosity" in err

    def test_unknown_level_exit_2(self) -> None:
        """A level outside limited/innovative is a usage error."""
        assert 2 == run("statements", "--level", "both")[0]


class TestCards:
    def test_json_shape(self) -> None:
        """Cards carry merged weights and the packs that linked to them."""
        code, out, _ = run("cards", "--json")

        assert 0 == code
        data = {c["id"]: c for c in json.loads(out)}
        shared = data["alpha:shared"]
        assert {
            "id",
            "pack",
            "title",
            "summary",
            "minutes",
            "group_size",
            "phase",
            "principles",
            "linked_by",
        } <= set(shared)
        assert {"collaboration": 0.75, "problem-understanding": 0.5, "curiosity": 1.0} == shared[
            "principles"
        ]
        assert ["beta"] == shared["linked_by"]
        assert [2, 8] == shared["group_size"]
        assert (30, "understand") == (shared["minutes"], shared["phase"])

    def test_sorted_by_id(self) -> None:
        """Without a principle the cards come by qualified id."""
        _, out, _ = run("cards", "--json")

        assert ["alpha:broad", "alpha:shared", "beta:shared"] == ids(out)

    def test_sorted_by_weight(self) -> None:
        """For a principle the cards come strongest first, then by id."""
        _, out, _ = run("cards", "--json", "--principle", "collaboration")

        assert ["beta:shared", "alpha:shared", "alpha:broad"] == ids(out)

    def test_text(self) -> None:
        """The text shows title, id, facts, weights and who linked the card."""
        _, out, _ = run("cards", "--principle", "curiosity", "--lang", "en")

        assert "Shared card  [alpha:shared]" in out
        assert "   30 min · 2–8 people · phase: understand the problem" in out
        assert "   Linked by: beta" in out
        assert "Curiosity 1" in out

    def test_phase_name_in_swedish(self) -> None:
        """The phase is shown by its name in the chosen language, not by its id."""
        _, out, _ = run("cards", "--principle", "curiosity")

        assert "   30 min · 2–8 personer · fas: förstå problemet" in out

    def test_origin_in_json(self) -> None:
        """Each card says whether it is from the Innovationslek! deck or supplementary."""
        _, out, _ = run("cards", "--json")

        origins = {c["id"]: c["origin"] for c in json.loads(out)}

        assert {
            "alpha:broad": "supplementary",
            "alpha:shared": "innovationslek",
            "beta:shared": "supplementary",
        } == origins

    def test_origin_in_text(self) -> None:
        """The text names each card's origin beside its other facts."""
        _, out, _ = run("cards", "--lang", "en")

        assert "phase: understand the problem · from the Innovationslek! deck" in out
        assert "   supplementary method\n" in out

    def test_details(self) -> None:
        """--details shows the steps, materials and source; without it they stay out."""
        _, full, _ = run("cards", "--principle", "curiosity", "--lang", "en", "--details")
        _, short, _ = run("cards", "--principle", "curiosity", "--lang", "en")

        assert "   Steps:\n     1. Do this.\n     2. Then do that.\n" in full
        assert "   Materials: Notes\n" in full
        assert "   Source: Testerna\n" in full
        assert "Steps:" not in short

    def test_swedish_decimal_comma(self) -> None:
        """Swedish text writes weights with a decimal comma."""
        _, out, _ = run("cards", "--principle", "curiosity")

        assert "Problemförståelse 0,5" in out


class TestOtherLanguages:
    def test_content_in_a_third_language(self) -> None:
        """--lang fi shows a pack's Finnish texts; the headings stay Swedish."""
        metodbank = FIXTURES.parents[2] / "contentpacks" / "metodbank" / "src"
        pack = DataPack(metodbank / "innovationsresan_metodbank")
        code, out, err = run("cards", "--lang", "fi", plugins=(pack,))

        assert 0 == code
        assert "Empatiakartta  [metodbank:empathy-map]" in out
        assert "personer" in out
        assert "" == err

    def test_language_no_pack_has(self) -> None:
        """A language no loaded pack has texts in gets a note, and the texts in Swedish."""
        code, out, err = run("stories", "--lang", "se")

        assert 0 == code
        assert "Det lilla testet" in out
        assert "inget laddat paket har texter på 'se'" in err


class TestStories:
    def test_json_shape(self) -> None:
        """Stories carry id, pack, title and principles."""
        code, out, _ = run("stories", "--json")

        assert 0 == code
        story = json.loads(out)[0]
        assert ("alpha:small-test", "alpha") == (story["id"], story["pack"])
        assert {"sv": "Det lilla testet", "en": "The small test"} == story["title"]
        assert ["experimenting", "learning-from-failure"] == story["principles"]

    def test_question_in_json(self) -> None:
        """Stories carry the question they invite, in every language."""
        _, out, _ = run("stories", "--json")

        story = json.loads(out)[0]

        assert {"sv": "Vad kan vi pröva i en vecka?", "en": "What could we try for a week?"} == (
            story["question"]
        )

    def test_text(self) -> None:
        """Text shows the move between levels, the lesson and the question to ask yourselves."""
        _, out, _ = run("stories", "--lang", "en")

        assert "    Bureaucracy with limited innovation → Innovative bureaucracy" in out
        assert "    Lesson: Small tests give quick answers." in out
        assert "    Ask yourselves: What could we try for a week?" in out

    def test_down_and_back_up(self) -> None:
        """A story that begins and ends on the upper level says it went down and came back,
        with the level names the loaded packs use."""
        _, out, _ = run("stories", "--principle", "ownership", plugins=(DataPack(KIRUNA),))

        assert "    Innovativ byråkrati → en bit ner → tillbaka i Innovativ byråkrati\n" in out
        assert "Innovativ byråkrati → Innovativ byråkrati" not in out

    def test_path_in_json(self) -> None:
        """The JSON adds the move between the levels in words (from_level and to_level stay)."""
        _, out, _ = run("stories", "--json")

        story = json.loads(out)[0]
        assert ("limited", "innovative") == (story["from_level"], story["to_level"])
        assert (
            "Bureaucracy with limited innovation → Innovative bureaucracy" == (story["path"]["en"])
        )

    def test_grouped_by_principle(self) -> None:
        """Stories come under their principles in ladder order: in full under the first, named
        with their question under the others."""
        _, out, _ = run("stories", "--lang", "en")

        failure = out.index("Accepting and learning from failure [learning-from-failure]")
        trying = out.index("Trying things out [experimenting]")
        assert trying > failure
        assert out.index("A team tried a new routine") < trying
        assert "Told under Accepting and learning from failure above." in out[trying:]
        assert 2 == out.count("Ask yourselves: What could we try for a week?")

    def test_principle_filter(self) -> None:
        """--principle keeps the stories about that principle; others are left out."""
        _, shown, _ = run("stories", "--json", "--principle", "experimenting")
        _, none, _ = run("stories", "--json", "--principle", "ownership")
        _, text, _ = run("stories", "--principle", "ownership")

        assert (["alpha:small-test"], []) == (ids(shown), ids(none))
        assert "Inga berättelser." in text


KIRUNA = FIXTURES.parents[2] / "contentpacks" / "kiruna" / "src" / "innovationsresan_kiruna"


class TestSupport:
    def test_json_shape(self) -> None:
        """Support functions carry their qualified id, pack, name and description."""
        code, out, _ = run("support", "--json", plugins=(DataPack(KIRUNA),))

        assert 0 == code
        functions = {item["id"]: item for item in json.loads(out)}
        assert {
            "id": "kiruna:it",
            "pack": "kiruna",
            "name": {"sv": "IT", "en": "IT"},
        } == {k: v for k, v in functions["kiruna:it"].items() if k != "description"}
        assert {"sv", "en"} == set(functions["kiruna:finance"]["description"])
        assert sorted(functions) == list(functions)

    def test_text(self) -> None:
        """Text shows the name in the chosen language with the id to write in a plan."""
        _, out, _ = run("support", "--lang", "en", plugins=(DataPack(KIRUNA),))

        assert "Finance  [kiruna:finance]" in out
        assert out.rstrip().endswith("10 support functions.")

    def test_none_listed(self) -> None:
        """Without support functions the command says how to write support in words."""
        code, out, _ = run("support")

        assert 0 == code
        assert 'support = [{ need = "…", ask = "…" }]' in out


class TestFailedPacks:
    def test_note_on_stderr(self) -> None:
        """Browsing says on stderr which packs were left out; stdout stays JSON."""
        code, out, err = run("cards", "--json", plugins=(DataPack(ALPHA), Failing()))

        assert 0 == code
        assert ["alpha:broad", "alpha:shared"] == ids(out)
        assert "Failing" in err


class TestPrincipleByName:
    def test_swedish_name_is_accepted(self) -> None:
        """--principle takes the Swedish or English name as well as the id."""
        by_id = run("statements", "--json", "--principle", "curiosity")
        assert by_id == run("statements", "--json", "--principle", "nyfikenhet")
        assert by_id == run("statements", "--json", "--principle", "Curiosity")
