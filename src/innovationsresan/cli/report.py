"""Commands of the 'report' group: ``report`` (one HTML file) and ``demo`` (the whole workshop).

Both exit 0 whatever problems the action plan has: they show them. Input that cannot be used
(unreadable responses or plan, unknown ids) is exit 2, as everywhere.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from innovationsresan.cli._common import (
    Context,
    check_output,
    collections_argument,
    force_option,
    pick,
    positive_int,
    primary_pack,
    primary_pack_option,
    today,
    today_option,
    write_output,
)

if TYPE_CHECKING:
    from innovationsresan.catalog import Catalog
    from innovationsresan.plans import ActionPlan, PlanReport
    from innovationsresan.recommendation import Suggestion
    from innovationsresan.scoring import GroupResult

#: Where ``demo`` writes when no ``-o`` is given.
DEMO_DIR = "innovationsresan-demo"

#: The bundled example data (package ``innovationsresan.examples``).
EXAMPLE_TEAM = "team"
EXAMPLE_PLAN = "plan.toml"


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    lang: str,
) -> None:
    """Add ``report`` and ``demo`` to the parser."""
    report = commands.add_parser(
        "report",
        parents=[common],
        help=pick(
            lang, "skriv en HTML-rapport från workshopen", "write an HTML report of the workshop"
        ),
        description=pick(
            lang,
            "Skriver en fristående HTML-fil: var gruppen står, repstegen, siffrorna, föreslagna "
            "metoder och handlingsplanen med dess kontroll. Filen går att skriva ut på A4.",
            "Writes one self-contained HTML file: where the group stands, the rope ladder, the "
            "figures, suggested methods and the action plan with its check. It prints on A4.",
        ),
    )
    collections_argument(report, lang)
    report.add_argument(
        "--plan",
        metavar="PLAN",
        help=pick(lang, "handlingsplan (TOML eller JSON)", "action plan (TOML or JSON)"),
    )
    report.add_argument(
        "-k",
        type=positive_int(lang),
        default=3,
        metavar="N",
        help=pick(
            lang, "antal föreslagna kort (standard 3)", "number of suggested cards (default 3)"
        ),
    )
    report.add_argument(
        "--title", metavar="TEXT", help=pick(lang, "rapportens rubrik", "the report's title")
    )
    report.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE.html",
        help=pick(lang, "HTML-filen som skrivs", "the HTML file to write"),
    )
    primary_pack_option(report, lang)
    force_option(report, lang)
    today_option(report, lang)
    report.set_defaults(run=run_report)

    demo = commands.add_parser(
        "demo",
        parents=[common],
        help=pick(
            lang, "kör hela workshopen på exempeldata", "run the whole workshop on example data"
        ),
        description=pick(
            lang,
            "Kör hela workshopen på de medföljande exempelsvaren och exempelplanen med "
            "Kirunapaketet: placering, principer att stärka, föreslagna kort och kontroll av "
            "planen. Skriver report.html och plan.ics. Använder planens eget datum, inte dagens.",
            "Runs the whole workshop on the bundled example responses and plan with the Kiruna "
            "pack: placement, principles to strengthen, suggested cards and the plan check. "
            "Writes report.html and plan.ics. Uses the plan's own date, not today's.",
        ),
    )
    demo.add_argument(
        "-o",
        "--output",
        default=DEMO_DIR,
        metavar="DIR",
        help=pick(
            lang,
            f"mappen som filerna skrivs till (standard {DEMO_DIR})",
            f"the folder the files are written to (default {DEMO_DIR})",
        ),
    )
    force_option(demo, lang)
    demo.set_defaults(run=run_demo)


# -- shared --------------------------------------------------------------------------------------


def _workshop(
    ctx: Context,
    responses_from: Any,
    plan: ActionPlan | None,
    *,
    on: dt.date,
    k: int,
) -> tuple[Catalog, GroupResult, tuple[Suggestion, ...], PlanReport | None]:
    from innovationsresan.files.responses import iter_responses  # noqa: PLC0415 - lazy import
    from innovationsresan.plans import validate_plan  # noqa: PLC0415
    from innovationsresan.recommendation import recommend  # noqa: PLC0415
    from innovationsresan.scoring import score  # noqa: PLC0415

    catalog = ctx.catalog()
    # the demo's bundled folder needs no note on what was read from it
    responses = (
        ctx.responses(responses_from)
        if isinstance(responses_from, list)
        else iter_responses(responses_from)
    )
    result = score(responses, catalog)
    suggestions = recommend(result, catalog, k=k)
    plan_report = validate_plan(plan, catalog, today=on) if plan is not None else None
    return catalog, result, suggestions, plan_report


def _placement_words(ctx: Context, result: GroupResult) -> list[str]:
    from innovationsresan.ladder import PERSPECTIVE_NAMES  # noqa: PLC0415

    lines = []
    for key in ("organisation", "individual", "overall"):
        name = (
            ctx.text(PERSPECTIVE_NAMES[key])
            if key != "overall"
            else ctx.t("Sammantaget", "Overall")
        )
        placement = result.placement.get(key)
        level = (
            ctx.level_name(placement.value)
            if placement is not None
            else ctx.t("kan inte avgöras", "cannot be told")
        )
        position = result.position.get(key) if key != "overall" else None
        figure = f" ({_number(ctx, position)})" if position is not None else ""
        lines.append(f"  {name + ':':18} {level}{figure}")
    return lines


def _number(ctx: Context, value: float) -> str:
    text = f"{value:.2f}"
    return text.replace(".", ",") if ctx.lang == "sv" else text


def _few_note(ctx: Context, result: GroupResult) -> list[str]:
    if not result.few_respondents:
        return []
    return [
        ctx.t(
            "Obs! Färre än tre svar: enskilda personers svar kan läsas ut ur resultatet.",
            "Note: fewer than three responses: individual answers can be read from the result.",
        )
    ]


def _plan_json(ctx: Context, plan_report: PlanReport | None) -> dict[str, Any] | None:
    if plan_report is None:
        return None
    return {"ok": plan_report.ok, "problems": ctx.problems_json(plan_report.problems)}


def _suggestions_json(suggestions: Sequence[Suggestion]) -> list[dict[str, Any]]:
    return [{"id": s.id, "gain": s.gain, "serves": dict(s.serves)} for s in suggestions]


# -- report --------------------------------------------------------------------------------------


def run_report(args: argparse.Namespace, ctx: Context) -> int:
    """``report COLLECTIONS… [--plan PLAN] -o FILE.html``."""
    from innovationsresan.files.plans import read_plan  # noqa: PLC0415
    from innovationsresan.report import render_report  # noqa: PLC0415

    inputs = [*args.collections, *([args.plan] if args.plan else [])]
    output = check_output(args.output, force=args.force, inputs=inputs)
    plan = read_plan(args.plan) if args.plan else None
    catalog, result, suggestions, plan_report = _workshop(
        ctx, args.collections, plan, on=today(args), k=args.k
    )
    html = render_report(
        result,
        catalog,
        suggestions=suggestions,
        plan=plan,
        plan_report=plan_report,
        lang=ctx.lang,
        title=args.title,
        primary=primary_pack(args, catalog),
    )
    write_output(output, html, force=args.force)
    if ctx.json:
        ctx.emit(
            {
                "output": str(output),
                "respondents": result.respondents,
                "placement": {
                    k: (v.value if v is not None else None) for k, v in result.placement.items()
                },
                "cards": _suggestions_json(suggestions),
                "plan": _plan_json(ctx, plan_report),
            }
        )
        return 0
    ctx.print(ctx.t(f"Rapporten är skriven: {output}", f"The report is written: {output}"))
    ctx.print(*_few_note(ctx, result))
    if plan_report is not None and plan_report.problems:
        ctx.print(
            ctx.t(
                f"Handlingsplanen har {len(plan_report.errors)} fel och "
                f"{len(plan_report.warnings)} varningar; de visas i rapporten.",
                f"The action plan has {len(plan_report.errors)} errors and "
                f"{len(plan_report.warnings)} warnings; the report shows them.",
            )
        )
    return 0


# -- demo ----------------------------------------------------------------------------------------


@contextlib.contextmanager
def _examples() -> Iterator[Path]:
    """The folder of the bundled example data, as a real path for as long as it is needed."""
    from innovationsresan import examples  # noqa: PLC0415

    folder = examples.path()
    if isinstance(folder, Path):
        yield folder
        return
    from importlib import resources  # noqa: PLC0415 - only for a zipped installation

    with resources.as_file(folder) as extracted:
        yield Path(extracted)


def run_demo(args: argparse.Namespace, ctx: Context) -> int:
    """``demo [-o DIR]``: the whole workshop on bundled data, on the plan's own date."""
    from innovationsresan.files.plans import read_plan  # noqa: PLC0415
    from innovationsresan.report import render_report  # noqa: PLC0415

    folder = Path(args.output)
    report_path = check_output(folder / "report.html", force=args.force)
    ics_target = check_output(folder / "plan.ics", force=args.force)
    _require_kiruna(ctx)
    with _examples() as examples:
        plan = read_plan(examples / EXAMPLE_PLAN)
        # the demo's own fixed date: the day the plan was written, so it reads the same every year
        on = plan.created
        catalog, result, suggestions, plan_report = _workshop(
            ctx, examples / EXAMPLE_TEAM, plan, on=on, k=3
        )
    assert plan_report is not None  # noqa: S101 - a plan was given, so it was checked
    html = render_report(
        result,
        catalog,
        suggestions=suggestions,
        plan=plan,
        plan_report=plan_report,
        lang=ctx.lang,
        title=ctx.t(
            "Innovationsresan – demo med påhittade exempeldata",
            "The innovation journey – demo on made-up example data",
        ),
    )
    write_output(report_path, html, force=args.force)
    ics_problem = _write_ics(ctx, plan, ics_target, force=args.force)
    ics_path = ics_target if ics_problem is None else None

    if ctx.json:
        ctx.emit(
            {
                "today": on.isoformat(),
                "respondents": result.respondents,
                "packs": dict(result.packs),
                "position": dict(result.position),
                "placement": {
                    k: (v.value if v is not None else None) for k, v in result.placement.items()
                },
                "priorities": _ranked(result),
                "cards": _suggestions_json(suggestions),
                "plan": _plan_json(ctx, plan_report),
                "files": {
                    "report": str(report_path),
                    "ics": str(ics_path) if ics_path is not None else None,
                },
            }
        )
        return 0
    _print_demo(ctx, on, result, suggestions, plan_report)
    ctx.print(
        "",
        ctx.t("Filer:", "Files:"),
        f"  {report_path}",
        *([f"  {ics_path}"] if ics_path is not None else []),
    )
    if ics_problem is not None:
        ctx.note(ics_problem[0], ics_problem[1])
    return 0


