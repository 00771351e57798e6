"""The ``score`` and ``reflect`` commands: the group's result, and one person's reflection.

``score`` prints a table a facilitator can read aloud, ``--csv`` a spreadsheet, ``--json`` the
shape of docs/cli.md. ``reflect`` asks one person the questions in the terminal and writes a
response file only when every question has been put, so an interrupted session leaves no file.
"""

from __future__ import annotations

import argparse
import csv
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from innovationsresan.cli._common import (
    Context,
    UsageError,
    cannot_write,
    check_output,
    collections_argument,
    force_option,
    pick,
    position_text,
    primary_pack,
    primary_pack_option,
    terminal_text,
    today,
    today_option,
)

if TYPE_CHECKING:
    from innovationsresan.catalog import Catalog
    from innovationsresan.model import ShownDescription, Statement
    from innovationsresan.responses import Rating
    from innovationsresan.scoring import Bands, GroupResult, Stats


#: The columns of ``score --csv``.
CSV_COLUMNS = (
    "principle",
    "name",
    "perspective",
    "n",
    "mean",
    "median",
    "min",
    "max",
    "sd",
    "consensus",
    "desired",
    "gap",
    "priority",
    "placement",
)


def _bands_type(lang: str) -> Any:
    def parse(text: str) -> Bands:
        from innovationsresan.errors import InputError  # noqa: PLC0415 - lazy import
        from innovationsresan.scoring import Bands  # noqa: PLC0415 - lazy import

        parts = text.split(",")
        try:
            if len(parts) != 2:
                raise ValueError(text)
            return Bands(float(parts[0]), float(parts[1]))
        except (ValueError, InputError):
            raise argparse.ArgumentTypeError(
                pick(
                    lang,
                    f"ska vara två tal LO,HI med 0 ≤ LO < HI ≤ 1, t.ex. 0.4,0.6 (inte {text!r})",
                    f"must be two numbers LO,HI with 0 ≤ LO < HI ≤ 1, e.g. 0.4,0.6 (not {text!r})",
                )
            ) from None

    return parse


