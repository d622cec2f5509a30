"""services/quarterly/sheet_cache (issue 16): the kept sheets.

A write of this workstation changes the kept sheet in place (only the rows it moved,
GradingSheet.changes), and so does another's, followed through the audit log; the
result is, row for row and outcome for outcome, what a whole build_sheet of the file
gives: a seeded run of random scores, pastes, 不定等次, overrides (refused or not, as
the whole sheet would refuse them) and 点评, under the bureau's quota and under
per-department quotas. What the log cannot follow is read whole; a read with nothing
changed reads nothing again."""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from tests.factories import DEMO, Clock, CopyMaster, sign_in

from kaohe_desktop.domain.enums import CommentKind, NoGradeReason, QuarterGrade
from kaohe_desktop.domain.leases import grading_scope
from kaohe_desktop.domain.periods import Quarter
from kaohe_desktop.domain.quarterly_rules import QuarterlyRules, QuotaScope
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.access.leases import Lease
from kaohe_desktop.services.errors import InputError
from kaohe_desktop.services.quarterly.grading import QuarterlyGrading
from kaohe_desktop.services.quarterly.refusals import override_problem
from kaohe_desktop.services.quarterly.sheet import load_sheet
from kaohe_desktop.services.quarterly.views import GradingSheet, ScoreChange, ScoreField
from kaohe_desktop.services.workspace import Workspace
from kaohe_desktop.storage.models import SchemeRow

Q4 = Quarter(2026, 4)  # the demo's open quarter: 80 people, one bureau quota
NOW = datetime(2026, 11, 20, 10, 0, 0)
HIGH = ["90", "92.5", "95", "95", "97", "99", "100"]  # around and above the 好 line: ties
ANY = [*HIGH, "60", "75.5", "85", "89.9", None]


@pytest.fixture
def path(copy_master: CopyMaster) -> Path:
    return copy_master(DEMO)


@pytest.fixture
def admin(path: Path) -> Iterator[Workspace]:
    workspace = sign_in(path, Role.ADMIN, daily_backup=False, clock=Clock(NOW))
    yield workspace
    workspace.close()


def leases_of(workspace: Workspace, sheet: GradingSheet) -> list[Lease]:
    return [
        workspace.leases.acquire(grading_scope(str(sheet.quarter), d), "评分")
        for d, _name in sheet.departments
    ]


def overwrite_rules(workspace: Workspace, rules: QuarterlyRules) -> None:
    """Q4's frozen scheme row rewritten (audited, as any write): the program refuses to
    change a frozen quarter's rules (scheme_rows), but the kept sheet must still follow
    a scheme row changed under it, whatever changed it."""

    def work(session: Session) -> None:
        row = session.scalars(select(SchemeRow).where(SchemeRow.period == str(Q4))).one()
        row.rules_json = rules.to_json()

    workspace._uow.write(work)


def whole(workspace: Workspace) -> GradingSheet:
    """The quarter built whole from the file, past every kept sheet."""
    return load_sheet(workspace._uow, Q4)


def assert_whole(sheet: GradingSheet, expected: GradingSheet) -> None:
    assert sheet == expected
    assert [r.person_id for r in sheet.rows] == [r.person_id for r in expected.rows]
    assert list(sheet.grading.outcomes) == list(expected.grading.outcomes)


def assert_changes_named(before: GradingSheet, after: GradingSheet) -> None:
    """Rows outside `changes` are the rows before; the ones named are the ones that differ
    (a written person's row always: its version moved)."""
    assert after.changes is not None
    positions = after.changes.since(before)
    assert positions is not None
    differing = [n for n, (a, b) in enumerate(zip(before.rows, after.rows, strict=True)) if a != b]
    assert set(differing) <= set(positions)
    for n, (a, b) in enumerate(zip(before.rows, after.rows, strict=True)):
        if n not in positions:
            assert a is b


