"""The 查账 sheet of the exchange workbook against the check levels (issue 13 review): an
import creates or changes a check only at a level the importing account may record
(domain/check_rules.level_refusal, the rule of the 查账 grid), rows identical to the
stored ones pass whatever their level, 管理员 imports every level (三级 without a draw);
the export carries confirmed checks only, and an imported row confirms a draft.

The small bureau of tests/services/checks/check_bureau.py: 2026Q2 has the pairs
(1, 综合科), (1, 市场科) and (2, 市场科)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select
from tests.factories import Clock, CopyMaster, sign_in
from tests.services.checks.check_bureau import CHECK_BUREAU, Q1, Q2, T0, leases, record

from kaohe_desktop.domain.check_rules import CheckSettings
from kaohe_desktop.domain.enums import CheckLevel, CheckStatus
from kaohe_desktop.domain.exchange_schema import SHEETS_BY_NAME
from kaohe_desktop.domain.records import CellError
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.checks.settings import write_check_settings
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.storage.models import CheckRow, DepartmentRow, TaskRow

LEAD, SUPERVISION, LEADERSHIP = CheckLevel.LEAD, CheckLevel.SUPERVISION, CheckLevel.LEADERSHIP
DONE, PARTIAL = CheckStatus.DONE, CheckStatus.PARTIAL
SHEET = "查账"


@pytest.fixture
def path(copy_master: CopyMaster) -> Path:
    return copy_master(CHECK_BUREAU)


def _open(path: Path, role: Role) -> Workspace:
    return sign_in(path, role, daily_backup=False, clock=Clock(T0))


@pytest.fixture
def admin(path: Path) -> Iterator[Workspace]:
    workspace = _open(path, Role.ADMIN)
    yield workspace
    workspace.close()


@pytest.fixture
def clerk(path: Path) -> Iterator[Workspace]:
    workspace = _open(path, Role.CLERK)
    yield workspace
    workspace.close()


def check_row(
    seq: int = 1,
    department: str = "综合科",
    level: str = "一级",
    status: str = "已完成",
    period: str = "2026Q2",
    **cells: object,
) -> dict[str, object]:
    row: dict[str, object] = {
        "年度": 2026,
        "序号": seq,
        "责任科室": department,
        "期间": period,
        "完成情况": status,
        "核查层级": level,
    }
    row.update(cells)
    return row


def workbook(path: Path, rows: list[dict[str, object]]) -> Path:
    """A 查账 sheet as a clerk fills it in: the headers, then the rows from row 2."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    headers = SHEETS_BY_NAME[SHEET].headers
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(header) for header in headers])
    book.save(path)
    return path


def stored(workspace: Workspace) -> list[tuple[int, str, str, str, str, bool]]:
    """Every stored check: (序号, 科室, 期间, level, status, draft), in a fixed order."""
    with workspace.opened.unit_of_work("test").read() as session:
        rows = session.execute(
            select(
                TaskRow.seq, DepartmentRow.name, CheckRow.period, CheckRow.level,
                CheckRow.status, CheckRow.draft,
            )
            .join(TaskRow, TaskRow.id == CheckRow.task_id)
            .join(DepartmentRow, DepartmentRow.id == CheckRow.department_id)
            .order_by(TaskRow.seq, DepartmentRow.name, CheckRow.period, CheckRow.level)
        )  # fmt: skip
        return [tuple(r) for r in rows]  # type: ignore[misc]


def refused(workspace: Workspace, path: Path) -> list[CellError]:
    before = stored(workspace)
    with pytest.raises(InputError) as refusal:
        workspace.importer.import_workbook(path)
    assert stored(workspace) == before  # all or nothing
    return [e for e in refusal.value.errors if isinstance(e, CellError)]


def sheet_rows(path: Path) -> list[tuple[object, ...]]:
    sheet = openpyxl.load_workbook(path, read_only=True)[SHEET]
    return [tuple(r) for r in sheet.iter_rows(min_row=2, values_only=True)]


# --- 1: the levels an import may write -----------------------------------------------------


def test_a_clerk_imports_the_clerk_level_and_is_refused_the_others(
    clerk: Workspace, tmp_path: Path
) -> None:
    rows = [
        check_row(1, "综合科", "一级"),
        check_row(1, "市场科", "二级", "部分完成"),
        check_row(2, "市场科", "三级", "未完成"),
    ]
    errors = refused(clerk, workbook(tmp_path / "查账.xlsx", rows))
    assert [(e.sheet, e.row, e.column) for e in errors] == [
        (SHEET, 3, "核查层级"),
        (SHEET, 4, "核查层级"),
    ]
    assert errors[0].reason == "录入员只能录入一级核查，不能录入二级核查"
    assert errors[1].reason == "录入员只能录入一级核查，不能录入三级核查"
    assert stored(clerk) == []  # the 一级 row beside them is not written either

    result = clerk.importer.import_workbook(workbook(tmp_path / "一级.xlsx", rows[:1]))
    assert result.counts[SHEET].added == 1
    assert stored(clerk) == [(1, "综合科", "2026Q2", "lead", "done", False)]


