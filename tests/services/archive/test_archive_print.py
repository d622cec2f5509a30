"""ArchivePrint: the printed 人员档案 of one person or a department, read back with pypdf.

A small bureau, imported once per run (a master file) and copied per test: 综合科 with
three people in service and one retired, 质量科 with one. 2026Q1 is closed, 2026Q2 open.

Worked by hand (综合得分 = (实绩分 + 点评) × 50% + 领导测评分 × 50%; 好 at most
⌊参加人数 × 40%⌋ and ≥ 90, bureau-wide; rank within the staff category):
  2026Q1, 4 participants, quota 1: 钱五 95.00 好 1; 张一 93.00 较好 2 (≥ 90, left out);
         王二 82.50 较好 3; 李三 65.00 一般 4.
  2026Q2, 王二 不定等次 (试用期), 3 participants, quota 1: 张一 90 + 2 (a 表扬) and 96
         → 94.00 好 1; 钱五 87.00 较好 2; 李三 82.00 较好 3.
  2026 (open) for 张一: 好 in 1 of 2 graded quarters is half, but the 警告 of 2026-04-01
         bars 优秀 that year: 优秀资格 否, 称职 as it stands.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from tests.factories import Clock, CopyMaster, Master, sign_in
from tests.reports.test_pdf_archive import outline

from kaohe_desktop.domain.enums import (
    CommendationType,
    CommentKind,
    DisciplineType,
    NoGradeReason,
    PersonStatus,
    TalkKind,
)
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.records import (
    AssessmentRecord,
    CommentRecord,
    DepartmentRecord,
    ExchangeBook,
    PersonRecord,
    RewardRecord,
    TalkRecord,
)
from kaohe_desktop.reports.pdf_page_numbers import date_label, page_label
from kaohe_desktop.services.archive.archive_print import ArchivePrint, ArchivePrintResult
from kaohe_desktop.services.errors import Cancelled, InputError
from kaohe_desktop.services.progress import Progress, ProgressReporter
from kaohe_desktop.services.workspace import Workspace

D = Decimal
GENERAL = "一般公务员"
OFFICE, QUALITY, EMPTY = "综合科", "质量科", "档案室"
START = date(2020, 1, 1)
NOW = datetime(2026, 7, 8, 9, 30)


def _bureau(workspace: Workspace) -> None:
    people = [
        PersonRecord("P00", "周退", OFFICE, GENERAL, work_start=START,
                     status=PersonStatus.RETIRED),
        PersonRecord("P01", "张一", OFFICE, GENERAL, work_start=START, position="科长",
                     key_post=True),
        PersonRecord("P02", "王二", OFFICE, GENERAL, work_start=START),
        PersonRecord("P03", "李三", OFFICE, GENERAL, work_start=START),
        PersonRecord("P05", "钱五", QUALITY, GENERAL, work_start=START),
    ]  # fmt: skip
    scores = {
        "2026Q1": {"P01": (92, 94), "P02": (85, 80), "P03": (70, 60), "P05": (95, 95)},
        "2026Q2": {"P01": (90, 96), "P02": (80, 80), "P03": (80, 84), "P05": (88, 86)},
    }
    assessments = [
        AssessmentRecord(
            quarter, code, D(performance), D(leader),
            no_grade_reason=NoGradeReason.PROBATION if (quarter, code) == ("2026Q2", "P02")
            else None,
        )
        for quarter, by_code in scores.items()
        for code, (performance, leader) in by_code.items()
    ]  # fmt: skip
    book = ExchangeBook(
        departments=[DepartmentRecord(OFFICE, order=1), DepartmentRecord(QUALITY, order=2),
                     DepartmentRecord(EMPTY, order=3)],
        people=people,
        assessments=assessments,
        comments=[CommentRecord("P01", date(2026, 5, 10), CommentKind.PRAISE, D(2),
                                "按时完成专项检查任务")],
        rewards=[
            RewardRecord("P01", date(2026, 3, 10), CommendationType.COMMENDATION,
                         "食品安全专项整治成绩突出", "县市监发〔2026〕5号"),
            RewardRecord("P01", date(2026, 4, 1), DisciplineType.WARNING, "执法记录不全",
                         "县市监发〔2026〕9号", date(2026, 9, 30)),
        ],
        talks=[TalkRecord("P01", date(2026, 2, 15), "王局长", TalkKind.HEART_TO_HEART,
                          "谈年度工作打算")],
    )  # fmt: skip
    workspace.importer.apply(book)
    workspace.grading.close_quarter(Quarter(2026, 1), "测试")


BUREAU = Master(fill=_bureau)


@pytest.fixture
def workspace(copy_master: CopyMaster, tmp_path: Path) -> Iterator[Workspace]:
    made = sign_in(copy_master(BUREAU, tmp_path / "数据"), daily_backup=False)
    yield made
    made.close()


def _printer(workspace: Workspace) -> ArchivePrint:
    return ArchivePrint(workspace.guard, workspace._uow, clock=Clock(NOW))


def _flat(text: str) -> str:
    return "".join(text.split())


def _read(result: ArchivePrintResult) -> tuple[list[str], PdfReader]:
    reader = PdfReader(result.path)
    assert result.pages == len(reader.pages)
    return [_flat(page.extract_text()) for page in reader.pages], reader


def test_one_person_quarters_records_and_talks(workspace: Workspace, tmp_path: Path) -> None:
    result = _printer(workspace).write_pdf(tmp_path / "张一.pdf", person_code="P01")
    texts, reader = _read(result)
    everything = "".join(texts)
    assert result.people == 1
    assert outline(reader) == [("张一（P01）", 0)]
    assert texts[0].startswith("张一（P01）")
    assert _flat("测试县市场监督管理局 人员档案") in texts[0]
    assert _flat(page_label(1, len(texts))) in texts[0]
    assert _flat(date_label(NOW.date())) in texts[0]
    assert "职务职级科长" in everything and "关键岗位是" in everything
    # The closed quarter as its close stored it; the open one as its grid grades it.
    assert "2026年第一季度综合科9294093.00较好2" in everything
    assert "2026年第二季度（未关闭）综合科9096+294.00好1" in everything
    assert "2026年称职（未关闭）1否2026-04-01警告" in everything
    assert "2026-03-10嘉奖县市监发〔2026〕5号食品安全专项整治成绩突出" in everything
    assert (
        "2026-04-01警告县市监发〔2026〕9号执法记录不全2026-09-302026年度不得评为优秀"
    ) in everything
    assert "2026-02-15王局长谈心谈话谈年度工作打算" in everything
    assert "2026-05-10表扬+2按时完成专项检查任务" in everything
    assert "好≥90" in everything  # two scored quarters: the chart is drawn


def test_not_graded_quarter_with_its_reason(workspace: Workspace, tmp_path: Path) -> None:
    result = _printer(workspace).write_pdf(tmp_path / "王二.pdf", person_code=" P02 ")
    everything = "".join(_read(result)[0])
    assert "2026年第一季度综合科8580082.50较好3" in everything
    assert "2026年第二季度（未关闭）综合科80800不定等次（试用期）" in everything
    for empty in ("奖励无", "处分·组织处理无", "谈心谈话无", "点评无"):
        assert empty in everything


def test_a_department_prints_every_member_in_service_first(
    workspace: Workspace, tmp_path: Path
) -> None:
    heard: list[Progress] = []
    reporter = ProgressReporter(heard.append)
    result = _printer(workspace).write_pdf(
        tmp_path / "综合科.pdf", department=OFFICE, progress=reporter
    )
    texts, reader = _read(result)
    marks = outline(reader)
    titles = [title for title, _page in marks]
    assert titles == ["张一（P01）", "王二（P02）", "李三（P03）", "周退（P00）［退休］"]
    assert result.people == 4
    for title, page in marks:
        assert texts[page].startswith(_flat(title))  # each from a page of its own
    assert "2026年第一季度综合科7060065.00一般4" in "".join(texts)
    total = len(texts)
    assert _flat(page_label(1, total)) in texts[0] and _flat(page_label(total, total)) in texts[-1]
    # Progress: read, then laid out, one step each per person, ending complete.
    steps = [(p.done, p.total) for p in heard if p.total]
    assert steps == [(n, 8) for n in range(9)]
    assert any("P03" in p.message for p in heard)


def test_cancelling_stops_the_print_and_leaves_no_file(
    workspace: Workspace, tmp_path: Path
) -> None:
    folder = tmp_path / "输出"
    folder.mkdir()
    reporter = ProgressReporter()

    def cancel_after_first_person(progress: Progress) -> None:
        if progress.total and progress.done == progress.total // 2 + 1:
            reporter.cancel()

    reporter._callback = cancel_after_first_person
    with pytest.raises(Cancelled):
        _printer(workspace).write_pdf(folder / "综合科.pdf", department=OFFICE, progress=reporter)
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({}, "请指定要打印档案的人员编号或科室"),
        ({"person_code": "  ", "department": ""}, "请指定要打印档案的人员编号或科室"),
        (
            {"person_code": "P01", "department": OFFICE},
            "人员编号（P01）和科室（综合科）只能指定一个",
        ),
        ({"person_code": "P99"}, "没有编号为“P99”的人员"),
        ({"department": "无此科"}, "没有名为“无此科”的科室"),
        ({"department": EMPTY}, "科室“档案室”没有人员"),
    ],
)
def test_bad_input_is_refused_and_nothing_written(
    workspace: Workspace, tmp_path: Path, options: dict[str, str], message: str
) -> None:
    folder = tmp_path / "输出"
    folder.mkdir()
    with pytest.raises(InputError) as raised:
        _printer(workspace).write_pdf(folder / "档案.pdf", **options)  # type: ignore[arg-type]
    assert message in str(raised.value) and "未写入任何文件" in str(raised.value)
    assert list(folder.iterdir()) == []


def test_the_target_is_checked_before_anything_is_read(
    workspace: Workspace, tmp_path: Path
) -> None:
    printer = _printer(workspace)
    # An unknown 编号 is not even looked up while the target is wrong.
    with pytest.raises(InputError, match=r"文件夹.*不存在"):
        printer.write_pdf(tmp_path / "没有" / "档案.pdf", person_code="P99")
    with pytest.raises(InputError, match="是一个文件夹"):
        printer.write_pdf(tmp_path, person_code="P99")
    assert not (tmp_path / "没有").exists()
