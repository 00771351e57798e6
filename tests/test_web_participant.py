"""The participants' pages: joining by code, one principle per screen, answers saved as given."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from innovationsresan.ladder import PRINCIPLE_IDS
from innovationsresan.store import Store
from tests.web import KINDS, Room, csrf_of, kiruna_catalog, screen

FIRST = PRINCIPLE_IDS[0]


class TestJoining:
    def test_home_asks_for_the_code(self, room: Room) -> None:
        """The start page has a labelled field for the workshop code."""
        page = room.phone().client.get("/", headers={"accept-language": "sv"})
        assert 200 == page.status_code
        assert '<label for="code">Workshoppens kod</label>' in page.text

    def test_home_with_a_code_goes_to_the_join_page(self, opened: Room) -> None:
        """Typing the code on the start page (a GET form) leads to that workshop's page."""
        page = opened.phone().client.get(f"/?code={opened.code.lower()}")
        assert 200 == page.status_code
        assert "Enhet Norr" in page.text

    def test_join_page_is_in_the_workshops_language(self, opened: Room) -> None:
        """A Swedish workshop's join page is Swedish whatever the browser prefers."""
        page = opened.phone().client.get(
            f"/j/{opened.code}", headers={"accept-language": "en-GB,en"}
        )
        assert '<html lang="sv">' in page.text
        assert ">Börja</button>" in page.text

    def test_the_language_switch_is_remembered(self, opened: Room) -> None:
        """``?lang=en`` shows English and keeps the choice in a cookie for the next pages."""
        phone = opened.phone()
        assert '<html lang="en">' in phone.client.get(f"/j/{opened.code}?lang=en").text
        assert '<html lang="en">' in phone.client.get(f"/j/{opened.code}").text

    def test_starting_sets_an_anonymous_http_only_cookie(self, opened: Room) -> None:
        """Joining stores a random respondent id in an HttpOnly, SameSite=Lax cookie."""
        phone = opened.phone()
        page = phone.client.get(f"/j/{opened.code}")
        reply = phone.client.post(
            f"/j/{opened.code}", data={"csrf": csrf_of(page.text)}, follow_redirects=False
        )
        assert 303 == reply.status_code
        cookie = next(
            v for k, v in reply.headers.multi_items() if k == "set-cookie" and "ir_p_" in v
        )
        assert "HttpOnly" in cookie
        assert "SameSite=lax" in cookie
        respondent = re.search(r"ir_p_[^=]+=([^;]+)", cookie).group(1)  # type: ignore[union-attr]
        assert len(respondent) >= 20
        assert opened.store.is_participant(opened.workshop_id, respondent)

    def test_starting_twice_is_one_participant(self, opened: Room) -> None:
        """A second press of start (or a second visit) goes on as the same participant."""
        phone = opened.phone()
        phone.join(opened.code)
        phone.post(1, screen(0, "3"))
        again = phone.client.post(f"/j/{opened.code}", data={"csrf": phone.csrf})
        assert 200 == again.status_code
        assert str(again.url).endswith(f"/j/{opened.code}/2")
        assert 1 == len(opened.store.responses(opened.workshop_id))
        joined = phone.client.get(f"/j/{opened.code}")
        assert "Fortsätt svara" in joined.text

    def test_unknown_code_is_a_clear_404(self, opened: Room) -> None:
        """A code no open workshop has gets a 404 page naming the code, in the page language."""
        page = opened.phone().client.get("/j/ZZZZZZ", headers={"accept-language": "sv"})
        assert 404 == page.status_code
        assert "Ingen öppen workshop har koden ZZZZZZ" in page.text
        assert "Traceback" not in page.text

    def test_closed_workshop_code_is_gone(self, opened: Room) -> None:
        """Once the workshop is closed its code joins no one: 410 Gone, in English when asked."""
        opened.store.close(opened.workshop_id)
        page = opened.phone().client.get(f"/j/{opened.code}?lang=en")
        assert 410 == page.status_code
        assert "Answering has closed for this workshop. Everything you saved is kept" in page.text

    def test_closed_workshop_page_is_in_the_workshops_language(self, opened: Room) -> None:
        """The 410 page of a closed Swedish workshop is Swedish, whatever the browser prefers."""
        opened.store.close(opened.workshop_id)
        page = opened.phone().client.get(f"/j/{opened.code}", headers={"accept-language": "en"})
        assert 410 == page.status_code
        assert '<html lang="sv">' in page.text
        assert "Svarstiden för workshoppen är slut." in page.text

    def test_closed_workshop_refuses_joining(self, opened: Room) -> None:
        """Pressing start on a join page left open after closing is 410; nobody joins."""
        phone = opened.phone()
        page = phone.client.get(f"/j/{opened.code}")
        opened.store.close(opened.workshop_id)
        reply = phone.client.post(f"/j/{opened.code}", data={"csrf": csrf_of(page.text)})
        assert 410 == reply.status_code
        assert not any(k.startswith("ir_p_") for k in phone.client.cookies)


