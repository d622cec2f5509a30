"""Holding an edit lease while a dialog is open: acquire, heartbeat, release.

The heartbeat is what tells other workstations the holder is alive; when it is
refused (an administrator took the stale lease over) the dialog must stop
offering to save, so the keeper says so at once rather than at the next save.

A capability whose users may hold a lease without the right to enter other data (查账:
审核人 record 二级 and 三级 checks) passes its own `acquire` and `beat`; giving back and
taking over always go through LeaseService.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from kaohe_desktop.domain.leases import HEARTBEAT_INTERVAL
from kaohe_desktop.services.access.leases import Lease, LeaseService
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


class LeaseKeeper(QObject):
    lost = Signal(str)  # the lease was taken over: the message names who has it now
    unavailable = Signal(str)  # the file cannot be written any more

    def __init__(
        self,
        leases: LeaseService,
        scope: str,
        label: str,
        parent: QObject,
        *,
        acquire: Callable[[], Lease] | None = None,
        beat: Callable[[Lease], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._leases = leases
        self._acquire = acquire or (lambda: leases.acquire(self.scope, self.label))
        self._beat = beat or leases.heartbeat
        self.scope = scope
        self.label = label
        self.lease: Lease | None = None
        self.timer = QTimer(self)
        self.timer.setObjectName("leaseHeartbeat")
        self.timer.setInterval(int(HEARTBEAT_INTERVAL.total_seconds() * 1000))
        self.timer.timeout.connect(self.heartbeat)

    def acquire(self) -> Lease:
        """Raises LeaseHeldError (someone else edits) or a storage error."""
        self.lease = self._acquire()
        self.timer.start()
        return self.lease

    def take_over(self) -> Lease:
        """管理员 only, stale leases only (the service checks both)."""
        self.lease = self._leases.take_over(self.scope, self.label)
        self.timer.start()
        return self.lease

    def take_over_confirmed(self, parent: QWidget) -> bool:
        """Ask, then take over; False if the clerk declined or it failed (explained).
        Raises LeaseHeldError if the holder's heartbeat came back meanwhile."""
        title = self.tr("Take over the edit lease")
        if not messages.ask(
            parent,
            title,
            self.tr("Take over the lease of “{0}”?").format(self.label),
            self.tr("The previous holder's unsaved changes will be refused when they save."),
        ):
            return False
        try:
            self.take_over()
        except LeaseHeldError:
            raise
        except (StorageError, PermissionDeniedError) as error:
            messages.show_error(parent, title, error)
            return False
        return True

    def heartbeat(self) -> None:
        if self.lease is None:
            return
        try:
            self._beat(self.lease)
        except LeaseLostError as error:
            self.timer.stop()
            self.lost.emit(str(error))
        except (FileUnavailableError, ReadOnlyError) as error:
            self.timer.stop()
            self.unavailable.emit(str(error))
        except BusyError:
            # Another workstation is writing; the next beat is well within the TTL.
            log.info("lease heartbeat postponed: the file is busy")
        except (StorageError, PermissionDeniedError) as error:
            log.warning("lease heartbeat failed: %s", error)

    def stop(self) -> None:
        self.timer.stop()

    def release(self) -> None:
        """Give the lease back; a failure only delays others until the TTL runs out."""
        self.timer.stop()
        lease, self.lease = self.lease, None
        if lease is None:
            return
        try:
            self._leases.release(lease)
        except (StorageError, PermissionDeniedError) as error:
            log.info("lease release failed (it expires by itself): %s", error)
