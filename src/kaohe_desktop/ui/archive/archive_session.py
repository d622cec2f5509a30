"""The person on screen in the 人员档案 tab: the services of the open file it uses, the
archive last read and the edit lease held on the person's records.

The tab owns one and lays the widgets out around it; the commands and dialogs read
and change the person through the session. A new archive, however it came (a read,
a dialog's save), is announced as `archive_changed`; a record written here may change
the due lists, announced as `records_changed`.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication, QObject, Signal

from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.access.leases import Lease, LeaseService
from kaohe_desktop.services.archive.archive_print import ArchivePrint
from kaohe_desktop.services.archive.due_lists import DueListService
from kaohe_desktop.services.archive.person_archive import PersonArchive
from kaohe_desktop.services.archive.records import ArchiveRecords
from kaohe_desktop.services.archive.views import PersonArchiveView, RewardView, TalkView
from kaohe_desktop.ui.archive.archive_leases import ArchiveLeases, lease_label
from kaohe_desktop.ui.common.access import Access

translate = QCoreApplication.translate


class ArchiveSource(Access, Protocol):
    """What the 人员档案 tab uses of the open file (a Workspace is one)."""

    @property
    def archive(self) -> PersonArchive: ...

    @property
    def archive_records(self) -> ArchiveRecords: ...

    @property
    def archive_print(self) -> ArchivePrint: ...

    @property
    def due_lists(self) -> DueListService: ...

    @property
    def leases(self) -> LeaseService: ...


def added_record(
    before: PersonArchiveView, after: PersonArchiveView
) -> RewardView | TalkView | None:
    """The one 奖惩 or 谈话 record `after` has and `before` had not (None: none, or several)."""
    old_talks = {t.id for t in before.talks}
    old_rewards = {(r.id, r.discipline) for r in (*before.commendations, *before.disciplines)}
    new: list[RewardView | TalkView] = [t for t in after.talks if t.id not in old_talks]
    new += [
        r
        for r in (*after.commendations, *after.disciplines)
        if (r.id, r.discipline) not in old_rewards
    ]
    return new[0] if len(new) == 1 else None


class ArchiveSession(QObject):
    archive_changed = Signal(object)  # PersonArchiveView | None, to be shown
    records_changed = Signal()  # a record was written here: the due lists may differ
    record_added = Signal(object)  # the RewardView or TalkView a dialog just added

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source: ArchiveSource | None = None
        self.view: PersonArchiveView | None = None
        self.leases = ArchiveLeases(self)

    # --- which person ---------------------------------------------------------------
    def open(self, source: ArchiveSource) -> None:
        if source is not self.source:
            self.leases.target(None, None)
            self.view = None
        self.source = source

    def clear(self) -> None:
        self.leases.target(None, None)
        self.source, self.view = None, None

    def show_person(self, person_id: int | None) -> PersonArchiveView | None:
        """Read the person's archive (a StorageError is the caller's) and announce it;
        turning to another person gives the previous one's lease back."""
        source = self.source
        if source is None or person_id is None:
            self.leases.target(source.leases if source else None, None)
            self.view = None
            self.archive_changed.emit(None)
            return None
        view = source.archive.archive(person_id)
        records = source.archive_records
        self.leases.target(
            source.leases,
            person_id,
            lease_label(view.person.name, view.person.code),
            lambda: records.acquire_lease(person_id),
        )
        self.leases.recheck()  # a holder may have let go since the last read
        self.take(view)
        return view

    def take(self, view: PersonArchiveView) -> None:
        self.view = view
        self.archive_changed.emit(view)

    def take_saved(self, view: PersonArchiveView) -> None:
        """A dialog's save: shown if it is still the person on screen."""
        before = self.view
        if before is None or view.person.id != before.person.id:
            self.records_changed.emit()
            return
        self.take(view)
        added = added_record(before, view)
        if added is not None:
            self.record_added.emit(added)
        self.records_changed.emit()

    def reload(self) -> None:
        """Read the person again (after a refusal: the file may differ from the screen)."""
        if self.view is not None:
            self.show_person(self.view.person.id)

    # --- who may change what ----------------------------------------------------------
    def refusal(self) -> str | None:
        """Why the person's records cannot be changed here (None: the clerk may)."""
        source = self.source
        if source is None or self.view is None:
            return translate("ArchiveSession", "Select a person first.")
        if source.read_only:
            return translate(
                "ArchiveSession", "Nothing can be entered: the data file is open read-only ({0})."
            ).format(source.read_only_reason or "")
        if not source.may(Action.ENTER_DATA):
            return translate(
                "ArchiveSession",
                "Your role ({0}) may read the archive but not add or change its records.",
            ).format(source.actor.role.label)
        return self.leases.refusal

    def ensure_lease(self) -> Lease:
        """The person's lease, taken now if not yet held (LeaseHeldError: someone else
        edits the person's records; the refusal is then shown in the tab's banner)."""
        return self.leases.ensure()
