"""How each sheet of the exchange workbook maps to its record, in both directions.

A `SheetCodec` gives, per column of the schema (`exchange_schema.SHEETS`), the cell
converter and the format a clerk must use; the checks that involve several cells
of a row; how a clean row becomes a record; and how a record becomes the cells the
writer puts in the file. Parsing and writing share this one table, so a book
written by the program always reads back as the same book.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial
from typing import Any

from kaohe_desktop.domain import exchange_schema as schema
from kaohe_desktop.domain.deadlines import EXAMPLES as DEADLINE_EXAMPLES
from kaohe_desktop.domain.deadlines import DeadlineError, parse_deadline
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
    LabeledEnum,
    NoGradeReason,
    PersonStatus,
    PoliticalStatus,
    QuarterGrade,
    TalkKind,
    TaskCategory,
)
from kaohe_desktop.domain.exchange_cells import (
    DATE_EXAMPLE,
    CellValueError,
    period_year,
    to_bool,
    to_check_period,
    to_date,
    to_decimal,
    to_departments,
    to_enum,
    to_half,
    to_int,
    to_normalized_text,
    to_one_of,
    to_quarter,
    to_text,
)
from kaohe_desktop.domain.periods import MAX_YEAR, MIN_YEAR
from kaohe_desktop.domain.quarterly_rules import SCORE_MAX, SCORE_MIN
from kaohe_desktop.domain.records import (
    AdjustmentRecord,
    AssessmentRecord,
    CheckRecord,
    CommentRecord,
    DepartmentRecord,
    PersonRecord,
    RewardRecord,
    TalkRecord,
    TaskRecord,
)

Fail = Callable[[str, str], None]  # (column, reason): report a problem in this row


@dataclass(frozen=True)
class Field:
    convert: Callable[[object], Any]  # non-blank cell → value; raises CellValueError
    fmt: str  # the format, in words, for 填写说明
    kind: str = "text"  # "text", "number", "date" or "choice": how the template formats the column
    default: Any = None  # the value of a blank optional cell


@dataclass(frozen=True)
class SheetCodec:
    spec: schema.SheetSpec
    attr: str  # the ExchangeBook list this sheet fills
    fields: Mapping[str, Field]
    build: Callable[[Mapping[str, Any]], Any]  # converted values of a clean row → record
    cells: Callable[[Any], dict[str, object]]  # record → column values for the writer
    # checks across cells of one row; they may normalise a value in place
    check: Callable[[dict[str, Any], Fail], None] | None = None

    @property
    def name(self) -> str:
        return self.spec.name


def _label(member: LabeledEnum | None) -> str | None:
    return None if member is None else member.label


def _choice(kind: type[LabeledEnum], default: LabeledEnum | None = None) -> Field:
    return Field(partial(to_enum, kind=kind), "从下拉列表中选择", "choice", default)


def _decimal(low: str, high: str, places: int, fmt: str) -> Field:
    convert = partial(to_decimal, low=Decimal(low), high=Decimal(high), places=places)
    return Field(convert, fmt, "number")


TEXT = Field(to_text, "文本")
YEAR = Field(partial(to_int, low=MIN_YEAR, high=MAX_YEAR), "四位年份，如 2026", "number")
SEQ = Field(partial(to_int, low=1, high=99999), "正整数", "number")
ORDER = Field(partial(to_int, low=-99999, high=99999), "整数", "number")
DATE = Field(to_date, f"日期，如 {DATE_EXAMPLE}", "date")
# The range of quarterly_rules.check_score, the grid's own check of a typed score.
SCORE = _decimal(str(SCORE_MIN), str(SCORE_MAX), 1, "0–100 的数值，最多 1 位小数")
TASK_POINTS = _decimal("0", "1000", 2, "大于 0 的数值，最多 2 位小数")
SIGNED_POINTS = _decimal("-1000", "1000", 2, "数值，最多 2 位小数；扣分写负数")
COMMENT_POINTS = _decimal("-100", "100", 2, "数值，最多 2 位小数；表扬为正，批评为负")
YES_NO = Field(to_bool, "是 或 否，空白视为否", "choice", False)
HALF = Field(to_half, "半年，如 2026H1、2026H2")
QUARTER = Field(to_quarter, "季度，如 2026Q2")
CHECK_PERIOD = Field(to_check_period, "常规工作写季度（2026Q2），重点工作写月份（2026-05）")
DEPARTMENTS = Field(to_departments, "一个或多个科室名称，用、或 , 分隔")
# deadlines.parse_deadline knows ASCII "-" and "~" but not their full-width forms
DEADLINE = Field(to_normalized_text, f"如 {DEADLINE_EXAMPLES}")


def _only_poor(value: object) -> QuarterGrade:
    grade = to_enum(value, QuarterGrade)
    if grade is not QuarterGrade.POOR:
        raise CellValueError("只能直接调整为“较差”；好、较好、一般由系统按得分和名额评定")
    return grade


OVERRIDE = Field(_only_poor, "只能填“较差”，并填写调整理由", "choice")
REWARD_TYPE = Field(
    partial(to_one_of, kinds=(CommendationType, DisciplineType)), "奖励或处分的类型", "choice"
)


# -- per-sheet checks across cells ---------------------------------------------------


def _check_person(v: Mapping[str, Any], fail: Fail) -> None:
    born, started = v.get("出生日期"), v.get("参加工作时间")
    if isinstance(born, date) and isinstance(started, date) and started <= born:
        fail("参加工作时间", "参加工作时间早于出生日期")


def _check_task(v: dict[str, Any], fail: Fail) -> None:
    if "年度" in v and v.get("完成时限"):
        try:
            window = parse_deadline(v["完成时限"], v["年度"])
        except DeadlineError as exc:
            fail("完成时限", str(exc))
        else:
            v["完成时限"] = window.text  # the clerk's words, trimmed
    points = v.get("分值")
    if points is not None and points <= 0:
        fail("分值", "台账任务的分值应大于 0")


def _check_check(v: Mapping[str, Any], fail: Fail) -> None:
    if "年度" in v and v.get("期间") and period_year(v["期间"]) != v["年度"]:
        fail("期间", f"期间 {v['期间']} 不在任务年度 {v['年度']} 内")


_DEDUCTIONS = (
    AdjustmentCategory.BUSINESS,
    AdjustmentCategory.INTEGRITY,
    AdjustmentCategory.CIVILITY,
    AdjustmentCategory.ATTENDANCE,
)


def _check_adjustment(v: Mapping[str, Any], fail: Fail) -> None:
    category, points = v.get("类别"), v.get("分值")
    if category is not None and points is not None:
        if category in _DEDUCTIONS and points >= 0:
            fail("分值", f"{category.label}是扣分项，分值应为负数")
        elif category is AdjustmentCategory.BONUS and points <= 0:
            fail("分值", "表彰加分的分值应为正数")
        elif category is AdjustmentCategory.VETO and points != 0:
            fail("分值", "一票否决不计分，分值应为 0")
    if category is AdjustmentCategory.BONUS and "级别" in v and v["级别"] is None:
        fail("级别", "表彰加分必须填写级别")
    elif category is not None and category is not AdjustmentCategory.BONUS and v.get("级别"):
        fail("级别", "只有表彰加分填写级别")


def _check_assessment(v: Mapping[str, Any], fail: Fail) -> None:
    if v.get("等次调整") is not None:
        if "调整理由" in v and not v["调整理由"]:
            fail("调整理由", "等次调整为较差时必须填写调整理由")
        if v.get("不定等次原因") is not None:
            fail("等次调整", "已填写不定等次原因的人员不评等次，不能同时调整等次")


def _check_comment(v: Mapping[str, Any], fail: Fail) -> None:
    kind, points = v.get("类型"), v.get("分值")
    if kind is CommentKind.PRAISE and points is not None and points <= 0:
        fail("分值", "表扬的分值应为正数")
    elif kind is CommentKind.CRITICISM and points is not None and points >= 0:
        fail("分值", "批评的分值应为负数")


def _check_reward(v: Mapping[str, Any], fail: Fail) -> None:
    day, until = v.get("日期"), v.get("影响期限")
    if isinstance(day, date) and isinstance(until, date) and until < day:
        fail("影响期限", "影响期限早于奖惩日期")


# -- the codecs ------------------------------------------------------------------------

# The tables below are laid out by hand, a few columns a line, to read like the sheet.
# fmt: off
DEPARTMENTS_CODEC = SheetCodec(
    schema.DEPARTMENTS,
    "departments",
    {"科室名称": TEXT, "组别": TEXT, "类型": _choice(DepartmentKind), "排序": ORDER},
    lambda v: DepartmentRecord(v["科室名称"], v["组别"], v["类型"], v["排序"]),
    lambda r: {"科室名称": r.name, "组别": r.group, "类型": _label(r.kind), "排序": r.order},
)

PEOPLE_CODEC = SheetCodec(
    schema.PEOPLE,
    "people",
    {
        "编号": TEXT, "姓名": TEXT, "性别": _choice(Gender), "出生日期": DATE,
        "政治面貌": _choice(PoliticalStatus), "科室": TEXT, "职务职级": TEXT, "人员类别": TEXT,
        "关键岗位": YES_NO, "参加工作时间": DATE,
        "状态": _choice(PersonStatus, PersonStatus.ACTIVE),
    },
    lambda v: PersonRecord(
        v["编号"], v["姓名"], v["科室"], v["人员类别"], v["性别"], v["出生日期"], v["政治面貌"],
        v["职务职级"], v["关键岗位"], v["参加工作时间"], v["状态"],
    ),
    lambda r: {
        "编号": r.code, "姓名": r.name, "性别": _label(r.gender), "出生日期": r.birth_date,
        "政治面貌": _label(r.political_status), "科室": r.department, "职务职级": r.position,
        "人员类别": r.category, "关键岗位": "是" if r.key_post else "否",
        "参加工作时间": r.work_start, "状态": _label(r.status),
    },
    _check_person,
)

TASKS_CODEC = SheetCodec(
    schema.TASKS,
    "tasks",
    {
        "年度": YEAR, "序号": SEQ, "工作任务": TEXT, "目标要求": TEXT,
        "类别": _choice(TaskCategory), "牵头科室": TEXT, "责任科室": DEPARTMENTS,
        "完成时限": DEADLINE, "分值": TASK_POINTS, "任务来源": TEXT, "备注": TEXT,
    },
    lambda v: TaskRecord(
        v["年度"], v["序号"], v["工作任务"], v["类别"], v["牵头科室"], v["责任科室"],
        v["完成时限"], v["分值"], v["目标要求"], v["任务来源"], v["备注"],
    ),
    lambda r: {
        "年度": r.year, "序号": r.seq, "工作任务": r.title, "目标要求": r.target,
        "类别": _label(r.category), "牵头科室": r.lead_department,
        "责任科室": "、".join(r.responsible_departments), "完成时限": r.deadline,
        "分值": r.points, "任务来源": r.source, "备注": r.note,
    },
    _check_task,
)

CHECKS_CODEC = SheetCodec(
    schema.CHECKS,
    "checks",
    {
        "年度": YEAR, "序号": SEQ, "责任科室": TEXT, "期间": CHECK_PERIOD,
        "完成情况": _choice(CheckStatus), "实际完成情况": TEXT, "佐证材料": TEXT,
        "核查层级": _choice(CheckLevel, CheckLevel.LEAD), "核查人": TEXT, "核查日期": DATE,
    },
    lambda v: CheckRecord(
        v["年度"], v["序号"], v["责任科室"], v["期间"], v["完成情况"], v["实际完成情况"],
        v["佐证材料"], v["核查层级"], v["核查人"], v["核查日期"],
    ),
    lambda r: {
        "年度": r.year, "序号": r.seq, "责任科室": r.department, "期间": r.period,
        "完成情况": _label(r.status), "实际完成情况": r.actual, "佐证材料": r.evidence,
        "核查层级": _label(r.level), "核查人": r.checker, "核查日期": r.check_date,
    },
    _check_check,
)

ADJUSTMENTS_CODEC = SheetCodec(
    schema.ADJUSTMENTS,
    "adjustments",
    {
        "期间": HALF, "科室": TEXT, "类别": _choice(AdjustmentCategory), "分值": SIGNED_POINTS,
        "级别": _choice(CommendationLevel), "事由": TEXT, "依据文号": TEXT, "日期": DATE,
    },
    lambda v: AdjustmentRecord(
        v["期间"], v["科室"], v["类别"], v["分值"], v["事由"], v["级别"], v["依据文号"], v["日期"]
    ),
    lambda r: {
        "期间": r.half, "科室": r.department, "类别": _label(r.category), "分值": r.points,
        "级别": _label(r.level), "事由": r.reason, "依据文号": r.doc_no, "日期": r.date,
    },
    _check_adjustment,
)

ASSESSMENTS_CODEC = SheetCodec(
    schema.ASSESSMENTS,
    "assessments",
    {
        "期间": QUARTER, "编号": TEXT, "实绩分": SCORE, "领导测评分": SCORE,
        "点评加减分": COMMENT_POINTS, "等次调整": OVERRIDE, "调整理由": TEXT,
        "不定等次原因": _choice(NoGradeReason),
    },
    lambda v: AssessmentRecord(
        v["期间"], v["编号"], v["实绩分"], v["领导测评分"], v["点评加减分"], v["等次调整"],
        v["调整理由"], v["不定等次原因"],
    ),
    lambda r: {
        "期间": r.quarter, "编号": r.code, "实绩分": r.performance, "领导测评分": r.leader,
        "点评加减分": r.comment_points, "等次调整": _label(r.override),
        "调整理由": r.override_reason, "不定等次原因": _label(r.no_grade_reason),
    },
    _check_assessment,
)

COMMENTS_CODEC = SheetCodec(
    schema.COMMENTS,
    "comments",
    {
        "编号": TEXT, "日期": DATE, "类型": _choice(CommentKind), "分值": COMMENT_POINTS,
        "内容": TEXT,
    },
    lambda v: CommentRecord(v["编号"], v["日期"], v["类型"], v["分值"], v["内容"]),
    lambda r: {
        "编号": r.code, "日期": r.date, "类型": _label(r.kind), "分值": r.points, "内容": r.text
    },
    _check_comment,
)

REWARDS_CODEC = SheetCodec(
    schema.REWARDS,
    "rewards",
    {"编号": TEXT, "日期": DATE, "类型": REWARD_TYPE, "事由": TEXT, "文号": TEXT, "影响期限": DATE},
    lambda v: RewardRecord(v["编号"], v["日期"], v["类型"], v["事由"], v["文号"], v["影响期限"]),
    lambda r: {
        "编号": r.code, "日期": r.date, "类型": _label(r.type), "事由": r.reason,
        "文号": r.doc_no, "影响期限": r.impact_until,
    },
    _check_reward,
)

TALKS_CODEC = SheetCodec(
    schema.TALKS,
    "talks",
    {"编号": TEXT, "日期": DATE, "谈话人": TEXT, "类型": _choice(TalkKind), "内容摘要": TEXT},
    lambda v: TalkRecord(v["编号"], v["日期"], v["谈话人"], v["类型"], v["内容摘要"]),
    lambda r: {
        "编号": r.code, "日期": r.date, "谈话人": r.talker, "类型": _label(r.kind),
        "内容摘要": r.summary,
    },
)

CODECS: tuple[SheetCodec, ...] = (
    DEPARTMENTS_CODEC, PEOPLE_CODEC, TASKS_CODEC, CHECKS_CODEC, ADJUSTMENTS_CODEC,
    ASSESSMENTS_CODEC, COMMENTS_CODEC, REWARDS_CODEC, TALKS_CODEC,
)
# fmt: on
CODECS_BY_NAME = {codec.name: codec for codec in CODECS}


def column_format(sheet: str, column: str) -> str:
    """The format of a column in words (for 填写说明 and template notes)."""
    return CODECS_BY_NAME[sheet].fields[column].fmt


def column_kind(sheet: str, column: str) -> str:
    return CODECS_BY_NAME[sheet].fields[column].kind
