"""``to_jsonable``: the one place that turns library values into the JSON shapes of docs/cli.md.

A cattrs converter built by :func:`make_converter` (never the global one) with a hook per type
whose JSON shape is a contract. Texts stay ``{lang: text}`` tables; problem messages are
rendered in the requested language. Floats keep full precision.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Mapping
from typing import Any

import cattrs

from innovationsresan.catalog import Catalog, PackStatus
from innovationsresan.errors import InnovationsresanError
from innovationsresan.ladder import PRINCIPLES
from innovationsresan.model import (
    Card,
    LevelDescription,
    LocalizedText,
    PackInfo,
    Principle,
    PrincipleDescription,
    Problem,
    ShownDescription,
    Statement,
    Story,
    SupportFunction,
)


def problem_json(problem: Problem, lang: str) -> dict[str, str]:
    """A problem as ``{"severity", "code", "location", "message"}``."""
    return {
        "severity": problem.severity.value,
        "code": problem.code,
        "location": problem.location,
        "message": problem.message.get(lang),
    }


def principle_json(principle: Principle) -> dict[str, Any]:
    """A principle as listed by ``principles --json``."""
    return {
        "id": principle.id,
        "name": principle.name.as_dict(),
        "description": principle.description.as_dict(),
    }


def statement_json(statement: Statement) -> dict[str, Any]:
    """A statement as listed by ``statements --json``."""
    return {
        "id": f"{statement.pack}:{statement.id}",
        "pack": statement.pack,
        "level": statement.level.value,
        "perspective": statement.perspective.value,
        "principle": statement.principle,
        "text": statement.text.as_dict(),
    }


def card_json(card: Card) -> dict[str, Any]:
    """A card as listed by ``cards --json``: merged weights and the packs that linked to it."""
    return {
        "id": f"{card.pack}:{card.id}",
        "pack": card.pack,
        "title": card.title.as_dict(),
        "summary": card.summary.as_dict(),
        "minutes": card.minutes,
        "group_size": list(card.group_size) if card.group_size else None,
        "phase": card.phase.value if card.phase else None,
        "principles": dict(card.principles),
        "linked_by": list(card.linked_by),
        "steps": [s.as_dict() for s in card.steps],
        "materials": [m.as_dict() for m in card.materials],
        "source": card.source,
        "origin": card.origin.value,
        "use_when": card.use_when.as_dict(),
        "preparation": card.preparation.as_dict(),
        "outcome": card.outcome.as_dict(),
        "into_plan": card.into_plan.as_dict(),
    }


def _story_path(story: Story) -> dict[str, str] | None:
    from innovationsresan.ladder import story_path  # noqa: PLC0415 - lazy import

    path = story_path(story.from_level, story.to_level)
    return path.as_dict() if path is not None else None


def story_json(story: Story) -> dict[str, Any]:
    """A story as listed by ``stories --json``."""
    return {
        "id": f"{story.pack}:{story.id}",
        "pack": story.pack,
        "title": story.title.as_dict(),
        "principles": list(story.principles),
        "text": story.text.as_dict(),
        "from_level": story.from_level.value if story.from_level else None,
        "to_level": story.to_level.value if story.to_level else None,
        "path": _story_path(story),
        "lesson": story.lesson.as_dict(),
        "question": story.question.as_dict(),
    }


def support_function_json(function: SupportFunction) -> dict[str, Any]:
    """A support function as listed by ``support --json``."""
    return {
        "id": f"{function.pack}:{function.id}",
        "pack": function.pack,
        "name": function.name.as_dict(),
        "description": function.description.as_dict(),
    }


def pack_status_json(status: PackStatus, lang: str) -> dict[str, Any]:
    """A pack as listed by ``packs --json``."""
    return {
        "id": status.id,
        "name": status.name.get(lang),
        "version": status.version,
        "distribution": status.distribution,
        "status": status.status,
        "counts": dict(status.counts),
        "problems": [problem_json(p, lang) for p in status.problems],
    }


def pack_info_json(info: PackInfo) -> dict[str, Any]:
    """Pack metadata."""
    return {
        "id": info.id,
        "name": info.name.as_dict(),
        "version": info.version,
        "municipality": info.municipality,
        "languages": list(info.languages),
        "license": info.license,
        "homepage": info.homepage,
        "about": info.about.as_dict(),
        "distribution": info.distribution,
    }


@functools.cache
def make_converter(lang: str = "sv") -> cattrs.Converter:
    """A converter whose unstructure hooks give the JSON shapes, messages in *lang*."""
    converter = cattrs.Converter()
    converter.register_unstructure_hook(LocalizedText, LocalizedText.as_dict)
    converter.register_unstructure_hook(Problem, lambda p: problem_json(p, lang))
    converter.register_unstructure_hook(Principle, principle_json)
    converter.register_unstructure_hook(Statement, statement_json)
    converter.register_unstructure_hook(Card, card_json)
    converter.register_unstructure_hook(Story, story_json)
    converter.register_unstructure_hook(SupportFunction, support_function_json)
    converter.register_unstructure_hook(PackStatus, lambda s: pack_status_json(s, lang))
    converter.register_unstructure_hook(PackInfo, pack_info_json)
    converter.register_unstructure_hook(ShownDescription, shown_description_json)
    converter.register_unstructure_hook(LevelDescription, description_json)
    converter.register_unstructure_hook(PrincipleDescription, description_json)
    converter.register_unstructure_hook(dt.datetime, dt.datetime.isoformat)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), lambda e: e.value
    )
    _register_more(converter, lang)
    return converter


def _register_more(converter: cattrs.Converter, lang: str) -> None:
    """Hooks for the result types of scoring, recommendation, plans and follow-up."""
    from innovationsresan.files.journeys import jsonable_hooks  # noqa: PLC0415 - lazy import

    for kind, hook in jsonable_hooks(lang).items():
        converter.register_unstructure_hook(kind, hook)

    from innovationsresan.files.plans import jsonable_hooks as plan_hooks  # noqa: PLC0415 - lazy

    for kind, hook in plan_hooks(lang).items():
        converter.register_unstructure_hook(kind, hook)

    from innovationsresan.files.responses import jsonable_hooks as score_hooks  # noqa: PLC0415 - lazy

    for kind, hook in score_hooks(lang).items():
        converter.register_unstructure_hook(kind, hook)


def to_jsonable(obj: Any, *, lang: str = "sv") -> Any:
    """What ``--json`` prints for *obj*: plain dicts, lists, strings, numbers, ``None``.

    The library's errors become ``{"message", "problems"}`` (the message in *lang*). A value of
    a type the library does not know raises :class:`TypeError` naming the type, instead of
    passing it through for ``json.dumps`` to fail on later.
    """
    if not isinstance(lang, str):
        raise TypeError(f"lang must be a str, not {type(lang).__name__}")
    result = _jsonable(obj, lang)
    _check_plain(result, obj)
    return result


def _jsonable(obj: Any, lang: str) -> Any:
    if isinstance(obj, InnovationsresanError):
        return {
            "message": obj.message.get(lang),
            "problems": [problem_json(p, lang) for p in obj.problems],
        }
    if isinstance(obj, Mapping):
        return {
            str(k.value if isinstance(k, enum.Enum) else k): _jsonable(v, lang)
            for k, v in obj.items()
        }
    if isinstance(obj, list | tuple):
        return [_jsonable(v, lang) for v in obj]
    return make_converter(lang).unstructure(obj)


_PLAIN = (str, int, float, bool, type(None))


def _check_plain(value: Any, given: Any) -> None:
    """Raise :class:`TypeError` when *value* holds anything JSON cannot (a type unknown here)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, _PLAIN):
            continue
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        else:
            raise TypeError(
                f"obj: to_jsonable does not know the type {type(item).__name__} "
                f"(in {type(given).__name__})"
            )


