"""The workshop server as one Starlette application: every route listed here, in one place."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from innovationsresan.errors import bad_value, expect_optional, expect_type
from innovationsresan.web import facilitator, participant
from innovationsresan.web.i18n import N_
from innovationsresan.web.security import BodyLimit, SecurityHeaders
from innovationsresan.web.site import Limits, PageError, Site, error_page, load_catalog_for

if TYPE_CHECKING:
    from innovationsresan.catalog import Catalog
    from innovationsresan.store import Store

ROUTES = [
    # participants
    Route("/", participant.home, methods=["GET"], name="home"),
    Route("/j/{code}", participant.join, methods=["GET"], name="join"),
    Route("/j/{code}", participant.start, methods=["POST"], name="start"),
    Route("/j/{code}/done", participant.done, methods=["GET"], name="done"),
    Route("/j/{code}/{step}", participant.principle_page, methods=["GET"], name="principle"),
    Route("/j/{code}/{step}", participant.save_principle, methods=["POST"]),
    Route("/j/{code}/{step}/statements", participant.statements_page, methods=["GET"]),
    Route("/j/{code}/{step}/statements", participant.save_statements, methods=["POST"]),
    # the server's admin: create workshops
    Route("/admin", facilitator.admin, methods=["GET"], name="admin"),
    Route("/admin", facilitator.create, methods=["POST"]),
    # the facilitator
    Route("/f/{workshop}", facilitator.workshop_page, methods=["GET"], name="workshop"),
    Route("/f/{workshop}/join", facilitator.join_screen, methods=["GET"]),
    Route("/f/{workshop}/events", facilitator.events, methods=["GET"]),
    Route("/f/{workshop}/close", facilitator.close, methods=["POST"]),
    Route("/f/{workshop}/result", facilitator.result_page, methods=["GET"]),
    Route("/f/{workshop}/result.json", facilitator.result_json, methods=["GET"]),
    Route("/f/{workshop}/plan", facilitator.plan_page, methods=["GET"]),
    Route("/f/{workshop}/plan", facilitator.save_plan, methods=["POST"]),
    Route("/f/{workshop}/plan/check", facilitator.check_plan, methods=["POST"]),
    Route("/f/{workshop}/plan.toml", facilitator.plan_toml_download, methods=["GET"]),
    Route("/f/{workshop}/plan.ics", facilitator.plan_ics_download, methods=["GET"]),
    Route("/f/{workshop}/report.html", facilitator.report_download, methods=["GET"]),
    Route("/f/{workshop}/export.zip", facilitator.export_download, methods=["GET"]),
    Mount("/static", StaticFiles(packages=[("innovationsresan.web", "static")]), name="static"),
]


async def _page_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PageError)  # noqa: S101 - registered for PageError only
    return error_page(request, exc)


_HTTP_MESSAGES = {
    404: N_("There is no such page."),
    405: N_("This page cannot be used that way."),
}


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)  # noqa: S101 - registered for HTTPException only
    message = _HTTP_MESSAGES.get(exc.status_code, N_("The request cannot be used."))
    return error_page(request, PageError(exc.status_code, message))


async def _server_error(request: Request, exc: Exception) -> Response:
    return error_page(
        request,
        PageError(
            500,
            N_(
                "Something went wrong on the server. What was saved before is kept; "
                "go back and try again."
            ),
        ),
    )


def create_app(
    store: Store,
    *,
    admin_key: str,
    base_url: str | None = None,
    catalogs: Callable[[tuple[str, ...]], Catalog] = load_catalog_for,
    limits: Limits | None = None,
    today: Callable[[], dt.date] = dt.date.today,
    close_store: bool = False,
) -> Starlette:
    """The workshop server on *store*.

    *admin_key* opens ``/admin`` (creating workshops); *base_url* is the address participants
    are shown (the request's own address when ``None``); *catalogs* loads the catalogue of a
    workshop's packs (tests give their own); with *close_store* the store is closed when the
    server stops. A wrong type is a :class:`TypeError` naming the argument, an empty
    *admin_key* an :class:`~innovationsresan.errors.InputError`.
    """
    from innovationsresan.store import Store  # noqa: PLC0415 - only for the check

    expect_type("store", store, Store, "a Store (Store.open gives one)")
    expect_type("admin_key", admin_key, str, "a secret (str)")
    if not admin_key.strip():
        raise bad_value("admin_key", admin_key, "en hemlighet, inte tom", "a secret, not blank")
    expect_optional("base_url", base_url, str, "an address (str) or None")
    given: dict[str, object] = {"catalogs": catalogs, "today": today}
    for name, what in (
        ("catalogs", "a function from pack ids to a Catalog"),
        ("today", "a function giving today's datetime.date"),
    ):
        if not callable(given[name]):  # no type passes (): the TypeError names the argument
            expect_type(name, given[name], (), what)
    expect_optional("limits", limits, Limits, "Limits or None")
    expect_type("close_store", close_store, bool, "True or False")
    site = Site(
        store=store,
        admin_key=admin_key,
        base_url=base_url,
        catalogs=catalogs,
        limits=limits or Limits(),
        today=today,
    )

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            if close_store:
                store.close()

    app = Starlette(
        routes=ROUTES,
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(BodyLimit, limit=site.limits.body),
        ],
        exception_handlers={
            PageError: _page_error,
            HTTPException: _http_error,
            Exception: _server_error,
        },
        lifespan=lifespan,
    )
    app.state.site = site
    return app
