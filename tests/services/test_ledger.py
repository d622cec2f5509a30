"""services/ledger: the 台账 tab's use cases on the demo bureau (year 2026, 51 tasks,
every one already checked) — adding with every problem named and nothing written,
deleting (refused while checks or notices refer to the task, or when the task moved
on) and re-adding what a delete returned, copying forward (renumbered, kept, clashing,
deadlines shifted, retired departments refused), and the 台账 sheet exported and
imported back. One demo file for the module: the tests that change departments or
read the whole file work on their own copy, the others share one workspace and each
writes only into a year of its own."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from tests.factories import DEMO, CopyMaster, MasterFiles, sign_in

from kaohe_desktop.domain.enums import TaskCategory
from kaohe_desktop.domain.ledger_rules import TASK_FIELDS
from kaohe_desktop.domain.records import CellError
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.access.audit_log import AuditFilter
from kaohe_desktop.services.errors import InputError, TaskInputError
from kaohe_desktop.services.ledger.views import TaskView
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.storage.models import AuditRow, CheckRow, NoticeRow, NoticeTaskRow, TaskRow

YEAR = 2026  # the demo bureau's year


@pytest.fixture(scope="module")
def office(
    master_files: MasterFiles, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Workspace]:
    """Shared: a test writes only into a year no other test uses (2026 stays as made)."""
    folder = tmp_path_factory.mktemp("ledger-office")
    workspace = sign_in(master_files.copy(DEMO, folder), Role.ADMIN, daily_backup=False)
    yield workspace
    workspace.close()


@pytest.fixture
def fresh(copy_master: CopyMaster) -> Iterator[Workspace]:
    """A private copy of the demo bureau, for a test that changes departments."""
    workspace = sign_in(copy_master(DEMO), Role.ADMIN, daily_backup=False)
    yield workspace
    workspace.close()


def _values(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "seq": 60,
        "title": "开展校园周边食品安全专项整治",
        "target": "覆盖全县中小学校园周边食品经营者",
        "category": "重点工作",
        "lead_department": "办公室",
        "responsible": "稽查大队、城区监管所",
        "deadline": "5-6月",
        "points": "12.5",
        "source": "县委县政府重点工作",
        "note": None,
    }
    return {**values, **changes}


def _counts(ws: Workspace) -> tuple[int, int]:
    """Tasks and audit rows in the file."""
    with ws._uow.read() as session:
        tasks = session.scalar(select(func.count()).select_from(TaskRow))
        audit = session.scalar(select(func.count()).select_from(AuditRow))
    return int(tasks or 0), int(audit or 0)


def _audited(ws: Workspace, action: str, task_id: int) -> bool:
    entries = ws.audit_log.entries(AuditFilter(entity="ledger_task"))
    return any(e.action == action and e.entity_id == str(task_id) for e in entries)


def _department_id(ws: Workspace, name: str) -> int:
    return next(d.id for d in ws.departments.listing() if d.name == name)


def _same_task(a: TaskView, b: TaskView) -> bool:
    """Equal but for the row's identity."""
    return replace(a, id=0, version=0) == replace(b, id=0, version=0)


# --- reading ------------------------------------------------------------------------------


def test_the_tab_reads_departments_years_and_numbers(fresh: Workspace) -> None:
    assert fresh.ledger.departments()[:2] == ["办公室", "政策法规科"]
    assert fresh.ledger.years() == [YEAR - 1, YEAR]  # the demo's two years
    taken = fresh.ledger.taken_seqs(YEAR)
    assert len(taken) == 51 and max(taken) == 51
    assert fresh.ledger.next_seq(YEAR) == 52
    assert fresh.ledger.next_seq(2030) == 1
    first = fresh.ledger.tasks(YEAR)[0]
    assert first.version == 1
    assert fresh.ledger.task(first.id) == first
    with pytest.raises(InputError, match="找不到"):
        fresh.ledger.task(99999)


