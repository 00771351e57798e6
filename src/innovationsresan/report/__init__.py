"""The HTML workshop report with the rope ladder drawn (optional extra ``report``).

``render_report`` needs jinja2 (``pip install 'innovationsresan[report]'``), imported only when a
report is rendered; ``ladder_svg`` needs nothing beyond the library.
"""

from __future__ import annotations

from innovationsresan.report.drawing import ladder_svg
from innovationsresan.report.palette import PALETTE, Palette, contrast_ratio
from innovationsresan.report.render import FEW_RESPONDENTS, LOW_CONSENSUS, render_report

__all__ = [
    "FEW_RESPONDENTS",
    "LOW_CONSENSUS",
    "PALETTE",
    "Palette",
    "contrast_ratio",
    "ladder_svg",
    "render_report",
]
