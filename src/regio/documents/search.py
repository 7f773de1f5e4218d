"""Full-text search over documents (title and text per page) and agenda entries (topics,
agreements, commitments, meetings): the index, keeping it current, and the query.

One interface, two backends chosen by the database vendor:

- **SQLite** (the embedded default): an FTS5 table (tokenizer ``unicode61 remove_diacritics 2``)
  holding *stemmed* tokens; Dutch stemming is done here in Python with snowballstemmer, on the
  indexed text and on the query alike (:func:`fold`). Ranking by bm25. Snippets are cut from the
  original text by folding its words the same way, so a hit maps back to the words as written.
- **PostgreSQL**: a generated ``tsvector`` column (``to_tsvector('dutch', ...)``, title weighted
  above body) with a GIN index, ``plainto_tsquery`` (every word must occur, as on SQLite),
  ``ts_rank`` and ``ts_headline``.

The entries live in ``documents_searchentry`` (created by migration 0002, not a Django model: only
this module reads or writes it). Each entry carries the visibility, date, kind, municipalities and
spearheads of what it points at, so filters and the visibility rule are applied in the same query
as the match (a composite index on region, visibility, kind and date serves them, migration 0003).

How a search stays fast on a large index: neither engine can rank only the best k matches without
scoring every match first (bm25 and ts_rank read each row), and a common word matches a large part
of a million paragraphs. So a search takes the newest :data:`RANK_WINDOW` matching entries that
pass the filters (newest by index order, which the engine walks without scoring), scores only
those, keeps each object's best entry and sorts them; snippets and headlines are made only for the
page shown. A query matching fewer entries is ranked exactly over all its matches. One matching
more reports its total as a lower bound (``total_is_lower_bound``: "more than N"), and its ranking
and date order cover the window only, not older entries beyond it. On PostgreSQL the window is
sought in newest-first id ranges, each run as a bitmap plan (:func:`_postgres_candidates`); what
still limits it at a million entries is in ``bench/intake_search.py`` and docs/operations.md.

Keeping the index current: the document services call :func:`index_document` inside their own
transaction. Agenda entries are indexed by :func:`reindex_entry`, which the services that change
them may call in their transaction; entries changed elsewhere are picked up by the periodic
``regio reindex`` command (:func:`rebuild`). A snippet is a list of (text, marked) parts, never
HTML: templates escape the text and add the ``<mark>`` elements themselves.
"""

from __future__ import annotations

import contextlib
import functools
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

import snowballstemmer
from django.db import connection, transaction

from regio.core import bulk

ENTRY_TABLE = "documents_searchentry"
FTS_TABLE = "documents_searchfts"
PROBE_INDEX = "documents_searchentry_probe"  # SQLite only, see migration 0004
ENTRY_FIELDS = (
    "region_id", "object_type", "object_id", "page", "title", "body", "url", "kind", "visibility",
    "entry_date", "municipalities", "spearheads",
)
SORTS = ("relevance", "date")
# Matches ranked per search: the newest this many matching entries (after filters). Ranking reads
# every ranked row (bm25 / ts_rank), so this bounds the cost of a search that matches half the index.
RANK_WINDOW = 2000
SNIPPET_WORDS = 30
# Markers ts_headline puts around hits; control characters that page text never contains.
_START, _STOP = "\x02", "\x03"
_WORD = re.compile(r"[^\W_]+")
_stemmer = snowballstemmer.stemmer("dutch")


# --- words --------------------------------------------------------------------------------------


def fold(word: str) -> str:
    """The form a word is indexed and searched under: lower case, Dutch stem, no diacritics."""
    if word.isascii() and word.isdigit():
        # A number is its own stem (the stemmer changes letters only). Not cached: the numbers of a
        # million numbered titles (regio generate-scale) would push the words out of the cache.
        return word
    return _fold_word(word)


