"""Tests for reading documents and writing files atomically."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from innovationsresan.errors import InputError
from innovationsresan.files import documents
from innovationsresan.files.documents import atomic_write_text, load_document, read_document


class TestLoadDocument:
    def test_toml_and_json(self, tmp_path: Path) -> None:
        """TOML and JSON with the same structure read the same."""
        (tmp_path / "a.toml").write_text('schema = "x"\n[t]\nk = 1\n', encoding="utf-8")
        (tmp_path / "a.json").write_text('{"schema": "x", "t": {"k": 1}}', encoding="utf-8")
        assert load_document(tmp_path / "a.toml")[0] == load_document(tmp_path / "a.json")[0]

    def test_syntax_error_names_the_file(self, tmp_path: Path) -> None:
        """A syntax error is a problem located at the file."""
        path = tmp_path / "bad.toml"
        path.write_text("a = [1,\n", encoding="utf-8")
        document, problems = load_document(path, name="bad.toml")
        assert document is None
        assert [("syntax-error", "bad.toml")] == [(p.code, p.location) for p in problems]

    def test_not_utf8(self, tmp_path: Path) -> None:
        """Bytes that are not UTF-8 are reported, not decoded wrongly."""
        path = tmp_path / "latin.toml"
        path.write_bytes('a = "blåbär"'.encode("latin-1"))
        _, problems = load_document(path)
        assert ["not-utf8"] == [p.code for p in problems]

    def test_byte_order_mark_is_accepted(self, tmp_path: Path) -> None:
        """A UTF-8 byte-order mark (common from Windows editors) is fine."""
        path = tmp_path / "bom.toml"
        path.write_bytes(b"\xef\xbb\xbfa = 1\n")
        assert {"a": 1} == load_document(path)[0]

    def test_too_large_is_not_parsed(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A file over the limit is refused before it is read."""
        monkeypatch.setattr(documents, "MAX_BYTES", 10)
        path = tmp_path / "big.toml"
        path.write_text("a = 1234567890\n", encoding="utf-8")
        _, problems = load_document(path)
        assert ["file-too-large"] == [p.code for p in problems]

    def test_json_rejects_nan_and_duplicate_keys(self, tmp_path: Path) -> None:
        """JSON's NaN extension and duplicate keys are syntax errors, not silent values."""
        (tmp_path / "nan.json").write_text('{"a": NaN}', encoding="utf-8")
        (tmp_path / "dup.json").write_text('{"a": 1, "a": 2}', encoding="utf-8")
        assert ["syntax-error"] == [p.code for p in load_document(tmp_path / "nan.json")[1]]
        assert ["syntax-error"] == [p.code for p in load_document(tmp_path / "dup.json")[1]]

    def test_top_level_must_be_a_table(self, tmp_path: Path) -> None:
        """A JSON list at the top is a wrong-type problem."""
        (tmp_path / "list.json").write_text("[1, 2]", encoding="utf-8")
        assert ["wrong-type"] == [p.code for p in load_document(tmp_path / "list.json")[1]]

    def test_integer_too_long_is_a_syntax_error(self, tmp_path: Path) -> None:
        """An integer with more digits than Python converts is a syntax error, not a crash."""
        digits = "9" * 5000
        (tmp_path / "big.json").write_text(f'{{"a": {digits}}}', encoding="utf-8")
        (tmp_path / "big.toml").write_text(f"a = {digits}\n", encoding="utf-8")

        assert ["syntax-error"] == [p.code for p in load_document(tmp_path / "big.json")[1]]
        assert ["syntax-error"] == [p.code for p in load_document(tmp_path / "big.toml")[1]]

    def test_json_lone_surrogates_are_located(self, tmp_path: Path) -> None:
        """JSON strings escaping half a UTF-16 pair are refused, each at its key path."""
        path = tmp_path / "s.json"
        path.write_text(
            '{"a": "x\\ud800", "b": ["ok", "\\udc00"], "\\udfff": 1, "c": "\\ud83d\\ude00"}',
            encoding="utf-8",
        )

        document, problems = load_document(path, name="s.json")

        assert document is None
        assert [
            ("invalid-text", "s.json:a"),
            ("invalid-text", "s.json:b[1]"),
            ("invalid-text", "s.json:\\udfff"),
        ] == [(p.code, p.location) for p in problems]

    def test_json_surrogate_pairs_are_text(self, tmp_path: Path) -> None:
        """A correctly escaped pair (an emoji) is an ordinary character."""
        path = tmp_path / "e.json"
        path.write_text('{"a": "\\ud83d\\ude00"}', encoding="utf-8")

        assert ({"a": "\U0001f600"}, []) == load_document(path)

    def test_undecodable_file_name_is_printable(self, tmp_path: Path) -> None:
        """A file name the system could not decode is named with escapes that print."""
        path = tmp_path / os.fsdecode(b"\xff.toml")

        _, problems = load_document(path)

        assert problems[0].location.endswith("/\\udcff.toml")
        problems[0].location.encode("utf-8")

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file is a problem; read_document raises InputError with it."""
        with pytest.raises(InputError) as info:
            read_document(tmp_path / "nope.toml")
        assert ["missing-file"] == [p.code for p in info.value.problems]


class TestAtomicWrite:
    def test_writes_and_replaces(self, tmp_path: Path) -> None:
        """The new content replaces the old and no temporary file is left."""
        path = tmp_path / "out.toml"
        atomic_write_text(path, "a = 1\n")
        atomic_write_text(path, "a = 2\n")
        assert "a = 2\n" == path.read_text(encoding="utf-8")
        assert ["out.toml"] == os.listdir(tmp_path)

    def test_failure_keeps_old_file(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """When the rename fails the old file is intact and the temporary file is gone."""
        path = tmp_path / "out.toml"
        path.write_text("old\n", encoding="utf-8")

        def broken_replace(src: str, dst: str) -> None:
            raise OSError("disk full")

        monkeypatch.setattr(os, "replace", broken_replace)
        with pytest.raises(OSError, match="disk full"):
            atomic_write_text(path, "new\n")
        assert "old\n" == path.read_text(encoding="utf-8")
        assert ["out.toml"] == os.listdir(tmp_path)

    def test_keeps_permissions_of_existing_file(self, tmp_path: Path) -> None:
        """Replacing a file keeps its mode; a new file is readable by others (0644)."""
        path = tmp_path / "shared.toml"
        atomic_write_text(path, "a = 1\n")
        assert 0o644 == path.stat().st_mode & 0o777
        path.chmod(0o600)
        atomic_write_text(path, "a = 2\n")
        assert 0o600 == path.stat().st_mode & 0o777


class TestTomlSyntaxHints:
    @pytest.mark.parametrize(
        ("text", "sv", "en"),
        [
            (
                "at = 2027-02-15T09:00\n",
                "en tidpunkt behöver sekunder: 2027-02-15T09:00:00",
                "a time needs seconds: 2027-02-15T09:00:00",
            ),
            (
                "created = 12/12/2026\n",
                "skriv datum som ÅÅÅÅ-MM-DD, till exempel 2026-12-12",
                "write dates as YYYY-MM-DD, for example 2026-12-12",
            ),
            (
                "title = Vi testar mer\n",
                'text skrivs inom citattecken: nyckel = "text"',
                'text goes in quotes: key = "text"',
            ),
        ],
    )
    def test_common_mistakes_get_a_hint(self, text: str, sv: str, en: str) -> None:
        """A TOML syntax error is in the user's language, with line, column and a hint."""
        from innovationsresan.files.documents import parse_text

        document, problems = parse_text(text, "plan.toml", "toml")
        (problem,) = problems
        assert (None, "syntax-error") == (document, problem.code)
        assert problem.message.get("sv").startswith("syntaxfel: ")
        assert "(rad 1, kolumn" in problem.message.get("sv")
        assert problem.message.get("sv").endswith(sv)
        assert problem.message.get("en").endswith(en)


