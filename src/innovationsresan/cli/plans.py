"""The ``plan`` commands: ``plan new`` (a skeleton), ``plan check`` (validation), ``plan ics``,
``plan export`` (a spreadsheet for verksamhetsplanering)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from innovationsresan.cli._common import (
    Context,
    UsageError,
    check_output,
    force_option,
    pick,
    terminal_text,
    today,
    today_option,
    write_output,
    writing,
)

if TYPE_CHECKING:
    from pathlib import Path

    from innovationsresan.plans import ActionPlan, PlanReport

EXIT_OK, EXIT_ERRORS, EXIT_UNUSABLE = 0, 1, 2


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    lang: str,
) -> None:
    """Add ``plan new``, ``plan check``, ``plan ics`` and ``plan export``."""
    plan = commands.add_parser(
        "plan",
        parents=[common],
        help=pick(
            lang,
            "skriv, kontrollera och exportera handlingsplanen",
            "write, check and export the action plan",
        ),
        description=pick(
            lang,
            "Handlingsplanen: vad ni ska göra, hur, när, vem som gör vad, och en bokad "
            "uppföljning.",
            "The action plan: what you will do, how, when, who does what, and a booked follow-up.",
        ),
    )
    actions = plan.add_subparsers(dest="plan_command", metavar="COMMAND", parser_class=type(plan))
    plan.set_defaults(run=_plan_help(plan))

    new = actions.add_parser(
        "new",
        parents=[common],
        help=pick(lang, "en ny plan förifylld från valda kort", "a new plan prefilled from cards"),
        description=pick(
            lang,
            "Skriver en planmall: en åtgärd per valt kort med kortets titel som förslag på 'how' "
            "och kortets huvudprinciper, och en uppföljning bokad sex veckor fram. Fyll i vad, "
            "när och vem, och kontrollera sedan med 'plan check'.",
            "Writes a plan skeleton: one action per chosen card with the card's title as a "
            "suggestion for 'how' and the card's main principles, and a follow-up booked six "
            "weeks ahead. Fill in what, when and who, then check it with 'plan check'.",
        ),
    )
    new.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help=pick(
            lang,
            "planfilen att skriva (.toml eller .json)",
            "the plan file to write (.toml or .json)",
        ),
    )
    new.add_argument(
        "--cards",
        nargs="+",
        action="extend",
        default=[],
        metavar="ID",
        help=pick(lang, "kort att bygga åtgärder av", "cards to build actions from"),
    )
    new.add_argument("--title", default="", help=pick(lang, "planens rubrik", "the plan's title"))
    new.add_argument("--team", default="", help=pick(lang, "teamets namn", "the team's name"))
    force_option(new, lang)
    today_option(new, lang)
    new.set_defaults(run=run_new)

    check = actions.add_parser(
        "check",
        parents=[common],
        help=pick(lang, "kontrollera en plan", "check a plan"),
        description=pick(
            lang,
            "Kontrollerar planen: varje åtgärd har vad, hur, när och vem, korten och principerna "
            "finns, och uppföljningen är bokad i rimlig tid. Slutkod 0 utan fel (varningar "
            "visas), 1 med fel, 2 om filen inte kan läsas.",
            "Checks the plan: every action has what, how, when and who, the cards and principles "
            "exist, and the follow-up is booked at a sensible time. Exit code 0 without errors "
            "(warnings are shown), 1 with errors, 2 when the file cannot be read.",
        ),
    )
    check.add_argument("plan", metavar="PLAN", help=pick(lang, "planfilen", "the plan file"))
    today_option(check, lang)
    check.set_defaults(run=run_check)

    ics = actions.add_parser(
        "ics",
        parents=[common],
        help=pick(
            lang,
            "kalenderfil med uppföljningen och åtgärdernas datum",
            "calendar file with the follow-up and the actions' dates",
        ),
        description=pick(
            lang,
            "Skriver en iCalendar-fil (.ics) med uppföljningsmötet och en heldagshändelse per "
            "åtgärd med datum. Samma plan ger samma fil, så en ny export uppdaterar händelserna "
            "i kalendern i stället för att lägga till kopior.",
            "Writes an iCalendar file (.ics) with the follow-up meeting and an all-day event "
            "per dated action. The same plan gives the same file, so exporting again updates "
            "the events in the calendar instead of adding copies.",
        ),
    )
    ics.add_argument("plan", metavar="PLAN", help=pick(lang, "planfilen", "the plan file"))
    ics.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help=pick(lang, "kalenderfilen att skriva", "the calendar file to write"),
    )
    force_option(ics, lang)
    ics.set_defaults(run=run_ics)

    export = actions.add_parser(
        "export",
        parents=[common],
        help=pick(
            lang,
            "kalkylblad för verksamhetsplanen (.xlsx eller .csv)",
            "spreadsheet for the business plan (.xlsx or .csv)",
        ),
        description=pick(
            lang,
            "Skriver planen som kalkylblad att klistra in i verksamhetsplanen: en rad per "
            "åtgärd med vad, hur, när, vem, stöd, principer, kort, uppföljning och status. "
            "Med --responses kommer också nuläge, önskat läge och glapp per princip och "
            "perspektiv: som ett andra blad i .xlsx, och i en andra fil FIL-positions.csv "
            "bredvid .csv-filen. CSV skrivs som svenska kalkylprogram läser den: semikolon, "
            "decimalkomma, UTF-8 med BOM.",
            "Writes the plan as a spreadsheet to paste into the business plan: one row per "
            "action with what, how, when, who, support, principles, cards, follow-up and status. "
            "With --responses it adds the current and desired position and the gap per principle "
            "and perspective: as a second sheet in .xlsx, and in a second file FILE-positions.csv "
            "beside the .csv file. CSV is written as Swedish spreadsheet programs read it: "
            "semicolons, decimal commas, UTF-8 with a byte-order mark.",
        ),
    )
    export.add_argument("plan", metavar="PLAN", help=pick(lang, "planfilen", "the plan file"))
    export.add_argument(
        "--responses",
        nargs="+",
        action="extend",
        default=[],
        metavar="SOURCE",
        help=pick(
            lang,
            "gruppens svar (filer, mappar, .jsonl- eller .csv-filer) för nuläge och önskat läge",
            "the group's responses (files, folders, .jsonl or .csv files) for the current and "
            "desired position",
        ),
    )
    export.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help=pick(
            lang,
            "kalkylbladet att skriva: FIL.xlsx eller FIL.csv",
            "the spreadsheet to write: FILE.xlsx or FILE.csv",
        ),
    )
    force_option(export, lang)
    export.set_defaults(run=run_export)


def _plan_help(parser: argparse.ArgumentParser) -> Callable[[argparse.Namespace, Context], int]:
    def show(args: argparse.Namespace, ctx: Context) -> int:
        parser.print_help(ctx.out)
        return EXIT_UNUSABLE

    return show


# -- plan new -------------------------------------------------------------------------------


def run_new(args: argparse.Namespace, ctx: Context) -> int:
    """Write a plan skeleton, refusing to overwrite without ``--force``."""
    import attrs  # noqa: PLC0415 - lazy import

    from innovationsresan.catalog import Catalog  # noqa: PLC0415 - lazy import
    from innovationsresan.files.documents import document_format  # noqa: PLC0415 - lazy import
    from innovationsresan.files.plans import plan_json, plan_toml  # noqa: PLC0415 - lazy import
    from innovationsresan.plans import plan_skeleton  # noqa: PLC0415 - lazy import

    path = check_output(args.output, force=args.force)
    # without cards the skeleton needs no pack, so none is loaded
    catalog = ctx.catalog() if args.cards else Catalog()
    plan = plan_skeleton(catalog, args.cards, today=today(args), lang=ctx.lang)
    plan = attrs.evolve(plan, title=args.title, team=args.team)
    text = (
        plan_json(plan)
        if document_format(path) == "json"
        else plan_toml(plan, hints=True, lang=ctx.lang)
    )
    write_output(path, text, force=args.force)
    if ctx.json:
        import json  # noqa: PLC0415 - lazy import

        ctx.emit({"file": str(path), "plan": json.loads(plan_json(plan))})
        return EXIT_OK
    ctx.print(
        ctx.t(f"Skrev planmallen {path}.", f"Wrote the plan skeleton {path}."),
        ctx.t(
            "Fyll i vad, hur, när och vem för varje åtgärd och kontrollera sedan med:",
            "Fill in what, how, when and who for each action, then check it with:",
        ),
        f"  innovationsresan plan check {path}",
    )
    return EXIT_OK


# -- plan check -----------------------------------------------------------------------------


def run_check(args: argparse.Namespace, ctx: Context) -> int:
    """Validate a plan: exit 0 without errors, 1 with errors, 2 when it cannot be read."""
    from innovationsresan.errors import InputError  # noqa: PLC0415 - lazy import
    from innovationsresan.files.plans import read_plan  # noqa: PLC0415 - lazy import
    from innovationsresan.plans import validate_plan  # noqa: PLC0415 - lazy import

    try:
        plan = read_plan(args.plan)
    except InputError as exc:
        if not ctx.json:
            raise
        ctx.emit({"ok": False, "problems": ctx.problems_json(exc.problems)})
        print(terminal_text(exc.render(ctx.lang)), file=ctx.err)
        return EXIT_UNUSABLE
    report = validate_plan(plan, ctx.catalog(), today=today(args))
    if ctx.json:
        ctx.emit(ctx.jsonable(report))
    else:
        ctx.print(*check_lines(args.plan, plan, report, ctx))
    return EXIT_OK if report.ok else EXIT_ERRORS


def check_lines(name: str, plan: ActionPlan, report: PlanReport, ctx: Context) -> list[str]:
    """The report of ``plan check`` as text."""
    heading = plan.title.strip() or ctx.t("(utan rubrik)", "(untitled)")
    lines = [f"{name}: {heading}" + (f" — {plan.team.strip()}" if plan.team.strip() else "")]
    lines.extend(support_lines(plan, ctx))
    lines.extend(ctx.problem_lines(report.problems))
    # past the first 100 problems they are only counted, in one more-problems line: the summary
    # counts the problems shown and says that more were counted, never a number too small
    shown = [p for p in report.problems if p.code != "more-problems"]
    counted = len(shown) < len(report.problems)
    errors = sum(1 for p in shown if p.is_error)
    warnings = len(shown) - errors
    warned = ctx.t(
        f"{warnings} {'varning' if warnings == 1 else 'varningar'}",
        f"{warnings} {'warning' if warnings == 1 else 'warnings'}",
    )
    more_sv = " visas och fler problem räknades bara" if counted else ""
    more_en = " shown, and more problems only counted" if counted else ""
    if not report.ok:
        erred = ctx.t(f"{errors} fel", f"{errors} {'error' if errors == 1 else 'errors'}")
        lines.append(
            ctx.t(
                f"{erred} och {warned}{more_sv}: rätta felen innan planen används.",
                f"{erred} and {warned}{more_en}: fix the errors before using the plan.",
            )
        )
    elif warnings or counted:
        lines.append(
            ctx.t(
                f"Inga fel men {warned}{more_sv}: planen går att använda, men se över varningarna.",
                f"No errors but {warned}{more_en}: the plan can be used, but look at the warnings.",
            )
        )
    else:
        lines.append(
            ctx.t(
                "Planen är klar: inga fel, inga varningar.",
                "The plan is ready: no errors, no warnings.",
            )
        )
    return lines


def support_lines(plan: ActionPlan, ctx: Context) -> list[str]:
    """The support the actions need and whom to ask, one line each; none when none is needed."""
    from innovationsresan.plans import describe_support  # noqa: PLC0415 - lazy import

    needs = [(i, need) for i, action in enumerate(plan.actions) for need in action.support]
    if not needs:
        return []
    lines = [ctx.t("Stöd som åtgärderna behöver:", "Support the actions need:")]
    catalog = ctx.catalog()
    for i, need in needs:
        what = " ".join(plan.actions[i].what.split()) or ctx.t(f"åtgärd {i + 1}", f"action {i + 1}")
        lines.append(f"  {what}: {describe_support(need, catalog, ctx.lang)}")
    return lines


# -- plan ics -------------------------------------------------------------------------------


def run_ics(args: argparse.Namespace, ctx: Context) -> int:
    """Write the plan's calendar file atomically."""
    from innovationsresan.files.plans import read_plan  # noqa: PLC0415 - lazy import
    from innovationsresan.ical import plan_to_ics  # noqa: PLC0415 - lazy import

    path = check_output(args.output, force=args.force, inputs=[args.plan])
    plan = read_plan(args.plan)
    # the packs are loaded only to name the support functions the plan asks for
    wanted = any(need.function for action in plan.actions for need in action.support)
    data = plan_to_ics(plan, lang=ctx.lang, catalog=ctx.catalog() if wanted else None)
    write_output(path, data, force=args.force)
    dated = sum(1 for a in plan.actions if a.when is not None)
    if ctx.json:
        ctx.emit(
            {
                "file": str(path),
                "follow_up": plan.follow_up.at.isoformat() if plan.follow_up else None,
                "actions": dated,
            }
        )
        return EXIT_OK
    lines = [ctx.t(f"Skrev kalenderfilen {path}.", f"Wrote the calendar file {path}.")]
    if plan.follow_up is not None:
        at = plan.follow_up.at
        lines.append(
            ctx.t(
                f"Uppföljning: {at:%Y-%m-%d %H:%M} ({plan.follow_up.duration_minutes} min).",
                f"Follow-up: {at:%Y-%m-%d %H:%M} ({plan.follow_up.duration_minutes} min).",
            )
        )
    else:
        lines.append(
            ctx.t(
                "Planen har ingen bokad uppföljning, så kalendern saknar uppföljningsmötet.",
                "The plan has no booked follow-up, so the calendar lacks the follow-up meeting.",
            )
        )
    lines.append(
        ctx.t(
            f"Åtgärder med datum: {dated} av {len(plan.actions)}.",
            f"Actions with a date: {dated} of {len(plan.actions)}.",
        )
    )
    ctx.print(*lines)
    return EXIT_OK


