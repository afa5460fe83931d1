"""The privacy notice for online dossiers (Personal Data Protection Law 91/2025/QH15).

The text lives in templates/procedures/privacy_notice.html. Any change to it must bump
VERSION: each dossier records the version its applicant consented to.

The notice states what a dossier's code with its phone number, or its secret tracking
link, reveals; every page reachable that way (the tracking page and its supplement,
withdrawal and rating answers, the receipt) shows that and nothing more:

- the applicant's name and phone, masked (N*** V*** An, 0912 *** 678);
- the procedure, the code, when it was submitted, the appointment date, the status and
  its history with the notes the officers address to the resident, an open supplement
  request, the rating given;
- the names of the document types received, and whether on paper or as a file.

Never the identity number, birth date, sex, address, e-mail, the procedure's answers, nor
an uploaded file's name or content. The complete receipt (form 01) is printed at the desk
by an officer and handed to the applicant in person (procedures.desk.printing).
"""

import datetime

VERSION = "2026.2"
EFFECTIVE = datetime.date(2026, 12, 6)


def received_documents(documents):
    """What a tracking page says of a dossier's documents: one row per document type, in
    the order received, [{"name", "files", "on_paper"}]; no file name ever."""
    rows = {}
    for document in documents:
        row = rows.setdefault(
            document.document_name, {"name": document.document_name, "files": 0, "on_paper": False}
        )
        if document.on_paper:
            row["on_paper"] = True
        else:
            row["files"] += 1
    return list(rows.values())