@functools.lru_cache(maxsize=200_000)
def _fold_word(word: str) -> str:
    stem = _stemmer.stemWord(word.lower())
    decomposed = unicodedata.normalize("NFKD", stem)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold_text(text: str) -> str:
    return " ".join(fold(word) for word in _WORD.findall(text))


def query_terms(query: str) -> list[str]:
    """The folded words of a query, in order, without repeats."""
    return list(dict.fromkeys(fold(word) for word in _WORD.findall(query)))


# --- the entries --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One searchable unit: a page of a document, or an agenda entry."""

    region_id: int
    object_type: str  # document, topic, agreement, commitment, meeting
    object_id: int
    page: int | None
    title: str
    body: str
    url: str
    kind: str
    visibility: str
    entry_date: date | None
    municipality_ids: Sequence[int] = ()
    spearhead_ids: Sequence[int] = ()

    def row(self) -> tuple:
        return (
            self.region_id, self.object_type, self.object_id, self.page, self.title, self.body, self.url,
            self.kind, self.visibility, self.entry_date, _id_list(self.municipality_ids),
            _id_list(self.spearhead_ids),
        )


def _id_list(ids: Iterable[int]) -> str:
    # "|3|7|": a filter on one id is a LIKE '%|3|%' on both databases.
    ids = sorted(set(ids))
    return "|" + "|".join(str(i) for i in ids) + "|" if ids else ""


def _delete(object_type: str, object_ids: Sequence[int]) -> None:
    if not object_ids:
        return
    marks = ", ".join(["%s"] * len(object_ids))
    where = f"object_type = %s AND object_id IN ({marks})"
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                f"DELETE FROM {FTS_TABLE} WHERE rowid IN (SELECT id FROM {ENTRY_TABLE} WHERE {where})",
                [object_type, *object_ids],
            )
        cursor.execute(f"DELETE FROM {ENTRY_TABLE} WHERE {where}", [object_type, *object_ids])


def insert_entries(entries: Iterable[Entry]) -> int:
    """Add entries to the index (the caller removes old ones first). Returns how many were added."""
    columns = ", ".join(ENTRY_FIELDS)
    marks = ", ".join(["%s"] * len(ENTRY_FIELDS))
    insert = f"INSERT INTO {ENTRY_TABLE} ({columns}) VALUES ({marks})"
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            fts_rows = []
            for entry in entries:
                cursor.execute(insert, entry.row())
                fts_rows.append((cursor.lastrowid, fold_text(entry.title), fold_text(entry.body)))
            cursor.executemany(f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)", fts_rows)
            count = len(fts_rows)
        else:
            rows = [entry.row() for entry in entries]
            if rows:
                cursor.executemany(insert, rows)
            count = len(rows)
    return count


def insert_prefolded(rows: Sequence[tuple[Entry, str, str]]) -> int:
    """Add many entries whose search form is already made: (entry, folded title, folded body).

    For bulk generators that compose text from words they folded once (regio generate-scale); the
    folded forms must equal ``fold_text`` of the title and body. The entries go in as plain rows
    (COPY on PostgreSQL, see regio.core.bulk). Returns how many were added.
    """
    if not rows:
        return 0
    if connection.vendor != "sqlite":
        return bulk.insert_rows(ENTRY_TABLE, ENTRY_FIELDS, [entry.row() for entry, _t, _b in rows])
    ids = bulk.reserve_ids(ENTRY_TABLE, len(rows))
    bulk.insert_rows(ENTRY_TABLE, ("id", *ENTRY_FIELDS), [(i, *e.row()) for i, (e, _t, _b) in zip(ids, rows)])
    bulk.insert_rows(FTS_TABLE, ("rowid", "title", "body"), [(i, t, b) for i, (_e, t, b) in zip(ids, rows)])
    return len(rows)


