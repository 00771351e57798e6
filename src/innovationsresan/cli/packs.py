"""Commands about content packs: ``packs``, ``pack check PATH`` and ``pack new NAME -o DIR``."""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence

from innovationsresan.cli._common import Context, Parser, pick
from innovationsresan.languages import choose

# typing is not imported at run time: ``packs`` starts within a few times Python's own start
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from innovationsresan.catalog import PackStatus
    from innovationsresan.model import Problem

EXIT_OK, EXIT_ERRORS = 0, 1

#: The counts shown in the text listing, with their Swedish and English column names.
_COUNTS = (
    ("statements", "lappar", "statements"),
    ("cards", "kort", "cards"),
    ("stories", "berättelser", "stories"),
    ("links", "länkar", "links"),
)


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    lang: str,
) -> None:
    """Add ``packs`` and the ``pack`` group (``check``, ``new``)."""
    packs = commands.add_parser(
        "packs",
        parents=[common],
        help=pick(lang, "lista installerade innehållspaket", "list the installed content packs"),
        description=pick(
            lang,
            "Listar varje innehållspaket med id, namn, version, distribution, status och antal "
            "lappar, kort, berättelser och länkar, och de problem som hittades. Ett paket med fel "
            "lämnas utanför men listas med status error. Miljövariabeln INNOVATIONSRESAN_PACKS "
            "(kommaseparerad) väljer vilka paket som laddas.",
            "Lists every content pack with its id, name, version, distribution, status and "
            "counts of statements, cards, stories and links, and the problems found. A pack with "
            "errors is left out but listed with status error. The environment variable "
            "INNOVATIONSRESAN_PACKS (comma-separated) chooses which packs load.",
        ),
    )
    packs.add_argument(
        "--strict",
        action="store_true",
        help=pick(
            lang,
            "avsluta med 1 om något paket inte kunde laddas",
            "exit with 1 when any pack could not be loaded",
        ),
    )
    packs.set_defaults(run=run_packs)

    pack = commands.add_parser(
        "pack",
        parents=[common],
        help=pick(lang, "kontrollera eller skapa ett innehållspaket", "check or create a pack"),
        description=pick(
            lang,
            "Verktyg för den som skriver ett innehållspaket.",
            "Tools for writing a content pack.",
        ),
    )
    actions: argparse._SubParsersAction[argparse.ArgumentParser] = pack.add_subparsers(
        dest="pack_command", metavar="COMMAND", parser_class=Parser
    )
    pack.set_defaults(run=lambda _args, ctx: _usage(pack, ctx))
    check = actions.add_parser(
        "check",
        parents=[common],
        help=pick(lang, "kontrollera en paketmapp", "check a pack folder"),
        description=pick(
            lang,
            "Kontrollerar ett pakets distributionsmapp: pyproject.toml (namn, ingångspunkt, "
            "[tool.innovationsresan] content) och varje fält i paketets TOML-filer. Bara filer "
            "under PATH läses, aldrig en installerad kopia, och paketet importeras aldrig. PATH "
            "kan också vara mappen med pack.toml. Avslutas med 0 utan fel (varningar visas), 1 "
            "med fel och 2 när PATH inte är någon paketmapp.",
            "Checks a pack's distribution folder: pyproject.toml (name, entry point, "
            "[tool.innovationsresan] content) and every field of the pack's TOML files. Only "
            "files under PATH are read, never an installed copy, and the pack is never imported. "
            "PATH may also be the folder holding pack.toml. Exits with 0 without errors "
            "(warnings are shown), 1 with errors and 2 when PATH is no pack folder.",
        ),
    )
    check.add_argument(
        "path",
        metavar="PATH",
        help=pick(lang, "paketets mapp", "the pack's folder"),
    )
    check.set_defaults(run=run_check)

    new = actions.add_parser(
        "new",
        parents=[common],
        help=pick(
            lang, "skapa ett nytt paket för en kommun", "create a new pack for a municipality"
        ),
        description=pick(
            lang,
            "Skriver ett komplett innehållspaket som går att installera direkt: pyproject.toml, "
            "en modul på två rader och ett exempel av varje sort (lapp, kort, berättelse, länk) "
            "på svenska och engelska. Paketets id görs av NAME: 'Luleå kommun' ger lulea och "
            "distributionen innovationsresan-lulea. DIR får inte finnas eller måste vara tom.",
            "Writes a complete content pack that installs as it is: pyproject.toml, a two-line "
            "module and one example of each kind (statement, card, story, link) in Swedish and "
            "English. The pack id is made from NAME: 'Luleå kommun' gives lulea and the "
            "distribution innovationsresan-lulea. DIR must not exist or must be empty.",
        ),
    )
    new.add_argument(
        "name",
        metavar="NAME",
        help=pick(lang, "kommunens namn, t.ex. 'Luleå kommun'", "the municipality's name"),
    )
    new.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="DIR",
        help=pick(lang, "mappen att skriva paketet i", "the folder to write the pack into"),
    )
    new.set_defaults(run=run_new)


