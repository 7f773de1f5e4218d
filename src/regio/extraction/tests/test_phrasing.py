"""Promises, requests, steps, meetings and decisions in the many ways real texts phrase them.

Every sentence here was written for these tests (in the genre, never copied from a source); each
is read in a letter dated 4 February 2020, so "in het voorjaar" is spring 2020."""

from __future__ import annotations

import pytest

from regio.extraction.engine import extract

LETTER = "Leiden, 4 februari 2020\n\nGeachte raad,\n\n{}\n\nMet vriendelijke groet,\n"


def _found(sentence: str) -> dict:
    return extract(LETTER.format(sentence)).to_format_dict()


COMMITMENTS = [
    # a next step in the passive, with a time still to come
    ("Het uitvoeringsplan wordt in het voorjaar aan de raden voorgelegd.", "2020-05-31"),
    ("Vóór 1 juli wordt de proef met de regiotaxi geëvalueerd.", "2020-06-30"),
    ("De notitie wordt zo snel mogelijk op de website van de regio geplaatst.", None),
    ("Over de taakverdeling wordt afgestemd in het ambtelijk overleg van 19 maart.", "2020-03-19"),
    ("De raden krijgen het jaarverslag na de zomer toegestuurd.", "2020-12-31"),
    ("De gemeenteraad wordt via een raadsinformatiebrief op de hoogte gehouden.", None),
    # a request to the addressee, with the deadline the addressee must keep
    ("U kunt uw zienswijze tot uiterlijk 1 april 2020 indienen bij het secretariaat.", "2020-04-01"),
    ("Wij vragen u uw reactie vóór 15 juni te sturen aan de griffie.", "2020-06-14"),
    ("De subsidieaanvraag moet uiterlijk 1 oktober bij de provincie liggen.", "2020-10-01"),
    # an announced product, a promise in other words, an actor with zal/zullen
    ("Er komt een herzien voorstel, dat in de vergadering van mei wordt behandeld.", "2020-05-31"),
    ("De werkgroep komt, zodra de cijfers bekend zijn, met een nieuwe planning.", None),
    ("De wethouder belooft de ontbrekende cijfers alsnog na te sturen.", None),
    ("Daar zullen Katwijk en Noordwijk een gezamenlijk plan neerleggen.", None),
    ("Het dagelijks bestuur zal deze maand de overeenkomst ondertekenen.", "2020-02-29"),
    ("U ontvangt hierover van ons een raadsvoorstel.", None),
    # a goal with a deadline the actors set themselves, an assignment
    ("Voor het einde van 2020 willen we deze stappen hebben gezet.", "2020-12-31"),
    ("De secretarissen krijgen opdracht om in 2020 een gezamenlijke inkoop te regelen.", "2020-12-31"),
    # a piece of work that follows, a passive step shared with the council, a half year
    ("In april volgt een raadsinformatiebrief over de voortgang.", "2020-04-30"),
    # a delivery in a relative clause, a passive request to the councils with a time
    ("Wij nemen de suggesties van uw raad mee in het voorstel dat wij u in mei toesturen.", "2020-05-31"),
    ("De raden worden in het najaar gevraagd een zienswijze te geven op de begroting.", "2020-11-30"),
    # a separable delivery with the subject first, a piece of work scheduled
    ("Wij bieden uw raad in juni de jaarstukken aan.", "2020-06-30"),
    ("De evaluatie is voorzien in het najaar van 2020.", "2020-11-30"),
    ("Het eerste rapport staat gepland voor mei.", "2020-05-31"),
    ("Het definitieve voorstel volgt na de zomer.", "2020-12-31"),
    ("De evaluatie wordt uiterlijk in het derde kwartaal met uw raad gedeeld.", "2020-09-30"),
    ("De rapportage wordt in de tweede helft van 2020 verstuurd.", "2020-12-31"),
]


@pytest.mark.parametrize(("sentence", "due"), COMMITMENTS)
def test_commitment_phrasings(sentence, due):
    found = _found(sentence)["commitments"]
    assert [c["due"] for c in found] == [due], sentence