# --- adding -------------------------------------------------------------------------------


def test_a_valid_task_is_added_and_audited(office: Workspace) -> None:
    view = office.ledger.add(2031, _values())
    assert (view.seq, view.title, view.category) == (60, _values()["title"], TaskCategory.KEY)
    assert view.lead_department == "办公室"
    assert view.responsible_departments == ("稽查大队", "城区监管所")
    assert view.points == Decimal("12.5")
    assert view.due_periods == "5月、6月"
    assert view.checks_recorded == 0 and view.version == 1
    assert view in office.ledger.tasks(2031)
    assert 60 in office.ledger.taken_seqs(2031)
    assert _audited(office, "insert", view.id)


def test_an_invalid_task_names_every_problem_and_writes_nothing(office: Workspace) -> None:
    before = _counts(office)
    bad = _values(title=" ", lead_department="食品科", responsible="", points="0", deadline="尽快")
    with pytest.raises(TaskInputError) as caught:
        office.ledger.add(YEAR, bad)
    problems = caught.value.problems
    assert [p.field for p in problems] == [
        "title",
        "lead_department",
        "responsible",
        "deadline",
        "points",
    ]
    message = str(caught.value)
    for word in ("工作任务", "牵头科室“食品科”", "至少要有一个责任科室", "完成时限", "分值"):
        assert word in message
    assert isinstance(caught.value, InputError)  # screens that catch InputError show it too
    assert _counts(office) == before


def test_a_taken_number_is_refused_with_the_owner_and_a_suggestion(office: Workspace) -> None:
    first = office.ledger.tasks(YEAR)[0]
    before = _counts(office)
    with pytest.raises(TaskInputError) as caught:
        office.ledger.add(YEAR, _values(seq=first.seq))
    (problem,) = caught.value.problems
    assert problem.field == "seq"
    assert first.title in problem.message and "建议用 52" in problem.message
    assert _counts(office) == before


def test_an_unknown_field_or_year_is_refused(office: Workspace) -> None:
    with pytest.raises(InputError, match="年度 1900"):
        office.ledger.add(1900, _values())
    with pytest.raises(InputError, match="colour"):
        office.ledger.add(YEAR, {**_values(), "colour": "红"})


# --- deleting -----------------------------------------------------------------------------


def test_delete_returns_the_values_and_re_adding_them_restores_the_task(office: Workspace) -> None:
    added = office.ledger.add(2032, _values())
    values = office.ledger.delete(added.id, added.version)
    assert set(values) == set(TASK_FIELDS)
    assert values["points"] == "12.5" and values["responsible"] == "稽查大队、城区监管所"
    assert _audited(office, "delete", added.id)
    with pytest.raises(InputError):
        office.ledger.task(added.id)
    assert added.seq not in office.ledger.taken_seqs(2032)

    restored = office.ledger.add(2032, values)  # what undo does
    assert _same_task(restored, added)
    assert _audited(office, "insert", restored.id)


def test_a_task_with_checks_cannot_be_deleted(office: Workspace) -> None:
    task = office.ledger.tasks(YEAR)[0]
    with office._uow.read() as session:
        checks = session.scalar(
            select(func.count()).select_from(CheckRow).where(CheckRow.task_id == task.id)
        )
    before = _counts(office)
    with pytest.raises(InputError, match=rf"已有 {checks} 条查账记录(、\d+ 张督办单)?，不能删除"):
        office.ledger.delete(task.id, task.version)
    assert _counts(office) == before


def test_a_task_with_a_notice_cannot_be_deleted(office: Workspace) -> None:
    task = office.ledger.add(2033, _values())

    def notice(session: Session) -> None:
        session.add(
            NoticeRow(
                number="督办〔2033〕第1号",
                year=2033,
                serial=1,
                color="yellow",
                department_id=1,
                period="2033Q2",
                issued_on=date(2033, 5, 6),
                deadline=date(2033, 5, 20),
                content="请按期完成校园周边整治",
                issued_by="admin",
                tasks=[NoticeTaskRow(task_id=task.id)],
            )
        )

    office._uow.write(notice)
    with pytest.raises(InputError, match="1 张督办单"):
        office.ledger.delete(task.id, task.version)
    assert office.ledger.task(task.id) == task


