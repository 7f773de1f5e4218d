"""`regio generate-scale`: a synthetic national data set to measure speed on (see regio.regionfiles.scale).

The last line printed is one JSON object: the largest region's slug, a topic slug and a meeting id
in it, a member municipality's slug, the counts of what was made and the seconds it took.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from regio.regionfiles.scale import ScaleRefused, generate_scale


class Command(BaseCommand):
    help = "Generate a synthetic national data set (all 342 municipalities) for measuring speed."

    def add_arguments(self, parser):
        parser.add_argument("--regions", type=int, default=40, help="number of regions (default 40)")
        parser.add_argument("--topics", type=int, default=20_000, help="number of topics (default 20000)")
        parser.add_argument("--meetings", type=int, default=100_000, help="number of meetings (default 100000)")
        parser.add_argument("--documents", type=int, default=200_000, help="number of documents (default 200000)")
        parser.add_argument("--seed", type=int, default=1, help="seed of the random choices (default 1)")
        parser.add_argument(
            "--force", action="store_true", help="also when the database holds real (not synthetic) regions"
        )

    def handle(self, *args, regions, topics, meetings, documents, seed, force, **options):
        if regions < 1 or min(topics, meetings, documents) < 0:
            raise CommandError("--regions must be at least 1, and --topics, --meetings and --documents 0 or more")
        try:
            report = generate_scale(
                regions=regions, topics=topics, meetings=meetings, documents=documents, seed=seed, force=force,
                progress=lambda message: self.stderr.write(message),
            )
        except ScaleRefused as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(json.dumps(report.as_json(), ensure_ascii=False))
