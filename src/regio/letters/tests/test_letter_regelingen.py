"""The council letter's section on view deadlines of the gemeenschappelijke regelingen."""

from __future__ import annotations

import datetime

from regio.letters.compose import LetterInput, ViewDeadlineFacts, compose_letter
from regio.letters.document import BulletList, Heading
from regio.letters.gather import letter_input

D = datetime.date


def section(letter) -> list[str]:
    blocks = list(letter.blocks)
    for i, block in enumerate(blocks):
        if isinstance(block, Heading) and block.text == "Zienswijzen op gemeenschappelijke regelingen":
            return list(blocks[i + 1].items)
    return []


def test_the_letter_lists_view_deadlines_and_leaves_the_section_out_without_them():
    base = dict(region="Proefregio", municipality="Leiden", period_start=D(2026, 1, 1), period_end=D(2026, 6, 30),
                letter_date=D(2026, 7, 1), reference="R-1")
    assert section(compose_letter(LetterInput(**base))) == []
    letter = compose_letter(LetterInput(**base, view_deadlines=(
        ViewDeadlineFacts("Ontwerpbegroting 2027", "GR Proef", D(2026, 7, 7), "vastgesteld"),
        ViewDeadlineFacts("Kadernota 2027", "GR Proef", D(2026, 3, 2), ""),
    )))
    assert section(letter) == [
        "Kadernota 2027 (GR Proef): zienswijze uiterlijk 2 maart 2026. Er is nog geen zienswijze vastgelegd.",
        "Ontwerpbegroting 2027 (GR Proef): zienswijze uiterlijk 7 juli 2026. Stand: vastgesteld.",
    ]


def test_the_demo_letter_of_zoeterwoude_names_its_deadline(leidse_regio):
    from regio.regions.models import Municipality

    zoeterwoude = Municipality.objects.get(cbs_code="GM0638")
    data = letter_input(region=leidse_regio, municipality=zoeterwoude, period_start=D(2026, 4, 1),
                        period_end=D(2026, 6, 30), letter_date=D(2026, 7, 1))
    items = section(compose_letter(data))
    assert items[0].startswith("Ontwerpbegroting 2027 (voorbeeld) (Regionale Samenwerkingsdienst Leidse regio (voorbeeld)): "
                               "zienswijze uiterlijk 7 juli 2026.")
    assert len(items) == 1  # the budget amendment's deadline (8 February 2027) is more than half a year away
