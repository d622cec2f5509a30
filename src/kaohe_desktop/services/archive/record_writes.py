"""Writing a person's 奖惩 and 谈心谈话 records: the transactions behind the dialogs.

Each write runs inside one transaction and refuses (nothing written) before it changes
anything: the person's archive lease not held (or another person's), a draft the
dialog's own rules refuse (domain/archive_records, today from the service's clock), a
record another workstation changed or removed since the clerk saw it. A 处分 saved
without an impact end gets its type's default (domain/discipline_rules). Changing a
record's type between 奖励 and 处分 moves it from one table to the other in the same
transaction. The audit rows come from the ORM hooks; each names the person
(name_for_audit), not only the record's type.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from kaohe_desktop.domain.archive_records import (
    RewardDraft,
    TalkDraft,
    reward_problems,
    talk_problems,
)
from kaohe_desktop.domain.discipline_rules import default_impact_until
from kaohe_desktop.domain.enums import CommendationType, DisciplineType, TalkKind, label_or_none
from kaohe_desktop.domain.leases import archive_scope
from kaohe_desktop.services.access.leases import Lease, require_lease
from kaohe_desktop.services.common.refusals import refuse
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.exchange.upsert import assign
from kaohe_desktop.storage.models import CommendationRow, DisciplineRow, PersonRow, TalkRow

RewardRow = CommendationRow | DisciplineRow


def lease_label(name: str, code: str) -> str:
    return f"{name}（{code}）的奖惩与谈话"


def person_row(session: Session, person_id: int, refused: str = "未保存") -> PersonRow:
    person = session.get(PersonRow, person_id)
    if person is None:
        raise InputError(
            f"{refused}：该人员（内部编号 {person_id}）不存在，可能已被删除，请刷新列表。"
        )
    return person


def require_archive_lease(session: Session, person: PersonRow, lease: Lease) -> None:
    """The lease of the person's records, still held by this editor."""
    if lease.scope != archive_scope(person.id):
        raise InputError(
            f"未保存：未取得{lease_label(person.name, person.code)}的编辑锁，请重新进入编辑。"
        )
    require_lease(session, lease)


def _who(person: PersonRow) -> str:
    return f"{person.name}（{person.code}）"


# --- 奖励 and 处分·组织处理 ----------------------------------------------------------------


def _reward_values(draft: RewardDraft) -> dict[str, object]:
    impact = draft.impact_until
    if impact is None and isinstance(draft.type, DisciplineType):
        impact = default_impact_until(draft.type, draft.on)
    day = "decided_on" if draft.is_discipline else "awarded_on"
    return {
        day: draft.on,
        "type": draft.type.value,
        "reason": draft.reason,
        "doc_no": draft.doc_no,
        "impact_until": impact,
    }


def _check_reward(draft: RewardDraft, today: date) -> RewardDraft:
    draft = draft.cleaned()
    refuse([p.message for p in reward_problems(draft, today)])
    return draft


def _name_reward(row: RewardRow, person: PersonRow, on: date) -> None:
    kind = DisciplineType if isinstance(row, DisciplineRow) else CommendationType
    label = label_or_none(kind, row.type) or row.type
    row.name_for_audit(f"{_who(person)}{label} {on.isoformat()}")


def _new_reward(session: Session, person: PersonRow, draft: RewardDraft) -> None:
    values = _reward_values(draft)
    row: RewardRow = (
        DisciplineRow(person_id=person.id)
        if draft.is_discipline
        else CommendationRow(person_id=person.id)
    )
    assign(row, values, keep_blank=False)
    _name_reward(row, person, draft.on)
    session.add(row)


def add_reward(
    session: Session, person_id: int, draft: RewardDraft, lease: Lease, today: date
) -> None:
    person = person_row(session, person_id)
    require_archive_lease(session, person, lease)
    _new_reward(session, person, _check_reward(draft, today))


