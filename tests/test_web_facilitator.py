"""The facilitator's pages: the admin key, creating, the live view, the result, the plan, files."""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import re
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import attrs
import pytest

from innovationsresan.cli import main
from innovationsresan.cli._common import Context
from innovationsresan.files.jsonable import to_jsonable
from innovationsresan.files.plans import plan_toml
from innovationsresan.files.responses import read_responses
from innovationsresan.followup import compare
from innovationsresan.model import Level, LevelDescription, LocalizedText
from innovationsresan.plans import Action, ActionPlan, FollowUp, SupportNeed, parse_plan
from innovationsresan.recommendation import recommend
from innovationsresan.scoring import score
from innovationsresan.web import Limits
from tests.web import ADMIN_KEY, TODAY, Room, csrf_of, form_of, kiruna_catalog


def close_to(expected: Any, actual: Any, tol: float = 1e-12) -> bool:
    """Whether two JSON values are equal, numbers to within *tol*."""
    if isinstance(expected, float) or isinstance(actual, float):
        return isinstance(actual, int | float) and math.isclose(
            expected, actual, rel_tol=0, abs_tol=tol
        )
    if isinstance(expected, dict):
        return (
            isinstance(actual, dict)
            and expected.keys() == actual.keys()
            and all(close_to(expected[k], actual[k], tol) for k in expected)
        )
    if isinstance(expected, list):
        return (
            isinstance(actual, list)
            and len(expected) == len(actual)
            and all(close_to(e, a, tol) for e, a in zip(expected, actual, strict=True))
        )
    return bool(expected == actual)


def export(room: Room, folder: Path) -> Path:
    """The workshop's export zip, unpacked into *folder*."""
    reply = room.page("/export.zip")
    assert 200 == reply.status_code
    with zipfile.ZipFile(io.BytesIO(reply.content)) as archive:
        archive.extractall(folder)
    return folder


class TestAdmin:
    def test_admin_page_needs_the_key(self, room: Room) -> None:
        """Without the key (or with a wrong one) the admin page is 403."""
        assert 403 == room.facilitator.get("/admin").status_code
        assert 403 == room.facilitator.get("/admin?key=wrong").status_code

    def test_the_key_is_kept_in_a_cookie_and_dropped_from_the_address(self, room: Room) -> None:
        """``/admin?key=`` sets an HttpOnly cookie and redirects to ``/admin``."""
        reply = room.facilitator.get(f"/admin?key={ADMIN_KEY}", follow_redirects=False)
        assert 303 == reply.status_code
        assert "/admin" == reply.headers["location"]
        assert "HttpOnly" in reply.headers["set-cookie"]
        assert 200 == room.facilitator.get("/admin").status_code

    def test_creating_opens_the_workshop_page(self, room: Room) -> None:
        """The form creates a workshop with its settings and shows its code."""
        page = room.create("Team Syd", lang="en", scale="7", rate_statements="on")
        workshop = room.store.workshop(room.workshop_id)
        assert workshop is not None
        assert ("Team Syd", "en", 7, True) == (
            workshop.name,
            workshop.lang,
            workshop.scale,
            workshop.rate_statements,
        )
        assert f'class="code">{workshop.code}<' in page.text

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"scale": "many"}, "Skalan ska vara ett heltal från 2 till 11."),
            ({"scale": "12"}, "skalan ska vara ett heltal 2–11"),
            ({"name": "  "}, "namnet ska vara en text"),
            ({"packs": "no-such-pack"}, "De här paketen är inte installerade: no-such-pack"),
            ({"previous": "nothing"}, "det finns ingen tidigare workshop"),
        ],
    )
    def test_bad_settings_show_the_form_again(
        self, room: Room, fields: dict[str, str], message: str
    ) -> None:
        """Settings that cannot be used get 422 with the problem; nothing is created."""
        page = room.admin()
        data = {"csrf": csrf_of(page.text), "name": "Enhet Norr", "lang": "sv", "scale": "5"}
        reply = room.facilitator.post("/admin?lang=sv", data={**data, **fields})
        assert 422 == reply.status_code
        assert message in reply.text
        assert () == room.store.workshops()


