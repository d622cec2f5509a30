"""设置: interface language, the PDF font, and what is known about the open file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

# The font probe is a pure function of the file system; it writes nothing. It imports
# reportlab when the dialog opens, not when the program starts.
from kaohe_desktop.services.common.fonts import pdf_font
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.ui.settings import Settings


class SettingsDialog(QDialog):
    def __init__(
        self, settings: Settings, workspace: Workspace | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(640)
        self.settings = settings

        self.language = QComboBox()
        self.language.setObjectName("languageCombo")
        self.language.addItem("中文（简体）", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        language_note = QLabel(self.tr("A new language applies after the program restarts."))
        language_note.setWordWrap(True)
        language_box = QGroupBox(self.tr("Language"))
        language_form = QFormLayout(language_box)
        language_form.addRow(self.tr("Interface language:"), self.language)
        language_form.addRow(language_note)

        self.font_path = QLineEdit(str(settings.pdf_font_path or ""))
        self.font_path.setObjectName("fontPath")
        self.font_path.setPlaceholderText(self.tr("Automatic: a Chinese font of this computer"))
        self.font_path.editingFinished.connect(self._probe_font)
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_font)
        automatic = QPushButton(self.tr("Automatic"))
        automatic.clicked.connect(self._automatic_font)
        path_row = QHBoxLayout()
        path_row.addWidget(self.font_path, 1)
        path_row.addWidget(browse)
        path_row.addWidget(automatic)
        self.font_in_use = QLabel()
        self.font_in_use.setObjectName("fontInUse")
        self.font_in_use.setWordWrap(True)
        font_box = QGroupBox(self.tr("PDF font"))
        font_form = QFormLayout(font_box)
        font_form.addRow(self.tr("Font file:"), path_row)
        font_form.addRow(self.tr("In use:"), self.font_in_use)
        font_form.addRow(
            QLabel(self.tr("TrueType fonts (.ttf, .ttc) can be embedded; .otf fonts cannot."))
        )

        on_server = workspace is not None and workspace.server is not None
        file_box = QGroupBox(self.tr("Server database") if on_server else self.tr("Data file"))
        file_form = QFormLayout(file_box)
        self.file_path = QLabel()
        self.file_path.setObjectName("settingsFilePath")
        self.file_path.setWordWrap(True)
        self.file_access = QLabel()
        self.file_access.setObjectName("settingsFileAccess")
        self.file_access.setWordWrap(True)
        file_form.addRow(self.tr("Address:") if on_server else self.tr("Path:"), self.file_path)
        file_form.addRow(self.tr("Access:"), self.file_access)
        self._show_file(workspace)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(language_box)
        layout.addWidget(font_box)
        layout.addWidget(file_box)
        layout.addWidget(buttons)
        self._probe_font()

    def _show_file(self, workspace: Workspace | None) -> None:
        if workspace is None:
            self.file_path.setText(self.tr("No data file open"))
            self.file_access.setText("")
            return
        self.file_path.setText(workspace.location)
        if workspace.read_only:
            self.file_access.setText(
                self.tr("Read-only: {0}").format(workspace.read_only_reason or "")
            )
        else:
            self.file_access.setText(self.tr("Read and write"))

    def chosen_font_path(self) -> Path | None:
        text = self.font_path.text().strip()
        return Path(text) if text else None

    def _probe_font(self) -> None:
        font = pdf_font(self.chosen_font_path())
        self.font_in_use.setText(font.description)

    def _choose_font(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a font file"), "", self.tr("TrueType fonts (*.ttf *.ttc)")
        )
        if path:
            self.font_path.setText(path)
            self._probe_font()

    def _automatic_font(self) -> None:
        self.font_path.clear()
        self._probe_font()

    def accept(self) -> None:
        self.settings.language = str(self.language.currentData())
        self.settings.pdf_font_path = self.chosen_font_path()
        self.settings.sync()
        super().accept()
