"""Factories for the register of joint arrangements."""

import datetime

import factory

from regio.arrangements.models import Arrangement, ArrangementForm


class ArrangementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Arrangement
        skip_postgeneration_save = True

    region = factory.SubFactory("regio.regions.tests.factories.RegionFactory")
    name = factory.Sequence(lambda n: f"Gemeenschappelijke regeling {n}")
    slug = factory.Sequence(lambda n: f"regeling-{n}")
    form = ArrangementForm.PUBLIC_BODY
    legal_basis = "Wet gemeenschappelijke regelingen, art. 8"
    seat = "Leiden"
    powers = "Uitvoering van de Participatiewet"
    entered_into_force = datetime.date(2015, 1, 1)

    @factory.post_generation
    def participants(self, create, extracted, **kwargs):
        if create:
            self.participants.set(
                extracted if extracted is not None else [m.municipality for m in self.region.memberships.all()]
            )
