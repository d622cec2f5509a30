"""Where the data is: a data file on a disk or a share, or a PostgreSQL server.

A server is named by a SQLAlchemy URL, `postgresql+psycopg://user@host:5432/db`. The
URL never carries the password: a command line is visible to every user of the
machine (ps, Task Manager) and lands in shell histories. The password comes from
libpq's own conventions (PGPASSWORD, ~/.pgpass, %APPDATA%/postgresql/pgpass.conf on
Windows), or the window asks for it and may keep it in the OS keyring.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from kaohe_desktop.storage.errors import StorageError

SCHEMES = ("postgresql+psycopg", "postgresql", "postgres")
DEFAULT_PORT = 5432


@dataclass(frozen=True)
class ServerAddress:
    host: str
    port: int
    database: str
    user: str

    @property
    def url(self) -> str:
        """The SQLAlchemy URL, without a password."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return (
            f"postgresql+psycopg://{quote(self.user, safe='')}@{host}:{self.port}/"
            f"{quote(self.database, safe='')}"
        )

    @property
    def display(self) -> str:
        """What the title bar and messages show: 账号@服务器:端口/数据库."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    @property
    def keyring_service(self) -> str:
        """The keyring entry of this account on this server (one per server and port)."""
        return f"考核台账 {self.host}:{self.port}"


def is_server_url(text: str | os.PathLike[str]) -> bool:
    value = str(text)
    return any(value.startswith(f"{scheme}://") for scheme in SCHEMES)


def parse_server_url(text: str) -> ServerAddress:
    """A ServerAddress, or StorageError saying in Chinese what is wrong with `text`."""
    parts = urlsplit(text.strip())
    if parts.scheme not in SCHEMES:
        raise StorageError(
            f"“{text}”不是数据库服务器地址：应写作 postgresql+psycopg://账号@服务器:端口/数据库。"
        )
    if parts.password is not None:
        raise StorageError(
            "数据库服务器地址里不能写密码（命令行和历史记录他人可见）。"
            "请用环境变量 PGPASSWORD 或 ~/.pgpass 文件提供密码，或在窗口中输入。"
        )
    if not parts.hostname:
        raise StorageError(f"数据库服务器地址“{text}”缺少服务器名。")
    database = unquote(parts.path.lstrip("/"))
    if not database or "/" in database:
        raise StorageError(f"数据库服务器地址“{text}”缺少数据库名（地址末尾的 /数据库）。")
    if not parts.username:
        raise StorageError(f"数据库服务器地址“{text}”缺少账号（写在服务器名前，如 kaohe_app@）。")
    try:
        port = parts.port or DEFAULT_PORT
    except ValueError as error:
        raise StorageError(f"数据库服务器地址“{text}”的端口无效。") from error
    if parts.query or parts.fragment:
        raise StorageError(f"数据库服务器地址“{text}”不能带 ? 或 # 之后的参数。")
    return ServerAddress(parts.hostname, port, database, unquote(parts.username))


DataSource = Path | ServerAddress


def parse_source(text: str | os.PathLike[str]) -> DataSource:
    """A path for a data file, a ServerAddress for a server URL."""
    return parse_server_url(str(text)) if is_server_url(text) else Path(text)
