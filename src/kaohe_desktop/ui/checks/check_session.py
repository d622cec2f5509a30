"""The period on screen in the 查账 tab: the services of the open file it uses, the chosen
period and level, the due list last read and the edit leases held on it.

The tab owns one and lays out the widgets around it; the helpers beside the tab
(DueEditing, CheckCommands, the evidence panel, the dialogs) read and change the period
through the session, never through the tab. A whole new due list (a load, a copy
forward) is announced as `due_changed`; the fresh rows a write returns as
`rows_changed`, so the grid replaces just those rows and nothing reads the whole
period again after the clerk's own write.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QObject, Signal

from kaohe_desktop.domain.check_rules import CheckPeriod
from kaohe_desktop.domain.enums import CheckLevel
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.access.leases import Lease, LeaseService
from kaohe_desktop.services.checks.bulletins import BulletinService
from kaohe_desktop.services.checks.entry import CheckService
from kaohe_desktop.services.checks.evidence import EvidenceService
from kaohe_desktop.services.checks.notices import NoticeService
from kaohe_desktop.services.checks.views import DueCheckRow, DueList
from kaohe_desktop.services.ledger.tasks import LedgerService
from kaohe_desktop.ui.checks.check_leases import CheckLeases
from kaohe_desktop.ui.common.access import Access

translate = QCoreApplication.translate


class CheckSource(Access, Protocol):
    """What the 查账 screens use of the open file (a Workspace is one)."""

    @property
    def checks(self) -> CheckService: ...

    @property
    def evidence(self) -> EvidenceService: ...

    @property
    def notices(self) -> NoticeService: ...

    @property
    def bulletins(self) -> BulletinService: ...

    @property
    def leases(self) -> LeaseService: ...

    @property
    def ledger(self) -> LedgerService: ...


class CheckSession(QObject):
    due_changed = Signal(object)  # a whole new DueList, to be shown
    rows_changed = Signal(object)  # list[DueCheckRow]: the fresh rows of a write
    reload_requested = Signal()  # the file may differ from the screen: read it again

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source: CheckSource | None = None
        self.period: CheckPeriod | None = None
        self.due: DueList | None = None  # None until read, or after a failed read
        self.level = CheckLevel.LEAD
        self.levels: tuple[CheckLevel, ...] = ()  # the levels this account records at
        self.leases = CheckLeases(self)

    # --- which period -------------------------------------------------------------
    def open(self, source: CheckSource, period: CheckPeriod) -> None:
        """The file and period to show; another one gives every lease back."""
        self.source, self.period = source, period
        self.leases.target(source, period)

    def clear(self) -> None:
        self.leases.target(None, None)
        self.source, self.period, self.due = None, None, None

    # --- the due list ---------------------------------------------------------------
    def load(self) -> DueList:
        """Read the period's due list and announce it (a StorageError is the caller's)."""
        assert self.source is not None and self.period is not None
        due = self.source.checks.due_list(self.period)
        self.levels = self.source.checks.entry_levels()
        self.leases.names = {row.department_id: row.department for row in due.rows}
        self.leases.recheck()  # a holder may have let go since the last read
        self.take(due)
        return due

    def take(self, due: DueList) -> None:
        self.due = due
        if due.closed:
            self.leases.release_all()  # nobody may edit a closed period: keep nothing
        self.due_changed.emit(due)

    def take_rows(self, rows: Sequence[DueCheckRow]) -> None:
        """The fresh rows a write returned: they replace those pairs' rows only."""
        if self.due is None or not rows:
            return
        self.due = self.due.with_rows(rows)
        self.rows_changed.emit(list(rows))

    def set_file_count(self, key: tuple[int, int], check_id: int, count: int) -> bool:
        """Files were attached to (or removed from) a check: its row shows the count the
        file holds now, without reading the period again. An absolute count, not a
        difference: a live refresh may have read the new files already. True when the
        row changed (and was announced)."""
        row = self.row(key)
        if row is None:
            return False
        levels = tuple(
            replace(e, evidence_files=count) if e is not None and e.check_id == check_id else e
            for e in row.levels
        )
        if levels == row.levels:
            return False
        self.take_rows([replace(row, levels=levels)])  # type: ignore[arg-type]
        return True

    def refresh_rows(self, keys: Iterable[tuple[int, int]]) -> None:
        """After a refusal: read the period again, but show anew only these pairs (what
        stood in the way is in the file; the rest of the screen stays as it is)."""
        source, period = self.source, self.period
        if source is None or period is None:
            return
        wanted = set(keys)
        fresh = [row for row in source.checks.due_list(period).rows if row.key in wanted]
        self.take_rows(fresh)

    def request_reload(self) -> None:
        self.reload_requested.emit()

    def row(self, key: tuple[int, int]) -> DueCheckRow | None:
        if self.due is None:
            return None
        return next((row for row in self.due.rows if row.key == key), None)

    # --- who may change what ------------------------------------------------------
    def recording(self) -> bool:
        """Whether the clerk may record at the chosen level now (no lease asked)."""
        return self.refusal() is None

    def refusal(self) -> str | None:
        """Why nothing can be entered here (None: the clerk may, at `level`)."""
        source, due = self.source, self.due
        if source is None or due is None:
            return None
        if due.closed:
            text = translate("CheckSession", "{0} is closed: the checks can only be read.")
            text = text.format(due.period.label())
            if source.may(Action.REOPEN_PERIOD):
                text += " " + translate(
                    "CheckSession", "An administrator can reopen it under Manage → Close periods…"
                )
            return text
        if source.read_only:
            return translate(
                "CheckSession", "Checks cannot be entered: the data file is open read-only ({0})."
            ).format(source.read_only_reason or "")
        if not source.may(Action.RECORD_CHECKS) or not self.levels:
            return translate(
                "CheckSession", "Your role ({0}) may read the checks but not record them."
            ).format(source.actor.role.label)
        if self.level not in self.levels:
            return translate(
                "CheckSession", "Your role ({0}) records at {1}; {2} is shown to read only."
            ).format(
                source.actor.role.label,
                "、".join(level.label for level in self.levels),
                self.level.label,
            )
        return None

    def ensure_leases(self, rows: Iterable[DueCheckRow]) -> list[Lease]:
        """The leases of these rows' departments, taken now where not yet held. Raises
        LeaseHeldError (the department is then refused) or a storage error."""
        return self.leases.ensure(row.department_id for row in rows)
