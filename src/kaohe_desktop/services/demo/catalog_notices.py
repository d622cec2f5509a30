"""What the demo's 督办单 follow-up writes: 整改 plans and results, the 局领导's notes.

Pure data in a 督查科室's words; `{title}` is the task's name.
"""

from __future__ import annotations

from dataclasses import dataclass

from kaohe_desktop.domain.enums import CheckStatus

LEADERSHIP_NOTES = (
    "局领导抽查：现场抽查{n}家，情况属实。",
    "局领导抽查：调阅台账资料，完成情况属实。",
    "局领导抽查：调阅检查记录和影像资料，与台账填报一致。",
)


@dataclass(frozen=True)
class RectificationText:
    target: str  # 整改目标
    items: str  # 整改事项
    measures: str  # 整改措施
    result: str  # 整改结果, once done


# By the status the notice was issued for; None: a task with nothing recorded.
RECTIFICATIONS: dict[CheckStatus | None, RectificationText] = {
    CheckStatus.MISSED: RectificationText(
        "全面完成“{title}”本期未完成的工作任务",
        "补做本期未完成的检查、整理佐证材料并补录台账",
        "科室负责人牵头，倒排工期、专人负责，每周向督查科室报告进度",
        "已补做未完成的工作，佐证材料齐全，台账已补录，经督查科室核对属实。",
    ),
    CheckStatus.PARTIAL: RectificationText(
        "完成“{title}”本期剩余的工作量",
        "按计划补齐剩余工作，补充完善佐证材料",
        "调配人员集中攻坚，完成一项销号一项",
        "剩余工作已全部完成，补充检查记录和影像资料已归档。",
    ),
    CheckStatus.LATE: RectificationText(
        "杜绝“{title}”再次逾期",
        "分析逾期原因，制定时间节点计划",
        "建立周调度制度，临近时限提前提醒，按时报送完成情况",
        "已制定时间节点计划并落实周调度，后续各期均按时完成。",
    ),
    None: RectificationText(
        "按时报送“{title}”的完成情况",
        "补录本期查账记录，提交佐证材料",
        "明确专人负责台账报送，每月25日前完成录入",
        "已补录查账记录并提交佐证材料。",
    ),
}