def random_action(grading: QuarterlyGrading, leases: list[Lease], rng: random.Random) -> None:
    sheet = grading.sheet(Q4)
    row = rng.choice(sheet.rows)
    kind = rng.choice(["score", "score", "score", "paste", "not_graded", "override", "comment"])
    if kind in ("score", "paste"):
        rows = rng.sample(sheet.rows, rng.randint(2, 6)) if kind == "paste" else [row]
        changes = [
            ScoreChange(
                r.person_id,
                rng.choice(list(ScoreField)),
                None if (value := rng.choice(ANY)) is None else Decimal(value),
                r.version,
            )
            for r in rows
        ]
        grading.set_scores(Q4, changes, leases)
    elif kind == "not_graded":
        reason = rng.choice([None, None, NoGradeReason.LEAVE])
        grading.set_not_graded(Q4, row.person_id, reason, row.version, leases)
    elif kind == "override":
        grade = rng.choice([None, QuarterGrade.GOOD, QuarterGrade.FAIRLY_GOOD, QuarterGrade.POOR])
        reason = "委员会决定"
        problem = override_problem(sheet, row, grade, reason)
        try:
            grading.set_override(Q4, row.person_id, grade, reason, row.version, leases)
        except InputError:
            assert problem is not None  # refused exactly when the whole sheet refuses
            return
        assert problem is None
    else:
        comments = grading.comments(Q4, row.person_id)
        if comments and rng.random() < 0.4:
            gone = rng.choice(comments)
            grading.delete_comment(Q4, gone.id, gone.version, leases)
        else:
            kind_of = rng.choice(list(CommentKind))
            day = date(2026, 11, 5)
            grading.add_comment(Q4, row.person_id, day, kind_of, "例会点评", leases)


@pytest.mark.parametrize("scope", [QuotaScope.BUREAU, QuotaScope.DEPARTMENT])
def test_random_writes_change_the_kept_sheet_as_a_whole_build_would(
    admin: Workspace, scope: QuotaScope
) -> None:
    """Writes of this workstation, and of another (a second QuarterlyGrading on the file:
    its writes reach this one's kept sheet only through the audit log)."""
    grading = admin.grading
    if scope is QuotaScope.DEPARTMENT:
        overwrite_rules(admin, QuarterlyRules(quota_scope=scope, good_quota=Decimal("0.5")))
    other = QuarterlyGrading(admin.guard, admin._uow, clock=Clock(NOW))
    sheet = grading.sheet(Q4)
    assert sheet.rules.quota_scope is scope
    leases = leases_of(admin, sheet)
    builds = grading.sheets.builds
    rng = random.Random(16)
    for _step in range(80):
        random_action(other if rng.random() < 0.3 else grading, leases, rng)
        after = grading.sheet(Q4)
        assert_whole(after, whole(admin))
        if after is not sheet:
            assert_changes_named(sheet, after)
        sheet = after
    assert grading.sheets.builds == builds  # every change came in place, none read whole
    assert grading.sheets.updates > 0


def test_a_read_with_nothing_changed_builds_nothing(admin: Workspace) -> None:
    first = admin.grading.sheet(Q4)
    builds = admin.grading.sheets.builds
    assert admin.grading.sheet(Q4) is first
    assert admin.grading.sheets.builds == builds


def test_another_workstations_score_comes_from_the_log(admin: Workspace, path: Path) -> None:
    mine = admin.grading.sheet(Q4)
    other = sign_in(path, Role.ADMIN, daily_backup=False, clock=Clock(NOW))
    try:
        theirs = other.grading.sheet(Q4)
        row = theirs.rows[3]
        score = Decimal("99") if row.leader != Decimal("99") else Decimal("61")
        change = ScoreChange(row.person_id, ScoreField.LEADER, score, row.version)
        other.grading.set_scores(Q4, [change], leases_of(other, theirs))
    finally:
        other.close()
    builds = admin.grading.sheets.builds
    seen = admin.grading.sheet(Q4)
    assert admin.grading.sheets.builds == builds  # caught up, not read whole
    assert seen.row(row.person_id).leader == score
    assert_changes_named(mine, seen)
    assert_whole(seen, whole(admin))


