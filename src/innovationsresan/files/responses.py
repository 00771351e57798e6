"""Reading and writing responses: single files and collections (docs/formats.md).

A response file is TOML or JSON. A *collection* is any of:

* a folder: every response file in it, of every kind (``*.toml``, ``*.json``, ``*.jsonl`` and
  ``*.csv``), in name order (documents whose ``schema`` names another kind of the library, such
  as a ``plan.toml``, are passed over). What a folder holds besides (subfolders, hidden files,
  broken links, other files) is passed over and named in a note, with the number of respondents
  read from each source (hidden files are passed over quietly, as the shell's ``*`` does);
* a ``.jsonl`` file: one response object per line; blank lines are skipped;
* a ``.csv`` file: a header row naming the columns ``respondent``, ``scale``, ``date``,
  ``current.<perspective>.<principle>``, ``desired.<perspective>.<principle>`` and
  ``statements.<statement id>``, then one row per respondent. An empty cell is unanswered,
  ``n/a`` is not applicable. Commas, semicolons or tabs separate the cells (the header decides).

At most :data:`MAX_PROBLEMS_PER_FILE` problems are kept per file; one more problem
(``more-problems``) says how many were left out, so a broken file of millions of rows gives a
short, readable answer.

Problem locations inside a collection carry the response's 0-based place in brackets:
``team.jsonl:[6].current.organisation.curiosity`` is the seventh line of the file, and
``team.csv:[6].current.organisation.curiosity`` is the seventh row after the header (row 8 in a
spreadsheet). A problem with a CSV column itself names the column: ``team.csv:curent.x.y``.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import json
import operator
import os
import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

from innovationsresan.checks import MAX_PROBLEMS_PER_FILE, more_problems
from innovationsresan.errors import InputError, expect_optional, expect_path, expect_type
from innovationsresan.files import tomlwriter
from innovationsresan.files.documents import (
    atomic_write_text,
    display_name,
    json_decoder,
    load_document,
    open_stream,
    parse_text,
)
from innovationsresan.ladder import PRINCIPLE_IDS
from innovationsresan.model import LocalizedText, Placement, Problem, location
from innovationsresan.responses import (
    DEFAULT_SCALE,
    MAX_RESPONDENT,
    MAX_SCALE,
    MIN_SCALE,
    NA,
    SCHEMA,
    LadderRatings,
    Rating,
    Response,
    StatementRatings,
    assemble,
    check_response_kept,
    is_na,
    quick_response,
)
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

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    PathLike = str | os.PathLike[str] | Traversable

_INTEGER = re.compile(r"[+-]?[0-9]+\Z")
_MAX_DIGITS = 30
_STATEMENT_ID = re.compile(r"(?:[a-z0-9][a-z0-9-]*:)?[a-z0-9][a-z0-9-]*\Z")
_CSV_TOP = ("respondent", "scale", "date")
# JSON may escape half of a UTF-16 pair alone; such lines take the careful parse, which names it
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


#: How many sources and passed-over names a folder's note lists before it says "and N more".
_NOTE_ITEMS = 10


class _FileProblems:
    """The problems of one file: the first :data:`~innovationsresan.checks.MAX_PROBLEMS_PER_FILE`
    kept, the rest counted (``more-problems``)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.kept: list[Problem] = []
        self.more = 0

    def append(self, problem: Problem) -> None:
        if len(self.kept) < MAX_PROBLEMS_PER_FILE:
            self.kept.append(problem)
        else:
            self.more += 1

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.append(problem)

    def __len__(self) -> int:
        return len(self.kept) + self.more

    @property
    def room(self) -> int:
        """How many more problems are kept; past that they are only counted."""
        return max(0, MAX_PROBLEMS_PER_FILE - len(self.kept))

    def check(self, mapping: object, index: int | None = None) -> Response | None:
        """Check one response of the file: its problems kept while there is room, else counted.

        Once the file's first problems are kept, the rest of a broken file is only counted
        (no messages, no locations), so "and N more" stays exact at the cost of one pass. A
        well-formed response, the usual case, is taken straight away, without that bookkeeping.
        """
        response = quick_response(mapping, self.name, index)
        if response is not None:
            return response
        response, kept, more = check_response_kept(
            mapping, file=self.name, index=index, keep=self.room
        )
        if kept:
            self.extend(kept)
        self.more += more
        return response

    def close(self, into: list[Problem]) -> None:
        """Move the kept problems to *into*, and one more naming how many were left out."""
        into.extend(self.kept)
        if self.more:
            into.append(more_problems(self.name, self.more, kept=MAX_PROBLEMS_PER_FILE))
        self.kept, self.more = [], 0


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
    expect_path("path", path, resources=True)
    source = _source(path)
    name = display_name(source)
    problems: list[Problem] = []
    sink = _FileProblems(name)  # capped like every file of a collection
    responses = list(_read_document(source, name, sink, skip_other_kinds=False))
    sink.close(problems)
    if problems or not responses:
        raise _cannot_read(problems, name)
    return responses[0]


