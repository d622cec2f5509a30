"""Schema versions and Alembic migrations.

PRAGMA user_version is the schema version a file carries (app_meta 'schema_version'
on PostgreSQL); every revision sets it as its last statement, inside the migration's
transaction, so the number and the schema can never disagree.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

# The app_meta row that holds a server database's schema version (a file's header has it).
SCHEMA_VERSION_KEY = "schema_version"

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
    """The schema version: PRAGMA user_version on SQLite, app_meta 'schema_version' on
    PostgreSQL (0 while the database has no app_meta, i.e. is empty)."""
    if connection.dialect.name != "postgresql":
        return int(connection.exec_driver_sql("PRAGMA user_version").scalar_one())
    if connection.exec_driver_sql("SELECT to_regclass('app_meta')").scalar() is None:
        return 0
    value = connection.exec_driver_sql(
        "SELECT value FROM app_meta WHERE key = %s", (SCHEMA_VERSION_KEY,)
    ).scalar()
    return int(value) if value is not None else 0


def set_schema_version(connection: Connection, version: int) -> None:
    """For revisions 0007+ (both dialects): the last statement of a revision."""
    if connection.dialect.name != "postgresql":
        connection.exec_driver_sql(f"PRAGMA user_version = {int(version)}")
        return
    connection.exec_driver_sql(
        "INSERT INTO app_meta (key, value) VALUES (%s, %s) "
        "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        (SCHEMA_VERSION_KEY, str(int(version))),
    )
