"""Tests for reading and checking a pack's content: files and hook data."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from innovationsresan.files import tomlwriter
from innovationsresan.files.documents import MAX_BYTES
from innovationsresan.model import (
    Card,
    Level,
    LevelDescription,
    Link,
    LocalizedText,
    Origin,
    PackInfo,
    Perspective,
    Phase,
    PrincipleDescription,
    Problem,
    Severity,
    Statement,
    Story,
)
from innovationsresan.packs.content import PackReader, read_pack_folder
from innovationsresan.packs.folders import is_folder
from tests import strategies
from tests.budget import capped
from tests.fakesite import FIXTURES

ALPHA = FIXTURES / "alpha" / "src" / "innovationsresan_alpha" / "content"
BROKEN = FIXTURES / "broken" / "content"
SYNTAX = FIXTURES / "syntax" / "content"

T = LocalizedText.of


def codes(problems: tuple[Problem, ...] | list[Problem]) -> list[tuple[str, str, str]]:
    return [(p.severity.value, p.code, p.location) for p in problems]


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A copy of the clean alpha pack's content folder, to spoil one file at a time."""
    folder = tmp_path / "content"
    shutil.copytree(ALPHA, folder)
    return folder


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, "utf-8")


class TestCleanPack:
    def test_reads_every_kind(self) -> None:
        """A clean pack gives its metadata and content as model values, without problems."""
        content, problems = read_pack_folder(ALPHA, distribution="innovationsresan-alpha")

        assert () == problems
        assert content is not None
        assert (
            PackInfo(
                id="alpha",
                name=T("Alfa", "Alpha"),
                version="1.2.0",
                municipality="Alfaby kommun",
                languages=("sv", "en"),
                license="CC0-1.0",
                homepage="https://example.org/alpha",
                about=T("Ett paket för tester.", "A pack for tests."),
                distribution="innovationsresan-alpha",
            )
            == content.info
        )
        assert (
            Statement(
                id="lim-org-1",
                pack="alpha",
                level=Level.LIMITED,
                perspective=Perspective.ORGANISATION,
                principle="curiosity",
                text=T(
                    "Frågor om varför besvaras med att det alltid varit så.",
                    "Questions about why are answered with: it has always been so.",
                ),
            )
            == content.statements[0]
        )
        assert (
            Card(
                id="shared",
                pack="alpha",
                title=T("Delat kort", "Shared card"),
                summary=T("Ett kort som båda testpaketen har.", "A card both test packs have."),
                principles=(("problem-understanding", 0.5), ("curiosity", 1.0)),
                steps=(T("Gör så här.", "Do this."), T("Gör sedan så.", "Then do that.")),
                minutes=30,
                group_size=(2, 8),
                materials=(T("Lappar", "Notes"),),
                phase=Phase.UNDERSTAND,
                source="Testerna",
                origin=Origin.INNOVATIONSLEK,
            )
            == content.cards[0]
        )
        assert (
            Story(
                id="small-test",
                pack="alpha",
                title=T("Det lilla testet", "The small test"),
                text=T(
                    "Ett lag provade en ny rutin i en vecka.",
                    "A team tried a new routine for a week.",
                ),
                principles=("experimenting", "learning-from-failure"),
                from_level=Level.LIMITED,
                to_level=Level.INNOVATIVE,
                lesson=T("Små test ger snabba svar.", "Small tests give quick answers."),
                question=T("Vad kan vi pröva i en vecka?", "What could we try for a week?"),
            )
            == content.stories[0]
        )
        assert (Link("alpha", "alpha:shared", "collaboration", 0.25),) == content.links

    def test_weights_in_ladder_order(self) -> None:
        """A card's weights are kept in ladder order, whatever order the file used."""
        content, _ = read_pack_folder(ALPHA)

        assert content is not None
        assert (
            "uncertainty-tolerance",
            "ownership",
            "collaboration",
            "willingness-to-learn",
        ) == tuple(p for p, _ in content.cards[1].principles)[:4]

    def test_prefix_names_the_files(self, pack: Path) -> None:
        """Locations start with the prefix given, then the file name."""
        write(pack, "cards.toml", '[[cards]]\nid = "x"\n')

        _, problems = read_pack_folder(pack, prefix="kiruna/")

        assert "kiruna/cards.toml:cards[0].title" in [p.location for p in problems]