def read_responses(
    path_or_paths: PathLike | Iterable[PathLike], *, notes: list[LocalizedText] | None = None
) -> tuple[Response, ...]:
    """Read every response of one collection or several: files, folders, ``.jsonl``, ``.csv``.

    All problems of all files are gathered into one :class:`InputError`; a path that yields no
    response at all (an empty folder or file) is the ``no-responses`` problem. A large collection
    is better read with :func:`iter_responses`, which keeps only one response in memory at a time.
    *notes*, when given, receives a note per folder that held something besides response files:
    what was passed over, and the respondents read from each source.
    """
    return tuple(iter_responses(path_or_paths, notes=notes))


def iter_responses(
    path_or_paths: PathLike | Iterable[PathLike], *, notes: list[LocalizedText] | None = None
) -> Iterator[Response]:
    """Yield the responses of one collection or several, reading ``.jsonl`` and ``.csv`` as streams.

    A collection file has no size limit (a million rows are fine); it is read line by line, so
    memory stays flat however many responses it holds. The responses that can be read are yielded
    first; when the last path is done, every problem of every path is raised as one
    :class:`InputError`, exactly as :func:`read_responses` does. A caller that must not use a
    partly readable collection therefore consumes the whole iterator before trusting its result
    (``score`` does). *notes*, when given, receives a note per folder read (see
    :func:`read_responses`).
    """
    expect_optional("notes", notes, list, "a list (it receives the notes) or None")
    return _iter_paths(_paths_argument(path_or_paths), notes)


def _paths_argument(path_or_paths: object) -> list[PathLike]:
    """The paths of ``path_or_paths``, checked to be paths (:class:`TypeError` naming it)."""
    if isinstance(path_or_paths, str | os.PathLike) or _is_resource(path_or_paths):
        return [path_or_paths]
    if isinstance(path_or_paths, bytes) or not isinstance(path_or_paths, Iterable):
        raise TypeError(
            "path_or_paths must be a path (str, os.PathLike) or a collection of paths, not "
            f"{type(path_or_paths).__name__}: {path_or_paths!r:.80}"
        )
    paths = list(path_or_paths)
    for index, path in enumerate(paths):
        expect_path(f"path_or_paths[{index}]", path, resources=True)
    return paths


def _is_resource(value: object) -> TypeGuard[Traversable]:
    """Whether *value* is a package resource (an importlib ``Traversable``).

    :mod:`importlib.resources` is imported only for a value that may be one (it has
    ``iterdir``), so reading plain paths does without it (docs/performance.md).
    """
    if not hasattr(value, "iterdir"):
        return False
    from importlib.resources.abc import Traversable  # noqa: PLC0415

    return isinstance(value, Traversable)


def _iter_paths(paths: list[PathLike], notes: list[LocalizedText] | None) -> Iterator[Response]:
    problems: list[Problem] = []
    for path in paths:
        source = _source(path)
        name = display_name(source)
        known = len(problems)
        found = False
        for response in _read_any(source, name, problems, notes):
            found = True
            yield response
        if not found and len(problems) == known:
            problems.append(
                Problem.error(
                    "no-responses", name, "här finns inga svar", "there are no responses here"
                )
            )
    if problems:
        raise _cannot_read(problems, display_name(_source(paths[0])) if len(paths) == 1 else None)


