"""人员档案 tab: find a person on the left, read and keep their archive (一人一档) on the
right, or turn to the 待办清单 (talks due, rotations due).

The tab lays out the people list, the archive (header, toolbar, banners, sections)
and the due lists, and wires them; the person shown, their archive and the lease on
their records are the ArchiveSession's, the actions ArchiveCommands'. It reads only
while it is shown (the people once, the archive of the selected person, the due lists
when their page is open); a hidden tab marks itself out of date and reads when the
clerk turns to it. The count of what is overdue is announced (`overdue_changed`)
at every reload, shown or not, for the status bar.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.archive.views import PersonArchiveView, PersonFindRow
from kaohe_desktop.services.errors import PermissionDeniedError, StorageError
from kaohe_desktop.services.files.live import ARCHIVE, GRADING, PEOPLE
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.archive.archive_actions import ArchiveActions, ArchiveState
from kaohe_desktop.ui.archive.archive_commands import ArchiveCommands
from kaohe_desktop.ui.archive.archive_session import ArchiveSession
from kaohe_desktop.ui.archive.archive_view import ArchiveHeader, ArchiveSections
from kaohe_desktop.ui.archive.due_lists_panel import DueListsPanel, TalkRequest
from kaohe_desktop.ui.archive.due_lists_session import DueListsSession
from kaohe_desktop.ui.archive.people_panel import PeoplePanel
from kaohe_desktop.ui.common.data_tab import DataTab, Guidance
from kaohe_desktop.ui.common.empty_state import EmptyStateStack
from kaohe_desktop.ui.common.messages import describe_error
from kaohe_desktop.ui.editing.banner import Banner, BannerAction, Tone

LEADER_WORDS = ("局长", "书记", "纪检组长", "政委")


def leader_names(rows: list[PersonFindRow]) -> list[str]:
    """The bureau's leaders in service, as the talk dialog offers them for 谈话人."""
    return [
        r.name for r in rows if r.in_service and any(w in (r.position or "") for w in LEADER_WORDS)
    ]


