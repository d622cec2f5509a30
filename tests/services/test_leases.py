"""services/leases: one editor at a time, heartbeats, stale leases reclaimed by their
own account, taken over by 管理员 only (and logged), and the old holder refused.

One file and one signed-in workspace per role for the module (Argon2 makes sign-in
slow); each test uses its own scopes and its own person, and the clock is reset."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
from tests.factories import Clock, Master, MasterFiles, sign_in
from tests.services.on_backend import BACKENDS, master_on

from kaohe_desktop.domain.enums import DepartmentKind, Gender
from kaohe_desktop.domain.leases import LEASE_TTL, person_scope
from kaohe_desktop.domain.records import (
    DEFAULT_STAFF_CATEGORIES,
    DepartmentRecord,
    ExchangeBook,
    PersonRecord,
)
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.access.audit_log import AuditFilter
from kaohe_desktop.services.access.leases import LeaseService, held_elsewhere
from kaohe_desktop.services.errors import (
    InputError,
    LeaseHeldError,
    LeaseLostError,
    PermissionDeniedError,
)
from kaohe_desktop.services.workspace import Workspace

T0 = datetime(2026, 5, 6, 9, 5, 0)
PEOPLE = 8


@dataclass
class Office:
    clock: Clock
    admin: Workspace
    clerk: Workspace
    people: dict[str, int]  # code → id


def _book() -> ExchangeBook:
    return ExchangeBook(
        departments=[DepartmentRecord("综合科", "机关", DepartmentKind.OFFICE, 1)],
        people=[
            PersonRecord(
                f"P{n:03d}", f"人员{n}", "综合科", DEFAULT_STAFF_CATEGORIES[3], Gender.MALE
            )
            for n in range(1, PEOPLE + 1)
        ],
    )


def _people(workspace: Workspace) -> None:
    workspace.importer.apply(_book())


PEOPLE_OF_ONE_DEPARTMENT = Master(fill=_people)  # and an account per role


@pytest.fixture(scope="module", params=BACKENDS)
def office(
    request: pytest.FixtureRequest,
    master_files: MasterFiles,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Office]:
    """The module's office on a data file, then on a PostgreSQL server."""
    folder = tmp_path_factory.mktemp("leases")
    path = master_on(request, master_files, PEOPLE_OF_ONE_DEPARTMENT, folder)
    clock = Clock(T0)
    admin = sign_in(path, Role.ADMIN, daily_backup=False, clock=clock)
    clerk = sign_in(path, Role.CLERK, daily_backup=False, clock=clock)
    people = {p.code: p.id for p in admin.people.listing()}
    yield Office(clock, admin, clerk, people)
    admin.close()
    clerk.close()


@pytest.fixture(autouse=True)
def _clock_at_t0(office: Office) -> None:
    office.clock.now = T0


def _pc2(workspace: Workspace, clock: Clock) -> LeaseService:
    """The same account signed in on a second workstation."""
    return LeaseService(workspace.guard, workspace._uow, workstation="PC2", clock=clock)


def test_acquire_shows_the_holder_and_release_frees_it(office: Office) -> None:
    scope = "test:acquire"
    assert office.clerk.leases.holder(scope) is None
    lease = office.clerk.leases.acquire(scope, "人员1（P001）")
    info = office.admin.leases.holder(scope)
    assert info is not None
    assert (info.holder, info.holder_name, info.label) == ("clerk", "录入员clerk", "人员1（P001）")
    assert info.workstation == office.clerk.leases.workstation
    assert info.acquired_at == info.heartbeat_at == T0
    office.clerk.leases.release(lease)
    assert office.admin.leases.holder(scope) is None
    office.clerk.leases.release(lease)  # twice: nothing happens
    assert office.admin.leases.holder(scope) is None


