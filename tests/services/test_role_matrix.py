"""The role matrix, checked inside the services (not the screens).

1. Every public method of every service a Workspace carries names the action it needs
   (found by introspection, so a new undecorated method fails here).
2. A table of representative calls, one or more per method, is run for each of the four
   roles on the demo bureau: a call is allowed exactly when domain.roles.allowed(role,
   action) says so; a refused call raises PermissionDeniedError, changes nothing (rows
   or files) and leaves a "refused" event under the account's name.

Signing in costs an Argon2 hash, so each role signs in once for the module. Calls that
write use their own rows, scopes, periods and file names per role, so their order does
not matter."""

from __future__ import annotations

import hashlib
import inspect
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from tests.factories import PASSWORD, ROLE_USERS, new_workspace, sign_in

from kaohe_desktop.domain.adjustment_rules import AdjustmentDraft, VetoDraft
from kaohe_desktop.domain.archive_records import RewardDraft, TalkDraft
from kaohe_desktop.domain.check_rules import CheckSettings, entry_levels
from kaohe_desktop.domain.enums import (
    AdjustmentCategory,
    AnnualGrade,
    CheckLevel,
    CheckStatus,
    CommendationType,
    CommentKind,
    DepartmentGrade,
    NoGradeReason,
    NoticeColor,
    PersonStatus,
    QuarterGrade,
)
from kaohe_desktop.domain.half_year_rules import HalfYearRules
from kaohe_desktop.domain.leases import check_scope, grading_scope, person_scope
from kaohe_desktop.domain.periods import HalfYear, Month, Quarter
from kaohe_desktop.domain.quarterly_rules import QuarterlyRules
from kaohe_desktop.domain.records import AssessmentRecord, DepartmentRecord, ExchangeBook
from kaohe_desktop.domain.roles import PERMISSIONS, Action, Actor, Role, allowed
from kaohe_desktop.domain.text_rules import CodeCase
from kaohe_desktop.reports.excel_exchange_writer import write_workbook
from kaohe_desktop.services.access.audit_log import AuditFilter
from kaohe_desktop.services.access.guard import Guard, required_action
from kaohe_desktop.services.access.leases import Lease
from kaohe_desktop.services.archive.views import PersonArchiveView
from kaohe_desktop.services.checks.views import (
    CheckChange,
    EvidenceView,
    NoticeDraft,
    NoticeView,
    RectificationDraft,
)
from kaohe_desktop.services.errors import PermissionDeniedError
from kaohe_desktop.services.quarterly.views import ScoreChange, ScoreField
from kaohe_desktop.services.schemes.editor import SchemeKind
from kaohe_desktop.services.scoring.views import HalfAdjustmentView, VetoView
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.services.workspace_services import SERVICE_NAMES
from kaohe_desktop.storage.models import CheckRow, DepartmentRow, TaskRow

# --- the services a Workspace carries, found without opening a file ----------------------


class _NoFile:
    """Enough of an OpenedFile for Workspace to build its services (they only keep it)."""

    path = Path("无文件.kaohe")
    evidence_dir = Path("无文件.kaohe.佐证材料")
    server = None
    location = "无文件.kaohe"

    def unit_of_work(self, account: str) -> object:
        return object()


# Built at collection time, so that the tests below are parametrized by what exists.
_BARE = Workspace(_NoFile(), Actor("x", "x", Role.VIEWER))  # type: ignore[arg-type]


def _services() -> dict[str, Any]:
    built = {name: getattr(_BARE, name) for name in SERVICE_NAMES}  # built at first use
    return {
        name: value
        for name, value in {**vars(_BARE), **built}.items()
        if isinstance(getattr(value, "guard", None), Guard)
    }


def _public_methods(cls: type) -> list[str]:
    return sorted(
        name for name, _ in inspect.getmembers(cls, inspect.isfunction) if not name.startswith("_")
    )


SERVICES = _services()
METHODS = [
    (attr, name) for attr, service in SERVICES.items() for name in _public_methods(type(service))
]

# Public service methods that deliberately need no right (each with its reason).
UNGUARDED: set[tuple[str, str]] = set()  # none: every public method states its right


def _action(attr: str, method: str) -> Action | None:
    return required_action(getattr(type(SERVICES[attr]), method))


def test_the_workspace_carries_the_known_services() -> None:
    assert set(SERVICES) >= {
        "bureau",
        "scoring",
        "archive",
        "archive_records",
        "due_lists",
        "importer",
        "exporter",
        "accounts",
        "leases",
        "periods",
        "departments",
        "categories",
        "people",
        "backups",
        "audit_log",
        "ledger",
        "tasks",
        "wall_charts",
        "grading",
        "ranking",
        "score_export",
        "checks",
        "evidence",
        "bulletins",
        "notices",
        "annual",
        "annual_export",
    }
    # Each service checks with the workspace's own guard (its actor, its audit log).
    assert all(service.guard is _BARE.guard for service in SERVICES.values())


@pytest.mark.parametrize(
    ("attr", "method"),
    METHODS,
    ids=[f"{attr}.{method}" for attr, method in METHODS],
)
def test_every_public_service_method_requires_an_action(attr: str, method: str) -> None:
    assert _action(attr, method) is not None, f"{attr}.{method} has no @requires(Action)"


def test_the_unguarded_list_names_real_methods() -> None:
    assert set(METHODS) >= UNGUARDED


def test_every_action_has_its_roles() -> None:
    assert set(PERMISSIONS) == set(Action)
    assert all(PERMISSIONS[action] <= set(Role) for action in Action)
    assert all(allowed(Role.ADMIN, action) for action in Action)


# --- the environment: the demo bureau, one workspace per role -------------------------------


@dataclass
class Env:
    root: Path
    path: Path
    workspaces: dict[Role, Workspace]
    workbook: Path
    book: ExchangeBook
    backup: Path
    department_id: int
    people: list[int]  # one person per role to edit

    @property
    def admin(self) -> Workspace:
        return self.workspaces[Role.ADMIN]


ROLE_INDEX = {role: n for n, role in enumerate(Role)}


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Env]:
    root = tmp_path_factory.mktemp("role-matrix")
    made = new_workspace(root, demo=True, roles=True)
    path = made.path
    # A slice of the demo bureau keeps the import calls quick; it refers only to
    # departments and categories the file has.
    full = made.exporter.book()
    book = ExchangeBook(
        departments=full.departments[:3],
        people=[p for p in full.people if p.department in {d.name for d in full.departments[:3]}],
        staff_categories=full.staff_categories,
    )
    workbook = root / "交换.xlsx"
    write_workbook(book, workbook)
    backup = made.backup(root / "备份-手动")
    made.close()
    workspaces = {role: sign_in(path, role, daily_backup=False) for role in Role}
    admin = workspaces[Role.ADMIN]
    # Staff, not the 局领导 (the demo's scheme leaves them off every quarter).
    people = [p.id for p in admin.people.listing() if p.category != "局领导"][: len(Role)]
    with admin._uow.read() as session:
        department_id = session.scalars(select(func.min(DepartmentRow.id))).one()
    yield Env(root, path, workspaces, workbook, book, backup, department_id, people)
    for workspace in workspaces.values():
        workspace.close()


# --- the table of calls ------------------------------------------------------------------
#
# Each entry: (service, method, label, prepare). prepare(env, role) does any setup as
# 管理员 and returns the call to make with the role's workspace.

Prepared = Callable[[Workspace], object]
Prepare = Callable[[Env, Role], Prepared]


def _plain(call: Callable[[Workspace, Env, Role], object]) -> Prepare:
    return lambda env, role: lambda ws: call(ws, env, role)


def _scope(kind: str, role: Role) -> str:
    return f"matrix:{kind}:{role.value}"


def _lease_held_by_admin(kind: str) -> Prepare:
    def prepare(env: Env, role: Role) -> Prepared:
        lease = env.admin.leases.acquire(_scope(kind, role), "矩阵")
        method = getattr(type(SERVICES["leases"]), kind)
        return lambda ws: method(ws.leases, lease)

    return prepare


def _department_save(env: Env, role: Role) -> Prepared:
    snapshot = env.admin.departments.load(env.department_id)
    draft = snapshot.draft().with_value("group_name", f"矩阵-{role.value}")
    return lambda ws: ws.departments.save(draft)


def _person_save(env: Env, role: Role) -> Prepared:
    person_id = env.people[ROLE_INDEX[role]]
    snapshot = env.admin.people.load(person_id)
    draft = snapshot.draft().with_value("position", f"矩阵-{role.value}")
    # A role that may enter data takes its own lease; for the others any lease will do,
    # the refusal comes first.
    holder = env.workspaces[role] if allowed(role, Action.ENTER_DATA) else env.admin
    lease = holder.leases.acquire(person_scope(person_id), snapshot.label)
    return lambda ws: ws.people.save(draft, lease)