def _scale_type(lang: str) -> Any:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = 0
        if not 2 <= value <= 11:
            raise argparse.ArgumentTypeError(
                pick(
                    lang,
                    f"ska vara ett heltal 2–11 (inte {text!r})",
                    f"must be a whole number 2–11 (not {text!r})",
                )
            )
        return value

    return parse


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    lang: str,
) -> None:
    """Add the ``score`` and ``reflect`` commands."""
    parser = commands.add_parser(
        "score",
        parents=[common],
        help=pick(
            lang,
            "gruppens resultat per princip och perspektiv, och läget",
            "the group's result per principle and perspective, and its placement",
        ),
        description=pick(
            lang,
            "Räknar ut gruppens resultat: för varje princip och perspektiv medelvärde, spridning, "
            "önskat läge och glappet dit, och var gruppen hamnar mellan byråkrati med begränsad "
            "innovation och innovativ byråkrati. Alla tal ligger mellan 0 och 1.",
            "Scores the group: for each principle and perspective the mean, the spread, the "
            "desired state and the gap to it, and where the group stands between a bureaucracy "
            "with limited innovation and an innovative bureaucracy. Every number lies in 0..1.",
        ),
    )
    collections_argument(parser, lang)
    parser.add_argument(
        "--csv",
        action="store_true",
        help=pick(
            lang,
            "skriv resultatet som CSV för ett kalkylark på stdout (en rad per princip och "
            "perspektiv, sist raderna 'position' med läget)",
            "print the result as CSV for a spreadsheet on stdout (one row per principle and "
            "perspective, then the 'position' rows with the placement)",
        ),
    )
    parser.add_argument(
        "--bands",
        type=_bands_type(lang),
        default=None,
        metavar="LO,HI",
        help=pick(
            lang,
            "gränserna för nivåerna (standard 0.4,0.6): under LO begränsad, över HI innovativ",
            "the band limits (default 0.4,0.6): below LO limited, above HI innovative",
        ),
    )
    parser.set_defaults(run=run_score)

    reflect = commands.add_parser(
        "reflect",
        parents=[common],
        help=pick(
            lang,
            "svara på frågorna i terminalen och spara ett svar",
            "answer the questions in the terminal and save a response",
        ),
        description=pick(
            lang,
            "Går igenom repstegens nio principer en i taget. För varje princip visas först "
            "innehållspaketens post-it-lappar för de två nivåerna, att läsa igenom; sedan frågas "
            "var organisationen står och var du själv står, i dag och där du vill stå (36 svar i "
            "allt). Med --statements svarar du också hur väl varje lapp stämmer. Svara med ett "
            "heltal, n/a (inte tillämpligt) eller tomt (hoppa över). Filen skrivs först när alla "
            "frågor är ställda.",
            "Goes through the nine principles of the rope ladder one at a time. For each, the "
            "content packs' post-it notes for the two levels are shown first, to read through; "
            "then you are asked where the organisation stands and where you yourself stand, "
            "today and where you want to stand (36 answers in all). With --statements you also "
            "answer how well each note fits. Answer with a whole number, n/a (not applicable) "
            "or nothing (skip). The file is written only once every question has been asked.",
        ),
    )
    reflect.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help=pick(lang, "svarsfilen (.toml eller .json)", "the response file (.toml or .json)"),
    )
    reflect.add_argument(
        "--respondent",
        default=None,
        metavar="NAME",
        help=pick(lang, "en pseudonym för den som svarar", "a pseudonym for the respondent"),
    )
    reflect.add_argument(
        "--scale",
        type=_scale_type(lang),
        default=5,
        metavar="K",
        help=pick(
            lang, "antal steg på skalan, 2–11 (standard 5)", "points on the scale, 2–11 (default 5)"
        ),
    )
    force_option(reflect, lang)
    today_option(reflect, lang)
    reflect.add_argument(
        "--statements",
        action="store_true",
        help=pick(
            lang,
            "svara också hur väl varje post-it-lapp stämmer (den långa formen)",
            "also answer how well each post-it note fits (the long form)",
        ),
    )
    primary_pack_option(reflect, lang)
    reflect.set_defaults(run=run_reflect)


# -- score -------------------------------------------------------------------------------------


def run_score(args: argparse.Namespace, ctx: Context) -> int:
    """Score the collections and print the result as a table, CSV or JSON."""
    from innovationsresan.model import LocalizedText  # noqa: PLC0415 - --help needs no model
    from innovationsresan.scoring import score  # noqa: PLC0415 - lazy import

    if args.csv and ctx.json:
        raise UsageError(
            LocalizedText.of(
                "välj --csv eller --json, inte båda", "choose --csv or --json, not both"
            )
        )
    result = score(ctx.responses(args.collections), ctx.catalog(), bands=args.bands)
    if ctx.json:
        ctx.emit(ctx.jsonable(result))
    elif args.csv:
        write_score_csv(result, ctx.out, ctx.lang)
    else:
        ctx.print(*score_lines(result, ctx))
    return 0


def _number(value: float | None, ctx: Context, *, signed: bool = False) -> str:
    if value is None:
        return "–"
    text = f"{value:+.2f}" if signed else f"{value:.2f}"
    return text if ctx.lang == "en" else text.replace(".", ",")


def _name(pid: str, ctx: Context) -> str:
    return ctx.principle_name(pid)


def _placement_name(placement: Any, ctx: Context) -> str:
    if placement is None:
        return ctx.t("inget svar att räkna på", "no answers to go on")
    return ctx.level_name(placement.value)


