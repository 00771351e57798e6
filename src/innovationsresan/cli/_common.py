"""What every command shares: language, JSON output, printing problems, the catalogue."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import errno
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

import attrs

from innovationsresan.model import LocalizedText, Problem

if TYPE_CHECKING:
    from innovationsresan.catalog import Catalog
    from innovationsresan.scoring import Bands


class UsageError(Exception):
    """A command line that cannot be used (exit 2), with its message in both languages."""

    def __init__(self, message: LocalizedText) -> None:
        self.message = message
        super().__init__(message.get("en"))


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors become :class:`UsageError` instead of exiting."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(
            LocalizedText.of(
                f"{self.prog}: fel i kommandoraden: {swedish_usage(message)}",
                f"{self.prog}: error: {message}",
            )
        )


# argparse writes its own messages in English; these are the ones a command line can provoke.
_ARGUMENT = re.compile(r"argument (\S+): (.*)", re.DOTALL)
_USAGE_MESSAGES = tuple(
    (re.compile(pattern, re.DOTALL), swedish)
    for pattern, swedish in (
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
)


def swedish_usage(message: str) -> str:
    """An argparse error *message* in Swedish; our own argument types already write Swedish."""
    prefix = ""
    named = _ARGUMENT.fullmatch(message)
    if named is not None:
        prefix, message = f"argumentet {named.group(1)}: ", named.group(2)
    for pattern, swedish in _USAGE_MESSAGES:
        found = pattern.fullmatch(message)
        if found is not None:
            return prefix + swedish.format(*found.groups())
    return prefix + message


def pick(lang: str, sv: str, en: str) -> str:
    """The Swedish or the English text (help texts are chosen before the catalogue loads)."""
    return en if lang == "en" else sv


@attrs.define
class Context:
    """One run of the command line: options every command has, and where output goes."""

    lang: str = "sv"
    json: bool = False
    debug: bool = False
    out: TextIO = attrs.field(factory=lambda: sys.stdout)
    err: TextIO = attrs.field(factory=lambda: sys.stderr)
    _catalog: Catalog | None = None

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
    value = getattr(args, "today", None)
    return value if isinstance(value, dt.date) else dt.date.today()


def iso_date(lang: str) -> Callable[[str], dt.date]:
    """An argument type for dates ``YYYY-MM-DD``, complaining in *lang*."""

    def parse(text: str) -> dt.date:
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

_REASONS = {
    errno.ENOENT: ("mappen finns inte", "the folder does not exist"),
    errno.ENOTDIR: ("en del av sökvägen är ingen mapp", "a part of the path is not a folder"),
    errno.EISDIR: ("det är en mapp", "it is a folder"),
    errno.EEXIST: ("en fil står där en mapp behövs", "a file stands where a folder is needed"),
    errno.EACCES: ("behörighet saknas", "permission denied"),
    errno.EPERM: ("behörighet saknas", "permission denied"),
    errno.EROFS: ("filsystemet är skrivskyddat", "the file system is read-only"),
    errno.ENOSPC: ("disken är full", "the disk is full"),
}


def os_reason(exc: OSError) -> tuple[str, str]:
    """Why an operating-system call failed, in Swedish and English."""
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    reason = exc.strerror or type(exc).__name__
    return reason, reason


def cannot_write(path: Path | str, exc: OSError) -> LocalizedText:
    """The message for a file a command could not write."""
    sv, en = os_reason(exc)
    return LocalizedText.of(f"{path} kan inte skrivas: {sv}.", f"{path} cannot be written: {en}.")


@contextlib.contextmanager
def writing(path: Path | str) -> Iterator[None]:
    """Turn a failure to write *path* into a usage error (exit 2) that names it, not a bug report.

    The writers report the temporary file they write first; the person asked for *path*.
    """
    try:
        yield
    except OSError as exc:
        raise UsageError(cannot_write(Path(path), exc)) from exc
