"""Factories for agreements and municipal decisions. They write rows directly to set the scene;
the tests exercise the services."""

import datetime

import factory

from regio.core.models import Visibility
from regio.meetings.models import Agreement, DecisionKind, MunicipalDecision, Organ, Outcome
from regio.regions.tests.factories import MunicipalityFactory, RegionFactory


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    region = factory.SubFactory(RegionFactory)
    title = factory.Sequence(lambda n: f"Afspraak {n:04d}")
    text = factory.Faker("paragraph", locale="nl_NL")
    made_on = datetime.date(2019, 3, 14)
    council_decision_needed = False
    visibility = Visibility.PUBLIC

    class Params:
        internal = factory.Trait(visibility=Visibility.INTERNAL)
        with_councils = factory.Trait(council_decision_needed=True)
        example = factory.Trait(is_example=True)

    @factory.post_generation
    def participants(self, create, extracted, **kwargs):
        if create and extracted:
            self.participants.set(extracted)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MunicipalDecision

    agreement = factory.SubFactory(AgreementFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    organ = Organ.COLLEGE
    kind = DecisionKind.DECISION
    outcome = Outcome.ADOPTED
    decided_on = factory.LazyAttribute(lambda o: o.agreement.made_on + datetime.timedelta(days=14))

    class Params:
        council = factory.Trait(organ=Organ.COUNCIL)
        view = factory.Trait(organ=Organ.COUNCIL, kind=DecisionKind.VIEW)
