"""督办单 and 整改 in the exchange workbook (issue 13): import (new and updated rows,
every refusal named by sheet, row and column), the year's counter, the deduction's
加减分 row, closing by verification, and export → import → export."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select
from tests.factories import ADMIN, PASSWORD, fingerprint, sign_in, source_of
from tests.services.on_backend import new_bureau

from kaohe_desktop.domain.enums import CheckStatus, NoticeColor, TaskCategory
from kaohe_desktop.domain.exchange_schema import SHEETS_BY_NAME
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.records import (
    CheckRecord,
    DepartmentRecord,
    ExchangeBook,
    TaskRecord,
)
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.reports.excel_template import write_template
from kaohe_desktop.services.checks.counters import last_serial
from kaohe_desktop.services.checks.views import NoticeDraft, RectificationDraft
from kaohe_desktop.services.errors import InputError, PeriodClosedError
from kaohe_desktop.services.exchange.importing import ImportResult
from kaohe_desktop.services.workspace import Workspace, create_workspace
from kaohe_desktop.storage.models import AdjustmentRow, AuditRow, CheckRow, DepartmentRow, TaskRow

YEAR = 2026
ENFORCEMENT, GENERAL, OFFICE = "执法一队", "综合科", "办公室"
BUREAU = ExchangeBook(
    departments=[
        DepartmentRecord(OFFICE),
        DepartmentRecord(ENFORCEMENT),
        DepartmentRecord(GENERAL),
    ],
    tasks=[
        TaskRecord(
            YEAR,
            3,
            "食品抽检",
            TaskCategory.ROUTINE,
            OFFICE,
            (ENFORCEMENT, GENERAL),
            "每季度",
            Decimal(10),
        ),
        TaskRecord(
            YEAR, 7, "投诉处理", TaskCategory.ROUTINE, GENERAL, (ENFORCEMENT,), "6月", Decimal(5)
        ),
    ],
    checks=[CheckRecord(YEAR, 3, ENFORCEMENT, "2026Q2", CheckStatus.PARTIAL, "完成 60%")],
)
FIRST = "督办〔2026〕第1号"
SECOND = "督办〔2026〕第2号"


def notice_row(number: str = FIRST, **cells: object) -> dict[str, object]:
    row: dict[str, object] = {
        "编号": number,
        "颜色": "黄",
        "科室": ENFORCEMENT,
        "年度": YEAR,
        "序号": "3、7",
        "期间": "2026Q2",
        "问题": "食品抽检二季度部分完成",
        "整改时限": date(2026, 7, 31),
        "扣分": 2.5,
        "下达日期": date(2026, 7, 10),
    }
    row.update(cells)
    return row


def rectification_row(number: str = FIRST, **cells: object) -> dict[str, object]:
    row: dict[str, object] = {
        "督办单编号": number,
        "整改目标": "三季度完成全部抽检",
        "整改事项": "补齐未检批次",
        "整改措施": "增派人手",
    }
    row.update(cells)
    return row


def workbook(path: Path, **sheets: list[dict[str, object]]) -> Path:
    """A workbook as a clerk fills it in: each sheet's headers, then its rows from row 2."""
    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        headers = SHEETS_BY_NAME[name].headers
        sheet.append(headers)
        for row in rows:
            sheet.append([row.get(header) for header in headers])
    book.save(path)
    return path


def load(ws: Workspace, path: Path, **sheets: list[dict[str, object]]) -> ImportResult:
    return ws.importer.import_workbook(workbook(path, **sheets))


@pytest.fixture
def ws(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Workspace]:
    workspace = new_bureau(backend, tmp_path, request)("甲.kaohe")
    workspace.importer.apply(BUREAU)
    yield workspace
    workspace.close()


def ids(ws: Workspace) -> tuple[dict[str, int], dict[int, int]]:
    """Department ids by name and task ids by 序号."""
    with ws.opened.unit_of_work("test").read() as session:
        departments = {d.name: d.id for d in session.scalars(select(DepartmentRow))}
        tasks = {t.seq: t.id for t in session.scalars(select(TaskRow))}
    return departments, tasks


