"""Writes to the schedule: every save checks the rules and bumps the feed's revision.

The admin calls these too, so a session edited by staff obeys the same rules (a change
announced after its session is refused, Law 42/2013/QH13 Art. 2(3)).
"""

from django.db import transaction
from django.db.models import F

from reception.models import ReceptionChange, ReceptionSession


def _save(instance):
    instance.full_clean()
    with transaction.atomic():
        if instance.pk:
            # Counted in the database: two editors saving at once both count.
            type(instance).objects.filter(pk=instance.pk).update(revision=F("revision") + 1)
            instance.revision = (
                type(instance).objects.values_list("revision", flat=True).get(pk=instance.pk)
            )
        instance.save()
    return instance


def session_save(*, session):
    """Validate and save a default session (new or edited)."""
    return _save(session)


def change_save(*, change):
    """Validate and save a change (new or edited)."""
    return _save(change)


def session_create(*, receiver_role, weekday, start_time, end_time, place, valid_from, **fields):
    session = ReceptionSession(
        receiver_role=receiver_role,
        weekday=weekday,
        start_time=start_time,
        end_time=end_time,
        place=place,
        valid_from=valid_from,
        **fields,
    )
    return session_save(session=session)


def change_announce(*, kind, date, reason, session=None, **fields):
    """Record a cancelled, moved or extra session; `announced_at` defaults to now."""
    change = ReceptionChange(kind=kind, date=date, reason=reason, session=session, **fields)
    return change_save(change=change)
