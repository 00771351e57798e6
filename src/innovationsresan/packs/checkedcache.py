"""A cache of checked packs, so that a command need not check a pack's content every time.

Checking a pack (every statement, card and story, field by field) costs more than anything else
once its TOML comes from the cache of parsed files. A pack whose content is one folder of files
(the ``innovationsresan_content_dir`` hook and no other) gives the same checked content, the
same problems and the same metadata as long as

* the folder holds the same entries: the same names, each a file or a folder as before, and
  every TOML file exactly the same bytes (compared in full, whatever its size and time stamp;
  a pack reads nothing else, and other files matter only by their names), and
* the library's code that reads and checks a pack is the same (:data:`CODE`, compared by
  checksum), under the same Python.

So the result is kept, with a copy of the folder's TOML files, in the user's cache folder
(``$XDG_CACHE_HOME``, else ``~/.cache``, then ``innovationsresan/checked-1-py3.x``), one entry
per folder and pack, written atomically. The pack's code is imported and its hooks are called in
every run as before: only reading and checking its files is saved. A pack with more hooks,
another kind of folder, files past :data:`MAX_BYTES`, or a folder that cannot be read is checked
as usual; an entry that is damaged, or one that cannot be written, is passed over. An entry holds
only the classes of the model and the catalogue (anything else is refused when reading it).
``INNOVATIONSRESAN_NO_CACHE=1`` turns the cache off. Only pack content goes there, never responses
or plans (docs/performance.md).
"""

from __future__ import annotations

import functools
import os
import sys
import zlib

from innovationsresan.files.cachefolder import cache_folder, prune, read_entry

# neither pathlib nor typing at run time: the index of installed packs (packs/index.py) uses
# this module where the command line should start fast
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

    from innovationsresan.catalog import PackContent
    from innovationsresan.model import PackInfo, Problem

    Checked = tuple[PackContent | None, tuple[Problem, ...], PackInfo | None]

#: The first bytes of every entry: a new format of entries gets a new number.
MAGIC = b"innovationsresan-checked/1"

#: The folder's name: per format and per Python version (whose pickle and tomllib are used).
FOLDER = f"checked-1-py{sys.version_info[0]}.{sys.version_info[1]}"

#: The library's files (under the package folder) whose code decides what checking a pack
#: gives: the reader and checker, everything they import, and this module. A test keeps the
#: list whole (tests/test_packs_checkedcache.py).
CODE = (
    "__init__.py",
    "catalog.py",
    "checks.py",
    "errors.py",
    "ladder.py",
    "languages.py",
    "model.py",
    "files/__init__.py",
    "files/cachefolder.py",
    "files/documents.py",
    "files/parsecache.py",
    "packs/__init__.py",
    "packs/checkedcache.py",
    "packs/content.py",
    "packs/schema.py",
)

#: At most this many entries are kept (one per pack folder ever read).
KEEP = 500

#: A folder whose TOML files hold more bytes than this together is not cached.
MAX_BYTES = 16 * 1024 * 1024

#: The modules whose classes an entry may hold.
_ALLOWED = frozenset({"innovationsresan.model", "innovationsresan.catalog"})


def folder() -> Path | None:
    """The cache folder, ``None`` when the cache is turned off."""
    where = cache_folder(FOLDER)
    if where is None:
        return None
    from pathlib import Path  # noqa: PLC0415 - see the imports

    return Path(where)


def code_checksum() -> bytes | None:
    """A checksum of the library's code in :data:`CODE` and of attrs (whose classes are kept);
    ``None`` when a file cannot be read (a zipped library: nothing is cached)."""
    import attr._make  # noqa: PLC0415 - loaded already by the model

    return files_checksum(CODE, (attr._make.__file__,))


