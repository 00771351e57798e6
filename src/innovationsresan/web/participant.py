"""The participants' pages: join by code, then one principle per screen on the phone.

A participant is anonymous: joining makes a random respondent id, kept in an ``HttpOnly``
cookie. Every screen is a plain form that posts its answers (named like the CSV columns) and
goes back or on; with JavaScript each answer is also saved the moment it is given.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import attrs
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from innovationsresan import ladder
from innovationsresan.errors import InputError
from innovationsresan.web.forms import Answers, answer_keys, parse_answers
from innovationsresan.web.i18n import N_, gettext_for
from innovationsresan.web.security import (
    CSRF_FIELD,
    CSRF_HEADER,
    RateLimiter,
    csrf_ok,
    retry_after,
    set_cookie,
)
from innovationsresan.web.site import (
    PageError,
    Site,
    page_language,
    participant_cookie,
    render,
    root,
    site_of,
    wants_json,
)

if TYPE_CHECKING:
    from innovationsresan.model import Statement
    from innovationsresan.store import Workshop

#: Screens on the ladder, one per principle.
STEPS = len(ladder.PRINCIPLE_IDS)


# -- finding the workshop and the participant -----------------------------------------------------


def _workshop(site: Site, request: Request) -> Workshop:
    """The open workshop of the code in the address: 404 for an unknown code, 410 once closed."""
    code = str(request.path_params["code"])
    workshop = site.store.by_code(code, include_closed=True) if len(code) <= 20 else None
    if workshop is not None and not workshop.is_open:
        raise _closed(page_language(request, workshop.lang))
    if workshop is None:
        raise PageError(
            404,
            N_(
                "No open workshop has the code %(code)s. Check the code on the screen; "
                "a workshop that has closed takes no more answers."
            ),
            lang=page_language(request),
            code=code[:20],
        )
    return workshop


def _limit(site: Site, request: Request, limiter: RateLimiter) -> None:
    """Refuse the request (429, before its body is read) when its address is over *limiter*."""
    wait = limiter.allow(request.client.host if request.client else "")
    if wait:
        known = site.store.cached_by_code(str(request.path_params["code"])[:20])
        seconds = retry_after(wait)
        raise PageError(
            429,
            N_(
                "Too many requests came from this device or network just now. Wait "
                "%(seconds)s seconds and try again; everything you saved is kept."
            ),
            lang=page_language(request, known.lang if known else None),
            headers={"retry-after": seconds},
            seconds=seconds,
        )


def _closed(lang: str) -> PageError:
    """The page of a workshop that has closed (410 Gone: its code worked once, not any more)."""
    return PageError(
        410,
        N_(
            "Answering has closed for this workshop. Everything you saved is kept; "
            "the facilitator shows the group's result."
        ),
        lang=lang,
    )


def _respondent(
    site: Site, request: Request, workshop: Workshop, *, look_up: bool = True
) -> str | None:
    """The respondent id in this browser's cookie, when it belongs to *workshop*.

    Without *look_up* only what the store has at hand is asked (no database).
    """
    respondent = request.cookies.get(participant_cookie(workshop.id))
    if not respondent or len(respondent) > 64:
        return None
    store = site.store
    known = store.is_participant if look_up else store.knows_participant
    return respondent if known(workshop.id, respondent) else None


def _step(request: Request, lang: str) -> int:
    try:
        step = int(str(request.path_params["step"]))
    except ValueError:
        step = 0
    if not 1 <= step <= STEPS:
        raise PageError(404, N_("There is no such page."), lang=lang)
    return step


def _check_csrf(request: Request, form: FormData, lang: str) -> None:
    given = form.get(CSRF_FIELD)
    token = given if isinstance(given, str) else request.headers.get(CSRF_HEADER)
    if not csrf_ok(request, token):
        raise PageError(
            403,
            N_(
                "The form could not be checked (it may be from an old page). "
                "Go back, reload the page and answer again; what was saved before is kept."
            ),
            lang=lang,
        )


def _no_statements(lang: str) -> PageError:
    return PageError(404, N_("This workshop does not rate the post-its."), lang=lang)


def _join_url(request: Request, workshop: Workshop, tail: str = "") -> str:
    return f"{root(request)}/j/{workshop.code}{tail}"


# -- pages ----------------------------------------------------------------------------------------


def home(request: Request) -> Response:
    """``GET /``: where a participant types the join code."""
    lang = page_language(request)
    code = request.query_params.get("code", "").strip()
    if code:
        return RedirectResponse(f"{root(request)}/j/{code[:20]}", status_code=303)
    return render(request, "home.html.j2", {}, lang=lang)


def join(request: Request) -> Response:
    """``GET /j/CODE``: what the workshop is about, and the button to start (or go on)."""
    site = site_of(request)
    workshop = _workshop(site, request)
    lang = page_language(request, workshop.lang)
    respondent = _respondent(site, request, workshop)
    answered = site.store.answers(workshop.id, respondent) if respondent else {}
    return render(
        request,
        "join.html.j2",
        {
            "workshop": workshop,
            "joined": respondent is not None,
            "next_step": _first_open_step(answered),
            "steps": STEPS,
        },
        lang=lang,
    )


async def start(request: Request) -> Response:
    """``POST /j/CODE``: join as a new anonymous participant (once per browser).

    As with saving (:func:`_save_screen`), a new participant of a workshop the store has at
    hand is checked on the event loop and joined by the store's writer thread; anything else
    (a code not at hand, a browser that joined before) is handled in a worker thread.
    """
    site = site_of(request)
    _limit(site, request, site.joins)
    form = await request.form()
    workshop = site.store.cached_by_code(str(request.path_params["code"])[:20])
    if workshop is None or request.cookies.get(participant_cookie(workshop.id)):
        return await run_in_threadpool(_start, request, form)
    lang = page_language(request, workshop.lang)
    _check_csrf(request, form, lang)
    with _store_errors(lang):
        respondent = await site.store.new_participant_async(workshop.id)
    return _joined(request, workshop, respondent)


def _start(request: Request, form: FormData) -> Response:
    site = site_of(request)
    workshop = _workshop(site, request)
    lang = page_language(request, workshop.lang)
    _check_csrf(request, form, lang)
    respondent = _respondent(site, request, workshop)
    if respondent is not None:  # pressed twice, or came back: the same participant goes on
        answered = site.store.answers(workshop.id, respondent)
        return RedirectResponse(
            _join_url(request, workshop, f"/{_first_open_step(answered)}"), status_code=303
        )
    respondent = _store_call(lambda: site.store.new_participant(workshop.id), lang)
    return _joined(request, workshop, respondent)


def _joined(request: Request, workshop: Workshop, respondent: str) -> Response:
    """On to the first screen, the new participant's id in its cookie."""
    response = RedirectResponse(_join_url(request, workshop, "/1"), status_code=303)
    set_cookie(response, request, participant_cookie(workshop.id), respondent)
    return response


