"""Innovationsresan: the innovation-journey model of Innovationsplattform Kiruna.

Reflect on where a team stands between "Byråkrati med begränsad innovation" and
"Innovativ byråkrati", score the nine principles of the rope ladder, pick methods from the card
deck, validate the action plan and follow up over time.

This module only re-exports the public API; every name loads its module on first use,
so ``import innovationsresan`` stays cheap.
"""

from __future__ import annotations

# Nothing is imported here at run time, not even typing: ``innovationsresan --version`` and
# ``import innovationsresan`` should cost little more than starting Python (docs/performance.md).
TYPE_CHECKING = False

__version__ = "0.1.0"

# Public name → the module that defines it; loaded on first attribute access.
_LAZY: dict[str, str] = {
    # errors
    "InnovationsresanError": "innovationsresan.errors",
    "InputError": "innovationsresan.errors",
    "PackError": "innovationsresan.errors",
    "UnknownIdError": "innovationsresan.errors",
    # model and ladder
    "Card": "innovationsresan.model",
    "Level": "innovationsresan.model",
    "LevelDescription": "innovationsresan.model",
    "Link": "innovationsresan.model",
    "LocalizedText": "innovationsresan.model",
    "PackInfo": "innovationsresan.model",
    "Perspective": "innovationsresan.model",
    "Placement": "innovationsresan.model",
    "Principle": "innovationsresan.model",
    "PrincipleDescription": "innovationsresan.model",
    "Problem": "innovationsresan.model",
    "Severity": "innovationsresan.model",
    "ShownDescription": "innovationsresan.model",
    "Statement": "innovationsresan.model",
    "Story": "innovationsresan.model",
    "SupportFunction": "innovationsresan.model",
    "PRINCIPLES": "innovationsresan.ladder",
    "PRINCIPLE_IDS": "innovationsresan.ladder",
    # catalogue and packs
    "Catalog": "innovationsresan.catalog",
    "PackContent": "innovationsresan.catalog",
    "PackStatus": "innovationsresan.catalog",
    "load_catalog": "innovationsresan.packs.loader",
    "hookimpl": "innovationsresan.hookspecs",
    "DataPack": "innovationsresan.packs.datapack",
    # responses and scoring
    "Response": "innovationsresan.responses",
    "parse_response": "innovationsresan.responses",
    "read_response": "innovationsresan.files.responses",
    "read_responses": "innovationsresan.files.responses",
    "iter_responses": "innovationsresan.files.responses",
    "write_response": "innovationsresan.files.responses",
    "GroupResult": "innovationsresan.scoring",
    "score": "innovationsresan.scoring",
    "Bands": "innovationsresan.scoring",
    "PersonResult": "innovationsresan.scoring",
    "PrincipleResult": "innovationsresan.scoring",
    "Stats": "innovationsresan.scoring",
    "score_person": "innovationsresan.scoring",
    "PlacementExplanation": "innovationsresan.scoring",
    "PlacementReason": "innovationsresan.scoring",
    "explain_placement": "innovationsresan.scoring",
    # recommendation
    "Suggestion": "innovationsresan.recommendation",
    "recommend": "innovationsresan.recommendation",
    # plans
    "Action": "innovationsresan.plans",
    "ActionPlan": "innovationsresan.plans",
    "DateRange": "innovationsresan.plans",
    "FollowUp": "innovationsresan.plans",
    "PlanReport": "innovationsresan.plans",
    "SupportNeed": "innovationsresan.plans",
    "parse_plan": "innovationsresan.plans",
    "validate_plan": "innovationsresan.plans",
    "read_plan": "innovationsresan.files.plans",
    "write_plan": "innovationsresan.files.plans",
    # follow-up and journeys
    "Change": "innovationsresan.followup",
    "Comparison": "innovationsresan.followup",
    "Direction": "innovationsresan.followup",
    "Factor": "innovationsresan.followup",
    "Journey": "innovationsresan.followup",
    "PrincipleChange": "innovationsresan.followup",
    "Round": "innovationsresan.followup",
    "compare": "innovationsresan.followup",
    "read_journey": "innovationsresan.files.journeys",
    # output
    "to_jsonable": "innovationsresan.files.jsonable",
    "render_report": "innovationsresan.report",
    "plan_to_ics": "innovationsresan.ical",
}

