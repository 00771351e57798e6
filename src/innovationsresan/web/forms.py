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

# Numbers of rows may go far past what the form offers (a plan written as a file is shown
# whole); the request's size limit bounds how many a post can carry.
_ACTION_FIELD = re.compile(r"actions-(\d{1,6})-(what|how|when|until|who|cards|principles|status)\Z")
_SUPPORT_FIELD = re.compile(r"actions-(\d{1,6})-support-(\d{1,6})-(function|need|ask)\Z")
#: The fields of an action row that make it an action (a status alone does not).
_ACTION_KEYS = ("what", "how", "when", "until", "who")
_PLAN_FIELDS = frozenset(
    {"title", "team", "follow_up-at", "follow_up-duration_minutes", "follow_up-where"}
)


@attrs.frozen
class PlanForm:
    """The plan form's fields as typed, and how many action rows it shows.

    Every action and support entry typed is kept, in order, however many there are (a plan
    written as a file may have more than the form offers to add); empty ones are dropped and
    the rest numbered again from 0, so a form always shows what it holds and one empty support
    entry per action to add another.
    """

    fields: Mapping[str, str]
    cards: Mapping[int, tuple[str, ...]]
    principles: Mapping[int, tuple[str, ...]]
    rows: int
    go: str = "save"
    #: Each action's support entries (``function``, ``need``, ``ask``), in order.
    support: Mapping[int, tuple[Mapping[str, str], ...]] = attrs.field(factory=dict)
    #: How many action rows the posted form had, empty ones included.
    posted: int = 0

    def value(self, name: str) -> str:
        """The typed value of field *name* (empty when none)."""
        return self.fields.get(name, "")

    def action(self, index: int, name: str) -> str:
        """The typed value of action *index*'s field *name*."""
        return self.fields.get(f"actions-{index}-{name}", "")

    def support_value(self, index: int, entry: int, key: str) -> str:
        """The typed *key* (function, need, ask) of action *index*'s support *entry*."""
        entries = self.support.get(index, ())
        return entries[entry].get(key, "") if entry < len(entries) else ""

    def support_rows(self, index: int) -> int:
        """How many support entries action *index* shows: every one typed and an empty one
        (where another is written without a script)."""
        return len(self.support.get(index, ())) + 1


def read_plan_form(form: FormData) -> PlanForm:
    """The plan form as typed; unknown fields are dropped, and so are empty action rows and
    support entries (the others are numbered again, in their order)."""
    fields: dict[str, str] = {}
    cards: dict[int, list[str]] = {}
    principles: dict[int, list[str]] = {}
    support: dict[int, dict[int, dict[str, str]]] = {}
    go = "save"
    for name, value in form.multi_items():
        if not isinstance(value, str):
            continue
        text = value  # kept whole: a plan written as a file may hold longer texts
        if name == "go":
            go = text if text in ("save", "add") else "save"
            continue
        if name in _PLAN_FIELDS:
            fields[name] = text
            continue
        entry = _SUPPORT_FIELD.match(name)
        if entry is not None:
            index, number = int(entry.group(1)), int(entry.group(2))
            support.setdefault(index, {}).setdefault(number, {})[entry.group(3)] = text
            continue
        found = _ACTION_FIELD.match(name)
        if found is None:
            continue
        index, key = int(found.group(1)), found.group(2)
        if key == "cards":
            cards.setdefault(index, []).append(text)
        elif key == "principles":
            principles.setdefault(index, []).append(text)
        else:
            fields[name] = text
    entries = {
        index: tuple(
            entry for _, entry in sorted(numbered.items()) if any(v.strip() for v in entry.values())
        )
        for index, numbered in support.items()
    }
    kept = sorted(
        index
        for index in {*entries, *cards, *principles, *_action_indices(fields)}
        if entries.get(index)
        or cards.get(index)
        or principles.get(index)
        or any(fields.get(f"actions-{index}-{key}", "").strip() for key in _ACTION_KEYS)
    )
    typed = {name: text for name, text in fields.items() if name in _PLAN_FIELDS}
    for new, old in enumerate(kept):
        for key in (*_ACTION_KEYS, "status"):
            if f"actions-{old}-{key}" in fields:
                typed[f"actions-{new}-{key}"] = fields[f"actions-{old}-{key}"]
    return PlanForm(
        fields=typed,
        cards={new: tuple(cards[old]) for new, old in enumerate(kept) if old in cards},
        principles={
            new: tuple(principles[old]) for new, old in enumerate(kept) if old in principles
        },
        rows=len(kept),
        go=go,
        support={new: entries[old] for new, old in enumerate(kept) if entries.get(old)},
        posted=len({*support, *cards, *principles, *_action_indices(fields)}),
    )


def _action_indices(fields: Mapping[str, str]) -> set[int]:
    return {int(found.group(1)) for name in fields if (found := _ACTION_FIELD.match(name))}


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
    for typed_entry in typed.support.get(index, ()):
        entry = {
            key: typed_entry.get(key, "").strip()
            for key in SUPPORT_KEYS
            if typed_entry.get(key, "").strip()
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
    support: dict[int, tuple[Mapping[str, str], ...]] = {}
    for i, action in enumerate(plan.actions):
        prefix = f"actions-{i}-"
        if action.support:  # every entry: a plan written as a file may have many
            support[i] = tuple(
                {key: getattr(need, key) for key in SUPPORT_KEYS} for need in action.support
            )
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
    """How many action rows the form shows: every action typed, the empty rows it was posted
    with up to *maximum* rows in all, one more when asked while there are fewer than
    *maximum*, and at least *minimum*."""
    rows = max(typed.rows, min(maximum, typed.posted))
    return max(minimum, rows + (1 if add and rows < maximum else 0))
