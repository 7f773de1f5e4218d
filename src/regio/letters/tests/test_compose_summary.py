"""The composer for a municipality in hundreds of topics: a summary that stays short but names what matters.

Plain facts, no database: one municipality of a generated region takes part in 450 of 2,000 topics.
"""

from __future__ import annotations

import datetime
import random

import pypdfium2
import pytest

from regio.letters.compose import (
    SUMMARY_THRESHOLD,
    AgreementFacts,
    DecisionFacts,
    LetterInput,
    ResultFacts,
    StatusChangeFacts,
    TopicFacts,
    compose_letter,
)
from regio.letters.document import BulletList, Heading, Table
from regio.letters.render import render

ME = "Voorschoten"
START, END = datetime.date(2019, 1, 1), datetime.date(2019, 6, 30)
SPEARHEADS = tuple((f"sp{i}", f"Speerpunt {i}") for i in range(7))
STATUSES = ("voorgesteld", "verkennen", "concretiseren", "in_uitvoering", "afgerond")
OVERVIEW = "https://regio.example.nl/openbaar/proefregio/onderwerpen/?gemeente=voorschoten"


def text_of(letter) -> str:
    parts = []
    for block in letter.blocks:
        if isinstance(block, BulletList):
            parts.extend(block.items)
        elif isinstance(block, Table):
            parts.extend(" ".join(row) for row in block.rows)
        elif hasattr(block, "text"):
            parts.append(block.text)
    return "\n".join(parts)


def big_region(involved: int = 450, total: int = 2000, seed: int = 5) -> LetterInput:
    """`total` topics; `ME` leads every 50th of the ones it is in; some change in the period."""
    rng = random.Random(seed)
    others = [f"Gemeente{i:02d}" for i in range(49)]
    topics = []
    for i in range(total):
        mine = i < involved
        status = rng.choice(STATUSES)
        changes, results = (), (ResultFacts("Woningen", rng.randint(0, 100), "10", "40", "stuks"),)
        created = datetime.date(2014, 1, 1) + datetime.timedelta(days=rng.randint(0, 1800))  # before the period
        if i % 17 == 3:
            before = "verkennen" if status == "voorgesteld" else "voorgesteld"
            changes = (StatusChangeFacts(datetime.date(2019, 3, 4), before, status.replace("_", " ")),)
        elif i % 29 == 5:
            created = datetime.date(2019, 2, 1)
        elif i % 31 == 7:
            results = (ResultFacts("Woningen", 60, "28", "40", "stuks", measured_on=datetime.date(2019, 5, 1),
                                   progress_before=35),)
        topics.append(
            TopicFacts(
                title=f"Onderwerp {i:04d}", spearheads=(SPEARHEADS[i % 7][0],), status=status,
                status_label=status.replace("_", " "),
                own_role=(("volgt" if i % 3 == 0 else "doet_mee") if mine else None),
                leads=mine and i % 50 == 0, lead=ME if mine and i % 50 == 0 else rng.choice(others),
                results=results, created_on=created, status_changes=changes,
            )
        )
    participants = (ME, *others)
    agreements = tuple(
        AgreementFacts(f"Afspraak {i}", datetime.date(2019, 2, 1) + datetime.timedelta(days=7 * i), "Samen doen.",
                       participants,
                       tuple(DecisionFacts(m, "college", "ingestemd", datetime.date(2019, 6, 1)) for m in participants[:30]))
        for i in range(6)
    )
    return LetterInput(
        region="Proefregio", municipality=ME, period_start=START, period_end=END,
        letter_date=datetime.date(2019, 7, 2), reference="RIB-2019-GM0626-1", vision_title="Toekomstvisie",
        spearheads=SPEARHEADS, topics=tuple(topics), agreements=agreements, mayor="N. Staatsen",
        secretary="A. Secretaris", overview_url=OVERVIEW,
    )


def changed_in_period(topic: TopicFacts) -> bool:
    return (
        START <= topic.created_on <= END
        or any(START <= c.changed_on <= END for c in topic.status_changes)
        or any(r.measured_on and START <= r.measured_on <= END for r in topic.results)
    )


@pytest.fixture(scope="module")
def data():
    return big_region()


