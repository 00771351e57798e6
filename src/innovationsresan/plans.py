"""Action plans: what the team will try, how, when, who does it, and the booked follow-up.

:func:`parse_plan` turns a parsed document (docs/formats.md) into an :class:`ActionPlan`; a
document that cannot be read as a plan is an :class:`~innovationsresan.errors.InputError`
listing every problem. Fields that are merely absent or blank are not read errors: they are
what :func:`validate_plan` reports, with the stable codes of docs/formats.md.

Pure: no I/O and no clock (``today`` is a parameter). The time-zone database is consulted
through :mod:`zoneinfo` to read local date-times.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs

from innovationsresan.catalog import Catalog
from innovationsresan.checks import MAX_PROBLEMS_PER_FILE, SLUG, Checker, capped
from innovationsresan.errors import (
    InputError,
    UnknownIdError,
    bad_value,
    expect_choice,
    expect_list,
    expect_optional,
    expect_type,
)
from innovationsresan.guard import Guard, describe, time_limit
from innovationsresan.ladder import PRINCIPLE_IDS, is_principle, principle, principle_id
from innovationsresan.model import (
    Key,
    LocalizedText,
    Problem,
    Severity,
    any_value,
    location,
)

__all__ = [
    "DEFAULT_TIMEZONE",
    "FAR_DAYS",
    "MAX_ACTIONS",
    "PLAN_SCHEMA",
    "STATUSES",
    "Action",
    "ActionPlan",
    "DateRange",
    "FollowUp",
    "PlanReport",
    "SupportNeed",
    "describe_support",
    "parse_plan",
    "plan_skeleton",
    "validate_plan",
]

PLAN_SCHEMA = "innovationsresan.plan/1"
DEFAULT_TIMEZONE = "Europe/Stockholm"
#: The statuses an action can have; ``planned`` until the follow-up says otherwise.
STATUSES = ("planned", "started", "done", "dropped")
#: A follow-up more than this many days after ``created`` is ``follow-up-far``.
FAR_DAYS = 183
#: More actions than this is ``too-many-actions``: the plan should stay simple.
MAX_ACTIONS = 7
#: How far after ``created`` a new plan's follow-up is booked (six weeks).
SKELETON_FOLLOW_UP_DAYS = 42
#: At most this many problems are taken from one pack's plan rule.
MAX_RULE_PROBLEMS = 1000

_PLAN_KEYS = ("schema", "title", "team", "created", "timezone", "follow_up", "actions")
_FOLLOW_UP_KEYS = ("at", "duration_minutes", "where")
_ACTION_KEYS = ("what", "how", "when", "who", "cards", "principles", "support", "status")
_SUPPORT_KEYS = ("function", "need", "ask")


# The plan's values check what they are given (docs/api.md): a wrong type is a TypeError naming
# the field, a value that cannot be used an InputError (a ValueError) naming it.


def _typed(kinds: type | tuple[type, ...], what: str) -> Callable[[Any, Any, Any], None]:
    """An attrs validator: :func:`~innovationsresan.errors.expect_type` on the field's value."""

    def check(instance: Any, attribute: Any, value: Any) -> None:
        expect_type(attribute.name, value, kinds, what)

    return check


def _optional(kinds: type | tuple[type, ...], what: str) -> Callable[[Any, Any, Any], None]:
    """Like :func:`_typed`, with ``None`` allowed too."""

    def check(instance: Any, attribute: Any, value: Any) -> None:
        expect_optional(attribute.name, value, kinds, what)

    return check


_TEXT = _typed(str, "a text (str)")


def _aware(instance: object, attribute: attrs.Attribute[dt.datetime], value: dt.datetime) -> None:
    expect_type(attribute.name, value, dt.datetime, "a datetime.datetime with a time zone")
    if value.tzinfo is None or value.utcoffset() is None:
        raise bad_value(
            attribute.name,
            value,
            "en tidpunkt med tidszon (aware)",
            "an aware date-time (with a time zone)",
        )


