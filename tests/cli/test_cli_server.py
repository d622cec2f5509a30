"""`kaohe --db postgresql+psycopg://账号@服务器:端口/数据库 …`: what only a server has.
The server's password comes from PGPASSWORD (the pg_place fixture sets it; every
`kaohe` child inherits it), never from the URL. The commands themselves run on both
backends in test_cli.py and the other modules of this folder."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest
from tests.cli.conftest import kaohe_process as run
from tests.pg_contents import server_contents
from tests.pg_support import PgPlace

from kaohe_desktop.storage.source import ServerAddress, parse_server_url

SECRET = "Geheim-7788xyz"  # a password no message may repeat


def english(text: str, *names: str) -> list[str]:
    """Latin words once the URL's parts (account, host, database) and the document a
    message points the server's administrator to are taken out."""
    for name in sorted((*names, "RELIABILITY.md"), key=len, reverse=True):
        text = text.replace(name, "")
    return re.findall(r"[A-Za-z]{2,}", text)


def _names(address: ServerAddress) -> tuple[str, ...]:
    return (address.url, address.display, address.user, address.database, address.host)


def _contents(place: PgPlace, url: str) -> str:
    return server_contents(place.cluster, parse_server_url(url).database)


def test_a_password_in_the_url_is_refused_and_never_repeated(pg_place: PgPlace) -> None:
    url = pg_place.empty()
    with_password = url.replace("kaohe_owner@", f"kaohe_owner:{SECRET}@")
    before = _contents(pg_place, url)
    result = run("--db", with_password, "check")
    assert result.returncode == 2
    assert "数据库服务器地址里不能写密码" in result.stderr
    assert "PGPASSWORD" in result.stderr  # where the password goes instead
    assert SECRET not in result.stderr + result.stdout
    assert _contents(pg_place, url) == before


def test_a_wrong_server_password_is_refused_in_chinese(pg_place: PgPlace, tmp_path: Path) -> None:
    """The server refused the account (WrongPasswordError): a refusal, exit 2, as for
    a wrong KAOHE_PASSWORD (exit 1 is `check` finding a problem)."""
    url = pg_place.empty()
    result = run("--db", url, "check", PGPASSWORD=SECRET)
    assert result.returncode == 2, result.stderr
    address = parse_server_url(url)
    assert f"数据库服务器 127.0.0.1:{address.port} 拒绝了账号“kaohe_owner”" in result.stderr
    assert "密码错误" in result.stderr
    assert SECRET not in result.stderr + result.stdout
    assert english(result.stderr + result.stdout, *_names(address)) == []


def test_no_such_database_and_no_server_are_told_in_chinese(pg_place: PgPlace) -> None:
    address = parse_server_url(pg_place.cluster.url("kaohe_no_such_db", "kaohe_app"))
    missing = run("--db", address.url, "check")
    assert missing.returncode == 2
    assert f"上没有数据库“{address.database}”" in missing.stderr
    assert english(missing.stderr + missing.stdout, *_names(address)) == []
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        nobody = ServerAddress("127.0.0.1", probe.getsockname()[1], "kaohe", "kaohe_app")
    refused = run("--db", nobody.url, "check")
    assert refused.returncode == 2
    assert f"无法连接数据库服务器 127.0.0.1:{nobody.port}" in refused.stderr
    assert english(refused.stderr + refused.stdout, *_names(nobody)) == []


def test_an_empty_database_is_refused_and_left_empty(pg_place: PgPlace) -> None:
    url = pg_place.empty()
    before = _contents(pg_place, url)
    result = run("--db", url, "check")
    assert result.returncode == 2
    assert "是空的" in result.stderr and "kaohe copy" in result.stderr
    assert _contents(pg_place, url) == before


def test_init_makes_an_empty_bureau_on_an_empty_database(pg_place: PgPlace, tmp_path: Path) -> None:
    url = pg_place.empty()
    evidence = tmp_path / "共享盘" / "佐证材料"
    made = run(
        "--db", url, "init", "--bureau", "测试县市场监督管理局", "--evidence-dir", str(evidence)
    )
    assert made.returncode == 0, made.stderr
    address = parse_server_url(url)
    assert f"已创建数据库 {address.display}：测试县市场监督管理局" in made.stdout
    assert "管理员账号：tester" in made.stdout
    # The clerks' account (rows only) opens it and `check` finds all well.
    clerks = address.url.replace("kaohe_owner@", "kaohe_app@")
    checked = run("--db", clerks, "check")
    assert checked.returncode == 0, checked.stderr
    assert f"数据库：kaohe_app@127.0.0.1:{address.port}/{address.database}" in checked.stdout
    assert "操作日志链完整" in checked.stdout
    stored = pg_place.cluster.psql(
        "SELECT value FROM app_meta WHERE key = 'evidence_dir'", database=address.database
    )
    assert stored.strip() == str(evidence.absolute())


@pytest.mark.parametrize(
    ("account", "options", "words"),
    [
        ("kaohe_owner", ["--demo", "--evidence-dir", "佐证"], "kaohe copy"),
        ("kaohe_owner", [], "--evidence-dir"),
        ("kaohe_app", ["--evidence-dir", "佐证"], "无权在数据库"),
    ],
    ids=["demo", "no-evidence-dir", "clerks-account"],
)
def test_init_on_a_server_refuses_and_leaves_the_database_empty(
    pg_place: PgPlace, account: str, options: list[str], words: str
) -> None:
    """The demo is made in a file and copied up (`kaohe copy`); the 佐证材料 need a
    shared folder; the tables need the owner's rights."""
    owner = pg_place.empty()
    url = owner.replace("kaohe_owner@", f"{account}@")
    before = _contents(pg_place, owner)
    result = run("--db", url, "init", *options)
    assert result.returncode == 2, result.stdout
    assert words in result.stderr
    assert _contents(pg_place, owner) == before
