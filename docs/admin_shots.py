"""Screenshots of the 管理 dialogs issue 18 added: 考核方案 (the current quarter's frozen
scheme and the next one, editable) and 基础数据（人员类别）. Called by make_screenshots.py
on its demo window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog

from kaohe_desktop.ui.main_window import MainWindow


def _grab(app: QApplication, dialog: QDialog | None, path: Path) -> Path:
    if dialog is None:
        raise SystemExit(f"no dialog for {path.name}: is a file open?")
    for _ in range(5):
        app.processEvents()
    if not dialog.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    dialog.close()
    return path


def grab_admin_screens(app: QApplication, window: MainWindow, out_dir: Path) -> list[Path]:
    actions = window.admin_actions
    schemes = actions.show_schemes()
    if schemes is not None:
        schemes.resize(1180, 720)
    written = [_grab(app, schemes, out_dir / "schemes.png")]
    categories = actions.show_categories()
    if categories is not None:
        categories.resize(820, 460)
    written.append(_grab(app, categories, out_dir / "categories.png"))
    return written