NOT_COMMITMENTS = [
    "Het volgende overleg wordt in juni gehouden in het gemeentehuis van Katwijk.",
    "Het samenwerkingsorgaan wordt per 1 januari 2021 opgeheven.",
    "Dat overleg wordt al sinds 2013 door de regio gefaciliteerd en stelt de burgemeesters in staat te overleggen.",
    "Door de fusie zullen Leerdam en Zederik overgaan naar een andere provincie.",
    "De regio wil in 2050 energieneutraal zijn.",
    "De vergadering van 12 maart werd vanwege de maatregelen geschrapt.",
    "Op 15 april wordt verder gesproken, in een besloten bijeenkomst.",
    "U ontvangt hierbij het verslag van de bijeenkomst.",
    "Het plan volgt de koers van de visie en loopt tot 2025.",
    "Het besluit luidt als volgt: de raad stemt in met de regeling per 1 januari 2021.",
    "De raad wil onderzoeken of de buitendienst in 2021 kan worden gedeeld met Leiderdorp.",
    "De raad nam een motie aan waarin het college wordt gevraagd in 2021 de kosten te onderzoeken.",
    "De plannen bieden in 2021 nieuwe kansen voor de regio.",
    "Tot en met 31 december kunt u terecht bij het gemeentehuis; daarna bij uw nieuwe gemeente.",
    "De opening van het nieuwe zwembad staat gepland voor mei.",
]


@pytest.mark.parametrize("sentence", NOT_COMMITMENTS)
def test_not_commitments(sentence):
    assert _found(sentence)["commitments"] == [], sentence


EVENTS = [
    # a body that sits on a date still to come, named by the body alone
    ("Op donderdag 12 maart spreekt de raadscommissie over de voorstellen van de regio.", "2020-03-12", None),
    ("De gemeenteraad van Teylingen neemt op 26 maart een besluit over de regeling.", "2020-03-26", "Teylingen"),
    ("De voorstellen liggen voor in het algemeen bestuur van 8 april.", "2020-04-08", None),
    ("Het bestuurlijk overleg met de provincie staat gepland voor 30 maart.", "2020-03-30", None),
    # more gathering words: a reception, a ceremony
    ("Op 1 april is er een afscheidsreceptie in het raadhuis van Voorschoten.", "2020-04-01",
     "raadhuis van Voorschoten"),
    ("De herdenkingsceremonie is op 4 mei in Oegstgeest.", "2020-05-04", "Oegstgeest"),
    # where it takes place, without a date
    ("De ondertekening vond plaats in de Dorpsmolen van Zoeterwoude-Rijndijk.", None, "Dorpsmolen"),
    ("Het akkoord werd gesloten tijdens een conferentie in het Kurhaus.", None, "Kurhaus"),

    # verbs of meeting with the subject far from the particle, meeting each other, voting
    ("Op 2 februari kwamen de voltallige colleges van de gemeenten Bergen op Zoom en Roosendaal bijeen.",
     "2020-02-02", None),
    ("Na de zomer treffen de burgemeesters elkaar weer in Katwijk.", "2020-09-01", "Katwijk"),
    ("Op 18 maart kunnen de inwoners stemmen voor een nieuwe gemeenteraad.", "2020-03-18", None),
    ("Dit was het vervolg op het gesprek dat de colleges op 8 januari 2020 met elkaar hadden.", "2020-01-08", None),
]


@pytest.mark.parametrize(("sentence", "start", "place"), EVENTS)
def test_event_phrasings(sentence, start, place):
    events = _found(sentence)["events"]
    assert [(e["start"], e["place"]) for e in events] == [(start, place)], sentence


NOT_EVENTS = [
    "Het overleg wordt al sinds 2013 door de regio gefaciliteerd.",
    "De fusie van de gemeenten gaat per 1 januari 2021 in.",
    "Kort verslag vergadering 12 maart 2020",
    "Het overleg bij de Omgevingsdienst verloopt goed.",

    "Op 3 maart 2019 heeft de raad de nota vastgesteld.",
]


@pytest.mark.parametrize("sentence", NOT_EVENTS)
def test_not_events(sentence):
    assert _found(sentence)["events"] == [], sentence


