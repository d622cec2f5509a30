"""services/archive/person_archive: one person's whole archive — details, department
history, every quarter as its grid or its close shows it (the open quarter's 等次 from
the grid's own sheet, kept between reads until a grading input changes), 奖惩 with what
they bar, 谈话 and 点评 newest first — and the old timeline built from it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from tests.factories import Clock, CopyMaster, sign_in
from tests.services.archive.archive_bureau import ARCHIVE_BUREAU, MOVED_ON, Q3
from tests.services.grading_bureau import Q2, ids, score, take_leases

from kaohe_desktop.domain.archive_records import RewardDraft, TalkDraft
from kaohe_desktop.domain.enums import CommendationType, DisciplineType, TalkKind
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.archive.open_outcomes import QuarterOutcomes
from kaohe_desktop.services.archive.person_archive import load_archive
from kaohe_desktop.services.archive.views import ArchiveQuarter, StintView
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.storage.models import DisciplineRow, TalkRow

TODAY = datetime(2026, 10, 20, 9, 0, 0)


@pytest.fixture
def path(copy_master: CopyMaster) -> Path:
    return copy_master(ARCHIVE_BUREAU)


@pytest.fixture
def admin(path: Path) -> Iterator[Workspace]:
    workspace = sign_in(path, Role.ADMIN, daily_backup=False, clock=Clock(TODAY))
    yield workspace
    workspace.close()


def _quarter(workspace: Workspace, person_id: int, quarter: str) -> ArchiveQuarter:
    (shown,) = [q for q in workspace.archive.archive(person_id).quarters if q.quarter == quarter]
    return shown


def _grades(quarters: tuple[ArchiveQuarter, ...]) -> list[tuple[str, str | None, int | None, bool]]:
    return [(q.quarter, q.grade, q.rank, q.closed) for q in quarters]


# --- quarters -------------------------------------------------------------------------


def test_a_closed_and_an_open_quarter_with_their_grades(admin: Workspace) -> None:
    people = ids(admin)
    expected = {  # hand-worked in archive_bureau: (2026Q2 closed, 2026Q3 open)
        "P01": [("2026Q2", "好", 1, True), ("2026Q3", "较好", 5, False)],
        "P02": [("2026Q2", "好", 2, True), ("2026Q3", "好", 1, False)],
        "P03": [("2026Q2", "较好", 3, True), ("2026Q3", "较好", 3, False)],
        "P04": [("2026Q2", "较好", 1, True), ("2026Q3", "较差", 1, False)],
        "P05": [("2026Q2", "一般", 4, True), ("2026Q3", "好", 2, False)],
        "P06": [("2026Q3", "较好", 4, False)],
    }
    for code, quarters in expected.items():
        assert _grades(admin.archive.archive(people[code]).quarters) == quarters, code

    p01 = admin.archive.archive(people["P01"])
    q2, q3 = p01.quarters
    assert (q2.label, q2.department, q2.category) == ("2026年第二季度", "综合科", "一般公务员")
    assert (q2.performance, q2.leader, q2.composite) == (Decimal(95), Decimal(95), Decimal(95))
    # The 表扬 of 2026-08-10 counts in Q3: 实绩分 80 + 2 = 82, (82 + 80) / 2 = 81.00.
    assert (q3.performance, q3.comment_points, q3.composite) == (
        Decimal(80), Decimal(2), Decimal("81.00"),
    )  # fmt: skip
    assert p01.chart_points() == [("2026Q2", Decimal(95)), ("2026Q3", Decimal("81.00"))]
    # P05 was graded in 质量科 in Q2 and in 市场科 (moved 2026-09-01) in Q3.
    p05 = admin.archive.archive(people["P05"])
    assert [q.department for q in p05.quarters] == ["质量科", "市场科"]


def test_the_open_quarter_is_the_grids(admin: Workspace) -> None:
    sheet = admin.grading.sheet(Q3)
    for row in sheet.rows:
        shown = _quarter(admin, row.person_id, "2026Q3")
        assert row.grade is not None
        assert (shown.grade, shown.rank, shown.composite) == (
            row.grade.label, row.rank, row.composite,
        )  # fmt: skip
        assert shown.flag is None and not shown.closed
    closed = admin.grading.sheet(Q2)
    for row in closed.rows:
        shown = _quarter(admin, row.person_id, "2026Q2")
        assert row.grade is not None
        assert (shown.grade, shown.rank, shown.closed) == (row.grade.label, row.rank, True)


def test_the_open_quarter_is_graded_once_until_its_inputs_change(admin: Workspace) -> None:
    people = ids(admin)
    outcomes = admin.archive.outcomes
    for code in ("P01", "P02", "P03"):
        admin.archive.archive(people[code])
    assert outcomes.builds == 1  # Q3 once; the closed Q2 never

    # A record of the archive changes no grade: the fresh archive reuses the outcomes.
    lease = admin.archive_records.acquire_lease(people["P01"])
    talk = TalkDraft(date(2026, 10, 9), "局长王某", TalkKind.HEART_TO_HEART, "谈工作")
    admin.archive_records.add_talk(people["P01"], talk, lease)
    assert outcomes.builds == 1

    # A score changes the grid: P01 at 99/99 takes P05's 好 (P02 96, P01 99 ahead of 94).
    # The archive reads the grid's own sheets (one cache): the score changed the kept
    # sheet in place, and the archive sees it without grading the quarter again.
    assert outcomes.sheets is admin.grading.sheets
    leases = take_leases(admin, Q3)
    score(admin, {"P01": ("99", "99")}, leases, Q3)
    assert _grades(admin.archive.archive(people["P01"]).quarters)[1] == ("2026Q3", "好", 1, False)
    assert _grades(admin.archive.archive(people["P05"]).quarters)[1] == (
        "2026Q3", "较好", 3, False,
    )  # fmt: skip
    assert (outcomes.builds, outcomes.sheets.updates) == (1, 1)


def test_another_workstations_score_changes_the_archive(admin: Workspace, path: Path) -> None:
    people = ids(admin)
    assert _grades(admin.archive.archive(people["P01"]).quarters)[1] == (
        "2026Q3", "较好", 5, False,
    )  # fmt: skip
    other = sign_in(path, Role.ADMIN, daily_backup=False, clock=Clock(TODAY))
    try:
        score(other, {"P01": ("99", "99")}, take_leases(other, Q3), Q3)
    finally:
        other.close()
    assert _grades(admin.archive.archive(people["P01"]).quarters)[1] == ("2026Q3", "好", 1, False)
    assert _grades(admin.archive.archive(people["P05"]).quarters)[1] == (
        "2026Q3", "较好", 3, False,
    )  # fmt: skip


def test_a_quarter_closed_since_shows_what_its_close_stored(admin: Workspace) -> None:
    people = ids(admin)
    before = [_grades(admin.archive.archive(people[c]).quarters) for c in ("P01", "P04")]
    admin.grading.close_quarter(Q3)
    after = [_grades(admin.archive.archive(people[c]).quarters) for c in ("P01", "P04")]
    assert after == [[(*q[:3], True) for q in quarters] for quarters in before]
    assert admin.archive.outcomes.builds == 1  # read before the close only


def test_a_cache_of_its_own_keeps_at_most_its_latest_quarters(admin: Workspace) -> None:
    outcomes = QuarterOutcomes(keep=1)
    with admin._uow.read() as session:
        outcomes.outcomes(session, Q3)
        outcomes.outcomes(session, Q3)  # kept
        outcomes.outcomes(session, Q2)  # Q3 dropped for it
        outcomes.outcomes(session, Q3)
    assert outcomes.builds == 3


# --- details, history, records --------------------------------------------------------


def _add_records(admin: Workspace, person_id: int) -> None:
    lease = admin.archive_records.acquire_lease(person_id)
    records = admin.archive_records
    demerit = RewardDraft(
        DisciplineType.MAJOR_DEMERIT, date(2026, 10, 15), "违规发放补贴", "县纪委〔2026〕9号"
    )
    records.add_reward(person_id, demerit, lease)
    records.add_reward(
        person_id, RewardDraft(CommendationType.COMMENDATION, date(2025, 12, 30), "年度嘉奖"), lease
    )
    records.add_reward(
        person_id, RewardDraft(CommendationType.MERIT_3, date(2026, 3, 1), "抗洪抢险"), lease
    )
    for day, kind in (
        (date(2026, 3, 10), TalkKind.HEART_TO_HEART),
        (date(2026, 9, 20), TalkKind.APPOINTMENT),
        (date(2026, 6, 1), None),
    ):
        records.add_talk(person_id, TalkDraft(day, "党组书记李某", kind), lease)
    admin.leases.release(lease)


def test_the_whole_archive_of_a_person(admin: Workspace) -> None:
    person_id = ids(admin)["P05"]
    _add_records(admin, person_id)
    view = admin.archive.archive(person_id)
    assert (view.person.code, view.person.name, view.person.department) == ("P05", "钱五", "市场科")
    assert view.in_service and not view.principal
    assert view.stints == (
        StintView("质量科", date(2020, 1, 1), date(2026, 8, 31)),
        StintView("市场科", MOVED_ON, None),
    )
    (discipline,) = view.disciplines
    assert (discipline.type, discipline.on, discipline.doc_no) == (
        "记大过", date(2026, 10, 15), "县纪委〔2026〕9号",
    )  # fmt: skip
    assert discipline.impact_until == date(2028, 4, 14)  # 18 months, the day before
    assert discipline.effects == "2026年度不定等次；2027年度不定等次"
    assert [(c.type, c.on) for c in view.commendations] == [
        ("记三等功", date(2026, 3, 1)), ("嘉奖", date(2025, 12, 30)),
    ]  # fmt: skip
    assert all(c.effects is None and not c.discipline for c in view.commendations)
    assert [(t.on, t.kind) for t in view.talks] == [  # newest first; no kind: 谈心谈话
        (date(2026, 9, 20), "任职谈话"), (date(2026, 6, 1), "谈心谈话"),
        (date(2026, 3, 10), "谈心谈话"),
    ]  # fmt: skip
    assert view.talks[1].kind_code is None
    # The year as it stands: 记大过 in 2026 means 不定等次 (services/archive/annual_sheet).
    assert [(a.year, a.grade, a.closed) for a in view.annual] == [(2026, "不定等次", False)]


def test_comments_newest_first(admin: Workspace) -> None:
    p01 = admin.archive.archive(ids(admin)["P01"])
    assert [(c.on, c.kind, c.points, c.text) for c in p01.comments] == [
        (date(2026, 8, 10), "表扬", Decimal(2), "主动加班完成抽检")
    ]


def test_codes_of_a_newer_version_are_shown_as_they_are(admin: Workspace) -> None:
    person_id = ids(admin)["P02"]

    def work(session: Session) -> None:
        day = date(2026, 1, 5)
        session.add(DisciplineRow(person_id=person_id, decided_on=day, type="recall"))
        session.add(TalkRow(person_id=person_id, talked_on=day, talker="甲", kind="x9"))

    admin._uow.write(work)
    view = admin.archive.archive(person_id)
    assert [(d.type_code, d.type, d.effects) for d in view.disciplines] == [
        ("recall", "recall", None)
    ]
    assert [(t.kind_code, t.kind) for t in view.talks] == [("x9", "x9")]


def test_an_unknown_person_is_refused(admin: Workspace) -> None:
    with pytest.raises(InputError, match="未找到该人员"):
        admin.archive.archive(99999)


def test_a_print_reads_the_same_archive(admin: Workspace) -> None:
    person_id = ids(admin)["P03"]
    with admin._uow.read() as session:
        printed = load_archive(session, person_id, QuarterOutcomes())
    assert printed == admin.archive.archive(person_id)


# --- the timeline (the tab before issue 15) --------------------------------------------


def test_the_timeline_carries_grades_and_years(admin: Workspace) -> None:
    person_id = ids(admin)["P05"]
    _add_records(admin, person_id)
    entries = admin.archive.entries(person_id)
    quarters = [(e.kind, e.summary, e.detail) for e in entries if e.kind.startswith("平时考核")]
    assert quarters == [
        ("平时考核 2026年第三季度", "综合得分 94.00",
         "等次 好（第 2 名），季度未关闭；实绩分 94，领导测评分 94，点评 +0"),
        ("平时考核 2026年第二季度", "综合得分 70.00",
         "等次 一般（第 4 名）；实绩分 70，领导测评分 70，点评 +0"),
    ]  # fmt: skip
    (year,) = [e for e in entries if e.kind.startswith("年度考核")]
    assert (year.date, year.kind, year.summary) == (
        date(2026, 12, 31), "年度考核 2026年度", "不定等次（年度未关闭）",
    )  # fmt: skip
    (discipline,) = [e for e in entries if e.kind == "处分·组织处理"]
    assert discipline.summary == "记大过，影响期至 2028-04-14"
    assert discipline.detail == (
        "违规发放补贴（县纪委〔2026〕9号）；2026年度不定等次；2027年度不定等次"
    )
    assert [e.date for e in entries] == sorted((e.date for e in entries), reverse=True)
