"""Writes of the congress app that carry rules beyond a plain form save."""

from django.db import transaction

from congress.models import TargetValue


def target_value_add(
    *,
    target,
    value,
    measured_on,
    source,
    note="",
    corrects=None,
    entered_by=None,
    is_demo=False,
):
    """Add a value to a target's history (the only write a value ever gets).

    A wrong value is not edited: the new value names it in `corrects`, with the reason in
    `note`; both stay on record, and only the correction counts.
    """
    row = TargetValue(
        target=target,
        value=value,
        measured_on=measured_on,
        source=source,
        note=note,
        corrects=corrects,
        entered_by=entered_by,
        is_demo=is_demo,
    )
    with transaction.atomic():
        row.full_clean()
        row.save()
    return row
