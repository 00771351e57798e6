"""The mutation score of the core modules, from the last ``mutmut run`` (``make mutate``).

Reads mutmut's results under ``mutants/`` and the equivalent mutants listed, each with its
reason, in ``mutation-equivalents.toml``; prints per module the mutants killed, surviving and
left out as equivalent, the score killed / (all − equivalent), and every survivor that is not
listed as equivalent, so it can be read with ``mutmut show NAME``. Exits 1 when a module that
was run scores under the goal (90 %), 0 otherwise. See CONTRIBUTING.md, "Mutation testing".
"""

from __future__ import annotations

import argparse
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


def equivalents(path: Path) -> dict[str, str]:
    """Mutant name → why it is equivalent, from *path* (absent file: none)."""
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return {entry["mutant"]: entry["reason"] for entry in data.get("equivalent", [])}


def module_results(module: str) -> dict[str, int | None]:
    """Mutant name → mutmut's exit code for *module* (``scoring``, ``store.workshops``, or a
    package such as ``store`` for all its modules), empty when never run."""
    base = ROOT / "mutants" / "src" / "innovationsresan" / module.replace(".", "/")
    metas = [base.with_name(f"{base.name}.py.meta")]
    if base.is_dir():
        metas = sorted(base.rglob("*.py.meta"))
    exit_codes: dict[str, int | None] = {}
    for meta in metas:
        if meta.exists():
            exit_codes.update(json.loads(meta.read_text("utf-8"))["exit_code_by_key"])
    return exit_codes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="+", help="module names under innovationsresan")
    parser.add_argument(
        "--equivalents", type=Path, default=ROOT / "mutation-equivalents.toml", metavar="FILE"
    )
    args = parser.parse_args(argv)
    listed = equivalents(args.equivalents)
    failed = False
    for module in args.modules:
        results = module_results(module)
        ran = {name: code for name, code in results.items() if code not in NOT_RUN}
        if not ran:
            print(f"{module}: no results (run `make mutate MODULE={module}` first)")
            continue
        equivalent = [name for name in ran if name in listed]
        prefix = f"innovationsresan.{module}."
        for name in sorted(listed):
            # mutants are numbered per function: after the function changes, an entry may name
            # another mutant; one that is gone or now killed is a stale entry to look at again
            if name.startswith(prefix) and (
                name not in results or results[name] not in SURVIVED | NOT_RUN
            ):
                state = "no longer exists" if name not in results else "is now killed"
                print(f"  stale equivalent: {name} {state}: check mutation-equivalents.toml")
        survivors = sorted(
            name for name, code in ran.items() if code in SURVIVED and name not in listed
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
            print(f"  survived: {name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
