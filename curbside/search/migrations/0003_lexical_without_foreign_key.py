"""The PostgreSQL index table no longer references questions with a foreign key.

The index is derived data: rows of deleted questions are removed by the indexing
task and never shown (searches join the questions table). A foreign key from a
table Django does not manage would block ``TRUNCATE`` of the questions table.
"""

from django.db import migrations


def drop_fk(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE search_lexical "
            "DROP CONSTRAINT IF EXISTS search_lexical_question_id_fkey"
        )


def add_fk(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "DELETE FROM search_lexical WHERE question_id NOT IN "
            "(SELECT id FROM questions_question)"
        )
        schema_editor.execute(
            "ALTER TABLE search_lexical ADD CONSTRAINT search_lexical_question_id_fkey "
            "FOREIGN KEY (question_id) REFERENCES questions_question(id) "
            "ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED"
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0002_headline_text")]
    operations = [migrations.RunPython(drop_fk, add_fk)]
