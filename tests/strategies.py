"""Every Hypothesis strategy of the test suite, one per model type, in one place."""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from collections.abc import Sequence
from typing import Any

from hypothesis import strategies as st

from innovationsresan.followup import Factor, FactorKind
from innovationsresan.ladder import PRINCIPLE_IDS
from innovationsresan.model import (
    Card,
    Level,
    LevelDescription,
    Link,
    LocalizedText,
    PackInfo,
    Perspective,
    Phase,
    PrincipleDescription,
    Statement,
    Story,
)
from innovationsresan.plans import (
    STATUSES,
    Action,
    ActionPlan,
    DateRange,
    FollowUp,
    SupportNeed,
)

slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{0,15}", fullmatch=True)
principle_ids = st.sampled_from(PRINCIPLE_IDS)
levels = st.sampled_from(list(Level))
perspectives = st.sampled_from(list(Perspective))
texts = st.text(min_size=1, max_size=40).filter(str.strip)
localized_texts = st.builds(LocalizedText.of, texts, texts)

# -- follow-up -------------------------------------------------------------------------------
#: Changes of a group mean between two rounds (means lie in [0, 1]).
follow_up_deltas = st.floats(min_value=-1.0, max_value=1.0, allow_nan=False)

# -- recommendation --------------------------------------------------------------------------
#: Short card ids, few enough that two packs often share one (cheap to draw).
card_slugs = st.sampled_from([f"c{i}" for i in range(16)])
#: Titles in Swedish and English, or in Swedish only.
card_titles = st.sampled_from(
    [LocalizedText.of("Kort", "Card"), LocalizedText.of("Bara på svenska")]
)
#: A card's weight for one principle: the usual 1 and 0.5, or anything in (0, 1].
card_weights = st.sampled_from([1.0, 0.5, 0.25]) | st.floats(min_value=0.01, max_value=1.0)


_card_weight_maps = st.dictionaries(principle_ids, card_weights, max_size=4)
_card_groups = st.none() | st.tuples(st.integers(1, 6), st.integers(0, 10))
_card_packs = st.sampled_from(["p", "q"])
_card_minutes = st.none() | st.integers(5, 120)


def _card(draw: st.DrawFn, pack: str | None, ident: str | None) -> Card:
    # a plain function over module-level strategies: decks draw many cards per example, and
    # building the strategies anew for each card cost more than drawing from them
    weights = draw(_card_weight_maps)
    group = draw(_card_groups)
    return Card(
        id=ident if ident is not None else draw(card_slugs),
        pack=pack if pack is not None else draw(_card_packs),
        title=draw(card_titles),
        summary=LocalizedText.of("Så här gör ni.", "This is how."),
        principles=tuple((pid, weights[pid]) for pid in PRINCIPLE_IDS if pid in weights),
        minutes=draw(_card_minutes),
        group_size=None if group is None else (group[0], group[0] + group[1]),
    )


@st.composite
def cards(draw: st.DrawFn, pack: str | None = None, ident: str | None = None) -> Card:
    """A card with up to four weighted principles and optional minutes and group size."""
    return _card(draw, pack, ident)


@functools.cache
def _deck_keys(min_size: int, max_size: int) -> st.SearchStrategy[list[tuple[str, str]]]:
    return st.lists(
        st.tuples(_card_packs, card_slugs), min_size=min_size, max_size=max_size, unique=True
    )


@st.composite
def decks(draw: st.DrawFn, min_size: int = 0, max_size: int = 12) -> list[Card]:
    """Cards with distinct qualified ids, spread over two packs (so bare ids may repeat)."""
    keys = draw(_deck_keys(min_size, max_size))
    return [_card(draw, pack, ident) for pack, ident in keys]


#: Priorities as a mapping; negative and undefined ones count as 0.
priority_maps = st.dictionaries(
    principle_ids,
    st.none() | st.floats(min_value=-0.5, max_value=1.0, allow_nan=False),
)

# -- plans ---------------------------------------------------------------------------------
plan_dates = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31))
timezones = st.sampled_from(["Europe/Stockholm", "UTC", "America/New_York", "Asia/Kolkata"])
names = st.text(max_size=20)


@st.composite
def date_ranges(draw: st.DrawFn) -> DateRange:
    """A range of days (both ends included)."""
    start = draw(plan_dates)
    return DateRange(start, start + dt.timedelta(days=draw(st.integers(0, 60))))


