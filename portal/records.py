"""Building blocks shared by the portal's records: append-only rows, generic targets."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    """Raised on any attempt to change or delete an append-only record."""


class AppendOnlyQuerySet(models.QuerySet):
    """Refuses bulk changes: history is written once and kept."""

    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model._meta.label} is append-only: no update.")

    def delete(self):
        raise AppendOnlyError(f"{self.model._meta.label} is append-only: no delete.")


class AppendOnlyModel(models.Model):
    """A row that is inserted once and never changed or deleted (history, audit)."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{self._meta.label} is append-only: no change.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{self._meta.label} is append-only: no delete.")


class TargetQuerySet(models.QuerySet):
    def for_object(self, obj):
        """Return the records about `obj`."""
        return self.filter(
            target_type=ContentType.objects.get_for_model(obj), target_id=str(obj.pk)
        )


class TargetedModel(models.Model):
    """A record about any other record (a dossier, an article…), by content type and id."""

    target_type = models.ForeignKey(
        ContentType,
        verbose_name=_("loại đối tượng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    target_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True)
    target = GenericForeignKey("target_type", "target_id")

    class Meta:
        abstract = True
