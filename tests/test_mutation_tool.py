"""Tests for tools/mutation.py, the mutation score of `make mutate` (CONTRIBUTING.md)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

TOOL = Path(__file__).parent.parent / "tools" / "mutation.py"

#: mutmut's mutated copy of a module: the original function and its mutants, side by side
MUTATED = """
def x_mean__mutmut_orig(values):
    total = sum(values)
    return total / (len(values) or 1)


def x_mean__mutmut_1(values):
    total = sum(values)
    return total / (len(values) or 2)


def x_mean__mutmut_2(values):
    total = sum(values)
    return total * (len(values) or 1)


def x_mean__mutmut_3(values, start=1):
    total = sum(values)
    return total / (len(values) or 1)
"""


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mutation_tool", TOOL)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["mutation_tool"] = module
    spec.loader.exec_module(module)
    return module


def project(root: Path, exit_codes: dict[str, int | None], entries: str) -> Path:
    """A folder as `make mutate` leaves it: the mutated module `demo`, its results, and the
    equivalents file with *entries*."""
    folder = root / "mutants" / "src" / "innovationsresan"
    folder.mkdir(parents=True)
    (folder / "demo.py").write_text(MUTATED, "utf-8")
    keys = {f"innovationsresan.demo.x_mean__mutmut_{n}": code for n, code in exit_codes.items()}
    (folder / "demo.py.meta").write_text(json.dumps({"exit_code_by_key": keys}), "utf-8")
    equivalents = root / "equivalents.toml"
    equivalents.write_text(entries, "utf-8")
    return equivalents


def entry(number: int, change: str | None) -> str:
    line = "" if change is None else f"change = {json.dumps(change)}\n"
    return (
        f'[[equivalent]]\nmutant = "innovationsresan.demo.x_mean__mutmut_{number}"\n'
        f'{line}reason = "the default is never used"\n'
    )


class TestChange:
    def test_the_mutated_line(self, tool: ModuleType, tmp_path: Path) -> None:
        """A mutant's change is its mutated line as `mutmut show` prints it, stripped."""
        project(tmp_path, {}, "")
        name = "innovationsresan.demo.x_mean__mutmut_2"
        assert "return total * (len(values) or 1)" == tool.change(name, tmp_path)

    def test_a_change_in_the_def_line(self, tool: ModuleType, tmp_path: Path) -> None:
        """A mutated default argument is seen in the def line, under the function's own name."""
        project(tmp_path, {}, "")
        name = "innovationsresan.demo.x_mean__mutmut_3"
        assert "def f(values, start=1):" == tool.change(name, tmp_path)

    def test_a_mutant_not_generated(self, tool: ModuleType, tmp_path: Path) -> None:
        """A name mutmut has not made (or a module never mutated) has no change."""
        project(tmp_path, {}, "")
        assert None is tool.change("innovationsresan.demo.x_mean__mutmut_9", tmp_path)
        assert None is tool.change("innovationsresan.other.x_f__mutmut_1", tmp_path)


class TestScore:
    def test_an_equivalent_left_out(
        self, tool: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A listed survivor whose change is as recorded is left out of the score."""
        equivalents = project(
            tmp_path, {1: 0, 2: 1, 3: 1}, entry(1, "return total / (len(values)  or 2)")
        )
        assert 0 == tool.main(["demo", "--root", str(tmp_path), "--equivalents", str(equivalents)])
        assert (
            "demo: 2 killed, 0 surviving, 1 equivalent, 0 not run: 100.0% (goal 90%)\n"
            == capsys.readouterr().out
        )

    @pytest.mark.parametrize(
        ("exit_codes", "change", "why"),
        [
            (
                {1: 0, 2: 0, 3: 1},
                "return total * (len(values) or 1)",
                "now changes `return total / (len(values) or 2)`, "
                "not `return total * (len(values) or 1)`",
            ),
            (
                {1: 0, 2: 0, 3: 1},
                None,
                "records no change; it now changes `return total / (len(values) or 2)`",
            ),
            ({1: 1, 2: 0, 3: 1}, "return total / (len(values) or 2)", "is now killed"),
        ],
        ids=["another-change", "no-change-recorded", "killed"],
    )
    def test_a_stale_equivalent_is_reported_and_counted(
        self,
        tool: ModuleType,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        *,
        exit_codes: dict[int, int],
        change: str | None,
        why: str,
    ) -> None:
        """An entry whose mutant changed, records no change or is killed is named as stale, and
        its mutant counts in the score again."""
        equivalents = project(tmp_path, exit_codes, entry(1, change))
        code = tool.main(["demo", "--root", str(tmp_path), "--equivalents", str(equivalents)])
        lines = capsys.readouterr().out.splitlines()
        name = "innovationsresan.demo.x_mean__mutmut_1"
        assert f"  stale equivalent: {name} {why}: check mutation-equivalents.toml" == lines[0]
        assert "0 equivalent" in lines[1]
        assert 1 == code

    def test_a_stub_for_each_survivor(
        self, tool: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--stub prints an entry to fill in, with the mutant's change, for every survivor."""
        equivalents = project(tmp_path, {1: 1, 2: 0, 3: 1}, "")
        code = tool.main(
            ["demo", "--root", str(tmp_path), "--equivalents", str(equivalents), "--stub"]
        )
        assert (
            "demo: 2 killed, 1 surviving, 0 equivalent, 0 not run: 66.7% (goal 90%)\n"
            "[[equivalent]]\n"
            'mutant = "innovationsresan.demo.x_mean__mutmut_2"\n'
            'change = "return total * (len(values) or 1)"\n'
            'reason = ""\n\n'
        ) == capsys.readouterr().out
        assert 1 == code
