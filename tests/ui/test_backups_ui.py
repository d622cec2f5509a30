"""备份 through its dialog: the folder, a backup now, restoring into a new file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from tests.factories import ADMIN, DEMO_ROLES, CopyMaster, sign_in
from tests.ui.checks_fixture import Opened, entry, go_to, make_tab, opened
from tests.ui.helpers import Dialogs, wait_job

from kaohe_desktop.domain.enums import CheckLevel
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.access.audit_log import AuditFilter
from kaohe_desktop.services.workspace import Workspace, open_workspace
from kaohe_desktop.storage.evidence_store import EvidenceStore, store_dir
from kaohe_desktop.ui.backups.backups_dialog import BackupsDialog
from kaohe_desktop.ui.checks import due_columns as cols

__all__ = ["opened"]  # the fixture, imported for pytest


@pytest.fixture
def open_as(copy_master: CopyMaster, tmp_path: Path) -> Iterator[Callable[..., Workspace]]:
    path = copy_master(DEMO_ROLES, tmp_path / "data")
    opened: list[Workspace] = []

    def open_(role: Role) -> Workspace:
        workspace = sign_in(path, role, daily_backup=False)
        opened.append(workspace)
        return workspace

    yield open_
    for workspace in opened:
        workspace.close()


def dialog_for(qtbot: Any, workspace: Workspace) -> BackupsDialog:
    dialog = BackupsDialog(workspace, workspace.backups, workspace.path)
    qtbot.addWidget(dialog)
    return dialog


def save_file_answer(monkeypatch: pytest.MonkeyPatch, answer: Path | None) -> list[Any]:
    asked: list[Any] = []

    def get_save_file_name(*args: Any, **kwargs: Any) -> tuple[str, str]:
        asked.append(kwargs.get("options"))
        return (str(answer) if answer else "", "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", get_save_file_name)
    return asked


@pytest.mark.parametrize(
    ("role", "backup", "configure", "restore"),
    [
        (Role.ADMIN, True, True, True),
        (Role.CLERK, True, False, False),
        (Role.REVIEWER, True, False, False),
        (Role.VIEWER, False, False, False),
    ],
)
def test_buttons_follow_the_role(
    qtbot: Any, open_as: Any, role: Role, backup: bool, configure: bool, restore: bool
) -> None:
    workspace = open_as(role)
    workspace_admin = open_as(Role.ADMIN)
    workspace_admin.backups.backup_now()  # something to select
    dialog = dialog_for(qtbot, workspace)
    dialog.view.selectRow(0)
    assert dialog.folder_label.text() == str(workspace.backups.folder())
    assert dialog.backup_button.isEnabled() is backup
    assert dialog.change_button.isEnabled() is configure
    assert dialog.default_button.isEnabled() is configure
    assert dialog.restore_button.isEnabled() is restore


def test_backup_now_then_restore_into_a_new_file(
    qtbot: Any, open_as: Any, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    admin = open_as(Role.ADMIN)
    dialog = dialog_for(qtbot, admin)
    assert dialog.model.rowCount() == 0

    wait_job(qtbot, dialog.back_up_now())
    assert [b.reason for b in dialog.model.rows()] == ["手动"]
    assert dialogs.kinds()[-1] == "info"

    target = tmp_path / "恢复" / "恢复的台账"  # no suffix: .kaohe is added
    target.parent.mkdir()
    asked = save_file_answer(monkeypatch, target)
    dialog.view.selectRow(0)
    with qtbot.waitSignal(dialog.restored, timeout=60_000) as signal:
        wait_job(qtbot, dialog.restore_selected())
    assert asked == [QFileDialog.Option.DontConfirmOverwrite]
    restored = target.with_suffix(".kaohe")
    assert signal.args == [restored] and restored.exists()
    assert str(restored) in dialogs.last("info")
    assert admin.bureau.summary().bureau_name in dialogs.last("info")  # whose backup it was
    # The open file was backed up first, and the list shows it.
    assert sorted(b.reason for b in dialog.model.rows()) == sorted(["手动", "恢复前"])

    reopened = open_workspace(restored, ADMIN, daily_backup=False)
    try:
        assert reopened.audit_log.verify().ok
        actions = [e.action for e in reopened.audit_log.entries(AuditFilter())]
        assert "restore" in actions
    finally:
        reopened.close()


def test_restore_refuses_an_existing_file(
    qtbot: Any, open_as: Any, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    admin = open_as(Role.ADMIN)
    admin.backups.backup_now()
    dialog = dialog_for(qtbot, admin)
    existing = tmp_path / "已有.kaohe"
    existing.write_bytes(b"precious")
    save_file_answer(monkeypatch, existing)
    dialog.view.selectRow(0)
    assert dialog.restore_selected() is None
    assert dialogs.kinds()[-1] == "warn"
    assert existing.read_bytes() == b"precious"


def test_change_the_folder_and_back_to_the_default(
    qtbot: Any, open_as: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    admin = open_as(Role.ADMIN)
    default = admin.backups.folder()
    dialog = dialog_for(qtbot, admin)
    chosen = tmp_path / "共享备份"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args, **_kwargs: str(chosen))
    dialog.change_button.click()
    assert admin.backups.folder() == chosen and chosen.is_dir()
    assert dialog.folder_label.text() == str(chosen)
    dialog.default_button.click()
    assert admin.backups.folder() == default
    assert dialog.folder_label.text() == str(default)


def test_the_dialog_names_the_bureau_whose_backups_it_lists(qtbot: Any, open_as: Any) -> None:
    admin = open_as(Role.ADMIN)
    admin.backups.backup_now()
    bureau = admin.bureau.summary().bureau_name
    identity = admin.backups.identity
    assert identity is not None and bureau
    dialog = dialog_for(qtbot, admin)
    assert bureau in dialog.owner_label.text() and identity.short_id in dialog.owner_label.text()
    column = [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert column.index("Bureau") == 2
    assert dialog.model.data(dialog.model.index(0, 2)) == bureau


# --- the 佐证材料 a backup copies ------------------------------------------------------------
def test_after_a_backup_the_dialog_says_what_became_of_the_evidence_files(
    qtbot: Any, opened: Opened, tmp_path: Path
) -> None:
    tab = make_tab(qtbot, opened())
    go_to(tab, 1, "财务科", tab.model.status_column)
    qtbot.keyClicks(tab.table, "1")
    go_to(tab, 1, "财务科", cols.TITLE)
    scans = []
    for n, name in enumerate(("报送台账.pdf", "签收单.pdf")):
        scans.append(tmp_path / name)
        scans[-1].write_bytes(b"%PDF-1.4\n%" + bytes([n]) + b"\n%%EOF\n")
    wait_job(qtbot, tab.panel.attach_paths(scans))
    workspace = tab.workspace
    assert workspace is not None
    dialog = dialog_for(qtbot, workspace)
    assert dialog.evidence_label.isHidden()  # nothing backed up from this dialog yet

    wait_job(qtbot, dialog.back_up_now())
    assert dialog.evidence_label.text() == "Evidence files (佐证材料): 2 newly copied, 2 in all."
    assert not dialog.evidence_label.isHidden()
    # The backup folder's store has both now: the next backup copies nothing new.
    wait_job(qtbot, dialog.back_up_now())
    assert dialog.evidence_label.text() == "Evidence files (佐证材料): 0 newly copied, 2 in all."

    # A third attachment whose stored copy is lost is named, in words.
    scan = tmp_path / "丢失.pdf"
    scan.write_bytes(b"%PDF-1.4\n%lost\n%%EOF\n")
    wait_job(qtbot, tab.panel.attach_paths([scan]))
    check = entry(tab, 1, "财务科", CheckLevel.LEAD)
    assert check is not None
    lost = next(f for f in workspace.evidence.files(check.check_id) if f.file_name == "丢失.pdf")
    EvidenceStore(store_dir(workspace.path)).path_of(lost.sha256).unlink()
    wait_job(qtbot, dialog.back_up_now())
    lines = dialog.evidence_label.text().splitlines()
    assert lines[0] == "Evidence files (佐证材料): 0 newly copied, 3 in all."
    assert lines[1].startswith("备份的佐证材料不完整：佐证材料“丢失.pdf”找不到")


def test_a_file_without_evidence_says_so(qtbot: Any, open_as: Any) -> None:
    dialog = dialog_for(qtbot, open_as(Role.ADMIN))
    wait_job(qtbot, dialog.back_up_now())
    assert dialog.evidence_label.text() == "Evidence files (佐证材料): none attached yet."
