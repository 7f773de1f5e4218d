"""Atom feeds of what changed in a region, for the whole region and per spearhead, and the region's
meeting calendar.

An entry is one change: a new topic, a status change, a new agreement, a municipality's decision, a
commitment fulfilled or withdrawn, or a published letter. Public items only. The public site's news
list (`regio.publication.selectors.news_items`) covers the whole region from the change history; the
feeds need a spearhead filter and the resolved commitments too, so they read the domain tables
directly, each source with one query, newest first.

Entry ids are the item's public address plus a fragment naming the change, so a feed reader sees a
status change as a new entry but a reread of the same feed as nothing new.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from regio.commitments.models import Commitment, CommitmentState
from regio.core.models import Visibility
from regio.documents.models import Document, DocumentKind
from regio.meetings.models import Agreement, Body, MunicipalDecision, Organ
from regio.publication.exports import selectors
from regio.regions.models import Region
from regio.topics.models import Topic, TopicStatus, TopicStatusChange
from regio.visions.models import Spearhead
from regio.web.ical import meetings_calendar

PUBLIC = Visibility.PUBLIC
LETTER_KINDS = (DocumentKind.COUNCIL_LETTER, DocumentKind.LETTER)
FEED_SIZE = 50


@dataclass(frozen=True)
class FeedEntry:
    key: str
    kind_label: str
    title: str
    summary: str
    day: datetime.date
    recorded_at: datetime.datetime | None
    path: str

    @property
    def updated(self) -> datetime.datetime:
        # The entry's own date at noon, or the moment it was recorded when that falls on the same day.
        if self.recorded_at and timezone.localdate(self.recorded_at) == self.day:
            return self.recorded_at
        return timezone.make_aware(datetime.datetime.combine(self.day, datetime.time(12)))


def feed_entries(*, region: Region, spearhead: Spearhead | None = None, size: int = FEED_SIZE) -> list[FeedEntry]:
    """The newest `size` public changes of `region`, for one spearhead if given."""

    def site(name: str, **kwargs) -> str:
        return reverse(f"publication:{name}", kwargs={"region": region.slug, **kwargs})

    def about(prefix: str = "") -> Q:
        # A change concerns a spearhead through its topic, or through the body of its meeting.
        if spearhead is None:
            return Q()
        return Q(**{f"{prefix}topic__spearheads": spearhead}) | Q(**{f"{prefix}meeting__body__spearheads": spearhead})

    entries: list[FeedEntry] = []
    topics = Topic.objects.filter(region=region, visibility=PUBLIC)
    if spearhead is not None:
        topics = topics.filter(spearheads=spearhead)
    for topic in topics.select_related("proposed_by").order_by("-created_at")[:size]:
        entries.append(
            FeedEntry(
                f"onderwerp-{topic.pk}",
                _("New topic"),
                topic.title,
                _("Proposed by %(municipality)s.") % {"municipality": topic.proposed_by.name}
                if topic.proposed_by_id
                else "",
                topic.proposed_on or timezone.localdate(topic.created_at),
                topic.created_at,
                site("topic-detail", slug=topic.slug),
            )
        )
    changes = TopicStatusChange.objects.filter(topic__region=region, topic__visibility=PUBLIC).exclude(from_status="")
    if spearhead is not None:
        changes = changes.filter(topic__spearheads=spearhead)
    labels = dict(TopicStatus.choices)
    for change in changes.select_related("topic").order_by("-changed_on", "-recorded_at")[:size]:
        entries.append(
            FeedEntry(
                f"status-{change.pk}",
                _("Status changed"),
                change.topic.title,
                _("From %(old)s to %(new)s: %(reason)s")
                % {"old": labels[change.from_status], "new": labels[change.to_status], "reason": change.reason},
                change.changed_on,
                change.recorded_at,
                site("topic-detail", slug=change.topic.slug),
            )
        )
    agreements = Agreement.objects.filter(about(), region=region, visibility=PUBLIC).distinct()
    for agreement in agreements.order_by("-made_on", "-pk")[:size]:
        entries.append(
            FeedEntry(
                f"afspraak-{agreement.pk}",
                _("New agreement"),
                agreement.title,
                agreement.text,
                agreement.made_on,
                None,
                site("agreement-detail", pk=agreement.pk),
            )
        )
    decisions = MunicipalDecision.objects.filter(
        about("agreement__"), agreement__region=region, agreement__visibility=PUBLIC
    ).distinct()
    for decision in decisions.select_related("agreement", "municipality").order_by("-decided_on", "-pk")[:size]:
        organ = (
            decision.municipality.council_name
            if decision.organ == Organ.COUNCIL
            else decision.municipality.college_name
        )
        entries.append(
            FeedEntry(
                f"besluit-{decision.pk}",
                _("Decision"),
                decision.agreement.title,
                _("%(organ)s: %(outcome)s") % {"organ": organ, "outcome": decision.get_outcome_display()},
                decision.decided_on,
                None,
                site("agreement-detail", pk=decision.agreement_id),
            )
        )
    commitments = (
        Commitment.objects.filter(about(), region=region, visibility=PUBLIC, resolved_on__isnull=False)
        .exclude(state=CommitmentState.OPEN)
        .distinct()
    )
    for commitment in commitments.order_by("-resolved_on", "-pk")[:size]:
        label = (
            _("Commitment fulfilled") if commitment.state == CommitmentState.FULFILLED else _("Commitment withdrawn")
        )
        entries.append(
            FeedEntry(
                f"toezegging-{commitment.pk}",
                label,
                commitment.title,
                commitment.evidence,
                commitment.resolved_on,
                None,
                site("commitment-detail", pk=commitment.pk),
            )
        )
    letters = Document.objects.filter(region=region, visibility=PUBLIC, kind__in=LETTER_KINDS)
    if spearhead is not None:
        letters = letters.filter(spearheads=spearhead)
    for letter in letters.order_by("-document_date", "-created_at")[:size]:
        entries.append(
            FeedEntry(
                f"document-{letter.pk}",
                _("Letter published"),
                letter.title,
                letter.get_kind_display(),
                letter.document_date or timezone.localdate(letter.created_at),
                letter.created_at,
                site("document-detail", pk=letter.pk),
            )
        )
    entries.sort(key=lambda e: (e.updated, e.key), reverse=True)
    return entries[:size]


class RegionFeed(Feed):
    """Atom 1.0 feed of a region's public changes; `spearhead` narrows it to one spearhead."""

    feed_type = Atom1Feed

    def get_object(self, request, region: str, spearhead: str | None = None):
        region_obj = get_object_or_404(Region, slug=region)
        spearhead_obj = None
        if spearhead is not None:
            spearhead_obj = Spearhead.objects.filter(vision__region=region_obj, code=spearhead).first()
            if spearhead_obj is None:
                raise Http404(_("No such spearhead in this region."))
        self.request = request
        return region_obj, spearhead_obj

    def title(self, obj) -> str:
        region, spearhead = obj
        if spearhead:
            return _("%(region)s: changes on %(spearhead)s") % {"region": region.name, "spearhead": spearhead.name}
        return _("%(region)s: what changed") % {"region": region.name}

    def link(self, obj) -> str:
        return reverse("publication:news", kwargs={"region": obj[0].slug})

    def subtitle(self, obj) -> str:
        return _("New topics, status changes, agreements, decisions, commitments resolved and letters.")

    def author_name(self, obj) -> str:
        return obj[0].name

    def items(self, obj) -> list[FeedEntry]:
        region, spearhead = obj
        return feed_entries(region=region, spearhead=spearhead)

    def item_title(self, item: FeedEntry) -> str:
        return f"{item.kind_label}: {item.title}"

    def item_description(self, item: FeedEntry) -> str:
        return item.summary

    def item_link(self, item: FeedEntry) -> str:
        return item.path

    def item_guid(self, item: FeedEntry) -> str:
        return self.request.build_absolute_uri(f"{item.path}#{item.key}")

    def item_guid_is_permalink(self, item) -> bool:
        return False

    def item_pubdate(self, item: FeedEntry) -> datetime.datetime:
        return item.updated

    def item_updateddate(self, item: FeedEntry) -> datetime.datetime:
        return item.updated


def region_calendar(request, region: str) -> HttpResponse:
    """All public dated meetings of the region as one iCalendar feed."""
    region_obj = get_object_or_404(Region, slug=region)
    body = meetings_calendar(
        name=_("Meetings of %(region)s") % {"region": region_obj.name},
        meetings=selectors.public_meetings(region_obj),
        absolute_url=request.build_absolute_uri,
        uid_domain=request.get_host().split(":")[0],
    )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


def body_calendar(request, region: str, slug: str) -> HttpResponse:
    """The public dated meetings of one public body as an iCalendar feed."""
    region_obj = get_object_or_404(Region, slug=region)
    body = get_object_or_404(Body, region=region_obj, slug=slug, visibility=PUBLIC)
    content = meetings_calendar(
        name=f"{body.name} — {region_obj.name}",
        meetings=selectors.public_meetings(region_obj).filter(body=body),
        absolute_url=request.build_absolute_uri,
        uid_domain=request.get_host().split(":")[0],
    )
    return HttpResponse(content, content_type="text/calendar; charset=utf-8")
