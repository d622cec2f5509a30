"""The workbook an import names in its event (its SHA-256, services/exchange/repeat) is
the one it read: a workbook saved again between the hash and the read (a clerk fixing a
typo in Excel while the import starts) must not leave an event naming bytes that were
not imported — else importing those bytes later is skipped as "unchanged"."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from tests.factories import ADMIN, DEMO_AS_OF, with_demo_categories

from kaohe_desktop.domain.records import ExchangeBook
from kaohe_desktop.reports.excel_exchange_writer import write_workbook
from kaohe_desktop.services.demo import generate_demo_book
from kaohe_desktop.services.exchange.importing import ExchangeImport
from kaohe_desktop.services.workspace import create_workspace


def test_a_workbook_saved_again_while_the_import_starts_is_not_named_by_the_old_hash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = generate_demo_book(as_of=DEMO_AS_OF)
    first = tmp_path / "第一版.xlsx"
    write_workbook(book, first)
    person = book.people[0]
    second_book = dataclasses.replace(
        book, people=[dataclasses.replace(person, name="改过的名字"), *book.people[1:]]
    )
    second = tmp_path / "第二版.xlsx"
    write_workbook(second_book, second)
    target = tmp_path / "导入.xlsx"
    shutil.copyfile(first, target)

    original = ExchangeImport.read_book
    calls: list[Path] = []

    def saved_meanwhile(self: ExchangeImport, path: Path) -> ExchangeBook:
        if not calls:  # the clerk saves the second version right after the hash was taken
            shutil.copyfile(second, path)
        calls.append(path)
        return original(self, path)

    monkeypatch.setattr(ExchangeImport, "read_book", saved_meanwhile)
    workspace = create_workspace(tmp_path / "x.kaohe", admin=ADMIN, bureau_name="测试局")
    with_demo_categories(workspace)
    try:
        workspace.importer.import_workbook(target)  # hashed the first, read the second
        shutil.copyfile(first, target)  # the first version again
        result = workspace.importer.import_workbook(target)
        assert not result.same_as_last
        names = {p.code: p.name for p in workspace.people.listing()}
        assert names[person.code] == person.name
    finally:
        workspace.close()
