"""Send a test e-mail and/or SMS through the real notification path (checks the setup)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from notifications.models import NotificationChannel
from notifications.services import notify

TEMPLATE = "notifications/test_message"


class Command(BaseCommand):
    help = "Gửi thư và/hoặc tin nhắn kiểm tra qua đúng đường gửi thông báo cho người dân."

    def add_arguments(self, parser):
        parser.add_argument("--email", help="Địa chỉ thư nhận thư kiểm tra.")
        parser.add_argument("--sms", help="Số điện thoại nhận tin nhắn kiểm tra.")

    def handle(self, *args, email=None, sms=None, **options):
        if not email and not sms:
            raise CommandError("Cần ít nhất một trong hai: --email hoặc --sms.")
        context = {"requested_at": timezone.localtime()}
        sent = []
        with transaction.atomic():
            for channel, recipient in (
                (NotificationChannel.EMAIL, email),
                (NotificationChannel.SMS, sms),
            ):
                if recipient:
                    sent.append(
                        notify(
                            obj=None,
                            channel=channel,
                            recipient=recipient,
                            template=TEMPLATE,
                            context=context,
                        )
                    )
        for notification in sent:
            notification.refresh_from_db()
            self.stdout.write(
                f"{notification.get_channel_display()} → {notification.recipient_masked}: "
                f"{notification.get_status_display()}"
                + (f" ({notification.last_error})" if notification.last_error else "")
            )
