"""The `kaohe` command's arguments (DESIGN.md §7): every command with its Chinese help,
description and examples as a clerk types them (the printing ones in cli_reports.py,
the archive ones in cli_archive.py, `copy` in cli_copy.py); cli.py parses and runs.

Only what the parser needs is imported here (cli.py says why). Every example is
parsed by tests/cli/test_cli_frame.py, so an example that no longer works fails a test.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kaohe_desktop import __version__
from kaohe_desktop.cli_archive import add_archive_commands
from kaohe_desktop.cli_copy import add_copy_command
from kaohe_desktop.cli_parser import (
    DB,
    ChineseArgumentParser,
    Commands,
    add_command,
    day,
    examples,
)
from kaohe_desktop.cli_reports import add_report_commands
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.domain.text_rules import CodeCase
from kaohe_desktop.services.errors import StorageError
from kaohe_desktop.storage.source import ServerAddress, parse_source

ADMIN = f"{DB} --user admin"

DESCRIPTION = """\
考核台账 命令行：与桌面程序用同一个数据文件、同样的规则，适合批量工作。
--db、--user 写在命令名之前；各命令的说明和示例：kaohe 命令名 --help"""

NOTES = """
账号和密码：
  账号用 --user 给出，或设置环境变量 KAOHE_USER；密码取环境变量 KAOHE_PASSWORD，
  没有时在终端中输入。能做什么由账号的角色决定，与桌面程序相同。

