"""Fixtures of the signed-in pages.

Anonymous visitors of these pages are redirected to the public site or the login page (see
`test_public_surface.py`). What an anonymous visitor used to see here, a signed-in user without any
grant in the region still sees: the public view. So in these tests the role "anonymous" reads the
pages as such a user, and `visitor` is a test client signed in that way.
"""

from __future__ import annotations

import pytest

from regio.conftest import signed_in_fully


@pytest.fixture
def no_rights_user(db):
    from regio.access.tests.factories import UserFactory

    return UserFactory(username="zonder-rechten")


@pytest.fixture
def client_for(client, no_rights_user):
    """client_for(user) -> the test client signed in as `user`; anonymous and None read the public view."""

    def sign_in(user):
        client.logout()
        # With the second factor done where the user's role requires it (coordinators, staff).
        return signed_in_fully(client, user if user is not None and user.is_authenticated else no_rights_user)

    return sign_in


@pytest.fixture
def visitor(client, no_rights_user):
    """The test client signed in as a user without rights in any region."""
    return signed_in_fully(client, no_rights_user)
