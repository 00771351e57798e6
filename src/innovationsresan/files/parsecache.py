"""A cache of parsed pack files, so that a command need not parse the packs' TOML every time.

Parsing TOML costs more than anything else when a command loads the catalogue. A pack file that
parsed without a problem is kept in the user's cache folder (``$XDG_CACHE_HOME``, else
``~/.cache``, then ``innovationsresan/parsed-1-py3.x``) as JSON beside an exact copy of the
file's bytes. An entry is used only when

* the file's bytes now are exactly the ones it was made from (compared in full, so an edited
  file is always parsed again, whatever its size and time stamp), and
* its JSON is whole: a checksum over it is right and it reads as a table.

Anything else (a missing, broken or foreign entry, a cache folder that cannot be made or
written) is passed over quietly and the file is parsed as usual, so the cache never changes
what is read, only how fast. Entries are written atomically, one per file path, replaced when
the file changes. Documents holding dates or times (which JSON cannot hold) are not cached.
``INNOVATIONSRESAN_NO_CACHE=1`` turns the cache off. Only pack content goes through it: never
responses or plans (docs/performance.md).
"""

from __future__ import annotations

import json
import os
import sys
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from innovationsresan.files.cachefolder import cache_folder, prune, read_entry

#: The first bytes of every entry: a new format of entries gets a new number.
MAGIC = b"innovationsresan-parsed/1"

#: The folder's name: per format and per Python version (whose tomllib did the parsing).
FOLDER = f"parsed-1-py{sys.version_info[0]}.{sys.version_info[1]}"

#: At most this many entries are kept (one per pack file path ever read).
KEEP = 2000


def folder() -> Path | None:
    """The cache folder, ``None`` when the cache is turned off."""
    where = cache_folder(FOLDER)
    return None if where is None else Path(where)


def entry_path(where: Path, source: str) -> Path:
    """The entry of the file named *source* (its path): one per path."""
    key = source.encode("utf-8", "surrogateescape")
    name = os.path.basename(source)[-40:] or "file"
    return where / f"{zlib.crc32(key):08x}{zlib.adler32(key):08x}-{name}.cache"


def lookup(source: str, data: bytes) -> Mapping[str, Any] | None:
    """The document parsed from *data* before, when the entry of *source* holds just that."""
    where = folder()
    if where is None:
        return None
    found = read_entry(entry_path(where, source), magic=MAGIC, fields=0, inputs=data)
    if found is None:
        return None
    _, checksum, payload = found
    if zlib.crc32(payload) != checksum:
        return None
    try:
        value = json.loads(payload)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def store(source: str, data: bytes, document: Mapping[str, Any]) -> None:
    """Keep *document*, parsed from *data*, as the entry of *source*; nothing when it cannot be."""
    where = folder()
    if where is None:
        return
    try:
        payload = json.dumps(
            document, ensure_ascii=False, separators=(",", ":"), default=_refuse
        ).encode("utf-8")
    except (TypeError, ValueError, RecursionError):  # a date or time: not for JSON
        return
    header = b" ".join((MAGIC, str(len(data)).encode(), str(zlib.crc32(payload)).encode()))
    from innovationsresan.files.documents import atomic_write_bytes  # noqa: PLC0415 - a cycle

    try:
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic_write_bytes(entry_path(where, source), b"".join((header, b"\n", data, payload)))
    except OSError:
        return
    prune(str(where), suffix=".cache", keep=KEEP)


def _refuse(value: object) -> object:
    raise TypeError(f"not cached: {type(value).__name__}")
