"""services/org/categories: 基础数据 · 人员类别 — add (so a bureau can have its 局领导
before importing them), rename (refused for a category a 考核方案 names), reorder (the
ranking workbook's sheets follow), delete only what nothing uses, and who may.

A new file (four default categories, no schemes) and the demo bureau (its 局领导 listed
as not graded in every quarter's frozen scheme); each test works on its own copy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.factories import DEMO_ROLES, ROLES, CopyMaster, sign_in

from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.quarterly_rules import QuarterlyRules
from kaohe_desktop.domain.records import (
    DEFAULT_STAFF_CATEGORIES,
    DepartmentRecord,
    ExchangeBook,
    PersonRecord,
)
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.access.audit_log import AuditFilter
from kaohe_desktop.services.errors import (
    EditConflictError,
    InputError,
    PermissionDeniedError,
)
from kaohe_desktop.services.org.categories import MAX_NAME, CategoryItem
from kaohe_desktop.services.workspace import Workspace

LEADERS = "局领导"


@pytest.fixture
def new_file(copy_master: CopyMaster) -> Path:
    return copy_master(ROLES)


@pytest.fixture
def demo(copy_master: CopyMaster) -> Path:
    return copy_master(DEMO_ROLES)


@pytest.fixture
def admin(new_file: Path) -> Iterator[Workspace]:
    workspace = sign_in(new_file, Role.ADMIN, daily_backup=False)
    yield workspace
    workspace.close()


@pytest.fixture
def demo_clerk(demo: Path) -> Iterator[Workspace]:
    workspace = sign_in(demo, Role.CLERK, daily_backup=False)
    yield workspace
    workspace.close()


def names(workspace: Workspace) -> list[str]:
    return [item.name for item in workspace.categories.listing()]


def by_name(workspace: Workspace, name: str) -> CategoryItem:
    return next(item for item in workspace.categories.listing() if item.name == name)


def audited(workspace: Workspace, action: str) -> list[str]:
    entries = workspace.audit_log.entries(AuditFilter(entity="staff_category"))
    return [entry.record for entry in entries if entry.action == action]


def _leader_book() -> ExchangeBook:
    return ExchangeBook(
        departments=[DepartmentRecord("办公室")],
        people=[PersonRecord("L001", "王局长", "办公室", LEADERS)],
    )


# --- a new file ---------------------------------------------------------------------
def test_a_new_file_lists_its_four_categories(admin: Workspace) -> None:
    listed = admin.categories.listing()
    assert [item.name for item in listed] == list(DEFAULT_STAFF_CATEGORIES)
    assert [item.sort_order for item in listed] == [1, 2, 3, 4]
    assert not any(item.people or item.ungraded_now or item.schemes for item in listed)


def test_an_added_category_takes_people_the_import_refused_before(admin: Workspace) -> None:
    with pytest.raises(InputError, match=r"人员类别“局领导”不存在.*基础数据（人员类别）"):
        admin.importer.apply(_leader_book())

    added = admin.categories.add(f"  {LEADERS} ")
    assert (added.name, added.sort_order, added.people) == (LEADERS, 5, 0)
    assert names(admin) == [*DEFAULT_STAFF_CATEGORIES, LEADERS]
    assert LEADERS in audited(admin, "insert")

    admin.importer.apply(_leader_book())
    assert by_name(admin, LEADERS).people == 1


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("一般公务员", "已有名为“一般公务员”的人员类别，人员类别名称不能重复"),
        (" 一般 公务员 ", "不能重复"),
        ("   ", "人员类别名称不能为空"),
        ("类" * (MAX_NAME + 1), f"最多 {MAX_NAME} 个字"),
    ],
)
def test_add_refuses_bad_names_and_writes_nothing(admin: Workspace, name: str, words: str) -> None:
    before = admin.categories.listing()
    with pytest.raises(InputError, match=words):
        admin.categories.add(name)
    assert admin.categories.listing() == before


def test_names_are_compared_with_full_width_forms_folded(admin: Workspace) -> None:
    admin.categories.add("聘用人员A")
    with pytest.raises(InputError, match="已有名为“聘用人员A”"):
        admin.categories.add("聘用人员Ａ")


# --- reorder --------------------------------------------------------------------------
def test_move_swaps_neighbours_numbers_one_to_n_and_stops_at_the_ends(admin: Workspace) -> None:
    first, second, *rest = names(admin)
    item = by_name(admin, second)
    admin.categories.move(item.id, -1)
    assert names(admin) == [second, first, *rest]
    assert [i.sort_order for i in admin.categories.listing()] == [1, 2, 3, 4]
    admin.categories.move(item.id, -1)  # already first
    admin.categories.move(by_name(admin, rest[-1]).id, +1)  # already last
    assert names(admin) == [second, first, *rest]


def test_the_ranking_sheets_follow_the_order(demo_clerk: Workspace) -> None:
    quarter = Quarter(2026, 3)
    sheets = [c.name for c in demo_clerk.ranking.book(quarter).categories]
    assert len(sheets) >= 2
    moved = by_name(demo_clerk, sheets[1])
    demo_clerk.categories.move(moved.id, -1)
    demo_clerk.categories.move(moved.id, -1)  # past 局领导, were it between them
    after = [c.name for c in demo_clerk.ranking.book(quarter).categories]
    assert after[:2] == [sheets[1], sheets[0]]


# --- delete -----------------------------------------------------------------------------
def test_delete_an_unused_category(admin: Workspace) -> None:
    added = admin.categories.add("临时聘用")
    admin.categories.delete(added.id)
    assert "临时聘用" not in names(admin)
    assert "临时聘用" in audited(admin, "delete")


def test_delete_of_a_category_people_are_of_is_refused(demo_clerk: Workspace) -> None:
    item = next(i for i in demo_clerk.categories.listing() if i.people)
    with pytest.raises(InputError, match=f"仍有 {item.people} 名人员"):
        demo_clerk.categories.delete(item.id)
    assert item.name in names(demo_clerk)


def test_delete_of_a_category_a_scheme_names_is_refused(admin: Workspace) -> None:
    added = admin.categories.add(LEADERS)
    admin.grading.set_rules(Quarter(2027, 1), QuarterlyRules(ungraded_categories=(LEADERS,)))
    with pytest.raises(InputError, match="2027Q1 的考核方案中列为不参加平时考核，不能删除"):
        admin.categories.delete(added.id)
    assert LEADERS in names(admin)


# --- rename -------------------------------------------------------------------------------
def test_a_rename_shows_on_every_person_and_is_audited(demo: Path, demo_clerk: Workspace) -> None:
    item = next(i for i in demo_clerk.categories.listing() if i.people and not i.schemes)
    snapshot = demo_clerk.categories.load(item.id)
    saved = demo_clerk.categories.save(snapshot.draft().with_value("name", "在编干部"))
    assert saved.values["name"] == "在编干部"
    listed = demo_clerk.categories.listing()
    assert item.name not in [i.name for i in listed]
    assert by_name(demo_clerk, "在编干部").people == item.people
    admin = sign_in(demo, Role.ADMIN, daily_backup=False)
    try:
        assert "在编干部" in audited(admin, "update")
    finally:
        admin.close()


def test_a_category_the_frozen_schemes_name_keeps_its_name(demo_clerk: Workspace) -> None:
    leaders = by_name(demo_clerk, LEADERS)
    assert leaders.ungraded_now and leaders.people and not leaders.renamable
    assert leaders.schemes == tuple(sorted(leaders.schemes))
    draft = demo_clerk.categories.load(leaders.id).draft().with_value("name", "领导班子")
    with pytest.raises(InputError) as refused:
        demo_clerk.categories.save(draft)
    words = str(refused.value)
    assert words.startswith(f"“{LEADERS}”在 {leaders.schemes[-1]} 等")
    assert "不参加平时考核，不能改名" in words
    assert by_name(demo_clerk, LEADERS) == leaders


def test_a_scheme_set_ahead_also_keeps_the_name(admin: Workspace) -> None:
    added = admin.categories.add(LEADERS)
    admin.grading.set_rules(Quarter(2027, 1), QuarterlyRules(ungraded_categories=(LEADERS,)))
    draft = admin.categories.load(added.id).draft().with_value("name", "领导班子")
    with pytest.raises(InputError, match="“局领导”在 2027Q1 的考核方案中"):
        admin.categories.save(draft)


def test_a_rename_to_a_taken_name_is_refused(admin: Workspace) -> None:
    item = admin.categories.listing()[1]
    draft = admin.categories.load(item.id).draft().with_value("name", "一般公务员")
    with pytest.raises(InputError, match="不能重复"):
        admin.categories.save(draft)


def test_a_rename_over_another_save_is_a_conflict(admin: Workspace) -> None:
    added = admin.categories.add("临时聘用")
    base = admin.categories.load(added.id)
    admin.categories.save(base.draft().with_value("name", "劳务派遣"))
    with pytest.raises(EditConflictError):
        admin.categories.save(base.draft().with_value("name", "编外聘用"))
    assert "劳务派遣" in names(admin)


# --- who may ----------------------------------------------------------------------------
def test_a_read_only_role_sees_but_changes_nothing(new_file: Path, admin: Workspace) -> None:
    added = admin.categories.add("临时聘用")
    viewer = sign_in(new_file, Role.VIEWER, daily_backup=False)
    try:
        before = viewer.categories.listing()
        service = viewer.categories
        for attempt in (
            lambda: service.add("新类别"),
            lambda: service.move(added.id, -1),
            lambda: service.delete(added.id),
        ):
            with pytest.raises(PermissionDeniedError, match="只读"):
                attempt()
        assert viewer.categories.listing() == before
    finally:
        viewer.close()
