"""The GUI writes through one door (ui.common.undo.Editor): an import and a conflict decision are operations whose
OpChanges the main window emits on its `changed` signal; the tree and the open dialogs refresh from it, and an
import is undone in one step with Ctrl+Z."""

from __future__ import annotations

from sdus_desktop.exchange.conflicts import open_conflicts
from sdus_desktop.exchange.import_apply import import_workbook
from sdus_desktop.exchange.import_undo import list_imports
from sdus_desktop.ops.changes import OpChanges
from sdus_desktop.store.queries import load_action
from sdus_desktop.store.services import Services
from sdus_desktop.ui.navigation.navigation import STATUS_ROLE
from tests.exchange.helpers import edit_copy, export


def _tree_status(window, action_id: int = 1) -> str:  # type: ignore[no-untyped-def]
    return window.navigation_model.fiche_index(action_id).data(STATUS_ROLE)


def _stored(db, action_id: int = 1) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        action = load_action(session, action_id)
        return action.status, action.avancement


def test_an_import_refreshes_the_tree_from_the_signal_and_ctrl_z_undoes_the_whole_batch(window, db, tmp_path, shown):
    from sdus_desktop.ui.exchange.import_dialog import ImportDialog

    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1, 2])
    first = edit_copy(summary.path, tmp_path / "retour.xlsx", {"Fiches": {"E2": "En cours", "F2": 40}})
    second = edit_copy(summary.path, tmp_path / "autre.xlsx", {"Fiches": {"E3": "Réalisée"}})
    seen: list[OpChanges] = []
    window.changed.connect(seen.append)
    dialog = ImportDialog(window, [first, second])
    assert [r.applied for r in dialog.apply()] == [2, 1]
    [changes] = seen   # one operation for the batch, one signal
    assert changes.imports and changes.undoable and len(changes.import_ids) == 2 and changes.action_ids == {1, 2}
    assert (_tree_status(window, 1), _tree_status(window, 2)) == ("en_cours", "realisee")
    assert window.undo_action.text().replace("&", "") == "Annuler import de 2 classeurs"

    window.undo_action.trigger()   # Ctrl+Z: both workbooks' imports undone in one step
    assert _stored(db, 1) == ("non_demarree", 0) and _stored(db, 2)[0] == "non_demarree"
    assert (_tree_status(window, 1), _tree_status(window, 2)) == ("non_demarree", "non_demarree")
    assert all(record.undone_at is not None for record in list_imports(db))
    assert seen[-1].imports and not seen[-1].undoable
    assert shown.shown[-1][0] == "Annuler un import" and "annulé : 2 valeur(s) remise(s)" in shown.shown[-1][1]
    assert not window.undo_stack.canRedo()   # an undone import is imported again, not redone


def test_ctrl_z_on_an_import_keeps_a_cell_changed_since_and_queues_it(window, db, tmp_path, shown):
    from sdus_desktop.ui.exchange.import_dialog import ImportDialog

    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    returned = edit_copy(summary.path, tmp_path / "retour.xlsx", {"Fiches": {"E2": "En cours", "F2": 40}})
    ImportDialog(window, [returned]).apply()
    Services(db, "central").set("action", 1, "avancement", 55)   # changed since, elsewhere (CLI, another import)
    window.undo_action.trigger()
    assert _stored(db) == ("non_demarree", 55)   # never overwritten
    [conflict] = open_conflicts(db)
    assert "avancement" in conflict.where and conflict.current == "55 %" and conflict.theirs == "0 %"
    assert "1 cellule(s) modifiée(s) depuis mise(s) en conflit à arbitrer" in shown.shown[-1][1]
    ImportDialog(window, [returned]).apply()   # the same workbook can be imported again
    assert _stored(db)[0] == "en_cours" and _tree_status(window) == "en_cours"


def test_a_conflict_decision_refreshes_the_tree_and_the_open_queue_from_the_signal(window, db, tmp_path, shown):
    from sdus_desktop.ui.exchange.conflicts_dialog import ConflictsDialog

    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    Services(db, "central").set("action", 1, "status", "en_cours")
    returned = edit_copy(summary.path, tmp_path / "retour.xlsx", {"Fiches": {"E2": "Abandonnée"}})
    assert import_workbook(db, returned, "A").conflicts_queued == 1
    queue = ConflictsDialog(window)
    other = ConflictsDialog(window)   # a second view of the queue, refreshed by the same signal
    closed = ConflictsDialog(window)
    closed.reject()   # a closed dialog no longer follows the changes
    seen: list[OpChanges] = []
    window.changed.connect(seen.append)
    queue.select_rows([0])
    assert queue.resolve_selected("theirs") == 1
    [changes] = seen
    assert changes.conflicts and not changes.undoable and changes.action_ids == {1}
    assert _tree_status(window) == "abandonnee" and window.catalogue.actions[1].status == "abandonnee"
    assert queue.table.rowCount() == 0 and other.table.rowCount() == 0 and closed.table.rowCount() == 1
    assert not window.undo_stack.canUndo()   # a decision is final (the journal keeps it)