def test_another_account_sees_it_held(office: Office) -> None:
    scope = "test:held"
    office.clerk.leases.acquire(scope, "综合科 2026Q2 平时考核")
    office.clock.advance(seconds=30)
    with pytest.raises(LeaseHeldError) as raised:
        office.admin.leases.acquire(scope, "综合科 2026Q2 平时考核")
    assert raised.value.info.holder == "clerk"
    message = str(raised.value)
    assert "录入员clerk（clerk，" in message
    assert office.clerk.leases.workstation in message
    assert "您只能查看" in message


def test_the_same_account_on_another_workstation_sees_it_held(office: Office) -> None:
    scope = "test:two-pcs"
    office.clerk.leases.acquire(scope, "人员2")
    pc2 = _pc2(office.clerk, office.clock)
    office.clock.advance(seconds=90)  # exactly the TTL: still alive
    with pytest.raises(LeaseHeldError) as raised:
        pc2.acquire(scope, "人员2")
    assert raised.value.info.workstation == office.clerk.leases.workstation
    assert "PC2" not in str(raised.value)


def test_a_heartbeat_keeps_the_lease_alive(office: Office) -> None:
    scope = "test:heartbeat"
    lease = office.clerk.leases.acquire(scope, "人员3")
    office.clock.advance(seconds=60)
    office.clerk.leases.heartbeat(lease)
    office.clock.advance(seconds=60)  # 120 s after acquiring, 60 s after the heartbeat
    info = office.admin.leases.holder(scope)
    assert info is not None and info.heartbeat_at == T0 + timedelta(seconds=60)
    with pytest.raises(LeaseHeldError, match="仍有心跳"):
        office.admin.leases.take_over(scope, "人员3")
    with pytest.raises(LeaseHeldError):
        _pc2(office.clerk, office.clock).acquire(scope, "人员3")


def test_an_own_stale_lease_is_reclaimed_from_another_workstation(office: Office) -> None:
    scope = "test:reclaim"
    old = office.clerk.leases.acquire(scope, "人员4")
    office.clock.advance(seconds=LEASE_TTL.total_seconds() + 1)
    pc2 = _pc2(office.clerk, office.clock)
    new = pc2.acquire(scope, "人员4")
    info = office.admin.leases.holder(scope)
    assert info is not None
    assert (info.holder, info.workstation, info.acquired_at) == ("clerk", "PC2", office.clock.now)
    assert new.token != old.token
    # The crashed workstation, back again, is refused.
    with pytest.raises(LeaseLostError):
        office.clerk.leases.heartbeat(old)
    office.clerk.leases.release(old)  # does not free the new lease
    assert office.admin.leases.holder(scope) is not None
    pc2.heartbeat(new)


def test_another_account_cannot_acquire_a_stale_lease(office: Office) -> None:
    scope = "test:stale-other"
    office.clerk.leases.acquire(scope, "人员5")
    office.clock.advance(minutes=5)
    with pytest.raises(LeaseHeldError) as raised:
        office.admin.leases.acquire(scope, "人员5")
    assert "已 300 秒没有心跳" in str(raised.value)
    assert "可由管理员接管" in str(raised.value)


def test_take_over_is_for_the_administrator_only(office: Office) -> None:
    scope = "test:takeover-clerk"
    office.admin.leases.acquire(scope, "人员6")
    office.clock.advance(minutes=5)
    with pytest.raises(PermissionDeniedError, match="无权接管失效的编辑锁"):
        office.clerk.leases.take_over(scope, "人员6")
    info = office.admin.leases.holder(scope)
    assert info is not None and info.holder == "admin"


