"""Search index: one composite index on the entry table for the filters every search applies
(region, then visibility, kind and date), replacing the index on region and date alone. On
PostgreSQL the planner combines it with the GIN index (BitmapAnd) when a filter is selective."""

from django.db import migrations

FILTERS = (
    "CREATE INDEX documents_searchentry_filters ON documents_searchentry (region_id, visibility, kind, entry_date)"
)
REGION_DATE = "CREATE INDEX documents_searchentry_region_date ON documents_searchentry (region_id, entry_date)"


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_search_index")]

    operations = [
        migrations.RunSQL(
            [FILTERS, "DROP INDEX documents_searchentry_region_date"],
            [REGION_DATE, "DROP INDEX documents_searchentry_filters"],
        )
    ]
