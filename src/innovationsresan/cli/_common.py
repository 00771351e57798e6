"""What every command shares: language, JSON output, printing problems, the catalogue."""

from __future__ import annotations

import argparse
import sys

# Imported when used, not here: every command line imports this module, and ``--help`` should
# cost little more than starting Python (tests/test_cli_imports.py).
TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime as dt
    import re
    import threading
    from collections.abc import Callable, Iterable, Iterator
    from pathlib import Path
    from typing import Any, NoReturn, TextIO

    from innovationsresan.catalog import Catalog
    from innovationsresan.model import LocalizedText, Problem
    from innovationsresan.packs.index import PackIndex
    from innovationsresan.responses import Response
    from innovationsresan.scoring import Bands


class UsageError(Exception):
    """A command line that cannot be used (exit 2), with its message in both languages."""

    def __init__(self, message: LocalizedText) -> None:
        self.message = message
        super().__init__(message.get("en"))


# Characters a terminal may act on instead of showing: C0 controls except newline and tab
# (ESC starts colour, cursor and title sequences, CR returns to the line's start, BEL rings),
# DEL, the C1 controls (CSI, OSC as single characters), and the Unicode marks that reverse
# the direction of the text shown after them.
_CONTROL = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
_C1 = "[\x7f-\x9f]"


def terminal_text(text: str) -> str:
    """*text* with every control character written as an escape (``\\x1b``), never raw.

    The one filter every line meant for a terminal passes through (:meth:`Context.print`,
    :meth:`Context.note`, error messages), so text from files, packs, arguments and file names
    cannot colour, move, retitle or clear the terminal, or hide what came before on the line.
    Newlines and tabs stay as they are; characters UTF-8 cannot hold are escaped too.
    """
    import re  # noqa: PLC0415 - imported at start-up anyway

    escaped = re.sub(_CONTROL, _escape_control, text)
    try:
        escaped.encode("utf-8")
    except UnicodeEncodeError:
        from innovationsresan.files.documents import printable  # noqa: PLC0415

        return printable(escaped)
    return escaped


