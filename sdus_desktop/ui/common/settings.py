"""User settings, declared once (name, type, default, French label), stored with QSettings."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

MODE_REFERENT = "referent"
MODE_CENTRAL = "central"
MODE_LABELS = {MODE_REFERENT: "Référent (saisie du suivi)", MODE_CENTRAL: "Équipe centrale (modification des fiches)"}


def _os_login() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name available (service account, odd Windows setups)
        return "utilisateur"


def _documents() -> str:
    return str(Path.home() / "Documents")


@dataclass(frozen=True)
class Setting:
    name: str
    kind: type
    label: str
    default: Any = None

    def default_value(self) -> Any:
        return self.default() if callable(self.default) else self.default


SETTINGS: tuple[Setting, ...] = (
    Setting("user_name", str, "Votre nom (inscrit au journal des modifications)", _os_login),
    Setting("mode", str, "Mode d'utilisation", MODE_REFERENT),
    Setting("referent_name", str, "Votre organisation ou le référent de ce poste (pour « Mes fiches »)", ""),
    Setting("export_folder", str, "Dossier des classeurs exportés", _documents),
    Setting("import_folder", str, "Dossier des classeurs reçus", _documents),
    Setting("print_folder", str, "Dossier des documents imprimés (PDF)", _documents),
    Setting("lateness_grace_days", int, "Délai de tolérance avant « en retard » (jours)", 0),
    Setting("stale_days", int, "Fiche « non mise à jour » après (jours)", 90),
)
BY_NAME = {setting.name: setting for setting in SETTINGS}


class Settings:
    """Typed access to the declared settings; anything else (geometry…) goes through .qsettings."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.qsettings = qsettings if qsettings is not None else QSettings()

    def value(self, name: str) -> Any:
        setting = _declared(name)
        raw = self.qsettings.value(f"reglages/{name}")
        if raw is None or raw == "":
            return setting.default_value() if setting.kind is not str or raw is None else raw
        if setting.kind is int:
            try:
                return int(raw)
            except (TypeError, ValueError):
                return setting.default_value()
        return str(raw)

    def set_value(self, name: str, value: Any) -> None:
        setting = _declared(name)
        self.qsettings.setValue(f"reglages/{name}", setting.kind(value))
        self.qsettings.sync()

    def is_set(self, name: str) -> bool:
        _declared(name)
        return self.qsettings.contains(f"reglages/{name}")

    @property
    def central_mode(self) -> bool:
        return self.value("mode") == MODE_CENTRAL


def _declared(name: str) -> Setting:
    try:
        return BY_NAME[name]
    except KeyError:
        raise KeyError(f"réglage inconnu « {name} »") from None
