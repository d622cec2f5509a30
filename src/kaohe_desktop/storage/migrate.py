"""Schema versions and Alembic migrations.

PRAGMA user_version is the schema version a file carries; every revision sets it
as its last statement, inside the migration's transaction, so the number and the
schema can never disagree.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

# The schema version this program writes: user_version of the newest revision.
SCHEMA_VERSION = 6


# Alembic is imported only when a file is created or migrated: it costs a quarter of
# a second at start-up, which every `kaohe` command would otherwise pay.


def alembic_config(connection: Connection, script_location: Path = MIGRATIONS_DIR) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(script_location))
    config.attributes["connection"] = connection
    return config


def upgrade_to_head(connection: Connection, script_location: Path = MIGRATIONS_DIR) -> None:
    """Upgrade inside the caller's transaction (which began with BEGIN IMMEDIATE)."""
    from alembic import command

    command.upgrade(alembic_config(connection, script_location), "head")


def head_revision(script_location: Path = MIGRATIONS_DIR) -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(script_location))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


def user_version(connection: Connection) -> int:
    return int(connection.exec_driver_sql("PRAGMA user_version").scalar_one())
