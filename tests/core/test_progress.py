"""core.progress: check() stops on a cancel; part() reports one part of an operation as a share of the whole."""

from __future__ import annotations

import pytest

from sdus_desktop.core.progress import Cancelled, check, part


def test_check_raises_cancelled_when_progress_says_stop() -> None:
    check(None, 1, 2)
    check(lambda done, total: True, 1, 2)
    with pytest.raises(Cancelled):
        check(lambda done, total: False, 1, 2)


def test_part_reports_a_share_of_the_whole_that_never_goes_back() -> None:
    calls: list[tuple[int, int]] = []
    answer = {"go on": True}

    def whole(done: int, total: int) -> bool:
        calls.append((done, total))
        return answer["go on"]

    assert part(None, 0, 2) is None
    first, second = part(whole, 0, 2), part(whole, 1, 2)
    assert first is not None and second is not None
    for report in (first, second):
        for done in range(5):
            assert report(done, 4)
    assert calls[0] == (0, 2000) and calls[4] == (1000, 2000) and calls[-1] == (2000, 2000)
    fractions = [done / total for done, total in calls]
    assert fractions == sorted(fractions)
    assert second(1, 0) and calls[-1] == (1000, 2000)   # a part with nothing to do
    assert second(9, 4) and calls[-1] == (2000, 2000)   # never past its share
    answer["go on"] = False
    assert second(2, 4) is False                        # a cancel reaches the part
