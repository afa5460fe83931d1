"""CSV exports that open safely in spreadsheet software (dossier register, statistics).

A cell whose text begins with = + - @ (or a tab, CR or LF) is read as a formula by Excel
and LibreOffice: a resident who types ``=HYPERLINK(…)`` as their name must not get code run
on an officer's machine (OWASP "CSV injection"). Such text is prefixed with an apostrophe,
which the spreadsheet shows as plain text. Numbers stay numbers.

    return csv_response("so-theo-doi-ho-so.csv", header, (row(d) for d in dossiers.iterator()))
"""

import csv
import datetime as dt
from decimal import Decimal

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext

# Full-width forms too: some spreadsheet locales normalise them to the ASCII ones.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
# Excel needs the byte-order mark to read UTF-8 (Vietnamese) instead of the ANSI code page.
BOM = "\ufeff"


def neutralise(value):
    """Return `value` as a safe CSV cell: text never starts a formula; numbers untouched."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("Có") if value else gettext("Không")
    if isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, dt.datetime):
        return (
            timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
            if timezone.is_aware(value)
            else value.strftime("%d/%m/%Y %H:%M")
        )
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def safe_row(values):
    return [neutralise(value) for value in values]


class _Echo:
    """A file-like object whose write() hands the line back, for streaming."""

    def write(self, value):
        return value


def iter_csv(header, rows):
    """Yield the CSV text line by line, starting with the BOM and the header."""
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow(safe_row(header))
    for row in rows:
        yield writer.writerow(safe_row(row))


def write_csv(file, header, rows):
    """Write a safe CSV to an open text file (management commands)."""
    for line in iter_csv(header, rows):
        file.write(line)


def csv_response(filename, header, rows):
    """Stream a safe CSV download: attachment, never cached, never sniffed."""
    response = StreamingHttpResponse(iter_csv(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
