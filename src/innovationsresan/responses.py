"""One person's reflection: where they think the team stands and wants to stand, per principle.

A :class:`Response` holds ladder ratings (``current`` and ``desired``, per perspective and
principle) and agreement with statements, all on one ``scale`` of 2 to 11 points.
:func:`parse_response` checks a mapping with the structure of a response file (docs/formats.md)
and reports every problem with its key path. Statement ids are kept as written; the catalogue
resolves them when the group is scored.

Pure: no file is read here (see :mod:`innovationsresan.files.responses`).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final, Literal, TypeAlias

import attrs

from innovationsresan.checks import Checker
from innovationsresan.errors import (
    InputError,
    bad_value,
    expect_choice,
    expect_optional,
    expect_type,
)
from innovationsresan.ladder import PERSPECTIVES, PRINCIPLE_IDS, expect_principle
from innovationsresan.model import Key, LocalizedText, Problem, any_value, location

#: The rating that says "not applicable": kept in the file, counted like an unanswered item.
NA: Final = "n/a"

#: A given rating: an integer 1..scale, or :data:`NA`.
Rating: TypeAlias = int | Literal["n/a"]

#: Ladder ratings as ``(perspective, principle, rating)`` in perspective, then ladder order.
LadderRatings: TypeAlias = tuple[tuple[str, str, Rating], ...]

#: Statement ratings as ``(statement id as written, rating)``, sorted by id.
StatementRatings: TypeAlias = tuple[tuple[str, Rating], ...]

SCHEMA: Final = "innovationsresan.response/1"
MIN_SCALE, MAX_SCALE, DEFAULT_SCALE = 2, 11, 5
MAX_RESPONDENT = 200

PERSPECTIVE_IDS: tuple[str, ...] = tuple(q.value for q in PERSPECTIVES)
RATING_KINDS: tuple[str, ...] = ("current", "desired")
TOP_KEYS: tuple[str, ...] = ("schema", "respondent", "date", "scale", *RATING_KINDS, "statements")

_PERSPECTIVE_RANK = {q: i for i, q in enumerate(PERSPECTIVE_IDS)}
_PRINCIPLE_RANK = {p: i for i, p in enumerate(PRINCIPLE_IDS)}
_STATEMENT_ID = re.compile(r"(?:[a-z0-9][a-z0-9-]*:)?[a-z0-9][a-z0-9-]*\Z")


def _ladder(value: Mapping[str, Mapping[str, Rating | None]] | Iterable[Any]) -> LadderRatings:
    """Ratings from ``{perspective: {principle: rating}}`` or triples, unanswered ones dropped."""
    if isinstance(value, Mapping):
        if all(isinstance(inner, Mapping) for inner in value.values()):
            # The usual case, kept fast: known cells picked in the fixed order, when that is all.
            ordered = [
                (q, p, r)
                for q in PERSPECTIVE_IDS
                if (inner := value.get(q)) is not None
                for p in PRINCIPLE_IDS
                if (r := inner.get(p)) is not None
            ]
            answered = sum(1 for inner in value.values() for r in inner.values() if r is not None)
            if len(ordered) == answered:
                return tuple(ordered)
        given = [(q, p, r) for q, inner in value.items() for p, r in dict(inner).items()]
    else:
        given = [tuple(t) for t in value]
    triples: list[tuple[str, str, Rating]] = [
        (str(q), str(p), r) for q, p, r in given if r is not None
    ]
    triples.sort(
        key=lambda t: (
            _PERSPECTIVE_RANK.get(t[0], len(PERSPECTIVE_IDS)),
            t[0],
            _PRINCIPLE_RANK.get(t[1], len(PRINCIPLE_IDS)),
            t[1],
        )
    )
    return tuple(triples)


def _statements(value: Mapping[str, Rating | None] | Iterable[Any]) -> StatementRatings:
    """Statement ratings from ``{id: rating}`` or pairs, unanswered ones dropped, sorted by id."""
    pairs: list[tuple[Any, Any]] = (
        list(value.items()) if isinstance(value, Mapping) else [tuple(t) for t in value]
    )
    kept: list[tuple[str, Rating]] = [(str(s), r) for s, r in pairs if r is not None]
    kept.sort(key=lambda t: t[0])
    return tuple(kept)


@attrs.frozen
class Response:
    """One person's answers.

    ``current`` and ``desired`` hold ``(perspective, principle, rating)`` triples and
    ``statements`` holds ``(statement id, rating)`` pairs; both accept the nested mappings of
    the file format too (``{"organisation": {"curiosity": 3}}``, ``{"kiruna:x": 4}``).
    A rating is an integer 1..``scale`` or ``"n/a"``; an item that is not there is unanswered.
    Items are kept in a fixed order, so two responses with the same answers are equal.

    ``source`` and ``index`` say where the response was read (a file, and its line or row in a
    collection); they appear in problem locations and take no part in equality.
    Building a response with invalid values raises :class:`InputError` listing every problem.
    """

    respondent: str | None = None
    date: dt.date | None = None
    scale: int = DEFAULT_SCALE
    current: LadderRatings = attrs.field(default=(), converter=_ladder)
    desired: LadderRatings = attrs.field(default=(), converter=_ladder)
    statements: StatementRatings = attrs.field(default=(), converter=_statements)
    source: str | None = attrs.field(default=None, eq=False, repr=False)
    index: int | None = attrs.field(default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if not _looks_valid(self):
            problems = _check_document(self.to_mapping(), self.source, self.index)[1]
            raise InputError(
                _CANNOT_USE, problems=[*problems, *_value_problems(self)], path=self.source
            )

    # -- reading the answers -----------------------------------------------------------------

    def rating(self, kind: str, perspective: str, principle: str) -> Rating | None:
        """The ``current`` or ``desired`` rating of one cell; ``None`` when unanswered.

        A *kind*, *perspective* or *principle* that names nothing is an ``InputError`` naming it.
        """
        ratings = self._ratings_of(kind)
        expect_choice("perspective", perspective, PERSPECTIVE_IDS, "a perspective (str)")
        principle = expect_principle("principle", principle)
        for q, p, r in ratings:
            if q == perspective and p == principle:
                return r
        return None

    def ratings(self, kind: str) -> dict[str, dict[str, Rating]]:
        """``current`` or ``desired`` as ``{perspective: {principle: rating}}`` (a new dict)."""
        table: dict[str, dict[str, Rating]] = {}
        for q, p, r in self._ratings_of(kind):
            table.setdefault(q, {})[p] = r
        return table

    def statement_ratings(self) -> dict[str, Rating]:
        """Statement id (as written) → rating, as a new dict."""
        return dict(self.statements)

    def _ratings_of(self, kind: str) -> LadderRatings:
        # another kind is an InputError, a ValueError as it always was
        expect_choice("kind", kind, RATING_KINDS, "'current' or 'desired'")
        return self.current if kind == "current" else self.desired

    def location(self, *keys: Key) -> str:
        """Where *keys* are in the source: ``file:key.path``, with ``[index]`` in collections.

        Each key is a ``str`` or an ``int``; another type is a :class:`TypeError` naming it.
        """
        for i, key in enumerate(keys):
            if type(key) is not str and type(key) is not int:
                expect_type(f"keys[{i}]", key, (str, int), "a key (str) or an index (int)")
        prefix: tuple[Key, ...] = () if self.index is None else (self.index,)
        return location(*prefix, *keys, file=self.source) or "response"

    # -- writing -----------------------------------------------------------------------------

    def to_mapping(self) -> dict[str, Any]:
        """The response in the structure of a response file; :func:`parse_response` reads it back.

        ``date`` stays a :class:`datetime.date`; empty tables are left out.
        """
        document: dict[str, Any] = {"schema": SCHEMA}
        if self.respondent is not None:
            document["respondent"] = self.respondent
        if self.date is not None:
            document["date"] = self.date
        document["scale"] = self.scale
        for kind in RATING_KINDS:
            table = self.ratings(kind)
            if table:
                document[kind] = table
        if self.statements:
            document["statements"] = self.statement_ratings()
        return document

    def with_source(self, source: str | None, index: int | None = None) -> Response:
        """The same answers, remembered as read from *source* (at *index* in a collection).

        *source* is a file name or ``None``, *index* a whole number ≥ 0 or ``None``.
        """
        if source is not None and type(source) is not str:
            expect_type("source", source, str, "a file name (str) or None")
        if index is not None and (type(index) is not int or index < 0):
            expect_type("index", index, int, "a whole number ≥ 0 or None")
            if index < 0:
                raise bad_value("index", index, "ett heltal ≥ 0", "a whole number ≥ 0")
        return attrs.evolve(self, source=source, index=index)


_CANNOT_USE = LocalizedText.of("Svaret kan inte användas.", "The response cannot be used.")


def _looks_valid(response: Response) -> bool:
    """A quick check of every value; the detailed problems come from :func:`check_response`."""
    scale = response.scale
    if type(scale) is not int or not MIN_SCALE <= scale <= MAX_SCALE:
        return False
    if response.respondent is not None and (
        not isinstance(response.respondent, str) or len(response.respondent) > MAX_RESPONDENT
    ):
        return False
    if response.date is not None and (
        not isinstance(response.date, dt.date) or isinstance(response.date, dt.datetime)
    ):
        return False
    perspectives, principles = _PERSPECTIVE_RANK, _PRINCIPLE_RANK
    for cells in (response.current, response.desired):
        for q, p, r in cells:
            if q not in perspectives or p not in principles:
                return False
            if not ((type(r) is int and 1 <= r <= scale) or (r == NA and type(r) is str)):
                return False
        if len({(q, p) for q, p, _ in cells}) != len(cells):
            return False
    statements = response.statements
    if len({s for s, _ in statements}) != len(statements):
        return False
    match = _STATEMENT_ID.match
    return all(
        match(s) and ((type(r) is int and 1 <= r <= scale) or (r == NA and type(r) is str))
        for s, r in statements
    )


def _value_problems(response: Response) -> list[Problem]:
    """The faults the mapping form cannot show: an item given twice, a date given as text."""
    problems = []
    date = response.date
    if date is not None and (not isinstance(date, dt.date) or isinstance(date, dt.datetime)):
        problems.append(
            Problem.error(
                "wrong-type",
                response.location("date"),
                f"ska vara ett datum (datetime.date), inte {any_value(date)}",
                f"must be a date (datetime.date), not {any_value(date)}",
            )
        )
    for kind in RATING_KINDS:
        cells = Counter((q, p) for q, p, _ in response._ratings_of(kind))
        for q, p in sorted(c for c, n in cells.items() if n > 1):
            problems.append(
                Problem.error(
                    "duplicate-rating",
                    response.location(kind, q, p),
                    "samma fråga har besvarats två gånger",
                    "the same item was answered twice",
                )
            )
    ids = Counter(s for s, _ in response.statements)
    problems.extend(
        Problem.error(
            "duplicate-rating",
            response.location("statements", sid),
            "samma påstående har besvarats två gånger",
            "the same statement was answered twice",
        )
        for sid in sorted(s for s, n in ids.items() if n > 1)
    )
    return problems


# -- parsing -------------------------------------------------------------------------------------


class _Checker(Checker):
    """A checker whose locations start with a key path (a line or row of a collection)."""

    def __init__(self, file: str | None, prefix: tuple[Key, ...], keep: int | None) -> None:
        super().__init__(file, keep=keep)
        self.prefix = prefix

    def at(self, *path: Key) -> str:
        return super().at(*self.prefix, *path)


def parse_response(
    mapping: Mapping[str, Any], *, file: str | None = None, index: int | None = None
) -> Response:
    """Check *mapping* (the structure of a response file) and build the :class:`Response`.

    *file* names the source in problem locations; *index* is the response's place in a
    collection (a ``.jsonl`` line or ``.csv`` row), rendered as ``file:[index].key``.
    Raises :class:`InputError` listing every problem.
    """
    expect_optional("file", file, str, "a file name (str) or None")
    expect_optional("index", index, int, "a whole number or None")
    response, problems = check_response(mapping, file=file, index=index)
    if response is None:
        raise InputError(_CANNOT_USE, problems=problems, path=file)
    return response


def check_response(
    mapping: object, *, file: str | None = None, index: int | None = None
) -> tuple[Response | None, tuple[Problem, ...]]:
    """Like :func:`parse_response` but never raising: the response, or ``None`` and the problems."""
    response, problems, _ = check_response_kept(mapping, file=file, index=index, keep=None)
    return response, problems


def check_response_kept(
    mapping: object, *, file: str | None = None, index: int | None = None, keep: int | None
) -> tuple[Response | None, tuple[Problem, ...], int]:
    """Like :func:`check_response`, keeping at most *keep* problems and counting the rest.

    The response (or ``None``), the first *keep* problems, and how many more there were. With
    ``keep=0`` no problem is built at all, only counted: readers that keep a limited number of
    problems per file check the rest of a large broken file in one cheap pass.
    """
    response = quick_response(mapping, file, index)
    if response is not None:
        return response, (), 0
    fields, problems, dropped = _check_document(mapping, file, index, keep)
    if fields is None:
        return None, tuple(problems), dropped
    try:
        return Response(**fields, source=file, index=index), tuple(problems), dropped
    except InputError as exc:  # pragma: no cover - the detailed check finds every fault first
        return None, (*problems, *exc.problems), dropped


_TOP_SET = frozenset(TOP_KEYS)
_PERSPECTIVE_SET = frozenset(PERSPECTIVE_IDS)
_PRINCIPLE_SET = frozenset(PRINCIPLE_IDS)
# Per scale, every value a rating cell may hold (None is unanswered); with the types below this
# admits exactly the integers 1..scale, "n/a" and None (True == 1 and 1.0 == 1 are kept out by
# their types).
_CELL_VALUES = {k: frozenset((*range(1, k + 1), NA, None)) for k in range(MIN_SCALE, MAX_SCALE + 1)}
_CELL_TYPES = frozenset((int, str, type(None)))
# Every set of principles written in ladder order (2⁹ of them): a table whose keys are one of
# these is already in the order a response keeps.
_LADDER_ORDERED = frozenset(
    chosen
    for size in range(len(PRINCIPLE_IDS) + 1)
    for chosen in itertools.combinations(PRINCIPLE_IDS, size)
)
_NEW = object.__new__
#: Per scale and perspective, the item of each principle's rating: ``(principle, rating)`` to
#: ``(perspective, principle, rating)``, made once and shared by every response that holds it.
_LADDER_ITEMS: dict[int, dict[str, dict[tuple[str, Rating], tuple[str, str, Rating]]]] = {}


def _ladder_items(scale: int) -> dict[str, dict[tuple[str, Rating], tuple[str, str, Rating]]]:
    ratings: tuple[Rating, ...] = (*range(1, scale + 1), NA)
    made = {q: {(p, r): (q, p, r) for p in PRINCIPLE_IDS for r in ratings} for q in PERSPECTIVE_IDS}
    _LADDER_ITEMS[scale] = made
    return made


def _slot(name: str) -> Any:
    """The setter of one field's slot (the frozen class refuses ordinary assignment)."""
    return vars(Response)[name].__set__


