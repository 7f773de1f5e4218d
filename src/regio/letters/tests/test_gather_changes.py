"""'Changes since the previous letter': participations appear, and an item that is internal now is
never named, whatever it was when the change happened. A period the code cannot reach is refused."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from regio.access.policies import SYSTEM
from regio.core.models import Visibility
from regio.documents.models import DocumentKind
from regio.letters.forms import LetterForm
from regio.letters.gather import letter_input
from regio.publication.tests.api_scene import make_document
from regio.topics.services import participation_set, topic_lead_set, topic_update
from regio.topics.tests.factories import TopicFactory


def changes(world):
    data = letter_input(region=world.region, municipality=world.own, period_start=datetime.date(2019, 1, 1),
                        period_end=datetime.date(2019, 3, 31), letter_date=datetime.date(2030, 1, 1))
    return data.changes_since_previous


@pytest.fixture
def since_letter(world):
    public = TopicFactory(region=world.region, title="Fietsroute langs de Rijn")
    hidden = TopicFactory(region=world.region, title="Kavelruil Hoogmade")
    previous = make_document(world.region, title="Vorige brief", visibility=Visibility.PUBLIC, text="Brief.",
                             kind=DocumentKind.COUNCIL_LETTER, date=datetime.date(2019, 1, 15))
    previous.municipalities.set([world.own])
    return public, hidden


def test_participation_changes_appear(world, since_letter):
    public, _hidden = since_letter
    participation_set(actor=SYSTEM, topic=public, municipality=world.third, role="doet_mee")
    participation_set(actor=SYSTEM, topic=public, municipality=world.other, role="volgt")
    assert changes(world) == (
        "Oegstgeest doet mee aan Fietsroute langs de Rijn.",
        "Leiderdorp volgt Fietsroute langs de Rijn.",
    )


def test_an_item_made_internal_is_not_named(world, since_letter):
    public, hidden = since_letter
    # Only a municipality that takes part can lead: each says so itself first.
    participation_set(actor=SYSTEM, topic=hidden, municipality=world.third, role="doet_mee")
    topic_lead_set(actor=SYSTEM, topic=hidden, municipality=world.third)
    participation_set(actor=SYSTEM, topic=hidden, municipality=world.other, role="doet_mee")
    participation_set(actor=SYSTEM, topic=public, municipality=world.other, role="doet_mee")
    topic_lead_set(actor=SYSTEM, topic=public, municipality=world.other)
    before = changes(world)
    assert "Oegstgeest is trekker geworden van Kavelruil Hoogmade." in before
    topic_update(actor=SYSTEM, topic=hidden, visibility=Visibility.INTERNAL)
    after = changes(world)
    assert after == (
        "Leiderdorp doet mee aan Fietsroute langs de Rijn.",
        "Leiderdorp is trekker geworden van Fietsroute langs de Rijn.",
    )


@pytest.mark.parametrize(
    ("start", "end"),
    [(datetime.date(2019, 1, 1), datetime.date(9999, 12, 31)), (datetime.date(2019, 1, 1), datetime.date(9999, 7, 1))],
)
def test_a_period_beyond_the_calendar_is_refused_naming_the_field(world, start, end):
    with pytest.raises(ValidationError) as caught:
        letter_input(region=world.region, municipality=world.own, period_start=start, period_end=end)
    assert set(caught.value.message_dict) == {"period_end"}
    assert "9999" in caught.value.message_dict["period_end"][0]

    form = LetterForm({"municipality": world.own.slug, "period_start": start.isoformat(),
                       "period_end": end.isoformat()}, members=[world.own])
    assert not form.is_valid()
    # The shared bound of every date input (core/dates.py) answers before the letter's own.
    assert form.errors["period_end"] == ["Tot en met: kies een datum tussen 1 januari 1900 en 31 december 2199."]


def test_the_command_refuses_a_period_beyond_the_calendar(world, tmp_path):
    with pytest.raises(CommandError, match="einddatum"):
        call_command("letter", "--region", "proefregio", "--municipality", "Leiden", "--from", "2019-01-01",
                     "--to", "9999-12-31", "--output", str(tmp_path / "brief.html"), "--format", "html")
