"""Tests for the iCalendar export of action plans."""

from __future__ import annotations

import datetime as dt
import sys
import unicodedata
import zoneinfo
from typing import Any

import attrs
import icalendar
import pytest
from hypothesis import given

from innovationsresan.catalog import Catalog
from innovationsresan.errors import InnovationsresanError
from innovationsresan.ical import CalendarUnavailableError, event_uid, plan_to_ics
from innovationsresan.model import LocalizedText, SupportFunction
from innovationsresan.plans import Action, ActionPlan, DateRange, FollowUp, SupportNeed
from tests.budget import capped
from tests.strategies import plans

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")

PLAN = ActionPlan(
    created=dt.date(2026, 11, 26),
    title="Vi testar mer",
    team="Enhet Norr",
    follow_up=FollowUp(
        at=dt.datetime(2027, 2, 15, 9, 0, tzinfo=STOCKHOLM),
        duration_minutes=90,
        where="Aurora, rum 2",
    ),
    actions=(
        Action(
            what="Pröva en ny mötesform; med kommatecken, och semikolon",
            how="Kortet 'Pre-mortem' på nästa APT",
            when=dt.date(2026, 12, 10),
            who=("Anna", "Enhetschef"),
            cards=("kiruna:pre-mortem",),
            principles=("experimenting",),
        ),
        Action(what="Ingen tid satt", how="Senare", who=("Bo",)),
        Action(
            what="Intervjua invånare",
            how="Korta samtal",
            when=DateRange(dt.date(2027, 1, 11), dt.date(2027, 2, 5)),
            who=("Maria",),
        ),
    ),
)


def events(data: bytes) -> list[Any]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def by_summary(data: bytes) -> dict[str, Any]:
    return {str(e.get("summary")): e for e in events(data)}