def remove_regions(region_ids: Sequence[int]) -> None:
    """Take every entry of these regions out of the index (before the regions are deleted)."""
    if not region_ids:
        return
    marks = ", ".join(["%s"] * len(region_ids))
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                f"DELETE FROM {FTS_TABLE} WHERE rowid IN (SELECT id FROM {ENTRY_TABLE} WHERE region_id IN ({marks}))",
                list(region_ids),
            )
        cursor.execute(f"DELETE FROM {ENTRY_TABLE} WHERE region_id IN ({marks})", list(region_ids))


def remove(object_type: str, object_ids: Sequence[int]) -> None:
    """Take these objects out of the index (call it when they are deleted)."""
    with transaction.atomic():
        _delete(object_type, list(object_ids))


# --- what each kind of object contributes --------------------------------------------------------


def _ids(manager) -> list[int]:
    return [obj.pk for obj in manager.all()]


def document_entries(document) -> list[Entry]:
    """One entry per page (at least one, so a document without text is found by its title)."""
    municipalities = _ids(document.municipalities)
    spearheads = _ids(document.spearheads)
    url = document.get_absolute_url()
    pages = list(document.pages.all()) or [None]
    return [
        Entry(
            region_id=document.region_id,
            object_type="document",
            object_id=document.pk,
            page=page.number if page else None,
            title=document.title,
            body=page.text if page else "",
            url=f"{url}#pagina-{page.number}" if page else url,
            kind=document.kind,
            visibility=document.visibility,
            entry_date=document.document_date,
            municipality_ids=municipalities,
            spearhead_ids=spearheads,
        )
        for page in pages
    ]


def _topic_entry(topic) -> Entry:
    municipalities = {p.municipality_id for p in topic.participations.all()}
    municipalities |= {m for m in (topic.lead_municipality_id, topic.proposed_by_id) if m}
    return Entry(
        topic.region_id, "topic", topic.pk, None, topic.title, topic.description, topic.get_absolute_url(),
        "onderwerp", topic.visibility, topic.proposed_on, sorted(municipalities), _ids(topic.spearheads),
    )


def _agreement_entry(agreement) -> Entry:
    spearheads = _ids(agreement.topic.spearheads) if agreement.topic_id else []
    return Entry(
        agreement.region_id, "agreement", agreement.pk, None, agreement.title, agreement.text,
        agreement.get_absolute_url(), "afspraak", agreement.visibility, agreement.made_on,
        _ids(agreement.participants), spearheads,
    )


def _commitment_entry(commitment) -> Entry:
    spearheads = _ids(commitment.topic.spearheads) if commitment.topic_id else []
    municipalities = set(_ids(commitment.recipient_councils)) | set(_ids(commitment.promised_by_municipalities))
    body = "\n".join(part for part in (commitment.description, commitment.promised_by) if part)
    return Entry(
        commitment.region_id, "commitment", commitment.pk, None, commitment.title, body,
        commitment.get_absolute_url(), "toezegging", commitment.visibility, commitment.due_date,
        sorted(municipalities), spearheads,
    )


def _meeting_entry(meeting) -> Entry:
    when = meeting.starts_at.date() if isinstance(meeting.starts_at, datetime) else meeting.window_start
    body = "\n".join(part for part in (meeting.place, meeting.minutes) if part)
    spearheads = _ids(meeting.body.spearheads) if meeting.body_id else []
    return Entry(
        meeting.region_id, "meeting", meeting.pk, None, meeting.title, body, meeting.get_absolute_url(),
        "overleg", meeting.visibility, when, [], spearheads,
    )


def _entry_builders():
    from regio.commitments.models import Commitment
    from regio.meetings.models import Agreement, Meeting
    from regio.topics.models import Topic

    return {
        Topic: ("topic", _topic_entry, ("participations", "spearheads")),
        Agreement: ("agreement", _agreement_entry, ("participants", "topic__spearheads")),
        Commitment: ("commitment", _commitment_entry,
                     ("recipient_councils", "promised_by_municipalities", "topic__spearheads")),
        Meeting: ("meeting", _meeting_entry, ("body__spearheads",)),
    }


