"""End to end: the real packs and a fresh skeleton, built and installed into a fresh venv.

These tests build wheels (``pip wheel --no-deps``) of the library and of contentpacks/kiruna,
install them into a new virtual environment (attrs, cattrs and pluggy come from the package
index) and run the installed command there, as a municipality would.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KIRUNA = ROOT / "contentpacks" / "kiruna"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not KIRUNA.is_dir(), reason="contentpacks/kiruna does not exist yet"),
]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("INNOVATIONSRESAN_PACKS", "PYTHONPATH")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _run(*argv: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in argv],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=cwd,
        timeout=600,
        check=False,
    )


def _ok(result: subprocess.CompletedProcess[str]) -> str:
    assert 0 == result.returncode, result.stdout + result.stderr
    return result.stdout


class Venv:
    """A fresh virtual environment with the library and the Kiruna pack installed from wheels."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.bin = root / "venv" / ("Scripts" if os.name == "nt" else "bin")

    @property
    def python(self) -> Path:
        return self.bin / "python"

    def command(self, *argv: str | Path) -> subprocess.CompletedProcess[str]:
        return _run(self.bin / "innovationsresan", *argv, cwd=self.root)


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Venv:
    root = tmp_path_factory.mktemp("e2e")
    wheels = root / "wheels"
    for source in (ROOT, KIRUNA):
        _ok(_run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, source))
    _ok(_run(sys.executable, "-m", "venv", root / "venv"))
    env = Venv(root)
    _ok(_run(env.python, "-m", "pip", "install", "-q", *sorted(wheels.glob("*.whl"))))
    return env


class TestInstalledFromWheels:
    def test_kiruna_listed(self, venv: Venv) -> None:
        """The installed command lists the Kiruna pack as loaded, with its distribution."""
        packs = {p["id"]: p for p in json.loads(_ok(venv.command("packs", "--json")))}

        kiruna = packs["kiruna"]
        assert ("ok", "innovationsresan-kiruna") == (kiruna["status"], kiruna["distribution"])
        assert kiruna["counts"]["cards"] > 0
        assert [] == [p for p in kiruna["problems"] if p["severity"] == "error"]

    def test_installed_pack_checks_clean(self, venv: Venv) -> None:
        """The Kiruna pack's folder checks clean; the installed pack loads under --strict."""
        data = json.loads(_ok(venv.command("pack", "check", KIRUNA, "--json")))

        assert True is data["ok"]
        _ok(venv.command("packs", "--strict"))

    def test_pack_check_never_reads_the_installed_copy(self, venv: Venv) -> None:
        """``pack check kiruna`` without a folder of that name exits 2: PATH is no pack folder."""
        result = venv.command("pack", "check", "kiruna", "--json")

        assert (2, "") == (result.returncode, result.stdout)

    def test_skeleton_installs_and_is_listed(self, venv: Venv) -> None:
        """A fresh skeleton passes pack check, installs with pip and is listed as loaded."""
        target = venv.root / "innovationsresan-lulea"
        _ok(venv.command("pack", "new", "Luleå kommun", "-o", target))
        _ok(venv.command("pack", "check", target))
        _ok(_run(venv.python, "-m", "pip", "install", "-q", target))

        packs = {p["id"]: p for p in json.loads(_ok(venv.command("packs", "--json")))}

        assert "ok" == packs["lulea"]["status"]
        assert "innovationsresan-lulea" == packs["lulea"]["distribution"]
        assert "ok" == packs["kiruna"]["status"]
