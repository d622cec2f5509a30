"""新增谈话… / 修改…: one 谈心谈话 (or a special talk) with the person, checked as the
clerk types.

日期 (today by default), 谈话人 (typed, or chosen from the bureau's leaders and the
person's earlier talkers), 类型 and 内容摘要. From the keyboard: Tab moves on, Enter
saves from any one-line field, Ctrl+Enter from the summary (where Enter starts a new
line), Esc cancels.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QWidget

from kaohe_desktop.domain.archive_records import (
    RecordField,
    RecordProblem,
    TalkDraft,
    talk_problems,
)
from kaohe_desktop.domain.enums import TalkKind
from kaohe_desktop.services.archive.views import TalkView
from kaohe_desktop.ui.archive.record_dialog_base import (
    ArchiveRecordDialog,
    Save,
    date_edit,
    note_label,
    pydate,
)


class TalkDialog(ArchiveRecordDialog):
    def __init__(
        self,
        person: str,
        save: Save,
        *,
        today: date,
        talkers: Sequence[str] = (),
        talk: TalkView | None = None,
        kind: TalkKind | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(person, save, parent)
        self.setObjectName("talkDialog")
        self.today, self.talk = today, talk
        self.setWindowTitle(self.tr("Edit talk") if talk else self.tr("Add talk"))
        self.setMinimumWidth(520)
        self.day = date_edit(talk.on if talk else today)
        self.day.setObjectName("field_date")
        self.talker = QComboBox()
        self.talker.setObjectName("field_talker")
        self.talker.setEditable(True)
        self.talker.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.talker.addItems(list(dict.fromkeys(t for t in talkers if t)))
        self.talker.setCurrentIndex(-1)
        self.talker.setEditText(talk.talker if talk else "")
        line = self.talker.lineEdit()
        assert line is not None
        line.setPlaceholderText(self.tr("Who held the talk, e.g. 王局长"))
        self.kind = QComboBox()
        self.kind.setObjectName("field_kind")
        for member in TalkKind:
            self.kind.addItem(member.label, member.value)
        chosen = TalkKind(talk.kind_code) if talk and talk.kind_code else kind
        self.kind.setCurrentIndex(
            max(0, self.kind.findData((chosen or TalkKind.HEART_TO_HEART).value))
        )
        self.summary_edit = QPlainTextEdit((talk.summary or "") if talk else "")
        self.summary_edit.setObjectName("field_summary")
        self.summary_edit.setTabChangesFocus(True)
        self.summary_edit.setPlaceholderText(
            self.tr("What was talked about, what was agreed (Ctrl+Enter saves)")
        )
        self.summary_edit.setMinimumHeight(110)
        self.kind_hint = note_label("kindHint")

        self.add_row(self.tr("Date:"), RecordField.DATE, self.day)
        self.add_row(self.tr("Talker:"), RecordField.TALKER, self.talker)
        self.add_row(self.tr("Kind:"), RecordField.KIND, self.kind, self.kind_hint)
        self.add_row(self.tr("Summary:"), RecordField.SUMMARY, self.summary_edit)
        self.setTabOrder(self.day, self.talker)
        self.setTabOrder(self.talker, self.kind)
        self.setTabOrder(self.kind, self.summary_edit)
        self.setTabOrder(self.summary_edit, self.ok_button)

        if talk is not None:
            self.touched = set(RecordField)
        self.day.dateChanged.connect(lambda _d: self.touch(RecordField.DATE))
        self.talker.editTextChanged.connect(lambda _t: self.touch(RecordField.TALKER))
        self.kind.currentIndexChanged.connect(lambda _i: self._show_kind_hint())
        self.summary_edit.textChanged.connect(lambda: self.touch(RecordField.SUMMARY))
        self._show_kind_hint()
        self.revalidate()
        self.day.setFocus()

    def chosen_kind(self) -> TalkKind:
        return TalkKind(str(self.kind.currentData()))

    def draft(self) -> TalkDraft:
        return TalkDraft(
            on=pydate(self.day.date()),
            talker=self.talker.currentText(),
            kind=self.chosen_kind(),
            summary=self.summary_edit.toPlainText() or None,
        )

    def problems(self) -> list[RecordProblem]:
        return talk_problems(self.draft(), self.today)

    def _show_kind_hint(self) -> None:
        kind = self.chosen_kind()
        if kind in (TalkKind.HEART_TO_HEART, TalkKind.KEY_POST):
            text = self.tr("Counts towards the year's routine talks (谈心谈话).")
        else:
            text = self.tr("Answers a {0} due on or before its date; not a routine talk.").format(
                kind.label
            )
        self.kind_hint.setText(text)
        self.revalidate()
