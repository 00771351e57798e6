"""A sweep of the public API: wrong-typed arguments raise TypeError naming the argument first.

Every function of ``innovationsresan`` (the top-level API of docs/api.md) is called with valid
arguments but one, which gets each value of a pool of wrong ones in turn. What may come out is
a ``TypeError`` that names the argument, an ``InputError`` (a value of the right type that
cannot be used, such as a path to no file), or a result when the value is of a type the
argument takes. An ``AttributeError``, a ``KeyError`` or any other exception from deep inside
fails the sweep.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import innovationsresan as ir
from innovationsresan.errors import InputError

#: Values of the wrong type for most arguments; each argument names those it takes (VALID).
POOL: dict[str, Callable[[], object]] = {
    "None": lambda: None,
    "int": lambda: 42,
    "float": lambda: 4.5,
    "nan": lambda: float("nan"),
    "bool": lambda: True,
    "str": lambda: "nonsense",
    "bytes": lambda: b"nonsense",
    "list": lambda: [1, "x"],
    "dict": lambda: {"a": 1},
    "object": object,
    "date": lambda: dt.date(2026, 12, 3),
}

#: Per function and argument, the pool values that are of a type the argument takes.
VALID: dict[str, dict[str, set[str]]] = {
    "compare": {"before": set(), "after": set(), "tau": {"int", "float"}},
    "explain_placement": {"result": set(), "bands": {"None"}},
    "iter_responses": {"path_or_paths": {"str", "list"}, "notes": {"None", "list"}},
    "read_responses": {"path_or_paths": {"str", "list"}, "notes": {"None", "list"}},
    "read_response": {"path": {"str"}},
    "load_catalog": {
        "packs": {"None", "list", "dict", "str"},
        "strict": {"bool"},
        "entry_points": {"bool"},
        "plugins": {"list", "dict"},
        "primary": {"None", "str"},
    },
    "parse_plan": {"document": {"dict"}, "file": {"None", "str"}},
    "parse_response": {"mapping": {"dict"}, "file": {"None", "str"}, "index": {"None", "int"}},
    "plan_to_ics": {"plan": set(), "lang": {"str"}, "catalog": {"None"}},
    "read_journey": {
        "path": {"str"},
        "catalog": set(),
        "today": {"None", "date"},
        "tau": {"int", "float"},
        "notes": {"None", "list"},
    },
    "read_plan": {"path": {"str"}},
    "recommend": {
        "result_or_priorities": {"dict"},
        "catalog": set(),
        "k": {"int"},
        "max_minutes": {"None", "int", "float"},
        "group_size": {"None", "int"},
        "lang": {"None", "str"},
        "exclude": {"list", "dict"},
    },
    "render_report": {
        "result": set(),
        "catalog": set(),
        "suggestions": {"list"},
        "plan": {"None"},
        "plan_report": {"None"},
        "lang": {"str"},
        "title": {"None", "str"},
        "stories": {"None", "list"},
        "primary": {"None", "str"},
    },
    "score": {"responses": {"list", "dict", "str"}, "catalog": set(), "bands": {"None"}},
    "score_person": {"response": set(), "catalog": set(), "bands": {"None"}},
    "to_jsonable": {"obj": set(POOL) - {"bytes", "object"}, "lang": {"str"}},
    "validate_plan": {"plan": set(), "catalog": set(), "today": {"date"}},
    "write_plan": {
        "plan": set(),
        "path": {"str"},
        "hints": {"bool"},
        "lang": {"str"},
    },
    "write_response": {"response": set(), "path": {"str"}, "overwrite": {"bool"}},
}

#: Public callables that are not the library's functions to sweep: pluggy's marker.
NOT_SWEPT = {"hookimpl"}

PLAN = ir.parse_plan(
    {
        "schema": "innovationsresan.plan/1",
        "title": "Vi testar",
        "created": dt.date(2026, 12, 3),
        "actions": [
            {
                "what": "Pröva",
                "how": "Litet",
                "when": dt.date(2026, 12, 10),
                "principles": ["curiosity"],
            }
        ],
    }
)
RESPONSE = ir.Response(scale=5, current={"organisation": {"curiosity": 3}})
CATALOG = ir.load_catalog(entry_points=False)
RESULT = ir.score([RESPONSE] * 3, CATALOG)


def baseline(name: str, folder: Path) -> dict[str, Any]:
    """Valid arguments for the function *name*, by parameter name."""
    response_file = folder / "r.toml"
    if not response_file.exists():
        ir.write_response(RESPONSE, response_file)
        (folder / "journey" / "2026-12-03").mkdir(parents=True)
        ir.write_response(RESPONSE, folder / "journey" / "2026-12-03" / "r.toml")
        ir.write_plan(PLAN, folder / "plan.toml")
    args: dict[str, dict[str, Any]] = {
        "compare": {"before": RESULT, "after": RESULT},
        "explain_placement": {"result": RESULT},
        "iter_responses": {"path_or_paths": response_file},
        "read_responses": {"path_or_paths": response_file},
        "read_response": {"path": response_file},
        "load_catalog": {"entry_points": False},
        "parse_plan": {"document": {"schema": "innovationsresan.plan/1"}},
        "parse_response": {"mapping": {"schema": "innovationsresan.response/1"}},
        "plan_to_ics": {"plan": PLAN},
        "read_journey": {"path": folder / "journey", "catalog": CATALOG, "today": None},
        "read_plan": {"path": folder / "plan.toml"},
        "recommend": {"result_or_priorities": RESULT, "catalog": CATALOG},
        "render_report": {"result": RESULT, "catalog": CATALOG},
        "score": {"responses": [RESPONSE], "catalog": CATALOG},
        "score_person": {"response": RESPONSE, "catalog": CATALOG},
        "to_jsonable": {"obj": RESULT},
        "validate_plan": {"plan": PLAN, "catalog": CATALOG, "today": dt.date(2026, 12, 3)},
        "write_plan": {"plan": PLAN, "path": folder / "out" / "plan.toml"},
        "write_response": {"response": RESPONSE, "path": folder / "out" / "r.toml"},
    }
    return dict(args[name])


def functions() -> list[str]:
    """The public functions of the top-level API."""
    return sorted(
        name
        for name in ir.__all__
        if inspect.isfunction(getattr(ir, name)) and name not in NOT_SWEPT
    )


def cases() -> Iterator[tuple[str, str, str]]:
    """(function, parameter, pool value) for every wrong value of every parameter."""
    for name in functions():
        for parameter, valid in VALID.get(name, {}).items():
            for value in POOL:
                if value not in valid:
                    yield name, parameter, value


def call(name: str, arguments: dict[str, Any]) -> object:
    """Call the function *name*; a generator's items are read (errors may come only then)."""
    result = getattr(ir, name)(**arguments)
    return list(result) if isinstance(result, Iterator) else result


