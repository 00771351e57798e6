"""Tests that an atomic write survives being killed at any moment (files.documents)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from innovationsresan.files.documents import atomic_write_text

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

#: How many times the writer is killed; each kill is one check.
KILLS = 30

#: The writer alternates between two complete contents of different lengths, so a torn,
#: truncated or mixed file can never be mistaken for either of them.
WRITER = """
import sys
from pathlib import Path
from innovationsresan.files.documents import atomic_write_text

target = Path(sys.argv[1])
contents = [
    "".join(f"first {i:07d} åäö\\n" for i in range(60_000)),
    "".join(f"second content, line {i:07d}\\n" for i in range(70_000)),
]
print("ready", flush=True)
i = 0
while True:
    atomic_write_text(target, contents[i % 2])
    i += 1
"""


def contents() -> tuple[str, str]:
    """The two contents the writer alternates between (the same text as in WRITER)."""
    first = "".join(f"first {i:07d} åäö\n" for i in range(60_000))
    second = "".join(f"second content, line {i:07d}\n" for i in range(70_000))
    return first, second


class TestAtomicWriteUnderSigkill:
    def test_file_is_always_one_complete_content(self, tmp_path: Path) -> None:
        """Killed at random moments, the writer leaves exactly one of the complete contents."""
        first, second = contents()
        target = tmp_path / "big.toml"
        target.write_text(first, encoding="utf-8")
        # the kills spread over a few writes whatever the speed of this disk
        started = time.perf_counter()
        atomic_write_text(tmp_path / "probe.toml", second)
        window = 6 * (time.perf_counter() - started)
        rng = random.Random(20261126)
        seen: set[str] = set()
        for _ in range(KILLS):
            with subprocess.Popen(
                [sys.executable, "-c", WRITER, str(target)],
                stdout=subprocess.PIPE,
                text=True,
            ) as writer:
                assert writer.stdout is not None
                assert "ready\n" == writer.stdout.readline()
                time.sleep(rng.uniform(0.0, window))
                os.kill(writer.pid, signal.SIGKILL)
                writer.wait()
            assert -signal.SIGKILL == writer.returncode
            actual = target.read_text(encoding="utf-8")
            assert actual in (first, second), f"torn file of {len(actual)} characters"
            seen.add(actual[:5])
        # both contents were found, so the kills landed while the file was being replaced
        assert {"first", "secon"} == seen

    def test_leftover_temporary_files_are_hidden(self, tmp_path: Path) -> None:
        """A killed writer leaves at most hidden temporary files beside the target."""
        target = tmp_path / "plan.toml"
        with subprocess.Popen(
            [sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE, text=True
        ) as writer:
            assert writer.stdout is not None
            writer.stdout.readline()
            time.sleep(0.05)
            os.kill(writer.pid, signal.SIGKILL)
            writer.wait()
        others = [p.name for p in tmp_path.iterdir() if p.name != "plan.toml"]
        visible = [n for n in others if not (n.startswith(".plan.toml.") and n.endswith(".tmp"))]
        assert [] == visible


class TestAtomicWriteUnderSigtermAndSighup:
    @pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
    def test_no_temporary_file_is_left(self, tmp_path: Path, name: str) -> None:
        """SIGTERM or SIGHUP at random moments of a write leave no temporary file behind."""
        if not hasattr(signal, name):
            pytest.skip(f"no {name} here")
        number = getattr(signal, name)
        target = tmp_path / "plan.toml"
        rng = random.Random(20261201)
        for _ in range(10):
            with subprocess.Popen(
                [sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE, text=True
            ) as writer:
                assert writer.stdout is not None
                writer.stdout.readline()
                time.sleep(rng.uniform(0.0, 0.2))
                os.kill(writer.pid, number)
                writer.wait()
            # inside a write the signal becomes Terminated (exit 128 + n); between two writes
            # its default action ends the process (-n); either way no temporary file remains
            assert writer.returncode in (128 + number, -number)
            assert [] == [p.name for p in tmp_path.iterdir() if p.name != "plan.toml"]
