"""Tests for the spreadsheet export of an action plan: the tables, CSV, xlsx, neutralising."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
import zoneinfo
from pathlib import Path

import attrs
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from innovationsresan.catalog import Catalog, PackContent
from innovationsresan.errors import InnovationsresanError
from innovationsresan.files.spreadsheets import (
    FORMULA_STARTS,
    Sheet,
    SpreadsheetUnavailableError,
    csv_bytes,
    export_paths,
    neutralise,
    plan_sheet,
    positions_sheet,
    write_export,
    xlsx_bytes,
)
from innovationsresan.model import Card, LocalizedText, PackInfo, SupportFunction
from innovationsresan.plans import Action, ActionPlan, DateRange, FollowUp, SupportNeed
from innovationsresan.responses import parse_response
from innovationsresan.scoring import GroupResult, score
from tests.strategies import plans

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")

CATALOG = Catalog.build(
    [
        PackContent(
            info=PackInfo(id="k", name=LocalizedText.of("K")),
            cards=(
                Card(
                    id="crazy-8",
                    pack="k",
                    title=LocalizedText.of("Crazy 8", "Crazy eights"),
                    summary=LocalizedText.of("S", "S"),
                    principles=(("experimenting", 1.0),),
                ),
            ),
            support=(
                SupportFunction(id="it", pack="k", name=LocalizedText.of("IT-stöd", "IT help")),
            ),
        )
    ]
)

PLAN = ActionPlan(
    created=dt.date(2026, 11, 26),
    title="Vi testar mer",
    follow_up=FollowUp(at=dt.datetime(2027, 2, 15, 9, 0, tzinfo=STOCKHOLM), where="Aurora, rum 2"),
    actions=(
        Action(
            what="Skissa lösningar",
            how="Crazy 8 på APT",
            when=dt.date(2026, 12, 10),
            who=("Anna", "Bo"),
            cards=("crazy-8",),
            principles=("experimenting", "curiosity"),
            support=(
                SupportNeed(function="it", need="Ett kalkylark", ask="Maria"),
                SupportNeed(need="En lokal"),
            ),
        ),
        Action(
            what='=HYPERLINK("http://x")',
            how="-2+3",
            when=DateRange(dt.date(2027, 1, 8), dt.date(2027, 2, 5)),
            who=("@Cecilia",),
            status="started",
        ),
    ),
)


def group() -> GroupResult:
    """Two people: organisation 2 and 4 now on experimenting, both want 5."""
    responses = [
        parse_response(
            {
                "schema": "innovationsresan.response/1",
                "respondent": f"r{i}",
                "current": {"organisation": {"experimenting": rating}},
                "desired": {"organisation": {"experimenting": 5}},
            }
        )
        for i, rating in enumerate((2, 4))
    ]
    return score(responses, CATALOG)


def read_csv(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))


class TestPlanSheet:
    def test_one_row_per_action(self) -> None:
        """Each action is one row: what, how, when, who, support, principles, cards, follow-up."""
        sheet = plan_sheet(PLAN, CATALOG, lang="en")

        assert (
            "What",
            "How",
            "When",
            "Who",
            "Support",
            "Principles",
            "Cards",
            "Follow-up",
            "Status",
        ) == sheet.headers
        assert (
            "Skissa lösningar",
            "Crazy 8 på APT",
            "2026-12-10",
            "Anna, Bo",
            "IT help (k:it): Ett kalkylark – ask Maria\nEn lokal – nobody named to ask",
            "Trying things out, Curiosity",
            "Crazy eights (k:crazy-8)",
            "2027-02-15 09:00, Aurora, rum 2",
            "planned",
        ) == sheet.rows[0]
        assert ("2027-01-08 – 2027-02-05", "started") == (sheet.rows[1][2], sheet.rows[1][8])

    def test_swedish_headers(self) -> None:
        """In Swedish the headers are vad, hur, när, vem, stöd …"""
        sheet = plan_sheet(PLAN, CATALOG)

        assert ("Vad", "Hur", "När", "Vem", "Stöd") == sheet.headers[:5]
        assert "påbörjad" == sheet.rows[1][8]

    def test_without_catalogue_ids_as_written(self) -> None:
        """Without a catalogue cards and support functions are shown as the plan writes them."""
        row = plan_sheet(PLAN, lang="en").rows[0]

        assert ("it: Ett kalkylark – ask Maria", "crazy-8") == (row[4].split("\n")[0], row[6])

    def test_no_follow_up(self) -> None:
        """A plan without a follow-up says none is booked on every row."""
        sheet = plan_sheet(attrs.evolve(PLAN, follow_up=None))

        assert {"ingen bokad"} == {row[7] for row in sheet.rows}


class TestPositionsSheet:
    def test_figures_come_from_scoring(self) -> None:
        """Current, desired and gap per principle and perspective are the group result's."""
        result = group()
        sheet = positions_sheet(result, lang="en")

        rows = {(r[0], r[1]): r[2:] for r in sheet.rows}
        stats = result.principle("experimenting").organisation
        assert (
            "Principle",
            "Perspective",
            "Current position",
            "Desired position",
            "Gap",
            "Answers",
        ) == sheet.headers
        assert 18 == len(sheet.rows)
        assert (stats.mean, stats.desired, stats.gap, 2) == rows[
            ("Trying things out", "The organisation")
        ]
        assert (0.5, 1.0, 0.5) == (stats.mean, stats.desired, stats.gap)
        assert (None, None, None, 0) == rows[("Curiosity", "The individual")]


