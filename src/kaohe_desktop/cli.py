"""The `kaohe` command (DESIGN.md §7): the same services as the GUI, for batch work.

Exit codes: 0 success; 1 `check` found a problem; 2 bad input or a refused file,
with a Chinese message naming what is wrong, and nothing written; 3 the program
itself failed (the message says where the log file with the details is).

Every message is Chinese (argparse's usage text aside). SQLite's and the OS's English
texts are put into Chinese (services.errors.clerk_text); log lines, library warnings
and the like go to the log file (services/common/technical_log.py), never to the
clerk's screen.
"""

from __future__ import annotations

import argparse
import logging
import re
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

# Only what the parser and the error messages need: the commands' modules (services,
# SQLAlchemy, openpyxl, reportlab) are imported by _run, so `kaohe --help` starts fast.
from kaohe_desktop.cli_archive import add_archive_commands
from kaohe_desktop.cli_copy import add_copy_command
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.domain.text_rules import CodeCase
from kaohe_desktop.services.common.fonts import FONT_ENVIRONMENT
from kaohe_desktop.services.common.technical_log import technical_log
from kaohe_desktop.services.errors import (
    AuthenticationError,
    InputError,
    PermissionDeniedError,
    StorageError,
    clerk_text,
    describe_os_error,
    nothing_kept,
)
from kaohe_desktop.storage.source import ServerAddress, parse_source

EXIT_OK, EXIT_PROBLEM, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # what a shell reports for Ctrl+C

log = logging.getLogger(__name__)


def _data_source(text: str) -> Path | ServerAddress:
    try:
        return parse_source(text)
    except StorageError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kaohe", description="考核台账 命令行")
    parser.add_argument(
        "--db",
        required=False,  # `copy` takes its source as --from; the others check it in main
        type=_data_source,
        help="数据文件路径，或数据库服务器地址 postgresql+psycopg://账号@服务器:端口/数据库"
        "（服务器密码取 PGPASSWORD 或 ~/.pgpass，不能写在地址里）",
    )
    parser.add_argument(
        "--user",
        help="操作账号（默认取环境变量 KAOHE_USER）；密码取 KAOHE_PASSWORD，或在终端中输入",
    )
    parser.add_argument("--quiet", action="store_true", help="不显示进度")
    commands = parser.add_subparsers(dest="command", required=True, metavar="命令")

    init = commands.add_parser("init", help="新建数据文件")
    init.add_argument("--demo", action="store_true", help="填入演示单位的数据")
    # None: services.workspace.DEFAULT_BUREAU_NAME (not imported here, see above).
    init.add_argument("--bureau", help="单位名称")
    init.add_argument(
        "--evidence-dir",
        type=Path,
        help="（数据库服务器）佐证材料的共享文件夹，各工作站都能访问的位置",
    )

    do_import = commands.add_parser("import", help="导入交换工作簿（全部成功或全部不写）")
    do_import.add_argument("book", type=Path)
    do_import.add_argument("--dry-run", action="store_true", help="只检查，不写入")

    export = commands.add_parser("export", help="导出交换工作簿")
    export.add_argument("book", type=Path)

    close = commands.add_parser("close-period", help="关闭期间（审核人、管理员）")
    close.add_argument("period", help="2026Q2、2026H1 或 2026")
    close.add_argument("--note", default="", help="备注")
    reopen = commands.add_parser("reopen-period", help="重新开放已关闭的期间（管理员）")
    reopen.add_argument("period")
    reopen.add_argument("--reason", required=True, help="理由（记入操作日志）")

    commands.add_parser("accounts", help="列出账号（管理员）")
    add = commands.add_parser(
        "account-add", help="新增账号（管理员）；新账号密码取 KAOHE_NEW_PASSWORD"
    )
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=Role.labels(), help="角色")
    add.add_argument("--name", default="", help="显示名")

    code_case = commands.add_parser(
        "code-case", help="查看或设置编号中字母的大小写（设置须管理员）"
    )
    code_case.add_argument(
        "case", nargs="?", choices=CodeCase.labels(), help="大写或小写；不填则显示当前设置"
    )

    restore = commands.add_parser("restore", help="把备份恢复成一个新文件（管理员）")
    restore.add_argument("backup", type=Path)
    restore.add_argument("--to", required=True, type=Path, help="新数据文件的路径（不能已存在）")

    ledger_pdf = commands.add_parser(
        "ledger-pdf",
        help=f"打印墙上台账 PDF（中文字体：环境变量 {FONT_ENVIRONMENT} 指定的文件，否则自动查找）",
    )
    ledger_pdf.add_argument("--year", required=True, type=_year, help="年度，如 2026")
    ledger_pdf.add_argument("--department", help="只打印这个科室（默认全部科室）")
    ledger_pdf.add_argument("--blank", action="store_true", help="空白台账，供手写完成情况")
    ledger_pdf.add_argument("--paper", default="A3", help="纸张：A3（默认）或 A4，均为横向")
    ledger_pdf.add_argument(
        "--per-department", action="store_true", help="每个科室一个文件（--out 为文件夹）"
    )
    ledger_pdf.add_argument("--out", required=True, type=Path, help="PDF 文件（或文件夹）")

    ranking = commands.add_parser(
        "ranking", help="导出季度平时考核排名表（汇总 + 各人员类别），可另附结果汇总表 PDF"
    )
    ranking.add_argument("--quarter", required=True, help="季度，如 2026Q2")
    ranking.add_argument("--out", required=True, type=Path, help="排名表 .xlsx 文件")
    ranking.add_argument("--pdf", type=Path, help="平时考核结果汇总表 PDF 文件")

    scores = commands.add_parser(
        "scores",
        help="导出半年考核得分表（科室得分 + 明细），或全年的年度得分表；可另附得分汇总表 PDF",
    )
    scores_of = scores.add_mutually_exclusive_group(required=True)
    scores_of.add_argument("--half", help="半年，如 2026H1（上半年）或 2026H2（下半年）")
    scores_of.add_argument(
        "--year", type=_year, help="年度，如 2026（年底算账：两个半年并列及全年得分、排名）"
    )
    scores.add_argument("--out", required=True, type=Path, help="得分表 .xlsx 文件")
    scores.add_argument("--pdf", type=Path, help="得分汇总表 PDF 文件")

    bulletin = commands.add_parser(
        "bulletin-pdf",
        help="打印查账通报：默认打印最新一版，尚无通报时先生成第一版；--new 重新生成一版",
    )
    bulletin.add_argument(
        "--period",
        required=True,
        help="查账期间：季度如 2026Q2（含该季度各月的重点工作），或月份如 2026-05",
    )
    bulletin.add_argument("--out", required=True, type=Path, help="通报 PDF 文件")
    which = bulletin.add_mutually_exclusive_group()
    which.add_argument(
        "--new", action="store_true", help="重新生成：按当前查账情况生成新的一版（编号不变）"
    )
    which.add_argument("--edition", type=int, help="打印指定的一版（默认最新一版）")

    notice_pdf = commands.add_parser(
        "notice-pdf",
        help=f"打印督办单 PDF（A4；中文字体：环境变量 {FONT_ENVIRONMENT} 指定，否则自动查找）",
    )
    notice_pdf.add_argument("--number", required=True, help="督办单编号，如 督办〔2026〕第3号")
    notice_pdf.add_argument("--out", required=True, type=Path, help="督办单 PDF 文件")
    notices = commands.add_parser(
        "notices", help="列出督办单（编号、颜色、科室、期间、整改时限、状态）"
    )
    notices.add_argument("--year", type=_year, help="只列出这一年下达的（如 2026）")
    notices.add_argument("--overdue", action="store_true", help="只列出整改逾期、尚未销号的")

    template = commands.add_parser("template", help="写出空白导入模板")
    template.add_argument("book", type=Path)

    commands.add_parser(
        "check", help="完整性、文件标识、结构（含触发器）、操作日志链，以及期间关闭记录和账号的核对"
    )
    backup = commands.add_parser("backup", help="写一份经过校验的备份")
    backup.add_argument("--to", type=Path, help="备份文件夹（默认为管理员设定的备份文件夹）")
    add_archive_commands(commands, _year)
    add_copy_command(commands)
    commands.add_parser(
        "sweep-evidence",
        help="清理佐证材料文件夹中已无记录引用、且一天以上未再使用的文件（管理员）",
    )
    return parser