def _first_open_step(answered: dict[str, str]) -> int:
    for i, pid in enumerate(ladder.PRINCIPLE_IDS, 1):
        if not all(key in answered for key in answer_keys(pid)):
            return i
    return STEPS


def principle_page(request: Request) -> Response:
    """``GET /j/CODE/N``: principle N's post-its and its four questions."""
    return _screen_page(request, statements=False)


def _screen_page(request: Request, *, statements: bool) -> Response:
    """Principle N's screen, or with *statements* the rating of its post-its, as answered."""
    site = site_of(request)
    workshop = _workshop(site, request)
    lang = page_language(request, workshop.lang)
    step = _step(request, lang)
    respondent = _respondent(site, request, workshop)
    if respondent is None:
        return RedirectResponse(_join_url(request, workshop), status_code=303)
    if statements and not workshop.rate_statements:
        raise _no_statements(lang)
    answered = site.store.answers(workshop.id, respondent)
    context = _principle_context(site, workshop, step, answered, lang)
    template = "statements.html.j2" if statements else "principle.html.j2"
    return render(request, template, context, lang=lang)


def _principle_context(
    site: Site, workshop: Workshop, step: int, answered: dict[str, str], lang: str
) -> dict[str, Any]:
    pid = ladder.PRINCIPLE_IDS[step - 1]
    catalog = site.catalog(workshop)
    statements = catalog.statements_for(pid)
    return {
        "workshop": workshop,
        "step": step,
        "steps": STEPS,
        "principle": catalog.principle_description(pid),
        "pid": pid,
        "levels": _levels(statements),
        "questions": _questions(pid),
        "answered": answered,
        "scale": workshop.scale,
        "level_names": {
            level.value: catalog.level_description(level).name for level in ladder.LEVELS
        },
        "perspective_names": ladder.PERSPECTIVE_NAMES,
        "rate_statements": workshop.rate_statements and bool(statements),
    }


