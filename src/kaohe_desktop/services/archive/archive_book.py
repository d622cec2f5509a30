"""A person's archive as the printed 人员档案 shows it: PersonArchiveView (the read model the
人员档案 tab shows) → reports.archive_content.PersonArchiveContent, so the print and the
screen never disagree. Here the view's values become the clerk's words (是/否, 不定等次
with its reason); the tables are put oldest first, as a file is read."""

from __future__ import annotations

from kaohe_desktop.reports.archive_content import (
    AnnualLine,
    ChartPoint,
    CommentLine,
    DetailField,
    PersonArchiveContent,
    QuarterLine,
    RecordLine,
    StintLine,
    TalkLine,
)
from kaohe_desktop.services.archive.views import (
    ArchiveAnnual,
    ArchiveQuarter,
    PersonArchiveView,
    RewardView,
)

NOT_GRADED = "不定等次"


def _yes_no(value: bool) -> str:
    return "是" if value else "否"


def person_content(view: PersonArchiveView) -> PersonArchiveContent:
    person = view.person
    details = (
        DetailField("编号", person.code),
        DetailField("姓名", person.name),
        DetailField("性别", person.gender or ""),
        DetailField("出生日期", person.birth_date.isoformat() if person.birth_date else ""),
        DetailField("政治面貌", person.political_status or ""),
        DetailField("参加工作时间", person.work_start.isoformat() if person.work_start else ""),
        DetailField("科室", person.department),
        DetailField("职务职级", person.position or ""),
        DetailField("人员类别", person.category),
        DetailField("关键岗位", _yes_no(person.key_post)),
        DetailField("党政正职", _yes_no(view.principal)),
        DetailField("状态", person.status),
    )
    return PersonArchiveContent(
        code=person.code,
        name=person.name,
        status=person.status,
        in_service=view.in_service,
        details=details,
        stints=tuple(StintLine(s.department, s.start, s.end) for s in view.stints),
        quarters=tuple(_quarter(q) for q in view.quarters),
        chart=tuple(ChartPoint(quarter, value) for quarter, value in view.chart_points()),
        annual=tuple(_annual(a) for a in view.annual),
        commendations=_records(view.commendations),
        disciplines=_records(view.disciplines),
        talks=tuple(
            TalkLine(t.on, t.talker, t.kind, t.summary or "")
            for t in sorted(view.talks, key=lambda t: (t.on, t.id))
        ),
        comments=tuple(
            CommentLine(c.on, c.kind, c.points, c.text)
            for c in sorted(view.comments, key=lambda c: c.on)
        ),
    )


def _quarter(q: ArchiveQuarter) -> QuarterLine:
    if q.no_grade_reason is not None:
        grade, notes = NOT_GRADED, [q.no_grade_reason]
    else:
        grade = q.grade or ""
        notes = [f"调整理由：{q.override_reason}"] if q.override_reason and grade else []
    if q.flag:  # an open quarter's grid flag (并列超出名额 …): the grade may still change
        notes.append(q.flag)
    return QuarterLine(
        label=q.label,
        department=q.department,
        performance=q.performance,
        leader=q.leader,
        comment_points=q.comment_points,
        composite=q.composite,
        grade=grade,
        grade_note="；".join(notes),
        rank=q.rank,
        closed=q.closed,
    )


def _annual(a: ArchiveAnnual) -> AnnualLine:
    return AnnualLine(
        year=a.year,
        grade=a.grade,
        grade_note=a.reason or "",
        good_count=a.good_count,
        eligible=a.eligible,
        limits=a.limits,
        closed=a.closed,
    )


def _records(records: tuple[RewardView, ...]) -> tuple[RecordLine, ...]:
    return tuple(
        RecordLine(
            on=r.on,
            type=r.type,
            doc_no=r.doc_no or "",
            reason=r.reason or "",
            impact_until=r.impact_until,
            effects=r.effects or "",
        )
        for r in sorted(records, key=lambda r: (r.on, r.id))
    )