class TestNeutralise:
    @pytest.mark.parametrize("start", FORMULA_STARTS)
    def test_formula_starts(self, start: str) -> None:
        """A text beginning like a formula gets an apostrophe in front."""
        assert f"'{start}SUM(A1)" == neutralise(f"{start}SUM(A1)")

    @pytest.mark.parametrize("text", ["Anna", "", " =1", "a=b", "'quoted", "1+1"])
    def test_other_text_kept(self, text: str) -> None:
        """Other texts are kept as they are."""
        assert text == neutralise(text)


class TestCsv:
    def test_swedish_dialect(self) -> None:
        """Semicolons, decimal commas, a byte-order mark and CRLF line ends."""
        sheet = Sheet("s", ("Namn", "Tal"), (("a; b", 0.25), ("c", -0.5), ("d", None), ("e", 3)))

        data = csv_bytes(sheet)

        assert data.startswith(b"\xef\xbb\xbf")
        assert b"\r\n" in data
        assert b"\n" not in data.replace(b"\r\n", b"")
        assert [["Namn", "Tal"], ["a; b", "0,25"], ["c", "-0,5"], ["d", ""], ["e", "3"]] == (
            read_csv(data)
        )

    def test_full_precision_without_exponent(self) -> None:
        """A number keeps 15 decimals at most and is never written with an exponent."""
        sheet = Sheet("s", ("x",), ((2 / 3,), (1e-20,), (-0.0,)))

        assert [["x"], ["0,666666666666667"], ["0"], ["0"]] == read_csv(csv_bytes(sheet))

    def test_injection_neutralised(self) -> None:
        """Text cells that could become formulas get an apostrophe; numbers stay numbers."""
        rows = read_csv(csv_bytes(plan_sheet(PLAN, CATALOG)))

        assert ['\'=HYPERLINK("http://x")', "'-2+3"] == rows[2][:2]
        assert "'@Cecilia" == rows[2][3]

    def test_line_breaks_inside_a_cell(self) -> None:
        """Several support needs stay in one cell, one per line."""
        rows = read_csv(csv_bytes(plan_sheet(PLAN, CATALOG)))

        assert 2 == len(rows[1][4].split("\n"))
        assert 3 == len(rows)

    @given(st.lists(st.text(max_size=20), min_size=1, max_size=5))
    def test_any_text_reads_back(self, texts: list[str]) -> None:
        """Whatever the texts, each row reads back as its cells, neutralised."""
        clean = [t.replace("\r", "").replace("\x00", "") for t in texts]
        sheet = Sheet("s", tuple(f"h{i}" for i in range(len(clean))), (tuple(clean),))

        assert [neutralise(t) for t in clean] == read_csv(csv_bytes(sheet))[1]


