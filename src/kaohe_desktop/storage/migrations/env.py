"""Alembic environment: always run on a connection handed over by storage.migrate,
inside its BEGIN IMMEDIATE transaction, so a migration is all or nothing."""

from __future__ import annotations

from alembic import context

from kaohe_desktop.storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Migrations run only through kaohe_desktop.storage.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copy; batch mode does that safely
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