def _reopen(env: Env, role: Role) -> Prepared:
    period = f"{2090 + ROLE_INDEX[role]}"
    env.admin.periods.close(period, "矩阵")
    return lambda ws: ws.periods.reopen(period, "矩阵测试")


def _change_own_password(ws: Workspace, env: Env, role: Role) -> None:
    ws.accounts.change_own_password(PASSWORD, f"{PASSWORD}-{role.value}")


def _task_values(env: Env, seq: int = 1) -> dict[str, object]:
    name = env.book.departments[0].name
    return {
        "seq": seq,
        "title": "矩阵任务",
        "category": "常规工作",
        "lead_department": name,
        "responsible": name,
        "deadline": "6月",
        "points": "5",
    }


def _first_task_id(ws: Workspace) -> int:
    return ws.ledger.tasks(2026)[0].id


def _task_of_admin(base_year: int) -> Callable[[Env, Role], Any]:
    """A task the administrator adds in a year of the role's own."""
    return lambda env, role: env.admin.ledger.add(base_year + ROLE_INDEX[role], _task_values(env))


def _task_delete(env: Env, role: Role) -> Prepared:
    task = _task_of_admin(2050)(env, role)
    return lambda ws: ws.ledger.delete(task.id, task.version)


def _copy_forward(env: Env, role: Role) -> Prepared:
    year = 2060 + 2 * ROLE_INDEX[role]
    task = env.admin.ledger.add(year, _task_values(env))
    return lambda ws: ws.ledger.copy_forward(year, year + 1, [task.id], True)


def _import_ledger(env: Env, role: Role) -> Prepared:
    book = env.root / f"台账-{role.value}.xlsx"
    env.admin.ledger.export_ledger(2026, book)
    return lambda ws: ws.ledger.import_ledger(book, dry_run=True)


def _task_save(env: Env, role: Role) -> Prepared:
    task = _task_of_admin(2070)(env, role)
    draft = env.admin.tasks.load(task.id).draft().with_value("note", f"矩阵-{role.value}")
    return lambda ws: ws.tasks.save(draft)


def _new_department(kind: str) -> Callable[[Env, Role], int]:
    return lambda env, role: env.admin.departments.add(f"矩阵{kind}-{role.value}").id


def _department_move(env: Env, role: Role) -> Prepared:
    department = _new_department("移")(env, role)
    return lambda ws: ws.departments.move(department, -1)


def _department_retire(env: Env, role: Role) -> Prepared:
    department = _new_department("撤")(env, role)
    return lambda ws: ws.departments.set_retired(department, True)


def _department_delete(env: Env, role: Role) -> Prepared:
    department = _new_department("删")(env, role)
    return lambda ws: ws.departments.delete(department)


def _new_category(kind: str) -> Callable[[Env, Role], int]:
    return lambda env, role: env.admin.categories.add(f"矩阵类{kind}-{role.value}").id


def _category_save(env: Env, role: Role) -> Prepared:
    category = _new_category("改")(env, role)
    draft = env.admin.categories.load(category).draft().with_value("name", f"矩阵类名-{role.value}")
    return lambda ws: ws.categories.save(draft)


def _category_move(env: Env, role: Role) -> Prepared:
    category = _new_category("移")(env, role)
    return lambda ws: ws.categories.move(category, -1)


def _category_delete(env: Env, role: Role) -> Prepared:
    category = _new_category("删")(env, role)
    return lambda ws: ws.categories.delete(category)


def _chart_department(env: Env) -> str:
    return env.book.departments[0].name


# 平时考核: each role grades its own quarter of a year of the call's own.


def _role_quarter(year: int, role: Role) -> Quarter:
    return Quarter(year, ROLE_INDEX[role] + 1)


def _grading_lease(env: Env, role: Role, quarter: Quarter, person_id: int) -> Lease:
    """The lease of the person's department, held by the role when it may enter data
    (for the others any holder will do: the refusal comes first)."""
    department = env.admin.grading.sheet(quarter).row(person_id).department_id
    holder = env.workspaces[role] if allowed(role, Action.ENTER_DATA) else env.admin
    return holder.leases.acquire(grading_scope(str(quarter), department), "矩阵评分")


def _grading_call(year: int, call: Callable[[Workspace, Quarter, int, Lease], object]) -> Prepare:
    def prepare(env: Env, role: Role) -> Prepared:
        quarter, person = _role_quarter(year, role), env.people[ROLE_INDEX[role]]
        lease = _grading_lease(env, role, quarter, person)
        return lambda ws: call(ws, quarter, person, lease)

    return prepare


def _set_scores(ws: Workspace, quarter: Quarter, person: int, lease: Lease) -> object:
    change = ScoreChange(person, ScoreField.PERFORMANCE, Decimal(80), None)
    return ws.grading.set_scores(quarter, [change], [lease])


def _set_override(ws: Workspace, quarter: Quarter, person: int, lease: Lease) -> object:
    return ws.grading.set_override(quarter, person, QuarterGrade.POOR, "矩阵", None, [lease])


def _set_not_graded(ws: Workspace, quarter: Quarter, person: int, lease: Lease) -> object:
    return ws.grading.set_not_graded(quarter, person, NoGradeReason.PROBATION, None, [lease])


def _add_comment(ws: Workspace, quarter: Quarter, person: int, lease: Lease) -> object:
    return ws.grading.add_comment(
        quarter, person, quarter.start, CommentKind.PRAISE, "矩阵表扬", [lease]
    )


def _delete_comment(env: Env, role: Role) -> Prepared:
    quarter, person = _role_quarter(2036, role), env.people[ROLE_INDEX[role]]
    department = env.admin.grading.sheet(quarter).row(person).department_id
    lease = env.admin.leases.acquire(grading_scope(str(quarter), department), "矩阵评分")
    env.admin.grading.add_comment(quarter, person, quarter.end, CommentKind.PRAISE, "矩阵", [lease])
    env.admin.leases.release(lease)
    (comment,) = env.admin.grading.comments(quarter, person)
    lease = _grading_lease(env, role, quarter, person)
    return lambda ws: ws.grading.delete_comment(quarter, comment.id, comment.version, [lease])


def _close_quarter(env: Env, role: Role) -> Prepared:
    """A quarter everyone has scored (all 一般: no quota, no flag), ready to close."""
    quarter = _role_quarter(2037, role)
    sheet = env.admin.grading.sheet(quarter)
    leases = [
        env.admin.leases.acquire(grading_scope(str(quarter), department), "矩阵评分")
        for department, _ in sheet.departments
    ]
    changes = [
        ScoreChange(row.person_id, field, Decimal(70), None)
        for row in sheet.rows
        for field in ScoreField
    ]
    env.admin.grading.set_scores(quarter, changes, leases)
    for lease in leases:
        env.admin.leases.release(lease)
    return lambda ws: ws.grading.close_quarter(quarter, "矩阵")


# 查账: each call works in a year of its own (a task added there by the administrator),
# clear of the years the other calls use (and of 2080–2083 and 2090–2093, which they close).


def _check_task(env: Env, year: int, deadline: str = "6月") -> tuple[int, int]:
    """(task_id, department_id) of a routine task the administrator adds in `year`."""
    task = env.admin.ledger.add(year, {**_task_values(env), "deadline": deadline})
    return task.id, _dept(env)  # _task_values makes it the department's only task


def _dept(env: Env) -> int:
    name = env.book.departments[0].name
    return next(d.id for d in env.admin.departments.listing() if d.name == name)


def _check_level(role: Role) -> CheckLevel:
    """The level the role records at by default (any for a role that records none)."""
    return (entry_levels(role, CheckSettings()) or (CheckLevel.LEAD,))[0]


def _check_lease(env: Env, role: Role, period: Quarter | Month, department: int) -> Lease:
    """The department's 查账 lease, held by the role when it may record checks (for the
    others any holder will do: the refusal comes first)."""
    holder = env.workspaces[role] if allowed(role, Action.RECORD_CHECKS) else env.admin
    return holder.checks.acquire_lease(period, department)


def _admin_records(env: Env, period: Quarter, key: tuple[int, int], level: CheckLevel) -> None:
    lease = env.admin.checks.acquire_lease(period, key[1])
    change = CheckChange(key[0], key[1], level, None, status=CheckStatus.DONE)
    env.admin.checks.set_checks(period, [change], [lease])
    env.admin.leases.release(lease)


def _set_checks(env: Env, role: Role) -> Prepared:
    year = 2044 + ROLE_INDEX[role]
    task, department = _check_task(env, year)
    quarter = Quarter(year, 2)
    lease = _check_lease(env, role, quarter, department)
    change = CheckChange(task, department, _check_level(role), None, status=CheckStatus.DONE)
    return lambda ws: ws.checks.set_checks(quarter, [change], [lease])


