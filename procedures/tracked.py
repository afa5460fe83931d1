"""The dossier a visitor's session has open: after tracking, sending or signing in.

One session key, read and written only here: the tracking pages, the receipt, payment and
result download all act on this dossier and on no other the visitor names.
"""

TRACKING_KEY = "procedures:tracking"


def open_tracking(session, dossier_pk, token=""):
    """Open dossier `dossier_pk` in `session` (`token`: its receipt token, if sent here)."""
    session[TRACKING_KEY] = {"dossier": dossier_pk, "token": token}


def tracked(session):
    """(pk, receipt token) of the dossier the session has open, or (None, "")."""
    entry = session.get(TRACKING_KEY)
    if not isinstance(entry, dict) or "dossier" not in entry:
        return None, ""
    return entry["dossier"], entry.get("token", "")
