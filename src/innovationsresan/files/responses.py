"""Reading and writing responses: single files and collections (DESIGN.md §6).

A response file is TOML or JSON. A *collection* is any of:

* a folder: every ``*.toml`` and ``*.json`` in it (hidden files, whose names start with ``.``,
  excepted, as the shell's ``*`` does), in name order (documents whose ``schema``
  names another kind of the library, such as a ``plan.toml``, are passed over);
* a ``.jsonl`` file: one response object per line; blank lines are skipped;
* a ``.csv`` file: a header row naming the columns ``respondent``, ``scale``, ``date``,
  ``current.<perspective>.<principle>``, ``desired.<perspective>.<principle>`` and
  ``statements.<statement id>``, then one row per respondent. An empty cell is unanswered,
  ``n/a`` is not applicable. Commas, semicolons or tabs separate the cells (the header decides).

Problem locations inside a collection carry the response's 0-based place in brackets:
``team.jsonl:[6].current.organisation.curiosity`` is the seventh line of the file, and
``team.csv:[6].current.organisation.curiosity`` is the seventh row after the header (row 8 in a
spreadsheet). A problem with a CSV column itself names the column: ``team.csv:curent.x.y``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterable, Mapping
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from innovationsresan.errors import InputError
from innovationsresan.files import tomlwriter
from innovationsresan.files.documents import (
    atomic_write_text,
    decode_text,
    display_name,
    load_document,
    parse_text,
    read_bytes,
)
from innovationsresan.ladder import PRINCIPLE_IDS
from innovationsresan.model import LocalizedText, Placement, Problem, location
from innovationsresan.responses import NA, SCHEMA, Response, check_response
from innovationsresan.scoring import (
    Bands,
    GroupResult,
    PersonResult,
    PlacementExplanation,
    PrincipleResult,
    Stats,
)

#: Suffixes of single response documents.
DOCUMENT_SUFFIXES = (".toml", ".json")
#: Suffixes of files holding many responses.
COLLECTION_SUFFIXES = (".jsonl", ".csv")

PathLike = str | os.PathLike[str] | Traversable

_INTEGER = re.compile(r"[+-]?[0-9]+\Z")
_MAX_DIGITS = 30
_STATEMENT_ID = re.compile(r"(?:[a-z0-9][a-z0-9-]*:)?[a-z0-9][a-z0-9-]*\Z")
_CSV_TOP = ("respondent", "scale", "date")


def _source(path: PathLike) -> Path | Traversable:
    if isinstance(path, str | os.PathLike):
        return Path(os.fspath(path))
    return path


def _suffix(path: Path | Traversable) -> str:
    name = path.name.lower()
    return name[name.rfind(".") :] if "." in name else ""


def _cannot_read(problems: list[Problem], path: str | None = None) -> InputError:
    count = sum(1 for p in problems if p.is_error)
    return InputError(
        LocalizedText.of(
            f"Svaren kan inte läsas ({count} fel).",
            f"The responses cannot be read ({count} {'error' if count == 1 else 'errors'}).",
        ),
        problems=problems,
        path=path,
    )


# -- reading -------------------------------------------------------------------------------------


def read_response(path: PathLike) -> Response:
    """Read one response file (TOML, or JSON by its ``.json`` suffix).

    Raises :class:`InputError` with every problem, each located in the file.
    """
    source = _source(path)
    name = display_name(source)
    responses, problems = _read_document(source, name, skip_other_kinds=False)
    if problems or not responses:
        raise _cannot_read(problems, name)
    return responses[0]


def read_responses(path_or_paths: PathLike | Iterable[PathLike]) -> tuple[Response, ...]:
    """Read every response of one collection or several: files, folders, ``.jsonl``, ``.csv``.

    All problems of all files are gathered into one :class:`InputError`; a path that yields no
    response at all (an empty folder or file) is the ``no-responses`` problem.
    """
    if isinstance(path_or_paths, str | os.PathLike | Traversable):
        paths: list[PathLike] = [path_or_paths]
    else:
        paths = list(path_or_paths)
    responses: list[Response] = []
    problems: list[Problem] = []
    for path in paths:
        found, trouble = _read_any(_source(path))
        responses.extend(found)
        problems.extend(trouble)
    if problems:
        raise _cannot_read(problems, display_name(_source(paths[0])) if len(paths) == 1 else None)
    return tuple(responses)


def _read_any(source: Path | Traversable) -> tuple[list[Response], list[Problem]]:
    name = display_name(source)
    if source.is_dir():
        found, problems = _read_folder(source, name)
    else:
        suffix = _suffix(source)
        if suffix == ".jsonl":
            found, problems = _read_jsonl(source, name)
        elif suffix == ".csv":
            found, problems = _read_csv(source, name)
        elif suffix in DOCUMENT_SUFFIXES or not source.is_file():
            found, problems = _read_document(source, name, skip_other_kinds=False)
        else:
            return [], [
                Problem.error(
                    "unknown-format",
                    name,
                    "okänt filformat: svar läses från .toml, .json, .jsonl, .csv eller en mapp",
                    "unknown file format: responses are read from .toml, .json, .jsonl, .csv "
                    "or a folder",
                )
            ]
    if not found and not problems:
        problems = [
            Problem.error(
                "no-responses",
                name,
                "här finns inga svar",
                "there are no responses here",
            )
        ]
    return found, problems


def _read_document(
    source: Path | Traversable, name: str, *, skip_other_kinds: bool
) -> tuple[list[Response], list[Problem]]:
    document, problems = load_document(source, name=name)
    if document is None:
        return [], problems
    if skip_other_kinds and _other_kind(document):
        return [], []
    response, trouble = check_response(document, file=name)
    return ([response] if response is not None else []), list(trouble)


def _other_kind(document: Mapping[str, Any]) -> bool:
    """Whether the document says it is another kind of file of this library (a plan, a pack)."""
    schema = document.get("schema")
    return (
        isinstance(schema, str)
        and schema.startswith("innovationsresan.")
        and not schema.startswith("innovationsresan.response/")
    )


def _read_folder(folder: Path | Traversable, name: str) -> tuple[list[Response], list[Problem]]:
    try:
        children = sorted(
            (
                c
                for c in folder.iterdir()
                # like the shell's *.toml, hidden files (editor and macOS "._" copies) are not read
                if _suffix(c) in DOCUMENT_SUFFIXES and not c.name.startswith(".") and c.is_file()
            ),
            key=lambda c: c.name,
        )
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return [], [
            Problem.error(
                "unreadable", name, f"kan inte läsas: {reason}", f"cannot be read: {reason}"
            )
        ]
    responses: list[Response] = []
    problems: list[Problem] = []
    for child in children:
        found, trouble = _read_document(child, display_name(child), skip_other_kinds=True)
        responses.extend(found)
        problems.extend(trouble)
    return responses, problems


def _read_text(source: Path | Traversable, name: str) -> tuple[str | None, list[Problem]]:
    data, problems = read_bytes(source, name=name)
    if data is None:
        return None, problems
    return decode_text(data, name)


def _read_jsonl(source: Path | Traversable, name: str) -> tuple[list[Response], list[Problem]]:
    text, problems = _read_text(source, name)
    if text is None:
        return [], problems
    responses: list[Response] = []
    for index, line in enumerate(text.split("\n")):
        if not line.strip():
            continue
        document, trouble = parse_text(line, location(index, file=name), "json")
        if document is None:
            problems.extend(trouble)
            continue
        response, more = check_response(document, file=name, index=index)
        problems.extend(more)
        if response is not None:
            responses.append(response)
    return responses, problems


# -- CSV -----------------------------------------------------------------------------------------

# Where a CSV column's cells go: a slot and a key. The slots are the tables of a response
# (``current.organisation``, ``current.individual``, ``desired.organisation``,
# ``desired.individual``, ``statements``) and the top level; ``None`` passes the column over.
_Column = tuple[int | None, str]
_TOP = -1
_SLOTS = {
    ("current", "organisation"): 0,
    ("current", "individual"): 1,
    ("desired", "organisation"): 2,
    ("desired", "individual"): 3,
}
_STATEMENTS_SLOT = 4


def _delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    return max(counts, key=lambda sep: counts[sep]) if any(counts.values()) else ","


def _csv_columns(header: list[str], name: str) -> tuple[list[_Column], list[Problem]]:
    columns: list[_Column] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    principles = set(PRINCIPLE_IDS)
    for number, raw in enumerate(header):
        title = raw.strip()
        column: _Column | None = None
        if not title:
            columns.append((None, ""))
            continue
        parts = title.split(".", 2)
        if title in _CSV_TOP:
            column = (_TOP, title)
        elif len(parts) == 3 and (parts[0], parts[1]) in _SLOTS:
            if parts[2] in principles:
                column = (_SLOTS[parts[0], parts[1]], parts[2])
        elif title.startswith("statements."):
            ident = title.removeprefix("statements.")
            if _STATEMENT_ID.match(ident):
                column = (_STATEMENTS_SLOT, ident)
            else:
                problems.append(
                    Problem.error(
                        "invalid-id",
                        location(title, file=name),
                        f"kolumnen '{title}': '{ident}' är inget giltigt id för ett påstående",
                        f"the column '{title}': '{ident}' is not a valid statement id",
                    )
                )
                columns.append((None, title))
                continue
        if column is None:
            problems.append(
                Problem.error(
                    "unknown-column",
                    location(title, file=name),
                    f"okänd kolumn '{title}' (kolumn {number + 1}); tillåtna är respondent, "
                    "scale, date, current.<perspektiv>.<princip>, desired.<perspektiv>.<princip> "
                    "och statements.<id>",
                    f"unknown column '{title}' (column {number + 1}); allowed are respondent, "
                    "scale, date, current.<perspective>.<principle>, "
                    "desired.<perspective>.<principle> and statements.<id>",
                )
            )
            column = (None, title)
        elif title in seen:
            problems.append(
                Problem.error(
                    "duplicate-column",
                    location(title, file=name),
                    f"kolumnen '{title}' finns två gånger",
                    f"the column '{title}' appears twice",
                )
            )
            column = (None, title)
        seen.add(title)
        columns.append(column)
    return columns, problems


def _cell(text: str) -> object:
    """A rating cell as the file formats hold it: an int, ``"n/a"``, or the text (an error).

    A number of more than 30 digits stays text: it is out of every range anyway, and Python
    refuses to convert very long ones.
    """
    if _INTEGER.match(text) and len(text) <= _MAX_DIGITS:
        return int(text)
    if text.lower() == NA:
        return NA
    return text


def _read_csv(source: Path | Traversable, name: str) -> tuple[list[Response], list[Problem]]:
    text, problems = _read_text(source, name)
    if text is None:
        return [], problems
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    except csv.Error as exc:
        return [], [*problems, _csv_syntax(name, str(exc))]
    if not rows:
        return [], problems
    columns, problems = _csv_columns(rows[0], name)
    responses: list[Response] = []
    width = len(columns)
    for index, row in enumerate(rows[1:]):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            problems.append(
                Problem.error(
                    "extra-cells",
                    location(index, file=name),
                    f"raden har {len(row)} celler men rubrikraden bara {width}",
                    f"the row has {len(row)} cells but the header only {width}",
                )
            )
        tables: tuple[dict[str, Any], ...] = ({}, {}, {}, {}, {})
        document: dict[str, Any] = {
            "schema": SCHEMA,
            "current": {"organisation": tables[0], "individual": tables[1]},
            "desired": {"organisation": tables[2], "individual": tables[3]},
            "statements": tables[4],
        }
        for (slot, key), raw in zip(columns, row, strict=False):
            cell = raw.strip()
            if not cell or slot is None:
                continue
            if slot == _TOP:
                document[key] = _cell(cell) if key == "scale" else cell
            else:
                tables[slot][key] = _cell(cell)
        response, trouble = check_response(document, file=name, index=index)
        problems.extend(trouble)
        if response is not None:
            responses.append(response)
    return responses, problems


def _csv_syntax(name: str, detail: str) -> Problem:
    return Problem.error(
        "syntax-error", name, f"syntaxfel i CSV: {detail}", f"CSV syntax error: {detail}"
    )


# -- writing -------------------------------------------------------------------------------------


def response_text(response: Response, fmt: str = "toml") -> str:
    """The text of a response file in *fmt* (``toml`` or ``json``)."""
    document = response.to_mapping()
    if fmt == "json":
        if "date" in document:
            document["date"] = document["date"].isoformat()
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if fmt == "toml":
        return tomlwriter.dumps(document)
    raise ValueError(f"fmt must be 'toml' or 'json', got {fmt!r}")


def write_response(response: Response, path: str | os.PathLike[str]) -> None:
    """Write *response* atomically as TOML (``.toml``) or JSON (``.json``).

    Reading the file back gives an equal response. Another suffix raises :class:`InputError`.
    """
    target = Path(os.fspath(path))
    suffix = target.suffix.lower()
    if suffix not in DOCUMENT_SUFFIXES:
        raise InputError(
            LocalizedText.of(
                f"Svaret kan inte skrivas till {target}.",
                f"The response cannot be written to {target}.",
            ),
            problems=(
                Problem.error(
                    "unknown-format",
                    display_name(target),
                    "filnamnet ska sluta på .toml eller .json",
                    "the file name must end in .toml or .json",
                ),
            ),
            path=display_name(target),
        )
    atomic_write_text(target, response_text(response, suffix.removeprefix(".")))


# -- JSON shapes (DESIGN.md §10) ---------------------------------------------------------------


def _placement(value: Placement | None) -> str | None:
    return None if value is None else value.value


def response_json(response: Response) -> dict[str, Any]:
    """A response in the structure of a response file, its date as ISO 8601."""
    document = response.to_mapping()
    if "date" in document:
        document["date"] = document["date"].isoformat()
    return document


def stats_json(stats: Stats) -> dict[str, Any]:
    """Group figures under the names of :class:`Stats`; an undefined one is ``None``."""
    return {
        "n": stats.n,
        "mean": stats.mean,
        "median": stats.median,
        "min": stats.min,
        "max": stats.max,
        "sd": stats.sd,
        "consensus": stats.consensus,
        "desired": stats.desired,
        "gap": stats.gap,
    }


def principle_result_json(result: PrincipleResult) -> dict[str, Any]:
    """One principle of a group result: both perspectives' figures and the priority."""
    return {
        "id": result.id,
        "organisation": stats_json(result.organisation),
        "individual": stats_json(result.individual),
        "priority": result.priority,
    }