def _set_status_for(env: Env, role: Role) -> Prepared:
    year = 2054 + ROLE_INDEX[role]
    key = _check_task(env, year)
    quarter = Quarter(year, 2)
    lease = _check_lease(env, role, quarter, key[1])
    level = _check_level(role)
    return lambda ws: ws.checks.set_status_for(
        quarter, [key], level, CheckStatus.PARTIAL, {}, [lease]
    )


def _check_copy_forward(env: Env, role: Role) -> Prepared:
    year = 2074 + ROLE_INDEX[role]
    key = _check_task(env, year, "每季度")
    _admin_records(env, Quarter(year, 1), key, _check_level(role))
    lease = _check_lease(env, role, Quarter(year, 2), key[1])
    return lambda ws: ws.checks.copy_forward(Quarter(year, 2), [lease])


def _draw_sample(env: Env, role: Role) -> Prepared:
    year = 2084 + ROLE_INDEX[role]
    key = _check_task(env, year)
    _admin_records(env, Quarter(year, 2), key, CheckLevel.LEAD)
    return lambda ws: ws.checks.draw_sample(Quarter(year, 2), count=1)


def _sample_pdf(env: Env, role: Role) -> Prepared:
    year = 2094 + ROLE_INDEX[role]
    key = _check_task(env, year)
    _admin_records(env, Quarter(year, 2), key, CheckLevel.LEAD)
    env.admin.checks.draw_sample(Quarter(year, 2), count=1)
    out = env.root / f"抽查清单-{role.value}.pdf"
    return lambda ws: ws.checks.sample_pdf(Quarter(year, 2), out)


def _check_heartbeat(env: Env, role: Role) -> Prepared:
    lease = _check_lease(env, role, Month(2098, ROLE_INDEX[role] + 1), _dept(env))
    return lambda ws: ws.checks.heartbeat_lease(lease)


# 佐证材料: each role works on checks of its own, 2048Q1–Q4 (the call's lease) and
# 2049Q1–Q4 (files the administrator attaches first), of a task added for them.


def _evidence_check(env: Env, period: str, level: CheckLevel = CheckLevel.LEAD) -> int:
    """The check of the matrix's 佐证材料 task in `period` (made on first use)."""
    department = env.department_id

    def work(session: Session) -> int:
        task = session.scalars(select(TaskRow).where(TaskRow.year == 2048)).first()
        if task is None:
            task = TaskRow(
                year=2048,
                seq=1,
                title="矩阵佐证材料",
                category="routine",
                lead_department_id=department,
                deadline="每季度",
                points=Decimal(1),
            )
            session.add(task)
            session.flush()
        check = session.scalars(
            select(CheckRow).where(
                CheckRow.task_id == task.id,
                CheckRow.period == period,
                CheckRow.level == level.value,
            )
        ).first()
        if check is None:
            check = CheckRow(
                task_id=task.id,
                department_id=department,
                period=period,
                status="done",
                level=level.value,
                draft=False,
            )
            session.add(check)
            session.flush()
        return check.id

    return env.admin._uow.write(work)


def _evidence_pdf(env: Env, name: str) -> Path:
    path = env.root / name
    path.write_bytes(b"%PDF-1.7\n" + name.encode())
    return path


def _evidence_attach(env: Env, role: Role) -> Prepared:
    period = str(Quarter(2048, ROLE_INDEX[role] + 1))
    check = _evidence_check(env, period, _check_level(role))  # a level the role writes
    source = _evidence_pdf(env, f"佐证-{role.value}.pdf")
    # Held by the role where it may take one; for the others any holder will do.
    holder = env.workspaces[role] if allowed(role, Action.ENTER_DATA) else env.admin
    lease = holder.leases.acquire(check_scope(period, env.department_id), "矩阵查账")
    return lambda ws: ws.evidence.attach(check, source, "矩阵", [lease])


def _evidence_attached(env: Env, role: Role, kind: str) -> EvidenceView:
    """A file the administrator attaches to the role's 2049 check."""
    period = str(Quarter(2049, ROLE_INDEX[role] + 1))
    check = _evidence_check(env, period)
    lease = env.admin.leases.acquire(check_scope(period, env.department_id), "矩阵查账")
    try:
        source = _evidence_pdf(env, f"佐证-{kind}-{role.value}.pdf")
        return env.admin.evidence.attach(check, source, None, [lease])
    finally:
        env.admin.leases.release(lease)


def _evidence_open_copy(env: Env, role: Role) -> Prepared:
    view = _evidence_attached(env, role, "打开")
    return lambda ws: ws.evidence.open_copy(view.id)


def _evidence_remove(env: Env, role: Role) -> Prepared:
    view = _evidence_attached(env, role, "删除")
    return lambda ws: ws.evidence.remove(view.id, view.version)


# 督办单: each call works on a notice of its own, issued by the administrator today.


def _notice_draft(env: Env, role: Role, what: str) -> NoticeDraft:
    today = date.today()
    return NoticeDraft(
        color=NoticeColor.BLUE,
        department_id=env.department_id,
        period=Quarter(2026, 4),  # the demo's quarters before it are closed
        task_ids=(),
        content=f"矩阵督办-{what}-{role.value}",
        deadline=today + timedelta(days=15),
        issued_on=today,
    )


def _issued(env: Env, role: Role, what: str) -> NoticeView:
    return env.admin.notices.issue(_notice_draft(env, role, what))


def _rectification(result: str | None = None) -> RectificationDraft:
    deadline = date.today() + timedelta(days=20)
    return RectificationDraft("矩阵目标", "矩阵事项", deadline, "矩阵措施", result)


def _notice_lookup(env: Env, role: Role) -> Prepared:
    number = _issued(env, role, "查").number
    return lambda ws: ws.notices.notice(number)


def _notice_update(env: Env, role: Role) -> Prepared:
    view = _issued(env, role, "改")
    return lambda ws: ws.notices.update(
        view.id, view.version, color=NoticeColor.RED, content="矩阵改",
        deadline=view.deadline, deduction=Decimal(1),
    )  # fmt: skip


def _notice_withdraw(env: Env, role: Role) -> Prepared:
    view = _issued(env, role, "撤")
    return lambda ws: ws.notices.withdraw(view.id, view.version, "矩阵撤回")


def _set_rectification(env: Env, role: Role) -> Prepared:
    view = _issued(env, role, "整改")
    return lambda ws: ws.notices.set_rectification(view.id, _rectification(), None)


def _verify_rectification(env: Env, role: Role) -> Prepared:
    view = _issued(env, role, "核实")
    planned = env.admin.notices.set_rectification(view.id, _rectification("矩阵结果"), None)
    assert planned.rectification is not None
    version = planned.rectification.version
    return lambda ws: ws.notices.verify_rectification(view.id, version, "矩阵", date.today())


def _notice_pdf(env: Env, role: Role) -> Prepared:
    number = _issued(env, role, "印").number
    out = env.root / f"督办单-{role.value}.pdf"
    return lambda ws: ws.notices.notice_pdf(number, out)


def _bulletin_pdf(env: Env, role: Role) -> Prepared:
    """An edition of 2026Q3's 通报 made by the administrator, printed by the role."""
    if env.admin.bulletins.latest(Quarter(2026, 3)) is None:
        env.admin.bulletins.generate(Quarter(2026, 3))
    out = env.root / f"通报-{role.value}.pdf"
    return lambda ws: ws.bulletins.write_pdf(Quarter(2026, 3), out)


# 半年考核: each call works in a half of its own (2002–2021), clear of the demo's 2025–2026.


def _scoring_half(base: int, role: Role, half: int) -> HalfYear:
    return HalfYear(base + ROLE_INDEX[role], half)


def _scoring_lease(env: Env, role: Role, half: HalfYear) -> Lease:
    """The half's scoring lease, held by the role when it may enter data (for the
    others any holder will do: the refusal comes first)."""
    holder = env.workspaces[role] if allowed(role, Action.ENTER_DATA) else env.admin
    return holder.scoring.acquire_lease(half)


def _deduction(env: Env, reason: str = "矩阵考勤") -> AdjustmentDraft:
    return AdjustmentDraft(env.department_id, AdjustmentCategory.ATTENDANCE, Decimal(-1), reason)


def _veto_draft(env: Env, reason: str = "矩阵否决") -> VetoDraft:
    return VetoDraft(env.department_id, reason)


def _admin_adjustment(env: Env, half: HalfYear) -> HalfAdjustmentView:
    lease = env.admin.scoring.acquire_lease(half)
    try:
        (added,) = env.admin.scoring.add_adjustment(half, _deduction(env), [lease]).adjustments
    finally:
        env.admin.leases.release(lease)
    return added


def _admin_veto(env: Env, half: HalfYear) -> VetoView:
    lease = env.admin.scoring.acquire_lease(half)
    try:
        (added,) = env.admin.scoring.add_veto(half, _veto_draft(env), [lease]).vetoes
    finally:
        env.admin.leases.release(lease)
    return added


