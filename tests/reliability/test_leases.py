"""Edit leases across workstations whose clocks we set: a stale holder is taken over
only by 管理员, the takeover is logged, and the old holder's later writes are refused.
On a data file and on a PostgreSQL server alike (the edit_lease table is the same)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from tests.factories import PASSWORD, Clock, sign_in
from tests.reliability.conftest import Masters, Place

from kaohe_desktop.domain.leases import LEASE_TTL, person_scope
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.access.audit_log import AuditFilter
from kaohe_desktop.services.errors import LeaseHeldError, LeaseLostError, PermissionDeniedError
from kaohe_desktop.services.workspace import open_workspace

T0 = datetime(2026, 11, 20, 9, 0, 0)


def test_stale_lease_is_taken_over_by_admin_only_and_the_old_holder_is_refused(
    tmp_path: Path, masters: Masters, place: Place
) -> None:
    path = place(masters.demo, tmp_path)
    clocks = {name: Clock(T0) for name in ("a", "b", "admin")}
    holder = sign_in(path, Role.CLERK, clock=clocks["a"], daily_backup=False)  # type: ignore[arg-type]
    other = open_workspace(
        path, Credentials("clerk2", PASSWORD), clock=clocks["b"], daily_backup=False
    )
    admin = sign_in(path, Role.ADMIN, clock=clocks["admin"], daily_backup=False)  # type: ignore[arg-type]
    scope = person_scope(masters.person)

    lease = holder.leases.acquire(scope, "人员档案")
    snapshot = holder.people.load(masters.person)
    saved = holder.people.save(snapshot.draft().with_value("position", "一级科员"), lease)

    # Still fresh: nobody else gets it, not even 管理员.
    for clock in clocks.values():
        clock.now = T0 + LEASE_TTL - timedelta(seconds=5)
    with pytest.raises(LeaseHeldError):
        other.leases.acquire(scope, "人员档案")
    with pytest.raises(LeaseHeldError) as fresh:
        admin.leases.take_over(scope, "人员档案")
    assert "不能接管" in str(fresh.value)

    # A stopped heartbeating (crashed, slept, lost the share). Expired now:
    for clock in clocks.values():
        clock.now = T0 + LEASE_TTL + timedelta(seconds=30)
    with pytest.raises(LeaseHeldError) as stale:
        other.leases.acquire(scope, "人员档案")  # a 录入员 may not take someone else's
    assert "管理员接管" in str(stale.value)
    with pytest.raises(PermissionDeniedError):
        other.leases.take_over(scope, "人员档案")
    taken = admin.leases.take_over(scope, "人员档案")
    assert admin.leases.holder(scope).holder == "admin"

    takeovers = [
        entry
        for entry in admin.audit_log.entries(AuditFilter(entity="edit_lease"))
        if entry.action == "takeover" and entry.entity_id == scope
    ]
    assert len(takeovers) == 1
    assert takeovers[0].account == "admin" and '"from": "clerk"' in (takeovers[0].after_json or "")

    # A comes back: its save and its heartbeat are refused, and the row is unchanged.
    late = holder.people.load(masters.person)
    with pytest.raises(LeaseLostError) as lost:
        holder.people.save(late.draft().with_value("position", "二级主任科员"), lease)
    assert "已被" in str(lost.value) and "接管" in str(lost.value)
    with pytest.raises(LeaseLostError):
        holder.leases.heartbeat(lease)
    now = admin.people.load(masters.person)
    assert (now.version, now.values["position"]) == (saved.version, "一级科员")

    # The new holder's save goes through.
    admin.people.save(now.draft().with_value("position", "二级主任科员"), taken)
    for workspace in (holder, other, admin):
        workspace.close()
