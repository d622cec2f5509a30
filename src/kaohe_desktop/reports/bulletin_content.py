"""What a 通报 (the bureau-wide bulletin of one check period) says: plain frozen values,
built by services/checks/bulletin_content_build.py and drawn by reports/pdf_bulletin.py.

The content of an edition is stored as JSON in its BulletinRow and every print is
drawn from that JSON, so a reprint says exactly what the edition said when it was
generated, whatever was edited since. The JSON carries a "format" number: a file
written by a later version with a format this one does not know is refused in words
rather than printed wrong.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from kaohe_desktop.domain.check_rules import CompletionCounts

BULLETIN_FORMAT = 1

NOTHING_DUE = "—"
TOTAL_LABEL = "合计"


@dataclass(frozen=True)
class CountsLine:
    """One row of the department table: a department, or the bureau (合计)."""

    name: str
    due: int  # 应查
    done: int  # 已完成
    late: int  # 逾期完成
    partial: int  # 部分完成
    missed: int  # 未完成
    not_due: int  # 未到期
    unrecorded: int  # 未录入

    @classmethod
    def of(cls, name: str, counts: CompletionCounts) -> CountsLine:
        return cls(name, counts.due, counts.done, counts.late, counts.partial, counts.missed,
                   counts.not_due, counts.unrecorded)  # fmt: skip

    @property
    def rate(self) -> float | None:
        """完成率 by the domain's one rule (CompletionCounts.rate)."""
        return CompletionCounts(self.due, self.done, self.late, self.partial, self.missed,
                                self.not_due, self.unrecorded).rate  # fmt: skip

    def rate_text(self) -> str:
        rate = self.rate
        return NOTHING_DUE if rate is None else f"{rate * 100:.1f}%"


@dataclass(frozen=True)
class NoticeMark:
    """A 督办单 issued for a problem: its number and colour (红/黄/蓝)."""

    number: str
    color: str


@dataclass(frozen=True)
class ProblemItem:
    """A due task × department that is not (or not in time) done, or not recorded."""

    seq: int  # the task's 序号
    title: str  # 工作任务
    department: str
    period: str  # "第二季度" or "5月": which check period it was due in
    status: str  # 未完成 / 部分完成 / 逾期完成 / 逾期未录入
    actual: str  # 实际完成情况, shortened
    notices: tuple[NoticeMark, ...] = ()


@dataclass(frozen=True)
class DoneWell:
    """A department's tasks confirmed 已完成 at 二级 or 三级, briefly."""

    department: str
    items: tuple[str, ...]  # "3.任务（二级核对）"


@dataclass(frozen=True)
class RectificationItem:
    """An earlier 督办单 and where its 整改 stands on the bulletin's date."""

    number: str
    color: str
    department: str
    tasks: str  # "第3、7项" ("" for a notice issued by hand without a task)
    deadline: date  # 整改时限
    status: str  # 已核实 / 整改中 / 逾期未整改
    note: str  # "6月20日核实", "逾期12天", ""


