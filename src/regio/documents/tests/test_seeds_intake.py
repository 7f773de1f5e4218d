"""The seeds through intake and review into the Leidse regio's agenda, and a scanned letter through OCR.

The two seed documents are read from ``<repo root>/../shared/seeds``; without them the seed test is
skipped with the reason. The OCR test renders a letter written for it into a 300 dpi page image,
wraps that in a PDF without a text layer and imports it; it needs Tesseract with Dutch data, and
is skipped locally without them but fails in CI (``CI`` set), where they are installed.
"""

from __future__ import annotations

import datetime
import io
import os
import textwrap
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from regio.commitments.models import Commitment
from regio.documents import review
from regio.documents.models import DocumentFinding, FindingState
from regio.documents.services import document_intake
from regio.meetings.models import Meeting
from regio.topics.models import Topic

REPO_ROOT = Path(__file__).resolve().parents[4]
SEEDS = REPO_ROOT.parent / "shared" / "seeds"
SEED_FILES = ("000_52dca18960d0d2c4.txt", "001_0d8e008794102d96.txt")
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
INTENSIFIED = {"warmterotonde", "studentenhuisvesting", "internationaal-onderwijs"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def coordinator(leidse_regio):
    from regio.access.tests.factories import GrantFactory, UserFactory

    return GrantFactory(coordinator=True, region=leidse_regio, user=UserFactory(username="coordinator")).user


def accept_all(actor, document) -> list[DocumentFinding]:
    """Accept every finding put to a person, as a reviewer who agrees with the reader; the refused ones are returned."""
    refused = []
    for finding in document.findings.filter(kind__in=review.REVIEW_KINDS, state=FindingState.PENDING).order_by("start"):
        finding.refresh_from_db()
        if finding.state != FindingState.PENDING:
            continue  # a repeated municipality, reviewed with its first mention
        try:
            review.finding_accept(actor=actor, finding=finding)
        except ValidationError:
            refused.append(finding)
    return refused


@pytest.mark.skipif(
    not all((SEEDS / name).is_file() for name in SEED_FILES),
    reason=f"the seed documents are not in {SEEDS} (they live next to the repository in shared/seeds)",
)
def test_the_seeds_land_on_the_existing_agenda_without_duplicates(leidse_regio, coordinator):
    region = leidse_regio
    members = set(region.municipalities.all())
    assert len(members) == 5
    existing_commitment = Commitment.objects.get(region=region, due_date=datetime.date(2019, 2, 28))
    existing_meeting = Meeting.objects.get(region=region, window_start=datetime.date(2019, 1, 1))
    topics_before = Topic.objects.filter(region=region).count()

    documents = []
    for name in SEED_FILES:
        intake = document_intake(actor=coordinator, region=region, data=(SEEDS / name).read_bytes(), filename=name)
        assert intake.created and intake.findings > 0
        documents.append(intake.document)
        refused = accept_all(coordinator, intake.document)
        # Only new-topic candidates wait for a spearhead, and decisions whose text gives no date wait for
        # one (never dated today); everything else the reader found was accepted.
        assert all(
            f.kind == "topic_candidate" or (f.kind == "decision" and review.decision_reading(f).date is None)
            for f in refused
        ), [(f.kind, f.sentence) for f in refused]
    letter = documents[1]

    # The promise to inform the councils by February 2019: matched, not duplicated, to all five councils.
    commitments = Commitment.objects.filter(region=region, due_date=datetime.date(2019, 2, 28))
    assert list(commitments) == [existing_commitment]
    assert set(existing_commitment.recipient_councils.all()) == members
    existing_commitment.refresh_from_db()
    assert existing_commitment.source == letter.title
    promise = letter.findings.get(kind="commitment")
    assert (promise.state, promise.result_type, promise.result_id) == (
        FindingState.ACCEPTED, "commitment", existing_commitment.pk)

    # The colleges' meeting in the first quarter of 2019 in Zoeterwoude: the existing window, matched.
    q1 = Meeting.objects.filter(
        region=region, window_start=datetime.date(2019, 1, 1), window_end=datetime.date(2019, 3, 31)
    )
    assert list(q1) == [existing_meeting] and existing_meeting.place == "Zoeterwoude"
    gathering = letter.findings.get(kind="event")
    assert (gathering.result_type, gathering.result_id) == ("meeting", existing_meeting.pk)

    # The three intensified topics: the existing ones, linked to the letter, their leads still to be appointed.
    assert Topic.objects.filter(region=region).count() == topics_before
    intensified = Topic.objects.filter(region=region, slug__in=INTENSIFIED)
    assert intensified.count() == 3
    assert all(topic.lead_is_open for topic in intensified)
    assert INTENSIFIED <= set(letter.topics.values_list("slug", flat=True))
    role = letter.findings.get(kind="open_role")
    assert role.state == FindingState.ACCEPTED and role.result_type == "topic"
    for topic in intensified:
        assert topic.history.filter(history_change_reason__isnull=False).exists()

    # Accepting never entered anything twice: importing the same file again gives the same document.
    again = document_intake(actor=coordinator, region=region, data=(SEEDS / SEED_FILES[1]).read_bytes(),
                            filename=SEED_FILES[1])
    assert not again.created and again.document.pk == letter.pk


# --- OCR ------------------------------------------------------------------------------------------

# A letter written for this test (not from the seeds): a dateline and a promise with a deadline.
SCANNED_LETTER = """\
Gemeente Oegstgeest
Postbus 15
2340 AA Oegstgeest

Oegstgeest, 14 maart 2023

Aan de gemeenteraad van Oegstgeest

Onderwerp: verduurzaming van de sporthallen

Geachte raad,

In de vergadering van het college is gesproken over het onderhoud en de verduurzaming van de
gemeentelijke sporthallen. Wij verwachten u uiterlijk in september 2023 te informeren over de
kosten van zonnepanelen op de daken van de sporthallen. Daarna kunt u een besluit nemen over
het krediet.

Met vriendelijke groet,

Het college van burgemeester en wethouders van Oegstgeest
"""


def scanned_pdf(text: str) -> bytes:
    """A one-page PDF holding only an A4 image of `text` at 300 dpi, like a scan from paper."""
    from PIL import Image, ImageDraw, ImageFont

    dpi, width, height = 300, 2480, 3508
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT), 42)
    y = 300
    for paragraph in text.split("\n"):
        for line in textwrap.wrap(paragraph, 80) or [""]:
            draw.text((250, y), line, font=font, fill=0)
            y += 62
    out = io.BytesIO()
    page.save(out, format="PDF", resolution=dpi)
    return out.getvalue()


def _ocr_missing() -> str | None:
    from regio.documents.readers import ocr

    if not FONT.is_file():
        return f"the DejaVuSans font is missing ({FONT})"
    if not ocr.tesseract_available():
        return "Tesseract is not installed"
    if "nld" not in ocr._installed_languages():
        return "Tesseract's Dutch data (tesseract-ocr-nld) is not installed"
    return None


def test_a_scanned_letter_is_read_by_ocr_and_its_date_and_commitment_found(world):
    missing = _ocr_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must be able to OCR: {missing}")
        pytest.skip(missing)
    intake = document_intake(actor=world.user("coordinator"), region=world.region, data=scanned_pdf(SCANNED_LETTER),
                             filename="scan-sporthallen.pdf")
    document = intake.document
    assert intake.ocr_pages == 1 and document.pages.get().ocr
    assert "sporthallen" in document.text
    assert document.document_date == datetime.date(2023, 3, 14)
    assert document.findings.get(kind="document_date").value == "2023-03-14"
    promise = document.findings.get(kind="commitment")
    assert promise.value["due"] == "2023-09-30"
    assert "zonnepanelen" in promise.sentence
