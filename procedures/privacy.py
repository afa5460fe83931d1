"""The privacy notice for online dossiers (Personal Data Protection Law 91/2025/QH15).

The text lives in templates/procedures/privacy_notice.html. Any change to it must bump
VERSION: each dossier records the version its applicant consented to.
"""

import datetime

VERSION = "2026.1"
EFFECTIVE = datetime.date(2026, 1, 1)
