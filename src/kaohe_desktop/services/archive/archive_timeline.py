"""A person's archive as one dated timeline, newest first (PersonArchive.entries): the
人员档案 tab's list before issue 15, kept while the tab is rebuilt. Every line comes from
the archive (PersonArchiveView), so the two never disagree."""

from __future__ import annotations

from datetime import date

from kaohe_desktop.domain.periods import parse_quarter
from kaohe_desktop.services.archive.views import (
    ArchiveAnnual,
    ArchiveEntry,
    ArchiveQuarter,
    PersonArchiveView,
    RewardView,
)


def timeline(view: PersonArchiveView) -> list[ArchiveEntry]:
    entries = [_quarter_entry(q) for q in view.quarters]
    entries += [_annual_entry(a) for a in view.annual]
    entries += [
        ArchiveEntry(c.on, f"点评（{c.kind}）", f"{c.points:+}", c.text) for c in view.comments
    ]
    entries += [_reward_entry(r) for r in view.commendations + view.disciplines]
    entries += [ArchiveEntry(t.on, t.kind, f"谈话人：{t.talker}", t.summary) for t in view.talks]
    entries.sort(key=lambda e: (e.date is not None, e.date), reverse=True)
    return entries


def _quarter_entry(q: ArchiveQuarter) -> ArchiveEntry:
    if q.no_grade_reason is not None:
        summary = f"不定等次（{q.no_grade_reason}）"
    elif q.composite is not None:
        summary = f"综合得分 {q.composite}"
    else:
        summary = "未录入得分"
    parts = []
    if q.grade is not None:
        rank = f"（第 {q.rank} 名）" if q.rank is not None else ""
        parts.append(f"等次 {q.grade}{rank}{'' if q.closed else '，季度未关闭'}")
    if q.flag is not None:
        parts.append(q.flag)
    parts.append(f"实绩分 {q.performance}，领导测评分 {q.leader}，点评 {q.comment_points:+}")
    return ArchiveEntry(
        parse_quarter(q.quarter).end, f"平时考核 {q.label}", summary, "；".join(parts)
    )


def _annual_entry(a: ArchiveAnnual) -> ArchiveEntry:
    summary = a.grade if a.closed else f"{a.grade}（年度未关闭）"
    parts = [p for p in (a.limits, a.reason, a.note) if p]
    return ArchiveEntry(
        date(a.year, 12, 31), f"年度考核 {a.year}年度", summary, "；".join(parts) or None
    )


def _reward_entry(r: RewardView) -> ArchiveEntry:
    if not r.discipline:
        return ArchiveEntry(r.on, "奖励", r.type, _doc(r.doc_no, r.reason))
    until = f"，影响期至 {r.impact_until}" if r.impact_until else ""
    detail = "；".join(p for p in (_doc(r.doc_no, r.reason), r.effects) if p) or None
    return ArchiveEntry(r.on, "处分·组织处理", r.type + until, detail)


def _doc(doc_no: str | None, reason: str | None) -> str | None:
    parts = [p for p in (reason, f"（{doc_no}）" if doc_no else None) if p]
    return "".join(parts) or None
