"""What each `kaohe` command does, once cli.py has parsed it: imported only then.

`kaohe --help` and a mistyped option are answered from the parser alone (cli.py), without
importing the services, SQLAlchemy, openpyxl or reportlab; a command that runs pays
for what it uses. Exit codes and messages are those cli.py documents.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from kaohe_desktop.cli_archive import archive_actions
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
from kaohe_desktop.services.errors import AuthenticationError, InputError
from kaohe_desktop.services.progress import Progress, ProgressReporter
from kaohe_desktop.services.quarterly.ranking_export import SUMMARY_PDF, WORKBOOK
from kaohe_desktop.services.workspace import (
    DEFAULT_BUREAU_NAME,
    Workspace,
    create_workspace,
    open_workspace,
)

EXIT_OK, EXIT_PROBLEM = 0, 1  # as cli.py documents them
_P = TypeVar("_P")  # a period parsed from the command line


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


def _with_workspace(
    args: argparse.Namespace, action: Callable[[Workspace], int], say: Callable[[str], None]
) -> int:
    workspace = open_workspace(args.db, _credentials(args))
    try:
        for warning in workspace.warnings:
            say(f"注意：{warning}")
        return action(workspace)
    finally:
        workspace.close()


def run(args: argparse.Namespace, say: Callable[[str], None]) -> int:
    """Run the parsed command; `say` tells the clerk a line on stderr (cli._say)."""
    if args.command == "copy":
        from kaohe_desktop.cli_copy import run_copy

        return run_copy(args, say, _credentials, _progress)
    if args.command == "init":
        if args.as_of is not None and not args.demo:
            raise InputError("--as-of 只用于演示数据，请同时写 --demo。")
        started = time.perf_counter()
        workspace = create_workspace(
            args.db,
            admin=_credentials(args),
            bureau_name=DEFAULT_BUREAU_NAME if args.bureau is None else args.bureau,
            demo=args.demo,
            progress=_progress(args.quiet),
            evidence_dir=args.evidence_dir,
            demo_as_of=args.as_of,
        )
        summary = workspace.bureau.summary()
        workspace.close()
        made = "数据库" if workspace.server is not None else "数据文件"
        print(
            f"已创建{made} {workspace.location}："
            f"{summary.bureau_name}，{summary.departments} 个科室，"
            f"{summary.people} 人（{time.perf_counter() - started:.1f} 秒）；"
            f"管理员账号：{workspace.account}"
        )
        if args.demo:
            from kaohe_desktop.services.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD

            names = "、".join(f"{name}（{role.label}）" for name, _, role in DEMO_ACCOUNTS)
            print(f"演示账号：{names}，密码均为 {DEMO_PASSWORD}")
        return EXIT_OK
    if args.command == "template":
        from kaohe_desktop.services.exchange.export import write_template

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
        what = "数据库" if ws.server is not None else "数据文件"
        print(f"{what}：{ws.location}")
        print(
            f"完整性检查：{'通过' if report.integrity == ('ok',) else '; '.join(report.integrity)}"
        )
        label = "数据库标识" if ws.server is not None else "文件标识"
        print(f"{label}：{f'考核台账{what}' if report.identity_ok else '不符'}")
        print(f"结构版本：{report.schema_version}")
        print("\n".join(report.lines()))
        return EXIT_OK if report.ok else EXIT_PROBLEM

    def do_backup(ws: Workspace) -> int:
        path = ws.backup(args.to)
        print(f"已备份并校验：{path}")
        _say_evidence(ws, say)
        return EXIT_OK

    def do_sweep_evidence(ws: Workspace) -> int:
        removed = ws.evidence.sweep()
        print(f"已清理 {removed} 个无记录引用的佐证材料文件" if removed else "没有需要清理的文件")
        return EXIT_OK

    def do_close(ws: Workspace) -> int:
        early = ws.periods.early_close_warning(args.period)  # what the dialogs ask, told
        ws.periods.close(args.period, args.note)
        print(f"已关闭期间 {args.period}" + (f"。注意：{early}" if early else ""))
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
        _say_evidence(ws, say)
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
            say(f"注意：得分表为草稿（{'；'.join(result.reasons)}）。")
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
        **archive_actions(args, say, _env_font, lambda: _progress(args.quiet)),
    }
    return _with_workspace(args, actions[args.command], say)


def _say_evidence(ws: Workspace, say: Callable[[str], None]) -> None:
    """What the backup or restore just made did with the 佐证材料."""
    evidence = ws.backups.last_evidence
    if evidence is not None and evidence.referenced:
        print(f"佐证材料：{evidence.referenced} 个文件，本次复制 {evidence.copied} 个")
        for problem in evidence.problems:
            say(f"注意：{problem}")
