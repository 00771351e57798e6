"""The pages' texts per language: gettext catalogs read with Babel, used by jinja2's i18n extension.

The message ids are English; ``locale/<lang>/LC_MESSAGES/messages.po`` holds each language's
texts. The ``.po`` files are read when the app starts (Babel's reader), so no compiled ``.mo``
file has to be built or kept in step: a new interface language is one more ``.po`` file.
How to add or update one is described in ``docs/workshop.md``.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources
from typing import Any

import jinja2
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

#: Interface languages, the default first.
LANGUAGES = ("sv", "en")

#: The language of a page when nothing chose one.
DEFAULT_LANGUAGE = "sv"

#: The name of each language in itself (for the language switch).
LANGUAGE_NAMES: Mapping[str, str] = {"sv": "Svenska", "en": "English"}


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for a deferred message
    """Mark *message* for extraction; it is translated where it is shown."""
    return message


def language(value: str | None) -> str | None:
    """*value* when it is one of :data:`LANGUAGES`, else ``None``."""
    return value if value in LANGUAGES else None


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The message catalog of *lang*, read from its ``.po`` file."""
    source = resources.files("innovationsresan.web") / "locale" / lang / "LC_MESSAGES"
    po = source / "messages.po"
    if not po.is_file():
        return gettext.NullTranslations()
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def gettext_for(lang: str) -> Callable[[str], str]:
    """``gettext`` of *lang*, for texts made in Python (error pages, JSON messages)."""
    return translations(lang).gettext


@cache
def environment(lang: str) -> jinja2.Environment:
    """The template environment of *lang*: autoescaped, with its catalog installed."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("innovationsresan.web", "templates"),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    return env


def render(lang: str, template: str, context: Mapping[str, Any]) -> str:
    """*template* rendered in *lang*."""
    return environment(lang).get_template(template).render(context)
