"""Where the data is, for the screens: a data file's path or a PostgreSQL server's
address (storage/source.py), re-exported so the UI never imports storage.

Light on purpose: the window's settings (the recent list) and the command line of the
desktop program read addresses before SQLAlchemy is imported.
"""

from __future__ import annotations

from kaohe_desktop.services.errors import InputError
from kaohe_desktop.storage.source import (
    DEFAULT_PORT,
    DataSource,
    ServerAddress,
    is_server_url,
    parse_server_url,
    parse_source,
)

__all__ = [
    "DEFAULT_PORT",
    "DataSource",
    "ServerAddress",
    "is_server_url",
    "parse_server_url",
    "parse_source",
    "server_address",
]


def server_address(host: str, port: int, database: str, user: str) -> ServerAddress:
    """The address the 连接数据库服务器 form describes, or InputError saying in Chinese
    which fields are missing or wrong (nothing is connected to here)."""
    host, database, user = host.strip(), database.strip(), user.strip()
    missing = [
        label
        for label, value in (("服务器", host), ("数据库", database), ("服务器账号", user))
        if not value
    ]
    if missing:
        raise InputError(f"请填写{'、'.join(missing)}。")
    if any(ch.isspace() or ch in "/@?#" for ch in host):
        raise InputError(f"服务器“{host}”写法不对：只填服务器名或 IP 地址，如 192.168.1.10。")
    if "/" in database:
        raise InputError(f"数据库名“{database}”不能含有 /。")
    if not 0 < port < 65536:
        raise InputError(f"端口 {port} 无效：应在 1 到 65535 之间（PostgreSQL 通常是 5432）。")
    return ServerAddress(host.strip("[]"), port, database, user)