def _scoring_call(
    base: int, half: int, call: Callable[[Workspace, HalfYear, Env, Lease], object]
) -> Prepare:
    def prepare(env: Env, role: Role) -> Prepared:
        period = _scoring_half(base, role, half)
        lease = _scoring_lease(env, role, period)
        return lambda ws: call(ws, period, env, lease)

    return prepare


def _update_adjustment(env: Env, role: Role) -> Prepared:
    period = _scoring_half(2014, role, 1)
    seen = _admin_adjustment(env, period)
    lease = _scoring_lease(env, role, period)
    draft = _deduction(env, f"矩阵改-{role.value}")
    return lambda ws: ws.scoring.update_adjustment(seen.id, seen.version, draft, [lease])


def _delete_adjustment(env: Env, role: Role) -> Prepared:
    period = _scoring_half(2014, role, 2)
    seen = _admin_adjustment(env, period)
    lease = _scoring_lease(env, role, period)
    return lambda ws: ws.scoring.delete_adjustment(seen.id, seen.version, [lease])


def _update_veto(env: Env, role: Role) -> Prepared:
    period = _scoring_half(2018, role, 2)
    seen = _admin_veto(env, period)
    lease = _scoring_lease(env, role, period)
    draft = _veto_draft(env, f"矩阵改-{role.value}")
    return lambda ws: ws.scoring.update_veto(seen.id, seen.version, draft, [lease])


def _delete_veto(env: Env, role: Role) -> Prepared:
    period = _scoring_half(2006, role, 1)
    seen = _admin_veto(env, period)
    lease = _scoring_lease(env, role, period)
    return lambda ws: ws.scoring.delete_veto(seen.id, seen.version, [lease])


def _decide(env: Env, role: Role) -> Prepared:
    """Two departments of a group of their own, equal at 1000 in a half without tasks:
    one 优秀 place, so the tie is flagged for the committee."""
    names = [f"矩阵裁定{n}-{role.value}" for n in "甲乙"]
    group = f"矩阵裁定-{role.value}"
    env.admin.importer.apply(ExchangeBook(departments=[DepartmentRecord(n, group) for n in names]))
    department = next(d.id for d in env.admin.departments.listing() if d.name == names[0])
    period = _scoring_half(2006, role, 2)
    return lambda ws: ws.scoring.decide(
        period, department, DepartmentGrade.EXCELLENT, "委员会会议纪要", None
    )


# 年度考核: each call works in a year of its own (2040–2063), clear of the demo's years and
# of the years the other calls grade or close; the lease is the role's where it may
# take one (for the others any holder will do: the refusal comes first).


def _annual_year(base: int, role: Role) -> int:
    return base + ROLE_INDEX[role]


def _annual_lease(env: Env, role: Role, year: int) -> Lease:
    holder = env.workspaces[role] if allowed(role, Action.ENTER_DATA) else env.admin
    return holder.annual.acquire_lease(year)


def _in_service(env: Env) -> tuple[str, int]:
    """(编号, id) of a person in service (在职: not 试用期, so graded every year)."""
    code = next(p.code for p in env.book.people if p.status is PersonStatus.ACTIVE)
    return code, next(p.id for p in env.admin.people.listing() if p.code == code)


def _eligible(env: Env, year: int) -> int:
    """The person in service graded 好 in the year's Q1 (95/95 among the unscored: the
    only 好, within the quota), so eligible for 优秀; their id."""
    code, person = _in_service(env)
    record = AssessmentRecord(f"{year}Q1", code, Decimal(95), Decimal(95))
    env.admin.importer.apply(ExchangeBook(assessments=[record]))
    return person


def _recommend(env: Env, role: Role) -> Prepared:
    year = _annual_year(2040, role)
    person = _eligible(env, year)
    lease = _annual_lease(env, role, year)
    return lambda ws: ws.annual.recommend(year, person, [lease])


def _withdraw(env: Env, role: Role) -> Prepared:
    year = _annual_year(2044, role)
    person = _eligible(env, year)
    lease = env.admin.annual.acquire_lease(year)
    env.admin.annual.recommend(year, person, [lease])
    env.admin.leases.release(lease)
    lease = _annual_lease(env, role, year)
    return lambda ws: ws.annual.withdraw(year, person, [lease])


def _annual_call(base: int, call: Callable[[Workspace, int, int, Lease], object]) -> Prepare:
    def prepare(env: Env, role: Role) -> Prepared:
        year = _annual_year(base, role)
        lease = _annual_lease(env, role, year)
        person = _in_service(env)[1]
        return lambda ws: call(ws, year, person, lease)

    return prepare


def _excellent_list(env: Env, role: Role) -> Prepared:
    """The 公示 of a year with one person recommended (by the administrator)."""
    year = _annual_year(2064, role)
    person = _eligible(env, year)
    lease = env.admin.annual.acquire_lease(year)
    env.admin.annual.recommend(year, person, [lease])
    env.admin.leases.release(lease)
    out = env.root / f"优秀公示-{role.value}.pdf"
    return lambda ws: ws.annual_export.write_excellent_list(year, out)


# 人员档案 records: each call works on a person of its own (past the first four, whom
# _person_save edits), so the roles' leases and rows never meet. The lease is the role's
# where it may take one (for the others any holder will do: the refusal comes first).

_PRAISE = RewardDraft(CommendationType.COMMENDATION, date(2025, 6, 1), "矩阵嘉奖")
_TALK = TalkDraft(date(2025, 6, 1), "矩阵谈话人")


def _archive_person(env: Env, role: Role, call: int) -> int:
    return env.admin.people.listing()[len(Role) * (1 + call) + ROLE_INDEX[role]].id


def _archive_lease(env: Env, role: Role, person: int) -> Lease:
    holder = env.workspaces[role] if allowed(role, Action.ENTER_DATA) else env.admin
    return holder.archive_records.acquire_lease(person)


def _archive_acquire(env: Env, role: Role) -> Prepared:
    person = _archive_person(env, role, 0)
    return lambda ws: ws.archive_records.acquire_lease(person)


def _archive_call(call: int, act: Callable[[Workspace, int, Lease], object]) -> Prepare:
    def prepare(env: Env, role: Role) -> Prepared:
        person = _archive_person(env, role, call)
        lease = _archive_lease(env, role, person)
        return lambda ws: act(ws, person, lease)

    return prepare


def _admin_archive_records(env: Env, person: int) -> PersonArchiveView:
    """A 嘉奖 and a 谈话 the administrator adds to the person (the lease given back);
    the demo's own records of the person stay beside them."""
    records = env.admin.archive_records
    lease = records.acquire_lease(person)
    try:
        records.add_reward(person, _PRAISE, lease)
        return records.add_talk(person, _TALK, lease)
    finally:
        env.admin.leases.release(lease)


def _archive_seen(call: int) -> Callable[[Env, Role], tuple[PersonArchiveView, Lease]]:
    def seen(env: Env, role: Role) -> tuple[PersonArchiveView, Lease]:
        person = _archive_person(env, role, call)
        view = _admin_archive_records(env, person)
        return view, _archive_lease(env, role, person)

    return seen


def _archive_update_reward(env: Env, role: Role) -> Prepared:
    view, lease = _archive_seen(2)(env, role)
    (praise,) = [c for c in view.commendations if c.reason == _PRAISE.reason]
    draft = RewardDraft(CommendationType.MERIT_3, praise.on, f"矩阵改-{role.value}")
    return lambda ws: ws.archive_records.update_reward(
        praise.id, False, praise.version, draft, lease
    )


def _archive_delete_reward(env: Env, role: Role) -> Prepared:
    view, lease = _archive_seen(3)(env, role)
    (praise,) = [c for c in view.commendations if c.reason == _PRAISE.reason]
    return lambda ws: ws.archive_records.delete_reward(praise.id, False, praise.version, lease)


def _archive_update_talk(env: Env, role: Role) -> Prepared:
    view, lease = _archive_seen(5)(env, role)
    (talk,) = [t for t in view.talks if t.talker == _TALK.talker]
    draft = TalkDraft(talk.on, f"矩阵改-{role.value}")
    return lambda ws: ws.archive_records.update_talk(talk.id, talk.version, draft, lease)


def _archive_delete_talk(env: Env, role: Role) -> Prepared:
    view, lease = _archive_seen(6)(env, role)
    (talk,) = [t for t in view.talks if t.talker == _TALK.talker]
    return lambda ws: ws.archive_records.delete_talk(talk.id, talk.version, lease)


