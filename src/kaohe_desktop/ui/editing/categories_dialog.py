"""基础数据 · 人员类别: add, rename, reorder and delete the bureau's staff categories.

A bureau adds its own (局领导) here before importing the people of it. Renaming goes
through the record editor (conflict-checked); the rest through CategoryService. The
table says how many people are of each and whether this quarter's 考核方案 leaves it
out of the 平时考核; a category a scheme names keeps its name (the service refuses,
and the screen says why before opening the editor), one with people is not deleted.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.org.categories import (
    MAX_NAME,
    CategoryItem,
    CategoryService,
    delete_refusal,
    name_problem,
    rename_refusal,
)
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.access import Access
from kaohe_desktop.ui.common.table_model import Column, RowTableModel
from kaohe_desktop.ui.editing.named_list_dialog import (
    AddNameDialog,
    NamedListDialog,
    OpenRecord,
)
from kaohe_desktop.ui.editing.record_dialog import RecordDialog


class CategoryTableModel(RowTableModel[CategoryItem]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.set_rows_columns("")

    def set_rows_columns(self, quarter: str) -> None:
        """The columns; the 平时考核 one names the quarter it is about."""
        graded, ungraded = self.tr("Graded"), self.tr("Not graded")
        self.set_columns(
            [
                Column(self.tr("Staff category"), lambda c: c.name),
                Column(self.tr("Order"), lambda c: c.sort_order, numeric=True),
                Column(
                    self.tr("People"),
                    lambda c: c.people,
                    numeric=True,
                    header_tooltip=self.tr("Every person record of it, including people who left"),
                ),
                Column(
                    self.tr("Quarterly assessment {0}").format(quarter).strip(),
                    lambda c: ungraded if c.ungraded_now else graded,
                    center=True,
                    color=lambda c: "#8a5a00" if c.ungraded_now else None,
                ),
                Column(
                    self.tr("Named by schemes"),
                    self._schemes,
                    tooltip=lambda c: "、".join(c.schemes) or None,
                ),
            ]
        )

    def _schemes(self, item: CategoryItem) -> str:
        if not item.schemes:
            return ""
        if len(item.schemes) == 1:
            return self.tr("{0}: not graded").format(item.schemes[0])
        return self.tr("{0} etc. ({1} quarters): not graded").format(
            item.schemes[-1], len(item.schemes)
        )


class AddCategoryDialog(AddNameDialog):
    """The new category's name, checked as the clerk types."""

    def __init__(self, taken: list[str], parent: QWidget | None = None) -> None:
        super().__init__(taken, name_problem, MAX_NAME, parent)
        self.setObjectName("addCategoryDialog")
        self.setWindowTitle(self.tr("New staff category"))
        self.name_edit.setObjectName("categoryName")
        self.name_edit.setPlaceholderText(self.tr("e.g. bureau leaders"))
        self.ok_button.setObjectName("addCategoryOk")


def open_add_dialog(dialog: AddCategoryDialog) -> bool:
    """Show the add dialog modally; a function so tests can fill it in."""
    return dialog.exec() == QDialog.DialogCode.Accepted


class CategoriesDialog(NamedListDialog[CategoryItem]):
    model: CategoryTableModel  # made by the base from `model=CategoryTableModel`

    def __init__(
        self,
        access: Access,
        categories: CategoryService,
        parent: QWidget | None = None,
        *,
        open_record: OpenRecord,
    ) -> None:
        super().__init__(
            access,
            categories,
            categories,
            parent,
            open_record=open_record,
            model=CategoryTableModel,
            widths={0: 200, 1: 50, 2: 60, 3: 150},
            noun="Category",
        )
        self.setObjectName("categoriesDialog")
        self.setWindowTitle(self.tr("Basic data — staff categories"))
        self.resize(820, 460)
        self.categories = categories
        self.note.setText(
            self.tr(
                "Each person belongs to one staff category; people are ranked within their "
                "category, and the ranking workbook has one sheet per category in this "
                "order. Add a category such as 局领导 here before importing its people. "
                "A category that an assessment scheme lists as not graded cannot be "
                "renamed: the schemes name it by its text, and a new name would have its "
                "people graded. A category that has people cannot be deleted."
            )
        )
        self.note.setObjectName("categoriesNote")
        # Renaming is the only edit a category has: the editor's button says so.
        self.rename_button = self.edit_button
        self.rename_button.setText(self.tr("Rename…"))
        self.rename_button.setObjectName("renameCategory")
        self._lay_out()

    def _add(self) -> None:
        dialog = AddCategoryDialog([item.name for item in self.model.rows()], self)
        if open_add_dialog(dialog):
            name = dialog.name()
            self._apply(lambda: self.categories.add(name), None)

    def _shown(self, items: list[CategoryItem]) -> None:
        if items:
            self.model.set_rows_columns(items[0].quarter)

    def _role_refusal(self) -> str:
        return self.tr("Your role ({0}) may view staff categories but not change them.").format(
            self.access.actor.role.label
        )

    def _update_buttons(self) -> None:
        super()._update_buttons()
        item = self.selected()
        why_not = self._why_not()
        may = why_not is None
        self.rename_button.setEnabled(may and item is not None)
        self.rename_button.setToolTip(why_not or "")
        # Short: a tooltip does not wrap. The button itself shows the whole reason.
        if may and item is not None and not item.renamable:
            self.rename_button.setToolTip(
                self.tr("An assessment scheme lists it as not graded: it cannot be renamed.")
            )
        if may and item is not None and item.people:
            self.delete_button.setToolTip(
                self.tr("{0} people are of it: it cannot be deleted.").format(item.people)
            )
        elif may and item is not None and not item.deletable:
            self.delete_button.setToolTip(
                self.tr("An assessment scheme lists it as not graded: it cannot be deleted.")
            )

    def _delete_refusal(self, item: CategoryItem) -> str | None:
        return None if item.deletable else delete_refusal(item)

    def _delete_question(self, item: CategoryItem) -> str:
        return self.tr("Delete the staff category “{0}”? This cannot be undone.").format(item.name)

    # --- the record editor ----------------------------------------------------------
    def open_editor(self, item: CategoryItem) -> RecordDialog | None:
        """The editor of one category (not yet shown); None if it may not be renamed
        (the reason shown) or could not be read."""
        if not item.renamable:
            messages.show_error(
                self, self.windowTitle(), InputError(rename_refusal(item.name, item.schemes))
            )
            return None
        return super().open_editor(item)

    def rename_selected(self) -> None:
        self.edit_selected()
