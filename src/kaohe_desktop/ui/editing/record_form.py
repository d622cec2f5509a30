"""A form built from a record's FieldSpecs: one widget per field, values in and out.

The form knows nothing of drafts or saving; it reports each change as
(name, value) with the value in the form the editor service expects (None for
an empty optional field, datetime.date for dates).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from kaohe_desktop.services.common.record_edit import FieldSpec

INT_RANGE = (-999_999, 999_999)


class _Field:
    """One field's widget(s) and how to read and write its value."""

    def __init__(self, spec: FieldSpec, form: RecordForm) -> None:
        self.spec = spec
        self.empty_text: str | None = None  # what an empty text box means (base was "" or None)
        self.widget: QWidget
        self.date_none: QCheckBox | None = None
        self.read_only = False
        name = f"field_{spec.name}"
        if spec.kind == "choice":
            combo = QComboBox()
            if not spec.required:
                combo.addItem("", None)
            for choice in spec.choices:
                combo.addItem(choice, choice)
            combo.currentIndexChanged.connect(lambda _i: form.emit_change(spec.name))
            self.widget = combo
        elif spec.kind == "date":
            edit = QDateEdit()
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(lambda _d: form.emit_change(spec.name))
            none = QCheckBox(QCoreApplication.translate("RecordForm", "None"))
            none.setObjectName(f"{name}_none")
            none.toggled.connect(lambda _c: self._sync_date())
            none.toggled.connect(lambda _c: form.emit_change(spec.name))
            box = QWidget()
            row = QHBoxLayout(box)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(edit, 1)
            row.addWidget(none)
            self.date_edit, self.date_none = edit, none
            self.widget = box
            edit.setObjectName(name)
        elif spec.kind == "bool":
            check = QCheckBox()
            check.toggled.connect(lambda _c: form.emit_change(spec.name))
            self.widget = check
        elif spec.kind == "int":
            spin = QSpinBox()
            spin.setRange(*INT_RANGE)
            spin.valueChanged.connect(lambda _v: form.emit_change(spec.name))
            self.widget = spin
        else:
            line = QLineEdit()
            line.textChanged.connect(lambda _t: form.emit_change(spec.name))
            self.widget = line
        if spec.kind != "date":
            self.widget.setObjectName(name)

    def value(self) -> Any:
        w = self.widget
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QSpinBox):
            return w.value()
        if isinstance(w, QLineEdit):
            text = w.text()
            return text if text.strip() else self.empty_text
        assert self.date_none is not None
        if self.date_none.isChecked():
            return None
        day = self.date_edit.date()
        return date(day.year(), day.month(), day.day())

    def set_value(self, value: Any) -> None:
        w = self.widget
        if isinstance(w, QComboBox):
            index = w.findData(value)
            if index < 0 and value is not None:
                # A value no longer offered (a retired department): show it, keep it.
                w.addItem(str(value), value)
                index = w.count() - 1
            w.setCurrentIndex(max(0, index))
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QSpinBox):
            w.setValue(int(value or 0))
        elif isinstance(w, QLineEdit):
            self.empty_text = "" if value == "" else None
            w.setText("" if value is None else str(value))
        else:
            assert self.date_none is not None
            self.date_none.setChecked(value is None)
            self._sync_date()
            if isinstance(value, date):
                self.date_edit.setDate(QDate(value.year, value.month, value.day))

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        w = self.widget
        if isinstance(w, QLineEdit):
            w.setReadOnly(read_only)  # still selectable, so it can be copied
        elif self.date_none is not None:
            self.date_none.setEnabled(not read_only)
            self._sync_date()
        else:
            w.setEnabled(not read_only)

    def _sync_date(self) -> None:
        # A date is typed only when the field is editable and not marked 无.
        assert self.date_none is not None
        self.date_edit.setEnabled(not self.read_only and not self.date_none.isChecked())


class RecordForm(QWidget):
    # Only the field's name travels: PySide6 6.12 loses a reference to True/False each
    # time a bare bool goes through a Signal(object) (see ui.workers.Outcome).
    value_changed = Signal(str)

    def __init__(self, fields: Sequence[FieldSpec], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordForm")
        # A read-only text looks like a label, not like a box waiting for typing.
        self.setStyleSheet('QLineEdit[readOnly="true"] { background: palette(window); }')
        self._fields = {spec.name: _Field(spec, self) for spec in fields}
        self._labels: dict[str, QLabel] = {}
        self._filling = False
        layout = QFormLayout(self)
        for spec in fields:
            caption = f"{spec.label}{' *' if spec.required else ''}"
            label = QLabel(caption)
            label.setBuddy(self._fields[spec.name].widget)
            self._labels[spec.name] = label
            layout.addRow(label, self._fields[spec.name].widget)

    def emit_change(self, name: str) -> None:
        if not self._filling:
            self.value_changed.emit(name)

    def set_values(self, values: Mapping[str, Any], changed: Sequence[str] = ()) -> None:
        """Show `values` without reporting them as changes; mark `changed` fields."""
        self._filling = True
        try:
            for name, item in self._fields.items():
                item.set_value(values.get(name))
        finally:
            self._filling = False
        self.mark_changed(changed)

    def mark_changed(self, changed: Sequence[str]) -> None:
        # The clerk sees which fields the save would write.
        for name, label in self._labels.items():
            font = QFont(label.font())
            font.setBold(name in changed)
            label.setFont(font)

    def value(self, name: str) -> Any:
        return self._fields[name].value()

    def values(self) -> dict[str, Any]:
        return {name: item.value() for name, item in self._fields.items()}

    def set_read_only(self, read_only: bool) -> None:
        for item in self._fields.values():
            item.set_read_only(read_only)
            # The style sheet keys on readOnly, which Qt does not re-check by itself.
            if isinstance(item.widget, QLineEdit):
                item.widget.style().unpolish(item.widget)
                item.widget.style().polish(item.widget)

    def widget_for(self, name: str) -> QWidget:
        """The editing widget of a field (for a date: the QDateEdit)."""
        item = self._fields[name]
        return item.date_edit if item.date_none is not None else item.widget