class TestBrokenPack:
    def test_every_problem_with_its_location(self) -> None:
        """Every problem of the broken fixture is found in one pass, each at its key path."""
        content, problems = read_pack_folder(BROKEN, prefix="content/", expected_id="broken")

        assert content is None
        assert [
            ("error", "unknown-key", "content/pack.toml:colour"),
            ("error", "schema-mismatch", "content/statements.toml:schema"),
            ("error", "wrong-type", "content/stories.toml:stories"),
            ("warning", "unknown-file", "content/extra.toml"),
            ("error", "invalid-language", "content/pack.toml:pack.languages[2]"),
            ("warning", "missing-translation", "content/pack.toml:pack.name.en"),
            ("error", "wrong-type", "content/pack.toml:pack.version"),
            ("error", "invalid-value", "content/statements.toml:statements[0].level"),
            ("error", "unknown-principle", "content/statements.toml:statements[0].principle"),
            ("error", "invalid-value", "content/statements.toml:statements[1].perspective"),
            ("error", "missing-translation", "content/statements.toml:statements[1].text.sv"),
            ("error", "duplicate-id", "content/statements.toml:statements[1].id"),
            ("error", "invalid-id", "content/cards.toml:cards[0].id"),
            ("error", "wrong-type", "content/cards.toml:cards[0].minutes"),
            ("error", "invalid-group-size", "content/cards.toml:cards[0].group_size"),
            ("error", "invalid-value", "content/cards.toml:cards[0].phase"),
            ("error", "out-of-range", "content/cards.toml:cards[0].principles.curiosity"),
            ("error", "out-of-range", "content/cards.toml:cards[0].principles.experimenting"),
            ("error", "unknown-principle", "content/cards.toml:cards[0].principles.speed"),
            ("error", "unknown-key", "content/cards.toml:cards[1].tittle"),
            ("error", "empty-principles", "content/cards.toml:cards[1].principles"),
            ("error", "missing-key", "content/cards.toml:cards[1].title"),
            ("error", "wrong-type", "content/cards.toml:cards[2].steps"),
            ("error", "invalid-id", "content/links.toml:links[1].card"),
            ("error", "unknown-principle", "content/links.toml:links[1].principle"),
            ("error", "out-of-range", "content/links.toml:links[1].weight"),
            ("warning", "link-target-missing", "content/links.toml:links[0].card"),
        ] == codes(problems)

    def test_missing_own_card_named_qualified(self) -> None:
        """The warning for a link to a missing card of the pack itself shows the qualified id."""
        _, problems = read_pack_folder(BROKEN, expected_id="broken")

        (missing,) = [p for p in problems if p.code == "link-target-missing"]
        assert "the pack has no card 'broken:missing'" == missing.message.get("en")

    def test_messages_in_both_languages(self) -> None:
        """Every problem's message exists in Swedish and English."""
        _, problems = read_pack_folder(BROKEN)

        assert all({"sv", "en"} <= p.message.languages() for p in problems)

    def test_duplicate_names_the_first(self) -> None:
        """A duplicate id's message names where the id was first used."""
        _, problems = read_pack_folder(BROKEN, prefix="content/")
        duplicate = next(p for p in problems if p.code == "duplicate-id")

        assert "content/statements.toml:statements[0].id" in duplicate.message.get("en")

    def test_unknown_key_suggests(self) -> None:
        """An unknown key close to a field's name suggests the field."""
        _, problems = read_pack_folder(BROKEN)
        typo = next(p for p in problems if p.location.endswith("cards[1].tittle"))

        assert "did you mean 'title'?" in typo.message.get("en")


