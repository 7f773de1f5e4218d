"""Factories for visions, their adoptions and spearheads, and milestones."""

import datetime

import factory

from regio.regions.tests.factories import MunicipalityFactory, RegionFactory
from regio.visions.models import Milestone, Spearhead, Vision, VisionAdoption


class VisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vision

    region = factory.SubFactory(RegionFactory)
    title = factory.Sequence(lambda n: f"Toekomstvisie {2020 + n}")
    subtitle = factory.Faker("catch_phrase", locale="nl_NL")
    summary = factory.Faker("paragraph", locale="nl_NL")


class VisionAdoptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VisionAdoption

    vision = factory.SubFactory(VisionFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    adopted_start = datetime.date(2016, 11, 1)
    adopted_end = datetime.date(2016, 11, 30)
    unanimous = True

    class Params:
        on_a_day = factory.Trait(adopted_end=factory.SelfAttribute("adopted_start"))
        divided = factory.Trait(unanimous=False)


class SpearheadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Spearhead

    vision = factory.SubFactory(VisionFactory)
    code = factory.Sequence(lambda n: f"speerpunt_{n}")
    name = factory.Sequence(lambda n: f"Speerpunt {n}")
    wording = factory.Faker("sentence", locale="nl_NL")
    order = factory.Sequence(lambda n: n + 1)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    region = factory.SubFactory(RegionFactory)
    start = datetime.date(2018, 9, 1)
    end = datetime.date(2018, 9, 30)
    title = factory.Faker("sentence", nb_words=4, locale="nl_NL")
    description = factory.Faker("sentence", locale="nl_NL")

    class Params:
        planned = factory.Trait(start=datetime.date(2099, 1, 1), end=datetime.date(2099, 3, 31))
