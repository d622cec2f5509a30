"""services/quarterly_grading: closing a quarter (refused with the list of who blocks it,
else results and lock in one transaction), the scheme frozen per quarter, and the
other readers and writers of 平时考核 (queries, archive, workbook import) using it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from tests.factories import Clock, sign_in
from tests.services.grading_bureau import (
    Q2,
    department_ids,
    grades,
    ids,
    score,
)
from tests.services.grading_fixtures import ALL, admin, leases, path

from kaohe_desktop.domain.enums import CommentKind, NoGradeReason, QuarterGrade
from kaohe_desktop.domain.grading import Flag
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.quarterly_rules import QuarterlyRules
from kaohe_desktop.domain.records import AssessmentRecord, ExchangeBook
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.reports.excel_exchange_writer import write_workbook
from kaohe_desktop.services.access.leases import Lease
from kaohe_desktop.services.errors import InputError, PeriodClosedError, QuarterNotReadyError
from kaohe_desktop.services.quarterly.sheet import person_quarter_rows
from kaohe_desktop.services.quarterly.views import GradingRow
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.storage.models import (
    AuditRow,
    EditLeaseRow,
    PeriodLockRow,
    PersonDepartmentRow,
    PersonRow,
    QuarterlyAssessmentRow,
    SchemeRow,
)

__all__ = ["admin", "leases", "path"]  # the fixtures, imported for pytest

T0 = datetime(2026, 7, 2, 9, 0, 0)
WEIGHTED = QuarterlyRules(performance_weight=Decimal("0.6"), leader_weight=Decimal("0.4"))


@pytest.fixture
def clock() -> Clock:
    return Clock(T0)


def person_quarters(session: Session, person_id: int) -> list[tuple[Quarter, GradingRow]]:
    """The person's quarters read alone, as the 人员档案 reads them (closed marks aside)."""
    return [(q.quarter, q.row) for q in person_quarter_rows(session, person_id)]


def _count(workspace: Workspace, model: type) -> int:
    with workspace.opened.unit_of_work("test").read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _stored(workspace: Workspace) -> dict[int, tuple[object, ...]]:
    qa = QuarterlyAssessmentRow
    with workspace.opened.unit_of_work("test").read() as session:
        rows = session.execute(
            select(qa.person_id, qa.composite, qa.grade, qa.rank, qa.tie_flag).where(
                qa.quarter == str(Q2)
            )
        )
        return {pid: tuple(rest) for pid, *rest in rows}


# --- closing -------------------------------------------------------------------------------


def test_closing_is_refused_while_someone_is_ungraded(
    path: Path, admin: Workspace, leases: list[Lease]
) -> None:
    score(admin, {**ALL, "P04": ("85", None)}, leases)
    audit = _count(admin, AuditRow)
    reviewer = sign_in(path, Role.REVIEWER, daily_backup=False)
    try:
        with pytest.raises(QuarterNotReadyError) as raised:
            reviewer.grading.close_quarter(Q2, "二季度考核结束")
    finally:
        reviewer.close()
    assert raised.value.blockers == ["市场科 赵四（P04）：尚未录入领导测评分"]
    assert "2026年第二季度尚不能关闭" in str(raised.value)
    assert isinstance(raised.value, InputError)
    assert _count(admin, PeriodLockRow) == 0
    assert _count(admin, AuditRow) == audit
    assert all(values == (None, None, None, False) for values in _stored(admin).values())


def test_closing_is_refused_while_a_tie_is_unsettled(admin: Workspace, leases: list[Lease]) -> None:
    score(admin, {**ALL, "P03": ("93", "93")}, leases)
    with pytest.raises(QuarterNotReadyError) as raised:
        admin.grading.close_quarter(Q2)
    assert raised.value.blockers == [
        "综合科 王二（P02）：并列超出名额",
        "市场科 李三（P03）：并列超出名额",
    ]


def test_a_tie_settled_at_fairly_good_is_stored_as_such(
    admin: Workspace, leases: list[Lease]
) -> None:
    sheet = score(admin, {**ALL, "P03": ("93", "93")}, leases)
    reason = "并列超出名额，经考核委员会研究定为较好"
    row = sheet.row(ids(admin)["P02"])
    sheet = admin.grading.set_override(
        Q2, row.person_id, QuarterGrade.FAIRLY_GOOD, reason, row.version, leases
    )
    # The committee kept 王二 at 较好, so the one free slot is 李三's: nothing is flagged.
    assert grades(sheet)["P03"] == "好" and sheet.blockers() == []
    admin.grading.close_quarter(Q2)
    stored = _stored(admin)
    person = ids(admin)
    assert stored[person["P02"]][1:] == (QuarterGrade.FAIRLY_GOOD.value, 2, True)
    assert stored[person["P01"]][3] is False


