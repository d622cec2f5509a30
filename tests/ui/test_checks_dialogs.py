"""The 查账 tab's toolbar and panel: a 督办单 from a selected check, its 整改 and 核实, an
attached file, the leaders' spot check, the 通报 and the settings — on the small ledger
of checks_fixture (2026Q2: 1·办公室, 1·财务科, 2·财务科)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from tests.ui.checks_fixture import Opened, entry, go_to, make_tab, opened, rows, shown
from tests.ui.helpers import Dialogs, wait_job

from kaohe_desktop.domain.enums import CheckLevel, NoticeColor
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.ui.checks import check_outputs
from kaohe_desktop.ui.checks import due_columns as cols
from kaohe_desktop.ui.checks.checks_tab import ChecksTab
from kaohe_desktop.ui.checks.notices_dialog import NoticesDialog
from kaohe_desktop.ui.checks.rectification_dialog import RectificationDialog

__all__ = ["opened"]  # the fixture, imported for pytest
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def saved_to(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Answer every 保存 dialog of the 查账 outputs with a file in tmp_path."""
    answered: list[Path] = []

    def ask(_parent: object, _title: str, suggested_name: str) -> Path:
        answered.append(tmp_path / "out" / suggested_name)
        answered[-1].parent.mkdir(exist_ok=True)
        return answered[-1]

    monkeypatch.setattr(check_outputs, "ask_pdf_path", ask)
    return answered


def record(qtbot: Any, tab: ChecksTab, seq: int, department: str, key: str) -> None:
    go_to(tab, seq, department, tab.model.status_column)
    qtbot.keyClicks(tab.table, key)


# --- 督办单 --------------------------------------------------------------------------------
def test_a_notice_issued_from_a_selected_check_shows_on_its_row(
    qtbot: Any, opened: Opened, dialogs: Dialogs
) -> None:
    tab = make_tab(qtbot, opened())
    record(qtbot, tab, 2, "财务科", "3")  # 部分完成: a yellow notice is suggested
    go_to(tab, 2, "财务科", cols.TITLE)
    dialog = tab.commands.issue_notice()
    assert dialog is not None
    assert dialog.color.color() is NoticeColor.YELLOW
    assert "（建议）" in dialog.color.buttons[NoticeColor.YELLOW].text() or "suggested" in (
        dialog.color.buttons[NoticeColor.YELLOW].text()
    )
    assert "第2项" in dialog.content.toPlainText() and "部分完成" in dialog.content.toPlainText()
    dialog.color.set_color(NoticeColor.RED)
    dialog.deduct.setChecked(True)
    dialog.points.setValue(2)
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert dialog.notice is not None and dialog.notice.number == "督办〔2026〕第1号"
    assert shown(tab, 2, "财务科", cols.NOTICES) == "督办〔2026〕第1号"
    assert shown(tab, 1, "财务科", cols.NOTICES) == ""
    stored = tab.workspace.notices.notices(year=2026)  # type: ignore[union-attr]
    assert [(n.number, n.color, n.department, n.deduction) for n in stored] == [
        ("督办〔2026〕第1号", NoticeColor.RED, "财务科", Decimal(2))
    ]
    # The file agrees with the screen after reading it again.
    tab.reload()
    assert shown(tab, 2, "财务科", cols.NOTICES) == "督办〔2026〕第1号"
    assert dialogs.kinds() == []


def test_a_refused_notice_keeps_the_dialog_and_what_was_typed(qtbot: Any, opened: Opened) -> None:
    tab = make_tab(qtbot, opened())
    record(qtbot, tab, 1, "办公室", "4")
    go_to(tab, 1, "办公室", cols.TITLE)
    dialog = tab.commands.issue_notice()
    assert dialog is not None
    dialog.content.setPlainText("")
    assert dialog.issue() is None
    assert "存在问题不能为空" in dialog.problem.text()
    assert dialog.isVisible()
    assert tab.workspace.notices.notices(year=2026) == []  # type: ignore[union-attr]


def test_notices_of_two_departments_are_refused_with_a_reason(
    qtbot: Any, opened: Opened, dialogs: Dialogs
) -> None:
    tab = make_tab(qtbot, opened())
    tab.table.selectAll()
    assert tab.commands.issue_notice() is None
    assert "一个科室" in str(dialogs.last("error"))