class TestFollowUpEvent:
    def test_time_zone_and_duration(self) -> None:
        """The follow-up starts at its local time in its zone and lasts its duration."""
        event = by_summary(plan_to_ics(PLAN))["Uppföljning: Vi testar mer (Enhet Norr)"]
        start, end = event.get("dtstart").dt, event.get("dtend").dt
        assert dt.datetime(2027, 2, 15, 9, 0, tzinfo=STOCKHOLM) == start
        assert "Europe/Stockholm" == str(start.tzinfo)
        assert dt.timedelta(minutes=90) == end - start
        assert "Aurora, rum 2" == str(event.get("location"))

    def test_description_lists_actions_and_who(self) -> None:
        """The description names every action, who does it and when."""
        event = by_summary(plan_to_ics(PLAN))["Uppföljning: Vi testar mer (Enhet Norr)"]
        text = str(event.get("description"))
        for expected in (
            "1. Pröva en ny mötesform; med kommatecken, och semikolon",
            "Vem: Anna, Enhetschef",
            "När: 2026-12-10",
            "2. Ingen tid satt",
            "Vem: Bo",
            "När: 2027-01-11 – 2027-02-05",
            "Principer: Testa",
        ):
            assert expected in text

    def test_english(self) -> None:
        """With lang="en" the texts are English."""
        event = by_summary(plan_to_ics(PLAN, lang="en"))["Follow-up: Vi testar mer (Enhet Norr)"]
        assert "Who: Anna, Enhetschef" in str(event.get("description"))

    def test_fixed_offset_is_written_in_utc(self) -> None:
        """A follow-up with a bare UTC offset keeps its instant, written in UTC."""
        at = dt.datetime(2027, 2, 15, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
        plan = attrs.evolve(PLAN, follow_up=FollowUp(at=at))
        data = plan_to_ics(plan)
        assert b"DTSTART:20270215T080000Z" in data
        start = by_summary(data)["Uppföljning: Vi testar mer (Enhet Norr)"].get("dtstart").dt
        assert at == start

    def test_without_vtimezone_support_times_are_utc(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """An icalendar without add_missing_timezones gets UTC times, still the same instant."""
        monkeypatch.delattr(icalendar.Calendar, "add_missing_timezones")
        data = plan_to_ics(PLAN)
        assert b"VTIMEZONE" not in data
        assert b"DTSTART:20270215T080000Z" in data

    def test_no_follow_up_no_event(self) -> None:
        """A plan without a follow-up has only the actions' events."""
        data = plan_to_ics(attrs.evolve(PLAN, follow_up=None))
        assert 2 == len(events(data))


class TestSupport:
    def test_descriptions_list_support_and_whom_to_ask(self) -> None:
        """Both the follow-up and the action's own event say what support it needs and from whom."""
        support = (
            SupportNeed(function="p:it", need="ett delat kalkylark", ask="Maria på IT"),
            SupportNeed(need="en lokal"),
        )
        plan = attrs.evolve(PLAN, actions=(attrs.evolve(PLAN.actions[0], support=support),))
        catalog = Catalog(
            support=(
                SupportFunction(id="it", pack="p", name=LocalizedText.of("IT-stöd", "IT help")),
            )
        )

        found = by_summary(plan_to_ics(plan, catalog=catalog))
        follow_up = str(found["Uppföljning: Vi testar mer (Enhet Norr)"].get("description"))
        own = str(found[plan.actions[0].what].get("description"))

        for text in (follow_up, own):
            assert "Stöd: IT-stöd (p:it): ett delat kalkylark – fråga Maria på IT" in text
            assert "Stöd: en lokal – ingen utsedd att fråga" in text

    def test_without_catalogue_the_id_is_shown(self) -> None:
        """Without a catalogue the function is shown as the plan writes it."""
        support = (SupportNeed(function="kiruna:hr", ask="Enhetschef"),)
        plan = attrs.evolve(PLAN, actions=(attrs.evolve(PLAN.actions[0], support=support),))

        text = str(
            by_summary(plan_to_ics(plan, lang="en"))[plan.actions[0].what].get("description")
        )

        assert "Support: kiruna:hr – ask Enhetschef" in text


class TestActionEvents:
    def test_all_day_single_date(self) -> None:
        """A dated action is an all-day event ending (exclusively) the next day."""
        event = by_summary(plan_to_ics(PLAN))[PLAN.actions[0].what]
        assert dt.date(2026, 12, 10) == event.get("dtstart").dt
        assert dt.date(2026, 12, 11) == event.get("dtend").dt
        assert "TRANSPARENT" == str(event.get("transp"))

    def test_range_spans_its_days(self) -> None:
        """A range covers its days: DTEND is the day after its end."""
        event = by_summary(plan_to_ics(PLAN))["Intervjua invånare"]
        assert dt.date(2027, 1, 11) == event.get("dtstart").dt
        assert dt.date(2027, 2, 6) == event.get("dtend").dt

    def test_last_day_of_the_calendar(self) -> None:
        """An action on 9999-12-31 lasts its day without DTEND (the next day does not exist)."""
        plan = attrs.evolve(PLAN, actions=(Action(what="Sist", when=dt.date.max),))
        event = by_summary(plan_to_ics(plan))["Sist"]
        assert dt.date.max == event.get("dtstart").dt
        assert event.get("dtend") is None

    def test_backslashes_stay_as_written(self) -> None:
        """A backslash before N or n in a text is a backslash, not a line break."""
        what = "Spara i C:\\Nya\\noter; sedan, klart"
        plan = attrs.evolve(PLAN, actions=(Action(what=what, when=dt.date(2027, 1, 1)),))
        assert what in by_summary(plan_to_ics(plan))

    def test_undated_action_has_no_event(self) -> None:
        """An action without `when` appears only in the follow-up's description."""
        assert "Ingen tid satt" not in by_summary(plan_to_ics(PLAN))

    def test_blank_what_gets_a_name(self) -> None:
        """An action without `what` is named by its number."""
        plan = attrs.evolve(PLAN, actions=(Action(when=dt.date(2027, 1, 1)),))
        assert "Action 1" in by_summary(plan_to_ics(plan, lang="en"))

    def test_byte_order_marks_are_no_text(self) -> None:
        """A byte-order mark (U+FEFF) is left out of every text: an action named by one alone
        is named by its number (calendar readers drop it at a value's start, which left an
        empty title), and one inside a name is dropped too."""
        plan = attrs.evolve(
            PLAN,
            actions=(
                Action(what="\ufeff", when=dt.date(2027, 1, 1)),
                Action(what="\ufeffMöte\ufeff med IT", when=dt.date(2027, 1, 2)),
            ),
        )
        assert {"Action 1", "Möte med IT"} <= set(by_summary(plan_to_ics(plan, lang="en")))


class TestStability:
    def test_byte_identical_re_export(self) -> None:
        """Exporting the same plan twice gives the same bytes."""
        assert plan_to_ics(PLAN) == plan_to_ics(PLAN)

    def test_stamp_comes_from_created(self) -> None:
        """DTSTAMP is the creation date, not the clock."""
        for event in events(plan_to_ics(PLAN)):
            assert dt.datetime(2026, 11, 26, tzinfo=dt.UTC) == event.get("dtstamp").dt

    def test_uids_are_stable_and_distinct(self) -> None:
        """UIDs derive from the plan: the same after edits to an action, distinct per event."""
        first = [str(e.get("uid")) for e in events(plan_to_ics(PLAN))]
        edited = attrs.evolve(
            PLAN, actions=(attrs.evolve(PLAN.actions[0], how="Annat"), *PLAN.actions[1:])
        )
        assert first == [str(e.get("uid")) for e in events(plan_to_ics(edited))]
        assert len(set(first)) == len(first)
        assert event_uid(PLAN, "follow-up") == first[0]

    def test_another_plan_other_uids(self) -> None:
        """Another team's plan gets other UIDs."""
        other = attrs.evolve(PLAN, team="Enhet Syd")
        assert event_uid(PLAN, "action", 0) != event_uid(other, "action", 0)

    @capped(100, "each example builds a calendar with icalendar and parses it back, twice")
    @given(plans())
    def test_any_plan_exports_and_reads_back(self, plan: ActionPlan) -> None:
        """Every plan with a date exports; the calendar holds one event per date, with texts."""
        from innovationsresan.errors import InputError

        dated = [a for a in plan.actions if a.when is not None]
        if plan.follow_up is None and not dated:
            with pytest.raises(InputError):
                plan_to_ics(plan)
            return
        data = plan_to_ics(plan)
        found = events(data)
        assert (plan.follow_up is not None) + len(dated) == len(found)
        assert data == plan_to_ics(plan)
        action_events = found[1:] if plan.follow_up is not None else found
        for action, event in zip(dated, action_events, strict=True):
            written = action.what.replace("\ufeff", "")  # a byte-order mark is no text
            one_line = " ".join(
                "".join(" " if unicodedata.category(c) == "Cc" else c for c in written).split()
            )
            if one_line:
                assert one_line == str(event.get("summary"))
            assert action.starts == event.get("dtstart").dt
        if plan.follow_up is not None:
            start = found[0].get("dtstart").dt
            assert plan.follow_up.at.replace(microsecond=0) == start
            assert (
                dt.timedelta(minutes=plan.follow_up.duration_minutes)
                == found[0].get("dtend").dt - start
            )


class TestMissingExtra:
    def test_clear_error_without_icalendar(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without icalendar the error says which extra to install."""
        monkeypatch.setitem(sys.modules, "icalendar", None)
        with pytest.raises(CalendarUnavailableError) as info:
            plan_to_ics(PLAN)
        assert isinstance(info.value, InnovationsresanError)
        assert isinstance(info.value, ImportError)
        assert "pip install 'innovationsresan[calendar]'" in info.value.message.get("sv")
        assert "pip install 'innovationsresan[calendar]'" in info.value.message.get("en")


class TestEdges:
    def test_nothing_dated_is_refused(self) -> None:
        """A plan without a follow-up or a dated action gives no empty VCALENDAR: nothing-dated."""
        from innovationsresan.errors import InputError

        bare = attrs.evolve(PLAN, follow_up=None, actions=(Action(what="x"),))
        with pytest.raises(InputError) as caught:
            plan_to_ics(bare)
        assert ["nothing-dated"] == [p.code for p in caught.value.problems]

    @pytest.mark.parametrize("year", [1960, 2045, 9998])
    def test_time_zone_covers_the_follow_up_year(self, year: int) -> None:
        """The VTIMEZONE is written for the follow-up's years, also outside 1970–2038."""
        at = dt.datetime(year, 6, 30, 9, 0, tzinfo=STOCKHOLM)
        plan = attrs.evolve(PLAN, follow_up=FollowUp(at=at), actions=())
        calendar = icalendar.Calendar.from_ical(plan_to_ics(plan))
        (zone,) = calendar.walk("VTIMEZONE")
        starts = [c.get("dtstart").dt.year for c in zone.subcomponents]
        assert min(starts) <= year
        assert "Europe/Stockholm" == str(zone.get("tzid"))
