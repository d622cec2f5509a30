"""The `kaohe` commands that print and export (DESIGN.md §7): `ledger-pdf`, `ranking`,
`scores`, `bulletin-pdf`, `notice-pdf`, `notices`; their arguments, help and examples.
cli_commands.py runs them; the parser is built without the services (cli.py says why)."""

from __future__ import annotations

import argparse
from pathlib import Path

from kaohe_desktop.cli_parser import DB, Commands, add_command, year
from kaohe_desktop.services.common.fonts import FONT_ENVIRONMENT


def _edition(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"版次应为整数，如 2，而不是“{text}”") from None


def add_report_commands(commands: Commands) -> None:
    ledger_pdf = add_command(
        commands,
        "ledger-pdf",
        "打印墙上台账 PDF",
        description="打印墙上台账 PDF（横向）。中文字体：环境变量 "
        f"{FONT_ENVIRONMENT} 指定的字体文件，否则自动查找。",
        example=[
            ("全部科室，A3 横向", f"{DB} ledger-pdf --year 2026 --out 墙上台账.pdf"),
            (
                "办公室的空白台账，A4，供手写",
                f"{DB} ledger-pdf --year 2026 --department 办公室 --blank --paper A4 "
                "--out 办公室台账.pdf",
            ),
            (
                "每个科室一个文件，放进文件夹",
                f"{DB} ledger-pdf --year 2026 --per-department --out 台账",
            ),
        ],
    )
    ledger_pdf.add_argument(
        "--year", required=True, type=year, metavar="年度", help="年度，如 2026"
    )
    ledger_pdf.add_argument("--department", metavar="科室", help="只打印这个科室（默认全部科室）")
    ledger_pdf.add_argument("--blank", action="store_true", help="空白台账，供手写完成情况")
    ledger_pdf.add_argument(
        "--paper", default="A3", metavar="纸张", help="纸张：A3（默认）或 A4，均为横向"
    )
    ledger_pdf.add_argument(
        "--per-department", action="store_true", help="每个科室一个文件（--out 为文件夹）"
    )
    ledger_pdf.add_argument(
        "--out", required=True, type=Path, metavar="文件", help="PDF 文件（或文件夹）"
    )

    ranking = add_command(
        commands,
        "ranking",
        "导出季度平时考核排名表（汇总 + 各人员类别），可另附结果汇总表 PDF",
        example=[
            ("导出第二季度排名表", f"{DB} ranking --quarter 2026Q2 --out 排名.xlsx"),
            (
                "同时打印结果汇总表",
                f"{DB} ranking --quarter 2026Q2 --out 排名.xlsx --pdf 平时考核结果汇总表.pdf",
            ),
        ],
    )
    ranking.add_argument("--quarter", required=True, metavar="季度", help="季度，如 2026Q2")
    ranking.add_argument(
        "--out", required=True, type=Path, metavar="文件", help="排名表 .xlsx 文件"
    )
    ranking.add_argument("--pdf", type=Path, metavar="文件", help="平时考核结果汇总表 PDF 文件")

    scores = add_command(
        commands,
        "scores",
        "导出半年考核得分表，或全年的年度得分表；可另附得分汇总表 PDF",
        description="导出半年考核得分表（科室得分 + 明细），或全年的年度得分表"
        "（两个半年并列及全年得分、排名）；可另附得分汇总表 PDF。尚未核定时标为草稿。",
        example=[
            (
                "上半年得分表和汇总表",
                f"{DB} scores --half 2026H1 --out 上半年得分.xlsx --pdf 得分汇总表.pdf",
            ),
            ("全年得分表", f"{DB} scores --year 2026 --out 年度得分.xlsx"),
        ],
    )
    scores_of = scores.add_mutually_exclusive_group(required=True)
    scores_of.add_argument(
        "--half", metavar="半年", help="半年，如 2026H1（上半年）或 2026H2（下半年）"
    )
    scores_of.add_argument(
        "--year", type=year, metavar="年度", help="年度，如 2026（两个半年并列及全年得分、排名）"
    )
    scores.add_argument("--out", required=True, type=Path, metavar="文件", help="得分表 .xlsx 文件")
    scores.add_argument("--pdf", type=Path, metavar="文件", help="得分汇总表 PDF 文件")

    bulletin = add_command(
        commands,
        "bulletin-pdf",
        "打印查账通报：默认打印最新一版，尚无通报时先生成第一版；--new 重新生成一版",
        example=[
            ("打印第二季度的查账通报", f"{DB} bulletin-pdf --period 2026Q2 --out 通报.pdf"),
            (
                "按当前查账情况重新生成一版",
                f"{DB} bulletin-pdf --period 2026-05 --new --out 五月通报.pdf",
            ),
            ("再打印第一版", f"{DB} bulletin-pdf --period 2026Q2 --edition 1 --out 通报第1版.pdf"),
        ],
    )
    bulletin.add_argument(
        "--period",
        required=True,
        metavar="期间",
        help="查账期间：季度如 2026Q2（含该季度各月的重点工作），或月份如 2026-05",
    )
    bulletin.add_argument("--out", required=True, type=Path, metavar="文件", help="通报 PDF 文件")
    which = bulletin.add_mutually_exclusive_group()
    which.add_argument(
        "--new", action="store_true", help="重新生成：按当前查账情况生成新的一版（编号不变）"
    )
    which.add_argument(
        "--edition", type=_edition, metavar="版次", help="打印指定的一版（默认最新一版）"
    )

    notice_pdf = add_command(
        commands,
        "notice-pdf",
        "打印督办单 PDF",
        description="打印督办单 PDF（A4）。中文字体：环境变量 "
        f"{FONT_ENVIRONMENT} 指定的字体文件，否则自动查找。",
        example=[
            ("打印一张督办单", f"{DB} notice-pdf --number 督办〔2026〕第3号 --out 督办单.pdf")
        ],
    )
    notice_pdf.add_argument(
        "--number", required=True, metavar="编号", help="督办单编号，如 督办〔2026〕第3号"
    )
    notice_pdf.add_argument(
        "--out", required=True, type=Path, metavar="文件", help="督办单 PDF 文件"
    )

    notices = add_command(
        commands,
        "notices",
        "列出督办单（编号、颜色、科室、期间、整改时限、状态）",
        example=[
            ("列出 2026 年下达的督办单", f"{DB} notices --year 2026"),
            ("只列出整改逾期、尚未销号的", f"{DB} notices --overdue"),
        ],
    )
    notices.add_argument("--year", type=year, metavar="年度", help="只列出这一年下达的（如 2026）")
    notices.add_argument("--overdue", action="store_true", help="只列出整改逾期、尚未销号的")
