"""The facilitator's pages: create a workshop, show it on the projector, close it, plan together.

Every page needs the workshop's secret (given once as ``?key=`` and then kept in a cookie)
or the server's admin key. The pages only call the library (``score``, ``recommend``,
``validate_plan``, ``compare``, ``render_report``, ``plan_to_ics``) and the store: the
figures shown are those the commands give on the exported files.
"""

from __future__ import annotations

import io
import tempfile
import tomllib
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response, StreamingResponse

from innovationsresan import ladder
from innovationsresan.errors import InnovationsresanError, InputError
from innovationsresan.web import forms, live
from innovationsresan.web.i18n import N_, gettext_for
from innovationsresan.web.i18n import render as render_template
from innovationsresan.web.security import CSRF_FIELD, CSRF_HEADER, csrf_ok, same_secret, set_cookie
from innovationsresan.web.site import (
    ADMIN_COOKIE,
    PageError,
    Site,
    facilitator_cookie,
    page_language,
    render,
    root,
    site_of,
)

if TYPE_CHECKING:
    from innovationsresan.catalog import Catalog
    from innovationsresan.followup import Comparison
    from innovationsresan.model import Problem
    from innovationsresan.plans import ActionPlan
    from innovationsresan.recommendation import Suggestion
    from innovationsresan.responses import Response as Answers
    from innovationsresan.scoring import GroupResult
    from innovationsresan.store import Workshop

#: Group figures are shown from this many respondents on (fewer could be read back to a person).
MIN_RESPONDENTS = 3
#: Cards suggested to the group.
SUGGESTED_CARDS = 3
#: Action rows the plan form shows at least.
MIN_ACTION_ROWS = 3


# -- who may see what -----------------------------------------------------------------------------


def _is_admin(site: Site, request: Request) -> bool:
    return same_secret(request.cookies.get(ADMIN_COOKIE), site.admin_key)


def _denied(lang: str) -> PageError:
    return PageError(
        403,
        N_(
            "This page is for the workshop's facilitator. Open it with the address that "
            "carries the key (it was shown when the workshop was made)."
        ),
        lang=lang,
    )


def _workshop(request: Request) -> tuple[Site, Workshop, str]:
    """The workshop of a facilitator's page, its language, once the visitor may see it."""
    site = site_of(request)
    ident = str(request.path_params["workshop"])
    workshop = site.store.workshop(ident) if len(ident) <= 40 else None
    lang = page_language(request, workshop.lang if workshop else None)
    if workshop is None:
        if _is_admin(site, request):
            raise PageError(404, N_("There is no such workshop."), lang=lang)
        raise _denied(lang)  # a stranger learns nothing about which workshops exist
    secret = request.cookies.get(facilitator_cookie(workshop.id))
    allowed = (secret is not None and site.store.check_secret(workshop.id, secret)) or (
        _is_admin(site, request)
    )
    if not allowed:
        raise _denied(lang)
    return site, workshop, lang


def _check_csrf(request: Request, form: FormData, lang: str) -> None:
    given = form.get(CSRF_FIELD)
    token = given if isinstance(given, str) else request.headers.get(CSRF_HEADER)
    if not csrf_ok(request, token):
        raise PageError(
            403,
            N_("The form could not be checked (it may be from an old page). Reload and try again."),
            lang=lang,
        )


def _here(request: Request, workshop: Workshop, tail: str = "") -> str:
    return f"{root(request)}/f/{workshop.id}{tail}"


# -- the server's admin page: create a workshop ---------------------------------------------------


def admin(request: Request) -> Response:
    """``GET /admin``: the workshops on this server and the form to create one."""
    site = site_of(request)
    lang = page_language(request)
    key = request.query_params.get("key")
    if key is not None:
        if not same_secret(key, site.admin_key):
            raise PageError(403, N_("The key in the address is not this server's."), lang=lang)
        response = RedirectResponse(f"{root(request)}/admin", status_code=303)
        set_cookie(response, request, ADMIN_COOKIE, key)
        return response
    if not _is_admin(site, request):
        raise PageError(
            403,
            N_("This page needs the server's key: open the address the serve command printed."),
            lang=lang,
        )
    return _admin_page(request, site, lang, typed={}, problems=())