_RESPONDENT, _DATE, _SCALE = _slot("respondent"), _slot("date"), _slot("scale")
_CURRENT, _DESIRED, _STATEMENTS = _slot("current"), _slot("desired"), _slot("statements")
_SOURCE, _INDEX = _slot("source"), _slot("index")


def _plain(document: dict[str, Any], file: str | None, index: int | None) -> Response | None:
    """The response of a well-formed document of plain dicts (what JSON and CSV give), or ``None``.

    The common case of reading many responses, kept to one pass of mostly built-in operations:
    the checks are those of :func:`_looks_valid` and the items come out in the order the
    converters give them, so the response equals the one the constructor would build.
    """
    if document.get("schema") != SCHEMA or not document.keys() <= _TOP_SET:
        return None
    respondent = document.get("respondent")
    if respondent is None:
        if "respondent" in document:
            return None
    elif type(respondent) is not str or len(respondent) > MAX_RESPONDENT:
        return None
    date = document.get("date")
    if date is not None:
        if type(date) is str:
            try:
                date = dt.date.fromisoformat(date)
            except ValueError:
                return None
        elif type(date) is not dt.date:
            return None
    elif "date" in document:
        return None
    scale = document.get("scale", DEFAULT_SCALE)
    if type(scale) is not int or not MIN_SCALE <= scale <= MAX_SCALE:
        return None
    allowed = _CELL_VALUES[scale]
    items = _LADDER_ITEMS.get(scale) or _ladder_items(scale)
    ladders: list[LadderRatings] = []
    for kind in RATING_KINDS:
        table = document.get(kind)
        if table is None:
            if kind in document:
                return None
            ladders.append(())
            continue
        if type(table) is not dict or not table.keys() <= _PERSPECTIVE_SET:
            return None
        cells: LadderRatings = ()
        for q in PERSPECTIVE_IDS:
            inner = table.get(q)
            if inner is None:
                if q in table:
                    return None
                continue
            if type(inner) is not dict:
                return None
            values = inner.values()
            if not _CELL_TYPES.issuperset(map(type, values)):
                return None
            # each principle's (id, rating) looked up in the shared items of its perspective, in
            # ladder order; a key or value with no item (unknown, out of range) makes the count
            # short, and then the detailed check names it
            look: Callable[[tuple[str, Any]], tuple[str, str, Rating] | None] = items[q].get
            if tuple(inner) in _LADDER_ORDERED and None not in values:  # the usual case
                found = tuple(filter(None, map(look, inner.items())))
                if len(found) != len(inner):  # a rating out of range
                    return None
            else:
                pairs = zip(PRINCIPLE_IDS, map(inner.get, PRINCIPLE_IDS), strict=True)
                found = tuple(filter(None, map(look, pairs)))
                if len(found) != len(inner) and not (
                    inner.keys() <= _PRINCIPLE_SET and allowed.issuperset(values)
                ):
                    return None  # else only unanswered cells (None) were left out
            cells += found
        ladders.append(cells)
    statements: StatementRatings = ()
    table = document.get("statements")
    if table is not None:
        if type(table) is not dict:
            return None
        values = table.values()
        if not (_CELL_TYPES.issuperset(map(type, values)) and allowed.issuperset(values)):
            return None
        match = _STATEMENT_ID.match
        if not all(type(s) is str and match(s) for s in table):
            return None
        statements = tuple(sorted((s, r) for s, r in table.items() if r is not None))
    elif "statements" in document:
        return None
    return assemble(
        respondent=respondent,
        date=date,
        scale=scale,
        current=ladders[0],
        desired=ladders[1],
        statements=statements,
        source=file,
        index=index,
    )


