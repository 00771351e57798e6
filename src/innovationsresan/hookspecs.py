"""Hook specifications for content packs (docs/packs.md).

A pack is a module or object with hook implementations marked by :data:`hookimpl`,
published under the entry-point group ``innovationsresan`` and named after its distribution.
A data pack needs only :func:`innovationsresan_content_dir`; the host reads and checks its TOML.

Hooks that contribute data return lists (or tables with the same structure as the TOML files);
the host calls each pack's implementations separately, so one failing pack never hides another,
and never relies on ``firstresult``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:  # annotations only; importlib.resources is slow to import
    from importlib.resources.abc import Traversable
    from pathlib import Path

PROJECT = "innovationsresan"

#: Marks a pack's hook implementations: ``@hookimpl def innovationsresan_cards(): ...``.
hookimpl = pluggy.HookimplMarker(PROJECT)
hookspec = pluggy.HookspecMarker(PROJECT)


@hookspec
def innovationsresan_pack_info() -> Mapping[str, Any] | None:
    """The pack's metadata, the ``[pack]`` table of ``pack.toml``: ``id``, ``name``, ``version`` …

    A data pack leaves this to its ``pack.toml``.
    """


@hookspec
def innovationsresan_content_dir() -> Path | Traversable | None:
    """The folder holding the pack's TOML files (``pack.toml``, ``statements.toml`` …).

    Typically ``importlib.resources.files(__package__) / "content"``.
    """


@hookspec
def innovationsresan_statements() -> Iterable[Mapping[str, Any]]:  # type: ignore[empty-body]
    """Statements (post-its) as tables shaped like the ``[[statements]]`` entries."""


@hookspec
def innovationsresan_cards() -> Iterable[Mapping[str, Any]]:  # type: ignore[empty-body]
    """Method cards as tables shaped like the ``[[cards]]`` entries."""


@hookspec
def innovationsresan_stories() -> Iterable[Mapping[str, Any]]:  # type: ignore[empty-body]
    """Stories as tables shaped like the ``[[stories]]`` entries."""


@hookspec
def innovationsresan_links() -> Iterable[Mapping[str, Any]]:  # type: ignore[empty-body]
    """Card-to-principle links ``{card, principle, weight}``, also for other packs' cards."""


@hookspec
def innovationsresan_support() -> Iterable[Mapping[str, Any]]:  # type: ignore[empty-body]
    """The municipality's support functions as tables shaped like the ``[[support]]`` entries.

    ``{id, name = {sv, en}, description = {sv, en}}``: HR, IT, finance … that plan actions can
    name as the support they need.
    """


@hookspec
def innovationsresan_level_descriptions() -> Iterable[Mapping[str, Any]]:  # type: ignore[empty-body]
    """The pack's own words for the levels: tables ``{level, description, name?}``.

    The same as the ``[levels.<level>]`` tables of ``pack.toml``, each naming its level in the
    field ``level`` (``limited`` or ``innovative``). Which pack's text is shown is decided by
    :meth:`~innovationsresan.catalog.Catalog.level_description`.
    """


@hookspec
def innovationsresan_principle_descriptions() -> Iterable[Mapping[str, Any]]:  # type: ignore[empty-body]
    """The pack's own words for the principles: tables ``{principle, description, name?}``.

    The same as the ``[principles.<id>]`` tables of ``pack.toml``, each naming its principle
    in the field ``principle``.
    """


@hookspec
def innovationsresan_plan_rules() -> Iterable[Any]:  # type: ignore[empty-body]
    """Extra action-plan rules: callables ``rule(plan, catalog, today)`` yielding problems.

    A rule yields :class:`~innovationsresan.model.Problem` values or tables with
    ``severity``, ``code``, ``location`` and ``message`` (``{sv, en}``); the host qualifies each
    code with the pack id (``kiruna:…``) and turns a rule that raises into a problem.
    """
