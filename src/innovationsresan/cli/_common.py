"""What every command shares: language, JSON output, printing problems, the catalogue."""

from __future__ import annotations

import argparse
import sys

# Imported when used, not here: every command line imports this module, and ``--help`` should
# cost little more than starting Python (tests/test_cli_imports.py).
TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Iterable
    from pathlib import Path
    from typing import Any, NoReturn, TextIO

    from innovationsresan.catalog import Catalog
    from innovationsresan.model import LocalizedText, Problem
    from innovationsresan.scoring import Bands


class UsageError(Exception):
    """A command line that cannot be used (exit 2), with its message in both languages."""

    def __init__(self, message: LocalizedText) -> None:
        self.message = message
        super().__init__(message.get("en"))


def terminal_columns() -> int:
    """The width of the terminal, as :func:`shutil.get_terminal_size` finds it, 80 when unknown.

    Here so that help texts need not import shutil (and the compression modules it imports).
    """
    import os  # noqa: PLC0415 - imported at start-up anyway

    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help layout, sized to the terminal without importing shutil."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        super().__init__(
            prog,
            indent_increment,
            max_help_position,
            terminal_columns() - 2 if width is None else width,
        )


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors become :class:`UsageError` instead of exiting."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        from innovationsresan.model import LocalizedText  # noqa: PLC0415

        raise UsageError(
            LocalizedText.of(
                f"{self.prog}: fel i kommandoraden: {swedish_usage(message)}",
                f"{self.prog}: error: {message}",
            )
        )


class _SwedishHelpFormatter(HelpFormatter):
    """argparse's help layout with its one fixed word, ``usage:``, in Swedish."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "användning: " if prefix is None else prefix)


def swedish_help(parser: argparse.ArgumentParser) -> None:
    """Put argparse's own headings and help lines of *parser* and its sub-commands in Swedish."""
    parser.formatter_class = _SwedishHelpFormatter
    parser._positionals.title = "argument"
    parser._optionals.title = "flaggor"
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = "visa den här hjälpen och avsluta"
        elif isinstance(action, argparse._VersionAction):
            action.help = "visa programmets version och avsluta"
        elif isinstance(action, argparse._SubParsersAction):
            for sub in set(action.choices.values()):
                swedish_help(sub)


# argparse writes its own messages in English; these are the ones a command line can provoke.
_ARGUMENT = r"argument (\S+): (.*)"
_USAGE_MESSAGES = (
    (r"the following arguments are required: (.*)", "följande argument saknas: {0}"),
    (r"unrecognized arguments: (.*)", "okända argument: {0}"),
    (r"invalid choice: (.*) \(choose from (.*)\)", "ogiltigt val: {0} (välj bland {1})"),
    (r"expected one argument", "ett värde behövs"),
    (r"expected at most one argument", "högst ett värde är tillåtet"),
    (r"expected at least one argument", "minst ett värde behövs"),
    (r"expected (\d+) arguments?", "{0} värden behövs"),
    (r"invalid (\S+) value: (.*)", "ogiltigt värde ({0}): {1}"),
    (r"not allowed with argument (.*)", "kan inte kombineras med {0}"),
    (r"ambiguous option: (.*) could match (.*)", "tvetydigt alternativ: {0} kan betyda {1}"),
    (r"ignored explicit argument (.*)", "tar inget värde: {0}"),
    (r"one of the arguments (.*) is required", "ett av argumenten {0} behövs"),
)


def swedish_usage(message: str) -> str:
    """An argparse error *message* in Swedish; our own argument types already write Swedish."""
    import re  # noqa: PLC0415 - only when a command line is wrong

    prefix = ""
    named = re.fullmatch(_ARGUMENT, message, re.DOTALL)
    if named is not None:
        prefix, message = f"argumentet {named.group(1)}: ", named.group(2)
    for pattern, swedish in _USAGE_MESSAGES:
        found = re.fullmatch(pattern, message, re.DOTALL)
        if found is not None:
            return prefix + swedish.format(*found.groups())
    return prefix + message


def pick(lang: str, sv: str, en: str) -> str:
    """The Swedish or the English text (help texts are chosen before the catalogue loads)."""
    return en if lang == "en" else sv


