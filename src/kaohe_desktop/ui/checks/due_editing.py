"""Entering checks from the keyboard, and saving what was entered.

Keys on the grid (not in an editor), in the 完成情况 column of the level entered:
1 已完成, 2 逾期完成, 3 部分完成, 4 未完成, 5 未到期 set the status at once (on every
selected row of that column), Delete clears that level's check. In 实际完成情况 typing
opens the editor; Enter saves and moves down. Everywhere Enter / Shift+Enter move down /
up and Tab / Shift+Tab walk 完成情况 → 实际完成情况 → the next row's 完成情况.

Every save takes the departments' 查账 leases first (CheckLeases), sends all of its
changes in one `set_checks` call (all or nothing) and puts the fresh rows it returns in
place of those rows. A refusal is shown in the clerk's words; the rows it concerns are
read again (another workstation may have changed them), and a typed 实际完成情况 stays on
screen, marked 未保存, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from kaohe_desktop.domain.enums import CheckStatus
from kaohe_desktop.services.access.leases import Lease
from kaohe_desktop.services.checks.views import CheckChange, DueCheckRow
from kaohe_desktop.services.errors import (
    BusyError,
    InputError,
    LeaseLostError,
    PermissionDeniedError,
    StorageError,
)
from kaohe_desktop.ui.checks.check_session import CheckSession
from kaohe_desktop.ui.checks.due_columns import ACTUAL, LEVEL_COLUMNS, STATUS_KEYS
from kaohe_desktop.ui.checks.due_delegate import ActualDelegate, StatusDelegate
from kaohe_desktop.ui.checks.due_model import DueTableModel
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.filter_proxy import RowFilterProxy
from kaohe_desktop.ui.common.table_model import AnyIndex
from kaohe_desktop.ui.editing import prompts
from kaohe_desktop.ui.quarterly.grading_delegate import Move, move_for_key
from kaohe_desktop.ui.quarterly.grading_grid import GridNote


class DueEditing(QObject):
    def __init__(
        self,
        session: CheckSession,
        table: QTableView,
        proxy: RowFilterProxy,
        model: DueTableModel,
        note: GridNote,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.session, self.table, self.proxy, self.model, self.note = (
            session, table, proxy, model, note,
        )  # fmt: skip
        self._parent = parent  # where refusals and questions are shown
        self.actual_delegate = ActualDelegate(self.may_edit, self)
        self.status_delegate = StatusDelegate(self.may_edit, self)
        table.setItemDelegateForColumn(ACTUAL, self.actual_delegate)
        for column in LEVEL_COLUMNS.values():
            table.setItemDelegateForColumn(column, self.status_delegate)
        self.actual_delegate.move.connect(self.move)
        # Queued: the editor finishes committing and the cursor moves before the save
        # replaces the rows.
        queued = Qt.ConnectionType.QueuedConnection
        model.actual_entered.connect(self._save_actual, type=queued)
        model.status_entered.connect(self._save_status_entered, type=queued)
        table.installEventFilter(self)

    # --- may this cell be edited now? -------------------------------------------
    def may_edit(self, index: AnyIndex) -> bool:
        """The delegates ask before opening an editor: take the department's lease now,
        so nobody types into a department another workstation holds."""
        row = self.row_at(index)
        if row is None or not self._editable(index):
            return False
        if index.column() == ACTUAL and row.entry(self.session.level) is None:
            self.note.show_refusal(
                self.tr("Choose the status first (keys 1–5), then type what was done.")
            )
            return False
        return self.leases_for([row], self.tr("Enter checks"), later=True) is not None

    def leases_for(
        self, rows: Sequence[DueCheckRow], title: str, *, later: bool = False
    ) -> list[Lease] | None:
        """The leases of these rows' departments, or None (explained) when refused.
        `later`: say so after the current event (from inside the view's edit())."""
        parent = self._parent
        try:
            return self.session.ensure_leases(rows)
        except (StorageError, PermissionDeniedError) as error:  # LeaseHeldError among them
            if later:
                QTimer.singleShot(0, lambda e=error: messages.show_error(parent, title, e))
            else:
                messages.show_error(parent, title, error)
            return None

    # --- the changes ----------------------------------------------------------------
    def status_change(self, row: DueCheckRow, status: CheckStatus | None) -> CheckChange:
        level = self.session.level
        entry = row.entry(level)
        version = None if entry is None else entry.version
        if status is None:
            return CheckChange(row.task_id, row.department_id, level, version, clear=True)
        return CheckChange(row.task_id, row.department_id, level, version, status=status)

    def _save_status_entered(self, row: DueCheckRow, status: CheckStatus | None) -> None:
        fresh = self.session.row(row.key) or row
        self.save([self.status_change(fresh, status)], self.tr("Enter checks"))

    def _save_actual(self, row: DueCheckRow, text: str) -> None:
        fresh = self.session.row(row.key) or row
        entry = fresh.entry(self.session.level)
        if entry is None:
            return  # the gate keeps an editor from opening here
        change = CheckChange(
            fresh.task_id, fresh.department_id, self.session.level, entry.version, actual=text
        )
        self.save([change], self.tr("Enter checks"), typed=(fresh, text))

    def save(
        self,
        changes: Sequence[CheckChange],
        title: str,
        *,
        typed: tuple[DueCheckRow, str] | None = None,
    ) -> bool:
        """One `set_checks` call for all of `changes`; True when they were saved."""
        session, parent = self.session, self._parent
        source, period = session.source, session.period
        if not changes:
            return True
        if source is None or period is None:
            return False
        keys = list(dict.fromkeys((c.task_id, c.department_id) for c in changes))
        rows = [row for key in keys if (row := session.row(key)) is not None]
        leases = self.leases_for(rows, title)
        if leases is None:
            self._keep_typed(typed, self.tr("the department is edited elsewhere"))
            return False
        while True:
            try:
                fresh = source.checks.set_checks(period, changes, leases)
            except BusyError as error:
                if prompts.ask_retry(parent, title, str(error)):
                    continue
                self._keep_typed(typed, str(error))
                return False
            except LeaseLostError as error:
                session.leases.lost({row.department_id for row in rows}, str(error))
                self._keep_typed(typed, str(error))
                messages.show_error(parent, title, error)
                return False
            except (InputError, StorageError, PermissionDeniedError) as error:
                self._keep_typed(typed, str(error))
                messages.show_error(parent, title, error)
                self._refresh(keys)
                return False
            break
        if typed is not None:
            self.model.drop_pending(typed[0].key)
        self.note.clear()
        session.take_rows(fresh)
        return True

    def _keep_typed(self, typed: tuple[DueCheckRow, str] | None, reason: str) -> None:
        if typed is not None:
            self.model.keep_pending(typed[0], typed[1], reason)

    def _refresh(self, keys: Sequence[tuple[int, int]]) -> None:
        """What stood in the way (a changed check, a close) is in the file: show it."""
        try:
            self.session.refresh_rows(keys)
        except (StorageError, PermissionDeniedError):
            self.session.request_reload()

    # --- several rows at once -------------------------------------------------------
    def set_status(self, rows: Sequence[DueCheckRow], status: CheckStatus | None) -> bool:
        """One status (None: clear) for all of `rows` at the level entered, in one call."""
        title = self.tr("Set status") if status is not None else self.tr("Clear checks")
        changes = [self.status_change(row, status) for row in rows]
        if status is None:
            changes = [c for c, row in zip(changes, rows, strict=True) if row.entry(c.level)]
        return self.save(changes, title)

    def clear_selected(self) -> None:
        level = self.session.level
        rows = [row for row in self.selected_rows() if row.entry(level) is not None]
        if not rows:
            return
        title = self.tr("Clear checks")
        if len(rows) == 1:
            row = rows[0]
            question = self.tr("Clear the {0} check of no. {1} ({2})?").format(
                level.label, row.seq, row.department
            )
        else:
            question = self.tr("Clear the {0} checks of the {1} selected rows?").format(
                level.label, len(rows)
            )
        detail = self.tr("The status and the text entered at this level are removed.")
        if messages.ask(self._parent, title, question, detail):
            self.set_status(rows, None)

    # --- keys -------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and self.table.state() != QAbstractItemView.State.EditingState
        ):
            return self._key(event)
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        current = self.table.currentIndex()
        in_status = current.isValid() and current.column() == self.model.status_column
        if in_status and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            status = STATUS_KEYS.get(event.text())
            if status is not None:
                self._key_status(status)
                return True
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.clear_selected()
                return True
            if event.text().strip():
                # Letters would open the list; the digits are the way to enter here.
                self.note.show_note(
                    self.tr(
                        "Press 1 已完成, 2 逾期完成, 3 部分完成, 4 未完成, 5 未到期; Delete clears."
                    )
                )
                return True
        move = move_for_key(event)
        if move is not None:
            self.move(move)
            return True
        return False

    def _key_status(self, status: CheckStatus) -> None:
        rows = self.selected_rows(column=self.model.status_column)
        if not rows:
            return
        if not self._editable(self.table.currentIndex()):
            current = self.row_at(self.table.currentIndex())
            reason = (current and self.model.lock_reason(current)) or self.session.refusal()
            self.note.show_refusal(reason or self.tr("This cell cannot be changed here."))
            return
        changes = [self.status_change(row, status) for row in rows]
        self.save(changes, self.tr("Enter checks"))

    def move(self, move: Move) -> None:
        """Put the current cell where Enter / Tab lead, as a spreadsheet does."""
        current = self.table.currentIndex()
        if not current.isValid():
            return
        row, column = current.row(), current.column()
        last_row = self.proxy.rowCount() - 1
        status = self.model.status_column
        if move is Move.DOWN:
            row = min(row + 1, last_row)
        elif move is Move.UP:
            row = max(row - 1, 0)
        elif move is Move.NEXT:
            if column == ACTUAL and row < last_row:
                row, column = row + 1, status
            elif column != ACTUAL:
                column = ACTUAL if column == status else min(column + 1, ACTUAL)
        elif move is Move.PREVIOUS:
            if column == status and row > 0:
                row, column = row - 1, ACTUAL
            elif column == ACTUAL:
                column = status
        target = self.proxy.index(row, column)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.table.selectionModel().setCurrentIndex(target, flags)
        self.table.scrollTo(target)

    # --- where -----------------------------------------------------------------------
    def _editable(self, index: AnyIndex) -> bool:
        if index.model() is self.proxy:
            index = self.proxy.mapToSource(self.proxy.index(index.row(), index.column()))
        return self.model.is_editable(index)

    def row_at(self, index: AnyIndex) -> DueCheckRow | None:
        if not index.isValid():
            return None
        model = index.model()
        if model is self.proxy:
            row: DueCheckRow = self.proxy.row_object(self.proxy.index(index.row(), 0))
            return row
        if model is self.model:
            return self.model.row_at(index.row())
        return None

    def selected_rows(self, column: int | None = None) -> list[DueCheckRow]:
        """The rows of the selected cells (of `column` only, when given), top to bottom;
        the current row when nothing is selected."""
        indexes = self.table.selectionModel().selectedIndexes()
        if column is not None:
            indexes = [i for i in indexes if i.column() == column]
        numbers = sorted({i.row() for i in indexes})
        if not numbers and self.table.currentIndex().isValid():
            numbers = [self.table.currentIndex().row()]
        return [self.proxy.row_object(self.proxy.index(n, 0)) for n in numbers]