ENTRY_LABELS = {"topic": "onderwerp", "agreement": "afspraak", "commitment": "toezegging", "meeting": "overleg"}


@transaction.atomic
def index_document(document) -> None:
    """(Re)index a document's pages; call it in the transaction that changed the document."""
    _delete("document", [document.pk])
    insert_entries(document_entries(document))


@transaction.atomic
def reindex_entry(obj) -> None:
    """(Re)index one topic, agreement, commitment or meeting; call it from the service that changed it."""
    object_type, build, _prefetch = _entry_builders()[type(obj)]
    _delete(object_type, [obj.pk])
    insert_entries([build(obj)])


@transaction.atomic
def rebuild(*, region=None) -> dict[str, int]:
    """Rebuild the whole index (of one region, or all): what ``regio reindex`` runs. Returns counts."""
    from regio.documents.models import Document

    counts: dict[str, int] = {}
    with connection.cursor() as cursor:
        if region is None:
            if connection.vendor == "sqlite":
                cursor.execute(f"DELETE FROM {FTS_TABLE}")
            cursor.execute(f"DELETE FROM {ENTRY_TABLE}")
        else:
            if connection.vendor == "sqlite":
                cursor.execute(
                    f"DELETE FROM {FTS_TABLE} WHERE rowid IN (SELECT id FROM {ENTRY_TABLE} WHERE region_id = %s)",
                    [region.pk],
                )
            cursor.execute(f"DELETE FROM {ENTRY_TABLE} WHERE region_id = %s", [region.pk])
    documents = Document.objects.select_related("region").prefetch_related("pages", "municipalities", "spearheads")
    for model, (object_type, build, prefetch) in {Document: ("document", None, ()), **_entry_builders()}.items():
        if model is Document:
            queryset = documents
        else:
            queryset = model.objects.select_related("region").prefetch_related(*prefetch)
        if region is not None:
            queryset = queryset.filter(region=region)
        entries: list[Entry] = []
        for obj in queryset.iterator(chunk_size=500):
            entries.extend(document_entries(obj) if model is Document else [build(obj)])
        insert_entries(entries)
        counts[object_type] = len(entries)
    return counts


# --- searching ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchFilters:
    municipality_id: int | None = None
    spearhead_id: int | None = None
    kind: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    visibility: str | None = None


@dataclass(frozen=True)
class SnippetPart:
    text: str
    marked: bool


@dataclass
class Hit:
    object_type: str
    object_id: int
    page: int | None
    title: str
    url: str
    kind: str
    visibility: str
    entry_date: date | None
    score: float
    snippet: list[SnippetPart] = field(default_factory=list)


@dataclass
class SearchResult:
    query: str
    hits: list[Hit]
    has_next: bool
    offset: int
    total: int = 0
    total_is_lower_bound: bool = False


def search(
    *,
    region,
    access,
    query: str,
    filters: SearchFilters = SearchFilters(),
    sort: str = "relevance",
    limit: int = 20,
    offset: int = 0,
) -> SearchResult:
    """The best entries for `query` in `region` that `access` may see, one per object (its best page).

    Ranked among the newest :data:`RANK_WINDOW` matching entries (see the module docstring); when
    more entries match, ``total`` counts the objects in that window and ``total_is_lower_bound`` is set.
    """
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {SORTS}")
    terms = query_terms(query)
    if not terms:
        return SearchResult(query, [], False, offset)
    where, params = _filters(region, access, filters)
    if connection.vendor == "sqlite":
        candidates = _sqlite_candidates(_sqlite_match(terms), where, params)
    else:
        candidates = _postgres_candidates(query, where, params)
    overflow = len(candidates) > RANK_WINDOW
    best = _best_per_object(candidates[:RANK_WINDOW], sort)
    shown = best[offset:offset + limit]
    if connection.vendor == "sqlite":
        hits = _sqlite_hits(shown, region.pk, set(terms))
    else:
        hits = _postgres_hits(shown, region.pk, query)
    return SearchResult(query, hits, len(best) > offset + limit, offset, total=len(best), total_is_lower_bound=overflow)


