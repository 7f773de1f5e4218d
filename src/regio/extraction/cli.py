"""The ``regio extract`` command: read a text for a person, as JSON, or score a folder.

This module owns the command line of the text reader (no Django):

``regio extract FILE``            the findings, grouped, each with its source sentence;
``regio extract FILE --json``     FORMAT.md's keys plus spans, confidence and rule;
``regio extract eval DIR``        precision, recall and F1 per field over annotated pairs;
                                  ``--per-doc`` lists the misses, ``--min-f1 FIELD=VALUE``
                                  makes the command fail below a threshold.

``--region`` names a region file (``leidse-regio``, the default) or gives a path to one.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from .context import ExtractionContext, RegionDataError, load_region
from .dates import Window, describe_window
from .engine import ExtractionResult, extract


def read_text(path: Path) -> str:
    """The file as text: UTF-8, else Windows-1252 (old Word exports); undecodable bytes replaced."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" not in raw[:4096]:
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return raw.decode("utf-8", errors="replace")


def _window_text(start: str | None, end: str | None) -> str:
    if not start or not end:
        return "datum onbekend"
    return describe_window(Window(date.fromisoformat(start), date.fromisoformat(end)))


def format_result(result: ExtractionResult) -> str:
    """The findings for a person: grouped, each with the sentence it came from."""
    lines: list[str] = []
    own = result.of_type("document_date")
    if own:
        day = date.fromisoformat(own[0].value)
        lines.append(f"Documentdatum: {describe_window(Window(day, day))}   ({own[0].explanation})")
    else:
        lines.append("Documentdatum: geen (de tekst noemt geen eigen datum)")
    names = list(dict.fromkeys(f.value["name"] for f in result.of_type("municipality")))
    lines.append("Gemeenten: " + (", ".join(names) if names else "geen"))
    organisations = [f.value["name"] for f in result.of_type("organisation")]
    if organisations:
        lines.append("Organisaties: " + ", ".join(organisations))
    lines.append("")
    lines.append("Speerpunten:")
    for finding in result.of_type("theme") or []:
        value = finding.value
        lines.append(f"  - {value['name']} ({value['code']}): {finding.rule}; {finding.explanation}")
    if not result.of_type("theme"):
        lines.append("  (geen)")
    topics = [f.value["title"] for f in result.of_type("topic")]
    candidates = [f.value["title"] for f in result.of_type("topic_candidate")]
    lines.append("Onderwerpen: " + (", ".join(topics) if topics else "geen bekende"))
    if candidates:
        lines.append("Mogelijke nieuwe onderwerpen: " + ", ".join(candidates))
    sections = (
        ("decision", "Besluiten en afspraken"),
        ("commitment", "Toezeggingen"),
        ("event", "Bijeenkomsten"),
        ("open_role", "Open rollen"),
    )
    for kind, title in sections:
        found = result.of_type(kind)
        lines.append("")
        lines.append(f"{title} ({len(found)}):")
        for finding in found:
            value = finding.value
            if kind == "commitment":
                due = value["due"]
                head = f"uiterlijk {_window_text(due, due)}" if due else "zonder datum"
                extra = [f"door {value['promisor']}" if value.get("promisor") else "",
                         f"aan {value['recipient']}" if value.get("recipient") else ""]
                head = " ".join(part for part in [head, *extra] if part)
            elif kind == "event":
                head = f"{value['place'] or 'plaats onbekend'}, {_window_text(value['start'], value['end'])}"
            elif kind == "open_role":
                topics_text = ", ".join(value["topics"]) or "onderwerp onbekend"
                head = f"{value['role']} nog te bepalen voor: {topics_text}"
            else:
                head = finding.explanation
            lines.append(f"  - {head}  [{finding.rule}, {finding.confidence:.2f}, tekens {finding.start}-{finding.end}]")
            lines.append(f"    \u201c{finding.sentence}\u201d")
        if not found:
            lines.append("  (geen)")
    if result.notes:
        lines.append("")
        lines.append("Opmerkingen:")
        lines.extend(f"  - {note}" for note in result.notes)
    return "\n".join(lines)


def _thresholds(pairs: Sequence[str]) -> dict[str, float]:
    thresholds = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        try:
            thresholds[name.strip()] = float(value)
        except ValueError:
            raise SystemExit(f"regio extract eval: --min-f1 expects FIELD=VALUE, got {pair!r}") from None
        if not sep:
            raise SystemExit(f"regio extract eval: --min-f1 expects FIELD=VALUE, got {pair!r}")
    return thresholds


def _run_eval(args: argparse.Namespace, context: ExtractionContext) -> int:
    from .evaluation import AnnotationError, FIELDS, evaluate

    thresholds = _thresholds(args.min_f1 or [])
    unknown = sorted(set(thresholds) - set(FIELDS))
    if unknown:
        print(f"regio extract eval: unknown field(s): {', '.join(unknown)} (known: {', '.join(FIELDS)})", file=sys.stderr)
        return 2
    try:
        report = evaluate(args.folder, lambda text: extract(text, context).to_format_dict())
    except (AnnotationError, OSError) as error:
        print(f"regio extract eval: {error}", file=sys.stderr)
        return 2
    print(report.format_table())
    if args.per_doc:
        print()
        print(report.format_misses())
    failing = report.below(thresholds)
    if failing:
        totals = report.fields
        detail = ", ".join(f"{name} {totals[name].f1:.3f} < {thresholds[name]}" for name in failing)
        print(f"onder de drempel: {detail}", file=sys.stderr)
        return 1
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="regio extract",
        description="Lees een tekst (brief, verslag, nieuwsbericht) en toon besluiten, toezeggingen, "
        "bijeenkomsten, data, gemeenten en speerpunten. 'regio extract eval DIR' meet de kwaliteit.",
    )
    parser.add_argument("file", type=Path, help="het tekstbestand (UTF-8), of 'eval' gevolgd door een map")
    parser.add_argument("--json", action="store_true", help="JSON met de sleutels van FORMAT.md")
    parser.add_argument("--region", default="leidse-regio", help="regionaam of pad naar een regiobestand (YAML)")
    parser.add_argument("--reference-date", type=date.fromisoformat, default=None,
                        help="datum (JJJJ-MM-DD) voor relatieve data als de tekst er zelf geen noemt")
    return parser


def _eval_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="regio extract eval", description="Meet de tekstlezer op geannoteerde teksten.")
    parser.add_argument("folder", type=Path, help="map met paren NAAM.txt + NAAM.json (zie FORMAT.md)")
    parser.add_argument("--per-doc", action="store_true", help="toon per tekst wat gemist of te veel gevonden is")
    parser.add_argument("--min-f1", nargs="+", metavar="FIELD=VALUE", help="faal als de F1 van een veld lager is")
    parser.add_argument("--region", default="leidse-regio", help="regionaam of pad naar een regiobestand (YAML)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    evaluating = bool(argv) and argv[0] == "eval"
    args = _eval_parser().parse_args(argv[1:]) if evaluating else _parser().parse_args(argv)
    try:
        context = load_region(args.region)
    except (RegionDataError, OSError) as error:
        print(f"regio extract: {error}", file=sys.stderr)
        return 2
    if evaluating:
        return _run_eval(args, context)
    if getattr(args, "reference_date", None):
        context = ExtractionContext(**{**context.__dict__, "reference_date": args.reference_date})
    try:
        text = read_text(args.file)
    except OSError as error:
        print(f"regio extract: {args.file}: {error.strerror or error}", file=sys.stderr)
        return 2
    result = extract(text, context)
    if args.json:
        print(json.dumps(result.to_format_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_result(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
