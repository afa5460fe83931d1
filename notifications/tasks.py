"""Background tasks of the portal (django.tasks)."""

from django.tasks import task

from notifications.services import deliver


@task()
def send_notification(notification_id):
    """Make one delivery attempt for a queued notification (see notifications.services)."""
    return deliver(notification_id)
