"""Write one day's reconciliation CSV (payments confirmed that day) to stdout or a file."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from payments import reconciliation
from procedures.csv_export import write_csv


class Command(BaseCommand):
    help = "Export the payments confirmed on one day (local time) as CSV."

    def add_arguments(self, parser):
        parser.add_argument("--date", required=True, help="YYYY-MM-DD")
        parser.add_argument("--output", help="file to write (default: stdout)")

    def handle(self, *args, date, output=None, **options):
        try:
            day = dt.date.fromisoformat(date)
        except ValueError:
            raise CommandError(f"--date must be YYYY-MM-DD, not {date!r}") from None
        if output:
            with open(output, "w", encoding="utf-8", newline="") as file:
                write_csv(file, reconciliation.header(), reconciliation.rows(day))
        else:
            write_csv(self.stdout, reconciliation.header(), reconciliation.rows(day))