class TestAccess:
    def test_the_workshop_page_needs_the_secret(self, opened: Room) -> None:
        """Another browser gets 403 on every facilitator page, also for unknown ids."""
        stranger = opened.phone().client
        for tail in ("", "/join", "/result", "/result.json", "/plan", "/plan.toml", "/export.zip"):
            assert 403 == stranger.get(f"/f/{opened.workshop_id}{tail}").status_code, tail
        assert 403 == stranger.get("/f/unknown-id").status_code

    def test_the_secret_in_the_address_opens_it(self, opened: Room) -> None:
        """``/f/ID?key=SECRET`` keeps the secret in a cookie; a wrong key is 403."""
        _, secret = opened.store.create_workshop("Andra", lang="sv")
        other = opened.store.workshops()[-1]
        browser = opened.phone().client
        assert 403 == browser.get(f"/f/{other.id}?key=wrong").status_code
        reply = browser.get(f"/f/{other.id}?key={secret}", follow_redirects=False)
        assert 303 == reply.status_code
        assert f"/f/{other.id}" == reply.headers["location"]
        assert 200 == browser.get(f"/f/{other.id}").status_code

    def test_a_closing_post_needs_the_csrf_token(self, opened: Room) -> None:
        """Closing without the form's token is refused and the workshop stays open."""
        reply = opened.facilitator.post(f"/f/{opened.workshop_id}/close", data={})
        assert 403 == reply.status_code
        assert opened.store.workshop(opened.workshop_id).is_open  # type: ignore[union-attr]


class TestLive:
    def test_the_page_shows_the_code_and_a_qr_code(self, opened: Room) -> None:
        """The projector page shows the join address, the code and an inline SVG QR code."""
        page = opened.page().text
        assert f"http://testserver/j/{opened.code}" in page
        assert re.search(r'<svg [^>]*class="qr-code"', page)
        assert 'data-respondents="0"' in page

    def test_the_count_grows_and_the_ladder_appears_at_three(self, opened: Room) -> None:
        """Below three respondents only the count shows; from three the ladder is drawn."""
        opened.team(2)
        page = opened.page().text
        assert 'data-respondents="2"' in page
        assert "data-principle=" not in page
        opened.team(1)
        page = opened.page().text
        assert 'data-respondents="3"' in page
        assert 'data-principle="curiosity"' in page

    def test_events_carry_the_count_and_the_drawing(self, room: Room) -> None:
        """The event stream sends a ``live`` event with the count and the fragment to show."""
        room.create()
        room.team(3)
        room.app.state.site.limits = Limits(live_seconds=0.05)
        with room.facilitator.stream("GET", f"/f/{room.workshop_id}/events") as reply:
            assert "text/event-stream" in reply.headers["content-type"]
            body = "".join(reply.iter_text())
        found = re.search(r"event: live\ndata: (.*)\n\n", body)
        assert found, body
        data = json.loads(found.group(1))
        assert 3 == data["respondents"]
        assert data["closed"] is False
        assert 'data-principle="curiosity"' in data["html"]

    def test_events_end_once_the_workshop_is_closed(self, opened: Room) -> None:
        """A closed workshop's stream sends its last state and ends."""
        opened.store.close(opened.workshop_id)
        with opened.facilitator.stream("GET", f"/f/{opened.workshop_id}/events") as reply:
            body = "".join(reply.iter_text())
        assert '"closed": true' in body

    def test_the_join_screen_fills_the_projector(self, opened: Room) -> None:
        """The join screen shows the code and the QR code."""
        page = opened.page("/join").text
        assert f'class="code">{opened.code}<' in page
        assert 'class="qr big"' in page


