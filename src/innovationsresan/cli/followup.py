"""Commands of the 'followup' group: ``followup`` (what moved) and ``journey`` (the timeline)."""

from __future__ import annotations

import argparse
import datetime as dt
import textwrap
from typing import TYPE_CHECKING

from innovationsresan.cli._common import Context, pick, position_text, today, today_option

#: Lines of the readable output wrap at this width.
WIDTH = 100

if TYPE_CHECKING:
    from innovationsresan.followup import (
        Change,
        Comparison,
        Direction,
        Factor,
        Journey,
        PlanOutcome,
        Stop,
    )
    from innovationsresan.model import LocalizedText, Placement
    from innovationsresan.scoring import Bands


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    lang: str,
) -> None:
    """Add this group's commands to the parser."""
    followup = commands.add_parser(
        "followup",
        parents=[common],
        help=pick(
            lang, "vad som rört sig mellan två reflektioner", "what moved between two reflections"
        ),
        description=pick(
            lang,
            "Jämför gruppens resultat före och efter: varje princip från båda perspektiven, "
            "och placeringen. En förändring räknas från 0,1 uppåt eller nedåt; båda riktningarna "
            "är en normal del av resan.",
            "Compare the group's results before and after: every principle from both "
            "perspectives, and the placement. A change counts from 0.1 up or down; both "
            "directions are a normal part of the journey.",
        ),
    )
    followup.add_argument(
        "before",
        nargs="+",
        metavar="BEFORE",
        help=pick(
            lang,
            "svaren från den första reflektionen: filer, mappar, .jsonl eller .csv",
            "the responses of the first reflection: files, folders, .jsonl or .csv",
        ),
    )
    followup.add_argument(
        "--after",
        nargs="+",
        required=True,
        metavar="AFTER",
        help=pick(
            lang,
            "svaren från uppföljningen: filer, mappar, .jsonl eller .csv",
            "the responses of the follow-up: files, folders, .jsonl or .csv",
        ),
    )
    followup.set_defaults(run=run_followup)

    journey = commands.add_parser(
        "journey",
        parents=[common],
        help=pick(
            lang,
            "tidslinjen för en resa, med externa faktorer",
            "the timeline of a journey, with external factors",
        ),
        description=pick(
            lang,
            "Visar en resemapp som en tidslinje: varje omgång med antal svarande, läge och "
            "placering, vad som rört sig sedan förra omgången, de externa faktorerna däremellan "
            "och om planens uppföljning blev av.",
            "Shows a journey folder as a timeline: every round with its respondents, position "
            "and placement, what moved since the round before, the external factors in between "
            "and whether the plan's follow-up took place.",
        ),
    )
    journey.add_argument(
        "folder",
        metavar="DIR",
        help=pick(
            lang,
            "resemappen: journey.toml och en mapp per omgång (ÅÅÅÅ-MM-DD)",
            "the journey folder: journey.toml and one folder per round (YYYY-MM-DD)",
        ),
    )
    today_option(journey, lang)
    journey.set_defaults(run=run_journey)


# -- followup ----------------------------------------------------------------------------------


def run_followup(args: argparse.Namespace, ctx: Context) -> int:
    """Score both collections and show what moved."""
    from innovationsresan.followup import compare, content_warnings  # noqa: PLC0415 - lazy
    from innovationsresan.scoring import score  # noqa: PLC0415 - lazy import

    catalog = ctx.catalog()
    responses_before = tuple(ctx.responses(args.before))
    responses_after = tuple(ctx.responses(args.after))
    before = score(responses_before, catalog)
    after = score(responses_after, catalog)
    comparison = compare(before, after)
    warnings = content_warnings(responses_before, responses_after, catalog)
    if ctx.json:
        data = ctx.jsonable(comparison)
        data["respondents"] = {"before": before.respondents, "after": after.respondents}
        data["warnings"] = ctx.problems_json(warnings)
        ctx.emit(data)
        return 0
    lines = followup_lines(comparison, ctx, respondents=(before.respondents, after.respondents))
    if warnings:
        lines = [*ctx.problem_lines(warnings), "", *lines]
    ctx.print(*lines)
    return 0