def test_a_task_changed_since_it_was_read_is_not_deleted(office: Workspace) -> None:
    task = office.ledger.add(2034, _values())
    draft = office.tasks.load(task.id).draft().with_value("note", "已调整")
    office.tasks.save(draft)
    with pytest.raises(InputError, match="已被他人修改"):
        office.ledger.delete(task.id, task.version)
    assert office.ledger.task(task.id).note == "已调整"


# --- copying forward ----------------------------------------------------------------------


def _first(office: Workspace, count: int) -> list[TaskView]:
    return office.ledger.tasks(YEAR)[:count]


def test_copy_forward_renumbers_after_the_new_years_tasks(office: Workspace) -> None:
    office.ledger.add(2035, _values(seq=1))
    old = _first(office, 3)
    copies = office.ledger.copy_forward(YEAR, 2035, [t.id for t in reversed(old)], renumber=True)
    assert [c.seq for c in copies] == [2, 3, 4]
    assert [c.title for c in copies] == [t.title for t in old]
    for copy, source in zip(copies, old, strict=True):
        assert copy.year == 2035
        assert copy.responsible_departments == source.responsible_departments
        assert copy.points == source.points and copy.deadline == source.deadline
        assert copy.checks_recorded == 0 and copy.worst_status is None  # no checks copied
    assert [t.seq for t in office.ledger.tasks(2035)] == [1, 2, 3, 4]
    assert {YEAR, 2035} <= set(office.ledger.years())
    assert len(office.ledger.tasks(YEAR)) == 51  # the old year is untouched


def test_copy_forward_keeps_numbers_or_refuses_a_clash(office: Workspace) -> None:
    old = _first(office, 3)
    ids = [t.id for t in old]
    kept = office.ledger.copy_forward(YEAR, 2036, ids[:2], renumber=False)
    assert [c.seq for c in kept] == [1, 2]

    before = _counts(office)
    with pytest.raises(InputError, match="序号 2") as caught:
        office.ledger.copy_forward(YEAR, 2036, ids[1:], renumber=False)
    assert "重新编号" in str(caught.value)
    assert _counts(office) == before  # task 3 was not copied either


def test_copy_forward_shifts_written_years_in_deadlines(office: Workspace) -> None:
    dated = office.ledger.add(2037, _values(seq=1, deadline="2037-06-30"))
    words = office.ledger.add(2037, _values(seq=2, deadline="2037年9月30日前"))
    plain = office.ledger.add(2037, _values(seq=3, deadline="6月底前"))
    copies = office.ledger.copy_forward(2037, 2038, [dated.id, words.id, plain.id], renumber=True)
    assert [c.deadline for c in copies] == ["2038-06-30", "2038年9月30日前", "6月底前"]
    assert [c.due_periods for c in copies] == ["6月", "9月", "6月"]


def test_copy_forward_refuses_tasks_of_retired_departments(fresh: Workspace) -> None:
    tasks = fresh.ledger.tasks(YEAR)
    on_branch = [t for t in tasks if "城区监管所" in t.responsible_departments]
    others = [t for t in tasks if t not in on_branch][:2]
    assert on_branch and others
    retired = fresh.departments.load(_department_id(fresh, "城区监管所")).draft()
    fresh.departments.save(retired.with_value("retired", True))

    before = _counts(fresh)
    chosen = [t.id for t in others + on_branch[:2]]
    with pytest.raises(InputError) as caught:
        fresh.ledger.copy_forward(YEAR, YEAR + 1, chosen, renumber=True)
    message = str(caught.value)
    assert "城区监管所" in message and "已撤销" in message
    for task in on_branch[:2]:
        assert f"序号 {task.seq}“{task.title}”" in message
    assert f"序号 {others[0].seq}“" not in message
    assert _counts(fresh) == before
    assert "城区监管所" not in fresh.ledger.departments()


