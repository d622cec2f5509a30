"""What the tests of the 基础数据 list dialogs (科室, 人员类别) share: the demo file
with a clerk signed in, the dialog under test with how often it said the list
changed, and a clerk's typing in its add dialog (the module's open_add_dialog
replaced). A test module imports the fixtures it uses by name."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any, Generic, TypeVar

import pytest
from tests.factories import DEMO_ROLES, CopyMaster, sign_in

from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.editing.named_list_dialog import AddNameDialog, Item, NamedListDialog

Add = TypeVar("Add", bound=AddNameDialog)
Dialog = TypeVar("Dialog", bound=NamedListDialog[Any])


@pytest.fixture
def path(copy_master: CopyMaster) -> Path:
    return copy_master(DEMO_ROLES)


@pytest.fixture
def clerk(path: Path) -> Iterator[Workspace]:
    workspace = sign_in(path, Role.CLERK, daily_backup=False)
    yield workspace
    workspace.close()


class ShownList(Generic[Dialog, Item]):
    """The dialog under test and how often it said the list changed."""

    def __init__(self, dialog: Dialog) -> None:
        self.dialog = dialog
        self.changes = 0
        dialog.changed.connect(self._changed)

    def _changed(self) -> None:
        self.changes += 1

    def names(self) -> list[str]:
        return [item.name for item in self.dialog.model.rows()]

    def select(self, name: str) -> Item:
        self.dialog.view.selectRow(self.names().index(name))
        selected: Item | None = self.dialog.selected()
        assert selected is not None and selected.name == name
        return selected

    def selected_name(self) -> str | None:
        item = self.dialog.selected()
        return None if item is None else item.name

    def cell(self, name: str, column: int) -> str:
        model = self.dialog.model
        return str(model.data(model.index(self.names().index(name), column)))


def fill_in_add(
    qtbot: Any,
    module: ModuleType,
    fill: Callable[[Add], bool],
    monkeypatch: pytest.MonkeyPatch,
) -> list[Add]:
    """Answer the module's add dialog with `fill`; the dialogs it opened, in order."""
    opened: list[Add] = []

    def answer(dialog: Add) -> bool:
        qtbot.addWidget(dialog)
        opened.append(dialog)
        return fill(dialog)

    monkeypatch.setattr(module, "open_add_dialog", answer)
    return opened
