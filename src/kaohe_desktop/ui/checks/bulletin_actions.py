"""生成通报 / 打印通报 / 重新生成 of the period on screen.

A 通报 is saved as an edition with its content frozen, so printing it again gives the
same pages even after later edits. The first press makes the period's first edition
and saves it as a PDF; once there is one, the button prints the latest edition as it
was made; 重新生成 asks first, then makes a new edition from the checks as they are now
(same number, next edition) and prints that. Generating and writing happen in a worker,
after the clerk has chosen where the PDF goes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from kaohe_desktop.domain.check_rules import CheckPeriod
from kaohe_desktop.services.checks.bulletins import BulletinService
from kaohe_desktop.services.checks.views import BulletinView
from kaohe_desktop.ui.checks import check_outputs
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.workers import Job

translate = QCoreApplication.translate


def bulletin_file_name(period: CheckPeriod) -> str:
    return f"{period.label()}查账通报.pdf"


def print_bulletin(
    parent: QWidget,
    bulletins: BulletinService,
    period: CheckPeriod,
    latest: BulletinView | None,
    on_made: Callable[[], None],
) -> Job | None:
    """The latest edition as a PDF; the first edition is made now when there is none."""
    if latest is None:
        title = translate("BulletinActions", "Generate bulletin")
        return _make_and_write(parent, bulletins, period, title, on_made)
    edition = latest.edition
    return check_outputs.write_pdf(
        parent,
        translate("BulletinActions", "Print bulletin"),
        bulletin_file_name(period),
        lambda out, font: bulletins.write_pdf(period, out, edition, font_path=font),
    )


def regenerate_bulletin(
    parent: QWidget,
    bulletins: BulletinService,
    period: CheckPeriod,
    latest: BulletinView,
    on_made: Callable[[], None],
) -> Job | None:
    """A new edition from the checks as they are now, after the clerk confirms."""
    title = translate("BulletinActions", "Regenerate bulletin")
    if not messages.ask(
        parent,
        title,
        translate(
            "BulletinActions", "Make edition {0} of {1} from the checks as they are now?"
        ).format(latest.edition + 1, latest.doc_no),
        translate(
            "BulletinActions",
            "Edition {0} of {1} stays stored and can still be printed as it was.",
        ).format(latest.edition, latest.issued_on.isoformat()),
    ):
        return None
    return _make_and_write(parent, bulletins, period, title, on_made)


def _make_and_write(
    parent: QWidget,
    bulletins: BulletinService,
    period: CheckPeriod,
    title: str,
    on_made: Callable[[], None],
) -> Job | None:
    def write(out: Path, font: Path | None) -> Path:
        made = bulletins.generate(period)
        return bulletins.write_pdf(period, out, made.edition, font_path=font)

    job = check_outputs.write_pdf(parent, title, bulletin_file_name(period), write)
    if job is not None:
        # Made even when writing the PDF failed afterwards: the toolbar shows it either way.
        job.done.connect(on_made)
    return job
