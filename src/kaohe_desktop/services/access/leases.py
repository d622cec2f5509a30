"""Edit leases over the shared file (see domain/leases.py for the rules).

A lease is a row naming the holder, the workstation and a random token. Saves in a
leased scope call `require` inside their own write transaction, so a holder whose
lease was taken over is refused even if its screen still thinks it holds it.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from kaohe_desktop.domain.leases import LeaseInfo, LeaseState, may_reclaim
from kaohe_desktop.domain.roles import Action, Actor
from kaohe_desktop.services.access.guard import Guard, requires
from kaohe_desktop.services.errors import LeaseHeldError, LeaseLostError
from kaohe_desktop.storage.audit import record_event
from kaohe_desktop.storage.models import EditLeaseRow
from kaohe_desktop.storage.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]


def this_workstation() -> str:
    return f"{socket.gethostname()}#{os.getpid()}"


@dataclass(frozen=True)
class Lease:
    """A lease this program holds: its token proves it at every save."""

    scope: str
    label: str
    token: str


def lease_info(row: EditLeaseRow) -> LeaseInfo:
    return LeaseInfo(
        row.scope,
        row.label,
        row.holder,
        row.holder_name,
        row.workstation,
        row.acquired_at,
        row.heartbeat_at,
    )


def held_elsewhere(session: Session, scope: str, now: datetime) -> LeaseInfo | None:
    """The lease of `scope` while another workstation holds it alive, else None. A
    period's close waits for it: the lock would refuse what that clerk is typing."""
    row = session.get(EditLeaseRow, scope)
    if row is None or row.workstation == this_workstation():
        return None
    info = lease_info(row)
    return info if info.state(now) is LeaseState.ACTIVE else None


def require_lease(session: Session, lease: Lease) -> None:
    """Inside a write: refuse unless `lease` is still the one recorded for its scope."""
    row = session.get(EditLeaseRow, lease.scope)
    if row is None or row.token != lease.token:
        holder = f"{row.holder_name}（{row.holder}）" if row is not None else "他人"
        raise LeaseLostError(
            f"“{lease.label}”的编辑锁已被{holder}接管，本次修改未保存。"
            "您的修改仍在窗口中，可导出后与对方核对。"
        )


def _lease_row(
    actor: Actor, workstation: str, scope: str, label: str, token: str, now: datetime
) -> EditLeaseRow:
    return EditLeaseRow(
        scope=scope,
        label=label,
        holder=actor.username,
        holder_name=actor.display_name,
        workstation=workstation,
        token=token,
        acquired_at=now,
        heartbeat_at=now,
    )


def acquire_lease(
    uow: UnitOfWork, actor: Actor, workstation: str, scope: str, label: str, clock: Clock
) -> Lease:
    """Take the lease of `scope` for `actor`, or raise LeaseHeldError naming who has it.
    The right to take it is the caller's to check: LeaseService.acquire for the sheets
    edited with ENTER_DATA, CheckService.acquire_lease for 查账 (审核人 record checks
    without entering other data)."""
    token = str(uuid.uuid4())

    def work(session: Session) -> Lease:
        now = clock()
        row = session.get(EditLeaseRow, scope)
        if row is not None:
            info = lease_info(row)
            if not may_reclaim(info, actor.username, now):
                raise LeaseHeldError(info, info.describe(now))
            session.delete(row)
            session.flush()
        session.add(_lease_row(actor, workstation, scope, label, token, now))
        return Lease(scope, label, token)

    return uow.write(work)


def beat_lease(uow: UnitOfWork, lease: Lease, clock: Clock) -> None:
    """The holder's heartbeat (LeaseLostError once the lease was taken over)."""

    def work(session: Session) -> None:
        require_lease(session, lease)
        row = session.get(EditLeaseRow, lease.scope)
        assert row is not None
        row.heartbeat_at = clock()

    uow.write(work)


class LeaseService:
    def __init__(
        self,
        guard: Guard,
        uow: UnitOfWork,
        *,
        clock: Clock = datetime.now,
        workstation: str | None = None,
    ) -> None:
        self.guard = guard
        self._uow = uow
        self._clock = clock
        self.workstation = workstation or this_workstation()

    def _row(self, scope: str, label: str, token: str, now: datetime) -> EditLeaseRow:
        return _lease_row(self.guard.actor, self.workstation, scope, label, token, now)

    @requires(Action.VIEW)
    def holder(self, scope: str) -> LeaseInfo | None:
        with self._uow.read() as session:
            row = session.get(EditLeaseRow, scope)
            return None if row is None else lease_info(row)

    @requires(Action.ENTER_DATA)
    def acquire(self, scope: str, label: str) -> Lease:
        """Take the lease, or raise LeaseHeldError naming who has it."""
        return acquire_lease(
            self._uow, self.guard.actor, self.workstation, scope, label, self._clock
        )

    @requires(Action.ENTER_DATA)
    def heartbeat(self, lease: Lease) -> None:
        beat_lease(self._uow, lease, self._clock)

    @requires(Action.VIEW)
    def release(self, lease: Lease) -> None:
        """Give the lease back; nothing happens if it was already taken over."""

        def work(session: Session) -> None:
            row = session.get(EditLeaseRow, lease.scope)
            if row is not None and row.token == lease.token:
                session.delete(row)

        self._uow.write(work)

    @requires(Action.TAKE_OVER_LEASE)
    def take_over(self, scope: str, label: str) -> Lease:
        """管理员 only, and only a stale lease: the old holder's later saves are refused."""
        actor = self.guard.actor
        token = str(uuid.uuid4())

        def work(session: Session) -> Lease:
            now = self._clock()
            row = session.get(EditLeaseRow, scope)
            if row is not None:
                info = lease_info(row)
                if info.state(now) is LeaseState.ACTIVE and info.holder != actor.username:
                    raise LeaseHeldError(
                        info,
                        f"“{info.label}”的编辑锁仍有心跳（{info.holder_name} 正在编辑），"
                        "不能接管。请先与其联系。",
                    )
                record_event(
                    session.connection(),
                    actor.username,
                    "takeover",
                    "edit_lease",
                    scope,
                    label,
                    {
                        "from": info.holder,
                        "workstation": info.workstation,
                        "last_heartbeat": info.heartbeat_at.isoformat(timespec="seconds"),
                    },
                )
                session.delete(row)
                session.flush()
            session.add(self._row(scope, label, token, now))
            return Lease(scope, label, token)

        return self._uow.write(work)
