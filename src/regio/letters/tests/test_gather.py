"""The composer on the Leidse regio (loaded with its example data), through the database adapter."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regio.letters.compose import compose_letter
from regio.letters.document import BulletList, Paragraph
from regio.letters.gather import letter_input, municipality_find

MEMBERS = ("Leiden", "Leiderdorp", "Oegstgeest", "Voorschoten", "Zoeterwoude")
TOPICS = ("Internationaal onderwijs", "Studentenhuisvesting", "Warmterotonde")


def text_of(letter) -> str:
    parts = []
    for block in letter.blocks:
        if isinstance(block, BulletList):
            parts.extend(block.items)
        elif hasattr(block, "text"):
            parts.append(block.text)
    return "\n".join(parts)


def letter_for(region, name, start, end, date):
    municipality = municipality_find(region=region, name=name)
    return compose_letter(
        letter_input(region=region, municipality=municipality, period_start=start, period_end=end, letter_date=date)
    )


def test_each_council_hears_its_topics_decisions_and_overdue_promise(leidse_regio):
    # One loaded region for all five councils: loading it is the slow part.
    for name in MEMBERS:
        _check_council_letter(leidse_regio, name)


def _check_council_letter(leidse_regio, name):
    letter = letter_for(leidse_regio, name, datetime.date(2019, 1, 1), datetime.date(2019, 6, 30), datetime.date(2019, 7, 1))
    text = text_of(letter)
    assert letter.addressee == (f"Aan de gemeenteraad van {name}",)
    assert letter.reference == f"RIB-2019-{municipality_find(region=leidse_regio, name=name).cbs_code}-1"
    assert f"{name} doet mee aan {TOPICS[0]}, {TOPICS[1]} en {TOPICS[2]}." in text
    assert "De trekker is nog niet bepaald." in text
    # The seed promise: inform the councils no later than February 2019 — overdue on 1 July 2019.
    assert "Raden informeren over de concrete onderwerpen: wij hebben dit toegezegd voor uiterlijk februari 2019." in text
    assert "de termijn is op 28 februari 2019 verstreken" in text
    # Its own decision on the student-housing estimate comes first, as the college's own words.
    own = {"Leiden": "2 april", "Leiderdorp": "9 april", "Oegstgeest": "16 april", "Voorschoten": "23 april", "Zoeterwoude": "30 april"}
    assert f"Ons college heeft op {own[name]} 2019 met deze afspraak ingestemd." in text
    assert [s.name for s in letter.signatories] == [f"Gemeentesecretaris {name} (voorbeeld)", f"Burgemeester {name} (voorbeeld)"]


def test_voorschoten_states_its_own_rejection_and_deferral(leidse_regio):
    text = text_of(letter_for(leidse_regio, "Voorschoten", datetime.date(2019, 1, 1), datetime.date(2019, 6, 30), datetime.date(2019, 7, 1)))
    assert "Ons college heeft op 21 mei 2019 niet met deze afspraak ingestemd." in text
    assert "Ons college heeft het besluit op 11 juni 2019 aangehouden." in text
    assert "Zoeterwoude: nog geen besluit" in text  # on international education


def test_promise_is_still_open_before_its_due_date(leidse_regio):
    text = text_of(letter_for(leidse_regio, "Leiden", datetime.date(2018, 9, 1), datetime.date(2019, 1, 31), datetime.date(2019, 2, 1)))
    assert "Raden informeren over de concrete onderwerpen: uiterlijk februari 2019." in text
    assert "verstreken" not in text


def test_empty_period_gives_a_short_correct_letter(leidse_regio):
    letter = letter_for(leidse_regio, "Leiden", datetime.date(2030, 1, 1), datetime.date(2030, 1, 31), datetime.date(2030, 2, 1))
    text = text_of(letter)
    assert "In deze periode zijn er geen nieuwe regionale afspraken gemaakt." in text
    assert "Er zijn nog geen regionale vergaderingen gepland." in text
    assert letter.signatories and letter.subject.startswith("Voortgang samenwerking Leidse regio")


def test_bad_input_has_clear_messages(leidse_regio, world):
    with pytest.raises(ValidationError, match="Atlantis") as unknown:
        municipality_find(region=leidse_regio, name="Atlantis")
    assert unknown.value.code == "unknown_municipality"
    with pytest.raises(ValidationError, match="Voorschoten.*Proefregio") as outside:
        municipality_find(region=world.region, name="Voorschoten")
    assert outside.value.code == "not_a_member"
    leiden = municipality_find(region=leidse_regio, name="leiden")
    with pytest.raises(ValidationError, match="2019-02-01.*2019-03-01") as reversed_period:
        letter_input(region=leidse_regio, municipality=leiden, period_start=datetime.date(2019, 3, 1),
                     period_end=datetime.date(2019, 2, 1))
    assert reversed_period.value.code == "period_reversed"


def test_region_without_vision_is_refused(world):
    world.region.visions.all().delete()
    with pytest.raises(ValidationError, match="Proefregio") as no_vision:
        letter_input(region=world.region, municipality=world.own, period_start=datetime.date(2019, 1, 1),
                     period_end=datetime.date(2019, 2, 1))
    assert no_vision.value.code == "no_vision"


def _queries(region, municipality) -> int:
    with CaptureQueriesContext(connection) as captured:
        letter_input(region=region, municipality=municipality, period_start=datetime.date(2019, 1, 1),
                     period_end=datetime.date(2019, 12, 31), letter_date=datetime.date(2020, 1, 2))
    return len(captured.captured_queries)


def test_query_count_does_not_grow_with_topics_or_agreements(world):
    from regio.meetings.models import Agreement, MunicipalDecision
    from regio.topics.tests.factories import ParticipationFactory, ResultFactory, TopicFactory

    def add(n: int, offset: int):
        for i in range(n):
            topic = TopicFactory(region=world.region, title=f"Onderwerp {offset + i}", spearheads=[world.spearheads[i % 2]],
                                 lead_municipality=world.other)
            ParticipationFactory(topic=topic, municipality=world.own)
            ResultFactory(topic=topic, measurable=True)
            agreement = Agreement.objects.create(region=world.region, title=f"Afspraak {offset + i}", text="Samen doen.",
                                                 made_on=datetime.date(2019, 5, 1))
            agreement.participants.set([world.own, world.other])
            MunicipalDecision.objects.create(agreement=agreement, municipality=world.own, organ="college",
                                             outcome="ingestemd", decided_on=datetime.date(2019, 5, 8))

    add(2, 0)
    few = _queries(world.region, world.own)
    add(20, 100)
    assert _queries(world.region, world.own) == few
    assert few <= 20  # 17, plus the topics' status changes and result history in the period
