"""regio.core.bulk: plain rows with reserved ids, defaults and prepared values (COPY on PostgreSQL,
executemany on SQLite: the suite runs on both)."""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

from regio.core.bulk import ModelRows, insert_rows, reserve_ids, sqlite_bulk_load
from regio.meetings.models import AgendaItem, Meeting
from regio.regions.tests.factories import RegionFactory
from regio.topics.models import Result, Topic, TopicStatus
from regio.topics.tests.factories import TopicFactory
from regio.visions.models import Spearhead

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 3, 8, 30, tzinfo=timezone.utc)


def test_reserved_ids_follow_the_existing_rows_and_a_later_insert_follows_them():
    region = RegionFactory()
    existing = TopicFactory(region=region)

    ids = reserve_ids(Topic._meta.db_table, 3)
    assert ids == sorted(ids) and len(set(ids)) == 3 and ids[0] > existing.pk
    rows = ModelRows(Topic, ("id", "region", "title", "slug", "description"), now=NOW)
    assert rows.insert([(i, region.pk, f"Onderwerp {i}", f"onderwerp-{i}", "") for i in ids]) == 3

    assert sorted(Topic.objects.exclude(pk=existing.pk).values_list("pk", flat=True)) == ids
    assert TopicFactory(region=region).pk > ids[-1]


def test_the_columns_not_given_get_their_defaults_and_now():
    region = RegionFactory()
    ModelRows(Topic, ("region", "title", "slug", "description"), now=NOW).insert(
        [(region.pk, "Fietsroutes", "fietsroutes", "Samen een snelfietsroute.")]
    )

    topic = Topic.objects.get(slug="fietsroutes")
    assert (topic.title, topic.description) == ("Fietsroutes", "Samen een snelfietsroute.")
    assert topic.version == 1
    assert topic.status == TopicStatus.PROPOSED
    assert topic.lead_municipality_id is None and topic.proposed_on is None
    assert topic.created_at == NOW and topic.updated_at == NOW


def test_dates_datetimes_and_decimals_are_stored_as_bulk_create_stores_them():
    region = RegionFactory()
    topic = TopicFactory(region=region)
    starts = datetime(2025, 3, 31, 22, 30, tzinfo=timezone.utc)
    ModelRows(Meeting, ("region", "title", "starts_at", "window_start"), now=NOW).insert(
        [(region.pk, "Overleg", starts, date(2025, 4, 1))]
    )
    ModelRows(Result, ("topic", "description", "baseline", "current_value"), now=NOW).insert(
        [(topic.pk, "Woningen", Decimal("12.50"), Decimal(7))]
    )

    meeting = Meeting.objects.get(title="Overleg")
    assert meeting.starts_at == starts and meeting.window_start == date(2025, 4, 1)
    assert Meeting.objects.filter(starts_at__date=date(2025, 4, 1)).count() == 1  # 00:30 in Amsterdam
    result = Result.objects.get(topic=topic)
    assert (result.baseline, result.current_value, result.target_value) == (Decimal("12.50"), Decimal(7), None)


def test_a_default_made_per_row_must_be_given():
    with pytest.raises(ValueError, match="Spearhead.vocabulary"):
        ModelRows(Spearhead, ("vision", "code", "name", "wording", "order"), now=NOW)


def test_insert_rows_takes_rows_from_a_generator():
    meeting = Meeting.objects.create(region=RegionFactory(), title="Overleg", starts_at=NOW)
    columns = ("meeting_id", "order", "title", "notes")

    added = insert_rows(AgendaItem._meta.db_table, columns, ((meeting.pk, n, f"Punt {n}", "") for n in (1, 2)))

    assert added == 2
    assert list(meeting.agenda_items.values_list("order", "title")) == [(1, "Punt 1"), (2, "Punt 2")]


@pytest.fixture
def sqlite_file(tmp_path):
    """A second connection, to a SQLite file with the settings' options (WAL, synchronous NORMAL):
    the suite's own SQLite database lives in memory, which has no journal to change."""
    from django.db import connection
    from django.db.backends.sqlite3.base import DatabaseWrapper

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's journal")
    db = DatabaseWrapper({**connection.settings_dict, "NAME": str(tmp_path / "load.sqlite3")}, alias="bulk-load")
    yield db
    db.close()


def pragmas(db) -> tuple[str, int]:
    with db.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        journal = cursor.fetchone()[0]
        cursor.execute("PRAGMA synchronous")
        return journal, cursor.fetchone()[0]


def test_a_sqlite_bulk_load_writes_without_wal_or_syncs_and_puts_both_back(sqlite_file):
    assert pragmas(sqlite_file) == ("wal", 1)
    with sqlite_bulk_load(sqlite_file):
        assert pragmas(sqlite_file) == ("delete", 0)
    assert pragmas(sqlite_file) == ("wal", 1)

    with pytest.raises(RuntimeError), sqlite_bulk_load(sqlite_file):
        raise RuntimeError("the load failed")
    assert pragmas(sqlite_file) == ("wal", 1)


def test_a_sqlite_bulk_load_keeps_wal_while_another_connection_reads(sqlite_file):
    import sqlite3

    pragmas(sqlite_file)
    other = sqlite3.connect(sqlite_file.settings_dict["NAME"])
    try:
        other.execute("SELECT 1 FROM sqlite_master").fetchall()
        with sqlite_bulk_load(sqlite_file):
            assert pragmas(sqlite_file) == ("wal", 0)
    finally:
        other.close()
    assert pragmas(sqlite_file) == ("wal", 1)


def test_a_bulk_load_inside_a_transaction_changes_nothing():
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's journal")
    before = pragmas(connection)  # the test runs inside a transaction, where SQLite refuses both changes
    with sqlite_bulk_load():
        assert pragmas(connection) == before
    assert pragmas(connection) == before