class TestResult:
    def test_closing_shows_the_result_and_expires_the_code(self, opened: Room) -> None:
        """Closing leads to the result; the join code then joins no one."""
        opened.team(3)
        opened.page()
        reply = opened.post("/close")
        assert str(reply.url).endswith("/result")
        assert "Principer att stärka" in reply.text
        assert 410 == opened.phone().client.get(f"/j/{opened.code}").status_code

    def test_levels_named_as_the_pack_names_them(self, tmp_path: Path) -> None:
        """A pack that renames a level is followed on the result page."""
        catalog = kiruna_catalog()
        renamed = LevelDescription(
            Level.LIMITED,
            "kiruna",
            LocalizedText.of("Mest förvaltning.", "Mostly administration."),
            name=LocalizedText.of("Förvaltningsfokus", "Focus on administration"),
        )
        room = Room(tmp_path, attrs.evolve(catalog, level_descriptions=(renamed,)))
        try:
            room.create()
            room.team(3)
            page = room.page("/result").text
        finally:
            room.close()
        assert "från 0 (Förvaltningsfokus)" in page
        drawn = re.search(r'data-level="limited">(.*?)</g>', page, re.S)
        assert drawn is not None
        assert "Förvaltnings" in drawn.group(1)

    def test_all_na_answers_give_nothing_to_go_on(self, opened: Room) -> None:
        """Every answer n/a: the page says the answers say nothing, not "already there"."""
        opened.team(3, lambda i: "n/a")
        page = opened.page("/result").text
        assert "Inga: svaren säger inget om var gruppen står" in page
        assert "står redan där" not in page

    def test_fewer_than_three_show_no_figures(self, opened: Room) -> None:
        """With two respondents the result says why it shows no figures."""
        opened.team(2)
        page = opened.page("/result").text
        assert "minst 3 har svarat" in page
        assert "data-principle" not in page
        assert None is opened.page("/result.json").json()["score"]

    def test_result_equals_score_and_recommend_on_the_export(
        self, opened: Room, tmp_path: Path
    ) -> None:
        """The figures shown are what score and recommend give on the exported answers."""
        opened.team(
            5,
            lambda i: {
                "current.organisation": str(i % 3 + 1),
                "current.individual": "2",
                "desired.organisation": "5",
                "desired.individual": str(5 - i % 2),
            },
        )
        opened.page()
        opened.post("/close")
        shown = opened.page("/result.json").json()
        folder = export(opened, tmp_path / "export")
        responses = read_responses(folder / "responses.jsonl")
        result = score(responses, opened.catalog)
        cards = recommend(result, opened.catalog, k=3)
        assert 5 == shown["respondents"]
        assert close_to(to_jsonable(result), shown["score"])
        expected_cards = [{"id": s.id, "gain": s.gain, "serves": dict(s.serves)} for s in cards]
        assert close_to(expected_cards, shown["recommend"]["cards"])
        page = opened.page("/result").text
        for suggestion in cards:
            assert f'data-card="{suggestion.id}"' in page

    def test_each_placement_says_how_it_was_reached(self, opened: Room, tmp_path: Path) -> None:
        """Beside each placement the result explains it in the library's words."""
        from html import escape

        from innovationsresan.scoring import explain_placement

        opened.team(4)
        page = opened.page("/result").text
        folder = export(opened, tmp_path / "export")
        result = score(read_responses(folder / "responses.jsonl"), opened.catalog)
        explanation = explain_placement(result)
        for key in ("organisation", "individual", "overall"):
            text = explanation.describe(key, brief=key == "overall").get("sv")
            assert escape(text) in page

    def test_a_later_workshop_compares_with_the_earlier_one(
        self, opened: Room, tmp_path: Path
    ) -> None:
        """A workshop naming an earlier one shows what moved, as compare gives on the exports."""
        opened.team(3, lambda i: "2")
        opened.page()
        opened.post("/close")
        before = read_responses(export(opened, tmp_path / "before") / "responses.jsonl")
        earlier = opened.workshop_id
        opened.create("Enhet Norr, uppföljning", previous=earlier)
        opened.team(3, lambda i: "4")
        shown = opened.page("/result.json").json()
        after = read_responses(export(opened, tmp_path / "after") / "responses.jsonl")
        change = compare(score(before, opened.catalog), score(after, opened.catalog))
        assert close_to(to_jsonable(change), shown["followup"])
        assert "Sedan den tidigare workshoppen" in opened.page("/result").text


