"""Shared values for the UI tests."""

from __future__ import annotations

from datetime import date

TODAY = date(2021, 6, 15)


def first_action_id(window, plan: str = "SDUS", number: int = 1) -> int:  # type: ignore[no-untyped-def]
    plan_node = window.catalogue.plan(plan)
    return next(a.id for a in window.catalogue.plan_actions(plan_node) if a.number == number)
