"""The cache of parsed pack files: used only for exactly the bytes it was made from."""

from __future__ import annotations

import os
import tomllib
import zlib
from pathlib import Path
from typing import Any

import pytest

from innovationsresan.files import parsecache
from innovationsresan.files.documents import load_document
from innovationsresan.files.responses import read_response

PACK = """schema = "innovationsresan.pack/1"
id = "demo"
name.sv = "Demo"
name.en = "Demo"
weight = 0.5
"""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of its own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("INNOVATIONSRESAN_NO_CACHE", raising=False)
    return tmp_path / "cache" / "innovationsresan" / parsecache.FOLDER


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.cache")) if cache.is_dir() else []


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every TOML parse fail loudly, so a document read must come from the cache."""

    def refuse(*_: Any, **__: Any) -> Any:
        raise AssertionError("parsed, not taken from the cache")

    monkeypatch.setattr(tomllib, "loads", refuse)


def test_second_read_comes_from_the_cache(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file read again with the same bytes is the same document, without parsing it."""
    path = tmp_path / "pack.toml"
    path.write_text(PACK, encoding="utf-8")
    first, problems = load_document(path, cached=True)
    assert [] == problems
    assert 1 == len(entries(cache))
    no_parsing(monkeypatch)
    assert (first, []) == load_document(path, cached=True)


def test_edited_file_is_parsed_again_whatever_its_size_and_time(
    tmp_path: Path, cache: Path
) -> None:
    """Same size, same modification time, other bytes: the new text is what is read."""
    path = tmp_path / "pack.toml"
    path.write_text(PACK, encoding="utf-8")
    load_document(path, cached=True)
    stamp = path.stat()
    path.write_text(PACK.replace("0.5", "0.7"), encoding="utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert stamp.st_size == path.stat().st_size
    document, _ = load_document(path, cached=True)
    assert document is not None
    assert 0.7 == document["weight"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: blob[: len(blob) // 2],  # cut short
        lambda blob: blob[:-3] + b"9" + blob[-2:],  # one byte of the JSON changed
        lambda blob: b"not an entry at all",
        lambda blob: b"",
        lambda blob: blob.replace(b"innovationsresan-parsed/1", b"innovationsresan-parsed/9"),
    ],
)
def test_broken_entry_is_passed_over_and_made_again(
    tmp_path: Path, cache: Path, damage: Any
) -> None:
    """A damaged entry never changes what is read: the file is parsed and the entry rewritten."""
    path = tmp_path / "pack.toml"
    path.write_text(PACK, encoding="utf-8")
    expected, _ = load_document(path, cached=True)
    (entry,) = entries(cache)
    good = entry.read_bytes()
    entry.write_bytes(damage(good))
    assert (expected, []) == load_document(path, cached=True)
    assert good == entry.read_bytes()


def test_entry_whose_json_is_no_table_is_passed_over(tmp_path: Path, cache: Path) -> None:
    """Whole JSON that is not a table (a list) is not taken for a document."""
    path = tmp_path / "pack.toml"
    path.write_text(PACK, encoding="utf-8")
    expected, _ = load_document(path, cached=True)
    (entry,) = entries(cache)
    data = path.read_bytes()
    header = parsecache.MAGIC + b" %d %d\n" % (len(data), zlib.crc32(b"[1, 2]"))
    entry.write_bytes(header + data + b"[1, 2]")
    assert (expected, []) == load_document(path, cached=True)


def test_dates_are_not_cached(tmp_path: Path, cache: Path) -> None:
    """A document holding a date (which JSON cannot hold) is parsed every time, correctly."""
    path = tmp_path / "pack.toml"
    path.write_text('when = 2026-12-01\nname = "x"\n', encoding="utf-8")
    document, _ = load_document(path, cached=True)
    assert document is not None
    assert "2026-12-01" == document["when"].isoformat()
    assert [] == entries(cache)


def test_problems_are_not_cached(tmp_path: Path, cache: Path) -> None:
    """A file with a syntax error gives its problem every time and leaves no entry."""
    path = tmp_path / "pack.toml"
    path.write_text('name = "x\n', encoding="utf-8")
    first = load_document(path, cached=True)
    assert first[0] is None
    assert ["syntax-error"] == [p.code for p in first[1]]
    assert first == load_document(path, cached=True)
    assert [] == entries(cache)


def test_no_cache_when_asked(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """INNOVATIONSRESAN_NO_CACHE=1 writes nothing and reads the file as usual."""
    monkeypatch.setenv("INNOVATIONSRESAN_NO_CACHE", "1")
    path = tmp_path / "pack.toml"
    path.write_text(PACK, encoding="utf-8")
    document, _ = load_document(path, cached=True)
    assert document is not None
    assert [] == entries(cache)


def test_cache_folder_that_cannot_be_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the cache folder cannot be made, the file is read all the same."""
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    monkeypatch.delenv("INNOVATIONSRESAN_NO_CACHE", raising=False)
    path = tmp_path / "pack.toml"
    path.write_text(PACK, encoding="utf-8")
    expected = tomllib.loads(PACK)
    assert (expected, []) == load_document(path, cached=True)
    assert (expected, []) == load_document(path, cached=True)


def test_only_pack_content_is_cached(tmp_path: Path, cache: Path) -> None:
    """Documents read without asking for the cache, such as responses, leave nothing there."""
    path = tmp_path / "p1.toml"
    path.write_text(
        'schema = "innovationsresan.response/1"\nscale = 5\n'
        "[current.organisation]\ncuriosity = 3\n",
        encoding="utf-8",
    )
    read_response(path)
    load_document(path)
    assert [] == entries(cache)


def test_one_entry_per_file_replaced_when_it_changes(tmp_path: Path, cache: Path) -> None:
    """Editing a file many times keeps one entry for it, not one per version."""
    path = tmp_path / "pack.toml"
    for weight in ("0.1", "0.2", "0.3"):
        path.write_text(PACK.replace("0.5", weight), encoding="utf-8")
        load_document(path, cached=True)
    assert 1 == len(entries(cache))
