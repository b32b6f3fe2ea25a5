from datetime import date

import pytest

from sdus_desktop.core.lateness import effective_period, is_action_late, is_step_late
from sdus_desktop.core.statuses import ActionStatus, StepStatus


def test_labels_are_french_and_symbols_distinct() -> None:
    assert [s.label for s in ActionStatus] == ["Non démarrée", "En cours", "Réalisée", "Reportée", "Abandonnée"]
    assert [s.label for s in StepStatus] == ["À faire", "En cours", "Réalisée", "Abandonnée"]
    assert len({s.symbol for s in ActionStatus}) == len(ActionStatus)


@pytest.mark.parametrize("text", ["Réalisée", "realisee", "REALISÉE", "réalisée ", "realisee"])
def test_status_from_label_is_tolerant(text: str) -> None:
    assert ActionStatus.from_label(text) is ActionStatus.REALISEE


def test_unknown_status_message_lists_choices() -> None:
    with pytest.raises(ValueError, match="statut inconnu « Fini ».*Non démarrée"):
        ActionStatus.from_label("Fini")
    assert StepStatus.from_label("à faire") is StepStatus.A_FAIRE


def test_step_lateness() -> None:
    today = date(2021, 1, 15)
    assert is_step_late(date(2020, 12, 31), "a_faire", today)
    assert is_step_late(date(2020, 12, 31), StepStatus.EN_COURS, today)
    assert not is_step_late(date(2020, 12, 31), "realisee", today)
    assert not is_step_late(date(2020, 12, 31), "abandonnee", today)
    assert not is_step_late(date(2021, 1, 15), "a_faire", today)
    assert not is_step_late(None, "a_faire", today)
    assert not is_step_late(date(2020, 12, 31), "a_faire", today, grace_days=30)


def test_action_lateness_ignores_closed_actions() -> None:
    assert is_action_late("en_cours", [False, True])
    assert not is_action_late("en_cours", [False, False])
    assert not is_action_late("realisee", [True])
    assert not is_action_late("abandonnee", [True])


def test_effective_period_prefers_overrides() -> None:
    assert effective_period("2019", None, None) == (date(2019, 1, 1), date(2019, 12, 31))
    assert effective_period("2019", None, date(2019, 6, 30)) == (date(2019, 1, 1), date(2019, 6, 30))
    assert effective_period("Permanent", None, None) == (None, None)