class TestFiles:
    def test_syntax_and_bytes(self) -> None:
        """A syntax error and bytes that are not UTF-8 are problems of their files."""
        content, problems = read_pack_folder(SYNTAX, prefix="content/")

        assert content is None
        assert [
            ("error", "not-utf8", "content/statements.toml"),
            ("error", "syntax-error", "content/cards.toml"),
        ] == codes(problems)

    def test_missing_pack_toml(self, pack: Path) -> None:
        """A content folder without pack.toml is an error naming the file."""
        (pack / "pack.toml").unlink()

        content, problems = read_pack_folder(pack)

        assert content is None
        assert [("error", "missing-file", "pack.toml")] == codes(problems)

    def test_pack_table_missing(self, pack: Path) -> None:
        """A pack.toml without its [pack] table is an error at that table."""
        write(pack, "pack.toml", 'schema = "innovationsresan.pack/1"\n')

        _, problems = read_pack_folder(pack)

        assert ("error", "missing-key", "pack.toml:pack") in codes(problems)

    def test_schema_required_in_pack_toml(self, pack: Path) -> None:
        """pack.toml must name its schema; the other files need not."""
        text = (pack / "pack.toml").read_text("utf-8")
        write(pack, "pack.toml", text.replace('schema = "innovationsresan.pack/1"\n', ""))

        _, problems = read_pack_folder(pack)

        assert [("error", "missing-key", "pack.toml:schema")] == codes(problems)

    def test_file_over_limit_is_not_parsed(self, pack: Path) -> None:
        """A file over 5 MB is refused with file-too-large, never parsed."""
        with (pack / "statements.toml").open("wb") as handle:
            handle.write(b"# " + b"x" * MAX_BYTES + b"\n[[[not toml")

        content, problems = read_pack_folder(pack)

        assert content is None
        assert [("error", "file-too-large", "statements.toml")] == codes(problems)

    def test_optional_files_may_be_missing(self, pack: Path) -> None:
        """Only pack.toml is required: a pack may hold statements alone."""
        for name in ("cards.toml", "stories.toml", "links.toml"):
            (pack / name).unlink()

        content, problems = read_pack_folder(pack)

        assert content is not None
        assert ((), (), 2) == (content.cards, problems, len(content.statements))


class TestPassedOver:
    """Nothing in a content folder is passed over without a word (``unknown-file``)."""

    def test_every_other_file_and_folder_is_named(self, pack: Path) -> None:
        """A README, a JSON copy of a file and a subfolder each get an unknown-file warning."""
        write(pack, "README.md", "# Om paketet\n")
        write(pack, "cards.json", "{}")
        (pack / "bilder").mkdir()

        content, problems = read_pack_folder(pack, prefix="content/")

        assert content is not None
        assert [
            ("warning", "unknown-file", "content/README.md"),
            ("warning", "unknown-file", "content/bilder"),
            ("warning", "unknown-file", "content/cards.json"),
        ] == codes(problems)

    def test_the_note_says_what_is_read(self, pack: Path) -> None:
        """The note says, in Swedish and English, that the entry is not read and what is."""
        write(pack, "notes.txt", "x")
        (pack / "old").mkdir()

        _, problems = read_pack_folder(pack)

        by_location = {p.location: p.message for p in problems}
        assert by_location["notes.txt"].get("sv").startswith("filen läses inte; ett paket läser")
        assert by_location["notes.txt"].get("en").startswith("the file is not read; a pack reads")
        assert "cards.toml" in by_location["notes.txt"].get("en")
        assert by_location["old"].get("sv").startswith("mappen läses inte")
        assert by_location["old"].get("en").startswith("the folder is not read")

    def test_hidden_and_python_entries_are_passed_over_silently(self, pack: Path) -> None:
        """Hidden names and Python's own __init__.py and __pycache__ give no note."""
        write(pack, ".DS_Store", "x")
        write(pack, "__init__.py", "")
        (pack / "__pycache__").mkdir()

        _, problems = read_pack_folder(pack)

        assert () == problems


class TestProblemsCapped:
    def test_a_file_keeps_its_first_100(self, pack: Path) -> None:
        """A card file of 150 broken cards keeps 100 problems and counts the rest in that file."""
        cards = "".join(
            f'[[cards]]\nid = "Bad {i}"\ntitle = "T"\nsummary = "S"\n'
            "principles = { curiosity = 1.0 }\n"
            for i in range(150)
        )
        write(pack, "cards.toml", cards)

        content, problems = read_pack_folder(pack, prefix="content/")

        assert content is None
        in_cards = [p for p in problems if p.location.startswith("content/cards.toml")]
        assert 101 == len(in_cards)
        more = in_cards[-1]
        assert ("error", "more-problems", "content/cards.toml") == codes([more])[0]
        assert more.message.get("en").startswith("and ")
        assert "more problems in the file (the first 100 are shown)" in more.message.get("en")

    def test_other_files_keep_their_own(self, pack: Path) -> None:
        """The cap is per file: another file's problems are all kept."""
        cards = "".join(
            f'[[cards]]\nid = "Bad {i}"\ntitle = "T"\nsummary = "S"\n'
            "principles = { curiosity = 1.0 }\n"
            for i in range(150)
        )
        write(pack, "cards.toml", cards)
        write(pack, "stories.toml", '[[stories]]\nid = "x"\n')

        _, problems = read_pack_folder(pack)

        assert any(p.location.startswith("stories.toml:") for p in problems)
        assert ["cards.toml"] == [p.location for p in problems if p.code == "more-problems"]