def _filters(region, access, filters: SearchFilters) -> tuple[list[str], list]:
    where, params = ["e.region_id = %s"], [region.pk]
    visibility = _visibility(access, filters)
    if visibility:
        where.append("e.visibility = %s")
        params.append(visibility)
    if filters.municipality_id:
        where.append("e.municipalities LIKE %s")
        params.append(f"%|{int(filters.municipality_id)}|%")
    if filters.spearhead_id:
        where.append("e.spearheads LIKE %s")
        params.append(f"%|{int(filters.spearhead_id)}|%")
    if filters.kind:
        where.append("e.kind = %s")
        params.append(filters.kind)
    if filters.date_from:
        where.append("e.entry_date >= %s")
        params.append(filters.date_from)
    if filters.date_to:
        where.append("e.entry_date <= %s")
        params.append(filters.date_to)
    return where, params


def _visibility(access, filters: SearchFilters) -> str | None:
    """The one visibility the search is limited to, if any: anonymous visitors only ever see public entries."""
    from regio.core.models import Visibility

    if not access.can_read_internal:
        return Visibility.PUBLIC.value
    return filters.visibility or None


@dataclass(frozen=True)
class _Candidate:
    entry_id: int
    score: float
    object_type: str
    object_id: int
    entry_date: date | None


def _best_per_object(candidates: Iterable[_Candidate], sort: str) -> list[_Candidate]:
    """Each object's best-scoring entry, ordered for display."""
    best: dict[tuple[str, int], _Candidate] = {}
    for candidate in candidates:
        key = (candidate.object_type, candidate.object_id)
        held = best.get(key)
        if held is None or (candidate.score, -candidate.entry_id) > (held.score, -held.entry_id):
            best[key] = candidate

    # Best first; on equal scores (or when sorting by date) the newest, then a stable tie-break.
    def by_date(c: _Candidate) -> tuple:
        return (c.entry_date is None, -(c.entry_date.toordinal() if c.entry_date else 0))

    if sort == "date":
        key = lambda c: (*by_date(c), -c.score, c.object_type, -c.object_id)  # noqa: E731
    else:
        key = lambda c: (-c.score, *by_date(c), c.object_type, -c.object_id)  # noqa: E731
    return sorted(best.values(), key=key)


_HIT_COLUMNS = "e.id, e.object_type, e.object_id, e.page, e.title, e.url, e.kind, e.visibility, e.entry_date"


def _to_date(value) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _fetch_shown(shown: list[_Candidate], region_id: int, extra_column: str, extra_params: list) -> dict[int, tuple]:
    """The displayed columns (plus one computed column) of the entries on the page shown, by id.

    The region too, though the ids settle it: on PostgreSQL it names the one partition to read."""
    if not shown:
        return {}
    marks = ", ".join(["%s"] * len(shown))
    sql = f"SELECT {_HIT_COLUMNS}, {extra_column} FROM {ENTRY_TABLE} e WHERE e.region_id = %s AND e.id IN ({marks})"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*extra_params, region_id, *(c.entry_id for c in shown)])
        return {row[0]: row for row in cursor.fetchall()}


def _hit(row: tuple, score: float, snippet: list[SnippetPart]) -> Hit:
    return Hit(row[1], row[2], row[3], row[4], row[5], row[6], row[7], _to_date(row[8]), score, snippet)


# --- SQLite: FTS5 ----------------------------------------------------------------------------------


def _sqlite_match(terms: list[str]) -> str:
    return " ".join('"' + term.replace('"', "") + '"' for term in terms)


