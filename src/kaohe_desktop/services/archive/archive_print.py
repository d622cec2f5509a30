"""The printed 人员档案 (DESIGN.md §7, `kaohe archive-pdf`): one person's archive, or every
current member of a department, as one PDF with a section and a bookmark per person.

Each archive is the one the 人员档案 tab shows (services.archive.person_archive.
load_archive), read for everyone in one read session; the quarters' outcomes are built
once per quarter for the whole print (QuarterOutcomes), not once per person. The target
is checked before anything is read; the file is written beside it and renamed into
place when complete, so a refusal, a failure or a cancel leaves no file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.roles import Action
from kaohe_desktop.reports.archive_content import ArchiveBook, PersonArchiveContent
from kaohe_desktop.services.access.guard import Guard, requires
from kaohe_desktop.services.archive.archive_book import person_content
from kaohe_desktop.services.archive.open_outcomes import QuarterOutcomes
from kaohe_desktop.services.archive.person_archive import load_archive
from kaohe_desktop.services.common.fonts import pdf_font
from kaohe_desktop.services.common.output_paths import output_file
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.progress import SILENT, ProgressReporter
from kaohe_desktop.services.quarterly.roster import GONE
from kaohe_desktop.storage.models import DepartmentRow, PersonRow
from kaohe_desktop.storage.queries.org import bureau_name
from kaohe_desktop.storage.unit_of_work import UnitOfWork

# What the output is called when its path is refused.
ARCHIVE_PDF = "人员档案（.pdf）"
Clock = Callable[[], datetime]
_ALL = 1_000_000  # quarters kept by a print's QuarterOutcomes: all it meets


@dataclass(frozen=True)
class ArchivePrintResult:
    path: Path
    people: int  # archives printed
    pages: int


class ArchivePrint:
    def __init__(self, guard: Guard, uow: UnitOfWork, *, clock: Clock = datetime.now) -> None:
        self.guard = guard
        self._uow = uow
        self._clock = clock

    @requires(Action.EXPORT)
    def write_pdf(
        self,
        out: Path,
        *,
        person_code: str | None = None,
        department: str | None = None,
        font_path: Path | None = None,
        progress: ProgressReporter = SILENT,
    ) -> ArchivePrintResult:
        """The archive of the person with 编号 `person_code`, or of every current member
        of `department` (those in service first, then those who have left, marked; each
        group in 编号 order). Exactly one of the two is given. `progress` hears of every
        person read and laid out; cancelling it stops the print and leaves no file."""
        # reportlab (~150 ms to import) is loaded only when a PDF is written.
        from kaohe_desktop.reports.pdf_archive import write_archive_pdf

        code, name = _chosen(person_code, department)
        out = output_file(Path(out), ARCHIVE_PDF)
        progress.report(0, 0, "正在读取人员档案")
        book = self._book(code, name, progress)
        font = pdf_font(font_path)
        total = len(book.people)
        headings = [person.heading() for person in book.people]

        def on_person(done: int, _count: int) -> None:
            # Reading was the first half of the work, laying out is the second.
            following = headings[min(done, total - 1)]
            message = "正在保存" if done == total else f"正在生成 {following} 的档案"
            progress.report(total + done, 2 * total, message)

        pages = write_archive_pdf(book, out, font, on_person=on_person)
        return ArchivePrintResult(out, total, pages)

    def _book(
        self, code: str | None, department: str | None, progress: ProgressReporter
    ) -> ArchiveBook:
        today = self._clock().date()
        with self._uow.read() as session:
            if code is not None:
                people = [(_person_id(session, code), code)]
            else:
                assert department is not None
                people = _members(session, department)
            # Every open quarter the print meets is graded once and kept to the end of
            # the print (the tab's cache keeps eight quarters: a department's archives
            # of a file with many open quarters would grade them again for every person).
            outcomes = QuarterOutcomes(keep=_ALL)
            contents: list[PersonArchiveContent] = []
            total = len(people)
            for done, (person_id, person_code) in enumerate(people):
                progress.report(done, 2 * total, f"正在读取 {person_code} 的档案")
                contents.append(person_content(load_archive(session, person_id, outcomes)))
            bureau = bureau_name(session)
        progress.report(total, 2 * total, "正在排版")
        return ArchiveBook(bureau, tuple(contents), today, department)


def _chosen(person_code: str | None, department: str | None) -> tuple[str | None, str | None]:
    code = (person_code or "").strip() or None
    name = (department or "").strip() or None
    if code is None and name is None:
        raise InputError("请指定要打印档案的人员编号或科室（二者选一），未写入任何文件。")
    if code is not None and name is not None:
        raise InputError(
            f"人员编号（{code}）和科室（{name}）只能指定一个：打印一个人的档案或一个科室的档案，"
            "未写入任何文件。"
        )
    return code, name


def _person_id(session: Session, code: str) -> int:
    found = session.scalars(select(PersonRow.id).where(PersonRow.code == code)).first()
    if found is None:
        raise InputError(f"没有编号为“{code}”的人员，未写入任何文件。")
    return found


def _members(session: Session, department: str) -> list[tuple[int, str]]:
    """(id, 编号) of the department's current members: in service first, then those who
    have left (退休 / 调出 / 离职) whose last department it was; 编号 order in each."""
    department_id = session.scalars(
        select(DepartmentRow.id).where(DepartmentRow.name == department)
    ).first()
    if department_id is None:
        raise InputError(f"没有名为“{department}”的科室，未写入任何文件。")
    gone = case((PersonRow.status.in_(GONE), 1), else_=0)
    rows = session.execute(
        select(PersonRow.id, PersonRow.code)
        .where(PersonRow.department_id == department_id)
        .order_by(gone, PersonRow.code)
    ).all()
    if not rows:
        raise InputError(f"科室“{department}”没有人员，没有可打印的档案，未写入任何文件。")
    return [(person_id, code) for person_id, code in rows]
