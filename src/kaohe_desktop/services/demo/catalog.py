"""Departments, deductions, commendations, comments and talks of the demo bureau.

Pure data, written the way a personnel clerk of 夏津县食药监局 would write it. Tasks
live in `catalog_tasks`, names and posts in `catalog_people`. Document prefixes use
`{c}`, the county's one-character abbreviation (夏 for 夏津县), filled in from the
bureau name, so a bureau named otherwise still gets consistent 文号.
"""

from __future__ import annotations

from dataclasses import dataclass

from kaohe_desktop.domain.enums import (
    AdjustmentCategory,
    CommendationLevel,
    DepartmentKind,
)

OFFICE, TEAM, BRANCH, UNIT = (
    DepartmentKind.OFFICE,
    DepartmentKind.TEAM,
    DepartmentKind.BRANCH,
    DepartmentKind.UNIT,
)
GENERAL, BUSINESS, GRASSROOTS = "综合科室", "业务科室", "基层所队"


@dataclass(frozen=True)
class DepartmentTemplate:
    name: str
    group: str
    kind: DepartmentKind
    role: str  # which ledger work it does: tasks name roles, not departments
    weight: float = 1.0  # relative head count


# The nine departments of the bureau itself. 办公室 carries the 局领导 too.
BASE_DEPARTMENTS: tuple[DepartmentTemplate, ...] = (
    DepartmentTemplate("办公室", GENERAL, OFFICE, "office", 1.3),
    DepartmentTemplate("政策法规科", GENERAL, OFFICE, "law", 0.6),
    DepartmentTemplate("食品生产监管科", BUSINESS, OFFICE, "prod", 0.7),
    DepartmentTemplate("食品流通监管科", BUSINESS, OFFICE, "circ", 0.7),
    DepartmentTemplate("餐饮服务监管科", BUSINESS, OFFICE, "cater", 0.8),
    DepartmentTemplate("药品医疗器械监管科", BUSINESS, OFFICE, "drug", 0.8),
    DepartmentTemplate("稽查大队", GRASSROOTS, TEAM, "insp", 1.4),
    DepartmentTemplate("城区监管所", GRASSROOTS, BRANCH, "branch", 1.4),
    DepartmentTemplate("乡镇监管所", GRASSROOTS, BRANCH, "branch", 1.6),
)

# Further offices a larger system has; used once each when the staff grows.
EXTRA_OFFICES: tuple[DepartmentTemplate, ...] = (
    DepartmentTemplate("行政审批科", GENERAL, OFFICE, "law", 0.7),
    DepartmentTemplate("特殊食品监管科", BUSINESS, OFFICE, "prod", 0.6),
    DepartmentTemplate("化妆品监管科", BUSINESS, OFFICE, "drug", 0.6),
    DepartmentTemplate("食品安全协调科", GENERAL, OFFICE, "office", 0.6),
    DepartmentTemplate("投诉举报中心", GRASSROOTS, UNIT, "insp", 0.8),
    DepartmentTemplate("法制审核科", GENERAL, OFFICE, "law", 0.6),
    DepartmentTemplate("食品抽检科", BUSINESS, OFFICE, "circ", 0.7),
    DepartmentTemplate("检验检测中心", GRASSROOTS, UNIT, "circ", 1.0),
    DepartmentTemplate("医疗器械监管科", BUSINESS, OFFICE, "drug", 0.6),
    DepartmentTemplate("人事科", GENERAL, OFFICE, "office", 0.6),
    DepartmentTemplate("财务审计科", GENERAL, OFFICE, "office", 0.6),
    DepartmentTemplate("应急管理科", BUSINESS, OFFICE, "cater", 0.6),
    DepartmentTemplate("宣传教育科", GENERAL, OFFICE, "office", 0.6),
    DepartmentTemplate("信息中心", GENERAL, UNIT, "office", 0.7),
)

# Towns and townships of 夏津 and its neighbours: names of further 监管所.
TOWNSHIPS = (
    "银城",
    "北城",
    "南城",
    "苏留庄",
    "新盛店",
    "雷集",
    "郑保屯",
    "白马湖",
    "东李官屯",
    "宋楼",
    "香赵庄",
    "双庙",
    "渡口驿",
    "田庄",
    "祝官屯",
    "恩城",
    "王杲铺",
    "腰站",
    "王凤楼",
    "前曹",
    "三唐",
    "坊子",
    "龙门",
    "张华",
    "王打卦",
    "桃园",
    "王庄",
    "郑家寨",
    "糜镇",
    "黄河涯",
    "二屯",
    "赵虎",
    "抬头寺",
    "宋家",
    "丁庄",
    "杨安镇",
    "大宗家",
)