def _cells(stats: Stats, ctx: Context) -> list[str]:
    low = stats.low_consensus
    return [
        _number(stats.mean, ctx) + ("!" if low else " "),
        _number(stats.sd, ctx),
        _number(stats.desired, ctx),
        _number(stats.gap, ctx, signed=True),
    ]


def score_lines(result: GroupResult, ctx: Context) -> list[str]:
    """The group result as text: a table per principle, a legend, the positions and placements."""
    from innovationsresan.ladder import PERSPECTIVE_NAMES  # noqa: PLC0415 - lazy import

    packs = ", ".join(f"{pid} {version}".strip() for pid, version in result.packs)
    lines = [
        ctx.t(
            f"Gruppens resultat: {result.respondents} svarande",
            f"The group's result: {result.respondents} "
            + ("respondent" if result.respondents == 1 else "respondents"),
        )
        + (ctx.t(f" (innehållspaket: {packs})", f" (content packs: {packs})") if packs else ""),
    ]
    if result.few_respondents:
        lines.append(
            ctx.t(
                "Obs! Färre än tre svarande: enskilda personers svar kan läsas ut ur resultatet.",
                "Note: fewer than three respondents, so individual answers can be read from "
                "this result.",
            )
        )
    lines.append("")
    names = {p.id: _name(p.id, ctx) for p in result.principles}
    width = max([len(n) for n in names.values()] + [len(ctx.t("Princip", "Principle"))]) + 2
    heads = [
        ctx.t("nu", "now") + " ",
        ctx.t("spridn.", "spread"),
        ctx.t("önskat", "desired"),
        ctx.t("glapp", "gap"),
    ]
    sizes = [7, 8, 8, 7]
    block = sum(sizes) + 2

    def row(first: str, cells: Sequence[str], last: str) -> str:
        text = first.ljust(width)
        for group in range(2):
            text += "  " + "".join(
                c.rjust(s) for c, s in zip(cells[group * 4 : group * 4 + 4], sizes, strict=True)
            )
        return text + "  " + last.rjust(6)

    titles = [ctx.text(PERSPECTIVE_NAMES[q]) for q in ("organisation", "individual")]
    lines.append(" " * width + "".join(("  " + t).ljust(block) for t in titles))
    lines.append(row(ctx.t("Princip", "Principle"), heads * 2, ctx.t("prio", "prio")))
    fewer: list[str] = []
    for p in result.principles:
        lines.append(
            row(
                names[p.id],
                _cells(p.organisation, ctx) + _cells(p.individual, ctx),
                _number(p.priority, ctx),
            )
        )
        for q, title in zip(("organisation", "individual"), titles, strict=True):
            n = p.stats(q).n
            # a cell nobody answered already shows "–"; listing it as 0/n would only be noise
            if 0 < n < result.respondents:
                fewer.append(f"{names[p.id]} ({title.lower()}) {n}/{result.respondents}")
    from innovationsresan.scoring import LOW_CONSENSUS  # noqa: PLC0415 - lazy import

    low = _number(LOW_CONSENSUS, ctx)
    lines += [
        "",
        ctx.t(
            f"! = låg samstämmighet (konsensus under {low}): svaren går isär, prata om varför.",
            f"! = low agreement (consensus below {low}): the answers lie far apart; "
            "talk about why.",
        ),
        ctx.t(
            "Alla tal går från 0 (byråkrati med begränsad innovation) till 1 (innovativ "
            "byråkrati). Nu = medelvärdet i dag, spridn. = standardavvikelse, önskat = var ni "
            "vill stå, glapp = önskat minus nu, prio = hur mycket principen behöver stärkas.",
            "Every number runs from 0 (bureaucracy with limited innovation) to 1 (innovative "
            "bureaucracy). Now = today's mean, spread = standard deviation, desired = where you "
            "want to stand, gap = desired minus now, prio = how much the principle needs "
            "strengthening.",
        ),
    ]
    if fewer:
        lines.append(ctx.t("Färre svar på: ", "Fewer answers on: ") + "; ".join(fewer) + ".")
    lo, hi = _number(result.bands.lo, ctx), _number(result.bands.hi, ctx)
    lines += [
        "",
        ctx.t(
            f"Läge (under {lo} begränsad innovation, över {hi} innovativ, "
            "däremellan mellanbandet):",
            f"Placement (below {lo} limited innovation, above {hi} innovative, "
            "in between the middle band):",
        ),
    ]
    label = max(len(t) for t in [*titles, ctx.t("Sammantaget", "Overall")]) + 2
    for q, title in zip(("organisation", "individual"), titles, strict=True):
        position = position_text(result.position[q], result.bands, ctx)
        lines.append(
            f"  {title.ljust(label)}{position.rjust(5)}  "
            + _placement_name(result.placement[q], ctx)
        )
    lines.append(
        "  "
        + ctx.t("Sammantaget", "Overall").ljust(label)
        + " " * 7
        + _placement_name(result.placement["overall"], ctx)
    )
    lines = [wrapped.rstrip() for line in lines for wrapped in _wrap(line)]
    return lines + explanation_lines(result, ctx)


