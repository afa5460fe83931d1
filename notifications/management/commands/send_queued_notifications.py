"""Enqueue the notifications whose next attempt is due (run from cron every few minutes).

With the immediate task backend this is how failed sends are retried; with the database
backend retries are scheduled by the worker and this is a safety net for a send whose
enqueue was lost (a crash between the commit and the enqueue).
"""

from django.core.management.base import BaseCommand

from notifications.services import send_queued


class Command(BaseCommand):
    help = "Gửi lại các thông báo đang chờ đã đến hạn gửi."

    def handle(self, *args, **options):
        count = send_queued()
        self.stdout.write(f"{count} thông báo được đưa vào hàng đợi gửi.")