def linked_adjustments(ws: Workspace) -> list[tuple[str, str, Decimal, str | None, int | None]]:
    with ws.opened.unit_of_work("test").read() as session:
        rows = session.scalars(select(AdjustmentRow).order_by(AdjustmentRow.id))
        return [(a.half, a.category, a.points, a.doc_no, a.notice_id) for a in rows]


def audit_count(ws: Workspace) -> int:
    with ws.opened.unit_of_work("test").read() as session:
        return session.scalar(select(func.count()).select_from(AuditRow)) or 0


def refusals(ws: Workspace, path: Path) -> set[tuple[str, int | None, str | None]]:
    with pytest.raises(InputError) as refusal:
        ws.importer.import_workbook(path)
    return {(e.sheet, e.row, e.column) for e in refusal.value.errors}


def test_new_notices_with_tasks_deduction_and_rectification(ws: Workspace, tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "督办.xlsx",
        督办单=[
            notice_row(),
            notice_row(SECOND, 颜色="蓝", 科室=GENERAL, 年度=None, 序号=None, 期间=None, 扣分=None),
        ],
        整改=[rectification_row()],
    )
    result = ws.importer.import_workbook(path)
    assert (result.counts["督办单"].added, result.counts["整改"].added) == (2, 1)

    first = ws.notices.notice("督办[2026]第1号")
    assert (first.color, first.department, first.period) == (
        NoticeColor.YELLOW,
        ENFORCEMENT,
        "2026Q2",
    )
    assert [t.seq for t in first.tasks] == [3, 7]
    # 序号 3 is linked to its 2026Q2 check of 执法一队; 序号 7 has none recorded.
    with ws.opened.unit_of_work("test").read() as session:
        check_id = session.scalars(select(CheckRow.id)).one()
    assert [t.check_id for t in first.tasks] == [check_id, None]
    assert first.deduction == Decimal("2.5") and first.issued_by == ADMIN.username
    assert first.rectification is not None and first.rectification.target == "三季度完成全部抽检"
    assert first.rectification.deadline == date(2026, 7, 31)  # the notice's, left blank
    assert not first.closed and not first.rectification.verified

    by_hand = ws.notices.notice(SECOND)
    assert by_hand.tasks == () and by_hand.period == "2026Q3"  # 下达日期 2026-07-10's quarter
    assert by_hand.deduction is None
    # The deduction is the half's 业务工作 加减分, with the number as 依据文号.
    assert linked_adjustments(ws) == [("2026H1", "business", Decimal("-2.5"), FIRST, first.id)]

    # The same workbook again changes nothing and logs nothing.
    audit_rows = audit_count(ws)
    assert ws.importer.import_workbook(path).changed == 0
    assert audit_count(ws) == audit_rows


def test_rows_update_by_number_and_the_deduction_follows(ws: Workspace, tmp_path: Path) -> None:
    load(ws, tmp_path / "一.xlsx", 督办单=[notice_row(), notice_row(SECOND)])
    first_id = ws.notices.notice(FIRST).id

    # Typed with other brackets, fewer tasks, a bigger deduction; 第2号 as it was.
    again = workbook(
        tmp_path / "二.xlsx",
        督办单=[notice_row("督办【2026】第1号", 颜色="红", 序号=3, 扣分=4), notice_row(SECOND)],
    )
    result = ws.importer.import_workbook(again)
    counts = result.counts["督办单"]
    assert (counts.added, counts.updated, counts.unchanged) == (0, 1, 1)
    first = ws.notices.notice(FIRST)
    assert first.color is NoticeColor.RED and [t.seq for t in first.tasks] == [3]
    adjustments = linked_adjustments(ws)
    assert ("2026H1", "business", Decimal(-4), FIRST, first_id) in adjustments
    assert len(adjustments) == 2  # one per notice, never a second one

    # 扣分 0 takes the deduction back; a blank 扣分 keeps it.
    load(ws, tmp_path / "三.xlsx", 督办单=[notice_row(扣分=0)])
    load(ws, tmp_path / "四.xlsx", 督办单=[notice_row(SECOND, 扣分=None)])
    assert ws.notices.notice(FIRST).deduction is None
    assert [a[3] for a in linked_adjustments(ws)] == [SECOND]
    assert load(ws, tmp_path / "五.xlsx", 督办单=[notice_row(SECOND)]).changed == 0