def explanation_lines(result: GroupResult, ctx: Context) -> list[str]:
    """How the placement was reached, per perspective and overall (docs/concepts.md)."""
    explanation = result.explanation
    lines = ["", ctx.t("Så har läget räknats fram:", "How the placement was reached:")]
    for key in ("organisation", "individual", "overall"):
        text = ctx.text(explanation.describe(key, brief=key == "overall"))
        if key == "overall":
            text = ctx.t("Sammantaget: ", "Overall: ") + text
        lines.extend(textwrap.wrap(text, 100, initial_indent="  ", subsequent_indent="    "))
    return lines


def _wrap(line: str, width: int = 100) -> list[str]:
    """Long prose lines wrapped; table rows (which start with a name or spaces) kept whole."""
    if len(line) <= width or "  " in line:
        return [line]
    return textwrap.wrap(line, width) or [""]


def _csv_number(value: float | None) -> str:
    return "" if value is None else repr(value)


def write_score_csv(result: GroupResult, out: TextIO, lang: str = "sv") -> None:
    """Write the result as CSV: one row per principle and perspective, then the positions.

    Numbers keep full precision with a decimal point; an undefined one is an empty cell.
    The rows whose ``principle`` is ``position`` give each perspective's position (in ``mean``)
    and placement, and the overall placement.
    """
    from innovationsresan.ladder import principle  # noqa: PLC0415 - lazy import

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for p in result.principles:
        name = principle(p.id).name.get(lang)
        for q in ("organisation", "individual"):
            s = p.stats(q)
            writer.writerow(
                [
                    p.id,
                    name,
                    q,
                    s.n,
                    *(
                        _csv_number(x)
                        for x in (
                            s.mean,
                            s.median,
                            s.min,
                            s.max,
                            s.sd,
                            s.consensus,
                            s.desired,
                            s.gap,
                        )
                    ),
                    _csv_number(p.priority),
                    "",
                ]
            )
    for key in ("organisation", "individual", "overall"):
        placement = result.placement[key]
        position = result.position.get(key)
        writer.writerow(
            [
                "position",
                "",
                key,
                "",
                _csv_number(position),
                *([""] * 8),
                "" if placement is None else placement.value,
            ]
        )


# -- reflect -----------------------------------------------------------------------------------


class _InputEndedError(Exception):
    """The input ended before the last question."""