def _levels(statements: tuple[Statement, ...]) -> list[dict[str, Any]]:
    """The post-its of a principle by level (lower first), each level by perspective."""
    return [
        {
            "level": level.value,
            "groups": [
                {
                    "perspective": perspective.value,
                    "statements": [
                        s for s in statements if s.level == level and s.perspective == perspective
                    ],
                }
                for perspective in ladder.PERSPECTIVES
            ],
        }
        for level in ladder.LEVELS
    ]


def _questions(pid: str) -> list[dict[str, str]]:
    """The four questions of one screen, in the order they are asked."""
    return [
        {
            "name": f"current.organisation.{pid}",
            "label": N_("Where does the organisation stand today?"),
        },
        {"name": f"current.individual.{pid}", "label": N_("Where do you yourself stand today?")},
        {
            "name": f"desired.organisation.{pid}",
            "label": N_("Where should the organisation stand?"),
        },
        {"name": f"desired.individual.{pid}", "label": N_("Where do you want to stand?")},
    ]


async def save_principle(request: Request) -> Response:
    """``POST /j/CODE/N``: save principle N's answers, then go back or on."""
    return await _save_screen(request, statements=False)


def statements_page(request: Request) -> Response:
    """``GET /j/CODE/N/statements``: rating principle N's post-its (the deepening step)."""
    return _screen_page(request, statements=True)


async def save_statements(request: Request) -> Response:
    """``POST /j/CODE/N/statements``: save the ratings of principle N's post-its."""
    return await _save_screen(request, statements=True)


@attrs.frozen
class _Posted:
    """A posted screen, checked: whose answers, to which workshop, and where to go next."""

    workshop: Workshop
    lang: str
    step: int
    respondent: str
    answers: Answers


async def _save_screen(request: Request, *, statements: bool) -> Response:
    """Save one screen: principle N's four answers, or with *statements* its post-its' ratings.

    Saving is the request a room sends most, so it is kept cheap: when the store has the
    workshop and the participant at hand (every save after the first), the screen is checked
    on the event loop and committed by the store's writer, with no worker thread per request;
    otherwise they are looked up in a worker thread. Either way the answer is on the disk
    before the reply is sent.
    """
    site = site_of(request)
    _limit(site, request, site.saves)
    form = await request.form()
    posted = _posted(site, request, form, statements=statements, look_up=False)
    if posted is None:
        posted = await run_in_threadpool(
            _posted, site, request, form, statements=statements, look_up=True
        )
    if posted is None:  # pragma: no cover - looking up finds every screen or refuses it
        raise RuntimeError("a screen looked up was neither found nor refused")
    workshop, answers = posted.workshop, posted.answers
    if answers.values:
        with _store_errors(posted.lang):
            await site.store.save_answers_async(workshop.id, posted.respondent, answers.values)
        site.hub.notify(workshop.id)
    if wants_json(request):
        return JSONResponse({"saved": sorted(answers.values)})
    target = _next(workshop, posted.step, answers.go, statements=statements)
    return RedirectResponse(_join_url(request, workshop, target), status_code=303)