def test_cell_refusals_name_sheet_row_and_column(ws: Workspace, tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "错.xlsx",
        督办单=[
            notice_row(颜色="紫"),
            notice_row("督办2026第2号"),
            notice_row("督办〔2026〕第3号", 年度=None),
            notice_row("督办〔2026〕第4号", 下达日期=date(2027, 1, 5), 整改时限=date(2027, 2, 1)),
            notice_row("督办〔2026〕第5号", 扣分=120),
        ],
        整改=[rectification_row(核实人="李四")],
    )
    assert refusals(ws, path) == {
        ("督办单", 2, "颜色"),
        ("督办单", 3, "编号"),
        ("督办单", 4, "年度"),
        ("督办单", 5, "下达日期"),
        ("督办单", 6, "扣分"),
        ("整改", 2, "核实日期"),
    }
    assert ws.notices.notices() == []


def test_reference_refusals_name_sheet_row_and_column(ws: Workspace, tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "错.xlsx",
        督办单=[
            notice_row(科室="不存在的科室", 序号=None, 年度=None),
            notice_row(SECOND, 科室=GENERAL, 序号=7),  # 投诉处理 is 执法一队's alone
            notice_row("督办〔2026〕第3号", 序号=9),
            notice_row("督办〔2026〕第4号", 状态="已办结"),
            notice_row("督办〔2026〕第5号", 期间="2027Q1"),
        ],
        整改=[
            rectification_row("督办〔2026〕第9号"),
            rectification_row(SECOND, 整改事项=None),
        ],
    )
    found = refusals(ws, path)
    assert found == {
        ("督办单", 2, "科室"),
        ("督办单", 3, "序号"),
        ("督办单", 4, "序号"),
        ("督办单", 5, "状态"),
        ("督办单", 6, "期间"),
        ("整改", 2, "督办单编号"),
        ("整改", 3, "整改事项"),
    }
    assert ws.notices.notices() == [] and linked_adjustments(ws) == []


def test_closed_follows_verification_and_a_closed_notice_stays(
    ws: Workspace, tmp_path: Path
) -> None:
    verified = rectification_row(整改结果="已补检", 核实人="李四", 核实日期=date(2026, 8, 20))
    # 整改中 beside a verification contradicts it.
    wrong = workbook(tmp_path / "一.xlsx", 督办单=[notice_row(状态="整改中")], 整改=[verified])
    assert refusals(ws, wrong) == {("督办单", 2, "状态")}
    # A verification without a result is not one.
    bare = workbook(
        tmp_path / "二.xlsx", 督办单=[notice_row()], 整改=[{**verified, "整改结果": None}]
    )
    assert refusals(ws, bare) == {("整改", 2, "整改结果")}

    path = workbook(tmp_path / "三.xlsx", 督办单=[notice_row(状态="已办结")], 整改=[verified])
    ws.importer.import_workbook(path)
    notice = ws.notices.notice(FIRST)
    assert notice.closed and notice.rectification is not None and notice.rectification.verified
    assert notice.rectification.verified_by == "李四"
    assert ws.importer.import_workbook(path).changed == 0

    changed = workbook(
        tmp_path / "四.xlsx", 督办单=[notice_row(问题="改过的问题")], 整改=[verified]
    )
    assert refusals(ws, changed) == {("督办单", 2, "问题")}


def test_a_stored_verification_lets_a_notice_close(ws: Workspace, tmp_path: Path) -> None:
    """状态 blank: the notice closes when the 整改 sheet verifies it."""
    load(ws, tmp_path / "一.xlsx", 督办单=[notice_row()], 整改=[rectification_row()])
    assert not ws.notices.notice(FIRST).closed
    verify = rectification_row(整改结果="已补检", 核实人="李四", 核实日期=date(2026, 8, 20))
    result = load(ws, tmp_path / "二.xlsx", 整改=[verify])
    assert result.counts["整改"].updated == 1
    assert ws.notices.notice(FIRST).closed
    # Now 已办结 may be stated without the 整改 sheet.
    assert load(ws, tmp_path / "三.xlsx", 督办单=[notice_row(状态="已办结")]).changed == 0


