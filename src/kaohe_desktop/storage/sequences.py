"""Id sequences after rows were written with their ids given.

A file's INTEGER PRIMARY KEY takes max(id) + 1 by itself. A PostgreSQL serial column
draws from a sequence that knows nothing of ids written explicitly (a bulk import that
numbers its rows, a copy that keeps them): the next ordinary insert would be given an
id already taken. So after such writes the sequence is moved past the highest id.
"""

from __future__ import annotations

from sqlalchemy import Connection, Table, text


def catch_up_sequence(connection: Connection, table: Table, column: str = "id") -> None:
    """Move `table`'s id sequence past its highest id (nothing to do on a file)."""
    if connection.dialect.name != "postgresql":
        return
    connection.execute(
        text(
            "SELECT setval(pg_get_serial_sequence(:table, :column), "
            f'COALESCE((SELECT max("{column}") FROM "{table.name}"), 0) + 1, false)'
        ),
        {"table": table.name, "column": column},
    )
