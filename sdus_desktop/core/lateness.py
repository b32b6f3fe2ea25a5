"""Lateness rules: derived from planned dates and statuses, never stored."""

from __future__ import annotations

from datetime import date, timedelta

from sdus_desktop.core.calendrier import Period, parse_calendrier
from sdus_desktop.core.statuses import ActionStatus, StepStatus


def effective_period(
    calendrier: str | None, planned_start: date | None, planned_end: date | None
) -> tuple[date | None, date | None]:
    """Planned start/end of a step: the user's override when set, else derived from the calendrier
    (an open-ended calendrier gives no end: not a deadline)."""
    derived: Period | None = parse_calendrier(calendrier)
    start = planned_start or (derived.start if derived else None)
    end = planned_end or (derived.end if derived else None)
    return start, end


def is_step_late(planned_end: date | None, status: StepStatus | str, today: date, grace_days: int = 0) -> bool:
    """A step is late when its planned end (plus grace) has passed and it is neither done nor dropped."""
    if planned_end is None:
        return False
    if StepStatus(status).closed:
        return False
    return planned_end + timedelta(days=grace_days) < today


def is_action_late(action_status: ActionStatus | str, steps_late: list[bool]) -> bool:
    """An open action is late when one of its steps is late."""
    return not ActionStatus(action_status).closed and any(steps_late)