def bands_json(bands: Bands) -> dict[str, float]:
    """The band limits as ``{"lo", "hi"}``."""
    return {"lo": bands.lo, "hi": bands.hi}


def group_result_json(result: GroupResult) -> dict[str, Any]:
    """What ``score --json`` prints (DESIGN.md §10), with the band limits added as ``bands``."""
    return {
        "respondents": result.respondents,
        "packs": dict(result.packs),
        "principles": [principle_result_json(p) for p in result.principles],
        "position": {q: result.position.get(q) for q in ("organisation", "individual")},
        "placement": {
            key: _placement(result.placement.get(key))
            for key in ("organisation", "individual", "overall")
        },
        "bands": bands_json(result.bands),
        "explanation": explanation_json(result.explanation),
    }


def explanation_json(explanation: PlacementExplanation) -> dict[str, Any]:
    """How the placements were reached: ``{"principles": {perspective: {placement: [ids]}},
    "reasons": {"organisation" | "individual" | "overall": [reason codes]}}``."""
    return {
        "principles": {
            q: {placement.value: list(ids) for placement, ids in table.items()}
            for q, table in explanation.principles.items()
        },
        "reasons": {key: [r.value for r in found] for key, found in explanation.reasons.items()},
    }


def person_result_json(result: PersonResult) -> dict[str, Any]:
    """One respondent's scores: ``{"respondent", "scores", "desired", "position", "placement"}``."""
    return {
        "respondent": result.respondent,
        "scores": {q: dict(table) for q, table in result.scores.items()},
        "desired": {q: dict(table) for q, table in result.desired.items()},
        "position": dict(result.position),
        "placement": {key: _placement(value) for key, value in result.placement.items()},
    }


def jsonable_hooks(lang: str) -> Mapping[type, Any]:
    """The unstructure hooks this module contributes to :mod:`innovationsresan.files.jsonable`."""
    del lang  # the shapes hold no text to translate
    return {
        Response: response_json,
        Stats: stats_json,
        PrincipleResult: principle_result_json,
        GroupResult: group_result_json,
        PersonResult: person_result_json,
        Bands: bands_json,
        PlacementExplanation: explanation_json,
    }
