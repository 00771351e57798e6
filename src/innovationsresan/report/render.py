"""``render_report``: one self-contained HTML file for a workshop.

Everything is inline (stylesheet, the ladder SVG), nothing is fetched from the network, and the
page prints on A4. Jinja2 renders it with autoescaping on, so no text from a response, a plan or
a pack can become markup; the SVG is built by :mod:`innovationsresan.report.drawing`, which
escapes every text itself.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from innovationsresan import __version__, ladder
from innovationsresan.errors import (
    InnovationsresanError,
    expect_items,
    expect_optional,
    expect_type,
)
from innovationsresan.model import LocalizedText, Phase, Placement, Problem, Story
from innovationsresan.report._format import NO_VALUE, Words
from innovationsresan.report.drawing import escape, ladder_svg
from innovationsresan.report.palette import PALETTE
from innovationsresan.scoring import FEW_RESPONDENTS, LOW_CONSENSUS

if TYPE_CHECKING:
    import jinja2

    from innovationsresan.catalog import Catalog
    from innovationsresan.plans import Action, ActionPlan, PlanReport
    from innovationsresan.recommendation import Suggestion
    from innovationsresan.scoring import GroupResult, PlacementExplanation, Stats


def _check_arguments(given: dict[str, Any]) -> None:
    """:class:`TypeError` naming the first argument of :func:`render_report` of a wrong type."""
    from innovationsresan.catalog import Catalog  # noqa: PLC0415 - only for the checks
    from innovationsresan.plans import ActionPlan, PlanReport  # noqa: PLC0415
    from innovationsresan.recommendation import Suggestion  # noqa: PLC0415
    from innovationsresan.scoring import GroupResult  # noqa: PLC0415

    expect_type("result", given["result"], GroupResult, "a GroupResult (score gives one)")
    expect_type("catalog", given["catalog"], Catalog, "a Catalog")
    expect_items("suggestions", given["suggestions"], Suggestion, "Suggestion (recommend's)")
    expect_optional("plan", given["plan"], ActionPlan, "an ActionPlan or None")
    expect_optional("plan_report", given["plan_report"], PlanReport, "a PlanReport or None")
    expect_type("lang", given["lang"], str, "a language code (str)")
    expect_optional("title", given["title"], str, "a str or None")
    if given["stories"] is not None:
        expect_items("stories", given["stories"], Story, "Story")
    expect_optional("primary", given["primary"], str, "a pack id (str) or None")


#: How many of the highest-priority principles stories are chosen for.
WEAKEST = 3

#: At most this many stories are shown.
MAX_STORIES = 3

_STATUS_NAMES = {
    "planned": ("planerad", "planned"),
    "started": ("påbörjad", "started"),
    "done": ("klar", "done"),
    "dropped": ("struken", "dropped"),
}


@attrs.frozen
class Cell:
    """A table cell: the text shown and, for numbers, the exact value behind it."""

    text: str
    value: float | int | None = None
    key: str = ""
    low: bool = False


def _missing_jinja() -> InnovationsresanError:
    return InnovationsresanError(
        LocalizedText.of(
            "HTML-rapporten behöver paketet jinja2. Installera det med: "
            "pip install 'innovationsresan[report]'",
            "The HTML report needs the package jinja2. Install it with: "
            "pip install 'innovationsresan[report]'",
        )
    )


@functools.cache
def _environment() -> jinja2.Environment:
    try:
        import jinja2  # noqa: PLC0415 - an optional extra, imported only when a report is made
    except ImportError:
        raise _missing_jinja() from None
    return jinja2.Environment(
        loader=jinja2.PackageLoader("innovationsresan.report", "templates"),
        bytecode_cache=_bytecode_cache(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Where compiled templates are kept between runs, so a report need not compile them again.

    A folder in the user's cache (``$XDG_CACHE_HOME``, else ``~/.cache``), per version of the
    library; jinja2 checks every entry against the template's source and writes entries
    atomically. ``INNOVATIONSRESAN_NO_CACHE=1``, or a cache that cannot be made, compiles the
    templates in every run instead. Nothing but compiled templates is written there.
    """
    import os  # noqa: PLC0415

    import jinja2  # noqa: PLC0415 - found by the caller already

    from innovationsresan.files.cachefolder import cache_folder  # noqa: PLC0415

    folder = cache_folder(f"templates-{__version__}")
    if folder is None:
        return None
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError:
        return None
    if not os.access(folder, os.W_OK):
        return None
    return jinja2.FileSystemBytecodeCache(folder)


