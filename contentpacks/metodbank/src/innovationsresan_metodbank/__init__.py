"""The pack of Myrberga, a made-up municipality: statements, cards, a story and links to Kiruna.

The pack is data only: the host reads and checks the TOML files in ``content/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from innovationsresan import hookimpl

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


@hookimpl
def innovationsresan_content_dir() -> Traversable:
    """The folder holding this pack's TOML files."""
    # The folder beside this file, as pip installs it; importlib.resources (which costs the
    # command line a noticeable share of its start) only when the pack is read from a zip file.
    folder = Path(__file__).parent / "content"
    if folder.is_dir():
        return folder
    from importlib.resources import files  # noqa: PLC0415

    return files(__name__) / "content"
