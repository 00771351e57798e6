"""The ``serve`` command: the workshop server for the room (optional extra ``serve``).

Nothing of the web stack is imported until the command runs, so every other command starts
as fast without it.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import importlib.util
import os
import socket
from typing import TYPE_CHECKING

from innovationsresan.cli import long_running
from innovationsresan.cli._common import Context, UsageError, pick
from innovationsresan.model import LocalizedText

if TYPE_CHECKING:
    from collections.abc import Iterator

#: Where the server listens unless told otherwise.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000

#: Set this to keep the admin key the same across restarts (it is random otherwise).
ADMIN_KEY_VARIABLE = "INNOVATIONSRESAN_ADMIN_KEY"

#: The modules the server needs (import name → distribution), all in the ``serve`` extra.
NEEDED = {
    "starlette": "starlette",
    "uvicorn": "uvicorn",
    "jinja2": "jinja2",
    "multipart": "python-multipart",
    "sqlalchemy": "sqlalchemy",
    "segno": "segno",
    "babel": "babel",
}


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    lang: str,
) -> None:
    """Add ``serve`` to the parser."""
    serve = commands.add_parser(
        "serve",
        parents=[common],
        help=pick(
            lang,
            "starta workshopservern (svar på mobilen, repstegen live)",
            "start the workshop server (answers on phones, the ladder live)",
        ),
        description=pick(
            lang,
            "Startar en webbserver för workshoppen i rummet. Deltagarna svarar på mobilen, "
            "facilitatorns skärm visar repstegen medan svaren kommer in, och gruppen skriver "
            "handlingsplanen tillsammans. Skriver ut facilitatorns adress med en hemlig nyckel. "
            "Kräver tillägget serve: pip install 'innovationsresan[serve]'.",
            "Starts a web server for the workshop in the room. Participants answer on their "
            "phones, the facilitator's screen shows the ladder as answers arrive, and the group "
            "writes the action plan together. Prints the facilitator's address with a secret "
            "key. Needs the serve extra: pip install 'innovationsresan[serve]'.",
        ),
    )
    serve.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=pick(
            lang,
            f"adressen servern lyssnar på (standard {DEFAULT_HOST}; 0.0.0.0 för rummets wifi)",
            f"the address to listen on (default {DEFAULT_HOST}; 0.0.0.0 for the room's wifi)",
        ),
    )
    serve.add_argument(
        "--port",
        type=_port(lang),
        default=DEFAULT_PORT,
        help=pick(
            lang,
            f"porten (standard {DEFAULT_PORT}; 0 väljer en ledig)",
            f"the port (default {DEFAULT_PORT}; 0 picks a free one)",
        ),
    )
    serve.add_argument(
        "--db",
        metavar="PATH|URL",
        help=pick(
            lang,
            "databasen: en SQLite-fil eller postgresql://… (standard: en fil i din datamapp)",
            "the database: a SQLite file or postgresql://… (default: a file in your data folder)",
        ),
    )
    serve.add_argument(
        "--base-url",
        metavar="URL",
        help=pick(
            lang,
            "adressen deltagarna ser (bakom en omvänd proxy, till exempel https://…)",
            "the address participants are shown (behind a reverse proxy, e.g. https://…)",
        ),
    )
    serve.add_argument(
        "--open",
        action="store_true",
        help=pick(
            lang,
            "öppna facilitatorns sida i webbläsaren",
            "open the facilitator's page in the browser",
        ),
    )
    serve.set_defaults(run=run_serve)


def _port(lang: str) -> argparse._ActionType:
    def parse(text: str) -> int:
        if text.isdigit() and 0 <= int(text) <= 65535:
            return int(text)
        raise argparse.ArgumentTypeError(
            pick(lang, f"ingen port: {text} (0–65535)", f"not a port: {text} (0–65535)")
        )

    return parse


def missing_modules() -> list[str]:
    """The distributions of the ``serve`` extra that are not installed."""
    return [dist for name, dist in NEEDED.items() if importlib.util.find_spec(name) is None]


def _missing_extra(missing: list[str]) -> UsageError:
    names = ", ".join(missing)
    return UsageError(
        LocalizedText.of(
            f"Servern behöver tillägget serve, som inte är installerat (saknas: {names}). "
            "Installera det med: pip install 'innovationsresan[serve]'",
            f"The server needs the serve extra, which is not installed (missing: {names}). "
            "Install it with: pip install 'innovationsresan[serve]'",
        )
    )


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on *host*:*port*; a port in use or an unusable address is a
    :class:`UsageError` saying so in both languages."""
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        return socket.create_server((host, port), family=family, reuse_port=False)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(
                LocalizedText.of(
                    f"Porten {port} på {host} används redan av ett annat program. "
                    "Välj en annan med --port (till exempel --port 8001).",
                    f"Port {port} on {host} is already in use by another program. "
                    "Choose another with --port (for example --port 8001).",
                )
            ) from exc
        if exc.errno == errno.EACCES:
            raise UsageError(
                LocalizedText.of(
                    f"Porten {port} på {host} får inte användas av det här kontot; "
                    "välj en port över 1024.",
                    f"Port {port} on {host} may not be used by this account; "
                    "choose a port above 1024.",
                )
            ) from exc
        raise UsageError(
            LocalizedText.of(
                f"Servern kan inte lyssna på {host}:{port}: {exc.strerror or exc}.",
                f"The server cannot listen on {host}:{port}: {exc.strerror or exc}.",
            )
        ) from exc