@dataclass(frozen=True)
class BulletinContent:
    bureau: str
    period: str  # "2026Q2" or "2026-05"
    period_label: str  # "2026年第二季度"
    doc_no: str  # 通报〔2026〕第3期 (every edition of a period keeps it)
    edition: int
    issued_on: date
    generated_at: datetime  # when this edition was made (the PDF's creation date)
    generated_by: str
    scope: str  # which tasks it covers, in words
    summary: str  # the opening paragraph
    departments: tuple[CountsLine, ...]  # only those with something due, bureau order
    total: CountsLine
    problems: tuple[ProblemItem, ...]
    done_well: tuple[DoneWell, ...]
    rectifications: tuple[RectificationItem, ...]

    @property
    def title(self) -> str:
        return f"{self.period_label}查账通报"

    @property
    def number_text(self) -> str:
        """The number as printed: 通报〔2026〕第3期, then （第2版） from the second edition."""
        return self.doc_no if self.edition == 1 else f"{self.doc_no}（第{self.edition}版）"

    def to_json(self) -> str:
        return json.dumps(_plain_content(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> BulletinContent:
        """The content an edition stored; ValueError (Chinese) when it cannot be read."""
        try:
            data = json.loads(text)
            found = data.get("format") if isinstance(data, dict) else None
        except ValueError as error:
            raise ValueError(f"通报内容无法读取（{error}）") from None
        if found != BULLETIN_FORMAT:
            raise ValueError(
                f"通报内容的格式（{found}）不是本程序能读的格式（{BULLETIN_FORMAT}），"
                "可能由更新版本的程序生成；请用该版本打印。"
            )
        try:
            return _content(data)
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"通报内容不完整或已损坏（{error!r}）") from None


# --- JSON: plain dicts, dates as ISO text ----------------------------------------------------


def _plain_counts(line: CountsLine) -> dict[str, Any]:
    return {"name": line.name, "due": line.due, "done": line.done, "late": line.late,
            "partial": line.partial, "missed": line.missed, "not_due": line.not_due,
            "unrecorded": line.unrecorded}  # fmt: skip


def _plain_content(content: BulletinContent) -> dict[str, Any]:
    return {
        "format": BULLETIN_FORMAT,
        "bureau": content.bureau,
        "period": content.period,
        "period_label": content.period_label,
        "doc_no": content.doc_no,
        "edition": content.edition,
        "issued_on": content.issued_on.isoformat(),
        "generated_at": content.generated_at.isoformat(),
        "generated_by": content.generated_by,
        "scope": content.scope,
        "summary": content.summary,
        "departments": [_plain_counts(line) for line in content.departments],
        "total": _plain_counts(content.total),
        "problems": [
            {
                "seq": p.seq,
                "title": p.title,
                "department": p.department,
                "period": p.period,
                "status": p.status,
                "actual": p.actual,
                "notices": [[n.number, n.color] for n in p.notices],
            }
            for p in content.problems
        ],
        "done_well": [[d.department, list(d.items)] for d in content.done_well],
        "rectifications": [
            {
                "number": r.number,
                "color": r.color,
                "department": r.department,
                "tasks": r.tasks,
                "deadline": r.deadline.isoformat(),
                "status": r.status,
                "note": r.note,
            }
            for r in content.rectifications
        ],
    }


def _counts(data: dict[str, Any]) -> CountsLine:
    return CountsLine(
        str(data["name"]), int(data["due"]), int(data["done"]), int(data["late"]),
        int(data["partial"]), int(data["missed"]), int(data["not_due"]),
        int(data["unrecorded"]),
    )  # fmt: skip


def _content(data: dict[str, Any]) -> BulletinContent:
    return BulletinContent(
        bureau=str(data["bureau"]),
        period=str(data["period"]),
        period_label=str(data["period_label"]),
        doc_no=str(data["doc_no"]),
        edition=int(data["edition"]),
        issued_on=date.fromisoformat(data["issued_on"]),
        generated_at=datetime.fromisoformat(data["generated_at"]),
        generated_by=str(data["generated_by"]),
        scope=str(data["scope"]),
        summary=str(data["summary"]),
        departments=tuple(_counts(line) for line in data["departments"]),
        total=_counts(data["total"]),
        problems=tuple(
            ProblemItem(
                int(p["seq"]),
                str(p["title"]),
                str(p["department"]),
                str(p["period"]),
                str(p["status"]),
                str(p["actual"]),
                tuple(NoticeMark(str(number), str(color)) for number, color in p["notices"]),
            )
            for p in data["problems"]
        ),
        done_well=tuple(
            DoneWell(str(name), tuple(str(i) for i in items)) for name, items in data["done_well"]
        ),
        rectifications=tuple(
            RectificationItem(
                str(r["number"]),
                str(r["color"]),
                str(r["department"]),
                str(r["tasks"]),
                date.fromisoformat(r["deadline"]),
                str(r["status"]),
                str(r["note"]),
            )
            for r in data["rectifications"]
        ),
    )