class TestRules:
    def test_id_mismatch(self, pack: Path) -> None:
        """The id in pack.toml must be the one the distribution gives."""
        content, problems = read_pack_folder(
            pack, expected_id="gamma", distribution="innovationsresan-gamma"
        )

        assert content is None
        assert [("error", "id-mismatch", "pack.toml:pack.id")] == codes(problems)
        assert "innovationsresan-gamma" in problems[0].message.get("en")

    def test_declared_language_missing(self, pack: Path) -> None:
        """A language declared in pack.toml but missing in a text is a warning only."""
        text = (pack / "pack.toml").read_text("utf-8")
        write(pack, "pack.toml", text.replace('["sv", "en"]', '["sv", "en", "se"]'))

        content, problems = read_pack_folder(pack)

        assert content is not None
        assert {Severity.WARNING} == {p.severity for p in problems}
        assert {"missing-translation"} == {p.code for p in problems}
        assert "pack.toml:pack.name.se" in [p.location for p in problems]

    def test_english_not_declared(self, pack: Path) -> None:
        """A pack declaring Swedish alone is not warned about English."""
        text = (pack / "pack.toml").read_text("utf-8")
        write(pack, "pack.toml", text.replace('["sv", "en"]', '["sv"]'))
        write(pack, "statements.toml", (pack / "statements.toml").read_text("utf-8"))
        write(
            pack,
            "stories.toml",
            '[[stories]]\nid = "s"\ntitle = "Bara svenska"\ntext = "Text"\n'
            'principles = ["curiosity"]\n',
        )

        content, problems = read_pack_folder(pack)

        assert content is not None
        assert () == problems
        assert T("Bara svenska") == content.stories[0].title

    def test_principle_without_cards(self, pack: Path) -> None:
        """A pack with cards is warned once about the principles none of them strengthens."""
        write(
            pack,
            "cards.toml",
            '[[cards]]\nid = "one"\ntitle = { sv = "Ett", en = "One" }\n'
            'summary = { sv = "S", en = "S" }\nprinciples = { curiosity = 1 }\n',
        )
        (pack / "links.toml").unlink()

        content, problems = read_pack_folder(pack)

        assert content is not None
        assert [("warning", "principle-without-cards", "cards.toml:cards")] == codes(problems)
        assert "ownership" in problems[0].message.get("en")
        assert "curiosity" not in problems[0].message.get("en")

    def test_links_count_as_cover(self, pack: Path) -> None:
        """A principle strengthened through one of the pack's links counts as covered."""
        write(
            pack,
            "cards.toml",
            '[[cards]]\nid = "one"\ntitle = { sv = "Ett", en = "One" }\n'
            'summary = { sv = "S", en = "S" }\nprinciples = { curiosity = 1 }\n',
        )
        links = "".join(
            f'[[links]]\ncard = "other:x"\nprinciple = "{p}"\nweight = 1\n'
            for p in (
                "uncertainty-tolerance",
                "ownership",
                "collaboration",
                "problem-understanding",
                "willingness-to-learn",
                "learning-from-failure",
                "experimenting",
                "multiple-perspectives",
            )
        )
        write(pack, "links.toml", links)

        _, problems = read_pack_folder(pack)

        assert () == problems

    def test_no_cards_no_warning(self, pack: Path) -> None:
        """A pack without cards of its own is not warned about uncovered principles."""
        (pack / "cards.toml").unlink()
        (pack / "links.toml").unlink()

        _, problems = read_pack_folder(pack)

        assert () == problems

    def test_group_size_shape(self, pack: Path) -> None:
        """A group size must be two integers of at least 1."""
        write(
            pack,
            "cards.toml",
            '[[cards]]\nid = "a"\ntitle = "A"\nsummary = "S"\nprinciples = { curiosity = 1 }\n'
            "group_size = [3]\n"
            '[[cards]]\nid = "b"\ntitle = "B"\nsummary = "S"\nprinciples = { curiosity = 1 }\n'
            "group_size = [0, 2]\n",
        )

        _, problems = read_pack_folder(pack)

        assert [
            ("error", "invalid-group-size", "cards.toml:cards[0].group_size"),
            ("error", "out-of-range", "cards.toml:cards[1].group_size[0]"),
        ] == [c for c in codes(problems) if c[0] == "error"]

    def test_story_needs_a_principle(self, pack: Path) -> None:
        """A story must show at least one principle."""
        write(
            pack,
            "stories.toml",
            '[[stories]]\nid = "s"\ntitle = "T"\ntext = "X"\nprinciples = []\n',
        )

        _, problems = read_pack_folder(pack)

        assert [("error", "empty-principles", "stories.toml:stories[0].principles")] == [
            c for c in codes(problems) if c[0] == "error"
        ]

    def test_origin_defaults_to_supplementary(self) -> None:
        """A card that does not say where it comes from counts as supplementary."""
        content, _ = read_pack_folder(ALPHA)

        assert content is not None
        assert Origin.SUPPLEMENTARY == content.cards[1].origin

    def test_unknown_origin(self, pack: Path) -> None:
        """An origin other than innovationslek or supplementary is an error at its key."""
        write(
            pack,
            "cards.toml",
            '[[cards]]\nid = "a"\ntitle = "A"\nsummary = "S"\nprinciples = { curiosity = 1 }\n'
            'origin = "kortleken"\n'
            '[[cards]]\nid = "b"\ntitle = "B"\nsummary = "S"\nprinciples = { curiosity = 1 }\n'
            "origin = 1\n",
        )

        content, problems = read_pack_folder(pack)

        assert content is None
        assert [
            ("error", "invalid-value", "cards.toml:cards[0].origin"),
            ("error", "wrong-type", "cards.toml:cards[1].origin"),
        ] == [c for c in codes(problems) if c[0] == "error"]

    @pytest.mark.parametrize(
        ("steps", "minutes", "expected"),
        [
            (["5 min: a", "10 min: b"], 15, []),
            (["a", "b"], 15, []),
            (["5 min: a", "10 min: b"], 20, ["cards.toml:cards[0].minutes"]),
            (["5 min: a", "b"], 5, ["cards.toml:cards[0].steps"]),
            (["5 min: a"], None, ["cards.toml:cards[0].minutes"]),
        ],
    )
    def test_step_minutes_add_up(
        self, pack: Path, steps: list[str], minutes: int | None, expected: list[str]
    ) -> None:
        """When steps begin with their minutes, all must, and they must add up to the card's."""
        listed = ", ".join(f'"{step}"' for step in steps)
        timed = f"minutes = {minutes}\n" if minutes is not None else ""
        write(
            pack,
            "cards.toml",
            '[[cards]]\nid = "a"\ntitle = "A"\nsummary = "S"\nprinciples = { curiosity = 1 }\n'
            f"steps = [{listed}]\n{timed}",
        )

        content, problems = read_pack_folder(pack)

        assert content is not None
        assert expected == [p.location for p in problems if p.code == "step-minutes"]
        assert all(p.severity is Severity.WARNING for p in problems)

    def test_ids_unique_per_kind(self, pack: Path) -> None:
        """A card and a story may share an id; ids must be unique within one kind."""
        write(
            pack,
            "stories.toml",
            '[[stories]]\nid = "shared"\ntitle = { sv = "T", en = "T" }\n'
            'text = { sv = "X", en = "X" }\nprinciples = ["curiosity"]\n',
        )

        content, problems = read_pack_folder(pack)

        assert content is not None
        assert () == problems


