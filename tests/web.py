"""Driving the workshop server in tests: a store in a temporary folder, a facilitator, phones.

The fixtures ``room`` (a server, no workshop yet) and ``opened`` (a Swedish workshop made)
are in tests/conftest.py. The app runs in-process behind Starlette's TestClient; each
:class:`Phone` is a browser of its own (its own cookies). Pages are read the way a browser
reads them: the CSRF token from the form.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
pytest.importorskip("sqlalchemy")

from starlette.testclient import TestClient

from innovationsresan.catalog import Catalog
from innovationsresan.ladder import PRINCIPLE_IDS
from innovationsresan.packs.loader import load_catalog
from innovationsresan.store import Store
from innovationsresan.web import Limits, create_app

ADMIN_KEY = "test-admin-key-0123456789abcdef"
BASE = "http://testserver"
TODAY = dt.date(2026, 11, 26)
KINDS = ("current.organisation", "current.individual", "desired.organisation", "desired.individual")


@functools.cache
def kiruna_catalog() -> Catalog:
    """The installed Kiruna pack (the workshop's statements come from it), loaded once."""
    catalog = load_catalog(packs=["kiruna"])
    if "kiruna" not in catalog.pack_versions():
        pytest.fail("the Kiruna pack is not installed: pip install -e contentpacks/kiruna")
    return catalog


def csrf_of(page: str) -> str:
    """The CSRF token of the first form on *page*."""
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


class _FormReader(HTMLParser):
    """The fields a browser sends when the form of class *css_class* is submitted as shown."""

    def __init__(self, css_class: str) -> None:
        super().__init__()
        self.css_class = css_class
        self.inside = False
        self.fields: dict[str, list[str]] = {}
        self._select: tuple[str, list[tuple[str, bool]]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = {k: v or "" for k, v in attrs}
        if tag == "form" and self.css_class in given.get("class", "").split():
            self.inside = True
        if not self.inside or "disabled" in given:
            return
        name = given.get("name", "")
        if tag == "input" and name and given.get("type", "text") not in ("submit", "button"):
            if given.get("type") not in ("checkbox", "radio") or "checked" in given:
                self.fields.setdefault(name, []).append(given.get("value", ""))
        elif tag == "select" and name:
            self._select = (name, [])
        elif tag == "option" and self._select is not None:
            self._select[1].append((given.get("value", ""), "selected" in given))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select" and self._select is not None:
            name, options = self._select
            chosen = [value for value, selected in options if selected] or [options[0][0]]
            self.fields.setdefault(name, []).append(chosen[-1])
            self._select = None


def form_of(page: str, css_class: str) -> dict[str, list[str]]:
    """What a browser would send from the form of class *css_class* on *page*, unchanged."""
    reader = _FormReader(css_class)
    reader.feed(page)
    assert reader.fields, f"the page has no form of class {css_class}"
    return reader.fields


def screen(principle_index: int, values: Mapping[str, str] | str) -> dict[str, str]:
    """The four answers of one screen: the same value for each, or one per kind."""
    pid = PRINCIPLE_IDS[principle_index]
    if isinstance(values, str):
        return {f"{kind}.{pid}": values for kind in KINDS}
    return {f"{kind}.{pid}": values[kind] for kind in KINDS if kind in values}


class Phone:
    """One participant's browser."""

    def __init__(self, app: Any, address: str = "testclient") -> None:
        self.client = TestClient(app, base_url=BASE, client=(address, 50000))
        self.code = ""

    def join(self, code: str) -> str:
        """Open the join page and press start; the first screen's page."""
        self.code = code
        page = self.client.get(f"/j/{code}")
        assert 200 == page.status_code, page.text
        started = self.client.post(f"/j/{code}", data={"csrf": csrf_of(page.text)})
        assert 200 == started.status_code, started.text
        return started.text

    @property
    def csrf(self) -> str:
        """This browser's CSRF token (its cookie)."""
        return self.client.cookies["ir_csrf"]

    def post(self, step: int | str, answers: Mapping[str, str], go: str = "next", **kw: Any) -> Any:
        """Post one screen's form."""
        data = {"csrf": self.csrf, "go": go, **answers}
        return self.client.post(f"/j/{self.code}/{step}", data=data, **kw)

    def answer_all(self, value_of: Any) -> None:
        """Answer every screen; *value_of(step index)* gives the value (or the kinds' values)."""
        for i in range(len(PRINCIPLE_IDS)):
            reply = self.post(i + 1, screen(i, value_of(i)))
            assert 200 == reply.status_code, reply.text


class Room:
    """A server with its store, the facilitator's browser and a workshop."""

    def __init__(self, tmp: Path, catalog: Catalog, **limits: Any) -> None:
        self.store = Store.open(str(tmp / "workshops.sqlite3"))
        self.catalog = catalog
        self.app = create_app(
            self.store,
            admin_key=ADMIN_KEY,
            base_url=BASE,
            catalogs=lambda packs: catalog,
            limits=Limits(**limits),
            today=lambda: TODAY,
        )
        self.facilitator = TestClient(self.app, base_url=BASE)
        self.workshop_id = ""
        self.code = ""

    def admin(self) -> Any:
        """The admin page, entered with the key."""
        return self.facilitator.get(f"/admin?key={ADMIN_KEY}")

    def create(self, name: str = "Enhet Norr", **fields: str) -> Any:
        """Create a workshop through the form; the facilitator's page."""
        page = self.admin()
        data = {"csrf": csrf_of(page.text), "name": name, "lang": "sv", "scale": "5", **fields}
        created = self.facilitator.post("/admin", data=data)
        assert 200 == created.status_code, created.text
        self.workshop_id = str(created.url).rsplit("/", 1)[-1]
        self.code = self.store.workshop(self.workshop_id).code  # type: ignore[union-attr]
        return created

    def phone(self, address: str = "testclient") -> Phone:
        """A new participant's browser, sending from *address*."""
        return Phone(self.app, address)

    def team(self, n: int, value_of: Any = None) -> list[Phone]:
        """*n* participants who joined and answered every screen."""
        phones = []
        for k in range(n):
            phone = self.phone()
            phone.join(self.code)
            phone.answer_all(value_of or (lambda i, k=k: str((i + k) % 5 + 1)))
            phones.append(phone)
        return phones

    def page(self, tail: str = "", **kw: Any) -> Any:
        """A facilitator's page of the workshop."""
        return self.facilitator.get(f"/f/{self.workshop_id}{tail}", **kw)

    def post(self, tail: str, data: Mapping[str, Any] | None = None, **kw: Any) -> Any:
        """Post a facilitator's form (with the CSRF token)."""
        token = self.facilitator.cookies["ir_csrf"]
        return self.facilitator.post(
            f"/f/{self.workshop_id}{tail}", data={"csrf": token, **(data or {})}, **kw
        )

    def close(self) -> None:
        """Close the store."""
        self.store.close()
