"""core.notes: how a note reads, which notes a period keeps, when two notes are one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from sdus_desktop.core.field_values import format_field
from sdus_desktop.core.fields import STRUCTURE_FIELD
from sdus_desktop.core.notes import (
    clean_text,
    describe,
    identity,
    in_period,
    last_months_start,
    newest_first,
    parse_comite,
)


@dataclass
class _Note:
    note_date: date
    text: str


def test_text_keeps_what_was_typed_but_line_ends_and_outer_spaces() -> None:
    assert clean_text("  Réunion à Mende  \r\n  2e ligne\t \r3e  ") == "Réunion à Mende\n  2e ligne\n3e"
    assert clean_text(None) == ""


def test_the_same_note_whatever_its_line_ends() -> None:
    assert identity(4, date(2026, 1, 2), "a\r\nb ") == identity(4, date(2026, 1, 2), "a\nb")
    assert identity(4, date(2026, 1, 2), "a") != identity(4, date(2026, 1, 3), "a")


def test_a_note_reads_with_its_date_and_author() -> None:
    note = {"note_date": "2026-03-12", "author": "Marie", "text": "Comité & <suite>"}
    assert describe(note) == "12/03/2026 · Marie : Comité & <suite>"
    assert format_field("note", STRUCTURE_FIELD, note) == describe(note)
    assert format_field("note", "comite_snapshot_id", 3) == "comité n° 3"


@pytest.mark.parametrize(("raw", "expected"), [(None, None), ("", None), (3, 3), ("3", 3), ("comité n° 12", 12)])
def test_comite_references(raw: object, expected: int | None) -> None:
    assert parse_comite(raw) == expected


@pytest.mark.parametrize("raw", ["demain", 0, True, "-1"])
def test_unknown_comite_references_are_refused(raw: object) -> None:
    with pytest.raises(ValueError, match="comité inconnu"):
        parse_comite(raw)


def test_periods_keep_their_bounds_and_read_newest_first() -> None:
    notes = [_Note(date(2025, 1, 1), "a"), _Note(date(2026, 1, 1), "b"), _Note(date(2026, 1, 1), "c"),
             _Note(date(2026, 6, 30), "d")]
    assert [n.text for n in newest_first(notes)] == ["d", "c", "b", "a"]
    assert [n.text for n in in_period(notes, date(2026, 1, 1), date(2026, 6, 29))] == ["c", "b"]
    assert [n.text for n in in_period(notes, end=date(2025, 12, 31))] == ["a"]


def test_twelve_months_back() -> None:
    assert last_months_start(date(2026, 11, 30)) == date(2025, 11, 30)
    assert last_months_start(date(2024, 2, 29)) == date(2023, 2, 28)
    assert last_months_start(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert last_months_start(date(2026, 1, 15), 1) == date(2025, 12, 15)
