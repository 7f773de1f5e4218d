"""Factories for bodies, members, meetings, agenda items and attendance. They write rows directly to set
the scene; the tests exercise the services."""

import datetime

import factory
from django.utils import timezone
from django.utils.text import slugify

from regio.core.models import Visibility
from regio.meetings.models import AgendaItem, Attendance, Body, BodyKind, BodyMember, Meeting
from regio.regions.tests.factories import PersonFactory, RegionFactory


def local(year, month, day, hour=10, minute=0) -> datetime.datetime:
    """An aware datetime in the site's time zone."""
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body
        skip_postgeneration_save = True

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Overleg {n:04d}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = BodyKind.ADMINISTRATIVE
    meetings_per_year = 6
    usual_duration_hours = 2
    visibility = Visibility.PUBLIC

    class Params:
        internal = factory.Trait(visibility=Visibility.INTERNAL)
        example = factory.Trait(is_example=True)
        deciding = factory.Trait(kind=BodyKind.GR_GENERAL, may_decide=True, mandate="Gemeenschappelijke regeling")

    @factory.post_generation
    def spearheads(self, create, extracted, **kwargs):
        if create and extracted:
            self.spearheads.set(extracted)


class BodyMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BodyMember

    body = factory.SubFactory(BodyFactory)
    person = factory.SubFactory(PersonFactory)
    municipality = None
    organisation = None


class MeetingFactory(factory.django.DjangoModelFactory):
    """A dated meeting of two hours; MeetingFactory(window=True) is known only by the first quarter of 2019."""

    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    region = factory.SubFactory(RegionFactory)
    body = None
    title = factory.Sequence(lambda n: f"Vergadering {n:04d}")
    starts_at = factory.LazyFunction(lambda: local(2019, 3, 14, 10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2) if o.starts_at else None)
    place = "Leiden"
    visibility = Visibility.PUBLIC

    class Params:
        internal = factory.Trait(visibility=Visibility.INTERNAL)
        example = factory.Trait(is_example=True)
        cancelled_ = factory.Trait(cancelled=True)
        window = factory.Trait(
            starts_at=None, ends_at=None, window_start=datetime.date(2019, 1, 1), window_end=datetime.date(2019, 3, 31)
        )

    @factory.post_generation
    def invitees(self, create, extracted, **kwargs):
        if create and extracted:
            self.invitees.set(extracted)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Agendapunt {n}")


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
    present = True
