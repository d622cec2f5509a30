"""What the screens need to follow other workstations: the watcher and its states."""

from kaohe_desktop.storage.watcher import DataVersionWatcher, FileState

__all__ = ["DataVersionWatcher", "FileState"]
