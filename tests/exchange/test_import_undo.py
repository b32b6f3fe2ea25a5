"""Issue 9: undo a whole import from the journal in one action; cells changed since become conflicts."""

from __future__ import annotations

import pytest

from sdus_desktop.cli.main import main
from sdus_desktop.exchange.conflicts import open_conflicts
from sdus_desktop.exchange.import_apply import import_workbook
from sdus_desktop.exchange.import_undo import UndoImportError, list_imports, undo_import
from sdus_desktop.store.backup import list_backups
from sdus_desktop.store.queries import load_action
from sdus_desktop.store.services import Services
from tests.exchange.helpers import edit_copy, export


def _fiche(db, action_id: int = 1):  # type: ignore[no-untyped-def]
    with db.reading() as session:
        action = load_action(session, action_id)
        return action.status, action.avancement, action.bilan


def test_an_import_is_undone_in_one_action_and_later_edits_become_conflicts(db, tmp_path):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    Services(db, "central").set("action", 1, "referents", ["Avant"])   # → a conflict left open by the import
    returned = edit_copy(summary.path, tmp_path / "retour.xlsx",
                         {"Fiches": {"E2": "En cours", "F2": 40, "H2": "du référent", "G2": "Autre"}})
    result = import_workbook(db, returned, "central")
    assert result.applied == 3 and result.conflicts_queued == 1
    Services(db, "central").set("action", 1, "avancement", 55)   # changed since the import
    [record] = list_imports(db)
    undone = undo_import(db, "central", record.id)
    assert len(undone.changeset) == 2 and undone.conflicts_queued == 1
    assert _fiche(db) == ("non_demarree", 55, "")
    [conflict] = open_conflicts(db)   # the import's own open conflict is withdrawn with it
    assert "avancement" in conflict.where and conflict.theirs == "0 %" and conflict.current == "55 %"
    assert any(info.reason == "avant-annulation-import" for info in list_backups(db.path))
    with pytest.raises(UndoImportError, match="déjà été annulé"):
        undo_import(db, "central", record.id)
    again = import_workbook(db, returned, "central")   # the same file can be imported again
    assert again.applied == 2 and _fiche(db)[0] == "en_cours"


def test_cli_lists_and_undoes_imports(db, db_path, tmp_path, capsys):
    summary = export(db, tmp_path, plan_code="SDUS", fiches=[1])
    returned = edit_copy(summary.path, tmp_path / "retour.xlsx", {"Fiches": {"H2": "vu"}})
    assert main(["--db", str(db_path), "import", str(returned)]) == 0
    capsys.readouterr()
    assert main(["--db", str(db_path), "import", "--historique"]) == 0
    assert "n° 1 · " in capsys.readouterr().out
    assert main(["--db", str(db_path), "import", "--annuler", "1"]) == 0
    assert "Import n° 1 (« retour.xlsx ») annulé : 1 valeur(s) remise(s)." in capsys.readouterr().out
    assert _fiche(db)[2] == ""
    assert main(["--db", str(db_path), "import", "--annuler", "7"]) == 1
    assert "import n° 7 introuvable" in capsys.readouterr().err
