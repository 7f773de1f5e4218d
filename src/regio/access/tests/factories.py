"""Factories for users and their grants in a region."""

import factory
from django.contrib.auth import get_user_model

from regio.access.models import AccessLevel, Grant
from regio.regions.tests.factories import RegionFactory

PASSWORD = "regio-test-wachtwoord"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.Faker("email", locale="nl_NL")
    password = factory.django.Password(PASSWORD)

    class Params:
        superuser = factory.Trait(is_superuser=True, is_staff=True)
        inactive = factory.Trait(is_active=False)


class GrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grant

    user = factory.SubFactory(UserFactory)
    region = factory.SubFactory(RegionFactory)
    level = AccessLevel.READER
    municipality = None

    class Params:
        coordinator = factory.Trait(level=AccessLevel.COORDINATOR)
        reader = factory.Trait(level=AccessLevel.READER)
        # An editor needs a member municipality: GrantFactory(editor=True, municipality=leiden).
        editor = factory.Trait(level=AccessLevel.EDITOR)
