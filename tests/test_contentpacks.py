"""The bundled content packs: Kiruna's pack and the method bank that extends it."""

from __future__ import annotations

import importlib
import itertools
import json
import re
import subprocess
import sys
import tomllib
import zipfile
from collections import Counter
from io import StringIO
from pathlib import Path
from typing import Any

import pytest

from innovationsresan.cli import main
from innovationsresan.cli._common import Context
from innovationsresan.ladder import PRINCIPLE_IDS
from innovationsresan.model import Level, Origin, Perspective, Phase
from innovationsresan.packs.loader import load_catalog
from innovationsresan.packs.schema import PACK_FILES, TableSpec

ROOT = Path(__file__).resolve().parents[1]
PACKS = {
    "kiruna": ROOT / "contentpacks" / "kiruna",
    "metodbank": ROOT / "contentpacks" / "metodbank",
}

#: The principle part of Kiruna's statement ids (``limited-org-uncertainty-1``).
SHORT_NAMES = {
    "uncertainty-tolerance": "uncertainty",
    "ownership": "ownership",
    "collaboration": "collaboration",
    "problem-understanding": "problem",
    "willingness-to-learn": "learning",
    "curiosity": "curiosity",
    "learning-from-failure": "failure",
    "experimenting": "testing",
    "multiple-perspectives": "perspectives",
}
PERSPECTIVE_SHORT = {"organisation": "org", "individual": "ind"}

#: Methods the Kiruna deck's site names, and well-known public methods the deck must hold.
NAMED_METHODS = {
    "how-might-we",
    "crazy-8",
    "reverse-thinking",
    "switch-perspective",
    "dream-scenario",
    "idea-prioritisation",
    "five-whys",
    "four-w",
    "stakeholder-map",
    "brainwriting",
    "interview",
    "observation",
    "simple-prototype",
    "pre-mortem",
    "opportunity-map",
    "own-resources-plan",
    "inspired-by-others",
    "retrospective",
}

#: The methods the published Innovationslek! deck names (kiruna-facts: the deck's site), the
#: only cards that may claim ``origin = "innovationslek"``.
DECK_METHODS = {
    "how-might-we",
    "crazy-8",
    "reverse-thinking",
    "switch-perspective",
    "dream-scenario",
    "idea-prioritisation",
    "own-resources-plan",
}

#: Kiruna's published good examples, each retold as a story.
GOOD_EXAMPLES = {
    "childrens-favourite-places",
    "housing-company-and-schools",
    "meal-services-workshop",
    "kirunabo-lab",
}


def pyproject(pack: str) -> dict[str, Any]:
    with (PACKS[pack] / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)


def content_dir(pack: str) -> Path:
    return PACKS[pack] / pyproject(pack)["tool"]["innovationsresan"]["content"]


def document(pack: str, file: str) -> dict[str, Any]:
    path = content_dir(pack) / file
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle)


