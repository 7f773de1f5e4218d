"""Intake benchmark, part 2: full-text search latency (p50/p95) on SQLite and on PostgreSQL.

Generates N documents (100,000 by default) of 5 to 15 paragraphs each, 10 on average, so about a
million search entries, straight into the search index through regio.documents.search.insert_entries
(the path the intake uses, in bulk), then times a mix of searches. Target: p95 ≤ 50 ms.

The text is meant to behave like municipal prose, not like a bag of fifty words: the vocabulary is
read from the project's own extraction texts (tests/data/extraction/*.txt), ranked by frequency and
extended with generated compounds (``woningbouwprogramma``) and names (``Rijnpolderroute``); words
are drawn with Zipf-like weights, and each document leans on a topical bag of its own, so content
words cluster in documents as they do in real ones. Paragraphs have 40 to 120 words.

The queries mix one common word, one mid-frequency word, one rare word, two unrelated words and
phrase-like runs of two or three words cut from generated text; part of them carry filters
(municipality, kind, date range), part are made by a member who sees internal entries, part sort
by date, and a few ask for the second page. Figures are printed per kind of query as well as overall.

Each backend runs in a fresh database of its own (a temporary SQLite file; a temporary PostgreSQL
database on REGIO_BENCH_POSTGRES, default postgres://postgres@127.0.0.1:5432/postgres), dropped
afterwards unless ``--keep`` is given; ``--reuse URL`` times queries on a database kept earlier.
``--compare NAME=VALUE,...`` (twice or more) times every search under each setting of
regio.documents.search in turn, in one run, and counts the searches whose hits differ.
Run from the repository root:

    .venv/bin/python bench/intake_search.py [--documents 100000] [--queries 400] [--backend sqlite|postgresql|both]

A benchmark, not a test: it prints figures and never fails on them.

Measured on the 2-core machine (shared with other jobs, load average 3 to 9) at 100,000 documents,
1,001,251 entries, 400 searches; build time with both backends building at once:

- SQLite: built in 1,187 s. Before the ranking window (every match ranked and grouped): p50 42 ms,
  p95 503 ms. Now, over three runs: p50 14 to 15 ms, p95 45 to 49 ms (the target is just met); the slowest are common words with
  a filter that keeps few of their matches (every match is walked until the window fills).
- PostgreSQL 15 (default 128 MB shared buffers): built in 1,099 s. Before: p50 52 ms, p95 971 ms.
  Now, over two runs: p50 34 to 39 ms, p95 243 to 312 ms: NOT met. Each candidate row must be read from the heap (rows of ~2 kB,
  the 2 GB table does not fit in shared buffers): through the GIN bitmap that costs ~7 µs per
  match, through the primary key backwards ~1 µs per row examined, so a word occurring in 1 to 5 %
  of the paragraphs costs 100 to 400 ms either way, and the planner sometimes picks the backward walk
  under a selective filter. A smaller window (``--rank-window 500``) lowers p50 to 24 ms but raises
  p95 (more backward walks); forcing the bitmap scan raises both. What would meet it: an index that
  yields matches in id or rank order (the RUM extension), or a narrow table holding only the tsvector
  and the filter columns, or shared buffers large enough to hold the table.
- PostgreSQL, a narrow match table tried and withdrawn (build of 22 Nov: 431 s, this run's baseline
  p50 30.5 ms, p95 233.5 ms). A table of id, filter columns and the tsvector (GIN + filter index),
  meant to keep the tsvector out of line with ``toast_tuple_target = 128`` and storage EXTERNAL,
  came out at 562 MB: PostgreSQL only starts toasting a row above the fixed ~2 kB threshold
  (toast_tuple_target lowers the target once toasting runs, not the trigger; checked on a scratch
  table: 5,000 tsvectors of ~1 kB, none moved out), so the rows stayed ~560 bytes and did not fit in
  shared buffers. Measured: p50 36.5 ms, p95 361.2 ms (the planner walked the primary key backwards,
  412,000 buffers for a word in 1.4 % of rows); with that walk ruled out (``ORDER BY id + 0``) p50
  30.4 ms, p95 222.2 ms, common words p50 143 ms (each match still reads a heap page from the OS
  cache, ~8 µs). What did work by hand: limiting the match to the newest ids (``id > max - 150000``,
  GIN bitmap ANDed with a primary-key range bitmap) took 30 to 34 ms for a common word, 1,600 heap
  pages instead of 11,000; a search widening that range step by step until the window fills is the
  next thing to measure. A truly narrow heap needs the tsvector in a separate table, which GIN cannot
  join without reading that table's heap, so it does not help by itself.
- PostgreSQL, newest-first id ranges (2 Dec, scaleinfra): the window is sought in id ranges of 50,000,
  200,000, 800,000 … below the newest id, as branches of one UNION ALL under a LIMIT (PostgreSQL stops
  once the window is full). Same kept database (1,001,251 entries, 400 searches), both runs with the
  machine at load average ~14 (eight engineers' jobs on 2 cores; the before run came straight after the
  build, the after run later, so caches may differ), so the absolute figures are far above
  the quiet-machine ones above: before p50 224.9 ms, p95 1,564.9 ms; after p50 194.0 ms, p95 771.9 ms
  (common words p95 1,580 -> 1,215 ms, mid 2,102 -> 632, phrases 1,851 -> 394, rare 506 -> 312).
  NOT met. EXPLAIN of a common word (5 % of rows) in the first range shows why: the planner prefers
  walking the primary key backwards with the match as a filter (38,000 rows, 81,000 buffers: every
  row's tsvector is TOASTed and detoasted to test it, 546 ms); with index scans disabled it takes the
  intended BitmapAnd of the GIN and primary-key bitmaps (2,049 heap pages, 176 ms under that load,
  of which 60 ms build the GIN bitmap of the word's 53,000 postings). Next to measure on a quiet
  machine: the ranges with index scans disabled for that one query, and a smaller first range.
- PostgreSQL, the ranges without plain index scans (3 Dec, search): ``PG_BITMAP_ONLY`` switches
  ``enable_indexscan`` off for the range query (set_config local to the transaction), so every range
  is a bitmap plan. Database built once (1,001,186 entries, 727 s; its own timing with the code before:
  p50 66.0 ms, p95 247.5 ms at load ~5), then settings compared with ``--compare`` in one run, each
  search timed under every setting in rotating order; all settings found the same hits and totals
  for all 400 searches. Load average 4.7 to 4.8 on the 2 cores during both runs:

      run 1                                   p50      p95     common p95  mid p95  rare p95
      index scans allowed (before)            75.2     302.2   442.4       244.6    117.1
      bitmap only                             68.0     260.6   315.0       234.8     97.4
      bitmap only, first range 20,000         85.2     271.2   293.0       309.7    131.2
      run 2
      index scans allowed (before)            68.3     277.4   358.4       181.7    100.5
      bitmap only                             60.0     228.2   284.9       207.7     88.6
      bitmap only, growth 20 (two ranges)     48.7     681.7   982.5       362.5     59.6
      bitmap only, first 100,000, growth 3    71.9     245.5   307.2       187.5    122.9

  Then ``PG_RANK_LAST``: the branches pass each row's tsvector up unread and the outer query ranks
  only the rows its LIMIT takes (the last range a search needs often holds thousands of matches
  more than the window still wants, each ranked and so detoasted before). Fourth run, load average
  6.1 (tests running beside it), same hits for all 400 searches under all three:

      index scans allowed, ranked in the branches (before)   p50 98.7  p95 431.9  common p95 579.0
      bitmap only, ranked in the branches                    p50 92.2  p95 346.9  common p95 496.1
      bitmap only, only the window ranked (now)              p50 86.1  p95 269.2  common p95 404.4

  Then ``PG_ADAPTIVE_RANGES``: one query per range, each next range sized from the matches the
  ranges so far held (1.5 times the ids that should hold the matches still wanted, at least the
  first range's 50,000; four times wider after a range with none), instead of ranges four times
  wider each in one UNION ALL: a common word that fills 1,750 of the 2,001 in the first range no
  longer reads the 9,000 matches of the next 200,000 ids. Fifth run, load average 5.6, same hits
  for all 400 searches under all three:

      before these changes (planner's plan, branches ranked, UNION ALL)   p50 74.2  p95 309.4
      bitmap only, only the window ranked, UNION ALL                      p50 60.2  p95 205.2
      bitmap only, only the window ranked, adaptive ranges (now)          p50 47.5  p95 153.5
      (common word p95 442.1 -> 285.7 -> 209.4, mid 309.4 -> 304.5 -> 168.2, rare 131.9 -> 88.2 -> 86.0)

  Then the least width of an adaptive range, and the first range, compared in a sixth run (load
  average 4.0, caches warmer than in the fifth: the same setting ran at p95 97.6 instead of 153.5),
  same hits under all four:

      first 50,000, least 50,000 (kept)      p50 31.0  p95  97.6  common p95 116.2  rare p95 60.2
      first 50,000, least 5,000              p50 31.2  p95  93.9  common p95  98.4  rare p95 77.1
      first 20,000, least 2,000              p50 32.6  p95  99.3  common p95 114.7  rare p95 56.7
      first 100,000, least 5,000             p50 35.3  p95 122.7  common p95 155.7  rare p95 61.8

  Seventh run, the margin (load average 4.1; same hits): 1.5 (kept) p50 48.2, p95 128.1; 1.2 p50
  47.9, p95 131.5 (common p95 150 -> 193); 2.0 p50 47.1, p95 134.2 (phrases p95 128 -> 161).

  Where the time of a search goes now, EXPLAIN (ANALYZE, BUFFERS) of the first range of a common
  word (``aandacht``, 45,218 entries) for an anonymous visitor, load average ~5: planning 7.0 ms;
  GIN bitmap of the word 27.2 ms; primary-key bitmap of the 50,000 ids 9.8 ms; 1,758 heap pages
  for 2,272 matches (668 internal ones dropped) 26 ms; ranking the 1,604 kept 24 ms (3,609 buffers,
  mostly TOAST); 94 ms in all, and a second, adaptive range for the last 397 of the window. Each part
  is already proportional to what it must read; what remains is reading it: the GIN posting list,
  and a heap page and TOAST pages per candidate, none of which stay in 128 MB of shared buffers.

  Kept: all three (p95 -14 % and -18 %, p50 -10 %
  and -12 %). NOT met: p95 stays 4 to 5 times the target on this loaded machine. What limits it,
  from EXPLAIN (ANALYZE, BUFFERS) on the kept database (same load):
  every candidate is a heap row (rows ~1.9 kB, 4 a page: the 1.4 GB heap and 579 MB of TOAST do
  not fit the 128 MB of shared buffers), so each costs a page read from the OS cache, and ranking
  it detoasts its tsvector (two more buffers when TOASTed; ``search_vector`` averages 1,019 bytes):
  10 to 30 µs per candidate under this load. The window alone is 2,001 candidates. A common word
  (``aandacht``, 45,218 entries) with a municipality filter fills only 761 of them from the first
  range (GIN bitmap 17.9 ms, primary-key range bitmap 7.3 ms, 1,758 heap pages: 56.6 ms), so the
  second range runs: the GIN bitmap is built again (50 ms), 200,000 primary-key entries (53 ms),
  7,074 heap pages for 9,046 matches of which 5,871 fail the filter: 381 ms in all. A "rare" word
  (``spreiding``, 5,279 entries) needs three ranges: 14,509 buffers, 200 ms, 44 ms of it the
  primary-key bitmap of the 200,000-id range. The slowest searches all carry a filter (municipality,
  kind, a year of dates) that rejects most matches on the heap.
  Tried and not kept: a BRIN index (pages_per_range 16) for the range bitmaps, on ``(id + 0)`` so that
  one run could compare it with the primary key (a branch's range written on that expression): its
  bitmap takes 2 ms instead of 7 to 53 ms, but ANDed with the GIN bitmap it makes the heap pages
  lossy, so every row on them is rechecked and its tsvector detoasted (7,789 rows for the common word
  above). Third run, load average 4.5: primary key p50 71.7 ms, p95 276.3 ms; BRIN p50 83.3 ms, p95
  423.5 ms (common p95 295 -> 488 ms, rare 122 -> 117 ms), same hits. By hand: a multicolumn GIN with
  btree_gin (search_vector, kind, entry_date, the municipality ids as an array; 189 MB, built in 70
  s): with the municipality in the index the second range reads 3,453 heap pages instead of 7,074 (197
  ms), but a year of dates becomes a partial match over 366 keys (268 ms to build the bitmap, 5,826
  rows rechecked), worse than the heap. JIT did not start on any of the plans looked at (their cost
  stays under jit_above_cost). What would meet the target: shared buffers (or a machine) that hold the
  table and its TOAST (~2 GB), or an index that yields matches newest first without a bitmap (RUM with
  the id attached: ``postgresql-15-rum`` 1.3.13 is in Debian bookworm, not installed here), or a
  smaller ranking window (fewer candidates, but a different ranking).

- PostgreSQL, the entry table partitioned by region (3 Dec, migration documents/0006): a national index
  is many regions' entries and a search is always in one region, so ``--regions 40`` spreads the same
  100,000 documents (1,001,186 entries) over 40 regions (the searched, largest one: 89,299 entries,
  9 %; generate-scale's largest holds about 3 %). Before, in one table, the GIN bitmap of a common
  word covered the whole country and a region's matches lay one to a heap page; now a search reads
  its partition only (16 hash partitions; primary key (region, id), so an id range is a range of the
  region's own entries). Same database copied, one copy migrated back to the single table, the two
  timed alternately (same 400 searches, same hits), load average 2.2 to 2.5:

      single table (before)      p50 22.1  p95 111.5  common p95 155.9   then p50 13.8  p95 75.7
      partitioned by region      p50 12.5  p95  62.0  common p95  74.2   then p50  6.9  p95 28.6

  (each second run with warmer caches). With every entry in one region (the default ``--regions 1``)
  partitioning changes nothing and the figures above for that case stand.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "extraction"
REGION_SLUG = "benchregio"
MUNICIPALITIES = 5
SPEARHEADS = 7
KINDS = ("raadsinformatiebrief", "brief", "besluitenlijst", "verslag", "nieuwsbericht", "rapport", "overig")
KIND_WEIGHTS = (15, 25, 15, 20, 10, 10, 5)
FUNCTION_WORDS = 120  # the most frequent corpus words are treated as function words, not query words
_LETTERS = re.compile(r"[^\W\d_]+")


# --- the vocabulary and the text ------------------------------------------------------------------


class Vocabulary:
    """Words ranked by frequency with Zipf-like weights (weight of rank r ∝ 1 / (r + 2.7))."""

    def __init__(self, rng: random.Random):
        counts = Counter()
        for path in sorted(CORPUS.glob("*.txt")):
            counts.update(word.lower() for word in _LETTERS.findall(path.read_text(encoding="utf-8")))
        ranked = [word for word, _n in counts.most_common() if len(word) > 1 or word in ("u", "a")]
        content = [word for word in ranked[FUNCTION_WORDS:] if len(word) >= 5]
        self.words = ranked + _compounds(rng, content, 6000) + _names(rng, 2500)
        self.content_start = FUNCTION_WORDS
        self.cumulative = list(itertools.accumulate(1.0 / (rank + 2.7) for rank in range(len(self.words))))

    def draw(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cumulative, k=k)

    def band(self, low: int, high: int) -> list[str]:
        return self.words[low:high]


def _compounds(rng: random.Random, content: list[str], n: int) -> list[str]:
    heads = [word for word in content if not word.endswith(("en", "de", "te"))] or content
    tails = ("beleid", "plan", "programma", "overleg", "fonds", "gebied", "nota", "visie", "strategie",
             "agenda", "opgave", "netwerk", "traject", "akkoord", "regeling", "project", "route", "loket")
    made = {f"{rng.choice(heads)}{rng.choice(tails)}" for _ in range(n * 2)}
    return rng.sample(sorted(made), min(n, len(made)))


def _names(rng: random.Random, n: int) -> list[str]:
    first = ("rijn", "vliet", "zijl", "polder", "meer", "duin", "kaag", "oude", "nieuwe", "hooge", "broek",
             "veen", "stee", "lange", "korte", "schip", "molen", "kerk", "burcht", "water")
    second = ("wijk", "hof", "haven", "dorp", "park", "zicht", "oever", "kade", "poort", "laan", "plein",
              "weide", "dreef", "singel", "kwartier", "route", "campus", "markt")
    made = {f"{a}{b}{rng.randint(1, 99) if rng.random() < 0.3 else ''}" for a in first for b in second
            for _ in range(8)}
    return rng.sample(sorted(made), min(n, len(made)))


def paragraph(rng: random.Random, vocabulary: Vocabulary, bag: list[str]) -> str:
    words = vocabulary.draw(rng, rng.randint(40, 120))
    for i in range(len(words)):
        if rng.random() < 0.2:
            words[i] = rng.choice(bag)
    sentences, i = [], 0
    while i < len(words):
        length = rng.randint(8, 20)
        sentence = words[i:i + length]
        sentences.append(" ".join(sentence).capitalize() + ".")
        i += length
    return " ".join(sentences)


def documents(rng: random.Random, vocabulary: Vocabulary, count: int):
    """Yield (number, title, kind, visibility, date, municipality ids, spearhead ids, paragraphs)."""
    content = vocabulary.words[vocabulary.content_start:]
    weights = vocabulary.cumulative[vocabulary.content_start:]
    base = weights[0] - 1.0 / (vocabulary.content_start + 2.7)
    content_cumulative = [w - base for w in weights]
    for number in range(1, count + 1):
        bag = rng.choices(content, cum_weights=content_cumulative, k=30)
        kind = rng.choices(KINDS, weights=KIND_WEIGHTS)[0]
        title = f"{kind.capitalize()} {' '.join(rng.sample(bag, 3))}"
        visibility = "intern" if rng.random() < 0.3 else "openbaar"
        day = date(2010, 1, 1) + timedelta(days=rng.randrange(16 * 365))
        municipalities = rng.sample(range(1, MUNICIPALITIES + 1), rng.choice((1, 1, 2, 3, 5)))
        spearheads = rng.sample(range(1, SPEARHEADS + 1), rng.choice((1, 1, 2)))
        paragraphs = [paragraph(rng, vocabulary, bag) for _ in range(rng.randint(5, 15))]
        yield number, title, kind, visibility, day, municipalities, spearheads, paragraphs


def queries(rng: random.Random, vocabulary: Vocabulary, samples: list[str], count: int) -> list[tuple[str, str]]:
    """(kind of query, query text): common, mid-frequency and rare words, two words, phrases."""
    start = vocabulary.content_start
    common = [w for w in vocabulary.band(start, start + 200) if len(w) >= 4]
    middle = [w for w in vocabulary.band(start + 200, 2000) if len(w) >= 4]
    rare = vocabulary.band(2000, len(vocabulary.words))
    made = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.25:
            made.append(("common word", rng.choice(common)))
        elif roll < 0.45:
            made.append(("mid word", rng.choice(middle)))
        elif roll < 0.6:
            made.append(("rare word", rng.choice(rare)))
        elif roll < 0.8:
            made.append(("two words", f"{rng.choice(common + middle)} {rng.choice(middle + rare)}"))
        else:
            words = _LETTERS.findall(rng.choice(samples).lower())
            length = rng.choice((2, 3))
            at = rng.randrange(max(1, len(words) - length))
            made.append(("phrase", " ".join(words[at:at + length])))
    return made


def search_variants(rng: random.Random, count: int, public, member, search) -> list[dict]:
    """Who searches, with which filters, sorted how, which page: about 40 % of searches filter."""
    made = []
    for _ in range(count):
        variant: dict = {"access": member if rng.random() < 0.4 else public}
        roll = rng.random()
        if roll < 0.15:
            variant["filters"] = search.SearchFilters(municipality_id=rng.randint(1, MUNICIPALITIES))
        elif roll < 0.25:
            variant["filters"] = search.SearchFilters(kind=rng.choice(KINDS))
        elif roll < 0.35:
            start = date(rng.randint(2010, 2024), 1, 1)
            variant["filters"] = search.SearchFilters(date_from=start, date_to=start + timedelta(days=365))
        elif roll < 0.4:
            variant["filters"] = search.SearchFilters(
                municipality_id=rng.randint(1, MUNICIPALITIES), kind=rng.choice(KINDS),
                date_from=date(rng.randint(2010, 2022), 1, 1))
        if rng.random() < 0.2:
            variant["sort"] = "date"
        if rng.random() < 0.1:
            variant["offset"] = 20
        made.append(variant)
    return made


# --- building and timing ---------------------------------------------------------------------------


def region_weights(count: int) -> list[float]:
    """Shares of the documents per region, largest first: weight of the k-th ∝ 1 / sqrt(k), so of 40
    regions the largest holds about 9 % (generate-scale's largest of 40 holds about 3 % of the topics)."""
    return [1 / (k ** 0.5) for k in range(1, count + 1)]


def sample_every(region_count: int) -> int:
    """Every how many documents one gives a sample paragraph for phrase queries (of the searched region)."""
    return 500 if region_count == 1 else 25


def build(count: int, regions: list, search, transaction) -> tuple[float, int, list[str], Vocabulary]:
    rng = random.Random(7)
    # The region of each document from a generator of its own, so the text is the same for any --regions.
    placing = random.Random(13)
    weights = region_weights(len(regions))
    vocabulary = Vocabulary(rng)
    started = time.perf_counter()
    batch, entries, samples = [], 0, []
    for number, title, kind, visibility, day, municipalities, spearheads, paragraphs in documents(
        rng, vocabulary, count
    ):
        region = placing.choices(regions, weights=weights)[0] if len(regions) > 1 else regions[0]
        if number % sample_every(len(regions)) == 1 and region is regions[0]:
            samples.append(paragraphs[0])
        for page, text in enumerate(paragraphs, 1):
            batch.append(search.Entry(region.pk, "document", number, page, title, text,
                                      f"/{region.slug}/documenten/{number}/#pagina-{page}", kind, visibility, day,
                                      municipalities, spearheads))
        if len(batch) >= 20_000 or number == count:
            with transaction.atomic():
                entries += search.insert_entries(batch)
            batch = []
            print(f"  {number} documents, {entries} entries, {time.perf_counter() - started:.0f} s",
                  file=sys.stderr, end="\r")
    print(file=sys.stderr)
    return time.perf_counter() - started, entries, samples, vocabulary


def percentile(sorted_values: list[float], fraction: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(fraction * len(sorted_values)))]


