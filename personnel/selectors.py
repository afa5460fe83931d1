"""Read helpers of the organisation pages: the organ tree and appointments grouped by person."""


def build_tree(organs):
    """Nest `organs` (already ordered) under their parents; return the roots.

    Each organ gets `child_nodes`; an organ whose parent is not in the list is a root,
    so a dissolved parent never hides its active children.
    """
    by_pk = {organ.pk: organ for organ in organs}
    roots = []
    for organ in organs:
        organ.child_nodes = []
    for organ in organs:
        parent = by_pk.get(organ.parent_id)
        (parent.child_nodes if parent is not None else roots).append(organ)
    return roots


def flatten_tree(roots, depth=0):
    """Yield (organ, depth) depth-first, in chart order."""
    for organ in roots:
        yield organ, depth
        yield from flatten_tree(organ.child_nodes, depth + 1)


def group_by_person(appointments):
    """Return [(person, [appointment, …]), …] in the order people first appear."""
    groups = {}
    for appointment in appointments:
        groups.setdefault(appointment.person_id, (appointment.person, []))[1].append(appointment)
    return list(groups.values())
