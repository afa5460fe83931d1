from . import meeting, organisation  # noqa: F401  (registers the ModelAdmins)