# (category, reason, points deducted) for 半年考核 manual deductions.
DEDUCTIONS: tuple[tuple[AdjustmentCategory, str, int], ...] = (
    (AdjustmentCategory.BUSINESS, "未按时报送季度食品安全监督抽检统计报表", 5),
    (AdjustmentCategory.BUSINESS, "县委督查室督办事项逾期未办结，被通报", 10),
    (AdjustmentCategory.BUSINESS, "执法案卷评查发现文书制作不规范", 5),
    (AdjustmentCategory.BUSINESS, "12345热线转办件超期办理", 5),
    (AdjustmentCategory.BUSINESS, "政务信息报送数量未达到要求", 3),
    (AdjustmentCategory.BUSINESS, "监管系统检查数据录入不及时", 3),
    (AdjustmentCategory.INTEGRITY, "工作人员工作日午间饮酒，被县纪委通报", 20),
    (AdjustmentCategory.INTEGRITY, "公务用车使用登记不规范", 5),
    (AdjustmentCategory.INTEGRITY, "未按要求召开党风廉政建设形势分析会", 5),
    (AdjustmentCategory.INTEGRITY, "廉政风险防控台账不完整", 3),
    (AdjustmentCategory.CIVILITY, "未按要求参加文明城市创建志愿服务活动", 3),
    (AdjustmentCategory.CIVILITY, "办公区域卫生检查不合格", 2),
    (AdjustmentCategory.CIVILITY, "未按时完成“学习强国”学习任务", 2),
    (AdjustmentCategory.ATTENDANCE, "县纪委明察暗访发现上班时间脱岗1人次", 5),
    (AdjustmentCategory.ATTENDANCE, "无故缺席全局干部职工大会", 3),
    (AdjustmentCategory.ATTENDANCE, "迟到早退累计3人次", 3),
    (AdjustmentCategory.ATTENDANCE, "请销假手续不全", 2),
)

BONUS_POINTS: dict[CommendationLevel, int] = {
    CommendationLevel.NATIONAL: 30,
    CommendationLevel.PROVINCIAL: 20,
    CommendationLevel.CITY: 15,
    CommendationLevel.COUNTY: 10,
    CommendationLevel.COUNTY_DEPARTMENT: 5,
}

# (level, reason, 文号 prefix, weight) for 表彰加分.
BONUSES: tuple[tuple[CommendationLevel, str, str, int], ...] = (
    (CommendationLevel.NATIONAL, "全国食品安全宣传周活动组织工作被国家总局通报表扬", "食药监办", 1),
    (CommendationLevel.PROVINCIAL, "被省食安办评为全省食品安全示范创建先进集体", "鲁食安办发", 3),
    (CommendationLevel.PROVINCIAL, "药品不良反应监测工作被省局通报表扬", "鲁食药监办", 2),
    (CommendationLevel.CITY, "被市局评为全市食品药品稽查办案先进单位", "德食药监发", 5),
    (CommendationLevel.CITY, "在全市餐饮服务食品安全量化分级评比中获第一名", "德食药监发", 4),
    (CommendationLevel.COUNTY, "被县委县政府评为全县优化营商环境先进集体", "{c}发", 5),
    (CommendationLevel.COUNTY, "在县委县政府重点工作督查中获通报表扬", "{c}政办发", 5),
    (CommendationLevel.COUNTY_DEPARTMENT, "被县直机关工委评为先进基层党组织", "{c}直工发", 6),
    (CommendationLevel.COUNTY_DEPARTMENT, "被县文明办评为文明科室", "{c}文明办发", 5),
)

VETO_REASONS = (
    "辖区发生较大食品安全事件，被县委县政府通报问责",
    "科室工作人员严重违纪被立案审查",
    "发生越级集体上访，造成不良社会影响",
)

PRAISES = (
    "主动加班完成季度抽检数据汇总，数据准确",
    "在节日市场专项检查中连续奋战，表现突出",
    "群众来电表扬其热情服务、耐心解答",
    "撰写的政务信息被市局采用",
    "执法文书制作规范，被评为优秀案卷",
    "快速处置投诉举报，群众满意",
    "积极参加文明城市创建志愿服务",
    "药品不良反应监测报告超额完成任务",
    "帮带新同志熟悉业务，效果明显",
    "迎检台账资料准备细致，受到市局检查组肯定",
    "主动发现并上报食品安全隐患线索",
    "冒雨完成农村集体聚餐现场指导",
    "牵头办结一起跨区域案件，证据扎实",
    "周工作纪实填写认真，按时报送",
)

