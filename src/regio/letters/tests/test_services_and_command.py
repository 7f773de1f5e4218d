"""Saving a letter as a record (fulfilling the promise, counting changes from it) and `regio letter`."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from regio.access.policies import SYSTEM
from regio.commitments.models import Commitment, CommitmentState
from regio.documents.models import DocumentKind
from regio.letters.compose import compose_letter
from regio.letters.gather import letter_input, municipality_find
from regio.letters.render import render
from regio.letters.services import letter_save


def _letter(region, name, date):
    municipality = municipality_find(region=region, name=name)
    data = letter_input(region=region, municipality=municipality, period_start=datetime.date(2018, 9, 1),
                        period_end=datetime.date(2019, 2, 28), letter_date=date)
    return municipality, compose_letter(data)


def test_saving_a_letter_fulfils_the_promise_and_is_the_base_for_the_next(leidse_regio):
    from regio.topics.models import Topic
    from regio.topics.services import topic_status_change

    promise = Commitment.objects.get(region=leidse_regio, title="Raden informeren over de concrete onderwerpen")
    voorschoten, letter = _letter(leidse_regio, "Voorschoten", datetime.date(2019, 2, 20))
    document = letter_save(actor=SYSTEM, region=leidse_regio, municipality=voorschoten, letter=letter,
                           pdf_bytes=render(letter, "pdf"), commitment=promise)
    promise.refresh_from_db()
    assert promise.state == CommitmentState.FULFILLED and promise.resolved_on == datetime.date(2019, 2, 20)
    assert "RIB-2019-GM0626-1" in promise.evidence
    assert document.kind == DocumentKind.COUNCIL_LETTER and document.document_date == datetime.date(2019, 2, 20)
    assert list(document.municipalities.all()) == [voorschoten]
    assert "Aan de gemeenteraad van Voorschoten" in document.text
    assert document.original.read()[:5] == b"%PDF-"

    topic = Topic.objects.get(region=leidse_regio, slug="warmterotonde")
    topic_status_change(actor=SYSTEM, topic=topic, status="concretiseren", changed_on=datetime.date(2019, 3, 5),
                        reason="Plan van aanpak gereed.")
    data = letter_input(region=leidse_regio, municipality=voorschoten, period_start=datetime.date(2019, 3, 1),
                        period_end=datetime.date(2019, 3, 31), letter_date=datetime.date(2019, 4, 1))
    assert data.reference == "RIB-2019-GM0626-2"
    assert data.previous_letter_date == datetime.date(2019, 2, 20)
    assert "Warmterotonde ging op 5 maart 2019 van 'verkennen' naar 'concretiseren'." in data.changes_since_previous
    # Leiden has no saved letter yet: its letter is the first one.
    leiden = municipality_find(region=leidse_regio, name="Leiden")
    assert letter_input(region=leidse_regio, municipality=leiden, period_start=datetime.date(2019, 3, 1),
                        period_end=datetime.date(2019, 3, 31)).previous_letter_date is None


def test_only_coordinator_or_own_editor_saves(world):
    municipality, letter = world.own, compose_letter(
        letter_input(region=world.region, municipality=world.own, period_start=datetime.date(2019, 1, 1),
                     period_end=datetime.date(2019, 1, 31), letter_date=datetime.date(2019, 2, 1))
    )
    pdf = render(letter, "pdf")
    with pytest.raises(PermissionDenied):
        letter_save(actor=world.user("editor_other"), region=world.region, municipality=municipality, letter=letter, pdf_bytes=pdf)
    with pytest.raises(PermissionDenied):
        letter_save(actor=world.user("reader"), region=world.region, municipality=municipality, letter=letter, pdf_bytes=pdf)
    document = letter_save(actor=world.user("editor_own"), region=world.region, municipality=municipality, letter=letter, pdf_bytes=pdf)
    assert document.uploaded_by == world.user("editor_own")


def test_command_for_one_and_for_all(leidse_regio, tmp_path, capsys):
    target = tmp_path / "voorschoten.pdf"
    call_command("letter", "--municipality", "Voorschoten", "--from", "2018-09-01", "--to", "2019-02-28",
                 "--date", "2019-03-01", "--format", "pdf", "--output", str(target))
    assert target.read_bytes()[:5] == b"%PDF-"
    call_command("letter", "--all", "--from", "2018-09-01", "--to", "2019-02-28", "--date", "2019-03-01",
                 "--format", "docx", "--output", str(tmp_path / "alle"))
    names = sorted(p.name for p in (tmp_path / "alle").iterdir())
    assert names == [f"RIB-2019-{code}-1.docx" for code in ("GM0546", "GM0547", "GM0579", "GM0626", "GM0638")]
    for bad, message in (
        (["--municipality", "Atlantis"], "Atlantis"),
        (["--municipality", "Leiden", "--from", "2019-03-01"], "2019-02-28"),
        (["--municipality", "Leiden", "--from", "1 maart"], "not a date"),
        (["--municipality", "Leiden", "--fulfil", "1"], "--fulfil needs --save"),
    ):
        args = ["--from", "2018-09-01", "--to", "2019-02-28", "--output", str(tmp_path / "x.pdf")]
        with pytest.raises(CommandError, match=message):
            call_command("letter", *args, *bad)
