"""iCalendar export of an action plan: the follow-up meeting and the actions' dates (RFC 5545).

Needs the optional extra ``calendar`` (``pip install 'innovationsresan[calendar]'``); the
``icalendar`` package is imported only when a calendar is made, so ``import innovationsresan``
stays cheap.

The output depends on the plan alone, never on the clock: every ``UID`` is derived from the
plan's team, title, creation date and the event's kind and index, and ``DTSTAMP`` is the
creation date, so exporting the same plan again gives the same bytes and calendar programs
update the events instead of adding copies.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import unicodedata
import zoneinfo
from types import ModuleType
from typing import TYPE_CHECKING, Any

from innovationsresan.errors import (
    InnovationsresanError,
    InputError,
    expect_optional,
    expect_type,
)
from innovationsresan.ladder import is_principle, principle
from innovationsresan.model import LocalizedText, Problem
from innovationsresan.plans import Action, ActionPlan, DateRange, describe_support

if TYPE_CHECKING:
    from innovationsresan.catalog import Catalog

__all__ = ["CalendarUnavailableError", "event_uid", "plan_to_ics"]

PRODID = "-//Innovationsresan//innovationsresan//SV"
UID_DOMAIN = "innovationsresan"


class CalendarUnavailableError(InnovationsresanError, ImportError):
    """The optional ``icalendar`` package is not installed."""


def _icalendar() -> ModuleType:
    try:
        return importlib.import_module("icalendar")
    except ImportError:
        raise CalendarUnavailableError(
            LocalizedText.of(
                "Kalenderexport kräver paketet icalendar: pip install 'innovationsresan[calendar]'",
                "Calendar export needs the icalendar package: "
                "pip install 'innovationsresan[calendar]'",
            )
        ) from None


def escape_text(text: str) -> str:
    """RFC 5545 TEXT escaping of *text*, which holds no control characters but line breaks.

    Written here because icalendar reads a backslash followed by ``N`` in the text it is given as
    a line break; a person's "C:\\Nya" must stay as written.
    """
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _text_type(icalendar: ModuleType) -> type:
    """A TEXT property type that escapes with :func:`escape_text`."""

    class Text(icalendar.vText):  # type: ignore[name-defined,misc] # a module loaded at run time
        def to_ical(self) -> bytes:
            return escape_text(str(self)).encode("utf-8")

    return Text


def event_uid(plan: ActionPlan, kind: str, index: int = 0) -> str:
    """A stable ``UID`` for one event of *plan*: the same plan always gives the same ids."""
    key = "\x1f".join((plan.team, plan.title, plan.created.isoformat(), kind, str(index)))
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    return f"{digest}@{UID_DOMAIN}"


def _t(lang: str, sv: str, en: str) -> str:
    return en if lang == "en" else sv


def _line(text: str) -> str:
    """One line of text: every run of white space or control characters becomes one space.

    A byte-order mark (U+FEFF, an encoding artifact rather than text) is left out: calendar
    readers drop it at the start of a value, so an action named by one alone would otherwise get
    an empty title instead of "Åtgärd N".
    """
    text = text.replace("\ufeff", "")
    return " ".join("".join(" " if unicodedata.category(c) == "Cc" else c for c in text).split())


def _seconds(at: dt.datetime) -> dt.datetime:
    """iCalendar times have whole seconds."""
    return at.replace(microsecond=0)


def _dtstamp(plan: ActionPlan) -> dt.datetime:
    return dt.datetime.combine(plan.created, dt.time(0, 0), tzinfo=dt.UTC)


def _when_text(action: Action) -> str:
    if isinstance(action.when, DateRange):
        return f"{action.when.start.isoformat()} – {action.when.end.isoformat()}"
    return action.when.isoformat() if action.when is not None else ""


def _action_name(action: Action, index: int, lang: str) -> str:
    return _line(action.what) or _t(lang, f"Åtgärd {index + 1}", f"Action {index + 1}")


def _principle_names(action: Action, lang: str) -> str:
    return ", ".join(principle(p).name.get(lang) for p in action.principles if is_principle(p))


def _action_lines(
    action: Action, index: int, lang: str, catalog: Catalog | None = None
) -> list[str]:
    """What one action is, as lines for an event description."""
    lines = [f"{index + 1}. {_action_name(action, index, lang)}"]
    details = (
        (_t(lang, "Hur", "How"), _line(action.how)),
        (_t(lang, "När", "When"), _when_text(action)),
        (_t(lang, "Vem", "Who"), ", ".join(_line(n) for n in action.who if _line(n))),
        (_t(lang, "Kort", "Cards"), _line(", ".join(action.cards))),
        (_t(lang, "Principer", "Principles"), _principle_names(action, lang)),
    )
    lines.extend(f"   {label}: {text}" for label, text in details if text)
    label = _t(lang, "Stöd", "Support")
    lines.extend(
        f"   {label}: {_line(describe_support(need, catalog, lang))}" for need in action.support
    )
    return lines


def _heading(plan: ActionPlan, lang: str) -> str:
    title = _line(plan.title) or _t(lang, "Handlingsplan", "Action plan")
    team = _line(plan.team)
    return f"{title} ({team})" if team else title


def _follow_up_description(plan: ActionPlan, lang: str, catalog: Catalog | None) -> str:
    lines = [
        _t(lang, "Uppföljning av handlingsplanen", "Follow-up of the action plan")
        + f" {_heading(plan, lang)}, "
        + _t(lang, "skapad", "created")
        + f" {plan.created.isoformat()}.",
        "",
        _t(lang, "Åtgärder och vem som gör vad:", "Actions and who does what:"),
    ]
    for i, action in enumerate(plan.actions):
        lines.extend(_action_lines(action, i, lang, catalog))
    if not plan.actions:
        lines.append(_t(lang, "(inga åtgärder)", "(no actions)"))
    lines.extend(
        [
            "",
            _t(
                lang,
                "Vid mötet: reflektera igen över var ni står och notera för varje åtgärd om den "
                "är planerad, påbörjad, klar eller struken.",
                "At the meeting: reflect again on where you stand and note for each action "
                "whether it is planned, started, done or dropped.",
            ),
        ]
    )
    return "\n".join(lines)


def _calendar_time(at: dt.datetime, zones: bool) -> dt.datetime:
    """A named time zone stays (with its VTIMEZONE); a bare UTC offset is written as UTC."""
    if zones and isinstance(at.tzinfo, zoneinfo.ZoneInfo):
        return _seconds(at)
    return _seconds(at.astimezone(dt.UTC))


def plan_to_ics(plan: ActionPlan, *, lang: str = "sv", catalog: Catalog | None = None) -> bytes:
    """The plan as an iCalendar file: the follow-up and an all-day event per dated action.

    The follow-up event starts at ``follow_up.at`` (in its own time zone), lasts
    ``duration_minutes``, is held at ``where`` and describes every action and who does it.
    An action with a date range spans its days (``DTEND`` is the day after ``end``).
    The descriptions list the support each action needs and whom to ask; given a *catalog*, a
    support function is named as its pack names it. Texts are in *lang* (``sv`` or ``en``).
    """
    from innovationsresan.catalog import Catalog  # noqa: PLC0415 - only for the check

    expect_type("plan", plan, ActionPlan, "an ActionPlan (read_plan or parse_plan gives one)")
    expect_type("lang", lang, str, "a language code (str)")
    expect_optional("catalog", catalog, Catalog, "a Catalog or None")
    icalendar = _icalendar()
    text = _text_type(icalendar)
    calendar: Any = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", text(_heading(plan, lang)))
    zones = hasattr(calendar, "add_missing_timezones")
    stamp = _dtstamp(plan)
    if plan.follow_up is not None:
        follow_up = plan.follow_up
        event: Any = icalendar.Event()
        event.add("uid", event_uid(plan, "follow-up"))
        event.add("dtstamp", stamp)
        event.add("dtstart", _calendar_time(follow_up.at, zones))
        event.add("dtend", _calendar_time(follow_up.end, zones))
        event.add("summary", text(_t(lang, "Uppföljning: ", "Follow-up: ") + _heading(plan, lang)))
        if _line(follow_up.where):
            event.add("location", text(_line(follow_up.where)))
        event.add("description", text(_follow_up_description(plan, lang, catalog)))
        calendar.add_component(event)
    for i, action in enumerate(plan.actions):
        if action.when is None:
            continue
        if isinstance(action.when, DateRange):
            first, last = action.when.start, action.when.end
        else:
            first = last = action.when
        event = icalendar.Event()
        event.add("uid", event_uid(plan, "action", i))
        event.add("dtstamp", stamp)
        event.add("dtstart", first)
        if last < dt.date.max:  # without DTEND an all-day event lasts its one day
            event.add("dtend", last + dt.timedelta(days=1))
        event.add("summary", text(_action_name(action, i, lang)))
        lines = [_heading(plan, lang), *_action_lines(action, i, lang, catalog)]
        event.add("description", text("\n".join(lines)))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    if not calendar.subcomponents:
        # RFC 5545 wants at least one component: an empty calendar is no file to import
        raise InputError(
            LocalizedText.of(
                "Planen har inget att lägga i en kalender.",
                "The plan has nothing to put in a calendar.",
            ),
            problems=[
                Problem.error(
                    "nothing-dated",
                    "actions",
                    "varken uppföljningen eller någon åtgärd har ett datum; boka uppföljningen "
                    "eller ge åtgärderna datum",
                    "neither the follow-up nor any action has a date; book the follow-up or "
                    "give the actions dates",
                )
            ],
        )
    if zones:
        # the zone's rules for every year the events touch, not only 1970–2038
        first, last = _years_touched(plan)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    data: bytes = calendar.to_ical()
    return data


def _years_touched(plan: ActionPlan) -> tuple[dt.date, dt.date]:
    """The years the time zone's rules are written for: 1970–2038 (what calendars expect) when
    the follow-up (the only timed event) lies within them, else the years around it."""
    first, last = dt.date(1970, 1, 1), dt.date(2038, 1, 1)
    if plan.follow_up is not None:
        start, end = plan.follow_up.at.date(), plan.follow_up.end.date()
        if start < first or end >= last:
            # a year before and after: enough for the event, and never past the calendar's end
            first = dt.date(max(start.year - 1, 1), 1, 1)
            last = dt.date(min(end.year + 1, 9999), 1, 1)
    return first, last
