from __future__ import annotations

import getpass

import pytest

from sdus_desktop.ui.common.settings import MODE_CENTRAL, SETTINGS, Settings


def test_every_contract_setting_is_declared_once_with_a_french_label() -> None:
    names = [setting.name for setting in SETTINGS]
    assert names == ["user_name", "mode", "referent_name", "export_folder", "import_folder", "print_folder",
                     "lateness_grace_days", "stale_days"]
    assert len(set(names)) == len(names)
    assert all(setting.label and setting.label[0].isupper() for setting in SETTINGS)


def test_defaults_are_typed(settings: Settings) -> None:
    assert settings.value("user_name") == getpass.getuser()
    assert settings.value("mode") == "referent"
    assert settings.value("lateness_grace_days") == 0
    assert settings.value("stale_days") == 90
    assert not settings.is_set("user_name")
    assert not settings.central_mode


def test_values_round_trip_through_the_ini_file(settings: Settings) -> None:
    settings.set_value("user_name", "Élodie Martin")
    settings.set_value("stale_days", "30")
    settings.set_value("mode", MODE_CENTRAL)
    again = Settings(type(settings.qsettings)(settings.qsettings.fileName(), settings.qsettings.format()))
    assert again.value("user_name") == "Élodie Martin"
    assert again.value("stale_days") == 30
    assert again.is_set("user_name")
    assert again.central_mode


def test_unknown_setting_is_refused(settings: Settings) -> None:
    with pytest.raises(KeyError, match="réglage inconnu"):
        settings.value("couleur")
