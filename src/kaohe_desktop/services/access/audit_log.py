"""操作日志 for the administrator: filter by account, entity and date; verify the chain."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.access.guard import Guard, requires
from kaohe_desktop.storage.audit import verify_chain
from kaohe_desktop.storage.errors import TABLE_LABELS
from kaohe_desktop.storage.models import AuditRow
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
        with self._uow.read() as session:
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
                )
                for row in session.scalars(statement)
            ]

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
