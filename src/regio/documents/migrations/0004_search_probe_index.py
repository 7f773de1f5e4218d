"""Search index on SQLite: a covering index, led by the entry id, holding the columns a search
checks and groups on for every FTS5 match (filters, object, date). regio.documents.search looks
entries up through it (INDEXED BY) instead of through the table, whose rows carry the whole text:
the lookups read a small, dense b-tree, about half the cost per match. PostgreSQL needs nothing here
(its search reads each match's row for the tsvector anyway)."""

from django.db import migrations

PROBE = (
    "CREATE INDEX documents_searchentry_probe ON documents_searchentry "
    "(id, region_id, visibility, kind, entry_date, object_type, object_id, municipalities, spearheads)"
)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(PROBE)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP INDEX documents_searchentry_probe")


class Migration(migrations.Migration):
    dependencies = [("documents", "0003_search_filters_index")]

    operations = [migrations.RunPython(forward, backward)]
