"""The resident's forms: send a report, find it again, add information, rate the answer."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from feedback.models import Topic
from portal.forms import HoneypotMixin, privacy_help
from portal.text import fold
from portal.widgets import VietnameseSelect
from procedures.constants import FileType
from procedures.files import check_upload
from procedures.forms import CrispyFormMixin, MobilePhoneField

MAX_PHOTOS = 5
PHOTO_ACCEPT = ".jpg,.jpeg,.png,image/jpeg,image/png"


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Up to MAX_PHOTOS JPEG or PNG photos, each checked and re-encoded (no EXIF, no GPS)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultiplePhotoInput(attrs={"accept": PHOTO_ACCEPT}))
        super().__init__(required=False, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > MAX_PHOTOS:
            raise ValidationError(
                _("Chỉ gửi tối đa %(n)d ảnh.") % {"n": MAX_PHOTOS}, code="too_many"
            )
        cleaned, errors = [], []
        for uploaded in files:
            try:
                cleaned.append(
                    check_upload(
                        uploaded,
                        accepted_types=[FileType.JPEG, FileType.PNG],
                        max_bytes=settings.FEEDBACK_MAX_PHOTO_BYTES,
                    )
                )
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        return cleaned


class FeedbackForm(HoneypotMixin, CrispyFormMixin, forms.Form):
    topic = forms.ModelChoiceField(
        label=_("Lĩnh vực"),
        queryset=Topic.objects.filter(is_active=True),
        empty_label=_("— Chọn lĩnh vực —"),
        widget=VietnameseSelect,  # topics are named by editors, in Vietnamese
    )
    title = forms.CharField(label=_("Tiêu đề"), max_length=150)
    content = forms.CharField(
        label=_("Nội dung phản ánh, kiến nghị"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Nêu rõ sự việc, thời gian, nơi xảy ra và đề xuất của ông/bà (nếu có)."),
    )
    address = forms.CharField(
        label=_("Địa điểm trên địa bàn phường (nếu có)"),
        max_length=200,
        required=False,
        help_text=_("Ví dụ: ngõ 12 đường Lê Lợi, trước cổng chợ."),
    )
    photos = PhotosField(
        label=_("Ảnh (nếu có)"),
        help_text=_(
            "Tối đa 5 ảnh JPG hoặc PNG. Ảnh được xử lý lại để bỏ thông tin vị trí, chỉ công "
            "khai khi cán bộ đã kiểm tra."
        ),
    )
    name = forms.CharField(label=_("Họ và tên"), max_length=100)
    phone = MobilePhoneField(
        label=_("Số điện thoại di động"),
        help_text=_("Dùng cùng mã phản ánh để tra cứu kết quả; không bao giờ công khai."),
    )
    email = forms.EmailField(
        label=_("Thư điện tử (nếu có)"),
        required=False,
        help_text=_("Để nhận thông báo khi có trả lời."),
    )
    consent_publish = forms.BooleanField(
        label=_(
            "Tôi đồng ý công khai nội dung phản ánh (đã bỏ họ tên, số điện thoại và mọi dữ "
            "liệu cá nhân) cùng nội dung trả lời trên cổng thông tin."
        ),
        required=False,
    )
    agree_privacy = forms.BooleanField(
        label=_("Tôi đã đọc và đồng ý với việc xử lý dữ liệu cá nhân để giải quyết phản ánh."),
        error_messages={"required": _("Cần đồng ý xử lý dữ liệu cá nhân để gửi phản ánh.")},
    )

    honeypot_message = _("Không gửi được phản ánh. Vui lòng thử lại.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agree_privacy"].help_text = privacy_help(
            reverse("feedback:privacy_notice"), _("Đọc thông báo xử lý dữ liệu cá nhân")
        )

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())


class TrackingForm(CrispyFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Mã phản ánh"),
        max_length=20,
        help_text=_("Ví dụ: PAKN-261207-0001"),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "spellcheck": "false"}),
    )
    phone = MobilePhoneField(label=_("Số điện thoại đã dùng khi gửi"))

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()


class AddInformationForm(CrispyFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Thông tin bổ sung"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )


class RatingForm(CrispyFormMixin, forms.Form):
    resolved = forms.TypedChoiceField(
        label=_("Trả lời đã giải quyết được vấn đề của ông/bà chưa?"),
        choices=[("yes", _("Đã giải quyết")), ("no", _("Chưa giải quyết"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Ý kiến thêm (nếu chưa giải quyết, xin nêu lý do)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PublicFilterForm(forms.Form):
    """The public list's filters: topic, month answered, words (with or without diacritics)."""

    q = forms.CharField(label=_("Từ khóa"), max_length=100, required=False)
    topic = forms.ModelChoiceField(
        label=_("Lĩnh vực"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Tất cả lĩnh vực"),
        widget=VietnameseSelect,
    )
    month = forms.DateField(
        label=_("Tháng trả lời"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        error_messages={"invalid": _("Chọn tháng theo dạng năm-tháng, ví dụ 2026-12.")},
    )

    def apply(self, items):
        """`items` filtered as asked, and the filters as a dict (for the cached count's key)."""
        data = self.cleaned_data
        filters = {}
        if data.get("topic"):
            items = items.filter(topic=data["topic"])
            filters["topic"] = data["topic"].slug
        if data.get("month"):
            month = data["month"]
            items = items.filter(published_at__year=month.year, published_at__month=month.month)
            filters["month"] = f"{month:%Y-%m}"
        words = fold(data.get("q", "")).split()[:8]
        for word in words:
            items = items.filter(search_text__contains=word)
        if words:
            filters["q"] = " ".join(words)
        return items, filters