def test_the_list_shows_overdue_rectifications_and_verification_closes_one(
    qtbot: Any, opened: Opened, saved_to: list[Path], dialogs: Dialogs
) -> None:
    tab = make_tab(qtbot, opened(now=datetime(2026, 6, 30, 9, 0)))
    record(qtbot, tab, 1, "办公室", "4")
    go_to(tab, 1, "办公室", cols.TITLE)
    dialog = tab.commands.issue_notice()
    assert dialog is not None
    dialog.issued_on.setDate(QDate(2026, 6, 1))
    dialog.deadline.setDate(QDate(2026, 6, 15))  # past by the 30th
    assert dialog.issue() is not None, dialog.problem.text()
    workspace = tab.workspace
    assert workspace is not None
    notices = NoticesDialog(workspace, workspace.notices, 2026, tab)
    qtbot.addWidget(notices)
    assert notices.model.rowCount() == 1
    state = notices.model.index(0, notices.model.columnCount() - 1)
    assert state.data() == "逾期未整改"
    assert state.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#c62828"
    assert "1 overdue" in notices.count.text()

    notices.table.selectRow(0)
    rect = notices.open_selected()
    assert isinstance(rect, RectificationDialog)
    rect.target.setPlainText("按时报送")
    rect.items.setPlainText("补报二季度信息")
    rect.measures.setPlainText("专人负责")
    assert rect.save()
    assert not rect.verify_button.isEnabled()  # no result yet
    rect.result_text.setPlainText("已补报")
    assert rect.save()
    assert rect.verify_button.isEnabled()
    rect.verifier.setText("督查员")
    assert rect.verify(), rect.problem.text()
    assert rect.notice.closed
    assert notices.model.index(0, notices.model.columnCount() - 1).data() == "Verified, closed"
    assert not rect.save_button.isEnabled()

    # 打印督办单 writes the PDF where the clerk said.
    rect.print_notice()
    qtbot.waitUntil(lambda: bool(saved_to) and saved_to[-1].exists(), timeout=60_000)
    assert saved_to[-1].read_bytes().startswith(b"%PDF")


def test_a_clerk_records_the_rectification_but_cannot_verify(qtbot: Any, opened: Opened) -> None:
    admin = make_tab(qtbot, opened())
    record(qtbot, admin, 1, "办公室", "4")
    go_to(admin, 1, "办公室", cols.TITLE)
    issued = admin.commands.issue_notice()
    assert issued is not None and issued.issue() is not None
    clerk = opened(Role.CLERK)
    notice = clerk.notices.notices(year=2026)[0]
    rect = RectificationDialog(clerk, clerk.notices, notice)
    qtbot.addWidget(rect)
    assert rect.save_button.isEnabled()
    assert not rect.verify_button.isEnabled()
    viewer = opened(Role.VIEWER)
    read_only = RectificationDialog(viewer, viewer.notices, notice)
    qtbot.addWidget(read_only)
    assert not read_only.save_button.isEnabled() and read_only.target.isReadOnly()


# --- 佐证材料 -----------------------------------------------------------------------------
def test_an_attached_file_is_counted_on_its_row(
    qtbot: Any, opened: Opened, tmp_path: Path, dialogs: Dialogs
) -> None:
    tab = make_tab(qtbot, opened())
    record(qtbot, tab, 1, "财务科", "1")
    go_to(tab, 1, "财务科", cols.TITLE)
    assert tab.panel.attach_button.isEnabled()
    scan = tmp_path / "报送台账.pdf"
    scan.write_bytes(PDF_BYTES)
    wait_job(qtbot, tab.panel.attach_paths([scan]))
    assert shown(tab, 1, "财务科", cols.EVIDENCE) == "1"
    check = entry(tab, 1, "财务科", CheckLevel.LEAD)
    assert check is not None and check.evidence_files == 1
    files = tab.workspace.evidence.files(check.check_id)  # type: ignore[union-attr]
    assert [f.file_name for f in files] == ["报送台账.pdf"]
    assert tab.panel.files.rowCount() == 1
    assert "1 of 1" in tab.panel.note.text()
    assert dialogs.kinds() == []


