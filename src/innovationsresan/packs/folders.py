"""What a content folder is, for the loader and the reader alike, without importing either."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


def is_folder(value: object) -> TypeGuard[Path | Traversable]:
    """Whether *value* can be read as a content folder (a path or an importlib Traversable).

    Duck-typed, so loading a catalogue need not import :mod:`importlib.resources`.
    """
    if isinstance(value, Path):
        return True
    return all(
        callable(getattr(value, name, None))
        for name in ("iterdir", "is_file", "read_bytes", "joinpath", "__truediv__")
    )
