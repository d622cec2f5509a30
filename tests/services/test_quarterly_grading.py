"""services/quarterly_grading: the roster of a quarter, entering scores (all or nothing,
under the departments' leases, versions checked), the frozen scheme and 点评."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from tests.factories import Clock, CopyMaster, sign_in
from tests.services.grading_bureau import (
    GRADING_BUREAU,
    Q2,
    changes,
    department_ids,
    ids,
    score,
    take_leases,
)

from kaohe_desktop.domain.enums import CommentKind
from kaohe_desktop.domain.leases import grading_scope
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.quarterly_rules import QuarterlyRules
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.access.leases import Lease
from kaohe_desktop.services.errors import InputError, LeaseHeldError, LeaseLostError
from kaohe_desktop.services.quarterly.views import RosterMove, ScoreChange, ScoreField
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.storage.models import (
    AuditRow,
    PersonDepartmentRow,
    PersonRow,
    QuarterlyAssessmentRow,
    SchemeRow,
)

T0 = datetime(2026, 6, 20, 10, 0, 0)


@pytest.fixture
def path(copy_master: CopyMaster) -> Path:
    return copy_master(GRADING_BUREAU)


@pytest.fixture
def clerk(path: Path) -> Iterator[Workspace]:
    workspace = sign_in(path, Role.CLERK, daily_backup=False, clock=Clock(T0))
    yield workspace
    workspace.close()


@pytest.fixture
def leases(clerk: Workspace) -> list[Lease]:
    return take_leases(clerk)


def _count(workspace: Workspace, model: type, *where: object) -> int:
    with workspace.opened.unit_of_work("test").read() as session:
        statement = select(func.count()).select_from(model).where(*where)  # type: ignore[arg-type]
        return session.scalar(statement) or 0


def _write(workspace: Workspace, work: object) -> None:
    workspace.opened.unit_of_work("test").write(work)  # type: ignore[arg-type]


# --- the roster ------------------------------------------------------------------------


def test_the_roster_is_everyone_in_a_department_during_the_quarter(clerk: Workspace) -> None:
    sheet = clerk.grading.sheet(Q2)
    assert [(r.code, r.department) for r in sheet.rows] == [
        ("P01", "综合科"),
        ("P02", "综合科"),
        ("P03", "市场科"),
        ("P04", "市场科"),
        ("P05", "质量科"),
    ]  # P06 joins in August
    assert [name for _, name in sheet.departments] == ["综合科", "市场科", "质量科"]
    assert sheet.rules == QuarterlyRules() and not sheet.rules_frozen and not sheet.closed
    assert all(r.awaiting_score and r.assessment_id is None for r in sheet.rows)
    assert [q.quota for _, q in sheet.quota_lines()] == [2]  # floor(5 × 40%)
    assert len(sheet.blockers()) == 5
    assert [r.code for r in clerk.grading.sheet(Quarter(2026, 3)).rows][-1] == "P06"


def test_a_mid_quarter_move_lists_the_person_once_under_the_new_department(
    clerk: Workspace, leases: list[Lease]
) -> None:
    person = ids(clerk)["P01"]
    departments = department_ids(clerk)

    def move(session: Session) -> None:
        stint = session.scalars(
            select(PersonDepartmentRow).where(PersonDepartmentRow.person_id == person)
        ).one()
        stint.end_date = date(2026, 5, 10)
        session.add(
            PersonDepartmentRow(
                person_id=person, department_id=departments["市场科"], start_date=date(2026, 5, 10)
            )
        )
        session.get(PersonRow, person).department_id = departments["市场科"]  # type: ignore[union-attr]

    _write(clerk, move)
    sheet = clerk.grading.sheet(Q2)
    rows = [r for r in sheet.rows if r.person_id == person]
    assert len(rows) == 1
    assert rows[0].department == "市场科"
    assert rows[0].moves == (RosterMove(date(2026, 5, 10), "综合科", "市场科"),)
    assert "5月10日由综合科调入" in rows[0].remark()
    # The quarter before: under the old department, no move.
    before = clerk.grading.sheet(Quarter(2026, 1)).row(person)
    assert (before.department, before.moves) == ("综合科", ())
    # Entering the score needs the lease of the department at quarter end only.
    market = [lease for lease in leases if lease.scope.endswith(f":{departments['市场科']}")]
    after = score(clerk, {"P01": ("88", "90")}, market)
    assert after.row(person).composite == Decimal("89.00")


def test_a_move_on_the_last_day_counts_for_the_new_department(clerk: Workspace) -> None:
    person = ids(clerk)["P05"]
    departments = department_ids(clerk)

    def move(session: Session) -> None:
        stint = session.scalars(
            select(PersonDepartmentRow).where(PersonDepartmentRow.person_id == person)
        ).one()
        stint.end_date = Q2.end
        session.add(
            PersonDepartmentRow(
                person_id=person, department_id=departments["综合科"], start_date=Q2.end
            )
        )

    _write(clerk, move)
    row = clerk.grading.sheet(Q2).row(person)
    assert row.department == "综合科"
    assert row.moves == (RosterMove(Q2.end, "质量科", "综合科"),)
    assert clerk.grading.sheet(Quarter(2026, 3)).row(person).moves == ()


def test_a_person_with_a_row_but_no_stint_in_the_quarter_is_listed(clerk: Workspace) -> None:
    late = ids(clerk)["P06"]  # joins in August; a workbook brought a Q2 row anyway
    _write(
        clerk,
        lambda s: s.add(QuarterlyAssessmentRow(quarter=str(Q2), person_id=late, performance=80)),
    )
    row = clerk.grading.sheet(Q2).row(late)
    assert (row.department, row.moves, row.performance) == ("质量科", (), Decimal(80))


def test_people_who_have_left_are_off_later_rosters_but_keep_their_entered_quarter(
    clerk: Workspace, leases: list[Lease]
) -> None:
    person = ids(clerk)["P05"]
    score(clerk, {"P05": ("80", "80")}, leases)  # their last quarter, entered
    _write(clerk, lambda s: setattr(s.get(PersonRow, person), "status", "retired"))
    assert person in {r.person_id for r in clerk.grading.sheet(Q2).rows}
    assert person not in {r.person_id for r in clerk.grading.sheet(Quarter(2026, 3)).rows}


# --- entering scores --------------------------------------------------------------------


def test_set_scores_creates_rows_and_freezes_the_scheme(
    clerk: Workspace, leases: list[Lease]
) -> None:
    audit = _count(clerk, AuditRow)
    sheet = score(clerk, {"P01": ("86.5", "90"), "P03": ("70", None)}, leases)
    first = sheet.row(ids(clerk)["P01"])
    assert (first.performance, first.leader, first.composite) == (
        Decimal("86.5"),
        Decimal(90),
        Decimal("88.25"),
    )
    assert first.version == 1 and first.assessment_id is not None
    assert sheet.row(ids(clerk)["P03"]).awaiting_score
    assert sheet.rules_frozen
    assert _count(clerk, QuarterlyAssessmentRow) == 2
    with clerk.opened.unit_of_work("test").read() as session:
        scheme = session.scalars(select(SchemeRow).where(SchemeRow.period == "2026Q2")).one()
        assert QuarterlyRules.from_json(scheme.rules_json) == QuarterlyRules()
        assert scheme.frozen_at == T0
        # Only entries were written: 综合得分 is computed, stored at the close.
        stored = session.scalars(select(QuarterlyAssessmentRow.composite)).all()
        assert stored == [None, None]
    assert _count(clerk, AuditRow) == audit + 3  # two rows and the scheme, in the audit log


def test_a_second_score_bumps_only_its_own_row(clerk: Workspace, leases: list[Lease]) -> None:
    score(clerk, {"P01": ("80", "80"), "P02": ("81", "81")}, leases)
    sheet = score(clerk, {"P01": ("85", "80")}, leases)
    assert sheet.row(ids(clerk)["P01"]).version == 2
    assert sheet.row(ids(clerk)["P02"]).version == 1
    # The same value again writes nothing.
    again = score(clerk, {"P01": ("85", "80")}, leases)
    assert again.row(ids(clerk)["P01"]).version == 2


def test_clearing_a_score_puts_the_person_back_to_unscored(
    clerk: Workspace, leases: list[Lease]
) -> None:
    score(clerk, {"P01": ("80", "80")}, leases)
    sheet = score(clerk, {"P01": (None, "80")}, leases)
    row = sheet.row(ids(clerk)["P01"])
    assert row.performance is None and row.awaiting_score
    assert "尚未录入实绩分" in "\n".join(sheet.blockers())


def test_clearing_a_cell_nobody_filled_writes_nothing(
    clerk: Workspace, leases: list[Lease]
) -> None:
    sheet = score(clerk, {"P02": (None, None)}, leases)
    assert sheet.row(ids(clerk)["P02"]).assessment_id is None
    assert _count(clerk, QuarterlyAssessmentRow) == 0 and not sheet.rules_frozen


def test_a_bad_value_among_several_changes_writes_nothing(
    clerk: Workspace, leases: list[Lease]
) -> None:
    sheet = clerk.grading.sheet(Q2)
    batch = changes(sheet, {"P01": ("86", "90"), "P02": ("100.5", "90"), "P03": ("70.25", "1")})
    audit = _count(clerk, AuditRow)
    with pytest.raises(InputError) as raised:
        clerk.grading.set_scores(Q2, batch, leases)
    message = str(raised.value)
    assert "王二（P02）的实绩分 100.5 超出范围" in message
    assert "李三（P03）的实绩分 70.25 最多保留一位小数" in message
    assert len(raised.value.errors) == 2
    assert _count(clerk, QuarterlyAssessmentRow) == 0
    assert _count(clerk, SchemeRow) == 0
    assert _count(clerk, AuditRow) == audit


def test_a_person_off_the_roster_is_refused(clerk: Workspace, leases: list[Lease]) -> None:
    change = ScoreChange(ids(clerk)["P06"], ScoreField.PERFORMANCE, Decimal(80), None)
    with pytest.raises(InputError, match=r"孙六（P06）不在2026年第二季度的考核名单中"):
        clerk.grading.set_scores(Q2, [change], leases)
    missing = ScoreChange(99999, ScoreField.PERFORMANCE, Decimal(80), None)
    with pytest.raises(InputError, match="内部编号 99999"):
        clerk.grading.set_scores(Q2, [missing], leases)
    assert _count(clerk, QuarterlyAssessmentRow) == 0


def test_a_stale_version_is_refused_and_nothing_written(
    path: Path, clerk: Workspace, leases: list[Lease]
) -> None:
    seen = clerk.grading.sheet(Q2)  # before anything was entered: no rows, version None
    admin = sign_in(path, Role.ADMIN, daily_backup=False)
    try:
        # Another workstation enters P01 in the meantime (it holds the lease now).
        for lease in leases:
            clerk.leases.release(lease)
        admin_leases = take_leases(admin)
        score(admin, {"P01": ("70", "70")}, admin_leases)
        for lease in admin_leases:
            admin.leases.release(lease)
    finally:
        admin.close()
    mine = take_leases(clerk)
    batch = changes(seen, {"P02": ("90", "90"), "P01": ("95", "95")})
    with pytest.raises(InputError, match=r"张一（P01）的平时考核已被他人修改，已重新载入"):
        clerk.grading.set_scores(Q2, batch, mine)
    sheet = clerk.grading.sheet(Q2)
    assert sheet.row(ids(clerk)["P01"]).performance == Decimal(70)
    assert sheet.row(ids(clerk)["P02"]).assessment_id is None


# --- leases -----------------------------------------------------------------------------


def test_a_change_without_the_departments_lease_is_refused(clerk: Workspace) -> None:
    only_first = take_leases(clerk, names=["综合科"])
    batch = changes(clerk.grading.sheet(Q2), {"P01": ("80", "80"), "P05": ("80", "80")})
    with pytest.raises(InputError, match=r"^质量科的评分未取得编辑锁，请重新进入编辑"):
        clerk.grading.set_scores(Q2, batch, only_first)
    # A lease of another quarter does not count either.
    other = take_leases(clerk, Quarter(2026, 3), ["质量科"])
    with pytest.raises(InputError, match="质量科的评分未取得编辑锁"):
        clerk.grading.set_scores(Q2, batch, only_first + other)
    assert _count(clerk, QuarterlyAssessmentRow) == 0


def test_the_second_workstation_is_refused_while_the_first_holds_the_lease(
    path: Path, clerk: Workspace, leases: list[Lease]
) -> None:
    admin = sign_in(path, Role.ADMIN, daily_backup=False, clock=Clock(T0))
    try:
        scope = grading_scope(str(Q2), department_ids(admin)["综合科"])
        with pytest.raises(LeaseHeldError, match="正由"):
            admin.leases.acquire(scope, "综合科评分")
        batch = changes(admin.grading.sheet(Q2), {"P01": ("80", "80")})
        with pytest.raises(InputError, match="综合科的评分未取得编辑锁"):
            admin.grading.set_scores(Q2, batch, [])
        # A lease whose token is not the one recorded (taken over) is refused too.
        forged = Lease(scope, "综合科评分", "not-the-token")
        with pytest.raises(LeaseLostError):
            admin.grading.set_scores(Q2, batch, [forged])
        assert _count(admin, QuarterlyAssessmentRow) == 0
        # The holder saves.
        saved = score(clerk, {"P01": ("80", "80")}, leases)
        assert saved.row(ids(clerk)["P01"]).composite == Decimal("80.00")
    finally:
        admin.close()


# --- 点评 --------------------------------------------------------------------------------


def test_comments_of_the_quarter_add_to_the_performance_score(
    clerk: Workspace, leases: list[Lease]
) -> None:
    person = ids(clerk)["P01"]
    score(clerk, {"P01": ("80", "90")}, leases)
    clerk.grading.add_comment(Q2, person, date(2026, 4, 17), CommentKind.PRAISE, "表扬一次", leases)
    clerk.grading.add_comment(Q2, person, date(2026, 6, 30), CommentKind.PRAISE, "再表扬", leases)
    clerk.grading.add_comment(
        Q2, person, date(2026, 5, 8), CommentKind.CRITICISM, "迟交材料", leases
    )
    # A comment of another quarter does not count in this one.
    clerk.grading.add_comment(
        Quarter(2026, 3),
        person,
        date(2026, 7, 1),
        CommentKind.PRAISE,
        "下季度",
        take_leases(clerk, Quarter(2026, 3), ["综合科"]),
    )

    def row_points(session: Session) -> None:
        row = session.scalars(
            select(QuarterlyAssessmentRow).where(QuarterlyAssessmentRow.person_id == person)
        ).one()
        row.comment_points = Decimal("1.5")  # 点评加减分 from a workbook

    _write(clerk, row_points)
    sheet = clerk.grading.sheet(Q2)
    row = sheet.row(person)
    assert row.comment_count == 3
    assert row.row_comment_points == Decimal("1.5")
    assert row.comment_points == Decimal("2") + Decimal("1.5")  # +2 +2 −2, +1.5
    assert row.performance_total == Decimal("83.5")
    assert row.composite == Decimal("86.75")
    listed = clerk.grading.comments(Q2, person)
    assert [(c.day, c.kind, c.points) for c in listed] == [
        (date(2026, 4, 17), CommentKind.PRAISE, Decimal(2)),
        (date(2026, 5, 8), CommentKind.CRITICISM, Decimal(-2)),
        (date(2026, 6, 30), CommentKind.PRAISE, Decimal(2)),
    ]


def test_a_comment_is_worth_the_quarters_own_points(path: Path, clerk: Workspace) -> None:
    admin = sign_in(path, Role.ADMIN, daily_backup=False)
    try:
        admin.grading.set_rules(Q2, QuarterlyRules(praise_points=Decimal(3)))
    finally:
        admin.close()
    leases = take_leases(clerk, names=["综合科"])
    person = ids(clerk)["P02"]
    sheet = clerk.grading.add_comment(
        Q2, person, date(2026, 4, 1), CommentKind.PRAISE, "表扬", leases
    )
    assert sheet.row(person).comment_points == Decimal(3)


def test_a_comment_outside_the_quarter_or_without_text_is_refused(
    clerk: Workspace, leases: list[Lease]
) -> None:
    person = ids(clerk)["P01"]
    with pytest.raises(InputError, match="不在2026年第二季度"):
        clerk.grading.add_comment(Q2, person, date(2026, 7, 1), CommentKind.PRAISE, "x", leases)
    with pytest.raises(InputError, match="点评内容不能为空"):
        clerk.grading.add_comment(Q2, person, date(2026, 5, 1), CommentKind.PRAISE, "  ", leases)
    with pytest.raises(InputError, match="评分未取得编辑锁"):
        clerk.grading.add_comment(Q2, person, date(2026, 5, 1), CommentKind.PRAISE, "好", [])
    with pytest.raises(InputError, match="点评内容最多 500 个字，现在是 501 个"):
        day = date(2026, 5, 1)
        clerk.grading.add_comment(Q2, person, day, CommentKind.PRAISE, "表" * 501, leases)
    assert clerk.grading.comments(Q2, person) == []


def test_deleting_a_comment_checks_its_version(clerk: Workspace, leases: list[Lease]) -> None:
    person = ids(clerk)["P03"]
    clerk.grading.add_comment(Q2, person, date(2026, 5, 1), CommentKind.CRITICISM, "迟到", leases)
    (comment,) = clerk.grading.comments(Q2, person)
    with pytest.raises(InputError, match="已被他人修改"):
        clerk.grading.delete_comment(Q2, comment.id, comment.version + 1, leases)
    with pytest.raises(InputError, match="评分未取得编辑锁"):
        clerk.grading.delete_comment(Q2, comment.id, comment.version, [])
    with pytest.raises(InputError, match="不属于2026年第三季度"):
        clerk.grading.delete_comment(Quarter(2026, 3), comment.id, comment.version, leases)
    sheet = clerk.grading.delete_comment(Q2, comment.id, comment.version, leases)
    assert sheet.row(person).comment_count == 0
    assert clerk.grading.comments(Q2, person) == []
    with pytest.raises(InputError, match="已被他人删除"):
        clerk.grading.delete_comment(Q2, comment.id, comment.version, leases)


# --- the quarter a year opens on -------------------------------------------------------


def test_the_default_quarter_is_the_latest_begun_one_with_entries(path: Path) -> None:
    """Worked case on 22 November 2026 (Q1–Q3 ended, Q4 begun): with nothing entered the
    tab opens on Q3, the latest ended; once Q2 has scores it opens on Q2; once Q2 is
    closed, on Q3, which has begun; on 30 June (Q3 not begun) a closed Q2 stays."""
    clock = Clock(datetime(2026, 11, 22, 9, 0, 0))
    admin = sign_in(path, Role.ADMIN, daily_backup=False, clock=clock)
    try:
        grading = admin.grading
        assert grading.default_quarter(2026) == Quarter(2026, 3)
        assert grading.default_quarter(2025) == Quarter(2025, 4)  # a past year: its last
        assert grading.default_quarter(2027) == Quarter(2027, 1)  # nothing begun: the first
        clock.now = datetime(2026, 2, 1, 9, 0, 0)
        assert grading.default_quarter(2026) == Quarter(2026, 1)  # nothing ended yet

        clock.now = datetime(2026, 11, 22, 9, 0, 0)
        all_scored = {
            "P01": ("95", "95"),
            "P02": ("92", "92"),
            "P03": ("85", "85"),
            "P04": ("80", "80"),
            "P05": ("70", "70"),
        }
        score(admin, all_scored, take_leases(admin))
        assert grading.default_quarter(2026) == Q2  # being graded, though Q3 has ended

        grading.close_quarter(Q2)
        assert grading.default_quarter(2026) == Quarter(2026, 3)  # Q2 done: the next one
        clock.now = datetime(2026, 6, 30, 9, 0, 0)
        assert grading.default_quarter(2026) == Q2  # the next has not begun
    finally:
        admin.close()