def _escape_control(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


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
        self._warned = False

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
            print(terminal_text(line), file=self.err if self.json else self.out)

    def note(self, sv: str, en: str) -> None:
        """A message on stderr in the chosen language."""
        print(terminal_text(self.t(sv, en)), file=self.err)

    def emit(self, data: Any) -> None:
        """Print *data* as JSON on stdout (already JSON-able; floats at full precision).

        The document is written in one piece, and C1 control characters and DEL in its
        strings are escaped (``\\u009b``) like the C0 ones JSON escapes anyway, so no text from
        a file or a pack can steer the terminal that shows it.
        """
        import json  # noqa: PLC0415
        import re  # noqa: PLC0415

        text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)
        self.out.write(re.sub(_C1, lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")
        self.out.flush()

    def jsonable(self, obj: Any) -> Any:
        """:func:`innovationsresan.to_jsonable` in the chosen language."""
        from innovationsresan.files.jsonable import to_jsonable  # noqa: PLC0415 - lazy import

        return to_jsonable(obj, lang=self.lang)

    def catalog(self, *, strict: bool = False, warn: bool = True) -> Catalog:
        """The catalogue of installed packs (loaded once per run, leniently unless *strict*).

        The first time, a note on stderr names every pack that could not be loaded, so no
        command goes on without a pack silently; ``packs`` lists them itself (*warn* false).
        """
        if self._catalog is None:
            from innovationsresan.packs.loader import load_catalog  # noqa: PLC0415 - lazy import

            self._catalog = load_catalog(strict=strict)
        if warn and not self._warned:
            self._warned = True
            failed = [s.id for s in self._catalog.packs if not s.ok]
            if failed:
                names = ", ".join(failed)
                self.note(
                    f"Obs: paket som inte kunde laddas: {names} (se innovationsresan packs).",
                    f"Note: packs that could not be loaded: {names} (see innovationsresan packs).",
                )
            self.language_note(self._catalog.languages())
        return self._catalog

    def pack_index(self) -> PackIndex | None:
        """The index of the installed packs when it describes them as they are now, else
        ``None`` (never when a catalogue was given): what ``packs``, ``principles`` and
        ``levels`` show, read without loading any pack (docs/performance.md)."""
        if self._catalog is not None:
            return None
        from innovationsresan.packs.index import lookup  # noqa: PLC0415 - lazy import

        found = lookup()
        if found is not None and not self._warned:
            self._warned = True  # an index exists only when every pack loaded
            self.language_note(found.languages)
        return found

    def language_note(self, languages: Iterable[str]) -> None:
        """A note on stderr when the content language asked for is in none of *languages*
        (the languages of the loaded content)."""
        if self.lang not in ("sv", "en") and self.lang not in languages:
            self.note(
                f"Obs: inget laddat paket har texter på '{self.lang}'; de visas på svenska "
                "eller det språk som finns.",
                f"Note: no loaded pack has texts in '{self.lang}'; they are shown in Swedish "
                "or the language there is.",
            )

    def level_name(self, key: str) -> str:
        """The name of a level or placement (``limited``, ``innovative``, ``both``) as shown:
        a level in the words of the pack that describes it (docs/packs.md), ``both`` the
        library's."""
        from innovationsresan.ladder import LEVEL_NAMES  # noqa: PLC0415 - lazy import

        if key == "both":
            return self.text(LEVEL_NAMES[key])
        return self.text(self.catalog(warn=False).level_description(key).name)

    def principle_name(self, pid: str) -> str:
        """The name of the principle *pid* as shown: in the words of the pack that names it
        (docs/packs.md), else the library's; an id that is no principle as it is."""
        from innovationsresan.ladder import is_principle  # noqa: PLC0415 - lazy import

        if not is_principle(pid):
            return pid
        return self.text(self.catalog(warn=False).principle_description(pid).name)

    def responses(self, paths: Iterable[str]) -> Iterator[Response]:
        """The responses of the collections *paths*, streamed; each folder's note on stderr.

        The note (how many respondents each source gave, what was passed over) is printed once
        the folder has been read, also when its files hold problems; every command that reads
        collections uses this, so they all read and report folders alike.
        """
        from innovationsresan.files.responses import iter_responses  # noqa: PLC0415

        notes: list[LocalizedText] = []
        try:
            yield from iter_responses(list(paths), notes=notes)
        finally:
            self.folder_notes(notes)

    def folder_notes(self, notes: Iterable[LocalizedText]) -> None:
        """Print the notes of the folders a command read (what was passed over) on stderr."""
        for note in notes:
            print(terminal_text(note.get(self.lang)), file=self.err)

    def use_catalog(self, catalog: Catalog) -> None:
        """Run with this catalogue instead of loading the installed packs (tests, embedding)."""
        self._catalog = catalog

    def problem_lines(self, problems: Iterable[Problem]) -> list[str]:
        """One readable line per problem: severity, location, message and code.

        A location inside an action also names the action as people count, from 1
        (``actions[2].who (åtgärd 3)``); the location itself keeps its 0-based path, as in JSON.
        """
        import re  # noqa: PLC0415

        names = {"error": self.t("fel", "error"), "warning": self.t("varning", "warning")}
        lines = []
        for p in problems:
            where = p.location
            action = re.search(r"(?:^|[:.])actions\[(\d+)\]", where)
            if action is not None:
                number = int(action.group(1)) + 1
                where += self.t(f" (åtgärd {number})", f" (action {number})")
            lines.append(f"{names[p.severity.value]:8} {where}: {self.text(p.message)} [{p.code}]")
        return lines

    def problems_json(self, problems: Iterable[Problem]) -> list[dict[str, str]]:
        """Problems in the JSON shape of docs/cli.md."""
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
    """Add the positional COLLECTION… (response files, folders, .jsonl or .csv; docs/formats.md)."""
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
    return primary_pack_among(args, [status.id for status in catalog.packs if status.ok])


def primary_pack_among(args: argparse.Namespace, loaded: list[str]) -> str | None:
    """:func:`primary_pack`, given the ids of the *loaded* packs."""
    value = getattr(args, "pack", None)
    if value is None:
        return None
    from innovationsresan.packs.entrypoints import pack_id_for  # noqa: PLC0415 - lazy import

    pack_id = pack_id_for(value)
    if pack_id in loaded:
        return pack_id
    from innovationsresan.model import LocalizedText  # noqa: PLC0415 - lazy import

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
        if isinstance(exc, FileExistsError):
            from pathlib import Path  # noqa: PLC0415

            raise UsageError(_exists(Path(self.path))) from exc
        if isinstance(exc, OSError):
            from pathlib import Path  # noqa: PLC0415

            raise UsageError(cannot_write(Path(self.path), exc)) from exc


#: Suffixes of the files a command reads inside a folder it is given (responses, plans,
#: journeys): an output with one of them inside an input folder would be read next time.
READ_SUFFIXES = (".toml", ".json", ".jsonl", ".csv")


def force_option(parser: argparse.ArgumentParser, lang: str) -> None:
    """Add ``--force``: every command that writes files takes it (see :func:`check_output`)."""
    parser.add_argument(
        "--force",
        action="store_true",
        help=pick(
            lang,
            "skriv över en befintlig fil (aldrig en av kommandots egna indata)",
            "overwrite an existing file (never one of the command's own inputs)",
        ),
    )


def _exists(path: Path) -> LocalizedText:
    from innovationsresan.model import LocalizedText  # noqa: PLC0415

    return LocalizedText.of(
        f"{path} finns redan; välj ett annat namn eller lägg till --force för att skriva över den.",
        f"{path} already exists; choose another name or add --force to overwrite it.",
    )


def check_output(path: str | Path, *, force: bool, inputs: Iterable[str | Path] = ()) -> Path:
    """Check a file a command will write, before any work is done; raise :class:`UsageError`.

    Every command that writes a file calls this first and then writes with
    :func:`write_output`. Refused (exit 2):

    * a folder, a FIFO, a device or a socket (even with ``--force``: replacing one would put a
      regular file in its place, and ``/dev/null`` is no place for a report);
    * an existing file without ``--force`` (a symbolic link counts as the file it points to,
      which is what gets replaced; the link itself stays);
    * one of the command's own *inputs*, even with ``--force``: the same file under another
      name, through a symbolic link or a hard link, or a file with a suffix the command reads
      (``.toml``, ``.json``, ``.jsonl``, ``.csv``) inside an input folder;
    * a place the program may not write to (a folder without write permission).
    """
    import errno  # noqa: PLC0415
    import os  # noqa: PLC0415
    import stat  # noqa: PLC0415
    from pathlib import Path  # noqa: PLC0415

    from innovationsresan.model import LocalizedText  # noqa: PLC0415

    target = Path(path)
    try:
        mode: int | None = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    except NotADirectoryError as exc:
        # a part of the path is a file: say so as the write itself would (making the folder)
        raise UsageError(cannot_write(target, FileExistsError(errno.EEXIST, ""))) from exc
    except OSError as exc:
        raise UsageError(cannot_write(target, exc)) from exc
    if mode is not None and stat.S_ISDIR(mode):
        raise UsageError(cannot_write(target, IsADirectoryError(errno.EISDIR, "")))
    if mode is not None and not stat.S_ISREG(mode):
        raise UsageError(
            LocalizedText.of(
                f"{target} är ingen vanlig fil (en FIFO, en enhet eller en socket); "
                "välj en fil att skriva.",
                f"{target} is not a regular file (a FIFO, a device or a socket); "
                "choose a file to write.",
            )
        )
    for given in inputs:
        if _is_input(target, Path(given), exists=mode is not None):
            raise UsageError(
                LocalizedText.of(
                    f"{target} är en av kommandots indata ({given}); välj en annan fil att "
                    "skriva (--force skriver aldrig över indata).",
                    f"{target} is one of the command's inputs ({given}); choose another file "
                    "to write (--force never overwrites an input).",
                )
            )
    if mode is not None and not force:
        raise UsageError(_exists(target))
    folder = _existing_folder(target)
    if folder is not None and not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(
            cannot_write(target, PermissionError(errno.EACCES, "permission denied", str(folder)))
        )
    return target


def _is_input(output: Path, given: Path, *, exists: bool) -> bool:
    """Whether writing *output* would write over the input *given* (a file or a folder)."""
    import os  # noqa: PLC0415

    if not exists:
        return False
    try:
        if given.is_dir():
            inside = output.resolve().is_relative_to(given.resolve())
            return inside and output.suffix.lower() in READ_SUFFIXES
        return output.resolve() == given.resolve() or os.path.samefile(output, given)
    except (OSError, RuntimeError):
        return False


def _existing_folder(target: Path) -> Path | None:
    """The folder *target* would be written into, or its nearest ancestor that exists."""
    folder = target.resolve().parent if target.is_symlink() else target.absolute().parent
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            return candidate if candidate.is_dir() else None
    return None


def write_output(path: str | Path, data: bytes | str, *, force: bool) -> None:
    """Write a command's output file atomically after :func:`check_output` (errors are exit 2).

    Without *force* a file that appeared since the check is not replaced either.
    """
    from pathlib import Path  # noqa: PLC0415

    from innovationsresan.files.documents import atomic_write_bytes  # noqa: PLC0415

    target = Path(path)
    with writing(target):
        payload = data.encode("utf-8") if isinstance(data, str) else data
        atomic_write_bytes(target, payload, overwrite=force)


class json_stdout:  # noqa: N801 - used as ``with json_stdout(ctx):``
    """In ``--json`` mode stdout carries the JSON document only, whatever a content pack does.

    A pack may print at import or in a hook (Python's ``sys.stdout``) or write to file
    descriptor 1 itself (C code, ``os.write(1, …)``, a child process). Both go to stderr while
    the command runs: ``sys.stdout`` is redirected, and descriptor 1 is pointed at descriptor 2
    with :func:`os.dup2`; the JSON goes to a copy of the real descriptor 1. Both are restored
    afterwards. The JSON is written in one piece at the end, so a pack that ends the process
    leaves stdout empty, never half a document.

    Pack code may outlive the command: a hook that ran out of time keeps running in its thread
    (see :mod:`innovationsresan.guard`), and a pack may start threads of its own. When a thread
    started during the command is still alive at the end, descriptor 1 is left pointing at
    standard error for the rest of the process, so nothing such a thread writes later can follow
    the JSON on stdout; the copy that carried the JSON is closed after it.
    """

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.saved: int | None = None
        self.out: TextIO | None = None
        self.stdout: TextIO | None = None
        self.threads: set[threading.Thread] = set()

    def __enter__(self) -> None:
        import os  # noqa: PLC0415
        import threading  # noqa: PLC0415

        self.threads = set(threading.enumerate())
        ctx = self.ctx
        self.stdout = sys.stdout
        sys.stdout = ctx.err
        if _fileno(ctx.out) != 1:
            return  # not the process's stdout (a test's buffer, an embedding app)
        ctx.out.flush()
        try:
            ctx.err.flush()
            saved = os.dup(1)
        except (OSError, ValueError):
            return
        try:
            os.dup2(2, 1)
        except OSError:
            os.close(saved)
            return
        self.saved, self.out = saved, ctx.out
        encoding = getattr(ctx.out, "encoding", None) or "utf-8"
        ctx.out = open(saved, "w", encoding=encoding, closefd=False)

    def __exit__(self, kind: object, exc: BaseException | None, tb: object) -> None:
        import os  # noqa: PLC0415

        sys.stdout = self.stdout if self.stdout is not None else sys.__stdout__
        if self.saved is None or self.out is None:
            return
        import contextlib  # noqa: PLC0415

        with contextlib.suppress(OSError, ValueError):
            self.ctx.out.flush()
        self.ctx.out.close()
        self.ctx.out = self.out
        if not self._pack_code_running():
            os.dup2(self.saved, 1)
        os.close(self.saved)

    def _pack_code_running(self) -> bool:
        """Whether a thread started while the command ran is still alive (pack code)."""
        import threading  # noqa: PLC0415

        return any(thread not in self.threads for thread in threading.enumerate())


def _fileno(stream: object) -> int | None:
    try:
        return int(stream.fileno())  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return None
