"""A small bureau with a worked 2026 for the 年度考核 outputs, built through the real
services: the exchange import (people, the four quarters' scores, two disciplines),
the quarters' close, and the 年度考核 decisions.

Eleven people on every quarter's roster, so each quarter's 好 quota is ⌊11 × 40%⌋ = 4
(scores 95 / 94 / 93 / 92 take 好, 85 is 较好, 70 一般):

| 编号 | 姓名 | 科室 | Q1 Q2 Q3 Q4         | 2026                                         |
|------|------|------|---------------------|----------------------------------------------|
| A01  | 张一 | 综合科 | 好 好 好 好        | eligible, recommended 优秀                    |
| A02  | 王二 | 综合科 | 好 好 较好 较好    | eligible (exactly half 好), 称职               |
| A03  | 李三 | 市场科 | 好 好 一般 好      | 三季度一般 bars 优秀                          |
| A04  | 赵四 | 市场科 | 好 好 好 好        | 2026-05-10 警告 bars 优秀                     |
| A05  | 钱五 | 市场科 | 较好 ×4            | 2026-03-01 记过: 不定等次                     |
| A06  | 孙六 | 综合科 | 较好 ×4            | 不参加 set by hand ("长期病休")               |
| F01  | 周七 | 综合科 | 较好 ×4            | 基本称职 set by hand with a reason            |
| F02–F05 |   | 市场科 | 较好 ×4            | 称职                                          |

Participants: everyone but A05 and A06 = 9, so 优秀名额 ⌊9 × 20%⌋ = 1, 已推荐 1.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.factories import Master

from kaohe_desktop.domain.enums import AnnualGrade, DisciplineType, Gender, PoliticalStatus
from kaohe_desktop.domain.records import (
    AssessmentRecord,
    DepartmentRecord,
    ExchangeBook,
    PersonRecord,
    RewardRecord,
)
from kaohe_desktop.services.workspace import Workspace

YEAR = 2026
STAFF = "一般公务员"
GOOD = ("95", "94", "93", "92")  # the four 好 of a quarter, best first
FAIR, POOR = "85", "70"
# 编号, 姓名, 科室, 职务职级, the four quarters' scores
PEOPLE = (
    ("A01", "张一", "综合科", "一级主任科员", ("95", "95", "95", "95")),
    ("A02", "王二", "综合科", "二级主任科员", ("94", "94", FAIR, FAIR)),
    ("A03", "李三", "市场科", "四级主任科员", ("93", "93", POOR, "94")),
    ("A04", "赵四", "市场科", "一级科员", ("92", "92", "94", "93")),
    ("A05", "钱五", "市场科", "一级科员", (FAIR,) * 4),
    ("A06", "孙六", "综合科", "二级科员", (FAIR,) * 4),
    ("F01", "周七", "综合科", "一级科员", (FAIR,) * 4),
    ("F02", "吴八", "市场科", "一级科员", (FAIR,) * 4),
    ("F03", "郑九", "市场科", "一级科员", (FAIR,) * 4),
    ("F04", "冯十", "市场科", "一级科员", (FAIR,) * 4),
    ("F05", "陈十一", "市场科", "=1+1", (FAIR,) * 4),  # a post that looks like a formula
)
NAMES = {code: name for code, name, *_ in PEOPLE}
RECOMMENDED = ("A01",)
NOT_PARTICIPATING_REASON = "长期病休"
BASIC_REASON = "全年多次迟报统计数据"
NOTE = "已于12月述职"


def _book() -> ExchangeBook:
    people = [
        PersonRecord(
            code, name, department, STAFF, position=position, work_start=date(2020, 1, 1),
            gender=Gender.MALE if n % 2 == 0 else Gender.FEMALE,
            birth_date=date(1985, 3, 10) if code == "A01" else None,
            political_status=PoliticalStatus.CPC_MEMBER if code == "A01" else None,
        )
        for n, (code, name, department, position, _scores) in enumerate(PEOPLE)
    ]  # fmt: skip
    assessments = [
        AssessmentRecord(f"{YEAR}Q{q + 1}", code, Decimal(scores[q]), Decimal(scores[q]))
        for code, _name, _department, _position, scores in PEOPLE
        for q in range(4)
    ]
    rewards = [
        RewardRecord("A04", date(YEAR, 5, 10), DisciplineType.WARNING, reason="迟报"),
        RewardRecord("A05", date(YEAR, 3, 1), DisciplineType.DEMERIT, reason="违规"),
    ]
    return ExchangeBook(
        departments=[DepartmentRecord("综合科", order=1), DepartmentRecord("市场科", order=2)],
        people=people,
        assessments=assessments,
        rewards=rewards,
    )


def ids(workspace: Workspace) -> dict[str, int]:
    return {person.code: person.id for person in workspace.people.listing()}


def _annual_bureau(workspace: Workspace) -> None:
    """The bureau with Q1–Q3 closed, Q4 open, and the year's decisions made."""
    workspace.importer.apply(_book())
    for quarter in (1, 2, 3):
        workspace.periods.close(f"{YEAR}Q{quarter}")
    people = ids(workspace)
    lease = workspace.annual.acquire_lease(YEAR)
    try:
        for code in RECOMMENDED:
            workspace.annual.recommend(YEAR, people[code], [lease])
        workspace.annual.set_grade(
            YEAR, people["A06"], AnnualGrade.NOT_PARTICIPATING, NOT_PARTICIPATING_REASON, [lease]
        )
        workspace.annual.set_grade(
            YEAR, people["F01"], AnnualGrade.BASICALLY_COMPETENT, BASIC_REASON, [lease]
        )
        workspace.annual.set_note(YEAR, people["A02"], NOTE, [lease])
    finally:
        workspace.leases.release(lease)


ANNUAL_BUREAU = Master(fill=_annual_bureau)
