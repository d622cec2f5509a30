"""The due lists on a small bureau whose talks and department histories are worked out
by hand (the rules: domain/talk_rules; the defaults: 党政正职 2 talks a year, others 1,
special talks within 30 days, 交流轮岗 after 5 years).

The bureau (made through the import and the quarter's close; the department histories
written into the file directly, as no screen dates a past move):

| 编号 | 职务 | 科室 (history) | talks | what the lists say in 2026 |
|---|---|---|---|---|
| D01 | 科长 | 综合科 | 2026-03-02 谈心谈话 | short: 1 of 2 |
| D02 | 一级科员 | 综合科 | 2026-03-03 谈心谈话 | — |
| D03 | 二级科员 | 市场科 | 2025-11-20 谈心谈话 | short: 0 of 1, last 2025-11-20 |
| D04 | 一级主任科员, key post | 质量科 2021-03-01–2023-06-30, 质量科 since | 2 | rotation 03-01 |
| D05 | 一级科员 | 质量科 since 2019 | 2026-02-01 | — (no key post) |
| D06 | 四级主任科员, key post | 市场科 2018–2024-05-01, 综合科 since | 2026-01-15 | — (moved) |
| D07 | 一级科员 | 市场科 2020–2026-04-15, 质量科 since | 2026-01-20 | 任职谈话 from 2026-04-15 |
| D08 | 一级科员 | 市场科 | 2026-04-10 谈心谈话 | 2026Q1 一般: 提醒谈话 from 2026-03-31 |
| D09 | 一级科员 | 市场科 | 2026-01-05 谈心谈话 | 警告 2026-02-10: 提醒谈话 |
| D10 | 科长, key post, 退休 | 综合科 since 2010 | none | — (out of service) |
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select
from sqlalchemy.orm import Session
from tests.factories import Clock, CopyMaster, Master, sign_in, source_of

from kaohe_desktop.domain.enums import DisciplineType, PersonStatus, TalkKind
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.records import (
    AssessmentRecord,
    DepartmentRecord,
    ExchangeBook,
    PersonRecord,
    RewardRecord,
    TalkRecord,
)
from kaohe_desktop.services.archive.due_lists import DueListService
from kaohe_desktop.services.archive.views import DueListsView
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.storage.models import DepartmentRow, PersonDepartmentRow, PersonRow

DEPARTMENTS = ("综合科", "市场科", "质量科")
GENERAL, SECTION = "一般公务员", "机关正科级"
Q1 = Quarter(2026, 1)
TODAY = datetime(2026, 5, 6, 9, 30)
History = Sequence[tuple[str, date, date | None]]

PEOPLE = (
    # 编号, 姓名, 科室 now, 职务职级, key post, status, history (None: one stint from 2015)
    ("D01", "周科长", "综合科", "科长", False, PersonStatus.ACTIVE, None),
    ("D02", "吴科员", "综合科", "一级科员", False, PersonStatus.ACTIVE, None),
    ("D03", "郑二", "市场科", "二级科员", False, PersonStatus.ACTIVE, None),
    ("D04", "王关键", "质量科", "一级主任科员", True, PersonStatus.ACTIVE,
     (("质量科", date(2021, 3, 1), date(2023, 6, 30)), ("质量科", date(2023, 6, 30), None))),
    ("D05", "冯非关键", "质量科", "一级科员", False, PersonStatus.ACTIVE,
     (("质量科", date(2019, 1, 1), None),)),
    ("D06", "陈调动", "综合科", "四级主任科员", True, PersonStatus.ACTIVE,
     (("市场科", date(2018, 1, 1), date(2024, 5, 1)), ("综合科", date(2024, 5, 1), None))),
    ("D07", "褚新调", "质量科", "一级科员", False, PersonStatus.ACTIVE,
     (("市场科", date(2020, 1, 1), date(2026, 4, 15)), ("质量科", date(2026, 4, 15), None))),
    ("D08", "卫一般", "市场科", "一级科员", False, PersonStatus.ACTIVE, None),
    ("D09", "蒋处分", "市场科", "一级科员", False, PersonStatus.ACTIVE, None),
    ("D10", "沈退休", "综合科", "科长", True, PersonStatus.RETIRED,
     (("综合科", date(2010, 1, 1), None),)),
)  # fmt: skip
TALKS = (
    ("D01", date(2026, 3, 2), TalkKind.HEART_TO_HEART),
    ("D02", date(2026, 3, 3), TalkKind.HEART_TO_HEART),
    ("D03", date(2025, 11, 20), TalkKind.HEART_TO_HEART),
    ("D04", date(2026, 2, 20), TalkKind.KEY_POST),
    ("D04", date(2026, 3, 5), TalkKind.HEART_TO_HEART),
    ("D05", date(2026, 2, 1), None),  # no kind: a 谈心谈话
    ("D06", date(2026, 1, 15), TalkKind.KEY_POST),
    ("D07", date(2026, 1, 20), TalkKind.HEART_TO_HEART),
    ("D08", date(2026, 4, 10), TalkKind.HEART_TO_HEART),  # not a 提醒谈话: does not answer
    ("D09", date(2026, 1, 5), TalkKind.HEART_TO_HEART),
)


def _start(history: History | None) -> date:
    return history[0][1] if history else date(2015, 1, 1)


def _talk_bureau(workspace: Workspace) -> None:
    workspace.importer.apply(
        ExchangeBook(
            departments=[
                DepartmentRecord(name, order=n) for n, name in enumerate(DEPARTMENTS, 1)
            ],
            people=[
                PersonRecord(code, name, department, SECTION if position == "科长" else GENERAL,
                             position=position, key_post=key, work_start=_start(history),
                             status=status)
                for code, name, department, position, key, status, history in PEOPLE
            ],
            talks=[TalkRecord(code, day, "刘局长", kind) for code, day, kind in TALKS],
            rewards=[RewardRecord("D09", date(2026, 2, 10), DisciplineType.WARNING, "迟报",
                                  "局纪〔2026〕1号")],
            # 2026Q1: everyone 85 (较好), D08 70 (一般); D10 is retired, off the roster.
            assessments=[
                AssessmentRecord(str(Q1), code, Decimal(score), Decimal(score))
                for code, *_rest in PEOPLE[:9]
                for score in ["70" if code == "D08" else "85"]
            ],
        )
    )  # fmt: skip
    for code, *_rest, history in PEOPLE:
        if history is not None:
            set_history(workspace, code, history)
    workspace.grading.close_quarter(Q1, "一季度考核结束")
    # 2026Q2 open: D08 scored 一般 again, which counts only once the quarter closes.
    workspace.importer.apply(
        ExchangeBook(assessments=[AssessmentRecord("2026Q2", "D08", Decimal(70), Decimal(70))])
    )


TALK_BUREAU = Master(fill=_talk_bureau)


def set_history(workspace: Workspace, code: str, history: History) -> None:
    """Replace a person's department history (oldest first)."""

    def work(session: Session) -> None:
        departments = dict(session.execute(select(DepartmentRow.name, DepartmentRow.id)).all())
        person = session.scalars(select(PersonRow).where(PersonRow.code == code)).one()
        # Row by row, so the audit log records the deletions (a bulk DELETE would go
        # unrecorded, and the copy onto a server refuses a file whose rows do not match it).
        for stint in session.scalars(
            select(PersonDepartmentRow).where(PersonDepartmentRow.person_id == person.id)
        ):
            session.delete(stint)
        session.flush()
        for name, start, end in history:
            session.add(PersonDepartmentRow(person_id=person.id, department_id=departments[name],
                                            start_date=start, end_date=end))  # fmt: skip

    workspace._uow.write(work)


