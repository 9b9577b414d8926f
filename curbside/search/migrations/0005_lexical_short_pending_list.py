"""PostgreSQL: the words index keeps a short list of pending entries.

A GIN index first appends new rows to an unsorted pending list (4 MB by
default) and merges it into the index only when the list is full or the table
is vacuumed; until then every search reads the whole list. After a bulk
rebuild that was 250–500 pages read for every words query, even one that
matched nothing. A 256 kB list keeps inserts cheap (a question is indexed in
about 0.1 ms) and what a search reads small; the rebuild merges what is left.
"""

from django.db import migrations

INDEX = "search_lexical_document"


def shorten(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER INDEX {INDEX} SET (gin_pending_list_limit = 256)")
        schema_editor.execute(f"SELECT gin_clean_pending_list('{INDEX}'::regclass)")


def restore(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER INDEX {INDEX} RESET (gin_pending_list_limit)")


class Migration(migrations.Migration):
    dependencies = [("search", "0004_question_vectors")]
    operations = [migrations.RunPython(shorten, restore)]
