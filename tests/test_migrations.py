"""Migrations are the only way the schema is made: they must agree with the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import Migrate

from courier_api.extensions import db


def test_single_head(app):
    with app.app_context():
        config = app.extensions["migrate"].migrate.get_config()
        heads = ScriptDirectory.from_config(config).get_heads()
    assert len(heads) == 1, f"several Alembic heads: {heads}; merge them"


def test_models_match_the_migrated_schema(app):
    # The test database was made by `upgrade()` (conftest); compare it with the models.
    assert isinstance(app.extensions["migrate"].migrate, Migrate)
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == [], f"models and migrations differ: {differences}"
