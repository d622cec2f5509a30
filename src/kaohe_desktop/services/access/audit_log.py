"""操作日志 for the administrator: filter by account, entity and date; verify the chain."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.access.audit_subject_lookup import (
    look_up_subjects,
    names_any,
    needs_subject,
    people_matching,
)
from kaohe_desktop.services.access.guard import Guard, requires
from kaohe_desktop.storage.audit import verify_chain
from kaohe_desktop.storage.audit_subjects import SEPARATOR, SUBJECT_FIRST
from kaohe_desktop.storage.errors import TABLE_LABELS
from kaohe_desktop.storage.models import AuditRow
from kaohe_desktop.storage.row_digests import BULK_EDIT
from kaohe_desktop.storage.unit_of_work import UnitOfWork

MAX_ROWS = 20_000

ACTION_LABELS = {
    "insert": "新增",
    "update": "修改",
    "delete": "删除",
    "login": "登录",
    "login_fail": "登录失败",
    "refused": "拒绝（无权限）",
    "takeover": "接管编辑锁",
    "setting": "更改设置",
    "restore": "从备份恢复",
    "withdraw": "撤回",
    # A bulk write's compact entries (storage/row_digests) and an import's own event.
    "bulk_add": "批量新增",
    "bulk_edit": "批量修改",
    "import": "导入工作簿",
}

# The tables a closed period locks are named once, in storage.errors; the rest here.
ENTITY_LABELS = {
    **TABLE_LABELS,
    "account": "账号",
    "bureau": "单位",
    "department": "科室",
    "staff_category": "人员类别",
    "person": "人员",
    "person_department": "任职科室",
    "commendation": "奖励",
    "discipline": "处分",
    "talk": "谈心谈话",
    "period_lock": "期间关闭",
    "edit_lease": "编辑锁",
    "permission": "权限",
    "app_meta": "文件设置",
    "data_file": "数据文件",
    "workbook": "工作簿",
}


@dataclass(frozen=True)
class AuditFilter:
    account: str | None = None
    entity: str | None = None
    since: date | None = None
    until: date | None = None
    # Words of the Record column: a person's name or 编号, a task, a department.
    text: str | None = None


@dataclass(frozen=True)
class AuditEntryView:
    id: int
    at: datetime
    account: str
    action: str
    entity: str
    entity_id: str
    label: str | None
    before_json: str | None
    after_json: str | None
    # Looked up when shown, for what the entry does not name itself
    # (services/access/audit_subject_lookup): the subject of an entry written before
    # labels named it, and the people of the rows a compact entry's tooltip spells out.
    subject: str | None = None
    people: dict[int, str] = field(default_factory=dict, compare=False)

    @property
    def record(self) -> str:
        """What the entry is about: its label, and the subject looked up for an old one."""
        shown = self.label or self.entity_id
        if self.subject is None:
            return shown
        parts = (self.subject, shown) if self.entity in SUBJECT_FIRST else (shown, self.subject)
        return SEPARATOR.join(parts)

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)

    @property
    def entity_label(self) -> str:
        return ENTITY_LABELS.get(self.entity, self.entity)


@dataclass(frozen=True)
class ChainStatus:
    ok: bool
    rows: int
    text: str


class AuditLogService:
    def __init__(self, guard: Guard, uow: UnitOfWork) -> None:
        self.guard = guard
        self._uow = uow

    @requires(Action.VIEW_AUDIT)
    def entries(self, audit_filter: AuditFilter = AuditFilter()) -> list[AuditEntryView]:
        """Newest first, at most MAX_ROWS (narrow the filter for older entries)."""
        statement = select(AuditRow).order_by(AuditRow.id.desc()).limit(MAX_ROWS)
        if audit_filter.account:
            statement = statement.where(AuditRow.account == audit_filter.account)
        if audit_filter.entity:
            statement = statement.where(AuditRow.entity == audit_filter.entity)
        if audit_filter.since:
            statement = statement.where(AuditRow.at >= datetime.combine(audit_filter.since, time()))
        if audit_filter.until:
            end = datetime.combine(audit_filter.until + timedelta(days=1), time())
            statement = statement.where(AuditRow.at < end)
        words = (audit_filter.text or "").strip()
        with self._uow.read() as session:
            if words:
                rows = self._found(session, statement, words)
            else:
                rows = list(session.scalars(statement))
            subjects, people = look_up_subjects(session.connection(), rows)
            return [
                AuditEntryView(
                    row.id,
                    row.at,
                    row.account,
                    row.action,
                    row.entity,
                    row.entity_id,
                    row.label,
                    row.before_json,
                    row.after_json,
                    subjects.get(row.id),
                    people.get(row.id, {}),
                )
                for row in rows
            ]

    @staticmethod
    def _found(session: Session, statement: Select[AuditRow], words: str) -> list[AuditRow]:
        """The entries whose Record names `words`: a line's label (a person, a task, a
        department, a period), and a close's compact entry that wrote a row of a person
        whose name or 编号 it is (the entry records people by id)."""
        named = AuditRow.label.icontains(words, autoescape=True) | (AuditRow.entity_id == words)
        rows = {row.id: row for row in session.scalars(statement.where(named))}
        people = people_matching(session.connection(), words)
        if people:
            compact = statement.where(AuditRow.action == BULK_EDIT)
            rows.update((row.id, row) for row in session.scalars(compact) if names_any(row, people))
        # Lines written before their labels named the subject show it looked up: find
        # them by what they show (the newest MAX_ROWS such lines the filter allows).
        unlabelled = statement.where(~AuditRow.label.contains(SEPARATOR, autoescape=True))
        old = [row for row in session.scalars(unlabelled) if needs_subject(row)]
        if old:
            subjects, _ = look_up_subjects(session.connection(), old)
            folded = words.casefold()
            rows.update(
                (row.id, row) for row in old if folded in subjects.get(row.id, "").casefold()
            )
        return [rows[key] for key in sorted(rows, reverse=True)][:MAX_ROWS]

    @requires(Action.VIEW_AUDIT)
    def accounts(self) -> list[str]:
        with self._uow.read() as session:
            return sorted(session.scalars(select(AuditRow.account).distinct()))

    @requires(Action.VIEW_AUDIT)
    def entities(self) -> list[str]:
        with self._uow.read() as session:
            return sorted(session.scalars(select(AuditRow.entity).distinct()))

    @requires(Action.VIEW_AUDIT)
    def verify(self) -> ChainStatus:
        with self._uow.engine.connect() as connection:
            report = verify_chain(connection)
            connection.rollback()
        return ChainStatus(report.ok, report.rows, str(report))
