"""The index of installed packs: ``packs`` and ``principles`` answer from it exactly as loading
the packs would, and only while nothing it was made from has changed."""

from __future__ import annotations

import io
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from innovationsresan.cli import main
from innovationsresan.cli._common import Context
from innovationsresan.packs import checkedcache, index, loader
from innovationsresan.packs.loader import load_catalog
from tests.fakesite import FakeSite, fake_site
from tests.test_packs_checkedcache import library_files_imported

#: Command lines the index answers, with the choices of language, JSON and --pack.
ANSWERED = [
    ["packs"],
    ["packs", "--json"],
    ["packs", "--lang", "en"],
    ["packs", "--lang", "fi", "--json"],
    ["principles"],
    ["principles", "--json"],
    ["principles", "--lang", "en"],
    ["principles", "--lang", "fi"],
    ["principles", "--pack", "kiruna"],
    ["principles", "--pack", "innovationsresan-metodbank", "--lang", "en"],
    ["principles", "--pack", "metodbank", "--json"],
    ["principles", "--pack", "nowhere"],
    ["levels"],
    ["levels", "--json", "--pack", "metodbank"],
    ["levels", "--lang", "en", "--pack", "kiruna"],
    ["levels", "--pack", "innovationsresan-nowhere"],
]


#: The project's own packs (both load without any problem).
PACKS = Path(__file__).parents[1] / "contentpacks"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeSite]:
    """Copies of the project's two packs installed in a site folder of their own (ahead of
    the installed ones), the only packs allowed, and a cache folder of the test's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("INNOVATIONSRESAN_NO_CACHE", raising=False)
    monkeypatch.delenv("INNOVATIONSRESAN_PRIMARY_PACK", raising=False)
    for name in ("innovationsresan_kiruna", "innovationsresan_metodbank"):
        monkeypatch.delitem(sys.modules, name, raising=False)  # the copies are imported
    for made in fake_site(tmp_path, monkeypatch):
        made.install(PACKS / "kiruna")
        made.install(PACKS / "metodbank")
        monkeypatch.setenv("INNOVATIONSRESAN_PACKS", "kiruna,metodbank")
        yield made


def run(*argv: str) -> tuple[int, str, str]:
    """Run a command line in this process: its exit code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), context=Context(out=out, err=err))
    return code, out.getvalue(), err.getvalue()