def test_another_workstations_rules_read_the_quarter_again(admin: Workspace, path: Path) -> None:
    """What the log cannot follow row by row (rules, people, departments …): read whole."""
    mine = admin.grading.sheet(Q4)
    other = sign_in(path, Role.ADMIN, daily_backup=False, clock=Clock(NOW))
    try:
        overwrite_rules(other, replace(mine.rules, good_quota=Decimal("0.2")))
    finally:
        other.close()
    builds = admin.grading.sheets.builds
    seen = admin.grading.sheet(Q4)
    assert admin.grading.sheets.builds == builds + 1
    assert seen.rules.good_quota == Decimal("0.2") and seen.changes is None
    assert_whole(seen, whole(admin))


def test_a_write_over_a_stale_sheet_is_right(admin: Workspace, path: Path) -> None:
    """Another workstation wrote after this one last read: the kept sheet is not the file
    as this write finds it, so it is not patched by the write; the sheet returned is
    the file's, with both changes."""
    mine = admin.grading.sheet(Q4)
    other = sign_in(path, Role.ADMIN, daily_backup=False, clock=Clock(NOW))
    try:
        theirs = other.grading.sheet(Q4)
        a = theirs.rows[0]
        change = ScoreChange(a.person_id, ScoreField.PERFORMANCE, Decimal("98"), a.version)
        held = leases_of(other, theirs)
        other.grading.set_scores(Q4, [change], held)
        for lease in held:
            other.leases.release(lease)
    finally:
        other.close()
    b = mine.rows[1]
    after = admin.grading.set_scores(
        Q4,
        [ScoreChange(b.person_id, ScoreField.LEADER, Decimal("97"), b.version)],
        leases_of(admin, mine),
    )
    assert after.row(a.person_id).performance == Decimal("98")
    assert after.row(b.person_id).leader == Decimal("97")
    assert_whole(after, whole(admin))


def test_a_write_keeps_the_other_quarters_kept(admin: Workspace) -> None:
    """A score in 2026Q4 changes no input of 2026Q3's sheet: it stays kept (a choice of
    the quarter after typing reads nothing), and is still what a whole build gives."""
    q3 = Quarter(2026, 3)
    kept = admin.grading.sheet(q3)
    sheet = admin.grading.sheet(Q4)
    row = sheet.rows[0]
    change = ScoreChange(row.person_id, ScoreField.LEADER, Decimal("93"), row.version)
    admin.grading.set_scores(Q4, [change], leases_of(admin, sheet))
    builds = admin.grading.sheets.builds
    assert admin.grading.sheet(q3) is kept
    assert admin.grading.sheets.builds == builds
    assert kept == load_sheet(admin._uow, q3)


def test_two_readers_of_one_quarter_build_it_once(
    admin: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The read-ahead and the clerk asking for the same quarter at once: one builds, the
    other waits for it."""
    sheets = admin.grading.sheets
    building, go_on = threading.Event(), threading.Event()
    real = sheets._build

    def slow(*args: Any) -> Any:
        building.set()
        go_on.wait(10)
        return real(*args)

    monkeypatch.setattr(sheets, "_build", slow)
    found: list[GradingSheet] = []
    first = threading.Thread(target=lambda: found.append(admin.grading.sheet(Q4)))
    first.start()
    assert building.wait(10)
    second = threading.Thread(target=lambda: found.append(admin.grading.sheet(Q4)))
    second.start()
    second.join(0.2)  # it waits for the first (were it to build too, `slow` would let it)
    go_on.set()
    first.join(10)
    second.join(10)
    assert len(found) == 2 and found[0] is found[1]
    assert sheets.builds == 1
