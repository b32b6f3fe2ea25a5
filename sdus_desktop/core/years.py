"""Two-digit years as people type them (« 15/03/99 »): the century that puts the year nearest to today.

Kept tiny and pure so that it can be unified with the GUI's date editor helpers (core/dates.py) later.
"""

from __future__ import annotations

from datetime import date


def full_year(two_digits: int, today: date | None = None) -> int:
    """99 → 1999 and 24 → 2024 and 30 → 2030 (seen from 2026): the nearest of the three candidate centuries;
    a tie (exactly 50 years either way) goes to the past. A date outside the application's range is then
    refused by its caller with the full year shown, never silently moved a century."""
    if not 0 <= two_digits <= 99:
        raise ValueError(f"année sur deux chiffres attendue, pas « {two_digits} »")
    year = (today or date.today()).year
    century = year // 100 * 100
    candidates = (century - 100 + two_digits, century + two_digits, century + 100 + two_digits)
    return min(candidates, key=lambda candidate: (abs(candidate - year), candidate))
