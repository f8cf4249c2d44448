"""Full-text search for the public catalogue, per database vendor (see catalog/search/backend.py).

SQLite: an FTS5 virtual table kept in sync by the services.
PostgreSQL: a generated tsvector column (``indonesian`` configuration) with a GIN index.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE catalog_search USING fts5("
    "entry_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS catalog_search"]

POSTGRES_FORWARD = [
    "ALTER TABLE catalog_catalogentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('indonesian', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('indonesian', coalesce(search_text, '')), 'B')) STORED",
    "CREATE INDEX catalog_entry_search_gin ON catalog_catalogentry USING GIN (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS catalog_entry_search_gin",
    "ALTER TABLE catalog_catalogentry DROP COLUMN IF EXISTS search_vector",
]


def _run(schema_editor, statements):
    for sql in statements:
        schema_editor.execute(sql)


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_FORWARD)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_FORWARD)
    else:
        raise RuntimeError(f"catalogue search is not implemented for {vendor}")


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    _run(schema_editor, SQLITE_BACKWARD if vendor == "sqlite" else POSTGRES_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_load_urusan")]

    operations = [migrations.RunPython(forward, backward)]
