"""« % de la cible » and a chart per indicator in both comité outputs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from openpyxl import load_workbook

from sdus_desktop.core.indicator_targets import series, values_by_year
from sdus_desktop.exchange.comite_workbook import write_comite_workbook
from sdus_desktop.reports.dossier import write_dossier
from tests.reports.pdftools import pages_text
from tests.support.comite_year import fiches

TODAY = date(2026, 11, 30)


@dataclass
class V:
    period: str
    value: str | None


@dataclass
class I:  # noqa: E742 - an indicator stand-in
    number: int
    label: str
    kind: str
    target: str
    values: list[V]


def test_series_and_percent_of_target() -> None:
    values = [V("2021", "10"), V("2021-T4", "99"), V("2022-T1", "5"), V("2022-T3", "30"), V("2023", None)]
    assert values_by_year(values) == {2021: "10", 2022: "30", 2023: None}  # the year, else its latest quarter
    one = series("SDUS", 12, I(1, "Saisines", "nombre", "40", values))
    assert one is not None and one.points == ((2021, 10.0), (2022, 30.0)) and one.percent_of_target == 75
    assert one.charted and one.last == (2022, 30.0)
    vague = series("SDUS", 12, I(2, "Saisines", "nombre", "au moins 40", values))
    assert vague is not None and vague.target is None and vague.percent_of_target is None and not vague.charted
    assert series("SDUS", 12, I(3, "Charte signée", "oui_non", "oui", [V("2021", "oui")])) is None


def test_workbook_and_dossier_show_indicators_against_targets(db, services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    twelve = fiches(db)[12]
    indicator = int(services.add_indicator(twelve.id, "Nombre de saisines DECLIC", "nombre", "40")  # type: ignore[attr-defined]
                    .changes[0].key)
    services.set("value", f"{indicator}:2021", "value", "12")
    services.set("value", f"{indicator}:2022-T2", "value", "31")
    out = write_comite_workbook(db, tmp_path / "comite.xlsx", plan_code="SDUS", today=TODAY)
    workbook = load_workbook(out)
    sheet = workbook["Indicateurs"]
    headers = [c.value for c in sheet[1]]
    assert headers[-1] == "% de la cible"
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[3] == "Nombre de saisines DECLIC")
    assert row[5] == "40" and row[headers.index("2022")] == 31 and row[-1] == 77.5
    charts = workbook["Graphiques des indicateurs"]
    assert charts.sheet_state == "visible" and len(charts._charts) == 1
    assert workbook["Données des indicateurs"].sheet_state == "hidden"
    target_line = charts._charts[0]._charts[1].series[0]
    assert target_line.smooth is False and target_line.marker.symbol == "square"
    assert workbook.sheetnames[-2:] == ["Données du graphique", "Données des indicateurs"]
    chart = charts._charts[0]
    title = "".join(run.t for p in chart.title.tx.rich.p for run in (p.r or []))
    assert title.endswith("Nombre de saisines DECLIC — 78 % de la cible en 2022")
    pdf = tmp_path / "dossier.pdf"
    write_dossier(db, pdf, "SDUS", fiches=[12, 13], today=TODAY)
    text = " ".join(" ".join(pages_text(pdf)).split())
    assert "Indicateurs par rapport à leur cible 1 indicateur(s) chiffré(s) avec une cible" in text
    assert "78 % de la cible en 2022 (31 pour 40)" in text
    assert "2021 : 12, cible 40, 30 % de la cible ; 2022 : 31, cible 40, 78 % de la cible." in text


def test_a_year_target_wins_over_the_wording_in_both_outputs(db, services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    twelve = fiches(db)[12]
    indicator = int(services.add_indicator(twelve.id, "Nombre de saisines DECLIC", "nombre", "40")  # type: ignore[attr-defined]
                    .changes[0].key)
    services.set("value", f"{indicator}:2021", "value", "12")
    services.set("value", f"{indicator}:2022", "value", "31")
    services.set_target(indicator, 2022, "62")
    services.set_target(indicator, 2023, "70")
    workbook = load_workbook(write_comite_workbook(db, tmp_path / "comite.xlsx", plan_code="SDUS", today=TODAY))
    sheet = workbook["Indicateurs"]
    headers = [c.value for c in sheet[1]]
    assert headers[-3:] == ["Cible 2022", "Cible 2023", "% de la cible"]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[3] == "Nombre de saisines DECLIC")
    assert row[5] == "40" and row[-3:] == (62, 70, 50.0)  # 31 of the 2022 target (62), not of the wording (40)
    data = workbook["Données des indicateurs"]
    rows = [tuple(c.value for c in r) for r in data.iter_rows(min_row=1, max_row=4, max_col=3)]
    assert rows == [("Année", "Valeur", "Cible de l'année"), ("2021", 12, 40), ("2022", 31, 62), ("2023", None, 70)]
    pdf = tmp_path / "dossier.pdf"
    write_dossier(db, pdf, "SDUS", fiches=[12], today=TODAY)
    text = " ".join(" ".join(pages_text(pdf)).split())
    assert "50 % de la cible en 2022 (31 pour 62)" in text
    assert "2022 : 31, cible 62, 50 % de la cible ; 2023 : non renseigné, cible 70." in text


def test_no_target_no_chart(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    workbook = load_workbook(write_comite_workbook(db, tmp_path / "c.xlsx", plan_code="SDSF", today=TODAY))
    assert workbook["Graphiques des indicateurs"]["A3"].value.startswith("Aucun indicateur chiffré")
    assert "Données des indicateurs" not in workbook.sheetnames
    pdf = tmp_path / "d.pdf"
    write_dossier(db, pdf, "SDSF", fiches=[1], today=TODAY)
    assert "Aucun indicateur chiffré de ces fiches" in " ".join(" ".join(pages_text(pdf)).split())


def test_charts_are_never_split_across_pages(db, services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.exchange.comite_indicators import CHART_ROWS, PER_ROW, ROWS_PER_PAGE

    for number in (1, 2, 3, 4, 5):
        action = fiches(db)[number]
        key = services.add_indicator(action.id, f"Indicateur {number}", "nombre", "10").changes[0].key  # type: ignore[attr-defined]
        services.set("value", f"{key}:2021", "value", str(number))
    workbook = load_workbook(write_comite_workbook(db, tmp_path / "c.xlsx", plan_code="SDUS", today=TODAY))
    sheet = workbook["Graphiques des indicateurs"]
    assert len(sheet._charts) == 5 and sheet.print_title_rows is None
    anchors = sorted((c.anchor._from.row, c.anchor._from.col) for c in sheet._charts)
    assert anchors[:3] == [(2, 0), (2, 8), (2 + CHART_ROWS, 0)]  # two a row
    breaks = [b.id for b in sheet.row_breaks.brk]
    assert breaks == [2 + ROWS_PER_PAGE * CHART_ROWS]  # the third row of charts starts a new page
    # a chart fills rows first..first+CHART_ROWS-1 (1-based); a break after row b falls inside when first <= b < last
    assert all(not (row + 1 <= b < row + CHART_ROWS) for b in breaks for row, _ in anchors)
    assert sheet.page_setup.fitToHeight == 0 and PER_ROW == 2


def test_rollups_per_axe_in_both_outputs_only_where_units_agree(db, services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tools.render_indicator_targets import add_axe_indicators

    add_axe_indicators(db)
    workbook = load_workbook(write_comite_workbook(db, tmp_path / "comite.xlsx", plan_code="SDUS", today=TODAY))
    sheet = workbook["Indicateurs agrégés"]
    rows = [r for r in sheet.iter_rows(min_row=4, values_only=True) if r[0]]
    assert [r[:3] for r in rows] == [("SDUS", "Orientation 1 · Axe 3", "Nombre de personnes accompagnées")] * 4
    by_year = {r[4]: r[5:] for r in rows}
    assert by_year[2022] == (31, "2 sur 2", 35, "2 sur 2", 88.6)
    assert by_year[2020] == (8, "1 sur 2", 10, "1 sur 2", None)  # one of two: no share of a partial sum
    assert rows[0][3] == "fiche 10 (ind. 5), fiche 12 (ind. 3)"
    assert all("Taux" not in (r[2] or "") for r in rows)  # the rates are not added up
    pdf = tmp_path / "dossier.pdf"
    write_dossier(db, pdf, "SDUS", today=TODAY)
    text = " ".join(" ".join(pages_text(pdf)).split())
    assert "Indicateurs agrégés par axe 1 agrégat(s)" in text
    assert "2022 : 31 (2/2) ; cible 35 (2/2) ; 89 % de la cible" in text
    from sdus_desktop.reports.indicator_charts import rollup_section
    from sdus_desktop.store.readmodel import load_plans

    table = rollup_section(load_plans(db.path), [a.id for a in fiches(db).values()])[-1]
    assert table.splitInRow == 0   # an aggregate's row moves whole to the next page, never cut in two


def test_no_rollup_without_two_agreeing_indicators(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    workbook = load_workbook(write_comite_workbook(db, tmp_path / "c.xlsx", plan_code="SDSF", today=TODAY))
    assert workbook["Indicateurs agrégés"]["A3"].value.startswith("Aucun indicateur à additionner")
    pdf = tmp_path / "d.pdf"
    write_dossier(db, pdf, "SDSF", fiches=[1], today=TODAY)
    assert "Aucun indicateur à additionner" in " ".join(" ".join(pages_text(pdf)).split())