def _reward(
    session: Session, reward_id: int, discipline: bool, expected_version: int, deleting: bool
) -> RewardRow:
    what = "处分·组织处理记录" if discipline else "奖励记录"
    row: RewardRow | None = (
        session.get(DisciplineRow, reward_id)
        if discipline
        else session.get(CommendationRow, reward_id)
    )
    if row is None:
        raise InputError(f"未保存：该{what}已被他人删除，已重新载入。")
    if row.version != expected_version:
        act = "删除" if deleting else "保存"
        raise InputError(f"未{act}：该{what}已被他人修改，已重新载入，请核对后再{act}。")
    return row


def _on(row: RewardRow) -> date:
    return row.decided_on if isinstance(row, DisciplineRow) else row.awarded_on


def update_reward(
    session: Session,
    reward_id: int,
    discipline: bool,
    expected_version: int,
    draft: RewardDraft,
    lease: Lease,
    today: date,
) -> int:
    """The person the record belongs to."""
    row = _reward(session, reward_id, discipline, expected_version, deleting=False)
    person = person_row(session, row.person_id)
    require_archive_lease(session, person, lease)
    draft = _check_reward(draft, today)
    if draft.is_discipline != discipline:  # 奖励 ↔ 处分: into the other table
        _name_reward(row, person, _on(row))
        session.delete(row)
        session.flush()
        _new_reward(session, person, draft)
        return person.id
    assign(row, _reward_values(draft), keep_blank=False)  # unchanged: no audit entry
    _name_reward(row, person, draft.on)
    return person.id


def delete_reward(
    session: Session, reward_id: int, discipline: bool, expected_version: int, lease: Lease
) -> int:
    row = _reward(session, reward_id, discipline, expected_version, deleting=True)
    person = person_row(session, row.person_id)
    require_archive_lease(session, person, lease)
    _name_reward(row, person, _on(row))
    session.delete(row)
    return person.id


# --- 谈心谈话 ---------------------------------------------------------------------------


def _check_talk(draft: TalkDraft, today: date) -> TalkDraft:
    draft = draft.cleaned()
    refuse([p.message for p in talk_problems(draft, today)])
    return draft


def _talk_values(draft: TalkDraft) -> dict[str, object]:
    return {
        "talked_on": draft.on,
        "talker": draft.talker,
        "kind": None if draft.kind is None else draft.kind.value,
        "summary": draft.summary,
    }


def _name_talk(row: TalkRow, person: PersonRow) -> None:
    kind = label_or_none(TalkKind, row.kind) or TalkKind.HEART_TO_HEART.label
    row.name_for_audit(f"{_who(person)}{kind} {row.talked_on.isoformat()}")


def add_talk(session: Session, person_id: int, draft: TalkDraft, lease: Lease, today: date) -> None:
    person = person_row(session, person_id)
    require_archive_lease(session, person, lease)
    row = TalkRow(person_id=person.id)
    assign(row, _talk_values(_check_talk(draft, today)), keep_blank=False)
    _name_talk(row, person)
    session.add(row)


def _talk(session: Session, talk_id: int, expected_version: int, deleting: bool) -> TalkRow:
    row = session.get(TalkRow, talk_id)
    if row is None:
        raise InputError("未保存：该谈话记录已被他人删除，已重新载入。")
    if row.version != expected_version:
        act = "删除" if deleting else "保存"
        raise InputError(f"未{act}：该谈话记录已被他人修改，已重新载入，请核对后再{act}。")
    return row


def update_talk(
    session: Session, talk_id: int, expected_version: int, draft: TalkDraft, lease: Lease,
    today: date,
) -> int:  # fmt: skip
    row = _talk(session, talk_id, expected_version, deleting=False)
    person = person_row(session, row.person_id)
    require_archive_lease(session, person, lease)
    assign(row, _talk_values(_check_talk(draft, today)), keep_blank=False)
    _name_talk(row, person)
    return person.id


def delete_talk(session: Session, talk_id: int, expected_version: int, lease: Lease) -> int:
    row = _talk(session, talk_id, expected_version, deleting=True)
    person = person_row(session, row.person_id)
    require_archive_lease(session, person, lease)
    _name_talk(row, person)
    session.delete(row)
    return person.id