def child(documents_wanted: int, query_count: int, keep: bool, rank_window: int | None,
          compare: list[str] | None = None, region_count: int = 1) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regio.conf.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from regio.access.policies import RegionAccess
    from regio.documents import search
    from regio.regions.models import Region

    call_command("migrate", verbosity=0)
    region = Region.objects.filter(slug=REGION_SLUG).first()
    if region is None:
        # The searches run in the first (largest) region; the others only share the index with it.
        regions = [Region.objects.create(name="Benchregio", slug=REGION_SLUG)] + [
            Region.objects.create(name=f"Benchregio {k:02d}", slug=f"{REGION_SLUG}-{k:02d}")
            for k in range(2, region_count + 1)
        ]
        region = regions[0]
        built, entries, samples, vocabulary = build(documents_wanted, regions, search, transaction)
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE documents_searchentry" if connection.vendor == "postgresql" else "ANALYZE")
        print(f"{connection.vendor}: built {documents_wanted} documents, {entries} entries in {built:.0f} s "
              f"(+ analyze {time.perf_counter() - started:.0f} s) in {len(regions)} regions")
    else:
        rng = random.Random(7)
        vocabulary = Vocabulary(rng)
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*), count(DISTINCT object_id), count(DISTINCT region_id) "
                           "FROM documents_searchentry")
            entries, documents_wanted, region_count = cursor.fetchone()
            cursor.execute("SELECT body FROM documents_searchentry WHERE page = 1 AND object_id %% %s = 1 "
                           "AND region_id = %s ORDER BY object_id", [sample_every(region_count), region.pk])
            samples = [row[0] for row in cursor.fetchall()]
        print(f"{connection.vendor}: reusing {documents_wanted} documents, {entries} entries in {region_count} regions")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM documents_searchentry WHERE region_id = %s", [region.pk])
        print(f"  searched region {region.slug}: {cursor.fetchone()[0]} entries")

    if rank_window:
        search.RANK_WINDOW = rank_window
    print(f"  ranking window: {search.RANK_WINDOW} entries")
    rng = random.Random(11)
    public = RegionAccess(region_id=region.pk)
    member = RegionAccess(region_id=region.pk, is_authenticated=True, is_coordinator=True)
    mix = queries(rng, vocabulary, samples, query_count)
    variants = search_variants(rng, query_count, public, member, search)
    for (_kind, query), variant in list(zip(mix, variants, strict=True))[:10]:  # warm the caches
        search.search(region=region, query=query, **variant)
    if compare:
        _compare(search, region, mix, variants, compare)
    else:
        _time_mix(search, region, mix, variants, connection.vendor, entries)
    if keep:
        print(f"  kept: REGIO_DATABASE_URL={os.environ['REGIO_DATABASE_URL']}")


