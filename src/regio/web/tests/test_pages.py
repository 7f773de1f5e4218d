"""Every page renders for every role, forms show their errors, internal topics stay hidden, and the
site speaks Dutch unless the visitor asks for English."""

from __future__ import annotations

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from regio.conftest import ROLES
from regio.regions.tests.factories import OrganisationFactory, PersonFactory, RoleFactory
from regio.topics.models import Participation, Result, Topic, TopicStatus
from regio.topics.tests.factories import (
    ParticipationFactory,
    ResultFactory,
    TopicFactory,
    TopicPartnerFactory,
    TopicStatusChangeFactory,
)
from regio.visions.tests.factories import MilestoneFactory, VisionAdoptionFactory



def nl(message: str) -> str:
    """The Dutch text of a message, as the pages show it."""
    with translation.override("nl"):
        return translation.gettext(message)


def titles(response) -> set[str]:
    """The topic titles linked from a page."""
    return set(re.findall(r'href="/proefregio/onderwerpen/(?!nieuw/)[\w-]+/"[^>]*>([^<]+)</a>', response.content.decode()))


@pytest.fixture
def site(world):
    wonen, energie = world.spearheads
    vision = wonen.vision
    for municipality in (world.own, world.other, world.third):
        VisionAdoptionFactory(vision=vision, municipality=municipality)
    warmtenet = TopicFactory(
        region=world.region, title="Warmtenet", description="Restwarmte voor de hele regio.", proposed_by=world.own,
        spearheads=[energie],
    )
    TopicStatusChangeFactory(topic=warmtenet, reason="Ingebracht door Leiden")
    ParticipationFactory(topic=warmtenet, municipality=world.own, initiator=True)
    ParticipationFactory(topic=warmtenet, municipality=world.other, follows=True)
    TopicPartnerFactory(topic=warmtenet, organisation=OrganisationFactory(province=True), role="Medefinancier")
    ResultFactory(topic=warmtenet, measurable=True, description="Aangesloten woningen")
    fietsroute = TopicFactory(
        region=world.region, title="Fietsroute", exploring=True, lead_municipality=world.other,
        description="Een snelle fietsverbinding.", spearheads=[wonen],
    )
    vertrouwelijk = TopicFactory(
        region=world.region, title="Vertrouwelijk", internal=True, proposed_by=world.third, spearheads=[wonen]
    )
    MilestoneFactory(region=world.region, title="Visie vastgesteld", start=datetime.date(2016, 11, 1),
                     end=datetime.date(2016, 11, 30))
    person = PersonFactory(name="A. Wethouder")
    RoleFactory(person=person, municipality=world.own, regional_portfolio=True)
    return {"warmtenet": warmtenet, "fietsroute": fietsroute, "vertrouwelijk": vertrouwelijk, "person": person}


def region_url(name: str, **kwargs) -> str:
    return reverse(f"web:{name}", kwargs={"region": "proefregio", **kwargs})


# --- the reading pages -------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_home_page(world, site, client_for, role):
    response = client_for(world.user(role)).get(region_url("region-home"))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="nl"' in page
    assert "Proefregio" in page and "Toekomstvisie Proefregio" in page
    for name in ("Leiden", "Leiderdorp", "Oegstgeest", "Wonen", "Energie", "Visie vastgesteld"):
        assert name in page
    assert {"Warmtenet", "Fietsroute"} <= titles(response)
    assert ("Vertrouwelijk" in titles(response)) is (role != "anonymous")
    open_points = page.split('id="open-heading"')[1].split("</section>")[0]
    assert "Warmtenet" in open_points and "Fietsroute" not in open_points
    assert nl("lead still to be appointed") in open_points


