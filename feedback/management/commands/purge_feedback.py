"""Anonymise closed reports past FEEDBACK_RETENTION_DAYS (run daily with purge_dossiers)."""

from django.core.management.base import BaseCommand

from feedback import retention
from portal.maintenance import LockBusy, maintenance_lock


class Command(BaseCommand):
    help = "Ẩn danh phản ánh, kiến nghị đã kết thúc quá thời hạn lưu trữ; giữ bản công khai."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Thời hạn lưu (ngày); mặc định theo FEEDBACK_RETENTION_DAYS.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Chỉ đếm, không thay đổi.")
        parser.add_argument(
            "--lock-wait",
            type=float,
            default=0,
            help="Số giây chờ khi đang sao lưu/khôi phục (mặc định: bỏ qua lần chạy này).",
        )

    def handle(self, *args, days, dry_run, lock_wait=0, **options):
        try:
            with maintenance_lock(exclusive=False, wait=lock_wait):
                if dry_run:
                    count = retention.due_for_purge(days=days).count()
                    self.stdout.write(f"{count} phản ánh sẽ được ẩn danh.")
                    return
                count = retention.purge(days=days)
                self.stdout.write(self.style.SUCCESS(f"Đã ẩn danh {count} phản ánh."))
        except LockBusy as exc:
            self.stderr.write(f"Bỏ qua / Skipped: {exc}")