def test_a_refused_file_is_named_and_the_others_go_in(
    qtbot: Any, opened: Opened, tmp_path: Path, dialogs: Dialogs
) -> None:
    tab = make_tab(qtbot, opened())
    record(qtbot, tab, 1, "办公室", "1")
    good = tmp_path / "照片说明.pdf"
    good.write_bytes(PDF_BYTES)
    bad = tmp_path / "程序.exe"
    bad.write_bytes(b"MZ" + b"\0" * 64)
    go_to(tab, 1, "办公室", cols.TITLE)
    wait_job(qtbot, tab.panel.attach_paths([bad, good]))
    assert shown(tab, 1, "办公室", cols.EVIDENCE) == "1"
    assert dialogs.kinds() == ["warn"]
    assert "程序.exe" in dialogs.last("warn")


def test_files_wait_for_a_status_at_the_level_entered(qtbot: Any, opened: Opened) -> None:
    tab = make_tab(qtbot, opened())
    go_to(tab, 2, "财务科", cols.TITLE)
    assert not tab.panel.attach_button.isEnabled()
    assert "1–5" in tab.panel.attach_button.toolTip()


# --- 局领导抽查 and 通报 ---------------------------------------------------------------------
def test_the_spot_check_draws_marks_rows_and_prints(
    qtbot: Any, opened: Opened, saved_to: list[Path]
) -> None:
    tab = make_tab(qtbot, opened())
    for seq, department in ((1, "办公室"), (1, "财务科"), (2, "财务科")):
        record(qtbot, tab, seq, department, "1")
    dialog = tab.commands.spot_check()
    assert dialog is not None and dialog.sample is None
    dialog.by_count.setChecked(True)
    dialog.count.setValue(2)
    sample = dialog.draw()
    assert sample is not None and len(sample.drawn) == 2 and sample.population == 3
    assert dialog.model.rowCount() == 2
    marked = [r for r in rows(tab) if r.sampled]
    assert len(marked) == 2
    assert [shown(tab, r.seq, r.department, cols.SAMPLED) for r in marked] == ["Drawn"] * 2
    dialog.print_list()
    qtbot.waitUntil(lambda: bool(saved_to) and saved_to[-1].exists(), timeout=60_000)


def test_the_bulletin_is_made_once_then_printed_and_regenerated_on_request(
    qtbot: Any, opened: Opened, saved_to: list[Path], dialogs: Dialogs
) -> None:
    tab = make_tab(qtbot, opened())
    record(qtbot, tab, 1, "办公室", "1")
    a = tab.toolbar_actions
    assert a.bulletin.text() == "Generate bulletin…" and not a.regenerate.isEnabled()
    wait_job(qtbot, tab.commands.print_bulletin())
    assert saved_to[-1].read_bytes().startswith(b"%PDF")
    qtbot.waitUntil(lambda: a.bulletin.text() == "Print bulletin…")
    assert a.regenerate.isEnabled()
    assert tab.commands.bulletin is not None and tab.commands.bulletin.edition == 1
    dialogs.answer = False
    assert tab.commands.regenerate_bulletin() is None
    dialogs.answer = True
    wait_job(qtbot, tab.commands.regenerate_bulletin())
    qtbot.waitUntil(
        lambda: tab.commands.bulletin is not None and tab.commands.bulletin.edition == 2
    )
    editions = tab.workspace.bulletins.editions(tab.session.period)  # type: ignore[union-attr, arg-type]
    assert [e.edition for e in editions] == [1, 2]


# --- 查账设置 ----------------------------------------------------------------------------
def test_the_settings_name_the_supervision_department_in_the_level(
    qtbot: Any, opened: Opened
) -> None:
    tab = make_tab(qtbot, opened(Role.ADMIN, now=datetime(2026, 5, 20)))
    assert tab.settings_action.isEnabled()
    dialog = tab.edit_settings()
    assert dialog is not None
    dialog.supervision.setCurrentIndex(dialog.supervision.findData("办公室"))
    dialog.sample.setValue(20)
    assert dialog.save()
    assert tab.workspace.checks.settings().sample_percent == 20  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: any("督查科室（办公室）" in tab.level.itemText(i) for i in range(3)))
    clerk = make_tab(qtbot, opened(Role.CLERK))
    assert not clerk.settings_action.isEnabled()
