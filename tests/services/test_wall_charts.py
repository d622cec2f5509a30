"""WallChartService: what each department's chart holds, and writing it all or nothing.

The demo bureau (2026) is generated once for the module and only read; every write
goes to the test's own folder."""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.orm import Session
from tests.factories import DEMO, MasterFiles, new_workspace, sign_in
from tests.services.on_backend import BACKENDS, master_on

from kaohe_desktop.domain.enums import CheckLevel, CheckStatus, TaskCategory
from kaohe_desktop.domain.ledger_rules import format_points as points_text
from kaohe_desktop.domain.records import CheckRecord, DepartmentRecord, ExchangeBook, TaskRecord
from kaohe_desktop.reports import pdf_wall_chart
from kaohe_desktop.reports.wall_chart_content import Paper, WallChartRow
from kaohe_desktop.services.errors import Cancelled, InputError
from kaohe_desktop.services.ledger.views import TaskView
from kaohe_desktop.services.ledger.wall_charts import chart_file_name
from kaohe_desktop.services.progress import Progress, ProgressReporter
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.storage.models import CheckRow, DepartmentRow, TaskRow

YEAR = 2026
PRINTED = date(2026, 7, 1)
_RANK = {CheckLevel.LEAD: 1, CheckLevel.SUPERVISION: 2, CheckLevel.LEADERSHIP: 3}


@pytest.fixture(scope="module", params=BACKENDS)
def demo(
    request: pytest.FixtureRequest,
    master_files: MasterFiles,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Workspace]:
    """The demo bureau, on a data file and on a PostgreSQL server."""
    path = master_on(request, master_files, DEMO, tmp_path_factory.mktemp("wall-charts"))
    workspace = sign_in(path, daily_backup=False)
    yield workspace
    workspace.close()


@pytest.fixture(scope="module")
def tasks(demo: Workspace) -> list[TaskView]:
    return demo.ledger.tasks(YEAR)


@pytest.fixture(scope="module")
def checks(demo: Workspace) -> list[CheckRecord]:
    return [c for c in demo.exporter.book().checks if c.year == YEAR]


def _rows(demo: Workspace, department: str, *, blank: bool = False) -> dict[int, WallChartRow]:
    book = demo.wall_charts.build(YEAR, department=department, blank=blank)
    (chart,) = book.charts
    return {row.seq: row for row in chart.rows}


def _pdf_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_each_chart_holds_every_task_the_department_leads_or_shares_and_no_other(
    demo: Workspace, tasks: list[TaskView]
) -> None:
    book = demo.wall_charts.build(YEAR)
    bureau_order = [d.name for d in demo.departments.listing()]
    names = [chart.department for chart in book.charts]
    assert names == demo.wall_charts.departments(YEAR)
    assert names == [n for n in bureau_order if n in names]  # bureau order
    assert len(names) == 9
    leads_only = 0
    for chart in book.charts:
        expected = [
            t.seq
            for t in tasks
            if t.lead_department == chart.department
            or chart.department in t.responsible_departments
        ]
        assert [row.seq for row in chart.rows] == expected, chart.department  # 序号 order
        leads_only += sum(
            1
            for t in tasks
            if t.lead_department == chart.department
            and chart.department not in t.responsible_departments
        )
    assert leads_only > 0  # the demo has leads that are not responsible: they are included


def test_rows_copy_the_task_and_print_points_without_trailing_zeros(
    demo: Workspace, tasks: list[TaskView]
) -> None:
    task = next(t for t in tasks if t.category is TaskCategory.KEY and t.note)
    row = _rows(demo, task.lead_department)[task.seq]
    assert (row.title, row.lead_department, row.deadline) == (
        task.title,
        task.lead_department,
        task.deadline,
    )
    assert row.key and row.category == "重点工作"
    assert row.note == task.note
    assert row.points == points_text(task.points)
    assert points_text(task.points) in {"10", "15", "20", "30"}
    assert [points_text(Decimal(v)) for v in ("10", "10.00", "2.50", "0.25")] == [
        "10",
        "10",
        "2.5",
        "0.25",
    ]
    book = demo.wall_charts.build(YEAR, department=task.lead_department, printed_on=PRINTED)
    assert book.bureau == "夏津县食品药品监督管理局"
    assert book.printed_on == PRINTED and book.paper is Paper.A3 and not book.blank
    assert demo.wall_charts.build(YEAR).printed_on == date.today()


