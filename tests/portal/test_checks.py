"""The site's system checks: a FILE_UPLOAD_TEMP_DIR that cannot take uploads stops start-up."""

from portal.checks import upload_temp_dir


def ids(settings):
    return [message.id for message in upload_temp_dir()]


def test_unset_uses_the_system_folder(settings):
    settings.FILE_UPLOAD_TEMP_DIR = None
    assert ids(settings) == []


def test_an_existing_writable_folder_passes(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    assert ids(settings) == []


def test_a_missing_folder_is_an_error(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "absent")
    assert ids(settings) == ["portal.E001"]


def test_a_folder_the_site_cannot_write_is_an_error(settings, tmp_path, monkeypatch):
    # As root every folder is writable: the permission test is os.access's answer.
    monkeypatch.setattr("portal.checks.os.access", lambda path, mode: False)
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    assert ids(settings) == ["portal.E002"]
