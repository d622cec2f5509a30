"""The floor for the wall charts: a bare reportlab canvas writing the same pages.

Usage: python bench/wall_chart_floor.py OUT.pdf FONT.ttc [--departments 15] [--tasks 200]

What any program writing these charts with reportlab must pay, and nothing else: the
interpreter, reportlab, the embedded TrueType font (subset), and per page the title,
the two header rows, eight task rows of the texts bench_wall_chart generates (already
cut into lines: no measuring, no line breaking, no table layout), the grid and the
footer, written with one text object a page and canvas.grid. 8 rows a page and 25 pages a
department, as the wall chart lays the generated bureau out. Imports only reportlab, so
that its start-up is the floor's too.
"""

from __future__ import annotations

import argparse

from reportlab.lib.pagesizes import A3, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import registerFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

HEADERS = (
    "序号", "工作任务", "目标要求", "类别", "牵头科室", "完成时限", "分值",
    "一季度", "二季度", "三季度", "四季度", "核查人", "备注",
)  # fmt: skip
FRACTIONS = (0.028, 0.110, 0.140, 0.047, 0.075, 0.062, 0.030,
             0.104, 0.104, 0.104, 0.104, 0.042, 0.050)  # fmt: skip
TARGET = (
    "按照年度工作要点，制定实施方案，明确责任人和时间节点，每季度报送工作进展，"
    "年底形成书面总结，做到有计划、有落实、有痕迹。"
)
DONE = "已完成：已按计划完成阶段性工作，报送进展材料并留存工作台账。"
ROWS_PER_PAGE = 8


def _cut(text: str, chars: int) -> list[str]:
    return [text[i : i + chars] for i in range(0, len(text), chars)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("font")
    parser.add_argument("--departments", type=int, default=15)
    parser.add_argument("--tasks", type=int, default=200)
    options = parser.parse_args()
    registerFont(TTFont("floor", options.font, subfontIndex=0))
    width, height = landscape(A3)
    margin, size, leading = 12 * mm, 10.5, 14.5
    xs = [margin]
    for fraction in FRACTIONS:
        xs.append(xs[-1] + fraction * (width - 2 * margin))
    canvas = Canvas(options.out, pagesize=(width, height))
    top, row_height = height - 30 * mm, 79.5
    seq = 0
    for department in range(options.departments):
        name = f"第{department + 1:02d}科"
        pages = -(-options.tasks // ROWS_PER_PAGE)
        for page in range(pages):
            canvas.setFont("floor", 20)
            canvas.drawCentredString(
                width / 2, height - 20 * mm, f"2026年度 {name} 岗位目标责任台账"
            )
            # One text object a page: the cheapest way reportlab's canvas writes text.
            text = canvas.beginText()
            text.setFont("floor", size, leading)
            for x, label in zip(xs, HEADERS, strict=False):
                text.setTextOrigin(x + 4, top - 30)
                text.textLine(label)
            ys = [top, top - 43]
            for row in range(min(ROWS_PER_PAGE, options.tasks - page * ROWS_PER_PAGE)):
                seq += 1
                task = page * ROWS_PER_PAGE + row + 1
                y = ys[-1]
                cells = [
                    [str(seq)], _cut(f"{name}第{task}项年度重点业务工作推进落实", 8),
                    _cut(TARGET, 13), ["常规工作"], [name], ["每季度"], ["5"],
                    _cut(DONE, 9), _cut(DONE, 9), [], [], ["张三"], [],
                ]  # fmt: skip
                for x, lines in zip(xs, cells, strict=False):
                    if lines:
                        text.setTextOrigin(x + 4, y - 14)
                        for line in lines:
                            text.textLine(line)
                ys.append(y - row_height)
            canvas.drawText(text)
            canvas.grid(xs, ys)
            canvas.setFont("floor", 9)
            canvas.drawCentredString(width / 2, 8 * mm, f"第 {page + 1} 页 共 {pages} 页")
            canvas.showPage()
    canvas.save()


if __name__ == "__main__":
    main()
