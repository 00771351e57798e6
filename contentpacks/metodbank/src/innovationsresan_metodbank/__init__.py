"""The pack of Myrberga, a made-up municipality: statements, cards, a story and links to Kiruna.

The pack is data only: the host reads and checks the TOML files in ``content/``.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

from innovationsresan import hookimpl


@hookimpl
def innovationsresan_content_dir() -> Traversable:
    """The folder holding this pack's TOML files."""
    return files(__name__) / "content"
