"""Every Hypothesis strategy of the test suite, one per model type, in one place."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Sequence

from hypothesis import strategies as st

from innovationsresan.followup import Factor, FactorKind
from innovationsresan.ladder import PRINCIPLE_IDS
from innovationsresan.model import Card, Level, LocalizedText, Perspective
from innovationsresan.plans import STATUSES, Action, ActionPlan, DateRange, FollowUp

slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{0,15}", fullmatch=True)
principle_ids = st.sampled_from(PRINCIPLE_IDS)
levels = st.sampled_from(list(Level))
perspectives = st.sampled_from(list(Perspective))
texts = st.text(min_size=1, max_size=40).filter(str.strip)
localized_texts = st.builds(lambda sv, en: LocalizedText.of(sv, en), texts, texts)

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


@st.composite
def cards(draw: st.DrawFn, pack: str | None = None, ident: str | None = None) -> Card:
    """A card with up to four weighted principles and optional minutes and group size."""
    weights = draw(st.dictionaries(principle_ids, card_weights, max_size=4))
    group = draw(st.none() | st.tuples(st.integers(1, 6), st.integers(0, 10)))
    return Card(
        id=ident if ident is not None else draw(card_slugs),
        pack=pack if pack is not None else draw(st.sampled_from(["p", "q"])),
        title=draw(card_titles),
        summary=LocalizedText.of("Så här gör ni.", "This is how."),
        principles=tuple((pid, weights[pid]) for pid in PRINCIPLE_IDS if pid in weights),
        minutes=draw(st.none() | st.integers(5, 120)),
        group_size=None if group is None else (group[0], group[0] + group[1]),
    )


@st.composite
def decks(draw: st.DrawFn, min_size: int = 0, max_size: int = 12) -> list[Card]:
    """Cards with distinct qualified ids, spread over two packs (so bare ids may repeat)."""
    keys = draw(
        st.lists(
            st.tuples(st.sampled_from(["p", "q"]), card_slugs),
            min_size=min_size,
            max_size=max_size,
            unique=True,
        )
    )
    return [draw(cards(pack=pack, ident=ident)) for pack, ident in keys]


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

# -- fuzzing the readers (tests/test_fuzz.py) --------------------------------------------------

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
