"""The sheets and columns of the exchange workbook (DESIGN.md §6), declared once.

The reader maps headers by these names, the writer and the template write them,
and the template's dropdowns come from `choices`. Upsert keys are documented here
because importing the same workbook twice must change nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    NoticeColor,
    PersonStatus,
    PoliticalStatus,
    TalkKind,
    TaskCategory,
)


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    required: bool = False
    choices: tuple[str, ...] = ()
    width: int = 14  # in Excel character units, sized for Chinese text
    hint: str = ""


@dataclass(frozen=True)
class SheetSpec:
    name: str
    columns: tuple[ColumnSpec, ...]
    key: tuple[str, ...]  # upsert key: a row with the same key updates instead of adding
    purpose: str

    def column(self, name: str) -> ColumnSpec:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)

    @property
    def headers(self) -> list[str]:
        return [column.name for column in self.columns]


YES_NO = ("是", "否")
REWARD_TYPES = tuple(CommendationType.labels() + DisciplineType.labels())

DEPARTMENTS = SheetSpec(
    "科室",
    (
        ColumnSpec("科室名称", True, width=20),
        ColumnSpec("组别", width=12, hint="排名分组，如 业务科室、综合科室"),
        ColumnSpec("类型", choices=tuple(DepartmentKind.labels()), width=12),
        ColumnSpec("排序", width=8, hint="整数，越小越靠前"),
    ),
    key=("科室名称",),
    purpose="单位的科室、队及其排名分组",
)

PEOPLE = SheetSpec(
    "人员",
    (
        ColumnSpec("编号", True, width=12),
        ColumnSpec("姓名", True, width=10),
        ColumnSpec("性别", choices=tuple(Gender.labels()), width=6),
        ColumnSpec("出生日期", width=12, hint="日期，如 1985-03-12"),
        ColumnSpec("政治面貌", choices=tuple(PoliticalStatus.labels()), width=12),
        ColumnSpec("科室", True, width=18),
        ColumnSpec("职务职级", width=16),
        ColumnSpec("人员类别", True, width=18),
        ColumnSpec("关键岗位", choices=YES_NO, width=8),
        ColumnSpec("参加工作时间", width=12, hint="日期，如 2008-07-01"),
        ColumnSpec("状态", choices=tuple(PersonStatus.labels()), width=8, hint="空白视为在职"),
    ),
    key=("编号",),
    purpose="人员花名册；科室变动自动记入任职历史",
)

TASKS = SheetSpec(
    "台账",
    (
        ColumnSpec("年度", True, width=8),
        ColumnSpec("序号", True, width=6),
        ColumnSpec("工作任务", True, width=30),
        ColumnSpec("目标要求", width=40),
        ColumnSpec("类别", True, choices=tuple(TaskCategory.labels()), width=10),
        ColumnSpec("牵头科室", True, width=16),
        ColumnSpec("责任科室", True, width=24, hint="多个科室用、或 , 分隔"),
        ColumnSpec("完成时限", True, width=12, hint="如 5-6月、6月、2026-06-30、每季度、每月"),
        ColumnSpec("分值", True, width=8),
        ColumnSpec("任务来源", width=16),
        ColumnSpec("备注", width=16),
    ),
    key=("年度", "序号"),
    purpose="年度岗位目标责任台账",
)

CHECKS = SheetSpec(
    "查账",
    (
        ColumnSpec("年度", True, width=8),
        ColumnSpec("序号", True, width=6),
        ColumnSpec("责任科室", True, width=16),
        ColumnSpec("期间", True, width=10, hint="常规工作按季度 2026Q2，重点工作按月 2026-05"),
        ColumnSpec("完成情况", True, choices=tuple(CheckStatus.labels()), width=10),
        ColumnSpec("实际完成情况", width=40),
        ColumnSpec("佐证材料", width=30),
        ColumnSpec("核查层级", choices=tuple(CheckLevel.labels()), width=10, hint="空白视为一级"),
        ColumnSpec("核查人", width=10),
        ColumnSpec("核查日期", width=12),
        ColumnSpec(
            "佐证附件",
            width=30,
            hint="导出时列出查账记录所附的文件名；文件本身不在工作簿中，导入时忽略本列",
        ),
    ),
    key=("年度", "序号", "责任科室", "期间", "核查层级"),
    purpose="季度（重点工作按月）查账记录",
)

NOTICE_STATES = ("整改中", "已办结")

NOTICES = SheetSpec(
    "督办单",
    (
        ColumnSpec("编号", True, width=20, hint="如 督办〔2026〕第3号；年度和序号取自编号"),
        ColumnSpec("颜色", True, choices=tuple(NoticeColor.labels()), width=6),
        ColumnSpec("科室", True, width=16),
        ColumnSpec("年度", width=8, hint="所督办任务的年度；与序号同填或同空"),
        ColumnSpec(
            "序号",
            width=10,
            hint="所督办任务的序号，多个用、分隔（如 3、7）；不填为直接下达的督办单",
        ),
        ColumnSpec("期间", width=10, hint="如 2026Q2、2026-05；新督办单不填视为下达日期所在季度"),
        ColumnSpec("问题", True, width=40),
        ColumnSpec("整改时限", True, width=12),
        ColumnSpec("扣分", width=8, hint="计入半年考核“业务工作”的即时扣分，正数；填 0 取消扣分"),
        ColumnSpec("下达日期", True, width=12),
        ColumnSpec(
            "状态",
            choices=NOTICE_STATES,
            width=8,
            hint="已办结须整改已核实（“整改”表或数据文件中有核实人和核实日期）",
        ),
    ),
    key=("编号",),
    purpose="督办单（红、黄、蓝）及其即时扣分",
)

RECTIFICATIONS = SheetSpec(
    "整改",
    (
        ColumnSpec("督办单编号", True, width=20),
        ColumnSpec("整改目标", width=30),
        ColumnSpec("整改事项", width=30),
        ColumnSpec("整改时限", width=12, hint="新整改不填视为督办单的整改时限"),
        ColumnSpec("整改措施", width=30),
        ColumnSpec("整改结果", width=30),
        ColumnSpec("核实人", width=10, hint="与核实日期同填：填写即为整改已核实，督办单随之办结"),
        ColumnSpec("核实日期", width=12),
    ),
    key=("督办单编号",),
    purpose="督办单的整改情况，每张督办单一条",
)

ADJUSTMENTS = SheetSpec(
    "加减分",
    (
        ColumnSpec("期间", True, width=10, hint="半年，如 2026H1"),
        ColumnSpec("科室", True, width=16),
        ColumnSpec("类别", True, choices=tuple(AdjustmentCategory.labels()), width=10),
        ColumnSpec("分值", True, width=8, hint="扣分写负数；一票否决写 0"),
        ColumnSpec(
            "级别", choices=tuple(CommendationLevel.labels()), width=12, hint="表彰加分必填"
        ),
        ColumnSpec("事由", True, width=36),
        ColumnSpec("依据文号", width=20),
        ColumnSpec("日期", width=12),
    ),
    key=("期间", "科室", "类别", "事由", "依据文号", "日期"),
    purpose="半年考核的加分、扣分和一票否决",
)

ASSESSMENTS = SheetSpec(
    "平时考核",
    (
        ColumnSpec("期间", True, width=10, hint="季度，如 2026Q2"),
        ColumnSpec("编号", True, width=12),
        ColumnSpec("实绩分", True, width=8, hint="0–100"),
        ColumnSpec("领导测评分", True, width=10, hint="0–100"),
        ColumnSpec("点评加减分", width=10, hint="本行直接录入的点评加减分，不含“点评”表的记录"),
        ColumnSpec(
            "等次调整",
            choices=("好", "较好", "较差"),
            width=10,
            hint="人工定的等次：好须在名额内，较好只用于并列超出名额，较差可直接定",
        ),
        ColumnSpec("调整理由", width=24),
        ColumnSpec("不定等次原因", choices=tuple(NoGradeReason.labels()), width=14),
    ),
    key=("期间", "编号"),
    purpose="个人平时考核的季度得分",
)

COMMENTS = SheetSpec(
    "点评",
    (
        ColumnSpec("编号", True, width=12),
        ColumnSpec("日期", True, width=12),
        ColumnSpec("类型", True, choices=tuple(CommentKind.labels()), width=8),
        ColumnSpec("分值", True, width=8, hint="表扬为正，批评为负"),
        ColumnSpec("内容", True, width=40),
    ),
    key=("编号", "日期", "类型", "内容"),
    purpose="每两周的表扬与批评，计入当季实绩分",
)

REWARDS = SheetSpec(
    "奖惩",
    (
        ColumnSpec("编号", True, width=12),
        ColumnSpec("日期", True, width=12),
        ColumnSpec("类型", True, choices=REWARD_TYPES, width=12),
        ColumnSpec("事由", width=36),
        ColumnSpec("文号", width=20),
        ColumnSpec("影响期限", width=12, hint="影响期截止日期，如 2027-06-30"),
    ),
    key=("编号", "日期", "类型", "文号"),
    purpose="个人奖励、处分和组织处理",
)

TALKS = SheetSpec(
    "谈心谈话",
    (
        ColumnSpec("编号", True, width=12),
        ColumnSpec("日期", True, width=12),
        ColumnSpec("谈话人", True, width=10),
        ColumnSpec("类型", choices=tuple(TalkKind.labels()), width=16),
        ColumnSpec("内容摘要", width=40),
    ),
    key=("编号", "日期", "谈话人"),
    purpose="谈心谈话记录",
)

SHEETS: tuple[SheetSpec, ...] = (
    DEPARTMENTS,
    PEOPLE,
    TASKS,
    CHECKS,
    NOTICES,
    RECTIFICATIONS,
    ADJUSTMENTS,
    ASSESSMENTS,
    COMMENTS,
    REWARDS,
    TALKS,
)

SHEETS_BY_NAME = {sheet.name: sheet for sheet in SHEETS}
INSTRUCTIONS_SHEET = "填写说明"
