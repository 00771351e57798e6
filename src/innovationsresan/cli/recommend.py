"""The ``recommend`` command: method cards for the principles the team most wants to move on."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from innovationsresan.cli._common import Context, collections_argument, pick, positive_int

if TYPE_CHECKING:
    from innovationsresan.recommendation import Suggestion

#: How many principles the text output names as the team's largest gaps.
TOP_PRINCIPLES = 3


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    lang: str,
) -> None:
    """Add the ``recommend`` command."""
    parser = commands.add_parser(
        "recommend",
        parents=[common],
        help=pick(lang, "förslag på metodkort för gruppens glapp", "card suggestions for the gaps"),
        description=pick(
            lang,
            "Räknar ut gruppens resultat och föreslår de metodkort som tillsammans bäst stärker "
            "de principer där ni vill komma längst (skillnaden mellan önskat läge och nuläge). "
            "Varje förslag säger vilka principer kortet stärker och hur viktiga de är för er.",
            "Scores the group and suggests the method cards that together best strengthen the "
            "principles you most want to move on (the distance between the desired and the "
            "current state). Each suggestion says which principles the card strengthens and how "
            "much they matter to you.",
        ),
    )
    collections_argument(parser, lang)
    parser.add_argument(
        "-k",
        type=positive_int(lang),
        default=3,
        metavar="N",
        help=pick(lang, "högst så många kort (standard 3)", "at most this many cards (default 3)"),
    )
    parser.add_argument(
        "--max-minutes",
        type=positive_int(lang),
        default=None,
        metavar="M",
        help=pick(
            lang,
            "bara kort som tar högst M minuter (kort utan angiven tid tas inte med)",
            "only cards that take at most M minutes (cards that state no time are left out)",
        ),
    )
    parser.add_argument(
        "--group-size",
        type=positive_int(lang),
        default=None,
        metavar="N",
        help=pick(
            lang,
            "bara kort som passar en grupp på N personer",
            "only cards that suit a group of N people",
        ),
    )
    parser.add_argument(
        "--exclude",
        nargs="+",
        action="extend",
        default=[],
        metavar="ID",
        help=pick(
            lang,
            "kort som inte ska föreslås (t.ex. sådana ni redan prövat)",
            "cards not to suggest (for example ones you have already tried)",
        ),
    )
    parser.set_defaults(run=run_recommend)


def run_recommend(args: argparse.Namespace, ctx: Context) -> int:
    """Score the collections and print the suggestions."""
    from innovationsresan.recommendation import priorities_of, recommend  # noqa: PLC0415 - lazy import
    from innovationsresan.scoring import score  # noqa: PLC0415 - lazy import

    catalog = ctx.catalog()
    result = score(ctx.responses(args.collections), catalog)
    priorities = priorities_of(result)
    suggestions = recommend(
        priorities,
        catalog,
        args.k,
        max_minutes=args.max_minutes,
        group_size=args.group_size,
        exclude=args.exclude,
    )
    answered = result.answered
    if ctx.json:
        ctx.emit({"cards": ctx.jsonable(list(suggestions))})
        if not any(priorities.values()):
            ctx.note(*(_ALREADY_THERE if answered else _NOTHING_ANSWERED))
        return 0
    if not answered:
        ctx.print(ctx.t(*_NOTHING_ANSWERED))
        return 0
    ctx.print(*recommend_lines(suggestions, priorities, ctx, respondents=result.respondents))
    return 0


#: What the command says when no rating counts (every answer empty or n/a).
_NOTHING_ANSWERED = (
    "Svaren säger inget om var teamet står: varje fråga är obesvarad eller n/a. Inga kort "
    "föreslås.",
    "The answers say nothing about where the team stands: every question is unanswered or n/a. "
    "No cards are suggested.",
)


#: What the command says when every priority is 0 (docs/recommend.md), in Swedish and English.
_ALREADY_THERE = (
    "Teamet står redan där det vill vara: ingen princip har något glapp att arbeta "
    "med just nu. Inga kort föreslås.",
    "The team already stands where it wants to be: no principle has a gap to work "
    "on right now. No cards are suggested.",
)


def _number(value: float, ctx: Context) -> str:
    text = f"{value:.2f}"
    return text if ctx.lang == "en" else text.replace(".", ",")


def _principle_name(pid: str, ctx: Context) -> str:
    return ctx.principle_name(pid)


def recommend_lines(
    suggestions: Sequence[Suggestion],
    priorities: dict[str, float],
    ctx: Context,
    *,
    respondents: int | None = None,
) -> list[str]:
    """The suggestions as text a group can decide from."""
    if not any(priorities.values()):
        return [ctx.t(*_ALREADY_THERE)]
    # largest first; equal priorities keep ladder order (the sort is stable)
    positive = [(g, pid) for pid, g in priorities.items() if g > 0]
    top = sorted(positive, key=lambda item: -item[0])[:TOP_PRINCIPLES]
    gaps = ", ".join(f"{_principle_name(pid, ctx)} ({_number(g, ctx)})" for g, pid in top)
    lines = [ctx.t(f"Störst glapp: {gaps}.", f"Largest gaps: {gaps}.")]
    if respondents is not None:
        lines[0] += ctx.t(f" Utifrån {respondents} svar.", f" Based on {respondents} responses.")
    if not suggestions:
        lines.append(
            ctx.t(
                "Inget kort passar filtren. Pröva utan --max-minutes, --group-size eller "
                "--exclude.",
                "No card passes the filters. Try without --max-minutes, --group-size or --exclude.",
            )
        )
        return lines
    lines.append("")
    lines.append(ctx.t("Föreslagna kort, i vald ordning:", "Suggested cards, in the order chosen:"))
    for n, suggestion in enumerate(suggestions, 1):
        card = suggestion.card
        lines.append("")
        lines.append(f"{n}. {ctx.text(card.title)}  [{suggestion.id}]")
        summary = ctx.text(card.summary).strip()
        if summary:
            lines.append(f"   {summary}")
        facts = []
        if card.minutes is not None:
            facts.append(ctx.t(f"Tid: {card.minutes} min", f"Time: {card.minutes} min"))
        if card.group_size is not None:
            low, high = card.group_size
            facts.append(
                ctx.t(f"Gruppstorlek: {low}–{high} personer", f"Group size: {low}–{high} people")
            )
        if facts:
            lines.append("   " + " · ".join(facts))
        serves = ", ".join(
            ctx.t(
                f"{_principle_name(pid, ctx)} (prioritet {_number(g, ctx)})",
                f"{_principle_name(pid, ctx)} (priority {_number(g, ctx)})",
            )
            for pid, g in suggestion.serves.items()
        )
        lines.append(ctx.t(f"   Varför: stärker {serves}", f"   Why: strengthens {serves}"))
    lines.append("")
    lines.append(
        ctx.t(
            "Skriv en plan med korten: innovationsresan plan new -o plan.toml --cards "
            + " ".join(s.id for s in suggestions),
            "Write a plan with the cards: innovationsresan plan new -o plan.toml --cards "
            + " ".join(s.id for s in suggestions),
        )
    )
    return lines
