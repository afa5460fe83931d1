"""Anonymise finished dossiers past DOSSIER_RETENTION_DAYS (run daily from cron/systemd)."""

from django.core.management.base import BaseCommand

from portal.maintenance import LockBusy, maintenance_lock
from procedures import retention


class Command(BaseCommand):
    help = "Xóa tệp và ẩn danh hồ sơ đã kết thúc quá thời hạn lưu trữ; giữ số liệu thống kê."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Thời hạn lưu (ngày); mặc định theo DOSSIER_RETENTION_DAYS.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Chỉ đếm, không thay đổi.")
        parser.add_argument(
            "--lock-wait",
            type=float,
            default=0,
            help="Số giây chờ khi đang sao lưu/khôi phục (mặc định: bỏ qua lần chạy này).",
        )

    def handle(self, *args, days, dry_run, lock_wait=0, **options):
        # Not during a backup (the archive would hold files whose rows are already blank)
        # nor a restore (which runs the same purge itself once the data are back).
        try:
            with maintenance_lock(exclusive=False, wait=lock_wait):
                self.purge(days, dry_run)
        except LockBusy as exc:
            self.stderr.write(f"Bỏ qua / Skipped: {exc}")

    def purge(self, days, dry_run):
        if dry_run:
            count = retention.due_for_purge(days=days).count()
            self.stdout.write(f"{count} hồ sơ sẽ được ẩn danh.")
            return
        count = retention.purge(days=days)
        self.stdout.write(self.style.SUCCESS(f"Đã ẩn danh {count} hồ sơ."))
