import pytest

from tests.procedures.factories import ProcedureFactory, QuestionFactory, RequiredDocumentFactory


@pytest.fixture
def procedure(db):
    """An online procedure with two mandatory documents, one optional, and two questions."""
    p = ProcedureFactory(name="Đăng ký khai sinh thử nghiệm", processing_days=None)
    RequiredDocumentFactory(procedure=p, name="Tờ khai", accepted_types="pdf,jpeg,png")
    RequiredDocumentFactory(procedure=p, name="Giấy chứng sinh", accepted_types="pdf,jpeg,png")
    RequiredDocumentFactory(procedure=p, name="Văn bản ủy quyền", is_mandatory=False)
    QuestionFactory(procedure=p, key="ten_tre", label="Tên của trẻ", kind="text")
    QuestionFactory(procedure=p, key="ngay_sinh_tre", label="Ngày sinh của trẻ", kind="date")
    return p


@pytest.fixture
def desk_procedure(field_a):
    """A procedure of the reception officer's field (what the desk's post_data fills): two
    mandatory documents, one optional, one question of its own."""
    p = ProcedureFactory(name="Đăng ký khai sinh tại quầy", field=field_a, processing_days=3)
    RequiredDocumentFactory(procedure=p, name="Tờ khai đăng ký khai sinh", order=1)
    RequiredDocumentFactory(procedure=p, name="Giấy chứng sinh", order=2)
    RequiredDocumentFactory(procedure=p, name="Văn bản ủy quyền", is_mandatory=False, order=3)
    QuestionFactory(procedure=p, key="ten_tre", label="Tên của trẻ", kind="text")
    return p
