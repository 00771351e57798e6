"""Reading a journey folder (docs/formats.md), and the JSON shapes of follow-up and journey (§10).

A journey folder holds an optional ``journey.toml`` (team and external factors) and one
sub-folder per round of reflection, named by its date ``YYYY-MM-DD``. Each round holds a response
collection and optionally the plan the team wrote (``plan.toml``).
A round that cannot be read is kept with its problems, so the other rounds still show.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from innovationsresan.checks import MAX_PROBLEMS_PER_FILE, Checker
from innovationsresan.errors import (
    InnovationsresanError,
    InputError,
    expect_number,
    expect_optional,
    expect_path,
    expect_type,
)
from innovationsresan.files.documents import display_name, load_document
from innovationsresan.files.jsonable import problem_json
from innovationsresan.followup import (
    FACTOR_KIND_NAMES,
    TAU,
    Comparison,
    Factor,
    FactorKind,
    Journey,
    PlanOutcome,
    Round,
    Stop,
)
from innovationsresan.model import LocalizedText, Problem

if TYPE_CHECKING:
    from innovationsresan.catalog import Catalog
    from innovationsresan.plans import ActionPlan
    from innovationsresan.responses import Response
    from innovationsresan.scoring import GroupResult

#: The names the journey's own file may have, in the order they are looked for.
JOURNEY_FILES = ("journey.toml", "journey.json")

#: The names a round's plan may have, in the order they are looked for.
PLAN_FILES = ("plan.toml", "plan.json")

#: The files of a round that hold responses (plans excepted).
RESPONSE_SUFFIXES = (".toml", ".json", ".jsonl", ".csv")

#: Longest team name accepted in ``journey.toml``.
MAX_TEAM_LENGTH = 200

_ROUND_NAME = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def read_journey(
    path: Path | str,
    catalog: Catalog,
    *,
    today: dt.date | None,
    tau: float = TAU,
    notes: list[LocalizedText] | None = None,
) -> Journey:
    """Read the journey folder at *path*: its team, external factors and every round.

    *notes*, when given, receives a note for each folder (the journey's and each round's) that
    held something besides what is read, as :func:`~innovationsresan.read_responses` notes
    folders: what was passed over (a file of another kind, a broken link, a folder inside a
    round), and the respondents read from each round or file.

    Problems with folders that are not rounds and with single rounds are kept in the journey
    (``Journey.problems``, ``Round.problems``), each naming its file, so the other rounds still
    show. :class:`InputError`, listing every problem with its location, when *path* is not a
    folder, when ``journey.toml`` has an error (like every file of the library: another schema,
    an unknown key, a wrong type, over 5 MB), or when nothing in the folder can be used: no
    round could be read and there is no ``journey.toml``.
    """
    from innovationsresan.catalog import Catalog  # noqa: PLC0415 - only for the check

    expect_path("path", path)
    expect_type("catalog", catalog, Catalog, "a Catalog")
    expect_optional("today", today, dt.date, "a datetime.date or None")
    expect_number("tau", tau, positive=True)
    expect_optional("notes", notes, list, "a list (it receives the notes) or None")
    folder = Path(path)
    where = display_name(folder)
    if not folder.is_dir():
        raise InputError(
            LocalizedText.of(
                f"{where} är ingen mapp med en innovationsresa.",
                f"{where} is not a journey folder.",
            ),
            problems=[
                Problem.error(
                    "not-a-folder",
                    where,
                    "en resa är en mapp med journey.toml och en mapp per omgång (ÅÅÅÅ-MM-DD)",
                    "a journey is a folder with journey.toml and one folder per round (YYYY-MM-DD)",
                )
            ],
            path=where,
        )
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InputError(
            LocalizedText.of(
                f"Mappen {where} kan inte läsas.", f"The folder {where} cannot be read."
            ),
            problems=[
                Problem.error(
                    "unreadable", where, f"kan inte läsas: {reason}", f"cannot be read: {reason}"
                )
            ],
            path=where,
        ) from None

    from innovationsresan.files.responses import ROUNDS, folder_note, passed_over  # noqa: PLC0415

    problems: list[Problem] = []
    team, factors, settings_usable = _read_settings(folder, problems)
    settings_broken = any(p.is_error for p in problems)
    rounds: list[Round] = []
    passed: list[tuple[str, str, str]] = []
    for entry in entries:
        if entry.name.startswith(".") or entry.name in JOURNEY_FILES:
            continue
        if not entry.is_dir():
            # a round is a folder: a file beside them (but journey.toml) is passed over
            why = passed_over(entry) or ("fil utanför omgångarna", "file outside the rounds")
            passed.append((entry.name, *why))
            continue
        round_date = _round_date(entry.name)
        if round_date is None:
            problems.append(
                Problem.warning(
                    "not-a-round",
                    display_name(entry),
                    "mappen är ingen omgång och hoppas över: en omgång heter efter sitt datum, "
                    "ÅÅÅÅ-MM-DD",
                    "the folder is not a round and is skipped: a round is named by its date, "
                    "YYYY-MM-DD",
                )
            )
            continue
        rounds.append(_read_round(entry, round_date, catalog, notes))
    if notes is not None and passed:
        counts = [
            (r.date.isoformat(), r.result.respondents if r.result is not None else 0)
            for r in rounds
        ]
        notes.append(folder_note(where, counts, passed, ROUNDS))

    if settings_broken:
        raise InputError(
            LocalizedText.of(
                f"Resans fil i {where} kan inte läsas.",
                f"The journey file in {where} cannot be read.",
            ),
            problems=[*problems, *(p for r in rounds for p in r.problems)],
            path=where,
        )
    if not settings_usable and not any(r.result is not None for r in rounds):
        every = [*problems, *(p for r in rounds for p in r.problems)]
        if not rounds:
            every.append(
                Problem.error(
                    "no-rounds",
                    where,
                    "mappen har ingen omgång: en undermapp per omgång, med datumet som namn "
                    "(ÅÅÅÅ-MM-DD)",
                    "the folder holds no round: one sub-folder per round, named by its date "
                    "(YYYY-MM-DD)",
                )
            )
        raise InputError(
            LocalizedText.of(
                f"Inget i {where} går att använda som en innovationsresa.",
                f"Nothing in {where} can be used as a journey.",
            ),
            problems=every,
            path=where,
        )
    return Journey(
        team=team or folder.resolve().name,
        factors=tuple(factors),
        rounds=tuple(rounds),
        problems=tuple(problems),
        today=today,
        tau=tau,
    )


def _round_date(name: str) -> dt.date | None:
    if not _ROUND_NAME.match(name):
        return None
    try:
        return dt.date.fromisoformat(name)
    except ValueError:
        return None


def _read_settings(folder: Path, problems: list[Problem]) -> tuple[str | None, list[Factor], bool]:
    """The team and factors of ``journey.toml``, and whether the file could be used at all.

    A missing file is normal. Every problem of the file is added to *problems*; the caller
    refuses the journey when one is an error.
    """
    present = [folder / n for n in JOURNEY_FILES if (folder / n).exists()]
    if not present:
        return None, [], False
    path = present[0]
    problems.extend(
        Problem.warning(
            "two-journey-files",
            display_name(other),
            f"mappen har redan {path.name}; den här filen används inte",
            f"the folder already has {path.name}; this file is not used",
        )
        for other in present[1:]
    )
    name = display_name(path)
    document, found = load_document(path, name=name)
    problems.extend(found)
    if document is None:
        return None, [], False
    check = Checker(name, keep=MAX_PROBLEMS_PER_FILE)  # the first 100 kept, the rest counted
    if not check.schema(document, "journey"):
        # Another schema may mean something else by the same keys: use nothing of it.
        problems.extend(check.problems)
        return None, [], False
    check.table(document, (), optional=("schema", "team", "factors"))
    team = None
    if "team" in document:
        team = check.string(document["team"], ("team",), max_length=MAX_TEAM_LENGTH)
        if team is not None and not team.strip():
            team = None
    factors: list[Factor] = []
    raw = check.list_of(document.get("factors", []), ("factors",))
    for index, item in enumerate(raw or []):
        factor = _factor(check, item, ("factors", index))
        if factor is not None:
            factors.append(factor)
    problems.extend(check.all_problems())
    return team, factors, True


def _factor(check: Checker, item: object, path: tuple[str | int, ...]) -> Factor | None:
    before = check.error_count  # counts the errors past the kept ones too
    table = check.table(item, path, required=("date", "kind"), optional=("note",))
    if table is None:
        return None
    when = check.date(table["date"], (*path, "date")) if "date" in table else None
    kind = (
        check.choice(
            table["kind"], (*path, "kind"), [k.value for k in FactorKind], FACTOR_KIND_NAMES
        )
        if "kind" in table
        else None
    )
    note = check.string(table.get("note", ""), (*path, "note"))
    if check.error_count > before or when is None or kind is None or note is None:
        return None
    return Factor(when, FactorKind(kind), note)


def _read_round(
    folder: Path, date: dt.date, catalog: Catalog, notes: list[LocalizedText] | None
) -> Round:
    """One round: its responses scored, its plan read and checked; problems kept, never raised.

    The responses are read as every command reads a folder (:func:`iter_folder`: every kind of
    response file, and a note on what was passed over); the plan files are read here.
    """
    # Imported here: reading rounds needs the scoring and plan machinery, the JSON shapes do not.
    from innovationsresan.files.plans import read_plan  # noqa: PLC0415 - lazy import
    from innovationsresan.files.responses import iter_folder  # noqa: PLC0415 - lazy import
    from innovationsresan.plans import validate_plan  # noqa: PLC0415 - lazy import
    from innovationsresan.scoring import score  # noqa: PLC0415 - lazy import

    where = display_name(folder)
    problems: list[Problem] = []
    try:
        plan_files = [
            p for p in sorted(folder.iterdir(), key=lambda p: p.name) if p.name in PLAN_FILES
        ]
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        problem = Problem.error(
            "unreadable", where, f"kan inte läsas: {reason}", f"cannot be read: {reason}"
        )
        return Round(date, problems=(problem,), path=where)

    result: GroupResult | None = None
    rated: set[str] = set()
    try:
        result = score(
            _noting_statements(iter_folder(folder, notes=notes, set_aside=PLAN_FILES), rated),
            catalog,
        )
    except InnovationsresanError as exc:
        problems.extend(_problems_of(exc, where))
    if result is not None and result.respondents == 0:
        result = None
        problems.append(
            Problem.error(
                "no-responses",
                where,
                "omgången har inga svar (.toml, .json, .jsonl eller .csv utöver plan.toml)",
                "the round holds no responses (.toml, .json, .jsonl or .csv besides plan.toml)",
            )
        )

    plan: ActionPlan | None = None
    if plan_files:
        if len(plan_files) > 1:
            problems.append(
                Problem.warning(
                    "two-plans",
                    display_name(plan_files[1]),
                    f"omgången har redan {plan_files[0].name}; den här filen används inte",
                    f"the round already has {plan_files[0].name}; this file is not used",
                )
            )
        plan_name = display_name(plan_files[0])
        try:
            plan = read_plan(plan_files[0])
        except InnovationsresanError as exc:
            problems.extend(_problems_of(exc, plan_name))
        else:
            # Checked as of the day it was written: a past follow-up is history, not a problem.
            report = validate_plan(plan, catalog, today=plan.created)
            problems.extend(p.in_file(plan_name) for p in report.problems)
    return Round(
        date,
        result=result,
        plan=plan,
        problems=tuple(problems),
        path=where,
        statements=_resolved_statements(rated, catalog),
    )


def _noting_statements(responses: Iterable[Response], rated: set[str]) -> Iterator[Response]:
    """*responses* passed on one by one, the ids of the statements they rate noted in *rated*."""
    for response in responses:
        rated.update(sid for sid, _ in response.statements)
        yield response


def _resolved_statements(ids: Iterable[str], catalog: Catalog) -> frozenset[str]:
    """The qualified ids of the statement *ids* the catalogue knows (scoring reports others)."""
    found = (catalog.try_resolve("statement", sid)[0] for sid in ids)
    return frozenset(qid for qid in found if qid is not None)


def _problems_of(error: InnovationsresanError, where: str) -> list[Problem]:
    """The error's problems, or one problem carrying its message when it has none."""
    if error.problems:
        return list(error.problems)
    return [Problem.error("unreadable", where, error.message.get("sv"), error.message.get("en"))]