def local_address() -> str | None:
    """This machine's address on the local network (no packet is sent), or ``None``."""
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("10.255.255.255", 1))
        address = str(probe.getsockname()[0])
        return None if address.startswith("127.") else address
    return None


def base_url(host: str, port: int, given: str | None) -> str:
    """The address participants are shown: *given*, else this server's own."""
    if given:
        return given.rstrip("/")
    shown = host
    if host in ("0.0.0.0", "::", ""):  # noqa: S104 - naming the wildcard address, not binding
        shown = local_address() or "127.0.0.1"
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


@contextlib.contextmanager
def _closing(sock: socket.socket) -> Iterator[socket.socket]:
    try:
        yield sock
    finally:
        sock.close()


def run_serve(args: argparse.Namespace, ctx: Context) -> int:
    """``serve [--host] [--port] [--db] [--base-url] [--open]``."""
    missing = missing_modules()
    if missing:
        raise _missing_extra(missing)
    import uvicorn  # noqa: PLC0415 - the web stack loads only for this command

    from innovationsresan.store import Store  # noqa: PLC0415
    from innovationsresan.web import create_app  # noqa: PLC0415
    from innovationsresan.web.security import new_secret  # noqa: PLC0415

    with _closing(listen(args.host, args.port)) as sock:
        port = int(sock.getsockname()[1])
        base = base_url(args.host, port, args.base_url)
        store = Store.open(args.db)
        admin_key = os.environ.get(ADMIN_KEY_VARIABLE) or new_secret()
        app = create_app(store, admin_key=admin_key, base_url=base, close_store=True)
        admin_url = f"{base}/admin?key={admin_key}"
        ctx.print(
            ctx.t(
                f"Innovationsresan: workshopservern svarar på {base}",
                f"Innovationsresan: the workshop server answers at {base}",
            ),
            ctx.t(f"Databas: {store.url}", f"Database: {store.url}"),
            "",
            ctx.t(
                "Facilitatorns sida (skapa workshoppar), håll adressen för dig själv:",
                "The facilitator's page (create workshops), keep the address to yourself:",
            ),
            f"  {admin_url}",
            "",
            ctx.t(
                f"Deltagarna går till {base}/ och skriver koden.",
                f"Participants go to {base}/ and type the code.",
            ),
            ctx.t("Stoppa med Ctrl+C.", "Stop with Ctrl+C."),
        )
        with contextlib.suppress(AttributeError, ValueError, OSError):
            ctx.out.flush()
        if args.open:
            import webbrowser  # noqa: PLC0415

            webbrowser.open(admin_url)
        config = uvicorn.Config(
            app,
            log_level="warning",
            timeout_graceful_shutdown=3,
            proxy_headers=True,
            server_header=False,
        )
        long_running()
        uvicorn.Server(config).run(sockets=[sock])
    return 0
