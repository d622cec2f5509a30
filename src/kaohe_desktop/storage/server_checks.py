"""`check` of a server database: what PRAGMA integrity_check and application_id are
for a file."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from kaohe_desktop.storage.models import Base
from kaohe_desktop.storage.server_engine import server_words

APPLICATION_ID_KEY = "application_id"
APPLICATION_ID_VALUE = "KHTZ"


def server_integrity(engine: Engine) -> tuple[list[str], bool]:
    """`check` on a server: every value of every row of every table read back, long
    ones fetched from their TOAST storage (a damaged page fails the read; count(*)
    alone would read no column and may scan only an index), and our application id in
    app_meta. Index consistency (amcheck) and the server's data checksums are its
    administrator's (RELIABILITY.md §8)."""
    problems: list[str] = []
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            try:
                connection.exec_driver_sql(
                    f'SELECT count(*), sum(length(t::text)) FROM "{table.name}" t'
                ).all()
            except DBAPIError as error:
                problems.append(f"{table.name}: {server_words(error, 120)}")
                connection.rollback()
        connection.rollback()
    with engine.connect() as connection:
        app_id = connection.exec_driver_sql(
            "SELECT value FROM app_meta WHERE key = %s", (APPLICATION_ID_KEY,)
        ).scalar()
        connection.rollback()
    return (problems or ["ok"]), app_id == APPLICATION_ID_VALUE
