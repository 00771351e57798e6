"""The rope ladder drawn upright as SVG: the limited level below, the innovative level above.

The vertical scale runs from 0 ("Byråkrati med begränsad innovation") at the bottom to 1
("Innovativ byråkrati") at the top, with the bands of the placement (see docs/scoring.md)
shaded across the drawing and the levels named on the left. The nine principles stand side by
side in ladder order, each as a short rope ladder of its own: its left rope carries the
organisation's marks, its right rope the individual's, so the two perspectives of one principle
are read together, framed with the principle's name below them. Every position is a height:
the higher a mark, the closer to the innovative level.

On each rope the spread of the answers is drawn (a line from the lowest to the highest score and
a band of one standard deviation either side of the mean), the current mean as a filled mark and
the desired mean as an open, dashed one, with an arrow between them. Perspectives differ by shape
(circle, square) *and* by letter (O, I), never by colour alone, so a grey print reads the same.

A result without any defined figure (no respondents yet, as on the workshop screen before the
first answer) is drawn as the empty ladder.

Fixed points for scripts: each principle's group has ``data-principle``, the two levels have
``data-level="limited"`` and ``data-level="innovative"``, each mark has ``data-perspective``
(``organisation`` or ``individual``), ``data-kind`` (``current`` or ``desired``) and
``data-value`` (the exact position).

The drawing is built as text: every value that is not a number passes through :func:`escape`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

import attrs

from innovationsresan import ladder
from innovationsresan.report._format import Words
from innovationsresan.report.palette import PALETTE, Palette

if TYPE_CHECKING:
    from innovationsresan.model import LocalizedText
    from innovationsresan.scoring import GroupResult, PrincipleResult, Stats

WIDTH = 820
LABEL_WIDTH = 100  # the level names on the left end before this x
PLOT_LEFT = 108  # x where the first principle's column starts
PLOT_RIGHT = 816  # x where the last principle's column ends
SCALE_TOP = 30  # y of position 1 (innovative bureaucracy)
SCALE_BOTTOM = 330  # y of position 0 (bureaucracy with limited innovation)
ROPE_OFFSET = 15  # each rope's distance from its column's centre
ROPE_OVERHANG = 12  # the ropes reach this far beyond the scale
MARK_RADIUS = 9
NAME_FONT = 10.5
NAME_LINE = 13
NAME_CHARS = 12  # characters per line of a principle's name (bold, in a column ~78 wide)
NAME_LINES = 4  # at most this many lines of a principle's name

#: (perspective, letter on the mark, shape, which rope: -1 left, +1 right)
TRACKS = (("organisation", "O", "circle", -1), ("individual", "I", "square", 1))

#: Where the long words of the principles' names may break (the names are the model's own).
_BREAKS = {
    "Osäkerhetstolerans": ("Osäkerhets-", "tolerans"),
    "Problemförståelse": ("Problem-", "förståelse"),
    "misslyckanden": ("misslyck-", "anden"),
    "Understanding": ("Under-", "standing"),
    "Collaboration": ("Collabo-", "ration"),
    "perspectives": ("perspec-", "tives"),
}


def escape(value: object) -> str:
    """Text made safe for SVG/HTML content and attribute values (quotes included).

    The same characters as :func:`html.escape` with ``quote=True``, without importing
    :mod:`html`, whose table of named character references costs more than drawing a ladder.
    """
    return (
        str(value)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


def _y(value: float) -> float:
    """The height of position *value*: 1 at the top of the scale, 0 at its bottom."""
    clamped = min(1.0, max(0.0, value))
    return SCALE_BOTTOM - clamped * (SCALE_BOTTOM - SCALE_TOP)


def column_centre(index: int, columns: int = len(ladder.PRINCIPLES)) -> float:
    """The x of the centre of the *index*-th principle's column."""
    width = (PLOT_RIGHT - PLOT_LEFT) / max(1, columns)
    return PLOT_LEFT + (index + 0.5) * width