class ArchiveTab(DataTab):
    shows = PEOPLE | GRADING | ARCHIVE  # what `_load` reads
    edit_person_requested = Signal(int)
    overdue_changed = Signal(int)  # special talks overdue + rotations reached, this year
    loads_when_shown = True  # it reads the people and their archives: only while shown

    def __init__(self, guidance: Guidance, parent: QWidget | None = None) -> None:
        content = QWidget()
        super().__init__(content, guidance, parent)
        self.session = ArchiveSession(self)
        self.people_panel = PeoplePanel()
        self.people, self.people_proxy = self.people_panel.model, self.people_panel.proxy
        self.search = self.people_panel.search
        self.header = ArchiveHeader()
        self.sections = ArchiveSections()
        self.toolbar_actions = ArchiveActions(self)
        self.commands = ArchiveCommands(
            self.session, self, lambda: leader_names(self.people.rows())
        )
        self.lease_banner = Banner("archiveLeaseBanner")
        self.error_banner = Banner("archiveErrorBanner")
        self.due = DueListsPanel()
        self.due_session = DueListsSession(self.due, self)
        self.archive_button = QToolButton()
        self.due_button = QToolButton()
        self._editable = False
        self._reads = 0  # archives read: a reload reads the person once, not twice
        self._window: QWidget | None = None
        self._layout(content)
        self._connect()
        self.update_actions()

    # --- layout -------------------------------------------------------------------------
    def _layout(self, content: QWidget) -> None:
        archive = QWidget()
        archive_layout = QVBoxLayout(archive)
        archive_layout.setContentsMargins(0, 0, 0, 0)
        archive_layout.addWidget(self.header)
        archive_layout.addWidget(self.toolbar_actions.make_toolbar())
        archive_layout.addWidget(self.lease_banner)
        archive_layout.addWidget(self.error_banner)
        archive_layout.addWidget(self.sections, 1)
        self.archive_stack = EmptyStateStack(archive)
        self.pages = QStackedWidget()
        self.pages.setObjectName("archivePages")
        self.pages.addWidget(self.archive_stack)
        self.pages.addWidget(self.due)
        switch = QHBoxLayout()
        switch.setContentsMargins(0, 0, 0, 0)
        group = QButtonGroup(self)
        for button, text, name in (
            (self.archive_button, self.tr("Archive"), "showArchivePage"),
            (self.due_button, self.tr("Due lists"), "showDuePage"),
        ):
            button.setText(text)
            button.setObjectName(name)
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setMinimumWidth(96)
            group.addButton(button)
            switch.addWidget(button)
        self.archive_button.setChecked(True)
        self.due_button.setToolTip(
            self.tr("Who is short of talks, which special talks and rotations are due")
        )
        switch.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(switch)
        right_layout.addWidget(self.pages, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("archiveSplitter")
        splitter.addWidget(self.people_panel)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([460, 940])
        layout = QVBoxLayout(content)
        layout.addWidget(splitter)

    def _connect(self) -> None:
        a, c, s = self.toolbar_actions, self.commands, self.session
        self.addActions(a.tab_actions())
        for table in (self.sections.reward_table, self.sections.talk_table):
            table.addActions([a.edit_record, a.delete_record])
            table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        a.add_reward.triggered.connect(lambda _c=False: c.add_reward())
        a.add_talk.triggered.connect(lambda _c=False: c.add_talk())
        a.edit_record.triggered.connect(lambda _c=False: c.edit(self.sections.chosen_record()))
        a.delete_record.triggered.connect(lambda _c=False: c.delete(self.sections.chosen_record()))
        a.print_person.triggered.connect(lambda _c=False: c.print_archive(department=False))
        a.print_department.triggered.connect(lambda _c=False: c.print_archive(department=True))
        a.edit_person.triggered.connect(lambda _c=False: self._request_edit())
        self.people_panel.person_chosen.connect(self._on_person_chosen)
        self.people_panel.filtered.connect(self._on_filtered)
        self.people_panel.table.doubleClicked.connect(lambda _index: self._request_edit())
        s.archive_changed.connect(self._show_archive)
        s.records_changed.connect(self._on_records_changed)
        s.record_added.connect(self.sections.select_record)  # the new record, on its page
        s.leases.changed.connect(self._show_lease)
        s.leases.unavailable.connect(self._unavailable)
        self.sections.record_selected.connect(self.update_actions)
        self.sections.record_activated.connect(
            lambda: c.edit(self.sections.chosen_record()) if a.edit_record.isEnabled() else None
        )
        self.archive_button.toggled.connect(lambda on: self.show_due_lists(not on))
        self.due.person_chosen.connect(self.show_person_archive)
        self.due.talk_requested.connect(self._talk_for)
        self.due.export_requested.connect(self.due_session.export)
        self.due_session.overdue_changed.connect(self._show_overdue)

    # --- loading only while shown (DataTab.loads_when_shown) -----------------------------
    def reload(self) -> None:
        if self.workspace is not None and self.year is not None:
            self.due_session.count_overdue(self.workspace)  # the status bar's, shown or not
        super().reload()

    def set_workspace(self, workspace: Workspace | None, year: int | None) -> None:
        if workspace is not self.workspace:
            self.session.clear()  # gives the previous file's lease back
            self.due_session.clear()
        self._watch_window()
        super().set_workspace(workspace, year)

    def recheck_leases(self) -> None:
        self.session.leases.recheck()

    def _load(self, workspace: Workspace, year: int) -> None:
        self.session.open(workspace)
        self.due_session.open(workspace, year)
        reads = self._reads
        rows = workspace.archive.people()
        self.people_panel.set_people(rows)  # announces another person, if it changed
        if self._reads == reads:  # the same person (or nobody): read them again
            chosen = self.people_panel.selected()
            self._read_person(chosen.id if chosen is not None else None)
        if self.pages.currentWidget() is self.due:
            self.due_session.load()
        self.show_rows_or_empty(
            bool(rows),
            self.tr(
                "There are no people yet. Fill in the 科室 and 人员 sheets of the template "
                "and import it with File → Import workbook."
            ),
        )
        self.update_actions()

    def _clear(self) -> None:
        self.session.clear()
        self.people_panel.forget()
        self._show_archive(None)
        self.due_session.clear()
        self.lease_banner.clear()
        self.error_banner.clear()
        self.update_actions()

    # --- the person shown -----------------------------------------------------------------
    def _on_person_chosen(self, person: PersonFindRow | None) -> None:
        self._read_person(person.id if person is not None else None)

    def _read_person(self, person_id: int | None) -> None:
        self._reads += 1
        try:
            self.session.show_person(person_id)
        except (StorageError, PermissionDeniedError) as error:
            self.session.show_person(None)
            self.archive_stack.show_empty(
                self.tr("The archive could not be read: {0}").format(describe_error(error))
            )

    def _show_archive(self, view: PersonArchiveView | None) -> None:
        self.header.show_archive(view)
        self.sections.show_archive(view)
        self.error_banner.clear()
        if view is not None:
            self.archive_stack.show_content()
        else:
            self.archive_stack.show_empty(self._nobody_text())
        self._show_lease()
        self.update_actions()

    def _on_filtered(self) -> None:
        if self.session.view is None and self.workspace is not None:
            self.archive_stack.show_empty(self._nobody_text())

    def _nobody_text(self) -> str:
        panel = self.people_panel
        if panel.model.rowCount() and not panel.proxy.rowCount():
            return self.tr(
                "Nobody matches “{0}”. Type part of a code or a name, the pinyin initials of a "
                "name (zs for 张三), a department or a status, or clear the search box."
            ).format(panel.search.text().strip())
        return self.tr("Select a person on the left to see their archive.")

    def selected_person(self) -> PersonFindRow | None:
        return self.people_panel.selected()

    def select_person(self, code: str) -> bool:
        return self.people_panel.select_code(code)

    def show_person_archive(self, person_id: int) -> bool:
        """Select the person on the left and show their archive (from the due lists)."""
        if not self.people_panel.select(person_id):
            return False
        self.archive_button.setChecked(True)
        return True

    def _talk_for(self, request: TalkRequest) -> None:
        if self.people_panel.select(request.person_id):
            self.commands.add_talk(request.kind, request.person_id)

    def _request_edit(self) -> None:
        person = self.selected_person()
        if person is not None:
            self.edit_person_requested.emit(person.id)

    # --- the due lists --------------------------------------------------------------------
    def show_due_lists(self, shown: bool = True) -> None:
        """Turn to the 待办清单 page (or back to the archive)."""
        (self.due_button if shown else self.archive_button).setChecked(True)
        self.pages.setCurrentWidget(self.due if shown else self.archive_stack)
        if shown:
            self.due_session.load_if_stale()

    def _on_records_changed(self) -> None:
        if self.workspace is not None:
            self.due_session.records_changed(
                self.workspace, shown=self.pages.currentWidget() is self.due
            )

    def _show_overdue(self, count: int) -> None:
        self.due_button.setText(
            self.tr("Due lists ({0} overdue)").format(count) if count else self.tr("Due lists")
        )
        self.overdue_changed.emit(count)

    def overdue_count(self) -> int | None:
        """The last count announced (None before any file was read)."""
        return self.due_session.overdue

    # --- who may change what --------------------------------------------------------------
    def set_editable(self, editable: bool) -> None:
        """Whether the signed-in role may edit people (viewing stays possible)."""
        self._editable = editable
        self.update_actions()

    def update_actions(self) -> None:
        view = self.session.view
        self.toolbar_actions.update(
            ArchiveState(
                access=self.workspace,
                view=view,
                record=self.sections.chosen_record(),
                refusal=self.session.refusal() if view is not None else None,
                may_edit_person=self._editable,
            )
        )
        workspace = self.workspace
        self.due.set_may_talk(workspace is not None and workspace.may(Action.ENTER_DATA))

    def _show_lease(self) -> None:
        refusal = self.session.leases.refusal
        if refusal is None or self.session.view is None:
            self.lease_banner.clear()
            self.update_actions()
            return
        actions: list[BannerAction] = [(self.tr("Try again"), self._retry, "retryArchiveLease")]
        source = self.session.source
        if source is not None and source.may(Action.TAKE_OVER_LEASE):
            actions.append((self.tr("Take over"), self._take_over, "takeOverArchiveLease"))
        self.lease_banner.show_message(Tone.WARNING, refusal, actions)
        self.update_actions()

    def _retry(self) -> None:
        self.session.leases.forget_refusals()  # the next record asks for the lease again

    def _take_over(self) -> None:
        person = self.session.leases.person_id
        if person is not None and self.session.leases.take_over(self, person):
            self.session.reload()  # the holder may have saved meanwhile

    def _unavailable(self, message: str) -> None:
        source = self.session.source
        if source is not None and not source.read_only:
            source.go_read_only(message)
        self.error_banner.show_message(Tone.WARNING, message)
        self.update_actions()

    # --- closing the window gives the lease back ----------------------------------------------
    def _watch_window(self) -> None:
        window = self.window()
        if window is not self and window is not self._window:
            if self._window is not None:
                self._window.removeEventFilter(self)
            window.installEventFilter(self)
            self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close:
            self.session.leases.release_all()
        return super().eventFilter(watched, event)
