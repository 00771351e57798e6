"""A sweep of the public API: wrong-typed arguments raise TypeError naming the argument first.

Every function of ``innovationsresan`` (the top-level API of docs/api.md) is called with valid
arguments but one, which gets each value of a pool of wrong ones in turn. What may come out is
a ``TypeError`` that names the argument, an ``InputError`` (a value of the right type that
cannot be used, such as a path to no file), or a result when the value is of a type the
argument takes. An ``AttributeError``, a ``KeyError`` or any other exception from deep inside
fails the sweep.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import importlib
import inspect
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
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


# -- methods ------------------------------------------------------------------------------------

T = ir.LocalizedText.of
PACK = ir.PackContent(
    info=ir.PackInfo(id="prov", name=T("Prov", "Test")),
    statements=(
        ir.Statement(
            "s1", "prov", ir.Level.LIMITED, ir.Perspective.ORGANISATION, "curiosity", T("S")
        ),
    ),
    cards=(ir.Card("c1", "prov", T("Kort"), T("Om"), (("curiosity", 1.0),)),),
    stories=(ir.Story("b1", "prov", T("Berättelse"), T("Text"), ("curiosity",)),),
    support=(ir.SupportFunction("hr", "prov", T("HR")),),
)
FAILED = ir.PackStatus("trasig", T("Trasig"), "1", "", "error")
BUILT = ir.Catalog.build([PACK], failed=[FAILED])
PERSON = ir.score_person(RESPONSE, BUILT)
COMPARISON = ir.compare(RESULT, RESULT)
PROBLEM = ir.Problem.error("x", "f.toml:a", "fel", "wrong")

#: Per public method (``Class.method``), the pool values each argument takes; a ``*args`` or
#: ``**kwargs`` argument is listed by its name and given as ``keys[0]`` or ``fi=``.
METHOD_VALID: dict[str, dict[str, set[str]]] = {
    "Bands.place": {"x": {"None", "int", "float"}},
    "Card.weight": {"principle": {"str"}},
    "Catalog.build": {
        "contents": set(),  # the pool's list, [1, "x"], holds no PackContent
        "failed": set(),
        "problems": set(),
        "primary": {"None", "str"},
    },
    "Catalog.card": {"ident": set()},
    "Catalog.cards_for": {"principle": set()},
    "Catalog.level_description": {"level": set(), "primary": {"None", "str"}},
    "Catalog.levels": {"primary": {"None", "str"}},
    "Catalog.pack": {"pack_id": set()},
    "Catalog.principle_description": {"pid": set(), "primary": {"None", "str"}},
    "Catalog.principles": {"primary": {"None", "str"}},
    "Catalog.resolve": {"kind": set(), "ident": set()},
    "Catalog.statement": {"ident": set()},
    "Catalog.statements_for": {"principle": {"None"}, "level": {"None"}, "perspective": {"None"}},
    "Catalog.stories_for": {"principles": set()},
    "Catalog.story": {"ident": set()},
    "Catalog.support_function": {"ident": set()},
    "Catalog.try_resolve": {"kind": set(), "ident": {"str"}, "where": {"str"}},
    "Catalog.try_resolve_support": {"ident": {"str"}, "where": {"str"}},
    "Change.between": {
        "before": {"None", "int", "float"},
        "after": {"None", "int", "float"},
        "tau": {"int", "float"},
    },
    "Comparison.placement_direction": {"key": set()},
    "Comparison.principle": {"pid": set()},
    "GroupResult.principle": {"pid": set()},
    "LocalizedText.format": {"values": set(POOL)},
    "LocalizedText.get": {"lang": {"str"}},
    "LocalizedText.of": {"sv": {"str"}, "en": {"None", "str"}, "others": {"str"}},
    "PersonResult.explanation": {"bands": {"None"}},
    "PersonResult.score": {"principle": set(), "perspective": set()},
    "PlacementExplanation.at": {"perspective": set(), "placement": set()},
    "PlacementExplanation.describe": {"key": set(), "brief": {"bool"}},
    "PrincipleChange.change": {"perspective": set()},
    "PrincipleResult.stats": {"perspective": set()},
    "Problem.error": {"code": {"str"}, "location": {"str"}, "sv": {"str"}, "en": {"str"}},
    "Problem.in_file": {"file": {"str"}},
    "Problem.warning": {"code": {"str"}, "location": {"str"}, "sv": {"str"}, "en": {"str"}},
    "Response.location": {"keys": {"int", "str"}},
    "Response.rating": {"kind": set(), "perspective": set(), "principle": set()},
    "Response.ratings": {"kind": set()},
    "Response.with_source": {"source": {"None", "str"}, "index": {"None", "int"}},
    "Stats.of": {"scores": set(), "desired": set()},
}


def method_baseline(name: str) -> tuple[object, dict[str, Any]]:
    """The object a method is called on (a class for a classmethod) and valid arguments."""
    receivers: dict[str, object] = {
        "Bands": ir.Bands(),
        "Card": PACK.cards[0],
        "Catalog": BUILT,
        "Change": ir.Change,
        "Comparison": COMPARISON,
        "GroupResult": RESULT,
        "LocalizedText": T("hej {x}", "hi {x}"),
        "PersonResult": PERSON,
        "PlacementExplanation": RESULT.explanation,
        "PrincipleChange": COMPARISON.principles[0],
        "PrincipleResult": RESULT.principles[0],
        "Problem": PROBLEM,
        "Response": RESPONSE,
        "Stats": ir.Stats,
    }
    args: dict[str, dict[str, Any]] = {
        "Bands.place": {"x": 0.5},
        "Card.weight": {"principle": "curiosity"},
        "Catalog.build": {"contents": [PACK]},
        "Catalog.card": {"ident": "c1"},
        "Catalog.cards_for": {"principle": "curiosity"},
        "Catalog.level_description": {"level": "limited"},
        "Catalog.levels": {},
        "Catalog.pack": {"pack_id": "prov"},
        "Catalog.principle_description": {"pid": "curiosity"},
        "Catalog.principles": {},
        "Catalog.resolve": {"kind": "card", "ident": "c1"},
        "Catalog.statement": {"ident": "s1"},
        "Catalog.statements_for": {},
        "Catalog.stories_for": {"principles": ["curiosity"]},
        "Catalog.story": {"ident": "b1"},
        "Catalog.support_function": {"ident": "hr"},
        "Catalog.try_resolve": {"kind": "card", "ident": "c1"},
        "Catalog.try_resolve_support": {"ident": "HR"},
        "Change.between": {"before": 0.2, "after": 0.4},
        "Comparison.placement_direction": {"key": "overall"},
        "Comparison.principle": {"pid": "curiosity"},
        "GroupResult.principle": {"pid": "curiosity"},
        "LocalizedText.format": {"x": 1},
        "LocalizedText.get": {"lang": "en"},
        "LocalizedText.of": {"sv": "hej", "en": "hi"},
        "PersonResult.explanation": {},
        "PersonResult.score": {"principle": "curiosity", "perspective": "organisation"},
        "PlacementExplanation.at": {"perspective": "organisation", "placement": "both"},
        "PlacementExplanation.describe": {},
        "PrincipleChange.change": {"perspective": "organisation"},
        "PrincipleResult.stats": {"perspective": "individual"},
        "Problem.error": {"code": "x", "location": "a", "sv": "fel", "en": "wrong"},
        "Problem.in_file": {"file": "g.toml"},
        "Problem.warning": {"code": "x", "location": "a", "sv": "fel", "en": "wrong"},
        "Response.location": {},
        "Response.rating": {
            "kind": "current",
            "perspective": "organisation",
            "principle": "curiosity",
        },
        "Response.ratings": {"kind": "desired"},
        "Response.with_source": {"source": "r.toml", "index": 2},
        "Stats.of": {"scores": [0.25, 0.75]},
    }
    return receivers[name.partition(".")[0]], dict(args[name])


def api_classes() -> list[type]:
    """Every public class of the modules the top-level API loads from: the classes it exports
    and those its functions return (a journey's stops, a plan's outcome …), errors aside."""
    found = {
        name: value
        for module_name in sorted(set(ir._LAZY.values()))
        for name, value in vars(importlib.import_module(module_name)).items()
        if inspect.isclass(value)
        and value.__module__ == module_name
        and not name.startswith("_")
        and not issubclass(value, BaseException)
    }
    return [found[name] for name in sorted(found)]


def method_parameters() -> dict[str, dict[str, inspect.Parameter]]:
    """``Class.method`` → its parameters, for every public method or classmethod that takes any."""
    methods: dict[str, dict[str, inspect.Parameter]] = {}
    for cls in api_classes():
        for name, raw in vars(cls).items():
            if name.startswith("_") or "__mutmut_" in name:  # mutmut's copies, under make mutate
                continue
            function = raw.__func__ if isinstance(raw, classmethod | staticmethod) else raw
            if not inspect.isfunction(function):
                continue
            parameters = {
                p.name: p
                for p in inspect.signature(function).parameters.values()
                if p.name not in ("self", "cls")
            }
            if parameters:
                methods[f"{cls.__name__}.{name}"] = parameters
    return methods


PARAMETERS = method_parameters()


def method_cases() -> Iterator[tuple[str, str, str]]:
    """(method, parameter, pool value) for every wrong value of every parameter of a method."""
    for name in sorted(METHOD_VALID):
        for parameter, valid in METHOD_VALID[name].items():
            for value in POOL:
                if value not in valid:
                    yield name, parameter, value


def call_method(name: str, parameter: str, value: object) -> tuple[object, str]:
    """Call the method *name* with *parameter* set to *value*: what it gave, and the name the
    argument goes by in a message (``keys[0]`` for ``*keys``, ``fi`` for ``**others``)."""
    receiver, arguments = method_baseline(name)
    method = getattr(receiver, name.partition(".")[2])
    kind = PARAMETERS[name][parameter].kind
    if kind is inspect.Parameter.VAR_POSITIONAL:
        return method(value, **arguments), f"{parameter}[0]"
    if kind is inspect.Parameter.VAR_KEYWORD:
        return method(**arguments, fi=value), "fi"
    arguments[parameter] = value
    return method(**arguments), parameter


class TestMethodSweep:
    def test_every_method_is_swept(self) -> None:
        """Every public method of the API's classes has all its arguments listed here: a new
        method (or a new argument) fails this test until its checks are swept too."""
        expected = {name: set(parameters) for name, parameters in PARAMETERS.items()}
        assert expected == {name: set(valid) for name, valid in METHOD_VALID.items()}

    @pytest.mark.parametrize("name", sorted(METHOD_VALID))
    def test_the_baseline_is_valid(self, name: str) -> None:
        """The valid arguments the method sweep starts from are accepted."""
        receiver, arguments = method_baseline(name)
        getattr(receiver, name.partition(".")[2])(**arguments)

    @pytest.mark.parametrize(
        ("name", "parameter", "value"),
        [pytest.param(*c, id="-".join(c)) for c in method_cases()],
    )
    def test_wrong_type_names_the_argument(self, name: str, parameter: str, value: str) -> None:
        """A wrong-typed argument raises TypeError naming it, a bad value InputError."""
        with pytest.raises((TypeError, InputError)) as raised:
            call_method(name, parameter, POOL[value]())
        if raised.type is TypeError:
            shown = {"others": "fi", "keys": "keys[0]"}.get(parameter, parameter)
            # a collection's item at fault is named with its index: principles[0]
            assert re.match(rf"{re.escape(shown)}(\[\d+\])? must be ", str(raised.value))

    @pytest.mark.parametrize(
        ("name", "parameter", "value"),
        [
            pytest.param(name, parameter, value, id=f"{name}-{parameter}-{value}")
            for name in sorted(METHOD_VALID)
            for parameter, valid in METHOD_VALID[name].items()
            for value in sorted(valid)
        ],
    )
    def test_accepted_types_give_a_result(self, name: str, parameter: str, value: str) -> None:
        """A value of a type the argument takes gives a result or an InputError, nothing else."""
        with contextlib.suppress(InputError):
            call_method(name, parameter, POOL[value]())

    @pytest.mark.parametrize(
        ("label", "make_call", "named"),
        [
            ("place(nan)", lambda: ir.Bands().place(float("nan")), "x"),
            ("place(inf)", lambda: ir.Bands().place(float("inf")), "x"),
            ("Stats.of([1.5])", lambda: ir.Stats.of([0.5, 1.5]), "scores[1]"),
            ("Stats.of(desired nan)", lambda: ir.Stats.of([0.5], [float("nan")]), "desired[0]"),
            ("between(tau=0)", lambda: ir.Change.between(0.1, 0.2, tau=0), "tau"),
            ("between(nan)", lambda: ir.Change.between(float("nan"), 0.2), "before"),
            ("card(unknown)", lambda: BUILT.card("c9"), "c9"),
            ("resolve(kind)", lambda: BUILT.resolve("cards", "c1"), "kind"),  # type: ignore[arg-type]
            ("try_resolve(kind)", lambda: BUILT.try_resolve("kort", "c1"), "kind"),  # type: ignore[arg-type]
            ("cards_for(speed)", lambda: BUILT.cards_for("speed"), "principle"),
            ("statements_for(level)", lambda: BUILT.statements_for(level="both"), "level"),
            (
                "statements_for(team)",
                lambda: BUILT.statements_for(perspective="team"),
                "perspective",
            ),
            ("statements_for(speed)", lambda: BUILT.statements_for("speed"), "principle"),
            ("stories_for([speed])", lambda: BUILT.stories_for(["speed"]), "principles"),
            ("level_description(both)", lambda: BUILT.level_description("both"), "level"),
            ("principle_description", lambda: BUILT.principle_description("speed"), "pid"),
            ("pack(nowhere)", lambda: BUILT.pack("nowhere"), "pack_id"),
            ("placement_direction", lambda: COMPARISON.placement_direction("team"), "key"),
            ("Comparison.principle", lambda: COMPARISON.principle("speed"), "pid"),
            ("GroupResult.principle", lambda: RESULT.principle("speed"), "pid"),
            ("stats(team)", lambda: RESULT.principles[0].stats("team"), "perspective"),
            ("score(speed)", lambda: PERSON.score("speed", "organisation"), "principle"),
            ("score(team)", lambda: PERSON.score("curiosity", "team"), "perspective"),
            ("at(team)", lambda: RESULT.explanation.at("team", "both"), "perspective"),
            ("at(middle)", lambda: RESULT.explanation.at("individual", "middle"), "placement"),
            ("describe(team)", lambda: RESULT.explanation.describe("team"), "key"),
            ("change(team)", lambda: COMPARISON.principles[0].change("team"), "perspective"),
            ("rating(kind)", lambda: RESPONSE.rating("now", "organisation", "curiosity"), "kind"),
            (
                "rating(team)",
                lambda: RESPONSE.rating("current", "team", "curiosity"),
                "perspective",
            ),
            (
                "rating(speed)",
                lambda: RESPONSE.rating("current", "individual", "speed"),
                "principle",
            ),
            ("ratings(kind)", lambda: RESPONSE.ratings("now"), "kind"),
            ("with_source(-1)", lambda: RESPONSE.with_source("r.toml", -1), "index"),
            ("format(missing)", lambda: T("hej {namn}").format(x=1), "values"),
        ],
        ids=lambda v: v if isinstance(v, str) and ("(" in v or "." in v) else "",
    )
    def test_bad_value_is_an_input_error(
        self, label: str, make_call: Callable[[], object], named: str
    ) -> None:
        """A value of the right type that names nothing or is out of range is an InputError
        whose message (Swedish and English) names the argument or the value."""
        with pytest.raises(InputError) as raised:
            make_call()
        for lang in ("sv", "en"):
            assert named in raised.value.message.get(lang)

    def test_unknown_ids_are_still_key_errors(self) -> None:
        """A lookup by an unknown id raised KeyError before; the InputError still is one."""
        for lookup in (
            lambda: BUILT.pack("nowhere"),
            lambda: BUILT.level_description("both"),
            lambda: RESULT.principle("speed"),
            lambda: COMPARISON.principle("speed"),
            lambda: BUILT.card("c9"),
        ):
            with pytest.raises(KeyError):
                lookup()


# -- constructors of the values people build by hand -------------------------------------------

#: The classes people build in Python and hand to the API (a plan, a text), with per field the
#: pool values it takes. Their fields are found with attrs, so a new field fails the sweep.
CONSTRUCTOR_VALID: dict[type, dict[str, set[str]]] = {
    ir.ActionPlan: {
        "created": {"date"},
        "title": {"str"},
        "team": {"str"},
        "timezone": {"str"},
        "follow_up": {"None"},
        "actions": set(),
    },
    ir.Action: {
        "what": {"str"},
        "how": {"str"},
        "when": {"None", "date"},
        # one text is one name or id; a dict gives its keys, which are texts
        "who": {"str", "dict"},
        "cards": {"str", "dict"},
        "principles": {"str", "dict"},
        "status": set(),
        "support": set(),
    },
    ir.FollowUp: {"at": set(), "duration_minutes": {"int"}, "where": {"str"}},
    ir.DateRange: {"start": {"date"}, "end": {"date"}},
    ir.SupportNeed: {"function": {"str"}, "need": {"str"}, "ask": {"str"}},
    ir.LocalizedText: {"items": {"dict"}},
    ir.Problem: {
        "severity": set(),
        "code": {"str"},
        "location": {"str"},
        "message": set(),
        "pack": {"str"},
        "distribution": {"str"},
    },
    # the content of a catalogue built by hand (Catalog.build)
    ir.Principle: {"id": {"str"}, "name": set(), "description": set(), "rung": {"int"}},
    ir.PackInfo: {
        "id": {"str"},
        "name": set(),
        "version": {"str"},
        "municipality": {"str"},
        "languages": set(),
        "license": {"str"},
        "homepage": {"str"},
        "about": set(),
        "distribution": {"str"},
    },
    ir.Statement: {
        "id": {"str"},
        "pack": {"str"},
        "level": set(),
        "perspective": set(),
        "principle": {"str"},
        "text": set(),
    },
    ir.Card: {
        "id": {"str"},
        "pack": {"str"},
        "title": set(),
        "summary": set(),
        "principles": set(),
        "steps": set(),
        "minutes": {"None", "int"},
        "group_size": {"None"},
        "materials": set(),
        "phase": {"None"},
        "source": {"str"},
        "linked_by": set(),
        "origin": set(),
        "use_when": set(),
        "preparation": set(),
        "outcome": set(),
        "into_plan": set(),
    },
    ir.Story: {
        "id": {"str"},
        "pack": {"str"},
        "title": set(),
        "text": set(),
        "principles": set(),
        "from_level": {"None"},
        "to_level": {"None"},
        "lesson": set(),
        "question": set(),
    },
    ir.SupportFunction: {"id": {"str"}, "pack": {"str"}, "name": set(), "description": set()},
    ir.Link: {
        "pack": {"str"},
        "card": {"str"},
        "principle": {"str"},
        "weight": {"int", "float", "nan"},
        "location": {"str"},
    },
    ir.LevelDescription: {
        "level": set(),
        "pack": {"str"},
        "description": set(),
        "name": set(),
        "location": {"str"},
    },
    ir.PrincipleDescription: {
        "principle": {"str"},
        "pack": {"str"},
        "description": set(),
        "name": set(),
        "location": {"str"},
    },
    ir.PackContent: {
        name: set()
        for name in (
            "info",
            "statements",
            "cards",
            "stories",
            "links",
            "plan_rules",
            "problems",
            "support",
            "level_descriptions",
            "principle_descriptions",
        )
    },
    ir.PackStatus: {
        "id": {"str"},
        "name": set(),
        "version": {"str"},
        "distribution": {"str"},
        "status": set(),
        "counts": {"dict"},
        "problems": set(),
    },
}

CONSTRUCTOR_BASELINE: dict[type, dict[str, Any]] = {
    ir.ActionPlan: {"created": dt.date(2026, 12, 3)},
    ir.Action: {},
    ir.FollowUp: {"at": dt.datetime(2027, 1, 14, 9, tzinfo=dt.UTC)},
    ir.DateRange: {"start": dt.date(2026, 12, 1), "end": dt.date(2026, 12, 3)},
    ir.SupportNeed: {"need": "en lokal"},
    ir.LocalizedText: {"items": {"sv": "hej"}},
    ir.Problem: {
        "severity": ir.Severity.ERROR,
        "code": "x",
        "location": "a",
        "message": ir.LocalizedText.of("fel", "wrong"),
    },
    ir.Principle: {"id": "curiosity", "name": T("Nyfikenhet"), "description": T("Om"), "rung": 1},
    ir.PackInfo: {"id": "prov", "name": T("Prov")},
    ir.Statement: {
        "id": "s1",
        "pack": "prov",
        "level": ir.Level.LIMITED,
        "perspective": ir.Perspective.INDIVIDUAL,
        "principle": "curiosity",
        "text": T("S"),
    },
    ir.Card: {
        "id": "c1",
        "pack": "prov",
        "title": T("Kort"),
        "summary": T("Om"),
        "principles": (("curiosity", 1.0),),
    },
    ir.Story: {
        "id": "b1",
        "pack": "prov",
        "title": T("B"),
        "text": T("T"),
        "principles": ("curiosity",),
    },
    ir.SupportFunction: {"id": "hr", "pack": "prov", "name": T("HR")},
    ir.Link: {"pack": "prov", "card": "c1", "principle": "ownership", "weight": 0.5},
    ir.LevelDescription: {"level": ir.Level.INNOVATIVE, "pack": "prov", "description": T("D")},
    ir.PrincipleDescription: {"principle": "curiosity", "pack": "prov", "description": T("D")},
    ir.PackContent: {"info": ir.PackInfo("prov", T("Prov"))},
    ir.PackStatus: {
        "id": "x",
        "name": T("X"),
        "version": "1",
        "distribution": "",
        "status": "ok",
    },
}


def constructor_cases() -> Iterator[tuple[type, str, str]]:
    for cls, fields in CONSTRUCTOR_VALID.items():
        for field, valid in fields.items():
            for value in POOL:
                if value not in valid:
                    yield cls, field, value


#: Classes whose constructors check their arguments and are tested elsewhere.
CHECKED_ELSEWHERE = {"Bands", "DataPack", "Response"}

#: Classes the library builds and hands out (results, reports, a journey, a catalogue, which
#: load_catalog or Catalog.build gives), and a protocol: their constructors are no entry point.
BUILT_BY_THE_LIBRARY = {
    "Catalog",
    "Change",
    "Comparison",
    "Factor",
    "GroupResult",
    "HasPriorities",
    "Journey",
    "Moves",
    "PersonResult",
    "PlacementExplanation",
    "PlanOutcome",
    "PlanReport",
    "PrincipleChange",
    "PrincipleResult",
    "Round",
    "ShownDescription",
    "Stats",
    "Stop",
    "Suggestion",
}


class TestConstructors:
    def test_every_class_is_swept_or_named(self) -> None:
        """A new public class fails this test until its constructor is swept here, or it is
        named as checked elsewhere or as built by the library alone."""
        found = {c.__name__ for c in api_classes() if not issubclass(c, enum.Enum)}
        swept = {c.__name__ for c in CONSTRUCTOR_VALID}
        assert found == swept | CHECKED_ELSEWHERE | BUILT_BY_THE_LIBRARY

    def test_every_field_is_swept(self) -> None:
        """Every field of these classes is listed here."""
        expected = {cls: {f.name for f in attrs.fields(cls) if f.init} for cls in CONSTRUCTOR_VALID}
        assert expected == {cls: set(fields) for cls, fields in CONSTRUCTOR_VALID.items()}

    @pytest.mark.parametrize("cls", list(CONSTRUCTOR_VALID), ids=lambda c: c.__name__)
    def test_the_baseline_is_valid(self, cls: type) -> None:
        """The valid arguments the constructor sweep starts from are accepted."""
        cls(**CONSTRUCTOR_BASELINE[cls])

    @pytest.mark.parametrize(
        ("cls", "field", "value"),
        [pytest.param(*c, id=f"{c[0].__name__}-{c[1]}-{c[2]}") for c in constructor_cases()],
    )
    def test_wrong_type_names_the_field(self, cls: type, field: str, value: str) -> None:
        """A wrong-typed field raises TypeError naming it (or InputError for a bad value), never
        an AttributeError from inside, and no value is taken that the type does not allow."""
        arguments = {**CONSTRUCTOR_BASELINE[cls], field: POOL[value]()}
        with pytest.raises((TypeError, InputError)) as raised:
            cls(**arguments)
        if raised.type is TypeError:
            assert re.match(rf"{re.escape(field)}(\[\d+\])? must be ", str(raised.value))

    def test_pack_content_keeps_a_list_as_a_tuple(self) -> None:
        """A pack's content given as lists (or any collection) is kept as tuples."""
        content = ir.PackContent(info=PACK.info, cards=list(PACK.cards), plan_rules=[len])
        assert (PACK.cards, (len,)) == (content.cards, content.plan_rules)

    @pytest.mark.parametrize(
        ("label", "make", "named"),
        [
            ("aware", lambda: ir.FollowUp(at=dt.datetime(2027, 1, 14, 9)), "at"),
            (
                "minutes",
                lambda: ir.FollowUp(at=CONSTRUCTOR_BASELINE[ir.FollowUp]["at"], duration_minutes=0),
                "duration_minutes",
            ),
            ("ordered", lambda: ir.DateRange(dt.date(2026, 12, 3), dt.date(2026, 12, 1)), "end"),
            ("status", lambda: ir.Action(status="klar"), "status"),
            (
                "timezone",
                lambda: ir.ActionPlan(created=dt.date(2026, 12, 3), timezone=" "),
                "timezone",
            ),
            ("support", lambda: ir.SupportNeed(ask="Bo"), "support"),
        ],
        ids=lambda v: v if isinstance(v, str) and v.isalpha() else "",
    )
    def test_bad_value_is_an_input_error(
        self, label: str, make: Callable[[], object], named: str
    ) -> None:
        """A field of the right type whose value cannot be used is an InputError naming it."""
        with pytest.raises(InputError) as raised:
            make()
        assert named in raised.value.message.get("en")


