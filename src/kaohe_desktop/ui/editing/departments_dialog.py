"""基础数据 · 科室: add, rename, reorder, group, retire and delete the bureau's departments.

Renaming and the group or kind go through the record editor (conflict-checked); the
rest through DepartmentService. The table says where each department is used, so a
department in use is never offered for deletion, only for retirement.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QWidget

from kaohe_desktop.domain.enums import DepartmentKind
from kaohe_desktop.services.org.department_uses import DepartmentItem
from kaohe_desktop.services.org.departments import (
    MAX_NAME,
    DepartmentService,
    in_use_message,
    name_problem,
)
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.access import Access
from kaohe_desktop.ui.common.table_model import Column, RowTableModel
from kaohe_desktop.ui.editing.named_list_dialog import (
    AddNameDialog,
    NamedListDialog,
    OpenRecord,
)


def _gray(item: DepartmentItem) -> str | None:
    return "gray" if item.retired else None


class DepartmentTableModel(RowTableModel[DepartmentItem]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        in_use, retired = self.tr("In use"), self.tr("Retired")
        self.set_columns(
            [
                Column(self.tr("Department"), lambda d: d.name, color=_gray),
                Column(self.tr("Group"), lambda d: d.group, color=_gray),
                Column(self.tr("Kind"), lambda d: d.kind, color=_gray),
                Column(self.tr("Order"), lambda d: d.sort_order, numeric=True, color=_gray),
                Column(
                    self.tr("Status"),
                    lambda d: retired if d.retired else in_use,
                    center=True,
                    color=_gray,
                ),
                Column(
                    self.tr("Used by"),
                    lambda d: d.uses.describe(),
                    tooltip=lambda d: d.uses.describe() or None,
                    color=_gray,
                ),
            ]
        )


class AddDepartmentDialog(AddNameDialog):
    """Name (checked as the clerk types), group (one of those in use, or a new one), kind."""

    def __init__(self, taken: list[str], groups: list[str], parent: QWidget | None = None) -> None:
        super().__init__(taken, name_problem, MAX_NAME, parent)
        self.setObjectName("addDepartmentDialog")
        self.setWindowTitle(self.tr("New department"))
        self.name_edit.setObjectName("departmentName")
        self.ok_button.setObjectName("addDepartmentOk")
        self.group = QComboBox()
        self.group.setObjectName("departmentGroup")
        self.group.setEditable(True)
        self.group.addItems(["", *groups])
        self.kind = QComboBox()
        self.kind.setObjectName("departmentKind")
        self.kind.addItems(["", *DepartmentKind.labels()])
        self.form.addRow(self.tr("Group"), self.group)
        self.form.addRow(self.tr("Kind"), self.kind)

    def values(self) -> tuple[str, str | None, str | None]:
        return (
            self.name(),
            self.group.currentText().strip() or None,
            self.kind.currentText() or None,
        )


def open_add_dialog(dialog: AddDepartmentDialog) -> bool:
    """Show the add dialog modally; a function so tests can fill it in."""
    return dialog.exec() == QDialog.DialogCode.Accepted


class DepartmentsDialog(NamedListDialog[DepartmentItem]):
    def __init__(
        self,
        access: Access,
        departments: DepartmentService,
        parent: QWidget | None = None,
        *,
        open_record: OpenRecord,
    ) -> None:
        super().__init__(
            access,
            departments,
            departments,
            parent,
            open_record=open_record,
            model=DepartmentTableModel,
            widths={0: 170, 1: 100, 2: 90, 3: 50, 4: 70},
            noun="Department",
        )
        self.setObjectName("departmentsDialog")
        self.setWindowTitle(self.tr("Basic data — departments"))
        self.resize(880, 500)
        self.departments = departments
        self.note.setText(
            self.tr(
                "Tasks, people and checks refer to the department itself, so a new name "
                "shows everywhere at once. A department in use cannot be deleted, only "
                "retired: it stays for history but is no longer offered for new entries."
            )
        )
        self.retire_button = self._button(
            self.tr("Retire"), "retireDepartment", self.toggle_retired
        )
        self._lay_out(self.retire_button)

    def _add(self) -> None:
        items = self.model.rows()
        groups = list(dict.fromkeys(item.group for item in items if item.group))
        dialog = AddDepartmentDialog([item.name for item in items], groups, self)
        if open_add_dialog(dialog):
            name, group, kind = dialog.values()
            self._apply(lambda: self.departments.add(name, group, kind), None)

    def _can_move(self, item: DepartmentItem, offset: int) -> bool:
        """Only among its own kind: in use, or retired."""
        rows = self.model.rows()
        place = next(i for i, row in enumerate(rows) if row.id == item.id) + offset
        return 0 <= place < len(rows) and rows[place].retired == item.retired

    def _role_refusal(self) -> str:
        return self.tr("Your role ({0}) may view departments but not change them.").format(
            self.access.actor.role.label
        )

    def _update_buttons(self) -> None:
        super()._update_buttons()
        item = self.selected()
        why_not = self._why_not()
        may = why_not is None
        self.edit_button.setEnabled(item is not None)  # a read-only role still sees details
        retired = item is not None and item.retired
        self.retire_button.setText(self.tr("Restore") if retired else self.tr("Retire"))
        self.retire_button.setEnabled(may and item is not None)
        self.retire_button.setToolTip(why_not or "")
        if may and item is not None and item.uses.in_use:
            self.delete_button.setToolTip(self.tr("In use: it can only be retired."))

    def _delete_refusal(self, item: DepartmentItem) -> str | None:
        return in_use_message(item.name, item.uses) if item.uses.in_use else None

    def _delete_question(self, item: DepartmentItem) -> str:
        return self.tr("Delete the department “{0}”? This cannot be undone.").format(item.name)

    def toggle_retired(self) -> None:
        item = self.selected()
        if item is None:
            return
        if not item.retired:
            detail = None
            if item.on_post:
                detail = self.tr(
                    "{0} people on post still belong to it; move them to another "
                    "department in their records."
                ).format(item.on_post)
            question = self.tr(
                "Retire “{0}”? It stays for history but is no longer offered for new entries."
            ).format(item.name)
            if not messages.ask(self, self.windowTitle(), question, detail):
                return
        admin = self.departments
        self._apply(lambda: admin.set_retired(item.id, not item.retired), item.id)
