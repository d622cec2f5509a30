"""Finding a person in the 人员档案 list: everyone (those out of service marked), in the
bureau's order, with the pinyin initials the search box matches; and the one matching
rule (domain/person_search.matches) the list and its tests share."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.factories import CopyMaster, Master, sign_in

from kaohe_desktop.domain.enums import PersonStatus
from kaohe_desktop.domain.person_search import matches
from kaohe_desktop.domain.records import DepartmentRecord, ExchangeBook, PersonRecord
from kaohe_desktop.domain.roles import Role
from kaohe_desktop.services.archive.person_finder import initials
from kaohe_desktop.services.archive.views import PersonFindRow
from kaohe_desktop.services.workspace import Workspace

GENERAL = "一般公务员"


def _finder_bureau(workspace: Workspace) -> None:
    # 稽查大队 comes first in the bureau's order although it was added last.
    departments = [DepartmentRecord("办公室", order=2), DepartmentRecord("稽查大队", order=1)]
    people = [
        PersonRecord("B002", "张三丰", "办公室", GENERAL, position="科长"),
        PersonRecord("B001", "单田芳", "办公室", GENERAL, status=PersonStatus.RETIRED),
        PersonRecord("A010", "Anna李", "稽查大队", GENERAL, status=PersonStatus.TRANSFERRED),
        PersonRecord("A002", "曾小贤", "稽查大队", GENERAL, key_post=True),
    ]
    workspace.importer.apply(ExchangeBook(departments=departments, people=people))


FINDER_BUREAU = Master(fill=_finder_bureau)


@pytest.fixture
def viewer(copy_master: CopyMaster) -> Iterator[Workspace]:
    path: Path = copy_master(FINDER_BUREAU)
    workspace = sign_in(path, Role.VIEWER, daily_backup=False)
    yield workspace
    workspace.close()


def test_initials_of_names() -> None:
    assert initials("张三丰") == "zsf"
    assert initials("单田芳") == "dtf"  # a heteronym takes its usual reading (dān)
    assert initials("Anna李") == "annal"  # letters kept, lower-cased
    assert initials("王A2") == "wa2"
    assert initials("") == ""


def test_initials_are_pypinyins_own_word_by_word() -> None:
    """Kept per word of pypinyin's cut, the initials are still what pypinyin gives the
    whole name: a phrase it knows reads as that phrase (长孙 zhǎngsūn, not 长's usual
    cháng)."""
    from pypinyin import Style, lazy_pinyin

    names = "长孙无忌 长生 曾长生 重庆 覃重阳 单于行长 银行行长 欧阳修 买买提·艾力 乐乐 仇长乐"
    for name in [*names.split(), "张 三", "了了", "着着", "王A2", "Anna李", "单田芳"]:
        direct = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()
        assert initials(name) == direct, name
    assert initials("长孙无忌") == "zswj"  # the phrase's reading, not 长's usual cháng


def test_everyone_is_listed_in_the_bureaus_order(viewer: Workspace) -> None:
    rows = viewer.archive.people()
    assert [(r.code, r.name, r.initials, r.department) for r in rows] == [
        ("A002", "曾小贤", "cxx", "稽查大队"),
        ("A010", "Anna李", "annal", "稽查大队"),
        ("B001", "单田芳", "dtf", "办公室"),
        ("B002", "张三丰", "zsf", "办公室"),
    ]
    by_code = {r.code: r for r in rows}
    # The retired and the transferred are found, marked out of service.
    assert [(r.code, r.status, r.in_service) for r in rows] == [
        ("A002", "在职", True), ("A010", "调出", False), ("B001", "退休", False),
        ("B002", "在职", True),
    ]  # fmt: skip
    assert by_code["A002"].key_post and not by_code["B002"].key_post
    assert (by_code["B002"].position, by_code["B002"].category) == ("科长", GENERAL)


def _found(rows: list[PersonFindRow], text: str) -> list[str]:
    return [r.code for r in rows if matches(r, text)]


def test_matching_by_initials_code_department_and_status(viewer: Workspace) -> None:
    rows = viewer.archive.people()
    assert _found(rows, "") == ["A002", "A010", "B001", "B002"]
    assert _found(rows, "zs") == ["B002"]  # initials, from their start
    assert _found(rows, "ZSF") == ["B002"]
    assert _found(rows, "sf") == []  # not the start of zsf
    assert _found(rows, "b00") == ["B001", "B002"]  # 编号 prefix, either case
    assert _found(rows, "010") == ["A010"]  # 编号 inside
    assert _found(rows, "三丰") == ["B002"]  # 姓名
    assert _found(rows, "稽查") == ["A002", "A010"]  # 科室
    assert _found(rows, "退休") == ["B001"]  # status
    assert _found(rows, "办公室 d") == ["B001"]  # every word must match
    assert _found(rows, "anna") == ["A010"]
