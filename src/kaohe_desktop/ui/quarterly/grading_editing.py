"""Typing into the grid like a spreadsheet, and saving what was typed.

Keys on the grid (not in an editor): a digit starts editing the cell (the Qt edit
trigger), Enter / Shift+Enter move down / up, Tab / Shift+Tab walk 实绩分 → 领导测评分
→ the next row's 实绩分, Delete clears the selected scores after one confirmation
(there is no undo for a score, and a slip of the key would lose a number copied
from paper), Ctrl+V pastes a block from Excel and Ctrl+C copies the selected cells
as Excel reads them.

Every save takes the departments' edit leases first (GradingLeases), sends all of
its cells in one `set_scores` call and shows the sheet that comes back; a refusal
is explained and the grid keeps showing what the file holds.

It works on the QuarterSession (the sheet, the services, the leases) and the grid;
the tab shows whatever sheet the session announces.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from kaohe_desktop.services.access.leases import Lease
from kaohe_desktop.services.errors import (
    BusyError,
    InputError,
    LeaseLostError,
    PermissionDeniedError,
    StorageError,
)
from kaohe_desktop.services.quarterly.views import GradingRow, ScoreChange
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.editing import prompts
from kaohe_desktop.ui.quarterly.grading_delegate import AnyIndex, Move, ScoreDelegate, move_for_key
from kaohe_desktop.ui.quarterly.grading_grid import GradingGrid, GridNote
from kaohe_desktop.ui.quarterly.grading_model import LEADER, PERFORMANCE, SCORE_COLUMNS
from kaohe_desktop.ui.quarterly.grading_paste import (
    PasteCell,
    PasteRefused,
    changes_for,
    parse_block,
)
from kaohe_desktop.ui.quarterly.quarter_session import QuarterSession


class GradingEditing(QObject):
    def __init__(
        self, session: QuarterSession, grid: GradingGrid, note: GridNote, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.session, self.grid, self.note = session, grid, note
        self._parent = parent  # where refusals and questions are shown
        self.table = grid.table
        self.proxy, self.model = grid.proxy, grid.model
        self.delegate = ScoreDelegate(self.may_edit, self)
        for column in SCORE_COLUMNS:
            self.table.setItemDelegateForColumn(column, self.delegate)
        self.delegate.move.connect(self.move)
        self.delegate.refused.connect(note.show_refusal)
        self.delegate.accepted.connect(note.clear)
        # Queued: the editor finishes committing and the cursor moves before the save
        # replaces the rows.
        self.model.score_entered.connect(self._save_typed, type=Qt.ConnectionType.QueuedConnection)
        self.table.installEventFilter(self)

    # --- may this cell be edited now? -------------------------------------------
    def may_edit(self, index: AnyIndex) -> bool:
        """The delegate asks before opening an editor: take the department's lease now,
        so a clerk never types into a department another workstation holds."""
        row = self._row(index)
        if row is None:
            return False
        leases = self.leases_for([row], self.tr("Enter scores"), later=True)
        return leases is not None

    def leases_for(
        self, rows: list[GradingRow], title: str, *, later: bool = False
    ) -> list[Lease] | None:
        """The leases of these rows' departments, or None (explained) when refused.
        `later`: say so after the current event (from inside the view's edit())."""
        if self.session.source is None or self.session.sheet is None:
            return None
        parent = self._parent
        try:
            return self.session.ensure_leases(rows)
        except (StorageError, PermissionDeniedError) as error:  # LeaseHeldError among them
            if later:
                QTimer.singleShot(0, lambda e=error: messages.show_error(parent, title, e))
            else:
                messages.show_error(parent, title, error)
            return None

    # --- saving -------------------------------------------------------------------
    def _save_typed(self, change: ScoreChange) -> None:
        self.save([change], self.tr("Enter scores"))

    def save(self, changes: list[ScoreChange], title: str) -> bool:
        session, parent = self.session, self._parent
        sheet, source = session.sheet, session.source
        if not changes:
            return True
        if sheet is None or source is None:
            return False
        people = {r.person_id: r for r in sheet.rows}
        rows = [people[c.person_id] for c in changes if c.person_id in people]
        leases = self.leases_for(rows, title)
        if leases is None:
            return False
        while True:
            try:
                new_sheet = source.grading.set_scores(sheet.quarter, changes, leases)
            except BusyError as error:
                if prompts.ask_retry(parent, title, str(error)):
                    continue
                return False
            except LeaseLostError as error:
                session.leases.lost({r.department_id for r in rows}, str(error))
                messages.show_error(parent, title, error)
                return False
            except (InputError, StorageError, PermissionDeniedError) as error:
                messages.show_error(parent, title, error)
                # What stood in the way (a changed row, a close) is in the file.
                session.request_reload()
                return False
            session.take(new_sheet)
            return True

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
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            return True
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
            return True
        if event.key() == Qt.Key.Key_Delete and not event.modifiers():
            self.clear_selected()
            return True
        move = move_for_key(event)
        if move is not None:
            self.move(move)
            return True
        return False

    def move(self, move: Move) -> None:
        """Put the current cell where Enter / Tab lead, the way a spreadsheet does."""
        current = self.table.currentIndex()
        if not current.isValid():
            return
        row, column = current.row(), current.column()
        last_row = self.proxy.rowCount() - 1
        if move is Move.DOWN:
            row = min(row + 1, last_row)
        elif move is Move.UP:
            row = max(row - 1, 0)
        elif move is Move.NEXT:
            if column == PERFORMANCE:
                column = LEADER
            elif column == LEADER and row < last_row:
                row, column = row + 1, PERFORMANCE
            elif column not in SCORE_COLUMNS:
                column = min(column + 1, self.proxy.columnCount() - 1)
        elif move is Move.PREVIOUS:
            if column == LEADER:
                column = PERFORMANCE
            elif column == PERFORMANCE and row > 0:
                row, column = row - 1, LEADER
            elif column not in SCORE_COLUMNS:
                column = max(column - 1, 0)
        target = self.proxy.index(row, column)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.table.selectionModel().setCurrentIndex(target, flags)
        self.table.scrollTo(target)

    # --- paste, clear, copy ---------------------------------------------------------
    def paste(self) -> None:
        title = self.tr("Paste scores")
        text = QApplication.clipboard().text()
        block = parse_block(text)
        if not block or self.session.sheet is None:
            return
        try:
            cells = self._paste_cells(block)
            changes = changes_for(cells)
        except PasteRefused as refusal:
            messages.warn(self._parent, title, str(refusal))
            return
        if self.save(changes, title):
            self.note.show_note(
                self.tr("{0} values pasted, {1} of them changed.").format(len(cells), len(changes))
            )

    def _paste_cells(self, block: list[list[str]]) -> list[PasteCell]:
        selected = self._selected_score_indexes()
        if len(block) == 1 and len(block[0]) == 1 and len(selected) > 1:
            # One value onto several cells fills each of them, as Excel does.
            return [self._cell(index, block[0][0]) for index in selected]
        anchor = self._anchor()
        if anchor is None or anchor.column() not in SCORE_COLUMNS:
            raise PasteRefused(
                self.tr("Select the 实绩分 or 领导测评分 cell where the pasted block should start.")
            )
        columns = [c for c in SCORE_COLUMNS if c >= anchor.column()]
        width = max(len(cells) for cells in block)
        if width > len(columns):
            raise PasteRefused(
                self.tr(
                    "The block has {0} columns but only {1} score columns start here; "
                    "a block of 实绩分 and 领导测评分 starts at 实绩分."
                ).format(width, len(columns))
            )
        rows_left = self.proxy.rowCount() - anchor.row()
        if len(block) > rows_left:
            raise PasteRefused(
                self.tr(
                    "The block has {0} rows but only {1} rows are shown from here down."
                ).format(len(block), rows_left)
            )
        cells = []
        for offset, values in enumerate(block):
            for column, value in zip(columns, values, strict=False):
                index = self.proxy.index(anchor.row() + offset, column)
                cells.append(self._cell(index, value))
        return cells

    def _cell(self, index: QModelIndex, text: str) -> PasteCell:
        row = self._row(index)
        assert row is not None
        locked = self.model.lock_reason(row)
        if locked is not None or not self.model.editable:
            raise PasteRefused(locked or self.session.refusal() or "")
        return PasteCell(row, SCORE_COLUMNS[index.column()], text)

    def clear_selected(self) -> None:
        title = self.tr("Clear scores")
        indexes = [i for i in self._selected_score_indexes() if str(i.data() or "")]
        if not indexes:
            return
        try:
            cells = [self._cell(index, "") for index in indexes]
        except PasteRefused as refusal:
            messages.warn(self._parent, title, str(refusal))
            return
        if len(cells) == 1:
            cell = cells[0]
            question = self.tr("Clear {0} of {1} ({2})?").format(
                cell.field.label, cell.row.name, indexes[0].data()
            )
        else:
            question = self.tr("Clear the {0} selected scores?").format(len(cells))
        detail = self.tr("The scores cannot be restored.")
        if not messages.ask(self._parent, title, question, detail):
            return
        self.save(changes_for(cells), title)

    def copy(self) -> None:
        """The selected rectangle as tab-separated text, the way Excel pastes it."""
        indexes = self.table.selectionModel().selectedIndexes()
        if not indexes:
            return
        rows = sorted({i.row() for i in indexes})
        columns = sorted({i.column() for i in indexes})
        lines = ["\t".join(str(self.proxy.index(r, c).data() or "") for c in columns) for r in rows]
        QApplication.clipboard().setText("\n".join(lines) + "\n")

    # --- where -----------------------------------------------------------------------
    def _row(self, index: AnyIndex) -> GradingRow | None:
        if not index.isValid():
            return None
        model = index.model()
        if model is self.proxy:
            row: GradingRow | None = self.proxy.row_object(self.proxy.index(index.row(), 0))
            return row
        if model is self.model:
            return self.model.row_at(index.row())
        return None

    def _selected_score_indexes(self) -> list[QModelIndex]:
        indexes = self.table.selectionModel().selectedIndexes()
        chosen = [i for i in indexes if i.column() in SCORE_COLUMNS]
        return sorted(chosen, key=lambda i: (i.row(), i.column()))

    def _anchor(self) -> QModelIndex | None:
        """The top-left selected cell, or the current one."""
        indexes = self.table.selectionModel().selectedIndexes()
        if indexes:
            top = min(i.row() for i in indexes)
            left = min(i.column() for i in indexes if i.row() == top)
            return self.proxy.index(top, left)
        current = self.table.currentIndex()
        return current if current.isValid() else None
