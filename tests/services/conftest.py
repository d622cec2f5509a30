"""The service suite runs on a data file and on a PostgreSQL server (issue 17):
`copy_master` here is tests/conftest.copy_master_on, parametrized by `backend`."""

from __future__ import annotations

import pytest
from tests.factories import CopyMaster


@pytest.fixture
def copy_master(copy_master_on: CopyMaster) -> CopyMaster:
    return copy_master_on