@st.composite
def follow_ups(draw: st.DrawFn) -> FollowUp:
    """A follow-up at an aware time: a named zone or a bare UTC offset."""
    local = draw(
        st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2035, 12, 31))
    )
    zone: dt.tzinfo = draw(
        st.builds(zoneinfo.ZoneInfo, timezones)
        | st.builds(lambda h: dt.timezone(dt.timedelta(hours=h)), st.integers(-12, 14))
    )
    return FollowUp(
        at=local.replace(tzinfo=zone),
        duration_minutes=draw(st.integers(1, 24 * 60)),
        where=draw(names),
    )


#: Card ids a plan may name: qualified, bare (ambiguous or unique), unknown.
PLAN_CARD_IDS = ("p:a", "q:a", "p:missing", "a", "zz")


#: Support function ids a plan may name: qualified, bare, a name as typed, unknown.
PLAN_SUPPORT_IDS = ("p:it", "it", "q:hr", "Ekonomi", "p:missing", "zz")


@st.composite
def support_needs(draw: st.DrawFn, function_ids: Sequence[str] = PLAN_SUPPORT_IDS) -> SupportNeed:
    """Support an action may name: a function, a need in words or both, asked of someone or not."""
    function = draw(st.just("") | st.sampled_from(list(function_ids)) | slugs)
    need = draw(texts if not function else st.just("") | texts)
    return SupportNeed(function=function, need=need, ask=draw(names))


def actions(card_ids: Sequence[str] = PLAN_CARD_IDS) -> st.SearchStrategy[Action]:
    """Any action a file could hold: blank fields, unknown ids and principles included."""
    return st.builds(
        Action,
        what=names,
        how=names,
        when=st.none() | plan_dates | date_ranges(),
        who=st.lists(names, max_size=3).map(tuple) | names,
        cards=st.lists(st.sampled_from(list(card_ids)) | slugs, max_size=3).map(tuple),
        principles=st.lists(principle_ids | st.sampled_from(["", "speed"]), max_size=3).map(tuple),
        status=st.sampled_from(STATUSES),
        support=st.lists(support_needs(), max_size=3).map(tuple),
    )


def plans(card_ids: Sequence[str] = PLAN_CARD_IDS) -> st.SearchStrategy[ActionPlan]:
    """Any plan :func:`~innovationsresan.plans.parse_plan` could return."""
    return st.builds(
        ActionPlan,
        created=plan_dates,
        title=names,
        team=names,
        timezone=timezones,
        follow_up=st.none() | follow_ups(),
        actions=st.lists(actions(card_ids), max_size=10).map(tuple),
    )


@st.composite
def valid_plans(draw: st.DrawFn, deck: Sequence[Card] = ()) -> ActionPlan:
    """A plan with nothing to report when checked on its creation day against *deck*.

    1–7 actions with distinct, filled-in fields, dates from the creation day on, cards from
    *deck* naming only principles they strengthen, and a follow-up within 183 days that comes
    after at least one action is due.
    """
    created = draw(plan_dates)
    zone = zoneinfo.ZoneInfo(draw(timezones))
    follow_day = created + dt.timedelta(days=draw(st.integers(0, 183)))
    clock = draw(st.times())
    at = dt.datetime.combine(follow_day, clock, tzinfo=zone)
    count = draw(st.integers(1, 7))
    whats = draw(
        st.lists(
            texts,
            min_size=count,
            max_size=count,
            unique_by=lambda t: " ".join(t.casefold().split()),
        )
    )
    built = []
    for i, what in enumerate(whats):
        # the first action is due by the follow-up, the rest may come later
        latest = follow_day if i == 0 else follow_day + dt.timedelta(days=90)
        start = created + dt.timedelta(days=draw(st.integers(0, (latest - created).days)))
        end = start + dt.timedelta(days=draw(st.integers(0, (latest - start).days)))
        when: dt.date | DateRange = start if start == end else DateRange(start, end)
        chosen: list[Card] = []
        if deck:
            pick = st.sampled_from(list(deck))
            chosen = draw(st.lists(pick, max_size=2, unique_by=lambda c: (c.pack, c.id)))
        strengthened = sorted({pid for card in chosen for pid, w in card.principles if w > 0})
        allowed = st.sampled_from(strengthened) if strengthened else principle_ids
        principles: list[str] = []
        if strengthened or not chosen:
            principles = draw(st.lists(allowed, max_size=2, unique=True))
        built.append(
            Action(
                what=what,
                how=draw(texts),
                when=when,
                who=draw(st.lists(texts, min_size=1, max_size=3).map(tuple)),
                cards=tuple(f"{c.pack}:{c.id}" for c in chosen),
                principles=tuple(principles),
                status=draw(st.sampled_from(STATUSES)),
                support=tuple(
                    draw(st.lists(st.builds(SupportNeed, need=texts, ask=texts), max_size=2))
                ),
            )
        )
    return ActionPlan(
        created=created,
        title=draw(names),
        team=draw(names),
        timezone=zone.key,
        follow_up=FollowUp(at=at, duration_minutes=draw(st.integers(15, 240)), where=draw(names)),
        actions=tuple(built),
    )