def _admin_page(
    request: Request,
    site: Site,
    lang: str,
    *,
    typed: dict[str, Any],
    problems: tuple[str, ...],
    status: int = 200,
) -> Response:
    catalog = site.installed()
    return render(
        request,
        "admin.html.j2",
        {
            "workshops": site.store.workshops()[::-1],
            "packs": [p for p in catalog.packs if p.ok],
            "typed": typed,
            "problems": problems,
        },
        lang=lang,
        status=status,
    )


async def create(request: Request) -> Response:
    """``POST /admin``: create a workshop and open its facilitator's page."""
    form = await request.form()
    return await run_in_threadpool(_create, request, form)


def _create(request: Request, form: FormData) -> Response:
    site = site_of(request)
    lang = page_language(request)
    if not _is_admin(site, request):
        raise PageError(403, N_("This page needs the server's key."), lang=lang)
    _check_csrf(request, form, lang)
    gettext = gettext_for(lang)
    installed = {p.id for p in site.installed().packs if p.ok}
    name = str(form.get("name") or "")
    workshop_lang = str(form.get("lang") or "sv")
    scale_text = str(form.get("scale") or "5")
    packs = tuple(str(v) for v in form.getlist("packs"))
    previous = str(form.get("previous") or "") or None
    rate = form.get("rate_statements") == "on"
    typed = {
        "name": name,
        "lang": workshop_lang,
        "scale": scale_text,
        "packs": packs,
        "previous": previous,
        "rate_statements": rate,
    }
    problems: list[str] = []
    scale = int(scale_text) if scale_text.isdigit() and len(scale_text) < 4 else None
    if scale is None:
        problems.append(gettext("The scale must be a whole number from 2 to 11."))
    unknown = [p for p in packs if p not in installed]
    if unknown:
        problems.append(
            gettext("These packs are not installed: %(packs)s") % {"packs": ", ".join(unknown)}
        )
    if not problems:
        try:
            workshop, secret = site.store.create_workshop(
                name,
                lang=workshop_lang,
                scale=scale or 5,
                packs=packs,
                rate_statements=rate,
                previous=previous,
            )
        except InputError as exc:
            problems.extend(p.message.get(lang) for p in exc.problems)
        else:
            response = RedirectResponse(_here(request, workshop), status_code=303)
            set_cookie(response, request, facilitator_cookie(workshop.id), secret)
            return response
    return _admin_page(request, site, lang, typed=typed, problems=tuple(problems), status=422)


# -- the workshop on the projector ----------------------------------------------------------------


def workshop_page(request: Request) -> Response:
    """``GET /f/ID``: join code, QR code and the live ladder (the projector's page)."""
    key = request.query_params.get("key")
    if key is not None:
        return _enter(request, key)
    site, workshop, lang = _workshop(request)
    return render(
        request, "workshop.html.j2", _live_context(request, site, workshop, lang), lang=lang
    )


def _enter(request: Request, key: str) -> Response:
    """``?key=SECRET``: keep the secret in a cookie and drop it from the address."""
    site = site_of(request)
    ident = str(request.path_params["workshop"])
    workshop = site.store.workshop(ident) if len(ident) <= 40 else None
    lang = page_language(request, workshop.lang if workshop else None)
    if workshop is None or not site.store.check_secret(workshop.id, key):
        raise PageError(403, N_("The key in the address does not open this workshop."), lang=lang)
    response = RedirectResponse(_here(request, workshop), status_code=303)
    set_cookie(response, request, facilitator_cookie(workshop.id), key)
    return response


def join_screen(request: Request) -> Response:
    """``GET /f/ID/join``: the join code and QR code filling the projector."""
    site, workshop, lang = _workshop(request)
    return render(
        request,
        "join-screen.html.j2",
        {"workshop": workshop, **_join_info(request, site, workshop)},
        lang=lang,
    )


