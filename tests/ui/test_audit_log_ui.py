"""操作日志: filters, the refusal of a 只读 account, the chain verdict, cancelling a read."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from tests.factories import new_workspace, sign_in

from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.access.audit_log import AuditEntryView, AuditFilter
from kaohe_desktop.services.errors import PermissionDeniedError
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.audit.audit_log_dialog import AuditLogDialog
from kaohe_desktop.ui.audit.audit_model import ACTION, CHANGE, RECORD, summarize

WAIT_MS = 30_000


@pytest.fixture
def data_path(tmp_path: Path) -> Path:
    """Accounts for every role, and a 只读 account that tried to close a quarter."""
    workspace = new_workspace(tmp_path, roles=True)
    path = workspace.path
    workspace.close()
    viewer = sign_in(path, Role.VIEWER, daily_backup=False)
    with pytest.raises(PermissionDeniedError):
        viewer.periods.close("2026Q1", "季度结账")
    viewer.close()
    return path


@pytest.fixture
def admin(data_path: Path) -> Iterator[Workspace]:
    workspace = sign_in(data_path, daily_backup=False)
    yield workspace
    workspace.close()


def _dialog(qtbot: Any, workspace: Workspace) -> AuditLogDialog:
    dialog = AuditLogDialog(workspace.audit_log)
    qtbot.addWidget(dialog)
    dialog.show()
    _settle(qtbot, dialog)
    return dialog


def _settle(qtbot: Any, dialog: AuditLogDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=WAIT_MS)


def _choose(combo: Any, data: str) -> None:
    index = combo.findData(data)
    assert index > 0, data
    combo.setCurrentIndex(index)


def test_filter_by_account_shows_the_refusal_of_a_read_only_account(
    qtbot: Any, admin: Workspace
) -> None:
    dialog = _dialog(qtbot, admin)
    everyone = dialog.model.rowCount()
    assert dialog.chain_ok is True
    assert "操作日志链完整" in dialog.chain_status.text()
    _choose(dialog.account_filter, "viewer")
    _settle(qtbot, dialog)
    rows = dialog.model.rows()
    assert 0 < len(rows) < everyone
    assert {row.account for row in rows} == {"viewer"}
    refused = [r for r in range(len(rows)) if rows[r].action == "refused"]
    assert len(refused) == 1
    row = refused[0]
    assert dialog.model.index(row, ACTION).data() == "拒绝（无权限）"
    assert dialog.model.index(row, RECORD).data() == "无权关闭期间"
    change = dialog.model.index(row, CHANGE).data()
    assert "操作：关闭期间" in change and "角色：只读" in change
    assert "close_period" in dialog.model.index(row, CHANGE).data(3)  # the JSON, as tooltip
    assert dialog.count.text() == f"Entries shown: {len(rows)}"


def test_filter_by_object_and_the_empty_state(qtbot: Any, admin: Workspace) -> None:
    dialog = _dialog(qtbot, admin)
    _choose(dialog.entity_filter, "permission")
    _settle(qtbot, dialog)
    assert dialog.entity_filter.currentText() == "权限"
    assert {row.entity for row in dialog.model.rows()} == {"permission"}
    assert not dialog.stack.is_empty

    dialog.since.setDate(dialog.since.date().addYears(5))
    dialog.since_enabled.setChecked(True)
    _settle(qtbot, dialog)
    assert dialog.current_filter().since is not None
    assert dialog.model.rowCount() == 0
    assert dialog.stack.is_empty
    assert "No log entries match" in dialog.stack.empty_page.message.text()


def test_the_find_box_finds_a_persons_name(qtbot: Any, admin: Workspace) -> None:
    """Every line names whom it concerns (issue 18): typing a name finds their lines."""
    dialog = _dialog(qtbot, admin)
    everyone = dialog.model.rowCount()
    dialog.find_box.setText("录入员")  # as typed: textChanged starts the pause
    qtbot.waitUntil(lambda: 0 < dialog.model.rowCount() < everyone, timeout=WAIT_MS)
    _settle(qtbot, dialog)
    rows = dialog.model.rows()
    assert dialog.current_filter().text == "录入员"
    assert all("录入员" in dialog.model.index(r, RECORD).data() for r in range(len(rows)))
    assert any(row.entity == "account" and row.action == "insert" for row in rows)

    dialog.find_box.setText("没有这个人")
    qtbot.waitUntil(lambda: dialog.stack.is_empty, timeout=WAIT_MS)
    assert "没有这个人" in dialog.stack.empty_page.message.text()


def test_chain_status_is_red_after_tampering(qtbot: Any, data_path: Path) -> None:
    connection = sqlite3.connect(data_path)
    connection.execute("DROP TRIGGER audit_log_no_update")
    connection.execute("UPDATE audit_log SET label = '改过' WHERE id = 2")
    connection.commit()
    connection.close()
    workspace = sign_in(data_path, daily_backup=False)
    try:
        dialog = _dialog(qtbot, workspace)
        assert dialog.chain_ok is False
        assert "第 2 条" in dialog.chain_status.text()
        assert "#c62828" in dialog.chain_status.styleSheet()
    finally:
        workspace.close()


def test_a_filter_changed_while_reading_cancels_and_reads_again(
    qtbot: Any, admin: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = threading.Event()
    asked: list[AuditFilter] = []
    entries = admin.audit_log.entries

    def slow_entries(audit_filter: AuditFilter) -> list[AuditEntryView]:
        asked.append(audit_filter)
        if len(asked) == 1:
            gate.wait(WAIT_MS / 1000)  # the first read hangs until the filter has changed
        return entries(audit_filter)

    monkeypatch.setattr(admin.audit_log, "entries", slow_entries)
    dialog = AuditLogDialog(admin.audit_log)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=WAIT_MS)
    dialog.account_filter.addItem("viewer", "viewer")  # the accounts arrive with the first read
    _choose(dialog.account_filter, "viewer")
    gate.set()
    _settle(qtbot, dialog)
    assert [f.account for f in asked] == [None, "viewer"]
    assert {row.account for row in dialog.model.rows()} == {"viewer"}
    assert dialog.chain_ok is True  # the cancelled first read's chain check was not lost


def test_cancelling_a_read_says_so(
    qtbot: Any, admin: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = threading.Event()
    entries = admin.audit_log.entries

    def slow_entries(audit_filter: AuditFilter) -> list[AuditEntryView]:
        gate.wait(WAIT_MS / 1000)
        return entries(audit_filter)

    monkeypatch.setattr(admin.audit_log, "entries", slow_entries)
    dialog = AuditLogDialog(admin.audit_log)
    qtbot.addWidget(dialog)
    assert dialog.job is not None
    dialog.job.cancel()
    gate.set()
    _settle(qtbot, dialog)
    assert "cancelled" in dialog.count.text()
    assert dialog.model.rowCount() == 0


def test_scores_read_as_the_grid_shows_them() -> None:
    """The log keeps a value as it was read (91.7); the line shows it as the grid: 91.70."""
    entry = AuditEntryView(
        8,
        datetime(2026, 10, 30, 9, 30),
        "admin",
        "update",
        "quarterly_assessment",
        "435",
        "2026Q3 · 吴俊昊（XJ0007，办公室）",
        '{"composite": "91.7", "grade": null}',
        '{"composite": "92.70", "grade": "good"}',
    )
    line = summarize(entry)
    assert "综合得分：91.70 → 92.70" in line and "等次：(empty) → 好" in line


def test_change_summary_names_the_fields() -> None:
    entry = AuditEntryView(
        7,
        datetime(2026, 5, 1, 9, 30),
        "admin",
        "update",
        "person",
        "12",
        "P001",
        '{"department_id": 3, "name": "张三", "version": 1}',
        '{"department_id": 5, "name": "张四", "version": 2}',
    )
    assert summarize(entry) == "姓名：张三 → 张四；科室ID：3 → 5"
    deleted = AuditEntryView(
        8, datetime(2026, 5, 1), "admin", "delete", "talk", "4", None, '{"talker": "王"}', None
    )
    assert summarize(deleted) == "谈话人：王"


def test_audit_model_passes_the_model_tester(
    qtbot: Any, qtmodeltester: Any, admin: Workspace
) -> None:
    dialog = _dialog(qtbot, admin)
    assert dialog.model.rowCount() > 0
    qtmodeltester.check(dialog.model)
    qtmodeltester.check(dialog.model, force_py=True)
