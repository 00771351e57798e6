"""The cache of checked packs: used only for exactly the files and the code it was made from."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import innovationsresan
from innovationsresan import hookimpl
from innovationsresan.catalog import Catalog
from innovationsresan.packs import checkedcache
from innovationsresan.packs.content import PackReader
from innovationsresan.packs.datapack import DataPack
from innovationsresan.packs.loader import load_catalog
from tests.fakesite import FIXTURES

ALPHA = FIXTURES / "alpha" / "src" / "innovationsresan_alpha" / "content"
CORPUS = Path(__file__).parent / "corpus" / "packs"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of its own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("INNOVATIONSRESAN_NO_CACHE", raising=False)
    return tmp_path / "cache" / "innovationsresan" / checkedcache.FOLDER


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A copy of the alpha fixture pack's content folder, to change at will."""
    return Path(shutil.copytree(ALPHA, tmp_path / "alpha"))


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.cache")) if cache.is_dir() else []


def load(folder: Path) -> Catalog:
    return load_catalog(entry_points=False, plugins=[DataPack(folder, content="")])


def no_checking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every check of a pack fail loudly, so a pack loaded must come from the cache."""

    def refuse(*_: Any, **__: Any) -> Any:
        raise AssertionError("checked, not taken from the cache")

    monkeypatch.setattr(PackReader, "finish", refuse)


class TestSameResult:
    def test_second_load_comes_from_the_cache(
        self, pack: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A pack loaded again with the same files is the same catalogue, without checking it."""
        first = load(pack)
        assert 1 == len(entries(cache))
        no_checking(monkeypatch)
        assert first == load(pack)

    def test_installed_packs_alike_with_and_without_the_cache(
        self, cache: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The installed packs (Kiruna's, the method bank) give the same catalogue from the
        cache as checked anew."""
        load_catalog()  # fills the cache
        warm = load_catalog()
        monkeypatch.setenv("INNOVATIONSRESAN_NO_CACHE", "1")
        cold = load_catalog()
        assert [s.status for s in cold.packs] == [s.status for s in warm.packs]
        assert cold == warm

    @pytest.mark.parametrize("case", sorted(p.name for p in CORPUS.iterdir() if p.is_dir()))
    def test_broken_packs_alike(
        self, case: str, tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A pack with problems gives the same problems, in the same order, from the cache."""
        folder = Path(shutil.copytree(CORPUS / case, tmp_path / case))
        first = load(folder)
        second = load(folder)
        monkeypatch.setenv("INNOVATIONSRESAN_NO_CACHE", "1")
        assert load(folder) == first == second
        assert list(first.problems) == list(second.problems)


class TestChangesSeen:
    def test_edited_file_is_checked_again_whatever_its_size_and_time(
        self, pack: Path, cache: Path
    ) -> None:
        """Same size, same modification time, other bytes: the new text is what is loaded."""
        load(pack)
        path = pack / "pack.toml"
        text = path.read_text(encoding="utf-8")
        stamp = path.stat()
        assert 'version = "1.2.0"' in text
        path.write_text(text.replace('version = "1.2.0"', 'version = "1.2.9"'), encoding="utf-8")
        os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
        assert stamp.st_size == path.stat().st_size
        assert ["1.2.9"] == [s.version for s in load(pack).packs]

    def test_new_file_in_the_folder_is_named(self, pack: Path, cache: Path) -> None:
        """A file added beside the pack's files gets its warning, as without the cache."""
        load(pack)
        (pack / "README.md").write_text("hej\n", encoding="utf-8")
        codes = [p.code for s in load(pack).packs for p in s.problems]
        assert "unknown-file" in codes

    def test_other_files_count_by_name(self, pack: Path, cache: Path) -> None:
        """A file the pack does not read is not copied, and its bytes do not matter; its name
        does (it is named in a warning)."""
        (pack / "README.md").write_text("hej\n", encoding="utf-8")
        first = load(pack)
        (entry,) = entries(cache)
        assert b"hej" not in entry.read_bytes()
        (pack / "README.md").write_text("hej då\n", encoding="utf-8")
        with pytest.MonkeyPatch.context() as patch:
            no_checking(patch)
            assert first == load(pack)
        (pack / "README.md").rename(pack / "LÄSMIG.md")
        assert first != load(pack)

    def test_removed_file_is_missed(self, pack: Path, cache: Path) -> None:
        """A file taken away is no longer loaded."""
        before = load(pack)
        (pack / "stories.toml").unlink()
        assert before.stories
        assert () == load(pack).stories

    def test_other_code_makes_other_entries(
        self, pack: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An entry made by other code of the library (another checksum) is not used."""
        load(pack)
        monkeypatch.setattr(checkedcache, "code_checksum", lambda: b"other")
        checked: list[object] = []
        finish = PackReader.finish

        def counted(self: PackReader) -> Any:
            checked.append(self)
            return finish(self)

        monkeypatch.setattr(PackReader, "finish", counted)
        load(pack)
        assert 1 == len(checked)


class TestPassedOver:
    @pytest.mark.parametrize(
        "damage",
        [
            lambda blob: blob[: len(blob) // 2],  # cut short
            lambda blob: blob[:-3] + bytes([blob[-3] ^ 1]) + blob[-2:],  # one byte changed
            lambda blob: b"not an entry at all",
            lambda blob: b"",
        ],
    )
    def test_damaged_entry(self, damage: Any, pack: Path, cache: Path) -> None:
        """A damaged entry is passed over: the pack is checked as usual, and the entry mended."""
        first = load(pack)
        (entry,) = entries(cache)
        entry.write_bytes(damage(entry.read_bytes()))
        assert first == load(pack)
        assert checkedcache.lookup(pack, *_key_and_listing(pack)) is not None

    def test_entry_naming_other_classes_is_refused(self, pack: Path, cache: Path) -> None:
        """An entry whose data names anything but the model's classes is refused unread:
        nothing of it runs, even with a right checksum."""
        first = load(pack)
        (entry,) = entries(cache)
        key, now = _key_and_listing(pack)
        marker = pack.parent / "ran"
        payload = pickle.dumps(_MakesFolder(str(marker)))
        blob = b"".join((checkedcache._header(_code(), now, payload), b"\n", now, payload))
        entry.write_bytes(blob)
        assert checkedcache.lookup(pack, key, now) is None
        assert not marker.exists()
        assert first == load(pack)

    def test_turned_off(self, pack: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """INNOVATIONSRESAN_NO_CACHE=1: nothing is written, and nothing kept is read."""
        load(pack)
        (entry,) = entries(cache)
        monkeypatch.setenv("INNOVATIONSRESAN_NO_CACHE", "1")
        entry.unlink()
        listed: list[Path] = []
        listing = checkedcache.listing
        monkeypatch.setattr(checkedcache, "listing", lambda f: listed.append(f) or listing(f))
        load(pack)
        assert [] == entries(cache)
        assert [] == listed  # the folder is read once, by the reader alone

    def test_cache_that_cannot_be_written(self, pack: Path, tmp_path: Path) -> None:
        """A cache folder that cannot be made (a file is in the way) changes nothing."""
        blocked = tmp_path / "blocked"
        blocked.write_text("", encoding="utf-8")
        env = {"XDG_CACHE_HOME": str(blocked)}
        with pytest.MonkeyPatch.context() as patch:
            for name, value in env.items():
                patch.setenv(name, value)
            patch.delenv("INNOVATIONSRESAN_NO_CACHE", raising=False)
            assert [s.status for s in load(pack).packs] == ["ok"]

    def test_pack_with_more_hooks_is_not_kept(self, pack: Path, cache: Path) -> None:
        """A pack whose code gives more than its folder is checked every time (its hooks may
        give something else next time)."""

        class More:
            __name__ = "more"

            @hookimpl
            def innovationsresan_content_dir(self) -> Path:
                return pack

            @hookimpl
            def innovationsresan_statements(self) -> list[object]:
                return []

        catalog = load_catalog(entry_points=False, plugins=[More()])
        assert ["ok"] == [s.status for s in catalog.packs]
        assert [] == entries(cache)

    def test_large_folder_is_not_kept(
        self, pack: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Files larger together than the limit are checked every time, not copied."""
        monkeypatch.setattr(checkedcache, "MAX_BYTES", 100)
        assert ["ok"] == [s.status for s in load(pack).packs]
        assert [] == entries(cache)


@pytest.mark.subprocess
def library_files_imported(*modules: str) -> set[str]:
    """The library's files (paths under the package, with ``/``) that importing *modules*
    loads, in a fresh interpreter."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys, {', '.join(modules)}\n"
            "print('\\n'.join(m.__file__ for n, m in sys.modules.items() "
            "if n.startswith('innovationsresan') and getattr(m, '__file__', None)))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    package = Path(innovationsresan.__file__).parent
    return {Path(line).relative_to(package).as_posix() for line in done.stdout.split()}


class TestKeyWhole:
    def test_code_lists_every_module_the_reader_uses(self) -> None:
        """CODE names every file of the library that reading and checking a pack imports."""
        used = library_files_imported(
            "innovationsresan.packs.content", "innovationsresan.packs.checkedcache"
        )
        assert used == set(checkedcache.CODE)

    def test_reading_a_pack_opens_only_its_folder_entries(self, pack: Path) -> None:
        """Checking a pack reads only TOML files directly in its content folder, all of which
        the entry's copy holds: nothing in a subfolder, no other file, nothing next to it."""
        (pack / "sub").mkdir()
        (pack / "sub" / "cards.toml").write_text("", encoding="utf-8")
        (pack / "cards.json").write_text("{}", encoding="utf-8")
        (pack / "README.md").write_text("", encoding="utf-8")
        probe = (
            "import sys\n"
            "opened = []\n"
            "sys.addaudithook(lambda e, a: opened.append(str(a[0])) if e == 'open' else None)\n"
            "from innovationsresan.packs.content import read_pack_folder\n"
            "from pathlib import Path\n"
            "read_pack_folder(Path(sys.argv[1]))\n"
            "print('\\n'.join(opened))\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", probe, str(pack)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "INNOVATIONSRESAN_NO_CACHE": "1"},
        )
        near = [
            Path(line)
            for line in done.stdout.splitlines()
            if line.startswith(str(pack.parent)) and not line.endswith(".py")
        ]
        assert near
        assert all(path.parent == pack for path in near), near
        assert all(path.name.endswith(checkedcache.READ_SUFFIX) for path in near), near


class _MakesFolder:
    """Pickles as a call of a function outside the model: one that makes a folder."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return os.mkdir, (self.path,)


def _code() -> bytes:
    code = checkedcache.code_checksum()
    assert code is not None
    return code


def _key_and_listing(folder: Path) -> tuple[tuple[str, str, str], bytes]:
    """The key a pack given as a plugin is kept under (its provisional name, no expected id,
    no distribution), and its folder's listing."""
    now = checkedcache.listing(folder)
    assert now is not None
    return (f"{folder}/", "None", ""), now


@pytest.mark.subprocess
def test_off_under_mutation_testing() -> None:
    """With a mutant under test (mutmut's MUTANT_UNDER_TEST), every pack is checked anew:
    the files of every mutant are the same, so the cache could not tell them apart."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"{__file__}::TestSameResult::test_second_load_comes_from_the_cache",
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "MUTANT_UNDER_TEST": "innovationsresan.checks.x_mutant__1"},
        cwd=Path(__file__).parent.parent,
    )
    assert 1 == done.returncode, done.stdout
    assert "1 failed" in done.stdout
