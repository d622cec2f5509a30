"""The 操作日志 table: one audit entry per row, its change summed up on one line.

The log stores column names and raw values (before → after as JSON). The clerk reads
Chinese field names, so the common columns are named here; an unknown column shows
its code, which is still better than hiding it. The full JSON is in the tooltip.
"""

from __future__ import annotations

import json
import re
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject

from kaohe_desktop.domain import enums
from kaohe_desktop.domain.enums import LabeledEnum
from kaohe_desktop.domain.roles import Action, Role
from kaohe_desktop.services.access.audit_log import AuditEntryView
from kaohe_desktop.ui.common.table_model import Column, RowTableModel

translate = QCoreApplication.translate

SEQUENCE, TIME, ACCOUNT, ACTION, ENTITY, RECORD, CHANGE = range(7)

# Column names of the audited tables, as the glossary (DESIGN §3) says them, in the
# order a summary lists them: what identifies the record first, bookkeeping last.
FIELD_LABELS = {
    "username": "账号",
    "display_name": "显示名",
    "role": "角色",
    "active": "启用",
    "code": "编号",
    "name": "名称",
    "number": "编号",
    "year": "年度",
    "half": "半年",
    "quarter": "季度",
    "period": "期间",
    "seq": "序号",
    "title": "标题",
    "person_id": "人员ID",
    "task_id": "任务ID",
    "department_id": "科室ID",
    "lead_department_id": "牵头科室ID",
    "notice_id": "督办单ID",
    "check_id": "查账记录ID",
    "category_id": "人员类别ID",
    "gender": "性别",
    "birth_date": "出生日期",
    "political_status": "政治面貌",
    "position": "职务职级",
    "key_post": "关键岗位",
    "work_start": "参加工作时间",
    "status": "状态",
    "group_name": "组别",
    "kind": "类型",
    "type": "类型",
    "category": "类别",
    "level": "级别",
    "color": "颜色",
    "grade": "等次",
    "override": "等次调整",
    "override_reason": "调整理由",
    "no_grade_reason": "不定等次原因",
    "performance": "实绩分",
    "leader": "领导测评分",
    "comment_points": "点评加减分",
    "composite": "综合得分",
    "rank": "排名",
    "tie_flag": "并列超出名额",
    "recommended": "推荐优秀",
    "business": "业务工作",
    "integrity": "党风廉政",
    "civility": "精神文明",
    "attendance": "考勤",
    "bonus": "加分",
    "total": "总分",
    "rank_in_group": "组内排名",
    "rank_overall": "总排名",
    "advanced": "先进科室",
    "flagged": "待研究",
    "points": "分值",
    "deduction": "扣分",
    "deduction_category": "扣分类别",
    "target": "目标要求",
    "deadline": "完成时限",
    "source": "任务来源",
    "actual": "实际完成情况",
    "evidence_text": "佐证材料",
    "checker": "核查人",
    "check_date": "核查日期",
    "items": "整改事项",
    "measures": "整改措施",
    "result": "整改结果",
    "verified": "已核实",
    "verified_by": "核实人",
    "verified_on": "核实日期",
    "closed": "已办结",
    "reason": "事由",
    "doc_no": "文号",
    "talker": "谈话人",
    "summary": "摘要",
    "text": "内容",
    "content": "内容",
    "note": "备注",
    "file_name": "文件名",
    "description": "说明",
    "start_date": "起始日期",
    "end_date": "结束日期",
    "decided_on": "决定日期",
    "awarded_on": "奖励日期",
    "impact_until": "影响期限",
    "talked_on": "谈话日期",
    "commented_on": "点评日期",
    "adjusted_on": "日期",
    "issued_on": "下发日期",
    "first_month": "起始月",
    "last_month": "截止月",
    "closed_at": "关闭时间",
    "closed_by": "关闭人",
    "close_note": "关闭说明",
    "reopened_at": "重新开放时间",
    "reopened_by": "重新开放人",
    "reopen_reason": "重新开放理由",
    "sort_order": "排序",
    "retired": "已撤销",
    "password_hash": "密码",
    "failed_logins": "失败次数",
    "locked_until": "锁定至",
    "action": "操作",
    "from": "原",
    "to": "新",
    "workstation": "计算机",
    "last_heartbeat": "最后心跳",
    "backup": "备份文件",
    "previous_file": "原数据文件",
    "frozen_at": "冻结时间",
    "computed_at": "计算时间",
}
_ORDER = {key: rank for rank, key in enumerate(FIELD_LABELS)}
# Where one column name means different things in different tables.
_ENTITY_FIELD_LABELS = {
    ("person", "name"): "姓名",
    ("department", "name"): "科室名称",
    ("bureau", "name"): "单位名称",
    ("staff_category", "name"): "人员类别",
    ("ledger_task", "title"): "工作任务",
    ("check_record", "status"): "完成情况",
    ("check_record", "level"): "核查层级",
    ("task_department", "position"): "顺序",
}
# Columns that store the code of a glossary enum; the log shows its Chinese label.
_CODED: dict[tuple[str, str], type[LabeledEnum]] = {
    ("account", "role"): Role,
    ("permission", "role"): Role,
    ("permission", "action"): Action,
    ("person", "gender"): enums.Gender,
    ("person", "status"): enums.PersonStatus,
    ("person", "political_status"): enums.PoliticalStatus,
    ("department", "kind"): enums.DepartmentKind,
    ("ledger_task", "category"): enums.TaskCategory,
    ("check_record", "status"): enums.CheckStatus,
    ("check_record", "level"): enums.CheckLevel,
    ("notice", "color"): enums.NoticeColor,
    ("notice", "deduction_category"): enums.AdjustmentCategory,
    ("adjustment", "category"): enums.AdjustmentCategory,
    ("adjustment", "level"): enums.CommendationLevel,
    ("quarterly_assessment", "grade"): enums.QuarterGrade,
    ("quarterly_assessment", "override"): enums.QuarterGrade,
    ("quarterly_assessment", "no_grade_reason"): enums.NoGradeReason,
    ("annual_assessment", "grade"): enums.AnnualGrade,
    ("department_score", "grade"): enums.DepartmentGrade,
    ("commendation", "type"): enums.CommendationType,
    ("discipline", "type"): enums.DisciplineType,
    ("talk", "kind"): enums.TalkKind,
    ("comment", "kind"): enums.CommentKind,
}
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$")
# Bookkeeping columns that change with every save and say nothing to a clerk.
_SKIPPED = frozenset({"id", "version"})
_MAX_VALUE = 40
_MAX_SUMMARY = 300