def followup_lines(
    comparison: Comparison, ctx: Context, *, respondents: tuple[int, int] | None = None
) -> list[str]:
    """The readable account of a comparison: up, down, steady, not comparable, placements."""
    lines = []
    tau = _number(comparison.tau, ctx)
    if respondents is not None:
        lines.append(
            ctx.t(
                f"Före: {respondents[0]} svarande. Efter: {respondents[1]} svarande.",
                f"Respondents before: {respondents[0]}. After: {respondents[1]}.",
            )
        )
    explanation = ctx.t(
        f"En princip har rört sig när gruppens medelvärde ändrats med minst {tau} "
        "(skala 0–1) från något av perspektiven. Båda riktningarna hör till resan.",
        f"A principle has moved when the group mean changed by at least {tau} "
        "(scale 0–1) from either perspective. Both directions are part of the journey.",
    )
    lines.append(_wrap(explanation, "", ""))
    sections = [
        (ctx.t("Uppåt", "Moved up"), comparison.moved_up()),
        (ctx.t("Nedåt", "Moved down"), comparison.moved_down()),
        (ctx.t("Oförändrat", "Steady"), comparison.steady()),
    ]
    width = max(len(_perspective(ctx, q)) for q in ("organisation", "individual"))
    for title, ids in sections:
        lines.extend(("", title))
        if not ids:
            lines.append("  " + ctx.t("(ingen)", "(none)"))
        for pid in ids:
            change = comparison.principle(pid)
            lines.append(f"  {ctx.principle_name(pid)}")
            for q, side in (
                ("organisation", change.organisation),
                ("individual", change.individual),
            ):
                lines.append(f"    {_perspective(ctx, q):{width}}  {_change(side, ctx)}")
    if comparison.not_comparable():
        # their figures would be dashes only, two lines of them per principle: the names suffice
        names = ", ".join(ctx.principle_name(pid) for pid in comparison.not_comparable())
        title = ctx.t("Kan inte jämföras (svar saknas)", "Cannot be compared (no answers)")
        lines.extend(("", title, _wrap(names, "  ", "  ")))
    lines.extend(("", ctx.t("Placering", "Placement")))
    for key in ("organisation", "individual", "overall"):
        before = comparison.placement_before.get(key)
        after = comparison.placement_after.get(key)
        arrow = _arrow(comparison.placement_direction(key))
        moved = f"{_placement(ctx, before)} → {_placement(ctx, after)}"
        lines.append(f"  {_placement_key(ctx, key)}: {moved}  {arrow}")
    return lines


# -- journey -----------------------------------------------------------------------------------


def run_journey(args: argparse.Namespace, ctx: Context) -> int:
    """Read a journey folder and show its timeline."""
    from innovationsresan.files.journeys import read_journey  # noqa: PLC0415 - lazy import

    notes: list[LocalizedText] = []
    try:
        journey = read_journey(args.folder, ctx.catalog(), today=today(args), notes=notes)
    finally:
        ctx.folder_notes(notes)  # what each folder held besides rounds and responses
    if ctx.json:
        ctx.emit(ctx.jsonable(journey))
        return 0
    ctx.print(*journey_lines(journey, ctx))
    return 0


