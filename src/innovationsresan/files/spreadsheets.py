"""The action plan as a spreadsheet for verksamhetsplanering: ``plan export``.

One row per action (what, how, when, who, support, principles, cards, follow-up, status) and,
given the group's result, one row per principle and perspective with the current and desired
position and the gap between them, as :func:`~innovationsresan.scoring.score` worked them out.
Both come out as an ``.xlsx`` workbook (two sheets; needs the optional extra ``spreadsheet``,
openpyxl, imported only here and only when a workbook is made) or as CSV in the dialect Swedish
spreadsheet programs open directly: semicolons between cells, decimal commas, UTF-8 with a
byte-order mark, CRLF line ends.

A text cell that a spreadsheet program could take for a formula — one beginning with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return — is neutralised: in CSV it gets a leading
apostrophe, in a workbook it is stored as text with Excel's quote prefix, never as a formula.
See the how-to in ``docs/business-planning.md`` (Swedish: ``docs/sv/verksamhetsplanering.md``).
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import io
import math
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import attrs

from innovationsresan.errors import InnovationsresanError
from innovationsresan.files.documents import atomic_write_bytes
from innovationsresan.ladder import PERSPECTIVE_NAMES, is_principle, principle
from innovationsresan.model import LocalizedText
from innovationsresan.plans import ActionPlan, DateRange, describe_support

if TYPE_CHECKING:
    from innovationsresan.catalog import Catalog
    from innovationsresan.scoring import GroupResult

__all__ = [
    "FORMATS",
    "FORMULA_STARTS",
    "Sheet",
    "SpreadsheetUnavailableError",
    "csv_bytes",
    "export_paths",
    "neutralise",
    "plan_sheet",
    "positions_sheet",
    "write_export",
    "xlsx_bytes",
]

#: The file endings ``plan export`` writes, lower case.
FORMATS = (".xlsx", ".csv")

#: A text cell beginning with one of these could be read as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: The suffix of the second CSV file, the positions: ``plan.csv`` → ``plan-positions.csv``.
POSITIONS_SUFFIX = "-positions"

#: Characters a workbook cannot hold (control characters but tab, line feed, carriage return).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

Value = str | float | int | None


class SpreadsheetUnavailableError(InnovationsresanError, ImportError):
    """The optional ``openpyxl`` package is not installed."""


@attrs.frozen
class Sheet:
    """A table to export: a sheet name, the column headers and the rows of values.

    A value is text, a number or ``None`` (an empty cell).
    """

    name: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]


def _t(lang: str, sv: str, en: str) -> str:
    return en if lang == "en" else sv


def neutralise(text: str) -> str:
    """*text* with an apostrophe in front when a spreadsheet could take it for a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


# -- the tables ----------------------------------------------------------------------------------


def _when(plan: ActionPlan, index: int) -> str:
    when = plan.actions[index].when
    if isinstance(when, DateRange):
        return f"{when.start.isoformat()} – {when.end.isoformat()}"
    return when.isoformat() if when is not None else ""


def _follow_up(plan: ActionPlan, lang: str) -> str:
    follow_up = plan.follow_up
    if follow_up is None:
        return _t(lang, "ingen bokad", "none booked")
    text = f"{follow_up.at:%Y-%m-%d %H:%M}"
    return f"{text}, {follow_up.where}" if follow_up.where.strip() else text


def _cards(idents: Iterable[str], catalog: Catalog | None, lang: str) -> str:
    shown = []
    for ident in idents:
        qualified = None
        if catalog is not None:
            qualified, _ = catalog.try_resolve("card", ident)
        if qualified is not None and catalog is not None:
            shown.append(f"{catalog.card(qualified).title.get(lang)} ({qualified})")
        else:
            shown.append(ident)
    return "; ".join(shown)


def _principles(ids: Iterable[str], lang: str) -> str:
    return ", ".join(principle(p).name.get(lang) if is_principle(p) else p for p in ids)


