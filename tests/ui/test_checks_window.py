"""The 查账 tab in the main window: read only while shown, 管理 → 查账设置… for 管理员; and
the panel's 打开 and 删除 of an attached file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.ui.checks_fixture import Opened, entry, go_to, make_tab, opened, shown
from tests.ui.helpers import Dialogs, wait_job

from kaohe_desktop.domain.enums import CheckLevel
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.ui.checks import check_outputs
from kaohe_desktop.ui.checks import due_columns as cols
from kaohe_desktop.ui.main_window import MainWindow

__all__ = ["opened"]  # the fixture, imported for pytest
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def test_the_tab_reads_its_period_only_when_shown(window: MainWindow, opened: Opened) -> None:
    window.set_workspace(opened())
    window.set_year(2026)
    tab = window.checks_tab
    assert window.tabs.tabText(window.tabs.indexOf(tab)) == "Checks"
    assert tab.session.due is None  # hidden: nothing read yet
    window.tabs.setCurrentWidget(tab)
    assert tab.session.due is not None and tab.model.rowCount() == 3
    window.tabs.setCurrentWidget(window.ledger_tab)
    window.set_year(2025)  # while hidden: only marked out of date
    assert tab.session.due is not None and tab.session.due.period.year == 2026
    window.tabs.setCurrentWidget(tab)
    assert tab.session.due is not None and tab.session.due.period.year == 2025
    assert tab.stack.is_empty  # no tasks in 2025: the page says what to do


@pytest.mark.parametrize(("role", "enabled"), [(Role.ADMIN, True), (Role.CLERK, False)])
def test_the_manage_menu_offers_check_settings_to_administrators(
    window: MainWindow, opened: Opened, role: Role, enabled: bool
) -> None:
    window.set_workspace(opened(role))
    manage = window.menuBar().actions()[1].menu()
    assert manage is not None
    names = [action.objectName() for action in manage.actions()]
    assert "action_checkSettings" in names
    action = next(a for a in manage.actions() if a.objectName() == "action_checkSettings")
    assert action.isEnabled() is enabled


def test_an_attached_file_opens_through_a_copy_and_an_administrator_removes_it(
    qtbot: Any,
    opened: Opened,
    tmp_path: Path,
    dialogs: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tab = make_tab(qtbot, opened())
    go_to(tab, 1, "办公室", cols.LEVEL1)
    qtbot.keyClicks(tab.table, "1")
    scan = tmp_path / "会议记录.pdf"
    scan.write_bytes(PDF_BYTES)
    wait_job(qtbot, tab.panel.attach_paths([scan]))
    assert shown(tab, 1, "办公室", cols.EVIDENCE) == "1"
    viewed: list[Path] = []
    monkeypatch.setattr(check_outputs, "open_with_viewer", lambda path: viewed.append(path) or True)
    tab.panel.files_view.selectRow(0)
    wait_job(qtbot, tab.panel.open_selected())
    assert len(viewed) == 1 and viewed[0].read_bytes() == PDF_BYTES
    assert viewed[0] != scan and viewed[0].name == "会议记录.pdf"

    assert tab.panel.remove_button.isEnabled()
    assert tab.panel.remove_selected()
    assert shown(tab, 1, "办公室", cols.EVIDENCE) == ""
    check = entry(tab, 1, "办公室", CheckLevel.LEAD)
    assert check is not None and check.evidence_files == 0
    assert tab.panel.files.rowCount() == 0


def test_a_clerk_may_not_remove_files(qtbot: Any, opened: Opened, tmp_path: Path) -> None:
    tab = make_tab(qtbot, opened(Role.CLERK))
    go_to(tab, 1, "办公室", cols.LEVEL1)
    qtbot.keyClicks(tab.table, "1")
    scan = tmp_path / "记录.pdf"
    scan.write_bytes(PDF_BYTES)
    wait_job(qtbot, tab.panel.attach_paths([scan]))
    tab.panel.files_view.selectRow(0)
    assert tab.panel.open_button.isEnabled()
    assert not tab.panel.remove_button.isEnabled()