def _sqlite_candidate_sql(where: list[str]) -> str:
    # FTS5 walks the matches newest first (rowid order, no ranking needed to choose the window) and
    # computes bm25 only for the rows it returns. bm25 is "lower is better": negated so both
    # backends sort scores descending. Title hits weigh 4x. Each match is checked against the
    # filters through the covering probe index (migration 0004), not the wide table rows.
    return f"""
        SELECT {FTS_TABLE}.rowid, -bm25({FTS_TABLE}, 4.0, 1.0), e.object_type, e.object_id, e.entry_date
        FROM {FTS_TABLE} JOIN {ENTRY_TABLE} e INDEXED BY {PROBE_INDEX} ON e.id = {FTS_TABLE}.rowid
        WHERE {FTS_TABLE} MATCH %s AND {" AND ".join(where)}
        ORDER BY {FTS_TABLE}.rowid DESC
        LIMIT %s
    """


def _sqlite_candidates(match: str, where: list[str], params: list) -> list[_Candidate]:
    with connection.cursor() as cursor:
        cursor.execute(_sqlite_candidate_sql(where), [match, *params, RANK_WINDOW + 1])
        return [_Candidate(row[0], row[1], row[2], row[3], _to_date(row[4])) for row in cursor.fetchall()]


def _sqlite_hits(shown: list[_Candidate], region_id: int, wanted: set[str]) -> list[Hit]:
    rows = _fetch_shown(shown, region_id, "e.body", [])
    return [_hit(rows[c.entry_id], c.score, snippet_from_text(rows[c.entry_id][9], wanted)) for c in shown]


# --- PostgreSQL: tsvector and GIN ------------------------------------------------------------------


# The first id range a PostgreSQL search looks in, and how much wider each next range is.
PG_FIRST_SPAN = 50_000
PG_SPAN_GROWTH = 4
# Run the range queries with plain index scans disabled, so each range is the BitmapAnd of the GIN
# and primary-key bitmaps (see _postgres_candidates); False leaves the plan to the planner.
PG_BITMAP_ONLY = True
# Rank only the rows of the window (the outer LIMIT), not every row a range's branch sorts.
PG_RANK_LAST = True
# Size each next range from how many matches the ranges so far held (one query per range), rather
# than one UNION ALL of ranges PG_SPAN_GROWTH times wider each. The False settings are kept for the
# benchmark's comparisons (bench/intake_search.py --compare).
PG_ADAPTIVE_RANGES = True
# An adaptive range aims at this many times the matches still wanted, so one more range usually does.
PG_SPAN_MARGIN = 1.5
# ... and never fewer ids than this.
PG_MIN_SPAN = 50_000


def _postgres_ranges(newest: int) -> list[tuple[int, int]]:
    """(lower, upper] id ranges from the newest id down to 0, each PG_SPAN_GROWTH times wider."""
    ranges, upper, span = [], newest, PG_FIRST_SPAN
    while upper > 0:
        lower = max(0, upper - span)
        ranges.append((lower, upper))
        upper, span = lower, span * PG_SPAN_GROWTH
    return ranges


def _postgres_candidate_sql(where: list[str], ranges: list[tuple[int, int]]) -> str:
    """The newest-first window over the id ranges (parameters: :func:`_postgres_candidate_params`).

    The branches pass each row's tsvector up unread and only the rows the outer LIMIT takes are
    ranked: the last range a search needs may hold many more matches than the window still wants,
    and ranking one reads (detoasts) its tsvector."""
    tsquery = "plainto_tsquery('dutch', %s)"
    if PG_RANK_LAST:
        branch = f"""(
            SELECT e.id, e.search_vector, e.object_type, e.object_id, e.entry_date
            FROM {ENTRY_TABLE} e
            WHERE e.id > {{lower:d}} AND e.id <= {{upper:d}} AND e.search_vector @@ {tsquery}
              AND {" AND ".join(where)}
            ORDER BY e.id DESC
            LIMIT %s
        )"""
        union = " UNION ALL ".join(branch.format(lower=lower, upper=upper) for lower, upper in ranges)
        return (f"SELECT id, ts_rank(search_vector, {tsquery}), object_type, object_id, entry_date "
                f"FROM ({union}) AS newest LIMIT %s")
    branch = f"""(
        SELECT e.id, ts_rank(e.search_vector, {tsquery}), e.object_type, e.object_id, e.entry_date
        FROM {ENTRY_TABLE} e
        WHERE e.id > {{lower:d}} AND e.id <= {{upper:d}} AND e.search_vector @@ {tsquery}
          AND {" AND ".join(where)}
        ORDER BY e.id DESC
        LIMIT %s
    )"""
    union = " UNION ALL ".join(branch.format(lower=lower, upper=upper) for lower, upper in ranges)
    return f"SELECT * FROM ({union}) AS newest LIMIT %s"


