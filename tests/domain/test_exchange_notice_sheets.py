"""The 督办单 and 整改 sheets on hand-built raw rows: what a cell may say, and that a
book's notices read back as written (no openpyxl: tests/domain stays pure)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from tests.domain.test_exchange_parse import one_sheet, raw_of

from kaohe_desktop.domain.enums import CheckStatus, NoticeColor
from kaohe_desktop.domain.exchange_parse import parse_book
from kaohe_desktop.domain.records import (
    CellError,
    CheckRecord,
    ExchangeBook,
    NoticeRecord,
    RectificationRecord,
)

NOTICE = {
    "编号": "督办〔2026〕第3号",
    "颜色": "红",
    "科室": "执法一队",
    "问题": "抽检未完成",
    "整改时限": date(2026, 7, 31),
    "下达日期": date(2026, 7, 10),
}


def test_a_book_of_notices_reads_back_as_written() -> None:
    book = ExchangeBook(
        checks=[CheckRecord(2026, 1, "办公室", "2026Q2", CheckStatus.DONE)],
        notices=[
            NoticeRecord("督办〔2026〕第3号", NoticeColor.RED, "执法一队", "抽检未完成",
                         date(2026, 7, 31), date(2026, 7, 10), 2026, (3, 7), "2026Q2",
                         Decimal("2.5"), True),
            NoticeRecord("督办〔2026〕第4号", NoticeColor.BLUE, "办公室", "提醒",
                         date(2026, 8, 31), date(2026, 8, 1), 2026, (12,), "2026-07",
                         None, False),
            NoticeRecord("督办〔2026〕第5号", NoticeColor.YELLOW, "办公室", "直接下达",
                         date(2026, 8, 31), date(2026, 8, 1)),
        ],
        rectifications=[
            RectificationRecord("督办〔2026〕第3号", "完成", "补检", date(2026, 7, 30), "加派",
                                "已完成", "李四", date(2026, 8, 2)),
            RectificationRecord("督办〔2026〕第4号", target="按时完成"),
        ],
    )  # fmt: skip
    parsed, errors = parse_book(raw_of(book))
    assert errors == [] and parsed == book


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("督办[2026]第3号", "督办〔2026〕第3号"),
        ("督办【2026】第 3 号", "督办〔2026〕第3号"),
        ("督办（2026）第12号", "督办〔2026〕第12号"),
    ],
)
def test_brackets_of_the_number_are_folded(typed: str, number: str) -> None:
    book, errors = one_sheet("督办单", {**NOTICE, "编号": typed})
    assert errors == [] and book.notices[0].number == number


@pytest.mark.parametrize(
    ("typed", "seqs"),
    [(3, (3,)), (3.0, (3,)), ("3、7", (3, 7)), ("3,7，7", (3, 7)), ("１２ ；4", (12, 4))],
)
def test_one_or_several_task_seqs(typed: object, seqs: tuple[int, ...]) -> None:
    book, errors = one_sheet("督办单", {**NOTICE, "年度": 2026, "序号": typed})
    assert errors == [] and book.notices[0].task_seqs == seqs


@pytest.mark.parametrize(
    ("cells", "column"),
    [
        ({"颜色": "紫"}, "颜色"),
        ({"编号": "督办〔2026〕3号"}, "编号"),
        ({"编号": "督办〔2026〕第0号"}, "编号"),
        ({"年度": 2026, "序号": "3、x"}, "序号"),
        ({"年度": 2026}, "序号"),
        ({"序号": 3}, "年度"),
        ({"扣分": -1}, "扣分"),
        ({"扣分": 100.5}, "扣分"),
        ({"扣分": 1.255}, "扣分"),
        ({"状态": "已完成"}, "状态"),
        ({"整改时限": date(2026, 7, 1)}, "整改时限"),
        ({"下达日期": date(2025, 12, 30), "整改时限": date(2026, 1, 9)}, "下达日期"),
    ],
)
def test_a_wrong_cell_is_named(cells: dict[str, object], column: str) -> None:
    book, errors = one_sheet("督办单", {**NOTICE, **cells})
    assert book.notices == []
    assert [(e.sheet, e.row, e.column) for e in errors] == [("督办单", 2, column)]


def test_states_and_a_deduction_of_zero() -> None:
    book, errors = one_sheet(
        "督办单", {**NOTICE, "状态": "已办结"}, {**NOTICE, "编号": "督办〔2026〕第4号", "扣分": 0}
    )
    assert errors == []
    assert [(n.closed, n.deduction) for n in book.notices] == [(True, None), (None, Decimal(0))]


def test_verification_needs_both_who_and_when() -> None:
    row = {"督办单编号": "督办〔2026〕第3号", "核实人": "李四"}
    _book, errors = one_sheet("整改", row)
    assert errors == [CellError("整改", 2, "核实日期", "填写了核实人，还应填写核实日期")]
    _book, errors = one_sheet(
        "整改", {"督办单编号": "督办〔2026〕第3号", "核实日期": date(2026, 8, 2)}
    )
    assert errors == [CellError("整改", 2, "核实人", "填写了核实日期，还应填写核实人")]


def test_the_attachment_column_is_ignored_on_import() -> None:
    check = {"年度": 2026, "序号": 1, "责任科室": "办公室", "期间": "2026Q2", "完成情况": "已完成"}
    book, errors = one_sheet("查账", {**check, "佐证附件": '=HYPERLINK("x")、' + "长" * 5000})
    assert errors == [] and book.checks[0].attachments == ()
