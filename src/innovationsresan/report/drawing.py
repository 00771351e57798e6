"""The rope ladder drawn as SVG: nine rungs in ladder order, the group's marks on each.

Each rung is a scale from 0 (bureaucracy with limited innovation) on the left to 1 (innovative
bureaucracy) on the right, with the bands of DESIGN.md §7 shaded and named behind it.
On every rung the organisation's track lies above the plank and the individual's below it.
A track shows the spread (a line from the lowest to the highest score and a band of one standard
deviation either side of the mean), the current mean as a filled mark and the desired mean as
an open one, with an arrow between them.
Perspectives differ by shape (circle, square) *and* by letter (O, I), never by colour alone.

The drawing is built as text: every value that is not a number passes through :func:`escape`.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from innovationsresan import ladder
from innovationsresan.report._format import Words
from innovationsresan.report.palette import PALETTE, Palette

if TYPE_CHECKING:
    from innovationsresan.scoring import GroupResult, PrincipleResult, Stats

WIDTH = 820
LABEL_RIGHT = 262  # the principle names end here
SCALE_LEFT = 300  # x of score 0
SCALE_RIGHT = 780  # x of score 1
TOP = 86  # y of the first rung's top track
RUNG_STEP = 74
TRACK_OFFSET = 17
MARK_RADIUS = 9
ROPE_OVERHANG = 18

#: (perspective, letter on the mark, shape)
TRACKS = (("organisation", "O", "circle"), ("individual", "I", "square"))


def escape(value: object) -> str:
    """Text made safe for SVG/HTML content and attribute values (quotes included)."""
    return html.escape(str(value), quote=True)


def _x(value: float) -> float:
    clamped = min(1.0, max(0.0, value))
    return SCALE_LEFT + clamped * (SCALE_RIGHT - SCALE_LEFT)


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


def height(rungs: int = len(ladder.PRINCIPLES)) -> int:
    """The drawing's height for this many rungs."""
    return TOP + (rungs - 1) * RUNG_STEP + 2 * TRACK_OFFSET + 58


def ladder_svg(
    result: GroupResult,
    *,
    lang: str = "sv",
    palette: Palette = PALETTE,
    id_prefix: str = "ladder",
) -> str:
    """The rope ladder of *result* as an ``<svg>`` element (text) for inline use in HTML.

    Its accessible name comes from ``<title>`` and ``aria-label``; ``<desc>`` lists every
    principle's figures, which the report also shows in a table.
    """
    words = Words(lang)
    prefix = escape(id_prefix)
    h = height(len(result.principles))
    title = words.t(
        "Repstegen: gruppens nuläge och önskade läge för varje princip",
        "The rope ladder: the group's current and desired state for each principle",
    )
    description = " ".join(_rung_summary(pr, words) for pr in result.principles)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ladder" viewBox="0 0 {WIDTH} {h}" '
        f'width="{WIDTH}" height="{h}" role="img" '
        f'aria-label="{escape(title)}" aria-describedby="{prefix}-desc" '
        f'font-family="inherit">',
        f'<title id="{prefix}-title">{escape(title)}</title>',
        f'<desc id="{prefix}-desc">{escape(description)}</desc>',
    ]
    parts.extend(_zones(result, words, palette, h))
    parts.extend(_ropes(palette, len(result.principles)))
    parts.append('<g class="rungs">')
    for index, principle_result in enumerate(result.principles):
        parts.extend(_rung(index, principle_result, words, palette))
    parts.append("</g>")
    parts.append("</svg>")
    return "\n".join(parts)


def _zones(result: GroupResult, words: Words, palette: Palette, h: int) -> Iterator[str]:
    lo, hi = result.bands.lo, result.bands.hi
    top, bottom = 8, h - 30
    zones = (
        ("limited", 0.0, lo, palette.zone_limited),
        ("both", lo, hi, palette.zone_both),
        ("innovative", hi, 1.0, palette.zone_innovative),
    )
    yield '<g class="zones">'
    for name, start, end, fill in zones:
        x0, x1 = _x(start), _x(end)
        yield (
            f'<rect class="zone zone-{name}" data-zone="{name}" x="{_f(x0)}" y="{top}" '
            f'width="{_f(max(0.0, x1 - x0))}" height="{bottom - top}" fill="{fill}"/>'
        )
        label = words.text(ladder.LEVEL_NAMES[name])
        width_chars = max(8, int((x1 - x0) / 7.2))
        lines = wrap(label, width_chars)[:3]
        yield (
            f'<text x="{_f((x0 + x1) / 2)}" y="{top + 16}" text-anchor="middle" font-size="12" '
            f'fill="{palette.ink}">'
            + "".join(
                f'<tspan x="{_f((x0 + x1) / 2)}" dy="{0 if i == 0 else 14}">{escape(line)}</tspan>'
                for i, line in enumerate(lines)
            )
            + "</text>"
        )
    for value in sorted({0.0, lo, hi, 1.0}):
        x = _x(value)
        yield (
            f'<line x1="{_f(x)}" y1="{top + 50}" x2="{_f(x)}" y2="{bottom}" '
            f'stroke="{palette.rule}" stroke-width="1" stroke-dasharray="4 4"/>'
        )
        yield (
            f'<text x="{_f(x)}" y="{bottom + 18}" text-anchor="middle" font-size="12" '
            f'fill="{palette.muted}">{escape(words.number(value, 1))}</text>'
        )
    yield "</g>"


