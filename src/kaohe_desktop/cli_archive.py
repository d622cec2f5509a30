"""The `kaohe` commands of the 人员档案 and the 年度考核 (DESIGN.md §7): `annual`,
`annual-forms`, `annual-notice`, `archive-pdf`, `due-lists`.

Kept beside cli.py, which builds the parser and runs them with the same exits and
messages, so that module stays readable; the services do the work, as in the GUI.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kaohe_desktop.cli_parser import DB, Commands, add_command, day, year
from kaohe_desktop.services.archive.posting import MAX_POSTING_DAYS, POSTING_DAYS

if TYPE_CHECKING:  # the parser is built without the services (cli.py says why)
    from kaohe_desktop.services.progress import ProgressReporter
    from kaohe_desktop.services.workspace import Workspace

Action = Callable[["Workspace"], int]
EXIT_OK = 0


def add_archive_commands(commands: Commands) -> None:
    annual = add_command(
        commands,
        "annual",
        "导出年度考核表（年度考核 + 名额）；季度未全部关闭时为草稿",
        example=[("导出 2026 年度考核表", f"{DB} annual --year 2026 --out 年度考核.xlsx")],
    )
    annual.add_argument("--year", required=True, type=year, metavar="年度", help="年度，如 2026")
    annual.add_argument(
        "--out", required=True, type=Path, metavar="文件", help="年度考核表 .xlsx 文件"
    )

    forms = add_command(
        commands,
        "annual-forms",
        "打印公务员年度考核登记表 PDF（每人一页）",
        example=[
            ("全部人员", f"{DB} annual-forms --year 2026 --out 登记表.pdf"),
            (
                "只打印办公室",
                f"{DB} annual-forms --year 2026 --department 办公室 --out 办公室登记表.pdf",
            ),
            ("只打印一个人", f"{DB} annual-forms --year 2026 --person A001 --out 登记表-A001.pdf"),
        ],
    )
    forms.add_argument("--year", required=True, type=year, metavar="年度", help="年度，如 2026")
    forms.add_argument("--person", metavar="编号", help="只打印这个人（编号）；不填则打印全部人员")
    forms.add_argument("--department", metavar="科室", help="只打印这个科室的人员")
    forms.add_argument("--out", required=True, type=Path, metavar="文件", help="登记表 PDF 文件")

    notice = add_command(
        commands,
        "annual-notice",
        "打印年度考核优秀等次拟推荐人选公示 PDF",
        example=[
            ("从今天起公示", f"{DB} annual-notice --year 2026 --out 公示.pdf"),
            (
                "指定开始日期和天数",
                f"{DB} annual-notice --year 2026 --start 2027-01-05 --days 5 --out 公示.pdf",
            ),
        ],
    )
    notice.add_argument("--year", required=True, type=year, metavar="年度", help="年度，如 2026")
    notice.add_argument(
        "--start", type=day, metavar="日期", help="公示开始日期，如 2027-01-05（默认今天）"
    )
    notice.add_argument(
        "--days",
        type=_days,
        default=POSTING_DAYS,
        metavar="天数",
        help=f"公示天数（工作日，默认 {POSTING_DAYS}）",
    )
    notice.add_argument("--out", required=True, type=Path, metavar="文件", help="公示 PDF 文件")

    archive = add_command(
        commands,
        "archive-pdf",
        "打印人员档案 PDF（一人一节，带书签）",
        example=[
            ("打印一个人的档案", f"{DB} archive-pdf --person A001 --out 档案-A001.pdf"),
            (
                "打印办公室全部人员的档案",
                f"{DB} archive-pdf --department 办公室 --out 办公室档案.pdf",
            ),
        ],
    )
    # Neither or both is refused by the service, with its own words.
    archive.add_argument("--person", metavar="编号", help="人员编号（与 --department 二选一）")
    archive.add_argument("--department", metavar="科室", help="科室名称：打印该科室的全部人员")
    archive.add_argument("--out", required=True, type=Path, metavar="文件", help="档案 PDF 文件")

    due = add_command(
        commands,
        "due-lists",
        "导出待办清单：谈心谈话不足、专项谈话、关键岗位交流轮岗",
        example=[("导出 2026 年的待办清单", f"{DB} due-lists --year 2026 --out 待办清单.xlsx")],
    )
    due.add_argument("--year", required=True, type=year, metavar="年度", help="年度，如 2026")
    due.add_argument("--out", required=True, type=Path, metavar="文件", help="待办清单 .xlsx 文件")


def _days(text: str) -> int:
    """A whole number, else refused saying what the number is for; its range is the
    service's to check."""
    try:
        return int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"公示天数应为 1–{MAX_POSTING_DAYS} 之间的整数（工作日），而不是“{text}”"
        ) from None


def archive_actions(
    args: argparse.Namespace,
    say: Callable[[str], None],
    font: Callable[[], Path | None],
    progress: Callable[[], ProgressReporter],
) -> dict[str, Action]:
    """The commands above, for cli.py's table of actions; `font` is the PDF font file
    the environment names (None: found as the GUI finds it), `progress` the reporter."""

    def state(words: str) -> None:
        if words:
            say(f"注意：{words}。")

    def do_annual(ws: Workspace) -> int:
        result = ws.annual_export.write_workbook(args.year, args.out)
        print(f"已写出 {result.path}（{result.rows} 人）")
        state(result.state_words())
        return EXIT_OK

    def do_forms(ws: Workspace) -> int:
        result = ws.annual_export.write_forms(
            args.year, args.out, code=args.person, department=args.department, font_path=font()
        )
        print(f"已写出 {result.path}（{result.rows} 人，每人一页）")
        state(result.state_words())
        return EXIT_OK

    def do_notice(ws: Workspace) -> int:
        result = ws.annual_export.write_excellent_list(
            args.year, args.out, start=args.start, days=args.days, font_path=font()
        )
        print(f"已写出 {result.path}（{result.rows} 人）")
        state(result.state_words())
        return EXIT_OK

    def do_archive(ws: Workspace) -> int:
        result = ws.archive_print.write_pdf(
            args.out,
            person_code=args.person,
            department=args.department,
            font_path=font(),
            progress=progress(),
        )
        print(f"已写出 {result.path}（{result.people} 人，{result.pages} 页）")
        return EXIT_OK

    def do_due(ws: Workspace) -> int:
        path = ws.due_lists.export(args.year, args.out)
        print(f"已写出 {path}")
        return EXIT_OK

    return {
        "annual": do_annual,
        "annual-forms": do_forms,
        "annual-notice": do_notice,
        "archive-pdf": do_archive,
        "due-lists": do_due,
    }
