"""Text tomorrow's residents a reminder, and mark past bookings nobody came to (daily).

Run once a day (cron or a systemd timer), e.g. at 08:00. Running it again the same day
sends nothing twice: each booking records when it was reminded.
"""

from django.core.management.base import BaseCommand

from appointments import services


class Command(BaseCommand):
    help = "Gửi tin nhắc lịch hẹn ngày mai và ghi nhận các lịch hẹn đã qua mà không đến."

    def handle(self, *args, **options):
        missed = services.mark_no_shows()
        reminded = services.send_reminders()
        self.stdout.write(f"Đã nhắc {reminded} lịch hẹn; {missed} lịch hẹn ghi nhận không đến.")
