"""Factories for regions, municipalities, organisations and persons.

Municipalities are drawn from the national list, so every factory-made municipality has a real CBS
code, name and province and would pass the region-file validation too.
"""

import factory
from django.utils.text import slugify

from regio.data.municipalities import current_municipalities
from regio.regions.models import (
    Municipality,
    Organisation,
    OrganisationKind,
    Person,
    Region,
    RegionMembership,
    Role,
    RoleKind,
)


def _record(n: int):
    records = current_municipalities()
    return records[n % len(records)]


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("cbs_code",)

    cbs_code = factory.Sequence(lambda n: _record(n).cbs_code)
    name = factory.Sequence(lambda n: _record(n).name)
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    province = factory.Sequence(lambda n: _record(n).province)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Regio {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    description = factory.Faker("sentence", locale="nl_NL")

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        """RegionFactory(members=[...]) makes the given municipalities members."""
        if create and extracted:
            for municipality in extracted:
                RegionMembership.objects.get_or_create(region=self, municipality=municipality)


class RegionMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegionMembership

    region = factory.SubFactory(RegionFactory)
    municipality = factory.SubFactory(MunicipalityFactory)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Faker("company", locale="nl_NL")
    kind = OrganisationKind.OTHER

    class Params:
        province = factory.Trait(name="Provincie Zuid-Holland", kind=OrganisationKind.PROVINCE)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Faker("name", locale="nl_NL")
    email = factory.Faker("email", locale="nl_NL")


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    person = factory.SubFactory(PersonFactory)
    kind = RoleKind.ALDERMAN
    municipality = factory.SubFactory(MunicipalityFactory)

    class Params:
        regional_portfolio = factory.Trait(kind=RoleKind.REGIONAL_PORTFOLIO_HOLDER, portfolio="regio")
