"""Defect: forms said "(niet verplicht)" on a field that is required ("Betrokken gemeenten") and on
filter fields; the letters page had its own unstyled controls; a participation note could never be
filled in. Labels tell the truth and every control has the NL Design System look."""

from __future__ import annotations

import re

import pytest

from regio.topics.tests.factories import ParticipationFactory, TopicFactory

OPTIONAL = "(niet verplicht)"


def label_of(html: str, text: str) -> str:
    """The label or legend element whose text starts with `text`."""
    match = re.search(rf"<(label|legend)[^>]*>{re.escape(text)}.*?</\1>", html, re.S)
    assert match, text
    return match.group(0)


def test_the_agreement_form_marks_only_truly_optional_fields(client_for, world):
    html = client_for(world.user("coordinator")).get("/proefregio/afspraken/nieuw/").content.decode()
    assert OPTIONAL not in label_of(html, "Betrokken gemeenten")
    assert OPTIONAL not in label_of(html, "Titel")
    assert OPTIONAL in label_of(html, "In de vergadering")


@pytest.mark.parametrize("path", ["/proefregio/toezeggingen/", "/proefregio/documenten/", "/proefregio/zoeken/"])
def test_filter_fields_are_not_called_optional(client_for, world, path):
    html = client_for(world.user("reader")).get(path).content.decode()
    main = html.split('<main', 1)[1]
    assert "<form" in main
    assert OPTIONAL not in main


def test_the_letters_page_uses_the_nl_design_system_controls(client_for, world):
    html = client_for(world.user("coordinator")).get("/proefregio/brieven/").content.decode()
    main = html.split('<main', 1)[1]
    selects = re.findall(r"<select[^>]*>", main)
    assert selects and all("utrecht-select utrecht-select--html-select" in s for s in selects), selects
    dates = re.findall(r'<input type="date"[^>]*>', main)
    assert dates and all("utrecht-textbox" in d for d in dates), dates
    buttons = re.findall(r"<button[^>]*>", main)
    assert buttons and all(re.search(r"utrecht-button--(primary|secondary)-action", b) for b in buttons), buttons
    assert OPTIONAL in label_of(html, "Datum van de brief")
    assert OPTIONAL not in label_of(html, "Van")


def test_an_editor_can_write_a_note_on_its_own_participation(client_for, world):
    topic = TopicFactory(region=world.region, title="Warmtenet", spearheads=[world.spearheads[1]])
    ParticipationFactory(topic=topic, municipality=world.own, initiator=True, note="Trekt de verkenning")
    client = client_for(world.user("editor_own"))
    html = client.get(f"/proefregio/onderwerpen/{topic.slug}/").content.decode()
    field = re.search(rf'<input id="note-{world.own.slug}"[^>]*>', html)
    assert field, "no note field for the own municipality"
    assert f'form="deelname-form-{world.own.slug}"' in field.group(0)
    assert 'value="Trekt de verkenning"' in field.group(0)
    assert f'id="deelname-form-{world.own.slug}"' in html
    assert f'id="note-{world.other.slug}"' not in html  # another municipality's row is not editable
    response = client.post(
        f"/proefregio/onderwerpen/{topic.slug}/deelname/{world.own.slug}/",
        {"role": "initiatiefnemer", "note": "Trekt de verkenning tot de zomer",
         "version": topic.participations.get(municipality=world.own).version},
    )
    assert response.status_code in (200, 302)
    topic.participations.get(municipality=world.own).refresh_from_db()
    assert topic.participations.get(municipality=world.own).note == "Trekt de verkenning tot de zomer"
