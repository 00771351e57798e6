"""An index of the installed packs: ``packs``, ``principles`` and ``levels`` answer from it.

Loading the catalogue costs little once its packs come from the cache of checked packs
(:mod:`innovationsresan.packs.checkedcache`), but importing what it is made of (attrs, the data
model, pluggy, the packs' code) costs several times more than starting Python. The commands
that only show what is installed therefore read this index instead, when it is known to describe
exactly what loading would give: a plain JSON file beside the cache of checked packs, read with
nothing but the standard library.

The index is written by :func:`~innovationsresan.packs.loader.load_catalog` after a load

* of the installed packs as the environment chooses them (no ``packs=``, ``plugins=`` or
  ``primary=`` argument), in which
* every pack is a data pack: its one hook names its content folder (``DataPack`` or
  ``innovationsresan_content_dir``), and
* nothing at all was wrong: every pack loaded, and no problem, not even a warning, was found.

It is used only while all of these are the same as when it was written:

* the library's code that reads packs and builds the catalogue (:data:`CODE`, by checksum), the
  Python running it and its environment (``sys.prefix``);
* ``INNOVATIONSRESAN_PACKS`` and ``INNOVATIONSRESAN_PRIMARY_PACK``;
* the installed entry points of the group, with their distributions and versions;
* every ``.py`` file of each pack's top-level package (found without importing it; compared by
  checksum), so a pack's code decides its content folder as before; and
* every entry of each pack's content folder, TOML files byte for byte (as the cache of checked
  packs compares them).

Anything else, a damaged index included, makes the commands load the catalogue as usual (which
writes a new index when it can). ``INNOVATIONSRESAN_NO_CACHE=1`` turns the index off with the
cache. Using the index, a pack's module is not imported: a pack that prints something when
imported prints nothing then (docs/performance.md).
"""

from __future__ import annotations

import json
import os
import sys
import zlib

from innovationsresan.files.cachefolder import cache_folder, prune
from innovationsresan.packs import checkedcache
from innovationsresan.packs.entrypoints import GROUP, InstalledEntryPoint, installed_entry_points

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path
    from typing import Any

    from innovationsresan.catalog import Catalog

#: The first line of an index starts with this; a new format gets a new number.
MAGIC = "innovationsresan-index/1"

#: The library's files whose code decides what the index holds, besides those of the cache of
#: checked packs (:data:`~innovationsresan.packs.checkedcache.CODE`). A test keeps it whole.
CODE = (
    *checkedcache.CODE,
    "files/jsonable.py",
    "guard.py",
    "hookspecs.py",
    "packs/datapack.py",
    "packs/entrypoints.py",
    "packs/folders.py",
    "packs/index.py",
    "packs/loader.py",
)

#: The environment variables the loader reads (an index holds what one choice of them gives).
ENVIRONMENT = ("INNOVATIONSRESAN_PACKS", "INNOVATIONSRESAN_PRIMARY_PACK")

#: An index whose first line or whose body is longer than these is passed over unread.
MAX_HEADER_BYTES = 4 * 1024 * 1024
MAX_BODY_BYTES = 16 * 1024 * 1024

#: At most this many indexes are kept (one per environment and choice of packs).
KEEP = 50

#: A pack package with more ``.py`` files than this, or more bytes of them, is not indexed.
MAX_SOURCES = 200
MAX_SOURCE_BYTES = 4 * 1024 * 1024


class PackIndex:
    """What ``packs``, ``principles`` and ``levels`` show, read from an index (plain JSON).

    ``packs`` holds each pack as ``packs --json`` prints it, but with ``name`` as
    ``{language: text}``; ``principles`` and ``levels`` map a pack id (``""``: the catalogue's
    own choice) to what ``principles --json --pack ID`` and ``levels --json --pack ID`` print;
    ``languages`` are the languages any content is in.
    """

    def __init__(
        self,
        packs: list[dict[str, Any]],
        principles: dict[str, list[dict[str, Any]]],
        levels: dict[str, list[dict[str, Any]]],
        languages: list[str],
    ) -> None:
        self.packs = packs
        self.principles = principles
        self.levels = levels
        self.languages = languages

    def __repr__(self) -> str:
        return f"PackIndex(packs={[p['id'] for p in self.packs]!r})"

    @property
    def loaded(self) -> list[str]:
        """The ids of the loaded packs, in the catalogue's order."""
        return [p["id"] for p in self.packs if p["status"] == "ok"]