def test_closing_waits_while_another_workstation_grades(
    admin: Workspace, leases: list[Lease], clock: Clock
) -> None:
    score(admin, ALL, leases)

    def elsewhere(session: Session) -> None:  # as a clerk at another computer would hold it
        session.add(
            EditLeaseRow(
                scope=f"grading:{Q2}:999", label="质量科评分", holder="luru",
                holder_name="李录入", workstation="PC-2#77", token="t",
                acquired_at=clock(), heartbeat_at=clock(),
            )
        )  # fmt: skip

    admin.opened.unit_of_work("test").write(elsewhere)
    with pytest.raises(InputError, match="其他工作站正在录入评分") as raised:
        admin.grading.close_quarter(Q2)
    assert "李录入" in str(raised.value)
    assert _count(admin, PeriodLockRow) == 0
    clock.advance(seconds=120)  # its heartbeat has stopped: the lease is stale
    admin.grading.close_quarter(Q2)
    assert admin.grading.sheet(Q2).closed


def test_the_refusal_lists_twenty_then_counts() -> None:
    error = QuarterNotReadyError("2026年第二季度", [f"第{n}人" for n in range(25)])
    lines = str(error).splitlines()
    assert lines[0] == "2026年第二季度尚不能关闭，以下人员需先处理："
    assert lines[1:21] == [f"第{n}人" for n in range(20)]
    assert lines[21:] == ["……等 25 人"]
    assert len(error.blockers) == 25


def test_closing_stores_the_outcomes_and_locks_the_quarter(
    path: Path, admin: Workspace, leases: list[Lease], clock: Clock
) -> None:
    score(admin, ALL, leases)
    person = ids(admin)
    admin.grading.set_not_graded(Q2, person["P05"], NoGradeReason.LEAVE, 1, leases)
    sheet = admin.grading.sheet(Q2)
    reviewer = sign_in(path, Role.REVIEWER, daily_backup=False, clock=clock)
    try:
        reviewer.grading.close_quarter(Q2, "二季度平时考核定稿")
    finally:
        reviewer.close()

    stored = _stored(admin)
    for row in sheet.rows:
        outcome = row.outcome
        expected_grade = outcome.grade.value if outcome.grade is not None else None
        assert stored[row.person_id] == (
            outcome.composite,
            expected_grade,
            outcome.rank,
            outcome.flag is Flag.TIE_OVER_QUOTA,
        )
    assert stored[person["P01"]] == (Decimal("95.00"), QuarterGrade.GOOD.value, 1, False)
    assert stored[person["P05"]] == (None, None, None, False)  # 不定等次
    assert "2026Q2" in admin.periods.closed_periods()
    (lock,) = admin.periods.history()
    assert (lock.closed_by, lock.close_note, lock.closed_at) == (
        "reviewer",
        "二季度平时考核定稿",
        T0,
    )
    closed = admin.grading.sheet(Q2)
    assert closed.closed and grades(closed) == grades(sheet)

    with pytest.raises(PeriodClosedError):
        score(admin, {"P01": ("60", "60")}, leases)
    with pytest.raises(PeriodClosedError):
        admin.grading.add_comment(
            Q2, person["P01"], date(2026, 5, 1), CommentKind.PRAISE, "补录", leases
        )
    with pytest.raises(PeriodClosedError):
        admin.grading.set_rules(Q2, WEIGHTED)
    with pytest.raises(InputError, match="已关闭"):
        admin.grading.close_quarter(Q2)

    admin.periods.reopen("2026Q2", "更正钱五的请假记录")
    assert "2026Q2" not in admin.periods.closed_periods()
    reopened = score(admin, {"P01": ("60", "60")}, leases)
    assert not reopened.closed and grades(reopened)["P01"] == "一般"
    # Closing again updates what moved.
    admin.grading.close_quarter(Q2)
    assert _stored(admin)[person["P01"]][:3] == (Decimal("60.00"), QuarterGrade.AVERAGE.value, 3)


def test_a_closed_half_year_closes_its_quarters(admin: Workspace, leases: list[Lease]) -> None:
    score(admin, ALL, leases)
    expected = admin.grading.sheet(Q2)
    admin.periods.close("2026H1")
    assert admin.grading.sheet(Q2).closed
    # Its open quarter was sealed as the quarter's own close would have sealed it.
    stored = _stored(admin)
    for row in expected.rows:
        grade = row.grade.value if row.grade else None
        assert stored[row.person_id][:3] == (row.composite, grade, row.rank)
    assert not admin.grading.sheet(Quarter(2026, 3)).closed
    with pytest.raises(InputError, match="已关闭"):
        admin.grading.close_quarter(Q2)