def journey_lines(journey: Journey, ctx: Context) -> list[str]:
    """The timeline a team can read: rounds, moves, factors in between, plans and problems."""
    from innovationsresan.scoring import Bands  # noqa: PLC0415 - lazy import

    stops = journey.timeline()
    # a round is placed by the bands it was scored with; its position is written to match
    bands = {r.date: r.result.bands for r in journey.rounds if r.result is not None}
    lines = [
        ctx.t(f"Innovationsresan för {journey.team}", f"The innovation journey of {journey.team}"),
        ctx.t(
            f"{len(stops)} omgångar, {len(journey.factors)} externa faktorer",
            f"{len(stops)} rounds, {len(journey.factors)} external factors",
        )
        + (
            ctx.t(f" (i dag {journey.today})", f" (today {journey.today})") if journey.today else ""
        ),
    ]
    if journey.problems:
        lines.extend(("", ctx.t("Problem med resemappen:", "Problems with the journey folder:")))
        lines.extend(f"  {line}" for line in ctx.problem_lines(journey.problems))
    if not stops:
        lines.extend(("", ctx.t("Ingen omgång ännu.", "No round yet.")))
        if journey.factors:
            lines.extend(("", ctx.t("Externa faktorer:", "External factors:")))
            lines.extend(_factor_line(ctx, f) for f in journey.factors)
    for index, stop in enumerate(stops):
        if stop.factors:
            before = stops[index - 1].date if index else None
            heading = (
                ctx.t(
                    f"Externa faktorer före {stop.date}:", f"External factors before {stop.date}:"
                )
                if before is None
                else ctx.t(
                    f"Externa faktorer mellan {before} och {stop.date}:",
                    f"External factors between {before} and {stop.date}:",
                )
            )
            lines.extend(("", heading))
            lines.extend(_factor_line(ctx, f) for f in stop.factors)
        next_date = stops[index + 1].date if index + 1 < len(stops) else None
        lines.extend(
            ("", *_stop_lines(stop, ctx, next_date=next_date, bands=bands.get(stop.date, Bands())))
        )
    if stops:
        last = stops[-1].date
        after = [f for f in journey.factors if f.date > last]
        if after:
            lines.extend(
                ("", ctx.t(f"Externa faktorer efter {last}:", f"External factors after {last}:"))
            )
            lines.extend(_factor_line(ctx, f) for f in after)
    legend = ctx.t(
        f"↑ uppåt, ↓ nedåt, → oförändrat: en ändring av gruppens medelvärde med minst "
        f"{_number(journey.tau, ctx)} från något perspektiv. Båda riktningarna hör till resan.",
        f"↑ up, ↓ down, → steady: a change of the group mean by at least "
        f"{_number(journey.tau, ctx)} from either perspective. "
        "Both directions are part of the journey.",
    )
    lines.extend(("", _wrap(legend, "", "")))
    return lines


def _stop_lines(stop: Stop, ctx: Context, *, next_date: dt.date | None, bands: Bands) -> list[str]:
    since = (
        ctx.t(f" (jämfört med {stop.since})", f" (compared with {stop.since})")
        if stop.since
        else ""
    )
    lines = [f"== {stop.date}{since} =="]
    if stop.respondents is None:
        lines.append("  " + ctx.t("Svaren kunde inte läsas.", "The responses could not be read."))
    else:
        people = ctx.t(
            f"{stop.respondents} svarande",
            f"{stop.respondents} respondent" + ("" if stop.respondents == 1 else "s"),
        )
        lines.append(f"  {people}")
        for key in ("organisation", "individual"):
            position = stop.position.get(key)
            lines.append(
                f"  {_placement_key(ctx, key)}: {position_text(position, bands, ctx)} "
                f"({_placement(ctx, stop.placement.get(key))})"
            )
        lines.append(
            f"  {_placement_key(ctx, 'overall')}: {_placement(ctx, stop.placement.get('overall'))}"
        )
    if stop.comparison is not None:
        up = ", ".join(ctx.principle_name(p) for p in stop.moves.up) or ctx.t("inget", "nothing")
        down = ", ".join(ctx.principle_name(p) for p in stop.moves.down) or ctx.t(
            "inget", "nothing"
        )
        lines.append(_wrap(f"↑ {up}", "  ", "    "))
        lines.append(_wrap(f"↓ {down}", "  ", "    "))
    if stop.plan is not None:
        lines.extend(_plan_lines(stop.plan, ctx, next_date=next_date))
    if stop.problems:
        lines.append("  " + ctx.t("Problem i omgången:", "Problems in the round:"))
        lines.extend(f"    {line}" for line in ctx.problem_lines(stop.problems))
    return lines


