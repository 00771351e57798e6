"""Checking a pack before it is published: ``innovationsresan pack check PATH``.

PATH is a pack's distribution folder (the one with ``pyproject.toml``). Only files under PATH
are read — never an installed copy, and the pack is never imported — so an author checks exactly
what they are about to build. Besides the content (:mod:`innovationsresan.packs.content`), the
check looks at the packaging: the distribution's name, its entry point in the group
``innovationsresan`` and ``[tool.innovationsresan] content``, the folder of the TOML files.

PATH may also be a bare content folder (one holding ``pack.toml``). The name of an installed
pack is no PATH: checking an installed copy could hide what is wrong in the folder an author is
about to publish.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from innovationsresan.errors import InputError
from innovationsresan.files.documents import load_document
from innovationsresan.model import LocalizedText, Problem, any_value, location
from innovationsresan.packs.content import read_pack_folder
from innovationsresan.packs.entrypoints import DIST_PREFIX, normalize, pack_id_for
from innovationsresan.packs.loader import GROUP

PYPROJECT = "pyproject.toml"


def check_pack_folder(path: str | os.PathLike[str]) -> tuple[str, tuple[Problem, ...]]:
    """Check the pack at *path*: its id (as far as it could be told) and every problem found.

    :class:`~innovationsresan.errors.InputError` when *path* is no pack folder at all: not a
    folder with ``pyproject.toml`` or ``pack.toml``.
    """
    folder = Path(path)
    if folder.is_dir():
        if (folder / PYPROJECT).is_file():
            return _check_distribution(folder)
        if (folder / "pack.toml").is_file():
            content, problems = read_pack_folder(folder, root=folder)
            return (content.info.id if content else folder.name), problems
    raise InputError(
        LocalizedText.of(
            f"{path} är ingen paketmapp: där finns varken {PYPROJECT} eller pack.toml.",
            f"{path} is not a pack folder: it holds neither {PYPROJECT} nor pack.toml.",
        ),
        problems=[
            Problem.error(
                "not-a-pack",
                str(path),
                "ingen mapp med ett pakets pyproject.toml eller pack.toml",
                "not a folder with a pack's pyproject.toml or pack.toml",
            )
        ],
        path=str(path),
    )


def _check_distribution(folder: Path) -> tuple[str, tuple[Problem, ...]]:
    document, problems = load_document(folder / PYPROJECT, name=PYPROJECT)
    if document is None:
        return folder.name, tuple(problems)
    project = _table(document, "project")
    distribution = project.get("name")
    pack_id: str | None = None
    if not isinstance(distribution, str) or not distribution.strip():
        problems.append(
            Problem.error(
                "missing-key",
                location("project", "name", file=PYPROJECT),
                "distributionens namn saknas (project.name)",
                "the distribution's name is missing (project.name)",
            )
        )
        distribution = ""
    else:
        pack_id = pack_id_for(distribution)
        if not normalize(distribution).startswith(DIST_PREFIX):
            problems.append(
                Problem.warning(
                    "distribution-name",
                    location("project", "name", file=PYPROJECT),
                    f"ett paket heter {DIST_PREFIX}<id>, inte '{distribution}'",
                    f"a pack is named {DIST_PREFIX}<id>, not '{distribution}'",
                )
            )
        problems.extend(_entry_point_problems(project, distribution))
    content_dir, content_problems = _content_dir(folder, document)
    problems.extend(content_problems)
    if content_dir is None:
        return pack_id or folder.name, tuple(problems)
    relative = content_dir.relative_to(folder.resolve()).as_posix()
    content, found = read_pack_folder(
        content_dir,
        prefix=f"{relative}/" if relative != "." else "",
        expected_id=pack_id,
        distribution=distribution,
        root=folder,
    )
    problems.extend(found)
    if content is not None:
        pack_id = content.info.id
    return pack_id or folder.name, tuple(problems)


def _table(document: Mapping[str, Any], *keys: str) -> Mapping[str, Any]:
    value: Any = document
    for key in keys:
        value = value.get(key) if isinstance(value, Mapping) else None
    return value if isinstance(value, Mapping) else {}


def _entry_point_problems(project: Mapping[str, Any], distribution: str) -> list[Problem]:
    where = location("project", "entry-points", GROUP, file=PYPROJECT)
    group = _table(project, "entry-points", GROUP)
    names = [str(name) for name in group]
    if any(normalize(name) == normalize(distribution) for name in names):
        return []
    found_sv = f"; hittade {', '.join(names)}" if names else ""
    found_en = f"; found {', '.join(names)}" if names else ""
    return [
        Problem.error(
            "missing-entry-point",
            where,
            f"ingångspunkten '{distribution}' i gruppen {GROUP} saknas{found_sv}; "
            f'lägg till {distribution} = "<paket>:plugin" eller "<paket>"',
            f"the entry point '{distribution}' in the group {GROUP} is missing{found_en}; "
            f'add {distribution} = "<package>:plugin" or "<package>"',
        )
    ]


def _content_dir(folder: Path, document: Mapping[str, Any]) -> tuple[Path | None, list[Problem]]:
    where = location("tool", "innovationsresan", "content", file=PYPROJECT)
    value = _table(document, "tool", "innovationsresan").get("content")
    if value is None:
        return None, [
            Problem.error(
                "missing-key",
                where,
                "[tool.innovationsresan] content saknas: ange mappen med paketets TOML-filer, "
                "relativt till pyproject.toml",
                "[tool.innovationsresan] content is missing: name the folder of the pack's TOML "
                "files, relative to pyproject.toml",
            )
        ]
    if not isinstance(value, str) or not value.strip():
        return None, [
            Problem.error(
                "wrong-type",
                where,
                f"ska vara en relativ sökväg, inte {any_value(value)}",
                f"must be a relative path, not {any_value(value)}",
            )
        ]
    root = folder.resolve()
    target = (root / value).resolve()
    if Path(value).is_absolute() or not target.is_relative_to(root):
        return None, [
            Problem.error(
                "content-outside",
                where,
                f"mappen '{value}' ligger utanför paketmappen; bara filer i den kontrolleras",
                f"the folder '{value}' is outside the pack folder; only its files are checked",
            )
        ]
    if not target.is_dir():
        return None, [
            Problem.error(
                "missing-folder",
                where,
                f"mappen '{value}' finns inte",
                f"the folder '{value}' does not exist",
            )
        ]
    return target, []