# -- JSON shapes (docs/cli.md) ---------------------------------------------------------------


def _value(x: object) -> Any:
    return None if x is None else getattr(x, "value", x)


def comparison_json(comparison: Comparison) -> dict[str, Any]:
    """The ``followup --json`` shape of a comparison."""
    return {
        "principles": [
            {
                "id": change.id,
                **{
                    name: {
                        "before": side.before,
                        "after": side.after,
                        "delta": side.delta,
                        "direction": _value(side.direction),
                    }
                    for name, side in (
                        ("organisation", change.organisation),
                        ("individual", change.individual),
                    )
                },
            }
            for change in comparison.principles
        ],
        "placement": {
            "before": {k: _value(v) for k, v in comparison.placement_before.items()},
            "after": {k: _value(v) for k, v in comparison.placement_after.items()},
        },
        "tau": comparison.tau,
    }


def factor_json(factor: Factor) -> dict[str, Any]:
    """An external factor as ``{"date", "kind", "note"}``."""
    return {"date": factor.date.isoformat(), "kind": factor.kind.value, "note": factor.note}


def plan_outcome_json(outcome: PlanOutcome) -> dict[str, Any]:
    """A round's plan in the timeline."""
    return {
        "title": outcome.title,
        "follow_up": None if outcome.follow_up is None else outcome.follow_up.isoformat(),
        "followed_up": outcome.followed_up,
        "targets": {pid: _value(d) for pid, d in outcome.targets},
        "next_round": None if outcome.next_round is None else outcome.next_round.isoformat(),
    }


