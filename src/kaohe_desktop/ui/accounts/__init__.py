"""Accounts: the sign-in dialog, changing one's own password, and 账号管理 for 管理员."""
