"""The lexical index: an FTS5 table on SQLite, a tsvector table with GIN on PostgreSQL.

The index is derived data (``curbside reindex`` rebuilds it from the questions).
"""

from django.db import migrations

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE search_lexical USING fts5("
    "title, body, answers, tokenize = 'porter unicode61 remove_diacritics 2')"
)
SQLITE_DROP = "DROP TABLE IF EXISTS search_lexical"
POSTGRES_CREATE = [
    "CREATE TABLE search_lexical ("
    " question_id bigint PRIMARY KEY"
    " REFERENCES questions_question(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
    " document tsvector NOT NULL)",
    "CREATE INDEX search_lexical_document ON search_lexical USING gin (document)",
]
POSTGRES_DROP = ["DROP TABLE IF EXISTS search_lexical"]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": [SQLITE_CREATE], "postgresql": POSTGRES_CREATE}[vendor]
    for sql in statements:
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": [SQLITE_DROP], "postgresql": POSTGRES_DROP}[vendor]
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    initial = True
    dependencies = [("questions", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
