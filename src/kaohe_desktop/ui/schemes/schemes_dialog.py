"""管理 → 考核方案…: the scheme of every period, per kind (季度 / 半年 / 年度), shown in
words, and edited by an administrator until the period's first entry freezes it.

Left, the periods of the kind (SchemePeriodsModel); right, the selected period's
scheme in words, why it is read-only when it is, and its form (SchemeForm). 保存 is
enabled only while the form holds a valid, changed scheme; a refused save (a frozen
or closed period, another administrator's change) says why under the form and keeps
what was typed, with the period read again. Saving reloads this list only (a later
period inheriting the scheme shows it at once); the tabs read again when the dialog
closes, as after every 管理 dialog.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.domain.roles import Action
from kaohe_desktop.services.errors import InputError, PermissionDeniedError, StorageError
from kaohe_desktop.services.schemes.editor import (
    SchemeEditor,
    SchemeKind,
    SchemePeriodView,
    fields_of,
)
from kaohe_desktop.ui.common import messages
from kaohe_desktop.ui.common.access import Access, action_refusal
from kaohe_desktop.ui.common.widgets import make_table_view
from kaohe_desktop.ui.schemes.scheme_form import ERROR_STYLE, SchemeForm
from kaohe_desktop.ui.schemes.scheme_periods_model import SchemePeriodsModel, scheme_text

translate = QCoreApplication.translate
KINDS = (SchemeKind.QUARTERLY, SchemeKind.HALF_YEAR, SchemeKind.ANNUAL)
OK_STYLE = "color: #1b5e20;"
_ROW = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows


class SchemesDialog(QDialog):
    saved = Signal(str)  # the period whose scheme was stored

    def __init__(
        self, access: Access, schemes: SchemeEditor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("schemesDialog")
        self.setWindowTitle(self.tr("Assessment schemes"))
        self.resize(1180, 720)
        self.access = access
        self.schemes = schemes
        self.refusal = action_refusal(
            access,
            Action.EDIT_SCHEME,
            lambda role: self.tr(
                "Your role ({0}) may view the schemes; only an administrator changes them."
            ).format(role),
        )
        self.categories = schemes.categories()
        self.current: SchemePeriodView | None = None
        self._quiet = False  # rows replaced or selected by the dialog itself

        self.tabs = QTabBar()
        self.tabs.setObjectName("schemeKinds")
        for kind in KINDS:
            self.tabs.addTab(kind.label)
        explain = QLabel(
            self.tr(
                "Each period is assessed by its own scheme. A period without one takes the"
                " scheme of the latest earlier period (else the defaults). An administrator"
                " may set a period's scheme ahead; its first entry freezes it, and from then"
                " on it cannot change, so nobody is rescored. To change the rules, change the"
                " next period's scheme."
            )
        )
        explain.setWordWrap(True)

        self.model = SchemePeriodsModel(self)
        self.view = make_table_view(
            self.model, {0: 120, 1: 140, 2: 200}, sortable=False, name="schemePeriods"
        )
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)

        self.title = QLabel()
        self.title.setObjectName("schemeTitle")
        self.words = QLabel()
        self.words.setObjectName("schemeWords")
        self.words.setWordWrap(True)
        self.words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QLabel()
        self.note.setObjectName("schemeNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #8a5a00;")
        self.forms = QStackedWidget()
        self._forms: dict[SchemeKind, SchemeForm] = {}
        self.message = QLabel()
        self.message.setObjectName("schemeMessage")
        self.message.setWordWrap(True)

        right = QWidget()
        column = QVBoxLayout(right)
        column.addWidget(self.title)
        column.addWidget(self.words)
        column.addWidget(self.note)
        column.addWidget(self.forms, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(right)
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(scroll)
        splitter.setSizes([560, 620])

        self.revert = QPushButton(self.tr("Undo changes"))
        self.revert.setObjectName("schemeRevert")
        self.revert.clicked.connect(lambda _checked=False: self._show(self.current))
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("schemeSave")
        self.save_button.clicked.connect(lambda _checked=False: self.save())
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.revert)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        self.revert.setVisible(self.refusal is None)
        self.save_button.setVisible(self.refusal is None)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(explain)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self._kind_index = 0
        self.tabs.currentChanged.connect(self._kind_changed)
        self.show_kind(self.kind)

    def _kind_changed(self, index: int) -> None:
        if index == self._kind_index:
            return
        if not self._may_leave():
            self.tabs.blockSignals(True)
            self.tabs.setCurrentIndex(self._kind_index)
            self.tabs.blockSignals(False)
            return
        self._kind_index = index
        self.show_kind(self.kind)

    def reject(self) -> None:
        if self._may_leave():
            super().reject()

    # --- what is shown ------------------------------------------------------------
    @property
    def kind(self) -> SchemeKind:
        return KINDS[max(self.tabs.currentIndex(), 0)]

    @property
    def form(self) -> SchemeForm:
        kind = self.kind
        if kind not in self._forms:
            form = SchemeForm(fields_of(kind), self.categories)
            form.edited.connect(self._edited)
            self._forms[kind] = form
            self.forms.addWidget(form)
        return self._forms[kind]

    def select_kind(self, kind: SchemeKind) -> None:
        self.tabs.setCurrentIndex(KINDS.index(kind))

    def show_kind(self, kind: SchemeKind, period: str | None = None) -> None:
        """The kind's periods; `period` (else the current one, else the last) selected."""
        self.forms.setCurrentWidget(self.form)
        try:
            views = self.schemes.periods(kind)
        except (InputError, StorageError) as error:
            self.model.set_rows([])
            self._say(messages.describe_error(error), ERROR_STYLE)
            return
        self._set_rows(views)
        row = self.model.row_of(period) if period else -1
        if row < 0:
            row = _current_row(views, self.access.clock().date())
        self._select(row)
        self._show(self.model.row_at(row) if 0 <= row < self.model.rowCount() else None)

    def select_row(self, row: int) -> None:
        """Select the period of `row` as the clerk would (asked first about edits)."""
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(index, _ROW)
        self.view.scrollTo(index)

    def _set_rows(self, views: list[SchemePeriodView]) -> None:
        self._quiet = True
        try:
            self.model.set_rows(views)
        finally:
            self._quiet = False

    def _select(self, row: int) -> None:
        self._quiet = True
        try:
            self.select_row(row)
        finally:
            self._quiet = False

    def select_period(self, period: str) -> None:
        self.select_row(self.model.row_of(period))

    def _row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        view = self.model.row_at(current.row()) if current.isValid() else None
        if view is self.current or self._quiet:
            return
        if not self._may_leave():
            # Back to the period being edited, after this signal has run its course.
            QTimer.singleShot(0, lambda: self._back_to(previous.row()))
            return
        self._show(view)

    def _back_to(self, row: int) -> None:
        self._select(row)

    def _may_leave(self) -> bool:
        """Whether the form may be left: nothing typed, or the clerk lets it go."""
        view = self.current
        if view is None or self.refusal is not None or not self.form.has_edits():
            return True
        return messages.ask(
            self,
            self.tr("Unsaved changes"),
            self.tr("The scheme of {0} was changed but not saved. Discard the changes?").format(
                view.label
            ),
        )

    def _show(self, view: SchemePeriodView | None, *, keep_form: bool = False) -> None:
        self.current = view
        if view is None:
            self.title.setText(self.tr("No period selected"))
            self.words.clear()
            self.note.clear()
            self._update_buttons()
            return
        self.title.setText(f"<b>{view.label}</b>　{view.source_text}　{view.state_text}")
        self.words.setText(scheme_text(view, "\n"))
        reason = self.refusal or view.read_only_reason
        self.note.setText(reason or "")
        self.note.setVisible(bool(reason))
        editable = frozenset() if self.refusal is not None else view.editable_fields
        if keep_form and editable:
            # What was typed stays in the boxes still open; a box now closed (the period
            # frozen meanwhile) shows the scheme in force, not a value that cannot be saved.
            for name, row in self.form.rows.items():
                if name not in editable:
                    row.show_value(getattr(view.rules, name))
                row.set_editable(name in editable)
            self.form.keep_as_base(view.rules)  # 保存 compares with what is stored now
        else:  # nothing may change now (frozen or closed meanwhile): the edit cannot be kept
            self.form.show_rules(view.rules, editable)
            if not keep_form:  # else the refusal stays said
                self.message.clear()
        self._update_buttons()

    def _edited(self) -> None:
        if self.form.rules() is None:
            self._say(self.tr("Correct the settings marked in red to save."), ERROR_STYLE)
        else:
            self.message.clear()
        self._update_buttons()

    def _update_buttons(self) -> None:
        view = self.current
        editable = view is not None and self.refusal is None and bool(view.editable_fields)
        changed = editable and self.form.is_changed()
        self.save_button.setEnabled(changed)
        self.revert.setEnabled(editable and self.form.rules() != (view.rules if view else None))

    def _say(self, text: str, style: str) -> None:
        self.message.setStyleSheet(style)
        self.message.setText(text)

    # --- saving ------------------------------------------------------------------------
    def save(self) -> bool:
        """Store the form's scheme for the selected period; False (the reason shown, the
        form kept as typed, the period read again) when refused."""
        view, rules = self.current, self.form.rules()
        if view is None or rules is None:
            return False
        try:
            saved = self.schemes.save(view.kind, view.period, rules, view.version)
        except PermissionDeniedError as error:
            self._say(messages.describe_error(error), ERROR_STYLE)
            return False
        except (InputError, StorageError) as error:
            self._say(messages.describe_error(error), ERROR_STYLE)
            self._read_again(view)
            return False
        self.form.keep_as_base(saved.rules)
        self.show_kind(view.kind, view.period)
        self._say(
            self.tr("Saved: the scheme of {0} ({1}).").format(saved.label, saved.state_text),
            OK_STYLE,
        )
        self.saved.emit(saved.period)
        return True

    def _read_again(self, view: SchemePeriodView) -> None:
        """After a refusal: the period as it is now, the typed values kept."""
        try:
            fresh = self.schemes.period(view.kind, view.period)
        except (InputError, StorageError):
            return
        row = self.model.row_of(view.period)
        views = self.model.rows()
        if row >= 0:
            views[row] = fresh
            self._set_rows(views)
            self._select(row)
        self._show(fresh, keep_form=True)


def _current_row(views: list[SchemePeriodView], today: date) -> int:
    """The row of the period today falls in (the last one begun), else the last."""
    begun = [i for i, view in enumerate(views) if view.start <= today]
    return begun[-1] if begun else len(views) - 1
