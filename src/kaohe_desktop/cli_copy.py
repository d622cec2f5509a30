"""`kaohe copy`: the whole database into a new data file or an empty server database
(issue 17 §3), with the exits and messages of cli.py; the service does the work
(services/files/copying.py), as 管理 → 迁移到数据库服务器… does in the window."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from kaohe_desktop.cli_parser import Commands, examples

if TYPE_CHECKING:  # the parser is built without the services (cli.py says why)
    from kaohe_desktop.services.access.accounts import Credentials
    from kaohe_desktop.services.progress import ProgressReporter

EXIT_OK = 0

COPY_EXAMPLES = examples(
    (
        "把数据文件迁移到数据库服务器（目标数据库须为空）",
        "kaohe --user admin copy --from 考核台账.kaohe "
        "--to postgresql+psycopg://kaohe_owner@192.168.1.10:5432/kaohe",
    ),
    (
        "把服务器上的数据复制回一个新的数据文件",
        "kaohe --user admin copy --from postgresql+psycopg://kaohe_app@192.168.1.10:5432/kaohe "
        "--to 考核台账-副本.kaohe",
    ),
)

# One paragraph a line: the help wraps each to the terminal (cli_parser.ChineseHelpFormatter).
COPY_NOTES = """
须以源数据库的管理员账号登录（--user，密码取 KAOHE_PASSWORD 或在终端输入）。
服务器的密码取 PGPASSWORD 或 ~/.pgpass，不写在地址里。
目标服务器地址中的账号须能建表（数据库的所有者，如 kaohe_owner），不能用录入员的 kaohe_app。
复制全部数据（含账号和操作日志），全部成功或全部不写；复制后核对各表行数和操作日志链。
目标为新数据文件时，佐证材料一并复制到它旁边的文件夹；目标为服务器时，佐证材料留在原处，\
服务器记下该文件夹的位置（须是各工作站都能访问的共享文件夹）。
"""


def add_copy_command(commands: Commands) -> None:
    copy = commands.add_parser(
        "copy",
        help="把整个数据库复制到新的数据文件或空的数据库服务器（管理员）",
        description="把整个数据库复制到新的数据文件，或空的数据库服务器上的数据库（管理员）。",
        epilog=COPY_EXAMPLES + "\n" + COPY_NOTES,
    )
    copy.add_argument(
        "--from",
        dest="source",
        metavar="源",
        help="源：数据文件路径或数据库服务器地址（不填则取 --db）",
    )
    copy.add_argument(
        "--user",
        metavar="账号",
        default=argparse.SUPPRESS,  # also accepted before the command, as for the others
        help="源数据库的管理员账号（默认取 KAOHE_USER）；密码取 KAOHE_PASSWORD，或在终端中输入",
    )
    copy.add_argument(
        "--to",
        dest="target",
        metavar="目标",
        required=True,
        help="目标：新数据文件的路径（不能已存在），或空数据库的服务器地址"
        " postgresql+psycopg://账号@服务器:端口/数据库",
    )


def run_copy(
    args: argparse.Namespace,
    say: Callable[[str], None],
    credentials: Callable[[argparse.Namespace], Credentials],
    progress: Callable[[bool], ProgressReporter],
) -> int:
    from kaohe_desktop.services.errors import InputError
    from kaohe_desktop.services.files.copying import CopyService, parse_target
    from kaohe_desktop.services.workspace import open_workspace
    from kaohe_desktop.storage.errors import StorageError
    from kaohe_desktop.storage.source import parse_source

    given = args.source if args.source is not None else args.db
    if given is None:
        raise InputError("未指定源：请用 --from 给出数据文件路径或数据库服务器地址。")
    try:
        source = parse_source(given) if isinstance(given, str) else given
        target = parse_target(args.target)
    except StorageError as error:
        raise InputError(f"{error}未复制。") from None
    # Checked before the source is opened, so a typo costs no sign-in.
    workspace = open_workspace(source, credentials(args), daily_backup=False)
    try:
        for warning in workspace.warnings:
            say(f"注意：{warning}")
        service = CopyService(workspace.guard, workspace._uow, workspace.opened)
        outcome = service.copy_to(target, progress=progress(args.quiet))
    finally:
        workspace.close()
    for line in outcome.lines():
        print(line)
    for warning in outcome.result.warnings:
        say(f"注意：{warning}")
    return EXIT_OK