def _next_span(span: int, found: int, still_wanted: int) -> int:
    """The width of the next id range: where `span` ids held `found` matches, enough ids to hold
    PG_SPAN_MARGIN times the matches `still_wanted`, never less than the first range; PG_SPAN_GROWTH
    times wider when the range held none."""
    if found == 0:
        return span * PG_SPAN_GROWTH
    return max(PG_MIN_SPAN, math.ceil(span * still_wanted / found * PG_SPAN_MARGIN))


def _postgres_range_sql(where: list[str], lower: int, upper: int) -> str:
    """The newest matches in the id range (lower, upper], ranked; parameters: the query, the
    filter parameters, the query again, how many."""
    tsquery = "plainto_tsquery('dutch', %s)"
    return f"""
        SELECT id, ts_rank(search_vector, {tsquery}), object_type, object_id, entry_date FROM (
            SELECT e.id, e.search_vector, e.object_type, e.object_id, e.entry_date
            FROM {ENTRY_TABLE} e
            WHERE e.id > {lower:d} AND e.id <= {upper:d} AND e.search_vector @@ {tsquery}
              AND {" AND ".join(where)}
            ORDER BY e.id DESC
            LIMIT %s
        ) AS newest
    """


def _postgres_adaptive(cursor, query: str, where: list[str], params: list, newest: int, wanted: int) -> list:
    rows: list = []
    upper, span = newest, PG_FIRST_SPAN
    while upper > 0 and len(rows) < wanted:
        lower = max(0, upper - span)
        still_wanted = wanted - len(rows)
        cursor.execute(_postgres_range_sql(where, lower, upper), [query, query, *params, still_wanted])
        found = cursor.fetchall()
        rows.extend(found)
        upper, span = lower, _next_span(upper - lower, len(found), wanted - len(rows))
    return rows


def _postgres_candidate_params(query: str, params: list, ranges: list[tuple[int, int]], wanted: int) -> list:
    if PG_RANK_LAST:
        return [query, *([query, *params, wanted] * len(ranges)), wanted]
    return [*([query, query, *params, wanted] * len(ranges)), wanted]