# -- report: texts that try to become markup --------------------------------------------------

#: Text mixing the characters of HTML and SVG markup with letters and attack fragments.
markup_texts = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "<", ">", "&", '"', "'", "/", "=", " ", "<script>", "</style>", "-->", "<!--",
                "<svg onload=alert(1)>", '" onmouseover="x', "javascript:", "&amp;", "]]>", "\n",
            ]
        ),
        st.text(max_size=4),
    ),
    max_size=12,
).map("".join)  # fmt: skip

# -- journeys --------------------------------------------------------------------------------
journey_dates = st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2028, 12, 31))
factors = st.builds(Factor, journey_dates, st.sampled_from(list(FactorKind)), st.text(max_size=20))

# -- fuzzing the readers (tests/test_fuzz_*.py) ---------------------------------------------

#: Keys a file may hold by mistake: near misses of real keys, other cases, odd characters.
fuzz_keys = st.sampled_from(
    ["schema", "follow-up", "Scale", "current", "statements", "what", "id", "text", "", " ", "ä"]
) | st.text(max_size=12)

#: Every kind of scalar TOML or JSON can hold, with the edge cases readers trip over.
fuzz_scalars = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.sampled_from([0, -1, 1, 2, 5, 11, 12]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(["n/a", "N/A", "", "2026-11-26", "kiruna:x", "limited", "curiosity", "\x00"]),
    st.dates(),
    st.datetimes(timezones=st.none() | st.just(dt.UTC)),
)

#: Nested values: scalars, lists and tables of them.
fuzz_values = st.recursive(
    fuzz_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(fuzz_keys, inner, max_size=4),
    max_leaves=12,
)


def _thaw(value: object) -> object:
    """A deep, mutable copy of a parsed document."""
    if isinstance(value, dict):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_thaw(v) for v in value]
    return value


