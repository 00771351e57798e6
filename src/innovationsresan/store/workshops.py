"""The workshop store: workshops, their anonymous participants, answers and action plans.

One :class:`Store` serves a whole server: it holds a SQLAlchemy engine (a pool of
connections) and caches, so threads share it freely. Every change is committed
before the method returns: once :meth:`Store.save_answers` has returned, the answers are on
the disk (see :mod:`innovationsresan.store.engine`). Answers and joins that arrive together
are committed together (:mod:`innovationsresan.store.writer`), each in its own savepoint.

Answers are kept under the names of the CSV columns of a response collection
(``current.organisation.curiosity``, ``desired.individual.ownership``,
``statements.kiruna:some-id``) with the values ``"1"``..scale or ``"n/a"``; the group's
responses are built from them with :func:`innovationsresan.parse_response`, and
:meth:`Store.export` writes them as the ``responses.jsonl`` every command reads.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
import re
import secrets
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Final

import attrs
from sqlalchemy import (
    Connection,
    Engine,
    bindparam,
    delete,
    func,
    insert,
    inspect,
    select,
    tuple_,
    update,
)
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from innovationsresan.errors import InputError
from innovationsresan.ladder import PRINCIPLE_IDS
from innovationsresan.model import LocalizedText, Problem
from innovationsresan.responses import (
    MAX_SCALE,
    MIN_SCALE,
    NA,
    PERSPECTIVE_IDS,
    RATING_KINDS,
    SCHEMA,
    Response,
    parse_response,
)
from innovationsresan.store import tables as t
from innovationsresan.store.engine import (
    IMMEDIATE,
    SINGLE_READ,
    database_url,
    make_engine,
    prepare_sqlite_file,
    shown,
)
from innovationsresan.store.errors import (
    LimitError,
    StoreUnavailableError,
    UnknownParticipantError,
    UnknownWorkshopError,
    WorkshopClosedError,
)
from innovationsresan.store.prepared import Prepared
from innovationsresan.store.writer import GroupWriter

if TYPE_CHECKING:
    from innovationsresan.catalog import Catalog

# -- limits (documented in docs/server.md) --------------------------------------------------------

#: Participants one workshop takes; one more is refused with :class:`LimitError`.
MAX_PARTICIPANTS: Final = 1000
#: Answers one participant keeps (36 on the ladder and the statements of the packs).
MAX_ANSWERS: Final = 1000
#: Characters of a workshop's name.
MAX_NAME: Final = 200
#: Characters of a stored action plan (TOML).
MAX_PLAN: Final = 512 * 1024
#: Packs one workshop names.
MAX_PACKS: Final = 50

#: How long a join code's lookup is reused, in seconds.
CODE_CACHE_SECONDS: Final = 2.0
#: Entries each cache holds before it starts over.
CACHE_SIZE: Final = 100_000

#: The letters of a join code: no 0/O, 1/I/L, so a code read off a projector is typed right.
CODE_ALPHABET: Final = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH: Final = 6
LANGUAGES: Final = ("sv", "en")

#: The keys an answer may have on the ladder: ``current|desired.<perspective>.<principle>``.
LADDER_KEYS: Final = frozenset(
    f"{kind}.{q}.{p}" for kind in RATING_KINDS for q in PERSPECTIVE_IDS for p in PRINCIPLE_IDS
)
_STATEMENT_KEY = re.compile(r"statements\.([a-z0-9][a-z0-9-]{0,99}):[a-z0-9][a-z0-9-]{0,149}\Z")
_PACK_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,99}\Z")
_WITHDRAW = ""


def _workshop_id() -> str:
    """A random workshop id that a command line never takes for an option (no leading ``-``)."""
    while (made := secrets.token_urlsafe(12)).startswith("-"):
        pass
    return made


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands back naive date-times; the store writes UTC only."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.UTC)


def _hash(secret: str) -> str:
    # The secret is 192 random bits, so a fast hash cannot be searched backwards.
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


@attrs.frozen
class Workshop:
    """One workshop: a team's reflection round, answered in the browser.

    ``id`` is random and url-safe (it is also the name in the facilitator's address);
    ``code`` is the short join code shown on the projector, which stops working when the
    workshop is ``closed``. ``packs`` empty means every installed pack. ``previous`` is the
    id of the team's earlier workshop, for the follow-up comparison.
    """

    id: str
    code: str
    name: str
    lang: str = "sv"
    scale: int = 5
    packs: tuple[str, ...] = ()
    rate_statements: bool = False
    created: dt.datetime = attrs.field(factory=_utcnow)
    closed: dt.datetime | None = None
    previous: str | None = None

    @property
    def is_open(self) -> bool:
        """Whether participants can still join and answer."""
        return self.closed is None


def _workshop(row: Any) -> Workshop:
    created = _utc(row.created)
    if created is None:  # pragma: no cover - the column is NOT NULL
        raise ValueError(f"workshop {row.id} has no creation time")
    return Workshop(
        id=row.id,
        code=row.code,
        name=row.name,
        lang=row.lang,
        scale=row.scale,
        packs=tuple(row.packs.split()),
        rate_statements=bool(row.rate_statements),
        created=created,
        closed=_utc(row.closed),
        previous=row.previous,
    )


def workshop_json(workshop: Workshop) -> dict[str, Any]:
    """A workshop as JSON (what ``workshop list --json`` prints); times in ISO 8601, UTC."""
    return {
        "id": workshop.id,
        "code": workshop.code,
        "name": workshop.name,
        "lang": workshop.lang,
        "scale": workshop.scale,
        "packs": list(workshop.packs),
        "rate_statements": workshop.rate_statements,
        "created": workshop.created.isoformat(),
        "closed": None if workshop.closed is None else workshop.closed.isoformat(),
        "previous": workshop.previous,
    }


def normalize_code(code: str) -> str:
    """A join code as stored: upper case, spaces and hyphens dropped."""
    return re.sub(r"[\s-]", "", code).upper()


def respondent_name(number: int) -> str:
    """The pseudonym a participant gets in exports: ``r01``, ``r02``… in join order."""
    return f"r{number:02d}"


class Store:
    """Workshops in a database. Open with :meth:`open`; close with :meth:`close` or ``with``."""

    def __init__(
        self,
        engine: Engine,
        *,
        catalog: Catalog | None = None,
        clock: Callable[[], dt.datetime] = _utcnow,
    ) -> None:
        self.engine = engine
        self.catalog = catalog
        self._clock = clock
        self._url = shown(engine.url)
        self._statements: frozenset[str] | None = (
            None if catalog is None else frozenset(f"{s.pack}:{s.id}" for s in catalog.statements)
        )
        # answers and joins are frequent: committed in groups (see store/writer.py)
        # caches of what the frequent requests look up; a workshop closed here is forgotten
        # at once, one closed by another process within CODE_CACHE_SECONDS (its answers are
        # refused at once either way: the write checks the database)
        self._open_workshops: dict[str, Workshop] = {}
        self._codes: dict[str, tuple[float, Workshop]] = {}
        self._members: set[tuple[str, str]] = set()
        self._upsert_statement: Any = None
        self._bump_statement: Prepared | None = None
        self._upsert_prepared: Prepared | None = None
        self._writer = GroupWriter(lambda: self._transaction(write=True))

    # -- opening and closing ------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        url_or_path: str | None = None,
        *,
        catalog: Catalog | None = None,
        clock: Callable[[], dt.datetime] = _utcnow,
        create: bool = True,
    ) -> Store:
        """Open the database at *url_or_path*; with *create*, create it when it is new.

        ``None`` is a SQLite file in the user's data folder; a path is a SQLite file;
        ``postgresql://user@host/db`` is a PostgreSQL database. With a *catalog*, statement
        answers must name statements it holds and packs must be loaded ones. Without
        *create* (commands that only read or change workshops) a database that does not exist
        or holds no workshop tables is refused, and no file or folder is made.
        Raises :class:`InputError` for an address that cannot be used and
        :class:`StoreUnavailableError` for a database that is missing, is not one, cannot be
        reached or was written by a newer version of this library.
        """
        url = database_url(url_or_path)
        if url.get_backend_name() == "sqlite":
            prepare_sqlite_file(url, create=create)
        try:
            engine = make_engine(url)
        except ImportError as exc:  # psycopg is not installed
            raise StoreUnavailableError(
                shown(url), f"{exc.name}: pip install 'innovationsresan[postgresql]'"
            ) from exc
        store = cls(engine, catalog=catalog, clock=clock)
        try:
            store._create(create=create)
        except BaseException:
            engine.dispose()
            raise
        return store

    @property
    def url(self) -> str:
        """The database's address without its password."""
        return self._url

    def _create(self, *, create: bool) -> None:
        with self._transaction(write=True) as conn:
            tables = set(inspect(conn).get_table_names())
            if t.store_info.name not in tables and (tables or not create):
                # another program's database, or an empty one given to a command that reads
                raise StoreUnavailableError(
                    self._url,
                    LocalizedText.of(
                        "databasen har inga workshoppar; en databas skapas av "
                        "'workshop new' och 'serve'",
                        "the database holds no workshops; 'workshop new' and 'serve' create one",
                    ),
                    code="not-a-workshop-database",
                )
            t.metadata.create_all(conn)
            version = conn.execute(
                select(t.store_info.c.value).where(t.store_info.c.key == "schema_version")
            ).scalar()
            if version is None:
                conn.execute(
                    insert(t.store_info).values(key="schema_version", value=str(t.SCHEMA_VERSION))
                )
            elif not version.isdigit() or int(version) > t.SCHEMA_VERSION:
                raise StoreUnavailableError(
                    self._url,
                    f"schema {version} > {t.SCHEMA_VERSION} (innovationsresan is too old)",
                )

    def close(self, workshop_id: str | None = None) -> Workshop | None:
        """Close the workshop *workshop_id*, or, without one, this store's connections.

        A closed workshop takes no more participants or answers and its join code stops
        working; closing it again changes nothing. Returns the workshop (``None`` when the
        store itself was closed). An unknown id raises :class:`UnknownWorkshopError`.
        """
        if workshop_id is None:
            self._writer.close()
            self.engine.dispose()
            return None
        return self.close_workshop(workshop_id)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _transaction(self, *, write: bool = False) -> Iterator[Connection]:
        """One transaction; database failures become :class:`StoreUnavailableError`.

        Without *write* the connection is for reading with one statement.
        """
        try:
            with self.engine.connect() as conn:
                conn.execution_options(**({IMMEDIATE: True} if write else {SINGLE_READ: True}))
                with conn.begin():
                    yield conn
        except (OperationalError, DBAPIError) as exc:
            if isinstance(exc, IntegrityError):
                raise
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise StoreUnavailableError(self._url, reason) from exc

    # -- workshops ----------------------------------------------------------------------------

    def create_workshop(
        self,
        name: str,
        *,
        lang: str = "sv",
        scale: int = 5,
        packs: Iterable[str] = (),
        rate_statements: bool = False,
        previous: str | None = None,
    ) -> tuple[Workshop, str]:
        """Create a workshop; return it and the facilitator's secret.

        The secret is given only here, in clear; the store keeps its hash
        (:meth:`check_secret`). Invalid settings raise :class:`InputError` listing every
        problem; an unknown *previous* workshop is one of them.
        """
        packs = tuple(packs)
        problems = self._settings_problems(name, lang, scale, packs, rate_statements)
        if previous is not None and self.workshop(previous) is None:
            problems.append(
                Problem.error(
                    "unknown-workshop",
                    "previous",
                    f"det finns ingen tidigare workshop med id '{previous}'",
                    f"there is no earlier workshop with the id '{previous}'",
                )
            )
        if problems:
            raise InputError(
                LocalizedText.of("Workshoppen kan inte skapas.", "The workshop cannot be created."),
                problems=problems,
            )
        secret = secrets.token_urlsafe(24)
        created = self._clock()
        for _ in range(20):
            workshop = Workshop(
                id=_workshop_id(),
                code="".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)),
                name=name.strip(),
                lang=lang,
                scale=scale,
                packs=packs,
                rate_statements=rate_statements,
                created=created,
                previous=previous,
            )
            try:
                with self._transaction(write=True) as conn:
                    conn.execute(
                        insert(t.workshops).values(
                            id=workshop.id,
                            code=workshop.code,
                            name=workshop.name,
                            lang=lang,
                            scale=scale,
                            packs=" ".join(packs),
                            rate_statements=rate_statements,
                            secret_hash=_hash(secret),
                            created=created,
                            closed=None,
                            previous=previous,
                            revision=0,
                            joined=0,
                        )
                    )
            except IntegrityError:  # the random code (or id) is taken: draw again
                continue
            return workshop, secret
        raise StoreUnavailableError(self._url, "no free join code found")  # pragma: no cover

    def _settings_problems(
        self, name: object, lang: object, scale: object, packs: tuple[str, ...], statements: object
    ) -> list[Problem]:
        problems: list[Problem] = []
        if not isinstance(name, str) or not name.strip() or len(name.strip()) > MAX_NAME:
            problems.append(
                Problem.error(
                    "invalid-name",
                    "name",
                    f"namnet ska vara en text med 1 till {MAX_NAME} tecken",
                    f"the name must be a text of 1 to {MAX_NAME} characters",
                )
            )
        elif any(ord(c) < 32 or ord(c) == 127 for c in name):
            problems.append(
                Problem.error(
                    "invalid-name",
                    "name",
                    "namnet får inte innehålla styrtecken",
                    "the name must not hold control characters",
                )
            )
        if lang not in LANGUAGES:
            problems.append(
                Problem.error(
                    "invalid-language",
                    "lang",
                    f"okänt språk {lang!r}: välj sv eller en",
                    f"unknown language {lang!r}: choose sv or en",
                )
            )
        if type(scale) is not int or not MIN_SCALE <= scale <= MAX_SCALE:
            problems.append(
                Problem.error(
                    "invalid-scale",
                    "scale",
                    f"skalan ska vara ett heltal {MIN_SCALE}–{MAX_SCALE}, inte {scale!r}",
                    f"the scale must be a whole number {MIN_SCALE}–{MAX_SCALE}, not {scale!r}",
                )
            )
        if type(statements) is not bool:
            problems.append(
                Problem.error(
                    "wrong-type",
                    "rate_statements",
                    "ska vara sant eller falskt",
                    "must be true or false",
                )
            )
        if len(packs) > MAX_PACKS:
            problems.append(
                Problem.error(
                    "too-many-packs",
                    "packs",
                    f"högst {MAX_PACKS} paket",
                    f"at most {MAX_PACKS} packs",
                )
            )
        loaded = None if self.catalog is None else {status.id for status in self.catalog.packs}
        for i, pack in enumerate(packs):
            if not isinstance(pack, str) or not _PACK_ID.match(pack):
                problems.append(
                    Problem.error(
                        "invalid-id",
                        f"packs[{i}]",
                        f"{pack!r} är inget paket-id (små bokstäver a-z, siffror, bindestreck)",
                        f"{pack!r} is no pack id (lower-case letters a-z, digits, hyphens)",
                    )
                )
            elif loaded is not None and pack not in loaded:
                problems.append(
                    Problem.error(
                        "unknown-pack",
                        f"packs[{i}]",
                        f"paketet '{pack}' är inte installerat",
                        f"the pack '{pack}' is not installed",
                    )
                )
        if len(set(packs)) != len(packs):
            problems.append(
                Problem.error(
                    "duplicate-pack", "packs", "ett paket står två gånger", "a pack appears twice"
                )
            )
        return problems

    def workshop(self, workshop_id: str) -> Workshop | None:
        """The workshop with this id, or ``None``."""
        with self._transaction() as conn:
            row = conn.execute(select(t.workshops).where(t.workshops.c.id == workshop_id)).first()
        return None if row is None else _workshop(row)

    def _require(self, workshop_id: str) -> Workshop:
        workshop = self.workshop(workshop_id)
        if workshop is None:
            raise UnknownWorkshopError(workshop_id)
        return workshop

    def by_code(self, code: str, *, include_closed: bool = False) -> Workshop | None:
        """The open workshop with this join code (any case, spaces ignored), or ``None``.

        A closed workshop's code joins no more; with *include_closed* it is still found (its
        ``closed`` is set), so that a participant can be told that it has closed. Codes are
        never given twice, so a closed workshop's code names no other workshop.
        """
        wanted = normalize_code(code)
        if len(wanted) != CODE_LENGTH:
            return None
        # every participant's request looks its workshop up: known codes are kept a moment
        cached = self.cached_by_code(wanted)
        if cached is not None:
            return cached
        now = time.monotonic()
        query = select(t.workshops).where(t.workshops.c.code == wanted)
        if not include_closed:
            query = query.where(t.workshops.c.closed.is_(None))
        with self._transaction() as conn:
            row = conn.execute(query).first()
        if row is None:
            return None
        workshop = _workshop(row)
        if not workshop.is_open:
            return workshop
        if len(self._codes) >= CACHE_SIZE:
            self._codes.clear()
        self._codes[wanted] = (now, workshop)
        return workshop

    def cached_by_code(self, code: str) -> Workshop | None:
        """The open workshop of *code* as :meth:`by_code` found it in the last
        :data:`CODE_CACHE_SECONDS`, without asking the database; ``None`` only says that it is
        not at hand (then ask :meth:`by_code`)."""
        cached = self._codes.get(normalize_code(code))
        if cached is not None and time.monotonic() - cached[0] < CODE_CACHE_SECONDS:
            return cached[1]
        return None

    def workshops(self) -> tuple[Workshop, ...]:
        """Every workshop, oldest first."""
        with self._transaction() as conn:
            rows = conn.execute(
                select(t.workshops).order_by(t.workshops.c.created, t.workshops.c.id)
            ).all()
        return tuple(_workshop(row) for row in rows)

    def close_workshop(self, workshop_id: str) -> Workshop:
        """Close a workshop (see :meth:`close`)."""
        self._forget(workshop_id)
        with self._transaction(write=True) as conn:
            found = conn.execute(
                select(t.workshops.c.closed).where(t.workshops.c.id == workshop_id)
            ).first()
            if found is None:
                raise UnknownWorkshopError(workshop_id)
            if found.closed is None:
                # only an open workshop: a close elsewhere meanwhile keeps its time (PostgreSQL
                # reads the row without a lock, and waits for that close only at this update)
                conn.execute(
                    update(t.workshops)
                    .where(t.workshops.c.id == workshop_id, t.workshops.c.closed.is_(None))
                    .values(closed=self._clock(), revision=t.workshops.c.revision + 1)
                )
        return self._require(workshop_id)

    def delete(self, workshop_id: str) -> Workshop:
        """Delete a workshop with its participants, answers and plan; return what it was.

        For keeping personal data no longer than needed: export first when the files are to
        be kept. A later workshop that named this one as ``previous`` loses that link.
        Raises :class:`UnknownWorkshopError`.
        """
        workshop = self._require(workshop_id)
        self._forget(workshop_id)
        with self._transaction(write=True) as conn:
            conn.execute(delete(t.answers).where(t.answers.c.workshop_id == workshop_id))
            conn.execute(delete(t.participants).where(t.participants.c.workshop_id == workshop_id))
            conn.execute(delete(t.plans).where(t.plans.c.workshop_id == workshop_id))
            conn.execute(
                update(t.workshops)
                .where(t.workshops.c.previous == workshop_id)
                .values(previous=None)
            )
            conn.execute(delete(t.workshops).where(t.workshops.c.id == workshop_id))
        return workshop

    def check_secret(self, workshop_id: str, secret: str | None) -> bool:
        """Whether *secret* is this workshop's facilitator secret (compared in constant time).

        ``None`` (no key given) is never the secret.
        """
        if secret is None:
            return False
        with self._transaction() as conn:
            stored = conn.execute(
                select(t.workshops.c.secret_hash).where(t.workshops.c.id == workshop_id)
            ).scalar()
        # an unknown workshop is compared too, so the time says nothing about which ids exist
        expected = stored if isinstance(stored, str) else "-" * 64
        return hmac.compare_digest(_hash(secret), expected) and stored is not None

    def revision(self, workshop_id: str) -> int:
        """A number that grows with every saved answer, plan and closing of the workshop."""
        with self._transaction() as conn:
            value = conn.execute(
                select(t.workshops.c.revision).where(t.workshops.c.id == workshop_id)
            ).scalar()
        if value is None:
            raise UnknownWorkshopError(workshop_id)
        return int(value)

    # -- participants and answers -------------------------------------------------------------

    def new_participant(self, workshop_id: str) -> str:
        """A new anonymous participant of an open workshop; returns its random respondent id.

        Raises :class:`UnknownWorkshopError`, :class:`WorkshopClosedError`, or
        :class:`LimitError` once :data:`MAX_PARTICIPANTS` have joined.
        """
        respondent, join = self._joining(workshop_id)
        self._writer.run(join)
        self._remember(workshop_id, respondent)
        return respondent

    async def new_participant_async(self, workshop_id: str) -> str:
        """:meth:`new_participant` for a caller on an event loop: the writer's thread commits
        the join while the loop goes on; returns once it is committed."""
        respondent, join = self._joining(workshop_id)
        await asyncio.wrap_future(self._writer.submit(join))
        self._remember(workshop_id, respondent)
        return respondent

    def _joining(self, workshop_id: str) -> tuple[str, Callable[[Connection], None]]:
        """A new respondent id and the write that makes it a participant of *workshop_id*."""
        respondent = secrets.token_urlsafe(18)
        created = self._clock()

        def join(conn: Connection) -> None:
            self._check_open(conn, workshop_id)
            number = conn.execute(
                update(t.workshops)
                .where(t.workshops.c.id == workshop_id, t.workshops.c.joined < MAX_PARTICIPANTS)
                .values(joined=t.workshops.c.joined + 1)
                .returning(t.workshops.c.joined)
            ).scalar()
            if number is None:
                raise LimitError(
                    LocalizedText.of(
                        f"Workshoppen har redan {MAX_PARTICIPANTS} deltagare.",
                        f"The workshop already has {MAX_PARTICIPANTS} participants.",
                    ),
                    limit="participants",
                )
            conn.execute(
                insert(t.participants).values(
                    workshop_id=workshop_id, respondent=respondent, number=number, created=created
                )
            )

        return respondent, join

    def _check_open(self, conn: Connection, workshop_id: str) -> Any:
        row = conn.execute(select(t.workshops).where(t.workshops.c.id == workshop_id)).first()
        if row is None:
            raise UnknownWorkshopError(workshop_id)
        if row.closed is not None:
            raise WorkshopClosedError(workshop_id)
        return row

    def knows_participant(self, workshop_id: str, respondent: str) -> bool:
        """Whether this store has seen *respondent* join or answer *workshop_id*, without
        asking the database; ``False`` only says that it is not at hand (then ask
        :meth:`is_participant`)."""
        return (workshop_id, respondent) in self._members

    def is_participant(self, workshop_id: str, respondent: str) -> bool:
        """Whether *respondent* joined this workshop (a cookie from elsewhere is not)."""
        if self.knows_participant(workshop_id, respondent):
            return True
        with self._transaction() as conn:
            found = self._participant(conn, workshop_id, respondent)
        if found:
            self._remember(workshop_id, respondent)
        return found

    def _remember(self, workshop_id: str, respondent: str) -> None:
        if len(self._members) >= CACHE_SIZE:
            self._members.clear()
        self._members.add((workshop_id, respondent))

    @staticmethod
    def _participant(conn: Connection, workshop_id: str, respondent: str) -> bool:
        found = conn.execute(
            select(t.participants.c.number).where(
                t.participants.c.workshop_id == workshop_id,
                t.participants.c.respondent == respondent,
            )
        ).first()
        return found is not None

    def save_answers(self, workshop_id: str, respondent: str, answers: Mapping[str, str]) -> None:
        """Save a participant's *answers*, replacing earlier answers to the same keys.

        Keys are the CSV column names (``current.organisation.curiosity``,
        ``statements.kiruna:some-id``), values ``"1"``..scale or ``"n/a"``; an empty value
        withdraws an earlier answer. All answers are saved or none: invalid ones raise
        :class:`InputError` listing every problem. Further errors:
        :class:`UnknownWorkshopError`, :class:`WorkshopClosedError`,
        :class:`UnknownParticipantError`, and :class:`LimitError` past :data:`MAX_ANSWERS`.
        When this returns, the answers are committed.
        """
        workshop = self._settings(workshop_id)
        given = self._checked(workshop, answers)
        if not given:
            if not self.is_participant(workshop_id, respondent):
                raise UnknownParticipantError(workshop_id)
            return
        screen = self._screen(workshop_id, respondent, given)
        if screen is not None:
            # the usual screen: saved together with the others waiting (see _save_many)
            self._writer.run_grouped(self._save_many, screen)
            return
        self._save_other(workshop_id, respondent, given)

    async def save_answers_async(
        self, workshop_id: str, respondent: str, answers: Mapping[str, str]
    ) -> None:
        """:meth:`save_answers` for a caller on an event loop; returns once committed.

        The usual screen (ladder answers of an open workshop this store has seen) is checked
        at once and committed by the writer's own thread while the loop goes on with other
        requests; anything else runs :meth:`save_answers` in a worker thread. The errors are
        those of :meth:`save_answers`.
        """
        workshop = self._open_workshops.get(workshop_id)
        screen = None
        if workshop is not None:
            given = self._checked(workshop, answers)
            screen = self._screen(workshop_id, respondent, given) if given else None
        if screen is None:
            await asyncio.to_thread(self.save_answers, workshop_id, respondent, answers)
            return
        await asyncio.wrap_future(self._writer.submit_grouped(self._save_many, screen))

    def _screen(self, workshop_id: str, respondent: str, given: Mapping[str, str]) -> _Save | None:
        """The checked *given* answers as one screen for :meth:`_save_many`, when they are
        ladder answers only (no statement, nothing withdrawn)."""
        if not all(k in LADDER_KEYS and v != _WITHDRAW for k, v in given.items()):
            return None
        return _Save(workshop_id, respondent, self._rows(workshop_id, respondent, given))

    def _rows(
        self, workshop_id: str, respondent: str, given: Mapping[str, str]
    ) -> list[dict[str, Any]]:
        """The answers' rows to write (withdrawn ones are none), stamped with the time now."""
        now = self._clock()
        return [
            {
                "workshop_id": workshop_id,
                "respondent": respondent,
                "key": k,
                "value": v,
                "updated": now,
            }
            for k, v in given.items()
            if v != _WITHDRAW
        ]

    def _save_other(self, workshop_id: str, respondent: str, given: Mapping[str, str]) -> None:
        """Save answers that withdraw one or rate statements (see :meth:`save_answers`)."""
        kept = self._rows(workshop_id, respondent, given)
        withdrawn = [k for k, v in given.items() if v == _WITHDRAW]
        # Ladder answers are at most 36 per participant; statements are counted against the
        # rest of the limit when they are saved, so the total never passes MAX_ANSWERS.
        statements = any(k not in LADDER_KEYS for k in given)

        def save(conn: Connection) -> None:
            bumped = conn.execute(
                update(t.workshops)
                .where(t.workshops.c.id == workshop_id, t.workshops.c.closed.is_(None))
                .values(revision=t.workshops.c.revision + 1)
                .returning(t.workshops.c.revision)
            ).scalar()
            if bumped is None:
                self._forget(workshop_id)
                self._check_open(conn, workshop_id)  # raises: deleted or closed meanwhile
            mine = (t.answers.c.workshop_id == workshop_id, t.answers.c.respondent == respondent)
            if (withdrawn or not kept) and not self._participant(conn, workshop_id, respondent):
                raise UnknownParticipantError(workshop_id)
            if withdrawn:
                conn.execute(delete(t.answers).where(*mine, t.answers.c.key.in_(withdrawn)))
            if kept:
                try:
                    conn.execute(self._upsert(), kept)
                except IntegrityError:  # the participant's row is missing (foreign key)
                    raise UnknownParticipantError(workshop_id) from None
            if statements:
                count = conn.execute(
                    select(func.count())
                    .select_from(t.answers)
                    .where(*mine, t.answers.c.key.like("statements.%"))
                ).scalar()
                if (count or 0) > MAX_ANSWERS - len(LADDER_KEYS):
                    raise _too_many_answers()  # rolls this save back to its savepoint

        self._writer.run(save)

    def _save_many(self, conn: Connection, saves: list[_Save]) -> list[BaseException | None]:
        """Save many screens of ladder answers, in one statement per workshop and one for
        all the answers; an error for each screen refused.

        Each workshop's revision is raised first, only while it is open: that one statement
        checks that it is (and locks its row on PostgreSQL, so none closes before the answers
        are in). A participant this store has seen join is known to exist while its workshop
        does (participants are deleted only with their workshop); others are looked up. The
        foreign key of the answers checks that once more. Refused screens write nothing.
        """
        outcomes: list[BaseException | None] = [None] * len(saves)
        members = self._members
        unseen = sorted({(s.workshop_id, s.respondent) for s in saves} - members)
        if unseen:
            found = {
                (row.workshop_id, row.respondent)
                for row in conn.execute(
                    select(t.participants.c.workshop_id, t.participants.c.respondent).where(
                        tuple_(t.participants.c.workshop_id, t.participants.c.respondent).in_(
                            unseen
                        )
                    )
                )
            }
        counts: dict[str, int] = {}
        for i, save in enumerate(saves):
            pair = (save.workshop_id, save.respondent)
            known = pair in members or (unseen and pair in found)
            counts[save.workshop_id] = counts.get(save.workshop_id, 0) + (1 if known else 0)
            if not known:
                outcomes[i] = UnknownParticipantError(save.workshop_id)
        refused: dict[str, BaseException] = {}
        for workshop_id, count in sorted(counts.items()):  # in one order: no deadlock
            bumped = self._bump().run(conn, {"bump_id": workshop_id, "bump_by": count})
            if bumped.rowcount != 1:  # closed or deleted
                self._forget(workshop_id)
                state = conn.execute(
                    select(t.workshops.c.closed).where(t.workshops.c.id == workshop_id)
                ).first()
                refused[workshop_id] = (
                    UnknownWorkshopError(workshop_id)
                    if state is None
                    else WorkshopClosedError(workshop_id)
                )
        # one row per key, the last given (in arrival order): a statement may not update a
        # row twice
        latest: dict[tuple[str, str, str], dict[str, Any]] = {}
        for i, save in enumerate(saves):
            if save.workshop_id in refused:
                outcomes[i] = refused[save.workshop_id]
            if outcomes[i] is None:
                for answer in save.rows:
                    latest[(answer["workshop_id"], answer["respondent"], answer["key"])] = answer
        if latest:
            self._prepared_upsert().run_many(conn, list(latest.values()))
        return outcomes

    def _bump(self) -> Prepared:
        """Raise an open workshop's revision by ``bump_by`` (compiled once)."""
        if self._bump_statement is None:
            self._bump_statement = Prepared.of(
                update(t.workshops)
                .where(t.workshops.c.id == bindparam("bump_id"), t.workshops.c.closed.is_(None))
                .values(revision=t.workshops.c.revision + bindparam("bump_by")),
                self.engine.dialect,
            )
        return self._bump_statement

    def _prepared_upsert(self) -> Prepared:
        """:meth:`_upsert` compiled once, for :meth:`_save_many`."""
        if self._upsert_prepared is None:
            self._upsert_prepared = Prepared.of(self._upsert(), self.engine.dialect)
        return self._upsert_prepared

    def _upsert(self) -> Any:
        """Insert into answers, replacing the value of a key already answered (built once)."""
        if self._upsert_statement is None:
            key = [t.answers.c.workshop_id, t.answers.c.respondent, t.answers.c.key]
            if self.engine.dialect.name == "postgresql":
                from sqlalchemy.dialects import postgresql  # noqa: PLC0415

                pg = postgresql.insert(t.answers)
                self._upsert_statement = pg.on_conflict_do_update(
                    index_elements=key,
                    set_={"value": pg.excluded.value, "updated": pg.excluded.updated},
                )
            else:
                from sqlalchemy.dialects import sqlite  # noqa: PLC0415

                lite = sqlite.insert(t.answers)
                self._upsert_statement = lite.on_conflict_do_update(
                    index_elements=key,
                    set_={"value": lite.excluded.value, "updated": lite.excluded.updated},
                )
        return self._upsert_statement

    def _settings(self, workshop_id: str) -> Workshop:
        """The open workshop's settings, cached: they never change while it is open.

        Raises :class:`UnknownWorkshopError` or :class:`WorkshopClosedError`; a workshop
        closed or deleted by another process is noticed when the answers are written.
        """
        cached = self._open_workshops.get(workshop_id)
        if cached is not None:
            return cached
        with self._transaction() as conn:
            workshop = _workshop(self._check_open(conn, workshop_id))
        if len(self._open_workshops) >= CACHE_SIZE:
            self._open_workshops.clear()
        self._open_workshops[workshop_id] = workshop
        return workshop

    def _forget(self, workshop_id: str) -> None:
        """Drop what is cached of a workshop that is closed or deleted."""
        self._open_workshops.pop(workshop_id, None)
        for code, (_, workshop) in list(self._codes.items()):
            if workshop.id == workshop_id:
                self._codes.pop(code, None)
        self._members = {m for m in self._members if m[0] != workshop_id}

    def _checked(self, workshop: Workshop, answers: Mapping[str, str]) -> dict[str, str]:
        """The answers when every key and value is valid; otherwise :class:`InputError`."""
        if len(answers) > MAX_ANSWERS:
            raise _too_many_answers()
        problems: list[Problem] = []
        values = {str(i) for i in range(1, workshop.scale + 1)} | {NA, _WITHDRAW}
        statements = self._statements
        for key, value in answers.items():
            where = str(key)[:300]
            if not isinstance(key, str) or not (key in LADDER_KEYS or _STATEMENT_KEY.match(key)):
                problems.append(
                    Problem.error(
                        "unknown-key",
                        where,
                        f"okänd fråga '{where}'",
                        f"unknown question '{where}'",
                    )
                )
                continue
            if key.startswith("statements."):
                qualified = key.removeprefix("statements.")
                if not workshop.rate_statements:
                    problems.append(
                        Problem.error(
                            "statements-off",
                            key,
                            "den här workshoppen betygsätter inte påståenden",
                            "this workshop does not rate statements",
                        )
                    )
                    continue
                pack = qualified.split(":", 1)[0]
                if (workshop.packs and pack not in workshop.packs) or (
                    statements is not None and qualified not in statements
                ):
                    problems.append(
                        Problem.error(
                            "unknown-statement",
                            key,
                            f"påståendet '{qualified}' hör inte till workshoppens paket",
                            f"the statement '{qualified}' is not in the workshop's packs",
                        )
                    )
                    continue
            if not isinstance(value, str) or value not in values:
                shown_value = repr(value)[:40]
                problems.append(
                    Problem.error(
                        "invalid-rating",
                        key,
                        f'ett svar ska vara 1..{workshop.scale} eller "{NA}", inte {shown_value}',
                        f'an answer must be 1..{workshop.scale} or "{NA}", not {shown_value}',
                    )
                )
        if problems:
            raise InputError(
                LocalizedText.of("Svaren kan inte sparas.", "The answers cannot be saved."),
                problems=problems,
            )
        return dict(answers)

    def answers(self, workshop_id: str, respondent: str) -> dict[str, str]:
        """One participant's answers, ``{column name: value}``; empty for an unknown one."""
        with self._transaction() as conn:
            rows = conn.execute(
                select(t.answers.c.key, t.answers.c.value).where(
                    t.answers.c.workshop_id == workshop_id, t.answers.c.respondent == respondent
                )
            ).all()
        return {row.key: row.value for row in rows}

    def respondent_count(self, workshop_id: str) -> int:
        """How many participants have saved at least one answer."""
        with self._transaction() as conn:
            count = conn.execute(
                select(func.count(func.distinct(t.answers.c.respondent))).where(
                    t.answers.c.workshop_id == workshop_id
                )
            ).scalar()
        return int(count or 0)

    def responses(self, workshop_id: str) -> tuple[Response, ...]:
        """Every participant's answers as responses, in join order (``r01``, ``r02``…).

        Participants without an answer are left out. The responses are what reading the
        exported ``responses.jsonl`` gives.
        """
        workshop = self._require(workshop_id)
        with self._transaction() as conn:
            rows = conn.execute(
                select(t.participants.c.number, t.answers.c.key, t.answers.c.value)
                .join(
                    t.answers,
                    (t.answers.c.workshop_id == t.participants.c.workshop_id)
                    & (t.answers.c.respondent == t.participants.c.respondent),
                )
                .where(t.participants.c.workshop_id == workshop_id)
                .order_by(t.participants.c.number, t.answers.c.key)
            ).all()
        by_number: dict[int, dict[str, str]] = {}
        for row in rows:
            by_number.setdefault(row.number, {})[row.key] = row.value
        return tuple(
            _response(workshop, respondent_name(number), given)
            for number, given in by_number.items()
        )

    # -- the action plan ----------------------------------------------------------------------

    def save_plan(self, workshop_id: str, plan_toml: str) -> None:
        """Keep the workshop's action plan (TOML text), replacing an earlier one.

        The text must read as a plan (:class:`InputError` with every problem otherwise),
        so the exported ``plan.toml`` always reads. Closed workshops keep plans too: the
        group writes its plan after answering has closed.
        """
        self._require(workshop_id)
        _check_plan(plan_toml)
        with self._transaction(write=True) as conn:
            conn.execute(delete(t.plans).where(t.plans.c.workshop_id == workshop_id))
            conn.execute(
                insert(t.plans).values(
                    workshop_id=workshop_id, plan=plan_toml, updated=self._clock()
                )
            )
            conn.execute(
                update(t.workshops)
                .where(t.workshops.c.id == workshop_id)
                .values(revision=t.workshops.c.revision + 1)
            )

    def plan(self, workshop_id: str) -> str | None:
        """The workshop's action plan (TOML text), or ``None`` before one is saved."""
        with self._transaction() as conn:
            value = conn.execute(
                select(t.plans.c.plan).where(t.plans.c.workshop_id == workshop_id)
            ).scalar()
        return None if value is None else str(value)

    # -- files ------------------------------------------------------------------------------------

    def export(
        self, workshop_id: str, directory: str | Path, *, force: bool = False
    ) -> tuple[Path, ...]:
        """Write ``responses.jsonl`` and, when there is a plan, ``plan.toml`` into *directory*.

        They are the files ``score``, ``recommend``, ``followup``, ``journey`` and ``report``
        read. Each is written atomically; an existing file is kept (and nothing written)
        unless *force*. Returns the paths written.
        """
        from innovationsresan.files.documents import atomic_write_text  # noqa: PLC0415
        from innovationsresan.files.responses import write_responses  # noqa: PLC0415

        responses = self.responses(workshop_id)
        plan = self.plan(workshop_id)
        folder = Path(directory)
        targets = [folder / "responses.jsonl"]
        if plan is not None:
            targets.append(folder / "plan.toml")
        existing = [path for path in targets if path.exists()]
        if existing and not force:
            raise InputError(
                LocalizedText.of(
                    "Exporten skulle skriva över filer; lägg till --force för att göra det.",
                    "The export would overwrite files; add --force to do so.",
                ),
                problems=[
                    Problem.error(
                        "file-exists", str(path), "filen finns redan", "the file already exists"
                    )
                    for path in existing
                ],
            )
        write_responses(responses, targets[0])
        if plan is not None:
            atomic_write_text(targets[1], plan)
        return tuple(targets)


