"""Benchmark of the text reader: pages (3,000 characters) per second per core, and peak memory.

Generates a reproducible corpus of Dutch pages (letters, minutes, news items, with OCR-like
damage in some) from sentence templates written for this benchmark, reads every page with
``regio.extraction.extract`` in one process (one core) and prints the figures. The target
is at least 500 pages per second per core. Nothing is asserted: this prints, tests do not time.

    PYTHONPATH=src python bench/extraction.py [--pages 10000] [--seed 1]

``--against REV`` also reads every page with the reader of an earlier commit (unpacked from git
into a temporary package), old and new alternately in this one process, and prints the ratio
new/old: on a machine shared with others only such a ratio is comparable between runs.

    PYTHONPATH=src python bench/extraction.py --pages 2000 --against cc0a2ba
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import random
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from regio.extraction.engine import extract  # noqa: E402

PAGE = 3000

MUNICIPALITIES = ["Leiden", "Leiderdorp", "Oegstgeest", "Voorschoten", "Zoeterwoude", "Katwijk", "Teylingen",
                  "Alphen aan den Rijn", "Den Haag", "Zwolle", "Kampen", "Ede", "Hengelo", "Dordrecht", "Rijnwoude"]
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]
SUBJECTS = ["De colleges", "Het algemeen bestuur", "De raad", "Wij", "De portefeuillehouders", "De stuurgroep"]
OBJECTS = ["het woningbouwprogramma", "de regionale energiestrategie", "de aanpak van jeugdhulp",
           "de snelfietsroute", "het uitvoeringsprogramma", "de begroting", "de warmterotonde",
           "de huisvesting van studenten", "de sportaccommodaties", "de inkoop van zorg"]
TEMPLATES = [
    "{subject} heeft op {day} {month} {year} {object} vastgesteld.",
    "Afgesproken is dat {town} {object} voorbereidt en dat de andere gemeenten aansluiten.",
    "Wij verwachten u uiterlijk in {month} {year} te informeren over {object}.",
    "De colleges komen in het {nth} kwartaal van {year} samen in {town} om {object} te bespreken.",
    "Na de zomer van {year} volgt een werkbezoek aan {town}, waar {object} wordt toegelicht.",
    "{subject} spraken af {object} samen te financieren naar inwonertal.",
    "Het verslag van {day} {month} wordt ongewijzigd vastgesteld.",
    "In {town} en {town2} wonen steeds meer mensen die in de regio werken en reizen met de fiets of de bus.",
    "De provincie Zuid-Holland en het Hoogheemraadschap van Rijnland zijn partner bij {object}.",
    "Er is veel gesproken over de gevolgen voor inwoners, ondernemers en verenigingen.",
    "Trekkers voor {object} worden nog aangewezen.",
    "We gaan de samenwerking op {object} verder versterken.",
]
HEADINGS = ["Besluiten", "Afspraken", "Vervolg", "Stand van zaken", "Hoe nu verder?", "Toelichting"]


def page(rng: random.Random) -> str:
    parts = [f"{rng.choice(MUNICIPALITIES)}, {rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2012, 2025)}\n\n"]
    ocr = rng.random() < 0.3
    while sum(map(len, parts)) < PAGE:
        if rng.random() < 0.12:
            parts.append(f"\n{rng.choice(HEADINGS)}\n\n")
        sentence = rng.choice(TEMPLATES).format(
            subject=rng.choice(SUBJECTS), object=rng.choice(OBJECTS), town=rng.choice(MUNICIPALITIES),
            town2=rng.choice(MUNICIPALITIES), day=rng.randint(1, 28), month=rng.choice(MONTHS),
            year=rng.randint(2012, 2026), nth=rng.choice(["eerste", "tweede", "derde", "vierde"]),
        )
        if ocr and rng.random() < 0.3:
            sentence = rng.choice(["o ", "e ", "• "]) + sentence[0].lower() + sentence[1:] + "\n\n"
        elif ocr and rng.random() < 0.2 and len(sentence) > 40:
            cut = sentence.index(" ", 30)
            sentence = sentence[:cut] + "\n" + sentence[cut + 1 :]
        parts.append(sentence + " ")
    return "".join(parts)[:PAGE]


def reader_at(revision: str, folder: str):
    """The ``extract`` of ``src/regio/extraction`` at a git revision, imported as another package."""
    root = Path(__file__).resolve().parents[1]
    archive = subprocess.run(["git", "-C", str(root), "archive", revision, "src/regio/extraction"],
                             check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    package = "regio_at_" + "".join(c for c in revision if c.isalnum())
    Path(folder, "src", "regio", "__init__.py").touch()
    os.rename(Path(folder, "src", "regio"), Path(folder, package))
    sys.path.insert(0, folder)
    return importlib.import_module(f"{package}.extraction.engine").extract


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--against", metavar="REV", help="also time the reader of this git revision")
    args = parser.parse_args(argv)
    if args.against:
        with tempfile.TemporaryDirectory() as folder:
            return compare(args, reader_at(args.against, folder))
    rng = random.Random(args.seed)
    extract("Opwarmen: de regio en Leiden.")  # loads the region file and the municipality list
    findings = 0
    busy = 0.0
    for _ in range(args.pages):
        text = page(rng)
        started = time.process_time()
        findings += len(extract(text).findings)
        busy += time.process_time() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rate = args.pages / busy if busy else float("inf")
    print(f"pages: {args.pages} of {PAGE} characters, findings: {findings}")
    print(f"CPU time reading: {busy:.2f} s on one core")
    print(f"throughput: {rate:.0f} pages/s/core (target >= 500)")
    print(f"peak memory (max RSS): {peak_kib / 1024:.1f} MiB")
    # CPU time per page still grows when other processes share the cores (caches, hyperthreads):
    # the load average says how quiet the machine was.
    print("load average (1, 5, 15 min): " + ", ".join(f"{load:.2f}" for load in os.getloadavg()))
    return 0


def compare(args: argparse.Namespace, old_extract) -> int:
    """Old and new reader on the same pages, alternating which goes first."""
    rng = random.Random(args.seed)
    readers = {"old": old_extract, "new": extract}
    for read in readers.values():
        read("Opwarmen: de regio en Leiden.")
    busy = dict.fromkeys(readers, 0.0)
    findings = dict.fromkeys(readers, 0)
    for number in range(args.pages):
        text = page(rng)
        for name in (("old", "new") if number % 2 else ("new", "old")):
            started = time.process_time()
            findings[name] += len(readers[name](text).findings)
            busy[name] += time.process_time() - started
    for name in readers:
        print(f"{name} ({args.against if name == 'old' else 'working tree'}): {args.pages / busy[name]:.0f} "
              f"pages/s/core, findings: {findings[name]}")
    print(f"ratio new/old: {busy['old'] / busy['new']:.3f} (above 1: new is faster)")
    print("load average (1, 5, 15 min): " + ", ".join(f"{load:.2f}" for load in os.getloadavg()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
