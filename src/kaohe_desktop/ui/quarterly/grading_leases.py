"""The edit leases of one quarter's grading, one per department, taken on first edit.

The scope is `grading_scope(quarter, department)`; a lease is taken the first time the
clerk edits a cell (or pastes, or opens a 点评) of a department. Taking, keeping alive,
refusals and giving back are DepartmentLeases' (ui/editing/department_leases.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject

from kaohe_desktop.domain.leases import grading_scope
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.services.access.leases import Lease, LeaseService
from kaohe_desktop.ui.editing.department_leases import DepartmentLeases
from kaohe_desktop.ui.editing.lease_keeper import LeaseKeeper


def department_of(scope: str) -> int | None:
    """The department id of a grading scope ("grading:2026Q2:7" → 7)."""
    try:
        return int(scope.rsplit(":", 1)[1])
    except (IndexError, ValueError):
        return None


class GradingLeases(DepartmentLeases):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._quarter: Quarter | None = None

    def target(self, service: LeaseService | None, quarter: Quarter | None) -> None:
        """The file (its lease service) and quarter on screen; another one gives every
        lease back."""
        if service is not self._service or quarter != self._quarter:
            self.release_all()
            self._service, self._quarter = service, quarter

    def ensure(
        self,
        service: LeaseService,
        quarter: Quarter,
        department_ids: Iterable[int],
    ) -> list[Lease]:
        """The leases of these departments, taken now where not yet held. Raises
        LeaseHeldError (the department is then refused) or a storage error."""
        self.target(service, quarter)
        return self._ensure(department_ids)

    def _scope(self, department: int) -> str | None:
        quarter = self._quarter
        return None if quarter is None else grading_scope(str(quarter), department)

    def _new_keeper(self, service: LeaseService, department: int) -> LeaseKeeper:
        quarter = self._quarter
        assert quarter is not None
        name = self.names.get(department, str(department))
        label = f"{quarter.label()} {name} 平时考核"
        return LeaseKeeper(service, grading_scope(str(quarter), department), label, self)