def entries(pack: str, table: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = document(pack, f"{table}.toml").get(table, [])
    return found


def table_rows(doc: dict[str, Any], table_spec: TableSpec) -> list[tuple[Any, dict[str, Any]]]:
    """The entries of one table of a file, each with its index (or key, in a keyed table)."""
    if table_spec.array:
        return list(enumerate(doc.get(table_spec.table, [])))
    if table_spec.keyed_by is not None:
        return list(doc.get(table_spec.table, {}).items())
    return [(0, doc.get(table_spec.table, {}))]


def texts_of(pack: str) -> list[tuple[str, Any]]:
    """Every text of a pack with where it is: (``cards.toml:cards[3].title``, value)."""
    found: list[tuple[str, Any]] = []
    for table_spec in PACK_FILES:
        doc = document(pack, table_spec.file)
        for i, row in table_rows(doc, table_spec):
            for field in table_spec.fields:
                where = f"{table_spec.file}:{table_spec.table}[{i}].{field.name}"
                if field.kind == "text" and field.name in row:
                    found.append((where, row[field.name]))
                elif field.kind == "texts":
                    found.extend(
                        (f"{where}[{j}]", t) for j, t in enumerate(row.get(field.name, []))
                    )
    return found


def run(*argv: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    code = main(list(argv), context=Context(out=out, err=err))
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("pack", sorted(PACKS))
class TestPackaging:
    def test_distribution_name_gives_the_id(self, pack: str) -> None:
        """The distribution is innovationsresan-<id> and pack.toml carries that id."""
        assert f"innovationsresan-{pack}" == pyproject(pack)["project"]["name"]
        assert pack == document(pack, "pack.toml")["pack"]["id"]

    def test_entry_point_names_the_module(self, pack: str) -> None:
        """The entry point is named after the distribution and names the pack's module."""
        points = pyproject(pack)["project"]["entry-points"]["innovationsresan"]

        assert {f"innovationsresan-{pack}": f"innovationsresan_{pack}"} == points

    def test_versions_agree(self, pack: str) -> None:
        """The distribution and pack.toml have the same version."""
        assert (
            pyproject(pack)["project"]["version"] == document(pack, "pack.toml")["pack"]["version"]
        )

    def test_depends_on_the_library(self, pack: str) -> None:
        """The pack depends on innovationsresan."""
        assert ["innovationsresan"] == pyproject(pack)["project"]["dependencies"]

    def test_hook_points_at_the_content_folder(self, pack: str) -> None:
        """The installed module's content hook returns the folder pyproject.toml names."""
        module = importlib.import_module(f"innovationsresan_{pack}")

        folder = module.innovationsresan_content_dir()

        assert content_dir(pack).resolve() == Path(str(folder)).resolve()

    def test_has_a_readme(self, pack: str) -> None:
        """The pack's README exists and pyproject.toml uses it."""
        assert "README.md" == pyproject(pack)["project"]["readme"]
        assert (PACKS[pack] / "README.md").is_file()


@pytest.mark.parametrize("pack", sorted(PACKS))
class TestFields:
    def test_only_known_keys(self, pack: str) -> None:
        """Every key of every entry is a field of the spec in packs/schema.py."""
        unknown = []
        for table_spec in PACK_FILES:
            doc = document(pack, table_spec.file)
            tables = {s.table for s in PACK_FILES if s.file == table_spec.file}
            unknown += [f"{table_spec.file}:{k}" for k in doc if k not in {"schema", *tables}]
            for i, row in table_rows(doc, table_spec):
                unknown += [
                    f"{table_spec.file}:{table_spec.table}[{i}].{k}"
                    for k in row
                    if k not in table_spec.names
                ]

        assert [] == unknown

    def test_required_keys_present(self, pack: str) -> None:
        """Every required field is in every entry."""
        missing = []
        for table_spec in PACK_FILES:
            doc = document(pack, table_spec.file)
            for i, row in table_rows(doc, table_spec):
                missing += [
                    f"{table_spec.file}:{table_spec.table}[{i}].{f.name}"
                    for f in table_spec.fields
                    if f.required and f.name not in row
                ]

        assert [] == missing

    def test_every_text_in_swedish_and_english(self, pack: str) -> None:
        """Every text, step and material has a non-blank Swedish and English version."""
        texts = texts_of(pack)
        bad = [
            where
            for where, text in texts
            if not isinstance(text, dict)
            or not str(text.get("sv", "")).strip()
            or not str(text.get("en", "")).strip()
        ]

        assert texts
        assert [] == bad

    def test_ids_unique(self, pack: str) -> None:
        """No id repeats within statements, cards or stories."""
        repeated = {
            table: [i for i, n in Counter(e["id"] for e in entries(pack, table)).items() if n > 1]
            for table in ("statements", "cards", "stories")
        }

        assert {"statements": [], "cards": [], "stories": []} == repeated

    def test_cards_map_only_to_known_principles(self, pack: str) -> None:
        """Every card's weights name principles of the ladder, weighted 1 or 0.5."""
        weights = [(p, w) for card in entries(pack, "cards") for p, w in card["principles"].items()]

        assert set() == {p for p, _ in weights} - set(PRINCIPLE_IDS)
        assert {1.0, 0.5} >= {w for _, w in weights}

    def test_cards_complete(self, pack: str) -> None:
        """Every card is ready to run: when it fits, preparation, steps, minutes, group size,
        materials, what comes out and how it goes into the plan, phase, source and origin."""
        wanted = {
            "use_when",
            "preparation",
            "steps",
            "minutes",
            "group_size",
            "materials",
            "outcome",
            "into_plan",
            "phase",
            "source",
        }
        if pack == "metodbank":
            wanted.add("origin")
        lacking = {card["id"]: sorted(wanted - set(card)) for card in entries(pack, "cards")}

        assert {} == {cid: keys for cid, keys in lacking.items() if keys}

    def test_step_minutes_add_up(self, pack: str) -> None:
        """Every step begins with its minutes, and they add up to the card's minutes."""
        wrong = {}
        for card in entries(pack, "cards"):
            minutes = [int(step["sv"].split(" min:", 1)[0]) for step in card["steps"]]
            english = [int(step["en"].split(" min:", 1)[0]) for step in card["steps"]]
            if sum(minutes) != card["minutes"] or english != minutes:
                wrong[card["id"]] = (minutes, english, card["minutes"])

        assert {} == wrong

    def test_one_word_for_the_people_served(self, pack: str) -> None:
        """The people served are residents (invånare), never "brukare" or "service users"."""
        found = [
            where
            for where, text in texts_of(pack)
            for value in (text.values() if isinstance(text, dict) else [text])
            if re.search(r"\bbrukar(e|en|na)\b|service users?", str(value), re.IGNORECASE)
        ]

        assert [] == found

    def test_each_card_has_one_primary_principle(self, pack: str) -> None:
        """Each card strengthens exactly one principle with weight 1."""
        primaries = {
            card["id"]: sum(1 for w in card["principles"].values() if w == 1.0)
            for card in entries(pack, "cards")
        }

        assert {1} == set(primaries.values())


class TestKirunaStatements:
    def test_enough(self) -> None:
        """The Kiruna pack has at least 72 statements."""
        assert len(entries("kiruna", "statements")) >= 72

    def test_two_per_cell(self) -> None:
        """Every level × perspective × principle cell holds at least two statements."""
        counts = Counter(
            (s["level"], s["perspective"], s["principle"]) for s in entries("kiruna", "statements")
        )
        cells = itertools.product(list(Level), list(Perspective), PRINCIPLE_IDS)

        assert [] == [cell for cell in cells if counts[cell] < 2]

    def test_ids_say_where_they_belong(self) -> None:
        """A statement id names its level, perspective and principle: limited-org-uncertainty-1."""
        wrong = [
            s["id"]
            for s in entries("kiruna", "statements")
            if not s["id"].startswith(
                f"{s['level']}-{PERSPECTIVE_SHORT[s['perspective']]}-{SHORT_NAMES[s['principle']]}-"
            )
        ]

        assert [] == wrong

    def test_short(self) -> None:
        """A post-it stays short: at most 140 characters in either language."""
        long = [
            s["id"]
            for s in entries("kiruna", "statements")
            if max(len(s["text"]["sv"]), len(s["text"]["en"])) > 140
        ]

        assert [] == long


class TestKirunaCards:
    def test_enough(self) -> None:
        """The Kiruna deck has at least 27 cards."""
        assert len(entries("kiruna", "cards")) >= 27

    def test_three_primary_cards_per_principle(self) -> None:
        """Every principle has at least three cards that mainly strengthen it."""
        primary = Counter(
            p
            for card in entries("kiruna", "cards")
            for p, w in card["principles"].items()
            if w == 1.0
        )

        assert {} == {p: primary[p] for p in PRINCIPLE_IDS if primary[p] < 3}

    def test_named_methods(self) -> None:
        """The deck holds the methods the Kiruna site names and the well-known public ones."""
        ids = {card["id"] for card in entries("kiruna", "cards")}

        assert set() == NAMED_METHODS - ids

    def test_every_phase(self) -> None:
        """The deck has cards in each of the four phases."""
        phases = {card["phase"] for card in entries("kiruna", "cards")}

        assert {p.value for p in Phase} == phases


class TestProvenance:
    def test_only_deck_methods_claim_the_deck(self) -> None:
        """Exactly the methods the published deck names have origin innovationslek."""
        claimed = {
            c["id"] for c in entries("kiruna", "cards") if c.get("origin") == "innovationslek"
        }

        assert DECK_METHODS == claimed

    def test_sources_name_the_deck_only_for_deck_methods(self) -> None:
        """No supplementary card says in its source that it comes from Innovationslek!."""
        claiming = {
            c["id"]
            for pack in PACKS
            for c in entries(pack, "cards")
            if "Innovationslek" in c["source"] and c.get("origin") != "innovationslek"
        }

        assert set() == claiming

    def test_metodbank_is_all_supplementary(self) -> None:
        """The method bank claims no card for the deck."""
        assert {"supplementary"} == {c["origin"] for c in entries("metodbank", "cards")}

    def test_loaded_origin(self) -> None:
        """The loaded catalogue carries each card's origin."""
        catalog = load_catalog(packs=["kiruna"])

        assert (Origin.INNOVATIONSLEK, Origin.SUPPLEMENTARY) == (
            catalog.card("kiruna:crazy-8").origin,
            catalog.card("kiruna:five-whys").origin,
        )


class TestKirunaStories:
    def test_good_examples(self) -> None:
        """Each of Kiruna's four good examples is a story."""
        ids = {story["id"] for story in entries("kiruna", "stories")}

        assert set() == GOOD_EXAMPLES - ids

    def test_a_story_of_sliding_back(self) -> None:
        """At least one story starts at the upper level: a team that slid down and climbed back,
        and it says that it is made up."""
        (story,) = [s for s in entries("kiruna", "stories") if s["from_level"] == "innovative"]

        assert "påhittat exempel" in story["text"]["sv"]
        assert "made-up example" in story["text"]["en"]

    def test_stories_complete(self) -> None:
        """Every story names its principles, both levels, a lesson and the question it invites."""
        wanted = {"principles", "from_level", "to_level", "lesson", "question"}
        lacking = {s["id"]: wanted - set(s) for s in entries("kiruna", "stories")}

        assert {} == {sid: keys for sid, keys in lacking.items() if keys}

    def test_story_principles_known(self) -> None:
        """Stories show only principles of the ladder."""
        named = {p for story in entries("kiruna", "stories") for p in story["principles"]}

        assert set() == named - set(PRINCIPLE_IDS)


class TestMetodbank:
    def test_own_cards(self) -> None:
        """The method bank has at least five cards of its own."""
        assert len(entries("metodbank", "cards")) >= 5

    def test_a_made_up_municipality(self) -> None:
        """The pack belongs to a municipality that says it is made up, in every language."""
        info = document("metodbank", "pack.toml")["pack"]

        assert "påhittad" in info["municipality"]
        names = info["name"]
        assert (True, True, True) == (
            "påhittad" in names["sv"],
            "made up" in names["en"],
            "keksitty" in names["fi"],
        )

    def test_own_statements_and_story(self) -> None:
        """The pack has a handful of statements of its own and one story with a question."""
        stories = entries("metodbank", "stories")

        assert len(entries("metodbank", "statements")) >= 4
        assert 1 == len(stories)
        assert "question" in stories[0]

    def test_finnish_throughout(self) -> None:
        """Finnish is declared, and every text of the pack has a Finnish version."""
        without = [
            where
            for where, text in texts_of("metodbank")
            if not isinstance(text, dict) or not str(text.get("fi", "")).strip()
        ]

        assert ["sv", "en", "fi"] == document("metodbank", "pack.toml")["pack"]["languages"]
        assert [] == without

    def test_links_are_modest(self) -> None:
        """A link adds a secondary principle; none claims more than 0.5."""
        assert {0.5} == {link["weight"] for link in entries("metodbank", "links")}

    def test_links_extend_kiruna_cards(self) -> None:
        """Every link targets a Kiruna card and adds a principle or raises its weight."""
        kiruna = {card["id"]: card["principles"] for card in entries("kiruna", "cards")}
        links = entries("metodbank", "links")
        useless = [
            link
            for link in links
            if not link["card"].startswith("kiruna:")
            or link["card"].removeprefix("kiruna:") not in kiruna
            or kiruna[link["card"].removeprefix("kiruna:")].get(link["principle"], 0)
            >= link["weight"]
        ]

        assert links
        assert [] == useless

    def test_covers_the_ladder(self) -> None:
        """The method bank's cards and links together reach every principle."""
        covered = {p for card in entries("metodbank", "cards") for p in card["principles"]}
        covered |= {link["principle"] for link in entries("metodbank", "links")}

        assert set(PRINCIPLE_IDS) == covered


class TestLoaded:
    def test_both_load_cleanly(self) -> None:
        """Loading both packs gives two packs with status ok and no problem at all."""
        catalog = load_catalog(packs=["kiruna", "metodbank"])

        assert [("kiruna", "ok"), ("metodbank", "ok")] == [(p.id, p.status) for p in catalog.packs]
        assert () == catalog.problems

    def test_counts(self) -> None:
        """The catalogue holds every statement, card and story of both packs."""
        catalog = load_catalog(packs=["kiruna", "metodbank"])

        expected = (
            len(entries("kiruna", "statements")) + len(entries("metodbank", "statements")),
            len(entries("kiruna", "cards")) + len(entries("metodbank", "cards")),
            len(entries("kiruna", "stories")) + len(entries("metodbank", "stories")),
        )
        assert expected == (len(catalog.statements), len(catalog.cards), len(catalog.stories))

    def test_link_merges_weights(self) -> None:
        """A method-bank link adds a principle to Interview; the card's own weights stay."""
        catalog = load_catalog(packs=["kiruna", "metodbank"])

        card = catalog.card("kiruna:interview")

        assert {"curiosity": 1.0, "problem-understanding": 0.5, "multiple-perspectives": 0.5} == (
            card.weights()
        )
        assert ("metodbank",) == card.linked_by

    def test_without_links_kiruna_keeps_its_weights(self) -> None:
        """Kiruna alone keeps the weights its own file gives."""
        catalog = load_catalog(packs=["kiruna"])

        card = catalog.card("kiruna:interview")

        assert ({"curiosity": 1.0, "problem-understanding": 0.5}, ()) == (
            card.weights(),
            card.linked_by,
        )

    def test_metodbank_alone_warns_about_its_links(self) -> None:
        """Without Kiruna the method bank still loads; each of its links is a warning."""
        catalog = load_catalog(packs=["metodbank"])

        codes = [p.code for p in catalog.problems]

        assert "ok" == catalog.pack("metodbank").status
        assert ["link-target-missing"] * len(entries("metodbank", "links")) == codes

    def test_cards_json_shows_merged_weights(self) -> None:
        """`cards --json` shows Interview with merged weights and linked_by ["metodbank"]."""
        out, err = StringIO(), StringIO()
        ctx = Context(out=out, err=err)
        ctx.use_catalog(load_catalog(packs=["kiruna", "metodbank"]))

        code = main(["cards", "--json"], context=ctx)

        cards = {card["id"]: card for card in json.loads(out.getvalue())}
        interview = cards["kiruna:interview"]
        assert 0 == code
        assert {"curiosity": 1.0, "problem-understanding": 0.5, "multiple-perspectives": 0.5} == (
            interview["principles"]
        )
        assert ["metodbank"] == interview["linked_by"]
        assert [] == cards["metodbank:empathy-map"]["linked_by"]


@pytest.mark.parametrize("pack", sorted(PACKS))
class TestPackCheck:
    def test_clean(self, pack: str) -> None:
        """`pack check` finds no problem, not even a warning, and exits 0."""
        code, out, _ = run("pack", "check", str(PACKS[pack]), "--json")

        data = json.loads(out)
        assert (0, True, []) == (code, data["ok"], data["problems"])

    def test_clean_as_content_folder(self, pack: str) -> None:
        """The content folder checked on its own is clean too."""
        code, out, _ = run("pack", "check", str(content_dir(pack)), "--json")

        data = json.loads(out)
        assert (0, True, []) == (code, data["ok"], data["problems"])


def test_spec_covers_every_file() -> None:
    """The packs use no file the spec does not know."""
    known = {table_spec.file for table_spec in PACK_FILES}
    used = {p.name for pack in PACKS for p in content_dir(pack).glob("*.toml")}

    assert set() == used - known


@pytest.mark.slow
@pytest.mark.parametrize("pack", sorted(PACKS))
def test_wheel_carries_the_content(pack: str, tmp_path: Path) -> None:
    """The built wheel holds every content file and the entry point in group innovationsresan."""
    build = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps"]
    subprocess.run(
        [*build, "-w", str(tmp_path), str(PACKS[pack])],
        check=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("*.whl")
    module = f"innovationsresan_{pack}"

    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        (entry_points,) = (n for n in names if n.endswith(".dist-info/entry_points.txt"))
        points = archive.read(entry_points).decode()

    expected = {f"{module}/content/{p.name}" for p in content_dir(pack).glob("*.toml")}
    assert set() == expected - names
    assert f"[innovationsresan]\ninnovationsresan-{pack} = {module}\n" == points