CALLS: list[tuple[str, str, str, Prepare]] = [
    # 查看
    ("bureau", "summary", "", _plain(lambda ws, env, role: ws.bureau.summary())),
    ("ledger", "tasks", "2026", _plain(lambda ws, env, role: ws.ledger.tasks(2026))),
    (
        "grading",
        "assessments",
        "2026Q2",
        _plain(lambda ws, env, role: ws.grading.assessments(Quarter(2026, 2))),
    ),
    ("people", "listing", "", _plain(lambda ws, env, role: ws.people.listing())),
    ("archive", "entries", "", _plain(lambda ws, env, role: ws.archive.entries(env.people[0]))),
    ("archive", "people", "", _plain(lambda ws, env, role: ws.archive.people())),
    ("archive", "archive", "", _plain(lambda ws, env, role: ws.archive.archive(env.people[0]))),
    # 人员档案 records
    ("archive_records", "acquire_lease", "", _archive_acquire),
    (
        "archive_records",
        "add_reward",
        "under a lease",
        _archive_call(
            1, lambda ws, person, lease: ws.archive_records.add_reward(person, _PRAISE, lease)
        ),
    ),
    ("archive_records", "update_reward", "", _archive_update_reward),
    ("archive_records", "delete_reward", "", _archive_delete_reward),
    (
        "archive_records",
        "add_talk",
        "under a lease",
        _archive_call(
            4, lambda ws, person, lease: ws.archive_records.add_talk(person, _TALK, lease)
        ),
    ),
    ("archive_records", "update_talk", "", _archive_update_talk),
    ("archive_records", "delete_talk", "", _archive_delete_talk),
    ("due_lists", "lists", "2026", _plain(lambda ws, env, role: ws.due_lists.lists(2026))),
    ("due_lists", "overdue_count", "", _plain(lambda ws, env, role: ws.due_lists.overdue_count())),
    (
        "due_lists",
        "export",
        "2026",
        _plain(
            lambda ws, env, role: ws.due_lists.export(
                2026, env.root / f"谈话提醒-{role.value}.xlsx"
            )
        ),
    ),
    # 导入 / 导出
    (
        "importer",
        "read_book",
        "",
        _plain(lambda ws, env, role: ws.importer.read_book(env.workbook)),
    ),
    (
        "importer",
        "import_workbook",
        "dry run",
        _plain(lambda ws, env, role: ws.importer.import_workbook(env.workbook, dry_run=True)),
    ),
    (
        "importer",
        "apply",
        "dry run",
        _plain(lambda ws, env, role: ws.importer.apply(env.book, dry_run=True)),
    ),
    (
        "importer",
        "apply",
        "new department",
        _plain(
            lambda ws, env, role: ws.importer.apply(
                ExchangeBook(departments=[DepartmentRecord(f"矩阵科-{role.value}")])
            )
        ),
    ),
    ("importer", "code_case", "", _plain(lambda ws, env, role: ws.importer.code_case())),
    (
        "importer",
        "set_code_case",
        "",
        _plain(lambda ws, env, role: ws.importer.set_code_case(CodeCase.UPPER)),
    ),
    ("exporter", "book", "", _plain(lambda ws, env, role: ws.exporter.book())),
    (
        "exporter",
        "export_workbook",
        "",
        _plain(
            lambda ws, env, role: ws.exporter.export_workbook(env.root / f"导出-{role.value}.xlsx")
        ),
    ),
    # 账号
    ("accounts", "accounts", "", _plain(lambda ws, env, role: ws.accounts.accounts())),
    (
        "accounts",
        "add_account",
        "",
        _plain(
            lambda ws, env, role: ws.accounts.add_account(
                f"new_{role.value}", "新同事", Role.CLERK, "new-pass-1"
            )
        ),
    ),
    (
        "accounts",
        "update_account",
        "",
        _plain(
            lambda ws, env, role: ws.accounts.update_account(
                "luru", display_name=f"录入-{role.value}", role=Role.CLERK, active=True
            )
        ),
    ),
    (
        "accounts",
        "reset_password",
        "",
        _plain(lambda ws, env, role: ws.accounts.reset_password("lingdao", "lingdao-pass-2")),
    ),
    ("accounts", "unlock", "", _plain(lambda ws, env, role: ws.accounts.unlock("shenhe"))),
    ("accounts", "change_own_password", "", _plain(_change_own_password)),
    # 编辑锁
    (
        "leases",
        "holder",
        "",
        _plain(lambda ws, env, role: ws.leases.holder(_scope("holder", role))),
    ),
    (
        "leases",
        "acquire",
        "",
        _plain(lambda ws, env, role: ws.leases.acquire(_scope("acquire", role), "矩阵")),
    ),
    ("leases", "heartbeat", "", _lease_held_by_admin("heartbeat")),
    ("leases", "release", "", _lease_held_by_admin("release")),
    (
        "leases",
        "take_over",
        "free scope",
        _plain(lambda ws, env, role: ws.leases.take_over(_scope("take_over", role), "矩阵")),
    ),
    # 期间
    ("periods", "history", "", _plain(lambda ws, env, role: ws.periods.history())),
    ("periods", "closed_periods", "", _plain(lambda ws, env, role: ws.periods.closed_periods())),
    (
        "periods",
        "early_close_warning",
        "",
        _plain(lambda ws, env, role: ws.periods.early_close_warning("2026Q4")),
    ),
    (
        "periods",
        "close",
        "",
        _plain(lambda ws, env, role: ws.periods.close(f"{2080 + ROLE_INDEX[role]}", "矩阵")),
    ),
    ("periods", "reopen", "", _reopen),
    # 科室 / 人员
    (
        "departments",
        "load",
        "",
        _plain(lambda ws, env, role: ws.departments.load(env.department_id)),
    ),
    (
        "departments",
        "current_version",
        "",
        _plain(lambda ws, env, role: ws.departments.current_version(env.department_id)),
    ),
    ("departments", "save", "", _department_save),
    (
        "departments",
        "listing",
        "",
        _plain(lambda ws, env, role: ws.departments.listing()),
    ),
    ("people", "load", "", _plain(lambda ws, env, role: ws.people.load(env.people[0]))),
    (
        "people",
        "current_version",
        "",
        _plain(lambda ws, env, role: ws.people.current_version(env.people[0])),
    ),
    ("people", "save", "under a lease", _person_save),
    # 备份
    ("backups", "folder", "", _plain(lambda ws, env, role: ws.backups.folder())),
    ("backups", "backups", "", _plain(lambda ws, env, role: ws.backups.backups())),
    ("backups", "daily", "", _plain(lambda ws, env, role: ws.backups.daily())),
    (
        "backups",
        "set_folder",
        "",
        _plain(lambda ws, env, role: ws.backups.set_folder(env.root / f"备份-{role.value}")),
    ),
    (
        "backups",
        "backup_now",
        "",
        _plain(lambda ws, env, role: ws.backups.backup_now(env.root / f"手动-{role.value}")),
    ),
    (
        "backups",
        "restore",
        "",
        _plain(
            lambda ws, env, role: ws.backups.restore(
                env.backup, env.root / f"恢复-{role.value}.kaohe"
            )
        ),
    ),
    (
        "copying",
        "copy_to",
        "",
        _plain(lambda ws, env, role: ws.copying.copy_to(env.root / f"复制-{role.value}.kaohe")),
    ),
    # 台账
    ("ledger", "departments", "", _plain(lambda ws, env, role: ws.ledger.departments())),
    ("ledger", "taken_seqs", "", _plain(lambda ws, env, role: ws.ledger.taken_seqs(2026))),
    ("ledger", "next_seq", "", _plain(lambda ws, env, role: ws.ledger.next_seq(2026))),
    ("ledger", "years", "", _plain(lambda ws, env, role: ws.ledger.years())),
    ("ledger", "task", "", _plain(lambda ws, env, role: ws.ledger.task(_first_task_id(ws)))),
    (
        "ledger",
        "add",
        "",
        _plain(lambda ws, env, role: ws.ledger.add(2040 + ROLE_INDEX[role], _task_values(env))),
    ),
    ("ledger", "delete", "", _task_delete),
    ("ledger", "copy_forward", "", _copy_forward),
    ("ledger", "import_ledger", "dry run", _import_ledger),
    (
        "ledger",
        "export_ledger",
        "",
        _plain(
            lambda ws, env, role: ws.ledger.export_ledger(
                2026, env.root / f"台账导出-{role.value}.xlsx"
            )
        ),
    ),
    ("tasks", "load", "", _plain(lambda ws, env, role: ws.tasks.load(_first_task_id(ws)))),
    (
        "tasks",
        "current_version",
        "",
        _plain(lambda ws, env, role: ws.tasks.current_version(_first_task_id(ws))),
    ),
    ("tasks", "save", "", _task_save),
    # 基础数据
    (
        "departments",
        "add",
        "",
        _plain(lambda ws, env, role: ws.departments.add(f"矩阵新科-{role.value}")),
    ),
    ("departments", "move", "", _department_move),
    ("departments", "set_retired", "", _department_retire),
    ("departments", "delete", "unused", _department_delete),
    ("categories", "listing", "", _plain(lambda ws, env, role: ws.categories.listing())),
    ("categories", "load", "", _plain(lambda ws, env, role: ws.categories.load(1))),
    (
        "categories",
        "current_version",
        "",
        _plain(lambda ws, env, role: ws.categories.current_version(1)),
    ),
    ("categories", "save", "", _category_save),
    (
        "categories",
        "add",
        "",
        _plain(lambda ws, env, role: ws.categories.add(f"矩阵新类-{role.value}")),
    ),
    ("categories", "move", "", _category_move),
    ("categories", "delete", "unused", _category_delete),
    # 墙上台账
    (
        "wall_charts",
        "departments",
        "",
        _plain(lambda ws, env, role: ws.wall_charts.departments(2026)),
    ),
    (
        "wall_charts",
        "build",
        "",
        _plain(lambda ws, env, role: ws.wall_charts.build(2026, department=_chart_department(env))),
    ),
    (
        "wall_charts",
        "write",
        "",
        _plain(
            lambda ws, env, role: ws.wall_charts.write(
                2026, env.root / f"墙上台账-{role.value}.pdf", department=_chart_department(env)
            )
        ),
    ),
    # 平时考核
    ("grading", "sheet", "", _plain(lambda ws, env, role: ws.grading.sheet(Quarter(2026, 2)))),
    (
        "grading",
        "default_quarter",
        "",
        _plain(lambda ws, env, role: ws.grading.default_quarter(2026)),
    ),
    ("grading", "set_scores", "under a lease", _grading_call(2032, _set_scores)),
    ("grading", "set_override", "较差", _grading_call(2033, _set_override)),
    ("grading", "set_not_graded", "", _grading_call(2034, _set_not_graded)),
    (
        "grading",
        "comments",
        "",
        _plain(lambda ws, env, role: ws.grading.comments(Quarter(2026, 2), env.people[0])),
    ),
    ("grading", "add_comment", "", _grading_call(2035, _add_comment)),
    ("grading", "delete_comment", "", _delete_comment),
    ("grading", "close_quarter", "all scored", _close_quarter),
    (
        "grading",
        "set_rules",
        "",
        _plain(
            lambda ws, env, role: ws.grading.set_rules(_role_quarter(2038, role), QuarterlyRules())
        ),
    ),
    # 排名表 / 汇总表
    ("ranking", "book", "", _plain(lambda ws, env, role: ws.ranking.book(Quarter(2026, 2)))),
    (
        "ranking",
        "write_workbook",
        "",
        _plain(
            lambda ws, env, role: ws.ranking.write_workbook(
                Quarter(2026, 2), env.root / f"排名-{role.value}.xlsx"
            )
        ),
    ),
    (
        "ranking",
        "write_pdf",
        "",
        _plain(
            lambda ws, env, role: ws.ranking.write_pdf(
                Quarter(2026, 2), env.root / f"汇总表-{role.value}.pdf"
            )
        ),
    ),
    # 人员档案 PDF
    (
        "archive_print",
        "write_pdf",
        "one person",
        _plain(
            lambda ws, env, role: ws.archive_print.write_pdf(
                env.root / f"人员档案-{role.value}.pdf", person_code=env.book.people[0].code
            )
        ),
    ),
    # 半年考核得分表 / 年度得分表
    (
        "score_export",
        "export_half",
        "with the PDF",
        _plain(
            lambda ws, env, role: ws.score_export.export_half(
                HalfYear(2026, 1),
                env.root / f"得分表-{role.value}.xlsx",
                env.root / f"得分汇总表-{role.value}.pdf",
            )
        ),
    ),
    (
        "score_export",
        "export_year",
        "",
        _plain(
            lambda ws, env, role: ws.score_export.export_year(
                2026, env.root / f"年度得分表-{role.value}.xlsx"
            )
        ),
    ),
    # 查账
    ("checks", "due_list", "", _plain(lambda ws, env, role: ws.checks.due_list(Quarter(2026, 2)))),
    ("checks", "settings", "", _plain(lambda ws, env, role: ws.checks.settings())),
    ("checks", "entry_levels", "", _plain(lambda ws, env, role: ws.checks.entry_levels())),
    ("checks", "sample", "", _plain(lambda ws, env, role: ws.checks.sample(Quarter(2026, 2)))),
    (
        "checks",
        "save_settings",
        "",
        _plain(
            lambda ws, env, role: ws.checks.save_settings(
                CheckSettings(sample_percent=10 + ROLE_INDEX[role])
            )
        ),
    ),
    (
        "checks",
        "acquire_lease",
        "",
        _plain(
            lambda ws, env, role: ws.checks.acquire_lease(
                Quarter(2098, ROLE_INDEX[role] + 1), _dept(env)
            )
        ),
    ),
    ("checks", "heartbeat_lease", "", _check_heartbeat),
    ("checks", "set_checks", "under a lease", _set_checks),
    ("checks", "set_status_for", "under a lease", _set_status_for),
    ("checks", "copy_forward", "", _check_copy_forward),
    ("checks", "draw_sample", "", _draw_sample),
    ("checks", "sample_pdf", "", _sample_pdf),
    # 佐证材料
    ("evidence", "attach", "under a lease", _evidence_attach),
    (
        "evidence",
        "files",
        "",
        _plain(lambda ws, env, role: ws.evidence.files(_evidence_check(env, "2048Q1"))),
    ),
    ("evidence", "open_copy", "", _evidence_open_copy),
    ("evidence", "remove", "", _evidence_remove),
    ("evidence", "sweep", "", _plain(lambda ws, env, role: ws.evidence.sweep())),
    ("evidence", "store_check", "", _plain(lambda ws, env, role: ws.evidence.store_check())),
    # 通报
    (
        "bulletins",
        "generate",
        "2026Q4",
        _plain(lambda ws, env, role: ws.bulletins.generate(Quarter(2026, 4))),
    ),
    (
        "bulletins",
        "editions",
        "",
        _plain(lambda ws, env, role: ws.bulletins.editions(Quarter(2026, 2))),
    ),
    (
        "bulletins",
        "latest",
        "",
        _plain(lambda ws, env, role: ws.bulletins.latest(Quarter(2026, 2))),
    ),
    ("bulletins", "write_pdf", "", _bulletin_pdf),
    # 督办单 / 整改
    (
        "notices",
        "suggest",
        "by hand",
        _plain(
            lambda ws, env, role: ws.notices.suggest(
                Quarter(2026, 3), department_id=env.department_id
            )
        ),
    ),
    ("notices", "notices", "2026", _plain(lambda ws, env, role: ws.notices.notices(2026))),
    ("notices", "notice", "", _notice_lookup),
    (
        "notices",
        "overdue",
        "",
        _plain(lambda ws, env, role: ws.notices.overdue(date(2026, 12, 31))),
    ),
    (
        "notices",
        "issue",
        "",
        _plain(lambda ws, env, role: ws.notices.issue(_notice_draft(env, role, "下达"))),
    ),
    ("notices", "update", "", _notice_update),
    ("notices", "withdraw", "", _notice_withdraw),
    ("notices", "set_rectification", "", _set_rectification),
    ("notices", "verify_rectification", "", _verify_rectification),
    ("notices", "notice_pdf", "", _notice_pdf),
    # 半年考核
    ("scoring", "sheet", "", _plain(lambda ws, env, role: ws.scoring.sheet(HalfYear(2026, 1)))),
    (
        "scoring",
        "scoring",
        "",
        _plain(lambda ws, env, role: ws.scoring.scoring(HalfYear(2026, 1))),
    ),
    ("scoring", "year", "", _plain(lambda ws, env, role: ws.scoring.year(2026))),
    (
        "scoring",
        "acquire_lease",
        "",
        _plain(lambda ws, env, role: ws.scoring.acquire_lease(_scoring_half(2010, role, 1))),
    ),
    (
        "scoring",
        "add_adjustment",
        "under a lease",
        _scoring_call(
            2010,
            2,
            lambda ws, half, env, lease: ws.scoring.add_adjustment(half, _deduction(env), [lease]),
        ),
    ),
    ("scoring", "update_adjustment", "", _update_adjustment),
    ("scoring", "delete_adjustment", "", _delete_adjustment),
    (
        "scoring",
        "add_veto",
        "under a lease",
        _scoring_call(
            2018,
            1,
            lambda ws, half, env, lease: ws.scoring.add_veto(half, _veto_draft(env), [lease]),
        ),
    ),
    ("scoring", "update_veto", "", _update_veto),
    ("scoring", "delete_veto", "", _delete_veto),
    ("scoring", "decide", "a flagged tie", _decide),
    (
        "scoring",
        "decision_grades",
        "",
        _plain(
            lambda ws, env, role: ws.scoring.decision_grades(HalfYear(2026, 1), env.department_id)
        ),
    ),
    (
        "scoring",
        "set_rules",
        "",
        _plain(
            lambda ws, env, role: ws.scoring.set_rules(
                _scoring_half(2002, role, 1), HalfYearRules()
            )
        ),
    ),
    # 管理 → 考核方案…
    (
        "schemes",
        "periods",
        "季度",
        _plain(lambda ws, env, role: ws.schemes.periods(SchemeKind.QUARTERLY)),
    ),
    (
        "schemes",
        "period",
        "2026",
        _plain(lambda ws, env, role: ws.schemes.period(SchemeKind.ANNUAL, "2026")),
    ),
    ("schemes", "categories", "", _plain(lambda ws, env, role: ws.schemes.categories())),
    (
        "schemes",
        "save",
        "a quarter set ahead",
        _plain(
            lambda ws, env, role: ws.schemes.save(
                SchemeKind.QUARTERLY, str(_role_quarter(2064, role)), QuarterlyRules(), 0
            )
        ),
    ),
    # 年度考核
    ("annual", "sheet", "2026", _plain(lambda ws, env, role: ws.annual.sheet(2026))),
    ("annual", "rules", "2026", _plain(lambda ws, env, role: ws.annual.rules(2026))),
    (
        "annual",
        "acquire_lease",
        "",
        _plain(lambda ws, env, role: ws.annual.acquire_lease(_annual_year(2048, role))),
    ),
    ("annual", "recommend", "an eligible person", _recommend),
    ("annual", "withdraw", "", _withdraw),
    (
        "annual",
        "set_grade",
        "基本称职 with its reason",
        _annual_call(
            2052,
            lambda ws, year, person, lease: ws.annual.set_grade(
                year, person, AnnualGrade.BASICALLY_COMPETENT, "矩阵理由", [lease]
            ),
        ),
    ),
    (
        "annual",
        "set_note",
        "",
        _annual_call(
            2056,
            lambda ws, year, person, lease: ws.annual.set_note(year, person, "矩阵备注", [lease]),
        ),
    ),
    (
        "annual",
        "set_share",
        "25% with its reason",
        _plain(
            lambda ws, env, role: ws.annual.set_share(
                _annual_year(2060, role), Decimal("0.25"), "矩阵依据"
            )
        ),
    ),
    # 年度考核表 / 登记表 / 优秀公示
    (
        "annual_export",
        "write_workbook",
        "2026",
        _plain(
            lambda ws, env, role: ws.annual_export.write_workbook(
                2026, env.root / f"年度考核-{role.value}.xlsx"
            )
        ),
    ),
    (
        "annual_export",
        "write_forms",
        "one person",
        _plain(
            lambda ws, env, role: ws.annual_export.write_forms(
                2026, env.root / f"登记表-{role.value}.pdf", person_id=env.people[0]
            )
        ),
    ),
    ("annual_export", "write_excellent_list", "one recommended", _excellent_list),
    # 操作日志
    ("audit_log", "entries", "", _plain(lambda ws, env, role: ws.audit_log.entries())),
    ("audit_log", "accounts", "", _plain(lambda ws, env, role: ws.audit_log.accounts())),
    ("audit_log", "entities", "", _plain(lambda ws, env, role: ws.audit_log.entities())),
    ("audit_log", "verify", "", _plain(lambda ws, env, role: ws.audit_log.verify())),
]


