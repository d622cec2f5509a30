"""What a 奖惩 (奖励 or 处分·组织处理) or 谈心谈话 record entered by hand may hold.

One place for the dialogs, which check as the clerk types, and for the archive's
record service, which checks again inside its write: the date (not in the future, not
before 1950), the type, 文号 and 事由 within their column lengths, an impact end not
before the decision, 谈话人 required. Each problem names its field, so a dialog can
mark the field at fault. The default impact end of a type is
domain/discipline_rules.default_impact_until.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from kaohe_desktop.domain.enums import CommendationType, DisciplineType, TalkKind
from kaohe_desktop.domain.text_rules import DOC_NO, PERSON_REF, REASON, TALK_SUMMARY, cleaned

EARLIEST = date(1950, 1, 1)


class RecordField(StrEnum):
    DATE = "date"
    TYPE = "type"
    DOC_NO = "doc_no"
    REASON = "reason"
    IMPACT_UNTIL = "impact_until"
    TALKER = "talker"
    KIND = "kind"
    SUMMARY = "summary"


@dataclass(frozen=True)
class RecordProblem:
    field: RecordField
    message: str


@dataclass(frozen=True)
class RewardDraft:
    """A 奖励 (type a CommendationType) or a 处分·组织处理 (a DisciplineType)."""

    type: CommendationType | DisciplineType
    on: date
    reason: str | None = None
    doc_no: str | None = None
    impact_until: date | None = None

    @property
    def is_discipline(self) -> bool:
        return isinstance(self.type, DisciplineType)

    def cleaned(self) -> RewardDraft:
        return replace(
            self,
            reason=cleaned(REASON, self.reason or "") or None,
            doc_no=cleaned(DOC_NO, self.doc_no or "") or None,
        )


@dataclass(frozen=True)
class TalkDraft:
    on: date
    talker: str
    kind: TalkKind | None = TalkKind.HEART_TO_HEART
    summary: str | None = None

    def cleaned(self) -> TalkDraft:
        return replace(
            self,
            talker=cleaned(PERSON_REF, self.talker or ""),
            summary=cleaned(TALK_SUMMARY, self.summary or "") or None,
        )


def _date_problems(on: date | None, today: date, what: str) -> list[RecordProblem]:
    if on is None:
        return [RecordProblem(RecordField.DATE, f"请填写{what}")]
    if on > today:
        return [RecordProblem(RecordField.DATE, f"{what} {on.isoformat()} 晚于今天，请核对")]
    if on < EARLIEST:
        return [RecordProblem(RecordField.DATE, f"{what} {on.isoformat()} 早于 1950 年，请核对")]
    return []


def reward_problems(draft: RewardDraft, today: date) -> list[RecordProblem]:
    draft = draft.cleaned()
    what = "处分日期" if draft.is_discipline else "奖励日期"
    found = _date_problems(draft.on, today, what)
    for value, rule, field, label in (
        (draft.doc_no, DOC_NO, RecordField.DOC_NO, "文号"),
        (draft.reason, REASON, RecordField.REASON, "事由"),
    ):
        problem = rule.problem(value or "", label)
        if problem is not None:
            found.append(RecordProblem(field, problem))
    if draft.impact_until is not None and draft.impact_until < draft.on:
        found.append(
            RecordProblem(
                RecordField.IMPACT_UNTIL,
                f"影响期至 {draft.impact_until.isoformat()} 早于{what} {draft.on.isoformat()}",
            )
        )
    return found


def talk_problems(draft: TalkDraft, today: date) -> list[RecordProblem]:
    draft = draft.cleaned()
    found = _date_problems(draft.on, today, "谈话日期")
    if not draft.talker:
        found.append(RecordProblem(RecordField.TALKER, "请填写谈话人"))
    else:
        problem = PERSON_REF.problem(draft.talker, "谈话人")
        if problem is not None:
            found.append(RecordProblem(RecordField.TALKER, problem))
    problem = TALK_SUMMARY.problem(draft.summary or "", "内容摘要")
    if problem is not None:
        found.append(RecordProblem(RecordField.SUMMARY, problem))
    return found
