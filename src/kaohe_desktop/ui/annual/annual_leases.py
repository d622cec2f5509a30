"""The edit lease of one year's 年度考核 decisions, taken at the first write.

One lease for the whole year (`annual_scope(year)`), not one per department: the 优秀
quota is shared by everyone, so one clerk works the year at a time. Taking, keeping
alive, refusals and giving back are DepartmentLeases' (ui/editing/department_leases.py),
with the year as its only key, as the 半年考核 tab does (ui/scoring/scoring_leases.py).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from kaohe_desktop.domain.leases import annual_scope
from kaohe_desktop.services.access.leases import Lease, LeaseService
from kaohe_desktop.ui.editing.department_leases import DepartmentLeases
from kaohe_desktop.ui.editing.lease_keeper import LeaseKeeper

WHOLE_YEAR = 0  # the one key: the lease covers everyone of the year


class AnnualLeases(DepartmentLeases):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._year: int | None = None
        # The annual service takes the lease (AnnualService.acquire_lease): it names the
        # year's lease as the service's writes expect it.
        self._take: Callable[[], Lease] | None = None

    def target(
        self,
        service: LeaseService | None,
        year: int | None,
        acquire: Callable[[], Lease] | None = None,
    ) -> None:
        """The file (its lease service), the year on screen and how its lease is taken;
        another file or year gives the lease back."""
        if service is not self._service or year != self._year:
            self.release_all()
            self._service, self._year = service, year
        self._take = acquire

    def ensure(self) -> list[Lease]:
        """The year's lease, taken now if not yet held. Raises LeaseHeldError (the year
        is then refused here) or a storage error."""
        return self._ensure([WHOLE_YEAR])

    def holds(self) -> bool:
        return WHOLE_YEAR in self.held()

    @property
    def refusal(self) -> str | None:
        """Why this workstation may not work the year now (someone else holds it)."""
        return self.refused.get(WHOLE_YEAR)

    def _scope(self, department: int) -> str | None:
        return None if self._year is None else annual_scope(self._year)

    def _new_keeper(self, service: LeaseService, department: int) -> LeaseKeeper:
        year = self._year
        assert year is not None
        label = f"{year}年度考核"
        return LeaseKeeper(service, annual_scope(year), label, self, acquire=self._take)
