"""Tests for reading and writing response files and collections."""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from innovationsresan import examples
from innovationsresan.errors import InputError
from innovationsresan.files import responses as response_files
from innovationsresan.files.jsonable import to_jsonable
from innovationsresan.files.responses import (
    read_response,
    read_responses,
    response_text,
    write_response,
)
from innovationsresan.model import LocalizedText, Problem
from innovationsresan.responses import NA, SCHEMA, Response
from tests.strategies import responses

TOML = """schema = "innovationsresan.response/1"
respondent = "r07"
date = 2026-11-20
scale = 5

[current.organisation]
uncertainty-tolerance = 2
collaboration = "n/a"

[desired.organisation]
uncertainty-tolerance = 4

[statements]
"kiruna:limited-org-uncertainty-1" = 5
"""

R07 = Response(
    respondent="r07",
    date=__import__("datetime").date(2026, 11, 20),
    scale=5,
    current={"organisation": {"uncertainty-tolerance": 2, "collaboration": NA}},
    desired={"organisation": {"uncertainty-tolerance": 4}},
    statements={"kiruna:limited-org-uncertainty-1": 5},
)


def codes(error: InputError) -> list[tuple[str, str]]:
    """(code, location) of every problem of *error*, with the temporary folder cut off."""
    return [(p.code, p.location.rsplit("/", 1)[-1]) for p in error.problems]