class TestHookData:
    def test_hook_tables_are_checked_like_files(self) -> None:
        """Tables from hooks are checked field by field, located by pack and hook."""
        reader = PackReader(prefix="code/")
        reader.add_hook_data(
            "innovationsresan_pack_info",
            {"id": "code", "name": {"sv": "Kod", "en": "Code"}, "version": "1"},
        )
        reader.add_hook_data(
            "innovationsresan_cards",
            [{"id": "c", "title": "T", "summary": "S", "principles": {"curiosity": 2}}],
        )

        content, problems = reader.finish()

        assert content is None
        assert (
            "error",
            "out-of-range",
            "code/innovationsresan_cards:cards[0].principles.curiosity",
        ) in codes(problems)

    def test_hook_not_a_list(self) -> None:
        """A data hook must return a list of tables."""
        reader = PackReader(prefix="code/")
        reader.add_hook_data(
            "innovationsresan_pack_info", {"id": "code", "name": "K", "version": "1"}
        )
        reader.add_hook_data("innovationsresan_statements", {"id": "x"})

        _, problems = reader.finish()

        assert [("error", "wrong-type", "code/innovationsresan_statements:statements")] == [
            c for c in codes(problems) if c[0] == "error"
        ]

    def test_hook_and_file_share_ids(self) -> None:
        """An id given by a file and again by a hook is a duplicate within the pack."""
        reader = PackReader()
        reader.read_folder(ALPHA)
        reader.add_hook_data(
            "innovationsresan_cards",
            [{"id": "shared", "title": "T", "summary": "S", "principles": {"curiosity": 1}}],
        )

        content, problems = reader.finish()

        assert content is None
        assert [("error", "duplicate-id", "innovationsresan_cards:cards[0].id")] == [
            c for c in codes(problems) if c[0] == "error"
        ]

    def test_metadata_twice(self) -> None:
        """Metadata from pack.toml and from the pack-info hook together is an error."""
        reader = PackReader()
        reader.read_folder(ALPHA)
        reader.add_hook_data(
            "innovationsresan_pack_info", {"id": "alpha", "name": "A", "version": "1"}
        )

        content, problems = reader.finish()

        assert content is None
        assert [("error", "duplicate-pack-info", "innovationsresan_pack_info")] == codes(problems)

    def test_no_metadata(self) -> None:
        """A pack without any metadata is an error."""
        reader = PackReader(prefix="x/")
        reader.add_hook_data("innovationsresan_statements", [])

        content, problems = reader.finish()

        assert content is None
        assert [("error", "missing-pack-info", "x/pack.toml")] == codes(problems)

    def test_plan_rules_must_be_callable(self) -> None:
        """Plan rules are kept when callable; anything else is a wrong-type problem."""
        reader = PackReader()
        reader.read_folder(ALPHA)

        def rule(plan: object, catalog: object, today: object) -> list[Problem]:
            return []

        reader.add_plan_rules("innovationsresan_plan_rules", [rule, "not a rule"])

        content, problems = reader.finish()

        assert content is None
        assert [("error", "wrong-type", "innovationsresan_plan_rules:[1]")] == codes(problems)
        reader = PackReader()
        reader.read_folder(ALPHA)
        reader.add_plan_rules("innovationsresan_plan_rules", [rule])
        content, _ = reader.finish()
        assert content is not None
        assert (rule,) == content.plan_rules