def stop_json(stop: Stop, lang: str) -> dict[str, Any]:
    """One round of the ``journey --json`` timeline."""
    return {
        "date": stop.date.isoformat(),
        "respondents": stop.respondents,
        "position": dict(stop.position),
        "placement": {k: _value(v) for k, v in stop.placement.items()},
        "moves": {"up": list(stop.moves.up), "down": list(stop.moves.down)},
        "plan": None if stop.plan is None else plan_outcome_json(stop.plan),
        "problems": [problem_json(p, lang) for p in stop.problems],
        "since": None if stop.since is None else stop.since.isoformat(),
        "factors": [factor_json(f) for f in stop.factors],
        "path": stop.path,
    }


def journey_json(journey: Journey, lang: str) -> dict[str, Any]:
    """The ``journey --json`` shape: team, factors, the rounds' timeline, the journey's problems."""
    return {
        "team": journey.team,
        "factors": [factor_json(f) for f in journey.factors],
        "rounds": [stop_json(s, lang) for s in journey.timeline()],
        "problems": [problem_json(p, lang) for p in journey.problems],
        "today": None if journey.today is None else journey.today.isoformat(),
    }


def jsonable_hooks(lang: str) -> Mapping[type, Any]:
    """The unstructure hooks this module contributes to :mod:`innovationsresan.files.jsonable`."""
    return {
        Comparison: comparison_json,
        Journey: lambda journey: journey_json(journey, lang),
        Stop: lambda stop: stop_json(stop, lang),
        Factor: factor_json,
        PlanOutcome: plan_outcome_json,
    }
