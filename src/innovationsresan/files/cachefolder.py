"""The library's folder in the user's cache, and keeping each cache in it to a bounded size.

Every cache of the library (parsed pack files, checked packs, the index of installed packs,
compiled report templates) lives in its own folder under ``$XDG_CACHE_HOME/innovationsresan``
(else ``~/.cache/innovationsresan``), and ``INNOVATIONSRESAN_NO_CACHE=1`` turns them all off
(docs/performance.md). A cache keyed by file path would otherwise grow for ever as a user
checks one temporary pack folder after another, so each keeps at most a fixed number of
entries: writing one past it removes the entries used longest ago.

Plain Python on :mod:`os` only: the command line reads the index of installed packs through it
before anything else is loaded.
"""

from __future__ import annotations

import os

#: The variable that turns every cache off.
OFF_VARIABLE = "INNOVATIONSRESAN_NO_CACHE"


def cache_folder(name: str) -> str | None:
    """The folder of the cache *name* (it may not exist yet); ``None`` when caches are off."""
    if os.environ.get(OFF_VARIABLE):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "innovationsresan", name)


def prune(folder: str, *, suffix: str, keep: int) -> int:
    """Remove the entries of *folder* named ``*suffix`` beyond the *keep* used most recently
    (by modification time, which reading an entry does not change but writing it does);
    the number removed. Entries that vanish meanwhile, or cannot be removed, are passed over."""
    found: list[tuple[int, str]] = []
    try:
        with os.scandir(folder) as scan:
            for entry in scan:
                if entry.name.endswith(suffix) and entry.is_file(follow_symlinks=False):
                    try:
                        found.append((entry.stat(follow_symlinks=False).st_mtime_ns, entry.path))
                    except OSError:
                        continue
    except OSError:
        return 0
    if len(found) <= keep:
        return 0
    found.sort(reverse=True)
    removed = 0
    for _, path in found[keep:]:
        try:
            os.unlink(path)
        except OSError:
            continue
        removed += 1
    return removed


def read_entry(
    path: str | os.PathLike[str], *, magic: bytes, fields: int, inputs: bytes
) -> tuple[list[bytes], int, bytes] | None:
    """The parts of the cache entry at *path*, when it was made from exactly *inputs*.

    An entry is one header line, ``MAGIC FIELD… SIZE CHECKSUM``, then a copy of the inputs it
    was made from (SIZE bytes), then its payload. Given *fields*, the number of FIELDs, this
    gives ``(FIELDs, CHECKSUM, payload)``; ``None`` when the entry is missing or unreadable,
    has another magic or shape, or holds other inputs. Checking the payload against CHECKSUM
    is the caller's (each cache sums it its own way).
    """
    try:
        with open(path, "rb") as handle:
            blob = handle.read()
    except OSError:
        return None
    header, _, rest = blob.partition(b"\n")
    parts = header.split(b" ")
    if len(parts) != fields + 3 or parts[0] != magic:
        return None
    try:
        size, checksum = int(parts[-2]), int(parts[-1])
    except ValueError:
        return None
    if size != len(inputs) or rest[:size] != inputs:
        return None
    return parts[1:-2], checksum, rest[size:]