class TestIsFolder:
    def test_paths_and_traversables(self) -> None:
        """Paths and importlib Traversables are folders; strings and None are not."""
        from importlib.resources import files

        assert is_folder(ALPHA)
        assert is_folder(files("innovationsresan"))
        assert not is_folder("content")
        assert not is_folder(None)


class TestRoundTrip:
    @capped(100, "each example writes and reads a whole pack folder")
    @given(strategies.pack_contents())
    def test_written_pack_reads_back(
        self, tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any]
    ) -> None:
        """Content written as TOML by the library's writer reads back as the same values."""
        folder = tmp_path_factory.mktemp("pack")
        info: PackInfo = data["info"]
        write(
            folder,
            "pack.toml",
            tomlwriter.dumps(
                {
                    "schema": "innovationsresan.pack/1",
                    "pack": {
                        "id": info.id,
                        "name": info.name.as_dict(),
                        "version": info.version,
                        "municipality": info.municipality,
                        "languages": list(info.languages),
                        "license": info.license,
                        "homepage": info.homepage,
                        "about": info.about.as_dict(),
                    },
                },
                inline=("name", "about"),
            ),
        )
        statements = [
            {
                "id": s.id,
                "level": s.level.value,
                "perspective": s.perspective.value,
                "principle": s.principle,
                "text": s.text.as_dict(),
            }
            for s in data["statements"]
        ]
        cards = [
            _without_empty(
                {
                    "id": c.id,
                    "title": c.title.as_dict(),
                    "summary": c.summary.as_dict(),
                    "steps": [step.as_dict() for step in c.steps],
                    "minutes": c.minutes,
                    "group_size": list(c.group_size) if c.group_size else None,
                    "materials": [m.as_dict() for m in c.materials],
                    "phase": c.phase.value if c.phase else None,
                    "source": c.source,
                    "principles": dict(c.principles),
                }
            )
            for c in data["cards"]
        ]
        stories = [
            _without_empty(
                {
                    "id": s.id,
                    "title": s.title.as_dict(),
                    "text": s.text.as_dict(),
                    "principles": list(s.principles),
                    "from_level": s.from_level.value if s.from_level else None,
                    "to_level": s.to_level.value if s.to_level else None,
                    "lesson": s.lesson.as_dict(),
                }
            )
            for s in data["stories"]
        ]
        links = [
            {"card": link.card, "principle": link.principle, "weight": link.weight}
            for link in data["links"]
        ]
        inline = ("text", "title", "summary", "principles", "lesson", "steps", "materials")
        for name, key, items in (
            ("statements.toml", "statements", statements),
            ("cards.toml", "cards", cards),
            ("stories.toml", "stories", stories),
            ("links.toml", "links", links),
        ):
            if items:
                write(folder, name, tomlwriter.dumps({key: items}, inline=inline))

        content, problems = read_pack_folder(folder)

        assert [] == [p for p in problems if p.is_error]
        assert content is not None
        assert info == content.info
        assert tuple(data["statements"]) == content.statements
        assert tuple(data["cards"]) == content.cards
        assert tuple(data["stories"]) == content.stories
        assert tuple(data["links"]) == content.links