def _join_info(request: Request, site: Site, workshop: Workshop) -> dict[str, Any]:
    import markupsafe  # noqa: PLC0415
    import segno  # noqa: PLC0415

    base = (site.base_url or str(request.base_url)).rstrip("/")
    url = f"{base}/j/{workshop.code}"
    qr = segno.make(url, error="m")
    svg = qr.svg_inline(scale=1, border=2, omitsize=True, svgclass="qr-code", lineclass=None)
    return {
        "join_url": url,
        "qr": markupsafe.Markup(svg),  # noqa: S704 - segno writes only its own path data
        "code": workshop.code,
    }


@attrs.frozen
class Group:
    """The group's figures as the library computes them (``None`` below three respondents)."""

    responses: tuple[Answers, ...]
    catalog: Catalog
    result: GroupResult | None
    suggestions: tuple[Suggestion, ...]

    @property
    def respondents(self) -> int:
        """How many have answered."""
        return len(self.responses)


def _group(site: Site, workshop: Workshop, lang: str) -> Group:
    from innovationsresan.recommendation import recommend  # noqa: PLC0415
    from innovationsresan.scoring import score  # noqa: PLC0415

    responses = site.store.responses(workshop.id)
    catalog = site.catalog(workshop)
    if len(responses) < MIN_RESPONDENTS:
        return Group(responses, catalog, None, ())
    result = score(responses, catalog)
    suggestions = recommend(result, catalog, k=SUGGESTED_CARDS)
    return Group(responses, catalog, result, suggestions)


def _live_context(request: Request, site: Site, workshop: Workshop, lang: str) -> dict[str, Any]:
    group = _group(site, workshop, lang)
    return {
        "workshop": workshop,
        "respondents": group.respondents,
        "ladder": _ladder(group, lang, "live"),
        "minimum": MIN_RESPONDENTS,
        **_join_info(request, site, workshop),
    }


def _ladder(group: Group, lang: str, prefix: str) -> Any:
    if group.result is None:
        return None
    import markupsafe  # noqa: PLC0415

    from innovationsresan.report.drawing import ladder_svg  # noqa: PLC0415
    from innovationsresan.report.render import shown_names  # noqa: PLC0415

    # ladder_svg escapes every text it draws, so its output is markup already
    svg = ladder_svg(group.result, lang=lang, id_prefix=prefix, names=shown_names(group.catalog))
    return markupsafe.Markup(svg)  # noqa: S704


async def events(request: Request) -> Response:
    """``GET /f/ID/events``: the live view's Server-Sent Events."""
    site, workshop, lang = await run_in_threadpool(_workshop, request)

    async def revision() -> int:
        return await run_in_threadpool(site.store.revision, workshop.id)

    async def payload() -> dict[str, Any]:
        return await run_in_threadpool(_live_payload, request, site, workshop.id, lang)

    body = live.stream(
        site.hub,
        workshop.id,
        revision=revision,
        payload=payload,
        lifetime=site.limits.live_seconds,
    )
    return StreamingResponse(
        body,
        media_type="text/event-stream",
        headers={"cache-control": "no-store", "x-accel-buffering": "no"},
    )


def _live_payload(request: Request, site: Site, workshop_id: str, lang: str) -> dict[str, Any]:
    workshop = site.store.workshop(workshop_id)
    if workshop is None:
        return {"closed": True, "respondents": 0, "html": ""}
    context = _live_context(request, site, workshop, lang)
    html = render_template(lang, "_live.html.j2", {"lang": lang, "root": root(request), **context})
    return {"respondents": context["respondents"], "closed": not workshop.is_open, "html": html}


async def close(request: Request) -> Response:
    """``POST /f/ID/close``: close answering; the join code stops working."""
    form = await request.form()
    return await run_in_threadpool(_close, request, form)


def _close(request: Request, form: FormData) -> Response:
    site, workshop, lang = _workshop(request)
    _check_csrf(request, form, lang)
    site.store.close(workshop.id)
    site.hub.notify(workshop.id)
    return RedirectResponse(_here(request, workshop, "/result"), status_code=303)


# -- the group's result ---------------------------------------------------------------------------


