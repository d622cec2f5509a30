"""services/record_edit + record_editors: load and save 科室 and 人员 with version checks,
three-way conflicts, Chinese validation messages naming the field, 任职科室 history on a
move, and one audit row per save naming the account.

One file and one workspace per role for the module; each test edits its own rows."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select
from tests.factories import Master, MasterFiles, sign_in
from tests.services.on_backend import BACKENDS, master_on

from kaohe_desktop.domain.enums import DepartmentKind, Gender, PoliticalStatus
from kaohe_desktop.domain.leases import person_scope
from kaohe_desktop.domain.records import (
    DEFAULT_STAFF_CATEGORIES,
    DepartmentRecord,
    ExchangeBook,
    PersonRecord,
)
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.access.audit_log import AuditEntryView, AuditFilter
from kaohe_desktop.services.common.record_edit import RecordSnapshot
from kaohe_desktop.services.errors import EditConflictError, InputError
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.storage.models import AuditRow, DepartmentRow, PersonDepartmentRow

GENERAL = DEFAULT_STAFF_CATEGORIES[3]  # 一般公务员
DEPARTMENTS = [
    DepartmentRecord("综合科", "机关", DepartmentKind.OFFICE, 1),
    DepartmentRecord("稽查大队", "执法", DepartmentKind.TEAM, 2),
    DepartmentRecord("城区监管所", "基层", DepartmentKind.BRANCH, 3),
    DepartmentRecord("撤并科", None, None, 9),
] + [DepartmentRecord(f"测试科{n}", "机关", DepartmentKind.OFFICE, 10 + n) for n in range(1, 9)]


def _person(code: str, name: str, **more: Any) -> PersonRecord:
    return PersonRecord(code, name, "综合科", GENERAL, **more)


PEOPLE = [
    _person(
        "P001",
        "张三",
        gender=Gender.MALE,
        birth_date=date(1985, 3, 2),
        political_status=PoliticalStatus.CPC_MEMBER,
        position="科员",
        work_start=date(2008, 8, 1),
    ),
    _person("P002", "李四", gender=Gender.FEMALE, work_start=date(2012, 9, 1)),
    _person("P003", "王五", work_start=date(2015, 7, 1)),
    _person("P004", "赵六"),
]


@dataclass
class Office:
    admin: Workspace
    clerk: Workspace
    departments: dict[str, int]
    people: dict[str, int]


def _office_data(workspace: Workspace) -> None:
    workspace.importer.apply(ExchangeBook(departments=DEPARTMENTS, people=PEOPLE))
    retired = workspace.departments.load(_department_id(workspace, "撤并科"))
    workspace.departments.save(retired.draft().with_value("retired", True))


OFFICE = Master(fill=_office_data)  # and an account per role


@pytest.fixture(scope="module", params=BACKENDS)
def office(
    request: pytest.FixtureRequest,
    master_files: MasterFiles,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Office]:
    path = master_on(request, master_files, OFFICE, tmp_path_factory.mktemp("record-edit"))
    admin = sign_in(path, Role.ADMIN, daily_backup=False)
    clerk = sign_in(path, Role.CLERK, daily_backup=False)
    with admin._uow.read() as session:
        departments = {row.name: row.id for row in session.scalars(select(DepartmentRow))}
    people = {p.code: p.id for p in admin.people.listing()}
    yield Office(admin, clerk, departments, people)
    admin.close()
    clerk.close()


def _department_id(workspace: Workspace, name: str) -> int:
    with workspace._uow.read() as session:
        return session.scalars(select(DepartmentRow.id).where(DepartmentRow.name == name)).one()


def _last_entry(office: Office, entity: str, entity_id: int) -> AuditEntryView:
    entries = office.admin.audit_log.entries(AuditFilter(entity=entity))
    return next(e for e in entries if e.entity_id == str(entity_id))


def _audit_rows(office: Office) -> int:
    with office.admin._uow.read() as session:
        return len(session.scalars(select(AuditRow.id)).all())


# --- 科室 ---------------------------------------------------------------------------


def test_a_department_loads_with_its_fields(office: Office) -> None:
    snapshot = office.clerk.departments.load(office.departments["综合科"])
    assert snapshot.entity == "department" and snapshot.label == "综合科"
    assert dict(snapshot.values) == {
        "name": "综合科",
        "group_name": "机关",
        "kind": "机关科室",
        "sort_order": 1,
        "retired": False,
    }
    labels = {spec.name: (spec.label, spec.kind, spec.required) for spec in snapshot.fields}
    assert labels == {
        "name": ("科室名称", "text", True),
        "group_name": ("组别", "text", False),
        "kind": ("类型", "choice", False),
        "sort_order": ("排序", "int", True),
        "retired": ("已撤销", "bool", False),
    }
    kinds = next(spec for spec in snapshot.fields if spec.name == "kind").choices
    assert kinds == ("机关科室", "执法队", "派出机构", "直属单位")
    assert office.clerk.departments.current_version(snapshot.entity_id) == snapshot.version


def test_a_new_row_names_who_made_it(office: Office) -> None:
    department_id = office.departments["测试科7"]
    entries = office.admin.audit_log.entries(AuditFilter(entity="department"))
    inserted = next(e for e in entries if e.action == "insert" and e.label == "测试科7")
    assert inserted.entity_id == str(department_id)
    assert office.clerk.departments.load(department_id).changed_by == "admin"


def test_a_department_saves_and_the_audit_row_names_the_account(office: Office) -> None:
    department_id = office.departments["测试科1"]
    before = office.clerk.departments.load(department_id)
    draft = before.draft().with_value("group_name", "机关一组").with_value("kind", "执法队")
    rows = _audit_rows(office)
    saved = office.clerk.departments.save(draft)
    assert _audit_rows(office) == rows + 1  # one save of one row: one audit row
    assert saved.version == before.version + 1
    assert saved.values["group_name"] == "机关一组" and saved.values["kind"] == "执法队"
    assert saved.changed_by == "clerk" and saved.changed_at is not None
    again = office.admin.departments.load(department_id)
    assert dict(again.values) == dict(saved.values)

    entry = _last_entry(office, "department", department_id)
    assert (entry.action, entry.account, entry.label) == ("update", "clerk", "测试科1")
    old, new = json.loads(entry.before_json or "{}"), json.loads(entry.after_json or "{}")
    assert (old["group_name"], new["group_name"]) == ("机关", "机关一组")
    assert (old["kind"], new["kind"]) == ("office", "team")


def test_saving_an_unchanged_draft_writes_nothing(office: Office) -> None:
    department_id = office.departments["测试科2"]
    snapshot = office.clerk.departments.load(department_id)
    rows = _audit_rows(office)
    again = office.clerk.departments.save(snapshot.draft())
    assert again.version == snapshot.version
    assert _audit_rows(office) == rows


def test_a_stale_save_is_a_conflict_carrying_theirs_and_their_account(office: Office) -> None:
    department_id = office.departments["测试科3"]
    mine = office.clerk.departments.load(department_id).draft()
    mine = mine.with_value("group_name", "机关三组").with_value("sort_order", 30)
    theirs = office.admin.departments.load(department_id)
    office.admin.departments.save(
        theirs.draft().with_value("name", "测试三科").with_value("sort_order", 31)
    )

    with pytest.raises(EditConflictError) as raised:
        office.clerk.departments.save(mine)
    conflict = raised.value.conflict
    assert not conflict.deleted
    assert conflict.their_version == theirs.version + 1
    assert conflict.their_account == "admin" and conflict.their_at is not None
    assert conflict.theirs is not None and conflict.theirs["name"] == "测试三科"
    assert "“测试科3”在您打开后已被他人修改（admin）" in str(raised.value)
    clashes = {f.name: f.clash for f in conflict.fields()}
    assert clashes == {"name": False, "group_name": False, "sort_order": True}
    assert office.admin.departments.load(department_id).values["group_name"] == "机关"

    # Keeping mine saves on top of their version; their rename survives.
    saved = office.clerk.departments.save(conflict.keep_mine())
    assert saved.version == theirs.version + 2
    assert (saved.values["name"], saved.values["group_name"], saved.values["sort_order"]) == (
        "测试三科",
        "机关三组",
        30,
    )


def test_a_save_of_a_deleted_row_is_a_deleted_conflict(office: Office) -> None:
    department_id = office.departments["测试科4"]
    draft = office.clerk.departments.load(department_id).draft().with_value("group_name", "x组")
    office.admin._uow.write(
        lambda session: session.delete(session.get(DepartmentRow, department_id))
    )
    with pytest.raises(EditConflictError) as raised:
        office.clerk.departments.save(draft)
    assert raised.value.conflict.deleted
    assert raised.value.conflict.theirs is None
    assert "“测试科4”在您打开后已被他人删除" in str(raised.value)
    assert office.clerk.departments.current_version(department_id) is None
    with pytest.raises(InputError, match=f"找不到该科室（编号 {department_id}），可能已被删除"):
        office.clerk.departments.load(department_id)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "科室的“科室名称”不能为空。"),
        ("name", "   ", "科室的“科室名称”不能为空。"),
        ("sort_order", None, "科室的“排序”不能为空。"),
        ("sort_order", "第一", "科室的“排序”应为整数。"),
        ("kind", "总部", "科室的“类型”不能是“总部”，应为：机关科室、执法队、派出机构、直属单位。"),
        ("name", "稽查大队", "已有名为“稽查大队”的科室，科室名称不能重复。"),
        ("name", " 稽查大队 ", "已有名为“稽查大队”的科室，科室名称不能重复。"),
        ("budget", 100, "科室没有“budget”这一项。"),
    ],
)
def test_department_validation_names_the_field(
    office: Office, field: str, value: Any, message: str
) -> None:
    department_id = office.departments["测试科5"]
    snapshot = office.clerk.departments.load(department_id)
    rows = _audit_rows(office)
    with pytest.raises(InputError) as raised:
        office.clerk.departments.save(snapshot.draft().with_value(field, value))
    assert str(raised.value) == message
    assert office.clerk.departments.current_version(department_id) == snapshot.version
    assert _audit_rows(office) == rows


def test_clearing_an_optional_field_is_allowed(office: Office) -> None:
    department_id = office.departments["测试科6"]
    snapshot = office.clerk.departments.load(department_id)
    saved = office.clerk.departments.save(
        snapshot.draft().with_value("group_name", "  ").with_value("kind", None)
    )
    assert (saved.values["group_name"], saved.values["kind"]) == (None, None)


# --- 人员 ---------------------------------------------------------------------------


def _save_person(office: Office, workspace: Workspace, code: str, **values: Any) -> RecordSnapshot:
    person_id = office.people[code]
    snapshot = workspace.people.load(person_id)
    draft = snapshot.draft()
    for name, value in values.items():
        draft = draft.with_value(name, value)
    lease = workspace.leases.acquire(person_scope(person_id), snapshot.label)
    try:
        return workspace.people.save(draft, lease)
    finally:
        workspace.leases.release(lease)


def test_a_person_loads_with_labels_and_live_choices(office: Office) -> None:
    snapshot = office.clerk.people.load(office.people["P001"])
    assert snapshot.entity == "person" and snapshot.label == "张三（P001）"
    assert dict(snapshot.values) == {
        "name": "张三",
        "gender": "男",
        "birth_date": date(1985, 3, 2),
        "political_status": "中共党员",
        "department": "综合科",
        "position": "科员",
        "category": GENERAL,
        "key_post": False,
        "work_start": date(2008, 8, 1),
        "status": "在职",
    }
    specs = {spec.name: spec for spec in snapshot.fields}
    assert specs["department"].required and specs["department"].kind == "choice"
    # Retired departments are not offered; the order is the departments' sort order.
    choices = specs["department"].choices
    assert choices[:3] == ("综合科", "稽查大队", "城区监管所")
    assert "撤并科" not in choices
    assert specs["category"].choices == DEFAULT_STAFF_CATEGORIES
    assert specs["gender"].choices == ("男", "女")


def test_a_person_saves_with_enum_labels_stored_as_codes(office: Office) -> None:
    saved = _save_person(
        office, office.clerk, "P002", political_status="共青团员", key_post=True, status="借调"
    )
    assert (saved.values["political_status"], saved.values["status"]) == ("共青团员", "借调")
    assert saved.values["key_post"] is True
    entry = _last_entry(office, "person", office.people["P002"])
    assert (entry.action, entry.account) == ("update", "clerk")
    after = json.loads(entry.after_json or "{}")
    assert (after["political_status"], after["status"], after["key_post"]) == (
        "league_member",
        "seconded",
        True,
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "人员的“姓名”不能为空。"),
        ("gender", "未知", "人员的“性别”不能是“未知”，应为：男、女。"),
        ("department", "", "人员的“科室”不能为空。"),
        ("department", "撤并科", "人员的“科室”不能是“撤并科”"),
        ("department", "不存在的科", "人员的“科室”不能是“不存在的科”"),
        ("category", "临时工", "人员的“人员类别”不能是“临时工”"),
        ("birth_date", "1990-01-01", "人员的“出生日期”应为日期。"),
        ("status", None, "人员的“状态”不能为空。"),
    ],
)
def test_person_validation_names_the_field(
    office: Office, field: str, value: Any, message: str
) -> None:
    person_id = office.people["P003"]
    version = office.clerk.people.current_version(person_id)
    with pytest.raises(InputError) as raised:
        _save_person(office, office.clerk, "P003", **{field: value})
    assert str(raised.value).startswith(message)
    assert office.clerk.people.current_version(person_id) == version


def test_a_move_closes_the_open_stint_and_opens_a_new_one(office: Office) -> None:
    person_id = office.people["P001"]
    saved = _save_person(office, office.clerk, "P001", department="稽查大队", position="队员")
    assert (saved.values["department"], saved.values["position"]) == ("稽查大队", "队员")

    with office.clerk._uow.read() as session:
        stints = session.scalars(
            select(PersonDepartmentRow)
            .where(PersonDepartmentRow.person_id == person_id)
            .order_by(PersonDepartmentRow.id)
        ).all()
    today = date.today()
    assert [(s.department_id, s.start_date, s.end_date) for s in stints] == [
        (office.departments["综合科"], date(2008, 8, 1), today),
        (office.departments["稽查大队"], today, None),
    ]
    entries = office.admin.audit_log.entries(AuditFilter(entity="person_department"))
    mine = [e for e in entries if e.account == "clerk"][:2]
    assert sorted(e.action for e in mine) == ["insert", "update"]

    # Saving again without a move changes no stint.
    _save_person(office, office.clerk, "P001", position="副队长")
    with office.clerk._uow.read() as session:
        count = len(
            session.scalars(
                select(PersonDepartmentRow.id).where(PersonDepartmentRow.person_id == person_id)
            ).all()
        )
    assert count == 2


def test_a_stale_person_save_names_who_saved_first(office: Office) -> None:
    person_id = office.people["P004"]
    stale = office.clerk.people.load(person_id).draft().with_value("position", "科员")
    _save_person(office, office.admin, "P004", position="主任科员")
    lease = office.clerk.leases.acquire(person_scope(person_id), "赵六（P004）")
    try:
        with pytest.raises(EditConflictError) as raised:
            office.clerk.people.save(stale, lease)
        conflict = raised.value.conflict
        assert conflict.their_account == "admin"
        assert conflict.theirs is not None and conflict.theirs["position"] == "主任科员"
        assert [(f.name, f.clash) for f in conflict.fields()] == [("position", True)]
        # Taking theirs leaves nothing to save.
        assert not conflict.take_theirs().dirty
    finally:
        office.clerk.leases.release(lease)
