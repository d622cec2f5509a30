"""Enumerations of the glossary. The value is the stable code stored in the data
file; `label` is the Chinese word a clerk reads and writes in workbooks."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Self


class LabeledEnum(StrEnum):
    """A StrEnum whose members carry a Chinese label: `Member = ("code", "标签")`."""

    label: str

    if TYPE_CHECKING:
        # Once the class is built, `Cls(code)` is Enum's lookup by value; mypy would
        # read the member-building __new__ below as the signature of that call.
        def __new__(cls, value: object) -> Self: ...

    else:

        def __new__(cls, code: str, label: str) -> Self:
            member = str.__new__(cls, code)
            member._value_ = code
            member.label = label
            return member

    @classmethod
    def from_label(cls, text: str) -> Self:
        """Find a member by its Chinese label (or code); raise ValueError otherwise."""
        cleaned = str(text).strip()
        for member in cls:
            if cleaned in (member.label, member.value):
                return member
        raise ValueError(cleaned)

    @classmethod
    def labels(cls) -> list[str]:
        return [member.label for member in cls]


class TaskCategory(LabeledEnum):
    ROUTINE = ("routine", "常规工作")
    KEY = ("key", "重点工作")


class CheckStatus(LabeledEnum):
    DONE = ("done", "已完成")
    LATE = ("late", "逾期完成")
    PARTIAL = ("partial", "部分完成")
    MISSED = ("missed", "未完成")
    NOT_DUE = ("not_due", "未到期")


class CheckLevel(LabeledEnum):
    LEAD = ("lead", "一级")  # 牵头科室汇总
    SUPERVISION = ("supervision", "二级")  # 督查科室核对
    LEADERSHIP = ("leadership", "三级")  # 局领导抽查

    @property
    def description(self) -> str:
        return {"lead": "牵头科室汇总", "supervision": "督查科室核对", "leadership": "局领导抽查"}[
            self.value
        ]


class NoticeColor(LabeledEnum):
    RED = ("red", "红")
    YELLOW = ("yellow", "黄")
    BLUE = ("blue", "蓝")


class AdjustmentCategory(LabeledEnum):
    BUSINESS = ("business", "业务工作")
    INTEGRITY = ("integrity", "党风廉政")
    CIVILITY = ("civility", "精神文明")
    ATTENDANCE = ("attendance", "考勤")
    BONUS = ("bonus", "表彰加分")
    VETO = ("veto", "一票否决")


class CommendationLevel(LabeledEnum):
    NATIONAL = ("national", "国家级")
    PROVINCIAL = ("provincial", "省级")
    CITY = ("city", "市级")
    COUNTY = ("county", "县委县政府")
    COUNTY_DEPARTMENT = ("county_department", "县直部门")


class QuarterGrade(LabeledEnum):
    GOOD = ("good", "好")
    FAIRLY_GOOD = ("fairly_good", "较好")
    AVERAGE = ("average", "一般")
    POOR = ("poor", "较差")


class AnnualGrade(LabeledEnum):
    EXCELLENT = ("excellent", "优秀")
    COMPETENT = ("competent", "称职")
    BASICALLY_COMPETENT = ("basically_competent", "基本称职")
    INCOMPETENT = ("incompetent", "不称职")
    NOT_GRADED = ("not_graded", "不定等次")
    NOT_PARTICIPATING = ("not_participating", "不参加")


class DepartmentGrade(LabeledEnum):
    EXCELLENT = ("excellent", "优秀")
    GOOD = ("good", "良好")
    AVERAGE = ("average", "一般")
    POOR = ("poor", "较差")


class Gender(LabeledEnum):
    MALE = ("male", "男")
    FEMALE = ("female", "女")


class PersonStatus(LabeledEnum):
    ACTIVE = ("active", "在职")
    PROBATION = ("probation", "试用期")
    SECONDED = ("seconded", "借调")
    RETIRED = ("retired", "退休")
    TRANSFERRED = ("transferred", "调出")
    LEFT = ("left", "离职")


class PoliticalStatus(LabeledEnum):
    CPC_MEMBER = ("cpc_member", "中共党员")
    CPC_PROBATIONARY = ("cpc_probationary", "中共预备党员")
    LEAGUE_MEMBER = ("league_member", "共青团员")
    DEMOCRATIC_PARTY = ("democratic_party", "民主党派")
    MASSES = ("masses", "群众")


class DepartmentKind(LabeledEnum):
    OFFICE = ("office", "机关科室")
    TEAM = ("team", "执法队")
    BRANCH = ("branch", "派出机构")
    UNIT = ("unit", "直属单位")


class CommendationType(LabeledEnum):
    """奖励 (official list of the 公务员奖励规定) plus the common local honours."""

    COMMENDATION = ("commendation", "嘉奖")
    MERIT_3 = ("merit_3", "记三等功")
    MERIT_2 = ("merit_2", "记二等功")
    MERIT_1 = ("merit_1", "记一等功")
    HONOUR = ("honour", "授予称号")
    NOTICE_PRAISE = ("notice_praise", "通报表扬")


class DisciplineType(LabeledEnum):
    """处分 and 组织处理; the annual rules read the year's effect from the type."""

    WARNING = ("warning", "警告")
    SERIOUS_WARNING = ("serious_warning", "严重警告")
    DEMERIT = ("demerit", "记过")
    MAJOR_DEMERIT = ("major_demerit", "记大过")
    DEMOTION = ("demotion", "降级")
    DISMISSAL_FROM_POST = ("dismissal_from_post", "撤职")
    ADMONISHMENT = ("admonishment", "诫勉")
    POST_ADJUSTMENT = ("post_adjustment", "调整职务")
    CRITICISM_EDUCATION = ("criticism_education", "批评教育")


class TalkKind(LabeledEnum):
    HEART_TO_HEART = ("heart_to_heart", "谈心谈话")
    REMINDER = ("reminder", "提醒谈话")
    ADMONITION = ("admonition", "诫勉谈话")
    APPOINTMENT = ("appointment", "任职谈话")
    KEY_POST = ("key_post", "关键岗位廉政谈话")


class CommentKind(LabeledEnum):
    PRAISE = ("praise", "表扬")
    CRITICISM = ("criticism", "批评")


class NoGradeReason(LabeledEnum):
    PROBATION = ("probation", "试用期")
    LEAVE = ("leave", "请假超过半期")
    INVESTIGATION = ("investigation", "立案调查")


def label_or_none(enum: type[LabeledEnum], code: str | None) -> str | None:
    if code is None:
        return None
    try:
        return enum(code).label
    except ValueError:
        return code  # an unknown code from a newer program version is shown as is
