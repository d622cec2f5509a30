"""Adding, changing and deleting a person's 奖惩 (奖励, 处分·组织处理) and 谈心谈话
records (ws.archive_records), under the person's archive lease.

Each write is one transaction (services/archive/record_writes: lease, the dialog's
own rules, the version seen) and returns the person's fresh archive, so the tab shows
it without reading again. The archive is read with the open quarters' outcomes kept by
the PersonArchive (`outcomes`): a record changes no quarter's grade, so nothing is
regraded.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from sqlalchemy.orm import Session

from kaohe_desktop.domain.archive_records import RewardDraft, TalkDraft
from kaohe_desktop.domain.leases import archive_scope
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.access.guard import Guard, requires
from kaohe_desktop.services.access.leases import Lease, acquire_lease, this_workstation
from kaohe_desktop.services.archive import record_writes as writes
from kaohe_desktop.services.archive.open_outcomes import QuarterOutcomes
from kaohe_desktop.services.archive.person_archive import load_archive
from kaohe_desktop.services.archive.views import PersonArchiveView
from kaohe_desktop.storage.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]


class ArchiveRecords:
    def __init__(
        self,
        guard: Guard,
        uow: UnitOfWork,
        *,
        clock: Clock = datetime.now,
        outcomes: QuarterOutcomes | None = None,
    ) -> None:
        self.guard = guard
        self._uow = uow
        self._clock = clock
        self.outcomes = outcomes if outcomes is not None else QuarterOutcomes()
        self.workstation = this_workstation()

    def _today(self) -> date:
        return self._clock().date()

    def _archive(self, person_id: int) -> PersonArchiveView:
        with self._uow.read() as session:
            return load_archive(session, person_id, self.outcomes)

    def _write(self, work: Callable[[Session], int]) -> PersonArchiveView:
        """Run `work` (returning the person it changed) in one write; their archive."""
        return self._archive(self._uow.write(work))

    @requires(Action.ENTER_DATA)
    def acquire_lease(self, person_id: int) -> Lease:
        """The lease of the person's records (LeaseHeldError naming who holds it); keep
        it alive with LeaseService.heartbeat and give it back with LeaseService.release."""
        with self._uow.read() as session:
            person = writes.person_row(session, person_id, "未能开始编辑")
            label = writes.lease_label(person.name, person.code)
        return acquire_lease(
            self._uow, self.guard.actor, self.workstation, archive_scope(person_id), label,
            self._clock,
        )  # fmt: skip

    # --- 奖励 and 处分·组织处理 --------------------------------------------------------------

    @requires(Action.ENTER_DATA)
    def add_reward(self, person_id: int, draft: RewardDraft, lease: Lease) -> PersonArchiveView:
        """A 奖励 (draft.type a CommendationType) or a 处分·组织处理 (a DisciplineType);
        a 处分 without an impact end gets its type's default."""
        today = self._today()

        def work(session: Session) -> int:
            writes.add_reward(session, person_id, draft, lease, today)
            return person_id

        return self._write(work)

    @requires(Action.ENTER_DATA)
    def update_reward(
        self,
        reward_id: int,
        discipline: bool,
        expected_version: int,
        draft: RewardDraft,
        lease: Lease,
    ) -> PersonArchiveView:
        """`discipline`: which table the record is in now (RewardView.discipline); a draft
        of the other kind moves it there."""
        today = self._today()
        return self._write(
            lambda session: writes.update_reward(
                session, reward_id, discipline, expected_version, draft, lease, today
            )
        )

    @requires(Action.ENTER_DATA)
    def delete_reward(
        self, reward_id: int, discipline: bool, expected_version: int, lease: Lease
    ) -> PersonArchiveView:
        return self._write(
            lambda session: writes.delete_reward(
                session, reward_id, discipline, expected_version, lease
            )
        )

    # --- 谈心谈话 -----------------------------------------------------------------------

    @requires(Action.ENTER_DATA)
    def add_talk(self, person_id: int, draft: TalkDraft, lease: Lease) -> PersonArchiveView:
        today = self._today()

        def work(session: Session) -> int:
            writes.add_talk(session, person_id, draft, lease, today)
            return person_id

        return self._write(work)

    @requires(Action.ENTER_DATA)
    def update_talk(
        self, talk_id: int, expected_version: int, draft: TalkDraft, lease: Lease
    ) -> PersonArchiveView:
        today = self._today()
        return self._write(
            lambda session: writes.update_talk(
                session, talk_id, expected_version, draft, lease, today
            )
        )

    @requires(Action.ENTER_DATA)
    def delete_talk(self, talk_id: int, expected_version: int, lease: Lease) -> PersonArchiveView:
        return self._write(
            lambda session: writes.delete_talk(session, talk_id, expected_version, lease)
        )