def _posted(
    site: Site, request: Request, form: FormData, *, statements: bool, look_up: bool
) -> _Posted | None:
    """The checked screen; without *look_up*, ``None`` when the store or the site would have
    to read the database or load packs for it (nothing is then refused for that reason)."""
    if look_up:
        workshop: Workshop | None = _workshop(site, request)
    else:
        workshop = site.store.cached_by_code(str(request.path_params["code"])[:20])
    if workshop is None:
        return None
    lang = page_language(request, workshop.lang)
    step = _step(request, lang)
    pid = ladder.PRINCIPLE_IDS[step - 1]
    if not statements:
        allowed = answer_keys(pid)
    elif not workshop.rate_statements:
        raise _no_statements(lang)
    elif look_up or site.has_catalog(workshop):
        allowed = frozenset(
            f"statements.{s.pack}:{s.id}" for s in site.catalog(workshop).statements_for(pid)
        )
    else:
        return None
    _check_csrf(request, form, lang)
    respondent = _respondent(site, request, workshop, look_up=look_up)
    if respondent is None:
        if not look_up:
            return None
        raise PageError(
            403,
            N_(
                "This browser has not joined the workshop (or its cookie was lost). "
                "Open the join page and start again."
            ),
            lang=lang,
        )
    answers = parse_answers(form, allowed, workshop.scale)
    if answers.problems:
        raise PageError(
            400,
            N_("The answers could not be saved: the form was not one this page sends."),
            lang=lang,
            details=[gettext_for(lang)(message) % values for message, values in answers.problems],
        )
    return _Posted(workshop, lang, step, respondent, answers)


def _next(workshop: Workshop, step: int, go: str, *, statements: bool) -> str:
    """Where the back or next button leads from a screen."""
    if go == "back":
        if statements:
            return f"/{step}"
        if step == 1:
            return ""
        return f"/{step - 1}/statements" if workshop.rate_statements else f"/{step - 1}"
    if go == "stay":
        return f"/{step}/statements" if statements else f"/{step}"
    if not statements and workshop.rate_statements:
        return f"/{step}/statements"
    return f"/{step + 1}" if step < STEPS else "/done"


def done(request: Request) -> Response:
    """``GET /j/CODE/done``: thanks, and how to change an answer."""
    site = site_of(request)
    workshop = _workshop(site, request)
    lang = page_language(request, workshop.lang)
    respondent = _respondent(site, request, workshop)
    if respondent is None:
        return RedirectResponse(_join_url(request, workshop), status_code=303)
    answered = site.store.answers(workshop.id, respondent)
    ladder_answered = sum(1 for k in answered if not k.startswith("statements."))
    return render(
        request,
        "done.html.j2",
        {"workshop": workshop, "answered": ladder_answered, "questions": 4 * STEPS},
        lang=lang,
    )


def _store_call(call: Any, lang: str) -> Any:
    """Run a store call; a closed workshop or a reached limit becomes an error page."""
    with _store_errors(lang):
        return call()


@contextlib.contextmanager
def _store_errors(lang: str) -> Iterator[None]:
    """A closed workshop or a reached limit in the block becomes an error page."""
    from innovationsresan.store import LimitError, WorkshopClosedError  # noqa: PLC0415

    try:
        yield
    except WorkshopClosedError:
        raise _closed(lang) from None
    except LimitError as exc:
        raise PageError(
            429 if exc.limit == "participants" else 400,
            N_("A limit of the workshop was reached: %(reason)s"),
            lang=lang,
            reason=exc.message.get(lang),
        ) from None
    except InputError as exc:
        raise PageError(
            400,
            N_("The answers could not be saved: the form was not one this page sends."),
            lang=lang,
            details=[p.message.get(lang) for p in exc.problems],
        ) from None
