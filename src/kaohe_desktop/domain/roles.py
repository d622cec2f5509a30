"""Who may do what: the four roles of the personnel office and the actions they cover.

The matrix is data, read by every service before it acts (not only by the screens),
and by the role-matrix test; changing a right is one line here.
"""

from __future__ import annotations

from dataclasses import dataclass

from kaohe_desktop.domain.enums import LabeledEnum


class Role(LabeledEnum):
    ADMIN = ("admin", "管理员")
    CLERK = ("clerk", "录入员")
    REVIEWER = ("reviewer", "审核人")
    VIEWER = ("viewer", "只读")


class Action(LabeledEnum):
    VIEW = ("view", "查看数据")
    EXPORT = ("export", "导出与打印")
    CHECK_FILE = ("check_file", "检查数据文件")
    BACKUP = ("backup", "备份数据文件")
    ENTER_DATA = ("enter_data", "录入和修改数据")
    IMPORT = ("import", "导入工作簿")
    REVIEW = ("review", "核查与审核")
    RECORD_CHECKS = ("record_checks", "录入查账与督办")
    REMOVE_EVIDENCE = ("remove_evidence", "删除佐证材料附件")
    CLOSE_PERIOD = ("close_period", "关闭期间")
    REOPEN_PERIOD = ("reopen_period", "重新开放已关闭的期间")
    EDIT_SCHEME = ("edit_scheme", "修改考核方案")
    MANAGE_ACCOUNTS = ("manage_accounts", "管理账号")
    VIEW_AUDIT = ("view_audit", "查看操作日志")
    RESTORE = ("restore", "从备份恢复")
    COPY_DATABASE = ("copy_database", "复制整个数据库（迁移到数据库服务器）")
    CONFIGURE_BACKUPS = ("configure_backups", "设置备份文件夹")
    TAKE_OVER_LEASE = ("take_over_lease", "接管失效的编辑锁")
    CHANGE_OWN_PASSWORD = ("change_own_password", "修改自己的密码")


_EVERYONE = frozenset(Role)
_ADMIN = frozenset({Role.ADMIN})

# 管理员 does everything; 录入员 enters data; 审核人 reviews and closes periods;
# 只读 (leaders) look, print and export.
PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.VIEW: _EVERYONE,
    Action.EXPORT: _EVERYONE,
    Action.CHECK_FILE: _EVERYONE,
    Action.CHANGE_OWN_PASSWORD: _EVERYONE,
    Action.BACKUP: frozenset({Role.ADMIN, Role.CLERK, Role.REVIEWER}),
    Action.ENTER_DATA: frozenset({Role.ADMIN, Role.CLERK}),
    Action.IMPORT: frozenset({Role.ADMIN, Role.CLERK}),
    Action.REVIEW: frozenset({Role.ADMIN, Role.REVIEWER}),
    # 录入员 record 一级 (or the clerk level set), 审核人 二级 and 三级: which level is
    # domain/check_rules.entry_levels.
    Action.RECORD_CHECKS: frozenset({Role.ADMIN, Role.CLERK, Role.REVIEWER}),
    Action.REMOVE_EVIDENCE: _ADMIN,
    Action.CLOSE_PERIOD: frozenset({Role.ADMIN, Role.REVIEWER}),
    Action.REOPEN_PERIOD: _ADMIN,
    Action.EDIT_SCHEME: _ADMIN,
    Action.MANAGE_ACCOUNTS: _ADMIN,
    Action.VIEW_AUDIT: _ADMIN,
    Action.RESTORE: _ADMIN,
    Action.COPY_DATABASE: _ADMIN,
    Action.CONFIGURE_BACKUPS: _ADMIN,
    Action.TAKE_OVER_LEASE: _ADMIN,
}


def allowed(role: Role, action: Action) -> bool:
    return role in PERMISSIONS[action]


@dataclass(frozen=True)
class Actor:
    """The signed-in account a service acts for."""

    username: str
    display_name: str
    role: Role

    def may(self, action: Action) -> bool:
        return allowed(self.role, action)

    def __str__(self) -> str:
        return f"{self.display_name}（{self.role.label}）"
