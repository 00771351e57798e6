"""The ``workshop`` commands: create, list, close and export workshops of the store.

They work on the same database as ``serve`` (``--db``, a SQLite file in the user's data
folder by default), so a facilitator can prepare a workshop before the server runs and take
the answers out afterwards as the files every other command reads.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from innovationsresan.cli._common import (
    Context,
    Parser,
    UsageError,
    check_output,
    force_option,
    pick,
    positive_int,
    writing,
)
from innovationsresan.model import LocalizedText

if TYPE_CHECKING:
    from innovationsresan.catalog import Catalog
    from innovationsresan.store import Store

EXIT_OK, EXIT_UNUSABLE = 0, 2


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    lang: str,
) -> None:
    """Add ``workshop new``, ``list``, ``close``, ``delete`` and ``export``."""
    database = Parser(add_help=False, argument_default=argparse.SUPPRESS)
    database.add_argument(
        "--db",
        metavar="PATH|URL",
        help=pick(
            lang,
            "databasen: en SQLite-fil eller postgresql://… (standard: en fil i din datamapp)",
            "the database: a SQLite file or postgresql://… (default: a file in your data folder)",
        ),
    )
    group = commands.add_parser(
        "workshop",
        parents=[common],
        help=pick(
            lang,
            "workshoppar i webbläsaren: skapa, lista, stäng, exportera",
            "workshops in the browser: create, list, close, export",
        ),
        description=pick(
            lang,
            "Workshoppar som deltagarna svarar på i webbläsaren (innovationsresan serve). "
            "Svaren exporteras till filerna som score, followup, journey och report läser.",
            "Workshops that participants answer in the browser (innovationsresan serve). "
            "The answers are exported as the files score, followup, journey and report read.",
        ),
    )
    actions = group.add_subparsers(
        dest="workshop_command", metavar="COMMAND", parser_class=type(group)
    )
    group.set_defaults(run=_group_help(group))

    def command(
        name: str,
        run: Callable[[argparse.Namespace, Context], int],
        summary: tuple[str, str],
        description: tuple[str, str],
        *,
        takes_id: bool = False,
    ) -> argparse.ArgumentParser:
        """One ``workshop`` subcommand with ``--db`` (and the workshop's id when it takes one)."""
        parser = actions.add_parser(
            name,
            parents=[common, database],
            help=pick(lang, *summary),
            description=pick(lang, *description),
        )
        if takes_id:
            parser.add_argument(
                "id", metavar="ID", help=pick(lang, "workshoppens id", "the workshop's id")
            )
        parser.set_defaults(run=run)
        return parser

    new = command(
        "new",
        run_new,
        ("skapa en workshop", "create a workshop"),
        (
            "Skapar en workshop och skriver deltagarnas adress (med koden) och ledarens adress, "
            "som bär en hemlig nyckel: dela den bara med den som leder workshoppen. --lang "
            "väljer också workshoppens språk.",
            "Creates a workshop and prints the participants' address (with the code) and the "
            "facilitator's address, which carries a secret key: share it only with whoever "
            "leads the workshop. --lang also sets the workshop's language.",
        ),
    )
    new.add_argument("name", metavar="NAME", help=pick(lang, "teamets namn", "the team's name"))
    new.add_argument(
        "--scale",
        type=positive_int(lang),
        default=5,
        help=pick(lang, "skalans antal steg (standard 5)", "points on the scale (default 5)"),
    )
    new.add_argument(
        "--packs",
        nargs="+",
        action="extend",
        default=[],
        metavar="ID",
        help=pick(
            lang,
            "innehållspaket att använda (standard: alla installerade)",
            "content packs to use (default: every installed one)",
        ),
    )
    new.add_argument(
        "--statements",
        action="store_true",
        help=pick(
            lang,
            "låt deltagarna också betygsätta påståendena",
            "let participants rate the statements too",
        ),
    )
    new.add_argument(
        "--previous",
        metavar="ID",
        default=None,
        help=pick(
            lang,
            "teamets tidigare workshop, för uppföljningen",
            "the team's earlier workshop, for the follow-up",
        ),
    )
    new.add_argument(
        "--base-url",
        metavar="URL",
        default=None,
        help=pick(
            lang,
            "adressen som serve nås på (standard http://127.0.0.1:8000)",
            "the address serve is reached at (default http://127.0.0.1:8000)",
        ),
    )

    command(
        "list",
        run_list,
        ("lista workshoppar", "list workshops"),
        (
            "Listar databasens workshoppar: id, kod, namn, hur många som svarat, om den är stängd.",
            "Lists the database's workshops: id, code, name, how many have answered, whether it "
            "is closed.",
        ),
    )
    command(
        "close",
        run_close,
        ("stäng en workshop för svar", "close a workshop for answers"),
        (
            "Stänger workshoppen: inga fler svar tas emot och koden slutar gälla. Svaren och "
            "planen finns kvar.",
            "Closes the workshop: no more answers are taken and its code stops working. The "
            "answers and the plan stay.",
        ),
        takes_id=True,
    )
    remove = command(
        "delete",
        run_delete,
        (
            "radera en workshop med alla svar och planen",
            "delete a workshop with every answer and the plan",
        ),
        (
            "Raderar workshoppen, deltagarnas svar och planen ur databasen, när de inte längre "
            "behövs. Exportera först om filerna ska sparas. Kräver --yes.",
            "Deletes the workshop, the participants' answers and the plan from the database, "
            "when they are no longer needed. Export first if the files are to be kept. "
            "Needs --yes.",
        ),
        takes_id=True,
    )
    remove.add_argument(
        "--yes",
        action="store_true",
        help=pick(lang, "ja, radera den", "yes, delete it"),
    )
    export = command(
        "export",
        run_export,
        ("skriv svaren och planen till filer", "write the answers and plan to files"),
        (
            "Skriver DIR/responses.jsonl och, när det finns en plan, DIR/plan.toml: filerna "
            "som score, recommend, followup, journey och report läser.",
            "Writes DIR/responses.jsonl and, when there is a plan, DIR/plan.toml: the files "
            "score, recommend, followup, journey and report read.",
        ),
        takes_id=True,
    )
    export.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="DIR",
        help=pick(lang, "mappen att skriva i", "the folder to write in"),
    )
    force_option(export, lang)


