"""Exceptions to the working-day calendar, edited in the admin (see procedures.workdays)."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _


class CalendarDayKind(models.TextChoices):
    DAY_OFF = "day_off", _("Ngày nghỉ thêm")
    WORKING_DAY = "working_day", _("Ngày làm việc bù")


class CalendarOverride(models.Model):
    """One day whose status differs from weekends and the national holiday list.

    Typical uses: a day off the government announces late (a swapped bridge day), a Saturday
    worked to make up for it, a local closure. Saving or deleting a row refreshes the cached
    calendar at once (see `procedures.workdays.invalidate_calendar`).
    """

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=20, choices=CalendarDayKind.choices)
    reason = models.CharField(
        _("lý do"),
        max_length=255,
        help_text=_("Ví dụ: số hiệu văn bản cho nghỉ hoặc làm bù."),
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("ngày nghỉ / làm bù")
        verbose_name_plural = _("lịch ngày nghỉ và làm bù")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} – {self.get_kind_display()}"

    def clean(self):
        super().clean()
        if self.date is None or not self.kind:
            return
        from procedures.workdays import is_base_working_day  # procedures.workdays imports models

        base_working = is_base_working_day(self.date)
        if self.kind == CalendarDayKind.WORKING_DAY and base_working:
            raise ValidationError(
                {"kind": _("Ngày này vốn đã là ngày làm việc: không cần khai báo làm bù.")}
            )
        if self.kind == CalendarDayKind.DAY_OFF and not base_working:
            raise ValidationError(
                {"kind": _("Ngày này vốn đã là ngày nghỉ (cuối tuần hoặc ngày lễ).")}
            )


@receiver(post_save, sender=CalendarOverride)
@receiver(post_delete, sender=CalendarOverride)
def _refresh_calendar(**kwargs):
    from procedures.workdays import invalidate_calendar  # procedures.workdays imports models

    # Now for this request, and again after commit so that no request in between can
    # cache the rows as they were before the change.
    invalidate_calendar()
    transaction.on_commit(invalidate_calendar)
