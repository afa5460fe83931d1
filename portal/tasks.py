"""Background tasks of the portal (django.tasks)."""

from django.tasks import task

from portal.notifications import deliver


@task()
def send_notification(notification_id):
    """Make one delivery attempt for a queued notification (see portal.notifications)."""
    return deliver(notification_id)
