"""The operations layer: each user operation is one typed function shared by the GUI and the CLI.

An operation takes the `Services` of the person at work (database + user name), runs in one transaction (the
layers below journal it and take the verified backups) and returns an `OpChanges` (ops.changes): the
ChangeSet it wrote, flags saying which kinds of views must refresh, and what is needed to undo it.
Modules: edits (fields, steps, indicators, référents, undo), imports, conflicts, plans, comite, campaigns,
outputs (printing, workbooks, dossiers). Only ops.changes is light: the others import SQLAlchemy (through
store.services) and are imported where an operation runs, never at start-up.
"""

from sdus_desktop.ops.changes import OpChanges, OpChangesWith

__all__ = ["OpChanges", "OpChangesWith"]
