"""The states of a report and the reasons it may be refused."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedbackStatus(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    PROCESSING = "processing", _("Đang xử lý")
    INFO_REQUESTED = "info_requested", _("Chờ người gửi bổ sung thông tin")
    AWAITING_APPROVAL = "awaiting_approval", _("Chờ lãnh đạo duyệt trả lời")
    ANSWERED = "answered", _("Đã trả lời")
    REOPENED = "reopened", _("Người gửi chưa hài lòng, chờ lãnh đạo xem xét")
    REFUSED = "refused", _("Không xử lý")
    MERGED = "merged", _("Đã gộp vào phản ánh khác")


# The office's clock runs in these states; it stops while the sender is asked for more.
OPEN_STATUSES = frozenset(
    {
        FeedbackStatus.RECEIVED,
        FeedbackStatus.PROCESSING,
        FeedbackStatus.AWAITING_APPROVAL,
        FeedbackStatus.REOPENED,
    }
)
CLOSED_STATUSES = frozenset(
    {FeedbackStatus.ANSWERED, FeedbackStatus.REFUSED, FeedbackStatus.MERGED}
)


class RefusalReason(models.TextChoices):
    SPAM = "spam", _("Tin rác, quảng cáo")
    ABUSIVE = "abusive", _("Ngôn từ xúc phạm, vi phạm thuần phong mỹ tục")
    NOT_COMPETENT = (
        "not_competent",
        _("Không thuộc thẩm quyền của phường (đã chuyển cơ quan có thẩm quyền)"),
    )
    COMPLAINT = "complaint", _("Là khiếu nại, tố cáo: giải quyết theo Luật Khiếu nại, Luật Tố cáo")