def _plan_lines(outcome: PlanOutcome, ctx: Context, *, next_date: dt.date | None) -> list[str]:
    from innovationsresan.followup import FOLLOW_UP_GRACE  # noqa: PLC0415 - lazy import

    title = f' "{outcome.title}"' if outcome.title else ""
    lines = ["  " + ctx.t(f"Handlingsplan{title}", f"Action plan{title}")]
    if outcome.follow_up is None:
        lines.append("    " + ctx.t("Ingen uppföljning bokad.", "No follow-up booked."))
    else:
        when = outcome.follow_up.strftime("%Y-%m-%d %H:%M")
        deadline = outcome.follow_up.date() + FOLLOW_UP_GRACE
        if outcome.followed_up is True:
            state = ctx.t(
                f"hölls i tid (omgången {next_date})", f"held on time (the round of {next_date})"
            )
        elif outcome.followed_up is False and next_date is not None:
            state = ctx.t(
                f"hölls inte i tid: nästa omgång kom {next_date}, senast var {deadline}",
                f"not held on time: the next round came on {next_date}, the latest was {deadline}",
            )
        elif outcome.followed_up is False:
            state = ctx.t(
                f"ingen ny omgång ännu, fast senast var {deadline}",
                f"no new round yet, though the latest was {deadline}",
            )
        else:
            state = ctx.t(f"ligger framför (senast {deadline})", f"still ahead (by {deadline})")
        lines.append(
            _wrap(
                ctx.t(f"Uppföljning {when}: {state}", f"Follow-up {when}: {state}"),
                "    ",
                "      ",
            )
        )
    if outcome.targets:
        parts = []
        for pid, direction in outcome.targets:
            name = ctx.principle_name(pid)
            if direction is None and outcome.next_round is None and next_date is None:
                parts.append(f"{name} ({ctx.t('inte jämfört än', 'not compared yet')})")
            elif direction is None:
                parts.append(f"{name} ({ctx.t('kan inte jämföras', 'cannot be compared')})")
            else:
                parts.append(f"{name} {_arrow(direction)}")
        compared = outcome.next_round
        if compared is None or compared == next_date:
            heading = ctx.t(
                "Planens principer till nästa omgång: ", "The plan's principles by the next round: "
            )
        else:
            # the next round could not be read: the targets compare with a later one, so name it
            heading = ctx.t(
                f"Planens principer till omgången {compared}: ",
                f"The plan's principles by the round of {compared}: ",
            )
        text = heading + ", ".join(parts)
        lines.append(_wrap(text, "    ", "      "))
    return lines


# -- small helpers -----------------------------------------------------------------------------


def _wrap(text: str, first: str, rest: str) -> str:
    """*text* wrapped to the width of a terminal, indented."""
    return textwrap.fill(
        text, width=WIDTH, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    )


def _number(value: float | None, ctx: Context) -> str:
    """Two decimals, with a decimal comma in Swedish (as ``score`` and ``recommend`` write)."""
    if value is None:
        return "–"
    text = f"{value:.2f}"
    return text if ctx.lang == "en" else text.replace(".", ",")


def _signed(value: float | None, ctx: Context) -> str:
    if value is None:
        return "–"
    text = f"{value:+.2f}"
    return text if ctx.lang == "en" else text.replace(".", ",")


_ARROWS = {"up": "↑", "down": "↓", "steady": "→"}


def _arrow(direction: Direction | None) -> str:
    return "·" if direction is None else _ARROWS[direction.value]


def _change(change: Change, ctx: Context) -> str:
    moved = f"{_number(change.before, ctx)} → {_number(change.after, ctx)}"
    return f"{moved}  ({_signed(change.delta, ctx)} {_arrow(change.direction)})"


def _perspective(ctx: Context, key: str) -> str:
    from innovationsresan.ladder import PERSPECTIVE_NAMES  # noqa: PLC0415 - lazy import

    return ctx.text(PERSPECTIVE_NAMES[key])


def _placement_key(ctx: Context, key: str) -> str:
    if key == "overall":
        return ctx.t("Sammantaget", "Overall")
    return _perspective(ctx, key)


def _placement(ctx: Context, placement: Placement | None) -> str:
    if placement is None:
        return ctx.t("okänd", "unknown")
    return ctx.level_name(str(placement))


_KINDS = {
    "staffing": ("personalresurser", "staffing"),
    "politics": ("politiska prioriteringar", "political priorities"),
    "other": ("annat", "other"),
}


def _factor_line(ctx: Context, factor: Factor) -> str:
    kind = ctx.t(*_KINDS[factor.kind.value])
    note = f": {factor.note}" if factor.note else ""
    return _wrap(f"{factor.date}  {kind}{note}", "  ", " " * 14)