def test_a_half_year_over_an_ungraded_quarter_is_refused_whole(
    admin: Workspace, leases: list[Lease]
) -> None:
    score(admin, {**ALL, "P04": ("85", None)}, leases)
    with pytest.raises(QuarterNotReadyError, match="赵四"):
        admin.periods.close("2026H1")
    assert _count(admin, PeriodLockRow) == 0
    assert all(values == (None, None, None, False) for values in _stored(admin).values())


def test_closing_a_quarter_from_the_periods_screen_checks_its_grades(
    admin: Workspace, leases: list[Lease]
) -> None:
    score(admin, {**ALL, "P04": ("85", None)}, leases)
    with pytest.raises(QuarterNotReadyError):
        admin.periods.close("2026Q2")
    score(admin, {"P04": ("85", "85")}, leases)
    admin.periods.close("2026Q2", "经期间管理关闭")
    assert admin.grading.sheet(Q2).closed
    assert all(values[2] is not None for values in _stored(admin).values())


def test_the_year_closes_after_its_half_year_sealed_the_quarters(
    admin: Workspace, leases: list[Lease]
) -> None:
    score(admin, ALL, leases)
    admin.periods.close("2026H1")
    admin.periods.close("2026")
    assert {"2026H1", "2026"} <= set(admin.periods.closed_periods())


def test_a_closed_quarter_shows_what_it_stored_not_people_added_since(
    admin: Workspace, leases: list[Lease]
) -> None:
    score(admin, ALL, leases)
    admin.grading.close_quarter(Q2)
    closed = admin.grading.sheet(Q2)

    # Someone is added afterwards with a stint reaching back into the quarter: the
    # posted result must not change (no new participant, no new quota, no draft).
    def join(session: Session) -> None:
        newcomer = PersonRow(
            code="P99", name="后来者", department_id=department_ids(admin)["综合科"],
            category_id=session.scalars(select(PersonRow.category_id)).first(),
        )  # fmt: skip
        session.add(newcomer)
        session.flush()
        session.add(
            PersonDepartmentRow(
                person_id=newcomer.id,
                department_id=newcomer.department_id,
                start_date=date(2015, 1, 1),
            )
        )

    admin.opened.unit_of_work("test").write(join)
    again = admin.grading.sheet(Q2)
    assert [r.code for r in again.rows] == [r.code for r in closed.rows]
    assert [(r.grade, r.rank, r.composite) for r in again.rows] == [
        (r.grade, r.rank, r.composite) for r in closed.rows
    ]
    assert again.blockers() == []


def test_the_archive_reads_a_closed_quarter_as_its_sheet_shows_it(
    admin: Workspace, leases: list[Lease]
) -> None:
    # A tie settled by hand, a 不定等次 and 点评: every kind of row a close stores.
    sheet = score(admin, {**ALL, "P03": ("93", "93")}, leases)
    row = sheet.row(ids(admin)["P02"])
    sheet = admin.grading.set_override(
        Q2, row.person_id, QuarterGrade.FAIRLY_GOOD, "考核委员会定为较好", row.version, leases
    )
    # And a 好 set by hand, honoured because the quarter's quota (2 of 5) has room: read
    # alone, one person has no quota at all.
    row = sheet.row(ids(admin)["P01"])
    admin.grading.set_override(
        Q2, row.person_id, QuarterGrade.GOOD, "表现突出", row.version, leases
    )
    admin.grading.close_quarter(Q2)
    closed = admin.grading.sheet(Q2)
    assert closed.closed and any(r.outcome.overridden for r in closed.rows)
    with admin.opened.unit_of_work("test").read() as session:
        for shown in closed.rows:
            # One person read alone (the archive's way) is their row of the whole sheet,
            # but for the 全局排名: never stored, it needs everyone (the grid's alone).
            assert shown.overall_rank is not None or shown.no_grade_reason is not None
            alone = shown._replace(outcome=replace(shown.outcome, overall_rank=None))
            assert person_quarters(session, shown.person_id) == [(Q2, alone)]


def test_the_archive_reads_an_open_quarter_without_its_grades(
    admin: Workspace, leases: list[Lease]
) -> None:
    sheet = score(admin, ALL, leases)
    assert not sheet.closed
    with admin.opened.unit_of_work("test").read() as session:
        for shown in sheet.rows:
            ((quarter, alone),) = person_quarters(session, shown.person_id)
            # The person's own values as the grid shows them; 等次 and 排名 need everyone.
            assert quarter == Q2 and alone.composite == shown.composite
            assert alone.performance_total == shown.performance_total
            assert alone.outcome.status is shown.outcome.status
            assert (alone.grade, alone.rank, alone.flag) == (None, None, None)
            assert alone._replace(outcome=shown.outcome) == shown


