"""The « Notes de suivi » sheet of a référent workbook (format 2): the fiches' notes, read only, then free rows
where the référent adds notes. Written by exchange.workbook_export (one call), read back by
exchange.workbook_read, planned on import by exchange.import_notes.

Each existing note row carries its hidden reference (N<id>) and, in the hidden sheet « _sdus », the date and text
it was exported with: a returned workbook whose existing note was changed is refused with the cell's place.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from openpyxl.worksheet.datavalidation import DataValidation

from sdus_desktop.core.notes import format_comite
from sdus_desktop.exchange import workbook_layout as L
from sdus_desktop.exchange.normalize import clean_text
from sdus_desktop.store import readmodel

DATE_FORMAT = "DD/MM/YYYY"


def note_base(note: readmodel.Note) -> dict[str, Any]:
    """What an existing note row showed at export (compared with the returned cells)."""
    return {"note_date": note.note_date.isoformat(), "text": note.text}


def write_notes_sheet(writer: Any, chosen: list, bases: list[tuple[str, str]], db_path: Any,
                      prepare: Callable[[Any, tuple[L.Column, ...], str], None]) -> int:
    """Append the sheet to the (write-only) workbook; returns the number of notes written."""
    sheet = writer.workbook.create_sheet(L.SHEET_NOTES)
    columns = L.NOTE_COLUMNS
    prepare(sheet, columns, "Notes de suivi")
    writer.header(sheet, columns)
    notes = readmodel.notes_for_actions(db_path, [action.id for _, action in chosen])
    comites = readmodel.comite_dates(db_path)
    row_number = 2
    for plan, action in chosen:
        for note in notes.get(action.id, []):
            ref = L.row_ref("note", str(note.id))
            bases.append((ref, json.dumps({**note_base(note), L.SHOWN: [plan.code, action.number]},
                                          ensure_ascii=False, sort_keys=True, separators=(",", ":"))))
            comite = format_comite(note.comite_snapshot_id, comites.get(note.comite_snapshot_id)) \
                if note.comite_snapshot_id is not None else ""
            values = [ref, plan.code, action.number, clean_text(action.title), note.note_date, note.author,
                      clean_text(note.text), comite]
            writer.append(sheet, row_number, [
                writer.cell(sheet, value, column, editable=False,
                            number_format=DATE_FORMAT if column.kind == L.DATE else None)
                for value, column in zip(values, columns, strict=True)], columns)
            row_number += 1
    written = row_number - 2
    for _ in range(L.FREE_NOTE_ROWS):
        sheet.append([writer.cell(sheet, None, column, editable=column.header in L.NEW_NOTE_ROW_HEADERS,
                                  number_format=DATE_FORMAT if column.kind == L.DATE else None)
                      for column in columns])
    last = row_number + L.FREE_NOTE_ROWS - 1
    sheet.auto_filter.ref = f"A1:{L.column_letter(len(columns))}{max(last, 2)}"
    date_column = L.column_letter(next(i for i, c in enumerate(columns, start=1) if c.kind == L.DATE))
    validation = DataValidation(
        type="date", operator="between", formula1="36526", formula2="73415", allow_blank=True,
        showErrorMessage=True, errorStyle="warning", errorTitle="Date",
        error="Saisissez une date jj/mm/aaaa entre 2000 et 2100.")
    validation.sqref = f"{date_column}{row_number}:{date_column}{last}"
    sheet.data_validations.append(validation)
    return written