def test_an_agendas_date_line_is_the_meeting_and_a_news_items_is_not():
    agenda = ("Algemeen Bestuur Regio Noord\n\nwoensdag 3 juni 2020\n\n19:30 - 21:30\nLocatie\n\n"
              "Gemeentehuis Lisse\n\nAgenda\n")
    events = extract(agenda).to_format_dict()["events"]
    assert [(e["start"], e["place"]) for e in events] == [("2020-06-03", "Gemeentehuis Lisse")]
    news = "Raad bezoekt de buurgemeente\n\ndinsdag 2 juni 2020 20.15 uur | auteur: redactie\n\nDe raad was op bezoek."
    assert extract(news).to_format_dict()["events"] == []


DECISIONS = [
    # the dictum of a decision list: no finite verb, "te" with a verb of deciding
    "Het verslag van de vergadering van 12 december vast te stellen.",
    "Mevrouw A. de Wit (wethouder van Teylingen) aan te wijzen als lid van het dagelijks bestuur.",
    # participles of deciding the older rules did not know
    "Het voorstel voor een nieuw reglement van orde is aangehouden.",
    "Bij acclamatie is benoemd tot voorzitter de heer B. Jansen.",
    "Op 3 maart heeft de Tweede Kamer het wetsvoorstel aanvaard.",
    "De drie gemeenten hebben een gezamenlijke uitvoeringsdienst gevormd.",
    "Als basis wordt een gemeenschappelijke regeling aangegaan.",
    # separable and other finite verbs, a motion, a collective subject that will cooperate
    "De gemeenten Aa en Hunze en Tynaarlo gingen in 2015 een samenwerking aan.",
    "Op vrijdag 18 december bekrachtigen beide partijen hun afspraken in een samenwerkingsagenda.",
    "Op 20 december heeft de raad in een motie gevraagd de mogelijkheden van een fusie te onderzoeken.",
    "Vier gemeenten in de Kempen gaan hun samenwerking op het sociaal domein versterken.",
    # agreeing in a main clause, a mandate given
    "De portefeuillehouders zijn akkoord met de verdeelsleutel voor de kosten.",
    "De raden kiezen voor één gezamenlijke regeling.",
    # agreeing with nothing between verb and particle; deciding with the object far from "te"
    "De colleges spraken af de kosten van de secretaris naar inwonertal te verdelen.",
    "Het PHO spreekt af dat de gemeenten elkaar helpen bij het vinden van plekken;",
    "Het DB besluit de proef met de buurtbus tussen de twee kernen en het station met een jaar te verlengen.",
    "De portefeuillehouders besluiten de samenwerking met onderwijs en bedrijfsleven voort te zetten.",
    # approval in other words: green light, consent given or withheld, a grant awarded
    "De raad gaf unaniem groen licht voor de fusie.",
    "De colleges zetten het licht op groen voor de gezamenlijke inkoop.",
    "De gemeenteraden hebben hun goedkeuring gegeven aan de begroting.",
    "Het dagelijks bestuur keurde de jaarrekening zonder wijzigingen goed.",
    "Het college heeft de subsidie verleend aan de stichting.",
    "Het dagelijks bestuur heeft de secretaris gemandateerd om de overeenkomst te tekenen.",
]


@pytest.mark.parametrize("sentence", DECISIONS)
def test_decision_phrasings(sentence):
    assert len(_found(sentence)["decisions"]) == 1, sentence


NOT_DECISIONS = [
    "In de visie zijn zeven thema's benoemd waarop de gemeenten samen willen optrekken.",
    "De bijeenkomst die op 23 maart gepland stond, moest worden geschrapt.",
    "Op 15 april wordt verder gesproken, in een besloten bijeenkomst.",
    "De voorzitter zegt toe het onderwerp in te brengen bij het overleg van januari.",
    "De netbeheerder verwacht medio 2025 een nieuw station in gebruik te nemen.",
    "Wij gaan in op de afspraken die met de buurgemeente zijn gemaakt.",
    "Er is nog niets besloten over de plek van het nieuwe zwembad.",
    "Elke gemeente kan daarna kiezen voor een eigen aanpak van de regeling.",
    # a proposal to the addressee, and when a body will decide: not a decision taken
    "Wij stellen u voor de begroting 2021 vast te stellen.",
    "De besluiten van de raad zijn na de vergadering te vinden op de website.",
    "Wij spreken af en toe met de provincie over de plannen.",
    "Er is gezocht naar een manier om regionaal besluiten te nemen en de slagkracht te versterken.",
    "Het college stelt de raad voor in te stemmen met de regeling.",
    "De raad besluit in maart over de begroting.",
    "Op 12 maart beslissen de raden over de toekomst van de regeling.",
    "De raden moeten nog instemmen met de regeling.",
    "Als de raden akkoord zijn met de begroting, start het project in mei.",
    "Daar zullen de twee gemeenten een plan neerleggen over hoe zij de regio gaan versterken.",
]