#: Broken TOML reaching every message tomllib has (Python 3.11 to 3.13).
_BROKEN_TOML = [
    "a = \n",
    "a = 1 b\n",
    "a b\n",
    "=1\n",
    "[a]\nx=1\n[a]\n",
    "a=1\na=2\n",
    "a = {x=1, x=2}\n",
    "a={}\na.b=1\n",
    "a=[1,2\n",
    "a={b=1\n",
    'a="x\n',
    'a="\x01"\n',
    "a=2026-02-30\n",
    "[a\n",
    "[[a]\n",
    "a='''x",
    'a="\\q"\n',
    'a="\\uZZZZ"\n',
    'a="\\uD800"\n',
    "# \x01\n",
]


class TestTomlSyntaxInOwnWords:
    @pytest.mark.parametrize("text", _BROKEN_TOML)
    def test_never_the_parsers_own_text(self, text: str) -> None:
        """In both languages a TOML syntax error is said in the library's words, with where."""
        import tomllib

        from innovationsresan.files.documents import parse_text

        with pytest.raises(tomllib.TOMLDecodeError) as raised:
            tomllib.loads(text)
        raw = str(raised.value).split(" (at ", 1)[0]
        _, (problem,) = parse_text(text, "plan.toml", "toml")
        sv, en = problem.message.get("sv"), problem.message.get("en")
        assert raw not in en
        assert raw not in sv
        assert "parser says" not in en  # every message of these Pythons is known
        assert re.search(r"\((line \d+, column \d+|at the end of the file)\)", en), en
        assert re.search(r"\((rad \d+, kolumn \d+|i slutet av filen)\)", sv), sv
        assert ("plan.toml", "syntax-error") == (problem.location, problem.code)

    @pytest.mark.parametrize(
        ("text", "sv", "en"),
        [
            (
                "[a]\nx=1\n[a]\n",
                "syntaxfel: tabellen [a] finns redan tidigare i filen (rad 3, kolumn 3)",
                "syntax error: the table [a] appears earlier in the file already "
                "(line 3, column 3)",
            ),
            (
                "title = Vi testar\n",
                "syntaxfel: värdet går inte att läsa (rad 1, kolumn 9); text skrivs inom "
                'citattecken: nyckel = "text"',
                "syntax error: the value cannot be read (line 1, column 9); text goes in "
                'quotes: key = "text"',
            ),
            (
                'a="x\n',
                "syntaxfel: texten avslutas aldrig med citattecken på sin rad (rad 1, kolumn 5)",
                "syntax error: the text is never closed with a quote on its line "
                "(line 1, column 5)",
            ),
        ],
    )
    def test_message_and_hint(self, text: str, sv: str, en: str) -> None:
        """The message, where it is and a hint, in Swedish and in English."""
        from innovationsresan.files.documents import parse_text

        _, (problem,) = parse_text(text, "plan.toml", "toml")
        assert (sv, en) == (problem.message.get("sv"), problem.message.get("en"))

    def test_a_message_not_known_keeps_the_parsers_words(self) -> None:
        """A message a later Python may bring is said generally, the parser's words after it."""
        from innovationsresan.files.documents import toml_syntax

        problem = toml_syntax("p.toml", "Something new (at line 2, column 1)", "a=1\nb\n")
        assert (
            "syntax error: the TOML text cannot be read here (the parser says: Something new) "
            "(line 2, column 1)"
        ) == problem.message.get("en")
        assert problem.message.get("sv").startswith("syntaxfel: TOML-texten går inte att läsa här")
