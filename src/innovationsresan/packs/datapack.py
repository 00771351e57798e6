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

import importlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from innovationsresan.errors import expect_path, expect_type
from innovationsresan.hookspecs import hookimpl

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


class DataPack:
    """A plugin pointing the host at a package's content folder (``content`` by default).

    *package_or_path* is a package name (usually ``__package__``), or a folder given as a
    :class:`~pathlib.Path` or :class:`~importlib.resources.abc.Traversable`. The folder is
    looked up only when the host asks for it, so building the object costs nothing.
    """

    def __init__(self, package_or_path: str | Path | Traversable, content: str = "content") -> None:
        expect_path("package_or_path", package_or_path, resources=True)
        expect_type("content", content, str, "a folder name (str)")
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
        root = package_folder(base) if isinstance(base, str) else base
        return root / self.content if self.content else root


def package_folder(package: str) -> Path | Traversable:
    """The folder of an imported (or importable) package.

    A package installed as files is found from its module spec, which costs nothing; only a
    package inside a zip file needs :func:`importlib.resources.files`, imported then.
    """
    module = sys.modules.get(package) or importlib.import_module(package)
    spec = getattr(module, "__spec__", None)
    for location in getattr(spec, "submodule_search_locations", None) or ():
        if os.path.isdir(location):
            return Path(location)
    from importlib.resources import files  # noqa: PLC0415 - only for zipped packages

    return files(package)
