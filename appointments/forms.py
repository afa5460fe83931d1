"""The booking form (slot, name, phone, consent) and the slot picker of the move form."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.forms import HoneypotMixin, privacy_help
from procedures.forms import CrispyFormMixin, MobilePhoneField
from procedures.validators import clean_person_name


def slot_choices(slots):
    """Radio choices for the free slots: "07:30 – 08:00 (còn 2 chỗ)"."""
    from django.utils import timezone

    choices = []
    for slot in slots:
        if slot.free <= 0:
            continue
        start = timezone.localtime(slot.starts_at)
        end = timezone.localtime(slot.ends_at)
        left = ngettext("còn %(n)s chỗ", "còn %(n)s chỗ", slot.free) % {"n": slot.free}
        choices.append((slot.key, f"{start:%H:%M} – {end:%H:%M} ({left})"))
    return choices


class SlotForm(CrispyFormMixin, forms.Form):
    slot = forms.ChoiceField(
        label=_("Khung giờ"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Chọn một khung giờ còn chỗ."),
            "invalid_choice": _("Khung giờ đã chọn không còn chỗ. Xin chọn khung giờ khác."),
        },
    )

    def __init__(self, *args, slots=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = slot_choices(slots)


class BookingForm(HoneypotMixin, SlotForm):
    name = forms.CharField(label=_("Họ và tên"), max_length=100)
    phone = MobilePhoneField(
        label=_("Số điện thoại di động"),
        help_text=_("Mã lịch hẹn, đường dẫn hủy hoặc đổi lịch và tin nhắc lịch gửi tới số này."),
    )
    email = forms.EmailField(
        label=_("Thư điện tử (nếu có)"),
        required=False,
        help_text=_("Để nhận thêm bản xác nhận qua thư điện tử."),
    )
    agree_privacy = forms.BooleanField(
        label=_("Tôi đã đọc và đồng ý với việc xử lý dữ liệu cá nhân để đặt lịch hẹn."),
        error_messages={"required": _("Cần đồng ý xử lý dữ liệu cá nhân để đặt lịch hẹn.")},
    )
    honeypot_message = _("Không đặt được lịch hẹn. Vui lòng thử lại.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["agree_privacy"].help_text = privacy_help(
            reverse("portal:privacy"), _("Đọc chính sách bảo vệ dữ liệu cá nhân của cổng")
        )

    def clean_name(self):
        return clean_person_name(" ".join(self.cleaned_data["name"].split()))