@pytest.fixture
def workspace(copy_master: CopyMaster) -> Iterator[Workspace]:
    ws = sign_in(copy_master(TALK_BUREAU), daily_backup=False)
    yield ws
    ws.close()


def service(workspace: Workspace, now: datetime = TODAY) -> DueListService:
    return DueListService(workspace.guard, workspace._uow, clock=Clock(now))


def add_talk(workspace: Workspace, code: str, day: date, kind: TalkKind) -> None:
    workspace.importer.apply(ExchangeBook(talks=[TalkRecord(code, day, "刘局长", kind)]))


def routine(view: DueListsView) -> list[tuple[str, str, str, bool, int, int, date | None]]:
    return [
        (r.code, r.department, r.position or "", r.principal, r.required, r.held, r.last_talk)
        for r in view.routine
    ]


def special(view: DueListsView) -> list[tuple[str, str, str, date, date, bool]]:
    return [(s.code, s.kind, s.reason, s.arose_on, s.due_by, s.overdue) for s in view.special]


def rotations(view: DueListsView) -> list[tuple[str, str, date, date, int, bool]]:
    return [
        (r.code, r.department, r.since, r.reaches_on, r.years, r.reached) for r in view.rotations
    ]


# -- 谈心谈话 -----------------------------------------------------------------------------------


