"""« Calendrier des étapes »: the Gantt data, the view by keyboard (Entrée opens the fiche), the A3 PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from sdus_desktop.core.statuses import StepStatus
from sdus_desktop.reports.timeline_pdf import write_timeline_pdf
from sdus_desktop.store.readmodel import load_plans
from sdus_desktop.store.timeline import Bar, build_timeline, read_timeline_plans
from tests.ui.helpers import TODAY, first_action_id, unnamed_widgets


def test_timeline_bars_and_lateness(db, services) -> None:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        from sdus_desktop.store.queries import iter_actions
        from sdus_desktop.store.queries import load_plans as orm_plans

        twelve = next(a for a in iter_actions(orm_plans(session, "SDUS")) if a.number == 12)
    first, second = twelve.steps[0].id, twelve.steps[1].id
    services.set("step", first, "actual_start", "01/02/2019")
    services.set("step", first, "actual_end", "15/03/2021")
    services.set("step", first, "status", "Réalisée")
    services.set("step", second, "actual_start", "01/03/2021")
    services.set("step", second, "status", "En cours")
    timeline = build_timeline(load_plans(db.path), TODAY, plan_code="SDUS")
    assert timeline.fiche_count == 74 and len(timeline.groups) == 16
    assert (timeline.start, timeline.end) == (date(2018, 1, 1), date(2023, 12, 31))  # a 2018 step, the plan ends 2023
    fiche = next(f for g in timeline.groups for f in g.fiches if f.number == 12)
    done, running, third = fiche.steps
    assert done.status is StepStatus.REALISEE and done.actual == Bar(date(2019, 2, 1), date(2021, 3, 15))
    assert done.planned == Bar(date(2019, 1, 1), date(2019, 12, 31)) and not done.late
    assert running.actual == Bar(date(2021, 3, 1), TODAY)  # in progress: the bar runs to today
    assert running.late and running.days_late == (TODAY - date(2019, 12, 31)).days
    assert running.describe() == (f"◐ En cours ; prévue du 01/01/2019 au 31/12/2019 ; commencée le 01/03/2021 ; "
                                  f"⚠ en retard de {running.days_late} jour(s)")
    assert done.describe().startswith("● Réalisée ; prévue du 01/01/2019 au 31/12/2019 ; réalisée du 01/02/2019")
    assert third.late and fiche.late_steps == 2 and fiche.span == Bar(date(2019, 1, 1), TODAY)
    assert timeline.fraction(timeline.start) == 0 and timeline.fraction(timeline.end) == 1
    light = build_timeline(read_timeline_plans(db.path), TODAY, plan_code="SDUS")  # the calendar's own quick read
    assert light.groups == timeline.groups and (light.start, light.end) == (timeline.start, timeline.end)
    only = build_timeline(load_plans(db.path), TODAY, action_ids=[twelve.id])
    assert only.fiche_count == 1 and [g.label.split(" — ")[0] for g in only.groups] == ["SDUS · Orientation 1 · axe 3"]


def test_calendar_dialog_by_keyboard(qtbot, qtmodeltester, window) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.ui.dashboard.timeline_view import BAR_ROLE, TimelineDialog

    dialog = TimelineDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert unnamed_widgets(dialog) == []
    model = dialog.tree.model()
    qtmodeltester.check(model, force_py=True)  # parents, rows and indexes consistent (Qt's own model checks)
    assert model.rowCount() == 16 and dialog.scope.currentData() == "SDUS"
    tree = dialog.tree
    tree.setFocus()
    assert tree.currentIndex().data().startswith("SDUS · Orientation 1 · axe 1 — ")
    QTest.keyClick(tree, Qt.Key.Key_Down)  # first fiche of the axe (axes are open)
    fiche_index = tree.currentIndex()
    assert fiche_index.data().startswith("○ SDUS 1 — ")
    QTest.keyClick(tree, Qt.Key.Key_Right)  # open the fiche
    QTest.keyClick(tree, Qt.Key.Key_Down)  # its first step
    step_index = tree.currentIndex()
    assert step_index.data().startswith("⚠ ○ 1. ")  # late at TODAY: symbol and text, not only red
    bars = step_index.siblingAtColumn(1)
    assert bars.data().endswith("jour(s)") and "⚠ en retard de" in bars.data()
    assert bars.data(BAR_ROLE).late
    QTest.keyClick(tree, Qt.Key.Key_Return)
    assert window.fiche_view.action_id == first_action_id(window, "SDUS", 1)
    assert dialog.result() == dialog.DialogCode.Accepted


def test_calendar_scope_and_a3_pdf(qtbot, window, db, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from sdus_desktop.ui.dashboard.timeline_view import TimelineDialog
    from sdus_desktop.ui.print import print_actions

    dialog = TimelineDialog(window)
    qtbot.addWidget(dialog)
    dialog.scope.setCurrentIndex(dialog.scope.findData(""))
    assert dialog.tree.model().rowCount() == 16 + 21 and dialog.timeline.fiche_count == 140
    opened: list[Path] = []
    monkeypatch.setattr(print_actions, "open_document", lambda path: opened.append(path) or True)
    window.settings.set_value("print_folder", str(tmp_path))
    dialog.scope.setCurrentIndex(dialog.scope.findData("SDSF"))
    out = dialog.print_pdf()
    assert opened == [out] and out.name == f"calendrier-des-etapes-SDSF-{TODAY:%Y-%m-%d}.pdf"
    reader = PdfReader(str(out))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (1191, 842)  # A3 landscape
    assert reader.metadata.title == "Calendrier des étapes — SDSF — au 15/06/2021"
    text = reader.pages[0].extract_text()
    assert "Page 1 / " in text and "SDSF · Thématique 1 · axe 1" in text and "2020" in text
    pages = write_timeline_pdf(db, tmp_path / "t.pdf", "SDUS", today=date(2026, 11, 30))
    text = " ".join(page.extract_text() for page in PdfReader(str(tmp_path / "t.pdf")).pages)
    assert pages == len(PdfReader(str(tmp_path / "t.pdf")).pages) and "⚠" in text and " j" in text
