"""services/archive/records: adding, changing and deleting a person's 奖惩 and 谈话 —
each one write under the person's archive lease, the dialog's rules checked again with
today from the clock, a stale version refused with nothing written, a 处分's default
impact end, 奖励 ↔ 处分 moved between the tables, audit rows naming the person."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from tests.factories import Clock, CopyMaster, sign_in, source_of
from tests.services.grading_bureau import GRADING_BUREAU, ids

from kaohe_desktop.domain.archive_records import RewardDraft, TalkDraft
from kaohe_desktop.domain.enums import CommendationType, DisciplineType, TalkKind
from kaohe_desktop.domain.leases import archive_scope
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.access.leases import Lease
from kaohe_desktop.services.errors import InputError, LeaseHeldError, LeaseLostError
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.storage.models import AuditRow, CommendationRow, DisciplineRow, TalkRow

TODAY = datetime(2026, 10, 20, 9, 0, 0)
DEMERIT = RewardDraft(
    DisciplineType.MAJOR_DEMERIT, date(2026, 10, 15), "违规发放补贴", "纪〔2026〕9号"
)
PRAISE = RewardDraft(CommendationType.COMMENDATION, date(2026, 5, 4), "青年先锋", "市监〔2026〕3号")
TALK = TalkDraft(date(2026, 9, 1), "局长王某", TalkKind.HEART_TO_HEART, "谈工作作风")


@pytest.fixture
def path(copy_master: CopyMaster) -> Path:
    return copy_master(GRADING_BUREAU)


@pytest.fixture
def clerk(path: Path) -> Iterator[Workspace]:
    workspace = sign_in(path, Role.CLERK, daily_backup=False, clock=Clock(TODAY))
    yield workspace
    workspace.close()


@pytest.fixture
def person(clerk: Workspace) -> int:
    return ids(clerk)["P01"]  # 张一


@pytest.fixture
def lease(clerk: Workspace, person: int) -> Lease:
    return clerk.archive_records.acquire_lease(person)


def _audit(workspace: Workspace, after: int = 0) -> list[tuple[str, str, str | None]]:
    """(action, table, label) of the audit rows after id `after`."""
    with workspace._uow.read() as session:
        rows = session.execute(
            select(AuditRow.action, AuditRow.entity, AuditRow.label)
            .where(AuditRow.id > after)
            .order_by(AuditRow.id)
        ).all()
    return [(r.action, r.entity, r.label) for r in rows]


def _last_audit_id(workspace: Workspace) -> int:
    with workspace._uow.read() as session:
        return session.scalar(select(func.max(AuditRow.id))) or 0


def _counts(workspace: Workspace) -> tuple[int, ...]:
    """Rows of 奖励, 处分, 谈话 and the audit log."""
    with workspace._uow.read() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (CommendationRow, DisciplineRow, TalkRow, AuditRow)
        )


# --- the lease ----------------------------------------------------------------------------


def test_the_lease_names_the_person(clerk: Workspace, person: int, lease: Lease) -> None:
    assert (lease.scope, lease.label) == (archive_scope(person), "张一（P01）的奖惩与谈话")
    admin = sign_in(source_of(clerk), Role.ADMIN, daily_backup=False, clock=Clock(TODAY))
    try:
        with pytest.raises(LeaseHeldError, match="张一（P01）的奖惩与谈话"):
            admin.archive_records.acquire_lease(person)
    finally:
        admin.close()


def test_no_lease_no_write(clerk: Workspace, person: int, lease: Lease) -> None:
    before = _counts(clerk)
    other = clerk.archive_records.acquire_lease(ids(clerk)["P02"])
    with pytest.raises(InputError, match="未取得张一（P01）的奖惩与谈话的编辑锁"):
        clerk.archive_records.add_talk(person, TALK, other)  # another person's lease
    clerk.leases.release(lease)
    with pytest.raises(LeaseLostError, match="本次修改未保存"):
        clerk.archive_records.add_reward(person, PRAISE, lease)  # given back
    assert _counts(clerk) == before


# --- 奖励 and 处分 --------------------------------------------------------------------------


def test_a_discipline_gets_its_default_impact_end(
    clerk: Workspace, person: int, lease: Lease
) -> None:
    start = _last_audit_id(clerk)
    view = clerk.archive_records.add_reward(person, DEMERIT, lease)
    (shown,) = view.disciplines
    # 记大过: 18 months from 2026-10-15, the day before → 2028-04-14.
    assert (shown.type, shown.on, shown.impact_until) == (
        "记大过",
        date(2026, 10, 15),
        date(2028, 4, 14),
    )
    assert shown.effects == "2026年度不定等次；2027年度不定等次"
    assert (shown.reason, shown.doc_no, shown.version) == ("违规发放补贴", "纪〔2026〕9号", 1)
    assert _audit(clerk, start) == [("insert", "discipline", "张一（P01）记大过 2026-10-15")]
    # An impact end given by the clerk stands.
    own = RewardDraft(DisciplineType.WARNING, date(2026, 1, 9), impact_until=date(2026, 12, 31))
    view = clerk.archive_records.add_reward(person, own, lease)
    assert [d.impact_until for d in view.disciplines] == [date(2028, 4, 14), date(2026, 12, 31)]


def test_add_update_delete_a_commendation(clerk: Workspace, person: int, lease: Lease) -> None:
    start = _last_audit_id(clerk)
    (added,) = clerk.archive_records.add_reward(person, PRAISE, lease).commendations
    assert (added.type, added.on, added.impact_until, added.version) == (
        "嘉奖", date(2026, 5, 4), None, 1,
    )  # fmt: skip
    changed = RewardDraft(CommendationType.MERIT_3, date(2026, 5, 4), "抗洪抢险", "市监〔2026〕3号")
    (updated,) = clerk.archive_records.update_reward(
        added.id, False, added.version, changed, lease
    ).commendations
    assert (updated.id, updated.type, updated.reason, updated.version) == (
        added.id, "记三等功", "抗洪抢险", 2,
    )  # fmt: skip
    view = clerk.archive_records.delete_reward(updated.id, False, updated.version, lease)
    assert view.commendations == ()
    assert _audit(clerk, start) == [
        ("insert", "commendation", "张一（P01）嘉奖 2026-05-04"),
        ("update", "commendation", "张一（P01）记三等功 2026-05-04"),
        ("delete", "commendation", "张一（P01）记三等功 2026-05-04"),
    ]


def test_a_stale_version_is_refused_and_nothing_written(
    clerk: Workspace, person: int, lease: Lease
) -> None:
    (seen,) = clerk.archive_records.add_reward(person, PRAISE, lease).commendations
    other = RewardDraft(CommendationType.HONOUR, date(2026, 5, 4))
    (now,) = clerk.archive_records.update_reward(
        seen.id, False, seen.version, other, lease
    ).commendations
    before = _counts(clerk)
    with pytest.raises(InputError, match="该奖励记录已被他人修改，已重新载入"):
        clerk.archive_records.update_reward(seen.id, False, seen.version, PRAISE, lease)
    with pytest.raises(InputError, match="未删除：该奖励记录已被他人修改"):
        clerk.archive_records.delete_reward(seen.id, False, seen.version, lease)
    # Moving it to the 处分 table from a stale copy is refused too.
    with pytest.raises(InputError, match="已被他人修改"):
        clerk.archive_records.update_reward(seen.id, False, seen.version, DEMERIT, lease)
    assert _counts(clerk) == before
    assert clerk.archive.archive(person).commendations == (now,)
    clerk.archive_records.delete_reward(now.id, False, now.version, lease)
    with pytest.raises(InputError, match="该奖励记录已被他人删除，已重新载入"):
        clerk.archive_records.update_reward(now.id, False, now.version, PRAISE, lease)


def test_a_type_changed_moves_the_record_between_the_tables(
    clerk: Workspace, person: int, lease: Lease
) -> None:
    (praise,) = clerk.archive_records.add_reward(person, PRAISE, lease).commendations
    start = _last_audit_id(clerk)
    view = clerk.archive_records.update_reward(praise.id, False, praise.version, DEMERIT, lease)
    assert view.commendations == ()
    (moved,) = view.disciplines
    assert (moved.type, moved.impact_until, moved.version) == ("记大过", date(2028, 4, 14), 1)
    assert _audit(clerk, start) == [
        ("delete", "commendation", "张一（P01）嘉奖 2026-05-04"),
        ("insert", "discipline", "张一（P01）记大过 2026-10-15"),
    ]
    back = clerk.archive_records.update_reward(moved.id, True, moved.version, PRAISE, lease)
    assert back.disciplines == ()
    assert [(c.type, c.on, c.impact_until) for c in back.commendations] == [
        ("嘉奖", date(2026, 5, 4), None)
    ]
    assert _counts(clerk)[:3] == (1, 0, 0)


def test_a_future_date_and_every_problem_are_refused(
    clerk: Workspace, person: int, lease: Lease
) -> None:
    before = _counts(clerk)
    late = RewardDraft(DisciplineType.WARNING, date(2026, 10, 21), impact_until=date(2026, 10, 1))
    with pytest.raises(InputError) as raised:
        clerk.archive_records.add_reward(person, late, lease)
    assert "处分日期 2026-10-21 晚于今天" in str(raised.value)
    assert "影响期至 2026-10-01 早于处分日期 2026-10-21" in str(raised.value)
    with pytest.raises(InputError) as raised:
        clerk.archive_records.add_talk(person, TalkDraft(date(2026, 11, 1), " "), lease)
    assert "谈话日期 2026-11-01 晚于今天" in str(raised.value)
    assert "请填写谈话人" in str(raised.value)
    assert _counts(clerk) == before


# --- 谈心谈话 --------------------------------------------------------------------------------


def test_add_update_delete_a_talk(clerk: Workspace, person: int, lease: Lease) -> None:
    start = _last_audit_id(clerk)
    (added,) = clerk.archive_records.add_talk(person, TALK, lease).talks
    assert (added.on, added.talker, added.kind, added.summary) == (
        date(2026, 9, 1), "局长王某", "谈心谈话", "谈工作作风",
    )  # fmt: skip
    reminder = TalkDraft(date(2026, 9, 2), "纪检组长赵某", TalkKind.REMINDER, None)
    (updated,) = clerk.archive_records.update_talk(added.id, added.version, reminder, lease).talks
    assert (updated.on, updated.talker, updated.kind, updated.summary, updated.version) == (
        date(2026, 9, 2), "纪检组长赵某", "提醒谈话", None, 2,
    )  # fmt: skip
    before = _counts(clerk)
    with pytest.raises(InputError, match="该谈话记录已被他人修改"):
        clerk.archive_records.update_talk(added.id, added.version, TALK, lease)
    with pytest.raises(InputError, match="未删除：该谈话记录已被他人修改"):
        clerk.archive_records.delete_talk(added.id, added.version, lease)
    assert _counts(clerk) == before
    assert clerk.archive_records.delete_talk(updated.id, updated.version, lease).talks == ()
    with pytest.raises(InputError, match="该谈话记录已被他人删除"):
        clerk.archive_records.delete_talk(updated.id, updated.version, lease)
    assert _audit(clerk, start) == [
        ("insert", "talk", "张一（P01）谈心谈话 2026-09-01"),
        ("update", "talk", "张一（P01）提醒谈话 2026-09-02"),
        ("delete", "talk", "张一（P01）提醒谈话 2026-09-02"),
    ]
