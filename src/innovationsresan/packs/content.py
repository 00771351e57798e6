"""Reading and checking a pack's content: its TOML files and the tables its code hooks return.

One :class:`PackReader` collects everything a pack offers — the files of its content folder and
the data of its hooks — and checks all of it against :mod:`innovationsresan.packs.schema` in
:meth:`PackReader.finish`, so every problem of a pack is found in one pass and named by file (or
hook) and key path: ``content/cards.toml:cards[3].principles.curiosity``.

The reader never raises on bad content: :meth:`PackReader.finish` gives the pack's
:class:`~innovationsresan.catalog.PackContent` (or ``None`` when there is an error) and the
problems, warnings included.

The rule ``principle-without-cards``: a pack that has cards gets one warning naming the
principles that none of its cards (nor its links) strengthens. A pack without cards of its own
(statements or stories only, or links to other packs' cards) is not warned: it does not claim to
be a deck.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from innovationsresan.catalog import PackContent, PlanRule
from innovationsresan.checks import SLUG, Checker, capped
from innovationsresan.files.documents import Source, load_document
from innovationsresan.ladder import LEVELS, PERSPECTIVES, PRINCIPLE_IDS
from innovationsresan.model import (
    Card,
    Key,
    Level,
    LevelDescription,
    Link,
    LocalizedText,
    Origin,
    PackInfo,
    Perspective,
    Phase,
    PrincipleDescription,
    Problem,
    Statement,
    Story,
    SupportFunction,
    any_value,
    location,
)
from innovationsresan.packs.schema import (
    FILE_NAMES,
    PACK_FILES,
    PACK_SCHEMA,
    Field,
    TableSpec,
    spec,
    tables_of,
)

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

_LANGUAGE = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*\Z")
_CARD_REF = re.compile(r"([a-z0-9][a-z0-9-]*:)?[a-z0-9][a-z0-9-]*\Z")
_PRINCIPLES = frozenset(PRINCIPLE_IDS)
_LEVELS = frozenset(level.value for level in LEVELS)
_PERSPECTIVES = frozenset(p.value for p in PERSPECTIVES)
_PHASES = frozenset(p.value for p in Phase)
_ORIGINS = frozenset(o.value for o in Origin)

#: The spec of each content file by file name (its first table), and of each table by name.
SPECS: dict[str, TableSpec] = {name: spec(name) for name in FILE_NAMES}
TABLES: dict[str, TableSpec] = {table.table: table for table in PACK_FILES}

#: The hook whose tables have the shape of each file's entries.
HOOK_TABLES: dict[str, str] = {
    "innovationsresan_pack_info": "pack",
    "innovationsresan_statements": "statements",
    "innovationsresan_cards": "cards",
    "innovationsresan_stories": "stories",
    "innovationsresan_links": "links",
    "innovationsresan_support": "support",
    "innovationsresan_level_descriptions": "levels",
    "innovationsresan_principle_descriptions": "principles",
}

_DEFAULT_LANGUAGES: tuple[str, ...] = ("sv", "en")


@attrs.frozen
class _Entry:
    """One table waiting to be checked, with its key path (``("cards", 3)``, ``("pack",)``).

    An entry of a keyed table (``[levels.limited]``) also carries its key and where the key was
    written: the table's name in a file, the ``level`` field of a hook's list entry.
    """

    path: tuple[Key, ...]
    item: Any
    key: object = None
    key_path: tuple[Key, ...] = ()


@attrs.frozen
class _Part:
    """Tables waiting to be checked: from one file or one hook."""

    spec: TableSpec
    where: str
    entries: tuple[_Entry, ...]


#: Entries of a content folder that belong to Python, not to the pack: passed over silently.
_PYTHON_OWN = frozenset({"__init__.py", "__pycache__"})

#: A hook's list entry that does not name its level or principle.
_NO_KEY = object()


class PackReader:
    """Collects what one pack offers, then checks it all at once in :meth:`finish`.

    *prefix* is put in front of every file name in locations (``"kiruna/"`` when loading,
    ``"src/innovationsresan_kiruna/content/"`` when checking a folder). *expected_id* is the id
    the pack must have (derived from its distribution's name); ``None`` accepts any valid id.
    """

    def __init__(
        self,
        *,
        prefix: str = "",
        expected_id: str | None = None,
        distribution: str = "",
        root: Path | None = None,
    ) -> None:
        self.prefix = prefix
        self.expected_id = expected_id
        self.distribution = distribution
        #: When set, only files inside this folder are read (``pack check PATH``): a file that
        #: is a link to somewhere else is a problem, not read.
        self.root = root.resolve() if root is not None else None
        self._parts: list[_Part] = []
        self._rules: list[PlanRule] = []
        self._problems: list[Problem] = []
        #: The pack's metadata once :meth:`finish` could read it (also when the pack has errors).
        self.info: PackInfo | None = None

    # -- collecting --------------------------------------------------------------------------

    def where(self, name: str) -> str:
        """The file part of a location for *name* (a file or a hook)."""
        return f"{self.prefix}{name}"

    def problem(self, problem: Problem) -> None:
        """Record a problem found while collecting (a hook that failed, a file unreadable …)."""
        self._problems.append(problem)

    def read_folder(self, folder: Source) -> None:
        """Read a data pack's content folder: ``pack.toml`` (required) and the optional files."""
        for name in FILE_NAMES:
            source = folder / name
            required = any(table.required_file for table in tables_of(name))
            if not required and not _is_file(source):
                continue
            where = self.where(name)
            if not self._inside_root(source, where):
                continue
            document, problems = load_document(source, name=where, cached=True)
            self._problems.extend(problems)
            if document is not None:
                self.add_document(name, document, where)
        self._unknown_files(folder)

    def _inside_root(self, source: Source, where: str) -> bool:
        if self.root is None or not isinstance(source, Path):
            return True
        try:
            inside = source.resolve().is_relative_to(self.root)
        except (OSError, RuntimeError):  # a loop of links
            inside = False
        if not inside:
            self._problems.append(
                Problem.error(
                    "content-outside",
                    where,
                    "filen är en länk till en plats utanför paketmappen; bara filer i den läses",
                    "the file links to a place outside the pack folder; only its files are read",
                )
            )
        return inside

    def _unknown_files(self, folder: Source) -> None:
        """A warning, ``unknown-file``, for every entry of the content folder that is not read.

        Any file or folder besides the pack's TOML files (a ``cards.json``, a ``README.md``, a
        subfolder) is named, so nothing is passed over without a word; hidden names (``.…``)
        and Python's own ``__init__.py`` and ``__pycache__`` are passed over silently.
        """
        try:
            entries = sorted(folder.iterdir(), key=lambda entry: entry.name)
        except OSError:
            return
        known = ", ".join(SPECS)
        for entry in entries:
            name = entry.name
            if name in SPECS or name.startswith(".") or name in _PYTHON_OWN:
                continue
            sv, en = ("mappen", "the folder") if _is_dir(entry) else ("filen", "the file")
            self._problems.append(
                Problem.warning(
                    "unknown-file",
                    self.where(name),
                    f"{sv} läses inte; ett paket läser bara {known}",
                    f"{en} is not read; a pack reads only {known}",
                )
            )

    def add_document(self, file: str, document: Mapping[str, Any], where: str) -> None:
        """Add one parsed *file* (``cards.toml`` …); its top level is checked now, its entries
        in :meth:`finish`."""
        specs = tables_of(file)
        checker = Checker(where)
        if file == "pack.toml":
            checker.schema(document, "pack")
        elif "schema" in document and document["schema"] != PACK_SCHEMA:
            checker.error(
                "schema-mismatch",
                ("schema",),
                f"schemat {any_value(document['schema'])} kan inte läsas; "
                f'det ska vara "{PACK_SCHEMA}" eller utelämnas',
                f"the schema {any_value(document['schema'])} cannot be read; "
                f'it must be "{PACK_SCHEMA}" or left out',
            )
        allowed = ("schema", *(table.table for table in specs))
        for key in document:
            if key not in allowed:
                checker.unknown_key((str(key),), allowed)
        self._problems.extend(checker.problems)
        for table in specs:
            if table.table in document:
                self._add(table, document[table.table], where)
            elif table.required_file and table.keyed_by is None:
                self._problems.append(
                    Problem.error(
                        "missing-key",
                        location(table.table, file=where),
                        f"tabellen [{table.table}] saknas",
                        f"the table [{table.table}] is missing",
                    )
                )

    def add_hook_data(self, hook: str, data: object) -> None:
        """Add what a data hook returned (``innovationsresan_cards`` → a list of card tables)."""
        table = HOOK_TABLES[hook]
        if data is None:
            return
        self._add(TABLES[table], data, self.where(hook), listed=True)

    def _add(self, spec: TableSpec, value: object, where: str, *, listed: bool = False) -> None:
        """Add a file's table or a hook's list; *listed* when a keyed table comes as a list."""
        table = spec.table
        if spec.keyed_by is not None and not listed:
            if not isinstance(value, Mapping):
                self._problems.append(_wrong_tables(where, table, value))
                return
            entries = tuple(
                _Entry((table, str(key)), item, key, (table, str(key)))
                for key, item in value.items()
            )
        elif not spec.array and spec.keyed_by is None:
            entries = (_Entry((table,), value),)
        elif isinstance(value, Mapping | str | bytes) or not isinstance(value, Iterable):
            self._problems.append(_wrong_list(where, table, value))
            return
        elif spec.keyed_by is None:
            entries = tuple(_Entry((table, i), item) for i, item in enumerate(value))
        else:
            entries = tuple(_listed(spec, i, item) for i, item in enumerate(value))
        self._parts.append(_Part(spec, where, entries))

    def add_plan_rules(self, hook: str, rules: object) -> None:
        """Add the plan rules a pack's hook returned; each must be callable."""
        if rules is None:
            return
        where = self.where(hook)
        if isinstance(rules, Mapping | str | bytes) or not isinstance(rules, Iterable):
            self._problems.append(_wrong_list(where, "rules", rules))
            return
        for i, rule in enumerate(rules):
            if callable(rule):
                self._rules.append(rule)
            else:
                self._problems.append(
                    Problem.error(
                        "wrong-type",
                        location(i, file=where),
                        f"en planregel ska vara en funktion, men är {any_value(rule)}",
                        f"a plan rule must be a function, got {any_value(rule)}",
                    )
                )

    # -- checking ----------------------------------------------------------------------------

    def finish(self) -> tuple[PackContent | None, tuple[Problem, ...]]:
        """Check everything collected: the content (``None`` after an error) and all problems
        (at most 100 per file or hook, the rest counted in one ``more-problems``)."""
        problems = list(self._problems)
        info_parts = [p for p in self._parts if p.spec.table == "pack"]
        info, languages = self._info(info_parts, problems)
        self.info = info
        pack_id = info.id if info is not None else (self.expected_id or "")
        validator = _Validator(pack_id, languages)
        for part in self._parts:
            if part.spec.table != "pack":
                validator.part(part)
        problems.extend(validator.problems)
        problems.extend(validator.cross_checks(self.where("cards.toml")))
        # at most 100 problems kept per file or hook, the rest counted (docs/formats.md)
        problems = capped(problems)
        if info is None or any(p.is_error for p in problems):
            return None, tuple(problems)
        content = PackContent(
            info=info,
            statements=tuple(validator.statements),
            cards=tuple(validator.cards),
            stories=tuple(validator.stories),
            links=tuple(validator.links),
            level_descriptions=tuple(validator.level_descriptions),
            principle_descriptions=tuple(validator.principle_descriptions),
            plan_rules=tuple(self._rules),
            problems=tuple(problems),
            support=tuple(validator.support),
        )
        return content, tuple(problems)

    def _info(
        self, parts: list[_Part], problems: list[Problem]
    ) -> tuple[PackInfo | None, tuple[str, ...]]:
        if not parts:
            # without metadata every other error (pack.toml unreadable, a folder that is not
            # one) already says why; the missing metadata is news only when nothing else failed
            if not any(p.is_error for p in problems):
                problems.append(
                    Problem.error(
                        "missing-pack-info",
                        self.where("pack.toml"),
                        "paketet saknar metadata: ingen pack.toml och ingen "
                        "innovationsresan_pack_info",
                        "the pack has no metadata: no pack.toml and no innovationsresan_pack_info",
                    )
                )
            return None, _DEFAULT_LANGUAGES
        if len(parts) > 1:
            problems.append(
                Problem.error(
                    "duplicate-pack-info",
                    parts[1].where,
                    f"paketets metadata finns två gånger (även i {parts[0].where}); behåll en",
                    f"the pack's metadata is given twice (also in {parts[0].where}); keep one",
                )
            )
            return None, _DEFAULT_LANGUAGES
        part = parts[0]
        # The languages decide which translations the pack's texts are checked for, so read
        # them before any text (the pack table's own texts included).
        checker = Checker(part.where)
        table = part.entries[0].item
        languages = _DEFAULT_LANGUAGES
        if isinstance(table, Mapping) and "languages" in table:
            declared = _languages(checker, table["languages"], ("pack", "languages"))
            languages = declared if declared is not None else _DEFAULT_LANGUAGES
        validator = _Validator(self.expected_id or "", languages, checker)
        values, ok = validator.fields(part.spec, table, ("pack",), skip=("languages",))
        problems.extend(checker.problems)
        if not ok:
            return None, languages
        pack_id = values["id"]
        if self.expected_id is not None and pack_id != self.expected_id:
            hint_sv = f" från distributionen {self.distribution}" if self.distribution else ""
            hint_en = f" from the distribution {self.distribution}" if self.distribution else ""
            problems.append(
                Problem.error(
                    "id-mismatch",
                    location("pack", "id", file=part.where),
                    f"paketets id är '{pack_id}', men ska vara '{self.expected_id}'{hint_sv}",
                    f"the pack's id is '{pack_id}', but must be '{self.expected_id}'{hint_en}",
                )
            )
            return None, languages
        info = PackInfo(
            id=pack_id,
            name=values["name"],
            version=values["version"],
            municipality=values.get("municipality", ""),
            languages=languages,
            license=values.get("license", ""),
            homepage=values.get("homepage", ""),
            about=values.get("about", LocalizedText()),
            distribution=self.distribution,
        )
        return info, languages


# -- field checks --------------------------------------------------------------------------------


class _Validator:
    """Checks entries field by field and builds the model values of the entries without errors."""

    def __init__(
        self, pack_id: str, languages: tuple[str, ...], checker: Checker | None = None
    ) -> None:
        self.pack_id = pack_id
        self.languages = languages
        self.checker = checker or Checker()
        self.statements: list[Statement] = []
        self.cards: list[Card] = []
        self.stories: list[Story] = []
        self.links: list[Link] = []
        self.support: list[SupportFunction] = []
        self.level_descriptions: list[LevelDescription] = []
        self.principle_descriptions: list[PrincipleDescription] = []
        self._seen: dict[str, dict[str, str]] = {
            "statements": {},
            "cards": {},
            "stories": {},
            "support": {},
            "levels": {},
            "principles": {},
        }
        self._checks: dict[str, Callable[[object, tuple[Key, ...]], Any]] = {
            "slug": self._slug,
            "text": self._text,
            "string": self._string,
            "integer": self._integer,
            "number": self._number,
            "weight": self._weight,
            "level": self._level,
            "perspective": self._perspective,
            "principle": self._principle,
            "phase": self._phase,
            "origin": self._origin,
            "weights": self._weights,
            "principles": self._principle_list,
            "texts": self._texts,
            "group-size": self._group_size,
            "card-ref": self._card_ref,
            "languages": self._languages,
        }

    @property
    def problems(self) -> list[Problem]:
        return self.checker.problems

    def part(self, part: _Part) -> None:
        """Check every entry of one file or hook."""
        self.checker.file = part.where
        table = part.spec.table
        if part.spec.keyed_by is not None:
            for entry in part.entries:
                self._description(part.spec, entry)
            return
        for entry in part.entries:
            path = entry.path
            values, ok = self.fields(part.spec, entry.item, path)
            # a duplicate id is reported even when the entry has other errors
            if "id" in values and not self._unique(table, values["id"], (*path, "id")):
                continue
            if not ok:
                continue
            if table == "statements":
                self.statements.append(self._statement(values))
            elif table == "cards":
                self.cards.append(self._card(values))
                self._step_minutes(self.cards[-1], path)
            elif table == "stories":
                self.stories.append(self._story(values))
            elif table == "support":
                self.support.append(self._support(values))
            else:
                self.links.append(self._link(values, self.checker.at(*path, "card")))

    def fields(
        self,
        spec: TableSpec,
        item: object,
        path: tuple[Key, ...],
        *,
        skip: Iterable[str] = (),
    ) -> tuple[dict[str, Any], bool]:
        """The checked values of one entry, and whether it is free of errors."""
        checker = self.checker
        if not isinstance(item, Mapping):
            checker.wrong_type(path, "table", item)
            return {}, False
        errors_before = checker.error_count
        values: dict[str, Any] = {}
        by_name = _FIELDS[spec.table]
        for key, value in item.items():
            field = by_name.get(key) if isinstance(key, str) else None
            if field is None:
                checker.unknown_key((*path, str(key)), by_name)
                continue
            if key in skip:
                continue
            checked = self._checks[field.kind](value, (*path, key))
            if checked is not None:
                values[key] = checked
        for name in _REQUIRED[spec.table]:
            if name not in item:
                checker.error(
                    "missing-key",
                    (*path, name),
                    f"nyckeln '{name}' saknas",
                    f"the key '{name}' is missing",
                )
        return values, checker.error_count == errors_before

    def _description(self, spec: TableSpec, entry: _Entry) -> None:
        """Check one entry of ``[levels]`` or ``[principles]`` (or of their hooks' lists)."""
        if not isinstance(entry.item, Mapping):
            self.checker.wrong_type(entry.path, "table", entry.item)
            return
        key = self._key(spec, entry)
        values, ok = self.fields(spec, entry.item, entry.path)
        if key is None or not ok:
            return
        here = self.checker.at(*entry.key_path)
        first = self._seen[spec.table].setdefault(key, here)
        if first != here:
            self.checker.error(
                "duplicate-description",
                entry.key_path,
                f"'{key}' beskrivs redan ({first}); ett paket beskriver det en gång",
                f"'{key}' is already described ({first}); a pack describes it once",
            )
            return
        where = self.checker.at(*entry.path)
        name = values.get("name", LocalizedText())
        if spec.keyed_by == "level":
            self.level_descriptions.append(
                LevelDescription(
                    Level(key), self.pack_id, values["description"], name, location=where
                )
            )
        else:
            self.principle_descriptions.append(
                PrincipleDescription(key, self.pack_id, values["description"], name, location=where)
            )

    def _key(self, spec: TableSpec, entry: _Entry) -> str | None:
        """The level or principle id an entry describes, after checking it."""
        key, path = entry.key, entry.key_path
        if key is _NO_KEY:
            self.checker.error(
                "missing-key",
                path,
                f"nyckeln '{spec.keyed_by}' saknas",
                f"the key '{spec.keyed_by}' is missing",
            )
            return None
        if not isinstance(key, str):
            self.checker.wrong_type(path, "string", key)
            return None
        if spec.keyed_by == "principle":
            if key in _PRINCIPLES:
                return key
            self._unknown_principle(key, path)
            return None
        if key in _LEVELS:
            return key
        listed = ", ".join(level.value for level in LEVELS)
        self.checker.error(
            "unknown-level",
            path,
            f"'{key}' är ingen nivå; nivåerna är {listed}",
            f"'{key}' is not a level; the levels are {listed}",
        )
        return None

    def _unique(self, table: str, ident: str, path: tuple[Key, ...]) -> bool:
        seen = self._seen[table]
        here = self.checker.at(*path)
        first = seen.get(ident)
        if first is None:
            seen[ident] = here
            return True
        self.checker.error(
            "duplicate-id",
            path,
            f"id '{ident}' används redan ({first}); ett id får bara finnas en gång i ett paket",
            f"the id '{ident}' is already used ({first}); an id may occur only once in a pack",
        )
        return False

    def _step_minutes(self, card: Card, path: tuple[Key, ...]) -> None:
        """Warn when a card's steps carry minutes that do not add up to the card's ``minutes``.

        A step carries minutes when its Swedish text begins with them (``"10 min: …"``); when
        one step does, every step should, so that a facilitator can keep time by them.
        """
        timed = [step_minutes(step) for step in card.steps]
        if not any(m is not None for m in timed):
            return
        untimed = [i for i, m in enumerate(timed) if m is None]
        if untimed:
            listed = ", ".join(str(i) for i in untimed)
            self.checker.warning(
                "step-minutes",
                (*path, "steps"),
                f"några steg börjar med sina minuter, men inte steg {listed}; "
                "ange minuter för alla steg eller inget",
                f"some steps begin with their minutes, but not step {listed}; "
                "give minutes for every step or for none",
            )
            return
        total = sum(m for m in timed if m is not None)
        if card.minutes is None:
            self.checker.warning(
                "step-minutes",
                (*path, "minutes"),
                f"stegen tar {total} minuter, men kortet saknar minutes",
                f"the steps take {total} minutes, but the card has no minutes",
            )
        elif total != card.minutes:
            self.checker.warning(
                "step-minutes",
                (*path, "minutes"),
                f"stegen tar sammanlagt {total} minuter, men kortet säger {card.minutes}",
                f"the steps take {total} minutes in all, but the card says {card.minutes}",
            )

    # kinds ----------------------------------------------------------------------------------

    def _slug(self, value: object, path: tuple[Key, ...]) -> str | None:
        if isinstance(value, str) and SLUG.match(value):
            return value
        return self.checker.slug(value, path)

    def _text(self, value: object, path: tuple[Key, ...]) -> LocalizedText | None:
        return self.checker.localized(value, path, languages=self.languages)

    def _string(self, value: object, path: tuple[Key, ...]) -> str | None:
        return value if isinstance(value, str) else self.checker.string(value, path)

    def _integer(self, value: object, path: tuple[Key, ...]) -> int | None:
        return self.checker.integer(value, path, minimum=1)

    def _number(self, value: object, path: tuple[Key, ...]) -> float | None:
        return self.checker.number(value, path)

    def _weight(self, value: object, path: tuple[Key, ...]) -> float | None:
        number = self.checker.number(value, path)
        if number is None or 0.0 < number <= 1.0:
            return number
        self.checker.error(
            "out-of-range",
            path,
            f"vikten {any_value(value)} ska vara större än 0 och högst 1",
            f"the weight {any_value(value)} must be greater than 0 and at most 1",
        )
        return None

    def _level(self, value: object, path: tuple[Key, ...]) -> Level | None:
        if isinstance(value, str) and value in _LEVELS:
            return Level(value)
        choice = self.checker.choice(value, path, _LEVELS)
        return Level(choice) if choice else None

    def _perspective(self, value: object, path: tuple[Key, ...]) -> Perspective | None:
        if isinstance(value, str) and value in _PERSPECTIVES:
            return Perspective(value)
        choice = self.checker.choice(value, path, _PERSPECTIVES)
        return Perspective(choice) if choice else None

    def _phase(self, value: object, path: tuple[Key, ...]) -> Phase | None:
        if isinstance(value, str) and value in _PHASES:
            return Phase(value)
        choice = self.checker.choice(value, path, _PHASES)
        return Phase(choice) if choice else None

    def _origin(self, value: object, path: tuple[Key, ...]) -> Origin | None:
        if isinstance(value, str) and value in _ORIGINS:
            return Origin(value)
        choice = self.checker.choice(value, path, _ORIGINS)
        return Origin(choice) if choice else None

    def _principle(self, value: object, path: tuple[Key, ...]) -> str | None:
        if isinstance(value, str) and value in _PRINCIPLES:
            return value
        if not isinstance(value, str):
            self.checker.wrong_type(path, "string", value)
            return None
        self._unknown_principle(value, path)
        return None

    def _unknown_principle(self, value: str, path: tuple[Key, ...]) -> None:
        listed = ", ".join(PRINCIPLE_IDS)
        self.checker.error(
            "unknown-principle",
            path,
            f"'{value}' är ingen princip; principerna är {listed}",
            f"'{value}' is not a principle; the principles are {listed}",
        )

    def _weights(
        self, value: object, path: tuple[Key, ...]
    ) -> tuple[tuple[str, float], ...] | None:
        if not isinstance(value, Mapping):
            self.checker.wrong_type(path, "table", value)
            return None
        if not value:
            self._empty_principles(path)
            return None
        weights: dict[str, float] = {}
        for key, weight in value.items():
            where = (*path, str(key))
            known = isinstance(key, str) and key in _PRINCIPLES
            if not known:
                self._unknown_principle(str(key), where)
            checked = self._weight(weight, where)
            if known and checked is not None:
                weights[key] = checked
        # ladder order, so equal content compares equal whatever order the file used
        return tuple((p, weights[p]) for p in PRINCIPLE_IDS if p in weights)

    def _empty_principles(self, path: tuple[Key, ...]) -> None:
        self.checker.error(
            "empty-principles",
            path,
            "minst en princip krävs",
            "at least one principle is required",
        )

    def _principle_list(self, value: object, path: tuple[Key, ...]) -> tuple[str, ...] | None:
        items = self.checker.list_of(value, path)
        if items is None:
            return None
        if not items:
            self._empty_principles(path)
            return None
        found: list[str] = []
        for i, item in enumerate(items):
            pid = self._principle(item, (*path, i))
            if pid is not None and pid not in found:
                found.append(pid)
        return tuple(found)

    def _texts(self, value: object, path: tuple[Key, ...]) -> tuple[LocalizedText, ...] | None:
        items = self.checker.list_of(value, path)
        if items is None:
            return None
        texts = [self._text(item, (*path, i)) for i, item in enumerate(items)]
        return tuple(t for t in texts if t is not None)

    def _group_size(self, value: object, path: tuple[Key, ...]) -> tuple[int, int] | None:
        items = self.checker.list_of(value, path)
        if items is None:
            return None
        if len(items) != 2:
            self.checker.error(
                "invalid-group-size",
                path,
                f"gruppstorleken ska vara [minst, högst], inte {any_value(value)}",
                f"the group size must be [min, max], not {any_value(value)}",
            )
            return None
        low = self.checker.integer(items[0], (*path, 0), minimum=1)
        high = self.checker.integer(items[1], (*path, 1), minimum=1)
        if low is None or high is None:
            return None
        if low > high:
            self.checker.error(
                "invalid-group-size",
                path,
                f"minsta gruppstorleken {low} är större än den högsta {high}",
                f"the smallest group size {low} is larger than the largest {high}",
            )
            return None
        return low, high

    def _card_ref(self, value: object, path: tuple[Key, ...]) -> str | None:
        text = self._string(value, path)
        if text is None:
            return None
        if not _CARD_REF.match(text):
            self.checker.error(
                "invalid-id",
                path,
                f"'{text}' är inget kort-id: skriv paket:kort-id eller kort-id",
                f"'{text}' is not a card id: write pack:card-id or card-id",
            )
            return None
        return text

    def _languages(self, value: object, path: tuple[Key, ...]) -> tuple[str, ...] | None:
        return _languages(self.checker, value, path)

    # cross checks ---------------------------------------------------------------------------

    def cross_checks(self, cards_where: str) -> list[Problem]:
        """Problems seen only across entries: links to missing own cards, uncovered principles."""
        problems: list[Problem] = []
        own = {card.id for card in self.cards}
        for link in self.links:
            pack, sep, bare = link.card.partition(":")
            if sep and pack == self.pack_id and bare not in own:
                problems.append(
                    Problem.warning(
                        "link-target-missing",
                        link.location,
                        f"paketet har inget kort '{link.card}'",
                        f"the pack has no card '{link.card}'",
                    )
                )
        if self.cards:
            covered = {p for card in self.cards for p, _ in card.principles}
            covered.update(link.principle for link in self.links)
            missing = [p for p in PRINCIPLE_IDS if p not in covered]
            if missing:
                listed = ", ".join(missing)
                problems.append(
                    Problem.warning(
                        "principle-without-cards",
                        location("cards", file=cards_where),
                        f"inget kort i paketet stärker {listed}",
                        f"no card of the pack strengthens {listed}",
                    )
                )
        return problems

    def _statement(self, values: dict[str, Any]) -> Statement:
        return Statement(
            id=values["id"],
            pack=self.pack_id,
            level=values["level"],
            perspective=values["perspective"],
            principle=values["principle"],
            text=values["text"],
        )

    def _card(self, values: dict[str, Any]) -> Card:
        return Card(
            id=values["id"],
            pack=self.pack_id,
            title=values["title"],
            summary=values["summary"],
            principles=values["principles"],
            steps=values.get("steps", ()),
            minutes=values.get("minutes"),
            group_size=values.get("group_size"),
            materials=values.get("materials", ()),
            phase=values.get("phase"),
            source=values.get("source", ""),
            # a card is supplementary unless its pack claims it for the published deck
            origin=values.get("origin", Origin.SUPPLEMENTARY),
            use_when=values.get("use_when", LocalizedText()),
            preparation=values.get("preparation", LocalizedText()),
            outcome=values.get("outcome", LocalizedText()),
            into_plan=values.get("into_plan", LocalizedText()),
        )

    def _story(self, values: dict[str, Any]) -> Story:
        return Story(
            id=values["id"],
            pack=self.pack_id,
            title=values["title"],
            text=values["text"],
            principles=values["principles"],
            from_level=values.get("from_level"),
            to_level=values.get("to_level"),
            lesson=values.get("lesson", LocalizedText()),
            question=values.get("question", LocalizedText()),
        )

    def _support(self, values: dict[str, Any]) -> SupportFunction:
        return SupportFunction(
            id=values["id"],
            pack=self.pack_id,
            name=values["name"],
            description=values.get("description", LocalizedText()),
        )

    def _link(self, values: dict[str, Any], where: str) -> Link:
        return Link(
            pack=self.pack_id,
            card=values["card"],
            principle=values["principle"],
            weight=values["weight"],
            location=where,
        )


_FIELDS: dict[str, dict[str, Field]] = {
    spec.table: {f.name: f for f in spec.fields} for spec in PACK_FILES
}
_REQUIRED: dict[str, tuple[str, ...]] = {
    spec.table: tuple(f.name for f in spec.fields if f.required) for spec in PACK_FILES
}


def _languages(checker: Checker, value: object, path: tuple[Key, ...]) -> tuple[str, ...] | None:
    items = checker.list_of(value, path)
    if items is None:
        return None
    found: list[str] = []
    for i, item in enumerate(items):
        if not isinstance(item, str) or not _LANGUAGE.match(item):
            checker.error(
                "invalid-language",
                (*path, i),
                f"{any_value(item)} är ingen språkkod (BCP 47, t.ex. sv, en, fi, se, fit)",
                f"{any_value(item)} is not a language code (BCP 47, e.g. sv, en, fi, se, fit)",
            )
        elif item not in found:
            found.append(item)
    if "sv" not in found:
        found.insert(0, "sv")
    return tuple(found)


_STEP_MINUTES = re.compile(r"\s*(\d{1,4})\s*min\b")


def step_minutes(step: LocalizedText) -> int | None:
    """The minutes a step's Swedish text begins with (``"10 min: Rita …"`` → 10), else ``None``."""
    found = _STEP_MINUTES.match(step.get("sv"))
    return int(found[1]) if found else None


def _is_dir(source: Source) -> bool:
    try:
        return source.is_dir()
    except OSError:
        return False


def _is_file(source: Source) -> bool:
    try:
        return source.is_file()
    except OSError:
        return False


def _listed(spec: TableSpec, i: int, item: object) -> _Entry:
    """A hook's list entry of a keyed table: the key taken out of the entry's own fields."""
    name = spec.keyed_by or ""
    path: tuple[Key, ...] = (spec.table, i)
    if not isinstance(item, Mapping):
        return _Entry(path, item, _NO_KEY, (*path, name))
    rest = {k: v for k, v in item.items() if k != name}
    return _Entry(path, rest, item.get(name, _NO_KEY), (*path, name))


def _wrong_tables(where: str, key: str, value: object) -> Problem:
    return Problem.error(
        "wrong-type",
        location(key, file=where),
        f"ska vara en tabell med en tabell per id, men är {any_value(value)}",
        f"must be a table holding one table per id, got {any_value(value)}",
    )


def _wrong_list(where: str, key: str, value: object) -> Problem:
    return Problem.error(
        "wrong-type",
        location(key, file=where),
        f"ska vara en lista med tabeller, men är {any_value(value)}",
        f"must be a list of tables, got {any_value(value)}",
    )


def read_pack_folder(
    folder: Path | Traversable,
    *,
    prefix: str = "",
    expected_id: str | None = None,
    distribution: str = "",
    root: Path | None = None,
) -> tuple[PackContent | None, tuple[Problem, ...]]:
    """Read and check a data pack's content folder; see :class:`PackReader` for the arguments."""
    reader = PackReader(
        prefix=prefix, expected_id=expected_id, distribution=distribution, root=root
    )
    reader.read_folder(folder)
    return reader.finish()