class TestScreens:
    def test_screen_shows_progress_statements_and_the_four_questions(self, opened: Room) -> None:
        """Screen 1 shows 'Princip 1 av 9', the principle's post-its of both levels and four
        questions named like the CSV columns, each 1..5 and n/a."""
        page = opened.phone().join(opened.code)
        assert "Princip 1 av 9" in page
        assert "Byråkrati med begränsad innovation</h3>" in page
        assert "Innovativ byråkrati</h3>" in page
        for statement in opened.catalog.statements_for(FIRST):
            assert statement.text.get("sv") in page
        for kind in KINDS:
            values = re.findall(rf'name="{kind}\.{FIRST}" value="([^"]+)"', page)
            assert ["1", "2", "3", "4", "5", "n/a"] == values
        assert "Var står organisationen i dag?" in page
        assert "Var står du själv i dag?" in page

    def test_next_saves_and_moves_on(self, opened: Room) -> None:
        """Posting a screen saves its answers and shows the next principle."""
        phone = opened.phone()
        phone.join(opened.code)
        reply = phone.post(1, screen(0, "4"))
        assert "Princip 2 av 9" in reply.text
        respondent = phone.client.cookies[f"ir_p_{opened.workshop_id}"]
        assert screen(0, "4") == opened.store.answers(opened.workshop_id, respondent)

    def test_saved_answers_are_shown_again_after_a_reload(self, opened: Room) -> None:
        """A reloaded screen shows every saved answer checked (nothing is lost)."""
        phone = opened.phone()
        phone.join(opened.code)
        phone.post(1, screen(0, {"current.organisation": "2", "desired.individual": "n/a"}))
        page = phone.client.get(f"/j/{opened.code}/1").text
        assert f'name="current.organisation.{FIRST}" value="2" checked' in page
        assert f'name="desired.individual.{FIRST}" value="n/a" checked' in page
        assert 2 == page.count(" checked")

    def test_back_goes_to_the_screen_before(self, opened: Room) -> None:
        """Back from screen 3 shows screen 2; back from screen 1 the join page."""
        phone = opened.phone()
        phone.join(opened.code)
        assert "Princip 2 av 9" in phone.post(3, {}, go="back").text
        assert "Fortsätt svara" in phone.post(1, {}, go="back").text

    def test_the_last_screen_leads_to_thanks(self, opened: Room) -> None:
        """Next on screen 9 thanks the participant and counts the 36 answers."""
        phone = opened.phone()
        phone.join(opened.code)
        phone.answer_all(lambda i: "3")
        done = phone.client.get(f"/j/{opened.code}/done").text
        assert "Du har svarat på 36 av 36 frågor" in done

    def test_script_save_answers_json_and_stays(self, opened: Room) -> None:
        """The page's script posts each answer as given and gets JSON back."""
        phone = opened.phone()
        phone.join(opened.code)
        pid = PRINCIPLE_IDS[4]
        reply = phone.post(
            5, {f"current.individual.{pid}": "5"}, go="stay", headers={"accept": "application/json"}
        )
        assert 200 == reply.status_code
        assert {"saved": [f"current.individual.{pid}"]} == reply.json()
        assert 1 == opened.store.respondent_count(opened.workshop_id)

    def test_a_second_submission_replaces_the_first(self, opened: Room) -> None:
        """Answering a screen again replaces the answers; the person counts once."""
        phone = opened.phone()
        phone.join(opened.code)
        phone.post(1, screen(0, "1"))
        phone.post(1, screen(0, "5"))
        (response,) = opened.store.responses(opened.workshop_id)
        assert 5 == response.rating("current", "organisation", FIRST)

    def test_another_participant_sees_none_of_my_answers(self, opened: Room) -> None:
        """A second phone's screen shows nothing checked, and the facilitator's JSON is closed
        to it."""
        first = opened.phone()
        first.join(opened.code)
        first.post(1, screen(0, "4"))
        second = opened.phone()
        page = second.join(opened.code)
        assert " checked" not in page
        assert 403 == second.client.get(f"/f/{opened.workshop_id}/result.json").status_code

    def test_a_screen_without_joining_leads_to_the_join_page(self, opened: Room) -> None:
        """A screen opened without the cookie (or with a forged one) goes to the join page."""
        phone = opened.phone()
        phone.client.cookies.set(f"ir_p_{opened.workshop_id}", "forged-respondent-id-000000")
        page = phone.client.get(f"/j/{opened.code}/4")
        assert str(page.url).endswith(f"/j/{opened.code}")

    @pytest.mark.parametrize("step", ["0", "10", "abc"])
    def test_a_screen_outside_the_ladder_is_404(self, opened: Room, step: str) -> None:
        """Only screens 1 to 9 exist."""
        phone = opened.phone()
        phone.join(opened.code)
        assert 404 == phone.client.get(f"/j/{opened.code}/{step}").status_code


