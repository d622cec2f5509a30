"""ranking_book: a GradingSheet built by hand (the engine grades it) turned into the
printed content, and RankingExport on a data file."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from tests.factories import DEMO, MasterFiles, sign_in
from tests.services.on_backend import BACKENDS, master_on

from kaohe_desktop.domain.enums import NoGradeReason, QuarterGrade
from kaohe_desktop.domain.grading import Candidate, grade_quarter
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.quarterly_rules import QuarterlyRules, QuotaScope
from kaohe_desktop.reports.ranking_content import RankingBook
from kaohe_desktop.services.errors import Cancelled, InputError
from kaohe_desktop.services.progress import Progress, ProgressReporter
from kaohe_desktop.services.quarterly.ranking_export import ranking_book
from kaohe_desktop.services.quarterly.views import GradingRow, GradingSheet, RosterMove
from kaohe_desktop.services.workspace import Workspace

QUARTER = Quarter(2026, 2)
PRINTED = date(2026, 7, 3)
BUREAU = "新余市渝水区市场监督管理局"
CATEGORIES = ("四级调研员及以上", "机关正科级", "派出机构科级", "一般公务员")


@dataclass(frozen=True)
class P:
    """One person of a hand-made roster."""

    pid: int
    department: int
    category: str
    performance: str | None
    leader: str | None
    points: str = "0"
    override: QuarterGrade | None = None
    reason: str | None = None
    no_grade: NoGradeReason | None = None
    name: str = ""
    position: str | None = "一级科员"
    moves: tuple[RosterMove, ...] = field(default=())

    @property
    def code(self) -> str:
        return f"A{self.pid:03d}"


def _dec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def make_sheet(
    people: Sequence[P],
    departments: Sequence[tuple[int, str]],
    rules: QuarterlyRules | None = None,
    categories: Sequence[str] = CATEGORIES,
) -> GradingSheet:
    """A sheet as services.grading_sheet builds one, from plain values."""
    rules = rules or QuarterlyRules()
    names = dict(departments)
    candidates = [
        Candidate(p.pid, p.department, p.category, _dec(p.performance), _dec(p.leader),
                  Decimal(p.points), p.override, p.no_grade.value if p.no_grade else None)
        for p in people
    ]  # fmt: skip
    grading = grade_quarter(candidates, rules)
    order = {d: n for n, (d, _name) in enumerate(departments)}
    rows = [
        GradingRow(
            person_id=p.pid, code=p.code, name=p.name or f"人员{p.pid}", position=p.position,
            department_id=p.department, department=names[p.department], category=p.category,
            moves=p.moves, assessment_id=p.pid, version=1, performance=_dec(p.performance),
            leader=_dec(p.leader), row_comment_points=None, comment_points=Decimal(p.points),
            comment_count=0, override=p.override, override_reason=p.reason,
            no_grade_reason=p.no_grade, outcome=grading.outcomes[p.pid],
        )
        for p in sorted(people, key=lambda p: (order[p.department], p.code))
    ]  # fmt: skip
    return GradingSheet(QUARTER, BUREAU, rules, True, tuple(rows), grading, False,
                        tuple(departments), tuple(categories))  # fmt: skip


DEPARTMENTS = ((1, "办公室"), (2, "食品生产监管科"), (3, "市场秩序稽查大队"),
               (4, "城关市场监管所"))  # fmt: skip
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
GIVEN = ("建国", "芳", "伟", "秀英", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军",
         "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "晓东", "海燕",
         "志强", "文", "婷")  # fmt: skip
POOR_REASON = "年度内受到通报批评，经考核委员会研究定为较差"
POSITIONS = ("科长", "副科长", "四级主任科员", "一级科员", "二级科员", "所长", "副所长", "队长",
             "党组成员、副局长", "三级调研员")  # fmt: skip


def realistic_people(count: int = 40, *, seed: int = 7, unscored: int = 0) -> list[P]:
    """A bureau of `count` people in the four departments: some 不定等次, a manual 较差,
    a mid-quarter move; the last `unscored` people still miss 领导测评分 (a draft)."""
    rng = random.Random(seed)
    people = []
    for pid in range(1, count + 1):
        department = 1 + (pid - 1) * len(DEPARTMENTS) // count
        category = CATEGORIES[0] if pid % 13 == 1 else rng.choice(CATEGORIES[1:])
        performance = f"{rng.randint(700, 990) / 10:.1f}"
        leader = f"{rng.randint(720, 985) / 10:.1f}"
        name = SURNAMES[pid % len(SURNAMES)] + GIVEN[(pid * 7) % len(GIVEN)]
        person = P(pid, department, category, performance, leader, name=name,
                   position=POSITIONS[pid % len(POSITIONS)])  # fmt: skip
        if pid % 11 == 5:
            person = P(pid, department, category, None, None, no_grade=NoGradeReason.PROBATION,
                       name=name, position="一级科员")  # fmt: skip
        if pid == 9:
            person = P(pid, department, category, "95.0", "93.0", override=QuarterGrade.POOR,
                       reason=POOR_REASON, name=name)  # fmt: skip
        if pid == 14:
            move = RosterMove(date(2026, 5, 6), "办公室", DEPARTMENTS[department - 1][1])
            person = P(pid, department, category, performance, leader, points="2",
                       name=name, moves=(move,))  # fmt: skip
        if pid > count - unscored:
            person = P(pid, department, category, performance, None, name=name)
        people.append(person)
    return people


def realistic_book(count: int = 40, *, unscored: int = 0) -> RankingBook:
    return ranking_book(make_sheet(realistic_people(count, unscored=unscored), DEPARTMENTS),
                        PRINTED)  # fmt: skip


# --- the worked example -------------------------------------------------------------------

# Ten participants, bureau scope: quota floor(10 × 40%) = 4. 不定等次 #11 is outside it.
#   #1 (96, 94) → 95.00; #2 (92, 90) → 91.00; #3 (93, 91) → 92.00 but 人工较差;
#   #4 (90, 92) → 91.00 (ties #2 on 综合得分, beaten on 领导测评分); #5 (88, 86) → 87.00;
#   #6 (60, 58) → 59.00; #7 (80, 80) + 点评 -2 → 实绩分 78 → 79.00; #8 … #10 unscored / 一般.
WORKED = [
    P(1, 1, "机关正科级", "96", "94", name="王芳"),
    P(2, 1, "一般公务员", "92", "90", name="李强"),
    P(3, 2, "机关正科级", "93", "91", override=QuarterGrade.POOR, reason="通报批评",
      name="张伟"),
    P(4, 2, "一般公务员", "90", "92", name="刘洋"),
    P(5, 1, "一般公务员", "88", "86", name="陈静"),
    P(6, 2, "一般公务员", "60", "58", name="杨磊"),
    P(7, 2, "一般公务员", "80", "80", points="-2", name="赵敏"),
    P(8, 1, "一般公务员", "70.5", "72", name="吴杰"),
    P(9, 2, "机关正科级", "75", None, name="周涛"),  # unscored: 领导测评分 missing
    P(10, 1, "一般公务员", "65", "61", name="孙丽"),
    P(11, 1, "一般公务员", None, None, no_grade=NoGradeReason.PROBATION, name="马超"),
]  # fmt: skip
TWO = ((1, "办公室"), (2, "食品生产监管科"))


@pytest.fixture
def worked() -> RankingBook:
    return ranking_book(make_sheet(WORKED, TWO), PRINTED)


def test_category_sheets_rank_participants_then_list_the_unscored(worked: RankingBook) -> None:
    assert [c.name for c in worked.categories] == ["机关正科级", "一般公务员"]
    officers, staff = worked.categories
    # 机关正科级: #1 95.00, #3 92.00 (ranked though overridden), #9 unscored last.
    assert [(p.code, p.rank, p.grade) for p in officers.rows] == [
        ("A001", 1, "好"), ("A003", 2, "较差"), ("A009", None, ""),
    ]  # fmt: skip
    # 一般公务员: #4 and #2 both 91.00, #4 ahead on 领导测评分. Quota 4 (10 participants):
    # the 好 band is #1, #2, #4 (#3's 较差 is by hand), so all three are 好.
    assert [(p.code, p.rank, p.grade, p.composite) for p in staff.rows] == [
        ("A004", 1, "好", Decimal("91.00")),
        ("A002", 2, "好", Decimal("91.00")),
        ("A005", 3, "较好", Decimal("87.00")),
        ("A007", 4, "一般", Decimal("79.00")),
        ("A008", 5, "一般", Decimal("71.25")),
        ("A010", 6, "一般", Decimal("63.00")),
        ("A006", 7, "较差", Decimal("59.00")),
    ]
    # 不定等次 is on no category sheet.
    assert "A011" not in {p.code for c in worked.categories for p in c.rows}


def test_person_values_and_remarks(worked: RankingBook) -> None:
    people = {p.code: p for s in worked.departments for p in s.people}
    assert people["A007"].performance == Decimal("78.0")  # 80 with 点评 -2
    assert people["A007"].comment_points == Decimal("-2")
    assert people["A003"].remark == "人工定为较差：通报批评"
    assert people["A011"].grade == "不定等次"
    assert people["A011"].remark == "不定等次（试用期）"
    # Unscored: what is entered is shown, nothing computed from it.
    assert (people["A009"].performance, people["A009"].leader) == (Decimal("75"), None)
    assert people["A009"].composite is None and people["A009"].grade == ""
    assert people["A001"].position == "一级科员"


def test_department_sections_and_counts(worked: RankingBook) -> None:
    office, food = worked.departments
    assert (office.name, food.name) == ("办公室", "食品生产监管科")
    # Best 综合得分 first, then the unscored, then 不定等次.
    assert [p.code for p in office.people] == ["A001", "A002", "A005", "A008", "A010", "A011"]
    assert [p.code for p in food.people] == ["A003", "A004", "A007", "A006", "A009"]
    c = office.counts
    assert (c.participants, c.good, c.fairly_good, c.average, c.poor) == (5, 2, 1, 2, 0)
    assert (c.not_graded, c.unscored, c.quota, c.used) == (1, 0, None, None)
    c = food.counts
    assert (c.participants, c.good, c.fairly_good, c.average, c.poor) == (5, 1, 0, 1, 2)
    assert (c.not_graded, c.unscored) == (0, 1)
    t = worked.total
    assert (t.participants, t.good, t.fairly_good, t.average, t.poor) == (10, 3, 1, 3, 2)
    assert (t.not_graded, t.unscored, t.quota, t.used) == (1, 1, 4, 3)
    assert office.counts.counts_line() == (
        "好 2 人、较好 1 人、一般 2 人、较差 0 人、不定等次 1 人；好等次占参加考核人数的 40.0%"
    )


def test_book_header_fields(worked: RankingBook) -> None:
    assert (worked.bureau, worked.quarter, worked.quarter_label) == (BUREAU, "2026Q2",
                                                                     "2026年第二季度")  # fmt: skip
    assert worked.draft  # #9 is unscored
    assert worked.summary_title() == f"{BUREAU} 2026年第二季度 平时考核结果汇总表（草稿）"
    assert worked.scope_label == "全局统一" and not worked.per_department_quota
    assert worked.rules_lines == tuple(QuarterlyRules().describe())
    assert worked.printed_on == PRINTED


def test_a_finished_quarter_is_no_draft() -> None:
    people = [p for p in WORKED if p.pid != 9]
    book = ranking_book(make_sheet(people, TWO), PRINTED)
    assert not book.draft
    assert book.summary_title().endswith("平时考核结果汇总表")
    assert book.ranking_title("一般公务员") == f"{BUREAU}2026年第二季度平时考核排名（一般公务员）"


def test_a_flag_keeps_the_book_a_draft() -> None:
    # Three people equal on every key straddle a quota of 1 (3 participants → 1).
    people = [P(i, 1, "一般公务员", "95", "95") for i in (1, 2, 3)]
    book = ranking_book(make_sheet(people, TWO[:1]), PRINTED)
    assert book.total.unscored == 0 and book.draft
    assert {p.grade for p in book.categories[0].rows} == {"较好"}
    assert all(p.rank == 1 for p in book.categories[0].rows)
    assert all("并列超出名额" in p.remark for p in book.categories[0].rows)


def test_department_scope_gives_each_department_its_quota() -> None:
    rules = QuarterlyRules(quota_scope=QuotaScope.DEPARTMENT)
    people = [P(i, 1 + i % 2, "一般公务员", "95", str(85 + i)) for i in range(1, 8)]
    book = ranking_book(make_sheet(people, TWO, rules), PRINTED)
    office, food = book.departments
    # 办公室: #2 #4 #6 → 3 people, quota 1; 食品: #1 #3 #5 #7 → 4, quota 1.
    assert (office.counts.quota, office.counts.used) == (1, 1)
    assert (food.counts.quota, food.counts.used) == (1, 1)
    assert (book.total.quota, book.total.used) == (2, 2)
    assert book.per_department_quota and book.scope_label == "按科室"


def test_categories_follow_the_bureau_order_and_keep_unknown_ones() -> None:
    people = [
        P(1, 1, "一般公务员", "90", "90"),
        P(2, 1, "借调人员", "80", "80"),  # not (or no longer) in the bureau's list
        P(3, 1, "四级调研员及以上", "85", "85"),
        P(4, 1, "机关正科级", None, None, no_grade=NoGradeReason.LEAVE),  # nobody to rank
    ]
    book = ranking_book(make_sheet(people, TWO[:1]), PRINTED)
    assert [c.name for c in book.categories] == ["四级调研员及以上", "一般公务员", "借调人员"]


def test_moves_are_in_the_remark() -> None:
    book = realistic_book()
    moved = next(p for s in book.departments for p in s.people if p.code == "A014")
    assert moved.remark == "5月6日由办公室调入"
    assert moved.performance is not None and moved.comment_points == Decimal("2")


def test_every_participant_once_on_the_category_sheets() -> None:
    sheet = make_sheet(realistic_people(40, unscored=3), DEPARTMENTS)
    book = ranking_book(sheet, PRINTED)
    listed = [p.code for c in book.categories for p in c.rows]
    participants = [r.code for r in sheet.rows if r.no_grade_reason is None]
    assert sorted(listed) == sorted(participants) and len(set(listed)) == len(listed)
    assert sum(len(s.people) for s in book.departments) == len(sheet.rows)
    for category in book.categories:
        for person in category.rows:
            row = next(r for r in sheet.rows if r.code == person.code)
            assert (person.rank, person.grade) == (row.rank, row.grade_text)
    assert book.total.unscored == 3 and book.draft


# --- RankingExport on a data file ------------------------------------------------------------


@pytest.fixture(scope="module", params=BACKENDS)
def demo(
    request: pytest.FixtureRequest,
    master_files: MasterFiles,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Workspace]:
    """The demo bureau, on a data file and on a PostgreSQL server."""
    path = master_on(request, master_files, DEMO, tmp_path_factory.mktemp("ranking"))
    workspace = sign_in(path, daily_backup=False)
    yield workspace
    workspace.close()


DEMO_QUARTER = Quarter(2026, 1)


def test_the_book_is_the_sheet_on_screen(demo: Workspace) -> None:
    sheet = demo.grading.sheet(DEMO_QUARTER)
    assert demo.ranking.book(DEMO_QUARTER, PRINTED) == ranking_book(sheet, PRINTED)


def test_workbook_and_pdf_are_written(demo: Workspace, tmp_path: Path) -> None:
    seen: list[Progress] = []
    reporter = ProgressReporter(seen.append)
    out = demo.ranking.write_workbook(DEMO_QUARTER, tmp_path / "排名.xlsx", progress=reporter)
    assert out == tmp_path / "排名.xlsx"
    book = demo.ranking.book(DEMO_QUARTER)
    wb = load_workbook(out)
    assert wb.sheetnames == ["汇总", *(c.name for c in book.categories)]
    codes = [r[1] for ws in wb.worksheets[1:] for r in ws.iter_rows(min_row=4, values_only=True)]
    assert len(codes) == len(set(codes)) == book.total.participants
    assert seen[-1].done == seen[-1].total - 1  # every sheet reported, then the save
    pdf = demo.ranking.write_pdf(DEMO_QUARTER, tmp_path / "汇总表.pdf", progress=reporter)
    first = "".join(PdfReader(pdf).pages[0].extract_text().split())
    assert "".join(book.summary_title().split()) in first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["排名.xlsx", "汇总表.pdf"]


@pytest.mark.parametrize("kind", ["workbook", "pdf"])
def test_a_cancelled_export_leaves_no_file(demo: Workspace, tmp_path: Path, kind: str) -> None:
    def cancel_on_first(progress: Progress) -> None:
        if progress.done:
            reporter.cancel()

    reporter = ProgressReporter(cancel_on_first)
    with pytest.raises(Cancelled):
        if kind == "workbook":
            demo.ranking.write_workbook(DEMO_QUARTER, tmp_path / "排名.xlsx", progress=reporter)
        else:
            demo.ranking.write_pdf(DEMO_QUARTER, tmp_path / "汇总表.pdf", progress=reporter)
    assert list(tmp_path.iterdir()) == []


def test_bad_targets_are_refused(demo: Workspace, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="是一个文件夹"):
        demo.ranking.write_workbook(DEMO_QUARTER, tmp_path)
    with pytest.raises(InputError, match="不存在"):
        demo.ranking.write_pdf(DEMO_QUARTER, tmp_path / "没有" / "汇总表.pdf")
    assert list(tmp_path.iterdir()) == []


def test_a_quarter_with_nothing_entered_is_refused(demo: Workspace, tmp_path: Path) -> None:
    # The demo's people are on the roster of 2031 too (their stints are open), but
    # nothing has been entered for it.
    with pytest.raises(InputError, match="还没有录入任何平时考核数据"):
        demo.ranking.write_workbook(Quarter(2031, 1), tmp_path / "排名.xlsx")
    assert list(tmp_path.iterdir()) == []
