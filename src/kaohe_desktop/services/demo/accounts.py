"""The demo file's accounts, one per role, listed in the README."""

from __future__ import annotations

from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.access.accounts import AccountService

DEMO_ADMIN = "admin"
DEMO_ADMIN_NAME = "张敏（管理员）"
DEMO_PASSWORD = "kaohe-demo1"
DEMO_ACCOUNTS = (
    ("luru", "李娜（录入员）", Role.CLERK),
    ("shenhe", "王强（审核人）", Role.REVIEWER),
    ("lingdao", "赵局长（只读）", Role.VIEWER),
)


def add_demo_accounts(accounts: AccountService) -> None:
    for username, display_name, role in DEMO_ACCOUNTS:
        accounts.add_account(username, display_name, role, DEMO_PASSWORD)