class _Asker:
    """Puts questions on the terminal and reads answers until one is valid."""

    def __init__(self, ctx: Context, stream: TextIO, scale: int) -> None:
        self.ctx = ctx
        self.stream = stream
        self.scale = scale
        self.out = ctx.err if ctx.json else ctx.out

    def say(self, text: str = "", *, indent: str | None = None) -> None:
        """Print *text*; with *indent*, wrapped to the width of a terminal."""
        if indent is not None:
            text = textwrap.fill(text, 88, initial_indent=indent, subsequent_indent=indent)
        print(terminal_text(text), file=self.out)

    def ask(self, prompt: str) -> Rating | None:
        from innovationsresan.responses import NA, is_na  # noqa: PLC0415 - lazy import

        ctx, k = self.ctx, self.scale
        hint = ctx.t(f"1–{k}, n/a, tomt = hoppa över", f"1–{k}, n/a, empty = skip")
        while True:
            self.out.write(terminal_text(f"{prompt} [{hint}]: "))
            self.out.flush()
            line = self.stream.readline()
            if not line:
                self.say()
                raise _InputEndedError
            answer = line.strip().lower()
            if not answer:
                return None
            if is_na(answer):  # the rule of every file format: n/a in any case
                return NA
            # a whole number of at most two digits: longer ones are out of range anyway (and
            # Python refuses to convert one of thousands of digits)
            if answer.isdigit() and answer.isascii() and len(answer) <= 2 and 1 <= int(answer) <= k:
                return int(answer)
            self.say(
                ctx.t(
                    f"  Svara med ett heltal från 1 till {k}, n/a om frågan inte passar, "
                    "eller lämna tomt för att hoppa över.",
                    f"  Answer with a whole number from 1 to {k}, n/a if the question does not "
                    "apply, or leave it empty to skip.",
                )
            )


def _output_path(args: argparse.Namespace, ctx: Context) -> Path:
    """Check the output file and the respondent before the first question, so none is wasted."""
    from innovationsresan.files.documents import printable  # noqa: PLC0415 - lazy import
    from innovationsresan.model import LocalizedText  # noqa: PLC0415 - --help needs no model

    path = Path(args.output)
    if path.suffix.lower() not in (".toml", ".json"):
        raise UsageError(
            LocalizedText.of(
                f"{path}: filnamnet ska sluta på .toml eller .json",
                f"{path}: the file name must end in .toml or .json",
            )
        )
    if args.respondent is not None and printable(args.respondent) != args.respondent:
        # the terminal gave bytes that are not UTF-8: the file could never hold them
        raise UsageError(
            LocalizedText.of(
                f"--respondent '{printable(args.respondent)}' är inte giltig UTF-8-text; "
                "skriv namnet igen.",
                f"--respondent '{printable(args.respondent)}' is not valid UTF-8 text; "
                "type the name again.",
            )
        )
    return check_output(path, force=args.force)


def _save_fallback(text: str, suffix: str) -> Path | None:
    """Save answers that could not be written where asked; the file's path, or ``None``.

    Tried in order: the home folder, the system's temporary folder, the working folder. The
    file is private (readable by its owner only): answers are personal data.
    """
    import os  # noqa: PLC0415
    import tempfile  # noqa: PLC0415

    places = [Path.home(), Path(tempfile.gettempdir()), Path.cwd()]
    for place in places:
        try:
            fd, name = tempfile.mkstemp(
                prefix="innovationsresan-svar-", suffix=f".{suffix}", dir=place
            )
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
        except (OSError, RuntimeError):
            continue
        return Path(name)
    return None


