"""Numbers no clerk typed: inf, 1e308, 400-digit integers. They are refused as 数值过大,
located like any bad cell, and never printed as hundreds of digits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kaohe_desktop.domain.exchange_cells import (
    CellValueError,
    to_date,
    to_decimal,
    to_int,
    to_text,
)
from kaohe_desktop.domain.exchange_parse import parse_book
from kaohe_desktop.domain.exchange_raw import RawRow, RawSheet, RawWorkbook
from kaohe_desktop.domain.exchange_schema import SHEETS_BY_NAME

HUGE = [1e308, float("inf"), float("-inf"), 10**400, -(10**400), "1" * 400, 1e16]
IDS = ["1e308", "inf", "-inf", "10**400", "-10**400", "400 ones", "1e16"]


def reason(convert, value) -> str:
    with pytest.raises(CellValueError) as caught:
        convert(value)
    return caught.value.reason


@pytest.mark.parametrize("value", HUGE, ids=IDS)
def test_a_huge_number_is_too_large_in_a_short_message(value):
    for convert in (
        lambda v: to_decimal(v, Decimal(-1000), Decimal(1000), 2),
        lambda v: to_int(v, 1, 99999),
    ):
        text = reason(convert, value)
        assert text.startswith("数值过大"), text
        assert len(text) < 40, text


@pytest.mark.parametrize("value", [1e308, float("inf"), 10**400], ids=["1e308", "inf", "10**400"])
def test_a_huge_number_in_a_date_column_is_too_large_not_a_long_date(value):
    text = reason(to_date, value)
    assert text.startswith("数值过大") and "不是日期" in text
    assert len(text) < 60, text


def test_nan_is_still_an_invalid_number():
    assert reason(lambda v: to_int(v, 1, 9), float("nan")) == "数值无效"


def test_ordinary_numbers_are_unchanged():
    assert to_decimal(99999999.5, Decimal(0), Decimal(10**9), 1) == Decimal("99999999.5")
    assert to_int("2026", 2000, 2100) == 2026
    assert to_date(20260512) == date(2026, 5, 12)
    assert reason(lambda v: to_int(v, 0, 100), 101) == "101 超出范围，应在 0–100 之间"


def test_a_huge_float_reads_as_short_text():
    assert to_text(1e308) == "1e+308"
    assert to_text(1001.0) == "1001"  # a code typed into a number cell keeps its digits


def test_the_error_names_sheet_row_and_column():
    spec = SHEETS_BY_NAME["平时考核"]
    row = {"期间": "2026Q2", "编号": "0012", "实绩分": 1e308, "领导测评分": float("inf")}
    sheet = RawSheet(spec.name, 1, tuple(spec.headers), (RawRow(7, row),))
    errors = parse_book(RawWorkbook({spec.name: sheet}))[1]
    assert [(e.sheet, e.row, e.column) for e in errors] == [
        ("平时考核", 7, "实绩分"),
        ("平时考核", 7, "领导测评分"),
    ]
    assert all(e.reason.startswith("数值过大") for e in errors)
