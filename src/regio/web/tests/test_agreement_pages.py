"""Agreement pages (web/agreement_views.py): list, detail with the consent matrix, inline decisions, forms."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regio.conftest import ROLES
from regio.meetings.models import Agreement, MunicipalDecision, Organ, Outcome
from regio.meetings.tests.agreement_factories import AgreementFactory, DecisionFactory

MADE_ON = datetime.date(2019, 3, 14)


@pytest.fixture(autouse=True)
def english(settings):
    """Assert on the English msgids, so the tests hold whatever the Dutch catalogue says."""
    settings.LANGUAGE_CODE = "en"


def url(name, world, **kwargs):
    return reverse(f"web:{name}", kwargs={"region": world.region.slug, **kwargs})


def decision_data(slug, **overrides):
    data = {
        "organ": Organ.COLLEGE,
        "kind": "besluit",
        "outcome": Outcome.ADOPTED,
        "decided_on": "2019-04-02",
        "document": "",
        "college_version": "0",  # no decision of either organ stored when the form was loaded
        "council_version": "0",
    }
    data.update(overrides)
    return data


@pytest.fixture
def agreement(world):
    return AgreementFactory(
        region=world.region, title="Warmterotonde verkennen", participants=[world.own, world.other], made_on=MADE_ON
    )


@pytest.mark.parametrize("role", ROLES)
def test_pages_render_for_each_role(world, client_for, agreement, role):
    client = client_for(world.user(role))
    listing = client.get(url("agreement-list", world))
    assert listing.status_code == 200
    assert "Warmterotonde verkennen" in listing.content.decode()
    detail = client.get(agreement.get_absolute_url())
    assert detail.status_code == 200
    html = detail.content.decode()
    assert world.own.name in html and world.other.name in html
    editing = client.get(url("agreement-edit", world, pk=agreement.pk))
    expected = 200 if role in ("coordinator", "superuser") else 403
    assert editing.status_code == expected


def test_detail_says_an_agreement_binds_only_after_own_decision(world, visitor, agreement):
    DecisionFactory(agreement=agreement, municipality=world.own, outcome=Outcome.ADOPTED)
    html = visitor.get(agreement.get_absolute_url()).content.decode()
    assert "binds a municipality only after its own college" in html
    row_own = html.split(f'id="besluit-{world.own.slug}"')[1].split("</tr>")[0]
    row_other = html.split(f'id="besluit-{world.other.slug}"')[1].split("</tr>")[0]
    assert "yes, adopted" in row_own
    assert "yes, adopted" not in row_other and "not adopted yet" in row_other
    assert "awaiting the decision of</span>" not in html  # the text, not markup
    assert f"adopted by 1 of 2; awaiting the decision of {world.other.name}" in " ".join(html.split())


def _forms_in(html):
    return html.count('action="/proefregio/afspraken/')


@pytest.mark.parametrize(
    ("role", "forms_for"),
    [
        ("anonymous", []),
        ("reader", []),
        ("editor_own", ["own"]),
        ("editor_other", ["other"]),
        ("coordinator", ["own", "other"]),
    ],
)
def test_decision_forms_only_where_allowed(world, client_for, agreement, role, forms_for):
    html = client_for(world.user(role)).get(agreement.get_absolute_url()).content.decode()
    for which in ("own", "other"):
        municipality = getattr(world, which)
        action = url("agreement-decision", world, pk=agreement.pk, municipality=municipality.slug)
        assert (f'action="{action}"' in html) is (which in forms_for)


def test_editor_records_own_decision_inline_and_the_matrix_updates(world, client_for, agreement):
    client = client_for(world.user("editor_own"))
    response = client.post(
        url("agreement-decision", world, pk=agreement.pk, municipality=world.own.slug),
        decision_data(world.own.slug),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = " ".join(response.content.decode().split())
    assert html.startswith('<section id="consent"')
    assert "<html" not in html
    assert "regio-consent--deels" in html and "partly adopted" in html
    assert f"awaiting the decision of {world.other.name}" in html
    assert MunicipalDecision.objects.get().municipality == world.own


def test_editor_may_not_record_for_another_municipality(world, client_for, agreement):
    client = client_for(world.user("editor_own"))
    response = client.post(
        url("agreement-decision", world, pk=agreement.pk, municipality=world.other.slug),
        decision_data(world.other.slug),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 403
    assert not MunicipalDecision.objects.exists()


def test_anonymous_is_sent_to_sign_in(world, client, agreement):
    response = client.post(
        url("agreement-decision", world, pk=agreement.pk, municipality=world.own.slug), decision_data("")
    )
    assert response.status_code == 302
    assert not MunicipalDecision.objects.exists()


def test_decision_errors_show_in_the_cell(world, client_for, agreement):
    client = client_for(world.user("coordinator"))
    response = client.post(
        url("agreement-decision", world, pk=agreement.pk, municipality=world.own.slug),
        decision_data(world.own.slug, decided_on="2019-01-01"),
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "cannot precede the agreement" in html
    assert not MunicipalDecision.objects.exists()


def test_decision_for_a_non_participant_refused(world, client_for, agreement):
    client = client_for(world.user("coordinator"))
    response = client.post(
        url("agreement-decision", world, pk=agreement.pk, municipality=world.third.slug),
        decision_data(world.third.slug),
    )
    assert response.status_code == 302
    assert not MunicipalDecision.objects.exists()
    page = client.get(response.url).content.decode()
    assert "does not take part in this agreement" in page


def test_internal_agreement_hidden_from_anonymous(world, client_for):
    internal = AgreementFactory(region=world.region, title="Interne afspraak", participants=[world.own], internal=True)
    anonymous = client_for(world.user("anonymous"))
    assert "Interne afspraak" not in anonymous.get(url("agreement-list", world)).content.decode()
    assert anonymous.get(internal.get_absolute_url()).status_code == 404
    reader = client_for(world.user("reader"))
    assert "Interne afspraak" in reader.get(url("agreement-list", world)).content.decode()
    assert reader.get(internal.get_absolute_url()).status_code == 200


def test_example_data_is_marked(world, visitor, settings):
    example = AgreementFactory(region=world.region, participants=[world.own], example=True)
    real = AgreementFactory(region=world.region, participants=[world.own])
    assert "example data" in visitor.get(example.get_absolute_url()).content.decode()
    assert "example data" not in visitor.get(real.get_absolute_url()).content.decode()
    settings.LANGUAGE_CODE = "nl"
    assert "voorbeeldgegevens" in visitor.get(example.get_absolute_url()).content.decode().lower()


def test_coordinator_creates_an_agreement(world, client_for):
    client = client_for(world.user("coordinator"))
    response = client.post(
        url("agreement-create", world),
        {
            "title": "Studentenhuisvesting",
            "text": "Samen bouwen.",
            "made_on": "2019-03-14",
            "participants": [str(world.own.pk), str(world.third.pk)],
            "visibility": "openbaar",
        },
    )
    agreement = Agreement.objects.get()
    assert response.status_code == 302 and response.url == agreement.get_absolute_url()
    assert set(agreement.participants.all()) == {world.own, world.third}


def test_participants_outside_the_region_cannot_be_chosen(world, client_for):
    client = client_for(world.user("coordinator"))
    response = client.post(
        url("agreement-create", world),
        {
            "title": "Elders",
            "text": "-",
            "made_on": "2019-03-14",
            "participants": [str(world.outsider.pk)],
            "visibility": "openbaar",
        },
    )
    assert response.status_code == 200
    assert "participants" in response.context["form"].errors
    assert not Agreement.objects.exists()


def test_an_agreement_without_participants_names_the_field(world, client_for):
    client = client_for(world.user("coordinator"))
    response = client.post(
        url("agreement-create", world),
        {
            "title": "Niemand",
            "text": "-",
            "made_on": "2019-03-14",
            "visibility": "openbaar",
        },
    )
    assert response.status_code == 200
    assert "participants" in response.context["form"].errors
    assert "Name the municipalities" in response.content.decode()


def _add_agreements(world, count):
    members = [world.own, world.other, world.third]
    agreements = Agreement.objects.bulk_create(
        Agreement(
            region=world.region,
            title=f"Afspraak {i:04d}",
            text="-",
            made_on=MADE_ON,
            council_decision_needed=i % 2 == 0,
        )
        for i in range(count)
    )
    Agreement.participants.through.objects.bulk_create(
        Agreement.participants.through(agreement_id=a.pk, municipality_id=m.pk) for a in agreements for m in members
    )
    MunicipalDecision.objects.bulk_create(
        MunicipalDecision(agreement=a, municipality=m, organ=organ, outcome=Outcome.ADOPTED, decided_on=MADE_ON)
        for i, a in enumerate(agreements)
        for m in members[: i % 3]
        for organ in (Organ.COLLEGE, Organ.COUNCIL)
    )
    return agreements


def _count(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["anonymous", "coordinator"])
def test_agreement_list_query_count_is_constant(world, client_for, role):
    client = client_for(world.user(role))
    _add_agreements(world, 10)
    few = _count(client, url("agreement-list", world))
    _add_agreements(world, 990)
    assert Agreement.objects.count() == 1000
    assert _count(client, url("agreement-list", world)) == few


@pytest.mark.parametrize("role", ["anonymous", "coordinator"])
def test_agreement_detail_query_count_is_constant(world, client_for, role):
    """The detail page costs the same with 10 as with 1,000 agreements in the region."""
    client = client_for(world.user(role))
    first = _add_agreements(world, 10)[2]
    few = _count(client, reverse("web:agreement-detail", kwargs={"region": world.region.slug, "pk": first.pk}))
    _add_agreements(world, 990)
    assert _count(client, reverse("web:agreement-detail", kwargs={"region": world.region.slug, "pk": first.pk})) == few


# --- other topics: shown beside the main one, only those the reader may see ----------------------------------------


@pytest.fixture
def about_three(world):
    from regio.topics.tests.factories import TopicFactory

    main = TopicFactory(region=world.region, title="Warmtenet", slug="warmtenet")
    public = TopicFactory(region=world.region, title="Fietsroutes", slug="fietsroutes")
    internal = TopicFactory(region=world.region, title="Geheim grondbeleid", slug="geheim-grondbeleid", internal=True)
    agreement = AgreementFactory(region=world.region, title="Warmte en fietsen", participants=[world.own],
                                 made_on=MADE_ON, topic=main)
    agreement.other_topics.set([public, internal])
    return agreement


def test_signed_in_detail_lists_the_other_topics_the_reader_may_see(world, client_for, about_three):
    from regio.access.tests.factories import UserFactory

    granted = client_for(world.user("reader")).get(about_three.get_absolute_url()).content.decode()
    assert "Other topics" in granted and "Fietsroutes" in granted and "Geheim grondbeleid" in granted
    ungranted = client_for(UserFactory(username="zonder-rechten")).get(about_three.get_absolute_url())
    assert ungranted.status_code == 200
    html = ungranted.content.decode()
    assert "Warmtenet" in html and "Fietsroutes" in html
    assert "Geheim grondbeleid" not in html


def test_public_detail_lists_public_other_topics_only_and_the_topic_page_lists_it(world, client, about_three):
    detail = client.get(reverse("publication:agreement-detail", kwargs={"region": world.region.slug,
                                                                        "pk": about_three.pk}))
    html = detail.content.decode()
    assert detail.status_code == 200
    assert "Fietsroutes" in html and "Geheim grondbeleid" not in html
    page = client.get(reverse("publication:topic-detail", kwargs={"region": world.region.slug, "slug": "fietsroutes"}))
    assert page.content.decode().count("Warmte en fietsen") >= 1
    assert [a.title for a in page.context["related"].agreements] == ["Warmte en fietsen"]


def test_coordinator_chooses_other_topics_in_the_form(world, client_for, about_three):
    from regio.topics.models import Topic

    client = client_for(world.user("coordinator"))
    form = client.get(url("agreement-edit", world, pk=about_three.pk)).content.decode()
    assert "Other topics" in form and "Geheim grondbeleid" in form
    fietsroutes, warmtenet = Topic.objects.get(slug="fietsroutes"), Topic.objects.get(slug="warmtenet")
    response = client.post(url("agreement-edit", world, pk=about_three.pk), {
        "title": "Warmte en fietsen", "text": "Samen.", "made_on": "2019-03-14", "participants": [str(world.own.pk)],
        "topic": str(warmtenet.pk), "other_topics": [str(fietsroutes.pk), str(warmtenet.pk)],
        "visibility": "openbaar", "version": str(about_three.version),
    })
    assert response.status_code == 302
    assert [t.slug for t in Agreement.objects.get(pk=about_three.pk).other_topics.all()] == ["fietsroutes"]
