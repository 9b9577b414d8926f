"""PostgreSQL keeps the (escaped) text that result snippets are cut from.

FTS5 stores its columns itself, so SQLite needs nothing. Existing rows get their
text back on the next ``curbside reindex``.
"""

from django.db import migrations


def add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE search_lexical ADD COLUMN headline text NOT NULL DEFAULT ''"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_lexical DROP COLUMN headline")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_lexical_index")]
    operations = [migrations.RunPython(add, drop)]
