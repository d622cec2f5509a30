"""Writes docs/WORKBOOK.md, the exchange workbook's sheets and columns, from the one
declaration the reader, the writer and the template use (domain/exchange_schema.py),
so the page cannot drift from the program. tests/test_docs.py checks it is current.

    .venv/bin/python docs/workbook_doc.py
"""

from __future__ import annotations

from pathlib import Path

from kaohe_desktop.domain.exchange_schema import INSTRUCTIONS_SHEET, SHEETS, SheetSpec

TARGET = Path(__file__).parent / "WORKBOOK.md"

INTRO = f"""# 交换工作簿（导入模板）各表各列

本页由 `docs/workbook_doc.py` 根据程序自身的定义（`domain/exchange_schema.py`）生成，
与程序读写的工作簿完全一致；请勿手工修改，改程序后重新运行该脚本。

- 下载模板：文件 → 下载模板…（或 `kaohe --db 数据文件 template 模板.xlsx`）。模板含下列各表、
  下拉选项，以及一张“{INSTRUCTIONS_SHEET}”表。
- 只填需要的表，其余表可以删除或留空；表头（第 1 行）不要改动，列的顺序可以不同。
- 导入是“全部或全不”：先检查每个单元格和每个引用，有任何错误就一行也不写入，并逐条列出
  “工作表、行、列、原因”。改正后重新导入即可。
- 同一工作簿导入两次不会重复：每张表按“更新依据”列匹配已有记录，匹配到的更新，没有的新增。
- 选填单元格留空表示保留数据文件中已有的值，所以只填“编号”和“职务职级”两列的人员表
  可以安全地只更新这一列。
"""


def sheet_section(sheet: SheetSpec) -> str:
    lines = [
        f"## {sheet.name}",
        "",
        f"{sheet.purpose}。更新依据：{' + '.join(sheet.key)}。",
        "",
        "| 列 | 必填 | 可选值 | 说明 |",
        "|---|---|---|---|",
    ]
    for column in sheet.columns:
        required = "必填" if column.required else ""
        choices = "、".join(column.choices)
        lines.append(f"| {column.name} | {required} | {choices} | {column.hint} |")
    return "\n".join(lines) + "\n"


def render() -> str:
    return "\n".join([INTRO, *(sheet_section(sheet) for sheet in SHEETS)])


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(TARGET)