def test_a_section_chief_with_one_talk_is_short_a_clerk_with_one_is_not(
    workspace: Workspace,
) -> None:
    view = service(workspace).lists(2026)
    # 综合科 first (the bureau's order), then 市场科; by 编号 within. D07's 2026 talk is a
    # 谈心谈话 (counts); D08's, D09's too. D10 is retired.
    assert routine(view) == [
        ("D01", "综合科", "科长", True, 2, 1, date(2026, 3, 2)),
        ("D03", "市场科", "二级科员", False, 1, 0, date(2025, 11, 20)),
    ]
    assert [(r.code, r.name) for r in view.routine] == [("D01", "周科长"), ("D03", "郑二")]


def test_special_talks_do_not_count_as_routine_talks(workspace: Workspace) -> None:
    add_talk(workspace, "D01", date(2026, 4, 1), TalkKind.REMINDER)
    assert [r.code for r in service(workspace).lists(2026).routine] == ["D01", "D03"]
    add_talk(workspace, "D01", date(2026, 4, 2), TalkKind.KEY_POST)
    assert [r.code for r in service(workspace).lists(2026).routine] == ["D03"]


def test_the_year_before_has_its_own_shortfalls(workspace: Workspace) -> None:
    # 2025: only D03 talked (2025-11-20), D10 retired; the special talks of 2025: none.
    view = service(workspace).lists(2025)
    codes = [r.code for r in view.routine]
    # 综合科 (D01 D02 D06), 市场科 (D08 D09; D03 talked), 质量科 (D04 D05 D07).
    assert codes == ["D01", "D02", "D06", "D08", "D09", "D04", "D05", "D07"]
    assert next(r for r in view.routine if r.code == "D01").required == 2
    assert view.special == ()


# -- special talks ----------------------------------------------------------------------------


def test_special_talks_called_for_by_the_year(workspace: Workspace) -> None:
    view = service(workspace).lists(2026)
    assert special(view) == [
        ("D09", "提醒谈话", "2026-02-10 警告", date(2026, 2, 10), date(2026, 3, 12), True),
        ("D08", "提醒谈话", "2026年一季度平时考核一般", date(2026, 3, 31), date(2026, 4, 30), True),
        ("D07", "任职谈话", "2026-04-15 由市场科调入质量科", date(2026, 4, 15), date(2026, 5, 15),
         False),
    ]  # fmt: skip
    # 科室 is where the person is now.
    assert [(s.code, s.department, s.kind_code) for s in view.special] == [
        ("D09", "市场科", "reminder"),
        ("D08", "市场科", "reminder"),
        ("D07", "质量科", "appointment"),
    ]


def test_a_reminder_after_the_quarter_answers_it_a_heart_to_heart_does_not(
    workspace: Workspace,
) -> None:
    # D08 already had a 谈心谈话 on 2026-04-10: still listed (above). A 提醒谈话 before the
    # quarter ended does not answer it either.
    add_talk(workspace, "D08", date(2026, 3, 30), TalkKind.REMINDER)
    assert "D08" in [s.code for s in service(workspace).lists(2026).special]
    add_talk(workspace, "D08", date(2026, 5, 4), TalkKind.REMINDER)
    assert [s.code for s in service(workspace).lists(2026).special] == ["D09", "D07"]


def test_an_appointment_talk_answers_the_move(workspace: Workspace) -> None:
    add_talk(workspace, "D07", date(2026, 4, 15), TalkKind.APPOINTMENT)
    assert [s.code for s in service(workspace).lists(2026).special] == ["D09", "D08"]


def test_an_open_quarter_calls_for_nothing_until_it_closes(workspace: Workspace) -> None:
    # D08 is scored 一般 in the open 2026Q2 too: still one event, from the closed 2026Q1.
    view = service(workspace, datetime(2026, 8, 1)).lists(2026)
    assert [s.reason for s in view.special if s.code == "D08"] == ["2026年一季度平时考核一般"]


def test_a_move_of_an_earlier_year_calls_for_nothing_this_year(workspace: Workspace) -> None:
    # D06 moved on 2024-05-01: listed among 2024's special talks, not 2026's.
    assert "D06" not in [s.code for s in service(workspace).lists(2026).special]
    view = service(workspace).lists(2024)
    assert special(view) == [
        ("D06", "任职谈话", "2024-05-01 由市场科调入综合科", date(2024, 5, 1), date(2024, 5, 31),
         True),
    ]  # fmt: skip


