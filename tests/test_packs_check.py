"""Tests for ``pack check``: a pack's distribution folder, checked from its files alone."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from innovationsresan.errors import InputError
from innovationsresan.packs.check import check_pack_folder
from tests.fakesite import FIXTURES, FakeSite, fake_site

ROOT = Path(__file__).resolve().parents[1]


def codes(problems: tuple[object, ...]) -> list[tuple[str, str]]:
    return [(p.code, p.location) for p in problems]  # type: ignore[attr-defined]


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeSite]:
    yield from fake_site(tmp_path, monkeypatch)


@pytest.fixture
def alpha(tmp_path: Path) -> Path:
    """A copy of the clean alpha distribution folder."""
    folder = tmp_path / "alpha"
    shutil.copytree(FIXTURES / "alpha", folder)
    return folder


class TestDistributionFolder:
    def test_clean(self) -> None:
        """A clean pack has no problems, and its id comes from its metadata."""
        assert ("alpha", ()) == check_pack_folder(FIXTURES / "alpha")

    def test_locations_relative_to_folder(self) -> None:
        """Locations name files relative to the distribution folder."""
        _, problems = check_pack_folder(FIXTURES / "beta")

        assert [
            (
                "missing-translation",
                "src/innovationsresan_beta/content/cards.toml:cards[0].summary.fi",
            )
        ] == codes(problems)

    def test_entry_point_and_id(self) -> None:
        """A missing entry point and an id that is not the distribution's are errors."""
        pack_id, problems = check_pack_folder(FIXTURES / "mismatch")

        assert "mismatch" == pack_id
        assert [
            ("missing-entry-point", "pyproject.toml:project.entry-points.innovationsresan"),
            ("id-mismatch", "content/pack.toml:pack.id"),
        ] == codes(problems)

    def test_syntax_and_encoding(self) -> None:
        """Syntax errors and non-UTF-8 bytes are problems, not crashes."""
        _, problems = check_pack_folder(FIXTURES / "syntax")

        assert [
            ("not-utf8", "content/statements.toml"),
            ("syntax-error", "content/cards.toml"),
        ] == codes(problems)

    def test_never_imports(self) -> None:
        """Checking reads files only: a pack whose import fails is never imported."""
        check_pack_folder(FIXTURES / "exploding")

        assert "innovationsresan_exploding" not in sys.modules

    def test_content_key_missing(self, alpha: Path) -> None:
        """Without [tool.innovationsresan] content the check says where to write it."""
        text = (alpha / "pyproject.toml").read_text("utf-8")
        (alpha / "pyproject.toml").write_text(text.split("[tool.innovationsresan]")[0], "utf-8")

        _, problems = check_pack_folder(alpha)

        assert [("missing-key", "pyproject.toml:tool.innovationsresan.content")] == codes(problems)

    def test_content_outside_folder(self, alpha: Path) -> None:
        """A content folder outside PATH is refused: only files under PATH are read."""
        text = (alpha / "pyproject.toml").read_text("utf-8")
        (alpha / "pyproject.toml").write_text(
            text.replace('content = "src/innovationsresan_alpha/content"', 'content = "../x"'),
            "utf-8",
        )

        _, problems = check_pack_folder(alpha)

        assert [("content-outside", "pyproject.toml:tool.innovationsresan.content")] == codes(
            problems
        )

    def test_content_folder_missing(self, alpha: Path) -> None:
        """A content folder that does not exist is an error."""
        shutil.rmtree(alpha / "src" / "innovationsresan_alpha" / "content")

        _, problems = check_pack_folder(alpha)

        assert [("missing-folder", "pyproject.toml:tool.innovationsresan.content")] == codes(
            problems
        )

    def test_file_linking_outside_is_not_read(self, alpha: Path, tmp_path: Path) -> None:
        """A content file that is a link to a file outside PATH is refused, not read."""
        outside = tmp_path / "elsewhere.toml"
        outside.write_text("[[cards]]\nbroken = true\n", "utf-8")
        cards = alpha / "src" / "innovationsresan_alpha" / "content" / "cards.toml"
        cards.unlink()
        cards.symlink_to(outside)

        _, problems = check_pack_folder(alpha)

        assert [("content-outside", "src/innovationsresan_alpha/content/cards.toml")] == [
            (p.code, p.location) for p in problems if p.is_error
        ]

    def test_distribution_name(self, alpha: Path) -> None:
        """A distribution not named innovationsresan-<id> is warned about."""
        text = (alpha / "pyproject.toml").read_text("utf-8")
        (alpha / "pyproject.toml").write_text(
            text.replace('name = "innovationsresan-alpha"', 'name = "alpha"').replace(
                "innovationsresan-alpha =", "alpha ="
            ),
            "utf-8",
        )

        pack_id, problems = check_pack_folder(alpha)

        assert "alpha" == pack_id
        assert [("distribution-name", "pyproject.toml:project.name")] == codes(problems)

    def test_unreadable_pyproject(self, alpha: Path) -> None:
        """A pyproject.toml with a syntax error is a problem of that file."""
        (alpha / "pyproject.toml").write_text("[project\n", "utf-8")

        _, problems = check_pack_folder(alpha)

        assert [("syntax-error", "pyproject.toml")] == codes(problems)

    def test_project_name_missing(self, alpha: Path) -> None:
        """A pyproject.toml without project.name is an error; the content is still checked."""
        text = (alpha / "pyproject.toml").read_text("utf-8")
        (alpha / "pyproject.toml").write_text(
            text.replace('name = "innovationsresan-alpha"\n', ""), "utf-8"
        )

        pack_id, problems = check_pack_folder(alpha)

        assert "alpha" == pack_id
        assert [("missing-key", "pyproject.toml:project.name")] == codes(problems)