def _postgres_candidates(query: str, where: list[str], params: list) -> list[_Candidate]:
    # The newest window of matches, found range by range: first among the PG_FIRST_SPAN ids up to
    # the region's newest entry, then in a range sized from the matches found so far (_next_span; with
    # PG_ADAPTIVE_RANGES off, in ranges PG_SPAN_GROWTH times wider). Each range is a primary-key range
    # bitmap ANDed with the GIN bitmap, so the heap is read only for matches inside it: a common
    # word fills the window from the first range (a few thousand heap pages instead of every match
    # in a million rows), a rare one costs a few cheap GIN probes. Adaptive ranges are one query
    # each; otherwise the ranges are branches of one UNION ALL under a LIMIT, which PostgreSQL runs
    # in order and stops once the window is full.
    # Only the window is ranked (ts_rank reads each row's tsvector): with PG_RANK_LAST the branches
    # pass the tsvector up unread and the outer query ranks just the rows its LIMIT takes.
    #
    # Left to itself the planner often walks the primary key backwards instead, testing every row
    # of the range against the query (each row's tsvector detoasted: tens of thousands of rows for
    # a common word); so plain index scans are switched off for this one statement: set_config(...,
    # true) lasts until the end of the transaction, a transaction of the search's own unless the
    # caller has one open, in which case the setting is put back after the statement.
    wanted = RANK_WINDOW + 1
    region_only, region_param = where[0], params[:1]  # _filters puts the region first
    nested = connection.in_atomic_block
    with contextlib.nullcontext() if nested else transaction.atomic(), connection.cursor() as cursor:
        if PG_BITMAP_ONLY:
            cursor.execute(
                f"SELECT max(id), current_setting('enable_indexscan'), set_config('enable_indexscan', 'off', true) "
                f"FROM {ENTRY_TABLE} e WHERE {region_only}", region_param
            )
            newest, previous, _ = cursor.fetchone()
        else:
            cursor.execute(f"SELECT max(id) FROM {ENTRY_TABLE} e WHERE {region_only}", region_param)
            newest, previous = cursor.fetchone()[0], None
        ranges = _postgres_ranges(newest or 0)
        rows = []
        if PG_ADAPTIVE_RANGES:
            rows = _postgres_adaptive(cursor, query, where, params, newest or 0, wanted)
        elif ranges:
            sql = _postgres_candidate_sql(where, ranges)
            cursor.execute(sql, _postgres_candidate_params(query, params, ranges, wanted))
            rows = cursor.fetchall()
        if PG_BITMAP_ONLY and nested:
            cursor.execute("SELECT set_config('enable_indexscan', %s, true)", [previous])
    return [_Candidate(row[0], float(row[1]), row[2], row[3], row[4]) for row in rows]


def _postgres_hits(shown: list[_Candidate], region_id: int, query: str) -> list[Hit]:
    options = f"StartSel={_START}, StopSel={_STOP}, MaxWords={SNIPPET_WORDS}, MinWords=12, MaxFragments=2"
    headline = "ts_headline('dutch', e.body, plainto_tsquery('dutch', %s), %s)"
    rows = _fetch_shown(shown, region_id, headline, [query, options])
    return [_hit(rows[c.entry_id], c.score, _parse_headline(rows[c.entry_id][9])) for c in shown]


def _parse_headline(headline: str) -> list[SnippetPart]:
    parts: list[SnippetPart] = []
    for index, piece in enumerate(re.split(f"[{_START}{_STOP}]", headline or "")):
        if piece:
            parts.append(SnippetPart(piece, marked=index % 2 == 1))
    return parts


def snippet_from_text(text: str, wanted: set[str], *, words: int = SNIPPET_WORDS) -> list[SnippetPart]:
    """A window of about `words` words of `text` around the densest run of hits, hits marked.

    Words are matched by their folded form, so "woningen" in the query marks "woning" in the text.
    """
    tokens = list(_WORD.finditer(text))
    if not tokens:
        return []
    hits = [i for i, token in enumerate(tokens) if fold(token.group()) in wanted]
    if hits:
        # The window start that covers the most distinct hits.
        best_start, best_count = hits[0], -1
        for first in hits:
            covered = {fold(tokens[i].group()) for i in hits if first <= i < first + words}
            if len(covered) > best_count:
                best_start, best_count = first, len(covered)
        start = max(0, best_start - words // 4)
    else:
        start = 0
    end = min(len(tokens), start + words)
    begin_char = tokens[start].start()
    end_char = tokens[end - 1].end()
    parts: list[SnippetPart] = []
    if start > 0:
        parts.append(SnippetPart("… ", False))
    cursor = begin_char
    hit_set = set(hits)
    for i in range(start, end):
        if i in hit_set:
            token = tokens[i]
            if token.start() > cursor:
                parts.append(SnippetPart(_squash(text[cursor:token.start()]), False))
            parts.append(SnippetPart(token.group(), True))
            cursor = token.end()
    if end_char > cursor:
        parts.append(SnippetPart(_squash(text[cursor:end_char]), False))
    if end < len(tokens):
        parts.append(SnippetPart(" …", False))
    return parts


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)
