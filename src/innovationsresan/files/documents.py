"""Reading TOML and JSON documents safely, and writing files atomically.

Every reader in the library goes through :func:`load_document`, so size limits, bytes that are
not UTF-8 and syntax errors are reported the same way everywhere, with the file named.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol, TypeAlias

from innovationsresan.errors import InputError
from innovationsresan.files import parsecache
from innovationsresan.model import Key, LocalizedText, Problem, location

if TYPE_CHECKING:
    # only for annotations: importing importlib.resources (and tempfile with it) at run time
    # would cost loading the catalogue more than parsing the packs' TOML (docs/performance.md)
    from importlib.resources.abc import Traversable

#: Files larger than this are refused without being parsed (docs/packs.md and docs/formats.md).
MAX_BYTES = 5 * 1024 * 1024

Source: TypeAlias = "Path | Traversable"

DOCUMENT_SUFFIXES = (".toml", ".json")


def display_name(path: Source) -> str:
    """How a file is named in problem locations: the path as given, with forward slashes."""
    return printable(str(path).replace(os.sep, "/"))


def read_bytes(path: Source, *, name: str | None = None) -> tuple[bytes | None, list[Problem]]:
    """The bytes of *path*, or ``None`` and a problem (missing, unreadable, over the size limit)."""
    where = name or display_name(path)
    try:
        if isinstance(path, Path):
            info = path.stat()
            if _special(info.st_mode):
                return None, [_not_regular(where)]
            size = info.st_size
            if size > MAX_BYTES:
                return None, [_too_large(where, size)]
            with path.open("rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        else:
            data = path.read_bytes()
    except FileNotFoundError:
        return None, [
            Problem.error("missing-file", where, "filen finns inte", "the file does not exist")
        ]
    except IsADirectoryError:
        return None, [
            Problem.error("unreadable", where, "är en mapp, inte en fil", "is a folder, not a file")
        ]
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return None, [
            Problem.error(
                "unreadable", where, f"kan inte läsas: {reason}", f"cannot be read: {reason}"
            )
        ]
    if len(data) > MAX_BYTES:
        return None, [_too_large(where, len(data))]
    return data, []


class ProblemSink(Protocol):
    """Where a reader puts the problems it finds (a list, or a capped collector)."""

    def append(self, problem: Problem, /) -> None:
        """Add one problem."""


def _special(mode: int) -> bool:
    """Whether *mode* is a FIFO, a device or a socket: reading one could wait forever."""
    import stat  # noqa: PLC0415

    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _not_regular(where: str) -> Problem:
    return Problem.error(
        "unreadable",
        where,
        "är ingen vanlig fil (en FIFO, en enhet eller en socket) och läses inte",
        "is not a regular file (a FIFO, a device or a socket) and is not read",
    )


def open_stream(path: Source, name: str, problems: ProblemSink) -> IO[bytes] | None:
    """*path* opened for reading bytes as a stream, or ``None`` and the problem added to *problems*.

    Unlike :func:`read_bytes` there is no size limit: collections of responses are read this way,
    a line or a row at a time, however large they are.
    """
    try:
        if path.is_dir():
            problems.append(
                Problem.error(
                    "unreadable", name, "är en mapp, inte en fil", "is a folder, not a file"
                )
            )
            return None
        if isinstance(path, Path) and _special(path.stat().st_mode):
            problems.append(_not_regular(name))
            return None
        return path.open("rb")
    except FileNotFoundError:
        problems.append(
            Problem.error("missing-file", name, "filen finns inte", "the file does not exist")
        )
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        problems.append(
            Problem.error(
                "unreadable", name, f"kan inte läsas: {reason}", f"cannot be read: {reason}"
            )
        )
    return None


def _too_large(where: str, size: int) -> Problem:
    limit = MAX_BYTES // (1024 * 1024)
    return Problem.error(
        "file-too-large",
        where,
        f"filen är {size} byte, större än gränsen {limit} MB; den lästes inte",
        f"the file is {size} bytes, over the {limit} MB limit; it was not read",
    )


def decode_text(data: bytes, where: str) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8 (a byte-order mark is allowed), or report where the bad byte is."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [
            Problem.error(
                "not-utf8",
                where,
                f"texten är inte UTF-8 (byte {exc.start})",
                f"the text is not UTF-8 (byte {exc.start})",
            )
        ]
    return text.removeprefix("\ufeff"), []


def parse_text(text: str, where: str, fmt: str) -> tuple[Mapping[str, Any] | None, list[Problem]]:
    """Parse TOML or JSON text; the result must be a table."""
    # imported here: a command whose packs' TOML is all in the cache of parsed files need not
    import tomllib  # noqa: PLC0415

    try:
        if fmt == "json":
            value = json.loads(text, object_pairs_hook=unique_keys, parse_constant=_no_constant)
        else:
            value = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [toml_syntax(where, str(exc), text)]
    except ValueError as exc:
        # syntax errors of both parsers, duplicate keys and NaN, and integers too long for
        # Python to convert (more than 4300 digits) are all ValueErrors
        return None, [_syntax(where, str(exc))]
    except RecursionError:
        return None, [_syntax(where, "nested too deeply")]
    if not isinstance(value, Mapping):
        return None, [
            Problem.error(
                "wrong-type",
                where,
                "dokumentet ska vara en tabell (ett objekt)",
                "the document must be a table (an object)",
            )
        ]
    if fmt == "json" and _SURROGATE_ESCAPE.search(text):
        try:
            paths = list(_lone_surrogates(value, ()))
        except RecursionError:
            return None, [_syntax(where, "nested too deeply")]
        invalid = [
            Problem.error(
                "invalid-text",
                location(*path, file=where),
                "texten innehåller en ensam surrogat-kod (\\ud800–\\udfff) som inte är ett tecken",
                "the text holds a lone surrogate escape (\\ud800–\\udfff), which is no character",
            )
            for path in paths
        ]
        if invalid:
            return None, invalid
    return value, []


# JSON may escape half of a UTF-16 pair alone ("\ud800"); such a string cannot be written as
# UTF-8 later, so it is refused when read. The scan runs only when the text has such an escape.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _lone_surrogates(value: object, path: tuple[Key, ...]) -> Iterator[tuple[Key, ...]]:
    """The key paths of the strings (keys included) in *value* that are not valid Unicode."""
    if isinstance(value, str):
        if not _encodable(value):
            yield path
    elif isinstance(value, Mapping):
        for key, item in value.items():
            if not _encodable(key):
                yield (*path, printable(key))
            else:
                yield from _lone_surrogates(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _lone_surrogates(item, (*path, index))


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def printable(text: str) -> str:
    """*text* with every character UTF-8 cannot hold (a lone surrogate) written as ``\\udc80``.

    File names the operating system could not decode and broken JSON strings would otherwise
    make printing a problem fail.
    """
    if _encodable(text):
        return text
    return "".join(c if _encodable(c) else f"\\u{ord(c):04x}" for c in text)


# tomllib's messages (by the pattern of their English text) said in our own words, Swedish and
# English; {0}, {1} are the names or characters the message quotes. The part in brackets that
# says where (line, column) is read apart and said again in the reader's language.
_TOML_MESSAGES: tuple[tuple[str, str, str], ...] = (
    (r"Invalid value", "värdet går inte att läsa", "the value cannot be read"),
    (
        r"Expected newline or end of document after a statement",
        "efter värdet ska raden ta slut",
        "the line should end after the value",
    ),
    (
        r"Expected '=' after a key in a key/value pair",
        "efter nyckeln ska det stå '='",
        "an '=' should follow the key",
    ),
    (
        r"Invalid initial character for a key part",
        "en nyckel kan inte börja med det här tecknet",
        "a key cannot begin with this character",
    ),
    (
        r"Invalid statement",
        "raden är varken nyckel = värde eller [tabell]",
        "the line is neither key = value nor a [table]",
    ),
    (
        r"Cannot overwrite a value",
        "nyckeln har redan ett värde",
        "the key already has a value",
    ),
    (
        r"Cannot declare (.+) twice",
        "tabellen [{0}] finns redan tidigare i filen",
        "the table [{0}] appears earlier in the file already",
    ),
    (
        r"Cannot (?:mutate immutable|redefine) namespace (.+)",
        "{0} är redan skriven färdig och kan inte fyllas på här",
        "{0} is already written out in full and cannot be added to here",
    ),
    (
        r"Duplicate inline table key '(.+)'",
        "nyckeln '{0}' står två gånger i samma tabell",
        "the key '{0}' is written twice in the same table",
    ),
    (r"Unclosed array", "listan stängs aldrig med ]", "the list is never closed with ]"),
    (
        r"Unclosed inline table",
        "tabellen stängs aldrig med }}",
        "the table is never closed with }}",
    ),
    (
        r"Unterminated string",
        "texten avslutas aldrig med citattecken",
        "the text is never closed with a quote",
    ),
    (
        r"Illegal character '\\n'",
        "texten avslutas aldrig med citattecken på sin rad",
        "the text is never closed with a quote on its line",
    ),
    (
        r"(?:Illegal|Found invalid) character (.+)",
        "tecknet {0} får inte stå här",
        "the character {0} is not allowed here",
    ),
    (
        r"Invalid date or datetime",
        "datumet eller tidpunkten finns inte",
        "the date or date-time does not exist",
    ),
    (
        r"Expected '\]' at the end of a table declaration",
        "tabellnamnet ska avslutas med ]",
        "the table name should end with ]",
    ),
    (
        r"Expected '\]\]' at the end of an array declaration",
        "tabellnamnet ska avslutas med ]]",
        "the table name should end with ]]",
    ),
    (
        r"Expected (.+)",
        "texten avslutas aldrig med {0}",
        "the text is never closed with {0}",
    ),
    (
        r"Unescaped '\\' in a string",
        "ett \\ i en text skrivs \\\\ (eller använd enkla citattecken)",
        "a \\ in text is written \\\\ (or use single quotes)",
    ),
    (
        r"Invalid hex value",
        "efter \\u eller \\U ska det stå hexadecimala siffror",
        "\\u or \\U must be followed by hexadecimal digits",
    ),
    (
        r"Escaped character is not a Unicode scalar value",
        "koden efter \\u eller \\U är inget tecken",
        "the code after \\u or \\U is no character",
    ),
)
_TOML_WHERE = re.compile(r"\s*\((?:at line (\d+), column (\d+)|at end of document)\)\s*\Z")
_MINUTES_ONLY = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?!:\d)")
_SLASH_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}/\d{1,2}/\d{1,2}\b")
_BARE_TEXT = re.compile(r"=\s*(?!true\b|false\b|inf\b|nan\b)[A-Za-zÅÄÖåäöÉé]")


def toml_syntax(where: str, detail: str, text: str) -> Problem:
    """A TOML syntax error in Swedish and English, with its line and column and a hint for the
    mistakes people make most (a time without seconds, a date with slashes, text without quotes).
    """
    found = _TOML_WHERE.search(detail)
    sv_message, en_message = _toml_message(detail[: found.start()] if found else detail)
    if found and found.group(1):
        number = int(found.group(1))
        sv_at = f" (rad {number}, kolumn {found.group(2)})"
        en_at = f" (line {number}, column {found.group(2)})"
        lines = text.splitlines()
        line = lines[number - 1] if 0 < number <= len(lines) else ""
    else:
        sv_at, en_at = (" (i slutet av filen)", " (at the end of the file)") if found else ("", "")
        line = ""
    hint_sv, hint_en = _toml_hint(line)
    return Problem.error(
        "syntax-error",
        where,
        f"syntaxfel: {sv_message}{sv_at}{hint_sv}",
        f"syntax error: {en_message}{en_at}{hint_en}",
    )


def _toml_message(message: str) -> tuple[str, str]:
    """tomllib's *message* in our own words, Swedish and English.

    A message this table does not know (a later Python's) is said generally, with the parser's
    own words after it so that nothing is lost.
    """
    for pattern, sv, en in _TOML_MESSAGES:
        found = re.fullmatch(pattern, message, re.DOTALL)
        if found is not None:
            names = [_toml_name(name) for name in found.groups()]
            return sv.format(*names), en.format(*names)
    return (
        f"TOML-texten går inte att läsa här (tolken säger: {message})",
        f"the TOML text cannot be read here (the parser says: {message})",
    )


def _toml_name(quoted: str) -> str:
    """A key or character as tomllib quotes it (``('a', 'b')``, ``'x'``), as people write it."""
    import ast  # noqa: PLC0415 - only for a syntax error

    try:
        value = ast.literal_eval(quoted)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return quoted
    if isinstance(value, tuple) and all(isinstance(part, str) for part in value):
        return ".".join(value)
    if isinstance(value, str) and len(value) == 1:
        return repr(value) if value.isprintable() else f"U+{ord(value):04X}"
    return value if isinstance(value, str) and value.isprintable() else quoted


def _toml_hint(line: str) -> tuple[str, str]:
    if _MINUTES_ONLY.search(line):
        return (
            "; en tidpunkt behöver sekunder: 2027-02-15T09:00:00",
            "; a time needs seconds: 2027-02-15T09:00:00",
        )
    if _SLASH_DATE.search(line):
        return (
            "; skriv datum som ÅÅÅÅ-MM-DD, till exempel 2026-12-12",
            "; write dates as YYYY-MM-DD, for example 2026-12-12",
        )
    if _BARE_TEXT.search(line):
        return (
            '; text skrivs inom citattecken: nyckel = "text"',
            '; text goes in quotes: key = "text"',
        )
    return "", ""


def _syntax(where: str, detail: str) -> Problem:
    return Problem.error("syntax-error", where, f"syntaxfel: {detail}", f"syntax error: {detail}")


class _DuplicateKeyError(ValueError):
    pass


class _ConstantError(ValueError):
    pass


def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object's pairs as a dict; a key given twice is a ``ValueError``.

    It is the ``object_pairs_hook`` of every JSON the library reads.

    The dict is built in one step and only a short one means a repeated key, so the usual case
    costs little more than :func:`json.loads` alone.
    """
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKeyError(f"duplicate key {key!r}")
            seen.add(key)
    return result


def _no_constant(name: str) -> Any:
    raise _ConstantError(f"{name} is not a number JSON allows")


def json_decoder() -> json.JSONDecoder:
    """The JSON decoder of every reader: a repeated key and NaN or Infinity are ``ValueError``.

    Made once and reused, it spares :func:`json.loads` making a decoder for every line.
    """
    return json.JSONDecoder(object_pairs_hook=unique_keys, parse_constant=_no_constant)


def document_format(path: Source) -> str:
    """``"json"`` for ``.json`` files, else ``"toml"``."""
    return "json" if str(path).lower().endswith(".json") else "toml"


def load_document(
    path: Source, *, name: str | None = None, cached: bool = False
) -> tuple[Mapping[str, Any] | None, list[Problem]]:
    """Read and parse a TOML or JSON document; on failure ``None`` and the problems.

    With *cached*, a TOML file parsed before with exactly these bytes is taken from the cache of
    parsed files (:mod:`innovationsresan.files.parsecache`; for pack content only).
    """
    where = name or display_name(path)
    data, problems = read_bytes(path, name=where)
    if data is None:
        return None, problems
    fmt = document_format(path)
    cached = cached and fmt == "toml"
    if cached:
        found = parsecache.lookup(str(path), data)
        if found is not None:
            return found, []
    text, problems = decode_text(data, where)
    if text is None:
        return None, problems
    document, problems = parse_text(text, where, fmt)
    if cached and document is not None and not problems:
        parsecache.store(str(path), data, document)
    return document, problems


def read_document(path: Path) -> Mapping[str, Any]:
    """Like :func:`load_document` but raise :class:`InputError` with the problems."""
    document, problems = load_document(path)
    if document is None:
        raise InputError(
            LocalizedText.of(f"Filen {path} kan inte läsas.", f"The file {path} cannot be read."),
            problems=problems,
            path=str(path),
        )
    return document


class Terminated(SystemExit):
    """SIGTERM or SIGHUP arrived while a file was being written; the temporary file is gone.

    A :class:`SystemExit` whose code is 128 plus the signal's number, as a shell reports it, so
    a program that does not catch it ends the way the signal would have ended it.
    """

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(128 + signum)


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """SIGTERM and SIGHUP wait until the write is over, then raise :class:`Terminated`.

    The default action of both signals ends the process at once, leaving the temporary file
    behind. Held back for the few moments a write takes, the write either completes (the
    temporary file is renamed) or fails and is cleaned up; then the signal ends the program
    through an exception. Signal handlers can only be set in the main thread; elsewhere, and
    where the program has set its own handler, nothing changes.
    """
    import signal  # noqa: PLC0415 - only writers need it
    import threading  # noqa: PLC0415

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []

    def hold(signum: int, frame: object) -> None:
        received.append(signum)

    previous: dict[int, Any] = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) in (signal.SIG_DFL, None):
            previous[number] = signal.signal(number, hold)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if received:
            raise Terminated(received[0])