def _read_any(
    source: Path | Traversable,
    name: str,
    problems: list[Problem],
    notes: list[LocalizedText] | None = None,
) -> Iterator[Response]:
    if source.is_dir():
        return _read_folder(source, name, problems, notes)
    suffix = _suffix(source)
    if suffix in COLLECTION_SUFFIXES or suffix in DOCUMENT_SUFFIXES or not source.is_file():
        return _read_file(source, name, problems)
    problems.append(
        Problem.error(
            "unknown-format",
            name,
            "okänt filformat: svar läses från .toml, .json, .jsonl, .csv eller en mapp",
            "unknown file format: responses are read from .toml, .json, .jsonl, .csv or a folder",
        )
    )
    return iter(())


def _read_file(
    source: Path | Traversable, name: str, problems: list[Problem], *, in_folder: bool = False
) -> Iterator[Response]:
    """The responses of one file of any kind, its problems capped (see :class:`_FileProblems`)."""
    sink = _FileProblems(name)
    suffix = _suffix(source)
    try:
        if suffix == ".jsonl":
            yield from _read_jsonl(source, name, sink)
        elif suffix == ".csv":
            yield from _read_csv(source, name, sink)
        else:
            yield from _read_document(source, name, sink, skip_other_kinds=in_folder)
    finally:
        sink.close(problems)


def _read_document(
    source: Path | Traversable,
    name: str,
    problems: _FileProblems,
    *,
    skip_other_kinds: bool,
) -> Iterator[Response]:
    document, trouble = load_document(source, name=name)
    problems.extend(trouble)
    if document is None:
        return
    if skip_other_kinds and _other_kind(document):
        return
    response = problems.check(document)
    if response is not None:
        yield response


def _other_kind(document: Mapping[str, Any]) -> bool:
    """Whether the document says it is another kind of file of this library (a plan, a pack)."""
    schema = document.get("schema")
    return (
        isinstance(schema, str)
        and schema.startswith("innovationsresan.")
        and not schema.startswith("innovationsresan.response/")
    )


def iter_folder(
    folder: Path,
    *,
    notes: list[LocalizedText] | None = None,
    set_aside: Collection[str] = (),
) -> Iterator[Response]:
    """The responses of one folder, read and noted as :func:`iter_responses` reads a folder.

    The files named in *set_aside* are left to the caller, neither read nor noted (a journey
    round's ``plan.toml``). The problems of every file are raised at the end as one
    :class:`InputError`; a folder without responses raises nothing (the caller says why that
    matters, or not).
    """
    expect_path("folder", folder)
    expect_optional("notes", notes, list, "a list (it receives the notes) or None")
    return _iter_folder(Path(folder), notes, set_aside)


def _iter_folder(
    folder: Path, notes: list[LocalizedText] | None, set_aside: Collection[str]
) -> Iterator[Response]:
    problems: list[Problem] = []
    yield from _read_folder(folder, display_name(folder), problems, notes, set_aside)
    if problems:
        raise _cannot_read(problems, display_name(folder))


def _read_folder(
    folder: Path | Traversable,
    name: str,
    problems: list[Problem],
    notes: list[LocalizedText] | None = None,
    set_aside: Collection[str] = (),
) -> Iterator[Response]:
    """Every response file of every kind in *folder*; a note names what was passed over."""
    read: list[Path | Traversable] = []
    passed: list[tuple[str, str, str]] = []
    try:
        for child in sorted(folder.iterdir(), key=lambda c: c.name):
            if child.name in set_aside:
                continue
            why = passed_over(child)
            if why is None:
                read.append(child)
            elif not child.name.startswith("."):
                # hidden files are passed over quietly, as the shell's * does
                passed.append((child.name, *why))
    except OSError as exc:
        problems.append(_unreadable(name, exc))
        return
    counts: list[tuple[str, int]] = []
    for child in read:
        count = 0
        for response in _read_file(child, display_name(child), problems, in_folder=True):
            count += 1
            yield response
        counts.append((child.name, count))
    if notes is not None and passed:
        notes.append(folder_note(name, counts, passed))