class TestBadInput:
    def test_a_rating_outside_the_scale_is_refused_and_nothing_is_lost(self, opened: Room) -> None:
        """A 6 on a 5-point scale gets a 400 page in Swedish; the earlier answers stay."""
        phone = opened.phone()
        phone.join(opened.code)
        phone.post(1, screen(0, "2"))
        reply = phone.post(1, {f"current.organisation.{FIRST}": "6"})
        assert 400 == reply.status_code
        assert "6 är inget svar på current.organisation." in reply.text
        (response,) = opened.store.responses(opened.workshop_id)
        assert 2 == response.rating("current", "organisation", FIRST)

    @pytest.mark.parametrize(
        "field",
        [
            f"current.organisation.{PRINCIPLE_IDS[1]}",  # another screen's question
            "current.team.curiosity",
            "statements.kiruna:anything",
            "respondent",
        ],
    )
    def test_a_tampered_form_is_refused_whole(self, opened: Room, field: str) -> None:
        """A name this screen does not ask is a 400, and none of the post is saved."""
        phone = opened.phone()
        phone.join(opened.code)
        answers = {**screen(0, "3"), field: "3"}
        reply = phone.post(1, answers)
        assert 400 == reply.status_code
        assert "ingen fråga på den här sidan" in reply.text
        assert () == opened.store.responses(opened.workshop_id)

    def test_a_post_without_the_csrf_token_is_refused(self, opened: Room) -> None:
        """A form without a matching token (another site's form) is a 403; nothing is saved."""
        phone = opened.phone()
        phone.join(opened.code)
        reply = phone.client.post(f"/j/{opened.code}/1", data=screen(0, "3"))
        assert 403 == reply.status_code
        forged = phone.client.post(f"/j/{opened.code}/1", data={**screen(0, "3"), "csrf": "x" * 32})
        assert 403 == forged.status_code
        assert () == opened.store.responses(opened.workshop_id)

    def test_answering_after_closing_keeps_what_was_saved(self, opened: Room) -> None:
        """A post after the workshop closed is refused; the answers given before are kept."""
        phone = opened.phone()
        phone.join(opened.code)
        phone.post(1, screen(0, "4"))
        opened.store.close(opened.workshop_id)
        reply = phone.post(2, screen(1, "4"))
        assert 410 == reply.status_code
        assert 1 == len(opened.store.responses(opened.workshop_id))

    def test_later_screens_are_saved_without_a_worker_thread(
        self, opened: Room, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Once the server has the workshop and the participant at hand, a screen is checked on
        the event loop and committed by the store's writer: no worker thread per save."""
        phone = opened.phone()
        phone.join(opened.code)
        assert 200 == phone.post(1, screen(0, "4")).status_code
        hops = count_worker_threads(monkeypatch)
        reply = phone.post(2, screen(1, "5"), follow_redirects=False)
        assert 303 == reply.status_code
        assert [] == hops
        respondent = phone.client.cookies[f"ir_p_{opened.workshop_id}"]
        assert (
            screen(1, "5").items() <= opened.store.answers(opened.workshop_id, respondent).items()
        )

    def test_joining_a_workshop_at_hand_takes_no_worker_thread(
        self, opened: Room, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Joining a workshop whose code the server has at hand is checked on the event loop
        and committed by the store's writer: no worker thread, and the participant is made."""
        phone = opened.phone()
        page = phone.client.get(f"/j/{opened.code}")
        hops = count_worker_threads(monkeypatch)
        reply = phone.client.post(
            f"/j/{opened.code}", data={"csrf": csrf_of(page.text)}, follow_redirects=False
        )
        assert 303 == reply.status_code
        assert [] == hops
        respondent = phone.client.cookies[f"ir_p_{opened.workshop_id}"]
        assert opened.store.is_participant(opened.workshop_id, respondent)

    def test_closing_by_another_server_process_is_noticed_at_once(
        self, opened: Room, tmp_path: Path
    ) -> None:
        """A workshop closed by another process while this server has it at hand refuses the
        next screen with 410 (the write checks the database); what was saved is kept."""
        phone = opened.phone()
        phone.join(opened.code)
        assert 200 == phone.post(1, screen(0, "4")).status_code
        assert 200 == phone.post(2, screen(1, "4")).status_code  # from what is at hand
        with Store.open(str(tmp_path / "workshops.sqlite3"), create=False) as elsewhere:
            elsewhere.close(opened.workshop_id)
        reply = phone.post(3, screen(2, "4"))
        assert 410 == reply.status_code
        respondent = phone.client.cookies[f"ir_p_{opened.workshop_id}"]
        assert {**screen(0, "4"), **screen(1, "4")} == opened.store.answers(
            opened.workshop_id, respondent
        )

    def test_a_cookie_of_another_workshop_is_refused_after_answers(self, room: Room) -> None:
        """A participant's cookie copied into another workshop's cookie is no participant
        there, even once the server has both at hand: 403, nothing saved."""
        room.create("Första")
        first_id, first_code = room.workshop_id, room.code
        room.create("Andra")
        phone = room.phone()
        phone.join(first_code)
        assert 200 == phone.post(1, screen(0, "4")).status_code
        mine = phone.client.cookies[f"ir_p_{first_id}"]
        phone.client.cookies.set(f"ir_p_{room.workshop_id}", mine)
        phone.code = room.code
        reply = phone.post(1, screen(0, "2"))
        assert 403 == reply.status_code
        assert () == room.store.responses(room.workshop_id)

    def test_a_huge_body_is_refused_before_it_is_read(self, opened: Room) -> None:
        """A body over the limit gets 413."""
        phone = opened.phone()
        phone.join(opened.code)
        reply = phone.post(1, {"filler": "x" * 100_000})
        assert 413 == reply.status_code

    def test_joining_past_the_participant_limit_is_429(
        self, opened: Room, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Once the workshop is full a further phone gets 429 saying so; the others answer on."""
        from innovationsresan.store import workshops

        monkeypatch.setattr(workshops, "MAX_PARTICIPANTS", 1)
        first = opened.phone()
        first.join(opened.code)
        second = opened.phone()
        page = second.client.get(f"/j/{opened.code}")
        reply = second.client.post(f"/j/{opened.code}", data={"csrf": csrf_of(page.text)})
        assert 429 == reply.status_code
        assert "Workshoppen har redan 1 deltagare." in reply.text
        assert 200 == first.post(1, screen(0, "3")).status_code

    def test_a_post_from_a_browser_that_never_joined_is_refused(self, opened: Room) -> None:
        """Answers without a participant cookie are a 403 telling to start again."""
        phone = opened.phone()
        phone.client.get(f"/j/{opened.code}")
        phone.code = opened.code
        reply = phone.post(1, screen(0, "3"))
        assert 403 == reply.status_code
        assert "börja om" in reply.text


class TestStatements:
    @pytest.fixture
    def deep(self, room: Room) -> Room:
        room.create(rate_statements="on")
        return room

    def test_rating_statements_follows_each_screen(self, deep: Room) -> None:
        """With statement rating on, next leads to the principle's post-its to rate, named
        ``statements.<qualified id>``."""
        phone = deep.phone()
        phone.join(deep.code)
        page = phone.post(1, screen(0, "3")).text
        ids = [f"{s.pack}:{s.id}" for s in deep.catalog.statements_for(FIRST)]
        for ident in ids:
            assert f'name="statements.{ident}" value="1"' in page
        reply = phone.post("1/statements", {f"statements.{ids[0]}": "5"})
        assert "Princip 2 av 9" in reply.text
        respondent = phone.client.cookies[f"ir_p_{deep.workshop_id}"]
        assert "5" == deep.store.answers(deep.workshop_id, respondent)[f"statements.{ids[0]}"]

    def test_statements_of_another_principle_are_refused(self, deep: Room) -> None:
        """A post-it of principle 2 posted on principle 1's rating screen is a 400."""
        phone = deep.phone()
        phone.join(deep.code)
        other = deep.catalog.statements_for(PRINCIPLE_IDS[1])[0]
        reply = phone.post("1/statements", {f"statements.{other.pack}:{other.id}": "3"})
        assert 400 == reply.status_code

    def test_without_statement_rating_the_step_does_not_exist(self, opened: Room) -> None:
        """A workshop that does not rate post-its has no rating screens (404)."""
        phone = opened.phone()
        phone.join(opened.code)
        assert 404 == phone.client.get(f"/j/{opened.code}/1/statements").status_code


class TestRateLimits:
    @pytest.fixture
    def strict(self, tmp_path: Path) -> Iterator[Room]:
        room = Room(tmp_path, kiruna_catalog(), joins_per_minute=3, saves_per_minute=4)
        room.create()
        yield room
        room.close()

    def test_a_flood_of_joins_is_refused_before_it_reaches_the_store(self, strict: Room) -> None:
        """Past its joins a minute an address gets 429 with Retry-After, in the workshop's
        language; no participant is made for it, and another address still joins."""
        flooder = strict.phone("198.51.100.7")
        page = flooder.client.get(f"/j/{strict.code}")
        token = csrf_of(page.text)
        replies = []
        for _ in range(5):  # a new participant each time: the cookie is thrown away
            replies.append(
                flooder.client.post(
                    f"/j/{strict.code}", data={"csrf": token}, follow_redirects=False
                )
            )
            flooder.client.cookies.delete(f"ir_p_{strict.workshop_id}")
        assert [303, 303, 303, 429, 429] == [r.status_code for r in replies]
        refused = replies[-1]
        assert refused.headers["retry-after"].isdigit()
        assert "Det kom för många förfrågningar" in refused.text
        assert "allt du har sparat finns kvar" in refused.text
        assert 3 == _participants(strict)
        strict.phone("198.51.100.8").join(strict.code)
        assert 4 == _participants(strict)

    def test_a_flood_of_saves_is_refused_and_what_was_saved_stays(self, strict: Room) -> None:
        """Past its saves a minute a phone gets 429 (JSON for the page's script too); the
        answers saved before are kept and the refused ones are not written."""
        phone = strict.phone("198.51.100.9")
        phone.join(strict.code)
        statuses = [
            phone.post(1, screen(0, str(v)), follow_redirects=False).status_code
            for v in (1, 2, 3, 4)
        ]
        assert [303, 303, 303, 303] == statuses
        refused = phone.post(1, screen(0, "5"), headers={"accept": "application/json"})
        assert 429 == refused.status_code
        assert "Vänta" in refused.json()["error"]
        respondent = phone.client.cookies[f"ir_p_{strict.workshop_id}"]
        assert screen(0, "4") == strict.store.answers(strict.workshop_id, respondent)

    def test_the_limiters_memory_stays_bounded(self, tmp_path: Path) -> None:
        """Requests from more addresses than it remembers leave the limiter at its bound."""
        room = Room(tmp_path, kiruna_catalog(), addresses=5)
        room.create()
        try:
            for i in range(12):
                room.phone(f"203.0.113.{i}").join(room.code)
            site = room.app.state.site
            assert 5 == len(site.joins)
        finally:
            room.close()


def _participants(room: Room) -> int:
    from sqlalchemy import func, select

    from innovationsresan.store import tables

    with room.store.engine.connect() as conn:
        count = conn.execute(select(func.count()).select_from(tables.participants)).scalar()
    return int(count or 0)


def count_worker_threads(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The functions the participants' pages hand to a worker thread from now on."""
    from innovationsresan.web import participant

    hops: list[object] = []
    real = participant.run_in_threadpool

    async def counted(func: Any, *args: Any, **kwargs: Any) -> Any:
        hops.append(func)
        return await real(func, *args, **kwargs)

    monkeypatch.setattr(participant, "run_in_threadpool", counted)
    return hops
