"""SMS sending behind a small backend interface (like Django's e-mail backends).

``settings.SMS_BACKEND`` names the class. A gateway backend subclasses `BaseSmsBackend`
and raises `SmsError` when the gateway refuses a message, so the notification task records
the failure and retries.
"""

import sys
import threading
import unicodedata

from django.conf import settings
from django.utils.module_loading import import_string

# Messages "sent" with LocmemSmsBackend, for tests (like django.core.mail.outbox).
outbox = []


class SmsError(Exception):
    """The gateway did not accept the message."""


class BaseSmsBackend:
    def __init__(self, **options):
        self.options = options

    def send(self, recipient, text):
        """Send one message; raise SmsError if it was not accepted."""
        raise NotImplementedError


class ConsoleSmsBackend(BaseSmsBackend):
    """Write messages to standard output (development)."""

    _lock = threading.Lock()

    def __init__(self, stream=None, **options):
        super().__init__(**options)
        self.stream = stream or sys.stdout

    def send(self, recipient, text):
        with self._lock:
            self.stream.write(f"SMS → {recipient}\n{text}\n{'-' * 40}\n")
            self.stream.flush()


class LocmemSmsBackend(BaseSmsBackend):
    """Keep messages in `notifications.sms.outbox` (tests)."""

    def send(self, recipient, text):
        outbox.append({"recipient": recipient, "text": text})


def to_ascii(text):
    """Drop Vietnamese diacritics (đ → d) so a message fits GSM-7's 160 characters."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def get_backend():
    return import_string(settings.SMS_BACKEND)()


def send_sms(recipient, text):
    if settings.SMS_ASCII_ONLY:
        text = to_ascii(text)
    get_backend().send(recipient, text)
