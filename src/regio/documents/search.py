"""Full-text search over documents (title and text per page) and agenda entries (topics,
agreements, commitments, meetings): the index, keeping it current, and the query.

One interface, two backends chosen by the database vendor:

- **SQLite** (the embedded default): an FTS5 table (tokenizer ``unicode61 remove_diacritics 2``)
  holding *stemmed* tokens; Dutch stemming is done here in Python with snowballstemmer, on the
  indexed text and on the query alike (:func:`fold`). Ranking by bm25. Snippets are cut from the
  original text by folding its words the same way, so a hit maps back to the words as written.
- **PostgreSQL**: a generated ``tsvector`` column (``to_tsvector('dutch', ...)``, title weighted
  above body) with a GIN index, ``plainto_tsquery`` (every word must occur, as on SQLite), ``ts_rank`` and ``ts_headline``.

The entries live in ``documents_searchentry`` (created by migration 0002, not a Django model: only
this module reads or writes it). Each entry carries the visibility, date, kind, municipalities and
spearheads of what it points at, so filters and the visibility rule are applied in the same query.

Keeping the index current: the document services call :func:`index_document` inside their own
transaction. Agenda entries are indexed by :func:`reindex_entry`, which the services that change
them may call in their transaction; entries changed elsewhere are picked up by the periodic
``regio reindex`` command (:func:`rebuild`). A snippet is a list of (text, marked) parts, never
HTML: templates escape the text and add the ``<mark>`` elements themselves.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

import snowballstemmer
from django.db import connection, transaction

ENTRY_TABLE = "documents_searchentry"
FTS_TABLE = "documents_searchfts"
ENTRY_FIELDS = (
    "region_id", "object_type", "object_id", "page", "title", "body", "url", "kind", "visibility",
    "entry_date", "municipalities", "spearheads",
)
SORTS = ("relevance", "date")
SNIPPET_WORDS = 30
# Markers ts_headline puts around hits; control characters that page text never contains.
_START, _STOP = "\x02", "\x03"
_WORD = re.compile(r"[^\W_]+")
_stemmer = snowballstemmer.stemmer("dutch")


# --- words --------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """The form a word is indexed and searched under: lower case, Dutch stem, no diacritics."""
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
        queryset = documents if model is Document else model.objects.select_related("region").prefetch_related(*prefetch)
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
    """The best entries for `query` in `region` that `access` may see, one per object (its best page)."""
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {SORTS}")
    terms = query_terms(query)
    if not terms:
        return SearchResult(query, [], False, offset)
    where, params = _filters(region, access, filters)
    backend = _sqlite_search if connection.vendor == "sqlite" else _postgres_search
    hits = backend(query, terms, where, params, sort, limit + 1, offset)
    return SearchResult(query, hits[:limit], len(hits) > limit, offset)


def _filters(region, access, filters: SearchFilters) -> tuple[list[str], list]:
    where, params = ["e.region_id = %s"], [region.pk]
    from regio.core.models import Visibility

    if not access.can_read_internal:
        where.append("e.visibility = %s")
        params.append(Visibility.PUBLIC.value)
    elif filters.visibility:
        where.append("e.visibility = %s")
        params.append(filters.visibility)
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


_HIT_COLUMNS = "e.object_type, e.object_id, e.page, e.title, e.url, e.kind, e.visibility, e.entry_date"


def _order(sort: str) -> str:
    # Best first; on equal scores (or when sorting by date) the newest, then a stable tie-break.
    if sort == "date":
        return "entry_date IS NULL, entry_date DESC, score DESC, object_id DESC"
    return "score DESC, entry_date IS NULL, entry_date DESC, object_id DESC"


def _to_date(value) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _sqlite_search(query, terms, where, params, sort, limit, offset) -> list[Hit]:
    match = " ".join('"' + term.replace('"', "") + '"' for term in terms)
    # bm25 (through FTS5's rank column, as the function cannot sit in an aggregate) is "lower is
    # better"; negated so both backends sort scores descending. Title hits weigh 4x.
    # SQLite returns the bare columns of the row that gave max(score): each object's best page.
    sql = f"""
        SELECT {_HIT_COLUMNS}, e.body, max(-{FTS_TABLE}.rank) AS score
        FROM {FTS_TABLE} JOIN {ENTRY_TABLE} e ON e.id = {FTS_TABLE}.rowid
        WHERE {FTS_TABLE} MATCH %s AND {FTS_TABLE}.rank MATCH 'bm25(4.0, 1.0)' AND {' AND '.join(where)}
        GROUP BY e.object_type, e.object_id
        ORDER BY {_order(sort)}
        LIMIT %s OFFSET %s
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, *params, limit, offset])
        rows = cursor.fetchall()
    wanted = set(terms)
    return [
        Hit(row[0], row[1], row[2], row[3], row[4], row[5], row[6], _to_date(row[7]), row[9],
            snippet_from_text(row[8], wanted))
        for row in rows
    ]


def _postgres_search(query, terms, where, params, sort, limit, offset) -> list[Hit]:
    options = f"StartSel={_START}, StopSel={_STOP}, MaxWords={SNIPPET_WORDS}, MinWords=12, MaxFragments=2"
    # Rank per entry, keep each object's best page, then cut snippets for the returned page only.
    sql = f"""
        WITH q AS (SELECT plainto_tsquery('dutch', %s) AS query),
        ranked AS (
            SELECT DISTINCT ON (e.object_type, e.object_id) {_HIT_COLUMNS}, e.body,
                   ts_rank(e.search_vector, q.query) AS score
            FROM {ENTRY_TABLE} e, q
            WHERE e.search_vector @@ q.query AND {' AND '.join(where)}
            ORDER BY e.object_type, e.object_id, score DESC
        ),
        best AS (SELECT * FROM ranked ORDER BY {_order(sort)} LIMIT %s OFFSET %s)
        SELECT object_type, object_id, page, title, url, kind, visibility, entry_date,
               ts_headline('dutch', body, q.query, %s), score
        FROM best, q
        ORDER BY {_order(sort)}
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [query, *params, limit, offset, options])
        rows = cursor.fetchall()
    return [
        Hit(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], float(row[9]), _parse_headline(row[8]))
        for row in rows
    ]


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
