"""Retention: finished dossiers lose their personal data and files after a set period.

Personal Data Protection Law 91/2025/QH15: data are kept no longer than the purpose needs.
After ``DOSSIER_RETENTION_DAYS`` from the last change of a finished dossier (refused,
stopped or result returned), `anonymise` deletes its files and blanks everything that
identifies the resident (name, ID number, birth date, phone, e-mail, address, answers,
free-text notes, the addresses in sent messages). The row itself stays, with procedure,
channel, dates, timeliness and ratings, so that the public statistics do not change.

The history (DossierEvent) is append-only for everyone else; blanking its notes here is
the one deliberate exception, made with a plain QuerySet so the guard stays in force
for all other code.
"""

import datetime as dt

from django.conf import settings
from django.db import models, transaction
from django.dispatch import Signal
from django.utils import timezone

from notifications.models import Notification, NotificationChannel
from portal.maintenance import purge_in_batches
from procedures.constants import DossierStatus as S
from procedures.models import (
    Dossier,
    DossierDocument,
    DossierEvent,
    DossierRating,
    SupplementRequest,
)
from staff.audit import AuditAction, audit

FINAL = (S.REFUSED, S.STOPPED, S.RETURNED)
PLACEHOLDER_NAME = "(đã ẩn danh)"
PLACEHOLDER_BIRTH = dt.date(1900, 1, 1)


def due_for_purge(now=None, days=None):
    now = now or timezone.now()
    days = settings.DOSSIER_RETENTION_DAYS if days is None else days
    return Dossier.objects.filter(
        status__in=FINAL,
        anonymised_at__isnull=True,
        updated_at__lt=now - dt.timedelta(days=days),
    )


# Sent inside the anonymising transaction with the dossiers' ids: apps that keep personal
# data or files of a dossier elsewhere (results) strip theirs in the same transaction.
dossiers_anonymised = Signal()


def anonymise(ids, *, now=None):
    """Strip personal data and files from the dossiers `ids`; return how many."""
    now = now or timezone.now()
    ids = list(ids)
    if not ids:
        return 0
    with transaction.atomic():
        # Files go after commit (DossierDocument's post_delete handler).
        for document in DossierDocument.objects.filter(dossier_id__in=ids):
            document.delete()
        count = Dossier.objects.filter(pk__in=ids, anonymised_at__isnull=True).update(
            applicant_name=PLACEHOLDER_NAME,
            applicant_name_folded="",
            id_number="",
            birth_date=PLACEHOLDER_BIRTH,
            phone="",
            email="",
            ward=None,
            ward_name="",
            street="",
            answers={},
            anonymised_at=now,
        )
        models.QuerySet(DossierEvent).filter(dossier_id__in=ids).update(
            public_note="", internal_note=""
        )
        SupplementRequest.objects.filter(dossier_id__in=ids).update(note="")
        DossierRating.objects.filter(dossier_id__in=ids).update(comment="")
        notifications = Notification.objects.filter(
            target_type__app_label="procedures",
            target_type__model="dossier",
            target_id__in=[str(i) for i in ids],
        )
        notifications.filter(channel=NotificationChannel.EMAIL).update(
            recipient="", body_text="", body_html=""
        )
        notifications.filter(channel=NotificationChannel.SMS).update(recipient="", body_text="")
        dossiers_anonymised.send(sender=Dossier, ids=ids)
    return count


def purge(*, now=None, days=None, batch=500, actor=None):
    """Anonymise every dossier past retention, in batches; return the total."""
    total = purge_in_batches(lambda: due_for_purge(now, days), anonymise, now=now, batch=batch)
    if total:
        audit(actor=actor, action=AuditAction.PURGE, target=None, dossiers=total)
    return total