def _comparison(
    site: Site, workshop: Workshop, group: Group
) -> tuple[Workshop | None, Comparison | None]:
    """The earlier workshop and what moved since it (both need three respondents)."""
    if workshop.previous is None or group.result is None:
        return None, None
    from innovationsresan.followup import compare  # noqa: PLC0415
    from innovationsresan.scoring import score  # noqa: PLC0415

    earlier = site.store.workshop(workshop.previous)
    if earlier is None:
        return None, None
    before = site.store.responses(earlier.id)
    if len(before) < MIN_RESPONDENTS:
        return earlier, None
    try:
        before_result = score(before, site.catalog(earlier))
    except InputError:
        return earlier, None
    return earlier, compare(before_result, group.result)


def result_page(request: Request) -> Response:
    """``GET /f/ID/result``: the group's result, principles to strengthen, suggested cards."""
    site, workshop, lang = _workshop(request)
    group = _group(site, workshop, lang)
    earlier, comparison = _comparison(site, workshop, group)
    result = group.result
    priorities = _ranked(result) if result is not None else []
    return render(
        request,
        "result.html.j2",
        {
            "workshop": workshop,
            "respondents": group.respondents,
            "minimum": MIN_RESPONDENTS,
            "result": result,
            "ladder": _ladder(group, lang, "result"),
            "priorities": priorities,
            "suggestions": group.suggestions,
            "earlier": earlier,
            "comparison": comparison,
            "principle_name": lambda pid: group.catalog.principle_description(pid).name.get(lang),
            "explanations": _explanations(result, lang),
            # the levels as the packs name them; "both" is the library's placement
            "level_names": {
                **ladder.LEVEL_NAMES,
                **{shown.id: shown.name for shown in group.catalog.levels()},
            },
            "perspective_names": ladder.PERSPECTIVE_NAMES,
            "num": _number(lang),
            "has_plan": site.store.plan(workshop.id) is not None,
        },
        lang=lang,
    )


def _explanations(result: GroupResult | None, lang: str) -> dict[str, str]:
    """How each placement was reached, in words (a ``both`` names its reasons)."""
    if result is None:
        return {}
    from innovationsresan.scoring import explain_placement  # noqa: PLC0415

    explanation = explain_placement(result)
    return {
        key: explanation.describe(key, brief=key == "overall").get(lang)
        for key in ("organisation", "individual", "overall")
    }


def _number(lang: str) -> Any:
    from innovationsresan.report._format import Words  # noqa: PLC0415

    return Words(lang).number


def _ranked(result: GroupResult) -> list[tuple[str, float]]:
    """Principles with a positive priority, highest first (ladder order breaks ties)."""
    priorities = result.priorities()
    order = {pid: i for i, pid in enumerate(ladder.PRINCIPLE_IDS)}
    chosen = [(pid, value) for pid, value in priorities.items() if value > 0]
    chosen.sort(key=lambda item: (-item[1], order.get(item[0], 0)))
    return chosen


def result_json(request: Request) -> Response:
    """``GET /f/ID/result.json``: the same figures as JSON, at full precision."""
    from innovationsresan.files.jsonable import to_jsonable  # noqa: PLC0415

    site, workshop, lang = _workshop(request)
    group = _group(site, workshop, lang)
    _, comparison = _comparison(site, workshop, group)
    return JSONResponse(
        {
            "workshop": {"id": workshop.id, "name": workshop.name, "open": workshop.is_open},
            "respondents": group.respondents,
            "score": to_jsonable(group.result, lang=lang) if group.result is not None else None,
            "recommend": {
                "cards": [
                    {"id": s.id, "gain": s.gain, "serves": dict(s.serves)}
                    for s in group.suggestions
                ]
            },
            "followup": to_jsonable(comparison, lang=lang) if comparison is not None else None,
        }
    )


# -- the action plan ------------------------------------------------------------------------------


def _saved_plan(site: Site, workshop: Workshop) -> ActionPlan | None:
    from innovationsresan.plans import parse_plan  # noqa: PLC0415

    text = site.store.plan(workshop.id)
    if text is None:
        return None
    return parse_plan(tomllib.loads(text), file="plan.toml")


