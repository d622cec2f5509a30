"""The account screens: sign-in, the first administrator, own password, 账号管理."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit
from tests.factories import PASSWORD, new_data_file, new_workspace, sign_in
from tests.ui.helpers import Dialogs

from kaohe_desktop.domain.account_rules import MAX_FAILED_LOGINS
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.errors import AuthenticationError
from kaohe_desktop.services.workspace import PendingOpen, Workspace, begin_open, open_workspace
from kaohe_desktop.ui.accounts.accounts_dialog import STATUS, AccountsDialog
from kaohe_desktop.ui.accounts.login_dialog import LoginDialog
from kaohe_desktop.ui.accounts.password_dialog import ChangePasswordDialog

NEW_PASSWORD = "another-pass-2"


@pytest.fixture
def data_path(tmp_path: Path) -> Path:
    workspace = new_workspace(tmp_path, roles=True)
    path = workspace.path
    workspace.close()
    return path


@pytest.fixture
def opened() -> Iterator[Callable[..., Any]]:
    """Opens pending files and workspaces and closes them all after the test."""
    things: list[PendingOpen | Workspace] = []

    def keep(thing: Any) -> Any:
        things.append(thing)
        return thing

    yield keep
    for thing in reversed(things):
        thing.close()


def _login(qtbot: Any, pending: PendingOpen, **options: Any) -> LoginDialog:
    dialog = LoginDialog(pending, None, **options)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _try(qtbot: Any, dialog: LoginDialog, username: str, password: str) -> None:
    dialog.username.setText(username)
    dialog.password.setText(password)
    _press_ok(qtbot, dialog)


def _press_ok(qtbot: Any, dialog: LoginDialog) -> None:
    """OK, and wait for the answer: the password is checked on a worker thread."""
    with qtbot.waitSignal(dialog.attempted, timeout=30_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def _error(dialog: QDialog, name: str) -> QLabel:
    label = dialog.findChild(QLabel, name)
    assert label is not None
    return label


# --- sign-in ------------------------------------------------------------------
def test_wrong_password_is_said_inline_and_the_dialog_stays_open(
    qtbot: Any, data_path: Path, opened: Callable[..., Any], dialogs: Dialogs
) -> None:
    dialog = _login(qtbot, opened(begin_open(data_path)))
    assert dialog.password.echoMode() is QLineEdit.EchoMode.Password
    _try(qtbot, dialog, "clerk", "wrong-pass-1")
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.workspace is None
    error = _error(dialog, "loginError")
    assert error.isVisible()
    assert "账号或密码不正确" in error.text()
    assert dialog.password.text() == ""  # typed again, not edited
    assert dialogs.shown == []  # no message box


def test_right_password_gives_a_workspace_of_the_account_role(
    qtbot: Any, data_path: Path, opened: Callable[..., Any]
) -> None:
    dialog = _login(qtbot, opened(begin_open(data_path)))
    _try(qtbot, dialog, "reviewer", "wrong-pass-1")
    _try(qtbot, dialog, "reviewer", PASSWORD)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.isVisible()
    workspace = opened(dialog.workspace)
    assert workspace.actor.username == "reviewer"
    assert workspace.actor.role is Role.REVIEWER
    assert dialog.username_entered() == "reviewer"


def test_the_password_is_checked_off_the_gui_thread_and_the_form_waits(
    qtbot: Any, data_path: Path, opened: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Argon2 runs on a worker while the window paints; meanwhile nothing can be pressed,
    and Cancel (which closes the file the worker reads) is held back until it answers."""
    checked_on: list[threading.Thread] = []
    sign_in_now = PendingOpen.sign_in

    def sign_in_recorded(self: PendingOpen, credentials: Credentials) -> Workspace:
        checked_on.append(threading.current_thread())
        return sign_in_now(self, credentials)

    monkeypatch.setattr(PendingOpen, "sign_in", sign_in_recorded)
    dialog = _login(qtbot, opened(begin_open(data_path)))
    dialog.username.setText("reviewer")
    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.attempted, timeout=30_000):
        dialog.ok_button.click()  # processes no events: the answer cannot have come yet
        assert dialog.job is not None
        assert not dialog.buttons.isEnabled() and not dialog.password.isEnabled()
        dialog.reject()  # Esc or Cancel while the worker reads the file: not yet
        assert dialog.isVisible()
    assert checked_on and checked_on[0] is not threading.main_thread()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert opened(dialog.workspace).actor.username == "reviewer"
    assert dialog.buttons.isEnabled() and dialog.job is None


