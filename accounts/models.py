"""A resident's account: who the identity provider says he is, and the phones he proved.

The account is made at the first log-in from the provider's claims and refreshed at every
log-in; residents never set a password here (the Django user has an unusable one), and a
resident account is never staff.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ResidentAccount(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resident_account"
    )
    # The provider's issuer and its subject identifier: the stable key of the person there.
    issuer = models.CharField(_("nhà cung cấp định danh"), max_length=255)
    subject = models.CharField(_("mã người dùng tại nhà cung cấp"), max_length=255)
    provider_name = models.CharField(_("tên nhà cung cấp"), max_length=100)
    citizen_id = models.CharField(_("số định danh cá nhân"), max_length=12, db_index=True)
    full_name = models.CharField(_("họ và tên"), max_length=100)
    birth_date = models.DateField(_("ngày sinh"))
    phone = models.CharField(_("số điện thoại (theo nhà cung cấp)"), max_length=16, blank=True)
    email = models.EmailField(_("thư điện tử (theo nhà cung cấp)"), blank=True)
    verified_at = models.DateTimeField(_("xác thực lần cuối lúc"), default=timezone.now)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("tài khoản công dân")
        verbose_name_plural = _("tài khoản công dân")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="resident_account_subject")
        ]

    def __str__(self):
        return self.full_name

    def proven_phone_numbers(self):
        return list(self.proven_phones.values_list("phone", flat=True))


class ProvenPhone(models.Model):
    """A phone number the resident proved to hold with a one-time code sent to it: the
    dossiers and feedback sent earlier with it (and, for dossiers, his ID number) become his."""

    account = models.ForeignKey(
        ResidentAccount, on_delete=models.CASCADE, related_name="proven_phones"
    )
    phone = models.CharField(_("số điện thoại"), max_length=16)
    proven_at = models.DateTimeField(_("xác minh lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("số điện thoại đã xác minh")
        verbose_name_plural = _("số điện thoại đã xác minh")
        constraints = [
            models.UniqueConstraint(fields=["account", "phone"], name="proven_phone_unique")
        ]

    def __str__(self):
        return self.phone