def passed_over(child: Path | Traversable) -> tuple[str, str] | None:
    """Why a folder's entry is not read (Swedish, English), or ``None`` when it is a response file.

    Hidden files are passed over like the shell's ``*`` does (editor and macOS ``._`` copies,
    the temporary files of an interrupted write).
    """
    import stat  # noqa: PLC0415

    if child.name.startswith("."):
        return ("dold fil", "hidden file")
    if isinstance(child, Path):
        try:
            mode = child.stat().st_mode
        except FileNotFoundError:
            return ("trasig länk", "broken link")
        except OSError:
            return ("kan inte läsas", "cannot be read")
        if stat.S_ISDIR(mode):
            return ("mapp", "folder")
        if not stat.S_ISREG(mode):
            return ("ingen vanlig fil", "not a regular file")
    elif child.is_dir():
        return ("mapp", "folder")
    if _suffix(child) not in (*DOCUMENT_SUFFIXES, *COLLECTION_SUFFIXES):
        return ("annan filtyp", "other kind of file")
    return None


def _listed(items: list[str], sv_more: str, en_more: str) -> tuple[str, str]:
    shown = ", ".join(items[:_NOTE_ITEMS])
    rest = len(items) - _NOTE_ITEMS
    if rest <= 0:
        return shown, shown
    return f"{shown} {sv_more.format(rest)}", f"{shown} {en_more.format(rest)}"


#: How a folder note names its sources: Swedish one and many, English one and many.
FILES = ("fil", "filer", "file", "files")
#: … and a journey's rounds.
ROUNDS = ("omgång", "omgångar", "round", "rounds")


def folder_note(
    name: str,
    counts: Sequence[tuple[str, int]],
    passed: Sequence[tuple[str, str, str]],
    unit: tuple[str, str, str, str] = FILES,
) -> LocalizedText:
    """What was read from a folder (respondents per source) and what was passed over.

    *counts* holds each source's name and its respondents, *passed* each entry passed over with
    the reason in Swedish and English (as :func:`passed_over` gives it); *unit* names the
    sources (:data:`FILES` or :data:`ROUNDS`).
    """
    total = sum(n for _, n in counts)
    one_sv, many_sv, one_en, many_en = unit
    sources_sv, sources_en = _listed(
        [f"{file} {n}" for file, n in counts],
        f"och {{}} {many_sv} till",
        f"and {{}} more {many_en}",
    )
    sv = (
        f"{name}: {total} svarande ur {len(counts)} {one_sv if len(counts) == 1 else many_sv} "
        f"({sources_sv or '–'})"
    )
    en = (
        f"{name}: {total} {'respondent' if total == 1 else 'respondents'} from "
        f"{len(counts)} {one_en if len(counts) == 1 else many_en} ({sources_en or '–'})"
    )
    if passed:
        over_sv, _ = _listed([f"{f} ({why})" for f, why, _ in passed], "och {} till", "")
        _, over_en = _listed([f"{f} ({why})" for f, _, why in passed], "", "and {} more")
        sv += f"; hoppade över {len(passed)}: {over_sv}"
        en += f"; passed over {len(passed)}: {over_en}"
    return LocalizedText.of(sv + ".", en + ".")


def _unreadable(name: str, exc: OSError) -> Problem:
    reason = exc.strerror or type(exc).__name__
    return Problem.error(
        "unreadable", name, f"kan inte läsas: {reason}", f"cannot be read: {reason}"
    )


def _not_utf8(name: str, offset: int) -> Problem:
    return Problem.error(
        "not-utf8",
        name,
        f"texten är inte UTF-8 (byte {offset})",
        f"the text is not UTF-8 (byte {offset})",
    )


