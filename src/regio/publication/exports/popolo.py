"""The region as Popolo JSON (https://www.popoloproject.com): the model Open Raadsinformatie builds on.

- organizations: the region (samenwerkingsverband), each member municipality with its college and
  council as child organizations, the region's public bodies, and partner organisations;
- persons: everyone who holds a role for a member, sits in or chairs a public body, attended a public
  meeting or leads a public topic;
- posts: one per position (e.g. wethouder of the college of Leiden) that a role fills;
- memberships: roles (with start and end) and body members, chairs and secretaries;
- events: public meetings, with their agenda items both as the meeting's `agenda` and as sub-events
  (`parent_id`) as Popolo's event specification describes them.

Identifiers are paths under the region (e.g. `leidse-regio/gemeente/GM0546/college`), stable across
exports as long as the records are not deleted.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.text import slugify

from regio.meetings.models import Body
from regio.publication.exports import selectors
from regio.regions.models import Municipality, Organisation, Person, Region, RoleKind

TOOI_MUNICIPALITY = "https://identifier.overheid.nl/tooi/id/gemeente/"
COLLEGE_ROLES = {RoleKind.MAYOR, RoleKind.ALDERMAN, RoleKind.REGIONAL_PORTFOLIO_HOLDER, RoleKind.MUNICIPAL_SECRETARY}
COUNCIL_ROLES = {RoleKind.COUNCIL_MEMBER, RoleKind.CLERK}


class _Ids:
    def __init__(self, region: Region):
        self.base = region.slug

    def region(self) -> str:
        return f"{self.base}"

    def municipality(self, m: Municipality, part: str = "") -> str:
        return f"{self.base}/gemeente/{m.cbs_code}" + (f"/{part}" if part else "")

    def body(self, b: Body) -> str:
        return f"{self.base}/gremium/{b.slug}"

    def organisation(self, o: Organisation) -> str:
        return f"{self.base}/organisatie/{slugify(o.name)}"

    def person(self, p: Person) -> str:
        return f"{self.base}/persoon/{p.pk}"

    def meeting(self, pk: int) -> str:
        return f"{self.base}/vergadering/{pk}"


def popolo_document(region: Region) -> dict:
    ids = _Ids(region)
    members = selectors.members(region)
    bodies = list(selectors.public_bodies(region))
    meetings = list(selectors.public_meetings(region))
    roles = list(selectors.public_roles(region))
    partners = selectors.partner_organisations(region)
    topics = list(selectors.public_topics(region))

    organizations = [
        {
            "id": ids.region(),
            "name": region.name,
            "classification": "samenwerkingsverband",
            "description": region.description,
        }
    ]
    for m in members:
        organizations += [
            {
                "id": ids.municipality(m),
                "name": m.name,
                "classification": "gemeente",
                "identifiers": [{"scheme": "cbs", "identifier": m.cbs_code},
                                {"scheme": "tooi", "identifier": TOOI_MUNICIPALITY + m.cbs_code.lower()}],
            },
            {
                "id": ids.municipality(m, "college"),
                "name": str(m.college_name),
                "classification": "college",
                "parent_id": ids.municipality(m),
            },
            {
                "id": ids.municipality(m, "raad"),
                "name": str(m.council_name),
                "classification": "raad",
                "parent_id": ids.municipality(m),
            },
        ]
    for b in bodies:
        organizations.append(
            {
                "id": ids.body(b),
                "name": b.name,
                "classification": b.kind,
                "description": b.description,
                "parent_id": ids.region(),
            }
        )
    for o in partners:
        organizations.append(
            {
                "id": ids.organisation(o),
                "name": o.name,
                "classification": o.kind,
                **({"links": [{"url": o.website}]} if o.website else {}),
            }
        )
    partner_ids = {o.pk for o in partners}

    persons: dict[int, Person] = {}
    posts: dict[str, dict] = {}
    memberships = []
    for role in roles:
        persons[role.person_id] = role.person
        organization_id = _role_organization(ids, role)
        post_id = f"{organization_id}/post/{role.kind}"
        posts.setdefault(
            post_id,
            {
                "id": post_id,
                "organization_id": organization_id,
                "role": role.kind,
                "label": f"{role.get_kind_display()}, {role.municipality.name}",
            },
        )
        memberships.append(
            _without_empty(
                {
                    "id": f"{ids.base}/rol/{role.pk}",
                    "person_id": ids.person(role.person),
                    "organization_id": organization_id,
                    "post_id": post_id,
                    "role": role.kind,
                    "label": role.portfolio,
                    "start_date": _date(role.start),
                    "end_date": _date(role.end),
                }
            )
        )
    for b in bodies:
        for member in b.members.all():
            persons[member.person_id] = member.person
            represents = member.municipality or member.organisation
            on_behalf = None
            if member.municipality_id:
                on_behalf = ids.municipality(member.municipality)
            elif member.organisation_id in partner_ids:
                on_behalf = ids.organisation(member.organisation)
            memberships.append(
                _without_empty(
                    {
                        "id": f"{ids.body(b)}/lid/{member.person_id}",
                        "person_id": ids.person(member.person),
                        "organization_id": ids.body(b),
                        "role": "lid",
                        "on_behalf_of_id": on_behalf,
                        "label": str(represents) if represents else "",
                    }
                )
            )
        for person, role in ((b.chair, "voorzitter"), (b.secretary, "secretaris")):
            if person is not None:
                persons[person.pk] = person
                memberships.append(
                    {
                        "id": f"{ids.body(b)}/{role}",
                        "person_id": ids.person(person),
                        "organization_id": ids.body(b),
                        "role": role,
                    }
                )
    for topic in topics:
        if topic.lead_person_id:
            persons[topic.lead_person_id] = topic.lead_person

    events = []
    for meeting in meetings:
        meeting_id = ids.meeting(meeting.pk)
        agenda = [
            _without_empty(
                {
                    "id": f"{meeting_id}/agendapunt/{item.order}",
                    "name": item.title,
                    "position": item.order,
                    "description": item.notes,
                }
            )
            for item in meeting.agenda_items.all()
        ]
        for attendance in meeting.attendances.all():
            persons[attendance.person_id] = attendance.person
        events.append(
            _without_empty(
                {
                    "id": meeting_id,
                    "name": meeting.title,
                    "classification": "vergadering",
                    "start_date": _moment(meeting.starts_at) or _date(meeting.window_start),
                    "end_date": _moment(meeting.ends_at) or _date(meeting.window_end),
                    "location": meeting.place,
                    "status": "cancelled" if meeting.cancelled else "confirmed",
                    "organization_id": ids.body(meeting.body) if meeting.body_id else ids.region(),
                    "attendees": [
                        {"person_id": ids.person(a.person), "role": "aanwezig" if a.present else "afwezig met bericht"}
                        for a in meeting.attendances.all()
                    ],
                    "agenda": agenda,
                }
            )
        )
        events += [
            {
                **item,
                "classification": "agendapunt",
                "parent_id": meeting_id,
                "start_date": _moment(meeting.starts_at) or _date(meeting.window_start),
            }
            for item in agenda
        ]

    return {
        "organizations": organizations,
        "persons": [
            _without_empty({"id": ids.person(p), "name": p.name, "email": p.email})
            for p in sorted(persons.values(), key=lambda p: (p.name, p.pk))
        ],
        "posts": sorted(posts.values(), key=lambda post: post["id"]),
        "memberships": memberships,
        "events": events,
    }


def _role_organization(ids: _Ids, role) -> str:
    if role.kind in COLLEGE_ROLES:
        return ids.municipality(role.municipality, "college")
    if role.kind in COUNCIL_ROLES:
        return ids.municipality(role.municipality, "raad")
    return ids.municipality(role.municipality)


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _moment(value) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def _without_empty(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in (None, "", [])}
