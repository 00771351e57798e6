"""Which language a text is shown in: the one asked for, else Swedish, English, any.

The rule is described in docs/concepts.md. This module is plain Python with no imports, so that
the command line can choose among texts it read from a file without loading the data model.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

#: The fallback chain after the requested language (docs/concepts.md).
FALLBACK_LANGUAGES = ("sv", "en")


def chosen_language(texts: Mapping[str, str], lang: str) -> str | None:
    """The language of *texts* (``{language: text}``, in the text's order) shown for *lang*:
    *lang* itself, else the first of :data:`FALLBACK_LANGUAGES` there is, else the first
    language; ``None`` when there is no text at all."""
    for candidate in (lang, *FALLBACK_LANGUAGES):
        if candidate in texts:
            return candidate
    return next(iter(texts), None)


def choose(texts: Mapping[str, str], lang: str) -> str:
    """The text of *texts* shown for *lang* (:func:`chosen_language`); ``""`` when empty."""
    found = chosen_language(texts, lang)
    return "" if found is None else texts[found]
