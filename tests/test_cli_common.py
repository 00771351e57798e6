"""Tests for what every command shares (cli._common): output files, terminal text, JSON."""

from __future__ import annotations

import json
import os
from io import StringIO
from pathlib import Path

import pytest

from innovationsresan.catalog import Catalog
from innovationsresan.cli import main
from innovationsresan.cli._common import (
    Context,
    UsageError,
    check_output,
    terminal_text,
    write_output,
)

ROOT = Path(__file__).parent.parent
EXAMPLE_PLAN = ROOT / "src" / "innovationsresan" / "examples" / "plan.toml"
EXAMPLE_TEAM = ROOT / "src" / "innovationsresan" / "examples" / "team"


def run(*argv: str | Path) -> tuple[int, str, str]:
    ctx = Context(out=StringIO(), err=StringIO())
    ctx.use_catalog(Catalog())
    code = main([str(a) for a in argv], context=ctx)
    return code, ctx.out.getvalue(), ctx.err.getvalue()  # type: ignore[attr-defined]


def refused(path: Path, **kwargs: object) -> str:
    with pytest.raises(UsageError) as caught:
        check_output(path, **kwargs)  # type: ignore[arg-type]
    return caught.value.message.get("en")


class TestCheckOutput:
    def test_new_file_is_accepted(self, tmp_path: Path) -> None:
        """A file that does not exist yet, in a writable folder, is accepted as given."""
        assert tmp_path / "new.ics" == check_output(tmp_path / "new.ics", force=False)

    def test_existing_file_needs_force(self, tmp_path: Path) -> None:
        """An existing file is refused without --force and accepted with it."""
        path = tmp_path / "old.ics"
        path.write_text("old", encoding="utf-8")
        expected = f"{path} already exists; choose another name or add --force to overwrite it."
        assert expected == refused(path, force=False)
        assert path == check_output(path, force=True)

    def test_own_input_is_refused_even_with_force(self, tmp_path: Path) -> None:
        """The command's own input file is never an output, --force or not."""
        plan = tmp_path / "p.toml"
        plan.write_text("x", encoding="utf-8")
        message = refused(plan, force=True, inputs=[plan])
        assert message.startswith(f"{plan} is one of the command's inputs")

    @pytest.mark.parametrize("link", ["symlink", "hardlink", "dotted"])
    def test_input_under_another_name_is_refused(self, tmp_path: Path, link: str) -> None:
        """The input reached through a symbolic link, a hard link or ``..`` is refused too."""
        plan = tmp_path / "p.toml"
        plan.write_text("x", encoding="utf-8")
        other = tmp_path / "other.toml"
        if link == "symlink":
            other.symlink_to(plan)
        elif link == "hardlink":
            os.link(plan, other)
        else:
            (tmp_path / "sub").mkdir()
            other = tmp_path / "sub" / ".." / "p.toml"
        assert "is one of the command's inputs" in refused(other, force=True, inputs=[plan])

    def test_response_file_inside_an_input_folder_is_refused(self, tmp_path: Path) -> None:
        """A response file in a folder being read is an input; a report beside it is not."""
        (tmp_path / "r1.toml").write_text("x", encoding="utf-8")
        (tmp_path / "report.html").write_text("old", encoding="utf-8")
        message = refused(tmp_path / "r1.toml", force=True, inputs=[tmp_path])
        assert "is one of the command's inputs" in message
        report = tmp_path / "report.html"
        assert report == check_output(report, force=True, inputs=[tmp_path])

    def test_folder_is_refused(self, tmp_path: Path) -> None:
        """A folder is no output file, even with --force."""
        assert f"{tmp_path} cannot be written: it is a folder." == refused(tmp_path, force=True)

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")
    def test_fifo_is_refused(self, tmp_path: Path) -> None:
        """A FIFO is refused even with --force: nothing would read it, and no file would be made."""
        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        assert "is not a regular file" in refused(fifo, force=True)

    @pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
    def test_device_is_refused(self) -> None:
        """A device such as /dev/null is refused even with --force, and stays a device."""
        assert "is not a regular file" in refused(Path("/dev/null"), force=True)
        assert not Path("/dev/null").is_file()

    def test_unwritable_folder_is_refused(self, tmp_path: Path) -> None:
        """A folder without write permission is refused before any work is done."""
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        if os.access(locked, os.W_OK):
            pytest.skip("running with permissions that ignore the mode (root)")
        message = refused(locked / "out.ics", force=False)
        assert "cannot be written: permission denied." in message


