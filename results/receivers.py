"""The desk's "Đã trả kết quả" records how the result was delivered, whichever page made it;
the retention purge takes the result files and postal addresses with the rest."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from procedures.constants import DossierStatus
from procedures.models import DossierEvent
from procedures.retention import dossiers_anonymised
from results import services
from results.models import DossierResult, ResultDelivery


@receiver(post_save, sender=DossierEvent, dispatch_uid="results_handover")
def record_handover(sender, instance, created, **kwargs):
    """Inside the workflow's transaction: the move and its delivery fact commit together.

    A move without a staff actor is the resident's own download (results.services), which
    recorded its electronic delivery before making the move.
    """
    if created and instance.to_status == DossierStatus.RETURNED and instance.actor_id:
        services.record_handover(
            dossier=instance.dossier, actor=instance.actor, at=instance.created_at
        )


PURGED_ADDRESS = "(đã xóa khi hết thời hạn lưu trữ)"


@receiver(dossiers_anonymised, dispatch_uid="results_anonymise")
def strip_results(sender, ids, **kwargs):
    """Past retention a result is personal data like the documents: the file goes (after
    commit, DossierResult's post_delete handler) and the postal address is blanked. The
    delivery facts stay: they are what /thong-ke/ counts."""
    for result in DossierResult.objects.filter(dossier_id__in=ids):
        result.delete()
    deliveries = ResultDelivery.objects.filter(dossier_id__in=ids).exclude(postal_address="")
    # Not blank: a postal delivery must name an address (its check constraint).
    deliveries.update(postal_address=PURGED_ADDRESS)