@pytest.mark.parametrize("role", ROLES)
def test_topic_list(world, site, client_for, role):
    response = client_for(world.user(role)).get(region_url("topic-list"))
    assert response.status_code == 200
    expected = {"Warmtenet", "Fietsroute"} | ({"Vertrouwelijk"} if role != "anonymous" else set())
    assert titles(response) == expected
    assert (nl("Add a topic") in response.content.decode()) is (role in ("editor_own", "editor_other", "coordinator", "superuser"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"spearhead": "energie"}, {"Warmtenet"}),
        ({"spearhead": "wonen"}, {"Fietsroute"}),
        ({"municipality": "leiden"}, {"Warmtenet"}),
        ({"municipality": "leiderdorp"}, {"Warmtenet", "Fietsroute"}),  # follows one, leads the other
        ({"municipality": "oegstgeest"}, set()),
        ({"status": "verkennen"}, {"Fietsroute"}),
        ({"status": "voorgesteld"}, {"Warmtenet"}),
        ({"lead": "open"}, {"Warmtenet"}),
        ({"lead": "set"}, {"Fietsroute"}),
        ({"q": "warmte"}, {"Warmtenet"}),
        ({"q": "fietsverbinding"}, {"Fietsroute"}),  # the description is searched too
        ({"q": "warmte", "status": "verkennen"}, set()),
    ],
)
def test_topic_list_filters(world, site, visitor, query, expected):
    response = visitor.get(region_url("topic-list"), query)
    assert response.status_code == 200
    assert titles(response) == expected
    if not expected:
        assert nl("No topics match these filters.") in response.content.decode()


def test_an_invalid_filter_shows_everything_public(world, site, visitor):
    response = visitor.get(region_url("topic-list"), {"status": "bestaat-niet"})
    assert titles(response) == {"Warmtenet", "Fietsroute"}


