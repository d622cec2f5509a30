"""parse_book on hand-built raw rows: conversions, checks and error locations.

No openpyxl here (tests/domain stays pure): raw sheets are built directly.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from kaohe_desktop.domain.enums import (
    AdjustmentCategory,
    CheckLevel,
    CheckStatus,
    CommendationLevel,
    CommendationType,
    CommentKind,
    DepartmentKind,
    DisciplineType,
    Gender,
    NoGradeReason,
    PersonStatus,
    PoliticalStatus,
    QuarterGrade,
    TalkKind,
    TaskCategory,
)
from kaohe_desktop.domain.exchange_cells import FORMULA_AS_DATE, FORMULA_AS_NUMBER
from kaohe_desktop.domain.exchange_parse import REQUIRED_EMPTY, book_rows, parse_book
from kaohe_desktop.domain.exchange_raw import RawRow, RawSheet, RawWorkbook
from kaohe_desktop.domain.exchange_schema import SHEETS, SHEETS_BY_NAME
from kaohe_desktop.domain.exchange_sheets import CODECS
from kaohe_desktop.domain.records import (
    AdjustmentRecord,
    AssessmentRecord,
    CellError,
    CheckRecord,
    CommentRecord,
    DepartmentRecord,
    ExchangeBook,
    PersonRecord,
    RewardRecord,
    TalkRecord,
    TaskRecord,
)


# fmt: off
def full_book() -> ExchangeBook:
    return ExchangeBook(
        departments=[
            DepartmentRecord("办公室", "综合科室", DepartmentKind.OFFICE, 1),
            DepartmentRecord("执法一队", "业务科室", DepartmentKind.TEAM, 2),
            DepartmentRecord("城关所"),
        ],
        people=[
            PersonRecord("0012", "张三", "办公室", "一般公务员", Gender.MALE, date(1985, 3, 12),
                         PoliticalStatus.CPC_MEMBER, "一级科员", True, date(2008, 7, 1)),
            PersonRecord("0013", "李四", "执法一队", "机关正科级", status=PersonStatus.PROBATION),
        ],
        tasks=[
            TaskRecord(2026, 1, "食品安全抽检", TaskCategory.ROUTINE, "执法一队",
                       ("执法一队", "办公室"), "5-6月", Decimal("20"), "完成 300 批次",
                       "县政府工作报告", "重点关注校园周边"),
            TaskRecord(2026, 2, "信息公开", TaskCategory.KEY, "办公室", ("办公室",), "每月",
                       Decimal("7.5")),
        ],
        checks=[
            CheckRecord(2026, 1, "执法一队", "2026Q2", CheckStatus.DONE, "完成 310 批次",
                        "抽检报告", CheckLevel.SUPERVISION, "王五", date(2026, 7, 3)),
            CheckRecord(2026, 2, "办公室", "2026-05", CheckStatus.LATE),
        ],
        adjustments=[
            AdjustmentRecord("2026H1", "办公室", AdjustmentCategory.ATTENDANCE, Decimal("-2"),
                             "迟到 2 次", None, "人事〔2026〕3号", date(2026, 4, 1)),
            AdjustmentRecord("2026H1", "执法一队", AdjustmentCategory.BONUS, Decimal("15"),
                             "市级表彰", CommendationLevel.CITY, "市政〔2026〕8号"),
            AdjustmentRecord("2026H1", "执法一队", AdjustmentCategory.VETO, Decimal("0"),
                             "发生重大安全事故"),
        ],
        assessments=[
            AssessmentRecord("2026Q2", "0012", Decimal("86.5"), Decimal("90"), Decimal("2")),
            AssessmentRecord("2026Q2", "0013", Decimal("55"), Decimal("60.5"), None,
                             QuarterGrade.POOR, "多次迟到"),
            AssessmentRecord("2026Q1", "0013", Decimal("0"), Decimal("100"),
                             no_grade_reason=NoGradeReason.PROBATION),
        ],
        comments=[
            CommentRecord("0012", date(2026, 5, 8), CommentKind.PRAISE, Decimal("2"), "来信表扬"),
            CommentRecord("0013", date(2026, 5, 22), CommentKind.CRITICISM, Decimal("-2"), "迟到"),
        ],
        rewards=[
            RewardRecord("0012", date(2026, 1, 20), CommendationType.COMMENDATION, "年度嘉奖",
                         "县人社〔2026〕1号"),
            RewardRecord("0013", date(2026, 3, 1), DisciplineType.WARNING, "违反工作纪律",
                         "纪〔2026〕2号", date(2026, 8, 31)),
        ],
        talks=[
            TalkRecord("0012", date(2026, 2, 1), "局长", TalkKind.KEY_POST, "廉政提醒"),
            TalkRecord("0013", date(2026, 2, 2), "副局长"),
        ],
    )


# fmt: on


def raw_of(book: ExchangeBook) -> RawWorkbook:
    """What a reader would build from a file the writer made of `book`."""
    sheets = {}
    for spec, _count, rows in book_rows(book):
        raw_rows = tuple(RawRow(number, row) for number, row in enumerate(rows, start=2))
        sheets[spec.name] = RawSheet(spec.name, 1, tuple(spec.headers), raw_rows)
    return RawWorkbook(sheets)


def one_sheet(name: str, *rows: dict[str, object], columns: tuple[str, ...] | None = None):
    """Parse one sheet whose rows start at Excel row 2 (a header in row 1)."""
    spec = SHEETS_BY_NAME[name]
    raw_rows = tuple(RawRow(number, row) for number, row in enumerate(rows, start=2))
    sheet = RawSheet(name, 1, columns or tuple(spec.headers), raw_rows)
    return parse_book(RawWorkbook({name: sheet}))


PERSON = {"编号": "0012", "姓名": "张三", "科室": "办公室", "人员类别": "一般公务员"}
TASK = {
    "年度": 2026,
    "序号": 1,
    "工作任务": "抽检",
    "类别": "常规工作",
    "牵头科室": "办公室",
    "责任科室": "办公室",
    "完成时限": "6月",
    "分值": 10,
}
CHECK = {"年度": 2026, "序号": 1, "责任科室": "办公室", "期间": "2026Q2", "完成情况": "已完成"}
ADJUSTMENT = {"期间": "2026H1", "科室": "办公室", "类别": "考勤", "分值": -2, "事由": "迟到"}
ASSESSMENT = {"期间": "2026Q2", "编号": "0012", "实绩分": 86.5, "领导测评分": 90}
COMMENT = {"编号": "0012", "日期": "2026-05-08", "类型": "表扬", "分值": 2, "内容": "好"}
REWARD = {"编号": "0012", "日期": "2026-01-20", "类型": "嘉奖"}


def single_error(name: str, row: dict[str, object]) -> CellError:
    book, errors = one_sheet(name, row)
    assert len(errors) == 1, errors
    assert getattr(book, _attr(name)) == []
    return errors[0]


def _attr(name: str) -> str:
    return next(codec.attr for codec in CODECS if codec.name == name)


def test_codecs_cover_exactly_the_schema_columns():
    assert [codec.spec for codec in CODECS] == list(SHEETS)
    for codec in CODECS:
        assert list(codec.fields) == codec.spec.headers


def test_round_trip_through_raw_rows():
    book = full_book()
    parsed, errors = parse_book(raw_of(book))
    assert errors == []
    assert parsed == book


def test_defaults_of_blank_optional_cells():
    book, errors = one_sheet("人员", {**PERSON, "状态": "  ", "关键岗位": None})
    assert errors == []
    assert book.people == [PersonRecord("0012", "张三", "办公室", "一般公务员")]
    book, errors = one_sheet("查账", CHECK)
    assert errors == [] and book.checks[0].level is CheckLevel.LEAD


def test_optional_column_left_out_of_the_sheet_takes_its_default():
    columns = ("编号", "姓名", "科室", "人员类别")
    book, errors = one_sheet("人员", PERSON, columns=columns)
    assert errors == []
    assert book.people[0].status is PersonStatus.ACTIVE


def test_required_cell_empty_or_whitespace():
    for blank in (None, "", "   ", "\u3000"):
        error = single_error("人员", {**PERSON, "姓名": blank})
        assert error == CellError("人员", 2, "姓名", REQUIRED_EMPTY)


def test_missing_required_column_reported_once_at_the_header():
    columns = ("编号", "科室", "人员类别")
    book, errors = one_sheet("人员", PERSON, {**PERSON, "编号": "0013"}, columns=columns)
    assert errors == [CellError("人员", 1, "姓名", "缺少必填列“姓名”")]
    assert book.people == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (86.5, Decimal("86.5")),
        ("86.5", Decimal("86.5")),
        (" 86.50 ", Decimal("86.5")),
        ("８６．５", Decimal("86.5")),  # typed with a full-width IME
        (86, Decimal("86")),
        (0, Decimal("0")),
        (100.0, Decimal("100")),
    ],
)
def test_score_conversion(value, expected):
    book, errors = one_sheet("平时考核", {**ASSESSMENT, "实绩分": value})
    assert errors == []
    assert book.assessments[0].performance == expected
    assert str(book.assessments[0].performance) == str(expected)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("八十", "“八十”不是数字，请填写阿拉伯数字，如 86.5"),
        ("86.5分", "“86.5分”不是数字，请填写阿拉伯数字，如 86.5"),
        (100.5, "100.5 超出范围，应在 0–100 之间"),
        (-1, "-1 超出范围，应在 0–100 之间"),
        (86.55, "86.55 的小数位数过多，最多 1 位小数"),
        (86.49999999999, "86.49999999999 的小数位数过多，最多 1 位小数"),
        ("=SUM(B2:C2)", FORMULA_AS_NUMBER),
        (True, "应填写数值，而不是逻辑值"),
        (datetime(2026, 5, 1), "应填写数值，而不是日期或时间"),
        (float("nan"), "数值无效"),
    ],
)
def test_bad_scores(value, reason):
    error = single_error("平时考核", {**ASSESSMENT, "实绩分": value})
    assert error == CellError("平时考核", 2, "实绩分", reason)


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("年度", 2026.5, "应为整数，而不是 2026.5"),
        ("年度", 1999, "1999 超出范围，应在 2000–2100 之间"),
        ("年度", "二〇二六", "“二〇二六”不是数字，请填写阿拉伯数字，如 86.5"),
        ("序号", 0, "0 超出范围，应在 1–99999 之间"),
        ("分值", 0, "台账任务的分值应大于 0"),
        ("分值", 2.555, "2.555 的小数位数过多，最多 2 位小数"),
    ],
)
def test_bad_task_numbers(column, value, reason):
    assert single_error("台账", {**TASK, column: value}) == CellError("台账", 2, column, reason)


def test_whole_float_and_text_integers():
    book, errors = one_sheet("台账", {**TASK, "年度": 2026.0, "序号": " 3 "})
    assert errors == []
    assert (book.tasks[0].year, book.tasks[0].seq) == (2026, 3)


@pytest.mark.parametrize(
    "value",
    [
        date(2026, 5, 12),
        datetime(2026, 5, 12, 0, 0),
        "2026-05-12",
        "2026/5/12",
        "2026.5.12",
        "2026年5月12日",
        " 2026 年 5 月 12 日 ",
        "20260512",
        20260512,
        "2026-05-12 00:00:00",
    ],
)
def test_date_forms(value):
    book, errors = one_sheet("奖惩", {**REWARD, "日期": value})
    assert errors == []
    assert book.rewards[0].date == date(2026, 5, 12)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2026-13-01", "日期“2026-13-01”无效：月份 13 不在 1–12 之间"),
        ("2026-02-30", "日期“2026-02-30”无效：2026年2月没有 30 日"),
        ("1850-01-01", "日期“1850-01-01”的年份超出范围（1900–2100）"),
        ("5月12日", "“5月12日”不是日期，应写作 2026-05-12、2026/5/12 或 2026年5月12日"),
        (45789, "“45789”不是日期，应写作 2026-05-12、2026/5/12 或 2026年5月12日"),
        ("=TODAY()", FORMULA_AS_DATE),
    ],
)
def test_bad_dates(value, reason):
    error = single_error("奖惩", {**REWARD, "日期": value})
    assert error == CellError("奖惩", 2, "日期", reason)


def test_enumerations_by_label_or_code():
    row = {**PERSON, "性别": "female", "政治面貌": "中共 党员", "状态": "借调"}
    book, errors = one_sheet("人员", row)
    assert errors == []
    person = book.people[0]
    assert (person.gender, person.political_status) == (Gender.FEMALE, PoliticalStatus.CPC_MEMBER)
    assert person.status is PersonStatus.SECONDED


def test_bad_enumeration_lists_the_allowed_values():
    error = single_error("人员", {**PERSON, "性别": "未知"})
    assert error == CellError("人员", 2, "性别", "“未知”不是可选值，可选：男、女")


def test_yes_no():
    book, _ = one_sheet(
        "人员", {**PERSON, "关键岗位": "是"}, {**PERSON, "编号": "2", "关键岗位": "否"}
    )
    assert [p.key_post for p in book.people] == [True, False]
    error = single_error("人员", {**PERSON, "关键岗位": "Y"})
    assert error == CellError("人员", 2, "关键岗位", "“Y”无效，应填写“是”或“否”")


def test_reward_type_is_a_commendation_or_a_discipline():
    book, errors = one_sheet("奖惩", {**REWARD, "类型": "记过"}, {**REWARD, "类型": "通报表扬"})
    assert errors == []
    assert [r.type for r in book.rewards] == [
        DisciplineType.DEMERIT,
        CommendationType.NOTICE_PRAISE,
    ]
    error = single_error("奖惩", {**REWARD, "类型": "开除"})
    assert error.column == "类型" and error.reason.startswith("“开除”不是可选值，可选：嘉奖、")
    assert "调整职务" in error.reason


def test_impact_period_before_the_date():
    error = single_error("奖惩", {**REWARD, "影响期限": "2025-12-31"})
    assert error == CellError("奖惩", 2, "影响期限", "影响期限早于奖惩日期")


def test_periods_are_normalised():
    book, errors = one_sheet(
        "查账",
        {**CHECK, "期间": " 2026q2 "},
        {**CHECK, "期间": "2026-5", "序号": 2},
        {**CHECK, "期间": datetime(2026, 6, 1), "序号": 3},  # Excel made "2026-06" a date
    )
    assert errors == []
    assert [c.period for c in book.checks] == ["2026Q2", "2026-05", "2026-06"]


@pytest.mark.parametrize(
    ("sheet", "row", "reason"),
    [
        (
            "平时考核",
            {**ASSESSMENT, "期间": "2026H1"},
            "“2026H1”不是季度期间，应写作 2026Q1–2026Q4",
        ),
        (
            "平时考核",
            {**ASSESSMENT, "期间": "2026Q5"},
            "“2026Q5”不是季度期间，应写作 2026Q1–2026Q4",  # not the kinds it refuses
        ),
        (
            "加减分",
            {**ADJUSTMENT, "期间": "2026Q1"},
            "“2026Q1”不是半年期间，应写作 2026H1 或 2026H2",
        ),
        (
            "查账",
            {**CHECK, "期间": "2026H1"},
            "查账期间“2026H1”应为季度（2026Q2）或月份（2026-05）",
        ),
        ("查账", {**CHECK, "期间": "2027Q1"}, "期间 2027Q1 不在任务年度 2026 内"),
    ],
)
def test_bad_periods(sheet, row, reason):
    assert single_error(sheet, row) == CellError(sheet, 2, "期间", reason)


def test_deadline_is_checked_against_the_year_and_kept_as_written():
    book, errors = one_sheet("台账", {**TASK, "完成时限": " 5－6月 "})  # full-width hyphen
    assert errors == []
    assert book.tasks[0].deadline == "5-6月"
    error = single_error("台账", {**TASK, "完成时限": "2025-06-30"})
    assert error == CellError("台账", 2, "完成时限", "完成时限“2025-06-30”不在任务年度 2026 内")
    error = single_error("台账", {**TASK, "完成时限": "明天"})
    assert error.column == "完成时限" and error.reason.startswith("无法识别完成时限“明天”，可写作")


def test_deadline_given_as_a_date_cell():
    book, errors = one_sheet("台账", {**TASK, "完成时限": datetime(2026, 6, 30)})
    assert errors == [] and book.tasks[0].deadline == "2026-06-30"


def test_responsible_departments_split_deduplicated_in_order():
    text = "办公室、法规科,执法一队，办公室 ；稽查局;法规科\n城关所"
    book, errors = one_sheet("台账", {**TASK, "责任科室": text})
    assert errors == []
    assert book.tasks[0].responsible_departments == (
        "办公室",
        "法规科",
        "执法一队",
        "稽查局",
        "城关所",
    )
    error = single_error("台账", {**TASK, "责任科室": "、，"})
    assert error == CellError("台账", 2, "责任科室", "未填写科室名称，多个科室用、或 , 分隔")


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        ({"类别": "考勤", "分值": 2}, "分值", "考勤是扣分项，分值应为负数"),
        ({"类别": "业务工作", "分值": 0}, "分值", "业务工作是扣分项，分值应为负数"),
        ({"类别": "表彰加分", "分值": -5, "级别": "省级"}, "分值", "表彰加分的分值应为正数"),
        ({"类别": "表彰加分", "分值": 5}, "级别", "表彰加分必须填写级别"),
        ({"类别": "一票否决", "分值": -1}, "分值", "一票否决不计分，分值应为 0"),
        ({"类别": "党风廉政", "分值": -1, "级别": "省级"}, "级别", "只有表彰加分填写级别"),
    ],
)
def test_adjustment_rules(row, column, reason):
    assert single_error("加减分", {**ADJUSTMENT, **row}) == CellError("加减分", 2, column, reason)


def test_assessment_override_rules():
    # 好 and 较好 are what the export writes for a grade set by hand: the cell takes
    # them, and the import checks the quota and the tie against the file.
    for label, grade in (("好", QuarterGrade.GOOD), ("较好", QuarterGrade.FAIRLY_GOOD)):
        book, errors = one_sheet("平时考核", {**ASSESSMENT, "等次调整": label, "调整理由": "评议"})
        assert errors == [] and book.assessments[0].override is grade
    error = single_error("平时考核", {**ASSESSMENT, "等次调整": "较差"})
    assert error == CellError("平时考核", 2, "调整理由", "人工调整等次时必须填写调整理由")
    row = {**ASSESSMENT, "等次调整": "较差", "调整理由": "旷工", "不定等次原因": "立案调查"}
    error = single_error("平时考核", row)
    assert error.column == "等次调整" and "不定等次" in error.reason


def test_comment_sign_follows_its_kind():
    error = single_error("点评", {**COMMENT, "类型": "批评", "分值": 2})
    assert error == CellError("点评", 2, "分值", "批评的分值应为负数")
    error = single_error("点评", {**COMMENT, "分值": -2})
    assert error == CellError("点评", 2, "分值", "表扬的分值应为正数")


def test_duplicate_key_names_both_rows():
    book, errors = one_sheet(
        "人员",
        PERSON,
        {**PERSON, "编号": "0099"},
        {**PERSON, "姓名": "张三丰"},
        {**PERSON, "编号": 99},
    )
    assert [(e.row, e.column) for e in errors] == [(4, "编号")]
    assert errors[0].reason.startswith("与第 2 行重复（编号=0012）")
    assert errors[0].sheet == "人员"
    assert len(book.people) == 3  # 0012, 0099 and 99 (a number becomes the text "99")


def test_duplicate_key_uses_converted_values():
    # a blank 核查层级 is 一级, and 2026q2 is 2026Q2: these two rows are the same check
    _, errors = one_sheet("查账", CHECK, {**CHECK, "期间": "2026q2", "核查层级": "一级"})
    assert [(e.sheet, e.row, e.column) for e in errors] == [
        ("查账", 3, "年度、序号、责任科室、期间、核查层级")
    ]
    assert "与第 2 行重复" in errors[0].reason


def test_every_error_reported_in_sheet_then_row_order():
    raw = RawWorkbook(
        {
            "平时考核": RawSheet(
                "平时考核",
                1,
                tuple(SHEETS_BY_NAME["平时考核"].headers),
                (RawRow(7, {**ASSESSMENT, "实绩分": "x", "领导测评分": 101}),),
            ),
            "人员": RawSheet(
                "人员",
                3,
                tuple(SHEETS_BY_NAME["人员"].headers),
                (
                    RawRow(9, {**PERSON, "性别": "?"}),
                    RawRow(4, {**PERSON, "编号": "1", "姓名": None, "出生日期": "昨天"}),
                ),
            ),
        },
        errors=[CellError("人员", 4, "科室", "单元格是错误值 #N/A，请填写实际内容")],
    )
    _, errors = parse_book(raw)
    assert [(e.sheet, e.row, e.column) for e in errors] == [
        ("人员", 4, "姓名"),
        ("人员", 4, "出生日期"),
        ("人员", 4, "科室"),
        ("人员", 9, "性别"),
        ("平时考核", 7, "实绩分"),
        ("平时考核", 7, "领导测评分"),
    ]


def test_a_cell_the_reader_reported_is_not_reported_again():
    sheet = RawSheet(
        "人员", 1, tuple(SHEETS_BY_NAME["人员"].headers), (RawRow(2, {**PERSON, "科室": None}),)
    )
    reader_error = CellError("人员", 2, "科室", "单元格是错误值 #REF!，请填写实际内容")
    book, errors = parse_book(RawWorkbook({"人员": sheet}, [reader_error]))
    assert errors == [reader_error]
    assert book.people == []


def test_absent_sheets_give_nothing():
    book, errors = parse_book(RawWorkbook())
    assert errors == [] and book == ExchangeBook()
