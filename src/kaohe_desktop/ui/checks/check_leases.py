"""The edit leases of one period's 查账, one per department, taken on first edit.

Two people may enter the same period at once as long as they work on different
departments: the scope is `check_scope(period, department)`. As with the 平时考核 grid
(ui/quarterly/grading_leases.py), a lease is taken the first time the clerk edits a
cell of a department (or attaches a file, or copies forward), kept alive by one
heartbeat for all of them, and given back when the period, the year or the file
changes, when the period is closed and when the window closes.

The lease is taken through the 查账 service, not LeaseService.acquire: 审核人 record
二级 and 三级 checks without the right to enter other data. It is given back through
LeaseService.release, which everyone may call for their own lease.

A department someone else holds stays read-only here, with their name and workstation
as the reason, until their lease is gone (checked at every reload) or the clerk asks
to try again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from kaohe_desktop.domain.check_rules import CheckPeriod
from kaohe_desktop.domain.leases import HEARTBEAT_INTERVAL, check_scope
from kaohe_desktop.services.access.leases import Lease, LeaseService
from kaohe_desktop.services.checks.entry import CheckService
from kaohe_desktop.services.errors import (
    BusyError,
    FileUnavailableError,
    LeaseHeldError,
    LeaseLostError,
    PermissionDeniedError,
    ReadOnlyError,
    StorageError,
)
from kaohe_desktop.ui.common import messages

log = logging.getLogger(__name__)


class LeaseSource(Protocol):
    @property
    def checks(self) -> CheckService: ...

    @property
    def leases(self) -> LeaseService: ...


class CheckLeases(QObject):
    changed = Signal()  # the departments refused to this workstation changed
    unavailable = Signal(str)  # a heartbeat found the file unwritable

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source: LeaseSource | None = None
        self._period: CheckPeriod | None = None
        self._held: dict[int, Lease] = {}
        self.refused: dict[int, str] = {}  # department → why it is read-only here
        self.held_by_others: dict[int, LeaseHeldError] = {}
        self.names: Mapping[int, str] = {}
        self.timer = QTimer(self)
        self.timer.setObjectName("checkLeaseHeartbeat")
        self.timer.setInterval(int(HEARTBEAT_INTERVAL.total_seconds() * 1000))
        self.timer.timeout.connect(self.heartbeat)

    def target(self, source: LeaseSource | None, period: CheckPeriod | None) -> None:
        """The file and period on screen; another one gives every lease back."""
        if source is not self._source or period != self._period:
            self.release_all()
            self._source, self._period = source, period

    def ensure(self, department_ids: Iterable[int]) -> list[Lease]:
        """The leases of these departments, taken now where not yet held. Raises
        LeaseHeldError (the department is then refused) or a storage error."""
        source, period = self._source, self._period
        assert source is not None and period is not None
        leases = []
        for department in dict.fromkeys(department_ids):
            lease = self._held.get(department)
            if lease is None:
                try:
                    lease = source.checks.acquire_lease(period, department)
                except LeaseHeldError as error:
                    self._refuse(department, error)
                    raise
                self._keep(department, lease)
            leases.append(lease)
        return leases

    def _keep(self, department: int, lease: Lease) -> None:
        self._held[department] = lease
        self.held_by_others.pop(department, None)
        if not self.timer.isActive():
            self.timer.start()
        if self.refused.pop(department, None) is not None:
            self.changed.emit()

    def _refuse(self, department: int, error: LeaseHeldError) -> None:
        self.refused[department] = str(error)
        self.held_by_others[department] = error
        self.changed.emit()

    def held(self) -> set[int]:
        return set(self._held)

    # --- keeping them alive ----------------------------------------------------------
    def heartbeat(self) -> None:
        source = self._source
        if source is None:
            return
        for department, lease in list(self._held.items()):
            try:
                source.checks.heartbeat_lease(lease)
            except LeaseLostError as error:
                self._lost(department, str(error))
            except (FileUnavailableError, ReadOnlyError) as error:
                self.timer.stop()
                self.unavailable.emit(str(error))
                return
            except BusyError:
                log.info("查账 lease heartbeat postponed: the file is busy")
            except (StorageError, PermissionDeniedError) as error:
                log.warning("查账 lease heartbeat failed: %s", error)

    # --- refusals --------------------------------------------------------------
    def recheck(self) -> None:
        """Forget refusals whose holder has let go (a reload after their release)."""
        source, period = self._source, self._period
        if source is None or period is None or not self.refused:
            return
        gone = []
        for department in self.refused:
            try:
                holder = source.leases.holder(check_scope(str(period), department))
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
        source, period = self._source, self._period
        if source is None or period is None:
            return False
        error = self.held_by_others.get(department)
        label = error.info.label if error is not None else self.names.get(department, "")
        title = self.tr("Take over the edit lease")
        if not messages.ask(
            parent,
            title,
            self.tr("Take over the lease of “{0}”?").format(label),
            self.tr("The previous holder's unsaved changes will be refused when they save."),
        ):
            return False
        try:
            lease = source.leases.take_over(check_scope(str(period), department), label)
        except LeaseHeldError as held:  # the holder's heartbeat came back meanwhile
            self._refuse(department, held)
            return False
        except (StorageError, PermissionDeniedError) as failure:
            messages.show_error(parent, title, failure)
            return False
        self._keep(department, lease)
        return True

    def lost(self, departments: Iterable[int], message: str) -> None:
        """A save was refused because these departments' leases were taken over."""
        for department in departments:
            self._lost(department, message)

    def _lost(self, department: int, message: str) -> None:
        self._held.pop(department, None)
        if not self._held:
            self.timer.stop()
        self.refused[department] = message
        self.changed.emit()

    # --- giving back -------------------------------------------------------------
    def release_all(self) -> None:
        """Give every lease back (a failure only delays others until the TTL)."""
        held, self._held = self._held, {}
        self.timer.stop()
        source = self._source
        for lease in held.values():
            if source is None:
                break
            try:
                source.leases.release(lease)
            except (StorageError, PermissionDeniedError) as error:
                log.info("查账 lease release failed (it expires by itself): %s", error)
        had_refusals = bool(self.refused)
        self.refused.clear()
        self.held_by_others.clear()
        if held or had_refusals:
            self.changed.emit()
