"""Before a change is entered on a tab that works under a lease (半年考核, 年度考核, 人员档案):
may it be made here, and is the lease (now) ours? Else the clerk is told why.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QWidget

from kaohe_desktop.services.errors import LeaseHeldError, PermissionDeniedError, StorageError
from kaohe_desktop.ui.common import messages


class LeaseGate(Protocol):
    def refusal(self) -> str | None: ...  # why nothing may be changed here now

    def ensure_lease(self) -> object: ...  # the lease(s), taken if not held yet


def may_change(gate: LeaseGate, parent: QWidget, title: str) -> bool:
    """The change may be made and the lease is (now) ours; else say why and False."""
    refusal = gate.refusal()
    if refusal is not None:
        messages.warn(parent, title, refusal)
        return False
    try:
        gate.ensure_lease()
    except LeaseHeldError:
        return False  # the lease banner names who holds it
    except (StorageError, PermissionDeniedError) as error:
        messages.show_error(parent, title, error)
        return False
    return True
