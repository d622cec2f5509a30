"""One person's archive (一人一档): who they are, then the sections of their record.

A header (姓名（编号）, 科室, 职务职级, 状态, and the 党政正职 / 关键岗位 / out-of-
service marks), then one page per section: 基本情况 (details and 任职科室经历),
平时考核 (every quarter as its sheet or its close gives it, with the chart of 综合得分),
年度考核, 奖惩 (奖励 and 处分·组织处理 in one table), 谈心谈话 and 点评. Each page
names its count in its tab and says how a record is added when it has none.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.services.archive.views import PersonArchiveView, RewardView, TalkView
from kaohe_desktop.ui.archive.archive_models import (
    ArchiveAnnualModel,
    ArchiveCommentModel,
    ArchiveQuarterModel,
    ArchiveRewardModel,
    ArchiveStintModel,
    ArchiveTalkModel,
    rewards_newest_first,
)
from kaohe_desktop.ui.archive.person_details import PersonDetails
from kaohe_desktop.ui.archive.score_chart import QuarterScoreChart
from kaohe_desktop.ui.common.empty_state import EmptyStateStack
from kaohe_desktop.ui.common.widgets import make_table_view

BASIC, QUARTERS, ANNUAL, REWARDS, TALKS, COMMENTS = range(6)
_BADGE = "QLabel {{ border: 1px solid {0}; color: {0}; border-radius: 3px; padding: 1px 6px; }}"


def badge(text: str, color: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setStyleSheet(_BADGE.format(color))
    return label


def _section(view: QTableView, *below: QWidget) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 4, 0, 0)
    layout.addWidget(view, 1)
    for widget in below:
        layout.addWidget(widget)
    return page


class ArchiveHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("archiveHeader")
        self.title = QLabel()
        self.title.setObjectName("archiveTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.line = QLabel()
        self.line.setObjectName("archiveLine")
        self.principal = badge(self.tr("Principal officer (党政正职)"), "#1f5fa8", "badgePrincipal")
        self.key_post = badge(self.tr("Key post (关键岗位)"), "#6a3d9a", "badgeKeyPost")
        self.out = badge("", "#8a8a8a", "badgeOutOfService")
        row = QHBoxLayout(self)
        row.setContentsMargins(2, 2, 2, 2)
        row.addWidget(self.title)
        row.addSpacing(12)
        row.addWidget(self.line)
        row.addSpacing(8)
        for label in (self.principal, self.key_post, self.out):
            row.addWidget(label)
        row.addStretch(1)
        self.show_archive(None)

    def show_archive(self, view: PersonArchiveView | None) -> None:
        if view is None:
            self.title.setText(self.tr("No person selected"))
            self.line.clear()
            for label in (self.principal, self.key_post, self.out):
                label.hide()
            return
        person = view.person
        self.title.setText(f"{person.name}（{person.code}）")
        parts = [person.department, person.position or "", person.category, person.status]
        self.line.setText("　".join(p for p in parts if p))
        self.principal.setVisible(view.principal)
        self.key_post.setVisible(person.key_post)
        self.out.setText(self.tr("Out of service: {0}").format(person.status))
        self.out.setVisible(not view.in_service)


class ArchiveSections(QTabWidget):
    """The sections of the archive; the 奖惩 and 谈话 pages say which record is chosen."""

    record_activated = Signal()  # a 奖惩 or 谈话 row was double-clicked (修改…)
    record_selected = Signal()  # the chosen 奖惩 or 谈话 row changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("archiveSections")
        self.setDocumentMode(True)
        self.details = PersonDetails()
        self.stints = ArchiveStintModel(self)
        self.quarters = ArchiveQuarterModel(self)
        self.annual = ArchiveAnnualModel(self)
        self.rewards = ArchiveRewardModel(self)
        self.talks = ArchiveTalkModel(self)
        self.comments = ArchiveCommentModel(self)
        self.chart = QuarterScoreChart()
        self.stint_table = make_table_view(
            self.stints, {0: 180, 1: 110}, sortable=False, name="stintTable"
        )
        self.quarter_table = make_table_view(
            self.quarters, {0: 130, 1: 90, 2: 64, 3: 80, 4: 50, 5: 70, 6: 64, 7: 86},
            sortable=False, name="quarterTable",
        )  # fmt: skip
        self.annual_table = make_table_view(
            self.annual,
            {0: 60, 1: 80, 2: 70, 3: 80, 4: 320, 5: 80},
            sortable=False,
            name="annualTable",
        )
        self.reward_table = make_table_view(
            self.rewards,
            {0: 96, 1: 110, 2: 80, 3: 160, 4: 170, 5: 96},
            sortable=False,
            name="rewardTable",
        )
        self.talk_table = make_table_view(
            self.talks, {0: 96, 1: 130, 2: 90}, sortable=False, name="talkTable"
        )
        self.comment_table = make_table_view(
            self.comments, {0: 96, 1: 60, 2: 60}, sortable=False, name="commentTable"
        )
        self.stacks = {
            QUARTERS: EmptyStateStack(_section(self.quarter_table, self.chart)),
            ANNUAL: EmptyStateStack(_section(self.annual_table)),
            REWARDS: EmptyStateStack(_section(self.reward_table)),
            TALKS: EmptyStateStack(_section(self.talk_table)),
            COMMENTS: EmptyStateStack(_section(self.comment_table)),
        }
        basic = QWidget()
        basic_layout = QVBoxLayout(basic)
        basic_layout.setContentsMargins(0, 4, 0, 0)
        basic_layout.addWidget(self.details)
        history = QLabel(self.tr("Departments served in (任职科室经历), oldest first"))
        history.setStyleSheet("font-weight: bold;")
        basic_layout.addWidget(history)
        basic_layout.addWidget(self.stint_table, 1)
        self.addTab(basic, "")
        for number in (QUARTERS, ANNUAL, REWARDS, TALKS, COMMENTS):
            self.addTab(self.stacks[number], "")
        for table in (self.reward_table, self.talk_table):
            table.doubleClicked.connect(lambda _index: self.record_activated.emit())
            table.selectionModel().selectionChanged.connect(lambda *_: self.record_selected.emit())
        self.currentChanged.connect(lambda _index: self.record_selected.emit())
        self.show_archive(None)

    def show_archive(self, view: PersonArchiveView | None) -> None:
        chosen = self.chosen_record()
        self.details.show_person(view.person if view else None)
        self.stints.set_rows(view.stints if view else [])
        self.quarters.set_rows(view.quarters if view else [])
        self.chart.set_quarters(view.quarters if view else [])
        self.annual.set_rows(view.annual if view else [])
        self.rewards.set_rows(
            rewards_newest_first(view.commendations, view.disciplines) if view else []
        )
        self.talks.set_rows(view.talks if view else [])
        self.comments.set_rows(view.comments if view else [])
        self._titles(view)
        self._empty_states(view)
        if chosen is not None:
            self.select_record(chosen)
        self.record_selected.emit()

    def _titles(self, view: PersonArchiveView | None) -> None:
        def titled(text: str, count: int) -> str:
            return f"{text} ({count})" if view is not None else text

        self.setTabText(BASIC, self.tr("Basic details"))
        self.setTabText(QUARTERS, titled(self.tr("Quarterly assessment"), self.quarters.rowCount()))
        self.setTabText(ANNUAL, titled(self.tr("Annual assessment"), self.annual.rowCount()))
        self.setTabText(
            REWARDS, titled(self.tr("Commendations and discipline"), self.rewards.rowCount())
        )
        self.setTabText(TALKS, titled(self.tr("Talks"), self.talks.rowCount()))
        self.setTabText(COMMENTS, titled(self.tr("Comments (点评)"), self.comments.rowCount()))

    def _empty_states(self, view: PersonArchiveView | None) -> None:
        texts = {
            QUARTERS: self.tr(
                "No quarterly assessment for this person yet. Scores are entered in the "
                "季度考核 tab (or imported from the 平时考核 sheet)."
            ),
            ANNUAL: self.tr(
                "No annual assessment yet. A year appears here once its quarters are assessed; "
                "its grade is decided in the 年度考核 tab."
            ),
            REWARDS: self.tr(
                "No commendation or discipline recorded. Add one with “Add commendation or "
                "discipline…” (Ctrl+J) above, or import the 奖励 and 处分 sheets."
            ),
            TALKS: self.tr(
                "No talk recorded. Add one with “Add talk…” (Ctrl+T) above, or import the "
                "谈心谈话 sheet."
            ),
            COMMENTS: self.tr("No 点评 for this person. 点评 are entered in the 季度考核 tab."),
        }
        counts = {
            QUARTERS: self.quarters.rowCount(),
            ANNUAL: self.annual.rowCount(),
            REWARDS: self.rewards.rowCount(),
            TALKS: self.talks.rowCount(),
            COMMENTS: self.comments.rowCount(),
        }
        for number, stack in self.stacks.items():
            if view is None or counts[number]:
                stack.show_content()
            else:
                stack.show_empty(texts[number])

    # --- the chosen record --------------------------------------------------------------
    def chosen_record(self) -> RewardView | TalkView | None:
        """The selected 奖惩 or 谈话 row of the page shown (None on the other pages)."""
        if self.currentIndex() == REWARDS:
            rows = self.reward_table.selectionModel().selectedRows()
            return self.rewards.row_at(rows[0].row()) if rows else None
        if self.currentIndex() == TALKS:
            rows = self.talk_table.selectionModel().selectedRows()
            return self.talks.row_at(rows[0].row()) if rows else None
        return None

    def select_record(self, record: RewardView | TalkView) -> bool:
        if isinstance(record, RewardView):
            table, model = self.reward_table, self.rewards
            found = next(
                (
                    n
                    for n, r in enumerate(model.rows())
                    if (r.id, r.discipline) == (record.id, record.discipline)
                ),
                None,
            )
            page = REWARDS
        else:
            table, talks = self.talk_table, self.talks
            found = next((n for n, t in enumerate(talks.rows()) if t.id == record.id), None)
            page = TALKS
        if found is None:
            return False
        self.setCurrentIndex(page)
        table.selectRow(found)
        return True
