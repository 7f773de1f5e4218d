"""The access policy of a region: one object per (user, region), loaded with one query.

Every service asks it before it writes, and every page asks it what to show, so the admin, the
forms, the API and the command line all follow the same rules:

- a regional coordinator edits everything in the region;
- an editor of a municipality edits that municipality's participation, puts it forward as lead
  while the lead is open (or steps down from a lead it holds), and edits the topics it proposed
  (their text, status and results);
- bodies, meetings, agreements and commitments are managed by the coordinator; an editor records
  its own municipality's decisions and fulfils the promises its college made;
- a signed-in reader (council member, clerk) sees internal items;
- anonymous visitors see public items only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import F, FilteredRelation, Q

from regio.access.models import AccessLevel, Grant
from regio.core.models import Visibility
from regio.regions.models import Region


@dataclass(frozen=True)
class RegionAccess:
    region_id: int
    is_authenticated: bool = False
    is_superuser: bool = False
    is_coordinator: bool = False
    is_reader: bool = False
    editor_municipality_ids: frozenset[int] = field(default_factory=frozenset)
    # The councils a reader reads for (a reader's grant may name its municipality); empty: the whole region.
    reader_municipality_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def rights_key(self) -> str:
        """Everything these rights let a page show differently, as a cache key part: two readers of a region
        with the same key see the same (signed-in fragments are shared by them, never by readers with others)."""
        flags = "".join(str(int(flag)) for flag in (self.is_authenticated, self.is_superuser, self.is_coordinator,
                                                      self.is_reader))
        editors = ".".join(map(str, sorted(self.editor_municipality_ids)))
        readers = ".".join(map(str, sorted(self.reader_municipality_ids)))
        return f"{flags}:{editors}:{readers}"

    @property
    def is_editor(self) -> bool:
        return bool(self.editor_municipality_ids)

    @property
    def manages_region(self) -> bool:
        return self.is_superuser or self.is_coordinator

    @property
    def can_read_internal(self) -> bool:
        return self.manages_region or self.is_reader or self.is_editor

    @property
    def can_edit_anything(self) -> bool:
        return self.manages_region or self.is_editor

    def edits_for(self, municipality_id: int | None) -> bool:
        return municipality_id is not None and municipality_id in self.editor_municipality_ids

    def can_view(self, item) -> bool:
        return item.visibility == Visibility.PUBLIC or self.can_read_internal

    def can_create_topic(self, *, proposed_by_id: int | None) -> bool:
        return self.manages_region or self.edits_for(proposed_by_id)

    def can_edit_topic(self, topic) -> bool:
        return self.manages_region or self.edits_for(topic.proposed_by_id)

    def can_change_status(self, topic) -> bool:
        return self.can_edit_topic(topic) or self.edits_for(topic.lead_municipality_id)

    def can_edit_results(self, topic) -> bool:
        return self.can_change_status(topic)

    def can_set_participation(self, topic, *, municipality_id: int) -> bool:
        return self.manages_region or self.edits_for(municipality_id)

    def can_set_lead(self, topic, *, municipality_id: int | None) -> bool:
        # An editor puts its own municipality forward only while the lead is open, names its own
        # lead person, or steps down; moving a lead another municipality holds is the coordinator's.
        if self.manages_region:
            return True
        if municipality_id is None or municipality_id == topic.lead_municipality_id:
            return self.edits_for(topic.lead_municipality_id)
        return topic.lead_municipality_id is None and self.edits_for(municipality_id)

    def can_record_decision(self, *, municipality_id: int) -> bool:
        # Each municipality records its own college's and council's decisions.
        return self.manages_region or self.edits_for(municipality_id)

    def can_resolve_commitment(self, *, promising_municipality_ids) -> bool:
        return self.manages_region or any(self.edits_for(m) for m in promising_municipality_ids)

    def require(self, allowed: bool, message: str) -> None:
        if not allowed:
            raise PermissionDenied(message)


class SystemActor:
    """The actor of trusted batch work (loading a region file, the demo): may do everything.

    It is not a user, so the history records no user for its changes.
    """

    is_authenticated = True
    is_active = True
    is_superuser = True
    pk = None

    def __str__(self) -> str:
        return "system"


SYSTEM = SystemActor()


def region_access(user, region) -> RegionAccess:
    """The access `user` has in `region` (anonymous users and None get the public view)."""
    region_id = region.pk if hasattr(region, "pk") else region
    known = _known_access(user, region_id)
    if known is not None:
        return known
    grants = list(Grant.objects.filter(user=user, region_id=region_id).values_list("level", "municipality_id"))
    return _remember(user, region_id, grants)


def region_with_access(*, slug: str, user) -> tuple[Region, RegionAccess]:
    """The region at `slug` and `user`'s access to it, read together in one query (the first read of every
    signed-in region page). Raises Region.DoesNotExist."""
    if not getattr(user, "is_authenticated", False) or isinstance(user, SystemActor) or not user.is_active:
        region = Region.objects.get(slug=slug)
        return region, region_access(user, region)
    rows = list(
        Region.objects.filter(slug=slug)
        .annotate(own_grants=FilteredRelation("grants", condition=Q(grants__user=user)))
        .annotate(grant_level=F("own_grants__level"), grant_municipality_id=F("own_grants__municipality_id"))
    )
    if not rows:
        raise Region.DoesNotExist(f"No region {slug!r}.")
    region = rows[0]
    known = _known_access(user, region.pk)
    grants = [(row.grant_level, row.grant_municipality_id) for row in rows if row.grant_level]
    return region, known if known is not None else _remember(user, region.pk, grants)


def _known_access(user, region_id: int) -> RegionAccess | None:
    """The access that needs no grants read (system, anonymous, inactive), or the one this user object holds."""
    if isinstance(user, SystemActor):
        return RegionAccess(region_id=region_id, is_authenticated=True, is_superuser=True)
    if user is None or not user.is_authenticated or not user.is_active:
        return RegionAccess(region_id=region_id)
    return getattr(user, "_regio_access_cache", {}).get(region_id)


def _remember(user, region_id: int, grants: list[tuple[str, int | None]]) -> RegionAccess:
    access = RegionAccess(
        region_id=region_id,
        is_authenticated=True,
        is_superuser=user.is_superuser,
        is_coordinator=any(level == AccessLevel.COORDINATOR for level, _m in grants),
        is_reader=any(level == AccessLevel.READER for level, _m in grants),
        editor_municipality_ids=frozenset(m for level, m in grants if level == AccessLevel.EDITOR),
        reader_municipality_ids=frozenset(m for level, m in grants if level == AccessLevel.READER and m is not None),
    )
    if not hasattr(user, "_regio_access_cache"):
        user._regio_access_cache = {}
    user._regio_access_cache[region_id] = access
    return access
