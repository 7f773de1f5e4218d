"""Factories for commitments, with traits for their states. They write rows directly to set the scene."""

import datetime

import factory

from regio.commitments.models import Commitment, CommitmentState
from regio.core.models import Visibility
from regio.regions.tests.factories import RegionFactory


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment
        skip_postgeneration_save = True

    region = factory.SubFactory(RegionFactory)
    title = factory.Sequence(lambda n: f"Toezegging {n:04d}")
    description = factory.Faker("sentence", locale="nl_NL")
    promised_by = "De colleges"
    due_date = datetime.date(2019, 2, 28)
    state = CommitmentState.OPEN
    visibility = Visibility.PUBLIC

    class Params:
        internal = factory.Trait(visibility=Visibility.INTERNAL)
        fulfilled = factory.Trait(
            state=CommitmentState.FULFILLED, resolved_on=datetime.date(2019, 2, 20), evidence="Raadsinformatiebrief"
        )
        withdrawn = factory.Trait(
            state=CommitmentState.WITHDRAWN, resolved_on=datetime.date(2019, 2, 20), evidence="Niet meer nodig"
        )

    @factory.post_generation
    def promised_by_municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.promised_by_municipalities.set(extracted)

    @factory.post_generation
    def recipient_councils(self, create, extracted, **kwargs):
        if create and extracted:
            self.recipient_councils.set(extracted)
