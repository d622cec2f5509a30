"""services/org/departments: 基础数据 · 科室 — add, reorder, retire, delete only what
nothing uses, a rename that follows into every task, and the roles that may do it.

The demo bureau (nine departments, every one with people, tasks and checks) is made
once for the module; each test works on its own copy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.factories import DEMO_ROLES, CopyMaster, sign_in

from kaohe_desktop.domain.leases import person_scope
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.access.audit_log import AuditFilter
from kaohe_desktop.services.errors import InputError, PermissionDeniedError, ReadOnlyError
from kaohe_desktop.services.org.department_uses import DepartmentItem
from kaohe_desktop.services.org.departments import MAX_NAME, name_problem
from kaohe_desktop.services.workspace import Workspace

YEAR = 2026


@pytest.fixture
def path(copy_master: CopyMaster) -> Path:
    return copy_master(DEMO_ROLES)


@pytest.fixture
def clerk(path: Path) -> Iterator[Workspace]:
    workspace = sign_in(path, Role.CLERK, daily_backup=False)
    yield workspace
    workspace.close()


def listed(workspace: Workspace) -> list[DepartmentItem]:
    return workspace.departments.listing()


def names(workspace: Workspace) -> list[str]:
    return [item.name for item in listed(workspace)]


def by_name(workspace: Workspace, name: str) -> DepartmentItem:
    return next(item for item in listed(workspace) if item.name == name)


def audited(workspace: Workspace, action: str) -> list[str]:
    entries = workspace.audit_log.entries(AuditFilter(entity="department"))
    return [entry.label for entry in entries if entry.action == action]


# --- add ------------------------------------------------------------------------
def test_add_trims_places_last_and_is_audited(path: Path, clerk: Workspace) -> None:
    before = listed(clerk)
    added = clerk.departments.add("  新闻宣传科 ", " 综合科室 ", "机关科室")
    assert (added.name, added.group, added.kind, added.retired) == (
        "新闻宣传科",
        "综合科室",
        "机关科室",
        False,
    )
    assert added.sort_order == max(item.sort_order for item in before) + 1
    assert names(clerk) == [item.name for item in before] + ["新闻宣传科"]
    assert not by_name(clerk, "新闻宣传科").uses.in_use
    admin = sign_in(path, Role.ADMIN, daily_backup=False)
    try:
        assert "新闻宣传科" in audited(admin, "insert")
    finally:
        admin.close()


def test_add_without_group_or_kind(clerk: Workspace) -> None:
    added = clerk.departments.add("临时专班", "  ", "")
    assert (added.group, added.kind) == (None, None)


@pytest.mark.parametrize(
    ("name", "group", "kind", "words"),
    [
        ("办公室", None, None, "已有名为“办公室”的科室"),
        ("  办公室  ", None, None, "不能重复"),
        ("   ", None, None, "不能为空"),
        ("科" * (MAX_NAME + 1), None, None, f"最多 {MAX_NAME} 个字"),
        ("新科", None, "处室", "应为：机关科室、执法队、派出机构、直属单位"),
        ("新科", "组" * 41, None, "组别最多 40 个字"),
    ],
)
def test_add_refuses_bad_input_and_writes_nothing(
    clerk: Workspace, name: str, group: str | None, kind: str | None, words: str
) -> None:
    before = listed(clerk)
    with pytest.raises(InputError, match=words):
        clerk.departments.add(name, group, kind)
    assert listed(clerk) == before


def test_name_problem_names_the_problem() -> None:
    taken = {"办公室"}
    assert name_problem("法规科", taken) is None
    assert name_problem("科" * MAX_NAME, taken) is None
    assert "不能为空" in (name_problem("", taken) or "")
    assert "办公室" in (name_problem(" 办公室", taken) or "")


# --- move -----------------------------------------------------------------------
def test_move_swaps_neighbours_and_numbers_one_to_n(clerk: Workspace) -> None:
    before = names(clerk)
    third = by_name(clerk, before[2])
    clerk.departments.move(third.id, -1)
    after = listed(clerk)
    assert [item.name for item in after] == [before[0], before[2], before[1], *before[3:]]
    assert [item.sort_order for item in after] == list(range(1, len(after) + 1))

    clerk.departments.move(third.id, +1)
    assert names(clerk) == before


def test_move_at_either_end_changes_nothing(clerk: Workspace) -> None:
    before = listed(clerk)
    first, last = before[0], before[-1]
    versions = {item.id: clerk.departments.current_version(item.id) for item in before}
    clerk.departments.move(first.id, -1)
    clerk.departments.move(last.id, +1)
    assert listed(clerk) == before
    assert {item.id: clerk.departments.current_version(item.id) for item in before} == versions


def test_move_stays_among_departments_in_use(clerk: Workspace) -> None:
    last_in_use = listed(clerk)[-1]
    old = clerk.departments.add("撤并科", None, None)
    clerk.departments.set_retired(old.id, True)
    clerk.departments.move(last_in_use.id, +1)  # would cross into the retired
    assert names(clerk)[-2:] == [last_in_use.name, "撤并科"]
    clerk.departments.move(old.id, -1)  # a retired one does not climb above them
    assert names(clerk)[-1] == "撤并科"


# --- retire -----------------------------------------------------------------------
def test_retire_leaves_the_department_out_of_choosers_and_back(clerk: Workspace) -> None:
    item = listed(clerk)[1]
    person = clerk.people.load(1)
    chooser = next(spec for spec in person.fields if spec.name == "department")
    assert item.name in chooser.choices
    assert item.on_post > 0  # the screen warns about these before retiring

    clerk.departments.set_retired(item.id, True)
    retired = by_name(clerk, item.name)
    assert retired.retired and names(clerk)[-1] == item.name  # kept, listed last
    chooser = next(spec for spec in clerk.people.load(1).fields if spec.name == "department")
    assert item.name not in chooser.choices
    # its tasks still name it: retiring keeps the history as it was
    tasks = clerk.ledger.tasks(YEAR)
    assert any(item.name in (t.lead_department, *t.responsible_departments) for t in tasks)

    clerk.departments.set_retired(item.id, False)
    assert not by_name(clerk, item.name).retired
    chooser = next(spec for spec in clerk.people.load(1).fields if spec.name == "department")
    assert item.name in chooser.choices


def test_order_numbers_read_in_the_listed_order(clerk: Workspace) -> None:
    """Retired departments are listed last, and numbered last too; a new one comes
    after the last in use; a restored one comes back below the last in use."""
    before = names(clerk)
    second = by_name(clerk, before[1])
    clerk.departments.set_retired(second.id, True)
    clerk.departments.add("新闻宣传科", None, None)
    after = listed(clerk)
    assert [item.name for item in after] == [
        before[0],
        *before[2:],
        "新闻宣传科",
        second.name,
    ]
    assert [item.sort_order for item in after] == list(range(1, len(after) + 1))

    clerk.departments.set_retired(second.id, False)
    assert names(clerk) == [before[0], *before[2:], "新闻宣传科", second.name]
    assert [item.sort_order for item in listed(clerk)] == list(range(1, len(after) + 1))


def test_retiring_twice_writes_once(clerk: Workspace) -> None:
    item = listed(clerk)[0]
    clerk.departments.set_retired(item.id, True)
    version = clerk.departments.current_version(item.id)
    clerk.departments.set_retired(item.id, True)
    assert clerk.departments.current_version(item.id) == version


# --- delete -----------------------------------------------------------------------
def test_delete_an_unused_department(path: Path, clerk: Workspace) -> None:
    added = clerk.departments.add("筹备组", None, None)
    clerk.departments.delete(added.id)
    assert "筹备组" not in names(clerk)
    with pytest.raises(InputError, match="可能已被删除"):
        clerk.departments.delete(added.id)
    admin = sign_in(path, Role.ADMIN, daily_backup=False)
    try:
        assert "筹备组" in audited(admin, "delete")
    finally:
        admin.close()


def test_delete_of_a_department_in_use_is_refused_naming_the_uses(clerk: Workspace) -> None:
    item = listed(clerk)[1]
    tasks = [
        t
        for year in (YEAR - 1, YEAR)  # the demo's two years
        for t in clerk.ledger.tasks(year)
        if item.name in (t.lead_department, *t.responsible_departments)
    ]
    assert item.uses.tasks == len(tasks) > 0  # led or shared counts once per task
    with pytest.raises(InputError) as refused:
        clerk.departments.delete(item.id)
    message = str(refused.value)
    assert message.startswith(f"科室“{item.name}”仍被 {item.uses.people} 名人员、")
    assert f"{len(tasks)} 项台账任务" in message
    assert f"{item.uses.checks} 条查账记录" in message
    assert message.endswith("使用，不能删除，只能撤销。")
    assert by_name(clerk, item.name) == item


def test_a_former_member_alone_keeps_a_department_from_deletion(clerk: Workspace) -> None:
    added = clerk.departments.add("借用科", None, None)
    person = clerk.people.load(1)
    home = person.values["department"]
    lease = clerk.leases.acquire(person_scope(person.entity_id), "test")
    try:
        moved = clerk.people.save(person.draft().with_value("department", "借用科"), lease)
        clerk.people.save(moved.draft().with_value("department", home), lease)
    finally:
        clerk.leases.release(lease)
    uses = by_name(clerk, "借用科").uses
    assert (uses.people, uses.tasks, uses.in_use) == (1, 0, True)
    with pytest.raises(InputError, match="仍被 1 名人员使用"):
        clerk.departments.delete(added.id)


# --- a rename follows into every task ---------------------------------------------
def test_a_rename_follows_into_every_task(clerk: Workspace) -> None:
    item = listed(clerk)[1]
    before = clerk.ledger.tasks(YEAR)
    named = {t.id for t in before if item.name in (t.lead_department, *t.responsible_departments)}
    assert named

    snapshot = clerk.departments.load(item.id)
    clerk.departments.save(snapshot.draft().with_value("name", "法规与政策研究科"))

    after = clerk.ledger.tasks(YEAR)
    assert len(after) == len(before)
    for task in after:
        shown = (task.lead_department, *task.responsible_departments)
        assert item.name not in shown
        assert ("法规与政策研究科" in shown) == (task.id in named)


# --- who may ----------------------------------------------------------------------
def test_a_read_only_role_may_change_nothing(path: Path, clerk: Workspace) -> None:
    before = listed(clerk)
    viewer = sign_in(path, Role.VIEWER, daily_backup=False)
    try:
        admin = viewer.departments
        item = before[1]
        for attempt in (
            lambda: admin.add("新科", None, None),
            lambda: admin.move(item.id, -1),
            lambda: admin.set_retired(item.id, True),
            lambda: admin.delete(item.id),
        ):
            with pytest.raises(PermissionDeniedError, match="只读"):
                attempt()
        assert listed(viewer) == before
    finally:
        viewer.close()


def test_a_read_only_file_refuses_the_change(path: Path) -> None:
    workspace = sign_in(path, Role.ADMIN, read_only=True, daily_backup=False)
    try:
        with pytest.raises(ReadOnlyError):
            workspace.departments.add("新科", None, None)
    finally:
        workspace.close()