def test_too_many_wrong_passwords_lock_the_account(
    qtbot: Any, data_path: Path, opened: Callable[..., Any]
) -> None:
    dialog = _login(qtbot, opened(begin_open(data_path)))
    for _attempt in range(MAX_FAILED_LOGINS):
        _try(qtbot, dialog, "clerk", "wrong-pass-1")
    assert "锁定" not in _error(dialog, "loginError").text()
    _try(qtbot, dialog, "clerk", PASSWORD)  # even the right password is refused now
    assert dialog.workspace is None
    assert dialog.isVisible()
    assert "已被锁定" in _error(dialog, "loginError").text()


def test_last_username_and_demo_hint_prefill_the_form(
    qtbot: Any, data_path: Path, opened: Callable[..., Any]
) -> None:
    pending = opened(begin_open(data_path))
    demo = _login(qtbot, pending, demo_hint=True)
    assert demo.username.text() == "admin"
    hint = _error(demo, "demoHint").text()
    assert "kaohe-demo1" in hint and "luru" in hint and "lingdao" in hint
    remembered = _login(qtbot, pending, last_username="clerk")
    assert remembered.username.text() == "clerk"
    assert remembered.findChild(QLabel, "demoHint") is None


def test_read_only_file_says_so(qtbot: Any, data_path: Path, opened: Callable[..., Any]) -> None:
    dialog = _login(qtbot, opened(begin_open(data_path, read_only=True)))
    assert _error(dialog, "loginReadOnly").isVisible()
    _try(qtbot, dialog, "admin", PASSWORD)
    assert opened(dialog.workspace).read_only


def test_first_admin_mode_creates_the_administrator(
    qtbot: Any, tmp_path: Path, opened: Callable[..., Any]
) -> None:
    bare = new_data_file(tmp_path)
    bare.close()
    pending = opened(begin_open(bare.path))
    dialog = _login(qtbot, pending)
    assert dialog.creating_admin
    assert dialog.windowTitle() == "Create the administrator"
    assert "no account yet" in _error(dialog, "loginExplanation").text()
    dialog.username.setText("chief")
    dialog.display_name.setText("张科长")
    dialog.password.setText(PASSWORD)
    dialog.repeat.setText("not-the-same-1")
    _press_ok(qtbot, dialog)
    assert dialog.workspace is None
    assert "do not match" in _error(dialog, "loginError").text()

    dialog.password.setText("short")
    dialog.repeat.setText("short")
    _press_ok(qtbot, dialog)
    assert dialog.workspace is None
    assert "密码太短" in _error(dialog, "loginError").text()  # the domain rule, inline

    dialog.password.setText(PASSWORD)
    dialog.repeat.setText(PASSWORD)
    _press_ok(qtbot, dialog)
    workspace = dialog.workspace
    assert workspace is not None
    assert workspace.actor.role is Role.ADMIN
    assert workspace.actor.display_name == "张科长"
    workspace.close()
    again = opened(open_workspace(bare.path, Credentials("chief", PASSWORD), daily_backup=False))
    assert again.actor.role is Role.ADMIN


# --- own password -------------------------------------------------------------
def test_change_password_and_the_old_one_no_longer_signs_in(
    qtbot: Any, data_path: Path, opened: Callable[..., Any]
) -> None:
    workspace = sign_in(data_path, Role.CLERK, daily_backup=False)
    dialog = ChangePasswordDialog(workspace, workspace.accounts)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.old.setText("wrong-pass-1")
    dialog.new.setText(NEW_PASSWORD)
    dialog.repeat.setText(NEW_PASSWORD)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "原密码不正确" in _error(dialog, "passwordError").text()

    dialog.old.setText(PASSWORD)
    dialog.new.setText(NEW_PASSWORD)
    dialog.repeat.setText("typo-pass-3")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "do not match" in _error(dialog, "passwordError").text()

    dialog.repeat.setText(NEW_PASSWORD)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    workspace.close()
    with pytest.raises(AuthenticationError):
        open_workspace(data_path, Credentials("clerk", PASSWORD), daily_backup=False)
    renewed = opened(
        open_workspace(data_path, Credentials("clerk", NEW_PASSWORD), daily_backup=False)
    )
    assert renewed.actor.role is Role.CLERK


def test_change_password_is_refused_before_typing_on_a_read_only_file(
    qtbot: Any, data_path: Path, opened: Callable[..., Any]
) -> None:
    workspace = opened(sign_in(data_path, Role.CLERK, read_only=True, daily_backup=False))
    dialog = ChangePasswordDialog(workspace, workspace.accounts)
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()


# --- 账号管理 -------------------------------------------------------------------
def _accounts(qtbot: Any, workspace: Workspace) -> AccountsDialog:
    dialog = AccountsDialog(workspace, workspace.accounts)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _row_of(dialog: AccountsDialog, username: str) -> int:
    usernames = [account.username for account in dialog.model.rows()]
    return usernames.index(username)


