"""RowFilterProxy filters on each row's text kept beside the model (not read through
QModelIndex.data() per keystroke), in one pass per change, and the search boxes wait for
a pause in typing before they filter (Enter filters at once)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLineEdit

from kaohe_desktop.ui.checks.checks_filters import CheckFilters
from kaohe_desktop.ui.common.filter_proxy import RowFilterProxy, SearchDelay
from kaohe_desktop.ui.common.table_model import Column, RowTableModel
from kaohe_desktop.ui.main_window import MainWindow
from kaohe_desktop.ui.quarterly.grading_filters import GridFilters

CODE, NAME, DEPARTMENT, NOTE = range(4)
SEARCHED = (CODE, NAME, DEPARTMENT)


@dataclass(frozen=True)
class Item:
    code: str
    name: str
    department: str
    note: str = ""


class ItemModel(RowTableModel[Item]):
    def __init__(self, rows: list[Item]) -> None:
        super().__init__(
            [
                Column("Code", lambda r: r.code),
                Column("Name", lambda r: r.name),
                Column("Department", lambda r: r.department),
                Column("Note", lambda r: r.note),
            ]
        )
        self.set_rows(rows)

    def replace(self, row: int, item: Item) -> None:
        """A row updated in place, as a new sheet with the same roster does."""
        self._rows[row] = item
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def insert(self, row: int, item: Item) -> None:
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, item)
        self.endInsertRows()

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()


class CountingProxy(RowFilterProxy):
    """Counts how often a row is asked about: one pass over n rows is n calls."""

    def __init__(self, source: ItemModel, searched: tuple[int, ...] = SEARCHED) -> None:
        super().__init__(source, searched)
        self.asked = 0

    def restart(self) -> None:
        """Count from here on (the proxy's rows mapped first, as a shown table's are)."""
        self.rowCount()
        self.asked = 0

    def filterAcceptsRow(self, source_row: int, source_parent: Any) -> bool:
        self.asked += 1
        return super().filterAcceptsRow(source_row, source_parent)


ITEMS = [
    Item("A01", "张三", "办公室", "note 张三"),
    Item("A02", "李四", "办公室"),
    Item("B01", "王五", "财务科"),
    Item("B02", "Zhao Liu", "财务科"),
    Item("C01", "STRASSE", "Straße 科"),
]


def shown(proxy: RowFilterProxy) -> list[str]:
    return [proxy.row_object(proxy.index(n, 0)).code for n in range(proxy.rowCount())]


def by_data(model: ItemModel, text: str, predicate: Callable[[Item], bool] | None) -> list[str]:
    """The rule as it was, read cell by cell through QModelIndex.data()."""
    words = [word.casefold() for word in text.split()]
    codes = []
    for row in range(model.rowCount()):
        if predicate is not None and not predicate(model.row_at(row)):
            continue
        haystack = " ".join(str(model.index(row, c).data() or "") for c in SEARCHED).casefold()
        if all(word in haystack for word in words):
            codes.append(model.row_at(row).code)
    return codes


@pytest.mark.parametrize(
    ("text", "office_only"),
    [
        ("", False),
        ("办公室", False),
        ("a0 办公室", False),  # every word must match (AND)
        ("张三 财务科", False),  # one word in each of two rows is not enough
        ("zhao", False),  # casefolded
        ("strasse", False),  # casefold, not lower: ß matches ss
        ("note", False),  # a column that is not searched
        ("  A0  ", True),  # the predicate and the words together
        ("", True),
    ],
)
def test_the_rows_shown_are_those_the_cells_say(qtbot: Any, text: str, office_only: bool) -> None:
    model = ItemModel(ITEMS)
    proxy = RowFilterProxy(model, SEARCHED)
    predicate = (lambda r: r.department == "办公室") if office_only else None
    proxy.set_filters(text, predicate)
    assert shown(proxy) == by_data(model, text, predicate)
    # The same through the two setters.
    other = RowFilterProxy(model, SEARCHED)
    other.set_predicate(predicate)
    other.set_search_text(text)
    assert shown(other) == shown(proxy)


def test_the_row_text_follows_an_edited_cell(qtbot: Any) -> None:
    model = ItemModel(ITEMS)
    proxy = RowFilterProxy(model, SEARCHED)
    proxy.set_search_text("张三")
    assert shown(proxy) == ["A01"]
    model.replace(0, Item("A01", "张四", "办公室"))  # dataChanged: the proxy filters the row again
    assert shown(proxy) == []
    proxy.set_search_text("张四")
    assert shown(proxy) == ["A01"]
    model.replace(2, Item("B01", "张四", "财务科"))
    assert shown(proxy) == ["A01", "B01"]


def test_the_row_texts_follow_inserted_removed_and_reset_rows(qtbot: Any) -> None:
    model = ItemModel(ITEMS)
    proxy = RowFilterProxy(model, SEARCHED)
    proxy.set_search_text("财务科")
    assert shown(proxy) == ["B01", "B02"]
    model.insert(0, Item("B00", "新人", "财务科"))
    model.remove(3)  # B01, one row further down now
    assert shown(proxy) == ["B00", "B02"]
    proxy.set_search_text("办公室")
    assert shown(proxy) == ["A01", "A02"]
    model.set_rows([Item("D01", "赵六", "办公室"), Item("D02", "钱七", "人事科")])
    assert shown(proxy) == ["D01"]


def test_a_change_of_text_and_predicate_is_one_pass(qtbot: Any) -> None:
    model = ItemModel(ITEMS)
    proxy = CountingProxy(model)
    proxy.restart()
    proxy.set_filters("0", lambda r: r.department != "财务科")
    assert proxy.asked == len(ITEMS)
    proxy.restart()
    proxy.set_search_text("0")  # the same words: nothing to filter again
    assert proxy.asked == 0


def test_the_grid_filters_apply_text_and_combos_in_one_pass(qtbot: Any) -> None:
    model = ItemModel(ITEMS)
    proxy = CountingProxy(model)
    filters = GridFilters(proxy)
    filters.set_choices(["办公室", "财务科"], [])
    proxy.restart()
    filters.department.setCurrentIndex(filters.department.findData("办公室"))
    assert proxy.asked == len(ITEMS)  # not once for the text and once for the predicate
    assert shown(proxy) == ["A01", "A02"]


@pytest.fixture
def box_and_proxy(qtbot: Any) -> Iterator[tuple[QLineEdit, CountingProxy, SearchDelay]]:
    model = ItemModel(ITEMS)
    proxy = CountingProxy(model)
    box = QLineEdit()
    qtbot.addWidget(box)
    delay = SearchDelay(box, lambda: proxy.set_search_text(box.text()))
    proxy.restart()
    yield box, proxy, delay


def test_a_burst_of_keystrokes_filters_once_after_the_pause(
    qtbot: Any, box_and_proxy: tuple[QLineEdit, CountingProxy, SearchDelay]
) -> None:
    box, proxy, delay = box_and_proxy
    qtbot.keyClicks(box, "a0 a")  # QTest types ASCII only
    assert proxy.asked == 0 and delay.pending  # nothing filtered while typing
    qtbot.waitUntil(lambda: not delay.pending)
    assert proxy.asked == len(ITEMS)  # one pass for the whole burst
    assert shown(proxy) == ["A01", "A02"]


def test_enter_filters_at_once(
    qtbot: Any, box_and_proxy: tuple[QLineEdit, CountingProxy, SearchDelay]
) -> None:
    box, proxy, delay = box_and_proxy
    qtbot.keyClicks(box, "b0")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert not delay.pending
    assert shown(proxy) == ["B01", "B02"]
    assert proxy.asked == len(ITEMS)


def _boxes(window: MainWindow) -> dict[str, tuple[QLineEdit, SearchDelay, RowFilterProxy]]:
    quarterly, checks = window.quarterly_tab.filters, window.checks_tab.filters
    annual, ledger = window.annual_tab.grid, window.ledger_tab
    return {
        "ledger": (ledger.search, ledger.search_delay, ledger.proxy),
        "checks": (checks.search, checks.search_delay, checks.proxy),
        "quarterly": (quarterly.search, quarterly.search_delay, quarterly.proxy),
        "annual": (annual.search, annual.search_delay, annual.proxy),
    }


@pytest.mark.parametrize("name", ["ledger", "checks", "quarterly", "annual"])
def test_every_search_box_waits_for_a_pause_then_filters_once(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    box, delay, proxy = _boxes(window)[name]
    applied: list[tuple[str, ...]] = []
    filters = proxy.set_filters

    def counting(text: str | None, predicate: Any) -> None:
        filters(text, predicate)
        applied.append(proxy.search_words())

    monkeypatch.setattr(proxy, "set_filters", counting)
    qtbot.keyClicks(box, "Ab cd")
    assert applied == [] and delay.pending
    qtbot.waitUntil(lambda: not delay.pending)
    assert applied == [("ab", "cd")]


@pytest.mark.parametrize("name", ["ledger", "checks", "quarterly", "annual"])
def test_every_search_box_filters_at_once_on_enter(
    qtbot: Any, window: MainWindow, name: str
) -> None:
    box, delay, proxy = _boxes(window)[name]
    qtbot.keyClicks(box, "xy")
    assert proxy.search_words() == ()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert proxy.search_words() == ("xy",) and not delay.pending


def test_a_combo_applies_the_typed_text_with_it(qtbot: Any) -> None:
    """Choosing a filter while a search is still waiting applies both, once."""
    model = ItemModel(ITEMS)
    proxy = CountingProxy(model)
    filters = CheckFilters(proxy)
    filters.set_departments(["办公室", "财务科"])
    qtbot.keyClicks(filters.search, "A0")
    proxy.restart()
    filters.status.setCurrentIndex(0)  # unchanged: no signal
    filters.apply()
    assert not filters.search_delay.pending
    assert proxy.search_words() == ("a0",)
    assert proxy.asked == len(ITEMS)
