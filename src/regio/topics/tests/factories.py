"""Factories for topics and what hangs off them, with traits for their states.

These write rows directly (the services are what the tests exercise); use them to set the scene.
"""

from decimal import Decimal

import factory
from django.utils.text import slugify

from regio.core.models import Visibility
from regio.regions.tests.factories import MunicipalityFactory, OrganisationFactory, RegionFactory
from regio.topics.models import (
    Participation,
    ParticipationRole,
    Result,
    Topic,
    TopicPartner,
    TopicStatus,
    TopicStatusChange,
)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        skip_postgeneration_save = True

    region = factory.SubFactory(RegionFactory)
    title = factory.Sequence(lambda n: f"Onderwerp {n:04d}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    description = factory.Faker("paragraph", locale="nl_NL")
    status = TopicStatus.PROPOSED
    visibility = Visibility.PUBLIC

    class Params:
        internal = factory.Trait(visibility=Visibility.INTERNAL)
        exploring = factory.Trait(status=TopicStatus.EXPLORING)
        in_progress = factory.Trait(status=TopicStatus.IN_PROGRESS)
        completed = factory.Trait(status=TopicStatus.COMPLETED)
        stopped = factory.Trait(status=TopicStatus.STOPPED)

    @factory.post_generation
    def spearheads(self, create, extracted, **kwargs):
        if create and extracted:
            self.spearheads.set(extracted)


class TopicStatusChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TopicStatusChange

    topic = factory.SubFactory(TopicFactory)
    from_status = ""
    to_status = factory.SelfAttribute("topic.status")
    changed_on = factory.Faker("date_this_decade")
    reason = factory.Faker("sentence", locale="nl_NL")


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    topic = factory.SubFactory(TopicFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    role = ParticipationRole.PARTICIPATES

    class Params:
        initiator = factory.Trait(role=ParticipationRole.INITIATOR)
        follows = factory.Trait(role=ParticipationRole.FOLLOWS)
        declines = factory.Trait(role=ParticipationRole.DECLINES)


class TopicPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TopicPartner

    topic = factory.SubFactory(TopicFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = factory.Faker("sentence", nb_words=5, locale="nl_NL")


class ResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Result

    topic = factory.SubFactory(TopicFactory)
    description = factory.Faker("sentence", nb_words=6, locale="nl_NL")
    indicator = "aantal woningen"
    unit = "woningen"

    class Params:
        measurable = factory.Trait(baseline=Decimal("0"), target_value=Decimal("200"), current_value=Decimal("50"))

