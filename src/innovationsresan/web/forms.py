"""Reading the pages' forms: a participant's answers and the group's action plan.

Form fields carry the names of the files' keys (the CSV columns for answers), so what a form
sends is what a file would hold; the library's own readers do every check of meaning.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs
from starlette.datastructures import FormData

from innovationsresan.responses import NA, PERSPECTIVE_IDS, RATING_KINDS
from innovationsresan.web.i18n import N_

if TYPE_CHECKING:
    from innovationsresan.plans import ActionPlan

#: Fields a form carries besides its answers.
CONTROL_FIELDS = frozenset({"csrf", "go"})

#: Where a button on a participant's screen leads.
GO_VALUES = frozenset({"back", "next", "stay"})

#: Longest text a plan field takes (a title, a name, one step).
MAX_TEXT = 2000

#: Support entries the plan form takes per action.
MAX_SUPPORT = 10

#: The keys of one support entry, as in the plan file.
SUPPORT_KEYS = ("function", "need", "ask")


def answer_keys(principle: str) -> frozenset[str]:
    """The four answer names of one principle's screen (the CSV columns)."""
    return frozenset(f"{kind}.{q}.{principle}" for kind in RATING_KINDS for q in PERSPECTIVE_IDS)


@attrs.frozen
class Answers:
    """What one posted screen holds: answers by column name, the button, and any problems.

    A problem is a message id and its values, translated where it is shown.
    """

    values: Mapping[str, str]
    go: str = "next"
    problems: tuple[tuple[str, Mapping[str, str]], ...] = ()


def parse_answers(form: FormData, allowed: frozenset[str], scale: int) -> Answers:
    """The answers of a posted screen; names outside *allowed* and values outside 1..scale or
    ``n/a`` are problems (a tampered form), and then nothing of it is saved."""
    valid = {str(i) for i in range(1, scale + 1)} | {NA}
    values: dict[str, str] = {}
    problems: list[tuple[str, Mapping[str, str]]] = []
    go = "next"
    seen: set[str] = set()
    for name, value in form.multi_items():
        shown = name[:80]
        if name in seen:
            problems.append((N_("%(name)s was sent twice."), {"name": shown}))
            continue
        seen.add(name)
        if name == "go":
            if value in GO_VALUES:
                go = str(value)
            continue
        if name in CONTROL_FIELDS:
            continue
        if name not in allowed:
            problems.append((N_("%(name)s is not a question on this page."), {"name": shown}))
            continue
        if not isinstance(value, str):
            problems.append((N_("%(name)s must be an answer, not a file."), {"name": shown}))
            continue
        if value == "":
            continue  # not answered on this screen
        if value not in valid:
            problems.append(
                (
                    N_("%(value)s is no answer to %(name)s: choose 1 to %(scale)s or n/a."),
                    {"name": shown, "value": value[:20], "scale": str(scale)},
                )
            )
            continue
        values[name] = value
    return Answers(values=values, go=go, problems=tuple(problems))


# -- the action plan ------------------------------------------------------------------------------

_ACTION_FIELD = re.compile(r"actions-(\d{1,3})-(what|how|when|until|who|cards|principles|status)\Z")
_SUPPORT_FIELD = re.compile(r"actions-(\d{1,3})-support-(\d{1,2})-(function|need|ask)\Z")
_PLAN_FIELDS = frozenset(
    {"title", "team", "follow_up-at", "follow_up-duration_minutes", "follow_up-where"}
)


@attrs.frozen
class PlanForm:
    """The plan form's fields as typed, and how many action rows it shows."""

    fields: Mapping[str, str]
    cards: Mapping[int, tuple[str, ...]]
    principles: Mapping[int, tuple[str, ...]]
    rows: int
    go: str = "save"
    #: Support entries typed per action (the highest entry's number plus one).
    support: Mapping[int, int] = attrs.field(factory=dict)

    def value(self, name: str) -> str:
        """The typed value of field *name* (empty when none)."""
        return self.fields.get(name, "")

    def action(self, index: int, name: str) -> str:
        """The typed value of action *index*'s field *name*."""
        return self.fields.get(f"actions-{index}-{name}", "")

    def support_value(self, index: int, entry: int, key: str) -> str:
        """The typed *key* (function, need, ask) of action *index*'s support *entry*."""
        return self.fields.get(f"actions-{index}-support-{entry}-{key}", "")

    def support_rows(self, index: int) -> int:
        """How many support entries action *index* shows: those typed and an empty one
        (where another is written without a script), at most :data:`MAX_SUPPORT`."""
        return min(MAX_SUPPORT, self.support.get(index, 0) + 1)


def read_plan_form(form: FormData, *, max_actions: int) -> PlanForm:
    """The plan form as typed; unknown fields and action rows past *max_actions* are dropped."""
    fields: dict[str, str] = {}
    cards: dict[int, list[str]] = {}
    principles: dict[int, list[str]] = {}
    support: dict[int, int] = {}
    rows = 0
    go = "save"
    for name, value in form.multi_items():
        if not isinstance(value, str):
            continue
        text = value[:MAX_TEXT]
        if name == "go":
            go = text if text in ("save", "add") else "save"
            continue
        if name in _PLAN_FIELDS:
            fields[name] = text
            continue
        entry = _SUPPORT_FIELD.match(name)
        if entry is not None:
            index, number = int(entry.group(1)), int(entry.group(2))
            if index < max_actions and number < MAX_SUPPORT:
                rows = max(rows, index + 1)
                support[index] = max(support.get(index, 0), number + 1)
                fields[name] = text
            continue
        found = _ACTION_FIELD.match(name)
        if found is None:
            continue
        index, key = int(found.group(1)), found.group(2)
        if index >= max_actions:
            continue
        rows = max(rows, index + 1)
        if key == "cards":
            cards.setdefault(index, []).append(text)
        elif key == "principles":
            principles.setdefault(index, []).append(text)
        else:
            fields[name] = text
    return PlanForm(
        fields=fields,
        cards={i: tuple(v) for i, v in cards.items()},
        principles={i: tuple(v) for i, v in principles.items()},
        rows=rows,
        go=go,
        support=support,
    )