#: A whole plan as the form sends it.
PLAN_FORM = {
    "title": "Vi testar mer",
    "team": "Enhet Norr",
    "actions-0-what": "Pröva en ny mötesform",
    "actions-0-how": "Förmortem på nästa APT",
    "actions-0-when": "2026-12-10",
    "actions-0-who": "Anna, Enhetschef",
    "follow_up-at": "2027-02-15T09:00",
    "follow_up-duration_minutes": "60",
    "follow_up-where": "Aurora, rum 2",
}


class TestPlan:
    def test_the_plan_form_starts_with_the_team(self, opened: Room) -> None:
        """A new plan's form has three action rows and the workshop's name as team."""
        page = opened.page("/plan").text
        assert 'name="team" maxlength="2000" value="Enhet Norr"' in page
        assert 'name="actions-2-what"' in page
        assert 'name="actions-3-what"' not in page

    def test_saving_keeps_the_plan_and_shows_its_check(self, opened: Room) -> None:
        """A saved plan is kept as TOML the plan commands read, and its check is shown."""
        opened.page("/plan")
        reply = opened.post("/plan", {**PLAN_FORM, "follow_up-at": ""})
        assert 200 == reply.status_code
        assert "Planen är sparad." in reply.text
        assert 'data-code="missing-follow-up"' in reply.text
        toml = opened.page("/plan.toml")
        assert 'what = "Pröva en ny mötesform"' in toml.text
        assert 'attachment; filename="plan.toml"' == toml.headers["content-disposition"]

    def test_the_check_as_typed_saves_nothing(self, opened: Room) -> None:
        """The check the script asks for returns the problems as JSON and saves nothing."""
        opened.page("/plan")
        reply = opened.post("/plan/check", {"actions-0-what": "Något"})
        codes = {p["code"] for p in reply.json()["problems"]}
        assert {"missing-how", "missing-when", "missing-who", "missing-follow-up"} <= codes
        assert None is opened.store.plan(opened.workshop_id)

    def test_an_unreadable_plan_is_shown_again_unsaved(self, opened: Room) -> None:
        """A date that is no date gets 422 with the problem; the typed text stays in the form."""
        opened.page("/plan")
        reply = opened.post("/plan", {**PLAN_FORM, "actions-0-when": "next week"})
        assert 422 == reply.status_code
        assert "next week" in reply.text
        assert "Planen är inte sparad ännu." in reply.text
        assert None is opened.store.plan(opened.workshop_id)

    def test_adding_a_row(self, opened: Room) -> None:
        """'Add an action' shows one more row than were typed."""
        opened.page("/plan")
        form = {f"actions-{i}-what": f"Steg {i}" for i in range(4)}
        reply = opened.post("/plan", {**form, "go": "add"})
        assert 'name="actions-4-what"' in reply.text
        assert 'name="actions-5-what"' not in reply.text

    def test_the_saved_plan_reads_back_into_the_form(self, opened: Room) -> None:
        """Opening the plan again shows what was saved, follow-up time in local time."""
        opened.page("/plan")
        opened.post("/plan", PLAN_FORM)
        page = opened.page("/plan").text
        assert 'value="2027-02-15T09:00"' in page
        assert 'value="Anna, Enhetschef"' in page

    def test_each_action_offers_an_empty_support_entry(self, opened: Room) -> None:
        """Without a script each action shows one empty support entry: a listed function
        (by its name), what is needed and whom to ask, each labelled."""
        page = opened.page("/plan").text
        assert '<label for="a0-s0-function">Stödfunktion</label>' in page
        assert 'name="actions-0-support-0-function"' in page
        assert '<option value="kiruna:it">IT</option>' in page
        assert '<label for="a0-s0-need">Vad som behövs, med egna ord</label>' in page
        assert '<label for="a0-s0-ask">Vem ni ska fråga</label>' in page
        assert 'name="actions-0-support-1-function"' not in page

    def test_support_is_saved_and_read_back_with_a_new_empty_entry(self, opened: Room) -> None:
        """Support typed in the form is saved in plan.toml; the form shows it again, the
        function chosen, and one more empty entry."""
        opened.page("/plan")
        support = {
            "actions-0-support-0-function": "kiruna:it",
            "actions-0-support-0-ask": "IT-samordnaren",
            "actions-0-support-1-need": "En lokal för tjugo personer",
            "actions-0-support-1-ask": "Lokalbokningen",
        }
        reply = opened.post("/plan", {**PLAN_FORM, **support})
        assert 200 == reply.status_code
        plan = opened.page("/plan.toml").text
        assert 'function = "kiruna:it"' in plan
        assert 'need = "En lokal för tjugo personer"' in plan
        page = opened.page("/plan").text
        assert '<option value="kiruna:it" selected>IT</option>' in page
        assert 'value="En lokal för tjugo personer"' in page
        assert 'value="Lokalbokningen"' in page
        assert 'name="actions-0-support-2-need"' in page
        assert 'name="actions-0-support-3-need"' not in page

    def test_a_plan_larger_than_the_form_offers_is_saved_whole(self, opened: Room) -> None:
        """A plan written as a file, with 12 support entries on one action, more actions than
        the form offers to add and a text longer than the form lets one type, is shown whole
        (each action with one empty support entry beside its own) and, saved through the form
        as shown, keeps every action, entry and letter."""
        support = tuple(SupportNeed(need=f"Behov {j}", ask=f"Person {j}") for j in range(12))
        plan = ActionPlan(
            created=dt.date(2026, 11, 20),
            title="Stor plan",
            team="Enhet Norr",
            follow_up=FollowUp(at=dt.datetime(2027, 2, 15, 9, 0, tzinfo=dt.UTC)),
            actions=tuple(
                Action(
                    what=f"Steg {i}",
                    how=" ".join(["Tillsammans"] * (300 if i == 3 else 1)),
                    when=dt.date(2026, 12, 10),
                    who=("Anna",),
                    support=support if i in (0, 24) else (),
                )
                for i in range(25)
            ),
        )
        opened.store.save_plan(opened.workshop_id, plan_toml(plan))
        page = opened.page("/plan").text
        assert 'name="actions-24-what"' in page
        assert 'name="actions-25-what"' not in page
        assert 'value="Behov 11"' in page
        assert 'name="actions-0-support-12-need"' in page  # the empty one, to add another
        assert 'name="actions-0-support-13-need"' not in page
        reply = opened.post("/plan", form_of(page, "plan"))
        assert 200 == reply.status_code
        saved = parse_plan(tomllib.loads(opened.store.plan(opened.workshop_id) or ""))
        assert plan == saved
        assert 12 == len(saved.actions[24].support)

    def test_support_without_anyone_to_ask_is_a_finding(self, opened: Room) -> None:
        """Support nobody is named to ask for is the support-without-owner warning, shown
        as the check's other findings (also to the script, as typed)."""
        opened.page("/plan")
        support = {"actions-0-support-0-function": "kiruna:finance"}
        reply = opened.post("/plan", {**PLAN_FORM, **support})
        assert 'data-code="support-without-owner"' in reply.text
        assert "actions[0].support[0].ask" in reply.text
        checked = opened.post("/plan/check", {**PLAN_FORM, **support}).json()["problems"]
        assert ["support-without-owner"] == [p["code"] for p in checked]

    def test_an_unknown_function_from_a_file_is_kept_and_reported(self, opened: Room) -> None:
        """A function no pack lists (from a plan file) stays chosen in the form and is the
        unknown-support error of the check, naming the functions there are."""
        opened.page("/plan")
        reply = opened.post(
            "/plan",
            {
                **PLAN_FORM,
                "actions-0-support-0-function": "juristen",
                "actions-0-support-0-ask": "X",
            },
        )
        assert 'data-code="unknown-support"' in reply.text
        assert '<option value="juristen" selected>juristen</option>' in reply.text

    def test_support_with_only_whom_to_ask_cannot_be_read(self, opened: Room) -> None:
        """An entry naming only whom to ask lacks the function and the need: 422, the plan
        unsaved, the typed text kept."""
        opened.page("/plan")
        reply = opened.post("/plan", {**PLAN_FORM, "actions-0-support-0-ask": "Kajsa på HR"})
        assert 422 == reply.status_code
        assert 'data-code="missing-key"' in reply.text
        assert 'value="Kajsa på HR"' in reply.text
        assert None is opened.store.plan(opened.workshop_id)

    def test_the_support_form_in_english(self, opened: Room) -> None:
        """The support entry's labels and the functions' names follow the page's language."""
        page = opened.page("/plan?lang=en").text
        assert "<legend>Support the action needs</legend>" in page
        assert '<option value="">None from the list</option>' in page
        assert '<label for="a0-s0-ask">Whom you will ask</label>' in page

    def test_the_suggested_methods_can_be_chosen_by_title(self, opened: Room) -> None:
        """Each action offers the suggested cards as checkboxes named by their titles."""
        opened.team(3, lambda i: {"current.organisation": "1", "desired.organisation": "5"})
        cards = opened.page("/result.json").json()["recommend"]["cards"]
        assert cards
        page = opened.page("/plan").text
        for card in cards:
            title = opened.catalog.card(card["id"]).title.get("sv")
            assert f'name="actions-0-cards" value="{card["id"]}"> {title}</label>' in page

    def test_calendar_download(self, opened: Room) -> None:
        """The .ics download holds the follow-up."""
        opened.page("/plan")
        opened.post("/plan", PLAN_FORM)
        reply = opened.page("/plan.ics")
        assert reply.headers["content-type"].startswith("text/calendar")
        assert b"BEGIN:VCALENDAR" in reply.content
        assert b"DTSTART" in reply.content

    def test_downloads_without_a_plan_are_404(self, opened: Room) -> None:
        """Before a plan is saved, its downloads say so (404)."""
        assert 404 == opened.page("/plan.toml").status_code
        assert 404 == opened.page("/plan.ics").status_code

    def test_report_is_the_report_command_on_the_export(self, opened: Room, tmp_path: Path) -> None:
        """The report download is exactly what ``report`` writes from the exported files."""
        opened.team(4)
        opened.page("/plan")
        opened.post("/plan", PLAN_FORM)
        web = opened.page("/report.html").text
        folder = export(opened, tmp_path / "export")
        ctx = Context(out=io.StringIO(), err=io.StringIO())
        ctx.use_catalog(opened.catalog)
        out = tmp_path / "report.html"
        code = main(
            [
                "report",
                str(folder / "responses.jsonl"),
                "--plan",
                str(folder / "plan.toml"),
                "--title",
                "Enhet Norr",
                "--today",
                TODAY.isoformat(),
                "-o",
                str(out),
            ],
            context=ctx,
        )
        assert 0 == code, ctx.err.getvalue()  # type: ignore[attr-defined]
        assert out.read_text(encoding="utf-8") == web

    def test_export_holds_the_answers_and_the_plan(self, opened: Room, tmp_path: Path) -> None:
        """The zip holds responses.jsonl and plan.toml, the files every command reads."""
        opened.team(3)
        opened.page("/plan")
        opened.post("/plan", PLAN_FORM)
        folder = export(opened, tmp_path / "export")
        assert {"responses.jsonl", "plan.toml"} == {p.name for p in folder.iterdir()}
        assert opened.store.responses(opened.workshop_id) == read_responses(
            folder / "responses.jsonl"
        )