class TestWhatTheCheckReports:
    def test_a_file_that_is_not_read_is_named(self, alpha: Path) -> None:
        """A file in the content folder that no pack reads is a warning at its place."""
        content = alpha / "src" / "innovationsresan_alpha" / "content"
        (content / "README.md").write_text("# Alfa\n", "utf-8")

        _, problems = check_pack_folder(alpha)

        assert [("unknown-file", "src/innovationsresan_alpha/content/README.md")] == codes(problems)

    def test_problems_are_capped_per_file(self, alpha: Path) -> None:
        """A file of hundreds of faults gives its first 100 and a more-problems for the rest."""
        content = alpha / "src" / "innovationsresan_alpha" / "content"
        with (content / "statements.toml").open("a", encoding="utf-8") as handle:
            for i in range(200):
                handle.write(f'[[statements]]\nid = "s-{i}"\ncolour = "blå"\n')

        _, problems = check_pack_folder(alpha)

        where = "src/innovationsresan_alpha/content/statements.toml"
        mine = [p for p in problems if p.location.startswith(where)]
        assert 101 == len(mine)
        assert ("more-problems", where) == (mine[-1].code, mine[-1].location)


class TestOtherTargets:
    def test_bare_content_folder(self) -> None:
        """A folder holding pack.toml is checked as content alone."""
        pack_id, problems = check_pack_folder(
            FIXTURES / "alpha" / "src" / "innovationsresan_alpha" / "content"
        )

        assert ("alpha", ()) == (pack_id, problems)

    def test_not_a_pack(self, tmp_path: Path) -> None:
        """A folder that is no pack at all raises InputError (exit 2 on the command line)."""
        with pytest.raises(InputError) as caught:
            check_pack_folder(tmp_path)

        assert ["not-a-pack"] == [p.code for p in caught.value.problems]

    def test_installed_pack_is_no_path(
        self, site: FakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The id of an installed pack is no pack folder: its installed copy is never checked."""
        site.install("alpha")
        monkeypatch.chdir(tmp_path)

        with pytest.raises(InputError) as caught:
            check_pack_folder("alpha")

        assert [("not-a-pack", "alpha")] == codes(caught.value.problems)

    @pytest.mark.parametrize("name", ["kiruna", "metodbank"])
    def test_real_packs_are_clean(self, name: str) -> None:
        """The packs in contentpacks/ pass the check without errors."""
        folder = ROOT / "contentpacks" / name
        if not folder.is_dir():
            pytest.skip(f"contentpacks/{name} is missing")

        pack_id, problems = check_pack_folder(folder)

        assert (name, []) == (pack_id, [p for p in problems if p.is_error])
