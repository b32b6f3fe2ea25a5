"""The progress protocol of slow operations (import preview, consolidation, PDF dossier).

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
