"""A system check on the schedule's content: `manage.py check --database default`.

Tagged `database` because it reads rows: Django runs such checks only when asked, never
at every start-up (the admin's changelist shows the same warning to editors).
"""

from django.core import checks
from django.db import DatabaseError


@checks.register(checks.Tags.database)
def chair_receives_weekly(app_configs=None, databases=None, **kwargs):
    """Law 42/2013/QH13 Art. 15(2)(d): the chair receives citizens at least one day a week."""
    if not databases:
        return []
    from reception.rules import chair_has_weekly_session

    try:
        ok = chair_has_weekly_session()
    except DatabaseError:  # tables not migrated yet
        return []
    if ok:
        return []
    return [
        checks.Warning(
            "No weekly reception session of the ward chair is in force today.",
            hint="Law 42/2013/QH13 Art. 15(2)(d) asks the chair of the People's Committee "
            "to receive citizens at least one day a week: add the session in the admin "
            "(Tiếp công dân › Buổi tiếp định kỳ).",
            id="reception.W001",
        )
    ]
