"""Finding the installed packs' entry points quickly, without importing any pack.

:func:`installed_entry_points` gives what ``importlib.metadata.entry_points(group=…)`` gives for
one group — the same distributions, the first on ``sys.path`` winning — but reads only the
``entry_points.txt`` of each distribution and the metadata of those in the group. Importing
``importlib.metadata`` and letting it build every distribution's metadata costs more than
reading all the packs' TOML (docs/performance.md wants loading the catalogue to cost at most twice
that). When ``sys.path`` holds something other than folders (a zip file), it falls back to
``importlib.metadata``, which knows how to read those.
"""

from __future__ import annotations

import importlib
import os
import re
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

_SUFFIXES = (".dist-info", ".egg-info")
_SEPARATORS = re.compile(r"[-_.]+")
_EXTRAS = re.compile(r"\s*\[.*\]\s*\Z")

#: The entry-point group packs publish their plugin under (the hooks' project name).
GROUP = "innovationsresan"

#: The prefix of a pack distribution's name.
DIST_PREFIX = "innovationsresan-"


def normalize(name: str) -> str:
    """A distribution name in its normal form (PEP 503): lower case, ``-`` between words."""
    return _SEPARATORS.sub("-", name).lower()


def pack_id_for(distribution: str) -> str:
    """The pack id a distribution's name gives: its normal form without ``innovationsresan-``."""
    name = normalize(distribution)
    return name.removeprefix(DIST_PREFIX) if name != DIST_PREFIX.rstrip("-") else name


class InstalledEntryPoint:
    """An entry point of an installed distribution: ``name = module:attribute``.

    A plain class rather than an attrs one (nor a typed named tuple, which imports typing): the
    command line reads entry points before it knows whether it needs the data model at all
    (docs/performance.md). Two are equal when all five fields are.
    """

    __slots__ = ("distribution", "group", "name", "value", "version")

    def __init__(self, name: str, value: str, group: str, distribution: str, version: str) -> None:
        self.name = name
        self.value = value
        self.group = group
        self.distribution = distribution
        self.version = version

    def fields(self) -> tuple[str, str, str, str, str]:
        """``(name, value, group, distribution, version)``."""
        return (self.name, self.value, self.group, self.distribution, self.version)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, InstalledEntryPoint):
            return NotImplemented
        return self.fields() == other.fields()

    def __hash__(self) -> int:
        return hash(self.fields())

    def __repr__(self) -> str:
        name, value, group, distribution, version = self.fields()
        return (
            f"InstalledEntryPoint(name={name!r}, value={value!r}, group={group!r}, "
            f"distribution={distribution!r}, version={version!r})"
        )

    def __setattr__(self, name: str, value: object) -> None:
        if hasattr(self, "version"):  # every field is set: the value is frozen
            raise AttributeError(f"InstalledEntryPoint is frozen: cannot set {name}")
        object.__setattr__(self, name, value)

    @property
    def module(self) -> str:
        """The module part of the value."""
        return _EXTRAS.sub("", self.value).partition(":")[0].strip()

    @property
    def attribute(self) -> str:
        """The attribute path after ``:`` (empty when the value names a module)."""
        return _EXTRAS.sub("", self.value).partition(":")[2].strip()

    def load(self) -> object:
        """Import the module and look up the attribute: the plugin object."""
        target: object = importlib.import_module(self.module)
        for part in filter(None, self.attribute.split(".")):
            target = getattr(target, part)
        return target


def installed_entry_points(group: str) -> tuple[InstalledEntryPoint, ...]:
    """The entry points in *group* of every distribution on ``sys.path``."""
    if not all(_is_folder_or_missing(entry) for entry in sys.path):
        return _from_importlib_metadata(group)
    seen: set[str] = set()
    found: list[InstalledEntryPoint] = []
    header = f"[{group}]"
    for entry in sys.path:
        for name, folder in _metadata_folders(entry or "."):
            key = normalize(_name_part(name))
            if key in seen:
                continue
            seen.add(key)
            text = _read(os.path.join(folder, "entry_points.txt"))
            if text is None or header not in text:
                continue
            items = _section(text, group)
            if not items:
                continue
            distribution, version = _name_and_version(folder, name)
            found.extend(
                InstalledEntryPoint(ep_name, value, group, distribution, version)
                for ep_name, value in items
            )
    return tuple(found)


def _is_folder_or_missing(entry: str) -> bool:
    path = entry or "."
    return os.path.isdir(path) or not os.path.exists(path)


def _metadata_folders(path: str) -> Iterator[tuple[str, str]]:
    try:
        names = os.listdir(path)
    except OSError:
        return
    for name in names:
        if name.lower().endswith(_SUFFIXES):
            yield name, os.path.join(path, name)


def _name_part(folder_name: str) -> str:
    stem = folder_name.rsplit(".", 1)[0]
    return stem.partition("-")[0]


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError):
        return None


def _section(text: str, group: str) -> list[tuple[str, str]]:
    """The ``name = value`` lines of one section of an INI-style ``entry_points.txt``."""
    items: list[tuple[str, str]] = []
    inside = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            inside = line[1:-1].strip() == group
            continue
        if inside and "=" in line:
            name, _, value = line.partition("=")
            items.append((name.strip(), value.strip()))
    return items


def _name_and_version(folder: str, folder_name: str) -> tuple[str, str]:
    """The distribution's name and version from its metadata, else from the folder name."""
    stem = folder_name.rsplit(".", 1)[0]
    name, _, rest = stem.partition("-")
    version = rest.partition("-")[0]
    for file in ("METADATA", "PKG-INFO"):
        text = _read(os.path.join(folder, file))
        if text is None:
            continue
        fields: dict[str, str] = {}
        for line in text.splitlines():
            if not line.strip():
                break  # the headers end at the first empty line
            key, sep, value = line.partition(":")
            if sep and key in ("Name", "Version") and key not in fields:
                fields[key] = value.strip()
        return fields.get("Name", name), fields.get("Version", version)
    return name, version


def _from_importlib_metadata(group: str) -> tuple[InstalledEntryPoint, ...]:
    from importlib.metadata import entry_points  # noqa: PLC0415 - the slower, general path

    found: list[InstalledEntryPoint] = []
    for entry_point in entry_points(group=group):
        dist = entry_point.dist
        found.append(
            InstalledEntryPoint(
                entry_point.name,
                entry_point.value,
                group,
                dist.name if dist is not None else entry_point.name,
                dist.version if dist is not None else "",
            )
        )
    return tuple(found)
