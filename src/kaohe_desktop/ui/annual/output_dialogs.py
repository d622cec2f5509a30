"""What the clerk chooses before a 年度考核 PDF is written: whose 考核登记表 (everyone,
the selected person's department, the selected person), and the 优秀公示's posting
dates (from which day, for how many working days)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kaohe_desktop.services.archive.annual_export_content import posting_end
from kaohe_desktop.services.archive.posting import MAX_POSTING_DAYS, POSTING_DAYS
from kaohe_desktop.services.archive.views import AnnualRowView, AnnualSheetView


@dataclass(frozen=True)
class FormsScope:
    """Whose forms: a person, a department, or everyone (both None)."""

    person_id: int | None = None
    department: str | None = None
    label: str = ""  # for the file name: 张三 / 办公室 / 全体


class FormsScopeDialog(QDialog):
    """打印考核登记表…: everyone, the selected person's department, or the person."""

    def __init__(
        self, sheet: AnnualSheetView, row: AnnualRowView | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("formsScopeDialog")
        self.setWindowTitle(self.tr("Print registration forms"))
        self.setMinimumWidth(460)
        self.row = row
        heading = QLabel(
            self.tr("公务员年度考核登记表 of {0}, one page per person. Print the forms of:").format(
                f"{sheet.year}年度"
            )
        )
        heading.setWordWrap(True)
        department_count = (
            sum(1 for r in sheet.rows if r.department == row.department) if row else 0
        )
        self.everyone = QRadioButton(self.tr("Everyone ({0} people)").format(len(sheet.rows)))
        self.everyone.setObjectName("formsEveryone")
        self.department = QRadioButton(
            self.tr("The department {0} ({1} people)").format(row.department, department_count)
            if row is not None
            else self.tr("The selected person's department")
        )
        self.department.setObjectName("formsDepartment")
        self.person = QRadioButton(
            self.tr("{0} only").format(f"{row.name}（{row.code}）")
            if row is not None
            else self.tr("The selected person")
        )
        self.person.setObjectName("formsPerson")
        self.department.setEnabled(row is not None)
        self.person.setEnabled(row is not None)
        group = QButtonGroup(self)
        for radio in (self.everyone, self.department, self.person):
            group.addButton(radio)
        (self.person if row is not None else self.everyone).setChecked(True)
        hint = QLabel(
            self.tr(
                "The printed fields come from the personnel records and the year's grade; "
                "个人总结, 评语 and 意见 are left blank for handwriting."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Choose file…"))
        ok.setObjectName("formsScopeOk")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        for radio in (self.everyone, self.department, self.person):
            layout.addWidget(radio)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def scope(self) -> FormsScope:
        row = self.row
        if row is not None and self.person.isChecked():
            return FormsScope(person_id=row.person_id, label=row.name)
        if row is not None and self.department.isChecked():
            return FormsScope(department=row.department, label=row.department)
        return FormsScope(label=self.tr("everyone"))


class PostingDialog(QDialog):
    """打印优秀公示…: who is on it, posted from which day for how many working days."""

    def __init__(self, sheet: AnnualSheetView, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("postingDialog")
        self.setWindowTitle(self.tr("Print the 优秀 notice"))
        self.setMinimumWidth(460)
        names = [r.name for r in sheet.rows if r.recommended]
        heading = QLabel(
            self.tr("{0} people recommended for 优秀: {1}").format(len(names), "、".join(names))
        )
        heading.setWordWrap(True)
        self.start = QDateEdit(QDate(today.year, today.month, today.day))
        self.start.setObjectName("postingStart")
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd")
        self.days = QSpinBox()
        self.days.setObjectName("postingDays")
        self.days.setRange(1, MAX_POSTING_DAYS)
        self.days.setValue(POSTING_DAYS)
        self.days.setSuffix(self.tr(" working days"))
        self.until = QLabel()
        self.until.setObjectName("postingUntil")
        form = QFormLayout()
        form.addRow(self.tr("Posted from:"), self.start)
        form.addRow(self.tr("For:"), self.days)
        form.addRow(self.tr("Until:"), self.until)
        hint = QLabel(self.tr("Working days are Monday to Friday; allow for holidays yourself."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Choose file…"))
        ok.setObjectName("postingOk")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.start.dateChanged.connect(lambda _d: self._show_until())
        self.days.valueChanged.connect(lambda _v: self._show_until())
        self._show_until()

    def chosen(self) -> tuple[date, int]:
        value = self.start.date()
        return date(value.year(), value.month(), value.day()), self.days.value()

    def _show_until(self) -> None:
        start, days = self.chosen()
        self.until.setText(posting_end(start, days).isoformat())
