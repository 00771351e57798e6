"""The mutation score of the core modules, from the last ``mutmut run`` (``make mutate``).

Reads mutmut's results under ``mutants/`` and the equivalent mutants listed, each with its
reason and its change, in ``mutation-equivalents.toml``; prints per module the mutants killed,
surviving and left out as equivalent, the score killed / (all − equivalent), and every survivor
that is not listed as equivalent, so it can be read with ``mutmut show NAME``. Exits 1 when a
module that was run scores under the goal (90 %), 0 otherwise.

mutmut numbers the mutants of a function in order, so after the function changes a name may
stand for another change. Each entry therefore records its ``change``: the mutated line(s) as
``mutmut show`` prints them after ``+``, spaces collapsed. An entry whose mutant now makes
another change (or none is recorded) is reported as stale and not left out of the score;
``--stub`` prints an entry to fill in for every survivor. See CONTRIBUTING.md, "Mutation
testing".
"""

from __future__ import annotations

import argparse
import ast
import difflib
import functools
import json
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL = 0.90
#: mutmut's exit codes for a mutant's test run: 0 means the tests passed (it survived); these
#: mean nothing caught it either. Every other code that ran tests (failures, time-outs,
#: crashes) counts as killed.
SURVIVED = {0, 5, 33}
NOT_RUN = {None, 2, 34}


def equivalents(path: Path) -> dict[str, dict[str, str]]:
    """Mutant name → its entry (``reason``, ``change``) from *path* (absent file: none)."""
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return {entry["mutant"]: entry for entry in data.get("equivalent", [])}


def _collapse(line: str) -> str:
    return " ".join(line.split())


@functools.cache
def _functions(mutated: Path) -> dict[str, str]:
    """Every function (or method) in mutmut's mutated copy of a module → its source."""
    text = mutated.read_text("utf-8")
    lines = text.splitlines()
    found: dict[str, str] = {}
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and "__mutmut_" in node.name:
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            found[node.name] = "\n".join(lines[first - 1 : node.end_lineno])
    return found


def change(name: str, root: Path = ROOT) -> str | None:
    """What mutant *name* changes: its mutated line(s), as ``mutmut show`` prints them after
    ``+``, spaces collapsed and joined by `` / ``; None when the mutant is not in ``mutants/``."""
    module, _, function = name.rpartition(".")
    mutated = root / "mutants" / "src" / Path(*module.split(".")).with_suffix(".py")
    if not mutated.exists():
        return None
    functions = _functions(mutated)
    orig_name = function.rpartition("__mutmut_")[0] + "__mutmut_orig"
    original, mutant = functions.get(orig_name), functions.get(function)
    if original is None or mutant is None:
        return None
    # the two copies differ in name only besides the mutation (which may be in the def line)
    before = original.replace(orig_name, "f", 1).splitlines()
    after = mutant.replace(function, "f", 1).splitlines()
    added = [
        _collapse(line[1:])
        for line in difflib.unified_diff(before, after, lineterm="", n=0)
        if line.startswith("+") and not line.startswith("+++")
    ]
    return " / ".join(added)


def module_results(module: str, root: Path = ROOT) -> dict[str, int | None]:
    """Mutant name → mutmut's exit code for *module* (``scoring``, ``store.workshops``, or a
    package such as ``store`` for all its modules), empty when never run."""
    base = root / "mutants" / "src" / "innovationsresan" / module.replace(".", "/")
    metas = [base.with_name(f"{base.name}.py.meta")]
    if base.is_dir():
        metas = sorted(base.rglob("*.py.meta"))
    exit_codes: dict[str, int | None] = {}
    for meta in metas:
        if meta.exists():
            exit_codes.update(json.loads(meta.read_text("utf-8"))["exit_code_by_key"])
    return exit_codes


def _stale(
    name: str, entry: dict[str, str], results: dict[str, int | None], root: Path
) -> str | None:
    """Why the equivalent *entry* for *name* no longer holds, or None when it still does."""
    if name not in results:
        return "no longer exists"
    if results[name] not in SURVIVED | NOT_RUN:
        return "is now killed"
    now = change(name, root)
    if "change" not in entry:
        return f"records no change; it now changes `{now}`"
    if now is not None and now != _collapse(entry["change"]):
        return f"now changes `{now}`, not `{entry['change']}`"
    return None


def _stub(name: str, root: Path) -> str:
    """An entry of mutation-equivalents.toml for *name*, its reason to be written."""
    now = json.dumps(change(name, root) or "", ensure_ascii=False)
    return f'[[equivalent]]\nmutant = "{name}"\nchange = {now}\nreason = ""\n'


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="+", help="module names under innovationsresan")
    parser.add_argument(
        "--equivalents", type=Path, default=ROOT / "mutation-equivalents.toml", metavar="FILE"
    )
    parser.add_argument(
        "--stub", action="store_true", help="print an equivalents entry for every survivor"
    )
    parser.add_argument(
        "--root", type=Path, default=ROOT, help="the folder holding mutmut's mutants/"
    )
    args = parser.parse_args(argv)
    listed = equivalents(args.equivalents)
    failed = False
    for module in args.modules:
        results = module_results(module, args.root)
        ran = {name: code for name, code in results.items() if code not in NOT_RUN}
        if not ran:
            print(f"{module}: no results (run `make mutate MODULE={module}` first)")
            continue
        prefix = f"innovationsresan.{module}."
        stale: set[str] = set()
        for name in sorted(listed):
            if not name.startswith(prefix):
                continue
            why = _stale(name, listed[name], results, args.root)
            if why is not None:
                stale.add(name)
                print(f"  stale equivalent: {name} {why}: check mutation-equivalents.toml")
        trusted = {name for name in listed if name not in stale}
        equivalent = [name for name in ran if name in trusted]
        survivors = sorted(
            name for name, code in ran.items() if code in SURVIVED and name not in trusted
        )
        killed = sum(1 for name, code in ran.items() if code not in SURVIVED)
        counted = len(ran) - len(equivalent)
        score = killed / counted if counted else 1.0
        failed |= score < GOAL
        print(
            f"{module}: {killed} killed, {len(survivors)} surviving, "
            f"{len(equivalent)} equivalent, {len(results) - len(ran)} not run: "
            f"{score:.1%} (goal {GOAL:.0%})"
        )
        for name in survivors:
            print(_stub(name, args.root) if args.stub else f"  survived: {name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
