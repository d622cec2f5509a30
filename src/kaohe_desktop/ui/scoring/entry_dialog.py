"""加减分… and 一票否决…: one entry of the half, checked as the clerk types and saved by
the dialog itself.

Problems show under the fields the clerk has touched; an untouched field of a new
entry is not red before anyone typed in it, but the line beside 保存 names what is
still missing, so a disabled button never goes unexplained (as the 台账 task dialog).
The dialog saves before it closes: a refusal (the lease, a row changed meanwhile, a
closed half) is shown inside it with everything typed kept, and `refused` tells the
tab to read the half again. A busy file offers to retry.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kaohe_desktop.domain.adjustment_rules import (
    AdjustmentDraft,
    EntryField,
    EntryProblem,
    VetoDraft,
    adjustment_problems,
    veto_problems,
)
from kaohe_desktop.domain.enums import AdjustmentCategory, CommendationLevel
from kaohe_desktop.domain.half_year_rules import HalfYearRules
from kaohe_desktop.domain.periods import HalfYear
from kaohe_desktop.domain.quarterly_rules import plain
from kaohe_desktop.services.errors import BusyError, InputError, PermissionDeniedError, StorageError
from kaohe_desktop.services.scoring.views import HalfAdjustmentView, HalfYearSheet, VetoView
from kaohe_desktop.ui.common.messages import describe_error
from kaohe_desktop.ui.editing import prompts
from kaohe_desktop.ui.editing.banner import Banner, Tone
from kaohe_desktop.ui.scoring.entry_form import PROBLEM_COLOR, EntryForm

FIELD_NAMES = {
    EntryField.DEPARTMENT: "科室",
    EntryField.CATEGORY: "类别",
    EntryField.POINTS: "分值",
    EntryField.LEVEL: "级别",
    EntryField.REASON: "事由",
    EntryField.DOC_NO: "依据文号",
    EntryField.DATE: "日期",
}
Save = Callable[[Any], HalfYearSheet]  # the draft → the half as saved


class EntryDialog(QDialog):
    saved = Signal(object)  # HalfYearSheet, the half after the save
    refused = Signal()  # the file may differ from the screen: read it again

    def __init__(
        self,
        half: HalfYear,
        departments: Sequence[tuple[int, str]],
        save: Save,
        *,
        points: bool,
        editing: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.half, self._save = half, save
        self.sheet: HalfYearSheet | None = None
        self._shown: set[EntryField] = set(EntryField) if editing else set()
        self.banner = Banner("entryBanner")
        self.form = EntryForm(departments, points=points)
        self.period = QLabel(half.label())
        self.summary = QLabel()
        self.summary.setObjectName("problemSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(f"color: {PROBLEM_COLOR};")
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("saveEntry")
        self.ok_button.setDefault(True)
        self.ok_button.setAutoDefault(True)
        cancel = buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("cancelEntry")
        cancel.setAutoDefault(False)
        self.ok_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(buttons)
        heading = QLabel(self.tr("Half year: {0}").format(half.label()))
        heading.setStyleSheet("font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(heading)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self.form.edited.connect(self._on_edited)

    # --- for subclasses -----------------------------------------------------------
    def draft(self) -> object:
        raise NotImplementedError

    def problems(self) -> list[EntryProblem]:
        raise NotImplementedError

    # --- checking as the clerk types ------------------------------------------------
    def _on_edited(self, name: str) -> None:
        field = EntryField(name)
        self._shown.add(field)
        if field is EntryField.CATEGORY:
            self._shown.add(EntryField.LEVEL)  # a bonus needs its level now
        self.revalidate()

    def revalidate(self) -> list[EntryProblem]:
        problems = self.problems()
        self.form.show_problems(problems, self._shown)
        waiting = [p for p in problems if p.field not in self._shown]
        if waiting:
            names = "、".join(dict.fromkeys(FIELD_NAMES[p.field] for p in waiting))
            self.summary.setText(self.tr("Still to fill in or correct: {0}").format(names))
        elif problems:
            self.summary.setText(self.tr("Correct the marked fields to save."))
        else:
            self.summary.clear()
        self.ok_button.setEnabled(not problems)
        return problems

    # --- saving -------------------------------------------------------------------
    def save(self) -> HalfYearSheet | None:
        if self.revalidate():
            self._shown = set(EntryField)
            self.revalidate()
            return None
        draft = self.draft()
        while True:
            try:
                sheet = self._save(draft)
            except BusyError as error:
                if prompts.ask_retry(self, self.windowTitle(), str(error)):
                    continue
                return None
            except (InputError, StorageError, PermissionDeniedError) as error:
                self.banner.show_message(
                    Tone.ERROR, self.tr("Not saved: {0}").format(describe_error(error))
                )
                self.refused.emit()
                return None
            break
        self.sheet = sheet
        self.saved.emit(sheet)
        self.accept()
        return sheet


class AdjustmentDialog(EntryDialog):
    """A 扣分 of one of the four categories, or a 表彰加分 with its level."""

    def __init__(
        self,
        half: HalfYear,
        rules: HalfYearRules,
        departments: Sequence[tuple[int, str]],
        save: Save,
        *,
        today: date,
        department_id: int | None = None,
        category: AdjustmentCategory | None = None,
        entry: HalfAdjustmentView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            half, departments, save, points=True, editing=entry is not None, parent=parent
        )
        self.setObjectName("adjustmentDialog")
        self.rules, self.entry = rules, entry
        self.setWindowTitle(self.tr("Edit points") if entry else self.tr("Add points"))
        self.setMinimumWidth(560)
        form = self.form
        fallback = today if half.start <= today <= half.end else half.end
        if entry is not None:
            department_id, category = entry.department_id, entry.category
            form.points.setText(plain(abs(entry.points)))
            if entry.level is not None:
                form.level.setCurrentIndex(form.level.findData(entry.level.value))
            form.reason.setText(entry.reason)
            form.doc_no.setText(entry.doc_no or "")
        form.blockSignals(True)
        if department_id is not None:
            form.department.setCurrentIndex(max(0, form.department.findData(department_id)))
        if category is not None and form.category.findData(category.value) >= 0:
            form.category.setCurrentIndex(form.category.findData(category.value))
        form.set_date(entry.on if entry else fallback, fallback)
        form.blockSignals(False)
        form.update_sign()
        if entry is not None and entry.level is not None:
            form.level.setCurrentIndex(form.level.findData(entry.level.value))
        form.points.textEdited.connect(lambda _t: self._show_effect())
        form.level.currentIndexChanged.connect(lambda _i: self._show_effect())
        form.category.currentIndexChanged.connect(lambda _i: self._show_effect())
        self._show_effect()
        self.revalidate()
        form.category.setFocus()

    def draft(self) -> AdjustmentDraft:
        form = self.form
        category = form.chosen_category()
        return AdjustmentDraft(
            department_id=form.department_id(),
            category=category,
            points=form.points_text().signed_for(category),
            reason=form.reason.text(),
            level=form.chosen_level() if category is AdjustmentCategory.BONUS else None,
            doc_no=form.doc_no.text() or None,
            on=form.chosen_date(),
        )

    def problems(self) -> list[EntryProblem]:
        typed = self.form.points_text()
        own: list[EntryProblem] = []
        if not typed.readable:
            own.append(EntryProblem(EntryField.POINTS, self.tr("Type a number, e.g. 5 or 2.5")))
        elif typed.value is not None and typed.value == 0:
            own.append(EntryProblem(EntryField.POINTS, self.tr("The points cannot be 0")))
        elif typed.blank and not self.form.is_bonus():
            own.append(
                EntryProblem(EntryField.POINTS, self.tr("Type the points to take off, e.g. 5"))
            )
        found = adjustment_problems(self.draft().cleaned(), self.half, self.rules)
        if own:
            found = [p for p in found if p.field is not EntryField.POINTS]
        return own + found

    def _show_effect(self) -> None:
        """What the save will do, in words: the sign is never left to guess."""
        form = self.form
        category = form.chosen_category()
        points = form.points_text().signed_for(category)
        level = form.chosen_level()
        if category is AdjustmentCategory.BONUS:
            text = self._bonus_effect(points, level)
        elif points is None or points == 0:
            text = self.tr("Deducted from {0} (full marks {1}); it stops at 0.").format(
                category.label, plain(self.rules.category_max(category))
            )
        else:
            text = self.tr("Takes {0} points off {1}.").format(plain(-points), category.label)
        form.points_hint.setText(text)

    def _bonus_effect(self, points: object, level: CommendationLevel | None) -> str:
        cap = plain(self.rules.bonus_cap)
        if level is None:
            return self.tr("Choose the level: each level has its value; the half's bonus is "
                           "at most {0}.").format(cap)  # fmt: skip
        worth = plain(self.rules.bonus_for(level))
        return self.tr(
            "Counts {0} points ({1}); the same document no. counts once, at its highest "
            "level; the half's bonus is at most {2}."
        ).format(worth, level.label, cap)


class VetoDialog(EntryDialog):
    """一票否决: the department cannot be 优秀 or 先进科室 this half."""

    def __init__(
        self,
        half: HalfYear,
        departments: Sequence[tuple[int, str]],
        save: Save,
        *,
        today: date,
        department_id: int | None = None,
        entry: VetoView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            half, departments, save, points=False, editing=entry is not None, parent=parent
        )
        self.setObjectName("vetoDialog")
        self.entry = entry
        self.setWindowTitle(self.tr("Edit veto") if entry else self.tr("Veto (一票否决)"))
        self.setMinimumWidth(520)
        form = self.form
        fallback = today if half.start <= today <= half.end else half.end
        form.blockSignals(True)
        if entry is not None:
            department_id = entry.department_id
            form.reason.setText(entry.reason)
            form.doc_no.setText(entry.doc_no or "")
        if department_id is not None:
            form.department.setCurrentIndex(max(0, form.department.findData(department_id)))
        form.set_date(entry.on if entry else fallback, fallback)
        form.blockSignals(False)
        note = QLabel(
            self.tr("The department cannot be 优秀 or 先进科室 this half, whatever its total.")
        )
        note.setWordWrap(True)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(2, note)
        self.revalidate()
        form.reason.setFocus()

    def draft(self) -> VetoDraft:
        form = self.form
        return VetoDraft(
            department_id=form.department_id(),
            reason=form.reason.text(),
            doc_no=form.doc_no.text() or None,
            on=form.chosen_date(),
        )

    def problems(self) -> list[EntryProblem]:
        return veto_problems(self.draft().cleaned(), self.half)