def run_reflect(args: argparse.Namespace, ctx: Context) -> int:
    """Ask the questions, then write the response atomically (nothing on EOF or Ctrl-C)."""
    from innovationsresan.files.responses import (  # noqa: PLC0415 - lazy import
        response_json,
        response_text,
        write_response,
    )
    from innovationsresan.model import LocalizedText  # noqa: PLC0415 - --help needs no model
    from innovationsresan.responses import Response  # noqa: PLC0415 - lazy import

    path = _output_path(args, ctx)
    # Check the name before the questions, so a bad one costs no answers.
    Response(respondent=args.respondent, scale=args.scale)
    catalog = ctx.catalog()
    asker = _Asker(ctx, sys.stdin, args.scale)
    try:
        current, desired, statements = _interview(
            asker, catalog, ctx, statements=args.statements, primary=primary_pack(args, catalog)
        )
    except _InputEndedError:
        # Input that ends early (a pipe, a file) cannot make a response: unusable input, exit 2.
        print(
            ctx.t(
                "Svaren tog slut före sista frågan: ingen fil skrevs.",
                "The answers ended before the last question: no file was written.",
            ),
            file=ctx.err,
        )
        return 2
    except KeyboardInterrupt:
        print(
            ctx.t("Avbrutet: ingen fil skrevs.", "Cancelled: no file was written."),
            file=ctx.err,
        )
        return 130
    response = Response(
        respondent=args.respondent,
        date=today(args),
        scale=args.scale,
        current=current,
        desired=desired,
        statements=statements,
    )
    fmt = path.suffix.lower().removeprefix(".")
    try:
        write_response(response, path, overwrite=args.force)
    except OSError as exc:
        # The answers exist only here now: save them elsewhere and say where.
        saved = _save_fallback(response_text(response, fmt), fmt)
        if saved is None:
            asker.say(response_text(response, fmt))
        reason = (
            LocalizedText.of(
                f"{path} finns redan (filen kom till medan frågorna ställdes).",
                f"{path} already exists (the file appeared while the questions were asked).",
            )
            if isinstance(exc, FileExistsError)
            else cannot_write(path, exc)
        )
        kept = (
            LocalizedText.of(
                f" Svaren är sparade i {saved}; flytta filen dit den ska.",
                f" The answers are saved in {saved}; move the file where it belongs.",
            )
            if saved is not None
            else LocalizedText.of(
                " Svaren står ovan; spara dem för hand.",
                " The answers are shown above; save them by hand.",
            )
        )
        raise UsageError(
            LocalizedText.of(reason.get("sv") + kept.get("sv"), reason.get("en") + kept.get("en"))
        ) from exc
    answered = len(response.current) + len(response.desired) + len(response.statements)
    asker.say(
        ctx.t(
            f"Tack! {answered} svar sparade i {path}.",
            f"Thank you! {answered} answers saved in {path}.",
        )
    )
    if ctx.json:
        ctx.emit(response_json(response))
    return 0


#: Per perspective: the question, then the two prompts (today, wanted), in Swedish and English.
_QUESTIONS = {
    "organisation": (
        ("  Var står organisationen?", "  Where does the organisation stand?"),
        ("    I dag", "    Today"),
        ("    Där du vill att den ska stå", "    Where you want it to stand"),
    ),
    "individual": (
        ("  Var står du själv?", "  Where do you yourself stand?"),
        ("    I dag", "    Today"),
        ("    Där du vill stå", "    Where you want to stand"),
    ),
}