def _positive(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    expect_type(attribute.name, value, int, "a whole number of minutes (int)")
    if value < 1:
        raise bad_value(attribute.name, value, "ett positivt heltal", "a positive integer")


def _representable(at: dt.datetime, minutes: int) -> bool:
    """Whether the meeting's start and end exist in UTC as well (not past year 1 or 9999)."""
    try:
        at.astimezone(dt.UTC)
        (at + dt.timedelta(minutes=minutes)).astimezone(dt.UTC)
    except OverflowError:
        return False
    return True


def _fits_calendar(instance: FollowUp, attribute: attrs.Attribute[int], value: int) -> None:
    if not _representable(instance.at, value):
        raise bad_value(
            attribute.name,
            value,
            f"en längd som slutar före år 9999 (mötet {instance.at} hamnar utanför kalendern)",
            f"a length that ends before year 9999 (a follow-up at {instance.at} is out of range)",
        )


@attrs.frozen
class FollowUp:
    """The booked follow-up meeting: an aware date-time, its length and where it is held."""

    at: dt.datetime = attrs.field(validator=_aware)
    duration_minutes: int = attrs.field(default=60, validator=[_positive, _fits_calendar])
    where: str = attrs.field(default="", validator=_TEXT)

    @property
    def date(self) -> dt.date:
        """The date of ``at`` in its own time zone."""
        return self.at.date()

    @property
    def end(self) -> dt.datetime:
        """When the meeting ends."""
        return self.at + dt.timedelta(minutes=self.duration_minutes)


def _ordered(instance: DateRange, attribute: attrs.Attribute[dt.date], value: dt.date) -> None:
    expect_type(attribute.name, value, dt.date, "a datetime.date")
    if value < instance.start:
        raise bad_value(
            attribute.name,
            value,
            f"en dag från och med start {instance.start}, inte före",
            f"a day on or after start {instance.start}, not before",
        )


@attrs.frozen
class DateRange:
    """A span of days, both ends included."""

    start: dt.date = attrs.field(validator=_typed(dt.date, "a datetime.date"))
    end: dt.date = attrs.field(validator=_ordered)

    @property
    def days(self) -> int:
        """How many days the range covers."""
        return (self.end - self.start).days + 1


def _texts(name: str, value: str | Iterable[str], what: str) -> tuple[str, ...]:
    """The field *name*'s one text, or collection of texts, as a tuple (its items checked)."""
    # one id or name given as a string is one, never split into its letters
    if isinstance(value, str):
        return (value,)
    return tuple(expect_list(name, value, str, what))


def _names(value: str | Iterable[str]) -> tuple[str, ...]:
    return _texts("who", value, "names (str)")


def _card_ids(value: str | Iterable[str]) -> tuple[str, ...]:
    return _texts("cards", value, "card ids (str)")


def _principle_ids(value: str | Iterable[str]) -> tuple[str, ...]:
    return _texts("principles", value, "principle ids (str)")


def _actions(value: Iterable[Action]) -> tuple[Action, ...]:
    return tuple(expect_list("actions", value, Action, "Action values"))


def _support(value: Iterable[SupportNeed]) -> tuple[SupportNeed, ...]:
    return tuple(expect_list("support", value, SupportNeed, "SupportNeed values"))


def _function_or_need(instance: SupportNeed, attribute: attrs.Attribute[str], value: str) -> None:
    expect_type(attribute.name, value, str, "a text (str)")
    if not instance.function.strip() and not value.strip():
        raise InputError(
            LocalizedText.of(
                "ett stödbehov anger en stödfunktion, ett behov i ord eller båda",
                "a support need names a support function, a need in words, or both",
            )
        )


@attrs.frozen
class SupportNeed:
    """Support an action needs to succeed, and whom to ask for it.

    ``function`` is a support function a pack lists (``kiruna:it``; unqualified or by name when
    that is unambiguous), ``need`` says in words what is needed (``"en lokal för workshoppen"``);
    at least one is given. ``ask`` names the person or role to ask; blank, it is the
    ``support-without-owner`` warning of :func:`validate_plan`.
    """

    function: str = attrs.field(default="", validator=_TEXT)
    need: str = attrs.field(default="", validator=_function_or_need)
    ask: str = attrs.field(default="", validator=_TEXT)


def _status(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    expect_choice(attribute.name, value, STATUSES, "a status (str)")


@attrs.frozen
class Action:
    """One thing the team will do.

    Blank ``what``, ``how``, ``who`` and a ``when`` of ``None`` are allowed here:
    :func:`validate_plan` reports them as ``missing-…``.
    """

    what: str = attrs.field(default="", validator=_TEXT)
    how: str = attrs.field(default="", validator=_TEXT)
    when: dt.date | DateRange | None = attrs.field(
        default=None,
        validator=_optional((dt.date, DateRange), "a datetime.date, a DateRange or None"),
    )
    who: tuple[str, ...] = attrs.field(default=(), converter=_names)
    cards: tuple[str, ...] = attrs.field(default=(), converter=_card_ids)
    principles: tuple[str, ...] = attrs.field(default=(), converter=_principle_ids)
    status: str = attrs.field(default="planned", validator=_status)
    support: tuple[SupportNeed, ...] = attrs.field(default=(), converter=_support)

    @property
    def due(self) -> dt.date | None:
        """The day the action is due: its date, or the end of its range."""
        return self.when.end if isinstance(self.when, DateRange) else self.when

    @property
    def starts(self) -> dt.date | None:
        """The first day of the action: its date, or the start of its range."""
        return self.when.start if isinstance(self.when, DateRange) else self.when


def _timezone_name(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    expect_type(attribute.name, value, str, "a time zone name (str)")
    if not value.strip():
        raise bad_value(
            attribute.name, value, "ett tidszonsnamn, inte tomt", "a time zone, not blank"
        )


@attrs.frozen
class ActionPlan:
    """A team's action plan (docs/formats.md).

    ``follow_up`` is ``None`` when none is booked and ``actions`` may be empty:
    both are validation problems, not reading errors.
    """

    created: dt.date = attrs.field(validator=_typed(dt.date, "a datetime.date"))
    title: str = attrs.field(default="", validator=_TEXT)
    team: str = attrs.field(default="", validator=_TEXT)
    timezone: str = attrs.field(default=DEFAULT_TIMEZONE, validator=_timezone_name)
    follow_up: FollowUp | None = attrs.field(
        default=None, validator=_optional(FollowUp, "a FollowUp or None")
    )
    actions: tuple[Action, ...] = attrs.field(default=(), converter=_actions)


@attrs.frozen
class PlanReport:
    """What :func:`validate_plan` found, in a stable order."""

    problems: tuple[Problem, ...] = ()

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that are errors."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The problems that are warnings."""
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        """Whether the plan has no errors (warnings are allowed)."""
        return not self.errors

    def codes(self) -> list[tuple[str, str]]:
        """``(code, location)`` of every problem, handy in tests and logs."""
        return [(p.code, p.location) for p in self.problems]


# -- reading --------------------------------------------------------------------------------


def parse_plan(document: Mapping[str, Any], *, file: str | None = None) -> ActionPlan:
    """Read an action plan from a parsed TOML or JSON document.

    Every structural problem (missing ``schema`` or ``created``, an unknown key, a wrong type,
    an unknown time zone, a bare date as the follow-up's ``at`` …) is collected and raised
    together as one :class:`InputError`; *file* prefixes their locations. The first 100 are
    kept and the rest counted in one ``more-problems`` (docs/formats.md).
    """
    checker = Checker(file, keep=MAX_PROBLEMS_PER_FILE)
    table = checker.table(document, (), required=("schema", "created"), optional=_PLAN_KEYS)
    if table is None:
        raise _unreadable(checker, file)
    if "schema" in table:
        checker.schema(table, "plan")
    created = checker.date(table["created"], ("created",)) if "created" in table else None
    title = _optional_string(checker, table, "title", ())
    team = _optional_string(checker, table, "team", ())
    zone_name = DEFAULT_TIMEZONE
    zone: zoneinfo.ZoneInfo | None = zoneinfo.ZoneInfo(DEFAULT_TIMEZONE)
    if "timezone" in table:
        zone = _zone(checker, table["timezone"])
        zone_name = zone.key if zone is not None else DEFAULT_TIMEZONE
    follow_up = None
    if "follow_up" in table:
        follow_up = _follow_up(checker, table["follow_up"], zone)
    actions: list[Action] = []
    if "actions" in table:
        items = checker.list_of(table["actions"], ("actions",))
        for i, item in enumerate(items or ()):
            action = _action(checker, item, i)
            if action is not None:
                actions.append(action)
    if not checker.ok or created is None:
        raise _unreadable(checker, file)
    return ActionPlan(
        created=created,
        title=title,
        team=team,
        timezone=zone_name,
        follow_up=follow_up,
        actions=tuple(actions),
    )


def _unreadable(checker: Checker, file: str | None) -> InputError:
    named = f" {file}" if file else ""
    return InputError(
        LocalizedText.of(
            f"Handlingsplanen{named} kan inte läsas.", f"The action plan{named} cannot be read."
        ),
        problems=[p for p in checker.all_problems() if p.is_error],
        path=file,
    )


def _optional_string(
    checker: Checker, table: Mapping[str, Any], key: str, path: tuple[Key, ...]
) -> str:
    if key not in table:
        return ""
    return checker.string(table[key], (*path, key)) or ""


def _zone(checker: Checker, value: object) -> zoneinfo.ZoneInfo | None:
    name = checker.string(value, ("timezone",))
    if name is None:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        checker.error(
            "unknown-timezone",
            ("timezone",),
            f'tidszonen {any_value(name)} finns inte; skriv t.ex. "Europe/Stockholm"',
            f'the time zone {any_value(name)} does not exist; write e.g. "Europe/Stockholm"',
        )
        return None


def _follow_up(checker: Checker, value: object, zone: zoneinfo.ZoneInfo | None) -> FollowUp | None:
    path: tuple[Key, ...] = ("follow_up",)
    table = checker.table(value, path, required=("at",), optional=_FOLLOW_UP_KEYS)
    if table is None:
        return None
    at = checker.datetime(table["at"], (*path, "at")) if "at" in table else None
    duration = 60
    if "duration_minutes" in table:
        duration = (
            checker.integer(
                table["duration_minutes"], (*path, "duration_minutes"), minimum=1, maximum=24 * 60
            )
            or 60
        )
    where = _optional_string(checker, table, "where", path)
    if at is None:
        return None
    if at.tzinfo is None or at.utcoffset() is None:
        if zone is None:
            return None
        at = at.replace(tzinfo=zone)
    if not _representable(at, duration):
        checker.error(
            "out-of-range",
            (*path, "at"),
            f"tidpunkten {at.isoformat()} ligger utanför kalenderns gränser",
            f"the date-time {at.isoformat()} lies beyond the calendar's limits",
        )
        return None
    return FollowUp(at=at, duration_minutes=duration, where=where)


def _action(checker: Checker, value: object, i: int) -> Action | None:
    path: tuple[Key, ...] = ("actions", i)
    table = checker.table(value, path, optional=_ACTION_KEYS)
    if table is None:
        return None
    what = _optional_string(checker, table, "what", path)
    how = _optional_string(checker, table, "how", path)
    when = _when(checker, table["when"], (*path, "when")) if "when" in table else None
    who: tuple[str, ...] = ()
    if "who" in table:
        who = _who(checker, table["who"], (*path, "who"))
    cards = _strings(checker, table, "cards", path)
    # a principle may be written by its Swedish or English name; the plan keeps its id
    principles = tuple(principle_id(p) or p for p in _strings(checker, table, "principles", path))
    status = "planned"
    if "status" in table:
        status = checker.choice(table["status"], (*path, "status"), STATUSES) or "planned"
    support: tuple[SupportNeed, ...] = ()
    if "support" in table:
        support = _support_needs(checker, table["support"], (*path, "support"))
    return Action(
        what=what,
        how=how,
        when=when,
        who=who,
        cards=cards,
        principles=principles,
        status=status,
        support=support,
    )


def _support_needs(
    checker: Checker, value: object, path: tuple[Key, ...]
) -> tuple[SupportNeed, ...]:
    items = checker.list_of(value, path)
    if items is None:
        return ()
    needs: list[SupportNeed] = []
    for j, item in enumerate(items):
        where = (*path, j)
        errors = checker.error_count
        table = checker.table(item, where, optional=_SUPPORT_KEYS)
        if table is None:
            continue
        function = _optional_string(checker, table, "function", where)
        need = _optional_string(checker, table, "need", where)
        ask = _optional_string(checker, table, "ask", where)
        if errors != checker.error_count:
            continue  # a wrong type or an unknown key says enough
        if not function.strip() and not need.strip():
            if "function" not in table and "need" not in table:
                checker.error(
                    "missing-key",
                    (*where, "need"),
                    "stödet saknar både 'function' och 'need': skriv vilken stödfunktion som "
                    'behövs (function = "kiruna:it") eller med egna ord vad som behövs '
                    '(need = "…")',
                    "the support lacks both 'function' and 'need': write which support function "
                    'is needed (function = "kiruna:it") or in words what is needed (need = "…")',
                )
            else:
                checker.error(
                    "blank-support",
                    (*where, "need" if "need" in table else "function"),
                    "stödet är tomt: skriv vilken stödfunktion eller vad som behövs, "
                    "eller ta bort raden",
                    "the support is blank: write which support function or what is needed, "
                    "or remove the entry",
                )
            continue
        needs.append(SupportNeed(function=function.strip(), need=need, ask=ask))
    return tuple(needs)


def _when(checker: Checker, value: object, path: tuple[Key, ...]) -> dt.date | DateRange | None:
    if isinstance(value, Mapping):
        table = checker.table(value, path, required=("start", "end"))
        if table is None or "start" not in table or "end" not in table:
            return None
        start = checker.date(table["start"], (*path, "start"))
        end = checker.date(table["end"], (*path, "end"))
        if start is None or end is None:
            return None
        if end < start:
            checker.error(
                "invalid-range",
                (*path, "end"),
                f"slutdatumet {end} ligger före startdatumet {start}",
                f"the end {end} is before the start {start}",
            )
            return None
        return DateRange(start, end)
    return checker.date(value, path)


def _who(checker: Checker, value: object, path: tuple[Key, ...]) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    items = checker.list_of(value, path)
    if items is None:
        return ()
    names = [checker.string(name, (*path, j)) for j, name in enumerate(items)]
    return tuple(n for n in names if n is not None)


def _strings(
    checker: Checker, table: Mapping[str, Any], key: str, path: tuple[Key, ...]
) -> tuple[str, ...]:
    if key not in table:
        return ()
    items = checker.list_of(table[key], (*path, key))
    if items is None:
        return ()
    values = [checker.string(item, (*path, key, j)) for j, item in enumerate(items)]
    return tuple(v for v in values if v is not None)


# -- validating -----------------------------------------------------------------------------


def validate_plan(plan: ActionPlan, catalog: Catalog, *, today: dt.date) -> PlanReport:
    """Every problem of *plan* with the codes of docs/formats.md, then the packs' plan rules.

    Never raises on a plan that could be read: a pack rule that fails becomes a
    ``plan-rule-failed`` warning naming the pack. A :class:`datetime.datetime` as *today* counts
    as its date. The first 100 problems are kept and the rest counted in one ``more-problems``
    (docs/formats.md), an error only when an error was among them.
    """
    expect_type("plan", plan, ActionPlan, "an ActionPlan (read_plan or parse_plan gives one)")
    expect_type("catalog", catalog, Catalog, "a Catalog")
    expect_type("today", today, dt.date, "a datetime.date")
    if isinstance(today, dt.datetime):
        # a datetime is a date to the type checker, but comparing one with a date raises
        today = today.date()
    problems: list[Problem] = []
    problems.extend(_check_actions(plan, catalog))
    problems.extend(_check_follow_up(plan, today))
    problems.extend(_run_rules(plan, catalog, today))
    # at most 100 problems are kept, the rest counted (docs/formats.md)
    kept = capped(problems, where="actions", sv_in="i planen", en_in="in the plan")
    return PlanReport(tuple(kept))


def _check_actions(plan: ActionPlan, catalog: Catalog) -> Iterable[Problem]:
    if not plan.actions:
        yield Problem.error(
            "no-actions",
            "actions",
            "planen har inga åtgärder; skriv minst en: vad, hur, när och vem",
            "the plan has no actions; write at least one: what, how, when and who",
        )
        return
    if len(plan.actions) > MAX_ACTIONS:
        yield Problem.warning(
            "too-many-actions",
            "actions",
            f"planen har {len(plan.actions)} åtgärder; fler än {MAX_ACTIONS} blir svårt att "
            "hinna med och följa upp — välj de viktigaste",
            f"the plan has {len(plan.actions)} actions; more than {MAX_ACTIONS} are hard to carry "
            "out and follow up — pick the most important ones",
        )
    seen: dict[str, int] = {}
    for i, action in enumerate(plan.actions):
        yield from _check_action(plan, catalog, action, i)
        folded = " ".join(action.what.casefold().split())
        if not folded:
            continue
        if folded in seen:
            first = seen[folded]
            yield Problem.warning(
                "duplicate-action",
                location("actions", i, "what"),
                # people count actions from 1; the location keeps the 0-based path
                f"samma åtgärd som åtgärd {first + 1}: {any_value(action.what)}; slå ihop dem",
                f"the same action as action {first + 1}: {any_value(action.what)}; merge them",
            )
        else:
            seen[folded] = i


_MISSING = {
    "what": ("vad som ska göras", "what is to be done"),
    "how": ("hur det ska göras", "how it is to be done"),
    "when": (
        "när det ska göras (ett datum eller { start, end })",
        "when it is to be done (a date or { start, end })",
    ),
    "who": ("vem som gör det", "who does it"),
}


def _missing(i: int, key: str) -> Problem:
    sv, en = _MISSING[key]
    return Problem.error(
        f"missing-{key}",
        location("actions", i, key),
        f"åtgärden saknar '{key}': skriv {sv}",
        f"the action lacks '{key}': write {en}",
    )


def _check_action(plan: ActionPlan, catalog: Catalog, action: Action, i: int) -> Iterable[Problem]:
    if not action.what.strip():
        yield _missing(i, "what")
    if not action.how.strip():
        yield _missing(i, "how")
    if action.when is None:
        yield _missing(i, "when")
    elif action.starts is not None and action.starts < plan.created:
        yield Problem.error(
            "when-before-created",
            location("actions", i, "when"),
            f"åtgärden börjar {action.starts}, före planens datum {plan.created}",
            f"the action starts on {action.starts}, before the plan was created on {plan.created}",
        )
    if not any(name.strip() for name in action.who):
        yield _missing(i, "who")
    resolved: list[str] = []
    all_resolved = True
    for j, ident in enumerate(action.cards):
        qualified, problem = catalog.try_resolve("card", ident, location("actions", i, "cards", j))
        if qualified is not None:
            resolved.append(qualified)
        else:
            all_resolved = False
            if problem is not None:
                yield problem
    yield from _check_support(catalog, action, i)
    for j, pid in enumerate(action.principles):
        where = location("actions", i, "principles", j)
        if not is_principle(pid):
            yield Problem.error(
                "unknown-principle",
                where,
                f"{any_value(pid)} är ingen princip; välj en av: {', '.join(PRINCIPLE_IDS)}",
                f"{any_value(pid)} is not a principle; choose one of: {', '.join(PRINCIPLE_IDS)}",
            )
        elif (
            resolved and all_resolved and not any(catalog.card(q).weight(pid) > 0 for q in resolved)
        ):
            name = principle(pid).name
            yield Problem.warning(
                "card-principle-mismatch",
                where,
                f"inget av åtgärdens kort stärker principen {name.get('sv')} ({pid})",
                f"none of the action's cards strengthens the principle {name.get('en')} ({pid})",
            )


#: At most this many known support functions are listed in an ``unknown-support`` message.
_LISTED_SUPPORT = 12


def _check_support(catalog: Catalog, action: Action, i: int) -> Iterable[Problem]:
    for j, need in enumerate(action.support):
        name = LocalizedText()
        if need.function:
            where = location("actions", i, "support", j, "function")
            qualified, problem = catalog.try_resolve_support(need.function, where)
            if qualified is not None:
                name = catalog.support_function(qualified).name
            elif problem is not None:
                yield _unknown_support(catalog, problem)
        if not need.ask.strip():
            what_sv = (name.get("sv") if name else "") or need.need.strip() or need.function
            what_en = (name.get("en") if name else "") or need.need.strip() or need.function
            yield Problem.warning(
                "support-without-owner",
                location("actions", i, "support", j, "ask"),
                f"åtgärden behöver stöd ({_line(what_sv)}) men ingen är utsedd att fråga; "
                'skriv vem ni vänder er till, t.ex. ask = "namn eller roll"',
                f"the action needs support ({_line(what_en)}) but nobody is named to ask; "
                'write whom you will turn to, e.g. ask = "name or role"',
            )


def describe_support(need: SupportNeed, catalog: Catalog | None = None, lang: str = "sv") -> str:
    """One support need in words: the function (named as its pack names it), the need, whom to ask.

    ``"IT (kiruna:it): ett delat kalkylark – fråga Maria på IT"``. A function the *catalog*
    does not know (or without a catalogue) is shown as written; without anyone to ask the text
    says so, since that is what the team must settle.
    """
    parts: list[str] = []
    if need.function:
        qualified = None
        if catalog is not None:
            qualified, _ = catalog.try_resolve_support(need.function)
        if qualified is not None and catalog is not None:
            name = catalog.support_function(qualified).name.get(lang)
            parts.append(f"{name} ({qualified})")
        else:
            parts.append(need.function)
    if need.need.strip():
        parts.append(need.need.strip())
    ask = need.ask.strip()
    if lang == "en":
        asked = f"ask {ask}" if ask else "nobody named to ask"
    else:
        asked = f"fråga {ask}" if ask else "ingen utsedd att fråga"
    return f"{': '.join(parts)} – {asked}"


def _line(text: str, limit: int = 60) -> str:
    """*text* on one line, shortened for a message."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _unknown_support(catalog: Catalog, problem: Problem) -> Problem:
    """An ``unknown-support`` problem that also says which functions exist and what else works."""
    if problem.code != "unknown-support":
        return problem
    known = sorted(f"{f.pack}:{f.id}" for f in catalog.support)
    listed = ", ".join(known[:_LISTED_SUPPORT]) + (", …" if len(known) > _LISTED_SUPPORT else "")
    hint_sv = (
        f"kända stödfunktioner: {listed}" if known else "inget laddat paket listar stödfunktioner"
    )
    hint_en = (
        f"known support functions: {listed}" if known else "no loaded pack lists support functions"
    )
    return attrs.evolve(
        problem,
        message=LocalizedText.of(
            f"{problem.message.get('sv')} ({hint_sv}); skriv annars med egna ord vad som behövs: "
            'need = "…"',
            f"{problem.message.get('en')} ({hint_en}); otherwise write in words what is needed: "
            'need = "…"',
        ),
    )


def _check_follow_up(plan: ActionPlan, today: dt.date) -> Iterable[Problem]:
    follow_up = plan.follow_up
    if follow_up is None:
        yield Problem.error(
            "missing-follow-up",
            "follow_up",
            "ingen uppföljning är bokad; lägg till [follow_up] med en tidpunkt 'at'",
            "no follow-up is booked; add [follow_up] with a date-time 'at'",
        )
        return
    when = follow_up.date
    where = "follow_up.at"
    if when < plan.created:
        yield Problem.error(
            "follow-up-before-created",
            where,
            f"uppföljningen {when} ligger före planens datum {plan.created}",
            f"the follow-up on {when} is before the plan was created on {plan.created}",
        )
    if when < today:
        yield Problem.warning(
            "follow-up-in-past",
            where,
            f"uppföljningen {when} har passerat; planen är nu en dokumentation "
            "— boka en ny uppföljning",
            f"the follow-up on {when} has passed; the plan is a record now — book a new follow-up",
        )
    if (when - plan.created).days > FAR_DAYS:
        yield Problem.warning(
            "follow-up-far",
            where,
            f"uppföljningen ligger {(when - plan.created).days} dagar efter planens datum, "
            f"mer än {FAR_DAYS}; följ upp tidigare så att ni minns vad ni gjorde",
            f"the follow-up is {(when - plan.created).days} days after the plan was created, "
            f"more than {FAR_DAYS}; follow up sooner, while you remember what you did",
        )
    due = [a.due for a in plan.actions if a.due is not None]
    if due and not any(d <= when for d in due):
        yield Problem.warning(
            "follow-up-before-actions",
            where,
            f"ingen åtgärd ska vara klar senast vid uppföljningen {when}; "
            "flytta uppföljningen eller åtgärderna",
            f"no action is due on or before the follow-up on {when}; "
            "move the follow-up or the actions",
        )


# -- pack rules -----------------------------------------------------------------------------


class _GarbageError(Exception):
    """A plan rule yielded something that is not a problem."""


def _run_rules(plan: ActionPlan, catalog: Catalog, today: dt.date) -> list[Problem]:
    """The findings of the packs' plan rules; a rule that fails or hangs is a warning instead.

    Each rule runs under a :class:`~innovationsresan.guard.Guard`: whatever it raises
    (``KeyboardInterrupt`` and ``sys.exit()`` included) and a call that does not return within
    the time limit make the ``plan-rule-failed`` warning, never a traceback or a hang.
    """
    if not catalog.plan_rules:
        return []
    found: list[Problem] = []
    limit = time_limit()
    with Guard() as guard:
        for pack, rule in catalog.plan_rules:
            outcome = guard.call(_rule_call(pack, rule, plan, catalog, today), timeout=limit)
            if outcome.ok:
                found.extend(outcome.value)
                continue
            if outcome.timed_out:
                detail_sv = f"den blev inte klar inom tidsgränsen {limit:g} s"
                detail_en = f"it did not finish within the time limit of {limit:g} s"
            else:
                exc = outcome.error
                detail = str(exc) if isinstance(exc, _GarbageError) else describe(exc)  # type: ignore[arg-type]
                detail_sv = detail_en = detail
            found.append(
                Problem.warning(
                    "plan-rule-failed",
                    pack,
                    f"en planregel i paketet '{pack}' fungerade inte och hoppades över "
                    f"({detail_sv})",
                    f"a plan rule of the pack '{pack}' failed and was skipped ({detail_en})",
                )
            )
    return found


def _rule_call(pack: str, rule: Any, plan: ActionPlan, catalog: Catalog, today: dt.date) -> Any:
    """One rule's call, its findings checked and qualified (run in the guard's worker)."""

    def call() -> list[Problem]:
        found: list[Problem] = []
        results: object = rule(plan, catalog, today)
        if results is None:
            return found
        if isinstance(results, str | bytes | Mapping | Problem):
            raise _GarbageError("it returned one value instead of a list of problems")
        if not isinstance(results, Iterable):
            raise _GarbageError(f"it returned {any_value(results)}, not a list of problems")
        for item in results:
            if len(found) >= MAX_RULE_PROBLEMS:
                raise _GarbageError(f"it yielded more than {MAX_RULE_PROBLEMS} problems")
            found.append(_qualified(pack, item))
        return found

    return call


_SEVERITIES = frozenset(s.value for s in Severity)


def _qualified(pack: str, item: object) -> Problem:
    """A rule's finding as a problem whose code is qualified by *pack*."""
    code: object
    where: object
    message: LocalizedText | None
    given: object
    if isinstance(item, Problem):
        given, code, where, message = item.severity, item.code, item.location, item.message
    elif isinstance(item, Mapping):
        given, code, where = item.get("severity", "error"), item.get("code"), item.get("location")
        message = _message(item.get("message"))
    else:
        raise _GarbageError(f"it yielded {any_value(item)}, not a problem")
    # a Problem built by hand may carry any value as its severity: check it as well
    if not isinstance(given, str) or given not in _SEVERITIES:
        raise _GarbageError(f"unknown severity {any_value(given)}")
    severity = Severity(given)
    if not isinstance(code, str) or not code.strip():
        raise _GarbageError(f"a problem without a code: {any_value(code)}")
    if not isinstance(where, str) or not where.strip():
        raise _GarbageError(f"a problem without a location: {any_value(where)}")
    if not isinstance(message, LocalizedText) or not message:
        raise _GarbageError(f"a problem without a message: {any_value(message)}")
    bare = code.removeprefix(f"{pack}:")
    if not SLUG.match(bare):
        raise _GarbageError(f"the code {any_value(code)} is not a slug")
    return Problem(severity, f"{pack}:{bare}", where, message)


def _message(value: object) -> LocalizedText | None:
    if isinstance(value, LocalizedText):
        return value
    if isinstance(value, str):
        return LocalizedText.of(value, value)
    if isinstance(value, Mapping) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        return LocalizedText(value)
    return None


# -- skeleton -------------------------------------------------------------------------------


def plan_skeleton(
    catalog: Catalog,
    cards: Sequence[str] = (),
    *,
    today: dt.date,
    lang: str = "sv",
    timezone: str = DEFAULT_TIMEZONE,
) -> ActionPlan:
    """A new plan prefilled from chosen cards, for the team to complete.

    One action per card, with the card's title (in *lang*) as a hint for ``how`` and its
    primary principles (its strongest weights); ``what``, ``when`` and ``who`` are left for the
    team, so :func:`validate_plan` points at them. Without cards there is one empty action.
    The follow-up is booked six weeks after *today* at 09:00 local time, moved to the Monday
    after when that falls on a weekend. An unknown card id is an :class:`UnknownIdError`.
    """
    zone = zoneinfo.ZoneInfo(timezone)
    problems: list[Problem] = []
    actions: list[Action] = []
    for i, ident in enumerate(cards):
        qualified, problem = catalog.try_resolve("card", ident, location("cards", i))
        if qualified is None:
            if problem is not None:
                problems.append(problem)
            continue
        card = catalog.card(qualified)
        strongest = max((w for _, w in card.principles), default=0.0)
        primary = tuple(pid for pid, w in card.principles if w > 0 and w >= strongest)
        actions.append(Action(how=card.title.get(lang), cards=(qualified,), principles=primary))
    if problems:
        raise UnknownIdError(
            LocalizedText.of("Korten kan inte hittas.", "The cards cannot be found."),
            problems=problems,
        )
    try:
        day = today + dt.timedelta(days=SKELETON_FOLLOW_UP_DAYS)
        if day.weekday() >= 5:
            day += dt.timedelta(days=7 - day.weekday())
    except OverflowError:
        raise InputError(
            LocalizedText.of(
                f"Ingen uppföljning kan bokas efter {today}.",
                f"No follow-up can be booked after {today}.",
            )
        ) from None
    at = dt.datetime.combine(day, dt.time(9, 0), tzinfo=zone)
    return ActionPlan(
        created=today,
        timezone=timezone,
        follow_up=FollowUp(at=at),
        actions=tuple(actions) or (Action(),),
    )
