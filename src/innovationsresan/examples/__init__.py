"""Example data shipped with the package, for the demo, the documentation and trying things out.

Everything here is made up: the team, its people, its plans and the external factors; the
team's name says so wherever it is shown, and no decision of a real body is described.

* ``team/``: the reflections of a team of eight (Medborgarservice, enhet Norr) at a workshop
  on 2026-12-03, one TOML response file per person. They use the ladder ratings and a few
  statements of the Kiruna pack (so score them with that pack loaded); one rating is ``n/a``
  and one cell is left unanswered, as in real answers.
* ``plan.toml``: the action plan the team wrote at that workshop.
* ``journey/``: the journey of a smaller group from the same unit over four rounds in 2026,
  with external factors; its rounds hold their own answers and plans, independent of
  ``team/`` and ``plan.toml``.

Use :func:`path` to find them::

    import innovationsresan as ir
    from innovationsresan import examples

    responses = ir.read_responses(examples.path("team"))
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


def path(name: str = "") -> Traversable:
    """The bundled example file or folder *name* (``team``, ``plan.toml``, ``journey``).

    In an ordinary installation this is a :class:`pathlib.Path`; use
    :func:`importlib.resources.as_file` where a real file system path is required.
    Raises ``FileNotFoundError`` when there is no such example.
    """
    found = _folder()
    for part in name.split("/"):
        if part:
            found = found / part
    if not (found.is_file() or found.is_dir()):
        raise FileNotFoundError(f"no bundled example named {name!r}")
    return found


def _folder() -> Path | Traversable:
    """This package's folder: a plain path when it is installed as files (which needs no
    :mod:`importlib.resources`, docs/performance.md), else its package resource."""
    here = os.path.dirname(os.path.abspath(__file__))
    if os.path.isdir(here):
        return Path(here)
    from importlib.resources import files  # noqa: PLC0415 - only for a zipped installation

    return files(__name__)