def test_copy_forward_refuses_tasks_of_another_year(office: Workspace) -> None:
    task = _first(office, 1)[0]
    with pytest.raises(InputError, match="不属于 2025 年度"):
        office.ledger.copy_forward(2025, 2039, [task.id], renumber=True)
    assert office.ledger.copy_forward(YEAR, 2039, [], renumber=True) == []


# --- the 台账 sheet -------------------------------------------------------------------------


def test_the_exported_sheet_imports_back(office: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "台账.xlsx"
    assert office.ledger.export_ledger(YEAR, path) == 51
    assert not list(tmp_path.glob("~*"))  # the .partial was renamed
    again = office.ledger.import_ledger(path)
    assert (again.counts["台账"].unchanged, again.changed) == (51, 0)

    # A year's tasks deleted and imported back are the same tasks.
    added = [office.ledger.add(2030, _values(seq=n, title=f"任务{n}")) for n in (1, 2, 5)]
    assert office.ledger.export_ledger(2030, path) == 3
    for task in added:
        office.ledger.delete(task.id, task.version)
    trial = office.ledger.import_ledger(path, dry_run=True)
    assert trial.dry_run and trial.counts["台账"].added == 3
    assert office.ledger.tasks(2030) == []
    result = office.ledger.import_ledger(path)
    assert result.counts["台账"].added == 3
    back = office.ledger.tasks(2030)
    assert len(back) == 3
    assert all(_same_task(b, a) for a, b in zip(added, back, strict=True))


def test_a_bad_row_is_reported_by_sheet_row_and_column_and_nothing_written(
    office: Workspace, tmp_path: Path
) -> None:
    office.ledger.add(2041, _values(seq=1))
    office.ledger.add(2041, _values(seq=2))
    path = tmp_path / "台账.xlsx"
    office.ledger.export_ledger(2041, path)
    book = load_workbook(path)
    sheet = book["台账"]
    headers = [cell.value for cell in sheet[1]]
    sheet.cell(row=2, column=headers.index("工作任务") + 1, value="改过的任务")
    sheet.cell(row=3, column=headers.index("分值") + 1, value="十分")
    # A broken row in another sheet does not concern the ledger import.
    people = book["人员"]
    people.append(["P999"] + [None] * (people.max_column - 1))
    book.save(path)

    before = _counts(office)
    with pytest.raises(InputError) as caught:
        office.ledger.import_ledger(path)
    errors = caught.value.errors
    assert len(errors) == 1
    error = errors[0]
    assert isinstance(error, CellError)
    assert (error.sheet, error.row, error.column) == ("台账", 3, "分值")
    assert "台账" in str(caught.value) and "第 3 行" in str(caught.value)
    assert _counts(office) == before
    assert office.ledger.tasks(2041)[0].title == _values()["title"]


def test_a_department_renamed_follows_into_every_task(fresh: Workspace) -> None:
    department_id = _department_id(fresh, "办公室")
    before = fresh.ledger.tasks(YEAR)
    leading = [t.id for t in before if t.lead_department == "办公室"]
    responsible = [t.id for t in before if "办公室" in t.responsible_departments]
    assert leading and responsible
    draft = fresh.departments.load(department_id).draft().with_value("name", "综合办公室")
    fresh.departments.save(draft)

    after = {t.id: t for t in fresh.ledger.tasks(YEAR)}
    assert all(after[i].lead_department == "综合办公室" for i in leading)
    assert all("综合办公室" in after[i].responsible_departments for i in responsible)
    assert not any(
        "办公室" in (t.lead_department, *t.responsible_departments) for t in after.values()
    )
    assert fresh.ledger.departments()[0] == "综合办公室"
