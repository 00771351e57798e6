"""The library's cache folder: where it is, that it can be turned off, and that each cache in
it stays bounded."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from innovationsresan.files import cachefolder, parsecache
from innovationsresan.files.cachefolder import cache_folder, prune, read_entry


def aged(folder: Path, *names: str) -> None:
    """Make *names* in *folder*, the first the oldest (a second apart)."""
    folder.mkdir(parents=True, exist_ok=True)
    for age, name in enumerate(reversed(names)):
        path = folder / name
        path.write_text(name, "utf-8")
        stamp = 1_700_000_000 - age
        os.utime(path, (stamp, stamp))


class TestWhere:
    def test_under_xdg_cache_home(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """$XDG_CACHE_HOME/innovationsresan/NAME, else ~/.cache/innovationsresan/NAME."""
        monkeypatch.delenv(cachefolder.OFF_VARIABLE, raising=False)
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
        assert str(tmp_path / "innovationsresan" / "x") == cache_folder("x")
        monkeypatch.delenv("XDG_CACHE_HOME")
        monkeypatch.setenv("HOME", str(tmp_path / "home"))
        assert str(tmp_path / "home" / ".cache" / "innovationsresan" / "x") == cache_folder("x")

    def test_turned_off(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """INNOVATIONSRESAN_NO_CACHE=1 turns every cache off."""
        monkeypatch.setenv("INNOVATIONSRESAN_NO_CACHE", "1")
        assert cache_folder("x") is None


class TestPrune:
    def test_keeps_the_newest(self, tmp_path: Path) -> None:
        """Beyond *keep*, the entries written longest ago go; other names stay."""
        aged(tmp_path, "a.cache", "b.cache", "c.cache", "d.cache", "notes.txt")
        assert 2 == prune(str(tmp_path), suffix=".cache", keep=2)
        assert ["c.cache", "d.cache", "notes.txt"] == sorted(p.name for p in tmp_path.iterdir())

    def test_nothing_beyond(self, tmp_path: Path) -> None:
        """At or under *keep* nothing is removed."""
        aged(tmp_path, "a.cache", "b.cache")
        assert 0 == prune(str(tmp_path), suffix=".cache", keep=2)
        assert 2 == len(list(tmp_path.iterdir()))

    def test_folders_are_passed_over(self, tmp_path: Path) -> None:
        """Only files count: a folder with the suffix is neither counted nor removed."""
        aged(tmp_path, "a.cache", "b.cache")
        (tmp_path / "z.cache").mkdir()
        assert 1 == prune(str(tmp_path), suffix=".cache", keep=1)
        assert ["b.cache", "z.cache"] == sorted(p.name for p in tmp_path.iterdir())

    def test_missing_folder(self, tmp_path: Path) -> None:
        """A folder that is not there has nothing to remove."""
        assert 0 == prune(str(tmp_path / "nowhere"), suffix=".cache", keep=0)


def test_parsed_files_cache_stays_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Storing parsed files for ever new paths keeps only the newest KEEP entries."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("INNOVATIONSRESAN_NO_CACHE", raising=False)
    monkeypatch.setattr(parsecache, "KEEP", 3)
    for n in range(5):
        parsecache.store(f"/packs/p{n}/pack.toml", b"x = %d\n" % n, {"x": n})
        where = parsecache.folder()
        assert where is not None
        for entry in where.iterdir():  # written a second apart, in order
            stamp = entry.stat().st_mtime - 10
            os.utime(entry, (stamp, stamp))
    where = parsecache.folder()
    assert where is not None
    assert 3 == len(list(where.glob("*.cache")))
    assert {"x": 4} == parsecache.lookup("/packs/p4/pack.toml", b"x = 4\n")
    assert parsecache.lookup("/packs/p0/pack.toml", b"x = 0\n") is None


class TestReadEntry:
    INPUTS = b"the inputs"

    def entry(self, tmp_path: Path, header: bytes, inputs: bytes = INPUTS) -> Path:
        path = tmp_path / "e.cache"
        path.write_bytes(header + b"\n" + inputs + b"payload")
        return path

    def test_parts(self, tmp_path: Path) -> None:
        """The header's fields, the checksum and the payload after the inputs."""
        path = self.entry(tmp_path, b"MAGIC code 10 42")
        assert ([b"code"], 42, b"payload") == read_entry(
            path, magic=b"MAGIC", fields=1, inputs=self.INPUTS
        )

    @pytest.mark.parametrize(
        "header",
        [
            b"OTHER code 10 42",  # another magic
            b"MAGIC 10 42",  # a field missing
            b"MAGIC code extra 10 42",  # a field too many
            b"MAGIC code ten 42",  # no size
            b"MAGIC code 10 x",  # no checksum
            b"MAGIC code 9 42",  # another size
        ],
    )
    def test_other_shapes(self, tmp_path: Path, header: bytes) -> None:
        """An entry of another shape or size gives nothing."""
        path = self.entry(tmp_path, header)
        assert read_entry(path, magic=b"MAGIC", fields=1, inputs=self.INPUTS) is None

    def test_other_inputs(self, tmp_path: Path) -> None:
        """An entry made from other inputs of the same size gives nothing."""
        path = self.entry(tmp_path, b"MAGIC code 10 42", inputs=b"the output")
        assert read_entry(path, magic=b"MAGIC", fields=1, inputs=self.INPUTS) is None

    def test_missing(self, tmp_path: Path) -> None:
        """No entry, nothing."""
        assert read_entry(tmp_path / "no", magic=b"M", fields=0, inputs=b"") is None
