"""What the 人员档案 tab's actions do: open the 奖惩 and 谈话 dialogs, delete a record,
print the archive.

Every record is written under the person's lease, taken when the first dialog opens
(a refusal names who edits the person, in the tab's banner) and given back when the
clerk turns to another person. A dialog saves by itself and hands back the person's
fresh archive, which the session shows at once: no reload after the program's own
write. A refusal saying the file changed reads the person again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QWidget

from kaohe_desktop.domain.archive_records import RewardDraft, TalkDraft
from kaohe_desktop.domain.enums import TalkKind
from kaohe_desktop.services.archive.archive_print import ArchivePrintResult
from kaohe_desktop.services.archive.views import PersonArchiveView, RewardView, TalkView
from kaohe_desktop.services.errors import (
    BusyError,
    InputError,
    PermissionDeniedError,
    StorageError,
)
from kaohe_desktop.services.progress import ProgressReporter
from kaohe_desktop.ui.archive.archive_session import ArchiveSession
from kaohe_desktop.ui.archive.record_dialog_base import ArchiveRecordDialog
from kaohe_desktop.ui.archive.reward_dialog import RewardDialog
from kaohe_desktop.ui.archive.talk_dialog import TalkDialog
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.file_dialogs import ask_save_path
from kaohe_desktop.ui.common.lease_gate import may_change
from kaohe_desktop.ui.editing import prompts
from kaohe_desktop.ui.settings import settings_of
from kaohe_desktop.ui.workers import Job, run_job


class ArchiveCommands(QObject):
    def __init__(
        self, session: ArchiveSession, parent: QWidget, talkers: Callable[[], Sequence[str]]
    ) -> None:
        super().__init__(parent)
        self.session, self._parent, self._talkers = session, parent, talkers
        self.dialog: QDialog | None = None  # the dialog last opened (tests look at it)
        self.job: Job | None = None

    # --- records ------------------------------------------------------------------------
    def _may_enter(self) -> bool:
        """The person's records may be changed here and the lease is (now) ours."""
        session = self.session
        if session.source is None or session.view is None:
            return False
        return may_change(session, self._parent, self.tr("Personnel archive"))

    def _open(self, dialog: ArchiveRecordDialog) -> ArchiveRecordDialog:
        dialog.saved.connect(self.session.take_saved)
        dialog.refused.connect(self.session.reload)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _heading(self, view: PersonArchiveView) -> str:
        person = view.person
        return f"{person.name}（{person.code}）　{person.department}"

    def add_reward(self, *, discipline: bool = False) -> ArchiveRecordDialog | None:
        if not self._may_enter():
            return None
        session, view, source = self.session, self.session.view, self.session.source
        assert view is not None and source is not None
        records, person_id = source.archive_records, view.person.id

        def save(draft: RewardDraft) -> PersonArchiveView:
            return records.add_reward(person_id, draft, session.ensure_lease())

        return self._open(
            RewardDialog(
                self._heading(view), save, today=source.clock().date(), discipline=discipline,
                parent=self._parent,
            )
        )  # fmt: skip

    def add_talk(
        self, kind: TalkKind | None = None, person_id: int | None = None
    ) -> ArchiveRecordDialog | None:
        """新增谈话… for the person shown (a due list's row first selects its person)."""
        if not self._may_enter():
            return None
        session, view, source = self.session, self.session.view, self.session.source
        assert view is not None and source is not None
        if person_id is not None and person_id != view.person.id:
            return None
        records, shown = source.archive_records, view.person.id

        def save(draft: TalkDraft) -> PersonArchiveView:
            return records.add_talk(shown, draft, session.ensure_lease())

        return self._open(
            TalkDialog(
                self._heading(view), save, today=source.clock().date(),
                talkers=self._talker_names(view), kind=kind, parent=self._parent,
            )
        )  # fmt: skip

    def _talker_names(self, view: PersonArchiveView) -> list[str]:
        """The person's earlier talkers first, then the bureau's leaders."""
        return list(dict.fromkeys([*(t.talker for t in view.talks), *self._talkers()]))

    def edit(self, record: RewardView | TalkView | None) -> ArchiveRecordDialog | None:
        if record is None or not self._may_enter():
            return None
        session, view, source = self.session, self.session.view, self.session.source
        assert view is not None and source is not None
        records, today = source.archive_records, source.clock().date()
        if isinstance(record, RewardView):

            def save_reward(draft: RewardDraft) -> PersonArchiveView:
                return records.update_reward(
                    record.id, record.discipline, record.version, draft, session.ensure_lease()
                )

            return self._open(
                RewardDialog(
                    self._heading(view), save_reward, today=today, reward=record,
                    parent=self._parent,
                )
            )  # fmt: skip

        def save_talk(draft: TalkDraft) -> PersonArchiveView:
            return records.update_talk(record.id, record.version, draft, session.ensure_lease())

        return self._open(
            TalkDialog(
                self._heading(view), save_talk, today=today,
                talkers=self._talker_names(view), talk=record, parent=self._parent,
            )
        )  # fmt: skip

    def delete(self, record: RewardView | TalkView | None) -> bool:
        if record is None:
            return False
        title = self.tr("Delete record")
        if not messages.ask(self._parent, title, self._delete_question(record)):
            return False
        if not self._may_enter():
            return False
        session, source = self.session, self.session.source
        assert source is not None
        records = source.archive_records
        while True:
            try:
                lease = session.ensure_lease()
                if isinstance(record, RewardView):
                    view = records.delete_reward(
                        record.id, record.discipline, record.version, lease
                    )
                else:
                    view = records.delete_talk(record.id, record.version, lease)
            except BusyError as error:
                if prompts.ask_retry(self._parent, title, str(error)):
                    continue
                return False
            except (InputError, StorageError, PermissionDeniedError) as error:
                messages.show_error(self._parent, title, error)
                session.reload()
                return False
            break
        session.take_saved(view)
        return True

    def _delete_question(self, record: RewardView | TalkView) -> str:
        if isinstance(record, RewardView):
            return self.tr("Delete the {0} of {1}?\n{2}").format(
                record.type, record.on.isoformat(), record.reason or record.doc_no or ""
            )
        return self.tr("Delete the {0} of {1} held by {2}?").format(
            record.kind, record.on.isoformat(), record.talker
        )

    # --- printing -----------------------------------------------------------------------
    def print_archive(self, *, department: bool) -> Job | None:
        """打印档案…: the person shown, or every current member of their department."""
        view, source = self.session.view, self.session.source
        if view is None or source is None:
            return None
        person = view.person
        title = self.tr("Print archive")
        name = (
            f"{person.department}人员档案.pdf"
            if department
            else f"{person.name}（{person.code}）人员档案.pdf"
        )
        out = ask_save_path(self._parent, title, Path.home() / name, self.tr("PDF files (*.pdf)"))
        if out is None:
            return None
        printer, font = source.archive_print, settings_of(self._parent).pdf_font_path

        def write(progress: ProgressReporter) -> ArchivePrintResult:
            if department:
                return printer.write_pdf(
                    out, department=person.department, font_path=font, progress=progress
                )
            return printer.write_pdf(
                out, person_code=person.code, font_path=font, progress=progress
            )

        def saved(result: ArchivePrintResult) -> None:
            messages.info(
                self._parent,
                title,
                self.tr("Saved to:\n{0}\n\n{1} archives, {2} pages.").format(
                    result.path, result.people, result.pages
                ),
            )

        def failed(error: BaseException) -> None:
            messages.show_error(self._parent, title, error)

        self.job = run_job(
            self._parent,
            self.tr("Writing {0}…").format(out.name),
            write,
            on_success=saved,
            on_error=failed,
        )
        return self.job
