"""The data model: frozen values that every other part of the library shares.

Only attrs is imported here.
Serialisation lives in :mod:`innovationsresan.files`, so the model and the file formats stay apart.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import attrs

from innovationsresan.languages import choose

#: The languages the library's own messages exist in.
MESSAGE_LANGUAGES = ("sv", "en")


def _wrong_type(name: str, value: object, kinds: type | tuple[type, ...], what: str) -> None:
    """:func:`innovationsresan.errors.expect_type`, for the model's methods: called only after a
    cheap ``type(x) is str`` test failed, so the usual call costs one comparison."""
    from innovationsresan.errors import expect_type  # noqa: PLC0415 - errors imports this module

    expect_type(name, value, kinds, what)


def of_type(
    kind: type | tuple[type, ...], what: str, *, optional: bool = False
) -> Callable[[Any, Any, Any], None]:
    """A field validator: a value exactly of *kind* (the first, for several) passes at the cost
    of one comparison; any other goes to :func:`_wrong_type`, which lets a subclass pass and
    names the field in a :class:`TypeError`. With *optional*, ``None`` passes too."""
    first = kind[0] if isinstance(kind, tuple) else kind

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if type(value) is not first and not (optional and value is None):
            _wrong_type(attribute.name, value, kind, what)

    return check


def tuple_of(kind: type, what: str) -> Callable[[Any, Any, Any], None]:
    """A field validator: a tuple whose every item is of *kind*, the item at fault named
    ``field[i]``."""

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if type(value) is not tuple:
            _wrong_type(attribute.name, value, tuple, f"a tuple of {what}")
        for index, item in enumerate(value):
            if type(item) is not kind:
                _wrong_type(f"{attribute.name}[{index}]", item, kind, what)

    return check


_STR = of_type(str, "a text (str)")


def _text_items(
    value: Mapping[str, str] | Iterable[tuple[str, str]],
) -> tuple[tuple[str, str], ...]:
    pairs: object = value.items() if isinstance(value, Mapping) else value
    found: list[tuple[object, object]] | None = None
    try:
        # a text's letters are no (language, text) pairs
        if isinstance(pairs, Iterable) and not isinstance(pairs, str | bytes):
            found = [(lang, text) for lang, text in pairs]
    except (TypeError, ValueError):  # not iterable, or items that are no pairs
        found = None
    if found is None:
        _wrong_type("items", value, (), "a mapping {language: text} or (language, text) pairs")
        raise AssertionError  # pragma: no cover - _wrong_type raised: no kind of value passes ()
    for lang, text in found:
        # a number is not silently a text: LocalizedText({"sv": 1}) is a mistake, not "1"
        if type(lang) is not str:
            _wrong_type("items (a language)", lang, str, "a language code (str)")
        if type(text) is not str:
            _wrong_type(f"items[{lang!r}]", text, str, "a text (str)")
    return tuple(sorted((str(lang), str(text)) for lang, text in found))


@attrs.frozen
class LocalizedText:
    """A text in several languages, keyed by BCP 47 language code.

    Lookup falls back from the requested language to Swedish, then English, then any language.
    """

    items: tuple[tuple[str, str], ...] = attrs.field(converter=_text_items, factory=tuple)

    @classmethod
    def of(cls, sv: str, en: str | None = None, **others: str) -> LocalizedText:
        """Build a text from Swedish, English and further languages given by keyword.

        A text that is no ``str`` is a :class:`TypeError` naming it (``sv``, ``en``, ``fi`` …).
        """
        if type(sv) is not str:
            _wrong_type("sv", sv, str, "a text (str)")
        texts = {"sv": sv}
        if en is not None:
            if type(en) is not str:
                _wrong_type("en", en, str, "a text (str) or None")
            texts["en"] = en
        for lang, text in others.items():
            if type(text) is not str:
                _wrong_type(lang, text, str, "a text (str)")
        texts.update(others)
        return cls(texts)

    def get(self, lang: str = "sv") -> str:
        """The text in *lang*, or the first of Swedish, English, any; ``""`` when empty."""
        if type(lang) is not str:
            _wrong_type("lang", lang, str, "a language code (str)")
        return choose(dict(self.items), lang)

    def languages(self) -> frozenset[str]:
        """The language codes this text exists in."""
        return frozenset(lang for lang, _ in self.items)

    def as_dict(self) -> dict[str, str]:
        """A plain ``{lang: text}`` mapping (a new dict each call)."""
        return dict(self.items)

    def format(self, **values: object) -> LocalizedText:
        """Fill ``{name}`` placeholders in every language.

        A placeholder without a value, or a text that is no format string (a lone ``{``), is an
        :class:`~innovationsresan.errors.InputError` naming the language, never a bare
        ``KeyError`` from inside.
        """
        filled: dict[str, str] = {}
        for lang, text in self.items:
            try:
                filled[lang] = text.format(**values)
            except (KeyError, IndexError, ValueError) as exc:
                from innovationsresan.errors import bad_value  # noqa: PLC0415 - see _wrong_type

                raise bad_value(
                    f"values (text '{lang}')",
                    text,
                    f"värden för varje {{namn}} i texten ({exc})",
                    f"values for every {{name}} in the text ({exc})",
                ) from None
        return LocalizedText(filled)

    def __iter__(self) -> Iterator[str]:
        return iter(lang for lang, _ in self.items)

    def __bool__(self) -> bool:
        return any(text.strip() for _, text in self.items)


#: A field holding a text in several languages.
_TEXT = of_type(LocalizedText, "a LocalizedText (LocalizedText.of(sv, en) gives one)")
_TEXTS = tuple_of(LocalizedText, "LocalizedText values")
_IDS = tuple_of(str, "ids (str)")


class Level(enum.StrEnum):
    """The two levels of the model, lower first."""

    LIMITED = "limited"
    INNOVATIVE = "innovative"


class Placement(enum.StrEnum):
    """Where a position falls: one of the levels, or ``both`` (never a level)."""

    LIMITED = "limited"
    BOTH = "both"
    INNOVATIVE = "innovative"

    @property
    def rank(self) -> int:
        """The order limited < both < innovative, as 0, 1, 2."""
        return _PLACEMENT_RANK[self]


_PLACEMENT_RANK = {Placement.LIMITED: 0, Placement.BOTH: 1, Placement.INNOVATIVE: 2}


class Perspective(enum.StrEnum):
    """The two perspectives a team reflects from."""

    ORGANISATION = "organisation"
    INDIVIDUAL = "individual"


class Severity(enum.StrEnum):
    """How bad a problem is: errors block, warnings advise."""

    ERROR = "error"
    WARNING = "warning"


class Phase(enum.StrEnum):
    """The method phase a card belongs to (Kirunamodellen's groups plus reflection)."""

    UNDERSTAND = "understand"
    IDEATE = "ideate"
    PLAN = "plan"
    REFLECT = "reflect"


class Origin(enum.StrEnum):
    """Where a card's method comes from: the published Innovationslek! deck, or elsewhere.

    ``innovationslek`` is a claim a pack makes explicitly for a method named in the deck the
    model's own page points to; every other card is ``supplementary`` (the default).
    """

    INNOVATIONSLEK = "innovationslek"
    SUPPLEMENTARY = "supplementary"


_LEVEL = of_type(Level, "a Level (Level.LIMITED or Level.INNOVATIVE)")
_PERSPECTIVE = of_type(Perspective, "a Perspective")
_SEVERITY = of_type(Severity, "a Severity (Severity.ERROR or Severity.WARNING)")


@attrs.frozen
class Problem:
    """One finding about an input: a stable code, where it is, and what to do about it.

    ``location`` follows one grammar everywhere: an optional ``file:`` prefix,
    then keys joined by ``.`` with 0-based indexes in brackets, e.g. ``actions[2].who``.
    A problem of a content pack also names the pack's id and its distribution (``pack``,
    ``distribution``; empty for other problems and for a pack registered in-process); they take
    no part in comparisons.
    """

    severity: Severity = attrs.field(validator=_SEVERITY)
    code: str = attrs.field(validator=_STR)
    location: str = attrs.field(validator=_STR)
    message: LocalizedText = attrs.field(validator=_TEXT)
    pack: str = attrs.field(default="", eq=False, kw_only=True, validator=_STR)
    distribution: str = attrs.field(default="", eq=False, kw_only=True, validator=_STR)

    @classmethod
    def error(cls, code: str, location: str, sv: str, en: str) -> Problem:
        """An error-level problem with its Swedish and English message."""
        _problem_arguments(code, location, en)
        return cls(Severity.ERROR, code, location, LocalizedText.of(sv, en))

    @classmethod
    def warning(cls, code: str, location: str, sv: str, en: str) -> Problem:
        """A warning-level problem with its Swedish and English message."""
        _problem_arguments(code, location, en)
        return cls(Severity.WARNING, code, location, LocalizedText.of(sv, en))

    @property
    def is_error(self) -> bool:
        """Whether this problem is an error."""
        return self.severity is Severity.ERROR

    def in_file(self, file: str) -> Problem:
        """The same problem with *file* prefixed to its location (unless it has one)."""
        if type(file) is not str:
            _wrong_type("file", file, str, "a file name (str)")
        if not file or self.location == file or self.location.startswith(f"{file}:"):
            return self
        return attrs.evolve(self, location=f"{file}:{self.location}" if self.location else file)


def _problem_arguments(code: object, location: object, en: object) -> None:
    """The checks of :meth:`Problem.error` and :meth:`Problem.warning` before their text is
    built (``sv`` is checked by :meth:`LocalizedText.of`, which allows no ``en``)."""
    if type(code) is not str:
        _wrong_type("code", code, str, "a problem code (str)")
    if type(location) is not str:
        _wrong_type("location", location, str, "a location (str)")
    if type(en) is not str:
        _wrong_type("en", en, str, "a text (str)")


Key = str | int


def location(*keys: Key, file: str | None = None) -> str:
    """Render a key path in the location grammar: ``file:a.b[2].c``."""
    parts: list[str] = []
    for key in keys:
        if isinstance(key, int):
            parts.append(f"[{key}]")
        elif parts:
            parts.append(f".{key}")
        else:
            parts.append(key)
    path = "".join(parts)
    if file:
        return f"{file}:{path}" if path else file
    return path


def has_errors(problems: Iterable[Problem]) -> bool:
    """Whether any of *problems* is an error."""
    return any(p.is_error for p in problems)


@attrs.frozen
class Principle:
    """One of the nine principles on the rope ladder (core constant, never from a pack)."""

    id: str = attrs.field(validator=_STR)
    name: LocalizedText = attrs.field(validator=_TEXT)
    description: LocalizedText = attrs.field(validator=_TEXT)
    rung: int = attrs.field(validator=of_type(int, "a whole number (int)"))


@attrs.frozen
class PackInfo:
    """A content pack's metadata."""

    id: str = attrs.field(validator=_STR)
    name: LocalizedText = attrs.field(validator=_TEXT)
    version: str = attrs.field(default="", validator=_STR)
    municipality: str = attrs.field(default="", validator=_STR)
    languages: tuple[str, ...] = attrs.field(
        default=("sv", "en"), validator=tuple_of(str, "language codes (str)")
    )
    license: str = attrs.field(default="", validator=_STR)
    homepage: str = attrs.field(default="", validator=_STR)
    about: LocalizedText = attrs.field(factory=LocalizedText, validator=_TEXT)
    distribution: str = attrs.field(default="", validator=_STR)


@attrs.frozen
class Statement:
    """A post-it note: how a principle looks at one level from one perspective."""

    id: str = attrs.field(validator=_STR)
    pack: str = attrs.field(validator=_STR)
    level: Level = attrs.field(validator=_LEVEL)
    perspective: Perspective = attrs.field(validator=_PERSPECTIVE)
    principle: str = attrs.field(validator=_STR)
    text: LocalizedText = attrs.field(validator=_TEXT)


def _weight_pairs(instance: Any, attribute: Any, value: tuple[tuple[Any, ...], ...]) -> None:
    """A card's (principle id, weight) pairs: an id (str) and a weight in [0, 1]; a weight
    outside would break recommending's rule (docs/recommend.md), so it is refused."""
    for index, pair in enumerate(value):
        if len(pair) != 2:
            _wrong_type(f"{attribute.name}[{index}]", pair, (), "a (principle id, weight) pair")
        pid, weight = pair
        if type(pid) is not str:
            _wrong_type(f"{attribute.name}[{index}][0]", pid, str, "a principle id (str)")
        if type(weight) is not float:
            _wrong_type(f"{attribute.name}[{index}][1]", weight, (float, int), "a weight (float)")
        if not 0.0 <= weight <= 1.0:  # NaN fails too
            from innovationsresan.errors import bad_value  # noqa: PLC0415 - see _wrong_type

            raise bad_value(
                f"{attribute.name}[{index}][1]",
                weight,
                "en vikt från 0 till 1",
                "a weight from 0 to 1",
            )


@attrs.frozen
class Card:
    """A method card, with the principles it strengthens.

    ``principles`` holds (principle id, weight) pairs, each weight in [0, 1] (a card built by
    hand is refused otherwise; a pack file's weights are in (0, 1], docs/packs.md).
    In a catalogue it holds the weights merged with other packs' links,
    and ``linked_by`` names the packs whose links changed it.
    ``origin`` says whether the method is one named in the published Innovationslek! deck
    or a supplementary method a pack adds (see docs/packs.md).
    ``use_when``, ``preparation``, ``outcome`` and ``into_plan`` make the card ready to run:
    when the method fits, what to prepare, what comes out, and how that goes into the action
    plan (what, how, when, who).
    """

    id: str = attrs.field(validator=_STR)
    pack: str = attrs.field(validator=_STR)
    title: LocalizedText = attrs.field(validator=_TEXT)
    summary: LocalizedText = attrs.field(validator=_TEXT)
    principles: tuple[tuple[str, float], ...] = attrs.field(
        validator=[tuple_of(tuple, "(principle id, weight) pairs"), _weight_pairs]
    )
    steps: tuple[LocalizedText, ...] = attrs.field(default=(), validator=_TEXTS)
    minutes: int | None = attrs.field(
        default=None, validator=of_type(int, "a whole number of minutes or None", optional=True)
    )
    group_size: tuple[int, int] | None = attrs.field(
        default=None, validator=of_type(tuple, "(smallest, largest) or None", optional=True)
    )
    materials: tuple[LocalizedText, ...] = attrs.field(default=(), validator=_TEXTS)
    phase: Phase | None = attrs.field(
        default=None, validator=of_type(Phase, "a Phase or None", optional=True)
    )
    source: str = attrs.field(default="", validator=_STR)
    linked_by: tuple[str, ...] = attrs.field(default=(), validator=_IDS)
    origin: Origin = attrs.field(
        default=Origin.SUPPLEMENTARY, validator=of_type(Origin, "an Origin")
    )
    use_when: LocalizedText = attrs.field(factory=LocalizedText, validator=_TEXT)
    preparation: LocalizedText = attrs.field(factory=LocalizedText, validator=_TEXT)
    outcome: LocalizedText = attrs.field(factory=LocalizedText, validator=_TEXT)
    into_plan: LocalizedText = attrs.field(factory=LocalizedText, validator=_TEXT)

    def weight(self, principle: str) -> float:
        """The card's weight for *principle* (0 when it does not strengthen it)."""
        if type(principle) is not str:
            _wrong_type("principle", principle, str, "a principle id (str)")
        for pid, w in self.principles:
            if pid == principle:
                return w
        return 0.0

    def weights(self) -> dict[str, float]:
        """Principle id → weight, as a new dict."""
        return dict(self.principles)

    @property
    def total_weight(self) -> float:
        """Σ of the card's weights, used to break ties between equally good cards."""
        return math.fsum(w for _, w in self.principles)


@attrs.frozen
class Story:
    """A story of a team's move between the levels, and what it teaches.

    ``question`` is the question the story invites a team to ask itself, to help it find where
    it stands now and where it wants to be.
    """

    id: str = attrs.field(validator=_STR)
    pack: str = attrs.field(validator=_STR)
    title: LocalizedText = attrs.field(validator=_TEXT)
    text: LocalizedText = attrs.field(validator=_TEXT)
    principles: tuple[str, ...] = attrs.field(validator=_IDS)
    from_level: Level | None = attrs.field(
        default=None, validator=of_type(Level, "a Level or None", optional=True)
    )
    to_level: Level | None = attrs.field(
        default=None, validator=of_type(Level, "a Level or None", optional=True)
    )
    lesson: LocalizedText = attrs.field(factory=LocalizedText, validator=_TEXT)
    question: LocalizedText = attrs.field(factory=LocalizedText, validator=_TEXT)


@attrs.frozen
class SupportFunction:
    """A support function of a municipality that actions can ask for help: HR, IT, finance …

    Packs list their municipality's support functions; an action of a plan names the one it
    needs by id (see :class:`innovationsresan.plans.SupportNeed`).
    """

    id: str = attrs.field(validator=_STR)
    pack: str = attrs.field(validator=_STR)
    name: LocalizedText = attrs.field(validator=_TEXT)
    description: LocalizedText = attrs.field(factory=LocalizedText, validator=_TEXT)


@attrs.frozen
class Link:
    """A pack's claim that a card (possibly another pack's) strengthens a principle.

    ``location`` is where the pack wrote it (``kiruna/links.toml:links[2].card``), so a problem
    found only when the catalogue merges the packs still names file and key; it takes no part
    in comparisons.
    """

    pack: str = attrs.field(validator=_STR)
    card: str = attrs.field(validator=_STR)
    principle: str = attrs.field(validator=_STR)
    weight: float = attrs.field(validator=of_type((float, int), "a weight (a number)"))
    location: str = attrs.field(default="", eq=False, kw_only=True, validator=_STR)


@attrs.frozen
class LevelDescription:
    """A pack's own words for one of the two levels: a description and, if it likes, a name.

    ``location`` is where the pack wrote it (``kiruna/pack.toml:levels.limited``); it takes no
    part in comparisons.
    """

    level: Level = attrs.field(validator=_LEVEL)
    pack: str = attrs.field(validator=_STR)
    description: LocalizedText = attrs.field(validator=_TEXT)
    name: LocalizedText = attrs.field(factory=LocalizedText, validator=_TEXT)
    location: str = attrs.field(default="", eq=False, kw_only=True, validator=_STR)


@attrs.frozen
class PrincipleDescription:
    """A pack's own words for one of the nine principles (it never adds or renames one).

    ``name`` is optional: a translation of the principle's name into a language the library
    does not carry (``fi``, ``se``, ``fit`` …), or the municipality's own wording.
    """

    principle: str = attrs.field(validator=_STR)
    pack: str = attrs.field(validator=_STR)
    description: LocalizedText = attrs.field(validator=_TEXT)
    name: LocalizedText = attrs.field(factory=LocalizedText, validator=_TEXT)
    location: str = attrs.field(default="", eq=False, kw_only=True, validator=_STR)


@attrs.frozen
class ShownDescription:
    """The name and description shown for a level or a principle, and whose words they are.

    ``pack`` is the pack whose text was chosen, ``None`` when it is the library's own text.
    See :meth:`innovationsresan.catalog.Catalog.level_description` for the rule that chooses.
    """

    id: str
    name: LocalizedText
    description: LocalizedText
    pack: str | None = None

    @property
    def from_library(self) -> bool:
        """Whether the text is the library's own (no loaded pack describes it)."""
        return self.pack is None


def qualify(pack: str, item_id: str) -> str:
    """``pack:id`` for an unqualified id; a qualified one is returned unchanged."""
    return item_id if ":" in item_id else f"{pack}:{item_id}"


def split_id(qualified: str) -> tuple[str | None, str]:
    """Split ``pack:id`` into its parts; an unqualified id has no pack."""
    pack, sep, rest = qualified.partition(":")
    return (pack, rest) if sep else (None, qualified)


def any_value(value: Any) -> str:
    """A short, safe rendering of a value for messages (at most 60 characters)."""
    try:
        text = repr(value)
    except Exception:  # an int too long to print, or a hostile __repr__
        if isinstance(value, int):
            return f"<an integer of about {int(value.bit_length() * 0.30103) + 1} digits>"
        return f"<{type(value).__name__}>"
    return text if len(text) <= 60 else text[:57] + "..."