def assemble(
    *,
    respondent: str | None,
    date: dt.date | None,
    scale: int,
    current: LadderRatings,
    desired: LadderRatings,
    statements: StatementRatings,
    source: str | None,
    index: int | None,
) -> Response:
    """A response from values a reader has already checked, in the order a response keeps.

    No conversion and no check: only for readers that have checked every value as
    :func:`_looks_valid` does and put the items in ladder order (statements sorted by id).
    """
    response: Response = _NEW(Response)
    _RESPONDENT(response, respondent)
    _DATE(response, date)
    _SCALE(response, scale)
    _CURRENT(response, current)
    _DESIRED(response, desired)
    _STATEMENTS(response, statements)
    _SOURCE(response, source)
    _INDEX(response, index)
    return response


def quick_response(mapping: object, file: str | None, index: int | None) -> Response | None:
    """The response when *mapping* is well formed (the usual case), checked in one quick pass.

    ``None`` when anything is off; the detailed check then finds every problem and its place.
    It accepts exactly what the detailed check accepts.
    """
    if type(mapping) is dict:
        found = _plain(mapping, file, index)
        if found is not None:
            return found
    if not isinstance(mapping, Mapping) or mapping.get("schema") != SCHEMA:
        return None
    if not mapping.keys() <= _TOP_SET:
        return None
    if "respondent" in mapping and not isinstance(mapping["respondent"], str):
        return None
    date = mapping.get("date")
    if "date" in mapping:
        if isinstance(date, str):
            try:
                date = dt.date.fromisoformat(date)
            except ValueError:
                return None
        elif not isinstance(date, dt.date):
            return None
    tables = [mapping.get(kind, {}) for kind in RATING_KINDS]
    if not all(
        isinstance(table, Mapping)
        and all(
            q in _PERSPECTIVE_RANK
            and isinstance(inner, Mapping)
            and all(p in _PRINCIPLE_RANK for p in inner)
            for q, inner in table.items()
        )
        for table in tables
    ):
        return None
    statements = mapping.get("statements", {})
    if not isinstance(statements, Mapping) or not all(isinstance(k, str) for k in statements):
        return None
    # built as the constructor builds it, but a fault gives None here, not the detailed check
    # the constructor runs (the caller runs that once, after)
    response = assemble(
        respondent=mapping.get("respondent"),
        date=date,
        scale=mapping.get("scale", DEFAULT_SCALE),
        current=_ladder(tables[0]),
        desired=_ladder(tables[1]),
        statements=_statements(statements),
        source=file,
        index=index,
    )
    return response if _looks_valid(response) else None