def _time_mix(search, region, mix, variants, vendor: str, entries: int) -> None:
    by_kind: dict[str, list[float]] = defaultdict(list)
    timings, hits, capped, slowest = [], 0, 0, []
    for (kind, query), variant in zip(mix, variants, strict=True):
        t0 = time.perf_counter()
        result = search.search(region=region, query=query, **variant)
        elapsed = (time.perf_counter() - t0) * 1000
        timings.append(elapsed)
        slowest.append((elapsed, query, result.total, _describe(variant)))
        by_kind[kind].append(elapsed)
        hits += len(result.hits)
        capped += result.total_is_lower_bound
    timings.sort()
    p95 = percentile(timings, 0.95)
    print(f"{vendor}: {len(mix)} searches over {entries} entries: "
          f"p50 {statistics.median(timings):.1f} ms, "
          f"p95 {p95:.1f} ms, max {timings[-1]:.1f} ms (target p95 <= 50 ms: {'met' if p95 <= 50 else 'NOT met'}); "
          f"{hits / len(mix):.1f} hits per page, {capped} totals capped")
    _print_kinds(by_kind)
    print("  slowest:")
    for elapsed, query, total, described in sorted(slowest, reverse=True)[:8]:
        print(f"    {elapsed:7.1f} ms  {query!r:40} {total:5} objects  {described}")


