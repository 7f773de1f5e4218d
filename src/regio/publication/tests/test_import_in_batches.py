"""`regio import-region` on SQLite commits in short batches, and a failed import leaves nothing behind.

One transaction for a large region locks web writes out on SQLite for its whole length (43 s for the
largest generated region), longer than their busy timeout. So on SQLite the import commits a batch every
fraction of a second; these tests make every record its own batch and check that the result is the same
and that an error late in the file removes everything the earlier batches had stored.
"""

from __future__ import annotations

import json

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection

from regio.core import batches
from regio.publication.exports import canonical
from regio.publication.exports.canonical import region_export
from regio.regions.models import Region

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="batches are SQLite's; PostgreSQL imports in one go"),
]


@pytest.fixture
def every_record_a_batch(monkeypatch):
    """Each record its own committed batch, no pause; returns the list that counts the batches."""
    monkeypatch.setattr(batches, "BATCH_SECONDS", 0.0)
    monkeypatch.setattr(batches, "BATCH_PAUSE_SECONDS", 0.0)
    counted = []
    original = canonical.commit_in_batches

    def counting(steps, **kwargs):
        return original(steps, committed=lambda: counted.append(1))

    monkeypatch.setattr(canonical, "commit_in_batches", counting)
    return counted


def row_counts() -> dict[str, int]:
    """Rows per table, history tables included."""
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_a_batched_import_stores_the_same_region(leidse_regio, tmp_path, every_record_a_batch):
    path = tmp_path / "regio.json"
    call_command("export", region="leidse-regio", output=str(path))
    original = json.loads(path.read_text(encoding="utf-8"))
    call_command("import_region", str(path), as_slug="kopie")
    # Many batches: a municipality, a topic, a meeting, an agreement ... each was committed on its own.
    assert len(every_record_a_batch) > len(original["topics"]) + len(original["meetings"])
    copy = region_export(Region.objects.get(slug="kopie"))
    for key in ("visions", "milestones", "agreements", "commitments", "arrangements", "municipalities"):
        assert copy[key] == original[key], key
    assert [(t["slug"], t["status"], t["participations"], t["results"]) for t in copy["topics"]] == [
        (t["slug"], t["status"], t["participations"], t["results"]) for t in original["topics"]
    ]


@pytest.mark.parametrize("damage", ["a late record is incomplete", "a late record is refused"])
def test_a_batched_import_that_fails_late_leaves_nothing_behind(leidse_regio, tmp_path, every_record_a_batch,
                                                                damage):
    path = tmp_path / "regio.json"
    call_command("export", region="leidse-regio", output=str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    # Municipalities the import must create (new CBS codes) and remove again.
    data["municipalities"].append({**data["municipalities"][0], "cbs_code": "GM9991", "slug": "proefdorp",
                                   "name": "Proefdorp"})
    if damage == "a late record is incomplete":
        data["commitments"][-1].pop("title")
    else:
        data["commitments"][-1]["due_date"] = None  # a commitment needs its due date
    path.write_text(json.dumps(data), encoding="utf-8")
    before = row_counts()

    with pytest.raises(CommandError, match="nothing was stored"):
        call_command("import_region", str(path), as_slug="kapot")

    assert len(every_record_a_batch) > len(data["topics"])  # the error came after many committed batches
    assert not Region.objects.filter(slug="kapot").exists()
    after = row_counts()
    assert {label: (before[label], after[label]) for label in before if before[label] != after[label]} == {}
