"""Building blocks shared by the portal's records: append-only rows, statuses only a
workflow service changes, generic targets."""

import contextvars
from contextlib import contextmanager

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


class StatusChangeRefused(RuntimeError):
    """Raised when code changes a guarded status outside its workflow service."""


# The models whose status the current block may change (`status_change_allowed`).
_status_change = contextvars.ContextVar("status_change_allowed", default=frozenset())


@contextmanager
def status_change_allowed(model):
    """Let `model.save()` store a changed status: each workflow service wraps its own save
    of a new status in this block, and nothing else does."""
    token = _status_change.set(_status_change.get() | {model})
    try:
        yield
    finally:
        _status_change.reset(token)


class GuardedStatusQuerySet(models.QuerySet):
    def update(self, **kwargs):
        if "status" in kwargs:
            raise StatusChangeRefused(
                f"Change a {self.model._meta.model_name}'s status with its workflow service."
            )
        return super().update(**kwargs)


class GuardedStatusModel(models.Model):
    """A row whose `status` changes only through its workflow service (which writes the
    history with it): a new row starts at INITIAL_STATUS, and any other save of a changed
    status, or a bulk update of it, is refused."""

    INITIAL_STATUS = None

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        allowed = type(self) in _status_change.get()
        if self._state.adding:
            if self.status != self.INITIAL_STATUS and not allowed:
                raise StatusChangeRefused(
                    f"A new {self._meta.model_name} starts as {self.INITIAL_STATUS!r}."
                )
        elif self.status != getattr(self, "_loaded_status", self.status) and not allowed:
            raise StatusChangeRefused(
                f"Change a {self._meta.model_name}'s status with its workflow service."
            )
        super().save(*args, **kwargs)
        self._loaded_status = self.status

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_status = instance.__dict__.get("status")
        return instance

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        self._loaded_status = self.status

    def status_saved(self, status):
        """Tell this copy that `status` is what its row now holds (another copy saved it)."""
        self._loaded_status = status
