"""API representations: Dutch resource names, lowerCamelCase properties, ISO 8601 dates."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from regio.commitments.models import Commitment, CommitmentState
from regio.documents.models import Document, DocumentKind
from regio.meetings.models import (
    AgendaItem,
    Agreement,
    Body,
    BodyKind,
    BodyMember,
    CellState,
    ConsentRule,
    ConsentState,
    DecisionKind,
    Meeting,
    MunicipalDecision,
    Organ,
    Outcome,
    consent_cells,
    consent_state,
)
from regio.publication.api.selectors import can_see
from regio.regions.models import Municipality, Region
from regio.topics.models import Participation, Result, Topic
from regio.visions.models import Spearhead


class RegionSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    naam = serializers.CharField(source="name")
    omschrijving = serializers.CharField(source="description")
    kleur = serializers.CharField(source="colour")
    gemeenten = serializers.SerializerMethodField()

    class Meta:
        model = Region
        fields = ["url", "slug", "naam", "omschrijving", "kleur", "gemeenten"]

    def get_url(self, obj) -> str:
        return reverse("api:regio-detail", kwargs={"slug": obj.slug}, request=self.context.get("request"))

    def get_gemeenten(self, obj) -> list[str]:
        return [m.municipality.cbs_code for m in obj.memberships.all()]


class MunicipalitySerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    code = serializers.CharField(source="cbs_code")
    naam = serializers.CharField(source="name")
    provincie = serializers.CharField(source="province")
    tooi = serializers.SerializerMethodField(help_text="The TOOI identifier of the municipality.")
    regios = serializers.SerializerMethodField()

    class Meta:
        model = Municipality
        fields = ["url", "code", "naam", "provincie", "tooi", "regios"]

    def get_tooi(self, obj) -> str:
        return f"https://identifier.overheid.nl/tooi/id/gemeente/{obj.cbs_code.lower()}"

    def get_url(self, obj) -> str:
        return reverse("api:gemeente-detail", kwargs={"code": obj.cbs_code}, request=self.context.get("request"))

    def get_regios(self, obj) -> list[str]:
        return [m.region.slug for m in obj.memberships.all()]


class SpearheadSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    regio = serializers.CharField(source="vision.region.slug")
    visie = serializers.CharField(source="vision.title")
    naam = serializers.CharField(source="name")
    formulering = serializers.CharField(source="wording")
    volgorde = serializers.IntegerField(source="order")

    class Meta:
        model = Spearhead
        fields = ["url", "id", "code", "regio", "visie", "naam", "formulering", "volgorde"]

    def get_url(self, obj) -> str:
        return reverse("api:speerpunt-detail", kwargs={"pk": obj.pk}, request=self.context.get("request"))


class ParticipationSerializer(serializers.ModelSerializer):
    gemeente = serializers.CharField(source="municipality.cbs_code")
    gemeenteNaam = serializers.CharField(source="municipality.name")
    deelname = serializers.CharField(source="role")
    toelichting = serializers.CharField(source="note")

    class Meta:
        model = Participation
        fields = ["gemeente", "gemeenteNaam", "deelname", "toelichting"]


class ResultSerializer(serializers.ModelSerializer):
    omschrijving = serializers.CharField(source="description")
    eenheid = serializers.CharField(source="unit")
    nulmeting = serializers.DecimalField(source="baseline", max_digits=14, decimal_places=2, allow_null=True, coerce_to_string=False)
    streefwaarde = serializers.DecimalField(source="target_value", max_digits=14, decimal_places=2, allow_null=True, coerce_to_string=False)
    streefdatum = serializers.DateField(source="target_date", allow_null=True)
    huidigeWaarde = serializers.DecimalField(source="current_value", max_digits=14, decimal_places=2, allow_null=True, coerce_to_string=False)
    voortgangPercentage = serializers.IntegerField(source="progress_percent", allow_null=True)

    class Meta:
        model = Result
        fields = ["id", "omschrijving", "indicator", "eenheid", "nulmeting", "streefwaarde", "streefdatum",
                  "huidigeWaarde", "voortgangPercentage"]


class TopicSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    regio = serializers.CharField(source="region.slug")
    titel = serializers.CharField(source="title")
    omschrijving = serializers.CharField(source="description")
    speerpunten = serializers.SerializerMethodField()
    ingebrachtDoor = serializers.CharField(source="proposed_by.cbs_code", allow_null=True, default=None)
    ingebrachtOp = serializers.DateField(source="proposed_on", allow_null=True)
    trekker = serializers.CharField(source="lead_municipality.cbs_code", allow_null=True, default=None)
    trekkerNogTeBepalen = serializers.BooleanField(source="lead_is_open")
    samenwerkingsvorm = serializers.CharField(source="cooperation_form")
    zichtbaarheid = serializers.CharField(source="visibility")
    deelnames = ParticipationSerializer(source="participations", many=True)
    resultaten = ResultSerializer(source="results", many=True)
    gewijzigdOp = serializers.DateTimeField(source="updated_at")

    class Meta:
        model = Topic
        fields = ["url", "id", "slug", "regio", "titel", "omschrijving", "status", "speerpunten", "ingebrachtDoor",
                  "ingebrachtOp", "trekker", "trekkerNogTeBepalen", "samenwerkingsvorm", "zichtbaarheid",
                  "deelnames", "resultaten", "gewijzigdOp"]

    def get_url(self, obj) -> str:
        return reverse("api:onderwerp-detail", kwargs={"pk": obj.pk}, request=self.context.get("request"))

    def get_speerpunten(self, obj) -> list[str]:
        return [s.code for s in obj.spearheads.all()]


# --- bodies, meetings, agreements, decisions, commitments, documents ---------------------------
# Serializers that point at another item (a topic, a meeting) show it only when the client may see
# it: the context carries the request, and `can_see` applies the same rule as the lists.

def _user(serializer):
    request = serializer.context.get("request")
    return getattr(request, "user", None)


def _visible_pk(serializer, item) -> int | None:
    return item.pk if item is not None and can_see(item, _user(serializer)) else None


class BodyMemberSerializer(serializers.ModelSerializer):
    persoon = serializers.CharField(source="person.name")
    gemeente = serializers.CharField(source="municipality.cbs_code", allow_null=True, default=None)
    organisatie = serializers.CharField(source="organisation.name", allow_null=True, default=None)

    class Meta:
        model = BodyMember
        fields = ["persoon", "gemeente", "organisatie"]


class BodySerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    regio = serializers.CharField(source="region.slug")
    naam = serializers.CharField(source="name")
    soort = serializers.ChoiceField(source="kind", choices=BodyKind.choices)
    omschrijving = serializers.CharField(source="description")
    voorzitter = serializers.CharField(source="chair.name", allow_null=True, default=None)
    secretaris = serializers.CharField(source="secretary.name", allow_null=True, default=None)
    vergaderingenPerJaar = serializers.IntegerField(source="meetings_per_year")
    gebruikelijkeDuurUren = serializers.DecimalField(source="usual_duration_hours", max_digits=4, decimal_places=1,
                                                     coerce_to_string=False)
    magBesluiten = serializers.BooleanField(source="may_decide")
    mandaat = serializers.CharField(source="mandate")
    speerpunten = serializers.SerializerMethodField()
    onderwerpen = serializers.SerializerMethodField()
    leden = BodyMemberSerializer(source="members", many=True)
    voorbeeld = serializers.BooleanField(source="is_example")
    zichtbaarheid = serializers.CharField(source="visibility")

    class Meta:
        model = Body
        fields = ["url", "id", "regio", "naam", "slug", "soort", "omschrijving", "voorzitter", "secretaris",
                  "vergaderingenPerJaar", "gebruikelijkeDuurUren", "magBesluiten", "mandaat", "speerpunten",
                  "onderwerpen", "leden", "voorbeeld", "zichtbaarheid"]

    def get_url(self, obj) -> str:
        return reverse("api:gremium-detail", kwargs={"pk": obj.pk}, request=self.context.get("request"))

    def get_speerpunten(self, obj) -> list[str]:
        return [s.code for s in obj.spearheads.all()]

    def get_onderwerpen(self, obj) -> list[int]:
        # The prefetch holds only the topics the client may see.
        return [t.pk for t in obj.topics.all()]


class AgendaItemSerializer(serializers.ModelSerializer):
    volgorde = serializers.IntegerField(source="order")
    titel = serializers.CharField(source="title")
    onderwerp = serializers.SerializerMethodField()
    toelichting = serializers.CharField(source="notes")

    class Meta:
        model = AgendaItem
        fields = ["volgorde", "titel", "onderwerp", "toelichting"]

    def get_onderwerp(self, obj) -> int | None:
        return _visible_pk(self, obj.topic)


class MeetingSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    regio = serializers.CharField(source="region.slug")
    gremium = serializers.IntegerField(source="body_id", allow_null=True)
    gremiumNaam = serializers.CharField(source="body.name", allow_null=True, default=None)
    titel = serializers.CharField(source="title")
    start = serializers.DateTimeField(source="starts_at", allow_null=True)
    eind = serializers.DateTimeField(source="ends_at", allow_null=True)
    vensterStart = serializers.DateField(source="window_start", allow_null=True)
    vensterEind = serializers.DateField(source="window_end", allow_null=True)
    wanneer = serializers.CharField(source="when", help_text="The date, or the window, in words.")
    plaats = serializers.CharField(source="place")
    geannuleerd = serializers.BooleanField(source="cancelled")
    gehouden = serializers.SerializerMethodField()
    agendapunten = AgendaItemSerializer(source="agenda_items", many=True)
    voorbeeld = serializers.BooleanField(source="is_example")
    zichtbaarheid = serializers.CharField(source="visibility")

    class Meta:
        model = Meeting
        fields = ["url", "id", "regio", "gremium", "gremiumNaam", "titel", "start", "eind", "vensterStart",
                  "vensterEind", "wanneer", "plaats", "geannuleerd", "gehouden", "agendapunten", "voorbeeld",
                  "zichtbaarheid"]

    def get_url(self, obj) -> str:
        return reverse("api:vergadering-detail", kwargs={"pk": obj.pk}, request=self.context.get("request"))

    def get_gehouden(self, obj) -> bool:
        return obj.is_held(self.context.setdefault("now", timezone.now()))


class DecisionSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    afspraak = serializers.IntegerField(source="agreement_id")
    afspraakTitel = serializers.CharField(source="agreement.title")
    gemeente = serializers.CharField(source="municipality.cbs_code")
    gemeenteNaam = serializers.CharField(source="municipality.name")
    orgaan = serializers.ChoiceField(source="organ", choices=Organ.values)
    soort = serializers.ChoiceField(source="kind", choices=DecisionKind.choices)
    uitkomst = serializers.ChoiceField(source="outcome", choices=Outcome.values)
    datum = serializers.DateField(source="decided_on")

    class Meta:
        model = MunicipalDecision
        fields = ["url", "id", "afspraak", "afspraakTitel", "gemeente", "gemeenteNaam", "orgaan", "soort", "uitkomst",
                  "datum", "document"]

    def get_url(self, obj) -> str:
        return reverse("api:besluit-detail", kwargs={"pk": obj.pk}, request=self.context.get("request"))


class DecisionBriefSerializer(serializers.Serializer):
    uitkomst = serializers.ChoiceField(choices=Outcome.values)
    datum = serializers.DateField()
    document = serializers.CharField()


class ConsentCellSerializer(serializers.Serializer):
    gemeente = serializers.CharField()
    gemeenteNaam = serializers.CharField()
    college = DecisionBriefSerializer(allow_null=True)
    raad = DecisionBriefSerializer(allow_null=True)
    raadsbesluitNodig = serializers.BooleanField()
    ingestemd = serializers.BooleanField()
    afgewezen = serializers.BooleanField()
    collegeStatus = serializers.ChoiceField(choices=CellState.choices)
    raadStatus = serializers.ChoiceField(choices=CellState.choices)


def _brief(decision) -> dict | None:
    if decision is None:
        return None
    return {"uitkomst": decision.outcome, "datum": decision.decided_on, "document": decision.document}


class AgreementSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    regio = serializers.CharField(source="region.slug")
    titel = serializers.CharField(source="title")
    tekst = serializers.CharField(source="text")
    gemaaktOp = serializers.DateField(source="made_on")
    vergadering = serializers.SerializerMethodField()
    onderwerp = serializers.SerializerMethodField()
    raadsbesluitNodig = serializers.BooleanField(source="council_decision_needed")
    soort = serializers.ChoiceField(source="consent_rule", choices=ConsentRule.values,
                                    help_text="ieder_voor_zich: binds each municipality that adopts it; allen: needs "
                                              "every participant (one rejection blocks it).")
    deelnemers = serializers.SerializerMethodField()
    instemming = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()
    voorbeeld = serializers.BooleanField(source="is_example")
    zichtbaarheid = serializers.CharField(source="visibility")

    class Meta:
        model = Agreement
        fields = ["url", "id", "regio", "titel", "tekst", "gemaaktOp", "vergadering", "onderwerp", "raadsbesluitNodig",
                  "soort", "deelnemers", "instemming", "status", "voorbeeld", "zichtbaarheid"]

    def get_url(self, obj) -> str:
        return reverse("api:afspraak-detail", kwargs={"pk": obj.pk}, request=self.context.get("request"))

    def get_vergadering(self, obj) -> int | None:
        meeting = obj.meeting
        if meeting is not None and meeting.body is not None and not can_see(meeting.body, _user(self)):
            return None  # a meeting of an internal body is hidden with its body
        return _visible_pk(self, meeting)

    def get_onderwerp(self, obj) -> int | None:
        return _visible_pk(self, obj.topic)

    def get_deelnemers(self, obj) -> list[str]:
        return [m.cbs_code for m in obj.participants.all()]

    @extend_schema_field(ConsentCellSerializer(many=True))
    def get_instemming(self, obj):
        names = {m.pk: m for m in obj.participants.all()}
        return [
            {
                "gemeente": names[cell.municipality_id].cbs_code,
                "gemeenteNaam": names[cell.municipality_id].name,
                "college": _brief(cell.college),
                "raad": _brief(cell.council),
                "raadsbesluitNodig": cell.needs_council,
                "ingestemd": cell.adopted,
                "afgewezen": cell.rejected,
                "collegeStatus": cell.college_state,
                "raadStatus": cell.council_state,
            }
            for cell in consent_cells(obj)
        ]

    @extend_schema_field(serializers.ChoiceField(choices=ConsentState.values))
    def get_status(self, obj) -> str:
        return str(consent_state(consent_cells(obj)))


class CommitmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    regio = serializers.CharField(source="region.slug")
    titel = serializers.CharField(source="title")
    omschrijving = serializers.CharField(source="description")
    toegezegdDoor = serializers.CharField(source="promised_by")
    toezeggendeGemeenten = serializers.SerializerMethodField()
    aanRaden = serializers.SerializerMethodField()
    aanPartner = serializers.CharField(source="recipient_organisation.name", allow_null=True, default=None)
    termijnVanaf = serializers.DateField(source="due_start", allow_null=True)
    termijn = serializers.DateField(source="due_date")
    termijnOmschrijving = serializers.CharField(source="due_label_nl")
    onderwerp = serializers.SerializerMethodField()
    bron = serializers.CharField(source="source")
    status = serializers.ChoiceField(source="state", choices=CommitmentState.values)
    teLaat = serializers.SerializerMethodField()
    afgehandeldOp = serializers.DateField(source="resolved_on", allow_null=True)
    bewijs = serializers.CharField(source="evidence")
    zichtbaarheid = serializers.CharField(source="visibility")

    class Meta:
        model = Commitment
        fields = ["url", "id", "regio", "titel", "omschrijving", "toegezegdDoor", "toezeggendeGemeenten", "aanRaden",
                  "aanPartner", "termijnVanaf", "termijn", "termijnOmschrijving", "onderwerp", "bron", "status",
                  "teLaat", "afgehandeldOp", "bewijs", "zichtbaarheid"]

    def get_url(self, obj) -> str:
        return reverse("api:toezegging-detail", kwargs={"pk": obj.pk}, request=self.context.get("request"))

    def get_toezeggendeGemeenten(self, obj) -> list[str]:
        return [m.cbs_code for m in obj.promised_by_municipalities.all()]

    def get_aanRaden(self, obj) -> list[str]:
        return [m.cbs_code for m in obj.recipient_councils.all()]

    def get_onderwerp(self, obj) -> int | None:
        return _visible_pk(self, obj.topic)

    def get_teLaat(self, obj) -> bool:
        return obj.is_overdue(self.context.setdefault("today", timezone.localdate()))


class DocumentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    regio = serializers.CharField(source="region.slug")
    titel = serializers.CharField(source="title")
    soort = serializers.ChoiceField(source="kind", choices=DocumentKind.choices)
    datum = serializers.DateField(source="document_date", allow_null=True)
    bestandsnaam = serializers.CharField(source="filename")
    mediatype = serializers.CharField(source="media_type")
    grootte = serializers.IntegerField(source="size", help_text="Size of the original in bytes.")
    bron = serializers.CharField(source="source")
    gemeenten = serializers.SerializerMethodField()
    speerpunten = serializers.SerializerMethodField()
    origineel = serializers.SerializerMethodField()
    zichtbaarheid = serializers.CharField(source="visibility")
    ontvangenOp = serializers.DateTimeField(source="created_at")

    class Meta:
        model = Document
        fields = ["url", "id", "regio", "titel", "soort", "datum", "bestandsnaam", "mediatype", "grootte", "bron",
                  "gemeenten", "speerpunten", "origineel", "zichtbaarheid", "ontvangenOp"]

    def get_url(self, obj) -> str:
        return reverse("api:document-detail", kwargs={"pk": obj.pk}, request=self.context.get("request"))

    def get_gemeenten(self, obj) -> list[str]:
        return [m.cbs_code for m in obj.municipalities.all()]

    def get_speerpunten(self, obj) -> list[str]:
        return [s.code for s in obj.spearheads.all()]

    def get_origineel(self, obj) -> str:
        return reverse("api:document-original", kwargs={"pk": obj.pk}, request=self.context.get("request"))


class DocumentDetailSerializer(DocumentSerializer):
    """A document with its text, page by page; only ever served for a document the client may see."""

    paginas = serializers.SerializerMethodField()

    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "paginas"]

    @extend_schema_field(
        {"type": "array", "items": {"type": "object", "required": ["nummer", "tekst", "ocr"], "properties": {
            "nummer": {"type": "integer"}, "tekst": {"type": "string"}, "ocr": {"type": "boolean"}}}}
    )
    def get_paginas(self, obj):
        return [{"nummer": p.number, "tekst": p.text, "ocr": p.ocr} for p in obj.pages.all()]
