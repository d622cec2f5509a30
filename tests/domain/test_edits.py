"""domain/edits: a clerk's draft and the three-way view of a conflict, worked by hand.

The running example: 科室 综合科 was read at version 3 as
    name=综合科, group_name=机关, kind=机关科室, sort_order=1, retired=False.
I changed name → 办公室, group_name → 机关一组, sort_order → 5.
Meanwhile they saved version 4 with
    name=办公室 (the same as mine), group_name=机关二组 (a clash), kind=执法队 (theirs only),
    sort_order=1 (untouched), retired=False.
"""

from __future__ import annotations

from datetime import datetime

from kaohe_desktop.domain.edits import Conflict, ConflictField, Draft, Side

BASE = {
    "name": "综合科",
    "group_name": "机关",
    "kind": "机关科室",
    "sort_order": 1,
    "retired": False,
}
THEIRS = {
    "name": "办公室",
    "group_name": "机关二组",
    "kind": "执法队",
    "sort_order": 1,
    "retired": False,
}


def _draft() -> Draft:
    return Draft("department", 7, "综合科", 3, dict(BASE))


def _mine() -> Draft:
    return (
        _draft()
        .with_value("name", "办公室")
        .with_value("group_name", "机关一组")
        .with_value("sort_order", 5)
    )


def _conflict(theirs: dict[str, object] | None = THEIRS) -> Conflict:
    return Conflict(_mine(), 4, None if theirs is None else dict(theirs), "admin", None)


# --- Draft -------------------------------------------------------------------


def test_a_fresh_draft_has_no_changes_and_reads_the_base() -> None:
    draft = _draft()
    assert draft.changes == {}
    assert not draft.dirty
    assert draft.value("name") == "综合科"
    assert draft.value("no_such_field") is None


def test_with_value_records_a_change_without_touching_the_original() -> None:
    draft = _draft()
    changed = draft.with_value("name", "办公室")
    assert changed.changes == {"name": "办公室"}
    assert changed.dirty
    assert changed.value("name") == "办公室"
    assert changed.base["name"] == "综合科"
    assert changed.base_version == 3
    # Frozen: the draft it came from is unchanged.
    assert draft.changes == {} and not draft.dirty


def test_setting_a_value_back_to_base_removes_the_change() -> None:
    draft = _draft().with_value("name", "办公室").with_value("sort_order", 9)
    back = draft.with_value("name", "综合科")
    assert back.changes == {"sort_order": 9}
    all_back = back.with_value("sort_order", 1)
    assert all_back.changes == {}
    assert not all_back.dirty


def test_setting_a_value_equal_to_base_is_not_a_change() -> None:
    assert _draft().with_value("retired", False).changes == {}
    assert _draft().with_value("retired", True).changes == {"retired": True}


# --- Conflict.fields ---------------------------------------------------------


def test_fields_list_every_field_either_side_changed_in_base_order() -> None:
    fields = _conflict().fields()
    assert [f.name for f in fields] == ["name", "group_name", "kind", "sort_order"]
    by_name = {f.name: f for f in fields}
    assert by_name["name"] == ConflictField("name", "综合科", "办公室", "办公室")
    assert by_name["group_name"] == ConflictField("group_name", "机关", "机关一组", "机关二组")
    assert by_name["kind"] == ConflictField("kind", "机关科室", "机关科室", "执法队")
    assert by_name["sort_order"] == ConflictField("sort_order", 1, 5, 1)


def test_a_clash_is_only_both_sides_changing_to_different_values() -> None:
    clashes = {f.name: f.clash for f in _conflict().fields()}
    assert clashes == {
        "name": False,  # both changed, to the same value
        "group_name": True,  # both changed, differently
        "kind": False,  # only they changed
        "sort_order": False,  # only I changed
    }
    field = ConflictField("x", 1, 2, 3)
    assert field.i_changed and field.they_changed and field.clash


def test_a_field_nobody_changed_is_not_listed() -> None:
    assert "retired" not in [f.name for f in _conflict().fields()]


# --- the three ways out -------------------------------------------------------


def test_keep_mine_reapplies_only_my_changed_fields_on_their_version() -> None:
    draft = _conflict().keep_mine()
    assert draft.base_version == 4
    assert dict(draft.base) == THEIRS
    # name: mine == theirs, so it is no longer a change; kind (theirs only) survives.
    assert draft.changes == {"group_name": "机关一组", "sort_order": 5}
    assert draft.value("kind") == "执法队"
    assert draft.value("name") == "办公室"
    assert (draft.entity, draft.entity_id, draft.label) == ("department", 7, "综合科")


def test_take_theirs_has_no_changes() -> None:
    draft = _conflict().take_theirs()
    assert draft.changes == {}
    assert not draft.dirty
    assert draft.base_version == 4
    assert {name: draft.value(name) for name in THEIRS} == THEIRS


def test_merge_takes_mine_only_where_chosen() -> None:
    conflict = _conflict()
    merged = conflict.merge({"group_name": Side.THEIRS, "sort_order": Side.MINE})
    assert merged.changes == {"sort_order": 5}
    assert merged.value("group_name") == "机关二组"
    assert merged.base_version == 4

    theirs_everywhere = conflict.merge({"group_name": Side.THEIRS, "sort_order": Side.THEIRS})
    assert theirs_everywhere.changes == {}


def test_merge_without_choices_defaults_to_mine() -> None:
    conflict = _conflict()
    assert conflict.merge({}).changes == conflict.keep_mine().changes
    assert conflict.merge({"group_name": Side.MINE}).changes == {
        "group_name": "机关一组",
        "sort_order": 5,
    }


def test_a_rebased_draft_can_go_back_to_their_value() -> None:
    # After keep_mine the base is theirs: setting a field to their value drops it.
    draft = _conflict().keep_mine().with_value("group_name", "机关二组")
    assert draft.changes == {"sort_order": 5}


# --- a deleted row -------------------------------------------------------------


def test_a_deleted_row_is_a_conflict_without_theirs() -> None:
    at = datetime(2026, 5, 6, 10, 30)
    conflict = Conflict(_mine(), 0, None, "admin", at)
    assert conflict.deleted
    assert not _conflict().deleted
    assert conflict.their_account == "admin" and conflict.their_at == at
    # Every field I changed is listed; theirs is gone (None).
    mine = {f.name: (f.mine, f.theirs) for f in conflict.fields() if f.i_changed}
    assert mine == {
        "name": ("办公室", None),
        "group_name": ("机关一组", None),
        "sort_order": (5, None),
    }