def lookup() -> PackIndex | None:
    """The index of the installed packs, when it describes exactly what loading them would
    give now; ``None`` otherwise (load the catalogue)."""
    path = _path()
    if path is None:
        return None
    try:
        with open(path, "rb") as handle:
            header = handle.readline(MAX_HEADER_BYTES)
            if not header.startswith(MAGIC.encode()) or not header.endswith(b"\n"):
                return None
            recorded = json.loads(header[len(MAGIC) :])
            if not isinstance(recorded, dict) or recorded.get("code") != _code():
                return None
            points = installed_entry_points(GROUP)
            if recorded != _fingerprint(points, _recorded_folders(recorded)):
                return None
            check = handle.readline(64).rstrip(b"\n").decode()
            body = handle.read(MAX_BODY_BYTES + 1)
        if len(body) > MAX_BODY_BYTES or check != _checksum(body):
            return None  # damaged after the header
        data = json.loads(body)
        if not _valid(data):
            return None
        return PackIndex(data["packs"], data["principles"], data["levels"], data["languages"])
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None  # missing, unreadable or damaged: load the catalogue instead


def refresh(
    catalog: Catalog,
    points: Sequence[InstalledEntryPoint],
    folders: Sequence[tuple[InstalledEntryPoint, Path, bytes]],
) -> None:
    """Write the index of *catalog*, loaded from the installed entry points *points*, whose
    packs' content came from *folders* (each loaded pack's entry point, folder and the folder's
    entries as they were read), unless an index of the same inputs is there already. Nothing
    when it cannot be written, or when a folder changed since it was read."""
    path = _path()
    code = _code()
    if path is None or code is None:
        return
    recorded = _fingerprint(points, [(point.module, str(folder)) for point, folder, _ in folders])
    if recorded is None:
        return
    read = [_checksum(listing) for _, _, listing in folders]
    if read != [checksum for _, _, checksum in recorded["folders"]]:
        return  # a file changed while the packs loaded: what was read is not what is there
    header = (MAGIC + json.dumps(recorded, ensure_ascii=True, separators=(",", ":"))).encode()
    try:
        with open(path, "rb") as handle:
            same = handle.readline(MAX_HEADER_BYTES).rstrip(b"\n") == header
            check = handle.readline(64).rstrip(b"\n").decode()
            if same and check == _checksum(handle.read(MAX_BODY_BYTES + 1)):
                return  # the index is up to date
    except (OSError, UnicodeDecodeError):
        pass
    data = _data(catalog)
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    from innovationsresan.files.documents import atomic_write_bytes  # noqa: PLC0415 - writers only

    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        atomic_write_bytes(_as_path(path), b"\n".join((header, _checksum(body).encode(), body)))
    except OSError:
        return
    prune(os.path.dirname(path), suffix=".json", keep=KEEP)


def _data(catalog: Catalog) -> dict[str, Any]:
    """What the commands show of *catalog*, for every choice of ``--pack``."""
    from innovationsresan.files.jsonable import (  # noqa: PLC0415 - writers only
        levels_json,
        pack_status_json,
        principles_json,
    )

    packs = []
    for status in catalog.packs:
        shown = pack_status_json(status, "sv")
        shown["name"] = status.name.as_dict()
        packs.append(shown)
    loaded = [status.id for status in catalog.packs if status.ok]
    return {
        "packs": packs,
        "principles": {
            pack_id: principles_json(catalog, pack_id or None) for pack_id in ("", *loaded)
        },
        "levels": {pack_id: levels_json(catalog, pack_id or None) for pack_id in ("", *loaded)},
        "languages": sorted(catalog.languages()),
    }