def test_blank_mode_leaves_the_right_side_empty_but_keeps_the_note(
    demo: Workspace, tasks: list[TaskView]
) -> None:
    task = next(t for t in tasks if t.note)
    filled = _rows(demo, task.lead_department)
    blank = _rows(demo, task.lead_department, blank=True)
    assert filled.keys() == blank.keys()
    assert all(row.quarters == ("", "", "", "") and row.checker == "" for row in blank.values())
    assert any(any(row.quarters) for row in filled.values())
    assert any(row.checker for row in filled.values())
    assert blank[task.seq].note == filled[task.seq].note == task.note


def _standing(checks: list[CheckRecord]) -> dict[tuple[int, str, str], list[CheckRecord]]:
    """(序号, 科室, 期间) → its checks, highest level first."""
    groups: dict[tuple[int, str, str], list[CheckRecord]] = defaultdict(list)
    for check in checks:
        groups[(check.seq, check.department, check.period)].append(check)
    for group in groups.values():
        group.sort(key=lambda c: -_RANK[c.level])
    return groups


def _text(check: CheckRecord) -> str:
    return f"{check.status.label}：{check.actual}" if check.actual else check.status.label


def test_filled_mode_shows_the_highest_level_of_each_period(
    demo: Workspace, checks: list[CheckRecord]
) -> None:
    groups = _standing(checks)
    several = [
        (key, group)
        for key, group in groups.items()
        if len(group) > 1 and group[0].actual != group[-1].actual
    ]
    assert several, "the demo has periods checked at two levels"
    for (seq, department, period), group in several[:6]:
        row = _rows(demo, department)[seq]
        quarter = _quarter(period)
        text = row.quarters[quarter - 1]
        assert _text(group[0]) in text, (seq, department, period)
        assert _text(group[-1]) not in text, (seq, department, period)
        assert group[0].checker and group[0].checker in row.checker


def _quarter(period: str) -> int:
    return int(period[-1]) if "Q" in period else (int(period[-2:]) - 1) // 3 + 1


def test_key_tasks_show_one_line_per_month_in_their_quarter(
    demo: Workspace, checks: list[CheckRecord], tasks: list[TaskView]
) -> None:
    groups = _standing(checks)
    task = next(
        t
        for t in tasks
        if t.category is TaskCategory.KEY and t.lead_department in t.responsible_departments
    )
    row = _rows(demo, task.lead_department)[task.seq]
    months = sorted(
        (period, group[0])
        for (seq, department, period), group in groups.items()
        if seq == task.seq and department == task.lead_department
    )
    assert months and all("-" in period for period, _ in months)
    for quarter in range(1, 5):
        expected = [
            f"{int(period[-2:])}月 {_text(check)}"
            for period, check in months
            if _quarter(period) == quarter
        ]
        assert row.quarters[quarter - 1] == "\n".join(expected)


def test_a_lead_that_is_not_responsible_sees_the_responsible_departments_checks(
    demo: Workspace, tasks: list[TaskView], checks: list[CheckRecord]
) -> None:
    task = next(
        t
        for t in tasks
        if t.lead_department not in t.responsible_departments
        and any(c.seq == t.seq for c in checks)
    )
    row = _rows(demo, task.lead_department)[task.seq]
    shown = "\n".join(row.quarters)
    checked = {c.department for c in checks if c.seq == task.seq}
    for department in checked:
        assert f"【{department}】" in shown
    # A responsible department sees its own checks, unprefixed.
    own = _rows(demo, task.responsible_departments[0])[task.seq]
    assert "【" not in "\n".join(own.quarters)


def test_unknown_department_or_empty_year_is_refused_and_nothing_written(
    demo: Workspace, tmp_path: Path
) -> None:
    with pytest.raises(InputError, match="没有名为“不存在科”的科室"):
        demo.wall_charts.write(YEAR, tmp_path / "x.pdf", department="不存在科")
    with pytest.raises(InputError, match="2024年度没有台账任务"):
        demo.wall_charts.write(2024, tmp_path / "x.pdf")
    with pytest.raises(InputError, match="不存在"):
        demo.wall_charts.write(YEAR, tmp_path / "无此文件夹" / "x.pdf")
    assert _pdf_files(tmp_path) == []
    assert demo.wall_charts.departments(2024) == []


