"""The site's file-system storage: a write that fails leaves no partial file behind.

Django's FileSystemStorage keeps whatever it wrote when the disk fills halfway through a
file; that half file then waits for a sweeper (residents' files) or stays for good
(pictures in MEDIA_ROOT). Both storages of settings.STORAGES that take uploads, the
public one and procedures.storage.PrivateStorage, build on this class.
"""

import logging

from django.core.files.storage import FileSystemStorage as DjangoFileSystemStorage

logger = logging.getLogger(__name__)


class FileSystemStorage(DjangoFileSystemStorage):
    """FileSystemStorage whose failed `save` removes the file it had started."""

    def save(self, name, content, max_length=None):
        """Save as Django does; if writing fails, delete the partial file and re-raise.

        The name is made free first (`get_available_name`), so a file found under it after
        the failure is this write's own; Django's save keeps a free name unchanged. A
        FileExistsError is another writer's file and is left alone.
        """
        if name is None:
            name = content.name
        name = self.get_available_name(name, max_length=max_length)
        try:
            return super().save(name, content, max_length=max_length)
        except FileExistsError:
            raise
        except OSError:
            try:
                self.delete(name)
            except OSError:
                logger.warning("Could not remove the partial file %s", name)
            raise