def _names(text: str) -> list[str]:
    return [name.strip() for name in re.split(r"[,;\n]", text) if name.strip()]


def plan_document(typed: PlanForm, *, created: dt.date, timezone: str) -> dict[str, Any]:
    """The plan document (the file's structure) of the typed form, for ``parse_plan``.

    Blank fields are left out, so that ``validate_plan`` reports them as missing; a blank action
    row is no action.
    """
    document: dict[str, Any] = {
        "schema": "innovationsresan.plan/1",
        "created": created.isoformat(),
        "timezone": timezone,
    }
    for key in ("title", "team"):
        if typed.value(key).strip():
            document[key] = typed.value(key).strip()
    at = typed.value("follow_up-at").strip()
    if at:
        follow_up: dict[str, Any] = {"at": at}
        minutes = typed.value("follow_up-duration_minutes").strip()
        if minutes:
            follow_up["duration_minutes"] = int(minutes) if minutes.isdigit() else minutes
        where = typed.value("follow_up-where").strip()
        if where:
            follow_up["where"] = where
        document["follow_up"] = follow_up
    actions = []
    for i in range(typed.rows):
        action: dict[str, Any] = {}
        for key in ("what", "how"):
            if typed.action(i, key).strip():
                action[key] = typed.action(i, key).strip()
        start, until = typed.action(i, "when").strip(), typed.action(i, "until").strip()
        if start and until and until != start:
            action["when"] = {"start": start, "end": until}
        elif start:
            action["when"] = start
        who = _names(typed.action(i, "who"))
        if who:
            action["who"] = who
        if typed.cards.get(i):
            action["cards"] = list(dict.fromkeys(typed.cards[i]))
        if typed.principles.get(i):
            action["principles"] = list(dict.fromkeys(typed.principles[i]))
        support = _support_entries(typed, i)
        if support:
            action["support"] = support
        if not action:
            continue
        status = typed.action(i, "status").strip()
        if status:
            action["status"] = status
        actions.append(action)
    if actions:
        document["actions"] = actions
    return document


def _support_entries(typed: PlanForm, index: int) -> list[dict[str, str]]:
    """Action *index*'s support entries as the file holds them; an empty entry is none (one
    with only whom to ask is kept, for the plan's check to say what it lacks)."""
    entries = []
    for number in range(typed.support.get(index, 0)):
        entry = {
            key: typed.support_value(index, number, key).strip()
            for key in SUPPORT_KEYS
            if typed.support_value(index, number, key).strip()
        }
        if entry:
            entries.append(entry)
    return entries


def plan_fields(plan: ActionPlan) -> PlanForm:
    """The form's fields showing a saved *plan*."""
    import zoneinfo  # noqa: PLC0415

    from innovationsresan.plans import DateRange  # noqa: PLC0415

    fields: dict[str, str] = {"title": plan.title, "team": plan.team}
    if plan.follow_up is not None:
        try:
            local = plan.follow_up.at.astimezone(zoneinfo.ZoneInfo(plan.timezone))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            local = plan.follow_up.at
        fields["follow_up-at"] = local.strftime("%Y-%m-%dT%H:%M")
        fields["follow_up-duration_minutes"] = str(plan.follow_up.duration_minutes)
        fields["follow_up-where"] = plan.follow_up.where
    cards: dict[int, tuple[str, ...]] = {}
    principles: dict[int, tuple[str, ...]] = {}
    support: dict[int, int] = {}
    for i, action in enumerate(plan.actions):
        prefix = f"actions-{i}-"
        for j, need in enumerate(action.support[:MAX_SUPPORT]):
            for key in SUPPORT_KEYS:
                fields[f"{prefix}support-{j}-{key}"] = getattr(need, key)
        if action.support:
            support[i] = min(MAX_SUPPORT, len(action.support))
        fields[prefix + "what"] = action.what
        fields[prefix + "how"] = action.how
        if isinstance(action.when, DateRange):
            fields[prefix + "when"] = action.when.start.isoformat()
            fields[prefix + "until"] = action.when.end.isoformat()
        elif action.when is not None:
            fields[prefix + "when"] = action.when.isoformat()
        fields[prefix + "who"] = ", ".join(action.who)
        fields[prefix + "status"] = action.status
        cards[i] = action.cards
        principles[i] = action.principles
    return PlanForm(
        fields=fields,
        cards=cards,
        principles=principles,
        rows=len(plan.actions),
        support=support,
    )


def row_count(typed: PlanForm, *, minimum: int, maximum: int, add: bool) -> int:
    """How many action rows the form shows: those typed, one more when asked, at least *minimum*."""
    return min(maximum, max(minimum, typed.rows + (1 if add else 0)))
