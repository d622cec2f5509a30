"""The 基础数据 · 人员类别 dialog: the list (people, this quarter's 平时考核), add checked
as the clerk types, rename through the record editor (refused, saying why, for a
category a 考核方案 names), move, delete only what nothing uses, a read-only role that
may only look, and the 管理 menu entry.

Message boxes are answered through the `dialogs` fixture; the add dialog through
categories_dialog.open_add_dialog, which the tests replace with a clerk's typing."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu
from tests.factories import sign_in
from tests.ui.helpers import AdminHost, Dialogs
from tests.ui.named_lists import ShownList, clerk, fill_in_add, path

from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.org.categories import CategoryItem
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.admin_actions import AdminActions
from kaohe_desktop.ui.editing import categories_dialog
from kaohe_desktop.ui.editing.categories_dialog import AddCategoryDialog, CategoriesDialog
from kaohe_desktop.ui.editing.record_dialog import RecordDialog

LEADERS = "局领导"


__all__ = ["clerk", "path"]  # the fixtures, imported for pytest

Shown = ShownList[CategoriesDialog, CategoryItem]


def show(qtbot: Any, workspace: Workspace) -> Shown:
    dialog = CategoriesDialog(
        workspace, workspace.categories, open_record=partial(RecordDialog, workspace)
    )
    qtbot.addWidget(dialog)
    return Shown(dialog)


@pytest.fixture
def shown(qtbot: Any, clerk: Workspace) -> Shown:
    return show(qtbot, clerk)


def fill_in(
    qtbot: Any, fill: Callable[[AddCategoryDialog], bool], monkeypatch: pytest.MonkeyPatch
) -> list[AddCategoryDialog]:
    return fill_in_add(qtbot, categories_dialog, fill, monkeypatch)


# --- the list -----------------------------------------------------------------------
def test_the_table_shows_people_and_this_quarters_assessment(
    shown: Shown, clerk: Workspace
) -> None:
    listed = clerk.categories.listing()
    assert shown.names() == [item.name for item in listed]
    leaders = next(item for item in listed if item.name == LEADERS)
    assert shown.cell(LEADERS, 2) == str(leaders.people)
    assert shown.cell(LEADERS, 3) == "Not graded"
    assert (
        shown.cell(LEADERS, 4)
        == f"{leaders.schemes[-1]} etc. ({len(leaders.schemes)} quarters): not graded"
    )
    staff = next(item for item in listed if item.people and not item.schemes)
    assert shown.cell(staff.name, 3) == "Graded"
    assert shown.cell(staff.name, 4) == ""
    header = shown.dialog.model.headerData(3, Qt.Orientation.Horizontal)
    assert leaders.quarter and leaders.quarter in str(header)


# --- add --------------------------------------------------------------------------
def test_add_checks_the_name_as_it_is_typed(
    qtbot: Any, shown: Shown, clerk: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    def type_a_name(add: AddCategoryDialog) -> bool:
        assert not add.ok_button.isEnabled() and add.problem.isHidden()  # nothing typed yet
        add.name_edit.setText(LEADERS)
        assert not add.problem.isHidden() and "不能重复" in add.problem.text()
        assert not add.ok_button.isEnabled()
        add.name_edit.setText(" ")
        assert "不能为空" in add.problem.text()
        add.name_edit.setText(" 劳务派遣 ")
        assert add.problem.isHidden() and add.ok_button.isEnabled()
        add.ok_button.click()
        return add.result() == AddCategoryDialog.DialogCode.Accepted

    opened = fill_in(qtbot, type_a_name, monkeypatch)
    before = shown.names()
    shown.dialog.add_button.click()

    assert len(opened) == 1
    assert shown.names() == [*before, "劳务派遣"]
    selected = shown.dialog.selected()
    assert selected is not None and selected.name == "劳务派遣"
    assert shown.changes == 1
    assert "劳务派遣" in [item.name for item in clerk.categories.listing()]


def test_cancelled_add_changes_nothing(
    qtbot: Any, shown: Shown, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_in(qtbot, lambda _add: False, monkeypatch)
    before = shown.names()
    shown.dialog.add_button.click()
    assert shown.names() == before and shown.changes == 0


# --- rename -----------------------------------------------------------------------
def test_rename_of_a_category_a_scheme_names_says_why_and_opens_no_editor(
    shown: Shown, clerk: Workspace, dialogs: Dialogs
) -> None:
    item = shown.select(LEADERS)
    tip = shown.dialog.rename_button.toolTip()
    assert "cannot be renamed" in tip
    assert shown.dialog.open_editor(item) is None
    error = dialogs.last("error")
    assert isinstance(error, InputError)
    assert str(error).startswith(f"“{LEADERS}”在 {item.schemes[-1]} 等 {len(item.schemes)} 个季度")
    assert "不参加平时考核，不能改名" in str(error)
    assert LEADERS in shown.names() and shown.changes == 0


def test_rename_through_the_record_editor(
    qtbot: Any, shown: Shown, clerk: Workspace, dialogs: Dialogs
) -> None:
    item = next(i for i in shown.dialog.model.rows() if not i.schemes)
    shown.select(item.name)
    assert shown.dialog.rename_button.toolTip() == ""
    editor = shown.dialog.open_editor(item)
    assert editor is not None
    qtbot.addWidget(editor)
    saved: list[object] = []
    editor.saved.connect(saved.append)
    editor.saved.connect(lambda _snapshot: shown.dialog.changed.emit())
    editor.draft = editor.draft.with_value("name", "在编干部")
    editor.save()
    assert saved and "error" not in dialogs.kinds()
    shown.dialog.reload()
    assert "在编干部" in shown.names() and item.name not in shown.names()
    assert shown.changes == 1


# --- move and delete ---------------------------------------------------------------
def test_move_keeps_the_row_selected_and_stops_at_the_ends(shown: Shown) -> None:
    first, second, *rest = shown.names()
    shown.select(first)
    assert not shown.dialog.up_button.isEnabled() and shown.dialog.down_button.isEnabled()
    shown.dialog.down_button.click()
    assert shown.names() == [second, first, *rest]
    selected = shown.dialog.selected()
    assert selected is not None and selected.name == first
    shown.select(shown.names()[-1])
    assert not shown.dialog.down_button.isEnabled()


def test_delete_of_a_category_with_people_shows_why_not(shown: Shown, dialogs: Dialogs) -> None:
    item = shown.select(LEADERS)
    assert f"{item.people} people" in shown.dialog.delete_button.toolTip()
    shown.dialog.delete_button.click()
    error = dialogs.last("error")
    assert isinstance(error, InputError)
    assert str(error).startswith(f"人员类别“{LEADERS}”仍有 {item.people} 名人员")
    assert "ask" not in dialogs.kinds() and LEADERS in shown.names()


def test_delete_an_unused_category_after_asking(
    shown: Shown, clerk: Workspace, dialogs: Dialogs
) -> None:
    clerk.categories.add("筹备人员")
    shown.dialog.reload()
    shown.select("筹备人员")
    dialogs.answer = False
    shown.dialog.delete_button.click()
    assert "筹备人员" in shown.names()
    dialogs.answer = True
    shown.dialog.delete_button.click()
    assert "筹备人员" in dialogs.last("ask")[0]
    assert "筹备人员" not in shown.names() and shown.changes == 1


# --- who may -----------------------------------------------------------------------
def test_a_read_only_role_sees_the_buttons_disabled_and_why(qtbot: Any, path: Path) -> None:
    viewer = sign_in(path, Role.VIEWER, daily_backup=False)
    try:
        shown = show(qtbot, viewer)
        assert shown.names()
        shown.select(shown.names()[1])
        dialog = shown.dialog
        for button in (
            dialog.add_button,
            dialog.rename_button,
            dialog.up_button,
            dialog.down_button,
            dialog.delete_button,
        ):
            assert not button.isEnabled()
        assert "只读" in dialog.add_button.toolTip()
    finally:
        viewer.close()


def test_the_manage_menu_opens_it_for_every_role(qtbot: Any, path: Path) -> None:
    viewer = sign_in(path, Role.VIEWER, daily_backup=False)
    try:
        actions = AdminActions(AdminHost(qtbot, viewer))  # type: ignore[arg-type]
        actions.update_enabled(viewer)
        assert actions.categories.isEnabled()  # everyone may look
        dialog = actions.show_categories()
        assert isinstance(dialog, CategoriesDialog) and dialog.model.rowCount() > 0
        dialog.close()
    finally:
        viewer.close()


def test_it_sits_next_to_the_departments_in_the_manage_menu(window: Any) -> None:
    menu = window.findChild(QMenu, "manageMenu")
    actions = menu.actions()
    admin = window.admin_actions
    assert actions.index(admin.categories) == actions.index(admin.departments) + 1
