"""Cell styles and print set-up of the comité workbook: values aligned top, headers that never break a word,
A4 landscape fitted to the page width only (never shrunk to one page), header rows repeated, a print area.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

from sdus_desktop.exchange.normalize import FORMULA_PREFIXES, clean_text

ACCENT = "1F4E79"
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor=ACCENT)
GROUP_FILL = PatternFill("solid", fgColor="DDEBF7")
WARNING_FILL = PatternFill("solid", fgColor="FCE4D6")
TITLE_FONT = Font(bold=True, size=14, color=ACCENT)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center")
LINE_HEIGHT = 15
BOLD_WIDTH = 1.2  # a bold header character is wider than a digit of the default font


def wrapped_lines(text: str, width: float) -> int:
    """Lines a wrapped cell `width` characters wide needs for `text`: words wrapped whole, as Calc and Excel do
    (about 1.15 characters of text per unit of width in the default font)."""
    capacity = max(4, int(width * 1.15) - 1)
    total = 0
    for paragraph in text.split("\n"):
        lines, used = 1, 0
        for word in paragraph.split():
            size = len(word)
            if used and used + 1 + size > capacity:
                lines, used = lines + 1, 0
            used = size if not used else used + 1 + size
            while used > capacity:  # a word longer than the line
                lines, used = lines + 1, used - capacity
        total += lines
    return total


def header_width(text: str) -> float:
    """The narrowest column that shows every word of a bold header whole (no « Abandonné|e »)."""
    return max((len(word) for word in text.split()), default=1) * BOLD_WIDTH + 2


def widths(sheet: Any, values: Sequence[float]) -> None:
    for index, width in enumerate(values, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def header(sheet: Any, row: int, headers: list[str]) -> None:
    """White on dark blue, wrapped between words only: a column too narrow for a word is widened."""
    lines = 1
    for column, text in enumerate(headers, start=1):
        dimension = sheet.column_dimensions[get_column_letter(column)]
        dimension.width = max(dimension.width or 10, header_width(text))
        lines = max(lines, wrapped_lines(text, dimension.width / BOLD_WIDTH))
        cell = sheet.cell(row, column, text)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGNMENT
    sheet.row_dimensions[row].height = max(30, LINE_HEIGHT * lines + 4)


def row(sheet: Any, index: int, values: list[Any]) -> None:
    """Write values (texts never as formulas), all aligned top, with a row height that shows wrapped texts."""
    lines = 1
    for column, value in enumerate(values, start=1):
        if isinstance(value, str) and value:
            width = sheet.column_dimensions[get_column_letter(column)].width or 10
            lines = max(lines, wrapped_lines(clean_text(value), width))
    if lines > 1:
        sheet.row_dimensions[index].height = min(409, LINE_HEIGHT * lines)
    for column, value in enumerate(values, start=1):
        if isinstance(value, str):
            value = clean_text(value)
        cell = sheet.cell(index, column, value)
        if isinstance(value, str):
            cell.data_type = "s"
            cell.quotePrefix = value.startswith(FORMULA_PREFIXES)
            cell.alignment = WRAP_TOP
        else:
            cell.alignment = TOP
            if isinstance(value, date):
                cell.number_format = "DD/MM/YYYY"


def band(sheet: Any, index: int, text: str, columns: int, fill: PatternFill = GROUP_FILL) -> None:
    """A full-width line (a group heading, a warning): merged, bold, wrapped, aligned top."""
    cell = sheet.cell(index, 1, clean_text(text))
    cell.data_type = "s"
    cell.font, cell.fill, cell.alignment = Font(bold=True), fill, WRAP_TOP
    for column in range(2, columns + 1):
        sheet.cell(index, column).fill = fill
    sheet.merge_cells(start_row=index, start_column=1, end_row=index, end_column=columns)
    total = sum(sheet.column_dimensions[get_column_letter(c)].width or 10 for c in range(1, columns + 1))
    sheet.row_dimensions[index].height = LINE_HEIGHT * wrapped_lines(text, total / BOLD_WIDTH) + 3


def table(sheet: Any, header_row: int, columns: int, last_row: int, *, autofilter: bool = True) -> None:
    """Frozen, repeated header row; a filter on plain tables (not on grouped ones)."""
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    if autofilter:
        sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(columns)}{max(last_row, header_row + 1)}"


def print_setup(sheet: Any, title: str, stamp: str, columns: int, last_row: int, *, one_page: bool = False) -> None:
    """A4 landscape, narrow margins, fitted to the width of the page (or to one page for a chart)."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 1 if one_page else 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.7, bottom=0.6, header=0.3, footer=0.3)
    sheet.print_options.horizontalCentered = True
    sheet.print_area = f"A1:{get_column_letter(columns)}{max(last_row, 1)}"
    sheet.oddHeader.left.text = title
    sheet.oddHeader.right.text = stamp
    sheet.oddFooter.right.text = "Page &P / &N"
