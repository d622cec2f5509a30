"""BulletinService: the 通报 of a period, its numbered editions, and the PDF read back.

The bureau (tests/services/checks/bulletin_bureau.py) is small enough that every count
of its 2026Q2 bulletin is worked out by hand there."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select
from tests.factories import Clock, CopyMaster, sign_in
from tests.services.checks.bulletin_bureau import (
    APRIL,
    BULLETIN_BUREAU,
    EXPECTED,
    GENERATED,
    INSPECTION,
    ISSUED,
    JUNE,
    LEGAL,
    LONG_ACTUAL_SHORT,
    MAY,
    OFFICE,
    Q2,
    TITLES,
)

from kaohe_desktop.domain.check_rules import count_statuses
from kaohe_desktop.domain.enums import CheckLevel, CheckStatus
from kaohe_desktop.domain.periods import Month, Quarter
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.reports.bulletin_content import BulletinContent
from kaohe_desktop.services.checks.counters import last_serial
from kaohe_desktop.services.checks.views import CheckChange
from kaohe_desktop.services.errors import InputError, PeriodClosedError, PermissionDeniedError
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.storage.models import BulletinRow


@pytest.fixture
def bureau(copy_master: CopyMaster) -> Path:
    return copy_master(BULLETIN_BUREAU)


@pytest.fixture
def admin(bureau: Path) -> Iterator[Workspace]:
    workspace = sign_in(bureau, Role.ADMIN, daily_backup=False, clock=Clock(GENERATED))
    yield workspace
    workspace.close()


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _flat(text: str) -> str:
    return "".join(text.split())


def _printed_counts(text: str) -> dict[str, tuple[int | str, ...]]:
    """The department table as pypdf reads it (one cell a line): the header from 科室 to
    完成率, then per row the name, the counts and the rate, up to the note under it."""
    cells = [line.strip() for line in text.splitlines() if line.strip()]
    start = cells.index("科室")
    end = cells.index("完成率", start)
    labels = cells[start + 1 : end]
    assert labels == ["应查", "已完成", "逾期完成", "部分完成", "未完成", "未录入"]
    found: dict[str, tuple[int | str, ...]] = {}
    position = end + 1
    while not cells[position].startswith("完成率 ="):
        name, *numbers, rate = cells[position : position + len(labels) + 2]
        assert re.fullmatch(r"\d+\.\d%|—", rate), rate
        found[name] = (*(int(n) for n in numbers), rate)
        position += len(labels) + 2
    return found


def _service_counts(ws: Workspace) -> dict[str, tuple[int | str, ...]]:
    """The same counts from the due lists the 查账 page shows (a quarter and its months)."""
    rows = [row for p in (Q2, APRIL, MAY, JUNE) for row in ws.checks.due_list(p).rows]
    found: dict[str, tuple[int | str, ...]] = {}
    for name in dict.fromkeys(row.department for row in rows):
        c = count_statuses(row.standing for row in rows if row.department == name)
        found[name] = (c.due, c.done, c.late, c.partial, c.missed, c.unrecorded, c.rate_text())
    c = count_statuses(row.standing for row in rows)
    found["合计"] = (c.due, c.done, c.late, c.partial, c.missed, c.unrecorded, c.rate_text())
    return found


def test_the_printed_counts_are_the_due_lists_counts_and_the_hand_worked_ones(
    admin: Workspace, tmp_path: Path
) -> None:
    view = admin.bulletins.generate(Q2, ISSUED)
    assert (view.period, view.edition, view.doc_no) == ("2026Q2", 1, "通报〔2026〕第1期")
    assert view.title == "2026年第二季度查账通报"
    assert (view.issued_on, view.created_by, view.created_at) == (ISSUED, "admin", GENERATED)
    out = admin.bulletins.write_pdf(Q2, tmp_path / "通报.pdf")
    text = _text(out)

    printed = _printed_counts(text)
    assert printed == _service_counts(admin) == EXPECTED
    assert list(printed) == [OFFICE, LEGAL, "合计"]  # the bureau's order; 稽查大队 has nothing due
    assert INSPECTION not in text
    flat = _flat(text)
    assert (
        _flat(
            "本期应查7项（常规工作3项，重点工作4项次），已完成3项，逾期完成1项，部分完成1项，"
            "未完成1项，未录入1项，完成率57.1%。完成率最高的是办公室（100.0%），最低的是法规科"
            "（0.0%）。针对本期问题已下达督办单1份（红色1份）。通报所列督办事项3项中，已核实1项，"
            "整改中1项，逾期未整改1项。"
        )
        in flat
    )
    assert "通报〔2026〕第1期" in flat and "2026年7月6日" in flat and "第2版" not in flat
    assert "第1页共" in flat and "生成日期：2026年7月6日" in flat


def _content(ws: Workspace, edition: int = 1) -> BulletinContent:
    with ws._uow.read() as session:
        row = session.scalars(
            select(BulletinRow).where(BulletinRow.period == str(Q2), BulletinRow.edition == edition)
        ).one()
        return BulletinContent.from_json(row.content_json)


def test_problems_done_well_and_rectifications_as_worked_out(admin: Workspace) -> None:
    admin.bulletins.generate(Q2, ISSUED)
    content = _content(admin)
    problems = [
        (
            p.seq,
            p.department,
            p.period,
            p.status,
            p.actual,
            [(n.number, n.color) for n in p.notices],
        )
        for p in content.problems
    ]
    assert problems == [
        (4, OFFICE, "5月", "逾期完成", "5月8日完成", []),
        (1, LEGAL, "第二季度", "未完成", "因人员不足未开展", [("督办〔2026〕第4号", "红")]),
        (2, LEGAL, "第二季度", "逾期未录入", "应于6月30日前完成，未录入查账记录", []),
        (5, LEGAL, "5月", "部分完成", LONG_ACTUAL_SHORT, []),
    ]
    assert [(d.department, d.items) for d in content.done_well] == [
        (OFFICE, (f"1.{TITLES[1]}（二级核对）", f"4.{TITLES[4]}（4月、6月，二级核对、三级抽查）"))
    ]
    rectifications = [
        (r.number, r.color, r.department, r.tasks, r.deadline, r.status, r.note)
        for r in content.rectifications
    ]
    assert rectifications == [
        ("督办〔2026〕第1号", "黄", LEGAL, "第1项", date(2026, 4, 30), "逾期未整改", "逾期67天"),
        ("督办〔2026〕第3号", "黄", OFFICE, "", date(2026, 4, 20), "已核实", "5月10日核实"),
        ("督办〔2026〕第4号", "红", LEGAL, "第1项", date(2026, 7, 20), "整改中", ""),
    ]
    assert BulletinContent.from_json(content.to_json()) == content


def _mark_done(ws: Workspace, seq: int, department: str) -> None:
    """A later edit through the 查账 service: the check of `seq` × `department` in Q2 is
    now 已完成 at 一级."""
    (row,) = [r for r in ws.checks.due_list(Q2).rows if (r.seq, r.department) == (seq, department)]
    lease = ws.checks.acquire_lease(Q2, row.department_id)
    entry = row.entry(CheckLevel.LEAD)
    change = CheckChange(
        row.task_id, row.department_id, CheckLevel.LEAD, entry.version if entry else None,
        status=CheckStatus.DONE,
    )  # fmt: skip
    ws.checks.set_checks(Q2, [change], [lease])
    ws.leases.release(lease)


def test_a_reprint_is_the_same_file_after_later_edits_and_a_new_edition_keeps_the_number(
    admin: Workspace, tmp_path: Path
) -> None:
    admin.bulletins.generate(Q2, ISSUED)
    first = admin.bulletins.write_pdf(Q2, tmp_path / "第一次.pdf").read_bytes()
    _mark_done(admin, 1, LEGAL)
    reprint = admin.bulletins.write_pdf(Q2, tmp_path / "重印.pdf").read_bytes()
    assert reprint == first

    second = admin.bulletins.generate(Q2, date(2026, 7, 10))
    assert (second.edition, second.doc_no) == (2, "通报〔2026〕第1期")
    assert [v.edition for v in admin.bulletins.editions(Q2)] == [1, 2]
    assert admin.bulletins.latest(Q2) == second
    newer = admin.bulletins.write_pdf(Q2, tmp_path / "第二版.pdf")
    assert newer.read_bytes() != first
    text = _text(newer)
    assert "通报〔2026〕第1期（第2版）" in _flat(text)
    assert _printed_counts(text)[LEGAL] == (3, 1, 0, 1, 0, 1, "33.3%")
    # The first edition is still there, unchanged.
    again = admin.bulletins.write_pdf(Q2, tmp_path / "第一版.pdf", edition=1).read_bytes()
    assert again == first


def test_numbers_follow_the_year_and_are_never_given_twice(admin: Workspace) -> None:
    assert admin.bulletins.generate(Q2, ISSUED).doc_no == "通报〔2026〕第1期"
    assert admin.bulletins.generate(MAY, date(2026, 6, 5)).doc_no == "通报〔2026〕第2期"
    assert admin.bulletins.generate(Q2, ISSUED).doc_no == "通报〔2026〕第1期"  # 第2版
    assert admin.bulletins.generate(Quarter(2026, 3), date(2026, 10, 8)).doc_no == (
        "通报〔2026〕第3期"
    )
    # A refused bulletin takes no number: 2026Q4 has task 1 due but nothing recorded,
    # 2025 has no task at all.
    with pytest.raises(InputError, match="2026年第四季度还没有录入任何查账记录"):
        admin.bulletins.generate(Quarter(2026, 4), date(2026, 12, 28))
    with pytest.raises(InputError, match="2025年7月没有应查的任务"):
        admin.bulletins.generate(Month(2025, 7), date(2026, 8, 3))
    # Issued in the next year: that year's first number.
    assert admin.bulletins.generate(JUNE, date(2027, 1, 4)).doc_no == "通报〔2027〕第1期"
    assert admin.bulletins.generate(APRIL, date(2026, 5, 6)).doc_no == "通报〔2026〕第4期"
    # Even a bulletin removed behind the program's back does not give its number again.
    admin._uow.write(
        lambda session: session.delete(
            session.scalars(select(BulletinRow).where(BulletinRow.period == "2026-04")).one()
        )
    )
    assert admin.bulletins.generate(Quarter(2026, 1), date(2026, 5, 8)).doc_no == (
        "通报〔2026〕第5期"
    )
    with admin._uow.read() as session:
        assert last_serial(session, "bulletin", 2026) == 5
        serials = session.execute(select(BulletinRow.year, BulletinRow.serial, BulletinRow.period))
        numbers = {(year, serial): period for year, serial, period in serials}
    assert numbers == {
        (2026, 1): "2026Q2", (2026, 2): "2026-05", (2026, 3): "2026Q3",
        (2027, 1): "2026-06", (2026, 5): "2026Q1",
    }  # fmt: skip


def test_a_viewer_prints_but_cannot_generate(
    bureau: Path, admin: Workspace, tmp_path: Path
) -> None:
    viewer = sign_in(bureau, Role.VIEWER, daily_backup=False)
    try:
        with pytest.raises(PermissionDeniedError):
            viewer.bulletins.generate(Q2, ISSUED)
        assert viewer.bulletins.editions(Q2) == []
        admin.bulletins.generate(Q2, ISSUED)
        out = viewer.bulletins.write_pdf(Q2, tmp_path / "通报.pdf")
        assert _printed_counts(_text(out)) == EXPECTED
    finally:
        viewer.close()


def test_a_closed_period_is_refused_and_takes_no_number_but_still_prints(
    admin: Workspace, tmp_path: Path
) -> None:
    admin.bulletins.generate(Q2, ISSUED)
    admin.periods.close(str(Q2), "季度结束")
    for period in (Q2, MAY):  # a month inside the closed quarter too
        with pytest.raises(PeriodClosedError):
            admin.bulletins.generate(period, ISSUED)
    assert [v.edition for v in admin.bulletins.editions(Q2)] == [1]
    assert admin.bulletins.editions(MAY) == []
    with admin._uow.read() as session:
        assert last_serial(session, "bulletin", 2026) == 1
    # What was issued stays printable: printing writes nothing to the file.
    out = admin.bulletins.write_pdf(Q2, tmp_path / "通报.pdf")
    assert _printed_counts(_text(out)) == EXPECTED


def test_printing_what_does_not_exist_is_refused_in_words(admin: Workspace, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="还没有生成通报"):
        admin.bulletins.write_pdf(Q2, tmp_path / "通报.pdf")
    admin.bulletins.generate(Q2, ISSUED)
    with pytest.raises(InputError, match="没有第3版（现有第1版）"):
        admin.bulletins.write_pdf(Q2, tmp_path / "通报.pdf", edition=3)
    with pytest.raises(InputError, match="不存在"):
        admin.bulletins.write_pdf(Q2, tmp_path / "无此文件夹" / "通报.pdf")
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("~*"))
