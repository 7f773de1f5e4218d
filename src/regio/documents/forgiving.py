"""Search that forgives: typos, a compound written apart, and results grouped by what they are.

Built around :func:`regio.documents.search.search`'s index, without changing it:

- **Vocabulary.** The words of the titles (and agenda texts) in the index that the visitor may
  see: the names people search for (topics, agreements, bodies, documents). Document pages are
  left out: they are large and their words are rarely what a misspelled search is after.
- **"Bedoelde u …"**: each query word that is not in the vocabulary is replaced by the most
  similar vocabulary word, by trigram similarity: PostgreSQL's ``pg_trgm`` (``similarity()``,
  the extension is created by migration 0005), on SQLite the same measure computed here
  (:func:`similarity`). When the query as typed finds nothing, the suggestion is searched instead.
- **Compounds**: "warmte rotonde" also searches "warmterotonde" (Dutch writes compounds as one word).
- **Grouped results**: per kind of object (topics first, then agreements, commitments, meetings,
  documents) with a count each, so a topic whose title matches is never buried under meetings
  that only mention it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from django.core.cache import caches
from django.db import connection
from django.utils.translation import gettext_lazy as _

from regio.documents import search as index

GROUP_ORDER = ("topic", "agreement", "commitment", "meeting", "document")
GROUP_LABELS = {
    "topic": _("Topics"), "agreement": _("Agreements"), "commitment": _("Commitments"),
    "meeting": _("Meetings"), "document": _("Documents"),
}
PER_GROUP = 5
MIN_SIMILARITY = 0.4
VOCABULARY_TIMEOUT = 24 * 3600  # seconds; a change to the region's data makes a new key at once
_WORD = re.compile(r"[^\W\d_]{3,}")


@dataclass
class Group:
    object_type: str
    count: int
    hits: list[index.Hit]


@dataclass
class ForgivingResult:
    query: str  # what was typed
    searched: str  # what was searched: the typed query, or the suggestion when that found nothing
    suggestion: str | None  # "Bedoelde u …": a better query from the vocabulary, if any
    groups: list[Group] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(group.count for group in self.groups)

    @property
    def corrected(self) -> bool:
        return self.searched != self.query


def _plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def trigrams(word: str) -> set[str]:
    """pg_trgm's trigrams of one word: lower case, padded with two spaces before and one after."""
    padded = f"  {_plain(word)} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    """pg_trgm's similarity(): shared trigrams over all trigrams of the two words."""
    ta, tb = trigrams(a), trigrams(b)
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


def vocabulary(*, region, access) -> set[str]:
    """The words (lower case, at least three letters) of the titles and agenda texts the visitor may see.

    Every search asks for them, and reading them walks the region's whole index (at national scale a
    region holds 100,000 entries); so they are kept in the "pages" cache under the region's change
    counter, which every change to the region's data raises, once for public and once for internal readers."""
    where, params = index._filters(region, access, index.SearchFilters())
    key = f"regio:search-vocabulary:{region.pk}:{region.change_count}:{':'.join(map(str, params[1:]))}"
    words = caches["pages"].get(key)
    if words is not None:
        return words
    # A document's title is on each of its pages: DISTINCT reads it once.
    sql = (
        f"SELECT DISTINCT e.title, CASE WHEN e.object_type = 'document' THEN '' ELSE e.body END "
        f"FROM {index.ENTRY_TABLE} e WHERE {' AND '.join(where)}"
    )
    words = set()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for title, body in cursor.fetchall():
            words.update(word.lower() for word in _WORD.findall(f"{title} {body or ''}"))
    caches["pages"].set(key, words, VOCABULARY_TIMEOUT)
    return words


def closest_word(word: str, words: set[str]) -> str | None:
    """The vocabulary word most like `word` (at least :data:`MIN_SIMILARITY`), or None."""
    if connection.vendor == "postgresql" and words:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT w, similarity(w, %s) AS s FROM unnest(%s::text[]) AS w "
                "WHERE similarity(w, %s) >= %s ORDER BY s DESC, w LIMIT 1",
                [word, sorted(words), word, MIN_SIMILARITY],
            )
            row = cursor.fetchone()
        return row[0] if row else None
    scored = [(similarity(word, candidate), candidate) for candidate in words]
    best = max(scored, key=lambda item: (item[0], [-ord(c) for c in item[1]]), default=(0.0, None))
    return best[1] if best[0] >= MIN_SIMILARITY else None


def suggest(query: str, *, region, access) -> str | None:
    """A query from the index's own words for what was probably meant, or None when nothing is better."""
    typed = re.findall(r"[^\W_]+", query)
    if not typed:
        return None
    words = vocabulary(region=region, access=access)
    if len(typed) > 1 and "".join(typed).lower() in words:
        return "".join(typed).lower()  # a compound written apart
    corrected = []
    for word in typed:
        known = word.lower() in words or len(word) < 4 or word.isdigit()
        corrected.append(word if known else (closest_word(word, words) or word))
    suggestion = " ".join(corrected)
    return suggestion if suggestion.lower() != " ".join(typed).lower() else None


def _grouped(queries: list[str], *, region, access, filters: index.SearchFilters) -> list[Group]:
    """Each object's best entry for the first query that finds it, grouped by kind, best first."""
    where, params = index._filters(region, access, filters)
    best: list = []
    seen: set[tuple[str, int]] = set()
    terms: set[str] = set()
    for query in queries:
        query_terms = index.query_terms(query)
        if not query_terms:
            continue
        terms.update(query_terms)
        if connection.vendor == "sqlite":
            candidates = index._sqlite_candidates(index._sqlite_match(query_terms), where, params)
        else:
            candidates = index._postgres_candidates(query, where, params)
        for candidate in index._best_per_object(candidates[:index.RANK_WINDOW], "relevance"):
            if (candidate.object_type, candidate.object_id) not in seen:
                seen.add((candidate.object_type, candidate.object_id))
                best.append(candidate)
    groups = []
    for object_type in GROUP_ORDER:
        members = [c for c in best if c.object_type == object_type]
        if not members:
            continue
        shown = members[:PER_GROUP]
        if connection.vendor == "sqlite":
            hits = index._sqlite_hits(shown, region.pk, terms)
        else:
            hits = index._postgres_hits(shown, region.pk, " ".join(queries))
        groups.append(Group(object_type, len(members), hits))
    return groups


def forgiving_search(
    *, region, access, query: str, filters: index.SearchFilters = index.SearchFilters()
) -> ForgivingResult:
    """Results for `query` grouped by kind; when it finds nothing, the results for the suggestion.

    A compound written apart ("warmte rotonde") is searched as one word as well, and what that
    finds comes first.
    """
    suggestion = suggest(query, region=region, access=access)
    compound = suggestion if suggestion and " " not in suggestion and len(query.split()) > 1 else None
    queries = [compound, query] if compound else [query]
    groups = _grouped(queries, region=region, access=access, filters=filters)
    searched = query
    if suggestion and not groups:
        groups, searched = _grouped([suggestion], region=region, access=access, filters=filters), suggestion
    return ForgivingResult(query=query, searched=searched, suggestion=suggestion, groups=groups)
