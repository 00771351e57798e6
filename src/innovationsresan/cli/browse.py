"""Browsing the catalogue: ``principles``, ``levels``, ``statements``, ``cards``, ``stories``
and ``support``.

Text output is for reading in a terminal, in the language of ``--lang``; ``--json`` prints the
shapes of docs/cli.md with every language of every text.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from innovationsresan.cli._common import (
    Context,
    UsageError,
    pick,
    primary_pack,
    primary_pack_among,
    primary_pack_option,
)
from innovationsresan.languages import choose

# typing is not imported at run time: ``principles`` starts within a few times Python's own start
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from innovationsresan.catalog import Catalog
    from innovationsresan.model import Card, LocalizedText, Statement, Story, SupportFunction

_LEVELS = ("limited", "innovative")
_PERSPECTIVES = ("organisation", "individual")


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    lang: str,
) -> None:
    """Add the browsing commands."""
    principles = commands.add_parser(
        "principles",
        parents=[common],
        help=pick(
            lang, "de nio principerna på repstegen", "the nine principles of the rope ladder"
        ),
        description=pick(
            lang,
            "Visar de nio principerna i repstegens ordning, med id, namn och beskrivning. "
            "Beskriver ett laddat innehållspaket en princip med egna ord visas paketets text, "
            "med paketets namn; se --pack.",
            "Shows the nine principles in ladder order, with id, name and description. When a "
            "loaded content pack describes a principle in its own words, the pack's text is "
            "shown, naming the pack; see --pack.",
        ),
    )
    primary_pack_option(principles, lang)
    principles.set_defaults(run=run_principles)

    levels = commands.add_parser(
        "levels",
        parents=[common],
        help=pick(
            lang,
            "de två nivåerna och beskrivningarna som används",
            "the two levels and the descriptions in use",
        ),
        description=pick(
            lang,
            "Visar de två nivåerna, den lägre först, med namn och beskrivning och vilket "
            "innehållspaket texten kommer från. Beskriver flera paket en nivå väljs texten från "
            "paketet i --pack (eller INNOVATIONSRESAN_PRIMARY_PACK), annars från det första "
            "paketet efter id, annars bibliotekets egen.",
            "Shows the two levels, the lower first, with name and description and the content "
            "pack the text comes from. When several packs describe a level, the text of the "
            "pack in --pack (or INNOVATIONSRESAN_PRIMARY_PACK) is chosen, else the first pack "
            "by id, else the library's own.",
        ),
    )
    primary_pack_option(levels, lang)
    levels.set_defaults(run=run_levels)

    statements = commands.add_parser(
        "statements",
        parents=[common],
        help=pick(lang, "post-it-lapparna från de laddade paketen", "the statements of the packs"),
        description=pick(
            lang,
            "Visar post-it-lapparna, ordnade efter princip, nivå och perspektiv.",
            "Shows the statements (post-it notes) by principle, level and perspective.",
        ),
    )
    _principle_option(statements, lang)
    statements.add_argument(
        "--level",
        choices=_LEVELS,
        help=pick(lang, "bara lappar på den här nivån", "only statements at this level"),
    )
    statements.add_argument(
        "--perspective",
        choices=_PERSPECTIVES,
        help=pick(lang, "bara lappar ur det här perspektivet", "only this perspective"),
    )
    statements.set_defaults(run=run_statements)

    cards = commands.add_parser(
        "cards",
        parents=[common],
        help=pick(lang, "metodkorten i kortleken", "the method cards of the deck"),
        description=pick(
            lang,
            "Visar metodkorten med tid, gruppstorlek, fas och de principer de stärker (vikterna "
            "slagna samman med andra pakets länkar). Med --principle visas bara kort som stärker "
            "den principen, starkast först.",
            "Shows the method cards with time, group size, phase and the principles they "
            "strengthen (weights merged with other packs' links). With --principle only cards "
            "that strengthen that principle are shown, strongest first.",
        ),
    )
    _principle_option(cards, lang)
    cards.add_argument(
        "--details",
        action="store_true",
        help=pick(
            lang,
            "visa hela kortet: när det passar, förberedelser, steg, material, vad som kommer ut "
            "och hur det går in i handlingsplanen",
            "show the whole card: when it fits, preparation, steps, materials, what comes out "
            "and how it goes into the action plan",
        ),
    )
    cards.set_defaults(run=run_cards)

    stories = commands.add_parser(
        "stories",
        parents=[common],
        help=pick(
            lang,
            "berättelser som hjälper er att hitta nuläge och önskat läge",
            "stories that help you find where you stand and where you want to be",
        ),
        description=pick(
            lang,
            "Visar berättelserna per princip, med rörelsen mellan nivåerna, lärdomen och frågan "
            "som berättelsen väcker: läs dem som stöd när ni ska hitta ert nuläge och önskade "
            "läge. En berättelse om flera principer står i sin helhet under den första och "
            "nämns under de andra.",
            "Shows the stories by principle, with the move between the levels, the lesson and "
            "the question the story invites: read them as help when you look for where you "
            "stand and where you want to be. A story about several principles is shown in full "
            "under the first and named under the others.",
        ),
    )
    _principle_option(stories, lang)
    stories.set_defaults(run=run_stories)

    support = commands.add_parser(
        "support",
        parents=[common],
        help=pick(
            lang,
            "stödfunktionerna som planens åtgärder kan be om hjälp",
            "the support functions plan actions can ask for help",
        ),
        description=pick(
            lang,
            "Visar kommunens stödfunktioner (HR, IT, ekonomi …) från de laddade paketen, med "
            "det id som en åtgärd i handlingsplanen skriver i support = [{ function = … }].",
            "Shows the municipality's support functions (HR, IT, finance …) from the loaded "
            "packs, with the id an action of the plan writes in support = [{ function = … }].",
        ),
    )
    support.set_defaults(run=run_support)


def _principle_option(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument(
        "--principle",
        metavar="ID",
        help=pick(
            lang,
            "bara den här principen (se innovationsresan principles)",
            "only this principle (see innovationsresan principles)",
        ),
    )


def _checked_principle(value: str | None) -> str | None:
    """The principle id for ``--principle``: an id, or a name in Swedish or English."""
    from innovationsresan.ladder import PRINCIPLE_IDS, principle_id  # noqa: PLC0415 - lazy
    from innovationsresan.model import LocalizedText  # noqa: PLC0415 - --help needs no model

    if value is None:
        return value
    found = principle_id(value)
    if found is not None:
        return found
    listed = ", ".join(PRINCIPLE_IDS)
    raise UsageError(
        LocalizedText.of(
            f"okänd princip '{value}'; välj en av: {listed}",
            f"unknown principle '{value}'; choose one of: {listed}",
        )
    )


def _catalog(ctx: Context) -> Catalog:
    """The catalogue (ctx.catalog notes packs left out), and a note on a primary pack not loaded."""
    catalog = ctx.catalog()
    for problem in catalog.problems:
        if problem.code == "primary-pack-not-loaded":
            ctx.note(
                f"Obs: {problem.location}: {problem.message.get('sv')}.",
                f"Note: {problem.location}: {problem.message.get('en')}.",
            )
    return catalog


def _principle_name(pid: str, ctx: Context) -> str:
    return ctx.principle_name(pid)


def _indented(text: str, width: int = 92) -> list[str]:
    """A paragraph wrapped for a terminal, indented under its heading."""
    import textwrap  # noqa: PLC0415 - lazy import

    return textwrap.wrap(text, width, initial_indent="   ", subsequent_indent="   ") or [""]


def _wrapped(text: str, indent: str, width: int = 96) -> list[str]:
    """Paragraphs of a long text wrapped for a terminal under *indent*."""
    import textwrap  # noqa: PLC0415 - lazy import

    paragraphs = [p for p in text.split("\n\n") if p.strip()] or [""]
    return [
        line
        for paragraph in paragraphs
        for line in textwrap.wrap(paragraph, width, initial_indent=indent, subsequent_indent=indent)
        or [indent]
    ]


def _weight(value: float, ctx: Context) -> str:
    text = f"{value:g}"
    return text if ctx.lang == "en" else text.replace(".", ",")


# -- principles --------------------------------------------------------------------------------


def run_principles(args: argparse.Namespace, ctx: Context) -> int:
    """Print the nine principles, in the words of the pack chosen for each."""
    shown = _shown(args, ctx, "principles")
    if ctx.json:
        ctx.emit(shown)
        return 0
    lines: list[str] = []
    for n, principle in enumerate(shown, 1):
        if lines:
            lines.append("")
        lines.append(f"{n}. {choose(principle['name'], ctx.lang)}  [{principle['id']}]")
        lines.extend(_indented(choose(principle["description"], ctx.lang)))
        if principle["pack"] is not None:
            lines.append(f"   (Text: {principle['pack']})")
    ctx.print(*lines)
    return 0


def _shown(args: argparse.Namespace, ctx: Context, kind: str) -> list[dict[str, Any]]:
    """What ``principles --json`` or ``levels --json`` (*kind*) prints for the pack ``--pack``
    chooses: the texts shown, whose they are and every pack's own words.

    The index of installed packs answers when it can (docs/performance.md), without loading
    any pack; else the catalogue is loaded. Text and JSON output are both made from this one
    shape, so they cannot differ between the two ways.
    """
    index = ctx.pack_index()
    if index is not None:
        choices = index.principles if kind == "principles" else index.levels
        return choices[primary_pack_among(args, index.loaded) or ""]
    catalog = _catalog(ctx)
    primary = primary_pack(args, catalog)
    from innovationsresan.files.jsonable import levels_json, principles_json  # noqa: PLC0415

    if kind == "principles":
        return principles_json(catalog, primary)
    return levels_json(catalog, primary)


# -- levels ------------------------------------------------------------------------------------


def run_levels(args: argparse.Namespace, ctx: Context) -> int:
    """Print the two levels with the descriptions in use and the pack of each."""
    shown = _shown(args, ctx, "levels")
    if ctx.json:
        ctx.emit(shown)
        return 0
    lines: list[str] = []
    for level in shown:
        if lines:
            lines.append("")
        lines.append(f"{choose(level['name'], ctx.lang)}  [{level['id']}]")
        lines.extend(_indented(choose(level["description"], ctx.lang)))
        source = level["pack"] or ctx.t("biblioteket", "the library")
        lines.append(f"   (Text: {source})")
        others = sorted({d["pack"] for d in level["descriptions"]} - {level["pack"]})
        if others:
            listed = ", ".join(others)
            lines.append(
                ctx.t(
                    f"   Beskrivs också av: {listed} (välj med --pack)",
                    f"   Also described by: {listed} (choose with --pack)",
                )
            )
    ctx.print(*lines)
    return 0


# -- statements --------------------------------------------------------------------------------


def run_statements(args: argparse.Namespace, ctx: Context) -> int:
    """Print the statements, filtered."""
    principle = _checked_principle(args.principle)
    catalog = _catalog(ctx)
    chosen = catalog.statements_for(principle, level=args.level, perspective=args.perspective)
    if ctx.json:
        ctx.emit(ctx.jsonable(list(chosen)))
        return 0
    ctx.print(*statement_lines(chosen, ctx))
    return 0


def statement_lines(statements: Sequence[Statement], ctx: Context) -> list[str]:
    """Statements under a heading per principle, and per level and perspective within it."""
    from innovationsresan.ladder import (  # noqa: PLC0415 - lazy import
        PERSPECTIVE_NAMES,
        PRINCIPLE_IDS,
    )

    if not statements:
        return [ctx.t("Inga lappar matchar.", "No statements match.")]
    rung = {pid: i for i, pid in enumerate(PRINCIPLE_IDS)}
    ordered = sorted(
        statements,
        key=lambda s: (
            rung.get(s.principle, len(rung)),
            _LEVELS.index(s.level.value),
            _PERSPECTIVES.index(s.perspective.value),
            f"{s.pack}:{s.id}",
        ),
    )
    lines: list[str] = []
    principle = group = None
    for statement in ordered:
        if statement.principle != principle:
            principle, group = statement.principle, None
            if lines:
                lines.append("")
            lines.append(f"{_principle_name(principle, ctx)} [{principle}]")
        here = (statement.level.value, statement.perspective.value)
        if here != group:
            group = here
            level = ctx.level_name(here[0])
            perspective = ctx.text(PERSPECTIVE_NAMES[here[1]])
            lines.append(f"  {level} · {perspective}")
        lines.append(f"    - {ctx.text(statement.text)}  [{statement.pack}:{statement.id}]")
    lines.append("")
    lines.append(ctx.t(f"{len(statements)} lappar.", f"{len(statements)} statements."))
    return lines


# -- cards -------------------------------------------------------------------------------------


def run_cards(args: argparse.Namespace, ctx: Context) -> int:
    """Print the cards; for one principle sorted by its weight, strongest first."""
    principle = _checked_principle(args.principle)
    catalog = _catalog(ctx)
    if principle is None:
        chosen = tuple(sorted(catalog.cards, key=lambda c: f"{c.pack}:{c.id}"))
    else:
        chosen = catalog.cards_for(principle)
    if ctx.json:
        ctx.emit(ctx.jsonable(list(chosen)))
        return 0
    ctx.print(*card_lines(chosen, ctx, details=args.details))
    return 0


def card_lines(cards: Sequence[Card], ctx: Context, *, details: bool = False) -> list[str]:
    """Each card with its summary, facts and weights (in the order given); with *details* the
    whole card, ready to run."""
    from innovationsresan.ladder import ORIGIN_NAMES, PHASE_NAMES  # noqa: PLC0415 - lazy import

    if not cards:
        return [ctx.t("Inga kort matchar.", "No cards match.")]
    lines: list[str] = []
    for card in cards:
        if lines:
            lines.append("")
        lines.append(f"{ctx.text(card.title)}  [{card.pack}:{card.id}]")
        summary = ctx.text(card.summary).strip()
        if summary:
            lines.append(f"   {summary}")
        facts: list[str] = []
        if card.minutes is not None:
            facts.append(f"{card.minutes} min")
        if card.group_size is not None:
            low, high = card.group_size
            facts.append(ctx.t(f"{low}–{high} personer", f"{low}–{high} people"))
        if card.phase is not None:
            phase = ctx.text(PHASE_NAMES[card.phase])
            facts.append(ctx.t(f"fas: {phase}", f"phase: {phase}"))
        facts.append(ctx.text(ORIGIN_NAMES[card.origin]))
        if facts:
            lines.append("   " + " · ".join(facts))
        weights = ", ".join(
            f"{_principle_name(pid, ctx)} {_weight(w, ctx)}" for pid, w in card.principles
        )
        lines.append(ctx.t(f"   Stärker: {weights}", f"   Strengthens: {weights}"))
        if card.linked_by:
            packs = ", ".join(card.linked_by)
            lines.append(ctx.t(f"   Länkat av: {packs}", f"   Linked by: {packs}"))
        if details:
            lines.extend(_card_details(card, ctx))
    lines.append("")
    lines.append(ctx.t(f"{len(cards)} kort.", f"{len(cards)} cards."))
    return lines


def _card_details(card: Card, ctx: Context) -> list[str]:
    """The parts of a card a facilitator runs it by, each under its label."""
    lines: list[str] = []

    def part(sv: str, en: str, text: LocalizedText) -> None:
        if text:
            lines.append(f"   {ctx.t(sv, en)}: {ctx.text(text)}")

    part("Passar", "Fits", card.use_when)
    part("Förbered", "Prepare", card.preparation)
    if card.materials:
        listed = "; ".join(ctx.text(m) for m in card.materials)
        lines.append(f"   {ctx.t('Material', 'Materials')}: {listed}")
    if card.steps:
        lines.append(f"   {ctx.t('Steg', 'Steps')}:")
        lines.extend(f"     {n}. {ctx.text(step)}" for n, step in enumerate(card.steps, 1))
    part("Det här kommer ut", "What comes out", card.outcome)
    part("Till handlingsplanen", "Into the action plan", card.into_plan)
    if card.source:
        lines.append(f"   {ctx.t('Källa', 'Source')}: {card.source}")
    return lines


# -- stories -----------------------------------------------------------------------------------


def run_stories(args: argparse.Namespace, ctx: Context) -> int:
    """Print the stories by principle, as help to find where the team stands."""
    principle = _checked_principle(args.principle)
    catalog = _catalog(ctx)
    chosen = tuple(
        story
        for story in sorted(catalog.stories, key=lambda s: f"{s.pack}:{s.id}")
        if principle is None or principle in story.principles
    )
    if ctx.json:
        ctx.emit(ctx.jsonable(list(chosen)))
        return 0
    ctx.print(*story_lines(chosen, ctx, principle=principle))
    return 0


def story_lines(
    stories: Sequence[Story], ctx: Context, *, principle: str | None = None
) -> list[str]:
    """The stories under a heading per principle in ladder order, each with its question.

    A story about several principles is told in full under the first of them that is shown and
    named, with its question, under the others. With *principle* only that heading is shown.
    """
    from innovationsresan.ladder import PRINCIPLE_IDS  # noqa: PLC0415 - lazy import

    if not stories:
        return [ctx.t("Inga berättelser.", "No stories.")]
    lines = [
        ctx.t(
            "Berättelserna är stöd för att hitta ert nuläge och önskade läge: läs en berättelse "
            "och ställ dess fråga till er själva.",
            "The stories are help for finding where you stand and where you want to be: read a "
            "story and ask yourselves its question.",
        )
    ]
    headings = [principle] if principle is not None else list(PRINCIPLE_IDS)
    told: dict[str, str] = {}
    for pid in headings:
        under = [s for s in stories if pid in s.principles]
        if not under:
            continue
        lines.append("")
        lines.append(f"{_principle_name(pid, ctx)} [{pid}]")
        for story in under:
            lines.extend(_story_entry(story, ctx, told, pid))
    others = [s for s in stories if not any(p in PRINCIPLE_IDS for p in s.principles)]
    if others and principle is None:
        lines.append("")
        lines.append(ctx.t("Utan princip", "Without a principle"))
        for story in others:
            lines.extend(_story_entry(story, ctx, told, ""))
    lines.append("")
    lines.append(ctx.t(f"{len(stories)} berättelser.", f"{len(stories)} stories."))
    return lines


def _story_entry(story: Story, ctx: Context, told: dict[str, str], pid: str) -> list[str]:
    """One story under one principle heading: in full the first time, then by name."""
    from innovationsresan.ladder import story_path  # noqa: PLC0415 - lazy import

    key = f"{story.pack}:{story.id}"
    lines = ["", f"  {ctx.text(story.title)}  [{key}]"]
    question = ctx.text(story.question).strip()
    if key in told:
        first = told[key]
        lines.append(ctx.t(f"    Berättad under {first} ovan.", f"    Told under {first} above."))
    else:
        without = ctx.t("Utan princip", "Without a principle")
        told[key] = _principle_name(pid, ctx) if pid else without
        principles = ", ".join(_principle_name(p, ctx) for p in story.principles)
        lines.append(ctx.t(f"    Principer: {principles}", f"    Principles: {principles}"))
        names = {shown.id: shown.name for shown in ctx.catalog().levels()}
        path = story_path(story.from_level, story.to_level, names)
        if path is not None:
            lines.append(f"    {ctx.text(path)}")
        lines.extend(_wrapped(ctx.text(story.text), "    "))
        if story.lesson:
            lesson = ctx.text(story.lesson)
            lines.append(ctx.t(f"    Lärdom: {lesson}", f"    Lesson: {lesson}"))
    if question:
        lines.append(ctx.t(f"    Fråga till er: {question}", f"    Ask yourselves: {question}"))
    return lines


# -- support -----------------------------------------------------------------------------------


def run_support(args: argparse.Namespace, ctx: Context) -> int:
    """Print the support functions of the loaded packs."""
    catalog = _catalog(ctx)
    chosen = tuple(sorted(catalog.support, key=lambda f: f"{f.pack}:{f.id}"))
    if ctx.json:
        ctx.emit(ctx.jsonable(list(chosen)))
        return 0
    ctx.print(*support_lines(chosen, ctx))
    return 0


def support_lines(functions: Sequence[SupportFunction], ctx: Context) -> list[str]:
    """Each support function with its qualified id and what it helps with."""
    if not functions:
        return [
            ctx.t(
                "Inga stödfunktioner: inget laddat paket listar några. Skriv stödet med egna "
                'ord i planen: support = [{ need = "…", ask = "…" }].',
                "No support functions: no loaded pack lists any. Write the support in words in "
                'the plan: support = [{ need = "…", ask = "…" }].',
            )
        ]
    lines: list[str] = []
    for function in functions:
        lines.append(f"{ctx.text(function.name)}  [{function.pack}:{function.id}]")
        if function.description:
            lines.append(f"   {ctx.text(function.description)}")
    lines.append("")
    count = len(functions)
    lines.append(
        ctx.t(
            f"{count} {'stödfunktion' if count == 1 else 'stödfunktioner'}.",
            f"{count} support {'function' if count == 1 else 'functions'}.",
        )
    )
    return lines
