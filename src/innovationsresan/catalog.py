"""The catalogue: the merged, checked, read-only view of every loaded content pack.

A :class:`Catalog` is built once (by :func:`innovationsresan.load_catalog` or by hand with
:meth:`Catalog.build`) and never changes afterwards, so it can be shared between threads.
It resolves ids: a qualified id (``kiruna:five-whys``) always, an unqualified one when exactly one
loaded pack has it.

It also chooses the words shown for each level and principle when packs describe them
(:meth:`Catalog.level_description`, :meth:`Catalog.principle_description`; the rule is in
``docs/packs.md``): the *primary* pack's text if it has one, else the text of the first pack by
pack id that has one, else the library's own text. The packs' texts are never merged, and
every text shown names the pack it came from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal, TypeVar

import attrs

from innovationsresan.errors import (
    UnknownIdError,
    expect_choice,
    expect_list,
    expect_optional,
    expect_type,
    unknown_id,
)
from innovationsresan.ladder import (
    LEVEL_DESCRIPTIONS,
    LEVEL_NAMES,
    LEVELS,
    PERSPECTIVES,
    PRINCIPLE_IDS,
    expect_principle,
    principle,
)
from innovationsresan.model import (
    Card,
    Level,
    LevelDescription,
    Link,
    LocalizedText,
    PackInfo,
    Perspective,
    PrincipleDescription,
    Problem,
    ShownDescription,
    Statement,
    Story,
    SupportFunction,
    split_id,
)

Kind = Literal["statement", "card", "story", "support"]

#: A plan rule from a pack: ``rule(plan, catalog, today)`` yields problems (or mappings with
#: ``severity``, ``code``, ``location``, ``message``); see :mod:`innovationsresan.hookspecs`.
PlanRule = Callable[..., Iterable[Any]]

#: The kinds of item an id names (a tuple: ``in`` compares, so an unhashable kind is no error).
_KINDS: tuple[str, ...] = ("statement", "card", "story", "support")
_LEVEL_IDS = tuple(level.value for level in LEVELS)
_PERSPECTIVE_IDS = tuple(q.value for q in PERSPECTIVES)

_KIND_NAMES = {
    "statement": ("påstående", "statement"),
    "card": ("kort", "card"),
    "story": ("berättelse", "story"),
    "support": ("stödfunktionen", "the support function"),
}


#: The fields of :class:`PackContent` that hold content, with the kind of their items.
_CONTENT_FIELDS: tuple[tuple[str, type], ...] = (
    ("statements", Statement),
    ("cards", Card),
    ("stories", Story),
    ("links", Link),
    ("problems", Problem),
    ("support", SupportFunction),
    ("level_descriptions", LevelDescription),
    ("principle_descriptions", PrincipleDescription),
)


@attrs.frozen
class PackContent:
    """What one pack contributes, already checked: its metadata and content."""

    info: PackInfo
    statements: tuple[Statement, ...] = ()
    cards: tuple[Card, ...] = ()
    stories: tuple[Story, ...] = ()
    links: tuple[Link, ...] = ()
    plan_rules: tuple[PlanRule, ...] = ()
    problems: tuple[Problem, ...] = ()
    support: tuple[SupportFunction, ...] = ()
    level_descriptions: tuple[LevelDescription, ...] = ()
    principle_descriptions: tuple[PrincipleDescription, ...] = ()

    def __attrs_post_init__(self) -> None:
        # built by hand for Catalog.build: each field is checked (a TypeError naming it or its
        # item at fault), and a list or other collection is kept as a tuple
        expect_type("info", self.info, PackInfo, "PackInfo (the pack's metadata)")
        for name, kind in _CONTENT_FIELDS:
            items = expect_list(name, getattr(self, name), kind, f"{kind.__name__} values")
            object.__setattr__(self, name, tuple(items))
        rules = expect_list("plan_rules", self.plan_rules, object, "plan rules (functions)")
        for index, rule in enumerate(rules):
            if not callable(rule):  # no type passes (): the TypeError names the rule
                expect_type(f"plan_rules[{index}]", rule, (), "a plan rule (a function)")
        object.__setattr__(self, "plan_rules", tuple(rules))

    def counts(self) -> dict[str, int]:
        """How many items of each kind the pack holds."""
        return {
            "statements": len(self.statements),
            "cards": len(self.cards),
            "stories": len(self.stories),
            "links": len(self.links),
            "plan_rules": len(self.plan_rules),
            "support": len(self.support),
            "level_descriptions": len(self.level_descriptions),
            "principle_descriptions": len(self.principle_descriptions),
        }


@attrs.frozen
class PackStatus:
    """A pack as listed by ``innovationsresan packs``: loaded (``ok``) or left out (``error``)."""

    id: str
    name: LocalizedText
    version: str
    distribution: str
    status: Literal["ok", "error"]
    counts: Mapping[str, int] = attrs.field(factory=dict)
    problems: tuple[Problem, ...] = ()

    def __attrs_post_init__(self) -> None:
        for name in ("id", "version", "distribution"):
            expect_type(name, getattr(self, name), str, "a text (str)")
        expect_type("name", self.name, LocalizedText, "a LocalizedText")
        expect_choice("status", self.status, ("ok", "error"), "'ok' or 'error'")
        expect_type("counts", self.counts, Mapping, "a mapping of kind to count")
        problems = expect_list("problems", self.problems, Problem, "Problem values")
        object.__setattr__(self, "problems", tuple(problems))

    @property
    def ok(self) -> bool:
        """Whether the pack loaded."""
        return self.status == "ok"


def _failed(content: PackContent, *problems: Problem) -> PackStatus:
    """The listing of a pack refused while the catalogue is built, with its problems."""
    return PackStatus(
        id=content.info.id,
        name=content.info.name,
        version=content.info.version,
        distribution=content.info.distribution,
        status="error",
        problems=(*content.problems, *problems),
    )


def _refuse_shared_ids(
    contents: list[PackContent],
) -> tuple[list[PackContent], list[PackStatus]]:
    """The packs whose id no other has, and the failed status of each that shares its id.

    Neither of two packs with one id is used, so the order they come in decides nothing.
    """
    by_id: dict[str, list[PackContent]] = {}
    for content in contents:
        by_id.setdefault(content.info.id, []).append(content)
    kept: list[PackContent] = []
    refused: list[PackStatus] = []
    for pack_id, claims in by_id.items():
        if len(claims) == 1:
            kept.extend(claims)
            continue
        names = ", ".join(c.info.distribution or c.info.id for c in claims)
        for content in claims:
            problem = Problem.error(
                "duplicate-pack",
                content.info.distribution or pack_id,
                f"flera paket gör anspråk på id '{pack_id}' ({names}); inget av dem laddas",
                f"several packs claim the id '{pack_id}' ({names}); none of them is loaded",
            )
            refused.append(
                _failed(
                    content,
                    attrs.evolve(problem, pack=pack_id, distribution=content.info.distribution),
                )
            )
    return kept, refused


def _refuse_ambiguous_links(
    contents: list[PackContent],
) -> tuple[list[PackContent], list[PackStatus]]:
    """The packs whose links resolve, and the failed status of each pack with an ambiguous one.

    Ambiguity is judged against every pack given at once, so the outcome never depends on the
    order of the packs.
    """
    every = Catalog(cards=tuple(c for content in contents for c in content.cards))
    kept: list[PackContent] = []
    refused: list[PackStatus] = []
    for content in contents:
        errors = []
        for link in content.links:
            _, problem = every.try_resolve("card", link.card, link.location or link.pack)
            if problem is not None and problem.code == "ambiguous-id":
                errors.append(
                    attrs.evolve(
                        problem, pack=content.info.id, distribution=content.info.distribution
                    )
                )
        if errors:
            refused.append(_failed(content, *errors))
        else:
            kept.append(content)
    return kept, refused


_D = TypeVar("_D", LevelDescription, PrincipleDescription)


def _chosen(candidates: list[_D], primary: str | None) -> _D | None:
    """The description the rule picks among one subject's: the primary pack's, else the first
    by pack id (whatever order the catalogue was given them in)."""
    for candidate in candidates:
        if candidate.pack == primary:
            return candidate
    return min(candidates, key=lambda d: d.pack) if candidates else None


def _index(items: Iterable[Statement | Card | Story | SupportFunction]) -> dict[str, list[str]]:
    by_bare: dict[str, list[str]] = {}
    for item in items:
        by_bare.setdefault(item.id, []).append(item.pack)
    return by_bare


@attrs.frozen
class Catalog:
    """The loaded content: statements, cards (merged link weights) and stories of every pack.

    ``support`` holds the support functions the packs list (HR, IT …), which plan actions name.
    """

    packs: tuple[PackStatus, ...] = ()
    statements: tuple[Statement, ...] = ()
    cards: tuple[Card, ...] = ()
    stories: tuple[Story, ...] = ()
    plan_rules: tuple[tuple[str, PlanRule], ...] = ()
    problems: tuple[Problem, ...] = ()
    support: tuple[SupportFunction, ...] = ()
    #: Every pack's own words for the levels and principles, in pack-id order.
    level_descriptions: tuple[LevelDescription, ...] = ()
    principle_descriptions: tuple[PrincipleDescription, ...] = ()
    #: The pack whose descriptions are shown first (see :meth:`level_description`).
    primary: str | None = None
    _by_id: Mapping[str, Mapping[str, Statement | Card | Story | SupportFunction]] = attrs.field(
        init=False, repr=False, eq=False
    )
    _by_bare: Mapping[str, Mapping[str, list[str]]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        groups: dict[
            str,
            tuple[Statement, ...]
            | tuple[Card, ...]
            | tuple[Story, ...]
            | tuple[SupportFunction, ...],
        ] = {
            "statement": self.statements,
            "card": self.cards,
            "story": self.stories,
            "support": self.support,
        }
        object.__setattr__(
            self,
            "_by_id",
            {kind: {f"{i.pack}:{i.id}": i for i in items} for kind, items in groups.items()},
        )
        object.__setattr__(
            self, "_by_bare", {kind: _index(items) for kind, items in groups.items()}
        )

    # -- building ----------------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        contents: Iterable[PackContent],
        *,
        failed: Iterable[PackStatus] = (),
        problems: Iterable[Problem] = (),
        primary: str | None = None,
    ) -> Catalog:
        """Merge the content of loaded packs; *failed* packs are listed but contribute nothing.

        *primary* names the pack whose level and principle descriptions come first; a pack
        that is not loaded changes nothing (:func:`~innovationsresan.load_catalog` warns).

        Links from any pack raise a card's weight for a principle to the larger of the two;
        a link to a card that is not loaded is a warning. A link whose unqualified card id
        several packs have is an ``ambiguous-id`` error naming the candidates: its pack is
        left out whole and listed as failed, like a pack with any other invalid data.
        """
        contents = expect_list("contents", contents, PackContent, "PackContent (a pack's content)")
        failed = expect_list("failed", failed, PackStatus, "PackStatus (a pack listed as failed)")
        all_problems = expect_list("problems", problems, Problem, "Problem")
        expect_optional("primary", primary, str, "a pack id (str) or None")
        contents, shared = _refuse_shared_ids(contents)
        contents, ambiguous = _refuse_ambiguous_links(contents)
        failed.extend((*shared, *ambiguous))
        cards = {f"{c.pack}:{c.id}": c for content in contents for c in content.cards}
        provisional = cls(cards=tuple(cards.values()))
        weights = {qid: card.weights() for qid, card in cards.items()}
        linked_by: dict[str, set[str]] = {qid: set() for qid in cards}
        # a link's warning also goes to its pack's listing, so `packs` shows who wrote it
        link_problems: dict[str, list[Problem]] = {}
        for content in contents:
            known = {(p.code, p.location) for p in content.problems}
            for link in content.links:
                where = link.location or link.pack
                target, problem = provisional.try_resolve("card", link.card, where)
                if target is None:
                    if ("link-target-missing", where) not in known:  # the pack said so already
                        warning = Problem.warning(
                            "link-target-missing",
                            where,
                            f"länken till kortet '{link.card}' används inte: "
                            + (problem.message.get("sv") if problem else ""),
                            f"the link to card '{link.card}' is not used: "
                            + (problem.message.get("en") if problem else ""),
                        )
                        link_problems.setdefault(link.pack, []).append(
                            attrs.evolve(
                                warning, pack=link.pack, distribution=content.info.distribution
                            )
                        )
                    continue
                merged = weights[target]
                merged[link.principle] = max(merged.get(link.principle, 0.0), link.weight)
                if link.pack != cards[target].pack:
                    linked_by[target].add(link.pack)
        merged_cards = tuple(
            attrs.evolve(
                card,
                principles=tuple((p, weights[qid][p]) for p in PRINCIPLE_IDS if p in weights[qid]),
                linked_by=tuple(sorted(linked_by[qid])),
            )
            for qid, card in cards.items()
        )
        statuses = [
            PackStatus(
                id=c.info.id,
                name=c.info.name,
                version=c.info.version,
                distribution=c.info.distribution,
                status="ok",
                counts=c.counts(),
                problems=(*c.problems, *link_problems.get(c.info.id, ())),
            )
            for c in contents
        ]
        statuses.extend(failed)
        statuses.sort(key=lambda s: (s.id, s.distribution))
        for content in contents:
            all_problems.extend(content.problems)
            all_problems.extend(link_problems.get(content.info.id, ()))
        for status in failed:
            all_problems.extend(status.problems)
        primary = primary or None
        # the order of the descriptions is the rule's "load order": by pack id, never by chance
        by_id = sorted(contents, key=lambda c: c.info.id)
        return cls(
            packs=tuple(statuses),
            statements=tuple(s for c in contents for s in c.statements),
            cards=merged_cards,
            stories=tuple(s for c in contents for s in c.stories),
            plan_rules=tuple((c.info.id, rule) for c in contents for rule in c.plan_rules),
            problems=tuple(all_problems),
            support=tuple(f for c in contents for f in c.support),
            level_descriptions=tuple(d for c in by_id for d in c.level_descriptions),
            principle_descriptions=tuple(d for c in by_id for d in c.principle_descriptions),
            primary=primary,
        )

    # -- ids ---------------------------------------------------------------------------------

    def try_resolve(
        self, kind: Kind, ident: str, where: str = ""
    ) -> tuple[str | None, Problem | None]:
        """Resolve *ident* to a qualified id, or give the problem (``unknown-…``, ``ambiguous-id``).

        The problem's location is *where*; its code is ``unknown-card``, ``unknown-statement``,
        ``unknown-story``, ``unknown-support`` or ``ambiguous-id``.
        """
        if type(ident) is not str or type(where) is not str or kind not in _KINDS:
            _check_resolve_arguments(kind, ident, where)
        where = where or kind
        pack, bare = split_id(ident)
        if pack is not None:
            if ident in self._by_id[kind]:
                return ident, None
            return None, self._unknown(kind, ident, where)
        owners = self._by_bare[kind].get(bare, [])
        if len(owners) == 1:
            return f"{owners[0]}:{bare}", None
        if not owners:
            return None, self._unknown(kind, ident, where)
        candidates = ", ".join(f"{p}:{bare}" for p in sorted(owners))
        return None, Problem.error(
            "ambiguous-id",
            where,
            f"'{ident}' finns i flera paket; skriv ett av: {candidates}",
            f"'{ident}' exists in several packs; write one of: {candidates}",
        )

    def try_resolve_support(self, ident: str, where: str = "") -> tuple[str | None, Problem | None]:
        """Resolve a support function by id, or else by its name as people type it.

        An id (``kiruna:hr``, or ``hr`` when one pack has it) wins; otherwise a name in any
        language, compared without regard to case and spacing (``"Ekonomi"``), resolves when
        exactly one loaded support function has it. Several matches are ``ambiguous-id``.
        """
        _check_resolve_arguments("support", ident, where)
        qualified, problem = self.try_resolve("support", ident, where)
        if qualified is not None or (problem is not None and problem.code == "ambiguous-id"):
            return qualified, problem
        folded = " ".join(ident.casefold().split())
        named = sorted(
            f"{f.pack}:{f.id}"
            for f in self.support
            if folded and any(" ".join(t.casefold().split()) == folded for _, t in f.name.items)
        )
        if len(named) == 1:
            return named[0], None
        if named:
            candidates = ", ".join(named)
            return None, Problem.error(
                "ambiguous-id",
                where or "support",
                f"'{ident}' är namnet på flera stödfunktioner; skriv ett av: {candidates}",
                f"'{ident}' names several support functions; write one of: {candidates}",
            )
        return None, problem

    def _unknown(self, kind: Kind, ident: str, where: str) -> Problem:
        """The ``unknown-…`` problem, saying why when the id's pack failed to load, else
        suggesting the nearest id there is ("menade du …?")."""
        sv_kind, en_kind = _KIND_NAMES[kind]
        sv = f"{sv_kind} '{ident}' finns inte i något laddat paket"
        en = f"{en_kind} '{ident}' is not in any loaded pack"
        pack, bare = split_id(ident)
        failed = {status.id for status in self.packs if not status.ok}
        if pack is not None and pack in failed:
            sv += f"; paketet '{pack}' kunde inte laddas (se innovationsresan packs)"
            en += f"; the pack '{pack}' could not be loaded (see innovationsresan packs)"
        else:
            known = list(self._by_id[kind]) if pack is not None else list(self._by_bare[kind])
            import difflib  # noqa: PLC0415 - only for an unknown id's hint

            near = difflib.get_close_matches(ident if pack is not None else bare, known, n=1)
            if near:
                sv += f" (menade du '{near[0]}'?)"
                en += f" (did you mean '{near[0]}'?)"
            elif pack is None and failed:
                names = ", ".join(sorted(failed))
                sv += f"; paket som inte kunde laddas: {names}"
                en += f"; packs that could not be loaded: {names}"
        return Problem.error(f"unknown-{kind}", where, sv, en)

    def resolve(self, kind: Kind, ident: str) -> str:
        """The qualified id of *ident*; :class:`UnknownIdError` when unknown or ambiguous."""
        _check_resolve_arguments(kind, ident, "")
        qualified, problem = self.try_resolve(kind, ident)
        if qualified is not None:
            return qualified
        assert problem is not None  # noqa: S101 - try_resolve gives one or the other
        pack, bare = split_id(ident)
        candidates = (
            ()
            if pack is not None
            else tuple(f"{p}:{bare}" for p in self._by_bare[kind].get(bare, []))
        )
        raise UnknownIdError(problem.message, problems=(problem,), candidates=sorted(candidates))

    def statement(self, ident: str) -> Statement:
        """The statement with this id (qualified, or unqualified and unambiguous)."""
        item = self._by_id["statement"][self.resolve("statement", ident)]
        assert isinstance(item, Statement)  # noqa: S101 - the index holds statements only
        return item

    def card(self, ident: str) -> Card:
        """The card with this id (qualified, or unqualified and unambiguous)."""
        item = self._by_id["card"][self.resolve("card", ident)]
        assert isinstance(item, Card)  # noqa: S101 - the index holds cards only
        return item

    def story(self, ident: str) -> Story:
        """The story with this id (qualified, or unqualified and unambiguous)."""
        item = self._by_id["story"][self.resolve("story", ident)]
        assert isinstance(item, Story)  # noqa: S101 - the index holds stories only
        return item

    def support_function(self, ident: str) -> SupportFunction:
        """The support function with this id (qualified, or unqualified and unambiguous)."""
        item = self._by_id["support"][self.resolve("support", ident)]
        assert isinstance(item, SupportFunction)  # noqa: S101 - the index holds support only
        return item

    # -- queries -----------------------------------------------------------------------------

    def cards_for(self, principle: str) -> tuple[Card, ...]:
        """Cards that strengthen *principle* (its id, or its Swedish or English name), strongest
        first, then by qualified id.

        :class:`UnknownIdError` (also a ``KeyError``) when *principle* names no principle.
        """
        principle = expect_principle("principle", principle)
        chosen = [c for c in self.cards if c.weight(principle) > 0]
        chosen.sort(key=lambda c: (-c.weight(principle), f"{c.pack}:{c.id}"))
        return tuple(chosen)

    def statements_for(
        self,
        principle: str | None = None,
        *,
        level: Level | str | None = None,
        perspective: Perspective | str | None = None,
    ) -> tuple[Statement, ...]:
        """Statements filtered by principle, level and perspective (each optional).

        A value that names no principle, level or perspective is an :class:`InputError`.
        """
        if principle is not None:
            principle = expect_principle("principle", principle)
        if level is not None:
            expect_choice("level", level, _LEVEL_IDS, "a level or None")
        if perspective is not None:
            expect_choice("perspective", perspective, _PERSPECTIVE_IDS, "a perspective or None")
        return tuple(
            s
            for s in self.statements
            if (principle is None or s.principle == principle)
            and (level is None or s.level == level)
            and (perspective is None or s.perspective == perspective)
        )

    def stories_for(self, principles: Iterable[str]) -> tuple[Story, ...]:
        """Stories that show any of *principles*, those showing most of them first.

        :class:`UnknownIdError` (also a ``KeyError``) for an item that is no principle id.
        """
        wanted = set(expect_list("principles", principles, str, "principle ids (str)"))
        wanted = {expect_principle("principles", pid) for pid in sorted(wanted)}
        scored = [(len(wanted & set(s.principles)), s) for s in self.stories]
        scored = [(n, s) for n, s in scored if n]
        scored.sort(key=lambda item: (-item[0], f"{item[1].pack}:{item[1].id}"))
        return tuple(s for _, s in scored)

    # -- descriptions ------------------------------------------------------------------------

    def level_description(self, level: Level | str, primary: str | None = None) -> ShownDescription:
        """The name and description shown for *level*, and the pack they come from.

        The rule (``docs/packs.md``): the text of the *primary* pack (else of
        :attr:`primary`, set by ``INNOVATIONSRESAN_PRIMARY_PACK``) when it describes the level;
        else the text of the first pack, by pack id, that describes it; else the library's own
        text, with ``pack`` ``None``. A pack's description without a name shows the library's
        name. :class:`UnknownIdError` (a ``KeyError``) for an unknown level (``both`` is a
        placement, not a level).
        """
        if type(level) is not str and not isinstance(level, Level):
            expect_type("level", level, str, "a level (str)")
        if level not in _LEVEL_IDS:
            raise unknown_id("level", level, "en nivå", "a level", _LEVEL_IDS)
        level = Level(level)
        expect_optional("primary", primary, str, "a pack id (str) or None")
        found = _chosen(
            [d for d in self.level_descriptions if d.level == level], primary or self.primary
        )
        own_name, own_description = LEVEL_NAMES[level.value], LEVEL_DESCRIPTIONS[level.value]
        if found is None:
            return ShownDescription(level.value, own_name, own_description)
        return ShownDescription(level.value, found.name or own_name, found.description, found.pack)

    def principle_description(self, pid: str, primary: str | None = None) -> ShownDescription:
        """The name and description shown for the principle *pid*, by the rule of
        :meth:`level_description`; :class:`UnknownIdError` (a ``KeyError``) for an unknown
        principle."""
        pid = expect_principle("pid", pid)
        own = principle(pid)
        expect_optional("primary", primary, str, "a pack id (str) or None")
        found = _chosen(
            [d for d in self.principle_descriptions if d.principle == pid],
            primary or self.primary,
        )
        if found is None:
            return ShownDescription(pid, own.name, own.description)
        return ShownDescription(pid, found.name or own.name, found.description, found.pack)

    def levels(self, primary: str | None = None) -> tuple[ShownDescription, ...]:
        """Both levels as shown, lower first (:meth:`level_description` for each)."""
        expect_optional("primary", primary, str, "a pack id (str) or None")
        return tuple(self.level_description(level, primary) for level in LEVELS)

    def principles(self, primary: str | None = None) -> tuple[ShownDescription, ...]:
        """The nine principles as shown, in ladder order (:meth:`principle_description`)."""
        expect_optional("primary", primary, str, "a pack id (str) or None")
        return tuple(self.principle_description(pid, primary) for pid in PRINCIPLE_IDS)

    def pack(self, pack_id: str) -> PackStatus:
        """The listed pack with this id; :class:`UnknownIdError` (a ``KeyError``) when none."""
        expect_type("pack_id", pack_id, str, "a pack id (str)")
        for status in self.packs:
            if status.id == pack_id:
                return status
        listed = [status.id for status in self.packs]
        raise unknown_id("pack_id", pack_id, "ett listat pakets id", "a listed pack's id", listed)

    def languages(self) -> frozenset[str]:
        """The language codes any statement, card, story or description of the catalogue is in."""
        texts = (
            *(s.text for s in self.statements),
            *(c.title for c in self.cards),
            *(s.title for s in self.stories),
            *(d.description for d in self.level_descriptions),
            *(d.description for d in self.principle_descriptions),
        )
        return frozenset(lang for text in texts for lang in text.languages())

    def pack_versions(self) -> dict[str, str]:
        """Pack id → version of every loaded pack."""
        return {p.id: p.version for p in self.packs if p.ok}


def _check_resolve_arguments(kind: object, ident: object, where: object) -> None:
    """The arguments of the id resolvers: :class:`TypeError` naming a wrong type,
    :class:`~innovationsresan.errors.InputError` for a kind of item that does not exist."""
    expect_choice("kind", kind, _KINDS, "a kind of item (str)")
    expect_type("ident", ident, str, "an id (str)")
    expect_type("where", where, str, "a location (str)")
