"""Shared fixtures: a small region with users in every role, and the loaded Leidse regio.

The roles are the ones the permission rules speak of: an anonymous visitor, a signed-in reader,
an editor of a member municipality ("own") and of another member ("other"), the regional
coordinator, and a superuser.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from regio.data.municipalities import by_cbs_code

ROLES = ("anonymous", "reader", "editor_own", "editor_other", "coordinator", "superuser")


def national_municipality(cbs_code: str):
    """A Municipality row for a real municipality of the national list."""
    from regio.regions.tests.factories import MunicipalityFactory

    record = by_cbs_code(cbs_code)
    return MunicipalityFactory(cbs_code=record.cbs_code, name=record.name, province=record.province)


@dataclass
class World:
    region: object
    own: object  # Leiden, the municipality of editor_own
    other: object  # Leiderdorp, the municipality of editor_other
    third: object  # Oegstgeest, a member nobody edits for
    outsider: object  # Amsterdam, not a member of the region
    spearheads: list
    foreign_spearhead: object  # belongs to another region's vision
    users: dict = field(default_factory=dict)

    def user(self, role: str):
        return self.users[role]


@pytest.fixture
def world(db) -> World:
    from django.contrib.auth.models import AnonymousUser

    from regio.access.tests.factories import GrantFactory, UserFactory
    from regio.regions.tests.factories import RegionFactory
    from regio.visions.tests.factories import SpearheadFactory, VisionFactory

    own, other, third = (national_municipality(code) for code in ("GM0546", "GM0547", "GM0579"))
    outsider = national_municipality("GM0363")
    region = RegionFactory(name="Proefregio", slug="proefregio", members=[own, other, third])
    vision = VisionFactory(region=region, title="Toekomstvisie Proefregio")
    spearheads = [
        SpearheadFactory(vision=vision, code="wonen", name="Wonen", order=1),
        SpearheadFactory(vision=vision, code="energie", name="Energie", order=2),
    ]
    elsewhere = RegionFactory(name="Andere regio", slug="andere-regio", members=[outsider])
    foreign = SpearheadFactory(vision=VisionFactory(region=elsewhere), code="wonen", name="Wonen elders", order=1)

    users = {
        "anonymous": AnonymousUser(),
        "reader": GrantFactory(reader=True, region=region, user=UserFactory(username="lezer")).user,
        "editor_own": GrantFactory(editor=True, region=region, municipality=own, user=UserFactory(username="leiden")).user,
        "editor_other": GrantFactory(
            editor=True, region=region, municipality=other, user=UserFactory(username="leiderdorp")
        ).user,
        "coordinator": GrantFactory(coordinator=True, region=region, user=UserFactory(username="coordinator")).user,
        "superuser": UserFactory(username="beheerder", superuser=True),
    }
    return World(region, own, other, third, outsider, spearheads, foreign, users)


@pytest.fixture
def leidse_regio(db):
    """The built-in Leidse regio, loaded through the region-file service."""
    from regio.regionfiles.schema import read_region_file
    from regio.regionfiles.services import region_load

    return region_load(spec=read_region_file("leidse-regio")).region


def signed_in_fully(client, user):
    """Sign `user` in on the test client with password and, where required, the second factor done."""
    from regio.access.two_factor import VERIFIED_KEY

    client.force_login(user)
    session = client.session
    session[VERIFIED_KEY] = True
    session.save()
    return client


@pytest.fixture
def client_for(client):
    """client_for(user) -> the test client, signed in as `user` (anonymous stays signed out)."""

    def sign_in(user):
        client.logout()
        if user is not None and user.is_authenticated:
            signed_in_fully(client, user)
        return client

    return sign_in


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts and ends in the default language. A request activates its language for the rest of
    the thread (LocaleMiddleware does not put it back), so an English page fetched in one test would
    otherwise make a later test's Dutch messages English."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fast_password_hashing(request):
    # The factories set real passwords; the default hasher would make every user cost a quarter second.
    # (Only under pytest-django: the pure-Python packages' tests also run without Django.)
    if request.config.pluginmanager.hasplugin("django"):
        request.getfixturevalue("settings").PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def rate_limit_counts_cleared(request):
    # The rate limits count in the default cache (per process); each test starts with no requests counted.
    if request.config.pluginmanager.hasplugin("django"):
        from django.core.cache import cache

        cache.clear()


@pytest.fixture(autouse=True)
def no_caching(request):
    # Tests write with factories, which do not raise the change counter that keys cached pages and
    # fragments; so tests run without a cache, and the caching tests turn one on (`page_cache`).
    if request.config.pluginmanager.hasplugin("django"):
        settings = request.getfixturevalue("settings")
        settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


@pytest.fixture
def page_cache(settings):
    """A real (local memory) cache, empty, for the tests of caching itself."""
    from django.core.cache import caches

    settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
    caches["pages"].clear()
    return caches["pages"]