# The action each method needs, written by hand: a decorator naming the wrong action
# (restore under BACKUP, say) fails here even though the guard would enforce it.
EXPECTED: dict[tuple[str, str], Action] = {
    ("bureau", "summary"): Action.VIEW,
    ("ledger", "tasks"): Action.VIEW,
    ("grading", "assessments"): Action.VIEW,
    ("people", "listing"): Action.VIEW,
    ("archive", "entries"): Action.VIEW,
    ("archive", "people"): Action.VIEW,
    ("archive", "archive"): Action.VIEW,
    ("archive_records", "acquire_lease"): Action.ENTER_DATA,
    ("archive_records", "add_reward"): Action.ENTER_DATA,
    ("archive_records", "update_reward"): Action.ENTER_DATA,
    ("archive_records", "delete_reward"): Action.ENTER_DATA,
    ("archive_records", "add_talk"): Action.ENTER_DATA,
    ("archive_records", "update_talk"): Action.ENTER_DATA,
    ("archive_records", "delete_talk"): Action.ENTER_DATA,
    ("due_lists", "lists"): Action.VIEW,
    ("due_lists", "overdue_count"): Action.VIEW,
    ("due_lists", "export"): Action.EXPORT,
    ("importer", "read_book"): Action.IMPORT,
    ("importer", "import_workbook"): Action.IMPORT,
    ("importer", "apply"): Action.IMPORT,
    ("importer", "code_case"): Action.VIEW,
    ("importer", "set_code_case"): Action.EDIT_SCHEME,
    ("exporter", "book"): Action.EXPORT,
    ("exporter", "export_workbook"): Action.EXPORT,
    ("accounts", "accounts"): Action.MANAGE_ACCOUNTS,
    ("accounts", "add_account"): Action.MANAGE_ACCOUNTS,
    ("accounts", "update_account"): Action.MANAGE_ACCOUNTS,
    ("accounts", "reset_password"): Action.MANAGE_ACCOUNTS,
    ("accounts", "unlock"): Action.MANAGE_ACCOUNTS,
    ("accounts", "change_own_password"): Action.CHANGE_OWN_PASSWORD,
    ("leases", "holder"): Action.VIEW,
    ("leases", "acquire"): Action.ENTER_DATA,
    ("leases", "heartbeat"): Action.ENTER_DATA,
    ("leases", "release"): Action.VIEW,
    ("leases", "take_over"): Action.TAKE_OVER_LEASE,
    ("periods", "history"): Action.VIEW,
    ("periods", "closed_periods"): Action.VIEW,
    ("periods", "early_close_warning"): Action.VIEW,
    ("periods", "close"): Action.CLOSE_PERIOD,
    ("periods", "reopen"): Action.REOPEN_PERIOD,
    ("departments", "load"): Action.VIEW,
    ("departments", "current_version"): Action.VIEW,
    ("departments", "save"): Action.ENTER_DATA,
    ("departments", "listing"): Action.VIEW,
    ("people", "load"): Action.VIEW,
    ("people", "current_version"): Action.VIEW,
    ("people", "save"): Action.ENTER_DATA,
    ("backups", "folder"): Action.VIEW,
    ("backups", "backups"): Action.VIEW,
    ("backups", "daily"): Action.VIEW,
    ("backups", "set_folder"): Action.CONFIGURE_BACKUPS,
    ("backups", "backup_now"): Action.BACKUP,
    ("backups", "restore"): Action.RESTORE,
    ("copying", "copy_to"): Action.COPY_DATABASE,
    ("ledger", "departments"): Action.VIEW,
    ("ledger", "taken_seqs"): Action.VIEW,
    ("ledger", "next_seq"): Action.VIEW,
    ("ledger", "years"): Action.VIEW,
    ("ledger", "task"): Action.VIEW,
    ("ledger", "add"): Action.ENTER_DATA,
    ("ledger", "delete"): Action.ENTER_DATA,
    ("ledger", "copy_forward"): Action.ENTER_DATA,
    ("ledger", "import_ledger"): Action.IMPORT,
    ("ledger", "export_ledger"): Action.EXPORT,
    ("tasks", "load"): Action.VIEW,
    ("tasks", "current_version"): Action.VIEW,
    ("tasks", "save"): Action.ENTER_DATA,
    ("departments", "add"): Action.ENTER_DATA,
    ("departments", "move"): Action.ENTER_DATA,
    ("departments", "set_retired"): Action.ENTER_DATA,
    ("departments", "delete"): Action.ENTER_DATA,
    ("categories", "listing"): Action.VIEW,
    ("categories", "load"): Action.VIEW,
    ("categories", "current_version"): Action.VIEW,
    ("categories", "save"): Action.ENTER_DATA,
    ("categories", "add"): Action.ENTER_DATA,
    ("categories", "move"): Action.ENTER_DATA,
    ("categories", "delete"): Action.ENTER_DATA,
    ("wall_charts", "departments"): Action.VIEW,
    ("wall_charts", "build"): Action.VIEW,
    ("wall_charts", "write"): Action.EXPORT,
    ("grading", "sheet"): Action.VIEW,
    ("grading", "default_quarter"): Action.VIEW,
    ("grading", "set_scores"): Action.ENTER_DATA,
    ("grading", "set_override"): Action.ENTER_DATA,
    ("grading", "set_not_graded"): Action.ENTER_DATA,
    ("grading", "comments"): Action.VIEW,
    ("grading", "add_comment"): Action.ENTER_DATA,
    ("grading", "delete_comment"): Action.ENTER_DATA,
    ("grading", "close_quarter"): Action.CLOSE_PERIOD,
    ("grading", "set_rules"): Action.EDIT_SCHEME,
    ("ranking", "book"): Action.VIEW,
    ("ranking", "write_workbook"): Action.EXPORT,
    ("ranking", "write_pdf"): Action.EXPORT,
    ("archive_print", "write_pdf"): Action.EXPORT,
    ("score_export", "export_half"): Action.EXPORT,
    ("score_export", "export_year"): Action.EXPORT,
    ("bulletins", "generate"): Action.RECORD_CHECKS,
    ("bulletins", "editions"): Action.VIEW,
    ("bulletins", "latest"): Action.VIEW,
    ("bulletins", "write_pdf"): Action.EXPORT,
    ("notices", "suggest"): Action.VIEW,
    ("notices", "notices"): Action.VIEW,
    ("notices", "notice"): Action.VIEW,
    ("notices", "overdue"): Action.VIEW,
    ("notices", "issue"): Action.RECORD_CHECKS,
    ("notices", "update"): Action.RECORD_CHECKS,
    ("notices", "withdraw"): Action.RECORD_CHECKS,
    ("notices", "set_rectification"): Action.RECORD_CHECKS,
    ("notices", "verify_rectification"): Action.REVIEW,
    ("notices", "notice_pdf"): Action.EXPORT,
    ("scoring", "sheet"): Action.VIEW,
    ("scoring", "scoring"): Action.VIEW,
    ("scoring", "year"): Action.VIEW,
    ("scoring", "acquire_lease"): Action.ENTER_DATA,
    ("scoring", "add_adjustment"): Action.ENTER_DATA,
    ("scoring", "update_adjustment"): Action.ENTER_DATA,
    ("scoring", "delete_adjustment"): Action.ENTER_DATA,
    ("scoring", "add_veto"): Action.ENTER_DATA,
    ("scoring", "update_veto"): Action.ENTER_DATA,
    ("scoring", "delete_veto"): Action.ENTER_DATA,
    ("scoring", "decide"): Action.REVIEW,
    ("scoring", "decision_grades"): Action.VIEW,
    ("scoring", "set_rules"): Action.EDIT_SCHEME,
    ("schemes", "periods"): Action.VIEW,
    ("schemes", "period"): Action.VIEW,
    ("schemes", "categories"): Action.VIEW,
    ("schemes", "save"): Action.EDIT_SCHEME,
    ("annual", "sheet"): Action.VIEW,
    ("annual", "rules"): Action.VIEW,
    ("annual", "acquire_lease"): Action.ENTER_DATA,
    ("annual", "recommend"): Action.ENTER_DATA,
    ("annual", "withdraw"): Action.ENTER_DATA,
    ("annual", "set_grade"): Action.ENTER_DATA,
    ("annual", "set_note"): Action.ENTER_DATA,
    ("annual", "set_share"): Action.EDIT_SCHEME,
    ("annual_export", "write_workbook"): Action.EXPORT,
    ("annual_export", "write_forms"): Action.EXPORT,
    ("annual_export", "write_excellent_list"): Action.EXPORT,
    ("checks", "due_list"): Action.VIEW,
    ("checks", "settings"): Action.VIEW,
    ("checks", "entry_levels"): Action.VIEW,
    ("checks", "sample"): Action.VIEW,
    ("checks", "save_settings"): Action.EDIT_SCHEME,
    ("checks", "acquire_lease"): Action.RECORD_CHECKS,
    ("checks", "heartbeat_lease"): Action.RECORD_CHECKS,
    ("checks", "set_checks"): Action.RECORD_CHECKS,
    ("checks", "set_status_for"): Action.RECORD_CHECKS,
    ("checks", "copy_forward"): Action.RECORD_CHECKS,
    ("checks", "draw_sample"): Action.REVIEW,
    ("checks", "sample_pdf"): Action.EXPORT,
    ("evidence", "attach"): Action.RECORD_CHECKS,
    ("evidence", "files"): Action.VIEW,
    ("evidence", "open_copy"): Action.VIEW,
    ("evidence", "remove"): Action.REMOVE_EVIDENCE,
    ("evidence", "sweep"): Action.REMOVE_EVIDENCE,
    ("evidence", "store_check"): Action.CHECK_FILE,
    ("audit_log", "entries"): Action.VIEW_AUDIT,
    ("audit_log", "accounts"): Action.VIEW_AUDIT,
    ("audit_log", "entities"): Action.VIEW_AUDIT,
    ("audit_log", "verify"): Action.VIEW_AUDIT,
}