def _read_jsonl(
    source: Path | Traversable, name: str, problems: _FileProblems
) -> Iterator[Response]:
    """One response per line, read as a stream: one line is in memory at a time."""
    handle = open_stream(source, name, problems)
    if handle is None:
        return
    loads = json_decoder().decode
    offset = 0
    index = -1
    with handle:
        try:
            for raw in handle:
                index += 1
                start, offset = offset, offset + len(raw)
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    problems.append(_not_utf8(name, start + exc.start))
                    return
                if index == 0:
                    line = line.removeprefix("\ufeff")
                try:
                    document = loads(line)
                except ValueError:
                    if not line.strip():
                        continue
                    if not problems.room:
                        # the detailed parse (the same decoder) would fail too: one problem
                        problems.more += 1
                        continue
                    # the detailed parse names the fault (syntax, a duplicate key, NaN)
                    document, trouble = parse_text(line, location(index, file=name), "json")
                    if document is None:
                        problems.extend(trouble)
                        continue
                except RecursionError:
                    document, trouble = parse_text(line, location(index, file=name), "json")
                    problems.extend(trouble)
                    continue
                if type(document) is not dict or ("\\u" in line and _SURROGATE.search(line)):
                    # a lone surrogate escape: the careful parse refuses it with its key path
                    document, trouble = parse_text(line, location(index, file=name), "json")
                    if document is None:
                        problems.extend(trouble)
                        continue
                response = problems.check(document, index)
                if response is not None:
                    yield response
        except OSError as exc:
            problems.append(_unreadable(name, exc))


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
            # a column without a name would hold data nobody could place: an error, not silence
            problems.append(
                Problem.error(
                    "unnamed-column",
                    name,
                    f"kolumn {number + 1} saknar rubrik; ge den ett namn eller ta bort den",
                    f"column {number + 1} has no heading; name it or remove it",
                )
            )
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
    if is_na(text):
        return NA
    return text


def _read_csv(source: Path | Traversable, name: str, problems: _FileProblems) -> Iterator[Response]:
    """One response per row after the header, read as a stream: one row is in memory at a time."""
    handle = open_stream(source, name, problems)
    if handle is None:
        return
    with handle:
        text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
        try:
            yield from _csv_rows(text, name, problems)
        except UnicodeDecodeError:
            problems.append(_not_utf8(name, _first_bad_byte(source)))
        except csv.Error as exc:
            problems.append(_csv_syntax(name, str(exc)))
        except OSError as exc:
            problems.append(_unreadable(name, exc))


def _csv_rows(text: io.TextIOWrapper, name: str, problems: _FileProblems) -> Iterator[Response]:
    header = text.readline()
    if not header:
        return
    # strict: a quote left open is a syntax error, not the rest of the file in one cell
    rows = csv.reader(itertools.chain((header,), text), delimiter=_delimiter(header), strict=True)
    first = next(rows, None)
    if first is None:
        return
    columns, trouble = _csv_columns(first, name)
    problems.extend(trouble)
    width = len(columns)
    # only the columns that hold ratings or top-level keys are looked at in each row
    used = [(i, slot, key) for i, (slot, key) in enumerate(columns) if slot is not None]
    top = [(i, key) for i, slot, key in used if slot == _TOP]
    cells = [(i, slot, key) for i, slot, key in used if slot != _TOP]
    plan = _RowPlan(top, cells)
    quick = plan.quick
    for index, row in enumerate(rows):
        size = len(row)
        if size == width:
            # the usual row first: every cell plainly fine, taken in one pass
            found = quick(row, name, index)
            if found is not None:
                yield found
                continue
            if not any(row):
                continue
        else:
            if not any(cell.strip() for cell in row):
                continue
            # a ragged row has lost or gained a cell somewhere: its cells cannot be trusted
            if not problems.room:
                problems.more += 1
                continue
            problems.append(
                Problem.error(
                    "extra-cells" if size > width else "missing-cells",
                    location(index, file=name),
                    f"raden har {size} celler men rubrikraden {width}",
                    f"the row has {size} cells but the header {width}",
                )
            )
            continue
        tables: tuple[dict[str, Any], ...] = ({}, {}, {}, {}, {})
        document: dict[str, Any] = {
            "schema": SCHEMA,
            "current": {"organisation": tables[0], "individual": tables[1]},
            "desired": {"organisation": tables[2], "individual": tables[3]},
            "statements": tables[4],
        }
        for i, key in top:
            raw = row[i]
            if raw and (cell := raw.strip()):
                document[key] = _cell(cell) if key == "scale" else cell
        for i, slot, key in cells:
            raw = row[i]
            if raw:
                if raw.isascii() and raw.isdigit() and len(raw) <= _MAX_DIGITS:
                    tables[slot][key] = int(raw)
                elif cell := raw.strip():
                    tables[slot][key] = _cell(cell)
        if len(document) == 4 and not any(tables) and not "".join(row).strip():
            continue  # a row of blank cells
        response = problems.check(document, index)
        if response is not None:
            yield response


