"""Words and numbers for the report: the page language, fixed texts, decimals, dates."""

from __future__ import annotations

import datetime as dt

import attrs

from innovationsresan.languages import chosen_language
from innovationsresan.model import LocalizedText

#: Languages the report's own texts exist in; any other request falls back to Swedish.
REPORT_LANGUAGES = ("sv", "en")

#: The sign used for negative numbers (a real minus, which screen readers say as "minus").
MINUS = "\u2212"

#: What is shown for an undefined figure.
NO_VALUE = "\u2013"


@attrs.frozen
class Words:
    """Fixed texts and number formats of one report language.

    ``content`` is the language asked for (pack texts are looked up in it);
    ``page`` is the language of the report's own texts: that language when the library has it,
    else Swedish.
    """

    content: str = "sv"

    @property
    def page(self) -> str:
        """The ``<html lang>`` of the report."""
        return self.content if self.content in REPORT_LANGUAGES else "sv"

    def t(self, sv: str, en: str) -> str:
        """The fixed text in the page language."""
        return en if self.page == "en" else sv

    def pick(self, text: LocalizedText) -> tuple[str, str]:
        """A content text and the language it is actually in (after the fallback chain)."""
        texts = text.as_dict()
        found = chosen_language(texts, self.content)
        return ("", self.page) if found is None else (texts[found], found)

    def text(self, text: LocalizedText) -> str:
        """A content text in the asked-for language (with fallback)."""
        return self.pick(text)[0]

    def number(self, value: float | None, digits: int = 2) -> str:
        """A decimal in the page language's style (``0,45`` / ``0.45``); a dash when undefined."""
        if value is None:
            return NO_VALUE
        text = f"{value:.{digits}f}"
        if text.startswith("-"):
            text = MINUS + text[1:] if float(text) != 0 else text[1:]
        return text.replace(".", ",") if self.page == "sv" else text

    def signed(self, value: float | None, digits: int = 2) -> str:
        """Like :meth:`number` with a ``+`` on positive values (gaps, changes)."""
        text = self.number(value, digits)
        if value is not None and text[0].isdigit() and float(f"{value:.{digits}f}") > 0:
            return "+" + text
        return text

    def date(self, value: dt.date | None) -> str:
        """An ISO 8601 date (the form used in Swedish and in the files)."""
        return NO_VALUE if value is None else value.isoformat()

    def datetime(self, value: dt.datetime) -> str:
        """A date and time of day in its own time zone, with the UTC offset."""
        offset = value.strftime("%z")
        offset = f"{offset[:3]}:{offset[3:]}" if offset else ""
        clock = value.strftime("%H:%M")
        day = value.date().isoformat()
        if self.page == "sv":
            return f"{day} kl. {clock}" + (f" (UTC{offset})" if offset else "")
        return f"{day} at {clock}" + (f" (UTC{offset})" if offset else "")
