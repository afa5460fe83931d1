"""Anonymise desk appointments past APPOINTMENT_RETENTION_DAYS (run nightly with the others)."""

from appointments import retention
from portal.maintenance import PurgeCommand


class Command(PurgeCommand):
    help = "Ẩn danh lịch hẹn đã qua quá thời hạn lưu trữ; giữ số liệu đến và không đến."
    setting = "APPOINTMENT_RETENTION_DAYS"
    noun = "lịch hẹn"
    retention = retention
