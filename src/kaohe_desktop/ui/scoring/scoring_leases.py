"""The edit lease of one half's 半年考核 entries, taken at the first write.

One lease for the whole half (`scoring_scope(half)`), not one per department: a
加减分 of one department moves the ranks and grades of all of them, so one person
enters the half at a time. Taking, keeping alive, refusals and giving back are
DepartmentLeases' (ui/editing/department_leases.py), with the half as its only key.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from kaohe_desktop.domain.leases import scoring_scope
from kaohe_desktop.domain.periods import HalfYear
from kaohe_desktop.services.access.leases import Lease, LeaseService
from kaohe_desktop.ui.editing.department_leases import DepartmentLeases
from kaohe_desktop.ui.editing.lease_keeper import LeaseKeeper

WHOLE_HALF = 0  # the one key: the lease covers every department of the half


class ScoringLeases(DepartmentLeases):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._half: HalfYear | None = None
        # The scoring service takes the lease (HalfYearScoringService.acquire_lease):
        # it names the half's lease as the service's writes expect it.
        self._take: Callable[[], Lease] | None = None

    def target(
        self,
        service: LeaseService | None,
        half: HalfYear | None,
        acquire: Callable[[], Lease] | None = None,
    ) -> None:
        """The file (its lease service), the half on screen and how its lease is taken;
        another file or half gives the lease back."""
        if service is not self._service or half != self._half:
            self.release_all()
            self._service, self._half = service, half
        self._take = acquire

    def ensure(self) -> list[Lease]:
        """The half's lease, taken now if not yet held. Raises LeaseHeldError (the half is
        then refused here) or a storage error."""
        return self._ensure([WHOLE_HALF])

    def holds(self) -> bool:
        return WHOLE_HALF in self.held()

    @property
    def refusal(self) -> str | None:
        """Why this workstation may not enter the half now (someone else holds it)."""
        return self.refused.get(WHOLE_HALF)

    def _scope(self, department: int) -> str | None:
        return None if self._half is None else scoring_scope(str(self._half))

    def _new_keeper(self, service: LeaseService, department: int) -> LeaseKeeper:
        half = self._half
        assert half is not None
        label = f"{half.label()}半年考核加减分"
        return LeaseKeeper(service, scoring_scope(str(half)), label, self, acquire=self._take)
