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

from regio.access.models import AccessLevel, Grant
from regio.core.models import Visibility


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
    if isinstance(user, SystemActor):
        return RegionAccess(region_id=region_id, is_authenticated=True, is_superuser=True)
    if user is None or not user.is_authenticated:
        return RegionAccess(region_id=region_id)
    if not user.is_active:
        return RegionAccess(region_id=region_id)
    cache = getattr(user, "_regio_access_cache", None)
    if cache is None:
        cache = user._regio_access_cache = {}
    if region_id in cache:
        return cache[region_id]
    grants = list(Grant.objects.filter(user=user, region_id=region_id).values_list("level", "municipality_id"))
    access = RegionAccess(
        region_id=region_id,
        is_authenticated=True,
        is_superuser=user.is_superuser,
        is_coordinator=any(level == AccessLevel.COORDINATOR for level, _m in grants),
        is_reader=any(level == AccessLevel.READER for level, _m in grants),
        editor_municipality_ids=frozenset(m for level, m in grants if level == AccessLevel.EDITOR),
        reader_municipality_ids=frozenset(m for level, m in grants if level == AccessLevel.READER and m is not None),
    )
    cache[region_id] = access
    return access

