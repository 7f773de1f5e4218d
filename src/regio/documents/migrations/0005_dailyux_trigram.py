"""pg_trgm on PostgreSQL, for "Bedoelde u …" suggestions (regio.documents.forgiving); nothing on SQLite."""

from django.db import migrations


def create_extension(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")


class Migration(migrations.Migration):
    dependencies = [("documents", "0004_search_probe_index")]

    operations = [migrations.RunPython(create_extension, migrations.RunPython.noop)]
