"""AnnualExport on a small bureau built through the real services
(tests/services/archive/annual_export_bureau.py): the workbook, the 登记表 and the 公示
read back, and the refusals that write nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from tests.factories import Clock, CopyMaster, sign_in
from tests.services.archive.annual_export_bureau import (
    ANNUAL_BUREAU,
    BASIC_REASON,
    NAMES,
    NOT_PARTICIPATING_REASON,
    NOTE,
    ids,
)

from kaohe_desktop.services.archive.annual_export import AnnualExport
from kaohe_desktop.services.archive.annual_export_content import posting_end
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.workspace import Workspace

BUREAU = "测试县市场监督管理局"
TODAY = datetime(2026, 12, 21, 9, 30)  # a Monday
FAIR = ("较好",) * 4
FEW_GOOD = "好次数不足一半（好 0 次，已评定 4 个季度）"
# Worked by hand from the bureau's table: the sheet's order is the department order
# (综合科, 市场科), then 编号.
EXPECTED = [
    ("A01", "张一", "综合科", "一级主任科员", ("好",) * 4, 4, "是", None, "优秀", "优秀", None),
    ("A02", "王二", "综合科", "二级主任科员", ("好", "好", "较好", "较好"), 2, "是", None, None,
     "称职", NOTE),
    ("A06", "孙六", "综合科", "二级科员", FAIR, 0, "否", NOT_PARTICIPATING_REASON, "不参加",
     "不参加", None),
    ("F01", "周七", "综合科", "一级科员", FAIR, 0, "否", FEW_GOOD, "基本称职", "基本称职",
     f"基本称职理由：{BASIC_REASON}"),
    ("A03", "李三", "市场科", "四级主任科员", ("好", "好", "一般", "好"), 3, "否", "三季度一般",
     None, "称职", None),
    ("A04", "赵四", "市场科", "一级科员", ("好",) * 4, 4, "否", "2026-05-10 警告", None, "称职",
     None),
    ("A05", "钱五", "市场科", "一级科员", FAIR, 0, "否", "2026-03-01 记过", None, "不定等次",
     None),
    *[(code, NAMES[code], "市场科", "=1+1" if code == "F05" else "一级科员", FAIR, 0, "否",
       FEW_GOOD, None, "称职", None)
      for code in ("F02", "F03", "F04", "F05")],
]  # fmt: skip


@pytest.fixture
def workspace(copy_master: CopyMaster) -> Iterator[Workspace]:
    opened = sign_in(copy_master(ANNUAL_BUREAU), daily_backup=False)
    yield opened
    opened.close()


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """Where the outputs go (the data file is in tmp_path)."""
    folder = tmp_path / "输出"
    folder.mkdir()
    return folder


def _export(workspace: Workspace) -> AnnualExport:
    return AnnualExport(workspace.guard, workspace._uow, clock=Clock(TODAY))


def _people_rows(path: Path) -> list[tuple[object, ...]]:
    ws = load_workbook(path)["年度考核"]
    return [r for r in ws.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)]


def _pdf_pages(path: Path) -> list[str]:
    return ["".join(page.extract_text().split()) for page in PdfReader(path).pages]


# --- the workbook --------------------------------------------------------------------------


def test_the_workbook_lists_everyone_once_as_computed(workspace: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "年度考核.xlsx"
    result = _export(workspace).write_workbook(2026, out)
    assert (result.path, result.rows) == (out, len(EXPECTED))
    rows = _people_rows(out)
    assert [r[0] for r in rows] == list(range(1, len(EXPECTED) + 1))
    got = [(*r[1:5], tuple(r[5:9]), *r[9:]) for r in rows]
    assert got == EXPECTED
    quota = load_workbook(out)["名额"]
    # 11 on the list, 钱五 不定等次, 孙六 不参加: 9 participants, ⌊9 × 20%⌋ = 1, 张一 recommended.
    assert [c.value for c in quota[4]] == [2026, 9, 1, 1, 0.2, 1, 1]
    assert quota["A6"].value == "剩余名额：0 人（优秀名额 − 已推荐）"


def test_a_year_with_an_open_quarter_is_a_draft_naming_it(
    workspace: Workspace, tmp_path: Path
) -> None:
    out = tmp_path / "年度考核.xlsx"
    result = _export(workspace).write_workbook(2026, out)
    assert (result.draft, result.open_quarters, result.closed) == (True, ("2026Q4",), False)
    assert result.state_words() == "草稿：2026Q4 未关闭；年度考核尚未关闭"
    ws = load_workbook(out)["年度考核"]
    assert ws["A1"].value == f"{BUREAU}2026年度公务员年度考核汇总表（草稿）"
    assert ws["A2"].value == (
        "共 11 人　　草稿：2026Q4 未关闭　　年度考核尚未关闭　　打印日期：2026年12月21日"
    )


def test_a_closed_year_prints_what_its_close_stored(workspace: Workspace, tmp_path: Path) -> None:
    workspace.periods.close("2026Q4")
    workspace.periods.close("2026")
    out = tmp_path / "年度考核.xlsx"
    result = _export(workspace).write_workbook(2026, out)
    assert (result.draft, result.open_quarters, result.closed) == (False, (), True)
    ws = load_workbook(out)["年度考核"]
    assert ws["A1"].value == f"{BUREAU}2026年度公务员年度考核汇总表"
    assert ws["A2"].value == "共 11 人　　打印日期：2026年12月21日"
    grades = {r[1]: r[13] for r in _people_rows(out)}
    assert grades == {row[0]: row[9] for row in EXPECTED}


# --- the 登记表 ---------------------------------------------------------------------------


def test_one_form_for_one_person_by_code(workspace: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "登记表.pdf"
    result = _export(workspace).write_forms(2026, out, code="A01")
    assert result.rows == 1
    (text,) = _pdf_pages(out)
    for expected in (
        "公务员年度考核登记表（2026年度）", f"单位：{BUREAU}", "姓名张一", "性别男",
        "出生年月1985年3月", "政治面貌中共党员", "2020年1月（按进入现科室时间）",
        f"{BUREAU}综合科一级主任科员", "考核等次建议：优秀", "未确定等次或不参加考核情况说明",
        "草稿：季度考核尚未全部关闭", "打印日期：2026年12月21日",
    ):  # fmt: skip
        assert expected in text, expected


def test_a_department_gets_a_page_each_with_the_reasons_filled_in(
    workspace: Workspace, tmp_path: Path
) -> None:
    out = tmp_path / "登记表.pdf"
    result = _export(workspace).write_forms(2026, out, department="市场科")
    pages = _pdf_pages(out)
    assert result.rows == len(pages) == 7
    names = ["李三", "赵四", "钱五", "吴八", "郑九", "冯十", "陈十一"]
    assert all(f"姓名{name}" in page for name, page in zip(names, pages, strict=True))
    qian = pages[2]
    assert "考核等次建议：不定等次" in qian
    assert "情况说明不定等次：2026-03-01记过" in qian


def test_everyone_by_default_and_by_person_id(workspace: Workspace, tmp_path: Path) -> None:
    export = _export(workspace)
    everyone = export.write_forms(2026, tmp_path / "全部.pdf")
    assert everyone.rows == len(_pdf_pages(tmp_path / "全部.pdf")) == 11
    sun = ids(workspace)["A06"]
    export.write_forms(2026, tmp_path / "孙六.pdf", person_id=sun)
    (text,) = _pdf_pages(tmp_path / "孙六.pdf")
    assert "考核等次建议：不参加" in text
    assert f"情况说明不参加：{NOT_PARTICIPATING_REASON}" in text


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"code": "Z99"}, "没有编号为“Z99”的人员"),
        ({"department": "不存在科"}, "2026年度考核名单中没有“不存在科”的人员"),
        ({"code": "A01", "department": "市场科"}, "二者只能选一"),
    ],
)
def test_a_bad_person_or_department_is_refused_and_nothing_written(
    workspace: Workspace, out_dir: Path, options: dict[str, str], message: str
) -> None:
    out = out_dir / "登记表.pdf"
    with pytest.raises(InputError, match=message):
        _export(workspace).write_forms(2026, out, **options)  # type: ignore[arg-type]
    assert list(out_dir.iterdir()) == []


# --- the 公示 ----------------------------------------------------------------------------


def test_the_posting_lists_exactly_the_recommended(workspace: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "公示.pdf"
    result = _export(workspace).write_excellent_list(2026, out, start=date(2026, 12, 18))
    assert result.rows == 1
    (text,) = _pdf_pages(out)
    assert f"{BUREAU}2026年度考核优秀等次拟推荐人选公示" in text
    assert "1张一综合科一级主任科员" in text
    assert not any(name in text for code, name in NAMES.items() if code != "A01")
    # Friday the 18th + 5 working days: 18, 21, 22, 23, 24.
    assert "公示期：2026年12月18日至2026年12月24日（5个工作日）" in text


def test_the_posting_starts_today_by_default(workspace: Workspace, tmp_path: Path) -> None:
    _export(workspace).write_excellent_list(2026, tmp_path / "公示.pdf", days=3)
    (text,) = _pdf_pages(tmp_path / "公示.pdf")
    assert "公示期：2026年12月21日至2026年12月23日（3个工作日）" in text


def test_no_recommendation_no_posting(workspace: Workspace, out_dir: Path) -> None:
    lease = workspace.annual.acquire_lease(2026)
    workspace.annual.withdraw(2026, ids(workspace)["A01"], [lease])
    workspace.leases.release(lease)
    with pytest.raises(InputError, match="2026年度还没有推荐优秀等次人选"):
        _export(workspace).write_excellent_list(2026, out_dir / "公示.pdf")
    assert list(out_dir.iterdir()) == []


def test_posting_days_out_of_range_are_refused(workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="公示期应为 1–30 个工作日，而不是 0"):
        _export(workspace).write_excellent_list(2026, tmp_path / "公示.pdf", days=0)


def test_posting_end_counts_monday_to_friday() -> None:
    assert posting_end(date(2026, 12, 21), 5) == date(2026, 12, 25)
    assert posting_end(date(2026, 12, 19), 1) == date(2026, 12, 21)  # a Saturday start
    assert posting_end(date(2026, 12, 24), 5) == date(2026, 12, 30)


# --- refusals before anything is read ------------------------------------------------------


def test_a_year_without_data_is_refused(workspace: Workspace, out_dir: Path) -> None:
    export = _export(workspace)
    with pytest.raises(InputError, match="2025年度既没有平时考核等次，也没有年度考核记录"):
        export.write_workbook(2025, out_dir / "年度.xlsx")
    with pytest.raises(InputError, match="年度 1999 超出范围"):
        export.write_forms(1999, out_dir / "登记表.pdf")
    assert list(out_dir.iterdir()) == []


def test_the_target_is_checked_before_the_year(workspace: Workspace, tmp_path: Path) -> None:
    export = _export(workspace)
    missing = tmp_path / "没有" / "年度.xlsx"
    for write in (export.write_workbook, export.write_forms, export.write_excellent_list):
        with pytest.raises(InputError, match="不存在，未写入任何文件"):
            write(1999, missing)
    with pytest.raises(InputError, match="是一个文件夹"):
        export.write_workbook(2026, tmp_path)
