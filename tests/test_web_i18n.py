"""The pages' message catalogs: every text in every interface language, read from ``.po``."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

pytest.importorskip("babel")

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from innovationsresan.web import i18n

WEB = Path(str(resources.files("innovationsresan.web")))
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def extracted() -> set[str]:
    """Every message id the templates and the web modules use (as ``pybabel extract``)."""
    method_map = [("**.py", "python"), ("**/templates/**.j2", "jinja2")]
    options = {"**/templates/**.j2": {"extensions": "jinja2.ext.i18n"}}
    found: set[str] = set()
    for _, _, message, _, _ in extract_from_dir(
        str(WEB),
        method_map,
        options,
        keywords={"_": None, "gettext": None, "ngettext": (1, 2), "N_": None},
    ):
        if isinstance(message, tuple):
            found.update(m for m in message if m)
        else:
            found.add(message)
    return found


def catalog(lang: str) -> dict[str, str | tuple[str, ...]]:
    """Message id → translation in the ``.po`` file of *lang*."""
    path = WEB / "locale" / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        po = read_po(handle, locale=lang)
    found: dict[str, str | tuple[str, ...]] = {}
    for message in po:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for ident in ids:
            found[ident] = message.string
    return found


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
class TestCatalogs:
    def test_every_text_is_translated(self, lang: str) -> None:
        """Each message the pages use has a non-empty translation in the language."""
        texts = catalog(lang)
        missing = sorted(m for m in extracted() if not texts.get(m))
        assert [] == missing

    def test_no_text_is_left_over(self, lang: str) -> None:
        """The catalog holds no message the pages no longer use."""
        assert [] == sorted(set(catalog(lang)) - extracted())

    def test_translations_keep_the_placeholders(self, lang: str) -> None:
        """A translation names the same values as its message."""
        for ident, text in catalog(lang).items():
            strings = text if isinstance(text, tuple) else (text,)
            for string in strings:
                assert set(PLACEHOLDER.findall(ident)) >= set(PLACEHOLDER.findall(string)), ident


class TestTranslations:
    def test_swedish_is_read_from_the_po_file(self) -> None:
        """The Swedish catalog translates the English ids."""
        assert "Princip 3 av 9" == i18n.gettext_for("sv")("Principle %(step)s of %(steps)s") % {
            "step": 3,
            "steps": 9,
        }

    def test_plural_forms_follow_the_number(self) -> None:
        """ngettext picks singular or plural by the catalog's plural rule."""
        english = i18n.translations("en")
        assert "has answered" == english.ngettext("has answered", "have answered", 1)
        assert "have answered" == english.ngettext("has answered", "have answered", 2)

    def test_a_language_without_a_catalog_shows_the_ids(self) -> None:
        """A language with no .po file falls back to the message ids."""
        assert "Next" == i18n.translations("fi").gettext("Next")

    def test_templates_are_autoescaped(self) -> None:
        """Values put in a page are escaped."""
        page = i18n.render(
            "sv",
            "error.html.j2",
            {
                "lang": "sv",
                "root": "",
                "here": "/",
                "languages": [],
                "version": "0",
                "message": "<script>alert(1)</script>",
                "status": 400,
                "details": (),
            },
        )
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page

    @pytest.mark.parametrize(
        ("value", "expected"), [("sv", "sv"), ("en", "en"), ("de", None), (None, None)]
    )
    def test_only_interface_languages_are_chosen(
        self, value: str | None, expected: str | None
    ) -> None:
        """A language the pages do not have is not chosen."""
        assert expected == i18n.language(value)