@pytest.mark.parametrize("sentence", NOT_DECISIONS)
def test_not_decisions(sentence):
    assert _found(sentence)["decisions"] == [], sentence


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a surname is no mention: a given name (and a particle) or a title before it
        ("Jan Rozendaal, burgemeester van Elburg, opende de avond.", ["Elburg"]),
        ("Volgens Eric van Oosterhout is er geen haast.", []),
        ("Burgemeester Rozendaal sprak de raad toe.", []),
        # ... but "de burgemeesters van Nieuwegein" speaks of the municipality
        ("Burgemeesters van Nieuwegein bezoeken de raad.", ["Nieuwegein"]),
        # a list of municipalities, one a line, in a table
        ("Deelnemers:\nHillegom - de heer Smit\nKatwijk - mevrouw de Vries\nHuizen\n",
         ["Hillegom", "Katwijk", "Huizen"]),
        # a hyphen left by a line break, a name before a dash
        ("De colleges van Hardinxveld- Giessendam en Gorinchem spraken.", ["Hardinxveld-Giessendam", "Gorinchem"]),
        ("Zes gemeenten - Heerlen, Kerkrade en Voerendaal- gaan samen verder.", ["Heerlen", "Kerkrade", "Voerendaal"]),
        # a province in a list of provinces
        ("Met de provincies Zuid-Holland, Utrecht en Gelderland is gesproken.", []),
    ],
)
def test_municipality_mentions(text, expected):
    assert extract(text).to_format_dict()["municipalities"] == expected


LISTED_DECISIONS = [
    # items under a heading or a lead-in sentence that states the deciding
    ("Het algemeen bestuur besluit:\n\n1. de begroting 2021 vast te stellen;\n"
     "2. de zienswijzen van de raden voor kennisgeving aan te nemen.\n", 2),
    ("Het bestuur heeft in zijn vergadering van 3 maart besloten om:\n- de begroting 2021 vast te stellen;\n"
     "- de zienswijzen voor kennisgeving aan te nemen.\n\nDe volgende vergadering is in juni.\n", 3),
    ("De colleges besluiten het volgende:\n\n• een gezamenlijke inkoop van jeugdhulp;\n"
     "• de kosten naar inwonertal.\n", 2),
    # a proposal to decide is no decision taken
    ("De raad wordt voorgesteld te besluiten:\n\n1. de begroting 2021 vast te stellen;\n"
     "2. geen zienswijze in te dienen.\n", 0),
    ("Het college stelt u voor om te besluiten:\n- de regeling te wijzigen;\n- de bijdrage te verhogen.\n", 0),
]


@pytest.mark.parametrize(("body", "count"), LISTED_DECISIONS)
def test_list_items_under_a_decision_are_decisions(body, count):
    found = extract("Leiden, 4 februari 2020\n\n" + body).to_format_dict()["decisions"]
    assert len(found) == count, found


def test_items_under_a_heading_of_commitments_are_commitments():
    text = ("Verslag stuurgroep, 4 februari 2020\n\nToezeggingen\n\n"
            "- De secretaris zoekt uit wat de inkoop kost, uiterlijk in april.\n"
            "- Leiden maakt een voorstel voor de verdeling van de kosten.\n"
            "- De notitie over de huisvesting is afgedaan.\n\nRondvraag\n\nEr zijn geen vragen.\n")
    found = extract(text).to_format_dict()["commitments"]
    assert [(c["quote"], c["due"]) for c in found] == [
        ("De secretaris zoekt uit wat de inkoop kost, uiterlijk in april.", "2020-04-30"),
        ("Leiden maakt een voorstel voor de verdeling van de kosten.", None),
    ]
    assert [(c["rule"], c["actor"], c["status"]) for c in found] == [
        ("kop met toezeggingen", "de secretaris", "planned"), ("kop met toezeggingen", "Leiden", "planned")]


