"""The main window keeps what ui.common.window_protocol promises the dialogs (mypy checks the dialogs' side)."""

from __future__ import annotations

from sdus_desktop.ops.changes import OpChanges
from sdus_desktop.ui.common.window_protocol import MainWindowApi


def test_the_main_window_offers_everything_the_protocol_declares(window) -> None:  # type: ignore[no-untyped-def]
    names = set(MainWindowApi.__annotations__) | {name for name in vars(MainWindowApi) if not name.startswith("_")}
    assert {"db", "editor", "changed", "publish", "user", "plans_action", "undo_import_action"} <= names
    assert sorted(name for name in names if not hasattr(window, name)) == []
    assert window.user == "Marie Dupont"


def test_publish_emits_the_one_changed_signal(window) -> None:  # type: ignore[no-untyped-def]
    seen: list[OpChanges] = []
    window.changed.connect(seen.append)
    changes = OpChanges(snapshots=True)
    window.publish(changes)
    assert seen == [changes]