def _valid(data: Any) -> bool:
    """Whether *data* has the shape :func:`_data` gives (so no command trips over it)."""

    def texts(value: Any) -> bool:
        return isinstance(value, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        )

    def pack(value: Any) -> bool:
        fields = ("id", "version", "distribution", "status")
        return (
            isinstance(value, dict)
            and all(isinstance(value.get(key), str) for key in fields)
            and texts(value.get("name"))
            and isinstance(value.get("counts"), dict)
            and all(isinstance(n, int) for n in value["counts"].values())
            and value.get("problems") == []
        )

    def shown(value: Any) -> bool:
        return (
            isinstance(value, dict)
            and isinstance(value.get("id"), str)
            and texts(value.get("name"))
            and texts(value.get("description"))
            and (value.get("pack") is None or isinstance(value.get("pack"), str))
            and isinstance(value.get("descriptions"), list)
            and all(isinstance(d, dict) for d in value["descriptions"])
        )

    def choices(value: Any) -> bool:
        return (
            isinstance(value, dict)
            and "" in value
            and all(isinstance(s, list) and all(shown(p) for p in s) for s in value.values())
        )

    return (
        isinstance(data, dict)
        and isinstance(data.get("packs"), list)
        and all(pack(p) for p in data["packs"])
        and choices(data.get("principles"))
        and choices(data.get("levels"))
        and isinstance(data.get("languages"), list)
        and all(isinstance(lang, str) for lang in data["languages"])
    )


def _path() -> str | None:
    """The index of this environment and choice of packs; ``None`` when the cache is off."""
    where = cache_folder(checkedcache.FOLDER)
    if where is None:
        return None
    key = "\x1f".join((sys.prefix, *(os.environ.get(name, "\x00") for name in ENVIRONMENT)))
    data = key.encode("utf-8", "surrogateescape")
    return os.path.join(where, f"index-{zlib.crc32(data):08x}{zlib.adler32(data):08x}.json")


def _code() -> str | None:
    found = checkedcache.files_checksum(CODE)
    return None if found is None else found.decode()


def _recorded_folders(recorded: dict[str, Any]) -> list[tuple[str, str]]:
    """The (module, folder) pairs an index was written for."""
    return [(str(module), str(folder)) for module, folder, _ in recorded["folders"]]


def _fingerprint(
    points: Sequence[InstalledEntryPoint], folders: Sequence[tuple[str, str]]
) -> dict[str, Any] | None:
    """Everything the index depends on, as it is now; ``None`` when some of it cannot be read.

    *folders* are each loaded pack's module and content folder.
    """
    code = _code()
    if code is None:
        return None
    sources: list[list[object]] = []
    contents: list[list[object]] = []
    for module, folder in folders:
        if not os.path.isabs(folder):
            return None  # a folder relative to where the command runs is not one folder
        files = _sources(module)
        listing = checkedcache.listing(folder)
        if files is None or listing is None:
            return None
        sources.append([module, files])
        contents.append([module, folder, _checksum(listing)])
    return {
        "code": code,
        "python": sys.version,
        "environment": [os.environ.get(name) for name in ENVIRONMENT],
        "entry_points": [list(point.fields()) for point in points],
        "sources": sources,
        "folders": contents,
    }


def _as_path(folder: str) -> Path:
    from pathlib import Path  # noqa: PLC0415 - writers only

    return Path(folder)


def _sources(module: str) -> list[list[object]] | None:
    """Every ``.py`` file of the top-level package of *module* with its checksum, found
    without running any of its code; ``None`` when they cannot be read or are too many."""
    import importlib.util  # noqa: PLC0415 - loaded at start-up anyway

    top = module.partition(".")[0]
    try:
        spec = importlib.util.find_spec(top)  # a top-level name: no code of the pack runs
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    paths: list[str] = []
    locations = list(spec.submodule_search_locations or ())
    if locations:
        for location in locations:
            for root, dirs, names in os.walk(location):
                dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__pycache__")))
                paths.extend(os.path.join(root, n) for n in sorted(names) if n.endswith(".py"))
                if len(paths) > MAX_SOURCES:
                    return None
    elif spec.origin and os.path.isfile(spec.origin):
        paths.append(spec.origin)
    else:
        return None  # a built-in or frozen module, or one without files
    if not paths:
        return None  # a package inside a zip file, or with no code of its own to compare
    found: list[list[object]] = []
    total = 0
    try:
        for path in paths:
            with open(path, "rb") as handle:
                data = handle.read(MAX_SOURCE_BYTES + 1 - total)
            total += len(data)
            if total > MAX_SOURCE_BYTES:
                return None
            found.append([path, _checksum(data)])
    except OSError:
        return None
    return found


def _checksum(data: bytes) -> str:
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}{len(data):x}"