def test_an_empty_quarter_closes(admin: Workspace) -> None:
    admin.grading.close_quarter(Quarter(2019, 4))  # before anyone joined
    assert "2019Q4" in admin.periods.closed_periods()


# --- the scheme of each quarter ----------------------------------------------------------


def test_a_later_default_does_not_change_a_frozen_quarter(
    admin: Workspace, leases: list[Lease]
) -> None:
    before = score(admin, {"P01": ("80", "90")}, leases)  # freezes the defaults into Q2
    assert before.row(ids(admin)["P01"]).composite == Decimal("85.00")
    q3 = admin.grading.set_rules(Quarter(2026, 3), WEIGHTED)
    assert q3.rules == WEIGHTED and q3.rules_frozen
    after = admin.grading.sheet(Q2)
    assert after.rules == QuarterlyRules() and after.row(ids(admin)["P01"]).composite == Decimal(
        "85.00"
    )
    q4 = admin.grading.sheet(Quarter(2026, 4))  # inherits the latest earlier quarter's rules
    assert q4.rules == WEIGHTED and not q4.rules_frozen


def test_an_unfrozen_quarter_takes_the_rules_set_before_it(
    admin: Workspace, leases: list[Lease]
) -> None:
    admin.grading.set_rules(Quarter(2026, 1), WEIGHTED)
    assert admin.grading.sheet(Q2).rules == WEIGHTED
    sheet = score(admin, {"P01": ("80", "90")}, leases)
    assert sheet.rules_frozen and sheet.row(ids(admin)["P01"]).composite == Decimal("84.00")
    admin.grading.set_rules(Quarter(2026, 1), QuarterlyRules())
    assert admin.grading.sheet(Q2).rules == WEIGHTED  # frozen at its first score


def test_rules_that_do_not_add_up_are_refused(admin: Workspace) -> None:
    bad = QuarterlyRules(performance_weight=Decimal("0.7"))
    with pytest.raises(InputError, match="权重之和应为 100%"):
        admin.grading.set_rules(Q2, bad)
    assert _count(admin, SchemeRow) == 0


def test_queries_and_the_archive_use_the_quarters_rules(
    admin: Workspace, leases: list[Lease]
) -> None:
    admin.grading.set_rules(Q2, WEIGHTED)
    score(admin, {"P01": ("80", "90")}, leases)
    (view,) = [v for v in admin.grading.assessments(Q2) if v.code == "P01"]
    assert view.composite == Decimal("84.00")  # 80 × 60% + 90 × 40%
    entries = admin.archive.entries(ids(admin)["P01"])
    assert [e.summary for e in entries if e.kind.startswith("平时考核")] == ["综合得分 84.00"]


# --- the workbook import -------------------------------------------------------------------


def test_importing_scores_freezes_each_quarter_it_writes(admin: Workspace) -> None:
    admin.grading.set_rules(Quarter(2026, 1), WEIGHTED)
    book = ExchangeBook(
        assessments=[
            AssessmentRecord("2026Q2", "P01", Decimal(80), Decimal(90)),
            AssessmentRecord("2026Q3", "P02", Decimal(85), Decimal(85)),
        ]
    )
    admin.importer.apply(book)
    with admin.opened.unit_of_work("test").read() as session:
        schemes = dict(session.execute(select(SchemeRow.period, SchemeRow.rules_json)).all())
    assert set(schemes) == {"2026Q1", "2026Q2", "2026Q3"}
    assert all(QuarterlyRules.from_json(text) == WEIGHTED for text in schemes.values())
    assert admin.grading.sheet(Q2).rules_frozen
    audit = _count(admin, AuditRow)
    assert admin.importer.apply(book).changed == 0
    assert _count(admin, AuditRow) == audit


def test_a_bad_score_in_the_workbook_names_sheet_row_and_column(
    admin: Workspace, tmp_path: Path
) -> None:
    workbook = tmp_path / "分数.xlsx"
    book = ExchangeBook(
        assessments=[
            AssessmentRecord("2026Q2", "P01", Decimal("80"), Decimal("90")),
            AssessmentRecord("2026Q2", "P02", Decimal("86.55"), Decimal("100.5")),
        ]
    )
    write_workbook(book, workbook)
    with pytest.raises(InputError) as raised:
        admin.importer.import_workbook(workbook)
    located = {(e.sheet, e.row, e.column) for e in raised.value.errors}  # type: ignore[attr-defined]
    assert located == {("平时考核", 3, "实绩分"), ("平时考核", 3, "领导测评分")}
    assert "最多 1 位小数" in str(raised.value) and "应在 0–100 之间" in str(raised.value)
    assert _count(admin, QuarterlyAssessmentRow) == 0 and _count(admin, SchemeRow) == 0
