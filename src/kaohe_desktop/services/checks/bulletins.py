"""通报: the bureau-wide bulletin of a check period, kept as numbered editions.

`generate` builds the content from the period's due lists, stores it as JSON in a new
BulletinRow and returns the edition; every print (`write_pdf`) is drawn from that JSON,
so an edition reprinted after later edits is the same file, byte for byte.

Numbering (ours): the first edition of a period takes the next 通报〔year〕第N期 of
the year it is issued in (公文 practice: the year in 〔〕 is the year of issue), from
the app_meta counter inside the write, so two workstations never take one number and
a number once given is never given again. 重新生成 makes the next edition of the same
document: it keeps the number and prints （第2版）. A corrected bulletin replaces the
first, it is not another issue, and giving it a new number would leave the year's
series with two bulletins of one quarter.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kaohe_desktop.domain.check_rules import CheckPeriod, bulletin_number
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.reports.bulletin_content import BulletinContent
from kaohe_desktop.services.access.guard import Guard, requires
from kaohe_desktop.services.checks.bulletin_content_build import BulletinStamp, build_bulletin
from kaohe_desktop.services.checks.counters import take_serial
from kaohe_desktop.services.checks.views import BulletinView
from kaohe_desktop.services.common.fonts import pdf_font
from kaohe_desktop.services.common.output_paths import output_file
from kaohe_desktop.services.errors import InputError, PeriodClosedError
from kaohe_desktop.services.files.period_locks import is_closed
from kaohe_desktop.storage.models import BulletinRow
from kaohe_desktop.storage.unit_of_work import UnitOfWork

BULLETIN_PDF = "通报（.pdf）"


def _view(row: BulletinRow) -> BulletinView:
    return BulletinView(
        id=row.id,
        period=row.period,
        edition=row.edition,
        doc_no=row.doc_no,
        title=row.title,
        issued_on=row.issued_on,
        created_by=row.created_by,
        created_at=row.created_at,
    )


def _editions(session: Session, period: CheckPeriod) -> list[BulletinRow]:
    statement = (
        select(BulletinRow).where(BulletinRow.period == str(period)).order_by(BulletinRow.edition)
    )
    return list(session.scalars(statement))


class BulletinService:
    def __init__(
        self, guard: Guard, uow: UnitOfWork, *, clock: Callable[[], datetime] = datetime.now
    ) -> None:
        self.guard = guard
        self._uow = uow
        self._clock = clock

    @requires(Action.RECORD_CHECKS)
    def generate(self, period: CheckPeriod, issued_on: date | None = None) -> BulletinView:
        """A new edition of the period's 通报 dated `issued_on` (default today): the first
        takes the year's next number, later ones keep it. Refused, nothing written, for a
        closed period or one with nothing due or nothing recorded."""
        now = self._clock().replace(microsecond=0)
        on = issued_on or now.date()
        account = self._uow.account

        def work(session: Session) -> BulletinView:
            if is_closed(session, period):
                # The trigger would refuse the row too, but only after the whole build.
                raise PeriodClosedError("bulletin")
            earlier = _editions(session, period)
            if earlier:
                year, serial = earlier[0].year, earlier[0].serial
                edition = earlier[-1].edition + 1
            else:
                year, serial, edition = on.year, take_serial(session, "bulletin", on.year), 1
            stamp = BulletinStamp(bulletin_number(year, serial), edition, on, now, account)
            content = build_bulletin(session, period, stamp)
            row = BulletinRow(
                period=str(period),
                edition=edition,
                year=year,
                serial=serial,
                title=content.title,
                doc_no=content.doc_no,
                issued_on=on,
                summary=content.summary,
                content_json=content.to_json(),
                created_by=account,
                created_at=now,
            )
            session.add(row)
            session.flush()
            return _view(row)

        return self._uow.write(work)

    @requires(Action.VIEW)
    def editions(self, period: CheckPeriod) -> list[BulletinView]:
        """Every edition of the period's 通报, first first."""
        with self._uow.read() as session:
            return [_view(row) for row in _editions(session, period)]

    @requires(Action.VIEW)
    def latest(self, period: CheckPeriod) -> BulletinView | None:
        with self._uow.read() as session:
            rows = _editions(session, period)
            return _view(rows[-1]) if rows else None

    @requires(Action.EXPORT)
    def write_pdf(
        self,
        period: CheckPeriod,
        out: Path,
        edition: int | None = None,
        *,
        font_path: Path | None = None,
    ) -> Path:
        """The stored edition (default the latest) as a PDF; all or nothing."""
        # reportlab (~150 ms to import) is loaded only when a PDF is written.
        from kaohe_desktop.reports.pdf_bulletin import write_bulletin

        out = output_file(out, BULLETIN_PDF)
        content = self._content(period, edition)
        write_bulletin(content, out, pdf_font(font_path))
        return out

    def _content(self, period: CheckPeriod, edition: int | None) -> BulletinContent:
        with self._uow.read() as session:
            rows = _editions(session, period)
        if not rows:
            raise InputError(f"{period.label()}还没有生成通报；请先生成。")
        if edition is None:
            row = rows[-1]
        else:
            found = [r for r in rows if r.edition == edition]
            if not found:
                have = "、".join(f"第{r.edition}版" for r in rows)
                raise InputError(f"{period.label()}的通报没有第{edition}版（现有{have}）。")
            row = found[0]
        try:
            return BulletinContent.from_json(row.content_json)
        except ValueError as error:
            raise InputError(f"{row.doc_no}（第{row.edition}版）：{error}") from None