def test_a_promisors_name_is_a_name_not_the_verb_after_it():
    found = _found("Toezegging: de wethouder informeert de commissie in het tweede kwartaal over de evaluatie.")
    assert [(c["promisor"], c["actor"]) for c in found["commitments"]] == [("de wethouder", "de wethouder")]
    found = _found("De wethouder Jansen zegt toe de raad in april te informeren.")
    assert [(c["promisor"], c["actor"]) for c in found["commitments"]] == [
        ("De wethouder Jansen", "de wethouder Jansen")]


def _wrapped(sentence: str, width: int = 28) -> str:
    """The sentence as a PDF or OCR text gives it: broken into lines of about ``width`` characters."""
    lines, line = [], ""
    for word in sentence.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


@pytest.mark.parametrize(("sentence", "due"), COMMITMENTS)
def test_commitment_phrasings_broken_over_lines(sentence, due):
    found = _found(_wrapped(sentence))["commitments"]
    assert [c["due"] for c in found] == [due], _wrapped(sentence)


@pytest.mark.parametrize(("sentence", "start", "place"), EVENTS)
def test_event_phrasings_broken_over_lines(sentence, start, place):
    events = _found(_wrapped(sentence))["events"]
    assert [(e["start"], e["place"]) for e in events] == [(start, place)], _wrapped(sentence)


@pytest.mark.parametrize("sentence", DECISIONS)
def test_decision_phrasings_broken_over_lines(sentence):
    # A name broken between two capitalised words ("de Tweede / Kamer") in a column this narrow
    # reads as two lines (a header's lines look the same): 40 characters, a news column's width.
    assert len(_found(_wrapped(sentence, 40))["decisions"]) == 1, _wrapped(sentence, 40)


def test_a_plan_broken_over_lines_still_moves_to_next_year():
    # Written in October: "in het voorjaar" of a step still to come is next spring, also when the
    # converter broke the sentence inside the phrase that makes it a plan.
    text = ("Leiden, 10 oktober 2019\n\nGeachte raad,\n\nDe eerste rapportage wordt in het\n"
            "voorjaar aan de raden aangeboden.\n")
    assert [c["due"] for c in extract(text).to_format_dict()["commitments"]] == ["2020-05-31"]


def test_a_news_titles_gathering_is_the_first_dated_one_below_it():
    # The title reports one signing; its date is in the first dated sentence. The evaluation in the
    # autumn is a step to come, not the signing (nor another gathering).
    text = ("Leiderdorp, 3 maart 2021\n\nGemeenten tekenen convenant voor de jeugdhulp\n\n"
            "De vijf gemeenten werken al jaren samen. Op vrijdag 12 maart bekrachtigen de wethouders hun afspraken "
            "tijdens de jaarlijkse regiomiddag. In het najaar volgt een eerste evaluatie, die aan de gemeenteraden "
            "wordt gestuurd.\n")
    found = extract(text).to_format_dict()
    assert [(e["start"], e["rule"]) for e in found["events"]] == [("2021-03-12", "kop met bijeenkomst")]
    assert [c["due"] for c in found["commitments"]] == ["2021-11-30"]
    # Under a heading that names the gathering itself every dated line is it (an agenda's items).
    agenda = "Leiden, 3 maart 2021\n\nRegionale raadsavond\n\nOp 12 maart om 19.30 uur.\n\nOp 26 maart om 19.30 uur.\n"
    assert [e["start"] for e in extract(agenda).to_format_dict()["events"]] == ["2021-03-12", "2021-03-26"]


def test_an_announced_decision_stays_a_finding_but_is_no_decision_taken():
    # The review records it as a proposed decision; FORMAT.md's decisions are those taken.
    result = extract(LETTER.format("De raad besluit in maart over de begroting."))
    announced = [f for f in result.findings if f.type == "decision"]
    assert [(f.rule, f.value["status"], f.value["tense"]) for f in announced] == [("aangekondigd", "planned", "future")]
    assert result.to_format_dict()["decisions"] == []