class Context:
    """One run of the command line: options every command has, and where output goes.

    A plain class rather than an attrs one: ``--help`` should not have to import attrs.
    """

    def __init__(
        self,
        *,
        lang: str = "sv",
        json: bool = False,
        debug: bool = False,
        out: TextIO | None = None,
        err: TextIO | None = None,
        catalog: Catalog | None = None,
    ) -> None:
        self.lang = lang
        self.json = json
        self.debug = debug
        self.out: TextIO = sys.stdout if out is None else out
        self.err: TextIO = sys.stderr if err is None else err
        self._catalog = catalog

    def __repr__(self) -> str:
        return f"Context(lang={self.lang!r}, json={self.json!r}, debug={self.debug!r})"

    def t(self, sv: str, en: str) -> str:
        """The text in the chosen language."""
        return pick(self.lang, sv, en)

    def text(self, text: LocalizedText) -> str:
        """A localized text in the chosen language (with the usual fallback)."""
        return text.get(self.lang)

    def print(self, *lines: str) -> None:
        """Print lines for a person (nothing goes to stdout in ``--json`` mode but JSON)."""
        for line in lines:
            print(line, file=self.err if self.json else self.out)

    def note(self, sv: str, en: str) -> None:
        """A message on stderr in the chosen language."""
        print(self.t(sv, en), file=self.err)

    def emit(self, data: Any) -> None:
        """Print *data* as JSON on stdout (already JSON-able; floats at full precision)."""
        import json  # noqa: PLC0415

        json.dump(data, self.out, ensure_ascii=False, indent=2, allow_nan=False)
        self.out.write("\n")

    def jsonable(self, obj: Any) -> Any:
        """:func:`innovationsresan.to_jsonable` in the chosen language."""
        from innovationsresan.files.jsonable import to_jsonable  # noqa: PLC0415 - lazy import

        return to_jsonable(obj, lang=self.lang)

    def catalog(self, *, strict: bool = False) -> Catalog:
        """The catalogue of installed packs (loaded once per run, leniently unless *strict*)."""
        if self._catalog is None:
            from innovationsresan.packs.loader import load_catalog  # noqa: PLC0415 - lazy import

            self._catalog = load_catalog(strict=strict)
        return self._catalog

    def use_catalog(self, catalog: Catalog) -> None:
        """Run with this catalogue instead of loading the installed packs (tests, embedding)."""
        self._catalog = catalog

    def problem_lines(self, problems: Iterable[Problem]) -> list[str]:
        """One readable line per problem: severity, location, message and code."""
        names = {"error": self.t("fel", "error"), "warning": self.t("varning", "warning")}
        return [
            f"{names[p.severity.value]:8} {p.location}: {self.text(p.message)} [{p.code}]"
            for p in problems
        ]

    def problems_json(self, problems: Iterable[Problem]) -> list[dict[str, str]]:
        """Problems in the JSON shape of DESIGN.md §10."""
        return [
            {
                "severity": p.severity.value,
                "code": p.code,
                "location": p.location,
                "message": self.text(p.message),
            }
            for p in problems
        ]


def position_text(x: float | None, bands: Bands, ctx: Context) -> str:
    """A position with two decimals, or three when two would hide which side of a limit it is.

    ``score`` and ``journey`` both write positions with it, so the number never contradicts the
    placement printed beside it (0.3958 is "0,396", below the limit 0.4, not "0,40").
    """
    if x is None:
        return "–"
    near = any(round(x, 2) == limit != x for limit in (bands.lo, bands.hi))
    text = f"{x:.3f}" if near else f"{x:.2f}"
    return text if ctx.lang == "en" else text.replace(".", ",")


def collections_argument(parser: argparse.ArgumentParser, lang: str) -> None:
    """Add the positional COLLECTION… (response files, folders, .jsonl or .csv; DESIGN.md §6)."""
    parser.add_argument(
        "collections",
        nargs="+",
        metavar="COLLECTION",
        help=pick(
            lang,
            "svar: filer, mappar, .jsonl- eller .csv-filer",
            "responses: files, folders, .jsonl or .csv files",
        ),
    )


def primary_pack_option(parser: argparse.ArgumentParser, lang: str) -> None:
    """Add ``--pack ID``: whose descriptions of the levels and principles are shown first."""
    parser.add_argument(
        "--pack",
        metavar="ID",
        default=None,
        help=pick(
            lang,
            "visa det här paketets beskrivningar av nivåerna och principerna (standard: "
            "INNOVATIONSRESAN_PRIMARY_PACK, annars det första paketet efter id som har en)",
            "show this pack's descriptions of the levels and principles (default: "
            "INNOVATIONSRESAN_PRIMARY_PACK, else the first pack by id that has one)",
        ),
    )


