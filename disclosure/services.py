"""Writes of the disclosure app: the admin and the demo loader both go through here."""

from django.db import transaction

from disclosure.constants import DisclosureStatus
from disclosure.models import DisclosureFile


@transaction.atomic
def entry_save(*, entry):
    """Validate and save `entry` (new or changed); the default posting end is filled in."""
    entry.fill_defaults()
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def entries_publish(*, entries):
    """Publish the drafts among `entries`; return how many changed."""
    changed = 0
    for entry in entries.select_for_update().filter(status=DisclosureStatus.DRAFT):
        entry.status = DisclosureStatus.PUBLISHED
        entry_save(entry=entry)
        changed += 1
    return changed


@transaction.atomic
def entries_withdraw(*, entries):
    """Turn the published among `entries` back into drafts; return how many changed."""
    changed = 0
    for entry in entries.select_for_update().filter(status=DisclosureStatus.PUBLISHED):
        entry.status = DisclosureStatus.DRAFT
        entry_save(entry=entry)
        changed += 1
    return changed


@transaction.atomic
def file_attach(*, entry, title, file, order=0):
    """Attach a public file to `entry` (type and size checked from the bytes)."""
    attached = DisclosureFile(entry=entry, title=title, file=file, order=order)
    attached.full_clean()
    attached.save()
    return attached
