"""Admin of the `congress` app, one module per section."""

from congress.admin import documents, meeting, news, targets  # noqa: F401 - registers them