def no_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make loading the catalogue fail loudly, so an answer must come from the index."""

    def refuse(*_: Any, **__: Any) -> Any:
        raise AssertionError("the catalogue was loaded")

    monkeypatch.setattr(loader, "load_catalog", refuse)


def index_files(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "cache" / "innovationsresan" / checkedcache.FOLDER
    return sorted(folder.glob("index-*.json"))


class TestSameAnswers:
    @pytest.mark.parametrize("argv", ANSWERED, ids=" ".join)
    def test_answer_from_the_index_is_the_loaded_one(
        self, site: FakeSite, monkeypatch: pytest.MonkeyPatch, argv: list[str]
    ) -> None:
        """Output and exit code are the same, byte for byte, with the index and without it."""
        monkeypatch.setenv("INNOVATIONSRESAN_NO_CACHE", "1")
        loaded = run(*argv)
        monkeypatch.delenv("INNOVATIONSRESAN_NO_CACHE")
        load_catalog()  # writes the index
        no_loading(monkeypatch)
        assert loaded == run(*argv)

    def test_the_index_lists_the_packs(self, site: FakeSite) -> None:
        """After a load the index is there and names the loaded packs, in order."""
        assert index.lookup() is None
        load_catalog()
        found = index.lookup()
        assert found is not None
        assert ["kiruna", "metodbank"] == found.loaded

    def test_the_index_is_written_once(self, site: FakeSite, tmp_path: Path) -> None:
        """A load with the index up to date leaves its file alone."""
        load_catalog()
        (written,) = index_files(tmp_path)
        stamp = written.stat().st_mtime_ns
        os.utime(written, ns=(stamp - 10**9, stamp - 10**9))
        load_catalog()
        assert stamp - 10**9 == written.stat().st_mtime_ns


class TestUsedOnlyWhileTheSame:
    def test_changed_content_file(self, site: FakeSite) -> None:
        """A pack's TOML file edited (by one byte) makes the index unusable until a load."""
        load_catalog()
        pack_toml = site.root / "innovationsresan_kiruna" / "content" / "pack.toml"
        pack_toml.write_bytes(pack_toml.read_bytes() + b"\n")
        assert index.lookup() is None
        load_catalog()
        assert index.lookup() is not None

    def test_new_file_in_a_content_folder(self, site: FakeSite) -> None:
        """A file added to a pack's content folder is seen (the reader names unknown files)."""
        load_catalog()
        (site.root / "innovationsresan_metodbank" / "content" / "notes.txt").write_text(
            "x", "utf-8"
        )
        assert index.lookup() is None

    def test_changed_pack_code(self, site: FakeSite) -> None:
        """A pack's Python code changed (it might name another folder now)."""
        load_catalog()
        module = site.root / "innovationsresan_metodbank" / "__init__.py"
        module.write_text(module.read_text("utf-8") + "\n# changed\n", "utf-8")
        assert index.lookup() is None

    def test_new_module_in_a_pack(self, site: FakeSite) -> None:
        """A Python file added to a pack's package counts as changed code."""
        load_catalog()
        (site.root / "innovationsresan_kiruna" / "extra.py").write_text("X = 1\n", "utf-8")
        assert index.lookup() is None

    def test_other_installed_packs(self, site: FakeSite) -> None:
        """Another distribution in the group (even one the allow-list leaves out)."""
        load_catalog()
        site.install("alpha", distribution="innovationsresan-gamma")
        assert index.lookup() is None

    def test_other_version(self, site: FakeSite) -> None:
        """A pack's distribution at another version."""
        load_catalog()
        shutil.rmtree(next(site.root.glob("innovationsresan_metodbank-*.dist-info")))
        site.install(PACKS / "metodbank", version="9.9.9")
        assert index.lookup() is None

    @pytest.mark.parametrize(
        ("name", "value"),
        [("INNOVATIONSRESAN_PACKS", "kiruna"), ("INNOVATIONSRESAN_PRIMARY_PACK", "metodbank")],
    )
    def test_other_environment(
        self, site: FakeSite, monkeypatch: pytest.MonkeyPatch, name: str, value: str
    ) -> None:
        """Another choice of packs, or of the primary pack, has an index of its own."""
        load_catalog()
        monkeypatch.setenv(name, value)
        assert index.lookup() is None
        load_catalog()
        assert index.lookup() is not None

    def test_other_library_code(self, site: FakeSite, monkeypatch: pytest.MonkeyPatch) -> None:
        """An index written by other code of the library (another checksum) is not used."""
        load_catalog()
        monkeypatch.setattr(index, "_code", lambda: "other")
        assert index.lookup() is None

    @pytest.mark.parametrize(
        "damage",
        [
            lambda blob: blob[: len(blob) // 2],
            lambda blob: blob.replace(b'"packs"', b'"pack"', 1),
            lambda blob: b"",
            lambda blob: blob.replace(b"innovationsresan-index/1", b"innovationsresan-index/9"),
            lambda blob: b"\xff" + blob,
        ],
    )
    def test_damaged_index(
        self, site: FakeSite, tmp_path: Path, damage: Any, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A damaged index is passed over: the command loads the packs and answers as usual,
        and the next load writes the index again."""
        monkeypatch.setenv("INNOVATIONSRESAN_NO_CACHE", "1")
        expected = run("packs")
        monkeypatch.delenv("INNOVATIONSRESAN_NO_CACHE")
        load_catalog()
        (written,) = index_files(tmp_path)
        written.write_bytes(damage(written.read_bytes()))
        assert index.lookup() is None
        assert expected == run("packs")
        assert index.lookup() is not None

    @pytest.mark.parametrize(
        "body",
        [
            b"[]",
            b'{"packs": [{"id": 1}], "principles": {"": []}, "languages": []}',
            b'{"packs": [], "principles": {"": [{"id": "x", "name": "x"}]}, "languages": []}',
            b'{"packs": [], "principles": {}, "levels": {"": []}, "languages": []}',
            b'{"packs": [], "principles": {"": []}, "levels": {"": [{}]}, "languages": []}',
            b'{"packs": [], "principles": {"": []}, "levels": {"": []}, "languages": [1]}',
        ],
    )
    def test_index_of_another_shape(self, site: FakeSite, tmp_path: Path, body: bytes) -> None:
        """An index whose checksum holds but whose content has another shape (written by
        hand, or by a broken copy of the library) is passed over too."""
        load_catalog()
        (written,) = index_files(tmp_path)
        header = written.read_bytes().split(b"\n", 1)[0]
        written.write_bytes(b"\n".join((header, index._checksum(body).encode(), body)))
        assert index.lookup() is None

    def test_oversized_index_is_not_read(
        self, site: FakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An index longer than the limits (a first line, or a body) is passed over without
        being read whole."""
        load_catalog()
        monkeypatch.setattr(index, "MAX_BODY_BYTES", 100)
        assert index.lookup() is None
        monkeypatch.setattr(index, "MAX_BODY_BYTES", 16 * 1024 * 1024)
        monkeypatch.setattr(index, "MAX_HEADER_BYTES", 100)
        assert index.lookup() is None

    def test_turned_off(self, site: FakeSite, monkeypatch: pytest.MonkeyPatch) -> None:
        """INNOVATIONSRESAN_NO_CACHE turns the index off: neither written nor read."""
        load_catalog()
        monkeypatch.setenv("INNOVATIONSRESAN_NO_CACHE", "1")
        assert index.lookup() is None


class TestNotWritten:
    def test_pack_with_a_problem(
        self, site: FakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Any problem, even a warning, leaves the index out: the commands must show it."""
        site.install(
            "alpha",
            distribution="innovationsresan-delta",
            entry_points={"odd-name": "innovationsresan_kiruna:plugin"},
        )
        monkeypatch.setenv("INNOVATIONSRESAN_PACKS", "kiruna,metodbank,delta")
        assert "entry-point-name" in {p.code for p in load_catalog().problems}
        assert [] == index_files(tmp_path)

    def test_pack_with_more_hooks(
        self, site: FakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A pack whose code gives more than a folder is not indexed (its code could answer
        otherwise next time)."""
        module = site.root / "innovationsresan_metodbank" / "__init__.py"
        module.write_text(
            module.read_text("utf-8")
            + "\n\nfrom innovationsresan import hookimpl\n\n\n@hookimpl\n"
            + "def innovationsresan_links():\n    return []\n",
            "utf-8",
        )
        load_catalog()
        assert [] == index_files(tmp_path)

    def test_file_changed_while_loading(
        self, site: FakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A content file edited after the packs were read but before the index is written:
        no index, for it would vouch for files the catalogue was not read from."""
        real = index.refresh

        def edited_meanwhile(*args: Any) -> None:
            toml = site.root / "innovationsresan_kiruna" / "content" / "pack.toml"
            toml.write_bytes(toml.read_bytes() + b"\n")
            real(*args)

        monkeypatch.setattr(index, "refresh", edited_meanwhile)
        load_catalog()
        assert [] == index_files(tmp_path)

    def test_loads_with_arguments(self, site: FakeSite, tmp_path: Path) -> None:
        """A load choosing its own packs or primary pack describes no installation."""
        load_catalog(packs=["kiruna"])
        load_catalog(primary="metodbank")
        assert [] == index_files(tmp_path)


class TestKeyWhole:
    def test_code_lists_every_module_loading_uses(self) -> None:
        """CODE names every file of the library that loading the catalogue and writing the
        index import (besides the command line, which runs either way)."""
        used = library_files_imported(
            "innovationsresan.packs.loader",
            "innovationsresan.packs.content",
            "innovationsresan.packs.datapack",
            "innovationsresan.files.jsonable",
        )
        assert used == set(index.CODE)