@functools.cache
def files_checksum(names: tuple[str, ...], others: tuple[str, ...] = ()) -> bytes | None:
    """A checksum of the library's files *names* (paths under the package folder, with ``/``)
    and of the files *others*; ``None`` when one cannot be read."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    paths = [os.path.join(package, *name.split("/")) for name in names]
    paths.extend(others)
    crc, adler, size = 0, 1, 0
    try:
        for path in paths:
            with open(path, "rb") as handle:
                data = handle.read()
            crc, adler, size = zlib.crc32(data, crc), zlib.adler32(data, adler), size + len(data)
    except OSError:
        return None
    return f"{crc:08x}{adler:08x}{size:x}".encode()


#: The files of a content folder a pack's reader reads (the others count by name only); a test
#: holds the reader to it (tests/test_packs_checkedcache.py).
READ_SUFFIX = ".toml"


def listing(content: Path | str) -> bytes | None:
    """Every entry of the folder *content*, as the input of an entry: its name, whether it is
    a file, a folder or neither, and the bytes of a TOML file. ``None`` when the folder or one
    of its TOML files cannot be read, or those are larger than :data:`MAX_BYTES` together."""
    parts: list[bytes] = []
    total = 0
    try:
        with os.scandir(content) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
        for entry in entries:
            name = entry.name.encode("utf-8", "surrogateescape")
            data = b""
            if entry.is_dir():
                kind = b"d"
            elif not entry.is_file():  # a broken link, a socket …: neither read nor readable
                kind = b"o"
            elif not entry.name.lower().endswith(READ_SUFFIX):
                kind = b"f"
            else:
                kind = b"t"
                with open(entry.path, "rb") as handle:
                    data = handle.read(MAX_BYTES + 1 - total)
                total += len(data)
                if total > MAX_BYTES:
                    return None
            parts.append(b"%d %s %d\n" % (len(name), kind, len(data)))
            parts.extend((name, data))
    except (OSError, ValueError):
        return None
    return b"".join(parts)


def entry_path(where: Path, content: Path, reader: tuple[str, str, str]) -> Path:
    """The entry of the folder *content* read as *reader* (prefix, expected id, distribution)."""
    key = "\x1f".join((os.path.abspath(content), *reader)).encode("utf-8", "surrogateescape")
    return where / f"{zlib.crc32(key):08x}{zlib.adler32(key):08x}.cache"


def _header(code: bytes, inputs: bytes, payload: bytes) -> bytes:
    checksum = zlib.crc32(payload, zlib.crc32(inputs))
    return b" ".join((MAGIC, code, str(len(inputs)).encode(), str(checksum).encode()))


def lookup(content: Path, reader: tuple[str, str, str], now: bytes) -> Checked | None:
    """What reading and checking the folder *content* as *reader* gave before, when the entry
    was made from exactly its present entries and files, *now* (its :func:`listing`), by the
    present code."""
    where = folder()
    code = code_checksum() if where is not None else None
    if where is None or code is None:
        return None
    found = read_entry(entry_path(where, content, reader), magic=MAGIC, fields=1, inputs=now)
    if found is None:
        return None
    (made_by,), checksum, payload = found
    if made_by != code or zlib.crc32(payload, zlib.crc32(now)) != checksum:
        return None
    return _loads(payload)


def store(content: Path, reader: tuple[str, str, str], before: bytes, checked: Checked) -> None:
    """Keep *checked*, made from the folder *content* whose :func:`listing` was *before*, unless
    the folder changed meanwhile; nothing when it cannot be kept."""
    where = folder()
    code = code_checksum() if where is not None else None
    if where is None or code is None or listing(content) != before:
        return
    import pickle  # noqa: PLC0415 - only writers need it

    try:
        payload = pickle.dumps(checked, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # whatever cannot be pickled is simply not kept
        return
    if _loads(payload) != checked:  # kept only what reads back as the same values
        return
    from innovationsresan.files.documents import atomic_write_bytes  # noqa: PLC0415

    blob = b"".join((_header(code, before, payload), b"\n", before, payload))
    try:
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic_write_bytes(entry_path(where, content, reader), blob)
    except OSError:
        return
    prune(str(where), suffix=".cache", keep=KEEP)


def _loads(payload: bytes) -> Checked | None:
    """The checked result in *payload*, or ``None`` when it is not one."""
    import io  # noqa: PLC0415
    import pickle  # noqa: PLC0415

    from innovationsresan.catalog import PackContent  # noqa: PLC0415
    from innovationsresan.model import PackInfo, Problem  # noqa: PLC0415

    class Unpickler(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> object:
            if module not in _ALLOWED or name.startswith("_"):
                raise pickle.UnpicklingError(f"not in an entry: {module}.{name}")
            return super().find_class(module, name)

    try:
        value = Unpickler(io.BytesIO(payload)).load()
    except Exception:  # a damaged entry is passed over
        return None
    if not (isinstance(value, tuple) and len(value) == 3):
        return None
    content, problems, info = value
    if not (
        (content is None or isinstance(content, PackContent))
        and isinstance(problems, tuple)
        and all(isinstance(p, Problem) for p in problems)
        and (info is None or isinstance(info, PackInfo))
    ):
        return None
    return content, problems, info
