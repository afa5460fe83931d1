"""Writes of the results app: attach a result, the resident's channel, downloads, handover.

* `attach_result` stores an officer's PDF (type from its bytes, size limit, signatures
  validated) and, at "Đang xử lý", finishes the dossier (→ "Đã xử lý xong") through the
  workflow; the resident is told the result is ready, and how to get it.
* `choose_channel`: the resident picks online, desk or post until the result is delivered.
* `record_download`: every download is a row (and, by staff, an audit entry). A resident's
  first download of a result he asked to receive online is its delivery: the dossier goes
  "Đã xử lý xong" → "Đã trả kết quả" through the workflow, with no staff actor.
* `record_handover`: the desk's "Đã trả kết quả" records a desk or postal delivery
  (results.receivers calls it for every such move, whichever page made it).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from procedures import access
from procedures.constants import DossierStatus as S
from procedures.constants import FileType
from procedures.files import check_upload
from procedures.models import Dossier
from procedures.staging import discard
from procedures.storage import private_storage
from procedures.workflow import dossier_transition
from results.constants import CLOSED_STATUSES, DeliveryChannel, DeliveryMethod, Downloader
from results.models import DossierResult, ResultDelivery, ResultDownload, default_channel
from results.notifications import queue_result_ready
from results.signatures import check_signatures
from staff.audit import AuditAction, audit

RESULT_PREFIX = "results"
# A result is attached while the dossier is processed or finished, not yet handed over.
UPLOADABLE = (S.PROCESSING, S.DONE)


def result_name():
    """A generated private name, results/YYYY/MM/<uuid>.pdf (outside the swept folders)."""
    now = timezone.localtime()
    return f"{RESULT_PREFIX}/{now:%Y}/{now:%m}/{uuid.uuid4().hex}.pdf"


def can_upload(user, dossier):
    """Officers who may finish the dossier attach its result; at "Đã xử lý xong" those who
    process it may still replace it until it is delivered."""
    if dossier.status == S.PROCESSING:
        return access.can_transition(user, dossier, S.DONE)
    if dossier.status == S.DONE:
        return access.can_see(user, dossier) and user.has_perm(access.PROCESS)
    return False


def delivery_for(dossier, *, lock=False):
    """The dossier's delivery row, created with the default channel when first needed."""
    rows = ResultDelivery.objects.select_for_update() if lock else ResultDelivery.objects
    delivery, _created = rows.get_or_create(
        dossier=dossier, defaults={"channel": default_channel(dossier)}
    )
    return delivery


def attach_result(*, dossier, upload, actor):
    """Check, store and attach `upload` as the result of `dossier`; return the DossierResult.

    Raises ValidationError (in Vietnamese) for a file that is not an acceptable PDF, a
    dossier at another status, a result already taken, or a user without the right. The
    file is written before the transaction and removed again if anything fails.
    """
    if not can_upload(actor, dossier):
        raise ValidationError(
            _("Tài khoản của bạn không có quyền cập nhật kết quả của hồ sơ này."),
            code="permission",
        )
    clean = check_upload(
        upload, accepted_types=(FileType.PDF,), max_bytes=settings.RESULT_MAX_FILE_SIZE
    )
    report = check_signatures(clean.data)
    name = private_storage.save(result_name(), ContentFile(clean.data))
    try:
        with transaction.atomic():
            locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
            if locked.status not in UPLOADABLE:
                raise ValidationError(
                    _("Chỉ cập nhật kết quả khi hồ sơ đang xử lý hoặc đã xử lý xong."),
                    code="status",
                )
            delivery = delivery_for(locked, lock=True)
            if delivery.delivered_at or delivery.first_downloaded_at:
                raise ValidationError(
                    _("Công dân đã nhận kết quả này; không thể thay bằng tệp khác."),
                    code="taken",
                )
            DossierResult.objects.filter(dossier=locked).delete()  # its file goes on commit
            result = DossierResult(
                dossier=locked,
                file=name,
                original_name=clean.original_name,
                size=clean.size,
                sha256=clean.sha256,
                uploaded_by=actor,
                has_signature=report.has_signature,
                signer=report.signer,
                signed_at=report.signed_at,
                intact=report.intact,
                trusted=report.trusted,
                trust_checked=report.trust_checked,
                signature_summary=report.summary,
            )
            result.full_clean(exclude=["dossier", "uploaded_by"])
            result.save()
            if locked.status == S.PROCESSING:
                # The resident hears once, from the message below, not also the status mail.
                dossier_transition(dossier=dossier, to_status=S.DONE, actor=actor, notify=False)
            queue_result_ready(locked, delivery)
    except BaseException:
        discard([name])
        raise
    return result


def choose_channel(*, dossier, channel, address=""):
    """Record how the resident wants the result; the address is required for the post."""
    channel = DeliveryChannel(channel)
    address = " ".join((address or "").split())
    if channel == DeliveryChannel.POST and not address:
        raise ValidationError(
            {"postal_address": _("Xin ghi địa chỉ nhận kết quả qua bưu chính.")}, code="required"
        )
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
        delivery = delivery_for(locked, lock=True)
        if locked.status in CLOSED_STATUSES or delivery.delivered_at:
            raise ValidationError(
                _("Hồ sơ đã kết thúc hoặc kết quả đã được trả; không đổi cách nhận được nữa."),
                code="closed",
            )
        delivery.channel = channel
        delivery.postal_address = address if channel == DeliveryChannel.POST else ""
        delivery.chosen_at = timezone.now()
        delivery.full_clean(exclude=["dossier", "delivered_by"])
        delivery.save()
    return delivery


def record_download(*, dossier, by, user=None):
    """Log one download of the dossier's result; a resident's first online one delivers it.

    `by` is a results.constants.Downloader; `user` the staff member, or the signed-in
    resident. Returns the ResultDownload.
    """
    by = Downloader(by)
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
        result = DossierResult.objects.get(dossier=locked)
        download = ResultDownload.objects.create(
            dossier=locked, sha256=result.sha256, by=by, user=user
        )
        if by == Downloader.STAFF:
            audit(
                actor=user,
                action=AuditAction.DOWNLOAD,
                target=locked,
                result=result.pk,
                filename=result.original_name,
            )
            return download
        delivery = delivery_for(locked, lock=True)
        if delivery.first_downloaded_at is None:
            delivery.first_downloaded_at = download.at
            if delivery.channel == DeliveryChannel.ONLINE and delivery.delivered_at is None:
                delivery.delivered_at = download.at
                delivery.delivered_how = DeliveryMethod.ELECTRONIC
            delivery.save()
            if delivery.delivered_online and locked.status == S.DONE:
                dossier_transition(dossier=dossier, to_status=S.RETURNED, actor=None, notify=False)
    return download


def record_handover(*, dossier, actor, at):
    """The desk handed the result over (or posted it): record it, unless already delivered."""
    delivery = delivery_for(dossier, lock=True)
    if delivery.delivered_at is not None:
        return delivery
    delivery.delivered_at = at
    delivery.delivered_how = (
        DeliveryMethod.POST if delivery.channel == DeliveryChannel.POST else DeliveryMethod.DESK
    )
    delivery.delivered_by = actor
    delivery.save()
    return delivery
