"""The panel beside the 查账 grid: the current row's checks at each level, its 佐证材料
files, and its 督办单.

Files are attached to the check of the level being entered (set its status first),
several at once, in a worker with a progress dialog: a year of scans and photos is
large, and a share is slow. Each file is its own write, so a refused file (too large,
an unknown kind, a hostile name) is named and the others still go in; 取消 stops
before the next file. A file is opened through a read-only copy with the system
viewer; 删除 is for 管理员, while the period is open.

The panel reads a row's files only when the row has any (the due list counts them),
so walking down the grid with Enter asks the data file nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.domain.checks import LEVEL_ORDER
from kaohe_desktop.domain.enums import CheckLevel
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.checks.views import CheckEntryView, DueCheckRow, EvidenceView
from kaohe_desktop.services.errors import InputError, PermissionDeniedError, StorageError
from kaohe_desktop.services.progress import ProgressReporter
from kaohe_desktop.ui.checks import check_outputs
from kaohe_desktop.ui.checks.check_session import CheckSession
from kaohe_desktop.ui.checks.due_columns import status_text
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.table_model import Column, RowTableModel
from kaohe_desktop.ui.common.widgets import make_table_view
from kaohe_desktop.ui.workers import Job, run_job

LevelLine = tuple[CheckLevel, CheckEntryView | None]


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


class LevelsModel(RowTableModel[LevelLine]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.set_columns(
            [
                Column(
                    self.tr("Level"),
                    lambda line: line[0].label,
                    tooltip=lambda line: line[0].description,
                ),
                Column(self.tr("Status"), lambda line: status_text(line[1]) or "—"),
                Column(
                    self.tr("Actual completion"),
                    lambda line: line[1].actual if line[1] else "",
                    tooltip=lambda line: line[1].actual if line[1] else None,
                ),
                Column(self.tr("Checked by"), lambda line: line[1].checker if line[1] else ""),
                Column(self.tr("Date"), lambda line: line[1].check_date if line[1] else None),
            ]
        )


class EvidenceModel(RowTableModel[tuple[CheckLevel, EvidenceView]]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.set_columns(
            [
                Column(
                    self.tr("File"),
                    lambda f: f[1].file_name + ("" if f[1].present else self.tr(" (missing)")),
                    tooltip=lambda f: f[1].description or f[1].file_name,
                    color=lambda f: None if f[1].present else "#c62828",
                ),
                Column(self.tr("Level"), lambda f: f[0].label, center=True),
                Column(self.tr("Size"), lambda f: size_text(f[1].size_bytes), numeric=True),
                Column(self.tr("Added"), lambda f: f"{f[1].added_by} {f[1].added_at:%m-%d}"),
            ]
        )


class EvidencePanel(QWidget):
    open_notices = Signal(str)  # a notice number to show in the list

    def __init__(self, session: CheckSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidencePanel")
        self.session = session
        self.row: DueCheckRow | None = None
        self.heading = QLabel()
        self.heading.setObjectName("evidenceHeading")
        self.heading.setWordWrap(True)
        self.levels = LevelsModel(self)
        self.levels_view = make_table_view(
            self.levels, {0: 44, 1: 110, 2: 330, 3: 90}, name="levelsTable", sortable=False
        )
        self.files = EvidenceModel(self)
        self.files_view = make_table_view(
            self.files, {0: 170, 1: 40, 2: 64}, name="evidenceTable", sortable=False
        )
        self.files_view.doubleClicked.connect(lambda _index: self.open_selected())
        self.files_view.selectionModel().currentRowChanged.connect(lambda *_: self.update_buttons())
        self.note = QLabel()
        self.note.setObjectName("evidenceNote")
        self.note.setWordWrap(True)
        self.attach_button = QPushButton(self.tr("Attach files…"))
        self.attach_button.setObjectName("attachEvidence")
        self.attach_button.clicked.connect(lambda: self.attach())
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setObjectName("openEvidence")
        self.open_button.clicked.connect(lambda: self.open_selected())
        self.remove_button = QPushButton(self.tr("Delete…"))
        self.remove_button.setObjectName("removeEvidence")
        self.remove_button.clicked.connect(lambda: self.remove_selected())
        self.notices = QLabel()
        self.notices.setObjectName("rowNotices")
        self.notices.setWordWrap(True)
        self.notices.linkActivated.connect(self.open_notices.emit)

        buttons = QHBoxLayout()
        for button in (self.attach_button, self.open_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        # Three columns side by side under the grid: the grid keeps the window's width.
        checks = QVBoxLayout()
        checks.addWidget(self.heading)
        checks.addWidget(self.levels_view, 1)
        files = QVBoxLayout()
        files.addWidget(QLabel(self.tr("Evidence files (佐证材料):")))
        files.addWidget(self.files_view, 1)
        files.addLayout(buttons)
        files.addWidget(self.note)
        notices = QVBoxLayout()
        notices.addWidget(QLabel(self.tr("Notices (督办单):")))
        notices.addWidget(self.notices)
        notices.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(checks, 5)
        layout.addLayout(files, 4)
        layout.addLayout(notices, 1)
        self.show_row(None)

    # --- the row shown ----------------------------------------------------------------
    def show_row(self, row: DueCheckRow | None) -> None:
        # The files are read again only for another row, or when its files changed.
        before = self.row
        same = (
            row is not None
            and before is not None
            and row.key == before.key
            and [e and (e.check_id, e.evidence_files) for e in row.levels]
            == [e and (e.check_id, e.evidence_files) for e in before.levels]
        )
        self.row = row
        if row is None:
            self.heading.setText(self.tr("Choose a row of the grid to see its checks and files."))
            self.levels.set_rows([])
            self.files.set_rows([])
            self.notices.setText("")
            self.update_buttons()
            return
        self.heading.setText(f"<b>{row.seq}. {row.title}</b><br>{row.department} · {row.deadline}")
        self.levels.set_rows(list(zip(LEVEL_ORDER, row.levels, strict=True)))
        if not same:
            self.note.clear()
            self._load_files(row)
        links = [f'<a href="{n}">{n}</a>' for n in row.notices]
        self.notices.setText("<br>".join(links) or self.tr("None"))
        self.update_buttons()

    def _load_files(self, row: DueCheckRow) -> None:
        source = self.session.source
        found: list[tuple[CheckLevel, EvidenceView]] = []
        if source is not None:
            try:
                for level, entry in zip(LEVEL_ORDER, row.levels, strict=True):
                    if entry is not None and entry.evidence_files:
                        found += [(level, f) for f in source.evidence.files(entry.check_id)]
            except (StorageError, PermissionDeniedError) as error:
                self.note.setText(messages.describe_error(error))
        self.files.set_rows(found)

    def selected_file(self) -> EvidenceView | None:
        index = self.files_view.currentIndex()
        return self.files.row_at(index.row())[1] if index.isValid() else None

    def attach_refusal(self) -> str | None:
        """Why no file can be attached to the current row now (None: it can)."""
        row, session = self.row, self.session
        if row is None:
            return self.tr("Choose a row first")
        refusal = session.refusal()
        if refusal is not None:
            return refusal
        locked = session.leases.refused.get(row.department_id)
        if locked is not None:
            return locked
        if row.entry(session.level) is None:
            return self.tr("Enter the {0} status of this row first (keys 1–5)").format(
                session.level.label
            )
        return None

    def update_buttons(self) -> None:
        source = self.session.source
        refusal = self.attach_refusal()
        self.attach_button.setEnabled(refusal is None)
        self.attach_button.setToolTip(
            refusal
            or self.tr("Attach PDFs, photos or documents to the {0} check").format(
                self.session.level.label
            )
        )
        chosen = self.selected_file() is not None
        self.open_button.setEnabled(chosen)
        due = self.session.due
        may_remove = (
            chosen
            and source is not None
            and source.may(Action.REMOVE_EVIDENCE)
            and due is not None
            and not due.closed
        )
        self.remove_button.setEnabled(may_remove)
        self.remove_button.setToolTip(
            self.tr("Delete the chosen file (administrators, while the period is open)")
        )

    # --- attaching --------------------------------------------------------------------
    def attach(self) -> Job | None:
        paths = check_outputs.choose_files(self, self.tr("Attach evidence files"))
        return self.attach_paths(paths) if paths else None

    def attach_paths(self, paths: Sequence[Path], description: str | None = None) -> Job | None:
        """Attach these files to the current row's check at the level entered."""
        title = self.tr("Attach evidence files")
        refusal = self.attach_refusal()
        row, source = self.row, self.session.source
        if refusal is not None or row is None or source is None:
            messages.warn(self, title, refusal or "")
            return None
        level = self.session.level
        entry = row.entry(level)
        assert entry is not None
        try:
            leases = self.session.ensure_leases([row])
        except (StorageError, PermissionDeniedError) as error:
            messages.show_error(self, title, error)
            return None
        evidence, check_id, files = source.evidence, entry.check_id, list(paths)
        refused: list[str] = []
        attaching = self.tr("Attaching {0}…")  # translated here: the work runs in a worker

        def work(progress: ProgressReporter) -> list[EvidenceView]:
            added = []
            for number, path in enumerate(files):
                progress.report(number, len(files), attaching.format(path.name))
                try:
                    added.append(evidence.attach(check_id, path, description, leases))
                except InputError as error:  # this file only; the others still go in
                    refused.append(str(error))
            return added

        key = row.key

        def finished(added: list[EvidenceView] | None, error: BaseException | None) -> None:
            # Counted again even after a cancel: the files before it went in.
            self._recount(key, check_id)
            summary = self.tr("{0} of {1} files attached.").format(len(added or []), len(files))
            self.note.setText(summary)
            if error is not None:
                messages.show_error(self, title, error)
            elif refused:
                messages.warn(self, title, "\n".join([summary, *refused]))
            self.update_buttons()

        return run_job(
            self,
            title,
            work,
            on_success=lambda added: finished(added, None),
            on_error=lambda error: finished(None, error),
        )

    # --- opening and removing --------------------------------------------------------
    def open_selected(self) -> Job | None:
        chosen, source = self.selected_file(), self.session.source
        if chosen is None or source is None:
            return None
        title = self.tr("Open evidence file")
        evidence = source.evidence

        def opened(path: Path) -> None:
            if not check_outputs.open_with_viewer(path):
                messages.warn(
                    self, title, self.tr("No program on this computer opens {0}.").format(path.name)
                )

        return run_job(
            self,
            self.tr("Opening {0}…").format(chosen.file_name),
            lambda _progress: evidence.open_copy(chosen.id),
            on_success=opened,
            on_error=lambda error: messages.show_error(self, title, error),
        )

    def remove_selected(self) -> bool:
        chosen, source, row = self.selected_file(), self.session.source, self.row
        if chosen is None or source is None or row is None:
            return False
        title = self.tr("Delete evidence file")
        if not messages.ask(
            self,
            title,
            self.tr("Delete “{0}” from this check?").format(chosen.file_name),
            self.tr("The file itself goes when no other check refers to it."),
        ):
            return False
        try:
            source.evidence.remove(chosen.id, chosen.version)
        except (InputError, StorageError, PermissionDeniedError) as error:
            messages.show_error(self, title, error)
            return False
        self._recount(row.key, chosen.check_id)
        self.update_buttons()
        return True

    def _recount(self, key: tuple[int, int], check_id: int) -> None:
        """The check's files as the data file holds them: the row's count, and the list
        (the tab shows the changed row, which reads the list; read here otherwise)."""
        source = self.session.source
        if source is None:
            return
        try:
            count = len(source.evidence.files(check_id))
        except (StorageError, PermissionDeniedError) as error:
            self.note.setText(messages.describe_error(error))
            return
        changed = self.session.set_file_count(key, check_id, count)
        if not changed and self.row is not None and self.row.key == key:
            self._load_files(self.row)
