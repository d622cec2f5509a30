"""The four tabs show what the services return, and say what to do when there is nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from tests.factories import ADMIN
from tests.ui.helpers import open_in

from kaohe_desktop.domain.account_rules import account_label
from kaohe_desktop.domain.periods import HalfYear, Quarter
from kaohe_desktop.services.workspace import create_workspace
from kaohe_desktop.ui.common.empty_state import button_text
from kaohe_desktop.ui.main_window import MainWindow
from kaohe_desktop.ui.scoring import score_model as scoring_columns

YEAR = 2026


def test_demo_file_fills_every_tab_with_the_services_rows(
    qtbot: Any, window: MainWindow, demo_file: Path
) -> None:
    workspace = open_in(qtbot, window, demo_file)
    window.set_year(YEAR)
    queries = workspace

    assert window.ledger_tab.model.rowCount() == len(queries.ledger.tasks(YEAR)) > 0
    assert window.ledger_tab.proxy.rowCount() == len(queries.ledger.tasks(YEAR))

    assert window.quarterly_tab.model.rowCount() == 0  # not shown yet: nothing read
    window.tabs.setCurrentWidget(window.quarterly_tab)  # it grades the quarter when shown
    quarter = window.quarterly_tab.current_quarter()
    assert quarter is not None and quarter.year == YEAR
    assert window.quarterly_tab.model.rowCount() == len(workspace.grading.sheet(quarter).rows) > 0

    checks = window.checks_tab
    assert checks.session.due is None  # not shown yet: nothing read
    window.tabs.setCurrentWidget(checks)
    period = checks.current_period()
    assert period is not None and period.year == YEAR
    assert checks.model.rowCount() == len(workspace.checks.due_list(period).rows) > 0

    scoring = window.scoring_tab
    assert scoring.session.sheet is None  # not shown yet: nothing read
    window.tabs.setCurrentWidget(scoring)
    half = scoring.current_half()
    assert half is not None and half.year == YEAR
    results = workspace.scoring.sheet(half).scoring.results
    assert scoring.departments.rowCount() == len(results) > 0

    archive = window.archive_tab
    assert archive.people.rowCount() == 0  # not shown yet: nothing read
    window.tabs.setCurrentWidget(archive)
    assert archive.people.rowCount() == len(workspace.archive.people()) > 0
    person = archive.selected_person()
    assert person is not None
    view = workspace.archive.archive(person.id)
    assert archive.sections.quarters.rows() == list(view.quarters)
    assert archive.sections.details.fields["code"].text() == person.code

    for tab in window.data_tabs():
        window.tabs.setCurrentWidget(tab)  # the 查账 tab reads its period when shown
        assert not tab.stack.is_empty, type(tab).__name__
    assert window.is_demo
    assert "[Demo data]" in window.windowTitle()
    assert str(demo_file) in window.status_line.path.full_text()
    user = window.status_line.user
    # 张敏（管理员，admin）: the account inside the display name's own brackets.
    assert user.text().endswith(account_label(workspace.account, workspace.actor.display_name))
    assert "）（" not in user.text()
    assert workspace.actor.role.label in user.toolTip()
    assert window.status_line.refreshed.text()


def test_an_empty_file_shows_guidance_with_working_buttons(
    qtbot: Any, window: MainWindow, data_file: Path
) -> None:
    create_workspace(data_file, admin=ADMIN).close()
    open_in(qtbot, window, data_file)
    import_action = window.exchange_actions.import_book
    template_action = window.exchange_actions.template
    for tab in window.data_tabs():
        window.tabs.setCurrentWidget(tab)
        assert tab.stack.is_empty, type(tab).__name__
        page = tab.stack.empty_page
        assert "Import workbook" in page.message.text()
        texts = [button.text() for button in page.buttons]
        if tab is window.ledger_tab:
            # The ledger can also be built by hand or from last year's, so it offers those first.
            assert texts[:2] == ["New task", "Copy from last year"]
            assert "New task" in page.message.text()
            texts = texts[2:]
        assert texts == ["Import workbook", "Download template"]
        assert [button_text(import_action), button_text(template_action)] == texts
        assert all(button.isEnabled() for button in page.buttons)
    # The scoring tab says what to import for the half shown.
    assert "科室" in window.scoring_tab.stack.empty_page.message.text()

    triggered: list[bool] = []
    template_action.triggered.disconnect()
    template_action.triggered.connect(lambda: triggered.append(True))
    buttons = window.ledger_tab.stack.empty_page.buttons
    template_button = next(b for b in buttons if b.text() == button_text(template_action))
    qtbot.mouseClick(template_button, Qt.MouseButton.LeftButton)
    assert triggered == [True]


def test_without_a_file_the_tabs_offer_new_open_and_a_server(window: MainWindow) -> None:
    assert window.workspace is None
    for tab in window.data_tabs():
        assert tab.stack.is_empty
        assert "File → New" in tab.stack.empty_page.message.text()
        texts = [button.text() for button in tab.stack.empty_page.buttons]
        assert texts == ["New data file", "Open data file", "Open from a database server"]
    assert not window.exchange_actions.import_book.isEnabled()
    assert not window.exchange_actions.export_book.isEnabled()
    assert not window.file_actions.backup.isEnabled()
    assert window.exchange_actions.template.isEnabled()  # the template needs no file


def test_changing_the_year_reloads_every_tab(
    qtbot: Any, window: MainWindow, demo_file: Path, settings: Any
) -> None:
    workspace = open_in(qtbot, window, demo_file)
    window.set_year(YEAR)
    assert window.ledger_tab.model.rowCount() > 0

    window.set_year(YEAR - 5)  # a year without data
    assert window.current_year() == YEAR - 5
    assert window.ledger_tab.model.rowCount() == len(workspace.ledger.tasks(YEAR - 5)) == 0
    assert window.ledger_tab.stack.is_empty
    assert str(YEAR - 5) in window.ledger_tab.stack.empty_page.message.text()
    # The roster is everyone in a department during the quarter, scored or not.
    window.tabs.setCurrentWidget(window.quarterly_tab)  # it grades the quarter when shown
    quarter = window.quarterly_tab.current_quarter()
    assert quarter is not None and quarter.year == YEAR - 5
    roster = workspace.grading.sheet(quarter).rows
    assert window.quarterly_tab.model.rowCount() == len(roster)
    assert window.quarterly_tab.stack.is_empty == (not roster)
    assert all(row.assessment_id is None for row in roster)  # nothing entered that year
    window.tabs.setCurrentWidget(window.scoring_tab)
    half = window.scoring_tab.current_half()
    assert half is not None and half.year == YEAR - 5
    assert settings.last_year == YEAR - 5

    window.set_year(YEAR)
    window.tabs.setCurrentWidget(window.ledger_tab)  # hidden tabs read the year when shown
    assert window.ledger_tab.model.rowCount() == len(workspace.ledger.tasks(YEAR))
    window.tabs.setCurrentWidget(window.quarterly_tab)
    assert not window.quarterly_tab.stack.is_empty


def test_quarter_and_half_choosers_reload_their_tab(
    qtbot: Any, window: MainWindow, demo_file: Path
) -> None:
    workspace = open_in(qtbot, window, demo_file)
    window.set_year(YEAR)
    window.tabs.setCurrentWidget(window.quarterly_tab)  # it grades the quarter when shown
    for number in (1, 2, 3, 4):
        window.quarterly_tab.set_quarter(number)
        expected = workspace.grading.sheet(Quarter(YEAR, number)).rows
        assert window.quarterly_tab.model.rows() == list(expected)
    # The clerk's quarter sticks when the data is refreshed.
    window.quarterly_tab.set_quarter(2)
    window.refresh()
    assert window.quarterly_tab.current_quarter() == Quarter(YEAR, 2)
    counted = window.quarterly_tab.count.text()
    assert f"{len(workspace.grading.sheet(Quarter(YEAR, 2)).rows)} people" in counted

    window.tabs.setCurrentWidget(window.scoring_tab)
    for number in (1, 2):
        window.scoring_tab.set_half(number)
        half = HalfYear(YEAR, number)
        assert window.scoring_tab.departments.rows() == list(
            workspace.scoring.scoring(half).results
        )


def test_ledger_search_and_department_filter(
    qtbot: Any, window: MainWindow, demo_file: Path
) -> None:
    workspace = open_in(qtbot, window, demo_file)
    window.set_year(YEAR)
    tab = window.ledger_tab
    tasks = workspace.ledger.tasks(YEAR)
    word = tasks[0].title[:4]
    tab.search.setText(word)
    tab.search_delay.flush()  # what the pause after typing does
    expected = [
        t
        for t in tasks
        if word in t.title
        or word in (t.target or "")
        or word in t.lead_department
        or word in "、".join(t.responsible_departments)
    ]
    assert tab.proxy.rowCount() == len(expected) >= 1
    assert f"{len(expected)} of {len(tasks)}" in tab.count.text()

    tab.search.clear()
    department = tasks[0].lead_department
    tab.department.setCurrentIndex(tab.department.findData(department))
    involved = [
        t
        for t in tasks
        if t.lead_department == department or department in t.responsible_departments
    ]
    assert tab.proxy.rowCount() == len(involved) >= 1

    # Key tasks are marked in the title cell, not only by colour.
    key = next(
        row for row in range(tab.model.rowCount()) if tab.model.row_at(row).category.value == "key"
    )
    assert tab.model.index(key, 1).data().startswith("★")


def test_scoring_selection_lists_the_sources_of_the_cell(
    qtbot: Any, window: MainWindow, demo_file: Path
) -> None:
    open_in(qtbot, window, demo_file)
    window.set_year(YEAR)
    tab = window.scoring_tab
    window.tabs.setCurrentWidget(tab)
    first = tab.departments.row_at(0)
    assert tab.grid.select(first.department_id, scoring_columns.TOTAL)
    assert tab.drill.model.rowCount() == len(first.sources) > 0
    assert first.name in tab.drill.title.text()
    assert tab.drill.sum is not None and tab.drill.sum.adds_up


def test_archive_search_selects_and_shows_a_person(
    qtbot: Any, window: MainWindow, demo_file: Path
) -> None:
    workspace = open_in(qtbot, window, demo_file)
    tab = window.archive_tab
    window.tabs.setCurrentWidget(tab)
    person = workspace.archive.people()[-1]
    tab.search.setText(person.code)
    qtbot.waitUntil(lambda: tab.people_proxy.rowCount() == 1)  # after the short pause
    assert tab.selected_person() == person
    assert tab.header.title.text().startswith(person.name)
    view = workspace.archive.archive(person.id)
    assert tab.sections.talks.rows() == list(view.talks)


def test_a_vanished_file_is_explained_not_crashed(
    qtbot: Any, window: MainWindow, data_file: Path, dialogs: Any
) -> None:
    create_workspace(data_file, admin=ADMIN).close()
    open_in(qtbot, window, data_file)
    data_file.unlink()  # the network drive went away
    window.refresh()
    assert dialogs.kinds() == ["error"]
    for tab in window.data_tabs():
        window.tabs.setCurrentWidget(tab)
        assert tab.stack.is_empty
        assert "could not be read" in tab.stack.empty_page.message.text()


def test_opening_another_file_stops_the_tabs_background_reads_before_closing_it(
    qtbot: Any, window: MainWindow, demo_file: Path
) -> None:
    """The 平时考核 and 年度考核 tabs read ahead on a thread: the window tells them before it
    closes the file, so no such read runs on a closed file."""
    workspace = open_in(qtbot, window, demo_file)
    window.set_year(YEAR)
    window.tabs.setCurrentWidget(window.quarterly_tab)  # shown: it schedules a read-ahead
    read_ahead = window.quarterly_tab.read_ahead
    assert read_ahead.running
    seen: list[bool] = []
    closing = workspace.close

    def close() -> None:
        seen.append(read_ahead.running)
        closing()

    workspace.close = close  # type: ignore[method-assign]
    window.set_workspace(None)
    assert seen == [False]
