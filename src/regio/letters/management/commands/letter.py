"""`regio letter`: write the council letter (raadsinformatiebrief) of one or every member municipality."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from regio.access.policies import SYSTEM
from regio.commitments.models import Commitment
from regio.letters.compose import compose_letter
from regio.letters.gather import check_period, letter_input, municipality_find
from regio.letters.render import FORMATS, render, renderer_for
from regio.letters.services import letter_save
from regio.regions.models import Region
from regio.regions.selectors import region_members


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"not a date: {value!r} (use YYYY-MM-DD)") from None


def _message(exc: ValidationError) -> str:
    return " ".join(str(m) for m in exc.messages)


class Command(BaseCommand):
    help = "Write the council letter of a municipality (or all members) for a period, as PDF, Word or HTML."

    def add_arguments(self, parser):
        parser.add_argument("--region", help="region slug; may be left out when there is one region")
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--municipality", help="name, slug or CBS code of a member municipality")
        who.add_argument("--all", action="store_true", help="one letter per member municipality")
        parser.add_argument("--from", dest="start", required=True, help="first day of the period (YYYY-MM-DD)")
        parser.add_argument("--to", dest="end", required=True, help="last day of the period (YYYY-MM-DD)")
        parser.add_argument("--date", help="date of the letter (default: today)")
        parser.add_argument("--format", choices=FORMATS, default="pdf")
        parser.add_argument("--output", required=True, help="a file; with --all a directory")
        parser.add_argument("--save", action="store_true", help="store each letter as a document (its PDF)")
        parser.add_argument("--fulfil", type=int, help="with --save: id of the open commitment the letter fulfils")

    def handle(self, *args, **options):
        start, end = _date(options["start"]), _date(options["end"])
        letter_date = _date(options["date"]) if options["date"] else None
        try:
            check_period(start, end)
        except ValidationError as exc:
            raise CommandError(_message(exc)) from None
        region = self._region(options["region"])
        if options["fulfil"] and not options["save"]:
            raise CommandError("--fulfil needs --save: a commitment is fulfilled by a saved letter")
        try:
            if options["all"]:
                municipalities = region_members(region=region)
                output = Path(options["output"])
                if output.exists() and not output.is_dir():
                    raise CommandError(f"--all writes one file per municipality; {output} is not a directory")
                output.mkdir(parents=True, exist_ok=True)
            else:
                municipalities = [municipality_find(region=region, name=options["municipality"])]
            commitment = self._commitment(region, options["fulfil"])
            for municipality in municipalities:
                data = letter_input(
                    region=region, municipality=municipality, period_start=start, period_end=end, letter_date=letter_date
                )
                letter = compose_letter(data)
                renderer = renderer_for(options["format"])
                content = render(letter, options["format"])
                target = Path(options["output"]) / renderer.filename(letter) if options["all"] else Path(options["output"])
                target.write_bytes(content)
                self.stdout.write(f"{municipality.name}: {target} ({len(content):,} bytes)")
                if options["save"]:
                    pdf = content if options["format"] == "pdf" else render(letter, "pdf")
                    document = letter_save(
                        actor=SYSTEM, region=region, municipality=municipality, letter=letter, pdf_bytes=pdf,
                        commitment=commitment,
                    )
                    self.stdout.write(f"  saved as document {document.pk} ({letter.reference})")
        except ValidationError as exc:
            raise CommandError(_message(exc)) from None
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None
        except OSError as exc:
            raise CommandError(f"cannot write {exc.filename}: {exc.strerror}") from None

    def _region(self, slug: str | None) -> Region:
        if slug:
            try:
                return Region.objects.get(slug=slug)
            except Region.DoesNotExist:
                raise CommandError(f"there is no region {slug!r}") from None
        regions = list(Region.objects.all()[:2])
        if len(regions) != 1:
            raise CommandError("name the region with --region" if regions else "there is no region yet; load one first")
        return regions[0]

    def _commitment(self, region: Region, pk: int | None) -> Commitment | None:
        if pk is None:
            return None
        try:
            return Commitment.objects.get(region=region, pk=pk)
        except Commitment.DoesNotExist:
            raise CommandError(f"there is no commitment {pk} in {region}") from None
