"""The report's colours in one place, with the contrast arithmetic of WCAG 2.1.

The stylesheet and the ladder drawing both take their colours from :data:`PALETTE`, so the tests
can prove every pairing of text and background reaches the contrast the report promises.
Colour never carries meaning on its own: shapes, letters and words do,
so a grey print reads the same.
"""

from __future__ import annotations

import attrs

#: WCAG 2.1 AA: normal text needs 4.5:1 against its background.
TEXT_CONTRAST = 4.5

#: WCAG 2.1 AA (1.4.11): lines and shapes that carry information need 3:1.
GRAPHIC_CONTRAST = 3.0


@attrs.frozen
class Palette:
    """Colours as ``#rrggbb``; the names say what each is for, not what it looks like."""

    paper: str = "#ffffff"
    ink: str = "#1b1b1b"
    muted: str = "#4a4a4a"
    rule: str = "#767676"
    link: str = "#17457a"
    organisation: str = "#17457a"
    organisation_band: str = "#c7d6ea"
    individual: str = "#8a3a00"
    individual_band: str = "#f0d3bd"
    rope: str = "#5c4026"
    rung: str = "#7b5634"
    zone_limited: str = "#eeeeee"
    zone_both: str = "#f7f7f7"
    zone_innovative: str = "#e6edf5"
    table_stripe: str = "#f3f3f3"
    note_background: str = "#fff4d6"
    note_border: str = "#7a5a00"
    error: str = "#a1001a"
    error_background: str = "#fdecee"
    warning: str = "#6b4700"
    warning_background: str = "#fff4d6"

    def text_pairs(self) -> tuple[tuple[str, str, str], ...]:
        """Every (name, foreground, background) pairing the report uses for text."""
        return (
            ("ink on paper", self.ink, self.paper),
            ("muted on paper", self.muted, self.paper),
            ("link on paper", self.link, self.paper),
            ("ink on stripe", self.ink, self.table_stripe),
            ("muted on stripe", self.muted, self.table_stripe),
            ("ink on note", self.ink, self.note_background),
            ("organisation on paper", self.organisation, self.paper),
            ("individual on paper", self.individual, self.paper),
            ("paper on organisation", self.paper, self.organisation),
            ("paper on individual", self.paper, self.individual),
            ("muted on limited zone", self.muted, self.zone_limited),
            ("muted on both zone", self.muted, self.zone_both),
            ("muted on innovative zone", self.muted, self.zone_innovative),
            ("ink on limited zone", self.ink, self.zone_limited),
            ("ink on innovative zone", self.ink, self.zone_innovative),
            ("error on error background", self.error, self.error_background),
            ("warning on warning background", self.warning, self.warning_background),
            ("error on paper", self.error, self.paper),
            ("warning on paper", self.warning, self.paper),
        )

    def graphic_pairs(self) -> tuple[tuple[str, str, str], ...]:
        """Every (name, foreground, background) pairing of informative lines and shapes."""
        return (
            ("organisation marker on paper", self.organisation, self.paper),
            ("individual marker on paper", self.individual, self.paper),
            ("organisation marker on zone", self.organisation, self.zone_innovative),
            ("individual marker on zone", self.individual, self.zone_limited),
            ("rung on paper", self.rung, self.paper),
            ("rope on paper", self.rope, self.paper),
            ("scale rule on paper", self.rule, self.paper),
            ("note border on paper", self.note_border, self.paper),
        )


#: The colours the report is drawn with.
PALETTE = Palette()


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """The relative luminance (0 black … 1 white) of ``#rrggbb`` as WCAG 2.1 defines it."""
    text = colour.removeprefix("#")
    if len(text) != 6:
        raise ValueError(f"expected a colour #rrggbb, got {colour!r}")
    r, g, b = (int(text[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(foreground: str, background: str) -> float:
    """The contrast ratio (1 … 21) between two ``#rrggbb`` colours, order not mattering."""
    a, b = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)