def test_the_clerk_level_of_the_settings_decides(
    clerk: Workspace, admin: Workspace, tmp_path: Path
) -> None:
    settings = CheckSettings(clerk_level=SUPERVISION)
    admin._uow.write(lambda session: write_check_settings(session, "admin", settings))
    path = workbook(tmp_path / "查账.xlsx", [check_row(level="一级")])
    [error] = refused(clerk, path)
    assert error.reason == "录入员只能录入二级核查，不能录入一级核查"
    clerk.importer.import_workbook(workbook(path, [check_row(level="二级")]))
    assert stored(clerk) == [(1, "综合科", "2026Q2", "supervision", "done", False)]


def test_a_clerk_re_imports_an_exported_workbook_but_changes_no_higher_level(
    clerk: Workspace, admin: Workspace, tmp_path: Path
) -> None:
    record(admin, Q2, [(1, "综合科", LEAD, DONE), (1, "综合科", SUPERVISION, PARTIAL)])
    exported = tmp_path / "导出.xlsx"
    admin.exporter.export_workbook(exported)

    again = clerk.importer.import_workbook(exported)  # identical rows pass, whatever the level
    assert (again.counts[SHEET].unchanged, again.changed) == (2, 0)

    changed = [check_row(1, "综合科", "二级", "已完成")]  # 部分完成 → 已完成 at 二级
    [error] = refused(clerk, workbook(tmp_path / "改二级.xlsx", changed))
    assert (error.row, error.column) == (2, "核查层级")
    assert error.reason == "录入员只能录入一级核查，不能录入二级核查"


def test_the_administrator_imports_every_level_and_three_without_a_draw(
    admin: Workspace, tmp_path: Path
) -> None:
    assert admin.checks.due_list(Q2).sample is None  # nothing drawn
    rows = [
        check_row(1, "综合科", "一级"),
        check_row(1, "市场科", "二级", "部分完成"),
        check_row(2, "市场科", "三级", "未完成"),
    ]
    result = admin.importer.import_workbook(workbook(tmp_path / "查账.xlsx", rows))
    assert result.counts[SHEET].added == 3
    assert [r.standing for r in admin.checks.due_list(Q2).rows] == [
        DONE,
        PARTIAL,
        CheckStatus.MISSED,
    ]


# --- 2: drafts are not exported, and an imported row confirms one --------------------------


def _drafts_in_q2(clerk: Workspace) -> None:
    """一级 Q1 checks of task 1 for both departments, copied forward as Q2 drafts."""
    record(clerk, Q1, [(1, "综合科", LEAD, DONE), (1, "市场科", LEAD, PARTIAL)])
    held = leases(clerk)
    try:
        assert clerk.checks.copy_forward(Q2, held) == 2
    finally:
        for lease in held:
            clerk.leases.release(lease)


def test_the_export_leaves_drafts_out(clerk: Workspace, tmp_path: Path) -> None:
    _drafts_in_q2(clerk)
    exported = tmp_path / "导出.xlsx"
    clerk.exporter.export_workbook(exported)
    periods = [(row[1], row[2], row[3]) for row in sheet_rows(exported)]
    assert periods == [(1, "综合科", "2026Q1"), (1, "市场科", "2026Q1")]


def test_an_imported_row_confirms_the_draft_it_meets(clerk: Workspace, tmp_path: Path) -> None:
    _drafts_in_q2(clerk)
    # The same values as the 综合科 draft: still a change, the draft now stands.
    result = clerk.importer.import_workbook(workbook(tmp_path / "确认.xlsx", [check_row()]))
    assert (result.counts[SHEET].updated, result.counts[SHEET].unchanged) == (1, 0)
    assert stored(clerk) == [
        (1, "市场科", "2026Q1", "lead", "partial", False),
        (1, "市场科", "2026Q2", "lead", "partial", True),
        (1, "综合科", "2026Q1", "lead", "done", False),
        (1, "综合科", "2026Q2", "lead", "done", False),
    ]
    assert [r.standing for r in clerk.checks.due_list(Q2).rows] == [DONE, None, None]
