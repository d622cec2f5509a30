"""The 文件 menu: every item does what it says, on real files."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import openpyxl
from tests.factories import ADMIN, with_demo_categories
from tests.ui.helpers import Dialogs, SignIns, open_in, wait_job

from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.demo.accounts import DEMO_ADMIN, DEMO_PASSWORD
from kaohe_desktop.services.demo.setup import demo_rules
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.workspace import create_workspace, open_workspace
from kaohe_desktop.ui.file_actions import SHOWN_PROBLEMS
from kaohe_desktop.ui.main_window import MainWindow
from kaohe_desktop.ui.menus import about_text


def _menu_texts(window: MainWindow) -> list[str]:
    file_menu = window.menuBar().actions()[0].menu()
    return [a.text() for a in file_menu.actions() if not a.isSeparator()]


def test_file_menu_lists_every_action(window: MainWindow) -> None:
    assert _menu_texts(window) == [
        "&New data file…",
        "&Open data file…",
        "Open from a database &server…",
        "Open &recent",
        "Open &demo data",
        "&Import workbook…",
        "&Export workbook…",
        "Download &template…",
        "Wall charts…",
        "&Back up…",
        "&Check data file",
        "S&witch account…",
        "&Settings…",
        "E&xit",
    ]


def test_export_then_import_into_an_empty_file_round_trips(
    qtbot: Any,
    window: MainWindow,
    demo_file: Path,
    data_file: Path,
    tmp_path: Path,
    dialogs: Dialogs,
) -> None:
    demo = open_in(qtbot, window, demo_file)
    expected_tasks = len(demo.ledger.tasks(2026))
    expected_q2 = len(demo.grading.sheet(Quarter(2026, 2)).rows)
    book = tmp_path / "导出.xlsx"
    wait_job(qtbot, window.exchange_actions.export_to(book))
    assert dialogs.kinds() == ["info"] and str(book) in dialogs.last("info")
    assert "台账" in openpyxl.load_workbook(book, read_only=True).sheetnames

    # The demo's 人员类别 and scheme (its 局领导 not graded): a workbook carries neither.
    made = with_demo_categories(create_workspace(data_file, admin=ADMIN))
    made.grading.set_rules(Quarter(2025, 1), demo_rules())
    made.close()
    target = open_in(qtbot, window, data_file)
    assert window.ledger_tab.stack.is_empty
    dry_run = wait_job(qtbot, window.exchange_actions.import_path(book))
    assert dry_run.result.dry_run
    # The dry run's summary was shown and confirmed; the real import ran after it.
    question, summary = dialogs.last("ask")
    assert "Nothing has been written yet" in question and "试导入" in summary
    qtbot.waitUntil(lambda: dialogs.kinds()[-1] == "info", timeout=60_000)
    assert "导入完成" in dialogs.last("info")
    assert window.workspace is target
    assert window.ledger_tab.model.rowCount() == expected_tasks
    window.tabs.setCurrentWidget(window.quarterly_tab)  # it grades the quarter when shown
    window.quarterly_tab.set_quarter(2)
    assert window.quarterly_tab.model.rowCount() == expected_q2
    assert not window.ledger_tab.stack.is_empty


def test_declining_the_dry_run_writes_nothing(
    qtbot: Any,
    window: MainWindow,
    demo_file: Path,
    data_file: Path,
    tmp_path: Path,
    dialogs: Dialogs,
) -> None:
    open_in(qtbot, window, demo_file)
    book = tmp_path / "导出.xlsx"
    wait_job(qtbot, window.exchange_actions.export_to(book))
    with_demo_categories(create_workspace(data_file, admin=ADMIN)).close()
    workspace = open_in(qtbot, window, data_file)
    dialogs.answer = False
    wait_job(qtbot, window.exchange_actions.import_path(book))
    qtbot.wait(50)
    assert dialogs.kinds()[-1] == "ask"
    assert workspace.people.listing() == []


def test_a_bad_workbook_is_explained_cell_by_cell(
    qtbot: Any, window: MainWindow, data_file: Path, tmp_path: Path, dialogs: Dialogs
) -> None:
    book = tmp_path / "模板.xlsx"
    wait_job(qtbot, window.exchange_actions.save_template(book))
    workbook = openpyxl.load_workbook(book)
    workbook["人员"].append(["A001", "张三", None, None, None, "不存在的科室", None, "一般公务员"])
    workbook.save(book)
    create_workspace(data_file, admin=ADMIN).close()
    open_in(qtbot, window, data_file)
    wait_job(qtbot, window.exchange_actions.import_path(book))
    error = dialogs.last("error")
    assert isinstance(error, InputError)
    assert error.errors and "人员" in str(error.errors[0])
    assert "ask" not in dialogs.kinds()


def test_template_is_written_without_an_open_file(
    qtbot: Any, window: MainWindow, tmp_path: Path, dialogs: Dialogs
) -> None:
    book = tmp_path / "模板.xlsx"
    wait_job(qtbot, window.exchange_actions.save_template(book))
    names = openpyxl.load_workbook(book, read_only=True).sheetnames
    assert {"科室", "人员", "台账", "平时考核"} <= set(names)
    assert str(book) in dialogs.last("info")


def test_manage_menu_offers_each_role_what_it_may_do(
    qtbot: Any, window: MainWindow, demo_file: Path, sign_ins: SignIns
) -> None:
    open_in(qtbot, window, demo_file)
    admin = window.admin_actions
    every = (admin.departments, admin.periods, admin.backups, admin.accounts, admin.audit_log)
    assert all(action.isEnabled() for action in every)

    sign_ins.credentials = Credentials("lingdao", DEMO_PASSWORD)
    open_in(qtbot, window, demo_file)
    assert window.workspace is not None and window.workspace.account == "lingdao"
    assert not admin.accounts.isEnabled() and not admin.audit_log.isEnabled()
    assert "只读" in admin.accounts.toolTip()
    assert admin.periods.isEnabled()  # leaders may look at which periods are closed
    assert window.archive_tab.toolbar_actions.edit_person.text() == "View person…"


def test_backup_and_check(
    qtbot: Any, window: MainWindow, demo_file: Path, tmp_path: Path, dialogs: Dialogs
) -> None:
    open_in(qtbot, window, demo_file)
    folder = tmp_path / "另存备份"  # not the daily backup's folder
    folder.mkdir()
    wait_job(qtbot, window.file_actions.back_up_to(folder))
    copies = list(folder.iterdir())
    assert len(copies) == 1 and copies[0].stat().st_size > 0
    assert str(copies[0]) in dialogs.last("info")

    wait_job(qtbot, window.file_actions.check_file())
    assert dialogs.kinds()[-1] == "info"
    assert "sound" in dialogs.last("info")


def test_check_names_dropped_triggers_of_a_file_opened_read_only(
    qtbot: Any, window: MainWindow, demo_file: Path, dialogs: Dialogs
) -> None:
    raw = sqlite3.connect(demo_file, isolation_level=None)
    dropped = [
        name
        for (name,) in raw.execute("SELECT name FROM sqlite_master WHERE name GLOB '*_closed_*'")
    ]
    for name in dropped:
        raw.execute(f"DROP TRIGGER {name}")
    raw.close()
    workspace = open_in(qtbot, window, demo_file)
    assert workspace.read_only and "已以只读方式打开" in (workspace.read_only_reason or "")
    assert window.status_line.access.toolTip() == workspace.read_only_reason

    wait_job(qtbot, window.file_actions.check_file())
    assert dialogs.kinds()[-1] == "warn"
    report = dialogs.last("warn")
    assert "has problems" in report
    assert f"结构核对：与本程序的迁移不符（{len(dropped)} 处）" in report
    assert "缺少触发器 adjustment_closed_delete（已关闭期间的锁定：加减分的删除）" in report
    # A message box lists the first SHOWN_PROBLEMS; `kaohe check` lists them all.
    assert report.count("缺少触发器") == SHOWN_PROBLEMS
    assert f"……另有 {len(dropped) - SHOWN_PROBLEMS} 处" in report


def test_a_read_only_file_disables_import_and_says_why(
    qtbot: Any, window: MainWindow, demo_file: Path
) -> None:
    workspace = open_workspace(demo_file, Credentials(DEMO_ADMIN, DEMO_PASSWORD), read_only=True)
    window.set_workspace(workspace)
    action = window.exchange_actions.import_book
    assert not action.isEnabled()
    assert workspace.read_only_reason and workspace.read_only_reason in action.toolTip()
    assert window.status_line.access.text() == "Read-only"
    assert window.status_line.access.toolTip() == workspace.read_only_reason
    assert "[Read-only]" in window.windowTitle()
    assert window.exchange_actions.export_book.isEnabled()  # reading out is still fine
    assert window.exchange_actions.import_path(demo_file) is None


def test_opening_a_missing_file_explains_and_keeps_the_current_one(
    qtbot: Any, window: MainWindow, demo_file: Path, tmp_path: Path, dialogs: Dialogs
) -> None:
    workspace = open_in(qtbot, window, demo_file)
    job = wait_job(qtbot, window.file_actions.open_path(tmp_path / "不存在.kaohe"))
    assert job.error is not None
    assert "找不到" in str(dialogs.last("error"))
    assert window.workspace is workspace


def test_new_file_refuses_to_overwrite(
    qtbot: Any, window: MainWindow, demo_file: Path, dialogs: Dialogs
) -> None:
    before = demo_file.read_bytes()
    job = window.file_actions._run_open(
        "新建",
        lambda progress: create_workspace(demo_file, admin=ADMIN, progress=progress),
        demo=False,
    )
    wait_job(qtbot, job)
    assert "已存在" in str(dialogs.last("error"))
    assert demo_file.read_bytes() == before


def test_open_demo_generates_it_in_the_user_folder_once(
    qtbot: Any, window: MainWindow, user_data: Path
) -> None:
    job = wait_job(qtbot, window.file_actions.open_demo_file())
    assert job.error is None, job.error
    assert window.is_demo
    assert window.workspace is not None and user_data in window.workspace.path.parents
    assert window.settings.recent_files == []  # the demo never becomes the file to reopen


def test_about_names_version_file_and_schema(
    qtbot: Any, window: MainWindow, demo_file: Path
) -> None:
    from kaohe_desktop import __version__

    assert "No data file open" in about_text(window.workspace)
    open_in(qtbot, window, demo_file)
    text = about_text(window.workspace)
    assert __version__ in text
    assert str(demo_file) in text
    assert "schema version" in text
    assert "LGPL" in text
