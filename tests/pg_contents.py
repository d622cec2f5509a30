"""What a server database holds, read as the cluster's superuser: to prove that a
refused command or open wrote nothing (a data file's test compares its bytes)."""

from __future__ import annotations

from devtools.throwaway_pg import Cluster

OBJECTS = (
    "SELECT string_agg(format('%s %s', relkind, relname), ',' ORDER BY relname) "
    "FROM pg_class WHERE relnamespace = 'public'::regnamespace"
)
FUNCTIONS = (
    "SELECT string_agg(proname, ',' ORDER BY proname) FROM pg_proc "
    "WHERE pronamespace = 'public'::regnamespace"
)
TRIGGERS = (
    "SELECT string_agg(format('%s %s', tgname, tgenabled), ',' ORDER BY tgname) FROM pg_trigger"
)
TABLES = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"


def server_contents(cluster: Cluster, database: str) -> str:
    """Its objects (tables, indexes, sequences, functions, triggers and whether they
    are enabled) and every row of every table of its public schema."""
    parts = [cluster.psql(sql, database=database) for sql in (OBJECTS, FUNCTIONS, TRIGGERS)]
    for table in cluster.psql(TABLES, database=database).split():
        parts.append(cluster.psql(f'SELECT * FROM "{table}" ORDER BY 1', database=database))
    return "\n".join(parts)
