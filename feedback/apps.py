from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Phản ánh, kiến nghị")

    def ready(self):
        # Imported here: models load only once the app registry is ready.
        from feedback import models
        from portal import pagecache

        # Topics are public (the form, the list's filter). An item flushes the page cache
        # only when its public face changes (feedback.services publishes and withdraws),
        # not on every save: a flood of new reports must not empty the cache.
        pagecache.watch(models.Topic)
