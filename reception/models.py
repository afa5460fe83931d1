"""The citizen reception schedule: weekly default sessions and the dated changes to them.

Law on Citizen Reception 42/2013/QH13 (Luật Tiếp công dân):
- Art. 15(2)(d): the chair of the commune-level People's Committee receives citizens in
  person at the committee's seat at least one day a week (reception.rules checks it).
- Art. 2(3): the place of reception is announced publicly or to the person in advance;
  so a change (cancelled, moved or extra session) must be announced before the session
  it concerns (ReceptionChange.clean) and the page shows when it was announced.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reception.constants import ChangeKind, ReceiverRole, Weekday


def local_moment(day, time):
    """The aware local moment of `time` on `day`."""
    return timezone.make_aware(dt.datetime.combine(day, time), timezone.get_default_timezone())


class ReceptionSessionQuerySet(models.QuerySet):
    def valid_between(self, start, end):
        """Sessions whose validity [valid_from, valid_until] meets [start, end]."""
        return self.filter(valid_from__lte=end).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=start)
        )

    def valid_on(self, day):
        return self.valid_between(day, day)


class ReceptionSession(models.Model):
    """One weekly default session: who receives, on which weekday, when and where."""

    receiver_role = models.CharField(
        _("chức danh người tiếp"), max_length=20, choices=ReceiverRole.choices
    )
    person = models.ForeignKey(
        "personnel.Person",
        verbose_name=_("người tiếp"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reception_sessions",
        help_text=_("Để trống thì trang chỉ ghi chức danh."),
    )
    weekday = models.PositiveSmallIntegerField(_("thứ trong tuần"), choices=Weekday.choices)
    start_time = models.TimeField(_("giờ bắt đầu"))
    end_time = models.TimeField(_("giờ kết thúc"))
    place = models.CharField(_("địa điểm"), max_length=255)
    topics = models.TextField(
        _("nội dung tiếp"),
        blank=True,
        help_text=_("Giới hạn lĩnh vực, nếu có; để trống khi tiếp mọi nội dung."),
    )
    valid_from = models.DateField(_("áp dụng từ ngày"))
    valid_until = models.DateField(
        _("áp dụng đến ngày"), null=True, blank=True, help_text=_("Để trống khi chưa có hạn.")
    )
    is_demo = models.BooleanField(
        _("dữ liệu minh họa"),
        default=False,
        help_text=_("Bật khi giờ, địa điểm chưa phải thông tin chính thức."),
    )
    # Bumped on every save: the calendar feed's SEQUENCE (RFC 5545 §3.8.7.4).
    revision = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReceptionSessionQuerySet.as_manager()

    class Meta:
        ordering = ["weekday", "start_time", "pk"]
        verbose_name = _("buổi tiếp định kỳ")
        verbose_name_plural = _("buổi tiếp định kỳ")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")),
                name="reception_session_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="reception_session_valid_until_not_before_from",
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.start_time:%H:%M} – {self.receiver_label}"

    @property
    def receiver_label(self):
        role = self.get_receiver_role_display()
        return f"{self.person.full_name}, {role}" if self.person_id else str(role)

    def is_valid_on(self, day):
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)

    def start_on(self, day):
        return local_moment(day, self.start_time)

    def clean(self):
        errors = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("Giờ kết thúc phải sau giờ bắt đầu.")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("Ngày hết áp dụng không thể trước ngày bắt đầu áp dụng.")
        if errors:
            raise ValidationError(errors)


class ReceptionChange(models.Model):
    """A dated exception: a default session cancelled or moved on one date, or an extra one.

    A cancelled or moved session names its default `session` and the `date` it would
    have been held; an extra session carries its own receiver, time and place.
    """

    kind = models.CharField(_("loại thay đổi"), max_length=10, choices=ChangeKind.choices)
    session = models.ForeignKey(
        ReceptionSession,
        verbose_name=_("buổi tiếp định kỳ"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="changes",
        help_text=_("Buổi bị hủy hoặc đổi lịch; để trống với buổi tiếp bổ sung."),
    )
    date = models.DateField(
        _("ngày"), help_text=_("Ngày của buổi bị hủy, đổi lịch; hoặc ngày của buổi bổ sung.")
    )
    new_date = models.DateField(_("ngày mới"), null=True, blank=True)
    start_time = models.TimeField(
        _("giờ bắt đầu"), null=True, blank=True, help_text=_("Đổi lịch: để trống nếu giữ giờ cũ.")
    )
    end_time = models.TimeField(_("giờ kết thúc"), null=True, blank=True)
    place = models.CharField(
        _("địa điểm"), max_length=255, blank=True, help_text=_("Đổi lịch: để trống nếu giữ.")
    )
    receiver_role = models.CharField(
        _("chức danh người tiếp"), max_length=20, choices=ReceiverRole.choices, blank=True
    )
    person = models.ForeignKey(
        "personnel.Person",
        verbose_name=_("người tiếp"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    topics = models.TextField(_("nội dung tiếp"), blank=True)
    reason = models.TextField(_("lý do"))
    announced_at = models.DateTimeField(_("thời điểm thông báo"), default=timezone.now)
    is_demo = models.BooleanField(_("dữ liệu minh họa"), default=False)
    revision = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("thay đổi lịch tiếp")
        verbose_name_plural = _("thay đổi lịch tiếp")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "date"],
                condition=Q(session__isnull=False),
                name="reception_change_one_per_session_date",
            ),
        ]
        indexes = [models.Index(fields=["date"]), models.Index(fields=["new_date"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"

    @property
    def target_day(self):
        """The day the session takes place after this change (None when cancelled)."""
        if self.kind == ChangeKind.CANCEL:
            return None
        return self.new_date if self.kind == ChangeKind.MOVE else self.date

    def earliest_start(self):
        """The first moment this change concerns: it must be announced before it."""
        moments = []
        if self.session is not None and self.kind != ChangeKind.EXTRA:
            moments.append(self.session.start_on(self.date))
        day = self.target_day
        start = self.start_time or (self.session.start_time if self.session else None)
        if day and start:
            moments.append(local_moment(day, start))
        return min(moments) if moments else None

    def clean(self):
        errors = {}
        session = self.session  # unsaved while the admin adds it with its changes
        if self.kind == ChangeKind.EXTRA:
            if session is not None:
                errors["session"] = _("Buổi tiếp bổ sung không gắn với buổi định kỳ.")
            for field in ("start_time", "end_time", "place", "receiver_role"):
                if not getattr(self, field):
                    errors[field] = _("Buổi tiếp bổ sung cần trường này.")
        elif self.kind:
            errors.update(self._clean_default_change())
        start = self.start_time or (session.start_time if session else None)
        end = self.end_time or (session.end_time if session else None)
        if start and end and end <= start and "end_time" not in errors:
            errors["end_time"] = _("Giờ kết thúc phải sau giờ bắt đầu.")
        if not errors and self.announced_at:
            first = self.earliest_start()
            if first and self.announced_at >= first:
                errors["announced_at"] = _(
                    "Thay đổi phải được thông báo trước giờ bắt đầu buổi tiếp "
                    "(%(moment)s): người dân cần biết trước khi đến."
                ) % {"moment": timezone.localtime(first).strftime("%d/%m/%Y %H:%M")}
        if errors:
            raise ValidationError(errors)

    def _clean_default_change(self):
        errors = {}
        if self.session is None:
            return {"session": _("Hãy chọn buổi tiếp định kỳ bị hủy hoặc đổi lịch.")}
        if self.date and (
            self.date.weekday() != self.session.weekday or not self.session.is_valid_on(self.date)
        ):
            errors["date"] = _("Buổi tiếp định kỳ này không có vào ngày %(day)s.") % {
                "day": self.date.strftime("%d/%m/%Y")
            }
        if self.kind == ChangeKind.MOVE and not self.new_date:
            errors["new_date"] = _("Hãy nhập ngày tiếp mới.")
        return errors