def test_each_method_needs_the_action_written_down() -> None:
    assert set(EXPECTED) == set(METHODS) - UNGUARDED
    wrong = {
        f"{attr}.{method}": (_action(attr, method), action)
        for (attr, method), action in EXPECTED.items()
        if _action(attr, method) is not action
    }
    assert wrong == {}


def test_the_table_calls_every_guarded_method() -> None:
    called = {(attr, method) for attr, method, _, _ in CALLS}
    assert called == set(METHODS) - UNGUARDED


# --- what "changes nothing" means -----------------------------------------------------------


def _rows_digest(path: Path) -> str:
    """Every row of every table but the audit log (and the log's head in app_meta)."""
    digest = hashlib.sha256()
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        for table in tables:
            if table == "audit_log":
                continue
            digest.update(table.encode())
            for row in connection.execute(f'SELECT * FROM "{table}" ORDER BY rowid'):
                if table == "app_meta" and row[0] in ("audit_head", "audit_count"):
                    continue
                digest.update(repr(row).encode())
    finally:
        connection.close()
    return digest.hexdigest()


def _files(env: Env, *folders: Path) -> list[tuple[str, int]]:
    """Every file under the module's folder and `folders` (the test's backup folder)."""
    skip = {env.path, Path(f"{env.path}-journal")}
    return sorted(
        (str(p), p.stat().st_size if p.is_file() else -1)
        for folder in (env.root, *folders)
        for p in folder.rglob("*")
        if p not in skip
    )