@pytest.fixture(scope="module")
def letter(data):
    return compose_letter(data)


def test_names_every_topic_it_leads_and_every_topic_that_changed(data, letter):
    text = text_of(letter)
    mine = [t for t in data.topics if t.own_role or t.leads]
    leads = [t for t in mine if t.leads]
    changed = [t for t in mine if changed_in_period(t)]
    assert len(leads) == 9 and len(changed) >= 40
    for topic in leads + changed:
        assert topic.title in text, topic.title
    quiet = [t for t in mine if not t.leads and not changed_in_period(t)]
    assert not any(t.title in text for t in quiet)
    assert "Onderwerp 0020 (doet mee): op 4 maart 2019 van 'voorgesteld' naar" in text
    assert "Onderwerp 0150 (trekker): voorgesteld, voortgang 11%; nieuw sinds 1 februari 2019." in text
    assert "Onderwerp 0007 (doet mee): resultaat 'Woningen' van 35% naar 60%." in text
    assert f"Het volledige overzicht staat op {OVERVIEW}." in text


def test_counts_per_spearhead_add_up_to_the_topics_it_is_in(data, letter):
    table = next(block for block in letter.blocks if isinstance(block, Table))
    assert table.headers == ("Speerpunt", "Trekker", "Doet mee", "Volgt", "Totaal")
    *rows, total = table.rows
    assert [row[0] for row in rows] == [name for _code, name in SPEARHEADS]
    mine = [t for t in data.topics if t.own_role or t.leads]
    follows = sum(1 for t in mine if not t.leads and t.own_role == "volgt")
    assert total == ("Alle speerpunten", "9", str(450 - 9 - follows), str(follows), "450")
    for column in range(1, 5):
        assert sum(int(row[column]) for row in rows) == int(total[column])
    text = text_of(letter)
    # Each spearhead counts what it does not name: named + counted = its topics.
    for code, name in SPEARHEADS:
        in_spearhead = [t for t in data.topics if (t.own_role or t.leads) and code in t.spearheads]
        named = [t for t in in_spearhead if t.leads or changed_in_period(t)]
        section = text.rsplit(f"\n{name}\n", 1)[1].split("\nSpeerpunt ", 1)[0]
        assert f"En {len(in_spearhead) - len(named)} andere onderwerpen" in section


def test_many_participants_are_grouped_by_outcome(letter):
    text = text_of(letter)
    assert "De andere 49 gemeenten: college ingestemd 29; nog geen besluit 20." in text
    assert "Gemeente40" not in text


def test_few_participants_per_outcome_are_named():
    data = big_region()
    agreement = data.agreements[0]
    few = AgreementFacts(agreement.title, agreement.made_on, agreement.text, agreement.participants[:11],
                         agreement.decisions[:5])
    text = text_of(compose_letter(LetterInput(**{**data.__dict__, "agreements": (few,)})))
    assert ("De andere 10 gemeenten: college ingestemd Gemeente00, Gemeente01, Gemeente02 en Gemeente03; "
            "nog geen besluit Gemeente04, Gemeente05, Gemeente06, Gemeente07, Gemeente08 en Gemeente09.") in text


def test_summary_starts_above_the_threshold():
    small = big_region(involved=SUMMARY_THRESHOLD, total=60)
    full = compose_letter(small)
    assert not any(isinstance(block, Table) for block in full.blocks)
    assert all(t.title in text_of(full) for t in small.topics if t.own_role)
    summarised = compose_letter(big_region(involved=SUMMARY_THRESHOLD + 1, total=60))
    assert any(isinstance(block, Table) for block in summarised.blocks)


def test_the_pdf_stays_within_six_pages(letter):
    pdf = pypdfium2.PdfDocument(render(letter, "pdf"))
    try:
        assert 2 <= len(pdf) <= 6, len(pdf)
    finally:
        pdf.close()


def test_headings_keep_the_letter_order(letter):
    assert letter.headings[:2] == ["De toekomstvisie in het kort", "Onderwerpen per speerpunt"]
    assert [b.text for b in letter.blocks if isinstance(b, Heading) and b.level == 3][:2] == ["Speerpunt 0", "Speerpunt 1"]
