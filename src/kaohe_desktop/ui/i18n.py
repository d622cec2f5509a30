"""Loading the interface language: our own strings and Qt's standard dialogs.

Source strings are English; Simplified Chinese is the default language, so the
zh_CN catalogue is always loaded unless the clerk chose English in Settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from kaohe_desktop.app import resources_dir

CATALOGUE = "kaohe"


def catalogue_dir() -> Path:
    return resources_dir() / "i18n"


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install the catalogues for `language`; keep the returned list alive."""
    if language == "en":
        # QLocale.Country: PySide6 (6.11 too) has no QLocale.Territory, Qt 6's newer name.
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return []
    QLocale.setDefault(QLocale(language))
    installed: list[QTranslator] = []
    ours = QTranslator(app)
    if ours.load(f"{CATALOGUE}_{language}", str(catalogue_dir())):
        app.installTranslator(ours)
        installed.append(ours)
    # Qt's own catalogue translates the buttons of standard dialogs (是/否, 取消, 打开…).
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt)
        installed.append(qt)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