def _check_document(
    mapping: object, file: str | None, index: int | None, keep: int | None = None
) -> tuple[dict[str, Any] | None, list[Problem], int]:
    """Check every part of *mapping*: the fields of a :class:`Response`, or ``None``; the
    problems (the first *keep*), and how many more were only counted."""
    check = _Checker(file, () if index is None else (index,), keep)
    fields = _check_fields(check, mapping)
    return fields, check.problems, check.dropped_count


def _check_fields(check: Checker, mapping: object) -> dict[str, Any] | None:
    if isinstance(mapping, Mapping) and mapping.get("schema") not in (None, SCHEMA):
        # Another kind or major version follows other rules: its keys say nothing here.
        check.schema(mapping, "response")
        return None
    document = check.table(mapping, (), optional=TOP_KEYS)
    if document is None:
        return None
    check.schema(document, "response")  # missing: the rest is checked all the same

    scale: int | None = DEFAULT_SCALE
    if "scale" in document:
        scale = check.integer(document["scale"], ("scale",), minimum=MIN_SCALE, maximum=MAX_SCALE)
    respondent = None
    if "respondent" in document:
        respondent = check.string(
            document["respondent"], ("respondent",), max_length=MAX_RESPONDENT
        )
    date = check.date(document["date"], ("date",)) if "date" in document else None

    ladder: dict[str, list[tuple[str, str, Rating]]] = {kind: [] for kind in RATING_KINDS}
    for kind in RATING_KINDS:
        if kind in document:
            _check_ladder(check, document[kind], kind, scale, ladder[kind])
    statements: list[tuple[str, Rating]] = []
    if "statements" in document:
        _check_statements(check, document["statements"], scale, statements)

    if not check.ok or scale is None:
        return None
    return {
        "respondent": respondent,
        "date": date,
        "scale": scale,
        "current": ladder["current"],
        "desired": ladder["desired"],
        "statements": statements,
    }


