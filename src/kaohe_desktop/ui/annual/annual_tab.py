"""年度考核 tab: everyone of the chosen year with the four quarter grades, 好次数,
优秀资格 and 限制情形, the 优秀 recommendations within the quota, grades set by hand,
the year's close, and its outputs (the workbook, the 考核登记表, the 优秀公示).

Why a tab of its own rather than a page of 人员档案: the annual assessment is a
bureau-wide list worked once a year, with its own quota counter, edit lease and close —
the same shape as the 平时考核 tab — while 人员档案 is one person at a time. The year
is the window's year selector's.

The tab lays out the scheme line, the banners, the quota counter, the filter row and
the list, and shows each AnnualSheetView its AnnualSession announces. The year itself
(the services, the sheet, the lease) is the session's; the actions are
AnnualCommands'. It reads the year only while it is shown: a hidden tab marks itself
out of date and reads when the clerk turns to it.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kaohe_desktop.domain.enums import AnnualGrade
from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.archive.views import AnnualRowView, AnnualSheetView
from kaohe_desktop.services.files.live import GRADING, PEOPLE
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.annual import annual_model as cols
from kaohe_desktop.ui.annual.annual_actions import AnnualActions, AnnualState
from kaohe_desktop.ui.annual.annual_banners import AnnualBanners
from kaohe_desktop.ui.annual.annual_commands import AnnualCommands
from kaohe_desktop.ui.annual.annual_grid import AnnualGrid, Show
from kaohe_desktop.ui.annual.annual_read_ahead import AnnualReadAhead
from kaohe_desktop.ui.annual.annual_session import AnnualSession
from kaohe_desktop.ui.annual.quota_counter import QuotaCounterBar
from kaohe_desktop.ui.annual.scheme_line import AnnualSchemeLine
from kaohe_desktop.ui.common.data_tab import DataTab, Guidance
from kaohe_desktop.ui.editing.window_close import ReleaseOnWindowClose


def has_quarter_data(sheet: AnnualSheetView) -> bool:
    """Whether any quarter of the year has a grade, or anything was decided by hand."""
    return any(
        row.assessment_id is not None or any(g is not None for g in row.quarter_grades)
        for row in sheet.rows
    )


class AnnualTab(DataTab):
    shows = PEOPLE | GRADING | {"annual_assessment", "discipline"}  # what `_load` reads
    loads_when_shown = True  # it reads the whole year: only while shown

    def __init__(self, guidance: Guidance, parent: QWidget | None = None) -> None:
        content = QWidget()
        super().__init__(content, guidance, parent)
        self.session = AnnualSession(self)
        self.grid = AnnualGrid(self)
        self.model, self.proxy, self.table = self.grid.model, self.grid.proxy, self.grid.table
        self.year_label = QLabel()
        self.year_label.setObjectName("annualYear")
        self.year_label.setToolTip(self.tr("Choose the year in the year box at the top"))
        self.scheme = AnnualSchemeLine()
        self.quota = QuotaCounterBar()
        self.banners = AnnualBanners(self.session, self)
        self.count = QLabel()
        self.count.setObjectName("annualCount")
        # Not `actions`: that would hide QWidget.actions().
        self.toolbar_actions = AnnualActions(self)
        self.commands = AnnualCommands(self.session, self, self.show_flagged)
        self.read_ahead = AnnualReadAhead(self)  # the year read while the tab is hidden
        self._close_watch = ReleaseOnWindowClose(self, self._window_closing)
        self._layout(content)
        self._connect()
        self.update_actions()

    # --- layout -------------------------------------------------------------------------
    def _layout(self, content: QWidget) -> None:
        layout = QVBoxLayout(content)
        layout.addWidget(self.scheme)
        for banner in self.banners.banners():
            layout.addWidget(banner)
        layout.addWidget(self.quota)
        layout.addLayout(self.grid.make_bar())
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        # The year and the toolbar sit above the empty page too.
        top = QHBoxLayout()
        top.setContentsMargins(6, 6, 6, 0)
        font = self.year_label.font()
        font.setBold(True)
        self.year_label.setFont(font)
        top.addWidget(self.year_label)
        top.addSpacing(8)
        top.addWidget(self.toolbar_actions.make_toolbar(), 1)
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        outer.insertLayout(0, top)

    def _connect(self) -> None:
        s, a, c = self.session, self.toolbar_actions, self.commands
        s.sheet_changed.connect(self.show_sheet)
        s.reload_requested.connect(self.reload)
        self.banners.changed.connect(self.update_actions)
        self.banners.reopen_requested.connect(c.reopen_year)
        self.banners.reload_requested.connect(self.reload)
        self.scheme.change_share_requested.connect(c.change_share)
        self.quota.resolve_requested.connect(self.show_flagged)
        self.grid.filter_changed.connect(self._on_filter_changed)
        self.table.selectionModel().currentChanged.connect(lambda *_: self.update_actions())
        self.table.doubleClicked.connect(self._on_double_click)
        row = self.grid.current_row
        a.connect_slots(
            {
                a.recommend: lambda: c.recommend(row()),
                a.withdraw: lambda: c.withdraw(row()),
                a.set_grade: lambda: c.set_grade(row()),
                a.note: lambda: c.note(row()),
                a.close_year: c.close_year,
                a.reopen_year: c.reopen_year,
                a.export: c.export_workbook,
                a.forms: lambda: c.print_forms(row()),
                a.excellent_list: c.print_excellent_list,
            }
        )
        self.table.addActions(a.row_actions())  # the context menu, and the keys on the list
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def before_file_closes(self) -> None:
        self.read_ahead.stop()

    def _window_closing(self) -> None:
        self.read_ahead.stop()  # before the window closes the file
        self.session.leases.release_all()

    def set_workspace(self, workspace: Workspace | None, year: int | None) -> None:
        if workspace is not self.workspace:
            self.read_ahead.stop()  # no read of the file shown so far outlives it
            self.session.leases.release_all()  # the previous file's leases
        self._close_watch.watch()
        super().set_workspace(workspace, year)

    def reload(self) -> None:
        super().reload()
        if self._stale and self.workspace is not None and self.year is not None:
            # Hidden: the year is read now in the background, shown when turned to.
            self.read_ahead.schedule(self.workspace.annual, self.year)

    def recheck_leases(self) -> None:
        self.session.leases.recheck()

    def _load(self, workspace: Workspace, year: int) -> None:
        self.year_label.setText(self.tr("{0} annual assessment").format(f"{year}年度"))
        if self.session.year != year:
            self.grid.set_shown(Show.ALL)
        self.session.open(workspace, year)
        sheet = self.session.load()  # shown through sheet_changed
        if not sheet.rows:
            self.show_rows_or_empty(False, self._no_people_text(year))
        elif not has_quarter_data(sheet):
            self.show_rows_or_empty(False, self._no_quarters_text(year))
        else:
            self.stack.show_content()
        self.update_actions()  # an empty page offers nothing to act on

    def _no_people_text(self, year: int) -> str:
        return self.tr(
            "Nobody is on the annual list of {0}: it lists everyone assigned to a department "
            "during the year. Add people under Manage → People, or fill in the 人员 sheet of "
            "the template and import it with File → Import workbook."
        ).format(f"{year}年度")

    def _no_quarters_text(self, year: int) -> str:
        return self.tr(
            "{0} has no quarterly grades yet. The annual assessment fills in from the "
            "quarters: enter and grade the 平时考核 of each quarter in the Quarterly "
            "assessment tab, and everyone's 好次数, 优秀资格 and 限制情形 appear here."
        ).format(f"{year}年度")

    def _clear(self) -> None:
        self.session.clear()
        self.year_label.clear()
        self.grid.show_sheet(None)
        self.scheme.set_rules(None, frozen=False)
        self.quota.set_sheet(None)
        self.banners.clear()
        self.count.clear()
        self.update_actions()

    # --- a new sheet ----------------------------------------------------------------------
    def show_sheet(self, sheet: AnnualSheetView) -> None:
        """The session's new sheet, after a load or a write; the selection stays."""
        self.grid.show_sheet(sheet)
        self.scheme.set_rules(sheet.rules, frozen=sheet.rules_frozen)
        self.quota.set_sheet(sheet)
        self._update_count()
        self.update_edit_state()

    def _update_count(self) -> None:
        sheet = self.session.sheet
        if sheet is None:
            self.count.clear()
            return
        grades = Counter(r.grade for r in sheet.rows)
        by_grade = "，".join(f"{g.label} {grades[g.label]}" for g in AnnualGrade if grades[g.label])
        text = self.tr("{0} people ({1})").format(len(sheet.rows), by_grade)
        shown = self.proxy.rowCount()
        if shown != len(sheet.rows):
            text = self.tr("{0} of {1} shown").format(shown, len(sheet.rows)) + " · " + text
        self.count.setText(text)

    def _on_filter_changed(self) -> None:
        self._update_count()
        self.update_actions()

    def show_flagged(self) -> None:
        """处理… / the close's list: only the people who keep the year from closing."""
        self.grid.set_shown(Show.FLAGGED)

    def _on_double_click(self, index: QModelIndex) -> None:
        row = self.grid.current_row()
        if index.column() == cols.REMARK and self.toolbar_actions.note.isEnabled():
            self.commands.note(row)
        elif self.toolbar_actions.set_grade.isEnabled():
            self.commands.set_grade(row)

    # --- who may change what ----------------------------------------------------------------
    def current_row(self) -> AnnualRowView | None:
        return self.grid.current_row()

    def update_edit_state(self) -> None:
        self.update_actions()  # first: the banner offers 重新开放… only when it is enabled
        self.banners.may_reopen = self.toolbar_actions.reopen_year.isEnabled()
        self.banners.update()

    def _empty_reason(self) -> str | None:
        sheet = self.session.sheet
        if sheet is None or not sheet.rows or not self.stack.is_empty:
            return None
        return self.tr("{0} has no quarterly grades yet").format(f"{sheet.year}年度")

    def update_actions(self) -> None:
        session = self.session
        self.toolbar_actions.update(
            AnnualState(
                access=self.workspace,
                sheet=session.sheet,
                row=self.grid.current_row() if session.sheet is not None else None,
                refusal=session.refusal(),
                lease_refusal=session.leases.refusal,
                empty=self._empty_reason(),
            )
        )
        workspace = self.workspace
        admin = workspace is not None and workspace.may(Action.EDIT_SCHEME)
        self.scheme.set_change_state(
            session.refusal() if session.sheet is not None else None, visible=admin
        )
