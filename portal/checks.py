"""System checks of the site's own settings (`manage.py check`, run at start-up too)."""

import os

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.files)
def upload_temp_dir(app_configs=None, **kwargs):
    """FILE_UPLOAD_TEMP_DIR, when set, must be a folder the site can write: otherwise every
    upload over 2.5 MB would fail and answer the full-disk 503 (portal.uploads)."""
    folder = settings.FILE_UPLOAD_TEMP_DIR
    if not folder:
        return []
    if not os.path.isdir(folder):
        return [
            checks.Error(
                f"FILE_UPLOAD_TEMP_DIR {folder} does not exist.",
                hint="Create it on the disk of PRIVATE_MEDIA_ROOT, writable by the site only "
                "(deploy/README.md), or unset it to use the system's temporary folder.",
                id="portal.E001",
            )
        ]
    if not os.access(folder, os.W_OK | os.X_OK):
        return [
            checks.Error(
                f"FILE_UPLOAD_TEMP_DIR {folder} is not writable by this process.",
                hint="Give it to the site's user (deploy/README.md); under systemd list it "
                "in the unit's ReadWritePaths.",
                id="portal.E002",
            )
        ]
    return []
