"""One person's details as recorded (the 基本情况 page of the archive); the name and
编号 head the archive above it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QWidget

from kaohe_desktop.services.org.views import PersonView
from kaohe_desktop.ui.common.table_model import format_value


class PersonDetails(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personDetails")
        self.fields: dict[str, QLabel] = {}
        # Three label/value pairs a line keep the archive list below tall enough to read.
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(12)
        for column in (1, 3, 5):
            grid.setColumnStretch(column, 1)
        labels = {
            "code": self.tr("Code:"),
            "name": self.tr("Name:"),
            "gender": self.tr("Gender:"),
            "birth_date": self.tr("Date of birth:"),
            "political_status": self.tr("Political status:"),
            "department": self.tr("Department:"),
            "position": self.tr("Post and rank:"),
            "category": self.tr("Staff category:"),
            "key_post": self.tr("Key post:"),
            "work_start": self.tr("Started work:"),
            "status": self.tr("Status:"),
        }
        for position, (key, label) in enumerate(labels.items()):
            value = QLabel()
            value.setObjectName(f"person_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            line, pair = divmod(position, 3)
            caption = QLabel(label)
            caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(caption, line, 2 * pair)
            grid.addWidget(value, line, 2 * pair + 1)
        self.show_person(None)

    def show_person(self, person: PersonView | None) -> None:
        if person is None:
            for value in self.fields.values():
                value.setText("")
            return
        for key, value in self.fields.items():
            raw = getattr(person, key)
            if key == "key_post":
                value.setText(self.tr("Yes") if raw else self.tr("No"))
            else:
                value.setText(format_value(raw) or "—")
