"""Reading and writing action-plan files (docs/formats.md): TOML or JSON, written atomically.

A plan written by :func:`write_plan` reads back equal with :func:`read_plan`.
A follow-up whose date-time is in the plan's own time zone is written as a local date-time
(the file's ``timezone`` says where), any other as a date-time with its UTC offset.
"""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from collections.abc import Callable
from pathlib import Path
from typing import Any

from innovationsresan.errors import InputError, expect_path, expect_type
from innovationsresan.files import tomlwriter
from innovationsresan.files.documents import (
    atomic_write_text,
    display_name,
    document_format,
    load_document,
)
from innovationsresan.model import LocalizedText
from innovationsresan.plans import (
    PLAN_SCHEMA,
    Action,
    ActionPlan,
    DateRange,
    FollowUp,
    PlanReport,
    SupportNeed,
    parse_plan,
)
from innovationsresan.recommendation import Suggestion

__all__ = [
    "jsonable_hooks",
    "plan_document",
    "plan_json",
    "plan_report_json",
    "plan_toml",
    "read_plan",
    "suggestion_json",
    "write_plan",
]


def read_plan(path: Path | str) -> ActionPlan:
    """Read a plan from a TOML or JSON file; :class:`InputError` with every problem otherwise."""
    expect_path("path", path)
    path = Path(path)
    name = display_name(path)
    document, problems = load_document(path, name=name)
    if document is None:
        raise InputError(
            LocalizedText.of(
                f"Handlingsplanen {name} kan inte läsas.", f"The action plan {name} cannot be read."
            ),
            problems=problems,
            path=name,
        )
    return parse_plan(document, file=name)


def write_plan(
    plan: ActionPlan, path: Path | str, *, hints: bool = False, lang: str = "sv"
) -> None:
    """Write *plan* atomically, as JSON for a ``.json`` path and TOML otherwise.

    With *hints*, a TOML file starts with comments explaining each key (for a new plan).
    """
    expect_type("plan", plan, ActionPlan, "an ActionPlan (read_plan or parse_plan gives one)")
    expect_path("path", path)
    expect_type("hints", hints, bool, "True or False")
    expect_type("lang", lang, str, "a language code (str)")
    path = Path(path)
    if document_format(path) == "json":
        text = plan_json(plan)
    else:
        text = plan_toml(plan, hints=hints, lang=lang)
    atomic_write_text(path, text)


def _local_at(plan: ActionPlan, follow_up: FollowUp) -> dt.datetime:
    """The follow-up's date-time, local when it is in the plan's time zone."""
    at = follow_up.at
    if isinstance(at.tzinfo, zoneinfo.ZoneInfo) and at.tzinfo.key == plan.timezone:
        local = at.replace(tzinfo=None, fold=0)
        # an hour that occurs twice (autumn) keeps its offset, so it reads back the same
        if local.replace(tzinfo=at.tzinfo).utcoffset() == at.utcoffset():
            return local
    return at


def _when(when: dt.date | DateRange | None) -> Any:
    if isinstance(when, DateRange):
        return {"start": when.start, "end": when.end}
    return when


def _support(need: SupportNeed) -> dict[str, str]:
    """One support need with the keys it has: blank ``function``/``need``/``ask`` are left out."""
    entry = {"function": need.function, "need": need.need, "ask": need.ask}
    return {key: value for key, value in entry.items() if value}


def _action(action: Action) -> dict[str, Any]:
    return {
        "what": action.what,
        "how": action.how,
        "when": _when(action.when),
        "who": list(action.who),
        "cards": list(action.cards),
        "principles": list(action.principles),
        "support": [_support(need) for need in action.support],
        "status": action.status,
    }


def plan_document(plan: ActionPlan) -> dict[str, Any]:
    """The plan as a document with the file structure (dates as :mod:`datetime` values).

    Absent values (``None``) are left out; blank texts and empty lists are kept, so a person
    filling in a new plan sees every key.
    """
    document: dict[str, Any] = {
        "schema": PLAN_SCHEMA,
        "title": plan.title,
        "team": plan.team,
        "created": plan.created,
        "timezone": plan.timezone,
    }
    if plan.follow_up is not None:
        document["follow_up"] = {
            "at": _local_at(plan, plan.follow_up),
            "duration_minutes": plan.follow_up.duration_minutes,
            "where": plan.follow_up.where,
        }
    document["actions"] = [
        {key: value for key, value in _action(a).items() if value is not None} for a in plan.actions
    ]
    return document