def plan_page(request: Request) -> Response:
    """``GET /f/ID/plan``: the plan form, with the saved plan and its check."""
    site, workshop, lang = _workshop(request)
    plan = _saved_plan(site, workshop)
    typed = (
        forms.plan_fields(plan)
        if plan is not None
        else forms.PlanForm(fields={"team": workshop.name}, cards={}, principles={}, rows=0)
    )
    problems = _validate(site, workshop, plan) if plan is not None else ()
    return _plan_form(
        request, site, workshop, lang, typed=typed, problems=problems, saved=plan is not None
    )


def _validate(site: Site, workshop: Workshop, plan: ActionPlan) -> tuple[Problem, ...]:
    from innovationsresan.plans import validate_plan  # noqa: PLC0415

    return validate_plan(plan, site.catalog(workshop), today=site.today()).problems


def _plan_form(
    request: Request,
    site: Site,
    workshop: Workshop,
    lang: str,
    *,
    typed: forms.PlanForm,
    problems: tuple[Problem, ...],
    saved: bool,
    add: bool = False,
    status: int = 200,
) -> Response:
    group = _group(site, workshop, lang)
    catalog = group.catalog
    rows = forms.row_count(typed, minimum=MIN_ACTION_ROWS, maximum=site.limits.actions, add=add)
    offered = [s.id for s in group.suggestions]
    for chosen in typed.cards.values():
        offered.extend(c for c in chosen if c not in offered)
    cards = []
    for ident in offered:
        found, _ = catalog.try_resolve("card", ident)
        title = catalog.card(found).title.get(lang) if found is not None else ident
        cards.append({"id": ident, "title": title})
    functions = sorted(
        ({"id": f"{f.pack}:{f.id}", "name": f.name.get(lang)} for f in catalog.support),
        key=lambda f: f["name"].casefold(),
    )

    def support_option(typed_function: str) -> str | None:
        """The listed function a typed one (an id or a name) stands for, if any."""
        if not typed_function.strip():
            return None
        found, _ = catalog.try_resolve_support(typed_function.strip())
        return found

    return render(
        request,
        "plan.html.j2",
        {
            "workshop": workshop,
            "typed": typed,
            "rows": rows,
            "cards": cards,
            "support_functions": functions,
            "support_option": support_option,
            "problems": [_problem(p, lang) for p in problems],
            "saved": saved,
        },
        lang=lang,
        status=status,
    )


def _problem(problem: Problem, lang: str) -> dict[str, str]:
    from innovationsresan.files.jsonable import problem_json  # noqa: PLC0415

    return problem_json(problem, lang)


def _typed_plan(
    site: Site, workshop: Workshop, typed: forms.PlanForm
) -> tuple[ActionPlan | None, tuple[Problem, ...]]:
    """The plan the form describes and its problems (reading problems when it cannot be read)."""
    from innovationsresan.plans import parse_plan, validate_plan  # noqa: PLC0415

    earlier = _saved_plan(site, workshop)
    created = earlier.created if earlier is not None else site.today()
    timezone = earlier.timezone if earlier is not None else "Europe/Stockholm"
    document = forms.plan_document(typed, created=created, timezone=timezone)
    try:
        plan = parse_plan(document, file="plan")
    except InputError as exc:
        return None, tuple(exc.problems)
    return plan, validate_plan(plan, site.catalog(workshop), today=site.today()).problems


async def save_plan(request: Request) -> Response:
    """``POST /f/ID/plan``: save the plan as typed and show its check."""
    form = await request.form()
    return await run_in_threadpool(_save_plan, request, form)


@attrs.frozen
class _PostedPlan:
    """A posted plan form, checked: the plan it describes (``None`` when it cannot be read)."""

    site: Site
    workshop: Workshop
    lang: str
    typed: forms.PlanForm
    plan: ActionPlan | None
    problems: tuple[Problem, ...]


def _posted_plan(request: Request, form: FormData) -> _PostedPlan:
    """The plan form of a facilitator's post (CSRF checked) and the plan's check."""
    site, workshop, lang = _workshop(request)
    _check_csrf(request, form, lang)
    typed = forms.read_plan_form(form)
    plan, problems = _typed_plan(site, workshop, typed)
    return _PostedPlan(site, workshop, lang, typed, plan, problems)