def test_imported_serials_are_never_issued_again(ws: Workspace, tmp_path: Path) -> None:
    seventh = "督办〔2026〕第7号"
    load(ws, tmp_path / "一.xlsx", 督办单=[notice_row(seventh)])
    with ws.opened.unit_of_work("test").read() as session:
        assert last_serial(session, "notice", YEAR) == 7
    departments, tasks = ids(ws)
    draft = NoticeDraft(
        color=NoticeColor.BLUE,
        department_id=departments[ENFORCEMENT],
        period=Quarter(YEAR, 3),
        task_ids=(tasks[3],),
        content="请按时完成三季度抽检",
        deadline=date(2026, 9, 30),
        issued_on=date(2026, 8, 1),
    )
    issued = ws.notices.issue(draft)
    assert issued.number == "督办〔2026〕第8号"
    # A number given and withdrawn is not brought back by an import either.
    ws.notices.withdraw(issued.id, issued.version, "下达错误")
    path = workbook(tmp_path / "二.xlsx", 督办单=[notice_row("督办〔2026〕第8号")])
    assert refusals(ws, path) == {("督办单", 2, "编号")}


def test_a_notice_deduction_is_not_written_again_in_adjustments(
    ws: Workspace, tmp_path: Path
) -> None:
    twice = {
        "期间": "2026H1", "科室": ENFORCEMENT, "类别": "业务工作", "分值": -2.5,
        "事由": "督办单扣分", "依据文号": "督办(2026)第1号",
    }  # fmt: skip
    path = workbook(tmp_path / "一.xlsx", 督办单=[notice_row()], 加减分=[twice])
    assert refusals(ws, path) == {("加减分", 2, "依据文号")}


def attach_a_file(ws: Workspace, tmp_path: Path) -> None:
    departments, _tasks = ids(ws)
    with ws.opened.unit_of_work("test").read() as session:
        check_id = session.scalars(select(CheckRow.id)).one()
    lease = ws.checks.acquire_lease(Quarter(YEAR, 2), departments[ENFORCEMENT])
    scan = tmp_path / "抽检报告.pdf"
    scan.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    ws.evidence.attach(check_id, scan, None, [lease])
    ws.leases.release(lease)


def issue_on_screen(ws: Workspace) -> str:
    """A notice issued and rectified through the notice service; returns its number."""
    departments, tasks = ids(ws)
    draft = NoticeDraft(
        color=NoticeColor.RED,
        department_id=departments[ENFORCEMENT],
        period=Quarter(YEAR, 2),
        task_ids=(tasks[7],),
        content="投诉处理未按期办结",
        deadline=date(2026, 9, 15),
        issued_on=date(2026, 8, 1),
        deduction=Decimal("1.25"),
    )
    notice = ws.notices.issue(draft)
    plan = RectificationDraft("按期办结", "逐件核查", date(2026, 9, 10), "专人跟踪", "已全部办结")
    ws.notices.set_rectification(notice.id, plan, None)
    return notice.number


def sheet_rows(path: Path, name: str) -> list[tuple[object, ...]]:
    """The sheet's rows, without the empty cells at their ends (a sheet is as wide as
    its widest row, so an empty last column is read back one way or the other)."""
    book = openpyxl.load_workbook(path, read_only=True)
    return [trimmed(row) for row in book[name].iter_rows(values_only=True)]


def trimmed(row: tuple[object, ...]) -> tuple[object, ...]:
    cells = list(row)
    while cells and cells[-1] is None:
        cells.pop()
    return tuple(cells)


