"""`sdus check` lists the numbers an older version stored that are not numbers, with their place."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sdus_desktop.cli.main import main
from sdus_desktop.store.database import Database
from sdus_desktop.store.services import Services


def test_check_lists_legacy_infinity_and_nan_with_their_place(db: Database, db_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    services = Services(db, "central")
    indicator = int(services.add_indicator(1, "Nombre de saisines", "nombre", "40").changes[0].key)
    services.set("value", f"{indicator}:2021", "value", "12")
    services.set("value", f"{indicator}:2022", "value", "7")
    services.set_target(indicator, 2022, "30")
    assert main(["--db", str(db_path), "check"]) == 0
    assert "à corriger" not in capsys.readouterr().out
    connection = sqlite3.connect(db_path)
    with connection:
        connection.execute("UPDATE indicator_value SET value = 'Infinity' WHERE indicator_id = ? AND period = '2021'",
                           (indicator,))
        connection.execute("UPDATE indicator_target SET value = ? WHERE indicator_id = ?", (float("inf"), indicator))  # (SQLite keeps no NaN: NULL)
    connection.close()
    assert main(["--db", str(db_path), "check"]) == 0   # not damage: listed to be corrected
    out = capsys.readouterr().out
    assert "Base intacte" in out and "1 nombre(s) à corriger" not in out and "2 nombre(s) à corriger" in out
    assert "SDUS · fiche 1 · indicateur" in out and "· 2021 : valeur « Infinity »" in out, out
    assert "cible 2022" in out
