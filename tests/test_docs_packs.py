"""docs/packs.md: the pack tutorial and field reference cannot drift from the code."""

from __future__ import annotations

import importlib
import re
import shlex
import sys
import tomllib
from pathlib import Path

import pytest

from innovationsresan.cli import build_parser
from innovationsresan.packs.check import check_pack_folder
from innovationsresan.packs.loader import load_catalog
from innovationsresan.packs.schema import PACK_FILES

DOC = Path(__file__).resolve().parents[1] / "docs" / "packs.md"
TEXT = DOC.read_text(encoding="utf-8")
SWEDISH, ENGLISH = TEXT.split("\n## English:", 1)
SECTIONS = {"sv": SWEDISH, "en": ENGLISH}
REFERENCE_HEADINGS = {"sv": "### Fältreferens", "en": "### Field reference"}
KIND_HEADINGS = {"sv": "#### Sorterna", "en": "#### The kinds"}
YES_NO = {"sv": {"ja": True, "nej": False}, "en": {"yes": True, "no": False}}

#: A code block: its language, the file it shows (from a first line ``# path``), and its body.
BLOCK = re.compile(r"^```(?P<lang>\w+)\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)


def reference(lang: str) -> str:
    """The field reference of one language: from its heading to the end of the section."""
    return SECTIONS[lang].split(REFERENCE_HEADINGS[lang], 1)[1]


def subsections(text: str) -> dict[str, str]:
    """``#### heading`` → the text under it."""
    parts = re.split(r"^#### (.+)$", text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def rows(table: str) -> list[list[str]]:
    """The body rows of the Markdown table in *table*, cells stripped."""
    lines = [line for line in table.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[2:]]


def unquote(cell: str) -> str:
    return cell.strip("`")


def field_tables(lang: str) -> dict[tuple[str, str], list[tuple[str, bool, str]]]:
    """(file name, table) → its documented fields as (name, required, kind), in the doc's order.

    A heading names both: ``#### `pack.toml` – the table `[pack]``` or ``… `[levels.<level>]```.
    """
    tables: dict[tuple[str, str], list[tuple[str, bool, str]]] = {}
    for heading, body in subsections(reference(lang)).items():
        named = re.search(r"`([a-z]+\.toml)`.*`\[\[?([a-z]+)", heading)
        if named is None:
            continue
        tables[named[1], named[2]] = [
            (unquote(name), YES_NO[lang][required], unquote(kind))
            for name, required, kind, _ in rows(body)
        ]
    return tables


def example_files(lang: str) -> dict[str, str]:
    """The files of the example pack in one language's tutorial: path → text."""
    files: dict[str, str] = {}
    for block in BLOCK.finditer(SECTIONS[lang]):
        first = block["body"].split("\n", 1)[0]
        if block["lang"] in ("toml", "python") and first.startswith("# "):
            files[first[2:].strip()] = block["body"]
    return files


def write_example(lang: str, folder: Path) -> Path:
    root = folder / "innovationsresan-exempelby"
    for name, text in example_files(lang).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def prose_lines(text: str) -> list[str]:
    """Lines of running text: no code blocks, tables or headings."""
    without_code = BLOCK.sub("", text)
    return [
        line
        for line in without_code.splitlines()
        if line.strip() and not line.startswith(("|", "#", "```"))
    ]


@pytest.mark.parametrize("lang", ["sv", "en"])
class TestFieldReference:
    def test_every_file_has_a_table(self, lang: str) -> None:
        """The reference has one table per table of a pack file, and no other."""
        assert [(s.file, s.table) for s in PACK_FILES] == list(field_tables(lang))

    def test_fields_match_the_spec(self, lang: str) -> None:
        """Each table lists exactly the spec's fields in order, with required flag and kind."""
        expected = {
            (s.file, s.table): [(f.name, f.required, f.kind) for f in s.fields] for s in PACK_FILES
        }

        assert expected == field_tables(lang)

    def test_every_field_described(self, lang: str) -> None:
        """Every row of every field table has a description."""
        blank = [
            (heading, row[0])
            for heading, body in subsections(reference(lang)).items()
            for row in rows(body)
            if not row[-1]
        ]

        assert [] == blank

    def test_kinds_explained(self, lang: str) -> None:
        """The kinds table explains exactly the kinds the spec uses."""
        body = subsections(reference(lang))[KIND_HEADINGS[lang].removeprefix("#### ")]
        documented = [unquote(row[0]) for row in rows(body)]
        used = {f.kind for s in PACK_FILES for f in s.fields}

        assert (used, len(documented)) == (set(documented), len(set(documented)))


@pytest.mark.parametrize("lang", ["sv", "en"])
class TestTutorialExample:
    def test_example_files(self, lang: str) -> None:
        """The tutorial shows pyproject.toml, the module and every content file of its pack."""
        content = "src/innovationsresan_exempelby/content/"
        expected = {
            "pyproject.toml",
            "src/innovationsresan_exempelby/__init__.py",
            *(content + s.file for s in PACK_FILES),
        }

        assert expected == set(example_files(lang))

    def test_toml_blocks_parse(self, lang: str) -> None:
        """Every TOML example is valid TOML."""
        for block in BLOCK.finditer(SECTIONS[lang]):
            if block["lang"] == "toml":
                tomllib.loads(block["body"])

    def test_example_passes_pack_check(self, lang: str, tmp_path: Path) -> None:
        """The example pack has no error; its one warning is the one the tutorial announces."""
        root = write_example(lang, tmp_path)

        pack_id, problems = check_pack_folder(root)

        assert ("exempelby", ["principle-without-cards"]) == (pack_id, [p.code for p in problems])

    def test_plain_string_is_swedish(self, lang: str, tmp_path: Path) -> None:
        """A plain string where a text belongs counts as Swedish, as the kinds table says: the
        example pack then only lacks that text's English translation."""
        body = subsections(reference(lang))[KIND_HEADINGS[lang].removeprefix("#### ")]
        (text_kind,) = [row[1] for row in rows(body) if unquote(row[0]) == "text"]
        root = write_example(lang, tmp_path)
        cards = root / "src/innovationsresan_exempelby/content/cards.toml"
        source = cards.read_text(encoding="utf-8")
        plain = re.sub(r"^title = \{.*\}$", 'title = "Fika med grannen"', source, flags=re.M)
        cards.write_text(plain, encoding="utf-8")

        _, problems = check_pack_folder(root)

        assert {"sv": "enkel sträng", "en": "plain string"}[lang] in text_kind
        where = "src/innovationsresan_exempelby/content/cards.toml:cards"
        assert [
            ("missing-translation", f"{where}[0].title.en"),
            ("principle-without-cards", where),
        ] == sorted((p.code, p.location) for p in problems)

    def test_example_loads_and_links(
        self, lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The example module loads as a plugin, and its link extends Kiruna's five-whys card."""
        root = write_example(lang, tmp_path)
        monkeypatch.syspath_prepend(str(root / "src"))
        monkeypatch.delitem(sys.modules, "innovationsresan_exempelby", raising=False)
        importlib.invalidate_caches()
        module = importlib.import_module("innovationsresan_exempelby")
        monkeypatch.delitem(sys.modules, "innovationsresan_exempelby")

        catalog = load_catalog(packs=["kiruna"], plugins=[module])

        card = catalog.card("kiruna:five-whys")
        assert ["exempelby", "kiruna"] == sorted(p.id for p in catalog.packs if p.ok)
        assert (0.5, ("exempelby",)) == (card.weight("collaboration"), card.linked_by)
        assert "exempelby:coffee-with-neighbours" in {f"{c.pack}:{c.id}" for c in catalog.cards}

    def test_commands_exist(self, lang: str) -> None:
        """Every innovationsresan command line in the tutorial parses with the real parser."""
        parser, _ = build_parser(lang)
        lines = [
            line
            for block in BLOCK.finditer(SECTIONS[lang])
            if block["lang"] == "console"
            for line in block["body"].splitlines()
            if line.startswith("innovationsresan ")
        ]

        for line in lines:
            parser.parse_args(shlex.split(line)[1:])
        assert len(lines) >= 4


class TestStyle:
    def test_one_sentence_per_line(self) -> None:
        """No line of running text holds two sentences."""
        crowded = [
            line for line in prose_lines(TEXT) if re.search(r"[a-zåäö)][.!?] +[A-ZÅÄÖ`]", line)
        ]

        assert [] == crowded

    def test_same_structure_in_both_languages(self) -> None:
        """The Swedish and English sections have the same number of headings at each level."""

        def shape(text: str) -> list[int]:
            return [len(m[1]) for m in re.finditer(r"^(#{3,4}) ", text, re.MULTILINE)]

        assert shape(SWEDISH) == shape(ENGLISH)