def write_target(path: Path) -> Path:
    """The file a write to *path* replaces: *path*, or what it links to when it is a symlink.

    A symbolic link is written through (the file it points to is replaced; the link stays).
    A FIFO, a device or a socket is refused with :class:`OSError` (``EINVAL``): replacing one
    atomically would put a regular file in its place (``/dev/null`` included), and writing into
    one is not atomic.
    """
    import errno  # noqa: PLC0415
    import stat  # noqa: PLC0415

    path = Path(path)
    if path.is_symlink():
        try:
            path = path.resolve()
        except (OSError, RuntimeError) as exc:  # a loop of links
            raise OSError(errno.ELOOP, "too many levels of symbolic links", str(path)) from exc
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return path
    except OSError:
        return path  # the write itself reports what is wrong
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise OSError(errno.EINVAL, "not a regular file (a FIFO, a device or a socket)", str(path))
    return path


def atomic_write_bytes(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Write *data* to *path* atomically: a temporary file in the same folder, fsync, rename.

    Either the old file or the complete new one is there afterwards, never a part, and no
    temporary file stays behind: SIGTERM or SIGHUP during the write is held back until the
    write is complete, then raised as :class:`Terminated`.
    A symbolic link is written through; a FIFO, a device or a socket is refused
    (see :func:`write_target`). With ``overwrite=False`` an existing file is never replaced,
    not even one that appears while the data is being written: :class:`FileExistsError`.
    """
    path = write_target(Path(path))
    folder = path.parent if str(path.parent) else Path()
    folder.mkdir(parents=True, exist_ok=True)
    import tempfile  # noqa: PLC0415 - only writers need it; keeps reading cheap

    with _signals_deferred():
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        try:
            # mkstemp makes the file private; keep the mode the reader expects instead
            try:
                mode = path.stat().st_mode & 0o777
            except OSError:
                mode = 0o644
            os.fchmod(fd, mode)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            if overwrite:
                os.replace(tmp_name, path)
            else:
                _link_new(tmp_name, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
            raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _link_new(tmp_name: str, path: Path) -> None:
    """Give the written temporary file the name *path* only if no file has that name yet."""
    import errno  # noqa: PLC0415

    try:
        os.link(tmp_name, path)
    except FileExistsError:
        raise
    except OSError as exc:
        # a file system without hard links: check, then rename (a short window remains)
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, "the file exists", str(path)) from None
        os.replace(tmp_name, path)
        return
    os.unlink(tmp_name)


def atomic_write_text(path: Path, text: str, *, overwrite: bool = True) -> None:
    """Write UTF-8 *text* atomically (see :func:`atomic_write_bytes`)."""
    atomic_write_bytes(path, text.encode("utf-8"), overwrite=overwrite)
