"""Search index on PostgreSQL: matching moves to a narrow table, ``documents_searchmatch``.

It holds, per entry of ``documents_searchentry`` (same id, deleted with it), only what a search
matches and filters on: region, visibility, kind, date, object, municipalities, spearheads and the
``tsvector``, with the GIN index and the composite filter index. The wide table keeps the title,
text and address for the page shown and loses its tsvector column and GIN index.

Why: a search checks the filters of every matching row it reads from the heap. On the wide table
(rows of about 2 kB, 2 GB at a million entries) that costs several microseconds per match, because
the rows do not fit in shared buffers; a word in a few percent of the paragraphs took hundreds of
milliseconds. Here the tsvector is stored out of line (``toast_tuple_target = 128`` with storage
EXTERNAL), so the heap rows are about 100 bytes and the whole heap (about 120 MB at a million
entries) stays in memory. GIN answers a plain AND of words without rechecking the tsvector, so the
out-of-line values are read only to rank the window of matches and to build the index.

SQLite needs nothing here: its FTS5 table and probe index (migration 0004) already play this part.
"""

from django.db import migrations

MATCH_COLUMNS = (
    "id, region_id, visibility, kind, entry_date, object_type, object_id, municipalities, spearheads"
)

POSTGRES_FORWARD = [
    """CREATE TABLE documents_searchmatch (
        id bigint PRIMARY KEY REFERENCES documents_searchentry (id) ON DELETE CASCADE,
        region_id bigint NOT NULL,
        visibility varchar(10) NOT NULL,
        kind varchar(30) NOT NULL,
        entry_date date NULL,
        object_type varchar(20) NOT NULL,
        object_id bigint NOT NULL,
        municipalities text NOT NULL,
        spearheads text NOT NULL,
        search_vector tsvector NOT NULL
    ) WITH (toast_tuple_target = 128)""",
    "ALTER TABLE documents_searchmatch ALTER COLUMN search_vector SET STORAGE EXTERNAL",
    f"""INSERT INTO documents_searchmatch ({MATCH_COLUMNS}, search_vector)
        SELECT {MATCH_COLUMNS}, search_vector FROM documents_searchentry ORDER BY id""",
    "CREATE INDEX documents_searchmatch_vector ON documents_searchmatch USING gin (search_vector)",
    "CREATE INDEX documents_searchmatch_filters ON documents_searchmatch (region_id, visibility, kind, entry_date)",
    "ALTER TABLE documents_searchentry DROP COLUMN search_vector",  # drops its GIN index too
    "DROP INDEX documents_searchentry_filters",
    "ANALYZE documents_searchmatch",
]

POSTGRES_BACKWARD = [
    """ALTER TABLE documents_searchentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('dutch'::regconfig, title), 'A')
        || setweight(to_tsvector('dutch'::regconfig, body), 'B')
    ) STORED""",
    "CREATE INDEX documents_searchentry_vector ON documents_searchentry USING gin (search_vector)",
    "CREATE INDEX documents_searchentry_filters ON documents_searchentry (region_id, visibility, kind, entry_date)",
    "DROP TABLE documents_searchmatch",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("documents", "0004_search_probe_index")]

    operations = [migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD))]