def _interview(
    asker: _Asker,
    catalog: Catalog,
    ctx: Context,
    *,
    statements: bool = False,
    primary: str | None = None,
) -> tuple[dict[str, dict[str, Rating]], dict[str, dict[str, Rating]], dict[str, Rating]]:
    """Per principle: its post-its of both levels to read, then where the organisation and
    you yourself stand today and where you want to stand (36 answers in all); with
    *statements* also how well each post-it fits."""
    from innovationsresan.ladder import PRINCIPLE_IDS  # noqa: PLC0415 - lazy import

    k = asker.scale
    current: dict[str, dict[str, Rating]] = {}
    desired: dict[str, dict[str, Rating]] = {}
    ratings: dict[str, Rating] = {}
    limited, innovative = catalog.levels(primary)
    low, high = ctx.text(limited.name), ctx.text(innovative.name)
    asker.say(
        ctx.t(
            f"Repstegen har nio principer. För var och en läser du först post-it-lapparna som "
            f"beskriver principen på de två nivåerna. Sedan svarar du var organisationen står och "
            f"var du själv står, i dag och där du vill stå, på en skala 1–{k}: 1 = {low}, "
            f"{k} = {high}. Svara n/a om en fråga inte passar och lämna tomt för att hoppa över. "
            "Ctrl-C avbryter utan att spara något.",
            f"The rope ladder has nine principles. For each you first read the post-it notes "
            f"that describe it at the two levels. Then you answer where the organisation stands "
            f"and where you yourself stand, today and where you want to stand, on a scale "
            f"1–{k}: 1 = {low}, {k} = {high}. Answer n/a when a question does not apply and "
            "leave it empty to skip it. Ctrl-C stops without saving anything.",
        ),
        indent="",
    )
    for level in (limited, innovative):
        asker.say()
        asker.say(ctx.text(level.name) + (f" ({level.pack})" if level.pack else ""))
        asker.say(ctx.text(level.description), indent="  ")
    for n, pid in enumerate(PRINCIPLE_IDS, 1):
        shown = catalog.principle_description(pid, primary)
        notes = catalog.statements_for(pid)
        asker.say()
        asker.say(
            ctx.t(
                f"Princip {n} av {len(PRINCIPLE_IDS)}: ", f"Principle {n} of {len(PRINCIPLE_IDS)}: "
            )
            + ctx.text(shown.name)
        )
        asker.say(ctx.text(shown.description), indent="  ")
        _show_notes(asker, ctx, notes, (limited, innovative))
        for perspective in ("organisation", "individual"):
            question, today_prompt, wish_prompt = _QUESTIONS[perspective]
            asker.say(ctx.t(*question))
            now = asker.ask(ctx.t(*today_prompt))
            if now is not None:
                current.setdefault(perspective, {})[pid] = now
            wish = asker.ask(ctx.t(*wish_prompt))
            if wish is not None:
                desired.setdefault(perspective, {})[pid] = wish
        if statements and notes:
            asker.say(
                ctx.t(
                    f"  Hur väl stämmer lapparna? 1 = inte alls, {k} = helt.",
                    f"  How well do the notes fit? 1 = not at all, {k} = fully.",
                )
            )
            for note in _in_reading_order(notes):
                asker.say(f"    «{ctx.text(note.text)}»")
                agree = asker.ask(ctx.t("      Stämmer det?", "      Does it fit?"))
                if agree is not None:
                    ratings[f"{note.pack}:{note.id}"] = agree
    return current, desired, ratings


def _in_reading_order(notes: Sequence[Statement]) -> list[Statement]:
    """Post-its by level (lower first), then perspective (organisation first), then id."""
    levels, perspectives = ("limited", "innovative"), ("organisation", "individual")
    return sorted(
        notes,
        key=lambda s: (
            levels.index(s.level.value),
            perspectives.index(s.perspective.value),
            f"{s.pack}:{s.id}",
        ),
    )


def _show_notes(
    asker: _Asker, ctx: Context, notes: Sequence[Statement], levels: Sequence[ShownDescription]
) -> None:
    """A principle's post-its to read, under each level and perspective."""
    from innovationsresan.ladder import PERSPECTIVE_NAMES  # noqa: PLC0415 - lazy import

    if not notes:
        asker.say(
            ctx.t(
                "  (De laddade paketen har inga post-it-lappar för den här principen.)",
                "  (The loaded packs have no post-it notes for this principle.)",
            )
        )
        return
    ordered = _in_reading_order(notes)
    for level in levels:
        at_level = [s for s in ordered if s.level.value == level.id]
        if not at_level:
            continue
        asker.say(f"  {ctx.text(level.name)}:")
        for perspective in ("organisation", "individual"):
            here = [s for s in at_level if s.perspective.value == perspective]
            if here:
                asker.say(f"    {ctx.text(PERSPECTIVE_NAMES[perspective])}:")
            for note in here:
                asker.say(f"«{ctx.text(note.text)}»", indent="      ")
