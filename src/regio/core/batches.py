"""Long writes on SQLite in short batches, so web writes wait briefly instead of failing.

SQLite lets one writer in at a time. A bulk load in one transaction would hold the lock for its whole
length and every web write would wait for it, failing after the busy timeout. `commit_in_batches` runs
a generator of steps (each step a whole record with its parts) and commits every BATCH_SECONDS; then it
pauses for longer than SQLite's longest busy-retry sleep (100 ms), so waiting writers get in instead of
the load taking the lock straight back.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

from django.db import transaction

BATCH_SECONDS = 0.2
BATCH_PAUSE_SECONDS = 0.12


def commit_in_batches(steps: Iterator, *, committed: Callable[[], None] = lambda: None) -> None:
    """Run `steps` to the end, one transaction per batch; `committed()` after each committed batch.

    An error inside a step rolls back only that batch: what earlier batches stored stays, and the caller
    decides what to do with it (load again, or remove it).
    """
    finished = False
    while not finished:
        with transaction.atomic():
            deadline = time.monotonic() + BATCH_SECONDS
            for _step in steps:
                if time.monotonic() > deadline:
                    break
            else:
                finished = True
        committed()
        if not finished:
            time.sleep(BATCH_PAUSE_SECONDS)
