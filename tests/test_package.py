"""Tests for the package surface: public names, lazy imports, typing marker."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources

import pytest

import innovationsresan


class TestPublicApi:
    def test_every_public_name_resolves(self) -> None:
        """Each name in __all__ loads from its module (DESIGN.md §11)."""
        for name in innovationsresan.__all__:
            assert getattr(innovationsresan, name) is not None, name

    def test_normative_names_are_public(self) -> None:
        """The names DESIGN.md §11 fixes are exported."""
        required = {
            "load_catalog",
            "read_response",
            "read_responses",
            "parse_response",
            "write_response",
            "score",
            "recommend",
            "read_plan",
            "validate_plan",
            "compare",
            "to_jsonable",
            "InnovationsresanError",
            "PackError",
            "InputError",
            "hookimpl",
        }
        assert required <= set(innovationsresan.__all__)

    def test_errors_also_inherit_builtins(self) -> None:
        """Library errors can be caught as the builtin they mean."""
        assert issubclass(innovationsresan.InputError, ValueError)
        assert issubclass(innovationsresan.PackError, innovationsresan.InnovationsresanError)
        assert issubclass(innovationsresan.UnknownIdError, LookupError)

    def test_unknown_attribute(self) -> None:
        """A name that is not public is an AttributeError."""
        with pytest.raises(AttributeError, match="no_such_name"):
            innovationsresan.no_such_name  # noqa: B018 - the access is the test

    def test_typed(self) -> None:
        """The package ships py.typed."""
        assert resources.files("innovationsresan").joinpath("py.typed").is_file()


class TestImportCost:
    def test_bare_import_loads_no_heavy_module(self) -> None:
        """import innovationsresan loads neither cattrs, pluggy, jinja2, icalendar nor metadata."""
        code = (
            "import sys, innovationsresan; "
            "heavy = {'cattrs', 'pluggy', 'jinja2', 'icalendar', 'importlib.metadata', 'attrs'}; "
            "print(sorted(heavy & set(sys.modules)))"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert "[]" == done.stdout.strip()


class TestAll:
    def test_all_lists_exactly_the_lazy_names(self) -> None:
        """__all__ names every lazily exported name and the version, nothing else."""
        expected = {*innovationsresan._LAZY, "__version__"}
        assert expected == set(innovationsresan.__all__)
        assert len(expected) == len(innovationsresan.__all__)