def _check_ladder(
    check: Checker,
    value: object,
    kind: str,
    scale: int | None,
    out: list[tuple[str, str, Rating]],
) -> None:
    table = check.table(value, (kind,), open_keys=True)
    if table is None:
        return
    for perspective, inner in table.items():
        q = str(perspective)
        if q not in _PERSPECTIVE_RANK:
            _unknown(
                check,
                "unknown-perspective",
                (kind, q),
                PERSPECTIVE_IDS,
                sv="perspektiv",
                en="perspective",
            )
            continue
        cells = check.table(inner, (kind, q), open_keys=True)
        if cells is None:
            continue
        for principle, raw in cells.items():
            p = str(principle)
            if p not in _PRINCIPLE_RANK:
                _unknown(
                    check,
                    "unknown-principle",
                    (kind, q, p),
                    PRINCIPLE_IDS,
                    sv="princip",
                    en="principle",
                )
                continue
            rating = check_rating(check, raw, (kind, q, p), scale)
            if rating is not None:
                out.append((q, p, rating))


def _check_statements(
    check: Checker, value: object, scale: int | None, out: list[tuple[str, Rating]]
) -> None:
    table = check.table(value, ("statements",), open_keys=True)
    if table is None:
        return
    for ident, raw in table.items():
        sid = str(ident)
        if not isinstance(ident, str) or not _STATEMENT_ID.match(sid):
            check.error(
                "invalid-id",
                ("statements", sid),
                f"'{sid}' är inget giltigt id för ett påstående: paket:id eller id, "
                "med små bokstäver a-z, siffror och bindestreck",
                f"'{sid}' is not a valid statement id: pack:id or id, "
                "in lower-case letters a-z, digits and hyphens",
            )
            continue
        rating = check_rating(check, raw, ("statements", sid), scale)
        if rating is not None:
            out.append((sid, rating))