# -- plan export ----------------------------------------------------------------------------


def _export_targets(args: argparse.Namespace, with_positions: bool) -> tuple[Path, ...]:
    """The files ``plan export`` will write, checked: a known ending, then the shared checks of
    every command that writes (no input, nothing kept without ``--force``, no device)."""
    from pathlib import Path  # noqa: PLC0415 - lazy import

    from innovationsresan.files.spreadsheets import FORMATS, export_paths  # noqa: PLC0415
    from innovationsresan.model import LocalizedText  # noqa: PLC0415 - lazy import

    output = Path(args.output)
    if output.suffix.lower() not in FORMATS:
        raise UsageError(
            LocalizedText.of(
                f"{output} har ingen känd filändelse: skriv FIL.xlsx eller FIL.csv.",
                f"{output} has no known ending: write FILE.xlsx or FILE.csv.",
            )
        )
    first, second = export_paths(output)
    targets = (first, second) if with_positions and second is not None else (first,)
    inputs = [args.plan, *args.responses]
    return tuple(check_output(target, force=args.force, inputs=inputs) for target in targets)


def run_export(args: argparse.Namespace, ctx: Context) -> int:
    """Write the plan (and the group's positions) as a spreadsheet; refuse to lose a file."""
    from innovationsresan.files.plans import read_plan  # noqa: PLC0415 - lazy import
    from innovationsresan.files.spreadsheets import write_export  # noqa: PLC0415 - lazy import

    targets = _export_targets(args, with_positions=bool(args.responses))
    plan = read_plan(args.plan)
    catalog = ctx.catalog()
    result = None
    if args.responses:
        from innovationsresan.scoring import score  # noqa: PLC0415 - lazy import

        result = score(ctx.responses(args.responses), catalog)
    with writing(targets[0]):
        written = write_export(plan, targets[0], catalog=catalog, result=result, lang=ctx.lang)
    if ctx.json:
        ctx.emit(
            {
                "files": [str(path) for path in written],
                "format": targets[0].suffix.lower().lstrip("."),
                "actions": len(plan.actions),
                "respondents": result.respondents if result is not None else None,
            }
        )
        return EXIT_OK
    lines = [ctx.t(f"Skrev {path}.", f"Wrote {path}.") for path in written]
    lines.append(
        ctx.t(
            f"Åtgärder: {len(plan.actions)}.",
            f"Actions: {len(plan.actions)}.",
        )
    )
    if result is not None:
        lines.append(
            ctx.t(
                f"Nuläge och önskat läge från {result.respondents} svar.",
                f"Current and desired position from {result.respondents} responses.",
            )
        )
    ctx.print(*lines)
    return EXIT_OK
