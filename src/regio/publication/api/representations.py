"""Plain-function representations for the API's busiest reads (the topic list and a topic's detail).

They build the same dictionaries the DRF serializers in `serializers.py` would, from rows the selectors
fetched with `values()`: no serializer field objects per row and no `reverse()` per row. The serializers
stay the description of these responses in the OpenAPI document (and serve the writes); a test keeps
both in step (`tests/test_api_representations.py`).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import orjson
from django.http import HttpResponse
from django.utils import timezone

from regio.topics.models import Result


def iso_datetime(value: datetime.datetime | None, zone: datetime.tzinfo) -> str | None:
    """As DRF's DateTimeField with DATETIME_FORMAT iso-8601: in the current time zone, UTC as Z."""
    if not value:
        return None
    text = value.astimezone(zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def iso_date(value: datetime.date | None) -> str | None:
    return None if value is None else value.isoformat()


def number(value: Decimal | None) -> float | None:
    """A decimal as DRF's DecimalField(coerce_to_string=False) ends up in JSON: a number."""
    return None if value is None else float(value)


def progress_percent(row: dict) -> int | None:
    if None in (row["baseline"], row["target_value"], row["current_value"]):
        return None
    # The rule lives on the model; a bare instance carries the three values it needs.
    values = {name: row[name] for name in ("baseline", "target_value", "current_value")}
    return Result(**values).progress_percent


def result_dict(row: dict) -> dict:
    return {
        "id": row["id"],
        "omschrijving": row["description"],
        "indicator": row["indicator"],
        "eenheid": row["unit"],
        "nulmeting": number(row["baseline"]),
        "streefwaarde": number(row["target_value"]),
        "streefdatum": iso_date(row["target_date"]),
        "huidigeWaarde": number(row["current_value"]),
        "voortgangPercentage": progress_percent(row),
    }


def participation_dict(row: dict) -> dict:
    return {
        "gemeente": row["municipality__cbs_code"],
        "gemeenteNaam": row["municipality__name"],
        "deelname": row["role"],
        "toelichting": row["note"],
    }


def topic_dicts(rows: list[dict], related: dict[str, dict[int, list]], *, url_prefix: str) -> list[dict]:
    """Topic representations (TopicSerializer's shape) from `topic_rows` and `topic_related_rows`.

    `url_prefix` is the absolute address of the topic list followed by a slash; a topic's address
    is the prefix and its id, as `reverse("api:onderwerp-detail")` would give.
    """
    zone = timezone.get_current_timezone()
    spearheads, participations, results = related["spearheads"], related["participations"], related["results"]
    return [
        {
            "url": f"{url_prefix}{row['id']}",
            "id": row["id"],
            "slug": row["slug"],
            "regio": row["region__slug"],
            "titel": row["title"],
            "omschrijving": row["description"],
            "status": row["status"],
            "speerpunten": spearheads.get(row["id"], []),
            "ingebrachtDoor": row["proposed_by__cbs_code"],
            "ingebrachtOp": iso_date(row["proposed_on"]),
            "trekker": row["lead_municipality__cbs_code"],
            "trekkerNogTeBepalen": row["lead_municipality_id"] is None,
            "samenwerkingsvorm": row["cooperation_form"],
            "zichtbaarheid": row["visibility"],
            "deelnames": [participation_dict(p) for p in participations.get(row["id"], [])],
            "resultaten": [result_dict(r) for r in results.get(row["id"], [])],
            "gewijzigdOp": iso_datetime(row["updated_at"], zone),
        }
        for row in rows
    ]


def json_response(data, *, status: int = 200) -> HttpResponse:
    """JSON as DRF's JSONRenderer writes it (compact, UTF-8), rendered by orjson."""
    return HttpResponse(orjson.dumps(data), status=status, content_type="application/json")