def _group_help(parser: argparse.ArgumentParser) -> Callable[[argparse.Namespace, Context], int]:
    def show(args: argparse.Namespace, ctx: Context) -> int:
        parser.print_help(ctx.out)
        return EXIT_UNUSABLE

    return show


def _open(
    args: argparse.Namespace, catalog: Catalog | None = None, *, create: bool = False
) -> Store:
    """The store named by ``--db``; a missing ``serve`` extra is a usage error, not a bug.

    Only ``workshop new`` (*create*) makes a database that is not there yet; the other
    commands refuse a missing one (``missing-database``) rather than leave an empty file.
    """
    try:
        from innovationsresan.store import Store  # noqa: PLC0415 - lazy: needs SQLAlchemy
    except ImportError as exc:
        raise UsageError(
            LocalizedText.of(
                f"Workshoppar behöver tillägget serve ({exc.name} saknas): "
                "pip install 'innovationsresan[serve]'",
                f"Workshops need the serve extra ({exc.name} is missing): "
                "pip install 'innovationsresan[serve]'",
            )
        ) from exc
    return Store.open(getattr(args, "db", None), catalog=catalog, create=create)


# -- workshop new ---------------------------------------------------------------------------


def run_new(args: argparse.Namespace, ctx: Context) -> int:
    """Create a workshop and print its addresses."""
    from innovationsresan.store import (  # noqa: PLC0415 - lazy import
        DEFAULT_BASE_URL,
        facilitator_url,
        join_url,
    )

    # the packs named are checked against the installed ones; without any, none is loaded
    catalog = ctx.catalog() if args.packs else None
    base = args.base_url or DEFAULT_BASE_URL
    if "://" not in base:
        raise UsageError(
            LocalizedText.of(
                f"--base-url ska vara en adress som http://host:port, inte '{base}'.",
                f"--base-url must be an address such as http://host:port, not '{base}'.",
            )
        )
    with _open(args, catalog, create=True) as store:
        workshop, secret = store.create_workshop(
            args.name,
            lang=ctx.lang,
            scale=args.scale,
            packs=args.packs,
            rate_statements=args.statements,
            previous=args.previous,
        )
    join = join_url(workshop.code, base)
    lead = facilitator_url(workshop.id, secret, base)
    if ctx.json:
        ctx.emit(
            {"id": workshop.id, "code": workshop.code, "join_url": join, "facilitator_url": lead}
        )
        return EXIT_OK
    ctx.print(
        ctx.t(f"Skapade workshoppen {workshop.name}.", f"Created the workshop {workshop.name}."),
        f"  id:    {workshop.id}",
        ctx.t(f"  kod:   {workshop.code}", f"  code:  {workshop.code}"),
        ctx.t(f"  deltagarna: {join}", f"  participants: {join}"),
        ctx.t(f"  ledaren:    {lead}", f"  facilitator:  {lead}"),
        ctx.t(
            "Ledarens adress bär en hemlig nyckel: dela den bara med den som leder.",
            "The facilitator's address carries a secret key: share it only with whoever leads.",
        ),
    )
    return EXIT_OK