def _isoformat(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _isoformat(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_isoformat(v) for v in value]
    return value


def plan_json(plan: ActionPlan) -> str:
    """The plan as a JSON document (dates in ISO 8601)."""
    return json.dumps(_isoformat(plan_document(plan)), ensure_ascii=False, indent=2) + "\n"


_HINTS = {
    "sv": (
        "Handlingsplan (innovationsresan.plan/1). Fyll i för varje åtgärd:",
        "  what  = vad ni ska göra",
        "  how   = hur ni gör det (förslaget är kortets titel)",
        "  when  = ett datum, t.ex. 2026-12-10, eller { start = 2026-12-01, end = 2026-12-15 }",
        '  who   = vem som gör vad, t.ex. ["Anna", "Enhetschef"]',
        "  support = stöd som åtgärden behöver och vem ni frågar, t.ex.",
        '            [{ function = "kiruna:it", ask = "Maria på IT" },',
        '             { need = "en lokal", ask = "Enhetschef" }]',
        "            (stödfunktionerna visas av: innovationsresan support)",
        "  status = planned | started | done | dropped (sätts vid uppföljningen)",
        "Uppföljningen [follow_up] är bokad sex veckor fram; flytta den om det behövs.",
        "Kontrollera planen med: innovationsresan plan check FIL",
    ),
    "en": (
        "Action plan (innovationsresan.plan/1). Fill in for each action:",
        "  what  = what you will do",
        "  how   = how you will do it (the suggestion is the card's title)",
        "  when  = a date, e.g. 2026-12-10, or { start = 2026-12-01, end = 2026-12-15 }",
        '  who   = who does what, e.g. ["Anna", "Unit manager"]',
        "  support = support the action needs and whom you ask, e.g.",
        '            [{ function = "kiruna:it", ask = "Maria in IT" },',
        '             { need = "a room", ask = "Unit manager" }]',
        "            (the support functions are listed by: innovationsresan support)",
        "  status = planned | started | done | dropped (set at the follow-up)",
        "The follow-up [follow_up] is booked six weeks ahead; move it if needed.",
        "Check the plan with: innovationsresan plan check FILE",
    ),
}


def plan_toml(plan: ActionPlan, *, hints: bool = False, lang: str = "sv") -> str:
    """The plan as a TOML document; with *hints*, comments explaining each key come first."""
    text = tomlwriter.dumps(plan_document(plan), inline=("when", "support"))
    if not hints:
        return text
    lines = _HINTS["en" if lang == "en" else "sv"]
    return "".join(f"# {line}\n" for line in lines) + "\n" + text


# -- JSON output ----------------------------------------------------------------------------


def plan_report_json(report: PlanReport, lang: str) -> dict[str, Any]:
    """What ``plan check --json`` prints: ``{"ok", "problems"}`` (docs/cli.md)."""
    return {
        "ok": report.ok,
        "problems": [
            {
                "severity": p.severity.value,
                "code": p.code,
                "location": p.location,
                "message": p.message.get(lang),
            }
            for p in report.problems
        ],
    }


def suggestion_json(suggestion: Suggestion) -> dict[str, Any]:
    """One entry of ``recommend --json``: ``id``, ``gain``, ``serves``, and the card's facts."""
    card = suggestion.card
    return {
        "id": suggestion.id,
        "gain": suggestion.gain,
        "serves": dict(suggestion.serves),
        "title": card.title.as_dict(),
        "summary": card.summary.as_dict(),
        "minutes": card.minutes,
        "group_size": list(card.group_size) if card.group_size else None,
        "principles": dict(card.principles),
    }


def jsonable_hooks(lang: str) -> dict[type, Callable[[Any], Any]]:
    """Unstructure hooks for :func:`~innovationsresan.files.jsonable.to_jsonable`.

    Plans, their validation reports, and the card suggestions a plan is built from.
    """
    return {
        ActionPlan: lambda plan: _isoformat(plan_document(plan)),
        PlanReport: lambda report: plan_report_json(report, lang),
        Suggestion: suggestion_json,
    }
