"""domain/archive_records: what a 奖惩 or 谈心谈话 entered by hand may hold; each problem
names the field a dialog marks, in the clerk's words."""

from __future__ import annotations

from datetime import date

import pytest

from kaohe_desktop.domain.archive_records import (
    RecordField,
    RecordProblem,
    RewardDraft,
    TalkDraft,
    reward_problems,
    talk_problems,
)
from kaohe_desktop.domain.discipline_rules import default_impact_until
from kaohe_desktop.domain.enums import CommendationType, DisciplineType, TalkKind

TODAY = date(2026, 12, 20)
WARNING = DisciplineType.WARNING
PRAISE = CommendationType.COMMENDATION


def fields(problems: list[RecordProblem]) -> list[RecordField]:
    return [p.field for p in problems]


def test_a_complete_discipline_with_its_default_impact_has_no_problem() -> None:
    on = date(2026, 1, 31)
    draft = RewardDraft(
        WARNING, on, "违反工作纪律", "县监纪〔2026〕3号", default_impact_until(WARNING, on)
    )
    assert draft.is_discipline
    assert draft.impact_until == date(2026, 7, 30)
    assert reward_problems(draft, TODAY) == []


def test_a_commendation_today_is_fine() -> None:
    draft = RewardDraft(PRAISE, TODAY, "食品安全专项检查成绩突出", "县政〔2026〕8号")
    assert not draft.is_discipline
    assert reward_problems(draft, TODAY) == []


@pytest.mark.parametrize(
    ("kind", "on", "message"),
    [
        (WARNING, date(2026, 12, 21), "处分日期 2026-12-21 晚于今天，请核对"),
        (PRAISE, date(2026, 12, 21), "奖励日期 2026-12-21 晚于今天，请核对"),
        (PRAISE, date(1949, 12, 31), "奖励日期 1949-12-31 早于 1950 年，请核对"),
    ],
)
def test_date_out_of_range(kind: DisciplineType | CommendationType, on: date, message: str) -> None:
    assert reward_problems(RewardDraft(kind, on), TODAY) == [
        RecordProblem(RecordField.DATE, message)
    ]


def test_the_earliest_date_is_allowed() -> None:
    assert reward_problems(RewardDraft(PRAISE, date(1950, 1, 1)), TODAY) == []


def test_each_problem_names_its_field() -> None:
    draft = RewardDraft(
        WARNING, date(2026, 5, 1), "x" * 501, "=SUM(A1)", impact_until=date(2026, 4, 30)
    )
    assert reward_problems(draft, TODAY) == [
        RecordProblem(RecordField.DOC_NO, "文号不能是公式（=SUM(A1)），请填写实际内容"),
        RecordProblem(RecordField.REASON, "事由最多 500 个字，现在是 501 个"),
        RecordProblem(RecordField.IMPACT_UNTIL, "影响期至 2026-04-30 早于处分日期 2026-05-01"),
    ]


def test_impact_until_on_the_decision_day_is_fine() -> None:
    assert reward_problems(RewardDraft(WARNING, TODAY, impact_until=TODAY), TODAY) == []


def test_doc_no_at_its_limit_after_cleaning() -> None:
    # surrounding spaces and zero-width characters are not counted
    doc = "  " + "文" * 60 + "\u200b "
    assert reward_problems(RewardDraft(PRAISE, TODAY, doc_no=doc), TODAY) == []
    assert fields(reward_problems(RewardDraft(PRAISE, TODAY, doc_no="文" * 61), TODAY)) == [
        RecordField.DOC_NO
    ]


def test_cleaned_drafts() -> None:
    draft = RewardDraft(WARNING, TODAY, reason="  ", doc_no=" 县监纪\u200b〔2026〕3号 ").cleaned()
    assert (draft.reason, draft.doc_no) == (None, "县监纪〔2026〕3号")
    talk = TalkDraft(TODAY, "  王局长 ", TalkKind.REMINDER, " \n ").cleaned()
    assert (talk.talker, talk.summary) == ("王局长", None)


def test_a_talk_with_talker_is_fine() -> None:
    assert (
        talk_problems(TalkDraft(TODAY, "王局长", TalkKind.REMINDER, "二季度一般，提醒"), TODAY)
        == []
    )
    assert talk_problems(TalkDraft(TODAY, "王局长", None), TODAY) == []


def test_talk_problems() -> None:
    assert talk_problems(TalkDraft(TODAY, "  "), TODAY) == [
        RecordProblem(RecordField.TALKER, "请填写谈话人")
    ]
    assert talk_problems(TalkDraft(date(2027, 1, 1), "x" * 41, summary="y" * 1001), TODAY) == [
        RecordProblem(RecordField.DATE, "谈话日期 2027-01-01 晚于今天，请核对"),
        RecordProblem(RecordField.TALKER, "谈话人最多 40 个字，现在是 41 个"),
        RecordProblem(RecordField.SUMMARY, "内容摘要最多 1000 个字，现在是 1001 个"),
    ]
    assert fields(talk_problems(TalkDraft(TODAY, "=A1"), TODAY)) == [RecordField.TALKER]
