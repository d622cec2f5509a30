"""The command signs in like a clerk: the tests' account and password come from the
environment, as a batch script's would. Its log file is the run's own, not the home
folder's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.factories import PASSWORD

from kaohe_desktop.services.common.technical_log import LOG_ENVIRONMENT


@pytest.fixture(scope="session")
def log_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("log") / "kaohe.log"


@pytest.fixture(scope="session", autouse=True)
def _signed_in_environment(log_file: Path) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KAOHE_USER", "tester")
        patch.setenv("KAOHE_PASSWORD", PASSWORD)
        patch.setenv(LOG_ENVIRONMENT, str(log_file))
        yield
