"""Choices of the procedures app: the catalogue, dossiers and their statuses."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceLevel(models.TextChoices):
    """Level of online public service (Decree 42/2022/NĐ-CP Art. 11)."""

    FULL = "full", _("Toàn trình")
    PARTIAL = "partial", _("Một phần")


class DocumentForm(models.TextChoices):
    ORIGINAL = "original", _("Bản chính")
    CERTIFIED_COPY = "certified_copy", _("Bản sao có chứng thực hoặc bản sao điện tử")
    COPY = "copy", _("Bản sao")


class FileType(models.TextChoices):
    """File types a resident may upload; decided from the bytes, never from the name."""

    PDF = "pdf", "PDF"
    JPEG = "jpeg", "JPEG"
    PNG = "png", "PNG"


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Văn bản ngắn")
    LONG_TEXT = "long_text", _("Văn bản dài")
    DATE = "date", _("Ngày")
    NUMBER = "number", _("Số")
    CHOICE = "choice", _("Chọn một")
    YES_NO = "yes_no", _("Có/Không")
    EMAIL = "email", _("Thư điện tử")
    PHONE = "phone", _("Số điện thoại di động")
    ID_NUMBER = "id_number", _("Số định danh cá nhân")


class DateLimit(models.TextChoices):
    """Which dates a date question accepts, counted from the day the answer is given."""

    ANY = "", _("Bất kỳ ngày nào")
    NOT_FUTURE = "not_future", _("Không sau ngày hôm nay (ngày đã qua, ví dụ ngày sinh)")
    NOT_PAST = "not_past", _("Không trước ngày hôm nay (ngày sắp tới, ví dụ ngày hẹn)")


class Sex(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class PlaceKind(models.TextChoices):
    CITY = "city", _("Thành phố trực thuộc trung ương")
    PROVINCE = "province", _("Tỉnh")
    WARD = "ward", _("Phường")
    COMMUNE = "commune", _("Xã")
    SPECIAL_ZONE = "special_zone", _("Đặc khu")


class DossierStatus(models.IntegerChoices):
    """The dossier statuses of the national public-service portal (dichvucong.gov.vn).

    First listed by Circular 01/2018/TT-VPCP, which lapsed with Decree 61/2018/NĐ-CP when
    Decree 118/2025/NĐ-CP took effect on 1/7/2025; kept as the portal shows them.
    """

    NEW = 1, _("Mới đăng ký")
    ACCEPTED = 2, _("Được tiếp nhận")
    REFUSED = 3, _("Không được tiếp nhận")
    PROCESSING = 4, _("Đang xử lý")
    SUPPLEMENT_REQUESTED = 5, _("Yêu cầu bổ sung")
    FINANCIAL_OBLIGATION = 6, _("Yêu cầu thực hiện nghĩa vụ tài chính")
    WITHDRAWAL_REQUESTED = 7, _("Công dân yêu cầu rút hồ sơ")
    STOPPED = 8, _("Dừng xử lý")
    DONE = 9, _("Đã xử lý xong")
    RETURNED = 10, _("Đã trả kết quả")


class Channel(models.TextChoices):
    ONLINE = "online", _("Trực tuyến")
    IN_PERSON = "in_person", _("Trực tiếp")


class RatingReason(models.TextChoices):
    """Reasons a resident may tick when rating the service (satisfied or not)."""

    FAST = "fast", _("Giải quyết nhanh, đúng hẹn")
    EASY = "easy", _("Thủ tục dễ hiểu, dễ thực hiện")
    HELPFUL = "helpful", _("Cán bộ hướng dẫn tận tình")
    LATE = "late", _("Trả kết quả trễ hẹn")
    UNCLEAR = "unclear", _("Hướng dẫn chưa rõ ràng")
    TOO_MANY_DOCUMENTS = "too_many_documents", _("Yêu cầu quá nhiều giấy tờ")
    ATTITUDE = "attitude", _("Thái độ phục vụ chưa tốt")
    OTHER = "other", _("Lý do khác")


class Timeliness(models.TextChoices):
    """How a finished dossier kept its legal appointment (public statistics)."""

    EARLY = "early", _("Trước hạn")
    ON_TIME = "on_time", _("Đúng hạn")
    LATE = "late", _("Quá hạn")


class DueChangeKind(models.TextChoices):
    ACCEPTED = "accepted", _("Hẹn trả khi tiếp nhận")
    RESUMED = "resumed", _("Lùi hẹn sau thời gian chờ công dân")
    APOLOGY = "apology", _("Hẹn lại kèm phiếu xin lỗi")


class PrintForm(models.TextChoices):
    """The printable forms of the one-stop desk: the forms of Appendix I of Circular
    03/2025/TT-VPCP (15/9/2025), which guides Decree 118/2025/NĐ-CP.

    Numbers and names as quoted from that appendix by Hà Nội's QĐ 1594/QĐ-TTPVHCC
    (20/11/2025: forms 01, 06, 07), Nghệ An's QĐ 3857/QĐ-UBND (26/11/2025: 01, 02, 03) and
    the Ministry of Health's QĐ 3621/QĐ-BYT (24/11/2025: the heading of form 04).
    Form 05, the notice that handling stops, is named by Art. 7 of the circular ("Mẫu
    Thông báo dừng giải quyết hồ sơ", as quoted in published commentary); its number is
    the one the quoted forms leave between 04 and 06. Form 07, the register, is the work
    queue's CSV export (procedures.desk.admin).
    """

    RECEIPT = "01", _("Giấy tiếp nhận hồ sơ và hẹn trả kết quả")
    SUPPLEMENT = "02", _("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ")
    REFUSAL = "03", _("Phiếu từ chối tiếp nhận giải quyết hồ sơ")
    APOLOGY = "04", _("Phiếu xin lỗi và đề nghị gia hạn thời gian giải quyết")
    STOP_NOTICE = "05", _("Thông báo dừng giải quyết hồ sơ")
    CONTROL_SHEET = "06", _("Phiếu kiểm soát quá trình giải quyết hồ sơ")