def _paths(value: object, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every key path inside *value*, the root (``()``) first."""
    found = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            found.extend(_paths(v, (*path, k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found.extend(_paths(v, (*path, i)))
    return found


def _at(value: object, path: tuple[str | int, ...]) -> object:
    for key in path:
        value = value[key]  # type: ignore[index]  # the path was taken from this very value
    return value


@st.composite
def mutated_documents(draw: st.DrawFn, base: dict[str, object]) -> dict[str, object]:
    """*base* with one to four changes: a value of another type, a value moved from elsewhere,
    a key dropped, a key or item added."""
    document = _thaw(base)
    assert isinstance(document, dict)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(_paths(document)))
        operation = draw(st.sampled_from(["replace", "move", "drop", "add"]))
        target = _at(document, path)
        if operation == "add" or not path:
            if isinstance(target, dict):
                target[draw(fuzz_keys)] = draw(fuzz_values)
            elif isinstance(target, list):
                target.append(draw(fuzz_values))
            continue
        parent = _at(document, path[:-1])
        assert isinstance(parent, dict | list)
        if operation == "drop":
            del parent[path[-1]]  # type: ignore[arg-type]  # the key came from this parent
        elif operation == "move":
            source = draw(st.sampled_from(_paths(document)))
            parent[path[-1]] = _thaw(_at(document, source))  # type: ignore[index]
        else:
            parent[path[-1]] = draw(fuzz_values)  # type: ignore[index]
    return document


#: Bytes that break TOML, JSON and CSV syntax when inserted anywhere.
_SYNTAX_BYTES = [b'"', b"'", b"[", b"]", b"{", b"}", b"=", b"\n", b",", b";", b"\xff", b"\x00"]


@st.composite
def mutated_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    """*data* with one to six byte-level changes: flips, insertions, deletions, repeats."""
    buffer = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        operation = draw(st.sampled_from(["flip", "insert", "delete", "repeat"]))
        at = draw(st.integers(0, len(buffer)))
        if operation == "flip" and at < len(buffer):
            buffer[at] ^= 1 << draw(st.integers(0, 7))
        elif operation == "insert":
            buffer[at:at] = draw(st.sampled_from(_SYNTAX_BYTES) | st.binary(min_size=1, max_size=8))
        elif operation == "delete":
            del buffer[at : at + draw(st.integers(1, 16))]
        else:
            buffer[at:at] = buffer[at : at + draw(st.integers(1, 32))]
    return bytes(buffer)


# -- responses and scoring (tests/test_responses.py, tests/test_scoring.py) --------------------

#: Every scale a response may use.
scales = st.integers(min_value=2, max_value=11)
#: The perspective ids as the files write them.
perspective_ids = st.sampled_from(["organisation", "individual"])


# The strategies a response is drawn from are built once per scale and kept: building them
# anew for every example cost more than drawing from them (the laws draw thousands of responses).
@functools.cache
def ratings(scale: int, na: bool = True) -> st.SearchStrategy[int | str]:
    """A given rating on a *scale*-point scale: mostly integers, sometimes ``"n/a"``."""
    numbers: st.SearchStrategy[int | str] = st.integers(min_value=1, max_value=scale)
    return numbers | st.just("n/a") if na else numbers


@functools.cache
def _cells(top: int) -> st.SearchStrategy[list[int]]:
    """The 18 cells of a ladder table as small integers (see ladder_tables)."""
    return st.lists(st.integers(0, top), min_size=18, max_size=18)


@functools.cache
def _answered_statements(
    statement_ids: tuple[str, ...], scale: int, na: bool
) -> st.SearchStrategy[dict[str, int | str]]:
    """Up to four answered statements of *statement_ids*."""
    return st.dictionaries(st.sampled_from(statement_ids), ratings(scale, na), max_size=4)


def _ladder_table(draw: st.DrawFn, scale: int, na: bool) -> dict[str, dict[str, object]]:
    # One draw of small integers for all 18 cells keeps generation cheap:
    # 0 is unanswered, scale + 1 is "n/a".
    cells = draw(_cells(scale + 1 if na else scale))
    table: dict[str, dict[str, object]] = {}
    for i, q in enumerate(("organisation", "individual")):
        row = cells[9 * i : 9 * i + 9]
        answered: dict[str, object] = {
            p: ("n/a" if r > scale else r) for p, r in zip(PRINCIPLE_IDS, row, strict=True) if r
        }
        if answered:
            table[q] = answered
    return table


@st.composite
def ladder_tables(draw: st.DrawFn, scale: int, na: bool = True) -> dict[str, dict[str, object]]:
    """``{perspective: {principle: rating}}`` with any cells answered."""
    return _ladder_table(draw, scale, na)


_respondents = st.none() | st.sampled_from(["r01", "r02", "Anna", "x" * 200])
_response_dates = st.none() | plan_dates


@st.composite
def responses(
    draw: st.DrawFn,
    statement_ids: Sequence[str] = (),
    scale: int | None = None,
    na: bool = True,
) -> object:
    """A valid response; statements are drawn from *statement_ids* (qualified ids)."""
    from innovationsresan.responses import Response

    k = draw(scales) if scale is None else scale
    statements = draw(_answered_statements(tuple(statement_ids), k, na)) if statement_ids else {}
    return Response(
        respondent=draw(_respondents),
        date=draw(_response_dates),
        scale=k,
        current=_ladder_table(draw, k, na),
        desired=_ladder_table(draw, k, na),
        statements=statements,
    )


def response_groups(
    statement_ids: Sequence[str] = (), min_size: int = 0, max_size: int = 8, na: bool = True
) -> st.SearchStrategy[list[object]]:
    """A group of responses, each on its own scale."""
    return st.lists(responses(statement_ids, na=na), min_size=min_size, max_size=max_size)


# -- content packs (tests/test_packs_*.py) ---------------------------------------------------

#: Pack metadata with texts in Swedish and English, as pack.toml holds it.
pack_infos = st.builds(
    PackInfo,
    id=slugs,
    name=localized_texts,
    version=st.from_regex(r"[0-9]{1,3}(\.[0-9]{1,3}){0,2}", fullmatch=True),
    municipality=names,
    languages=st.just(("sv", "en")),
    license=st.sampled_from(["", "CC-BY-4.0", "CC0-1.0"]),
    homepage=st.sampled_from(["", "https://example.org/pack"]),
    about=localized_texts,
)

#: A weight in (0, 1]: the usual 1 and 0.5, or anything else a pack may choose.
pack_weights = st.sampled_from([1.0, 0.5]) | st.floats(
    min_value=0.0, max_value=1.0, exclude_min=True, allow_nan=False
)


def pack_statements(pack: str = "p") -> st.SearchStrategy[Statement]:
    """A statement of *pack*."""
    return st.builds(
        Statement,
        id=slugs,
        pack=st.just(pack),
        level=levels,
        perspective=perspectives,
        principle=principle_ids,
        text=localized_texts,
    )


@st.composite
def pack_cards(draw: st.DrawFn, pack: str = "p") -> Card:
    """A card as a pack file holds it: every field, weights in ladder order, no links yet."""
    weights = draw(st.dictionaries(principle_ids, pack_weights, min_size=1, max_size=4))
    low = draw(st.integers(1, 20))
    return Card(
        id=draw(slugs),
        pack=pack,
        title=draw(localized_texts),
        summary=draw(localized_texts),
        principles=tuple((pid, weights[pid]) for pid in PRINCIPLE_IDS if pid in weights),
        steps=tuple(draw(st.lists(localized_texts, max_size=3))),
        minutes=draw(st.none() | st.integers(1, 600)),
        group_size=draw(st.none() | st.integers(0, 20).map(lambda extra: (low, low + extra))),
        materials=tuple(draw(st.lists(localized_texts, max_size=2))),
        phase=draw(st.none() | st.sampled_from(list(Phase))),
        source=draw(names),
    )


@st.composite
def pack_stories(draw: st.DrawFn, pack: str = "p") -> Story:
    """A story of *pack* showing one to three principles."""
    return Story(
        id=draw(slugs),
        pack=pack,
        title=draw(localized_texts),
        text=draw(localized_texts),
        principles=tuple(draw(st.lists(principle_ids, min_size=1, max_size=3, unique=True))),
        from_level=draw(st.none() | levels),
        to_level=draw(st.none() | levels),
        lesson=draw(st.just(LocalizedText()) | localized_texts),
    )


def level_descriptions(pack: str = "p") -> st.SearchStrategy[LevelDescription]:
    """A pack's description of a level, with or without a name of its own."""
    return st.builds(
        LevelDescription,
        level=levels,
        pack=st.just(pack),
        description=localized_texts,
        name=st.just(LocalizedText()) | localized_texts,
    )


def principle_descriptions(pack: str = "p") -> st.SearchStrategy[PrincipleDescription]:
    """A pack's description of a principle, with or without a name of its own."""
    return st.builds(
        PrincipleDescription,
        principle=principle_ids,
        pack=st.just(pack),
        description=localized_texts,
        name=st.just(LocalizedText()) | localized_texts,
    )


def pack_links(pack: str = "p") -> st.SearchStrategy[Link]:
    """A link from *pack* to a card of another pack (qualified) or of any pack (bare)."""
    return st.builds(
        Link,
        pack=st.just(pack),
        card=st.builds(lambda other, card: f"{other}:{card}", slugs, slugs) | slugs,
        principle=principle_ids,
        weight=pack_weights,
    )


@st.composite
def pack_contents(draw: st.DrawFn) -> dict[str, Any]:
    """A whole pack: ``info`` and lists of ``statements``, ``cards``, ``stories``, ``links``.

    Ids are unique within each kind, as a valid pack needs.
    """
    info = draw(pack_infos)
    by_id = lambda item: item.id  # noqa: E731 - a key for three lists below
    return {
        "info": info,
        "statements": draw(st.lists(pack_statements(info.id), max_size=4, unique_by=by_id)),
        "cards": draw(st.lists(pack_cards(info.id), max_size=4, unique_by=by_id)),
        "stories": draw(st.lists(pack_stories(info.id), max_size=3, unique_by=by_id)),
        "links": draw(st.lists(pack_links(info.id), max_size=3)),
    }


#: Values a TOML or JSON plan document could hold anywhere, hostile ones included.
_plan_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(["2026-11-26", "2027-02-15T09:00:00", "Europe/Stockholm", "n/a", "done"])
    | st.dates()
    | st.datetimes()
    | st.datetimes(timezones=st.just(dt.UTC))
)
_plan_keys = st.sampled_from(
    [
        "schema", "title", "team", "created", "timezone", "follow_up", "actions", "at",
        "duration_minutes", "where", "what", "how", "when", "who", "cards", "principles",
        "status", "start", "end", "follow-up",
    ]
)  # fmt: skip
plan_values = st.recursive(
    _plan_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_plan_keys, inner, max_size=4),
    max_leaves=12,
)
#: Whole documents: a valid skeleton with any of its parts replaced by anything.
plan_documents = st.fixed_dictionaries(
    {"schema": st.just("innovationsresan.plan/1"), "created": st.just("2026-11-26")},
    optional={
        "title": plan_values,
        "timezone": plan_values,
        "follow_up": plan_values,
        "actions": st.lists(st.dictionaries(_plan_keys, plan_values, max_size=6), max_size=3)
        | plan_values,
    },
) | st.dictionaries(_plan_keys, plan_values, max_size=6)
