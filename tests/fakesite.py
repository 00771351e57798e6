"""Installing the fixture packs as if by pip, into a folder put first on ``sys.path``.

Each install copies a fixture's package and writes a ``*.dist-info`` folder with ``METADATA``
and ``entry_points.txt``, which is all that entry-point discovery reads. Nothing is built, so
the tests stay fast; tests/test_e2e_install.py does the real thing with wheels.
"""

from __future__ import annotations

import importlib
import shutil
import sys
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "packs"


class FakeSite:
    """A site-packages folder of its own for one test."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def install(
        self,
        fixture: str | Path,
        *,
        distribution: str | None = None,
        version: str | None = None,
        entry_points: Mapping[str, str] | None = None,
    ) -> None:
        """Install a fixture pack (by name) or a pack folder (a path) as pip would.

        The keywords override what the pack's pyproject.toml says.
        """
        source = fixture if isinstance(fixture, Path) else FIXTURES / fixture
        project = tomllib.loads((source / "pyproject.toml").read_text("utf-8"))["project"]
        name = distribution or project["name"]
        number = version or project.get("version", "0")
        points = (
            entry_points
            if entry_points is not None
            else project.get("entry-points", {}).get("innovationsresan", {})
        )
        for package in sorted((source / "src").iterdir()) if (source / "src").is_dir() else ():
            if not (self.root / package.name).exists():
                shutil.copytree(package, self.root / package.name)
        info = self.root / f"{name.replace('-', '_')}-{number}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {name}\nVersion: {number}\n\nA test pack.\n", "utf-8"
        )
        lines = ["[console_scripts]", "not-a-pack = x:y", "", "[innovationsresan]"]
        lines.extend(f"{key} = {value}" for key, value in points.items())
        (info / "entry_points.txt").write_text("\n".join(lines) + "\n", "utf-8")
        importlib.invalidate_caches()


def fake_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeSite]:
    """A fresh site folder first on ``sys.path``; the packs it imported are forgotten after.

    Use it from a fixture: ``yield from fake_site(tmp_path, monkeypatch)``.
    """
    root = tmp_path / "site"
    root.mkdir()
    monkeypatch.syspath_prepend(str(root))
    monkeypatch.delenv("INNOVATIONSRESAN_PACKS", raising=False)
    before = set(sys.modules)
    yield FakeSite(root)
    for name in set(sys.modules) - before:
        if name.startswith("innovationsresan_"):
            del sys.modules[name]
