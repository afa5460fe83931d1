"""Admin of the `congress` app, one module per section."""

from . import documents, news  # noqa: F401 - registers the ModelAdmins
