"""tsvector column and GIN index for the PostgreSQL engine (no-op on SQLite)."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE search_searchdocument ADD COLUMN tsv tsvector")
    schema_editor.execute("CREATE INDEX search_doc_tsv ON search_searchdocument USING gin (tsv)")
    schema_editor.execute(
        "CREATE INDEX search_doc_domains ON search_searchdocument USING gin ((domains::jsonb))")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS tsv")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
