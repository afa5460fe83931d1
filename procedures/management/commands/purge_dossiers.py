"""Anonymise finished dossiers past DOSSIER_RETENTION_DAYS (run daily from cron/systemd)."""

from django.core.management.base import BaseCommand

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

    def handle(self, *args, days, dry_run, **options):
        if dry_run:
            count = retention.due_for_purge(days=days).count()
            self.stdout.write(f"{count} hồ sơ sẽ được ẩn danh.")
            return
        count = retention.purge(days=days)
        self.stdout.write(self.style.SUCCESS(f"Đã ẩn danh {count} hồ sơ."))