class TestWriteOutput:
    def test_symlink_is_written_through(self, tmp_path: Path) -> None:
        """A symbolic link stays a link; the file it points to gets the new content."""
        target = tmp_path / "real.ics"
        target.write_text("old", encoding="utf-8")
        link = tmp_path / "link.ics"
        link.symlink_to(target)
        write_output(check_output(link, force=True), "new", force=True)
        assert (True, "new") == (link.is_symlink(), target.read_text(encoding="utf-8"))

    def test_file_that_appeared_is_not_replaced_without_force(self, tmp_path: Path) -> None:
        """A file that appears after the check is kept; the write is a usage error naming it."""
        path = check_output(tmp_path / "out.ics", force=False)
        path.write_text("theirs", encoding="utf-8")
        with pytest.raises(UsageError) as caught:
            write_output(path, "ours", force=False)
        assert f"{path} already exists" in caught.value.message.get("en")
        assert ["out.ics"] == [p.name for p in tmp_path.iterdir()]
        assert "theirs" == path.read_text(encoding="utf-8")


class TestCommandsNeverOverwriteTheirInput:
    def test_plan_ics_onto_its_plan(self, tmp_path: Path) -> None:
        """``plan ics p.toml -o p.toml --force`` exits 2 and leaves the plan as it was."""
        plan = tmp_path / "p.toml"
        plan.write_bytes(EXAMPLE_PLAN.read_bytes())
        code, _, err = run("plan", "ics", plan, "-o", plan, "--force", "--lang", "en")
        assert (2, EXAMPLE_PLAN.read_bytes()) == (code, plan.read_bytes())
        assert "is one of the command's inputs" in err

    def test_report_onto_a_response_of_its_folder(self, tmp_path: Path) -> None:
        """``report ws/ -o ws/r1.toml --force`` exits 2 and leaves the response as it was."""
        folder = tmp_path / "ws"
        folder.mkdir()
        response = folder / "r1.toml"
        response.write_text('schema = "innovationsresan.response/1"\n', encoding="utf-8")
        code, _, err = run("report", folder, "-o", response, "--force", "--lang", "en")
        assert 2 == code
        assert "is one of the command's inputs" in err
        assert 'schema = "innovationsresan.response/1"\n' == response.read_text(encoding="utf-8")

    def test_plan_ics_needs_force_for_an_existing_file(self, tmp_path: Path) -> None:
        """``plan ics`` onto an existing calendar exits 2 without --force and writes with it."""
        out = tmp_path / "p.ics"
        out.write_text("old", encoding="utf-8")
        code, _, err = run("plan", "ics", EXAMPLE_PLAN, "-o", out, "--lang", "en")
        assert (2, "old") == (code, out.read_text(encoding="utf-8"))
        assert f"{out} already exists; choose another name or add --force" in err
        code, _, _ = run("plan", "ics", EXAMPLE_PLAN, "-o", out, "--force")
        assert (0, "BEGIN:VCALENDAR") == (code, out.read_text(encoding="utf-8")[:15])


class TestTerminalText:
    @pytest.mark.parametrize(
        ("raw", "shown"),
        [
            ("\x1b[2J", "\\x1b[2J"),
            ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),
            ("safe\rhidden", "safe\\x0dhidden"),
            ("\x9b31m", "\\x9b31m"),
            ("\x7f", "\\x7f"),
            ("a\u202eb", "a\\u202eb"),
            ("two\nlines\tand a tab", "two\nlines\tand a tab"),
            ("r\udcff", "r\\udcff"),
        ],
    )
    def test_control_characters_are_escaped(self, raw: str, shown: str) -> None:
        """ESC, OSC, BEL, CR, C1, DEL and direction marks are shown escaped; newlines stay."""
        assert shown == terminal_text(raw)

    def test_file_name_with_escape_in_an_error(self, tmp_path: Path) -> None:
        """A file name holding ESC reaches the terminal escaped in the error message."""
        code, out, err = run("plan", "check", tmp_path / "\x1b[31mred.toml")
        assert (2, "") == (code, out)
        assert "\x1b" not in err
        assert "\\x1b[31mred.toml" in err

    def test_json_escapes_c1_controls(self) -> None:
        """--json output escapes C1 controls and DEL too; the value read back is unchanged."""
        ctx = Context(out=StringIO(), err=StringIO(), json=True)
        ctx.emit({"text": "a\x9bb\x7fc\x1b"})
        text = ctx.out.getvalue()  # type: ignore[attr-defined]
        assert not any(c in text for c in "\x9b\x7f\x1b")
        assert {"text": "a\x9bb\x7fc\x1b"} == json.loads(text)