结束时的返回值（供批处理脚本判断）：
  0 成功；1 check 发现问题；
  2 命令写错、输入有误、密码错误或操作被拒绝（未写入任何内容）；
  3 程序内部出错（提示中给出日志文件的位置）。"""


def _data_source(text: str) -> Path | ServerAddress:
    try:
        return parse_source(text)
    except StorageError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="kaohe",
        description=DESCRIPTION,
        epilog=examples(
            ("新建演示数据文件，先熟悉程序", "kaohe --db 演示.kaohe --user admin init --demo"),
            (
                "导出 2026 年第二季度的平时考核排名表",
                f"{DB} ranking --quarter 2026Q2 --out 排名.xlsx",
            ),
            ("核对数据文件是否完好", f"{DB} check"),
        )
        + "\n"
        + NOTES,
    )
    parser.add_argument(
        "--db",
        required=False,  # `copy` takes its source as --from; the others check it in main
        type=_data_source,
        metavar="数据文件",
        help="数据文件路径，或数据库服务器地址 postgresql+psycopg://账号@服务器:端口/数据库"
        "（服务器密码取 PGPASSWORD 或 ~/.pgpass，不能写在地址里）",
    )
    parser.add_argument(
        "--user",
        metavar="账号",
        help="操作账号（默认取环境变量 KAOHE_USER）；密码取 KAOHE_PASSWORD，或在终端中输入",
    )
    parser.add_argument("--quiet", action="store_true", help="不显示进度")
    parser.add_argument(
        "--version", action="version", version=f"考核台账 {__version__}", help="显示程序版本并退出"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="命令")
    _add_file_commands(commands)
    _add_account_commands(commands)
    add_report_commands(commands)
    add_archive_commands(commands)
    add_copy_command(commands)
    return parser


def _add_file_commands(commands: Commands) -> None:
    init = add_command(
        commands,
        "init",
        "新建数据文件",
        description="新建数据文件（或在数据库服务器的空数据库中建表）；"
        "--user 给出的账号成为管理员，密码取 KAOHE_PASSWORD 或在终端中输入。",
        example=[
            ("新建本单位的数据文件", f"{ADMIN} init --bureau 某某县市场监督管理局"),
            (
                "新建演示数据文件（演示单位、人员和账号）",
                "kaohe --db 演示.kaohe --user admin init --demo",
            ),
            (
                "新建截至 2026 年 12 月 7 日的演示数据文件",
                "kaohe --db 演示.kaohe --user admin init --demo --as-of 2026-12-07",
            ),
            (
                "在数据库服务器上建库，佐证材料放共享文件夹",
                "kaohe --db postgresql+psycopg://kaohe_owner@192.168.1.10:5432/kaohe --user admin "
                r"init --evidence-dir \\服务器\考核\佐证材料",
            ),
        ],
    )
    init.add_argument("--demo", action="store_true", help="填入演示单位的数据")
    init.add_argument(
        "--as-of",
        type=day,
        metavar="日期",
        help="（与 --demo 同用）演示数据截至的日期，如 2026-12-07：此后的事一概没有，"
        "此前各季度已结账，当季正在考核；默认今天",
    )
    # None: services.workspace.DEFAULT_BUREAU_NAME (not imported here, see above).
    init.add_argument("--bureau", metavar="单位名称", help="单位名称")
    init.add_argument(
        "--evidence-dir",
        type=Path,
        metavar="文件夹",
        help="（数据库服务器）佐证材料的共享文件夹，各工作站都能访问的位置",
    )

    template = add_command(
        commands,
        "template",
        "写出空白导入模板",
        description="写出空白的交换工作簿（带下拉选项和“填写说明”工作表），填好后用 import 导入。",
        example=[("写出导入模板", f"{DB} template 导入模板.xlsx")],
    )
    template.add_argument("book", type=Path, metavar="工作簿", help="模板写到这个文件（.xlsx）")

    do_import = add_command(
        commands,
        "import",
        "导入交换工作簿（全部成功或全部不写）",
        description="导入交换工作簿：先逐格核对，有一处不对就全部不写，并指出工作表、行和列。",
        example=[
            ("只检查，不写入", f"{DB} import 二季度台账.xlsx --dry-run"),
            ("检查无误后导入", f"{DB} import 二季度台账.xlsx"),
        ],
    )
    do_import.add_argument(
        "book", type=Path, metavar="工作簿", help="要导入的交换工作簿（.xlsx，按导入模板填写）"
    )
    do_import.add_argument("--dry-run", action="store_true", help="只检查，不写入")

    export = add_command(
        commands,
        "export",
        "导出交换工作簿",
        description="把数据文件的全部内容导出成交换工作簿（与导入模板同样的工作表）。",
        example=[("导出全部数据", f"{DB} export 全部数据.xlsx")],
    )
    export.add_argument("book", type=Path, metavar="工作簿", help="导出到这个文件（.xlsx）")

    close = add_command(
        commands,
        "close-period",
        "关闭期间（审核人、管理员）",
        description="关闭一个期间：关闭后该期间的数据不能再修改，要改须由管理员重新开放。",
        example=[
            ("关闭 2026 年第二季度", f"{DB} close-period 2026Q2 --note 二季度考核已公示"),
            ("关闭 2026 年上半年", f"{DB} close-period 2026H1"),
            ("关闭 2026 年度", f"{DB} close-period 2026"),
        ],
    )
    close.add_argument(
        "period", metavar="期间", help="要关闭的期间：季度如 2026Q2，半年如 2026H1，年度如 2026"
    )
    close.add_argument("--note", default="", metavar="备注", help="备注（记入关闭记录）")

    reopen = add_command(
        commands,
        "reopen-period",
        "重新开放已关闭的期间（管理员）",
        description="重新开放已关闭的期间，以便更正；理由记入操作日志，改完请再关闭。",
        example=[
            ("重新开放第二季度以补录扣分", f"{ADMIN} reopen-period 2026Q2 --reason 补录张三的扣分")
        ],
    )
    reopen.add_argument(
        "period", metavar="期间", help="要重新开放的期间：季度如 2026Q2，半年如 2026H1，年度如 2026"
    )
    reopen.add_argument("--reason", required=True, metavar="理由", help="理由（记入操作日志）")

    add_command(
        commands,
        "check",
        "核对数据文件：完整性、结构、操作日志链、期间关闭记录和账号",
        description="核对数据文件：完整性、文件标识、结构（含触发器）、操作日志链、期间关闭记录、"
        "账号和佐证材料。发现问题时逐条列出，返回值为 1。",
        example=[("核对数据文件", f"{DB} check")],
    )

    backup = add_command(
        commands,
        "backup",
        "写一份经过校验的备份",
        description="写一份备份并逐项校验；佐证材料一并复制。",
        example=[
            ("备份到管理员设定的备份文件夹", f"{DB} backup"),
            ("备份到 U 盘", rf"{DB} backup --to E:\考核备份"),
        ],
    )
    backup.add_argument(
        "--to", type=Path, metavar="文件夹", help="备份文件夹（默认为管理员设定的备份文件夹）"
    )

    restore = add_command(
        commands,
        "restore",
        "把备份恢复成一个新文件（管理员）",
        description="把备份恢复成一个新的数据文件（不覆盖任何已有文件）；恢复前先备份当前文件。",
        example=[
            (
                "从备份恢复",
                f"{ADMIN} restore 考核台账-20261122-093000-自动.kaohe --to 考核台账-恢复.kaohe",
            )
        ],
    )
    restore.add_argument("backup", type=Path, metavar="备份文件", help="要恢复的备份文件（.kaohe）")
    restore.add_argument(
        "--to", required=True, type=Path, metavar="新文件", help="新数据文件的路径（不能已存在）"
    )

    add_command(
        commands,
        "sweep-evidence",
        "清理佐证材料文件夹中已无记录引用、且一天以上未再使用的文件（管理员）",
        example=[("清理佐证材料文件夹", f"{ADMIN} sweep-evidence")],
    )


def _add_account_commands(commands: Commands) -> None:
    add_command(
        commands,
        "accounts",
        "列出账号（管理员）",
        description="列出全部账号：账号、显示名、角色，已停用的注明。",
        example=[("列出账号", f"{ADMIN} accounts")],
    )
    add = add_command(
        commands,
        "account-add",
        "新增账号（管理员）；新账号密码取 KAOHE_NEW_PASSWORD",
        description="新增一个账号（管理员）。新账号的密码取环境变量 KAOHE_NEW_PASSWORD，"
        "没有时在终端中输入。",
        example=[
            ("新增录入员张三", f"{ADMIN} account-add zhangsan --role 录入员 --name 张三"),
            ("新增审核人", f"{ADMIN} account-add lisi --role 审核人 --name 李四"),
        ],
    )
    add.add_argument("username", metavar="账号", help="新账号的登录名，如 zhangsan")
    add.add_argument("--role", required=True, choices=Role.labels(), help="角色")
    add.add_argument("--name", default="", metavar="显示名", help="显示名（姓名）")

    code_case = add_command(
        commands,
        "code-case",
        "查看或设置编号中字母的大小写（设置须管理员）",
        description="查看或设置编号中字母的大小写；已有的编号不变，比对时不分大小写。",
        example=[
            ("查看当前设置", f"{DB} code-case"),
            ("今后统一为大写（管理员）", f"{ADMIN} code-case 大写"),
        ],
    )
    code_case.add_argument(
        "case",
        nargs="?",
        choices=CodeCase.labels(),
        metavar="大小写",
        help="大写或小写；不填则显示当前设置",
    )
