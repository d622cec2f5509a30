"""The edit leases of one period's work, one per department, taken on first edit.

Two people may work on the same period at once as long as they work on different
departments. A lease is taken the first time the clerk edits something of a
department, kept alive by a LeaseKeeper's heartbeat, and given back when the period,
the year or the file changes, when the period is closed and when the window closes.

A department someone else holds stays read-only here, with their name and workstation
as the reason, until their lease is gone (checked at every reload) or the clerk asks
to try again. The 平时考核 grid (ui/quarterly/grading_leases.py) and the 查账 grid
(ui/checks/check_leases.py) differ only in the scope, the label and how a lease is
taken and kept alive; they say so in `_scope` and `_new_keeper`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from kaohe_desktop.services.access.leases import Lease, LeaseService
from kaohe_desktop.services.errors import LeaseHeldError, PermissionDeniedError, StorageError
from kaohe_desktop.ui.editing.lease_keeper import LeaseKeeper


class DepartmentLeases(QObject):
    changed = Signal()  # the departments refused to this workstation changed
    unavailable = Signal(str)  # a heartbeat found the file unwritable

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service: LeaseService | None = None  # the open file's
        self._keepers: dict[int, LeaseKeeper] = {}
        # Departments this workstation may not edit now, with the reason shown.
        self.refused: dict[int, str] = {}
        self.held_by_others: dict[int, LeaseHeldError] = {}
        self.names: Mapping[int, str] = {}  # department names, for the lease labels

    # --- what differs between capabilities ----------------------------------------
    def _scope(self, department: int) -> str | None:
        """The lease scope of a department in the period on screen (None: no period)."""
        raise NotImplementedError

    def _new_keeper(self, service: LeaseService, department: int) -> LeaseKeeper:
        """A keeper for the department's lease in the period on screen, not yet holding."""
        raise NotImplementedError

    # --- taking them -------------------------------------------------------------
    def _ensure(self, department_ids: Iterable[int]) -> list[Lease]:
        """The leases of these departments, taken now where not yet held. Raises
        LeaseHeldError (the department is then refused) or a storage error."""
        service = self._service
        assert service is not None
        leases: list[Lease] = []
        for department in dict.fromkeys(department_ids):
            keeper = self._keepers.get(department)
            if keeper is None or keeper.lease is None:
                keeper = self._acquire(service, department)
            assert keeper.lease is not None
            leases.append(keeper.lease)
        return leases

    def _acquire(self, service: LeaseService, department: int) -> LeaseKeeper:
        keeper = self._new_keeper(service, department)
        try:
            keeper.acquire()
        except LeaseHeldError as error:
            keeper.deleteLater()
            self._refuse(department, error)
            raise
        except BaseException:
            keeper.deleteLater()
            raise
        self._keep(department, keeper)
        return keeper

    def _keep(self, department: int, keeper: LeaseKeeper) -> None:
        keeper.lost.connect(lambda message, d=department: self._lost(d, message))
        keeper.unavailable.connect(self.unavailable)
        self._keepers[department] = keeper
        self.held_by_others.pop(department, None)
        if self.refused.pop(department, None) is not None:
            self.changed.emit()

    def _refuse(self, department: int, error: LeaseHeldError) -> None:
        self.refused[department] = str(error)
        self.held_by_others[department] = error
        self.changed.emit()

    def all(self) -> list[Lease]:
        return [k.lease for k in self._keepers.values() if k.lease is not None]

    def held(self) -> set[int]:
        return {d for d, k in self._keepers.items() if k.lease is not None}

    def keeper(self, department: int) -> LeaseKeeper | None:
        return self._keepers.get(department)

    # --- refusals --------------------------------------------------------------
    def recheck(self) -> None:
        """Forget refusals whose holder has let go (a reload after their release)."""
        service = self._service
        if service is None or not self.refused:
            return
        gone = []
        for department in self.refused:
            scope = self._scope(department)
            if scope is None:
                return
            try:
                holder = service.holder(scope)
            except (StorageError, PermissionDeniedError):
                return  # cannot tell now; the next reload asks again
            if holder is None:
                gone.append(department)
        for department in gone:
            self.refused.pop(department)
            self.held_by_others.pop(department, None)
        if gone:
            self.changed.emit()

    def forget_refusals(self) -> None:
        """The clerk asks to try again: the next edit tries to take the leases."""
        if self.refused:
            self.refused.clear()
            self.held_by_others.clear()
            self.changed.emit()

    def take_over(self, parent: QWidget, department: int) -> bool:
        """管理员: take a stale lease over (asked first); False if declined or refused."""
        service = self._service
        if service is None or self._scope(department) is None:
            return False
        keeper = self._new_keeper(service, department)
        try:
            taken = keeper.take_over_confirmed(parent)
        except LeaseHeldError as error:  # the holder's heartbeat came back meanwhile
            keeper.deleteLater()
            self._refuse(department, error)
            return False
        if not taken:
            keeper.deleteLater()
            return False
        self._keep(department, keeper)
        return True

    def lost(self, departments: Iterable[int], message: str) -> None:
        """A save was refused because these departments' leases were taken over."""
        for department in departments:
            self._lost(department, message)

    def _lost(self, department: int, message: str) -> None:
        keeper = self._keepers.pop(department, None)
        if keeper is not None:
            keeper.stop()
            keeper.deleteLater()
        self.refused[department] = message
        self.changed.emit()

    # --- giving back -------------------------------------------------------------
    def release_all(self) -> None:
        """Give every lease back (a failure only delays others until the TTL)."""
        keepers, self._keepers = self._keepers, {}
        for keeper in keepers.values():
            keeper.release()
            keeper.deleteLater()
        had_refusals = bool(self.refused)
        self.refused.clear()
        self.held_by_others.clear()
        if keepers or had_refusals:
            self.changed.emit()