def primary_pack(args: argparse.Namespace, catalog: Catalog) -> str | None:
    """The pack ``--pack`` names, checked to be loaded; ``None`` leaves the catalogue's choice.

    A pack given by its distribution's name (``innovationsresan-kiruna``) counts as its id.
    """
    value = getattr(args, "pack", None)
    if value is None:
        return None
    from innovationsresan.model import LocalizedText  # noqa: PLC0415 - lazy import
    from innovationsresan.packs.loader import pack_id_for  # noqa: PLC0415 - lazy import

    pack_id = pack_id_for(value)
    loaded = [status.id for status in catalog.packs if status.ok]
    if pack_id in loaded:
        return pack_id
    listed = ", ".join(loaded) or "–"
    raise UsageError(
        LocalizedText.of(
            f"--pack: paketet '{value}' är inte laddat; laddade paket: {listed}",
            f"--pack: the pack '{value}' is not loaded; loaded packs: {listed}",
        )
    )


def today_option(parser: argparse.ArgumentParser, lang: str) -> None:
    """Add ``--today YYYY-MM-DD`` (default: the system date)."""
    parser.add_argument(
        "--today",
        type=iso_date(lang),
        default=None,
        metavar="YYYY-MM-DD",
        help=pick(
            lang,
            "dagens datum (standard: systemets datum)",
            "today's date (default: the system date)",
        ),
    )


def today(args: argparse.Namespace) -> dt.date:
    """The date from ``--today``, or the system date (the clock is read here, at the edge)."""
    import datetime as dt  # noqa: PLC0415

    value = getattr(args, "today", None)
    return value if isinstance(value, dt.date) else dt.date.today()


def iso_date(lang: str) -> Callable[[str], dt.date]:
    """An argument type for dates ``YYYY-MM-DD``, complaining in *lang*."""

    def parse(text: str) -> dt.date:
        import datetime as dt  # noqa: PLC0415

        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                pick(lang, f"inget datum ÅÅÅÅ-MM-DD: {text!r}", f"not a date YYYY-MM-DD: {text!r}")
            ) from None

    return parse


def positive_int(lang: str) -> Callable[[str], int]:
    """An argument type for whole numbers of at least 1, complaining in *lang*."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                pick(lang, f"inget heltal: {text!r}", f"not a whole number: {text!r}")
            ) from None
        if value < 1:
            raise argparse.ArgumentTypeError(
                pick(lang, f"ska vara minst 1: {text!r}", f"must be at least 1: {text!r}")
            )
        return value

    return parse


# -- files the commands write ---------------------------------------------------------------------


def os_reason(exc: OSError) -> tuple[str, str]:
    """Why an operating-system call failed, in Swedish and English."""
    import errno  # noqa: PLC0415

    reasons = {
        errno.ENOENT: ("mappen finns inte", "the folder does not exist"),
        errno.ENOTDIR: ("en del av sökvägen är ingen mapp", "a part of the path is not a folder"),
        errno.EISDIR: ("det är en mapp", "it is a folder"),
        errno.EEXIST: ("en fil står där en mapp behövs", "a file stands where a folder is needed"),
        errno.EACCES: ("behörighet saknas", "permission denied"),
        errno.EPERM: ("behörighet saknas", "permission denied"),
        errno.EROFS: ("filsystemet är skrivskyddat", "the file system is read-only"),
        errno.ENOSPC: ("disken är full", "the disk is full"),
    }
    if exc.errno in reasons:
        return reasons[exc.errno]
    reason = exc.strerror or type(exc).__name__
    return reason, reason


def cannot_write(path: Path | str, exc: OSError) -> LocalizedText:
    """The message for a file a command could not write."""
    from innovationsresan.model import LocalizedText  # noqa: PLC0415

    sv, en = os_reason(exc)
    return LocalizedText.of(f"{path} kan inte skrivas: {sv}.", f"{path} cannot be written: {en}.")


class writing:  # noqa: N801 - used as ``with writing(path):``, like the function it was
    """Turn a failure to write *path* into a usage error (exit 2) that names it, not a bug report.

    The writers report the temporary file they write first; the person asked for *path*.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = path

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, exc: BaseException | None, tb: object) -> None:
        if isinstance(exc, OSError):
            from pathlib import Path  # noqa: PLC0415

            raise UsageError(cannot_write(Path(self.path), exc)) from exc
