"""Anonymise finished dossiers past DOSSIER_RETENTION_DAYS (run daily from cron/systemd)."""

from portal.maintenance import PurgeCommand
from procedures import retention


class Command(PurgeCommand):
    help = "Xóa tệp và ẩn danh hồ sơ đã kết thúc quá thời hạn lưu trữ; giữ số liệu thống kê."
    setting = "DOSSIER_RETENTION_DAYS"
    noun = "hồ sơ"
    retention = retention