def _unknown(
    check: Checker, code: str, path: tuple[Key, ...], allowed: Iterable[str], *, sv: str, en: str
) -> None:
    name = str(path[-1])
    # a suggestion for the first problems only: a file of thousands of unknown names gets its
    # problems in linear time (and only the first ones are shown anyway)
    wanted = check.hinting(name)
    close: list[str] = []
    if wanted:
        import difflib  # noqa: PLC0415 - only for a misspelled name's hint

        close = difflib.get_close_matches(name, list(allowed), n=1, cutoff=0.6)
    listed = ", ".join(allowed)
    hint_sv = f"menade du '{close[0]}'?" if close else f"tillåtna: {listed}"
    hint_en = f"did you mean '{close[0]}'?" if close else f"allowed: {listed}"
    check.error(
        code, path, f"okänd {sv} '{name}' ({hint_sv})", f"unknown {en} '{name}' ({hint_en})"
    )


def is_na(text: str) -> bool:
    """Whether *text* says "not applicable": ``n/a`` in any case, spaces around it ignored.

    The one rule for every format (TOML, JSON, JSON Lines, CSV) and for ``reflect``.
    """
    return text.strip().casefold() == NA


def check_rating(
    check: Checker, value: object, path: tuple[Key, ...], scale: int | None
) -> Rating | None:
    """Check one rating: an integer 1..*scale* or ``"n/a"``; ``None`` (JSON null) is unanswered.

    When *scale* is unknown (itself invalid), only the widest range 1..11 is checked.
    Problems get the code ``invalid-rating``.
    """
    if value is None:
        return None
    if isinstance(value, str) and is_na(value):
        return NA
    top = MAX_SCALE if scale is None else scale
    if type(value) is int and 1 <= value <= top:
        return value
    if check.full:  # only counted: no message to write
        check.count("invalid-rating")
        return None
    if type(value) is int:
        check.error(
            "invalid-rating",
            path,
            f"betyget {value} ligger utanför skalan 1..{top}",
            f"the rating {value} is outside the scale 1..{top}",
        )
        return None
    check.error(
        "invalid-rating",
        path,
        f'ett betyg ska vara ett heltal 1..{top} eller "{NA}", inte {any_value(value)}',
        f'a rating must be a whole number 1..{top} or "{NA}", not {any_value(value)}',
    )
    return None
