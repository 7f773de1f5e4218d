"""Full-text search: Dutch stemming, snippets, visibility, filters, sorting, agenda entries, both backends."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.db import connection

from regio.access.policies import SYSTEM, region_access
from regio.commitments.tests.factories import CommitmentFactory
from regio.core.models import Visibility
from regio.documents import search
from regio.documents.services import document_intake
from regio.topics.tests.factories import TopicFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def add(world, text: str, *, visibility=Visibility.PUBLIC, name="d.txt", kind=None):
    return document_intake(actor=SYSTEM, region=world.region, data=text.encode(), filename=name,
                           visibility=visibility, kind=kind).document


def find(world, query: str, role: str = "anonymous", **kwargs) -> search.SearchResult:
    return search.search(region=world.region, access=region_access(world.user(role), world.region), query=query, **kwargs)


def titles(result) -> list[str]:
    return [hit.title for hit in result.hits]


def snippet_html(hit) -> str:
    from django.template.loader import render_to_string

    return render_to_string("web/documents/_snippet.html", {"parts": hit.snippet})


def test_fold_is_dutch_stemming_without_diacritics():
    assert search.fold("woningen") == search.fold("woning") == search.fold("Woning")
    assert search.fold("gemeenten") == search.fold("gemeente")
    assert search.fold("ideeën") == search.fold("ideeen")
    assert search.query_terms("Woningen en woning!") == [search.fold("woning"), "en"]


def test_a_number_is_its_own_fold_without_stemming_or_caching_it():
    assert search.fold_text("Document 000123, Overleg 42") == "document 000123 overleg 42"
    for number in ("0", "7", "00017", "000123", "2026", "999999"):
        assert search.fold(number) == search._stemmer.stemWord(number) == number
    cached = search._fold_word.cache_info().currsize
    search.fold("1234567")
    assert search._fold_word.cache_info().currsize == cached
    # Words with digits in them are stemmed as before.
    assert search.fold("2e") == search._stemmer.stemWord("2e")


def test_woningen_finds_woning_and_marks_it(world):
    add(world, "Woningbouw in Leiden\n\nDe regio bouwt elke woning met zorg voor de buurt.")
    result = find(world, "woningen")
    assert titles(result) == ["Woningbouw in Leiden"]
    marked = [part.text for part in result.hits[0].snippet if part.marked]
    assert marked == ["woning"]


def test_snippets_are_escaped_and_only_marks_are_markup(world):
    add(world, "Kop\n\nDe <script>alert('x')</script> woning & de tuin.")
    html = snippet_html(find(world, "woning").hits[0])
    # SQLite's snippets keep the text (escaped); PostgreSQL's ts_headline drops tags. Either way the
    # only markup is the highlighting.
    assert re.findall(r"<[^>]*>", html) == ["<mark>", "</mark>"] and "<mark>woning</mark>" in html
    assert "&amp;" in html
    if connection.vendor == "sqlite":
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_snippet_window_is_cut_around_the_hits():
    text = " ".join(["vulling"] * 100 + ["regionale", "samenwerking"] + ["vulling"] * 100)
    parts = search.snippet_from_text(text, {search.fold("samenwerking")}, words=10)
    assert parts[0].text == "… " and parts[-1].text == " …"
    assert [p.text for p in parts if p.marked] == ["samenwerking"]
    assert sum(len(p.text.split()) for p in parts if p.text.strip("… ")) <= 10


def test_anonymous_visitors_never_see_internal_documents_or_their_text(world):
    add(world, "Geheim plan\n\nDe fusie van de bibliotheken wordt voorbereid.", visibility=Visibility.INTERNAL)
    add(world, "Open brief\n\nDe bibliotheken blijven open.", name="open.txt")
    assert titles(find(world, "bibliotheken")) == ["Open brief"]
    assert find(world, "fusie").hits == []
    assert set(titles(find(world, "bibliotheken", role="reader"))) == {"Geheim plan", "Open brief"}
    # A reader may narrow to one visibility; an anonymous visitor asking for internal still gets public only.
    internal = search.SearchFilters(visibility=Visibility.INTERNAL)
    assert titles(find(world, "bibliotheken", role="reader", filters=internal)) == ["Geheim plan"]
    assert titles(find(world, "bibliotheken", filters=internal)) == ["Open brief"]


def test_filters_by_kind_date_municipality_and_spearhead(world):
    old = add(world, "Besluitenlijst\n\nLeiden, 3 januari 2019\n\nLeiden besluit over de haven.", name="a.txt")
    new = add(world, "Verslag\n\nLeiderdorp, 3 januari 2024\n\nLeiderdorp spreekt over de haven.", name="b.txt")
    assert old.kind == "besluitenlijst" and new.kind == "verslag"
    assert titles(find(world, "haven", filters=search.SearchFilters(kind="verslag"))) == ["Verslag"]
    after = search.SearchFilters(date_from=datetime.date(2020, 1, 1))
    assert titles(find(world, "haven", filters=after)) == ["Verslag"]
    before = search.SearchFilters(date_to=datetime.date(2020, 1, 1))
    assert titles(find(world, "haven", filters=before)) == ["Besluitenlijst"]
    in_leiden = search.SearchFilters(municipality_id=world.own.pk)
    assert titles(find(world, "haven", filters=in_leiden)) == ["Besluitenlijst"]
    spearhead = world.spearheads[0]
    new.spearheads.add(spearhead)
    search.index_document(new)
    assert titles(find(world, "haven", filters=search.SearchFilters(spearhead_id=spearhead.pk))) == ["Verslag"]


def test_sort_by_date_puts_the_newest_first(world):
    add(world, "Eerste\n\nLeiden, 1 februari 2020\n\nDe haven de haven de haven de haven.", name="a.txt")
    add(world, "Tweede\n\nLeiden, 1 februari 2023\n\nOok de haven.", name="b.txt")
    assert titles(find(world, "haven", sort="date")) == ["Tweede", "Eerste"]
    assert titles(find(world, "haven", sort="relevance"))[0] == "Eerste"


def test_one_hit_per_document_on_its_best_page_and_paging(world):
    add(world, "Rapport\n\nHet fietspad.\fHet fietspad, het fietspad en nog eens het fietspad.\fNiets.")
    result = find(world, "fietspad")
    assert [(hit.title, hit.page) for hit in result.hits] == [("Rapport", 2)]
    assert result.hits[0].url.endswith("#pagina-2")
    for n in range(5):
        add(world, f"Notitie {n}\n\nOver het fietspad.", name=f"n{n}.txt")
    first = find(world, "fietspad", limit=4)
    second = find(world, "fietspad", limit=4, offset=4)
    assert first.has_next and not second.has_next
    assert len(first.hits) == 4 and len(second.hits) == 2
    assert not {h.object_id for h in first.hits} & {h.object_id for h in second.hits}


def test_agenda_entries_are_found_and_respect_visibility(world):
    topic = TopicFactory(region=world.region, title="Warmtenet", description="Een regionaal warmtenet voor woningen.")
    hidden = TopicFactory(region=world.region, title="Stille reserve", description="Woningen in reserve.", internal=True)
    commitment = CommitmentFactory(region=world.region, title="Brief over woningen", due_date=datetime.date(2019, 2, 28),
                                   recipient_councils=[world.other])
    for obj in (topic, hidden, commitment):
        search.reindex_entry(obj)
    assert set(titles(find(world, "woning"))) == {"Warmtenet", "Brief over woningen"}
    assert "Stille reserve" in titles(find(world, "woning", role="editor_own"))
    only_commitments = search.SearchFilters(kind="toezegging", municipality_id=world.other.pk)
    hits = find(world, "woning", filters=only_commitments).hits
    assert [(hit.object_type, hit.url) for hit in hits] == [("commitment", commitment.get_absolute_url())]
    # A changed entry is found by its new words once reindexed, and no longer by the old ones.
    topic.title = "Warmterotonde"
    topic.description = "Restwarmte uit de haven."
    topic.save()
    search.reindex_entry(topic)
    assert "Warmterotonde" in titles(find(world, "restwarmte"))
    assert "Warmterotonde" not in titles(find(world, "woning"))


def test_reindex_command_rebuilds_everything(world):
    add(world, "Kaart\n\nDe kaart van het gebied.")
    TopicFactory(region=world.region, title="Kaartmateriaal", description="Kaarten van de regio.")
    assert titles(find(world, "kaart")) == ["Kaart"]  # the topic was written without its service
    out = io.StringIO()
    call_command("reindex", "--region", world.region.slug, stdout=out)
    assert "1 document entry" in out.getvalue() and "1 topic entry" in out.getvalue()
    assert set(titles(find(world, "kaart"))) == {"Kaart", "Kaartmateriaal"}


def test_empty_or_wordless_query_finds_nothing(world):
    add(world, "Iets\n\nTekst.")
    assert find(world, "").hits == [] and find(world, "  ?! ").hits == []
    with pytest.raises(ValueError):
        find(world, "tekst", sort="alfabet")


def test_query_syntax_characters_are_words_not_operators(world):
    add(world, "Notitie\n\nDe haven OR het station NEAR de markt.")
    assert titles(find(world, 'haven" OR "zee')) == []  # AND of the words: zee is not there
    assert titles(find(world, "haven AND station")) == []  # 'and' is a word to look for, not an operator
    assert titles(find(world, "haven station")) == ["Notitie"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 index is SQLite's")
def test_sqlite_index_holds_stemmed_tokens(world):
    document = add(world, "Kop\n\nWoningen.")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT f.body FROM {search.FTS_TABLE} f JOIN {search.ENTRY_TABLE} e ON e.id = f.rowid "
            "WHERE e.object_type = 'document' AND e.object_id = %s", [document.pk],
        )
        assert cursor.fetchone()[0] == f"kop {search.fold('woningen')}" == "kop woon"


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_postgres_uses_the_dutch_configuration_and_a_gin_index(world):
    add(world, "Kop\n\nWoningen.")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT search_vector::text FROM {search.ENTRY_TABLE}")
        assert "'woning'" in cursor.fetchone()[0]
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'documents_searchentry_vector'")
        assert "gin" in cursor.fetchone()[0].lower()


def test_a_search_ranks_the_newest_window_of_matches_and_says_when_there_are_more(world, monkeypatch):
    for n in range(5):
        add(world, f"Notitie {n}\n\nHet kanaal.", name=f"k{n}.txt")
    everything = find(world, "kanaal")
    assert everything.total == 5 and not everything.total_is_lower_bound
    monkeypatch.setattr(search, "RANK_WINDOW", 3)
    capped = find(world, "kanaal")
    assert capped.total == 3 and capped.total_is_lower_bound
    assert set(titles(capped)) == {"Notitie 2", "Notitie 3", "Notitie 4"}  # the newest three indexed
    monkeypatch.setattr(search, "RANK_WINDOW", 5)
    exactly = find(world, "kanaal")
    assert exactly.total == 5 and not exactly.total_is_lower_bound


def test_the_total_counts_objects_not_pages_and_paging_stops_at_it(world):
    add(world, "Rapport\n\nDe dijk.\fDe dijk en de dijk.\fWeer de dijk.")
    add(world, "Brief\n\nOver de dijk.", name="b.txt")
    result = find(world, "dijk", limit=1)
    assert result.total == 2 and result.has_next
    last = find(world, "dijk", limit=1, offset=1)
    assert last.total == 2 and not last.has_next and len(last.hits) == 1
    assert find(world, "dijk", limit=1, offset=2).hits == []


def test_the_window_is_taken_after_the_visibility_rule(world, monkeypatch):
    # Internal entries indexed last must not crowd the public ones out of an anonymous visitor's window.
    add(world, "Open een\n\nDe sluis.", name="o1.txt")
    add(world, "Open twee\n\nDe sluis.", name="o2.txt")
    for n in range(3):
        add(world, f"Intern {n}\n\nDe sluis.", name=f"i{n}.txt", visibility=Visibility.INTERNAL)
    monkeypatch.setattr(search, "RANK_WINDOW", 2)
    anonymous = find(world, "sluis")
    assert set(titles(anonymous)) == {"Open een", "Open twee"} and not anonymous.total_is_lower_bound
    member = find(world, "sluis", role="reader")
    assert set(titles(member)) == {"Intern 1", "Intern 2"} and member.total_is_lower_bound


def test_a_search_takes_two_queries_however_many_hits(world, django_assert_num_queries):
    for n in range(6):
        add(world, f"Verslag {n}\n\nDe brug over de rivier.\fNog een brug.", name=f"v{n}.txt")
    access = region_access(world.user("anonymous"), world.region)
    # The ranked candidates, then the page shown (with snippets); PostgreSQL first reads the newest id.
    # Inside the test's transaction PostgreSQL also puts the planner setting back (see the next tests).
    # PostgreSQL asks one query per id range (one range here; on a large index a few, growing with
    # how rare the matches are, never with the number of hits).
    queries = 2 if connection.vendor == "sqlite" else 4
    for limit in (1, 6):
        with django_assert_num_queries(queries):
            result = search.search(region=world.region, access=access, query="brug", limit=limit)
        assert len(result.hits) == limit and result.total == 6


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 query plan is SQLite's")
def test_sqlite_walks_the_matches_in_index_order_and_checks_filters_in_the_probe_index(world):
    # The plan that keeps a search cheap on a large index: FTS5 drives (no sort of all matches in a
    # temporary b-tree), each match is looked up in the covering index, not in the table.
    add(world, "Kop\n\nDe haven.")
    access = region_access(world.user("reader"), world.region)
    filters = search.SearchFilters(kind="verslag", municipality_id=world.own.pk, date_from=datetime.date(2020, 1, 1))
    where, params = search._filters(world.region, access, filters)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + search._sqlite_candidate_sql(where), ['"haven"', *params, 10])
        plan = [row[-1] for row in cursor.fetchall()]
    assert plan[0].startswith(f"SCAN {search.FTS_TABLE} VIRTUAL TABLE"), plan
    assert f"COVERING INDEX {search.PROBE_INDEX}" in plan[1], plan
    assert not any("TEMP B-TREE" in step for step in plan), plan


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the id ranges are PostgreSQL's")
def test_postgres_finds_the_newest_window_across_id_ranges(world, monkeypatch):
    # Ranges of 2 ids, then 8, 32...: matches spread over several ranges still give the newest window.
    monkeypatch.setattr(search, "PG_FIRST_SPAN", 2)
    for n in range(6):
        add(world, f"Notitie {n}\n\nHet kanaal.", name=f"k{n}.txt")
        add(world, f"Ander {n}\n\nDe weg.", name=f"w{n}.txt")
    assert find(world, "kanaal").total == 6
    monkeypatch.setattr(search, "RANK_WINDOW", 4)
    capped = find(world, "kanaal")
    assert set(titles(capped)) == {"Notitie 2", "Notitie 3", "Notitie 4", "Notitie 5"}
    assert capped.total_is_lower_bound


def test_an_old_match_is_found_when_the_newest_ranges_have_few(world, monkeypatch):
    # Ranges of 1 id, then 4, 16, 64: the newest ranges hold one match, the oldest entry the other.
    monkeypatch.setattr(search, "PG_FIRST_SPAN", 1)
    monkeypatch.setattr(search, "RANK_WINDOW", 5)
    add(world, "Oude nota\n\nHet aquaduct.", name="oud.txt", kind="rapport")
    for n in range(25):
        add(world, f"Ander {n}\n\nDe weg.", name=f"w{n}.txt")
    add(world, "Nieuwe nota\n\nHet aquaduct.", name="nieuw.txt")
    result = find(world, "aquaduct")
    assert titles(result) == ["Nieuwe nota", "Oude nota"]  # equal scores: the newest first (no dates)
    assert result.total == 2 and not result.total_is_lower_bound
    assert titles(find(world, "aquaduct", filters=search.SearchFilters(kind="rapport"))) == ["Oude nota"]


@pytest.mark.parametrize("rank_last", [True, False])
def test_scores_belong_to_their_entries_across_ranges(world, monkeypatch, rank_last):
    # PostgreSQL ranks either the window only (above the ranges) or every row in its range: the same
    # scores either way, each on its own entry; the best page of the older document wins.
    monkeypatch.setattr(search, "PG_FIRST_SPAN", 1)
    monkeypatch.setattr(search, "PG_RANK_LAST", rank_last)
    add(world, "Oud\n\nNiets hier.\fDe haven, de haven, de haven en de haven bij het dorp.\fOok de haven.",
        name="o.txt")
    for n in range(6):
        add(world, f"Ander {n}\n\nDe weg.", name=f"w{n}.txt")
    add(world, "Nieuw\n\nEen haven tussen de velden en de wegen van het dorp.", name="n.txt")
    result = find(world, "haven")
    assert [(hit.title, hit.page) for hit in result.hits] == [("Oud", 2), ("Nieuw", 1)]
    assert result.hits[0].score > result.hits[1].score > 0


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the planner setting is PostgreSQL's")
def test_postgres_ranges_run_without_plain_index_scans_and_the_setting_is_put_back(world):
    # A plain index scan would walk the primary key backwards and test every row of a range against
    # the query; the range query must run with it switched off, and leave the caller's setting as it was.
    add(world, "Kop\n\nDe haven.")
    seen = []

    def probe(execute, sql, params, many, context):
        if "UNION ALL" in sql or sql.lstrip().startswith("(") or "AS newest" in sql:
            with context["connection"].connection.cursor() as raw:
                seen.append(raw.execute("SHOW enable_indexscan").fetchone()[0])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(probe):
        assert titles(find(world, "haven")) == ["Kop"]
    assert seen == ["off"]
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_indexscan")
        assert cursor.fetchone()[0] == "on"


def test_postgres_id_ranges_cover_every_id_once(monkeypatch):
    monkeypatch.setattr(search, "PG_FIRST_SPAN", 10)
    assert search._postgres_ranges(0) == []
    assert search._postgres_ranges(7) == [(0, 7)]
    assert search._postgres_ranges(100) == [(90, 100), (50, 90), (0, 50)]
    assert search._postgres_ranges(1000) == [(990, 1000), (950, 990), (790, 950), (150, 790), (0, 150)]


def test_postgres_next_range_is_sized_from_the_matches_found(monkeypatch):
    monkeypatch.setattr(search, "PG_FIRST_SPAN", 10)
    monkeypatch.setattr(search, "PG_SPAN_GROWTH", 4)
    monkeypatch.setattr(search, "PG_SPAN_MARGIN", 1.5)
    monkeypatch.setattr(search, "PG_MIN_SPAN", 10)
    assert search._next_span(10, found=0, still_wanted=5) == 40  # nothing found: four times wider
    assert search._next_span(100, found=10, still_wanted=30) == 450  # 10 a 100 ids, 30 wanted, margin 1.5
    assert search._next_span(100, found=40, still_wanted=1) == 10  # never narrower than PG_MIN_SPAN


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_postgres_search_reads_only_the_partition_of_its_region(world):
    """The entry table is partitioned by region (migration 0006): every statement of a search that
    reads entries is planned on one partition, never on the others (which hold other regions)."""
    from django.test.utils import CaptureQueriesContext

    add(world, "Woningbouw\n\nDe regio bouwt woningen.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_inherits WHERE inhparent = %s::regclass", [search.ENTRY_TABLE])
        assert cursor.fetchone()[0] == 16
    with CaptureQueriesContext(connection) as captured:
        result = find(world, "woningen", role="coordinator")
    assert titles(result) == ["Woningbouw"]
    statements = [q["sql"] for q in captured.captured_queries if search.ENTRY_TABLE in q["sql"]]
    assert len(statements) >= 2  # the newest id, a range of candidates, the shown hits
    for statement in statements:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN " + statement)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert len(set(re.findall(r"documents_searchentry_p\d\d", plan))) == 1, plan