def test_admin_adds_an_account_that_can_sign_in_with_its_role(
    qtbot: Any, data_path: Path, opened: Callable[..., Any], dialogs: Dialogs
) -> None:
    dialog = _accounts(qtbot, opened(sign_in(data_path, daily_backup=False)))
    assert dialog.add_button.isEnabled()
    form = dialog.add_account()
    form.username.setText("wangqiang")
    form.display_name.setText("王强")
    form.role.setCurrentIndex(form.role.findData(Role.REVIEWER.value))
    form.password.setText(NEW_PASSWORD)
    form.repeat.setText("mismatch-pass-4")
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert form.isVisible()
    assert "do not match" in _error(form, "formError").text()

    form.repeat.setText(NEW_PASSWORD)
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert form.result() == QDialog.DialogCode.Accepted
    assert dialogs.shown == []
    row = _row_of(dialog, "wangqiang")
    assert dialog.model.index(row, 2).data() == "审核人"
    assert dialog.selected_account() is not None
    assert dialog.selected_account().username == "wangqiang"

    added = opened(
        open_workspace(data_path, Credentials("wangqiang", NEW_PASSWORD), daily_backup=False)
    )
    assert added.actor.role is Role.REVIEWER
    assert added.actor.display_name == "王强"


def test_a_refused_account_is_explained_and_the_form_stays_open(
    qtbot: Any, data_path: Path, opened: Callable[..., Any], dialogs: Dialogs
) -> None:
    dialog = _accounts(qtbot, opened(sign_in(data_path, daily_backup=False)))
    form = dialog.add_account()
    form.username.setText("clerk")  # exists already
    form.password.setText(NEW_PASSWORD)
    form.repeat.setText(NEW_PASSWORD)
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert form.isVisible()
    assert dialogs.kinds() == ["error"]
    assert "已存在" in str(dialogs.last("error"))


def test_edit_disables_an_account_and_unlock_frees_a_locked_one(
    qtbot: Any, data_path: Path, opened: Callable[..., Any]
) -> None:
    pending = begin_open(data_path)
    for _attempt in range(MAX_FAILED_LOGINS):
        with pytest.raises(AuthenticationError):
            pending.sign_in(Credentials("reviewer", "wrong-pass-1"))
    pending.close()
    dialog = _accounts(qtbot, opened(sign_in(data_path, daily_backup=False)))
    assert not dialog.edit_button.isEnabled()  # nothing selected yet
    assert not dialog.unlock_button.isEnabled()

    dialog.table.selectRow(_row_of(dialog, "reviewer"))
    status = dialog.model.index(_row_of(dialog, "reviewer"), STATUS)
    assert status.data().startswith("Locked until")
    assert dialog.unlock_button.isEnabled()
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert dialog.model.index(_row_of(dialog, "reviewer"), STATUS).data() == "Active"
    opened(open_workspace(data_path, Credentials("reviewer", PASSWORD), daily_backup=False))

    dialog.table.selectRow(_row_of(dialog, "viewer"))
    form = dialog.edit_account()
    assert form is not None
    assert form.username.isReadOnly()
    form.active.setChecked(False)
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.model.index(_row_of(dialog, "viewer"), STATUS).data() == "Disabled"
    with pytest.raises(AuthenticationError):
        open_workspace(data_path, Credentials("viewer", PASSWORD), daily_backup=False)


def test_reset_password_lets_the_colleague_in_with_the_new_one(
    qtbot: Any, data_path: Path, opened: Callable[..., Any]
) -> None:
    dialog = _accounts(qtbot, opened(sign_in(data_path, daily_backup=False)))
    dialog.table.selectRow(_row_of(dialog, "clerk"))
    form = dialog.reset_password()
    assert form is not None
    form.password.setText(NEW_PASSWORD)
    form.repeat.setText(NEW_PASSWORD)
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert form.result() == QDialog.DialogCode.Accepted
    opened(open_workspace(data_path, Credentials("clerk", NEW_PASSWORD), daily_backup=False))


def test_buttons_are_disabled_on_a_read_only_file(
    qtbot: Any, data_path: Path, opened: Callable[..., Any]
) -> None:
    workspace = opened(sign_in(data_path, read_only=True, daily_backup=False))
    dialog = _accounts(qtbot, workspace)
    assert dialog.model.rowCount() == 4
    dialog.table.selectRow(0)
    assert dialog.read_only_note.isVisible()
    for button in (dialog.add_button, dialog.edit_button, dialog.reset_button):
        assert not button.isEnabled()


def test_account_model_passes_the_model_tester(
    qtbot: Any, qtmodeltester: Any, data_path: Path, opened: Callable[..., Any]
) -> None:
    dialog = _accounts(qtbot, opened(sign_in(data_path, daily_backup=False)))
    assert dialog.model.rowCount() == 4
    qtmodeltester.check(dialog.model)
    qtmodeltester.check(dialog.model, force_py=True)