def _ropes(palette: Palette, rungs: int) -> Iterator[str]:
    top = TOP - TRACK_OFFSET - 14
    bottom = TOP + (rungs - 1) * RUNG_STEP + TRACK_OFFSET + 24
    yield '<g class="ropes" aria-hidden="true">'
    for x in (SCALE_LEFT - ROPE_OVERHANG, SCALE_RIGHT + ROPE_OVERHANG):
        yield (
            f'<line x1="{x}" y1="{top}" x2="{x}" y2="{bottom}" stroke="{palette.rope}" '
            f'stroke-width="5" stroke-linecap="round"/>'
        )
        # the twist of the rope: short light strokes across the dark line
        yield (
            f'<line x1="{x}" y1="{top}" x2="{x}" y2="{bottom}" stroke="{palette.paper}" '
            f'stroke-width="1.5" stroke-dasharray="2 6" stroke-opacity="0.7"/>'
        )
    yield "</g>"


def _rung(index: int, result: PrincipleResult, words: Words, palette: Palette) -> Iterator[str]:
    principle = ladder.principle(result.id)
    y = TOP + TRACK_OFFSET + index * RUNG_STEP
    name = words.text(principle.name)
    yield (
        f'<g class="rung" data-principle="{escape(result.id)}" data-rung="{index}">'
        f"<title>{escape(_rung_summary(result, words))}</title>"
    )
    lines = wrap(name, 26)
    first_dy = -7 * (len(lines) - 1) + 5
    yield (
        f'<text class="principle-name" x="{LABEL_RIGHT}" y="{y}" text-anchor="end" '
        f'font-size="14" font-weight="bold" fill="{palette.ink}">'
        + "".join(
            f'<tspan x="{LABEL_RIGHT}" dy="{first_dy if i == 0 else 15}">{escape(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        + "</text>"
    )
    left, right = SCALE_LEFT - ROPE_OVERHANG, SCALE_RIGHT + ROPE_OVERHANG
    yield (
        f'<rect class="plank" x="{left}" y="{y - 3}" width="{right - left}" height="6" rx="3" '
        f'fill="{palette.rung}"/>'
    )
    for perspective, letter, shape in TRACKS:
        organisation = perspective == "organisation"
        track = _Track(
            perspective=perspective,
            letter=letter,
            shape=shape,
            y=y - TRACK_OFFSET if organisation else y + TRACK_OFFSET,
            colour=palette.organisation if organisation else palette.individual,
            band=palette.organisation_band if organisation else palette.individual_band,
        )
        yield from _track(getattr(result, perspective), track, words, palette)
    yield "</g>"


@attrs.frozen
class _Track:
    """Where and how one perspective is drawn on one rung."""

    perspective: str
    letter: str
    shape: str
    y: float
    colour: str
    band: str


def _track(stats: Stats, track: _Track, words: Words, palette: Palette) -> Iterator[str]:
    y, colour = track.y, track.colour
    if stats.mean is None:
        yield (
            f'<text class="no-answers" data-perspective="{track.perspective}" '
            f'x="{SCALE_LEFT + 6}" y="{_f(y + 4)}" font-size="12" fill="{palette.muted}">'
            f"{escape(track.letter)}: {escape(words.t('inga svar', 'no answers'))}</text>"
        )
    else:
        if stats.sd is not None:
            x0, x1 = _x(stats.mean - stats.sd), _x(stats.mean + stats.sd)
            yield (
                f'<rect class="spread-sd" data-perspective="{track.perspective}" x="{_f(x0)}" '
                f'y="{_f(y - 5)}" width="{_f(max(0.0, x1 - x0))}" height="10" '
                f'fill="{track.band}" stroke="{colour}" stroke-width="0.75"/>'
            )
        if stats.min is not None and stats.max is not None:
            x0, x1 = _x(stats.min), _x(stats.max)
            yield (
                f'<g class="spread-range" data-perspective="{track.perspective}" '
                f'stroke="{colour}" stroke-width="1.5">'
                f'<line x1="{_f(x0)}" y1="{_f(y)}" x2="{_f(x1)}" y2="{_f(y)}"/>'
                f'<line x1="{_f(x0)}" y1="{_f(y - 6)}" x2="{_f(x0)}" y2="{_f(y + 6)}"/>'
                f'<line x1="{_f(x1)}" y1="{_f(y - 6)}" x2="{_f(x1)}" y2="{_f(y + 6)}"/>'
                "</g>"
            )
    if stats.desired is not None:
        apart = (
            stats.mean is not None and abs(_x(stats.desired) - _x(stats.mean)) > 2 * MARK_RADIUS + 4
        )
        if stats.mean is not None and apart:
            yield _arrow(_x(stats.mean), _x(stats.desired), y, colour)
        yield _mark(stats.desired, "desired", track, palette)
    if stats.mean is not None:
        yield _mark(stats.mean, "current", track, palette)


def _arrow(start: float, end: float, y: float, colour: str) -> str:
    direction = 1 if end > start else -1
    tail = start + direction * (MARK_RADIUS + 2)
    tip = end - direction * (MARK_RADIUS + 2)
    head = tip - direction * 7
    return (
        f'<g class="gap-arrow" stroke="{colour}" fill="{colour}">'
        f'<line x1="{_f(tail)}" y1="{_f(y)}" x2="{_f(head)}" y2="{_f(y)}" stroke-width="2" '
        f'stroke-dasharray="5 3"/>'
        f'<path d="M{_f(tip)},{_f(y)} L{_f(head)},{_f(y - 5)} L{_f(head)},{_f(y + 5)} Z" '
        f'stroke="none"/>'
        "</g>"
    )


def _mark(value: float, kind: str, track: _Track, palette: Palette) -> str:
    x, y, colour = _x(value), track.y, track.colour
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


def _rung_summary(result: PrincipleResult, words: Words) -> str:
    name = words.text(ladder.principle(result.id).name)
    parts = []
    for perspective, _, _ in TRACKS:
        stats: Stats = getattr(result, perspective)
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
