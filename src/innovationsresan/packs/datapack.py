"""A ready-made plugin for data packs, so a pack's ``__init__.py`` needs two lines.

A data pack is a distribution whose content is TOML files only. Its package exposes one object
the host can call for the folder of those files::

    # src/innovationsresan_lulea/__init__.py
    from innovationsresan import DataPack

    plugin = DataPack(__package__)

and names it in ``pyproject.toml``::

    [project.entry-points.innovationsresan]
    innovationsresan-lulea = "innovationsresan_lulea:plugin"

The same without the helper is a marked hook function in the package, with the entry point
naming the module (``innovationsresan-lulea = "innovationsresan_lulea"``)::

    from importlib.resources import files
    from innovationsresan import hookimpl

    @hookimpl
    def innovationsresan_content_dir():
        return files(__package__) / "content"
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from innovationsresan.hookspecs import hookimpl


class DataPack:
    """A plugin pointing the host at a package's content folder (``content`` by default).

    *package_or_path* is a package name (usually ``__package__``), or a folder given as a
    :class:`~pathlib.Path` or :class:`~importlib.resources.abc.Traversable`. The folder is
    looked up only when the host asks for it, so building the object costs nothing.
    """

    def __init__(self, package_or_path: str | Path | Traversable, content: str = "content") -> None:
        self.package_or_path = package_or_path
        self.content = content

    def __repr__(self) -> str:
        return f"DataPack({self.package_or_path!r}, content={self.content!r})"

    @property
    def __name__(self) -> str:
        """A readable name for the plugin in problems, until its metadata is read."""
        return str(self.package_or_path)

    @hookimpl
    def innovationsresan_content_dir(self) -> Path | Traversable:
        """The content folder: ``<package>/<content>``, or ``<path>/<content>``."""
        base = self.package_or_path
        root = files(base) if isinstance(base, str) else base
        return root / self.content if self.content else root