# -- rotation -----------------------------------------------------------------------------------


def test_rotation_merges_consecutive_stints_in_one_department(workspace: Workspace) -> None:
    view = service(workspace).lists(2026)
    # D04: 质量科 since 2021-03-01 (two stints) → 5 years on 2026-03-01, reached by May.
    # D05 is no key post; D06 came to 综合科 in 2024; D10 is retired.
    assert rotations(view) == [("D04", "质量科", date(2021, 3, 1), date(2026, 3, 1), 5, True)]
    assert view.rotations[0].position == "一级主任科员"
    assert service(workspace).lists(2025).rotations == ()


def test_rotation_due_later_in_the_year_is_listed_not_reached(workspace: Workspace) -> None:
    view = service(workspace, datetime(2026, 2, 1)).lists(2026)
    assert rotations(view) == [("D04", "质量科", date(2021, 3, 1), date(2026, 3, 1), 5, False)]


# -- the status bar's count -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # Before anything is overdue: 警告 due 03-12, the rotation on 03-01.
        (datetime(2026, 2, 20), 0),
        # The rotation is reached; the 警告's talk is not due yet (due by 03-12).
        (datetime(2026, 3, 10), 1),
        # 03-13: the 警告's talk overdue too.
        (datetime(2026, 3, 13), 2),
        # 05-06: and the 一季度 一般 (due 04-30); the move (due 05-15) not yet.
        (datetime(2026, 5, 6), 3),
        # 05-16: the move's 任职谈话 too.
        (datetime(2026, 5, 16), 4),
    ],
)
def test_overdue_count_on_a_fixed_clock(workspace: Workspace, now: datetime, expected: int) -> None:
    dues = service(workspace, now)
    assert dues.overdue_count() == expected
    view = dues.lists(now.year)
    assert view.overdue == expected
    # Its two parts, as the panel's headings show them (counted here, not on screen).
    assert view.special_overdue == sum(1 for r in view.special if r.overdue)
    assert view.rotations_reached == sum(1 for r in view.rotations if r.reached)
    assert view.special_overdue + view.rotations_reached == expected


def test_overdue_count_falls_as_talks_are_held(workspace: Workspace) -> None:
    add_talk(workspace, "D09", date(2026, 3, 20), TalkKind.REMINDER)  # late, but held
    add_talk(workspace, "D08", date(2026, 5, 5), TalkKind.REMINDER)
    assert service(workspace).overdue_count() == 1  # the rotation


def test_the_count_is_kept_until_a_talk_is_written_here_or_elsewhere_or_the_day_changes(
    workspace: Workspace,
) -> None:
    clock = Clock(TODAY)
    dues = DueListService(workspace.guard, workspace._uow, clock=clock)
    assert dues.overdue_count() == 3
    assert (dues.overdue_count(), dues.counted) == (3, 1)  # kept: nothing changed
    assert dues.lists(2026) is dues.lists(2026)
    add_talk(workspace, "D09", date(2026, 3, 20), TalkKind.REMINDER)  # this workstation
    assert (dues.overdue_count(), dues.counted) == (2, 2)
    other = sign_in(source_of(workspace), daily_backup=False)  # another workstation
    try:
        add_talk(other, "D08", date(2026, 5, 5), TalkKind.REMINDER)
    finally:
        other.close()
    assert (dues.overdue_count(), dues.counted) == (1, 3)
    assert dues.lists(2026).overdue == 1
    clock.now = datetime(2026, 5, 16, 9, 0)  # the move's 任职谈话 is overdue from today
    assert (dues.overdue_count(), dues.counted) == (2, 4)


def test_overdue_count_counts_this_year_only(workspace: Workspace) -> None:
    # In 2027 nothing of 2026 is counted; the rotation still stands (reached in 2026).
    assert service(workspace, datetime(2027, 1, 10)).overdue_count() == 1


def test_a_year_out_of_range_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="1999"):
        service(workspace).lists(1999)
    with pytest.raises(InputError, match="1999"):
        service(workspace).export(1999, tmp_path / "提醒.xlsx")
    assert not (tmp_path / "提醒.xlsx").exists()


