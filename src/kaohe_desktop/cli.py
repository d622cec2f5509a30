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
import getpass
import logging
import os
import re
import sqlite3
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from sqlalchemy.exc import DBAPIError

from kaohe_desktop.cli_archive import add_archive_commands, archive_actions
from kaohe_desktop.domain.check_rules import notice_number, parse_notice_number
from kaohe_desktop.domain.notice_rules import COLOR_WORDS
from kaohe_desktop.domain.periods import (
    PeriodError,
    parse_check_period,
    parse_half,
    parse_quarter,
)
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.domain.text_rules import CodeCase
from kaohe_desktop.reports.wall_chart_content import Paper
from kaohe_desktop.services.access.accounts import Credentials
from kaohe_desktop.services.checks.bulletins import BULLETIN_PDF
from kaohe_desktop.services.common.fonts import FONT_ENVIRONMENT, pdf_font
from kaohe_desktop.services.common.output_paths import output_file, output_files
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
from kaohe_desktop.services.exchange.export import write_template
from kaohe_desktop.services.progress import Progress, ProgressReporter
from kaohe_desktop.services.quarterly.ranking_export import SUMMARY_PDF, WORKBOOK
from kaohe_desktop.services.workspace import (
    DEFAULT_BUREAU_NAME,
    Workspace,
    create_workspace,
    open_workspace,
)

EXIT_OK, EXIT_PROBLEM, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # what a shell reports for Ctrl+C

log = logging.getLogger(__name__)
_P = TypeVar("_P")  # a period parsed from the command line


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kaohe", description="考核台账 命令行")
    parser.add_argument("--db", required=True, type=Path, help="数据文件路径")
    parser.add_argument(
        "--user",
        help="操作账号（默认取环境变量 KAOHE_USER）；密码取 KAOHE_PASSWORD，或在终端中输入",
    )
    parser.add_argument("--quiet", action="store_true", help="不显示进度")
    commands = parser.add_subparsers(dest="command", required=True, metavar="命令")

    init = commands.add_parser("init", help="新建数据文件")
    init.add_argument("--demo", action="store_true", help="填入演示单位的数据")
    init.add_argument("--bureau", default=DEFAULT_BUREAU_NAME, help="单位名称")

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


def _paper(text: str) -> Paper:
    try:
        return Paper(text.strip().upper())
    except ValueError:
        raise InputError(f"纸张应为 A3 或 A4，而不是“{text}”；未写入任何文件。") from None


def _period(parse: Callable[[str], _P], text: str) -> _P:
    try:
        return parse(text)
    except PeriodError as error:
        raise InputError(f"{error}；未写入任何文件。") from None


def _notice_number(text: str) -> str:
    try:
        year, serial = parse_notice_number(text)
    except ValueError as error:
        raise InputError(f"{error}；未写入任何文件。") from None
    return notice_number(year, serial)


def _env_font() -> Path | None:
    """No Settings on the command line: the font file the environment names, else None
    (the first usable system font, exactly as the GUI finds it without a setting)."""
    named = os.environ.get(FONT_ENVIRONMENT)
    return Path(named) if named else None


def _edition_text(doc_no: str, edition: int) -> str:
    return doc_no if edition == 1 else f"{doc_no}（第{edition}版）"


def _progress(quiet: bool) -> ProgressReporter:
    if quiet or not sys.stderr.isatty():
        return ProgressReporter()

    def show(progress: Progress) -> None:
        print(f"\r{progress.message} {progress.done}/{progress.total}", end="", file=sys.stderr)

    return ProgressReporter(show)


def _secret(variable: str, prompt: str) -> str:
    """A password from the environment, or typed at a terminal; never guessed."""
    value = os.environ.get(variable)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise AuthenticationError(
            f"未提供密码：请设置环境变量 {variable}，或在终端中运行以便输入密码。"
        )
    return getpass.getpass(prompt)


def _credentials(args: argparse.Namespace) -> Credentials:
    username = args.user or os.environ.get("KAOHE_USER")
    if not username:
        raise AuthenticationError("未指定账号：请用 --user 或环境变量 KAOHE_USER 指定。")
    return Credentials(username, _secret("KAOHE_PASSWORD", f"账号 {username} 的密码："))


def _with_workspace(args: argparse.Namespace, action: Callable[[Workspace], int]) -> int:
    workspace = open_workspace(args.db, _credentials(args))
    try:
        for warning in workspace.warnings:
            _say(f"注意：{warning}")
        return action(workspace)
    finally:
        workspace.close()


