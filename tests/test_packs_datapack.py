"""Tests for the DataPack helper that makes a data pack two lines of Python."""

from __future__ import annotations

from importlib.resources import files

from innovationsresan.packs.datapack import DataPack
from innovationsresan.packs.loader import load_catalog
from tests.fakesite import FIXTURES

PACKAGE = FIXTURES / "alpha" / "src" / "innovationsresan_alpha"


class TestDataPack:
    def test_path(self) -> None:
        """Given a folder, the content is its ``content`` subfolder."""
        assert PACKAGE / "content" == DataPack(PACKAGE).innovationsresan_content_dir()

    def test_path_itself(self) -> None:
        """With ``content=""`` the folder given is the content folder."""
        folder = PACKAGE / "content"

        assert folder == DataPack(folder, content="").innovationsresan_content_dir()

    def test_package_name(self) -> None:
        """Given a package name, the content folder is found inside the package."""
        folder = DataPack("tests", content="fixtures").innovationsresan_content_dir()

        assert str(files("tests") / "fixtures") == str(folder)

    def test_loads_as_plugin(self) -> None:
        """A DataPack is a plugin the loader reads like an installed pack."""
        catalog = load_catalog(entry_points=False, plugins=[DataPack(PACKAGE)])

        assert ["alpha"] == [s.id for s in catalog.packs if s.ok]

    def test_repr(self) -> None:
        """The repr shows what the pack points at."""
        assert "DataPack('x', content='content')" == repr(DataPack("x"))
