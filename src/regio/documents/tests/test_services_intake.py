"""document_intake: checksum identity, refusal without leftovers, metadata and findings, permissions."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from regio.core.models import Visibility
from regio.documents import search
from regio.documents.models import Document, DocumentFinding, DocumentKind, DocumentPage, FindingState
from regio.documents.services import (
    PAGE_SEPARATOR,
    document_delete,
    document_intake,
    guess_kind,
    page_of,
    page_starts,
    title_from,
)

SEEDS = Path(__file__).resolve().parents[5] / "shared" / "seeds"

LETTER = """Raadsinformatiebrief samenwerking wonen

Leiden, 12 maart 2024

Geachte raadsleden,

De colleges van Leiden en Leiderdorp hebben besloten samen te werken aan meer woningen voor jongeren.
\fWij zullen u voor 1 juli 2024 informeren over de voortgang van het woningbouwprogramma.

Met vriendelijke groet,
het college
"""


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def intake(world, data: bytes = LETTER.encode(), role: str = "coordinator", **kwargs):
    kwargs.setdefault("filename", "brief.txt")
    return document_intake(actor=world.user(role), region=world.region, data=data, **kwargs)


def test_a_letter_is_stored_with_pages_metadata_findings_and_the_original(world, media_root):
    result = intake(world)
    document = result.document
    assert result.created and result.pages == 2 and result.ocr_pages == 0
    assert document.title == "Raadsinformatiebrief samenwerking wonen"
    assert document.kind == DocumentKind.COUNCIL_LETTER
    assert document.document_date == datetime.date(2024, 3, 12)
    assert document.visibility == Visibility.INTERNAL
    assert "coordinator" in document.source
    assert [p.number for p in document.pages.all()] == [1, 2]
    assert {m.name for m in document.municipalities.all()} == {"Leiden", "Leiderdorp"}
    # The original is kept unchanged, addressed by its checksum.
    assert document.original.name == f"documents/{document.sha256[:2]}/{document.sha256}"
    assert (media_root / document.original.name).read_bytes() == LETTER.encode()
    # Findings carry the page their offset falls on, in the text the document shows.
    commitment = document.findings.get(kind="commitment")
    assert commitment.page == 2
    assert commitment.state == FindingState.PENDING
    assert document.text[commitment.start : commitment.end].startswith("Wij zullen u")
    assert result.findings == document.findings.count() > 0


def test_the_same_file_twice_gives_the_same_document(world, media_root):
    first = intake(world)
    second = intake(world, filename="kopie.txt", role="editor_own")
    assert second.document.pk == first.document.pk and not second.created
    assert Document.objects.count() == 1
    assert len(stored_files(media_root)) == 1


@pytest.mark.parametrize(
    ("data", "code"),
    [(b"", "empty"), (bytes(range(256)) * 64, "unsupported_format")],
)
def test_a_bad_file_is_refused_by_name_and_nothing_is_stored(world, media_root, data, code):
    with pytest.raises(ValidationError) as caught:
        intake(world, data=data, filename="kapot.pdf")
    assert caught.value.code == code
    assert caught.value.messages[0].startswith("kapot.pdf: ")
    assert not Document.objects.exists() and not DocumentPage.objects.exists()
    assert stored_files(media_root) == []


def test_a_failure_after_the_file_was_written_leaves_no_orphan(world, media_root, monkeypatch):
    # The file is the last thing written; a failure right after it must take the file away again.
    from django.core.files.storage import FileSystemStorage

    real_save = FileSystemStorage.save

    def save_then_fail(self, name, content, max_length=None):
        saved = real_save(self, name, content, max_length=max_length)
        assert (media_root / saved).exists()
        raise OSError("disk full after writing")

    monkeypatch.setattr(FileSystemStorage, "save", save_then_fail)
    with pytest.raises(OSError):
        intake(world)
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


def test_readers_may_not_add_documents(world):
    for role in ("anonymous", "reader"):
        with pytest.raises(PermissionDenied):
            intake(world, role=role)
    assert intake(world, role="editor_other").created


def test_only_the_coordinator_may_pre_accept(world):
    with pytest.raises(PermissionDenied):
        intake(world, role="editor_own", pre_accept_threshold=0.9)


def test_unknown_kind_and_visibility_are_refused_by_name(world):
    with pytest.raises(ValidationError) as caught:
        intake(world, kind="gedicht")
    assert "brief.txt" in caught.value.messages[0]
    with pytest.raises(ValidationError):
        intake(world, visibility="geheim")
    assert not Document.objects.exists()


def test_the_document_is_searchable_in_the_same_transaction(world):
    document = intake(world, visibility=Visibility.PUBLIC).document
    from regio.access.policies import region_access

    result = search.search(region=world.region, access=region_access(None, world.region), query="voortgang")
    assert [(hit.object_id, hit.page) for hit in result.hits] == [(document.pk, 2)]


def test_delete_removes_rows_index_and_file(world, media_root):
    document = intake(world, visibility=Visibility.PUBLIC).document
    with pytest.raises(PermissionDenied):
        document_delete(actor=world.user("editor_own"), document=document)
    document_delete(actor=world.user("coordinator"), document=document)
    assert not Document.objects.exists() and not DocumentFinding.objects.exists()
    from regio.access.policies import region_access

    assert search.search(region=world.region, access=region_access(None, world.region), query="woningen").hits == []


def test_page_offsets():
    pages = ["abc", "de", "f"]
    starts = page_starts(pages)
    joined = PAGE_SEPARATOR.join(pages)
    for page_number, text in enumerate(pages, start=1):
        assert page_of(joined.index(text), starts) == page_number


@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        ("Besluitenlijst PHO Wonen 3 april", "", DocumentKind.DECISION_LIST),
        ("Verslag bestuurlijk overleg", "", DocumentKind.MINUTES),
        ("Nieuwsitem", "Persbericht: de regio start", DocumentKind.NEWS),
        ("Onderwerp", "Geachte heer, ... Met vriendelijke groet", DocumentKind.LETTER),
        ("Evaluatie regionale samenwerking", "", DocumentKind.REPORT),
        ("Iets", "zomaar wat tekst", DocumentKind.OTHER),
    ],
)
def test_guess_kind(title, text, kind):
    assert guess_kind(title, text) == kind


def test_title_from_reader_first_line_or_file_name():
    assert title_from("  Titel  van\nde reader ", ["x"], "f.txt") == "Titel van de reader"
    assert title_from("", ["\n  12 \n  De eerste   regel\nrest"], "f.txt") == "De eerste regel"
    assert title_from("", ["", "  "], "f.txt") == "f.txt"
    assert len(title_from("x" * 400, [], "f.txt")) == 300


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents (../shared/seeds) are not present")
def test_seed_news_item_in_the_leidse_regio(leidse_regio, settings):
    from regio.access.policies import SYSTEM

    data = (SEEDS / "000_52dca18960d0d2c4.txt").read_bytes()
    result = document_intake(actor=SYSTEM, region=leidse_regio, data=data, filename="nieuws.txt",
                             visibility=Visibility.PUBLIC)
    document = result.document
    assert document.kind == DocumentKind.NEWS
    assert document.document_date == datetime.date(2017, 10, 11)
    assert {m.name for m in document.municipalities.all()} >= {"Leiden", "Leiderdorp", "Oegstgeest",
                                                               "Voorschoten", "Zoeterwoude"}
    assert document.spearheads.exists()
