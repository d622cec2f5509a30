"""The 督办单 and 整改 sheets of the exchange workbook (issue 13), both directions.

A notice is keyed by its 编号 (督办〔2026〕第3号, brackets folded), which gives its
year and serial; its tasks are one 年度 and one or several 序号 ("3、7"), or none
for a notice issued by hand. A rectification is keyed by the number of its notice:
one per notice. What a row says about the file (the 科室, the tasks, whether 已办结
is verified) is checked against the data file later (services/exchange/notice_refs).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from kaohe_desktop.domain import exchange_schema as schema
from kaohe_desktop.domain import text_rules as rules
from kaohe_desktop.domain.check_rules import parse_notice_number
from kaohe_desktop.domain.enums import NoticeColor
from kaohe_desktop.domain.exchange_codec import Fail, SheetCodec, label
from kaohe_desktop.domain.exchange_fields import (
    CHECK_PERIOD,
    DATE,
    DEPARTMENT,
    NOTICE_DEDUCTION,
    NOTICE_NUMBER,
    NOTICE_STATE,
    TASK_SEQS,
    YEAR,
    notice_state_label,
    text_field,
)
from kaohe_desktop.domain.exchange_fields import choice as _choice
from kaohe_desktop.domain.records import NoticeRecord, RectificationRecord


def _check_notice(v: Mapping[str, Any], fail: Fail) -> None:
    if "年度" in v and "序号" in v:
        if v["年度"] is not None and v["序号"] is None:
            fail("序号", "填写了年度，还应填写所督办任务的序号")
        elif v["年度"] is None and v["序号"] is not None:
            fail("年度", "填写了任务序号，还应填写任务的年度")
    number, issued, deadline = v.get("编号"), v.get("下达日期"), v.get("整改时限")
    if isinstance(number, str) and isinstance(issued, date):
        year, _serial = parse_notice_number(number)
        if year != issued.year:  # 督办〔2026〕… is issued in 2026
            fail("下达日期", f"下达日期 {issued.isoformat()} 不在编号的年份 {year} 年内")
    if isinstance(issued, date) and isinstance(deadline, date) and deadline < issued:
        fail("整改时限", "整改时限早于下达日期")


def _check_rectification(v: Mapping[str, Any], fail: Fail) -> None:
    if "核实人" in v and "核实日期" in v:
        if v["核实人"] is not None and v["核实日期"] is None:
            fail("核实日期", "填写了核实人，还应填写核实日期")
        elif v["核实人"] is None and v["核实日期"] is not None:
            fail("核实人", "填写了核实日期，还应填写核实人")


def _seqs_cell(seqs: tuple[int, ...]) -> object:
    """One 序号 as a number, several as 3、7 (the way the import reads them)."""
    if not seqs:
        return None
    return seqs[0] if len(seqs) == 1 else "、".join(str(seq) for seq in seqs)


# Laid out by hand, a few columns a line, to read like the sheet (as in exchange_sheets).
# fmt: off
NOTICES_CODEC = SheetCodec(
    schema.NOTICES,
    "notices",
    {
        "编号": NOTICE_NUMBER, "颜色": _choice(NoticeColor), "科室": DEPARTMENT,
        "年度": YEAR, "序号": TASK_SEQS, "期间": CHECK_PERIOD,
        "问题": text_field(rules.NOTICE_PROBLEM), "整改时限": DATE,
        "扣分": NOTICE_DEDUCTION, "下达日期": DATE, "状态": NOTICE_STATE,
    },
    lambda v: NoticeRecord(
        v["编号"], v["颜色"], v["科室"], v["问题"], v["整改时限"], v["下达日期"], v["年度"],
        v["序号"] or (), v["期间"], v["扣分"], v["状态"],
    ),
    lambda r: {
        "编号": r.number, "颜色": label(r.color), "科室": r.department, "年度": r.task_year,
        "序号": _seqs_cell(r.task_seqs), "期间": r.period, "问题": r.problem,
        "整改时限": r.deadline, "扣分": r.deduction, "下达日期": r.issued_on,
        "状态": None if r.closed is None else notice_state_label(r.closed),
    },
    _check_notice,
)

RECTIFICATIONS_CODEC = SheetCodec(
    schema.RECTIFICATIONS,
    "rectifications",
    {
        "督办单编号": NOTICE_NUMBER, "整改目标": text_field(rules.RECTIFICATION_TEXT),
        "整改事项": text_field(rules.RECTIFICATION_TEXT), "整改时限": DATE,
        "整改措施": text_field(rules.RECTIFICATION_TEXT),
        "整改结果": text_field(rules.RECTIFICATION_TEXT),
        "核实人": text_field(rules.PERSON_REF), "核实日期": DATE,
    },
    lambda v: RectificationRecord(
        v["督办单编号"], v["整改目标"], v["整改事项"], v["整改时限"], v["整改措施"],
        v["整改结果"], v["核实人"], v["核实日期"],
    ),
    lambda r: {
        "督办单编号": r.notice, "整改目标": r.target, "整改事项": r.items,
        "整改时限": r.deadline, "整改措施": r.measures, "整改结果": r.result,
        "核实人": r.verified_by, "核实日期": r.verified_on,
    },
    _check_rectification,
)
# fmt: on