class TestSweep:
    def test_every_function_is_swept(self) -> None:
        """Every public function has its arguments listed here, all of them."""
        listed = {name: set(VALID[name]) for name in functions() if name in VALID}
        expected = {
            name: set(inspect.signature(getattr(ir, name)).parameters) for name in functions()
        }
        assert expected == listed

    @pytest.mark.parametrize(
        ("name", "parameter", "value"), [pytest.param(*c, id="-".join(c)) for c in cases()]
    )
    def test_wrong_type_names_the_argument(
        self, tmp_path: Path, name: str, parameter: str, value: str
    ) -> None:
        """A wrong-typed argument raises TypeError whose message starts with its name (or
        InputError for a bad value)."""
        arguments = baseline(name, tmp_path)
        arguments[parameter] = POOL[value]()
        with pytest.raises((TypeError, InputError)) as raised:
            call(name, arguments)
        if raised.type is TypeError:
            assert re.match(rf"{re.escape(parameter)}\b", str(raised.value)), raised.value

    @pytest.mark.parametrize("name", sorted(VALID))
    def test_the_baseline_is_valid(self, tmp_path: Path, name: str) -> None:
        """The valid arguments the sweep starts from are accepted (or a plain InputError)."""
        try:
            call(name, baseline(name, tmp_path))
        except InputError:
            assert name in ("parse_plan", "parse_response")


class TestBeyondTheTopLevel:
    """The public functions of the API reference's modules that take paths or objects."""

    @pytest.mark.parametrize(
        ("label", "make_call", "argument"),
        [
            ("DataPack(42)", lambda: ir.DataPack(42), "package_or_path"),
            ("DataPack(None)", lambda: ir.DataPack(None), "package_or_path"),
            ("DataPack(content)", lambda: ir.DataPack(".", content=3), "content"),
            ("write_responses(42)", lambda: _files().write_responses(42, "x.jsonl"), "responses"),
            (
                "write_responses([1])",
                lambda: _files().write_responses([1], "x.jsonl"),
                "responses[0]",
            ),
            ("write_responses(path)", lambda: _files().write_responses([], 42), "path"),
            ("responses_jsonl(None)", lambda: _files().responses_jsonl(None), "responses"),
            ("iter_folder(42)", lambda: list(_files().iter_folder(42)), "folder"),
            ("iter_folder(notes)", lambda: _files().iter_folder(".", notes=3), "notes"),
            ("response_text(42)", lambda: _files().response_text(42), "response"),
        ],
        ids=lambda v: v if isinstance(v, str) and "(" in v else "",
    )
    def test_wrong_type_names_the_argument(
        self, label: str, make_call: Callable[[], object], argument: str
    ) -> None:
        """A wrong type raises TypeError naming the argument, never an AttributeError."""
        with pytest.raises(TypeError, match=rf"^{re.escape(argument)} must be"):
            make_call()


def _files() -> Any:
    from innovationsresan.files import responses

    return responses