def _save_plan(request: Request, form: FormData) -> Response:
    from innovationsresan.files.plans import plan_toml  # noqa: PLC0415

    posted = _posted_plan(request, form)
    if posted.plan is not None:
        posted.site.store.save_plan(posted.workshop.id, plan_toml(posted.plan))
        posted.site.hub.notify(posted.workshop.id)
    return _plan_form(
        request,
        posted.site,
        posted.workshop,
        posted.lang,
        typed=posted.typed,
        problems=posted.problems,
        saved=posted.plan is not None,
        add=posted.typed.go == "add",
        status=200 if posted.plan is not None else 422,
    )


async def check_plan(request: Request) -> Response:
    """``POST /f/ID/plan/check``: the check of the plan as typed (JSON), nothing saved."""
    form = await request.form()
    return await run_in_threadpool(_check_plan, request, form)


def _check_plan(request: Request, form: FormData) -> Response:
    posted = _posted_plan(request, form)
    return JSONResponse(
        {
            "readable": posted.plan is not None,
            "problems": [_problem(p, posted.lang) for p in posted.problems],
        }
    )


# -- downloads ------------------------------------------------------------------------------------


def _attachment(content: bytes | str, name: str, media_type: str) -> Response:
    return Response(
        content,
        media_type=media_type,
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


def _need_plan(site: Site, workshop: Workshop, lang: str) -> ActionPlan:
    plan = _saved_plan(site, workshop)
    if plan is None:
        raise PageError(404, N_("No action plan has been saved for this workshop yet."), lang=lang)
    return plan


def plan_toml_download(request: Request) -> Response:
    """``GET /f/ID/plan.toml``: the saved plan, the file ``plan check`` reads."""
    site, workshop, lang = _workshop(request)
    _need_plan(site, workshop, lang)
    text = site.store.plan(workshop.id) or ""
    return _attachment(text, "plan.toml", "application/toml; charset=utf-8")


def plan_ics_download(request: Request) -> Response:
    """``GET /f/ID/plan.ics``: the follow-up and the actions' dates for a calendar."""
    from innovationsresan.ical import plan_to_ics  # noqa: PLC0415

    site, workshop, lang = _workshop(request)
    plan = _need_plan(site, workshop, lang)
    try:
        data = plan_to_ics(plan, lang=lang)
    except InnovationsresanError as exc:
        raise PageError(
            501,
            N_("The calendar file cannot be made: %(reason)s"),
            lang=lang,
            reason=exc.message.get(lang),
        ) from None
    return _attachment(data, "plan.ics", "text/calendar; charset=utf-8")


def report_download(request: Request) -> Response:
    """``GET /f/ID/report.html``: the report the ``report`` command writes from the export."""
    from innovationsresan.recommendation import recommend  # noqa: PLC0415
    from innovationsresan.report import render_report  # noqa: PLC0415
    from innovationsresan.scoring import score  # noqa: PLC0415

    site, workshop, lang = _workshop(request)
    catalog = site.catalog(workshop)
    result = score(site.store.responses(workshop.id), catalog)
    suggestions = recommend(result, catalog, k=SUGGESTED_CARDS)
    plan = _saved_plan(site, workshop)
    plan_report = None
    if plan is not None:
        from innovationsresan.plans import validate_plan  # noqa: PLC0415

        plan_report = validate_plan(plan, catalog, today=site.today())
    html = render_report(
        result,
        catalog,
        suggestions=suggestions,
        plan=plan,
        plan_report=plan_report,
        lang=lang,
        title=workshop.name,
    )
    return _attachment(html, "report.html", "text/html; charset=utf-8")


def export_download(request: Request) -> Response:
    """``GET /f/ID/export.zip``: ``responses.jsonl`` and ``plan.toml``, as ``workshop export``."""
    site, workshop, _ = _workshop(request)
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="innovationsresan-export-") as folder:
        written = site.store.export(workshop.id, folder)
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in written:
                archive.write(path, Path(path).name)
    return _attachment(buffer.getvalue(), f"workshop-{workshop.code}.zip", "application/zip")