def _year(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"年度应为四位数字，如 2026，而不是“{text}”") from None


def _run(args: argparse.Namespace) -> int:
    """The command's work, imported only now: `--help` and a parse error need none of it."""
    from kaohe_desktop.cli_commands import run

    return run(args, _say)


def _say(message: str) -> None:
    """A line for the clerk, on stderr; any driver or OS English in it put into Chinese."""
    print(clerk_text(message), file=sys.stderr)


def _driver_errors() -> tuple[type[Exception], ...]:
    """SQLite's errors, bare or wrapped by SQLAlchemy. An except clause is evaluated only
    when an error reaches it, so SQLAlchemy is not imported for `--help`."""
    from sqlalchemy.exc import DBAPIError

    return (sqlite3.Error, DBAPIError)


def _driver_detail(error: Exception) -> str | None:
    """SQLite's own words in Chinese, or None where we have no translation for them."""
    from sqlalchemy.exc import DBAPIError

    text = clerk_text(str(error.orig if isinstance(error, DBAPIError) else error))
    return None if re.search(r"[A-Za-z]{2,}", text) else text


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.db is None and args.command != "copy":
        parser.error("缺少 --db：请给出数据文件路径或数据库服务器地址。")
    with technical_log() as log_file:
        try:
            return _run(args)
        except InputError as error:
            _say(str(error))
            return EXIT_BAD_INPUT
        except (AuthenticationError, PermissionDeniedError) as error:
            _say(f"拒绝：{error}")
            return EXIT_BAD_INPUT
        except StorageError as error:
            # The command holds no edit on screen: "您的修改已保留，可导出" would be untrue.
            _say(f"错误：{nothing_kept(str(error))}")
            return EXIT_BAD_INPUT
        except OSError as error:
            log.warning("kaohe %s: %s", args.command, error)
            _say(f"错误：{describe_os_error(error)}")
            return EXIT_BAD_INPUT
        except _driver_errors() as error:
            log.warning("kaohe %s: driver error", args.command, exc_info=True)
            detail = _driver_detail(error)
            where = f"（{detail}）" if detail else f"，详细信息已写入日志文件 {log_file}"
            _say(f"错误：数据文件读写出错{where}；命令未完成。")
            return EXIT_BAD_INPUT
        except KeyboardInterrupt:
            _say("已中断，命令未完成。")
            return EXIT_INTERRUPTED
        except Exception:
            log.exception("kaohe %s: unexpected error", args.command)
            _say(
                f"错误：程序内部出错，命令未完成。详细信息已写入日志文件 {log_file}，"
                "请交给维护人员。"
            )
            return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
