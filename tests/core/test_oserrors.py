import errno

import pytest

from sdus_desktop.core.oserrors import describe_os_error


@pytest.mark.parametrize(
    ("code", "expected"),
    [(errno.EACCES, "accès refusé"), (errno.ENOENT, "n'existe pas"), (errno.ENOSPC, "disque est plein"),
     (errno.EEXIST, "à la place d'un dossier")],
)
def test_known_errors_are_french_and_say_what_to_do(code: int, expected: str) -> None:
    message = describe_os_error(OSError(code, "English text", "/tmp/x.xlsx"))
    assert message.startswith("impossible d'écrire « /tmp/x.xlsx » : ")
    assert expected in message and "English text" not in message


def test_reading_and_unknown_errors() -> None:
    message = describe_os_error(OSError(errno.EIO, "Input/output error"), "/tmp/y.xlsx", writing=False)
    assert message.startswith("impossible de lire « /tmp/y.xlsx » : erreur du système")