_STATUS = {
    "planned": ("planerad", "planned"),
    "started": ("påbörjad", "started"),
    "done": ("klar", "done"),
    "dropped": ("struken", "dropped"),
}


def plan_sheet(plan: ActionPlan, catalog: Catalog | None = None, *, lang: str = "sv") -> Sheet:
    """One row per action: what, how, when, who, support, principles, cards, follow-up, status.

    Card titles and support functions are named as the *catalog*'s packs name them; without a
    catalogue (or for an id it does not know) the id is shown as the plan writes it. Several
    support needs of one action are one line each in their cell.
    """
    headers = (
        _t(lang, "Vad", "What"),
        _t(lang, "Hur", "How"),
        _t(lang, "När", "When"),
        _t(lang, "Vem", "Who"),
        _t(lang, "Stöd", "Support"),
        _t(lang, "Principer", "Principles"),
        _t(lang, "Kort", "Cards"),
        _t(lang, "Uppföljning", "Follow-up"),
        _t(lang, "Status", "Status"),
    )
    follow_up = _follow_up(plan, lang)
    rows = tuple(
        (
            action.what,
            action.how,
            _when(plan, i),
            ", ".join(name for name in action.who if name.strip()),
            "\n".join(describe_support(need, catalog, lang) for need in action.support),
            _principles(action.principles, lang),
            _cards(action.cards, catalog, lang),
            follow_up,
            _t(lang, *_STATUS.get(action.status, (action.status, action.status))),
        )
        for i, action in enumerate(plan.actions)
    )
    return Sheet(_t(lang, "Handlingsplan", "Action plan"), headers, rows)


def positions_sheet(result: GroupResult, *, lang: str = "sv") -> Sheet:
    """One row per principle and perspective: current and desired position, gap, answers.

    The figures are the group's as :func:`~innovationsresan.scoring.score` gives them: the mean
    position now, the mean desired position and their difference on the scale from 0 (the
    limited level) to 1 (the innovative level); an undefined one is an empty cell.
    """
    headers = (
        _t(lang, "Princip", "Principle"),
        _t(lang, "Perspektiv", "Perspective"),
        _t(lang, "Nuläge", "Current position"),
        _t(lang, "Önskat läge", "Desired position"),
        _t(lang, "Glapp", "Gap"),
        _t(lang, "Antal svar", "Answers"),
    )
    rows = tuple(
        (
            principle(p.id).name.get(lang),
            PERSPECTIVE_NAMES[q].get(lang),
            p.stats(q).mean,
            p.stats(q).desired,
            p.stats(q).gap,
            p.stats(q).n,
        )
        for p in result.principles
        for q in ("organisation", "individual")
    )
    return Sheet(_t(lang, "Nuläge och önskat läge", "Current and desired"), headers, rows)


# -- CSV -----------------------------------------------------------------------------------------


def _csv_number(value: float) -> str:
    """A number with a decimal comma and no exponent, to 15 significant decimals at most."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.15f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text.replace(".", ",")


def _csv_cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            return ""
        return _csv_number(float(value))
    return neutralise(value)


def csv_bytes(sheet: Sheet) -> bytes:
    """*sheet* as CSV in the Swedish spreadsheet dialect: ``;``, decimal comma, BOM, CRLF."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralise(h) for h in sheet.headers])
    for row in sheet.rows:
        writer.writerow([_csv_cell(v) for v in row])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


# -- xlsx ----------------------------------------------------------------------------------------


def _openpyxl() -> ModuleType:
    try:
        return importlib.import_module("openpyxl")
    except ImportError:
        raise SpreadsheetUnavailableError(
            LocalizedText.of(
                "Export till .xlsx kräver paketet openpyxl: "
                "pip install 'innovationsresan[spreadsheet]' (eller exportera till .csv)",
                "Export to .xlsx needs the openpyxl package: "
                "pip install 'innovationsresan[spreadsheet]' (or export to .csv)",
            )
        ) from None


def _xlsx_text(text: str) -> str:
    return _ILLEGAL.sub("\ufffd", text)