def _refusals(env: Env, username: str) -> int:
    # Straight from the file: the service would fetch the demo import's thousands of rows.
    connection = sqlite3.connect(f"file:{env.path}?mode=ro", uri=True)
    try:
        statement = "SELECT count(*) FROM audit_log WHERE account = ? AND action = 'refused'"
        return int(connection.execute(statement, (username,)).fetchone()[0])
    finally:
        connection.close()


# --- the matrix ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", list(Role), ids=[role.value for role in Role])
@pytest.mark.parametrize(
    ("attr", "method", "prepare"),
    [(attr, method, prepare) for attr, method, _, prepare in CALLS],
    ids=[f"{attr}.{method}" + (f"[{label}]" if label else "") for attr, method, label, _ in CALLS],
)
def test_a_call_is_allowed_exactly_when_the_matrix_says(
    env: Env, attr: str, method: str, prepare: Prepare, role: Role, tmp_path: Path
) -> None:
    action = _action(attr, method)
    assert action is not None and action is EXPECTED[(attr, method)]
    username = ROLE_USERS[role]
    call = prepare(env, role)
    refusals = _refusals(env, username)

    if allowed(role, action):
        call(env.workspaces[role])
        assert _refusals(env, username) == refusals
        return

    rows, files = _rows_digest(env.path), _files(env, tmp_path)
    with pytest.raises(PermissionDeniedError) as raised:
        call(env.workspaces[role])
    assert raised.value.action is action
    assert f"账号“{username}”的角色是{role.label}，无权{action.label}" in str(raised.value)
    assert _rows_digest(env.path) == rows
    assert _files(env, tmp_path) == files
    assert _refusals(env, username) == refusals + 1
    newest = env.admin.audit_log.entries(AuditFilter(account=username))[0]
    assert newest.action == "refused"
    assert (newest.account, newest.entity, newest.entity_id) == (
        username,
        "permission",
        action.value,
    )
    assert newest.action_label == "拒绝（无权限）"


# --- outside the table -------------------------------------------------------------------


def test_the_daily_backup_runs_for_every_role(env: Env) -> None:
    # Not an action of the clerk: it runs at open whatever the role, once a day per folder.
    made = [workspace.backups.daily() for workspace in env.workspaces.values()]
    assert made[0] is not None and made[1:] == [None] * (len(Role) - 1)
    assert [b.path for b in env.admin.backups.backups() if b.automatic] == [made[0]]


def test_checking_the_file_needs_check_file(env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    viewer = env.workspaces[Role.VIEWER]
    assert viewer.check().ok
    monkeypatch.setitem(PERMISSIONS, Action.CHECK_FILE, frozenset({Role.ADMIN}))
    with pytest.raises(PermissionDeniedError) as raised:
        viewer.check()
    assert raised.value.action is Action.CHECK_FILE
    assert env.admin.check().ok


def test_a_workspace_offers_only_what_its_role_may(env: Env) -> None:
    for role, workspace in env.workspaces.items():
        assert {a for a in Action if workspace.may(a)} == {a for a in Action if allowed(role, a)}