class _RowPlan:
    """Where a CSV file's cells go, ordered so that a usual row becomes a response in one pass.

    :meth:`quick` takes the rows whose every cell is plainly fine (whole numbers on the scale,
    ``n/a``, a date, a short pseudonym) and builds the response as the detailed path would;
    any other row gives ``None`` and goes through the detailed check, which names its problems.
    """

    def __init__(
        self, top: Sequence[tuple[int, str]], cells: Sequence[tuple[int, int | None, str]]
    ) -> None:
        where = {key: i for i, key in top}
        self.scale = where.get("scale")
        self.respondent = where.get("respondent")
        self.date = where.get("date")
        perspectives = ("organisation", "individual")
        rank = {p: i for i, p in enumerate(PRINCIPLE_IDS)}
        # current, then desired; in each, perspective then principle in ladder order
        ladder = sorted(
            (
                (i, slot // 2, perspectives[slot % 2], key)
                for i, slot, key in cells
                if slot is not None and slot < _STATEMENTS_SLOT
            ),
            key=lambda c: (c[1], c[2] != perspectives[0], rank[c[3]]),
        )
        statements = sorted(
            ((i, key) for i, slot, key in cells if slot == _STATEMENTS_SLOT), key=lambda c: c[1]
        )
        # the columns of each part of the response, in the order it keeps
        self.current = [i for i, kind, _, _ in ladder if kind == 0]
        self.desired = [i for i, kind, _, _ in ladder if kind == 1]
        self.statements = [i for i, _ in statements]
        self.keys = (
            [(q, p) for _, kind, q, p in ladder if kind == 0],
            [(q, p) for _, kind, q, p in ladder if kind == 1],
            [sid for _, sid in statements],
        )
        self.items: dict[int, _Items] = {}

    def quick(self, row: list[str], name: str, index: int) -> Response | None:
        """The response of *row* when every cell is plainly fine, else ``None``."""
        scale = DEFAULT_SCALE
        if self.scale is not None:
            raw = row[self.scale]
            found = _SCALES.get(raw)
            if found is not None:
                scale = found
            elif raw := raw.strip():
                scale = _SCALES.get(raw, 0)
                if not scale:
                    return None
        respondent = None
        if self.respondent is not None and (raw := row[self.respondent].strip()):
            if len(raw) > MAX_RESPONDENT:
                return None
            respondent = raw
        date = None
        if self.date is not None and (raw := row[self.date].strip()):
            try:
                date = dt.date.fromisoformat(raw)
            except ValueError:
                return None
        in_current, in_desired, in_statements = self.items.get(scale) or self._items(scale)
        # each cell's text is looked up in its column's table of the items it may give (an empty
        # cell gives None: unanswered); one that is not there (out of range, padded, anything
        # else) leaves the row to the detailed check. The look-ups run in built-in calls.
        cell = row.__getitem__
        current: LadderRatings = ()
        desired: LadderRatings = ()
        statements: StatementRatings = ()
        try:
            if self.current:
                current = tuple(filter(None, map(_LOOK_UP, in_current, map(cell, self.current))))
            if self.desired:
                desired = tuple(filter(None, map(_LOOK_UP, in_desired, map(cell, self.desired))))
            if self.statements:
                statements = tuple(
                    filter(None, map(_LOOK_UP, in_statements, map(cell, self.statements)))
                )
        except KeyError:
            return None
        if not (current or desired or statements or respondent or date):
            return None  # nothing but the scale, or blank: the detailed path decides
        return assemble(
            respondent=respondent,
            date=date,
            scale=scale,
            current=current,
            desired=desired,
            statements=statements,
            source=name,
            index=index,
        )

    def _items(self, scale: int) -> _Items:
        """Per column, the item each plainly fine cell gives on *scale* (the items are shared)."""
        ratings = _RATINGS[scale]
        ladder, desired, statements = self.keys
        items: _Items = (
            [{"": None, **{raw: (q, p, r) for raw, r in ratings.items()}} for q, p in ladder],
            [{"": None, **{raw: (q, p, r) for raw, r in ratings.items()}} for q, p in desired],
            [{"": None, **{raw: (sid, r) for raw, r in ratings.items()}} for sid in statements],
        )
        self.items[scale] = items
        return items


# The scale cells and the rating cells a row may hold to be taken in one pass: whole numbers of
# at most two ASCII digits (a leading zero allowed) on the scale, and "n/a" (docs/formats.md)
_Items = tuple[
    list[dict[str, tuple[str, str, Rating] | None]],
    list[dict[str, tuple[str, str, Rating] | None]],
    list[dict[str, tuple[str, Rating] | None]],
]
_LOOK_UP = operator.getitem
_SCALES = {text: n for n in range(MIN_SCALE, MAX_SCALE + 1) for text in (str(n), f"{n:02d}")}
_RATINGS: dict[int, dict[str, Rating]] = {
    scale: {NA: NA, **{text: n for n in range(1, scale + 1) for text in (str(n), f"{n:02d}")}}
    for scale in range(MIN_SCALE, MAX_SCALE + 1)
}


def _first_bad_byte(source: Path | Traversable) -> int:
    """The offset of the first byte that is not UTF-8 (read again, only when there is one)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    with source.open("rb") as handle:
        while chunk := handle.read(1 << 16):
            pending = len(decoder.getstate()[0])
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                return offset - pending + exc.start
            offset += len(chunk)
    return offset


def _csv_syntax(name: str, detail: str) -> Problem:
    return Problem.error(
        "syntax-error", name, f"syntaxfel i CSV: {detail}", f"CSV syntax error: {detail}"
    )


# -- writing -------------------------------------------------------------------------------------


def response_text(response: Response, fmt: str = "toml") -> str:
    """The text of a response file in *fmt* (``toml`` or ``json``)."""
    expect_type("response", response, Response, "a Response")
    document = response.to_mapping()
    if fmt == "json":
        if "date" in document:
            document["date"] = document["date"].isoformat()
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if fmt == "toml":
        return tomlwriter.dumps(document)
    raise ValueError(f"fmt must be 'toml' or 'json', got {fmt!r}")


def write_response(
    response: Response, path: str | os.PathLike[str], *, overwrite: bool = True
) -> None:
    """Write *response* atomically as TOML (``.toml``) or JSON (``.json``).

    Reading the file back gives an equal response. Another suffix raises :class:`InputError`.
    With ``overwrite=False`` an existing file is left alone: :class:`FileExistsError`.
    """
    expect_type("response", response, Response, "a Response")
    expect_path("path", path)
    expect_type("overwrite", overwrite, bool, "True or False")
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
    atomic_write_text(
        target, response_text(response, suffix.removeprefix(".")), overwrite=overwrite
    )


def responses_jsonl(responses: Iterable[Response]) -> str:
    """The text of a ``.jsonl`` collection: one response object per line."""
    if isinstance(responses, Response | str | bytes) or not isinstance(responses, Iterable):
        raise TypeError(
            f"responses must be a collection of Response, not {type(responses).__name__}"
        )
    lines = []
    for index, response in enumerate(responses):
        expect_type(f"responses[{index}]", response, Response, "a Response")
        lines.append(
            json.dumps(response_json(response), ensure_ascii=False, separators=(",", ":")) + "\n"
        )
    return "".join(lines)


def write_responses(responses: Iterable[Response], path: str | os.PathLike[str]) -> None:
    """Write *responses* atomically as a ``.jsonl`` collection that :func:`read_responses` reads.

    Another suffix raises :class:`InputError`.
    """
    expect_path("path", path)
    target = Path(os.fspath(path))
    if target.suffix.lower() != ".jsonl":
        raise InputError(
            LocalizedText.of(
                f"Svaren kan inte skrivas till {target}.",
                f"The responses cannot be written to {target}.",
            ),
            problems=(
                Problem.error(
                    "unknown-format",
                    display_name(target),
                    "filnamnet ska sluta på .jsonl",
                    "the file name must end in .jsonl",
                ),
            ),
            path=display_name(target),
        )
    atomic_write_text(target, responses_jsonl(responses))


# -- JSON shapes (docs/cli.md) ---------------------------------------------------------------


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
    """What ``score --json`` prints (docs/cli.md), with the band limits added as ``bands``."""
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
