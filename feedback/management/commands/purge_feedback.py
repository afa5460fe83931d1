"""Anonymise closed reports past FEEDBACK_RETENTION_DAYS (run daily with purge_dossiers)."""

from feedback import retention
from portal.maintenance import PurgeCommand


class Command(PurgeCommand):
    help = "Ẩn danh phản ánh, kiến nghị đã kết thúc quá thời hạn lưu trữ; giữ bản công khai."
    setting = "FEEDBACK_RETENTION_DAYS"
    noun = "phản ánh"
    retention = retention