CRITICISMS = (
    "上班时间玩手机游戏，被督查发现",
    "未按时报送周工作纪实",
    "执法检查未规范着装、未出示执法证件",
    "全局会议迟到且未请假",
    "办公室卫生检查不合格",
    "执法记录仪未按规定全程开启",
    "投诉件回复不及时，被群众追问",
    "监管系统信息录入错误，造成数据返工",
    "值班期间脱岗",
    "执法文书填写不规范，被退回重做",
)

# Commendations of people: reason pools by type.
PRAISE_BULLETIN_REASONS = (
    "在“两节”食品安全专项整治中表现突出",
    "在疫苗质量监督检查中工作扎实、成效明显",
    "在中药市场专项检查中查办案件成效明显",
    "在创建省级食品安全先进县工作中表现突出",
    "在中高考食品安全保障工作中表现突出",
)
HONOUR_REASONS_PARTY = ("被县委授予“优秀共产党员”称号",)
HONOUR_REASONS = ("被县委县政府授予“食品安全工作先进个人”称号", "被县妇联授予“三八红旗手”称号")

WARNING_REASONS = (
    "工作日午间饮酒，违反工作纪律",
    "违规公车私用",
    "执法检查中收受管理服务对象礼品",
)
ADMONISHMENT_REASONS = (
    "履行监管职责不到位，辖区投诉事件处置不力",
    "执法程序不规范，造成不良影响",
)
CRITICISM_EDUCATION_REASONS = (
    "工作作风不实，督办事项推进迟缓",
    "上班时间脱岗",
)
DEMERIT_REASONS = ("对辖区食品安全隐患失察，造成严重后果",)
SERIOUS_WARNING_REASONS = (
    "违反中央八项规定精神，违规接受管理服务对象宴请",
    "违规在管理服务对象处报销个人费用",
)
MAJOR_DEMERIT_REASONS = (
    "在食品生产许可现场核查中弄虚作假，造成严重后果",
    "违规泄露举报人信息，造成恶劣影响",
)

TALK_SUMMARIES = {
    "key_post": (
        "开展关键岗位廉政谈话，提醒其严格依法行政、廉洁执法，不得利用职权谋取私利。",
        "围绕执法办案和行政许可廉政风险点谈话，要求严守纪律红线。",
    ),
    "heart": (
        "了解思想动态和工作生活困难，肯定成绩、指出不足，提出下一步工作要求。",
        "交流上半年工作情况，听取对科室工作的意见建议。",
        "谈心谈话，鼓励其在专项整治中发挥骨干作用。",
    ),
    "reminder": ("针对近期工作中出现的苗头性问题进行提醒，本人表示认真整改。",),
    "admonition": ("针对所犯问题进行诫勉谈话，要求深刻反思、限期整改。",),
    "appointment": ("新入职谈话，提出遵守纪律、加强业务学习和廉洁从政要求。",),
    "move": (
        "调整工作岗位任职谈话，提出尽快熟悉新岗位职责、严守廉洁纪律的要求。",
        "交流轮岗任职谈话，交代新岗位廉政风险点，要求做好工作交接。",
    ),
    "quarter": (
        "针对本季度平时考核等次为一般进行提醒谈话，分析原因，提出改进要求。",
        "谈话指出本季度工作中存在的差距，本人表示将端正态度、迎头赶上。",
    ),
}

# Texts of checks that are not simply done, and of the 督查科室's 二级 check
# (the 局领导's are in catalog_notices).
LATE_REASONS = (
    "因人员抽调参加县里中心工作",
    "因上级临时部署专项任务",
    "因监管系统升级数据无法录入",
    "因相关企业停产整顿",
)
MISSED_REASONS = (
    "因人员不足，工作未按计划推进",
    "因配合部门工作未到位",
    "因部分企业停产无法检查",
)
# A 二级 check that confirms the department's account keeps it, with what the
# 督查科室 found put after it; one that changes the status says why instead.
SUPERVISION_FINDINGS = ("（核对属实）", "（经核对属实）", "（核对属实，已补照片）")
SUPERVISION_DOWNGRADE = "督查科室核对：实际完成数量与台账填报不符，核定为部分完成。"
SUPERVISION_UPGRADE = "督查科室核对：剩余工作已于核对前补齐，佐证材料齐全，核定为已完成。"