def render_report(
    result: GroupResult,
    catalog: Catalog,
    *,
    suggestions: Sequence[Suggestion] = (),
    plan: ActionPlan | None = None,
    plan_report: PlanReport | None = None,
    lang: str = "sv",
    title: str | None = None,
    stories: Sequence[Story] | None = None,
    primary: str | None = None,
) -> str:
    """The workshop report of *result* as one self-contained HTML document.

    *stories* are shown as given; ``None`` picks those of *catalog* that fit the principles
    with the highest priority. *plan_report* (from ``validate_plan``) lists the plan's problems.
    The levels are described in the words that
    :meth:`~innovationsresan.catalog.Catalog.level_description` chooses (*primary* first),
    naming the pack they come from.
    Raises :class:`~innovationsresan.errors.InnovationsresanError` when jinja2 is not installed.
    """
    _check_arguments(dict(locals()))  # only the arguments are defined yet
    environment = _environment()
    try:
        import markupsafe  # noqa: PLC0415 - installed with jinja2, which was found above
    except ImportError:  # pragma: no cover - jinja2 always brings markupsafe
        raise _missing_jinja() from None
    words = Words(lang)

    def loc(text: LocalizedText) -> markupsafe.Markup:
        # a text that fell back to another language is marked with its own language (WCAG 3.1.2)
        value, actual = words.pick(text)
        if actual == words.page:
            return markupsafe.escape(value)
        return markupsafe.Markup('<span lang="{}">{}</span>').format(actual, value)

    weakest = _weakest(result)
    chosen_stories = (
        tuple(stories)
        if stories is not None
        else catalog.stories_for(weakest)[:MAX_STORIES]
        if weakest
        else ()
    )
    explanation = result.explanation
    context: dict[str, Any] = {
        "w": words,
        "t": words.t,
        "loc": loc,
        "num": words.number,
        "palette": PALETTE,
        "title": title
        or words.t(
            "Innovationsresan – gruppens resultat", "The innovation journey – the group's result"
        ),
        "result": result,
        "few": result.few_respondents,
        "placements": _placements(result, words, explanation, catalog, primary),
        # ladder_svg escapes every text it draws, so its output is markup already
        "ladder_svg": markupsafe.Markup(  # noqa: S704 - built from escaped parts, see ladder_svg
            ladder_svg(result, lang=lang, id_prefix="ladder", names=shown_names(catalog, primary))
        ),
        "tables": _tables(result, words),
        "low_consensus": words.number(LOW_CONSENSUS),
        "priorities": _priorities(result),
        "principle_name": lambda pid: (
            loc(catalog.principle_description(pid, primary).name)
            if ladder.is_principle(pid)
            else markupsafe.escape(pid)
        ),
        "stories": chosen_stories,
        "story_groups": _story_groups(chosen_stories, weakest),
        "suggestions": tuple(suggestions),
        "plan": plan,
        "actions": _actions(plan, catalog, words) if plan is not None else (),
        "support_needed": plan is not None and any(a.support for a in plan.actions),
        "plan_problems": tuple(plan_report.problems) if plan_report is not None else None,
        "severity": lambda p: _severity(p, words),
        "phase_name": lambda phase: _phase(phase, words),
        "origin_name": ladder.ORIGIN_NAMES.__getitem__,
        "packs": _packs(result, catalog, words),
        "version": __version__,
        "bands": (words.number(result.bands.lo), words.number(result.bands.hi)),
    }
    return environment.get_template("report.html.j2").render(context)


def _weakest(result: GroupResult) -> tuple[str, ...]:
    ranked = sorted(
        ((priority, i, pid) for i, (pid, priority) in enumerate(_priorities(result))),
        key=lambda item: (-item[0], item[1]),
    )
    return tuple(pid for priority, _, pid in ranked[:WEAKEST] if priority > 0)


def _priorities(result: GroupResult) -> list[tuple[str, float]]:
    """Principle id and priority (undefined as 0), in ladder order."""
    priorities = result.priorities()
    return [(pr.id, float(priorities.get(pr.id, 0.0))) for pr in result.principles]


def _story_groups(stories: Sequence[Story], weakest: Sequence[str]) -> list[dict[str, Any]]:
    """The stories grouped by principle: each under the first of *weakest* it shows (else its
    own first principle), groups in the order of *weakest* and then of the ladder."""
    order = [*weakest, *(pid for pid in ladder.PRINCIPLE_IDS if pid not in weakest)]
    groups: dict[str, list[Story]] = {}
    for story in stories:
        home = next((pid for pid in weakest if pid in story.principles), None)
        if home is None:
            home = next((pid for pid in story.principles if ladder.is_principle(pid)), "")
        groups.setdefault(home, []).append(story)
    return [
        {"principle": pid, "stories": groups[pid]}
        for pid in sorted(groups, key=lambda pid: order.index(pid) if pid in order else len(order))
    ]


def shown_names(catalog: Catalog, primary: str | None = None) -> dict[str, LocalizedText]:
    """The names of the levels and principles as the packs give them (the rule of
    :meth:`~innovationsresan.catalog.Catalog.level_description`), by id, for the drawing."""
    return {
        shown.id: shown.name for shown in (*catalog.levels(primary), *catalog.principles(primary))
    }


