"""How each sheet of the exchange workbook maps to its record, in both directions.

A `SheetCodec` gives, per column of the schema (`exchange_schema.SHEETS`), the cell
converter and the format a clerk must use; the checks that involve several cells
of a row; how a clean row becomes a record; and how a record becomes the cells the
writer puts in the file. Parsing and writing share this one table, so a book
written by the program always reads back as the same book.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from kaohe_desktop.domain import exchange_schema as schema
from kaohe_desktop.domain import text_rules as rules
from kaohe_desktop.domain.deadlines import DeadlineError, parse_deadline
from kaohe_desktop.domain.enums import (
    AdjustmentCategory,
    CheckLevel,
    CheckStatus,
    CommendationLevel,
    CommentKind,
    DepartmentKind,
    Gender,
    NoGradeReason,
    PersonStatus,
    PoliticalStatus,
    TalkKind,
    TaskCategory,
)
from kaohe_desktop.domain.exchange_cells import period_year
from kaohe_desktop.domain.exchange_codec import Fail, SheetCodec
from kaohe_desktop.domain.exchange_codec import label as _label
from kaohe_desktop.domain.exchange_fields import (
    CATEGORY,
    CHECK_PERIOD,
    CODE,
    COMMENT_POINTS,
    DATE,
    DEADLINE,
    DEPARTMENT,
    DEPARTMENTS,
    HALF,
    IGNORED,
    ORDER,
    OVERRIDE,
    QUARTER,
    REWARD_TYPE,
    SCORE,
    SEQ,
    SIGNED_POINTS,
    TASK_POINTS,
    YEAR,
    YES_NO,
    text_field,
)
from kaohe_desktop.domain.exchange_fields import choice as _choice
from kaohe_desktop.domain.exchange_notice_sheets import NOTICES_CODEC, RECTIFICATIONS_CODEC
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
            fail("调整理由", "人工调整等次时必须填写调整理由")
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
    {
        "科室名称": DEPARTMENT, "组别": text_field(rules.GROUP_NAME),
        "类型": _choice(DepartmentKind), "排序": ORDER,
    },
    lambda v: DepartmentRecord(v["科室名称"], v["组别"], v["类型"], v["排序"]),
    lambda r: {"科室名称": r.name, "组别": r.group, "类型": _label(r.kind), "排序": r.order},
)

PEOPLE_CODEC = SheetCodec(
    schema.PEOPLE,
    "people",
    {
        "编号": CODE, "姓名": text_field(rules.PERSON_NAME), "性别": _choice(Gender),
        "出生日期": DATE, "政治面貌": _choice(PoliticalStatus), "科室": DEPARTMENT,
        "职务职级": text_field(rules.POSITION), "人员类别": CATEGORY,
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
        "年度": YEAR, "序号": SEQ, "工作任务": text_field(rules.TASK_TITLE),
        "目标要求": text_field(rules.TASK_TARGET), "类别": _choice(TaskCategory),
        "牵头科室": DEPARTMENT, "责任科室": DEPARTMENTS, "完成时限": DEADLINE,
        "分值": TASK_POINTS, "任务来源": text_field(rules.TASK_SOURCE),
        "备注": text_field(rules.TASK_NOTE),
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
        "年度": YEAR, "序号": SEQ, "责任科室": DEPARTMENT, "期间": CHECK_PERIOD,
        "完成情况": _choice(CheckStatus), "实际完成情况": text_field(rules.CHECK_ACTUAL),
        "佐证材料": text_field(rules.EVIDENCE), "核查层级": _choice(CheckLevel, CheckLevel.LEAD),
        "核查人": text_field(rules.PERSON_REF), "核查日期": DATE, "佐证附件": IGNORED,
    },
    lambda v: CheckRecord(
        v["年度"], v["序号"], v["责任科室"], v["期间"], v["完成情况"], v["实际完成情况"],
        v["佐证材料"], v["核查层级"], v["核查人"], v["核查日期"],
    ),
    lambda r: {
        "年度": r.year, "序号": r.seq, "责任科室": r.department, "期间": r.period,
        "完成情况": _label(r.status), "实际完成情况": r.actual, "佐证材料": r.evidence,
        "核查层级": _label(r.level), "核查人": r.checker, "核查日期": r.check_date,
        "佐证附件": "、".join(r.attachments) or None,
    },
    _check_check,
)

ADJUSTMENTS_CODEC = SheetCodec(
    schema.ADJUSTMENTS,
    "adjustments",
    {
        "期间": HALF, "科室": DEPARTMENT, "类别": _choice(AdjustmentCategory),
        "分值": SIGNED_POINTS, "级别": _choice(CommendationLevel), "事由": text_field(rules.REASON),
        "依据文号": text_field(rules.DOC_NO), "日期": DATE,
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
        "期间": QUARTER, "编号": CODE, "实绩分": SCORE, "领导测评分": SCORE,
        "点评加减分": COMMENT_POINTS, "等次调整": OVERRIDE,
        "调整理由": text_field(rules.OVERRIDE_REASON),
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
        "编号": CODE, "日期": DATE, "类型": _choice(CommentKind), "分值": COMMENT_POINTS,
        "内容": text_field(rules.COMMENT_TEXT),
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
    {
        "编号": CODE, "日期": DATE, "类型": REWARD_TYPE, "事由": text_field(rules.REASON),
        "文号": text_field(rules.DOC_NO), "影响期限": DATE,
    },
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
    {
        "编号": CODE, "日期": DATE, "谈话人": text_field(rules.PERSON_REF),
        "类型": _choice(TalkKind), "内容摘要": text_field(rules.TALK_SUMMARY),
    },
    lambda v: TalkRecord(v["编号"], v["日期"], v["谈话人"], v["类型"], v["内容摘要"]),
    lambda r: {
        "编号": r.code, "日期": r.date, "谈话人": r.talker, "类型": _label(r.kind),
        "内容摘要": r.summary,
    },
)

CODECS: tuple[SheetCodec, ...] = (
    DEPARTMENTS_CODEC, PEOPLE_CODEC, TASKS_CODEC, CHECKS_CODEC, NOTICES_CODEC,
    RECTIFICATIONS_CODEC, ADJUSTMENTS_CODEC, ASSESSMENTS_CODEC, COMMENTS_CODEC, REWARDS_CODEC,
    TALKS_CODEC,
)
# fmt: on
CODECS_BY_NAME = {codec.name: codec for codec in CODECS}


def column_format(sheet: str, column: str) -> str:
    """The format of a column in words (for 填写说明 and template notes)."""
    return CODECS_BY_NAME[sheet].fields[column].fmt


def column_kind(sheet: str, column: str) -> str:
    return CODECS_BY_NAME[sheet].fields[column].kind