def test_an_admonishment_calls_for_an_admonition_talk(workspace: Workspace) -> None:
    workspace.importer.apply(
        ExchangeBook(rewards=[RewardRecord("D02", date(2026, 4, 1), DisciplineType.ADMONISHMENT)])
    )
    add_talk(workspace, "D02", date(2026, 4, 2), TalkKind.REMINDER)  # not the kind called for
    found = [s for s in service(workspace).lists(2026).special if s.code == "D02"]
    assert [(s.kind, s.reason, s.due_by) for s in found] == [
        ("诫勉谈话", "2026-04-01 诫勉", date(2026, 5, 1))
    ]
    add_talk(workspace, "D02", date(2026, 4, 3), TalkKind.ADMONITION)
    assert "D02" not in [s.code for s in service(workspace).lists(2026).special]


# -- the workbook -------------------------------------------------------------------------------


def _rows(sheet: Worksheet) -> list[tuple[object, ...]]:
    """The rows under the header (title, rule line, header: rows 1–3)."""
    return [tuple(row) for row in sheet.iter_rows(min_row=4, values_only=True)]


def test_the_workbook_holds_the_lists_as_computed(workspace: Workspace, tmp_path: Path) -> None:
    out = service(workspace).export(2026, tmp_path / "谈话提醒.xlsx")
    assert out == tmp_path / "谈话提醒.xlsx"
    book = load_workbook(out)
    assert book.sheetnames == ["谈心谈话不足", "专项谈话", "交流轮岗"]
    routine, special, rotation = (book[name] for name in book.sheetnames)
    assert routine["A1"].value == "测试县市场监督管理局 2026年度 谈心谈话不足人员名单"
    assert str(routine["A2"].value).startswith(
        "谈心谈话：党政正职每年不少于 2 次，其他人员不少于 1 次"
    )
    assert "关键岗位在同一科室连续满 5 年" in str(rotation["A2"].value)
    assert "统计日期：2026年5月6日" in str(special["A2"].value)
    assert _rows(routine) == [
        (1, "D01", "周科长", "综合科", "科长", "是", 2, 1, datetime(2026, 3, 2)),
        (2, "D03", "郑二", "市场科", "二级科员", "否", 1, 0, datetime(2025, 11, 20)),
    ]
    assert _rows(special) == [
        (1, "D09", "蒋处分", "市场科", "提醒谈话", "2026-02-10 警告",
         datetime(2026, 2, 10), datetime(2026, 3, 12), "已逾期"),
        (2, "D08", "卫一般", "市场科", "提醒谈话", "2026年一季度平时考核一般",
         datetime(2026, 3, 31), datetime(2026, 4, 30), "已逾期"),
        (3, "D07", "褚新调", "质量科", "任职谈话", "2026-04-15 由市场科调入质量科",
         datetime(2026, 4, 15), datetime(2026, 5, 15), "待谈"),
    ]  # fmt: skip
    assert [c.value for c in rotation[3]] == [
        "序号", "编号", "姓名", "科室", "职务职级", "本科室任职起始", "满5年日期", "状态",
    ]  # fmt: skip
    assert _rows(rotation) == [
        (1, "D04", "王关键", "质量科", "一级主任科员", datetime(2021, 3, 1),
         datetime(2026, 3, 1), "已到期"),
    ]  # fmt: skip


def test_an_empty_year_writes_every_sheet_with_none(workspace: Workspace, tmp_path: Path) -> None:
    # 2020: no quarter closed, no discipline, no move (D07's first stint is no move); no
    # key post in service 5 years in one department by its end (D04 since 2021, D06
    # since 2024); and no talk at all.
    out = service(workspace).export(2020, tmp_path / "2020.xlsx")
    book = load_workbook(out)
    assert _rows(book["专项谈话"]) == [("无",) + (None,) * 8]
    assert _rows(book["交流轮岗"]) == [("无",) + (None,) * 7]
    # D01–D09 in service, none talked in 2020; D04 joined in 2021, so nothing was due
    assert sorted(r[1] for r in _rows(book["谈心谈话不足"])) == [
        "D01", "D02", "D03", "D05", "D06", "D07", "D08", "D09",
    ]  # fmt: skip


def test_a_refused_target_reads_nothing_and_writes_nothing(
    workspace: Workspace, tmp_path: Path
) -> None:
    folder = tmp_path / "导出"
    folder.mkdir()
    with pytest.raises(InputError, match="不存在"):
        service(workspace).export(2026, folder / "无此文件夹" / "提醒.xlsx")
    with pytest.raises(InputError, match="是一个文件夹"):
        service(workspace).export(2026, folder)
    assert list(folder.iterdir()) == []