def _usage(parser: argparse.ArgumentParser, ctx: Context) -> int:
    """``pack`` without a command: show what it offers (a usage error)."""
    parser.print_help(ctx.err)
    return 2


# -- packs -------------------------------------------------------------------------------------


def run_packs(args: argparse.Namespace, ctx: Context) -> int:
    """List the packs; with ``--strict`` exit 1 when any failed to load.

    The index of installed packs answers when it can (docs/performance.md): it exists only
    when every pack loaded without a problem, so it lists them as loading them would.
    """
    index = ctx.pack_index()
    if index is not None:
        if ctx.json:
            ctx.emit([{**p, "name": choose(p["name"], ctx.lang)} for p in index.packs])
        else:
            ctx.print(*pack_lines([Listed.of_json(p, ctx.lang) for p in index.packs], ctx))
        return EXIT_OK
    catalog = ctx.catalog(warn=False)
    failed = [status for status in catalog.packs if not status.ok]
    if ctx.json:
        ctx.emit(ctx.jsonable(list(catalog.packs)))
    else:
        ctx.print(*pack_lines([Listed.of_status(s, ctx.lang) for s in catalog.packs], ctx))
        attributed = {p for status in catalog.packs for p in status.problems}
        loose = [p for p in catalog.problems if p not in attributed]
        if loose:
            ctx.print("", *ctx.problem_lines(loose))
    if args.strict and failed:
        names = ", ".join(s.id for s in failed)
        ctx.note(
            f"Paket som inte kunde laddas: {names}",
            f"Packs that could not be loaded: {names}",
        )
        return EXIT_ERRORS
    return EXIT_OK


class Listed:
    """A pack as the listing shows it, from the catalogue or from the index of installed packs."""

    def __init__(
        self,
        status: PackStatus | None,
        *,
        pack_id: str,
        name: str,
        version: str,
        distribution: str,
        state: str,
        counts: dict[str, int],
    ) -> None:
        self.status = status
        self.id = pack_id
        self.name = name
        self.version = version
        self.distribution = distribution
        self.state = state
        self.counts = counts

    @classmethod
    def of_status(cls, status: PackStatus, lang: str) -> Listed:
        """A pack of the catalogue, its name in *lang*."""
        return cls(
            status,
            pack_id=status.id,
            name=status.name.get(lang),
            version=status.version,
            distribution=status.distribution,
            state=status.status,
            counts=dict(status.counts),
        )

    @classmethod
    def of_json(cls, data: dict[str, Any], lang: str) -> Listed:
        """A pack of the index (always loaded, without problems), its name in *lang*."""
        return cls(
            None,
            pack_id=data["id"],
            name=choose(data["name"], lang),
            version=data["version"],
            distribution=data["distribution"],
            state=data["status"],
            counts=data["counts"],
        )

    @property
    def problems(self) -> tuple[Problem, ...]:
        """The pack's problems (none for a pack of the index)."""
        return () if self.status is None else self.status.problems


