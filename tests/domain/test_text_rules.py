"""Text in the exchange workbook: limits, formulas in identifiers, 编号 and names folded."""

from __future__ import annotations

import pytest
from tests.domain.test_exchange_parse import ASSESSMENT, COMMENT, PERSON, TASK, one_sheet

from kaohe_desktop.domain.exchange_fields import ONLY_SPACES
from kaohe_desktop.domain.exchange_parse import parse_book
from kaohe_desktop.domain.exchange_raw import RawRow, RawSheet, RawWorkbook
from kaohe_desktop.domain.exchange_schema import SHEETS_BY_NAME
from kaohe_desktop.domain.exchange_sheets import CODECS
from kaohe_desktop.domain.records import CellError
from kaohe_desktop.domain.text_rules import (
    PERSON_NAME,
    CodeCase,
    clean_name,
    name_key,
    normalize_code,
)

HUGE = "张" * 100_000
FORMULAS = ['="FQ"&TEXT(ROW()-1,"0000")', "=cmd|' /C calc'!A0"]


def test_a_100000_character_name_is_refused_where_it_is():
    book, errors = one_sheet("人员", {**PERSON, "姓名": HUGE})
    assert book.people == []
    assert errors == [CellError("人员", 2, "姓名", "最多 40 个字，现在是 100000 个")]


def test_every_text_column_has_a_limit():
    """A 100,000-character value in any column that takes text is an error at that
    cell: nothing the import takes can be too long to export or print."""
    for codec in CODECS:
        spec = SHEETS_BY_NAME[codec.name]
        for column, field in codec.fields.items():
            if field.kind != "text":
                continue
            row = {name: "x" for name in spec.headers}
            row[column] = "x" * 100_000
            sheet = RawSheet(spec.name, 1, tuple(spec.headers), (RawRow(2, row),))
            _book, errors = parse_book(RawWorkbook({spec.name: sheet}))
            assert (spec.name, 2, column) in {(e.sheet, e.row, e.column) for e in errors}, (
                spec.name,
                column,
            )


def test_a_text_at_its_limit_is_taken():
    book, errors = one_sheet("人员", {**PERSON, "姓名": "张" * PERSON_NAME.limit})
    assert errors == [] and book.people[0].name == "张" * PERSON_NAME.limit


@pytest.mark.parametrize("formula", FORMULAS)
@pytest.mark.parametrize(
    ("sheet", "row", "column"),
    [
        ("人员", PERSON, "编号"),
        ("人员", PERSON, "姓名"),
        ("人员", PERSON, "科室"),
        ("人员", PERSON, "人员类别"),
        ("台账", TASK, "牵头科室"),
        ("平时考核", ASSESSMENT, "编号"),
    ],
)
def test_formulas_are_refused_in_identifiers_and_names(formula, sheet, row, column):
    _book, errors = one_sheet(sheet, {**row, column: formula})
    assert [(e.sheet, e.row, e.column) for e in errors] == [(sheet, 2, column)]
    assert errors[0].reason.startswith("不能是公式")


@pytest.mark.parametrize("formula", FORMULAS)
def test_formulas_in_free_text_stay_text(formula):
    book, errors = one_sheet("点评", {**COMMENT, "内容": formula})
    assert errors == [] and book.comments[0].text == formula
    book, errors = one_sheet("台账", {**TASK, "目标要求": formula})
    assert errors == [] and book.tasks[0].target == formula


def test_codes_are_folded_before_they_are_compared():
    rows = [
        {**PERSON, "编号": "xj0001"},
        {**PERSON, "编号": "ＸＪ０００３"},
        {**PERSON, "编号": "XJ0005\u200b"},
        {**PERSON, "编号": " \u3000xj0007 "},
    ]
    book, errors = one_sheet("人员", *rows)
    assert errors == []
    assert [p.code for p in book.people] == ["XJ0001", "XJ0003", "XJ0005", "XJ0007"]


def test_the_bureau_may_choose_lower_case():
    row = RawRow(2, {**PERSON, "编号": "ＸＪ０００３"})
    raw = RawWorkbook({"人员": RawSheet("人员", 1, tuple(SHEETS_BY_NAME["人员"].headers), (row,))})
    book, errors = parse_book(raw, CodeCase.LOWER)
    assert errors == [] and book.people[0].code == "xj0003"


def test_codes_equal_after_folding_are_duplicates():
    _book, errors = one_sheet(
        "人员", {**PERSON, "编号": "xj0001"}, {**PERSON, "编号": "XJ0001\u200b"}
    )
    assert [(e.row, e.column) for e in errors] == [(3, "编号")]
    assert "编号=XJ0001" in errors[0].reason


def test_names_are_folded():
    book, errors = one_sheet(
        "人员",
        {**PERSON, "科室": "执法 一队"},
        {**PERSON, "编号": "2", "科室": "执法１队\u200b", "人员类别": "一般 公务员"},
    )
    assert errors == []
    assert [p.department for p in book.people] == ["执法一队", "执法１队"]
    assert book.people[1].category == "一般公务员"
    book, errors = one_sheet("台账", {**TASK, "责任科室": "办公室、办公室\u200b,执法１队"})
    assert errors == [] and book.tasks[0].responsible_departments == ("办公室", "执法１队")


def test_only_invisible_characters_is_no_value():
    _book, errors = one_sheet("人员", {**PERSON, "编号": "\u200b\u200b"})
    assert [(e.column, e.reason) for e in errors] == [("编号", ONLY_SPACES)]


def test_normalisers():
    assert normalize_code("ｘｊ０００１\ufeff", CodeCase.UPPER) == "XJ0001"
    assert normalize_code("XJ0001", CodeCase.LOWER) == "xj0001"
    assert clean_name(" 城关 所（一）\u200b") == "城关所（一）"
    assert name_key(" 城关 所（一）\u200b") == "城关所(一)" == name_key("城关所(一)")