def principles_json(
    catalog: Catalog | None = None, primary: str | None = None
) -> list[dict[str, Any]]:
    """Every principle in ladder order, as ``principles --json`` prints them.

    With a *catalogue*, ``name`` and ``description`` are the texts shown (chosen by
    :meth:`~innovationsresan.catalog.Catalog.principle_description`), ``pack`` the pack they come
    from (``null``: the library's own), and ``descriptions`` every pack's own words.
    """
    catalog = catalog if catalog is not None else Catalog()
    found: list[dict[str, Any]] = []
    for principle in PRINCIPLES:
        shown = catalog.principle_description(principle.id, primary)
        found.append(
            {
                **principle_json(principle),
                **shown_description_json(shown),
                "descriptions": [
                    description_json(d)
                    for d in catalog.principle_descriptions
                    if d.principle == principle.id
                ],
            }
        )
    return found


def levels_json(catalog: Catalog, primary: str | None = None) -> list[dict[str, Any]]:
    """Both levels, lower first, as ``levels --json`` prints them: ``{"id", "name",
    "description", "pack", "descriptions"}``, with the texts shown and whose they are."""
    return [
        {
            **shown_description_json(shown),
            "descriptions": [
                description_json(d) for d in catalog.level_descriptions if d.level == shown.id
            ],
        }
        for shown in catalog.levels(primary)
    ]


def shown_description_json(shown: ShownDescription) -> dict[str, Any]:
    """The text shown for a level or principle: ``{"id", "name", "description", "pack"}``."""
    return {
        "id": shown.id,
        "name": shown.name.as_dict(),
        "description": shown.description.as_dict(),
        "pack": shown.pack,
    }


def description_json(description: LevelDescription | PrincipleDescription) -> dict[str, Any]:
    """One pack's own words for a level or principle: ``{"pack", "name", "description",
    "location"}`` (``name`` is ``{}`` when the pack gives none)."""
    return {
        "pack": description.pack,
        "name": description.name.as_dict(),
        "description": description.description.as_dict(),
        "location": description.location,
    }