def pack_lines(listed: Sequence[Listed], ctx: Context) -> list[str]:
    """The packs as a table, each followed by its problems."""
    if not listed:
        return [
            ctx.t(
                "Inga innehållspaket är laddade. Installera ett, t.ex. innovationsresan-kiruna, "
                "eller se över INNOVATIONSRESAN_PACKS.",
                "No content packs are loaded. Install one, e.g. innovationsresan-kiruna, or "
                "check INNOVATIONSRESAN_PACKS.",
            )
        ]
    header = [
        "id",
        ctx.t("namn", "name"),
        "version",
        "distribution",
        "status",
        *(ctx.t(sv, en) for _, sv, en in _COUNTS),
    ]
    rows = [
        [
            pack.id,
            pack.name,
            pack.version or "-",
            pack.distribution or "-",
            pack.state,
            *(
                str(pack.counts.get(key, "-")) if pack.state == "ok" else "-"
                for key, _, _ in _COUNTS
            ),
        ]
        for pack in listed
    ]
    lines = table(header, rows, numeric_from=5)
    for pack in listed:
        if pack.problems:
            lines.append("")
            lines.append(f"{pack.id}:")
            lines.extend(f"  {line}" for line in ctx.problem_lines(pack.problems))
    return lines


def table(header: Sequence[str], rows: Sequence[Sequence[str]], *, numeric_from: int) -> list[str]:
    """Rows in aligned columns; columns from *numeric_from* on are right-aligned."""
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        parts = [
            cell.rjust(width) if i >= numeric_from else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    return [line(header), *(line(row) for row in rows)]


# -- pack check --------------------------------------------------------------------------------


def run_check(args: argparse.Namespace, ctx: Context) -> int:
    """Check a pack folder; exit 1 when there are errors."""
    from innovationsresan.packs.check import check_pack_folder  # noqa: PLC0415 - lazy import

    pack_id, problems = check_pack_folder(args.path)
    ok = not any(p.is_error for p in problems)
    if ctx.json:
        ctx.emit({"ok": ok, "pack": pack_id, "problems": ctx.problems_json(problems)})
    else:
        ctx.print(*check_lines(pack_id, problems, ctx))
    return EXIT_OK if ok else EXIT_ERRORS


def check_lines(pack_id: str, problems: Sequence[Problem], ctx: Context) -> list[str]:
    """The problems found, one per line, and a summary."""
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    lines = ctx.problem_lines(problems)
    # "fel" is both singular and plural; the other words are not
    warnings_sv = f"{warnings} {'varning' if warnings == 1 else 'varningar'}"
    errors_en = f"{errors} {'error' if errors == 1 else 'errors'}"
    warnings_en = f"{warnings} {'warning' if warnings == 1 else 'warnings'}"
    if errors:
        summary = ctx.t(
            f"Paketet {pack_id}: {errors} fel och {warnings_sv}.",
            f"Pack {pack_id}: {errors_en} and {warnings_en}.",
        )
    elif warnings:
        summary = ctx.t(
            f"Paketet {pack_id}: inga fel, {warnings_sv}.",
            f"Pack {pack_id}: no errors, {warnings_en}.",
        )
    else:
        summary = ctx.t(f"Paketet {pack_id}: inga problem.", f"Pack {pack_id}: no problems.")
    return [*lines, *([""] if lines else []), summary]


# -- pack new ----------------------------------------------------------------------------------


def _as_path(folder: str) -> str:
    """*folder* written so that pip reads it as a path, not as a name to look up in the index."""
    if "/" in folder or os.sep in folder or folder in (".", ".."):
        return folder
    return f"./{folder}"


def run_new(args: argparse.Namespace, ctx: Context) -> int:
    """Write a new pack skeleton."""
    from innovationsresan.packs.skeleton import write_skeleton  # noqa: PLC0415 - lazy import

    made = write_skeleton(args.name, args.output)
    files = [path for path, _ in made.files]
    if ctx.json:
        ctx.emit(
            {
                "pack": made.pack_id,
                "distribution": made.distribution,
                "folder": str(args.output),
                "files": files,
            }
        )
        return EXIT_OK
    ctx.print(
        ctx.t(
            f"Paketet {made.pack_id} ({made.distribution}) är skrivet i {args.output}:",
            f"The pack {made.pack_id} ({made.distribution}) is written to {args.output}:",
        ),
        *(f"  {path}" for path in files),
        "",
        ctx.t("Nästa steg:", "Next steps:"),
        f"  innovationsresan pack check {args.output}",
        f"  python -m pip install {_as_path(str(args.output))}",
        "  innovationsresan packs",
    )
    return EXIT_OK