__all__ = [
    "PRINCIPLES",
    "PRINCIPLE_IDS",
    "Action",
    "ActionPlan",
    "Bands",
    "Card",
    "Catalog",
    "Change",
    "Comparison",
    "DataPack",
    "DateRange",
    "Direction",
    "Factor",
    "FollowUp",
    "GroupResult",
    "InnovationsresanError",
    "InputError",
    "Journey",
    "Level",
    "LevelDescription",
    "Link",
    "LocalizedText",
    "PackContent",
    "PackError",
    "PackInfo",
    "PackStatus",
    "PersonResult",
    "Perspective",
    "Placement",
    "PlacementExplanation",
    "PlacementReason",
    "PlanReport",
    "Principle",
    "PrincipleChange",
    "PrincipleDescription",
    "PrincipleResult",
    "Problem",
    "Response",
    "Round",
    "Severity",
    "ShownDescription",
    "Statement",
    "Stats",
    "Story",
    "Suggestion",
    "SupportFunction",
    "SupportNeed",
    "UnknownIdError",
    "__version__",
    "compare",
    "explain_placement",
    "hookimpl",
    "iter_responses",
    "load_catalog",
    "parse_plan",
    "parse_response",
    "plan_to_ics",
    "read_journey",
    "read_plan",
    "read_response",
    "read_responses",
    "recommend",
    "render_report",
    "score",
    "score_person",
    "to_jsonable",
    "validate_plan",
    "write_plan",
    "write_response",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'innovationsresan' has no attribute {name!r}")
    import importlib  # noqa: PLC0415

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:  # pragma: no cover - names for type checkers and editors
    from typing import Any

    from innovationsresan.catalog import Catalog, PackContent, PackStatus
    from innovationsresan.errors import InnovationsresanError, InputError, PackError, UnknownIdError
    from innovationsresan.files.journeys import read_journey
    from innovationsresan.files.jsonable import to_jsonable
    from innovationsresan.files.plans import read_plan, write_plan
    from innovationsresan.files.responses import (
        iter_responses,
        read_response,
        read_responses,
        write_response,
    )
    from innovationsresan.followup import (
        Change,
        Comparison,
        Direction,
        Factor,
        Journey,
        PrincipleChange,
        Round,
        compare,
    )
    from innovationsresan.hookspecs import hookimpl
    from innovationsresan.ical import plan_to_ics
    from innovationsresan.ladder import PRINCIPLE_IDS, PRINCIPLES
    from innovationsresan.model import (
        Card,
        Level,
        LevelDescription,
        Link,
        LocalizedText,
        PackInfo,
        Perspective,
        Placement,
        Principle,
        PrincipleDescription,
        Problem,
        Severity,
        ShownDescription,
        Statement,
        Story,
        SupportFunction,
    )
    from innovationsresan.packs.datapack import DataPack
    from innovationsresan.packs.loader import load_catalog
    from innovationsresan.plans import (
        Action,
        ActionPlan,
        DateRange,
        FollowUp,
        PlanReport,
        SupportNeed,
        parse_plan,
        validate_plan,
    )
    from innovationsresan.recommendation import Suggestion, recommend
    from innovationsresan.report import render_report
    from innovationsresan.responses import Response, parse_response
    from innovationsresan.scoring import (
        Bands,
        GroupResult,
        PersonResult,
        PlacementExplanation,
        PlacementReason,
        PrincipleResult,
        Stats,
        explain_placement,
        score,
        score_person,
    )
