"""The ``innovationsresan`` command line.

One module per command group registers its commands; :func:`main` runs one command line
in-process and returns the exit code (0 success, 1 a check found errors, 2 unusable input or
usage, 3 an internal error), never letting a traceback reach the user unless ``--debug``.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import sys
import traceback
from collections.abc import Iterable, Sequence

from innovationsresan import __version__
from innovationsresan.cli._common import Context, Parser, UsageError, os_reason, pick
from innovationsresan.errors import InnovationsresanError, PackError
from innovationsresan.model import LocalizedText

#: Modules under ``innovationsresan.cli`` that register commands, in help order.
COMMAND_MODULES = (
    "browse",
    "packs",
    "scoring",
    "recommend",
    "plans",
    "followup",
    "report",
    "workshop",
)

EXIT_OK, EXIT_FAILED_CHECK, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def _language(argv: Sequence[str]) -> str:
    """The ``--lang`` value, read before parsing so help texts come in that language.

    The last one counts, as argparse has it; the parsed value replaces this guess once known.
    """
    found = "sv"
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            found = argv[i + 1]
        elif arg.startswith("--lang="):
            found = arg.split("=", 1)[1]
    return found


def build_parser(lang: str = "sv") -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """The top-level parser and the parent parser holding the options every command has."""
    # The defaults are set in main(), not here: a sub-command's parser (``plan check``) would
    # otherwise put them back over a value given to its group (``plan --lang en check``).
    common = Parser(add_help=False, argument_default=argparse.SUPPRESS)
    common.add_argument(
        "--lang",
        metavar="LANG",
        help=pick(
            lang,
            "språk för text och meddelanden: sv (standard) eller en",
            "language of text and messages: sv (default) or en",
        ),
    )
    common.add_argument(
        "--json",
        action="store_true",
        help=pick(
            lang, "skriv maskinläsbar JSON på stdout", "print machine-readable JSON on stdout"
        ),
    )
    common.add_argument(
        "--debug",
        action="store_true",
        help=pick(lang, "visa hela felspåret vid fel", "show the full traceback on errors"),
    )
    # The common options are accepted before the command name too (``--lang en --help``); a
    # value given after it wins, as a sub-command's parser writes its values over the group's.
    parser = Parser(
        prog="innovationsresan",
        parents=[common],
        description=pick(
            lang,
            "Innovationsresan: reflektera, se var ni står, välj metoder, planera och följ upp.",
            "Innovationsresan: reflect, see where you stand, pick methods, plan and follow up.",
        ),
    )
    parser.add_argument("--version", action="version", version=f"innovationsresan {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"innovationsresan.cli.{name}")
        module.register(commands, common, lang)
    if lang != "en":
        _swedish_help(parser)
    return parser, common


class _SwedishHelpFormatter(argparse.HelpFormatter):
    """argparse's help layout with its one fixed word, ``usage:``, in Swedish."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "användning: " if prefix is None else prefix)


def _swedish_help(parser: argparse.ArgumentParser) -> None:
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
                _swedish_help(sub)


def main(argv: Sequence[str] | None = None, *, context: Context | None = None) -> int:
    """Run one command line and return its exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _language(argv)
    ctx = context or Context()
    ctx.lang = lang
    debug = "--debug" in argv
    try:
        parser, _ = build_parser(lang)
        args = parser.parse_args(argv)
        if getattr(args, "lang", lang) not in ("sv", "en"):
            raise UsageError(_bad_language(args.lang))
        # argparse also accepts abbreviations such as --lan and --deb: follow what it parsed
        lang = ctx.lang = getattr(args, "lang", lang)
        ctx.json = bool(getattr(args, "json", False))
        ctx.debug = bool(getattr(args, "debug", False))
        debug = debug or ctx.debug
        run = getattr(args, "run", None)
        if run is None:
            parser.print_help(ctx.out)
            return EXIT_USAGE
        if not ctx.json:
            return int(run(args, ctx))
        # A content pack may print at import or in a hook; in --json mode stdout carries the
        # JSON document only, so stray prints go to stderr (ctx.out still holds the real stdout).
        with contextlib.redirect_stdout(ctx.err):
            return int(run(args, ctx))
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    except UsageError as exc:
        print(exc.message.get(lang), file=ctx.err)
        return EXIT_USAGE
    except PackError as exc:
        _show(ctx, exc.render(lang), debug)
        return EXIT_FAILED_CHECK
    except InnovationsresanError as exc:
        _show(ctx, exc.render(lang), debug)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(pick(lang, "Avbrutet.", "Interrupted."), file=ctx.err)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # a file or folder the system refused: not a bug in the program
        sv, en = os_reason(exc)
        name = exc.filename if exc.filename is not None else "?"
        _show(
            ctx,
            pick(lang, f"{name} kan inte användas: {sv}.", f"{name} cannot be used: {en}."),
            debug,
        )
        return EXIT_USAGE
    except Exception as exc:
        _show(
            ctx,
            pick(
                lang,
                f"Internt fel: {type(exc).__name__}: {exc}. "
                "Kör igen med --debug och rapportera felet.",
                f"Internal error: {type(exc).__name__}: {exc}. "
                "Run again with --debug and report it.",
            ),
            debug,
        )
        return EXIT_INTERNAL


def _bad_language(value: str) -> LocalizedText:
    return LocalizedText.of(
        f"okänt språk '{value}': välj sv eller en", f"unknown language '{value}': choose sv or en"
    )


def _show(ctx: Context, message: str, debug: bool) -> None:
    if debug:
        traceback.print_exc(file=ctx.err)
    print(message, file=ctx.err)


def entry() -> None:
    """Console-script entry point."""
    sys.exit(main())
