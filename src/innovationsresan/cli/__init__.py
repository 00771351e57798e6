"""The ``innovationsresan`` command line.

One module per command group registers its commands; :func:`main` runs one command line
in-process and returns the exit code (0 success, 1 a check found errors, 2 unusable input or
usage, 3 an internal error), never letting a traceback reach the user unless ``--debug``.

A command line imports only what it needs: :data:`COMMANDS` lists every command with its module
and its one-line help, so ``--help`` lists the commands and ``--version`` answers without
importing any command module, and ``innovationsresan score …`` imports the scoring commands only
(tests/test_cli_imports.py holds every command to that).
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from innovationsresan.cli._common import Context, Parser
    from innovationsresan.model import LocalizedText

#: Every command in help order: its name, the module under ``innovationsresan.cli`` whose
#: ``register()`` adds it, and its one-line help in Swedish and in English (the ``help=`` the
#: module gives it; a test checks they agree). A command line imports the module of its command
#: only; adding a command is adding its line here (CONTRIBUTING.md).
COMMANDS: tuple[tuple[str, str, str, str], ...] = (
    (
        "principles",
        "browse",
        "de nio principerna på repstegen",
        "the nine principles of the rope ladder",
    ),
    (
        "levels",
        "browse",
        "de två nivåerna och beskrivningarna som används",
        "the two levels and the descriptions in use",
    ),
    (
        "statements",
        "browse",
        "post-it-lapparna från de laddade paketen",
        "the statements of the packs",
    ),
    ("cards", "browse", "metodkorten i kortleken", "the method cards of the deck"),
    (
        "stories",
        "browse",
        "berättelser som hjälper er att hitta nuläge och önskat läge",
        "stories that help you find where you stand and where you want to be",
    ),
    (
        "support",
        "browse",
        "stödfunktionerna som planens åtgärder kan be om hjälp",
        "the support functions plan actions can ask for help",
    ),
    ("packs", "packs", "lista installerade innehållspaket", "list the installed content packs"),
    ("pack", "packs", "kontrollera eller skapa ett innehållspaket", "check or create a pack"),
    (
        "score",
        "scoring",
        "gruppens resultat per princip och perspektiv, och läget",
        "the group's result per principle and perspective, and its placement",
    ),
    (
        "reflect",
        "scoring",
        "svara på frågorna i terminalen och spara ett svar",
        "answer the questions in the terminal and save a response",
    ),
    (
        "recommend",
        "recommend",
        "förslag på metodkort för gruppens glapp",
        "card suggestions for the gaps",
    ),
    (
        "plan",
        "plans",
        "skriv, kontrollera och exportera handlingsplanen",
        "write, check and export the action plan",
    ),
    (
        "followup",
        "followup",
        "vad som rört sig mellan två reflektioner",
        "what moved between two reflections",
    ),
    (
        "journey",
        "followup",
        "tidslinjen för en resa, med externa faktorer",
        "the timeline of a journey, with external factors",
    ),
    (
        "report",
        "report",
        "skriv en HTML-rapport från workshopen",
        "write an HTML report of the workshop",
    ),
    (
        "demo",
        "report",
        "kör hela workshopen på exempeldata",
        "run the whole workshop on example data",
    ),
    (
        "workshop",
        "workshop",
        "workshoppar i webbläsaren: skapa, lista, stäng, exportera",
        "workshops in the browser: create, list, close, export",
    ),
    (
        "serve",
        "serve",
        "starta workshopservern (svar på mobilen, repstegen live)",
        "start the workshop server (answers on phones, the ladder live)",
    ),
)

#: Modules under ``innovationsresan.cli`` that register commands, in help order.
COMMAND_MODULES = tuple(dict.fromkeys(module for _, module, _, _ in COMMANDS))

EXIT_OK, EXIT_FAILED_CHECK, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

# The options every command has, as argparse accepts them: abbreviated too (``--lan``).
_OPTIONS_WITH_VALUE = ("--lang",)
_FLAGS = ("--json", "--debug", "--help", "--version")


def _option(arg: str) -> str | None:
    """The common option *arg* names (``--lan`` is ``--lang``), or ``None``."""
    if arg == "-h":
        return "--help"
    name = arg.split("=", 1)[0]
    if len(name) < 3 or not name.startswith("--"):
        return None
    found = [option for option in (*_OPTIONS_WITH_VALUE, *_FLAGS) if option.startswith(name)]
    return found[0] if len(found) == 1 else None


def _scan(argv: Sequence[str]) -> tuple[str | None, str | None]:
    """The command named in *argv*, and the first of ``--help`` and ``--version`` before it.

    Reads the common options as argparse does, so the command's own module alone can be loaded.
    ``None`` for the command when the first word is not one (argparse then says so).
    """
    early: str | None = None
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg == "--":
            return None, early
        if not arg.startswith("-") or arg == "-":
            return arg, early
        option = _option(arg)
        if option in _OPTIONS_WITH_VALUE and "=" not in arg:
            skip = True
        elif option in ("--help", "--version") and early is None:
            early = option
    return None, early


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
    return content_language(found) or found


#: A BCP 47 language tag as people type them: a language subtag, then script, region … subtags.
_LANGUAGE_TAG = r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*"


def content_language(value: str) -> str | None:
    """The language whose texts *value* asks for: the language subtag of a BCP 47 tag, in
    lower case (``fi-FI`` is ``fi``, ``EN`` is ``en``); ``None`` when *value* is no such tag.

    Content (statements, cards, stories …) is shown in that language, falling back to Swedish,
    English, then any; the library's own messages and headings are English for ``en`` and
    Swedish for every other language (docs/cli.md).
    """
    import re  # noqa: PLC0415 - lazy: --version and --help answer without it

    if not re.fullmatch(_LANGUAGE_TAG, value):
        return None
    return re.split(r"[-_]", value, maxsplit=1)[0].lower()


def build_parser(
    lang: str = "sv", command: str | None = None
) -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """The top-level parser and the parent parser holding the options every command has.

    With *command* (a name of :data:`COMMANDS`) only that command's module is imported and
    registered, and the other commands are left out (a command line naming one never shows the
    list). With ``""`` no module is imported and every command is listed with its help, for
    ``--help``, but none can be parsed. Without *command* every module registers its commands
    (the documentation's reference is built that way).
    """
    import argparse  # noqa: PLC0415 - not needed by --version

    from innovationsresan import __version__  # noqa: PLC0415
    from innovationsresan.cli._common import Parser, pick, swedish_help  # noqa: PLC0415

    # The defaults are set in main(), not here: a sub-command's parser (``plan check``) would
    # otherwise put them back over a value given to its group (``plan --lang en check``).
    common = Parser(add_help=False, argument_default=argparse.SUPPRESS)
    common.add_argument(
        "--lang",
        metavar="LANG",
        help=pick(
            lang,
            "språk för innehållet, en BCP 47-kod: sv (standard), en, fi … (saknas en text på "
            "språket visas den på svenska, engelska eller det som finns); meddelanden och "
            "rubriker är på engelska för en, annars på svenska",
            "language of the content, a BCP 47 code: sv (default), en, fi … (a text missing in "
            "that language is shown in Swedish, English or what there is); messages and "
            "headings are in English for en, else in Swedish",
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
    wanted = {module for name, module, _, _ in COMMANDS if name == command}
    registered: set[str] = set()
    for name, module, sv, en in COMMANDS:
        if command is None or module in wanted:
            if module not in registered:
                registered.add(module)
                _register(module, commands, common, lang)
        elif not wanted:
            # listed for --help and for argparse's "choose from"; never parsed (see main)
            commands.add_parser(name, help=pick(lang, sv, en), add_help=False)
    if lang != "en":
        swedish_help(parser)
    return parser, common


def _register(
    module: str,
    commands: argparse._SubParsersAction[Parser],
    common: argparse.ArgumentParser,
    lang: str,
) -> None:
    import importlib  # noqa: PLC0415

    importlib.import_module(f"innovationsresan.cli.{module}").register(commands, common, lang)


def main(argv: Sequence[str] | None = None, *, context: Context | None = None) -> int:
    """Run one command line and return its exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    command, early = _scan(argv)
    if early == "--version":  # answered before anything is imported, as argparse would
        from innovationsresan import __version__  # noqa: PLC0415

        print(f"innovationsresan {__version__}")
        return EXIT_OK
    from innovationsresan.cli._common import (  # noqa: PLC0415
        Context,
        UsageError,
        json_stdout,
        terminal_text,
    )

    lang = _language(argv)
    ctx = context or Context()
    ctx.lang = lang
    debug = "--debug" in argv
    try:
        # No command: the table lists them. A name not in the table: every module registers its
        # commands, so argparse finds it or says what the choices are.
        if command is None:
            parser, _ = build_parser(lang, "")
        elif any(name == command for name, *_ in COMMANDS):
            parser, _ = build_parser(lang, command)
        else:
            parser, _ = build_parser(lang)
        args = parser.parse_args(argv)
        asked = getattr(args, "lang", lang)
        chosen = content_language(asked)
        if chosen is None:
            raise UsageError(_bad_language(asked))
        _check_texts(args)
        # argparse also accepts abbreviations such as --lan and --deb: follow what it parsed
        lang = ctx.lang = args.lang = chosen
        ctx.json = bool(getattr(args, "json", False))
        ctx.debug = bool(getattr(args, "debug", False))
        debug = debug or ctx.debug
        run = getattr(args, "run", None)
        if run is None:
            parser.print_help(ctx.out)
            return EXIT_USAGE
        if not ctx.json:
            return int(run(args, ctx))
        # A content pack may print or write to descriptor 1; stdout carries the JSON only
        with json_stdout(ctx):
            return int(run(args, ctx))
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    except UsageError as exc:
        print(terminal_text(exc.message.get(lang)), file=ctx.err)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(_pick(lang, "Avbrutet.", "Interrupted."), file=ctx.err)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # every other error becomes a message and an exit code
        return _failed(exc, ctx, lang, debug)


def _failed(exc: Exception, ctx: Context, lang: str, debug: bool) -> int:
    """Show *exc* as a message (a traceback with ``--debug``) and give its exit code."""
    errors = sys.modules.get("innovationsresan.errors")  # loaded when one of its errors is raised
    if errors is not None and isinstance(exc, errors.PackError):
        _show(ctx, exc.render(lang), debug)
        return EXIT_FAILED_CHECK
    if errors is not None and isinstance(exc, errors.InnovationsresanError):
        _show(ctx, exc.render(lang), debug)
        return EXIT_USAGE
    if isinstance(exc, OSError):  # a file or folder the system refused: not a bug in the program
        from innovationsresan.cli._common import os_reason  # noqa: PLC0415

        sv, en = os_reason(exc)
        name = exc.filename if exc.filename is not None else "?"
        _show(
            ctx,
            _pick(lang, f"{name} kan inte användas: {sv}.", f"{name} cannot be used: {en}."),
            debug,
        )
        return EXIT_USAGE
    _show(
        ctx,
        _pick(
            lang,
            f"Internt fel: {type(exc).__name__}: {exc}. Kör igen med --debug och rapportera felet.",
            f"Internal error: {type(exc).__name__}: {exc}. Run again with --debug and report it.",
        ),
        debug,
    )
    return EXIT_INTERNAL


#: Arguments that become text in a file or a report (not file names, which may be any bytes).
_TEXT_ARGUMENTS = ("title", "team", "respondent", "name")


def _check_texts(args: argparse.Namespace) -> None:
    """Refuse a text argument holding bytes that are not UTF-8 (the shell passes them through).

    Such text could never be written into a TOML, JSON, HTML or iCalendar file.
    """
    for dest in _TEXT_ARGUMENTS:
        value = getattr(args, dest, None)
        if not isinstance(value, str):
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            from innovationsresan.cli._common import UsageError  # noqa: PLC0415 - loaded already
            from innovationsresan.model import LocalizedText  # noqa: PLC0415

            shown = value.encode("utf-8", "backslashreplace").decode("utf-8")
            label = "NAME" if dest == "name" else f"--{dest}"
            raise UsageError(
                LocalizedText.of(
                    f"{label} '{shown}' är inte giltig UTF-8-text; skriv texten igen.",
                    f"{label} '{shown}' is not valid UTF-8 text; type the text again.",
                )
            ) from None


def _pick(lang: str, sv: str, en: str) -> str:
    return en if lang == "en" else sv


def _bad_language(value: str) -> LocalizedText:
    from innovationsresan.model import LocalizedText  # noqa: PLC0415

    return LocalizedText.of(
        f"'{value}' är ingen språkkod: ange en BCP 47-kod som sv, en eller fi",
        f"'{value}' is not a language code: give a BCP 47 code such as sv, en or fi",
    )


def _show(ctx: Context, message: str, debug: bool) -> None:
    if debug:
        import traceback  # noqa: PLC0415

        traceback.print_exc(file=ctx.err)
    from innovationsresan.cli._common import terminal_text  # noqa: PLC0415 - loaded already

    print(terminal_text(message), file=ctx.err)


#: The cyclic garbage collector's thresholds while the ``innovationsresan`` command runs: a
#: first collection after 100 000 new objects instead of Python's 700 (docs/performance.md).
COMMAND_LINE_GC = (100_000, 50, 50)

_usual_gc: tuple[int, ...] | None = None


def entry() -> None:
    """Console-script entry point.

    A command line makes many objects that live until it ends (modules, classes, the
    catalogue) and hardly any garbage cycles, which reference counting cannot free: looking for
    them every 700 new objects finds nothing, and the last look among all objects as Python
    ends cost a short command like ``demo`` a sixth of its time. The command runs with
    :data:`COMMAND_LINE_GC` and freezes its objects before it ends; one that goes on running
    gives the usual thresholds back (:func:`long_running`). See docs/performance.md.
    """
    import gc  # noqa: PLC0415

    global _usual_gc  # noqa: PLW0603 - the thresholds of this process, kept for long_running
    _usual_gc = gc.get_threshold()
    gc.set_threshold(*COMMAND_LINE_GC)
    code = main()
    # frozen, the objects are passed over by the collection as Python ends (memory is given
    # back when the process ends; every file is written, flushed and closed already)
    gc.freeze()
    sys.exit(code)


def long_running() -> None:
    """Give the garbage collector back its usual thresholds, for a command that goes on
    running (``serve``) rather than ending in a moment; nothing to do in a program that calls
    :func:`main` itself."""
    import gc  # noqa: PLC0415

    if _usual_gc is not None:
        gc.set_threshold(*_usual_gc)