def _f(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def wrap(text: str, width: int) -> list[str]:
    """Split *text* at spaces into lines of at most *width* characters (longer words stay whole)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def name_lines(name: str, width: int = NAME_CHARS) -> list[str]:
    """A principle's name in lines of about *width* characters for its narrow column.

    Words longer than a line break where the name's language allows (known long words of the
    principles' names), else after *width* − 1 characters with a hyphen.
    """
    words: list[str] = []
    for word in name.split():
        if len(word) <= width:
            words.append(word)
        elif word in _BREAKS:
            words.extend(_BREAKS[word])
        else:
            rest = word
            while len(rest) > width:
                words.append(rest[: width - 1] + "-")
                rest = rest[width - 1 :]
            words.append(rest)
    lines: list[str] = []
    for word in words:
        if lines and not lines[-1].endswith("-") and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def height() -> int:
    """The drawing's height: the scale, and the principles' names below it."""
    return SCALE_BOTTOM + ROPE_OVERHANG + 14 + NAME_LINES * NAME_LINE + 8


def ladder_svg(
    result: GroupResult,
    *,
    lang: str = "sv",
    palette: Palette = PALETTE,
    id_prefix: str = "ladder",
    names: Mapping[str, LocalizedText] | None = None,
) -> str:
    """The upright rope ladder of *result* as an ``<svg>`` element (text) for inline use in HTML.

    *names* maps level and principle ids to the names to draw (the packs' own, see
    :meth:`~innovationsresan.catalog.Catalog.levels`); an id not in it gets the library's name.

    Its accessible name comes from ``<title>`` and ``aria-label``; ``<desc>`` lists every
    principle's figures, which the report also shows in tables. A result with no defined figure
    (for instance no respondents) gives the empty ladder without marks.
    """
    words = Words(lang)
    named = _Names(names or {})
    prefix = escape(id_prefix)
    h = height()
    low, high = (_lowered(named.level(words, level)) for level in ("limited", "innovative"))
    title = words.t(
        f"Repstegen: gruppens nuläge och önskade läge för varje princip, från {low} "
        f"längst ned till {high} högst upp",
        f"The rope ladder: the group's current and desired state for each principle, from "
        f"{low} at the bottom to {high} at the top",
    )
    answered = any(
        pr.stats(q).mean is not None or pr.stats(q).desired is not None
        for pr in result.principles
        for q in ("organisation", "individual")
    )
    if answered:
        description = " ".join(_rung_summary(pr, words, named) for pr in result.principles)
    else:
        description = words.t(
            "Inga svar ännu: stegen är tom.", "No answers yet: the ladder is empty."
        )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ladder" viewBox="0 0 {WIDTH} {h}" '
        f'width="{WIDTH}" height="{h}" role="img" '
        f'aria-label="{escape(title)}" aria-describedby="{prefix}-desc" '
        f'font-family="inherit">',
        f'<title id="{prefix}-title">{escape(title)}</title>',
        f'<desc id="{prefix}-desc">{escape(description)}</desc>',
    ]
    parts.extend(_zones(result, words, palette, named))
    parts.append('<g class="rungs">')
    columns = len(result.principles)
    for index, principle_result in enumerate(result.principles):
        column = _Column(index, column_centre(index, columns), columns)
        parts.extend(_principle(column, principle_result, words, palette, named, answered=answered))
    parts.append("</g>")
    parts.append("</svg>")
    return "\n".join(parts)


@attrs.frozen
class _Names:
    """The names to draw: those given for a level or principle id, else the library's."""

    given: Mapping[str, LocalizedText]

    def level(self, words: Words, key: str) -> str:
        given = self.given.get(key)
        return words.text(given if given else ladder.LEVEL_NAMES[key])

    def principle(self, words: Words, pid: str) -> str:
        given = self.given.get(pid)
        return words.text(given if given else ladder.principle(pid).name)


def _lowered(name: str) -> str:
    """A name inside a sentence: "Innovativ byråkrati" → "innovativ byråkrati"."""
    return name[:1].lower() + name[1:]


def _zones(result: GroupResult, words: Words, palette: Palette, named: _Names) -> Iterator[str]:
    lo, hi = result.bands.lo, result.bands.hi
    zones = (
        ("limited", 0.0, lo, palette.zone_limited),
        ("both", lo, hi, palette.zone_both),
        ("innovative", hi, 1.0, palette.zone_innovative),
    )
    yield '<g class="zones">'
    for name, start, end, fill in zones:
        top, bottom = _y(end), _y(start)
        # the levels reach to the ends of the ropes; the middle band is only the band
        if name == "innovative":
            top -= ROPE_OVERHANG
        if name == "limited":
            bottom += ROPE_OVERHANG
        hook = f'data-level="{name}"' if name != "both" else 'data-band="both"'
        yield f'<g class="level level-{name}" {hook}>'
        yield (
            f'<rect class="zone zone-{name}" data-zone="{name}" x="0" y="{_f(top)}" '
            f'width="{PLOT_RIGHT}" height="{_f(max(0.0, bottom - top))}" fill="{fill}"/>'
        )
        yield from _zone_label(name, top, bottom, named.level(words, name), palette)
        yield "</g>"
    for value in sorted({0.0, lo, hi, 1.0}):
        y = _y(value)
        yield (
            f'<line class="band-limit" x1="{LABEL_WIDTH}" y1="{_f(y)}" x2="{PLOT_RIGHT}" '
            f'y2="{_f(y)}" stroke="{palette.rule}" stroke-width="1" stroke-dasharray="4 4"/>'
        )
        yield (
            f'<text class="tick" x="{PLOT_LEFT - 2}" y="{_f(y - 3)}" text-anchor="end" '
            f'font-size="11" fill="{palette.muted}">{escape(words.number(value, 1))}</text>'
        )
    yield "</g>"


def _zone_label(name: str, top: float, bottom: float, text: str, palette: Palette) -> Iterator[str]:
    lines = wrap(text, 11)[:4]
    line_height = 14
    block = line_height * len(lines)
    if bottom - top < block:
        if name == "both":
            return  # a middle band too narrow to name; the placement texts name it
        lines = lines[: max(1, int((bottom - top) // line_height))]
        block = line_height * len(lines)
    if name == "innovative":
        first = top + 15
    elif name == "limited":
        first = bottom - block + 10
    else:
        first = (top + bottom) / 2 - block / 2 + 11
    weight = ' font-weight="bold"' if name != "both" else ""
    yield (
        f'<text class="level-name" x="6" y="{_f(first)}" font-size="12"{weight} '
        f'fill="{palette.ink}">'
        + "".join(
            f'<tspan x="6" dy="{0 if i == 0 else line_height}">{escape(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        + "</text>"
    )


@attrs.frozen
class _Column:
    """Where one principle is drawn."""

    index: int
    centre: float
    columns: int

    @property
    def half_width(self) -> float:
        return (PLOT_RIGHT - PLOT_LEFT) / max(1, self.columns) / 2 - 3


def _principle(
    column: _Column,
    result: PrincipleResult,
    words: Words,
    palette: Palette,
    named: _Names,
    *,
    answered: bool,
) -> Iterator[str]:
    cx = column.centre
    yield (
        f'<g class="rung principle" data-principle="{escape(result.id)}" '
        f'data-rung="{column.index}">'
        f"<title>{escape(_rung_summary(result, words, named))}</title>"
    )
    # the frame that keeps a principle's ropes, marks and name together
    left, top = cx - column.half_width, SCALE_TOP - ROPE_OVERHANG - 6
    yield (
        f'<rect class="frame" x="{_f(left)}" y="{top}" width="{_f(2 * column.half_width)}" '
        f'height="{height() - top - 2}" rx="6" fill="none" stroke="{palette.rule}" '
        f'stroke-width="1"/>'
    )
    yield from _ropes(cx, palette)
    lines = name_lines(named.principle(words, result.id))[:NAME_LINES]
    name_top = SCALE_BOTTOM + ROPE_OVERHANG + 16
    yield (
        f'<text class="principle-name" x="{_f(cx)}" y="{name_top}" text-anchor="middle" '
        f'font-size="{NAME_FONT}" font-weight="bold" fill="{palette.ink}">'
        + "".join(
            f'<tspan x="{_f(cx)}" dy="{0 if i == 0 else NAME_LINE}">{escape(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        + "</text>"
    )
    for perspective, letter, shape, side in TRACKS:
        organisation = perspective == "organisation"
        track = _Track(
            perspective=perspective,
            letter=letter,
            shape=shape,
            x=cx + side * ROPE_OFFSET,
            colour=palette.organisation if organisation else palette.individual,
            band=palette.organisation_band if organisation else palette.individual_band,
        )
        yield from _track(result.stats(perspective), track, words, palette, answered=answered)
    yield "</g>"


def _ropes(cx: float, palette: Palette) -> Iterator[str]:
    top, bottom = SCALE_TOP - ROPE_OVERHANG, SCALE_BOTTOM + ROPE_OVERHANG
    yield '<g class="ropes" aria-hidden="true">'
    left, right = cx - ROPE_OFFSET, cx + ROPE_OFFSET
    # a rung every tenth of the scale, a stronger one at 0, ½ and 1
    for step in range(11):
        y = _y(step / 10)
        strong = step in (0, 5, 10)
        yield (
            f'<line x1="{_f(left)}" y1="{_f(y)}" x2="{_f(right)}" y2="{_f(y)}" '
            f'stroke="{palette.rung}" stroke-width="{3 if strong else 1.5}" '
            f'stroke-linecap="round"/>'
        )
    for x in (left, right):
        yield (
            f'<line x1="{_f(x)}" y1="{top}" x2="{_f(x)}" y2="{bottom}" stroke="{palette.rope}" '
            f'stroke-width="3" stroke-linecap="round"/>'
        )
        # the twist of the rope: short light strokes along the dark line
        yield (
            f'<line x1="{_f(x)}" y1="{top}" x2="{_f(x)}" y2="{bottom}" stroke="{palette.paper}" '
            f'stroke-width="1" stroke-dasharray="2 6" stroke-opacity="0.7"/>'
        )
    yield "</g>"


@attrs.frozen
class _Track:
    """Where and how one perspective is drawn on one principle's ladder."""

    perspective: str
    letter: str
    shape: str
    x: float
    colour: str
    band: str


def _track(
    stats: Stats, track: _Track, words: Words, palette: Palette, *, answered: bool
) -> Iterator[str]:
    x, colour = track.x, track.colour
    if stats.mean is None:
        if answered:
            # said on the rope itself, turned to run along it
            y = _y(0.5)
            yield (
                f'<text class="no-answers" data-perspective="{track.perspective}" '
                f'x="{_f(x)}" y="{_f(y)}" transform="rotate(-90 {_f(x)} {_f(y)})" '
                f'text-anchor="middle" dy="4" font-size="11" fill="{palette.ink}" '
                f'stroke="{palette.paper}" stroke-width="4" paint-order="stroke">'
                f"{escape(track.letter)}: {escape(words.t('inga svar', 'no answers'))}</text>"
            )
    else:
        if stats.sd is not None:
            top, bottom = _y(stats.mean + stats.sd), _y(stats.mean - stats.sd)
            yield (
                f'<rect class="spread-sd" data-perspective="{track.perspective}" '
                f'x="{_f(x - 5)}" y="{_f(top)}" width="10" height="{_f(max(0.0, bottom - top))}" '
                f'fill="{track.band}" stroke="{colour}" stroke-width="0.75"/>'
            )
        if stats.min is not None and stats.max is not None:
            high, low = _y(stats.max), _y(stats.min)
            yield (
                f'<g class="spread-range" data-perspective="{track.perspective}" '
                f'stroke="{colour}" stroke-width="1.5">'
                f'<line x1="{_f(x)}" y1="{_f(low)}" x2="{_f(x)}" y2="{_f(high)}"/>'
                f'<line x1="{_f(x - 6)}" y1="{_f(low)}" x2="{_f(x + 6)}" y2="{_f(low)}"/>'
                f'<line x1="{_f(x - 6)}" y1="{_f(high)}" x2="{_f(x + 6)}" y2="{_f(high)}"/>'
                "</g>"
            )
    if stats.desired is not None:
        apart = (
            stats.mean is not None and abs(_y(stats.desired) - _y(stats.mean)) > 2 * MARK_RADIUS + 4
        )
        if stats.mean is not None and apart:
            yield _arrow(_y(stats.mean), _y(stats.desired), x, colour)
        yield _mark(stats.desired, "desired", track, palette)
    if stats.mean is not None:
        yield _mark(stats.mean, "current", track, palette)


def _arrow(start: float, end: float, x: float, colour: str) -> str:
    """A dashed arrow on the rope from height *start* to height *end* (y coordinates)."""
    direction = 1 if end > start else -1
    tail = start + direction * (MARK_RADIUS + 2)
    tip = end - direction * (MARK_RADIUS + 2)
    head = tip - direction * 7
    return (
        f'<g class="gap-arrow" stroke="{colour}" fill="{colour}">'
        f'<line x1="{_f(x)}" y1="{_f(tail)}" x2="{_f(x)}" y2="{_f(head)}" stroke-width="2" '
        f'stroke-dasharray="5 3"/>'
        f'<path d="M{_f(x)},{_f(tip)} L{_f(x - 5)},{_f(head)} L{_f(x + 5)},{_f(head)} Z" '
        f'stroke="none"/>'
        "</g>"
    )


def _mark(value: float, kind: str, track: _Track, palette: Palette) -> str:
    x, y, colour = track.x, _y(value), track.colour
    filled = kind == "current"
    fill = colour if filled else palette.paper
    text_colour = palette.paper if filled else colour
    r = MARK_RADIUS
    attributes = f'fill="{fill}" stroke="{colour}" stroke-width="2"'
    if not filled:
        attributes += ' stroke-dasharray="3 2"'
    if track.shape == "circle":
        outline = f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{r}" {attributes}/>'
    else:
        outline = (
            f'<rect x="{_f(x - r)}" y="{_f(y - r)}" width="{2 * r}" height="{2 * r}" {attributes}/>'
        )
    return (
        f'<g class="marker {kind} {track.perspective}" data-kind="{kind}" '
        f'data-perspective="{track.perspective}" data-value="{value!r}">'
        f"{outline}"
        f'<text x="{_f(x)}" y="{_f(y + 4)}" text-anchor="middle" font-size="11" '
        f'font-weight="bold" fill="{text_colour}">{escape(track.letter)}</text>'
        "</g>"
    )


def _rung_summary(result: PrincipleResult, words: Words, named: _Names) -> str:
    name = named.principle(words, result.id)
    parts = []
    for perspective, _, _, _ in TRACKS:
        stats: Stats = result.stats(perspective)
        who = words.text(ladder.PERSPECTIVE_NAMES[perspective]).lower()
        if stats.mean is None:
            figures = words.t("inga svar", "no answers")
        else:
            figures = words.t(
                f"nu {words.number(stats.mean)} (spridning {words.number(stats.min)}"
                f"–{words.number(stats.max)})",
                f"now {words.number(stats.mean)} (range {words.number(stats.min)}"
                f"–{words.number(stats.max)})",
            )
        if stats.desired is not None:
            figures += words.t(
                f", önskat {words.number(stats.desired)}",
                f", desired {words.number(stats.desired)}",
            )
        parts.append(f"{who}: {figures}")
    return f"{name} — " + "; ".join(parts) + "."