def _require_kiruna(ctx: Context) -> None:
    """The example responses answer the Kiruna pack's statements, so the pack must be loaded."""
    from innovationsresan.errors import InnovationsresanError  # noqa: PLC0415
    from innovationsresan.model import LocalizedText  # noqa: PLC0415

    if "kiruna" not in ctx.catalog().pack_versions():
        raise InnovationsresanError(
            LocalizedText.of(
                "Demon behöver Kirunapaketet, som inte är laddat. Installera det med "
                "pip install innovationsresan-kiruna (och ta med kiruna i INNOVATIONSRESAN_PACKS "
                "om den variabeln är satt).",
                "The demo needs the Kiruna pack, which is not loaded. Install it with "
                "pip install innovationsresan-kiruna (and include kiruna in INNOVATIONSRESAN_PACKS "
                "if that variable is set).",
            )
        )


def _write_ics(
    ctx: Context, plan: ActionPlan, path: Path, *, force: bool
) -> tuple[str, str] | None:
    """Write the plan's calendar; a missing calendar extra is a note, not a failed demo."""
    from innovationsresan.errors import InnovationsresanError  # noqa: PLC0415
    from innovationsresan.ical import plan_to_ics  # noqa: PLC0415

    try:
        # the demo's catalogue is loaded already: support functions by their packs' names
        data = plan_to_ics(plan, lang=ctx.lang, catalog=ctx.catalog(warn=False))
    except InnovationsresanError as exc:
        return (
            f"plan.ics skrevs inte: {exc.message.get('sv')}",
            f"plan.ics was not written: {exc.message.get('en')}",
        )
    write_output(path, data, force=force)
    return None