def test_one_file_holds_every_department(demo: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "全部.pdf"
    written = demo.wall_charts.write(YEAR, target, blank=True, paper=Paper.A4)
    assert written == [target]
    reader = PdfReader(target)
    text = "".join(page.extract_text() for page in reader.pages)
    for department in demo.wall_charts.departments(YEAR):
        assert f"2026年度 {department} 岗位目标责任台账" in text
    assert len(reader.outline) == 9
    assert _pdf_files(tmp_path) == ["全部.pdf"]  # no partial left behind


def test_per_department_writes_one_named_file_each(demo: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "墙上台账"  # created when missing
    written = demo.wall_charts.write(YEAR, folder, blank=True, per_department=True)
    departments = demo.wall_charts.departments(YEAR)
    assert [p.name for p in written] == [chart_file_name(YEAR, d) for d in departments]
    assert _pdf_files(folder) == sorted(chart_file_name(YEAR, d) for d in departments)
    first = PdfReader(written[0]).pages[0].extract_text()
    assert f"2026年度 {departments[0]} 岗位目标责任台账" in first
    assert departments[1] not in first.split("岗位目标责任台账")[0]


def test_file_names_are_safe_on_windows() -> None:
    assert chart_file_name(2026, "综合/法规:科?") == "2026年度 综合_法规_科_ 岗位目标责任台账.pdf"


def _cancel_after_first_chart() -> ProgressReporter:
    """A clerk pressing Cancel once the first chart is done."""
    event = threading.Event()

    def seen(report: Progress) -> None:
        if report.message.startswith("正在生成") and report.done >= 1:
            event.set()  # the next report raises Cancelled, in the middle of the work

    return ProgressReporter(seen, event)


def test_a_cancelled_write_leaves_no_file_and_no_partial(demo: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "按科室"
    with pytest.raises(Cancelled):
        demo.wall_charts.write(
            YEAR,
            folder,
            per_department=True,
            blank=True,
            progress=_cancel_after_first_chart(),
        )
    assert _pdf_files(folder) == []
    already = ProgressReporter()
    already.cancel()
    with pytest.raises(Cancelled):
        demo.wall_charts.write(YEAR, tmp_path / "x.pdf", progress=already)
    assert _pdf_files(tmp_path) == ["按科室"]


def test_an_existing_target_is_untouched_when_the_write_fails(
    demo: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "台账.pdf"
    target.write_bytes(b"the clerk's earlier chart")
    with pytest.raises(Cancelled):
        demo.wall_charts.write(YEAR, target, blank=True, progress=_cancel_after_first_chart())
    assert target.read_bytes() == b"the clerk's earlier chart"

    def broken(book: object, out: Path, font: object, **_options: object) -> int:
        Path(out).write_bytes(b"%PDF-1.4 half")
        raise OSError("磁盘已满")

    monkeypatch.setattr(pdf_wall_chart, "write_wall_charts", broken)
    with pytest.raises(OSError, match="磁盘已满"):
        demo.wall_charts.write(YEAR, target, department="稽查大队")
    assert target.read_bytes() == b"the clerk's earlier chart"
    assert _pdf_files(tmp_path) == ["台账.pdf"]


# ---- the printed book: numbering per department, 续表, the months of key tasks ----------


@pytest.fixture(scope="module")
def bureau_run(demo: Workspace, tmp_path_factory: pytest.TempPathFactory) -> PdfReader:
    """The whole bureau's filled charts in one file, as the office prints them."""
    target = tmp_path_factory.mktemp("bureau-run") / "全局.pdf"
    demo.wall_charts.write(YEAR, target, printed_on=PRINTED)
    return PdfReader(target)


def _department_pages(reader: PdfReader) -> list[tuple[str, list[str]]]:
    """(department, the text of each of its pages) from the bookmarks, spaces removed."""
    starts = [reader.get_destination_page_number(item) for item in reader.outline]
    ends = [*starts[1:], len(reader.pages)]
    texts = ["".join(page.extract_text().split()) for page in reader.pages]
    return [
        (str(item.title), texts[first:end])
        for item, first, end in zip(reader.outline, starts, ends, strict=True)
    ]


def test_a_bureau_run_numbers_each_departments_pages_from_one(
    demo: Workspace, bureau_run: PdfReader
) -> None:
    sections = _department_pages(bureau_run)
    assert [name for name, _ in sections] == demo.wall_charts.departments(YEAR)
    assert any(len(pages) > 1 for _, pages in sections)  # else nothing would restart
    for name, pages in sections:
        for number, text in enumerate(pages, start=1):
            assert f"第{number}页共{len(pages)}页" in text, (name, number)
            assert "打印日期：2026年7月1日" in text
    assert f"共{len(bureau_run.pages)}页" not in "".join(t for _, p in sections for t in p)


def test_continuation_sheets_are_marked_after_the_title(bureau_run: PdfReader) -> None:
    for name, pages in _department_pages(bureau_run):
        title = f"2026年度{name}岗位目标责任台账"
        assert f"{title}（续表）" not in pages[0] and title in pages[0]
        for text in pages[1:]:
            assert f"{title}（续表）" in text, name
            assert "序号工作任务目标要求" in text  # the header row repeated


def _labels_per_page(reader: PdfReader) -> list[list[str]]:
    """Every separately drawn text of each page (a month label is one)."""
    found: list[list[str]] = []
    for page in reader.pages:
        texts: list[str] = []
        page.extract_text(visitor_text=lambda text, *_, into=texts: into.append(text.strip()))
        found.append(texts)
    return found


def test_blank_key_task_cells_carry_a_line_per_month(
    demo: Workspace, tasks: list[TaskView], tmp_path: Path
) -> None:
    def mine(department: str) -> list[TaskView]:
        return [
            t
            for t in tasks
            if t.lead_department == department or department in t.responsible_departments
        ]

    department = max(
        demo.wall_charts.departments(YEAR),
        key=lambda d: sum(t.category is TaskCategory.KEY for t in mine(d)),
    )
    key_tasks = sum(t.category is TaskCategory.KEY for t in mine(department))
    assert 0 < key_tasks < len(mine(department))  # routine tasks get no month lines
    target = tmp_path / "空白.pdf"
    demo.wall_charts.write(YEAR, target, department=department, blank=True)
    labels = [text for page in _labels_per_page(PdfReader(target)) for text in page]
    for month in range(1, 13):
        assert labels.count(f"{month}月") == key_tasks, month


# ---- which check the filled chart prints ------------------------------------------------


def _small_bureau(folder: Path) -> Workspace:
    """One routine task of 质量科, checked in 2026Q1 at 一级 (未完成) and 二级 (已完成)."""
    workspace = new_workspace(folder)
    book = ExchangeBook(
        departments=[DepartmentRecord("质量科")],
        tasks=[
            TaskRecord(
                YEAR,
                1,
                "食品抽检",
                TaskCategory.ROUTINE,
                "质量科",
                ("质量科",),
                "每季度",
                Decimal(10),
            )
        ],
        checks=[
            CheckRecord(
                YEAR,
                1,
                "质量科",
                "2026Q1",
                CheckStatus.MISSED,
                "仅抽检3批次",
                level=CheckLevel.LEAD,
                checker="张科长",
                check_date=date(2026, 4, 2),
            ),
            CheckRecord(
                YEAR,
                1,
                "质量科",
                "2026Q1",
                CheckStatus.DONE,
                "补报抽检12批次，核对属实",
                level=CheckLevel.SUPERVISION,
                checker="李督查",
                check_date=date(2026, 4, 8),
            ),
        ],
    )
    workspace.importer.apply(book)
    return workspace


def _add_draft(workspace: Workspace, period: str, level: CheckLevel, status: CheckStatus) -> None:
    """A check copied forward and not yet confirmed (the 查账 page's draft)."""

    def work(session: Session) -> None:
        task = session.scalars(select(TaskRow)).one()
        department = session.scalars(select(DepartmentRow)).one()
        session.add(
            CheckRow(task_id=task.id, department_id=department.id, period=period,
                     status=status.value, actual="草稿内容", level=level.value,
                     checker="王草稿", draft=True)
        )  # fmt: skip

    workspace._uow.write(work)


def test_filled_chart_prints_the_standing_check_and_never_a_draft(tmp_path: Path) -> None:
    workspace = _small_bureau(tmp_path)
    try:
        _add_draft(workspace, "2026Q1", CheckLevel.LEADERSHIP, CheckStatus.MISSED)
        _add_draft(workspace, "2026Q2", CheckLevel.LEAD, CheckStatus.PARTIAL)
        (chart,) = workspace.wall_charts.build(YEAR).charts
        (row,) = chart.rows
        # 二级 stands over 一级; the 三级 draft does not stand, nor does Q2's only draft.
        assert row.quarters == ("已完成：补报抽检12批次，核对属实", "", "", "")
        assert row.checker == "李督查"
        blank = workspace.wall_charts.build(YEAR, blank=True).charts[0].rows[0]
        assert blank.quarters == ("", "", "", "") and blank.checker == ""
        # The 台账 list reads the checks the same way: one pair recorded, and it is done.
        (task,) = workspace.ledger.tasks(YEAR)
        assert task.checks_recorded == 1 and task.worst_status is CheckStatus.DONE
    finally:
        workspace.close()
