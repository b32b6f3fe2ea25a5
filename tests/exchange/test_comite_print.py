"""The comité workbook prints well from Excel/LibreOffice: print areas, fit to width only, repeated header rows,
values aligned top, headers never broken mid-word, the chart alone on its page in the application's colours,
the chart data hidden. (tools/render_comite.py renders it through LibreOffice to look at every page.)"""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from sdus_desktop.core.statuses import ACTION_STATUS_COLOURS, ActionStatus
from sdus_desktop.exchange.comite_style import BOLD_WIDTH, header_width, wrapped_lines
from sdus_desktop.exchange.comite_workbook import write_comite_workbook


@pytest.fixture
def workbook(db, services, tmp_path):  # type: ignore[no-untyped-def]
    services.set("action", 1, "status", "En cours")
    services.set("action", 2, "bilan", "Un bilan assez long. " * 30)
    out = write_comite_workbook(db, tmp_path / "comite.xlsx", plan_code=None, today=date(2026, 11, 30))
    return load_workbook(out)


def test_every_printed_sheet_is_a4_landscape_fitted_to_width_only(workbook) -> None:  # type: ignore[no-untyped-def]
    printed = [s for s in workbook.worksheets if s.sheet_state == "visible"]
    assert [s.title for s in printed] == ["Synthèse", "Évolutions", "Graphique", "Fiches", "Étapes en retard",
                                          "Indicateurs", "Graphiques des indicateurs", "Indicateurs agrégés",
                                          "Toutes les étapes en retard"]
    for sheet in printed:
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize) == ("landscape", 9), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert int(setup.fitToWidth) == 1
        # fitted to one page high only for the chart; tables run on as many pages as they need
        assert int(setup.fitToHeight) == (1 if sheet.title == "Graphique" else 0), sheet.title
        assert sheet.print_area, sheet.title
        assert sheet.oddFooter.right.text == "Page &P / &N"
    for name, row in (("Synthèse", 3), ("Fiches", 1), ("Étapes en retard", 2), ("Indicateurs", 1),
                      ("Évolutions", 3)):
        assert workbook[name].print_title_rows == f"${row}:${row}", name
    assert workbook["Graphique"].print_title_rows is None  # no header row drawn across the chart


def test_chart_data_sheet_is_hidden_and_chart_uses_the_application_colours(workbook) -> None:  # type: ignore[no-untyped-def]
    assert workbook["Données du graphique"].sheet_state == "hidden"
    chart = workbook["Graphique"]._charts[0]
    fills = [str(getattr(s.graphicalProperties.solidFill.srgbClr, 'val', s.graphicalProperties.solidFill.srgbClr))
             for s in chart.series]
    assert fills == [ACTION_STATUS_COLOURS[s].lstrip("#").upper() for s in ActionStatus]
    en_cours = ACTION_STATUS_COLOURS[ActionStatus.EN_COURS].lstrip("#")
    red, green, blue = (int(en_cours[i:i + 2], 16) for i in (0, 2, 4))
    assert blue > red and blue > green  # « En cours » is blue, never red
    assert workbook["Graphique"].print_area == "'Graphique'!$A$1:$O$34"


def test_fiches_sheet_keeps_a_readable_width(workbook) -> None:  # type: ignore[no-untyped-def]
    sheet = workbook["Fiches"]
    assert sheet.print_area == f"'Fiches'!$A$1:$K${sheet.max_row}"  # axe title and author stay on screen only
    printed_width = sum(sheet.column_dimensions[letter].width for letter in "ABCDEFGHIJK")
    # A4 landscape holds about 150 characters at 100 %: at most 200 keeps the text at 75 % or more
    assert printed_width <= 200


def test_values_are_aligned_top_and_headers_never_break_a_word(workbook) -> None:  # type: ignore[no-untyped-def]
    for name in ("Synthèse", "Fiches", "Étapes en retard", "Indicateurs"):
        sheet = workbook[name]
        first_data = {"Synthèse": 4, "Fiches": 2, "Étapes en retard": 3, "Indicateurs": 2}[name]
        for row in sheet.iter_rows(min_row=first_data, max_row=min(sheet.max_row, first_data + 40)):
            for cell in row:
                if cell.value is not None:
                    assert cell.alignment.vertical == "top", (name, cell.coordinate)
        header_row = first_data - 1
        for cell in sheet[header_row]:
            if cell.value:
                width = sheet.column_dimensions[cell.column_letter].width
                longest = max(len(word) for word in str(cell.value).split())
                assert width >= longest * BOLD_WIDTH + 2, (name, cell.value)
    statuses = [c.value for c in workbook["Synthèse"][3]][4:9]
    assert statuses == [f"{s.symbol} {s.label}" for s in ActionStatus]


def test_header_width_and_wrapping_rules() -> None:
    assert header_width("✕ Abandonnée") == 10 * BOLD_WIDTH + 2
    assert wrapped_lines("", 10) == 1
    assert wrapped_lines("court", 10) == 1
    assert wrapped_lines("mot " * 20, 10) == 10  # 10 × 1.15 − 1 = 10 characters a line: two words a line
    assert wrapped_lines("a\nb", 10) == 2
    assert wrapped_lines("x" * 25, 10) == 3  # a word longer than the line is cut by the spreadsheet


def test_late_steps_are_grouped_by_axe_with_totals(workbook) -> None:  # type: ignore[no-untyped-def]
    sheet = workbook["Étapes en retard"]
    bands = [row[0].value for row in sheet.iter_rows(min_row=3) if isinstance(row[0].value, str)]
    # named by the labelling rule (core.labels): the SDSF's thématiques by their title, never « axe 1 » alone
    assert any(band.startswith("SDSF · Petite enfance · Axe 1") for band in bands), bands[:5]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert "A1:G1" in merged
    assert all(len(str(row[4].value or "")) <= 115 for row in sheet.iter_rows(min_row=3))
