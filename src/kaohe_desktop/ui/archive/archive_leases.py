"""The edit lease of one person's 奖惩 and 谈话 records, taken when the clerk first opens
a dialog on them and given back when the clerk turns to another person.

One key, the person shown (`archive_scope(person_id)`): taking, keeping alive,
refusals, taking over and giving back are DepartmentLeases'
(ui/editing/department_leases.py). The archive service takes the lease
(ArchiveRecords.acquire_lease), so it is named as the service's writes expect it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from kaohe_desktop.domain.leases import archive_scope
from kaohe_desktop.services.access.leases import Lease, LeaseService
from kaohe_desktop.ui.editing.department_leases import DepartmentLeases
from kaohe_desktop.ui.editing.lease_keeper import LeaseKeeper


def lease_label(name: str, code: str) -> str:
    return f"{name}（{code}）的档案记录"


class ArchiveLeases(DepartmentLeases):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.person_id: int | None = None
        self._label = ""
        self._take: Callable[[], Lease] | None = None

    def target(
        self,
        service: LeaseService | None,
        person_id: int | None,
        label: str = "",
        acquire: Callable[[], Lease] | None = None,
    ) -> None:
        """The file and the person shown; another file or person gives the lease back."""
        if service is not self._service or person_id != self.person_id:
            self.release_all()
            self._service, self.person_id = service, person_id
        self._label, self._take = label, acquire

    def ensure(self) -> Lease:
        """The person's lease, taken now if not yet held. Raises LeaseHeldError (the
        person is then refused here) or a storage error."""
        assert self.person_id is not None
        return self._ensure([self.person_id])[0]

    def holds(self) -> bool:
        return self.person_id is not None and self.person_id in self.held()

    @property
    def refusal(self) -> str | None:
        """Why this workstation may not change the person's records now."""
        return None if self.person_id is None else self.refused.get(self.person_id)

    def _scope(self, department: int) -> str | None:
        return archive_scope(department)

    def _new_keeper(self, service: LeaseService, department: int) -> LeaseKeeper:
        return LeaseKeeper(
            service, archive_scope(department), self._label, self, acquire=self._take
        )