def _print_kinds(by_kind: dict[str, list[float]]) -> None:
    for kind, values in sorted(by_kind.items()):
        values.sort()
        print(f"    {kind:12} n={len(values):4}  p50 {statistics.median(values):7.1f} ms  "
              f"p95 {percentile(values, 0.95):7.1f} ms  max {values[-1]:7.1f} ms")


def _settings(spec: str) -> dict[str, float]:
    """"PG_BITMAP_ONLY=0,PG_SPAN_MARGIN=1.2" -> {"PG_BITMAP_ONLY": 0, "PG_SPAN_MARGIN": 1.2}."""
    return {name.strip(): float(value) if "." in value else int(value)
            for name, value in (part.split("=") for part in spec.split(",") if part)}


def _compare(search, region, mix, variants, specs: list[str]) -> None:
    """Time every search once under each setting of the search module, in turn (the order rotating
    from one search to the next), so load on the shared machine falls on all settings alike; and
    check that every setting finds the same hits in the same order."""
    settings = [_settings(spec) for spec in specs]
    defaults = {name: getattr(search, name) for each in settings for name in each}
    timings: list[list[float]] = [[] for _ in specs]
    by_kind: list[dict[str, list[float]]] = [defaultdict(list) for _ in specs]
    differing = 0
    for number, ((kind, query), variant) in enumerate(zip(mix, variants, strict=True)):
        found = {}
        for step in range(len(specs)):
            which = (number + step) % len(specs)
            for name, value in {**defaults, **settings[which]}.items():
                setattr(search, name, value)
            t0 = time.perf_counter()
            result = search.search(region=region, query=query, **variant)
            elapsed = (time.perf_counter() - t0) * 1000
            timings[which].append(elapsed)
            by_kind[which][kind].append(elapsed)
            found[which] = ([(h.object_type, h.object_id, h.page) for h in result.hits], result.total)
        differing += len({repr(value) for value in found.values()}) > 1
    for name, value in defaults.items():
        setattr(search, name, value)
    load = os.getloadavg()
    print(f"  compared in one run, {len(mix)} searches each, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}; "
          f"searches whose hits or totals differ between settings: {differing}")
    for spec, values, kinds in zip(specs, timings, by_kind, strict=True):
        values.sort()
        p95 = percentile(values, 0.95)
        print(f"  {spec}: p50 {statistics.median(values):.1f} ms, p95 {p95:.1f} ms, max {values[-1]:.1f} ms "
              f"(target p95 <= 50 ms: {'met' if p95 <= 50 else 'NOT met'})")
        _print_kinds(kinds)