def _placements(
    result: GroupResult,
    words: Words,
    explanation: PlacementExplanation,
    catalog: Catalog,
    primary: str | None,
) -> list[dict[str, Any]]:
    shown = {s.id: s for s in catalog.levels(primary)}
    rows = []
    # the whole first, then the two perspectives (side by side on a wide page)
    for key, name in (
        ("overall", LocalizedText.of("Sammantaget", "Overall")),
        ("organisation", ladder.PERSPECTIVE_NAMES["organisation"]),
        ("individual", ladder.PERSPECTIVE_NAMES["individual"]),
    ):
        placement = result.placement.get(key)
        position = result.position.get(key) if key != "overall" else None
        # a level is described in the chosen pack's words; "both" is no level and keeps ours
        level = shown.get(placement.value) if placement is not None else None
        rows.append(
            {
                "key": key,
                "name": words.text(name),
                "placement": placement.value if placement is not None else None,
                "level": words.text(level.name if level else ladder.LEVEL_NAMES[placement.value])
                if placement is not None
                else words.t("kan inte avgöras (inga svar)", "cannot be told (no answers)"),
                # "both" is said by the explanation itself: drag av båda nivåerna på en gång
                "description": words.text(
                    level.description if level else ladder.LEVEL_DESCRIPTIONS[placement.value]
                )
                if placement is not None and placement is not Placement.BOTH
                else "",
                "source": level.pack if level is not None else None,
                "explanation": words.text(explanation.describe(key, brief=True)),
                "position": position,
                "position_text": words.number(position) if position is not None else NO_VALUE,
            }
        )
    return rows


def _stat_cells(stats: Stats, words: Words) -> list[Cell]:
    low = stats.low_consensus
    spread = (
        f"{words.number(stats.min)}–{words.number(stats.max)}"
        if stats.min is not None and stats.max is not None
        else NO_VALUE
    )
    return [
        Cell(str(stats.n), stats.n, "n"),
        Cell(words.number(stats.mean), stats.mean, "mean"),
        Cell(words.number(stats.median), stats.median, "median"),
        Cell(spread, None, "range"),
        Cell(words.number(stats.sd), stats.sd, "sd"),
        Cell(words.number(stats.consensus), stats.consensus, "consensus", low),
        Cell(words.number(stats.desired), stats.desired, "desired"),
        Cell(words.signed(stats.gap), stats.gap, "gap"),
    ]


def _tables(result: GroupResult, words: Words) -> list[dict[str, Any]]:
    tables = []
    for perspective in ("organisation", "individual"):
        rows = [
            {
                "id": pr.id,
                "name": ladder.principle(pr.id).name,
                "cells": _stat_cells(getattr(pr, perspective), words),
            }
            for pr in result.principles
        ]
        tables.append(
            {
                "perspective": perspective,
                "letter": "O" if perspective == "organisation" else "I",
                "caption": words.text(ladder.PERSPECTIVE_NAMES[perspective]),
                "rows": rows,
            }
        )
    return tables


def _when(action: Action, words: Words) -> str:
    from innovationsresan.plans import DateRange  # noqa: PLC0415 - plans is only needed with a plan

    when = action.when
    if when is None:
        return NO_VALUE
    if isinstance(when, DateRange):
        return f"{words.date(when.start)} – {words.date(when.end)}"
    return words.date(when)


def _card_title(catalog: Catalog, ident: str) -> tuple[str, LocalizedText | None]:
    qualified, _ = catalog.try_resolve("card", ident)
    if qualified is None:
        return ident, None
    return qualified, catalog.card(qualified).title


def _actions(plan: ActionPlan, catalog: Catalog, words: Words) -> list[dict[str, Any]]:
    from innovationsresan.plans import describe_support  # noqa: PLC0415 - only with a plan

    rows = []
    for action in plan.actions:
        sv, en = _STATUS_NAMES.get(action.status, (action.status, action.status))
        rows.append(
            {
                "what": action.what,
                "how": action.how,
                "when": _when(action, words),
                "who": ", ".join(action.who),
                "cards": [_card_title(catalog, c) for c in action.cards],
                "principles": action.principles,
                "status": words.t(sv, en),
                "support": [describe_support(n, catalog, words.page) for n in action.support],
            }
        )
    return rows


def _severity(problem: Problem, words: Words) -> str:
    return words.t("Fel", "Error") if problem.is_error else words.t("Varning", "Warning")


def _packs(result: GroupResult, catalog: Catalog, words: Words) -> list[dict[str, str]]:
    names = {p.id: words.text(p.name) for p in catalog.packs}
    return [
        {"id": pack_id, "version": version, "name": names.get(pack_id, "")}
        for pack_id, version in result.packs
    ]


def _phase(phase: Phase, words: Words) -> str:
    name = ladder.PHASE_NAMES.get(phase)
    if name is None:
        return phase.value
    return words.t(name.get("sv"), name.get("en"))


__all__ = ["FEW_RESPONDENTS", "LOW_CONSENSUS", "escape", "render_report"]
