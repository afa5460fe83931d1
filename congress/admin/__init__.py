"""Admin of the `congress` app, one module per section."""

from congress.admin import documents, meeting, news  # noqa: F401 - registers the ModelAdmins
