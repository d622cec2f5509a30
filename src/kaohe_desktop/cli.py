"""The `kaohe` command (DESIGN.md §7): the same services as the GUI, for batch work.

Exit codes: 0 success; 1 `check` found a problem; 2 bad input or a refused file,
with a Chinese message naming what is wrong, and nothing written.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from kaohe_desktop.services.errors import InputError, StorageError
from kaohe_desktop.services.exchange_export import write_template
from kaohe_desktop.services.progress import Progress, ProgressReporter
from kaohe_desktop.services.workspace import (
    DEFAULT_BUREAU_NAME,
    Workspace,
    create_workspace,
    default_account,
    open_workspace,
)

EXIT_OK, EXIT_PROBLEM, EXIT_BAD_INPUT = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kaohe", description="考核台账 命令行")
    parser.add_argument("--db", required=True, type=Path, help="数据文件路径")
    parser.add_argument("--user", help="操作账号（默认取 KAOHE_USER 或系统登录名）")
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

    template = commands.add_parser("template", help="写出空白导入模板")
    template.add_argument("book", type=Path)

    commands.add_parser("check", help="完整性、文件标识、结构版本和操作日志链检查")
    backup = commands.add_parser("backup", help="写一份经过校验的备份")
    backup.add_argument("--to", type=Path, help="备份文件夹（默认为本机的备份文件夹）")
    return parser


def _progress(quiet: bool) -> ProgressReporter:
    if quiet or not sys.stderr.isatty():
        return ProgressReporter()

    def show(progress: Progress) -> None:
        print(f"\r{progress.message} {progress.done}/{progress.total}", end="", file=sys.stderr)

    return ProgressReporter(show)


def _with_workspace(args: argparse.Namespace, action: Callable[[Workspace], int]) -> int:
    workspace = open_workspace(args.db, args.user)
    try:
        for warning in workspace.warnings:
            print(f"注意：{warning}", file=sys.stderr)
        return action(workspace)
    finally:
        workspace.close()


def _run(args: argparse.Namespace) -> int:
    account = args.user or default_account()
    if args.command == "init":
        started = time.perf_counter()
        workspace = create_workspace(
            args.db,
            account=account,
            bureau_name=args.bureau,
            demo=args.demo,
            progress=_progress(args.quiet),
        )
        summary = workspace.queries.summary()
        workspace.close()
        print(
            f"已创建数据文件 {args.db}：{summary.bureau_name}，{summary.departments} 个科室，"
            f"{summary.people} 人（{time.perf_counter() - started:.1f} 秒）"
        )
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
        print(report.chain_text)
        return EXIT_OK if report.ok else EXIT_PROBLEM

    def do_backup(ws: Workspace) -> int:
        path = ws.backup(args.to)
        print(f"已备份并校验：{path}")
        return EXIT_OK

    actions = {"import": do_import, "export": do_export, "check": do_check, "backup": do_backup}
    return _with_workspace(args, actions[args.command])


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except InputError as error:
        print(str(error), file=sys.stderr)
        return EXIT_BAD_INPUT
    except (StorageError, OSError) as error:
        print(f"错误：{error}", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