class TestWorkshopServer:
    """The workshop server's entry points of the API reference: create_app and Limits."""

    @pytest.fixture
    def store(self, tmp_path: Path) -> Iterator[Any]:
        pytest.importorskip("starlette")
        from innovationsresan.store import Store

        opened = Store.open(str(tmp_path / "w.sqlite3"))
        yield opened
        opened.close()

    @pytest.mark.parametrize(
        ("changes", "argument"),
        [
            ({"store": 42}, "store"),
            ({"admin_key": 42}, "admin_key"),
            ({"base_url": b"http://x"}, "base_url"),
            ({"catalogs": "kiruna"}, "catalogs"),
            ({"limits": {"body": 1}}, "limits"),
            ({"today": dt.date(2026, 12, 3)}, "today"),
            ({"close_store": "yes"}, "close_store"),
        ],
        ids=lambda v: v if isinstance(v, str) else "",
    )
    def test_create_app_names_a_wrong_type(
        self, store: Any, changes: dict[str, Any], argument: str
    ) -> None:
        """create_app checks its arguments before building anything."""
        from innovationsresan.web import create_app

        arguments = {"store": store, "admin_key": "hemlig", **changes}
        with pytest.raises(TypeError, match=rf"^{argument} must be"):
            create_app(**arguments)

    def test_create_app_refuses_a_blank_key(self, store: Any) -> None:
        """An admin key of blanks would open /admin to anyone: an InputError naming it."""
        from innovationsresan.web import create_app

        with pytest.raises(InputError, match="admin_key"):
            create_app(store, admin_key="  ")

    @pytest.mark.parametrize(
        ("field", "value", "error"),
        [
            ("body", "64k", TypeError),
            ("actions", 2.5, TypeError),
            ("joins_per_minute", True, TypeError),
            ("saves_per_minute", 0, InputError),
            ("addresses", -1, InputError),
            ("live_seconds", float("nan"), InputError),
            ("live_seconds", "300", TypeError),
        ],
    )
    def test_limits_name_a_bad_field(self, field: str, value: object, error: type) -> None:
        """Each limit is a positive number; another is refused naming the field."""
        pytest.importorskip("starlette")
        from innovationsresan.web import Limits

        with pytest.raises(error, match=rf"^{field} must be"):
            Limits(**{field: value})


def _files() -> Any:
    from innovationsresan.files import responses

    return responses
