"""`kaohe-desktop --smoke 截图.png`: the packaged program's self-test (CI, docs/WINDOWS.md).

It does what a clerk does on a first start with the demo: the window opens, the demo
file is opened (generated on first use), the sign-in dialog is answered with the demo
administrator's password, and the first tab reads the file. Then the window is grabbed
into the PNG, one line describes what was shown, and the program quits with 0 — or
with 1 and the reason if the demo was not on screen within the time limit. Nothing is
faked: the same window, file actions and sign-in run as in a normal start.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QTabWidget

from kaohe_desktop.services.demo.accounts import DEMO_PASSWORD
from kaohe_desktop.ui.accounts.login_dialog import LoginDialog
from kaohe_desktop.ui.main_window import MainWindow

POLL_MS = 200
LIMIT_S = 180  # generating the demo on a slow CI machine takes a while
SETTLE_POLLS = 10  # the first tab's read, the daily backup and a repaint after sign-in


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


class SmokeRun(QObject):
    def __init__(self, window: MainWindow, screenshot: Path) -> None:
        super().__init__(window)
        self.window = window
        self.screenshot = screenshot
        self.polls = 0
        self.settled = 0
        self.signed: set[int] = set()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._poll)
        self.timer.start(POLL_MS)

    def _poll(self) -> None:
        self.polls += 1
        modal = QApplication.activeModalWidget()
        if isinstance(modal, LoginDialog) and id(modal) not in self.signed:
            self.signed.add(id(modal))
            modal.password.setText(DEMO_PASSWORD)
            modal.accept()
            return
        if isinstance(modal, QMessageBox):  # an error or a warning: what a clerk would see
            self._quit(1, f"自检失败，程序显示了消息：{modal.text()} {modal.informativeText()}")
            return
        if self.window.workspace is not None and modal is None:
            self.settled += 1
            if self.settled >= SETTLE_POLLS:
                self._finish()
            return
        if self.polls * POLL_MS > LIMIT_S * 1000:
            shown = type(modal).__name__ if modal is not None else "无对话框"
            self._quit(1, f"自检失败：{LIMIT_S} 秒内未显示演示数据（当前：{shown}）")

    def _finish(self) -> None:
        window = self.window
        self.screenshot.parent.mkdir(parents=True, exist_ok=True)
        saved = window.grab().save(str(self.screenshot))
        tabs = window.findChild(QTabWidget)
        names = [tabs.tabText(i) for i in range(tabs.count())] if tabs is not None else []
        icon = QApplication.windowIcon().availableSizes()
        workspace = window.workspace
        print(
            f"自检通过：窗口“{window.windowTitle()}”，"
            f"数据文件 {workspace.path if workspace else '无'}，"
            f"标签页 {'、'.join(names)}，图标 {len(icon)} 种尺寸，"
            f"截图{'已保存到 ' + str(self.screenshot) if saved else '保存失败'}",
            flush=True,
        )
        # A bundle that lost its catalogue shows "Ledger", "Quarterly"…: no use to a clerk.
        chinese = bool(names) and all(_has_cjk(name) for name in names)
        if not chinese:
            print("自检失败：界面不是中文（未加载中文翻译）", file=sys.stderr, flush=True)
        self._quit(0 if saved and icon and workspace is not None and chinese else 1, None)

    def _quit(self, code: int, message: str | None) -> None:
        self.timer.stop()
        if message:
            print(message, file=sys.stderr, flush=True)
        self.window.close()
        QApplication.exit(code)
