"""What every page shares: the server's settings, the page language, rendering, error pages."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from innovationsresan.errors import bad_value, expect_number, expect_type
from innovationsresan.web import i18n
from innovationsresan.web.live import Hub
from innovationsresan.web.security import CSRF_COOKIE, RateLimiter, csrf_token, set_cookie

if TYPE_CHECKING:
    from innovationsresan.catalog import Catalog
    from innovationsresan.store import Store, Workshop

#: The cookie remembering a language chosen with the language switch.
LANG_COOKIE = "ir_lang"
#: The cookie holding the server's admin key (who may create workshops).
ADMIN_COOKIE = "ir_admin"


def participant_cookie(workshop_id: str) -> str:
    """The cookie holding this browser's respondent id in workshop *workshop_id*."""
    return f"ir_p_{workshop_id}"


def facilitator_cookie(workshop_id: str) -> str:
    """The cookie holding the facilitator's secret of workshop *workshop_id*."""
    return f"ir_f_{workshop_id}"


def _positive_int(instance: object, attribute: Any, value: object) -> None:
    expect_type(attribute.name, value, int, "a whole number (int)")
    if value < 1:  # type: ignore[operator]  # an int, as checked
        raise bad_value(attribute.name, value, "ett heltal ≥ 1", "a whole number ≥ 1")


def _positive_number(instance: object, attribute: Any, value: object) -> None:
    expect_number(attribute.name, value, positive=True)


@attrs.frozen
class Limits:
    """Limits that keep one client from growing memory or the database without bound.

    Each is a positive number: another type is a :class:`TypeError` naming it, 0 or less an
    :class:`~innovationsresan.errors.InputError`.
    """

    #: Bytes of one request body.
    body: int = attrs.field(default=64 * 1024, validator=_positive_int)
    #: Seconds one live connection stays open before the browser reconnects.
    live_seconds: float = attrs.field(default=300.0, validator=_positive_number)
    #: Action rows the plan form offers to add (a saved plan with more shows all of them).
    actions: int = attrs.field(default=20, validator=_positive_int)
    #: Joins one client address may make at once, and then a minute.
    joins_per_minute: int = attrs.field(default=60, validator=_positive_int)
    #: Saved screens one client address may send at once, and then a minute.
    saves_per_minute: int = attrs.field(default=1200, validator=_positive_int)
    #: Client addresses the rate limits remember (the longest unseen is forgotten past it).
    addresses: int = attrs.field(default=10_000, validator=_positive_int)


def load_catalog_for(packs: tuple[str, ...]) -> Catalog:
    """The catalogue of a workshop's packs (every installed pack when none are named)."""
    from innovationsresan.packs.loader import load_catalog  # noqa: PLC0415 - lazy import

    return load_catalog(packs=list(packs) if packs else None)


@attrs.define
class Site:
    """One running workshop server: its store, keys, catalogues and listeners."""

    store: Store
    admin_key: str
    base_url: str | None = None
    catalogs: Callable[[tuple[str, ...]], Catalog] = load_catalog_for
    limits: Limits = attrs.field(factory=Limits)
    today: Callable[[], dt.date] = dt.date.today
    hub: Hub = attrs.field(factory=Hub)
    _cache: dict[tuple[str, ...], Catalog] = attrs.field(factory=dict, repr=False)
    joins: RateLimiter = attrs.field(init=False, repr=False)
    saves: RateLimiter = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        self.joins = RateLimiter(self.limits.joins_per_minute, addresses=self.limits.addresses)
        self.saves = RateLimiter(self.limits.saves_per_minute, addresses=self.limits.addresses)

    def catalog(self, workshop: Workshop) -> Catalog:
        """The catalogue of *workshop*'s packs, loaded once per set of packs."""
        key = tuple(workshop.packs)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self.catalogs(key)
        return found

    def has_catalog(self, workshop: Workshop) -> bool:
        """Whether the catalogue of *workshop*'s packs is loaded already."""
        return tuple(workshop.packs) in self._cache

    def installed(self) -> Catalog:
        """The catalogue of every installed pack (the choice offered when creating)."""
        found = self._cache.get(())
        if found is None:
            found = self._cache[()] = self.catalogs(())
        return found