class TestXlsx:
    def read(self, data: bytes) -> openpyxl.Workbook:
        return openpyxl.load_workbook(io.BytesIO(data))

    def test_sheets_and_cells(self) -> None:
        """The workbook has the plan and the positions as sheets with headers in row 1."""
        sheets = [plan_sheet(PLAN, CATALOG), positions_sheet(group())]

        book = self.read(xlsx_bytes(sheets, created=PLAN.created))

        assert ["Handlingsplan", "Nuläge och önskat läge"] == book.sheetnames
        plan = book["Handlingsplan"]
        assert ["Vad", "Hur", "När", "Vem", "Stöd"] == [c.value for c in plan[1]][:5]
        assert "Skissa lösningar" == plan["A2"].value
        assert plan["A1"].font.bold
        assert "A2" == plan.freeze_panes
        positions = book["Nuläge och önskat läge"]
        found = [
            [c.value for c in row]
            for row in positions.iter_rows(min_row=2)
            if row[0].value == "Testa" and row[1].value == "Organisationen"
        ]
        assert [["Testa", "Organisationen", 0.5, 1.0, 0.5, 2]] == found

    def test_formulas_stay_text(self) -> None:
        """A text beginning like a formula is stored as text with a quote prefix, not a formula."""
        book = self.read(xlsx_bytes([plan_sheet(PLAN, CATALOG)]))

        cell = book.active["A3"]
        assert ('=HYPERLINK("http://x")', "s", True) == (
            cell.value,
            cell.data_type,
            cell.quotePrefix,
        )
        assert ("s", "s") == (book.active["B3"].data_type, book.active["D3"].data_type)
        assert not book.active["A2"].quotePrefix

    def test_control_characters_replaced(self) -> None:
        """Characters a workbook cannot hold become the replacement character."""
        sheet = Sheet("s", ("x",), (("a\x00b\x07c",),))

        assert "a\ufffdb\ufffdc" == self.read(xlsx_bytes([sheet])).active["A2"].value

    def test_same_plan_same_content(self) -> None:
        """The workbook's dates come from the plan, so two exports hold the same properties."""
        book = self.read(xlsx_bytes([plan_sheet(PLAN)], created=PLAN.created))

        assert dt.datetime(2026, 11, 26) == book.properties.created

    def test_clear_error_without_openpyxl(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without openpyxl a workbook is a clear error in both languages, not an ImportError."""
        monkeypatch.setitem(sys.modules, "openpyxl", None)

        with pytest.raises(SpreadsheetUnavailableError) as info:
            xlsx_bytes([plan_sheet(PLAN)])

        assert isinstance(info.value, InnovationsresanError)
        assert "innovationsresan[spreadsheet]" in info.value.message.get("sv")
        assert "needs the openpyxl package" in info.value.message.get("en")


class TestAnyPlan:
    @settings(max_examples=40, deadline=None)
    @given(plans())
    def test_csv_and_xlsx_hold_every_action(self, plan: ActionPlan) -> None:
        """Any plan exports to both formats; each action is one row, its texts neutralised."""
        sheet = plan_sheet(plan, CATALOG)

        rows = read_csv(csv_bytes(sheet))
        book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes([sheet])))

        assert len(plan.actions) + 1 == len(rows) == book.active.max_row
        for i, action in enumerate(plan.actions):
            assert neutralise(action.what.replace("\r\n", "\n")) == rows[i + 1][0].replace(
                "\r\n", "\n"
            )
            # a text is stored as text, never as a formula; an empty one is an empty cell
            for column, text in ((1, action.what), (2, action.how)):
                cell = book.active.cell(row=i + 2, column=column)
                assert ("s" if text else "n") == cell.data_type


class TestWriteExport:
    def test_csv_writes_two_files(self, tmp_path: Path) -> None:
        """With a result, CSV goes to FILE.csv and the positions to FILE-positions.csv."""
        out = tmp_path / "vp.csv"

        written = write_export(PLAN, out, catalog=CATALOG, result=group())

        assert (out, tmp_path / "vp-positions.csv") == written
        assert "Princip" == read_csv(written[1].read_bytes())[0][0]

    def test_csv_without_result(self, tmp_path: Path) -> None:
        """Without a result only the plan is written."""
        out = tmp_path / "vp.CSV"

        assert (out,) == write_export(PLAN, out)
        assert ["vp.CSV"] == sorted(p.name for p in tmp_path.iterdir())

    def test_xlsx_one_file(self, tmp_path: Path) -> None:
        """A workbook is one file, with no temporary file left behind."""
        out = tmp_path / "vp.xlsx"

        assert (out,) == write_export(PLAN, out, result=group())
        assert ["vp.xlsx"] == sorted(p.name for p in tmp_path.iterdir())
        assert 2 == len(openpyxl.load_workbook(out).sheetnames)

    def test_unknown_ending(self, tmp_path: Path) -> None:
        """Another ending is a ValueError and nothing is written."""
        with pytest.raises(ValueError, match=r"\.ods"):
            write_export(PLAN, tmp_path / "vp.ods")
        assert [] == list(tmp_path.iterdir())

    def test_missing_openpyxl_writes_nothing(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without openpyxl no file is left behind."""
        monkeypatch.setitem(sys.modules, "openpyxl", None)

        with pytest.raises(SpreadsheetUnavailableError):
            write_export(PLAN, tmp_path / "vp.xlsx")
        assert [] == list(tmp_path.iterdir())

    def test_paths(self) -> None:
        """The positions file sits beside the CSV file; a workbook needs no second file."""
        assert (Path("a/b.csv"), Path("a/b-positions.csv")) == export_paths(Path("a/b.csv"))
        assert (Path("a/b.xlsx"), None) == export_paths(Path("a/b.xlsx"))
