"""The English interface (设置 → 界面语言 → English) must start.
install_translators named QLocale.Territory, which PySide6 6.11 does not have: the
program died at every start once a clerk had chosen English."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QLocale

from kaohe_desktop.ui.i18n import install_translators, remove_translators


@pytest.fixture
def default_locale() -> Iterator[None]:
    saved = QLocale()
    yield
    QLocale.setDefault(saved)


@pytest.mark.usefixtures("default_locale")
def test_english_installs_no_catalogue_and_sets_an_english_locale(qapp: Any) -> None:
    installed = install_translators(qapp, "en")
    try:
        assert installed == []
        assert QLocale().language() is QLocale.Language.English
    finally:
        remove_translators(qapp, installed)