# -- workshop list --------------------------------------------------------------------------


def run_list(args: argparse.Namespace, ctx: Context) -> int:
    """List the workshops with their respondent counts."""
    from innovationsresan.store import workshop_json  # noqa: PLC0415 - lazy import

    with _open(args) as store:
        rows = [(w, store.respondent_count(w.id)) for w in store.workshops()]
    if ctx.json:
        ctx.emit([{**workshop_json(w), "respondents": n} for w, n in rows])
        return EXIT_OK
    if not rows:
        ctx.print(ctx.t("Inga workshoppar än.", "No workshops yet."))
        return EXIT_OK
    for workshop, count in rows:
        state = (
            ctx.t("öppen", "open")
            if workshop.closed is None
            else ctx.t(f"stängd {workshop.closed:%Y-%m-%d}", f"closed {workshop.closed:%Y-%m-%d}")
        )
        answered = ctx.t(f"{count} har svarat", f"{count} answered")
        ctx.print(
            f"{workshop.id}  {workshop.code}  {workshop.created:%Y-%m-%d}  {workshop.name}  "
            f"({answered}, {state})"
        )
    return EXIT_OK


# -- workshop close -------------------------------------------------------------------------


def run_close(args: argparse.Namespace, ctx: Context) -> int:
    """Close a workshop for answers."""
    from innovationsresan.store import workshop_json  # noqa: PLC0415 - lazy import

    with _open(args) as store:
        workshop = store.close_workshop(args.id)
    if ctx.json:
        ctx.emit(workshop_json(workshop))
        return EXIT_OK
    ctx.print(
        ctx.t(
            f"Workshoppen {workshop.name} ({workshop.id}) är stängd; koden {workshop.code} "
            "gäller inte längre.",
            f"The workshop {workshop.name} ({workshop.id}) is closed; the code {workshop.code} "
            "no longer works.",
        )
    )
    return EXIT_OK


# -- workshop delete -------------------------------------------------------------------------


def run_delete(args: argparse.Namespace, ctx: Context) -> int:
    """Delete a workshop and everything answered in it (with ``--yes``)."""
    from innovationsresan.store import workshop_json  # noqa: PLC0415 - lazy import

    if not args.yes:
        raise UsageError(
            LocalizedText.of(
                f"Radera workshoppen {args.id} med alla svar? Lägg till --yes för att göra det.",
                f"Delete the workshop {args.id} with every answer? Add --yes to do so.",
            )
        )
    with _open(args) as store:
        workshop = store.delete(args.id)
    if ctx.json:
        ctx.emit(workshop_json(workshop))
        return EXIT_OK
    ctx.print(
        ctx.t(
            f"Raderade workshoppen {workshop.name} ({workshop.id}) med alla svar och planen.",
            f"Deleted the workshop {workshop.name} ({workshop.id}) with every answer and the plan.",
        )
    )
    return EXIT_OK


# -- workshop export ------------------------------------------------------------------------


def run_export(args: argparse.Namespace, ctx: Context) -> int:
    """Write the workshop's responses (and plan) as files."""
    folder = Path(args.output)
    if folder.exists() and not folder.is_dir():
        raise UsageError(
            LocalizedText.of(
                f"{folder} är en fil, inte en mapp.", f"{folder} is a file, not a folder."
            )
        )
    with _open(args) as store:
        # the shared checks of every command that writes (existing files, devices, links)
        check_output(folder / "responses.jsonl", force=args.force)
        if store.plan(args.id) is not None:
            check_output(folder / "plan.toml", force=args.force)
        with writing(folder):
            written = store.export(args.id, folder, force=args.force)
        respondents = store.respondent_count(args.id)
    if ctx.json:
        ctx.emit({"files": [str(path) for path in written], "respondents": respondents})
        return EXIT_OK
    with_plan = len(written) > 1
    ctx.print(
        ctx.t(
            f"Skrev {respondents} svar {'och planen ' if with_plan else ''}till {folder}:",
            f"Wrote {respondents} responses {'and the plan ' if with_plan else ''}to {folder}:",
        ),
        *(f"  {path}" for path in written),
    )
    if respondents < 3:
        ctx.note(
            "Färre än tre har svarat: enskildas svar kan läsas ut ur gruppens resultat.",
            "Fewer than three have answered: individual answers can be read from the group result.",
        )
    return EXIT_OK