def _parse(text: str | None) -> Any:
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def _value(entity: str, key: str, value: Any) -> str:
    if value is None or value == "":
        return translate("AuditSummary", "(empty)")
    if isinstance(value, bool):
        return translate("AuditSummary", "yes") if value else translate("AuditSummary", "no")
    text = str(value)
    enum = _CODED.get((entity, key))
    if enum is not None:
        try:
            return enum(text).label
        except ValueError:
            pass  # a code of a newer program version: shown as stored
    if _ISO_DATETIME.match(text):
        text = text.replace("T", " ")
    return text if len(text) <= _MAX_VALUE else text[: _MAX_VALUE - 1] + "…"


def _label(entity: str, key: str) -> str:
    return _ENTITY_FIELD_LABELS.get((entity, key)) or FIELD_LABELS.get(key, key)


def _ordered(values: dict[str, Any]) -> list[str]:
    return sorted(values, key=lambda key: _ORDER.get(key, len(_ORDER)))


def summarize(entry: AuditEntryView) -> str:
    """`姓名：张三 → 张四；科室ID：3 → 5` for a change; `key：value；…` otherwise."""
    before, after = _parse(entry.before_json), _parse(entry.after_json)
    parts: list[str] = []
    if isinstance(before, dict) and isinstance(after, dict):
        for key in _ordered(after):
            if key not in _SKIPPED:
                old = _value(entry.entity, key, before.get(key))
                new = _value(entry.entity, key, after[key])
                parts.append(f"{_label(entry.entity, key)}：{old} → {new}")
    else:
        shown = after if after is not None else before  # an insert or event; a delete
        if isinstance(shown, dict):
            parts = [
                f"{_label(entry.entity, key)}：{_value(entry.entity, key, value)}"
                for key, value in ((key, shown[key]) for key in _ordered(shown))
                if key not in _SKIPPED and value not in (None, "")
            ]
        elif shown is not None:
            parts = [str(shown)]
    text = "；".join(parts)
    return text if len(text) <= _MAX_SUMMARY else text[: _MAX_SUMMARY - 1] + "…"


def _pretty(text: str | None) -> str:
    value = _parse(text)
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)


def full_change(entry: AuditEntryView) -> str | None:
    if entry.before_json is None and entry.after_json is None:
        return None
    return (
        translate("AuditSummary", "Before:")
        + "\n"
        + _pretty(entry.before_json)
        + "\n\n"
        + translate("AuditSummary", "After:")
        + "\n"
        + _pretty(entry.after_json)
    )


class AuditEntryTableModel(RowTableModel[AuditEntryView]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.set_columns(
            [
                Column(
                    self.tr("No."),
                    lambda e: e.id,
                    numeric=True,
                    header_tooltip=self.tr("The entry's place in the chain"),
                ),
                Column(self.tr("Time"), lambda e: f"{e.at:%Y-%m-%d %H:%M:%S}"),
                Column(self.tr("Account"), lambda e: e.account),
                Column(
                    self.tr("Action"),
                    lambda e: e.action_label,
                    color=lambda e: "#c62828" if e.action in ("refused", "login_fail") else None,
                ),
                Column(self.tr("Object"), lambda e: e.entity_label),
                Column(
                    self.tr("Record"),
                    lambda e: e.label or e.entity_id,
                    tooltip=lambda e: f"{e.entity} {e.entity_id}",
                ),
                Column(self.tr("Change"), summarize, tooltip=full_change),
            ]
        )