@attrs.frozen
class _Save:
    """One screen of ladder answers waiting to be written (see :meth:`Store._save_many`)."""

    workshop_id: str
    respondent: str
    rows: list[dict[str, Any]]


def _too_many_answers() -> LimitError:
    return LimitError(
        LocalizedText.of(
            f"En deltagare kan spara högst {MAX_ANSWERS} svar.",
            f"A participant can save at most {MAX_ANSWERS} answers.",
        ),
        limit="answers",
    )


def _response(workshop: Workshop, respondent: str, given: Mapping[str, str]) -> Response:
    """A response built from stored answers through :func:`parse_response`."""
    document: dict[str, Any] = {
        "schema": SCHEMA,
        "respondent": respondent,
        "date": workshop.created.date(),
        "scale": workshop.scale,
    }
    for key, value in given.items():
        rating: int | str = value if value == NA else int(value)
        if key.startswith("statements."):
            document.setdefault("statements", {})[key.removeprefix("statements.")] = rating
        else:
            kind, perspective, principle = key.split(".")
            document.setdefault(kind, {}).setdefault(perspective, {})[principle] = rating
    return parse_response(document, file=f"workshop {workshop.id}")


def _check_plan(plan_toml: str) -> None:
    from innovationsresan.files.documents import parse_text  # noqa: PLC0415
    from innovationsresan.plans import parse_plan  # noqa: PLC0415

    where = "plan.toml"
    if not isinstance(plan_toml, str) or len(plan_toml) > MAX_PLAN:
        raise InputError(
            LocalizedText.of("Planen kan inte sparas.", "The plan cannot be saved."),
            problems=[
                Problem.error(
                    "too-large",
                    where,
                    f"planen ska vara en text på högst {MAX_PLAN} tecken",
                    f"the plan must be a text of at most {MAX_PLAN} characters",
                )
            ],
        )
    document, problems = parse_text(plan_toml, where, "toml")
    if document is None:
        raise InputError(
            LocalizedText.of("Planen kan inte sparas.", "The plan cannot be saved."),
            problems=problems,
        )
    parse_plan(document, file=where)
