"""Who may see and change which dossier: the one place the staff-side rules live.

Used by the workflow service, the admin (changelist, change page, history, actions,
exports), the document downloads and the printable forms alike, so that no page is more
generous than another.

* A user must hold ``procedures.view_dossier`` to see any dossier.
* Leaders (``procedures.view_all_fields``) and superusers see every dossier; everyone else
  sees the dossiers of the fields assigned to them in their `StaffProfile`, plus any
  dossier assigned to them by name.
* Each transition needs the permission of its row in `procedures.transitions` on top
  (reception or processing).
* Registering a dossier brought in person is the desk's step: ``receive_dossier``, for
  the user's own fields (leaders: every field).
"""

from django.db.models import Q

from procedures.constants import DossierStatus as S
from procedures.models import Dossier, Procedure, ProcedureField

RECEIVE = "procedures.receive_dossier"
PROCESS = "procedures.process_dossier"
APPROVE_SECOND_SUPPLEMENT = "procedures.approve_second_supplement"
VIEW_ALL = "procedures.view_all_fields"
ASSIGN = "procedures.assign_dossier"
APOLOGISE = "procedures.issue_apology"
EXPORT = "procedures.export_register"
VIEW = "procedures.view_dossier"


def permission_for(from_status, to_status):
    """The permission a staff member needs for this step (besides seeing the dossier)."""
    # Imported here: procedures.transitions imports this module (its table names the
    # permissions defined above).
    from procedures.transitions import TRANSITIONS

    rule = TRANSITIONS.get((S(from_status), S(to_status)))
    return rule.permission if rule is not None else PROCESS


def sees_all(user):
    return user.is_active and (user.is_superuser or user.has_perm(VIEW_ALL))


def assigned_field_ids(user):
    """The ids of the fields assigned to `user`, as a query (a subquery inside a filter)."""
    return ProcedureField.objects.filter(staff__user=user).values_list("pk", flat=True)


def visible_dossiers(user, queryset=None):
    """Narrow `queryset` (all dossiers by default) to those `user` may see."""
    queryset = Dossier.objects.all() if queryset is None else queryset
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return queryset.none()
    if not user.has_perm(VIEW):
        return queryset.none()
    if sees_all(user):
        return queryset
    # Procedure ids rather than a join on the field: one table, two indexes (BitmapOr),
    # which keeps the officer's queue fast at 100 000 dossiers.
    return queryset.filter(Q(procedure_id__in=_procedure_ids(user)) | Q(assigned_to=user))


def _procedure_ids(user):
    return list(Procedure.objects.filter(field__staff__user=user).values_list("pk", flat=True))


def can_see(user, dossier):
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    if not user.has_perm(VIEW):
        return False
    if sees_all(user):
        return True
    return dossier.assigned_to_id == user.pk or (
        dossier.procedure.field_id in assigned_field_ids(user)
    )


def can_transition(user, dossier, to_status):
    """Whether `user` may take `dossier` from its current status to `to_status`."""
    return can_see(user, dossier) and user.has_perm(permission_for(dossier.status, to_status))


def can_apologise(user, dossier):
    return can_see(user, dossier) and user.has_perm(APOLOGISE)


def can_assign(user, dossier):
    return can_see(user, dossier) and user.has_perm(ASSIGN)


def can_register(user, procedure=None):
    """Whether `user` may register a dossier brought in person (for `procedure`, if given).

    The desk's right (``receive_dossier``) limited to the user's fields, like every other
    step: a reception officer registers only for the fields assigned to them, a leader for all.
    """
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    if not (user.has_perm(VIEW) and user.has_perm(RECEIVE)):
        return False
    return procedure is None or sees_all(user) or procedure.field_id in assigned_field_ids(user)


def registrable_procedures(user):
    """The procedures `user` may register in-person dossiers for (none if not allowed)."""
    if not can_register(user):
        return Procedure.objects.none()
    procedures = Procedure.objects.published().select_related("field")
    if not sees_all(user):
        procedures = procedures.filter(field_id__in=assigned_field_ids(user))
    return procedures


def can_handle_field(user, field_id):
    """Whether `user` may be assigned a dossier of this field (an officer of it, or a leader)."""
    return (
        user.is_active
        and user.is_staff
        and (sees_all(user) or field_id in assigned_field_ids(user))
    )