def test_export_import_export_gives_the_same_rows(ws: Workspace, tmp_path: Path) -> None:
    verified = rectification_row(整改结果="已补检", 核实人="李四", 核实日期=date(2026, 8, 20))
    load(
        ws,
        tmp_path / "入.xlsx",
        督办单=[notice_row(状态="已办结"), notice_row(SECOND, 科室=GENERAL, 序号=3, 扣分=None)],
        整改=[verified, rectification_row(SECOND)],
    )
    attach_a_file(ws, tmp_path)
    issued = issue_on_screen(ws)
    exported = tmp_path / "出.xlsx"
    ws.exporter.export_workbook(exported)

    notices = sheet_rows(exported, "督办单")
    assert notices[1] == (
        FIRST, "黄", ENFORCEMENT, YEAR, "3、7", "2026Q2", "食品抽检二季度部分完成",
        *_dates("2026-07-31"), 2.5, *_dates("2026-07-10"), "已办结",
    )  # fmt: skip
    assert notices[2][4] == 3 and notices[2][8] is None and notices[2][10] == "整改中"
    assert [row[0] for row in sheet_rows(exported, "整改")[1:]] == [FIRST, SECOND, issued]
    # The deduction goes with its notice, not as a 加减分 row of its own.
    assert sheet_rows(exported, "加减分")[1:] == []
    checks = sheet_rows(exported, "查账")
    assert checks[1][checks[0].index("佐证附件")] == "抽检报告.pdf"

    target = create_workspace(tmp_path / "乙.kaohe", admin=ADMIN, bureau_name="测试局")
    target.importer.import_workbook(exported)  # 佐证附件 is ignored: the files are not in it
    again = tmp_path / "再出.xlsx"
    target.exporter.export_workbook(again)
    names = openpyxl.load_workbook(exported, read_only=True).sheetnames
    for name in names:
        if name != "查账":
            assert sheet_rows(again, name) == sheet_rows(exported, name), name
    attached = checks[0].index("佐证附件")
    reread = sheet_rows(again, "查账")
    assert reread[0] == checks[0]  # the header
    assert reread[1:] == [trimmed(row[:attached]) for row in checks[1:]]  # no file names
    assert target.notices.notice(FIRST).closed
    assert [a[2:4] for a in linked_adjustments(target)] == [
        (Decimal("-2.5"), FIRST),
        (Decimal("-1.25"), issued),
    ]
    assert target.importer.import_workbook(again).changed == 0
    target.close()


def _dates(*texts: str) -> list[object]:
    """Date cells as openpyxl reads them back."""
    return [datetime.fromisoformat(text) for text in texts]


def test_the_template_has_both_sheets(tmp_path: Path) -> None:
    path = tmp_path / "模板.xlsx"
    write_template(path)
    book = openpyxl.load_workbook(path)
    for name in ("督办单", "整改"):
        assert [c.value for c in book[name][1]] == SHEETS_BY_NAME[name].headers
    lists = [v.formula1 for v in book["督办单"].data_validations.dataValidation]
    assert '"红,黄,蓝"' in lists and '"整改中,已办结"' in lists


def test_a_notice_of_a_closed_period_is_refused(ws: Workspace, tmp_path: Path) -> None:
    ws.periods.close("2026Q2", "二季度结账")
    before = fingerprint(source_of(ws))
    with pytest.raises(PeriodClosedError):
        load(ws, tmp_path / "一.xlsx", 督办单=[notice_row()])
    assert fingerprint(source_of(ws)) == before
    # The same notice in the open third quarter goes in.
    assert load(ws, tmp_path / "二.xlsx", 督办单=[notice_row(期间="2026Q3")]).changed == 1


def test_only_a_reviewer_or_administrator_verifies_through_an_import(
    ws: Workspace, tmp_path: Path
) -> None:
    ws.accounts.add_account("clerk", "录入员甲", Role.CLERK, PASSWORD)
    clerk = sign_in(source_of(ws), Role.CLERK)
    verified = rectification_row(整改结果="已补检", 核实人="李四", 核实日期=date(2026, 8, 20))
    path = workbook(tmp_path / "一.xlsx", 督办单=[notice_row()], 整改=[verified])
    assert refusals(clerk, path) == {("整改", 2, "核实人")}
    # The administrator verifies; the clerk may then import the same rows unchanged.
    assert ws.importer.import_workbook(path).changed == 2
    assert clerk.importer.import_workbook(path).changed == 0
    clerk.close()
