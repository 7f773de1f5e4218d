"""Plain row inserts for bulk generators: many rows of one table without model instances.

`bulk_create` spends most of its time on model instances and on preparing every value of every row
through its field; a generator that writes a million rows can make them as tuples instead. On
PostgreSQL the rows go in by COPY (psycopg's `copy()`), on SQLite through one prepared INSERT run
for every row (`executemany`). `reserve_ids` hands out primary keys before the rows are inserted, so
rows that point at each other are made in one pass and nothing is read back.

No `full_clean`, no history rows, no signals: only for data its caller makes valid itself (`regio
generate-scale`). `sqlite_bulk_load` sets SQLite up for one long write and puts it back after.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime

from django.db import OperationalError, connection
from django.db.models import NOT_PROVIDED

# Field types whose Python values the database driver does not take as they are on every backend
# (SQLite stores dates, times and decimals as text, made by the field as Django would).
_PREPARED_TYPES = {"DateField", "DateTimeField", "DecimalField", "DurationField", "JSONField", "TimeField", "UUIDField"}
SQLITE_CHUNK = 20_000


def insert_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Insert `rows` (values in the order of `columns`, ready for the database) into `table`;
    returns how many. Call it inside a transaction. COPY goes past Django's cursor wrapper: it is
    not in `connection.queries` (nor counted by a query-count test)."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        insert = f"INSERT INTO {quote(table)} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
        rows = rows if isinstance(rows, list) else list(rows)
        for start in range(0, len(rows), SQLITE_CHUNK):
            cursor.executemany(insert, rows[start : start + SQLITE_CHUNK])
        return len(rows)


def reserve_ids(table: str, n: int, *, column: str = "id") -> list[int]:
    """`n` new primary keys of `table`, ascending, for rows inserted later in the same transaction.

    On PostgreSQL they are taken from the column's sequence, as inserts would take them. On SQLite
    they follow the largest id the table ever had (its AUTOINCREMENT counter, or its largest row):
    the transaction holds the write lock (IMMEDIATE), so no other writer takes them meanwhile.
    """
    if n <= 0:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, column, n]
            )
            return [row[0] for row in cursor.fetchall()]
        quote = connection.ops.quote_name
        cursor.execute(f"SELECT COALESCE(MAX({quote(column)}), 0) FROM {quote(table)}")
        largest = cursor.fetchone()[0]
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'")
        if cursor.fetchone():
            cursor.execute("SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = %s", [table])
            largest = max(largest, cursor.fetchone()[0])
    return list(range(largest + 1, largest + 1 + n))


class ModelRows:
    """Rows of one model as tuples: the caller gives the values of `fields` (field names, the
    primary key among them when it reserved ids); every other column gets its field's default, and
    `auto_now` / `auto_now_add` columns get `now`.

    Values of dates, times, decimals and JSON are prepared through their field, as `bulk_create` would;
    the others go to the database as given. A field whose default is a callable (made per row, e.g.
    `default=list`) must be among `fields`: one value made once for every row could be wrong.
    """

    def __init__(self, model, fields: Sequence[str], *, now: datetime):
        self.model = model
        given = [model._meta.get_field(name) for name in fields]
        rest = [f for f in model._meta.concrete_fields if f not in given and not f.primary_key]
        self.columns = [f.column for f in given] + [f.column for f in rest]
        self.prepared = [i for i, f in enumerate(given) if f.get_internal_type() in _PREPARED_TYPES]
        self.given = given
        self.tail = tuple(self._prepare(f, self._default(f, now)) for f in rest)

    @staticmethod
    def _default(field, now: datetime):
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            return now
        if callable(field.default) and field.default is not NOT_PROVIDED:
            raise ValueError(f"{field.model.__name__}.{field.name}: a default made per row; give its values")
        return field.get_default()

    @staticmethod
    def _prepare(field, value):
        if field.get_internal_type() in _PREPARED_TYPES:
            return field.get_db_prep_save(value, connection)
        return value

    def insert(self, rows: Iterable[Sequence]) -> int:
        """Insert the rows (values in the order of the fields given); returns how many."""
        tail, prepared, given = self.tail, self.prepared, self.given

        def complete(row):
            if prepared:
                row = list(row)
                for i in prepared:
                    row[i] = given[i].get_db_prep_save(row[i], connection)
            return (*row, *tail)

        return insert_rows(self.model._meta.db_table, self.columns, (complete(row) for row in rows))


@contextlib.contextmanager
def sqlite_bulk_load(db=None) -> Iterator[None]:
    """On SQLite, outside a transaction: write a bulk load once, straight into the database file.

    In WAL mode every page is written twice, to the WAL and, at the checkpoint after the commit, to
    the file (13 s of a 100 s load of 1.8 GB); with a rollback journal a new page needs no journal
    entry. So the journal is DELETE and nothing is synced during the load; both are put back after
    it, also when it fails. The journal stays WAL when other connections are open (a server running
    beside the load: WAL lets them go on reading). Inside a transaction SQLite changes neither (the
    suite's tests), and other databases need nothing: then this does nothing. `db`: the connection,
    by default Django's default one.
    """
    db = db or connection
    if db.vendor != "sqlite" or db.in_atomic_block:
        yield
        return
    with db.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        journal = cursor.fetchone()[0]
        cursor.execute("PRAGMA synchronous")
        synchronous = cursor.fetchone()[0]
        with contextlib.suppress(OperationalError):  # "database is locked": others have it open
            cursor.execute("PRAGMA journal_mode=DELETE")
        cursor.execute("PRAGMA synchronous=OFF")
    try:
        yield
    finally:
        with db.cursor() as cursor:
            cursor.execute(f"PRAGMA synchronous={int(synchronous)}")
            # A connection opened meanwhile can keep it from going back; every new connection sets
            # WAL again (settings: init_command).
            with contextlib.suppress(OperationalError):
                cursor.execute(f"PRAGMA journal_mode={journal}")
