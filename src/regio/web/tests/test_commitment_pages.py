"""Commitment pages (web/agreement_views.py): list and filters, per council, detail, forms; home page signals."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from regio.commitments.models import Commitment, CommitmentState
from regio.commitments.tests.factories import CommitmentFactory
from regio.conftest import ROLES

DUE = datetime.date(2019, 2, 28)


@pytest.fixture(autouse=True)
def english(settings):
    """Assert on the English msgids, so the tests hold whatever the Dutch catalogue says."""
    settings.LANGUAGE_CODE = "en"


def url(name, world, **kwargs):
    return reverse(f"web:{name}", kwargs={"region": world.region.slug, **kwargs})


@pytest.fixture
def promise(world):
    return CommitmentFactory(
        region=world.region,
        title="Raden informeren",
        due_date=DUE,
        promised_by_municipalities=[world.own],
        recipient_councils=[world.own, world.other],
    )


def text(response):
    return " ".join(response.content.decode().split())


@pytest.mark.parametrize("role", ROLES)
def test_pages_render_for_each_role(world, client_for, promise, role):
    client = client_for(world.user(role))
    for path in (
        url("commitment-list", world),
        url("council-commitments", world, slug=world.own.slug),
        promise.get_absolute_url(),
        url("region-home", world),
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Raden informeren" in response.content.decode(), path
    may_edit = role in ("coordinator", "superuser")
    may_resolve = role in ("coordinator", "superuser", "editor_own")
    detail = client.get(promise.get_absolute_url()).content.decode()
    assert (url("commitment-edit", world, pk=promise.pk) in detail) is may_edit
    assert (url("commitment-fulfil", world, pk=promise.pk) in detail) is may_resolve
    expected = 200 if may_resolve else 403
    assert client.get(url("commitment-fulfil", world, pk=promise.pk)).status_code == expected


@freeze_time("2026-05-01")
def test_overdue_is_stated_plainly(world, visitor, promise, settings):
    assert "overdue since 28 February 2019" in text(visitor.get(promise.get_absolute_url()))
    assert "overdue since 28 February 2019" in text(visitor.get(url("region-home", world)))
    settings.LANGUAGE_CODE = "nl"
    # The date is formatted in the visitor's language.
    assert "28 februari 2019" in text(visitor.get(url("region-home", world)))


@freeze_time("2019-02-10")
def test_due_soon_on_the_home_page(world, visitor, promise):
    html = text(visitor.get(url("region-home", world)))
    assert "due soon: by 28 February 2019" in html
    assert "overdue since" not in html


@freeze_time("2026-05-01")
def test_fulfilled_is_not_overdue(world, visitor, promise):
    CommitmentFactory(region=world.region, title="Al gedaan", recipient_councils=[world.own], fulfilled=True)
    html = text(visitor.get(url("region-home", world)))
    assert "Al gedaan" not in html
    assert "Raden informeren" in html


def test_council_page_lists_what_was_promised_to_it(world, visitor, promise):
    CommitmentFactory(region=world.region, title="Alleen voor Oegstgeest", recipient_councils=[world.third])
    own = text(visitor.get(url("council-commitments", world, slug=world.own.slug)))
    third = text(visitor.get(url("council-commitments", world, slug=world.third.slug)))
    assert "Raden informeren" in own and "Alleen voor Oegstgeest" not in own
    assert "Alleen voor Oegstgeest" in third and "Raden informeren" not in third
    assert visitor.get(url("council-commitments", world, slug=world.outsider.slug)).status_code == 404


@freeze_time("2019-02-10")
def test_list_filters(world, visitor, promise):
    CommitmentFactory(
        region=world.region, title="Later", due_date=datetime.date(2019, 9, 1), recipient_councils=[world.third]
    )
    CommitmentFactory(
        region=world.region, title="Te laat", due_date=datetime.date(2019, 1, 1), recipient_councils=[world.third]
    )
    CommitmentFactory(region=world.region, title="Nagekomen", recipient_councils=[world.third], fulfilled=True)

    def shown(**params):
        response = visitor.get(url("commitment-list", world), params)
        return {c.title for c in response.context["commitments"]}

    assert shown() == {"Raden informeren", "Later", "Te laat", "Nagekomen"}
    assert shown(council=world.own.slug) == {"Raden informeren"}
    assert shown(municipality=world.own.slug) == {"Raden informeren"}
    assert shown(state=CommitmentState.FULFILLED) == {"Nagekomen"}
    assert shown(overdue="on") == {"Te laat"}
    assert shown(due_soon="on") == {"Raden informeren"}
    partial = visitor.get(url("commitment-list", world), {"overdue": "on"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and "Te laat" in partial


def test_internal_commitments_hidden_from_anonymous(world, client_for):
    internal = CommitmentFactory(
        region=world.region, title="Interne toezegging", recipient_councils=[world.own], internal=True
    )
    anonymous = client_for(world.user("anonymous"))
    for path in (
        url("commitment-list", world),
        url("council-commitments", world, slug=world.own.slug),
        url("region-home", world),
    ):
        assert "Interne toezegging" not in anonymous.get(path).content.decode()
    assert anonymous.get(internal.get_absolute_url()).status_code == 404
    reader = client_for(world.user("reader"))
    assert reader.get(internal.get_absolute_url()).status_code == 200


def commitment_data(world, **overrides):
    data = {
        "title": "Raden informeren",
        "promised_by": "De colleges",
        "due_date": "2019-02-28",
        "promised_by_municipalities": [str(world.own.pk)],
        "recipient_councils": [str(world.own.pk), str(world.third.pk)],
        "visibility": "openbaar",
    }
    data.update(overrides)
    return data


def test_coordinator_creates_and_edits_a_commitment(world, client_for):
    client = client_for(world.user("coordinator"))
    response = client.post(url("commitment-create", world), commitment_data(world))
    commitment = Commitment.objects.get()
    assert response.status_code == 302 and response.url == commitment.get_absolute_url()
    assert set(commitment.recipient_councils.all()) == {world.own, world.third}
    client.post(
        url("commitment-edit", world, pk=commitment.pk), {**commitment_data(world, title="Raden informeren (nieuw)"), "version": "1"}
    )
    commitment.refresh_from_db()
    assert commitment.title == "Raden informeren (nieuw)"


def test_a_commitment_without_recipient_is_refused_naming_the_field(world, client_for):
    client = client_for(world.user("coordinator"))
    response = client.post(url("commitment-create", world), commitment_data(world, recipient_councils=[]))
    assert response.status_code == 200
    assert "Say to whom the promise was made" in " ".join(response.context["form"].errors["recipient_councils"])
    assert 'id="id_recipient_councils-error"' in response.content.decode()
    assert not Commitment.objects.exists()


@pytest.mark.parametrize("role", ["editor_own", "editor_other", "reader"])
def test_only_the_coordinator_may_create(world, client_for, role):
    response = client_for(world.user(role)).post(url("commitment-create", world), commitment_data(world))
    assert response.status_code == 403
    assert not Commitment.objects.exists()


def test_promising_editor_fulfils_with_evidence(world, client_for, promise):
    client = client_for(world.user("editor_own"))
    empty = client.post(url("commitment-fulfil", world, pk=promise.pk), {"evidence": "", "on": "2019-02-26", "version": "1"})
    assert empty.status_code == 200 and "evidence" in empty.context["form"].errors
    response = client.post(
        url("commitment-fulfil", world, pk=promise.pk), {"evidence": "Raadsinformatiebrief", "on": "2019-02-26", "version": "1"}
    )
    assert response.status_code == 302
    promise.refresh_from_db()
    assert promise.state == CommitmentState.FULFILLED and promise.evidence == "Raadsinformatiebrief"
    again = client.post(url("commitment-withdraw", world, pk=promise.pk), {"evidence": "Toch niet", "on": "2019-03-01",
                                                                       "version": "2"})
    assert again.status_code == 200 and "already" in again.content.decode()
    promise.refresh_from_db()
    assert promise.state == CommitmentState.FULFILLED


def test_other_editor_may_not_withdraw(world, client_for, promise):
    response = client_for(world.user("editor_other")).post(
        url("commitment-withdraw", world, pk=promise.pk), {"evidence": "Vervallen", "on": "2019-03-01"}
    )
    assert response.status_code == 403
    promise.refresh_from_db()
    assert promise.state == CommitmentState.OPEN


def test_coordinator_withdraws_with_a_reason(world, client_for, promise):
    client = client_for(world.user("coordinator"))
    response = client.post(
        url("commitment-withdraw", world, pk=promise.pk), {"evidence": "Vervallen", "on": "2019-03-01", "version": "1"}
    )
    assert response.status_code == 302
    promise.refresh_from_db()
    assert promise.state == CommitmentState.WITHDRAWN and promise.evidence == "Vervallen"


def _add_commitments(world, count, start=0):
    members = [world.own, world.other, world.third]
    commitments = Commitment.objects.bulk_create(
        Commitment(
            region=world.region,
            title=f"Toezegging {start + i:04d}",
            promised_by="De colleges",
            due_date=DUE + datetime.timedelta(days=i % 60),
        )
        for i in range(count)
    )
    Commitment.recipient_councils.through.objects.bulk_create(
        Commitment.recipient_councils.through(commitment_id=c.pk, municipality_id=m.pk)
        for c in commitments
        for m in members
    )
    Commitment.promised_by_municipalities.through.objects.bulk_create(
        Commitment.promised_by_municipalities.through(commitment_id=c.pk, municipality_id=m.pk)
        for c in commitments
        for m in members
    )


def _count(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@freeze_time("2019-03-15")
@pytest.mark.parametrize("role", ["anonymous", "coordinator"])
@pytest.mark.parametrize("page", ["commitment-list", "region-home"])
def test_query_count_is_constant(world, client_for, role, page):
    client = client_for(world.user(role))
    path = url(page, world)
    _add_commitments(world, 10)
    few = _count(client, path)
    _add_commitments(world, 990, start=10)
    assert Commitment.objects.count() == 1000
    assert _count(client, path) == few


def test_council_page_query_count_is_constant(world, visitor):
    path = url("council-commitments", world, slug=world.own.slug)
    _add_commitments(world, 10)
    few = _count(visitor, path)
    _add_commitments(world, 990, start=10)
    assert _count(visitor, path) == few


def test_the_leidse_regio_promise_is_overdue_on_its_home_page(leidse_regio, visitor):
    html = text(visitor.get(reverse("web:region-home", kwargs={"region": leidse_regio.slug})))
    assert "Raden informeren over de concrete onderwerpen" in html
    assert "overdue since 28 February 2019" in html
