"""portal.db.choice_label: what get_FOO_display() shows, for one translation's cost."""

from django.utils import translation

from congress.constants import DocumentType
from congress.models import Document
from portal.db import choice_label
from procedures.constants import ServiceLevel
from procedures.models import Procedure


def test_label_of_every_choice_matches_get_display():
    for value, _label in DocumentType.choices:
        document = Document(doc_type=value)
        assert str(document.type_label) == str(document.get_doc_type_display())
    for value, _label in ServiceLevel.choices:
        procedure = Procedure(service_level=value)
        assert str(procedure.service_level_label) == str(procedure.get_service_level_display())


def test_an_unknown_value_is_shown_as_stored():
    assert choice_label(DocumentType, "cu-khong-con") == "cu-khong-con"
    assert Document(doc_type="cu-khong-con").type_label == "cu-khong-con"


def test_label_follows_the_active_language():
    document = Document(doc_type=DocumentType.values[0])
    for language in ("vi", "en"):
        with translation.override(language):
            assert str(document.type_label) == str(document.get_doc_type_display())