def _without_empty(table: dict[str, Any]) -> dict[str, Any]:
    """The table without the optional fields that hold nothing (as an author leaves them out)."""
    return {k: v for k, v in table.items() if v not in (None, "", [], {})}


LEVELS_TOML = """
[levels.limited]
description = { sv = "Allt går som förut.", en = "Everything runs as before." }

[levels.innovative]
name = { sv = "Det nya Alfa", en = "The new Alpha" }
description = { sv = "Vi prövar nytt.", en = "We try new things." }

[principles.curiosity]
description = { sv = "Vi frågar varför.", en = "We ask why." }
"""


class TestDescriptions:
    def test_levels_and_principles_read(self, pack: Path) -> None:
        """[levels] and [principles] in pack.toml become the pack's descriptions, each located."""
        write(pack, "pack.toml", (pack / "pack.toml").read_text("utf-8") + LEVELS_TOML)

        content, problems = read_pack_folder(pack)

        assert () == problems
        assert content is not None
        assert (
            LevelDescription(
                Level.LIMITED, "alpha", T("Allt går som förut.", "Everything runs as before.")
            ),
            LevelDescription(
                Level.INNOVATIVE,
                "alpha",
                T("Vi prövar nytt.", "We try new things."),
                T("Det nya Alfa", "The new Alpha"),
            ),
        ) == content.level_descriptions
        assert (
            PrincipleDescription("curiosity", "alpha", T("Vi frågar varför.", "We ask why.")),
        ) == content.principle_descriptions
        assert ["pack.toml:levels.limited", "pack.toml:levels.innovative"] == [
            d.location for d in content.level_descriptions
        ]
        assert {
            "level_descriptions": 2,
            "principle_descriptions": 1,
        }.items() <= content.counts().items()

    def test_unknown_level_and_principle(self, pack: Path) -> None:
        """A level or principle the model does not have is an error located at its key."""
        extra = (
            '\n[levels.middle]\ndescription = "Mitt emellan"\n'
            '\n[principles.speed]\ndescription = "Fart"\n'
        )
        write(pack, "pack.toml", (pack / "pack.toml").read_text("utf-8") + extra)

        content, problems = read_pack_folder(pack)

        assert content is None
        assert [
            ("error", "unknown-level", "pack.toml:levels.middle"),
            ("error", "unknown-principle", "pack.toml:principles.speed"),
        ] == [c for c in codes(problems) if c[0] == "error"]

    def test_missing_translation_is_a_warning(self, pack: Path) -> None:
        """A description without English is a missing-translation warning, as every text."""
        write(
            pack,
            "pack.toml",
            (pack / "pack.toml").read_text("utf-8")
            + '\n[levels.limited]\ndescription = { sv = "Som förut." }\n',
        )

        content, problems = read_pack_folder(pack)

        assert content is not None
        assert [
            ("warning", "missing-translation", "pack.toml:levels.limited.description.en")
        ] == codes(problems)

    def test_description_required_and_keys_checked(self, pack: Path) -> None:
        """A level table needs a description and knows no other key than name and description."""
        write(
            pack,
            "pack.toml",
            (pack / "pack.toml").read_text("utf-8")
            + '\n[levels.limited]\nname = "Förr"\ntext = "Som förut."\n',
        )

        content, problems = read_pack_folder(pack)

        assert content is None
        assert [
            ("error", "unknown-key", "pack.toml:levels.limited.text"),
            ("error", "missing-key", "pack.toml:levels.limited.description"),
        ] == [c for c in codes(problems) if c[0] == "error"]

    def test_levels_must_be_a_table_of_tables(self, pack: Path) -> None:
        """levels = "…" or a level given as a string is a wrong-type error at its key."""
        write(
            pack,
            "pack.toml",
            'levels = "begränsad"\n'
            + (pack / "pack.toml").read_text("utf-8")
            + '\n[principles]\ncuriosity = "Nyfiken"\n',
        )

        content, problems = read_pack_folder(pack)

        assert content is None
        assert [
            ("error", "wrong-type", "pack.toml:levels"),
            ("error", "wrong-type", "pack.toml:principles.curiosity"),
        ] == [c for c in codes(problems) if c[0] == "error"]

    def test_hooks_give_descriptions_as_lists(self) -> None:
        """The description hooks return lists naming the level or principle in a field."""
        reader = PackReader(prefix="code/")
        reader.add_hook_data(
            "innovationsresan_pack_info", {"id": "code", "name": "K", "version": "1"}
        )
        reader.add_hook_data(
            "innovationsresan_level_descriptions",
            [{"level": "innovative", "description": {"sv": "Nytt", "en": "New"}}],
        )
        reader.add_hook_data(
            "innovationsresan_principle_descriptions",
            [{"principle": "ownership", "description": {"sv": "Ansvar", "en": "Ownership"}}],
        )

        content, problems = reader.finish()

        assert content is not None
        assert (Level.INNOVATIVE, "code/innovationsresan_level_descriptions:levels[0]") == (
            content.level_descriptions[0].level,
            content.level_descriptions[0].location,
        )
        assert ("ownership", T("Ansvar", "Ownership")) == (
            content.principle_descriptions[0].principle,
            content.principle_descriptions[0].description,
        )
        assert {"missing-translation"} == {p.code for p in problems}  # the pack name is sv only

    def test_hook_entry_without_its_key(self) -> None:
        """A hook's entry that names no level, or an unknown one, is an error at that field."""
        reader = PackReader(prefix="code/")
        reader.add_hook_data(
            "innovationsresan_pack_info", {"id": "code", "name": "K", "version": "1"}
        )
        reader.add_hook_data(
            "innovationsresan_level_descriptions",
            [{"description": "Nytt"}, {"level": "top", "description": "Topp"}, "Text"],
        )

        content, problems = reader.finish()

        where = "code/innovationsresan_level_descriptions:levels"
        assert content is None
        assert [
            ("error", "missing-key", f"{where}[0].level"),
            ("error", "unknown-level", f"{where}[1].level"),
            ("error", "wrong-type", f"{where}[2]"),
        ] == [c for c in codes(problems) if c[0] == "error"]

    def test_one_level_described_twice(self) -> None:
        """A pack that describes one level twice has an error at the second description."""
        reader = PackReader()
        reader.read_folder(ALPHA)
        reader.add_hook_data(
            "innovationsresan_level_descriptions",
            [{"level": "limited", "description": {"sv": "Ett", "en": "One"}}] * 2,
        )

        content, problems = reader.finish()

        assert content is None
        assert [
            (
                "error",
                "duplicate-description",
                "innovationsresan_level_descriptions:levels[1].level",
            )
        ] == [c for c in codes(problems) if c[0] == "error"]