def _describe(variant: dict) -> str:
    who = "member" if variant["access"].can_read_internal else "anonymous"
    filters = variant.get("filters")
    used = {k: v for k, v in vars(filters).items() if v} if filters else {}
    return f"{who}, sort {variant.get('sort', 'relevance')}, offset {variant.get('offset', 0)}, filters {used}"


def run_backend(
    backend: str, documents_wanted: int, query_count: int, keep: bool, reuse: str | None, rank_window: int | None,
    compare: list[str] | None = None, region_count: int = 1,
) -> None:
    env = dict(os.environ, REGIO_HOME=tempfile.mkdtemp(prefix="regio-bench-"))
    cleanup = None
    if reuse:
        env["REGIO_DATABASE_URL"] = reuse
    elif backend == "sqlite":
        env["REGIO_DATABASE_URL"] = f"sqlite:///{env['REGIO_HOME']}/bench.sqlite3"
    else:
        import psycopg

        admin = os.environ.get("REGIO_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
        name = f"regio_bench_{os.getpid()}"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        env["REGIO_DATABASE_URL"] = admin.rsplit("/", 1)[0] + f"/{name}"

        def cleanup():
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {name}")
    command = [sys.executable, __file__, "--child", "--documents", str(documents_wanted), "--queries", str(query_count),
               "--regions", str(region_count)]
    if rank_window:
        command += ["--rank-window", str(rank_window)]
    for spec in compare or ():
        command += ["--compare", spec]
    try:
        subprocess.run(command + (["--keep"] if keep or reuse else []), env=env, check=True)
    finally:
        if cleanup and not keep:
            cleanup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000, help="documents of ~10 paragraphs (default 100000)")
    parser.add_argument("--queries", type=int, default=400, help="searches to time (default 400)")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--keep", action="store_true", help="keep the generated database and print its URL")
    parser.add_argument("--reuse", metavar="URL", help="time searches on a database kept with --keep")
    parser.add_argument("--rank-window", type=int, help="entries ranked per search (default: search.RANK_WINDOW)")
    parser.add_argument("--compare", action="append", metavar="NAME=VALUE,...",
                        help="time each search under these settings of regio.documents.search, in turn, in one "
                             "run (give it twice or more, e.g. --compare PG_BITMAP_ONLY=0 --compare PG_BITMAP_ONLY=1)")
    parser.add_argument("--regions", type=int, default=1,
                        help="spread the documents over this many regions, largest first (1 / sqrt(k)), and "
                             "search the largest (default 1: every document in one region)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.documents, args.queries, args.keep, args.rank_window, args.compare, args.regions)
        return
    if args.reuse:
        run_backend("", args.documents, args.queries, False, args.reuse, args.rank_window, args.compare, args.regions)
        return
    for backend in ("sqlite", "postgresql") if args.backend == "both" else (args.backend,):
        run_backend(backend, args.documents, args.queries, args.keep, None, args.rank_window, args.compare,
                    args.regions)


if __name__ == "__main__":
    main()