def test_take_over_of_a_stale_lease_is_logged_and_the_old_holder_refused(office: Office) -> None:
    person_id = office.people["P007"]
    scope = person_scope(person_id)
    snapshot = office.clerk.people.load(person_id)
    old = office.clerk.leases.acquire(scope, snapshot.label)
    draft = snapshot.draft().with_value("position", "科员")

    office.clock.advance(seconds=30)
    with pytest.raises(LeaseHeldError, match="仍有心跳"):
        office.admin.leases.take_over(scope, snapshot.label)

    office.clock.advance(minutes=2)  # 150 s of silence
    taken = office.admin.leases.take_over(scope, snapshot.label)
    info = office.admin.leases.holder(scope)
    assert info is not None
    assert (info.holder, info.holder_name) == ("admin", "admin")
    assert info.workstation == office.admin.leases.workstation

    entry = office.admin.audit_log.entries(AuditFilter(entity="edit_lease"))[0]
    assert (entry.action, entry.account, entry.entity_id) == ("takeover", "admin", scope)
    detail = json.loads(entry.after_json or "{}")
    assert detail["from"] == "clerk"
    assert detail["workstation"] == office.clerk.leases.workstation
    assert detail["last_heartbeat"] == "2026-05-06T09:05:00"

    with pytest.raises(LeaseLostError, match="admin"):
        office.clerk.leases.heartbeat(old)
    with pytest.raises(LeaseLostError, match="本次修改未保存"):
        office.clerk.people.save(draft, old)
    assert office.admin.people.load(person_id).values["position"] is None
    assert office.admin.people.current_version(person_id) == snapshot.version
    # The new holder saves.
    office.admin.people.save(
        office.admin.people.load(person_id).draft().with_value("position", "科长"), taken
    )
    assert office.clerk.people.load(person_id).values["position"] == "科长"


def test_a_person_is_saved_only_under_a_lease(office: Office) -> None:
    person_id = office.people["P008"]
    snapshot = office.clerk.people.load(person_id)
    draft = snapshot.draft().with_value("position", "副科长")
    with pytest.raises(InputError, match=r"保存人员“.*”需要先取得它的编辑锁"):
        office.clerk.people.save(draft)
    assert office.clerk.people.current_version(person_id) == snapshot.version
    lease = office.clerk.leases.acquire(person_scope(person_id), snapshot.label)
    saved = office.clerk.people.save(draft, lease)
    assert saved.values["position"] == "副科长"
    assert saved.version == snapshot.version + 1
    office.clerk.leases.release(lease)


def test_a_lease_on_one_person_does_not_cover_another(office: Office) -> None:
    mine, theirs = office.people["P001"], office.people["P002"]
    my_lease = office.clerk.leases.acquire(person_scope(mine), "人员1")
    office.admin.leases.acquire(person_scope(theirs), "人员2")  # 管理员 edits P002
    draft = office.clerk.people.load(theirs).draft().with_value("position", "越权修改")
    try:
        with pytest.raises((LeaseHeldError, LeaseLostError, InputError)):
            office.clerk.people.save(draft, my_lease)
    finally:
        office.clerk.leases.release(my_lease)


def test_leases_read_on_a_day_that_is_not_today(office: Office) -> None:
    # The clock the workspace was given is used, not the computer's.
    office.clock.now = datetime(2030, 1, 2, 3, 4, 5)
    office.clerk.leases.acquire("test:clock", "x")
    info = office.clerk.leases.holder("test:clock")
    assert info is not None and info.acquired_at == datetime(2030, 1, 2, 3, 4, 5)
    assert info.acquired_at.date() != date.today()


def test_a_close_waits_only_for_a_live_lease_of_another_workstation(office: Office) -> None:
    # held_elsewhere: what the quarter, half and year closes ask before they lock.
    scope = "test:close-waits"
    uow = office.admin.opened.unit_of_work("test")
    with uow.read() as session:
        assert held_elsewhere(session, scope, T0) is None  # nobody holds it
    own = office.clerk.leases.acquire(scope, "2026年度考核")
    with uow.read() as session:
        assert held_elsewhere(session, scope, T0) is None  # this workstation's own
    office.clerk.leases.release(own)
    _pc2(office.clerk, office.clock).acquire(scope, "2026年度考核")
    with uow.read() as session:
        info = held_elsewhere(session, scope, T0)
        assert info is not None and (info.holder, info.workstation) == ("clerk", "PC2")
        assert held_elsewhere(session, scope, T0 + LEASE_TTL + timedelta(seconds=1)) is None