def _run(args: argparse.Namespace) -> int:
    if args.command == "init":
        started = time.perf_counter()
        workspace = create_workspace(
            args.db,
            admin=_credentials(args),
            bureau_name=args.bureau,
            demo=args.demo,
            progress=_progress(args.quiet),
        )
        summary = workspace.bureau.summary()
        workspace.close()
        print(
            f"已创建数据文件 {args.db}：{summary.bureau_name}，{summary.departments} 个科室，"
            f"{summary.people} 人（{time.perf_counter() - started:.1f} 秒）；"
            f"管理员账号：{workspace.account}"
        )
        if args.demo:
            from kaohe_desktop.services.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD

            names = "、".join(f"{name}（{role.label}）" for name, _, role in DEMO_ACCOUNTS)
            print(f"演示账号：{names}，密码均为 {DEMO_PASSWORD}")
        return EXIT_OK
    if args.command == "template":
        write_template(args.book)
        print(f"已写出导入模板 {args.book}")
        return EXIT_OK

    def do_import(ws: Workspace) -> int:
        result = ws.importer.import_workbook(
            args.book, dry_run=args.dry_run, progress=_progress(args.quiet)
        )
        print(result.summary())
        return EXIT_OK

    def do_export(ws: Workspace) -> int:
        ws.exporter.export_workbook(args.book, progress=_progress(args.quiet))
        print(f"已导出到 {args.book}")
        return EXIT_OK

    def do_check(ws: Workspace) -> int:
        report = ws.check()
        print(f"数据文件：{ws.path}")
        print(
            f"完整性检查：{'通过' if report.integrity == ('ok',) else '; '.join(report.integrity)}"
        )
        print(f"文件标识：{'考核台账数据文件' if report.identity_ok else '不符'}")
        print(f"结构版本：{report.schema_version}")
        print("\n".join(report.lines()))
        return EXIT_OK if report.ok else EXIT_PROBLEM

    def do_backup(ws: Workspace) -> int:
        path = ws.backup(args.to)
        print(f"已备份并校验：{path}")
        _say_evidence(ws)
        return EXIT_OK

    def do_sweep_evidence(ws: Workspace) -> int:
        removed = ws.evidence.sweep()
        print(f"已清理 {removed} 个无记录引用的佐证材料文件" if removed else "没有需要清理的文件")
        return EXIT_OK

    def do_close(ws: Workspace) -> int:
        ws.periods.close(args.period, args.note)
        print(f"已关闭期间 {args.period}")
        return EXIT_OK

    def do_reopen(ws: Workspace) -> int:
        ws.periods.reopen(args.period, args.reason)
        print(f"已重新开放期间 {args.period}")
        return EXIT_OK

    def do_accounts(ws: Workspace) -> int:
        for account in ws.accounts.accounts():
            state = "" if account.active else "（已停用）"
            print(f"{account.username}\t{account.display_name}\t{account.role.label}{state}")
        return EXIT_OK

    def do_account_add(ws: Workspace) -> int:
        password = _secret("KAOHE_NEW_PASSWORD", f"新账号 {args.username} 的密码：")
        ws.accounts.add_account(args.username, args.name, Role.from_label(args.role), password)
        print(f"已新增账号 {args.username}（{args.role}）")
        return EXIT_OK

    def do_code_case(ws: Workspace) -> int:
        if args.case is None:
            print(f"编号中的字母：{ws.importer.code_case().label}")
            return EXIT_OK
        ws.importer.set_code_case(CodeCase.from_label(args.case))
        print(f"编号中的字母今后统一为{args.case}；已有的编号不变，比对时不分大小写。")
        return EXIT_OK

    def do_restore(ws: Workspace) -> int:
        target = ws.backups.restore(args.backup, args.to)
        print(f"已从备份恢复到新文件 {target}（恢复前已备份当前文件）")
        _say_evidence(ws)
        return EXIT_OK

    # Checked before the file is opened, so a typo costs no sign-in.
    paper = _paper(args.paper) if args.command == "ledger-pdf" else Paper.A3
    quarter = _period(parse_quarter, args.quarter) if args.command == "ranking" else None
    check_period = (
        _period(parse_check_period, args.period) if args.command == "bulletin-pdf" else None
    )
    number = _notice_number(args.number) if args.command == "notice-pdf" else None
    half = (
        _period(parse_half, args.half)
        if args.command == "scores" and args.half is not None
        else None
    )

    def do_ledger_pdf(ws: Workspace) -> int:
        font_path = _env_font()
        written = ws.wall_charts.write(
            args.year,
            args.out,
            department=args.department,
            blank=args.blank,
            paper=paper,
            per_department=args.per_department,
            font_path=font_path,
            progress=_progress(args.quiet),
        )
        for path in written:
            print(f"已写出墙上台账 {path}")
        print(f"字体：{pdf_font(font_path).description}")
        return EXIT_OK

    def do_ranking(ws: Workspace) -> int:
        assert quarter is not None
        # Both are checked before either is written: a PDF refused for its folder
        # must not leave a workbook behind that the clerk thinks came with it.
        targets = [(args.out, WORKBOOK)]
        if args.pdf is not None:
            targets.append((args.pdf, SUMMARY_PDF))
        output_files(targets)
        progress = _progress(args.quiet)
        written = [ws.ranking.write_workbook(quarter, args.out, progress=progress)]
        if args.pdf is not None:
            written.append(
                ws.ranking.write_pdf(
                    quarter,
                    args.pdf,
                    font_path=_env_font(),
                    progress=progress,
                )
            )
        for path in written:
            print(f"已写出 {path}")
        return EXIT_OK

    def do_bulletin_pdf(ws: Workspace) -> int:
        assert check_period is not None
        # Checked before a bulletin is generated: a typo must not use up a number.
        output_file(args.out, BULLETIN_PDF)
        latest = ws.bulletins.latest(check_period)
        if args.new or (latest is None and args.edition is None):
            latest = ws.bulletins.generate(check_period)
            print(f"已生成{_edition_text(latest.doc_no, latest.edition)}：{latest.title}")
        ws.bulletins.write_pdf(check_period, args.out, edition=args.edition, font_path=_env_font())
        shown = args.edition or (latest.edition if latest is not None else 1)
        doc_no = latest.doc_no if latest is not None else ""
        print(f"已写出通报 {args.out}（{_edition_text(doc_no, shown)}）")
        return EXIT_OK

    def do_notice_pdf(ws: Workspace) -> int:
        assert number is not None
        font_path = _env_font()
        out = ws.notices.notice_pdf(number, args.out, font_path=font_path)
        print(f"已写出督办单 {number}：{out}")
        print(f"字体：{pdf_font(font_path).description}")
        return EXIT_OK

    def do_notices(ws: Workspace) -> int:
        listed = ws.notices.overdue() if args.overdue else ws.notices.notices(args.year)
        if args.overdue and args.year is not None:
            listed = [n for n in listed if n.year == args.year]
        for n in listed:
            state = "已核实销号" if n.closed else "整改中"
            deadline = n.rectification.deadline if n.rectification else n.deadline
            print(
                f"{n.number}\t{COLOR_WORDS[n.color]}\t{n.department}\t{n.period}\t"
                f"整改时限 {deadline:%Y-%m-%d}\t{state}"
            )
        print(f"共 {len(listed)} 张督办单")
        return EXIT_OK

    def do_scores(ws: Workspace) -> int:
        font, progress = _env_font(), _progress(args.quiet)
        export = ws.score_export
        if half is not None:
            result = export.export_half(half, args.out, args.pdf, font_path=font, progress=progress)
        else:
            result = export.export_year(
                args.year, args.out, args.pdf, font_path=font, progress=progress
            )
        for path in (result.workbook, result.pdf):
            if path is not None:
                print(f"已写出 {path}")
        if result.draft:
            _say(f"注意：得分表为草稿（{'；'.join(result.reasons)}）。")
        return EXIT_OK

    actions = {
        "import": do_import,
        "export": do_export,
        "check": do_check,
        "backup": do_backup,
        "sweep-evidence": do_sweep_evidence,
        "close-period": do_close,
        "reopen-period": do_reopen,
        "accounts": do_accounts,
        "account-add": do_account_add,
        "code-case": do_code_case,
        "restore": do_restore,
        "ledger-pdf": do_ledger_pdf,
        "ranking": do_ranking,
        "scores": do_scores,
        "bulletin-pdf": do_bulletin_pdf,
        "notice-pdf": do_notice_pdf,
        "notices": do_notices,
        **archive_actions(args, _say, _env_font, lambda: _progress(args.quiet)),
    }
    return _with_workspace(args, actions[args.command])


def _say_evidence(ws: Workspace) -> None:
    """What the backup or restore just made did with the 佐证材料."""
    evidence = ws.backups.last_evidence
    if evidence is not None and evidence.referenced:
        print(f"佐证材料：{evidence.referenced} 个文件，本次复制 {evidence.copied} 个")
        for problem in evidence.problems:
            _say(f"注意：{problem}")


def _say(message: str) -> None:
    """A line for the clerk, on stderr; any driver or OS English in it put into Chinese."""
    print(clerk_text(message), file=sys.stderr)


def _driver_detail(error: sqlite3.Error | DBAPIError) -> str | None:
    """SQLite's own words in Chinese, or None where we have no translation for them."""
    text = clerk_text(str(error.orig if isinstance(error, DBAPIError) else error))
    return None if re.search(r"[A-Za-z]{2,}", text) else text


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
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
        except (sqlite3.Error, DBAPIError) as error:
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