def test_the_htmx_topic_list_is_a_fragment(world, site, visitor):
    response = visitor.get(region_url("topic-list"), {"q": "fiets"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in page
    assert titles(response) == {"Fietsroute"}


@pytest.mark.parametrize("role", ROLES)
def test_topic_detail(world, site, client_for, role):
    response = client_for(world.user(role)).get(site["warmtenet"].get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1 class=\"utrecht-heading-1\">Warmtenet</h1>" in page
    assert "Restwarmte voor de hele regio." in page
    for text in ("Leiden", "Leiderdorp", "Oegstgeest", "Provincie Zuid-Holland", "Medefinancier", "Aangesloten woningen",
                 "Ingebracht door Leiden", nl("still to be appointed")):
        assert text in page, text
    assert 'value="25"' in page  # the progress bar: 50 of 0 -> 200
    can_edit = role in ("editor_own", "coordinator", "superuser")
    assert (region_url("topic-edit", slug="warmtenet") in page) is can_edit
    assert (region_url("result-create", slug="warmtenet") in page) is can_edit
    # Each editor gets a participation form for its own municipality; coordinators for all of them.
    forms = set(re.findall(r'action="/proefregio/onderwerpen/warmtenet/deelname/([\w-]+)/"', page))
    assert forms == {
        "anonymous": set(), "reader": set(), "editor_own": {"leiden"}, "editor_other": {"leiderdorp"},
        "coordinator": {"leiden", "leiderdorp", "oegstgeest"}, "superuser": {"leiden", "leiderdorp", "oegstgeest"},
    }[role]


@pytest.mark.parametrize("role", ROLES)
def test_municipality_page(world, site, client_for, role):
    response = client_for(world.user(role)).get(region_url("municipality-detail", slug="leiderdorp"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Leiderdorp" in page and "GM0547" in page
    leads = page.split('id="leads-heading"')[1].split("</section>")[0]
    assert "Fietsroute" in leads and "Warmtenet" not in leads
    assert "Warmtenet" in page  # under "follows"


def test_a_non_member_municipality_page_is_404(world, site, visitor):
    assert visitor.get(region_url("municipality-detail", slug="amsterdam")).status_code == 404


def test_an_unknown_region_or_topic_is_404(world, site, visitor):
    assert visitor.get("/nergens/").status_code == 404
    assert visitor.get(region_url("topic-detail", slug="bestaat-niet")).status_code == 404


def test_the_index_lists_the_regions_or_goes_straight_to_the_only_one(world, client, visitor):
    response = visitor.get(reverse("web:index"))
    assert response.status_code == 200  # two regions in the world fixture
    assert "Proefregio" in response.content.decode() and "Andere regio" in response.content.decode()
    world.foreign_spearhead.vision.region.delete()
    response = visitor.get(reverse("web:index"))
    assert response.status_code == 302 and response["Location"] == region_url("region-home")


def test_the_login_page_and_signing_in(world, client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert nl("Sign in") in response.content.decode()
    assert 'name="username"' in response.content.decode()
    from regio.access.tests.factories import PASSWORD

    response = client.post(reverse("login"), {"username": "lezer", "password": PASSWORD})
    assert response.status_code == 302
    response = client.post(reverse("login"), {"username": "lezer", "password": "fout"})
    assert response.status_code == 200 and "utrecht-alert--error" in response.content.decode()


# --- internal topics ---------------------------------------------------------------------------


def test_internal_topics_are_hidden_from_anonymous_visitors(world, site, client_for):
    anonymous = client_for(None)
    assert "Vertrouwelijk" not in anonymous.get(region_url("region-home")).content.decode()
    assert "Vertrouwelijk" not in anonymous.get(region_url("topic-list")).content.decode()
    assert "Vertrouwelijk" not in anonymous.get(region_url("municipality-detail", slug="oegstgeest")).content.decode()
    assert anonymous.get(site["vertrouwelijk"].get_absolute_url()).status_code == 404
    reader = client_for(world.user("reader"))
    response = reader.get(site["vertrouwelijk"].get_absolute_url())
    assert response.status_code == 200 and nl("internal") in response.content.decode()


# --- the forms ---------------------------------------------------------------------------------

FORM_PAGES = {
    "create": lambda site: region_url("topic-create"),
    "edit": lambda site: region_url("topic-edit", slug="warmtenet"),
    "status": lambda site: region_url("topic-status", slug="warmtenet"),
    "lead": lambda site: region_url("topic-lead", slug="warmtenet"),
    "new result": lambda site: region_url("result-create", slug="warmtenet"),
    "edit result": lambda site: region_url("result-edit", slug="warmtenet", pk=site["warmtenet"].results.get().pk),
}


@pytest.mark.parametrize("page", FORM_PAGES)
@pytest.mark.parametrize("role", ["editor_own", "coordinator", "superuser"])
def test_the_forms_render_for_those_who_may_use_them(world, site, client_for, role, page):
    response = client_for(world.user(role)).get(FORM_PAGES[page](site))
    assert response.status_code == 200
    content = response.content.decode()
    assert '<form method="post"' in content and "csrfmiddlewaretoken" in content
    assert '<html lang="nl"' in content


def test_the_status_form_offers_only_the_allowed_next_steps(world, site, client_for):
    content = client_for(world.user("coordinator")).get(FORM_PAGES["status"](site)).content.decode()
    select = re.search(r'<select name="status".*?</select>', content, re.S).group(0)
    options = set(re.findall(r'<option value="([\w_]+)"', select))
    assert options == {"verkennen", "gestopt"}


def test_the_result_form_is_filled_with_the_result(world, site, client_for):
    content = client_for(world.user("coordinator")).get(FORM_PAGES["edit result"](site)).content.decode()
    assert 'value="Aangesloten woningen"' in content and 'value="200.00"' in content


def post_as(client_for, world, url, data, role="editor_own"):
    return client_for(world.user(role)).post(url, data)


def test_create_valid_and_invalid(world, site, client_for):
    url = FORM_PAGES["create"](site)
    base = {"title": "Zonnepanelen", "description": "", "proposed_by": "leiden",
            "cooperation_form": "bestuurlijk_overleg", "visibility": "openbaar"}
    response = post_as(client_for, world, url, {**base, "spearheads": []})
    assert response.status_code == 200
    assert nl("A topic must serve at least one spearhead of the vision; choose one or more.") in response.content.decode()
    response = post_as(client_for, world, url, {**base, "title": "", "spearheads": ["energie"]})
    assert response.status_code == 200 and nl("This field is required.") in response.content.decode()
    assert not Topic.objects.filter(title="Zonnepanelen").exists()

    client = client_for(world.user("editor_own"))
    response = client.post(url, {**base, "spearheads": ["energie", "wonen"]})
    topic = Topic.objects.get(title="Zonnepanelen")
    assert response.status_code == 302 and response["Location"] == topic.get_absolute_url()
    assert topic.proposed_by == world.own and topic.spearheads.count() == 2
    followed = client.get(response["Location"])
    assert nl("The topic has been added.") in followed.content.decode()


def test_edit_valid_and_invalid(world, site, client_for):
    url = FORM_PAGES["edit"](site)
    base = {"title": "Warmtenet Leidse regio", "description": "Nieuw", "cooperation_form": "convenant", "visibility": "openbaar",
            "version": "1"}
    response = post_as(client_for, world, url, {**base, "spearheads": []})
    assert response.status_code == 200
    assert nl("A topic must serve at least one spearhead of the vision; choose one or more.") in response.content.decode()
    assert Topic.objects.get(pk=site["warmtenet"].pk).title == "Warmtenet"

    response = post_as(client_for, world, url, {**base, "spearheads": ["wonen"]})
    topic = Topic.objects.get(pk=site["warmtenet"].pk)
    assert response.status_code == 302 and response["Location"] == topic.get_absolute_url()
    assert (topic.title, topic.slug, topic.cooperation_form) == ("Warmtenet Leidse regio", "warmtenet-leidse-regio", "convenant")


def test_status_valid_and_invalid(world, site, client_for):
    url = FORM_PAGES["status"](site)
    version = site["warmtenet"].version  # the form carries the topic's version it was loaded with
    response = post_as(client_for, world, url, {"status": "verkennen", "changed_on": "2019-02-01", "reason": "",
                                                "version": version})
    assert response.status_code == 200 and nl("This field is required.") in response.content.decode()
    response = post_as(client_for, world, url, {"status": "afgerond", "changed_on": "2019-02-01", "reason": "Klaar",
                                                "version": version})
    assert response.status_code == 200 and "utrecht-form-field-error-message" in response.content.decode()
    assert Topic.objects.get(pk=site["warmtenet"].pk).status == TopicStatus.PROPOSED

    response = post_as(client_for, world, url, {"status": "verkennen", "changed_on": "2019-02-01", "reason": "Start",
                                                "version": version})
    assert response.status_code == 302
    topic = Topic.objects.get(pk=site["warmtenet"].pk)
    assert topic.status == TopicStatus.EXPLORING
    change = topic.status_changes.latest("recorded_at")
    assert (change.changed_on, change.reason, change.changed_by) == (datetime.date(2019, 2, 1), "Start", world.user("editor_own"))


def test_lead_valid_and_invalid(world, site, client_for):
    url = FORM_PAGES["lead"](site)
    person = str(site["person"].pk)
    version = Topic.objects.get(pk=site["warmtenet"].pk).version  # as the form is loaded; refusals do not raise it
    response = post_as(client_for, world, url, {"municipality": "", "person": person, "version": version},
                       role="coordinator")
    assert response.status_code == 200
    assert nl("Name the lead municipality before naming a lead person.") in response.content.decode()
    response = post_as(client_for, world, url, {"municipality": "leiderdorp", "person": "", "version": version})
    assert response.status_code == 200
    assert nl("An editor may put its own municipality forward as lead only while the lead is still to be appointed, "
              "or step down from a lead it holds; moving a lead another municipality holds is for the coordinator.") \
        in response.content.decode()
    assert Topic.objects.get(pk=site["warmtenet"].pk).lead_is_open

    response = post_as(client_for, world, url, {"municipality": "leiden", "person": person, "version": version})
    assert response.status_code == 302
    topic = Topic.objects.get(pk=site["warmtenet"].pk)
    assert (topic.lead_municipality, topic.lead_person) == (world.own, site["person"])


def test_result_valid_and_invalid(world, site, client_for):
    url, edit = FORM_PAGES["new result"](site), FORM_PAGES["edit result"](site)
    data = {"description": "Minder aardgas", "indicator": "m3", "unit": "m3", "baseline": "100", "target_value": "100",
            "target_date": "", "current_value": ""}
    response = post_as(client_for, world, url, data)
    assert response.status_code == 200
    assert nl("The target must differ from the baseline, or progress cannot be measured.") in response.content.decode()
    assert not Result.objects.filter(description="Minder aardgas").exists()

    response = post_as(client_for, world, url, {**data, "target_value": "40", "current_value": "70"})
    assert response.status_code == 302
    assert Result.objects.get(description="Minder aardgas").progress_percent == 50

    response = post_as(client_for, world, edit, {**data, "description": "Aangesloten woningen", "target_value": "300",
                                                 "current_value": "150", "baseline": "0", "version": "1"})
    assert response.status_code == 302
    assert site["warmtenet"].results.get(description="Aangesloten woningen").progress_percent == 50


def test_a_result_of_another_topic_is_404_through_this_topic(world, site, client_for):
    other = ResultFactory(topic=site["fietsroute"])
    response = client_for(world.user("coordinator")).get(region_url("result-edit", slug="warmtenet", pk=other.pk))
    assert response.status_code == 404


# --- participation -----------------------------------------------------------------------------


def participation_url(municipality: str) -> str:
    return region_url("topic-participation", slug="warmtenet", municipality=municipality)


def loaded_version(topic, municipality) -> int:
    """The version the row's form carries: the stored choice's, 0 when there is none yet."""
    stored = Participation.objects.filter(topic=topic, municipality=municipality).first()
    return stored.version if stored else 0


def test_participation_post_redirects_with_a_message(world, site, client_for):
    client = client_for(world.user("editor_other"))
    response = client.post(participation_url("leiderdorp"), {"role": "doet_mee", "note": "Collegebesluit",
                                                              "version": loaded_version(site["warmtenet"], world.other)})
    assert response.status_code == 302 and response["Location"] == site["warmtenet"].get_absolute_url()
    participation = Participation.objects.get(topic=site["warmtenet"], municipality=world.other)
    assert (participation.role, participation.note) == ("doet_mee", "Collegebesluit")
    followed = client.get(response["Location"]).content.decode()
    assert "utrecht-alert--ok" in followed and "Leiderdorp" in followed


def test_participation_post_with_a_bad_role_shows_the_error(world, site, client_for):
    client = client_for(world.user("editor_other"))
    response = client.post(participation_url("leiderdorp"), {"role": "misschien", "note": "",
                                                              "version": loaded_version(site["warmtenet"], world.other)})
    assert response.status_code == 302
    followed = client.get(response["Location"]).content.decode()
    assert "utrecht-alert--error" in followed
    assert Participation.objects.get(topic=site["warmtenet"], municipality=world.other).role == "volgt"


def test_participation_post_with_htmx_returns_the_row(world, site, client_for):
    client = client_for(world.user("editor_other"))
    response = client.post(participation_url("leiderdorp"), {
        "role": "doet_niet_mee", "note": "", "version": loaded_version(site["warmtenet"], world.other)},
        headers={"HX-Request": "true"})
    assert response.status_code == 200
    row = response.content.decode()
    assert row.startswith('<tr class="utrecht-table__row" id="deelname-leiderdorp">')
    assert "<html" not in row and nl("Saved") in row
    assert re.search(r'<option value="doet_niet_mee" selected>', row)
    assert Participation.objects.get(topic=site["warmtenet"], municipality=world.other).role == "doet_niet_mee"

    response = client.post(participation_url("leiderdorp"), {
        "role": "", "note": "", "version": loaded_version(site["warmtenet"], world.other)}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert Participation.objects.get(topic=site["warmtenet"], municipality=world.other).role == "doet_niet_mee"


def test_participation_of_a_non_member_is_404(world, site, client_for):
    response = client_for(world.user("coordinator")).post(participation_url("amsterdam"), {"role": "doet_mee"})
    assert response.status_code == 404


# --- language ----------------------------------------------------------------------------------


def test_dutch_is_the_default_language(world, site, visitor):
    assert settings.LANGUAGE_CODE == "nl"
    assert nl("Open points") != "Open points", "the Dutch catalogue is missing"
    page = visitor.get(region_url("region-home")).content.decode()
    assert '<html lang="nl"' in page
    assert nl("Open points") in page and nl("Milestones") in page
    assert ">Open points<" not in page


def test_english_through_the_language_cookie(world, site, visitor):
    visitor.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = visitor.get(region_url("region-home")).content.decode()
    assert '<html lang="en"' in page and "Open points" in page


def test_english_through_accept_language(world, site, visitor):
    page = visitor.get(region_url("region-home"), headers={"Accept-Language": "en"}).content.decode()
    assert '<html lang="en"' in page and "Open points" in page


def test_the_language_switch_sets_the_cookie(world, site, visitor):
    response = visitor.post(reverse("set_language"), {"language": "en", "next": region_url("topic-list")})
    assert response.status_code == 302
    assert visitor.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert '<html lang="en"' in visitor.get(region_url("topic-list")).content.decode()
