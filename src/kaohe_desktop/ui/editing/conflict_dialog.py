"""Both versions side by side when a save found the record changed by someone else.

The clerk keeps their changes (re-applied on top of the other version), takes the
other version, or merges field by field; a field both changed differently has no
default and must be chosen. There is deliberately no way to write over the other
version unseen: every way out yields a draft based on it (domain.edits.Conflict).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.domain.edits import Conflict, ConflictField, Draft, Side
from kaohe_desktop.services.common.record_edit import FieldSpec
from kaohe_desktop.services.common.unsaved_edits import shown

CLASH_COLOR = "#ffe3c2"
COLUMNS = 5  # 项目, 打开时, 我的修改, 对方的版本, 采用


def who_and_when(account: str | None, at: datetime | None) -> str:
    parts = [account or "?"]
    if at is not None:
        parts.append(f"{at:%Y-%m-%d %H:%M}")
    return "，".join(parts)


class ConflictDialog(QDialog):
    # What the clerk chose; `resolution` is the new draft (None: back to the editor).
    KEEP_MINE = "keep_mine"
    TAKE_THEIRS = "take_theirs"
    MERGE = "merge"

    def __init__(
        self,
        conflict: Conflict,
        parent: QWidget | None = None,
        *,
        fields: Sequence[FieldSpec] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(self.tr("Changed by someone else"))
        self.setMinimumWidth(760)
        self.conflict = conflict
        self.resolution: Draft | None = None
        self.chosen: str | None = None
        self.wants_export = False  # a deleted record: the caller exports the edit
        self._labels = {spec.name: spec.label for spec in fields}
        self._groups: dict[str, QButtonGroup] = {}
        self._items = conflict.fields()

        heading = QLabel(self._heading())
        heading.setObjectName("conflictHeading")
        heading.setWordWrap(True)
        self.table = self._make_table()
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table)
        layout.addStretch(1)

        buttons = QDialogButtonBox()
        self.back_button = self._button(buttons, self.tr("Back to editing"), "backToEditing")
        self.back_button.clicked.connect(self.reject)
        if conflict.deleted:
            self.export_button = self._button(buttons, self.tr("Export my changes…"), "exportMine")
            self.export_button.clicked.connect(self._export)
        else:
            self.keep_button = self._button(buttons, self.tr("Keep my changes"), "keepMine")
            self.theirs_button = self._button(buttons, self.tr("Take their version"), "takeTheirs")
            self.merge_button = self._button(buttons, self.tr("Merge as chosen"), "mergeChosen")
            self.keep_button.clicked.connect(lambda: self._resolve(self.KEEP_MINE))
            self.theirs_button.clicked.connect(lambda: self._resolve(self.TAKE_THEIRS))
            self.merge_button.clicked.connect(lambda: self._resolve(self.MERGE))
            self.keep_button.setToolTip(
                self.tr("Your changed fields on top of their version; their other changes stay")
            )
            self._update_merge()
        layout.addWidget(buttons)

    # --- building -------------------------------------------------------------
    def _heading(self) -> str:
        c = self.conflict
        who = who_and_when(c.their_account, c.their_at)
        if c.deleted:
            return self.tr(
                "“{0}” was deleted by someone else after you opened it. Your changes were not"
                " saved; export them if you need them."
            ).format(c.draft.label)
        clashes = sum(1 for item in self._items if item.clash)
        if clashes:
            return self.tr(
                "“{0}” was changed by someone else ({1}) after you opened it. {2} field(s) were "
                "changed on both sides (highlighted): choose for each."
            ).format(c.draft.label, who, clashes)
        return self.tr("“{0}” was changed by someone else ({1}) after you opened it.").format(
            c.draft.label, who
        )

    def _button(self, box: QDialogButtonBox, text: str, name: str) -> QPushButton:
        button = box.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(name)
        button.setAutoDefault(False)
        return button

    def _make_table(self) -> QTableWidget:
        theirs = (
            self.tr("Their version")
            + "\n"
            + who_and_when(self.conflict.their_account, self.conflict.their_at)
        )
        headers = [self.tr("Field"), self.tr("When opened"), self.tr("My change"), theirs]
        if not self.conflict.deleted:
            headers.append(self.tr("Use"))
        table = QTableWidget(len(self._items), len(headers))
        table.setObjectName("conflictTable")
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if self.conflict.deleted:
            table.setColumnHidden(3, True)
        else:
            header.setSectionResizeMode(COLUMNS - 1, QHeaderView.ResizeMode.ResizeToContents)
        for row, item in enumerate(self._items):
            self._fill_row(table, row, item)
        table.resizeRowsToContents()
        # As tall as its rows (a record has a dozen fields at most), so no empty box.
        rows = sum(table.rowHeight(row) for row in range(table.rowCount()))
        table.setFixedHeight(min(480, header.sizeHint().height() + rows + 2 * table.frameWidth()))
        return table

    def _fill_row(self, table: QTableWidget, row: int, item: ConflictField) -> None:
        texts = [self._labels.get(item.name, item.name), shown(item.base), shown(item.mine)]
        texts.append(shown(item.theirs))
        for column, text in enumerate(texts):
            cell = QTableWidgetItem(text)
            if item.clash:
                cell.setBackground(QBrush(QColor(CLASH_COLOR)))
            if (column == 2 and item.i_changed) or (column == 3 and item.they_changed):
                font = QFont(cell.font())
                font.setBold(True)
                cell.setFont(font)
            table.setItem(row, column, cell)
        if not self.conflict.deleted:
            table.setCellWidget(row, COLUMNS - 1, self._choice_widget(item))

    def _choice_widget(self, item: ConflictField) -> QWidget:
        box = QWidget()
        box.setObjectName(f"choice_{item.name}")
        if item.clash:
            box.setStyleSheet(f"QWidget#choice_{item.name} {{ background: {CLASH_COLOR}; }}")
        mine = QRadioButton(self.tr("Mine"))
        mine.setObjectName(f"mine_{item.name}")
        theirs = QRadioButton(self.tr("Theirs"))
        theirs.setObjectName(f"theirs_{item.name}")
        group = QButtonGroup(box)
        group.addButton(mine)
        group.addButton(theirs)
        if not item.i_changed:
            # Only they changed it: nothing of mine to keep, their value stands.
            theirs.setChecked(True)
            mine.setEnabled(False)
            theirs.setEnabled(False)
        elif not item.clash:
            mine.setChecked(True)  # only I changed it (or both the same way)
        group.buttonToggled.connect(lambda _button, _checked: self._update_merge())
        self._groups[item.name] = group
        row = QHBoxLayout(box)
        row.setContentsMargins(6, 0, 6, 0)
        row.addWidget(mine)
        row.addWidget(theirs)
        return box

    # --- choosing -------------------------------------------------------------
    def choices(self) -> dict[str, Side]:
        """The chosen side of each field the clerk changed (clashes: once chosen)."""
        result: dict[str, Side] = {}
        for item in self._items:
            group = self._groups.get(item.name)
            checked = group.checkedButton() if group is not None else None
            if item.i_changed and checked is not None:
                mine = checked.objectName().startswith("mine_")
                result[item.name] = Side.MINE if mine else Side.THEIRS
        return result

    def unchosen_clashes(self) -> list[str]:
        chosen = self.choices()
        return [item.name for item in self._items if item.clash and item.name not in chosen]

    def _update_merge(self) -> None:
        self.merge_button.setEnabled(not self.unchosen_clashes())

    def _resolve(self, how: str) -> None:
        if how == self.KEEP_MINE:
            self.resolution = self.conflict.keep_mine()
        elif how == self.TAKE_THEIRS:
            self.resolution = self.conflict.take_theirs()
        else:
            if self.unchosen_clashes():
                return
            self.resolution = self.conflict.merge(self.choices())
        self.chosen = how
        self.accept()

    def _export(self) -> None:
        self.wants_export = True
        self.reject()
