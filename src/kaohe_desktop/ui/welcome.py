"""First run: no recent file and none given, so ask what the clerk wants to do.

The demo is one choice among four and is never the default: a clerk's real data
must never start life as a copy of the demo bureau.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCommandLinkButton, QDialog, QLabel, QVBoxLayout, QWidget


class WelcomeChoice(Enum):
    NEW = "new"
    OPEN = "open"
    SERVER = "server"
    DEMO = "demo"


class WelcomeDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeDialog")
        self.setWindowTitle(self.tr("Welcome to Kaohe ledger"))
        self.choice: WelcomeChoice | None = None
        intro = QLabel(
            self.tr(
                "The ledger, the quarterly and half-year assessments and every person's archive "
                "are kept in one data file, usually on the office's shared drive so that "
                "colleagues can open it too. How would you like to start?"
            )
        )
        intro.setWordWrap(True)
        self.new_button = QCommandLinkButton(
            self.tr("New data file"),
            self.tr("Start the bureau's own file; import the ledger and staff from Excel."),
        )
        self.open_button = QCommandLinkButton(
            self.tr("Open an existing file"),
            self.tr("A colleague already keeps the file, for example on the shared drive."),
        )
        self.server_button = QCommandLinkButton(
            self.tr("Open from a database server"),
            self.tr(
                "The office keeps its data on a PostgreSQL server; its administrator "
                "gives you the server's address and account."
            ),
        )
        self.demo_button = QCommandLinkButton(
            self.tr("Open the demo data"),
            self.tr("Look around in an invented bureau, kept apart from real data."),
        )
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(8)
        for button, choice in (
            (self.new_button, WelcomeChoice.NEW),
            (self.open_button, WelcomeChoice.OPEN),
            (self.server_button, WelcomeChoice.SERVER),
            (self.demo_button, WelcomeChoice.DEMO),
        ):
            button.clicked.connect(lambda _checked=False, c=choice: self._choose(c))
            layout.addWidget(button)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.setMinimumWidth(520)

    def _choose(self, choice: WelcomeChoice) -> None:
        self.choice = choice
        self.accept()
