"""A demo citizen: the identity the provider vouches for, as VNeID would for a resident."""

from django.conf import settings
from django.db import models

from tools.oidc_provider.citizens.validators import (
    check_citizen_id_matches_birth,
    validate_citizen_id,
    validate_mobile,
)


class Quirk(models.TextChoices):
    """How the provider misbehaves for this citizen, so the portal's client is tested."""

    NONE = "", "bình thường"
    WRONG_NONCE = "wrong-nonce", "ID token mang nonce khác nonce của yêu cầu"
    EXPIRED = "expired", "ID token đã hết hạn (cấp hai giờ trước)"
    NO_CITIZEN_ID = "no-citizen-id", "thiếu số định danh (citizen_id) trong ID token và userinfo"


class Citizen(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="citizen"
    )
    citizen_id = models.CharField(
        "số định danh cá nhân", max_length=12, unique=True, validators=[validate_citizen_id]
    )
    full_name = models.CharField("họ và tên", max_length=100)
    birth_date = models.DateField("ngày sinh")
    phone = models.CharField("số điện thoại di động", max_length=10, validators=[validate_mobile])
    email = models.EmailField("thư điện tử")
    quirk = models.CharField(
        "hành vi khi kiểm thử", max_length=20, choices=Quirk.choices, default="", blank=True
    )

    class Meta:
        ordering = ["user__username"]
        verbose_name = "công dân thử nghiệm"
        verbose_name_plural = "công dân thử nghiệm"

    def __str__(self):
        return f"{self.user.username}: {self.full_name}"

    def clean(self):
        if self.citizen_id and self.birth_date:
            check_citizen_id_matches_birth(self.citizen_id, self.birth_date)

    def claims(self):
        """The claims the provider releases about this citizen (before scopes filter them).

        `sub` is django-oauth-toolkit's: the user's primary key.
        """
        claims = {
            "name": self.full_name,
            "birthdate": self.birth_date.isoformat(),
            "phone_number": self.phone,
            "email": self.email,
            "citizen_id": self.citizen_id,
        }
        if self.quirk == Quirk.NO_CITIZEN_ID:
            del claims["citizen_id"]
        return claims