def read_error(*paths: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        read_responses(list(paths) if len(paths) > 1 else paths[0])
    return caught.value


class TestReadResponse:
    def test_toml(self, tmp_path: Path) -> None:
        """A TOML response file is read with every key."""
        path = tmp_path / "r07.toml"
        path.write_text(TOML, encoding="utf-8")
        assert R07 == read_response(path)

    def test_json(self, tmp_path: Path) -> None:
        """A JSON file with the same structure gives the same response."""
        path = tmp_path / "r07.json"
        data = R07.to_mapping()
        data["date"] = "2026-11-20"
        path.write_text(json.dumps(data), encoding="utf-8")
        assert R07 == read_response(str(path))

    def test_source_is_the_file(self, tmp_path: Path) -> None:
        """The response remembers its file for later problems."""
        path = tmp_path / "r07.toml"
        path.write_text(TOML, encoding="utf-8")
        assert str(path) == read_response(path).source

    def test_problems_name_the_file(self, tmp_path: Path) -> None:
        """A bad rating is reported at file:key.path."""
        path = tmp_path / "bad.toml"
        path.write_text(TOML.replace("= 2", "= 9"), encoding="utf-8")
        with pytest.raises(InputError) as caught:
            read_response(path)
        expected = [("invalid-rating", f"{path}:current.organisation.uncertainty-tolerance")]
        assert expected == [(p.code, p.location) for p in caught.value.problems]

    def test_syntax_error(self, tmp_path: Path) -> None:
        """Broken TOML is a syntax-error at the file, never a traceback."""
        path = tmp_path / "bad.toml"
        path.write_text('schema = "innovationsresan.response/1"\n[current\n', encoding="utf-8")
        with pytest.raises(InputError) as caught:
            read_response(path)
        assert [("syntax-error", "bad.toml")] == codes(caught.value)

    def test_missing(self, tmp_path: Path) -> None:
        """A file that is not there is the missing-file problem."""
        with pytest.raises(InputError) as caught:
            read_response(tmp_path / "none.toml")
        assert [("missing-file", "none.toml")] == codes(caught.value)


class TestFolders:
    def test_every_document_in_name_order(self, tmp_path: Path) -> None:
        """A folder gives every .toml and .json response in it, sorted by name."""
        for name, who in (("b.toml", "b"), ("a.json", "a"), ("c.toml", "c")):
            write_response(Response(respondent=who), tmp_path / name)
        (tmp_path / "notes.txt").write_text("not a response", encoding="utf-8")
        assert ["a", "b", "c"] == [r.respondent for r in read_responses(tmp_path)]

    def test_other_kinds_are_passed_over(self, tmp_path: Path) -> None:
        """A plan in the same folder is not read as a response."""
        write_response(Response(respondent="a"), tmp_path / "a.toml")
        (tmp_path / "plan.toml").write_text(
            'schema = "innovationsresan.plan/1"\ncreated = 2026-11-26\n', encoding="utf-8"
        )
        assert ["a"] == [r.respondent for r in read_responses(tmp_path)]

    def test_hidden_files_are_passed_over(self, tmp_path: Path) -> None:
        """Like the shell's *.toml, a folder's hidden files (a macOS ._ copy) are not read."""
        write_response(Response(respondent="a"), tmp_path / "a.toml")
        (tmp_path / "._a.toml").write_bytes(b"\x00\x05\x16\x07\xff")

        assert ["a"] == [r.respondent for r in read_responses(tmp_path)]

    def test_empty_folder(self, tmp_path: Path) -> None:
        """A folder without responses is the no-responses problem."""
        assert [("no-responses", tmp_path.name)] == codes(read_error(tmp_path))

    def test_problems_of_every_file(self, tmp_path: Path) -> None:
        """Problems in several files come together in one error."""
        (tmp_path / "a.toml").write_text(f'schema = "{SCHEMA}"\nscale = 1\n', encoding="utf-8")
        (tmp_path / "b.toml").write_text(f'schema = "{SCHEMA}"\ncurent = 1\n', encoding="utf-8")
        expected = [("out-of-range", "a.toml:scale"), ("unknown-key", "b.toml:curent")]
        assert expected == codes(read_error(tmp_path))

    def test_every_kind_of_response_file_is_read(self, tmp_path: Path) -> None:
        """A folder gives the responses of its .toml, .json, .jsonl and .csv files alike."""
        write_response(Response(respondent="a"), tmp_path / "a.toml")
        write_response(Response(respondent="b"), tmp_path / "b.json")
        (tmp_path / "c.jsonl").write_text(
            f'{{"schema": "{SCHEMA}", "respondent": "c1"}}\n'
            f'{{"schema": "{SCHEMA}", "respondent": "c2"}}\n',
            encoding="utf-8",
        )
        (tmp_path / "d.csv").write_text("respondent\nd1\nd2\nd3\n", encoding="utf-8")
        actual = [r.respondent for r in read_responses(tmp_path)]
        assert ["a", "b", "c1", "c2", "d1", "d2", "d3"] == actual

    def test_what_is_passed_over_is_noted(self, tmp_path: Path) -> None:
        """Subfolders, broken links and other files are named in a note with the counts."""
        write_response(Response(respondent="a"), tmp_path / "a.toml")
        (tmp_path / "d.csv").write_text("respondent\nd1\nd2\n", encoding="utf-8")
        (tmp_path / "old").mkdir()
        (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
        (tmp_path / "gone.toml").symlink_to(tmp_path / "missing.toml")
        (tmp_path / ".hidden.toml").write_text("x", encoding="utf-8")
        notes: list[LocalizedText] = []
        assert 3 == len(read_responses(tmp_path, notes=notes))
        name = str(tmp_path)
        assert [
            f"{name}: 3 respondents from 2 files (a.toml 1, d.csv 2); passed over 3: "
            "gone.toml (broken link), notes.txt (other kind of file), old (folder)."
        ] == [n.get("en") for n in notes]
        assert notes[0].get("sv").startswith(f"{name}: 3 svarande ur 2 filer (a.toml 1, d.csv 2)")

    def test_a_clean_folder_gives_no_note(self, tmp_path: Path) -> None:
        """A folder of response files only (and hidden files) needs no note."""
        write_response(Response(respondent="a"), tmp_path / "a.toml")
        (tmp_path / ".DS_Store").write_bytes(b"\x00")
        notes: list[LocalizedText] = []
        read_responses(tmp_path, notes=notes)
        assert [] == notes

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")
    def test_files_set_aside_are_neither_read_nor_noted(self, tmp_path: Path) -> None:
        """iter_folder leaves the files set aside to its caller: not read, not in the note."""
        (tmp_path / "r1.toml").write_text(TOML, encoding="utf-8")
        (tmp_path / "plan.toml").write_text("broken [", encoding="utf-8")
        (tmp_path / "sub").mkdir()
        notes: list[LocalizedText] = []
        found = list(response_files.iter_folder(tmp_path, notes=notes, set_aside=("plan.toml",)))
        assert [R07] == found
        assert [
            f"{tmp_path}: 1 respondent from 1 file (r1.toml 1); passed over 1: sub (folder)."
        ] == [n.get("en") for n in notes]

    def test_fifo_in_a_folder_is_passed_over(self, tmp_path: Path) -> None:
        """A FIFO named like a response is passed over, never read (it could wait forever)."""
        write_response(Response(respondent="a"), tmp_path / "a.toml")
        os.mkfifo(tmp_path / "pipe.toml")
        notes: list[LocalizedText] = []
        assert ["a"] == [r.respondent for r in read_responses(tmp_path, notes=notes)]
        assert "pipe.toml (not a regular file)" in notes[0].get("en")


class TestLimits:
    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")
    @pytest.mark.parametrize("suffix", [".toml", ".json", ".jsonl", ".csv"])
    def test_fifo_given_as_a_file_is_refused(self, tmp_path: Path, suffix: str) -> None:
        """A FIFO given as an input file is refused at once, not read forever."""
        fifo = tmp_path / f"pipe{suffix}"
        os.mkfifo(fifo)
        assert [("unreadable", fifo.name)] == codes(read_error(fifo))

    def test_problems_are_capped_per_file(self, tmp_path: Path) -> None:
        """A file with thousands of bad rows keeps the first 100 problems and counts the rest."""
        path = tmp_path / "big.csv"
        rows = "".join(f"r{i},9\n" for i in range(5000))
        path.write_text("respondent,current.organisation.curiosity\n" + rows, encoding="utf-8")
        error = read_error(path)
        assert 101 == len(error.problems)
        last = error.problems[-1]
        assert ("more-problems", "big.csv") == (last.code, last.location.rsplit("/", 1)[-1])
        assert last.message.get("en").startswith("and 4900 more problems in the file")

    def test_response_with_many_unknown_keys(self, tmp_path: Path) -> None:
        """16 000 unknown keys in one response give a capped list of problems, quickly."""
        keys = "".join(f"p{i} = 3\n" for i in range(16_000))
        path = tmp_path / "wide.toml"
        path.write_text(f'schema = "{SCHEMA}"\n[current.organisation]\n{keys}', encoding="utf-8")
        error = read_error(path)
        assert 101 == len(error.problems)
        assert "unknown-principle" == error.problems[0].code
        assert error.problems[-1].message.get("en").startswith("and 15900 more problems")

    @pytest.mark.parametrize("suffix", [".toml", ".json"])
    def test_one_file_read_alone_is_capped(self, tmp_path: Path, suffix: str) -> None:
        """read_response on one file keeps the first 100 problems and counts the rest, too."""
        ratings = {f"p{i}": 3 for i in range(3000)}
        document = {"schema": SCHEMA, "current": {"organisation": ratings}}
        path = tmp_path / f"wide{suffix}"
        if suffix == ".json":
            path.write_text(json.dumps(document), encoding="utf-8")
        else:
            keys = "".join(f"{key} = 3\n" for key in ratings)
            path.write_text(f'schema = "{SCHEMA}"\n[current.organisation]\n{keys}', "utf-8")
        with pytest.raises(InputError) as caught:
            read_response(path)
        problems = caught.value.problems
        assert 101 == len(problems)
        assert ("more-problems", str(path)) == (problems[-1].code, problems[-1].location)
        assert problems[-1].message.get("en").startswith("and 2900 more problems in the file")

    @pytest.mark.parametrize("kind", ["csv", "jsonl", "json"])
    def test_counted_problems_are_exact(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
    ) -> None:
        """Past the cap, problems are only counted, and "and N more" is what the full list holds.

        Rows with several faults each, ragged rows and lines of broken JSON, read once with the
        cap and once without: the kept problems are the full list's first ones, and the count
        names exactly the rest.
        """
        path = tmp_path / f"bad.{kind}"
        path.write_text(_MANY_FAULTS[kind], encoding="utf-8")
        limit = response_files.MAX_PROBLEMS_PER_FILE
        capped = read_error(path).problems
        monkeypatch.setattr(response_files, "MAX_PROBLEMS_PER_FILE", 10**9)
        full = read_error(path).problems
        more = len(full) - limit
        assert more > 1000
        assert full[:limit] == capped[:limit]
        assert (limit + 1, "more-problems") == (len(capped), capped[-1].code)
        assert capped[-1].message.get("en").startswith(f"and {more} more problems in the file")


_BAD_CELLS = "x,99,n/a,0"
_MANY_FAULTS = {
    "csv": "respondent,scale,current.organisation.curiosity,current.individual.curiosity,"
    "desired.organisation.curiosity,statements.t:a\n"
    + "".join(
        f"r{i},5,{_BAD_CELLS}\n" if i % 3 else f"r{i},5,1\n" if i % 2 else f"r{i},40,7,x,6,3\n"
        for i in range(600)
    ),
    "jsonl": "".join(
        '{"a": 1,,}\n'
        if i % 4 == 0
        else json.dumps(
            {
                "schema": SCHEMA,
                "scale": 5,
                "current": {"organisation": {"curiosity": 9, "curiosty": 1}},
                "statements": {"t:a": "x", "Bad Id": 1},
                "extra": i,
            }
        )
        + "\n"
        for i in range(600)
    ),
    "json": json.dumps(
        {"schema": SCHEMA, "current": {"individual": {f"p{i}": 1 for i in range(3000)}}}
    ),
}


class TestJsonLines:
    def test_one_response_per_line(self, tmp_path: Path) -> None:
        """Each line is a response; blank lines are skipped."""
        path = tmp_path / "team.jsonl"
        lines = [
            json.dumps({"schema": SCHEMA, "respondent": "a"}),
            "",
            json.dumps({"schema": SCHEMA, "respondent": "b", "scale": 7}),
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        found = read_responses(path)
        assert ["a", "b"] == [r.respondent for r in found]
        assert [0, 2] == [r.index for r in found]

    def test_locations_carry_the_line(self, tmp_path: Path) -> None:
        """A bad line is located by its 0-based line number: team.jsonl:[2]."""
        path = tmp_path / "team.jsonl"
        lines = [
            json.dumps({"schema": SCHEMA}),
            json.dumps({"schema": SCHEMA, "current": {"organisation": {"curiosity": 0}}}),
            '{"schema": ',
            json.dumps([1]),
        ]
        path.write_text("\n".join(lines), encoding="utf-8")
        expected = [
            ("invalid-rating", "team.jsonl:[1].current.organisation.curiosity"),
            ("syntax-error", "team.jsonl:[2]"),
            ("wrong-type", "team.jsonl:[3]"),
        ]
        assert expected == codes(read_error(path))


class TestCsv:
    HEADER = (
        "respondent,scale,date,current.organisation.curiosity,desired.individual.ownership,"
        "statements.kiruna:x"
    )

    def write(self, tmp_path: Path, *rows: str, header: str | None = None) -> Path:
        path = tmp_path / "team.csv"
        path.write_text("\n".join([header or self.HEADER, *rows]) + "\n", encoding="utf-8")
        return path

    def test_rows(self, tmp_path: Path) -> None:
        """Each row is a response; an empty cell is unanswered, n/a is kept."""
        path = self.write(tmp_path, "a,5,2026-11-20,3,,n/a", "b,,,N/A,4,1")
        expected = (
            Response(
                respondent="a",
                date=__import__("datetime").date(2026, 11, 20),
                current={"organisation": {"curiosity": 3}},
                statements={"kiruna:x": NA},
            ),
            Response(
                respondent="b",
                current={"organisation": {"curiosity": NA}},
                desired={"individual": {"ownership": 4}},
                statements={"kiruna:x": 1},
            ),
        )
        assert expected == read_responses(path)

    def test_semicolons_and_byte_order_mark(self, tmp_path: Path) -> None:
        """A spreadsheet's export with semicolons and a byte-order mark reads the same."""
        path = tmp_path / "team.csv"
        text = "\ufeffrespondent;current.individual.curiosity\nx;4\n"
        path.write_bytes(text.encode("utf-8"))
        assert (
            Response(respondent="x", current={"individual": {"curiosity": 4}}),
        ) == read_responses(path)

    def test_blank_rows_are_skipped(self, tmp_path: Path) -> None:
        """Rows without any value (a spreadsheet's trailing rows) are no respondents."""
        path = self.write(tmp_path, "a,,,,,", ",,,,,", "")
        assert 1 == len(read_responses(path))

    def test_unknown_column(self, tmp_path: Path) -> None:
        """An unknown column is reported by its name, once, not per row."""
        header = (
            "respondent,curent.organisation.curiosity,current.organisation.speed,statements.Bad"
        )
        path = self.write(tmp_path, "a,3,3,3", "b,4,4,4", header=header)
        expected = [
            ("unknown-column", "team.csv:curent.organisation.curiosity"),
            ("unknown-column", "team.csv:current.organisation.speed"),
            ("invalid-id", "team.csv:statements.Bad"),
        ]
        assert expected == codes(read_error(path))

    def test_duplicate_column(self, tmp_path: Path) -> None:
        """A column given twice is a problem."""
        path = self.write(
            tmp_path, "3,4", header="current.organisation.curiosity,current.organisation.curiosity"
        )
        assert [("duplicate-column", "team.csv:current.organisation.curiosity")] == codes(
            read_error(path)
        )

    def test_bad_cells(self, tmp_path: Path) -> None:
        """A bad cell is located by row (0-based after the header) and column."""
        path = self.write(tmp_path, "a,5,,3,,2", "b,5,2026-02-30,6,x,3.0", "c,eleven,,1,,")
        expected = [
            ("invalid-date", "team.csv:[1].date"),
            ("invalid-rating", "team.csv:[1].current.organisation.curiosity"),
            ("invalid-rating", "team.csv:[1].desired.individual.ownership"),
            ("invalid-rating", "team.csv:[1].statements.kiruna:x"),
            ("wrong-type", "team.csv:[2].scale"),
        ]
        assert expected == codes(read_error(path))

    def test_numbers_too_long_to_convert(self, tmp_path: Path) -> None:
        """A cell of thousands of digits is an invalid value of its row, not a crash."""
        digits = "9" * 5000
        path = self.write(tmp_path, f"a,{digits},,3,,", f"b,5,,-{digits},,")

        expected = [
            ("wrong-type", "team.csv:[0].scale"),
            ("invalid-rating", "team.csv:[1].current.organisation.curiosity"),
        ]
        assert expected == codes(read_error(path))

    def test_extra_cells(self, tmp_path: Path) -> None:
        """Cells beyond the header are a problem of their row."""
        path = self.write(tmp_path, "a,5,,3,,2,surprise")
        assert [("extra-cells", "team.csv:[0]")] == codes(read_error(path))

    def test_header_only(self, tmp_path: Path) -> None:
        """A header without rows holds no responses."""
        path = self.write(tmp_path)
        assert [("no-responses", "team.csv")] == codes(read_error(path))

    def test_ten_thousand_rows(self, tmp_path: Path) -> None:
        """A team of 10 000 in one CSV file reads whole, each row as its own response.

        How fast is measured by the benchmarks (docs/performance.md), never asserted here.
        """
        ladder = [
            f"current.{q}.{p}"
            for q in ("organisation", "individual")
            for p in ("curiosity", "ownership", "collaboration")
        ]
        rows = [
            f"r{i},5," + ",".join(str(1 + (i + j) % 5) for j in range(len(ladder)))
            for i in range(10_000)
        ]
        path = self.write(tmp_path, *rows, header="respondent,scale," + ",".join(ladder))
        found = read_responses(path)
        assert 10_000 == len(found)
        assert ["r0", "r9999"] == [found[0].respondent, found[-1].respondent]


class TestCollections:
    def test_several_paths(self, tmp_path: Path) -> None:
        """Files, folders and collections combine in the order given."""
        folder = tmp_path / "f"
        folder.mkdir()
        write_response(Response(respondent="f1"), folder / "1.toml")
        write_response(Response(respondent="single"), tmp_path / "s.json")
        (tmp_path / "t.csv").write_text("respondent\ncsv\n", encoding="utf-8")
        found = read_responses([folder, tmp_path / "s.json", str(tmp_path / "t.csv")])
        assert ["f1", "single", "csv"] == [r.respondent for r in found]

    def test_all_problems_of_all_paths(self, tmp_path: Path) -> None:
        """Problems of every path come in one InputError."""
        (tmp_path / "t.csv").write_text("bogus\n1\n", encoding="utf-8")
        error = read_error(tmp_path / "t.csv", tmp_path / "none.toml", tmp_path / "x.xlsx")
        expected = [
            ("unknown-column", "t.csv:bogus"),
            ("missing-file", "none.toml"),
            ("missing-file", "x.xlsx"),
        ]
        assert expected == codes(error)

    def test_unknown_format(self, tmp_path: Path) -> None:
        """An existing file of another format is named as such."""
        path = tmp_path / "team.xlsx"
        path.write_bytes(b"PK")
        assert [("unknown-format", "team.xlsx")] == codes(read_error(path))

    def test_single_file_too_large(self, tmp_path: Path) -> None:
        """A single response file over 5 MB is refused without being parsed."""
        path = tmp_path / "huge.json"
        path.write_bytes(b" " * (5 * 1024 * 1024 + 1))
        assert [("file-too-large", "huge.json")] == codes(read_error(path))

    @pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
    def test_collection_over_five_megabytes(self, tmp_path: Path, suffix: str) -> None:
        """A collection file has no size limit: 6 MB of responses are all read."""
        path = tmp_path / f"big{suffix}"
        people = 70_000
        if suffix == ".jsonl":
            line = json.dumps({"schema": SCHEMA, "current": {"individual": {"curiosity": 3}}})
            path.write_text(f"{line}\n" * people, encoding="utf-8")
        else:
            row = "p" * 80 + ",3,5\n"
            path.write_text(
                "respondent,current.individual.curiosity,scale\n" + row * people,
                encoding="utf-8",
            )
        assert path.stat().st_size > 5 * 1024 * 1024
        assert people == sum(1 for _ in response_files.iter_responses(path))

    def test_iter_yields_before_the_end_and_raises_last(self, tmp_path: Path) -> None:
        """iter_responses yields what it can read first and raises every problem at the end."""
        path = tmp_path / "team.jsonl"
        good = '{"schema": "innovationsresan.response/1", "respondent": "a"}\n'
        path.write_text(good + "{broken\n" + good, encoding="utf-8")
        stream = response_files.iter_responses(path)
        assert "a" == next(stream).respondent
        assert "a" == next(stream).respondent
        with pytest.raises(InputError) as caught:
            next(stream)
        assert [("syntax-error", "team.jsonl:[1]")] == codes(caught.value)

    def test_not_utf8_names_the_byte(self, tmp_path: Path) -> None:
        """A bad byte deep in a collection is reported with its offset in the file."""
        for suffix in (".jsonl", ".csv"):
            path = tmp_path / f"team{suffix}"
            head = b"respondent\n" if suffix == ".csv" else b""
            line = b'{"schema": "innovationsresan.response/1"}\n' if suffix == ".jsonl" else b"ab\n"
            data = head + line * 5000
            path.write_bytes(data + b"\xff\n")
            (problem,) = read_error(path).problems
            assert f"(byte {len(data)})" in problem.message.get("en")

    def test_not_utf8(self, tmp_path: Path) -> None:
        """Bytes that are not UTF-8 are reported, not guessed."""
        path = tmp_path / "team.csv"
        path.write_bytes(b"respondent\n\xff\n")
        assert [("not-utf8", "team.csv")] == codes(read_error(path))

    def test_message(self, tmp_path: Path) -> None:
        """The error's message counts the problems in both languages."""
        error = read_error(tmp_path / "none.toml")
        assert "Svaren kan inte läsas (1 fel)." == error.message.get("sv")
        assert "The responses cannot be read (1 error)." == error.message.get("en")


class TestWriteResponse:
    def test_toml_text(self) -> None:
        """The TOML written is the file format, n/a kept and statement ids quoted."""
        assert TOML == response_text(R07)

    @given(responses(("kiruna:a", "plain", "u:b-2")))
    def test_round_trip(self, response: Response) -> None:
        """Writing and reading back gives an equal response, in TOML and in JSON."""
        with tempfile.TemporaryDirectory() as folder:
            for name in ("r.toml", "r.json"):
                path = Path(folder) / name
                write_response(response, path)
                assert response == read_response(path)

    def test_no_temporary_files_left(self, tmp_path: Path) -> None:
        """After writing, only the file itself is in the folder."""
        write_response(R07, tmp_path / "r.toml")
        assert ["r.toml"] == sorted(os.listdir(tmp_path))

    def test_old_file_survives_a_failed_write(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """When the final rename fails, the old file is intact and no temporary file is left."""
        path = tmp_path / "r.toml"
        path.write_text("old", encoding="utf-8")

        def fail(*_: object) -> None:
            raise OSError("disk full")

        monkeypatch.setattr(os, "replace", fail)
        with pytest.raises(OSError, match="disk full"):
            write_response(R07, path)
        assert "old" == path.read_text(encoding="utf-8")
        assert ["r.toml"] == sorted(os.listdir(tmp_path))

    def test_other_suffix(self, tmp_path: Path) -> None:
        """Only .toml and .json can be written."""
        with pytest.raises(InputError) as caught:
            write_response(R07, tmp_path / "r.yaml")
        assert ["unknown-format"] == [p.code for p in caught.value.problems]
        assert not (tmp_path / "r.yaml").exists()


class TestJson:
    def test_response_shape(self) -> None:
        """A response becomes its file structure with an ISO date."""
        data = to_jsonable(R07)
        assert "2026-11-20" == data["date"]
        assert {"uncertainty-tolerance": 2, "collaboration": "n/a"} == data["current"][
            "organisation"
        ]

    def test_person_result_shape(self) -> None:
        """A person's result lists scores per perspective and principle, placements as text."""
        from innovationsresan.catalog import Catalog
        from innovationsresan.scoring import score_person

        person = Response(respondent="r1", current={"individual": {"curiosity": 4}})
        data = to_jsonable(score_person(person, Catalog()))
        assert ["respondent", "scores", "desired", "position", "placement"] == list(data)
        assert 0.75 == data["scores"]["individual"]["curiosity"]
        assert data["scores"]["organisation"]["curiosity"] is None
        expected = {"organisation": None, "individual": "innovative", "overall": "innovative"}
        assert expected == data["placement"]

    def test_hooks_cover_the_result_types(self) -> None:
        """Every result type of scoring has a JSON hook."""
        from innovationsresan.scoring import (
            Bands,
            GroupResult,
            PersonResult,
            PlacementExplanation,
            PrincipleResult,
            Stats,
        )

        assert {
            Response,
            Stats,
            PrincipleResult,
            GroupResult,
            PersonResult,
            Bands,
            PlacementExplanation,
        } == set(response_files.jsonable_hooks("sv"))


class TestExamples:
    def test_team(self) -> None:
        """The bundled team has eight respondents with one n/a and one missing cell."""
        team = read_responses(examples.path("team"))
        assert 8 == len(team)
        na = [(r.respondent, q, p) for r in team for q, p, v in r.current if v == NA]
        assert [("r04", "organisation", "problem-understanding")] == na
        sizes = sorted(len(r.current) for r in team)
        assert [17, 18, 18, 18, 18, 18, 18, 18] == sizes
        assert 3 == sum(1 for r in team if r.statements)

    def test_unknown_example(self) -> None:
        """Asking for an example that does not exist is a FileNotFoundError."""
        with pytest.raises(FileNotFoundError):
            examples.path("nothing-here")

    def test_examples_are_found_without_a_folder_on_disk(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Where the package is no folder on disk (a zipped installation) the examples are its
        package resources, read like the folder."""
        monkeypatch.setattr(examples.os.path, "isdir", lambda _: False)
        team = examples.path("team")
        assert team.is_dir()
        assert 8 == len(read_responses(team))

    def test_a_resource_that_is_no_path_is_read_like_the_folder(self, tmp_path: Path) -> None:
        """A package resource that is no file-system path (a folder inside a zip file) is read
        as the same folder on disk is."""
        folder = examples.path("team")
        archive = tmp_path / "team.zip"
        with zipfile.ZipFile(archive, "w") as zipped:
            for child in sorted(folder.iterdir(), key=lambda c: c.name):
                zipped.writestr(f"team/{child.name}", child.read_bytes())
        inside = zipfile.Path(archive, "team/")

        def answers(team: list[Response]) -> list[tuple[object, ...]]:
            return [(r.respondent, r.current, r.desired, r.statements) for r in team]

        assert answers(read_responses(folder)) == answers(read_responses(inside))
        assert answers(read_responses(folder)) == answers(read_responses([inside]))

    @pytest.mark.slow
    def test_wheel_ships_the_team(self, tmp_path: Path) -> None:
        """The built wheel holds the example team's files."""
        import subprocess
        import sys
        import zipfile

        root = Path(__file__).resolve().parents[1]
        subprocess.run(
            [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
            cwd=root,
            check=True,
            capture_output=True,
        )
        (wheel,) = tmp_path.glob("*.whl")
        names = zipfile.ZipFile(wheel).namelist()
        team = sorted(n for n in names if n.startswith("innovationsresan/examples/team/"))
        assert [f"innovationsresan/examples/team/r0{i}.toml" for i in range(1, 9)] == team


_CSV_CELLS = st.sampled_from(
    [
        *("", " ", "1", "3", "5", "6", "0", "03", "00", "10", "11"),
        *("+3", " 4 ", "n/a", "N/A", " n/a", "x", "3.0", "٣"),
    ]
)
_CSV_HEADER = [
    "respondent",
    "scale",
    "date",
    "current.organisation.curiosity",
    "current.individual.experimenting",
    "current.organisation.experimenting",
    "desired.organisation.curiosity",
    "statements.kiruna:b",
    "statements.kiruna:a",
]


class TestCsvQuickPath:
    @given(
        st.lists(
            st.tuples(
                st.sampled_from(["", "r1", " r2 ", "x" * 201]),
                st.sampled_from(["", "5", "3", " 7", "1", "12", "x", "07", "11", "05 "]),
                st.sampled_from(["", "2026-11-20", "20261120", "2026-13-01"]),
                *([_CSV_CELLS] * 6),
            ),
            min_size=1,
            max_size=6,
        )
    )
    def test_same_as_the_detailed_check(self, rows: list[tuple[str, ...]]) -> None:
        """Rows taken in one pass give just what the detailed check gives: responses, problems."""
        text = ",".join(_CSV_HEADER) + "\n" + "".join(",".join(r) + "\n" for r in rows)
        assert_quick_path_agrees(text)

    @given(
        st.lists(st.booleans(), min_size=len(_CSV_HEADER), max_size=len(_CSV_HEADER)),
        st.lists(st.lists(_CSV_CELLS, min_size=9, max_size=9), min_size=1, max_size=4),
    )
    def test_same_as_the_detailed_check_with_any_columns(
        self, kept: list[bool], rows: list[list[str]]
    ) -> None:
        """A file without some of the columns (no desired ratings, no statements …) gives just
        what the detailed check gives."""
        header = [c for c, keep in zip(_CSV_HEADER, kept, strict=True) if keep] or ["respondent"]
        text = ",".join(header) + "\n" + "".join(",".join(r[: len(header)]) + "\n" for r in rows)
        assert_quick_path_agrees(text)


def _outcome(path: Path) -> tuple[list[tuple[Response, str | None, int | None]], list[str]]:
    try:
        found = read_responses(path)
    except InputError as error:
        return [], [f"{p.code} {p.location}" for p in error.problems]
    return [(r, r.source, r.index) for r in found], []


def assert_quick_path_agrees(text: str) -> None:
    """The CSV *text* read through the one-pass row path gives just what the detailed check
    gives (the quick path turned off): the same responses and problems."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "team.csv"
        path.write_text(text, encoding="utf-8")
        quick = _outcome(path)
        original = response_files._RowPlan.quick
        response_files._RowPlan.quick = lambda *_: None  # type: ignore[method-assign]
        try:
            detailed = _outcome(path)
        finally:
            response_files._RowPlan.quick = original  # type: ignore[method-assign]
    assert detailed == quick


class TestToJsonable:
    def test_error_becomes_message_and_problems(self) -> None:
        """The library's errors become {message, problems} in the chosen language."""
        error = InputError(
            LocalizedText.of("Kan inte läsas.", "Cannot be read."),
            problems=[Problem.error("syntax-error", "r.toml", "syntaxfel", "syntax error")],
        )
        expected = {
            "message": "Cannot be read.",
            "problems": [
                {
                    "severity": "error",
                    "code": "syntax-error",
                    "location": "r.toml",
                    "message": "syntax error",
                }
            ],
        }
        assert expected == to_jsonable(error, lang="en")

    @pytest.mark.parametrize("value", [object(), {1, 2}, b"bytes", [complex(1, 2)]])
    def test_unknown_type_is_type_error(self, value: object) -> None:
        """A type the library does not know raises TypeError instead of passing through."""
        with pytest.raises(TypeError, match="to_jsonable does not know the type"):
            to_jsonable(value)