def site_of(request: Request) -> Site:
    """The :class:`Site` serving *request*."""
    site: Site = request.app.state.site
    return site


class PageError(Exception):
    """A request that gets an error page: *status* and a message id with its values."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        lang: str | None = None,
        headers: Mapping[str, str] | None = None,
        **values: Any,
    ) -> None:
        self.status = status
        self.message = message
        self.lang = lang
        self.headers = dict(headers or {})
        self.values = values
        super().__init__(message)


def page_language(request: Request, default: str | None = None) -> str:
    """The page's language: the switch (``?lang=``), the remembered choice, *default*, or
    the browser's."""
    chosen = i18n.language(request.query_params.get("lang")) or i18n.language(
        request.cookies.get(LANG_COOKIE)
    )
    if chosen:
        return chosen
    if default in i18n.LANGUAGES:
        return default
    return _accepted(request.headers.get("accept-language", ""))


def _accepted(header: str) -> str:
    for part in header.split(","):
        tag = part.split(";", 1)[0].strip().lower()
        primary = tag.split("-", 1)[0]
        if primary in i18n.LANGUAGES:
            return primary
    return i18n.DEFAULT_LANGUAGE


def root(request: Request) -> str:
    """The path the app is mounted under (behind a reverse proxy), without a trailing slash."""
    return str(request.scope.get("root_path", "")).rstrip("/")


@functools.cache
def _static_version() -> str:
    from innovationsresan import __version__  # noqa: PLC0415

    return __version__


def render(
    request: Request,
    template: str,
    context: Mapping[str, Any] | None = None,
    *,
    lang: str,
    status: int = 200,
) -> HTMLResponse:
    """*template* rendered in *lang*, with what every page needs, as an HTML response."""
    token, new = csrf_token(request)
    prefix = root(request)
    here = request.url.path
    if prefix and here.startswith(prefix):
        here = here[len(prefix) :]
    values: dict[str, Any] = {
        "lang": lang,
        "csrf": token,
        "root": root(request),
        "here": here,
        "languages": [
            {"code": code, "name": i18n.LANGUAGE_NAMES[code], "current": code == lang}
            for code in i18n.LANGUAGES
        ],
        "version": _static_version(),
    }
    values.update(context or {})
    response = HTMLResponse(i18n.render(lang, template, values), status_code=status)
    if new:
        set_cookie(response, request, CSRF_COOKIE, token)
    remember_language(request, response)
    return response


def remember_language(request: Request, response: Response) -> None:
    """Keep a language chosen with the switch in a cookie."""
    chosen = i18n.language(request.query_params.get("lang"))
    if chosen and chosen != request.cookies.get(LANG_COOKIE):
        set_cookie(response, request, LANG_COOKIE, chosen, max_age=365 * 24 * 3600)


def wants_json(request: Request) -> bool:
    """Whether the page's script asked for JSON (the form also works without it)."""
    return "application/json" in request.headers.get("accept", "")


def error_page(request: Request, error: PageError) -> Response:
    """The page (or JSON, for a script) telling what went wrong, in the page's language."""
    lang = error.lang or page_language(request)
    gettext = i18n.gettext_for(lang)
    message = gettext(error.message) % error.values if error.values else gettext(error.message)
    if wants_json(request):
        return JSONResponse({"error": message}, status_code=error.status, headers=error.headers)
    response = render(
        request,
        "error.html.j2",
        {"message": message, "status": error.status, "details": error.values.get("details", ())},
        lang=lang,
        status=error.status,
    )
    response.headers.update(error.headers)
    return response