class TestPages:
    def test_every_response_carries_the_security_headers(self, opened: Room) -> None:
        """Pages forbid outside sources and framing and send no referrer."""
        for reply in (opened.page(), opened.phone().client.get("/"), opened.page("/nowhere")):
            csp = reply.headers["content-security-policy"]
            assert "http" not in csp
            assert "frame-ancestors 'none'" in csp
            assert "DENY" == reply.headers["x-frame-options"]
            assert "no-referrer" == reply.headers["referrer-policy"]
            assert "no-store" == reply.headers["cache-control"]

    def test_hostile_names_are_escaped_everywhere(self, room: Room) -> None:
        """A workshop name made of markup is shown as text on every page and in live events."""
        hostile = "<script>alert(1)</script>\"'&"
        room.create(hostile)
        phones = room.team(3)
        pages = [
            room.page().text,
            room.page("/join").text,
            room.page("/result").text,
            room.page("/plan").text,
            phones[0].client.get(f"/j/{room.code}").text,
            room.facilitator.get("/admin").text,
        ]
        room.store.close(room.workshop_id)
        with room.facilitator.stream("GET", f"/f/{room.workshop_id}/events") as reply:
            pages.append(
                json.loads(re.findall(r"data: (.*)", "".join(reply.iter_text()))[-1])["html"]
            )
        for page in pages:
            assert "<script>alert" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;&#34;&#39;&amp;" in pages[0]

    def test_mounted_under_a_path_every_address_keeps_it(self, opened: Room) -> None:
        """Inside another application under ``/workshop`` the pages link and redirect there."""
        from starlette.applications import Starlette
        from starlette.routing import Mount
        from starlette.testclient import TestClient

        outer = TestClient(Starlette(routes=[Mount("/workshop", app=opened.app)]))
        page = outer.get("/workshop/?lang=en").text
        assert 'href="/workshop/static/web.css' in page
        assert 'href="/workshop/?lang=sv"' in page
        assert 200 == outer.get("/workshop/static/web.css").status_code
        joined = outer.get(f"/workshop/?code={opened.code}")
        assert str(joined.url).endswith(f"/workshop/j/{opened.code}")
        started = outer.post(f"/workshop/j/{opened.code}", data={"csrf": csrf_of(joined.text)})
        assert str(started.url).endswith(f"/workshop/j/{opened.code}/1")

    def test_static_files_are_shipped_in_the_package(self, opened: Room) -> None:
        """The stylesheet and scripts come from the package itself."""
        for name in ("web.css", "answer.js", "live.js", "plan.js"):
            assert 200 == opened.phone().client.get(f"/static/{name}").status_code

    def test_an_unknown_page_is_a_404_page(self, room: Room) -> None:
        """An unknown address gets the error page in the browser's language."""
        reply = room.facilitator.get("/nowhere", headers={"accept-language": "en"})
        assert 404 == reply.status_code
        assert "There is no such page." in reply.text

    def test_a_failure_inside_is_a_500_page_without_traceback(self, tmp_path: Path) -> None:
        """An unexpected error gets a 500 page saying what was saved is kept."""
        from starlette.testclient import TestClient

        from innovationsresan.store import Store
        from innovationsresan.web import create_app

        def broken(packs: tuple[str, ...]) -> Any:
            raise RuntimeError("the catalogue is gone")

        store = Store.open(str(tmp_path / "db.sqlite3"))
        workshop, _ = store.create_workshop("X", lang="sv")
        app = create_app(store, admin_key=ADMIN_KEY, catalogs=broken)
        client = TestClient(app, raise_server_exceptions=False)
        page = client.get(f"/j/{workshop.code}")
        reply = client.post(f"/j/{workshop.code}", data={"csrf": csrf_of(page.text)})
        store.close()
        assert 500 == reply.status_code
        assert "Något gick fel på servern" in reply.text
        assert "Traceback" not in reply.text
        assert "catalogue is gone" not in reply.text
