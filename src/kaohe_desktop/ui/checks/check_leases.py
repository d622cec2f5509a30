"""The edit leases of one period's 查账, one per department, taken on first edit.

The scope is `check_scope(period, department)`; as with the 平时考核 grid, a lease is
taken the first time the clerk edits a cell of a department (or attaches a file, or
copies forward). Taking, keeping alive, refusals and giving back are DepartmentLeases'
(ui/editing/department_leases.py).

The lease is taken and kept alive through the 查账 service, not LeaseService.acquire and
heartbeat: 审核人 record 二级 and 三级 checks without the right to enter other data. It is
given back through LeaseService.release, which everyone may call for their own lease.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from PySide6.QtCore import QObject

from kaohe_desktop.domain.check_rules import CheckPeriod
from kaohe_desktop.domain.leases import check_scope
from kaohe_desktop.services.access.leases import Lease, LeaseService
from kaohe_desktop.services.checks.entry import CheckService
from kaohe_desktop.ui.editing.department_leases import DepartmentLeases
from kaohe_desktop.ui.editing.lease_keeper import LeaseKeeper


class LeaseSource(Protocol):
    @property
    def checks(self) -> CheckService: ...

    @property
    def leases(self) -> LeaseService: ...


class CheckLeases(DepartmentLeases):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source: LeaseSource | None = None
        self._period: CheckPeriod | None = None

    def target(self, source: LeaseSource | None, period: CheckPeriod | None) -> None:
        """The file and period on screen; another one gives every lease back."""
        if source is not self._source or period != self._period:
            self.release_all()
            self._source, self._period = source, period
            self._service = None if source is None else source.leases

    def ensure(self, department_ids: Iterable[int]) -> list[Lease]:
        """The leases of these departments, taken now where not yet held. Raises
        LeaseHeldError (the department is then refused) or a storage error."""
        assert self._source is not None and self._period is not None
        return self._ensure(department_ids)

    def _scope(self, department: int) -> str | None:
        period = self._period
        return None if period is None else check_scope(str(period), department)

    def _new_keeper(self, service: LeaseService, department: int) -> LeaseKeeper:
        source, period = self._source, self._period
        assert source is not None and period is not None
        # The service names the lease when it takes it; a take-over keeps the holder's name.
        error = self.held_by_others.get(department)
        label = error.info.label if error is not None else self.names.get(department, "")
        checks = source.checks
        return LeaseKeeper(
            service, check_scope(str(period), department), label, self,
            acquire=lambda: checks.acquire_lease(period, department),
            beat=checks.heartbeat_lease,
        )  # fmt: skip
