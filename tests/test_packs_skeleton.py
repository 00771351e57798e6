"""Tests for ``pack new``: a new municipality's pack that checks, installs and loads."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from innovationsresan.errors import InputError
from innovationsresan.packs.check import check_pack_folder
from innovationsresan.packs.loader import load_catalog
from innovationsresan.packs.skeleton import pack_id_from_name, skeleton, write_skeleton
from tests.fakesite import FakeSite, fake_site


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeSite]:
    yield from fake_site(tmp_path, monkeypatch)


class TestPackId:
    @pytest.mark.parametrize(
        ("name", "expected"),
        [
            ("lulea", "lulea"),
            ("Luleå kommun", "lulea"),
            ("Övertorneå", "overtornea"),
            ("Malå Kommun", "mala"),
            ("Pajala  kommun ", "pajala"),
            ("Region Norrbotten", "region-norrbotten"),
            ("Kommun", "kommun"),
            ("Sámi-ätnam 2", "sami-atnam-2"),
        ],
    )
    def test_slug(self, name: str, expected: str) -> None:
        """Letters fold to a-z, other characters become hyphens, a trailing 'kommun' goes."""
        assert expected == pack_id_from_name(name)

    def test_no_letters(self) -> None:
        """A name without letters or digits gives no id and is refused."""
        with pytest.raises(InputError):
            skeleton("  --  ")


class TestSkeleton:
    def test_names(self) -> None:
        """The distribution and package are derived from the id."""
        made = skeleton("Luleå kommun")

        assert ("lulea", "innovationsresan-lulea", "innovationsresan_lulea", "Luleå kommun") == (
            made.pack_id,
            made.distribution,
            made.package,
            made.municipality,
        )

    def test_pyproject(self) -> None:
        """pyproject.toml names the entry point after the distribution and the content folder."""
        made = skeleton("Luleå kommun")
        pyproject = tomllib.loads(dict(made.files)["pyproject.toml"])

        assert {"innovationsresan-lulea": "innovationsresan_lulea:plugin"} == pyproject["project"][
            "entry-points"
        ]["innovationsresan"]
        assert (
            "src/innovationsresan_lulea/content" == pyproject["tool"]["innovationsresan"]["content"]
        )
        assert "hatchling.build" == pyproject["build-system"]["build-backend"]

    def test_quotes_in_name(self) -> None:
        """A name with quotes still gives valid TOML."""
        made = skeleton('Kommun "Test"')

        pack = tomllib.loads(dict(made.files)[f"src/{made.package}/content/pack.toml"])

        assert 'Kommun "Test"' == pack["pack"]["municipality"]


class TestWriteSkeleton:
    def test_checks_clean(self, tmp_path: Path) -> None:
        """A fresh skeleton passes pack check with no errors (one coverage warning)."""
        write_skeleton("Luleå kommun", tmp_path / "pack")

        pack_id, problems = check_pack_folder(tmp_path / "pack")

        assert "lulea" == pack_id
        assert ["principle-without-cards"] == [p.code for p in problems]

    def test_refuses_non_empty(self, tmp_path: Path) -> None:
        """A folder with anything in it is refused and left as it was."""
        (tmp_path / "keep.txt").write_text("mine", "utf-8")

        with pytest.raises(InputError) as caught:
            write_skeleton("lulea", tmp_path)

        assert ["folder-not-empty"] == [p.code for p in caught.value.problems]
        assert ["keep.txt"] == [p.name for p in tmp_path.iterdir()]

    def test_refuses_a_file(self, tmp_path: Path) -> None:
        """A path that is a file is refused too."""
        target = tmp_path / "file"
        target.write_text("x", "utf-8")

        with pytest.raises(InputError):
            write_skeleton("lulea", target)

        assert "x" == target.read_text("utf-8")

    def test_empty_folder_is_fine(self, tmp_path: Path) -> None:
        """An existing empty folder is used."""
        made = write_skeleton("lulea", tmp_path)

        assert sorted(path for path, _ in made.files) == sorted(
            p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()
        )

    def test_installs_and_loads(self, tmp_path: Path, site: FakeSite) -> None:
        """Installed, the skeleton is a pack that loads with all its content."""
        write_skeleton("Luleå kommun", tmp_path / "pack")
        site.install(tmp_path / "pack")

        catalog = load_catalog(packs=["lulea"])

        status = catalog.pack("lulea")
        assert "ok" == status.status
        assert {
            "statements": 1,
            "cards": 1,
            "stories": 1,
            "links": 1,
            "plan_rules": 0,
            "support": 1,
            "level_descriptions": 2,
            "principle_descriptions": 1,
        } == dict(status.counts)
        card = catalog.card("lulea:tva-veckors-forsok")
        assert 0.5 == card.weight("willingness-to-learn")

    def test_describes_the_levels(self, tmp_path: Path, site: FakeSite) -> None:
        """The skeleton's [levels] and [principles] tables are shown, naming the new pack."""
        write_skeleton("Luleå kommun", tmp_path / "pack")
        site.install(tmp_path / "pack")

        catalog = load_catalog(packs=["lulea"])

        shown = catalog.level_description("innovative")
        assert "lulea" == shown.pack
        assert shown.description.get("sv").startswith("Ett exempel att ersätta: reglerna")
        assert "lulea" == catalog.principle_description("experimenting").pack
        assert catalog.principle_description("curiosity").from_library


class TestHostileNames:
    @pytest.mark.parametrize(
        "name", ['Kommun "Test"', "Back\\slash", 'Tre """ citat', "Radbrytning\nhär"]
    )
    def test_every_file_stays_valid(self, name: str) -> None:
        """Quotes, backslashes and line breaks in a name never break TOML or Python."""
        made = skeleton(name)

        for path, text in made.files:
            if path.endswith(".toml"):
                tomllib.loads(text)
            elif path.endswith(".py"):
                compile(text, path, "exec")
        pack = tomllib.loads(dict(made.files)[f"src/{made.package}/content/pack.toml"])
        assert " ".join(name.split()) == pack["pack"]["municipality"]
