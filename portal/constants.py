"""Choices of the portal app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MergeScope(models.TextChoices):
    WHOLE = "whole", _("Toàn bộ diện tích và dân số")
    PART = "part", _("Một phần diện tích và dân số")
