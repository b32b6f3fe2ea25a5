"""The progress protocol of slow operations (import preview, consolidation, PDF dossier, the workbooks written).

A slow operation takes `progress(done, total) -> bool`; False means the person cancelled: the operation
then raises `Cancelled` having written nothing (files are written atomically, the database in one transaction).
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], bool]


class Cancelled(Exception):
    """The person cancelled a slow operation: nothing was written."""


def check(progress: Progress | None, done: int, total: int) -> None:
    """Report progress; raise Cancelled when the person asked to stop."""
    if progress is not None and progress(done, total) is False:
        raise Cancelled()


def part(progress: Progress | None, index: int, count: int, scale: int = 1000) -> Progress | None:
    """The progress of the `index`-th of `count` equal parts of an operation (one workbook of a campaign): each
    part reports its own (done, total); the whole sees a share of `count * scale`, which never goes back."""
    if progress is None:
        return None
    whole = progress

    def report(done: int, total: int) -> bool:
        share = min(done * scale // total, scale) if total > 0 else 0
        return whole(index * scale + share, count * scale)

    return report
