"""Record staff access to residents' data in the append-only audit trail.

Call `audit()` inside the same transaction as the change it describes: a transition that
rolls back leaves no entry, one that commits always has its entry.

    audit(actor=request.user, action=AuditAction.DOWNLOAD, target=document,
          dossier=dossier.code, filename=document.original_name)
"""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext

from portal.masking import mask_details, mask_text
from staff.models import AuditAction, AuditEntry

__all__ = ["AuditAction", "audit"]


def audit(*, actor, action, target=None, **details):
    """Append one entry; personal data in `details` and the target's label is masked."""
    action = AuditAction(action)
    user = actor if actor is not None and actor.is_authenticated else None
    entry = AuditEntry(
        actor=user,
        actor_label=user.get_username() if user else gettext("hệ thống"),
        action=action,
        details=mask_details(details),
    )
    if target is not None:
        entry.target_type = ContentType.objects.get_for_model(target)
        entry.target_id = str(target.pk)
        entry.target_label = mask_text(str(target))[:255]
    entry.save()
    return entry
