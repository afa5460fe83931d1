"""Notifications: after commit only, retried with backoff, recorded, SMS behind a backend."""

import datetime as dt
import io
import smtplib
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from notifications import sms
from notifications.models import Notification, NotificationStatus
from notifications.services import deliver, notify, retry_delay, send_queued
from tests.staff.factories import UserFactory

TEMPLATE = "notifications/test_message"
FAILING_EMAIL = "tests.notifications.test_notifications.RefusingEmailBackend"


class RefusingEmailBackend(BaseEmailBackend):
    """A mail server that refuses every recipient, quoting the address like smtplib does."""

    def send_messages(self, messages):
        address = messages[0].to[0]
        raise smtplib.SMTPRecipientsRefused({address: (550, b"mailbox unavailable")})


class RefusingSmsBackend(sms.BaseSmsBackend):
    def send(self, recipient, text):
        raise sms.SmsError("gateway answered 503")


def send_email(target=None, recipient="an.nguyen@example.com"):
    return notify(
        obj=target,
        channel="email",
        recipient=recipient,
        template=TEMPLATE,
        context={"requested_at": timezone.now()},
    )


@pytest.fixture
def locmem_sms(settings):
    settings.SMS_BACKEND = "notifications.sms.LocmemSmsBackend"
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


@pytest.mark.django_db
class TestAfterCommit:
    def test_rolled_back_change_sends_nothing(self, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            with pytest.raises(RuntimeError), transaction.atomic():
                send_email()
                raise RuntimeError("the dossier change failed")
        assert callbacks == []
        assert mail.outbox == []
        assert not Notification.objects.exists()

    def test_sent_only_when_the_callbacks_run(self, clock, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks() as callbacks:
            notification = send_email()
        assert mail.outbox == []
        assert notification.status == NotificationStatus.QUEUED
        clock.advance(seconds=30)  # sent when the callbacks run, not when it was queued
        for callback in callbacks:
            callback()
        assert len(mail.outbox) == 1
        notification.refresh_from_db()
        assert notification.status == NotificationStatus.SENT
        assert notification.attempts == 1
        assert notification.sent_at == clock.now

    def test_message_is_vietnamese_html_and_text(self, django_capture_on_commit_callbacks, ward):
        with django_capture_on_commit_callbacks(execute=True):
            notification = send_email()
        message = mail.outbox[0]
        assert message.subject.startswith("Thư kiểm tra cấu hình gửi thư")
        assert "Đây là thư kiểm tra" in message.body
        html, mimetype = message.alternatives[0]
        assert mimetype == "text/html"
        assert '<html lang="vi">' in html
        assert ward.authority in html
        assert message.extra_headers["Auto-Submitted"] == "auto-generated"
        assert message.to == ["an.nguyen@example.com"]
        assert notification.recipient_masked == "a***@example.com"
        assert notification.body_html == html

    def test_no_recipient_no_notification(self):
        assert send_email(recipient="  ") is None
        assert not Notification.objects.exists()

    def test_invalid_address_is_refused(self):
        with pytest.raises(ValidationError) as refused:
            send_email(recipient="khong-phai-thu")
        assert refused.value.code == "invalid"
        assert not Notification.objects.exists()

    def test_linked_to_the_object_it_concerns(self, django_capture_on_commit_callbacks):
        officer, other = UserFactory(), UserFactory()
        with django_capture_on_commit_callbacks(execute=True):
            notification = send_email(target=officer)
        assert list(Notification.objects.for_object(officer)) == [notification]
        assert not Notification.objects.for_object(other).exists()
        assert notification.target == officer


@pytest.mark.django_db(transaction=True)
def test_sent_after_a_real_commit():
    with transaction.atomic():
        send_email()
        assert mail.outbox == []
    assert len(mail.outbox) == 1
    assert Notification.objects.get().status == NotificationStatus.SENT


@pytest.mark.django_db
class TestRetries:
    def test_failed_mail_is_recorded_and_retried(
        self, settings, clock, django_capture_on_commit_callbacks
    ):
        settings.EMAIL_BACKEND = FAILING_EMAIL
        with django_capture_on_commit_callbacks(execute=True):
            notification = send_email()
        notification.refresh_from_db()
        assert notification.status == NotificationStatus.QUEUED
        assert notification.attempts == 1
        assert "SMTPRecipientsRefused" in notification.last_error
        assert "an.nguyen@example.com" not in notification.last_error  # masked
        assert notification.next_attempt_at == clock.now + dt.timedelta(seconds=60)

        # Not due yet, even a second before: the sweeper leaves it alone.
        clock.advance(seconds=59)
        assert send_queued() == 0
        assert deliver(notification.pk) is None

        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        clock.advance(seconds=1)
        assert send_queued() == 1
        notification.refresh_from_db()
        assert notification.status == NotificationStatus.SENT
        assert notification.attempts == 2
        assert len(mail.outbox) == 1
        assert "SMTPRecipientsRefused" in notification.last_error  # the history stays

    def test_attempts_are_bounded_with_growing_delays(
        self, settings, clock, django_capture_on_commit_callbacks
    ):
        settings.EMAIL_BACKEND = FAILING_EMAIL
        settings.NOTIFICATION_MAX_ATTEMPTS = 3
        with django_capture_on_commit_callbacks(execute=True):
            notification = send_email()
        assert [retry_delay(n) for n in (1, 2, 3)] == [60, 240, 960]
        clock.advance(seconds=60)
        assert deliver(notification.pk) == NotificationStatus.QUEUED
        notification.refresh_from_db()
        assert notification.next_attempt_at == clock.now + dt.timedelta(seconds=240)
        clock.advance(seconds=239)
        assert deliver(notification.pk) is None  # not due yet
        clock.advance(seconds=1)
        assert deliver(notification.pk) == NotificationStatus.FAILED
        notification.refresh_from_db()
        assert notification.attempts == 3
        assert notification.next_attempt_at is None
        assert deliver(notification.pk) is None  # failed for good: nothing more
        assert send_queued() == 0


@pytest.mark.django_db(transaction=True)
def test_database_backend_schedules_the_retry(settings):
    """Production path: the request stores a task row; the worker sends and defers retries.

    Transactional because the worker closes its database connection between tasks.
    """
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    settings.EMAIL_BACKEND = FAILING_EMAIL
    with transaction.atomic():
        notification = send_email()
    task = DBTaskResult.objects.get()
    assert task.args_kwargs["args"] == [notification.pk]
    notification.refresh_from_db()
    assert notification.attempts == 0  # nothing was sent in the request

    call_command("db_worker", batch=True, no_startup_delay=True, stdout=io.StringIO())
    notification.refresh_from_db()
    assert notification.attempts == 1
    assert notification.status == NotificationStatus.QUEUED
    retry = DBTaskResult.objects.exclude(pk=task.pk).get()
    assert retry.run_after == notification.next_attempt_at


@pytest.mark.django_db
class TestSms:
    def test_console_backend_prints_without_diacritics(
        self, capsys, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            notification = notify(
                obj=None,
                channel="sms",
                recipient="0912345678",
                template=TEMPLATE,
                context={"requested_at": timezone.now()},
            )
        out = capsys.readouterr().out
        assert "SMS → 0912345678" in out
        assert "Phuong An Phong: tin nhan kiem tra cau hinh SMS" in out
        notification.refresh_from_db()
        assert notification.status == NotificationStatus.SENT
        assert notification.recipient_masked == "091****678"
        assert notification.body_text.startswith("Phường An Phong")  # the record keeps accents

    def test_backend_comes_from_settings(
        self, locmem_sms, clock, django_capture_on_commit_callbacks
    ):
        clock.now = dt.datetime(2026, 2, 12, 10, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
        with django_capture_on_commit_callbacks(execute=True):
            notify(
                obj=None,
                channel="sms",
                recipient="0912345678",
                template=TEMPLATE,
                context={"requested_at": timezone.now()},
            )
        assert locmem_sms == [
            {
                "recipient": "0912345678",
                "text": "Phuong An Phong: tin nhan kiem tra cau hinh SMS luc 12/02/2026 10:00.",
            }
        ]

    def test_gateway_refusal_is_recorded(self, settings, django_capture_on_commit_callbacks):
        settings.SMS_BACKEND = "tests.notifications.test_notifications.RefusingSmsBackend"
        with django_capture_on_commit_callbacks(execute=True):
            notification = notify(
                obj=None,
                channel="sms",
                recipient="0912345678",
                template=TEMPLATE,
                context={"requested_at": timezone.now()},
            )
        notification.refresh_from_db()
        assert notification.status == NotificationStatus.QUEUED
        assert notification.last_error == "SmsError: gateway answered 503"

    def test_to_ascii(self):
        assert sms.to_ascii("Đường Lê Lợi, phường An Phong") == "Duong Le Loi, phuong An Phong"


@pytest.mark.django_db(transaction=True)
def test_send_test_notification_command(locmem_sms):
    out = io.StringIO()
    call_command("send_test_notification", email="an@example.com", sms="0912345678", stdout=out)
    assert "a***@example.com: Đã gửi" in out.getvalue()
    assert "091****678: Đã gửi" in out.getvalue()
    assert len(mail.outbox) == 1 and len(locmem_sms) == 1


@pytest.mark.django_db
class TestCommandsAndAdmin:
    def test_admin_lists_without_the_real_address(self, client, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            notification = send_email()
        client.force_login(UserFactory(superuser=True))
        listing = client.get("/quan-tri/notifications/notification/").content.decode()
        page = client.get(f"/quan-tri/notifications/notification/{notification.pk}/change/")
        assert "a***@example.com" in listing
        assert "an.nguyen@example.com" not in listing
        assert page.status_code == 200
        assert "a***@example.com" in page.content.decode()
        assert "an.nguyen@example.com" not in page.content.decode()
        assert client.get("/quan-tri/notifications/notification/add/").status_code == 403

    def test_admin_retry_action(self, client, settings, django_capture_on_commit_callbacks):
        settings.EMAIL_BACKEND = FAILING_EMAIL
        settings.NOTIFICATION_MAX_ATTEMPTS = 1
        with django_capture_on_commit_callbacks(execute=True):
            notification = send_email()
        notification.refresh_from_db()
        assert notification.status == NotificationStatus.FAILED
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        client.force_login(UserFactory(superuser=True))
        response = client.post(
            "/quan-tri/notifications/notification/",
            {"action": "retry", "_selected_action": [notification.pk]},
            follow=True,
        )
        assert "Đã đưa 1 thông báo vào hàng đợi gửi lại." in response.content.decode()
        notification.refresh_from_db()
        assert notification.status == NotificationStatus.SENT
        assert notification.attempts == 2