def _put(sheet: Any, row: int, column: int, value: Value, *, style: Any) -> None:
    cell = sheet.cell(row=row, column=column)
    if value == "":
        cell.value = None  # an empty cell, as in CSV
    elif isinstance(value, str):
        cell.value = _xlsx_text(value)
        # never a formula: openpyxl would take a text beginning with = for one
        cell.data_type = "s"
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
        if "\n" in value:
            cell.alignment = style
    elif isinstance(value, float) and not math.isfinite(value):
        cell.value = None
    else:
        cell.value = value


def xlsx_bytes(sheets: Sequence[Sheet], *, created: dt.date | None = None) -> bytes:
    """*sheets* as one ``.xlsx`` workbook, headers in bold and frozen above the rows.

    *created* becomes the workbook's creation and change date, so the same plan gives the same
    content whenever it is exported. Raises :class:`SpreadsheetUnavailableError` without
    openpyxl.
    """
    openpyxl = _openpyxl()
    styles = importlib.import_module("openpyxl.styles")
    workbook: Any = openpyxl.Workbook()
    workbook.remove(workbook.active)
    bold = styles.Font(bold=True)
    wrapped = styles.Alignment(wrap_text=True, vertical="top")
    for table in sheets:
        sheet = workbook.create_sheet(title=table.name[:31])
        for column, header in enumerate(table.headers, start=1):
            _put(sheet, 1, column, header, style=wrapped)
            sheet.cell(row=1, column=column).font = bold
        for r, row in enumerate(table.rows, start=2):
            for column, value in enumerate(row, start=1):
                _put(sheet, r, column, value, style=wrapped)
        sheet.freeze_panes = "A2"
        for column, header in enumerate(table.headers, start=1):
            longest = max(
                [len(header), *(_width(row[column - 1]) for row in table.rows)], default=10
            )
            letter = openpyxl.utils.get_column_letter(column)
            sheet.column_dimensions[letter].width = min(60, max(10, longest + 2))
    stamp = dt.datetime.combine(created or dt.date(2000, 1, 1), dt.time(0, 0))
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _width(value: Value) -> int:
    if isinstance(value, str):
        return max((len(line) for line in value.split("\n")), default=0)
    return 8


# -- writing -------------------------------------------------------------------------------------


def export_paths(output: Path) -> tuple[Path, Path | None]:
    """Where ``plan export`` writes: *output*, and for CSV the positions beside it.

    ``plan.csv`` → ``plan-positions.csv``; a workbook holds both sheets itself (``None``).
    """
    if output.suffix.lower() == ".csv":
        return output, output.with_name(f"{output.stem}{POSITIONS_SUFFIX}{output.suffix}")
    return output, None


def write_export(
    plan: ActionPlan,
    output: Path,
    *,
    catalog: Catalog | None = None,
    result: GroupResult | None = None,
    lang: str = "sv",
) -> tuple[Path, ...]:
    """Write the plan (and with *result* the positions) to *output*, atomically; the paths written.

    The format follows the ending: ``.xlsx`` writes one workbook with a sheet for each table,
    ``.csv`` writes the plan to *output* and the positions to ``<name>-positions.csv``.
    Everything is prepared before the first file is written, so a missing openpyxl leaves no
    file behind. :class:`ValueError` for another ending.
    """
    sheets = [plan_sheet(plan, catalog, lang=lang)]
    if result is not None:
        sheets.append(positions_sheet(result, lang=lang))
    suffix = output.suffix.lower()
    if suffix == ".xlsx":
        atomic_write_bytes(output, xlsx_bytes(sheets, created=plan.created))
        return (output,)
    if suffix != ".csv":
        raise ValueError(f"cannot export to {output.suffix or 'a file without an ending'}")
    first, second = export_paths(output)
    data = [csv_bytes(sheet) for sheet in sheets]
    atomic_write_bytes(first, data[0])
    if second is not None and len(data) > 1:
        atomic_write_bytes(second, data[1])
        return (first, second)
    return (first,)
