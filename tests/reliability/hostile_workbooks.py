"""Hostile exchange workbooks, built at test time (a few KB to a few MB on disk).

Each is a minimal .xlsx package written with zipfile, the worksheet XML streamed into
the archive so that even the million-row file never sits in memory here. Around one
科室 sheet that would import cleanly (header + 办公室) each case plants one trick:
a merge, link, validation or format over the whole sheet, a million rows, bad cell
values, parts with millions of entries, oversized tags and text, unsafe XML.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
WHOLE_SHEET = "A1:XFD1048576"


def text_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


HEADER = "".join(
    text_cell(f"{c}1", t) for c, t in zip("ABCD", ["科室名称", "组别", "类型", "排序"], strict=True)
)
OFFICE = text_cell("A2", "办公室") + '<c r="D2"><v>1</v></c>'
GOOD_ROWS = f'<row r="1">{HEADER}</row><row r="2">{OFFICE}</row>'


def sheet_xml(
    rows: Iterable[str] = (GOOD_ROWS,), head: str = "", tail: str = ""
) -> Iterator[bytes]:
    prolog = '<?xml version="1.0" encoding="UTF-8"?>'
    yield f'{prolog}<worksheet xmlns="{MAIN}">{head}<sheetData>'.encode()
    batch: list[str] = []
    for piece in rows:
        batch.append(piece)
        if len(batch) >= 2000:
            yield "".join(batch).encode()
            batch = []
    yield ("".join(batch) + f"</sheetData>{tail}</worksheet>").encode()


def write_package(
    path: Path,
    sheets: dict[str, Iterable[bytes]],
    strings: Iterable[bytes] | None = None,
    styles: Iterable[bytes] | None = None,
) -> Path:
    """An .xlsx with the given worksheets (title → XML chunks) and optional parts."""
    overrides = [("/xl/workbook.xml", f"{CT}.sheet.main+xml")]
    overrides += [
        (f"/xl/worksheets/sheet{n}.xml", f"{CT}.worksheet+xml") for n in range(1, len(sheets) + 1)
    ]
    rels = [
        f'<Relationship Id="rId{n}" Type="{RELS}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, len(sheets) + 1)
    ]
    if strings is not None:
        overrides.append(("/xl/sharedStrings.xml", f"{CT}.sharedStrings+xml"))
        rels.append(
            f'<Relationship Id="rS" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>'
        )
    if styles is not None:
        overrides.append(("/xl/styles.xml", f"{CT}.styles+xml"))
        rels.append(f'<Relationship Id="rY" Type="{RELS}/styles" Target="styles.xml"/>')
    content_types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides)
        + "</Types>"
    )
    sheet_list = "".join(
        f'<sheet name="{title}" sheetId="{n}" r:id="rId{n}"/>'
        for n, title in enumerate(sheets, start=1)
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{PKG_RELS}"><Relationship Id="rId1" '
            f'Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets>{sheet_list}</sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{PKG_RELS}">{"".join(rels)}</Relationships>',
        )
        parts = {f"xl/worksheets/sheet{n}.xml": xml for n, xml in enumerate(sheets.values(), 1)}
        if strings is not None:
            parts["xl/sharedStrings.xml"] = strings
        if styles is not None:
            parts["xl/styles.xml"] = styles
        for name, chunks in parts.items():
            with archive.open(name, "w") as out:
                for chunk in chunks:
                    out.write(chunk)
    return path


def one_sheet(path: Path, **kwargs: str | Iterable[str]) -> Path:
    rows = kwargs.pop("rows", (GOOD_ROWS,))
    assert not isinstance(rows, str)
    head, tail = str(kwargs.pop("head", "")), str(kwargs.pop("tail", ""))
    return write_package(path, {"科室": sheet_xml(rows, head, tail)})


@dataclass(frozen=True)
class Many:
    """`count` pieces of XML made on demand, as often as a file is built from them."""

    count: int
    make: Callable[[int], str]

    def __iter__(self) -> Iterator[str]:
        return (self.make(n) for n in range(self.count))


def many(count: int, make: Callable[[int], str]) -> Many:
    return Many(count, make)


def rows_from(first: int, count: int, cells: str = "<c><v>1</v></c>") -> Many:
    return many(count, lambda n: f'<row r="{first + n}">{cells}</row>')


def _strings(entries: Iterable[str], count: int) -> Iterator[bytes]:
    yield f'<sst xmlns="{MAIN}" count="{count}" uniqueCount="{count}">'.encode()
    batch: list[str] = []
    for entry in entries:
        batch.append(entry)
        if len(batch) >= 5000:
            yield "".join(batch).encode()
            batch = []
    yield ("".join(batch) + "</sst>").encode()


def _styles_with_date() -> Iterator[bytes]:
    """Style 1 is a date (built-in number format 14), as Excel marks a date cell."""
    yield (
        f'<styleSheet xmlns="{MAIN}"><fonts count="1"><font/></fonts><fills count="1">'
        '<fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/>'
        '</borders><cellStyleXfs count="1">'
        '<xf/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" '
        'applyNumberFormat="1"/></cellXfs></styleSheet>'
    ).encode()


def _styles_bomb(count: int) -> Iterator[bytes]:
    yield f'<styleSheet xmlns="{MAIN}"><cellXfs count="{count}">'.encode()
    for _ in range(count // 10_000):
        yield b'<xf numFmtId="0"/>' * 10_000
    yield b"</cellXfs></styleSheet>"


PERSON_HEADER = "".join(
    text_cell(f"{c}1", t)
    for c, t in zip("ABCDE", ["编号", "姓名", "科室", "人员类别", "出生日期"], strict=True)
)
PERSON_CELLS = (
    text_cell("A2", "0012")
    + text_cell("B2", "张三")
    + text_cell("C2", "办公室")
    + text_cell("D2", "一般公务员")
)


def _person(path: Path, birth_cell: str, styles: bool = False) -> Path:
    rows = [f'<row r="1">{PERSON_HEADER}</row><row r="2">{PERSON_CELLS}{birth_cell}</row>']
    return write_package(
        path, {"人员": sheet_xml(rows)}, styles=_styles_with_date() if styles else None
    )


def _order_cell(value: str) -> str:
    """The 科室 sheet with `value` as the 排序 number of 办公室."""
    office = text_cell("A2", "办公室")
    return f'<row r="1">{HEADER}</row><row r="2">{office}<c r="D2"><v>{value}</v></c></row>'


LAUGHS = (
    '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
)


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], Path]
    refusal: str | None  # a fragment of the Chinese refusal; None: read, tricks ignored


def _laughs(path: Path) -> Path:
    chunks = list(sheet_xml([GOOD_ROWS.replace("办公室", "&c;")]))
    chunks[0] = chunks[0].replace(b"?>", b"?>" + LAUGHS.encode(), 1)
    return write_package(path, {"科室": chunks})


def _raw_control_in_shared_string(path: Path) -> Path:
    rows = [f'<row r="1">{HEADER}</row><row r="2"><c r="A2" t="s"><v>1</v></c></row>']
    entries = ["<si><t>组别</t></si>", "<si><t>办\x01公室</t></si>"]
    return write_package(path, {"科室": sheet_xml(rows)}, strings=_strings(entries, 2))


def merges(*refs: str) -> str:
    return "<mergeCells>" + "".join(f"<mergeCell {ref}/>" for ref in refs) + "</mergeCells>"


# The big pieces are made only when a file is built (lambdas), not when tests are collected.
Xml = str | Callable[[], str]


def _text(xml: Xml) -> str:
    return xml if isinstance(xml, str) else xml()


def tail(xml: Xml) -> Callable[[Path], Path]:
    return lambda path: one_sheet(path, tail=_text(xml))


def head(xml: Xml) -> Callable[[Path], Path]:
    return lambda path: one_sheet(path, head=_text(xml))


def rows(*extra: Xml | Many) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        pieces: list[str] = []
        for item in extra:
            pieces.extend(item if isinstance(item, Many) else [_text(item)])
        return one_sheet(path, rows=pieces)

    return build


def _huge_sheets(path: Path) -> Path:
    sheets = {title: sheet_xml(rows_from(1, 199_999)) for title in ("科室", "人员", "台账")}
    return write_package(path, sheets)


def _styles(path: Path) -> Path:
    return write_package(path, {"科室": sheet_xml()}, styles=_styles_bomb(2_000_000))


def _strings_bomb(path: Path) -> Path:
    entries = many(1_000_000, lambda n: "<si><t>a</t></si>")
    return write_package(path, {"科室": sheet_xml()}, strings=_strings(entries, 1_000_000))


ELEVEN = "<row>" + "<c><v>1</v></c>" * 11 + "</row>"
WIDE = "<c><v>1</v></c>" * 16_384
LINK = f'<hyperlinks><hyperlink ref="{WHOLE_SHEET}" location="科室!A1" display="x"/></hyperlinks>'
VALIDATION = (
    f'<dataValidations count="1"><dataValidation type="list" sqref="{WHOLE_SHEET}">'
    '<formula1>"a,b"</formula1></dataValidation></dataValidations>'
)
FORMAT = (
    f'<conditionalFormatting sqref="{WHOLE_SHEET}"><cfRule type="expression" priority="1">'
    "<formula>TRUE</formula></cfRule></conditionalFormatting>"
)
HEAD_ROW = f'<row r="1">{HEADER}</row>'
TOO_BIG = "合并单元格的范围过大"
ORDER = "工作表“科室” 第 2 行 “排序”列："
BIRTH = "工作表“人员” 第 2 行 “出生日期”列："

CASES: list[Case] = [
    # -- over the whole sheet at once: merges are refused, the rest is never expanded
    Case("merge, single quotes", tail(merges("ref='A3:XFD1048576'")), TOO_BIG),
    Case("merge, spaces around =", tail(merges('ref = "A3:XFD1048576" ')), TOO_BIG),
    Case("merge, character references", tail(merges('ref="&#65;3:&#88;FD1048576"')), TOO_BIG),
    Case(
        "200,000 small merges",
        tail(lambda: merges(*(f'ref="B{n}:C{n}"' for n in range(3, 200_003)))),
        "行以外的内容过多",
    ),
    Case("hyperlink over the whole sheet", tail(LINK), None),
    Case("data validation over the whole sheet", tail(VALIDATION), None),
    Case("conditional format over the whole sheet", tail(FORMAT), None),
    Case("dimension claiming the whole sheet", head(f'<dimension ref="{WHOLE_SHEET}"/>'), None),
    Case(
        "one stray cell at XFD1048576",
        rows(GOOD_ROWS, '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'),
        None,
    ),
    # -- size
    Case(
        "1,048,576 rows x 11 cells",
        rows(GOOD_ROWS, many(1_048_574, lambda n: ELEVEN)),
        "超过 200,000 行（第 200,001 行）",
    ),
    Case(
        "1,048,576 empty rows",
        rows(GOOD_ROWS, many(1_048_574, lambda n: "<row/>")),
        "超过 200,000 行",
    ),
    Case(
        "rows of 16,384 cells", rows(GOOD_ROWS, rows_from(3, 200, WIDE)), "单元格超过 3,200,000 个"
    ),
    Case(
        "9 million elements in one cell",
        rows(GOOD_ROWS, lambda: '<row r="3"><c><is>' + "<r/>" * 9_000_000 + "</is></c></row>"),
        "合计超过 8,000,000 个 XML 元素",
    ),
    Case("three sheets of 199,999 rows", _huge_sheets, "合计超过 400,000 行"),
    Case("styles with 2 million entries", _styles, "xl/styles.xml 部分过大"),
    Case("1 million shared strings", _strings_bomb, "文本过多"),
    Case(
        "a 50 MB attribute",
        head(lambda: '<sheetPr codeName="' + "a" * 50_000_000 + '"/>'),
        "超过 1 MB 的单个标签",
    ),
    Case(
        "a 50 MB comment", head(lambda: "<!--" + "<a>" * 16_000_000 + "-->"), "超过 1 MB 的单个标签"
    ),
    Case(
        "a 10 million character cell",
        rows(GOOD_ROWS, lambda: '<row r="3">' + text_cell("A3", "长" * 10_000_000) + "</row>"),
        "第 3 行 A 列有超过 32767 个字符的文本",
    ),
    Case(
        "a million nested elements",
        head(lambda: "<x>" * 1_000_000 + "</x>" * 1_000_000),
        "行以外的内容过多",
    ),
    Case("entity expansion in a sheet", _laughs, "不安全的 XML"),
    # -- cell values: refused with sheet, row and column
    Case("NaN in a number cell", rows(_order_cell("NaN")), ORDER + "“NaN”不是数字"),
    Case("1e999 (inf) in a number cell", rows(_order_cell("1e999")), ORDER + "数值过大（inf）"),
    Case("1e308 in a number cell", rows(_order_cell("1e308")), ORDER + "数值过大（1e+308）"),
    Case("a 5,000-digit number", rows(_order_cell("9" * 5000)), ORDER + "数值过大"),
    Case(
        "date cell 2026-13-45",
        lambda p: _person(p, '<c r="E2" t="d"><v>2026-13-45</v></c>'),
        BIRTH + "日期“2026-13-45”无效",
    ),
    Case(
        "date serial past year 9999",
        lambda p: _person(p, '<c r="E2" s="1"><v>1e10</v></c>', styles=True),
        BIRTH + "“10000000000”不是日期",
    ),
    Case(
        "control character reference",
        rows(HEAD_ROW + f'<row r="2">{text_cell("A2", "办&#1;公室")}</row>'),
        "工作表“科室” 第 2 行 A 列附近：含有 XML 不允许的控制字符",
    ),
    Case(
        "control character in a shared string",
        _raw_control_in_shared_string,
        "工作表“科室” 第 2 行 A 列：文本含有 XML 不允许的字符",
    ),
    Case(
        "shared string that does not exist",
        rows(HEAD_ROW + '<row r="2"><c r="A2" t="s"><v>99</v></c></row>'),
        "工作表“科室” 第 2 行 “科室名称”列：单元格内容已损坏",
    ),
    Case(
        "invalid cell position",
        rows(HEAD_ROW + '<row r="2"><c r="ZZZZ2"><v>1</v></c></row>'),
        "工作表“科室” 第 2 行的单元格位置“ZZZZ2”无效",
    ),
]
CASES_BY_NAME = {case.name: case for case in CASES}