def _ranked(result: GroupResult) -> list[dict[str, Any]]:
    """Principles with positive priority, highest first (ladder order breaks ties)."""
    priorities = result.priorities()
    order = {pr.id: i for i, pr in enumerate(result.principles)}
    ranked = sorted(
        (pid for pid, value in priorities.items() if value > 0),
        key=lambda pid: (-priorities[pid], order.get(pid, 0)),
    )
    return [{"id": pid, "priority": priorities[pid]} for pid in ranked]


def _print_demo(
    ctx: Context,
    on: dt.date,
    result: GroupResult,
    suggestions: Sequence[Suggestion],
    plan_report: PlanReport,
) -> None:
    from innovationsresan.ladder import principle  # noqa: PLC0415

    packs = ", ".join(f"{pid} {version}" for pid, version in result.packs) or "–"
    ctx.print(
        ctx.t(
            "Innovationsresan – demo med påhittade exempeldata",
            "The innovation journey – demo on made-up example data",
        ),
        ctx.t(
            f"Datum: {on.isoformat()} (planens datum)   Svarande: {result.respondents}   "
            f"Paket: {packs}",
            f"Date: {on.isoformat()} (the plan's date)   Respondents: {result.respondents}   "
            f"Packs: {packs}",
        ),
        "",
        ctx.t("Var står gruppen?", "Where does the group stand?"),
        *_placement_words(ctx, result),
        *_few_note(ctx, result),
        "",
        ctx.t("Principer att stärka (prioritet):", "Principles to strengthen (priority):"),
    )
    ranked = _ranked(result)
    if not ranked and not result.answered:
        ctx.print(
            ctx.t(
                "  Inga: svaren säger inget om var gruppen står (varje fråga är obesvarad "
                "eller n/a).",
                "  None: the answers say nothing about where the group stands (every question "
                "is unanswered or n/a).",
            )
        )
    elif not ranked:
        ctx.print(
            ctx.t(
                "  Inga: gruppen står redan där den vill stå.",
                "  None: the group already stands where it wants to be.",
            )
        )
    for item in ranked:
        name = ctx.text(principle(item["id"]).name)
        ctx.print(f"  {_number(ctx, item['priority'])}  {name}")
    ctx.print("", ctx.t("Föreslagna kort:", "Suggested cards:"))
    if not suggestions:
        ctx.print(ctx.t("  Inga.", "  None."))
    for i, s in enumerate(suggestions, 1):
        serves = ", ".join(
            f"{ctx.principle_name(pid)} ({_number(ctx, value)})" for pid, value in s.serves.items()
        )
        ctx.print(f"  {i}. {ctx.text(s.card.title)} [{s.id}]")
        if serves:
            ctx.print("     " + ctx.t(f"stärker: {serves}", f"strengthens: {serves}"))
    ctx.print("", ctx.t("Kontroll av handlingsplanen:", "Action plan check:"))
    if not plan_report.problems:
        ctx.print(ctx.t("  Inga anmärkningar.", "  No remarks."))
    else:
        ctx.print(*(f"  {line}" for line in ctx.problem_lines(plan_report.problems)))
