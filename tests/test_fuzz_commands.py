"""Fuzzing the commands built on the readers: documented exit codes, never 3, never a
traceback (see tests/fuzzing.py).
"""

from __future__ import annotations

import shutil

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzzing import KIRUNA, PACK_FILES, PLAN, RESPONSE, command, heavy, run_cli, scratch
from tests.strategies import mutated_bytes


class TestCommandLine:
    """The commands built on the readers end with their documented exit codes, never 3."""

    @command
    @given(mutated_bytes(RESPONSE.read_bytes()), st.sampled_from([".toml", ".json", ".csv"]))
    def test_score(self, damaged: bytes, suffix: str) -> None:
        """`score` on a damaged file exits 0 or 2, without a traceback."""
        with scratch() as folder:
            path = folder / f"r{suffix}"
            path.write_bytes(damaged)
            code, err = run_cli("score", str(path), "--json")
        assert code in (0, 2), err
        assert "Traceback" not in err

    @command
    @given(mutated_bytes(PLAN.read_bytes()))
    def test_plan_check(self, damaged: bytes) -> None:
        """`plan check` on a damaged plan exits 0, 1 or 2, without a traceback."""
        with scratch() as folder:
            path = folder / "plan.toml"
            path.write_bytes(damaged)
            code, err = run_cli("plan", "check", str(path), "--today", "2026-12-01")
        assert code in (0, 1, 2), err
        assert "Traceback" not in err

    @heavy
    @given(st.data())
    def test_pack_check(self, data: st.DataObject) -> None:
        """`pack check` on a pack with a damaged file exits 0 or 1: problems, not failures."""
        name = data.draw(st.sampled_from(sorted(PACK_FILES)))
        damaged = data.draw(mutated_bytes(PACK_FILES[name].read_bytes()))
        with scratch() as folder:
            pack = folder / "innovationsresan-kiruna"
            shutil.copytree(
                KIRUNA, pack, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
            )
            (pack / "src" / "innovationsresan_kiruna" / "content" / name).write_bytes(damaged)
            code, err = run_cli("pack", "check", str(pack))
        assert code in (0, 1), err
        assert "Traceback" not in err


#: Every command that reads a file, with where the file goes: ``{f}`` is the file, ``{d}`` the
#: scratch folder (outputs are written there). The suffix decides how the file is read.
COMMANDS_READING_A_FILE = (
    ("score", "{f}"),
    ("score", "{f}", "--json"),
    ("score", "{f}", "--csv"),
    ("recommend", "{f}"),
    ("report", "{f}", "-o", "{d}/out.html"),
    ("followup", "{f}", "--after", "{f}"),
    ("plan", "check", "{f}", "--today", "2026-12-01"),
    ("plan", "ics", "{f}", "-o", "{d}/out.ics"),
    ("plan", "export", "{f}", "-o", "{d}/out.csv"),
    ("report", str(RESPONSE), "--plan", "{f}", "-o", "{d}/out.html"),
    ("journey", "{d}/journey"),
)


class TestAnyBytesAnyCommand:
    """Any byte string given as any input file to any command ends with exit 0, 1 or 2."""

    @command
    @given(
        st.sampled_from(COMMANDS_READING_A_FILE),
        st.sampled_from([".toml", ".json", ".jsonl", ".csv"]),
        st.binary(max_size=2048)
        | st.text(alphabet='0123456789,;"\n\r\t =[]{}abcn/A.:-', max_size=400).map(str.encode),
    )
    def test_exit_code(self, command: tuple[str, ...], suffix: str, data: bytes) -> None:
        """Never 3, never a traceback (cliffs are measured in benchmarks/bench_faults.py)."""
        with scratch() as folder:
            path = folder / f"input{suffix}"
            path.write_bytes(data)
            journey = folder / "journey" / "2026-11-26"
            journey.mkdir(parents=True)
            (journey / f"answers{suffix}").write_bytes(data)
            (folder / "journey" / "journey.toml").write_bytes(data)
            argv = [a.format(f=path, d=folder) for a in command]
            code, err = run_cli(*argv, "--lang", "en")
        assert code in (0, 1, 2), err
        assert "Traceback" not in err
